//! The knowledge-gaps report: built from logged questions, votes and week counts; shown as
//! an embed within Discord's limits, as terminal text, and exported as `[[faq]]` stubs that
//! `check` reads and flags until their answers are written.

use rolecall_core::knowledge::{Severity, Source, UNWRITTEN};
use rolecall_core::learn::report::{self, Gaps, MIN_DOWNVOTES, TOP_DOWNVOTED, TOP_TOPICS};
use rolecall_core::learn::stubs;
use rolecall_core::learn::{
    week_start, Asked, Candidate, Comment, GapsData, Logged, Outcome, VoteTotal, WeekCount,
};
use rolecall_core::render::Embed;
use rolecall_core::{Knowledge, KnowledgeBase};

/// Monday 2024-03-04 12:00 UTC, "now" in these tests.
const NOW: i64 = 1_709_553_600;
const DAY: i64 = 86_400;

fn kb() -> KnowledgeBase {
    KnowledgeBase::shipped().expect("shipped knowledge loads")
}

fn logged(text: &str, days_ago: i64, outcome: Outcome, best: Option<(&str, f32)>) -> Logged {
    Logged {
        guild: 7,
        channel: 8,
        at: NOW - days_ago * DAY,
        asked: Asked {
            outcome,
            text: text.to_string(),
            entry: None,
            candidates: best
                .map(|(entry, confidence)| Candidate {
                    entry: entry.to_string(),
                    confidence,
                })
                .into_iter()
                .collect(),
        },
    }
}

/// A log with two clear topics, one question too old for a 30-day window, votes and weeks.
fn data() -> GapsData {
    let mut questions = Vec::new();
    for (i, text) in [
        "How do I request Jira access?",
        "how do i request jira access",
        "jira access request",
        "How do I request Jira access?",
        "request access to jira",
    ]
    .iter()
    .enumerate()
    {
        questions.push(logged(
            text,
            i as i64,
            Outcome::Suggested,
            Some(("po", 0.42)),
        ));
    }
    for (i, text) in [
        "where is the coffee machine",
        "coffee machine?",
        "Coffee machine",
    ]
    .iter()
    .enumerate()
    {
        questions.push(logged(text, i as i64 + 1, Outcome::Declined, None));
    }
    questions.push(logged(
        "who books the parking spaces",
        40,
        Outcome::Declined,
        None,
    ));
    // Answered questions voted down are logged too, but are no gap.
    questions.push(logged(
        "who owns the backlog?",
        2,
        Outcome::Answered,
        Some(("po.owns", 0.9)),
    ));
    let votes = vec![
        VoteTotal {
            entry: "po.owns".into(),
            up: 1,
            down: 3,
        },
        VoteTotal {
            entry: "pm".into(),
            up: 4,
            down: 1,
        },
        VoteTotal {
            entry: "gone-entry".into(),
            up: 0,
            down: MIN_DOWNVOTES,
        },
    ];
    let comments = (0..5)
        .map(|i| Comment {
            entry: "po.owns".into(),
            text: format!("I wanted the sprint backlog {i}"),
            at: NOW - i * DAY,
        })
        .chain(std::iter::once(Comment {
            entry: "po.owns".into(),
            text: "too old".into(),
            at: NOW - 60 * DAY,
        }))
        .collect();
    let weeks = (0..8)
        .flat_map(|back| {
            let week = week_start(NOW) - back * 7 * DAY;
            [
                WeekCount {
                    week,
                    outcome: Outcome::Answered,
                    count: 10 + back as u32,
                },
                WeekCount {
                    week,
                    outcome: Outcome::Declined,
                    count: back as u32,
                },
            ]
        })
        .collect();
    GapsData {
        questions,
        votes,
        comments,
        weeks,
    }
}

#[test]
fn topics_group_alike_questions_in_the_window() {
    let kb = kb();
    let g = report::build(&kb, &data(), 30, NOW, true);
    assert_eq!(g.unanswered, 8, "{g:#?}");
    assert_eq!(g.declined, 3);
    let first = &g.topics[0];
    assert_eq!(first.count, 5);
    assert_eq!(
        first.phrasings[0],
        ("How do I request Jira access?".to_string(), 3)
    );
    let near = first.nearest.as_ref().expect("nearest");
    assert_eq!(near.entry, "po");
    assert_eq!(near.title, "Product Owner");
    let coffee = &g.topics[1];
    assert_eq!(coffee.count, 3);
    assert!(g
        .topics
        .iter()
        .all(|t| t.phrasings.iter().all(|(p, _)| !p.contains("parking"))));
    assert!(g
        .topics
        .iter()
        .all(|t| t.phrasings.iter().all(|(p, _)| !p.contains("backlog"))));

    // A 60-day window reaches the parking question.
    let wide = report::build(&kb, &data(), 60, NOW, true);
    assert_eq!(wide.unanswered, 9);
    assert!(wide
        .topics
        .iter()
        .any(|t| t.phrasings[0].0.contains("parking")));
}

#[test]
fn entries_voted_down_most_with_their_newest_comments() {
    let kb = kb();
    let g = report::build(&kb, &data(), 30, NOW, true);
    let entries: Vec<&str> = g.downvoted.iter().map(|d| d.entry.as_str()).collect();
    assert_eq!(entries, vec!["po.owns", "gone-entry"], "pm has one 👎 only");
    let owns = &g.downvoted[0];
    assert_eq!((owns.up, owns.down), (1, 3));
    assert_eq!(owns.title, "Product Owner: What they own");
    assert_eq!(
        owns.comments,
        vec![
            "I wanted the sprint backlog 0",
            "I wanted the sprint backlog 1",
            "I wanted the sprint backlog 2"
        ]
    );
    assert_eq!(g.downvoted[1].title, "gone-entry");
}

#[test]
fn the_chart_has_eight_weeks_oldest_first() {
    let kb = kb();
    let g = report::build(&kb, &data(), 30, NOW, true);
    assert_eq!(g.weeks.len(), 8);
    assert_eq!(g.weeks[7].start, week_start(NOW));
    assert_eq!(g.weeks[0].start, week_start(NOW) - 49 * DAY);
    assert_eq!((g.weeks[0].answered, g.weeks[0].declined), (17, 7));
    assert_eq!((g.weeks[7].answered, g.weeks[7].declined), (10, 0));
    let text = report::text(&g);
    assert!(text.contains("answered  ███▇▇▆▆▅ 108"), "{text}");
    assert!(text.contains("suggested ········ 0"), "{text}");
    assert!(text.contains("declined  ▄▃▃▂▂▁▁· 28"), "{text}");
}

#[test]
fn the_text_report_lists_topics_votes_and_the_chart() {
    let kb = kb();
    let g = report::build(&kb, &data(), 30, NOW, true);
    let text = report::text(&g);
    assert!(text.starts_with("Knowledge gaps: last 30 days\n"), "{text}");
    assert!(
        text.contains("8 questions went unanswered in 2 topics"),
        "{text}"
    );
    assert!(
        text.contains(
            " 1. 5 questions: “How do I request Jira access?”\n    also “jira access request” ×1\n"
        ),
        "{text}"
    );
    assert!(text.contains("nearest: Product Owner (42%)"), "{text}");
    assert!(
        text.contains("👎 3 · 👍 1: Product Owner: What they own (po.owns)"),
        "{text}"
    );
    assert!(text.contains("“I wanted the sprint backlog 0”"), "{text}");
    assert!(!text.contains("ROLECALL_QUESTION_LOG"), "{text}");
}

#[test]
fn the_embed_holds_topics_votes_and_the_chart() {
    let kb = kb();
    let g = report::build(&kb, &data(), 30, NOW, true);
    let r = report::reply(&g);
    assert_eq!(r.title, "Knowledge gaps: last 30 days");
    let names: Vec<&str> = r.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names[0], "5 questions: “How do I request Jira access?”");
    assert!(
        r.fields[0]
            .value
            .starts_with("also “jira access request” ×1\nalso “request access to jira” ×1\n"),
        "{:?}",
        r.fields[0]
    );
    assert!(
        r.fields[0].value.contains("Nearest: Product Owner (42%)"),
        "{:?}",
        r.fields[0]
    );
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("👎 3 · 👍 1: Product Owner")),
        "{names:?}"
    );
    let chart = r.fields.last().expect("chart");
    assert!(chart.value.starts_with("```\nanswered "), "{chart:?}");
    let embed = Embed::from_reply(&r);
    assert!(embed.within_limits());
    assert_eq!(embed.fields.len(), r.fields.len());
}

#[test]
fn an_empty_log_explains_what_will_appear() {
    let kb = kb();
    let g = report::build(&kb, &GapsData::default(), 30, NOW, true);
    assert!(g.is_empty());
    let r = report::reply(&g);
    assert!(r
        .description
        .starts_with("**No questions logged in the last 30 days.**"));
    assert!(
        r.description.contains("never who asked"),
        "{}",
        r.description
    );
    assert!(r.fields.is_empty());
    let text = report::text(&g);
    assert!(
        text.contains("Check back after a few days of questions."),
        "{text}"
    );
    let stubs = stubs::toml(&kb, &g);
    assert!(!stubs.contains("[[faq]]"));
    assert!(toml::from_str::<toml::Table>(&stubs).is_ok());
}

#[test]
fn a_log_turned_off_says_how_it_was_turned_off() {
    let kb = kb();
    for data in [GapsData::default(), data()] {
        let g = report::build(&kb, &data, 7, NOW, false);
        let r = report::reply(&g);
        assert!(
            r.description.contains("`ROLECALL_QUESTION_LOG=off`"),
            "{}",
            r.description
        );
        assert!(report::text(&g).contains("ROLECALL_QUESTION_LOG=off"));
    }
}

/// Hostile data: 10,000 different 300-character multibyte questions, markdown and control
/// characters, huge counts, long comments.
fn hostile() -> GapsData {
    let nasty = "**x**`y`||z|| <@123> @everyone \u{1b}[31m\n日本語🙂é ";
    // Twenty topics, each of its own eight made-up words.
    let word = |prefix: &str, i: i64| -> String {
        let letters: String = format!("{i:02}")
            .bytes()
            .map(|b| char::from(b'a' + (b - b'0')))
            .collect();
        format!("{prefix}{letters}")
    };
    let questions = (0..10_000)
        .map(|i| {
            let own: Vec<String> = [
                "zork", "blip", "quux", "frob", "wibl", "snar", "glom", "trev",
            ]
            .iter()
            .map(|p| word(p, i % 20))
            .collect();
            let text = format!("{} {}", own.join(" "), nasty.repeat(20));
            let text: String = text.chars().take(300).collect();
            logged(&text, i % 30, Outcome::Declined, Some(("po", 0.3)))
        })
        .collect();
    let votes = (0..50)
        .map(|i| VoteTotal {
            entry: format!("{}{i}", "e".repeat(300)),
            up: u32::MAX,
            down: u32::MAX - i,
        })
        .collect();
    let comments = (0..50)
        .flat_map(|i| {
            (0..5).map(move |j| Comment {
                entry: format!("{}{i}", "e".repeat(300)),
                text: nasty.repeat(30),
                at: NOW - j,
            })
        })
        .collect();
    let weeks = (0..8)
        .map(|back| WeekCount {
            week: week_start(NOW) - back * 7 * DAY,
            outcome: Outcome::Answered,
            count: u32::MAX,
        })
        .collect();
    GapsData {
        questions,
        votes,
        comments,
        weeks,
    }
}

#[test]
fn hostile_data_still_fits_discord() {
    let kb = kb();
    let g: Gaps = report::build(&kb, &hostile(), 365, NOW, false);
    assert_eq!(g.topics.len(), TOP_TOPICS);
    assert_eq!(g.downvoted.len(), TOP_DOWNVOTED);
    let r = report::reply(&g);
    let embed = Embed::from_reply(&r);
    assert!(embed.within_limits(), "{} chars", embed.total_chars());
    assert_eq!(
        embed.fields.len(),
        r.fields.len(),
        "nothing dropped by the embed"
    );
    assert_eq!(embed.fields.len(), TOP_TOPICS + TOP_DOWNVOTED + 1);
    assert!(embed
        .fields
        .last()
        .unwrap()
        .name
        .starts_with("Questions per week"));
    assert_eq!(embed.description, r.description, "nothing cut by the embed");
    for f in &r.fields {
        assert!(
            !f.value.contains('\u{1b}') && !f.name.contains('\n'),
            "{f:?}"
        );
        assert!(!f.name.contains("**x**"), "markdown is escaped: {f:?}");
    }
    let text = report::text(&g);
    assert!(
        !text.contains('\u{1b}'),
        "no terminal escapes reach the terminal"
    );
    let stubs = stubs::toml(&kb, &g);
    assert!(toml::from_str::<toml::Table>(&stubs).is_ok(), "{stubs}");
}

/// The shipped knowledge plus `extra` as `knowledge/gaps.toml`.
fn with_file(extra: &str) -> Vec<Source> {
    let mut sources = Knowledge::shipped_sources();
    sources.push(Source {
        path: "knowledge/gaps.toml".to_string(),
        text: extra.to_string(),
    });
    sources
}

/// A log whose phrasings are awkward for TOML and ids: quotes, backslashes, unicode, ids
/// of the knowledge, phrasings made only of stop words.
fn awkward() -> GapsData {
    let texts = [
        ("How do I request \"Jira\" access?", 4),
        ("jira access request \\ C:\\temp", 1),
        ("Où est la machine à café ?", 3),
        ("po", 2),
        ("what is it?", 2),
        ("日本語の質問", 2),
        ("tab\there and\u{7}bell velocity", 1),
    ];
    let questions = texts
        .iter()
        .flat_map(|&(t, n)| (0..n).map(move |i| logged(t, i, Outcome::Declined, None)))
        .collect();
    GapsData {
        questions,
        ..GapsData::default()
    }
}

#[test]
fn exported_stubs_fail_check_only_for_their_unwritten_answers() {
    let kb = kb();
    let g = report::build(&kb, &awkward(), 30, NOW, true);
    let stubs = stubs::toml(&kb, &g);
    let parsed: toml::Table = toml::from_str(&stubs).expect(&stubs);
    let faqs = parsed["faq"].as_array().expect("faq stubs");
    assert!(faqs.len() >= 4, "{stubs}");
    let ids: Vec<&str> = faqs.iter().map(|f| f["id"].as_str().unwrap()).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    for f in faqs {
        assert!(f["answer"].as_str().unwrap().starts_with(UNWRITTEN));
        let id = f["id"].as_str().unwrap();
        assert!(kb.parse_entry(id).is_none(), "{id} is not the knowledge's");
    }
    assert!(
        faqs.iter()
            .any(|f| f["question"].as_str() == Some("How do I request \"Jira\" access?")),
        "quotes survive the export: {stubs}"
    );
    assert!(
        stubs.contains("# Left out: “what is it?” has no word to match."),
        "{stubs}"
    );

    let problems = KnowledgeBase::check(&with_file(&stubs));
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect();
    assert_eq!(errors.len(), faqs.len(), "{errors:#?}");
    let lines: Vec<&str> = stubs.lines().collect();
    for (e, id) in errors.iter().zip(&ids) {
        let at: usize = e
            .strip_prefix("knowledge/gaps.toml:")
            .and_then(|rest| rest.split(':').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("file:line in {e}"));
        assert_eq!(lines[at - 1], format!("id = \"{id}\""), "{e}");
        assert!(
            e.contains(&format!("faq `{id}`: answer has not been written yet")),
            "{e}"
        );
    }

    let written = stubs.replace(
        &stubs::stub_answer(),
        "**Ask in #it-help.** The service desk answers within a day.",
    );
    let problems = KnowledgeBase::check(&with_file(&written));
    assert!(
        problems.iter().all(|p| p.severity != Severity::Error),
        "{problems:#?}"
    );
    let stub_warnings: Vec<_> = problems
        .iter()
        .filter(|p| p.file == "knowledge/gaps.toml")
        .collect();
    assert!(stub_warnings.is_empty(), "{stub_warnings:#?}");
    let base = KnowledgeBase::from_sources(with_file(&written)).expect("loads once written");
    assert_eq!(base.faqs.len(), kb.faqs.len() + faqs.len());
}
