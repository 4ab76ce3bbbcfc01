//! Messages holding one or more asks: two questions, headings, views, context, newcomers.

use super::*;

#[test]
fn two_questions_in_one_message_get_both_answers() {
    let both = ask("who owns the roadmap? also, can one person be both PM and PO?");
    let first = ask("who owns the roadmap?");
    let second = ask("can one person be both PM and PO?");
    assert!(both.answered && first.answered && second.answered);
    assert_eq!(both.entry, first.entry, "the first ask answers");
    let second_id = second.entry.clone().unwrap();
    let field = both
        .fields
        .iter()
        .find(|f| f.name.starts_with("Also asked: "))
        .expect("a section for the second question");
    assert!(
        field.value.starts_with("**"),
        "its bold answer: {}",
        field.value
    );
    assert_eq!(both.related[0].entry, second_id, "its button comes first");
    // The same question twice is one answer, no section.
    let twice = ask("who owns the roadmap? who owns the roadmap?");
    assert!(!twice
        .fields
        .iter()
        .any(|f| f.name.starts_with("Also asked")));
}

#[test]
fn a_role_card_that_leads_in_to_a_comparison_goes_beside_it() {
    // "what is X? is it the same as Y?": the comparison is the point, whichever way the
    // second ask names the first role.
    for (lead, then) in [
        (
            "what does a PM do?",
            "and is that not just a PO with another title?",
        ),
        (
            "what does a PM do?",
            "and is a PM not just a PO with another title?",
        ),
        (
            "Explain the product owner to me.",
            "How is it different from the product manager?",
        ),
    ] {
        let alone = ask(then);
        let with_lead = ask(&format!("{lead} {then}"));
        assert!(alone.answered, "{then}: {alone:?}");
        assert_eq!(with_lead.entry, alone.entry, "{lead} {then}");
        assert!(
            with_lead
                .fields
                .iter()
                .any(|f| f.name.starts_with("Also asked: ")),
            "the role card goes beside: {lead} {then}"
        );
    }
    // A second ask about something else keeps the role card as one of the two answers.
    let other = ask("what does the PO do? and who owns the roadmap?");
    let card = ask("what does the PO do?").entry.expect("the PO card");
    assert!(
        other.entry.as_ref() == Some(&card) || other.related[0].entry == card,
        "{other:?}"
    );
}

#[test]
fn a_heading_names_what_the_ask_points_back_at() {
    // "X or Y: how do the two differ?": the heading says what "the two" are, so the
    // message gets what the heading asked as a question gets, not the answer the ask
    // alone would get (the knowledge's own two roles).
    for (heading, then) in [
        (
            "project manager or product owner:",
            "how do the two differ?",
        ),
        (
            "Product manager vs project manager.",
            "Are the two the same?",
        ),
    ] {
        let whole = ask(&format!("{heading} {then}"));
        let plain = ask(heading.trim_end_matches([':', '.']));
        assert!(plain.answered, "{heading}: {plain:?}");
        assert_eq!(whole.entry, plain.entry, "{heading} {then}");
        assert_ne!(whole.entry, ask(then).entry, "{heading} {then}");
    }
    // Things the knowledge doesn't cover stay declined, whatever the ask alone matches.
    let other = ask("Designer vs tester: how do the two differ?");
    assert!(!other.answered, "{other:?}");
    assert!(ask("how do the two differ?").answered);
}

#[test]
fn a_view_asked_on_a_statement_answers_the_statement() {
    // "<statement>. What do people think about that?": the ask only points back, so the
    // message gets what the statement alone gets, however the view is asked for.
    for statement in [
        "Our PO never talks to customers, only the PM does.",
        "We have one person doing both PM and PO on our train.",
    ] {
        let plain = ask(statement);
        assert!(plain.answered, "{statement}: {plain:?}");
        for view in [
            "Curious what people think about that?",
            "What do you all make of this?",
            "Thoughts?",
        ] {
            let r = ask(&format!("{statement} {view}"));
            assert!(r.answered, "{statement} {view}: {r:?}");
            assert_eq!(r.entry, plain.entry, "{statement} {view}");
        }
    }
    // A statement about something else stays unanswered.
    let other = ask("Our office is moving next month. Curious what people think about that?");
    assert!(!other.answered, "{other:?}");
}

#[test]
fn an_ask_about_the_asker_is_not_about_the_roles_around_it() {
    // What the asker does or rolecall earns is not what the role named beside it does or
    // earns: the message gets what the ask alone gets.
    for (context, ask_) in [
        (
            "The PM here told me to sort it out myself.",
            "What am I supposed to work on today?",
        ),
        ("My PO asked me to find out.", "How much money do you make?"),
        (
            "For our team with a PM and a PO:",
            "my job is so dull lately, any advice?",
        ),
    ] {
        let alone = ask(ask_);
        let whole = ask(&format!("{context} {ask_}"));
        assert!(!alone.answered, "{ask_}: {alone:?}");
        assert!(!whole.answered, "{context} {ask_}: {whole:?}");
    }
    // Unless the asker says they hold the role: then "I" is that role.
    for (context, ask_, plain) in [
        (
            "I'm a new PO.",
            "What should I be measuring?",
            "How is a PO's success measured?",
        ),
        (
            "Product owner here, just started.",
            "What does my typical day look like?",
            "What does a PO do all day?",
        ),
    ] {
        let whole = ask(&format!("{context} {ask_}"));
        let p = ask(plain);
        assert!(p.answered, "{plain}: {p:?}");
        assert_eq!(whole.entry, p.entry, "{context} {ask_}");
    }
}

#[test]
fn a_topic_the_knowledge_lacks_stays_declined_beside_roles() {
    // Roles named beside an ask don't make its own topic one the knowledge covers.
    for (context, ask_) in [
        (
            "For our team with a PM and a PO:",
            "who owns the coffee machine?",
        ),
        (
            "Our PM and PO share a desk.",
            "Who maintains the parking spreadsheet?",
        ),
    ] {
        assert!(!ask(ask_).answered, "{ask_}");
        let whole = ask(&format!("{context} {ask_}"));
        assert!(!whole.answered, "{context} {ask_}: {whole:?}");
    }
    // A known topic still takes the roles from beside it.
    let known = ask("We have a PM and a PO on the train. Who owns the roadmap?");
    assert_eq!(known.entry, ask("Who owns the roadmap?").entry);
}

#[test]
fn two_questions_in_one_sentence_are_two_asks_but_alternatives_are_one() {
    // Joined by a comma instead of a question mark, two questions still get both answers.
    let both = ask("who owns the roadmap, and can one person be both PM and PO?");
    let first = ask("who owns the roadmap?");
    let second = ask("can one person be both PM and PO?");
    let answered: Vec<Option<String>> =
        vec![both.entry.clone(), both.related[0].entry.clone().into()];
    assert!(answered.contains(&first.entry), "{both:?}");
    assert!(answered.contains(&second.entry), "{both:?}");
    assert!(both
        .fields
        .iter()
        .any(|f| f.name.starts_with("Also asked: ")));
    // "…, or is it …" offers alternatives of one question: no second section.
    let one = ask("is the backlog the PO's job, or is it the PM's job?");
    assert!(!one.fields.iter().any(|f| f.name.starts_with("Also asked")));
}

#[test]
fn context_names_the_role_an_ask_leaves_out() {
    let r = ask("I've just become a product owner. What should I be measuring?");
    assert!(r.answered, "{r:?}");
    assert_eq!(r.entry.as_deref(), Some("po.metrics"));
    // Context that names a role the knowledge lacks is what "they" points to.
    let r = ask("Product Owner vs Release Train Engineer: are they the same thing?");
    assert!(!r.answered, "{r:?}");
}

#[test]
fn context_never_dilutes_an_ask_that_stands_alone() {
    let plain = ask("who owns the backlog?");
    let r =
        ask("We use Jira, which is slow today and the VPN keeps dropping. Who owns the backlog?");
    assert!(r.answered, "{r:?}");
    assert_eq!(r.entry, plain.entry);
}

#[test]
fn newcomers_who_ask_get_the_tour_and_talk_of_past_first_days_does_not() {
    let r = ask("what's the first thing I should read as a new joiner here?");
    assert!(r.tour, "{r:?}");
    for q in [
        "on my first day at my old job nobody showed me anything lol",
        "my first week was rough, the PO never showed up",
    ] {
        let r = ask(q);
        assert!(
            !(r.answered && r.entry.as_deref() == Some("tour")),
            "{q}: {r:?}"
        );
    }
}

#[test]
fn who_is_responsible_for_a_thing_asks_who_owns_it() {
    // "Responsible for" in a question that names no role asks for the owner: the same
    // answer as "who owns …", and a FAQ written for that "who" rather than a role's fact
    // that shares its words, even with a word of context added.
    for thing in ["the roadmap", "the product backlog", "customer research"] {
        let owns = ask(&format!("who owns {thing}?"));
        assert!(owns.answered, "{thing}");
        for q in [
            format!("who is responsible for {thing}?"),
            format!("who is responsible for {thing} in the company?"),
        ] {
            let r = ask(&q);
            assert!(r.answered, "{q}");
            assert_eq!(r.entry, owns.entry, "{q}");
        }
    }
}

#[test]
fn a_bare_question_after_roles_the_knowledge_lacks_is_about_them() {
    // "What's the difference?" names nothing itself; the sentence before gives its subject.
    for (a, b) in [
        ("scrum master", "product owner"),
        ("release train engineer", "product manager"),
        ("business analyst", "product owner"),
    ] {
        let whole = ask(&format!("what's the difference between a {a} and a {b}?"));
        assert!(!whole.answered, "{a} / {b}");
        for q in [
            format!("{a} vs {b}: what's the difference?"),
            format!("{a} or {b}. is there a difference?"),
        ] {
            let r = ask(&q);
            assert!(!r.answered, "{q} answered {:?}", r.entry);
        }
    }
    // With the roles it knows, the same shape still answers.
    assert!(ask("product owner vs product manager: what's the difference?").answered);
}
