//! Reload notices: PostgreSQL `NOTIFY` to tell every process of the bot to reload (all its
//! knowledge, or one server's overlay: see [`Notice`]), and a listener that keeps listening
//! across dropped connections.

use super::{error, Pools, Store, StoreError, OPEN_TIMEOUT, RELOAD_CHANNEL};
use sqlx::postgres::{PgListener, PgPool, PgPoolOptions};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

/// Characters of an `origin` sent with a reload notice (PostgreSQL allows 8000 bytes).
const MAX_ORIGIN: usize = 200;
/// Reload notices a receiver can fall behind by; more are dropped (one pending reload is
/// as good as several).
const NOTICE_BUFFER: usize = 16;
/// First wait before listening again after the connection failed; doubled up to
/// [`LISTEN_RETRY_MAX`] while it keeps failing.
const LISTEN_RETRY_MIN: Duration = Duration::from_millis(250);
/// Longest wait between two attempts to listen again.
const LISTEN_RETRY_MAX: Duration = Duration::from_secs(30);

/// What a notice on [`RELOAD_CHANNEL`] asks of every process of the bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Reload the knowledge (`/reload`); the payload is the origin alone.
    Reload {
        /// Who asked for it.
        origin: String,
    },
    /// Read again what one server taught; the payload is `overlay <guild> <origin>`.
    Overlay {
        /// The server whose knowledge changed.
        guild: u64,
        /// Who changed it.
        origin: String,
    },
}

impl Notice {
    /// Reads a payload [`Notice::payload`] wrote; anything else is a reload from `payload`.
    pub fn parse(payload: &str) -> Notice {
        let overlay = payload.strip_prefix("overlay ").and_then(|rest| {
            let (guild, origin) = rest.split_once(' ')?;
            Some(Notice::Overlay {
                guild: guild.parse().ok()?,
                origin: origin.to_string(),
            })
        });
        overlay.unwrap_or_else(|| Notice::Reload {
            origin: payload.to_string(),
        })
    }

    /// The notice as sent, its origin cut to 200 characters.
    pub fn payload(&self) -> String {
        let cut = |origin: &str| origin.chars().take(MAX_ORIGIN).collect::<String>();
        match self {
            Notice::Reload { origin } => cut(origin),
            Notice::Overlay { guild, origin } => format!("overlay {guild} {}", cut(origin)),
        }
    }
}

impl Store {
    /// PostgreSQL: tells every process of the bot to reload its knowledge (`NOTIFY` on
    /// [`RELOAD_CHANNEL`] with `origin`, cut to 200 characters, as the payload). SQLite (one
    /// process): nothing to tell.
    pub async fn announce_reload(&self, origin: &str) -> Result<(), StoreError> {
        let notice = Notice::Reload {
            origin: origin.to_string(),
        };
        self.notify("announce a reload", &notice).await
    }

    /// PostgreSQL: tells every process of the bot that `guild` taught something, so they read
    /// its overlay again (`NOTIFY` on [`RELOAD_CHANNEL`] with [`Notice::Overlay`]'s payload).
    /// SQLite (one process): nothing to tell.
    pub async fn announce_overlay(&self, guild: u64, origin: &str) -> Result<(), StoreError> {
        let notice = Notice::Overlay {
            guild,
            origin: origin.to_string(),
        };
        self.notify("announce a server's knowledge", &notice).await
    }

    /// Sends `notice` on [`RELOAD_CHANNEL`] (PostgreSQL); on SQLite only checks the store is
    /// open.
    async fn notify(&self, action: &'static str, notice: &Notice) -> Result<(), StoreError> {
        let Pools::Postgres(pool) = &self.backend else {
            if self.is_closed() {
                return Err(StoreError::Closed {
                    action,
                    url: self.url.to_string(),
                });
            }
            return Ok(());
        };
        let payload = notice.payload();
        self.run(action, async move {
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(RELOAD_CHANNEL)
                .bind(payload)
                .execute(pool)
                .await
                .map(|_| ())
        })
        .await
    }

    /// PostgreSQL: the payloads of every [`Store::announce_reload`] and
    /// [`Store::announce_overlay`] from now on (read them with [`Notice::parse`]), this
    /// process's own included, from a background task that listens on a connection of its
    /// own and, when that fails, listens again after a wait (250 ms doubling to 30 s).
    /// Notices sent while it was not listening are lost. The task ends when the receiver is
    /// dropped or the store is closed. SQLite, or called outside a tokio runtime: `None`.
    pub fn reload_notices(&self) -> Option<mpsc::Receiver<String>> {
        let Pools::Postgres(pool) = &self.backend else {
            return None;
        };
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            tracing::warn!("reload notices need a tokio runtime; not listening");
            return None;
        };
        let (sender, receiver) = mpsc::channel(NOTICE_BUFFER);
        runtime.spawn(listen(
            pool.clone(),
            sender,
            self.raw_url.clone(),
            self.url.clone(),
        ));
        Some(receiver)
    }
}

/// The reload-notice task of [`Store::reload_notices`]: listens, relays payloads to
/// `sender`, and listens again with a growing wait when the connection fails.
async fn listen(store: PgPool, sender: mpsc::Sender<String>, raw: Arc<str>, url: Arc<str>) {
    let mut wait = LISTEN_RETRY_MIN;
    loop {
        // A connection of its own, so LISTEN never holds one of the store's.
        let own = PgPoolOptions::new()
            .max_connections(1)
            .min_connections(0)
            .max_lifetime(None)
            .idle_timeout(None)
            .acquire_timeout(OPEN_TIMEOUT)
            .connect_lazy_with((*store.connect_options()).clone());
        let ended = tokio::select! {
            () = sender.closed() => Ended::Done,
            () = store.close_event() => Ended::Done,
            ended = relay(&own, &sender, &mut wait) => ended,
        };
        let _ = tokio::time::timeout(OPEN_TIMEOUT, own.close()).await;
        let Ended::Failed(e) = ended else {
            return;
        };
        tracing::warn!(
            "cannot listen for reload notices in the database {url}: {}; trying again in {} ms",
            error::reason(&e, &raw),
            wait.as_millis()
        );
        tokio::select! {
            () = sender.closed() => return,
            () = store.close_event() => return,
            () = tokio::time::sleep(wait) => {}
        }
        wait = (wait * 2).min(LISTEN_RETRY_MAX);
    }
}

/// One listening session on `pool`: LISTEN, then relay every payload until the connection
/// fails (a full receiver drops the notice). `wait` goes back to its minimum once listening.
async fn relay(pool: &PgPool, sender: &mpsc::Sender<String>, wait: &mut Duration) -> Ended {
    let mut listener = match PgListener::connect_with(pool).await {
        Ok(listener) => listener,
        Err(e) => return Ended::Failed(e),
    };
    if let Err(e) = listener.listen(RELOAD_CHANNEL).await {
        return Ended::Failed(e);
    }
    *wait = LISTEN_RETRY_MIN;
    loop {
        match listener.recv().await {
            Ok(notice) => match sender.try_send(notice.payload().to_string()) {
                Ok(()) | Err(mpsc::error::TrySendError::Full(_)) => {}
                Err(mpsc::error::TrySendError::Closed(_)) => return Ended::Done,
            },
            Err(e) => return Ended::Failed(e),
        }
    }
}

/// Why a listening session ended.
enum Ended {
    /// The receiver was dropped or the store closed: stop for good.
    Done,
    /// The connection failed: listen again after a wait.
    Failed(sqlx::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_read_back_what_they_send() {
        for notice in [
            Notice::Reload {
                origin: "host-1 pid 42".into(),
            },
            Notice::Overlay {
                guild: 1_100_000_000_000_000_001,
                origin: "host-1 pid 42".into(),
            },
            Notice::Overlay {
                guild: u64::MAX,
                origin: String::new(),
            },
        ] {
            assert_eq!(Notice::parse(&notice.payload()), notice);
        }
        assert_eq!(
            Notice::Overlay {
                guild: 7,
                origin: "a b".into()
            }
            .payload(),
            "overlay 7 a b"
        );
    }

    #[test]
    fn anything_else_is_a_reload_and_origins_are_cut() {
        for payload in [
            "",
            "cli",
            "overlay",
            "overlay x origin",
            "overlay 12",
            "overlay -1 o",
        ] {
            assert_eq!(
                Notice::parse(payload),
                Notice::Reload {
                    origin: payload.into()
                },
                "{payload:?}"
            );
        }
        let long = "é".repeat(MAX_ORIGIN + 50);
        let sent = Notice::Reload { origin: long }.payload();
        assert_eq!(sent.chars().count(), MAX_ORIGIN);
    }
}
