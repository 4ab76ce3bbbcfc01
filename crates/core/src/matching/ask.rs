//! Finding the ask inside a message: a message holds greetings, context, a question or two
//! and thanks. It is split into parts (sentences, and what an emoji or a colon ends) and
//! clauses; the clauses that ask (a question word or a request opens them, or the part ends
//! with `?`) are what gets matched, and the rest is context, which may name the role but
//! never counts against the answer.

use super::parts::{clause_text, parts, split_asks, ClauseWords, Part};
use crate::knowledge::Language;
use crate::normalize::clean;
use std::borrow::Cow;

/// What a message asks, read from its wording alone.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Asks {
    /// The asking clauses, cleaned, in order (a trailing `?` kept when the part had one).
    pub asks: Vec<String>,
    /// For each ask, what was said just before it (the clauses before it in its sentence,
    /// else the sentence before it): what "they" or "it" in the ask points back to.
    pub before: Vec<Option<String>>,
    /// The parts that do not ask, cleaned (they may name the role asked about).
    pub context: Vec<String>,
    /// True when some part asks; false when the whole message is one statement (or
    /// nothing), in which case `asks` holds the message without its chatter.
    pub found: bool,
}

/// Most parts of one message looked at.
const MAX_PARTS: usize = 8;

/// Reads `text` into its asking clauses and its context.
pub(crate) fn find(lang: &Language, text: &str) -> Asks {
    // "@rolecall who …" typed as plain text: the name addresses, it asks nothing.
    let cleaned = for_reading(&clean(text));
    let mut out = Asks::default();
    let mut statements: Vec<String> = Vec::new();
    let mut last: Option<String> = None;
    let parts: Vec<Part> = parts(lang, &cleaned)
        .into_iter()
        .flat_map(|p| split_asks(lang, p))
        .collect();
    let count = parts.len().min(MAX_PARTS);
    for (n, part) in parts.into_iter().take(MAX_PARTS).enumerate() {
        let words: Vec<&str> = part.text.split_whitespace().collect();
        if words.is_empty() || lang.all_chatter(&words) {
            continue;
        }
        // "PO vs developer: who is the boss?": a comparison set up as a heading is what
        // the question after it asks about, not a question of its own.
        let heading = part.heading
            && n + 1 < count
            && lang.embeds(&words)
            && !lang.opened_by_question(&words);
        match asking_start(lang, &part).filter(|_| !heading) {
            Some(i) => {
                let mut ask = trim_chatter(lang, clause_text(&part, i, part.clauses.len()));
                // "ever caught yourself wondering what a PO does": the ask is what the
                // embedder embeds; the words before it are context.
                // Not when a question word opens the ask itself ("does a PM need to know
                // how to code").
                // Unless it only asks whether the one answering knows: "do you know who
                // owns the backlog?", "have you ever wondered how …".
                let words: Vec<&str> = ask.split_whitespace().collect();
                let opens = lang.opened_by_question(&words);
                let to_you = |e: &usize| words[..*e].iter().any(|w| lang.is_second_person(w));
                // What the embedder said is what "it" in the ask points back to ("you
                // couldn't tell | what the difference was").
                let mut head = None;
                if let Some(e) = lang.embedded_start(&words).filter(|e| !opens || to_you(e)) {
                    let lead = trim_chatter(lang, &words[..e].join(" "));
                    if !lead.is_empty() {
                        out.context.push(lead.clone());
                        head = Some(lead);
                    }
                    ask = words[e..].join(" ");
                }
                // "Curious | what people think of that?": a single word before the ask in
                // its sentence says nothing "that" could point to; the sentence before
                // does.
                let before = if i > 0 {
                    let lead = clause_text(&part, 0, i).to_string();
                    out.context.push(lead.clone());
                    if lead.split_whitespace().nth(1).is_some() {
                        Some(lead)
                    } else {
                        last.take().or(Some(lead))
                    }
                } else {
                    last.take()
                };
                let before = match (before, head) {
                    (Some(b), Some(h)) => Some(format!("{b}. {h}")),
                    (b, h) => h.or(b),
                };
                if !ask.is_empty() {
                    // What a later "they" points back to may be this question itself.
                    last = Some(ask.clone());
                    out.asks.push(if part.question {
                        format!("{ask}?")
                    } else {
                        ask
                    });
                    out.before.push(before);
                }
            }
            None => {
                let kept = trim_chatter(lang, &part.text);
                if !kept.is_empty() {
                    statements.push(kept.clone());
                    out.context.push(kept.clone());
                    // A single word ("(PM)", "curious") is not what a later "that" points
                    // back to when a sentence came before it.
                    if kept.split_whitespace().nth(1).is_some() || last.is_none() {
                        last = Some(kept);
                    }
                }
            }
        }
    }
    out.found = !out.asks.is_empty();
    if !out.found && !statements.is_empty() {
        out.asks.push(statements.join(". "));
        out.before.push(None);
        out.context.clear();
    }
    out
}

/// `text` as asks are looked for in it: without the `@name`s typed as plain text
/// ("@rolecall", "@sam"), and without the apostrophes inside words, so "what's" reads as
/// "whats", the form the cue lists hold (and a question's words take), and a contraction
/// opens an ask as the full words do ("We use SAFe. what's an ART").
fn for_reading(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut skipping = false;
    let mut prev = ' ';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '@' && !prev.is_alphanumeric() {
            skipping = true;
        } else if skipping && !(c.is_alphanumeric() || matches!(c, '_' | '.' | '-')) {
            skipping = false;
        }
        prev = c;
        if skipping {
            continue;
        }
        let kept_before = out.chars().next_back().unwrap_or(' ');
        let inner = c == '\''
            && kept_before.is_alphanumeric()
            && chars.peek().is_some_and(|n| n.is_alphanumeric());
        if !inner {
            out.push(c);
        }
    }
    out
}

/// The clause of `part` where the ask starts: the first clause opened (after fillers) by a
/// question word or a request, or holding a phrase that embeds one ("I was wondering who");
/// else, for a part that ends with `?`, the first clause that is not chatter.
fn asking_start(lang: &Language, part: &Part) -> Option<usize> {
    let words = ClauseWords::of(part);
    let clauses: Vec<&[&str]> = (0..part.clauses.len()).map(|i| words.clause(i)).collect();
    let opens =
        |i: usize| lang.opened_by_question(clauses[i]) || lang.asks_after_condition(clauses[i]);
    // A clause after the first asks only in a part that ends with `?`, after a conjunction
    // ("sorry if this is dumb but what is a PO") or after chatter ("hey team, who …"):
    // elsewhere its "which" or "who" relates ("we use Jira, which is slow").
    let may_open = |i: usize| {
        i == 0
            || part.question
            || clauses[i].first().is_some_and(|w| lang.is_conjunction(w))
            || clauses[..i].iter().all(|c| lang.all_chatter(c))
    };
    if let Some(i) = (0..clauses.len()).find(|&i| may_open(i) && opens(i)) {
        return Some(i);
    }
    if let Some(i) = (0..clauses.len()).find(|&i| lang.embeds(clauses[i])) {
        return Some(i);
    }
    if part.question {
        return clauses
            .iter()
            .position(|w| !lang.all_chatter(w))
            .or(Some(0));
    }
    None
}

/// `text` without chatter words at either end ("… thanks lol", "hey team …").
fn trim_chatter(lang: &Language, text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let start = words
        .iter()
        .position(|w| !lang.is_greeting(w) && !lang.is_filler(w))
        .unwrap_or(words.len());
    // "let's talk about the PO role": the frame names nothing to match.
    let bare: Vec<Cow<str>> = words[start..]
        .iter()
        .map(|&w| match w.contains('\'') {
            true => Cow::Owned(w.replace('\'', "")),
            false => Cow::Borrowed(w),
        })
        .collect();
    let bare: Vec<&str> = bare.iter().map(|w| w.as_ref()).collect();
    // Its word that asks what something is stays: "can you *explain* the PO's role in
    // agile" asks what the role is.
    let start = match lang.request_frame(&bare) {
        Some(n) if n < bare.len() => {
            start
                + (0..n)
                    .rfind(|&j| lang.is_what_is_word(bare[j]))
                    .unwrap_or(n)
        }
        _ => start,
    };
    // From the first sign-off on, when nothing but chatter follows it ("… thanks a lot,
    // really appreciate it"), the rest is left out.
    let chatter = |w: &&str| lang.is_chatter(w) || lang.is_filler(w);
    let end = (start..words.len())
        .find(|&j| lang.is_signoff(words[j]) && words[j..].iter().all(chatter))
        .unwrap_or(words.len());
    let end = words[..end]
        .iter()
        .rposition(|w| !lang.is_signoff(w))
        .map_or(start, |e| e + 1);
    words[start..end.max(start)].join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang() -> std::sync::Arc<Language> {
        Language::english()
    }

    fn asks(text: &str) -> Vec<String> {
        find(&lang(), text).asks
    }

    #[test]
    fn greetings_thanks_and_emoji_are_not_the_ask() {
        assert_eq!(
            asks("hey team, total noob question incoming 🙈 what's the difference between a product owner and a product manager? cheers"),
            ["whats the difference between a product owner and a product manager?"]
        );
        assert_eq!(asks("What does a PO do? thanks!"), ["what does a po do?"]);
        assert_eq!(
            asks("do PMs earn more than POs Thanks a lot, really appreciate it!"),
            ["do pms earn more than pos"]
        );
        assert_eq!(
            asks("sorry if this is a dumb one, but who owns the roadmap"),
            ["who owns the roadmap"]
        );
    }

    #[test]
    fn context_sentences_are_kept_apart() {
        let a = find(
            &lang(),
            "I've been a PO for two weeks. What are my responsibilities?",
        );
        assert_eq!(a.asks, ["what are my responsibilities?"]);
        // Apostrophes inside words go, as the cue lists spell words ("ive", "whats").
        assert_eq!(a.context, ["ive been a po for two weeks"]);
        assert!(a.found);
    }

    #[test]
    fn two_questions_are_two_asks() {
        assert_eq!(
            asks("who owns the roadmap? also, can one person be both PM and PO?"),
            ["who owns the roadmap?", "can one person be both pm and po?"]
        );
    }

    #[test]
    fn a_statement_is_one_unfound_ask() {
        let a = find(&lang(), "PMs earn way more than POs lol");
        assert!(!a.found);
        assert_eq!(a.asks, ["pms earn way more than pos"]);
        let a = find(&lang(), "thanks! 🙏");
        assert!(!a.found);
        assert!(a.asks.is_empty());
    }

    #[test]
    fn plain_text_at_names_address_and_ask_nothing() {
        assert_eq!(
            asks("@rolecall who owns the backlog?"),
            ["who owns the backlog?"]
        );
        assert_eq!(asks("mail me at a@b.io, who owns it?"), ["who owns it?"]);
    }

    #[test]
    fn a_request_frame_is_left_out() {
        assert_eq!(asks("ok talk me through the PO role"), ["the po role"]);
        assert_eq!(asks("tell me about"), ["tell me about"]);
        // Its word that asks what something is stays.
        assert_eq!(
            asks("ok let's talk about the PO role"),
            ["about the po role"]
        );
        assert_eq!(
            asks("can you explain the role of a PM in SAFe?"),
            ["explain the role of a pm in safe?"]
        );
    }

    #[test]
    fn a_question_mark_makes_a_statement_ask() {
        assert_eq!(
            asks("so the PO figures out the details, right?"),
            ["the po figures out the details right?"]
        );
    }

    #[test]
    fn abbreviations_and_decimals_do_not_end_a_sentence() {
        assert_eq!(
            asks("e.g. who owns v2.5 of the roadmap?"),
            ["e.g. who owns v2.5 of the roadmap?"]
        );
    }

    #[test]
    fn an_aside_in_brackets_is_its_own_part() {
        let a = find(&lang(), "who owns the roadmap (asking for a friend)?");
        assert_eq!(a.asks, ["who owns the roadmap?"]);
        // "PO(s)" is a word, not an aside.
        assert_eq!(
            asks("who writes the PO(s) reports?"),
            ["who writes the po s reports?"]
        );
        let a = find(&lang(), "who owns the roadmap (we are on SAFe 6)");
        assert_eq!(a.asks, ["who owns the roadmap"]);
        assert_eq!(a.context, ["we are on safe 6"]);
    }

    #[test]
    fn a_clause_opened_by_a_condition_asks_when_a_question_word_follows() {
        assert_eq!(
            asks("long week here. once the PI starts who guards the scope"),
            ["once the pi starts who guards the scope"]
        );
        assert!(!find(&lang(), "if the build breaks we roll back").found);
    }

    #[test]
    fn an_embedded_question_is_the_ask() {
        let a = find(&lang(), "my PO and I were curious who owns the roadmap");
        assert_eq!(a.asks, ["who owns the roadmap"]);
        assert_eq!(a.context, ["my po and i were curious"]);
        // A question word that opens the clause asks it whole.
        assert_eq!(
            asks("does a PM need to know how to code"),
            ["does a pm need to know how to code"]
        );
    }

    #[test]
    fn an_aside_does_not_cut_the_sentence_it_interrupts() {
        assert_eq!(
            asks("what exactly a product owner (PO) does in a sprint?"),
            ["what exactly a product owner does in a sprint?"]
        );
    }

    #[test]
    fn a_verb_that_embeds_a_question_makes_its_clause_ask() {
        assert_eq!(
            asks("still trying to figure out who writes the user stories"),
            ["who writes the user stories"]
        );
        assert_eq!(asks("not sure what a PO does"), ["what a po does"]);
        assert!(!find(&lang(), "we know the drill").found);
    }
}
