//! The knowledge-gaps report: what people asked that rolecall could not answer, grouped
//! into topics; the answers voted 👎 most, with what people were looking for; questions per
//! week as a chart. Shown as an embed (`/gaps`), as terminal text (`rolecall gaps`) and as
//! `[[faq]]` stubs to fill in (`rolecall gaps --toml`, the Export button).

use super::group::{self, Topic};
use super::{week_start, GapsData, Outcome, DAY};
use crate::base::KnowledgeBase;
use crate::knowledge::naming;
use crate::knowledge::{Kind, Knowledge};
use crate::limits::{self, chars, truncate};
use crate::render::plural;
use crate::reply::{Field, Overflow, Reply, NEUTRAL_COLOUR};
use std::fmt::Write;

/// Topics shown and exported.
pub const TOP_TOPICS: usize = 8;
/// Fewest 👎 that put an entry among the most voted down.
pub const MIN_DOWNVOTES: u32 = 2;
/// Entries voted down shown.
pub const TOP_DOWNVOTED: usize = 5;
/// Comments shown per entry voted down.
pub const MAX_COMMENTS: usize = 3;
/// Weeks in the chart, the current one last.
pub const CHART_WEEKS: usize = 8;
/// The chart's levels, lowest first.
pub const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// A week with no question of that outcome, in the chart.
pub const EMPTY_WEEK: char = '·';
/// Most days a report covers.
pub const MAX_DAYS: u32 = 365;
/// Questions read into a report, newest first: more than enough to find the top topics,
/// and a bound on the time a report takes.
pub const MAX_QUESTIONS: usize = 10_000;

/// The report for one server (or all), ready to show or export.
#[derive(Debug, Clone, PartialEq)]
pub struct Gaps {
    /// Days covered, ending now.
    pub days: u32,
    /// When the report was made, as Unix seconds.
    pub now: i64,
    /// False when the question log is turned off (`ROLECALL_QUESTION_LOG=off`).
    pub logging: bool,
    /// Questions in the window that were declined or only got suggestions.
    pub unanswered: u32,
    /// Of those, the ones declined.
    pub declined: u32,
    /// The top topics, biggest first (at most [`TOP_TOPICS`]).
    pub topics: Vec<Topic>,
    /// How many topics there were in all.
    pub all_topics: usize,
    /// The entries voted 👎 most (at least [`MIN_DOWNVOTES`]), most first.
    pub downvoted: Vec<Downvoted>,
    /// Questions per week, oldest first ([`CHART_WEEKS`] weeks, the current one last).
    pub weeks: Vec<Week>,
}

/// An entry voted 👎, with the comments left with the votes.
#[derive(Debug, Clone, PartialEq)]
pub struct Downvoted {
    /// Its id.
    pub entry: String,
    /// Its title (the id itself when the knowledge no longer has it).
    pub title: String,
    /// 👍 votes.
    pub up: u32,
    /// 👎 votes.
    pub down: u32,
    /// What people were looking for, newest first (at most [`MAX_COMMENTS`]).
    pub comments: Vec<String>,
}

/// Questions counted in one week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Week {
    /// Its Monday 00:00 UTC.
    pub start: i64,
    /// Questions answered.
    pub answered: u32,
    /// Questions that got only suggestions.
    pub suggested: u32,
    /// Questions declined.
    pub declined: u32,
}

impl Week {
    /// The count of one outcome.
    pub fn count(&self, o: Outcome) -> u32 {
        match o {
            Outcome::Answered => self.answered,
            Outcome::Suggested => self.suggested,
            Outcome::Declined => self.declined,
        }
    }
}

impl Gaps {
    /// True when there is nothing to show: no topic, no entry voted down, no week counted.
    pub fn is_empty(&self) -> bool {
        self.topics.is_empty()
            && self.downvoted.is_empty()
            && self
                .weeks
                .iter()
                .all(|w| Outcome::ALL.iter().all(|&o| w.count(o) == 0))
    }
}

/// Builds the report of the last `days` days (clamped to 1..=[`MAX_DAYS`]) before `now` from
/// what the store read; `logging` says whether the question log is on.
pub fn build(k: &KnowledgeBase, data: &GapsData, days: u32, now: i64, logging: bool) -> Gaps {
    let days = days.clamp(1, MAX_DAYS);
    let since = now.saturating_sub(i64::from(days) * DAY);
    let unanswered: Vec<_> = data
        .questions
        .iter()
        .filter(|q| q.at >= since && q.asked.outcome != Outcome::Answered)
        .take(MAX_QUESTIONS)
        .collect();
    let declined = unanswered
        .iter()
        .filter(|q| q.asked.outcome == Outcome::Declined)
        .count();
    let mut topics = group::group(k, unanswered.iter().copied());
    let all_topics = topics.len();
    topics.truncate(TOP_TOPICS);
    Gaps {
        days,
        now,
        logging,
        unanswered: count(unanswered.len()),
        declined: count(declined),
        topics,
        all_topics,
        downvoted: downvoted(k, data, since),
        weeks: weeks(data, now),
    }
}

/// A count as `u32`, saturating.
pub(super) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The entries with at least [`MIN_DOWNVOTES`] 👎, most first, with their newest comments.
fn downvoted(k: &Knowledge, data: &GapsData, since: i64) -> Vec<Downvoted> {
    let mut votes: Vec<_> = data
        .votes
        .iter()
        .filter(|v| v.down >= MIN_DOWNVOTES)
        .collect();
    votes.sort_by(|a, b| {
        b.down
            .cmp(&a.down)
            .then(a.up.cmp(&b.up))
            .then_with(|| a.entry.cmp(&b.entry))
    });
    votes.dedup_by(|a, b| a.entry == b.entry);
    votes
        .into_iter()
        .take(TOP_DOWNVOTED)
        .map(|v| {
            let mut comments: Vec<_> = data
                .comments
                .iter()
                .filter(|c| c.entry == v.entry && c.at >= since && !c.text.trim().is_empty())
                .collect();
            comments.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| a.text.cmp(&b.text)));
            Downvoted {
                entry: v.entry.clone(),
                title: entry_title(k, &v.entry),
                up: v.up,
                down: v.down,
                comments: comments
                    .into_iter()
                    .take(MAX_COMMENTS)
                    .map(|c| c.text.clone())
                    .collect(),
            }
        })
        .collect()
}

/// An entry's title; its id when the knowledge no longer has it.
fn entry_title(k: &Knowledge, id: &str) -> String {
    k.parse_entry(id)
        .map_or_else(|| id.to_string(), |e| naming::title(k, e))
}

/// When the chart's oldest week begins, for a report made at `now`: week counts are read
/// from here, which may be further back than the report's days reach.
pub fn chart_since(now: i64) -> i64 {
    week_start(now).saturating_sub((CHART_WEEKS as i64 - 1) * 7 * DAY)
}

/// The last [`CHART_WEEKS`] weeks up to the one holding `now`, oldest first.
fn weeks(data: &GapsData, now: i64) -> Vec<Week> {
    let current = week_start(now);
    let mut weeks: Vec<Week> = (0..CHART_WEEKS as i64)
        .rev()
        .map(|back| Week {
            start: current.saturating_sub(back * 7 * DAY),
            ..Week::default()
        })
        .collect();
    for c in &data.weeks {
        let start = week_start(c.week);
        if let Some(w) = weeks.iter_mut().find(|w| w.start == start) {
            let slot = match c.outcome {
                Outcome::Answered => &mut w.answered,
                Outcome::Suggested => &mut w.suggested,
                Outcome::Declined => &mut w.declined,
            };
            *slot = slot.saturating_add(c.count);
        }
    }
    weeks
}

/// "last 30 days", "last day".
pub(super) fn window(days: u32) -> String {
    if days == 1 {
        "last day".to_string()
    } else {
        format!("last {days} days")
    }
}

/// A confidence as a whole percentage.
pub(super) fn percent(c: f32) -> u32 {
    (c.clamp(0.0, 1.0) * 100.0).round() as u32
}

/// The report's title.
fn title(g: &Gaps) -> String {
    format!("Knowledge gaps: {}", window(g.days))
}

/// Said when the log is off.
const LOG_OFF: &str = "The question log is off (`ROLECALL_QUESTION_LOG=off`): nothing new is recorded until that setting is removed.";

/// Said when there is nothing to show yet.
const EMPTY: &str = "When someone asks rolecall something it can't answer, or only has suggestions for, the question is kept here (never who asked) and grouped with others that read alike, with the entry nearest to it. Answers voted 👎 show up too, with what people were looking for, and a chart counts questions per week. Check back after a few days of questions.";

/// The report's opening paragraph (plain words; `bold` wraps what leads).
fn summary(g: &Gaps, bold: fn(&str) -> String, export: &str) -> String {
    let mut out = if g.is_empty() {
        format!(
            "{} {EMPTY}",
            bold(&format!("No questions logged in the {}.", window(g.days)))
        )
    } else if g.unanswered == 0 {
        format!(
            "{} Entries voted down and the weekly counts follow.",
            bold(&format!(
                "Every question logged in the {} was answered.",
                window(g.days)
            ))
        )
    } else {
        let suggested = g.unanswered - g.declined;
        format!(
            "{} in {} ({} declined, {} with suggestions only). Each topic below could become an FAQ: {export}",
            bold(&format!("{} went unanswered", plural(g.unanswered, "question", "questions"))),
            plural(count(g.all_topics), "topic", "topics"),
            g.declined,
            suggested,
        )
    };
    if g.all_topics > g.topics.len() {
        let _ = write!(out, " The top {} topics are shown.", g.topics.len());
    }
    if !g.logging {
        out.push(' ');
        out.push_str(LOG_OFF);
    }
    out
}

/// User text on one line: control characters and whitespace runs made one space.
pub(super) fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// User text for an embed: on one line, Discord markdown escaped, cut to `max` characters.
fn md(text: &str, max: usize) -> String {
    let cut = truncate(&one_line(text), max);
    let mut out = String::with_capacity(cut.len());
    for c in cut.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '#' | '[' | ']' | '<'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The chart's three lines, labels padded, each with its total.
fn chart_lines(weeks: &[Week]) -> Vec<String> {
    let max = weeks
        .iter()
        .flat_map(|w| Outcome::ALL.map(|o| w.count(o)))
        .max()
        .unwrap_or(0);
    Outcome::ALL
        .iter()
        .map(|&o| {
            let bars: String = weeks.iter().map(|w| level(w.count(o), max)).collect();
            let total: u64 = weeks.iter().map(|w| u64::from(w.count(o))).sum();
            format!("{:<9} {bars} {total}", o.as_str())
        })
        .collect()
}

/// The block for `n` of at most `max`: the lowest block for any question, the highest for
/// the most; [`EMPTY_WEEK`] for none.
fn level(n: u32, max: u32) -> char {
    if n == 0 || max == 0 {
        return EMPTY_WEEK;
    }
    let steps = BLOCKS.len() as u64;
    let i = (u64::from(n) * steps)
        .div_ceil(u64::from(max))
        .clamp(1, steps)
        - 1;
    BLOCKS[i as usize]
}

/// The chart's heading.
fn chart_heading() -> String {
    format!("Questions per week, last {CHART_WEEKS} weeks (oldest first)")
}

/// The field of one topic, its texts cut to `cap` characters each.
fn topic_field(t: &Topic, cap: usize) -> Field {
    let first = t.phrasings.first().map_or("", |(p, _)| p.as_str());
    // The count is the topic's, not its first phrasing's: say so.
    let name = format!(
        "{}: “{}”",
        plural(t.count as usize, "question", "questions"),
        md(first, cap)
    );
    let mut lines: Vec<String> = t
        .phrasings
        .iter()
        .skip(1)
        .map(|(p, n)| format!("also “{}” ×{n}", md(p, cap)))
        .collect();
    lines.push(match &t.nearest {
        Some(near) => format!(
            "Nearest: {} ({}%)",
            md(&near.title, cap),
            percent(near.confidence)
        ),
        None => "Nearest: nothing close yet".to_string(),
    });
    Field {
        name: truncate(&name, limits::FIELD_NAME),
        value: truncate(&lines.join("\n"), limits::FIELD_VALUE),
        inline: false,
    }
}

/// The field of one entry voted down, its texts cut to `cap` characters each.
fn downvoted_field(d: &Downvoted, cap: usize) -> Field {
    let name = format!("👎 {} · 👍 {}: {}", d.down, d.up, md(&d.title, cap));
    let value = if d.comments.is_empty() {
        "No comments left.".to_string()
    } else {
        d.comments
            .iter()
            .map(|c| format!("“{}”", md(c, cap)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    Field {
        name: truncate(&name, limits::FIELD_NAME),
        value: truncate(&value, limits::FIELD_VALUE),
        inline: false,
    }
}

/// Each piece of user text is cut to the first of these that lets the embed fit.
const CAPS: [usize; 8] = [200, 150, 100, 70, 50, 35, 25, 15];

/// The report as an embed, within every Discord limit (counted in characters): a field per
/// top topic, then per entry voted down, then the weekly chart in a code block.
pub fn reply(g: &Gaps) -> Reply {
    let description = truncate(
        &summary(
            g,
            |s| format!("**{s}**"),
            "**Export as TOML** turns them into stubs to fill in.",
        ),
        limits::DESCRIPTION,
    );
    let footer = "Only questions are kept, never who asked them or who voted.".to_string();
    let mut r = Reply::plain(
        Kind::None,
        truncate(&title(g), limits::TITLE),
        description,
        NEUTRAL_COLOUR,
        footer,
    );
    let chart = Field {
        name: chart_heading(),
        value: format!("```\n{}\n```", chart_lines(&g.weeks).join("\n")),
        inline: false,
    };
    if g.is_empty() {
        return r;
    }
    for cap in CAPS {
        r.fields = g
            .topics
            .iter()
            .map(|t| topic_field(t, cap))
            .chain(g.downvoted.iter().map(|d| downvoted_field(d, cap)))
            .take(limits::FIELDS - 1)
            .chain(std::iter::once(chart.clone()))
            .collect();
        if r.total_chars() <= limits::TOTAL {
            return r;
        }
    }
    // Never reached with the sizes above; drops fields before the chart if it ever is.
    r.fit_to_discord(Overflow::BeforeLastField);
    r
}

/// The report for a terminal: every text on one line, nothing cut.
pub fn text(g: &Gaps) -> String {
    let mut out = String::new();
    let heading = title(g);
    let _ = writeln!(out, "{heading}\n{}", "=".repeat(chars(&heading)));
    let _ = writeln!(
        out,
        "{}",
        summary(
            g,
            |s| s.to_string(),
            "`rolecall gaps --toml` prints them as stubs to fill in.",
        )
    );
    if !g.topics.is_empty() {
        let _ = writeln!(out, "\nTop topics");
        for (i, t) in g.topics.iter().enumerate() {
            let first = t.phrasings.first().map_or("", |(p, _)| p.as_str());
            let asked = plural(t.count as usize, "question", "questions");
            let _ = writeln!(out, "{:>2}. {asked}: “{}”", i + 1, one_line(first));
            for (p, n) in t.phrasings.iter().skip(1) {
                let _ = writeln!(out, "    also “{}” ×{n}", one_line(p));
            }
            let _ = match &t.nearest {
                Some(near) => writeln!(
                    out,
                    "    nearest: {} ({}%)",
                    one_line(&near.title),
                    percent(near.confidence)
                ),
                None => writeln!(out, "    nearest: nothing close yet"),
            };
        }
    }
    if !g.downvoted.is_empty() {
        let _ = writeln!(out, "\nMost voted down");
        for d in &g.downvoted {
            let _ = writeln!(
                out,
                "  👎 {} · 👍 {}: {} ({})",
                d.down,
                d.up,
                one_line(&d.title),
                one_line(&d.entry)
            );
            for c in &d.comments {
                let _ = writeln!(out, "    “{}”", one_line(c));
            }
        }
    }
    let _ = writeln!(out, "\n{}", chart_heading());
    for line in chart_lines(&g.weeks) {
        let _ = writeln!(out, "  {line}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_scale_to_the_max() {
        assert_eq!(level(0, 10), EMPTY_WEEK);
        assert_eq!(level(1, 10), '▁');
        assert_eq!(level(10, 10), '█');
        assert_eq!(level(5, 10), '▄');
        assert_eq!(level(u32::MAX, u32::MAX), '█');
        assert_eq!(level(1, u32::MAX), '▁');
    }

    #[test]
    fn markdown_and_control_characters_are_tamed() {
        assert_eq!(
            md("**bold** _x_\n`code`", 100),
            "\\*\\*bold\\*\\* \\_x\\_ \\`code\\`"
        );
        assert_eq!(one_line("a\u{1b}[31m\n\tb"), "a [31m b");
    }
}
