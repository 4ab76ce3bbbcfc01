//! Words as keys: stop words keep their form behind a mark, other words are stemmed, so
//! "owns", "owned" and "owning" meet and no content word collides with a stop word.

use super::{clean, word_slices};
use smol_str::SmolStr;

/// English words that carry no meaning for matching ("the", "is", "what", …).
pub const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "actually",
    "again",
    "ah",
    "all",
    "also",
    "always",
    "am",
    "an",
    "and",
    "any",
    "anybody",
    "anyone",
    "anyway",
    "are",
    "around",
    "as",
    "at",
    "basically",
    "be",
    "because",
    "been",
    "being",
    "btw",
    "but",
    "by",
    "can",
    "cant",
    "cause",
    "could",
    "curious",
    "currently",
    "did",
    "do",
    "does",
    "doing",
    "dont",
    "each",
    "eg",
    "else",
    "etc",
    "even",
    "ever",
    "exactly",
    "explain",
    "folks",
    "for",
    "from",
    "generally",
    "get",
    "go",
    "gonna",
    "guess",
    "guys",
    "had",
    "has",
    "have",
    "having",
    "he",
    "hello",
    "her",
    "here",
    "hey",
    "heyy",
    "hi",
    "hii",
    "him",
    "his",
    "hmm",
    "how",
    "i",
    "idk",
    "ie",
    "if",
    "im",
    "imo",
    "in",
    "into",
    "is",
    "isnt",
    "it",
    "its",
    "ive",
    "just",
    "kind",
    "kinda",
    "know",
    "lets",
    "like",
    "literally",
    "lmao",
    "lol",
    "may",
    "maybe",
    "me",
    "mean",
    "means",
    "might",
    "much",
    "must",
    "my",
    "of",
    "oh",
    "ok",
    "okay",
    "on",
    "onto",
    "or",
    "our",
    "people",
    "per",
    "perhaps",
    "person",
    "please",
    "pls",
    "plz",
    "pretty",
    "quite",
    "really",
    "right",
    "role",
    "roles",
    "shall",
    "she",
    "should",
    "shouldnt",
    "simply",
    "so",
    "some",
    "somebody",
    "someone",
    "something",
    "sort",
    "sorta",
    "still",
    "tbh",
    "tell",
    "than",
    "thanks",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "this",
    "those",
    "though",
    "thx",
    "to",
    "typically",
    "u",
    "um",
    "upon",
    "usually",
    "very",
    "via",
    "wanna",
    "was",
    "wat",
    "we",
    "were",
    "what",
    "whats",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "whom",
    "whos",
    "why",
    "will",
    "with",
    "wondered",
    "wondering",
    "wot",
    "would",
    "wut",
    "ya",
    "yeah",
    "yep",
    "yes",
    "you",
    "your",
    "yours",
];

/// Returns true when `word` (already lower-cased) is an English stop word.
pub fn is_stop_word(word: &str) -> bool {
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| STOP_WORDS.iter().copied().collect());
    SET.contains(word)
}

/// Folds a word to its stem: plurals, -ise/-ize spelling, -ization, -ing/-ed and a final
/// -e, so "refine", "refines", "refined" and "refining" all read "refin", and
/// "prioritisation" reads as "prioritise".
///
/// ```
/// use rolecall_core::normalize::stem;
/// assert_eq!(stem("stories"), "story");
/// assert_eq!(stem("owners"), "owner");
/// assert_eq!(stem("prioritise"), stem("prioritizing"));
/// assert_eq!(stem("prioritisation"), stem("prioritize"));
/// assert_eq!(stem("refines"), stem("refining"));
/// assert_eq!(stem("owned"), "own");
/// assert_eq!(stem("pos"), "po");
/// ```
pub fn stem(word: &str) -> String {
    let mut w = String::with_capacity(word.len() + 2);
    stem_into(word, &mut w);
    w
}

/// Writes the [`stem`] of `word` into `w`, which is cleared first.
fn stem_into(word: &str, w: &mut String) {
    w.clear();
    w.push_str(word);
    // Every rule needs a word that ends in `s`, `e`, `g`, `d` or `n`.
    if !word.ends_with(['s', 'e', 'g', 'd', 'n']) {
        return;
    }
    let n = w.chars().count();
    if n > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if n > 4 && (w.ends_with("sses") || w.ends_with("shes") || w.ends_with("ches")) {
        w.truncate(w.len() - 2);
    } else if n >= 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        w.pop();
    }
    for (from, to) in [
        ("isation", "ization"),
        ("ising", "izing"),
        ("ised", "ized"),
        ("ise", "ize"),
    ] {
        if w.len() > from.len() + 3 && w.ends_with(from) {
            w.truncate(w.len() - from.len());
            w.push_str(to);
            break;
        }
    }
    // "prioritization" is the act of what "prioritize" says.
    if w.len() > "ization".len() + 3 && w.ends_with("ization") {
        w.truncate(w.len() - "ation".len());
        w.push('e');
    }
    for suffix in ["ing", "ed"] {
        if w.ends_with(suffix) && w[..w.len() - suffix.len()].chars().count() >= 3 {
            w.truncate(w.len() - suffix.len());
            undouble(w);
            return;
        }
    }
    if w.ends_with('e') && w.chars().count() >= 5 {
        w.pop();
    }
}

/// "plann" → "plan": drops one of a doubled final consonant left by -ing/-ed.
fn undouble(w: &mut String) {
    let mut tail = w.chars().rev();
    if let (Some(a), Some(b)) = (tail.next(), tail.next()) {
        if a == b && a.is_ascii_alphabetic() && !"aeioulsz".contains(a) {
            w.pop();
        }
    }
}

/// Marks a stop word's key, so no stemmed content word can collide with a stop word
/// ("whose" stems to "whos", which must not read as the stop word "who's").
const STOP_MARK: char = '\'';

/// Key of one word: a stop word keeps its form behind a mark, other words are [`stem`]med.
pub fn word_key(word: &str) -> String {
    small_key(word).into()
}

/// [`word_key`] as a [`SmolStr`], which holds a word's key without allocating.
pub fn small_key(word: &str) -> SmolStr {
    if is_stop_word(word) {
        smol_str::format_smolstr!("{STOP_MARK}{word}")
    } else {
        // Stemmed in a buffer kept per thread: a key fits in the SmolStr itself.
        thread_local! {
            static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        BUF.with(|buf| {
            let mut buf = buf.borrow_mut();
            stem_into(word, &mut buf);
            SmolStr::new(buf.as_str())
        })
    }
}

/// True when `key` (from [`word_key`]) is a stop word's.
pub fn is_stop_key(key: &str) -> bool {
    key.starts_with(STOP_MARK)
}

/// The keys of a phrase's words, stop words included: how aliases are compared.
pub fn phrase_key(phrase: &str) -> Vec<String> {
    word_slices(&clean(phrase)).map(|w| word_key(&w)).collect()
}

/// The phrases a display name stands for: "Agile Release Train (ART)" gives the name
/// without the parenthesis and the parenthesised abbreviation.
pub fn name_phrases(name: &str) -> Vec<String> {
    match (name.find('('), name.rfind(')')) {
        (Some(open), Some(close)) if open < close => {
            let outer = format!("{} {}", &name[..open], &name[close + 1..]);
            vec![
                outer.trim().to_string(),
                name[open + 1..close].trim().to_string(),
            ]
        }
        _ => vec![name.to_string()],
    }
}
