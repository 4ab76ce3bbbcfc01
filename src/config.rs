//! Typed bot settings from environment variables (and `.env`, loaded by the binary).
//!
//! Every setting is read through one lookup function, so tests pass a map instead of the
//! process environment. Each error names the variable it is about.

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
/// Shard range run by this process, `FIRST-LAST/TOTAL` or `ID/TOTAL`.
pub const SHARDS: &str = "ROLECALL_SHARDS";
/// Whether the privileged Message Content intent is requested.
pub const MESSAGE_CONTENT: &str = "ROLECALL_MESSAGE_CONTENT";
/// Base URL of a Discord-compatible API used instead of discord.com.
pub const API_BASE: &str = "DISCORD_API_BASE";
/// Most replies being sent to Discord at once, per kind (interaction answers, channel messages).
pub const MAX_IN_FLIGHT: &str = "ROLECALL_MAX_IN_FLIGHT";
/// Where tour progress is kept: `sqlite://…` (default `rolecall.db`) or `postgres://…`.
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
    /// Shard range (`None` = autosharding).
    pub shards: Option<ShardRange>,
    /// Whether the Message Content intent is requested.
    pub message_content: bool,
    /// Discord-compatible API base URL, when not discord.com.
    pub api_base: Option<String>,
    /// Most replies in flight at once, per kind (interaction answers, channel messages).
    pub max_in_flight: usize,
    /// Where tour progress is kept (`sqlite://…` or `postgres://…`).
    pub database_url: String,
    /// Channel greeting new members with the tour button; `None` = no greeting (and no
    /// Server Members intent).
    pub welcome_channel: Option<u64>,
    /// Whether the text of unanswered and 👎'd questions is kept (`ROLECALL_QUESTION_LOG`).
    pub question_log: bool,
    /// Days the question log, votes and weekly counts are kept (`ROLECALL_LOG_DAYS`).
    pub log_days: u32,
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
            Some(v) => parse_rate(&v)?,
            None => Some(DEFAULT_USER_RATE),
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
            shards,
            message_content,
            api_base,
            max_in_flight,
            database_url,
            welcome_channel,
            question_log,
            log_days,
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

fn parse_id(var: &'static str, v: &str) -> Result<u64, ConfigError> {
    match v.parse::<u64>() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(ConfigError::Invalid {
            var,
            expected: "a Discord id (a number)",
            got: v.to_string(),
        }),
    }
}

fn parse_ids(var: &'static str, v: &str) -> Result<Vec<u64>, ConfigError> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            parse_id(var, s).map_err(|_| ConfigError::Invalid {
                var,
                expected: "comma-separated Discord ids (numbers)",
                got: s.to_string(),
            })
        })
        .collect()
}

fn parse_threshold(var: &'static str, v: Option<String>, default: f32) -> Result<f32, ConfigError> {
    let Some(v) = v else { return Ok(default) };
    match v.parse::<f32>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(ConfigError::Invalid {
            var,
            expected: "a confidence between 0 and 1 (e.g. 0.75)",
            got: v,
        }),
    }
}

fn parse_rate(v: &str) -> Result<Option<UserRate>, ConfigError> {
    if v.eq_ignore_ascii_case("off") || v == "0" {
        return Ok(None);
    }
    let bad = || ConfigError::Invalid {
        var: USER_RATE,
        expected: "COUNT/SECONDS such as `5/60`, or `off`",
        got: v.to_string(),
    };
    let (count, secs) = v.split_once('/').ok_or_else(bad)?;
    let count: u32 = count.trim().parse().map_err(|_| bad())?;
    let secs: u64 = secs
        .trim()
        .trim_end_matches('s')
        .parse()
        .map_err(|_| bad())?;
    if count == 0 || secs == 0 {
        return Err(bad());
    }
    Ok(Some(UserRate {
        count,
        per: Duration::from_secs(secs),
    }))
}

fn parse_shards(v: &str) -> Result<ShardRange, ConfigError> {
    let bad = || ConfigError::Invalid {
        var: SHARDS,
        expected: "FIRST-LAST/TOTAL such as `0-3/8` (or ID/TOTAL), with LAST below TOTAL",
        got: v.to_string(),
    };
    let (range, total) = v.split_once('/').ok_or_else(bad)?;
    let total: u32 = total.trim().parse().map_err(|_| bad())?;
    let (first, last) = match range.split_once('-') {
        Some((a, b)) => (
            a.trim().parse().map_err(|_| bad())?,
            b.trim().parse().map_err(|_| bad())?,
        ),
        None => {
            let id: u32 = range.trim().parse().map_err(|_| bad())?;
            (id, id)
        }
    };
    if first > last || last >= total {
        return Err(bad());
    }
    Ok(ShardRange { first, last, total })
}

fn parse_in_flight(v: &str) -> Result<usize, ConfigError> {
    match v.parse::<usize>() {
        Ok(n) if (1..=MAX_IN_FLIGHT_LIMIT).contains(&n) => Ok(n),
        _ => Err(ConfigError::Invalid {
            var: MAX_IN_FLIGHT,
            expected: "a whole number of replies from 1 to 1024 (e.g. 16)",
            got: v.to_string(),
        }),
    }
}

fn parse_database_url(v: String) -> Result<String, ConfigError> {
    let known = ["sqlite:", "postgres://", "postgresql://"];
    if known.iter().any(|scheme| v.starts_with(scheme)) {
        Ok(v)
    } else {
        Err(ConfigError::Invalid {
            var: DATABASE_URL,
            expected:
                "sqlite://FILE (e.g. sqlite://rolecall.db) or postgres://USER:PASSWORD@HOST/DB",
            got: rolecall_store::redact(&v),
        })
    }
}

fn parse_bool(var: &'static str, v: &str) -> Result<bool, ConfigError> {
    match v.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(ConfigError::Invalid {
            var,
            expected: "true or false",
            got: v.to_string(),
        }),
    }
}

/// Whether `ROLECALL_QUESTION_LOG`'s value (trimmed; `None` when unset or empty) keeps the
/// question log on: the one reading of that setting, for the bot and for `rolecall gaps`.
pub fn question_log(value: Option<&str>) -> Result<bool, ConfigError> {
    value.map_or(Ok(true), |v| parse_switch(QUESTION_LOG, v.trim()))
}

/// An on/off switch (`on`/`off`, also `true`/`false`, `yes`/`no`, `1`/`0`).
fn parse_switch(var: &'static str, v: &str) -> Result<bool, ConfigError> {
    parse_bool(var, v).map_err(|_| ConfigError::Invalid {
        var,
        expected: "on or off",
        got: v.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn settings(pairs: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let mut map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        map.entry(DISCORD_TOKEN.into())
            .or_insert_with(|| "tok".into());
        Settings::from_lookup(|k| map.get(k).cloned())
    }

    fn invalid_var(r: Result<Settings, ConfigError>) -> &'static str {
        match r {
            Err(ConfigError::Invalid { var, .. } | ConfigError::Conflict { var, .. }) => var,
            other => panic!("expected an invalid setting, got {other:?}"),
        }
    }

    #[test]
    fn defaults_when_only_the_token_is_set() {
        let s = settings(&[]).unwrap();
        assert_eq!(s.token.expose(), "tok");
        assert_eq!(s.guild_id, None);
        assert!(s.channels.is_empty());
        assert_eq!(s.matching, MatchConfig::DEFAULT);
        assert_eq!(s.channel_threshold, DEFAULT_CHANNEL_THRESHOLD);
        assert_eq!(s.cooldown, DEFAULT_COOLDOWN);
        assert_eq!(s.user_rate, Some(DEFAULT_USER_RATE));
        assert_eq!(s.shards, None);
        assert!(!s.message_content);
        assert_eq!(s.api_base, None);
        assert_eq!(s.max_in_flight, DEFAULT_MAX_IN_FLIGHT);
        assert_eq!(s.database_url, "sqlite://rolecall.db");
        assert_eq!(s.welcome_channel, None);
    }

    #[test]
    fn the_database_and_welcome_channel_are_read_and_checked() {
        let s = settings(&[
            (DATABASE_URL, "postgres://bot:pw@db.internal/rolecall"),
            (WELCOME_CHANNEL, "123456789012345678"),
        ])
        .unwrap();
        assert_eq!(s.database_url, "postgres://bot:pw@db.internal/rolecall");
        assert_eq!(s.welcome_channel, Some(123456789012345678));
        assert_eq!(
            invalid_var(settings(&[(WELCOME_CHANNEL, "#welcome")])),
            WELCOME_CHANNEL
        );
        let err = settings(&[(DATABASE_URL, "mysql://bot:secret@db/rolecall")]).unwrap_err();
        assert_eq!(invalid_var(Err(err.clone())), DATABASE_URL);
        assert!(!err.to_string().contains("secret"), "{err}");
    }

    #[test]
    fn missing_token_points_to_the_readme_and_offline_use() {
        let e = Settings::from_lookup(|_| None).unwrap_err();
        assert_eq!(e, ConfigError::MissingToken);
        let msg = e.to_string();
        assert!(msg.contains("DISCORD_TOKEN"));
        assert!(msg.contains("Discord set-up"));
        assert!(msg.contains("rolecall ask"));
        let blank = Settings::from_lookup(|k| (k == DISCORD_TOKEN).then(|| "  ".into()));
        assert_eq!(blank.unwrap_err(), ConfigError::MissingToken);
    }

    #[test]
    fn token_is_never_printed_and_bot_prefix_is_dropped() {
        let s = settings(&[(DISCORD_TOKEN, "Bot secret-value")]).unwrap();
        assert_eq!(s.token.expose(), "secret-value");
        assert!(!format!("{s:?}").contains("secret-value"));
    }

    #[test]
    fn malformed_guild_id_names_the_variable() {
        let e = settings(&[(GUILD_ID, "abc")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "ROLECALL_GUILD_ID: expected a Discord id (a number), got `abc`"
        );
    }

    #[test]
    fn channels_are_comma_separated_ids() {
        let s = settings(&[(CHANNELS, " 11, 22 ,33,")]).unwrap();
        assert_eq!(s.channels, vec![11, 22, 33]);
        assert!(
            s.message_content,
            "channels turn the Message Content intent on"
        );
        assert_eq!(invalid_var(settings(&[(CHANNELS, "11,x")])), CHANNELS);
    }

    #[test]
    fn message_content_can_be_forced_either_way() {
        let s = settings(&[(CHANNELS, "1"), (MESSAGE_CONTENT, "false")]).unwrap();
        assert!(!s.message_content);
        assert!(
            settings(&[(MESSAGE_CONTENT, "on")])
                .unwrap()
                .message_content
        );
        assert_eq!(
            invalid_var(settings(&[(MESSAGE_CONTENT, "maybe")])),
            MESSAGE_CONTENT
        );
    }

    #[test]
    fn thresholds_are_read_and_checked() {
        let s = settings(&[
            (ANSWER_THRESHOLD, "0.7"),
            (SUGGEST_THRESHOLD, "0.4"),
            (CHANNEL_THRESHOLD, "0.9"),
        ])
        .unwrap();
        assert_eq!((s.matching.answer, s.matching.suggest), (0.7, 0.4));
        assert_eq!(s.channel_matching().answer, 0.9);
        assert_eq!(
            invalid_var(settings(&[(ANSWER_THRESHOLD, "1.5")])),
            ANSWER_THRESHOLD
        );
        assert_eq!(
            invalid_var(settings(&[(SUGGEST_THRESHOLD, "high")])),
            SUGGEST_THRESHOLD
        );
        let high_suggest = settings(&[(ANSWER_THRESHOLD, "0.6"), (SUGGEST_THRESHOLD, "0.9")]);
        assert_eq!(invalid_var(high_suggest), SUGGEST_THRESHOLD);
        let low_channel = settings(&[(ANSWER_THRESHOLD, "0.7"), (CHANNEL_THRESHOLD, "0.6")]);
        assert_eq!(invalid_var(low_channel), CHANNEL_THRESHOLD);
    }

    #[test]
    fn a_high_answer_threshold_raises_the_default_channel_bar() {
        let s = settings(&[(ANSWER_THRESHOLD, "0.8")]).unwrap();
        assert_eq!(s.channel_threshold, 0.8);
    }

    #[test]
    fn cooldown_and_user_rate() {
        let s = settings(&[(COOLDOWN_SECS, "5"), (USER_RATE, "3/10")]).unwrap();
        assert_eq!(s.cooldown, Duration::from_secs(5));
        let rate = s.user_rate.unwrap();
        assert_eq!((rate.count, rate.per), (3, Duration::from_secs(10)));
        assert_eq!(settings(&[(USER_RATE, "off")]).unwrap().user_rate, None);
        assert_eq!(
            invalid_var(settings(&[(COOLDOWN_SECS, "-1")])),
            COOLDOWN_SECS
        );
        assert_eq!(invalid_var(settings(&[(USER_RATE, "5")])), USER_RATE);
        assert_eq!(invalid_var(settings(&[(USER_RATE, "0/10")])), USER_RATE);
    }

    #[test]
    fn shard_ranges() {
        let s = settings(&[(SHARDS, "0-3/8")]).unwrap();
        assert_eq!(
            s.shards,
            Some(ShardRange {
                first: 0,
                last: 3,
                total: 8
            })
        );
        let one = settings(&[(SHARDS, "5/8")]).unwrap();
        assert_eq!(
            one.shards,
            Some(ShardRange {
                first: 5,
                last: 5,
                total: 8
            })
        );
        for bad in ["3-1/8", "0-8/8", "0-3", "a-b/c", "/8"] {
            assert_eq!(invalid_var(settings(&[(SHARDS, bad)])), SHARDS, "{bad}");
        }
    }

    #[test]
    fn api_base_must_be_an_http_url() {
        let s = settings(&[(API_BASE, "http://127.0.0.1:9/")]).unwrap();
        assert_eq!(s.api_base.as_deref(), Some("http://127.0.0.1:9"));
        assert_eq!(
            invalid_var(settings(&[(API_BASE, "127.0.0.1:9")])),
            API_BASE
        );
    }

    #[test]
    fn max_in_flight_is_a_bounded_positive_number() {
        assert_eq!(
            settings(&[(MAX_IN_FLIGHT, " 32 ")]).unwrap().max_in_flight,
            32
        );
        assert_eq!(settings(&[(MAX_IN_FLIGHT, "1")]).unwrap().max_in_flight, 1);
        assert_eq!(
            settings(&[(MAX_IN_FLIGHT, "1024")]).unwrap().max_in_flight,
            1024
        );
        for bad in ["0", "-4", "1025", "many", "16.5"] {
            assert_eq!(
                invalid_var(settings(&[(MAX_IN_FLIGHT, bad)])),
                MAX_IN_FLIGHT,
                "{bad}"
            );
        }
        assert_eq!(
            settings(&[(MAX_IN_FLIGHT, "0")]).unwrap_err().to_string(),
            "ROLECALL_MAX_IN_FLIGHT: expected a whole number of replies from 1 to 1024 (e.g. 16), got `0`"
        );
    }

    #[test]
    fn the_question_log_and_its_retention_are_read_and_checked() {
        let s = settings(&[]).unwrap();
        assert!(s.question_log, "on unless turned off");
        assert_eq!(s.log_days, DEFAULT_LOG_DAYS);
        let s = settings(&[(QUESTION_LOG, "off"), (LOG_DAYS, "30")]).unwrap();
        assert!(!s.question_log);
        assert_eq!(s.log_days, 30);
        assert!(settings(&[(QUESTION_LOG, "ON")]).unwrap().question_log);
        for (var, bad) in [
            (QUESTION_LOG, "sometimes"),
            (LOG_DAYS, "0"),
            (LOG_DAYS, "-5"),
            (LOG_DAYS, "90d"),
            (LOG_DAYS, "3651"),
        ] {
            let e = settings(&[(var, bad)]).unwrap_err();
            assert_eq!(invalid_var(Err(e.clone())), var, "{bad}");
            assert!(e.to_string().contains(bad), "{e}");
        }
    }
}
