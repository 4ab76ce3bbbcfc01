//! Questions for a person here ("who is our PO?", "who do I ask about the roadmap?") and
//! newcomers who ask where to start.

use super::interpret::{Intent, Interpretation};
use super::lexicon::{Lexicon, Tok};
use super::question::{is_who, Question};
use crate::knowledge::Language;
use smol_str::SmolStr;

/// Indices of the words that frame a "who do I ask" question, to leave out of matching: the
/// verb of "who do/should/can I (need to) ask/talk to/go to …" or "who to ask …", and both
/// noun and verb of "the (right) person to ask". Empty when there is no such frame.
pub(crate) fn contact_frame(lang: &Language, words: &[SmolStr]) -> Vec<usize> {
    let is =
        |i: usize, test: fn(&Language, &str) -> bool| words.get(i).is_some_and(|w| test(lang, w));
    let mut out = Vec::new();
    for i in 0..words.len() {
        if is(i, Language::is_contact_noun) && words.get(i + 1).is_some_and(|w| w == "to") {
            if is(i + 2, Language::is_contact_verb) {
                out.extend([i, i + 2]);
            }
            continue;
        }
        if !matches!(words[i].as_str(), "who" | "whom")
            || !is(i + 1, Language::is_contact_auxiliary)
        {
            continue;
        }
        let mut j = i + 2;
        if words[i + 1] != "to" {
            if !matches!(words.get(j).map(SmolStr::as_str), Some("i" | "we")) {
                continue;
            }
            j += 1;
        }
        while is(j, Language::is_contact_filler) && j < i + 6 {
            j += 1;
        }
        if is(j, Language::is_contact_verb) {
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
    let lang = &lx.language;
    let which_person = lang.asks_which_person(w);
    // The clauses that ask "who": a role named must be in one of them ("our PO says the PM
    // decides, who is right?" names roles, but asks who is right).
    let asking: Vec<(usize, usize)> = (0..w.len())
        .filter(|&i| is_who(&w[i]) && asking_word(lang, q, i))
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
        || !contact_frame(lang, w).is_empty()
        || w.iter().any(|x| lang.is_here_word(x))
        || lang.says_here(w);
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
fn asking_word(lang: &Language, q: &Question, i: usize) -> bool {
    let (start, _) = clause_of(q, i);
    match q.words[start..i]
        .iter()
        .rposition(|x| !lang.is_opener(x) && !lang.is_clause_filler(x))
    {
        None => true,
        Some(j) => lang.is_who_embedder(&q.words[start + j]),
    }
}

/// True when the question speaks as a newcomer (see [`Interpretation::newcomer`]).
pub(crate) fn newcomer(lx: &Lexicon, q: &Question, asks: bool) -> bool {
    let lang = &lx.language;
    let w = &q.words;
    // "new here", "new to the team", "I'm new.": said of the asker, not "is the PM new to
    // the ART?".
    let new_self = (0..w.len()).any(|i| {
        let next = |n: usize| w.get(i + n).map_or("", SmolStr::as_str);
        let about_joining = matches!(
            next(1),
            "here" | "member" | "joiner" | "hire" | "starter" | "colleague"
        ) || (next(1) == "to" && lang.is_new_to(next(2)))
            || clause_of(q, i).1 == i + 1;
        w[i] == "new" && about_joining && said_of_self(lang, q, i)
    });
    // Said by someone new who asks (a question, or where to start): talk of a past first
    // day ("on my first day at my last job …") is not.
    let asks = asks
        || q.question_mark
        || q.clauses.iter().any(|&c| {
            w[c..]
                .iter()
                .find(|x| !lang.is_opener(x) && !lang.is_clause_filler(x))
                .is_some_and(|x| lang.opens_question(x))
        });
    asks && (new_self || says_newcomer(lx, q) || asks_onboarding(lang, q))
}

/// True when a clause that asks, or that speaks of the asker, is about onboarding ("how do
/// I get started?"), not a statement that uses its words ("enough detail to get started
/// should be ready").
fn asks_onboarding(lang: &Language, q: &Question) -> bool {
    let w = &q.words;
    lang.asks_onboarding(w)
        && clause_starts(q).into_iter().any(|s| {
            let (start, end) = clause_of(q, s);
            let c = &w[start..end];
            let opens = c
                .iter()
                .find(|x| !lang.is_opener(x) && !lang.is_clause_filler(x))
                .is_some_and(|x| lang.opens_question(x));
            let asker = c
                .iter()
                .any(|x| matches!(x.as_str(), "i" | "im" | "me" | "we" | "us"));
            lang.asks_onboarding(c) && (opens || asker)
        })
}

/// Where each clause starts, the first included.
fn clause_starts(q: &Question) -> Vec<usize> {
    let mut starts = q.clauses.clone();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    starts
}

/// True when a clause says the asker is new ("first day", "just joined", "started on the
/// team today"), and not of the past ("*remember* our first week?", "my first day at my
/// *last* job").
fn says_newcomer(lx: &Lexicon, q: &Question) -> bool {
    let (lang, w) = (&lx.language, &q.words);
    let present = |i: usize| {
        let (start, end) = clause_of(q, i);
        !w[start..end].iter().any(|x| lang.is_past_marker(x))
    };
    // "Our PO just joined": someone else is new.
    let of_self = |i: usize| {
        let (start, _) = clause_of(q, i);
        !w[start..i].iter().any(|x| {
            (lang.is_people_word(x) && !lang.is_first_person(x))
                || matches!(
                    x.as_str(),
                    "our" | "his" | "her" | "their" | "he" | "she" | "they"
                )
        }) && !q.tokens.iter().any(|t| {
            (start..i).contains(&t.start) && matches!(lx.kinds[t.id as usize], Tok::Role(_))
        })
    };
    lang.newcomer_spans(w)
        .any(|(at, _)| present(at) && of_self(at))
        || lang.says_joined_recently(w)
            && clause_starts(q).into_iter().any(|s| {
                let (start, end) = clause_of(q, s);
                let joined = (start..end).find(|&i| lang.is_joining_word(&w[i]));
                lang.says_joined_recently(&w[start..end])
                    && present(s)
                    && joined.is_some_and(of_self)
            })
}

/// True when word `i` describes the asker: it opens its clause ("new to the team, where…",
/// "as a new hire…") or follows "I'm" / "I am" / "we're" ("I'm pretty new here").
fn said_of_self(lang: &Language, q: &Question, i: usize) -> bool {
    let (start, _) = clause_of(q, i);
    let last = q.words[start..i].iter().rev().find(|x| {
        !lang.is_opener(x)
            && !lang.is_greeting(x)
            && !lang.is_clause_filler(x)
            && !lang.is_self_filler(x)
    });
    // "… as a new joiner": the asker.
    let as_new = q.words[start..i].iter().rev().take(2).any(|x| x == "as");
    as_new || last.is_none_or(|x| matches!(x.as_str(), "im" | "am" | "were" | "i"))
}

#[cfg(test)]
mod tests {
    use super::contact_frame;
    use crate::knowledge::Language;
    use smol_str::SmolStr;

    fn frame(text: &str) -> Vec<String> {
        let words: Vec<SmolStr> = text.split(' ').map(SmolStr::new).collect();
        contact_frame(&Language::english(), &words)
            .into_iter()
            .map(|i| words[i].to_string())
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
