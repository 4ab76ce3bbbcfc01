//! `/compare first second [aspect] [private]`: two roles side by side.

use super::role::{aspects_of, unknown_role};
use super::{private_option, resolve_aspect, resolve_role, text_option};
use crate::discord::response::Response;
use rolecall_core::base::KnowledgeBase;
use rolecall_core::knowledge::{Entry, RoleSet};
use rolecall_core::reply;
use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

/// Command name.
pub const NAME: &str = "compare";
/// Option holding the first role.
pub const FIRST: &str = "first";
/// Option holding the second role.
pub const SECOND: &str = "second";
/// Option holding the aspect to compare on.
pub const ASPECT: &str = "aspect";

/// The command's registration.
pub fn register() -> CreateCommand {
    CreateCommand::new(NAME)
        .description("Compare two roles side by side")
        .add_option(text_option(FIRST, "First role").set_autocomplete(true))
        .add_option(text_option(SECOND, "Second role").set_autocomplete(true))
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                ASPECT,
                "Compare on one thing (optional)",
            )
            .max_length(super::MAX_INPUT_CHARS)
            .set_autocomplete(true),
        )
        .add_option(private_option())
}

/// The comparison; unknown or identical roles and unknown aspects get a private hint.
pub fn run(
    k: &KnowledgeBase,
    first: &str,
    second: &str,
    aspect: Option<&str>,
    asker: u64,
) -> Response {
    let (a, b) = match (resolve_role(k, first), resolve_role(k, second)) {
        (Some(a), Some(b)) => (a, b),
        (None, _) => return unknown_role(k, first),
        (_, None) => return unknown_role(k, second),
    };
    if a == b {
        return Response::notice(&format!(
            "Pick two different roles to compare (both are {}).",
            k.roles[a].name
        ));
    }
    let roles: RoleSet = [a, b].into_iter().collect();
    let aspect = match aspect {
        None => None,
        Some(text) => match resolve_aspect(k, text, roles) {
            Some(x) => Some(x),
            None => {
                return Response::notice(&format!(
                    "I can't compare the {} and {} on “{}”. Both have: {}.",
                    k.roles[a].name,
                    k.roles[b].name,
                    rolecall_core::limits::truncate(text, 60),
                    aspects_of(k, roles)
                ))
            }
        },
    };
    Response::from_reply(
        &reply::for_entry(k, Entry::Compare { roles, aspect }),
        asker,
    )
}
