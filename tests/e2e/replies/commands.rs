//! Registration, slash commands, autocomplete, clicks and channel questions end to end.

use super::*;

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
            "role",
            "teach",
            "team"
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
