//! Votes, comments, purging the log, and reload notices.

use crate::*;

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
    let comments = |store: Store| async move { store.gaps(None, 0, 100).await.unwrap().comments };
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
