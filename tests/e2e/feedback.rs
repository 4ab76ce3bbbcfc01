//! End to end: 👍/👎 under answers and the 👎 modal, the question log, `/gaps` and its
//! TOML export, `/reload`, and the log's retention, with the real `rolecall` binary against
//! a fake Discord on 127.0.0.1 and a scratch SQLite database per test (PostgreSQL for the
//! reload reaching every process).

use crate::fake_discord::talk::{
    ask, buttons, callback, click, content, embed_text, ephemeral, knowledge, knowledge_with, run,
    submit_modal, two_processes, use_component, wait_log, MANAGE_GUILD, MEMBER,
};
use crate::fake_discord::{fixture, scratch_database, Bot, Fake, APP_ID, GUILD_ID};
use rolecall_core::learn::{Asked, Outcome};
use rolecall_store::Store;
use serde_json::{json, Value};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The member asking (the fixtures' user).
const ASKER: u64 = 53908232506183680;
/// A second member.
const OTHER: u64 = 53908232506183681;
/// The channel the fixtures ask in.
const CHANNEL: u64 = 645027906669510667;
/// A day in seconds.
const DAY: i64 = 86_400;

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A fake and a bot answering from the shipped knowledge on `database`, plus `env`.
async fn start(database: &str, env: &[(&str, &str)]) -> (Fake, Bot) {
    let fake = Fake::start().await;
    let k = knowledge();
    let mut all = vec![
        ("ROLECALL_KNOWLEDGE", k.as_str()),
        ("ROLECALL_DATABASE_URL", database),
    ];
    all.extend_from_slice(env);
    let bot = Bot::start(&fake, &all);
    fake.wait_connected().await;
    (fake, bot)
}

/// `/ask question` from `user`; returns the callback.
async fn ask_as(fake: &Fake, question: &str, user: u64) -> Value {
    let (mut v, id) = ask(fake, question);
    v["member"]["user"]["id"] = json!(user.to_string());
    fake.dispatch("INTERACTION_CREATE", v).await;
    callback(fake, &id).await
}

/// A message mentioning the bot in the fixtures' channel (a question it can't answer at
/// all gets no reply to a mention; it is logged all the same).
async fn mention(fake: &Fake, text: &str) {
    let mut m = fixture("message_create.json");
    m["id"] = json!(fake.new_id().to_string());
    m["channel_id"] = json!(CHANNEL.to_string());
    m["content"] = json!(format!("<@{APP_ID}> {text}"));
    m["mentions"] = json!([{ "id": APP_ID.to_string(), "username": "rolecall",
        "discriminator": "0", "avatar": null, "bot": true }]);
    fake.dispatch("MESSAGE_CREATE", m).await;
}

/// `/gaps [days]` from `user` with `permissions`.
async fn gaps(fake: &Fake, days: Option<u32>, user: u64, permissions: u64) -> Value {
    let options = match days {
        Some(d) => json!([{ "type": 4, "name": "days", "value": d }]),
        None => json!([]),
    };
    run(fake, "gaps", options, user, permissions).await
}

/// Opens the store the bot uses, to look at what it kept.
async fn store(url: &str) -> Store {
    Store::open(url).await.expect("the bot's database opens")
}

/// Waits until the bot's database holds `n` logged questions.
async fn wait_logged(url: &str, n: usize) -> Vec<Asked> {
    let s = store(url).await;
    for _ in 0..200 {
        let data = s.gaps(Some(GUILD_ID), 0, 100).await.expect("read the log");
        if data.questions.len() >= n {
            s.close().await;
            return data.questions.into_iter().map(|q| q.asked).collect();
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the log never held {n} questions");
}

/// Every value of every column of every table of a SQLite database, as text.
async fn sqlite_values(url: &str) -> Vec<String> {
    use sqlx::{Connection, Row};
    let mut db = sqlx::SqliteConnection::connect(url).await.expect("open");
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(&mut db)
            .await
            .expect("tables");
    let mut values = Vec::new();
    for t in tables {
        let rows = sqlx::query(&format!("SELECT * FROM \"{t}\""))
            .fetch_all(&mut db)
            .await
            .expect("rows");
        for row in rows {
            for i in 0..row.len() {
                if let Ok(Some(n)) = row.try_get::<Option<i64>, _>(i) {
                    values.push(n.to_string());
                    values.push((n as u64).to_string());
                } else if let Ok(Some(text)) = row.try_get::<Option<String>, _>(i) {
                    values.push(text);
                }
            }
        }
    }
    let _ = db.close().await;
    values
}

#[tokio::test]
async fn unanswered_questions_are_grouped_in_gaps_and_exported_as_toml_that_check_flags() {
    let db = scratch_database();
    // `rolecall gaps --database <this>` prints the report from what this test asked.
    eprintln!("the bot's database: {db}");
    let (fake, _bot) = start(&db, &[]).await;
    // Three ways of asking one thing rolecall doesn't know, in /ask and in a channel, and
    // one question on another topic.
    for q in [
        "how do I get access to jira?",
        "how do I get jira access?",
        "where is the holiday calendar?",
    ] {
        let c = ask_as(&fake, q, ASKER).await;
        assert!(
            buttons(&c["data"]).iter().all(|b| b["label"] != "👍"),
            "no votes under a decline or suggestions: {c}"
        );
    }
    mention(&fake, "how can I get access to Jira?").await;
    let logged = wait_logged(&db, 4).await;
    assert!(logged.iter().all(|a| a.outcome != Outcome::Answered));
    assert!(
        logged.iter().all(|a| !a.text.contains(&APP_ID.to_string())),
        "mentions are taken out: {logged:?}"
    );

    // A member without Manage Server is refused, also when Discord shows them the command.
    let refused = gaps(&fake, None, OTHER, MEMBER).await;
    assert!(ephemeral(&refused));
    assert!(content(&refused).contains("Manage Server"), "{refused}");

    let report = gaps(&fake, Some(30), ASKER, MANAGE_GUILD).await;
    assert!(ephemeral(&report), "the report is private");
    let text = embed_text(&report);
    assert!(text.contains("jira"), "{text}");
    assert!(
        text.contains('3'),
        "the jira topic counts 3 questions: {text}"
    );
    assert!(text.contains("holiday calendar"), "{text}");
    assert!(
        text.contains('▁') || text.contains('█'),
        "a block chart: {text}"
    );

    // The export, refused to a non-admin, then as a file `check` reads and flags.
    let export = buttons(&report["data"])
        .into_iter()
        .find(|b| b["label"] == "Export as TOML")
        .expect("an export button");
    let id = export["custom_id"].as_str().unwrap();
    let (v, cid) = use_component(&fake, &report, id, &[], OTHER);
    let mut v = v;
    v["member"]["permissions"] = json!(MEMBER.to_string());
    fake.dispatch("INTERACTION_CREATE", v).await;
    assert!(content(&callback(&fake, &cid).await).contains("Manage Server"));
    let file = click(&fake, &report, "Export as TOML", ASKER).await;
    assert!(ephemeral(&file));
    let sent = fake
        .callbacks()
        .into_iter()
        .find(|r| !r.files.is_empty())
        .expect("a callback with a file");
    let (name, bytes) = &sent.files[0];
    assert_eq!(name, "gaps.toml");
    assert_eq!(
        file["data"]["attachments"][0]["filename"], "gaps.toml",
        "{file}"
    );
    let toml = String::from_utf8(bytes.clone()).expect("UTF-8");
    assert!(toml.contains("[[faq]]"), "{toml}");
    let dir = knowledge_with("gaps-export", &[("gaps.toml", &toml)]);
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .arg("check")
        .arg(&dir)
        .output()
        .expect("run rolecall check");
    let said = String::from_utf8_lossy(&check.stdout).into_owned()
        + &String::from_utf8_lossy(&check.stderr);
    assert!(
        !check.status.success(),
        "unwritten answers fail the check: {said}"
    );
    let flagged: Vec<&str> = said.lines().filter(|l| l.contains("gaps.toml:")).collect();
    assert_eq!(
        flagged.len(),
        2,
        "one flag per topic (jira, calendar): {said}"
    );
    assert!(
        flagged
            .iter()
            .all(|l| l.contains("answer has not been written yet")),
        "each flag names the unwritten answer at file:line: {said}"
    );
}

#[tokio::test]
async fn a_thumbs_up_then_down_counts_once_and_the_modal_comment_is_kept() {
    let db = scratch_database();
    let (fake, _bot) = start(&db, &[]).await;
    let answer = ask_as(&fake, "who owns the backlog?", ASKER).await;
    let labels: Vec<String> = buttons(&answer["data"])
        .iter()
        .filter_map(|b| b["label"].as_str().map(str::to_string))
        .collect();
    assert!(
        labels.ends_with(&["👍".to_string(), "👎".to_string()]),
        "{labels:?}"
    );

    let up = click(&fake, &answer, "👍", ASKER).await;
    assert!(ephemeral(&up));
    assert!(content(&up).contains("Thanks"), "{up}");
    let again = click(&fake, &answer, "👍", ASKER).await;
    assert!(content(&again).contains("already"), "{again}");

    // 👎 from the same member replaces the 👍 and asks what was missing.
    let down = click(&fake, &answer, "👎", ASKER).await;
    assert_eq!(down["type"], 9, "a modal: {down}");
    let modal = down["data"]["custom_id"].as_str().unwrap().to_string();
    assert_eq!(
        down["data"]["components"][0]["components"][0]["max_length"],
        300
    );
    let (v, id) = submit_modal(
        &fake,
        &modal,
        "why",
        Some("who decides what goes into a sprint"),
        ASKER,
    );
    fake.dispatch("INTERACTION_CREATE", v).await;
    let thanks = callback(&fake, &id).await;
    assert!(
        ephemeral(&thanks) && content(&thanks).contains("Thanks"),
        "{thanks}"
    );

    // A second member's 👎, with nothing typed.
    let other = click(&fake, &answer, "👎", OTHER).await;
    assert_eq!(other["type"], 9);
    let (v, id) = submit_modal(&fake, &modal, "why", None, OTHER);
    fake.dispatch("INTERACTION_CREATE", v).await;
    assert!(content(&callback(&fake, &id).await).contains("noted"));

    let s = store(&db).await;
    let data = s.gaps(Some(GUILD_ID), 0, 100).await.unwrap();
    let totals = data
        .votes
        .iter()
        .find(|t| t.entry == "who-owns-backlog")
        .expect("votes on the answer");
    assert_eq!((totals.up, totals.down), (0, 2), "{:?}", data.votes);
    assert_eq!(data.comments.len(), 1, "{:?}", data.comments);
    assert_eq!(data.comments[0].text, "who decides what goes into a sprint");
    // The rated-down question is in the log once, with its entry.
    let logged: Vec<&Asked> = data.questions.iter().map(|q| &q.asked).collect();
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert_eq!(logged[0].text, "who owns the backlog?");
    assert_eq!(logged[0].entry.as_deref(), Some("who-owns-backlog"));
    s.close().await;
    let values = sqlite_values(&db).await;
    assert!(
        values.iter().any(|v| v.contains("sprint")),
        "read every table"
    );
    for user in [ASKER, OTHER] {
        let id = user.to_string();
        assert!(
            values.iter().all(|v| !v.contains(&id)),
            "no user id is stored anywhere"
        );
    }

    // /gaps lists the entry with two 👎 and the comment.
    let report = gaps(&fake, None, ASKER, MANAGE_GUILD).await;
    let text = embed_text(&report);
    assert!(
        text.contains("who decides what goes into a sprint"),
        "{text}"
    );

    // /forget-me finds the member's votes by their pseudonym and deletes them with the note.
    let forgot = run(&fake, "forget-me", json!([]), ASKER, MEMBER).await;
    assert!(content(&forgot).contains("vote"), "{forgot}");
    let s = store(&db).await;
    let data = s.gaps(Some(GUILD_ID), 0, 100).await.unwrap();
    let totals = data.votes.iter().find(|t| t.entry == "who-owns-backlog");
    assert_eq!(
        totals.map(|t| (t.up, t.down)),
        Some((0, 1)),
        "OTHER's stays"
    );
    assert!(data.comments.is_empty(), "{:?}", data.comments);
    s.close().await;
}

#[tokio::test]
async fn old_rows_are_purged_at_start_and_a_log_that_is_off_keeps_no_text() {
    let db = scratch_database();
    let s = store(&db).await;
    let asked = |text: &str| Asked {
        outcome: Outcome::Declined,
        text: text.into(),
        entry: None,
        candidates: Vec::new(),
    };
    // The clock is the rows' own time: one from 100 days ago, one from 10 days ago.
    s.log_question(
        GUILD_ID,
        CHANNEL,
        now() - 100 * DAY,
        &asked("an old question"),
    )
    .await
    .unwrap();
    s.log_question(
        GUILD_ID,
        CHANNEL,
        now() - 10 * DAY,
        &asked("a recent question"),
    )
    .await
    .unwrap();
    s.count_question(GUILD_ID, Outcome::Declined, now() - 100 * DAY)
        .await
        .unwrap();
    s.close().await;

    let (fake, bot) = start(
        &db,
        &[
            ("ROLECALL_LOG_DAYS", "90"),
            ("ROLECALL_QUESTION_LOG", "off"),
        ],
    )
    .await;
    wait_log(&bot, "purged").await;
    let s = store(&db).await;
    let data = s.gaps(Some(GUILD_ID), 0, 100).await.unwrap();
    let texts: Vec<&str> = data
        .questions
        .iter()
        .map(|q| q.asked.text.as_str())
        .collect();
    assert_eq!(texts, ["a recent question"], "older than 90 days went");
    assert!(data.weeks.iter().all(|w| w.week >= now() - 91 * DAY));

    // With the log off, an unanswerable question is counted but its text is not kept.
    let c = ask_as(&fake, "where is the holiday calendar?", ASKER).await;
    assert!(ephemeral(&c));
    let mut counted = false;
    for _ in 0..200 {
        let data = s.gaps(Some(GUILD_ID), 0, 100).await.unwrap();
        if data.weeks.iter().any(|w| w.week >= now() - 8 * DAY) {
            assert_eq!(data.questions.len(), 1, "no new text: {:?}", data.questions);
            counted = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(counted, "the question was counted");
    s.close().await;
    let report = gaps(&fake, None, ASKER, MANAGE_GUILD).await;
    assert!(
        embed_text(&report).contains("ROLECALL_QUESTION_LOG"),
        "the report says the log is off: {report}"
    );
    // 👎 with the log off counts the vote but asks nothing.
    let answer = ask_as(&fake, "who owns the backlog?", ASKER).await;
    let down = click(&fake, &answer, "👎", ASKER).await;
    assert_eq!(down["type"], 4, "no modal: {down}");
}

#[tokio::test]
async fn reload_answers_privately_with_the_counts_or_every_problem() {
    let db = scratch_database();
    let dir = knowledge_with("reload", &[]);
    let fake = Fake::start().await;
    let k = dir.display().to_string();
    let _bot = Bot::start(
        &fake,
        &[
            ("ROLECALL_KNOWLEDGE", k.as_str()),
            ("ROLECALL_DATABASE_URL", &db),
            // The same question is asked twice in the channel: answer it both times.
            ("ROLECALL_COOLDOWN_SECS", "0"),
        ],
    );
    fake.wait_connected().await;

    let refused = run(&fake, "reload", json!([]), OTHER, MEMBER).await;
    assert!(content(&refused).contains("Manage Server"), "{refused}");

    std::fs::write(dir.join("extra.toml"), EXTRA_FAQ).unwrap();
    let done = run(&fake, "reload", json!([]), ASKER, MANAGE_GUILD).await;
    assert!(ephemeral(&done));
    let said = content(&done);
    assert!(said.contains("Reloaded"), "{said}");
    assert!(said.contains("FAQs"), "{said}");
    let answer = ask_as(&fake, "who approves the release train calendar?", ASKER).await;
    assert_eq!(
        answer["data"]["embeds"][0]["title"], "Who approves the release calendar?",
        "the new FAQ answers: {answer}"
    );

    std::fs::write(dir.join("broken.toml"), "[[faq]]\nid = \"Bad Id\"\n").unwrap();
    let failed = run(&fake, "reload", json!([]), ASKER, MANAGE_GUILD).await;
    let said = content(&failed);
    assert!(said.contains("not reloaded"), "{said}");
    assert!(said.contains("broken.toml:"), "names file:line: {said}");
    assert!(said.contains("last good"), "{said}");
    // The last good knowledge keeps answering.
    let answer = ask_as(&fake, "who approves the release train calendar?", ASKER).await;
    assert_eq!(
        answer["data"]["embeds"][0]["title"],
        "Who approves the release calendar?"
    );
    assert!(Path::new(&dir).exists());
}

/// A FAQ added while the bot runs.
const EXTRA_FAQ: &str = r#"
[[faq]]
id = "release-calendar"
question = "Who approves the release calendar?"
phrasings = ["who approves the release train calendar"]
answer = "The Release Train Engineer proposes it; Product Management approves it."
"#;

#[tokio::test]
async fn with_postgres_a_reload_reaches_every_process_of_the_bot() {
    let Some(db) = crate::postgres::fresh_database("e2e_reload").await else {
        return;
    };
    let dir = knowledge_with("reload-everywhere", &[]);
    let k = dir.display().to_string();
    let env = [
        ("ROLECALL_KNOWLEDGE", k.as_str()),
        ("ROLECALL_DATABASE_URL", db.as_str()),
    ];
    let ((first, one), (second, two)) = two_processes(&env).await;

    std::fs::write(dir.join("extra.toml"), EXTRA_FAQ).unwrap();
    let done = run(&first, "reload", json!([]), ASKER, MANAGE_GUILD).await;
    assert!(content(&done).contains("Every process"), "{done}");
    wait_log(&two, "another process ran /reload").await;
    wait_log(&two, "knowledge reloaded").await;
    assert!(
        !one.log().contains("another process ran /reload"),
        "the process that ran /reload skips its own notice"
    );
    let answer = ask_as(&second, "who approves the release train calendar?", ASKER).await;
    assert_eq!(
        answer["data"]["embeds"][0]["title"],
        "Who approves the release calendar?"
    );
}
