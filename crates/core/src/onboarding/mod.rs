//! The onboarding tour: where a user is in it, what each page shows, and what admins see.
//!
//! Pure: no Discord types and no database. The store keeps a [`Progress`]; the Discord
//! layer and `rolecall onboard` turn pages into messages.
//!
//! - [`resume`] and [`apply`] move a user through the tour ([`Page`], [`Action`]);
//! - [`view`] is what a page shows (a [`Reply`](crate::reply::Reply) and its buttons);
//! - [`report`] is `/onboarding report`; [`terminal`] is `rolecall onboard`.

mod engine;
mod progress;
mod report;
pub mod terminal;
mod view;

pub use engine::{apply, fingerprint, resume, Action, Page};
pub use progress::{Answer, Progress, Stats, DONE, INTRO};
pub use report::report;
pub use view::{no_tour, score, view, Does, Score, Style, Surface, TourButton, View};
