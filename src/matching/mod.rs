//! Matching: from a question to the best entry and a confidence in [0, 1].
//!
//! Everything costly (vocabulary, typo index, phrase table, weights, postings) is built
//! once by [`Index::build`]; [`Knowledge::find`] then does a handful of hash look-ups and
//! a pass over the postings of the question's words.

mod fxhash;
pub mod normalize;
mod typo;

use crate::knowledge::{Entry, Knowledge, Problem};
use fxhash::FxHashMap;
use normalize::{clean, is_stop_key, name_phrases, word_key, words};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use typo::TypoIndex;

/// Thresholds and caps that decide how a question is answered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchConfig {
    /// Confidence at or above which rolecall answers.
    pub answer: f32,
    /// Confidence at or above which rolecall offers "did you mean" suggestions.
    pub suggest: f32,
    /// Longest question accepted, in characters.
    pub max_question_chars: usize,
}

impl MatchConfig {
    /// The calibrated defaults (see the README for how they were chosen).
    pub const DEFAULT: MatchConfig = MatchConfig {
        answer: 0.5,
        suggest: 0.3,
        max_question_chars: 600,
    };
}

impl Default for MatchConfig {
    fn default() -> Self {
        MatchConfig::DEFAULT
    }
}

/// How sure rolecall is, in three bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    /// Confident: answer.
    Answer,
    /// Unsure: offer up to three suggestions.
    Suggest,
    /// No useful match: decline.
    Decline,
}

/// Why a question got no scored match at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// Nothing but whitespace, punctuation, mentions, links or code.
    Empty,
    /// Longer than the configured maximum (holds the length in characters).
    TooLong(usize),
}

/// The outcome of matching one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// Best entries, highest confidence first (at most four).
    pub ranked: Vec<(Entry, f32)>,
    /// Band of the best entry.
    pub band: Band,
    /// Set when the question could not be matched at all.
    pub rejection: Option<Rejection>,
}

impl Match {
    /// The best entry and its confidence, if any.
    pub fn best(&self) -> Option<(Entry, f32)> {
        self.ranked.first().copied()
    }

    /// Confidence of the best entry (0 when there is none).
    pub fn confidence(&self) -> f32 {
        self.best().map_or(0.0, |(_, c)| c)
    }
}

/// Words that signal a comparison.
const COMPARE_WORDS: &[&str] = &[
    "vs",
    "versus",
    "between",
    "difference",
    "different",
    "differ",
    "differentiate",
    "compare",
    "comparison",
    "contrast",
    "distinguish",
    "distinction",
    "diff",
];
/// Generic verbs and fillers that say little about what is asked.
const LIGHT_WORDS: &[&str] = &[
    "make", "set", "handle", "take", "care", "want", "use", "work", "happen", "call", "give",
    "look", "way", "good", "best", "new", "normally", "typical", "main", "job", "actual",
];
/// Words a question for a role card, fact or comparison may carry without penalty.
const STRUCTURED_OPTIONAL: &[&str] = &["who", "whose"];
/// Words a question for a role card may carry without penalty.
const ROLE_OPTIONAL: &[&str] = &[
    "definition",
    "define",
    "description",
    "describe",
    "overview",
    "intro",
    "introduction",
    "summary",
];
/// Words a question for a glossary term may carry without penalty.
const TERM_OPTIONAL: &[&str] = &[
    "stand",
    "definition",
    "define",
    "meaning",
    "acronym",
    "abbreviation",
    "term",
    "glossary",
    "short",
    "abbreviate",
    "abbreviated",
];
/// Weight given to words the knowledge has never seen, relative to the rarest known word.
const UNKNOWN_WEIGHT_FACTOR: f32 = 1.0;
/// Weight of an out-of-scope topic, relative to an unknown word: enough to sink any match.
const OUT_OF_SCOPE_FACTOR: f32 = 3.0;
/// Upper bound on the weight of a light word.
const LIGHT_WEIGHT: f32 = 0.4;
/// Lower bound on the weight of a concept (role, aspect, term, comparison).
const CONCEPT_FLOOR: f32 = 1.2;
/// Most words of a question that are looked at.
const MAX_WORDS: usize = 80;

/// What a token id stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Word { stop: bool },
    Role(usize),
    Aspect(usize),
    Term(usize),
    Compare,
    Ambient,
    OutOfScope,
}

/// One scorable phrasing: a FAQ question or phrasing, or a term.
#[derive(Debug)]
struct Doc {
    entry: Entry,
    tokens: Vec<u32>,
    weight: f32,
    text: String,
}

/// Everything matching needs, precomputed at load.
#[derive(Debug, Default)]
pub struct Index {
    texts: Vec<Box<str>>,
    word_ids: FxHashMap<Box<str>, u32>,
    kinds: Vec<Tok>,
    ambient: Vec<bool>,
    weights: Vec<f32>,
    phrases: FxHashMap<Box<[u32]>, u32>,
    max_phrase: usize,
    typo: TypoIndex,
    docs: Vec<Doc>,
    postings: Vec<Vec<u32>>,
    unknown_weight: f32,
    structured_optional: Vec<u32>,
    role_optional: Vec<u32>,
    term_optional: Vec<u32>,
}

/// A question (or knowledge text) reduced to weighted tokens.
#[derive(Debug, Default)]
struct Analysis {
    tokens: Vec<u32>,
    unknown: usize,
    /// Content words inside matched phrases ("manager" in "product manager").
    parts: Vec<u32>,
}

thread_local! {
    static SCRATCH: RefCell<(Vec<f32>, Vec<u32>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

impl Index {
    fn word(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.word_ids.get(key) {
            return id;
        }
        let id = self.texts.len() as u32;
        self.texts.push(key.into());
        self.word_ids.insert(key.into(), id);
        self.kinds.push(Tok::Word {
            stop: is_stop_key(key),
        });
        id
    }

    fn concept(&mut self, label: String, kind: Tok) -> u32 {
        let id = self.texts.len() as u32;
        self.texts.push(label.into());
        self.kinds.push(kind);
        id
    }

    fn add_words(&mut self, text: &str) {
        for w in words(&clean(text)) {
            self.word(&word_key(&w));
        }
    }

    fn add_phrase(&mut self, phrase: &str, concept: u32) {
        let ids: Vec<u32> = words(&clean(phrase))
            .map(|w| self.word(&word_key(&w)))
            .collect();
        if ids.is_empty() {
            return;
        }
        self.max_phrase = self.max_phrase.max(ids.len());
        self.phrases
            .entry(ids.into_boxed_slice())
            .or_insert(concept);
    }

    /// Builds the index for `k`; also returns lint warnings about ambiguous entries.
    pub fn build(k: &Knowledge) -> (Index, Vec<Problem>) {
        let mut ix = Index::default();
        // 1. vocabulary: every word the knowledge uses, plus the words code relies on.
        for list in [
            normalize::STOP_WORDS,
            COMPARE_WORDS,
            LIGHT_WORDS,
            STRUCTURED_OPTIONAL,
            ROLE_OPTIONAL,
            TERM_OPTIONAL,
        ] {
            for w in list {
                ix.add_words(w);
            }
        }
        for text in all_texts(k) {
            ix.add_words(text);
        }
        // 2. concepts and the phrases that name them.
        for (i, r) in k.roles.iter().enumerate() {
            let c = ix.concept(format!("@{}", r.id), Tok::Role(i));
            for p in std::iter::once(&r.name).chain(&r.aliases) {
                ix.add_phrase(p, c);
            }
        }
        for (i, t) in k.terms.iter().enumerate() {
            let c = ix.concept(format!("${}", t.id), Tok::Term(i));
            for p in name_phrases(&t.name).iter().chain(&t.aliases) {
                ix.add_phrase(p, c);
            }
        }
        for (i, a) in k.aspects.iter().enumerate() {
            let c = ix.concept(format!("#{}", a.id), Tok::Aspect(i));
            for p in &a.words {
                ix.add_phrase(p, c);
            }
        }
        let cmp = ix.concept("~vs".into(), Tok::Compare);
        for w in COMPARE_WORDS {
            ix.add_phrase(w, cmp);
        }
        ix.ambient = vec![false; ix.texts.len()];
        for a in &k.ambient {
            let key: Vec<u32> = words(&clean(a)).map(|w| ix.word(&word_key(&w))).collect();
            let concept = match ix.phrases.get(key.as_slice()) {
                Some(&c) => c,
                None => {
                    let c = ix.concept(format!("~{a}"), Tok::Ambient);
                    ix.add_phrase(a, c);
                    c
                }
            };
            ix.ambient.resize(ix.texts.len(), false);
            ix.ambient[concept as usize] = true;
        }
        for topic in &k.out_of_scope {
            let c = ix.concept(format!("!{topic}"), Tok::OutOfScope);
            ix.add_phrase(topic, c);
        }
        ix.ambient.resize(ix.texts.len(), false);
        for (id, key) in ix.texts.iter().enumerate() {
            if matches!(ix.kinds[id], Tok::Word { stop: false }) && !key.is_empty() {
                ix.typo.insert(key, id as u32);
            }
        }
        // 3. weights: inverse document frequency over all entries' texts.
        let mut df = vec![0u32; ix.texts.len()];
        let mut n_docs = 0usize;
        for doc in entry_documents(k) {
            n_docs += 1;
            let mut seen: HashSet<u32> = HashSet::new();
            for part in doc {
                let a = ix.analyse(part, false);
                seen.extend(a.tokens);
                seen.extend(a.parts);
            }
            for t in seen {
                df[t as usize] += 1;
            }
        }
        let n = n_docs.max(1) as f32;
        let light: HashSet<u32> = LIGHT_WORDS
            .iter()
            .filter_map(|w| ix.word_ids.get(word_key(w).as_str()).copied())
            .collect();
        ix.weights = (0..ix.texts.len())
            .map(|t| {
                let idf = (1.0 + n / df[t].max(1) as f32).ln();
                match ix.kinds[t] {
                    Tok::Word { .. } if light.contains(&(t as u32)) => idf.min(LIGHT_WEIGHT),
                    Tok::Word { .. } => idf,
                    _ => idf.max(CONCEPT_FLOOR),
                }
            })
            .collect();
        ix.unknown_weight = (1.0 + n).ln() * UNKNOWN_WEIGHT_FACTOR;
        for (t, kind) in ix.kinds.iter().enumerate() {
            if *kind == Tok::OutOfScope {
                ix.weights[t] = ix.unknown_weight * OUT_OF_SCOPE_FACTOR;
            }
        }
        let ids = |ix: &Index, list: &[&str]| -> Vec<u32> {
            let mut v: Vec<u32> = list
                .iter()
                .filter_map(|w| ix.word_ids.get(word_key(w).as_str()).copied())
                .collect();
            v.sort_unstable();
            v
        };
        ix.structured_optional = ids(&ix, STRUCTURED_OPTIONAL);
        ix.role_optional = ids(&ix, ROLE_OPTIONAL);
        ix.term_optional = ids(&ix, TERM_OPTIONAL);
        // 4. scorable documents: FAQ questions and phrasings, terms.
        for (i, f) in k.faqs.iter().enumerate() {
            for text in std::iter::once(&f.question).chain(&f.phrasings) {
                let tokens = ix.doc_tokens(text, None);
                ix.push_doc(Entry::Faq(i), tokens, text);
            }
        }
        for (i, t) in k.terms.iter().enumerate() {
            let own = ix
                .kinds
                .iter()
                .position(|&kind| kind == Tok::Term(i))
                .map(|c| c as u32);
            let tokens: Vec<u32> = own.into_iter().collect();
            ix.push_doc(Entry::Term(i), tokens, &t.name);
        }
        ix.postings = vec![Vec::new(); ix.texts.len()];
        for (d, doc) in ix.docs.iter().enumerate() {
            for &t in &doc.tokens {
                ix.postings[t as usize].push(d as u32);
            }
        }
        let lints = ix.lint(k);
        (ix, lints)
    }

    fn doc_tokens(&self, text: &str, keep: Option<u32>) -> Vec<u32> {
        let mut a = self.analyse(text, false);
        a.tokens
            .retain(|&t| !self.ambient[t as usize] || Some(t) == keep);
        a.tokens.sort_unstable();
        a.tokens.dedup();
        a.tokens
    }

    fn push_doc(&mut self, entry: Entry, tokens: Vec<u32>, text: &str) {
        if tokens.is_empty() {
            return;
        }
        let weight = tokens.iter().map(|&t| self.weights[t as usize]).sum();
        self.docs.push(Doc {
            entry,
            tokens,
            weight,
            text: text.to_string(),
        });
    }

    /// Reduces text to concept and word tokens; with `correct`, fixes typos.
    fn analyse(&self, text: &str, correct: bool) -> Analysis {
        let cleaned = clean(text);
        let mut seq: Vec<Option<u32>> = Vec::with_capacity(16);
        for w in words(&cleaned).take(MAX_WORDS) {
            let key = word_key(&w);
            let id = self.word_ids.get(key.as_str()).copied().or_else(|| {
                if !correct || is_stop_key(&key) {
                    return None;
                }
                self.typo.closest(
                    &key,
                    |id| &self.texts[id as usize],
                    |id| -self.weights.get(id as usize).copied().unwrap_or(0.0),
                )
            });
            seq.push(id);
        }
        let mut out = Analysis::default();
        let mut ids: Vec<u32> = Vec::with_capacity(self.max_phrase);
        let mut i = 0;
        'outer: while i < seq.len() {
            for len in (1..=self.max_phrase.min(seq.len() - i)).rev() {
                let window = &seq[i..i + len];
                if window.iter().all(Option::is_some) {
                    ids.clear();
                    ids.extend(window.iter().flatten());
                    if let Some(&c) = self.phrases.get(ids.as_slice()) {
                        out.tokens.push(c);
                        out.parts.extend(
                            ids.iter().filter(|&&w| {
                                self.kinds[w as usize] == (Tok::Word { stop: false })
                            }),
                        );
                        i += len;
                        continue 'outer;
                    }
                }
            }
            match seq[i] {
                Some(id) if self.kinds[id as usize] == (Tok::Word { stop: true }) => {}
                Some(id) => out.tokens.push(id),
                None => out.unknown += 1,
            }
            i += 1;
        }
        out
    }
}

/// Every text of the knowledge, for the vocabulary.
fn all_texts(k: &Knowledge) -> Vec<&str> {
    let mut v: Vec<&str> = Vec::new();
    for a in &k.aspects {
        v.push(&a.name);
        v.extend(a.words.iter().map(String::as_str));
    }
    for r in &k.roles {
        v.extend([r.name.as_str(), r.summary.as_str()]);
        v.extend(r.aliases.iter().map(String::as_str));
        v.extend(r.facts.iter().flatten().map(String::as_str));
    }
    for f in &k.faqs {
        v.extend([f.question.as_str(), f.answer.as_str()]);
        v.extend(f.phrasings.iter().map(String::as_str));
    }
    for t in &k.terms {
        v.extend([t.name.as_str(), t.definition.as_str()]);
        v.extend(t.aliases.iter().map(String::as_str));
    }
    v.extend(k.ambient.iter().map(String::as_str));
    v
}

/// Each entry's texts, as the documents word frequencies are counted over.
fn entry_documents(k: &Knowledge) -> Vec<Vec<&str>> {
    let mut docs = Vec::new();
    for r in &k.roles {
        let mut d = vec![r.name.as_str(), r.summary.as_str()];
        d.extend(r.aliases.iter().map(String::as_str));
        docs.push(d);
        for fact in r.facts.iter().flatten() {
            docs.push(vec![r.name.as_str(), fact.as_str()]);
        }
    }
    for f in &k.faqs {
        let mut d = vec![f.question.as_str(), f.answer.as_str()];
        d.extend(f.phrasings.iter().map(String::as_str));
        docs.push(d);
    }
    for t in &k.terms {
        let mut d = vec![t.name.as_str(), t.definition.as_str()];
        d.extend(t.aliases.iter().map(String::as_str));
        docs.push(d);
    }
    docs
}

/// Keeps the best few distinct entries, highest score first.
#[derive(Debug, Default)]
struct Top {
    items: Vec<(Entry, f32)>,
}

impl Top {
    const SIZE: usize = 4;

    fn offer(&mut self, entry: Entry, score: f32) {
        if let Some(i) = self.items.iter().position(|&(e, _)| e == entry) {
            if self.items[i].1 >= score {
                return;
            }
            self.items.remove(i);
        }
        let pos = self
            .items
            .iter()
            .position(|&(e, s)| score > s || (score == s && rank(entry) < rank(e)))
            .unwrap_or(self.items.len());
        if pos < Self::SIZE {
            self.items.insert(pos, (entry, score));
            self.items.truncate(Self::SIZE);
        }
    }
}

/// Preference among equally scored entries: the most specific answer first.
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

/// Matched weight below which a match is too thin to trust fully (one common word).
const MIN_EVIDENCE: f32 = 1.5;

/// Scales down matches resting on too little: a lone "manager" must not decide an answer.
fn evidence(matched: f32) -> f32 {
    (matched / MIN_EVIDENCE).min(1.0)
}

/// Questions up to this many words count unexplained words in full.
const SHORT_QUESTION_WORDS: f32 = 4.0;

/// How much unexplained words count against a match: fully in short questions, less
/// in long chatty ones ("my company wants me to…"), never below half.
fn unexplained_factor(words: usize) -> f32 {
    (SHORT_QUESTION_WORDS / words.max(1) as f32)
        .sqrt()
        .clamp(0.5, 1.0)
}

/// A question's tokens with their weights.
struct Query<'a> {
    ix: &'a Index,
    tokens: Vec<u32>,
    total: f32,
    unknown: usize,
    lambda: f32,
}

impl Query<'_> {
    fn has(&self, t: u32) -> bool {
        self.tokens.contains(&t)
    }

    /// True when the question has words beyond roles, aspects, comparison cues and
    /// "who" (or words rolecall does not know): e.g. the "Epic Owner" in "Epic Owner vs PO".
    fn has_loose_words(&self) -> bool {
        self.unknown > 0
            || self.tokens.iter().any(|&t| {
                matches!(self.ix.kinds[t as usize], Tok::Word { .. } | Tok::Term(_))
                    && !self.ix.structured_optional.contains(&t)
            })
    }

    /// Dice-style similarity, `2·matched / (matched + λ·unexplained + required + optional)`,
    /// where λ is [`unexplained_factor`].
    fn score(&self, required: &[u32], optional: &[&[u32]]) -> f32 {
        let w = |t: u32| self.ix.weights[t as usize];
        let mut matched = 0.0;
        let mut need = 0.0;
        for &t in required {
            need += w(t);
            if self.has(t) {
                matched += w(t);
            }
        }
        let mut extra = 0.0;
        for &t in &self.tokens {
            if !required.contains(&t) && optional.iter().any(|o| o.contains(&t)) {
                extra += w(t);
            }
        }
        let m = matched + extra;
        let denom = m + self.lambda * (self.total - m).max(0.0) + need + extra;
        if denom <= 0.0 {
            0.0
        } else {
            (2.0 * m / denom).min(1.0) * evidence(m)
        }
    }
}

impl Knowledge {
    /// Matches a question against the knowledge.
    pub fn find(&self, question: &str, cfg: &MatchConfig) -> Match {
        let ix = &self.index;
        let chars = question.chars().count();
        let reject = |r| Match {
            ranked: Vec::new(),
            band: Band::Decline,
            rejection: Some(r),
        };
        if chars > cfg.max_question_chars {
            return reject(Rejection::TooLong(chars));
        }
        let a = ix.analyse(question, true);
        let mut tokens = a.tokens;
        tokens.sort_unstable();
        tokens.dedup();
        if tokens.iter().any(|&t| !ix.ambient[t as usize]) || a.unknown > 0 {
            tokens.retain(|&t| !ix.ambient[t as usize]);
        }
        if tokens.is_empty() && a.unknown == 0 {
            return reject(Rejection::Empty);
        }
        let total = tokens.iter().map(|&t| ix.weights[t as usize]).sum::<f32>()
            + a.unknown as f32 * ix.unknown_weight;
        let lambda = unexplained_factor(tokens.len() + a.unknown);
        let q = Query {
            ix,
            tokens,
            total,
            unknown: a.unknown,
            lambda,
        };
        let mut top = Top::default();
        self.score_docs(&q, &mut top);
        self.score_structured(&q, &mut top);
        let ranked = top.items;
        let best = ranked.first().map_or(0.0, |&(_, s)| s);
        let band = if best >= cfg.answer {
            Band::Answer
        } else if best >= cfg.suggest {
            Band::Suggest
        } else {
            Band::Decline
        };
        Match {
            ranked,
            band,
            rejection: None,
        }
    }

    fn score_docs(&self, q: &Query, top: &mut Top) {
        let ix = &self.index;
        SCRATCH.with(|cell| {
            let (acc, touched) = &mut *cell.borrow_mut();
            if acc.len() < ix.docs.len() {
                acc.resize(ix.docs.len(), 0.0);
            }
            for &t in &q.tokens {
                let w = ix.weights[t as usize];
                for &d in &ix.postings[t as usize] {
                    if acc[d as usize] == 0.0 {
                        touched.push(d);
                    }
                    acc[d as usize] += w;
                }
            }
            for &d in touched.iter() {
                let doc = &ix.docs[d as usize];
                let matched = acc[d as usize];
                acc[d as usize] = 0.0;
                let (score, optional) = match doc.entry {
                    Entry::Term(_) => {
                        let extra: f32 = ix
                            .term_optional
                            .iter()
                            .filter(|t| q.has(**t))
                            .map(|&t| ix.weights[t as usize])
                            .sum();
                        (matched + extra, extra)
                    }
                    _ => (matched, 0.0),
                };
                let unexplained = q.lambda * (q.total - score).max(0.0);
                let s =
                    2.0 * score / (score + unexplained + doc.weight + optional) * evidence(score);
                top.offer(doc.entry, s.min(1.0));
            }
            touched.clear();
        });
    }

    fn score_structured(&self, q: &Query, top: &mut Top) {
        let ix = &self.index;
        let mut roles: Vec<(usize, u32)> = Vec::new();
        let mut aspects: Vec<(usize, u32)> = Vec::new();
        let mut compare = None;
        for &t in &q.tokens {
            match ix.kinds[t as usize] {
                Tok::Role(r) if r < 64 => roles.push((r, t)),
                Tok::Aspect(a) => aspects.push((a, t)),
                Tok::Compare => compare = Some(t),
                _ => {}
            }
        }
        let so: &[u32] = &ix.structured_optional;
        let cmp: Vec<u32> = compare.into_iter().collect();
        let mask = roles.iter().fold(0u64, |m, &(r, _)| m | (1 << r));
        let role_tokens: Vec<u32> = roles.iter().map(|&(_, t)| t).collect();
        for &(r, t) in &roles {
            top.offer(Entry::Role(r), q.score(&[t], &[so, &ix.role_optional]));
            for &(a, at) in &aspects {
                if self.roles[r].facts[a].is_some() {
                    top.offer(Entry::Fact { role: r, aspect: a }, q.score(&[t, at], &[so]));
                }
            }
        }
        if roles.len() >= 2 {
            top.offer(
                Entry::Compare {
                    roles: mask,
                    aspect: None,
                },
                q.score(&role_tokens, &[so, &cmp]),
            );
            for &(a, at) in &aspects {
                if self
                    .roles_in(mask)
                    .all(|r| self.roles[r].facts[a].is_some())
                {
                    let mut req = role_tokens.clone();
                    req.push(at);
                    top.offer(
                        Entry::Compare {
                            roles: mask,
                            aspect: Some(a),
                        },
                        q.score(&req, &[so, &cmp]),
                    );
                }
            }
        } else if roles.len() == 1
            && compare.is_some()
            && self.roles.len() >= 2
            && !q.has_loose_words()
        {
            // "how is the PO different?": compare with every other role.
            let all = (0..self.roles.len().min(64)).fold(0u64, |m, r| m | (1 << r));
            let aspect = aspects.iter().find(|&&(a, _)| self.roles_with(a) == all);
            let mut req = role_tokens.clone();
            req.extend(aspect.map(|&(_, at)| at));
            top.offer(
                Entry::Compare {
                    roles: all,
                    aspect: aspect.map(|&(a, _)| a),
                },
                q.score(&req, &[so, &cmp]),
            );
        } else if roles.is_empty() {
            for &(a, at) in &aspects {
                let with = self.roles_with(a);
                let entry = match with.count_ones() {
                    0 => continue,
                    1 => Entry::Fact {
                        role: with.trailing_zeros() as usize,
                        aspect: a,
                    },
                    _ => Entry::Compare {
                        roles: with,
                        aspect: Some(a),
                    },
                };
                top.offer(entry, q.score(&[at], &[so, &cmp]));
            }
        }
    }
}

impl Index {
    /// Warns about phrasings that can never be told apart from another entry's.
    fn lint(&self, k: &Knowledge) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut seen: HashMap<&[u32], usize> = HashMap::new();
        let warn = |entry: Entry, msg: String| {
            let o = k.origin(entry);
            Problem::warning(
                &k.files[o.file].path,
                Some(o.line),
                Some(crate::knowledge::label(k, entry)),
                msg,
            )
        };
        for (d, doc) in self.docs.iter().enumerate() {
            if let Some(&first) = seen.get(doc.tokens.as_slice()) {
                let other = &self.docs[first];
                if other.entry != doc.entry {
                    out.push(warn(
                        doc.entry,
                        format!(
                            "\"{}\" reads the same as {} (\"{}\"): such questions will always be ambiguous",
                            doc.text,
                            crate::knowledge::label(k, other.entry),
                            other.text
                        ),
                    ));
                }
                continue;
            }
            seen.insert(&doc.tokens, d);
            let mut roles = Vec::new();
            let mut aspects = Vec::new();
            let structural = doc.tokens.iter().all(|&t| match self.kinds[t as usize] {
                Tok::Role(r) => {
                    roles.push(r);
                    true
                }
                Tok::Aspect(a) => {
                    aspects.push(a);
                    true
                }
                _ => false,
            });
            if let ([role], [aspect]) = (roles.as_slice(), aspects.as_slice()) {
                if structural && k.roles[*role].facts[*aspect].is_some() {
                    let fact = Entry::Fact {
                        role: *role,
                        aspect: *aspect,
                    };
                    out.push(warn(
                        doc.entry,
                        format!(
                            "\"{}\" reads exactly like {}, which will answer it instead",
                            doc.text,
                            crate::knowledge::label(k, fact)
                        ),
                    ));
                }
            }
        }
        out
    }
}

impl Knowledge {
    /// How a question reads to the matcher: each token with its weight, and the number
    /// of unknown words (for `rolecall ask --explain`).
    pub fn explain(&self, question: &str) -> (Vec<(String, f32)>, usize) {
        let ix = &self.index;
        let a = ix.analyse(question, true);
        let tokens = a
            .tokens
            .iter()
            .map(|&t| (ix.texts[t as usize].to_string(), ix.weights[t as usize]))
            .collect();
        (tokens, a.unknown)
    }
}
