//! Reload notices: PostgreSQL `NOTIFY` to tell every process of the bot to reload, and a
//! listener that keeps listening across dropped connections.

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

impl Store {
    /// PostgreSQL: tells every process of the bot to reload its knowledge (`NOTIFY` on
    /// [`RELOAD_CHANNEL`] with `origin`, cut to 200 characters, as the payload). SQLite (one
    /// process): nothing to tell.
    pub async fn announce_reload(&self, origin: &str) -> Result<(), StoreError> {
        const ACTION: &str = "announce a reload";
        let Pools::Postgres(pool) = &self.backend else {
            if self.is_closed() {
                return Err(StoreError::Closed {
                    action: ACTION,
                    url: self.url.to_string(),
                });
            }
            return Ok(());
        };
        let origin: String = origin.chars().take(MAX_ORIGIN).collect();
        self.run(ACTION, async move {
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(RELOAD_CHANNEL)
                .bind(origin)
                .execute(pool)
                .await
                .map(|_| ())
        })
        .await
    }

    /// PostgreSQL: the payloads of every [`Store::announce_reload`] from now on, this
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
