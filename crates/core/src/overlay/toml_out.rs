//! An overlay written as a knowledge file: the same text every time for the same overlay,
//! so an export imported again exports byte for byte the same.

use super::{new_id, Overlay};
use crate::knowledge::Knowledge;
use std::fmt::Write;

/// A TOML basic string holding `s`, escaped as TOML requires.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The id a team the server made up gets in a file: made from its name, unique among the
/// base's teams.
pub(super) fn team_id(name: &str, base: &Knowledge) -> String {
    new_id(name, |id| base.teams.iter().any(|t| t.id == id))
}

/// Writes `overlay` as a knowledge file: a comment saying what it is, the server's teams
/// (those the base doesn't have), then `[[holder]]`s and `[[faq]]`s in canonical order.
pub(super) fn write(overlay: &Overlay, guild: u64, base: &Knowledge) -> String {
    let mut o = overlay.clone();
    o.sort();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# What server {guild} taught rolecall: its own FAQs and roster.\n\
         # Check it beside the knowledge with `rolecall check`; load it back with\n\
         # `rolecall import FILE --guild {guild}`."
    );
    let base_team = |t: &str| base.teams.iter().any(|b| b.id == t);
    let mut made: Vec<&str> = o
        .holders
        .iter()
        .filter_map(|h| h.team.as_deref())
        .filter(|t| !base_team(t))
        .collect();
    made.sort_unstable();
    made.dedup();
    for name in &made {
        let _ = write!(
            out,
            "\n[[team]]\nid = {}\nname = {}\n",
            quoted(&team_id(name, base)),
            quoted(name)
        );
    }
    for h in &o.holders {
        let _ = write!(
            out,
            "\n[[holder]]\nrole = {}\nuser = {}\n",
            quoted(&h.role),
            quoted(&h.user.to_string())
        );
        if let Some(team) = &h.team {
            let id = if base_team(team) {
                team.clone()
            } else {
                team_id(team, base)
            };
            let _ = writeln!(out, "team = {}", quoted(&id));
        }
    }
    for f in &o.faqs {
        let _ = write!(
            out,
            "\n[[faq]]\nid = {}\nquestion = {}\n",
            quoted(&f.id),
            quoted(&f.question)
        );
        if !f.phrasings.is_empty() {
            out.push_str("phrasings = [\n");
            for p in &f.phrasings {
                let _ = writeln!(out, "    {},", quoted(p));
            }
            out.push_str("]\n");
        }
        let _ = writeln!(out, "answer = {}", quoted(&f.answer));
    }
    out
}
