//! 👍 and 👎 under answers: the "What were you looking for?" modal, the notes that thank
//! the voter, and the short memory of recent questions a 👎 puts in the question log.
//!
//! The buttons themselves are made by [`Response::with_votes`]; the handler stores the
//! votes. Nothing here knows about serenity's events.

use super::response::{Response, VoteId};
use rolecall_core::learn::{Asked, MAX_TEXT};
use rolecall_core::limits::CUSTOM_ID;
use serenity::all::{
    ActionRowComponent, CreateActionRow, CreateInputText, CreateInteractionResponse, CreateModal,
    InputTextStyle, ModalInteractionData,
};
use std::collections::{HashMap, VecDeque};

/// Prefix of the custom id of the 👎 modal (`rc:why:<answer>:<entry>`).
pub const WHY_PREFIX: &str = "rc:why:";
/// The modal's title (Discord allows 45 characters).
pub const MODAL_TITLE: &str = "Not what you needed?";
/// The modal's one question (a text input's label allows 45 characters).
pub const WHY_LABEL: &str = "What were you looking for?";
/// Custom id of the modal's text input.
pub const WHY_INPUT: &str = "why";
/// Grey text in the empty input.
const WHY_PLACEHOLDER: &str = "Optional: what you asked about, or what the answer missed";

/// The modal a 👎 opens, for the answer and entry of `vote`; `None` when its custom id would
/// not fit (the vote is still counted).
pub fn why_modal(vote: &VoteId) -> Option<CreateInteractionResponse> {
    let id = format!("{WHY_PREFIX}{}:{}", vote.answer, vote.entry);
    if id.chars().count() > CUSTOM_ID {
        return None;
    }
    let input = CreateInputText::new(InputTextStyle::Paragraph, WHY_LABEL, WHY_INPUT)
        .placeholder(WHY_PLACEHOLDER)
        .required(false)
        .max_length(MAX_TEXT as u16);
    Some(CreateInteractionResponse::Modal(
        CreateModal::new(id, MODAL_TITLE).components(vec![CreateActionRow::InputText(input)]),
    ))
}

/// A submitted 👎 modal: the answer and entry it is about, and what was typed (trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Why {
    /// The answer rated 👎.
    pub answer: u64,
    /// Entry answered.
    pub entry: String,
    /// What the user typed (may be empty: the field is optional).
    pub text: String,
}

impl Why {
    /// Reads a modal submission made from [`why_modal`]; `None` for any other modal.
    pub fn parse(custom_id: &str, typed: Option<&str>) -> Option<Why> {
        let rest = custom_id.strip_prefix(WHY_PREFIX)?;
        let (answer, entry) = rest.split_once(':')?;
        let answer = answer.parse().ok()?;
        (!entry.is_empty()).then(|| Why {
            answer,
            entry: entry.to_string(),
            text: typed.unwrap_or_default().trim().to_string(),
        })
    }

    /// Reads serenity's modal data (the text input [`WHY_INPUT`]).
    pub fn from_modal(data: &ModalInteractionData) -> Option<Why> {
        let typed = data
            .components
            .iter()
            .flat_map(|row| &row.components)
            .find_map(|c| match c {
                ActionRowComponent::InputText(t) if t.custom_id == WHY_INPUT => t.value.as_deref(),
                _ => None,
            });
        Why::parse(&data.custom_id, typed)
    }
}

/// How storing a vote went, for the note back to the voter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voted {
    /// A first vote on this answer.
    New,
    /// The voter changed their vote.
    Changed,
    /// The same vote again.
    Same,
    /// The store did not answer; nothing was saved.
    NotSaved,
}

/// The private note after a 👍 (or after a 👎 when no modal is shown).
pub fn thanks(up: bool, voted: Voted) -> Response {
    let vote = if up { "👍" } else { "👎" };
    Response::notice(&match voted {
        Voted::New if up => "Thanks! Glad it helped.".to_string(),
        Voted::New => "Thanks, noted. The team sees answers rated 👎 in `/gaps`.".to_string(),
        Voted::Changed => format!("Changed your vote on this answer to {vote}. Thanks!"),
        Voted::Same => format!("You already rated this answer {vote}. One vote each."),
        Voted::NotSaved => "I couldn't save your vote just now: the database isn't answering. \
             Please try again in a minute."
            .to_string(),
    })
}

/// The private note after the 👎 modal was sent: `saved` is whether the comment was stored
/// (`None`: nothing was typed).
pub fn comment_noted(saved: Option<bool>) -> Response {
    Response::notice(match saved {
        Some(true) => "Thanks, that helps. The team sees your note (without your name) in `/gaps`.",
        None => "Thanks, your 👎 is noted.",
        Some(false) => {
            "Your 👎 is noted, but I couldn't save your note just now: the database isn't \
             answering."
        }
    })
}

/// How many recent answered questions are remembered for a 👎 (per process).
pub const RECENT_CAPACITY: usize = 10_000;
/// How long an answered question is remembered for a 👎, in seconds (a day).
pub const RECENT_SECS: i64 = 24 * 60 * 60;

/// An answered question, remembered in memory only, so that a 👎 can put it in the question
/// log; answered questions are never written anywhere unless rated 👎.
#[derive(Debug, Clone, PartialEq)]
pub struct Remembered {
    /// Server (0 in direct messages).
    pub guild: u64,
    /// Channel.
    pub channel: u64,
    /// When it was asked (Unix seconds).
    pub at: i64,
    /// The question as the log would keep it.
    pub asked: Asked,
}

/// Answered questions of the last [`RECENT_SECS`], at most [`RECENT_CAPACITY`], by answer id.
#[derive(Debug, Default)]
pub struct Recent {
    by_answer: HashMap<u64, Remembered>,
    /// Answer ids, oldest first.
    order: VecDeque<u64>,
}

impl Recent {
    /// Remembers the question behind `answer`, forgetting the oldest ones beyond the
    /// capacity and those older than a day at `r.at`.
    pub fn remember(&mut self, answer: u64, r: Remembered) {
        let now = r.at;
        if self.by_answer.insert(answer, r).is_none() {
            self.order.push_back(answer);
        }
        while let Some(&oldest) = self.order.front() {
            let expired = self
                .by_answer
                .get(&oldest)
                .is_none_or(|o| o.at < now - RECENT_SECS);
            if !expired && self.order.len() <= RECENT_CAPACITY {
                break;
            }
            self.order.pop_front();
            self.by_answer.remove(&oldest);
        }
    }

    /// Takes the question behind `answer` out (so a second 👎 logs it no second time), if it
    /// was asked within a day of `now`.
    pub fn take(&mut self, answer: u64, now: i64) -> Option<Remembered> {
        let r = self.by_answer.remove(&answer)?;
        self.order.retain(|&a| a != answer);
        (r.at >= now - RECENT_SECS).then_some(r)
    }

    /// How many questions are remembered.
    pub fn len(&self) -> usize {
        self.by_answer.len()
    }

    /// Whether nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.by_answer.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rolecall_core::learn::Outcome;

    fn remembered(at: i64, text: &str) -> Remembered {
        Remembered {
            guild: 1,
            channel: 2,
            at,
            asked: Asked {
                outcome: Outcome::Answered,
                text: text.into(),
                entry: Some("po".into()),
                candidates: Vec::new(),
            },
        }
    }

    #[test]
    fn the_modal_asks_what_was_missing_in_at_most_300_characters() {
        let vote = VoteId {
            up: false,
            answer: 123,
            entry: "pm+po.owns".into(),
        };
        let v = serde_json::to_value(why_modal(&vote).unwrap()).unwrap();
        assert_eq!(v["type"], 9, "MODAL");
        assert_eq!(v["data"]["custom_id"], "rc:why:123:pm+po.owns");
        assert_eq!(v["data"]["title"], MODAL_TITLE);
        let input = &v["data"]["components"][0]["components"][0];
        assert_eq!(input["type"], 4, "text input");
        assert_eq!(input["label"], WHY_LABEL);
        assert_eq!(input["max_length"], 300);
        assert_eq!(input["required"], false);
        assert!(MODAL_TITLE.chars().count() <= 45 && WHY_LABEL.chars().count() <= 45);
        let long = VoteId {
            entry: "x".repeat(90),
            ..vote
        };
        assert!(why_modal(&long).is_none());
    }

    #[test]
    fn a_submitted_modal_is_read_back() {
        let w = Why::parse("rc:why:123:po.owns", Some("  who signs off releases?  ")).unwrap();
        assert_eq!(
            w,
            Why {
                answer: 123,
                entry: "po.owns".into(),
                text: "who signs off releases?".into()
            }
        );
        assert_eq!(Why::parse("rc:why:123:po", None).unwrap().text, "");
        for bad in ["rc:why:x:po", "rc:why:1:", "rc:why:1", "rc:vote:u:1:po", ""] {
            assert_eq!(Why::parse(bad, Some("x")), None, "{bad}");
        }
    }

    #[test]
    fn every_note_is_private_text() {
        for up in [true, false] {
            for v in [Voted::New, Voted::Changed, Voted::Same, Voted::NotSaved] {
                let r = thanks(up, v);
                assert!(r.ephemeral && !r.is_answer(), "{up} {v:?}");
            }
        }
        assert!(thanks(true, Voted::Changed).content.unwrap().contains("👍"));
        for saved in [Some(true), Some(false), None] {
            assert!(comment_noted(saved).ephemeral);
        }
    }

    #[test]
    fn recent_questions_are_taken_once_and_forgotten_after_a_day() {
        let mut r = Recent::default();
        r.remember(1, remembered(1_000, "who owns the backlog?"));
        r.remember(2, remembered(2_000, "what does a PM do?"));
        assert_eq!(r.len(), 2);
        assert_eq!(
            r.take(1, 1_500).map(|x| x.asked.text),
            Some("who owns the backlog?".into())
        );
        assert_eq!(r.take(1, 1_500), None, "taken once");
        assert_eq!(r.take(2, 2_000 + RECENT_SECS + 1), None, "over a day old");
        assert!(r.is_empty());
        r.remember(3, remembered(0, "old"));
        r.remember(4, remembered(RECENT_SECS + 1, "new"));
        assert_eq!(r.len(), 1, "the day-old one went when a new one came");
    }

    #[test]
    fn recent_questions_are_bounded() {
        let mut r = Recent::default();
        for i in 0..(RECENT_CAPACITY as u64 + 50) {
            r.remember(i, remembered(5, "q"));
        }
        assert_eq!(r.len(), RECENT_CAPACITY);
        assert!(r.take(0, 5).is_none(), "the oldest went first");
        assert!(r.take(RECENT_CAPACITY as u64 + 49, 5).is_some());
    }
}
