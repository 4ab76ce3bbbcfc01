//! `/role name [aspect] [private]`: a role card, or one of the role's facts.

use super::{private_option, resolve_aspect, resolve_role, text_option};
use crate::discord::response::Response;
use rolecall_core::base::KnowledgeBase;
use rolecall_core::knowledge::{Entry, Knowledge, RoleSet};
use rolecall_core::reply;
use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

/// Command name.
pub const NAME: &str = "role";
/// Option holding the role (autocompleted).
pub const ROLE: &str = "name";
/// Option holding the aspect (autocompleted).
pub const ASPECT: &str = "aspect";

/// The command's registration.
pub fn register() -> CreateCommand {
    CreateCommand::new(NAME)
        .description("Show a role card, or one thing about a role")
        .add_option(text_option(ROLE, "The role").set_autocomplete(true))
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                ASPECT,
                "What about it (optional)",
            )
            .max_length(super::MAX_INPUT_CHARS)
            .set_autocomplete(true),
        )
        .add_option(private_option())
}

/// The role card, or the fact for `aspect`; unknown names get a private hint.
pub fn run(k: &KnowledgeBase, name: &str, aspect: Option<&str>, asker: u64) -> Response {
    let Some(role) = resolve_role(k, name) else {
        return unknown_role(k, name);
    };
    let entry = match aspect {
        None => Entry::Role(role),
        Some(text) => match resolve_aspect(k, text, RoleSet::of(role)) {
            Some(aspect) => Entry::Fact { role, aspect },
            None => {
                return Response::notice(&format!(
                    "I have nothing on “{}” for the {}. I can tell you about: {}.",
                    rolecall_core::limits::truncate(text, 60),
                    k.roles[role].name,
                    aspects_of(k, RoleSet::of(role))
                ))
            }
        },
    };
    Response::from_reply(&reply::for_entry(k, entry), asker)
}

/// The private hint for a role name that matches no role.
pub(super) fn unknown_role(k: &Knowledge, name: &str) -> Response {
    let roles: Vec<&str> = k.roles.iter().map(|r| r.name.as_str()).collect();
    Response::notice(&format!(
        "I don't know a role called “{}”. I know: {}.",
        rolecall_core::limits::truncate(name, 60),
        roles.join(", ")
    ))
}

/// Names of the aspects every role in `roles` has, for hints.
pub(super) fn aspects_of(k: &Knowledge, roles: RoleSet) -> String {
    k.aspects
        .iter()
        .enumerate()
        .filter(|&(a, _)| k.all_have(roles, a))
        .map(|(_, a)| a.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
