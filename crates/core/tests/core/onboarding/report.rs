//! The admins' report on the tour.

use super::fits::assert_within_limits;
use super::*;

fn stats(started: u64, finished: u64, answers: &[(&str, u32, u64)]) -> Stats {
    Stats {
        started,
        finished,
        answers: answers
            .iter()
            .map(|&(s, c, n)| (s.to_string(), c, n))
            .collect(),
    }
}

#[test]
fn the_report_puts_the_most_wrong_question_first() {
    let k = with_tour();
    let s = stats(
        12,
        7,
        &[
            ("meet-pm", 1, 9), // right
            ("meet-pm", 0, 1),
            ("meet-po", 0, 4), // right
            ("meet-po", 1, 6),
            ("who-decides", 2, 5), // right
            ("who-decides", 1, 2),
            ("who-decides", 0, 1),
            ("a-removed-step", 0, 50),
            ("meet-pm", 9, 3), // a choice the quiz no longer has
        ],
    );
    let r = report(&k, &s);
    assert_eq!(r.title, "Onboarding report");
    assert!(
        r.description.contains("12 started · 7 finished (58%)"),
        "{}",
        r.description
    );
    let names: Vec<&str> = r.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Step 3 · Who owns the team backlog?",
            "Step 4 · Who decides what the train builds next?",
            "Step 2 · What does the PM look after?",
        ]
    );
    assert_eq!(
        r.fields[0].value,
        "10 answered · **6 wrong** (60%) · most picked wrong: “The Product Manager” (6)"
    );
    assert_eq!(
        r.fields[1].value,
        "8 answered · **3 wrong** (38%) · most picked wrong: “The PO alone” (2)"
    );
    assert!(r.fields[2]
        .value
        .starts_with("10 answered · **1 wrong** (10%)"));
    assert_within_limits(
        &View {
            page: Page::Intro,
            reply: r,
            buttons: Vec::new(),
        },
        "report",
    );
}

#[test]
fn the_report_says_when_nothing_is_known_yet() {
    let k = with_tour();
    let r = report(&k, &Stats::default());
    assert!(
        r.description.contains("Nobody has started the tour yet"),
        "{}",
        r.description
    );
    assert!(r.description.contains("/onboarding post"));
    assert!(r.fields.is_empty());

    let r = report(&k, &stats(3, 0, &[("meet-pm", 1, 2)]));
    assert!(r.description.contains("3 started · 0 finished (0%)"));
    let answered: Vec<&str> = r.fields.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(
        answered,
        [
            "2 answered · all right",
            "Nobody answered it yet.",
            "Nobody answered it yet."
        ]
    );

    let mut k = shipped();
    k.tour = None;
    let r = report(&k, &stats(3, 1, &[]));
    assert!(
        r.description.contains("no onboarding tour"),
        "{}",
        r.description
    );
}
