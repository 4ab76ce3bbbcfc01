//! `/ask question [private]`: the core's answer to a free-text question.

use super::{private_option, text_option};
use crate::discord::response::Response;
use rolecall_core::base::KnowledgeBase;
use rolecall_core::learn::{self, Asked};
use rolecall_core::normalize::without_mentions;
use rolecall_core::{people, reply, MatchConfig};
use serenity::all::CreateCommand;

/// Command name.
pub const NAME: &str = "ask";
/// Option holding the question.
pub const QUESTION: &str = "question";

/// The command's registration.
pub fn register() -> CreateCommand {
    CreateCommand::new(NAME)
        .description("Ask who does what, e.g. \"who owns the backlog?\"")
        .add_option(text_option(QUESTION, "Your question"))
        .add_option(private_option())
}

/// The response for a free-text question asked in `channel` (whose team, if the roster
/// gives it one, is the team a "who is our PO?" is about): answer, suggestions, or a
/// private decline.
pub fn run(
    k: &KnowledgeBase,
    cfg: &MatchConfig,
    question: &str,
    asker: u64,
    channel: u64,
) -> Response {
    answer(k, cfg, question, asker, channel).0
}

/// Like [`run`], with what the question leaves in the question log.
pub fn answer(
    k: &KnowledgeBase,
    cfg: &MatchConfig,
    question: &str,
    asker: u64,
    channel: u64,
) -> (Response, Asked) {
    let found = k.find(question, cfg);
    let r = reply::from_match_in(k, &found, cfg, people::team_of_channel(k, channel));
    let declined = !r.answered && r.suggestions.is_empty();
    let asked = learn::asked(k, &without_mentions(question), &found, &r);
    (Response::from_reply(&r, asker).or_private(declined), asked)
}
