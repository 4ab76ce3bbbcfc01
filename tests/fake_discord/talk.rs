//! Talking to the bot through the fake: interactions from fixtures, their callbacks, and
//! the components of what the bot sent.

use super::{fixture, Bot, Fake, APP_ID};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
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
    // Discord always sends both, empty when the message has none.
    let or_empty = |v: &Value| if v.is_null() { json!([]) } else { v.clone() };
    message["embeds"] = or_empty(&data["embeds"]);
    message["components"] = or_empty(&data["components"]);
    if let Err(e) = serde_json::from_value::<serenity::all::Interaction>(v.clone()) {
        panic!("the component interaction does not deserialize in serenity: {e}\n{v:#}");
    }
    (v, id)
}

/// Waits (bounded) until the bot's log contains `text`.
pub async fn wait_log(bot: &Bot, text: &str) {
    wait_log_until(bot, &format!("{text:?}"), |log| log.contains(text)).await;
}

/// Waits until the bot's log satisfies `check` (`what` names it if it never does), within
/// the fake's [`super::WAIT`]: a loaded machine may be slow to write it.
pub async fn wait_log_until(bot: &Bot, what: &str, check: impl Fn(&str) -> bool) {
    let deadline = tokio::time::Instant::now() + super::WAIT;
    while tokio::time::Instant::now() < deadline {
        if check(&bot.log()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("log never said {what}:\n{}", bot.log());
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

/// A MODAL_SUBMIT interaction (type 5) by `user` for the modal `custom_id`, with `text`
/// typed in its one text input `input` (or left empty).
pub fn submit_modal(
    fake: &Fake,
    custom_id: &str,
    input: &str,
    text: Option<&str>,
    user: u64,
) -> (Value, String) {
    let (mut v, id) = interaction(fake, "interaction_modal_submit.json");
    let mut field = json!({ "type": 4, "custom_id": input });
    if let Some(t) = text {
        field["value"] = json!(t);
    }
    v["data"] = json!({
        "custom_id": custom_id,
        "components": [{ "type": 1, "components": [field] }],
    });
    v["member"]["user"]["id"] = json!(user.to_string());
    if let Err(e) = serde_json::from_value::<serenity::all::Interaction>(v.clone()) {
        panic!("the modal submission does not deserialize in serenity: {e}\n{v:#}");
    }
    (v, id)
}

/// The Manage Server permission bit.
pub const MANAGE_GUILD: u64 = 1 << 5;
/// SEND_MESSAGES | READ_MESSAGE_HISTORY | VIEW_CHANNEL: an ordinary member.
pub const MEMBER: u64 = (1 << 11) | (1 << 16) | (1 << 10);

/// The repository root.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped knowledge folder (it has the tour).
pub fn knowledge() -> String {
    repo().join("knowledge").display().to_string()
}

/// A copy of the shipped knowledge plus `extra` files, in a fresh folder `name` of the
/// process's scratch folder (removed when the tests end).
pub fn knowledge_with(name: &str, extra: &[(&str, &str)]) -> PathBuf {
    let dir = super::scratch_dir().join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for file in std::fs::read_dir(repo().join("knowledge")).unwrap() {
        let path = file.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    for (file, text) in extra {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

/// A slash command `name` with `options`, from `user` with `permissions`.
pub fn command(
    fake: &Fake,
    name: &str,
    options: Value,
    user: u64,
    permissions: u64,
) -> (Value, String) {
    let (mut v, id) = interaction(fake, "interaction_ask.json");
    v["data"] = json!({ "id": "771825006014889999", "type": 1, "name": name, "options": options });
    v["member"]["user"]["id"] = json!(user.to_string());
    v["member"]["permissions"] = json!(permissions.to_string());
    (v, id)
}

/// Sends a command and returns its callback.
pub async fn run(fake: &Fake, name: &str, options: Value, user: u64, permissions: u64) -> Value {
    let (v, id) = command(fake, name, options, user, permissions);
    fake.dispatch("INTERACTION_CREATE", v).await;
    callback(fake, &id).await
}

/// Clicks the button labelled `label` (exactly, or starting with it) on the message the
/// callback `page` created, as `user`; returns the callback.
pub async fn click(fake: &Fake, page: &Value, label: &str, user: u64) -> Value {
    let custom_id = button_id(page, label);
    let (v, id) = use_component(fake, page, &custom_id, &[], user);
    fake.dispatch("INTERACTION_CREATE", v).await;
    callback(fake, &id).await
}

/// The custom id of the enabled button labelled `label` (or starting with it).
pub fn button_id(page: &Value, label: &str) -> String {
    let all = buttons(&page["data"]);
    all.iter()
        .find(|b| {
            let l = b["label"].as_str().unwrap_or_default();
            (l == label || l.starts_with(label)) && b["disabled"] != json!(true)
        })
        .and_then(|b| b["custom_id"].as_str())
        .unwrap_or_else(|| panic!("no enabled button {label:?} in {all:#?}"))
        .to_string()
}

/// All the text of a callback's embed.
pub fn embed_text(callback: &Value) -> String {
    let e = &callback["data"]["embeds"][0];
    let mut text = format!(
        "{}\n{}\n",
        e["title"].as_str().unwrap_or_default(),
        e["description"].as_str().unwrap_or_default()
    );
    for f in e["fields"].as_array().into_iter().flatten() {
        text.push_str(&format!(
            "{}\n{}\n",
            f["name"].as_str().unwrap_or_default(),
            f["value"].as_str().unwrap_or_default()
        ));
    }
    text
}

/// The plain text of a callback (notices).
pub fn content(callback: &Value) -> String {
    callback["data"]["content"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Two processes of one bot with `env` (each on its own fake gateway, sharing the database
/// `env` names), once both listen for the other's notices (PostgreSQL).
pub async fn two_processes(env: &[(&str, &str)]) -> ((Fake, Bot), (Fake, Bot)) {
    let (first, second) = (Fake::start().await, Fake::start().await);
    let one = Bot::start(&first, env);
    let two = Bot::start(&second, env);
    first.wait_connected().await;
    second.wait_connected().await;
    wait_log(&one, "listening for /reload").await;
    wait_log(&two, "listening for /reload").await;
    ((first, one), (second, two))
}
