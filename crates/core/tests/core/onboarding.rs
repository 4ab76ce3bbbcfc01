//! The tour engine: resuming and restarting, every action (out-of-range ones too), the
//! fingerprint, what each page shows within Discord's limits, and the admins' report.

use rolecall_core::knowledge::naming;
use rolecall_core::knowledge::{Holder, Origin, Quiz, Team, Tour, TourStep};
use rolecall_core::limits;
use rolecall_core::onboarding::{
    apply, fingerprint, no_tour, report, resume, score, view, Action, Does, Page, Progress, Stats,
    Style, Surface, TourButton, View, DONE, INTRO,
};
use rolecall_core::reply::{self, Reply};
use rolecall_core::{Kind, Knowledge};

const NOW: i64 = 1_700_000_000;
const ORIGIN: Origin = Origin { file: 0, line: 1 };

fn shipped() -> Knowledge {
    Knowledge::shipped().expect("the shipped knowledge loads")
}

fn quiz(question: &str, choices: &[&str], answer: usize, explain: &str) -> Option<Quiz> {
    Some(Quiz {
        question: question.into(),
        choices: choices.iter().map(|c| c.to_string()).collect(),
        answer,
        explain: explain.into(),
    })
}

fn step(k: &Knowledge, id: &str, show: &[&str], quiz: Option<Quiz>) -> TourStep {
    TourStep {
        id: id.into(),
        title: format!("About {id}"),
        text: format!("**The {id} step.** It explains {id} in a few lines."),
        show: show
            .iter()
            .map(|e| k.parse_entry(e).unwrap_or_else(|| panic!("entry {e}")))
            .collect(),
        roster: false,
        quiz,
        origin: ORIGIN,
    }
}

/// Five steps, three with a quiz (right answers: 2nd, 1st, 3rd choice).
fn hand_tour(k: &Knowledge) -> Tour {
    let mut steps =
        vec![
        step(k, "art", &["safe", "art"], None),
        step(
            k,
            "meet-pm",
            &["pm"],
            quiz(
                "What does the PM look after?",
                &["The team backlog", "The vision and roadmap", "Payroll"],
                1,
                "The PM faces the market and owns the roadmap.",
            ),
        ),
        step(
            k,
            "meet-po",
            &["po", "po.owns"],
            quiz(
                "Who owns the team backlog?",
                &["The Product Owner", "The Product Manager"],
                0,
                "The PO owns and orders the team backlog.",
            ),
        ),
        step(
            k,
            "who-decides",
            &["pm+po.owns", "who-owns-backlog"],
            quiz(
                "Who decides what the train builds next?",
                &["Whoever shouts loudest", "The PO alone", "The PM, with the POs"],
                2,
                "Content authority sits with the PM for the train, with the POs for their teams.",
            ),
        ),
        step(k, "next", &["work-together"], None),
    ];
    steps[3].roster = true;
    Tour {
        title: "Welcome to the ART".into(),
        intro: "**Hi!** A short tour of who does what.".into(),
        outro: "**That's the tour.** You know who to ask now.".into(),
        steps,
        origin: ORIGIN,
    }
}

/// The shipped knowledge with the hand-built tour.
fn with_tour() -> Knowledge {
    let mut k = shipped();
    let tour = hand_tour(&k);
    k.tour = Some(tour);
    k
}

fn tour(k: &Knowledge) -> &Tour {
    k.tour.as_ref().expect("a tour")
}

fn go(k: &Knowledge, p: &mut Progress, page: Page, now: i64) -> Page {
    apply(tour(k), p, Action::Go(page), now)
}

fn answer(k: &Knowledge, p: &mut Progress, step: usize, choice: usize) -> Page {
    apply(tour(k), p, Action::Answer { step, choice }, NOW + 5)
}

fn field<'a>(r: &'a Reply, name: &str) -> Option<&'a rolecall_core::reply::Field> {
    r.fields.iter().find(|f| f.name.starts_with(name))
}

fn labels(v: &View) -> Vec<&str> {
    v.buttons.iter().map(|b| b.label.as_str()).collect()
}

fn find<'a>(v: &'a View, label: &str) -> &'a TourButton {
    v.buttons
        .iter()
        .find(|b| b.label == label)
        .unwrap_or_else(|| panic!("no button {label:?} in {:?}", labels(v)))
}

#[test]
fn resume_keeps_stored_progress_and_restart_starts_fresh() {
    assert_eq!(resume(None, false, NOW), Progress::new(NOW));
    assert_eq!(resume(None, true, NOW), Progress::new(NOW));
    let mut stored = Progress::new(NOW - 100);
    stored.step = "meet-po".into();
    assert_eq!(resume(Some(stored.clone()), false, NOW), stored);
    let fresh = resume(Some(stored), true, NOW);
    assert_eq!(fresh.step, INTRO);
    assert_eq!(fresh.started_at, NOW);
    assert!(fresh.answers.is_empty() && fresh.finished_at.is_none());
}

#[test]
fn pages_are_numbered_intro_steps_summary() {
    let k = with_tour();
    let t = tour(&k);
    assert_eq!(Page::Intro.number(t), 0);
    assert_eq!(Page::Step(0).number(t), 1);
    assert_eq!(Page::Step(4).number(t), 5);
    assert_eq!(Page::Summary.number(t), 6);
    for n in 0..=6 {
        let page = Page::from_number(t, n).expect("a page");
        assert_eq!(page.number(t), n);
    }
    assert_eq!(Page::from_number(t, 7), None);
    assert_eq!(Page::from_number(t, usize::MAX), None);
    assert_eq!(
        Page::Step(99).number(t),
        5,
        "a step past the end is the last"
    );

    let mut p = Progress::new(NOW);
    assert_eq!(Page::of(t, &p), Page::Intro);
    p.step = "meet-po".into();
    assert_eq!(Page::of(t, &p), Page::Step(2));
    p.step = DONE.into();
    assert_eq!(Page::of(t, &p), Page::Summary);
    p.step = "a-step-since-renamed".into();
    assert_eq!(Page::of(t, &p), Page::Intro, "an edited tour starts over");
}

#[test]
fn go_moves_and_the_summary_records_the_finish_once() {
    let k = with_tour();
    let mut p = Progress::new(NOW);
    assert_eq!(go(&k, &mut p, Page::Step(1), NOW + 1), Page::Step(1));
    assert_eq!(p.step, "meet-pm");
    assert_eq!(go(&k, &mut p, Page::Intro, NOW + 2), Page::Intro);
    assert_eq!(p.step, INTRO);
    assert_eq!(p.finished_at, None);
    assert_eq!(go(&k, &mut p, Page::Summary, NOW + 10), Page::Summary);
    assert_eq!(p.step, DONE);
    assert_eq!(p.finished_at, Some(NOW + 10));
    go(&k, &mut p, Page::Step(0), NOW + 20);
    assert_eq!(go(&k, &mut p, Page::Summary, NOW + 30), Page::Summary);
    assert_eq!(p.finished_at, Some(NOW + 10), "the first finish is kept");
    assert_eq!(p.started_at, NOW);
}

#[test]
fn go_past_the_last_step_is_clamped() {
    let k = with_tour();
    let mut p = Progress::new(NOW);
    assert_eq!(go(&k, &mut p, Page::Step(99), NOW), Page::Step(4));
    assert_eq!(p.step, "next");
    assert_eq!(go(&k, &mut p, Page::Step(usize::MAX), NOW), Page::Step(4));
    let mut empty = tour(&k).clone();
    empty.steps.clear();
    assert_eq!(
        apply(&empty, &mut p, Action::Go(Page::Step(0)), NOW),
        Page::Summary
    );
    assert_eq!(p.step, DONE);
}

#[test]
fn the_first_answer_counts_and_stays_on_the_step() {
    let k = with_tour();
    let mut p = Progress::new(NOW);
    go(&k, &mut p, Page::Step(1), NOW);
    assert_eq!(
        answer(&k, &mut p, 2, 1),
        Page::Step(2),
        "stays on that step"
    );
    assert_eq!(p.step, "meet-po");
    assert_eq!(p.answer("meet-po"), Some(1));
    assert_eq!(p.answers[0].at, NOW + 5);
    assert_eq!(answer(&k, &mut p, 2, 0), Page::Step(2));
    assert_eq!(
        p.answer("meet-po"),
        Some(1),
        "a second click changes nothing"
    );
    assert_eq!(p.answers.len(), 1);
}

#[test]
fn out_of_range_answers_are_ignored() {
    let k = with_tour();
    let mut p = Progress::new(NOW);
    go(&k, &mut p, Page::Step(1), NOW);
    let before = p.clone();
    assert_eq!(
        answer(&k, &mut p, 99, 0),
        Page::Step(1),
        "no such step: stay"
    );
    assert_eq!(answer(&k, &mut p, usize::MAX, usize::MAX), Page::Step(1));
    assert_eq!(p, before);
    assert_eq!(answer(&k, &mut p, 1, 3), Page::Step(1), "no choice 4");
    assert_eq!(answer(&k, &mut p, 1, usize::MAX), Page::Step(1));
    assert_eq!(p.answer("meet-pm"), None);
    assert_eq!(answer(&k, &mut p, 0, 0), Page::Step(0), "no quiz on step 1");
    assert!(p.answers.is_empty());
    // An answer the edited quiz no longer offers gives way to a new one.
    p.answers.push(rolecall_core::onboarding::Answer {
        step: "meet-pm".into(),
        choice: 7,
        at: NOW,
    });
    answer(&k, &mut p, 1, 1);
    assert_eq!(p.answer("meet-pm"), Some(1));
    assert_eq!(p.answers.len(), 1);
}

#[test]
fn restart_starts_fresh_on_the_intro() {
    let k = with_tour();
    let mut p = Progress::new(NOW);
    answer(&k, &mut p, 1, 0);
    go(&k, &mut p, Page::Summary, NOW + 50);
    assert_eq!(
        apply(tour(&k), &mut p, Action::Restart, NOW + 60),
        Page::Intro
    );
    assert_eq!(p, Progress::new(NOW + 60));
}

/// A change to a tour.
type Edit = fn(&mut Tour);

#[test]
fn the_fingerprint_is_stable_and_changes_with_any_edit() {
    let k = with_tour();
    let t = tour(&k);
    let print = fingerprint(t);
    // The same in every run and on every machine (FNV-1a, not a randomized hasher).
    assert_eq!(print, 0x9aaf_11b4, "got {print:#010x}");
    assert_eq!(fingerprint(&t.clone()), print);
    let edits: Vec<(&str, Edit)> = vec![
        ("title", |t| t.title.push('!')),
        ("intro", |t| t.intro.push('!')),
        ("outro", |t| t.outro.push('!')),
        ("step id", |t| t.steps[0].id.push('x')),
        ("step title", |t| t.steps[0].title.push('!')),
        ("step text", |t| t.steps[0].text.push('!')),
        ("step order", |t| t.steps.swap(0, 1)),
        ("a step removed", |t| {
            t.steps.pop();
        }),
        ("a quiz removed", |t| t.steps[1].quiz = None),
        ("question", |t| {
            t.steps[1].quiz.as_mut().unwrap().question.push('?')
        }),
        ("choice", |t| {
            t.steps[1].quiz.as_mut().unwrap().choices[0].push('!')
        }),
        ("choice added", |t| {
            t.steps[1]
                .quiz
                .as_mut()
                .unwrap()
                .choices
                .push("More".into())
        }),
        ("answer", |t| t.steps[1].quiz.as_mut().unwrap().answer = 0),
        ("explain", |t| {
            t.steps[1].quiz.as_mut().unwrap().explain.push('!')
        }),
        ("text moved between fields", |t| {
            let c = t.title.pop().unwrap();
            t.intro.insert(0, c);
        }),
    ];
    for (what, edit) in edits {
        let mut edited = t.clone();
        edit(&mut edited);
        assert_ne!(
            fingerprint(&edited),
            print,
            "{what} changes the fingerprint"
        );
    }
}

/// Everything Discord checks of one page: embed texts, fields, total; button labels, rows.
fn assert_within_limits(v: &View, what: &str) {
    let r = &v.reply;
    let c = limits::chars;
    assert!(
        !r.title.is_empty() && c(&r.title) <= limits::TITLE,
        "{what}: title"
    );
    assert!(
        c(&r.description) <= limits::DESCRIPTION,
        "{what}: description"
    );
    assert!(c(&r.footer) <= limits::FOOTER_TEXT, "{what}: footer");
    assert!(r.fields.len() <= limits::FIELDS, "{what}: fields");
    for f in &r.fields {
        assert!(
            (1..=limits::FIELD_NAME).contains(&c(&f.name)),
            "{what}: {f:?}"
        );
        assert!(
            (1..=limits::FIELD_VALUE).contains(&c(&f.value)),
            "{what}: {f:?}"
        );
    }
    let total = c(&r.title)
        + c(&r.description)
        + c(&r.footer)
        + r.fields
            .iter()
            .map(|f| c(&f.name) + c(&f.value))
            .sum::<usize>();
    assert!(total <= limits::TOTAL, "{what}: total {total}");
    assert!(
        r.rows.is_empty() && r.menu.is_none(),
        "{what}: no rows or menu"
    );
    let embed = rolecall_core::render::Embed::from_reply(r);
    assert!(embed.within_limits(), "{what}");
    assert_eq!(embed.description, r.description, "{what}: nothing cut");
    for b in &v.buttons {
        assert!(
            (1..=limits::BUTTON_LABEL).contains(&c(&b.label)),
            "{what}: {b:?}"
        );
    }
    let rows: Vec<u8> = v.buttons.iter().map(|b| b.row).collect();
    assert!(
        rows.windows(2).all(|w| w[0] <= w[1]),
        "{what}: rows in order"
    );
    assert!(rows.iter().all(|&r| r < 5), "{what}: at most 5 rows");
    for row in 0..5 {
        let n = rows.iter().filter(|&&r| r == row).count();
        assert!(n <= 5, "{what}: row {row} has {n} buttons");
    }
}

/// Every page of `k`'s tour, for a user who answered nothing, everything right, and
/// everything wrong, on both surfaces, with and without a note.
fn every_view(k: &Knowledge) -> Vec<(String, View)> {
    let t = tour(k);
    let mut right = Progress::new(NOW);
    let mut wrong = Progress::new(NOW);
    for (i, s) in t.steps.iter().enumerate() {
        if let Some(q) = &s.quiz {
            apply(
                t,
                &mut right,
                Action::Answer {
                    step: i,
                    choice: q.answer,
                },
                NOW,
            );
            let bad = (q.answer + 1) % q.choices.len();
            apply(
                t,
                &mut wrong,
                Action::Answer {
                    step: i,
                    choice: bad,
                },
                NOW,
            );
        }
    }
    let mut all = Vec::new();
    for (who, p) in [
        ("fresh", Progress::new(NOW)),
        ("right", right),
        ("wrong", wrong),
    ] {
        for n in 0..=t.steps.len() + 1 {
            let page = Page::from_number(t, n).unwrap();
            for surface in [Surface::Discord, Surface::Terminal] {
                for note in [
                    None,
                    Some("Your progress couldn't be saved just now; the tour still works."),
                ] {
                    let v = view(k, &p, page, surface, note);
                    assert_eq!(v.page, page);
                    all.push((format!("{who} {page:?} {surface:?} {note:?}"), v));
                }
            }
        }
    }
    all
}

/// Team Blue, with one channel.
fn team_blue() -> Team {
    Team {
        id: "blue".into(),
        name: "Team Blue".into(),
        aliases: Vec::new(),
        channels: vec![1_100_000_000_000_000_001],
        origin: ORIGIN,
    }
}

#[test]
fn every_page_of_the_hand_built_tour_fits_discord() {
    let mut k = with_tour();
    k.teams.push(team_blue());
    // A roster far longer than a field holds.
    for n in 0..200 {
        k.holders.push(Holder {
            role: n % 2,
            user: 2_200_000_000_000_000_000 + n as u64,
            team: (n % 3 == 0).then_some(0),
            origin: ORIGIN,
        });
    }
    for (what, v) in every_view(&k) {
        assert_within_limits(&v, &what);
    }
}

/// The shipped knowledge with the roster fixture's teams and people.
fn shipped_with_roster() -> Knowledge {
    let mut sources = Knowledge::shipped_sources();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/roster/people.toml"
    );
    sources.push(rolecall_core::knowledge::Source {
        path: path.into(),
        text: std::fs::read_to_string(path).expect("the roster fixture"),
    });
    Knowledge::from_sources(sources).expect("the shipped knowledge and the roster load")
}

#[test]
fn every_page_of_the_shipped_tour_fits_discord() {
    for k in [shipped(), shipped_with_roster()] {
        let t = k.tour.as_ref().expect("the shipped knowledge has a tour");
        assert!((5..=8).contains(&t.steps.len()), "5–8 steps");
        let quizzes = t.steps.iter().filter(|s| s.quiz.is_some()).count();
        assert!((2..=3).contains(&quizzes), "2–3 quiz questions");
        for (what, v) in every_view(&k) {
            assert_within_limits(&v, &what);
        }
    }
}

#[test]
fn the_shipped_roster_step_names_the_people_listed() {
    let k = shipped_with_roster();
    let t = tour(&k);
    let i = t
        .steps
        .iter()
        .position(|s| s.roster)
        .expect("a roster step");
    let v = view(
        &k,
        &Progress::new(NOW),
        Page::Step(i),
        Surface::Discord,
        None,
    );
    let roster = field(&v.reply, "Who holds which role here").expect("the roster");
    for user in [
        "2200000000000000001",
        "2200000000000000002",
        "2200000000000000003",
    ] {
        assert!(
            roster.value.contains(&format!("<@{user}>")),
            "{}",
            roster.value
        );
    }
    let v = view(
        &shipped(),
        &Progress::new(NOW),
        Page::Step(i),
        Surface::Discord,
        None,
    );
    let roster = field(&v.reply, "Who holds which role here").expect("the roster note");
    assert!(roster.value.contains("hasn't listed"), "{}", roster.value);
}

#[test]
fn oversized_text_is_cut_by_characters_to_fit() {
    let mut k = with_tour();
    let t = k.tour.as_mut().unwrap();
    t.title = "Ü".repeat(500);
    t.intro = "ñ".repeat(7000);
    t.steps[1].text = "é".repeat(5000);
    t.steps[1].title = "ä".repeat(300);
    let q = t.steps[1].quiz.as_mut().unwrap();
    q.question = "ö".repeat(2000);
    q.explain = "ß".repeat(2000);
    q.choices[0] = "ø".repeat(200);
    let mut p = Progress::new(NOW);
    for page in [Page::Intro, Page::Step(1), Page::Summary] {
        assert_within_limits(&view(&k, &p, page, Surface::Discord, Some("note")), "long");
    }
    answer(&k, &mut p, 1, 0);
    assert_within_limits(
        &view(&k, &p, Page::Step(1), Surface::Discord, None),
        "answered",
    );
}

#[test]
fn the_intro_shows_the_tour_at_a_glance_and_starts_it() {
    let k = with_tour();
    let v = view(&k, &Progress::new(NOW), Page::Intro, Surface::Discord, None);
    assert_eq!(v.reply.title, "Welcome to the ART");
    assert!(
        v.reply.description.starts_with("**Hi!** A short tour"),
        "{}",
        v.reply.description
    );
    assert!(
        v.reply
            .description
            .contains("5 steps · 3 quiz questions · about 2 minutes"),
        "{}",
        v.reply.description
    );
    assert_eq!(v.reply.footer, k.short_credit_for(None));
    assert_eq!(v.reply.colour, reply::NEUTRAL_COLOUR);
    assert_eq!(v.reply.kind, Kind::Help);
    assert!(v.reply.suggestions.is_empty() && v.reply.related.is_empty());
    assert_eq!(
        v.buttons,
        vec![TourButton {
            label: "Start".into(),
            does: Does::Tour(Action::Go(Page::Step(0))),
            style: Style::Primary,
            disabled: false,
            row: 0,
        }]
    );
}

#[test]
fn a_step_shows_its_text_entries_and_back_next() {
    let k = with_tour();
    let p = Progress::new(NOW);
    let v = view(&k, &p, Page::Step(0), Surface::Discord, None);
    assert_eq!(v.reply.title, "About art");
    assert!(v.reply.description.starts_with("**The art step.**"));
    assert_eq!(v.reply.footer, "Step 1 of 5 · Welcome to the ART");
    let names: Vec<&str> = v.reply.fields.iter().map(|f| f.name.as_str()).collect();
    let safe = k.parse_entry("safe").unwrap();
    let art = k.parse_entry("art").unwrap();
    assert_eq!(names, [naming::title(&k, safe), naming::title(&k, art)]);
    for f in &v.reply.fields {
        assert!(
            f.value.starts_with("**") && f.value.ends_with("**"),
            "{f:?}"
        );
        assert!(!f.value.contains('\n'), "one line: {f:?}");
    }
    assert_eq!(labels(&v), ["Back", "Next"]);
    assert_eq!(find(&v, "Back").does, Does::Tour(Action::Go(Page::Intro)));
    assert_eq!(find(&v, "Back").style, Style::Secondary);
    assert_eq!(find(&v, "Next").does, Does::Tour(Action::Go(Page::Step(1))));
    assert_eq!(find(&v, "Next").style, Style::Primary);
    assert!(v.buttons.iter().all(|b| b.row == 0 && !b.disabled));

    let last = view(&k, &p, Page::Step(4), Surface::Discord, None);
    assert_eq!(labels(&last), ["Back", "Finish"]);
    assert_eq!(
        find(&last, "Finish").does,
        Does::Tour(Action::Go(Page::Summary))
    );
    assert_eq!(
        find(&last, "Back").does,
        Does::Tour(Action::Go(Page::Step(3)))
    );
}

#[test]
fn a_meet_the_role_step_takes_the_role_colour() {
    let mut k = with_tour();
    let p = Progress::new(NOW);
    let po = &k.roles[k.role_index("po").unwrap()];
    let colour = |k: &Knowledge, i| {
        view(k, &p, Page::Step(i), Surface::Discord, None)
            .reply
            .colour
    };
    assert_eq!(colour(&k, 2), po.colour, "the PO's card and a PO fact");
    assert_eq!(colour(&k, 3), reply::NEUTRAL_COLOUR, "a comparison");
    assert_eq!(colour(&k, 0), reply::NEUTRAL_COLOUR, "terms only");
    let po_colour = po.colour;
    let backlog = k.parse_entry("who-owns-backlog").unwrap();
    k.tour.as_mut().unwrap().steps[2].show.push(backlog);
    assert_eq!(colour(&k, 2), po_colour, "a FAQ beside the PO's card");
    let pm = k.parse_entry("pm").unwrap();
    k.tour.as_mut().unwrap().steps[2].show.push(pm);
    assert_eq!(colour(&k, 2), reply::NEUTRAL_COLOUR, "two roles");
}

#[test]
fn an_open_quiz_offers_its_choices_and_skip() {
    let k = with_tour();
    let v = view(
        &k,
        &Progress::new(NOW),
        Page::Step(1),
        Surface::Discord,
        None,
    );
    let q = field(&v.reply, "Quick check").expect("the question");
    assert_eq!(q.value, "What does the PM look after?");
    assert!(field(&v.reply, "✅").is_none() && field(&v.reply, "❌").is_none());
    assert_eq!(
        labels(&v),
        [
            "The team backlog",
            "The vision and roadmap",
            "Payroll",
            "Back",
            "Skip"
        ]
    );
    for (j, b) in v.buttons.iter().take(3).enumerate() {
        assert_eq!(b.does, Does::Tour(Action::Answer { step: 1, choice: j }));
        assert_eq!((b.style, b.disabled, b.row), (Style::Secondary, false, 0));
    }
    assert_eq!(find(&v, "Skip").does, Does::Tour(Action::Go(Page::Step(2))));
    assert_eq!((find(&v, "Skip").row, find(&v, "Back").row), (1, 1));
    // The terminal numbers the choices in the question, to be typed.
    let t = view(
        &k,
        &Progress::new(NOW),
        Page::Step(1),
        Surface::Terminal,
        None,
    );
    let q = field(&t.reply, "Quick check").unwrap();
    assert!(
        q.value
            .contains("\n1. The team backlog\n2. The vision and roadmap\n3. Payroll"),
        "{}",
        q.value
    );
}

#[test]
fn an_answered_quiz_says_right_or_wrong_with_the_explanation() {
    let k = with_tour();
    let mut p = Progress::new(NOW);
    answer(&k, &mut p, 1, 1);
    let v = view(&k, &p, Page::Step(1), Surface::Discord, None);
    let verdict = field(&v.reply, "✅").expect("a verdict");
    assert_eq!(verdict.name, "✅ Right: The vision and roadmap");
    assert_eq!(
        verdict.value,
        "The PM faces the market and owns the roadmap."
    );
    let styles: Vec<(Style, bool)> = v
        .buttons
        .iter()
        .take(3)
        .map(|b| (b.style, b.disabled))
        .collect();
    assert_eq!(
        styles,
        [
            (Style::Secondary, true),
            (Style::Success, true),
            (Style::Secondary, true)
        ]
    );
    assert_eq!(labels(&v)[3..], ["Back", "Next"]);
    assert!(!find(&v, "Next").disabled);

    answer(&k, &mut p, 3, 0);
    let v = view(&k, &p, Page::Step(3), Surface::Discord, None);
    let verdict = field(&v.reply, "❌").expect("a verdict");
    assert_eq!(
        verdict.name,
        "❌ Not quite — the answer is The PM, with the POs"
    );
    assert!(verdict.value.starts_with("Content authority"));
    let styles: Vec<Style> = v.buttons.iter().take(3).map(|b| b.style).collect();
    assert_eq!(styles, [Style::Danger, Style::Secondary, Style::Success]);
    assert!(v.buttons.iter().take(3).all(|b| b.disabled));
    assert_eq!(labels(&v)[3..], ["Back", "Next"]);
}

#[test]
fn a_roster_step_lists_the_people_or_says_none_are_listed() {
    let mut k = with_tour();
    let p = Progress::new(NOW);
    let v = view(&k, &p, Page::Step(3), Surface::Discord, None);
    let roster = field(&v.reply, "Who holds which role here").expect("a roster field");
    assert!(roster.value.contains("hasn't listed"), "{}", roster.value);
    assert!(field(
        &view(&k, &p, Page::Step(2), Surface::Discord, None).reply,
        "Who holds"
    )
    .is_none());

    k.teams.push(team_blue());
    let po = k.role_index("po").unwrap();
    let pm = k.role_index("pm").unwrap();
    k.holders.push(Holder {
        role: po,
        user: 2_200_000_000_000_000_001,
        team: Some(0),
        origin: ORIGIN,
    });
    k.holders.push(Holder {
        role: pm,
        user: 2_200_000_000_000_000_003,
        team: None,
        origin: ORIGIN,
    });
    let v = view(&k, &p, Page::Step(3), Surface::Discord, None);
    let roster = field(&v.reply, "Who holds which role here").unwrap();
    assert!(
        roster
            .value
            .contains("<@2200000000000000001> · Product Owner · Team Blue"),
        "{}",
        roster.value
    );
    assert!(
        roster
            .value
            .contains("<@2200000000000000003> · Product Manager"),
        "{}",
        roster.value
    );
    // The people named, for the Discord layer (in the roster's order: by role).
    assert_eq!(
        v.reply.people,
        [2_200_000_000_000_000_003, 2_200_000_000_000_000_001]
    );
    assert!(view(&k, &p, Page::Step(2), Surface::Discord, None)
        .reply
        .people
        .is_empty());
    // A terminal shows the mentions as @ids.
    let t = view(&k, &p, Page::Step(3), Surface::Terminal, None);
    let text = rolecall_core::render::text::render(&t.reply);
    assert!(!text.contains("<@"), "{text}");
    assert!(
        text.contains("@2200000000000000001 · Product Owner · Team Blue"),
        "{text}"
    );
}

#[test]
fn the_summary_scores_the_quiz_and_offers_what_to_read_again() {
    let k = with_tour();
    let mut p = Progress::new(NOW);
    answer(&k, &mut p, 1, 1); // right
    answer(&k, &mut p, 2, 1); // wrong
    answer(&k, &mut p, 3, 2); // right
    let s = score(tour(&k), &p);
    assert_eq!((s.right, s.answered, s.questions), (2, 3, 3));
    let v = view(&k, &p, Page::Summary, Surface::Discord, None);
    assert_eq!(v.reply.title, "Welcome to the ART");
    let d = &v.reply.description;
    assert!(d.starts_with("**That's the tour.**"), "{d}");
    assert!(d.contains("Quiz: 2 of 3 right"), "{d}");
    assert!(d.ends_with("Ask me anything with `/ask`."), "{d}");
    // Step 3 (meet-po) was wrong: its entries are to read again.
    let po = k.parse_entry("po").unwrap();
    let po_owns = k.parse_entry("po.owns").unwrap();
    let again = field(&v.reply, "Read again").expect("read again");
    assert_eq!(
        again.value,
        format!(
            "• {}\n• {}",
            naming::title(&k, po),
            naming::title(&k, po_owns)
        )
    );
    assert_eq!(
        labels(&v),
        [
            naming::label(&k, po).as_str(),
            &naming::label(&k, po_owns),
            "Back",
            "Start over"
        ]
    );
    assert_eq!(v.buttons[0].does, Does::Open("po".into()));
    assert_eq!(v.buttons[1].does, Does::Open("po.owns".into()));
    assert_eq!(find(&v, "Start over").does, Does::Tour(Action::Restart));
    assert_eq!(find(&v, "Start over").style, Style::Secondary);
    assert_eq!(find(&v, "Back").does, Does::Tour(Action::Go(Page::Step(4))));
    assert_eq!((v.buttons[0].row, find(&v, "Back").row), (0, 1));

    let t = view(&k, &p, Page::Summary, Surface::Terminal, None);
    assert!(
        t.reply
            .description
            .contains("`rolecall ask \"…\"` or `rolecall chat`"),
        "{}",
        t.reply.description
    );
    assert!(field(&t.reply, "Read again")
        .unwrap()
        .value
        .starts_with("1. "));
}

#[test]
fn a_skipped_quiz_is_said_and_all_its_entries_come_back() {
    let k = with_tour();
    let v = view(
        &k,
        &Progress::new(NOW),
        Page::Summary,
        Surface::Discord,
        None,
    );
    assert!(
        v.reply.description.contains("You skipped the quiz"),
        "{}",
        v.reply.description
    );
    let opens: Vec<&Does> = v
        .buttons
        .iter()
        .map(|b| &b.does)
        .filter(|d| matches!(d, Does::Open(_)))
        .collect();
    // pm; po, po.owns; pm+po.owns, who-owns-backlog (steps without a quiz are not repeated).
    assert_eq!(opens.len(), 5, "{:?}", labels(&v));
    assert!(v.buttons.iter().take(5).all(|b| b.row == 0));

    let mut p = Progress::new(NOW);
    answer(&k, &mut p, 1, 1);
    let v = view(&k, &p, Page::Summary, Surface::Discord, None);
    assert!(
        v.reply
            .description
            .contains("Quiz: 1 of 3 right** (2 skipped)"),
        "{}",
        v.reply.description
    );

    let mut all_right = Progress::new(NOW);
    for (i, c) in [(1, 1), (2, 0), (3, 2)] {
        answer(&k, &mut all_right, i, c);
    }
    let v = view(&k, &all_right, Page::Summary, Surface::Discord, None);
    assert!(v.reply.description.contains("Quiz: 3 of 3 right"));
    assert!(field(&v.reply, "Read again").is_none());
    assert_eq!(labels(&v), ["Back", "Start over"]);
    assert!(v.buttons.iter().all(|b| b.row == 0));
}

#[test]
fn a_note_is_shown_first() {
    let k = with_tour();
    let note = "Your progress couldn't be saved just now; the tour still works.";
    for page in [Page::Intro, Page::Step(1), Page::Summary] {
        let v = view(&k, &Progress::new(NOW), page, Surface::Discord, Some(note));
        assert!(
            v.reply.description.starts_with(&format!("⚠️ {note}\n\n")),
            "{page:?}"
        );
    }
}

#[test]
fn without_a_tour_pages_say_how_to_add_one() {
    let k = shipped();
    let mut k2 = shipped();
    k2.tour = None;
    for k in [&k, &k2] {
        if k.tour.is_some() {
            continue;
        }
        let r = no_tour(k, Surface::Discord);
        assert!(
            r.description.contains("no onboarding tour"),
            "{}",
            r.description
        );
        assert!(r.description.contains("[tour]") && r.description.contains("rolecall check"));
        assert!(!r.answered);
        let v = view(
            k,
            &Progress::new(NOW),
            Page::Step(3),
            Surface::Discord,
            None,
        );
        assert_eq!(v.reply, r);
        assert!(v.buttons.is_empty());
        assert!(no_tour(k, Surface::Terminal)
            .description
            .contains("rolecall ask"));
    }
}

fn stats(started: u64, finished: u64, answers: &[(&str, u32, u64)]) -> Stats {
    Stats {
        started,
        finished,
        answers: answers
            .iter()
            .map(|&(s, c, n)| (s.to_string(), c, n))
            .collect(),
    }
}

#[test]
fn the_report_puts_the_most_wrong_question_first() {
    let k = with_tour();
    let s = stats(
        12,
        7,
        &[
            ("meet-pm", 1, 9), // right
            ("meet-pm", 0, 1),
            ("meet-po", 0, 4), // right
            ("meet-po", 1, 6),
            ("who-decides", 2, 5), // right
            ("who-decides", 1, 2),
            ("who-decides", 0, 1),
            ("a-removed-step", 0, 50),
            ("meet-pm", 9, 3), // a choice the quiz no longer has
        ],
    );
    let r = report(&k, &s);
    assert_eq!(r.title, "Onboarding report");
    assert!(
        r.description.contains("12 started · 7 finished (58%)"),
        "{}",
        r.description
    );
    let names: Vec<&str> = r.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Step 3 · Who owns the team backlog?",
            "Step 4 · Who decides what the train builds next?",
            "Step 2 · What does the PM look after?",
        ]
    );
    assert_eq!(
        r.fields[0].value,
        "10 answered · **6 wrong** (60%) · most picked wrong: “The Product Manager” (6)"
    );
    assert_eq!(
        r.fields[1].value,
        "8 answered · **3 wrong** (38%) · most picked wrong: “The PO alone” (2)"
    );
    assert!(r.fields[2]
        .value
        .starts_with("10 answered · **1 wrong** (10%)"));
    assert_within_limits(
        &View {
            page: Page::Intro,
            reply: r,
            buttons: Vec::new(),
        },
        "report",
    );
}

#[test]
fn the_report_says_when_nothing_is_known_yet() {
    let k = with_tour();
    let r = report(&k, &Stats::default());
    assert!(
        r.description.contains("Nobody has started the tour yet"),
        "{}",
        r.description
    );
    assert!(r.description.contains("/onboarding post"));
    assert!(r.fields.is_empty());

    let r = report(&k, &stats(3, 0, &[("meet-pm", 1, 2)]));
    assert!(r.description.contains("3 started · 0 finished (0%)"));
    let answered: Vec<&str> = r.fields.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(
        answered,
        [
            "2 answered · all right",
            "Nobody answered it yet.",
            "Nobody answered it yet."
        ]
    );

    let mut k = shipped();
    k.tour = None;
    let r = report(&k, &stats(3, 1, &[]));
    assert!(
        r.description.contains("no onboarding tour"),
        "{}",
        r.description
    );
}
