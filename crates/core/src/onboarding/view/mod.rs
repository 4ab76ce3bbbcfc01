//! What each page of the tour shows: a [`Reply`] for the embed (or terminal text) and the
//! buttons under it, always within Discord's limits.

mod summary;

pub use summary::score;
use summary::{answer_of, summary};

use super::engine::{Action, Page};
use super::progress::Progress;
use crate::knowledge::naming;
use crate::knowledge::{opener, Entry, Kind, Knowledge, Quiz, Tour, TourStep};
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
/// Buttons per row (Discord's limit).
const ROW_BUTTONS: usize = 5;
/// Most "read again" buttons on the summary: one row, above Back / Start over.
const MAX_OPEN_BUTTONS: usize = 3;
/// Reading speed used for the intro's time estimate.
const WORDS_PER_MINUTE: usize = 200;
/// Seconds added per step (clicking, looking at what it shows) for the estimate.
const SECONDS_PER_STEP: usize = 15;
/// Name of the field listing who holds which role.
const ROSTER_FIELD: &str = "Who holds which role here";
/// Name of the quiz's question field.
pub(super) const QUIZ_FIELD: &str = "Quick check";
/// Name of the terminal's field of what a step points to.
const MORE_FIELD: &str = "More on this";
/// Most quiz choices given a row each (so long answers never wrap).
const CHOICE_ROWS: usize = 3;
/// Longest choice (in characters) that shares a row with the others.
const SHORT_CHOICE: usize = 16;
/// The colour of a quiz answered right (Discord's green).
const RIGHT_COLOUR: u32 = 0x57F287;
/// The colour of a quiz answered wrong (Discord's red).
const WRONG_COLOUR: u32 = 0xED4245;

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
    let shown: Vec<Entry> = s.show.iter().copied().take(MAX_SHOWN).collect();
    let mut description = s.text.trim().to_string();
    let mut colour = step_colour(k, s);
    let mut fields: Vec<Field> = Vec::new();
    let mut buttons = Vec::new();
    let mut row = 0u8;
    let answered = answer_of(s, progress);
    if let Some(quiz) = &s.quiz {
        let right = quiz.choices.get(quiz.answer).map_or("", String::as_str);
        if let Some(pick) = answered {
            // The verdict leads, in the embed's colour; the explanation follows without
            // restating the answer the verdict just named.
            let head = if pick == quiz.answer {
                colour = RIGHT_COLOUR;
                format!("**✅ Right: {}**", choice_in_verdict(right))
            } else {
                colour = WRONG_COLOUR;
                format!("**❌ Not quite: it's {}**", choice_in_verdict(right))
            };
            let explain = beyond_answer(&quiz.explain, right);
            description = if explain.is_empty() {
                format!("{head}\n\n{description}")
            } else {
                format!("{head}\n{explain}\n\n{description}")
            };
        }
        let question = match surface {
            Surface::Discord => quiz.question.clone(),
            Surface::Terminal => format!("{}\n{}", quiz.question, numbered(quiz, answered)),
        };
        fields.push(field(QUIZ_FIELD, &question));
        // Short choices share a row; longer ones get a row each so none wraps.
        let one_row = quiz.choices.len() > CHOICE_ROWS
            || quiz.choices.iter().all(|c| chars(c) <= SHORT_CHOICE);
        for (j, choice) in quiz.choices.iter().enumerate().take(ROW_BUTTONS) {
            let style = match answered {
                Some(_) if j == quiz.answer => Style::Success,
                Some(pick) if j == pick => Style::Danger,
                Some(_) => Style::Secondary,
                None => Style::Primary,
            };
            buttons.push(TourButton {
                disabled: answered.is_some(),
                ..button(
                    choice,
                    Does::Tour(Action::Answer { step: i, choice: j }),
                    style,
                    row,
                )
            });
            if !one_row {
                row += 1;
            }
        }
        if one_row {
            row += 1;
        }
    }
    let mut people = Vec::new();
    if s.roster {
        let (roster, named) = roster_field(k, surface);
        fields.push(roster);
        people = named;
    }
    let page = Page::Step(i);
    let back = page.back(tour).unwrap_or(Page::Intro);
    let next = page.next(tour).unwrap_or(Page::Summary);
    let open_quiz = s.quiz.is_some() && answered.is_none();
    let (next_label, next_style) = match (open_quiz, next) {
        (true, _) => ("Skip", Style::Secondary),
        (false, Page::Summary) => ("Finish", Style::Primary),
        (false, _) => ("Next", Style::Primary),
    };
    buttons.push(back_button(back, row));
    buttons.push(button(
        next_label,
        Does::Tour(Action::Go(next)),
        next_style,
        row,
    ));
    // What the step points to, one click away (privately) rather than restated in bold.
    match surface {
        Surface::Discord if usize::from(row) + 1 < limits::ACTION_ROWS => {
            for &e in shown.iter().take(ROW_BUTTONS) {
                buttons.push(button(
                    &naming::label(k, e),
                    Does::Open(k.entry_id(e)),
                    Style::Secondary,
                    row + 1,
                ));
            }
        }
        Surface::Discord => {}
        Surface::Terminal if !shown.is_empty() => {
            let lines: Vec<String> = shown
                .iter()
                .map(|&e| format!("rolecall ask \"{}\"", naming::title(k, e)))
                .collect();
            fields.push(field(MORE_FIELD, &fit_lines(&lines, limits::FIELD_VALUE).0));
        }
        Surface::Terminal => {}
    }
    let reply = Reply {
        people,
        ..page_reply(
            true,
            s.title.clone(),
            description,
            fields,
            colour,
            format!("Step {} of {} · {}", i + 1, tour.steps.len(), tour.title),
        )
    };
    (reply, buttons)
}

/// The quiz's choices numbered for the terminal, marked once `pick` was answered.
fn numbered(quiz: &Quiz, pick: Option<usize>) -> String {
    quiz.choices
        .iter()
        .enumerate()
        .map(|(j, c)| {
            let mark = match pick.map(|p| (j == quiz.answer, j == p)) {
                Some((true, true)) => "  ✅ your answer",
                Some((true, false)) => "  ✅",
                Some((false, true)) => "  ❌ your answer",
                _ => "",
            };
            format!("{}. {c}{mark}", j + 1)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The explanation of a quiz answer without a bold opener that only restates `right`
/// (the verdict names it already).
fn beyond_answer(explain: &str, right: &str) -> String {
    let o = opener::split(explain);
    let key = |s: &str| -> String {
        let kept: String = s
            .chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .collect();
        kept.to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (op, r) = (key(o.opener.unwrap_or("")), key(right));
    let restates = !op.is_empty() && !r.is_empty() && (r.contains(&op) || op.contains(&r));
    if restates {
        o.body.to_string()
    } else {
        explain.trim().to_string()
    }
}

/// A choice as it reads after "Right:": a name with its article lower-cased ("the
/// Product Owner"), anything else quoted as written.
fn choice_in_verdict(text: &str) -> String {
    match text.split_once(' ') {
        Some((first @ ("The" | "A" | "An"), rest)) => format!("{} {rest}", first.to_lowercase()),
        _ => format!("“{text}”"),
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
