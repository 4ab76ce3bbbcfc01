//! A reply as readable terminal text.

use crate::reply::Reply;
use std::fmt::Write;

/// Renders a reply for a terminal: title, text, fields, offers and footer.
pub fn render(reply: &Reply) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", reply.title);
    let _ = writeln!(
        out,
        "{}",
        "=".repeat(reply.title.chars().count().clamp(3, 72))
    );
    if !reply.description.is_empty() {
        let _ = writeln!(out, "{}\n", plain(&reply.description));
    }
    for f in &reply.fields {
        let _ = writeln!(out, "{}", f.name);
        for line in plain(&f.value).lines() {
            let _ = writeln!(out, "  {line}");
        }
        out.push('\n');
    }
    if !reply.related.is_empty() {
        let _ = writeln!(out, "Related:");
        for o in &reply.related {
            let _ = writeln!(out, "  - {} [{}]", o.title, o.entry);
        }
        out.push('\n');
    }
    if !reply.suggestions.is_empty() {
        let _ = writeln!(
            out,
            "(ask again with one of the titles above, or rephrase)\n"
        );
    }
    let _ = writeln!(out, "-- {}", reply.footer);
    out
}

/// Drops Discord's bold markers for the terminal.
fn plain(text: &str) -> String {
    text.replace("**", "")
}
