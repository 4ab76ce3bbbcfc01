//! What a question asks: the roles it names (and role-like names the knowledge lacks),
//! the aspects and terms, its intent, and the words nothing explains.

use super::lexicon::{Lexicon, Tok};
use super::question::Question;
use crate::knowledge::Knowledge;
use crate::normalize::{is_question_word, is_stop_word, OPENERS};
use std::fmt::{self, Write};

/// What kind of question it is, read from its wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Intent {
    /// "What is / what does / explain / tell me about …".
    WhatIs,
    /// "… vs …", "difference between …".
    Compare,
    /// "Who owns / decides / talks to …".
    WhoDoes,
    /// "Can one person be both …".
    CanOnePerson,
    /// "Is the PM above the PO", "who is the boss".
    Hierarchy,
    /// "How much does … earn".
    HowMuch,
    /// A statement rather than a question ("PMs earn way more than POs").
    Claim,
    /// "Help", "what can you do", "which roles do you know".
    Help,
    /// Nothing more specific.
    #[default]
    Other,
}

impl Intent {
    /// The name shown by `ask --explain`.
    pub fn as_str(self) -> &'static str {
        match self {
            Intent::WhatIs => "what-is",
            Intent::Compare => "compare",
            Intent::WhoDoes => "who-does",
            Intent::CanOnePerson => "can-one-person",
            Intent::Hierarchy => "hierarchy",
            Intent::HowMuch => "how-much",
            Intent::Claim => "claim",
            Intent::Help => "help",
            Intent::Other => "other",
        }
    }
}

/// How rolecall reads a question, before any entry is scored.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Interpretation {
    /// Roles the question names (indices into the knowledge's roles).
    pub roles: Vec<usize>,
    /// Role-like names the knowledge has nothing on ("delivery manager", "tester").
    pub unknown_roles: Vec<String>,
    /// Aspects named (focus, salary, …).
    pub aspects: Vec<usize>,
    /// Glossary terms named.
    pub terms: Vec<usize>,
    /// Out-of-scope topics named ("scrum master").
    pub out_of_scope: Vec<String>,
    /// What kind of question it is.
    pub intent: Intent,
    /// True when it asks for a comparison.
    pub compare: bool,
    /// Content words that are not part of any concept (known to the knowledge).
    pub leftover: Vec<String>,
    /// Words the knowledge has never seen.
    pub unknown: Vec<String>,
    /// Typo fixes: (as typed, as read).
    pub corrected: Vec<(String, String)>,
    /// True when it speaks to rolecall itself ("how much do you earn?").
    pub to_bot: bool,
    /// True when it reads as a question: a question mark, or a question word first.
    pub asks: bool,
}

impl Interpretation {
    /// True when the question gives some evidence of being about this knowledge: a role,
    /// a term, or an aspect together with a role, a comparison or a "who" question.
    pub fn has_domain_evidence(&self) -> bool {
        !self.roles.is_empty()
            || !self.terms.is_empty()
            || (!self.to_bot
                && !self.aspects.is_empty()
                && (self.compare || self.intent == Intent::WhoDoes))
    }

    /// One line for `ask --explain`: intent, what is named, what is left over.
    pub fn describe(&self, k: &Knowledge) -> String {
        let mut s = String::new();
        self.write(k, &mut s)
            .expect("writing to a String cannot fail");
        s
    }

    fn write(&self, k: &Knowledge, f: &mut impl Write) -> fmt::Result {
        write!(f, "intent={}", self.intent.as_str())?;
        let list = |v: &[String]| v.join(", ");
        if !self.roles.is_empty() {
            let ids = self.roles.iter().map(|&r| k.roles[r].id.as_str());
            write!(f, " roles=[{}]", ids.collect::<Vec<_>>().join(", "))?;
        }
        if !self.aspects.is_empty() {
            let ids = self.aspects.iter().map(|&a| k.aspects[a].id.as_str());
            write!(f, " aspects=[{}]", ids.collect::<Vec<_>>().join(", "))?;
        }
        if !self.terms.is_empty() {
            let ids = self.terms.iter().map(|&t| k.terms[t].id.as_str());
            write!(f, " terms=[{}]", ids.collect::<Vec<_>>().join(", "))?;
        }
        if self.compare {
            write!(f, " compare")?;
        }
        if self.to_bot {
            write!(f, " to-bot")?;
        }
        if !self.unknown_roles.is_empty() {
            write!(f, " roles-not-covered=[{}]", list(&self.unknown_roles))?;
        }
        if !self.out_of_scope.is_empty() {
            write!(f, " out-of-scope=[{}]", list(&self.out_of_scope))?;
        }
        if !self.leftover.is_empty() {
            write!(f, " leftover=[{}]", list(&self.leftover))?;
        }
        if !self.unknown.is_empty() {
            write!(f, " unknown=[{}]", list(&self.unknown))?;
        }
        for (from, to) in &self.corrected {
            write!(f, " typo:{from}→{to}")?;
        }
        Ok(())
    }
}

/// Nouns that end a job title ("delivery manager", "QA engineer", "tech lead").
pub(crate) const ROLE_HEADS: &[&str] = &[
    "administrator",
    "analyst",
    "architect",
    "coach",
    "consultant",
    "designer",
    "developer",
    "director",
    "engineer",
    "lead",
    "manager",
    "marketer",
    "master",
    "officer",
    "owner",
    "programmer",
    "recruiter",
    "scientist",
    "specialist",
    "strategist",
    "tester",
    "writer",
];
/// Job titles that stand alone ("tester", "CTO"); read as roles only when the knowledge
/// never uses the word, so a team that adds such a role makes it known.
pub(crate) const BARE_ROLES: &[&str] = &[
    "analyst",
    "architect",
    "ceo",
    "cfo",
    "coach",
    "consultant",
    "coo",
    "cpo",
    "cto",
    "designer",
    "developer",
    "director",
    "engineer",
    "intern",
    "marketer",
    "programmer",
    "qa",
    "recruiter",
    "scientist",
    "tester",
    "ux",
    "vp",
];
/// Words before a job title that do not make it another role ("a senior manager").
const NEUTRAL_MODIFIERS: &[&str] = &[
    "bad",
    "best",
    "better",
    "effective",
    "experienced",
    "first",
    "good",
    "great",
    "junior",
    "new",
    "real",
    "senior",
    "strong",
    "successful",
    "typical",
];
/// Words that open a request ("tell me about …", "explain …").
const REQUEST_WORDS: &[&str] = &[
    "compare", "define", "describe", "explain", "give", "help", "lets", "list", "show", "talk",
    "tell",
];
/// Verbs that make a statement a claim when they follow its first word.
const CLAIM_VERBS: &[&str] = &[
    "are", "cant", "cannot", "decide", "decides", "do", "does", "earn", "earns", "get", "gets",
    "has", "have", "is", "isnt", "make", "makes", "must", "never", "own", "owns", "report",
    "reports", "should", "was",
];
/// Phrases that ask what rolecall itself can do.
const HELP_PHRASES: &[&[&str]] = &[
    &["help"],
    &["commands"],
    &["what", "can", "you", "do"],
    &["what", "do", "you", "know"],
    &["what", "do", "you", "cover"],
    &["what", "can", "i", "ask"],
    &["what", "roles"],
    &["which", "roles"],
    &["all", "the", "roles"],
    &["all", "roles"],
    &["list", "roles"],
    &["list", "the", "roles"],
    &["how", "do", "i", "use", "you"],
    &["how", "does", "this", "bot", "work"],
    &["what", "are", "you", "for"],
];
/// Words a help request may hold besides stop words ("can you show me the commands").
const HELP_WORDS: &[&str] = &[
    "answer",
    "ask",
    "available",
    "bot",
    "command",
    "commands",
    "cover",
    "help",
    "list",
    "menu",
    "options",
    "rolecall",
    "show",
    "topic",
    "topics",
    "use",
    "work",
];
/// Cues for "can one person hold both roles".
const BOTH_PHRASES: &[&[&str]] = &[
    &["same", "person"],
    &["one", "person"],
    &["play", "both"],
    &["do", "both"],
    &["be", "both"],
    &["hold", "both"],
    &["wear", "both"],
    &["both", "hats"],
    &["two", "hats"],
    &["double", "as"],
    &["at", "the", "same", "time"],
    &["also", "be"],
    &["combine"],
];
/// Cues for hierarchy questions.
const HIERARCHY_PHRASES: &[&[&str]] = &[
    &["above"],
    &["higher"],
    &["boss"],
    &["superior"],
    &["outrank"],
    &["rank"],
    &["senior", "to"],
    &["report", "to"],
    &["reports", "to"],
    &["hierarchy"],
    &["under"],
];

/// True when `words` contains `phrase` as consecutive words.
fn contains(words: &[String], phrase: &[&str]) -> bool {
    words
        .windows(phrase.len())
        .any(|w| w.iter().zip(phrase).all(|(a, b)| a == b))
}

fn any_phrase(words: &[String], phrases: &[&[&str]]) -> bool {
    phrases.iter().any(|p| contains(words, p))
}

fn in_list(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// Reads what a question asks.
pub(crate) fn interpret(lx: &Lexicon, q: &Question) -> Interpretation {
    let mut it = concepts(lx, q);
    it.corrected = q
        .corrected
        .iter()
        .map(|&(i, id)| (q.words[i].clone(), lx.texts[id as usize].to_string()))
        .collect();
    it.unknown_roles = unknown_roles(lx, q);
    it.to_bot = q.words.iter().any(|x| {
        matches!(
            x.as_str(),
            "you" | "your" | "yours" | "yourself" | "u" | "ur"
        )
    });
    it.intent = intent(lx, q, &it);
    it
}

/// Only the intent of a question: what indexing a knowledge text needs, without the rest
/// of [`interpret`]'s work.
pub(crate) fn intent_of(lx: &Lexicon, q: &Question) -> Intent {
    intent(lx, q, &concepts(lx, q))
}

/// The concepts named, the leftover and unknown words, and whether it asks: all the
/// intent depends on.
fn concepts(lx: &Lexicon, q: &Question) -> Interpretation {
    let mut it = Interpretation::default();
    for t in &q.tokens {
        match lx.kinds[t.id as usize] {
            Tok::Role(r) => push_unique(&mut it.roles, r),
            Tok::Aspect(a) => push_unique(&mut it.aspects, a),
            Tok::Term(i) => push_unique(&mut it.terms, i),
            Tok::Compare => it.compare = true,
            Tok::OutOfScope => it
                .out_of_scope
                .push(q.words[t.start..t.start + t.len].join(" ")),
            _ if lx.ambient[t.id as usize] => {}
            Tok::Ambient | Tok::Intent(_) => {}
            Tok::Word { .. } => it.leftover.push(q.words[t.start].clone()),
        }
    }
    it.unknown = q.unknown().map(|i| q.words[i].clone()).collect();
    it.asks = q.asks
        || q.words
            .iter()
            .find(|x| !in_list(OPENERS, x))
            .is_some_and(|x| is_question_word(x));
    it
}

fn push_unique(v: &mut Vec<usize>, x: usize) {
    if !v.contains(&x) {
        v.push(x);
    }
}

/// Role-like names the knowledge does not know: "<word> manager/engineer/…" where the pair
/// never occurs in the knowledge, and bare titles ("tester") the knowledge never uses.
fn unknown_roles(lx: &Lexicon, q: &Question) -> Vec<String> {
    let mut out = Vec::new();
    let w = &q.words;
    // "I am a software engineer …": the asker describing themselves, not a role asked about.
    let about_self = |i: usize| {
        let from = i.saturating_sub(4);
        w[from..i]
            .windows(2)
            .any(|p| matches!((p[0].as_str(), p[1].as_str()), ("i", "am") | ("im", _)))
    };
    // "can a PO be a developer", "PO vs developer": the title fills a role's place.
    let role_slot = |i: usize| {
        let prev = |n: usize| i.checked_sub(n).map_or("", |j| w[j].as_str());
        let article = matches!(prev(1), "a" | "an");
        let slot = |x: &str| {
            matches!(
                x,
                "be" | "is" | "become" | "also" | "than" | "vs" | "versus"
            )
        };
        slot(prev(1))
            || (article && slot(prev(2)))
            || matches!(w.get(i + 1).map(String::as_str), Some("vs" | "versus"))
    };
    let free = |i: usize| match q.token_at(i) {
        Some(t) => matches!(lx.kinds[t.id as usize], Tok::Word { .. }) && t.len == 1,
        None => true,
    };
    for (i, key) in q.keys.iter().enumerate() {
        let head = lx.role_heads.contains(key.as_str());
        let bare = lx.bare_roles.contains(key.as_str());
        // "UX designer": "ux" only modifies the title that follows.
        let modifies_next = q
            .keys
            .get(i + 1)
            .is_some_and(|n| lx.role_heads.contains(n.as_str()));
        if !(head || bare) || !free(i) || about_self(i) || modifies_next {
            continue;
        }
        let modifier = i
            .checked_sub(1)
            .filter(|&m| free(m) && !q.is_stop(lx, m))
            .filter(|&m| !in_list(NEUTRAL_MODIFIERS, &q.words[m]))
            .filter(|&m| q.words[m].chars().all(char::is_alphabetic));
        match modifier {
            Some(m) if head || bare => {
                let known = match (q.ids[m], q.ids[i]) {
                    (Some(a), Some(b)) => lx.bigrams.contains(&(a, b)),
                    _ => false,
                };
                if !known {
                    out.push(format!("{} {}", q.words[m], q.words[i]));
                }
            }
            _ if bare => {
                let known = q.ids[i].is_some_and(|id| lx.in_knowledge[id as usize]);
                if !known || role_slot(i) {
                    out.push(q.words[i].clone());
                }
            }
            _ => {}
        }
    }
    out
}

/// The intent, from the question's wording and what it names.
fn intent(lx: &Lexicon, q: &Question, it: &Interpretation) -> Intent {
    let w = &q.words;
    let named = !it.roles.is_empty() || !it.aspects.is_empty() || !it.terms.is_empty();
    let only_help = w.iter().all(|x| is_stop_word(x) || in_list(HELP_WORDS, x));
    if !named && only_help && any_phrase(w, HELP_PHRASES) {
        return Intent::Help;
    }
    if is_claim(lx, q, it) {
        return Intent::Claim;
    }
    if it.compare {
        return Intent::Compare;
    }
    let first = w
        .iter()
        .position(|x| !in_list(OPENERS, x))
        .unwrap_or(w.len());
    let opener = w.get(first).map_or("", String::as_str);
    let can = matches!(opener, "can" | "could" | "should" | "may" | "is" | "are");
    let hold = w
        .iter()
        .any(|x| matches!(x.as_str(), "be" | "both" | "hold" | "play"));
    if any_phrase(w, BOTH_PHRASES) || (can && hold && it.roles.len() >= 2) {
        return Intent::CanOnePerson;
    }
    if any_phrase(w, HIERARCHY_PHRASES) {
        return Intent::Hierarchy;
    }
    let who = w
        .iter()
        .any(|x| matches!(x.as_str(), "who" | "whos" | "whose" | "whom"))
        || contains(w, &["which", "role"])
        || contains(w, &["which", "one"]);
    if who {
        return Intent::WhoDoes;
    }
    if contains(w, &["how", "much"]) {
        return Intent::HowMuch;
    }
    let what_word = |x: &String| matches!(x.as_str(), "what" | "wot" | "wat" | "wut");
    let what = w
        .windows(2)
        .any(|p| what_word(&p[0]) && matches!(p[1].as_str(), "is" | "are" | "does" | "do" | "s"))
        || w.iter().any(|x| {
            matches!(
                x.as_str(),
                "whats" | "explain" | "describe" | "define" | "about" | "overview" | "understand"
            )
        });
    let bare_role = !it.roles.is_empty()
        && it.aspects.is_empty()
        && it.leftover.is_empty()
        && it.unknown.is_empty();
    if what || bare_role {
        return Intent::WhatIs;
    }
    Intent::Other
}

/// A statement about a role rather than a question: it has no question mark, no question
/// or request word before the role it names, and a verb after it ("PMs earn way more than
/// POs", "a PO is just a project manager").
fn is_claim(lx: &Lexicon, q: &Question, it: &Interpretation) -> bool {
    if q.asks || it.compare || it.roles.is_empty() || q.words.len() < 3 {
        return false;
    }
    let Some(role) = q
        .tokens
        .iter()
        .find(|t| matches!(lx.kinds[t.id as usize], Tok::Role(_)))
    else {
        return false;
    };
    let before = &q.words[..role.start];
    let asks = before
        .iter()
        .any(|x| is_question_word(x) || in_list(REQUEST_WORDS, x));
    let verb_after = q.words[role.start + role.len..]
        .iter()
        .any(|x| in_list(CLAIM_VERBS, x));
    !asks && role.start <= 2 && verb_after
}
