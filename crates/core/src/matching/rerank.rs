//! Adjusts the ranking to what the question asks: an entry that answers another kind of
//! question loses ground, a specific FAQ wins a tie with a broad card, and a fact named
//! outright gains confidence from its lead.

use super::interpret::{Intent, Interpretation};
use super::lexicon::{Lexicon, Tok};
use super::question::Question;
use crate::knowledge::Entry;

/// What the question asks, as the ranking needs it.
pub(super) struct Asked<'a> {
    /// The lexicon the question was read with.
    pub lx: &'a Lexicon,
    /// The question as read.
    pub q: &'a Question,
    /// What it asks.
    pub it: &'a Interpretation,
    /// For each FAQ, whether it says who does something.
    pub faq_who: &'a [bool],
    /// How many of its unknown words carry a topic.
    pub topical: usize,
}

/// Reorders and rescores `ranked` (best first) for what `a` asks; `bar` is the score
/// from which an entry answers.
pub(super) fn rerank(ranked: &mut [(Entry, f32)], a: Asked<'_>, bar: f32) {
    let (lx, it) = (a.lx, a.it);
    // "What is product vision?" asks what something is ("user story vs epic?" what
    // two things are), "how do you prioritise features?" how to do it; a FAQ that says
    // who does it ("Who owns the product roadmap?") answers another question, unless
    // the question names a role it could be about.
    let what = it.intent == Intent::WhatIs || (it.intent == Intent::Compare && it.terms.len() >= 2);
    let how = it.intent == Intent::Other && lx.language.asks_method(&a.q.words);
    let how_much = (0..a.q.words.len()).any(|i| {
        lx.language
            .is_quantity_phrase(&a.q.words[i..(i + 2).min(a.q.words.len())])
            && a.q.quantity_noun(lx, i + 2)
    });
    if (what || how || how_much) && it.roles.is_empty() {
        for (e, s) in ranked.iter_mut() {
            if matches!(*e, Entry::Faq(f) if a.faq_who[f]) {
                *s *= OTHER_QUESTION;
            }
        }
        ranked.sort_by(|x, y| y.1.partial_cmp(&x.1).unwrap_or(std::cmp::Ordering::Equal));
    }
    // "What is a *good* churn rate?" asks for a judgement of a value, which a term's
    // definition doesn't give.
    let judged: Vec<usize> =
        a.q.tokens
            .iter()
            .filter(|t| t.start > 0 && lx.language.is_judgement_word(&a.q.words[t.start - 1]))
            .filter_map(|t| match lx.kinds[t.id as usize] {
                Tok::Term(i) => Some(i),
                _ => None,
            })
            .collect();
    if !judged.is_empty() && it.roles.is_empty() {
        for (e, s) in ranked.iter_mut() {
            if matches!(*e, Entry::Term(i) if judged.contains(&i)) {
                *s *= OTHER_QUESTION;
            }
        }
        ranked.sort_by(|x, y| y.1.partial_cmp(&x.1).unwrap_or(std::cmp::Ordering::Equal));
    }
    prefer_specific(
        ranked,
        it.intent == Intent::WhoDoes && it.roles.is_empty(),
        bar,
    );
    // "Does a PM need to know how to *code*?" checks a topic the fact may not hold.
    let checks_topic = a.topical > 0 && lx.language.asks_yes_no(&a.q.words);
    lead_confidence(ranked, it, bar, checks_topic);
}

/// How close a FAQ's score must come to a role card's or a whole comparison's to be
/// preferred: the FAQ was written for a question, the card only names the roles.
const SPECIFIC_TIE: f32 = 0.05;

/// How close a FAQ's score must come to a role found by reverse lookup in a "who …?" that
/// names no role, to be preferred.
const WHO_TIE: f32 = 0.1;

/// Puts a FAQ first when it ties with a role card or a whole comparison ranked above it.
/// In a "who …?" that names no role (`who_unnamed`), a FAQ that answers on its own (at
/// `bar`) and comes within [`WHO_TIE`] also goes before a role card or fact found by
/// reverse lookup: the FAQ was written to say who, the role's text only shares words with
/// the question (which may carry a word the FAQ lacks: "… in the company").
fn prefer_specific(ranked: &mut [(Entry, f32)], who_unnamed: bool, bar: f32) {
    let general = |e: Entry| matches!(e, Entry::Role(_) | Entry::Compare { aspect: None, .. });
    let reverse = |e: Entry| matches!(e, Entry::Role(_) | Entry::Fact { .. });
    if let [(first, s0), (Entry::Faq(_), s1), ..] = ranked {
        let tie = general(*first) && *s1 >= *s0 - SPECIFIC_TIE;
        let who = who_unnamed && reverse(*first) && *s1 >= bar && *s1 >= *s0 - WHO_TIE;
        if tie || who {
            // The entry passed over keeps the FAQ's score, so the ranking stays in order.
            *s0 = *s1;
            ranked.swap(0, 1);
        }
    }
}

/// Share of its lead over the next candidate that a role's fact, named outright, gains in
/// confidence.
const FACT_LEAD: f32 = 0.5;

/// "What metrics does a PO track?": a role's fact whose role and aspect the question both
/// names is sure in proportion to how far it leads the next candidate, whatever words
/// beside them ("track", "needed to become") lower its score. Once it answers (at `bar`),
/// its score gains [`FACT_LEAD`] of that lead, so a fact nothing else comes near can
/// speak in a channel; what is not answered stays so. Not when it `checks_topic`, a yes
/// or no about a word the knowledge lacks ("does a PM need to know how to *code*?"),
/// which the fact may not say.
fn lead_confidence(ranked: &mut [(Entry, f32)], it: &Interpretation, bar: f32, checks_topic: bool) {
    let next = ranked.get(1).map_or(0.0, |&(_, s)| s);
    if let Some((Entry::Fact { role, aspect }, s)) = ranked.first_mut() {
        let named = it.roles == [*role] && it.aspects.contains(aspect) && !it.compare;
        let plain = !checks_topic && it.out_of_scope.is_empty() && it.unknown_roles.is_empty();
        if named && plain && *s >= bar {
            *s = (*s + FACT_LEAD * (*s - next)).min(1.0);
        }
    }
}

/// Share of its score an entry keeps when it answers another kind of question than the
/// one asked: a FAQ saying who does something, asked what it is or how to do it; a
/// term's definition, asked for a judgement of its value.
const OTHER_QUESTION: f32 = 0.6;
