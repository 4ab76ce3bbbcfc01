//! Matching a whole message: each asking clause on its own, read with what was said before
//! it and the roles the message names; the surest answer first, a second ask beside it.

use super::rereading::surer;
use super::{ask, interpret, Band, Intent, Interpretation, Match, MatchConfig, Matcher, Rejection};
use crate::knowledge::{Entry, Knowledge};

/// Most asks of one message matched.
const MAX_ASKS: usize = 4;

/// The words of an ask, split at anything but letters and digits.
fn ask_words(ask: &str) -> Vec<&str> {
    ask.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// What the rest of a message says, for one of its asks.
pub(super) struct Said<'a> {
    /// What was said just before the ask.
    pub(super) before: Option<&'a str>,
    /// The roles the whole context names.
    pub(super) roles: &'a [usize],
    /// The message's context, where the asker may say they hold a role ("I'm a new PO.").
    pub(super) context: &'a [String],
    /// True when the ask is the message's only one.
    pub(super) alone: bool,
}

/// Most words of an ask that points back and only asks for a view on what was said.
const VIEW_REFERRING_WORDS: usize = 8;

/// Most words of a sentence that only names what the ask after it points back at
/// ("Product Owner or project manager: how do the two differ?").
const HEADING_WORDS: usize = 8;

/// Most words of an ask that only asks for a view on what was said ("any thoughts on
/// this?").
const VIEW_WORDS: usize = 4;

impl Matcher {
    /// Matches a message against the knowledge.
    ///
    /// The message is read for what it asks ([`ask::find`]): each asking clause is matched
    /// on its own, so greetings, thanks and sentences of context never count against it;
    /// an ask that names no role is matched again with the roles the context names ("I'm a
    /// new PO. What should I measure?"). The surest answer wins; a second ask answered as
    /// surely about something else is kept beside it ([`Match::also`]).
    pub fn find(&self, k: &Knowledge, question: &str, cfg: &MatchConfig) -> Match {
        let chars = question.chars().count();
        if chars > cfg.max_question_chars {
            return Match::rejected(Rejection::TooLong(chars), Interpretation::default());
        }
        let read = ask::find(&k.language, question);
        if read.asks.is_empty() {
            return self.find_one(k, question, cfg);
        }
        // The roles the whole context names, for an ask that leans on it.
        let context_roles: Vec<usize> = if read.context.is_empty() {
            Vec::new()
        } else {
            self.names(&read.context.join(". ")).0
        };
        let mut found: Vec<Match> = read
            .asks
            .iter()
            .zip(&read.before)
            .take(MAX_ASKS)
            .map(|(a, before)| {
                let said = Said {
                    before: before.as_deref(),
                    roles: &context_roles,
                    context: &read.context,
                    alone: read.asks.len() == 1,
                };
                self.find_with_context(k, a, &said, cfg)
            })
            .collect();
        // "who runs the standup? the PO?": a role named after a question is a guess at its
        // answer, not a question about the role; it never goes first or beside.
        let guess: Vec<bool> = read
            .asks
            .iter()
            .zip(&found)
            .enumerate()
            .map(|(i, (a, m))| i > 0 && is_guess(a, m))
            .collect();
        // "what is a PO, though? is it the same as a PM?": a role card is the broadest
        // answer, so when another answered ask relates that role to another one (naming
        // both, or the other and "it" after it), the role card only led in to it and goes
        // beside it.
        let refers = |j: usize| k.language.refers_back(&ask_words(&read.asks[j]));
        let lead_in: Vec<bool> = (0..found.len())
            .map(|i| match found[i].best() {
                Some((Entry::Role(r), _)) if found.len() > 1 => {
                    found.iter().zip(&guess).enumerate().any(|(j, (o, &g))| {
                        let roles = &o.reading.roles;
                        j != i
                            && !g
                            && o.band == Band::Answer
                            && o.rejection.is_none()
                            && roles.iter().any(|&s| s != r)
                            && (roles.contains(&r) || (j > i && refers(j)))
                    })
                }
                _ => false,
            })
            .collect();
        // The primary ask: not a guess, answered before not, not a lead-in, then the
        // surest; a rejection only when nothing else was found.
        let rank = |i: usize| {
            let m = &found[i];
            (
                !guess[i],
                m.band == Band::Answer,
                !lead_in[i],
                m.rejection.is_none(),
                m.band == Band::Suggest,
                m.confidence(),
            )
        };
        let best = (0..found.len())
            .max_by(|&a, &b| {
                rank(a)
                    .partial_cmp(&rank(b))
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(b.cmp(&a))
            })
            .unwrap_or(0);
        let mut m = found.swap_remove(best);
        let mut guess = guess;
        guess.swap_remove(best);
        if m.band == Band::Answer {
            let first = m.best().map(|(e, _)| e);
            let second = found
                .iter()
                .zip(&guess)
                .filter(|&(o, &g)| !g && o.band == Band::Answer && o.rejection.is_none())
                .filter_map(|(o, _)| o.best())
                .find(|&(e, _)| Some(e) != first);
            // Another ask answered goes beside the first before anything the first found.
            m.also = second.or(m.also);
            // "What does the PM measure success by? And the PO?": another role named alone
            // after a question on a role's aspect asks the same of it.
            if let Some((Entry::Fact { role, aspect }, s)) = m.best().filter(|_| second.is_none()) {
                let other =
                    found
                        .iter()
                        .zip(&guess)
                        .find_map(|(o, &g)| match o.reading.roles[..] {
                            [r] if g && r != role && k.roles[r].facts[aspect].is_some() => Some(r),
                            _ => None,
                        });
                if let Some(r) = other {
                    m.also = Some((Entry::Fact { role: r, aspect }, s));
                }
            }
        }
        // What the whole message says of the asker (new here, which team) holds for the
        // ask too; it is read again when the ask left words or clause marks out.
        let asked_words: usize = read.asks.iter().map(|a| a.split_whitespace().count()).sum();
        if read.asks.len() > 1
            || !read.context.is_empty()
            || asked_words < question.split_whitespace().count()
            || question.contains([',', ';', ':', '-', '(', '\n'])
        {
            let (newcomer, team) = interpret::asker(&self.lexicon, &self.read(true, question));
            m.reading.newcomer |= newcomer;
            m.reading.team = m.reading.team.or(team);
        }
        m
    }

    /// Matches one ask in its context: `before`, what was said just before it, and the
    /// roles the whole message names.
    ///
    /// An ask that names a role stands alone, and so does one answered on its own that
    /// points back at nothing ("who owns the backlog?"). One that leans on what was said
    /// ("are they the same?", or one not answered alone) is read with `before` when that
    /// names a role the knowledge lacks or a topic it declines ("PO vs Scrum Master: are
    /// they the same?"), else again with the roles the message names, kept when that
    /// answers from the ask's own words (a fact, a FAQ), not only from the names added.
    fn find_with_context(&self, k: &Knowledge, ask: &str, said: &Said, cfg: &MatchConfig) -> Match {
        let (before, context_roles) = (said.before, said.roles);
        let m = self.find_one(k, ask, cfg);
        let words = ask_words(ask);
        // "PO short term vs PM long term, is that right?": an ask with nothing of its own
        // to match asks about what was said before it.
        if m.rejection == Some(Rejection::Empty) {
            if let Some(before) = before {
                let it = interpret::interpret(&self.lexicon, &self.read(false, before));
                if let Some(w) = self.back_at_term(k, ask, &it, &m, cfg) {
                    return w;
                }
                let w = self.with_before(k, before, ask, cfg);
                if w.rejection.is_none() && w.band != Band::Answer {
                    if let Some(whole) = self.with_all_said(k, said, ask, cfg) {
                        return whole;
                    }
                }
                if w.rejection.is_none() {
                    return w;
                }
            }
        }
        // "… to cover both PM and PO. Thoughts?", "any advice?", "what do people think of
        // that?": an ask that names and matches nothing and is no question of its own, or
        // only points back, asks for a view on what was said: the question is that,
        // read with the ask or, when the ask's own words dilute it, alone.
        if let Some(before) =
            before.filter(|_| m.rejection.is_none() && asks_for_view(k, &m, &words))
        {
            let w = self.with_before(k, before, ask, cfg);
            if w.rejection.is_none() && w.band == Band::Answer {
                return w;
            }
            let covered = w.reading.out_of_scope.is_empty() && w.reading.unknown_roles.is_empty();
            if w.rejection.is_none() && w.band == Band::Suggest && covered {
                let alone = self.find_read(k, before, cfg, false);
                if alone.rejection.is_none() && alone.band == Band::Answer {
                    return alone;
                }
            }
            if w.rejection.is_none() && covered {
                if let Some(whole) = self.with_all_said(k, said, ask, cfg) {
                    return whole;
                }
            }
        }
        if m.rejection.is_some() || !m.reading.roles.is_empty() {
            return m;
        }
        // "How do these two roles work together?": the roles the message names, or the
        // knowledge's two.
        if k.language.names_role_pair(&words) {
            let pair: Vec<usize> = if context_roles.len() >= 2 {
                context_roles.to_vec()
            } else if k.roles.len() == 2 {
                vec![0, 1]
            } else {
                Vec::new()
            };
            if !pair.is_empty() {
                let w = self.with_roles(k, ask, &pair, cfg);
                if surer(&w, &m) {
                    return w;
                }
            }
        }
        // "PM vs PO, who's in charge of what?": dividing the work points back at the roles.
        let divides = k.language.asks_division(&words);
        let refers = k.language.refers_back(&words) || divides;
        // "Who owns it?" with nothing said before: no telling what "it" is.
        let r = &m.reading;
        if refers
            && before.is_none()
            && said.context.is_empty()
            && m.band == Band::Answer
            && r.roles.is_empty()
            && r.terms.is_empty()
            && r.leftover.iter().all(|w| self.light(w))
        {
            let mut m = m;
            m.band = Band::Suggest;
            return m;
        }
        // "What's the difference?" compares nothing of its own: when what was said just
        // before names a role the knowledge lacks ("RTE vs project manager: what's the
        // difference?"), the question is about that.
        let r = &m.reading;
        let framing =
            |w: &String| super::index::unknown_factor(&k.language, w) < super::TOPICAL_UNKNOWN;
        let bare = r.compare
            && r.terms.is_empty()
            && r.aspects.is_empty()
            && r.unknown.iter().chain(&r.leftover).all(framing)
            && !self.names_ambient(ask);
        // "PO vs developer: who's the boss?": an ask that names no role and doesn't point
        // back, after a short heading that sets a role beside more than the knowledge's
        // roles, asks about that ("PM vs PO: who owns the roadmap?" asks its own question).
        if let Some(before) =
            before.filter(|b| !refers && b.split_whitespace().count() <= HEADING_WORDS)
        {
            let it = interpret::interpret(&self.lexicon, &self.read(false, before));
            let beyond_roles = !it.leftover.is_empty() || !it.unknown.is_empty();
            if it.compare && !it.roles.is_empty() && beyond_roles {
                let w = self.with_before(k, before, ask, cfg);
                if w.rejection.is_none() && w.band == Band::Answer {
                    return w;
                }
            }
        }
        if m.band == Band::Answer && !refers && !bare {
            return m;
        }
        if let Some(before) = before {
            let it = interpret::interpret(&self.lexicon, &self.read(false, before));
            // "PM vs PO, who's in charge of what?": the work divided between the roles named
            // just before, even when the ask alone finds a FAQ on one part of it.
            if divides && it.roles.len() >= 2 {
                let w = self.with_before(k, before, ask, cfg);
                let compares = matches!(w.best(), Some((Entry::Compare { .. }, _)));
                if w.rejection.is_none() && w.band == Band::Answer && compares {
                    return w;
                }
            }
            // "I keep coming across 'product manager' and 'product owner' in project
            // management. What is the difference between them?": "them" are the roles
            // named just before, and the topic beside them is the setting.
            if refers
                && it.roles.len() >= 2
                && it.unknown_roles.is_empty()
                && !it.out_of_scope.is_empty()
            {
                let w = self.with_roles(k, ask, &it.roles, cfg);
                if w.rejection.is_none() && w.band == Band::Answer {
                    return w;
                }
            }
            if !it.unknown_roles.is_empty() || !it.out_of_scope.is_empty() {
                return self.with_before(k, before, ask, cfg);
            }
            // "… a project manager is not a product owner. What's the difference?": a
            // bare comparison after a title the knowledge has only a FAQ for compares that.
            if bare && self.names_title(before) {
                let w = self.with_before(k, before, ask, cfg);
                if w.rejection.is_none() && w.band == Band::Answer {
                    return w;
                }
            }
            if let Some(w) = refers
                .then(|| self.back_at_term(k, ask, &it, &m, cfg))
                .flatten()
            {
                return w;
            }
            // "Product Owner or project manager: how do the two differ?": what was said
            // before names what the ask points back at, and more than the knowledge's
            // roles, so the ask is about that, whatever it would match alone.
            let heading = before.split_whitespace().count() <= HEADING_WORDS
                && (!it.roles.is_empty() || !it.terms.is_empty());
            let beyond_roles =
                !it.leftover.is_empty() || !it.unknown.is_empty() || !it.terms.is_empty();
            if refers && (it.compare || heading) && beyond_roles {
                let w = self.with_before(k, before, ask, cfg);
                // A long sentence that only compares ("two roles … yet different") doesn't
                // take an answer away from an ask that has one ("can one person do both?").
                let kept = m.band == Band::Answer && w.band != Band::Answer && !heading;
                if w.rejection.is_none() && !kept {
                    // "Our new PO started Monday. What is she judged on?": when the sentence
                    // dilutes the ask, "she" is the role it names.
                    let roles = (w.band != Band::Answer)
                        .then(|| self.back_at_roles(k, ask, &it.roles, &w, cfg))
                        .flatten();
                    return roles.unwrap_or(w);
                }
            }

            // "I was asked to be PM and PO at once. Is that a good idea?": what "that"
            // points to is the question.
            if refers && m.band != Band::Answer {
                let w = self.with_before(k, before, ask, cfg);
                if w.rejection.is_none() && w.band == Band::Answer {
                    return w;
                }
            }
            // "There's a PO and a PM on my train. Are they the same?": what the ask points
            // back at are the roles named just before.
            if let Some(w) = refers
                .then(|| self.back_at_roles(k, ask, &it.roles, &m, cfg))
                .flatten()
            {
                return w;
            }
            // "Is agile a mindset or a method? Are they the same?": pointed back at the
            // setting alone ("agile", "SAFe"), which is never matched, the ask's own words
            // answer another question.
            if refers && it.roles.is_empty() && it.terms.is_empty() && self.names_ambient(before) {
                let mut m = m;
                if m.band == Band::Answer {
                    m.band = Band::Suggest;
                }
                return m;
            }
        }
        // "… can't tell the PO and PM apart. What's the difference?": a bare comparison
        // asked with a question word compares the roles the message names, even when it
        // answers alone ("are they different?" asks whether they are one).
        let compares = bare && !k.language.asks_yes_no(&words);
        if (m.band == Band::Answer && !compares) || context_roles.is_empty() {
            return m;
        }
        // "The PM told me to sort it out. What am I supposed to work on?": an ask about the
        // asker, or about rolecall, is not about the roles the message names, unless the
        // asker says they hold one ("I'm a new PO. What should I measure?").
        // "Hey product owners, how do you measure success?": "you" are the role addressed.
        let about_speaker = m.reading.to_bot || words.iter().any(|w| k.language.is_first_person(w));
        let as_role = said.context.iter().any(|c| self.speaks_as_role(k, c));
        let addressed = m.reading.to_bot && said.context.iter().any(|c| self.addresses_role(k, c));
        if about_speaker && !as_role && !addressed {
            // "Thinking about becoming a PO. How much could I earn?": the asker asks about
            // the role they are heading for.
            let aim = said.context.iter().find_map(|c| self.aspired_role(k, c));
            if let Some(role) = aim {
                let w = self.with_roles(k, ask, &[role], cfg);
                let fits = w
                    .best()
                    .is_some_and(|(e, _)| matches!(e, Entry::Fact { .. } | Entry::Faq(_)));
                if fits && surer(&w, &m) {
                    return w;
                }
            }
            return m;
        }
        // "We have a PM and a PO. Who owns the coffee machine?": the ask's own topic is
        // one the knowledge lacks, and the roles beside it don't change that (unless the
        // ask points back at them: "how do I get them to collaborate?").
        let lacks_topic = !refers
            && m.reading
                .unknown
                .iter()
                .any(|w| super::index::unknown_factor(&k.language, w) >= super::TOPICAL_UNKNOWN);
        if lacks_topic {
            return m;
        }
        let w = self.with_roles(k, ask, context_roles, cfg);
        let specific = w.best().is_some_and(|(e, _)| match e {
            Entry::Fact { .. } | Entry::Faq(_) => true,
            Entry::Compare { aspect, .. } => aspect.is_some() || compares,
            _ => false,
        });
        if specific && surer(&w, &m) {
            w
        } else {
            m
        }
    }
}

/// True when an ask of `words`, matched as `m`, only asks for a view on what was said
/// before it: nothing named or matched, and at most [`VIEW_WORDS`] words with no question
/// word first, or at most [`VIEW_REFERRING_WORDS`] that point back ("what do people think
/// of that?") or ask for a view ("what do you think?", "do you agree?").
fn asks_for_view(k: &Knowledge, m: &Match, words: &[&str]) -> bool {
    let lang = &k.language;
    let short = words.len() <= VIEW_WORDS && !lang.opened_by_question(words);
    let points_back = words.len() <= VIEW_REFERRING_WORDS && lang.refers_back(words);
    let for_view =
        words.len() <= VIEW_REFERRING_WORDS && words.iter().any(|w| lang.is_view_word(w));
    (short || points_back || for_view)
        && m.band == Band::Decline
        && m.reading.roles.is_empty()
        && !m.reading.names_topic()
}

/// True when `ask`, matched as `m`, only names a role ("the PO?", "PM maybe?"): after
/// another question, a guess at its answer.
fn is_guess(ask: &str, m: &Match) -> bool {
    let r = &m.reading;
    ask.split_whitespace().count() <= GUESS_WORDS
        && !r.roles.is_empty()
        && r.aspects.is_empty()
        && r.terms.is_empty()
        && r.leftover.is_empty()
        && r.out_of_scope.is_empty()
        && r.unknown_roles.is_empty()
        && matches!(r.intent, Intent::WhatIs | Intent::Other)
}

/// Most words of a guess at the answer after a question ("the PO maybe?").
const GUESS_WORDS: usize = 4;
