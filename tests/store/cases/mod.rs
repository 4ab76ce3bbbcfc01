//! The suite's cases: each runs once on SQLite and once on PostgreSQL (see `suite!`).

mod log;
mod progress;
mod servers;
mod votes;

pub use log::*;
pub use progress::*;
pub use servers::*;
pub use votes::*;
