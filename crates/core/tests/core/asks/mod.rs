//! Reading the ask inside a message: two questions in one, context that names the role, the
//! tour pointer for newcomers who ask, and the language file that drives it. Phrasings are
//! the team's own.

mod asides;
mod language;
mod messages;

use rolecall_core::knowledge::Source;
use rolecall_core::{reply, Intent, KnowledgeBase, MatchConfig};
use std::sync::OnceLock;

fn k() -> &'static KnowledgeBase {
    static K: OnceLock<KnowledgeBase> = OnceLock::new();
    K.get_or_init(|| KnowledgeBase::shipped().expect("shipped knowledge loads"))
}

fn ask(q: &str) -> rolecall_core::Reply {
    reply::answer(k(), q, &MatchConfig::DEFAULT)
}

/// Asserts that `plain` and each of `variants` are answered, all with the same entry.
fn same_answer(plain: &str, variants: &[&str]) {
    let p = ask(plain);
    assert!(p.answered, "{plain}: {p:?}");
    for v in variants {
        let r = ask(v);
        assert!(r.answered, "{v}: {r:?}");
        assert_eq!(r.entry, p.entry, "{v}");
    }
}

/// Asserts that each of `variants` gets `plain`'s entry at least as surely (within 0.01),
/// so a watched channel answers it too.
fn as_sure(plain: &str, variants: &[&str]) {
    let p = ask(plain);
    assert!(p.answered, "{plain}: {p:?}");
    for v in variants {
        let r = ask(v);
        assert_eq!(r.entry, p.entry, "{v}: {r:?}");
        assert!(
            r.confidence >= p.confidence - 0.01,
            "{v}: {} against {}",
            r.confidence,
            p.confidence
        );
    }
}
