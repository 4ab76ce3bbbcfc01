//! Talking to the bot through the fake: interactions from fixtures, their callbacks, and
//! the components of what the bot sent.

use super::{fixture, Bot, Fake, APP_ID};
use serde_json::{json, Value};
use std::time::Duration;

/// An interaction fixture with a fresh id and token.
pub fn interaction(fake: &Fake, name: &str) -> (Value, String) {
    let mut v = fixture(name);
    let id = fake.new_id().to_string();
    v["id"] = json!(id);
    v["token"] = json!(format!("token-{id}"));
    v["application_id"] = json!(APP_ID.to_string());
    (v, id)
}

/// The callback body for interaction `id`, waiting for it.
pub async fn callback(fake: &Fake, id: &str) -> Value {
    let path = format!("/interactions/{id}/");
    fake.wait_for(&format!("the callback for interaction {id}"), |f| {
        !f.requests_to("POST", &path).is_empty()
    })
    .await;
    fake.requests_to("POST", &path)[0].body.clone()
}

/// Asserts that a message body allows no mentions at all.
pub fn assert_no_mentions(body: &Value) {
    let am = &body["allowed_mentions"];
    assert_eq!(am["parse"], json!([]), "allowed mentions: {body}");
    assert_eq!(am["users"], json!([]));
    assert_eq!(am["roles"], json!([]));
}

/// Whether an interaction callback is ephemeral (flag 64).
pub fn ephemeral(callback: &Value) -> bool {
    callback["data"]["flags"].as_u64().unwrap_or(0) & 64 != 0
}

/// The components of every action row of a message's data, in order.
pub fn components(data: &Value) -> Vec<Value> {
    data["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// The buttons of a message's data.
pub fn buttons(data: &Value) -> Vec<Value> {
    components(data)
        .into_iter()
        .filter(|c| c["type"] == 2)
        .collect()
}

/// A MESSAGE_COMPONENT interaction (type 3) by `user` on the message the callback `reply`
/// created: `data` carries the component's custom id (and `values` for a select), and
/// `message` the message as Discord would show it, with its embeds, components and flags.
pub fn use_component(
    fake: &Fake,
    reply: &Value,
    custom_id: &str,
    values: &[&str],
    user: u64,
) -> (Value, String) {
    let (mut v, id) = interaction(fake, "interaction_select.json");
    v["data"] = if values.is_empty() {
        json!({ "custom_id": custom_id, "component_type": 2 })
    } else {
        json!({ "custom_id": custom_id, "component_type": 3, "values": values })
    };
    v["member"]["user"]["id"] = json!(user.to_string());
    let data = &reply["data"];
    let message = &mut v["message"];
    message["id"] = json!(fake.new_id().to_string());
    message["flags"] = json!(data["flags"].as_u64().unwrap_or(0));
    message["embeds"] = data["embeds"].clone();
    message["components"] = data["components"].clone();
    if let Err(e) = serde_json::from_value::<serenity::all::Interaction>(v.clone()) {
        panic!("the component interaction does not deserialize in serenity: {e}\n{v:#}");
    }
    (v, id)
}

/// Waits (bounded) until the bot's log contains `text`.
pub async fn wait_log(bot: &Bot, text: &str) {
    for _ in 0..200 {
        if bot.log().contains(text) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("log never said {text:?}:\n{}", bot.log());
}

/// Sends `signal` (`-HUP`, `-TERM`) to the bot.
pub fn signal(bot: &Bot, signal: &str) {
    let status = std::process::Command::new("kill")
        .arg(signal)
        .arg(bot.pid().to_string())
        .status()
        .expect("run kill");
    assert!(status.success());
}

/// Sends SIGHUP to the bot (reload the knowledge).
pub fn hangup(bot: &Bot) {
    signal(bot, "-HUP");
}

/// An `/ask` interaction with `question`.
pub fn ask(fake: &Fake, question: &str) -> (Value, String) {
    let (mut v, id) = interaction(fake, "interaction_ask.json");
    v["data"]["options"][0]["value"] = json!(question);
    (v, id)
}
