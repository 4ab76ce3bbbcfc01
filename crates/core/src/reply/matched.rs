//! From a match to a reply: answers, suggestions, declines, a newcomer's pointer to the tour,
//! and help.

use super::person::{for_person, tour_pointer};
use super::*;

/// Answers a question asked nowhere in particular (the terminal): see [`answer_in`].
pub fn answer(kb: &KnowledgeBase, question: &str, cfg: &MatchConfig) -> Reply {
    answer_in(kb, question, cfg, None)
}

/// Answers a question asked where team `team` works (when that is known, as from the
/// channel it was asked in): match it, then build the reply for its band. A question for a
/// person ("who is our PO?") names who holds the role, for the team the question names,
/// else `team`; a newcomer's
/// question ("I'm new here, where do I start?") points to the tour, when there is one (a
/// newcomer's question about a role, aspect or term, or a "who" question, that rolecall
/// answers confidently is answered, and the tour pointed to below it).
pub fn answer_in(
    kb: &KnowledgeBase,
    question: &str,
    cfg: &MatchConfig,
    team: Option<usize>,
) -> Reply {
    from_match_in(kb, &kb.find(question, cfg), cfg, team)
}

/// Builds the reply for a match of a question asked where team `team` works (see
/// [`answer_in`]).
pub fn from_match_in(
    kb: &KnowledgeBase,
    m: &Match,
    cfg: &MatchConfig,
    team: Option<usize>,
) -> Reply {
    if m.rejection.is_none() && m.reading.person {
        let team = m.reading.team.or(team);
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
            return tour_pointer(tour);
        }
    }
    from_match(kb, m, cfg)
}

/// Builds the reply for a match.
pub fn from_match(k: &Knowledge, m: &Match, cfg: &MatchConfig) -> Reply {
    let confidence = rounded(m.confidence());
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
                .map(|&(e, s)| offer(k, e, rounded(s)))
                .collect();
            Reply {
                confidence,
                suggestions,
                ..Reply::plain(
                    Kind::None,
                    "Did you mean…?".into(),
                    String::new(),
                    SUGGEST_COLOUR,
                    NO_CREDIT,
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
            "**Ask again in a few words, naming a role and one thing about it**, like “{}”. {} lists everything I cover; for how your own team works, ask your team lead. Or try one of these:",
            example_entries(k)
                .into_iter()
                .find(|e| matches!(e, Entry::Fact { .. }))
                .map_or_else(|| "who owns the backlog?".to_string(), |e| example_question(k, e)),
            Command::Help.hint(),
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
        format!(
            "{} anything, or mention me with a question",
            Command::Ask.hint()
        ),
        format!(
            "{} a role card · {} two roles",
            Command::Role.hint(),
            Command::Compare.hint()
        ),
        format!("{} a common question or a term", Command::Faq.hint()),
    ];
    if k.tour.is_some() {
        commands.push(format!(
            "{} a short tour of who does what, with a quiz",
            Command::Onboard.hint()
        ));
    }
    commands.push("Add `private: True` to see the answer on your own.".into());
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
            NO_CREDIT,
        )
    }
}
