//! Golden files: the terminal text (`render::text`) and the Discord interaction response
//! JSON (embed, aspect menu and buttons, pretty-printed) of every kind of reply, from the
//! shipped knowledge.
//!
//! Each case writes `tests/golden/<case>.txt` and `tests/golden/<case>.json`. A difference
//! fails the test with a line diff naming the file. After an intended change, rewrite the
//! files and review them with `git diff tests/golden`:
//!
//! ```sh
//! ROLECALL_BLESS=1 cargo test --test golden
//! ```
//!
//! Answers are chosen by entry id, so they do not depend on matching; only the decline,
//! "did you mean", help and unknown-role cases go through a question, and each first checks
//! that its question still produces that kind of reply.

#[path = "support/hygiene.rs"]
mod hygiene;

use rolecall::discord::response::Response;
use rolecall_core::render::{text, Embed};
use rolecall_core::{onboarding, reply, Kind, KnowledgeBase, MatchConfig, Reply};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Set to any non-empty value other than `0` to rewrite the golden files.
const BLESS: &str = "ROLECALL_BLESS";

fn k() -> &'static KnowledgeBase {
    static K: OnceLock<KnowledgeBase> = OnceLock::new();
    K.get_or_init(|| KnowledgeBase::shipped().expect("shipped knowledge loads"))
}

/// The confident reply for an entry id, as a button or command would show it.
fn entry(id: &str) -> Reply {
    let e = k()
        .parse_entry(id)
        .unwrap_or_else(|| panic!("`{id}` is no longer an entry of the shipped knowledge"));
    reply::for_entry(k(), e)
}

/// The reply to a question, as `/ask` would show it.
fn ask(question: &str) -> Reply {
    reply::answer(k(), question, &MatchConfig::DEFAULT)
}

fn blessing() -> bool {
    std::env::var_os(BLESS).is_some_and(|v| !v.is_empty() && v != "0")
}

fn golden_path(case: &str, ext: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{case}.{ext}"))
}

/// Compares `actual` with the golden file, or rewrites the file when blessing.
fn check_file(case: &str, ext: &str, actual: &str) {
    let path = golden_path(case, ext);
    let shown = format!("tests/golden/{case}.{ext}");
    if blessing() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let unchanged = std::fs::read_to_string(&path).is_ok_and(|old| old == actual);
        if !unchanged {
            std::fs::write(&path, actual).unwrap_or_else(|e| panic!("writing {shown}: {e}"));
            eprintln!("blessed {shown}");
        }
        return;
    }
    let expected = match std::fs::read_to_string(&path) {
        Ok(text) => text.replace("\r\n", "\n"),
        Err(e) => panic!(
            "{shown} cannot be read ({e}).\nCreate it with `{BLESS}=1 cargo test --test golden`, \
             then review and commit it."
        ),
    };
    if expected != actual {
        panic!(
            "{shown} differs from the output (- golden, + actual):\n{}\n\
             If the change is intended, rewrite it with `{BLESS}=1 cargo test --test golden` \
             and review `git diff tests/golden`.",
            diff(&expected, actual)
        );
    }
}

/// User id of the asker in the golden interaction responses.
const ASKER: u64 = 1234;

/// Checks both renderings of a reply against `<case>.txt` and `<case>.json`; the JSON is the
/// whole interaction response Discord receives (embed, menu, buttons, allowed mentions).
fn golden(case: &str, r: &Reply) {
    let embed = Embed::from_reply(r);
    assert!(embed.within_limits(), "{case}: the embed breaks a limit");
    let response = Response::from_reply(r, ASKER).to_interaction();
    check_response(case, &text::render(r), &response);
}

/// Checks a response as Discord receives it and its terminal text against the golden
/// files, and that Discord would show it cleanly.
fn check_response(case: &str, terminal: &str, response: &serenity::all::CreateInteractionResponse) {
    let json = serde_json::to_string_pretty(&response).expect("response serialises") + "\n";
    let problems = hygiene::problems(&serde_json::to_value(response).unwrap());
    assert!(problems.is_empty(), "{case}: {problems:#?}");
    record_for_validation(case, &response);
    // Check both before failing, so one run reports (or blesses) both files.
    let txt = std::panic::catch_unwind(|| check_file(case, "txt", terminal));
    check_file(case, "json", &json);
    if let Err(e) = txt {
        std::panic::resume_unwind(e);
    }
}

/// Writes the response as the interaction callback it would be, to
/// `target/e2e-requests/golden-<case>.jsonl`, so `scripts/validate-e2e-payloads.sh` checks
/// every golden layout against Discord's OpenAPI spec and limits too.
fn record_for_validation(case: &str, response: &impl serde::Serialize) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is inside the target directory")
        .join("e2e-requests");
    std::fs::create_dir_all(&dir).unwrap();
    let line = serde_json::json!({
        "scenario": format!("golden {case}"),
        "i": 0,
        "method": "POST",
        "path": "/interactions/1/token/callback",
        "body": response,
    });
    std::fs::write(
        dir.join(format!("golden-{case}.jsonl")),
        format!("{line}\n"),
    )
    .unwrap();
}

/// A line diff (longest common subsequence) with two lines of context around changes.
fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut ops: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            ops.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', a[i]));
            i += 1;
        } else {
            ops.push(('+', b[j]));
            j += 1;
        }
    }
    let near_change = |n: usize| {
        let lo = n.saturating_sub(2);
        let hi = (n + 2).min(ops.len() - 1);
        ops[lo..=hi].iter().any(|(op, _)| *op != ' ')
    };
    let mut out = String::new();
    let mut skipped = false;
    for (n, (op, line)) in ops.iter().enumerate() {
        if near_change(n) {
            if skipped {
                out.push_str("  …\n");
                skipped = false;
            }
            out.push_str(&format!("{op} {line}\n"));
        } else {
            skipped = true;
        }
    }
    if skipped {
        out.push_str("  …\n");
    }
    if expected.lines().eq(actual.lines()) {
        out.push_str("(only the line endings or the final newline differ)\n");
    }
    out
}

// Answers, chosen by entry id.

/// A page of the shipped tour after `answers` (step, choice): the Discord page as
/// `/onboard` sends it, and the terminal's page as `rolecall onboard` prints it.
fn tour_page(case: &str, page: onboarding::Page, answers: &[(usize, usize)]) {
    let k = k();
    let tour = k.tour.as_ref().expect("the shipped knowledge has a tour");
    let mut progress = onboarding::Progress::new(0);
    for &(step, choice) in answers {
        onboarding::apply(
            tour,
            &mut progress,
            onboarding::Action::Answer { step, choice },
            1,
        );
    }
    let discord = onboarding::view(k, &progress, page, onboarding::Surface::Discord, None);
    let terminal = onboarding::view(k, &progress, page, onboarding::Surface::Terminal, None);
    let response = rolecall::discord::tour::page(tour, &discord, ASKER, true).to_interaction();
    check_response(case, &text::render(&terminal.reply), &response);
}

/// The first step with a quiz, and its right choice.
fn first_quiz() -> (usize, usize) {
    let tour = k().tour.as_ref().unwrap();
    let i = tour.steps.iter().position(|s| s.quiz.is_some()).unwrap();
    (i, tour.steps[i].quiz.as_ref().unwrap().answer)
}

#[test]
fn tour_quiz_open() {
    tour_page("tour-quiz", onboarding::Page::Step(first_quiz().0), &[]);
}

#[test]
fn tour_quiz_answered_wrong() {
    let (step, right) = first_quiz();
    let wrong = (right + 1) % 3;
    tour_page(
        "tour-quiz-wrong",
        onboarding::Page::Step(step),
        &[(step, wrong)],
    );
}

#[test]
fn tour_summary_after_a_wrong_answer() {
    let (step, right) = first_quiz();
    tour_page(
        "tour-summary",
        onboarding::Page::Summary,
        &[(step, (right + 1) % 3)],
    );
}

#[test]
fn role_card() {
    golden("role-card", &entry("po"));
}

#[test]
fn role_fact() {
    golden("role-fact", &entry("pm.salary"));
}

#[test]
fn comparison() {
    golden("comparison", &entry("pm+po"));
}

#[test]
fn comparison_on_one_aspect() {
    golden("comparison-aspect", &entry("pm+po.owns"));
}

#[test]
fn faq() {
    // An answer with a bold lead and a bullet list.
    golden("faq", &entry("in-common"));
}

#[test]
fn glossary_term() {
    golden("term", &entry("art"));
}

// Replies that only a question can produce.

#[test]
fn decline_off_topic() {
    let q = "what is the capital of france";
    let r = ask(q);
    assert!(
        !r.answered && r.kind == Kind::None && r.suggestions.is_empty(),
        "{q:?} should be declined; pick another off-topic question: {r:?}"
    );
    golden("decline", &r);
}

#[test]
fn decline_out_of_scope_topic_by_name() {
    let q = "what does a scrum master do?";
    let r = ask(q);
    assert!(
        !r.answered && r.suggestions.is_empty() && r.description.contains("scrum master"),
        "{q:?} should be declined naming the topic: {r:?}"
    );
    golden("decline-out-of-scope", &r);
}

#[test]
fn did_you_mean() {
    let q = "the backlog stuff";
    let r = ask(q);
    assert!(
        !r.answered && !r.suggestions.is_empty(),
        "{q:?} should get suggestions; pick another near miss: {r:?}"
    );
    golden("suggestions", &r);
}

#[test]
fn none_of_these() {
    golden("none-of-these", &reply::none_of_these(k()));
}

#[test]
fn help() {
    let r = ask("help");
    assert_eq!(r.kind, Kind::Help, "\"help\" should get the help reply");
    golden("help", &r);
}

#[test]
fn unknown_role_decline() {
    let q = "UX designer vs PM";
    let r = ask(q);
    assert!(
        !r.answered && r.description.contains("ux designer"),
        "{q:?} should be declined naming the role: {r:?}"
    );
    golden("unknown-role", &r);
}

// The harness itself.

#[test]
fn diff_marks_changed_lines_with_context() {
    let d = diff("a\nb\nc\nd\ne\nf\ng\n", "a\nb\nc\nD\ne\nf\ng\n");
    assert_eq!(d, "  …\n  b\n  c\n- d\n+ D\n  e\n  f\n  …\n");
    let d = diff("x\n", "x");
    assert!(d.contains("final newline"), "{d}");
}
