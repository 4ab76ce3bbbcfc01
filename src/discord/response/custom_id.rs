//! Custom ids: what a button or menu does, written into its custom id and read back from it.

use rolecall_core::limits::CUSTOM_ID;

/// Prefix of the custom id of every button that answers an entry.
pub const CUSTOM_ID_PREFIX: &str = "rc:ans:";
/// Prefix of the custom id of the aspect menu (`rc:pick:<asker>`).
pub const PICK_PREFIX: &str = "rc:pick:";
/// Prefix of the custom id of the "None of these" button (`rc:none:<asker>`).
pub const NONE_PREFIX: &str = "rc:none:";
/// Prefix of the custom id of the 👍 and 👎 buttons (`rc:vote:<u|d>:<answer>:<entry>`).
pub const VOTE_PREFIX: &str = "rc:vote:";

/// What a button does when clicked: answer `entry`, asked originally by `asker`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ButtonId {
    /// User id of whoever asked the question the button sits under.
    pub asker: u64,
    /// Entry id to answer.
    pub entry: String,
}

impl ButtonId {
    /// The custom id `rc:ans:<asker>:<entry>`, or `None` when it would exceed 100 characters.
    pub fn encode(&self) -> Option<String> {
        let id = format!("{CUSTOM_ID_PREFIX}{}:{}", self.asker, self.entry);
        (id.chars().count() <= CUSTOM_ID).then_some(id)
    }

    /// Reads a custom id made by [`ButtonId::encode`]; `None` for anything else.
    pub fn parse(custom_id: &str) -> Option<ButtonId> {
        let rest = custom_id.strip_prefix(CUSTOM_ID_PREFIX)?;
        let (asker, entry) = rest.split_once(':')?;
        let asker = asker.parse().ok()?;
        (!entry.is_empty()).then(|| ButtonId {
            asker,
            entry: entry.to_string(),
        })
    }
}

/// A 👍 or 👎 button: the vote, the answer it rates and the entry answered.
///
/// The answer is the id of what was answered (the `/ask` interaction, the question's
/// message, or the click that answered), so each answer is rated apart, one vote per user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteId {
    /// 👍 (true) or 👎 (false).
    pub up: bool,
    /// The answer's id (a Discord snowflake).
    pub answer: u64,
    /// Entry id answered.
    pub entry: String,
}

impl VoteId {
    /// The custom id `rc:vote:<u|d>:<answer>:<entry>`, or `None` when it would exceed 100
    /// characters.
    pub fn encode(&self) -> Option<String> {
        let vote = if self.up { 'u' } else { 'd' };
        let id = format!("{VOTE_PREFIX}{vote}:{}:{}", self.answer, self.entry);
        (id.chars().count() <= CUSTOM_ID).then_some(id)
    }

    /// Reads a custom id made by [`VoteId::encode`]; `None` for anything else.
    pub fn parse(custom_id: &str) -> Option<VoteId> {
        let rest = custom_id.strip_prefix(VOTE_PREFIX)?;
        let (vote, rest) = rest.split_once(':')?;
        let (answer, entry) = rest.split_once(':')?;
        let up = match vote {
            "u" => true,
            "d" => false,
            _ => return None,
        };
        let answer = answer.parse().ok()?;
        (!entry.is_empty()).then(|| VoteId {
            up,
            answer,
            entry: entry.to_string(),
        })
    }
}

/// Any component rolecall puts under a message, read back from its custom id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComponentId {
    /// A button answering an entry (suggestion, related entry or example question).
    Answer(ButtonId),
    /// The aspect menu under an answer to `asker`; the entry is the picked value.
    Pick {
        /// User id of whoever asked the question the menu sits under.
        asker: u64,
    },
    /// The "None of these" button under suggestions offered to `asker`.
    NoneOfThese {
        /// User id of whoever asked the question the button sits under.
        asker: u64,
    },
    /// A 👍 or 👎 under an answer.
    Vote(VoteId),
}

impl ComponentId {
    /// The custom id (`rc:ans:…`, `rc:pick:<asker>`, `rc:none:<asker>`), or `None` when it
    /// would exceed 100 characters.
    pub fn encode(&self) -> Option<String> {
        match self {
            ComponentId::Answer(b) => b.encode(),
            ComponentId::Pick { asker } => Some(format!("{PICK_PREFIX}{asker}")),
            ComponentId::NoneOfThese { asker } => Some(format!("{NONE_PREFIX}{asker}")),
            ComponentId::Vote(v) => v.encode(),
        }
    }

    /// Reads a custom id made by [`ComponentId::encode`]; `None` for anything else.
    pub fn parse(custom_id: &str) -> Option<ComponentId> {
        if let Some(b) = ButtonId::parse(custom_id) {
            return Some(ComponentId::Answer(b));
        }
        if let Some(v) = VoteId::parse(custom_id) {
            return Some(ComponentId::Vote(v));
        }
        if let Some(asker) = custom_id.strip_prefix(PICK_PREFIX) {
            return Some(ComponentId::Pick {
                asker: asker.parse().ok()?,
            });
        }
        let asker = custom_id.strip_prefix(NONE_PREFIX)?.parse().ok()?;
        Some(ComponentId::NoneOfThese { asker })
    }
}
