//! Asides, conditions, pointing back, framing words and phrases read whole.

use super::*;

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
