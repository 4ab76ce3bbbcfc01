//! Replies a person takes in at a glance, checked over every shipped answer: the answer
//! first in bold, a one-line footer, short descriptions, comparisons within 900 characters,
//! aspect menus, short button labels and colours that mean something.

use rolecall_core::knowledge::{opener, Entry, Source};
use rolecall_core::limits::chars;
use rolecall_core::render::Embed;
use rolecall_core::reply::{self, Reply, DECLINE_COLOUR, NEUTRAL_COLOUR, SUGGEST_COLOUR};
use rolecall_core::{Kind, KnowledgeBase, MatchConfig, RoleSet};
use std::sync::OnceLock;

fn k() -> &'static KnowledgeBase {
    static K: OnceLock<KnowledgeBase> = OnceLock::new();
    K.get_or_init(|| KnowledgeBase::shipped().expect("shipped knowledge loads"))
}

/// Every entry the shipped knowledge can answer: roles, facts, comparisons (whole and on
/// each aspect), FAQs and terms.
fn every_entry() -> Vec<Entry> {
    let k = k();
    let mut v = Vec::new();
    let pair: RoleSet = [0, 1].into_iter().collect();
    for r in 0..k.roles.len() {
        v.push(Entry::Role(r));
        for a in 0..k.aspects.len() {
            if k.roles[r].facts[a].is_some() {
                v.push(Entry::Fact { role: r, aspect: a });
            }
        }
    }
    v.push(Entry::Compare {
        roles: pair,
        aspect: None,
    });
    for a in 0..k.aspects.len() {
        v.push(Entry::Compare {
            roles: pair,
            aspect: Some(a),
        });
    }
    v.extend((0..k.faqs.len()).map(Entry::Faq));
    v.extend((0..k.terms.len()).map(Entry::Term));
    v
}

fn ask(q: &str) -> Reply {
    reply::answer(k(), q, &MatchConfig::DEFAULT)
}

#[test]
fn every_shipped_answer_opens_in_bold_with_a_short_text_and_a_one_line_footer() {
    let entries = every_entry();
    assert!(entries.len() > 60, "{} entries", entries.len());
    for e in entries {
        let r = reply::for_entry(k(), e);
        let id = k().entry_id(e);
        let embed = Embed::from_reply(&r);
        assert!(embed.within_limits(), "{id}");
        let footer = embed.footer.as_ref().map(|f| f.text.clone()).unwrap();
        assert!(chars(&footer) <= 60, "{id}: footer {footer:?}");
        assert!(
            chars(&r.description) <= 600,
            "{id}: description has {} characters",
            chars(&r.description)
        );
        assert!(
            opener::split(&r.description).opener.is_some(),
            "{id}: the answer doesn't open with a bold sentence: {:?}",
            r.description
        );
    }
}

#[test]
fn pm_vs_po_fits_900_characters_and_shows_every_aspect_or_says_how_to_narrow_it() {
    let r = ask("pm vs po");
    assert_eq!(r.kind, Kind::Compare);
    let embed = Embed::from_reply(&r);
    assert!(embed.total_chars() <= 900, "{}", embed.total_chars());
    let menu = r.menu.as_ref().expect("a comparison has an aspect menu");
    assert_eq!(menu.options.len(), k().aspects.len());
    assert!(menu.options.iter().all(|o| o.entry.starts_with("pm+po.")));
    if r.rows.len() < k().aspects.len() {
        assert!(r.description.contains("menu"), "{}", r.description);
    }
    // Each row pairs the two roles' short answers, PM first.
    for row in &r.rows {
        let roles: Vec<&str> = row.cells.iter().map(|(role, _)| role.as_str()).collect();
        assert_eq!(roles, ["PM", "PO"], "{}", row.name);
        assert!(row.cells.iter().all(|(_, v)| chars(v) <= reply::ROW_CHARS));
    }
    // The salary row says each number once.
    let salary = r.rows.iter().find(|row| row.name == "Salary").unwrap();
    assert!(salary.value().contains("$112K") && salary.value().contains("$110K"));
    assert_eq!(salary.value().matches("$112K").count(), 1);
}

#[test]
fn a_big_comparison_keeps_within_budget_and_points_to_the_menu() {
    let mut text = String::from("[meta]\ntitle = \"Wide\"\nshort_credit = \"Source: us\"\n");
    for a in 0..20 {
        text.push_str(&format!(
            "\n[[aspect]]\nid = \"a{a}\"\nname = \"Aspect number {a}\"\nwords = [\"word{a}\"]\n"
        ));
    }
    for r in ["x", "y"] {
        text.push_str(&format!(
            "\n[[role]]\nid = \"{r}\"\nname = \"Role {r}\"\nsummary = \"**Does {r} things.** More.\"\n\n[role.facts]\n"
        ));
        for a in 0..20 {
            text.push_str(&format!(
                "a{a} = \"**A fairly long short answer for aspect {a}, role {r}.** Detail.\"\n"
            ));
        }
    }
    let k = KnowledgeBase::from_sources(vec![Source {
        path: "wide.toml".into(),
        text,
    }])
    .unwrap();
    let r = reply::for_entry(&k, k.parse_entry("x+y").unwrap());
    let embed = Embed::from_reply(&r);
    assert!(embed.total_chars() <= 900, "{}", embed.total_chars());
    assert!(!r.rows.is_empty() && r.rows.len() < 20);
    assert!(
        r.description
            .contains(&format!("{} more to compare", 20 - r.rows.len())),
        "{}",
        r.description
    );
    assert_eq!(r.menu.unwrap().options.len(), 20);
}

#[test]
fn role_cards_facts_and_comparisons_carry_an_aspect_menu() {
    let card = reply::for_entry(k(), k().parse_entry("po").unwrap());
    let menu = card.menu.expect("a role card has an aspect menu");
    assert_eq!(menu.options.len(), k().aspects.len());
    assert!(menu.options.iter().all(|o| o.entry.starts_with("po.")));
    let salary = menu
        .options
        .iter()
        .find(|o| o.entry == "po.salary")
        .unwrap();
    assert_eq!(salary.label, "Salary");
    assert_eq!(salary.description, "About $110K a year");

    let fact = reply::for_entry(k(), k().parse_entry("pm.salary").unwrap());
    let others = fact.menu.expect("a fact offers the role's other aspects");
    assert_eq!(others.options.len(), k().aspects.len() - 1);
    assert!(others.options.iter().all(|o| o.entry != "pm.salary"));

    let row = reply::for_entry(k(), k().parse_entry("pm+po.salary").unwrap());
    let others = row.menu.expect("a comparison row offers the other aspects");
    assert!(others.options.iter().all(|o| o.entry.starts_with("pm+po.")));
    assert!(others.options.iter().all(|o| o.entry != "pm+po.salary"));

    for id in ["who-owns-backlog", "art"] {
        assert!(reply::for_entry(k(), k().parse_entry(id).unwrap())
            .menu
            .is_none());
    }
}

#[test]
fn every_button_label_of_a_shipped_answer_fits_25_characters() {
    for e in every_entry() {
        let r = reply::for_entry(k(), e);
        for o in r.related.iter().chain(&r.examples) {
            assert!(
                chars(&o.label) <= 25,
                "{}: label {:?} ({} chars)",
                k().entry_id(e),
                o.label,
                chars(&o.label)
            );
        }
    }
    let labels: Vec<String> = reply::for_entry(k(), k().parse_entry("pm.metrics").unwrap())
        .related
        .into_iter()
        .map(|o| o.label)
        .collect();
    assert_eq!(labels, ["PM vs PO: Success metrics", "Product Manager"]);
}

#[test]
fn colour_says_whose_answer_it_is() {
    let colour = |id: &str| reply::for_entry(k(), k().parse_entry(id).unwrap()).colour;
    let pm = k().roles[0].colour;
    let po = k().roles[1].colour;
    assert_eq!((pm, po), (0x2F80ED, 0x27AE60));
    assert_eq!(colour("pm"), pm);
    assert_eq!(colour("pm.salary"), pm);
    assert_eq!(colour("po.owns"), po);
    assert_eq!(colour("pm+po"), NEUTRAL_COLOUR);
    assert_eq!(colour("pm+po.salary"), NEUTRAL_COLOUR);
    // An FAQ whose bold answer names one role takes its colour; one about both is neutral.
    assert_eq!(colour("who-owns-backlog"), po);
    assert_eq!(colour("same-person"), NEUTRAL_COLOUR);
    // "Who does X?" answered from a fact leads with the role, in its colour.
    let who = ask("who measures NPS?");
    assert!(
        who.description.starts_with("**The Product Manager.**"),
        "{}",
        who.description
    );
    assert_eq!(who.colour, pm);
    assert_eq!(ask("the backlog stuff").colour, SUGGEST_COLOUR);
    assert_eq!(ask("what is the capital of france").colour, DECLINE_COLOUR);
    assert_eq!(reply::help(k()).colour, NEUTRAL_COLOUR);
    for c in [pm, po] {
        assert!(![NEUTRAL_COLOUR, SUGGEST_COLOUR, DECLINE_COLOUR].contains(&c));
    }
}

#[test]
fn did_you_mean_offers_choices_only_and_declines_offer_examples() {
    let unsure = ask("the backlog stuff");
    assert!(!unsure.answered && !unsure.suggestions.is_empty());
    assert_eq!(unsure.title, "Did you mean…?");
    assert!(unsure.description.is_empty(), "choices are buttons only");
    assert!(unsure.examples.is_empty());

    let declined = ask("what does a scrum master do?");
    assert!(!declined.answered && declined.suggestions.is_empty());
    assert!(
        declined
            .description
            .starts_with("**I have nothing on “scrum master”.**"),
        "{}",
        declined.description
    );
    let examples: Vec<&str> = declined.examples.iter().map(|o| o.entry.as_str()).collect();
    assert_eq!(examples.len(), 3);
    assert_eq!(examples[0], "pm+po");
    for o in &declined.examples {
        assert!(k().parse_entry(&o.entry).is_some(), "{}", o.entry);
    }

    let none = reply::none_of_these(k());
    assert_eq!(none.colour, DECLINE_COLOUR);
    assert!(none.description.contains("/help"), "{}", none.description);
    assert!(!none.examples.is_empty());
}

#[test]
fn a_source_url_links_the_title_and_short_credit_defaults_from_the_meta() {
    let text = "[meta]\ntitle = \"T\"\nauthor = \"Ada Lovelace\"\npublisher = \"Notes\"\ndate = \"1843-10-01\"\nurl = \"https://example.com/notes\"\ncredit = \"A long credit\"\n\n[[term]]\nid = \"engine\"\nname = \"Analytical Engine\"\ndefinition = \"**A machine.** It computes.\"\n";
    let k = KnowledgeBase::from_sources(vec![Source {
        path: "t.toml".into(),
        text: text.into(),
    }])
    .unwrap();
    let r = reply::for_entry(&k, k.parse_entry("engine").unwrap());
    assert_eq!(r.footer, "Source: Lovelace, Notes, 1843");
    let embed = Embed::from_reply(&r);
    assert_eq!(embed.url.as_deref(), Some("https://example.com/notes"));
    let json = serde_json::to_value(&embed).unwrap();
    assert_eq!(json["url"], "https://example.com/notes");
    // The full credit lives in help.
    let help = reply::help(&k);
    let sources = help.fields.iter().find(|f| f.name == "Sources").unwrap();
    assert!(sources.value.contains("A long credit"), "{}", sources.value);
}

#[test]
fn only_replies_that_state_the_sources_facts_credit_it() {
    // Every answer states the knowledge's facts: each carries its file's credit.
    for e in every_entry() {
        let r = reply::for_entry(k(), e);
        assert!(!r.footer.is_empty(), "{}: no credit", k().entry_id(e));
        assert_eq!(r.footer, k().short_credit_for(Some(e)));
    }
    // Declines, "did you mean", help, notices and the tour pointer state none of them.
    let mut said_nothing = vec![
        ask("the backlog stuff"),
        ask("what does a scrum master do?"),
        ask("what's the weather like?"),
        ask("help"),
        ask("I'm new here, where do I start?"),
        reply::none_of_these(k()),
    ];
    said_nothing.push(reply::answer(k(), "", &MatchConfig::DEFAULT));
    for r in &said_nothing {
        assert!(!r.answered || r.entry.is_none() || r.tour || r.kind == Kind::Help);
        assert_eq!(r.footer, "", "{}: {:?}", r.title, r.footer);
        assert!(Embed::from_reply(r).footer.is_none(), "{}", r.title);
    }
    assert!(
        said_nothing.iter().any(|r| r.tour),
        "the tour pointer is among them"
    );
}

#[test]
fn a_whole_comparison_and_a_role_card_show_a_few_key_aspects_and_the_menu_the_rest() {
    let key: Vec<&str> = k()
        .glance_aspects()
        .into_iter()
        .map(|a| k().aspects[a].name.as_str())
        .collect();
    assert!((3..=4).contains(&key.len()), "{key:?}");
    let compare = reply::for_entry(k(), k().parse_entry("pm+po").unwrap());
    let rows: Vec<&str> = compare.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(rows, key);
    let more = k().aspects.len() - key.len();
    assert!(
        compare.description.ends_with(&format!(
            "{more} more to compare: pick one from the menu below."
        )),
        "{}",
        compare.description
    );
    assert_eq!(compare.menu.unwrap().options.len(), k().aspects.len());

    for role in ["pm", "po"] {
        let card = reply::for_entry(k(), k().parse_entry(role).unwrap());
        let glance = &card.fields[0];
        assert!(glance.value.lines().count() <= 5, "{}", glance.value);
        let text = rolecall_core::render::text::render(&card);
        // A title, the summary, ≤ 5 lines of glance, the menu, the related entries.
        let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
        assert!(lines <= 15, "{role}: {lines} lines\n{text}");
        // It opens with a sentence that stands alone: no "it" pointing at nothing.
        let opener = opener::split(&card.description).opener.unwrap();
        assert!(
            !opener
                .split_whitespace()
                .any(|w| w.trim_matches('.') == "it"),
            "{opener}"
        );
    }
}

#[test]
fn an_aspect_has_one_name_in_rows_menus_titles_and_buttons() {
    let pm_po = RoleSet::from_iter([0, 1]);
    for (a, aspect) in k().aspects.iter().enumerate() {
        let name = aspect.name.as_str();
        let card = reply::for_entry(k(), Entry::Role(0));
        let option = card
            .menu
            .unwrap()
            .options
            .into_iter()
            .find(|o| o.entry.ends_with(&format!(".{}", aspect.id)));
        assert_eq!(option.unwrap().label, name);
        let fact = reply::for_entry(k(), Entry::Fact { role: 0, aspect: a });
        assert!(fact.title.ends_with(&format!(": {name}")), "{}", fact.title);
        let compared = reply::for_entry(
            k(),
            Entry::Compare {
                roles: pm_po,
                aspect: Some(a),
            },
        );
        assert!(
            compared.title.ends_with(&format!(": {name}")),
            "{}",
            compared.title
        );
        let label = rolecall_core::knowledge::naming::label(
            k(),
            Entry::Compare {
                roles: pm_po,
                aspect: Some(a),
            },
        );
        assert!(label.ends_with(&format!(": {name}")), "{label}");
    }
}

#[test]
fn a_comparison_says_what_both_roles_share_once() {
    let pm_po = RoleSet::from_iter([0, 1]);
    for a in 0..k().aspects.len() {
        let r = reply::for_entry(
            k(),
            Entry::Compare {
                roles: pm_po,
                aspect: Some(a),
            },
        );
        let embed = Embed::from_reply(&r);
        let mut text = embed.description.clone();
        for f in &embed.fields {
            text.push('\n');
            text.push_str(&f.value);
        }
        let sentences: Vec<&str> = text
            .split(['.', '\n'])
            .map(str::trim)
            .filter(|s| s.len() > 20)
            .collect();
        for (i, s) in sentences.iter().enumerate() {
            assert!(
                !sentences[i + 1..].contains(s),
                "{}: said twice: {s:?}",
                r.title
            );
        }
    }
    let salary = reply::for_entry(k(), k().parse_entry("pm+po.salary").unwrap());
    assert_eq!(
        salary
            .description
            .matches("doesn't say which country")
            .count(),
        1,
        "{}",
        salary.description
    );
    assert!(salary
        .fields
        .iter()
        .all(|f| !f.value.contains("which country")));
}
