//! Slash commands: one module per command, each with its `NAME`, a pure `register()` and
//! a pure `run()` that turns parsed options into a [`Response`].
//!
//! Command names become typed commands in three parsers, one per kind of command:
//! [`Command::parse`] for the questions, [`admin::AdminCommand::parse`] for `/gaps` and
//! `/reload`, [`onboard::TourCommand::parse`] for the tour's commands; the handler tries
//! them in turn.

pub mod admin;
pub mod ask;
pub mod compare;
pub mod faq;
pub mod help;
pub mod onboard;
pub mod role;
pub mod teach;
pub mod team;

use super::response::Response;
use rolecall_core::base::KnowledgeBase;
use rolecall_core::complete::{self, Choice, Item, Pool};
use rolecall_core::knowledge::{Entry, RoleSet};
use rolecall_core::learn::Asked;
use rolecall_core::MatchConfig;
use serenity::all::{
    CommandData, CommandDataOption, CommandDataOptionValue, CommandOptionType, CreateCommand,
    CreateCommandOption,
};

/// Option name of the ephemeral flag every answering command takes.
pub const PRIVATE: &str = "private";
/// Longest text accepted in a free-text option, in characters (Discord enforces it too).
pub const MAX_INPUT_CHARS: u16 = 300;
/// Lowest autocomplete score at which typed (not picked) text is taken to name something.
const RESOLVE_MIN: f32 = 0.7;

/// Every command's registration, for bulk registration at ready.
pub fn all() -> Vec<CreateCommand> {
    vec![
        ask::register(),
        faq::register(),
        role::register(),
        compare::register(),
        help::register(),
        onboard::register_onboard(),
        onboard::register_forget_me(),
        onboard::register_onboarding(),
        admin::register_gaps(),
        admin::register_reload(),
        teach::register(),
        team::register(),
    ]
}

/// A parsed slash command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `/ask question [private]`.
    Ask {
        /// The question.
        question: String,
        /// Ephemeral reply.
        private: bool,
    },
    /// `/faq topic [private]`.
    Faq {
        /// FAQ or term id (from autocomplete) or typed text.
        topic: String,
        /// Ephemeral reply.
        private: bool,
    },
    /// `/role name [aspect] [private]`.
    Role {
        /// Role id or typed name.
        name: String,
        /// Aspect id or typed name.
        aspect: Option<String>,
        /// Ephemeral reply.
        private: bool,
    },
    /// `/compare first second [aspect] [private]`.
    Compare {
        /// First role id or name.
        first: String,
        /// Second role id or name.
        second: String,
        /// Aspect id or name.
        aspect: Option<String>,
        /// Ephemeral reply.
        private: bool,
    },
    /// `/help`.
    Help,
}

/// Why a command interaction could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// A command rolecall does not have (e.g. left over from an old registration).
    UnknownCommand(String),
    /// A required option is missing.
    MissingOption(&'static str),
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParseError::UnknownCommand(name) => write!(f, "unknown command `/{name}`"),
            ParseError::MissingOption(name) => write!(f, "missing option `{name}`"),
        }
    }
}

impl Command {
    /// Reads a command interaction's name and options.
    pub fn parse(data: &CommandData) -> Result<Command, ParseError> {
        let o = &data.options;
        let private = bool_opt(o, PRIVATE).unwrap_or(false);
        let required = |name: &'static str| str_opt(o, name).ok_or(ParseError::MissingOption(name));
        Ok(match data.name.as_str() {
            ask::NAME => Command::Ask {
                question: required(ask::QUESTION)?,
                private,
            },
            faq::NAME => Command::Faq {
                topic: required(faq::TOPIC)?,
                private,
            },
            role::NAME => Command::Role {
                name: required(role::ROLE)?,
                aspect: str_opt(o, role::ASPECT),
                private,
            },
            compare::NAME => Command::Compare {
                first: required(compare::FIRST)?,
                second: required(compare::SECOND)?,
                aspect: str_opt(o, compare::ASPECT),
                private,
            },
            help::NAME => Command::Help,
            other => return Err(ParseError::UnknownCommand(other.to_string())),
        })
    }

    /// Runs the command `asker` used in `channel`: pure, from knowledge and options to a
    /// response, with what a free-text question (`/ask`) leaves in the question log (`None`
    /// for the other commands, which name what they want).
    pub fn run(
        &self,
        k: &KnowledgeBase,
        cfg: &MatchConfig,
        asker: u64,
        channel: u64,
    ) -> (Response, Option<Asked>) {
        let r = match self {
            Command::Ask { question, private } => {
                let (r, asked) = ask::answer(k, cfg, question, asker, channel);
                return (r.or_private(*private), Some(asked));
            }
            Command::Faq { topic, private } => {
                faq::run(k, cfg, topic, asker, channel).or_private(*private)
            }
            Command::Role {
                name,
                aspect,
                private,
            } => role::run(k, name, aspect.as_deref(), asker).or_private(*private),
            Command::Compare {
                first,
                second,
                aspect,
                private,
            } => compare::run(k, first, second, aspect.as_deref(), asker).or_private(*private),
            Command::Help => help::run(k, asker),
        };
        (r, None)
    }

    /// Whether the command answers a question (and so counts towards the user rate limit).
    pub fn answers(&self) -> bool {
        !matches!(self, Command::Help)
    }
}

impl Response {
    /// Makes the response ephemeral when `private`; notices stay ephemeral either way.
    pub fn or_private(self, private: bool) -> Response {
        let ephemeral = self.ephemeral || private;
        self.private(ephemeral)
    }
}

/// Choices for an autocomplete interaction: at most 25, names at most 100 characters.
pub fn autocomplete(k: &KnowledgeBase, data: &CommandData) -> Vec<Choice> {
    let Some(focused) = data.autocomplete() else {
        return Vec::new();
    };
    let o = &data.options;
    let pool = match (data.name.as_str(), focused.name) {
        (faq::NAME, faq::TOPIC) => Pool::Topics,
        (role::NAME, role::ROLE) | (compare::NAME, compare::FIRST | compare::SECOND) => Pool::Roles,
        (role::NAME, role::ASPECT) => Pool::Aspects {
            roles: roles_mask(k, [str_opt(o, role::ROLE)]),
        },
        (compare::NAME, compare::ASPECT) => Pool::Aspects {
            roles: roles_mask(k, [str_opt(o, compare::FIRST), str_opt(o, compare::SECOND)]),
        },
        _ => return Vec::new(),
    };
    complete::complete(k, pool, focused.value)
}

/// The roles named (by id or text) in already-filled options.
fn roles_mask<const N: usize>(k: &KnowledgeBase, names: [Option<String>; N]) -> RoleSet {
    names
        .iter()
        .flatten()
        .filter_map(|n| resolve_role(k, n))
        .collect()
}

/// The role typed text or a picked id names.
pub fn resolve_role(k: &KnowledgeBase, text: &str) -> Option<usize> {
    match complete::resolve(k, Pool::Roles, text, RESOLVE_MIN)? {
        Item::Entry(Entry::Role(r)) => Some(r),
        _ => None,
    }
}

/// The aspect typed text or a picked id names, among those every role in `roles` has.
pub fn resolve_aspect(k: &KnowledgeBase, text: &str, roles: RoleSet) -> Option<usize> {
    match complete::resolve(k, Pool::Aspects { roles }, text, RESOLVE_MIN)? {
        Item::Aspect(a) => Some(a),
        Item::Entry(_) => None,
    }
}

/// A string option for `/ask`-style text input.
pub(crate) fn text_option(name: &str, description: &str) -> CreateCommandOption {
    CreateCommandOption::new(CommandOptionType::String, name, description)
        .required(true)
        .max_length(MAX_INPUT_CHARS)
}

/// The optional `private` flag.
pub(crate) fn private_option() -> CreateCommandOption {
    CreateCommandOption::new(
        CommandOptionType::Boolean,
        PRIVATE,
        "Only you see the answer",
    )
}

fn find<'a>(options: &'a [CommandDataOption], name: &str) -> Option<&'a CommandDataOptionValue> {
    options.iter().find(|o| o.name == name).map(|o| &o.value)
}

fn str_opt(options: &[CommandDataOption], name: &str) -> Option<String> {
    match find(options, name)? {
        CommandDataOptionValue::String(s)
        | CommandDataOptionValue::Autocomplete { value: s, .. } => {
            let s = s.trim();
            (!s.is_empty())
                .then(|| rolecall_core::limits::truncate(s, usize::from(MAX_INPUT_CHARS) * 2))
        }
        _ => None,
    }
}

fn bool_opt(options: &[CommandDataOption], name: &str) -> Option<bool> {
    find(options, name)?.as_bool()
}
