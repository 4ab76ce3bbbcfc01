//! Property tests: arbitrary unicode of any length never panics and always renders within limits.

use proptest::prelude::*;
use rolecall_core::render::Embed;
use rolecall_core::{reply, report, KnowledgeBase, MatchConfig};
use std::sync::OnceLock;

fn k() -> &'static KnowledgeBase {
    static K: OnceLock<KnowledgeBase> = OnceLock::new();
    K.get_or_init(|| KnowledgeBase::shipped().expect("shipped knowledge loads"))
}

fn assert_sound(q: &str) {
    let r = reply::answer(k(), q, &MatchConfig::DEFAULT);
    assert!(Embed::from_reply(&r).within_limits());
    assert!((0.0..=1.0).contains(&r.confidence));
    // Whatever was asked, every entry offered or answered is one that can be looked up
    // again (buttons carry these ids).
    let offered = r.suggestions.iter().chain(&r.related).map(|o| &o.entry);
    for id in r.entry.iter().chain(offered).filter(|id| *id != "help") {
        assert!(k().parse_entry(id).is_some(), "{q:?}: {id} names nothing");
    }
    // `ask --json` writes one line per question, whatever the question holds.
    let line = report::ask_json(q, &r).to_string();
    assert!(!line.contains('\n'), "{line}");
    let back: serde_json::Value = serde_json::from_str(&line).expect("the line parses back");
    assert_eq!(back["question"], q);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_unicode_is_answered_safely(q in "\\PC{0,700}") {
        assert_sound(&q);
    }

    #[test]
    fn domain_words_in_any_order_are_answered_safely(
        words in prop::collection::vec(prop::sample::select(vec![
            "pm", "po", "vs", "owner", "product", "<@1>", "```x```", "`y`", "https://a.b",
            "whooooo", "🦀", "é", "@everyone", "backlog", "salary", "owns", "ART", "’", "—",
        ]), 0..60)
    ) {
        assert_sound(&words.join(" "));
    }
}

#[test]
fn hostile_inputs_are_answered_safely() {
    let huge = "a".repeat(1_000_000);
    let zalgo = "p\u{0336}\u{0337}o\u{0338}".repeat(500);
    let rtl = "\u{202E}who owns the backlog\u{202C}";
    for q in [
        huge.as_str(),
        zalgo.as_str(),
        rtl,
        "\0\0\0",
        "<<<<<@@@@>>>>",
        "`````",
        "<@",
        "http://",
    ] {
        assert_sound(q);
    }
    // Bidirectional-text controls around a question do not hide it.
    let r = reply::answer(k(), rtl, &MatchConfig::DEFAULT);
    assert_eq!(r.entry.as_deref(), Some("who-owns-backlog"), "{r:?}");
}
