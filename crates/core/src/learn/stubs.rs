//! The gaps report's export: a `[[faq]]` stub per topic, as a TOML file a team lead fills in
//! and drops into the knowledge folder.

use super::report::{count, one_line, percent, window, Gaps};
use crate::knowledge::{Knowledge, UNWRITTEN};
use crate::limits::{self, truncate};
use crate::normalize;
use crate::render::plural;
use std::collections::HashSet;
use std::fmt::Write;

/// `s` as a TOML string, written by the `toml` crate (quotes, backslashes and control
/// characters escaped as TOML wants them).
pub fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Longest id a stub gets (knowledge ids may have 40 characters).
const MAX_STUB_ID: usize = 40;
/// Most words of a phrasing an id is made from.
const ID_WORDS: usize = 5;

/// True when `text` has a word that can be matched (not only stop words), as `check`
/// requires of every phrasing.
fn matchable(text: &str) -> bool {
    normalize::word_slices(&normalize::clean(text)).any(|w| !normalize::is_stop_word(&w))
}

/// An id for a stub from its question: its first few telling words, lower-case ASCII
/// letters and digits joined by dashes (`request-jira-access`); `gap` when none is left.
fn id_base(question: &str) -> String {
    let words: Vec<String> = normalize::words(&normalize::clean(question))
        .map(|w| {
            w.chars()
                .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let telling: Vec<&String> = words
        .iter()
        .filter(|w| !normalize::is_stop_word(w))
        .collect();
    let chosen: Vec<&String> = if telling.is_empty() {
        words.iter().collect()
    } else {
        telling
    };
    let mut id = String::new();
    for w in chosen.into_iter().take(ID_WORDS) {
        let extra = usize::from(!id.is_empty()) + w.len();
        if id.len() + extra > MAX_STUB_ID - 4 {
            if id.is_empty() {
                id.push_str(&w[..MAX_STUB_ID - 4]);
            }
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(w);
    }
    if id.is_empty() {
        "gap".to_string()
    } else {
        id
    }
}

/// `base`, or `base-2`, `base-3`… : the first not in `taken`.
fn unique_id(base: &str, taken: &HashSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or_else(|| base.to_string())
}

/// The answer each stub starts with.
pub fn stub_answer() -> String {
    format!("{UNWRITTEN} write one bold sentence that answers the question (like **The Product Owner.**), then a few lines.")
}

/// The report's top topics as `[[faq]]` stubs for the lead to fill in: an id made from the
/// commonest phrasing (unique, not used by the knowledge), that phrasing as the question, the
/// others as phrasings, and an answer starting with [`UNWRITTEN`], which `rolecall check`
/// reports as an error until it is written. Phrasings with no word to match are left out, and
/// a topic with none at all is only named in a comment.
pub fn toml(k: &Knowledge, g: &Gaps) -> String {
    let mut taken: HashSet<String> = k
        .roles
        .iter()
        .map(|r| r.id.clone())
        .chain(k.aspects.iter().map(|a| a.id.clone()))
        .chain(k.faqs.iter().map(|f| f.id.clone()))
        .chain(k.terms.iter().map(|t| t.id.clone()))
        .collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# FAQ stubs from `rolecall gaps`: the top {} of what people asked in the {}\n\
         # that rolecall could not answer. Write each answer in place of its {UNWRITTEN}\n\
         # placeholder (one bold sentence that answers the question, then a few lines),\n\
         # or delete the stub; then put this file in your knowledge folder and run\n\
         # `rolecall check`, which reports every answer still unwritten.",
        plural(count(g.topics.len()), "topic", "topics"),
        window(g.days),
    );
    if g.topics.is_empty() {
        let _ = writeln!(
            out,
            "#\n# No unanswered questions were logged: nothing to write yet."
        );
    }
    for t in &g.topics {
        let usable: Vec<&str> = t
            .phrasings
            .iter()
            .map(|(p, _)| p.trim())
            .filter(|p| matchable(p))
            .collect();
        let nearest = match &t.nearest {
            Some(n) => format!(
                "nearest entry: {} ({}, {}%)",
                one_line(&n.entry),
                one_line(&n.title),
                percent(n.confidence)
            ),
            None => "no entry was close".to_string(),
        };
        let asked = format!(
            "Asked {} ({} declined, {} with suggestions only); {nearest}.",
            plural(t.count, "time", "times"),
            t.declined,
            t.count - t.declined
        );
        let Some((question, others)) = usable.split_first() else {
            let first = t.phrasings.first().map_or("", |(p, _)| p.as_str());
            let _ = writeln!(
                out,
                "\n# Left out: “{}” has no word to match. {}",
                one_line(&truncate(first, 80)),
                one_line(&asked)
            );
            continue;
        };
        let id = unique_id(&id_base(question), &taken);
        taken.insert(id.clone());
        let _ = writeln!(out, "\n# {}", one_line(&asked));
        let _ = writeln!(out, "[[faq]]");
        let _ = writeln!(out, "id = {}", toml_string(&id));
        let _ = writeln!(
            out,
            "question = {}",
            toml_string(&truncate(question, limits::TITLE))
        );
        let list: Vec<String> = others.iter().map(|p| toml_string(p)).collect();
        let _ = writeln!(out, "phrasings = [{}]", list.join(", "));
        let _ = writeln!(out, "answer = {}", toml_string(&stub_answer()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_round_trip() {
        for s in [
            "plain",
            "quote \" and \\ backslash",
            "line\nbreak\r\ttab",
            "bell\u{7} del\u{7f} nul\u{0} esc\u{1b}[31m",
            "unicode é 日本 🙂 \u{2028}",
            "'''\"\"\"",
        ] {
            let doc = format!("v = {}", toml_string(s));
            let parsed: toml::Table = toml::from_str(&doc).expect(&doc);
            assert_eq!(parsed["v"].as_str(), Some(s), "{doc}");
        }
    }

    #[test]
    fn ids_are_short_lowercase_and_dashed() {
        assert_eq!(
            id_base("How do I request Jira access?"),
            "request-jira-access"
        );
        assert_eq!(
            id_base("Où est la machine à café ?"),
            "ou-est-la-machine-cafe"
        );
        assert_eq!(id_base("日本語"), "gap");
        assert_eq!(id_base("what is it"), "what-is-it");
        let long = id_base(&"supercalifragilisticexpialidocious ".repeat(5));
        assert!(long.len() <= MAX_STUB_ID - 4 && !long.is_empty(), "{long}");
        let taken: HashSet<String> = ["gap".to_string(), "gap-2".to_string()].into();
        assert_eq!(unique_id("gap", &taken), "gap-3");
        assert_eq!(unique_id("vpn", &taken), "vpn");
    }
}
