//! End to end with shards: the real `rolecall` binary, one process autosharding or two
//! processes splitting the shards (`ROLECALL_SHARDS`), against one fake Discord that routes
//! each event to the shard owning its guild, like Discord; and Discord refusing a shard.

use crate::fake_discord::talk::{ask, callback, signal, wait_log};
use crate::fake_discord::{fixture, shard_of, Bot, Fake, APP_ID, GUILD_ID};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// A server on shard 1 of 2.
const GUILD_1: u64 = GUILD_ID;
/// A server on shard 0 of 2 (the next timestamp bit flips the shard).
const GUILD_0: u64 = GUILD_ID + (1 << 22);

/// Where the bot's global commands are registered.
fn commands_path() -> String {
    format!("/applications/{APP_ID}/commands")
}

/// Command registrations so far.
fn registrations(fake: &Fake) -> usize {
    let path = commands_path();
    fake.count_requests(|r| r.method == "PUT" && r.path.ends_with(&path))
}

/// The `shard` of every IDENTIFY so far.
fn identified(fake: &Fake) -> Vec<Value> {
    fake.identifies()
        .iter()
        .map(|i| i["shard"].clone())
        .collect()
}

/// An `/ask` by `user` in `channel` of `guild`.
fn ask_in(fake: &Fake, guild: u64, channel: u64, user: u64) -> (Value, String) {
    let (mut v, id) = ask(fake, "Who owns the backlog?");
    v["guild_id"] = json!(guild.to_string());
    v["channel_id"] = json!(channel.to_string());
    v["member"]["user"]["id"] = json!(user.to_string());
    (v, id)
}

/// A message by `user` mentioning the bot in `channel` of `guild`.
fn mention_in(fake: &Fake, guild: u64, channel: u64, user: u64) -> Value {
    let mut m = fixture("message_create.json");
    m["id"] = json!(fake.new_id().to_string());
    m["guild_id"] = json!(guild.to_string());
    m["channel_id"] = json!(channel.to_string());
    m["author"]["id"] = json!(user.to_string());
    m["content"] = json!(format!("<@{APP_ID}> who owns the backlog?"));
    m["mentions"] = json!([{"id": APP_ID.to_string(), "username": "rolecall",
        "discriminator": "0", "avatar": null, "bot": true}]);
    m
}

/// Asks in `guild` with /ask and with a mention, each in a new channel by a new user (so no
/// cooldown or rate limit applies), checks that each is answered exactly once, and returns
/// the two channels.
async fn answered_once(fake: &Fake, guild: u64) -> [u64; 2] {
    let channels = [fake.new_id(), fake.new_id()];
    let (interaction, id) = ask_in(fake, guild, channels[0], fake.new_id());
    fake.dispatch("INTERACTION_CREATE", interaction).await;
    let mention = mention_in(fake, guild, channels[1], fake.new_id());
    let mention_id = mention["id"].clone();
    fake.dispatch("MESSAGE_CREATE", mention).await;
    let body = callback(fake, &id).await;
    assert_eq!(body["data"]["embeds"][0]["title"], "Who owns the backlog?");
    let replies = |f: &Fake| {
        f.messages()
            .iter()
            .filter(|r| r.body["message_reference"]["message_id"] == mention_id)
            .count()
    };
    fake.wait_for("the reply to the mention", |f| replies(f) > 0)
        .await;
    // Time for a second process to answer too, if it wrongly got the events.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let path = format!("/interactions/{id}/");
    assert_eq!(
        fake.count_requests(|r| r.method == "POST" && r.path.contains(&path)),
        1,
        "/ask in guild {guild} answered once"
    );
    assert_eq!(
        replies(fake),
        1,
        "the mention in guild {guild} answered once"
    );
    channels
}

/// How many of the bot's log lines contain `text`.
fn lines_with(bot: &Bot, text: &str) -> usize {
    bot.log().lines().filter(|l| l.contains(text)).count()
}

/// Whether `bot` logged an answer in every one of `channels`.
fn answered_in(bot: &Bot, channels: [u64; 2]) -> bool {
    let log = bot.log();
    channels.iter().all(|c| {
        let channel = format!("channel={c}");
        log.lines()
            .any(|l| l.contains(" answered ") && l.contains(&channel))
    })
}

/// Whether `bot` logged an answer in any of `channels`.
fn answered_any(bot: &Bot, channels: [u64; 2]) -> bool {
    let log = bot.log();
    channels.iter().any(|c| {
        let channel = format!("channel={c}");
        log.lines()
            .any(|l| l.contains(" answered ") && l.contains(&channel))
    })
}

#[test]
fn the_test_guilds_land_on_both_shards() {
    assert_eq!(shard_of(Some(GUILD_0), 2), 0);
    assert_eq!(shard_of(Some(GUILD_1), 2), 1);
    assert_eq!(shard_of(None, 2), 0, "DMs go to shard 0");
}

#[tokio::test]
async fn one_process_autosharding_runs_both_shards_and_registers_once() {
    let fake = Fake::start().await;
    fake.recommend_shards(2);
    let bot = Bot::start(&fake, &[]);
    fake.wait_shard(0, 2).await;
    // serenity starts the next shard 5 seconds after the first.
    fake.wait_shard(1, 2).await;
    assert_eq!(identified(&fake), [json!([0, 2]), json!([1, 2])]);
    let on_0 = answered_once(&fake, GUILD_0).await;
    let on_1 = answered_once(&fake, GUILD_1).await;
    assert!(
        answered_in(&bot, on_0) && answered_in(&bot, on_1),
        "{}",
        bot.log()
    );
    assert_eq!(registrations(&fake), 1, "{}", bot.log());
    assert_eq!(lines_with(&bot, "registered slash commands"), 1);
    assert_eq!(
        lines_with(&bot, "not registering slash commands"),
        1,
        "shard 1's READY leaves them to shard 0's: {}",
        bot.log()
    );
}

#[tokio::test]
async fn two_processes_split_the_shards_answer_once_and_a_stopped_one_comes_back() {
    let fake = Fake::start().await;
    let first = Bot::start(&fake, &[("ROLECALL_SHARDS", "0-0/2")]);
    let mut second = Bot::start(&fake, &[("ROLECALL_SHARDS", "1-1/2")]);
    fake.wait_shard(0, 2).await;
    fake.wait_shard(1, 2).await;
    let mut shards = identified(&fake);
    shards.sort_by_key(Value::to_string);
    assert_eq!(shards, [json!([0, 2]), json!([1, 2])]);

    let on_0 = answered_once(&fake, GUILD_0).await;
    let on_1 = answered_once(&fake, GUILD_1).await;
    assert!(answered_in(&first, on_0), "{}", first.log());
    assert!(!answered_any(&first, on_1), "{}", first.log());
    assert!(answered_in(&second, on_1), "{}", second.log());
    assert!(!answered_any(&second, on_0), "{}", second.log());

    // Only the process running shard 0 registered the commands.
    assert_eq!(registrations(&fake), 1);
    assert_eq!(lines_with(&first, "registered slash commands"), 1);
    assert_eq!(lines_with(&second, "registered slash commands"), 0);
    assert_eq!(lines_with(&second, "not registering slash commands"), 1);

    // The shard-1 process stops; shard 0 keeps answering.
    signal(&second, "-TERM");
    assert_eq!(second.wait_exit().await.code(), Some(0), "{}", second.log());
    fake.wait_for("shard 1's session to end", |f| {
        !f.ready_shards().contains(&[1, 2])
    })
    .await;
    let on_0 = answered_once(&fake, GUILD_0).await;
    assert!(answered_in(&first, on_0), "{}", first.log());

    // Started again, it identifies as shard 1 and answers its servers again, once.
    let again = Bot::start(&fake, &[("ROLECALL_SHARDS", "1-1/2")]);
    fake.wait_shard(1, 2).await;
    assert_eq!(identified(&fake).last(), Some(&json!([1, 2])));
    let on_1 = answered_once(&fake, GUILD_1).await;
    assert!(answered_in(&again, on_1), "{}", again.log());
    assert_eq!(registrations(&fake), 1, "no process registered again");
    assert_eq!(lines_with(&again, "not registering slash commands"), 1);
}

/// Starts the bot with `shards` (`None`: autosharding) against `fake`, which refuses some
/// shard, and checks it exits with an error soon after the refusal, having identified
/// `identifies` times, with a message containing every one of `says`.
async fn exits_when_refused(fake: &Fake, shards: Option<&str>, identifies: usize, says: &[&str]) {
    let env: Vec<(&str, &str)> = shards.map(|s| ("ROLECALL_SHARDS", s)).into_iter().collect();
    let mut bot = Bot::start(fake, &env);
    fake.wait_for("a refused IDENTIFY", |f| !f.refused().is_empty())
        .await;
    let refused_at = Instant::now();
    let status = bot.wait_exit().await;
    let took = refused_at.elapsed();
    assert_eq!(status.code(), Some(1), "{}", bot.log());
    assert!(
        took < Duration::from_secs(3),
        "exited {took:?} after the refusal: {}",
        bot.log()
    );
    // The stderr reader may still be behind the exit.
    wait_log(&bot, "rolecall: Discord refused").await;
    let log = bot.log();
    let message = log
        .lines()
        .find(|l| l.starts_with("rolecall: Discord refused"))
        .unwrap_or_else(|| panic!("no refusal message: {log}"));
    for text in says {
        assert!(message.contains(text), "{text:?} in {message}");
    }
    // It gave up instead of identifying again and again.
    assert_eq!(fake.identifies().len(), identifies, "{log}");
    assert_eq!(fake.refused().len(), 1);
}

#[tokio::test]
async fn sharding_required_4011_for_a_fixed_range_says_to_raise_the_total() {
    let fake = Fake::start().await;
    fake.refuse(4011, |_, total| total < 4);
    exits_when_refused(
        &fake,
        Some("1-1/2"),
        1,
        &[
            "shard 1 of 2",
            "gateway close 4011",
            "ROLECALL_SHARDS=1/2",
            "larger TOTAL",
            "unset ROLECALL_SHARDS",
        ],
    )
    .await;
}

#[tokio::test]
async fn sharding_required_4011_while_autosharding_stops_the_process_with_its_healthy_shard() {
    let fake = Fake::start().await;
    fake.recommend_shards(2);
    // Shard 1 would hold too many servers; shard 0 is fine.
    fake.refuse(4011, |id, _| id == 1);
    exits_when_refused(
        &fake,
        None,
        2,
        &[
            "shard 1 of 2",
            "gateway close 4011",
            "ROLECALL_SHARDS unset (autosharding)",
            "Start rolecall again",
        ],
    )
    .await;
}

#[tokio::test]
async fn invalid_shard_4010_says_how_rolecall_shards_is_written() {
    let fake = Fake::start().await;
    fake.refuse(4010, |_, total| total == 3);
    exits_when_refused(
        &fake,
        Some("2/3"),
        1,
        &[
            "shard 2 of 3",
            "gateway close 4010",
            "ROLECALL_SHARDS=2/3",
            "FIRST-LAST/TOTAL",
        ],
    )
    .await;
}
