//! Splitting a cleaned message into parts (sentences, and what an emoji, a colon or a line
//! break ends) and each part into clauses, the units [`super::ask`] reads for what asks.

use crate::knowledge::Language;

/// One part of a message: a sentence, or what an emoji, colon or line break ends.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Part {
    /// The part's text, without its closing punctuation.
    pub text: String,
    /// Byte offsets in `text` where a clause starts (after `,`, a dash, `(`, or before a
    /// conjunction that opens a new clause), 0 first.
    pub clauses: Vec<usize>,
    /// True when the part ended with a question mark.
    pub question: bool,
    /// True when the part ended with a colon: it introduces what follows ("PM vs PO:").
    pub heading: bool,
}

/// Splits cleaned text into parts at `?`, `!`, `;`, `:`, line breaks, a `.` that ends a
/// sentence (not one inside "e.g." or "2.5"), and emoji or other symbols. An aside in
/// brackets ("(asking for a friend 😂)", "(we're on SAFe 6)") is a part of its own, after
/// the part it interrupts: context, not the ask.
pub(super) fn parts(lang: &Language, cleaned: &str) -> Vec<Part> {
    let mut out = Vec::new();
    let mut cur = String::with_capacity(cleaned.len());
    let mut clauses = vec![0];
    let mut aside: Option<String> = None;
    let mut asides: Vec<String> = Vec::new();
    let part = |text: &str, clauses: &[usize], question: bool| -> Option<Part> {
        let text = text.trim_end();
        let lead = text.len() - text.trim_start().len();
        let text = text.trim_start().to_string();
        if !text.chars().any(char::is_alphanumeric) {
            return None;
        }
        let mut starts: Vec<usize> = clauses
            .iter()
            .filter_map(|&c| c.checked_sub(lead))
            .filter(|&c| c < text.len())
            .collect();
        starts.insert(0, 0);
        starts.dedup();
        Some(Part {
            text,
            clauses: starts,
            question,
            heading: false,
        })
    };
    // The part ended (with its asides after it); true when it held words.
    let push = |cur: &mut String,
                clauses: &mut Vec<usize>,
                asides: &mut Vec<String>,
                question: bool,
                out: &mut Vec<Part>| {
        let main = part(cur, clauses, question);
        let held = main.is_some();
        out.extend(main);
        out.extend(asides.drain(..).filter_map(|a| part(&a, &[0], false)));
        cur.clear();
        *clauses = vec![0];
        held
    };
    // The last part that was not an aside.
    let mut last_main: Option<usize> = None;
    let mut last = ' ';
    for (at, c) in cleaned.char_indices() {
        let next = cleaned[at + c.len_utf8()..].chars().next().unwrap_or(' ');
        let prev = std::mem::replace(&mut last, c);
        if let Some(a) = aside.as_mut() {
            match c {
                ')' => {
                    // The sentence goes on where the aside interrupted it.
                    asides.extend(aside.take());
                    cur.push(' ');
                    continue;
                }
                '?' | '!' | '\n' | '\r' => asides.extend(aside.take()),
                c => {
                    a.push(c);
                    continue;
                }
            }
        }
        // Some(question) when `c` ends the part.
        let ends = match c {
            '?' => Some(true),
            '!' | ';' | '\n' | '\r' => Some(false),
            ':' if next.is_whitespace() => Some(false),
            '.' if next.is_whitespace() && !abbreviation(&cur) => Some(false),
            c if is_symbol(c) => Some(false),
            // "(asking for a friend)" but not "PO(s)".
            '(' if !prev.is_alphanumeric() => {
                aside = Some(String::new());
                None
            }
            ',' | '(' | ')' | '"' => {
                cur.push(' ');
                clauses.push(cur.len());
                None
            }
            '-' if prev.is_whitespace() && next.is_whitespace() => {
                cur.push(' ');
                clauses.push(cur.len());
                None
            }
            c => {
                // A conjunction ("but", "so") opens a new clause.
                if c.is_alphanumeric() && !prev.is_alphanumeric() && prev != '\'' {
                    let rest = &cleaned[at..];
                    let word = &rest[..rest
                        .find(|c: char| !c.is_alphanumeric())
                        .unwrap_or(rest.len())];
                    if lang.is_conjunction(word) && !cur.trim().is_empty() {
                        clauses.push(cur.len());
                    }
                }
                cur.push(c);
                None
            }
        };
        if let Some(question) = ends {
            let at = out.len();
            if push(&mut cur, &mut clauses, &mut asides, question, &mut out) {
                last_main = Some(at);
                out[at].heading = c == ':';
            } else if let Some(i) = last_main.filter(|_| question) {
                // "?!", "??", "who owns it 🙈?": the part before asked.
                out[i].question = true;
            }
        }
    }
    asides.extend(aside.take());
    push(&mut cur, &mut clauses, &mut asides, false, &mut out);
    out
}

/// Splits a part that asks twice ("how do you know you're good at it, how do you
/// measure success as a PM?") into one part per question: a clause after the first
/// asking one, opened by a question word and at least [`SPLIT_WORDS`] words long, starts
/// a part of its own, unless it offers an alternative ("…, or is it the PM's job?").
pub(super) fn split_asks(lang: &Language, part: Part) -> Vec<Part> {
    let n = part.clauses.len();
    let words = ClauseWords::of(&part);
    let opens = |i: usize| {
        let words = words.clause(i);
        words.len() >= SPLIT_WORDS
            && !lang.is_alternative(words[0])
            && lang.opened_by_question(words)
    };
    let Some(first) = (0..n).find(|&i| opens(i)) else {
        return vec![part];
    };
    let cuts: Vec<usize> = (first + 1..n).filter(|&i| opens(i)).collect();
    if cuts.is_empty() {
        return vec![part];
    }
    let bounds: Vec<(usize, usize)> = std::iter::once(0)
        .chain(cuts.iter().copied())
        .zip(cuts.iter().copied().chain(std::iter::once(n)))
        .collect();
    bounds
        .into_iter()
        .map(|(from, to)| {
            let base = part.clauses[from];
            let text = clause_text(&part, from, to).to_string();
            let lead = part.text[base..].len() - part.text[base..].trim_start().len();
            Part {
                clauses: part.clauses[from..to]
                    .iter()
                    .map(|&c| c - base)
                    .filter_map(|c| c.checked_sub(lead))
                    .filter(|&c| c < text.len())
                    .chain(std::iter::once(0))
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect(),
                text,
                question: part.question,
                heading: part.heading && to == n,
            }
        })
        .collect()
}

/// The words of each clause of a part, held in one list.
pub(super) struct ClauseWords<'a> {
    /// Every clause's words, in order.
    words: Vec<&'a str>,
    /// Where each clause's words start in `words`, and the end after the last.
    starts: Vec<usize>,
}

impl<'a> ClauseWords<'a> {
    /// Splits each clause of `part` into its words.
    pub(super) fn of(part: &'a Part) -> ClauseWords<'a> {
        let n = part.clauses.len();
        let mut words = Vec::new();
        let mut starts = Vec::with_capacity(n + 1);
        for i in 0..n {
            starts.push(words.len());
            words.extend(clause_text(part, i, i + 1).split_whitespace());
        }
        starts.push(words.len());
        ClauseWords { words, starts }
    }

    /// The words of clause `i`.
    pub(super) fn clause(&self, i: usize) -> &[&'a str] {
        &self.words[self.starts[i]..self.starts[i + 1]]
    }
}

/// Fewest words of a clause that [`split_asks`] makes a question of its own.
const SPLIT_WORDS: usize = 3;

/// True for an emoji or another symbol that ends a clause in chat ("🙈", "→", "•").
fn is_symbol(c: char) -> bool {
    !c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace() && !is_mark(c)
}

/// True for combining marks and joiners, which belong to the letter or emoji before them.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{200B}'..='\u{200D}' | '\u{FE0F}')
}

/// True when the text before a `.` ends in an abbreviation ("e.g", "i.e", "etc", "vs").
fn abbreviation(before: &str) -> bool {
    let last = before.rsplit(char::is_whitespace).next().unwrap_or("");
    matches!(last, "e.g" | "i.e" | "etc" | "vs" | "approx" | "eg" | "ie") || last.contains('.')
}

/// The words of clauses `from` up to (not including) `to`, borrowed from the part; `to`
/// past the last clause runs to the part's end.
pub(super) fn clause_text(part: &Part, from: usize, to: usize) -> &str {
    let end = part.clauses.get(to).copied().unwrap_or(part.text.len());
    part.text[part.clauses[from]..end].trim()
}
