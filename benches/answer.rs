//! Time per question and time to load, at scale.
//!
//! - `answer/per_question/*`: questions people ask, on the shipped knowledge and on it plus
//!   1,000 or 10,000 generated team FAQs whose words meet the questions' own (backlog,
//!   roadmap, release…), so matching really walks long posting lists.
//! - `answer/batch300/*`: 300 ordinary questions against 300 questions that are each one
//!   600-letter word (the cheapest flood to send) and 300 made of 80 words every generated
//!   FAQ shares (the longest posting lists), on the 10,000-FAQ knowledge.
//! - `answer/hostile/shipped`: other hostile input within the 600-character limit.
//! - `load/*`: validating and indexing the shipped knowledge, and 1,000 or 10,000 FAQs.
//!
//! Run: `cargo bench --bench answer` (criterion prints the medians).

#[path = "support/generate.rs"]
mod generate;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use rolecall_core::knowledge::Source;
use rolecall_core::{reply, Knowledge, KnowledgeBase, MatchConfig};
use std::hint::black_box;
use std::time::Duration;

/// Questions people ask: answered, suggested, declined, with typos, about team topics.
const QUESTIONS: &[&str] = &[
    "who owns the backlog?",
    "diffrence between product ownr and product manger",
    "PM vs PO salary",
    "what does a PO do in safe",
    "who owns the sprint backlog?",
    "How to Reset VPN Password",
    "our org just went SAFe and my boss wants me to be PM and PO at once, is that a good idea",
    "what does ART stand for",
    "ok so can someone explain what the product owner is actually for around here",
    "who keeps an eye on churn?",
    "UX designer vs PM",
    "PMs earn way more than POs",
    "What do POs do? Is that a management role? Who do they report to?",
    "help",
    "who approves the release for kalomi?",
    "where is the roadmap for the renvatus project",
    "how do I update the backlog in selqua",
    "when do we review the customer feedback and the metrics?",
];

/// Hostile input, within the 600-character limit: many sentences, long unknown words,
/// unicode, role names everywhere, markup openers.
fn hostile() -> Vec<String> {
    vec![
        "who owns it? ".repeat(46),
        "x".repeat(590),
        format!("{} po", "supercalifragilisticexpialidocious ".repeat(16)),
        "pm po vs ".repeat(66),
        "ǫ̶͉͝w̷̞͐n̵̰͒ë̸̠r̶̬͝ ".repeat(12),
        "<".repeat(600),
        "backlog roadmap release customer stakeholders feature priorities ".repeat(9),
    ]
}

/// `n` different words of 600 letters each.
fn long_words(n: usize) -> Vec<String> {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            (0..600)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    char::from(b'a' + (seed % 26) as u8)
                })
                .collect()
        })
        .collect()
}

/// The shipped knowledge's files plus `entries` generated team FAQs.
fn sources(entries: usize) -> Vec<Source> {
    let mut sources = Knowledge::shipped_sources();
    sources.push(Source {
        path: "team.toml".into(),
        text: generate::faqs(entries),
    });
    sources
}

fn bench(c: &mut Criterion) {
    let cfg = MatchConfig::DEFAULT;
    let mut group = c.benchmark_group("answer");
    let sets = [
        ("shipped", KnowledgeBase::shipped().expect("shipped")),
        (
            "1000",
            KnowledgeBase::from_sources(sources(1_000)).expect("1k"),
        ),
        (
            "10000",
            KnowledgeBase::from_sources(sources(10_000)).expect("10k"),
        ),
    ];
    for (name, k) in &sets {
        let mut i = 0;
        group.bench_with_input(BenchmarkId::new("per_question", name), k, |b, k| {
            b.iter(|| {
                i = (i + 1) % QUESTIONS.len();
                black_box(reply::answer(k, black_box(QUESTIONS[i]), &cfg))
            })
        });
    }
    let big = &sets[2].1;
    let ordinary: Vec<&str> = QUESTIONS.iter().copied().cycle().take(300).collect();
    group.bench_function("batch300/ordinary", |b| {
        b.iter(|| {
            for q in &ordinary {
                black_box(reply::answer(big, black_box(q), &cfg));
            }
        })
    });
    let common: Vec<String> = (0..300)
        .map(|i| {
            let shared = generate::SHARED;
            (0..80)
                .map(|j| shared[(i * 7 + j * 13) % shared.len()])
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(600)
                .collect()
        })
        .collect();
    group.bench_function("batch300/eighty_common_words", |b| {
        b.iter(|| {
            for q in &common {
                black_box(reply::answer(big, black_box(q), &cfg));
            }
        })
    });
    let words = long_words(300);
    group.bench_function("batch300/one_600_letter_word", |b| {
        b.iter(|| {
            for q in &words {
                black_box(reply::answer(big, black_box(q), &cfg));
            }
        })
    });
    let shipped = &sets[0].1;
    let hostile = hostile();
    let mut i = 0;
    group.bench_function("hostile/shipped", |b| {
        b.iter(|| {
            i = (i + 1) % hostile.len();
            black_box(reply::answer(shipped, black_box(&hostile[i]), &cfg))
        })
    });
    group.finish();

    let mut load = c.benchmark_group("load");
    load.bench_function("shipped", |b| {
        b.iter(|| black_box(KnowledgeBase::shipped().expect("shipped")))
    });
    load.sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for n in [1_000, 10_000] {
        let s = sources(n);
        load.bench_with_input(BenchmarkId::new("check", n), &s, |b, s| {
            b.iter(|| black_box(KnowledgeBase::check(black_box(s))))
        });
    }
    load.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
