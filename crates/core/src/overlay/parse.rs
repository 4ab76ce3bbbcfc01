//! Reads a knowledge file back into an overlay (`rolecall import FILE --guild ID`): only
//! what a server may teach (`[[faq]]`, `[[team]]`, `[[holder]]`) is accepted.

use super::{Overlay, ServerFaq, ServerHolder};
use crate::knowledge::{Knowledge, Problem};
use serde::Deserialize;

/// A file of server knowledge as serde reads it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    #[serde(default)]
    faq: Vec<FaqDoc>,
    #[serde(default)]
    team: Vec<TeamDoc>,
    #[serde(default)]
    holder: Vec<HolderDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FaqDoc {
    id: String,
    question: String,
    #[serde(default)]
    phrasings: Vec<String>,
    answer: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TeamDoc {
    id: String,
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HolderDoc {
    role: String,
    user: toml::Value,
    team: Option<String>,
}

/// Reads `text` (shown as `path` in problems) as what a server taught: its FAQs, teams
/// and holders. A team the base knowledge has keeps its id; one the file defines becomes
/// the team's name. Everything else a knowledge file may hold is refused, as is a holder
/// whose user is not a Discord id or whose team is defined nowhere.
pub fn parse(text: &str, path: &str, base: &Knowledge) -> Result<Overlay, Vec<Problem>> {
    let doc: Doc = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        vec![Problem::error(
            path,
            line,
            None,
            format!(
                "{} (a server's file may hold only [[faq]], [[team]] and [[holder]] entries)",
                e.message()
            ),
        )]
    })?;
    let mut problems = Vec::new();
    let mut overlay = Overlay {
        faqs: doc
            .faq
            .into_iter()
            .map(|f| ServerFaq {
                id: f.id,
                question: f.question,
                answer: f.answer,
                phrasings: f.phrasings,
            })
            .collect(),
        holders: Vec::new(),
    };
    for h in doc.holder {
        let user = match &h.user {
            toml::Value::String(s) => s.parse::<u64>().ok(),
            toml::Value::Integer(n) => u64::try_from(*n).ok(),
            _ => None,
        };
        let Some(user) = user.filter(|&u| u > 0) else {
            problems.push(Problem::error(
                path,
                None,
                Some(format!("holder of `{}`", h.role)),
                format!("user {} is not a Discord user id", h.user),
            ));
            continue;
        };
        let team = match h.team {
            None => None,
            Some(t) if base.teams.iter().any(|b| b.id == t) => Some(t),
            Some(t) => match doc.team.iter().find(|d| d.id == t) {
                Some(d) => Some(d.name.clone()),
                None => {
                    problems.push(Problem::error(
                        path,
                        None,
                        Some(format!("holder of `{}`", h.role)),
                        format!("team `{t}` is defined neither here nor in the knowledge"),
                    ));
                    continue;
                }
            },
        };
        overlay.holders.push(ServerHolder {
            role: h.role,
            team,
            user,
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    overlay.sort();
    Ok(overlay)
}
