//! How entries are named: titles, button labels, role short names, names in problems, and
//! example questions. Knowledge-only, so matching, replies, validation and autocomplete all
//! name an entry the same way.

use super::{Entry, Knowledge, SHORT_TITLE_CHARS};

/// How many example entries [`example_entries`] picks.
pub const EXAMPLES: usize = 3;

/// How an entry is named in problems, e.g. "faq `who-owns-backlog`".
pub fn described(k: &Knowledge, entry: Entry) -> String {
    let kind = match entry {
        Entry::Role(_) => "role",
        Entry::Fact { .. } => "fact",
        Entry::Compare { .. } => "comparison",
        Entry::Faq(_) => "faq",
        Entry::Term(_) => "term",
    };
    format!("{kind} `{}`", k.entry_id(entry))
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
            if role.name.chars().count() <= SHORT_TITLE_CHARS {
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
    v.truncate(EXAMPLES);
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
