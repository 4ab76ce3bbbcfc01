//! Questions for a person here ("who is our PO?", "who do I ask about the roadmap?") and
//! newcomers who ask where to start.

use super::interpret::{any_phrase, in_list, Intent, Interpretation};
use super::lexicon::{Lexicon, Tok};
use super::question::{is_who, Question};
use crate::normalize::{is_question_word, OPENERS};

/// Verbs of going to someone with a question ("who do I ask", "who should we talk to").
const CONTACT_VERBS: &[&str] = &[
    "approach", "ask", "bug", "call", "chat", "consult", "contact", "dm", "email", "escalate",
    "go", "message", "ping", "reach", "see", "speak", "talk", "tell", "turn",
];

/// Words between "who" and the person asking ("who do I ask", "who to ask").
const CONTACT_AUXILIARIES: &[&str] = &[
    "can", "could", "do", "does", "may", "might", "must", "shall", "should", "to", "will", "would",
];

/// Words between the person asking and the verb ("who do I need to ask").
const CONTACT_FILLERS: &[&str] = &[
    "actually", "be", "best", "going", "gonna", "have", "just", "need", "normally", "supposed",
    "then", "to", "usually", "want", "wanna",
];

/// Nouns for the one to go to ("the right person to ask").
const CONTACT_NOUNS: &[&str] = &["one", "people", "person", "someone", "somebody"];

/// Words that say "who" asks for someone here, not a role in general.
const HERE_WORDS: &[&str] = &["my", "our", "here"];

/// Phrases that say the same ("this team").
const HERE_PHRASES: &[&[&str]] = &[&["this", "team"]];

/// Phrases that ask for a person by themselves ("which person is our PO?").
const WHICH_PERSON: &[&[&str]] = &[
    &["which", "person"],
    &["which", "people"],
    &["what", "person"],
];

/// Words before an embedded "who" that still make it ask ("any idea who …", "do you
/// know who …").
const WHO_EMBEDDERS: &[&str] = &[
    "ask",
    "asking",
    "clue",
    "confirm",
    "idea",
    "know",
    "me",
    "remember",
    "sure",
    "tell",
    "wonder",
    "wondering",
];

/// Words that may come before a clause's question word ("and", "so", "btw").
const CLAUSE_FILLERS: &[&str] = &[
    "also", "and", "anyway", "btw", "but", "just", "like", "then",
];

/// Phrases a newcomer says about themselves ("I just joined", "first day"); "new here" and
/// "new to the team" are read apart, as said of the asker or not.
const NEWCOMER_PHRASES: &[&[&str]] = &[
    &["just", "joined"],
    &["recently", "joined"],
    &["just", "started"],
    &["started", "here"],
    &["newcomer"],
    &["newcomers"],
    &["newbie"],
    &["first", "day"],
    &["first", "week"],
];

/// Words between "I'm" and "new", or before a clause's "new" ("I'm pretty new", "as a new
/// hire").
const SELF_FILLERS: &[&str] = &[
    "a",
    "as",
    "brand",
    "completely",
    "fairly",
    "kinda",
    "quite",
    "pretty",
    "really",
    "still",
    "super",
    "the",
    "totally",
    "very",
];

/// Phrases that ask about onboarding itself; they count only in a question ("is there an
/// onboarding?", not "we are onboarding a supplier").
const ONBOARDING_PHRASES: &[&[&str]] = &[
    &["onboarding"],
    &["onboarded"],
    &["onboard", "me"],
    &["onboard", "us"],
    &["get", "started"],
    &["getting", "started"],
];

/// What may follow "new to" for it to be about a newcomer ("new to the team").
const NEW_TO: &[&str] = &[
    "agile", "all", "company", "it", "job", "our", "safe", "team", "the", "this",
];

/// Indices of the words that frame a "who do I ask" question, to leave out of matching: the
/// verb of "who do/should/can I (need to) ask/talk to/go to …" or "who to ask …", and both
/// noun and verb of "the (right) person to ask". Empty when there is no such frame.
pub(crate) fn contact_frame(words: &[String]) -> Vec<usize> {
    let is = |i: usize, list: &[&str]| words.get(i).is_some_and(|w| in_list(list, w));
    let mut out = Vec::new();
    for i in 0..words.len() {
        if is(i, CONTACT_NOUNS) && words.get(i + 1).is_some_and(|w| w == "to") {
            if is(i + 2, CONTACT_VERBS) {
                out.extend([i, i + 2]);
            }
            continue;
        }
        if !matches!(words[i].as_str(), "who" | "whom") || !is(i + 1, CONTACT_AUXILIARIES) {
            continue;
        }
        let mut j = i + 2;
        if words[i + 1] != "to" {
            if !matches!(words.get(j).map(String::as_str), Some("i" | "we")) {
                continue;
            }
            j += 1;
        }
        while is(j, CONTACT_FILLERS) && j < i + 6 {
            j += 1;
        }
        if is(j, CONTACT_VERBS) {
            out.push(j);
        }
    }
    out
}

/// True when the question asks who holds a role here (see [`Interpretation::person`]).
pub(crate) fn asks_person(lx: &Lexicon, q: &Question, it: &Interpretation) -> bool {
    let w = &q.words;
    let other_kind = matches!(
        it.intent,
        Intent::Compare
            | Intent::CanOnePerson
            | Intent::Hierarchy
            | Intent::Manages
            | Intent::Claim
            | Intent::Help
            | Intent::HowMuch
    );
    // "Who decides, my PM or my PO?" asks which role, not who holds one.
    let which_of = it.roles.len() >= 2 && w.iter().any(|x| x == "or");
    if other_kind || which_of {
        return false;
    }
    let which_person = any_phrase(w, WHICH_PERSON);
    // The clauses that ask "who": a role named must be in one of them ("our PO says the PM
    // decides, who is right?" names roles, but asks who is right).
    let asking: Vec<(usize, usize)> = (0..w.len())
        .filter(|&i| is_who(&w[i]) && asking_word(q, i))
        .map(|i| clause_of(q, i))
        .collect();
    let asks_who = which_person || !asking.is_empty();
    let role_asked = which_person
        || it.roles.is_empty()
        || q.tokens.iter().any(|t| {
            matches!(lx.kinds[t.id as usize], Tok::Role(_))
                && asking
                    .iter()
                    .any(|&(from, to)| from <= t.start && t.start < to)
        });
    let here = which_person
        || q.team.is_some()
        || !contact_frame(w).is_empty()
        || w.iter().any(|x| in_list(HERE_WORDS, x))
        || any_phrase(w, HERE_PHRASES);
    asks_who && role_asked && here
}

/// The words of the clause holding word `i`: its first index and one past its last.
fn clause_of(q: &Question, i: usize) -> (usize, usize) {
    let start = q
        .clauses
        .iter()
        .copied()
        .filter(|&s| s <= i)
        .max()
        .unwrap_or(0);
    let end = q
        .clauses
        .iter()
        .copied()
        .find(|&s| s > i)
        .unwrap_or(q.words.len());
    (start, end)
}

/// True when word `i` asks rather than relates ("who is our PO", "any idea who …", not
/// "is our PO the one who decides"): nothing but openers and fillers comes before it in its
/// clause, or a word that embeds a question ("know", "idea").
fn asking_word(q: &Question, i: usize) -> bool {
    let (start, _) = clause_of(q, i);
    match q.words[start..i]
        .iter()
        .rposition(|x| !in_list(OPENERS, x) && !in_list(CLAUSE_FILLERS, x))
    {
        None => true,
        Some(j) => in_list(WHO_EMBEDDERS, &q.words[start + j]),
    }
}

/// True when the question speaks as a newcomer (see [`Interpretation::newcomer`]).
pub(crate) fn newcomer(q: &Question, it: &Interpretation) -> bool {
    let w = &q.words;
    // "new here", "new to the team", "I'm new.": said of the asker, not "is the PM new to
    // the ART?".
    let new_self = (0..w.len()).any(|i| {
        let next = |n: usize| w.get(i + n).map_or("", String::as_str);
        let about_joining = matches!(
            next(1),
            "here" | "member" | "joiner" | "hire" | "starter" | "colleague"
        ) || (next(1) == "to" && in_list(NEW_TO, next(2)))
            || clause_of(q, i).1 == i + 1;
        w[i] == "new" && about_joining && said_of_self(q, i)
    });
    // Said by someone new who asks (a question, or where to start): talk of a past first
    // day ("on my first day at my last job …") is not.
    let asks = it.asks
        || q.clauses.iter().any(|&c| {
            w[c..]
                .iter()
                .find(|x| !in_list(OPENERS, x) && !in_list(CLAUSE_FILLERS, x))
                .is_some_and(|x| is_question_word(x))
        });
    asks && (new_self || any_phrase(w, NEWCOMER_PHRASES) || any_phrase(w, ONBOARDING_PHRASES))
}

/// True when word `i` describes the asker: it opens its clause ("new to the team, where…",
/// "as a new hire…") or follows "I'm" / "I am" / "we're" ("I'm pretty new here").
fn said_of_self(q: &Question, i: usize) -> bool {
    let (start, _) = clause_of(q, i);
    let last = q.words[start..i]
        .iter()
        .rev()
        .find(|x| !in_list(OPENERS, x) && !in_list(CLAUSE_FILLERS, x) && !in_list(SELF_FILLERS, x));
    // "… as a new joiner": the asker.
    let as_new = q.words[start..i].iter().rev().take(2).any(|x| x == "as");
    as_new || last.is_none_or(|x| matches!(x.as_str(), "im" | "am" | "were" | "i"))
}

#[cfg(test)]
mod tests {
    use super::contact_frame;

    fn frame(text: &str) -> Vec<String> {
        let words: Vec<String> = text.split(' ').map(str::to_string).collect();
        contact_frame(&words)
            .into_iter()
            .map(|i| words[i].clone())
            .collect()
    }

    #[test]
    fn the_verb_of_who_do_i_ask_is_found_and_nothing_else() {
        assert_eq!(frame("who do i ask about the roadmap"), ["ask"]);
        assert_eq!(frame("whom should we talk to"), ["talk"]);
        assert_eq!(frame("who do i need to go to with stories"), ["go"]);
        assert_eq!(frame("who to ping about priorities"), ["ping"]);
        assert_eq!(frame("the right person to ask"), ["person", "ask"]);
        assert!(frame("who owns the backlog").is_empty());
        assert!(frame("who does the po report to").is_empty());
        assert!(frame("what can i ask").is_empty());
        assert!(frame("who").is_empty());
    }
}
