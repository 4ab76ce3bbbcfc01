//! The scoring index, built once from the knowledge: word weights (inverse document
//! frequency), scorable phrasings (FAQ questions and phrasings, terms), the role facts as
//! documents for "who does X" look-ups, and posting lists from tokens to documents.

use super::interpret::intent_of;
use super::lexicon::{Lexicon, Tok};
use super::question::{Question, WordMemo};
use super::shares::in_shares;
use crate::knowledge::{Entry, Knowledge, Language, Problem};
use rustc_hash::FxHashSet;
use std::collections::HashMap;

/// Weight given to words the knowledge has never seen, relative to the rarest known word.
const UNKNOWN_WEIGHT_FACTOR: f32 = 1.0;
/// Weight of an out-of-scope topic, relative to an unknown word: enough to sink any match.
const OUT_OF_SCOPE_FACTOR: f32 = 3.0;
/// Upper bound on the weight of a light word.
pub(crate) const LIGHT_WEIGHT: f32 = 0.4;
/// In [`Index::doc_faqs`], a document that is not a FAQ's (a term's).
pub(crate) const NOT_FAQ: u32 = u32::MAX;
/// A token's bit in a document's signature ([`Index::doc_sigs`]).
pub(crate) fn token_bit(t: u32) -> u64 {
    1 << (t.wrapping_mul(0x9E37_79B1) >> 26)
}

/// Postings per block of [`Index::block_need`].
pub(crate) const BLOCK: usize = 64;
/// Lower bound on the weight of a concept (role, aspect, term, comparison).
const CONCEPT_FLOOR: f32 = 1.2;

/// How much of its weight a word the knowledge uses keeps for how common it is in the
/// language: all of it up to Zipf [`COMMON_FROM`], then less, down to [`COMMON_FLOOR`]
/// for the commonest words ("make", "thing"), which say little about what is asked.
pub(crate) fn known_factor(zipf: Option<f32>) -> f32 {
    zipf.map_or(1.0, |z| {
        (1.0 - (z - COMMON_FROM) * COMMON_SLOPE).clamp(COMMON_FLOOR, 1.0)
    })
}

/// How much of the unknown-word weight a word the knowledge has never seen keeps: a rare
/// word ("jira", "hobbit") or a content word ("access") carries a topic the knowledge lacks
/// and counts (fully up to Zipf [`TOPIC_BELOW`], then down to half); one of the commonest
/// words ("now", "too"), a framing word of the language ("exactly") or a number counts
/// little.
pub(crate) fn unknown_factor(lang: &Language, word: &str) -> f32 {
    // "the top *3* skills", "the *#1* KPI": a number counts things, it names no topic.
    if word.chars().all(|c| c.is_ascii_digit()) {
        return UNKNOWN_FLOOR;
    }
    match lang.zipf(word) {
        None => 1.0,
        Some(z) if z >= FRAMING_ZIPF || lang.is_framing(word) => UNKNOWN_FLOOR,
        Some(z) => (1.0 - (z - TOPIC_BELOW) * UNKNOWN_SLOPE).clamp(0.5, 1.0),
    }
}

/// Zipf frequency from which a known word starts to weigh less.
const COMMON_FROM: f32 = 5.5;
/// Weight lost per Zipf unit above [`COMMON_FROM`].
const COMMON_SLOPE: f32 = 1.0;
/// Least share of its weight a common word keeps.
const COMMON_FLOOR: f32 = 0.2;
/// Zipf frequency up to which an unknown word counts fully.
const TOPIC_BELOW: f32 = 4.5;
/// Unknown-word weight lost per Zipf unit above [`TOPIC_BELOW`].
const UNKNOWN_SLOPE: f32 = 0.5;
/// Zipf frequency from which an unknown word is framing, whatever it is.
const FRAMING_ZIPF: f32 = 5.5;
/// Least share of the unknown-word weight a common unknown word keeps.
const UNKNOWN_FLOOR: f32 = 0.1;

/// One scorable phrasing: a FAQ question or phrasing, or a term.
#[derive(Debug)]
pub(crate) struct Doc {
    /// The entry it answers with.
    pub entry: Entry,
    /// Its tokens, sorted and unique.
    pub tokens: Vec<u32>,
    /// Sum of its tokens' weights.
    pub weight: f32,
    /// The text it was read from.
    pub text: String,
}

/// One role fact (or summary), read as a document for "who does X" look-ups.
#[derive(Debug)]
pub(crate) struct FactDoc {
    /// The role it belongs to.
    pub role: usize,
    /// The fact's entry (the role card for a summary).
    pub entry: Entry,
    /// Its tokens, sorted and unique.
    pub tokens: Vec<u32>,
}

/// Weights, documents and postings.
#[derive(Debug, Default)]
pub(crate) struct Index {
    /// Weight of each token id.
    pub weights: Vec<f32>,
    /// Weight of a word the knowledge has never seen.
    pub unknown_weight: f32,
    /// FAQ phrasings and terms.
    pub docs: Vec<Doc>,
    /// Each document's weight and FAQ (or [`NOT_FAQ`]), side by side in small arrays: a
    /// question with common words scores tens of thousands of documents, and reading
    /// these is cheaper than reaching into each [`Doc`].
    pub doc_weights: Vec<f32>,
    /// See `doc_weights`.
    pub doc_faqs: Vec<u32>,
    /// Every document's tokens, one after another; document `d`'s are
    /// `doc_tokens[doc_starts[d]..doc_starts[d + 1]]`: scoring reads them for each
    /// candidate, and reading one flat array is cheaper than reaching into each [`Doc`].
    pub doc_tokens: Vec<u32>,
    /// See `doc_tokens`.
    pub doc_starts: Vec<u32>,
    /// Each document's tokens as one bit each of 64 ([`token_bit`]): which of a
    /// question's tokens a document may hold, read without reaching its token list.
    pub doc_sigs: Vec<u64>,
    /// The first term document: FAQ documents come first, terms after them.
    pub first_term: u32,
    /// Token id → documents containing it: FAQ phrasings lightest first (then by id), terms
    /// after them.
    pub postings: Vec<Vec<u32>>,
    /// Token id → for each [`BLOCK`] of its postings, the least weight of a document in it:
    /// a block of phrasings that all say much more than a question asks can be skipped.
    pub block_need: Vec<Vec<f32>>,
    /// Each FAQ's documents, as a range of `docs`.
    pub faq_docs: Vec<std::ops::Range<usize>>,
    /// Role facts and summaries.
    pub facts: Vec<FactDoc>,
    /// Token id → fact documents containing it.
    pub fact_postings: Vec<Vec<u32>>,
}

impl Index {
    /// Builds the index for `k` over the lexicon `lx`.
    pub(super) fn build(lx: &Lexicon, k: &Knowledge) -> Index {
        let mut ix = Index::default();
        let read = |text: &str| Question::read(lx, &[], text, false);
        // 1. weights: inverse document frequency over all entries' texts. Each text is read
        //    once; the tokens of FAQ questions and phrasings are kept for step 2. Entries
        //    are read on a few threads: reading is most of the cost of a load.
        let docs = entry_documents(k);
        let n_docs = docs.len();
        let counted = in_shares(&docs, |share| count_words(lx, share));
        let mut df = vec![0u32; lx.texts.len()];
        let mut faq_tokens: Vec<Vec<Vec<u32>>> = Vec::with_capacity(k.faqs.len());
        for part in counted {
            for (total, n) in df.iter_mut().zip(part.df) {
                *total += n;
            }
            faq_tokens.extend(part.faq_tokens);
        }
        let n = n_docs.max(1) as f32;
        ix.weights = (0..lx.texts.len())
            .map(|t| {
                let idf = (1.0 + n / df[t].max(1) as f32).ln();
                match lx.kinds[t] {
                    Tok::Word { .. } => idf * known_factor(lx.zipf[t]),
                    _ => idf.max(CONCEPT_FLOOR),
                }
            })
            .collect();
        ix.unknown_weight = (1.0 + n).ln() * UNKNOWN_WEIGHT_FACTOR;
        for (t, kind) in lx.kinds.iter().enumerate() {
            if *kind == Tok::OutOfScope {
                ix.weights[t] = ix.unknown_weight * OUT_OF_SCOPE_FACTOR;
            }
        }
        // 2. scorable documents: FAQ questions and phrasings, terms.
        let scorable = |tokens: Vec<u32>| -> Vec<u32> {
            let mut v: Vec<u32> = tokens
                .into_iter()
                .filter(|&t| !lx.ambient[t as usize])
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let tokens_of = |text: &str| scorable(all_tokens(lx, &read(text)));
        for (i, (f, texts)) in k.faqs.iter().zip(faq_tokens).enumerate() {
            let first = ix.docs.len();
            for (text, tokens) in std::iter::once(&f.question).chain(&f.phrasings).zip(texts) {
                ix.push_doc(Entry::Faq(i), scorable(tokens), text);
            }
            ix.faq_docs.push(first..ix.docs.len());
        }
        ix.first_term = ix.docs.len() as u32;
        for (i, t) in k.terms.iter().enumerate() {
            let own = lx
                .kinds
                .iter()
                .position(|&kind| kind == Tok::Term(i))
                .map(|c| c as u32);
            ix.push_doc(Entry::Term(i), own.into_iter().collect(), &t.name);
        }
        ix.postings = vec![Vec::new(); lx.texts.len()];
        ix.doc_starts.push(0);
        for (d, doc) in ix.docs.iter().enumerate() {
            for &t in &doc.tokens {
                ix.postings[t as usize].push(d as u32);
            }
            ix.doc_tokens.extend(&doc.tokens);
            ix.doc_starts.push(ix.doc_tokens.len() as u32);
            ix.doc_sigs
                .push(doc.tokens.iter().fold(0, |sig, &t| sig | token_bit(t)));
        }
        // Each list's FAQ phrasings lightest first (then by id), its terms after them: the
        // walk stops at the first block, or in a short list at the first phrasing, whose
        // bound shows it cannot count, since every later one weighs at least as much.
        let weights = &ix.doc_weights;
        for list in &mut ix.postings {
            let faqs = list.partition_point(|&d| d < ix.first_term);
            list[..faqs].sort_by(|&a, &b| {
                weights[a as usize]
                    .total_cmp(&weights[b as usize])
                    .then(a.cmp(&b))
            });
        }
        ix.block_need = ix
            .postings
            .iter()
            .map(|list| {
                list.chunks(BLOCK)
                    .map(|block| {
                        block
                            .iter()
                            .map(|&d| ix.doc_weights[d as usize])
                            .fold(f32::INFINITY, f32::min)
                    })
                    .collect()
            })
            .collect();
        // 3. role facts and summaries, for "who does X".
        for (r, role) in k.roles.iter().enumerate() {
            ix.facts.push(FactDoc {
                role: r,
                entry: Entry::Role(r),
                tokens: tokens_of(&role.summary),
            });
            for (a, fact) in role.facts.iter().enumerate() {
                if let Some(fact) = fact {
                    ix.facts.push(FactDoc {
                        role: r,
                        entry: Entry::Fact { role: r, aspect: a },
                        tokens: tokens_of(fact),
                    });
                }
            }
        }
        ix.fact_postings = vec![Vec::new(); lx.texts.len()];
        for (d, doc) in ix.facts.iter().enumerate() {
            for &t in &doc.tokens {
                ix.fact_postings[t as usize].push(d as u32);
            }
        }
        ix
    }

    fn push_doc(&mut self, entry: Entry, tokens: Vec<u32>, text: &str) {
        if tokens.is_empty() {
            return;
        }
        let weight = tokens.iter().map(|&t| self.weights[t as usize]).sum();
        self.doc_weights.push(weight);
        self.doc_faqs.push(match entry {
            Entry::Faq(f) => f as u32,
            _ => NOT_FAQ,
        });
        self.docs.push(Doc {
            entry,
            tokens,
            weight,
            text: text.to_string(),
        });
    }

    /// Document `d`'s tokens, sorted.
    pub(super) fn tokens_of(&self, d: u32) -> &[u32] {
        let d = d as usize;
        &self.doc_tokens[self.doc_starts[d] as usize..self.doc_starts[d + 1] as usize]
    }

    /// Warns about phrasings that can never be told apart from another entry's.
    pub(super) fn lint(&self, lx: &Lexicon, k: &Knowledge) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut seen: HashMap<&[u32], usize> = HashMap::new();
        let warn = |entry: Entry, msg: String| {
            let o = k.origin(entry);
            Problem::warning(
                &k.files[o.file].path,
                Some(o.line),
                Some(crate::knowledge::naming::described(k, entry)),
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
                            crate::knowledge::naming::described(k, other.entry),
                            other.text
                        ),
                    ));
                }
                continue;
            }
            seen.insert(&doc.tokens, d);
            let mut roles = Vec::new();
            let mut aspects = Vec::new();
            let structural = doc.tokens.iter().all(|&t| match lx.kinds[t as usize] {
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
                            crate::knowledge::naming::described(k, fact)
                        ),
                    ));
                }
            }
        }
        out
    }
}

/// A text's tokens, plus the token of its intent when it has one.
fn all_tokens(lx: &Lexicon, q: &Question) -> Vec<u32> {
    let intent = intent_of(lx, q);
    q.tokens
        .iter()
        .map(|t| t.id)
        .chain(lx.intent_token(intent))
        .chain(lx.why_token(&q.words))
        .collect()
}

/// What one reader counted over its share of the entries.
struct Counted {
    /// Token id → how many of the entries use it.
    df: Vec<u32>,
    /// For each FAQ, the tokens of its question and of each phrasing, in order.
    faq_tokens: Vec<Vec<Vec<u32>>>,
}

/// Counts, for each token, how many of `docs` use it; also keeps the tokens of each FAQ
/// question and phrasing, which step 2 of [`Index::build`] scores against.
fn count_words(lx: &Lexicon, docs: &[EntryTexts<'_>]) -> Counted {
    let mut df = vec![0u32; lx.texts.len()];
    let mut faq_tokens = Vec::new();
    let mut seen: FxHashSet<u32> = FxHashSet::default();
    let mut memo = WordMemo::default();
    for doc in docs {
        seen.clear();
        let mut kept = Vec::new();
        for (i, part) in doc.texts.iter().enumerate() {
            // A FAQ's question and phrasings are questions: read whole, with their intent.
            // Every other text only counts its words.
            if doc.faq && i != 1 {
                let q = Question::read(lx, &[], part, false);
                let tokens = all_tokens(lx, &q);
                seen.extend(&tokens);
                seen.extend(&q.parts);
                kept.push(tokens);
            } else {
                let q = Question::read_tokens(lx, &mut memo, part);
                seen.extend(q.tokens.iter().map(|t| t.id));
                seen.extend(&q.parts);
            }
        }
        for &t in &seen {
            df[t as usize] += 1;
        }
        if doc.faq {
            faq_tokens.push(kept);
        }
    }
    Counted { df, faq_tokens }
}

/// One entry's texts, as a document word frequencies are counted over.
struct EntryTexts<'a> {
    /// True for a FAQ: its texts are the question, the answer, then the phrasings.
    faq: bool,
    texts: Vec<&'a str>,
}

/// Each entry's texts, in entry order (FAQs in their own order).
fn entry_documents(k: &Knowledge) -> Vec<EntryTexts<'_>> {
    let mut docs = Vec::new();
    let other = |texts| EntryTexts { faq: false, texts };
    for r in &k.roles {
        let mut d = vec![r.name.as_str(), r.summary.as_str()];
        d.extend(r.aliases.iter().map(String::as_str));
        docs.push(other(d));
        for fact in r.facts.iter().flatten() {
            docs.push(other(vec![r.name.as_str(), fact.as_str()]));
        }
    }
    for f in &k.faqs {
        let mut d = vec![f.question.as_str(), f.answer.as_str()];
        d.extend(f.phrasings.iter().map(String::as_str));
        docs.push(EntryTexts {
            faq: true,
            texts: d,
        });
    }
    for t in &k.terms {
        let mut d = vec![t.name.as_str(), t.definition.as_str()];
        d.extend(t.aliases.iter().map(String::as_str));
        docs.push(other(d));
    }
    docs
}
