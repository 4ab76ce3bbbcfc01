//! End to end: the onboarding tour, its store, the admins' commands, the roster and the
//! greeting, with the real `rolecall` binary against a fake Discord on 127.0.0.1.
//!
//! The bot answers from the repository's `knowledge/` (which has the tour) and keeps
//! progress in a scratch SQLite file per test.

use crate::fake_discord::talk::{
    ask, assert_no_mentions, button_id, buttons, callback, click, content, embed_text, ephemeral,
    hangup, knowledge, knowledge_with, repo, run, signal, use_component, wait_log, MANAGE_GUILD,
    MEMBER,
};
use crate::fake_discord::{scratch_database, Bot, Fake, APP_ID, GUILD_ID};
use serde_json::{json, Value};
use std::time::Duration;

/// The member taking the tour (the fixtures' user).
const NEWCOMER: u64 = 53908232506183680;
/// A second member.
const OTHER: u64 = 53908232506183681;

async fn start(env: &[(&str, &str)]) -> (Fake, Bot) {
    let fake = Fake::start().await;
    let k = knowledge();
    let mut all = vec![("ROLECALL_KNOWLEDGE", k.as_str())];
    all.extend_from_slice(env);
    let bot = Bot::start(&fake, &all);
    fake.wait_connected().await;
    (fake, bot)
}

/// `/onboarding sub` from `user` with `permissions`; returns the callback.
async fn admin(fake: &Fake, sub: &str, user: u64, permissions: u64) -> Value {
    let options = json!([{ "type": 1, "name": sub, "options": [] }]);
    run(fake, "onboarding", options, user, permissions).await
}

fn title(callback: &Value) -> String {
    callback["data"]["embeds"][0]["title"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn footer(callback: &Value) -> String {
    callback["data"]["embeds"][0]["footer"]["text"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Whether the page is a quiz not yet answered: its choices are enabled buttons besides
/// Back and Skip.
fn unanswered_quiz(page: &Value) -> bool {
    buttons(&page["data"])
        .iter()
        .any(|b| b["custom_id"].as_str().is_some_and(is_choice) && b["disabled"] != json!(true))
}

/// Whether a custom id is a tour quiz choice (`rc:tour:<user>:<tour>:a<step>.<choice>`).
fn is_choice(custom_id: &str) -> bool {
    custom_id.starts_with("rc:tour:")
        && custom_id
            .rsplit(':')
            .next()
            .is_some_and(|v| v.starts_with('a'))
}

/// Clicks the first choice of the unanswered quiz on `page`, as the newcomer.
async fn answer_first(fake: &Fake, page: &Value) -> Value {
    let custom_id = buttons(&page["data"])
        .iter()
        .filter_map(|b| b["custom_id"].as_str())
        .find(|id| is_choice(id))
        .expect("a choice")
        .to_string();
    let (v, id) = use_component(fake, page, &custom_id, &[], NEWCOMER);
    fake.dispatch("INTERACTION_CREATE", v).await;
    callback(fake, &id).await
}

/// Clicks Next (or Start, Skip, Finish) until a page with an unanswered quiz.
async fn next_until_quiz(fake: &Fake, mut page: Value) -> Value {
    for _ in 0..12 {
        if unanswered_quiz(&page) {
            return page;
        }
        page = click(fake, &page, next_label(&page), NEWCOMER).await;
    }
    panic!("no quiz in the tour");
}

/// The label of the button that moves forward on `page`.
fn next_label(page: &Value) -> &'static str {
    let labels: Vec<String> = buttons(&page["data"])
        .iter()
        .filter_map(|b| b["label"].as_str().map(str::to_string))
        .collect();
    ["Start", "Next", "Skip", "Finish"]
        .into_iter()
        .find(|l| labels.iter().any(|x| x.starts_with(l)))
        .unwrap_or_else(|| panic!("no way forward in {labels:?}"))
}

async fn stop(bot: &mut Bot) {
    signal(bot, "-TERM");
    assert_eq!(bot.wait_exit().await.code(), Some(0), "{}", bot.log());
}

#[tokio::test]
async fn the_tour_is_private_edited_in_place_and_resumes_after_a_restart() {
    let db = scratch_database();
    let (fake, mut bot) = start(&[("ROLECALL_DATABASE_URL", &db)]).await;
    wait_log(&bot, "tour progress store opened").await;

    let intro = run(&fake, "onboard", json!([]), NEWCOMER, MEMBER).await;
    assert_eq!(intro["type"], 4, "a new message: {intro}");
    assert!(ephemeral(&intro), "the tour is private");
    assert_no_mentions(&intro["data"]);

    let step1 = click(&fake, &intro, "Start", NEWCOMER).await;
    assert_eq!(step1["type"], 7, "the page is edited in place: {step1}");
    assert!(footer(&step1).contains("Step 1 of"), "{}", footer(&step1));

    let quiz = next_until_quiz(&fake, step1).await;
    let quiz_title = title(&quiz);
    let answered = answer_first(&fake, &quiz).await;
    assert_eq!(answered["type"], 7);
    let text = embed_text(&answered);
    assert!(
        text.contains("Right") || text.contains("Not quite"),
        "says right or wrong: {text}"
    );
    assert!(
        buttons(&answered["data"])
            .iter()
            .any(|b| b["disabled"] == json!(true)),
        "the choices are locked once answered"
    );

    // Restart the bot on the same database: /onboard resumes at that quiz, answered.
    stop(&mut bot).await;
    let (fake, mut bot) = start(&[("ROLECALL_DATABASE_URL", &db)]).await;
    let resumed = run(&fake, "onboard", json!([]), NEWCOMER, MEMBER).await;
    assert_eq!(title(&resumed), quiz_title, "resumes where they stopped");
    assert!(!unanswered_quiz(&resumed), "the answer was kept");

    // On to the summary.
    let mut page = resumed;
    for _ in 0..12 {
        if buttons(&page["data"])
            .iter()
            .any(|b| b["label"] == "Start over")
        {
            break;
        }
        page = if unanswered_quiz(&page) {
            answer_first(&fake, &page).await
        } else {
            click(&fake, &page, next_label(&page), NEWCOMER).await
        };
    }
    let summary = embed_text(&page);
    assert!(
        summary.contains("Quiz"),
        "the summary has the score: {summary}"
    );
    assert!(summary.contains("/ask"), "{summary}");

    // The admins' report counts one start and one finish.
    let report = admin(&fake, "report", OTHER, MANAGE_GUILD).await;
    assert!(ephemeral(&report));
    let text = embed_text(&report);
    assert!(text.contains("1 started"), "{text}");
    assert!(text.contains("1 finished"), "{text}");

    // /onboard restart:true starts over.
    let again = run(
        &fake,
        "onboard",
        json!([{ "type": 5, "name": "restart", "value": true }]),
        NEWCOMER,
        MEMBER,
    )
    .await;
    assert_eq!(title(&again), title(&intro), "back to the intro");
    stop(&mut bot).await;
}

#[tokio::test]
async fn a_posted_start_button_gives_anyone_their_own_private_tour() {
    let (fake, _bot) = start(&[]).await;
    let post = admin(&fake, "post", NEWCOMER, MANAGE_GUILD).await;
    assert_eq!(post["type"], 4);
    assert!(!ephemeral(&post), "the post is public");
    assert_no_mentions(&post["data"]);
    let start_id = button_id(&post, "Start the tour");
    assert_eq!(start_id, "rc:tour-start");

    let (v, id) = use_component(&fake, &post, &start_id, &[], OTHER);
    fake.dispatch("INTERACTION_CREATE", v).await;
    let tour = callback(&fake, &id).await;
    assert_eq!(
        tour["type"], 4,
        "a new private message, not an edit of the post"
    );
    assert!(ephemeral(&tour));
    let next = button_id(&tour, "Start");
    assert!(
        next.contains(&OTHER.to_string()),
        "the tour belongs to the clicker: {next}"
    );

    // Someone else's tour button (it can't normally be seen) gets a polite note.
    let (v, id) = use_component(&fake, &tour, &next, &[], NEWCOMER);
    fake.dispatch("INTERACTION_CREATE", v).await;
    let note = callback(&fake, &id).await;
    assert!(ephemeral(&note));
    assert!(content(&note).contains("someone else's tour"), "{note}");
}

#[tokio::test]
async fn members_without_manage_server_are_refused_post_and_report() {
    let (fake, _bot) = start(&[]).await;
    for sub in ["post", "report"] {
        let r = admin(&fake, sub, NEWCOMER, MEMBER).await;
        assert!(ephemeral(&r), "{r}");
        let text = content(&r);
        assert!(text.contains("Manage Server"), "{text}");
        assert!(text.contains(&format!("/onboarding {sub}")), "{text}");
        assert!(r["data"]["embeds"].as_array().is_none_or(Vec::is_empty));
    }
    // Discord hides the command from them too, and it is not offered in DMs.
    let registered = fake.requests_to("PUT", &format!("/applications/{APP_ID}/commands"));
    let commands = registered[0].body.as_array().unwrap();
    let onboarding = commands.iter().find(|c| c["name"] == "onboarding").unwrap();
    assert_eq!(onboarding["default_member_permissions"], "32");
    assert_eq!(onboarding["dm_permission"], false);
    for name in ["onboard", "forget-me"] {
        let c = commands.iter().find(|c| c["name"] == name).unwrap();
        assert!(c["default_member_permissions"].is_null(), "{c}");
    }
}

#[tokio::test]
async fn forget_me_deletes_the_progress_and_a_stale_button_gets_a_note() {
    let (fake, _bot) = start(&[]).await;
    let intro = run(&fake, "onboard", json!([]), NEWCOMER, MEMBER).await;
    let step1 = click(&fake, &intro, "Start", NEWCOMER).await;
    assert!(footer(&step1).contains("Step 1 of"));

    let forgot = run(&fake, "forget-me", json!([]), NEWCOMER, MEMBER).await;
    assert!(ephemeral(&forgot));
    assert!(content(&forgot).contains("deleted"), "{forgot}");
    let again = run(&fake, "forget-me", json!([]), NEWCOMER, MEMBER).await;
    assert!(content(&again).contains("nothing stored"), "{again}");

    let report = admin(&fake, "report", OTHER, MANAGE_GUILD).await;
    assert!(
        embed_text(&report).to_lowercase().contains("nobody"),
        "{}",
        embed_text(&report)
    );

    // /onboard starts afresh.
    let fresh = run(&fake, "onboard", json!([]), NEWCOMER, MEMBER).await;
    assert_eq!(title(&fresh), title(&intro));

    // A button whose tour fingerprint no longer matches (the tour was edited) is stale.
    let next = button_id(&step1, "Next");
    let mut parts: Vec<&str> = next.split(':').collect();
    parts[3] = "00000000";
    let edited = parts.join(":");
    let (v, id) = use_component(&fake, &step1, &edited, &[], NEWCOMER);
    fake.dispatch("INTERACTION_CREATE", v).await;
    let note = callback(&fake, &id).await;
    assert!(ephemeral(&note));
    assert!(content(&note).contains("out of date"), "{note}");
}

#[tokio::test]
async fn an_edited_tour_turns_old_buttons_into_a_polite_note() {
    let dir = knowledge_with("edited-tour", &[]);
    let path = dir.display().to_string();
    let (fake, bot) = start(&[("ROLECALL_KNOWLEDGE", &path)]).await;
    let intro = run(&fake, "onboard", json!([]), NEWCOMER, MEMBER).await;
    let tour = std::fs::read_to_string(dir.join("onboarding.toml")).unwrap();
    let at = tour.find("[tour]").expect("the tour's table");
    let edited = format!(
        "{}{}",
        &tour[..at],
        tour[at..].replacen("title = \"", "title = \"Edited: ", 1)
    );
    assert_ne!(tour, edited);
    std::fs::write(dir.join("onboarding.toml"), edited).unwrap();
    hangup(&bot);
    wait_log(&bot, "knowledge reloaded").await;
    let note = click(&fake, &intro, "Start", NEWCOMER).await;
    assert!(ephemeral(&note));
    assert!(content(&note).contains("out of date"), "{note}");
    let resumed = run(&fake, "onboard", json!([]), NEWCOMER, MEMBER).await;
    assert!(title(&resumed).starts_with("Edited: "), "{resumed}");
}

#[tokio::test]
async fn a_locked_database_never_takes_an_answer_down() {
    let db = scratch_database();
    let (fake, _bot) = start(&[("ROLECALL_DATABASE_URL", &db)]).await;
    let intro = run(&fake, "onboard", json!([]), NEWCOMER, MEMBER).await;
    // Another program (a backup, say) holds the database's write lock.
    let path = db.trim_start_matches("sqlite://").to_string();
    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let locker = std::thread::spawn(move || {
        use std::io::BufRead;
        let mut conn = std::process::Command::new("python3")
            .arg("-c")
            .arg(
                "import sqlite3,sys,time\n\
                 c=sqlite3.connect(sys.argv[1],isolation_level=None)\n\
                 c.execute('BEGIN EXCLUSIVE')\n\
                 print('locked',flush=True)\n\
                 time.sleep(4)\n",
            )
            .arg(&path)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("python3 runs");
        let mut line = String::new();
        let out = conn.stdout.take().expect("piped stdout");
        let _ = std::io::BufReader::new(out).read_line(&mut line);
        let _ = locked_tx.send(line);
        conn.wait()
    });
    let said = tokio::task::spawn_blocking(move || locked_rx.recv_timeout(Duration::from_secs(10)))
        .await
        .unwrap();
    assert_eq!(
        said.as_deref().map(str::trim),
        Ok("locked"),
        "the lock is held"
    );
    let step1 = click(&fake, &intro, "Start", NEWCOMER).await;
    assert_eq!(step1["type"], 7, "the page is still shown: {step1}");
    assert!(
        embed_text(&step1).contains("couldn't save"),
        "{}",
        embed_text(&step1)
    );
    let (v, id) = ask(&fake, "who owns the backlog?");
    fake.dispatch("INTERACTION_CREATE", v).await;
    let answer = callback(&fake, &id).await;
    assert!(embed_text(&answer).contains("Product Owner"), "{answer}");
    let _ = locker.join();
}

#[tokio::test]
async fn a_database_that_cannot_be_opened_stops_start_up_with_the_url_but_not_the_password() {
    for (url, shown) in [
        (
            "sqlite:///nonexistent-rolecall-dir/deeper/rolecall.db",
            "sqlite:///nonexistent-rolecall-dir/deeper/rolecall.db",
        ),
        (
            "postgres://bot:hunter2@127.0.0.1:1/rolecall",
            "postgres://bot:***@127.0.0.1:1/rolecall",
        ),
    ] {
        let fake = Fake::start().await;
        let mut bot = Bot::start(&fake, &[("ROLECALL_DATABASE_URL", url)]);
        let exit = bot.wait_exit().await;
        assert_eq!(exit.code(), Some(1), "{}", bot.log());
        // The log is read from the bot's stderr as it comes: the last line may still be
        // on its way when the process has exited.
        wait_log(&bot, shown).await;
        let log = bot.log();
        assert!(!log.contains("hunter2"), "hides the password: {log}");
        assert!(fake.identifies().is_empty(), "never connects to Discord");
    }
}

const ROSTER: &str = include_str!("../fixtures/roster/people.toml");
/// Team Blue's channel in the roster fixture.
const BLUE_CHANNEL: &str = "1100000000000000001";

#[tokio::test]
async fn who_is_our_po_names_the_person_without_pinging_anyone() {
    let dir = knowledge_with("roster", &[("people.toml", ROSTER)]);
    let path = dir.display().to_string();
    let (fake, _bot) = start(&[("ROLECALL_KNOWLEDGE", &path)]).await;
    let (mut v, id) = ask(&fake, "who is our product owner?");
    v["channel_id"] = json!(BLUE_CHANNEL);
    v["channel"] = json!({ "id": BLUE_CHANNEL, "type": 0 });
    fake.dispatch("INTERACTION_CREATE", v).await;
    let answer = callback(&fake, &id).await;
    let text = embed_text(&answer);
    assert!(text.contains("<@2200000000000000001>"), "{text}");
    assert!(
        !text.contains("<@2200000000000000002>"),
        "only Team Blue's: {text}"
    );
    assert_no_mentions(&answer["data"]);
}

#[tokio::test]
async fn without_a_roster_who_is_our_po_says_so_and_offers_the_role_card() {
    let (fake, _bot) = start(&[]).await;
    let (v, id) = ask(&fake, "who is our product owner?");
    fake.dispatch("INTERACTION_CREATE", v).await;
    let answer = callback(&fake, &id).await;
    let text = embed_text(&answer);
    assert!(text.contains("hasn't listed"), "{text}");
    assert!(
        buttons(&answer["data"])
            .iter()
            .any(|b| b["custom_id"].as_str().is_some_and(|c| c.ends_with(":po"))),
        "the role card is a button: {answer}"
    );
    assert_no_mentions(&answer["data"]);
}

#[tokio::test]
async fn new_members_are_greeted_only_when_the_welcome_channel_is_set() {
    const WELCOME: &str = "290926798999357999";
    const GUILD_MEMBERS: u64 = 1 << 1;
    let (fake, _bot) = start(&[("ROLECALL_WELCOME_CHANNEL", WELCOME)]).await;
    let intents = fake.identifies()[0]["intents"].as_u64().unwrap();
    assert_ne!(
        intents & GUILD_MEMBERS,
        0,
        "the Server Members intent is requested"
    );
    let member = json!({
        "guild_id": GUILD_ID.to_string(),
        "user": { "id": OTHER.to_string(), "username": "newbie", "discriminator": "0",
                  "global_name": "New Bie", "avatar": null },
        "roles": [], "joined_at": "2026-11-27T09:00:00.000000+00:00",
        "deaf": false, "mute": false, "flags": 0, "pending": false
    });
    fake.dispatch("GUILD_MEMBER_ADD", member).await;
    let path = format!("/channels/{WELCOME}/messages");
    fake.wait_for("the greeting", |f| !f.requests_to("POST", &path).is_empty())
        .await;
    let greeting = fake.requests_to("POST", &path)[0].body.clone();
    assert!(
        greeting["content"]
            .as_str()
            .unwrap()
            .contains(&format!("<@{OTHER}>")),
        "{greeting}"
    );
    assert_eq!(greeting["allowed_mentions"]["parse"], json!([]));
    assert_eq!(
        greeting["allowed_mentions"]["users"],
        json!([OTHER.to_string()]),
        "only the new member may be pinged"
    );
    assert_eq!(greeting["allowed_mentions"]["roles"], json!([]));
    assert_eq!(
        buttons(&greeting)[0]["custom_id"],
        "rc:tour-start",
        "{greeting}"
    );

    let (fake, _bot) = start(&[]).await;
    let intents = fake.identifies()[0]["intents"].as_u64().unwrap();
    assert_eq!(intents & GUILD_MEMBERS, 0, "not requested when no greeting");
}

#[tokio::test]
async fn knowledge_without_a_tour_says_so_instead_of_posting_a_dead_button() {
    let team = repo()
        .join("tests/fixtures/knowledge")
        .display()
        .to_string();
    let (fake, _bot) = start(&[("ROLECALL_KNOWLEDGE", &team)]).await;
    let onboard = run(&fake, "onboard", json!([]), NEWCOMER, MEMBER).await;
    assert!(ephemeral(&onboard));
    assert!(
        embed_text(&onboard).contains("no onboarding tour"),
        "{onboard}"
    );
    let post = admin(&fake, "post", NEWCOMER, MANAGE_GUILD).await;
    assert!(ephemeral(&post), "nothing public to post: {post}");
    assert!(!buttons(&post["data"])
        .iter()
        .any(|b| b["custom_id"] == "rc:tour-start"));
}

#[tokio::test]
async fn a_newcomer_asking_where_to_start_gets_the_tour_button() {
    let (fake, _bot) = start(&[]).await;
    let (v, id) = ask(&fake, "hi, I just joined the team, where should I begin?");
    fake.dispatch("INTERACTION_CREATE", v).await;
    let answer = callback(&fake, &id).await;
    let text = embed_text(&answer);
    assert!(text.contains("/onboard"), "{text}");
    let start = button_id(&answer, "Start the tour");
    assert_eq!(start, "rc:tour-start");
    let (v, id) = use_component(&fake, &answer, &start, &[], NEWCOMER);
    fake.dispatch("INTERACTION_CREATE", v).await;
    let tour = callback(&fake, &id).await;
    assert!(ephemeral(&tour), "the tour is private");
    assert!(button_id(&tour, "Start").starts_with("rc:tour:"));
}
