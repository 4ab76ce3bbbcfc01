//! How questions are understood on the shipped knowledge: the interpretation, chatty
//! questions, roles the knowledge lacks, "who does X", claims, help and small talk.
//! One line per behaviour; phrasings are our own, not from the evaluation set.

use rolecall::discord::messages::{self, Incoming, Trigger};
use rolecall_core::{reply, Intent, Kind, KnowledgeBase, MatchConfig};
use std::sync::OnceLock;

fn k() -> &'static KnowledgeBase {
    static K: OnceLock<KnowledgeBase> = OnceLock::new();
    K.get_or_init(|| KnowledgeBase::shipped().expect("shipped knowledge loads"))
}

fn ask(q: &str) -> rolecall_core::Reply {
    reply::answer(k(), q, &MatchConfig::DEFAULT)
}

fn role_ids(q: &str) -> Vec<String> {
    let it = k().interpret(q);
    it.roles.iter().map(|&r| k().roles[r].id.clone()).collect()
}

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
    assert!(messages::respond(k(), &cfg, &incoming, Trigger::Watched).is_none());
    assert!(messages::respond(k(), &cfg, &incoming, Trigger::Mention).is_some());
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
