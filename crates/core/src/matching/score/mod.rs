//! Candidates and their scores: every candidate (FAQ phrasing, term, role card, fact,
//! comparison, "who does X" fact) is scored by one weighted Dice formula,
//! `2·matched / (matched + λ·unexplained + required)`, scaled down when the evidence is thin.

mod top;
mod walk;

use super::index::Index;
use super::interpret::{Intent, Interpretation};
use super::lexicon::{Lexicon, Tok};
use crate::knowledge::{Entry, Kind, Knowledge, RoleSet};
pub(crate) use top::Top;

/// Matched weight below which a match is too thin to trust fully (one common word).
const MIN_EVIDENCE: f32 = 1.5;
/// Questions up to this many words count unexplained words in full.
const SHORT_QUESTION_WORDS: f32 = 4.0;
/// Highest score a "who does X" answer composed from a role's facts may reach, so a FAQ
/// written for the question wins a tie.
const REVERSE_CAP: f32 = 0.8;
/// Highest score a "who does X, the PM or the PO?" answer from one of the named roles'
/// facts may reach: below the FAQs' usual scores for the same question.
const CHOICE_CAP: f32 = 0.7;
/// Share of a comparison's score kept when the question asks "who …?".
const WHO_COMPARE: f32 = 0.7;
/// Share of a "who does X" score kept when another role's facts explain the question too.
const REVERSE_SHARED: f32 = 0.6;

/// Scales down matches resting on too little: a lone "manager" must not decide an answer.
fn evidence(matched: f32) -> f32 {
    (matched / MIN_EVIDENCE).min(1.0)
}

/// How much unexplained words count against a match: fully in short questions, less
/// in long chatty ones ("my company wants me to…"), never below half.
fn unexplained_factor(words: usize) -> f32 {
    (SHORT_QUESTION_WORDS / words.max(1) as f32)
        .sqrt()
        .clamp(0.5, 1.0)
}

/// Which unexplained words a candidate does not hold against the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Forgive {
    /// Every unexplained word counts.
    Nothing,
    /// Words the knowledge has never seen do not count.
    Unknown,
    /// Words the knowledge has never seen do not count unless they carry a topic ("what
    /// does MVP *really* mean", not "what are the *elements* of a roadmap").
    Framing,
    /// Unknown words and words no FAQ phrasing uses do not count, the other unexplained
    /// words count half: a question that names one role and asks what it is ("what does a
    /// PO actually do at a company").
    Chat,
}

/// A question's tokens with their weights, ready to score candidates against.
pub(crate) struct Query<'a> {
    lx: &'a Lexicon,
    ix: &'a Index,
    it: &'a Interpretation,
    tokens: Vec<u32>,
    /// Weight of every token plus every unknown word.
    total: f32,
    /// Weight of the unknown words alone.
    unknown: f32,
    /// Weight of the unknown words that carry a topic (rare ones).
    topical: f32,
    /// Weight of the unknown words plus the words no FAQ phrasing uses (they point to no
    /// other entry: "ok so … around here").
    noise: f32,
    lambda: f32,
    structured_optional: &'a [u32],
    role_optional: &'a [u32],
    term_optional: &'a [u32],
}

/// Word lists (as sorted ids) that some candidates accept without penalty.
#[derive(Debug, Default)]
pub(crate) struct Optional {
    /// "who", "whose": fine on any structured answer.
    pub structured: Vec<u32>,
    /// "describe", "overview": fine on a role card.
    pub role: Vec<u32>,
    /// "stand", "acronym": fine on a term.
    pub term: Vec<u32>,
}

impl<'a> Query<'a> {
    /// Prepares `tokens` (with `unknown` unknown words, weighing `unknown_w` together, of
    /// which `topical_w` is the weight of those that carry a topic) for scoring.
    pub(super) fn new(
        lx: &'a Lexicon,
        ix: &'a Index,
        it: &'a Interpretation,
        opt: &'a Optional,
        tokens: Vec<u32>,
        (unknown, unknown_w, topical_w): (usize, f32, f32),
    ) -> Query<'a> {
        // Asking why is a bonus for the answers that give a reason, never a word an answer
        // must explain ("why build an MVP?" is still the MVP term).
        let bonus = |t: u32| t == lx.why;
        let total = tokens
            .iter()
            .filter(|&&t| !bonus(t))
            .map(|&t| ix.weights[t as usize])
            .sum::<f32>()
            + unknown_w;
        let lambda = unexplained_factor(tokens.iter().filter(|&&t| !bonus(t)).count() + unknown);
        let noise = unknown_w
            + tokens
                .iter()
                .filter(|&&t| {
                    matches!(lx.kinds[t as usize], Tok::Word { .. })
                        && ix.postings[t as usize].is_empty()
                })
                .map(|&t| ix.weights[t as usize])
                .sum::<f32>();
        Query {
            lx,
            ix,
            it,
            tokens,
            total,
            unknown: unknown_w,
            topical: topical_w,
            noise,
            lambda,
            structured_optional: &opt.structured,
            role_optional: &opt.role,
            term_optional: &opt.term,
        }
    }

    /// How many terms the question names, besides its setting ("SAFe").
    pub(super) fn terms_named(&self) -> usize {
        self.tokens
            .iter()
            .filter(|&&t| matches!(self.lx.kinds[t as usize], Tok::Term(_)))
            .count()
    }

    fn has(&self, t: u32) -> bool {
        self.tokens.contains(&t)
    }

    fn w(&self, t: u32) -> f32 {
        self.ix.weights[t as usize]
    }

    /// The one formula: `2·m / (m + λ·unexplained + need + extra)`, scaled by evidence.
    /// `m` is the matched weight (required tokens present plus `extra`, the optional ones),
    /// `need` the weight the candidate requires; `forgive` says which words do not count
    /// as unexplained.
    fn dice(&self, matched: f32, need: f32, extra: f32, forgive: Forgive) -> f32 {
        let m = matched + extra;
        let total = match forgive {
            Forgive::Nothing => self.total,
            Forgive::Unknown => self.total - self.unknown,
            Forgive::Framing => self.total - (self.unknown - self.topical),
            Forgive::Chat => (self.total - self.noise + matched + extra) / 2.0,
        };
        let denom = m + self.lambda * (total - m).max(0.0) + need + extra;
        if denom <= 0.0 {
            0.0
        } else {
            (2.0 * m / denom).min(1.0) * evidence(m)
        }
    }

    /// Scores a structured candidate that requires `required` and accepts `optional`.
    fn score(&self, required: &[u32], optional: &[&[u32]], forgive: Forgive) -> f32 {
        let mut matched = 0.0;
        let mut need = 0.0;
        for &t in required {
            need += self.w(t);
            if self.has(t) {
                matched += self.w(t);
            }
        }
        let extra: f32 = self
            .tokens
            .iter()
            .filter(|t| !required.contains(t) && optional.iter().any(|o| o.contains(t)))
            .map(|&t| self.w(t))
            .sum();
        self.dice(matched, need, extra, forgive)
    }

    /// True when the question has words beyond roles, aspects, comparison cues and
    /// "who" (or words rolecall does not know): e.g. the "Epic Owner" in "Epic Owner vs PO".
    fn has_loose_words(&self) -> bool {
        self.unknown > 0.0
            || self.tokens.iter().any(|&t| {
                matches!(self.lx.kinds[t as usize], Tok::Word { .. } | Tok::Term(_))
                    && !self.structured_optional.contains(&t)
            })
    }

    /// Scores role cards, facts and comparisons for the roles and aspects named.
    pub(super) fn structured(&self, k: &Knowledge, top: &mut Top) {
        let mut roles: Vec<(usize, u32)> = Vec::new();
        let mut aspects: Vec<(usize, u32)> = Vec::new();
        let mut compare = None;
        for &t in &self.tokens {
            match self.lx.kinds[t as usize] {
                Tok::Role(r) => roles.push((r, t)),
                Tok::Aspect(a) => aspects.push((a, t)),
                Tok::Compare => compare = Some(t),
                _ => {}
            }
        }
        let so: &[u32] = self.structured_optional;
        let cmp: Vec<u32> = compare.into_iter().collect();
        let mask: RoleSet = roles.iter().map(|&(r, _)| r).collect();
        let role_tokens: Vec<u32> = roles.iter().map(|&(_, t)| t).collect();
        let what_is = self.it.intent == Intent::WhatIs;
        // "Who …?" wants a role, not a side-by-side.
        let who = if self.it.intent == Intent::WhoDoes {
            WHO_COMPARE
        } else {
            1.0
        };
        for &(r, t) in &roles {
            // "What's a PM supposed to do when there's already a PO?": the first role named
            // is the one asked about.
            let subject = self.it.roles.first() == Some(&r);
            // Not when a word the knowledge lacks is what is asked of the role ("explain
            // the PO's *vacation* policy").
            let chat = what_is && subject && aspects.is_empty() && compare.is_none();
            // "What's the *career path* after a PO?": a word no FAQ asks about, before the
            // role, is what is asked of it; the card says what the role is.
            let asks_of_role = self.it.before_role.iter().any(|&b| {
                self.ix.postings[b as usize].is_empty()
                    && !self.role_optional.contains(&b)
                    && !self.structured_optional.contains(&b)
                    && !self.lx.language.is_what_is_word(&self.lx.texts[b as usize])
            });
            let forgive = if chat && !self.it.topic_of_role && !asks_of_role {
                Forgive::Chat
            } else {
                Forgive::Nothing
            };
            top.offer(
                Entry::Role(r),
                self.score(&[t], &[so, self.role_optional], forgive),
            );
            for &(a, at) in &aspects {
                if k.roles[r].facts[a].is_some() {
                    let forgive = Forgive::Nothing;
                    top.offer(
                        Entry::Fact { role: r, aspect: a },
                        self.score(&[t, at], &[so, self.role_optional], forgive),
                    );
                }
            }
        }
        if roles.len() >= 2 {
            // "PO vs PM – what's the *real* difference?": set side by side and asked how
            // they differ, on no aspect, the roles are read as a role card is.
            // Only when nothing else it says points to another entry.
            let nothing_else = self
                .tokens
                .iter()
                .all(|&t| match self.lx.kinds[t as usize] {
                    Tok::Role(_) | Tok::Compare => true,
                    Tok::Word { .. } => self.ix.postings[t as usize].is_empty(),
                    _ => false,
                });
            let forgive = if compare.is_some()
                && aspects.is_empty()
                && self.it.intent == Intent::Compare
                && nothing_else
            {
                Forgive::Chat
            } else {
                Forgive::Nothing
            };
            top.offer(
                Entry::Compare {
                    roles: mask,
                    aspect: None,
                },
                self.score(&role_tokens, &[so, &cmp], forgive) * who,
            );
            for &(a, at) in &aspects {
                if k.all_have(mask, a) {
                    let mut req = role_tokens.clone();
                    req.push(at);
                    top.offer(
                        Entry::Compare {
                            roles: mask,
                            aspect: Some(a),
                        },
                        self.score(&req, &[so, &cmp], Forgive::Unknown) * who,
                    );
                }
            }
        } else if roles.len() == 1
            && compare.is_some()
            && k.roles.len() >= 2
            && !self.has_loose_words()
        {
            // "how is the PO different?": compare with every other role.
            // With many roles, the one asked about and the first others that fit.
            let mut all = RoleSet::default();
            all.insert(roles[0].0);
            for r in 0..k.roles.len() {
                if !all.insert(r) {
                    break;
                }
            }
            let aspect = aspects.iter().find(|&&(a, _)| k.all_have(all, a));
            let mut req = role_tokens.clone();
            req.extend(aspect.map(|&(_, at)| at));
            top.offer(
                Entry::Compare {
                    roles: all,
                    aspect: aspect.map(|&(a, _)| a),
                },
                self.score(&req, &[so, &cmp], Forgive::Nothing),
            );
        } else if roles.is_empty() && self.it.terms.is_empty() {
            // An aspect word with no role, beside a term ("a story vs a *task*"), is a
            // plain word: the question is about the term, not the roles' jobs.
            for &(a, at) in &aspects {
                let with = k.roles_with(a);
                let entry = match (with.len(), with.iter().next()) {
                    (_, None) => continue,
                    (1, Some(role)) => Entry::Fact { role, aspect: a },
                    _ => Entry::Compare {
                        roles: with,
                        aspect: Some(a),
                    },
                };
                let s = self.score(&[at], &[so, &cmp], Forgive::Nothing);
                top.offer(
                    entry,
                    if entry.kind() == Kind::Compare {
                        s * who
                    } else {
                        s
                    },
                );
            }
        }
    }

    /// "Who does X" with no role named: the role whose facts say X, scored on how much of
    /// the question those facts explain (the facts' other words are not required).
    /// With two or more roles named as the choices ("who sets the vision, the PM or the
    /// PO?"), only their facts answer, and the role names count as explained.
    pub(super) fn reverse(&self, top: &mut Top) {
        let named = &self.it.roles;
        if self.it.intent != Intent::WhoDoes || named.len() == 1 || self.it.roles_given {
            return;
        }
        let ix = self.ix;
        let is_role = |t: u32| matches!(self.lx.kinds[t as usize], Tok::Role(_));
        let content: Vec<u32> = self
            .tokens
            .iter()
            .copied()
            .filter(|&t| !self.structured_optional.contains(&t) && !is_role(t))
            .collect();
        let choices: f32 = self
            .tokens
            .iter()
            .filter(|&&t| is_role(t))
            .map(|&t| self.w(t))
            .sum();
        let mut matched = vec![0.0f32; ix.facts.len()];
        // Whether each fact shares a concept or two words with the question: one shared
        // word ("who will take *the lead*") is a coincidence, not what the fact says.
        let mut hits = vec![0u8; ix.facts.len()];
        let mut touched = Vec::new();
        for &t in &content {
            let concept = !matches!(self.lx.kinds[t as usize], Tok::Word { .. });
            for &d in &ix.fact_postings[t as usize] {
                if matched[d as usize] == 0.0 {
                    touched.push(d as usize);
                }
                matched[d as usize] += self.w(t);
                hits[d as usize] = hits[d as usize].saturating_add(if concept { 2 } else { 1 });
            }
        }
        touched.retain(|&d| hits[d] >= 2);
        // The best-explained fact per role: most matched weight, then the most focused
        // fact (fewest other tokens).
        let mut best: Vec<(usize, Entry, f32, usize)> = Vec::new();
        for d in touched {
            let doc = &ix.facts[d];
            if !named.is_empty() && !named.contains(&doc.role) {
                continue;
            }
            let this = (doc.role, doc.entry, matched[d], doc.tokens.len());
            match best.iter_mut().find(|b| b.0 == doc.role) {
                Some(b) if (b.2, usize::MAX - b.3) >= (this.2, usize::MAX - this.3) => {}
                Some(b) => *b = this,
                None => best.push(this),
            }
        }
        best.sort_by(|a, b| b.2.total_cmp(&a.2));
        let Some(&(_, entry, m, _)) = best.first() else {
            return;
        };
        let shared = best.get(1).is_some_and(|b| b.2 >= m * 0.8);
        // Between named choices a FAQ that names them too is the better answer.
        let cap = if named.is_empty() {
            REVERSE_CAP
        } else {
            CHOICE_CAP
        };
        let mut s = self
            .dice(m + choices, m + choices, 0.0, Forgive::Nothing)
            .min(cap);
        if shared {
            s *= REVERSE_SHARED;
        }
        top.offer(entry, s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{KnowledgeBase, KnowledgeSource, MatchConfig};
    use std::path::Path;

    #[test]
    fn thin_evidence_scales_a_score_down_and_enough_leaves_it() {
        assert_eq!(evidence(0.0), 0.0);
        assert!((evidence(MIN_EVIDENCE / 2.0) - 0.5).abs() < 1e-6);
        assert_eq!(evidence(MIN_EVIDENCE), 1.0);
        assert_eq!(evidence(10.0), 1.0, "never a bonus");
    }

    #[test]
    fn unexplained_words_count_fully_in_short_questions_and_at_least_half_in_long_ones() {
        for words in 0..=4 {
            assert_eq!(unexplained_factor(words), 1.0, "{words} words");
        }
        assert!((unexplained_factor(8) - 0.5f32.sqrt()).abs() < 1e-6);
        assert_eq!(unexplained_factor(16), 0.5);
        assert_eq!(unexplained_factor(1_000), 0.5);
        let mut last = 1.0;
        for words in 1..40 {
            let f = unexplained_factor(words);
            assert!(f <= last, "never grows with more words");
            last = f;
        }
    }

    fn fixture() -> KnowledgeBase {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/knowledge");
        KnowledgeSource::Path(dir).load().unwrap()
    }

    #[test]
    fn a_faq_asked_as_written_scores_highest_and_words_it_does_not_explain_cost() {
        let k = fixture();
        let cfg = MatchConfig::DEFAULT;
        let score = |q: &str| {
            let m = k.find(q, &cfg);
            let (entry, s) = m.best().expect("a candidate");
            assert_eq!(k.entry_id(entry), "who-owns-backlog", "{q}");
            s
        };
        let exact = score("Who owns the backlog?");
        assert!(exact > 0.95, "{exact}");
        let padded = score("who owns the backlog for the whole release train quarter");
        assert!(padded < exact, "{padded} < {exact}");
        for q in [
            "",
            "??",
            &"backlog ".repeat(400),
            "🦀 🦀 🦀",
            "<@1> @everyone",
        ] {
            let m = k.find(q, &cfg);
            for (_, s) in &m.ranked {
                assert!((0.0..=1.0).contains(s), "{q:?}: {s}");
            }
        }
    }
}
