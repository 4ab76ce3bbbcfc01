//! The shipped knowledge loads cleanly, every entry renders within Discord's limits,
//! and the README's worked example works with no code change.

use rolecall_core::knowledge::{Entry, RoleSet};
use rolecall_core::matching::MatchConfig;
use rolecall_core::render::Embed;
use rolecall_core::{reply, Knowledge, KnowledgeBase};

fn shipped() -> KnowledgeBase {
    KnowledgeBase::shipped().unwrap_or_else(|e| panic!("shipped knowledge must load: {e}"))
}

/// Every entry the knowledge can answer with, comparisons included.
fn all_entries(k: &Knowledge) -> Vec<Entry> {
    let mut v = Vec::new();
    for r in 0..k.roles.len() {
        v.push(Entry::Role(r));
        for a in 0..k.aspects.len() {
            if k.roles[r].facts[a].is_some() {
                v.push(Entry::Fact { role: r, aspect: a });
            }
        }
    }
    let all: RoleSet = (0..k.roles.len()).collect();
    v.push(Entry::Compare {
        roles: all,
        aspect: None,
    });
    for a in 0..k.aspects.len() {
        v.push(Entry::Compare {
            roles: k.roles_with(a),
            aspect: Some(a),
        });
    }
    v.extend((0..k.faqs.len()).map(Entry::Faq));
    v.extend((0..k.terms.len()).map(Entry::Term));
    v
}

#[test]
fn shipped_knowledge_passes_check_with_no_problems() {
    let problems = KnowledgeBase::check(&Knowledge::shipped_sources());
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "problems:\n{}", shown.join("\n"));
}

#[test]
fn shipped_knowledge_covers_the_article() {
    let k = shipped();
    for id in ["pm", "po"] {
        assert!(k.role_index(id).is_some(), "role {id}");
    }
    for aspect in [
        "focus",
        "responsibilities",
        "owns",
        "metrics",
        "scope",
        "skills",
        "jobs",
        "salary",
    ] {
        let a = k
            .aspect_index(aspect)
            .unwrap_or_else(|| panic!("aspect {aspect}"));
        for r in &k.roles {
            assert!(r.facts[a].is_some(), "{} has no {aspect} fact", r.id);
        }
    }
    let salary = k.aspect_index("salary").unwrap();
    for (role, pay) in [("pm", "$112K"), ("po", "$110K")] {
        let fact = k.roles[k.role_index(role).unwrap()].facts[salary].as_deref();
        assert!(fact.unwrap().contains(pay), "{role}: {fact:?}");
    }
    for term in [
        "safe",
        "art",
        "popm",
        "mvp",
        "backlog-grooming",
        "epic",
        "user-story",
        "nps",
        "churn",
        "business-owner",
    ] {
        assert!(k.parse_entry(term).is_some(), "term {term}");
    }
    assert!(k.files.iter().any(|f| f
        .credit
        .as_deref()
        .is_some_and(|c| c.contains("Lindy Quick"))));
}

#[test]
fn every_entry_is_shown_whole_credits_the_article_and_stays_focused() {
    let k = shipped();
    for entry in all_entries(&k) {
        let id = k.entry_id(entry);
        let r = reply::for_entry(&k, entry);
        let embed = Embed::from_reply(&r);
        // Embed::from_reply always fits the limits by cutting; the shipped knowledge must
        // fit without being cut.
        assert_eq!(embed.title, r.title, "{id}: title cut");
        assert_eq!(embed.description, r.description, "{id}: description cut");
        // Fields, then comparison rows, each shown whole.
        let fields: Vec<(String, String)> = r
            .fields
            .iter()
            .map(|f| (f.name.clone(), f.value.clone()))
            .chain(r.rows.iter().map(|row| (row.name.clone(), row.value())))
            .collect();
        let shown: Vec<(String, String)> = embed
            .fields
            .iter()
            .map(|f| (f.name.clone(), f.value.clone()))
            .collect();
        assert_eq!(shown, fields, "{id}: fields cut or dropped");
        assert!(
            r.footer.contains("Quick, KnowledgeHut") && r.footer.chars().count() <= 60,
            "{id}: footer {:?}",
            r.footer
        );
        assert!(
            embed.total_chars() <= 2500,
            "{id} is a dump: {} characters",
            embed.total_chars()
        );
        if matches!(entry, Entry::Fact { .. } | Entry::Faq(_) | Entry::Term(_)) {
            assert!(embed.total_chars() <= 1500, "{id} is over 1500 characters");
        }
    }
}

#[test]
fn entry_ids_round_trip() {
    let k = shipped();
    for entry in all_entries(&k) {
        let id = k.entry_id(entry);
        assert_eq!(k.parse_entry(&id), Some(entry), "{id}");
    }
    for bad in [
        "",
        "nope",
        "pm.nope",
        "pm+pm",
        "pm+",
        "+po",
        "po.owns.x",
        "pm+nope.owns",
    ] {
        assert_eq!(k.parse_entry(bad), None, "{bad:?}");
    }
}

#[test]
fn answers_credit_the_source_in_the_footer() {
    let k = shipped();
    let r = reply::answer(&k, "who owns the backlog?", &MatchConfig::DEFAULT);
    assert!(r.answered);
    assert_eq!(r.footer, "Source: Quick, KnowledgeHut blog, 2025");
}
