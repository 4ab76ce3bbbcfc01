//! Text normalisation shared by knowledge loading and question parsing.
//!
//! Lower-cases, folds unicode quotes and dashes, removes Discord mentions, URLs and
//! code, collapses stretched letters, splits into words and folds simple plurals.

mod keys;

pub use keys::*;

use std::borrow::Cow;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Maps one character to its folded form: quotes and dashes to ASCII, case lowered.
fn fold_char(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => out.push('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => out.push('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
        '&' => out.push_str(" and "),
        // Trademark and copyright signs decorate a name ("SAFe®"): not a word, nor a break.
        '\u{00A9}' | '\u{00AE}' | '\u{2120}' | '\u{2122}' => {}
        c if c.is_ascii() || is_hangul(c) => out.extend(c.to_lowercase()),
        // Accents and other combining marks go: "whó", "backlo\u{301}g" and zalgo text
        // read as the plain letters people meant.
        c => decompose_canonical(c, |part| {
            if !is_combining_mark(part) {
                out.extend(part.to_lowercase());
            }
        }),
    }
}

/// True for a precomposed Hangul syllable, which canonical decomposition would split into
/// its letters: those are kept whole.
fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Removes Discord markup (mentions, channels, roles, custom emoji, timestamps),
/// URLs and code, and folds case, quotes and dashes.
///
/// ```
/// use rolecall_core::normalize::clean;
/// assert_eq!(clean("Hey <@123> what’s a PO? https://x.io `code`").trim(), "hey   what's a po?");
/// ```
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        // Fast path: a run of plain ASCII that starts no markup and only needs lower-casing.
        // An `h` or a `w` ends it only where a link starts ("who", "what" don't).
        let bytes = rest.as_bytes();
        let plain = (0..bytes.len())
            .find(|&i| match bytes[i] {
                b'<' | b'`' | b'@' | b'&' => true,
                b'h' | b'H' | b'w' | b'W' => markup_len(&rest[i..]).is_some(),
                b => !b.is_ascii(),
            })
            .unwrap_or(bytes.len());
        if plain > 0 {
            let from = out.len();
            out.push_str(&rest[..plain]);
            out[from..].make_ascii_lowercase();
            rest = &rest[plain..];
            continue;
        }
        if let Some(skip) = markup_len(rest) {
            out.push(' ');
            rest = &rest[skip..];
            continue;
        }
        fold_char(c, &mut out);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// `text` with Discord's mentions (`<@id>`, `<@&id>`, `<#id>`, `@everyone`, `@here`) taken
/// out and the rest as typed: for keeping what someone asked without anyone's id.
///
/// ```
/// use rolecall_core::normalize::without_mentions;
/// assert_eq!(without_mentions("<@123> Who is <@&9>'s PO? @here"), "Who is 's PO?");
/// ```
pub fn without_mentions(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let mention = matches!(c, '<' | '@')
            .then(|| markup_len(rest))
            .flatten()
            .filter(|_| c == '@' || rest[1..].starts_with(['@', '#']));
        match mention {
            Some(skip) => rest = &rest[skip..],
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Longest Discord markup (`<...>`) recognised, in bytes.
const MAX_MARKUP: usize = 120;

/// Byte length of the markup (mention, URL, code) that starts `s`, if any.
fn markup_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    match b[0] {
        b'<' => {
            // Markup is short: look no further than its longest form, so a message of
            // many '<' costs linear time, not a scan of the rest for each.
            let end = s.bytes().skip(1).take(MAX_MARKUP).position(|b| b == b'>')? + 1;
            let inner = &s[1..end];
            let is_markup = inner.starts_with('@')
                || inner.starts_with('#')
                || inner.starts_with(':')
                || inner.starts_with("a:")
                || inner.starts_with("t:")
                || inner.starts_with("/")
                || inner.starts_with("http");
            (is_markup && !inner.contains(char::is_whitespace)).then_some(end + 1)
        }
        b'`' => {
            let fence = if s.starts_with("```") { "```" } else { "`" };
            let end = s[fence.len()..].find(fence)?;
            Some(fence.len() + end + fence.len())
        }
        b'h' | b'H' | b'w' | b'W' => {
            let is_url = starts_with_ignore_case(s, "http://")
                || starts_with_ignore_case(s, "https://")
                || starts_with_ignore_case(s, "www.");
            is_url.then(|| s.find(char::is_whitespace).unwrap_or(s.len()))
        }
        b'@' => {
            if starts_with_ignore_case(s, "@everyone") {
                Some(9)
            } else if starts_with_ignore_case(s, "@here") {
                Some(5)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// True when `s` starts with the ASCII `prefix`, ignoring ASCII case.
fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Splits cleaned text into words: runs of letters and digits; apostrophes are dropped
/// so "what's" reads "whats" and "PO's" reads "pos". Runs of three or more identical
/// letters collapse to one ("whooo" → "who").
pub fn words(cleaned: &str) -> impl Iterator<Item = String> + '_ {
    word_slices(cleaned).map(Cow::into_owned)
}

/// [`words`], borrowing each word from `cleaned` when it needs no change.
pub fn word_slices(cleaned: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    cleaned
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(collapse_stretched)
        .filter(|w| !w.is_empty())
}

/// Drops apostrophes and collapses runs of 3+ identical letters to one.
fn collapse_stretched(word: &str) -> Cow<'_, str> {
    let plain = !word.contains('\'')
        && !word
            .as_bytes()
            .windows(3)
            .any(|w| w[0] == w[1] && w[1] == w[2]);
    if plain && word.is_ascii() {
        return Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    let mut last: Option<char> = None;
    let mut run = 0usize;
    for c in word.chars().filter(|&c| c != '\'') {
        if Some(c) == last {
            run += 1;
        } else {
            last = Some(c);
            run = 1;
        }
        // Keep the first two of a run; a third of the same letter means stretching.
        if run <= 2 {
            out.push(c);
        } else if run == 3 && c.is_alphabetic() {
            out.pop();
        } else if !c.is_alphabetic() {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_combining_marks() {
        let plain = |s: &str| words(&clean(s)).collect::<Vec<_>>().join(" ");
        assert_eq!(plain("Whó owns the BACKLÓG?"), "who owns the backlog");
        assert_eq!(plain("backlo\u{301}g"), "backlog", "decomposed accent");
        assert_eq!(plain("ǫ̶͉͝w̷̞͐n̵̰͒ë̸̠r̶̬͝"), "owner", "zalgo");
        assert_eq!(plain("Straße café"), "straße cafe");
        assert_eq!(plain("SAFe® Product Owner™"), "safe product owner");
        assert_eq!(plain("제품 책임자"), "제품 책임자", "Hangul stays whole");
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn strips_discord_markup() {
        let c = clean("<@!1> <#22> <@&3> <:po:44> <t:1700000000:R> @everyone @here hi");
        assert_eq!(words(&c).collect::<Vec<_>>(), vec!["hi"]);
    }

    #[test]
    fn strips_code_and_urls() {
        let c = clean("see ```rust\nfn x(){}``` and `po` at https://e.com/a?b=c www.x.y ok");
        assert_eq!(
            words(&c).collect::<Vec<_>>(),
            vec!["see", "and", "at", "ok"]
        );
        // Words with an `h` or a `w` stay; a link in capitals, or right after a word,
        // still goes.
        let c = clean("Who owns HTTPS://E.COM/X the WWW.X.Y roadmap whathttp://a.b now");
        assert_eq!(
            words(&c).collect::<Vec<_>>(),
            vec!["who", "owns", "the", "roadmap", "what", "now"]
        );
    }

    #[test]
    fn folds_quotes_dashes_and_stretching() {
        let c = clean("Whooo’s the PO’s boss — really?");
        assert_eq!(
            words(&c).collect::<Vec<_>>(),
            vec!["whos", "the", "pos", "boss", "really"]
        );
    }

    #[test]
    fn unclosed_markup_is_plain_text() {
        assert_eq!(words(&clean("a <@ b ` c")).count(), 3);
    }

    #[test]
    fn stems_plurals_and_spelling() {
        assert_eq!(stem("epics"), "epic");
        assert_eq!(stem("business"), "business");
        assert_eq!(stem("prioritises"), stem("prioritize"));
        assert_eq!(stem("prioritizes"), stem("prioritised"));
        assert_eq!(stem("planning"), "plan");
        assert_eq!(stem("grooming"), stem("groomed"));
        assert_eq!(stem("manage"), stem("managing"));
        assert_eq!(stem("need"), "need");
        assert_eq!(stem("thing"), "thing");
        assert_eq!(stem("mvps"), "mvp");
        assert_eq!(stem("days"), "day");
        assert_eq!(stem("status"), "status");
    }
}
