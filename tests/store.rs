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

#[path = "support/postgres.rs"]
mod pg;

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
        let q = asked(Outcome::Declined, "anyone?", None, &[]);
        let voter = clone.voter(USER, ANSWER);
        let results = [
            clone.load(GUILD, USER).await.err(),
            clone.save(GUILD, USER, &p).await.err(),
            clone.forget(USER).await.err(),
            clone.stats(GUILD).await.err(),
            clone.log_question(GUILD, CHANNEL, 1, &q).await.err(),
            clone
                .count_question(GUILD, Outcome::Declined, 1)
                .await
                .err(),
            clone
                .vote(GUILD, ANSWER, &voter, "role:po", Vote::Up, 1)
                .await
                .err(),
            clone.comment(ANSWER, &voter, "why").await.err(),
            clone.gaps(None, 0, 10).await.err(),
            clone.purge_log(1).await.err(),
            clone.purge_all_log().await.err(),
            clone.announce_reload("closing").await.err(),
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

    pub async fn question_log_round_trips(url: String) {
        let store = open(&url).await;
        // 450 characters of 2-, 3- and 4-byte UTF-8: kept as its first 300 characters.
        let long = "é日🙂".repeat(150);
        let declined = asked(
            Outcome::Declined,
            &long,
            None,
            &[("faq:vpn", 0.25), ("role:po", 0.125)],
        );
        let suggested = asked(
            Outcome::Suggested,
            "who approves leave?",
            None,
            &[("faq:leave", 0.5)],
        );
        let answered = asked(
            Outcome::Answered,
            "who owns the backlog?",
            Some("role:po"),
            &[("role:po", 0.875)],
        );
        store
            .log_question(GUILD, CHANNEL, MONDAY, &declined)
            .await
            .unwrap();
        store
            .log_question(GUILD, CHANNEL, MONDAY + 10, &suggested)
            .await
            .unwrap();
        // Ids above 2^63 come back as they went in.
        let (big_guild, big_channel) = (u64::MAX, (1 << 63) | 5);
        store
            .log_question(big_guild, big_channel, MONDAY + 5, &answered)
            .await
            .unwrap();

        let data = store.gaps(Some(GUILD), 0, 100).await.unwrap();
        let cut: String = long.chars().take(MAX_TEXT).collect();
        assert_eq!(cut.chars().count(), 300);
        assert_eq!(
            data.questions,
            vec![
                Logged {
                    guild: GUILD,
                    channel: CHANNEL,
                    at: MONDAY + 10,
                    asked: suggested.clone(),
                },
                Logged {
                    guild: GUILD,
                    channel: CHANNEL,
                    at: MONDAY,
                    asked: Asked {
                        text: cut,
                        ..declined.clone()
                    },
                },
            ]
        );
        let all = store.gaps(None, 0, 100).await.unwrap();
        let at: Vec<i64> = all.questions.iter().map(|q| q.at).collect();
        assert_eq!(at, [MONDAY + 10, MONDAY + 5, MONDAY], "newest first");
        assert_eq!(
            all.questions[1],
            Logged {
                guild: big_guild,
                channel: big_channel,
                at: MONDAY + 5,
                asked: answered,
            }
        );
        let big = store.gaps(Some(big_guild), 0, 100).await.unwrap();
        assert_eq!(big.questions.len(), 1);

        // Candidates are kept as JSON [{entry, confidence}]: at most three, confidences
        // made finite and within 0..=1.
        let odd = asked(
            Outcome::Declined,
            "odd",
            None,
            &[("a", f32::NAN), ("b", 7.0), ("c", -1.0), ("d", 0.5)],
        );
        store
            .log_question(OTHER_GUILD, CHANNEL, MONDAY, &odd)
            .await
            .unwrap();
        let read = store.gaps(Some(OTHER_GUILD), 0, 10).await.unwrap();
        let confidences: Vec<(String, f32)> = read.questions[0]
            .asked
            .candidates
            .iter()
            .map(|c| (c.entry.clone(), c.confidence))
            .collect();
        assert_eq!(
            confidences,
            [("a".into(), 0.0), ("b".into(), 1.0), ("c".into(), 0.0)]
        );
        let stored = column(&url, "questions", "candidates").await;
        let json: serde_json::Value = serde_json::from_str(stored[0].as_deref().unwrap()).unwrap();
        assert_eq!(
            json,
            serde_json::json!([
                {"entry": "faq:vpn", "confidence": 0.25},
                {"entry": "role:po", "confidence": 0.125},
            ])
        );
        store.close().await;
    }

    pub async fn the_log_keeps_no_user_id(url: String) {
        let store = open(&url).await;
        for user in [USER, BIG_USER] {
            let voter = store.voter(user, ANSWER);
            let question = asked(
                Outcome::Declined,
                "who runs the build?",
                None,
                &[("role:devops", 0.25)],
            );
            store
                .log_question(GUILD, CHANNEL, MONDAY, &question)
                .await
                .unwrap();
            store
                .count_question(GUILD, Outcome::Declined, MONDAY)
                .await
                .unwrap();
            store
                .vote(GUILD, ANSWER, &voter, "role:devops", Vote::Down, MONDAY)
                .await
                .unwrap();
            assert!(store
                .comment(ANSWER, &voter, "the build owner")
                .await
                .unwrap());
        }
        // These columns and no others: a new column must be looked at here first.
        let expected: [(&str, &[&str]); 4] = [
            (
                "questions",
                &[
                    "id",
                    "guild_id",
                    "channel_id",
                    "asked_at",
                    "outcome",
                    "text",
                    "entry",
                    "candidates",
                ],
            ),
            (
                "votes",
                &[
                    "answer_id",
                    "voter",
                    "guild_id",
                    "entry",
                    "vote",
                    "comment",
                    "voted_at",
                ],
            ),
            ("question_weeks", &["guild_id", "week", "outcome", "count"]),
            ("meta", &["key", "value"]),
        ];
        let mut values = 0;
        for (table, columns) in expected {
            assert_eq!(columns_of(&url, table).await, columns, "{table}");
            for name in columns {
                for value in column(&url, table, name).await.into_iter().flatten() {
                    values += 1;
                    for user in [USER, BIG_USER] {
                        for form in [
                            user.to_string(),
                            (user as i64).to_string(),
                            format!("{user:x}"),
                        ] {
                            assert!(
                                !value.contains(&form),
                                "{table}.{name} holds user id {user}: {value}"
                            );
                        }
                    }
                }
            }
        }
        // 2 questions × 8 columns (entry NULL), 2 votes × 7, 1 week row × 4, 1 meta row × 2.
        assert_eq!(values, 2 * 7 + 2 * 7 + 4 + 2);
        store.close().await;
    }

    pub async fn week_counts_and_gaps_windows(url: String) {
        let store = open(&url).await;
        let count = |guild: u64, outcome: Outcome, at: i64, times: u32| {
            let store = store.clone();
            async move {
                for _ in 0..times {
                    store.count_question(guild, outcome, at).await.unwrap();
                }
            }
        };
        count(GUILD, Outcome::Answered, MONDAY + DAY, 3).await;
        count(GUILD, Outcome::Declined, MONDAY, 1).await;
        // Sunday's last second is still the first week... and the next Monday the second.
        count(GUILD, Outcome::Suggested, MONDAY + WEEK - 1, 1).await;
        count(GUILD, Outcome::Suggested, MONDAY + WEEK, 2).await;
        count(GUILD, Outcome::Answered, MONDAY + 2 * WEEK + 3 * DAY, 1).await;
        count(OTHER_GUILD, Outcome::Answered, MONDAY + WEEK + DAY, 5).await;
        let week = |week: i64, outcome: Outcome, count: u32| WeekCount {
            week,
            outcome,
            count,
        };
        let weeks = |guild: Option<u64>, since: i64| {
            let store = store.clone();
            async move { store.gaps(guild, since, 100).await.unwrap().weeks }
        };
        assert_eq!(
            weeks(Some(GUILD), 0).await,
            [
                week(MONDAY, Outcome::Answered, 3),
                week(MONDAY, Outcome::Declined, 1),
                week(MONDAY, Outcome::Suggested, 1),
                week(MONDAY + WEEK, Outcome::Suggested, 2),
                week(MONDAY + 2 * WEEK, Outcome::Answered, 1),
            ]
        );
        // From the middle of a week: that whole week counts.
        let since = MONDAY + WEEK + 3 * DAY;
        assert_eq!(week_start(since), MONDAY + WEEK);
        assert_eq!(
            weeks(Some(GUILD), since).await,
            [
                week(MONDAY + WEEK, Outcome::Suggested, 2),
                week(MONDAY + 2 * WEEK, Outcome::Answered, 1),
            ]
        );
        // Every server: the counts are summed.
        assert_eq!(
            weeks(None, since).await,
            [
                week(MONDAY + WEEK, Outcome::Answered, 5),
                week(MONDAY + WEEK, Outcome::Suggested, 2),
                week(MONDAY + 2 * WEEK, Outcome::Answered, 1),
            ]
        );

        // Questions: the `limit` newest asked at or after `since`.
        for i in 0..10_i64 {
            let q = asked(Outcome::Declined, &format!("question {i}"), None, &[]);
            store
                .log_question(GUILD, CHANNEL, MONDAY + i * 100, &q)
                .await
                .unwrap();
        }
        let q = asked(Outcome::Declined, "elsewhere", None, &[]);
        store
            .log_question(OTHER_GUILD, CHANNEL, MONDAY + 950, &q)
            .await
            .unwrap();
        assert_eq!(
            texts(&store, Some(GUILD), MONDAY + 300, 4).await,
            ["question 9", "question 8", "question 7", "question 6"]
        );
        assert_eq!(
            texts(&store, Some(GUILD), MONDAY + 700, 100).await,
            ["question 9", "question 8", "question 7"],
            "a question exactly at `since` is in"
        );
        assert_eq!(
            texts(&store, None, MONDAY + 800, 100).await,
            ["elsewhere", "question 9", "question 8"]
        );
        assert!(texts(&store, Some(GUILD), 0, 0).await.is_empty());
        assert!(texts(&store, Some(GUILD), MONDAY + 901, 10)
            .await
            .is_empty());

        // Votes and comments: those cast since then.
        for (n, at) in [(1_u64, MONDAY - 1), (2, MONDAY)] {
            let voter = store.voter(n, ANSWER);
            store
                .vote(GUILD, ANSWER, &voter, "role:po", Vote::Down, at)
                .await
                .unwrap();
            store
                .comment(ANSWER, &voter, &format!("comment {n}"))
                .await
                .unwrap();
        }
        let data = store.gaps(Some(GUILD), MONDAY, 100).await.unwrap();
        assert_eq!(
            data.votes,
            [VoteTotal {
                entry: "role:po".into(),
                up: 0,
                down: 1
            }]
        );
        assert_eq!(
            data.comments,
            [Comment {
                entry: "role:po".into(),
                text: "comment 2".into(),
                at: MONDAY
            }]
        );
        store.close().await;
    }

    pub async fn a_changed_vote_counts_once(url: String) {
        let store = open(&url).await;
        let voter = store.voter(USER, ANSWER);
        let vote = |voter: String, answer: u64, entry: &'static str, vote: Vote, at: i64| {
            let store = store.clone();
            async move {
                store
                    .vote(GUILD, answer, &voter, entry, vote, at)
                    .await
                    .unwrap()
            }
        };
        let totals = |guild: Option<u64>| {
            let store = store.clone();
            async move { store.gaps(guild, 0, 100).await.unwrap().votes }
        };
        let total = |entry: &str, up: u32, down: u32| VoteTotal {
            entry: entry.into(),
            up,
            down,
        };
        let po = "role:po";
        assert_eq!(
            vote(voter.clone(), ANSWER, po, Vote::Up, 10).await,
            VoteChange::New
        );
        assert_eq!(
            vote(voter.clone(), ANSWER, po, Vote::Up, 11).await,
            VoteChange::Same
        );
        assert_eq!(totals(Some(GUILD)).await, [total(po, 1, 0)]);
        assert_eq!(
            vote(voter.clone(), ANSWER, po, Vote::Down, 12).await,
            VoteChange::Changed
        );
        assert_eq!(
            totals(Some(GUILD)).await,
            [total(po, 0, 1)],
            "👍 then 👎 counts once"
        );
        // A second voter counts separately.
        let other = store.voter(OTHER_USER, ANSWER);
        assert_eq!(vote(other, ANSWER, po, Vote::Up, 13).await, VoteChange::New);
        assert_eq!(totals(Some(GUILD)).await, [total(po, 1, 1)]);
        // The same user on another answer has a vote of its own there.
        let again = store.voter(USER, OTHER_ANSWER);
        assert_eq!(
            vote(again, OTHER_ANSWER, "faq:vpn", Vote::Down, 14).await,
            VoteChange::New
        );
        // Most 👎 first, then fewest 👍.
        assert_eq!(
            totals(Some(GUILD)).await,
            [total("faq:vpn", 0, 1), total(po, 1, 1)]
        );
        // Another server's votes count there, and for every server together.
        let elsewhere = store.voter(USER, 99);
        store
            .vote(OTHER_GUILD, 99, &elsewhere, po, Vote::Down, 15)
            .await
            .unwrap();
        assert_eq!(
            totals(Some(GUILD)).await,
            [total("faq:vpn", 0, 1), total(po, 1, 1)]
        );
        assert_eq!(
            totals(None).await,
            [total(po, 1, 2), total("faq:vpn", 0, 1)]
        );
        // Clicks racing each other: one vote, no error.
        let racer = store.voter(OTHER_USER, 7);
        let mut clicks = Vec::new();
        for n in 0..8_i64 {
            let (store, racer) = (store.clone(), racer.clone());
            let choice = if n % 2 == 0 { Vote::Up } else { Vote::Down };
            clicks.push(tokio::spawn(async move {
                store.vote(GUILD, 7, &racer, "faq:race", choice, n).await
            }));
        }
        let mut new = 0;
        for click in clicks {
            if click.await.unwrap().unwrap() == VoteChange::New {
                new += 1;
            }
        }
        assert_eq!(new, 1);
        let race = totals(Some(GUILD)).await;
        let race = race.iter().find(|t| t.entry == "faq:race").unwrap();
        assert_eq!(race.up + race.down, 1);
        store.close().await;
    }

    pub async fn voters_are_per_user_and_answer_and_stable(url: String) {
        let store = open(&url).await;
        let voter = store.voter(USER, ANSWER);
        assert_eq!(voter.len(), 32, "{voter}");
        assert!(
            voter
                .chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)),
            "{voter}"
        );
        assert_eq!(store.voter(USER, ANSWER), voter);
        assert_eq!(store.clone().voter(USER, ANSWER), voter);
        assert_ne!(store.voter(OTHER_USER, ANSWER), voter);
        assert_ne!(store.voter(USER, OTHER_ANSWER), voter);
        assert_ne!(store.voter(BIG_USER, ANSWER), store.voter(BIG_USER, 0));
        // Swapping user and answer gives another voter.
        assert_ne!(store.voter(ANSWER, USER), voter);
        let salt = raw_strings(&url, "SELECT value FROM meta WHERE key = 'voter_salt'").await;
        let salt = salt[0].clone().unwrap();
        assert_eq!(salt.len(), 32, "{salt}");
        assert!(salt.chars().all(|c| c.is_ascii_hexdigit()), "{salt}");
        store.close().await;
        drop(store);
        // The same database, opened again: the same voters, so a vote can still be changed.
        let reopened = open(&url).await;
        assert_eq!(reopened.voter(USER, ANSWER), voter);
        reopened.close().await;
    }

    pub async fn forget_votes_deletes_only_that_users_votes(url: String) {
        let store = open(&url).await;
        assert_eq!(store.forget_votes(USER).await.unwrap(), 0, "nothing yet");
        for (user, answer, vote) in [
            (USER, ANSWER, Vote::Down),
            (USER, OTHER_ANSWER, Vote::Up),
            (BIG_USER, ANSWER, Vote::Down),
            (OTHER_USER, ANSWER, Vote::Up),
        ] {
            let voter = store.voter(user, answer);
            store
                .vote(GUILD, answer, &voter, "role:po", vote, MONDAY)
                .await
                .unwrap();
        }
        let voter = store.voter(USER, ANSWER);
        assert!(store.comment(ANSWER, &voter, "mine").await.unwrap());
        assert_eq!(store.forget_votes(USER).await.unwrap(), 2, "both of USER's");
        let left = store.gaps(None, 0, 100).await.unwrap();
        let po = left.votes.iter().find(|t| t.entry == "role:po").unwrap();
        assert_eq!((po.up, po.down), (1, 1), "the others' votes stay");
        assert!(left.comments.iter().all(|c| c.text != "mine"));
        assert_eq!(
            store.forget_votes(BIG_USER).await.unwrap(),
            1,
            "ids above 2^63"
        );
        assert_eq!(store.forget_votes(USER).await.unwrap(), 0, "already gone");
        store.close().await;
    }

    pub async fn comments_go_with_a_down_vote(url: String) {
        let store = open(&url).await;
        let voter = store.voter(USER, ANSWER);
        assert!(
            !store.comment(ANSWER, &voter, "no vote yet").await.unwrap(),
            "a comment needs a vote"
        );
        store
            .vote(GUILD, ANSWER, &voter, "role:po", Vote::Down, MONDAY)
            .await
            .unwrap();
        // 400 characters of multibyte text, with spaces around: trimmed, cut to 300.
        let long = format!("  {}  ", "ü🙂".repeat(200));
        assert!(store.comment(ANSWER, &voter, &long).await.unwrap());
        let cut: String = "ü🙂".repeat(150);
        let comments =
            |store: Store| async move { store.gaps(None, 0, 100).await.unwrap().comments };
        let first = Comment {
            entry: "role:po".into(),
            text: cut,
            at: MONDAY,
        };
        assert_eq!(comments(store.clone()).await, std::slice::from_ref(&first));
        let other = store.voter(OTHER_USER, ANSWER);
        store
            .vote(GUILD, ANSWER, &other, "role:po", Vote::Down, MONDAY + 5)
            .await
            .unwrap();
        assert!(store
            .comment(ANSWER, &other, "the PO's calendar")
            .await
            .unwrap());
        let second = Comment {
            entry: "role:po".into(),
            text: "the PO's calendar".into(),
            at: MONDAY + 5,
        };
        assert_eq!(
            comments(store.clone()).await,
            [second, first],
            "newest first"
        );
        // An empty comment removes it.
        assert!(store.comment(ANSWER, &other, "   ").await.unwrap());
        assert_eq!(comments(store.clone()).await.len(), 1);
        // Turning the 👎 into a 👍 drops its comment; a comment on a 👍 is not listed.
        assert_eq!(
            store
                .vote(GUILD, ANSWER, &voter, "role:po", Vote::Up, MONDAY + 6)
                .await
                .unwrap(),
            VoteChange::Changed
        );
        assert!(comments(store.clone()).await.is_empty());
        assert!(store.comment(ANSWER, &voter, "great").await.unwrap());
        assert!(comments(store.clone()).await.is_empty());
        store.close().await;
    }

    pub async fn purging_keeps_rows_at_the_cut_off(url: String) {
        let store = open(&url).await;
        store.save(GUILD, USER, &Progress::new(1)).await.unwrap();
        // A Wednesday: its week began on Monday MONDAY + WEEK.
        let cut = MONDAY + WEEK + 2 * DAY;
        for (text, at) in [("old", cut - 1), ("at", cut), ("new", cut + 1)] {
            let q = asked(Outcome::Declined, text, None, &[]);
            store.log_question(GUILD, CHANNEL, at, &q).await.unwrap();
        }
        let vote = |user: u64, vote: Vote, at: i64| {
            let store = store.clone();
            async move {
                let voter = store.voter(user, ANSWER);
                store
                    .vote(GUILD, ANSWER, &voter, "role:po", vote, at)
                    .await
                    .unwrap();
            }
        };
        vote(1, Vote::Down, cut - 1).await;
        vote(2, Vote::Down, cut).await;
        // Cast long ago, changed since: its time is the change's.
        vote(3, Vote::Up, cut - 10).await;
        vote(3, Vote::Down, cut + 1).await;
        for at in [MONDAY - WEEK, MONDAY, MONDAY + WEEK, cut - 1, cut + WEEK] {
            store
                .count_question(GUILD, Outcome::Answered, at)
                .await
                .unwrap();
        }
        // 1 question, 1 vote, 2 weeks wholly before the cut-off's week.
        assert_eq!(store.purge_log(cut).await.unwrap(), 4);
        assert_eq!(texts(&store, None, 0, 100).await, ["new", "at"]);
        let data = store.gaps(None, 0, 100).await.unwrap();
        assert_eq!(
            data.votes,
            [VoteTotal {
                entry: "role:po".into(),
                up: 0,
                down: 2
            }]
        );
        let weeks: Vec<(i64, u32)> = data.weeks.iter().map(|w| (w.week, w.count)).collect();
        assert_eq!(weeks, [(MONDAY + WEEK, 2), (MONDAY + 2 * WEEK, 1)]);
        assert_eq!(
            store.purge_log(cut).await.unwrap(),
            0,
            "nothing left to purge"
        );
        assert_eq!(
            store.load(GUILD, USER).await.unwrap(),
            Some(Progress::new(1)),
            "tour progress is not the log's"
        );
        store.close().await;
    }

    pub async fn purging_goes_in_batches_and_purge_all_empties_the_log(url: String) {
        let store = open(&url).await;
        store.save(GUILD, USER, &Progress::new(1)).await.unwrap();
        // More than two batches of old rows, written outside the store at once.
        let old = 2 * PURGE_BATCH + 1;
        execute_raw(
            &url,
            &format!(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {old}) \
                 INSERT INTO questions (guild_id, channel_id, asked_at, outcome, text, entry, \
                 candidates) SELECT 1, 2, i, 'declined', 'bulk', NULL, '[]' FROM n"
            ),
        )
        .await;
        execute_raw(
            &url,
            &format!(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {old}) \
                 INSERT INTO votes (answer_id, voter, guild_id, entry, vote, comment, voted_at) \
                 SELECT i, 'v', 1, 'role:po', -1, NULL, i FROM n"
            ),
        )
        .await;
        for at in [MONDAY, MONDAY + 1, MONDAY + 2] {
            let q = asked(Outcome::Suggested, "recent", None, &[("faq:a", 0.5)]);
            store.log_question(GUILD, CHANNEL, at, &q).await.unwrap();
            store
                .count_question(GUILD, Outcome::Suggested, at)
                .await
                .unwrap();
        }
        let voter = store.voter(USER, ANSWER);
        store
            .vote(GUILD, ANSWER, &voter, "role:po", Vote::Up, MONDAY)
            .await
            .unwrap();

        assert_eq!(
            store.purge_log(MONDAY).await.unwrap(),
            2 * old as u64,
            "every old question and vote"
        );
        assert_eq!(texts(&store, None, 0, 100).await.len(), 3);
        // What is left: 3 questions, 1 vote, 1 week row.
        assert_eq!(store.purge_all_log().await.unwrap(), 5);
        assert_eq!(
            store.gaps(None, i64::MIN, 100).await.unwrap(),
            Default::default()
        );
        assert_eq!(store.purge_all_log().await.unwrap(), 0);
        assert_eq!(
            store.load(GUILD, USER).await.unwrap(),
            Some(Progress::new(1)),
            "tour progress is not the log's"
        );
        // The voter salt stays: votes cast later still meet earlier ones.
        assert_eq!(store.voter(USER, ANSWER), voter);
        store.close().await;
    }

    pub async fn reload_notices_reach_every_store(url: String) {
        let announcer = open(&url).await;
        let listener = open(&url).await;
        let Some(mut notices) = listener.reload_notices() else {
            assert!(url.starts_with("sqlite:"), "PostgreSQL listens");
            // One process: nothing to tell, and telling it is no error.
            announcer.announce_reload("here").await.unwrap();
            announcer.close().await;
            listener.close().await;
            return;
        };
        hear(&announcer, &mut notices, "first").await;
        announcer.announce_reload("second").await.unwrap();
        assert_eq!(next_notice(&mut notices).await.as_deref(), Some("second"));
        // Origins are cut to 200 characters.
        announcer.announce_reload(&"ö".repeat(500)).await.unwrap();
        assert_eq!(next_notice(&mut notices).await, Some("ö".repeat(200)));
        // The announcing store hears its own notices too.
        let mut own = announcer.reload_notices().expect("PostgreSQL listens");
        hear(&announcer, &mut own, "own").await;
        // Dropping the receiver ends its task and closes its connection.
        drop(own);
        wait_for_listeners(&url, 1).await;
        // Closing the store ends the task: the receiver sees the end (after the repeats of
        // "own" it heard meanwhile).
        listener.close().await;
        while let Some(heard) = tokio::time::timeout(Duration::from_secs(5), notices.recv())
            .await
            .expect("the task ends when the store closes")
        {
            assert_eq!(heard, "own");
        }
        wait_for_listeners(&url, 0).await;
        announcer.close().await;
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
    run_case(db, |url| async move {
        let (proxy, via_proxy) = proxied(&url).await;
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
}

/// A proxy in front of the test server, and `url` with the proxy in the server's place.
async fn proxied(url: &str) -> (Proxy, String) {
    let options: sqlx::postgres::PgConnectOptions = url.parse().unwrap();
    let upstream = format!("{}:{}", options.get_host(), options.get_port());
    let proxy = Proxy::start(upstream.clone()).await;
    let via_proxy = url.replacen(&upstream, &proxy.addr.to_string(), 1);
    assert_ne!(via_proxy, url, "the test server's URL names {upstream}");
    (proxy, via_proxy)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_database_has_its_own_voter_salt() {
    let (first, second) = (Db::sqlite(), Db::sqlite());
    let a = open(&first.url()).await;
    let b = open(&second.url()).await;
    assert_ne!(a.voter(USER, ANSWER), b.voter(USER, ANSWER));
    a.close().await;
    b.close().await;
    first.remove().await;
    second.remove().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_reload_notices_come_back_after_the_connection_drops() {
    let Some(db) = Db::postgres().await else {
        return;
    };
    run_case(db, |url| async move {
        let (proxy, via_proxy) = proxied(&url).await;
        let announcer = open(&url).await;
        let listener = open(&via_proxy).await;
        let mut notices = listener.reload_notices().expect("PostgreSQL listens");
        hear(&announcer, &mut notices, "before").await;
        // The server goes away for a while: the task listens again once it is back.
        proxy.set(CUT);
        tokio::time::sleep(Duration::from_millis(700)).await;
        proxy.set(PASS);
        hear(&announcer, &mut notices, "after").await;
        listener.close().await;
        announcer.close().await;
    })
    .await;
}
