//! A problem found in a knowledge file, reported as `file:line: entry: message`.

use std::fmt;

/// How serious a problem is: errors stop the knowledge from loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The knowledge cannot be used.
    Error,
    /// The knowledge works, but something will behave badly.
    Warning,
}

/// One problem, located as precisely as the file allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// File path as shown to the user.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// The entry, e.g. "faq `who-owns-backlog`", when the problem belongs to one.
    pub entry: Option<String>,
    /// What is wrong, in words a knowledge editor can act on.
    pub message: String,
    /// Error or warning.
    pub severity: Severity,
}

impl Problem {
    /// An error at `file:line` in `entry`.
    pub fn error(file: &str, line: Option<usize>, entry: Option<String>, message: String) -> Self {
        Problem {
            file: file.to_string(),
            line,
            entry,
            message,
            severity: Severity::Error,
        }
    }

    /// A warning at `file:line` in `entry`.
    pub fn warning(
        file: &str,
        line: Option<usize>,
        entry: Option<String>,
        message: String,
    ) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(file, line, entry, message)
        }
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(entry) = &self.entry {
            write!(f, ": {entry}")?;
        }
        if self.severity == Severity::Warning {
            write!(f, ": warning")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// 1-based line number of byte `offset` in `text`.
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    Lines::new(text).line(offset)
}

/// Where each line of a text starts, so finding the line of an offset is a binary search
/// (counting newlines for every entry would make loading quadratic in the file's size).
#[derive(Debug, Clone)]
pub struct Lines(Vec<usize>);

impl Lines {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Lines {
        Lines(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        )
    }

    /// 1-based line number of byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&nl| nl < offset) + 1
    }
}
