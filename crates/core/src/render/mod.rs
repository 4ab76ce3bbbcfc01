//! Rendering replies: Discord embed JSON within limits, and terminal text.

pub mod embed;
pub mod text;

pub use embed::Embed;

/// A count with its noun: "1 question", "3 questions".
pub fn plural<N: std::fmt::Display + PartialEq + From<u8>>(n: N, one: &str, many: &str) -> String {
    if n == N::from(1) {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}
