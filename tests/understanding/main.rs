//! How questions are understood on the shipped knowledge: the interpretation, chatty
//! questions, roles the knowledge lacks, "who does X", claims, help and small talk.
//! One line per behaviour; phrasings are our own, not from the evaluation set.

mod answers;
mod context;
mod interpretation;

use rolecall::discord::messages::{self, Incoming, Trigger};
use rolecall_core::{reply, Intent, Kind, KnowledgeBase, MatchConfig};
use std::sync::OnceLock;

fn k() -> &'static KnowledgeBase {
    static K: OnceLock<KnowledgeBase> = OnceLock::new();
    K.get_or_init(|| KnowledgeBase::shipped().expect("shipped knowledge loads"))
}

fn ask(q: &str) -> rolecall_core::Reply {
    reply::answer(k(), q, &MatchConfig::DEFAULT)
}

fn role_ids(q: &str) -> Vec<String> {
    let it = k().interpret(q);
    it.roles.iter().map(|&r| k().roles[r].id.clone()).collect()
}
