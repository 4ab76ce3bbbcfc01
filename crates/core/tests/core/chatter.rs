//! Chatter invariance, a metamorphic test: a question answered right stays answered the
//! same when wrapped in what people put around questions (greetings, apologies, a sentence
//! about themselves, thanks, emoji, laughter), and an off-topic question declined stays
//! declined, also when wrapped in talk about the roles. The frames are the team's own
//! (`eval/chatter.toml`); the questions are the tuning part of the real-question corpus and
//! the team's check questions (never the holdout). Each question is wrapped [`WRAPS`] times,
//! the frames picked with a seed drawn from the question itself, so one question's sample
//! never shifts because another question's answer changed. `eval/chatter.py` runs the same check on every frame
//! combination with the release build and reports the full rates.

use rolecall_core::{reply, KnowledgeBase, MatchConfig};
use serde_json::Value;
use std::path::Path;

/// Share of right answers that must stay the same entry, and of declines that must stay
/// declined, on this sample (the target for the full run is 97%; the closing note
/// of issue 17 gives the measured rates).
const KEPT: f64 = 0.95;

/// Wrapped variants of each question.
const WRAPS: usize = 3;

/// The seed of a question's wraps: FNV-1a of its text, mixed with the fixed seed 17.
fn seed(q: &str) -> u64 {
    q.bytes().fold(0xcbf2_9ce4_8422_2325 ^ 17, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A small deterministic generator (SplitMix64), so the sample is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, list: &'a [String]) -> &'a str {
        &list[(self.next() % list.len() as u64) as usize]
    }
}

struct Frames {
    prefixes: Vec<String>,
    contexts: Vec<String>,
    suffixes: Vec<String>,
    role_context: Vec<String>,
}

fn frames() -> Frames {
    let text = std::fs::read_to_string(root().join("eval/chatter.toml")).expect("frames file");
    let v: toml::Value = toml::from_str(&text).expect("frames parse");
    let list = |key: &str| -> Vec<String> {
        v[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key} is a list"))
            .iter()
            .map(|x| x.as_str().expect("a string").to_string())
            .collect()
    };
    Frames {
        prefixes: list("prefixes"),
        contexts: list("contexts"),
        suffixes: list("suffixes"),
        role_context: list("role_context"),
    }
}

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The graded rows (not arguable) of a question set.
fn rows(file: &str) -> Vec<Value> {
    std::fs::read_to_string(root().join(file))
        .expect("question set")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<Value>(l).expect("a JSON line"))
        .filter(|r| r["arguable"].as_bool() != Some(true))
        .collect()
}

/// A question wrapped in chatter: at least one of prefix, context sentence and suffix.
fn wrap(rng: &mut Rng, f: &Frames, q: &str, role_context: bool) -> String {
    loop {
        let mut pre = if rng.chance(60) {
            rng.pick(&f.prefixes)
        } else {
            ""
        };
        if role_context && rng.chance(70) {
            pre = rng.pick(&f.role_context);
        }
        let ctx = if rng.chance(50) {
            format!("{} ", rng.pick(&f.contexts))
        } else {
            String::new()
        };
        let suf = if rng.chance(60) {
            rng.pick(&f.suffixes)
        } else {
            ""
        };
        if !(pre.is_empty() && ctx.is_empty() && suf.is_empty()) {
            return format!("{pre}{ctx}{q}{suf}");
        }
    }
}

/// The embed text a grader reads: title, description, fields.
fn text(r: &rolecall_core::Reply) -> String {
    let mut s = format!("{}\n{}", r.title, r.description).to_lowercase();
    for f in &r.fields {
        s.push_str(&format!("\n{}\n{}", f.name, f.value).to_lowercase());
    }
    s
}

#[test]
fn right_answers_and_declines_survive_chatter() {
    let k = KnowledgeBase::shipped().expect("shipped knowledge");
    let cfg = MatchConfig::DEFAULT;
    let f = frames();
    assert!(f.prefixes.len() + f.contexts.len() + f.suffixes.len() >= 25);
    let (mut kept_a, mut n_a, mut kept_d, mut n_d) = (0, 0, 0, 0);
    let mut broke = Vec::new();
    for row in rows("eval/corpus/tune.jsonl")
        .into_iter()
        .chain(rows("eval/checks.jsonl"))
    {
        let q = row["q"].as_str().expect("q");
        let mut rng = Rng(seed(q));
        let plain = reply::answer(&k, q, &cfg);
        if row["answerable"].as_bool() == Some(true) {
            let body = text(&plain);
            let right = plain.answered
                && row["expect_any"].as_array().is_some_and(|ks| {
                    ks.iter()
                        .any(|kw| body.contains(kw.as_str().unwrap_or("\u{0}")))
                });
            if !right {
                continue;
            }
            for _ in 0..WRAPS {
                let w = wrap(&mut rng, &f, q, false);
                let r = reply::answer(&k, &w, &cfg);
                n_a += 1;
                if r.answered && r.entry == plain.entry {
                    kept_a += 1;
                } else {
                    broke.push(format!("{:?} → {:?}: {w}", plain.entry, r.entry));
                }
            }
        } else if !plain.answered {
            for _ in 0..WRAPS {
                let roles = rng.chance(50);
                let w = wrap(&mut rng, &f, q, roles);
                let r = reply::answer(&k, &w, &cfg);
                n_d += 1;
                if r.answered {
                    broke.push(format!("declined → {:?}: {w}", r.entry));
                } else {
                    kept_d += 1;
                }
            }
        }
    }
    let (ra, rd) = (kept_a as f64 / n_a as f64, kept_d as f64 / n_d as f64);
    eprintln!("chatter invariance on the sample: answers kept {kept_a}/{n_a} = {ra:.3}; declines kept {kept_d}/{n_d} = {rd:.3}");
    assert!(
        n_a >= 100 && n_d >= 100,
        "too small a sample: {n_a} answers, {n_d} declines"
    );
    assert!(
        ra >= KEPT && rd >= KEPT,
        "answers kept {ra:.3}, declines kept {rd:.3}; what broke:\n{}",
        broke.join("\n")
    );
}

#[test]
fn the_answer_is_the_same_with_or_without_chatter_around_it() {
    let k = KnowledgeBase::shipped().expect("shipped knowledge");
    let cfg = MatchConfig::DEFAULT;
    let plain = reply::answer(
        &k,
        "what's the difference between a product owner and a product manager?",
        &cfg,
    );
    assert!(plain.answered);
    for wrapped in [
        "hey team, total noob question incoming 🙈 what's the difference between a product owner and a product manager? cheers",
        "so we were debating this over lunch: what's the difference between a product owner and a product manager?",
        "sorry if this is a dumb one, but what's the difference between a product owner and a product manager? thanks!",
    ] {
        let r = reply::answer(&k, wrapped, &cfg);
        assert!(r.answered, "{wrapped}: {r:?}");
        assert_eq!(r.entry, plain.entry, "{wrapped}");
    }
}
