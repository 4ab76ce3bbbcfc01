//! Questions for a person ("who is our PO?"): who holds the role, from the roster.

use super::*;

/// The reply to a question for a person, for team `team` (or every team); `None` when it
/// resolves to no role, so it is answered as any other question.
///
/// A role named ("who is our PO?") is answered with who holds it, or, when no one is
/// listed, with `answered: false`, who is listed instead and the role card. A role found
/// by answering the "who" ("who do I ask about the roadmap?" → the PM) is answered with who
/// holds it and then that answer; when no one is listed, the answer stays and says so.
pub(super) fn for_person(
    kb: &KnowledgeBase,
    m: &Match,
    cfg: &MatchConfig,
    team: Option<usize>,
) -> Option<Reply> {
    let k: &Knowledge = kb;
    if !m.reading.roles.is_empty() {
        let roles: Vec<usize> = m.reading.roles.iter().copied().take(MAX_OFFERS).collect();
        let held = holders_of(k, &roles, team);
        let confidence = rounded(m.confidence());
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
        ..Reply::plain(Kind::None, title, description, DECLINE_COLOUR, NO_CREDIT)
    }
}

/// The reply to a newcomer: start with the tour.
pub(super) fn tour_pointer(tour: &Tour) -> Reply {
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
            NO_CREDIT,
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
