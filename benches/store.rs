//! How fast the store is with 10,000 users in one server: `save` (a progress with three quiz
//! answers, one user after another, then 16 at a time as in a burst of clicks), `load`,
//! `stats` over all of them, and `forget`; and with a question log of 10,000 questions:
//! `log_question`, `count_question`, `vote` (one per question's answer), `gaps` reading all of
//! them and the newest 1,000, then `purge_log` of the older half and `purge_all_log`. On
//! SQLite (a temp file) and, when `ROLECALL_TEST_POSTGRES_URL` is set, on PostgreSQL (a
//! throwaway database on that server).
//!
//! Run: `cargo bench --bench store`, or with PostgreSQL
//! `scripts/start-test-postgres.sh cargo bench --bench store`. Without `--bench` (as
//! `cargo test --benches` runs it) it checks itself with 200 users and 200 questions.

use rolecall_core::learn::{Asked, Candidate, Outcome, Vote};
use rolecall_core::onboarding::{Answer, Progress, DONE};
use rolecall_store::Store;
use sqlx::{Connection, Executor};
use std::time::{Duration, Instant};

/// The server the users are in.
const GUILD: u64 = 1_100_000_000_000_000_001;
/// The first user id (Discord-sized); the others follow it.
const FIRST_USER: u64 = 2_200_000_000_000_000_000;
/// Saves in flight at once in the concurrent round.
const CONCURRENCY: usize = 16;

/// User `n`'s progress: three quiz answers, every third user finished.
fn progress(n: u64) -> Progress {
    let answers = ["safe", "meet-pm", "meet-po"]
        .iter()
        .zip(0_i64..)
        .map(|(step, i)| Answer {
            step: step.to_string(),
            choice: ((n + i as u64) % 4) as u32,
            at: 1_700_000_000 + i,
        })
        .collect();
    Progress {
        step: if n % 3 == 0 { DONE } else { "meet-po" }.to_string(),
        answers,
        started_at: 1_700_000_000,
        finished_at: (n % 3 == 0).then_some(1_700_000_100),
    }
}

/// Timings of one operation, repeated.
struct Timings {
    name: String,
    each: Vec<Duration>,
    wall: Duration,
}

impl Timings {
    /// One table row: count, wall time, per-operation mean, median and 99th percentile,
    /// operations per second.
    fn row(&mut self, backend: &str) -> String {
        self.each.sort();
        let n = self.each.len().max(1);
        let total: Duration = self.each.iter().sum();
        let pct = |p: usize| self.each[(self.each.len() * p / 100).min(self.each.len() - 1)];
        format!(
            "| {backend:<8} | {:<22} | {:>6} | {:>6.2} s | {:>8.3} ms | {:>8.3} ms | {:>8.3} ms | {:>9.0} |",
            self.name,
            self.each.len(),
            self.wall.as_secs_f64(),
            total.as_secs_f64() * 1e3 / n as f64,
            pct(50).as_secs_f64() * 1e3,
            pct(99).as_secs_f64() * 1e3,
            self.each.len() as f64 / self.wall.as_secs_f64(),
        )
    }
}

/// Times `op` once per item, one after another.
async fn sequential<F, Fut>(name: &str, items: impl Iterator<Item = u64>, op: F) -> Timings
where
    F: Fn(u64) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut each = Vec::new();
    let wall = Instant::now();
    for item in items {
        let t = Instant::now();
        op(item).await;
        each.push(t.elapsed());
    }
    Timings {
        name: name.to_string(),
        each,
        wall: wall.elapsed(),
    }
}

/// Every benchmark on one store, as table rows.
async fn bench(store: &Store, users: u64) -> Vec<String> {
    let backend = store.backend();
    let ids = || FIRST_USER..FIRST_USER + users;
    let mut rows = Vec::new();

    let mut saves = sequential(&format!("save ({users} users)"), ids(), |user| async move {
        store
            .save(GUILD, user, &progress(user))
            .await
            .expect("save");
    })
    .await;
    rows.push(saves.row(backend));

    // A burst: the same users save again, CONCURRENCY at a time.
    let wall = Instant::now();
    let mut each = Vec::new();
    let all: Vec<u64> = ids().collect();
    for chunk in all.chunks(CONCURRENCY) {
        let tasks: Vec<_> = chunk
            .iter()
            .map(|&user| {
                let store = store.clone();
                tokio::spawn(async move {
                    let t = Instant::now();
                    store
                        .save(GUILD, user, &progress(user + 1))
                        .await
                        .expect("save");
                    t.elapsed()
                })
            })
            .collect();
        for task in tasks {
            each.push(task.await.expect("save task"));
        }
    }
    rows.push(
        Timings {
            name: format!("save, {CONCURRENCY} at a time"),
            each,
            wall: wall.elapsed(),
        }
        .row(backend),
    );

    let mut loads = sequential("load", ids(), |user| async move {
        let loaded = store.load(GUILD, user).await.expect("load");
        assert_eq!(loaded, Some(progress(user + 1)));
    })
    .await;
    rows.push(loads.row(backend));

    let mut stats = sequential(&format!("stats ({users} users)"), 0..20, |_| async {
        let stats = store.stats(GUILD).await.expect("stats");
        assert_eq!(stats.started, users);
    })
    .await;
    rows.push(stats.row(backend));

    let forgotten = (users / 10).max(1);
    let mut forgets = sequential(
        "forget",
        FIRST_USER..FIRST_USER + forgotten,
        |user| async move {
            assert_eq!(store.forget(user).await.expect("forget"), 4);
        },
    )
    .await;
    rows.push(forgets.row(backend));
    rows
}

/// When the first logged question was asked (Unix seconds); one follows every 10 minutes.
const LOG_START: i64 = 1_700_000_000;
/// Seconds between two logged questions.
const LOG_STEP: i64 = 600;
/// The first answer id (a snowflake); question `n`'s answer is `FIRST_ANSWER + n`.
const FIRST_ANSWER: u64 = 3_300_000_000_000_000_000;

/// Question `n` as the log keeps it: about 60 characters and three candidates.
fn question(n: u64) -> Asked {
    let outcome = if n % 3 == 0 {
        Outcome::Suggested
    } else {
        Outcome::Declined
    };
    Asked {
        outcome,
        text: format!("who do I ask about the {n}th thing on the release checklist?"),
        entry: None,
        candidates: (0..3)
            .map(|i| Candidate {
                entry: format!("faq:topic-{}", (n + i) % 50),
                confidence: 0.5 - i as f32 * 0.1,
            })
            .collect(),
    }
}

/// Times `op` once, as a row of one.
async fn once<Fut>(name: &str, op: Fut) -> Timings
where
    Fut: std::future::Future<Output = ()>,
{
    let t = Instant::now();
    op.await;
    let took = t.elapsed();
    Timings {
        name: name.to_string(),
        each: vec![took],
        wall: took,
    }
}

/// The question-log benchmarks on one store, as table rows.
async fn bench_log(store: &Store, questions: u64) -> Vec<String> {
    let backend = store.backend();
    let at = |n: u64| LOG_START + n as i64 * LOG_STEP;
    let mut rows = Vec::new();

    let mut logged = sequential(
        &format!("log_question ({questions})"),
        0..questions,
        |n| async move {
            store
                .log_question(
                    GUILD,
                    4_400_000_000_000_000_000 + n % 20,
                    at(n),
                    &question(n),
                )
                .await
                .expect("log_question");
        },
    )
    .await;
    rows.push(logged.row(backend));

    let mut counted = sequential("count_question", 0..questions, |n| async move {
        store
            .count_question(GUILD, question(n).outcome, at(n))
            .await
            .expect("count_question");
    })
    .await;
    rows.push(counted.row(backend));

    let mut voted = sequential("vote", 0..questions, |n| async move {
        let answer = FIRST_ANSWER + n;
        let voter = store.voter(FIRST_USER + n % 500, answer);
        let vote = if n % 4 == 0 { Vote::Up } else { Vote::Down };
        let entry = format!("faq:topic-{}", n % 50);
        store
            .vote(GUILD, answer, &voter, &entry, vote, at(n))
            .await
            .expect("vote");
    })
    .await;
    rows.push(voted.row(backend));

    let all = usize::try_from(questions).expect("a count");
    let mut gaps_all = sequential(&format!("gaps ({questions} rows)"), 0..20, |_| async {
        let data = store.gaps(Some(GUILD), 0, all).await.expect("gaps");
        assert_eq!(data.questions.len(), all);
        assert_eq!(data.votes.len(), 50.min(all));
    })
    .await;
    rows.push(gaps_all.row(backend));

    let newest = all.min(1_000);
    let mut gaps_newest = sequential(&format!("gaps (newest {newest})"), 0..20, |_| async {
        let data = store.gaps(Some(GUILD), 0, newest).await.expect("gaps");
        assert_eq!(data.questions.len(), newest);
    })
    .await;
    rows.push(gaps_newest.row(backend));

    let half = at(questions / 2);
    let mut purged = once("purge_log (older half)", async {
        let deleted = store.purge_log(half).await.expect("purge_log");
        assert!(deleted >= questions, "{deleted} rows");
    })
    .await;
    rows.push(purged.row(backend));

    let mut purged_all = once("purge_all_log", async {
        let deleted = store.purge_all_log().await.expect("purge_all_log");
        assert!(deleted >= questions, "{deleted} rows");
    })
    .await;
    rows.push(purged_all.row(backend));
    rows
}

/// A throwaway PostgreSQL database on the test server, as (store URL, server URL, name).
async fn postgres_database(server: &str) -> (String, String) {
    let name = format!("rolecall_bench_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(server)
        .await
        .expect("connect to ROLECALL_TEST_POSTGRES_URL");
    admin
        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await
        .expect("drop old bench database");
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create bench database");
    let _ = admin.close().await;
    let (base, query) = server.split_once('?').unwrap_or((server, ""));
    let (scheme, rest) = base.split_once("://").expect("a postgres:// URL");
    let authority = rest.split_once('/').map_or(rest, |(a, _)| a);
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    (format!("{scheme}://{authority}/{name}{query}"), name)
}

/// Drops the bench database.
async fn drop_postgres_database(server: &str, name: &str) {
    if let Ok(mut admin) = sqlx::PgConnection::connect(server).await {
        let _ = admin
            .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
            .await;
        let _ = admin.close().await;
    }
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let users: u64 = if full { 10_000 } else { 200 };
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    runtime.block_on(async {
        let mut rows = Vec::new();

        let file = std::env::temp_dir().join(format!("rolecall-bench-{}.db", std::process::id()));
        let store = Store::open(&format!("sqlite://{}", file.display()))
            .await
            .expect("open SQLite");
        rows.extend(bench(&store, users).await);
        rows.extend(bench_log(&store, users).await);
        store.close().await;
        for suffix in ["", "-wal", "-shm"] {
            let mut path = file.clone().into_os_string();
            path.push(suffix);
            let _ = std::fs::remove_file(path);
        }

        match std::env::var("ROLECALL_TEST_POSTGRES_URL") {
            Ok(server) if !server.trim().is_empty() => {
                let server = server.trim();
                let (url, name) = postgres_database(server).await;
                let store = Store::open(&url).await.expect("open PostgreSQL");
                rows.extend(bench(&store, users).await);
                rows.extend(bench_log(&store, users).await);
                store.close().await;
                drop_postgres_database(server, &name).await;
            }
            _ => println!(
                "PostgreSQL skipped: ROLECALL_TEST_POSTGRES_URL is not set \
                 (scripts/start-test-postgres.sh cargo bench --bench store)"
            ),
        }

        println!(
            "| backend  | operation              |      n |     wall |        mean |         p50 |         p99 |     ops/s |"
        );
        println!(
            "|----------|------------------------|--------|----------|-------------|-------------|-------------|-----------|"
        );
        for row in rows {
            println!("{row}");
        }
    });
}
