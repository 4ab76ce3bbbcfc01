//! What a question is read as: roles, aspects, intent, claims, views and careers.

use crate::*;

#[test]
fn the_interpretation_names_roles_aspects_and_intent() {
    let it = k().interpret("how much does a PO earn?");
    assert_eq!(role_ids("how much does a PO earn?"), ["po"]);
    assert_eq!(it.aspects, [k().aspect_index("salary").unwrap()]);
    assert_eq!(it.intent, Intent::HowMuch);
    let cases = [
        ("PM vs PO", Intent::Compare),
        ("who looks after the backlog", Intent::WhoDoes),
        ("is the PM above the PO?", Intent::Hierarchy),
        ("could one person do both jobs", Intent::CanOnePerson),
        ("what is a product owner", Intent::WhatIs),
        ("POs are basically project managers", Intent::Claim),
        ("what can you do?", Intent::Help),
    ];
    for (q, want) in cases {
        assert_eq!(k().interpret(q).intent, want, "{q}");
    }
    // One role held several times is not both roles held by one person.
    assert_ne!(
        k().interpret("can the same person be PO for two teams?")
            .intent,
        Intent::CanOnePerson
    );
    assert_eq!(
        k().interpret("can the same person be PM and PO?").intent,
        Intent::CanOnePerson
    );
    // An aspect word made a verb by a particle names no aspect.
    assert!(k()
        .interpret("the PO figures out the details, right?")
        .aspects
        .is_empty());
    assert!(!k()
        .interpret("what figures does a PM track?")
        .aspects
        .is_empty());
    // "How much" of something else asks no pay.
    for q in [
        "how much time does a PO spend in meetings?",
        "how much experience does a PM need?",
    ] {
        let it = k().interpret(q);
        assert_ne!(it.intent, Intent::HowMuch, "{q}");
        assert!(it.aspects.is_empty(), "{q}: {:?}", it.aspects);
    }
    for q in [
        "how much money does a PO make?",
        "PO pay, how much roughly?",
    ] {
        assert_eq!(k().interpret(q).intent, Intent::HowMuch, "{q}");
    }
    let described = k().interpret("wat does a prodct ownr do lol").describe(k());
    assert!(described.contains("roles=[po]"), "{described}");
    assert!(described.contains("typo:"), "{described}");
}

#[test]
fn rank_over_people_is_managing_and_rank_between_roles_is_hierarchy() {
    for q in [
        "is my product owner also the boss of the engineers?",
        "does our PO manage the devs",
        "so is the PO in charge of the whole team",
    ] {
        assert_eq!(k().interpret(q).intent, Intent::Manages, "{q}");
        assert_eq!(ask(q).entry.as_deref(), Some("po-management-role"), "{q}");
    }
    for q in [
        "to whom does the PO report, usually?",
        "who ranks higher in SAFe, the product manager or the PO?",
        "is the PM the boss of the PO and the team?",
        "does our product manager manage the POs on the train?",
        "are POs in charge of the product managers or the other way round?",
    ] {
        assert_eq!(k().interpret(q).intent, Intent::Hierarchy, "{q}");
        assert_eq!(ask(q).entry.as_deref(), Some("pm-higher-than-po"), "{q}");
    }
    // Owning something of the team's is not managing it.
    assert_ne!(
        k().interpret("does the PO own the team backlog").intent,
        Intent::Manages
    );
}

#[test]
fn asking_why_prefers_an_answer_that_gives_a_reason_and_costs_nothing_elsewhere() {
    for q in [
        "so why does SAFe bother with two separate product roles?",
        "why two product roles instead of one?",
    ] {
        let r = ask(q);
        assert!(r.answered, "{q}: {r:?}");
        assert_eq!(r.entry.as_deref(), Some("need-both"), "{q}");
    }
    // "Why" is no word a term must explain.
    for (why, plain) in [
        ("why build an MVP at all?", "build an MVP at all?"),
        (
            "why does the PO own the backlog?",
            "does the PO own the backlog?",
        ),
    ] {
        assert_eq!(ask(why).entry, ask(plain).entry, "{why}");
        assert!(ask(why).answered, "{why}");
    }
}

#[test]
fn product_ownership_is_the_product_owner_role() {
    assert_eq!(
        role_ids("new to product ownership, where do I begin"),
        ["po"]
    );
    assert_eq!(
        ask("what is product ownership?").entry.as_deref(),
        Some("po")
    );
}

#[test]
fn who_made_a_claim_is_not_what_the_question_is_about() {
    // The same claim, put by nobody and put by someone whose title the knowledge lacks:
    // the same answer, and no "I don't cover that role".
    for (claim, speakers) in [
        (
            "the PM is the one who owns the backlog",
            [
                "our release manager says",
                "my QA lead keeps telling everyone",
                "a coworker of mine thinks",
            ],
        ),
        (
            "product owners earn more than product managers",
            [
                "the finance director reckons",
                "a data analyst at work claimed",
                "an article I read says",
            ],
        ),
    ] {
        let plain = ask(&format!("{claim}, right?"));
        assert!(plain.answered, "{claim}: {plain:?}");
        for speaker in speakers {
            let q = format!("{speaker} {claim}, right?");
            let r = ask(&q);
            assert_eq!(r.entry, plain.entry, "{q}: {r:?}");
            assert!(r.answered, "{q}: {r:?}");
        }
    }
    // "Say" as a noun is no one saying anything.
    assert_eq!(
        ask("who gets the final say on scope, pm or po").entry,
        ask("who decides on scope, pm or po").entry
    );
    // A title with a verb of saying but no claim about a role is still what is asked.
    for q in [
        "does the scrum master say when the sprint ends?",
        "what does a solutions architect think about in a day?",
    ] {
        assert!(!ask(q).answered, "{q}");
    }
}

#[test]
fn asking_whether_rolecall_knows_asks_what_follows() {
    // The same entry with or without "do you know" and its kin around the question.
    for base in [
        "who owns the backlog",
        "how much does a product manager earn",
    ] {
        let plain = ask(&format!("{base}?"));
        assert!(plain.answered, "{base}: {plain:?}");
        for frame in [
            "do you know",
            "could you tell me",
            "have you ever wondered",
            "do you happen to know",
        ] {
            let q = format!("{frame} {base}?");
            let r = ask(&q);
            assert!(r.answered, "{q}: {r:?}");
            assert_eq!(r.entry, plain.entry, "{q}");
        }
    }
    // Still spoken to rolecall when nothing is embedded.
    assert!(!ask("do you know where the printer is?").answered);
}

#[test]
fn questions_about_the_answerers_own_career_are_never_answered_outright() {
    for q in [
        "what has been your toughest moment as a product owner?",
        "what is the biggest mistake you have made as a PM?",
        "have you ever had to cancel a release as a PM?",
    ] {
        assert!(k().interpret(q).personal, "{q}");
        assert!(!ask(q).answered, "{q}");
    }
    // "You" in general asks about the role.
    for q in [
        "in your experience, who owns the roadmap?",
        "as a PO, how much do you usually earn?",
    ] {
        assert!(!k().interpret(q).personal, "{q}");
        assert!(ask(q).answered, "{q}");
    }
}

#[test]
fn a_comparison_set_up_as_a_heading_is_what_the_question_after_it_asks() {
    // "PM vs PO: <question>" answers the question, as asking it about both roles does;
    // the heading alone is still the comparison.
    for question in [
        "who owns the roadmap",
        "who earns more",
        "who keeps the backlog",
    ] {
        let about_both = ask(&format!("{question}, the PM or the PO?"));
        assert!(about_both.answered, "{question}: {about_both:?}");
        for heading in ["PM vs PO", "product manager versus product owner"] {
            let q = format!("{heading}: {question}?");
            let r = ask(&q);
            assert!(r.answered, "{q}: {r:?}");
            assert_eq!(r.entry, about_both.entry, "{q}");
        }
    }
    assert_eq!(ask("PM vs PO").entry.as_deref(), Some("pm+po"));
    // Between two roles on rank, it asks who ranks higher.
    assert_eq!(
        k().interpret("between the PM and the PO, who is in charge?")
            .intent,
        Intent::Hierarchy
    );
}

#[test]
fn asking_for_a_view_on_what_was_said_asks_about_it() {
    // "<statement>. Thoughts?" gets what "<statement>, is that a good idea?" gets.
    for statement in [
        "management wants one person to be both PM and PO",
        "we are thinking of having our PM also act as PO",
    ] {
        let asked = ask(&format!("{statement}, is that a good idea?"));
        assert!(asked.answered, "{statement}: {asked:?}");
        for tail in ["thoughts?", "any advice?", "good idea?"] {
            let q = format!("{statement}. {tail}");
            let r = ask(&q);
            assert!(r.answered, "{q}: {r:?}");
            assert_eq!(r.entry, asked.entry, "{q}");
        }
    }
    assert!(!ask("I have to plan the team party. thoughts?").answered);
}

#[test]
fn whos_and_supposed_to_read_like_the_plain_question() {
    // "who's" is "who is"; "supposed to" frames the question and counts against nothing.
    for (plain, variant) in [
        (
            "who is the main contact for business owners?",
            "who's the main contact for business owners?",
        ),
        (
            "who owns the roadmap?",
            "who is supposed to own the roadmap?",
        ),
        (
            "what does a product manager measure?",
            "what is a product manager supposed to measure?",
        ),
    ] {
        let (a, b) = (ask(plain), ask(variant));
        assert!(a.answered && b.answered, "{a:?} {b:?}");
        assert_eq!(a.entry, b.entry, "{variant}");
        assert!(
            (a.confidence - b.confidence).abs() < 0.05,
            "{variant}: {} vs {}",
            b.confidence,
            a.confidence
        );
    }
}

#[test]
fn a_role_guessed_after_a_question_is_not_a_question_about_the_role() {
    // With or without a guess at the answer, the same answer or the same decline.
    for question in [
        "who owns the roadmap?",
        "who talks to the business owners?",
        "who runs the sprint retro?",
        "who books the meeting rooms?",
    ] {
        let plain = ask(question);
        for guess in ["the PO?", "PM?", "the product owner maybe?"] {
            let q = format!("{question} {guess}");
            let r = ask(&q);
            assert_eq!(r.answered, plain.answered, "{q}: {r:?}");
            assert_eq!(r.entry, plain.entry, "{q}");
        }
    }
}

#[test]
fn hyphenated_and_joined_role_names_read_as_the_roles() {
    assert_eq!(role_ids("the product-owner role"), ["po"]);
    assert_eq!(role_ids("productowner or productmanager?"), ["po", "pm"]);
    let r = ask("the product-owner role vs the product-manager role");
    assert!(r.answered, "{r:?}");
    assert_eq!(r.entry.as_deref(), Some("pm+po"));
}
