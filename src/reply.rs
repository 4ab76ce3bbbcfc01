//! The platform-independent reply, and how matches and entries become replies.

use crate::base::KnowledgeBase;
use crate::knowledge::{Entry, Kind, Knowledge, RoleSet};
use crate::matching::{Band, Intent, Match, MatchConfig, Rejection};

/// Colour of FAQ, term and comparison answers (Discord blurple).
pub const NEUTRAL_COLOUR: u32 = 0x5865F2;
/// Colour of "did you mean" replies.
pub const SUGGEST_COLOUR: u32 = 0xFEE75C;
/// Colour of declines and input problems.
pub const DECLINE_COLOUR: u32 = 0x99AAB5;
/// Most suggestions or related entries offered.
pub const MAX_OFFERS: usize = 3;

/// One embed field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Field name.
    pub name: String,
    /// Field value.
    pub value: String,
    /// Shown side by side with neighbouring inline fields.
    pub inline: bool,
}

/// An entry offered as a suggestion or a related answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    /// Entry id.
    pub entry: String,
    /// Human title of the entry (never the user's text).
    pub title: String,
    /// Match confidence (1 for related entries).
    pub confidence: f32,
}

/// A reply, independent of where it is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// Kind of answer (`None` when declined or unsure).
    pub kind: Kind,
    /// Entry answered, when confident.
    pub entry: Option<String>,
    /// True when a confident answer was given.
    pub answered: bool,
    /// Confidence of the best match, in [0, 1].
    pub confidence: f32,
    /// Title.
    pub title: String,
    /// Main text.
    pub description: String,
    /// Fields (comparisons use inline fields).
    pub fields: Vec<Field>,
    /// Colour as 0xRRGGBB.
    pub colour: u32,
    /// Footer (credits the source).
    pub footer: String,
    /// "Did you mean" entries, when unsure.
    pub suggestions: Vec<Offer>,
    /// Related entries, under an answer.
    pub related: Vec<Offer>,
}

/// Answers a question: match it, then build the reply for its band.
pub fn answer(kb: &KnowledgeBase, question: &str, cfg: &MatchConfig) -> Reply {
    from_match(kb, &kb.find(question, cfg), cfg)
}

/// Builds the reply for a match.
pub fn from_match(k: &Knowledge, m: &Match, cfg: &MatchConfig) -> Reply {
    let confidence = round(m.confidence());
    match (&m.rejection, m.best(), m.band) {
        (Some(Rejection::Empty), _, _) => notice(
            k,
            "Ask me a question",
            format!(
                "I didn't find a question in that message. {}",
                examples_line(k)
            ),
        ),
        (Some(Rejection::TooLong(n)), _, _) => notice(
            k,
            "That question is too long",
            format!(
                "Please keep questions under {} characters (that one has {n}). Short questions match best. {}",
                cfg.max_question_chars,
                examples_line(k)
            ),
        ),
        (Some(Rejection::Help), _, _) => help(k),
        (Some(Rejection::UnknownRole(name)), _, _) => notice(
            k,
            "I don't cover that role",
            format!(
                "I know {}; I have nothing on “{name}”. {}",
                role_list(k),
                examples_line(k)
            ),
        ),
        (None, Some((entry, _)), Band::Answer) => {
            let mut r = for_entry(k, entry);
            r.confidence = confidence;
            r.description = (lead(k, m, entry) + &r.description).trim_end().to_string();
            r
        }
        (None, Some(_), Band::Suggest) => {
            let suggestions: Vec<Offer> = m
                .ranked
                .iter()
                .filter(|(_, s)| *s >= cfg.suggest)
                .take(MAX_OFFERS)
                .map(|&(e, s)| offer(k, e, round(s)))
                .collect();
            let list = suggestions
                .iter()
                .enumerate()
                .map(|(i, o)| format!("{}. {}", i + 1, o.title))
                .collect::<Vec<_>>()
                .join("\n");
            Reply {
                title: "Not sure I understood. Did you mean one of these?".into(),
                description: list,
                colour: SUGGEST_COLOUR,
                confidence,
                suggestions,
                ..notice(k, "", String::new())
            }
        }
        _ => {
            let topic = match m.reading.out_of_scope.first() {
                Some(t) => format!("I have nothing on “{t}”. "),
                None => String::new(),
            };
            Reply {
                confidence,
                ..notice(
                    k,
                    "Sorry, I can't answer that one",
                    format!(
                        "{topic}I answer questions about {} ({}). {}",
                        role_list(k),
                        k.title,
                        examples_line(k)
                    ),
                )
            }
        }
    }
}

/// What goes before an answer's text: "**The Product Manager.**" when a "who does X"
/// question is answered from one role's facts, "According to the source:" for a claim.
fn lead(k: &Knowledge, m: &Match, entry: Entry) -> String {
    match (m.reading.intent, entry) {
        (Intent::Claim, _) => "According to the source: ".into(),
        (Intent::WhoDoes, Entry::Fact { role, .. } | Entry::Role(role))
            if m.reading.roles.is_empty() =>
        {
            format!("**The {}.** ", k.roles[role].name)
        }
        _ => String::new(),
    }
}

/// What rolecall covers and how to ask it, drawn from the knowledge.
pub fn help(k: &Knowledge) -> Reply {
    let roles: Vec<String> = k
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| format!("**{}** ({})", r.name, short_name(k, i)))
        .collect();
    let aspects: Vec<&str> = k.aspects.iter().map(|a| a.name.as_str()).collect();
    let examples: Vec<String> = example_questions(k)
        .into_iter()
        .map(|q| format!("• {q}"))
        .collect();
    let mut fields = Vec::new();
    if !roles.is_empty() {
        fields.push(field("Roles I know", &roles.join("\n"), false));
    }
    if !aspects.is_empty() {
        fields.push(field("Ask about", &aspects.join(" · "), false));
    }
    if !examples.is_empty() {
        fields.push(field("Try asking", &examples.join("\n"), false));
    }
    Reply {
        kind: Kind::Help,
        entry: Some("help".into()),
        answered: true,
        confidence: 1.0,
        title: format!("What I can answer: {}", k.title),
        description: format!(
            "I answer “who does what” questions about {}, and common questions about how they work together. Ask in your own words: with `/ask`, by mentioning me, or in a channel I watch.",
            role_list(k)
        ),
        fields,
        colour: NEUTRAL_COLOUR,
        footer: format!("rolecall · {}", k.title),
        suggestions: Vec::new(),
        related: Vec::new(),
    }
}

/// The confident reply for one entry (used by answers, buttons and commands).
pub fn for_entry(k: &Knowledge, entry: Entry) -> Reply {
    let footer = k.credit_for(entry).unwrap_or_else(|| k.title.clone());
    let base = Reply {
        kind: entry.kind(),
        entry: Some(k.entry_id(entry)),
        answered: true,
        confidence: 1.0,
        title: title(k, entry),
        description: String::new(),
        fields: Vec::new(),
        colour: NEUTRAL_COLOUR,
        footer,
        suggestions: Vec::new(),
        related: related(k, entry)
            .into_iter()
            .map(|e| offer(k, e, 1.0))
            .collect(),
    };
    match entry {
        Entry::Role(r) => {
            let role = &k.roles[r];
            let mut fields = Vec::new();
            if let Some((a, fact)) = first_fact(k, r) {
                fields.push(field(&k.aspects[a].name, fact, false));
            }
            let others: Vec<&str> = k
                .aspects
                .iter()
                .zip(&role.facts)
                .skip(1)
                .filter(|(_, f)| f.is_some())
                .map(|(a, _)| a.name.as_str())
                .collect();
            if !others.is_empty() {
                fields.push(field("Ask me about", &others.join(" · "), false));
            }
            Reply {
                description: role.summary.clone(),
                fields,
                colour: role.colour,
                ..base
            }
        }
        Entry::Fact { role, aspect } => Reply {
            description: k.roles[role].facts[aspect].clone().unwrap_or_default(),
            colour: k.roles[role].colour,
            ..base
        },
        Entry::Compare { roles, aspect } => {
            let fields = k
                .roles_in(roles)
                .map(|r| {
                    let role = &k.roles[r];
                    let value = match aspect {
                        Some(a) => role.facts[a].clone().unwrap_or_default(),
                        None => match first_fact(k, r) {
                            Some((a, fact)) => {
                                format!("{}\n\n**{}:** {}", role.summary, k.aspects[a].name, fact)
                            }
                            None => role.summary.clone(),
                        },
                    };
                    field(&role.name, &value, true)
                })
                .collect();
            let description = match aspect {
                Some(_) => String::new(),
                None => format!(
                    "Side by side. Narrow it to one aspect, e.g. {}.",
                    aspect_examples(k, roles)
                ),
            };
            Reply {
                description,
                fields,
                ..base
            }
        }
        Entry::Faq(f) => Reply {
            description: k.faqs[f].answer.clone(),
            ..base
        },
        Entry::Term(t) => Reply {
            description: k.terms[t].definition.clone(),
            ..base
        },
    }
}

/// A short human title for an entry, used for answers, suggestions and buttons.
pub fn title(k: &Knowledge, entry: Entry) -> String {
    match entry {
        Entry::Role(r) => k.roles[r].name.clone(),
        Entry::Fact { role, aspect } => {
            format!("{}: {}", k.roles[role].name, k.aspects[aspect].name)
        }
        Entry::Compare { roles, aspect } => {
            let names: Vec<&str> = k
                .roles_in(roles)
                .map(|r| k.roles[r].name.as_str())
                .collect();
            let mut t = names.join(" vs ");
            if let Some(a) = aspect {
                t.push_str(": ");
                t.push_str(&k.aspects[a].name);
            }
            t
        }
        Entry::Faq(f) => k.faqs[f].question.clone(),
        Entry::Term(t) => k.terms[t].name.clone(),
    }
}

/// What to offer under an answer: the entry's own related list, or natural neighbours.
pub fn related(k: &Knowledge, entry: Entry) -> Vec<Entry> {
    let listed = match entry {
        Entry::Role(r) => k.roles[r].related.clone(),
        Entry::Faq(f) => k.faqs[f].related.clone(),
        Entry::Term(t) => k.terms[t].related.clone(),
        Entry::Fact { role, aspect } => {
            let with = k.roles_with(aspect);
            let mut v = Vec::new();
            if with.len() >= 2 {
                v.push(Entry::Compare {
                    roles: with,
                    aspect: Some(aspect),
                });
            }
            v.push(Entry::Role(role));
            v
        }
        Entry::Compare { roles, aspect } => {
            let mut v: Vec<Entry> = k.roles_in(roles).map(Entry::Role).collect();
            if aspect.is_some() {
                v.insert(
                    0,
                    Entry::Compare {
                        roles,
                        aspect: None,
                    },
                );
            }
            v
        }
    };
    listed.into_iter().take(MAX_OFFERS).collect()
}

fn offer(k: &Knowledge, entry: Entry, confidence: f32) -> Offer {
    Offer {
        entry: k.entry_id(entry),
        title: title(k, entry),
        confidence,
    }
}

fn field(name: &str, value: &str, inline: bool) -> Field {
    Field {
        name: name.to_string(),
        value: value.to_string(),
        inline,
    }
}

fn first_fact(k: &Knowledge, role: usize) -> Option<(usize, &str)> {
    k.roles[role]
        .facts
        .iter()
        .enumerate()
        .find_map(|(a, f)| f.as_deref().map(|f| (a, f)))
}

fn round(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

/// A reply that is not an answer (decline, empty or over-long question).
fn notice(k: &Knowledge, title: &str, description: String) -> Reply {
    Reply {
        kind: Kind::None,
        entry: None,
        answered: false,
        confidence: 0.0,
        title: title.to_string(),
        description,
        fields: Vec::new(),
        colour: DECLINE_COLOUR,
        footer: format!("rolecall · {}", k.title),
        suggestions: Vec::new(),
        related: Vec::new(),
    }
}

fn role_list(k: &Knowledge) -> String {
    let names: Vec<&str> = k.roles.iter().map(|r| r.name.as_str()).collect();
    match names.len() {
        0 => "the roles in my knowledge".into(),
        1 => format!("the {} role", names[0]),
        n => format!(
            "the {} and {} roles",
            names[..n - 1].join(", "),
            names[n - 1]
        ),
    }
}

/// A line of example questions drawn from the knowledge itself.
pub fn examples_line(k: &Knowledge) -> String {
    let examples: Vec<String> = example_questions(k)
        .into_iter()
        .take(3)
        .map(|q| format!("“{q}”"))
        .collect();
    if examples.is_empty() {
        String::new()
    } else {
        format!("Try {}.", examples.join(", "))
    }
}

/// Example questions the knowledge can answer: a comparison, a fact and FAQs.
pub fn example_questions(k: &Knowledge) -> Vec<String> {
    let short = |r: usize| short_name(k, r);
    let mut v = Vec::new();
    if k.roles.len() >= 2 {
        v.push(format!("{} vs {}", short(0), short(1)));
    }
    v.extend(k.faqs.iter().take(2).map(|f| f.question.clone()));
    if let Some((a, _)) = k.roles.first().and_then(|_| first_fact(k, 0)) {
        if let Some(w) = k.aspects[a].words.first() {
            v.push(format!("{} {}", short(0), w));
        }
    }
    v
}

/// "“PM vs PO salary” or “PM vs PO skills”": comparisons narrowed by the last aspects' words.
fn aspect_examples(k: &Knowledge, roles: RoleSet) -> String {
    let pair: Vec<String> = k
        .roles_in(roles)
        .take(2)
        .map(|r| short_name(k, r))
        .collect();
    let examples: Vec<String> = k
        .aspects
        .iter()
        .rev()
        .filter_map(|a| a.words.iter().find(|w| !w.contains(' ')))
        .take(2)
        .map(|w| format!("“{} {w}”", pair.join(" vs ")))
        .collect();
    examples.join(" or ")
}

/// The shortest alias of a role up to five characters ("PM"), else its name.
fn short_name(k: &Knowledge, r: usize) -> String {
    let role = &k.roles[r];
    role.aliases
        .iter()
        .filter(|a| a.chars().count() <= 5)
        .min_by_key(|a| a.chars().count())
        .cloned()
        .unwrap_or_else(|| role.name.clone())
}
