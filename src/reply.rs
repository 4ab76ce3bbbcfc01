//! The platform-independent reply, and how matches and entries become replies.

use crate::base::KnowledgeBase;
use crate::knowledge::opener;
use crate::knowledge::{Entry, Holder, Kind, Knowledge, RoleSet, Tour};
use crate::matching::{Band, Intent, Match, MatchConfig, Rejection};
use crate::people;

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
/// Most people listed in one reply about the roster; more are counted, not named.
pub const MAX_PEOPLE_LINES: usize = 10;
/// The line under a newcomer's answered question that points to the tour.
pub const TOUR_NOTE: &str = "New here? The onboarding tour walks you through who does what.";
/// The entry id of the reply that points to the onboarding tour.
pub const TOUR_ENTRY: &str = "tour";

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

/// What stands between a role and its answer in a [`Row`]'s value.
const CELL_JOIN: &str = " · ";

impl Row {
    /// The row as an embed field value: one line per role, `PM · About $112K a year`.
    pub fn value(&self) -> String {
        let mut out =
            String::with_capacity(self.cells.iter().map(|(r, a)| r.len() + a.len() + 5).sum());
        for (i, (role, answer)) in self.cells.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(role);
            out.push_str(CELL_JOIN);
            out.push_str(answer);
        }
        out
    }

    /// Characters of [`Row::value`], counted without building it.
    pub fn value_chars(&self) -> usize {
        let cells = self.cells.iter();
        let text: usize = cells
            .map(|(r, a)| r.chars().count() + a.chars().count())
            .sum();
        let joins = self.cells.len() * CELL_JOIN.chars().count();
        text + joins + self.cells.len().saturating_sub(1)
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
    /// Discord user ids the reply names (as `<@id>` mentions in its text), in order.
    pub people: Vec<u64>,
    /// True when the reply points to the onboarding tour (Discord adds a "Start the tour"
    /// button; the terminal says how to take it).
    pub tour: bool,
}

impl Reply {
    /// Characters of its embed that count towards Discord's 6000 total (title, text,
    /// fields, footer), before any cutting.
    pub fn total_chars(&self) -> usize {
        use crate::render::limits::chars;
        chars(&self.title)
            + chars(&self.description)
            + chars(&self.footer)
            + self
                .fields
                .iter()
                .map(|f| chars(&f.name) + chars(&f.value))
                .sum::<usize>()
    }

    /// A reply with nothing in it but its kind, title, text, colour and footer.
    pub fn plain(
        kind: Kind,
        title: String,
        description: String,
        colour: u32,
        footer: String,
    ) -> Reply {
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
            people: Vec::new(),
            tour: false,
        }
    }
}

/// Answers a question asked nowhere in particular (the terminal): see [`answer_in`].
pub fn answer(kb: &KnowledgeBase, question: &str, cfg: &MatchConfig) -> Reply {
    answer_in(kb, question, cfg, None)
}

/// Answers a question asked in Discord channel `channel` (when there is one): match it,
/// then build the reply for its band. A question for a person ("who is our PO?") names who
/// holds the role, for the team the question names, else the channel's team; a newcomer's
/// question ("I'm new here, where do I start?") points to the tour, when there is one (a
/// newcomer's question about a role, aspect or term, or a "who" question, that rolecall
/// answers confidently is answered, and the tour pointed to below it).
pub fn answer_in(
    kb: &KnowledgeBase,
    question: &str,
    cfg: &MatchConfig,
    channel: Option<u64>,
) -> Reply {
    from_match_in(kb, &kb.find(question, cfg), cfg, channel)
}

/// Builds the reply for a match of a question asked in `channel` (see [`answer_in`]).
pub fn from_match_in(
    kb: &KnowledgeBase,
    m: &Match,
    cfg: &MatchConfig,
    channel: Option<u64>,
) -> Reply {
    if m.rejection.is_none() && m.reading.person {
        let team = m
            .reading
            .team
            .or_else(|| channel.and_then(|c| people::team_of_channel(kb, c)));
        if let Some(r) = for_person(kb, m, cfg, team) {
            return r;
        }
    }
    if let (None, true, Some(tour)) = (&m.rejection, m.reading.newcomer, &kb.tour) {
        let asks_something = m.reading.names_topic() || m.reading.intent == Intent::WhoDoes;
        if m.band == Band::Answer && asks_something {
            // A newcomer's real question is answered, with the tour pointed to below.
            let r = from_match(kb, m, cfg);
            return Reply {
                description: format!("{}\n{TOUR_NOTE}", r.description),
                tour: true,
                ..r
            };
        }
        // Nothing the newcomer asked is answered, though it is near what rolecall knows
        // ("new joiner here, what should I read to understand how roles work?"): the
        // tour is where to start. What rolecall declines stays declined.
        if !m.reading.names_topic() || m.band == Band::Suggest {
            return tour_pointer(kb, tour);
        }
    }
    from_match(kb, m, cfg)
}

/// The reply to a question for a person, for team `team` (or every team); `None` when it
/// resolves to no role, so it is answered as any other question.
///
/// A role named ("who is our PO?") is answered with who holds it, or, when no one is
/// listed, with `answered: false`, who is listed instead and the role card. A role found
/// by answering the "who" ("who do I ask about the roadmap?" → the PM) is answered with who
/// holds it and then that answer; when no one is listed, the answer stays and says so.
fn for_person(
    kb: &KnowledgeBase,
    m: &Match,
    cfg: &MatchConfig,
    team: Option<usize>,
) -> Option<Reply> {
    let k: &Knowledge = kb;
    if !m.reading.roles.is_empty() {
        let roles: Vec<usize> = m.reading.roles.iter().copied().take(MAX_OFFERS).collect();
        let held = holders_of(k, &roles, team);
        let confidence = round(m.confidence());
        return Some(if held.is_empty() {
            nobody_listed(k, &roles, team, confidence)
        } else {
            let tail = match roles.as_slice() {
                [r] => opener::split(&k.roles[*r].summary).unbolded(),
                _ => String::new(),
            };
            let entry = match roles.as_slice() {
                [r] => Entry::Role(*r),
                _ => Entry::Compare {
                    roles: roles.iter().copied().collect(),
                    aspect: None,
                },
            };
            holders_reply(k, &roles, team, &held, entry, tail)
        });
    }
    if m.band != Band::Answer {
        return None;
    }
    let (entry, _) = m.best()?;
    let (roles, by_opener) = roles_answering(kb, entry);
    if roles.is_empty() {
        return None;
    }
    let answer = from_match(k, m, cfg);
    let held = holders_of(k, &roles, team);
    if held.is_empty() {
        let note = if k.holders.is_empty() {
            "This team hasn't listed its people yet: ask your team lead who that is here."
                .to_string()
        } else {
            format!(
                "No one is listed as {} {} yet: ask your team lead.",
                role_names_with_article(k, &roles),
                where_label(k, team)
            )
        };
        return Some(Reply {
            description: format!("{}\n{note}", answer.description),
            ..answer
        });
    }
    // The entry's own text follows: without its opener when that only named the one role
    // the people line now names ("**The Product Owner.**").
    let text = for_entry(k, entry).description;
    let opened = opener::split(&text);
    let tail = if by_opener && roles.len() == 1 {
        opened.body.to_string()
    } else {
        opened.unbolded()
    };
    let entry = match (roles.as_slice(), entry) {
        ([r], _) => Entry::Role(*r),
        (_, e) => e,
    };
    Some(Reply {
        confidence: answer.confidence,
        ..holders_reply(k, &roles, team, &held, entry, tail)
    })
}

/// The roles an answer to a "who" question names: a role card's or fact's role; the roles
/// a FAQ's bold opener names ("**The Product Owner.**"), else those its whole answer names.
/// True beside them when a FAQ's opener named them.
fn roles_answering(kb: &KnowledgeBase, entry: Entry) -> (Vec<usize>, bool) {
    match entry {
        Entry::Role(r) | Entry::Fact { role: r, .. } => (vec![r], false),
        Entry::Faq(f) => {
            let answer = &kb.faqs[f].answer;
            let opened = opener::split(answer);
            let named = opened
                .opener
                .map_or_else(Vec::new, |o| kb.matcher.names(o).0);
            let by_opener = !named.is_empty();
            let mut roles = if by_opener {
                named
            } else {
                kb.matcher.names(&answer.replace("**", "")).0
            };
            roles.truncate(MAX_OFFERS);
            (roles, by_opener)
        }
        Entry::Compare { .. } | Entry::Term(_) => (Vec::new(), false),
    }
}

/// Everyone holding one of `roles` for `team` (or for every team), by role, each once.
fn holders_of<'k>(k: &'k Knowledge, roles: &[usize], team: Option<usize>) -> Vec<&'k Holder> {
    let mut held: Vec<&Holder> = Vec::new();
    for &r in roles {
        for h in people::holders(k, r, team) {
            if !held.iter().any(|x| std::ptr::eq(*x, h)) {
                held.push(h);
            }
        }
    }
    held
}

/// The confident reply naming who holds `roles`, answering `entry` (the role, the roles
/// compared, or the FAQ that named them): one bold sentence for one person, else one line
/// per person with their role and team; then `tail` (the role's summary, or the answer that
/// found the role).
fn holders_reply(
    k: &Knowledge,
    roles: &[usize],
    team: Option<usize>,
    held: &[&Holder],
    entry: Entry,
    tail: String,
) -> Reply {
    let single = roles.len() == 1;
    let opening = match held {
        [h] => format!(
            "**{} is the {} {}.**",
            people::mention_of(h.user),
            k.roles[h.role].name,
            match h.team {
                Some(_) => format!("of {}", people::team_label(k, h.team)),
                None => "for all teams".to_string(),
            }
        ),
        _ => {
            let what = if single {
                format!("the {} role", k.roles[roles[0]].name)
            } else {
                "these roles".to_string()
            };
            let mut s = format!(
                "**{} people hold {what} {}:**",
                held.len(),
                where_label(k, team)
            );
            for h in held.iter().take(MAX_PEOPLE_LINES) {
                s.push('\n');
                s.push_str(&people::holder_line(k, h));
            }
            if held.len() > MAX_PEOPLE_LINES {
                s.push_str(&format!("\n…and {} more.", held.len() - MAX_PEOPLE_LINES));
            }
            s
        }
    };
    let description = if tail.is_empty() {
        opening
    } else {
        format!("{opening}\n{tail}")
    };
    let names = role_names(k, roles, "and");
    let title = match team.and_then(|t| k.teams.get(t)) {
        Some(t) => format!("{names} of {}", t.name),
        None if single => format!("{names}: who holds it"),
        None => format!("{names}: who holds them"),
    };
    Reply {
        entry: Some(k.entry_id(entry)),
        answered: true,
        confidence: 1.0,
        related: roles
            .iter()
            .map(|&r| offer(k, Entry::Role(r), 1.0))
            .collect(),
        people: held.iter().take(MAX_PEOPLE_LINES).map(|h| h.user).collect(),
        ..Reply::plain(
            entry.kind(),
            title,
            description,
            if single {
                k.roles[roles[0]].colour
            } else {
                NEUTRAL_COLOUR
            },
            roster_footer(k, held),
        )
    }
}

/// The reply when no one is listed as holding a role named in a question for a person:
/// not answered; who is listed instead (or that the team has listed no one yet), who to
/// ask, and the role card.
fn nobody_listed(k: &Knowledge, roles: &[usize], team: Option<usize>, confidence: f32) -> Reply {
    let names = role_names(k, roles, "or");
    let ask = "Ask your team lead or whoever runs this server: they can list who holds which role in the knowledge (see knowledge/README.md).";
    let card = if roles.len() == 1 {
        "The role card says what the role does."
    } else {
        "The role cards say what the roles do."
    };
    let (title, description, listed) = if k.holders.is_empty() {
        (
            format!("{names}: no one listed yet"),
            format!("**This team hasn't listed its people yet.** {ask} {card}"),
            Vec::new(),
        )
    } else {
        // Who is listed for the team, else everyone listed.
        let (shown_for, listed) = match people::roster(k, team) {
            v if v.is_empty() => (None, people::roster(k, None)),
            v => (team, v),
        };
        let mut lines: Vec<String> = listed
            .iter()
            .take(MAX_PEOPLE_LINES)
            .map(|h| people::holder_line(k, h))
            .collect();
        if listed.len() > MAX_PEOPLE_LINES {
            lines.push(format!("…and {} more.", listed.len() - MAX_PEOPLE_LINES));
        }
        (
            format!("{names}: no one listed"),
            format!(
                "**No one is listed as {} {}.** Listed {}:\n{}\n{ask} {card}",
                role_names_with_article(k, roles),
                where_label(k, team),
                where_label(k, shown_for),
                lines.join("\n"),
            ),
            listed
                .iter()
                .take(MAX_PEOPLE_LINES)
                .map(|h| h.user)
                .collect(),
        )
    };
    Reply {
        confidence,
        related: roles
            .iter()
            .map(|&r| offer(k, Entry::Role(r), 1.0))
            .collect(),
        people: listed,
        ..Reply::plain(
            Kind::None,
            title,
            description,
            DECLINE_COLOUR,
            footer(k, None),
        )
    }
}

/// The reply to a newcomer: start with the tour.
fn tour_pointer(k: &Knowledge, tour: &Tour) -> Reply {
    let steps = tour.steps.len();
    let quiz = if tour.steps.iter().any(|s| s.quiz.is_some()) {
        ", with a short quiz"
    } else {
        ""
    };
    Reply {
        entry: Some(TOUR_ENTRY.into()),
        answered: true,
        confidence: 1.0,
        tour: true,
        ..Reply::plain(
            Kind::Help,
            "New here? Start with the tour".into(),
            format!(
                "**Start with the onboarding tour.** It walks you through who does what in {steps} {}{quiz}.",
                if steps == 1 { "step" } else { "steps" }
            ),
            NEUTRAL_COLOUR,
            k.files
                .get(tour.origin.file)
                .and_then(|f| f.short_credit.clone())
                .unwrap_or_else(|| footer(k, None)),
        )
    }
}

/// Role names joined for a sentence: "Product Owner", "Product Manager and Product Owner".
fn role_names(k: &Knowledge, roles: &[usize], and: &str) -> String {
    let names: Vec<&str> = roles.iter().map(|&r| k.roles[r].name.as_str()).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// "the Product Owner", "the Product Manager or the Product Owner".
fn role_names_with_article(k: &Knowledge, roles: &[usize]) -> String {
    let names: Vec<String> = roles
        .iter()
        .map(|&r| format!("the {}", k.roles[r].name))
        .collect();
    names.join(" or ")
}

/// "for Team Blue" for a team, else "here".
fn where_label(k: &Knowledge, team: Option<usize>) -> String {
    match team.and_then(|t| k.teams.get(t)) {
        Some(t) => format!("for {}", t.name),
        None => "here".to_string(),
    }
}

/// The footer of a reply naming people: the short credit of the file that lists them,
/// else a plain note that the list is the server's own.
fn roster_footer(k: &Knowledge, held: &[&Holder]) -> String {
    held.first()
        .and_then(|h| k.files.get(h.origin.file)?.short_credit.clone())
        .unwrap_or_else(|| "Who holds which role: this server's own list".to_string())
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
            if let Some((second, _)) = m.also {
                also_asked(k, &mut r, second);
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

/// Adds the answer to a message's second question ("who owns the roadmap? also, can one
/// person be both?"): a field titled with it, holding its bold short answer, and the entry
/// first among the related buttons, for the whole answer.
fn also_asked(k: &Knowledge, r: &mut Reply, second: Entry) {
    let text = for_entry(k, second).description;
    let short = opener::short_answer(&text, ALSO_CHARS);
    if short.is_empty() {
        return;
    }
    // The bold answer says little alone ("Not on the same train."): its first sentence
    // says why, when the answer has a bold opener before it.
    let opened = opener::split(&text);
    let why = match opened.opener {
        Some(_) => opener::cut_at_word(
            opener::first_sentence(&opened.body.replace("**", "")),
            ALSO_CHARS,
        ),
        None => String::new(),
    };
    let value = if why.is_empty() {
        format!("**{short}.** The button below has the whole answer.")
    } else {
        format!("**{short}.** {why} The button below has the whole answer.")
    };
    r.fields.insert(
        0,
        Field {
            name: format!("Also asked: {}", title(k, second)),
            value,
            inline: false,
        },
    );
    r.related.retain(|o| o.entry != k.entry_id(second));
    r.related.insert(0, offer(k, second, 1.0));
    r.related.truncate(MAX_OFFERS);
}

/// Most characters of the short answer to a message's second question.
const ALSO_CHARS: usize = 300;

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
    let mut commands = vec![
        "`/ask` anything, or mention me with a question",
        "`/role` a role card · `/compare` two roles",
        "`/faq` a common question or a term",
    ];
    if k.tour.is_some() {
        commands.push("`/onboard` a short tour of who does what, with a quiz");
    }
    commands.push("Add `private: True` to see the answer on your own.");
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
            let cost = |r: &Row| r.name.chars().count() + r.value_chars();
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
    // Names match on word boundaries, case aside.
    let words = crate::knowledge::lower_words(opening);
    let mut named = k.roles.iter().filter(|r| {
        r.name_words.iter().any(|n| {
            words
                .windows(n.len())
                .any(|w| w.iter().zip(n).all(|(a, b)| a == b))
        })
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

#[cfg(test)]
mod tests {
    use super::Row;

    #[test]
    fn a_rows_value_chars_count_what_its_value_shows() {
        let cell = |r: &str, a: &str| (r.to_string(), a.to_string());
        let rows = [
            Row {
                name: "Salary".into(),
                cells: vec![],
            },
            Row {
                name: "Salary".into(),
                cells: vec![cell("PM", "About $112K")],
            },
            Row {
                name: "Focus".into(),
                cells: vec![
                    cell("PM", "Stratégie 🚀"),
                    cell("PO", "Équipe"),
                    cell("RTE", "—"),
                ],
            },
        ];
        for row in &rows {
            assert_eq!(row.value_chars(), row.value().chars().count(), "{row:?}");
        }
        assert_eq!(rows[2].value(), "PM · Stratégie 🚀\nPO · Équipe\nRTE · —");
    }
}
