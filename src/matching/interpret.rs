//! What a question asks: the roles it names (and role-like names the knowledge lacks),
//! the aspects and terms, its intent, and the words nothing explains.

use super::lexicon::{Lexicon, Tok};
use super::question::{is_who, Question};
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
    /// True when it asks for a person here rather than a role in general: a "who" that
    /// opens a clause, with "our", "my", "here", "this team", a team's name, or "who do I
    /// ask / talk to …" ("who is our PO?", "who do I ask about the roadmap?").
    pub person: bool,
    /// True when it speaks as a newcomer ("I'm new here, where do I start?", "first day…")
    /// or asks about onboarding ("how do I get onboarded?").
    pub newcomer: bool,
    /// The team the question names (index into the knowledge's teams), when it names one.
    pub team: Option<usize>,
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

    /// True when it names something to answer about: a role (known or not), an aspect, an
    /// out-of-scope topic, or a term it asks about ("I'm new, what is the ART?").
    pub fn names_topic(&self) -> bool {
        !self.roles.is_empty()
            || !self.unknown_roles.is_empty()
            || !self.aspects.is_empty()
            || !self.out_of_scope.is_empty()
            || (!self.terms.is_empty() && self.intent == Intent::WhatIs)
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
        if self.person {
            write!(f, " person")?;
        }
        if self.newcomer {
            write!(f, " newcomer")?;
        }
        if let Some(team) = self.team.and_then(|t| k.teams.get(t)) {
            write!(f, " team={}", team.id)?;
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
    it.team = q.team;
    it.person = asks_person(lx, q, &it);
    it.newcomer = newcomer(q, &it);
    it
}

/// True when the question asks who holds a role here (see [`Interpretation::person`]).
fn asks_person(lx: &Lexicon, q: &Question, it: &Interpretation) -> bool {
    let w = &q.words;
    let other_kind = matches!(
        it.intent,
        Intent::Compare
            | Intent::CanOnePerson
            | Intent::Hierarchy
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
fn newcomer(q: &Question, it: &Interpretation) -> bool {
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
        w[from..i].windows(2).any(|p| {
            matches!(
                (p[0].as_str(), p[1].as_str()),
                ("i", "am") | ("im", _) | ("as", "a" | "an")
            )
        }) || i.checked_sub(1).is_some_and(|j| w[j] == "as")
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
