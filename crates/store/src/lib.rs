//! The store: tour progress per server and user, and the question log with its votes, in
//! SQLite (default) or PostgreSQL.
//!
//! The only state rolecall keeps. [`Store::open`] picks the backend from the URL
//! (`ROLECALL_DATABASE_URL`): `sqlite://FILE` (the default, [`DEFAULT_URL`], a `rolecall.db`
//! file in the working directory, created on first start) for one bot process, or
//! `postgres://USER:PASSWORD@HOST/DB` for a bot sharded over several processes or machines.
//! It then brings the schema up to date from the migrations in `migrations/sqlite/` and
//! `migrations/postgres/`, which are compiled into the binary (see `migrate.rs`); opening an
//! up-to-date database again changes nothing.
//!
//! # Schema
//!
//! The tour keeps server id, user id, step, answers and times; no names, no message text.
//! The question log keeps server and channel ids, times and question text; never a user id
//! or a name. What a server taught keeps its FAQs' text, the user ids of its role holders,
//! and the user id of whoever changed a FAQ or the roster; no names.
//!
//! - `progress (guild_id, user_id, step, started_at, finished_at)`, key `(guild_id, user_id)`:
//!   the step on screen (a step id, `#intro` or `#done`) and when the tour was started and
//!   first finished.
//! - `answers (guild_id, user_id, step, choice, answered_at, position)`, key
//!   `(guild_id, user_id, step)`, deleted with its `progress` row: one quiz answer per step;
//!   `position` keeps their order. Indexed by user (for `forget`) and by
//!   `(guild_id, step, choice)` (for `stats`).
//! - `questions (id, guild_id, channel_id, asked_at, outcome, text, entry, candidates)`: one
//!   row per logged question (declined, only suggested, or answered and then voted 👎): the
//!   outcome (`answered`, `suggested`, `declined`), the question cut to 300 characters, the
//!   entry given (if any) and the best candidates as JSON `[{"entry", "confidence"}]`. Who
//!   asked is not kept. Indexed by `(guild_id, asked_at)` and `(asked_at)`.
//! - `votes (answer_id, voter, guild_id, entry, vote, comment, voted_at)`, key
//!   `(answer_id, voter)`: one 👍 (1) or 👎 (-1) per answer (the question's snowflake) and
//!   voter, with the optional "What were you looking for?" comment (300 characters).
//!   `voter` is [`Store::voter`]'s pseudonym, a salted SHA-256 of user and answer, so a user
//!   has one vote per answer but no user id is stored, and one user's votes on different
//!   answers don't share a key (a pseudonym, not anonymity: whoever reads the whole
//!   database, salt included, can test a known user id against it). Indexed by
//!   `(guild_id, voted_at)` and `(voted_at)`.
//! - `question_weeks (guild_id, week, outcome, count)`, key `(guild_id, week, outcome)`:
//!   every question counted per server, week (its Monday 00:00 UTC) and outcome, answered
//!   ones too; numbers only, for the weekly chart.
//! - `meta (key, value)`: `voter_salt`, 32 random hex digits made by the migration, which
//!   key the voter pseudonyms of this database.
//! - `server_faqs (guild_id, id, question, answer, phrasings, updated_by, updated_at)`, key
//!   `(guild_id, id)`: the FAQs a server taught from Discord ([`Store::put_faq`]), with the
//!   other phrasings as a JSON array of strings (in order), and who saved each last and when.
//! - `server_faq_history (guild_id, faq_id, seq, action, by_user, at, question, answer,
//!   phrasings)`, key `seq`: every change to a server's FAQ, in order (`created`, `edited`,
//!   `removed`), who made it and when, with the text as saved (as it was, for a removal).
//!   Indexed by `(guild_id, faq_id, seq)` (for [`Store::faq_history`]).
//! - `server_roster (guild_id, role, team, user_id, set_by, set_at)`, key
//!   `(guild_id, role, team, user_id)`: who holds a role in a server, set with `/team set`
//!   ([`Store::set_holder`]); `team` is `''` for everyone in the server.
//! - `departed_guilds (guild_id, left_at)`, key `guild_id`: servers the bot left and when
//!   ([`Store::mark_departed`]); [`Store::purge_departed`] deletes what such a server taught
//!   (its FAQs, their history and its roster) once the note is old enough.
//!
//! The log is kept for `ROLECALL_LOG_DAYS` ([`Store::purge_log`] deletes older rows) and
//! deleted whole by `rolecall gaps --purge` ([`Store::purge_all_log`]). With PostgreSQL,
//! [`Store::announce_reload`] and [`Store::reload_notices`] carry `/reload` to every bot
//! process (`LISTEN`/`NOTIFY` on [`RELOAD_CHANNEL`]); nothing is stored for that.
//!
//! Discord ids are `u64`; both databases' integers are signed 64-bit, so ids are stored as
//! `BIGINT` by a bit-for-bit cast (`id as i64`, read back with `as u64`): ids above 2^63
//! read negative in a SQL shell but round-trip exactly. Times are Unix seconds.
//!
//! # Why sqlx
//!
//! One well-kept async crate with both drivers on the tokio runtime the bot already uses,
//! pooling, and a migrator. Its compile-time checked `query!` macros are not used: they need
//! a live database (or checked-in query metadata) to build, and every query here is a short
//! literal shared by both backends (`$1` placeholders work on SQLite too). So the crate
//! builds anywhere with no database around.
//!
//! # Failing fast
//!
//! A Discord interaction must be answered within 3 seconds, and a broken database must never
//! take an answer down. Every operation returns within [`OPERATION_TIMEOUT`] (1.5 s), as a
//! [`StoreError`] when the database is gone, unreachable or locked, and never panics: a free
//! connection is waited for at most [`ACQUIRE_TIMEOUT`]; SQLite runs in WAL mode (readers
//! don't block the writer) with a busy timeout of the same length; PostgreSQL sessions set
//! `statement_timeout` and `lock_timeout` to it. Opening connects with its own, longer
//! [`OPEN_TIMEOUT`], since start-up may wait on a database that is just coming up.

#![warn(missing_docs, unreachable_pub)]

mod backend;
mod error;
mod memory;
mod migrate;
mod notices;
mod open;
mod url;

pub use backend::Backend;
pub use error::StoreError;
pub use log::{VoteChange, PURGE_BATCH, RELOAD_CHANNEL};
pub use memory::{MemoryStore, MEMORY_URL};
pub use notices::Notice;
pub use url::redact;

use open::{connect, open_postgres, open_sqlite};
use rolecall_core::onboarding::{Answer, Progress, Stats};
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{ConnectOptions, Connection, QueryBuilder};
use std::fmt;
use std::future::Future;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use url::Scheme;

/// Where progress is kept when `ROLECALL_DATABASE_URL` is unset: `rolecall.db` in the
/// working directory.
pub const DEFAULT_URL: &str = "sqlite://rolecall.db";

/// Longest any one store operation takes before it gives up with [`StoreError::Timeout`].
pub const OPERATION_TIMEOUT: Duration = Duration::from_millis(1500);

/// Longest wait for a free connection, for SQLite's lock, and for one PostgreSQL statement.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_millis(1000);

/// Longest [`Store::open`] waits to connect, and then to migrate.
pub const OPEN_TIMEOUT: Duration = Duration::from_secs(5);

/// Connections per SQLite pool (WAL: many readers, one writer at a time).
const SQLITE_CONNECTIONS: u32 = 4;
/// Connections per PostgreSQL pool, per bot process.
const POSTGRES_CONNECTIONS: u32 = 8;

/// Tour progress and the question log in a database; cheap to clone (clones share one
/// connection pool).
#[derive(Clone)]
pub struct Store {
    backend: Pools,
    /// The URL as given, for removing its password from driver messages; never shown.
    raw_url: Arc<str>,
    /// The URL with its password hidden.
    url: Arc<str>,
    /// The database's random `voter_salt` (read once at open), which keys [`Store::voter`].
    salt: Arc<str>,
}

/// The connection pool, per backend.
#[derive(Clone)]
enum Pools {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs `$body` (an async block using `$pool`) on whichever pool the store has, with
/// [`Store::run`]'s deadline. The body is written once and compiled for each backend.
macro_rules! on_pool {
    ($store:expr, $action:expr, |$pool:ident| $body:expr) => {
        match &$store.backend {
            Pools::Sqlite($pool) => $store.run($action, $body).await,
            Pools::Postgres($pool) => $store.run($action, $body).await,
        }
    };
}

// After `on_pool!`, which it uses: the question log, votes, week counts and reload notices.
mod log;
// After `on_pool!` too: what servers taught (their FAQs and roster) and servers left.
mod servers;

/// A stored id from a Discord id: bit for bit, so `to_db(id) as u64 == id` for every id
/// (see the module docs).
fn to_db(id: u64) -> i64 {
    id as i64
}

/// A stored number that must fit `T`, or a decode error naming the column.
fn fit<T: TryFrom<i64>>(value: i64, column: &str) -> Result<T, sqlx::Error> {
    T::try_from(value)
        .map_err(|_| sqlx::Error::Decode(format!("{column} {value} is out of range").into()))
}

/// One row of the progress-with-answers join.
type LoadRow = (
    String,
    i64,
    Option<i64>,
    Option<String>,
    Option<i64>,
    Option<i64>,
);

const LOAD: &str = "\
SELECT p.step, p.started_at, p.finished_at, a.step, a.choice, a.answered_at
FROM progress p
LEFT JOIN answers a ON a.guild_id = p.guild_id AND a.user_id = p.user_id
WHERE p.guild_id = $1 AND p.user_id = $2
ORDER BY a.position";

const UPSERT_PROGRESS: &str = "\
INSERT INTO progress (guild_id, user_id, step, started_at, finished_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (guild_id, user_id) DO UPDATE
SET step = excluded.step, started_at = excluded.started_at, finished_at = excluded.finished_at";

const DELETE_ANSWERS: &str = "DELETE FROM answers WHERE guild_id = $1 AND user_id = $2";

const INSERT_ANSWERS: &str =
    "INSERT INTO answers (guild_id, user_id, step, choice, answered_at, position) ";

const FORGET_ANSWERS: &str = "DELETE FROM answers WHERE user_id = $1";
const FORGET_PROGRESS: &str = "DELETE FROM progress WHERE user_id = $1";

const COUNT_PROGRESS: &str =
    "SELECT COUNT(*), COUNT(finished_at) FROM progress WHERE guild_id = $1";

const COUNT_ANSWERS: &str = "\
SELECT step, choice, COUNT(*) FROM answers WHERE guild_id = $1
GROUP BY step, choice ORDER BY step, choice";

impl Store {
    /// Opens (creating a SQLite file if needed) and migrates the database at `url`:
    /// `sqlite://path`, `sqlite:path`, `sqlite::memory:`, `postgres://…` or `postgresql://…`.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        let raw = url.trim();
        let shown = redact(raw);
        let backend = match Scheme::of(raw) {
            None => return Err(StoreError::UnsupportedUrl { url: shown }),
            Some(Scheme::Sqlite) => Pools::Sqlite(open_sqlite(raw, &shown).await?),
            Some(Scheme::Postgres) => Pools::Postgres(open_postgres(raw, &shown).await?),
        };
        let salt = match log::voter_salt(&backend, &shown, raw).await {
            Ok(salt) => salt,
            Err(e) => {
                match &backend {
                    Pools::Sqlite(pool) => pool.close().await,
                    Pools::Postgres(pool) => pool.close().await,
                }
                return Err(e);
            }
        };
        Ok(Store {
            backend,
            raw_url: raw.into(),
            url: shown.into(),
            salt,
        })
    }

    /// The database URL, password hidden.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// `"sqlite"` or `"postgres"`.
    pub fn backend(&self) -> &'static str {
        match self.backend {
            Pools::Sqlite(_) => Scheme::Sqlite.name(),
            Pools::Postgres(_) => Scheme::Postgres.name(),
        }
    }

    /// A user's progress in a server, or `None` if they never started the tour there.
    pub async fn load(&self, guild: u64, user: u64) -> Result<Option<Progress>, StoreError> {
        let (guild, user) = (to_db(guild), to_db(user));
        let rows: Vec<LoadRow> = on_pool!(self, "load tour progress", |pool| async move {
            sqlx::query_as(LOAD)
                .bind(guild)
                .bind(user)
                .fetch_all(pool)
                .await
        })?;
        self.decode("load tour progress", progress_from_rows(rows))
    }

    /// Stores a user's whole progress in a server in one transaction; its answers replace
    /// the stored ones (the first answer per step is kept if a step appears twice).
    pub async fn save(&self, guild: u64, user: u64, progress: &Progress) -> Result<(), StoreError> {
        let (guild, user) = (to_db(guild), to_db(user));
        on_pool!(self, "save tour progress", |pool| async move {
            let mut tx = pool.begin().await?;
            sqlx::query(UPSERT_PROGRESS)
                .bind(guild)
                .bind(user)
                .bind(progress.step.as_str())
                .bind(progress.started_at)
                .bind(progress.finished_at)
                .execute(&mut *tx)
                .await?;
            sqlx::query(DELETE_ANSWERS)
                .bind(guild)
                .bind(user)
                .execute(&mut *tx)
                .await?;
            if !progress.answers.is_empty() {
                let mut insert = QueryBuilder::new(INSERT_ANSWERS);
                insert.push_values(
                    progress.answers.iter().zip(0_i64..),
                    |mut row, (answer, position)| {
                        row.push_bind(guild)
                            .push_bind(user)
                            .push_bind(answer.step.as_str())
                            .push_bind(i64::from(answer.choice))
                            .push_bind(answer.at)
                            .push_bind(position);
                    },
                );
                insert.push(" ON CONFLICT (guild_id, user_id, step) DO NOTHING");
                insert.build().execute(&mut *tx).await?;
            }
            tx.commit().await
        })
    }

    /// Deletes everything stored about a user, in every server; returns the number of rows
    /// deleted (progress rows plus answer rows; 0 if nothing was stored).
    pub async fn forget(&self, user: u64) -> Result<u64, StoreError> {
        let user = to_db(user);
        on_pool!(self, "forget a user", |pool| async move {
            let mut tx = pool.begin().await?;
            let answers = sqlx::query(FORGET_ANSWERS)
                .bind(user)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            let progress = sqlx::query(FORGET_PROGRESS)
                .bind(user)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Ok(answers + progress)
        })
    }

    /// How a server's members did: started, finished, and how many picked each
    /// (step, choice), ordered by step id then choice.
    pub async fn stats(&self, guild: u64) -> Result<Stats, StoreError> {
        let guild = to_db(guild);
        type Counts = ((i64, i64), Vec<(String, i64, i64)>);
        let ((started, finished), answers): Counts =
            on_pool!(self, "count tour progress", |pool| async move {
                let counts = sqlx::query_as(COUNT_PROGRESS)
                    .bind(guild)
                    .fetch_one(pool)
                    .await?;
                let answers = sqlx::query_as(COUNT_ANSWERS)
                    .bind(guild)
                    .fetch_all(pool)
                    .await?;
                Ok((counts, answers))
            })?;
        let stats = (|| {
            Ok(Stats {
                started: fit(started, "started count")?,
                finished: fit(finished, "finished count")?,
                answers: answers
                    .into_iter()
                    .map(|(step, choice, count)| {
                        Ok((step, fit(choice, "choice")?, fit(count, "answer count")?))
                    })
                    .collect::<Result<_, sqlx::Error>>()?,
            })
        })();
        self.decode("count tour progress", stats)
    }

    /// Closes the connections; later operations fail at once with [`StoreError::Closed`].
    pub async fn close(&self) {
        let closing = async {
            match &self.backend {
                Pools::Sqlite(pool) => pool.close().await,
                Pools::Postgres(pool) => pool.close().await,
            }
        };
        // Closing waits for connections in use; never let shutdown hang on one.
        let _ = tokio::time::timeout(OPERATION_TIMEOUT, closing).await;
    }

    /// Whether [`Store::close`] was called.
    fn is_closed(&self) -> bool {
        match &self.backend {
            Pools::Sqlite(pool) => pool.is_closed(),
            Pools::Postgres(pool) => pool.is_closed(),
        }
    }

    /// Runs one operation within [`OPERATION_TIMEOUT`], turning failures into [`StoreError`].
    async fn run<T>(
        &self,
        action: &'static str,
        work: impl Future<Output = Result<T, sqlx::Error>>,
    ) -> Result<T, StoreError> {
        if self.is_closed() {
            return Err(StoreError::Closed {
                action,
                url: self.url.to_string(),
            });
        }
        match tokio::time::timeout(OPERATION_TIMEOUT, work).await {
            Ok(done) => self.decode(action, done),
            Err(_) => Err(StoreError::Timeout {
                action,
                url: self.url.to_string(),
                waited_ms: error::millis(OPERATION_TIMEOUT),
            }),
        }
    }

    /// A driver result as a store result.
    fn decode<T>(
        &self,
        action: &'static str,
        done: Result<T, sqlx::Error>,
    ) -> Result<T, StoreError> {
        done.map_err(|e| error::running(&e, action, &self.raw_url, &self.url, ACQUIRE_TIMEOUT))
    }
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend())
            .field("url", &self.url)
            .finish()
    }
}

/// The progress in the rows of [`LOAD`] (none: never started).
fn progress_from_rows(rows: Vec<LoadRow>) -> Result<Option<Progress>, sqlx::Error> {
    let Some((step, started_at, finished_at, ..)) = rows.first().cloned() else {
        return Ok(None);
    };
    let mut answers = Vec::new();
    for (.., answer_step, choice, at) in rows {
        if let (Some(step), Some(choice), Some(at)) = (answer_step, choice, at) {
            answers.push(Answer {
                step,
                choice: fit(choice, "choice")?,
                at,
            });
        }
    }
    Ok(Some(Progress {
        step,
        answers,
        started_at,
        finished_at,
    }))
}
