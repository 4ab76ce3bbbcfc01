//! The onboarding tour: where a user is in it, what each page shows, and what admins see.
//!
//! Pure: no Discord types and no database. The store keeps a [`Progress`]; the Discord
//! layer and `rolecall onboard` turn pages into messages.

mod progress;

pub use progress::{Answer, Progress, Stats, DONE, INTRO};
