//! The question log: what it keeps (never a user id) and the weekly counts.

use crate::*;

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
