//! Tour progress: saving, resuming, forgetting, counting, and failing fast.

use crate::*;

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
    let taught = rolecall_core::overlay::ServerFaq {
        id: "x".into(),
        question: "Q?".into(),
        answer: "A.".into(),
        phrasings: Vec::new(),
    };
    let holder = rolecall_core::overlay::ServerHolder {
        role: "po".into(),
        team: None,
        user: USER,
    };
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
        clone.overlay(GUILD).await.err(),
        clone.put_faq(GUILD, &taught, USER, 1).await.err(),
        clone.remove_faq(GUILD, "x", USER, 1).await.err(),
        clone.faq_history(GUILD, "x", 5).await.err(),
        clone.set_holder(GUILD, &holder, USER, 1).await.err(),
        clone.remove_holder(GUILD, &holder).await.err(),
        clone
            .replace_overlay(GUILD, &rolecall_core::overlay::Overlay::default(), USER, 1)
            .await
            .err(),
        clone.mark_departed(GUILD, Some(1)).await.err(),
        clone.purge_departed(1).await.err(),
        clone.taught_guilds().await.err(),
        clone.announce_overlay(GUILD, "closing").await.err(),
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
