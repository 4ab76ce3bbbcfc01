//! Walking the FAQ phrasings and terms that share a token with the question, skipping
//! those a bound shows could not change the answer (MaxScore with block bounds).

use super::{evidence, Forgive, Query, Top, WHO_COMPARE};
use crate::knowledge::Entry;
use crate::matching::index::{token_bit, BLOCK, NOT_FAQ};
use crate::matching::interpret::Intent;
use crate::matching::lexicon::Tok;
use std::cell::RefCell;

thread_local! {
    /// Which documents this question has scored (a bit each), and their ids to clear after.
    static SCRATCH: RefCell<(Vec<u64>, Vec<u32>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

#[cfg(test)]
thread_local! {
    /// In tests, makes [`Query::docs`] score every document, to check that what it skips
    /// never changes an answer.
    pub(crate) static EXHAUSTIVE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// True when [`Query::docs`] must skip nothing (only ever in tests).
fn exhaustive() -> bool {
    #[cfg(test)]
    return EXHAUSTIVE.get();
    #[cfg(not(test))]
    false
}

/// Postings from which a list's phrasings are sifted by their signatures before being
/// scored: shorter lists are scored straight away, which is cheaper.
const SIFT_FROM: usize = 256;

/// Weight of the tokens two sorted token lists share.
fn shared_weight(a: &[u32], b: &[u32], weights: &[f32]) -> f32 {
    let (mut i, mut j, mut m) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                m += weights[a[i] as usize];
                i += 1;
                j += 1;
            }
        }
    }
    m
}

impl Query<'_> {
    /// The highest score a FAQ phrasing weighing at least `need` can reach when the
    /// question tokens it holds weigh `m` at most (its weight is also at least `m`).
    fn faq_bound(&self, m: f32, need: f32) -> f32 {
        let denom = m + self.lambda * (self.total - m).max(0.0) + need.max(m);
        if denom <= 0.0 {
            0.0
        } else {
            (2.0 * m / denom).min(1.0) * evidence(m)
        }
    }

    /// Scores every FAQ phrasing and term sharing a token with the question that could
    /// change what `top` shows (MaxScore with block bounds). Terms are few and always
    /// scored, first. Then the question's tokens are taken heaviest first, and each FAQ
    /// phrasing is scored whole the first time one of its tokens comes up, unless a bound
    /// shows it could not count (see [`Top::worth`]): a phrasing not yet seen holds only
    /// the tokens still to come (in a long list, only those its signature allows), and
    /// weighs at least its block's least weight. Lists hold their phrasings lightest
    /// first, so the walk of a list stops at the first block that cannot count. A question
    /// with common words thus skips the many phrasings that share one word with it but say
    /// much more ("who owns the deploy for kalomi?" for "who owns the backlog?").
    pub(crate) fn docs(&self, top: &mut Top) {
        let ix = self.ix;
        let mut order: Vec<(u32, f32)> = self.tokens.iter().map(|&t| (t, self.w(t))).collect();
        order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut left: f32 = order.iter().map(|&(_, w)| w).sum();
        let mut rest_bits: Vec<(u64, f32)> = Vec::with_capacity(order.len());
        SCRATCH.with(|cell| {
            let (seen, touched) = &mut *cell.borrow_mut();
            let words = ix.docs.len().div_ceil(64);
            if seen.len() < words {
                seen.resize(words, 0);
            }
            let is_seen = |seen: &[u64], d: u32| seen[d as usize / 64] & (1u64 << (d % 64)) != 0;
            let mut first_visit = |seen: &mut [u64], d: u32| {
                let new = !is_seen(seen, d);
                if new {
                    seen[d as usize / 64] |= 1u64 << (d % 64);
                    touched.push(d);
                }
                new
            };
            for &(t, _) in &order {
                let list = &ix.postings[t as usize];
                for &d in &list[list.partition_point(|&d| d < ix.first_term)..] {
                    if first_visit(seen, d) {
                        self.score_doc(d, top);
                    }
                }
            }
            for (i, &(t, w)) in order.iter().enumerate() {
                let list = &ix.postings[t as usize];
                let faqs = &list[..list.partition_point(|&d| d < ix.first_term)];
                let long = faqs.len() > SIFT_FROM;
                // The signature bits of the tokens still to come, worked out once per list.
                rest_bits.clear();
                if long {
                    rest_bits.extend(order[i..].iter().map(|&(r, rw)| (token_bit(r), rw)));
                }
                // The list is lightest first and the bar only rises: once a block, or in a
                // short list a phrasing, cannot count, none after it can.
                'list: for (block, &need) in faqs.chunks(BLOCK).zip(&ix.block_need[t as usize]) {
                    if !top.worth(self.faq_bound(left, need)) && !exhaustive() {
                        break;
                    }
                    for &d in block {
                        // A phrasing already scored needs no bound.
                        if is_seen(seen, d) {
                            continue;
                        }
                        // In a long list, the tokens still to come that the phrasing may
                        // hold (its signature may say yes wrongly, never no wrongly).
                        let may_hold = if long {
                            let sig = ix.doc_sigs[d as usize];
                            rest_bits
                                .iter()
                                .filter(|&&(bit, _)| sig & bit != 0)
                                .map(|&(_, rw)| rw)
                                .sum()
                        } else {
                            left
                        };
                        let need = ix.doc_weights[d as usize];
                        let worth = top.worth(self.faq_bound(may_hold, need)) || exhaustive();
                        if !worth && !long {
                            break 'list;
                        }
                        if worth && first_visit(seen, d) {
                            self.score_doc(d, top);
                        }
                    }
                }
                left -= w;
            }
            for &d in touched.iter() {
                seen[d as usize / 64] = 0;
            }
            touched.clear();
        });
    }

    /// Weight of what a term is set beside in a comparison of terms ("an epic vs a user
    /// story", for the epic: the other term and the comparison cue), which its definition
    /// answers as much as the other's does: accepted without penalty.
    fn set_beside(&self, doc: &crate::matching::index::Doc) -> f32 {
        if self.it.intent != Intent::Compare || self.terms_named() < 2 {
            return 0.0;
        }
        self.tokens
            .iter()
            .filter(|&&t| !doc.tokens.contains(&t))
            .filter(|&&t| matches!(self.lx.kinds[t as usize], Tok::Term(_) | Tok::Compare))
            .map(|&t| self.w(t))
            .sum()
    }

    /// Scores document `d` and offers its entry.
    fn score_doc(&self, d: u32, top: &mut Top) {
        let ix = self.ix;
        let matched = shared_weight(&self.tokens, ix.tokens_of(d), &ix.weights);
        let faq = ix.doc_faqs[d as usize];
        if faq != NOT_FAQ {
            let s = self.dice(matched, ix.doc_weights[d as usize], 0.0, Forgive::Nothing);
            if top.may_take(s) {
                top.offer(Entry::Faq(faq as usize), s);
            }
            return;
        }
        let doc = &ix.docs[d as usize];
        let extra = match doc.entry {
            Entry::Term(_) => {
                self.term_optional
                    .iter()
                    .filter(|t| self.has(**t))
                    .map(|&t| self.w(t))
                    .sum::<f32>()
                    + self.set_beside(doc)
            }
            _ => 0.0,
        };
        let forgive = match doc.entry {
            Entry::Term(_) if self.it.intent == Intent::WhatIs => Forgive::Framing,
            _ => Forgive::Nothing,
        };
        let mut s = self.dice(matched, doc.weight, extra, forgive);
        // "Who …?" wants a role, not a definition.
        if self.it.intent == Intent::WhoDoes && matches!(doc.entry, Entry::Term(_)) {
            s *= WHO_COMPARE;
        }
        top.offer(doc.entry, s);
    }
}

#[cfg(test)]
mod tests {
    use super::EXHAUSTIVE;
    use crate::knowledge::{Knowledge, Source};
    use crate::matching::{MatchConfig, Matcher};

    /// A team FAQ file of `n` entries whose phrasings share words with the shipped
    /// knowledge and with each other, so that many phrasings tie on a word.
    fn team_faqs(n: usize) -> String {
        const SHARED: &[&str] = &[
            "backlog", "roadmap", "release", "customer", "feedback", "vision", "metrics", "team",
            "product", "owner", "manager", "stories", "budget", "demo", "salary",
        ];
        const VERBS: &[&str] = &["owns", "approves", "reviews", "writes", "plans", "tracks"];
        const SYLLABLES: &[&str] = &["ka", "lo", "mi", "ren", "tus", "va", "sel", "dri"];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as usize
        };
        let mut out = String::new();
        for i in 0..n {
            let mut word = || {
                (0..3)
                    .map(|_| SYLLABLES[next() % SYLLABLES.len()])
                    .collect::<String>()
            };
            let (a, b) = (word(), word());
            let mut phrase = |team: &str| {
                let (v, s) = (VERBS[next() % VERBS.len()], SHARED[next() % SHARED.len()]);
                match next() % 3 {
                    0 => format!("who {v} the {s} for {team}"),
                    1 => format!("when do we review the {s} of {team}"),
                    _ => format!("where is the {team} {s}"),
                }
            };
            out.push_str(&format!(
                "[[faq]]\nid = \"team-{i}\"\nquestion = \"{}?\"\nphrasings = [\"{}\", \"{}\"]\nanswer = \"Ask {a} about {b}.\"\n\n",
                phrase(&a),
                phrase(&b),
                phrase(&a),
            ));
        }
        out
    }

    /// Skipping phrasings that cannot count never changes what a question gets: the same
    /// band, best entry and score, and the same entries offered as "did you mean".
    #[test]
    fn skipping_changes_no_answer() {
        let mut sources = Knowledge::shipped_sources();
        sources.push(Source {
            path: "team.toml".into(),
            text: team_faqs(3_000),
        });
        let k = Knowledge::from_sources(sources).expect("generated knowledge loads");
        let (m, _) = Matcher::build(&k);
        let cfg = MatchConfig::DEFAULT;
        let questions = [
            "who owns the backlog?",
            "who owns the backlog for kalomi?",
            "when do we review the customer feedback and the metrics?",
            "where is the roadmap",
            "who approves the release",
            "who keeps an eye on churn?",
            "what does ART stand for",
            "hey, who writes the stories for the team? thanks",
            "PM vs PO salary",
            "what is the vision of the product owner",
            "when do we review the demo",
            "where is the team budget",
            "who tracks the metrics of rentuska",
            "backlog roadmap release customer feedback vision metrics team product",
        ];
        let visible = |q: &str| {
            let found = m.find(&k, q, &cfg);
            let offered: Vec<_> = found
                .ranked
                .iter()
                .filter(|&&(_, s)| s >= cfg.suggest)
                .copied()
                .collect();
            (found.band, found.best(), offered)
        };
        let mut full = 0;
        for q in questions {
            let pruned = visible(q);
            EXHAUSTIVE.set(true);
            let all = visible(q);
            EXHAUSTIVE.set(false);
            assert_eq!(pruned, all, "{q}");
            full += usize::from(m.find(&k, q, &cfg).ranked.len() == 4);
        }
        // The knowledge is big enough that most questions meet more phrasings than shown.
        assert!(
            full * 2 > questions.len(),
            "only {full} questions met 4 entries or more"
        );
    }
}
