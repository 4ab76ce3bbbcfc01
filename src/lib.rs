//! rolecall, the binary's library: configuration, the serenity adapter and the offline
//! `gaps` report. What decides an answer lives in `rolecall-core` (no Discord, no async
//! runtime, no database); what is remembered lives in `rolecall-store`.

#![warn(missing_docs, unreachable_pub)]

pub mod check_hint;
pub mod clock;
pub mod config;
pub mod discord;
pub mod offline;
pub mod transfer;
