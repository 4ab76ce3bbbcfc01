//! The tour's last page: the quiz score and what to read again.

use super::*;
use crate::reply::Command;

/// How `progress` did on `tour`'s quiz (answers to choices the tour no longer has don't count).
pub fn score(tour: &Tour, progress: &Progress) -> Score {
    let quizzed = tour.steps.iter().filter(|s| s.quiz.is_some());
    let mut s = Score {
        right: 0,
        answered: 0,
        questions: 0,
    };
    for step in quizzed {
        s.questions += 1;
        if let Some(choice) = answer_of(step, progress) {
            s.answered += 1;
            if step.quiz.as_ref().is_some_and(|q| q.answer == choice) {
                s.right += 1;
            }
        }
    }
    s
}

/// The choice `progress` picked on `step`'s quiz, when it has one the quiz still offers.
pub(super) fn answer_of(step: &TourStep, progress: &Progress) -> Option<usize> {
    let quiz = step.quiz.as_ref()?;
    let choice = progress.answer(&step.id)? as usize;
    (choice < quiz.choices.len()).then_some(choice)
}

pub(super) fn summary(
    k: &Knowledge,
    tour: &Tour,
    progress: &Progress,
    surface: Surface,
) -> (Reply, Vec<TourButton>) {
    let sc = score(tour, progress);
    let mut description = tour.outro.trim().to_string();
    if sc.questions > 0 {
        let line = match sc.answered {
            0 => "**You skipped the quiz.**".to_string(),
            n if n == sc.questions => format!("**Quiz: {} of {} right.**", sc.right, sc.questions),
            n => format!(
                "**Quiz: {} of {} right** ({} skipped).",
                sc.right,
                sc.questions,
                sc.questions - n
            ),
        };
        description.push_str("\n\n");
        description.push_str(&line);
    }
    description.push_str("\n\n");
    description.push_str(&match surface {
        Surface::Discord => format!("Ask me anything with {}.", Command::Ask.hint()),
        Surface::Terminal => "Ask me anything: `rolecall ask \"…\"` or `rolecall chat`.".into(),
    });
    let again = read_again(tour, progress);
    let mut fields = Vec::new();
    // Discord shows what to read again as buttons; the terminal numbers them.
    if surface == Surface::Terminal && !again.is_empty() {
        let lines: Vec<String> = again
            .iter()
            .enumerate()
            .map(|(n, &e)| format!("{}. {}", n + 1, naming::title(k, e)))
            .collect();
        fields.push(field(
            "Read again",
            &fit_lines(&lines, limits::FIELD_VALUE).0,
        ));
    }
    let mut buttons: Vec<TourButton> = again
        .iter()
        .map(|&e| {
            button(
                &naming::label(k, e),
                Does::Open(k.entry_id(e)),
                Style::Secondary,
                0,
            )
        })
        .collect();
    let nav_row = u8::from(!buttons.is_empty());
    let back = Page::Summary.back(tour).unwrap_or(Page::Intro);
    buttons.push(back_button(back, nav_row));
    buttons.push(button(
        "Start over",
        Does::Tour(Action::Restart),
        Style::Secondary,
        nav_row,
    ));
    let reply = page_reply(
        true,
        tour.title.clone(),
        description,
        fields,
        NEUTRAL_COLOUR,
        format!("Summary · {}", tour.title),
    );
    (reply, buttons)
}

/// The entries to read again, at most [`MAX_OPEN_BUTTONS`]: what the steps whose quiz was
/// answered wrong show, the first of each such step first, each once, in tour order.
/// Skipped questions are not counted as wrong.
pub(super) fn read_again(tour: &Tour, progress: &Progress) -> Vec<Entry> {
    let wrong: Vec<&TourStep> = tour
        .steps
        .iter()
        .filter(|step| {
            let right = step.quiz.as_ref().map(|q| q.answer);
            answer_of(step, progress).is_some_and(|pick| Some(pick) != right)
        })
        .collect();
    let mut again: Vec<Entry> = Vec::new();
    let deepest = wrong.iter().map(|s| s.show.len()).max().unwrap_or(0);
    for depth in 0..deepest {
        for step in &wrong {
            if let Some(&e) = step.show.get(depth) {
                if again.len() < MAX_OPEN_BUTTONS && !again.contains(&e) {
                    again.push(e);
                }
            }
        }
    }
    again
}
