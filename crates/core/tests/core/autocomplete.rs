//! Autocomplete against a large knowledge: more than 25 candidates per pool, names at or
//! over Discord's 100-character choice limit, multibyte text everywhere. Whatever is typed,
//! at most 25 valid, distinct choices come back, and a typed prefix ranks its match first.

use rolecall_core::complete::{complete, id, rank, Choice, Pool};
use rolecall_core::knowledge::{Entry, RoleSet, Source};
use rolecall_core::KnowledgeBase;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Discord's limits for one autocomplete response (written out, not taken from the crate,
/// so a wrong constant there cannot make these tests agree with it).
const MAX_CHOICES: usize = 25;
const MAX_NAME_CHARS: usize = 100;
const MAX_VALUE_CHARS: usize = 100;

/// One distinctive, multibyte first word per generated entry; no two share their first
/// four characters, so typing four characters names exactly one entry.
const WORDS: [&str; 40] = [
    "Ångström",
    "Ærøskøbing",
    "Çankırı",
    "Düsseldorf",
    "Éléonore",
    "Føroyar",
    "Göteborg",
    "Hélène",
    "Ísafjörður",
    "Jönköping",
    "Kraków",
    "Łódź",
    "Málaga",
    "Nürnberg",
    "Øresund",
    "Poznań",
    "Québec",
    "Reykjavík",
    "Sønderborg",
    "Tórshavn",
    "Überlingen",
    "València",
    "Wrocław",
    "Xàtiva",
    "Ystad",
    "Zürich",
    "Αθήνα",
    "Θεσσαλονίκη",
    "Київ",
    "Львів",
    "Москва",
    "Новосибирск",
    "東京都",
    "大阪府",
    "서울시",
    "부산시",
    "Ἀλεξάνδρεια",
    "Ğazipaşa",
    "Šibenik",
    "Žilina",
];

/// Exactly `n` characters of `text` repeated, never ending in a space or punctuation
/// (knowledge names are trimmed, and the cut should stay a word).
fn exactly(text: &str, n: usize) -> String {
    let mut s: String = text.chars().cycle().take(n).collect();
    if !s.ends_with(char::is_alphanumeric) {
        s.pop();
        s.push('é');
    }
    s
}

fn role_name(i: usize) -> String {
    exactly(
        &format!(
            "{} Produktverantwortliche·r für Roadmap, Qualität, Kundenzufriedenheit und Ökosystem ",
            WORDS[i]
        ),
        MAX_NAME_CHARS,
    )
}

fn role_id(i: usize) -> String {
    // 37 characters: near the 40-character id limit.
    format!("a-very-long-role-identifier-number-{i:02}")
}

fn faq_question(i: usize) -> String {
    // Over 100 characters: the choice must cut it.
    format!(
        "{}: wer entscheidet über die Prioritäten, wenn Produktmanagerin und Product Owner sich nicht einig sind – und wer übernimmt das Protokoll?",
        WORDS[i]
    )
}

fn term_name(i: usize) -> String {
    // Exactly 100 characters, so the " (glossary)" marker pushes the choice over the limit.
    exactly(
        &format!(
            "{} Glossarbegriff für Zusammenarbeit über Teams hinweg ",
            WORDS[i]
        ),
        MAX_NAME_CHARS,
    )
}

fn aspect_name(i: usize) -> String {
    exactly(
        &format!(
            "{} Gesichtspunkt: Verantwortung, Entscheidungsbefugnis und Berichtswege ",
            WORDS[i]
        ),
        MAX_NAME_CHARS,
    )
}

/// 40 roles, 40 FAQs, 40 terms and 30 aspects, each named from [`WORDS`].
fn knowledge_text() -> String {
    let mut t = String::from("[meta]\ntitle = \"Große Wissensbasis für Autovervollständigung\"\n");
    for (i, word) in WORDS.iter().enumerate().take(30) {
        t += &format!(
            "\n[[aspect]]\nid = \"aspect-{i:02}\"\nname = \"{}\"\nwords = [\"{}aspekt\"]\n",
            aspect_name(i),
            word.to_lowercase()
        );
    }
    for (i, word) in WORDS.iter().enumerate() {
        t += &format!(
            "\n[[role]]\nid = \"{}\"\nname = \"{}\"\nsummary = \"Rolle {i}: zuständig für alles, was mit {word} zu tun hat.\"\n",
            role_id(i),
            role_name(i),
        );
    }
    for i in 0..WORDS.len() {
        t += &format!(
            "\n[[faq]]\nid = \"faq-{i:02}\"\nquestion = \"{}\"\nanswer = \"Antwort {i}.\"\n",
            faq_question(i)
        );
    }
    for i in 0..WORDS.len() {
        t += &format!(
            "\n[[term]]\nid = \"term-{i:02}\"\nname = \"{}\"\ndefinition = \"Definition {i}.\"\n",
            term_name(i)
        );
    }
    t
}

fn k() -> &'static KnowledgeBase {
    static K: OnceLock<KnowledgeBase> = OnceLock::new();
    K.get_or_init(|| {
        KnowledgeBase::from_sources(vec![Source {
            path: "generated/large.toml".into(),
            text: knowledge_text(),
        }])
        .unwrap_or_else(|e| panic!("generated knowledge loads: {e}"))
    })
}

const POOLS: [Pool; 3] = [
    Pool::Topics,
    Pool::Roles,
    Pool::Aspects {
        roles: RoleSet::EMPTY,
    },
];

/// Checks one response against Discord's rules and returns it.
fn checked(pool: Pool, input: &str) -> Vec<Choice> {
    let k = k();
    let choices = complete(k, pool, input);
    let at = format!("{pool:?} {input:?}");
    assert!(
        choices.len() <= MAX_CHOICES,
        "{at}: {} choices",
        choices.len()
    );
    let mut values = HashSet::new();
    let mut names = HashSet::new();
    for c in &choices {
        let (name, value) = (c.name.chars().count(), c.value.chars().count());
        assert!((1..=MAX_NAME_CHARS).contains(&name), "{at}: name {c:?}");
        assert!((1..=MAX_VALUE_CHARS).contains(&value), "{at}: value {c:?}");
        let names_something = match pool {
            Pool::Aspects { .. } => k.aspect_index(&c.value).is_some(),
            _ => k.parse_entry(&c.value).is_some(),
        };
        assert!(names_something, "{at}: {c:?} names nothing");
        assert!(values.insert(c.value.clone()), "{at}: value twice: {c:?}");
        assert!(names.insert(c.name.clone()), "{at}: name twice: {c:?}");
    }
    choices
}

fn values(choices: &[Choice]) -> Vec<&str> {
    choices.iter().map(|c| c.value.as_str()).collect()
}

#[test]
fn any_input_gives_at_most_25_valid_distinct_choices() {
    let long = "Ærøskøbing 🦀 ".repeat(40);
    let inputs = [
        "",
        " ",
        "a",
        "é",
        "🦀",
        "ö",
        "Produktverantwortliche",
        "wer entscheidet über die Prioritäten",
        "Glossarbegriff",
        "Gesichtspunkt",
        "東京",
        "zzzz qqqq",
        long.as_str(),
    ];
    for pool in POOLS {
        for input in inputs {
            checked(pool, input);
        }
    }
}

#[test]
fn a_word_every_candidate_shares_is_capped_at_the_25_best() {
    for (pool, input) in [
        (Pool::Roles, "Produktverantwortliche"),
        (Pool::Topics, "wer entscheidet über die Prioritäten"),
        (
            Pool::Aspects {
                roles: RoleSet::EMPTY,
            },
            "Gesichtspunkt",
        ),
    ] {
        let ranked = rank(k(), pool, input);
        assert!(ranked.len() > MAX_CHOICES, "{pool:?}: {}", ranked.len());
        let best: Vec<String> = ranked
            .iter()
            .take(MAX_CHOICES)
            .map(|&(item, _)| id(k(), item))
            .collect();
        assert_eq!(values(&checked(pool, input)), best, "{pool:?}");
    }
}

#[test]
fn empty_input_lists_the_first_25_in_definition_order() {
    let roles: Vec<String> = (0..MAX_CHOICES).map(role_id).collect();
    assert_eq!(values(&checked(Pool::Roles, "")), roles);
    // Topics are FAQs, then terms; there are more than 25 FAQs.
    let faqs: Vec<String> = (0..MAX_CHOICES).map(|i| format!("faq-{i:02}")).collect();
    assert_eq!(values(&checked(Pool::Topics, "")), faqs);
    let aspects: Vec<String> = (0..MAX_CHOICES).map(|i| format!("aspect-{i:02}")).collect();
    assert_eq!(
        values(&checked(
            Pool::Aspects {
                roles: RoleSet::EMPTY
            },
            ""
        )),
        aspects
    );
}

#[test]
fn a_typed_prefix_ranks_its_entry_first() {
    for i in [0, 1, 11, 26, 28, 32, 34, 39] {
        let prefix: String = WORDS[i].chars().take(4).collect();
        let first = |pool| checked(pool, &prefix).first().map(|c| c.value.clone());
        assert_eq!(first(Pool::Roles), Some(role_id(i)), "{prefix}");
        // The FAQ and the term both start with the word: the FAQ comes first in the pool.
        assert_eq!(first(Pool::Topics), Some(format!("faq-{i:02}")), "{prefix}");
        if i < 30 {
            let aspect = Some(format!("aspect-{i:02}"));
            assert_eq!(
                first(Pool::Aspects {
                    roles: RoleSet::EMPTY
                }),
                aspect,
                "{prefix}"
            );
        }
        let lower = checked(Pool::Roles, &prefix.to_lowercase());
        assert_eq!(lower[0].value, role_id(i), "lower-case {prefix}");
    }
}

#[test]
fn a_whole_100_character_name_ranks_its_entry_first() {
    for i in [3, 30, 33] {
        let choices = checked(Pool::Roles, &role_name(i));
        assert_eq!(choices[0].value, role_id(i));
        let choices = checked(Pool::Topics, &term_name(i));
        assert_eq!(choices[0].value, format!("term-{i:02}"));
    }
}

#[test]
fn names_at_the_limit_stay_whole_and_longer_ones_are_cut_with_an_ellipsis() {
    let k = k();
    // A role name of exactly 100 characters comes back unchanged.
    let role = &checked(Pool::Roles, "Ærøs")[0];
    assert_eq!(role.name, role_name(1));
    // An FAQ question over 100 characters is cut, ending with "…" (`checked` counts).
    let faq = &checked(Pool::Topics, "Ærøs")[0];
    let kept = faq.name.strip_suffix('…').expect("cut names end with …");
    assert!(faq_question(1).starts_with(kept), "{faq:?}");
    // A 100-character term name plus its glossary marker is cut the same way.
    let term = checked(Pool::Topics, &term_name(1))
        .into_iter()
        .find(|c| c.value == "term-01")
        .expect("the term is offered");
    let kept = term.name.strip_suffix('…').expect("cut names end with …");
    assert!(term_name(1).starts_with(kept), "{term:?}");
    // The value is the stable id, never the (cut) display name.
    assert_eq!(k.parse_entry(&term.value), Some(Entry::Term(1)), "{term:?}");
}
