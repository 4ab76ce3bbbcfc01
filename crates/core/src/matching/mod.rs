//! Matching: from a question to the best entry and a confidence in [0, 1].
//!
//! A message is first read for what it asks ([`ask`]); [`message`] matches each asking
//! clause with its context. Each clause then takes one straight path, each stage plain data
//! that `ask --explain` can print: [`question`] (words, typo fixes, tokens) → [`interpret`] (roles, role-like names the
//! knowledge lacks, aspects, terms, intent, leftovers) → [`score`] (candidates, one formula)
//! → [`Match`]. Everything costly ([`lexicon`], [`index`]) is built once from `&Knowledge`
//! by [`Matcher::build`]; answering is a handful of hash look-ups and a pass over the
//! postings of the question's tokens.

mod ask;
mod clauses;
mod context;
mod index;
mod intent;
pub mod interpret;
mod lexicon;
mod message;
mod parts;
mod person;
mod question;
mod rerank;
mod rereading;
mod roles;
mod score;
mod shares;
mod stretch;
mod typo;

pub use crate::normalize;
pub use interpret::{Intent, Interpretation};

use crate::knowledge::{Entry, Knowledge, Language, Problem};
use crate::people::TeamNames;
use index::Index;
use lexicon::{Lexicon, Tok};
use question::Question;
use score::{Optional, Query, Top};

/// True when some clause of `text` asks: a question or request word opens it (after
/// greetings and fillers: "sorry if this is dumb, but who …"), it embeds a question
/// ("wondering", "any idea", "vs"), or its sentence ends with `?`.
pub fn asks_something(lang: &Language, text: &str) -> bool {
    ask::find(lang, text).found
}

/// Thresholds and caps that decide how a question is answered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchConfig {
    /// Confidence at or above which rolecall answers.
    pub answer: f32,
    /// Confidence at or above which rolecall offers "did you mean" suggestions.
    pub suggest: f32,
    /// Longest question accepted, in characters.
    pub max_question_chars: usize,
}

impl MatchConfig {
    /// The defaults, as docs/settings.md lists them.
    pub const DEFAULT: MatchConfig = MatchConfig {
        answer: 0.5,
        suggest: 0.3,
        max_question_chars: 600,
    };
}

impl Default for MatchConfig {
    fn default() -> Self {
        MatchConfig::DEFAULT
    }
}

/// How sure rolecall is, in three bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    /// Confident: answer.
    Answer,
    /// Unsure: offer up to three suggestions.
    Suggest,
    /// No useful match: decline.
    Decline,
}

/// Why a question got no scored match at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// Nothing but whitespace, punctuation, mentions, links or code.
    Empty,
    /// Longer than the configured maximum (holds the length in characters).
    TooLong(usize),
    /// It asks what rolecall can do ("help", "which roles do you know").
    Help,
    /// It is about a role the knowledge has nothing on (holds the name as typed).
    UnknownRole(String),
}

/// The outcome of matching one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// Best entries, highest confidence first (at most four).
    pub ranked: Vec<(Entry, f32)>,
    /// Band of the best entry.
    pub band: Band,
    /// Set when the question could not be matched at all.
    pub rejection: Option<Rejection>,
    /// How the question was read.
    pub reading: Interpretation,
    /// A second ask of the same message, answered about something else ("who owns the
    /// roadmap? also, can one person be both?"): its entry and confidence.
    pub also: Option<(Entry, f32)>,
}

/// A confidence as replies and the question log show it: three decimals, within 0 to 1
/// (0 for a value that is not a number).
pub fn rounded(confidence: f32) -> f32 {
    if confidence.is_finite() {
        ((confidence * 1000.0).round() / 1000.0).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

impl Match {
    /// A match that is rejected outright.
    fn rejected(r: Rejection, reading: Interpretation) -> Match {
        Match {
            ranked: Vec::new(),
            band: Band::Decline,
            rejection: Some(r),
            reading,
            also: None,
        }
    }

    /// The best entry and its confidence, if any.
    pub fn best(&self) -> Option<(Entry, f32)> {
        self.ranked.first().copied()
    }

    /// Confidence of the best entry (0 when there is none).
    pub fn confidence(&self) -> f32 {
        self.best().map_or(0.0, |(_, c)| c)
    }
}

/// Everything matching needs, built once from the knowledge and held beside it.
#[derive(Debug)]
pub struct Matcher {
    lexicon: Lexicon,
    index: Index,
    optional: Optional,
    /// The teams' names as word keys, which questions are read for.
    teams: TeamNames,
    /// Whether each FAQ's question asks who does something ("Who owns the backlog?").
    faq_who: Vec<bool>,
}

impl Matcher {
    /// Builds the matcher for `k`; also returns lint warnings about ambiguous entries.
    pub fn build(k: &Knowledge) -> (Matcher, Vec<Problem>) {
        let lexicon = Lexicon::build(k);
        let index = Index::build(&lexicon, k);
        let optional = Optional {
            structured: lexicon.ids_of(k.language.structured_optional()),
            role: lexicon.ids_of(k.language.role_optional()),
            term: lexicon.ids_of(k.language.term_optional()),
        };
        let lints = index.lint(&lexicon, k);
        let faq_who = k
            .faqs
            .iter()
            .map(|f| {
                let q = Question::read(&lexicon, &index.weights, &f.question, false);
                interpret::intent_of(&lexicon, &q) == Intent::WhoDoes
            })
            .collect();
        (
            Matcher {
                lexicon,
                index,
                optional,
                teams: TeamNames::of(k),
                faq_who,
            },
            lints,
        )
    }

    /// Reads a question; `asked`, as a question asked (a team's name noted and left out
    /// of matching, and the clauses of a "who" found).
    fn read(&self, asked: bool, question: &str) -> Question {
        let teams = asked.then_some(&self.teams);
        Question::read_in(&self.lexicon, &self.index.weights, question, true, teams)
    }

    /// How a question reads: roles, aspects, intent and leftovers (for `ask --explain`).
    pub fn interpret(&self, question: &str) -> Interpretation {
        interpret::interpret(&self.lexicon, &self.read(true, question))
    }

    /// The roles and the aspects `text` names, in order (aliases, joined forms and typos
    /// read as for any question).
    pub fn names(&self, text: &str) -> (Vec<usize>, Vec<usize>) {
        let it = interpret::interpret(&self.lexicon, &self.read(false, text));
        (it.roles, it.aspects)
    }

    /// The asking clauses of a message and its context (for `ask --explain`).
    pub fn asks(&self, k: &Knowledge, message: &str) -> (Vec<String>, Vec<String>) {
        let read = ask::find(&k.language, message);
        (read.asks, read.context)
    }

    /// The question's tokens with their weights, e.g. `@pm=1.20` (for `ask --explain`).
    pub fn tokens(&self, question: &str) -> Vec<(String, f32)> {
        let q = self.read(true, question);
        q.tokens
            .iter()
            .map(|t| {
                (
                    self.lexicon.texts[t.id as usize].to_string(),
                    self.index.weights[t.id as usize],
                )
            })
            .collect()
    }

    /// What a question is about, as the words questions that read alike are grouped by
    /// (the gaps report): its tokens' texts (`@pm`, `jira`) and the stems of the words the
    /// knowledge has never seen, sorted, each once.
    pub fn keys(&self, question: &str) -> Vec<String> {
        let q = self.read(true, question);
        let mut keys: Vec<String> = q
            .tokens
            .iter()
            .map(|t| self.lexicon.texts[t.id as usize].to_string())
            .chain(q.unknown().map(|i| normalize::stem(&q.words[i])))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// Matches one piece of text.
    fn find_one(&self, k: &Knowledge, question: &str, cfg: &MatchConfig) -> Match {
        self.find_read(k, question, cfg, false)
    }

    /// [`Matcher::find_one`], told whether the roles `question` names were added from the
    /// message's context (`roles_given`).
    fn find_read(
        &self,
        k: &Knowledge,
        question: &str,
        cfg: &MatchConfig,
        roles_given: bool,
    ) -> Match {
        let lx = &self.lexicon;
        let q = self.read(true, question);
        let mut reading = interpret::interpret(lx, &q);
        reading.roles_given = roles_given;
        // "What role does the PO play": "role" and "play" frame the question, as "manage"
        // does "does the PM manage the POs?".
        let frame = intent::role_play_frame(lx, &q);
        let manage = (reading.intent == Intent::Hierarchy)
            .then(|| intent::manage_frame(lx, &q))
            .flatten();
        // "PM vs PO, one *job* or two?": the words asking whether two roles are one name
        // no aspect.
        let same = (reading.intent == Intent::SameRole)
            .then(|| intent::same_role_frame(lx, &q, &reading))
            .flatten()
            .map(|(at, len)| at..at + len);
        let in_same = |t: &&question::Token| same.as_ref().is_some_and(|r| r.contains(&t.start));
        let mut tokens: Vec<u32> = q
            .tokens
            .iter()
            .filter(|t| frame.is_none_or(|(a, b)| t.start != a && t.start != b))
            .filter(|t| manage.is_none_or(|m| !(t.start..t.start + t.len).contains(&m)))
            .filter(|t| !in_same(t))
            .map(|t| t.id)
            .chain(lx.intent_token(reading.intent))
            .chain(lx.why_token(&q.words))
            .collect();
        tokens.sort_unstable();
        tokens.dedup();
        let unknown = q.unknown().count();
        let unknown_w: f32 = q
            .unknown()
            .map(|i| self.index.unknown_weight * index::unknown_factor(&k.language, &q.words[i]))
            .sum();
        // Unknown words that carry a topic (rare ones), as against framing ("exactly").
        let (topical, topical_w) = q
            .unknown()
            .map(|i| index::unknown_factor(&k.language, &q.words[i]))
            .filter(|&f| f >= TOPICAL_UNKNOWN)
            .fold((0, 0.0), |(n, w), f| {
                (n + 1, w + self.index.unknown_weight * f)
            });
        // Ambient concepts ("SAFe", "agile") are the setting of most questions, not their
        // topic: left out when something else is asked about, but kept when the rest only
        // asks what they are ("what does SAFe stand for", "what is the purpose of SAFe").
        // Setting them side by side ("agile vs scrum?") asks about nothing else.
        let telling = tokens.iter().any(|&t| {
            !lx.ambient[t as usize]
                && !self.optional.term.contains(&t)
                && !matches!(lx.kinds[t as usize], Tok::Compare | Tok::Intent(_))
        });
        let about_it = reading.intent == Intent::WhatIs
            && reading.roles.is_empty()
            && tokens
                .iter()
                .filter(|&&t| matches!(lx.kinds[t as usize], Tok::Term(_)))
                .all(|&t| lx.ambient[t as usize]);
        if !about_it && (telling || unknown > 0) {
            tokens.retain(|&t| !lx.ambient[t as usize]);
        }
        if reading.intent == Intent::Help {
            return Match::rejected(Rejection::Help, reading);
        }
        if tokens.is_empty() && unknown == 0 {
            return Match::rejected(Rejection::Empty, reading);
        }
        if let Some(name) = reading.unknown_roles.first() {
            return Match::rejected(Rejection::UnknownRole(name.clone()), reading);
        }
        let query = Query::new(
            lx,
            &self.index,
            &reading,
            &self.optional,
            tokens,
            (unknown, unknown_w, topical_w),
        );
        let mut top = Top::new(cfg.suggest);
        // Role cards, facts and comparisons first: their scores let `docs` skip phrasings
        // that could not enter.
        query.structured(k, &mut top);
        query.reverse(&mut top);
        query.docs(&mut top);
        let terms_named = query.terms_named();
        let mut ranked = top.items;
        rerank::rerank(
            &mut ranked,
            rerank::Asked {
                lx,
                q: &q,
                it: &reading,
                faq_who: &self.faq_who,
                topical,
            },
            cfg.answer,
        );
        let best = ranked.first().map_or(0.0, |&(_, s)| s);
        let evidence = self.evidence(&q, &reading, &ranked, topical);
        // Without evidence that it is about this knowledge, a question is never answered;
        // it may still get "did you mean" choices, unless it is small talk to rolecall.
        // A question that names a topic rolecall declines, or asks about the answerer's
        // own experience, is never answered outright: at most, the nearest entries are
        // offered.
        // "Does a PO need to know *Python*?": yes or no about something the knowledge
        // never names, which a role's fact can't settle.
        let unsettled = topical > 0
            && lx.language.asks_yes_no(&q.words)
            && matches!(ranked.first(), Some((Entry::Fact { .. }, _)));
        let band = if best >= cfg.answer
            && evidence
            && !unsettled
            && reading.out_of_scope.is_empty()
            && !reading.personal
        {
            Band::Answer
        } else if reading.to_bot && !evidence {
            Band::Decline
        } else if best >= cfg.suggest {
            Band::Suggest
        } else {
            Band::Decline
        };
        // "User story vs epic?": no entry compares two terms, so each one's definition
        // answers, the other beside it.
        let also = (band == Band::Answer && reading.intent == Intent::Compare && terms_named >= 2)
            .then(|| {
                ranked.iter().skip(1).copied().find(|&(e, s)| {
                    matches!(e, Entry::Term(i) if reading.terms.contains(&i)) && s >= cfg.answer
                })
            })
            .flatten();
        Match {
            ranked,
            band,
            rejection: None,
            reading,
            also,
        }
    }
}

impl Matcher {
    /// True when the question shows it is about this knowledge: it names a role or a term
    /// or compares on an aspect ([`Interpretation::has_domain_evidence`]); or, unless it
    /// speaks to rolecall itself, its best candidate is a FAQ it shares telling words with,
    /// or a role's fact that answers its "who …".
    fn evidence(
        &self,
        q: &Question,
        it: &Interpretation,
        ranked: &[(Entry, f32)],
        unknown: usize,
    ) -> bool {
        let best = match ranked.first() {
            Some(&(Entry::Faq(f), _)) => self.faq_evidence(q, it, f, unknown),
            Some((Entry::Fact { .. } | Entry::Role(_), _)) => it.intent == Intent::WhoDoes,
            _ => false,
        };
        it.has_domain_evidence() || (!it.to_bot && best)
    }

    /// True when FAQ `f` shares telling tokens with the question (not "who", light words or
    /// typo fixes, and aspects only in a "who" question): one in a question whose every word
    /// is known, else [`FAQ_EVIDENCE`] ("who wrote the hobbit" shares only "write"; "how much
    /// money" nothing but the salary aspect).
    fn faq_evidence(&self, q: &Question, it: &Interpretation, f: usize, unknown: usize) -> bool {
        let lx = &self.lexicon;
        let telling: Vec<u32> = q
            .tokens
            .iter()
            .filter(|t| !(t.len == 1 && q.corrected.iter().any(|&(i, _)| i == t.start)))
            .map(|t| t.id)
            .filter(|&t| match lx.kinds[t as usize] {
                Tok::Aspect(_) => it.intent == Intent::WhoDoes,
                Tok::Word { .. } => {
                    !self.optional.structured.contains(&t)
                        && self.index.weights[t as usize] > index::LIGHT_WEIGHT
                }
                Tok::Intent(_) | Tok::Ambient => false,
                _ => true,
            })
            .collect();
        // One telling token is enough when every word is known ("who talks to customers?"),
        // not beside a word the knowledge has never seen ("who wrote the hobbit").
        let needed = if unknown == 0 && it.asks {
            1
        } else {
            FAQ_EVIDENCE
        };
        self.index.faq_docs[f].clone().any(|d| {
            let doc = &self.index.docs[d];
            telling.iter().filter(|t| doc.tokens.contains(t)).count() >= needed
        })
    }
}

/// Telling tokens a question must share with a FAQ phrasing for the FAQ alone to count as
/// evidence that it is about this knowledge.
const FAQ_EVIDENCE: usize = 2;

/// Share of the unknown-word weight from which an unknown word counts as carrying a topic.
pub(crate) const TOPICAL_UNKNOWN: f32 = 0.5;
