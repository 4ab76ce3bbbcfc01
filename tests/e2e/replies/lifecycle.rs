//! Resuming, signals, a missing token, repeats, reloads, declines and long questions.

use super::*;

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
    let note = crate::fake_discord::talk::content(&body);
    // One line linking to the first answer (the message its callback created).
    assert!(!note.contains('\n'), "{note}");
    let link = note
        .split_whitespace()
        .find(|w| w.starts_with("https://discord.com/channels/"))
        .unwrap_or_else(|| panic!("a jump link in {note:?}"));
    assert_eq!(link.split('/').count(), 7, "guild/channel/message: {link}");
    assert!(
        body["data"]["embeds"].as_array().is_none_or(Vec::is_empty),
        "no copy: {body}"
    );
    assert!(
        buttons(&body["data"]).is_empty(),
        "no vote buttons on a note: {body}"
    );
    assert_no_mentions(&body["data"]);
}

#[tokio::test]
async fn a_burst_of_menu_picks_and_clicks_all_answer() {
    // No cooldown: the test knowledge has fewer than ten entries to browse, and a repeat
    // in the channel would get a pointer instead (tested above).
    let (fake, _bot) = start(&[("ROLECALL_COOLDOWN_SECS", "0")]).await;
    let (payload, id) = ask(&fake, "what does the product owner do?");
    fake.dispatch("INTERACTION_CREATE", payload).await;
    let answer = callback(&fake, &id).await;
    let user = ASKER;
    let pick = menu(&answer["data"])["custom_id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let related: Vec<String> = buttons(&answer["data"])
        .iter()
        .map(|b| b["custom_id"].as_str().unwrap_or_default().to_string())
        .filter(|c| c.starts_with("rc:ans:"))
        .collect();
    assert!(!related.is_empty(), "related buttons: {answer}");
    let aspects: Vec<String> = menu(&answer["data"])["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["value"].as_str().unwrap_or_default().to_string())
        .collect();
    // Five picks and five clicks by one user, well within a minute: twice the question
    // budget (5 a minute), all answered.
    for i in 0..10 {
        let (payload, id) = if i % 2 == 0 {
            let value = &aspects[i / 2 % aspects.len()];
            use_component(&fake, &answer, &pick, &[value], user)
        } else {
            use_component(&fake, &answer, &related[i / 2 % related.len()], &[], user)
        };
        fake.dispatch("INTERACTION_CREATE", payload).await;
        let body = callback(&fake, &id).await;
        assert!(
            body["data"]["embeds"][0]["title"].is_string(),
            "click {i} answers: {body}"
        );
    }
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

/// Runs the bot against `fake` with `env` until it fails to start: its error line (what
/// `rolecall` printed last) and its whole log.
async fn failed_start(fake: &Fake, env: &[(&str, &str)]) -> (String, String) {
    let mut bot = Bot::start(fake, env);
    let exit = bot.wait_exit().await;
    assert_eq!(exit.code(), Some(1), "{}", bot.log());
    // The log is read from the bot's stderr as it comes: wait for its last line.
    let error_line = |log: &str| {
        log.lines()
            .find(|l| l.starts_with("rolecall: "))
            .map(str::to_string)
    };
    wait_log_until(&bot, "the error line", |log| error_line(log).is_some()).await;
    let log = bot.log();
    let said = error_line(&log).unwrap_or_default();
    assert!(
        !log.contains("could not purge"),
        "no bogus warning on the way out: {log}"
    );
    assert!(!log.contains(TOKEN), "{log}");
    (said, log)
}

#[tokio::test]
async fn a_wrong_token_at_the_http_api_says_to_copy_it_again() {
    let fake = Fake::start().await;
    fake.refuse_token();
    let (said, log) = failed_start(&fake, &[]).await;
    assert!(said.contains("Discord refused the bot token"), "{log}");
    assert!(said.contains("developer portal"), "{log}");
    assert!(
        !said.contains("401"),
        "said in words, not as a status: {log}"
    );
}

#[tokio::test]
async fn without_a_network_it_says_discord_is_out_of_reach_and_why() {
    // Port 1 (tcpmux, privileged and unused): the connection is refused, as with no
    // network. A freed ephemeral port could be taken by another test's fake meanwhile.
    let fake = Fake::start().await;
    let (said, log) = failed_start(&fake, &[("DISCORD_API_BASE", "http://127.0.0.1:1")]).await;
    assert!(said.contains("Discord could not be reached ("), "{log}");
    assert!(
        said.to_lowercase().contains("connection refused"),
        "names the cause: {log}"
    );
    assert!(said.contains("network connection"), "{log}");
}
