//! How long the knowledge-gaps report takes from 10,000 logged questions (the most a report
//! reads, `report::MAX_QUESTIONS`), on the shipped knowledge.
//!
//! - `gaps/build/team_questions`: questions the way a team asks them: 400 topics of its own
//!   words (tools, services, places) in a few phrasings each, with typos and the knowledge's
//!   words mixed in, so grouping reads many distinct texts and merges their groups.
//! - `gaps/build/all_distinct_shared_words`: 10,000 different 300-character questions built
//!   from the same 60 words, the worst case for the inverted index (long postings, every
//!   group near every other).
//! - `gaps/keys/all_distinct_shared_words`: of that, the matcher reading each question
//!   (`Matcher::keys`, as costly as answering it).
//! - `gaps/show/*`: the embed, the terminal text and the TOML stubs from a built report.
//!
//! Run: `cargo bench --bench gaps` (criterion prints the medians).

use criterion::{criterion_group, criterion_main, Criterion};
use rolecall_core::learn::{report, stubs};
use rolecall_core::learn::{
    week_start, Asked, Candidate, Comment, GapsData, Logged, Outcome, VoteTotal, WeekCount,
};
use rolecall_core::KnowledgeBase;
use std::hint::black_box;
use std::time::Duration;

/// Monday 2024-03-04 12:00 UTC.
const NOW: i64 = 1_709_553_600;
const DAY: i64 = 86_400;
/// Questions in a report.
const QUESTIONS: usize = 10_000;

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const OPENERS: &[&str] = &[
    "how do I",
    "where do I",
    "who can",
    "can someone tell me how to",
    "what's the way to",
    "",
];
const VERBS: &[&str] = &[
    "request", "reset", "get", "book", "renew", "set up", "cancel", "find", "update", "approve",
];
const THINGS: &[&str] = &[
    "jira access",
    "vpn password",
    "parking space",
    "laptop",
    "expense report",
    "train ticket",
    "holiday",
    "wiki page",
    "staging server",
    "github team",
    "the backlog",
    "the roadmap",
    "release notes",
    "customer demo",
    "meeting room",
    "coffee machine",
    "badge",
    "monitor",
    "slack channel",
    "on-call rota",
];

/// A logged question.
fn logged(text: String, i: usize, rng: &mut Rng) -> Logged {
    let suggested = rng.next() % 2 == 0;
    Logged {
        guild: 1 + (i % 3) as u64,
        channel: 10 + (i % 7) as u64,
        at: NOW - (i as i64 % 30) * DAY - (i as i64 % 86_000),
        asked: Asked {
            outcome: if suggested {
                Outcome::Suggested
            } else {
                Outcome::Declined
            },
            text,
            entry: None,
            candidates: ["po", "pm.owns", "customer-contact"]
                .iter()
                .take(if suggested { 3 } else { 1 })
                .map(|e| Candidate {
                    entry: e.to_string(),
                    confidence: 0.2 + (rng.next() % 30) as f32 / 100.0,
                })
                .collect(),
        },
    }
}

/// 10,000 questions of 400 team topics, with votes, comments and week counts.
fn team_data() -> GapsData {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let topics: Vec<String> = (0..400)
        .map(|t| {
            let thing = THINGS[t % THINGS.len()];
            let service = format!("svc{}", (b'a' + (t / THINGS.len()) as u8) as char);
            format!("{} {thing} for {service}", VERBS[t % VERBS.len()])
        })
        .collect();
    let questions = (0..QUESTIONS)
        .map(|i| {
            let topic = &topics[(rng.next() % topics.len() as u64) as usize];
            let mut text = format!("{} {topic}", rng.pick(OPENERS));
            if rng.next() % 5 == 0 {
                text.push('?');
            }
            if rng.next() % 7 == 0 {
                text = text.replacen('e', "", 1);
            }
            logged(text.trim().to_string(), i, &mut rng)
        })
        .collect();
    rest(questions)
}

/// 10,000 different 300-character questions from the same 60 words.
fn distinct_data() -> GapsData {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let words: Vec<String> = (0..60)
        .map(|i| format!("word{}", (b'a' + i as u8 % 26) as char).repeat(1 + i / 26))
        .collect();
    let questions = (0..QUESTIONS)
        .map(|i| {
            let mut text = String::new();
            while text.chars().count() < 300 {
                text.push_str(&words[(rng.next() % words.len() as u64) as usize]);
                text.push(' ');
            }
            let text: String = text.chars().take(300).collect();
            logged(text, i, &mut rng)
        })
        .collect();
    rest(questions)
}

/// `questions` with 100 entries' votes, their comments and eight weeks of counts.
fn rest(questions: Vec<Logged>) -> GapsData {
    GapsData {
        questions,
        votes: (0..100)
            .map(|i| VoteTotal {
                entry: format!("entry-{i}"),
                up: i,
                down: 100 - i,
            })
            .collect(),
        comments: (0..1_000)
            .map(|i| Comment {
                entry: format!("entry-{}", i % 100),
                text: format!("I was looking for the thing number {i}"),
                at: NOW - i,
            })
            .collect(),
        weeks: (0..8)
            .flat_map(|w| {
                Outcome::ALL.map(|outcome| WeekCount {
                    week: week_start(NOW) - w * 7 * DAY,
                    outcome,
                    count: 1_000 + w as u32,
                })
            })
            .collect(),
    }
}

fn bench(c: &mut Criterion) {
    let kb = KnowledgeBase::shipped().expect("shipped");
    let team = team_data();
    let distinct = distinct_data();
    let mut group = c.benchmark_group("gaps");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("build/team_questions", |b| {
        b.iter(|| black_box(report::build(&kb, black_box(&team), 30, NOW, true)))
    });
    group.bench_function("build/all_distinct_shared_words", |b| {
        b.iter(|| black_box(report::build(&kb, black_box(&distinct), 30, NOW, true)))
    });
    group.bench_function("keys/all_distinct_shared_words", |b| {
        b.iter(|| {
            for q in &distinct.questions {
                black_box(kb.matcher.keys(&q.asked.text));
            }
        })
    });
    let built = report::build(&kb, &team, 30, NOW, true);
    assert_eq!(built.topics.len(), report::TOP_TOPICS);
    group.bench_function("show/embed", |b| {
        b.iter(|| black_box(report::reply(black_box(&built))))
    });
    group.bench_function("show/text", |b| {
        b.iter(|| black_box(report::text(black_box(&built))))
    });
    group.bench_function("show/toml", |b| {
        b.iter(|| black_box(stubs::toml(&kb, black_box(&built))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
