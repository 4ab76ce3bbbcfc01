//! Channel messages from real Discord payloads.

use crate::*;

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
    let r = messages::respond(&k, &channel_cfg, &inc, why)
        .0
        .expect("confident answer");
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
        messages::respond(&k, &channel_cfg, &inc, Trigger::Watched).0,
        None
    );
    let addressed = messages::respond(&k, &channel_cfg, &inc, Trigger::Mention)
        .0
        .expect("suggestions");
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
    let mut limiter = Limiter::new(None, None, Duration::from_secs(60));
    let now = Instant::now();
    let sent = (0..50)
        .filter_map(|_| messages::respond(&k, &cfg(), &inc, Trigger::Watched).0)
        .filter_map(|r| limiter.gate_message(r, inc.author, inc.channel, now))
        .count();
    assert_eq!(sent, 1);
}
