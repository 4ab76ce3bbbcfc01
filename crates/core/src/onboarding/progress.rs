//! A user's progress through the tour and the counts admins see, as the store keeps them.

/// `Progress::step` of a user on the tour's first page (the intro, before step 1).
pub const INTRO: &str = "#intro";
/// `Progress::step` of a user on the last page (the summary after the last step).
pub const DONE: &str = "#done";

/// One quiz answer: the step's id and the choice picked (0-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// Id of the step whose quiz was answered.
    pub step: String,
    /// Index of the choice picked, 0-based.
    pub choice: u32,
    /// When it was answered (Unix seconds).
    pub at: i64,
}

/// Where one user of one server is in the tour: all the store keeps about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Id of the step on screen, or [`INTRO`] / [`DONE`].
    pub step: String,
    /// Quiz answers, the first answer per step only.
    pub answers: Vec<Answer>,
    /// When the tour was (re)started (Unix seconds).
    pub started_at: i64,
    /// When the summary was first reached (Unix seconds), if it was.
    pub finished_at: Option<i64>,
}

impl Progress {
    /// A fresh tour started at `now`, on the intro page.
    pub fn new(now: i64) -> Progress {
        Progress {
            step: INTRO.to_string(),
            answers: Vec::new(),
            started_at: now,
            finished_at: None,
        }
    }

    /// The choice picked for `step`'s quiz, if it was answered.
    pub fn answer(&self, step: &str) -> Option<u32> {
        self.answers
            .iter()
            .find(|a| a.step == step)
            .map(|a| a.choice)
    }
}

/// How a server's members did on the tour, for `/onboarding report`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Members who started the tour.
    pub started: u64,
    /// Members who reached its summary.
    pub finished: u64,
    /// How many members picked each choice: (step id, choice, count).
    pub answers: Vec<(String, u32, u64)>,
}
