//! rolecall's core: answers "who does what" questions from a knowledge file of role facts and
//! FAQs. Knowledge, matching, replies and rendering are plain Rust: no Discord types, no async
//! runtime, no database. The `rolecall` binary adapts them to serenity and the store.

#![warn(missing_docs, unreachable_pub)]

pub mod base;
pub mod complete;
pub mod knowledge;
pub mod learn;
pub mod limits;
pub mod matching;
pub mod normalize;
pub mod onboarding;
pub mod overlay;
pub mod people;
pub mod render;
pub mod reply;
pub mod report;

pub use base::{KnowledgeBase, KnowledgeSource, SharedKnowledge};
pub use knowledge::{Entry, Kind, Knowledge, LoadError, Problem, RoleSet};
pub use matching::{Band, Intent, Interpretation, Match, MatchConfig};
pub use reply::Reply;
