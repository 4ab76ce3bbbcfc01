//! The Discord adapter: slash commands, autocomplete, buttons and channel questions.
//!
//! Split like serenity's `e14_slash_commands` example: [`commands`] holds one module per
//! command (name constant, `register()`, pure `run()`), [`buttons`] and [`messages`] the
//! pure logic for clicks and typed questions, [`limiter`] the rate limit and cooldown,
//! [`response`] the conversion to serenity builders, [`outbox`] the bounded, retried
//! sending of replies, and [`handler`] the thin I/O.

pub mod buttons;
pub mod commands;
pub mod handler;
pub mod limiter;
pub mod logging;
pub mod messages;
pub mod outbox;
pub mod response;

use crate::base::{KnowledgeBase, SharedKnowledge};
use crate::cli::KnowledgeSource;
use crate::config::{Settings, MESSAGE_CONTENT};
use serenity::all::{Command as GlobalCommand, GatewayError, GatewayIntents, GuildId, Http};
use serenity::http::HttpBuilder;
use serenity::Client;
use std::fmt;
use std::time::Duration;
use tracing::{error, info, warn};

/// How long shards get to close after a shutdown signal before the process exits anyway.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Why the bot stopped with an error.
#[derive(Debug)]
pub enum RunError {
    /// Discord refused the token.
    InvalidToken,
    /// Discord refused the privileged Message Content intent.
    DisallowedIntents,
    /// The client could not be built or the gateway failed.
    Discord(serenity::Error),
    /// A shutdown signal handler could not be installed.
    Signal(std::io::Error),
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::InvalidToken => write!(
                f,
                "Discord refused the bot token: copy it again from the developer portal \
                 (Bot → Reset Token) into DISCORD_TOKEN"
            ),
            RunError::DisallowedIntents => write!(
                f,
                "Discord refused the Message Content intent: enable it in the developer portal \
                 (Bot → Privileged Gateway Intents → Message Content Intent), or set \
                 {MESSAGE_CONTENT}=false to run with slash commands and mentions only"
            ),
            RunError::Discord(e) => write!(f, "Discord connection failed: {e}"),
            RunError::Signal(e) => write!(f, "cannot listen for shutdown signals: {e}"),
        }
    }
}

impl std::error::Error for RunError {}

/// The gateway intents the bot asks for.
pub fn intents(message_content: bool) -> GatewayIntents {
    let mut i = GatewayIntents::GUILD_MESSAGES | GatewayIntents::DIRECT_MESSAGES;
    if message_content {
        i |= GatewayIntents::MESSAGE_CONTENT;
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
    let intents = intents(settings.message_content);
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
    let shared = SharedKnowledge::new(knowledge);
    reload_on_hangup(shared.clone(), source).map_err(RunError::Signal)?;
    let handler = handler::Handler::new(shared, settings);
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
    let started = async {
        match shards {
            // serenity 0.12.5 treats the range's end as inclusive.
            Some(r) => client.start_shard_range(r.first..r.last, r.total).await,
            None => client.start_autosharded().await,
        }
    };
    let result = tokio::select! {
        r = started => r,
        () = stopped => Ok(()),
    };
    match result {
        Ok(()) => {
            info!("stopped");
            Ok(())
        }
        Err(serenity::Error::Gateway(GatewayError::InvalidAuthentication)) => {
            Err(RunError::InvalidToken)
        }
        Err(serenity::Error::Gateway(GatewayError::DisallowedGatewayIntents)) => {
            Err(RunError::DisallowedIntents)
        }
        Err(e) => Err(RunError::Discord(e)),
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
                match shared.reload(|| source.load()) {
                    Ok(k) => info!(
                        knowledge = %source.describe(),
                        roles = k.roles.len(),
                        faqs = k.faqs.len(),
                        terms = k.terms.len(),
                        "knowledge reloaded"
                    ),
                    Err(e) => error!(
                        knowledge = %source.describe(),
                        "knowledge reload failed, still answering from the last good knowledge: {e}"
                    ),
                }
            }
        });
    }
    #[cfg(not(unix))]
    let _ = (shared, source);
    Ok(())
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
