//! Where the clauses of a message start, and whether a phrase is the last thing its
//! clause says.

use super::lexicon::Lexicon;
use crate::normalize::is_stop_key;
use smol_str::SmolStr;

/// Characters that end a clause: what follows them starts a new one.
const CLAUSE_ENDS: &[char] = &[',', '.', ';', ':', '!', '?', '-', '(', ')', '"', '@'];

/// Indices of the words (of the first `n`) that start a clause of `cleaned`: the first word,
/// each word after a [`CLAUSE_ENDS`] character, and the word after an `@name` typed as
/// plain text ("@rolecall who is our PO?").
pub(super) fn clause_starts(cleaned: &str, n: usize) -> Vec<usize> {
    // One pass over the characters, counting words as `word_slices` splits them (runs of
    // letters, digits and apostrophes with something besides apostrophes).
    let mut starts = Vec::new();
    let (mut at, mut count, mut after_at) = (0, 0, false);
    let (mut in_word, mut letters) = (false, false);
    let mut chars = cleaned.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '\'' {
            in_word = true;
            letters |= c != '\'';
            continue;
        }
        // A hyphen inside a word ("brand-new", "well-established") ends no clause.
        let joins = c == '-' && in_word && chars.peek().is_some_and(|n| n.is_alphanumeric());
        if in_word && letters {
            count += 1;
        }
        (in_word, letters) = (false, false);
        if CLAUSE_ENDS.contains(&c) && !joins {
            clause(&mut starts, at, count, after_at, n);
            (at, count, after_at) = (at + count, 0, c == '@');
        }
    }
    if in_word && letters {
        count += 1;
    }
    clause(&mut starts, at, count, after_at, n);
    starts
}

/// Notes the clause of `count` words from word `at`, and the one after its first word
/// when it follows an `@` (the `@name` typed as text); none past `n` words.
fn clause(starts: &mut Vec<usize>, at: usize, count: usize, after_at: bool, n: usize) {
    if count > 0 && at < n {
        starts.push(at);
        if after_at && count > 1 && at + 1 < n {
            starts.push(at + 1);
        }
    }
}

/// True when only small words (stop words, framing, fillers) come from word `p` to the end
/// of its clause: a phrase ending before `p` has nothing after it ("responsible for?").
/// Never for a knowledge text, read without its words.
pub(super) fn dangling_at(
    lx: &Lexicon,
    words: &[SmolStr],
    keys: &[SmolStr],
    clauses: &[usize],
    p: usize,
) -> bool {
    if words.is_empty() || keys.len() != words.len() {
        return false;
    }
    if clauses.contains(&p) {
        return true;
    }
    let lang = &lx.language;
    (p..words.len())
        .take_while(|&j| j == p || !clauses.contains(&j))
        .all(|j| is_stop_key(&keys[j]) || lang.is_framing(&words[j]) || lang.is_filler(&words[j]))
}

#[cfg(test)]
mod tests {
    use super::clause_starts;
    use crate::normalize::clean;

    #[test]
    fn clauses_start_after_punctuation_and_dashes() {
        let text = clean("Hi! I'm new here, who is our PO? First day - help");
        assert_eq!(clause_starts(&text, 80), [0, 1, 4, 8, 10]);
        assert_eq!(clause_starts(&text, 5), [0, 1, 4]);
        let text = clean("@rolecall who do I ask?");
        assert_eq!(clause_starts(&text, 80), [0, 1]);
        assert!(clause_starts("", 80).is_empty());
    }

    #[test]
    fn a_hyphen_inside_a_word_ends_no_clause() {
        let text = clean("when a brand-new member joins a well-established team");
        assert_eq!(clause_starts(&text, 80), [0]);
        let text = clean("a new member -- who do they ask");
        assert_eq!(clause_starts(&text, 80), [0, 3]);
    }
}
