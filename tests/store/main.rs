//! The store: one suite, run against SQLite (a fresh temp file per test) and against
//! PostgreSQL (a fresh database per test, created on the server `ROLECALL_TEST_POSTGRES_URL`
//! points at and dropped afterwards).
//!
//! Without `ROLECALL_TEST_POSTGRES_URL` the PostgreSQL half says it was skipped and passes,
//! except in CI (`CI=true`), where a missing PostgreSQL fails. To run it locally:
//! `scripts/start-test-postgres.sh cargo test --test store`.

use rolecall_core::learn::{
    week_start, Asked, Candidate, Comment, Logged, Outcome, Vote, VoteTotal, WeekCount, MAX_TEXT,
};
use rolecall_core::onboarding::{Answer, Progress, Stats, DONE, INTRO};
use rolecall_store::{
    Store, StoreError, VoteChange, DEFAULT_URL, OPEN_TIMEOUT, OPERATION_TIMEOUT, PURGE_BATCH,
};
use sqlx::{Connection, Executor};
use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

#[path = "../support/postgres.rs"]
mod pg;

mod cases;
mod opening;
mod outages;

use pg::{postgres_server, with_database};

/// Numbers throwaway databases within this test process.
static NEXT: AtomicU32 = AtomicU32::new(0);

/// A throwaway database for one test.
enum Db {
    /// A SQLite file under the temp folder.
    Sqlite(PathBuf),
    /// A database created on the test server: (server URL, database name).
    Postgres(String, String),
}

impl Db {
    /// A fresh SQLite file path (the store creates the file).
    fn sqlite() -> Db {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        Db::Sqlite(std::env::temp_dir().join(format!(
            "rolecall-store-test-{}-{n}-{nanos}.db",
            std::process::id()
        )))
    }

    /// A fresh PostgreSQL database, or `None` when no test server is configured.
    async fn postgres() -> Option<Db> {
        let server = postgres_server()?;
        let name = format!(
            "rolecall_test_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        pg::create_database(&server, &name).await;
        Some(Db::Postgres(server, name))
    }

    /// The store URL of this database.
    fn url(&self) -> String {
        match self {
            Db::Sqlite(path) => format!("sqlite://{}", path.display()),
            Db::Postgres(server, name) => with_database(server, name),
        }
    }

    /// Deletes the database (and SQLite's WAL and shared-memory files).
    async fn remove(&self) {
        match self {
            Db::Sqlite(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut file = path.clone().into_os_string();
                    file.push(suffix);
                    let _ = std::fs::remove_file(file);
                }
            }
            Db::Postgres(server, name) => pg::drop_database(server, name).await,
        }
    }
}

/// Runs one case on `db` and removes the database afterwards, also when the case panics.
async fn run_case<F, Fut>(db: Db, case: F)
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let outcome = tokio::spawn(case(db.url())).await;
    db.remove().await;
    if let Err(failed) = outcome {
        std::panic::resume_unwind(failed.into_panic());
    }
}

/// Each case as a test on SQLite and one on PostgreSQL.
macro_rules! suite {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    super::run_case(super::Db::sqlite(), super::cases::$case).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    if let Some(db) = super::Db::postgres().await {
                        super::run_case(db, super::cases::$case).await;
                    }
                }
            )*
        }
    };
}

suite!(
    round_trip,
    save_again_replaces_the_progress,
    resumes_after_a_restart,
    answers_are_replaced,
    forget_removes_the_user_everywhere_and_no_one_else,
    stats_count_started_finished_and_choices,
    opening_twice_migrates_once,
    concurrent_saves_all_land,
    locked_database_fails_fast_and_reads_go_on,
    a_foreign_table_is_a_migrate_error,
    closed_store_fails_fast,
    question_log_round_trips,
    the_log_keeps_no_user_id,
    week_counts_and_gaps_windows,
    a_changed_vote_counts_once,
    voters_are_per_user_and_answer_and_stable,
    comments_go_with_a_down_vote,
    forget_votes_deletes_only_that_users_votes,
    purging_keeps_rows_at_the_cut_off,
    purging_goes_in_batches_and_purge_all_empties_the_log,
    reload_notices_reach_every_store,
    server_faqs_round_trip,
    faq_history_is_newest_first_and_keeps_removed_text,
    roster_sets_once_and_keeps_teams_apart,
    replace_overlay_keeps_a_revision_per_change,
    servers_left_long_enough_ago_are_forgotten,
    server_knowledge_survives_a_restart,
    overlay_notices_name_the_server,
);

/// A progress with answers given as (step, choice, time).
fn progress(
    step: &str,
    answers: &[(&str, u32, i64)],
    started: i64,
    finished: Option<i64>,
) -> Progress {
    Progress {
        step: step.to_string(),
        answers: answers
            .iter()
            .map(|&(step, choice, at)| Answer {
                step: step.to_string(),
                choice,
                at,
            })
            .collect(),
        started_at: started,
        finished_at: finished,
    }
}

/// Opens the store or fails the test with the error's message.
async fn open(url: &str) -> Store {
    Store::open(url)
        .await
        .unwrap_or_else(|e| panic!("open {url}: {e}"))
}

/// A Discord-sized guild id.
const GUILD: u64 = 1_100_000_000_000_000_001;
/// Another guild.
const OTHER_GUILD: u64 = 1_100_000_000_000_000_002;
/// A Discord-sized user id.
const USER: u64 = 2_200_000_000_000_000_001;
/// Another user.
const OTHER_USER: u64 = 2_200_000_000_000_000_002;
/// A user id above 2^63.
const BIG_USER: u64 = (1 << 63) | 2_200_000_000_000_000_003;
/// A Discord-sized channel id.
const CHANNEL: u64 = 4_400_000_000_000_000_001;
/// An answer (the question's snowflake) people vote on.
const ANSWER: u64 = 3_300_000_000_000_000_001;
/// Another answer.
const OTHER_ANSWER: u64 = 3_300_000_000_000_000_002;

/// Seconds in a day and a week.
const DAY: i64 = 86_400;
const WEEK: i64 = 7 * DAY;
/// Monday 2024-01-01 00:00 UTC.
const MONDAY: i64 = 1_704_067_200;

/// A logged question with candidates given as (entry, confidence).
fn asked(outcome: Outcome, text: &str, entry: Option<&str>, candidates: &[(&str, f32)]) -> Asked {
    Asked {
        outcome,
        text: text.to_string(),
        entry: entry.map(str::to_string),
        candidates: candidates
            .iter()
            .map(|&(entry, confidence)| Candidate {
                entry: entry.to_string(),
                confidence,
            })
            .collect(),
    }
}

/// The question texts `gaps` returns, newest first.
async fn texts(store: &Store, guild: Option<u64>, since: i64, limit: usize) -> Vec<String> {
    let data = store.gaps(guild, since, limit).await.unwrap();
    data.questions.into_iter().map(|q| q.asked.text).collect()
}

/// A second client holding a lock that keeps the store from writing.
enum Locker {
    Sqlite(sqlx::SqliteConnection),
    Postgres(sqlx::PgConnection),
}

/// Takes SQLite's write lock (`BEGIN IMMEDIATE`) or an exclusive lock on PostgreSQL's
/// `progress` table, on a connection of its own.
async fn hold_write_lock(url: &str) -> Locker {
    if url.starts_with("sqlite:") {
        let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
        conn.execute("BEGIN IMMEDIATE").await.unwrap();
        Locker::Sqlite(conn)
    } else {
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        conn.execute("BEGIN; LOCK TABLE progress IN ACCESS EXCLUSIVE MODE")
            .await
            .unwrap();
        Locker::Postgres(conn)
    }
}

impl Locker {
    /// Ends the lock's transaction and disconnects.
    async fn release(self) {
        match self {
            Locker::Sqlite(mut conn) => {
                conn.execute("ROLLBACK").await.unwrap();
                conn.close().await.unwrap();
            }
            Locker::Postgres(mut conn) => {
                conn.execute("ROLLBACK").await.unwrap();
                conn.close().await.unwrap();
            }
        }
    }
}

/// Runs one statement on the database at `url` outside the store (creating a SQLite file).
async fn execute_raw(url: &str, sql: &str) {
    if url.starts_with("sqlite:") {
        let mut conn = sqlx::SqliteConnection::connect(&format!("{url}?mode=rwc"))
            .await
            .unwrap();
        conn.execute(sql).await.unwrap();
        conn.close().await.unwrap();
    } else {
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        conn.execute(sql).await.unwrap();
        conn.close().await.unwrap();
    }
}

/// Rows of a one-column query (`$1` = `bind` when given) run outside the store.
async fn raw_strings_bound(url: &str, sql: &str, bind: Option<&str>) -> Vec<Option<String>> {
    if url.starts_with("sqlite:") {
        let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
        let mut query = sqlx::query_scalar(sql);
        if let Some(bind) = bind {
            query = query.bind(bind);
        }
        let rows = query.fetch_all(&mut conn).await.unwrap();
        conn.close().await.unwrap();
        rows
    } else {
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        let mut query = sqlx::query_scalar(sql);
        if let Some(bind) = bind {
            query = query.bind(bind);
        }
        let rows = query.fetch_all(&mut conn).await.unwrap();
        conn.close().await.unwrap();
        rows
    }
}

/// Rows of a one-column text query run outside the store.
async fn raw_strings(url: &str, sql: &str) -> Vec<Option<String>> {
    raw_strings_bound(url, sql, None).await
}

/// The column names of `table`, in order.
async fn columns_of(url: &str, table: &str) -> Vec<String> {
    let sql = if url.starts_with("sqlite:") {
        "SELECT name FROM pragma_table_info($1) ORDER BY cid"
    } else {
        "SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position"
    };
    raw_strings_bound(url, sql, Some(table))
        .await
        .into_iter()
        .flatten()
        .collect()
}

/// Every value of one column of `table`, as text (`None` for NULL).
async fn column(url: &str, table: &str, name: &str) -> Vec<Option<String>> {
    raw_strings(
        url,
        &format!("SELECT CAST(\"{name}\" AS TEXT) FROM {table}"),
    )
    .await
}

/// The next reload notice, waiting at most 5 seconds.
async fn next_notice(notices: &mut tokio::sync::mpsc::Receiver<String>) -> Option<String> {
    tokio::time::timeout(Duration::from_secs(5), notices.recv())
        .await
        .expect("a reload notice within 5 s")
}

/// Announces `origin` until `notices` hears it (the listener starts in the background), then
/// drains the repeats.
async fn hear(store: &Store, notices: &mut tokio::sync::mpsc::Receiver<String>, origin: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        store.announce_reload(origin).await.unwrap();
        match tokio::time::timeout(Duration::from_millis(200), notices.recv()).await {
            Ok(Some(heard)) => {
                assert_eq!(heard, origin);
                break;
            }
            Ok(None) => panic!("the reload notices ended"),
            Err(_) if Instant::now() > deadline => panic!("{origin}: never heard"),
            Err(_) => {}
        }
    }
    while let Ok(Some(repeat)) =
        tokio::time::timeout(Duration::from_millis(300), notices.recv()).await
    {
        assert_eq!(repeat, origin);
    }
}

/// Waits (at most 5 s) until `count` connections listen for reload notices on the database.
async fn wait_for_listeners(url: &str, count: usize) {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let listening = raw_strings(
            url,
            "SELECT CAST(pid AS TEXT) FROM pg_stat_activity \
             WHERE datname = current_database() AND query LIKE 'LISTEN%'",
        )
        .await
        .len();
        if listening == count {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{listening} listening, expected {count}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
