//! Typo tolerance: finds the known word closest to an unknown one.
//!
//! A symmetric-delete index (every word's one- and two-character deletions) is built
//! once at load, so a look-up costs a few hash probes instead of a scan of the whole
//! vocabulary; candidates are then confirmed with strsim's optimal string alignment.

use std::collections::HashMap;

/// Index from deletion variants to the ids of the words they come from.
#[derive(Debug, Default)]
pub struct TypoIndex {
    variants: HashMap<Box<str>, Vec<u32>>,
}

/// Maximum edits allowed for a word of `len` characters (short words get none).
pub fn max_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Calls `f` with every string made by deleting `edits` characters from `word`
/// (including `word` itself when `edits` is 0).
fn for_each_deletion(word: &str, edits: usize, f: &mut impl FnMut(&str)) {
    f(word);
    if edits == 0 {
        return;
    }
    let mut buf = String::with_capacity(word.len());
    for (i, c) in word.char_indices() {
        buf.clear();
        buf.push_str(&word[..i]);
        buf.push_str(&word[i + c.len_utf8()..]);
        let variant = buf.clone();
        for_each_deletion(&variant, edits - 1, f);
    }
}

impl TypoIndex {
    /// Adds `word` (known as `id`) to the index.
    pub fn insert(&mut self, word: &str, id: u32) {
        let edits = max_edits(word.chars().count());
        for_each_deletion(word, edits, &mut |v| {
            let ids = self.variants.entry(v.into()).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        });
    }

    /// Returns the id of the closest known word to `word` within its edit budget,
    /// preferring fewer edits, then the word `rank` scores highest, then the lowest id.
    pub fn closest<'a>(
        &self,
        word: &str,
        text_of: impl Fn(u32) -> &'a str,
        rank: impl Fn(u32) -> f32,
    ) -> Option<u32> {
        let len = word.chars().count();
        let edits = max_edits(len);
        if edits == 0 {
            return None;
        }
        let mut best: Option<(usize, f32, u32)> = None;
        for_each_deletion(word, edits, &mut |v| {
            let Some(ids) = self.variants.get(v) else {
                return;
            };
            for &id in ids {
                let known = text_of(id);
                let allowed = edits.min(max_edits(known.chars().count()));
                let d = strsim::osa_distance(word, known);
                if d == 0 || d > allowed {
                    continue;
                }
                let r = rank(id);
                let better = match best {
                    None => true,
                    Some((bd, br, bid)) => (d, -r, id) < (bd, -br, bid),
                };
                if better {
                    best = Some((d, r, id));
                }
            }
        });
        best.map(|(_, _, id)| id)
    }
}
