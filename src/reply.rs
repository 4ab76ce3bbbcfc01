//! The platform-independent reply, and how matches and entries become replies.

use crate::base::KnowledgeBase;
use crate::knowledge::opener;
use crate::knowledge::{Entry, Kind, Knowledge, RoleSet};
use crate::matching::{Band, Intent, Match, MatchConfig, Rejection};

/// Colour of answers about more than one role, and of help (amethyst).
pub const NEUTRAL_COLOUR: u32 = 0x9B59B6;
/// Colour of "did you mean" replies (yellow).
pub const SUGGEST_COLOUR: u32 = 0xFEE75C;
/// Colour of declines and input problems (grey).
pub const DECLINE_COLOUR: u32 = 0x99AAB5;
/// Most suggestions, related entries or example questions offered.
pub const MAX_OFFERS: usize = 3;
/// Most characters a whole comparison should take, so it fits a phone screen; rows past
/// it are left to the aspect menu.
pub const COMPARISON_BUDGET: usize = 900;
/// Room kept in a comparison for the note that more aspects are in the menu.
const NARROW_NOTE_CHARS: usize = 50;
/// Most characters of a short answer shown in a comparison row or a menu option.
pub const ROW_CHARS: usize = 60;
/// Most options in a select menu (Discord's limit).
pub const MENU_OPTIONS: usize = 25;

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

/// An entry offered as a suggestion, a related answer or an example question.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    /// Entry id.
    pub entry: String,
    /// Human title of the entry (never the user's text).
    pub title: String,
    /// Short label for a button ("PM vs PO: metrics").
    pub label: String,
    /// Match confidence (1 for related entries and examples).
    pub confidence: f32,
}

/// One row of a comparison: an aspect and each role's short answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Aspect name ("Salary").
    pub name: String,
    /// (role's short name, short answer) per role, in the comparison's order.
    pub cells: Vec<(String, String)>,
}

impl Row {
    /// The row as an embed field value: one line per role, `PM · About $112K a year`.
    pub fn value(&self) -> String {
        self.cells
            .iter()
            .map(|(role, answer)| format!("{role} · {answer}"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// A menu of entries to pick from (a Discord string select).
#[derive(Debug, Clone, PartialEq)]
pub struct Menu {
    /// Text shown before anything is picked ("More on the Product Owner…").
    pub placeholder: String,
    /// The entries, at most [`MENU_OPTIONS`].
    pub options: Vec<MenuOption>,
}

/// One entry in a [`Menu`].
#[derive(Debug, Clone, PartialEq)]
pub struct MenuOption {
    /// Entry id answered when picked.
    pub entry: String,
    /// Label ("Salary").
    pub label: String,
    /// A preview of the answer ("About $112K a year"), possibly empty.
    pub description: String,
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
    /// Link of the title: the source the answer comes from, when its file gives a `url`.
    pub url: Option<String>,
    /// Main text: the answer first, as one bold sentence.
    pub description: String,
    /// Fields.
    pub fields: Vec<Field>,
    /// Comparison rows, one per aspect (shown after the fields).
    pub rows: Vec<Row>,
    /// Colour as 0xRRGGBB: the role answered about, neutral, yellow or grey.
    pub colour: u32,
    /// Footer: one short credit line.
    pub footer: String,
    /// "Did you mean" entries, when unsure.
    pub suggestions: Vec<Offer>,
    /// Related entries, under an answer.
    pub related: Vec<Offer>,
    /// Example questions offered under a decline or help.
    pub examples: Vec<Offer>,
    /// The aspects of a role card, fact or comparison, to pick from.
    pub menu: Option<Menu>,
}

impl Reply {
    /// A reply with nothing in it but its kind, title, text, colour and footer.
    fn plain(kind: Kind, title: String, description: String, colour: u32, footer: String) -> Reply {
        Reply {
            kind,
            entry: None,
            answered: false,
            confidence: 0.0,
            title,
            url: None,
            description,
            fields: Vec::new(),
            rows: Vec::new(),
            colour,
            footer,
            suggestions: Vec::new(),
            related: Vec::new(),
            examples: Vec::new(),
            menu: None,
        }
    }
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
            "**I didn't find a question in that message.** Ask in your own words, or try one of these:".into(),
        ),
        (Some(Rejection::TooLong(n)), _, _) => notice(
            k,
            "That question is too long",
            format!(
                "**Please keep questions under {} characters** (that one has {n}). Short questions match best; try one of these:",
                cfg.max_question_chars,
            ),
        ),
        (Some(Rejection::Help), _, _) => help(k),
        (Some(Rejection::UnknownRole(name)), _, _) => notice(
            k,
            "I don't cover that role",
            format!(
                "**I have nothing on “{name}”.** I know {}. Try one of these:",
                role_list(k),
            ),
        ),
        (None, Some((entry, _)), Band::Answer) => {
            let mut r = for_entry(k, entry);
            r.confidence = confidence;
            match lead(k, m, entry) {
                // The lead answers "who?": the text's own opener steps back to plain.
                Some((lead, Some(colour))) => {
                    r.description =
                        format!("{lead} {}", opener::split(&r.description).unbolded())
                            .trim_end()
                            .to_string();
                    r.colour = colour;
                }
                Some((lead, None)) => r.description = format!("{lead} {}", r.description),
                None => {}
            }
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
            Reply {
                confidence,
                suggestions,
                ..Reply::plain(
                    Kind::None,
                    "Did you mean…?".into(),
                    String::new(),
                    SUGGEST_COLOUR,
                    footer(k, None),
                )
            }
        }
        _ => {
            let opening = match m.reading.out_of_scope.first() {
                Some(t) => format!("**I have nothing on “{t}”.**"),
                None => "**That's outside what I know.**".to_string(),
            };
            Reply {
                confidence,
                ..notice(
                    k,
                    "Sorry, I can't answer that one",
                    format!(
                        "{opening} I answer questions about {}. Try one of these:",
                        role_list(k),
                    ),
                )
            }
        }
    }
}

/// What goes before an answer's text: "**The Product Manager.**" with the PM's colour when a
/// "who does X" question is answered from one role's facts; "According to the source:" (no
/// colour of its own) before the answer to a claim.
fn lead(k: &Knowledge, m: &Match, entry: Entry) -> Option<(String, Option<u32>)> {
    match (m.reading.intent, entry) {
        (Intent::Claim, _) => Some(("According to the source:".into(), None)),
        (Intent::WhoDoes, Entry::Fact { role, .. } | Entry::Role(role))
            if m.reading.roles.is_empty() =>
        {
            let r = &k.roles[role];
            Some((format!("**The {}.**", r.name), Some(r.colour)))
        }
        _ => None,
    }
}

/// What the "None of these" button answers: how to rephrase, and where else to ask.
pub fn none_of_these(k: &Knowledge) -> Reply {
    notice(
        k,
        "Let's try that another way",
        format!(
            "**Ask again in a few words, naming a role and one thing about it**, like “{}”. `/help` lists everything I cover; for how your own team works, ask your team lead. Or try one of these:",
            example_entries(k)
                .into_iter()
                .find(|e| matches!(e, Entry::Fact { .. }))
                .map_or_else(|| "who owns the backlog?".to_string(), |e| example_question(k, e)),
        ),
    )
}

/// What rolecall covers and how to ask it, drawn from the knowledge; the full credit of
/// every source lives here.
pub fn help(k: &Knowledge) -> Reply {
    let roles: Vec<String> = k
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| format!("**{}** ({})", r.name, short_name(k, i)))
        .collect();
    let aspects: Vec<&str> = k.aspects.iter().map(|a| a.name.as_str()).collect();
    let examples = example_entries(k);
    let commands = [
        "`/ask` anything, or mention me with a question",
        "`/role` a role card · `/compare` two roles",
        "`/faq` a common question or a term",
        "Add `private: True` to see the answer on your own.",
    ];
    let mut credits: Vec<String> = Vec::new();
    for f in &k.files {
        if let Some(c) = &f.credit {
            let line = match &f.url {
                Some(url) => format!("{c} <{url}>"),
                None => c.clone(),
            };
            if !credits.contains(&line) {
                credits.push(line);
            }
        }
    }
    let mut fields = Vec::new();
    if !roles.is_empty() {
        fields.push(field("Roles I know", &roles.join("\n"), false));
    }
    if !aspects.is_empty() {
        fields.push(field("Ask about", &aspects.join(" · "), false));
    }
    fields.push(field("How to ask", &commands.join("\n"), false));
    if !credits.is_empty() {
        fields.push(field("Sources", &credits.join("\n"), false));
    }
    Reply {
        entry: Some("help".into()),
        answered: true,
        confidence: 1.0,
        fields,
        examples: examples.into_iter().map(|e| example_offer(k, e)).collect(),
        ..Reply::plain(
            Kind::Help,
            format!("What I can answer: {}", k.title),
            format!(
                "**I answer “who does what” questions about {}**, and common questions about how they work together. Ask in your own words.",
                role_list(k)
            ),
            NEUTRAL_COLOUR,
            footer(k, None),
        )
    }
}

/// The confident reply for one entry (used by answers, buttons, menus and commands).
pub fn for_entry(k: &Knowledge, entry: Entry) -> Reply {
    let base = Reply {
        entry: Some(k.entry_id(entry)),
        answered: true,
        confidence: 1.0,
        url: url(k, entry),
        related: related(k, entry)
            .into_iter()
            .map(|e| offer(k, e, 1.0))
            .collect(),
        menu: menu(k, entry),
        ..Reply::plain(
            entry.kind(),
            title(k, entry),
            String::new(),
            NEUTRAL_COLOUR,
            footer(k, Some(entry)),
        )
    };
    match entry {
        Entry::Role(r) => {
            let role = &k.roles[r];
            let glance: Vec<String> = k
                .aspects
                .iter()
                .zip(&role.facts)
                .filter_map(|(a, f)| {
                    let f = f.as_deref()?;
                    Some(format!(
                        "**{}:** {}",
                        a.name,
                        opener::short_answer(f, ROW_CHARS)
                    ))
                })
                .collect();
            let mut fields = Vec::new();
            if !glance.is_empty() {
                fields.push(field("At a glance", &glance.join("\n"), false));
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
        Entry::Compare {
            roles,
            aspect: Some(a),
        } => {
            let pairs: Vec<String> = k
                .roles_in(roles)
                .map(|r| {
                    let fact = k.roles[r].facts[a].as_deref().unwrap_or_default();
                    format!(
                        "**{}:** {}",
                        short_name(k, r),
                        opener::short_answer(fact, ROW_CHARS)
                    )
                })
                .collect();
            let fields = k
                .roles_in(roles)
                .filter_map(|r| {
                    let fact = k.roles[r].facts[a].as_deref()?;
                    // The detail after the opener the description already shows.
                    let body = opener::split(fact).body;
                    (!body.is_empty()).then(|| field(&k.roles[r].name, body, true))
                })
                .collect();
            Reply {
                description: pairs.join(" · "),
                fields,
                ..base
            }
        }
        Entry::Compare {
            roles,
            aspect: None,
        } => {
            let summary: Vec<String> = k
                .roles_in(roles)
                .map(|r| {
                    format!(
                        "**{}:** {}",
                        short_name(k, r),
                        sentence(&opener::short_answer(&k.roles[r].summary, ROW_CHARS * 2))
                    )
                })
                .collect();
            let mut description = summary.join(" ");
            let mut rows: Vec<Row> = k
                .aspects
                .iter()
                .enumerate()
                .filter(|&(a, _)| k.all_have(roles, a))
                .map(|(a, aspect)| Row {
                    name: row_name(aspect),
                    cells: k
                        .roles_in(roles)
                        .map(|r| {
                            let fact = k.roles[r].facts[a].as_deref().unwrap_or_default();
                            (short_name(k, r), opener::short_answer(fact, ROW_CHARS))
                        })
                        .collect(),
                })
                .collect();
            let fixed = base.title.chars().count()
                + description.chars().count()
                + base.footer.chars().count();
            let cost = |r: &Row| r.name.chars().count() + r.value().chars().count();
            let all: usize = rows.iter().map(cost).sum();
            if fixed + all > COMPARISON_BUDGET {
                // Keep the rows that fit beside the note; the menu offers every aspect.
                let mut used = fixed + NARROW_NOTE_CHARS;
                let keep = rows
                    .iter()
                    .take_while(|r| {
                        used += cost(r);
                        used <= COMPARISON_BUDGET
                    })
                    .count();
                let left_out = rows.len() - keep;
                rows.truncate(keep);
                description.push_str(&format!(
                    "\n{left_out} more to compare: pick one from the menu below."
                ));
            }
            Reply {
                description,
                rows,
                ..base
            }
        }
        Entry::Faq(f) => {
            let answer = k.faqs[f].answer.clone();
            Reply {
                colour: colour_of_text(k, &answer),
                description: answer,
                ..base
            }
        }
        Entry::Term(t) => {
            let definition = k.terms[t].definition.clone();
            Reply {
                colour: colour_of_text(k, &definition),
                description: definition,
                ..base
            }
        }
    }
}

/// A short human title for an entry, used for answers and suggestions.
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

/// A button label for an entry: its `short` title, or one made from short names
/// ("PM vs PO: metrics", "PO: salary"); the full title when nothing shorter exists.
pub fn label(k: &Knowledge, entry: Entry) -> String {
    let aspect_short = |a: usize| {
        let aspect = &k.aspects[a];
        aspect.short.clone().unwrap_or_else(|| aspect.name.clone())
    };
    match entry {
        Entry::Role(r) => {
            let role = &k.roles[r];
            if role.name.chars().count() <= crate::knowledge::SHORT_TITLE_CHARS {
                role.name.clone()
            } else {
                short_name(k, r)
            }
        }
        Entry::Fact { role, aspect } => {
            format!("{}: {}", short_name(k, role), aspect_short(aspect))
        }
        Entry::Compare { roles, aspect } => {
            let names: Vec<String> = k.roles_in(roles).map(|r| short_name(k, r)).collect();
            let mut t = names.join(" vs ");
            if let Some(a) = aspect {
                t.push_str(": ");
                t.push_str(&aspect_short(a));
            }
            t
        }
        Entry::Faq(f) => k.faqs[f]
            .short
            .clone()
            .unwrap_or_else(|| k.faqs[f].question.clone()),
        Entry::Term(t) => k.terms[t]
            .short
            .clone()
            .unwrap_or_else(|| k.terms[t].name.clone()),
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

/// The aspect menu under a role card or fact (the role's other facts) and under a
/// comparison (the other aspects every role in it has).
pub fn menu(k: &Knowledge, entry: Entry) -> Option<Menu> {
    let (roles, current, placeholder) = match entry {
        Entry::Role(r) => (
            RoleSet::of(r),
            None,
            format!("More on the {}…", k.roles[r].name),
        ),
        Entry::Fact { role, aspect } => (
            RoleSet::of(role),
            Some(aspect),
            format!("More on the {}…", k.roles[role].name),
        ),
        Entry::Compare { roles, aspect } => (roles, aspect, "Compare them on…".to_string()),
        Entry::Faq(_) | Entry::Term(_) => return None,
    };
    let single = roles.len() == 1;
    let options: Vec<MenuOption> = (0..k.aspects.len())
        .filter(|&a| Some(a) != current && k.all_have(roles, a))
        .take(MENU_OPTIONS)
        .map(|a| {
            let (target, description) = if single {
                let role = roles.iter().next().unwrap_or(0);
                let fact = k.roles[role].facts[a].as_deref().unwrap_or_default();
                (
                    Entry::Fact { role, aspect: a },
                    opener::short_answer(fact, crate::render::limits::OPTION_DESCRIPTION),
                )
            } else {
                (
                    Entry::Compare {
                        roles,
                        aspect: Some(a),
                    },
                    String::new(),
                )
            };
            MenuOption {
                entry: k.entry_id(target),
                label: k.aspects[a].name.clone(),
                description,
            }
        })
        .collect();
    (!options.is_empty()).then_some(Menu {
        placeholder,
        options,
    })
}

fn offer(k: &Knowledge, entry: Entry, confidence: f32) -> Offer {
    Offer {
        entry: k.entry_id(entry),
        title: title(k, entry),
        label: label(k, entry),
        confidence,
    }
}

/// An example question offered as a button: titled as a person would ask it.
fn example_offer(k: &Knowledge, entry: Entry) -> Offer {
    Offer {
        title: example_question(k, entry),
        ..offer(k, entry, 1.0)
    }
}

fn field(name: &str, value: &str, inline: bool) -> Field {
    Field {
        name: name.to_string(),
        value: value.to_string(),
        inline,
    }
}

fn round(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

/// A comparison row's name: the aspect's `short` with a capital ("Metrics"), else its name.
fn row_name(aspect: &crate::knowledge::Aspect) -> String {
    let Some(short) = &aspect.short else {
        return aspect.name.clone();
    };
    let mut chars = short.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// `text` ending with a full stop (or the mark it already ends with).
fn sentence(text: &str) -> String {
    if text.ends_with(['.', '?', '!', '…']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// The colour of a FAQ or term answer: the role its bold opener names, when it names
/// exactly one ("**The Product Owner.**"), else neutral.
fn colour_of_text(k: &Knowledge, text: &str) -> u32 {
    let Some(opening) = opener::split(text).opener else {
        return NEUTRAL_COLOUR;
    };
    // Lower-case words separated by single spaces, so names match on word boundaries.
    let words = |t: &str| -> String {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let padded = format!(" {} ", words(opening));
    let mut named = k.roles.iter().filter(|r| {
        std::iter::once(&r.name)
            .chain(&r.aliases)
            .map(|n| words(n))
            .any(|n| !n.is_empty() && padded.contains(&format!(" {n} ")))
    });
    match (named.next(), named.next()) {
        (Some(r), None) => r.colour,
        _ => NEUTRAL_COLOUR,
    }
}

/// The one-line footer of a reply: the entry's short credit (see
/// [`Knowledge::short_credit_for`]).
fn footer(k: &Knowledge, entry: Option<Entry>) -> String {
    k.short_credit_for(entry)
}

/// The link of an answer's title: its file's `url` (for a comparison, the first role's).
fn url(k: &Knowledge, entry: Entry) -> Option<String> {
    k.files.get(k.origin(entry).file)?.url.clone()
}

/// A reply that is not an answer (decline, empty or over-long question), offering the
/// example questions as buttons.
fn notice(k: &Knowledge, title: &str, description: String) -> Reply {
    Reply {
        examples: example_entries(k)
            .into_iter()
            .map(|e| example_offer(k, e))
            .collect(),
        ..Reply::plain(
            Kind::None,
            title.to_string(),
            description,
            DECLINE_COLOUR,
            footer(k, None),
        )
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

/// Example entries the knowledge can answer: a comparison, two FAQs and a fact.
pub fn example_entries(k: &Knowledge) -> Vec<Entry> {
    let mut v = Vec::new();
    if k.roles.len() >= 2 {
        v.push(Entry::Compare {
            roles: [0, 1].into_iter().collect(),
            aspect: None,
        });
    }
    v.extend((0..k.faqs.len().min(2)).map(Entry::Faq));
    if let Some(a) = (0..k.aspects.len()).find(|&a| {
        !k.roles.is_empty() && k.roles[0].facts[a].is_some() && !k.aspects[a].words.is_empty()
    }) {
        v.push(Entry::Fact { role: 0, aspect: a });
    }
    v.truncate(MAX_OFFERS);
    v
}

/// An example entry as a question a person would type ("PM vs PO", "PM focus").
pub fn example_question(k: &Knowledge, entry: Entry) -> String {
    match entry {
        Entry::Compare { roles, aspect } => {
            let names: Vec<String> = k.roles_in(roles).map(|r| short_name(k, r)).collect();
            let mut q = names.join(" vs ");
            if let Some(w) = aspect.and_then(|a| k.aspects[a].words.first()) {
                q.push(' ');
                q.push_str(w);
            }
            q
        }
        Entry::Fact { role, aspect } => match k.aspects[aspect].words.first() {
            Some(w) => format!("{} {w}", short_name(k, role)),
            None => title(k, entry),
        },
        Entry::Faq(f) => k.faqs[f].question.clone(),
        Entry::Role(_) | Entry::Term(_) => format!("What is the {}?", title(k, entry)),
    }
}

/// Example questions the knowledge can answer, as a person would type them.
pub fn example_questions(k: &Knowledge) -> Vec<String> {
    example_entries(k)
        .into_iter()
        .map(|e| example_question(k, e))
        .collect()
}

/// A role's short name: its `short`, else its shortest alias of up to five characters
/// ("PM"), else its name.
pub fn short_name(k: &Knowledge, r: usize) -> String {
    let role = &k.roles[r];
    if let Some(s) = &role.short {
        return s.clone();
    }
    role.aliases
        .iter()
        .filter(|a| a.chars().count() <= 5)
        .min_by_key(|a| a.chars().count())
        .cloned()
        .unwrap_or_else(|| role.name.clone())
}
