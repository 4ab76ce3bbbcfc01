//! The onboarding tour and the roster as knowledge: the shipped tour is complete and fits
//! Discord, the roster fixture loads beside the shipped files, and every tour or roster
//! problem is reported at its file:line with its entry.

use crate::readme_blocks::block_after;
use rolecall_core::knowledge::{
    Source, LONG_TOUR_STEPS, QUIZ_EXPLAIN_CHARS, QUIZ_QUESTION_CHARS, STEP_TITLE_CHARS,
    TOUR_TEXT_CHARS,
};
use rolecall_core::limits;
use rolecall_core::{Knowledge, KnowledgeBase, LoadError};
use std::path::Path;

/// A step text above this many characters reads as a wall of text in an embed.
const COMFORTABLE_STEP_CHARS: usize = 600;

fn shipped() -> Knowledge {
    Knowledge::shipped().unwrap_or_else(|e| panic!("shipped knowledge must load: {e}"))
}

fn source(path: &str, text: &str) -> Source {
    Source {
        path: path.into(),
        text: text.into(),
    }
}

/// Every problem `rolecall check` prints for these sources, as printed.
fn check(sources: &[Source]) -> Vec<String> {
    KnowledgeBase::check(sources)
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn check_fixture(name: &str) -> Vec<String> {
    let path = Path::new("../../tests/fixtures/bad").join(name);
    check(&Knowledge::read_sources(&path).expect("fixture readable"))
}

/// The shipped knowledge plus the roster fixture, as a team would deploy it.
fn with_roster() -> Knowledge {
    let mut sources = Knowledge::shipped_sources();
    sources.extend(
        Knowledge::read_sources(Path::new("../../tests/fixtures/roster/people.toml"))
            .expect("roster fixture readable"),
    );
    Knowledge::from_sources(sources).unwrap_or_else(|e| panic!("roster fixture must load: {e}"))
}

const ROLE: &str = r#"
[[role]]
id = "po"
name = "Product Owner"
summary = "**Makes sure the team builds it.**"
"#;

/// A knowledge file with one role and a tour of the given `[[tour.step]]` tables.
fn tour_file(title: &str, intro: &str, steps: &[String]) -> String {
    format!(
        "{ROLE}\n[tour]\ntitle = {title:?}\nintro = {intro:?}\noutro = \"Thanks.\"\n{}",
        steps.concat()
    )
}

fn step(id: &str, title: &str, text: &str) -> String {
    format!("\n[[tour.step]]\nid = {id:?}\ntitle = {title:?}\ntext = {text:?}\nshow = [\"po\"]\n")
}

fn quiz(question: &str, choices: &[String], answer: i64, explain: &str) -> String {
    format!(
        "\n[tour.step.quiz]\nquestion = {question:?}\nchoices = {choices:?}\nanswer = {answer}\nexplain = {explain:?}\n"
    )
}

/// `n` characters of two-byte text, so a byte count would be twice the character count.
fn chars(n: usize) -> String {
    "é".repeat(n)
}

#[test]
fn the_shipped_tour_walks_the_pm_po_knowledge_in_five_to_eight_steps() {
    let k = shipped();
    let tour = k.tour.as_ref().expect("the shipped knowledge has a tour");
    let ids: Vec<&str> = tour.steps.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "safe-and-art",
            "meet-pm",
            "meet-po",
            "who-owns-what",
            "working-together",
            "one-person-both",
            "where-to-ask",
        ]
    );
    assert!((5..=8).contains(&tour.steps.len()));
    let quizzes = tour.steps.iter().filter(|s| s.quiz.is_some()).count();
    assert!((2..=3).contains(&quizzes), "{quizzes} quizzes");
    let last = tour.steps.last().unwrap();
    assert!(last.roster, "the last step shows who holds which role here");
    assert_eq!(
        tour.steps.iter().filter(|s| s.roster).count(),
        1,
        "only the last step shows the roster"
    );
    assert_eq!(
        k.files[tour.origin.file].path,
        "(built-in) knowledge/onboarding.toml"
    );
}

#[test]
fn every_shipped_step_shows_entries_that_resolve_and_every_quiz_answer_is_a_choice() {
    let k = shipped();
    let tour = k.tour.as_ref().unwrap();
    // The file's `show` lists, read on their own, so an id dropped in loading would show.
    let raw: toml::Table =
        toml::from_str(include_str!("../../../../knowledge/onboarding.toml")).unwrap();
    let raw_steps = raw["tour"]["step"].as_array().unwrap();
    assert_eq!(raw_steps.len(), tour.steps.len());
    for (step, raw) in tour.steps.iter().zip(raw_steps) {
        let listed: Vec<&str> = raw["show"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(!listed.is_empty(), "{}: shows no entry", step.id);
        let shown: Vec<String> = step.show.iter().map(|&e| k.entry_id(e)).collect();
        assert_eq!(shown, listed, "{}: every listed entry resolves", step.id);
        for &e in &step.show {
            assert_eq!(k.parse_entry(&k.entry_id(e)), Some(e));
        }
        if let Some(q) = &step.quiz {
            assert!((2..=5).contains(&q.choices.len()), "{}", step.id);
            assert!(q.answer < q.choices.len(), "{}: answer in range", step.id);
            let file_answer = raw["quiz"]["answer"].as_integer().unwrap();
            assert_eq!(
                q.answer as i64,
                file_answer - 1,
                "{}: 1-based in the file",
                step.id
            );
        }
    }
}

#[test]
fn every_shipped_tour_text_fits_its_discord_slot_and_reads_short() {
    let k = shipped();
    let tour = k.tour.as_ref().unwrap();
    let n = |s: &str| s.chars().count();
    let fits = |what: &str, text: &str, max: usize| {
        assert!(!text.trim().is_empty(), "{what} is empty");
        assert!(n(text) <= max, "{what}: {} > {max}", n(text));
    };
    fits("title", &tour.title, limits::TITLE);
    fits("intro", &tour.intro, COMFORTABLE_STEP_CHARS);
    fits("outro", &tour.outro, COMFORTABLE_STEP_CHARS);
    for s in &tour.steps {
        fits(&format!("{} title", s.id), &s.title, STEP_TITLE_CHARS);
        fits(&format!("{} text", s.id), &s.text, COMFORTABLE_STEP_CHARS);
        assert!(
            s.text.starts_with("**"),
            "{}: opens with its key point in bold",
            s.id
        );
        if let Some(q) = &s.quiz {
            fits(
                &format!("{} question", s.id),
                &q.question,
                QUIZ_QUESTION_CHARS,
            );
            fits(&format!("{} explain", s.id), &q.explain, QUIZ_EXPLAIN_CHARS);
            assert!(
                q.explain.starts_with("**"),
                "{}: explain opens in bold",
                s.id
            );
            for c in &q.choices {
                fits(&format!("{} choice", s.id), c, limits::BUTTON_LABEL);
            }
        }
    }
}

#[test]
fn the_roster_fixture_loads_beside_the_shipped_knowledge() {
    let k = with_roster();
    assert!(k.warnings.is_empty(), "{:?}", k.warnings);
    let teams: Vec<(&str, &str, &[u64])> = k
        .teams
        .iter()
        .map(|t| (t.id.as_str(), t.name.as_str(), t.channels.as_slice()))
        .collect();
    assert_eq!(
        teams,
        [
            ("blue", "Team Blue", &[1100000000000000001][..]),
            ("red", "Team Red", &[1100000000000000002][..]),
        ]
    );
    let team_of_channel = |c: u64| {
        k.teams
            .iter()
            .find(|t| t.channels.contains(&c))
            .map(|t| t.id.as_str())
    };
    assert_eq!(team_of_channel(1100000000000000001), Some("blue"));
    assert_eq!(team_of_channel(1100000000000000002), Some("red"));
    assert_eq!(team_of_channel(1100000000000000003), None);
    let holders: Vec<(&str, u64, Option<&str>)> = k
        .holders
        .iter()
        .map(|h| {
            (
                k.roles[h.role].id.as_str(),
                h.user,
                h.team.map(|t| k.teams[t].id.as_str()),
            )
        })
        .collect();
    assert_eq!(
        holders,
        [
            ("po", 2200000000000000001, Some("blue")),
            ("po", 2200000000000000002, Some("red")),
            ("pm", 2200000000000000003, None),
        ]
    );
    assert!(
        k.tour.is_some(),
        "the shipped tour still loads beside a roster"
    );
}

#[test]
fn the_shipped_knowledge_alone_has_no_roster() {
    let k = shipped();
    assert!(k.teams.is_empty() && k.holders.is_empty());
}

#[test]
fn every_tour_problem_is_reported_at_its_line_with_its_step() {
    let f = "../../tests/fixtures/bad/tour.toml";
    let expected: Vec<String> = [
        "9: tour: intro is empty",
        "13: tour step `Meet the PO`: id `Meet the PO` must be lowercase letters, digits and dashes (like `who-owns-backlog`)",
        "19: tour step `meet-po`: title is empty",
        "20: tour step `meet-po`: text is empty",
        "21: tour step `meet-po`: shown entry `po.owns` does not exist",
        "21: tour step `meet-po`: shown entry `nobody` does not exist",
        "24: tour step `meet-po`: duplicate step id `meet-po`: already used at ../../tests/fixtures/bad/tour.toml:18",
        "35: tour step `one-choice`: quiz has 1 choice(s); give 2 to 5 (each is a button)",
        "36: tour step `one-choice`: quiz answer 2 is out of range: it counts the choices from 1, so give 1 to 1",
        "37: tour step `one-choice`: quiz explain is empty",
        "45: tour step `repeated-choice`: quiz question is empty",
        "46: tour step `repeated-choice`: quiz choice 2 repeats choice 1",
        "46: tour step `repeated-choice`: quiz choice 3 is empty",
        "47: tour step `repeated-choice`: quiz answer 0 is out of range: it counts the choices from 1, so give 1 to 3",
    ]
    .iter()
    .map(|p| format!("{f}:{p}"))
    .collect();
    assert_eq!(check_fixture("tour.toml"), expected);
    match Knowledge::load(Path::new(f)) {
        Err(LoadError::Invalid(problems)) => assert!(problems.iter().all(|p| p.is_error())),
        other => panic!("a broken tour must not load: {:?}", other.map(|k| k.title)),
    }
}

#[test]
fn every_roster_problem_is_reported_at_its_line_with_its_team_or_holder() {
    let f = "../../tests/fixtures/bad/roster.toml";
    let hint = "write Discord ids as quoted strings, e.g. \"110…\"; copy them with Developer Mode → Copy ID";
    let expected: Vec<String> = [
        "10: team `blue`: warning: channel `1100000000000000001` is listed twice".to_string(),
        "13: team `blue`: duplicate team id `blue`: already used at ../../tests/fixtures/bad/roster.toml:8".into(),
        "17: team `Team Red`: id `Team Red` must be lowercase letters, digits and dashes (like `who-owns-backlog`)".into(),
        "21: team `green`: alias list has an empty entry".into(),
        "21: team `green`: name `team blue` is also used by team `blue` at ../../tests/fixtures/bad/roster.toml:8; each name may point to one team".into(),
        format!("25: team `green`: channel 1100000000000000003 is written as a bare number; {hint}"),
        format!("26: team `green`: channel `1100-0000-0000` is not a Discord id (17 to 20 digits); {hint}"),
        "27: team `green`: channel `1100000000000000001` already belongs to team `blue` at ../../tests/fixtures/bad/roster.toml:10; a channel belongs to one team".into(),
        "28: team `green`: channel `99999999999999999999` is larger than any Discord id; copy it again with Developer Mode → Copy ID".into(),
        "32: holder `qa`: unknown role `qa` (known roles: po)".into(),
        format!("37: holder `po`: user 2200000000000000002 is written as a bare number; {hint}"),
        "38: holder `po`: unknown team `purple` (known teams: blue, green)".into(),
        format!("42: holder `po`: user `@ana` is not a Discord id (17 to 20 digits); {hint}"),
        "50: holder `po`: warning: user `2200000000000000001` is listed twice for this role and team (first at ../../tests/fixtures/bad/roster.toml:45)".into(),
    ]
    .iter()
    .map(|p| format!("{f}:{p}"))
    .collect();
    assert_eq!(check_fixture("roster.toml"), expected);
}

#[test]
fn a_duplicate_holder_alone_is_only_a_warning() {
    let text = format!(
        "{ROLE}\n[[holder]]\nrole = \"po\"\nuser = \"2200000000000000001\"\n\n[[holder]]\nrole = \"po\"\nuser = \"2200000000000000001\"\n"
    );
    let k = Knowledge::from_sources(vec![source("team.toml", &text)]).expect("loads");
    assert_eq!(k.holders.len(), 1);
    assert_eq!(
        k.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["team.toml:12: holder `po`: warning: user `2200000000000000001` is listed twice for this role and team (first at team.toml:8)"]
    );
}

#[test]
fn a_discord_id_too_large_for_a_toml_integer_gets_the_same_advice() {
    let text = format!("{ROLE}\n[[holder]]\nrole = \"po\"\nuser = 22000000000000000001\n");
    assert_eq!(
        check(&[source("team.toml", &text)]),
        ["team.toml:9: holder `po`: a Discord id written as a bare number: write Discord ids as quoted strings, e.g. \"110…\"; copy them with Developer Mode → Copy ID"]
    );
}

#[test]
fn ids_of_17_and_20_digits_are_accepted_and_16_and_21_are_not() {
    let team = |channel: &str| {
        format!("[[team]]\nid = \"blue\"\nname = \"Team Blue\"\nchannels = [{channel:?}]\n")
    };
    for ok in ["11000000000000000", "11000000000000000001"] {
        let k = Knowledge::from_sources(vec![source("t.toml", &format!("{ROLE}{}", team(ok)))])
            .unwrap_or_else(|e| panic!("{ok}: {e}"));
        assert_eq!(k.teams[0].channels, [ok.parse::<u64>().unwrap()]);
    }
    for bad in [
        "1100000000000000",
        "110000000000000000001",
        " 1100000000000000001",
    ] {
        let problems = check(&[source("t.toml", &format!("{ROLE}{}", team(bad)))]);
        assert_eq!(
            problems,
            [format!("t.toml:9: team `blue`: channel `{bad}` is not a Discord id (17 to 20 digits); write Discord ids as quoted strings, e.g. \"110…\"; copy them with Developer Mode → Copy ID")]
        );
    }
}

#[test]
fn tour_texts_are_counted_in_characters_up_to_each_limit() {
    // (what, the step or tour table at the limit, one character over, the expected message)
    let ok_step = step("s", "Step", "Text.");
    let cases: Vec<(String, String, String)> = vec![
        (
            tour_file(&chars(limits::TITLE), "Hi.", std::slice::from_ref(&ok_step)),
            tour_file(&chars(limits::TITLE + 1), "Hi.", std::slice::from_ref(&ok_step)),
            "tour: title has 257 characters; an embed title holds at most 256".into(),
        ),
        (
            tour_file("T", &chars(TOUR_TEXT_CHARS), std::slice::from_ref(&ok_step)),
            tour_file("T", &chars(TOUR_TEXT_CHARS + 1), std::slice::from_ref(&ok_step)),
            "tour: intro has 1501 characters; a tour page (an embed description with room for the footer and the entries shown) holds at most 1500".into(),
        ),
        (
            tour_file("T", "Hi.", &[step("s", &chars(STEP_TITLE_CHARS), "Text.")]),
            tour_file("T", "Hi.", &[step("s", &chars(STEP_TITLE_CHARS + 1), "Text.")]),
            "tour step `s`: title has 201 characters; a step title holds at most 200".into(),
        ),
        (
            tour_file("T", "Hi.", &[step("s", "Step", &chars(TOUR_TEXT_CHARS))]),
            tour_file("T", "Hi.", &[step("s", "Step", &chars(TOUR_TEXT_CHARS + 1))]),
            "tour step `s`: text has 1501 characters; a tour page (an embed description with room for the footer and the entries shown) holds at most 1500".into(),
        ),
    ];
    let two = || vec!["A".to_string(), "B".to_string()];
    let quiz_cases = [
        (
            quiz(&chars(QUIZ_QUESTION_CHARS), &two(), 1, "Why."),
            quiz(&chars(QUIZ_QUESTION_CHARS + 1), &two(), 1, "Why."),
            "tour step `s`: quiz question has 257 characters; a quiz question holds at most 256",
        ),
        (
            quiz("Q?", &two(), 1, &chars(QUIZ_EXPLAIN_CHARS)),
            quiz("Q?", &two(), 1, &chars(QUIZ_EXPLAIN_CHARS + 1)),
            "tour step `s`: quiz explain has 1025 characters; a quiz explanation holds at most 1024",
        ),
        (
            quiz("Q?", &[chars(limits::BUTTON_LABEL), "B".into()], 1, "Why."),
            quiz("Q?", &[chars(limits::BUTTON_LABEL + 1), "B".into()], 1, "Why."),
            "tour step `s`: quiz choice 1 has 81 characters; a button label holds at most 80",
        ),
        (
            quiz("Q?", &(1..=5).map(|i| i.to_string()).collect::<Vec<_>>(), 5, "Why."),
            quiz("Q?", &(1..=6).map(|i| i.to_string()).collect::<Vec<_>>(), 5, "Why."),
            "tour step `s`: quiz has 6 choice(s); give 2 to 5 (each is a button)",
        ),
    ];
    let mut all = cases;
    for (at, over, msg) in quiz_cases {
        all.push((
            tour_file("T", "Hi.", &[format!("{ok_step}{at}")]),
            tour_file("T", "Hi.", &[format!("{ok_step}{over}")]),
            msg.to_string(),
        ));
    }
    for (at_limit, over, expected) in all {
        let fine = check(&[source("t.toml", &at_limit)]);
        assert!(fine.is_empty(), "at the limit: {fine:?}\n{at_limit}");
        let problems = check(&[source("t.toml", &over)]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let (_, message) = problems[0].split_once(": ").unwrap();
        assert_eq!(message, expected);
    }
}

#[test]
fn a_quiz_answer_is_one_based_in_the_file_and_zero_based_when_loaded() {
    let choices = ["A".to_string(), "B".into(), "C".into()];
    let text = tour_file(
        "T",
        "Hi.",
        &[format!(
            "{}{}",
            step("s", "Step", "Text."),
            quiz("Q?", &choices, 3, "Why.")
        )],
    );
    let k = Knowledge::from_sources(vec![source("t.toml", &text)]).expect("loads");
    let q = k.tour.unwrap().steps[0].quiz.clone().unwrap();
    assert_eq!(q.answer, 2);
    assert_eq!(q.choices[q.answer], "C");
}

#[test]
fn a_tour_needs_a_step_and_a_long_one_is_a_warning() {
    let none = tour_file("T", "Hi.", &[]);
    assert_eq!(
        check(&[source("t.toml", &none)]),
        ["t.toml:7: tour: has no steps; add at least one [[tour.step]]"]
    );
    let steps = |n: usize| {
        (1..=n)
            .map(|i| step(&format!("s{i}"), "Step", "Text."))
            .collect::<Vec<_>>()
    };
    assert!(check(&[source(
        "t.toml",
        &tour_file("T", "Hi.", &steps(LONG_TOUR_STEPS))
    )])
    .is_empty());
    let long = Knowledge::from_sources(vec![source(
        "t.toml",
        &tour_file("T", "Hi.", &steps(LONG_TOUR_STEPS + 1)),
    )])
    .expect("a long tour still loads");
    assert_eq!(
        long.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["t.toml:7: tour: warning: has 13 steps; over 12, newcomers tend to stop before the end (trim it or move detail into the entries shown)"]
    );
}

#[test]
fn at_most_one_tour_across_files() {
    let first = tour_file("T", "Hi.", &[step("s", "Step", "Text.")]);
    let second = format!(
        "[tour]\ntitle = \"Another\"\nintro = \"Hi.\"\noutro = \"Bye.\"\n{}",
        step("t", "Step", "Text.")
    );
    assert_eq!(
        check(&[source("a.toml", &first), source("b.toml", &second)]),
        ["b.toml:1: tour: a second [tour]; the tour is already defined at a.toml:7 (knowledge has at most one tour)"]
    );
}

#[test]
fn a_typo_in_a_tour_table_names_the_tour_or_its_step() {
    let in_quiz = tour_file(
        "T",
        "Hi.",
        &[format!(
            "{}{}",
            step("meet-po", "Step", "Text."),
            quiz("Q?", &["A".into(), "B".into()], 1, "Why.").replace("explain =", "explanation =")
        )],
    );
    let problems = check(&[source("t.toml", &in_quiz)]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("t.toml:22: tour step `meet-po`: unknown key `explanation`"),
        "{problems:?}"
    );
    let in_tour =
        tour_file("T", "Hi.", &[step("s", "Step", "Text.")]).replace("intro =", "introduction =");
    let problems = check(&[source("t.toml", &in_tour)]);
    assert!(
        problems[0].starts_with("t.toml:9: tour: unknown key `introduction`"),
        "{problems:?}"
    );
}

const SHIPPED_TOUR: &str = include_str!("../../../../knowledge/onboarding.toml");

/// The shipped sources with `onboarding.toml` replaced (or left out, for `None`) and
/// `extra` added, all named as in a `knowledge/` folder.
fn shipped_with(tour: Option<&str>, extra: &[(&str, &str)]) -> Vec<Source> {
    let mut sources: Vec<Source> = Knowledge::shipped_sources()
        .into_iter()
        .filter(|s| !s.path.ends_with("onboarding.toml"))
        .map(|s| source(&s.path.replace("(built-in) ", ""), &s.text))
        .collect();
    if let Some(tour) = tour {
        sources.push(source("knowledge/onboarding.toml", tour));
    }
    sources.extend(extra.iter().map(|(p, t)| source(p, t)));
    sources
}

#[test]
fn the_readme_tour_examples_check_clean_and_its_quoted_problems_are_what_check_prints() {
    let own_tour = block_after("## The onboarding tour", "toml");
    assert!(check(&shipped_with(None, &[("knowledge/ours.toml", &own_tour)])).is_empty());

    let step = block_after("for example after `meet-po`:", "toml");
    let at = SHIPPED_TOUR
        .find("[[tour.step]]\nid = \"who-owns-what\"")
        .unwrap();
    let extended = format!("{}{step}\n{}", &SHIPPED_TOUR[..at], &SHIPPED_TOUR[at..]);
    let sources = shipped_with(Some(&extended), &[]);
    assert!(check(&sources).is_empty(), "{:?}", check(&sources));
    let k = Knowledge::from_sources(sources).unwrap();
    let tour = k.tour.unwrap();
    assert_eq!(tour.steps.len(), 8);
    assert_eq!(tour.steps[3].id, "words-you-will-hear");

    let typos = SHIPPED_TOUR
        .replacen(
            "\"po.owns\", \"backlog-grooming\"",
            "\"po.ownz\", \"backlog-grooming\"",
            1,
        )
        .replacen("answer = 2", "answer = 4", 1);
    let quoted = block_after("Two typos in the shipped file", "text");
    assert_eq!(
        check(&shipped_with(Some(&typos), &[])),
        quoted.lines().collect::<Vec<_>>()
    );
}

#[test]
fn the_readme_roster_example_loads_and_its_quoted_problems_are_what_check_prints() {
    let team = block_after("Save it as **`knowledge/team.toml`**", "toml");
    let sources = shipped_with(Some(SHIPPED_TOUR), &[("knowledge/team.toml", &team)]);
    assert!(check(&sources).is_empty(), "{:?}", check(&sources));
    let k = Knowledge::from_sources(sources).unwrap();
    assert_eq!(k.teams.len(), 2);
    assert_eq!(k.teams[0].channels.len(), 2);
    assert_eq!(k.holders.len(), 3);
    assert_eq!(
        k.holders[2].team, None,
        "the PM holds the role for everyone"
    );

    let broken = team
        .replacen("\"1100000000000000001\"", "1100000000000000001", 1)
        .replacen("role = \"pm\"", "role = \"sm\"", 1);
    let quoted = block_after("`role = \"sm\"` for the PM", "text");
    assert_eq!(
        check(&shipped_with(
            Some(SHIPPED_TOUR),
            &[("knowledge/team.toml", &broken)]
        )),
        quoted.lines().collect::<Vec<_>>()
    );
}
