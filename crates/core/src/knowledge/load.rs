//! Reading knowledge from a folder, a file, or the copy compiled into the binary.

use super::{validate, Knowledge, Problem};
use std::fmt;
use std::path::Path;

/// One knowledge file's path (as shown in messages) and text.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as shown in messages.
    pub path: String,
    /// The TOML text.
    pub text: String,
}

/// Why knowledge could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The path does not exist.
    Missing(String),
    /// The path exists but could not be read.
    Unreadable {
        /// The path.
        path: String,
        /// What the operating system said.
        reason: String,
    },
    /// A folder with no `.toml` files in it.
    NoFiles(String),
    /// The files were read, but have errors (warnings are listed too).
    Invalid(Vec<Problem>),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Missing(p) => write!(f, "{p}: no such knowledge file or folder"),
            LoadError::Unreadable { path, reason } => write!(f, "{path}: cannot read: {reason}"),
            LoadError::NoFiles(p) => write!(f, "{p}: folder has no .toml knowledge files"),
            LoadError::Invalid(problems) => {
                let errors = problems.iter().filter(|p| p.is_error()).count();
                write!(f, "knowledge has {errors} error(s):")?;
                for p in problems {
                    write!(f, "\n{p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

mod shipped {
    include!(concat!(env!("OUT_DIR"), "/shipped_knowledge.rs"));
}

/// The shipped files compiled into the binary: (file name, contents).
pub(crate) fn shipped_files() -> &'static [(&'static str, &'static str)] {
    shipped::FILES
}

impl Knowledge {
    /// The knowledge shipped in `knowledge/`, compiled into the binary.
    pub fn shipped_sources() -> Vec<Source> {
        shipped::FILES
            .iter()
            .map(|(path, text)| Source {
                path: format!("(built-in) knowledge/{path}"),
                text: (*text).to_string(),
            })
            .collect()
    }

    /// Loads the knowledge compiled into the binary.
    pub fn shipped() -> Result<Knowledge, LoadError> {
        Knowledge::from_sources(Knowledge::shipped_sources())
    }

    /// Reads every `.toml` file of a folder (sorted by name), or one file.
    pub fn read_sources(path: &Path) -> Result<Vec<Source>, LoadError> {
        let shown = path.display().to_string();
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LoadError::Missing(shown.clone()),
            _ => LoadError::Unreadable {
                path: shown.clone(),
                reason: e.to_string(),
            },
        })?;
        let unreadable = |p: &Path, e: std::io::Error| LoadError::Unreadable {
            path: p.display().to_string(),
            reason: e.to_string(),
        };
        let read = |p: &Path| -> Result<Source, LoadError> {
            let bytes = std::fs::read(p).map_err(|e| unreadable(p, e))?;
            let text = String::from_utf8(bytes).map_err(|_| LoadError::Unreadable {
                path: p.display().to_string(),
                reason: "not UTF-8 text".into(),
            })?;
            Ok(Source {
                path: p.display().to_string(),
                text,
            })
        };
        if !meta.is_dir() {
            return Ok(vec![read(path)?]);
        }
        let mut files = Vec::new();
        for item in std::fs::read_dir(path).map_err(|e| unreadable(path, e))? {
            let p = item.map_err(|e| unreadable(path, e))?.path();
            if p.extension().is_some_and(|e| e == "toml") && p.is_file() {
                files.push(p);
            }
        }
        if files.is_empty() {
            return Err(LoadError::NoFiles(shown));
        }
        files.sort();
        files.iter().map(|p| read(p)).collect()
    }

    /// Loads and validates knowledge from a folder or file.
    pub fn load(path: &Path) -> Result<Knowledge, LoadError> {
        Knowledge::from_sources(Knowledge::read_sources(path)?)
    }

    /// Validates and indexes knowledge from sources; any error rejects it all.
    pub fn from_sources(sources: Vec<Source>) -> Result<Knowledge, LoadError> {
        let (knowledge, problems) = validate::build(&sources);
        match knowledge {
            Some(k) if !problems.iter().any(Problem::is_error) => Ok(k),
            _ => Err(LoadError::Invalid(problems)),
        }
    }

    /// Validates once: the knowledge (when it has no errors) and every problem found.
    pub fn validate(sources: &[Source]) -> (Option<Knowledge>, Vec<Problem>) {
        let (knowledge, problems) = validate::build(sources);
        let usable = !problems.iter().any(Problem::is_error);
        (knowledge.filter(|_| usable), problems)
    }
}
