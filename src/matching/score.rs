//! Candidates and their scores: every candidate (FAQ phrasing, term, role card, fact,
//! comparison, "who does X" fact) is scored by one weighted Dice formula,
//! `2·matched / (matched + λ·unexplained + required)`, scaled down when the evidence is thin.

use super::index::{Index, BLOCK, NOT_FAQ};
use super::interpret::{Intent, Interpretation};
use super::lexicon::{Lexicon, Tok};
use crate::knowledge::{Entry, Kind, Knowledge, RoleSet};
use std::cell::RefCell;

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
    pub fn new(floor: f32) -> Top {
        Top {
            items: Vec::new(),
            floor,
        }
    }

    /// False when no entry scoring at most `bound` could change what is shown: it would
    /// not enter, or it is below the floor and well below the best.
    fn worth(&self, bound: f32) -> bool {
        let shown = bound >= self.floor - 0.001
            || self
                .items
                .first()
                .is_none_or(|&(_, best)| bound >= best - BESIDE_BEST);
        shown && self.may_take(bound)
    }

    /// False when `score` surely cannot enter (the top is full of better scores): most
    /// documents of a question with common words stop here, unrounded and unsearched.
    fn may_take(&self, score: f32) -> bool {
        self.items.len() < Self::SIZE || self.items.last().is_none_or(|&(_, s)| score >= s - 0.001)
    }

    fn offer(&mut self, entry: Entry, score: f32) {
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
    pub fn new(
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
    /// the tokens still to come, and weighs at least its block's least weight. A question
    /// with common words thus skips the many phrasings that share one word with it but say
    /// much more ("who owns the deploy for kalomi?" for "who owns the backlog?").
    pub fn docs(&self, top: &mut Top) {
        let ix = self.ix;
        let mut order: Vec<(u32, f32)> = self.tokens.iter().map(|&t| (t, self.w(t))).collect();
        order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut left: f32 = order.iter().map(|&(_, w)| w).sum();
        SCRATCH.with(|cell| {
            let (seen, touched) = &mut *cell.borrow_mut();
            let words = ix.docs.len().div_ceil(64);
            if seen.len() < words {
                seen.resize(words, 0);
            }
            let mut first_visit = |d: u32| {
                let (word, bit) = (d as usize / 64, 1u64 << (d % 64));
                let new = seen[word] & bit == 0;
                if new {
                    seen[word] |= bit;
                    touched.push(d);
                }
                new
            };
            for &(t, _) in &order {
                let list = &ix.postings[t as usize];
                for &d in &list[list.partition_point(|&d| d < ix.first_term)..] {
                    if first_visit(d) {
                        self.score_doc(d, top);
                    }
                }
            }
            for &(t, w) in &order {
                let list = &ix.postings[t as usize];
                let faqs = &list[..list.partition_point(|&d| d < ix.first_term)];
                for (block, &need) in faqs.chunks(BLOCK).zip(&ix.block_need[t as usize]) {
                    if !top.worth(self.faq_bound(left, need)) && !exhaustive() {
                        continue;
                    }
                    for &d in block {
                        let need = ix.doc_weights[d as usize];
                        let worth = top.worth(self.faq_bound(left, need)) || exhaustive();
                        if worth && first_visit(d) {
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
            Entry::Term(_) => self
                .term_optional
                .iter()
                .filter(|t| self.has(**t))
                .map(|&t| self.w(t))
                .sum(),
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

    /// Scores role cards, facts and comparisons for the roles and aspects named.
    pub fn structured(&self, k: &Knowledge, top: &mut Top) {
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
            let forgive = if what_is && subject && aspects.is_empty() && compare.is_none() {
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
                        self.score(&[t, at], &[so], forgive),
                    );
                }
            }
        }
        if roles.len() >= 2 {
            top.offer(
                Entry::Compare {
                    roles: mask,
                    aspect: None,
                },
                self.score(&role_tokens, &[so, &cmp], Forgive::Nothing) * who,
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
        } else if roles.is_empty() {
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
    pub fn reverse(&self, top: &mut Top) {
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
