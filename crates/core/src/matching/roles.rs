//! Role-like names the knowledge lacks: "delivery manager", "QA engineer", a bare "tester".

use super::lexicon::{Lexicon, Tok};
use super::question::Question;
use crate::normalize::is_stop_key;
use smol_str::SmolStr;

/// How many words after a job title its verb of saying may come ("our coach where I work
/// says"), and after that verb the role the claim is about ("says that the PO").
const SPEAKER_REACH: usize = 4;

/// The words that say who made a claim about a role ("our *delivery manager says* the PO
/// owns the roadmap", "why does my *coach where I work say* the PO is the boss", "my
/// *colleague thinks* the PO …"): a job title the knowledge lacks or another speaker of
/// the language file ("colleague", "article"), with up to two words naming it, then within [`SPEAKER_REACH`] words a verb of saying, then
/// within reach a role the knowledge has.
/// The question is about the claim, so the words up to that role are left out of matching.
pub(crate) fn speaker_frame(lx: &Lexicon, q: &Question) -> Vec<usize> {
    let w = &q.words;
    let role_at = |k: usize| {
        q.token_at(k)
            .is_some_and(|t| matches!(lx.kinds[t.id as usize], Tok::Role(_)))
    };
    let speaker = |i: usize| {
        let key = q.keys[i].as_str();
        lx.role_heads.contains(key)
            || lx.bare_roles.contains(key)
            || lx.language.is_speaker(&q.words[i])
    };
    let mut out = Vec::new();
    for i in 0..q.keys.len() {
        if !speaker(i) || role_at(i) || out.contains(&i) {
            continue;
        }
        let Some(verb) = (i + 1..w.len().min(i + 1 + SPEAKER_REACH))
            .find(|&j| lx.language.is_speech_verb(&w[j]))
        else {
            continue;
        };
        // Whom it was said to ("told *everyone*"), up to the role, goes with it.
        let Some(role) = (verb + 1..w.len().min(verb + 1 + SPEAKER_REACH)).find(|&k| role_at(k))
        else {
            continue;
        };
        let mut start = i;
        while start > 0 && start + 2 > i && !q.is_stop(lx, start - 1) && !role_at(start - 1) {
            start -= 1;
        }
        out.extend(start..role);
    }
    out
}

/// Most words the knowledge lacks that may link a role to what it does ("how do POs
/// *actively contribute* to refinement").
const LINK_WORDS: usize = 2;

/// Words the knowledge lacks that only link a role to a concept it names: "how does the PO
/// *contribute* to backlog refinement", "how is the PM *involved* with the MVP", "what
/// skills does a PO *require*". Between the
/// role and the concept stand only stop words and at most [`LINK_WORDS`] unknown words,
/// with no clause break; such a word says how the two relate, which is what the entry
/// about the concept answers, so it carries no topic of its own.
pub(crate) fn link_frame(lx: &Lexicon, q: &Question) -> Vec<usize> {
    let kind = |t: &super::question::Token| lx.kinds[t.id as usize];
    let mut out = Vec::new();
    for pair in q.tokens.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let role = matches!(kind(&a), Tok::Role(_));
        let concept = matches!(kind(&b), Tok::Term(_) | Tok::Aspect(_));
        if !role || !concept {
            continue;
        }
        let gap = a.start + a.len..b.start;
        let unknown: Vec<usize> = gap
            .clone()
            .filter(|&i| q.ids[i].is_none() && !q.dropped.contains(&i))
            .collect();
        let broken = (gap.start..=b.start).any(|i| q.clauses.contains(&i));
        let only_stops = gap
            .clone()
            .all(|i| unknown.contains(&i) || q.is_stop(lx, i) || is_stop_key(&q.keys[i]));
        if !unknown.is_empty() && unknown.len() <= LINK_WORDS && only_stops && !broken {
            out.extend(unknown);
        }
    }
    // "What skills does a PO *require*?": the concept asked first, then the role, then
    // the one word that links them, with nothing but stop words after the role to the
    // clause's end.
    for pair in q.tokens.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let concept = matches!(kind(&a), Tok::Term(_) | Tok::Aspect(_));
        if !concept || !matches!(kind(&b), Tok::Role(_)) {
            continue;
        }
        let from = b.start + b.len;
        let end = (from..q.words.len())
            .find(|&i| q.clauses.contains(&i))
            .unwrap_or(q.words.len());
        let tail = from..end;
        let unknown: Vec<usize> = tail
            .clone()
            .filter(|&i| q.ids[i].is_none() && !q.dropped.contains(&i))
            .collect();
        let only_stops = tail
            .clone()
            .all(|i| unknown.contains(&i) || q.is_stop(lx, i) || is_stop_key(&q.keys[i]));
        let after_next = q.tokens.iter().any(|t| t.start >= from && t.start < end);
        if unknown.len() == 1 && only_stops && !after_next {
            out.extend(unknown);
        }
    }
    out
}

/// Role-like names the knowledge does not know: "<word> manager/engineer/…" where the pair
/// never occurs in the knowledge, bare titles ("tester") the knowledge never uses, and a
/// role the knowledge has made another title by a word before it ("technical PM").
pub(crate) fn unknown_roles(lx: &Lexicon, q: &Question) -> Vec<String> {
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
            || matches!(w.get(i + 1).map(SmolStr::as_str), Some("vs" | "versus"))
    };
    let free = |i: usize| match q.token_at(i) {
        Some(t) => matches!(lx.kinds[t.id as usize], Tok::Word { .. }) && t.len == 1,
        None => true,
    };
    // "a *technical* product manager", "Chief PO": a word that makes another job title of
    // a role the knowledge has.
    for t in &q.tokens {
        if !matches!(lx.kinds[t.id as usize], Tok::Role(_)) || t.start == 0 {
            continue;
        }
        let m = t.start - 1;
        let plain = q
            .token_at(m)
            .is_none_or(|p| matches!(lx.kinds[p.id as usize], Tok::Word { .. } | Tok::Term(_)));
        if plain && lx.language.is_title_modifier(&w[m]) && !about_self(m) {
            out.push(w[m..t.start + t.len].join(" "));
        }
    }
    for (i, key) in q.keys.iter().enumerate() {
        let head = lx.role_heads.contains(key.as_str());
        let bare = lx.bare_roles.contains(key.as_str());
        // "UX designer": "ux" only modifies the title that follows.
        let modifies_next = q
            .keys
            .get(i + 1)
            .is_some_and(|n| lx.role_heads.contains(n.as_str()));
        if !(head || bare) || !free(i) || about_self(i) || modifies_next || q.dropped.contains(&i) {
            continue;
        }
        let modifier = i
            .checked_sub(1)
            .filter(|&m| free(m) && !q.is_stop(lx, m))
            .filter(|&m| !lx.language.is_neutral_modifier(&q.words[m]))
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
                    out.push(q.words[i].to_string());
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::knowledge::Knowledge;
    use crate::matching::Matcher;

    /// The words of `text` read as unknown to the shipped knowledge.
    fn unknown(text: &str) -> Vec<String> {
        let k = Knowledge::shipped().expect("shipped knowledge loads");
        let (m, _) = Matcher::build(&k);
        m.interpret(text).unknown
    }

    #[test]
    fn a_word_linking_a_role_to_a_concept_is_no_topic() {
        assert!(unknown("how does the PO contribute to backlog refinement?").is_empty());
        assert!(unknown("how are product managers involved with the MVP?").is_empty());
        assert!(unknown("what skills does a product owner require?").is_empty());
        // After the role, only up to the end of the clause, and only when nothing follows.
        assert_eq!(unknown("what skills does a PO require? no clue"), ["clue"]);
        assert_eq!(
            unknown("what skills does a PO require for kayaking?"),
            ["require", "kayaking"]
        );
        // A topic the knowledge lacks stays one, linked or not.
        assert_eq!(
            unknown("how do product owners cope with burnout?"),
            ["cope", "burnout"]
        );
        // A clause break between the role and the concept: no link.
        assert_eq!(unknown("the PO is swamped. refinement?"), ["swamped"]);
        // More than two unknown words between them: a topic of its own.
        assert_eq!(
            unknown("does the PO secretly despise endless refinement?"),
            ["secretly", "despise", "endless"]
        );
    }
}
