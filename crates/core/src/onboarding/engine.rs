//! Moving through the tour: pages, the actions buttons take, and the tour's fingerprint.

use super::progress::{Answer, Progress, DONE, INTRO};
use crate::knowledge::Tour;

/// A page of the tour: the intro, one step (0-based index into `Tour::steps`), or the
/// summary after the last step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The welcome page, before step 1.
    Intro,
    /// Step `i` (0-based) of `Tour::steps`.
    Step(usize),
    /// The summary after the last step: score, what to read again, where to ask.
    Summary,
}

impl Page {
    /// The page's number: 0 for the intro, 1..=N for the steps, N+1 for the summary.
    pub fn number(self, tour: &Tour) -> usize {
        match self.clamp(tour) {
            Page::Intro => 0,
            Page::Step(i) => i + 1,
            Page::Summary => tour.steps.len() + 1,
        }
    }

    /// The page numbered `n` (see [`Page::number`]), if the tour has one.
    pub fn from_number(tour: &Tour, n: usize) -> Option<Page> {
        let steps = tour.steps.len();
        match n {
            0 => Some(Page::Intro),
            n if n <= steps => Some(Page::Step(n - 1)),
            n if n == steps + 1 => Some(Page::Summary),
            _ => None,
        }
    }

    /// The page a user's progress is on; a step id the tour no longer has (it was edited)
    /// starts them at the intro.
    pub fn of(tour: &Tour, progress: &Progress) -> Page {
        match progress.step.as_str() {
            DONE => Page::Summary,
            INTRO => Page::Intro,
            id => tour
                .steps
                .iter()
                .position(|s| s.id == id)
                .map_or(Page::Intro, Page::Step),
        }
    }

    /// The page itself when the tour has it; a step past the last is the last step (the
    /// summary when the tour has no steps).
    pub fn clamp(self, tour: &Tour) -> Page {
        match self {
            Page::Step(i) if i >= tour.steps.len() => match tour.steps.len() {
                0 => Page::Summary,
                n => Page::Step(n - 1),
            },
            page => page,
        }
    }

    /// The page after this one (Next, Start, Finish); none after the summary.
    pub fn next(self, tour: &Tour) -> Option<Page> {
        match self.clamp(tour) {
            Page::Intro if tour.steps.is_empty() => Some(Page::Summary),
            Page::Intro => Some(Page::Step(0)),
            Page::Step(i) if i + 1 < tour.steps.len() => Some(Page::Step(i + 1)),
            Page::Step(_) => Some(Page::Summary),
            Page::Summary => None,
        }
    }

    /// The page before this one (Back); none before the intro.
    pub fn back(self, tour: &Tour) -> Option<Page> {
        match self.clamp(tour) {
            Page::Intro => None,
            Page::Step(0) => Some(Page::Intro),
            Page::Step(i) => Some(Page::Step(i - 1)),
            Page::Summary => match tour.steps.len() {
                0 => Some(Page::Intro),
                n => Some(Page::Step(n - 1)),
            },
        }
    }

    /// What [`Progress::step`] holds on this page: [`INTRO`], the step's id, or [`DONE`].
    pub fn progress_id(self, tour: &Tour) -> String {
        match self.clamp(tour) {
            Page::Intro => INTRO.to_string(),
            Page::Step(i) => tour.steps[i].id.clone(),
            Page::Summary => DONE.to_string(),
        }
    }
}

/// What a button (or a terminal key) does to a user's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Go to a page (Start, Back, Next, Skip, Finish).
    Go(Page),
    /// Answer step `step`'s quiz (0-based step index) with choice `choice` (0-based).
    Answer {
        /// Index of the step in `Tour::steps`.
        step: usize,
        /// Index of the choice in the step's `Quiz::choices`.
        choice: usize,
    },
    /// Start the tour over: a fresh progress, on the intro.
    Restart,
}

/// A stable 32-bit FNV-1a hash of the tour's title, intro, outro and each step's id, title,
/// text and quiz (question, choices, answer, explanation): the same in every run and on
/// every machine, and different once the tour is edited, so buttons from an older tour are
/// recognised as stale.
pub fn fingerprint(tour: &Tour) -> u32 {
    let mut h = Fnv::new();
    h.text(&tour.title);
    h.text(&tour.intro);
    h.text(&tour.outro);
    h.number(tour.steps.len() as u64);
    for step in &tour.steps {
        h.text(&step.id);
        h.text(&step.title);
        h.text(&step.text);
        match &step.quiz {
            None => h.number(0),
            Some(quiz) => {
                h.number(1);
                h.text(&quiz.question);
                h.number(quiz.choices.len() as u64);
                for choice in &quiz.choices {
                    h.text(choice);
                }
                h.number(quiz.answer as u64);
                h.text(&quiz.explain);
            }
        }
    }
    h.0
}

/// 32-bit FNV-1a over the bytes fed to it.
struct Fnv(u32);

impl Fnv {
    const OFFSET: u32 = 0x811c_9dc5;
    const PRIME: u32 = 0x0100_0193;

    fn new() -> Fnv {
        Fnv(Fnv::OFFSET)
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u32::from(b);
            self.0 = self.0.wrapping_mul(Fnv::PRIME);
        }
    }

    /// A text and a byte no UTF-8 text contains, so ("ab", "c") and ("a", "bc") differ.
    fn text(&mut self, text: &str) {
        self.bytes(text.as_bytes());
        self.bytes(&[0xFF]);
    }

    /// A number as 8 little-endian bytes (the same on every platform).
    fn number(&mut self, n: u64) {
        self.bytes(&n.to_le_bytes());
    }
}

/// The progress to continue from: the stored one, or a fresh one started at `now` when
/// there is none or `restart` is asked for.
pub fn resume(stored: Option<Progress>, restart: bool, now: i64) -> Progress {
    match stored {
        Some(progress) if !restart => progress,
        _ => Progress::new(now),
    }
}

/// Applies `action` to `progress` at `now` and returns the page to show.
///
/// - `Go(page)` moves there (a step past the last is the last step); reaching the summary
///   records `finished_at` the first time only.
/// - `Answer` records the first valid answer to that step's quiz and stays on that step; a
///   second answer, a step without a quiz, or a choice out of range changes nothing. A step
///   out of range is ignored: the user stays where they are.
/// - `Restart` replaces the progress with a fresh one and shows the intro.
pub fn apply(tour: &Tour, progress: &mut Progress, action: Action, now: i64) -> Page {
    match action {
        Action::Go(page) => {
            let page = page.clamp(tour);
            progress.step = page.progress_id(tour);
            if page == Page::Summary && progress.finished_at.is_none() {
                progress.finished_at = Some(now);
            }
            page
        }
        Action::Answer { step, choice } => {
            let Some(s) = tour.steps.get(step) else {
                return Page::of(tour, progress);
            };
            progress.step = s.id.clone();
            let Some(quiz) = &s.quiz else {
                return Page::Step(step);
            };
            let valid = |c: u32| (c as usize) < quiz.choices.len();
            let answered = progress.answer(&s.id).is_some_and(valid);
            let choice_u32 = u32::try_from(choice).ok().filter(|&c| valid(c));
            if let (false, Some(c)) = (answered, choice_u32) {
                // An answer to a choice the edited quiz no longer has gives way to this one.
                progress.answers.retain(|a| a.step != s.id);
                progress.answers.push(Answer {
                    step: s.id.clone(),
                    choice: c,
                    at: now,
                });
            }
            Page::Step(step)
        }
        Action::Restart => {
            *progress = Progress::new(now);
            Page::Intro
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Fnv;

    #[test]
    fn fnv_1a_matches_the_published_test_vectors() {
        for (input, want) in [
            ("", 0x811c_9dc5),
            ("a", 0xe40c_292c),
            ("foobar", 0xbf9c_f968),
        ] {
            let mut h = Fnv::new();
            h.bytes(input.as_bytes());
            assert_eq!(h.0, want, "{input:?}");
        }
    }
}
