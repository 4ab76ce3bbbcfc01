//! Phrases read with a word or two inside them ("work *closely* together").

use super::lexicon::{Lexicon, Tok};

/// An aspect or synonym phrase of `longest` or fewer words read at `i` with a word inside
/// it, or two when one is a stop word ("work *closely* together", "break *the epics*
/// down"): its concept, the words it spans and where the words in between are, which are
/// still read on their own. Names never stretch: not a role's or term's ("product *data*
/// owner" is not the PO), nor a job title's, nor a phrase opened by a question word.
pub(super) fn gapped(
    lx: &Lexicon,
    seq: &[Option<u32>],
    i: usize,
    longest: usize,
    window: &mut Vec<u32>,
) -> Option<(u32, usize, std::ops::Range<usize>)> {
    let stop =
        |w: &Option<u32>| w.is_some_and(|w| lx.kinds[w as usize] == (Tok::Word { stop: true }));
    // A phrase opened by a question word is an idiom that holds nothing inside: "how much
    // *experience* does" is not "how much does".
    if seq[i].is_some_and(|w| lx.language.is_question_word(&lx.texts[w as usize])) {
        return None;
    }
    for gap in 1..=2 {
        for len in (2..=longest).rev() {
            let Some(span) = seq.get(i..i + len + gap) else {
                continue;
            };
            for g in 1..len {
                let inside = g..g + gap;
                if gap == 2 && !span[inside.clone()].iter().any(stop) {
                    continue;
                }
                window.clear();
                window.extend(
                    span.iter()
                        .enumerate()
                        .filter(|(j, _)| !inside.contains(j))
                        .map_while(|(_, w)| *w),
                );
                if window.len() != len {
                    continue;
                }
                if let Some(&c) = lx.phrases.get(window.as_slice()) {
                    let stretches = matches!(
                        lx.kinds[c as usize],
                        Tok::Aspect(_) | Tok::Word { stop: false }
                    ) && !lx.titles.contains(&c);
                    // A phrase of its own inside is read as that ("projects *product
                    // manager*" is not a stretched "project manager").
                    let own = (i + g..i + g + gap).any(|j| starts_phrase(lx, seq, j));
                    if stretches && !own {
                        return Some((c, len + gap, i + g..i + g + gap));
                    }
                }
            }
        }
    }
    None
}

/// True when a known phrase of two or more words starts at word `j`.
fn starts_phrase(lx: &Lexicon, seq: &[Option<u32>], j: usize) -> bool {
    let longest = seq[j].map_or(0, |w| lx.longest_from.get(&w).copied().unwrap_or(0));
    (2..=longest.min(seq.len() - j)).any(|len| {
        let ids: Option<Vec<u32>> = seq[j..j + len].iter().copied().collect();
        ids.is_some_and(|ids| lx.phrases.contains_key(ids.as_slice()))
    })
}
