//! The bold sentence an answer opens with ("**Not on the same train.** SAFe keeps…"), and
//! the short form of a text when it has none.
//!
//! Knowledge texts put the answer first, in bold; replies show that sentence alone where
//! room is short (comparison rows, menu descriptions) and `check` warns when it is missing.

/// Most characters a bold opener should have to still read as a short answer.
pub const MAX_OPENER_CHARS: usize = 150;
/// Most characters of an answer's text before `check` says it runs long (a bold sentence
/// and about four lines on a desktop screen).
pub const MAX_ANSWER_CHARS: usize = 600;

/// A text split into its bold opening sentence and the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opened<'a> {
    /// The opener without its `**` markers ("Not on the same train."), if the text has one.
    pub opener: Option<&'a str>,
    /// Punctuation written just after the closing `**` (`**Yes**.`), else empty.
    pub mark: &'a str,
    /// What follows the opener, trimmed (the whole text when there is no opener).
    pub body: &'a str,
}

/// Splits `text` into its bold opener and body.
///
/// The opener is a bold run at the very start that ends a sentence or clause: its last
/// character (inside or just after the closing `**`) is `.`, `?`, `!` or `:`, or the run is
/// followed by a line break or the end of the text.
///
/// ```
/// use rolecall_core::knowledge::opener::split;
/// let o = split("**The Product Owner.** They own the backlog.");
/// assert_eq!(o.opener, Some("The Product Owner."));
/// assert_eq!(o.body, "They own the backlog.");
/// assert_eq!(split("The **Product Owner**.").opener, None);
/// ```
pub fn split(text: &str) -> Opened<'_> {
    let whole = Opened {
        opener: None,
        mark: "",
        body: text.trim(),
    };
    let ends_sentence = |c: char| matches!(c, '.' | '?' | '!' | ':');
    let t = text.trim_start();
    let Some(rest) = t.strip_prefix("**") else {
        return whole;
    };
    let Some(end) = rest.find("**") else {
        return whole;
    };
    let inner = rest[..end].trim();
    if inner.is_empty() || inner.contains('\n') {
        return whole;
    }
    let mut after = &rest[end + 2..];
    let mut mark = "";
    let mut last = inner.chars().last();
    if let Some(c) = after.chars().next().filter(|&c| ends_sentence(c)) {
        mark = &after[..c.len_utf8()];
        after = &after[c.len_utf8()..];
        last = Some(c);
    }
    let line_rest = after.trim_start_matches([' ', '\t']);
    let at_break = line_rest.is_empty() || line_rest.starts_with(['\n', '\r']);
    let spaced = after.is_empty() || after.starts_with(char::is_whitespace);
    if !(spaced && (last.is_some_and(ends_sentence) || at_break)) {
        return whole;
    }
    Opened {
        opener: Some(inner),
        mark,
        body: after.trim(),
    }
}

impl Opened<'_> {
    /// The text with its opener no longer bold (for when something else leads).
    pub fn unbolded(&self) -> String {
        match self.opener {
            Some(o) if self.body.is_empty() => format!("{o}{}", self.mark),
            Some(o) => format!("{o}{} {}", self.mark, self.body),
            None => self.body.to_string(),
        }
    }
}

/// The short answer of a text: its bold opener, else its first sentence, cut at a word
/// boundary to `max` characters (ending with `…` when cut). Bold markers are kept out.
pub fn short_answer(text: &str, max: usize) -> String {
    let o = split(text);
    let unbolded;
    let s = match o.opener {
        Some(op) => op,
        None => {
            unbolded = o.body.replace("**", "");
            first_sentence(&unbolded)
        }
    };
    cut_at_word(s.trim_end_matches(['.', ':']).trim(), max)
}

/// The first sentence of `text` (up to and including its full stop), or the first line.
pub fn first_sentence(text: &str) -> &str {
    let line = text.lines().next().unwrap_or("").trim();
    let mut prev_lower = false;
    for (i, c) in line.char_indices() {
        if matches!(c, '.' | '?' | '!') && prev_lower {
            let next = line[i + c.len_utf8()..].chars().next();
            if next.is_none_or(char::is_whitespace) {
                return &line[..i + c.len_utf8()];
            }
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit() || c == ')';
    }
    line
}

/// Cuts `text` to at most `max` characters at a word boundary, adding `…` when cut.
pub fn cut_at_word(text: &str, max: usize) -> String {
    // Counting stops after `max` characters: a long text is not walked to its end.
    if text.chars().nth(max).is_none() {
        return text.to_string();
    }
    let Some((at, next)) = text.char_indices().nth(max.saturating_sub(1)) else {
        return text.to_string();
    };
    let keep = &text[..at];
    let at_word_end = next.is_whitespace() || next.is_ascii_punctuation();
    let cut = match keep.rfind(' ') {
        _ if at_word_end => keep,
        Some(i) if i > keep.len() / 2 => &keep[..i],
        _ => keep,
    };
    let cut = cut.trim_end_matches([',', ';', ':', ' ', '.', '-', '—']);
    let mut out = String::with_capacity(cut.len() + '…'.len_utf8());
    out.push_str(cut);
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_bold_sentence_at_the_start() {
        let o = split("**Not on the same train.** SAFe keeps the roles apart.");
        assert_eq!(o.opener, Some("Not on the same train."));
        assert_eq!(o.body, "SAFe keeps the roles apart.");
        let o = split("**Partly: the PO manages work, not people.**\nThe source says so.");
        assert_eq!(o.opener, Some("Partly: the PO manages work, not people."));
        assert_eq!(o.body, "The source says so.");
        let o = split("**Yes**. Both roles exist.");
        assert_eq!(o.opener, Some("Yes"));
        assert_eq!(o.body, "Both roles exist.");
        assert_eq!(o.unbolded(), "Yes. Both roles exist.");
        let o = split("**Only bold**");
        assert_eq!(o.opener, Some("Only bold"));
        assert_eq!(o.body, "");
    }

    #[test]
    fn bold_words_inside_a_sentence_are_not_an_opener() {
        for t in [
            "The **Product Owner**.",
            "**NPS** and **churn** are PM metrics.",
            "**Backlog** grooming is the PO's job.",
            "No bold at all.",
            "**unclosed bold",
            "****",
        ] {
            assert_eq!(split(t).opener, None, "{t}");
            assert_eq!(split(t).body, t.trim(), "{t}");
        }
    }

    #[test]
    fn short_answers_use_the_opener_or_the_first_sentence() {
        assert_eq!(
            short_answer("**About $112K a year.** A US average.", 40),
            "About $112K a year"
        );
        assert_eq!(
            short_answer("Close to the work. The PO faces customers.", 40),
            "Close to the work"
        );
        assert_eq!(
            short_answer(
                "The product roadmap and the **MVPs**, e.g. v1.2 builds.",
                24
            ),
            "The product roadmap and…"
        );
        assert_eq!(short_answer("ünïcödé wörds hère", 9), "ünïcödé…");
    }

    #[test]
    fn cuts_keep_at_most_max_characters_and_end_at_a_word() {
        let texts = [
            "",
            "PO",
            "Owns the team backlog and accepts stories",
            "ünïcödé wörds hère, and — more: words",
            "🚀🚀🚀 launch day for the whole train",
            "averyveryverylongwordwithnospacesatall and then some",
        ];
        for text in texts {
            let n = text.chars().count();
            for max in 0..n + 3 {
                let cut = cut_at_word(text, max);
                if n <= max {
                    assert_eq!(cut, text, "{text:?} at {max}");
                    continue;
                }
                assert!(
                    cut.chars().count() <= max.max(1),
                    "{text:?} at {max}: {cut:?}"
                );
                let kept = cut.strip_suffix('…').expect("a cut text ends with …");
                assert!(text.starts_with(kept), "{text:?} at {max}: {cut:?}");
                assert!(!kept.ends_with([' ', ',', ';', ':', '.', '-']), "{cut:?}");
            }
        }
    }
}
