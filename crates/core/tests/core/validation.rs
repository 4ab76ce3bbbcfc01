//! One malformed knowledge fixture per validation problem, each with its specific message.

use rolecall_core::knowledge::Source;
use rolecall_core::{Knowledge, KnowledgeBase, LoadError};
use std::path::Path;

fn problems_of(name: &str) -> Vec<String> {
    let path = Path::new("../../tests/fixtures/bad").join(name);
    let sources = Knowledge::read_sources(&path).expect("fixture readable");
    KnowledgeBase::check(&sources)
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// (fixture, expected `file:line: entry: message` fragment, is it an error)
const CASES: &[(&str, &str, bool)] = &[
    ("syntax.toml", "syntax.toml:3: role `pm`: invalid TOML: invalid basic string", true),
    ("unknown-key.toml", "unknown-key.toml:4: term `art`: unknown key `definiton`; expected one of", true),
    ("unknown-meta-key.toml", "unknown-meta-key.toml:3: meta: unknown key `credits`; expected one of", true),
    ("unknown-language-key.toml", "unknown-language-key.toml:7: language: unknown key `greeting`; expected one of", true),
    ("unknown-role-key.toml", "unknown-role-key.toml:12: role `sre`: unknown key `sumary`; expected one of", true),
    ("duplicate-id.toml", "duplicate-id.toml:7: faq `art`: duplicate id `art`: already used by term `art` at ../../tests/fixtures/bad/duplicate-id.toml:2", true),
    ("bad-id.toml", "bad-id.toml:2: term `Agile Release Train`: id `Agile Release Train` must be lowercase letters, digits and dashes", true),
    ("alias-collision.toml", "alias-collision.toml:8: term `pm-term`: alias `PM` is also used by role `pm` at ../../tests/fixtures/bad/alias-collision.toml:2", true),
    ("missing-related.toml", "missing-related.toml:2: faq `who-owns-backlog`: related entry `foo` does not exist", true),
    ("empty-text.toml", "empty-text.toml:2: faq `who-owns-backlog`: answer is empty", true),
    ("unknown-aspect.toml", "unknown-aspect.toml:13: role `po`: fact for unknown aspect `salary` (known aspects: owns)", true),
    ("too-long.toml", "too-long.toml:12: role `po`: fact `owns` has 1025 characters; Discord shows at most 1024 here", true),
    ("bad-colour.toml", "bad-colour.toml:2: role `po`: colour `blue` must look like #1f8b4c", true),
    ("self-related.toml", "self-related.toml:2: term `epic`: related entry `epic` is the entry itself", true),
    ("synonym-collision.toml", "synonym-collision.toml:8: synonym `ask`: synonym `po` is also used by role `po` at ../../tests/fixtures/bad/synonym-collision.toml:2", true),
    ("synonym-shape.toml", "synonym-shape.toml:7: synonym `look after`: word must be one word that is not a stop word", true),
    ("synonym-shape.toml", "synonym-shape.toml:11: synonym `story`: also lists no words", true),
    ("ambiguous.toml", "ambiguous.toml:7: faq `backlog-owner`: warning: \"who owns the backlog\" reads the same as faq `who-owns-backlog`", false),
    ("bad-url.toml", "bad-url.toml:1: meta: url `www.example.com/article` must be a web address starting with https://", true),
    ("period-not-out-of-scope.toml", "period-not-out-of-scope.toml:1: meta: periods has \"iteration\", which is not in out_of_scope", true),
    ("at-a-glance.toml", "at-a-glance.toml:3: meta: warning: credit is too long for a footer and there is no author or publisher to shorten it from: set `short_credit`", false),
    ("at-a-glance.toml", "at-a-glance.toml:8: aspect `owns`: warning: short “the things they own and look after” has 34 characters; buttons hold about 25", false),
    ("at-a-glance.toml", "at-a-glance.toml:19: role `po`: warning: fact `owns` opens with a bold sentence of 83 characters; keep it under 60", false),
    ("at-a-glance.toml", "at-a-glance.toml:22: faq `who-owns-backlog`: warning: answer doesn't open with a bold sentence that answers the question", false),
    ("at-a-glance.toml", "at-a-glance.toml:28: faq `long-answer`: warning: answer has 674 characters; keep it under 600", false),
    ("too-many-glance.toml", "too-many-glance.toml:28: aspect `e`: warning: is marked `glance`, but only the first 4 marked aspects are shown at a glance", false),
];

#[test]
fn each_malformed_fixture_reports_its_specific_problem() {
    for (fixture, expected, _) in CASES {
        let problems = problems_of(fixture);
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{fixture}: expected a problem containing\n  {expected}\ngot:\n  {}",
            problems.join("\n  ")
        );
    }
}

#[test]
fn errors_reject_the_knowledge_and_warnings_do_not() {
    for (fixture, expected, is_error) in CASES {
        let path = Path::new("../../tests/fixtures/bad").join(fixture);
        // The expected problem is the one with the expected severity: an error rejects the
        // knowledge and is listed in the load error; a warning leaves it usable and is kept.
        let problems = match KnowledgeBase::load(&path) {
            Err(LoadError::Invalid(problems)) if *is_error => problems,
            Ok(k) if !*is_error => k.warnings.clone(),
            other => panic!("{fixture}: unexpected {:?}", other.map(|k| k.title.clone())),
        };
        assert!(
            problems
                .iter()
                .any(|p| p.is_error() == *is_error && p.to_string().contains(expected)),
            "{fixture}: no {} containing {expected:?} in {problems:?}",
            if *is_error { "error" } else { "warning" }
        );
    }
}

#[test]
fn every_problem_in_a_file_is_reported_not_just_the_first() {
    let text = r#"
[[faq]]
id = "a"
question = ""
answer = ""
related = ["nope"]

[[faq]]
id = "a"
question = "Q?"
answer = "A."
"#;
    let problems = KnowledgeBase::check(&[Source {
        path: "many.toml".into(),
        text: text.into(),
    }]);
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    for expected in [
        "many.toml:3: faq `a`: question is empty",
        "many.toml:3: faq `a`: answer is empty",
        "many.toml:9: faq `a`: duplicate id `a`",
    ] {
        assert!(
            shown.iter().any(|p| p.contains(expected)),
            "{expected} in {shown:?}"
        );
    }
}

#[test]
fn missing_and_empty_paths_get_clear_errors() {
    let missing =
        KnowledgeBase::load(Path::new("../../tests/fixtures/does-not-exist")).unwrap_err();
    assert_eq!(
        missing.to_string(),
        "../../tests/fixtures/does-not-exist: no such knowledge file or folder"
    );
    let empty = std::env::temp_dir().join(format!("rolecall-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let err = KnowledgeBase::load(&empty).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("folder has no .toml knowledge files"),
        "{err}"
    );
    std::fs::remove_dir_all(&empty).unwrap();
}

#[test]
fn non_utf8_file_is_reported_not_panicked() {
    let dir = std::env::temp_dir().join(format!("rolecall-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bad.toml"), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let err = KnowledgeBase::load(&dir).unwrap_err();
    assert!(
        err.to_string()
            .contains("bad.toml: cannot read: not UTF-8 text"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
