//! A question read against the lexicon: its words, typo fixes, and the tokens (concepts
//! and content words) it reduces to, longest phrase first.

use super::clauses::{clause_starts, dangling_at};
use super::lexicon::{Lexicon, Tok};
use super::person::contact_frame;
use super::stretch::gapped;
use crate::normalize::{clean, is_stop_key, small_key, word_key, word_slices};
use crate::people::{self, TeamNames};
use rustc_hash::FxHashMap;
use smol_str::SmolStr;

/// Each raw word's id (after synonyms) as read so far: indexing reads the same words
/// thousands of times, and this spares stemming and allocating them again.
pub(crate) type WordMemo = FxHashMap<Box<str>, Option<u32>>;

/// Zipf frequency from which a word is taken as a real word of the language, never a typo
/// of another.
const REAL_WORD_ZIPF: f32 = 3.5;

/// Most words of a question that are looked at.
pub(crate) const MAX_WORDS: usize = 80;

/// One token of a question and the words it came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Token {
    /// Token id (a word or a concept).
    pub id: u32,
    /// Index of its first word.
    pub start: usize,
    /// Number of words it spans.
    pub len: usize,
}

/// A question reduced to tokens.
#[derive(Debug, Default, Clone)]
pub(crate) struct Question {
    /// The words as typed (cleaned, lower-cased), stop words included.
    pub words: Vec<SmolStr>,
    /// Each word's key (stemmed, or marked as a stop word).
    pub keys: Vec<SmolStr>,
    /// Word id of each word after typo correction (`None`: unknown to the knowledge).
    pub ids: Vec<Option<u32>>,
    /// Words that were typo-corrected: (word index, the id it was read as).
    pub corrected: Vec<(usize, u32)>,
    /// Tokens in order; stop words are dropped.
    pub tokens: Vec<Token>,
    /// Content words inside matched phrases ("manager" in "product manager").
    pub parts: Vec<u32>,
    /// True when the text ends with a question mark.
    pub asks: bool,
    /// True when the text holds a question mark anywhere ("where do I begin? cheers").
    pub question_mark: bool,
    /// Indices of the words that start a clause (after `,` `.` `;` `:` `!` `?` or a dash),
    /// the first word included; only for a question asked ([`Question::read_in`]).
    pub clauses: Vec<usize>,
    /// Words left out of matching: the verb of "who do I ask …" and a team's name. They are
    /// neither tokens nor unknown words.
    pub dropped: Vec<usize>,
    /// The team the question names (index into the knowledge's teams), when it names one.
    pub team: Option<usize>,
}

impl Question {
    /// Reads `text`; with `correct`, fixes typos (never in a message of one content word,
    /// so a one-word reply like "Talc" is not read as a topic).
    /// Among equally close corrections, the most common word (lowest `weights`) wins.
    /// The verb of "who do I ask / talk to / go to …" is left out: the question asks who
    /// handles what follows, so "who do I ask about the roadmap" reads like "who … roadmap".
    pub(crate) fn read(lx: &Lexicon, weights: &[f32], text: &str, correct: bool) -> Question {
        Question::read_in(lx, weights, text, correct, None)
    }

    /// Reads `text` as [`Question::read`] does; given the knowledge (as for a question
    /// asked, not a knowledge text indexed), also finds where its clauses start and the
    /// team it names ("team blue", "the blue team"), whose words are then left out of
    /// matching.
    pub(crate) fn read_in(
        lx: &Lexicon,
        weights: &[f32],
        text: &str,
        correct: bool,
        teams: Option<&TeamNames>,
    ) -> Question {
        let cleaned = clean(text);
        let asks = cleaned.trim_end().ends_with('?');
        let question_mark = cleaned.contains('?');
        let raw: Vec<SmolStr> = word_slices(&cleaned)
            .take(MAX_WORDS)
            .map(SmolStr::new)
            .collect();
        let keys: Vec<SmolStr> = raw.iter().map(|w| small_key(w)).collect();
        let mut dropped: Vec<usize> = contact_frame(&lx.language, &raw);
        dropped.extend(lx.language.idiom_words(&raw));
        let mention = teams.and_then(|t| people::mention_in(t, &keys));
        if let Some(m) = mention {
            dropped.extend(m.start..m.start + m.len);
        }
        dropped.sort_unstable();
        dropped.dedup();
        let content = keys
            .iter()
            .enumerate()
            .filter(|(i, k)| !is_stop_key(k) && !dropped.contains(i))
            .count();
        let correct = correct && content >= 2;
        let mut ids = Vec::with_capacity(keys.len());
        let mut corrected = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            if dropped.contains(&i) {
                ids.push(None);
                continue;
            }
            let id = lx.lookup(key).or_else(|| {
                // A word the language knows well ("started", or "resets" by its stem) is no
                // typo.
                let real = [raw[i].as_str(), key.as_str()]
                    .iter()
                    .any(|w| lx.language.zipf(w).is_some_and(|z| z >= REAL_WORD_ZIPF));
                if !correct || is_stop_key(key) || real {
                    return None;
                }
                // The word as written first ("groomnig" is a swap from "grooming"), then
                // its key.
                let rank = |id: u32| -weights.get(id as usize).copied().unwrap_or(0.0);
                let fixed = lx.typo.closest(&raw[i], rank).or_else(|| {
                    (*key != raw[i])
                        .then(|| lx.typo.closest(key, rank))
                        .flatten()
                })?;
                corrected.push((i, fixed));
                Some(fixed)
            });
            ids.push(id.map(|id| lx.same_as.get(&id).copied().unwrap_or(id)));
        }
        let mut q = Question {
            clauses: match teams {
                Some(_) => clause_starts(&cleaned, raw.len()),
                None => Vec::new(),
            },
            words: raw,
            keys,
            ids,
            corrected,
            asks,
            question_mark,
            dropped,
            team: mention.map(|m| m.team),
            ..Question::default()
        };
        q.tokenise(lx);
        // "our delivery manager says the PO …": who said it is not what is asked.
        if teams.is_some() {
            let speaker = super::roles::speaker_frame(lx, &q);
            if !speaker.is_empty() {
                for &i in &speaker {
                    q.ids[i] = None;
                }
                q.dropped.extend(speaker);
                q.dropped.sort_unstable();
                q.dropped.dedup();
                q.tokens.clear();
                q.parts.clear();
                q.tokenise(lx);
            }
            // "can we meet at 2 *p.m.*?": the time of day, not the product manager.
            let words = &q.words;
            let clock: Vec<usize> = q
                .tokens
                .iter()
                .filter(|t| {
                    t.start > 0
                        && words[t.start - 1].chars().all(|c| c.is_ascii_digit())
                        && lx
                            .language
                            .is_clock_word(&words[t.start..t.start + t.len].concat())
                })
                .map(|t| t.start)
                .collect();
            if !clock.is_empty() {
                q.tokens.retain(|t| !clock.contains(&t.start));
                q.dropped.extend(clock);
            }
            // "what does a PO do *during a sprint*": a span of time the knowledge doesn't
            // cover, as the setting, is not what is asked, when the rest asks something the
            // knowledge answers: an aspect of a role, or who does something. Else it still
            // declines what happens in it ("what if the PO is away during a sprint?").
            let setting = q.setting_periods(lx);
            if !setting.is_empty() {
                q.tokens.retain(|t| !setting.contains(&t.start));
                for &i in &setting {
                    q.ids[i] = None;
                }
                q.dropped.extend(setting);
            }
            // "how does the PO *contribute* to refinement": the link is not a topic.
            q.dropped.extend(super::roles::link_frame(lx, &q));
            q.dropped.sort_unstable();
            // "how much *time* does a PO spend": the quantity of something else, not pay;
            // "the PO *figures out* the details": a verb, not the metrics' "figures".
            let quantity: Vec<usize> = q
                .tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| q.quantity_of_noun(lx, t) || q.verb_with_particle(lx, t))
                .map(|(n, _)| n)
                .collect();
            for n in quantity.into_iter().rev() {
                q.tokens.remove(n);
            }
        }
        q
    }

    /// The words of each span of time the knowledge doesn't cover ([`Lexicon::periods`])
    /// that a setting word comes before, but for determiners, with those words: "*during
    /// the sprint*", "*in each PI*"; only in a question naming a role and an aspect, or
    /// asking who.
    fn setting_periods(&self, lx: &Lexicon) -> Vec<usize> {
        let lang = &lx.language;
        let mut at = Vec::new();
        let has = |f: fn(&Tok) -> bool| self.tokens.iter().any(|t| f(&lx.kinds[t.id as usize]));
        let role_aspect =
            has(|k| matches!(k, Tok::Role(_))) && has(|k| matches!(k, Tok::Aspect(_)));
        let who = self.words.iter().any(|w| is_who(w));
        if !role_aspect && !who {
            return at;
        }
        for t in self.tokens.iter().filter(|t| lx.periods.contains(&t.id)) {
            let lead = |w: &SmolStr| lang.is_determiner(w) || lang.is_setting_word(w);
            let from = self.words[..t.start]
                .iter()
                .rposition(|w| !lead(w))
                .map_or(0, |i| i + 1);
            if self.words[from..t.start]
                .iter()
                .any(|w| lang.is_setting_word(w))
            {
                at.extend(from..t.start + t.len);
            }
        }
        at
    }

    /// Reads a knowledge text into tokens only: no typo fixes, and no words or keys kept
    /// (so it cannot be interpreted); for counting word frequencies at load.
    pub(crate) fn read_tokens(lx: &Lexicon, memo: &mut WordMemo, text: &str) -> Question {
        let cleaned = clean(text);
        let mut q = Question::default();
        for w in word_slices(&cleaned).take(MAX_WORDS) {
            let id = match memo.get(w.as_ref()) {
                Some(&id) => id,
                None => {
                    let id = lx
                        .lookup(&word_key(&w))
                        .map(|id| lx.same_as.get(&id).copied().unwrap_or(id));
                    memo.insert(w.as_ref().into(), id);
                    id
                }
            };
            q.ids.push(id);
        }
        q.tokenise(lx);
        q
    }

    /// Groups words into tokens, longest known phrase first.
    fn tokenise(&mut self, lx: &Lexicon) {
        let seq = &self.ids;
        let (words, keys, clauses) = (&self.words, &self.keys, &self.clauses);
        let dangles = |p: usize| dangling_at(lx, words, keys, clauses, p);
        let (tokens, parts) = (&mut self.tokens, &mut self.parts);
        let mut window: Vec<u32> = Vec::with_capacity(lx.max_phrase);
        let mut i = 0;
        'outer: while i < seq.len() {
            let longest = seq[i].map_or(0, |w| lx.longest_from.get(&w).copied().unwrap_or(0));
            for len in (1..=longest.min(seq.len() - i)).rev() {
                let span = &seq[i..i + len];
                if span.iter().all(Option::is_some) {
                    window.clear();
                    window.extend(span.iter().flatten());
                    if let Some(&c) = lx.phrases.get(window.as_slice()) {
                        // "what is the PO *responsible for*?": a phrase ending in a small
                        // word with nothing after it reads as the aspect its other words
                        // name, when they name one ("responsible"), not as the phrase that
                        // needs an object ("responsible for the backlog").
                        let ends_small = len >= 2
                            && matches!(
                                lx.kinds[window[len - 1] as usize],
                                Tok::Word { stop: true }
                            )
                            && matches!(lx.kinds[c as usize], Tok::Aspect(_));
                        let short = ends_small
                            .then(|| lx.phrases.get(&window[..len - 1]).copied())
                            .flatten()
                            .filter(|&s| {
                                matches!(lx.kinds[s as usize], Tok::Aspect(_)) && dangles(i + len)
                            });
                        if let Some(s) = short {
                            take(tokens, parts, lx, s, i..i + len - 1, &window[..len - 1]);
                            i += len;
                            continue 'outer;
                        }
                        take(tokens, parts, lx, c, i..i + len, &window);
                        i += len;
                        continue 'outer;
                    }
                }
            }
            if let Some((c, len, g)) = gapped(lx, seq, i, longest, &mut window) {
                take(tokens, parts, lx, c, i..i + len, &window);
                // The words in between are read as they are ("break *the epics* down").
                for at in g {
                    if let Some(w) = seq[at] {
                        let c = lx.phrases.get([w].as_slice()).copied().unwrap_or(w);
                        take(tokens, parts, lx, c, at..at + 1, &[w]);
                    }
                }
                i += len;
                continue;
            }
            if let Some(id) = seq[i] {
                take(tokens, parts, lx, id, i..i + 1, &[]);
            }
            i += 1;
        }
    }

    /// Indices of the words the lexicon does not know (words left out of matching are
    /// not counted).
    pub(crate) fn unknown(&self) -> impl Iterator<Item = usize> + '_ {
        self.ids
            .iter()
            .enumerate()
            .filter(|(i, id)| id.is_none() && !self.dropped.contains(i))
            .map(|(i, _)| i)
    }

    /// The first token that names a role, if any.
    pub(crate) fn first_role(&self, lx: &Lexicon) -> Option<&Token> {
        self.tokens
            .iter()
            .find(|t| matches!(lx.kinds[t.id as usize], Tok::Role(_)))
    }

    /// The token that covers word `i`, if any.
    pub(crate) fn token_at(&self, i: usize) -> Option<&Token> {
        self.tokens
            .iter()
            .find(|t| t.start <= i && i < t.start + t.len)
    }

    /// True when `t` is an aspect named by a quantity phrase ("how much") that a content
    /// word naming no aspect follows: "how much *experience*" asks how much of that.
    pub(crate) fn quantity_of_noun(&self, lx: &Lexicon, t: &Token) -> bool {
        let end = t.start + t.len;
        matches!(lx.kinds[t.id as usize], Tok::Aspect(_))
            && lx.language.is_quantity_phrase(&self.words[t.start..end])
            && self.quantity_noun(lx, end)
    }

    /// True when `t` is an aspect named by one word that a particle follows, which makes
    /// it a verb: "figures *out*", "measure *up*".
    pub(crate) fn verb_with_particle(&self, lx: &Lexicon, t: &Token) -> bool {
        t.len == 1
            && matches!(lx.kinds[t.id as usize], Tok::Aspect(_))
            && self
                .words
                .get(t.start + 1)
                .is_some_and(|w| lx.language.is_particle(w))
    }

    /// True when word `i` is a content word naming no aspect, nor framing ("roughly"):
    /// after "how much", what is counted.
    pub(crate) fn quantity_noun(&self, lx: &Lexicon, i: usize) -> bool {
        i < self.words.len()
            && !self.is_stop(lx, i)
            && !is_stop_key(&self.keys[i])
            && !lx.language.is_framing(&self.words[i])
            && !self
                .token_at(i)
                .is_some_and(|n| matches!(lx.kinds[n.id as usize], Tok::Aspect(_)))
    }

    /// True when word `i` is a stop word.
    pub(crate) fn is_stop(&self, lx: &Lexicon, i: usize) -> bool {
        match self.ids[i] {
            Some(id) => lx.kinds[id as usize] == (Tok::Word { stop: true }),
            None => false,
        }
    }
}

/// Reads `c`, named by the words `window` over `span`: its token (none for a stop word)
/// and, for a concept, the plain words that named it.
fn take(
    tokens: &mut Vec<Token>,
    parts: &mut Vec<u32>,
    lx: &Lexicon,
    c: u32,
    span: std::ops::Range<usize>,
    window: &[u32],
) {
    if !matches!(lx.kinds[c as usize], Tok::Word { stop: true }) {
        tokens.push(Token {
            id: c,
            start: span.start,
            len: span.len(),
        });
    }
    if !matches!(lx.kinds[c as usize], Tok::Word { .. }) {
        parts.extend(
            window
                .iter()
                .filter(|&&w| lx.kinds[w as usize] == (Tok::Word { stop: false })),
        );
    }
}

/// True for the words that ask for a person: "who", "whom", "who's", "whose".
pub(crate) fn is_who(word: &str) -> bool {
    matches!(word, "who" | "whos" | "whose" | "whom")
}
