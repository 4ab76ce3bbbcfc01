//! What a question asks: the roles it names (and role-like names the knowledge lacks),
//! the aspects and terms, its intent, and the words nothing explains.

use super::intent::intent;
use super::lexicon::{Lexicon, Tok};
use super::person::{asks_person, newcomer};
use super::question::Question;
use super::roles::unknown_roles;
use crate::knowledge::Knowledge;
use smol_str::SmolStr;
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
    /// "Are PM and PO the same job", "one role or two?": whether two roles are one.
    SameRole,
    /// "Is the PM above the PO", "who is the boss".
    Hierarchy,
    /// "Is the PO the developers' boss", "does the team report to the PO": one role over
    /// the people it works with, not over another role.
    Manages,
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
            Intent::SameRole => "same-role",
            Intent::Hierarchy => "hierarchy",
            Intent::Manages => "manages",
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
    /// True when it asks the one answering about their own experience ("what is your
    /// biggest strength as a PO?"): never answered outright.
    pub personal: bool,
    /// True when a word the knowledge lacks, and that carries a topic, is what the
    /// question asks of the role it names: said to be about the role ("a *joke* about
    /// POs") or right after it ("the PO's *vacation* policy"), not its setting ("… in
    /// *enterprises*").
    pub topic_of_role: bool,
    /// The word tokens between the question word and the first role named, but for one
    /// right before the role ("what's the *career path* after a PO", not "what does a
    /// *great* PM do"): what a what-is question may ask of the role rather than what the
    /// role is.
    pub before_role: Vec<u32>,
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
    /// True when the roles were added from the message's context rather than named in the
    /// ask: they say what it is about, not which roles it chooses between.
    pub roles_given: bool,
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
        if self.personal {
            write!(f, " personal")?;
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

/// True when `words` contains `phrase` as consecutive words.
pub(super) fn contains(words: &[SmolStr], phrase: &[&str]) -> bool {
    words
        .windows(phrase.len())
        .any(|w| w.iter().zip(phrase).all(|(a, b)| a == b))
}

/// Reads what a question asks.
pub(crate) fn interpret(lx: &Lexicon, q: &Question) -> Interpretation {
    let mut it = concepts(lx, q);
    it.corrected = q
        .corrected
        .iter()
        .map(|&(i, id)| (q.words[i].to_string(), lx.texts[id as usize].to_string()))
        .collect();
    it.unknown_roles = unknown_roles(lx, q);
    it.to_bot = q.words.iter().any(|x| lx.language.is_second_person(x));
    if it.to_bot {
        let words: Vec<&str> = q.words.iter().map(SmolStr::as_str).collect();
        // "Have you ever wondered how much a PO earns?" asks what it embeds.
        it.personal = lx.language.asks_personal(&words) && !lx.language.embeds(&words);
    }
    it.intent = intent(lx, q, &it);
    // "PM vs PO, one *job* or two?": the words asking whether two roles are one name no
    // aspect.
    if let Some((at, len)) = (it.intent == Intent::SameRole)
        .then(|| super::intent::same_role_frame(lx, q, &it))
        .flatten()
    {
        let framed = |t: &super::question::Token| (at..at + len).contains(&t.start);
        it.aspects.retain(|&a| {
            q.tokens
                .iter()
                .any(|t| lx.kinds[t.id as usize] == Tok::Aspect(a) && !framed(t))
        });
    }
    // "PO vs developers: who's the boss?": set against a role on rank, the people it works
    // with are its team, not a role the knowledge lacks.
    if it.intent == Intent::Manages {
        it.unknown_roles
            .retain(|name| !name.split(' ').all(|w| lx.language.is_people_word(w)));
    }
    it.topic_of_role = topic_of_role(lx, q);
    if let Some(role) = q.first_role(lx) {
        // From the question word that opens the role's clause on ("When working with a
        // team, *what* is expected from …": the setting before it is not asked).
        let from = q.words[..role.start]
            .iter()
            .rposition(|x| lx.language.is_question_word(x))
            .unwrap_or(0);
        it.before_role = q
            .tokens
            .iter()
            // Not right before the role, which it describes ("a *great* PM").
            .filter(|t| (from..role.start).contains(&t.start) && t.start + t.len < role.start)
            .filter(|t| matches!(lx.kinds[t.id as usize], Tok::Word { .. }))
            .map(|t| t.id)
            .collect();
    }
    it.team = q.team;
    it.person = asks_person(lx, q, &it);
    it.newcomer = newcomer(lx, q, it.asks);
    it
}

/// See [`Interpretation::topic_of_role`].
fn topic_of_role(lx: &Lexicon, q: &Question) -> bool {
    let Some(role) = q.first_role(lx) else {
        return false;
    };
    let w = &q.words;
    // "a joke about (the) POs": the word before "about" and the role.
    let about = |i: usize| {
        w.get(i + 1).is_some_and(|x| x == "about")
            && w[i + 2..role.start]
                .iter()
                .all(|x| lx.language.is_determiner(x))
    };
    q.unknown().any(|i| {
        (i == role.start + role.len || (i < role.start && about(i)))
            && super::index::unknown_factor(&lx.language, &w[i]) >= super::TOPICAL_UNKNOWN
    })
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
            Tok::Word { .. } => it.leftover.push(q.words[t.start].to_string()),
        }
    }
    it.unknown = q.unknown().map(|i| q.words[i].to_string()).collect();
    it.asks = asks(lx, q);
    it
}

/// True when it reads as a question: a question mark, or a question word first.
fn asks(lx: &Lexicon, q: &Question) -> bool {
    q.asks
        || q.words
            .iter()
            .find(|x| !lx.language.is_opener(x))
            .is_some_and(|x| lx.language.opens_question(x))
}

/// What a whole message says of the asker, for the ask read inside it: whether they
/// speak as a newcomer, and the team they name. Lighter than [`interpret`], which reads
/// what is asked.
pub(crate) fn asker(lx: &Lexicon, q: &Question) -> (bool, Option<usize>) {
    (newcomer(lx, q, asks(lx, q)), q.team)
}

fn push_unique(v: &mut Vec<usize>, x: usize) {
    if !v.contains(&x) {
        v.push(x);
    }
}
