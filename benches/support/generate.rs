//! Generated knowledge for benchmarks: a team's FAQ file of any size, written the way teams
//! write them, so its vocabulary meets the questions people ask (backlog, roadmap, release,
//! who owns, who decides…) alongside the team's own words (service and project names).

use std::fmt::Write;

/// Words a team's FAQ shares with the questions people ask about roles.
pub const SHARED: &[&str] = &[
    "backlog",
    "roadmap",
    "release",
    "customer",
    "stakeholders",
    "feature",
    "priorities",
    "vision",
    "budget",
    "requirements",
    "market",
    "demo",
    "metrics",
    "team",
    "train",
    "product",
    "manager",
    "owner",
    "salary",
    "skills",
    "story",
    "stories",
    "strategy",
    "deadline",
    "scope",
    "quality",
    "feedback",
    "users",
    "roles",
    "plan",
    "meeting",
    "review",
    "decision",
    "process",
    "tool",
    "access",
    "account",
    "deploy",
    "incident",
];
/// Verbs teams use in their questions, as "who …s" and "how do I …".
const VERBS: &[(&str, &str)] = &[
    ("owns", "own"),
    ("approves", "approve"),
    ("decides", "decide on"),
    ("runs", "run"),
    ("reviews", "review"),
    ("plans", "plan"),
    ("updates", "update"),
    ("tracks", "track"),
    ("prioritises", "prioritise"),
    ("signs off", "sign off"),
    ("writes", "write"),
    ("handles", "handle"),
];
/// Syllables of the team's own words: service, project and tool names.
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "tus", "va", "sel", "dri", "on", "ex", "qua", "bel",
];

/// A deterministic xorshift stream, so every run generates the same knowledge.
struct Stream(u64);

impl Stream {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }

    /// One of 5,000 team words, e.g. "kalomi".
    fn team_word(&mut self) -> String {
        let mut n = self.next() % 5_000;
        let mut w = String::new();
        for _ in 0..3 {
            w.push_str(SYLLABLES[(n % SYLLABLES.len() as u64) as usize]);
            n /= SYLLABLES.len() as u64;
        }
        w
    }

    /// A question: a verb, a shared word and one or two team words.
    fn question(&mut self) -> String {
        let (third, base) = VERBS[(self.next() % VERBS.len() as u64) as usize];
        let (shared, team) = (self.pick(SHARED), self.team_word());
        let mut q = match self.next() % 4 {
            0 => format!("who {third} the {shared} for {team}"),
            1 => format!("how do I {base} the {shared} in {team}"),
            2 => format!("where is the {shared} for {team}"),
            _ => format!("when do we {base} the {team} {shared}"),
        };
        if self.next() % 2 == 0 {
            let _ = write!(q, " {}", self.team_word());
        }
        q
    }

    /// A sentence of `n` words, about one word in three shared with questions.
    fn sentence(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| match self.next() % 3 {
                0 => self.pick(SHARED).to_string(),
                _ => self.team_word(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A knowledge file of `entries` FAQs, each with a question, 4 phrasings and an answer.
pub fn faqs(entries: usize) -> String {
    let mut s = Stream(0x2545_F491_4F6C_DD1D);
    let mut text = String::with_capacity(entries * 400);
    for i in 0..entries {
        let question = s.question();
        let phrasings: Vec<String> = (0..4).map(|_| format!("{:?}", s.question())).collect();
        let answer = s.sentence(30);
        let _ = write!(
            text,
            "[[faq]]\nid = \"team-{i}\"\nquestion = \"{question}?\"\nphrasings = [{}]\nanswer = \"{answer}.\"\n\n",
            phrasings.join(", ")
        );
    }
    text
}
