//! The best few entries a question has met so far, and when a score could still change them.

use crate::knowledge::Entry;

/// The best few distinct entries, highest score first.
#[derive(Debug, Default)]
pub(crate) struct Top {
    /// Entries and scores, best first.
    pub items: Vec<(Entry, f32)>,
    /// Score below which an entry is never offered to the asker ("did you mean" starts
    /// there): lower ones matter only as the best or beside it.
    floor: f32,
}

/// How far below the best score an entry may still change the answer: a FAQ close to a
/// role card takes its place (`prefer_specific`), with a margin.
const BESIDE_BEST: f32 = 0.1;

impl Top {
    const SIZE: usize = 4;

    /// An empty top whose entries below `floor` are never shown.
    pub(crate) fn new(floor: f32) -> Top {
        Top {
            items: Vec::new(),
            floor,
        }
    }

    /// False when no entry scoring at most `bound` could change what is shown: it would
    /// not enter, or it is below the floor and well below the best.
    pub(super) fn worth(&self, bound: f32) -> bool {
        let shown = bound >= self.floor - 0.001
            || self
                .items
                .first()
                .is_none_or(|&(_, best)| bound >= best - BESIDE_BEST);
        shown && self.may_take(bound)
    }

    /// False when `score` surely cannot enter (the top is full of better scores): most
    /// documents of a question with common words stop here, unrounded and unsearched.
    pub(super) fn may_take(&self, score: f32) -> bool {
        self.items.len() < Self::SIZE || self.items.last().is_none_or(|&(_, s)| score >= s - 0.001)
    }

    pub(super) fn offer(&mut self, entry: Entry, score: f32) {
        // Scores within float noise of each other tie, so the more specific entry wins.
        let score = (score * 1000.0).round() / 1000.0;
        if let Some(i) = self.items.iter().position(|&(e, _)| e == entry) {
            if self.items[i].1 >= score {
                return;
            }
            self.items.remove(i);
        }
        let pos = self
            .items
            .iter()
            .position(|&(e, s)| score > s || (score == s && (rank(entry), entry) < (rank(e), e)))
            .unwrap_or(self.items.len());
        if pos < Self::SIZE {
            self.items.insert(pos, (entry, score));
            self.items.truncate(Self::SIZE);
        }
    }
}

/// Preference among equally scored entries: the most specific answer first (then the
/// one written first, so a tie never depends on the order entries are scored in).
fn rank(e: Entry) -> u8 {
    match e {
        Entry::Fact { .. } => 0,
        Entry::Compare {
            aspect: Some(_), ..
        } => 1,
        Entry::Faq(_) => 2,
        Entry::Compare { .. } => 3,
        Entry::Term(_) => 4,
        Entry::Role(_) => 5,
    }
}
