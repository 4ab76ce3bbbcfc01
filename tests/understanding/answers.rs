//! Which answer a question gets: role cards, facts, declines, help, small talk and terms.

use crate::*;

#[test]
fn chatty_questions_that_name_one_role_get_its_card() {
    for q in [
        "ok so could somebody explain what the product owner is actually for around here",
        "always been curious what a PO really does in safe",
        "lets talk about the product owner role",
        "heyy just joined lol what does a prodct ownr do",
        "wot is a po lol",
    ] {
        let r = ask(q);
        assert!(r.answered, "{q}: {r:?}");
        assert_eq!(r.entry.as_deref(), Some("po"), "{q}: {r:?}");
    }
}

#[test]
fn aspect_questions_with_context_get_the_fact() {
    for (q, want) in [
        ("what numbers is a PO judged by", "po.metrics"),
        ("what makes a good product manager", "pm.skills"),
        ("what does a PO do all day", "po.jobs"),
    ] {
        let r = ask(q);
        assert_eq!(r.entry.as_deref(), Some(want), "{q}: {r:?}");
    }
}

#[test]
fn roles_the_knowledge_lacks_are_declined_by_name() {
    for (q, name) in [
        ("UX designer vs PM", "ux designer"),
        ("is a delivery manager above a PO", "delivery manager"),
        ("do POs earn more than QA engineers", "qa engineers"),
        ("can a PO also be a tester", "tester"),
        ("can a product owner be a developer?", "developer"),
        (
            "what does a technical product manager do?",
            "technical product manager",
        ),
        ("Chief PO vs PM, what's the difference", "chief po"),
    ] {
        let r = ask(q);
        assert!(!r.answered, "{q}: answered {:?}", r.entry);
        assert!(r.description.contains(name), "{q}: {}", r.description);
        assert!(r.description.contains("Product Owner"), "{}", r.description);
        assert!(r.suggestions.is_empty());
    }
}

#[test]
fn a_role_word_that_is_not_the_subject_does_not_decline() {
    // The asker describing themselves, and developers as the team a PO works with.
    for q in [
        "I am a software engineer, what does a product owner do?",
        "who answers the developers' questions?",
        "what does a great product manager do?",
    ] {
        assert!(ask(q).answered, "{q}");
    }
}

#[test]
fn who_does_x_finds_the_role_whose_facts_say_so() {
    let r = ask("who keeps an eye on churn and revenue?");
    assert!(r.answered, "{r:?}");
    assert_eq!(r.entry.as_deref(), Some("pm.metrics"));
    assert!(
        r.description.starts_with("**The Product Manager.**"),
        "{}",
        r.description
    );
}

#[test]
fn questions_about_the_work_reach_the_faq_that_answers_them() {
    for (q, want) in [
        (
            "who do I ping when a ticket makes no sense?",
            "team-questions",
        ),
        (
            "who has the final say on what we build?",
            "who-decides-what-to-build",
        ),
        ("who slices features into stories", "who-writes-stories"),
        ("is the cert worth getting for a PO?", "certification"),
    ] {
        let r = ask(q);
        assert_eq!(r.entry.as_deref(), Some(want), "{q}: {r:?}");
    }
}

#[test]
fn neighbouring_safe_practice_is_declined() {
    for q in [
        "who facilitates inspect and adapt?",
        "how long is a PI?",
        "how do we estimate features?",
        "who runs PI planning",
    ] {
        assert!(!ask(q).answered, "{q}");
    }
}

#[test]
fn a_claim_is_answered_with_the_source_in_ask_and_left_alone_in_channels() {
    let q = "PMs earn way more than POs";
    let r = ask(q);
    assert!(r.answered, "{r:?}");
    assert!(
        r.description.starts_with("According to the source"),
        "{r:?}"
    );
    let text = format!("{} {:?}", r.description, r.fields);
    assert!(text.contains("$112K") && text.contains("$110K"), "{text}");
    let incoming = Incoming {
        author: 1,
        author_is_bot: false,
        webhook: false,
        system: false,
        channel: 2,
        id: 3,
        guild: Some(4),
        content: q.into(),
        mentions: Vec::new(),
        replied_to: None,
    };
    let cfg = MatchConfig::DEFAULT;
    assert!(messages::respond(k(), &cfg, &incoming, Trigger::Watched)
        .0
        .is_none());
    assert!(messages::respond(k(), &cfg, &incoming, Trigger::Mention)
        .0
        .is_some());
}

#[test]
fn help_says_what_rolecall_covers() {
    for q in [
        "help",
        "what roles do you know?",
        "can you show me all the roles",
    ] {
        let r = ask(q);
        assert_eq!(r.kind, Kind::Help, "{q}");
        let text = format!("{} {:?}", r.description, r.fields);
        assert!(text.contains("Product Manager") && text.contains("Product Owner"));
    }
    // Asking for help with a role is a question about the role.
    assert_eq!(
        ask("help me understand the product owner").entry.as_deref(),
        Some("po")
    );
}

#[test]
fn small_talk_is_never_answered() {
    for q in [
        "Fine",
        "Great",
        "Talc",
        "how much do you earn?",
        "tell me about your relationships",
        "who painted the mona lisa?",
        "what's your favourite colour",
        "I have a question",
        "thanks, that helps!",
        "good morning everyone",
    ] {
        let r = ask(q);
        assert!(
            !r.answered,
            "{q}: answered {:?} ({})",
            r.entry, r.confidence
        );
    }
    let it = k().interpret("Talc");
    assert!(it.corrected.is_empty(), "one word is never typo-corrected");
}

#[test]
fn accents_and_combining_marks_read_as_the_plain_letters() {
    for (marked, plain) in [
        ("whó owns the backlóg?", "who owns the backlog?"),
        (
            "Whát does a próduct owner do?",
            "What does a product owner do?",
        ),
        ("is the pm abo\u{0301}ve the po", "is the pm above the po"),
        ("p̷̛m̶̈́ v̸͝s̴̈ p̷o̶", "pm vs po"),
    ] {
        let (a, b) = (ask(marked), ask(plain));
        assert!(b.answered, "{plain}");
        assert_eq!(a.entry, b.entry, "{marked}");
        assert!((a.confidence - b.confidence).abs() < 1e-6, "{marked}");
    }
}

#[test]
fn a_word_asking_what_something_is_asks_it_of_the_role_after_it() {
    for q in [
        "can you describe the product manager role?",
        "help me understand the PO",
        "give me an overview of product owners",
    ] {
        assert_eq!(k().interpret(q).intent, Intent::WhatIs, "{q}");
    }
    // After the role, the role does it: not a question of what the role is.
    for q in [
        "should the PO explain each feature to the devs?",
        "does a product manager describe the market to the team",
    ] {
        assert_ne!(k().interpret(q).intent, Intent::WhatIs, "{q}");
    }
}

#[test]
fn asking_what_something_is_is_not_asking_who_does_it() {
    // The FAQ that says who builds the vision answers "who", not "what".
    assert_eq!(
        ask("who builds the product vision?").entry.as_deref(),
        Some("who-owns-roadmap")
    );
    assert!(!ask("what is the product vision?").answered);
    // Named with a role, it is the role's part in it.
    assert!(ask("what is the PM's part in the product vision?").answered);
    // How much of it is not who does it either.
    assert!(!ask("how much time should go into customer discovery each month?").answered);
}

#[test]
fn an_aspect_word_beside_a_term_with_no_role_is_a_plain_word() {
    // "Task" is a word for a role's typical jobs, but set beside a story it is a task.
    let r = ask("what's the difference between a user story and a task?");
    assert_ne!(r.kind, Kind::Compare, "{r:?}");
    assert_eq!(
        ask("what are the typical tasks, PM vs PO?").kind,
        Kind::Compare
    );
}

#[test]
fn two_terms_compared_get_both_definitions() {
    // No entry compares two terms: each one's definition answers, the other beside it,
    // and not a FAQ that says who writes them.
    let r = ask("user story vs epic?");
    assert!(r.answered, "{r:?}");
    assert_eq!(r.kind, Kind::Term);
    let also = r.fields.iter().find(|f| f.name.starts_with("Also asked"));
    assert!(also.is_some(), "{:?}", r.fields);
}
