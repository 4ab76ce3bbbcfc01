//! Payload tests: Discord-documented JSON (tests/fixtures/discord) deserialised into
//! serenity's types, run through the handler's pure parts, and the response checked as
//! the JSON serenity would send.

use rolecall::discord::commands::{self, Command};
use rolecall::discord::messages::{self, Incoming, Listening, Trigger};
use rolecall::discord::response::{ComponentId, Response, NONE_LABEL};
use rolecall::discord::{buttons, limiter::Limiter};
use rolecall_core::knowledge::Language;
use rolecall_core::limits;
use rolecall_core::KnowledgeSource;
use rolecall_core::{reply, KnowledgeBase, MatchConfig};
use serde_json::{json, Value};
use serenity::all::{
    CommandInteraction, ComponentInteraction, ComponentInteractionDataKind, Interaction, Message,
    MessageFlags,
};
use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, Instant};

fn knowledge() -> KnowledgeBase {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/knowledge");
    KnowledgeSource::Path(dir)
        .load()
        .expect("fixture knowledge loads")
}

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/discord")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    serde_json::from_str(&text).expect("fixture is JSON")
}

fn interaction(name: &str) -> Interaction {
    serde_json::from_value(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn command(name: &str) -> CommandInteraction {
    match interaction(name) {
        Interaction::Command(c) => c,
        other => panic!("{name}: expected a command, got {:?}", other.kind()),
    }
}

fn autocomplete(name: &str) -> CommandInteraction {
    match interaction(name) {
        Interaction::Autocomplete(c) => c,
        other => panic!("{name}: expected an autocomplete, got {:?}", other.kind()),
    }
}

fn cfg() -> MatchConfig {
    MatchConfig::DEFAULT
}

/// Runs a command fixture and returns the response and its serialized interaction JSON.
fn run(name: &str) -> (Response, Value) {
    let k = knowledge();
    let c = command(name);
    let parsed = Command::parse(&c.data).expect("command parses");
    let r = parsed.run(&k, &cfg(), c.user.id.get(), c.channel_id.get());
    let v = serde_json::to_value(r.to_interaction()).expect("serializes");
    (r, v)
}

/// Checks everything every message the bot sends must satisfy.
fn check_message_data(data: &Value) {
    let am = &data["allowed_mentions"];
    assert_eq!(am["parse"], json!([]), "no mention kinds parsed: {data}");
    assert_eq!(am["users"], json!([]));
    assert_eq!(am["roles"], json!([]));
    if let Some(content) = data["content"].as_str() {
        assert!(content.chars().count() <= limits::CONTENT);
    }
    for e in data["embeds"].as_array().into_iter().flatten() {
        check_embed(e);
    }
    let mut ids = HashSet::new();
    let rows = data["components"].as_array().cloned().unwrap_or_default();
    assert!(rows.len() <= 2, "a menu row and a button row at most");
    for (n, row) in rows.iter().enumerate() {
        assert_eq!(row["type"], 1, "action row");
        let components = row["components"].as_array().expect("row has components");
        if components.iter().any(|c| c["type"] == 3) {
            assert_eq!(
                (n, components.len()),
                (0, 1),
                "the select is alone, in the first row"
            );
            check_select(&components[0]);
            let id = components[0]["custom_id"].as_str().expect("custom id");
            assert!(ids.insert(id.to_string()), "custom ids unique in a message");
            continue;
        }
        assert!((1..=5).contains(&components.len()));
        for b in components {
            assert_eq!(b["type"], 2, "button");
            assert!(
                matches!(b["style"].as_u64(), Some(1 | 2)),
                "primary or secondary"
            );
            let label = b["label"].as_str().expect("label");
            assert!((1..=limits::BUTTON_LABEL).contains(&label.chars().count()));
            let id = b["custom_id"].as_str().expect("custom id");
            assert!(id.chars().count() <= limits::CUSTOM_ID);
            assert!(
                matches!(
                    ComponentId::parse(id),
                    Some(ComponentId::Answer(_) | ComponentId::NoneOfThese { .. })
                ),
                "{id}"
            );
            assert!(ids.insert(id.to_string()), "custom ids unique in a message");
        }
    }
}

/// A string select within Discord's limits: 1–25 options with unique values, one pick.
fn check_select(s: &Value) {
    let len = |v: &Value| v.as_str().map_or(0, |s| s.chars().count());
    assert_eq!(s["type"], 3, "string select");
    let id = s["custom_id"].as_str().expect("custom id");
    assert!(
        matches!(ComponentId::parse(id), Some(ComponentId::Pick { .. })),
        "{id}"
    );
    assert!(len(&s["placeholder"]) <= limits::PLACEHOLDER);
    assert_eq!((&s["min_values"], &s["max_values"]), (&json!(1), &json!(1)));
    let options = s["options"].as_array().expect("options");
    assert!((1..=limits::OPTIONS).contains(&options.len()));
    let mut values = HashSet::new();
    for o in options {
        assert!(
            (1..=limits::OPTION_LABEL).contains(&len(&o["label"])),
            "{o}"
        );
        assert!(
            (1..=limits::OPTION_VALUE).contains(&len(&o["value"])),
            "{o}"
        );
        assert!(
            values.insert(o["value"].clone()),
            "option values unique: {o}"
        );
        if let Some(d) = o.get("description") {
            assert!((1..=limits::OPTION_DESCRIPTION).contains(&len(d)), "{o}");
        }
    }
}

fn check_embed(e: &Value) {
    let len = |v: &Value| v.as_str().map_or(0, |s| s.chars().count());
    assert!(len(&e["title"]) <= limits::TITLE);
    assert!(len(&e["description"]) <= limits::DESCRIPTION);
    let fields = e["fields"].as_array().cloned().unwrap_or_default();
    assert!(fields.len() <= limits::FIELDS);
    let mut total = len(&e["title"]) + len(&e["description"]) + len(&e["footer"]["text"]);
    for f in &fields {
        assert!((1..=limits::FIELD_NAME).contains(&len(&f["name"])));
        assert!((1..=limits::FIELD_VALUE).contains(&len(&f["value"])));
        total += len(&f["name"]) + len(&f["value"]);
    }
    assert!(len(&e["footer"]["text"]) <= limits::FOOTER_TEXT);
    assert!(total <= limits::TOTAL);
}

fn ephemeral(v: &Value) -> bool {
    v["data"]["flags"].as_u64().unwrap_or(0) & 64 != 0
}

/// The components of every action row, in order.
fn components(v: &Value) -> Vec<Value> {
    v["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .collect()
}

fn button_ids(v: &Value) -> Vec<String> {
    components(v)
        .iter()
        .filter(|c| c["type"] == 2)
        .filter_map(|b| b["custom_id"].as_str().map(String::from))
        .collect()
}

fn button_labels(v: &Value) -> Vec<String> {
    components(v)
        .iter()
        .filter(|c| c["type"] == 2)
        .filter_map(|b| b["label"].as_str().map(String::from))
        .collect()
}

/// The aspect menu's option values, when the message has one.
fn menu_values(v: &Value) -> Vec<String> {
    components(v)
        .iter()
        .filter(|c| c["type"] == 3)
        .flat_map(|s| s["options"].as_array().cloned().unwrap_or_default())
        .filter_map(|o| o["value"].as_str().map(String::from))
        .collect()
}

#[test]
fn every_fixture_deserializes_into_serenity_types() {
    for name in [
        "interaction_ask.json",
        "interaction_faq_private.json",
        "interaction_role.json",
        "interaction_compare.json",
        "interaction_help.json",
        "interaction_autocomplete_faq.json",
        "interaction_autocomplete_role_aspect.json",
        "interaction_button.json",
        "interaction_select.json",
        "interaction_modal_submit.json",
    ] {
        interaction(name);
    }
    let m: Message = serde_json::from_value(fixture("message_create.json")).expect("message");
    assert_eq!(m.content, "who owns the backlog?");
}

#[test]
fn ask_answers_publicly_with_related_buttons() {
    let (r, v) = run("interaction_ask.json");
    assert_eq!(v["type"], 4, "CHANNEL_MESSAGE_WITH_SOURCE");
    check_message_data(&v["data"]);
    assert!(!ephemeral(&v));
    assert_eq!(r.entry.as_deref(), Some("who-owns-backlog"));
    assert_eq!(v["data"]["embeds"][0]["title"], "Who owns the backlog?");
    let ids = button_ids(&v["data"]);
    assert_eq!(ids.len(), 3);
    assert_eq!(ids[0], "rc:ans:53908232506183680:po");
}

#[test]
fn faq_with_private_flag_is_ephemeral() {
    let (r, v) = run("interaction_faq_private.json");
    check_message_data(&v["data"]);
    assert!(ephemeral(&v));
    assert_eq!(r.entry.as_deref(), Some("mvp"));
}

#[test]
fn role_with_aspect_gives_the_fact() {
    let (r, v) = run("interaction_role.json");
    check_message_data(&v["data"]);
    assert!(!ephemeral(&v));
    assert_eq!(r.entry.as_deref(), Some("po.owns"));
    assert_eq!(
        v["data"]["embeds"][0]["title"],
        "Product Owner: What they own"
    );
    assert_eq!(
        v["data"]["components"][0]["components"][0]["type"], 3,
        "menu first"
    );
    assert_eq!(
        v["data"]["components"][0]["components"][0]["custom_id"],
        "rc:pick:53908232506183680"
    );
    let values = menu_values(&v["data"]);
    assert!(values.contains(&"po.salary".to_string()), "{values:?}");
    assert!(
        !values.contains(&"po.owns".to_string()),
        "not the fact shown"
    );
}

#[test]
fn compare_resolves_ids_and_names() {
    let (r, v) = run("interaction_compare.json");
    check_message_data(&v["data"]);
    assert_eq!(r.entry.as_deref(), Some("pm+po.salary"));
    let fields = v["data"]["embeds"][0]["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 2);
    assert!(fields.iter().all(|f| f["inline"] == true));
    let values = menu_values(&v["data"]);
    assert!(!values.is_empty(), "the other aspects to compare on");
    assert!(values.iter().all(|x| x.starts_with("pm+po.")), "{values:?}");
}

#[test]
fn help_is_private_and_lists_examples() {
    let (_, v) = run("interaction_help.json");
    check_message_data(&v["data"]);
    assert!(ephemeral(&v));
    let embed = &v["data"]["embeds"][0];
    let fields = embed["fields"].as_array().unwrap();
    let field = |name: &str| {
        fields
            .iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("a field {name:?}: {embed}"))
    };
    assert!(field("How to ask")["value"]
        .as_str()
        .unwrap()
        .contains("/ask"));
    let examples: Vec<String> = reply::help(&knowledge())
        .examples
        .into_iter()
        .map(|o| o.label)
        .collect();
    assert!(!examples.is_empty());
    assert_eq!(
        button_labels(&v["data"]),
        examples,
        "examples are buttons too"
    );
}

#[test]
fn unknown_roles_and_aspects_get_a_private_hint() {
    let k = knowledge();
    for c in [
        Command::Role {
            name: "chef".into(),
            aspect: None,
            private: false,
        },
        Command::Role {
            name: "po".into(),
            aspect: Some("zzz".into()),
            private: false,
        },
        Command::Compare {
            first: "pm".into(),
            second: "pm".into(),
            aspect: None,
            private: false,
        },
    ] {
        let r = c.run(&k, &cfg(), 1, 2);
        assert!(r.ephemeral, "{c:?}");
        assert!(r.embed.is_none());
        check_message_data(&serde_json::to_value(r.to_interaction()).unwrap()["data"]);
    }
}

#[test]
fn an_unsure_question_offers_did_you_mean_buttons() {
    let k = knowledge();
    let c = Command::Ask {
        question: "backlog".into(),
        private: false,
    };
    let r = c.run(&k, &cfg(), 9, 2);
    let v = serde_json::to_value(r.to_interaction()).unwrap();
    check_message_data(&v["data"]);
    assert!(r.entry.is_none());
    let buttons = components(&v["data"]);
    let (none, suggestions) = buttons.split_last().expect("buttons");
    assert!((1..=3).contains(&suggestions.len()), "{buttons:?}");
    assert!(suggestions.iter().all(|b| b["style"] == 1), "primary");
    assert_eq!(none["label"], NONE_LABEL);
    assert_eq!(none["style"], 2, "secondary");
    assert_eq!(none["custom_id"], "rc:none:9");
    let text = v["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap_or_default();
    assert!(!text.contains("1."), "no numbered list: {text}");
}

#[test]
fn a_declined_question_is_private() {
    let k = knowledge();
    let c = Command::Ask {
        question: "how do I reset my vpn password".into(),
        private: false,
    };
    let r = c.run(&k, &cfg(), 9, 2);
    assert!(r.ephemeral);
    let v = serde_json::to_value(r.to_interaction()).unwrap();
    check_message_data(&v["data"]);
    let examples: Vec<String> = reply::help(&k)
        .examples
        .into_iter()
        .map(|o| o.label)
        .collect();
    assert_eq!(
        button_labels(&v["data"]),
        examples,
        "example questions to try"
    );
    assert!(components(&v["data"]).iter().all(|b| b["style"] == 2));
    assert!(button_ids(&v["data"])
        .iter()
        .all(|id| id.starts_with("rc:ans:9:")));
}

#[test]
fn autocomplete_over_faqs_and_terms() {
    let k = knowledge();
    let ac = autocomplete("interaction_autocomplete_faq.json");
    let choices = commands::autocomplete(&k, &ac.data);
    assert!(!choices.is_empty() && choices.len() <= limits::CHOICES);
    assert_eq!(choices[0].value, "who-owns-backlog");
    assert!(choices
        .iter()
        .all(|c| c.name.chars().count() <= limits::CHOICE_NAME));
}

#[test]
fn aspect_autocomplete_lists_what_the_chosen_role_has() {
    let k = knowledge();
    let ac = autocomplete("interaction_autocomplete_role_aspect.json");
    let values: Vec<String> = commands::autocomplete(&k, &ac.data)
        .into_iter()
        .map(|c| c.value)
        .collect();
    assert_eq!(values, vec!["owns", "salary", "skills"]);
}

#[test]
fn a_click_by_the_asker_is_public_and_by_others_private() {
    let k = knowledge();
    let Interaction::Component(click) = interaction("interaction_button.json") else {
        panic!("expected a component interaction");
    };
    let click: ComponentInteraction = click;
    let r = buttons::click(&k, &click.data.custom_id, click.user.id.get(), false);
    let v = serde_json::to_value(r.to_interaction()).unwrap();
    check_message_data(&v["data"]);
    assert!(!ephemeral(&v), "asker clicked");
    assert_eq!(r.entry.as_deref(), Some("po.owns"));
    let other = buttons::click(&k, &click.data.custom_id, 1234, false);
    assert!(other.ephemeral, "someone else clicked");
    assert_eq!(other.entry.as_deref(), Some("po.owns"));
    let under_private = buttons::click(&k, &click.data.custom_id, click.user.id.get(), true);
    assert!(under_private.ephemeral);
}

/// The select fixture: values, custom id, clicker and whether it sits under an ephemeral
/// message, read the way the handler reads them.
fn select() -> (Vec<String>, String, u64, bool) {
    let Interaction::Component(pick) = interaction("interaction_select.json") else {
        panic!("expected a component interaction");
    };
    let ComponentInteractionDataKind::StringSelect { values } = pick.data.kind else {
        panic!("expected a string select, got {:?}", pick.data.kind);
    };
    let under_ephemeral = pick
        .message
        .flags
        .is_some_and(|f| f.contains(MessageFlags::EPHEMERAL));
    (
        values,
        pick.data.custom_id,
        pick.user.id.get(),
        under_ephemeral,
    )
}

#[test]
fn a_menu_pick_answers_the_picked_fact_like_a_click() {
    let k = knowledge();
    let (values, id, user, under_ephemeral) = select();
    assert_eq!(values, ["po.salary"]);
    assert!(!under_ephemeral);
    let r = buttons::component(&k, &id, &values, user, under_ephemeral);
    let v = serde_json::to_value(r.to_interaction()).unwrap();
    check_message_data(&v["data"]);
    assert!(!ephemeral(&v), "the asker picked under a public message");
    assert_eq!(r.entry.as_deref(), Some("po.salary"));
    assert_eq!(v["data"]["embeds"][0]["title"], "Product Owner: Salary");
    let other = buttons::component(&k, &id, &values, 1234, false);
    assert!(other.ephemeral, "someone else picked");
    assert_eq!(other.entry.as_deref(), Some("po.salary"));
    assert!(buttons::component(&k, &id, &values, user, true).ephemeral);
    let row = buttons::component(&k, &id, &["pm+po.skills".to_string()], user, false);
    assert_eq!(
        row.embed.map(|e| e.title).as_deref(),
        Some("Product Manager vs Product Owner: Skills")
    );
}

#[test]
fn none_of_these_answers_privately_with_examples() {
    let k = knowledge();
    let r = buttons::click(&k, "rc:none:9", 1234, false);
    let v = serde_json::to_value(r.to_interaction()).unwrap();
    check_message_data(&v["data"]);
    assert!(ephemeral(&v), "private, whoever clicks");
    assert_eq!(
        v["data"]["embeds"][0]["title"],
        reply::none_of_these(&k).title.as_str()
    );
    assert!(!button_ids(&v["data"]).is_empty());
}

#[test]
fn menu_picks_count_against_the_user_rate_like_clicks() {
    let k = knowledge();
    let (values, id, user, _) = select();
    let mut limiter = Limiter::new(
        Some(rolecall::config::UserRate {
            count: 1,
            per: Duration::from_secs(30),
        }),
        Duration::ZERO,
    );
    let now = Instant::now();
    let click = buttons::click(&k, &format!("rc:ans:{user}:po.owns"), user, false);
    let first = limiter.gate_interaction(click, user, 1, now);
    assert_eq!(first.entry.as_deref(), Some("po.owns"));
    let pick = buttons::component(&k, &id, &values, user, false);
    assert!(pick.is_answer());
    let limited = limiter.gate_interaction(pick, user, 1, now);
    assert!(limited.ephemeral && limited.embed.is_none(), "{limited:?}");
    assert!(limited.content.unwrap_or_default().contains("30 s"));
}

#[test]
fn stale_or_foreign_buttons_get_a_polite_private_note() {
    let k = knowledge();
    for id in [
        "rc:ans:1:sm.owns",
        "rc:ans:1:gone-faq",
        "something-else",
        "rc:pick:1",
    ] {
        let r = buttons::click(&k, id, 1, false);
        assert!(r.ephemeral && r.entry.is_none(), "{id}");
        assert_eq!(r.content.as_deref(), Some(buttons::STALE));
    }
    let stale_pick = buttons::component(&k, "rc:pick:1", &["sm.owns".into()], 1, false);
    assert_eq!(stale_pick.content.as_deref(), Some(buttons::STALE));
}

fn message(content: &str) -> Message {
    let mut v = fixture("message_create.json");
    v["content"] = json!(content);
    serde_json::from_value(v).expect("message")
}

const ME: u64 = 775799577604522054;

fn listening<'a>(channels: &'a [u64], language: &'a Language) -> Listening<'a> {
    Listening {
        me: ME,
        channels,
        content_intent: true,
        language,
    }
}

#[test]
fn a_channel_question_gets_a_reply_with_a_reference_and_no_pings() {
    let k = knowledge();
    let m = message("@everyone who owns the backlog?");
    let inc = Incoming::from_message(&m);
    let channels = [m.channel_id.get()];
    let why = messages::trigger(&inc, &listening(&channels, &k.language))
        .expect("watched channel question");
    assert_eq!(why, Trigger::Watched);
    let channel_cfg = MatchConfig {
        answer: 0.75,
        ..cfg()
    };
    let r = messages::respond(&k, &channel_cfg, &inc, why).expect("confident answer");
    let v = serde_json::to_value(r.to_message(Some((m.channel_id, m.id)))).unwrap();
    check_message_data(&v);
    assert_eq!(v["allowed_mentions"]["replied_user"], false);
    assert_eq!(v["message_reference"]["message_id"], m.id.get().to_string());
    assert_eq!(
        v["message_reference"]["channel_id"],
        m.channel_id.get().to_string()
    );
}

#[test]
fn channel_messages_need_the_higher_bar() {
    let k = knowledge();
    let m = message("backlog?");
    let inc = Incoming::from_message(&m);
    let channel_cfg = MatchConfig {
        answer: 0.75,
        ..cfg()
    };
    assert_eq!(
        messages::respond(&k, &channel_cfg, &inc, Trigger::Watched),
        None
    );
    let addressed =
        messages::respond(&k, &channel_cfg, &inc, Trigger::Mention).expect("suggestions");
    assert!(addressed.entry.is_none() && !addressed.buttons.is_empty());
}

#[test]
fn bot_and_webhook_messages_are_ignored() {
    let mut v = fixture("message_create.json");
    v["author"]["bot"] = json!(true);
    let bot: Message = serde_json::from_value(v).unwrap();
    let channels = [bot.channel_id.get()];
    assert_eq!(
        messages::trigger(
            &Incoming::from_message(&bot),
            &listening(&channels, &Language::english())
        ),
        None
    );
    let mut v = fixture("message_create.json");
    v["webhook_id"] = json!("1234567890");
    let hook: Message = serde_json::from_value(v).unwrap();
    assert_eq!(
        messages::trigger(
            &Incoming::from_message(&hook),
            &listening(&channels, &Language::english())
        ),
        None
    );
}

#[test]
fn a_burst_of_the_same_channel_question_is_answered_once() {
    let k = knowledge();
    let m = message("who owns the backlog?");
    let inc = Incoming::from_message(&m);
    let mut limiter = Limiter::new(None, Duration::from_secs(60));
    let now = Instant::now();
    let sent = (0..50)
        .filter_map(|_| messages::respond(&k, &cfg(), &inc, Trigger::Watched))
        .filter_map(|r| limiter.gate_message(r, inc.author, inc.channel, now))
        .count();
    assert_eq!(sent, 1);
}
