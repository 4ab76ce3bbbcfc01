//! What teaching costs: how long a server's knowledge takes to build again after a change
//! (its overlay validated beside the shipped knowledge and indexed, as `/teach` does before
//! it saves), for a server with 500 FAQs; and the memory of a bot in 1,000 servers that each
//! taught 100 FAQs, every one of them asked a question, with the default cache of built
//! servers (`ROLECALL_SERVER_CACHE`, 32) and with every server kept built.
//!
//! Run: `cargo bench --bench servers` (the memory half reads this process's VmRSS and
//! VmHWM from /proc, so it runs on Linux). Without `--bench` (as `cargo test --benches` runs
//! it) it checks itself at a small scale.

use rolecall::discord::servers::Servers;
use rolecall_core::base::{KnowledgeBase, SharedKnowledge};
use rolecall_core::overlay::{self, Overlay, ServerFaq, ServerHolder};
use rolecall_core::MatchConfig;
use rolecall_store::{Backend, MemoryStore};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The first server's id (Discord-sized); the others follow it.
const FIRST_GUILD: u64 = 1_100_000_000_000_000_000;

/// Things a team asks about: none of them a role, aspect or term of the shipped knowledge.
const THINGS: [&str; 40] = [
    "staging cluster",
    "vpn",
    "laptop",
    "badge",
    "expense report",
    "parking spot",
    "build server",
    "design files",
    "status page",
    "on-call rota",
    "feature flags",
    "error tracker",
    "analytics dashboard",
    "customer sandbox",
    "release notes",
    "office wifi",
    "meeting rooms",
    "travel booking",
    "training budget",
    "holiday calendar",
    "password manager",
    "test devices",
    "load balancer",
    "dns records",
    "ssl certificates",
    "docker registry",
    "package mirror",
    "secrets vault",
    "log archive",
    "billing console",
    "support inbox",
    "incident channel",
    "style guide",
    "api keys",
    "data warehouse",
    "shared drive",
    "printer",
    "coffee machine",
    "bike storage",
    "mail room",
];
/// What a team asks to do with them.
const DOINGS: [&str; 25] = [
    "get access to",
    "reset",
    "renew",
    "request",
    "book",
    "report a problem with",
    "set up",
    "update",
    "find",
    "borrow",
    "return",
    "configure",
    "replace",
    "clean up",
    "back up",
    "restore",
    "audit",
    "share",
    "move",
    "label",
    "rotate",
    "order",
    "retire",
    "monitor",
    "fix",
];

/// FAQ `n` of a server: a question, an answer of two sentences and two phrasings.
fn faq(n: usize) -> ServerFaq {
    let thing = THINGS[n % THINGS.len()];
    let doing = DOINGS[(n / THINGS.len()) % DOINGS.len()];
    ServerFaq {
        id: format!("server-faq-{n}"),
        question: format!("How do I {doing} the {thing}?"),
        answer: format!(
            "**Ask the {thing} owners in their channel.** They {doing} it within a working day; \
             say which team you are in and why you need it."
        ),
        phrasings: vec![
            format!("who can {doing} the {thing} for me"),
            format!("{thing}: how to {doing} it"),
        ],
    }
}

/// A server's overlay of `faqs` FAQs and a PO for one team.
fn overlay(faqs: usize) -> Overlay {
    let mut o = Overlay {
        faqs: (0..faqs).map(faq).collect(),
        holders: vec![ServerHolder {
            role: "po".into(),
            team: Some("Checkout".into()),
            user: 2_200_000_000_000_000_001,
        }],
    };
    o.sort();
    o
}

/// `(VmRSS, VmHWM)` of this process in MiB, when /proc says.
fn memory() -> Option<(f64, f64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))?
            .split_whitespace()
            .nth(1)?
            .parse::<f64>()
            .ok()
            .map(|kb| kb / 1024.0)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Median, 95th percentile and worst of `times`.
fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    format!(
        "median {:.1} ms, p95 {:.1} ms, max {:.1} ms over {}",
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(1.0)),
        times.len()
    )
}

/// Rebuilding a server of `faqs` FAQs after one more is added, `rounds` times.
fn rebuild(base: &KnowledgeBase, faqs: usize, rounds: usize) {
    let before = overlay(faqs - 1);
    assert!(
        overlay::build(base, &before, FIRST_GUILD, faqs).is_ok(),
        "the generated overlay validates"
    );
    let times: Vec<Duration> = (0..rounds)
        .map(|_| {
            let changed = before.with_faq(faq(faqs - 1));
            let start = Instant::now();
            let k = overlay::build(base, &changed, FIRST_GUILD, faqs).expect("accepted");
            let took = start.elapsed();
            assert_eq!(k.faqs.len(), base.faqs.len() + faqs);
            took
        })
        .collect();
    println!(
        "rebuild after a change, {faqs} server FAQs: {}",
        summary(times)
    );
}

/// A bot in `servers` servers of `faqs` FAQs each, one question asked in every server, with
/// `cache` servers kept built.
async fn many(base: &SharedKnowledge, servers: u64, faqs: usize, cache: usize) {
    let store = Arc::new(MemoryStore::new());
    let taught = overlay(faqs);
    for g in 0..servers {
        store
            .replace_overlay(FIRST_GUILD + g, &taught, 7, 1)
            .await
            .unwrap();
    }
    let s = Servers::new(base.clone(), store.clone(), cache, faqs);
    let cfg = MatchConfig::DEFAULT;
    let before = memory();
    let start = Instant::now();
    let mut firsts = Vec::new();
    for g in 0..servers {
        let t = Instant::now();
        let k = s.knowledge(Some(FIRST_GUILD + g)).await;
        firsts.push(t.elapsed());
        let m = k.find("how do I reset the vpn?", &cfg);
        assert!(!m.ranked.is_empty(), "answered in server {g}");
    }
    let wall = start.elapsed();
    let after = memory();
    println!(
        "{servers} servers x {faqs} FAQs, cache {cache}: {} built now; first question's build {}; all in {:.1} s",
        s.built(),
        summary(firsts),
        wall.as_secs_f64()
    );
    if let (Some((rss0, _)), Some((rss, hwm))) = (before, after) {
        println!(
            "  RSS {rss0:.0} MiB before (the in-memory store's FAQs included), {rss:.0} MiB after; peak {hwm:.0} MiB"
        );
    }
    assert!(s.built() <= cache.max(1));
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let shared = SharedKnowledge::new(KnowledgeBase::shipped().expect("the shipped knowledge"));
    let base = shared.get();
    if let Some((rss, _)) = memory() {
        println!("RSS with the shipped knowledge loaded: {rss:.0} MiB");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    if full {
        rebuild(&base, 500, 30);
        rebuild(&base, 100, 30);
        runtime.block_on(many(
            &shared,
            1_000,
            100,
            rolecall::config::DEFAULT_SERVER_CACHE,
        ));
        runtime.block_on(many(&shared, 1_000, 100, 1_000));
    } else {
        rebuild(&base, 20, 2);
        runtime.block_on(many(&shared, 10, 10, 4));
    }
}
