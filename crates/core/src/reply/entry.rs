//! An entry's own card: a role, a fact, a comparison, an FAQ or a term; what is related to
//! it, and its aspect menu.

use super::*;

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
            footer(k, entry),
        )
    };
    match entry {
        Entry::Role(r) => {
            let role = &k.roles[r];
            // A few key aspects; the menu below offers every one.
            let glance: Vec<String> = k
                .glance_aspects()
                .into_iter()
                .filter_map(|a| {
                    let f = role.facts[a].as_deref()?;
                    Some(format!(
                        "**{}:** {}",
                        k.aspects[a].name,
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
            // The detail after the opener the description already shows, per role; a
            // closing sentence every role's detail shares is said once, below the pairs.
            let bodies: Vec<(usize, &str)> = k
                .roles_in(roles)
                .filter_map(|r| Some((r, opener::split(k.roles[r].facts[a].as_deref()?).body)))
                .collect();
            let texts: Vec<&str> = bodies.iter().map(|&(_, b)| b).collect();
            let shared = shared_last_sentence(&texts);
            let fields = bodies
                .iter()
                .filter_map(|&(r, body)| {
                    let own = match shared {
                        Some(s) => body[..body.len() - s.len()].trim_end(),
                        None => body,
                    };
                    (!own.is_empty()).then(|| field(&k.roles[r].name, own, true))
                })
                .collect();
            let mut description = pairs.join(" · ");
            if let Some(s) = shared {
                description.push('\n');
                description.push_str(s);
            }
            Reply {
                description,
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
            // The key aspects side by side; the menu offers the rest.
            let comparable = (0..k.aspects.len())
                .filter(|&a| k.all_have(roles, a))
                .count();
            let mut rows: Vec<Row> = k
                .glance_aspects()
                .into_iter()
                .filter(|&a| k.all_have(roles, a))
                .map(|a| Row {
                    name: k.aspects[a].name.clone(),
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
                // Keep the rows that fit beside the note.
                let mut used = fixed + NARROW_NOTE_CHARS;
                let keep = rows
                    .iter()
                    .take_while(|r| {
                        used += cost(r);
                        used <= COMPARISON_BUDGET
                    })
                    .count();
                rows.truncate(keep);
            }
            if rows.len() < comparable {
                let more = comparable - rows.len();
                description.push_str(&format!(
                    "\n{more} more to compare: pick one from the menu below."
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

/// The last sentence of every text, when they all end with the same one (and at least two
/// texts are given); it is a suffix of each.
fn shared_last_sentence<'a>(texts: &[&'a str]) -> Option<&'a str> {
    let last = |t: &'a str| -> &'a str {
        let t = t.trim_end();
        let body = &t[..t.len().saturating_sub(1)];
        match body.rfind(['.', '?', '!']) {
            Some(i) => t[i + 1..].trim_start(),
            None => t,
        }
    };
    let (first, rest) = texts.split_first()?;
    let sentence = last(first);
    let shared =
        !rest.is_empty() && !sentence.is_empty() && rest.iter().all(|t| last(t) == sentence);
    shared.then_some(sentence)
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
                    opener::short_answer(fact, crate::limits::OPTION_DESCRIPTION),
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
