//! The tour engine: resuming and restarting, every action (out-of-range ones too), the
//! fingerprint, what each page shows within Discord's limits, and the admins' report.

mod engine;
mod fits;
mod pages;
mod report;

use rolecall_core::knowledge::naming;
use rolecall_core::knowledge::{Holder, Origin, Quiz, Team, Tour, TourStep};
use rolecall_core::limits;
use rolecall_core::onboarding::{
    apply, fingerprint, no_tour, report, resume, score, view, Action, Does, Page, Progress, Stats,
    Style, Surface, TourButton, View, DONE, INTRO,
};
use rolecall_core::reply::{self, Field, Reply};
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

/// A field as Discord shows it: people spelled `<@id>`.
fn discord_field(f: &Field) -> Field {
    Field {
        value: rolecall_core::people::spell_mentions(&f.value, |user| format!("<@{user}>"))
            .into_owned(),
        ..f.clone()
    }
}
