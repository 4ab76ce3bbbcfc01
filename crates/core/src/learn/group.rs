//! Grouping logged questions that read alike into topics, by the matcher's own reading.
//!
//! Each question is read by the matcher ([`Matcher::keys`](crate::matching::Matcher::keys)):
//! its tokens (`@pm`, `request`, `jira`) and the stems of words the knowledge has never seen
//! (`coffe`, `machin`). Questions with the same keys form a group; groups are then merged,
//! biggest first, into the most similar topic founded before them (Jaccard at least
//! [`SIMILAR`], or one set holding the other with two keys or more), else found their own.
//! Topics are found through an inverted index of their founding keys, never by comparing
//! every pair: a key among more than [`MAX_POSTINGS`] topics' keys (like `who`) is too common
//! to look topics up by, and only the few topics sharing the most rarer keys are compared
//! exactly, so the work per group stays bounded. A question with no keys at all is grouped
//! with those of the same normalized text. The result does not depend on the order the
//! questions come in.

use super::{Logged, Outcome};
use crate::base::KnowledgeBase;
use crate::knowledge::naming;
use crate::normalize;
use std::collections::HashMap;

/// Phrasings kept per topic.
pub const MAX_PHRASINGS: usize = 3;
/// Share of keys two groups must have in common (of all their keys) to be one topic.
pub const SIMILAR: f32 = 0.5;
/// Topics a key may be among the founding keys of and still be looked up by: a key more
/// common than that (like `who`) finds no topic by itself, a group's rarer keys do. This
/// bounds the work per group, however alike thousands of questions read.
pub const MAX_POSTINGS: usize = 128;
/// Topics compared exactly with a group: those sharing the most of its rarer keys.
const MAX_COMPARED: usize = 16;

/// Questions that read alike.
#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    /// How many questions it holds.
    pub count: u32,
    /// How many of them were declined (the others got suggestions).
    pub declined: u32,
    /// Up to [`MAX_PHRASINGS`] distinct phrasings with how often each was asked, commonest
    /// first.
    pub phrasings: Vec<(String, u32)>,
    /// The keys the topic was founded on, sorted (empty for a topic of keyless questions).
    pub keys: Vec<String>,
    /// The entry most often the best candidate, when any question had one.
    pub nearest: Option<Nearest>,
    /// When a question of it was last asked, as Unix seconds.
    pub last: i64,
}

/// The entry closest to a topic.
#[derive(Debug, Clone, PartialEq)]
pub struct Nearest {
    /// Its id.
    pub entry: String,
    /// Its title (the id itself when the knowledge no longer has it).
    pub title: String,
    /// Its mean confidence over the questions it was the best candidate for, in [0, 1].
    pub confidence: f32,
}

/// A question's normalized text: its words, lower-case, one space apart; the lower-cased
/// trimmed text when it has no words.
pub fn normalized(text: &str) -> String {
    let words: Vec<String> = normalize::words(&normalize::clean(text)).collect();
    if words.is_empty() {
        text.trim().to_lowercase()
    } else {
        words.join(" ")
    }
}

/// One set of questions with exactly the same keys (or, keyless, the same normalized text).
struct Exact {
    /// Interned keys, sorted by id (empty when keyless).
    ids: Vec<u32>,
    /// The keys as text, sorted (the normalized text when keyless): the tie-breaker.
    order: Vec<String>,
    /// Indices of its questions.
    members: Vec<usize>,
}

/// Groups `questions` into topics, biggest first (then the most recently asked, then by
/// first phrasing). Questions whose text is blank are left out.
pub fn group<'a>(
    kb: &KnowledgeBase,
    questions: impl IntoIterator<Item = &'a Logged>,
) -> Vec<Topic> {
    let questions: Vec<&Logged> = questions
        .into_iter()
        .filter(|q| !q.asked.text.trim().is_empty())
        .collect();
    let exact = exact_groups(kb, &questions);
    let clusters = merge(&exact);
    let mut topics: Vec<Topic> = clusters
        .iter()
        .map(|groups| topic(kb, &questions, &exact, groups))
        .collect();
    topics.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.last.cmp(&a.last))
            .then_with(|| a.phrasings.cmp(&b.phrasings))
    });
    topics
}

/// The questions grouped by identical keys, biggest first, ties by their keys.
fn exact_groups(kb: &KnowledgeBase, questions: &[&Logged]) -> Vec<Exact> {
    let mut interned: HashMap<String, u32> = HashMap::new();
    let mut read: HashMap<&str, Vec<u32>> = HashMap::new();
    let mut by_keys: HashMap<Vec<u32>, usize> = HashMap::new();
    let mut by_text: HashMap<String, usize> = HashMap::new();
    let mut exact: Vec<Exact> = Vec::new();
    for (i, q) in questions.iter().enumerate() {
        let text = q.asked.text.as_str();
        let ids = read
            .entry(text)
            .or_insert_with(|| {
                let mut ids: Vec<u32> = kb
                    .matcher
                    .keys(text)
                    .into_iter()
                    .map(|key| {
                        let next = interned.len() as u32;
                        *interned.entry(key).or_insert(next)
                    })
                    .collect();
                ids.sort_unstable();
                ids
            })
            .clone();
        let slot = if ids.is_empty() {
            let norm = normalized(text);
            *by_text.entry(norm.clone()).or_insert_with(|| {
                exact.push(Exact {
                    ids: Vec::new(),
                    order: vec![norm],
                    members: Vec::new(),
                });
                exact.len() - 1
            })
        } else {
            *by_keys.entry(ids.clone()).or_insert_with(|| {
                exact.push(Exact {
                    ids,
                    order: Vec::new(),
                    members: Vec::new(),
                });
                exact.len() - 1
            })
        };
        exact[slot].members.push(i);
    }
    let mut names = vec![""; interned.len()];
    for (key, &id) in &interned {
        names[id as usize] = key.as_str();
    }
    for e in exact.iter_mut().filter(|e| !e.ids.is_empty()) {
        e.order = e
            .ids
            .iter()
            .map(|&id| names[id as usize].to_string())
            .collect();
        e.order.sort_unstable();
    }
    exact.sort_by(|a, b| {
        b.members
            .len()
            .cmp(&a.members.len())
            .then(a.ids.is_empty().cmp(&b.ids.is_empty()))
            .then_with(|| a.order.cmp(&b.order))
    });
    exact
}

/// Merges the exact groups (biggest first) into clusters: each joins the most similar
/// cluster founded before it, else founds its own. Returns each cluster's exact groups.
fn merge(exact: &[Exact]) -> Vec<Vec<usize>> {
    let keys = exact
        .iter()
        .flat_map(|e| e.ids.iter())
        .max()
        .map_or(0, |&m| m as usize + 1);
    let mut index: Vec<Vec<u32>> = vec![Vec::new(); keys];
    let mut founders: Vec<usize> = Vec::new();
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut shared: Vec<u32> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    for (g, e) in exact.iter().enumerate() {
        let mut best: Option<(f32, u32)> = None;
        for &t in &e.ids {
            let postings = &index[t as usize];
            if postings.len() > MAX_POSTINGS {
                continue;
            }
            for &c in postings {
                if shared[c as usize] == 0 {
                    touched.push(c);
                }
                shared[c as usize] += 1;
            }
        }
        // The topics sharing the most of the group's rarer keys, compared exactly.
        let by_shared =
            |x: &u32, y: &u32| shared[*y as usize].cmp(&shared[*x as usize]).then(x.cmp(y));
        if touched.len() > MAX_COMPARED {
            touched.select_nth_unstable_by(MAX_COMPARED, by_shared);
            touched.truncate(MAX_COMPARED);
        }
        for &c in &touched {
            let founder = &exact[founders[c as usize]].ids;
            let both = common(&e.ids, founder);
            let (a, b) = (e.ids.len(), founder.len());
            let jaccard = both as f32 / (a + b - both) as f32;
            let holds = both == a.min(b) && a.min(b) >= 2;
            if jaccard >= SIMILAR || holds {
                let better = best.is_none_or(|(j, bc)| jaccard > j || (jaccard == j && c < bc));
                if better {
                    best = Some((jaccard, c));
                }
            }
        }
        for &c in &touched {
            shared[c as usize] = 0;
        }
        touched.clear();
        match best {
            Some((_, c)) => clusters[c as usize].push(g),
            None => {
                let c = clusters.len() as u32;
                for &t in &e.ids {
                    // A key past the cap is never looked up again: stop growing it.
                    let postings = &mut index[t as usize];
                    if postings.len() <= MAX_POSTINGS {
                        postings.push(c);
                    }
                }
                founders.push(g);
                clusters.push(vec![g]);
                shared.push(0);
            }
        }
    }
    clusters
}

/// How many ids two sorted lists have in common.
fn common(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The topic of one cluster of exact groups.
fn topic(kb: &KnowledgeBase, questions: &[&Logged], exact: &[Exact], groups: &[usize]) -> Topic {
    let members = || {
        groups
            .iter()
            .flat_map(|&g| exact[g].members.iter().map(|&i| questions[i]))
    };
    let mut count = 0;
    let mut declined = 0;
    let mut last = i64::MIN;
    // Normalized phrasing → (times asked, each way it was written → times).
    let mut phrasings: HashMap<String, (u32, HashMap<&str, u32>)> = HashMap::new();
    // Best candidate → (times best, confidence summed).
    let mut best: HashMap<&str, (u32, f64)> = HashMap::new();
    for q in members() {
        count += 1;
        if q.asked.outcome == Outcome::Declined {
            declined += 1;
        }
        last = last.max(q.at);
        let text = q.asked.text.trim();
        let p = phrasings.entry(normalized(text)).or_default();
        p.0 += 1;
        *p.1.entry(text).or_default() += 1;
        if let Some(c) = q.asked.candidates.first() {
            let b = best.entry(c.entry.as_str()).or_default();
            b.0 += 1;
            b.1 += f64::from(c.confidence.clamp(0.0, 1.0));
        }
    }
    let mut phrasings: Vec<(String, u32)> = phrasings
        .into_values()
        .map(|(n, written)| {
            let (text, _) = written
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
                .unwrap_or_default();
            (text.to_string(), n)
        })
        .collect();
    phrasings.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    phrasings.truncate(MAX_PHRASINGS);
    let nearest = best
        .into_iter()
        .map(|(entry, (n, sum))| (entry, n, sum / f64::from(n)))
        .max_by(|a, b| {
            a.1.cmp(&b.1)
                .then(a.2.total_cmp(&b.2))
                .then_with(|| b.0.cmp(a.0))
        })
        .map(|(entry, _, mean)| Nearest {
            entry: entry.to_string(),
            title: kb
                .parse_entry(entry)
                .map_or_else(|| entry.to_string(), |e| naming::title(kb, e)),
            confidence: ((mean * 1000.0).round() / 1000.0) as f32,
        });
    let founder = &exact[groups[0]];
    Topic {
        count,
        declined,
        phrasings,
        keys: if founder.ids.is_empty() {
            Vec::new()
        } else {
            founder.order.clone()
        },
        nearest,
        last,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::{Asked, Candidate};

    fn kb() -> KnowledgeBase {
        KnowledgeBase::shipped().expect("shipped knowledge loads")
    }

    fn q(text: &str, at: i64, best: Option<(&str, f32)>) -> Logged {
        Logged {
            guild: 1,
            channel: 2,
            at,
            asked: Asked {
                outcome: if best.is_some() {
                    Outcome::Suggested
                } else {
                    Outcome::Declined
                },
                text: text.to_string(),
                entry: None,
                candidates: best
                    .map(|(e, c)| Candidate {
                        entry: e.to_string(),
                        confidence: c,
                    })
                    .into_iter()
                    .collect(),
            },
        }
    }

    #[test]
    fn questions_that_read_alike_are_one_topic() {
        let kb = kb();
        let log = vec![
            q("How do I request Jira access?", 10, Some(("po", 0.4))),
            q("how do i request jira access", 11, Some(("po", 0.4))),
            q("jira access request", 12, Some(("pm", 0.3))),
            q("Jira access request?", 13, Some(("po", 0.5))),
            q("where is the coffee machine", 14, None),
            q("Coffee machine??", 15, None),
            q("how do I request Jira access?", 16, None),
        ];
        let topics = group(&kb, &log);
        assert_eq!(topics.len(), 2, "{topics:#?}");
        let jira = &topics[0];
        assert_eq!(jira.count, 5);
        assert_eq!(jira.declined, 1);
        assert_eq!(jira.last, 16);
        assert_eq!(
            jira.phrasings,
            vec![
                ("How do I request Jira access?".to_string(), 3),
                ("Jira access request?".to_string(), 2),
            ]
        );
        let nearest = jira.nearest.as_ref().expect("a nearest entry");
        assert_eq!(nearest.entry, "po");
        assert_eq!(
            nearest.title,
            naming::title(&kb, kb.parse_entry("po").unwrap())
        );
        assert!((nearest.confidence - 0.433).abs() < 1e-6, "{nearest:?}");
        let coffee = &topics[1];
        assert_eq!(coffee.count, 2);
        assert_eq!(coffee.nearest, None);
        assert!(
            coffee.keys.iter().any(|k| k.starts_with("coffe")),
            "{coffee:?}"
        );
    }

    #[test]
    fn keyless_questions_group_by_their_normalized_text() {
        let kb = kb();
        let log = vec![
            q("???", 1, None),
            q("🙂🙂", 2, None),
            q("🙂🙂 ", 3, None),
            q("   ", 4, None),
        ];
        let topics = group(&kb, &log);
        let counts: Vec<(u32, &str)> = topics
            .iter()
            .map(|t| (t.count, t.phrasings[0].0.as_str()))
            .collect();
        assert_eq!(counts, vec![(2, "🙂🙂"), (1, "???")]);
        assert!(topics.iter().all(|t| t.keys.is_empty()));
    }

    #[test]
    fn grouping_does_not_depend_on_order() {
        let kb = kb();
        let texts = [
            "who approves jira access",
            "jira access",
            "request jira access",
            "vpn password reset",
            "reset my vpn password",
            "vpn",
            "parking spaces",
            "where can I park",
            "parking",
        ];
        let log: Vec<Logged> = (0..40)
            .map(|i| q(texts[(i * 7) % texts.len()], i as i64, Some(("pm", 0.3))))
            .collect();
        let forward = group(&kb, &log);
        let mut backward = log.clone();
        backward.reverse();
        assert_eq!(group(&kb, &backward), forward);
        let total: u32 = forward.iter().map(|t| t.count).sum();
        assert_eq!(total, 40);
        assert!(forward.len() < texts.len(), "{forward:#?}");
    }

    #[test]
    fn a_key_common_to_hundreds_of_topics_does_not_stop_them_grouping() {
        let kb = kb();
        // 300 topics, each asked in two ways that share "who" and two words of their own.
        let word = |prefix: &str, i: usize| -> String {
            // Syllables the stemmer leaves alone, one per digit.
            const SYLLABLES: [&str; 10] =
                ["ko", "ba", "du", "fi", "go", "ha", "jo", "ku", "mo", "nu"];
            let syllables: String = format!("{i:03}")
                .bytes()
                .map(|b| SYLLABLES[usize::from(b - b'0')])
                .collect();
            format!("{prefix}{syllables}")
        };
        let mut log = Vec::new();
        for i in 0..300 {
            let (x, y, z) = (word("zorp", i), word("blik", i), word("quam", i));
            log.push(q(&format!("who {x} {y} {z}"), i as i64, None));
            log.push(q(&format!("who {x} {y}"), i as i64, None));
        }
        let topics = group(&kb, &log);
        assert_eq!(topics.len(), 300, "{:#?}", &topics[..3]);
        assert!(topics.iter().all(|t| t.count == 2));
    }

    #[test]
    fn an_entry_no_longer_known_is_named_by_its_id() {
        let kb = kb();
        let topics = group(&kb, &[q("kafka topics", 1, Some(("gone-faq", 0.31)))]);
        let nearest = topics[0].nearest.clone().expect("nearest");
        assert_eq!(nearest.title, "gone-faq");
    }

    #[test]
    fn phrasings_are_at_most_three_commonest_first() {
        let kb = kb();
        let log: Vec<Logged> = [
            "vpn reset",
            "vpn reset",
            "reset vpn",
            "VPN reset!",
            "reset the vpn",
            "vpn resets",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| q(t, i as i64, None))
        .collect();
        let topics = group(&kb, &log);
        assert_eq!(topics.len(), 1, "{topics:#?}");
        assert_eq!(topics[0].count, 6);
        assert_eq!(topics[0].phrasings.len(), MAX_PHRASINGS);
        assert_eq!(topics[0].phrasings[0], ("vpn reset".to_string(), 3));
    }
}
