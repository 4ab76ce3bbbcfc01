//! Where knowledge comes from: a folder or file on disk, or the copy compiled into the binary.

use super::KnowledgeBase;
use crate::knowledge::{Knowledge, LoadError, Source};
use std::path::{Path, PathBuf};

/// Where knowledge is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KnowledgeSource {
    /// A folder or file given by `--knowledge`, `ROLECALL_KNOWLEDGE` or found at `./knowledge`.
    Path(PathBuf),
    /// The knowledge compiled into the binary.
    Shipped,
}

impl KnowledgeSource {
    /// `--knowledge`/`ROLECALL_KNOWLEDGE` when given, else `./knowledge` when it is a folder,
    /// else the shipped copy.
    pub fn resolve(explicit: Option<&Path>) -> KnowledgeSource {
        match explicit {
            Some(p) if !p.as_os_str().is_empty() => KnowledgeSource::Path(p.to_path_buf()),
            _ if Path::new("knowledge").is_dir() => KnowledgeSource::Path("knowledge".into()),
            _ => KnowledgeSource::Shipped,
        }
    }

    /// Reads the sources.
    pub fn sources(&self) -> Result<Vec<Source>, LoadError> {
        match self {
            KnowledgeSource::Path(p) => Knowledge::read_sources(p),
            KnowledgeSource::Shipped => Ok(Knowledge::shipped_sources()),
        }
    }

    /// Reads and validates the knowledge.
    pub fn load(&self) -> Result<KnowledgeBase, LoadError> {
        KnowledgeBase::from_sources(self.sources()?)
    }

    /// How this source is described in messages.
    pub fn describe(&self) -> String {
        match self {
            KnowledgeSource::Path(p) => p.display().to_string(),
            KnowledgeSource::Shipped => "built-in knowledge".into(),
        }
    }
}
