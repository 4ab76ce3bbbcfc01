//! FAQ stubs from a team's own Markdown docs (`rolecall import handbook.md`): the questions a
//! handbook already answers (headings phrased as questions, `Q:`/`A:` pairs and definition
//! lists) with the text that answers them, written as `[[faq]]` entries for someone to
//! review. Nothing here goes live: the output is a proposal, and a question the document
//! leaves unanswered gets an [`UNWRITTEN`] answer, which `rolecall check` refuses.
//!
//! The reading is deliberately simple and line based: ATX headings, fenced code, HTML
//! comments, lists and links are understood; everything else is kept as the document
//! wrote it.

use super::{new_id, ANSWER_CHARS};
use crate::knowledge::UNWRITTEN;
use std::collections::HashSet;
use std::fmt::Write;

/// One question found in a document, with the text that answers it and where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The question: trimmed, without emphasis markers.
    pub question: String,
    /// The text that answers it; empty when the document gives none.
    pub answer: String,
    /// The 1-based line of the question in the document.
    pub line: usize,
}

/// First words that make a heading a question even without a `?`.
const QUESTION_WORDS: [&str; 15] = [
    "how", "what", "who", "why", "when", "where", "which", "can", "do", "does", "is", "are",
    "should", "may", "will",
];

/// Shortest question kept, in characters.
const MIN_QUESTION_CHARS: usize = 3;

/// Finds the questions of a Markdown document: headings phrased as questions, `Q:`/`A:` pairs
/// and definition lists.
pub fn questions(markdown: &str) -> Vec<Found> {
    let lines = prepare(markdown);
    let mut found: Vec<Found> = Vec::new();
    // The question heading whose section is being read (an index into `found`), and the
    // lines of the section so far (`None` for a blank line).
    let mut section: Option<usize> = None;
    let mut body: Vec<Option<String>> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(text) = lines[i].text.as_deref() else {
            body.push(None);
            i += 1;
            continue;
        };
        if let Some(title) = heading(text) {
            close(&mut found, section.take(), &mut body);
            let question = clean_question(title);
            if is_question(&question) && question.chars().count() >= MIN_QUESTION_CHARS {
                found.push(Found {
                    question,
                    answer: String::new(),
                    line: lines[i].no,
                });
                section = Some(found.len() - 1);
            }
            i += 1;
        } else if let Some(first) = labelled(text, Label::Question) {
            let (pair, next) = read_pair(&lines, i, first);
            found.extend(pair);
            body.push(None);
            i = next;
        } else if let Some((entry, next)) =
            read_definition(&lines, i, body.last().is_some_and(Option::is_some))
        {
            found.push(entry);
            body.push(None);
            i = next;
        } else {
            body.push(Some(text.to_string()));
            i += 1;
        }
    }
    close(&mut found, section, &mut body);
    found
}

/// Ends a section: the question heading `section` (an index into `found`), if any, gets the
/// section's text as its answer, and the lines are dropped.
fn close(found: &mut [Found], section: Option<usize>, body: &mut Vec<Option<String>>) {
    if let Some(i) = section {
        found[i].answer = section_text(body);
    }
    body.clear();
}

/// The stubs as a knowledge file for review: one `[[faq]]` per question, ids made unique with
/// `new_id` (also unique against `taken`), the section text as the answer, or `UNWRITTEN: …`
/// when the section is empty; a comment above each says the source line and, when the answer
/// is over ANSWER_CHARS characters, that it must be shortened.
pub fn to_toml(found: &[Found], source_name: &str, taken: impl Fn(&str) -> bool) -> String {
    // A name with a line break would end the comments it is written in.
    let source = source_name.replace(['\n', '\r'], " ");
    let mut out = format!(
        "# FAQ stubs found in {source} by `rolecall import`. Review every answer,\n\
         # then move the ones you keep into knowledge/ (or `rolecall import FILE --guild ID`).\n\
         # `rolecall check` refuses answers still marked UNWRITTEN and answers that are too long.\n"
    );
    let mut used: HashSet<String> = HashSet::new();
    for f in found {
        let id = new_id(&f.question, |id| taken(id) || used.contains(id));
        used.insert(id.clone());
        let answer = if f.answer.trim().is_empty() {
            format!("{UNWRITTEN} answer \"{}\" here.", f.question)
        } else {
            // Answers open with a bold sentence, as `check` asks; the reviewer checks it.
            super::bolded(&f.answer)
        };
        let _ = writeln!(out, "\n# {source}:{}", f.line);
        let chars = answer.chars().count();
        if chars > ANSWER_CHARS {
            let _ = writeln!(
                out,
                "# The answer is {chars} characters: shorten it to {ANSWER_CHARS}."
            );
        }
        let _ = writeln!(
            out,
            "[[faq]]\nid = {}\nquestion = {}\nanswer = {}",
            quoted(&id),
            quoted(&f.question),
            quoted(&answer)
        );
    }
    out
}

/// A TOML basic string holding `s`, escaped as TOML requires.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A line of the document as the finder sees it.
struct Line {
    /// Its 1-based number.
    no: usize,
    /// Its text with HTML comments cut out; `None` when blank, and for the lines of front
    /// matter, fenced code and thematic breaks, which read as blank.
    text: Option<String>,
}

/// The document's lines, with front matter, fenced code, HTML comments and thematic breaks
/// blanked out.
fn prepare(markdown: &str) -> Vec<Line> {
    let markdown = markdown.strip_prefix('\u{feff}').unwrap_or(markdown);
    let raw: Vec<&str> = markdown.lines().collect();
    let mut skip = vec![false; raw.len()];
    if raw.first().is_some_and(|l| l.trim_end() == "---") {
        if let Some(end) = raw
            .iter()
            .skip(1)
            .position(|l| matches!(l.trim_end(), "---" | "..."))
        {
            for s in skip.iter_mut().take(end + 2) {
                *s = true;
            }
        }
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut fence: Option<(char, usize)> = None;
    let mut in_comment = false;
    for (i, line) in raw.iter().enumerate() {
        let no = i + 1;
        if skip[i] {
            out.push(Line { no, text: None });
            continue;
        }
        let t = line.trim_start();
        if let Some((c, n)) = fence {
            if fence_run(t)
                .is_some_and(|(c2, n2, rest)| c2 == c && n2 >= n && rest.trim().is_empty())
            {
                fence = None;
            }
            out.push(Line { no, text: None });
            continue;
        }
        if !in_comment {
            if let Some((c, n, _)) = fence_run(t) {
                fence = Some((c, n));
                out.push(Line { no, text: None });
                continue;
            }
        }
        let text = strip_comments(line, &mut in_comment);
        let text = if text.trim().is_empty() || thematic_break(&text) {
            None
        } else {
            Some(text)
        };
        out.push(Line { no, text });
    }
    out
}

/// The code fence a (left-trimmed) line starts with: its character, how many, and the rest.
fn fence_run(t: &str) -> Option<(char, usize, &str)> {
    let c = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let rest = t.trim_start_matches(c);
    // The fence character is ASCII: bytes are characters.
    let n = t.len() - rest.len();
    if n >= 3 {
        Some((c, n, rest))
    } else {
        None
    }
}

/// `line` without its HTML comments; `in_comment` says whether a comment is open before the
/// line, and is left saying whether one is open after it.
fn strip_comments(line: &str, in_comment: &mut bool) -> String {
    let mut out = String::new();
    let mut rest = line;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(end) => {
                    rest = &rest[end + 3..];
                    *in_comment = false;
                    if out.ends_with([' ', '\t']) {
                        rest = rest.trim_start();
                    }
                }
                None => return out,
            }
        } else {
            match rest.find("<!--") {
                Some(start) => {
                    out.push_str(&rest[..start]);
                    rest = &rest[start + 4..];
                    *in_comment = true;
                }
                None => {
                    out.push_str(rest);
                    return out;
                }
            }
        }
    }
}

/// True for `---`, `***`, `___` (spaces allowed) and a setext underline `===`.
fn thematic_break(text: &str) -> bool {
    let marks: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3
        && ['-', '*', '_', '=']
            .iter()
            .any(|&m| marks.iter().all(|&c| c == m))
}

/// The text of an ATX heading (`#` to `######` and a space), without a closing `#` sequence.
fn heading(line: &str) -> Option<&str> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let rest = t.trim_start_matches('#');
    let level = t.len() - rest.len();
    if level == 0 || level > 6 || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let rest = rest.trim();
    let open = rest.trim_end_matches('#');
    Some(if open.is_empty() {
        open
    } else if open.ends_with([' ', '\t']) {
        open.trim_end()
    } else {
        rest
    })
}

/// True when a (cleaned) heading asks something: it ends with `?` or starts with a question
/// word.
fn is_question(q: &str) -> bool {
    if q.ends_with(['?', '？']) {
        return true;
    }
    let Some(first) = q.split_whitespace().next() else {
        return false;
    };
    let lower = first
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let word = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("’s"))
        .unwrap_or(lower.as_str());
    QUESTION_WORDS.contains(&word)
}

/// `text` as a question: links as their text, without `*`, backticks and the `_` of emphasis
/// (not those inside words), whitespace collapsed.
fn clean_question(text: &str) -> String {
    let text = links(text, false);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let drop = match c {
            '*' | '`' => true,
            '_' => {
                let before = i
                    .checked_sub(1)
                    .and_then(|j| chars.get(j))
                    .is_some_and(|c| c.is_alphanumeric());
                let after = chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
                !(before && after)
            }
            _ => false,
        };
        if !drop {
            out.push(c);
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Which label of a `Q:`/`A:` pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    /// `Q:`, `Q.`, `Question:`.
    Question,
    /// `A:`, `A.`, `Answer:`.
    Answer,
}

/// The text after the `label` starting `line` (`Q:`, `**Q:**`, `**Q**:`, `Q.`, `Question:`,
/// and the same for answers, in any case), trimmed.
fn labelled(line: &str, label: Label) -> Option<&str> {
    let (long, short) = match label {
        Label::Question => ("question", "q"),
        Label::Answer => ("answer", "a"),
    };
    let t = line.trim_start().trim_start_matches(['*', '_']);
    let rest = strip_ascii_prefix(t, long).or_else(|| strip_ascii_prefix(t, short))?;
    let rest = rest.trim_start_matches(['*', '_']);
    let rest = rest.strip_prefix([':', '.'])?;
    let rest = rest.trim_start_matches(['*', '_']);
    if rest.is_empty() || rest.starts_with(char::is_whitespace) {
        Some(rest.trim())
    } else {
        None
    }
}

/// `s` without `prefix` (ASCII, compared in any case) at its start.
fn strip_ascii_prefix<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

/// The `Q:`/`A:` pair whose question starts at `lines[i]` (`first` being the text after its
/// label), and the index of the first line after the pair. The question runs on until a blank
/// line or the `A:` line; the answer from `A:` up to the next `Q:`, heading or the end. The
/// pair is `None` when its question is too short (its lines are used up all the same).
fn read_pair(lines: &[Line], i: usize, first: &str) -> (Option<Found>, usize) {
    let mut question = vec![first.to_string()];
    let mut j = i + 1;
    while let Some(t) = lines.get(j).and_then(|l| l.text.as_deref()) {
        if heading(t).is_some()
            || labelled(t, Label::Question).is_some()
            || labelled(t, Label::Answer).is_some()
        {
            break;
        }
        question.push(t.trim().to_string());
        j += 1;
    }
    let mut k = j;
    while lines.get(k).is_some_and(|l| l.text.is_none()) {
        k += 1;
    }
    let mut answer: Vec<Option<String>> = Vec::new();
    let a = lines
        .get(k)
        .and_then(|l| l.text.as_deref())
        .and_then(|t| labelled(t, Label::Answer));
    if let Some(a) = a {
        answer.push(Some(a.to_string()));
        j = k + 1;
        while let Some(line) = lines.get(j) {
            if let Some(t) = line.text.as_deref() {
                if heading(t).is_some() || labelled(t, Label::Question).is_some() {
                    break;
                }
            }
            answer.push(line.text.clone());
            j += 1;
        }
    }
    let question = clean_question(&question.join(" "));
    if question.chars().count() < MIN_QUESTION_CHARS {
        return (None, j);
    }
    let found = Found {
        question,
        answer: section_text(&answer),
        line: lines[i].no,
    };
    (Some(found), j)
}

/// The text of a definition line (`: text`, at most 3 spaces in), trimmed.
fn defined(line: &str) -> Option<&str> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    t.strip_prefix(':')
        .filter(|r| r.starts_with([' ', '\t']))
        .map(str::trim)
}

/// The definition list entry whose term is `lines[i]`: "What is <term>?", its definitions
/// (continuation lines joined with a space, definitions with a line break), and the index of
/// the first line after it. The definitions start on the next line, or after one blank line
/// when the term is not the end of a paragraph (`after_text` says the line before it was
/// text).
fn read_definition(lines: &[Line], i: usize, after_text: bool) -> Option<(Found, usize)> {
    let term = lines[i].text.as_deref()?;
    let t = term.trim_start();
    if defined(term).is_some() || list_item(term).is_some() || t.starts_with(['>', '|']) {
        return None;
    }
    let is_definition = |j: usize| {
        lines
            .get(j)
            .and_then(|l| l.text.as_deref())
            .and_then(defined)
            .is_some()
    };
    let is_blank = |j: usize| lines.get(j).is_some_and(|l| l.text.is_none());
    let start = if is_definition(i + 1) {
        i + 1
    } else if !after_text && is_blank(i + 1) && is_definition(i + 2) {
        i + 2
    } else {
        return None;
    };
    let term = clean_question(term);
    let term = term
        .trim_end_matches(['.', ',', ':', ';', '!', '?', '：', '？'])
        .trim_end();
    if term.is_empty() {
        return None;
    }
    let mut definitions: Vec<String> = Vec::new();
    let mut j = start;
    while j < lines.len() {
        match lines[j].text.as_deref() {
            Some(t) => {
                if let Some(d) = defined(t) {
                    definitions.push(d.to_string());
                } else if t.starts_with([' ', '\t'])
                    && heading(t).is_none()
                    && labelled(t, Label::Question).is_none()
                {
                    if let Some(last) = definitions.last_mut() {
                        if !last.is_empty() {
                            last.push(' ');
                        }
                        last.push_str(t.trim());
                    }
                } else {
                    break;
                }
            }
            None => {
                // Blank lines may separate the definitions of one term.
                let next = lines[j + 1..]
                    .iter()
                    .find_map(|l| l.text.as_deref())
                    .and_then(defined);
                if next.is_none() {
                    break;
                }
            }
        }
        j += 1;
    }
    let answer = definitions
        .iter()
        .map(|d| links(d, true))
        .collect::<Vec<_>>()
        .join("\n");
    let found = Found {
        question: format!("What is {term}?"),
        answer,
        line: lines[i].no,
    };
    Some((found, j))
}

/// A list item (`- `, `* `, `+ `, `1. `, `1) `) as it is kept in answers: its indentation, `-`
/// or its number with a dot, and its text.
fn list_item(line: &str) -> Option<String> {
    let t = line.trim_start();
    let indent = &line[..line.len() - t.len()];
    if let Some(rest) = t.strip_prefix(['-', '*', '+']) {
        return rest
            .starts_with([' ', '\t'])
            .then(|| format!("{indent}- {}", rest.trim()));
    }
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 9 {
        return None;
    }
    // Digits are ASCII: `digits` is a character boundary.
    let (number, rest) = t.split_at(digits);
    let rest = rest.strip_prefix(['.', ')'])?;
    rest.starts_with([' ', '\t'])
        .then(|| format!("{indent}{number}. {}", rest.trim()))
}

/// The text of a section (`None` for a blank line) as an answer: paragraphs joined with a blank
/// line, list items, quotes and table rows kept as lines, links written as `text (url)`, and
/// trimmed.
fn section_text(lines: &[Option<String>]) -> String {
    let mut out: Vec<String> = Vec::new();
    // Whether the next text line continues the last line out (a paragraph or a list item).
    let mut open = false;
    for line in lines {
        let Some(line) = line.as_deref().filter(|l| !l.trim().is_empty()) else {
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            open = false;
            continue;
        };
        let t = line.trim();
        if let Some(item) = list_item(line) {
            // A loose list reads as a tight one.
            let n = out.len();
            if n >= 2 && out[n - 1].is_empty() && list_item(&out[n - 2]).is_some() {
                out.pop();
            }
            out.push(item);
            open = true;
        } else if t.starts_with(['>', '|']) {
            out.push(t.to_string());
            open = false;
        } else if open {
            if let Some(last) = out.last_mut() {
                last.push(' ');
                last.push_str(t);
            }
        } else {
            out.push(t.to_string());
            open = true;
        }
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    links(out.join("\n").trim(), true)
}

/// `text` with each Markdown link `[text](url)` (and image `![alt](url)`) written as
/// `text (url)` (the url alone when it is also the text), or as its text alone when `keep_url`
/// is false. Code spans and escaped characters are left as they are.
fn links(text: &str, keep_url: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            let run = chars[i..].iter().take_while(|&&b| b == '`').count();
            let stop = code_span_end(&chars, i + run, run).unwrap_or(i + run);
            out.extend(&chars[i..stop]);
            i = stop;
            continue;
        }
        if c == '\\' && i + 1 < chars.len() {
            out.push(c);
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        let open = if c == '!' && chars.get(i + 1) == Some(&'[') {
            i + 1
        } else {
            i
        };
        if chars[open] == '[' {
            if let Some((label_end, close)) = link_at(&chars, open) {
                let label: String = chars[open + 1..label_end].iter().collect();
                let target: String = chars[label_end + 2..close].iter().collect();
                let label = links(&label, keep_url);
                let label = label.trim();
                let url = link_url(&target);
                if !keep_url || url.is_empty() {
                    out.push_str(if label.is_empty() { url } else { label });
                } else if label.is_empty() || label == url {
                    out.push_str(url);
                } else {
                    let _ = write!(out, "{label} ({url})");
                }
                i = close + 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Where the code span whose opening run of `run` backticks ends at `from` closes: the index
/// after its closing run.
fn code_span_end(chars: &[char], from: usize, run: usize) -> Option<usize> {
    let mut j = from;
    while j < chars.len() {
        if chars[j] == '`' {
            let n = chars[j..].iter().take_while(|&&b| b == '`').count();
            if n == run {
                return Some(j + n);
            }
            j += n;
        } else {
            j += 1;
        }
    }
    None
}

/// The link starting with the `[` at `open`: the indexes of its `]` and of the `)` closing
/// its target.
fn link_at(chars: &[char], open: usize) -> Option<(usize, usize)> {
    let label_end = closing(chars, open, '[', ']')?;
    if chars.get(label_end + 1) != Some(&'(') {
        return None;
    }
    let close = closing(chars, label_end + 1, '(', ')')?;
    Some((label_end, close))
}

/// The index of the `close` matching the `open` at `start`, on the same line.
fn closing(chars: &[char], start: usize, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = start;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            i += 2;
            continue;
        }
        if c == '\n' {
            return None;
        }
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

/// The url of a link target: `url`, `url "title"` or `<url>`.
fn link_url(target: &str) -> &str {
    let t = target.trim();
    if let Some(inner) = t.strip_prefix('<') {
        if let Some(end) = inner.find('>') {
            return &inner[..end];
        }
    }
    t.split_whitespace().next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines joined as a document.
    fn doc(lines: &[&str]) -> String {
        lines.join("\n")
    }

    /// Each question, answer and line, to compare at once.
    fn triples(found: &[Found]) -> Vec<(&str, &str, usize)> {
        found
            .iter()
            .map(|f| (f.question.as_str(), f.answer.as_str(), f.line))
            .collect()
    }

    #[test]
    fn headings_phrased_as_questions_are_questions_and_others_are_not() {
        let text = doc(&[
            "# Welcome",
            "Intro text.",
            "## How do I get access",
            "Ask Dana.",
            "## Deploys",
            "Tuesdays only.",
            "### who approves designs?",
            "The design council.",
            "## What's on-call like ##",
            "Quiet, mostly.",
            "## Is C# allowed? ##",
            "## Issues and tickets",
            "#hashtag is not a heading",
            "####### Seven hashes are not a heading?",
            "## Q?",
            "Too short to be a question.",
            "    ## Indented four spaces is not a heading?",
        ]);
        assert_eq!(
            triples(&questions(&text)),
            [
                ("How do I get access", "Ask Dana.", 3),
                ("who approves designs?", "The design council.", 7),
                ("What's on-call like", "Quiet, mostly.", 9),
                ("Is C# allowed?", "", 11),
            ]
        );
    }

    #[test]
    fn question_words_are_whole_first_words_in_any_case() {
        for q in [
            "HOW we ship",
            "What to bring",
            "Who's who",
            "why bother",
            "When",
            "Where to eat",
            "Which laptop",
            "Can I pair",
            "Do we estimate",
            "Does it scale",
            "Is it done",
            "Are we there",
            "Should I ask",
            "May I",
            "Will it ship",
            "Any questions?",
            "Qui décide ?",
            "日本語の質問？",
            "**How** we work",
        ] {
            assert!(is_question(&clean_question(q)), "{q}");
        }
        for q in [
            "Howto",
            "Isolation levels",
            "Tools we use",
            "Whatever",
            "On-call",
            "",
        ] {
            assert!(!is_question(&clean_question(q)), "{q}");
        }
    }

    #[test]
    fn a_section_keeps_paragraphs_and_lists_and_skips_code_and_comments() {
        let text = doc(&[
            "## How do we release?",
            "We release on *Tuesdays*",
            "and **Thursdays**.",
            "",
            "Checklist:",
            "* Cut the branch",
            "+ Run the [smoke tests](https://ci.example.com/smoke \"CI\")",
            "  - on staging",
            "1. Promote",
            "",
            "```sh",
            "# not a heading",
            "make release",
            "```",
            "<!-- internal: ask Sam -->",
            "See <https://wiki.example.com> and [the wiki](https://wiki.example.com/release). <!-- old link --> Done.",
            "~~~",
            "## Still code?",
            "~~~",
            "<!-- a comment",
            "## over several lines? -->",
            "### Rollbacks",
            "Ask the captain.",
        ]);
        let found = questions(&text);
        assert_eq!(
            triples(&found),
            [(
                "How do we release?",
                "We release on *Tuesdays* and **Thursdays**.\n\n\
                 Checklist:\n\
                 - Cut the branch\n\
                 - Run the smoke tests (https://ci.example.com/smoke)\n  - on staging\n\
                 1. Promote\n\n\
                 See <https://wiki.example.com> and the wiki (https://wiki.example.com/release). Done.",
                1
            )]
        );
    }

    #[test]
    fn loose_lists_read_tight_and_quotes_stay_lines() {
        let text = doc(&[
            "## What should I read first?",
            "",
            "- The handbook",
            "",
            "- The runbooks,",
            "  all of them",
            "",
            "> Read slowly.",
            "> Really.",
            "",
        ]);
        assert_eq!(
            questions(&text)[0].answer,
            "- The handbook\n- The runbooks, all of them\n\n> Read slowly.\n> Really."
        );
    }

    #[test]
    fn links_become_text_and_url() {
        assert_eq!(
            links("Read [the guide](https://x.example/guide) first", true),
            "Read the guide (https://x.example/guide) first"
        );
        assert_eq!(links("`[not](a link)` here", true), "`[not](a link)` here");
        assert_eq!(
            links("[https://x.example](https://x.example)", true),
            "https://x.example"
        );
        assert_eq!(
            links("![diagram](img/flow.png)", true),
            "diagram (img/flow.png)"
        );
        assert_eq!(
            links("[wiki (old)](https://w.example/a_(b))", true),
            "wiki (old) (https://w.example/a_(b))"
        );
        assert_eq!(
            links("[é 🚀](<https://x.example/é>)", true),
            "é 🚀 (https://x.example/é)"
        );
        assert_eq!(links("[unfinished](oops", true), "[unfinished](oops");
        assert_eq!(
            links("[ref][1] and \\[x](y)", true),
            "[ref][1] and \\[x](y)"
        );
        assert_eq!(
            links("Use [Vault](https://v.example)?", false),
            "Use Vault?"
        );
    }

    #[test]
    fn questions_lose_emphasis_but_not_underscores_inside_words() {
        let text = doc(&[
            "## **How** do I set `ROLECALL_GUILD` in _my_ [shell](https://s.example)?",
            "Export it.",
        ]);
        assert_eq!(
            triples(&questions(&text)),
            [("How do I set ROLECALL_GUILD in my shell?", "Export it.", 1)]
        );
    }

    #[test]
    fn q_and_a_pairs_in_every_spelling() {
        let text = doc(&[
            "Q: How do I get a laptop?",
            "A: Ask IT on your first day.",
            "",
            "**Q:** Who signs off",
            "on expenses?",
            "**A:** Your lead, in the expense tool.",
            "",
            "Receipts go in the same tool.",
            "",
            "q. can I expense books?",
            "a. Yes, up to 50 € a quarter.",
            "Question: Where is the office?",
            "",
            "Answer: Floor 3.",
            "## Next",
            "Quick: not a question",
            "A: an answer with no question",
            "**Q**: Which badge do I need?",
            "**A**: The blue one.",
            "Q: ?",
            "A: Too short a question to keep.",
        ]);
        assert_eq!(
            triples(&questions(&text)),
            [
                ("How do I get a laptop?", "Ask IT on your first day.", 1),
                (
                    "Who signs off on expenses?",
                    "Your lead, in the expense tool.\n\nReceipts go in the same tool.",
                    4
                ),
                ("can I expense books?", "Yes, up to 50 € a quarter.", 10),
                ("Where is the office?", "Floor 3.", 12),
                ("Which badge do I need?", "The blue one.", 18),
            ]
        );
    }

    #[test]
    fn a_question_with_no_answer_line_has_an_empty_answer() {
        let text = doc(&["Q: Who owns the VPN?", "", "Nobody knows."]);
        assert_eq!(triples(&questions(&text)), [("Who owns the VPN?", "", 1)]);
    }

    #[test]
    fn pairs_under_a_question_heading_are_their_own_questions() {
        let text = doc(&[
            "## How does on-call work?",
            "",
            "Q: When is my first shift?",
            "A: After six weeks.",
            "## Who runs retros?",
            "Whoever facilitated last time picks the next person.",
            "",
            "Q: How long are they?",
            "A: One hour.",
        ]);
        assert_eq!(
            triples(&questions(&text)),
            [
                ("How does on-call work?", "", 1),
                ("When is my first shift?", "After six weeks.", 3),
                (
                    "Who runs retros?",
                    "Whoever facilitated last time picks the next person.",
                    5
                ),
                ("How long are they?", "One hour.", 8),
            ]
        );
    }

    #[test]
    fn definition_lists_ask_what_a_term_is() {
        let text = doc(&[
            "## Glossary",
            "",
            "Release captain",
            ": The engineer who runs a release.",
            "",
            "**CAB**:",
            ": Change advisory board: approves risky changes",
            "  before they ship.",
            ": Meets on Mondays.",
            "",
            "Paper cut",
            "",
            ": A small annoyance anyone may fix.",
            "",
            ": Tracked on the [board](https://b.example).",
            "Some paragraph text",
            "that wraps.",
            "",
            ": is not a definition of it.",
        ]);
        assert_eq!(
            triples(&questions(&text)),
            [
                ("What is Release captain?", "The engineer who runs a release.", 3),
                (
                    "What is CAB?",
                    "Change advisory board: approves risky changes before they ship.\nMeets on Mondays.",
                    6
                ),
                (
                    "What is Paper cut?",
                    "A small annoyance anyone may fix.\nTracked on the board (https://b.example).",
                    11
                ),
            ]
        );
    }

    #[test]
    fn definitions_are_not_part_of_a_question_sections_answer() {
        let text = doc(&[
            "## What do the words mean?",
            "Some words we use:",
            "",
            "Gatekeeper",
            ": The access portal.",
        ]);
        assert_eq!(
            triples(&questions(&text)),
            [
                ("What do the words mean?", "Some words we use:", 1),
                ("What is Gatekeeper?", "The access portal.", 4),
            ]
        );
    }

    #[test]
    fn front_matter_is_ignored() {
        let text = doc(&[
            "---",
            "title: How do we work?",
            "# owner: platform",
            "Q: is this a question?",
            "---",
            "",
            "## Why a handbook?",
            "So answers live in one place.",
            "",
            "---",
            "",
            "Thanks for reading.",
        ]);
        assert_eq!(
            triples(&questions(&text)),
            [(
                "Why a handbook?",
                "So answers live in one place.\n\nThanks for reading.",
                7
            )]
        );
    }

    #[test]
    fn a_rule_that_is_not_at_the_start_is_not_front_matter() {
        let text = doc(&["Intro", "---", "## What is this?", "---", "Text."]);
        assert_eq!(triples(&questions(&text)), [("What is this?", "Text.", 3)]);
        let unclosed = doc(&["---", "## How now?", "Brown cow."]);
        assert_eq!(
            triples(&questions(&unclosed)),
            [("How now?", "Brown cow.", 2)]
        );
    }

    #[test]
    fn unicode_text_and_emoji_survive() {
        let text = "## Qui décide ?\r\n\
                    L’équipe *produit* décide 🚀.\r\n\
                    ## 🚀 Launch?\r\n\
                    ## ¿Dónde está el código?\r\n\
                    - [Repo](https://git.example/ñ)\r\n\
                    ## **Éa**?\r\n\
                    ### 日本語の質問？\r\n\
                    答え。\r\n\
                    ## é?\r\n\
                    Two characters are too short, however many bytes.\r\n";
        assert_eq!(
            triples(&questions(text)),
            [
                ("Qui décide ?", "L’équipe *produit* décide 🚀.", 1),
                ("🚀 Launch?", "", 3),
                (
                    "¿Dónde está el código?",
                    "- Repo (https://git.example/ñ)",
                    4
                ),
                ("Éa?", "", 6),
                ("日本語の質問？", "答え。", 7),
            ]
        );
    }

    #[test]
    fn nothing_found_in_an_empty_or_questionless_document() {
        assert!(questions("").is_empty());
        assert!(questions("\u{feff}# Readme\n\nJust text.\n").is_empty());
    }

    #[test]
    fn stubs_parse_and_have_unique_ids_and_unwritten_answers() {
        let found = vec![
            Found {
                question: "How do I get access?".into(),
                answer: "Ask in #help.\n\n- Say \"please\"".into(),
                line: 3,
            },
            Found {
                question: "How do I get access?".into(),
                answer: String::new(),
                line: 9,
            },
            Found {
                question: "Who approves designs?".into(),
                answer: "x".repeat(ANSWER_CHARS + 1),
                line: 12,
            },
            Found {
                question: "Qui décide ?".into(),
                answer: "L’équipe 🚀".into(),
                line: 20,
            },
        ];
        let text = to_toml(&found, "docs/handbook.md", |id| {
            id == "how-do-i-get-access" || id == "who-approves-designs"
        });
        let parsed: toml::Table = toml::from_str(&text).expect(&text);
        let faqs = parsed["faq"].as_array().expect("a faq array");
        let field = |i: usize, key: &str| faqs[i][key].as_str().unwrap_or_default().to_string();
        assert_eq!(faqs.len(), 4, "{text}");
        let ids: Vec<String> = (0..4).map(|i| field(i, "id")).collect();
        assert_eq!(
            ids,
            [
                "how-do-i-get-access-2",
                "how-do-i-get-access-3",
                "who-approves-designs-2",
                "qui-d-cide"
            ]
        );
        assert_eq!(field(0, "question"), "How do I get access?");
        assert_eq!(
            field(0, "answer"),
            "**Ask in #help.**\n\n- Say \"please\"",
            "the first sentence bold, as check asks"
        );
        assert_eq!(
            field(1, "answer"),
            format!("{UNWRITTEN} answer \"How do I get access?\" here.")
        );
        assert_eq!(
            field(2, "answer").chars().count(),
            ANSWER_CHARS + 5,
            "bolded"
        );
        assert_eq!(field(3, "question"), "Qui décide ?");
        assert_eq!(field(3, "answer"), "**L’équipe 🚀**");
        assert!(text.starts_with(
            "# FAQ stubs found in docs/handbook.md by `rolecall import`. Review every answer,\n\
             # then move the ones you keep into knowledge/ (or `rolecall import FILE --guild ID`).\n\
             # `rolecall check` refuses answers still marked UNWRITTEN and answers that are too long.\n\n"
        ));
        assert!(text.contains("\n# docs/handbook.md:3\n[[faq]]\n"), "{text}");
        assert!(text.contains("\n# docs/handbook.md:9\n[[faq]]\n"), "{text}");
        assert!(
            text.contains(&format!(
                "\n# docs/handbook.md:12\n# The answer is {} characters: shorten it to {ANSWER_CHARS}.\n[[faq]]\n",
                ANSWER_CHARS + 5
            )),
            "{text}"
        );
        assert_eq!(text.matches("shorten it").count(), 1, "{text}");
    }

    #[test]
    fn no_questions_make_a_file_with_only_the_header() {
        let text = to_toml(&[], "empty.md", |_| false);
        let parsed: toml::Table = toml::from_str(&text).expect(&text);
        assert!(parsed.is_empty(), "{text}");
        assert!(text.lines().all(|l| l.starts_with("# ")), "{text}");
    }

    #[test]
    fn the_handbook_fixture() {
        let text = include_str!("../../../../tests/fixtures/handbook.md");
        let found = questions(text);
        let asked: Vec<(&str, usize)> = found
            .iter()
            .map(|f| (f.question.as_str(), f.line))
            .collect();
        assert_eq!(
            asked,
            [
                ("How do I get access to production?", 13),
                ("Who approves designs?", 23),
                ("What happens on release days?", 32),
                ("When does my first on-call shift start?", 52),
                ("How do I swap a shift?", 56),
                ("Who do I call if I can't reach the primary?", 60),
                ("What is Release captain?", 66),
                ("What is Gatekeeper?", 69),
                ("What is Paper cut?", 72),
                ("Where do postmortems live?", 76),
                ("Can I work from another time zone?", 78),
            ]
        );
        let answer = |q: &str| {
            found
                .iter()
                .find(|f| f.question == q)
                .map(|f| f.answer.as_str())
                .unwrap_or_default()
        };
        assert_eq!(
            answer("How do I get access to production?"),
            "File an access request in Gatekeeper and pick the `kestrel-prod-read` group. \
             Your manager approves it, then the platform team grants it within one working day.\n\n\
             - Read access is enough for debugging.\n\
             - Write access needs a second approver from the on-call rota.\n\n\
             See the access policy (https://wiki.example.com/kestrel/access) for the details."
        );
        assert_eq!(
            answer("Who approves designs?"),
            "Any change to a public API or to the invoice schema needs a design doc.\n\n\
             Post it in the design channel and tag two reviewers: a staff engineer and the \
             product lead for billing. A design is approved when both have signed it off."
        );
        assert_eq!(
            answer("What happens on release days?"),
            "We release on Tuesdays and Thursdays. The release captain cuts the branch at 10:00 \
             and runs the checklist:\n\n\
             If the smoke tests pass, the captain promotes the build before 14:00. Nothing ships \
             after 14:00 or on Fridays."
        );
        assert_eq!(
            answer("How do I swap a shift?"),
            "Find a volunteer, then both of you confirm in the on-call channel and the \
             scheduler updates the rota. Swaps need 48 hours' notice."
        );
        assert_eq!(
            answer("Who do I call if I can't reach the primary?"),
            "The secondary, then the engineering manager. Their numbers are pinned in the \
             on-call channel."
        );
        assert_eq!(
            answer("What is Paper cut?"),
            "A small annoyance in our tooling that anyone may fix without a ticket.\n\
             Tracked on the paper-cut board until it is fixed."
        );
        assert_eq!(answer("Where do postmortems live?"), "");

        let stubs = to_toml(&found, "handbook.md", |_| false);
        let parsed: toml::Table = toml::from_str(&stubs).expect(&stubs);
        let faqs = parsed["faq"].as_array().expect("a faq array");
        assert_eq!(faqs.len(), found.len());
        let unwritten: Vec<&str> = faqs
            .iter()
            .filter_map(|f| f["answer"].as_str())
            .filter(|a| a.starts_with(UNWRITTEN))
            .collect();
        assert_eq!(
            unwritten,
            [format!(
                "{UNWRITTEN} answer \"Where do postmortems live?\" here."
            )]
        );
        assert!(stubs.contains("\n# handbook.md:76\n[[faq]]\nid = \"where-do-postmortems-live\"\n"));
    }
}
