//! A reply as readable terminal text, in the embed's order: the answer line first, then
//! fields, comparison rows as aligned columns, what to ask next, and the short credit.

use crate::reply::Reply;
use std::fmt::Write;

/// How to take the tour from a terminal, under a reply that points to it.
pub const TOUR_LINE: &str = "Run `rolecall onboard` to take it.";

/// Renders a reply for a terminal: title, answer, fields, rows, offers and credit.
pub fn render(reply: &Reply) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", reply.title);
    let _ = writeln!(out, "{}", "=".repeat(width(&reply.title).clamp(3, 72)));
    if !reply.description.is_empty() {
        let _ = writeln!(out, "{}\n", plain(&reply.description));
    }
    if reply.tour {
        let _ = writeln!(out, "{TOUR_LINE}\n");
    }
    for f in &reply.fields {
        let _ = writeln!(out, "{}", f.name);
        for line in plain(&f.value).lines() {
            let _ = writeln!(out, "  {line}");
        }
        out.push('\n');
    }
    if !reply.rows.is_empty() {
        let name_w = reply.rows.iter().map(|r| width(&r.name)).max().unwrap_or(0);
        let role_w = reply
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().map(|(role, _)| width(role)))
            .max()
            .unwrap_or(0);
        for row in &reply.rows {
            for (i, (role, value)) in row.cells.iter().enumerate() {
                let name = if i == 0 { row.name.as_str() } else { "" };
                let _ = writeln!(
                    out,
                    "{}  {}  {}",
                    pad(name, name_w),
                    pad(role, role_w),
                    plain(value)
                );
            }
        }
        out.push('\n');
    }
    if !reply.suggestions.is_empty() {
        for (i, o) in reply.suggestions.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", i + 1, o.title);
        }
        out.push('\n');
    }
    if let Some(menu) = &reply.menu {
        let labels: Vec<&str> = menu.options.iter().map(|o| o.label.as_str()).collect();
        let _ = writeln!(out, "{}\n  {}\n", menu.placeholder, labels.join(" · "));
    }
    if !reply.related.is_empty() {
        let _ = writeln!(out, "Related:");
        for o in &reply.related {
            let _ = writeln!(out, "  - {} [{}]", o.title, o.entry);
        }
        out.push('\n');
    }
    if !reply.examples.is_empty() {
        for (i, o) in reply.examples.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", i + 1, o.title);
        }
        out.push('\n');
    }
    if !reply.footer.trim().is_empty() {
        let _ = writeln!(out, "-- {}", reply.footer);
    }
    out
}

/// Drops Discord's bold markers and spells people as `@id` and commands as Discord's, for
/// the terminal.
fn plain(text: &str) -> String {
    let text = text.replace("**", "");
    let text = crate::people::spell_mentions(&text, |user| format!("@{user}"));
    crate::reply::spell_commands(&text, crate::reply::slash).into_owned()
}

/// Columns `text` takes in a terminal: two for a wide (CJK) character or emoji, none for a
/// combining mark.
fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` padded with spaces to `to` terminal columns.
fn pad(text: &str, to: usize) -> String {
    format!("{text}{}", " ".repeat(to.saturating_sub(width(text))))
}

#[cfg(test)]
mod tests {
    use super::{pad, plain, width};

    #[test]
    fn columns_are_counted_as_a_terminal_shows_them() {
        assert_eq!(width("Focus"), 5);
        assert_eq!(width("責任"), 4, "CJK characters take two columns");
        assert_eq!(width("🚀"), 2, "so do emoji");
        assert_eq!(width("e\u{301}"), 1, "a combining mark takes none");
        // Padded to the same width, a CJK row name and a Latin one line up.
        assert_eq!(width(&pad("責任", 6)), width(&pad("Focus", 6)));
        assert_eq!(pad("責任", 6), "責任  ");
    }

    #[test]
    fn people_read_as_at_ids_and_other_text_stays() {
        use crate::people::mention_of;
        let po = mention_of(2_200_000_000_000_000_001);
        assert_eq!(
            plain(&format!("**{po} is the PO.** Ask {}.", mention_of(42))),
            "@2200000000000000001 is the PO. Ask @42."
        );
        assert_eq!(
            plain("a <@ b <@x> <@12> \u{E000}@ x"),
            "a <@ b <@x> <@12> \u{E000}@ x"
        );
        assert_eq!(plain(&format!("é {}🦀", mention_of(7))), "é @7🦀");
    }
}
