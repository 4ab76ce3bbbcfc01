//! The store: one suite, run against SQLite (a fresh temp file per test) and against
//! PostgreSQL (a fresh database per test, created on the server `ROLECALL_TEST_POSTGRES_URL`
//! points at and dropped afterwards).
//!
//! Without `ROLECALL_TEST_POSTGRES_URL` the PostgreSQL half says it was skipped and passes,
//! except in CI (`CI=true`), where a missing PostgreSQL fails. To run it locally:
//! `scripts/start-test-postgres.sh cargo test --test store`.

use rolecall::onboarding::{Answer, Progress, Stats, DONE, INTRO};
use rolecall::store::{Store, StoreError, DEFAULT_URL, OPEN_TIMEOUT, OPERATION_TIMEOUT};
use sqlx::{Connection, Executor};
use std::future::Future;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// Environment variable naming a PostgreSQL server the tests may create databases on.
const POSTGRES_ENV: &str = "ROLECALL_TEST_POSTGRES_URL";

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
        let mut admin = sqlx::PgConnection::connect(&server)
            .await
            .unwrap_or_else(|e| panic!("{POSTGRES_ENV}={server}: cannot connect: {e}"));
        admin
            .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
            .await
            .expect("drop a leftover test database");
        admin
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("create a test database");
        let _ = admin.close().await;
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
            Db::Postgres(server, name) => {
                if let Ok(mut admin) = sqlx::PgConnection::connect(server).await {
                    let _ = admin
                        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                        .await;
                    let _ = admin.close().await;
                }
            }
        }
    }
}

/// The test server's URL; `None` (after saying so once) when it is not set outside CI.
fn postgres_server() -> Option<String> {
    static SKIPPED: std::sync::Once = std::sync::Once::new();
    match std::env::var(POSTGRES_ENV) {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().to_string()),
        _ => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "{POSTGRES_ENV} is not set, and PostgreSQL is required in CI (CI=true): \
                     run the tests through .ci/run, which starts a throwaway server, or as \
                     `scripts/start-test-postgres.sh cargo test --test store`"
                );
            }
            SKIPPED.call_once(|| {
                // Written to the real stderr, past the test harness's capture, so it shows.
                let _ = writeln!(
                    std::io::stderr(),
                    "tests/store.rs: PostgreSQL tests skipped: {POSTGRES_ENV} is not set \
                     (`scripts/start-test-postgres.sh cargo test --test store` runs them)"
                );
            });
            None
        }
    }
}

/// `server` (a postgres:// URL) pointing at database `name` instead of its own.
fn with_database(server: &str, name: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (server, String::new()),
    };
    let (scheme, rest) = base.split_once("://").expect("a postgres:// URL");
    let authority = rest
        .split_once('/')
        .map_or(rest, |(authority, _)| authority);
    format!("{scheme}://{authority}/{name}{query}")
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

mod cases {
    use super::*;

    pub async fn round_trip(url: String) {
        let store = open(&url).await;
        assert_eq!(store.load(GUILD, USER).await.unwrap(), None);
        let saved = progress(
            "meet-po",
            &[("safe", 2, 1_700_000_100), ("meet-pm", 0, 1_700_000_050)],
            1_700_000_000,
            None,
        );
        store.save(GUILD, USER, &saved).await.unwrap();
        assert_eq!(store.load(GUILD, USER).await.unwrap(), Some(saved));
        // Ids above i64::MAX and non-ASCII step ids survive the trip.
        let (big_guild, big_user) = (u64::MAX, (1 << 63) | 5);
        let done = progress(DONE, &[("wer-entscheidet-ü", 4, -1)], 0, Some(i64::MAX));
        store.save(big_guild, big_user, &done).await.unwrap();
        assert_eq!(store.load(big_guild, big_user).await.unwrap(), Some(done));
        assert_eq!(store.load(big_guild, USER).await.unwrap(), None);
        assert_eq!(store.load(GUILD, big_user).await.unwrap(), None);
        store.close().await;
    }

    pub async fn save_again_replaces_the_progress(url: String) {
        let store = open(&url).await;
        store
            .save(GUILD, USER, &Progress::new(1_700_000_000))
            .await
            .unwrap();
        let later = progress(
            DONE,
            &[("meet-po", 1, 1_700_000_300)],
            1_700_000_000,
            Some(1_700_000_400),
        );
        store.save(GUILD, USER, &later).await.unwrap();
        assert_eq!(store.load(GUILD, USER).await.unwrap(), Some(later));
        let stats = store.stats(GUILD).await.unwrap();
        assert_eq!((stats.started, stats.finished), (1, 1), "one row per user");
        store.close().await;
    }

    pub async fn resumes_after_a_restart(url: String) {
        let store = open(&url).await;
        let saved = progress(
            "meet-pm",
            &[("safe", 1, 1_700_000_010)],
            1_700_000_000,
            None,
        );
        store.save(GUILD, USER, &saved).await.unwrap();
        store.close().await;
        drop(store);

        let restarted = open(&url).await;
        assert_eq!(restarted.load(GUILD, USER).await.unwrap(), Some(saved));
        restarted.close().await;
    }

    pub async fn answers_are_replaced(url: String) {
        let store = open(&url).await;
        let first = progress("b", &[("a", 0, 10), ("b", 1, 20)], 1, None);
        store.save(GUILD, USER, &first).await.unwrap();
        let restarted = progress("c", &[("c", 2, 30)], 25, None);
        store.save(GUILD, USER, &restarted).await.unwrap();
        assert_eq!(store.load(GUILD, USER).await.unwrap(), Some(restarted));
        let fresh = Progress::new(40);
        store.save(GUILD, USER, &fresh).await.unwrap();
        assert_eq!(store.load(GUILD, USER).await.unwrap(), Some(fresh));
        // A step answered twice keeps its first answer.
        let twice = progress("x", &[("x", 1, 50), ("x", 3, 51)], 40, None);
        store.save(GUILD, USER, &twice).await.unwrap();
        let loaded = store.load(GUILD, USER).await.unwrap().unwrap();
        assert_eq!(
            loaded.answers,
            progress("x", &[("x", 1, 50)], 40, None).answers
        );
        store.close().await;
    }

    pub async fn forget_removes_the_user_everywhere_and_no_one_else(url: String) {
        let store = open(&url).await;
        let answered = progress("b", &[("a", 0, 10), ("b", 1, 20)], 1, None);
        store.save(GUILD, USER, &answered).await.unwrap();
        store
            .save(OTHER_GUILD, USER, &Progress::new(5))
            .await
            .unwrap();
        store.save(GUILD, OTHER_USER, &answered).await.unwrap();

        // Two progress rows and two answers.
        assert_eq!(store.forget(USER).await.unwrap(), 4);
        assert_eq!(store.load(GUILD, USER).await.unwrap(), None);
        assert_eq!(store.load(OTHER_GUILD, USER).await.unwrap(), None);
        assert_eq!(store.load(GUILD, OTHER_USER).await.unwrap(), Some(answered));
        let stats = store.stats(GUILD).await.unwrap();
        assert_eq!(stats.started, 1);
        assert_eq!(stats.answers, vec![("a".into(), 0, 1), ("b".into(), 1, 1)]);
        assert_eq!(
            store.forget(USER).await.unwrap(),
            0,
            "nothing left to forget"
        );
        store.close().await;
    }

    pub async fn stats_count_started_finished_and_choices(url: String) {
        let store = open(&url).await;
        assert_eq!(store.stats(GUILD).await.unwrap(), Stats::default());
        let users: [(u64, Progress); 4] = [
            (1, progress(DONE, &[("q1", 0, 1), ("q2", 2, 2)], 0, Some(3))),
            (2, progress(DONE, &[("q1", 1, 1), ("q2", 2, 2)], 0, Some(3))),
            (3, progress("q2", &[("q1", 0, 1)], 0, None)),
            (4, Progress::new(0)),
        ];
        for (user, p) in &users {
            store.save(GUILD, *user, p).await.unwrap();
        }
        // Another server's members don't count here.
        store
            .save(OTHER_GUILD, 1, &progress(DONE, &[("q1", 1, 1)], 0, Some(2)))
            .await
            .unwrap();
        assert_eq!(
            store.stats(GUILD).await.unwrap(),
            Stats {
                started: 4,
                finished: 2,
                answers: vec![
                    ("q1".into(), 0, 2),
                    ("q1".into(), 1, 1),
                    ("q2".into(), 2, 2),
                ],
            }
        );
        let other = store.stats(OTHER_GUILD).await.unwrap();
        assert_eq!((other.started, other.finished), (1, 1));
        store.close().await;
    }

    pub async fn opening_twice_migrates_once(url: String) {
        // Two processes starting at once, then a third later: all see one schema.
        let (a, b) = tokio::join!(Store::open(&url), Store::open(&url));
        let (a, b) = (a.unwrap(), b.unwrap());
        let c = open(&url).await;
        a.save(GUILD, USER, &Progress::new(7)).await.unwrap();
        assert_eq!(b.load(GUILD, USER).await.unwrap(), Some(Progress::new(7)));
        assert_eq!(c.load(GUILD, USER).await.unwrap(), Some(Progress::new(7)));
        for store in [a, b, c] {
            store.close().await;
        }
    }

    pub async fn concurrent_saves_all_land(url: String) {
        let store = open(&url).await;
        let mut saving = Vec::new();
        for user in 0..64_u64 {
            let store = store.clone();
            saving.push(tokio::spawn(async move {
                let p = progress("q1", &[("q1", (user % 3) as u32, 1)], 0, None);
                store.save(GUILD, user, &p).await
            }));
        }
        for save in saving {
            save.await.unwrap().unwrap();
        }
        let stats = store.stats(GUILD).await.unwrap();
        assert_eq!(stats.started, 64);
        let total: u64 = stats.answers.iter().map(|a| a.2).sum();
        assert_eq!(total, 64);
        store.close().await;
    }

    pub async fn locked_database_fails_fast_and_reads_go_on(url: String) {
        let store = open(&url).await;
        let saved = Progress::new(1);
        store.save(GUILD, USER, &saved).await.unwrap();
        // Another client holds the write lock (SQLite) or the table lock (PostgreSQL)...
        let locker = hold_write_lock(&url).await;
        let started = Instant::now();
        let failed = store.save(GUILD, USER, &Progress::new(2)).await;
        let took = started.elapsed();
        assert!(
            failed.is_err(),
            "a save under someone else's lock must fail"
        );
        assert!(
            took < Duration::from_secs(2) && took <= OPERATION_TIMEOUT + Duration::from_millis(300),
            "took {took:?}"
        );
        let message = failed.unwrap_err().to_string();
        assert!(
            message.starts_with("cannot save tour progress in the database"),
            "{message}"
        );
        if url.starts_with("sqlite:") {
            // ...and in WAL mode reads go on meanwhile.
            assert_eq!(store.load(GUILD, USER).await.unwrap(), Some(saved));
        }
        locker.release().await;
        // Once the lock is gone, writes work again.
        store.save(GUILD, USER, &Progress::new(3)).await.unwrap();
        assert_eq!(
            store.load(GUILD, USER).await.unwrap(),
            Some(Progress::new(3))
        );
        store.close().await;
    }

    pub async fn a_foreign_table_is_a_migrate_error(url: String) {
        // A database that already has a different `progress` table cannot take the schema.
        execute_raw(&url, "CREATE TABLE progress (name TEXT)").await;
        match Store::open(&url).await {
            Err(StoreError::Migrate { url: shown, reason }) => {
                assert_eq!(shown, url);
                assert!(reason.contains("progress"), "{reason}");
            }
            other => panic!("expected a migrate error, got {other:?}"),
        }
    }

    pub async fn closed_store_fails_fast(url: String) {
        let store = open(&url).await;
        let clone = store.clone();
        store.close().await;
        let started = Instant::now();
        let p = Progress::new(1);
        let results = [
            clone.load(GUILD, USER).await.err(),
            clone.save(GUILD, USER, &p).await.err(),
            clone.forget(USER).await.err(),
            clone.stats(GUILD).await.err(),
        ];
        assert!(
            started.elapsed() < Duration::from_millis(200),
            "{:?}",
            started.elapsed()
        );
        for result in results {
            match result {
                Some(e @ StoreError::Closed { .. }) => {
                    assert!(e.to_string().contains("is closed"), "{e}")
                }
                other => panic!("expected Closed, got {other:?}"),
            }
        }
        // Closing again is harmless.
        store.close().await;
    }
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

// Opening: the URL forms, and failures that name the URL with the password hidden.

#[test]
fn the_default_is_a_sqlite_file_in_the_working_directory() {
    assert_eq!(DEFAULT_URL, "sqlite://rolecall.db");
}

#[tokio::test]
async fn sqlite_url_forms_name_the_same_file() {
    let db = Db::sqlite();
    let Db::Sqlite(path) = &db else {
        unreachable!()
    };
    let long = open(&format!("sqlite://{}", path.display())).await;
    assert!(path.exists(), "the file is created on open");
    assert_eq!(long.backend(), "sqlite");
    assert_eq!(long.url(), format!("sqlite://{}", path.display()));
    long.save(GUILD, USER, &Progress::new(9)).await.unwrap();
    long.close().await;
    let short = open(&format!("sqlite:{}", path.display())).await;
    assert_eq!(
        short.load(GUILD, USER).await.unwrap(),
        Some(Progress::new(9))
    );
    short.close().await;
    db.remove().await;
}

#[tokio::test]
async fn sqlite_in_memory_keeps_progress_while_open() {
    let store = open("sqlite::memory:").await;
    assert_eq!(store.url(), "sqlite::memory:");
    let p = progress(INTRO, &[], 3, None);
    store.save(GUILD, USER, &p).await.unwrap();
    // Connections come and go in the pool; the data stays while the store is open.
    for _ in 0..3 {
        assert_eq!(store.load(GUILD, USER).await.unwrap(), Some(p.clone()));
    }
    store.close().await;
    let another = open("sqlite::memory:").await;
    assert_eq!(
        another.load(GUILD, USER).await.unwrap(),
        None,
        "a new one is empty"
    );
    another.close().await;
}

#[tokio::test]
async fn an_unwritable_sqlite_path_is_an_open_error() {
    // A folder that is a file: unwritable even for root.
    let db = Db::sqlite();
    let Db::Sqlite(file) = &db else {
        unreachable!()
    };
    std::fs::write(file, b"not a folder").unwrap();
    let url = format!("sqlite://{}/rolecall.db", file.display());
    match Store::open(&url).await {
        Err(e @ StoreError::Open { .. }) => {
            let message = e.to_string();
            assert!(
                message.starts_with(&format!("cannot open the database {url}: ")),
                "{message}"
            );
            assert!(message.contains("writable"), "{message}");
        }
        other => panic!("expected an open error, got {other:?}"),
    }
    db.remove().await;
}

#[tokio::test]
async fn an_unknown_scheme_lists_the_supported_ones_with_the_password_hidden() {
    for url in ["mysql://root:hunter2@localhost/rolecall", "rolecall.db", ""] {
        match Store::open(url).await {
            Err(e @ StoreError::UnsupportedUrl { .. }) => {
                let message = e.to_string();
                assert!(!message.contains("hunter2"), "{message}");
                assert!(message.contains("sqlite://"), "{message}");
                assert!(message.contains("postgres://"), "{message}");
            }
            other => panic!("{url}: expected an unsupported-URL error, got {other:?}"),
        }
    }
    let e = Store::open("mysql://root:hunter2@localhost/rolecall")
        .await
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("mysql://root:***@localhost/rolecall"),
        "{e}"
    );
}

#[tokio::test]
async fn a_refused_postgres_is_an_open_error_with_the_password_hidden() {
    let started = Instant::now();
    let url = "postgres://bot:hunter2@127.0.0.1:1/rolecall";
    match Store::open(url).await {
        Err(e @ StoreError::Open { .. }) => {
            let message = e.to_string();
            assert!(
                message.starts_with(
                    "cannot open the database postgres://bot:***@127.0.0.1:1/rolecall: "
                ),
                "{message}"
            );
            assert!(!message.contains("hunter2"), "{message}");
            assert!(message.to_lowercase().contains("refused"), "{message}");
        }
        other => panic!("expected an open error, got {other:?}"),
    }
    assert!(started.elapsed() < OPEN_TIMEOUT, "{:?}", started.elapsed());
}

#[tokio::test]
async fn postgres_missing_database_is_an_open_error() {
    let Some(server) = postgres_server() else {
        return;
    };
    let url = with_database(&server, "rolecall_no_such_database");
    match Store::open(&url).await {
        Err(e @ StoreError::Open { .. }) => {
            assert!(e.to_string().contains("does not exist"), "{e}")
        }
        other => panic!("expected an open error, got {other:?}"),
    }
}

#[test]
fn with_database_swaps_only_the_database() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
        "postgres://postgres@127.0.0.1:5432/t1"
    );
    assert_eq!(
        with_database("postgresql://u:p@h/db?sslmode=disable", "t2"),
        "postgresql://u:p@h/t2?sslmode=disable"
    );
    assert_eq!(with_database("postgres://h", "t3"), "postgres://h/t3");
}

// A database that goes away while the bot runs: through a TCP proxy that can stop answering
// (a network black hole) or cut every connection (a server that went down), and come back.

/// What the proxy does with traffic.
const PASS: u8 = 0;
/// Holds every byte and every new connection: nothing arrives, nothing fails.
const HANG: u8 = 1;
/// Closes every connection, open or new.
const CUT: u8 = 2;

/// A TCP proxy to the test server whose behaviour can be switched while it runs.
struct Proxy {
    addr: std::net::SocketAddr,
    mode: std::sync::Arc<std::sync::atomic::AtomicU8>,
}

impl Proxy {
    /// Starts forwarding 127.0.0.1:(a free port) to `upstream`.
    async fn start(upstream: String) -> Proxy {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mode = std::sync::Arc::new(std::sync::atomic::AtomicU8::new(PASS));
        let shared = mode.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let (mode, upstream) = (shared.clone(), upstream.clone());
                tokio::spawn(async move {
                    while mode.load(Ordering::SeqCst) == HANG {
                        tokio::time::sleep(Duration::from_millis(10)).await;
                    }
                    if mode.load(Ordering::SeqCst) == CUT {
                        return;
                    }
                    let Ok(server) = tokio::net::TcpStream::connect(&upstream).await else {
                        return;
                    };
                    let (client_read, client_write) = client.into_split();
                    let (server_read, server_write) = server.into_split();
                    tokio::spawn(pump(client_read, server_write, mode.clone()));
                    tokio::spawn(pump(server_read, client_write, mode));
                });
            }
        });
        Proxy { addr, mode }
    }

    /// Switches to PASS, HANG or CUT.
    fn set(&self, mode: u8) {
        self.mode.store(mode, Ordering::SeqCst);
    }
}

/// Copies one direction, holding the bytes while the proxy hangs and stopping when it cuts.
async fn pump(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    mode: std::sync::Arc<std::sync::atomic::AtomicU8>,
) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut buf = vec![0_u8; 16 * 1024];
    loop {
        if mode.load(Ordering::SeqCst) == CUT {
            return;
        }
        let n = match tokio::time::timeout(Duration::from_millis(20), from.read(&mut buf)).await {
            Err(_) => continue,
            Ok(Ok(0)) | Ok(Err(_)) => return,
            Ok(Ok(n)) => n,
        };
        loop {
            match mode.load(Ordering::SeqCst) {
                HANG => tokio::time::sleep(Duration::from_millis(10)).await,
                CUT => return,
                _ => break,
            }
        }
        if to.write_all(&buf[..n]).await.is_err() {
            return;
        }
    }
}

/// Every operation fails, each well within Discord's 3 seconds.
async fn all_fail_fast(store: &Store, what: &str) {
    let p = Progress::new(2);
    for op in ["load", "save", "stats", "forget"] {
        let started = Instant::now();
        let failed = match op {
            "load" => store.load(GUILD, USER).await.err(),
            "save" => store.save(GUILD, USER, &p).await.err(),
            "stats" => store.stats(GUILD).await.err(),
            _ => store.forget(OTHER_USER).await.err(),
        };
        let took = started.elapsed();
        let error = failed.unwrap_or_else(|| panic!("{what}: {op} succeeded"));
        assert!(
            took <= OPERATION_TIMEOUT + Duration::from_millis(300),
            "{what}: {op} took {took:?} ({error})"
        );
        assert!(error.to_string().contains(store.url()), "{error}");
    }
}

/// The store works again within a few seconds of the database coming back.
async fn recovers(store: &Store, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match store.load(GUILD, USER).await {
            Ok(Some(_)) => return,
            Ok(None) => panic!("{what}: progress lost"),
            Err(e) if Instant::now() > deadline => panic!("{what}: did not recover: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_that_hangs_or_goes_down_fails_fast_and_recovers() {
    let Some(db) = Db::postgres().await else {
        return;
    };
    let url = db.url();
    let options: sqlx::postgres::PgConnectOptions = url.parse().unwrap();
    let upstream = format!("{}:{}", options.get_host(), options.get_port());
    let outcome = tokio::spawn(async move {
        let proxy = Proxy::start(upstream.clone()).await;
        let via_proxy = url.replacen(&upstream, &proxy.addr.to_string(), 1);
        assert_ne!(via_proxy, url, "the test server's URL names {upstream}");
        let store = open(&via_proxy).await;
        store.save(GUILD, USER, &Progress::new(1)).await.unwrap();

        proxy.set(HANG);
        all_fail_fast(&store, "black hole").await;
        proxy.set(PASS);
        recovers(&store, "after the black hole").await;

        proxy.set(CUT);
        all_fail_fast(&store, "server down").await;
        proxy.set(PASS);
        recovers(&store, "after the server came back").await;
        store.close().await;
    })
    .await;
    db.remove().await;
    if let Err(failed) = outcome {
        std::panic::resume_unwind(failed.into_panic());
    }
}
