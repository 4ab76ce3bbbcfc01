//! Autocomplete and name resolution: fuzzy ranking of roles, aspects, FAQs and terms for
//! partial or typed input. The one resolver for names: what the matcher reads as a role or
//! aspect (aliases, "product-owner", "prodct ownr") ranks first, as it does for `/ask`,
//! then fuzzy label matches.
//!
//! Pure and cheap: a few string comparisons per candidate label, so it runs on every
//! keystroke. At most [`CHOICES`] choices come back, names cut to [`CHOICE_NAME`]
//! characters, each choice's value being the stable id of what it names.

use crate::base::KnowledgeBase;
use crate::knowledge::naming;
use crate::knowledge::{Entry, Knowledge, RoleSet};
use crate::limits::{truncate, CHOICES, CHOICE_NAME};
use crate::matching::normalize::{clean, words};

/// What a list of choices is drawn from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pool {
    /// FAQs and glossary terms (`/faq topic`).
    Topics,
    /// Roles (`/role name`, `/compare first`).
    Roles,
    /// Aspects that every role in the set has a fact for (an empty set: any aspect).
    Aspects {
        /// The roles.
        roles: RoleSet,
    },
}

/// Something a choice names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// An answerable entry (role, FAQ or term).
    Entry(Entry),
    /// An aspect, by index.
    Aspect(usize),
}

/// One autocomplete choice: a display name and the id it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Shown to the user (at most 100 characters).
    pub name: String,
    /// The id of the role, aspect, FAQ or term.
    pub value: String,
}

/// Lowest score that still makes a choice.
const MIN_SCORE: f32 = 0.45;
/// Longest input looked at, in characters.
const MAX_INPUT: usize = 100;

/// Choices for `input` from `pool`, best first: at most 25, names at most 100 characters.
///
/// Empty input lists the pool in definition order.
pub fn complete(k: &KnowledgeBase, pool: Pool, input: &str) -> Vec<Choice> {
    rank(k, pool, input)
        .into_iter()
        .filter_map(|(item, _)| {
            let value = id(k, item);
            (value.chars().count() <= CHOICE_NAME).then(|| Choice {
                name: truncate(&display(k, item), CHOICE_NAME),
                value,
            })
        })
        .take(CHOICES)
        .collect()
}

/// Every item of `pool` that matches `input`, with its score in (0, 1], best first.
pub fn rank(k: &KnowledgeBase, pool: Pool, input: &str) -> Vec<(Item, f32)> {
    let input = truncate(input, MAX_INPUT);
    let query = norm(&input);
    let read = named(k, pool, &input);
    let mut scored: Vec<(usize, Item, f32)> = candidates(k, pool)
        .into_iter()
        .enumerate()
        .filter_map(|(order, (item, labels))| {
            let best = if query.is_empty() {
                MIN_SCORE
            } else if read.contains(&item) {
                1.0
            } else {
                labels
                    .iter()
                    .map(|l| score(&query, &norm(l)))
                    .fold(0.0, f32::max)
            };
            (best >= MIN_SCORE).then_some((order, item, best))
        })
        .collect();
    scored.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    scored.into_iter().map(|(_, item, s)| (item, s)).collect()
}

/// The item typed text most plausibly names: an exact id, name or alias first, else the
/// best fuzzy match scoring at least `min`.
pub fn resolve(k: &KnowledgeBase, pool: Pool, text: &str, min: f32) -> Option<Item> {
    let query = norm(text);
    if query.is_empty() {
        return None;
    }
    let exact = candidates(k, pool).into_iter().find(|(item, labels)| {
        id(k, *item).eq_ignore_ascii_case(text.trim()) || labels.iter().any(|l| norm(l) == query)
    });
    if let Some((item, _)) = exact {
        return Some(item);
    }
    rank(k, pool, text)
        .into_iter()
        .next()
        .filter(|&(_, s)| s >= min)
        .map(|(item, _)| item)
}

/// The id a choice carries for an item.
pub fn id(k: &Knowledge, item: Item) -> String {
    match item {
        Item::Entry(e) => k.entry_id(e),
        Item::Aspect(a) => k.aspects[a].id.clone(),
    }
}

fn display(k: &Knowledge, item: Item) -> String {
    match item {
        Item::Entry(Entry::Faq(f)) => k.faqs[f].question.clone(),
        Item::Entry(Entry::Term(t)) => format!("{} (glossary)", k.terms[t].name),
        Item::Entry(e) => naming::title(k, e),
        Item::Aspect(a) => k.aspects[a].name.clone(),
    }
}

/// The roles or aspects the matcher reads in `text`, as items of `pool`.
fn named(k: &KnowledgeBase, pool: Pool, text: &str) -> Vec<Item> {
    let (roles, aspects) = match pool {
        Pool::Topics => return Vec::new(),
        Pool::Roles | Pool::Aspects { .. } => k.matcher.names(text),
    };
    match pool {
        Pool::Roles => roles
            .into_iter()
            .map(|r| Item::Entry(Entry::Role(r)))
            .collect(),
        _ => aspects.into_iter().map(Item::Aspect).collect(),
    }
}

/// Each candidate of a pool with the labels it can be found by.
fn candidates(k: &Knowledge, pool: Pool) -> Vec<(Item, Vec<&str>)> {
    match pool {
        Pool::Topics => {
            let faqs = k.faqs.iter().enumerate().map(|(i, f)| {
                let mut labels = vec![f.question.as_str(), f.id.as_str()];
                labels.extend(f.phrasings.iter().map(String::as_str));
                (Item::Entry(Entry::Faq(i)), labels)
            });
            let terms = k.terms.iter().enumerate().map(|(i, t)| {
                let mut labels = vec![t.name.as_str(), t.id.as_str()];
                labels.extend(t.aliases.iter().map(String::as_str));
                (Item::Entry(Entry::Term(i)), labels)
            });
            faqs.chain(terms).collect()
        }
        Pool::Roles => k
            .roles
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut labels = vec![r.name.as_str(), r.id.as_str()];
                labels.extend(r.aliases.iter().map(String::as_str));
                (Item::Entry(Entry::Role(i)), labels)
            })
            .collect(),
        Pool::Aspects { roles } => k
            .aspects
            .iter()
            .enumerate()
            .filter(|&(a, _)| k.all_have(roles, a))
            .map(|(i, a)| {
                let mut labels = vec![a.name.as_str(), a.id.as_str()];
                labels.extend(a.words.iter().map(String::as_str));
                (Item::Aspect(i), labels)
            })
            .collect(),
    }
}

/// Lower-cased words joined by single spaces; mentions, URLs and punctuation dropped.
fn norm(text: &str) -> String {
    words(&clean(text)).collect::<Vec<_>>().join(" ")
}

/// How well a normalised query fits a normalised label, in [0, 1].
fn score(query: &str, label: &str) -> f32 {
    if label.is_empty() {
        return 0.0;
    }
    if label == query {
        return 1.0;
    }
    if label.starts_with(query) {
        return 0.95;
    }
    if label.contains(&format!(" {query}")) {
        return 0.9;
    }
    if label.contains(query) {
        return 0.8;
    }
    let label_words: Vec<&str> = label.split(' ').collect();
    let query_words: Vec<&str> = query.split(' ').collect();
    let per_word: f32 = query_words
        .iter()
        .map(|q| {
            label_words
                .iter()
                .map(|l| {
                    if l == q {
                        1.0
                    } else if l.starts_with(q) {
                        0.9
                    } else {
                        let s = strsim::jaro_winkler(q, l) as f32;
                        if s >= 0.8 {
                            s
                        } else {
                            0.0
                        }
                    }
                })
                .fold(0.0, f32::max)
        })
        .sum::<f32>()
        / query_words.len() as f32;
    let whole = strsim::jaro_winkler(query, label) as f32 * 0.7;
    (per_word * 0.75).max(whole)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::KnowledgeSource;
    use std::path::Path;

    fn knowledge() -> KnowledgeBase {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/knowledge");
        KnowledgeSource::Path(dir).load().unwrap()
    }

    fn values(k: &KnowledgeBase, pool: Pool, input: &str) -> Vec<String> {
        complete(k, pool, input)
            .into_iter()
            .map(|c| c.value)
            .collect()
    }

    #[test]
    fn empty_input_lists_the_pool_in_order() {
        let k = knowledge();
        assert_eq!(
            values(&k, Pool::Topics, ""),
            vec!["who-owns-backlog", "same-person", "mvp", "user-story"]
        );
        assert_eq!(values(&k, Pool::Roles, ""), vec!["pm", "po"]);
    }

    #[test]
    fn prefix_word_and_typo_input_find_the_topic() {
        let k = knowledge();
        assert_eq!(values(&k, Pool::Topics, "back")[0], "who-owns-backlog");
        assert_eq!(values(&k, Pool::Topics, "bcklog")[0], "who-owns-backlog");
        assert_eq!(values(&k, Pool::Topics, "minimum viable")[0], "mvp");
        assert_eq!(values(&k, Pool::Roles, "owner")[0], "po");
        assert_eq!(values(&k, Pool::Roles, "prodct manger")[0], "pm");
    }

    #[test]
    fn unrelated_input_gives_no_choices() {
        let k = knowledge();
        assert!(values(&k, Pool::Topics, "zzzz qqqq").is_empty());
    }

    #[test]
    fn term_choices_are_marked_as_glossary() {
        let k = knowledge();
        let c = &complete(&k, Pool::Topics, "mvp")[0];
        assert_eq!(c.name, "Minimum Viable Product (MVP) (glossary)");
    }

    #[test]
    fn aspects_are_limited_to_what_the_roles_have() {
        let k = knowledge();
        let all = values(
            &k,
            Pool::Aspects {
                roles: RoleSet::EMPTY,
            },
            "",
        );
        assert_eq!(all, vec!["owns", "salary", "skills"]);
        assert_eq!(
            values(
                &k,
                Pool::Aspects {
                    roles: [0, 1].into_iter().collect()
                },
                "pay"
            )[0],
            "salary"
        );
    }

    #[test]
    fn resolve_prefers_exact_ids_and_aliases() {
        let k = knowledge();
        let po = Some(Item::Entry(Entry::Role(1)));
        assert_eq!(resolve(&k, Pool::Roles, "po", 0.8), po);
        assert_eq!(resolve(&k, Pool::Roles, "Product Owner", 0.8), po);
        assert_eq!(resolve(&k, Pool::Roles, "prodct ownr", 0.6), po);
        assert_eq!(resolve(&k, Pool::Roles, "chef", 0.8), None);
        assert_eq!(
            resolve(
                &k,
                Pool::Aspects {
                    roles: RoleSet::EMPTY
                },
                "how much",
                0.8
            ),
            Some(Item::Aspect(1))
        );
    }

    /// The fixture plus 40 FAQs whose questions run past Discord's 100-character choice name
    /// (multi-byte, so a byte cut would panic or miscount).
    fn many_long_faqs() -> KnowledgeBase {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/knowledge");
        let mut sources = crate::Knowledge::read_sources(&dir).unwrap();
        let mut text = String::new();
        for i in 0..40 {
            let question = format!("Qui décide {i} {}?", "é".repeat(120));
            text.push_str(&format!(
                "[[faq]]\nid = \"long-{i}\"\nquestion = \"{question}\"\nanswer = \"**Le PO.** {i}\"\n\n"
            ));
        }
        sources.push(crate::knowledge::Source {
            path: "long.toml".into(),
            text,
        });
        KnowledgeBase::from_sources(sources).unwrap()
    }

    #[test]
    fn at_most_25_choices_with_names_cut_to_100_characters() {
        let k = many_long_faqs();
        for input in ["", "qui", "décide"] {
            let c = complete(&k, Pool::Topics, input);
            // Discord's numbers, written out: 25 choices, names of at most 100 characters.
            assert_eq!(c.len(), 25, "{input:?}: a full list is cut to 25");
            for choice in &c {
                assert!(choice.name.chars().count() <= 100, "{}", choice.name);
                assert!(!choice.name.is_empty());
            }
            let long = c.iter().find(|c| c.value.starts_with("long-")).unwrap();
            assert_eq!(
                long.name.chars().count(),
                100,
                "a long name is cut, not dropped"
            );
            assert!(long.name.ends_with('…'));
        }
    }
}
