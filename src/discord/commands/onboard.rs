//! The onboarding commands: `/onboard [restart]`, `/forget-me`, and the admins'
//! `/onboarding post` and `/onboarding report`.
//!
//! They read and write the store, so the handler runs them (asynchronously) rather than
//! [`super::Command::run`]; what they show is built by [`crate::discord::tour`].

use crate::discord::tour::ADMIN_PERMISSION;
use serenity::all::{CommandData, CommandOptionType, CreateCommand, CreateCommandOption};

/// `/onboard`: start or resume your own tour.
pub const ONBOARD: &str = "onboard";
/// `/onboard`'s option to start over.
pub const RESTART: &str = "restart";
/// `/forget-me`: delete your tour progress and votes.
pub const FORGET_ME: &str = "forget-me";
/// `/onboarding`: the admins' command (Manage Server).
pub const ONBOARDING: &str = "onboarding";
/// `/onboarding post`: post the "Start the tour" button in this channel.
pub const POST: &str = "post";
/// `/onboarding report`: how many started and finished, and which quiz questions miss.
pub const REPORT: &str = "report";

/// A parsed onboarding command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TourCommand {
    /// `/onboard [restart]`.
    Onboard {
        /// Start over from the first page.
        restart: bool,
    },
    /// `/forget-me`.
    ForgetMe,
    /// `/onboarding post`.
    Post,
    /// `/onboarding report`.
    Report,
}

impl TourCommand {
    /// Reads an onboarding command; `None` for any other command.
    pub fn parse(data: &CommandData) -> Option<TourCommand> {
        match data.name.as_str() {
            ONBOARD => Some(TourCommand::Onboard {
                restart: data
                    .options
                    .iter()
                    .find(|o| o.name == RESTART)
                    .and_then(|o| o.value.as_bool())
                    .unwrap_or(false),
            }),
            FORGET_ME => Some(TourCommand::ForgetMe),
            ONBOARDING => match data.options.first().map(|o| o.name.as_str()) {
                Some(REPORT) => Some(TourCommand::Report),
                Some(POST) => Some(TourCommand::Post),
                _ => None,
            },
            _ => None,
        }
    }

    /// The subcommand's name, for `/onboarding` (which needs Manage Server).
    pub fn admin_subcommand(self) -> Option<&'static str> {
        match self {
            TourCommand::Post => Some(POST),
            TourCommand::Report => Some(REPORT),
            TourCommand::Onboard { .. } | TourCommand::ForgetMe => None,
        }
    }
}

/// `/onboard`'s registration.
pub fn register_onboard() -> CreateCommand {
    CreateCommand::new(ONBOARD)
        .description(
            "Take the onboarding tour of who does what, privately (resumes where you stopped)",
        )
        .add_option(CreateCommandOption::new(
            CommandOptionType::Boolean,
            RESTART,
            "Start the tour over from the beginning",
        ))
}

/// `/forget-me`'s registration.
pub fn register_forget_me() -> CreateCommand {
    CreateCommand::new(FORGET_ME).description("Delete your tour progress and votes in every server")
}

/// `/onboarding`'s registration: hidden from members without Manage Server, and not
/// available in direct messages.
pub fn register_onboarding() -> CreateCommand {
    CreateCommand::new(ONBOARDING)
        .description("Onboarding tools for server admins")
        .default_member_permissions(ADMIN_PERMISSION)
        .dm_permission(false)
        .add_option(CreateCommandOption::new(
            CommandOptionType::SubCommand,
            POST,
            "Post a \"Start the tour\" button in this channel for everyone",
        ))
        .add_option(CreateCommandOption::new(
            CommandOptionType::SubCommand,
            REPORT,
            "How many started and finished the tour, and which quiz questions people miss",
        ))
}
