//! A knowledge base: validated knowledge and the matcher built from it, held side by side.
//!
//! Knowledge is data and knows nothing of matching; the [`Matcher`] is built from
//! `&Knowledge` once, at load. A [`KnowledgeBase`] derefs to its [`Knowledge`], so code that
//! only renders entries takes `&Knowledge` and code that answers questions takes
//! `&KnowledgeBase`.

mod shared;
mod source;

pub use shared::SharedKnowledge;
pub use source::KnowledgeSource;

use crate::knowledge::{Knowledge, LoadError, Problem, Source};
use crate::matching::{Interpretation, Match, MatchConfig, Matcher};
use std::ops::Deref;
use std::path::Path;
use std::sync::Arc;

/// Validated knowledge plus its matcher; immutable, shared behind an `Arc` by the bot.
#[derive(Debug)]
pub struct KnowledgeBase {
    /// The validated data.
    pub knowledge: Knowledge,
    /// The matcher built from it.
    pub matcher: Matcher,
    /// The sources it was validated from (empty when built from knowledge alone), from
    /// which a server's own knowledge is built on top of it (see [`crate::overlay`]).
    pub sources: Arc<[Source]>,
}

impl Deref for KnowledgeBase {
    type Target = Knowledge;

    fn deref(&self) -> &Knowledge {
        &self.knowledge
    }
}

impl KnowledgeBase {
    /// Builds the matcher for `knowledge`; its lints join the knowledge's warnings.
    pub fn new(mut knowledge: Knowledge) -> KnowledgeBase {
        let (matcher, lints) = Matcher::build(&knowledge);
        knowledge.warnings.extend(lints);
        KnowledgeBase {
            knowledge,
            matcher,
            sources: Arc::from(Vec::new()),
        }
    }

    /// Validates sources and builds the matcher: the base (when there is no error) and
    /// every problem found, lints included.
    pub fn validate(sources: &[Source]) -> (Option<KnowledgeBase>, Vec<Problem>) {
        let (knowledge, mut problems) = Knowledge::validate(sources);
        let base = knowledge.map(|k| {
            let kb = KnowledgeBase::new(k);
            problems = kb.knowledge.warnings.clone();
            kb
        });
        (base, problems)
    }

    /// Every problem (errors, warnings and matcher lints) in the sources, as `rolecall check`
    /// reports them.
    pub fn check(sources: &[Source]) -> Vec<Problem> {
        KnowledgeBase::validate(sources).1
    }

    /// Validates and indexes knowledge from sources; any error rejects it all.
    pub fn from_sources(sources: Vec<Source>) -> Result<KnowledgeBase, LoadError> {
        let kept: Arc<[Source]> = Arc::from(sources.clone());
        Knowledge::from_sources(sources).map(|k| KnowledgeBase {
            sources: kept,
            ..KnowledgeBase::new(k)
        })
    }

    /// Loads, validates and indexes knowledge from a folder or file.
    pub fn load(path: &Path) -> Result<KnowledgeBase, LoadError> {
        KnowledgeBase::from_sources(Knowledge::read_sources(path)?)
    }

    /// The knowledge compiled into the binary, indexed.
    pub fn shipped() -> Result<KnowledgeBase, LoadError> {
        KnowledgeBase::from_sources(Knowledge::shipped_sources())
    }

    /// Matches a question against the knowledge.
    pub fn find(&self, question: &str, cfg: &MatchConfig) -> Match {
        self.matcher.find(&self.knowledge, question, cfg)
    }

    /// How a question reads to the matcher, stage by stage (for `ask --explain`).
    pub fn interpret(&self, question: &str) -> Interpretation {
        self.matcher.interpret(question)
    }
}
