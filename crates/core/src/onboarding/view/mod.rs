//! What each page of the tour shows: a [`Reply`] for the embed (or terminal text) and the
//! buttons under it, always within Discord's limits.

mod summary;

pub use summary::score;
use summary::{answer_of, summary};

use super::engine::{Action, Page};
use super::progress::Progress;
use crate::knowledge::naming;
use crate::knowledge::{opener, Entry, Kind, Knowledge, Tour, TourStep};
use crate::limits::{self, chars, truncate};
use crate::render::plural;
use crate::reply::{Command, Field, Overflow, Reply, DECLINE_COLOUR, NEUTRAL_COLOUR};

/// Where a page is shown: it changes the words for what to do next, not the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    /// A Discord message with buttons.
    Discord,
    /// `rolecall onboard` in a terminal: keys instead of buttons.
    Terminal,
}

/// One page of the tour, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// The page shown (clamped to the tour).
    pub page: Page,
    /// The embed's content (or the terminal text's).
    pub reply: Reply,
    /// The buttons under it, in order, each with its row.
    pub buttons: Vec<TourButton>,
}

/// A button under a tour page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TourButton {
    /// Label (at most 80 characters).
    pub label: String,
    /// What a click does.
    pub does: Does,
    /// Colour.
    pub style: Style,
    /// Shown but not clickable (a quiz's choices once it is answered).
    pub disabled: bool,
    /// Row, from 0 (at most 5 buttons per row, at most 5 rows).
    pub row: u8,
}

/// What a tour button does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Does {
    /// Moves through the tour.
    Tour(Action),
    /// Answers the entry with this id (privately), leaving the tour where it is.
    Open(String),
}

/// A button's colour, as Discord names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Blurple: the way forward.
    Primary,
    /// Grey.
    Secondary,
    /// Green: a right answer.
    Success,
    /// Red: a wrong answer.
    Danger,
}

/// How a user did on the quiz.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    /// Questions answered right.
    pub right: usize,
    /// Questions answered (right or wrong).
    pub answered: usize,
    /// Questions in the tour.
    pub questions: usize,
}

/// Most entries a step shows (each is a field; Discord allows 25 in all).
const MAX_SHOWN: usize = 10;
/// Most characters of an entry's one-line answer on a step.
const SHOWN_CHARS: usize = opener::MAX_OPENER_CHARS;
/// Buttons per row (Discord's limit).
const ROW_BUTTONS: usize = 5;
/// Most "read again" buttons on the summary: two rows, leaving one for Back / Start over.
const MAX_OPEN_BUTTONS: usize = 2 * ROW_BUTTONS;
/// Reading speed used for the intro's time estimate.
const WORDS_PER_MINUTE: usize = 200;
/// Seconds added per step (clicking, looking at what it shows) for the estimate.
const SECONDS_PER_STEP: usize = 15;
/// Name of the field listing who holds which role.
const ROSTER_FIELD: &str = "Who holds which role here";
/// Name of the quiz's question field.
pub(super) const QUIZ_FIELD: &str = "Quick check";

/// The page `page` of the knowledge's tour for a user at `progress`, as shown on
/// `surface`; `note` (e.g. that progress couldn't be saved) opens the text. A knowledge
/// without a tour shows [`no_tour`] with no buttons.
pub fn view(
    k: &Knowledge,
    progress: &Progress,
    page: Page,
    surface: Surface,
    note: Option<&str>,
) -> View {
    let Some(tour) = &k.tour else {
        return View {
            page,
            reply: no_tour(k, surface),
            buttons: Vec::new(),
        };
    };
    let page = page.clamp(tour);
    let (mut reply, buttons) = match page {
        Page::Intro => intro(k, tour),
        Page::Step(i) => step(k, tour, progress, i, surface),
        Page::Summary => summary(k, tour, progress, surface),
    };
    if let Some(note) = note.map(str::trim).filter(|n| !n.is_empty()) {
        reply.description = format!("⚠️ {note}\n\n{}", reply.description);
    }
    reply.fit_to_discord(Overflow::FirstFields);
    View {
        page,
        reply,
        buttons,
    }
}

/// The reply when the knowledge has no tour: says so, and how a team lead adds one.
pub fn no_tour(k: &Knowledge, surface: Surface) -> Reply {
    let (reload, ask) = match surface {
        Surface::Discord => (
            "reload the bot",
            format!("Meanwhile, ask me anything with {}.", Command::Ask.hint()),
        ),
        Surface::Terminal => (
            "run `rolecall onboard` again",
            "Meanwhile, ask me anything: `rolecall ask \"…\"` or `rolecall chat`.".into(),
        ),
    };
    let mut r = page_reply(false,
        "No onboarding tour yet".into(),
        format!(
            "**This knowledge has no onboarding tour yet.** A team lead adds one as a `[tour]` in a knowledge file (e.g. `knowledge/onboarding.toml`): a title, an intro and an outro, and `[[tour.step]]`s, each with an id, a title, its text, the entries to show and an optional quiz. The format is in the knowledge folder's README; check the file with `rolecall check`, then {reload}.\n\n{ask}"
        ),
        Vec::new(),
        DECLINE_COLOUR,
        credit(k),
    );
    r.fit_to_discord(Overflow::FirstFields);
    r
}

fn intro(k: &Knowledge, tour: &Tour) -> (Reply, Vec<TourButton>) {
    let steps = tour.steps.len();
    let quizzes = tour.steps.iter().filter(|s| s.quiz.is_some()).count();
    let mut facts = vec![plural(steps, "step", "steps")];
    if quizzes > 0 {
        facts.push(plural(quizzes, "quiz question", "quiz questions"));
    }
    facts.push(format!(
        "about {}",
        plural(minutes(tour), "minute", "minutes")
    ));
    let description = format!("{}\n\n{}", tour.intro.trim(), facts.join(" · "));
    let reply = page_reply(
        true,
        tour.title.clone(),
        description,
        Vec::new(),
        NEUTRAL_COLOUR,
        credit(k),
    );
    let start = Page::Intro.next(tour).unwrap_or(Page::Summary);
    let buttons = vec![button(
        "Start",
        Does::Tour(Action::Go(start)),
        Style::Primary,
        0,
    )];
    (reply, buttons)
}

fn step(
    k: &Knowledge,
    tour: &Tour,
    progress: &Progress,
    i: usize,
    surface: Surface,
) -> (Reply, Vec<TourButton>) {
    let s = &tour.steps[i];
    let mut fields: Vec<Field> = s
        .show
        .iter()
        .take(MAX_SHOWN)
        .map(|&e| field(&naming::title(k, e), &compact(k, e)))
        .collect();
    let mut people = Vec::new();
    if s.roster {
        let (roster, named) = roster_field(k, surface);
        fields.push(roster);
        people = named;
    }
    let mut buttons = Vec::new();
    let mut nav_row = 0;
    let answered = answer_of(s, progress);
    if let Some(quiz) = &s.quiz {
        nav_row = 1;
        let numbered = |mark: &dyn Fn(usize) -> &'static str| -> String {
            quiz.choices
                .iter()
                .enumerate()
                .map(|(j, c)| format!("{}. {c}{}", j + 1, mark(j)))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let question = match (surface, answered) {
            (Surface::Discord, _) => quiz.question.clone(),
            (Surface::Terminal, None) => format!("{}\n{}", quiz.question, numbered(&|_| "")),
            (Surface::Terminal, Some(pick)) => format!(
                "{}\n{}",
                quiz.question,
                numbered(&|j| match (j == quiz.answer, j == pick) {
                    (true, true) => "  ✅ your answer",
                    (true, false) => "  ✅",
                    (false, true) => "  ❌ your answer",
                    (false, false) => "",
                })
            ),
        };
        fields.push(field(QUIZ_FIELD, &question));
        let right = quiz.choices.get(quiz.answer).map_or("", String::as_str);
        if let Some(pick) = answered {
            let verdict = if pick == quiz.answer {
                format!("✅ Right: {right}")
            } else {
                format!("❌ Not quite — the answer is {right}")
            };
            let explain = if quiz.explain.trim().is_empty() {
                right
            } else {
                quiz.explain.as_str()
            };
            fields.push(field(&verdict, explain));
        }
        for (j, choice) in quiz.choices.iter().enumerate().take(ROW_BUTTONS) {
            let style = match answered {
                Some(_) if j == quiz.answer => Style::Success,
                Some(pick) if j == pick => Style::Danger,
                _ => Style::Secondary,
            };
            buttons.push(TourButton {
                disabled: answered.is_some(),
                ..button(
                    choice,
                    Does::Tour(Action::Answer { step: i, choice: j }),
                    style,
                    0,
                )
            });
        }
    }
    let page = Page::Step(i);
    let back = page.back(tour).unwrap_or(Page::Intro);
    let next = page.next(tour).unwrap_or(Page::Summary);
    let next_label = match (s.quiz.is_some() && answered.is_none(), next) {
        (true, _) => "Skip",
        (false, Page::Summary) => "Finish",
        (false, _) => "Next",
    };
    buttons.push(back_button(back, nav_row));
    buttons.push(button(
        next_label,
        Does::Tour(Action::Go(next)),
        Style::Primary,
        nav_row,
    ));
    let reply = Reply {
        people,
        ..page_reply(
            true,
            s.title.clone(),
            s.text.trim().to_string(),
            fields,
            step_colour(k, s),
            format!("Step {} of {} · {}", i + 1, tour.steps.len(), tour.title),
        )
    };
    (reply, buttons)
}

/// An entry in one or a few lines: its bold short answer (per role for a comparison).
fn compact(k: &Knowledge, entry: Entry) -> String {
    let bold = |text: &str| format!("**{}**", opener::short_answer(text, SHOWN_CHARS));
    match entry {
        Entry::Role(r) => bold(&k.roles[r].summary),
        Entry::Fact { role, aspect } => bold(k.roles[role].facts[aspect].as_deref().unwrap_or("")),
        Entry::Compare { roles, aspect } => k
            .roles_in(roles)
            .map(|r| {
                let text = match aspect {
                    Some(a) => k.roles[r].facts[a].as_deref().unwrap_or(""),
                    None => k.roles[r].summary.as_str(),
                };
                format!(
                    "**{}:** {}",
                    naming::short_name(k, r),
                    opener::short_answer(text, SHOWN_CHARS)
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Entry::Faq(f) => bold(&k.faqs[f].answer),
        Entry::Term(t) => bold(&k.terms[t].definition),
    }
}

/// The roster field: who holds which role (and the ids of the people it names), or that
/// the team hasn't listed its people yet.
fn roster_field(k: &Knowledge, surface: Surface) -> (Field, Vec<u64>) {
    if k.holders.is_empty() {
        let ask = match surface {
            Surface::Discord => "ask your team lead, who can add them to the knowledge",
            Surface::Terminal => "ask your team lead, who can add `[[holder]]`s to the knowledge",
        };
        let note = format!("Your team hasn't listed who holds these roles yet: {ask}.");
        return (field(ROSTER_FIELD, &note), Vec::new());
    }
    let lines = crate::people::roster_lines(k, None);
    let (value, shown) = fit_lines(&lines, limits::FIELD_VALUE);
    let mut people: Vec<u64> = Vec::new();
    for h in crate::people::roster(k, None).into_iter().take(shown) {
        if !people.contains(&h.user) {
            people.push(h.user);
        }
    }
    (field(ROSTER_FIELD, &value), people)
}

/// The lines joined by line breaks, as many as fit in `max` characters with a last line
/// saying how many were left out; and how many lines were shown.
fn fit_lines(lines: &[String], max: usize) -> (String, usize) {
    let mut out = String::new();
    for (n, line) in lines.iter().enumerate() {
        let left = lines.len() - n;
        let more = format!("… and {left} more");
        let needed = chars(&out) + usize::from(!out.is_empty()) + chars(line);
        let room_for_more = if left > 1 { chars(&more) + 1 } else { 0 };
        if needed + room_for_more > max {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&more);
            return (truncate(&out, max), n);
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    (out, lines.len())
}

/// The colour of a step: the role's when the role cards and facts it shows are all about
/// one role (a "meet the PO" step, FAQs and terms beside them aside), neutral otherwise.
fn step_colour(k: &Knowledge, s: &TourStep) -> u32 {
    let mut role = None;
    for &e in &s.show {
        let r = match e {
            Entry::Role(r) | Entry::Fact { role: r, .. } => r,
            Entry::Compare { .. } => return NEUTRAL_COLOUR,
            Entry::Faq(_) | Entry::Term(_) => continue,
        };
        if role.is_some_and(|seen| seen != r) {
            return NEUTRAL_COLOUR;
        }
        role = Some(r);
    }
    role.and_then(|r| k.roles.get(r))
        .map_or(NEUTRAL_COLOUR, |r| r.colour)
}

/// About how long the tour takes: its words at [`WORDS_PER_MINUTE`] plus
/// [`SECONDS_PER_STEP`] per step, rounded up to whole minutes (at least one).
fn minutes(tour: &Tour) -> usize {
    let words = |t: &str| t.split_whitespace().count();
    let mut total = words(&tour.intro) + words(&tour.outro);
    for s in &tour.steps {
        total += words(&s.text);
        if let Some(q) = &s.quiz {
            total += words(&q.question) + words(&q.explain);
            total += q.choices.iter().map(|c| words(c)).sum::<usize>();
        }
    }
    let seconds = total * 60 / WORDS_PER_MINUTE + tour.steps.len() * SECONDS_PER_STEP;
    seconds.div_ceil(60).max(1)
}

/// The footer of the intro: the knowledge's short credit, else "Onboarding tour".
fn credit(k: &Knowledge) -> String {
    k.files
        .iter()
        .find_map(|f| f.short_credit.clone())
        .unwrap_or_else(|| "Onboarding tour".to_string())
}

fn field(name: &str, value: &str) -> Field {
    Field {
        name: name.to_string(),
        value: value.to_string(),
        inline: false,
    }
}

fn button(label: &str, does: Does, style: Style, row: u8) -> TourButton {
    TourButton {
        label: truncate(label, limits::BUTTON_LABEL),
        does,
        style,
        disabled: false,
        row,
    }
}

/// The grey Back button to `page`, in row `row`.
fn back_button(page: Page, row: u8) -> TourButton {
    button("Back", Does::Tour(Action::Go(page)), Style::Secondary, row)
}

/// A tour reply: only the title, text, fields, colour and footer (no offers, menu, rows,
/// people or tour button). `answered` marks a page (kind help) apart from a notice (kind
/// none).
///
/// Tour replies are made here only, from [`reply::none_of_these`]'s shape, so a field
/// added to [`Reply`] later starts from that notice's value and only this function changes.
pub(super) fn page_reply(
    answered: bool,
    title: String,
    description: String,
    fields: Vec<Field>,
    colour: u32,
    footer: String,
) -> Reply {
    let kind = if answered { Kind::Help } else { Kind::None };
    Reply {
        answered,
        confidence: if answered { 1.0 } else { 0.0 },
        fields,
        ..Reply::plain(kind, title, description, colour, footer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_end_with_how_many_were_left_out() {
        let lines: Vec<String> = (0..100).map(|i| format!("line number {i}")).collect();
        let (fitted, shown) = fit_lines(&lines, 100);
        assert!(chars(&fitted) <= 100, "{fitted}");
        assert!(fitted.starts_with("line number 0\n"), "{fitted}");
        let last = fitted.lines().last().unwrap();
        assert_eq!(shown, fitted.lines().count() - 1);
        assert_eq!(last, format!("… and {} more", 100 - shown));
        let few = vec!["a".to_string(), "b".to_string()];
        assert_eq!(fit_lines(&few, 100), ("a\nb".to_string(), 2));
    }

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(plural(1, "step", "steps"), "1 step");
        assert_eq!(plural(7, "step", "steps"), "7 steps");
    }
}
