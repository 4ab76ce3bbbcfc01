//! The Discord adapter: slash commands, autocomplete, buttons, the aspect menu and
//! channel questions.
//!
//! Split like serenity's `e14_slash_commands` example: [`commands`] holds one module per
//! command (name constant, `register()`, pure `run()`), [`buttons`] and [`messages`] the
//! pure logic for clicks, menu picks and typed questions, [`limiter`] the rate limit and
//! cooldown, [`response`] the conversion to serenity builders, [`outbox`] the bounded,
//! retried sending of replies, and [`handler`] the thin I/O.

pub mod admin;
pub mod buttons;
pub mod commands;
pub mod feedback;
pub mod handler;
pub mod limiter;
pub mod logging;
pub mod messages;
pub mod outbox;
pub mod response;
pub mod servers;
pub mod shards;
pub mod tour;

use crate::clock::unix_now;
use crate::config::{Settings, MESSAGE_CONTENT, WELCOME_CHANNEL};
use rolecall_core::base::{KnowledgeBase, SharedKnowledge};
use rolecall_core::knowledge::{Knowledge, Problem};
use rolecall_core::KnowledgeSource;
use serenity::all::{Command as GlobalCommand, GatewayError, GatewayIntents, GuildId, Http};
use serenity::http::HttpBuilder;
use serenity::Client;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use tracing::{debug, error, info, warn};

/// How long shards get to close after a shutdown signal before the process exits anyway.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);
/// Most knowledge warnings logged one per line at start and at each reload; the rest are
/// counted, with the command that lists them all.
pub const MAX_WARNING_LINES: usize = 20;

/// Why the bot stopped with an error.
#[derive(Debug)]
pub enum RunError {
    /// Discord refused the token.
    InvalidToken,
    /// Discord refused a privileged intent (Message Content; Server Members when greeting).
    DisallowedIntents {
        /// The Server Members intent was requested (for `ROLECALL_WELCOME_CHANNEL`).
        members: bool,
    },
    /// Discord could not be reached at all (no network, DNS, a refused connection); the
    /// chain of causes, without URLs.
    Unreachable(String),
    /// The client could not be built or the gateway failed.
    Discord(serenity::Error),
    /// A shutdown signal handler could not be installed.
    Signal(std::io::Error),
    /// The store (`ROLECALL_DATABASE_URL`) could not be opened or migrated.
    Store(rolecall_store::StoreError),
    /// Discord refused a shard (gateway close 4010 invalid shard, 4011 sharding required):
    /// `ROLECALL_SHARDS` has to change.
    ShardRefused {
        /// Which shard, and why.
        refused: shards::Refused,
        /// This process's `ROLECALL_SHARDS` (`None` = autosharding).
        configured: Option<crate::config::ShardRange>,
    },
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::InvalidToken => write!(
                f,
                "Discord refused the bot token: copy it again from the developer portal \
                 (Bot → Reset Token) into DISCORD_TOKEN"
            ),
            RunError::DisallowedIntents { members: false } => write!(
                f,
                "Discord refused the Message Content intent: enable it in the developer portal \
                 (Bot → Privileged Gateway Intents → Message Content Intent), or set \
                 {MESSAGE_CONTENT}=false to run with slash commands and mentions only"
            ),
            RunError::DisallowedIntents { members: true } => write!(
                f,
                "Discord refused a privileged intent: {WELCOME_CHANNEL} needs the Server Members \
                 intent (and channel questions the Message Content intent). Enable them in the \
                 developer portal (Bot → Privileged Gateway Intents), or unset {WELCOME_CHANNEL} \
                 to run without greeting new members"
            ),
            RunError::Unreachable(why) => write!(
                f,
                "Discord could not be reached ({why}). Check this machine's network connection \
                 (and DISCORD_API_BASE, if set); to try rolecall without Discord, run \
                 `rolecall ask \"…\"` or `rolecall chat`"
            ),
            RunError::Discord(e) => write!(f, "Discord connection failed: {e}"),
            RunError::Signal(e) => write!(f, "cannot listen for shutdown signals: {e}"),
            RunError::Store(e) => write!(
                f,
                "{e}\n(check ROLECALL_DATABASE_URL; the default is a rolecall.db file in the working directory)"
            ),
            RunError::ShardRefused {
                refused,
                configured,
            } => f.write_str(&shards::advice(refused, *configured)),
        }
    }
}

impl std::error::Error for RunError {}

/// The gateway intents the bot asks for: the privileged Message Content intent only for
/// channel questions, and the privileged Server Members intent only to greet new members.
pub fn intents(message_content: bool, greet_members: bool) -> GatewayIntents {
    // GUILDS: to learn when the bot is removed from a server (its overlay is then deleted
    // after the log retention).
    let mut i =
        GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES | GatewayIntents::DIRECT_MESSAGES;
    if message_content {
        i |= GatewayIntents::MESSAGE_CONTENT;
    }
    if greet_members {
        i |= GatewayIntents::GUILD_MEMBERS;
    }
    i
}

/// Registers every command in bulk: in `guild` when given (instant), else globally.
/// Returns how many were registered.
pub async fn register_commands(http: &Http, guild: Option<u64>) -> serenity::Result<usize> {
    let all = commands::all();
    let done = match guild {
        Some(g) => GuildId::new(g).set_commands(http, all).await?,
        None => GlobalCommand::set_global_commands(http, all).await?,
    };
    Ok(done.len())
}

/// Runs the bot until Ctrl-C or SIGTERM (then `Ok`) or a fatal gateway error.
/// SIGHUP reloads knowledge from `source`, keeping the last good one if it is invalid.
pub async fn run(
    settings: Settings,
    source: KnowledgeSource,
    knowledge: KnowledgeBase,
) -> Result<(), RunError> {
    info!(
        knowledge = %source.describe(),
        warnings = knowledge.warnings.len(),
        max_in_flight = settings.max_in_flight,
        "starting the Discord bot"
    );
    log_warnings(&knowledge, &source);
    let store = rolecall_store::Store::open(&settings.database_url)
        .await
        .map_err(RunError::Store)?;
    info!(backend = store.backend(), url = %store.url(), "tour progress store opened");
    let intents = intents(settings.message_content, settings.welcome_channel.is_some());
    if let Some(channel) = settings.welcome_channel {
        info!(
            channel,
            "greeting new members: the Server Members intent is requested (enable it in the \
             developer portal: Bot → Privileged Gateway Intents → Server Members Intent)"
        );
    }
    if !settings.message_content {
        if settings.channels.is_empty() {
            info!(
                "channel questions are off: the Message Content intent is not requested \
                 ({MESSAGE_CONTENT}=false or no ROLECALL_CHANNELS); slash commands, mentions, \
                 replies to the bot and DMs still work"
            );
        } else {
            warn!(
                "channel questions are off: ROLECALL_CHANNELS is set but {MESSAGE_CONTENT}=false, \
                 so Discord sends no message text; enable the Message Content intent in the \
                 developer portal and set {MESSAGE_CONTENT}=true. Slash commands, mentions, \
                 replies to the bot and DMs still work"
            );
        }
    }
    let token = settings.token.expose().to_string();
    let builder = match &settings.api_base {
        Some(base) => {
            info!(api = %base, "using a Discord-compatible API instead of discord.com");
            // `proxy` only takes effect with the rate limiter off (serenity 0.12.5).
            let http = HttpBuilder::new(&token)
                .proxy(base.clone())
                .ratelimiter_disabled(true)
                .build();
            serenity::client::ClientBuilder::new_with_http(http, intents)
        }
        None => Client::builder(&token, intents),
    };
    let shards = settings.shards;
    let greets = settings.welcome_channel.is_some();
    let shared = SharedKnowledge::new(knowledge);
    reload_on_hangup(shared.clone(), source.clone()).map_err(RunError::Signal)?;
    let origin = format!("pid {} at {}", std::process::id(), unix_now());
    let purging = purge_daily(store.clone(), settings.log_days);
    let handler = handler::Handler::new(
        shared.clone(),
        source.clone(),
        settings,
        Arc::new(store.clone()),
        origin.clone(),
    );
    reload_on_notice(&store, shared, source, origin, handler.servers());
    let mut client = builder
        .event_handler(handler)
        .await
        .map_err(RunError::Discord)?;
    let stop = shutdown_signal().map_err(RunError::Signal)?;
    let manager = client.shard_manager.clone();
    let stopped = async move {
        stop.await;
        info!("shutdown requested: closing gateway connections");
        manager.shutdown_all().await;
        tokio::time::sleep(SHUTDOWN_GRACE).await;
        warn!("gateway connections did not close in time; exiting anyway");
    };
    // serenity 0.12.5 only logs a shard Discord refuses (close 4010/4011) and retries it
    // forever; the process's logger reports that to `Refusals` (see `shards`).
    let runners = client.shard_manager.clone();
    let refused = async move {
        let refused = shards::Refusals::global().first().await;
        shards::close_refused(&runners).await;
        refused
    };
    let started = async {
        match shards {
            // serenity 0.12.5 treats the range's end as inclusive.
            Some(r) => client.start_shard_range(r.first..r.last, r.total).await,
            None => client.start_autosharded().await,
        }
    };
    let refusal = |kind, configured| RunError::ShardRefused {
        refused: shards::Refused { kind, shard: None },
        configured,
    };
    let result = tokio::select! {
        r = started => r.map_err(|e| match e {
            serenity::Error::Gateway(GatewayError::InvalidShardData) => {
                refusal(shards::RefusalKind::InvalidShard, shards)
            }
            serenity::Error::Gateway(GatewayError::OverloadedShard) => {
                refusal(shards::RefusalKind::ShardingRequired, shards)
            }
            e => failed(e, greets),
        }),
        () = stopped => Ok(()),
        refused = refused => Err(RunError::ShardRefused { refused, configured: shards }),
    };
    // The purge must not find the store closed under it (a failed start logged a bogus
    // "database is closed" warning).
    purging.abort();
    // Wait for it to stop: a poll already under way on another worker finishes first.
    let _ = purging.await;
    store.close().await;
    if result.is_ok() {
        info!("stopped");
    }
    result
}

/// What a failed start means for the person running the bot: a refused token (at the
/// gateway, close 4004, or at the HTTP API, 401), refused intents, Discord out of reach,
/// or anything else as it is.
pub fn failed(e: serenity::Error, greets: bool) -> RunError {
    use serenity::http::HttpError;
    match e {
        serenity::Error::Gateway(GatewayError::InvalidAuthentication) => RunError::InvalidToken,
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r))
            if r.status_code.as_u16() == 401 =>
        {
            RunError::InvalidToken
        }
        serenity::Error::Gateway(GatewayError::DisallowedGatewayIntents) => {
            RunError::DisallowedIntents { members: greets }
        }
        e @ serenity::Error::Http(HttpError::Request(_)) => {
            let why = outbox::describe(&e);
            let why = why
                .strip_prefix("could not reach Discord: ")
                .unwrap_or(&why);
            RunError::Unreachable(why.to_string())
        }
        e => RunError::Discord(e),
    }
}

/// Reloads knowledge on SIGHUP (e.g. `systemctl reload rolecall`); an invalid edit is
/// logged with every problem and the last good knowledge keeps answering.
fn reload_on_hangup(shared: SharedKnowledge, source: KnowledgeSource) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut hangup = signal(SignalKind::hangup())?;
        tokio::spawn(async move {
            while hangup.recv().await.is_some() {
                let _ = reload(shared.clone(), source.clone()).await;
            }
        });
    }
    #[cfg(not(unix))]
    let _ = (shared, source);
    Ok(())
}

/// Acts on every notice from another process of the bot (PostgreSQL's LISTEN/NOTIFY),
/// skipping this process's own (`origin`): `/reload` reloads the knowledge; a server's
/// change to what it taught makes this process read that server's again.
fn reload_on_notice(
    store: &rolecall_store::Store,
    shared: SharedKnowledge,
    source: KnowledgeSource,
    origin: String,
    servers: Arc<servers::Servers>,
) {
    let Some(mut notices) = store.reload_notices() else {
        return;
    };
    info!("listening for /reload from the bot's other processes");
    tokio::spawn(async move {
        while let Some(payload) = notices.recv().await {
            match rolecall_store::Notice::parse(&payload) {
                rolecall_store::Notice::Overlay { origin: from, .. } if from == origin => {}
                rolecall_store::Notice::Overlay {
                    guild,
                    origin: from,
                } => {
                    debug!(guild, from = %from, "another process changed what a server taught");
                    servers.forget(guild);
                }
                rolecall_store::Notice::Reload { origin: from } if from == origin => {}
                rolecall_store::Notice::Reload { origin: from } => {
                    info!(from = %from, "another process ran /reload: reloading the knowledge");
                    let _ = reload(shared.clone(), source.clone()).await;
                }
            }
        }
    });
}

/// How often the question log's old rows are purged.
const PURGE_EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// Deletes the question log's rows older than `days` now and then once a day.
fn purge_daily(store: rolecall_store::Store, days: u32) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(PURGE_EVERY);
        loop {
            every.tick().await;
            let before = unix_now() - i64::from(days) * 86_400;
            match store.purge_log(before).await {
                Ok(0) => debug!(days, "question log: nothing older to purge"),
                Ok(rows) => info!(
                    rows,
                    days, "question log: purged rows older than the retention"
                ),
                Err(e) => {
                    warn!(error = %e, "could not purge the question log; trying again tomorrow")
                }
            }
            match store.purge_departed(before).await {
                Ok(0) => {}
                Ok(servers) => info!(
                    servers,
                    days,
                    "deleted what servers taught that the bot left longer ago than the retention"
                ),
                Err(e) => {
                    warn!(error = %e, "could not delete what departed servers taught; trying again tomorrow")
                }
            }
        }
    })
}

/// Reads, validates and indexes `source` on the blocking pool (file reads and index
/// building would stall a runtime worker and the events queued on it), then swaps the new
/// knowledge in; on any failure the last good knowledge stays. Runs as its own task, so it
/// finishes (and logs) even when whoever waits for it stops waiting; gives the new
/// knowledge, or every problem as text.
pub(crate) fn reload(
    shared: SharedKnowledge,
    source: KnowledgeSource,
) -> tokio::task::JoinHandle<Result<std::sync::Arc<KnowledgeBase>, String>> {
    tokio::spawn(async move {
        let job = {
            let (shared, source) = (shared.clone(), source.clone());
            tokio::task::spawn_blocking(move || {
                // Freeing the replaced knowledge is work too: when no reader still holds it,
                // the last reference (this one) is dropped here rather than on the runtime.
                let previous = shared.get();
                let reloaded = shared.reload(|| source.load());
                drop(previous);
                reloaded
            })
        };
        match job.await {
            Ok(Ok(k)) => {
                info!(
                    knowledge = %source.describe(),
                    roles = k.roles.len(),
                    faqs = k.faqs.len(),
                    terms = k.terms.len(),
                    warnings = k.warnings.len(),
                    "knowledge reloaded"
                );
                log_warnings(&k, &source);
                Ok(k)
            }
            Ok(Err(e)) => {
                error!(
                    knowledge = %source.describe(),
                    "knowledge reload failed, still answering from the last good knowledge: {e}"
                );
                Err(e.to_string())
            }
            Err(e) => {
                error!(
                    knowledge = %source.describe(),
                    "knowledge reload failed ({e}), still answering from the last good knowledge"
                );
                Err(format!("reading the knowledge stopped: {e}"))
            }
        }
    })
}

/// Logs the knowledge's warnings, one `warn!` line each, at most [`MAX_WARNING_LINES`].
fn log_warnings(k: &Knowledge, source: &KnowledgeSource) {
    for line in warning_lines(
        &k.warnings,
        MAX_WARNING_LINES,
        &crate::check_hint::check_command(std::env::args_os().next().as_deref(), source),
    ) {
        warn!("{line}");
    }
}

/// The log lines for `warnings`: each as `file:line: entry: warning: message`, at most `max`
/// of them, then "… and N more; run `CHECK` to see them all".
pub fn warning_lines(warnings: &[Problem], max: usize, check: &str) -> Vec<String> {
    let mut lines: Vec<String> = warnings.iter().take(max).map(|p| p.to_string()).collect();
    if warnings.len() > max {
        lines.push(format!(
            "… and {} more; run `{check}` to see them all",
            warnings.len() - max
        ));
    }
    lines
}

/// Resolves on Ctrl-C or (on Unix) SIGTERM; the handlers are installed before it returns.
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    Ok(async move {
        #[cfg(unix)]
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warning(i: usize) -> Problem {
        Problem::warning(
            "k/team.toml",
            Some(i),
            Some(format!("aspect `a{i}`")),
            "has no words".into(),
        )
    }

    #[test]
    fn warnings_are_listed_one_a_line() {
        let w: Vec<Problem> = (1..=2).map(warning).collect();
        assert_eq!(
            warning_lines(&w, 20, "rolecall check k"),
            [
                "k/team.toml:1: aspect `a1`: warning: has no words",
                "k/team.toml:2: aspect `a2`: warning: has no words"
            ]
        );
        assert!(warning_lines(&[], 20, "rolecall check k").is_empty());
    }

    #[test]
    fn many_warnings_are_capped_with_a_count_and_the_check_command() {
        let w: Vec<Problem> = (1..=23).map(warning).collect();
        let lines = warning_lines(&w, 20, "rolecall check k");
        assert_eq!(lines.len(), 21);
        assert_eq!(
            lines[19],
            "k/team.toml:20: aspect `a20`: warning: has no words"
        );
        assert_eq!(
            lines[20],
            "… and 3 more; run `rolecall check k` to see them all"
        );
        assert_eq!(
            warning_lines(&w[..20], 20, "x").len(),
            20,
            "exactly the cap"
        );
    }

    #[test]
    fn the_check_command_names_the_source() {
        assert_eq!(
            crate::check_hint::check_command(
                None,
                &KnowledgeSource::Path("/opt/rolecall/knowledge".into())
            ),
            "rolecall check /opt/rolecall/knowledge"
        );
        assert_eq!(
            crate::check_hint::check_command(None, &KnowledgeSource::Shipped),
            "rolecall check"
        );
    }
}
