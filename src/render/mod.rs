//! Rendering replies: Discord embed JSON within limits, and terminal text.

pub mod embed;
pub mod limits;
pub mod text;

pub use embed::Embed;
