//! Time per question: on the shipped knowledge, and on generated knowledge of 1,000 and
//! 10,000 extra entries (to show the cost does not grow linearly with entries).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use rolecall::knowledge::Source;
use rolecall::{reply, Knowledge, KnowledgeBase, MatchConfig};
use std::fmt::Write;
use std::hint::black_box;

/// Questions people ask: answered, suggested, declined, with typos.
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
];

/// Hostile input, within the 600-character limit: many sentences, long unknown words,
/// unicode, role names everywhere.
fn hostile() -> Vec<String> {
    vec![
        "who owns it? ".repeat(46),
        "x".repeat(590),
        format!("{} po", "supercalifragilisticexpialidocious ".repeat(16)),
        "pm po vs ".repeat(66),
        "ǫ̶͉͝w̷̞͐n̵̰͒ë̸̠r̶̬͝ ".repeat(12),
    ]
}

/// Deterministic pseudo-words, so generated knowledge has a realistic vocabulary.
fn pseudo_word(mut n: u64) -> String {
    const SYL: &[&str] = &[
        "ka", "lo", "mi", "ren", "tus", "va", "po", "sel", "dri", "on", "ex", "qua",
    ];
    let mut w = String::new();
    for _ in 0..3 {
        w.push_str(SYL[(n % SYL.len() as u64) as usize]);
        n /= SYL.len() as u64;
    }
    w
}

fn generated(entries: usize) -> KnowledgeBase {
    let mut seed: u64 = 0x2545F4914F6CDD1D;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        pseudo_word(seed % 5000)
    };
    let mut text = String::new();
    for i in 0..entries {
        let sentence = |n: usize, next: &mut dyn FnMut() -> String| {
            (0..n).map(|_| next()).collect::<Vec<_>>().join(" ")
        };
        let q = sentence(6, &mut next);
        let phrasings: Vec<String> = (0..4)
            .map(|_| format!("{:?}", sentence(5, &mut next)))
            .collect();
        let answer = sentence(30, &mut next);
        let _ = write!(
            text,
            "[[faq]]\nid = \"gen-{i}\"\nquestion = \"{q}?\"\nphrasings = [{}]\nanswer = \"{answer}.\"\n\n",
            phrasings.join(", ")
        );
    }
    let mut sources = Knowledge::shipped_sources();
    sources.push(Source {
        path: "generated.toml".into(),
        text,
    });
    KnowledgeBase::from_sources(sources).expect("generated knowledge loads")
}

fn bench(c: &mut Criterion) {
    let cfg = MatchConfig::DEFAULT;
    let mut group = c.benchmark_group("answer");
    let sets = [
        ("shipped", KnowledgeBase::shipped().expect("shipped")),
        ("1000", generated(1_000)),
        ("10000", generated(10_000)),
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
    c.bench_function("load/shipped", |b| {
        b.iter(|| black_box(KnowledgeBase::shipped().expect("shipped")))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
