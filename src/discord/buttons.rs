//! Button clicks: answer the entry a button carries.

use super::response::{ButtonId, Response};
use crate::knowledge::Knowledge;
use crate::reply;

/// Shown when a button's entry no longer exists (e.g. after a knowledge edit).
pub const STALE: &str = "That button points to something I no longer know about (my knowledge \
     has changed since). Ask again with `/ask` and I'll use what I know now.";

/// The response to a click on `custom_id` by `clicker`.
///
/// The answer is public when the original asker clicks under a public message, and
/// ephemeral for anyone else (or under an ephemeral message).
pub fn click(k: &Knowledge, custom_id: &str, clicker: u64, under_ephemeral: bool) -> Response {
    let Some(id) = ButtonId::parse(custom_id) else {
        return Response::notice(STALE);
    };
    let Some(entry) = k.parse_entry(&id.entry) else {
        return Response::notice(STALE);
    };
    let private = under_ephemeral || clicker != id.asker;
    Response::from_reply(&reply::for_entry(k, entry), clicker).private(private)
}
