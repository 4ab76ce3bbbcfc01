//! Reading the ask inside a message: two questions in one, context that names the role, the
//! tour pointer for newcomers who ask, and the language file that drives it. Phrasings are
//! the team's own.

use rolecall_core::knowledge::Source;
use rolecall_core::{reply, Intent, KnowledgeBase, MatchConfig};
use std::sync::OnceLock;

fn k() -> &'static KnowledgeBase {
    static K: OnceLock<KnowledgeBase> = OnceLock::new();
    K.get_or_init(|| KnowledgeBase::shipped().expect("shipped knowledge loads"))
}

fn ask(q: &str) -> rolecall_core::Reply {
    reply::answer(k(), q, &MatchConfig::DEFAULT)
}

/// Asserts that `plain` and each of `variants` are answered, all with the same entry.
fn same_answer(plain: &str, variants: &[&str]) {
    let p = ask(plain);
    assert!(p.answered, "{plain}: {p:?}");
    for v in variants {
        let r = ask(v);
        assert!(r.answered, "{v}: {r:?}");
        assert_eq!(r.entry, p.entry, "{v}");
    }
}

/// Asserts that each of `variants` gets `plain`'s entry at least as surely (within 0.01),
/// so a watched channel answers it too.
fn as_sure(plain: &str, variants: &[&str]) {
    let p = ask(plain);
    assert!(p.answered, "{plain}: {p:?}");
    for v in variants {
        let r = ask(v);
        assert_eq!(r.entry, p.entry, "{v}: {r:?}");
        assert!(
            r.confidence >= p.confidence - 0.01,
            "{v}: {} against {}",
            r.confidence,
            p.confidence
        );
    }
}

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

#[test]
fn words_the_language_knows_are_never_typos() {
    let it = k().interpret("any tips on getting started?");
    assert!(it.corrected.is_empty(), "{:?}", it.corrected);
}

fn check(files: &[(&str, &str)]) -> Vec<String> {
    let sources = files
        .iter()
        .map(|(p, t)| Source {
            path: (*p).into(),
            text: (*t).into(),
        })
        .collect::<Vec<_>>();
    KnowledgeBase::check(&sources)
        .iter()
        .map(ToString::to_string)
        .collect()
}

const ROLES: &str =
    "[[role]]\nid = \"po\"\nname = \"Product Owner\"\nsummary = \"Owns the backlog.\"\n";

#[test]
fn a_bad_language_file_is_reported_with_its_lines() {
    let lang = "[language]\ncode = \"en\"\nquestion_words = [\"who\", \"Who's\"]\nrequest_words = [\"explain\"]\nembedders = [\"wondering\"]\nfillers = [\"so\", \"so\"]\n";
    let problems = check(&[("roles.toml", ROLES), ("language.toml", lang)]);
    let has = |s: &str| problems.iter().any(|p| p.contains(s));
    assert!(
        has("language.toml:3: [language]: question_words: “Who's” is read as “whos”"),
        "{problems:#?}"
    );
    assert!(
        has("language.toml:6: [language]: fillers: “so” is listed twice"),
        "{problems:#?}"
    );
    let empty = "[language]\ncode = \"en\"\nquestion_words = []\n";
    let problems = check(&[("roles.toml", ROLES), ("language.toml", empty)]);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("`question_words` is empty")),
        "{problems:#?}"
    );
    assert!(has("no [frequency] table"), "{problems:#?}");
}

#[test]
fn the_kind_of_question_is_read_from_the_language_file() {
    // The cue lists that say what kind of question it is are data: a malformed one is
    // reported with its line, and a team's own phrase changes how questions read.
    let lang = "[language]\ncode = \"en\"\nquestion_words = [\"who\", \"is\"]\nrank_phrases = [\"Report To\", \"outranks\"]\n";
    let problems = check(&[("roles.toml", ROLES), ("language.toml", lang)]);
    assert!(
        problems.iter().any(|p| p.contains(
            "language.toml:4: [language]: rank_phrases: “Report To” is read as “report to”"
        )),
        "{problems:#?}"
    );
    let shipped = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../knowledge/language.toml"
    ))
    .unwrap();
    let mut sources = rolecall_core::Knowledge::shipped_sources();
    let q = "does the PM outflank the PO?";
    let before = KnowledgeBase::from_sources(sources.clone()).unwrap();
    assert_ne!(before.interpret(q).intent, Intent::Hierarchy);
    let ours = shipped.replace("rank_phrases = [", "rank_phrases = [\"outflank\", ");
    for s in &mut sources {
        if s.path.ends_with("language.toml") {
            s.text = ours.clone();
        }
    }
    let after = KnowledgeBase::from_sources(sources).unwrap();
    assert_eq!(after.interpret(q).intent, Intent::Hierarchy);
}

#[test]
fn frequency_bands_must_go_down_and_match_the_language() {
    let lang = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../knowledge/language.toml"
    ))
    .unwrap();
    let freq = "[frequency]\nlanguage = \"de\"\nsource = \"test\"\n[[frequency.band]]\nzipf = 5.0\nwords = \"der die\"\n[[frequency.band]]\nzipf = 6.0\nwords = \"das\"\n";
    let problems = check(&[
        ("roles.toml", ROLES),
        ("language.toml", &lang),
        ("freq.toml", freq),
    ]);
    let has = |s: &str| problems.iter().any(|p| p.contains(s));
    assert!(
        has("freq.toml:8: [frequency]: band zipf = 6"),
        "{problems:#?}"
    );
    assert!(has("the word frequencies are for `de`"), "{problems:#?}");
}

#[test]
fn knowledge_without_a_language_file_is_read_as_english() {
    let kb = KnowledgeBase::from_sources(vec![Source {
        path: "roles.toml".into(),
        text: ROLES.into(),
    }])
    .expect("loads");
    assert_eq!(kb.language.code, "en");
    assert!(kb.language.is_question_word("who"));
}

#[test]
fn an_aside_in_brackets_is_context_not_the_ask() {
    // The aside costs nothing: a watched channel answers it as surely.
    as_sure(
        "who keeps the product backlog in order?",
        &[
            "who keeps the product backlog in order (asking for a friend 😅)",
            "who keeps the product backlog in order (sorry, new here)?",
            "(sorry if this was asked before) who keeps the product backlog in order?",
        ],
    );
}

#[test]
fn an_aside_inside_a_question_leaves_it_whole() {
    let plain = ask("what does a product manager do in SAFe?");
    assert!(plain.answered, "{plain:?}");
    let r = ask("been wondering what a product manager (PM) does in SAFe?");
    assert_eq!(r.entry, plain.entry, "{r:?}");
}

#[test]
fn a_question_after_a_condition_asks() {
    // Read as a question, not as one long statement with the sentence before it.
    as_sure(
        "who has the final say on priorities when the PM and the PO disagree?",
        &["been skimming the handbook this morning. if the PM and the PO disagree on priorities who has the final say"],
    );
}

#[test]
fn what_a_role_does_asked_in_passing_is_the_role() {
    same_answer(
        "what does a product manager do?",
        &[
            "I keep wondering what a product manager actually does",
            "what is a product manager really supposed to do?",
            "so what exactly does the product manager do here",
        ],
    );
    let plain = ask("what does a product manager do?");
    // The idiom "what role does X play" asks the same.
    same_answer(
        "what does the product owner do in SAFe?",
        &["what role does the product owner play in SAFe?"],
    );
    assert!(!ask("what role does luck play in hiring?").answered);
    // A "what … do" about something else that happens to the role is not the role card.
    let r = ask("what happens if a product manager does not show up to the PI planning?");
    assert_ne!(r.entry, plain.entry, "{r:?}");
}

#[test]
fn a_question_that_points_back_is_read_with_what_it_points_to() {
    same_answer(
        "can one person be PM and PO at the same time?",
        &[
            "I was asked to be PM and PO at the same time. is that a good idea?",
            "my lead wants me to cover both the PO and PM roles. has that worked for anyone?",
        ],
    );
    // Pointing back at something off-topic stays declined.
    let r = ask("we run Jira for everything. is that normal?");
    assert!(!r.answered, "{r:?}");
}

#[test]
fn a_question_about_the_setting_itself_is_about_it() {
    // "SAFe" is the setting of most questions and left out of them, but not when the
    // question asks what it is.
    same_answer(
        "what is SAFe?",
        &[
            "what does SAFe stand for?",
            "what is the point of the scaled agile framework?",
            "what is the SAFe framework?",
        ],
    );
    // As the setting, "the SAFe framework" is left out like "SAFe".
    same_answer(
        "how does the PO work in SAFe?",
        &["how does the PO work in the SAFe framework?"],
    );
    let plain = ask("what is SAFe?");
    assert!(!ask("is SAFe worth it for a startup?").answered);
    let r = ask("what is backlog grooming in SAFe?");
    assert_ne!(r.entry, plain.entry, "{r:?}");
}

#[test]
fn the_two_roles_unnamed_are_the_roles() {
    for (unnamed, named) in [
        (
            "how are these two roles supposed to work together?",
            "how do the PM and PO work together?",
        ),
        (
            "do we really need both roles on one train?",
            "do we really need both a PM and a PO on one train?",
        ),
    ] {
        let (u, n) = (ask(unnamed), ask(named));
        assert!(n.answered, "{n:?}");
        assert!(u.answered, "{unnamed}: {u:?}");
        assert_eq!(u.entry, n.entry, "{unnamed}");
    }
    // Roles of something else are not these roles.
    assert!(!ask("what are the roles in kanban?").answered);
}

#[test]
fn an_ask_with_nothing_of_its_own_asks_about_what_came_before() {
    let plain = ask("what is the difference in focus between PM and PO?");
    assert!(plain.answered, "{plain:?}");
    let r = ask("so the PM looks at the long term and the PO at the short term. is that right?");
    assert!(r.answered, "{r:?}");
    assert_eq!(r.entry, plain.entry);
    assert!(!ask("we deploy on fridays. is that right?").answered);
}

#[test]
fn framing_words_never_count_against_an_answer() {
    let plain = ask("what are the PM's success metrics?");
    assert!(plain.answered, "{plain:?}");
    let r = ask("what are the most important KPIs you track as a product manager?");
    assert!(r.answered, "{r:?}");
    assert_eq!(r.entry, plain.entry);
    let plain = ask("what's the difference between a PM and a PO?");
    let r = ask("what's the main difference between a PM and a PO?");
    assert_eq!(r.entry, plain.entry);
    assert!(
        r.confidence >= plain.confidence - 0.01,
        "{} against {}",
        r.confidence,
        plain.confidence
    );
}

#[test]
fn a_word_inside_a_phrase_does_not_break_it() {
    // A modifier between the words of an aspect or synonym phrase reads as the phrase.
    same_answer(
        "how do the pm and po work together?",
        &["how do the pm and po work closely together?"],
    );
    same_answer(
        "who breaks down the epics?",
        &["who breaks the epics down?"],
    );
    // Role names never stretch: "product data owner" names no PO.
    let r = ask("what does a product data owner do?");
    assert_ne!(r.entry.as_deref(), Some("po"), "{r:?}");
}

#[test]
fn half_of_a_job_title_is_not_the_title() {
    // "project manager" names a job; a bare "project" does not evoke it.
    let titled = ask("is a project manager a product owner?");
    assert!(titled.answered, "{titled:?}");
    let r = ask("what should a PO do when a project runs late?");
    assert_ne!(r.entry, titled.entry, "{r:?}");
}

#[test]
fn framing_words_are_forgiven_and_topic_words_are_not() {
    // "exactly", "key" frame a question; they never change its answer.
    same_answer("what is an MVP?", &["what exactly is an MVP?"]);
    same_answer(
        "what are the responsibilities of a PM?",
        &["what are the key responsibilities of a PM?"],
    );
    // A word that carries a topic the knowledge lacks is not forgiven on a definition.
    let r = ask("what are the legal requirements of an MVP?");
    assert!(!r.answered, "{r:?}");
}

#[test]
fn how_a_role_is_evaluated_asks_for_its_metrics() {
    same_answer(
        "how is a PO's success measured?",
        &["how do you evaluate a PO's performance?"],
    );
}

#[test]
fn naming_the_two_roles_as_choices_keeps_the_answer() {
    // "…, the PM or the PO?" only says who the choice is between.
    for q in [
        "who sets the vision?",
        "who grooms the backlog?",
        "who talks to customers?",
    ] {
        let plain = ask(q);
        let q2 = format!(
            "{} the product manager or the product owner?",
            q.trim_end_matches('?')
        );
        let choice = ask(&q2);
        assert!(plain.answered && choice.answered, "{q2}: {choice:?}");
        // A role's fact stays that fact; a FAQ may give way to the fact of the role it
        // names ("who grooms the backlog" → what the PO does).
        if plain.entry.as_deref().is_some_and(|e| e.contains('.')) {
            assert_eq!(plain.entry, choice.entry, "{q2}");
        }
    }
}

#[test]
fn them_are_the_roles_named_before_whatever_the_setting() {
    let plain = ask("what's the difference between a product manager and a product owner?");
    let r = ask(
        "I'm studying project management and keep reading about product managers and \
         product owners. What's the difference between them?",
    );
    assert!(plain.answered && r.answered, "{r:?}");
    assert_eq!(plain.entry, r.entry);
    // A role the knowledge lacks, named before, is still what "they" compares.
    assert!(!ask("PO vs Scrum Master: are they the same?").answered);
}

#[test]
fn whose_asks_like_who() {
    // "Whose" is a question word, not a rare topic word that sinks a FAQ.
    same_answer(
        "who does customer research?",
        &["whose job is customer research?"],
    );
}

#[test]
fn one_word_shared_with_a_role_fact_answers_no_who_question() {
    // A fact answers "who …?" when it says what is asked, not when one word matches.
    assert!(!ask("who will take the lead on the office picnic?").answered);
    let r = ask("who sets the vision?");
    assert!(r.answered, "{r:?}");
}

#[test]
fn a_stretched_phrase_never_swallows_a_name() {
    // "project [product] manager" is a project, then the Product Manager: a phrase of its
    // own inside the gap, or a job title, never stretches.
    let tokens: Vec<String> = k()
        .matcher
        .tokens("are epics shared across projects product manager")
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    assert!(tokens.iter().any(|t| t == "@pm"), "{tokens:?}");
    assert!(!tokens.iter().any(|t| t == "project manager"), "{tokens:?}");
}
