//! Who holds which role here, and pointing newcomers to the tour: questions for a person
//! answered from the roster fixture (tests/fixtures/roster/people.toml) loaded beside the
//! shipped knowledge, by the team the question names, else the channel's; the replies
//! without a roster; generic questions unchanged; and `ask --json`'s `people` and `tour`.

use rolecall_core::knowledge::{Origin, Quiz, Source, Tour, TourStep};
use rolecall_core::render::text;
use rolecall_core::{people, reply, Entry, Kind, Knowledge, KnowledgeBase, MatchConfig, Reply};
use serde_json::Value;
use std::process::Command;
use std::sync::OnceLock;

const ROSTER: &str = include_str!("fixtures/roster/people.toml");
/// Team Blue's and Team Red's channels in the fixture, and one that belongs to no team.
const BLUE: u64 = 1100000000000000001;
const RED: u64 = 1100000000000000002;
const ELSEWHERE: u64 = 1100000000000000099;
/// The fixture's holders: Team Blue's PO, Team Red's PO, and the PM for every team.
const BLUE_PO: u64 = 2200000000000000001;
const RED_PO: u64 = 2200000000000000002;
const PM: u64 = 2200000000000000003;

fn cfg() -> MatchConfig {
    MatchConfig::DEFAULT
}

/// Shipped knowledge without a tour (whatever the shipped files hold), plus `extra` files.
fn base_with(extra: &[(&str, &str)], tour: Option<Tour>) -> KnowledgeBase {
    let mut sources = Knowledge::shipped_sources();
    sources.extend(extra.iter().map(|(path, text)| Source {
        path: (*path).into(),
        text: (*text).into(),
    }));
    let mut k = Knowledge::from_sources(sources).expect("knowledge loads");
    k.tour = tour;
    KnowledgeBase::new(k)
}

/// The shipped knowledge with the roster fixture.
fn roster() -> &'static KnowledgeBase {
    static K: OnceLock<KnowledgeBase> = OnceLock::new();
    K.get_or_init(|| base_with(&[("people.toml", ROSTER)], None))
}

/// The shipped knowledge with no roster and no tour.
fn bare() -> &'static KnowledgeBase {
    static K: OnceLock<KnowledgeBase> = OnceLock::new();
    K.get_or_init(|| base_with(&[], None))
}

/// The shipped knowledge with no roster and a three-step tour (one step with a quiz).
fn toured() -> &'static KnowledgeBase {
    static K: OnceLock<KnowledgeBase> = OnceLock::new();
    K.get_or_init(|| base_with(&[], Some(tour())))
}

fn tour() -> Tour {
    let origin = Origin { file: 0, line: 1 };
    let step = |id: &str, quiz: Option<Quiz>| TourStep {
        id: id.into(),
        title: format!("Step {id}"),
        text: "Some text.".into(),
        show: vec![Entry::Role(0)],
        roster: false,
        quiz,
        origin,
    };
    Tour {
        title: "Welcome".into(),
        intro: "Hello.".into(),
        outro: "Bye.".into(),
        steps: vec![
            step("one", None),
            step(
                "two",
                Some(Quiz {
                    question: "Who owns the backlog?".into(),
                    choices: vec!["PM".into(), "PO".into()],
                    answer: 1,
                    explain: "The PO does.".into(),
                }),
            ),
            step("three", None),
        ],
        origin,
    }
}

/// People and commands as Discord shows them: `<@id>`, `` `/onboard` ``.
fn discord(text: &str) -> String {
    reply::spell_commands(
        &people::spell_mentions(text, |user| format!("<@{user}>")),
        reply::slash,
    )
    .into_owned()
}

/// The reply to `q` asked in `channel`, its texts as Discord shows them.
fn ask(kb: &KnowledgeBase, q: &str, channel: Option<u64>) -> Reply {
    let mut r = reply::answer_in(
        kb,
        q,
        &cfg(),
        channel.and_then(|c| people::team_of_channel(kb, c)),
    );
    r.description = discord(&r.description);
    for f in &mut r.fields {
        f.value = discord(&f.value);
    }
    r
}

/// Asserts `r` names exactly `people`, as an answer about role `role`.
#[track_caller]
fn names(r: &Reply, role: &str, people: &[u64]) {
    assert!(r.answered, "answered: {r:#?}");
    assert_eq!(r.entry.as_deref(), Some(role), "{r:#?}");
    assert_eq!(r.people, people, "{r:#?}");
    for p in people {
        assert!(r.description.contains(&format!("<@{p}>")), "{r:#?}");
    }
    assert!(!r.tour);
}

fn related_ids(r: &Reply) -> Vec<&str> {
    r.related.iter().map(|o| o.entry.as_str()).collect()
}

#[test]
fn a_named_role_in_a_team_channel_names_that_teams_holder() {
    let k = roster();
    for q in [
        "who is our PO?",
        "Who's our product owner",
        "hey, who is my PO",
        "who's the PO here?",
        "ok so who is the product owner in this team",
        "any idea who our PO is?",
    ] {
        let r = ask(k, q, Some(BLUE));
        names(&r, "po", &[BLUE_PO]);
        assert_eq!(r.title, "Product Owner of Team Blue", "{q}");
        assert!(
            r.description
                .starts_with("**<@2200000000000000001> is the Product Owner of Team Blue.**\n"),
            "{q}: {}",
            r.description
        );
        let po = k.role_index("po").unwrap();
        assert_eq!(r.colour, k.roles[po].colour);
        assert_eq!(related_ids(&r), ["po"]);
        assert_eq!(r.kind, Kind::Role);
    }
}

#[test]
fn the_team_the_question_names_beats_the_channels() {
    let k = roster();
    for q in [
        "who is the PO of team red?",
        "who's the red team's product owner",
        "Who is the product owner for the Red team?",
    ] {
        let r = ask(k, q, Some(BLUE));
        names(&r, "po", &[RED_PO]);
        assert_eq!(r.title, "Product Owner of Team Red", "{q}");
    }
}

#[test]
fn the_channel_gives_the_team_and_without_one_every_holder_is_listed() {
    let k = roster();
    names(&ask(k, "who's our PO", Some(RED)), "po", &[RED_PO]);
    for channel in [None, Some(ELSEWHERE)] {
        let r = ask(k, "who's our PO", channel);
        names(&r, "po", &[BLUE_PO, RED_PO]);
        assert!(
            r.description.starts_with(
                "**2 people hold the Product Owner role here:**\n\
                 <@2200000000000000001> · Product Owner · Team Blue\n\
                 <@2200000000000000002> · Product Owner · Team Red\n"
            ),
            "{}",
            r.description
        );
        assert_eq!(r.title, "Product Owner: who holds it");
    }
}

#[test]
fn a_holder_without_a_team_holds_the_role_for_every_team() {
    let k = roster();
    for (q, channel) in [
        ("who's the product manager for team blue?", None),
        ("who is our PM", Some(RED)),
        ("which person is our product manager?", None),
    ] {
        let r = ask(k, q, channel);
        names(&r, "pm", &[PM]);
        assert!(
            r.description
                .starts_with("**<@2200000000000000003> is the Product Manager for all teams.**"),
            "{q}: {}",
            r.description
        );
    }
}

#[test]
fn a_who_question_names_who_holds_the_role_that_answers_it() {
    let k = roster();
    // The role comes from the answer: the PM owns the roadmap, the PO the backlog.
    for (q, channel, role, people) in [
        (
            "@rolecall who do I ask about the roadmap?",
            None,
            "pm",
            &[PM][..],
        ),
        (
            "who should we talk to about the roadmap here",
            Some(BLUE),
            "pm",
            &[PM],
        ),
        ("who grooms our backlog?", Some(BLUE), "po", &[BLUE_PO]),
        (
            "who do i go to when a story is unclear",
            Some(RED),
            "po",
            &[RED_PO],
        ),
    ] {
        let r = ask(k, q, channel);
        names(&r, role, people);
        let generic = reply::answer(bare(), q, &cfg());
        assert!(generic.answered, "{q}: answered without a roster too");
    }
}

#[test]
fn an_answer_naming_two_roles_lists_both_roles_holders() {
    let k = roster();
    let r = ask(k, "who should I talk to about priorities", Some(BLUE));
    assert!(r.answered, "{r:#?}");
    assert_eq!(r.people, [PM, BLUE_PO], "{r:#?}");
    assert!(
        r.description
            .starts_with("**2 people hold these roles for Team Blue:**\n"),
        "{}",
        r.description
    );
    assert_eq!(related_ids(&r), ["pm", "po"]);
}

#[test]
fn two_roles_named_list_both_roles_holders() {
    let r = ask(roster(), "who are our PM and PO?", Some(RED));
    assert!(r.answered, "{r:#?}");
    assert_eq!(r.entry.as_deref(), Some("pm+po"));
    assert_eq!(r.people, [PM, RED_PO]);
    assert_eq!(r.title, "Product Manager and Product Owner of Team Red");
    assert_eq!(
        r.description,
        "**2 people hold these roles for Team Red:**\n\
         <@2200000000000000003> · Product Manager · all teams\n\
         <@2200000000000000002> · Product Owner · Team Red"
    );
}

#[test]
fn a_role_no_one_is_listed_for_is_not_answered_and_says_who_is_listed() {
    let only_pm = "[[holder]]\nrole = \"pm\"\nuser = \"2200000000000000003\"\n";
    let k = base_with(&[("people.toml", only_pm)], None);
    let r = ask(&k, "who is our PO?", None);
    assert!(!r.answered, "{r:#?}");
    assert_eq!(r.entry, None);
    assert_eq!(r.kind, Kind::None);
    assert!(
        r.description
            .starts_with("**No one is listed as the Product Owner here.** Listed here:\n<@2200000000000000003> · Product Manager · all teams\n"),
        "{}",
        r.description
    );
    assert_eq!(r.people, [PM]);
    assert_eq!(related_ids(&r), ["po"]);
    assert!(r.examples.is_empty(), "the role card is the button");

    // A question that finds the role by answering keeps its answer and says so.
    let r = ask(&k, "who do I ask about our backlog?", None);
    assert!(r.answered, "{r:#?}");
    assert!(r.people.is_empty());
    assert!(
        r.description
            .ends_with("No one is listed as the Product Owner here yet: ask your team lead."),
        "{}",
        r.description
    );
}

#[test]
fn without_a_roster_a_named_role_is_not_answered_and_offers_the_role_card() {
    for q in [
        "who is our PO?",
        "who's my product owner?",
        "who is the product manager here",
    ] {
        let r = ask(bare(), q, Some(BLUE));
        assert!(!r.answered, "{q}: {r:#?}");
        assert_eq!((r.kind, r.entry.as_deref()), (Kind::None, None));
        assert!(
            r.description
                .starts_with("**This team hasn't listed its people yet.** Ask your team lead"),
            "{}",
            r.description
        );
        assert!(r.description.contains("knowledge/README.md"));
        assert!(r.people.is_empty());
        assert!(r.examples.is_empty(), "examples would hide the role card");
        assert_eq!(r.related.len(), 1, "{q}");
        assert!(["po", "pm"].contains(&r.related[0].entry.as_str()));
    }
}

#[test]
fn without_a_roster_a_found_role_is_still_answered_with_a_note() {
    let r = ask(bare(), "@rolecall who do I ask about the roadmap?", None);
    assert!(r.answered, "{r:#?}");
    assert!(
        r.description.starts_with("**The Product Manager.**"),
        "{}",
        r.description
    );
    assert!(
        r.description.ends_with(
            "This team hasn't listed its people yet: ask your team lead who that is here."
        ),
        "{}",
        r.description
    );
    assert!(r.people.is_empty());
}

#[test]
fn generic_questions_answer_as_before_with_or_without_a_roster_or_channel() {
    for q in [
        "who owns the backlog?",
        "who decides what to build?",
        "what does a PO do?",
        "who is the PO?",
        "who is the product manager in SAFe",
        "is our PO the one who decides priorities?",
        "who decides, our PM or our PO?",
        "who does our PO report to?",
        "PM vs PO",
    ] {
        let plain = reply::answer(bare(), q, &cfg());
        for channel in [None, Some(BLUE)] {
            let r = ask(roster(), q, channel);
            assert!(r.people.is_empty(), "{q}: {r:#?}");
            assert_eq!(
                (r.answered, &r.entry, &r.description),
                (plain.answered, &plain.entry, &plain.description),
                "{q}"
            );
        }
    }
}

#[test]
fn newcomers_are_pointed_to_the_tour_when_there_is_one() {
    for q in [
        "I'm new here, where do I start?",
        "how do I get onboarded?",
        "first day — what should I read?",
        "is there an onboarding?",
        "new to the team, where to begin",
        "hi all, just joined this week. any tips on getting started?",
        "can someone onboard me?",
        "Hello! I'm pretty new. Where do I even start",
        "as a new hire, what should I read first?",
    ] {
        let r = ask(toured(), q, None);
        assert!(r.tour && r.answered, "{q}: {r:#?}");
        assert_eq!(r.title, "New here? Start with the tour");
        assert_eq!(
            r.description,
            "**Start with the onboarding tour.** It walks you through who does what in 3 steps, with a short quiz."
        );
        assert_eq!(r.entry.as_deref(), Some(reply::TOUR_ENTRY));

        let shown = text::render(&r);
        assert!(
            shown.contains("Run `rolecall onboard` to take it."),
            "{shown}"
        );
        assert!(
            !shown.contains("/onboard"),
            "the terminal names its own command"
        );

        let without = ask(bare(), q, None);
        assert!(!without.tour, "{q}: no tour, no pointer");
        assert_eq!(without, reply::answer(bare(), q, &cfg()));
    }
}

#[test]
fn a_newcomers_question_that_is_answered_points_to_the_tour_below_the_answer() {
    let q = "hi, I just joined - who owns the backlog?";
    let r = ask(toured(), q, None);
    let plain = ask(bare(), q, None);
    assert!(r.answered && r.tour, "{r:#?}");
    assert_eq!(r.entry, plain.entry);
    assert_eq!(
        r.description,
        format!("{}\n{}", plain.description, reply::TOUR_NOTE)
    );
    let shown = text::render(&r);
    assert!(
        shown.contains("Run `rolecall onboard` to take it."),
        "{shown}"
    );
}

#[test]
fn onboarding_words_outside_a_question_and_other_uses_of_new_are_not_newcomers() {
    for q in [
        "we are onboarding a new supplier next month",
        "who decides on new features?",
        "what's new for POs in SAFe 6",
        "is the PM new to the ART?",
    ] {
        let r = ask(toured(), q, None);
        assert!(!r.tour, "{q}: {r:#?}");
        assert_eq!(r, ask(bare(), q, None), "{q}");
    }
}

#[test]
fn a_newcomer_asking_about_a_role_gets_the_answer_then_the_tour() {
    for q in [
        "I'm new here, what does a PO do?",
        "first day, what's the difference between PM and PO?",
        "new to the team: who owns the backlog?",
        "hi! I am new. who decides what we build?",
    ] {
        let r = ask(toured(), q, None);
        let plain = ask(bare(), q, None);
        assert!(r.tour && r.answered, "{q}: {r:#?}");
        assert_eq!(r.entry, plain.entry, "{q}");
        assert!(r.description.ends_with(reply::TOUR_NOTE), "{q}");
    }
}

#[test]
fn help_mentions_the_tour_only_when_there_is_one() {
    let has = |k: &KnowledgeBase| {
        reply::help(k)
            .fields
            .iter()
            .any(|f| discord(&f.value).contains("`/onboard`"))
    };
    assert!(has(toured()));
    assert!(!has(bare()));
}

#[test]
fn roster_lines_show_each_holder_with_role_and_team() {
    let k = roster();
    assert_eq!(
        people::roster_lines(k, people::find_team(k, "the blue team"))
            .iter()
            .map(|l| discord(l))
            .collect::<Vec<_>>(),
        [
            "<@2200000000000000003> · Product Manager · all teams",
            "<@2200000000000000001> · Product Owner · Team Blue",
        ]
    );
    assert_eq!(people::roster_lines(k, None).len(), 3);
    assert_eq!(people::team_of_channel(k, RED), people::find_team(k, "red"));
}

/// `rolecall ask --json` over `questions` with `--knowledge <dir>`.
fn ask_json(knowledge: &std::path::Path, question: &str) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .args(["ask", "--json", "--knowledge"])
        .arg(knowledge)
        .arg(question)
        .output()
        .expect("rolecall runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

/// A folder holding the shipped knowledge's files, plus `extra`.
fn folder(name: &str, extra: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rolecall-people-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    for entry in std::fs::read_dir(shipped).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    for (file, text) in extra {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

#[test]
fn ask_json_reports_people_as_strings_and_no_roster_as_not_answered() {
    let shipped = folder("shipped", &[]);
    let v = ask_json(&shipped, "who is our PO?");
    assert_eq!(v["answered"], false, "{v}");
    assert_eq!(v["people"], serde_json::json!([]));
    assert_eq!(v["tour"], false);
    for key in [
        "question",
        "kind",
        "entry",
        "confidence",
        "embed",
        "suggestions",
        "related",
        "examples",
        "menu",
    ] {
        assert!(v.get(key).is_some(), "{key} kept: {v}");
    }
    assert_eq!(v["related"][0]["entry"], "po");

    let with = folder("roster", &[("people.toml", ROSTER)]);
    let v = ask_json(&with, "who's the PO for team red?");
    assert_eq!(v["answered"], true, "{v}");
    assert_eq!(v["entry"], "po");
    assert_eq!(v["people"], serde_json::json!(["2200000000000000002"]));
    let _ = std::fs::remove_dir_all(shipped);
    let _ = std::fs::remove_dir_all(with);
}
