//! The core's black-box tests, in one binary (one link instead of thirteen): knowledge,
//! matching, replies, the tour and the gaps report, through `rolecall_core`'s public API.

#[path = "../../../../tests/support/readme_blocks.rs"]
mod readme_blocks;

mod asks;
mod autocomplete;
mod chatter;
mod glance;
mod knowledge;
mod learn;
mod limits;
mod matching;
mod onboarding;
mod robustness;
mod scale;
mod tour_knowledge;
mod validation;
