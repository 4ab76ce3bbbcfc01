//! Typo tolerance: finds the known word closest to an unknown one.
//!
//! A symmetric-delete index (every word's one- and two-character deletions) is built
//! once at load, so a look-up costs a few hash probes instead of a scan of the whole
//! vocabulary; candidates are then confirmed with strsim's optimal string alignment.

use rustc_hash::FxHashMap;

/// Index from deletion variants to the written forms they come from, each with the id of
/// the word it reads as.
#[derive(Debug, Default)]
pub(crate) struct TypoIndex {
    /// Every form indexed ("grooming", "groom") and the id it reads as.
    forms: Vec<(Box<str>, u32)>,
    /// Each form's place in `forms`, so a form is indexed once.
    form_at: FxHashMap<Box<str>, u32>,
    variants: FxHashMap<Box<str>, Vec<u32>>,
    /// Length in characters of the longest word indexed: a longer word, past its edit
    /// budget, can match nothing, so it is never expanded into deletions.
    longest: usize,
}

/// Maximum edits allowed for a word of `len` characters (short words get none).
pub(super) fn max_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=8 => 1,
        _ => 2,
    }
}

/// Calls `f` with `word` and every string made by deleting up to `edits` characters from
/// it. Deletions are made left to right only, so each set of positions is visited once.
fn for_each_deletion(word: &str, edits: usize, f: &mut impl FnMut(&str)) {
    f(word);
    // One buffer per level of deletion, reused for every position.
    let mut bufs: Vec<String> = (0..edits)
        .map(|_| String::with_capacity(word.len()))
        .collect();
    delete_from(word, 0, &mut bufs, f);
}

/// Deletes one character at each byte position `>= from` of `word` into the first of
/// `bufs`, recursing with the rest for more (one buffer per deletion still to make).
fn delete_from(word: &str, from: usize, bufs: &mut [String], f: &mut impl FnMut(&str)) {
    let Some((buf, deeper)) = bufs.split_first_mut() else {
        return;
    };
    for (i, c) in word[from..].char_indices() {
        let at = from + i;
        buf.clear();
        buf.push_str(&word[..at]);
        buf.push_str(&word[at + c.len_utf8()..]);
        f(buf);
        delete_from(buf, at, deeper, f);
    }
}

impl TypoIndex {
    /// Adds `word`, a form that reads as the word `id`, to the index; a form already
    /// indexed keeps the id it was first given.
    pub(crate) fn insert(&mut self, word: &str, id: u32) {
        if self.form_at.contains_key(word) {
            return;
        }
        let at = self.forms.len() as u32;
        self.forms.push((word.into(), id));
        self.form_at.insert(word.into(), at);
        let len = word.chars().count();
        self.longest = self.longest.max(len);
        let edits = max_edits(len);
        for_each_deletion(word, edits, &mut |v| {
            let forms = self.variants.entry(v.into()).or_default();
            if !forms.contains(&at) {
                forms.push(at);
            }
        });
    }

    /// Returns the id of the word whose form is closest to `word` within its edit budget,
    /// preferring fewer edits, then the word `rank` scores highest, then the lowest id.
    pub(crate) fn closest(&self, word: &str, rank: impl Fn(u32) -> f32) -> Option<u32> {
        let len = word.chars().count();
        let edits = max_edits(len);
        // A 600-letter word would make ~180,000 deletions; nothing that long is known.
        if edits == 0 || len > self.longest + edits {
            return None;
        }
        let mut best: Option<(usize, f32, u32)> = None;
        let mut seen: Vec<u32> = Vec::new();
        for_each_deletion(word, edits, &mut |v| {
            let Some(forms) = self.variants.get(v) else {
                return;
            };
            for &at in forms {
                if seen.contains(&at) {
                    continue;
                }
                seen.push(at);
                let (known, id) = &self.forms[at as usize];
                let allowed = edits.min(max_edits(known.chars().count()));
                let d = strsim::osa_distance(word, known);
                if d == 0 || d > allowed {
                    continue;
                }
                let r = rank(*id);
                let better = match best {
                    None => true,
                    Some((bd, br, bid)) => (d, -r, *id) < (bd, -br, bid),
                };
                if better {
                    best = Some((d, r, *id));
                }
            }
        });
        best.map(|(_, _, id)| id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variants(word: &str, edits: usize) -> Vec<String> {
        let mut v = Vec::new();
        for_each_deletion(word, edits, &mut |s| v.push(s.to_string()));
        v
    }

    #[test]
    fn deletions_cover_every_position_pair_once() {
        assert_eq!(variants("abc", 1), ["abc", "bc", "ac", "ab"]);
        let two = variants("abcd", 2);
        assert_eq!(two.len(), 1 + 4 + 6);
        for expected in ["cd", "bd", "bc", "ad", "ac", "ab"] {
            assert!(two.iter().any(|v| v == expected), "{expected}");
        }
    }

    #[test]
    fn corrects_within_the_edit_budget() {
        let words = ["difference", "product", "owner", "manager"];
        let mut ix = TypoIndex::default();
        for (i, w) in words.iter().enumerate() {
            ix.insert(w, i as u32);
        }
        let fix = |w: &str| ix.closest(w, |_| 0.0).map(|id| words[id as usize]);
        assert_eq!(fix("diffrence"), Some("difference"));
        assert_eq!(fix("diffferrence"), Some("difference"));
        assert_eq!(fix("prodct"), Some("product"));
        assert_eq!(fix("ownr"), Some("owner"));
        assert_eq!(fix("manger"), Some("manager"));
        assert_eq!(fix("own"), None, "three letters get no correction");
        assert_eq!(fix("xyzzy"), None);
        assert_eq!(fix("differencesss"), None, "three past the longest word");
        assert_eq!(fix("differences"), Some("difference"));
    }

    #[test]
    fn a_written_form_reads_as_its_word() {
        let mut ix = TypoIndex::default();
        ix.insert("groom", 7);
        ix.insert("grooming", 7);
        ix.insert("grooming", 9);
        // Two edits from the stem, one (a swap) from the form written.
        assert_eq!(ix.closest("groomnig", |_| 0.0), Some(7));
        assert_eq!(ix.closest("grooming", |_| 0.0), None, "no typo");
    }
}
