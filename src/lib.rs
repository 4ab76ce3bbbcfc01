//! rolecall: answers "who does what" questions from a knowledge file of role facts and FAQs.
//!
//! The core (knowledge, matching, replies, rendering) is plain Rust with no Discord types;
//! the `discord` module adapts it to serenity.

pub mod base;
pub mod cli;
pub mod complete;
pub mod config;
pub mod discord;
pub mod knowledge;
pub mod learn;
pub mod matching;
pub mod normalize;
pub mod onboarding;
pub mod people;
pub mod render;
pub mod reply;
pub mod report;
pub mod store;

pub use base::{KnowledgeBase, SharedKnowledge};
pub use knowledge::{Entry, Kind, Knowledge, LoadError, Problem, RoleSet};
pub use matching::{Band, Intent, Interpretation, Match, MatchConfig};
pub use reply::Reply;
