//! Knowledge far bigger than the shipped one: many roles (past the old 64-role limit) and
//! many cross-linked FAQs still load, match and compare.

use rolecall_core::knowledge::{Entry, RoleSet, Source};
use rolecall_core::{reply, Knowledge, KnowledgeBase, MatchConfig};
use std::fmt::Write;

/// A distinct, pronounceable word for role `i` ("kalo", "kami", …).
fn word(i: usize) -> String {
    const A: &[&str] = &[
        "ka", "lo", "mi", "ren", "tus", "va", "sel", "dri", "qua", "bel",
    ];
    format!("{}{}", A[i / A.len() % A.len()], A[i % A.len()])
}

/// The shipped files plus a team file of `roles` roles ("Kalo Steward"…), each with a
/// salary fact, and `faqs` FAQs that each name two others as related.
fn knowledge(roles: usize, faqs: usize) -> KnowledgeBase {
    let mut text = String::new();
    for i in 0..roles {
        let w = word(i);
        let _ = write!(
            text,
            "[[role]]\nid = \"r{i}\"\nname = \"{} Steward\"\nsummary = \"Looks after the {w} service.\"\n\n[role.facts]\nsalary = \"About ${}K a year.\"\n\n",
            capitalise(&w),
            60 + i
        );
    }
    for i in 0..faqs {
        let _ = write!(
            text,
            "[[faq]]\nid = \"f{i}\"\nquestion = \"How do I file a {} {} request?\"\nanswer = \"Open a ticket.\"\nrelated = [\"f{}\", \"f{}\"]\n\n",
            word(i % 100),
            word(i / 100 + 50),
            (i + 1) % faqs,
            (i + 7) % faqs
        );
    }
    let mut sources = Knowledge::shipped_sources();
    sources.push(Source {
        path: "team.toml".into(),
        text,
    });
    KnowledgeBase::from_sources(sources).expect("team knowledge loads")
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[test]
fn roles_past_the_64th_are_matched_and_compared() {
    let k = knowledge(90, 0);
    let cfg = MatchConfig::DEFAULT;
    let last = k.role_index("r89").expect("r89");
    assert!(last >= 64, "the role sits past the old limit");
    let name = &k.roles[last].name;
    let m = k.find(&format!("what does a {name} do?"), &cfg);
    assert_eq!(
        m.ranked.first().map(|r| r.0),
        Some(Entry::Role(last)),
        "{name}"
    );

    let first = k.role_index("r0").expect("r0");
    let other = &k.roles[first].name;
    let r = reply::answer(&k, &format!("{other} vs {name} salary"), &cfg);
    let salary = k.aspect_index("salary").expect("salary");
    let pair: RoleSet = [first, last].into_iter().collect();
    assert_eq!(
        r.entry.as_deref(),
        Some(k.entry_id(Entry::Compare {
            roles: pair,
            aspect: Some(salary)
        }))
        .as_deref()
    );
    assert!(r.fields.iter().any(|f| f.value.contains("$149K")), "{r:?}");
    // The comparison's id reads back to the same entry.
    assert_eq!(
        k.parse_entry("r0+r89.salary"),
        Some(Entry::Compare {
            roles: pair,
            aspect: Some(salary)
        })
    );
}

#[test]
fn a_comparison_holds_at_most_role_set_max_roles() {
    let mut set = RoleSet::default();
    for r in (0..20).rev() {
        set.insert(r);
    }
    assert_eq!(set.len(), RoleSet::MAX);
    assert_eq!(set.iter().collect::<Vec<_>>(), (12..20).collect::<Vec<_>>());
    let collected: RoleSet = (0..20).rev().collect();
    assert_eq!(
        collected.iter().collect::<Vec<_>>(),
        (0..8).collect::<Vec<_>>()
    );
    let k = knowledge(20, 0);
    let too_many: Vec<String> = (0..9).map(|i| format!("r{i}")).collect();
    assert_eq!(
        k.parse_entry(&too_many.join("+")),
        None,
        "9 roles is not a comparison"
    );
    assert!(k.parse_entry(&too_many[..8].join("+")).is_some());
    assert_eq!(k.parse_entry("r1+r1"), None, "a role twice");
}

#[test]
fn thousands_of_cross_linked_faqs_resolve_their_related_ids() {
    let k = knowledge(3, 3_000);
    let f = k.parse_entry("f2999").expect("f2999");
    let Entry::Faq(i) = f else { panic!("{f:?}") };
    let related: Vec<String> = k.faqs[i].related.iter().map(|&e| k.entry_id(e)).collect();
    assert_eq!(related, ["f0", "f6"]);
}
