//! Learning from what people ask: the question log's plain types, what a question leaves in
//! it, and (in [`group`] and [`report`]) the knowledge-gaps report built from it.
//!
//! Nothing here touches Discord or a database: the store (`rolecall-store`) reads and writes
//! these types, the bot and `rolecall gaps` show the report.

pub mod group;
pub mod report;
pub mod stubs;

use crate::knowledge::Knowledge;
use crate::limits;
use crate::matching::{Match, Rejection};
use crate::reply::Reply;

/// What became of a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    /// A confident answer was given.
    Answered,
    /// Only "did you mean" suggestions were offered.
    Suggested,
    /// Nothing useful was found.
    Declined,
}

impl Outcome {
    /// Every outcome, in the order reports show them.
    pub const ALL: [Outcome; 3] = [Outcome::Answered, Outcome::Suggested, Outcome::Declined];

    /// The outcome's stored name: `answered`, `suggested` or `declined`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Answered => "answered",
            Outcome::Suggested => "suggested",
            Outcome::Declined => "declined",
        }
    }

    /// Reads a stored name back; `None` for anything else.
    pub fn parse(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

/// An entry the matcher considered for a question, with its confidence (0..=1).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Candidate {
    /// The entry's id, as [`Knowledge::entry_id`] gives it.
    pub entry: String,
    /// How sure the matcher was of it, in [0, 1].
    pub confidence: f32,
}

/// A question as the log keeps it: no user ids, text cut to [`MAX_TEXT`] characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Asked {
    /// What became of it.
    pub outcome: Outcome,
    /// The question, trimmed, whitespace runs made one space, cut to [`MAX_TEXT`] characters.
    pub text: String,
    /// The entry answered, when it was answered.
    pub entry: Option<String>,
    /// The best entries the matcher considered, best first (at most [`MAX_CANDIDATES`]).
    pub candidates: Vec<Candidate>,
}

/// Characters kept of a question or a comment.
pub const MAX_TEXT: usize = 300;
/// Candidates kept per question.
pub const MAX_CANDIDATES: usize = 3;

/// The log entry for `question`, matched as `m` and answered with `r`.
///
/// Answered when `r` answered (`entry` is then `r.entry`) or when the question asked what
/// rolecall can do (help was the answer); suggested when `r` offers suggestions; declined
/// otherwise. The candidates are `m.ranked`'s best [`MAX_CANDIDATES`], as entry ids. The
/// text is trimmed, its whitespace runs made one space and control characters dropped, and
/// cut to [`MAX_TEXT`] characters.
pub fn asked(k: &Knowledge, question: &str, m: &Match, r: &Reply) -> Asked {
    let outcome = if r.answered || m.rejection == Some(Rejection::Help) {
        Outcome::Answered
    } else if !r.suggestions.is_empty() {
        Outcome::Suggested
    } else {
        Outcome::Declined
    };
    let candidates = m
        .ranked
        .iter()
        .take(MAX_CANDIDATES)
        .map(|&(e, c)| Candidate {
            entry: k.entry_id(e),
            confidence: crate::matching::rounded(c),
        })
        .collect();
    Asked {
        outcome,
        text: clean_text(question),
        entry: if outcome == Outcome::Answered {
            r.entry.clone()
        } else {
            None
        },
        candidates,
    }
}

/// `text` as the log keeps it: control characters dropped, trimmed, whitespace runs made
/// one space, cut to [`MAX_TEXT`] characters (ending with `…` when cut).
pub fn clean_text(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined: String = words
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    limits::truncate(joined.trim(), MAX_TEXT)
}

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// Monday 00:00 UTC of the week holding Unix time `at` (weeks for the chart).
pub fn week_start(at: i64) -> i64 {
    let day = at.div_euclid(DAY);
    // 1970-01-01 was a Thursday: day 4 (1970-01-05) is the first Monday.
    let monday = day - (day + 3).rem_euclid(7);
    monday.saturating_mul(DAY)
}

/// 👍 or 👎.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Vote {
    /// 👍: the answer helped.
    Up,
    /// 👎: it did not.
    Down,
}

impl Vote {
    /// The stored value: 1 for 👍, -1 for 👎.
    pub fn as_i64(self) -> i64 {
        match self {
            Vote::Up => 1,
            Vote::Down => -1,
        }
    }

    /// Reads a stored value back; `None` for anything but 1 and -1.
    pub fn from_i64(v: i64) -> Option<Vote> {
        match v {
            1 => Some(Vote::Up),
            -1 => Some(Vote::Down),
            _ => None,
        }
    }
}

/// A logged question read back from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct Logged {
    /// The server it was asked in (0 outside a server).
    pub guild: u64,
    /// The channel it was asked in.
    pub channel: u64,
    /// When, as Unix seconds.
    pub at: i64,
    /// What was kept of it.
    pub asked: Asked,
}

/// 👍/👎 totals of one entry.
#[derive(Debug, Clone, PartialEq)]
pub struct VoteTotal {
    /// The entry's id.
    pub entry: String,
    /// 👍 votes.
    pub up: u32,
    /// 👎 votes.
    pub down: u32,
}

/// A "What were you looking for?" comment left with a 👎 on `entry`.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    /// The entry voted down.
    pub entry: String,
    /// The comment (at most [`MAX_TEXT`] characters).
    pub text: String,
    /// When the vote was cast, as Unix seconds.
    pub at: i64,
}

/// Questions counted in one week (answered ones are counted, never logged with text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekCount {
    /// The week's Monday 00:00 UTC ([`week_start`]).
    pub week: i64,
    /// What became of the questions counted.
    pub outcome: Outcome,
    /// How many there were.
    pub count: u32,
}

/// Everything /gaps and `rolecall gaps` read from the store for one server (or all).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GapsData {
    /// Logged questions, newest first.
    pub questions: Vec<Logged>,
    /// 👍/👎 totals per entry.
    pub votes: Vec<VoteTotal>,
    /// Comments left with 👎, newest first.
    pub comments: Vec<Comment>,
    /// Weekly counts per outcome.
    pub weeks: Vec<WeekCount>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::MatchConfig;
    use crate::reply;
    use crate::KnowledgeBase;

    fn kb() -> KnowledgeBase {
        KnowledgeBase::shipped().expect("shipped knowledge loads")
    }

    fn log(kb: &KnowledgeBase, q: &str) -> Asked {
        let cfg = MatchConfig::DEFAULT;
        let m = kb.find(q, &cfg);
        let r = reply::from_match_in(kb, &m, &cfg, None);
        asked(kb, q, &m, &r)
    }

    #[test]
    fn outcome_names_round_trip() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
        }
        assert_eq!(Outcome::parse("Answered"), None);
        assert_eq!(Outcome::parse(""), None);
    }

    #[test]
    fn votes_round_trip() {
        assert_eq!(Vote::from_i64(Vote::Up.as_i64()), Some(Vote::Up));
        assert_eq!(Vote::from_i64(Vote::Down.as_i64()), Some(Vote::Down));
        assert_eq!(Vote::from_i64(0), None);
        assert_eq!(Vote::from_i64(2), None);
    }

    #[test]
    fn an_answered_question_keeps_its_entry() {
        let kb = kb();
        let a = log(&kb, "who owns the backlog?");
        assert_eq!(a.outcome, Outcome::Answered);
        let entry = a.entry.expect("answered questions name their entry");
        assert!(kb.parse_entry(&entry).is_some(), "{entry} is an entry id");
        assert_eq!(a.candidates[0].entry, entry);
        assert_eq!(a.text, "who owns the backlog?");
    }

    #[test]
    fn a_suggested_question_keeps_its_candidates_as_entry_ids() {
        let kb = kb();
        let cfg = MatchConfig::DEFAULT;
        let q = "the backlog stuff";
        let mut m = kb.find(q, &cfg);
        let r = reply::from_match_in(&kb, &m, &cfg, None);
        assert!(
            !r.answered && !r.suggestions.is_empty(),
            "{q} gets suggestions"
        );
        // The ranking is set by hand, so what is logged is checked against known ids and
        // rounded confidences rather than against the ranking code's own output.
        let entry = |id: &str| kb.parse_entry(id).expect(id);
        m.ranked = vec![
            (entry("po"), 0.612_34),
            (entry("pm+po.owns"), 0.5),
            (entry("pm"), 1.7),
            (entry("pm.salary"), 0.2),
        ];
        let a = asked(&kb, q, &m, &r);
        assert_eq!(a.outcome, Outcome::Suggested);
        assert_eq!(a.entry, None);
        let got: Vec<(&str, f32)> = a
            .candidates
            .iter()
            .map(|c| (c.entry.as_str(), c.confidence))
            .collect();
        assert_eq!(got, [("po", 0.612), ("pm+po.owns", 0.5), ("pm", 1.0)]);
    }

    #[test]
    fn a_declined_question_has_no_entry() {
        let kb = kb();
        let a = log(&kb, "what is the capital of France?");
        assert_eq!(a.outcome, Outcome::Declined);
        assert_eq!(a.entry, None);
        assert!(a.candidates.len() <= MAX_CANDIDATES);
    }

    #[test]
    fn help_counts_as_answered() {
        let kb = kb();
        let a = log(&kb, "help");
        assert_eq!(a.outcome, Outcome::Answered);
    }

    #[test]
    fn long_multibyte_text_is_cut_by_characters() {
        let kb = kb();
        let q = format!("  who   owns\n{}  ", "é日🙂".repeat(200));
        let a = log(&kb, &q);
        assert_eq!(a.text.chars().count(), MAX_TEXT);
        assert!(a.text.starts_with("who owns é日🙂"));
        assert!(a.text.ends_with('…'));
        let short = clean_text("\u{7}who\u{0}\towns  it ");
        assert_eq!(short, "who owns it");
    }

    #[test]
    fn weeks_start_on_monday_midnight_utc() {
        // 2024-01-01 was a Monday.
        let monday = 1_704_067_200;
        assert_eq!(week_start(monday), monday);
        assert_eq!(week_start(monday + 3 * DAY + 5), monday);
        // Sunday 2024-01-07 23:59:59 is still that week; a second later the next begins.
        let sunday_end = monday + 7 * DAY - 1;
        assert_eq!(week_start(sunday_end), monday);
        assert_eq!(week_start(sunday_end + 1), monday + 7 * DAY);
        // Thursday 1970-01-01 is in the week of Monday 1969-12-29.
        assert_eq!(week_start(0), -3 * DAY);
        assert_eq!(week_start(-1), -3 * DAY);
        assert_eq!(week_start(-3 * DAY), -3 * DAY);
        assert_eq!(week_start(-3 * DAY - 1), -10 * DAY);
        // Extremes never panic.
        assert!(week_start(i64::MIN) <= 0);
        assert!(week_start(i64::MAX) > 0);
        assert_eq!(week_start(i64::MAX).rem_euclid(DAY), 0);
    }
}
