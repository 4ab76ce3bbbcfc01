//! The ask inside a message and its context: chatter, what was named before, the asker.

use crate::*;

#[test]
fn the_two_roles_compared_with_chatter_are_still_the_comparison() {
    // Set side by side and asked how they differ, with words that point to no other
    // entry: the comparison, sure enough for a channel.
    let plain = ask("what's the difference between a product owner and a product manager?");
    let chatty =
        ask("what is the true difference between a product owner and a product manager anyway?");
    assert_eq!(plain.entry, chatty.entry);
    assert!(
        chatty.confidence >= rolecall::config::DEFAULT_CHANNEL_THRESHOLD,
        "{chatty:?}"
    );
}

#[test]
fn asking_whether_two_roles_are_one_reads_the_same_in_any_words() {
    // Whatever the words for "one and the same", said of the two roles named or pointed
    // back at, it asks whether they are one; "job" there names no aspect.
    let asks = [
        "are the PM and the PO one job or two?",
        "product manager and product owner, same role?",
        "is the product owner role interchangeable with the product manager role?",
        "PO and PM are just synonyms, right?",
        "are a PM and a PO the same?",
        "is it the same as a product owner?",
    ];
    for q in asks {
        let it = k().interpret(q);
        assert_eq!(it.intent, Intent::SameRole, "{q}: {it:?}");
        assert!(it.aspects.is_empty(), "{q}: {it:?}");
    }
    let one = ask("are PM and PO one and the same job?");
    let other = ask("is product owner basically the same role as product manager?");
    assert!(one.answered && other.answered, "{one:?} {other:?}");
    assert_eq!(one.entry, other.entry);
    // Other sameness is not that: the same person, the same team, a role the knowledge
    // lacks.
    for q in [
        "can the same person be PM and PO?",
        "do PMs and POs sit on the same team?",
        "is a scrum master the same as a PO?",
    ] {
        assert_ne!(k().interpret(q).intent, Intent::SameRole, "{q}");
    }
}

#[test]
fn idioms_name_nothing_the_knowledge_speaks_of() {
    // "Of course" is no certification course and "one day" no day at work: a message
    // pointing back at them reads the same as one pointing back at nothing.
    for q in ["of course not", "one day, maybe", "these days, at least"] {
        let it = k().interpret(q);
        assert!(it.terms.is_empty() && it.aspects.is_empty(), "{q}: {it:?}");
    }
    let plain = ask("so what do we do with them?");
    let idiom = ask("Of course not. So what do we do with them?");
    assert_eq!(plain.answered, idiom.answered, "{idiom:?}");
    assert_eq!(plain.entry, idiom.entry, "{idiom:?}");
}

#[test]
fn who_someone_is_asks_what_they_are() {
    // "Who is a …?" of a term naming people, and nothing else, is its definition; said
    // with more ("the go-to person for …"), it asks who does something.
    for q in [
        "who is a business owner?",
        "who exactly are the business owners?",
    ] {
        let r = ask(q);
        assert!(r.answered, "{q}: {r:?}");
        assert_eq!(r.kind, Kind::Term, "{q}: {r:?}");
        assert_eq!(k().interpret(q).intent, Intent::WhatIs, "{q}");
    }
    for q in [
        "who is the go-to person for business owners?",
        "who talks to business owners?",
    ] {
        assert_eq!(k().interpret(q).intent, Intent::WhoDoes, "{q}");
    }
    // A person here is still a person here.
    assert!(k().interpret("who is our PO?").person);
}

#[test]
fn a_topic_the_knowledge_lacks_asked_of_a_role_is_not_its_role_card() {
    // The setting of a role is forgiven; a thing the knowledge lacks, asked of the role
    // (owned by it, or said to be about it), is what the question is about.
    for q in [
        "can you explain the product owner's parking policy?",
        "tell me a riddle about product managers",
    ] {
        assert!(k().interpret(q).topic_of_role, "{q}");
        assert!(!ask(q).answered, "{q}");
    }
    for q in [
        "what does a product owner do in a bank?",
        "explain the role of a product manager in big enterprises",
    ] {
        assert!(!k().interpret(q).topic_of_role, "{q}");
        assert!(ask(q).answered, "{q}");
    }
}

#[test]
fn a_fact_named_outright_and_far_ahead_is_sure_enough_for_a_channel() {
    // The role and the aspect both named, and no other entry near: words beside them
    // ("track", "needed to become") don't keep it out of a channel.
    let bar = rolecall::config::DEFAULT_CHANNEL_THRESHOLD;
    for q in [
        "which metrics does a product owner keep track of?",
        "what skills are needed to become a product manager?",
    ] {
        let r = ask(q);
        assert_eq!(r.kind, Kind::Fact, "{q}: {r:?}");
        assert!(r.confidence >= bar, "{q}: {}", r.confidence);
    }
    // Set beside another role, it is a comparison, not a fact that leads on its own.
    let r = ask("which metrics do product owners track, compared with product managers?");
    assert_ne!(r.kind, Kind::Fact, "{r:?}");
}

#[test]
fn a_question_put_to_a_role_is_about_that_role() {
    // Said as one who holds the role, or calling on those who do, "you" is the role: the
    // same fact answers as when the role is named.
    let asks = [
        ("which skills do you rely on?", "skills"),
        ("how is your success measured?", "metrics"),
        ("what do you own?", "owns"),
    ];
    for (role, one, many) in [
        ("po", "product owner", "product owners"),
        ("pm", "product manager", "product managers"),
    ] {
        for (q, aspect) in asks {
            let want = format!("{role}.{aspect}");
            for message in [
                format!("As a {one}, {q}"),
                format!("Hey {many}, {q}"),
                format!("{many}: {q}"),
            ] {
                let r = ask(&message);
                assert!(r.answered, "{message}: {r:?}");
                assert_eq!(r.entry.as_deref(), Some(want.as_str()), "{message}");
            }
        }
    }
    // Calling on a role asks nothing of it the knowledge lacks.
    assert!(!ask("Hey product owners, what's your favourite pizza topping?").answered);
}

#[test]
fn polite_words_before_a_request_change_nothing() {
    let plain = ask("walk me through the product owner's responsibilities");
    assert!(plain.answered, "{plain:?}");
    for q in [
        "could you walk me through the product owner's responsibilities",
        "can someone please walk me through the product owner's responsibilities",
        "would you describe the product owner's responsibilities",
    ] {
        let r = ask(q);
        assert!(r.answered, "{q}: {r:?}");
        assert_eq!(r.entry, plain.entry, "{q}");
    }
}

#[test]
fn the_setting_compared_with_itself_is_not_the_roles_compared() {
    // "Agile" and "SAFe" are the setting of most questions and left out of matching when
    // something else is asked; set side by side, they are what is asked, which the
    // knowledge doesn't answer.
    for q in ["agile vs scrum?", "how is SAFe different from Scrum?"] {
        let r = ask(q);
        assert!(!r.answered, "{q}: {r:?}");
    }
    let roles =
        ask("in SAFe, what's the difference between the product manager and the product owner?");
    assert!(roles.answered, "{roles:?}");
    assert_eq!(roles.entry, ask("PM vs PO").entry);
}

#[test]
fn they_in_an_ask_are_what_was_named_before_it() {
    // The roles named before "they" make the ask about them: as sure as naming them in it.
    let named = ask("are the product owner and the product manager the same?");
    for q in [
        "There's a PO and a PM on my train. Are they the same thing?",
        "are they the same, product owner and product manager?",
    ] {
        let r = ask(q);
        assert!(r.answered, "{q}: {r:?}");
        assert_eq!(r.entry, named.entry, "{q}");
    }
    // Pointed back at the setting alone, the ask is not about the roles.
    let r = ask("Is agile a method or a mindset? Are they the same?");
    assert!(!r.answered, "{r:?}");
}

#[test]
fn an_ask_that_names_nothing_is_about_what_was_named_before_it() {
    // "What does that mean?" after a sentence naming one term asks what the term is.
    let term = ask("what is an MVP?");
    assert!(term.answered, "{term:?}");
    for q in [
        "Someone mentioned an MVP in today's planning meeting and I just nodded along. What does that mean?",
        "We talked about the MVP for an hour. What is it, exactly?",
    ] {
        let r = ask(q);
        assert!(r.answered, "{q}: {r:?}");
        assert_eq!(r.entry, term.entry, "{q}");
    }
    // "What's the difference?" after a sentence naming the two roles compares them; as
    // yes or no ("are they different?"), it asks whether they are one.
    let compared = ask("what's the difference between a PM and a PO?");
    let r = ask("I can't tell the product owner and the product manager apart. What's the actual difference?");
    assert!(r.answered, "{r:?}");
    assert_eq!(r.entry, compared.entry);
    let one = ask("are the PM and the PO the same?");
    let r = ask("Product Manager vs Product Owner: are they different?");
    assert_eq!(r.entry, one.entry, "{r:?}");
    // Nothing the knowledge has named before: nothing to answer.
    assert!(!ask("My lead told me to read up on WSJF before Monday. What is it?").answered);
}

#[test]
fn a_sprint_as_the_time_of_a_question_is_not_its_topic() {
    // After "during" or "in", a span of time the knowledge doesn't cover says when; a
    // question naming a role and an aspect, or asking who, reads the same without it.
    for (with, without) in [
        (
            "what activities does a product owner typically perform in a sprint?",
            "what activities does a product owner typically perform?",
        ),
        (
            "Who should the development team go to with questions during the sprint?",
            "Who should the development team go to with questions?",
        ),
    ] {
        let (a, b) = (ask(with), ask(without));
        assert!(a.answered && b.answered, "{a:?} {b:?}");
        assert_eq!(a.entry, b.entry, "{with}");
    }
    // The sprint itself, or what happens in it, is still not covered.
    for q in [
        "who runs the sprint?",
        "how long is each sprint?",
        "What will happen if the product owner is away during a sprint?",
    ] {
        assert!(!ask(q).answered, "{q}");
    }
}

#[test]
fn a_question_about_oneself_heading_for_a_role_is_about_that_role() {
    // Becoming, applying for or moving into a role, the asker asks about that role; a role
    // that only tells the asker something is not what the asker asks about.
    let salary = ask("how much does a product owner earn?");
    for q in [
        "Thinking about becoming a PO in the new year. How much could I earn?",
        "I'm applying for a product owner job. How much could I earn?",
    ] {
        let r = ask(q);
        assert!(r.answered, "{q}: {r:?}");
        assert_eq!(r.entry, salary.entry, "{q}");
    }
    let skills = ask("what skills does a product manager need?");
    let r = ask("Been a PO for 3 years and thinking of moving into product management. What skills would I need?");
    assert_eq!(r.entry, skills.entry, "{r:?}");
    // A phrase that needs an object, with none after it, reads as its aspect word alone.
    let duties = ask("what are the product owner's responsibilities?");
    let r = ask("what is the product owner responsible for?");
    assert_eq!(r.entry, duties.entry, "{r:?}");
    assert_ne!(
        ask("who is responsible for the backlog?").entry,
        duties.entry
    );
}

#[test]
fn the_auxiliary_do_before_both_asks_about_the_two_roles() {
    // "How do both roles …" asks about the two roles; "can one person do both?" asks
    // whether one person may hold them.
    for q in [
        "how do both roles work together?",
        "what do both roles have in common?",
    ] {
        assert_ne!(k().interpret(q).intent, Intent::CanOnePerson, "{q}");
    }
    for q in ["can one person do both roles?", "who can do both jobs?"] {
        assert_eq!(k().interpret(q).intent, Intent::CanOnePerson, "{q}");
    }
    // "Which of the two roles …" asks who, as "which role" does.
    assert_eq!(
        k().interpret("which of the two roles owns the roadmap?")
            .intent,
        Intent::WhoDoes
    );
}

#[test]
fn who_is_right_asks_about_what_everyone_said() {
    // A view asked after two claims is about what the claims are about.
    let r = ask("The PM says the PO should own the roadmap. My lead says it belongs to the PM. Who is right?");
    assert!(r.answered, "{r:?}");
    let same =
        ask("Our coach says POs and PMs are the same job; my manager disagrees. Who's right?");
    assert_eq!(
        same.entry,
        ask("are the PO and the PM the same job?").entry,
        "{same:?}"
    );
    assert!(!ask("Half the team says tabs, the other half says spaces. Who is right?").answered);
    // Being above the other is rank, not one person holding both.
    assert_eq!(
        k().interpret("is the PM supposed to be above the PO or are they peers?")
            .intent,
        Intent::Hierarchy
    );
}

#[test]
fn the_tour_is_for_the_asker_who_is_new_now() {
    // A newcomer asking where to start, or near something rolecall knows without an
    // answer, is pointed to the tour.
    for q in [
        "hi all, started on the platform team today 👋 where should I begin?",
        "new joiner here, is there something I should read first to understand how roles work on this team?",
    ] {
        assert!(ask(q).tour, "{q}");
    }
    // Not talk of past first days, of someone else who is new, of onboarding others, or a
    // statement that uses onboarding's words.
    for q in [
        "remember our first week on this project? good times",
        "Our PO just joined. Who approves her vacation requests?",
        "any tips for onboarding new hires to a SAFe train?",
        "My understanding is that enough detail to get started should be ready. Who writes it?",
    ] {
        assert!(!ask(q).tour, "{q}");
    }
}

#[test]
fn what_is_asked_of_a_role_is_not_what_the_role_is() {
    // "What's the career path after a PO?" asks something the knowledge doesn't say of
    // the role; the role card says what the role is.
    for q in [
        "what's the career path after product owner?",
        "what's the typical team size a product owner supports?",
    ] {
        assert!(!ask(q).answered, "{q}");
    }
    let card = ask("what is a product owner?");
    for q in [
        "what is expected from a product owner?",
        "what's the deal with product owners?",
        "what's the point of a product owner?",
    ] {
        let r = ask(q);
        assert!(r.answered, "{q}: {r:?}");
        assert_eq!(r.entry, card.entry, "{q}");
    }
}

#[test]
fn yes_or_no_about_something_the_knowledge_never_names_is_not_settled_by_a_fact() {
    // The skills fact says nothing of Python or SQL; it does say "detail-oriented" and
    // "communicator".
    for q in [
        "does a product owner need to know Python?",
        "does the product manager need to know SQL?",
    ] {
        let r = ask(q);
        assert!(!r.answered, "{q}: {r:?}");
    }
    let r = ask("does a PM need to be a good communicator?");
    assert!(r.answered, "{r:?}");
    assert_eq!(r.entry, ask("what skills does a PM need?").entry);
}

#[test]
fn and_the_other_role_asks_the_same_of_it() {
    // "And the PO?" after a question on the PM's metrics asks the PO's metrics beside;
    // after a "who" question it is still a guess at the answer.
    let also = |r: &rolecall_core::Reply| {
        r.fields
            .iter()
            .find(|f| f.name.starts_with("Also asked"))
            .map(|f| f.name.clone())
    };
    let r = ask("what does the PM measure success by? and the PO?");
    assert!(r.answered, "{r:?}");
    assert_eq!(r.entry.as_deref(), Some("pm.metrics"));
    let second = also(&r).unwrap_or_default();
    assert!(second.contains("Product Owner"), "{second}");
    let guess = ask("who owns the roadmap? the PO?");
    assert!(
        also(&guess).is_none_or(|s| !s.contains("Product Owner:")),
        "{guess:?}"
    );
}

#[test]
fn other_names_of_the_roles_and_the_time_of_day() {
    // "PdM", "P.O." name the roles; "2 PM" is a time.
    assert_eq!(role_ids("what does a PdM do all day?"), ["pm"]);
    assert_eq!(role_ids("P.O. vs P.M.?"), ["po", "pm"]);
    for q in ["can we meet at 2 PM?", "can we meet at 2 p.m.?"] {
        assert!(role_ids(q).is_empty(), "{q}");
        assert!(!ask(q).answered, "{q}");
    }
    assert_eq!(role_ids("2 PMs and 3 POs, who decides?"), ["pm", "po"]);
}

#[test]
fn a_bare_comparison_after_a_title_without_a_role_compares_that_title() {
    // "Project manager" has a FAQ but no role: "what's the difference, honestly?" after it
    // asks about the project manager, not whether PM and PO are one job.
    let r = ask("Everybody keeps telling me a project manager is not a product owner. What's the difference, honestly?");
    assert!(r.answered, "{r:?}");
    assert_eq!(r.entry, ask("is a project manager a product owner?").entry);
}

#[test]
fn a_contraction_opens_an_ask_as_the_full_words_do() {
    // After a sentence of context and without a question mark, "what's" and "who's" start
    // the ask as "what is" and "who is" do; the context never becomes part of it.
    for (context, short, long) in [
        (
            "I moved over from the QA side.",
            "what's a release train",
            "what is a release train",
        ),
        (
            "We just went SAFe.",
            "who's in charge of the backlog",
            "who is in charge of the backlog",
        ),
        (
            "I come from support.",
            "how's a PM different from a PO",
            "how is a PM different from a PO",
        ),
    ] {
        let (a, b) = (
            ask(&format!("{context} {short}")),
            ask(&format!("{context} {long}")),
        );
        assert!(b.answered, "{context} {long}: {b:?}");
        assert_eq!(a.answered, b.answered, "{context} {short}");
        assert_eq!(a.entry, b.entry, "{context} {short}");
    }
}

#[test]
fn asking_who_does_what_divides_the_work_between_the_roles_named() {
    // "Who does what?" after or beside both roles compares them; with an aspect ("owns
    // what") on that aspect. The same division asked with the roles inside the question
    // gives the same answer.
    for (division, aspect) in [
        ("who does what", "pm+po.responsibilities"),
        ("who owns what", "pm+po.owns"),
        ("who's in charge of what", "pm+po.owns"),
    ] {
        for q in [
            format!("PM vs PO: {division}?"),
            format!("Our train has a PM and a PO. {division}?"),
            format!("between the product manager and the product owner, {division}?"),
        ] {
            let r = ask(&q);
            assert!(r.answered, "{q}: {r:?}");
            assert_eq!(r.entry.as_deref(), Some(aspect), "{q}");
        }
    }
    // "Who" asked of one thing ("who owns the roadmap?") is no division.
    assert_eq!(
        ask("PM vs PO: who owns the roadmap?").entry,
        ask("who owns the roadmap, the PM or the PO?").entry
    );
}
