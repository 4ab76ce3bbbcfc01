//! The language file: its problems, the kinds of question it reads, frequencies.

use super::*;

#[test]
fn words_the_language_knows_are_never_typos() {
    let it = k().interpret("any tips on getting started?");
    assert!(it.corrected.is_empty(), "{:?}", it.corrected);
}

fn check(files: &[(&str, &str)]) -> Vec<String> {
    let sources = files
        .iter()
        .map(|(p, t)| Source {
            path: (*p).into(),
            text: (*t).into(),
        })
        .collect::<Vec<_>>();
    KnowledgeBase::check(&sources)
        .iter()
        .map(ToString::to_string)
        .collect()
}

const ROLES: &str =
    "[[role]]\nid = \"po\"\nname = \"Product Owner\"\nsummary = \"Owns the backlog.\"\n";

#[test]
fn a_bad_language_file_is_reported_with_its_lines() {
    let lang = "[language]\ncode = \"en\"\nquestion_words = [\"who\", \"Who's\"]\nrequest_words = [\"explain\"]\nembedders = [\"wondering\"]\nfillers = [\"so\", \"so\"]\n";
    let problems = check(&[("roles.toml", ROLES), ("language.toml", lang)]);
    let has = |s: &str| problems.iter().any(|p| p.contains(s));
    assert!(
        has("language.toml:3: [language]: question_words: “Who's” is read as “whos”"),
        "{problems:#?}"
    );
    assert!(
        has("language.toml:6: [language]: fillers: “so” is listed twice"),
        "{problems:#?}"
    );
    let empty = "[language]\ncode = \"en\"\nquestion_words = []\n";
    let problems = check(&[("roles.toml", ROLES), ("language.toml", empty)]);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("`question_words` is empty")),
        "{problems:#?}"
    );
    assert!(has("no [frequency] table"), "{problems:#?}");
}

#[test]
fn the_kind_of_question_is_read_from_the_language_file() {
    // The cue lists that say what kind of question it is are data: a malformed one is
    // reported with its line, and a team's own phrase changes how questions read.
    let lang = "[language]\ncode = \"en\"\nquestion_words = [\"who\", \"is\"]\nrank_phrases = [\"Report To\", \"outranks\"]\n";
    let problems = check(&[("roles.toml", ROLES), ("language.toml", lang)]);
    assert!(
        problems.iter().any(|p| p.contains(
            "language.toml:4: [language]: rank_phrases: “Report To” is read as “report to”"
        )),
        "{problems:#?}"
    );
    let shipped = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../knowledge/language.toml"
    ))
    .unwrap();
    let mut sources = rolecall_core::Knowledge::shipped_sources();
    let q = "does the PM outflank the PO?";
    let before = KnowledgeBase::from_sources(sources.clone()).unwrap();
    assert_ne!(before.interpret(q).intent, Intent::Hierarchy);
    let ours = shipped.replace("rank_phrases = [", "rank_phrases = [\"outflank\", ");
    for s in &mut sources {
        if s.path.ends_with("language.toml") {
            s.text = ours.clone();
        }
    }
    let after = KnowledgeBase::from_sources(sources).unwrap();
    assert_eq!(after.interpret(q).intent, Intent::Hierarchy);
}

#[test]
fn frequency_bands_must_go_down_and_match_the_language() {
    let lang = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../knowledge/language.toml"
    ))
    .unwrap();
    let freq = "[frequency]\nlanguage = \"de\"\nsource = \"test\"\n[[frequency.band]]\nzipf = 5.0\nwords = \"der die\"\n[[frequency.band]]\nzipf = 6.0\nwords = \"das\"\n";
    let problems = check(&[
        ("roles.toml", ROLES),
        ("language.toml", &lang),
        ("freq.toml", freq),
    ]);
    let has = |s: &str| problems.iter().any(|p| p.contains(s));
    assert!(
        has("freq.toml:8: [frequency]: band zipf = 6"),
        "{problems:#?}"
    );
    assert!(has("the word frequencies are for `de`"), "{problems:#?}");
}

#[test]
fn knowledge_without_a_language_file_is_read_as_english() {
    let kb = KnowledgeBase::from_sources(vec![Source {
        path: "roles.toml".into(),
        text: ROLES.into(),
    }])
    .expect("loads");
    assert_eq!(kb.language.code, "en");
    assert!(kb.language.is_question_word("who"));
}
