//! The engine: resuming, restarting, moving, answering, and the tour's fingerprint.

use super::*;

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
