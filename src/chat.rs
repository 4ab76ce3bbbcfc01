//! `rolecall chat`: questions typed in a terminal, with numbered suggestions to pick.

use crate::{load, quiet_pipe, Failure};
use rolecall_core::render::text;
use rolecall_core::reply::{self, Offer, Reply};
use rolecall_core::{KnowledgeBase, KnowledgeSource, MatchConfig};
use rustyline::error::ReadlineError;
use std::io::{self, BufRead, IsTerminal, Write};

/// Answers questions read from the terminal until an empty line, `quit` or end of input.
pub(crate) fn chat(source: &KnowledgeSource) -> Result<(), Failure> {
    let k = load(source)?;
    let cfg = MatchConfig::DEFAULT;
    eprintln!(
        "rolecall chat: {} ({}). Ask a question; an empty line or Ctrl-D quits.",
        k.title,
        source.describe()
    );
    let mut input = ChatInput::open();
    // The "did you mean" choices of the last reply, picked by typing their number.
    let mut pending: Vec<Offer> = Vec::new();
    let mut out = io::stdout();
    while let Some(line) = input.next_line()? {
        let q = line.trim();
        if q.is_empty() || q == "quit" || q == "exit" {
            break;
        }
        let r = match choice_number(q) {
            Some(n) => match choose(&k, &pending, n) {
                Ok(r) => r,
                Err(note) => {
                    quiet_pipe(writeln!(out, "{note}\n"))?;
                    continue;
                }
            },
            None => reply::answer(&k, q, &cfg),
        };
        quiet_pipe(writeln!(out, "{}", text::render(&r)))?;
        // Suggestions, else a decline's example questions, are numbered and can be picked.
        pending = if r.suggestions.is_empty() {
            r.examples
        } else {
            r.suggestions
        };
        if !pending.is_empty() {
            quiet_pipe(writeln!(out, "{}\n", choice_hint(pending.len())))?;
        }
    }
    Ok(())
}

/// The number typed alone on a chat line (`2`), if that is all the line is.
fn choice_number(line: &str) -> Option<usize> {
    let digits = line.strip_suffix('.').unwrap_or(line);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Too many digits to be a choice: still a choice, and out of range.
    Some(digits.parse().unwrap_or(usize::MAX))
}

/// The reply for suggestion `n` (from 1) of the last reply, or a note saying why there is none.
fn choose(k: &KnowledgeBase, pending: &[Offer], n: usize) -> Result<Reply, String> {
    if pending.is_empty() {
        return Err(
            "Nothing to choose: the last reply offered no numbered suggestions. Ask a question in words."
                .into(),
        );
    }
    let Some(offer) = n.checked_sub(1).and_then(|i| pending.get(i)) else {
        return Err(format!(
            "There is no suggestion {n}. {}",
            choice_hint(pending.len())
        ));
    };
    match k.parse_entry(&offer.entry) {
        Some(entry) => Ok(reply::for_entry(k, entry)),
        None => Err(format!(
            "“{}” is no longer in the knowledge; ask again in words.",
            offer.title
        )),
    }
}

/// "Type 1, 2 or 3 to choose a suggestion."
fn choice_hint(count: usize) -> String {
    let numbers: Vec<String> = (1..=count).map(|i| i.to_string()).collect();
    let list = match numbers.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => numbers.join(""),
    };
    format!("Type {list} to choose a suggestion.")
}

/// Where chat reads its lines: a line editor with history on a terminal, else plain stdin.
enum ChatInput {
    /// Line editing and in-memory history (stdin and stdout are a terminal).
    Editor(Box<rustyline::DefaultEditor>),
    /// One line at a time from stdin (pipes, files, tests).
    Plain(io::StdinLock<'static>),
}

impl ChatInput {
    /// The editor when both ends are a terminal and it can start, else the plain reader.
    fn open() -> ChatInput {
        if io::stdin().is_terminal() && io::stdout().is_terminal() {
            if let Ok(editor) = rustyline::DefaultEditor::new() {
                return ChatInput::Editor(Box::new(editor));
            }
        }
        ChatInput::Plain(io::stdin().lock())
    }

    /// The next line, or `None` at end of input, Ctrl-D or Ctrl-C.
    fn next_line(&mut self) -> Result<Option<String>, Failure> {
        match self {
            ChatInput::Editor(editor) => match editor.readline("> ") {
                Ok(line) => {
                    if !line.trim().is_empty() {
                        // History is a convenience: failing to record a line is not an error.
                        let _ = editor.add_history_entry(line.as_str());
                    }
                    Ok(Some(line))
                }
                Err(ReadlineError::Eof | ReadlineError::Interrupted) => Ok(None),
                Err(e) => Err(Failure(format!("cannot read from the terminal: {e}"))),
            },
            ChatInput::Plain(stdin) => {
                eprint!("> ");
                let mut buf = Vec::new();
                let n = stdin
                    .read_until(b'\n', &mut buf)
                    .map_err(|e| Failure(format!("cannot read from stdin: {e}")))?;
                if n == 0 {
                    return Ok(None);
                }
                let line = String::from_utf8_lossy(&buf);
                Ok(Some(line.trim_end_matches(['\n', '\r']).to_string()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_alone_is_a_choice() {
        assert_eq!(choice_number("2"), Some(2));
        assert_eq!(choice_number("2."), Some(2));
        assert_eq!(choice_number("99999999999999999999999"), Some(usize::MAX));
        assert_eq!(choice_number("2 roles"), None);
        assert_eq!(choice_number("."), None);
        assert_eq!(choice_number("-1"), None);
        assert_eq!(choice_hint(1), "Type 1 to choose a suggestion.");
        assert_eq!(choice_hint(3), "Type 1, 2 or 3 to choose a suggestion.");
    }
}
