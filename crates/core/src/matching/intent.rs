//! What kind of question it is (what-is, compare, who-does, can-one-person, hierarchy,
//! how-much, claim, help), read from its wording and what it names.

use super::interpret::{contains, Intent, Interpretation};
use super::lexicon::{Lexicon, Tok};
use super::question::Question;
use crate::normalize::{is_stop_word, word_key};
use smol_str::SmolStr;

/// The intent, from the question's wording and what it names.
pub(crate) fn intent(lx: &Lexicon, q: &Question, it: &Interpretation) -> Intent {
    let w = &q.words;
    let named = !it.roles.is_empty() || !it.aspects.is_empty() || !it.terms.is_empty();
    let lang = &lx.language;
    let only_help = w.iter().all(|x| is_stop_word(x) || lang.is_help_word(x));
    if !named && only_help && lang.asks_help(w) {
        return Intent::Help;
    }
    if is_claim(lx, q, it) {
        return Intent::Claim;
    }
    if same_role_frame(lx, q, it).is_some() {
        return Intent::SameRole;
    }
    if it.compare {
        // "Between the PM and the PO, who's in charge?", "PO vs developer: who's the boss?":
        // set side by side on rank, not on an aspect, they ask who ranks higher.
        let on_rank = it.aspects.is_empty().then(|| rank(lx, q, it)).flatten();
        return on_rank.unwrap_or(Intent::Compare);
    }
    let first = w.iter().position(|x| !lang.is_opener(x)).unwrap_or(w.len());
    let opener = w.get(first).map_or("", SmolStr::as_str);
    let can = matches!(opener, "can" | "could" | "should" | "may" | "is" | "are");
    let hold = w
        .iter()
        .any(|x| matches!(x.as_str(), "be" | "both" | "hold" | "play"));
    // "Can the same person be PO for two teams?": one role named, and nothing that says
    // both, is one role held several times, not the two roles held by one person.
    let one_role_only = it.roles.len() == 1 && !w.iter().any(|x| x == "both");
    if lang.asks_one_person(w) && !one_role_only {
        return Intent::CanOnePerson;
    }
    // "Is the PM supposed to *be above* the PO?": holding a rank, not both roles.
    if let Some(intent) = rank(lx, q, it) {
        return intent;
    }
    if can && hold && it.roles.len() >= 2 {
        return Intent::CanOnePerson;
    }
    if who_is(lx, q) {
        return Intent::WhatIs;
    }
    // "Which of the two roles …", "which of them …": a choice between the roles.
    let which_of = w.windows(2).enumerate().any(|(i, p)| {
        p[0] == "which"
            && p[1] == "of"
            && w[i + 2..(i + 5).min(w.len())]
                .iter()
                .any(|x| matches!(x.as_str(), "role" | "roles" | "them" | "two" | "both"))
    });
    // "Between the PM and the PO, who does what?": the work divided between roles named.
    // Each clause on its own: the roles may follow in another ("who does what? (PM, PO)").
    let divides = || {
        let ends = q.clauses.iter().skip(1).copied().chain([w.len()]);
        (q.clauses.iter().zip(ends)).any(|(&a, b)| lang.asks_division(&w[a..b.min(w.len())]))
    };
    if it.roles.len() >= 2 && (lang.asks_division(w) || divides()) {
        return Intent::Compare;
    }
    let who = w.iter().any(|x| super::question::is_who(x))
        || contains(w, &["which", "role"])
        || contains(w, &["which", "one"])
        || which_of;
    if who {
        return Intent::WhoDoes;
    }
    // "How much does a PO make", not "how much *time* does a PO spend".
    let how_much = w
        .windows(2)
        .position(|p| lang.is_quantity_phrase(p))
        .is_some_and(|i| !q.quantity_noun(lx, i + 2));
    if how_much {
        return Intent::HowMuch;
    }
    // A word asking what something is, before the role it is about (all of the question
    // when it names no role).
    let first_role = q.first_role(lx).map_or(w.len(), |t| t.start);
    let what_word = |x: &SmolStr| matches!(x.as_str(), "what" | "wot" | "wat" | "wut");
    let what_do = what_role_does(lx, q, what_word) || role_play_frame(lx, q).is_some();
    let what = what_do
        || w.windows(2)
            .any(|p| what_word(&p[0]) && matches!(p[1].as_str(), "is" | "are" | "s"))
        || w[..first_role].iter().any(|x| lang.is_what_is_word(x));
    let bare_role = !it.roles.is_empty()
        && it.aspects.is_empty()
        && it.leftover.is_empty()
        && it.unknown.is_empty();
    if what || bare_role {
        return Intent::WhatIs;
    }
    Intent::Other
}

/// "Are PM and PO the same job?", "PM vs PO: one role or two?", "are the two titles
/// interchangeable?": whether two roles (named, or "the two") are one. The start and
/// length of the phrase that asks it, which frames the question ("job" there is not the
/// typical-jobs aspect).
pub(crate) fn same_role_frame(
    lx: &Lexicon,
    q: &Question,
    it: &Interpretation,
) -> Option<(usize, usize)> {
    let w = &q.words;
    let lang = &lx.language;
    // "Are they the same, PO and PM?": roles named after the question close it as well.
    let mut end = w.len();
    while let Some(t) = q
        .tokens
        .iter()
        .find(|t| t.start + t.len == end && matches!(lx.kinds[t.id as usize], Tok::Role(_)))
    {
        end = t.start;
        if end > 0 && matches!(w[end - 1].as_str(), "and" | "or") {
            end -= 1;
        }
    }
    let (at, len) = lang
        .same_role_span(&w[..end])
        .or_else(|| lang.same_role_span(w))?;
    // "Is *it* the same as a PM?": a word pointing back, before the phrase, stands for the
    // other role.
    let two = match it.roles.len() {
        0 => lang.refers_back(w) || w.iter().any(|x| x == "two"),
        1 => lang.refers_back(&w[..at]),
        _ => true,
    };
    (two && it.unknown_roles.is_empty() && it.out_of_scope.is_empty()).then_some((at, len))
}

/// "Who is a Business Owner?", "who are product owners, exactly?": who someone *is*,
/// asked of a role or a term that names people and of nothing else, asks what that is,
/// not who does something (and not which person here: "who is *our* PO?").
fn who_is(lx: &Lexicon, q: &Question) -> bool {
    let (w, lang) = (&q.words, &lx.language);
    let Some(first) = w.iter().position(|x| !lang.is_opener(x)) else {
        return false;
    };
    // "who (exactly) is": framing words may come before the verb.
    let verb = (first + 1..w.len())
        .find(|&i| !lang.is_framing(&w[i]))
        .unwrap_or(w.len());
    let after = match (w[first].as_str(), w.get(verb).map(SmolStr::as_str)) {
        ("whos", _) => first + 1,
        ("who", Some("is" | "are" | "s")) => verb + 1,
        _ => return false,
    };
    let mut named = q.tokens.iter().filter(|t| t.start >= after).filter(|t| {
        let kind = lx.kinds[t.id as usize];
        !(lx.ambient[t.id as usize] || matches!(kind, Tok::Ambient))
    });
    // Right after the verb, but for "a", "the" or framing ("who is the *go-to person*
    // for business owners?" asks who does something).
    let one = named.next().is_some_and(|t| {
        matches!(lx.kinds[t.id as usize], Tok::Role(_) | Tok::Term(_))
            && w[after..t.start]
                .iter()
                .all(|x| lang.is_determiner(x) || lang.is_framing(x))
    });
    let here = w[after..].iter().any(|x| lang.is_here_word(x));
    // Nothing else said of them ("who is the *go-to person* for business owners?").
    let dropped = q.dropped.iter().any(|&i| i >= after);
    one && named.next().is_none()
        && !here
        && !dropped
        && q.unknown().all(|i| lang.is_framing(&w[i]))
}

/// A question of rank: over another role (hierarchy: "is the PM above the PO", "to whom
/// does the PO report") or over the people a role works with (managing: "is the PO the
/// boss of the team", "does the PO manage the developers", "is the PO in charge of the
/// devs"). Two roles named make it hierarchy whatever else is said.
fn rank(lx: &Lexicon, q: &Question, it: &Interpretation) -> Option<Intent> {
    let w = &q.words;
    let lang = &lx.language;
    let people = w.iter().any(|x| lang.is_people_word(x));
    // "manage the developers", "in charge of the (whole) team": whom the verb acts on, a
    // people word, after at most one other word, not followed by a thing the knowledge
    // speaks of ("owns the team backlog").
    let acts_on_people = |i: usize| {
        let mut object = w[i + 1..]
            .iter()
            .enumerate()
            .filter(|(_, x)| !lang.is_determiner(x) && x.as_str() != "of")
            .take(2);
        let Some((j, _)) = object.find(|(_, x)| lang.is_people_word(x)) else {
            return false;
        };
        let compound = w.get(i + 1 + j + 1).is_some_and(|n| {
            !is_stop_word(n)
                && lx
                    .lookup(&word_key(n))
                    .is_some_and(|id| lx.in_knowledge[id as usize])
        });
        !compound
    };
    let in_charge = |i: usize| w[i] == "charge" && i > 0 && w[i - 1] == "in";
    let manages =
        (0..w.len()).any(|i| (lang.is_manage_verb(&w[i]) || in_charge(i)) && acts_on_people(i));
    let ranks = lang.asks_rank(w)
        || (w.iter().any(|x| x == "whom")
            && w.iter().any(|x| matches!(x.as_str(), "report" | "reports")));
    // "PM or PO, who's in charge?", "which one takes the lead?": leading with no one
    // named to lead is leading the other role.
    let leads = w.iter().enumerate().any(|(i, x)| {
        let then = w.get(i + 1).map(SmolStr::as_str);
        (in_charge(i) && then != Some("of"))
            || (x == "lead" && i > 0 && w[i - 1] == "the" && then.is_none_or(is_stop_word))
    });
    if it.roles.len() >= 2 {
        let manages_role = manage_frame(lx, q).is_some();
        return (ranks || leads || manages_role).then_some(Intent::Hierarchy);
    }
    if (ranks && people) || manages {
        return Some(Intent::Manages);
    }
    ranks.then_some(Intent::Hierarchy)
}

/// "Does the PM *manage* the POs?", "is the PM in *charge* of the POs": a role managing
/// another role ranks above it. The position of the verb, which frames the question and
/// names nothing to match.
pub(crate) fn manage_frame(lx: &Lexicon, q: &Question) -> Option<usize> {
    let (w, lang) = (&q.words, &lx.language);
    (0..w.len()).find(|&i| {
        let verb = lang.is_manage_verb(&w[i]) || (w[i] == "charge" && i > 0 && w[i - 1] == "in");
        verb && w[i + 1..]
            .iter()
            .position(|x| !lang.is_determiner(x) && x.as_str() != "of")
            .and_then(|j| q.token_at(i + 1 + j))
            .is_some_and(|t| matches!(lx.kinds[t.id as usize], Tok::Role(_)))
    })
}

/// "What role does the PO play", "what part do PMs perform on the train": what a role is,
/// asked in an idiom. The positions of its frame words ("role", "play"), which name
/// nothing to match.
pub(crate) fn role_play_frame(lx: &Lexicon, q: &Question) -> Option<(usize, usize)> {
    let w = &q.words;
    let what = w
        .iter()
        .position(|x| matches!(x.as_str(), "what" | "which" | "whats"))?;
    let noun = what + 1;
    if !matches!(
        w.get(noun).map(SmolStr::as_str),
        Some("role" | "roles" | "part" | "parts")
    ) {
        return None;
    }
    let role = q
        .tokens
        .iter()
        .find(|t| t.start > noun && matches!(lx.kinds[t.id as usize], Tok::Role(_)))?;
    let after = role.start + role.len;
    let verb = w[after..].iter().position(|x| {
        matches!(
            x.as_str(),
            "play" | "plays" | "playing" | "perform" | "performs" | "fill" | "fills"
        )
    })?;
    Some((noun, after + verb))
}

/// "What (exactly) is a PO supposed to do", "what a PM actually does": a "what" and, after
/// a role named, a "do" that the role does (not "what happens if a PO doesn't …" or "what
/// should the team do when the PO …").
fn what_role_does(lx: &Lexicon, q: &Question, what_word: impl Fn(&SmolStr) -> bool) -> bool {
    let w = &q.words;
    let Some(what) = w.iter().position(|x| what_word(x) || x == "whats") else {
        return false;
    };
    let Some(role) = q
        .tokens
        .iter()
        .find(|t| t.start > what && matches!(lx.kinds[t.id as usize], Tok::Role(_)))
    else {
        return false;
    };
    let conditional = w[what + 1..role.start].iter().any(|x| {
        matches!(
            x.as_str(),
            "if" | "when" | "whenever" | "unless" | "happens"
        )
    });
    let after = &w[role.start + role.len..];
    let does = after.iter().enumerate().any(|(i, x)| {
        matches!(x.as_str(), "do" | "does" | "doing")
            && !after
                .get(i + 1)
                .is_some_and(|n| matches!(n.as_str(), "not" | "nt"))
    });
    !conditional && does
}

/// A statement about a role rather than a question: it has no question mark, no question
/// or request word before the role it names, and a verb after it ("PMs earn way more than
/// POs", "a PO is just a project manager").
fn is_claim(lx: &Lexicon, q: &Question, it: &Interpretation) -> bool {
    if q.asks || it.compare || it.roles.is_empty() || q.words.len() < 3 {
        return false;
    }
    let Some(role) = q.first_role(lx) else {
        return false;
    };
    let before = &q.words[..role.start];
    let asks = before
        .iter()
        .any(|x| lx.language.opens_question(x) || lx.language.is_request_verb(x));
    let verb_after = q.words[role.start + role.len..]
        .iter()
        .any(|x| lx.language.is_claim_verb(x));
    !asks && role.start <= 2 && verb_after
}
