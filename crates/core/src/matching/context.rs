//! What the context around an ask says: the asker speaks as a role, calls on one, heads
//! for one, or names a title or a concept of the setting.

use super::lexicon::Tok;
use super::Matcher;
use crate::knowledge::Knowledge;
use smol_str::SmolStr;

/// How many words before a role a self-description may start ("I'm *pretty new as a* PO").
const SELF_REACH: usize = 4;

/// Most small words between a phrase of heading for a role and the role ("applying for
/// *a* PM job").
const ASPIRING_GAP: usize = 2;

impl Matcher {
    /// True when `word` weighs little in the knowledge ("who"): it tells nothing of what
    /// an ask is about.
    pub(super) fn light(&self, word: &str) -> bool {
        self.lexicon
            .lookup(&crate::normalize::word_key(word))
            .is_none_or(|id| self.index.weights[id as usize] <= super::index::LIGHT_WEIGHT)
    }

    /// True when `text` has the asker say they hold a role: "I'm a new PO", "as a product
    /// manager", "Product owner here".
    pub(super) fn speaks_as_role(&self, k: &Knowledge, text: &str) -> bool {
        let lang = &k.language;
        let q = self.read(false, text);
        let w = &q.words;
        q.tokens
            .iter()
            .filter(|t| matches!(self.lexicon.kinds[t.id as usize], Tok::Role(_)))
            .any(|t| {
                let before = &w[t.start.saturating_sub(SELF_REACH)..t.start];
                let end = t.start + t.len;
                before
                    .iter()
                    .any(|x| x == "as" || (lang.is_first_person(x) && !lang.is_determiner(x)))
                    || (w[..t.start]
                        .iter()
                        .all(|x| lang.all_chatter(&[x.as_str()]) && !lang.is_determiner(x))
                        && w.get(end).is_some_and(|x| lang.is_here_word(x)))
            })
    }

    /// True when `text` names a job title the knowledge has no role for ("project
    /// manager").
    pub(super) fn names_title(&self, text: &str) -> bool {
        self.mentions(text, |t| self.lexicon.titles.contains(&t))
    }

    /// True when `text` names a concept of the setting ("agile", "SAFe").
    pub(super) fn names_ambient(&self, text: &str) -> bool {
        self.mentions(text, |t| self.lexicon.ambient[t as usize])
    }

    /// True when `text`, read as context, holds a token `which` picks.
    pub(super) fn mentions(&self, text: &str, which: impl Fn(u32) -> bool) -> bool {
        self.read(false, text).tokens.iter().any(|t| which(t.id))
    }

    /// The role `text` has the asker heading for: "becoming a PO", "applying for a product
    /// manager job" (at most [`ASPIRING_GAP`] small words between).
    pub(super) fn aspired_role(&self, k: &Knowledge, text: &str) -> Option<usize> {
        let q = self.read(false, text);
        let end = k.language.aspiring_end(&q.words)?;
        let t = q.tokens.iter().find(|t| t.start >= end)?;
        let gap = &q.words[end..t.start];
        let small = gap.iter().all(|w| crate::normalize::is_stop_word(w));
        match self.lexicon.kinds[t.id as usize] {
            Tok::Role(r) if gap.len() <= ASPIRING_GAP && small => Some(r),
            _ => None,
        }
    }

    /// True when `text` only calls on those who hold one role: "Hey product owners", "PMs".
    pub(super) fn addresses_role(&self, k: &Knowledge, text: &str) -> bool {
        let lang = &k.language;
        let q = self.read(false, text);
        let mut roles = q
            .tokens
            .iter()
            .filter(|t| matches!(self.lexicon.kinds[t.id as usize], Tok::Role(_)));
        let Some(role) = roles.next() else {
            return false;
        };
        let calls = |x: &SmolStr| lang.is_greeting(x) || lang.is_opener(x) || lang.is_chatter(x);
        roles.next().is_none()
            && q.words
                .iter()
                .enumerate()
                .all(|(i, x)| (role.start..role.start + role.len).contains(&i) || calls(x))
    }
}
