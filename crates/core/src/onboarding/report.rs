//! `/onboarding report`: how many started and finished the tour, and which quiz questions
//! members get wrong most (the knowledge that doesn't land), on top.

use super::progress::Stats;
use super::view::page_reply;
use crate::knowledge::Knowledge;
use crate::limits;
use crate::reply::{Command, Field, Overflow, Reply, DECLINE_COLOUR, NEUTRAL_COLOUR};

/// Title of the report.
const TITLE: &str = "Onboarding report";

/// The report for a server's [`Stats`]: started and finished counts, then one field per quiz
/// question (answered, wrong, the most-picked wrong choice), most wrong first. Says so when
/// the knowledge has no tour, and when nobody has started it yet.
pub fn report(k: &Knowledge, stats: &Stats) -> Reply {
    let Some(tour) = &k.tour else {
        let mut r = page_reply(false,
            TITLE.into(),
            "**This knowledge has no onboarding tour, so there is nothing to report.** A team lead adds one as a `[tour]` in a knowledge file (e.g. `knowledge/onboarding.toml`; the knowledge folder's README has the format), checks it with `rolecall check` and reloads the bot.".into(),
            Vec::new(),
            DECLINE_COLOUR,
            "Onboarding tour".into(),
        );
        r.fit_to_discord(Overflow::FirstFields);
        return r;
    };
    let footer = tour.title.clone();
    if stats.started == 0 {
        let mut r = page_reply(true,
            TITLE.into(),
            format!("**Nobody has started the tour yet.** Post it in a channel with {}: anyone who clicks its button gets their own private tour. Members can also start it any time with {}.", Command::OnboardingPost.hint(), Command::Onboard.hint()),
            Vec::new(),
            NEUTRAL_COLOUR,
            footer,
        );
        r.fit_to_discord(Overflow::FirstFields);
        return r;
    }
    let mut description = format!(
        "**{} started · {} finished ({}%)**",
        stats.started,
        stats.finished,
        percent(stats.finished.min(stats.started), stats.started)
    );
    let mut rows: Vec<(u64, usize, Field)> = Vec::new();
    for (n, step) in tour.steps.iter().enumerate() {
        let Some(quiz) = &step.quiz else { continue };
        let mut picks = vec![0u64; quiz.choices.len()];
        for (id, choice, count) in &stats.answers {
            if *id == step.id {
                if let Some(p) = picks.get_mut(*choice as usize) {
                    *p = p.saturating_add(*count);
                }
            }
        }
        let answered = picks.iter().fold(0u64, |sum, &p| sum.saturating_add(p));
        let wrong = answered - picks.get(quiz.answer).copied().unwrap_or(0);
        // The most-picked wrong choice; the first of equals.
        let worst = picks
            .iter()
            .enumerate()
            .filter(|&(c, &p)| c != quiz.answer && p > 0)
            .fold(None, |best: Option<(usize, u64)>, (c, &p)| match best {
                Some((_, b)) if b >= p => best,
                _ => Some((c, p)),
            });
        let value = match (answered, worst) {
            (0, _) => "Nobody answered it yet.".to_string(),
            (_, None) => format!("{answered} answered · all right"),
            (_, Some((c, p))) => format!(
                "{answered} answered · **{wrong} wrong** ({}%) · most picked wrong: “{}” ({p})",
                percent(wrong, answered),
                quiz.choices[c]
            ),
        };
        let name = format!("Step {} · {}", n + 1, quiz.question);
        rows.push((
            wrong,
            n,
            Field {
                name,
                value,
                inline: false,
            },
        ));
    }
    if rows.is_empty() {
        description.push_str("\n\nThe tour has no quiz questions, so there is nothing to score.");
    } else {
        description.push_str("\n\nQuiz questions, most often answered wrong first:");
    }
    // Most wrong first; the tour's order among equals.
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let shown = rows.len().min(limits::FIELDS);
    if rows.len() > shown {
        description.push_str(&format!(
            "\n(The {} questions answered wrong least are left out.)",
            rows.len() - shown
        ));
    }
    let fields = rows.into_iter().take(shown).map(|(_, _, f)| f).collect();
    let mut r = page_reply(
        true,
        TITLE.into(),
        description,
        fields,
        NEUTRAL_COLOUR,
        footer,
    );
    r.fit_to_discord(Overflow::FirstFields);
    r
}

/// `part` of `whole` in whole percent, rounded half up (`whole` > 0).
fn percent(part: u64, whole: u64) -> u128 {
    let (part, whole) = (u128::from(part), u128::from(whole.max(1)));
    (part * 100 + whole / 2) / whole
}
