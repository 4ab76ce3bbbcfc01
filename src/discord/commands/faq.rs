//! `/faq topic [private]`: an FAQ or glossary term, picked with fuzzy autocomplete.

use super::{private_option, text_option};
use crate::discord::response::Response;
use rolecall_core::base::KnowledgeBase;
use rolecall_core::knowledge::Entry;
use rolecall_core::{reply, MatchConfig};
use serenity::all::CreateCommand;

/// Command name.
pub const NAME: &str = "faq";
/// Option holding the FAQ or term (autocompleted).
pub const TOPIC: &str = "topic";

/// The command's registration.
pub fn register() -> CreateCommand {
    CreateCommand::new(NAME)
        .description("Look up a frequently asked question or a term")
        .add_option(
            text_option(TOPIC, "Start typing to pick a question or term").set_autocomplete(true),
        )
        .add_option(private_option())
}

/// Answers the picked FAQ or term; typed text that names none is matched as a question.
pub fn run(
    k: &KnowledgeBase,
    cfg: &MatchConfig,
    topic: &str,
    asker: u64,
    channel: u64,
) -> Response {
    match k.parse_entry(topic.trim()) {
        Some(e @ (Entry::Faq(_) | Entry::Term(_))) => {
            Response::from_reply(&reply::for_entry(k, e), asker)
        }
        _ => super::ask::run(k, cfg, topic, asker, channel),
    }
}
