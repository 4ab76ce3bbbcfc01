//! `rolecall onboard`: the tour in a terminal, one page at a time (Enter for next, `b` for
//! back, a number to answer the quiz, `q` to quit), or every page at once with `--all`.
//!
//! Generic over the reader and writer, so tests feed it lines. Nothing is saved: each run
//! starts at the intro.

use super::engine::{apply, Action, Page};
use super::progress::Progress;
use super::view::{no_tour, view, Does, Surface, View};
use crate::knowledge::{Knowledge, Tour};
use crate::reply::{self, Field};
use std::io::{self, BufRead, Write};

/// What a line typed at the tour's prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    /// An empty line: the next page (Start, Next, Skip, Finish).
    Next,
    /// `b`: the page before.
    Back,
    /// `q`: stop.
    Quit,
    /// `r`: start over.
    Restart,
    /// A number: a quiz choice, or an entry to read again on the summary (from 1).
    Number(usize),
    /// Anything else.
    Other,
}

fn key(line: &str) -> Key {
    let t = line.trim().to_lowercase();
    match t.as_str() {
        "" | "n" | "next" => Key::Next,
        "b" | "back" => Key::Back,
        "q" | "quit" | "exit" => Key::Quit,
        "r" | "restart" => Key::Restart,
        _ => {
            let digits = t.strip_suffix('.').unwrap_or(&t);
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                // Too many digits to be a choice: still a number, and out of range.
                Key::Number(digits.parse().unwrap_or(usize::MAX))
            } else {
                Key::Other
            }
        }
    }
}

/// Walks `k`'s tour: prints a page, then a prompt of what to type, and reads one line from
/// `input` per move until the user finishes (Enter on the summary), types `q`, or the input
/// ends. Returns the progress reached (kept nowhere). A knowledge without a tour prints
/// [`no_tour`] and returns a fresh progress.
pub fn walk<R: BufRead, W: Write>(
    k: &Knowledge,
    mut input: R,
    out: &mut W,
    now: i64,
) -> io::Result<Progress> {
    let mut progress = Progress::new(now);
    let Some(tour) = &k.tour else {
        print_no_tour(k, out)?;
        return Ok(progress);
    };
    let mut page = Page::Intro;
    let mut show = Show::Page;
    loop {
        let v = view(k, &progress, page, Surface::Terminal, None);
        page = v.page;
        match show {
            Show::Page => writeln!(out, "\n{}", crate::render::text::render(&v.reply))?,
            Show::Verdict => writeln!(out, "\n{}", crate::render::text::render(&verdict(&v)))?,
            Show::Nothing => {}
        }
        show = Show::Page;
        write!(out, "{}\n> ", prompt(tour, &progress, &v))?;
        out.flush()?;
        let Some(line) = read_line(&mut input)? else {
            writeln!(out, "\n\n{}", closed(tour, page))?;
            break;
        };
        match key(&line) {
            Key::Next => match page.next(tour) {
                Some(p) => page = apply(tour, &mut progress, Action::Go(p), now),
                None => {
                    let onboard = reply::slash(reply::Command::Onboard);
                    writeln!(out, "\nYou finished the tour. Nothing is saved offline; in Discord, {onboard} keeps your place.")?;
                    break;
                }
            },
            Key::Back => match page.back(tour) {
                Some(p) => page = apply(tour, &mut progress, Action::Go(p), now),
                None => {
                    writeln!(out, "\nThis is the first page.")?;
                    show = Show::Nothing;
                }
            },
            Key::Quit => {
                writeln!(out, "\n{}", closed(tour, page))?;
                break;
            }
            Key::Restart => page = apply(tour, &mut progress, Action::Restart, now),
            Key::Number(n) => match pick(k, tour, &progress, &v, n) {
                Ok(Pick::Answer(action)) => {
                    page = apply(tour, &mut progress, action, now);
                    show = Show::Verdict;
                }
                Ok(Pick::Open(text)) => {
                    writeln!(out, "\n{text}")?;
                    show = Show::Nothing;
                }
                Err(note) => {
                    writeln!(out, "\n{note}")?;
                    show = Show::Nothing;
                }
            },
            Key::Other => {
                writeln!(
                    out,
                    "\nI didn't get “{}”. {}",
                    line.trim(),
                    prompt(tour, &progress, &v)
                )?;
                show = Show::Nothing;
            }
        }
    }
    out.flush()?;
    Ok(progress)
}

/// What to print before the next prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Show {
    /// The whole page.
    Page,
    /// The page's quiz and its verdict only (the rest was just shown).
    Verdict,
    /// Nothing: a note was printed instead.
    Nothing,
}

/// A step page cut to its title, the verdict that now opens it, its quiz and its footer:
/// what changes when a quiz is answered.
fn verdict(v: &View) -> crate::reply::Reply {
    let quiz = v
        .reply
        .fields
        .iter()
        .position(|f| f.name == super::view::QUIZ_FIELD)
        .unwrap_or(0);
    let head = v.reply.description.split("\n\n").next().unwrap_or_default();
    crate::reply::Reply {
        description: head.to_string(),
        fields: v.reply.fields.get(quiz).cloned().into_iter().collect(),
        ..v.reply.clone()
    }
}

/// What a number typed on a page does.
enum Pick {
    /// Answers the step's quiz.
    Answer(Action),
    /// Prints an entry to read again (its terminal text).
    Open(String),
}

fn pick(
    k: &Knowledge,
    tour: &Tour,
    progress: &Progress,
    v: &View,
    n: usize,
) -> Result<Pick, String> {
    match v.page {
        Page::Step(i) => {
            let step = &tour.steps[i];
            let Some(quiz) = &step.quiz else {
                return Err("This step has no quiz: press Enter for the next one.".into());
            };
            let answered = progress
                .answer(&step.id)
                .is_some_and(|c| (c as usize) < quiz.choices.len());
            if answered {
                return Err(
                    "You already answered this one (your first answer counts): press Enter for the next step."
                        .into(),
                );
            }
            match n.checked_sub(1).filter(|&c| c < quiz.choices.len()) {
                Some(choice) => Ok(Pick::Answer(Action::Answer { step: i, choice })),
                None => Err(format!(
                    "There is no choice {n}: type a number from 1 to {}.",
                    quiz.choices.len()
                )),
            }
        }
        Page::Summary => {
            let open: Vec<&str> = v
                .buttons
                .iter()
                .filter_map(|b| match &b.does {
                    Does::Open(id) => Some(id.as_str()),
                    Does::Tour(_) => None,
                })
                .collect();
            let Some(id) = n.checked_sub(1).and_then(|i| open.get(i)) else {
                return Err(match open.len() {
                    0 => "There is nothing to read again: press Enter to finish.".to_string(),
                    len => format!("There is no entry {n}: type a number from 1 to {len}."),
                });
            };
            match k.parse_entry(id) {
                Some(e) => Ok(Pick::Open(crate::render::text::render(&reply::for_entry(
                    k, e,
                )))),
                None => Err(format!("“{id}” is no longer in the knowledge.")),
            }
        }
        Page::Intro => Err("There is nothing to pick here: press Enter to start.".into()),
    }
}

/// The line of what to type on the page shown.
fn prompt(tour: &Tour, progress: &Progress, v: &View) -> String {
    let mut keys: Vec<String> = Vec::new();
    match v.page {
        Page::Intro => keys.push("Enter: start".into()),
        Page::Step(i) => {
            let step = &tour.steps[i];
            let open_quiz = step.quiz.as_ref().filter(|q| {
                progress
                    .answer(&step.id)
                    .is_none_or(|c| (c as usize) >= q.choices.len())
            });
            if let Some(q) = open_quiz {
                keys.push(format!("1–{}: answer", q.choices.len()));
                keys.push("Enter: skip".into());
            } else if i + 1 == tour.steps.len() {
                keys.push("Enter: finish".into());
            } else {
                keys.push("Enter: next".into());
            }
            keys.push("b: back".into());
        }
        Page::Summary => {
            let open = v
                .buttons
                .iter()
                .filter(|b| matches!(b.does, Does::Open(_)))
                .count();
            match open {
                0 => {}
                1 => keys.push("1: read it again".into()),
                n => keys.push(format!("1–{n}: read again")),
            }
            keys.push("b: back".into());
            keys.push("r: start over".into());
            keys.push("Enter: done".into());
        }
    }
    if v.page != Page::Summary {
        keys.push("q: quit".into());
    }
    format!("[{}]", keys.join(" · "))
}

/// What is said when the walk stops before the end.
fn closed(tour: &Tour, page: Page) -> String {
    let place = match page {
        Page::Intro => "on the intro".to_string(),
        Page::Step(i) => format!("at step {} of {}", i + 1, tour.steps.len()),
        Page::Summary => "on the summary".to_string(),
    };
    format!("Tour closed {place}. Nothing is saved offline: `rolecall onboard` starts from the beginning next time.")
}

/// One line without its line ending, or `None` at the end of the input.
fn read_line<R: BufRead>(input: &mut R) -> io::Result<Option<String>> {
    let mut buf = Vec::new();
    if input.read_until(b'\n', &mut buf)? == 0 {
        return Ok(None);
    }
    let line = String::from_utf8_lossy(&buf);
    Ok(Some(line.trim_end_matches(['\n', '\r']).to_string()))
}

/// Prints [`no_tour`]: the knowledge has no tour, and how a team lead adds one.
fn print_no_tour<W: Write>(k: &Knowledge, out: &mut W) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        crate::render::text::render(&no_tour(k, Surface::Terminal))
    )
}

/// Prints every page of `k`'s tour at once, as a new member who presses Enter throughout
/// sees them, with each quiz's choices numbered and then its right answer and explanation.
/// A knowledge without a tour prints [`no_tour`].
pub fn print_all<W: Write>(k: &Knowledge, out: &mut W) -> io::Result<()> {
    let Some(tour) = &k.tour else {
        return print_no_tour(k, out);
    };
    let progress = Progress::new(0);
    for n in 0..=tour.steps.len() + 1 {
        let Some(page) = Page::from_number(tour, n) else {
            continue;
        };
        let mut v = view(k, &progress, page, Surface::Terminal, None);
        if let Page::Step(i) = page {
            if let Some(q) = &tour.steps[i].quiz {
                let right = q.choices.get(q.answer).map_or("", String::as_str);
                let after_quiz = v
                    .reply
                    .fields
                    .iter()
                    .position(|f| f.name == super::view::QUIZ_FIELD)
                    .map_or(v.reply.fields.len(), |i| i + 1);
                v.reply.fields.insert(
                    after_quiz,
                    Field {
                        name: format!("Answer: {}. {right}", q.answer + 1),
                        value: q.explain.clone(),
                        inline: false,
                    },
                );
            }
        }
        if n > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", crate::render::text::render(&v.reply))?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_the_way_people_type_them() {
        assert_eq!(key(""), Key::Next);
        assert_eq!(key("  "), Key::Next);
        assert_eq!(key("B"), Key::Back);
        assert_eq!(key("q"), Key::Quit);
        assert_eq!(key("quit"), Key::Quit);
        assert_eq!(key("r"), Key::Restart);
        assert_eq!(key("2"), Key::Number(2));
        assert_eq!(key("2."), Key::Number(2));
        assert_eq!(key("99999999999999999999999"), Key::Number(usize::MAX));
        assert_eq!(key("-1"), Key::Other);
        assert_eq!(key("hello"), Key::Other);
    }
}
