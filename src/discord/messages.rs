//! Questions typed in channels: when to answer, and with what.
//!
//! A message is answered when it mentions the bot, replies to the bot, arrives in a DM, or
//! arrives in a watched channel and reads as a question (a statement there stays silent).
//! Only confident answers (at the higher channel bar) are sent; a bot addressed directly
//! but unsure offers suggestion buttons, and one addressed with an over-long question gets
//! the same "too long" notice as `/ask`; everything else is left alone.

use super::response::Response;
use rolecall_core::base::KnowledgeBase;
use rolecall_core::knowledge::Language;
use rolecall_core::learn::{self, Asked};
use rolecall_core::matching::{asks_something, Rejection};
use rolecall_core::normalize::{clean, without_mentions, words};
use rolecall_core::{people, reply, Intent, MatchConfig};
use serenity::all::{Message, MessageType};

/// The parts of a channel message that decide whether and how to answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// Author's user id.
    pub author: u64,
    /// The author is a bot (including this one).
    pub author_is_bot: bool,
    /// Sent by a webhook.
    pub webhook: bool,
    /// A system message (join, pin, …) rather than a user's text.
    pub system: bool,
    /// Channel id.
    pub channel: u64,
    /// Message id.
    pub id: u64,
    /// Guild id (`None` in DMs).
    pub guild: Option<u64>,
    /// Text as sent.
    pub content: String,
    /// Users mentioned.
    pub mentions: Vec<u64>,
    /// Author of the message this one replies to, if any.
    pub replied_to: Option<u64>,
}

impl Incoming {
    /// Reads the relevant parts of a serenity message.
    pub fn from_message(m: &Message) -> Incoming {
        Incoming {
            author: m.author.id.get(),
            author_is_bot: m.author.bot,
            webhook: m.webhook_id.is_some(),
            system: !matches!(m.kind, MessageType::Regular | MessageType::InlineReply),
            channel: m.channel_id.get(),
            id: m.id.get(),
            guild: m.guild_id.map(|g| g.get()),
            content: m.content.clone(),
            mentions: m.mentions.iter().map(|u| u.id.get()).collect(),
            replied_to: m.referenced_message.as_ref().map(|r| r.author.id.get()),
        }
    }
}

/// Why a message is looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// It mentions the bot.
    Mention,
    /// It replies to one of the bot's messages.
    Reply,
    /// It is a direct message.
    Direct,
    /// It is in a watched channel and reads as a question.
    Watched,
}

impl Trigger {
    /// True when the bot was addressed directly (so it may offer suggestions).
    pub fn addressed(self) -> bool {
        !matches!(self, Trigger::Watched)
    }

    /// The name used in logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Mention => "mention",
            Trigger::Reply => "reply",
            Trigger::Direct => "dm",
            Trigger::Watched => "channel",
        }
    }
}

/// Where the bot listens: its own id, the watched channels and whether it can read content.
#[derive(Debug, Clone)]
pub struct Listening<'a> {
    /// The bot's user id.
    pub me: u64,
    /// Channels where plain questions are answered.
    pub channels: &'a [u64],
    /// Whether the Message Content intent is on (without it, plain channel text is blank).
    pub content_intent: bool,
    /// The knowledge's language: its question words, greetings and chatter.
    pub language: &'a Language,
}

/// Why the message should be looked at, or `None` to ignore it (bots, webhooks, itself,
/// system messages, and messages not meant for the bot).
pub fn trigger(m: &Incoming, at: &Listening<'_>) -> Option<Trigger> {
    if m.author_is_bot || m.webhook || m.system || m.author == at.me {
        return None;
    }
    let tag = format!("<@{}>", at.me);
    let tag_nick = format!("<@!{}>", at.me);
    if m.mentions.contains(&at.me) || m.content.contains(&tag) || m.content.contains(&tag_nick) {
        Some(Trigger::Mention)
    } else if m.replied_to == Some(at.me) {
        Some(Trigger::Reply)
    } else if m.guild.is_none() {
        Some(Trigger::Direct)
    } else if at.content_intent
        && at.channels.contains(&m.channel)
        && reads_as_question(at.language, &m.content)
    {
        Some(Trigger::Watched)
    } else {
        None
    }
}

/// What to send for a triggered message, matched at the channel bar `cfg` (a confident
/// answer; when addressed directly, suggestions or the notice that the question is too
/// long; otherwise nothing), and what the question leaves in the question log (also when
/// the bot stays silent on a question in a watched channel: that is a question it could not
/// answer; `None` for a statement, which is conversation rather than a question).
pub fn respond(
    k: &KnowledgeBase,
    cfg: &MatchConfig,
    m: &Incoming,
    why: Trigger,
) -> (Option<Response>, Option<Asked>) {
    let found = k.find(&m.content, cfg);
    // A statement in a watched channel ("PMs earn way more than POs") is conversation, not
    // a question to the bot: stay silent.
    if why == Trigger::Watched && found.reading.intent == Intent::Claim {
        return (None, None);
    }
    let r = reply::from_match_in(k, &found, cfg, people::team_of_channel(k, m.channel));
    let asked = learn::asked(k, &without_mentions(&m.content), &found, &r);
    let too_long = matches!(found.rejection, Some(Rejection::TooLong(_)));
    let response = (r.answered || (why.addressed() && (too_long || !r.suggestions.is_empty())))
        .then(|| Response::from_reply(&r, m.author));
    (response, Some(asked))
}

/// Longest message still taken for a question, in characters.
const MAX_QUESTION_CHARS: usize = 300;

/// True when a plain message reads as a question to the bot: at least two words after
/// mentions, links and code are removed, not overly long, and some clause of it asks (read
/// in `lang`): "sorry if this is a dumb one, but who owns the roadmap" asks, "we moved the
/// roadmap review to Friday" doesn't.
pub fn reads_as_question(lang: &Language, text: &str) -> bool {
    let cleaned = clean(text);
    let trimmed = cleaned.trim();
    if trimmed.chars().count() > MAX_QUESTION_CHARS {
        return false;
    }
    words(trimmed).nth(1).is_some() && asks_something(lang, trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discord::response::ButtonKind;

    fn en() -> std::sync::Arc<Language> {
        Language::english()
    }

    #[test]
    fn questions_are_recognised() {
        let en = en();
        for q in [
            "who owns the backlog?",
            "who owns the backlog",
            "Hey, what does a PO do",
            "quick question: how much does a PM earn",
            "PM vs PO",
            "difference between pm and po",
            "<@1> is the po a manager",
            "anyone know who writes the stories",
            "backlog owner?",
            // The ask after a greeting, an apology or a sentence about the asker.
            "sorry if this is a dumb one, but who owns the roadmap",
            "hi all! new here. where do I start with the backlog",
            "we had a long planning today. who decides what goes into the next PI",
            "can someone explain what a PO does",
        ] {
            assert!(reads_as_question(&en, q), "{q}");
        }
    }

    #[test]
    fn chatter_is_not_a_question() {
        let en = en();
        for q in [
            "lol",
            "thanks!",
            "I think the PO owns it",
            "see https://example.com/who?x",
            "?",
            "`who owns it?`",
            "deploying now",
            &format!("who {}?", "very ".repeat(80)),
            "we moved the roadmap review to Friday",
            "thanks, that makes sense now",
            "we use Jira, which is slow today",
        ] {
            assert!(!reads_as_question(&en, q), "{q}");
        }
    }

    fn msg(content: &str) -> Incoming {
        Incoming {
            author: 5,
            author_is_bot: false,
            webhook: false,
            system: false,
            channel: 10,
            id: 99,
            guild: Some(1),
            content: content.into(),
            mentions: Vec::new(),
            replied_to: None,
        }
    }

    fn at(language: &Language) -> Listening<'_> {
        Listening {
            me: 7,
            channels: &[10],
            content_intent: true,
            language,
        }
    }

    #[test]
    fn triggers() {
        let en = en();
        let at = at(&en);
        assert_eq!(
            trigger(&msg("who owns the backlog?"), &at),
            Some(Trigger::Watched)
        );
        assert_eq!(trigger(&msg("nice weather"), &at), None);
        let mention = Incoming {
            mentions: vec![7],
            ..msg("<@7> backlog")
        };
        assert_eq!(trigger(&mention, &at), Some(Trigger::Mention));
        let reply = Incoming {
            replied_to: Some(7),
            ..msg("and the roadmap")
        };
        assert_eq!(trigger(&reply, &at), Some(Trigger::Reply));
        let dm = Incoming {
            guild: None,
            channel: 3,
            ..msg("roadmap")
        };
        assert_eq!(trigger(&dm, &at), Some(Trigger::Direct));
        let elsewhere = Incoming {
            channel: 11,
            ..msg("who owns the backlog?")
        };
        assert_eq!(trigger(&elsewhere, &at), None);
    }

    #[test]
    fn bots_webhooks_itself_and_system_messages_are_ignored() {
        let en = en();
        let at = at(&en);
        let q = "<@7> who owns the backlog?";
        for m in [
            Incoming {
                author_is_bot: true,
                ..msg(q)
            },
            Incoming {
                webhook: true,
                ..msg(q)
            },
            Incoming {
                author: 7,
                ..msg(q)
            },
            Incoming {
                system: true,
                ..msg(q)
            },
        ] {
            assert_eq!(trigger(&m, &at), None, "{m:?}");
        }
    }

    #[test]
    fn without_message_content_only_direct_address_counts() {
        let en = en();
        let at = at(&en);
        let off = Listening {
            content_intent: false,
            ..at.clone()
        };
        assert_eq!(trigger(&msg("who owns the backlog?"), &off), None);
        let mention = Incoming {
            mentions: vec![7],
            ..msg("<@7> backlog?")
        };
        assert_eq!(trigger(&mention, &off), Some(Trigger::Mention));
    }

    #[test]
    fn an_over_long_question_addressed_to_the_bot_gets_the_too_long_notice() {
        let k = KnowledgeBase::shipped().unwrap();
        let cfg = MatchConfig::DEFAULT;
        let long = format!("<@7> who owns the backlog? {}", "really ".repeat(90));
        assert!(long.chars().count() > cfg.max_question_chars);
        for why in [Trigger::Mention, Trigger::Reply, Trigger::Direct] {
            let r = respond(&k, &cfg, &msg(&long), why)
                .0
                .unwrap_or_else(|| panic!("{why:?}"));
            let embed = r.embed.expect("an embed");
            assert_eq!(embed.title, "That question is too long", "{why:?}");
            let limit = cfg.max_question_chars.to_string();
            assert!(
                embed.description.contains(&limit),
                "{why:?}: says how long a question may be: {}",
                embed.description
            );
            assert!(
                !embed.description.contains("backlog"),
                "never echoes the question"
            );
            assert_eq!(r.buttons.len(), 3, "{why:?}: example questions are offered");
            assert!(r.buttons.iter().all(|b| b.kind == ButtonKind::Example));
        }
        assert_eq!(
            respond(&k, &cfg, &msg(&long), Trigger::Watched).0,
            None,
            "chatter not addressed to the bot stays silent"
        );
    }
}
