//! Knowledge warnings in the log, aspect menus and example buttons.

use super::*;

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
