//! End to end under load: a burst of 1,000 questions to the real `rolecall` binary,
//! started with a 256 open-file limit, against a fake Discord that answers REST requests
//! after a network-like latency. Every question must be answered exactly once, and no
//! reply may ping anyone.
//!
//! Without a bound on replies in flight the bot opens one socket per reply, runs out of
//! file descriptors (`Too many open files`) and loses answers; this test is what shows the
//! bound (`ROLECALL_MAX_IN_FLIGHT`) works. It lives in its own test binary so it runs on
//! its own, not competing for the CPU with the other end-to-end tests.

mod fake_discord;

use fake_discord::{fixture, Bot, Fake, APP_ID};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Slash-command interactions in the burst.
const INTERACTIONS: usize = 500;
/// Channel questions mentioning the bot in the burst.
const MENTIONS: usize = 500;
/// The bot's open-file limit: well below one socket per reply.
const FILE_LIMIT: u32 = 256;
/// How long the fake holds back each REST answer, like a real API across a network.
const LATENCY: Duration = Duration::from_millis(50);
/// Upper bound on waiting for the whole burst to be handled (a bound, not an expectation).
const BURST_WAIT: Duration = Duration::from_secs(180);
/// The channel the burst happens in.
const CHANNEL: u64 = 290926798999357250;
/// First of the users asking.
const ASKER: u64 = 53908232506183680;

/// Log lines the bot writes once per handled reply: sent (from the handler or one of its
/// feature modules, `rolecall::discord::handler…: answered`), or lost.
const HANDLER: &str = "rolecall::discord::handler";
const ANSWERED: &str = ": answered";
const LOST: &str = "reply lost";

fn no_mentions(body: &Value) -> bool {
    let am = &body["allowed_mentions"];
    am["parse"] == json!([]) && am["users"] == json!([]) && am["roles"] == json!([])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_1000_replies_under_a_256_file_limit_is_answered_exactly_once() {
    let fake = Fake::start().await;
    fake.set_latency(LATENCY);
    let bot = Bot::start_with_file_limit(
        &fake,
        &[
            ("ROLECALL_USER_RATE", "off"),
            ("ROLECALL_COOLDOWN_SECS", "0"),
        ],
        FILE_LIMIT,
    );
    fake.wait_connected().await;
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", bot.pid()))
        .expect("read the bot's limits");
    let files = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .unwrap_or_default();
    assert!(
        files.split_whitespace().nth(3) == Some(&FILE_LIMIT.to_string()),
        "the bot runs with the low file limit: {files}"
    );

    let started = Instant::now();
    let mut interactions = Vec::with_capacity(INTERACTIONS);
    let mut questions = Vec::with_capacity(MENTIONS);
    let template = fixture("interaction_ask.json");
    for i in 0..INTERACTIONS.max(MENTIONS) {
        if i < INTERACTIONS {
            let mut v = template.clone();
            let id = fake.new_id().to_string();
            v["id"] = json!(id);
            v["token"] = json!(format!("token-{id}"));
            v["application_id"] = json!(APP_ID.to_string());
            fake.dispatch("INTERACTION_CREATE", v).await;
            interactions.push(id);
        }
        if i < MENTIONS {
            let mut m = fixture("message_create.json");
            let id = fake.new_id().to_string();
            m["id"] = json!(id);
            m["channel_id"] = json!(CHANNEL.to_string());
            m["author"]["id"] = json!((ASKER + i as u64 % 50).to_string());
            m["content"] = json!(format!("<@{APP_ID}> who owns the backlog?"));
            m["mentions"] = json!([{"id": APP_ID.to_string(), "username": "rolecall",
                "discriminator": "0", "avatar": null, "bot": true}]);
            fake.dispatch("MESSAGE_CREATE", m).await;
            questions.push(json!(id));
        }
    }

    // Every event's handler logs exactly one outcome; once all have, nothing more is sent.
    let total = INTERACTIONS + MENTIONS;
    let deadline = Instant::now() + BURST_WAIT;
    let outcomes = loop {
        let log = bot.log();
        let answered = log
            .lines()
            .filter(|l| l.contains(HANDLER) && l.contains(ANSWERED))
            .count();
        let lost = log.lines().filter(|l| l.contains(LOST)).count();
        if answered + lost >= total {
            break (answered, lost);
        }
        assert!(
            Instant::now() < deadline,
            "only {answered} answered and {lost} lost of {total} after {BURST_WAIT:?}; \
             callbacks: {}, messages created: {}",
            fake.callbacks().len(),
            fake.created_messages().len()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let elapsed = started.elapsed();

    let log = bot.log();
    let retries = log
        .lines()
        .filter(|l| l.contains("trying once more"))
        .count();
    let requests = fake.requests();
    let mut callbacks: HashMap<&str, Vec<&Value>> = HashMap::new();
    let mut message_posts = 0;
    for r in &requests {
        let path = r.path.trim_start_matches("/api/v10");
        if let Some(rest) = path.strip_prefix("/interactions/") {
            let id = rest.split('/').next().unwrap_or_default();
            callbacks.entry(id).or_default().push(&r.body);
        } else if r.method == "POST" && path.ends_with("/messages") {
            message_posts += 1;
            assert!(no_mentions(&r.body), "a reply could ping: {}", r.body);
            assert_eq!(r.body["allowed_mentions"]["replied_user"], false);
        }
    }
    let created = fake.created_messages();
    let mut replies: HashMap<&Value, usize> = HashMap::new();
    for m in &created {
        *replies
            .entry(&m["message_reference"]["message_id"])
            .or_default() += 1;
    }
    eprintln!(
        "burst: {INTERACTIONS} interactions + {MENTIONS} mentions, handled in {elapsed:.2?} \
         (fake latency {LATENCY:?}); answered {}, lost {}, retries {retries}; \
         {} callbacks, {message_posts} message POSTs, {} messages created; \
         at most {} REST connections open at once",
        outcomes.0,
        outcomes.1,
        callbacks.values().map(Vec::len).sum::<usize>(),
        created.len(),
        fake.peak_connections()
    );

    assert_eq!(outcomes, (total, 0), "every reply sent, none lost");
    // With the bound, no send ever runs out of sockets (without it, hundreds do; the retry
    // saves some, not all).
    assert!(
        !log.contains("Too many open files"),
        "the bot ran out of file descriptors"
    );
    for id in &interactions {
        let bodies = callbacks.get(id.as_str()).map_or(&[][..], Vec::as_slice);
        assert_eq!(bodies.len(), 1, "interaction {id} answered exactly once");
        let body = bodies[0];
        assert_eq!(body["type"], 4, "{body}");
        assert!(no_mentions(&body["data"]), "a reply could ping: {body}");
        assert_eq!(
            body["data"]["embeds"][0]["title"], "Who owns the backlog?",
            "{body}"
        );
    }
    assert_eq!(
        callbacks.len(),
        INTERACTIONS,
        "no callback for anything else"
    );
    for id in &questions {
        assert_eq!(
            replies.get(id).copied().unwrap_or(0),
            1,
            "question {id} answered exactly once"
        );
    }
    assert_eq!(created.len(), MENTIONS, "no message for anything else");
}
