//! Typed bot settings from environment variables (and `.env`, loaded by the binary).
//!
//! Every setting is read through one lookup function, so tests pass a map instead of the
//! process environment. Each error names the variable it is about.

mod parse;
#[cfg(test)]
mod tests;

use parse::*;
pub use parse::{guild_faq_limit, question_log};

use rolecall_core::MatchConfig;
use std::fmt;
use std::time::Duration;

/// Bot token variable (required by `rolecall run`).
pub const DISCORD_TOKEN: &str = "DISCORD_TOKEN";
/// Guild to register commands in (instant); global registration when unset.
pub const GUILD_ID: &str = "ROLECALL_GUILD_ID";
/// Comma-separated channel ids where plain questions are answered without a mention.
pub const CHANNELS: &str = "ROLECALL_CHANNELS";
/// Knowledge folder or file.
pub const KNOWLEDGE: &str = "ROLECALL_KNOWLEDGE";
/// Confidence at or above which `/ask` answers.
pub const ANSWER_THRESHOLD: &str = "ROLECALL_ANSWER_THRESHOLD";
/// Confidence at or above which "did you mean" suggestions are offered.
pub const SUGGEST_THRESHOLD: &str = "ROLECALL_SUGGEST_THRESHOLD";
/// Confidence at or above which a question typed in a channel is answered.
pub const CHANNEL_THRESHOLD: &str = "ROLECALL_CHANNEL_THRESHOLD";
/// Seconds during which the same entry is not answered again in the same channel.
pub const COOLDOWN_SECS: &str = "ROLECALL_COOLDOWN_SECS";
/// Per-user rate limit, `COUNT/SECONDS` (or `off`).
pub const USER_RATE: &str = "ROLECALL_USER_RATE";
/// Per-user limit on clicks of the bot's own buttons and menus, `COUNT/SECONDS` (or
/// `off`); separate from the question budget, so browsing an answer never uses it up.
pub const CLICK_RATE: &str = "ROLECALL_CLICK_RATE";
/// Role ids (comma-separated; a role belongs to one server) whose members may teach
/// rolecall (`/teach`, `/team`) besides those with Manage Server.
pub const EDITOR_ROLE: &str = "ROLECALL_EDITOR_ROLE";
/// Most FAQs one server may teach rolecall.
pub const GUILD_FAQ_LIMIT: &str = "ROLECALL_GUILD_FAQ_LIMIT";
/// Most servers whose own knowledge is kept built in memory at once (the rest are built
/// again when next asked).
pub const SERVER_CACHE: &str = "ROLECALL_SERVER_CACHE";
/// Servers' built knowledge kept in memory when `ROLECALL_SERVER_CACHE` is unset.
pub const DEFAULT_SERVER_CACHE: usize = 32;
/// Largest `ROLECALL_GUILD_FAQ_LIMIT` accepted.
pub const MAX_GUILD_FAQ_LIMIT: usize = 10_000;
/// Shard range run by this process, `FIRST-LAST/TOTAL` or `ID/TOTAL`.
pub const SHARDS: &str = "ROLECALL_SHARDS";
/// Whether the privileged Message Content intent is requested.
pub const MESSAGE_CONTENT: &str = "ROLECALL_MESSAGE_CONTENT";
/// Base URL of a Discord-compatible API used instead of discord.com.
pub const API_BASE: &str = "DISCORD_API_BASE";
/// Most replies being sent to Discord at once, per kind (interaction answers, channel messages).
pub const MAX_IN_FLIGHT: &str = "ROLECALL_MAX_IN_FLIGHT";
/// Where tour progress, the question log and votes are kept: `sqlite://…` (default
/// `rolecall.db`) or `postgres://…`.
pub const DATABASE_URL: &str = "ROLECALL_DATABASE_URL";
/// Channel where each new member is greeted with a "Start the tour" button (needs the
/// privileged Server Members intent).
pub const WELCOME_CHANNEL: &str = "ROLECALL_WELCOME_CHANNEL";
/// `off` stops keeping the text of unanswered and 👎'd questions (the question log).
pub const QUESTION_LOG: &str = "ROLECALL_QUESTION_LOG";
/// Days the question log, votes and weekly counts are kept before they are purged.
pub const LOG_DAYS: &str = "ROLECALL_LOG_DAYS";

/// Default retention of the question log, in days.
pub const DEFAULT_LOG_DAYS: u32 = 90;
/// Longest accepted retention (ten years).
pub const MAX_LOG_DAYS: u32 = 3650;

/// Default bar for answering questions typed in channels (higher than `/ask`'s).
pub const DEFAULT_CHANNEL_THRESHOLD: f32 = 0.75;
/// Default per-(entry, channel) cooldown.
pub const DEFAULT_COOLDOWN: Duration = Duration::from_secs(60);
/// Default per-user rate limit.
pub const DEFAULT_USER_RATE: UserRate = UserRate {
    count: 5,
    per: Duration::from_secs(60),
};
/// Default per-user limit on clicks: generous for browsing, a bound against abuse.
pub const DEFAULT_CLICK_RATE: UserRate = UserRate {
    count: 30,
    per: Duration::from_secs(60),
};

/// Default bound on replies in flight per kind: a burst of 500 slash commands is answered
/// within Discord's 3-second window at ~150 ms a request, with about 3 × 32 + 20 sockets
/// (in flight plus idle pooled ones), far below a 1024 open-file limit.
pub const DEFAULT_MAX_IN_FLIGHT: usize = 32;
/// Highest accepted `ROLECALL_MAX_IN_FLIGHT`: beyond it the bound no longer protects the
/// process's open-file limit.
pub const MAX_IN_FLIGHT_LIMIT: usize = 1024;

/// A problem with the settings; the message names the variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// The bot token is not set.
    MissingToken,
    /// A variable's value could not be read.
    Invalid {
        /// The variable.
        var: &'static str,
        /// What was expected.
        expected: &'static str,
        /// The value found.
        got: String,
    },
    /// Two settings contradict each other.
    Conflict {
        /// The variable at fault.
        var: &'static str,
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::MissingToken => write!(
                f,
                "{DISCORD_TOKEN} is not set: the bot needs its token from the Discord developer \
                 portal (see \"Discord set-up\" in the README), in the environment or in a .env \
                 file. To try rolecall without Discord, run `rolecall ask \"who owns the backlog?\"` \
                 or `rolecall chat`."
            ),
            ConfigError::Invalid { var, expected, got } => {
                write!(f, "{var}: expected {expected}, got `{got}`")
            }
            ConfigError::Conflict { var, message } => write!(f, "{var}: {message}"),
        }
    }
}

impl std::error::Error for ConfigError {}

/// The bot token; never shown by `Debug` or `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// The secret itself, for the HTTP client only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// At most `count` answers per user within `per`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UserRate {
    /// Answers allowed in the window.
    pub count: u32,
    /// Window length.
    pub per: Duration,
}

/// Shards run by this process: `first..=last` of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardRange {
    /// First shard id.
    pub first: u32,
    /// Last shard id (inclusive).
    pub last: u32,
    /// Total shards of the bot.
    pub total: u32,
}

/// Everything `rolecall run` needs besides the knowledge.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Bot token.
    pub token: Token,
    /// Guild for instant command registration; global when `None`.
    pub guild_id: Option<u64>,
    /// Channels where plain questions are answered without a mention.
    pub channels: Vec<u64>,
    /// Thresholds for `/ask` and buttons.
    pub matching: MatchConfig,
    /// Answer bar for questions typed in channels.
    pub channel_threshold: f32,
    /// Per-(entry, channel) cooldown.
    pub cooldown: Duration,
    /// Per-user rate limit (`None` = off).
    pub user_rate: Option<UserRate>,
    /// Per-user limit on clicks of the bot's own components (`None` = off).
    pub click_rate: Option<UserRate>,
    /// Shard range (`None` = autosharding).
    pub shards: Option<ShardRange>,
    /// Whether the Message Content intent is requested.
    pub message_content: bool,
    /// Discord-compatible API base URL, when not discord.com.
    pub api_base: Option<String>,
    /// Most replies in flight at once, per kind (interaction answers, channel messages).
    pub max_in_flight: usize,
    /// Where tour progress, the question log and votes are kept (`sqlite://…` or
    /// `postgres://…`).
    pub database_url: String,
    /// Channel greeting new members with the tour button; `None` = no greeting (and no
    /// Server Members intent).
    pub welcome_channel: Option<u64>,
    /// Whether the text of unanswered and 👎'd questions is kept (`ROLECALL_QUESTION_LOG`).
    pub question_log: bool,
    /// Days the question log, votes and weekly counts are kept (`ROLECALL_LOG_DAYS`), and
    /// what a server taught after the bot left it.
    pub log_days: u32,
    /// Roles whose members may teach rolecall besides Manage Server (`ROLECALL_EDITOR_ROLE`).
    pub editor_roles: Vec<u64>,
    /// Most FAQs one server may teach (`ROLECALL_GUILD_FAQ_LIMIT`).
    pub guild_faq_limit: usize,
    /// Most servers' own knowledge kept built at once (`ROLECALL_SERVER_CACHE`).
    pub server_cache: usize,
}

impl Settings {
    /// Reads the settings from the process environment.
    pub fn from_env() -> Result<Settings, ConfigError> {
        Settings::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads the settings through `get` (a variable's value, `None` when unset).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Settings, ConfigError> {
        let var = |k: &str| {
            get(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let token = var(DISCORD_TOKEN).ok_or(ConfigError::MissingToken)?;
        let token = Token(
            token
                .strip_prefix("Bot ")
                .unwrap_or(&token)
                .trim()
                .to_string(),
        );
        let guild_id = var(GUILD_ID).map(|v| parse_id(GUILD_ID, &v)).transpose()?;
        let channels = match var(CHANNELS) {
            Some(v) => parse_ids(CHANNELS, &v)?,
            None => Vec::new(),
        };
        let d = MatchConfig::DEFAULT;
        let answer = parse_threshold(ANSWER_THRESHOLD, var(ANSWER_THRESHOLD), d.answer)?;
        let suggest = parse_threshold(SUGGEST_THRESHOLD, var(SUGGEST_THRESHOLD), d.suggest)?;
        let channel_threshold = parse_threshold(
            CHANNEL_THRESHOLD,
            var(CHANNEL_THRESHOLD),
            DEFAULT_CHANNEL_THRESHOLD.max(answer),
        )?;
        if suggest > answer {
            return Err(ConfigError::Conflict {
                var: SUGGEST_THRESHOLD,
                message: format!("must not be above {ANSWER_THRESHOLD} ({answer}), got {suggest}"),
            });
        }
        if channel_threshold < answer {
            return Err(ConfigError::Conflict {
                var: CHANNEL_THRESHOLD,
                message: format!(
                    "must be at least {ANSWER_THRESHOLD} ({answer}): channel questions need a higher bar, got {channel_threshold}"
                ),
            });
        }
        let cooldown = match var(COOLDOWN_SECS) {
            Some(v) => Duration::from_secs(v.parse::<u64>().map_err(|_| ConfigError::Invalid {
                var: COOLDOWN_SECS,
                expected: "a whole number of seconds",
                got: v.clone(),
            })?),
            None => DEFAULT_COOLDOWN,
        };
        let user_rate = match var(USER_RATE) {
            Some(v) => parse_rate(USER_RATE, &v)?,
            None => Some(DEFAULT_USER_RATE),
        };
        let click_rate = match var(CLICK_RATE) {
            Some(v) => parse_rate(CLICK_RATE, &v)?,
            None => Some(DEFAULT_CLICK_RATE),
        };
        let shards = var(SHARDS).map(|v| parse_shards(&v)).transpose()?;
        let message_content = match var(MESSAGE_CONTENT) {
            Some(v) => parse_bool(MESSAGE_CONTENT, &v)?,
            None => !channels.is_empty(),
        };
        let api_base = var(API_BASE)
            .map(|v| {
                if v.starts_with("http://") || v.starts_with("https://") {
                    Ok(v.trim_end_matches('/').to_string())
                } else {
                    Err(ConfigError::Invalid {
                        var: API_BASE,
                        expected: "an http:// or https:// base URL",
                        got: v,
                    })
                }
            })
            .transpose()?;
        let max_in_flight = match var(MAX_IN_FLIGHT) {
            Some(v) => parse_in_flight(&v)?,
            None => DEFAULT_MAX_IN_FLIGHT,
        };
        let database_url = match var(DATABASE_URL) {
            Some(v) => parse_database_url(v)?,
            None => rolecall_store::DEFAULT_URL.to_string(),
        };
        let welcome_channel = var(WELCOME_CHANNEL)
            .map(|v| parse_id(WELCOME_CHANNEL, &v))
            .transpose()?;
        let question_log = question_log(var(QUESTION_LOG).as_deref())?;
        let log_days = match var(LOG_DAYS) {
            Some(v) => match v.parse::<u32>() {
                Ok(d) if (1..=MAX_LOG_DAYS).contains(&d) => d,
                _ => {
                    return Err(ConfigError::Invalid {
                        var: LOG_DAYS,
                        expected: "a whole number of days from 1 to 3650",
                        got: v,
                    })
                }
            },
            None => DEFAULT_LOG_DAYS,
        };
        let editor_roles = match var(EDITOR_ROLE) {
            Some(v) => parse_ids(EDITOR_ROLE, &v)?,
            None => Vec::new(),
        };
        let guild_faq_limit = guild_faq_limit(var(GUILD_FAQ_LIMIT).as_deref())?;
        let server_cache = match var(SERVER_CACHE) {
            Some(v) => parse_count(SERVER_CACHE, &v, 100_000)?,
            None => DEFAULT_SERVER_CACHE,
        };
        Ok(Settings {
            token,
            guild_id,
            channels,
            matching: MatchConfig {
                answer,
                suggest,
                ..d
            },
            channel_threshold,
            cooldown,
            user_rate,
            click_rate,
            shards,
            message_content,
            api_base,
            max_in_flight,
            database_url,
            welcome_channel,
            question_log,
            log_days,
            editor_roles,
            guild_faq_limit,
            server_cache,
        })
    }

    /// The match settings for questions typed in channels (the higher bar).
    pub fn channel_matching(&self) -> MatchConfig {
        MatchConfig {
            answer: self.channel_threshold,
            ..self.matching
        }
    }
}
