//! End to end: the real `rolecall` binary against a fake Discord on 127.0.0.1.
//!
//! Each test starts its own fake and bot, so they run in parallel; every wait is bounded
//! and the bot's stderr is printed when a test fails.

use crate::fake_discord::talk::{
    ask, assert_no_mentions, buttons, callback, ephemeral, hangup, interaction, signal,
    use_component, wait_log, wait_log_until,
};
use crate::fake_discord::{fixture, Bot, Fake, APP_ID, GUILD_ID, TOKEN};
use serde_json::{json, Value};
use std::time::Duration;

/// The channel plain questions are answered in.
const CHANNEL: u64 = 290926798999357250;
/// The user asking.
const ASKER: u64 = 53908232506183680;

/// GUILD_MESSAGES | DIRECT_MESSAGES | MESSAGE_CONTENT.
const INTENTS: u64 = (1 << 9) | (1 << 12) | (1 << 15);

async fn start(env: &[(&str, &str)]) -> (Fake, Bot) {
    let fake = Fake::start().await;
    let channel = CHANNEL.to_string();
    let mut all = vec![("ROLECALL_CHANNELS", channel.as_str())];
    all.extend_from_slice(env);
    let bot = Bot::start(&fake, &all);
    fake.wait_connected().await;
    (fake, bot)
}

/// A MESSAGE_CREATE payload from `author` in the watched channel.
fn message(fake: &Fake, content: &str, author: u64, bot: bool) -> Value {
    let mut m = fixture("message_create.json");
    m["id"] = json!(fake.new_id().to_string());
    m["content"] = json!(content);
    m["channel_id"] = json!(CHANNEL.to_string());
    m["author"]["id"] = json!(author.to_string());
    if bot {
        m["author"]["bot"] = json!(true);
    }
    m
}

/// The messages sent in reply to the message `id`.
fn replies_to<'a>(
    sent: &'a [crate::fake_discord::Request],
    id: &Value,
) -> Vec<&'a crate::fake_discord::Request> {
    sent.iter()
        .filter(|r| r.body["message_reference"]["message_id"] == *id)
        .collect()
}

/// The string select of a message's data: alone in the first action row.
fn menu(data: &Value) -> Value {
    let first = &data["components"][0];
    assert_eq!(
        first["components"].as_array().map(Vec::len),
        Some(1),
        "{data}"
    );
    let select = first["components"][0].clone();
    assert_eq!(select["type"], 3, "a string select first: {data}");
    select
}

#[tokio::test]
async fn registers_commands_at_ready_and_never_logs_the_token() {
    let guild = GUILD_ID.to_string();
    let (fake, bot) = start(&[("ROLECALL_GUILD_ID", &guild), ("RUST_LOG", "trace")]).await;
    let path = format!("/applications/{APP_ID}/guilds/{GUILD_ID}/commands");
    fake.wait_for("guild command registration", |f| {
        !f.requests_to("PUT", &path).is_empty()
    })
    .await;
    let put = &fake.requests_to("PUT", &path)[0];
    let mut names: Vec<&str> = put
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "ask",
            "compare",
            "faq",
            "forget-me",
            "gaps",
            "help",
            "onboard",
            "onboarding",
            "reload",
            "role"
        ]
    );
    assert_eq!(put.auth.as_deref(), Some(format!("Bot {TOKEN}").as_str()));
    let identify = &fake.identifies()[0];
    assert_eq!(identify["intents"].as_u64(), Some(INTENTS));
    tokio::time::sleep(Duration::from_millis(100)).await;
    let log = bot.log();
    assert!(log.contains("registered slash commands"), "{log}");
    assert!(!log.contains(TOKEN), "the token appeared in the log");
}

#[tokio::test]
async fn answers_each_slash_command() {
    let (fake, _bot) = start(&[]).await;
    let cases = [
        ("interaction_ask.json", false, "Who owns the backlog?"),
        (
            "interaction_faq_private.json",
            true,
            "Minimum Viable Product (MVP)",
        ),
        (
            "interaction_role.json",
            false,
            "Product Owner: What they own",
        ),
        (
            "interaction_compare.json",
            false,
            "Product Manager vs Product Owner: Salary",
        ),
        (
            "interaction_help.json",
            true,
            "What I can answer: Test team roles",
        ),
    ];
    let mut ids = Vec::new();
    for (name, _, _) in &cases {
        let (payload, id) = interaction(&fake, name);
        fake.dispatch("INTERACTION_CREATE", payload).await;
        ids.push(id);
    }
    for ((name, private, title), id) in cases.iter().zip(&ids) {
        let body = callback(&fake, id).await;
        assert_eq!(body["type"], 4, "{name}");
        assert_no_mentions(&body["data"]);
        assert_eq!(ephemeral(&body), *private, "{name}");
        assert_eq!(body["data"]["embeds"][0]["title"], *title, "{name}");
    }
}

#[tokio::test]
async fn answers_autocomplete_and_a_button_click() {
    let (fake, _bot) = start(&[]).await;
    let (payload, id) = interaction(&fake, "interaction_autocomplete_faq.json");
    fake.dispatch("INTERACTION_CREATE", payload).await;
    let body = callback(&fake, &id).await;
    assert_eq!(body["type"], 8, "APPLICATION_COMMAND_AUTOCOMPLETE_RESULT");
    let choices = body["data"]["choices"].as_array().expect("choices");
    assert!(!choices.is_empty() && choices.len() <= 25);
    assert_eq!(choices[0]["value"], "who-owns-backlog");
    assert!(choices
        .iter()
        .all(|c| c["name"].as_str().unwrap().chars().count() <= 100));

    let (payload, id) = interaction(&fake, "interaction_button.json");
    fake.dispatch("INTERACTION_CREATE", payload).await;
    let body = callback(&fake, &id).await;
    assert_eq!(body["type"], 4);
    assert_no_mentions(&body["data"]);
    assert!(!ephemeral(&body), "the asker clicked");
    assert_eq!(
        body["data"]["embeds"][0]["title"],
        "Product Owner: What they own"
    );
}

#[tokio::test]
async fn answers_a_channel_question_with_a_reply_and_ignores_bots() {
    let (fake, bot) = start(&[]).await;
    fake.dispatch(
        "MESSAGE_CREATE",
        message(&fake, "who owns the backlog?", 4242, true),
    )
    .await;
    let question = message(&fake, "what does a po own?", ASKER, false);
    let question_id = question["id"].clone();
    fake.dispatch("MESSAGE_CREATE", question).await;
    fake.wait_for("the answer", |f| !f.messages().is_empty())
        .await;
    // Leave time for anything else (the bot's question, the echo of the answer) to be handled.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sent = fake.messages();
    assert_eq!(
        sent.len(),
        1,
        "only the person's question is answered: {sent:#?}"
    );
    let body = &sent[0].body;
    assert!(sent[0].path.contains(&CHANNEL.to_string()));
    assert_eq!(body["message_reference"]["message_id"], question_id);
    assert_eq!(body["embeds"][0]["title"], "Product Owner: What they own");
    assert_no_mentions(body);
    assert_eq!(body["allowed_mentions"]["replied_user"], false);
    let log = bot.log();
    let answered = log
        .lines()
        .find(|l| l.contains("answered"))
        .unwrap_or_default();
    assert!(
        answered.contains("entry=\"po.owns\"") && answered.contains("confidence="),
        "{log}"
    );
}

#[tokio::test]
async fn a_question_with_everyone_is_answered_without_any_mention() {
    let (fake, _bot) = start(&[]).await;
    let mut m = message(
        &fake,
        "@everyone <@&539082325061836999> who owns the backlog?",
        ASKER,
        false,
    );
    m["mention_everyone"] = json!(true);
    m["mention_roles"] = json!(["539082325061836999"]);
    fake.dispatch("MESSAGE_CREATE", m).await;
    fake.wait_for("the answer", |f| !f.messages().is_empty())
        .await;
    let body = &fake.messages()[0].body;
    assert_no_mentions(body);
    assert_eq!(body["embeds"][0]["title"], "Who owns the backlog?");
    let content = body["content"].as_str().unwrap_or_default();
    assert!(!content.contains("@everyone"));
}

#[tokio::test]
async fn a_burst_of_50_identical_questions_is_answered_once() {
    let (fake, _bot) = start(&[("ROLECALL_USER_RATE", "off")]).await;
    let mut burst_ids = Vec::new();
    for i in 0..50 {
        let m = message(&fake, "who owns the backlog?", ASKER + i % 5, false);
        burst_ids.push(m["id"].clone());
        fake.dispatch("MESSAGE_CREATE", m).await;
    }
    // A different question afterwards shows the bot is still answering.
    fake.dispatch("MESSAGE_CREATE", message(&fake, "pm vs po?", ASKER, false))
        .await;
    fake.wait_for("two answers", |f| f.messages().len() >= 2)
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let sent = fake.messages();
    let burst_answers = sent
        .iter()
        .filter(|r| burst_ids.contains(&r.body["message_reference"]["message_id"]))
        .count();
    assert_eq!(burst_answers, 1, "{sent:#?}");
    assert_eq!(sent.len(), 2);
}

#[tokio::test]
async fn resumes_after_gateway_close_4000_and_still_answers() {
    let (fake, bot) = start(&[]).await;
    fake.close_gateway(4000).await;
    fake.wait_for("a RESUME", |f| !f.resumes().is_empty()).await;
    let resume = &fake.resumes()[0];
    assert_eq!(resume["session_id"], "fake-session");
    assert!(resume["token"].as_str().unwrap_or_default().contains(TOKEN));
    let (payload, id) = interaction(&fake, "interaction_ask.json");
    fake.dispatch("INTERACTION_CREATE", payload).await;
    let body = callback(&fake, &id).await;
    assert_eq!(body["data"]["embeds"][0]["title"], "Who owns the backlog?");
    assert_eq!(fake.identifies().len(), 1, "resumed, not re-identified");
    assert!(!bot.log().contains(TOKEN));
}

#[tokio::test]
async fn sigterm_exits_cleanly() {
    let (fake, mut bot) = start(&[]).await;
    fake.wait_for("global command registration", |f| {
        !f.requests_to("PUT", &format!("/applications/{APP_ID}/commands"))
            .is_empty()
    })
    .await;
    signal(&bot, "-TERM");
    let exit = bot.wait_exit().await;
    assert_eq!(exit.code(), Some(0), "{}", bot.log());
    assert!(bot.log().contains("shutdown requested"));
}

#[tokio::test]
async fn without_a_token_it_explains_and_fails() {
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .arg("run")
        .current_dir(std::env::temp_dir())
        .env_clear()
        .output()
        .await
        .expect("run rolecall");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("DISCORD_TOKEN is not set"), "{err}");
    assert!(
        err.contains("Discord set-up") && err.contains("rolecall ask"),
        "{err}"
    );
}

#[tokio::test]
async fn a_repeated_slash_question_gets_a_private_answered_above_note() {
    let (fake, _bot) = start(&[]).await;
    let (first, first_id) = interaction(&fake, "interaction_ask.json");
    fake.dispatch("INTERACTION_CREATE", first).await;
    let body = callback(&fake, &first_id).await;
    assert!(!ephemeral(&body), "first answer is public");
    let (again, again_id) = interaction(&fake, "interaction_ask.json");
    fake.dispatch("INTERACTION_CREATE", again).await;
    let body = callback(&fake, &again_id).await;
    assert!(ephemeral(&body), "the repeat is private");
    assert!(body["data"]["content"]
        .as_str()
        .unwrap_or_default()
        .contains("just above"));
    assert_no_mentions(&body["data"]);
}

#[tokio::test]
async fn sighup_reloads_knowledge_and_a_bad_edit_keeps_the_last_good() {
    let dir = std::env::temp_dir().join(format!("rolecall-reload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let team = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/knowledge/team.toml"
    );
    std::fs::copy(team, dir.join("team.toml")).unwrap();
    let path = dir.display().to_string();
    let (fake, bot) = start(&[("ROLECALL_KNOWLEDGE", &path)]).await;

    // A broken edit: the reload is refused and the old knowledge keeps answering.
    std::fs::write(
        dir.join("broken.toml"),
        "[[faq]]\nid = \"x\"\nquestion = \"unterminated\n",
    )
    .unwrap();
    hangup(&bot);
    wait_log(&bot, "knowledge reload failed").await;
    assert!(bot.log().contains("broken.toml:3"), "{}", bot.log());
    fake.dispatch(
        "MESSAGE_CREATE",
        message(&fake, "what does a po own?", ASKER, false),
    )
    .await;
    fake.wait_for("an answer from the last good knowledge", |f| {
        f.messages().len() == 1
    })
    .await;

    // A good edit: the new FAQ is answered after the reload.
    std::fs::remove_file(dir.join("broken.toml")).unwrap();
    std::fs::write(
        dir.join("blockers.toml"),
        "[[faq]]\nid = \"blockers\"\nquestion = \"Who clears blockers for the team?\"\n\
         phrasings = [\"who removes impediments\"]\nanswer = \"Whoever your team agrees on.\"\n",
    )
    .unwrap();
    hangup(&bot);
    wait_log(&bot, "knowledge reloaded").await;
    fake.dispatch(
        "MESSAGE_CREATE",
        message(&fake, "who clears blockers for the team?", ASKER, false),
    )
    .await;
    fake.wait_for("an answer from the new knowledge", |f| {
        f.messages().len() == 2
    })
    .await;
    let sent = fake.messages();
    assert_eq!(
        sent[1].body["embeds"][0]["title"],
        "Who clears blockers for the team?"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An `/ask` interaction for `question`, with a fresh id and token.

#[tokio::test]
async fn ask_help_declines_an_unknown_role_and_claims_in_channels_stay_silent() {
    let (fake, _bot) = start(&[("ROLECALL_MESSAGE_CONTENT", "true")]).await;
    let intents = fake.identifies()[0]["intents"].as_u64().unwrap_or(0);
    assert_ne!(intents & (1 << 15), 0, "Message Content intent requested");

    // `/ask help`: the help embed, listing the roles.
    let (payload, id) = ask(&fake, "help");
    fake.dispatch("INTERACTION_CREATE", payload).await;
    let body = callback(&fake, &id).await;
    assert_eq!(body["type"], 4);
    assert_no_mentions(&body["data"]);
    let embed = &body["data"]["embeds"][0];
    assert_eq!(
        embed["title"], "What I can answer: Test team roles",
        "{body}"
    );
    let roles = embed["fields"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["name"] == "Roles I know"))
        .unwrap_or_else(|| panic!("a field listing the roles: {body}"));
    let roles = roles["value"].as_str().unwrap_or_default();
    assert!(
        roles.contains("Product Manager") && roles.contains("Product Owner"),
        "{roles}"
    );

    // A role the knowledge lacks: a private decline that names it.
    let (payload, id) = ask(&fake, "UX designer vs PM");
    fake.dispatch("INTERACTION_CREATE", payload).await;
    let body = callback(&fake, &id).await;
    assert_eq!(body["type"], 4);
    assert!(ephemeral(&body), "the decline is private: {body}");
    assert_no_mentions(&body["data"]);
    assert!(
        body["data"]["embeds"][0]["description"]
            .as_str()
            .unwrap_or_default()
            .contains("ux designer"),
        "{body}"
    );
    let offered = buttons(&body["data"]);
    assert!(
        !offered.is_empty() && offered.iter().all(|b| b["style"] == 2),
        "example questions to try: {body}"
    );

    // A claim typed in a watched channel is conversation: no reply. A question after it
    // and the same claim addressed to the bot are answered; once both answers are in, the
    // claim (dispatched first) has had its turn.
    let claim = "PMs earn way more than POs";
    let silent = message(&fake, claim, ASKER, false);
    let silent_id = silent["id"].clone();
    fake.dispatch("MESSAGE_CREATE", silent).await;
    let question = message(&fake, "who owns the backlog?", ASKER + 1, false);
    let question_id = question["id"].clone();
    fake.dispatch("MESSAGE_CREATE", question).await;
    let mut mention = message(&fake, &format!("<@{APP_ID}> {claim}"), ASKER + 2, false);
    mention["mentions"] = json!([{"id": APP_ID.to_string(), "username": "rolecall",
        "discriminator": "0", "avatar": null, "bot": true}]);
    let mention_id = mention["id"].clone();
    fake.dispatch("MESSAGE_CREATE", mention).await;
    fake.wait_for("the answers to the question and the mention", |f| {
        f.messages().len() >= 2
    })
    .await;
    let sent = fake.messages();
    let replying_to = |id: &Value| replies_to(&sent, id);
    assert!(replying_to(&silent_id).is_empty(), "{sent:#?}");
    assert_eq!(replying_to(&question_id).len(), 1, "{sent:#?}");
    let answer = replying_to(&mention_id);
    assert_eq!(answer.len(), 1, "{sent:#?}");
    let body = &answer[0].body;
    assert_no_mentions(body);
    assert!(
        body["embeds"][0]["description"]
            .as_str()
            .unwrap_or_default()
            .starts_with("According to the source"),
        "{body}"
    );
    assert_eq!(sent.len(), 2, "{sent:#?}");
}

/// A question of `len` characters that reads as one: "who owns the backlog? really really …".
fn long_question(prefix: &str, len: usize) -> String {
    let mut q = format!("{prefix}who owns the backlog?");
    while q.chars().count() < len {
        q.push_str(" really");
    }
    q
}

#[tokio::test]
async fn an_over_long_mention_or_dm_gets_the_too_long_notice_and_long_chatter_stays_silent() {
    let (fake, _bot) = start(&[]).await;
    let expect_notice = |body: &Value| {
        assert_no_mentions(body);
        assert_eq!(body["allowed_mentions"]["replied_user"], false);
        let embed = &body["embeds"][0];
        assert_eq!(embed["title"], "That question is too long", "{body}");
        let text = embed["description"].as_str().unwrap_or_default();
        assert!(text.contains("under 600 characters"), "{body}");
    };

    // Plain chatter over the limit in the watched channel: not addressed to the bot.
    let chatter = message(&fake, &long_question("", 700), ASKER, false);
    let chatter_id = chatter["id"].clone();
    fake.dispatch("MESSAGE_CREATE", chatter).await;

    let mut mention = message(
        &fake,
        &long_question(&format!("<@{APP_ID}> "), 700),
        ASKER,
        false,
    );
    mention["mentions"] = json!([{"id": APP_ID.to_string(), "username": "rolecall",
        "discriminator": "0", "avatar": null, "bot": true}]);
    let mention_id = mention["id"].clone();
    fake.dispatch("MESSAGE_CREATE", mention).await;

    let mut dm = message(&fake, &long_question("", 700), ASKER + 1, false);
    let dm_channel = fake.new_id().to_string();
    dm["channel_id"] = json!(dm_channel);
    dm.as_object_mut().unwrap().remove("guild_id");
    let dm_id = dm["id"].clone();
    fake.dispatch("MESSAGE_CREATE", dm).await;

    // Once the notices are in and a later question is answered, the chatter (dispatched
    // first) has had its turn.
    let question = message(&fake, "who owns the backlog?", ASKER + 2, false);
    let question_id = question["id"].clone();
    fake.wait_for("the two notices", |f| f.messages().len() >= 2)
        .await;
    fake.dispatch("MESSAGE_CREATE", question).await;
    fake.wait_for("the answer to the later question", |f| {
        f.messages().len() >= 3
    })
    .await;
    let sent = fake.messages();
    let replying_to = |id: &Value| replies_to(&sent, id);
    assert!(replying_to(&chatter_id).is_empty(), "{sent:#?}");
    let to_mention = replying_to(&mention_id);
    assert_eq!(to_mention.len(), 1, "{sent:#?}");
    expect_notice(&to_mention[0].body);
    let to_dm = replying_to(&dm_id);
    assert_eq!(to_dm.len(), 1, "{sent:#?}");
    assert!(to_dm[0].path.contains(&dm_channel), "answered in the DM");
    expect_notice(&to_dm[0].body);
    assert_eq!(replying_to(&question_id).len(), 1, "{sent:#?}");
    assert_eq!(sent.len(), 3, "{sent:#?}");
}

/// A knowledge file with `n` aspects that have no words (one warning each).
fn wordless_aspects(n: usize) -> String {
    (0..n)
        .map(|i| format!("[[aspect]]\nid = \"quiet{i}\"\nname = \"Quiet {i}\"\nwords = []\n\n"))
        .collect()
}

#[tokio::test]
async fn knowledge_warnings_are_logged_at_start_and_at_reload() {
    let dir = std::env::temp_dir().join(format!("rolecall-warnings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let team = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/knowledge/team.toml"
    );
    std::fs::copy(team, dir.join("team.toml")).unwrap();
    std::fs::write(dir.join("quiet.toml"), wordless_aspects(23)).unwrap();
    let path = dir.display().to_string();
    let (_fake, bot) = start(&[("ROLECALL_KNOWLEDGE", &path)]).await;
    let warnings = |log: &str| {
        log.lines()
            .filter(|l| l.contains(" WARN ") && l.contains(": warning: has no words"))
            .count()
    };

    wait_log(&bot, "starting the Discord bot").await;
    let log = bot.log();
    let start = log
        .lines()
        .find(|l| l.contains("starting the Discord bot"))
        .unwrap_or_default();
    assert!(start.contains("warnings=23"), "{log}");
    assert_eq!(warnings(&log), 20, "capped at 20 lines: {log}");
    assert!(
        log.contains("quiet.toml:2: aspect `quiet0`: warning: has no words"),
        "{log}"
    );
    // The hint is spelled the way the bot was started (`cargo run -- check …` here).
    assert!(
        log.lines().any(|l| l.contains("… and 3 more; run `")
            && l.contains(&format!(" check {path}` to see them all"))),
        "{log}"
    );

    std::fs::write(dir.join("quiet.toml"), wordless_aspects(2)).unwrap();
    hangup(&bot);
    wait_log(&bot, "knowledge reloaded").await;
    // The warnings are logged just after the summary line.
    wait_log_until(&bot, "the reload's warnings", |log| warnings(log) >= 22).await;
    let log = bot.log();
    let reloaded = log
        .lines()
        .find(|l| l.contains("knowledge reloaded"))
        .unwrap_or_default();
    assert!(reloaded.contains("warnings=2"), "{log}");
    assert_eq!(warnings(&log), 22, "two more lines after the reload: {log}");
    assert_eq!(log.matches(" more; run `").count(), 1, "{log}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn role_and_compare_replies_carry_an_aspect_menu_whose_picks_are_answered() {
    let (fake, _bot) = start(&[]).await;

    // `/role po owns`: the fact, with the Product Owner's other facts in a menu.
    let (payload, id) = interaction(&fake, "interaction_role.json");
    fake.dispatch("INTERACTION_CREATE", payload).await;
    let role = callback(&fake, &id).await;
    assert_eq!(
        role["data"]["embeds"][0]["title"],
        "Product Owner: What they own"
    );
    let select = menu(&role["data"]);
    assert_eq!(select["custom_id"], format!("rc:pick:{ASKER}"));
    let options = select["options"].as_array().cloned().unwrap_or_default();
    assert!((1..=25).contains(&options.len()), "{select}");
    assert!(
        options.iter().any(|o| o["value"] == "po.salary"),
        "{select}"
    );
    assert!(
        !buttons(&role["data"]).is_empty(),
        "related buttons in the second row"
    );

    // `/compare pm po` (no aspect): the comparison, with its aspects in a menu.
    let (mut payload, compare_id) = interaction(&fake, "interaction_compare.json");
    payload["data"]["options"]
        .as_array_mut()
        .unwrap()
        .retain(|o| o["name"] != "aspect");
    fake.dispatch("INTERACTION_CREATE", payload).await;
    let compare = callback(&fake, &compare_id).await;
    assert_eq!(
        compare["data"]["embeds"][0]["title"],
        "Product Manager vs Product Owner"
    );
    let select = menu(&compare["data"]);
    assert_eq!(select["placeholder"], "Compare them on…");
    assert!(
        select["options"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["value"] == "pm+po.salary"),
        "{select}"
    );

    // The asker picks Salary under each public reply: answered publicly.
    let pick = format!("rc:pick:{ASKER}");
    let (payload, id) = use_component(&fake, &role, &pick, &["po.salary"], ASKER);
    fake.dispatch("INTERACTION_CREATE", payload).await;
    let fact = callback(&fake, &id).await;
    assert_eq!(fact["type"], 4);
    assert_no_mentions(&fact["data"]);
    assert!(!ephemeral(&fact), "the asker picked: {fact}");
    assert_eq!(fact["data"]["embeds"][0]["title"], "Product Owner: Salary");
    assert_eq!(
        menu(&fact["data"])["custom_id"],
        pick,
        "the fact has its own menu"
    );

    let (payload, id) = use_component(&fake, &compare, &pick, &["pm+po.salary"], ASKER);
    fake.dispatch("INTERACTION_CREATE", payload).await;
    let row = callback(&fake, &id).await;
    assert!(!ephemeral(&row), "{row}");
    assert_eq!(
        row["data"]["embeds"][0]["title"],
        "Product Manager vs Product Owner: Salary"
    );

    // Someone else picking, or a pick under a private reply, is answered privately.
    let (payload, id) = use_component(&fake, &compare, &pick, &["pm+po.skills"], ASKER + 1);
    fake.dispatch("INTERACTION_CREATE", payload).await;
    let theirs = callback(&fake, &id).await;
    assert!(ephemeral(&theirs), "someone else picked: {theirs}");
    assert_eq!(
        theirs["data"]["embeds"][0]["title"],
        "Product Manager vs Product Owner: Skills"
    );
    assert_eq!(
        menu(&theirs["data"])["custom_id"],
        format!("rc:pick:{}", ASKER + 1)
    );
    let (payload, id) = use_component(
        &fake,
        &theirs,
        &format!("rc:pick:{}", ASKER + 1),
        &["pm+po.owns"],
        ASKER + 1,
    );
    fake.dispatch("INTERACTION_CREATE", payload).await;
    let under_private = callback(&fake, &id).await;
    assert!(
        ephemeral(&under_private),
        "under an ephemeral message: {under_private}"
    );

    // A value the knowledge no longer has: the polite note, never an error.
    let (payload, id) = use_component(&fake, &role, &pick, &["po.gone"], ASKER);
    fake.dispatch("INTERACTION_CREATE", payload).await;
    let stale = callback(&fake, &id).await;
    assert!(ephemeral(&stale));
    assert!(
        stale["data"]["content"]
            .as_str()
            .unwrap_or_default()
            .contains("no longer know"),
        "{stale}"
    );
}

#[tokio::test]
async fn a_decline_offers_example_buttons_and_did_you_mean_ends_with_none_of_these() {
    let (fake, _bot) = start(&[]).await;

    // Off-topic: a private decline offering example questions as grey buttons.
    let (payload, id) = ask(&fake, "what's the weather like tomorrow?");
    fake.dispatch("INTERACTION_CREATE", payload).await;
    let decline = callback(&fake, &id).await;
    assert!(ephemeral(&decline), "{decline}");
    assert_no_mentions(&decline["data"]);
    let examples = buttons(&decline["data"]);
    assert!((1..=3).contains(&examples.len()), "{decline}");
    assert!(examples.iter().all(|b| b["style"] == 2), "{decline}");
    assert!(examples.iter().all(|b| b["custom_id"]
        .as_str()
        .unwrap_or_default()
        .starts_with(&format!("rc:ans:{ASKER}:"))));

    // Unsure: primary suggestion buttons, then a grey "None of these"; no numbered list.
    let (payload, id) = ask(&fake, "the backlog stuff");
    fake.dispatch("INTERACTION_CREATE", payload).await;
    let unsure = callback(&fake, &id).await;
    assert!(!ephemeral(&unsure), "{unsure}");
    assert_no_mentions(&unsure["data"]);
    let offered = buttons(&unsure["data"]);
    let (none, suggestions) = offered.split_last().expect("buttons");
    assert!((1..=3).contains(&suggestions.len()), "{unsure}");
    assert!(suggestions.iter().all(|b| b["style"] == 1), "{unsure}");
    assert_eq!(suggestions[0]["label"], "Who owns the backlog?");
    assert_eq!(none["label"], "None of these");
    assert_eq!(none["style"], 2);
    assert_eq!(none["custom_id"], format!("rc:none:{ASKER}"));
    let text = unsure["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap_or_default();
    assert!(!text.contains("1."), "{unsure}");

    // "None of these", by the asker or anyone else: a private way to ask again.
    for user in [ASKER, ASKER + 1] {
        let custom_id = none["custom_id"].as_str().unwrap();
        let (payload, id) = use_component(&fake, &unsure, custom_id, &[], user);
        fake.dispatch("INTERACTION_CREATE", payload).await;
        let body = callback(&fake, &id).await;
        assert_eq!(body["type"], 4);
        assert!(ephemeral(&body), "{body}");
        assert_no_mentions(&body["data"]);
        assert!(body["data"]["embeds"][0]["title"].is_string(), "{body}");
        assert!(
            !buttons(&body["data"]).is_empty(),
            "examples to try: {body}"
        );
    }

    // A suggestion is answered like any click.
    let custom_id = suggestions[0]["custom_id"].as_str().unwrap();
    let (payload, id) = use_component(&fake, &unsure, custom_id, &[], ASKER);
    fake.dispatch("INTERACTION_CREATE", payload).await;
    let body = callback(&fake, &id).await;
    assert!(!ephemeral(&body));
    assert_eq!(body["data"]["embeds"][0]["title"], "Who owns the backlog?");
}
