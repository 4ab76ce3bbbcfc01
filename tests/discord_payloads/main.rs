//! Payload tests: Discord-documented JSON (tests/fixtures/discord) deserialised into
//! serenity's types, run through the handler's pure parts, and the response checked as
//! the JSON serenity would send.

mod channel;
mod clicks;
mod slash;

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
    let r = parsed
        .run(&k, &cfg(), c.user.id.get(), c.channel_id.get())
        .0;
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
