//! What can go wrong with the store, said so a bot operator knows what to fix.

use super::url::{scrub, Scheme};
use std::fmt;
use std::time::Duration;

/// A store failure. Every message names the database URL with its password hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The URL names neither SQLite nor PostgreSQL.
    UnsupportedUrl {
        /// The URL, password hidden.
        url: String,
    },
    /// The database could not be opened or reached at start-up.
    Open {
        /// The URL, password hidden.
        url: String,
        /// Why, in the driver's words (password hidden).
        reason: String,
    },
    /// The database was reached but its schema could not be brought up to date.
    Migrate {
        /// The URL, password hidden.
        url: String,
        /// Why, in the driver's words (password hidden).
        reason: String,
    },
    /// A read or write failed while the bot was running.
    Query {
        /// What was being done, e.g. "save tour progress".
        action: &'static str,
        /// The URL, password hidden.
        url: String,
        /// Why, in the driver's words (password hidden).
        reason: String,
    },
    /// The database did not answer in time (gone, unreachable, or locked).
    Timeout {
        /// What was being done, e.g. "load tour progress".
        action: &'static str,
        /// The URL, password hidden.
        url: String,
        /// How long the store waited, in milliseconds.
        waited_ms: u64,
    },
    /// The store was closed (the bot is shutting down).
    Closed {
        /// What was being attempted.
        action: &'static str,
        /// The URL, password hidden.
        url: String,
    },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::UnsupportedUrl { url } => write!(
                f,
                "unsupported database URL \"{url}\": use sqlite://FILE (the default is \
                 {default}, a file in the working directory) or \
                 postgres://USER:PASSWORD@HOST:PORT/DATABASE",
                default = super::DEFAULT_URL
            ),
            StoreError::Open { url, reason } => {
                write!(f, "cannot open the database {url}: {reason}")
            }
            StoreError::Migrate { url, reason } => write!(
                f,
                "cannot migrate the database {url} to rolecall's schema: {reason}"
            ),
            StoreError::Query {
                action,
                url,
                reason,
            } => write!(f, "cannot {action} in the database {url}: {reason}"),
            StoreError::Timeout {
                action,
                url,
                waited_ms,
            } => write!(
                f,
                "cannot {action} in the database {url}: no answer within {waited_ms} ms \
                 (is it down, unreachable or locked?)"
            ),
            StoreError::Closed { action, url } => {
                write!(f, "cannot {action}: the database {url} is closed")
            }
        }
    }
}

impl std::error::Error for StoreError {}

/// The driver's error in a few plain words, with the URL's password removed.
pub(crate) fn reason(err: &sqlx::Error, raw_url: &str) -> String {
    let text = match err {
        sqlx::Error::Database(db) => {
            // SQLITE_CANTOPEN: the usual cause is a missing or read-only folder.
            if Scheme::of(raw_url) == Some(Scheme::Sqlite) && db.code().as_deref() == Some("14") {
                format!(
                    "{} (check that its folder exists and is writable)",
                    db.message()
                )
            } else {
                db.message().to_string()
            }
        }
        sqlx::Error::Io(io) => io.to_string(),
        sqlx::Error::Tls(tls) => format!("TLS failed: {tls}"),
        sqlx::Error::Configuration(cfg) => format!("the URL is not valid: {cfg}"),
        sqlx::Error::PoolTimedOut => "no connection became free in time".to_string(),
        sqlx::Error::PoolClosed => "the store is closed".to_string(),
        other => other.to_string(),
    };
    scrub(&text, raw_url)
}

/// A failure while running, as the right variant: closed, timed out, or failed.
pub(crate) fn running(
    err: &sqlx::Error,
    action: &'static str,
    raw_url: &str,
    url: &str,
    waited: Duration,
) -> StoreError {
    match err {
        sqlx::Error::PoolClosed => StoreError::Closed {
            action,
            url: url.to_string(),
        },
        sqlx::Error::PoolTimedOut => StoreError::Timeout {
            action,
            url: url.to_string(),
            waited_ms: millis(waited),
        },
        _ => StoreError::Query {
            action,
            url: url.to_string(),
            reason: reason(err, raw_url),
        },
    }
}

/// A duration in whole milliseconds, saturating.
pub(crate) fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_url() {
        let url = "postgres://bot:***@db/rolecall".to_string();
        let open = StoreError::Open {
            url: url.clone(),
            reason: "Connection refused (os error 111)".into(),
        };
        assert_eq!(
            open.to_string(),
            "cannot open the database postgres://bot:***@db/rolecall: \
             Connection refused (os error 111)"
        );
        let timeout = StoreError::Timeout {
            action: "save tour progress",
            url,
            waited_ms: 1500,
        };
        assert!(timeout
            .to_string()
            .starts_with("cannot save tour progress in the database postgres://bot:***@db"));
        let scheme = StoreError::UnsupportedUrl {
            url: "mysql://x".into(),
        };
        assert!(scheme.to_string().contains("sqlite://"));
        assert!(scheme.to_string().contains("postgres://"));
    }

    #[test]
    fn driver_reasons_lose_the_password() {
        let err = sqlx::Error::Configuration("bad port in bot:hunter2@db:x".into());
        let text = reason(&err, "postgres://bot:hunter2@db:x/rolecall");
        assert!(!text.contains("hunter2"), "{text}");
        assert!(text.contains("***"), "{text}");
    }
}
