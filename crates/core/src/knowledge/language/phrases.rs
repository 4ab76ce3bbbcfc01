//! Word sets and phrase lists, looked up by a bit per first letter pair before any hashing.

use rustc_hash::{FxHashMap, FxHashSet};

/// A set of words, with the [`Phrases::prefix`] bit of each: most words looked up are in
/// no list, and testing a bit spares hashing them.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct WordSet {
    words: FxHashSet<Box<str>>,
    prefixes: [u64; PREFIX_WORDS],
}

impl WordSet {
    /// The words, in no order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Box<str>> {
        self.words.iter()
    }

    /// True when the set has no word.
    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// True when `word` is in the set.
    pub(crate) fn contains(&self, word: &str) -> bool {
        let bit = Phrases::prefix(word);
        self.prefixes[bit / 64] & (1 << (bit % 64)) != 0 && self.words.contains(word)
    }
}

impl IntoIterator for WordSet {
    type Item = Box<str>;
    type IntoIter = std::collections::hash_set::IntoIter<Box<str>>;
    fn into_iter(self) -> Self::IntoIter {
        self.words.into_iter()
    }
}

impl FromIterator<Box<str>> for WordSet {
    fn from_iter<I: IntoIterator<Item = Box<str>>>(iter: I) -> WordSet {
        let mut set = WordSet::default();
        for word in iter {
            let bit = Phrases::prefix(&word);
            set.prefixes[bit / 64] |= 1 << (bit % 64);
            set.words.insert(word);
        }
        set
    }
}

/// Phrases of a cue list, as words, found in a message by their first word: one look-up
/// per word of the message instead of one comparison per phrase and word.
#[derive(Debug, Clone, Default)]
pub(super) struct Phrases {
    /// The phrases, in the order the file lists them.
    pub(super) list: Vec<Vec<Box<str>>>,
    /// First word → the phrases (indices into `list`) that start with it.
    by_first: FxHashMap<Box<str>, Vec<u32>>,
    /// The first two letters of each first word, one bit each ([`Phrases::prefix`]):
    /// most words of a question start no phrase, and testing a bit spares hashing them.
    prefixes: [u64; PREFIX_WORDS],
}

/// Letters of a word's prefix in [`Phrases::prefixes`]: `a`–`z`, and one for the rest.
const PREFIX_LETTERS: usize = 27;
/// `u64`s holding one bit per two-letter prefix.
const PREFIX_WORDS: usize = (PREFIX_LETTERS * PREFIX_LETTERS).div_ceil(64);

/// Two cue lists are the same when they list the same phrases (the index follows).
impl PartialEq for Phrases {
    fn eq(&self, other: &Phrases) -> bool {
        self.list == other.list
    }
}

impl Phrases {
    /// Indexes `list` by first word.
    pub(super) fn new(list: Vec<Vec<Box<str>>>) -> Phrases {
        let mut by_first: FxHashMap<Box<str>, Vec<u32>> = FxHashMap::default();
        let mut prefixes = [0u64; PREFIX_WORDS];
        for (i, p) in list.iter().enumerate() {
            if let Some(first) = p.first() {
                by_first.entry(first.clone()).or_default().push(i as u32);
                let bit = Phrases::prefix(first);
                prefixes[bit / 64] |= 1 << (bit % 64);
            }
        }
        Phrases {
            list,
            by_first,
            prefixes,
        }
    }

    /// The bit of a word's first two letters (`a`–`z`, anything else alike).
    pub(super) fn prefix(word: &str) -> usize {
        let letter = |i: usize| {
            word.as_bytes()
                .get(i)
                .filter(|b| b.is_ascii_lowercase())
                .map_or(PREFIX_LETTERS - 1, |b| usize::from(b - b'a'))
        };
        letter(0) * PREFIX_LETTERS + letter(1)
    }

    /// False when no phrase can start with `word` (its prefix starts none).
    pub(super) fn may_start(&self, word: &str) -> bool {
        let bit = Phrases::prefix(word);
        self.prefixes[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// True when one of the phrases occurs in `words`.
    pub(super) fn held_in<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.span_in(words).is_some()
    }

    /// The start and length of each phrase that occurs in `words`, one after another
    /// (the search goes on after each).
    pub(super) fn spans<'w, S: AsRef<str>>(
        &'w self,
        words: &'w [S],
    ) -> impl Iterator<Item = (usize, usize)> + 'w {
        let mut from = 0;
        std::iter::from_fn(move || {
            let (at, len) = self.span_in(&words[from..])?;
            let at = from + at;
            from = at + len;
            Some((at, len))
        })
    }

    /// The start and length (in words) of the first phrase that occurs in `words`.
    pub(super) fn span_in<S: AsRef<str>>(&self, words: &[S]) -> Option<(usize, usize)> {
        words.iter().enumerate().find_map(|(i, w)| {
            if !self.may_start(w.as_ref()) {
                return None;
            }
            let found = self.by_first.get(w.as_ref())?;
            found.iter().find_map(|&p| {
                let p = &self.list[p as usize];
                let held = words.len() >= i + p.len()
                    && words[i + 1..i + p.len()]
                        .iter()
                        .zip(&p[1..])
                        .all(|(a, b)| a.as_ref() == &**b);
                held.then_some((i, p.len()))
            })
        })
    }
}
