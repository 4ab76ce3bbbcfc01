//! Second readings of an ask: with the roles or the term said before it, after all that
//! was said, and which of two readings is surer.

use super::message::Said;
use super::{Band, Interpretation, Match, MatchConfig, Matcher};
use crate::knowledge::Knowledge;

impl Matcher {
    /// `ask`, which points back, read with `roles`, the roles named before it, when that
    /// is surer than `m`; an answer `m` gives is only made surer, never changed.
    pub(super) fn back_at_roles(
        &self,
        k: &Knowledge,
        ask: &str,
        roles: &[usize],
        m: &Match,
        cfg: &MatchConfig,
    ) -> Option<Match> {
        if roles.is_empty() {
            return None;
        }
        let w = self.with_roles(k, ask, roles, cfg);
        let same = m.band != Band::Answer || w.best().map(|b| b.0) == m.best().map(|b| b.0);
        (same && surer(&w, m)).then_some(w)
    }

    /// "Someone mentioned an MVP in planning. What does that mean?": `ask`, matched as
    /// `m` and naming nothing of its own, read with the one term said before it (read as
    /// `before`) and no role, when that is surer.
    pub(super) fn back_at_term(
        &self,
        k: &Knowledge,
        ask: &str,
        before: &Interpretation,
        m: &Match,
        cfg: &MatchConfig,
    ) -> Option<Match> {
        let own = &m.reading;
        let names_nothing = own.roles.is_empty() && own.terms.is_empty() && own.aspects.is_empty();
        let ([], [term]) = (&before.roles[..], &before.terms[..]) else {
            return None;
        };
        if !names_nothing || !before.unknown_roles.is_empty() || !before.out_of_scope.is_empty() {
            return None;
        }
        let w = self.find_read(k, &format!("{ask} ({})", k.terms[*term].name), cfg, true);
        (m.rejection.is_some() || surer(&w, m))
            .then_some(w)
            .filter(|w| w.rejection.is_none())
    }

    /// "The PM says the PO owns the roadmap. My lead says the PM does. Who is right?":
    /// `ask` read after all that was said before it (or what was said alone), when that
    /// is more than one sentence, the message asks nothing else, and the reading answers.
    pub(super) fn with_all_said(
        &self,
        k: &Knowledge,
        said: &Said,
        ask: &str,
        cfg: &MatchConfig,
    ) -> Option<Match> {
        if said.context.len() < 2 || !said.alone {
            return None;
        }
        let all = said.context.join(". ");
        let answers = |w: &Match| w.rejection.is_none() && w.band == Band::Answer;
        // With the ask, or, when its words pull elsewhere ("who …"), what was said alone.
        let w = self.find_read(k, &format!("{all}. {ask}"), cfg, true);
        if answers(&w) {
            return Some(w);
        }
        let w = self.find_read(k, &all, cfg, true);
        answers(&w).then_some(w)
    }

    /// Matches `ask` read after `before`, what was said just before it. The roles `before`
    /// names are what the ask is about, not choices it names.
    pub(super) fn with_before(
        &self,
        k: &Knowledge,
        before: &str,
        ask: &str,
        cfg: &MatchConfig,
    ) -> Match {
        self.find_read(k, &format!("{before}. {ask}"), cfg, true)
    }

    /// Matches `ask` with the names of `roles` added: "do we need both roles? (Product
    /// Manager, Product Owner)".
    pub(super) fn with_roles(
        &self,
        k: &Knowledge,
        ask: &str,
        roles: &[usize],
        cfg: &MatchConfig,
    ) -> Match {
        let names: Vec<&str> = roles.iter().map(|&r| k.roles[r].name.as_str()).collect();
        self.find_read(k, &format!("{ask} ({})", names.join(", ")), cfg, true)
    }
}

/// True when `w`, a second reading, is a match and surer than `m`: answered where `m` is
/// not, or in the same band with a higher confidence.
pub(super) fn surer(w: &Match, m: &Match) -> bool {
    w.rejection.is_none()
        && ((w.band == Band::Answer && m.band != Band::Answer)
            || (w.band == m.band && w.confidence() > m.confidence()))
}
