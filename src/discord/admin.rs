//! What the admins' `/gaps`, its "Export as TOML" button and `/reload` show.
//!
//! The report itself is built by [`rolecall_core::learn::report`]; here it becomes a private
//! message with the export button, a `gaps.toml` attachment, or a reload's outcome.

use super::response::{Button, ButtonKind, Response};
use rolecall_core::base::KnowledgeBase;
pub use rolecall_core::learn::report::{self, Gaps};
use rolecall_core::learn::stubs;
use rolecall_core::limits::CONTENT;
use rolecall_core::render::plural;

/// Prefix of the custom id of the "Export as TOML" button (`rc:gaps:toml:<days>`).
pub const EXPORT_PREFIX: &str = "rc:gaps:toml:";
/// The export button's label.
pub const EXPORT_LABEL: &str = "Export as TOML";
/// The exported file's name.
pub const EXPORT_FILE: &str = "gaps.toml";

/// The export button's custom id for a report over `days`.
pub fn export_id(days: u32) -> String {
    format!("{EXPORT_PREFIX}{days}")
}

/// The days of an export button's custom id; `None` for any other custom id.
pub fn parse_export(custom_id: &str) -> Option<u32> {
    custom_id.strip_prefix(EXPORT_PREFIX)?.parse().ok()
}

/// The private refusal for a member without Manage Server.
pub fn refused(command: &str) -> Response {
    Response::notice(&format!(
        "`{command}` needs the **Manage Server** permission, which you don't have here. \
         Ask a server admin."
    ))
}

/// The private note for an admin command used outside a server.
pub fn server_only(command: &str) -> Response {
    Response::notice(&format!(
        "`{command}` works in a server, not in direct messages."
    ))
}

/// Characters of an "Answer this" button's label (a phone shows about this many).
const ANSWER_LABEL: usize = 40;

/// `/gaps`'s private report for `user`, with the export button when there are topics.
pub fn gaps(g: &Gaps, user: u64) -> Response {
    let mut r = Response::from_reply(&report::reply(g), user).private(true);
    r.buttons.clear();
    r.select = None;
    // "Answer this" per topic, five to a row, then the export in a row of its own.
    for (n, topic) in g.topics.iter().enumerate() {
        let question = topic.phrasings.first().map_or("", |(p, _)| p.as_str());
        let mut b = Button::new(
            super::handler::answer_gap_id(g.days, n),
            &format!("Answer {}: {question}", n + 1),
            ButtonKind::Teach,
        );
        b.label = rolecall_core::limits::truncate(&b.label, ANSWER_LABEL);
        b.row = u8::try_from(n / 5).unwrap_or(u8::MAX);
        r.buttons.push(b);
    }
    if !g.topics.is_empty() {
        let mut b = Button::new(export_id(g.days), EXPORT_LABEL, ButtonKind::Related);
        b.row = u8::try_from(g.topics.len().div_ceil(5)).unwrap_or(u8::MAX);
        r.buttons.push(b);
    }
    r.entry = Some("gaps".into());
    r.cooldown_key = None;
    r.answered = false;
    r
}

/// The export: `gaps.toml` with a `[[faq]]` stub per topic, privately, with what to do next.
pub fn export(k: &KnowledgeBase, g: &Gaps) -> Response {
    if g.topics.is_empty() {
        return Response::notice(&format!(
            "Nothing to export: no unanswered questions in the last {} days.",
            g.days
        ));
    }
    let stubs = g.topics.len();
    Response::notice(&format!(
        "Here {} as `[[faq]]` stub{} from the last {} days. Write each `answer`, put the \
         file in your `knowledge/` folder and run `/reload` (until then `rolecall check` \
         names every answer still to write).",
        if stubs == 1 {
            "is 1 topic".to_string()
        } else {
            format!("are {stubs} topics")
        },
        if stubs == 1 { "" } else { "s" },
        g.days
    ))
    .with_file(EXPORT_FILE, stubs::toml(k, g).into_bytes())
}

/// The private note when the store could not be read for `/gaps` or its export.
pub fn no_gaps() -> Response {
    Response::notice(
        "I couldn't read the question log just now: the database isn't answering. \
         Try `/gaps` again in a few minutes.",
    )
}

/// How far a reload reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Every process of the bot was told (PostgreSQL).
    Everywhere,
    /// Only this process (SQLite: one process).
    ThisProcess,
    /// This process reloaded, but telling the others failed.
    NotAnnounced,
}

/// `/reload`'s private answer after the new knowledge went live.
pub fn reloaded(k: &KnowledgeBase, reach: Reach) -> Response {
    let mut parts = vec![
        plural(k.roles.len(), "role", "roles"),
        plural(k.faqs.len(), "FAQ", "FAQs"),
        plural(k.terms.len(), "term", "terms"),
    ];
    if let Some(t) = &k.tour {
        parts.push(format!(
            "a tour of {}",
            plural(t.steps.len(), "step", "steps")
        ));
    }
    let warnings = match k.warnings.len() {
        0 => String::new(),
        n => format!(
            "\n{} (`rolecall check` lists them):\n{}",
            plural(n, "warning", "warnings"),
            problem_lines(k.warnings.iter().map(ToString::to_string), CONTENT / 2)
        ),
    };
    let reach = match reach {
        Reach::Everywhere => "Every process of the bot reloads too.",
        Reach::ThisProcess => "",
        Reach::NotAnnounced => {
            "I couldn't tell the bot's other processes (the database isn't answering): \
             they keep their knowledge until their next reload."
        }
    };
    Response::notice(&format!(
        "**Reloaded the knowledge:** {}. {reach}{warnings}",
        parts.join(", ")
    ))
}

/// `/reload`'s private answer when the files have problems: each one, and that the last
/// good knowledge keeps answering.
pub fn reload_failed(error: &str) -> Response {
    let mut lines = error.lines();
    let head = lines.next().unwrap_or_default();
    Response::notice(&format!(
        "**The knowledge was not reloaded:** {head}\n{}\nI keep answering from the last good \
         knowledge. Fix the files (`rolecall check` lists every problem) and `/reload` again.",
        problem_lines(lines.map(str::to_string), CONTENT - 400)
    ))
}

/// `/reload`'s private answer when reading the files takes longer than Discord waits.
pub fn reload_slow() -> Response {
    Response::notice(
        "Reloading is taking longer than usual; it goes on in the background and the bot's \
         log says how it went. I keep answering from the current knowledge until then.",
    )
}

/// `lines` as a code block of at most `budget` characters, the rest counted.
fn problem_lines(lines: impl Iterator<Item = String>, budget: usize) -> String {
    let mut shown = Vec::new();
    let mut used = 0;
    let mut left = 0;
    for line in lines {
        let n = line.chars().count() + 1;
        if left == 0 && used + n <= budget {
            used += n;
            shown.push(line.replace("```", "'''"));
        } else {
            left += 1;
        }
    }
    let more = if left > 0 {
        format!("\n… and {left} more")
    } else {
        String::new()
    };
    format!("```\n{}\n```{more}", shown.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_ids_round_trip() {
        assert_eq!(parse_export(&export_id(30)), Some(30));
        for bad in ["rc:gaps:toml:", "rc:gaps:toml:x", "rc:ans:1:po", ""] {
            assert_eq!(parse_export(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_failed_reload_lists_the_problems_within_discord_limits() {
        let error = format!(
            "knowledge has 500 error(s):\n{}",
            (0..500)
                .map(|i| format!("knowledge/team.toml:{i}: faq `x{i}`: the answer is empty"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        let r = reload_failed(&error);
        let text = r.content.unwrap();
        assert!(text.chars().count() <= CONTENT, "{}", text.chars().count());
        assert!(text.contains("knowledge has 500 error(s)"));
        assert!(text.contains("knowledge/team.toml:0: faq `x0`"));
        assert!(text.contains("more"), "the rest is counted");
        assert!(text.contains("last good knowledge"));
        assert!(r.ephemeral);
    }

    #[test]
    fn a_reload_says_what_is_loaded_and_how_far_it_reached() {
        let k = rolecall_core::KnowledgeSource::Shipped.load().unwrap();
        let r = reloaded(&k, Reach::Everywhere);
        let text = r.content.unwrap();
        assert!(text.contains(&format!("{} FAQs", k.faqs.len())), "{text}");
        assert!(text.contains("Every process"));
        assert!(r.ephemeral);
        assert!(!reloaded(&k, Reach::ThisProcess)
            .content
            .unwrap()
            .contains("process"));
    }
}
