//! End to end: teaching rolecall from Discord. `/teach new` → modal → saved → answered in
//! that server only, after a restart too; refusals that save nothing; "Answer this" under
//! `/gaps`; `/team set` → "who is our PO?"; and with PostgreSQL, a change made through one
//! process answered by another.

use crate::fake_discord::talk::{
    ask, buttons, callback, content, embed_text, ephemeral, interaction, knowledge, run, signal,
    two_processes, use_component, wait_log, MANAGE_GUILD, MEMBER,
};
use crate::fake_discord::{scratch_database, Bot, Fake, GUILD_ID};
use rolecall_store::Store;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// An editor (Manage Server in the fixtures' server).
const EDITOR: u64 = 53908232506183680;
/// A member without Manage Server.
const MEMBER_ID: u64 = 53908232506183681;
/// The member made PO with `/team set`.
const NEW_PO: u64 = 80351110224678912;
/// A second server the bot is in.
const OTHER_GUILD: u64 = 290926798626357001;

/// The question taught in these tests, and a way of asking it that is not a phrasing.
const QUESTION: &str = "How do I get access to the staging cluster?";
const ASKED: &str = "how can I get staging cluster access?";

/// A fake and a bot on `database` answering from the shipped knowledge.
async fn start(database: &str) -> (Fake, Bot) {
    let fake = Fake::start().await;
    let k = knowledge();
    let bot = Bot::start(
        &fake,
        &[
            ("ROLECALL_KNOWLEDGE", k.as_str()),
            ("ROLECALL_DATABASE_URL", database),
        ],
    );
    fake.wait_connected().await;
    (fake, bot)
}

/// `/ask question` in `guild`; returns the callback.
async fn ask_in(fake: &Fake, question: &str, guild: u64) -> Value {
    let (mut v, id) = ask(fake, question);
    v["guild_id"] = json!(guild.to_string());
    fake.dispatch("INTERACTION_CREATE", v).await;
    callback(fake, &id).await
}

/// `/teach <sub> [topic]` by `user` with `permissions`.
async fn teach(fake: &Fake, sub: &str, topic: Option<&str>, user: u64, permissions: u64) -> Value {
    let options = match topic {
        Some(t) => {
            json!([{ "type": 1, "name": sub, "options": [{ "type": 3, "name": "topic", "value": t }] }])
        }
        None => json!([{ "type": 1, "name": sub, "options": [] }]),
    };
    run(fake, "teach", options, user, permissions).await
}

/// Submits the `/teach` modal `custom_id` with the three inputs, as `user` with
/// `permissions`; returns the callback.
async fn submit(
    fake: &Fake,
    custom_id: &str,
    inputs: [&str; 3],
    user: u64,
    permissions: u64,
) -> Value {
    let (mut v, id) = interaction(fake, "interaction_modal_submit.json");
    let rows: Vec<Value> = ["question", "answer", "phrasings"]
        .iter()
        .zip(inputs)
        .map(|(name, text)| {
            json!({ "type": 1, "components": [{ "type": 4, "custom_id": name, "value": text }] })
        })
        .collect();
    v["data"] = json!({ "custom_id": custom_id, "components": rows });
    v["member"]["user"]["id"] = json!(user.to_string());
    v["member"]["permissions"] = json!(permissions.to_string());
    serde_json::from_value::<serenity::all::Interaction>(v.clone())
        .expect("the modal submission deserializes in serenity");
    fake.dispatch("INTERACTION_CREATE", v).await;
    callback(fake, &id).await
}

/// The text inputs of a modal callback, by custom id: (custom id, value).
fn inputs(modal: &Value) -> Vec<(String, String)> {
    modal["data"]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|row| &row["components"][0])
        .map(|i| {
            (
                i["custom_id"].as_str().unwrap_or_default().to_string(),
                i["value"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Teaches the staging question in the fixtures' server; returns the save's callback.
async fn teach_staging(fake: &Fake) -> Value {
    let modal = teach(fake, "new", None, EDITOR, MANAGE_GUILD).await;
    assert_eq!(modal["type"], 9, "a modal: {modal}");
    let custom_id = modal["data"]["custom_id"].as_str().unwrap().to_string();
    submit(
        fake,
        &custom_id,
        [
            QUESTION,
            "File a ticket with the platform team. Access arrives within a day.",
            "staging cluster login\nwho grants staging access",
        ],
        EDITOR,
        MANAGE_GUILD,
    )
    .await
}

async fn taught_faqs(url: &str) -> usize {
    let store = Store::open(url).await.expect("the bot's database opens");
    let n = store.overlay(GUILD_ID).await.unwrap().faqs.len();
    store.close().await;
    n
}

#[tokio::test]
async fn a_taught_faq_answers_in_its_server_only_and_survives_a_restart() {
    let db = scratch_database();
    let (fake, mut bot) = start(&db).await;
    let before = ask_in(&fake, ASKED, GUILD_ID).await;
    assert_ne!(before["data"]["embeds"][0]["title"], QUESTION);

    let saved = teach_staging(&fake).await;
    assert!(ephemeral(&saved), "{saved}");
    assert!(content(&saved).contains("Saved"), "{saved}");
    let shown = embed_text(&saved);
    assert!(shown.contains(QUESTION), "{shown}");
    assert!(
        shown.contains("**File a ticket with the platform team.**"),
        "the first sentence is bold: {shown}"
    );

    let here = ask_in(&fake, ASKED, GUILD_ID).await;
    assert_eq!(here["data"]["embeds"][0]["title"], QUESTION, "{here}");
    let elsewhere = ask_in(&fake, ASKED, OTHER_GUILD).await;
    assert_ne!(
        elsewhere["data"]["embeds"][0]["title"], QUESTION,
        "another server doesn't get it: {elsewhere}"
    );

    // A /reload of the base knowledge keeps what the server taught.
    let reloaded = run(&fake, "reload", json!([]), EDITOR, MANAGE_GUILD).await;
    assert!(content(&reloaded).contains("eloaded"), "{reloaded}");
    let (mut v, id) = ask(&fake, ASKED);
    // Another channel: the same answer twice in one channel is "answered above".
    v["channel_id"] = json!("645027906669510001");
    fake.dispatch("INTERACTION_CREATE", v).await;
    let kept = callback(&fake, &id).await;
    assert_eq!(kept["data"]["embeds"][0]["title"], QUESTION, "{kept}");
    assert_eq!(
        kept["data"]["embeds"][0]["footer"]["text"],
        rolecall_core::overlay::SERVER_CREDIT,
        "credited to the server, not the article: {kept}"
    );

    // Listed, with its history; then the bot restarts on the same database.
    let list = teach(&fake, "list", None, EDITOR, MANAGE_GUILD).await;
    assert!(embed_text(&list).contains(QUESTION), "{list}");
    let history = teach(
        &fake,
        "history",
        Some("how-do-i-get-access-to-the-staging"),
        EDITOR,
        MANAGE_GUILD,
    )
    .await;
    assert!(embed_text(&history).contains("created by"), "{history}");
    signal(&bot, "-TERM");
    assert_eq!(bot.wait_exit().await.code(), Some(0), "{}", bot.log());
    // While it was away, another server that had taught it removed it.
    let store = Store::open(&db).await.unwrap();
    let holder = rolecall_core::overlay::ServerHolder {
        role: "po".into(),
        team: None,
        user: NEW_PO,
    };
    store
        .set_holder(OTHER_GUILD, &holder, EDITOR, 1)
        .await
        .unwrap();
    store.close().await;
    let (fake, bot) = start(&db).await;
    let after = ask_in(&fake, ASKED, GUILD_ID).await;
    assert_eq!(after["data"]["embeds"][0]["title"], QUESTION, "{after}");
    wait_log(&bot, "removed it while it was away").await;
    let store = Store::open(&db).await.unwrap();
    assert_eq!(
        store.purge_departed(i64::MAX).await.unwrap(),
        1,
        "only the server missing from READY was noted as left"
    );
    assert!(store.overlay(OTHER_GUILD).await.unwrap().is_empty());
    assert_eq!(store.overlay(GUILD_ID).await.unwrap().faqs.len(), 1);
    store.close().await;
}

#[tokio::test]
async fn bad_submissions_and_non_editors_are_refused_and_nothing_is_saved() {
    let db = scratch_database();
    let (fake, _bot) = start(&db).await;
    let shipped = rolecall_core::KnowledgeBase::shipped().unwrap();
    let taken = shipped.faqs[0].question.clone();

    let colliding = submit(
        &fake,
        "rc:teach:new",
        ["How do we deploy?", "On Tuesdays after stand-up.", &taken],
        EDITOR,
        MANAGE_GUILD,
    )
    .await;
    let said = content(&colliding);
    assert!(said.contains("Nothing was saved"), "{said}");
    assert!(
        said.contains(&shipped.faqs[0].id),
        "names the other entry: {said}"
    );

    let empty = submit(
        &fake,
        "rc:teach:new",
        ["How do we deploy?", "  ", ""],
        EDITOR,
        MANAGE_GUILD,
    )
    .await;
    assert!(content(&empty).contains("answer is empty"), "{empty}");

    let command = teach(&fake, "new", None, MEMBER_ID, MEMBER).await;
    assert_eq!(command["type"], 4, "no modal for a non-editor: {command}");
    assert!(content(&command).contains("Manage Server"), "{command}");
    let sneaked = submit(
        &fake,
        "rc:teach:new",
        ["How do we deploy?", "On Tuesdays.", ""],
        MEMBER_ID,
        MEMBER,
    )
    .await;
    assert!(content(&sneaked).contains("editors"), "{sneaked}");
    assert_eq!(taught_faqs(&db).await, 0, "nothing was saved");
}

#[tokio::test]
async fn answer_this_under_gaps_teaches_the_topic_and_it_leaves_the_report() {
    let db = scratch_database();
    let (fake, _bot) = start(&db).await;
    for q in ["how do I get access to jira?", "how do I get jira access?"] {
        ask_in(&fake, q, GUILD_ID).await;
    }
    let store = Store::open(&db).await.unwrap();
    for _ in 0..100 {
        let logged = store
            .gaps(Some(GUILD_ID), 0, 100)
            .await
            .unwrap()
            .questions
            .len();
        if logged >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    store.close().await;
    let gaps = run(&fake, "gaps", json!([]), EDITOR, MANAGE_GUILD).await;
    assert!(embed_text(&gaps).contains("jira"), "{gaps}");
    let answer = buttons(&gaps["data"])
        .into_iter()
        .find(|b| {
            b["label"]
                .as_str()
                .is_some_and(|l| l.starts_with("Answer 1"))
        })
        .expect("an Answer this button");
    let (v, id) = use_component(
        &fake,
        &gaps,
        answer["custom_id"].as_str().unwrap(),
        &[],
        EDITOR,
    );
    let mut v = v;
    v["member"]["permissions"] = json!(MANAGE_GUILD.to_string());
    fake.dispatch("INTERACTION_CREATE", v).await;
    let modal = callback(&fake, &id).await;
    assert_eq!(modal["type"], 9, "{modal}");
    let filled = inputs(&modal);
    assert!(
        filled[0].1.contains("jira"),
        "the commonest phrasing is the question: {filled:?}"
    );
    assert!(
        filled[2].1.contains("jira"),
        "the other is a phrasing: {filled:?}"
    );
    let saved = submit(
        &fake,
        "rc:teach:new",
        [
            &filled[0].1,
            "Ask in #it-help. Someone from IT adds you the same day.",
            &filled[2].1,
        ],
        EDITOR,
        MANAGE_GUILD,
    )
    .await;
    assert!(content(&saved).contains("Saved"), "{saved}");
    let again = run(&fake, "gaps", json!([]), EDITOR, MANAGE_GUILD).await;
    assert!(
        !embed_text(&again).contains("jira"),
        "the topic left the report: {again}"
    );
    let answered = ask_in(&fake, "how can I get jira access?", GUILD_ID).await;
    assert!(embed_text(&answered).contains("#it-help"), "{answered}");
}

#[tokio::test]
async fn team_set_names_the_member_in_who_is_our_po_without_a_ping() {
    let db = scratch_database();
    let (fake, _bot) = start(&db).await;
    let options = json!([{ "type": 1, "name": "set", "options": [
        { "type": 3, "name": "role", "value": "po" },
        { "type": 6, "name": "member", "value": NEW_PO.to_string() }
    ]}]);
    let refused = run(&fake, "team", options.clone(), MEMBER_ID, MEMBER).await;
    assert!(content(&refused).contains("editors"), "{refused}");
    let set = run(&fake, "team", options, EDITOR, MANAGE_GUILD).await;
    assert!(content(&set).contains(&format!("<@{NEW_PO}>")), "{set}");
    let who = ask_in(&fake, "who is our PO?", GUILD_ID).await;
    assert!(embed_text(&who).contains(&format!("<@{NEW_PO}>")), "{who}");
    assert_eq!(who["data"]["allowed_mentions"]["parse"], json!([]), "{who}");
    let show = run(
        &fake,
        "team",
        json!([{ "type": 1, "name": "show", "options": [] }]),
        MEMBER_ID,
        MEMBER,
    )
    .await;
    assert!(
        embed_text(&show).contains(&format!("<@{NEW_PO}>")),
        "{show}"
    );
    let elsewhere = ask_in(&fake, "who is our PO?", OTHER_GUILD).await;
    assert!(
        !embed_text(&elsewhere).contains(&NEW_PO.to_string()),
        "{elsewhere}"
    );
}

#[tokio::test]
async fn with_postgres_a_change_through_one_process_is_answered_by_another_within_a_second() {
    let Some(db) = crate::postgres::fresh_database("e2e_teach").await else {
        return;
    };
    let k = knowledge();
    let env = [
        ("ROLECALL_KNOWLEDGE", k.as_str()),
        ("ROLECALL_DATABASE_URL", db.as_str()),
    ];
    let ((first, one), (second, two)) = two_processes(&env).await;
    // The second process has built the server's knowledge (without the FAQ) before.
    let before = ask_in(&second, ASKED, GUILD_ID).await;
    assert_ne!(before["data"]["embeds"][0]["title"], QUESTION);

    let saved = teach_staging(&first).await;
    assert!(content(&saved).contains("Saved"), "{saved}");
    let since = Instant::now();
    loop {
        let answer = ask_in(&second, ASKED, GUILD_ID).await;
        if answer["data"]["embeds"][0]["title"] == QUESTION {
            break;
        }
        assert!(
            since.elapsed() < Duration::from_secs(1),
            "the other process still doesn't answer it a second later: {answer}\n{}",
            two.log()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    drop(one);
}

#[tokio::test]
async fn edit_then_remove_keep_history_and_a_removed_server_is_forgotten_later() {
    let db = scratch_database();
    let (fake, _bot) = start(&db).await;
    teach_staging(&fake).await;

    // Autocomplete offers the server's own FAQ by its question.
    let (mut ac, id) = interaction(&fake, "interaction_autocomplete_faq.json");
    ac["data"] = json!({ "id": "771825006014889999", "type": 1, "name": "teach", "options": [
        { "type": 1, "name": "edit", "options": [
            { "type": 3, "name": "topic", "value": "stag", "focused": true }
        ]}
    ]});
    fake.dispatch("INTERACTION_CREATE", ac).await;
    let choices = callback(&fake, &id).await;
    assert_eq!(choices["data"]["choices"][0]["name"], QUESTION, "{choices}");
    let faq = choices["data"]["choices"][0]["value"]
        .as_str()
        .unwrap()
        .to_string();

    // Edit: the modal comes filled in; the new answer is live at once.
    let modal = teach(&fake, "edit", Some(&faq), EDITOR, MANAGE_GUILD).await;
    assert_eq!(modal["type"], 9, "{modal}");
    let filled = inputs(&modal);
    assert_eq!(filled[0].1, QUESTION);
    assert!(filled[1].1.starts_with("**File a ticket"), "{filled:?}");
    let custom_id = modal["data"]["custom_id"].as_str().unwrap().to_string();
    let changed = submit(
        &fake,
        &custom_id,
        [
            QUESTION,
            "Ask in #platform-help. Access arrives within the hour.",
            &filled[2].1,
        ],
        EDITOR,
        MANAGE_GUILD,
    )
    .await;
    assert!(content(&changed).contains("Changed"), "{changed}");
    let answer = ask_in(&fake, ASKED, GUILD_ID).await;
    assert!(embed_text(&answer).contains("#platform-help"), "{answer}");

    // Remove asks first; Keep it keeps it; Remove removes it.
    let asked = teach(&fake, "remove", Some(&faq), EDITOR, MANAGE_GUILD).await;
    assert!(content(&asked).contains("Remove"), "{asked}");
    let kept = crate::fake_discord::talk::click(&fake, &asked, "Keep it", EDITOR).await;
    assert!(content(&kept).contains("Kept"), "{kept}");
    let asked = teach(&fake, "remove", Some(&faq), EDITOR, MANAGE_GUILD).await;
    let remove = crate::fake_discord::talk::button_id(&asked, "Remove");
    let (mut v, id) = use_component(&fake, &asked, &remove, &[], EDITOR);
    v["member"]["permissions"] = json!(MANAGE_GUILD.to_string());
    fake.dispatch("INTERACTION_CREATE", v).await;
    let removed = callback(&fake, &id).await;
    assert!(content(&removed).contains("Removed"), "{removed}");
    let gone = ask_in(&fake, ASKED, GUILD_ID).await;
    assert_ne!(gone["data"]["embeds"][0]["title"], QUESTION, "{gone}");
    let history = teach(&fake, "history", Some(&faq), EDITOR, MANAGE_GUILD).await;
    let text = embed_text(&history);
    let order: Vec<usize> = ["removed by", "edited by", "created by"]
        .iter()
        .map(|w| text.find(w).unwrap_or_else(|| panic!("{w} in {text}")))
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "newest first: {text}"
    );

    // Removed from the server: noted, and forgotten once older than the retention.
    teach_staging(&fake).await;
    fake.dispatch(
        "GUILD_DELETE",
        json!({ "id": GUILD_ID.to_string(), "unavailable": false }),
    )
    .await;
    let store = Store::open(&db).await.unwrap();
    let mut forgotten = 0;
    for _ in 0..100 {
        forgotten = store.purge_departed(i64::MAX).await.unwrap();
        if forgotten > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(forgotten, 1, "the server was noted as left");
    assert!(store.overlay(GUILD_ID).await.unwrap().is_empty());
    store.close().await;
}
