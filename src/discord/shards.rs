//! Running the bot's shards in one or several processes: which process registers the slash
//! commands, and noticing when Discord refuses a shard.
//!
//! Discord refuses a shard at IDENTIFY by closing the gateway with 4010 (invalid shard) or
//! 4011 (sharding required: the bot is in too many servers for its shard count). serenity
//! 0.12.5 neither returns that from `Client::start*` nor stops: it logs the error
//! (`Shard handler received err: Gateway(InvalidShardData)` / `Gateway(OverloadedShard)`),
//! then polls the closed websocket in a loop without ever yielding, at 100% of a core, until
//! the next heartbeat fails and it identifies again, forever. Those log events are the only
//! signal it gives, so [`RefusalWatch`] is a tracing layer that spots them and reports them
//! to [`Refusals`]; `run()` waits on it, closes the refused runners (which stops their loop)
//! and exits with a message saying what to change in `ROLECALL_SHARDS`.

use crate::config::{ShardRange, SHARDS};
use serenity::all::{ConnectionStage, ShardInfo, ShardManager};
use std::fmt;
use std::sync::{Arc, LazyLock};
use tokio::sync::watch;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::filter::{Filtered, Targets};
use tracing_subscriber::layer::{Context, Layer};

/// Where serenity logs its gateway events (the shard and its runner).
const SERENITY_GATEWAY: &str = "serenity::gateway";

/// Whether the process that got READY for `shard` registers the slash commands: only the one
/// running shard 0 does (or an unsharded connection), so several processes register once.
pub fn registers_commands(shard: Option<ShardInfo>) -> bool {
    shard.is_none_or(|s| s.id.0 == 0)
}

/// Why Discord refused a shard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalKind {
    /// Close 4010: the shard id or total sent at IDENTIFY is not valid for this bot.
    InvalidShard,
    /// Close 4011: the shard would handle too many servers; the bot needs more shards.
    ShardingRequired,
}

impl RefusalKind {
    /// Discord's gateway close code.
    pub fn close_code(self) -> u16 {
        match self {
            RefusalKind::InvalidShard => 4010,
            RefusalKind::ShardingRequired => 4011,
        }
    }
}

/// A shard Discord refused to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    /// Why.
    pub kind: RefusalKind,
    /// `(id, total)` of the refused shard, when serenity's log named it.
    pub shard: Option<(u32, u32)>,
}

/// What serenity's log event `message` (from `target`) says about a refused shard, if anything.
///
/// serenity 0.12.5 logs `[ShardInfo { id: ShardId(1), total: 2 }] Sent invalid shard data.`
/// or `… Shard has too many guilds.` from `serenity::gateway::shard`, then
/// `Shard handler received err: Gateway(InvalidShardData)` / `Gateway(OverloadedShard)` from
/// its shard runner.
pub fn classify(target: &str, message: &str) -> Option<Refused> {
    if !target.starts_with(SERENITY_GATEWAY) {
        return None;
    }
    let kind = if message.contains("InvalidShardData") || message.contains("invalid shard data") {
        RefusalKind::InvalidShard
    } else if message.contains("OverloadedShard") || message.contains("Shard has too many guilds") {
        RefusalKind::ShardingRequired
    } else {
        return None;
    };
    Some(Refused {
        kind,
        shard: shard_in(message),
    })
}

/// The `(id, total)` of a `ShardInfo { id: ShardId(ID), total: TOTAL }` in `message`.
fn shard_in(message: &str) -> Option<(u32, u32)> {
    let id = number_after(message, "ShardId(")?;
    let total = number_after(message, "total: ")?;
    Some((id, total))
}

/// The decimal number right after the first `marker` in `text`.
fn number_after(text: &str, marker: &str) -> Option<u32> {
    let start = text.find(marker)? + marker.len();
    let digits: String = text[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Shards refused so far in this process: the first is kept, and a task can wait for it.
#[derive(Debug)]
pub struct Refusals {
    first: watch::Sender<Option<Refused>>,
}

impl Default for Refusals {
    fn default() -> Self {
        Refusals::new()
    }
}

impl Refusals {
    /// No refusal yet.
    pub fn new() -> Refusals {
        Refusals {
            first: watch::Sender::new(None),
        }
    }

    /// The process's refusals, fed by [`RefusalWatch::global`].
    pub fn global() -> &'static Arc<Refusals> {
        static GLOBAL: LazyLock<Arc<Refusals>> = LazyLock::new(|| Arc::new(Refusals::new()));
        &GLOBAL
    }

    /// Records `r`; only the first refusal counts, but a later report of it that names the
    /// shard fills the shard in.
    pub fn report(&self, r: Refused) {
        self.first.send_if_modified(|first| match first {
            None => {
                *first = Some(r);
                true
            }
            Some(f) if f.kind == r.kind && f.shard.is_none() && r.shard.is_some() => {
                f.shard = r.shard;
                true
            }
            Some(_) => false,
        });
    }

    /// The first refusal, if any so far.
    pub fn get(&self) -> Option<Refused> {
        *self.first.borrow()
    }

    /// Waits for the first refusal.
    pub async fn first(&self) -> Refused {
        let mut rx = self.first.subscribe();
        loop {
            if let Some(r) = *rx.borrow_and_update() {
                return r;
            }
            if rx.changed().await.is_err() {
                // The sender lives as long as `self`: never reached; wait forever rather than
                // report a refusal that did not happen.
                std::future::pending::<()>().await;
            }
        }
    }
}

/// A tracing layer that reports serenity's refused-shard log events to [`Refusals`].
#[derive(Debug, Clone)]
pub struct RefusalWatch {
    refusals: Arc<Refusals>,
}

impl RefusalWatch {
    /// A layer reporting to `refusals`.
    pub fn new(refusals: Arc<Refusals>) -> RefusalWatch {
        RefusalWatch { refusals }
    }

    /// The layer for the process's logger: it sees serenity's gateway warnings and errors
    /// whatever `RUST_LOG` says (its own filter), and reports to [`Refusals::global`].
    pub fn global<S>() -> Filtered<RefusalWatch, Targets, S>
    where
        S: Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
    {
        RefusalWatch::new(Refusals::global().clone())
            .with_filter(Targets::new().with_target(SERENITY_GATEWAY, Level::WARN))
    }
}

impl<S: Subscriber> Layer<S> for RefusalWatch {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let mut message = Message(String::new());
        event.record(&mut message);
        if let Some(r) = classify(event.metadata().target(), &message.0) {
            self.refusals.report(r);
        }
    }
}

/// The `message` field of an event.
struct Message(String);

impl Visit for Message {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.0 = value.to_string();
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if field.name() == "message" {
            self.0 = format!("{value:?}");
        }
    }
}

/// Closes the connection of every shard that is not connected (the refused ones), so its
/// runner leaves serenity's loop: writing to the websocket Discord already closed fails,
/// which ends the runner; without this it spins until the process exits, and the runtime
/// cannot shut down while it does. Connected shards are left alone.
pub async fn close_refused(manager: &ShardManager) {
    let runners = manager.runners.lock().await;
    for info in runners.values() {
        if info.stage != ConnectionStage::Connected {
            info.runner_tx.shutdown_clean();
        }
    }
}

/// What the user should do about `refused`, given the process's `ROLECALL_SHARDS`
/// (`None` = autosharding).
pub fn advice(refused: &Refused, configured: Option<ShardRange>) -> String {
    let code = refused.kind.close_code();
    let which = match refused.shard {
        Some((id, total)) => format!("shard {id} of {total}"),
        None => "a shard".to_string(),
    };
    let setting = match configured {
        Some(r) if r.first == r.last => format!("{SHARDS}={}/{}", r.first, r.total),
        Some(r) => format!("{SHARDS}={}-{}/{}", r.first, r.last, r.total),
        None => format!("{SHARDS} unset (autosharding)"),
    };
    match (refused.kind, configured) {
        (RefusalKind::ShardingRequired, Some(r)) => format!(
            "Discord refused {which} (gateway close {code}, sharding required): the bot is in \
             too many servers for {total} shards ({setting}); Discord allows at most 2,500 \
             servers per shard. Set {SHARDS} to a larger TOTAL in every process of the bot, \
             with FIRST-LAST ranges that together cover 0 to TOTAL-1 (e.g. `0-{half}/{more}` \
             and `{rest}-{last}/{more}`), or unset {SHARDS} to run every shard in one process \
             with the count Discord recommends",
            total = r.total,
            more = r.total * 2,
            half = r.total - 1,
            rest = r.total,
            last = r.total * 2 - 1,
        ),
        (RefusalKind::ShardingRequired, None) => format!(
            "Discord refused {which} (gateway close {code}, sharding required): the bot is in \
             more servers than the shard count Discord recommended when rolecall started \
             ({setting}). Start rolecall again to autoshard with the new count, or set \
             {SHARDS}=0-LAST/TOTAL with a larger TOTAL"
        ),
        (RefusalKind::InvalidShard, Some(_)) => format!(
            "Discord refused {which} as invalid (gateway close {code}) with {setting}: \
             {SHARDS} must be FIRST-LAST/TOTAL with FIRST <= LAST < TOTAL, the same TOTAL in \
             every process of the bot and a TOTAL Discord accepts for it (GET /gateway/bot \
             recommends one). Fix the range or the total, or unset {SHARDS} for autosharding"
        ),
        (RefusalKind::InvalidShard, None) => format!(
            "Discord refused {which} as invalid (gateway close {code}) with {setting}: start \
             rolecall again, or set {SHARDS}=FIRST-LAST/TOTAL with the TOTAL Discord \
             recommends (GET /gateway/bot) and FIRST <= LAST < TOTAL"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serenity::all::ShardId;
    use tracing_subscriber::layer::SubscriberExt;

    fn info(id: u32, total: u32) -> ShardInfo {
        ShardInfo {
            id: ShardId(id),
            total,
        }
    }

    #[test]
    fn only_shard_zero_or_an_unsharded_connection_registers() {
        assert!(registers_commands(None));
        assert!(registers_commands(Some(info(0, 1))));
        assert!(registers_commands(Some(info(0, 8))));
        assert!(!registers_commands(Some(info(1, 2))));
        assert!(!registers_commands(Some(info(7, 8))));
    }

    #[test]
    fn serenitys_refusal_events_are_recognised_with_their_shard() {
        // The exact lines serenity 0.12.5 logs, with a real ShardInfo's Debug.
        let invalid = format!("[{:?}] Sent invalid shard data.", info(3, 4));
        assert_eq!(
            classify("serenity::gateway::shard", &invalid),
            Some(Refused {
                kind: RefusalKind::InvalidShard,
                shard: Some((3, 4))
            })
        );
        let overloaded = format!("[{:?}] Shard has too many guilds.", info(0, 1));
        assert_eq!(
            classify("serenity::gateway::shard", &overloaded),
            Some(Refused {
                kind: RefusalKind::ShardingRequired,
                shard: Some((0, 1))
            })
        );
        let runner = "serenity::gateway::bridge::shard_runner";
        for (message, kind) in [
            (
                "Shard handler received err: Gateway(InvalidShardData)",
                RefusalKind::InvalidShard,
            ),
            (
                "Shard handler received err: Gateway(OverloadedShard)",
                RefusalKind::ShardingRequired,
            ),
        ] {
            assert_eq!(
                classify(runner, message),
                Some(Refused { kind, shard: None })
            );
        }
    }

    #[test]
    fn other_events_are_not_refusals() {
        let shard = "serenity::gateway::shard";
        assert_eq!(
            classify(
                shard,
                "[ShardInfo { id: ShardId(0), total: 1 }] Invalid session."
            ),
            None
        );
        assert_eq!(
            classify(
                shard,
                "Shard handler received err: Gateway(InvalidAuthentication)"
            ),
            None
        );
        // The same words from anywhere but serenity's gateway.
        assert_eq!(classify("rolecall::discord", "InvalidShardData"), None);
    }

    #[test]
    fn the_first_refusal_is_kept_and_its_shard_filled_in() {
        let r = Refusals::new();
        assert_eq!(r.get(), None);
        let kind = RefusalKind::ShardingRequired;
        r.report(Refused { kind, shard: None });
        r.report(Refused {
            kind,
            shard: Some((1, 2)),
        });
        r.report(Refused {
            kind: RefusalKind::InvalidShard,
            shard: Some((0, 2)),
        });
        assert_eq!(
            r.get(),
            Some(Refused {
                kind,
                shard: Some((1, 2))
            })
        );
    }

    #[tokio::test]
    async fn a_refusal_logged_by_serenity_wakes_the_waiter() {
        let refusals = Arc::new(Refusals::new());
        let subscriber = tracing_subscriber::registry().with(RefusalWatch::new(refusals.clone()));
        let waiter = {
            let refusals = refusals.clone();
            tokio::spawn(async move { refusals.first().await })
        };
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!(target: "serenity::gateway::shard", "[{:?}] Identifying", info(1, 2));
            tracing::warn!(
                target: "serenity::gateway::shard",
                "[{:?}] Sent invalid shard data.",
                info(1, 2)
            );
            tracing::error!(
                target: "serenity::gateway::bridge::shard_runner",
                "Shard handler received err: {:?}",
                serenity::Error::Gateway(serenity::all::GatewayError::InvalidShardData)
            );
        });
        let refused = tokio::time::timeout(std::time::Duration::from_secs(5), waiter)
            .await
            .expect("woken")
            .expect("no panic");
        assert_eq!(
            refused,
            Refused {
                kind: RefusalKind::InvalidShard,
                shard: Some((1, 2))
            }
        );
    }

    #[test]
    fn the_advice_says_what_to_change_in_rolecall_shards() {
        let range = |first, last, total| Some(ShardRange { first, last, total });
        let required = Refused {
            kind: RefusalKind::ShardingRequired,
            shard: Some((1, 2)),
        };
        let a = advice(&required, range(1, 1, 2));
        assert!(a.contains("shard 1 of 2"), "{a}");
        assert!(a.contains("gateway close 4011"), "{a}");
        assert!(a.contains("ROLECALL_SHARDS=1/2"), "{a}");
        assert!(a.contains("larger TOTAL"), "{a}");
        assert!(a.contains("`0-1/4` and `2-3/4`"), "{a}");
        assert!(a.contains("unset ROLECALL_SHARDS"), "{a}");

        let auto = advice(
            &Refused {
                kind: RefusalKind::ShardingRequired,
                shard: None,
            },
            None,
        );
        assert!(auto.contains("a shard (gateway close 4011"), "{auto}");
        assert!(
            auto.contains("ROLECALL_SHARDS unset (autosharding)"),
            "{auto}"
        );
        assert!(auto.contains("Start rolecall again"), "{auto}");

        let invalid = advice(
            &Refused {
                kind: RefusalKind::InvalidShard,
                shard: Some((0, 3)),
            },
            range(0, 2, 3),
        );
        assert!(invalid.contains("gateway close 4010"), "{invalid}");
        assert!(invalid.contains("ROLECALL_SHARDS=0-2/3"), "{invalid}");
        assert!(invalid.contains("FIRST-LAST/TOTAL"), "{invalid}");
        assert!(invalid.contains("same TOTAL in every process"), "{invalid}");
    }
}
