//! End to end: the real `rolecall` binary against a fake Discord on 127.0.0.1.
//!
//! Each test starts its own fake and bot, so they run in parallel; every wait is bounded
//! and the bot's stderr is printed when a test fails.

mod commands;
mod lifecycle;
mod menus;

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
const INTENTS: u64 = 1 | (1 << 9) | (1 << 12) | (1 << 15);

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
