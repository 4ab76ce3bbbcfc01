//! The matcher's vocabulary: word ids, the concepts the knowledge names (roles, aspects,
//! terms, comparison cues, ambient words, out-of-scope topics), the phrases that name them,
//! synonyms, and the typo index over all of it.

use super::interpret::Intent;
use super::shares::in_shares;
use super::typo::TypoIndex;
use crate::knowledge::{Knowledge, Language};
use crate::normalize::{self, clean, is_stop_key, name_phrases, word_key, word_slices, words};
use rustc_hash::{FxHashMap, FxHashSet};

/// What a token id stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Tok {
    /// A plain word (stop words are kept for phrases, never scored).
    Word { stop: bool },
    /// A role, by index.
    Role(usize),
    /// An aspect, by index.
    Aspect(usize),
    /// A glossary term, by index.
    Term(usize),
    /// A comparison cue ("vs", "difference").
    Compare,
    /// A context word that never changes a match ("SAFe").
    Ambient,
    /// A neighbouring topic the knowledge does not cover.
    OutOfScope,
    /// A kind of question ("can one person be both", "who is above whom").
    Intent(Intent),
}

/// Intents that become tokens, so FAQ phrasings and questions that ask the same kind of
/// thing in different words share one.
pub(crate) const TOKEN_INTENTS: &[Intent] = &[
    Intent::CanOnePerson,
    Intent::SameRole,
    Intent::Hierarchy,
    Intent::Manages,
];

/// Vocabulary and phrase table, built once from the knowledge.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Text of each token id (word keys, or labels like `@pm` for concepts).
    pub texts: Vec<Box<str>>,
    /// Word key → token id.
    pub word_ids: FxHashMap<Box<str>, u32>,
    /// Kind of each token id.
    pub kinds: Vec<Tok>,
    /// True for ambient concepts.
    pub ambient: Vec<bool>,
    /// Out-of-scope concepts that name a span of time ("sprint"), by token id.
    pub periods: FxHashSet<u32>,
    /// Word-id sequences that name a concept (or a synonym's word).
    pub phrases: FxHashMap<Box<[u32]>, u32>,
    /// Longest phrase, in words.
    pub max_phrase: usize,
    /// Longest phrase starting with each word id (words that start none are absent).
    pub longest_from: FxHashMap<u32, usize>,
    /// Typo look-up over content words.
    pub typo: TypoIndex,
    /// Pairs of consecutive word keys that occur in the knowledge's own texts and end in
    /// a role title's head or a bare title ("line manager", "qa tester").
    pub bigrams: FxHashSet<(u32, u32)>,
    /// Word ids that occur in the knowledge's own texts (not only in code word lists).
    pub in_knowledge: Vec<bool>,
    /// Token ids of the [`TOKEN_INTENTS`], in that order.
    pub intents: Vec<u32>,
    /// Token id of a question that asks why ("why have two product roles"), so questions
    /// and phrasings that ask for a reason share it.
    pub why: u32,
    /// Keys of the nouns that end a job title ("manager", "engineer").
    pub role_heads: FxHashSet<Box<str>>,
    /// Token ids of the job titles read as one word ("project manager").
    pub titles: FxHashSet<u32>,
    /// Keys of job titles that stand alone ("tester", "cto").
    pub bare_roles: FxHashSet<Box<str>>,
    /// One-word synonyms of plain words: word id → the knowledge's word id ("cert" →
    /// "certification"), applied before phrases are looked up.
    pub same_as: FxHashMap<u32, u32>,
    /// The language questions are asked in.
    pub language: std::sync::Arc<Language>,
    /// How common each word id is in the language (the Zipf frequency of its most common
    /// form seen; `None` for rare words and concepts).
    pub zipf: Vec<Option<f32>>,
}

impl Lexicon {
    /// The id of a word key, adding it when new.
    pub(crate) fn word(&mut self, key: &str) -> u32 {
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

    /// The id of a word key, if known.
    pub(crate) fn lookup(&self, key: &str) -> Option<u32> {
        self.word_ids.get(key).copied()
    }

    /// The token of a question that asks why, when `words` open with "why" (after
    /// openers and fillers such as "ok so").
    pub(crate) fn why_token<S: AsRef<str>>(&self, words: &[S]) -> Option<u32> {
        (self.language.first_real_word(words) == Some("why")).then_some(self.why)
    }

    /// The token standing for `intent`, if it is one of the [`TOKEN_INTENTS`].
    pub(crate) fn intent_token(&self, intent: Intent) -> Option<u32> {
        let i = TOKEN_INTENTS.iter().position(|&x| x == intent)?;
        self.intents.get(i).copied()
    }

    /// Ids of the known words in a list (sorted), for quick membership tests.
    pub(crate) fn ids_of<'a>(&self, list: impl Iterator<Item = &'a str>) -> Vec<u32> {
        let mut v: Vec<u32> = list.filter_map(|w| self.lookup(&word_key(w))).collect();
        v.sort_unstable();
        v
    }

    fn concept(&mut self, label: String, kind: Tok) -> u32 {
        let id = self.texts.len() as u32;
        self.texts.push(label.into());
        self.kinds.push(kind);
        id
    }

    fn phrase_ids(&mut self, phrase: &str) -> Vec<u32> {
        word_slices(&clean(phrase))
            .map(|w| self.word(&word_key(&w)))
            .collect()
    }

    /// Notes that word `id` was seen in the form of Zipf frequency `zipf`.
    fn seen_as(&mut self, id: u32, zipf: Option<f32>) {
        if self.zipf.len() <= id as usize {
            self.zipf.resize(id as usize + 1, None);
        }
        let z = &mut self.zipf[id as usize];
        *z = match (*z, zipf) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }

    /// Names `concept` by `phrase`; the first concept to claim a phrase keeps it.
    fn add_phrase(&mut self, phrase: &str, concept: u32) {
        let ids = self.phrase_ids(phrase);
        if ids.is_empty() {
            return;
        }
        self.max_phrase = self.max_phrase.max(ids.len());
        self.phrases
            .entry(ids.into_boxed_slice())
            .or_insert(concept);
    }

    /// Names `concept` by `phrase` and, for a phrase of several words, by the words
    /// written together ("productowner").
    fn add_name(&mut self, phrase: &str, concept: u32) {
        self.add_phrase(phrase, concept);
        let parts: Vec<String> = words(&clean(phrase)).collect();
        if parts.len() >= 2 {
            let joined: String = parts.concat();
            let id = self.word(&word_key(&joined));
            self.phrases.entry(Box::new([id])).or_insert(concept);
        }
    }

    /// Builds the lexicon for `k`.
    pub(crate) fn build(k: &Knowledge) -> Lexicon {
        let keys =
            |list: &mut dyn Iterator<Item = &str>| list.map(|w| word_key(w).into()).collect();
        let mut lx = Lexicon {
            role_heads: keys(&mut k.language.title_heads()),
            bare_roles: keys(&mut k.language.bare_titles()),
            ..Lexicon::default()
        };
        // 1. vocabulary: every word the knowledge uses, plus the words matching relies on.
        let lang = &k.language;
        for w in normalize::STOP_WORDS
            .iter()
            .copied()
            .chain(lang.compare_words())
        {
            lx.phrase_ids(w);
        }
        for w in lang
            .structured_optional()
            .chain(lang.role_optional())
            .chain(lang.term_optional())
        {
            lx.phrase_ids(w);
        }
        // Whether each word id is a role title's head ("manager") or a bare title
        // ("tester"): only pairs ending in one are looked up, so only those are kept.
        let mut titles: Vec<bool> = Vec::new();
        let mut forms: Vec<(Box<str>, u32)> = Vec::new();
        lx.language = k.language.clone();
        let lang = &k.language;
        // Framing words ("important", "main") are read like stop words.
        for w in lang.framing_words() {
            let id = lx.word(&word_key(w));
            lx.kinds[id as usize] = Tok::Word { stop: true };
        }
        for share in read_words(lang, &all_texts(k)) {
            // Ids are given in text order, as one reader would: the first share's texts
            // come first, and a word already known keeps its id.
            let mut ids_of: Vec<Option<u32>> = vec![None; share.keys.len()];
            for text in &share.texts {
                let ids: Vec<u32> = text
                    .iter()
                    .map(|&w| {
                        *ids_of[w as usize].get_or_insert_with(|| {
                            let id = lx.word(&share.keys[w as usize]);
                            lx.seen_as(id, share.zipf[w as usize]);
                            id
                        })
                    })
                    .collect();
                lx.in_knowledge.resize(lx.texts.len(), false);
                for &id in &ids {
                    lx.in_knowledge[id as usize] = true;
                }
                for id in titles.len()..lx.texts.len() {
                    let key = &*lx.texts[id];
                    titles.push(lx.role_heads.contains(key) || lx.bare_roles.contains(key));
                }
                for pair in ids.windows(2) {
                    if titles[pair[1] as usize] {
                        lx.bigrams.insert((pair[0], pair[1]));
                    }
                }
            }
            // The forms written, for typos made before stemming ("groomnig").
            for (form, id) in share.forms.into_iter().zip(ids_of) {
                if let Some(id) = id.filter(|&id| *lx.texts[id as usize] != *form) {
                    forms.push((form, id));
                }
            }
        }
        // 2. concepts and the phrases that name them.
        for (i, r) in k.roles.iter().enumerate() {
            let c = lx.concept(format!("@{}", r.id), Tok::Role(i));
            for p in std::iter::once(&r.name).chain(&r.aliases) {
                lx.add_name(p, c);
            }
        }
        for (i, t) in k.terms.iter().enumerate() {
            let c = lx.concept(format!("${}", t.id), Tok::Term(i));
            for p in name_phrases(&t.name).iter().chain(&t.aliases) {
                lx.add_name(p, c);
            }
        }
        for (i, a) in k.aspects.iter().enumerate() {
            let c = lx.concept(format!("#{}", a.id), Tok::Aspect(i));
            for p in &a.words {
                lx.add_phrase(p, c);
            }
        }
        for &intent in TOKEN_INTENTS {
            let c = lx.concept(format!("?{}", intent.as_str()), Tok::Intent(intent));
            lx.intents.push(c);
        }
        // Not an intent of its own ("why is the PO the boss" is still hierarchy): a token
        // beside the intent's.
        lx.why = lx.concept("?why".into(), Tok::Intent(Intent::Other));
        let cmp = lx.concept("~vs".into(), Tok::Compare);
        for w in k.language.compare_words() {
            lx.add_phrase(w, cmp);
        }
        lx.ambient = vec![false; lx.texts.len()];
        for a in &k.ambient {
            let key = lx.phrase_ids(a);
            let concept = match lx.phrases.get(key.as_slice()) {
                Some(&c) => c,
                None => {
                    let c = lx.concept(format!("~{a}"), Tok::Ambient);
                    lx.add_phrase(a, c);
                    c
                }
            };
            lx.ambient.resize(lx.texts.len(), false);
            lx.ambient[concept as usize] = true;
        }
        for topic in &k.out_of_scope {
            let c = lx.concept(format!("!{topic}"), Tok::OutOfScope);
            lx.add_phrase(topic, c);
            if k.periods.iter().any(|p| clean(p) == clean(topic)) {
                lx.periods.insert(c);
            }
        }
        // 3. synonyms: each phrase reads as the knowledge's own word.
        for s in &k.synonyms {
            let word = lx.word(&word_key(&s.word));
            // A synonym of a concept's one-word name reads as that concept.
            let target = lx.phrases.get([word].as_slice()).copied().unwrap_or(word);
            for p in &s.also {
                let ids = lx.phrase_ids(p);
                match ids.as_slice() {
                    [one] if target == word && !lx.phrases.contains_key([*one].as_slice()) => {
                        lx.same_as.entry(*one).or_insert(word);
                    }
                    _ => lx.add_phrase(p, target),
                }
            }
        }
        // 4. job titles the knowledge names but has no role for ("project manager") read
        // as one word, so a bare "project" is not half of one.
        let mut pairs: Vec<(u32, u32)> = lx.bigrams.iter().copied().collect();
        pairs.sort_unstable();
        for (a, b) in pairs {
            let plain = |w: u32| lx.kinds[w as usize] == (Tok::Word { stop: false });
            if plain(a) && !lx.phrases.contains_key([a, b].as_slice()) {
                let label = format!("{} {}", lx.texts[a as usize], lx.texts[b as usize]);
                let c = lx.concept(label, Tok::Word { stop: false });
                lx.phrases.insert(Box::new([a, b]), c);
                lx.titles.insert(c);
                lx.in_knowledge.resize(lx.texts.len(), false);
                lx.in_knowledge[c as usize] = true;
                lx.max_phrase = lx.max_phrase.max(2);
            }
        }
        lx.ambient.resize(lx.texts.len(), false);
        lx.in_knowledge.resize(lx.texts.len(), false);
        for phrase in lx.phrases.keys() {
            let longest = lx.longest_from.entry(phrase[0]).or_insert(0);
            *longest = (*longest).max(phrase.len());
        }
        lx.zipf.resize(lx.texts.len(), None);
        // Typo targets: content words, not very common ones (a fix to "come" anchors
        // nothing).
        let target = |lx: &Lexicon, id: usize| {
            let content = matches!(lx.kinds[id], Tok::Word { stop: false });
            let common = lx.zipf[id].is_some_and(|z| z >= TYPO_TARGET_ZIPF);
            content && !common
        };
        for (id, key) in lx.texts.iter().enumerate() {
            if target(&lx, id) && !key.is_empty() && !key.contains(' ') {
                lx.typo.insert(key, id as u32);
            }
        }
        // Then the forms the knowledge writes them in ("grooming" for "groom"): a typo
        // is made in a word as written, before stemming.
        for (form, id) in forms {
            if target(&lx, id as usize) {
                lx.typo.insert(&form, id);
            }
        }
        lx
    }
}

/// Words at least this common (Zipf frequency) are never the target of a typo fix.
const TYPO_TARGET_ZIPF: f32 = 5.5;

/// One reader's share of the knowledge's texts, read into words.
struct Share {
    /// Each distinct word the share uses as written, in order of first use.
    forms: Vec<Box<str>>,
    /// The key of each of those words.
    keys: Vec<Box<str>>,
    /// The Zipf frequency of each key's first form.
    zipf: Vec<Option<f32>>,
    /// Each text of the share as indices into `keys`.
    texts: Vec<Vec<u32>>,
}

/// Reads `texts` into word keys on a few threads, each over a consecutive share:
/// normalising and stemming is most of the cost of a large knowledge's vocabulary, and
/// each distinct word is stemmed once per share.
fn read_words(lang: &Language, texts: &[&str]) -> Vec<Share> {
    let read = |texts: &[&str]| {
        let mut share = Share {
            forms: Vec::new(),
            keys: Vec::new(),
            zipf: Vec::new(),
            texts: Vec::with_capacity(texts.len()),
        };
        let mut seen: FxHashMap<Box<str>, u32> = FxHashMap::default();
        for text in texts {
            let words = word_slices(&clean(text))
                .map(|w| match seen.get(w.as_ref()) {
                    Some(&i) => i,
                    None => {
                        let i = share.keys.len() as u32;
                        share.keys.push(word_key(&w).into());
                        share.forms.push(w.as_ref().into());
                        share.zipf.push(lang.zipf(&w));
                        seen.insert(w.as_ref().into(), i);
                        i
                    }
                })
                .collect();
            share.texts.push(words);
        }
        share
    };
    in_shares(texts, read)
}

/// Every text of the knowledge, for the vocabulary.
pub(crate) fn all_texts(k: &Knowledge) -> Vec<&str> {
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
    for s in &k.synonyms {
        v.push(s.word.as_str());
    }
    v.extend(k.ambient.iter().map(String::as_str));
    v
}
