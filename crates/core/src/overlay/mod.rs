//! A server's own knowledge: the FAQs and roster its editors taught rolecall from Discord,
//! laid over the base (shipped or file) knowledge for that server only.
//!
//! An [`Overlay`] is plain data, as the store keeps it. It is written out as an ordinary
//! knowledge file ([`Overlay::to_toml`]) and validated together with the base sources by the
//! same code as `rolecall check` ([`build`]), so a server's FAQ obeys every rule a file's
//! does. On top of that, an overlay may not break anything: any problem located in the
//! overlay (an error, a phrasing that collides with another entry, a shadowed id) refuses
//! it, and the base is left as it was. A roster set in the overlay wins over the files' for
//! the same role and team.

pub mod markdown;
mod parse;
mod toml_out;

pub use parse::parse;

use crate::base::KnowledgeBase;
use crate::knowledge::{Knowledge, Problem, Source};
use crate::limits;
use crate::matching::{Band, MatchConfig};

/// Longest question a server FAQ may have, in characters (the modal's limit too).
pub const QUESTION_CHARS: usize = 200;
/// Longest answer a server FAQ may have, in characters (the modal's limit too).
pub const ANSWER_CHARS: usize = 1500;
/// Longest "other phrasings" text of the modal, in characters.
pub const PHRASINGS_CHARS: usize = 1000;
/// Most other phrasings one server FAQ may have.
pub const MAX_PHRASINGS: usize = 20;
/// The footer of answers from a server's own FAQs and roster.
pub const SERVER_CREDIT: &str = "Taught by this server's editors";
/// Servers' FAQ cap when `ROLECALL_GUILD_FAQ_LIMIT` is not set.
pub const DEFAULT_FAQ_LIMIT: usize = 500;

/// One FAQ a server taught.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerFaq {
    /// Its id, unique across the base and the overlay (made from the question).
    pub id: String,
    /// The question, as shown in titles.
    pub question: String,
    /// The answer; its first sentence is shown bold.
    pub answer: String,
    /// Other ways people ask it.
    pub phrasings: Vec<String>,
}

/// Who holds a role in a server, set with `/team set`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ServerHolder {
    /// The role's id in the base knowledge.
    pub role: String,
    /// The team: a base team's id, or the name of a team the server made up; `None` for
    /// everyone in the server.
    pub team: Option<String>,
    /// The member's Discord user id.
    pub user: u64,
}

/// Everything one server taught rolecall.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overlay {
    /// The server's FAQs, ordered by id.
    pub faqs: Vec<ServerFaq>,
    /// The server's roster, ordered by role, team and user.
    pub holders: Vec<ServerHolder>,
}

impl Overlay {
    /// True when the server taught nothing.
    pub fn is_empty(&self) -> bool {
        self.faqs.is_empty() && self.holders.is_empty()
    }

    /// Puts FAQs and holders in their canonical order (what the store returns, what exports
    /// write), so equal overlays print the same.
    pub fn sort(&mut self) {
        self.faqs.sort_by(|a, b| a.id.cmp(&b.id));
        self.holders.sort();
        self.holders.dedup();
    }

    /// The FAQ with `id`.
    pub fn faq(&self, id: &str) -> Option<&ServerFaq> {
        self.faqs.iter().find(|f| f.id == id)
    }

    /// This overlay with `faq` added, or put in place of the FAQ with its id.
    pub fn with_faq(&self, faq: ServerFaq) -> Overlay {
        let mut next = self.clone();
        match next.faqs.iter_mut().find(|f| f.id == faq.id) {
            Some(old) => *old = faq,
            None => next.faqs.push(faq),
        }
        next.sort();
        next
    }

    /// This overlay with `holder` added.
    pub fn with_holder(&self, holder: ServerHolder) -> Overlay {
        let mut next = self.clone();
        next.holders.push(holder);
        next.sort();
        next
    }

    /// Writes the overlay as a knowledge file `rolecall check` accepts (beside the base).
    pub fn to_toml(&self, guild: u64, base: &Knowledge) -> String {
        toml_out::write(self, guild, base)
    }
}

/// What a change to a server's FAQ was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// First saved.
    Created,
    /// Saved again with new text.
    Edited,
    /// Removed (the revision keeps the text it had).
    Removed,
}

impl Action {
    /// How the store and history write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Created => "created",
            Action::Edited => "edited",
            Action::Removed => "removed",
        }
    }

    /// Reads [`Action::as_str`] back.
    pub fn parse(s: &str) -> Option<Action> {
        match s {
            "created" => Some(Action::Created),
            "edited" => Some(Action::Edited),
            "removed" => Some(Action::Removed),
            _ => None,
        }
    }
}

/// One kept version of a server FAQ: who changed it, when, and what it said then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// What the change was.
    pub action: Action,
    /// Who made it (Discord user id; 0 for the command line).
    pub by: u64,
    /// When, in Unix seconds.
    pub at: i64,
    /// The FAQ as saved (as it was, for a removal).
    pub faq: ServerFaq,
}

/// The path a server's overlay is shown under in problems.
pub fn overlay_path(guild: u64) -> String {
    format!("(server {guild})")
}

/// Why a server's overlay was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The server has as many FAQs as it may.
    Full {
        /// The cap (`ROLECALL_GUILD_FAQ_LIMIT`).
        limit: usize,
    },
    /// What to change, one problem per line, located in the overlay.
    Problems(Vec<Problem>),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Full { limit } => write!(
                f,
                "this server already has {limit} FAQs of its own, the most it may have: remove one first (the cap is ROLECALL_GUILD_FAQ_LIMIT)"
            ),
            Refusal::Problems(problems) => {
                for (i, p) in problems.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    match &p.entry {
                        Some(entry) => write!(f, "{entry}: {}", p.message)?,
                        None => write!(f, "{}", p.message)?,
                    }
                }
                Ok(())
            }
        }
    }
}

/// The knowledge of a server: `base` (validated from its `sources`) plus `overlay`,
/// validated like `rolecall check` does, with the overlay's roster winning over the files'
/// for the same role and team. Refused when the overlay has more than `limit` FAQs or any
/// problem of its own.
pub fn build(
    base: &KnowledgeBase,
    overlay: &Overlay,
    guild: u64,
    limit: usize,
) -> Result<KnowledgeBase, Refusal> {
    if overlay.faqs.len() > limit {
        return Err(Refusal::Full { limit });
    }
    let path = overlay_path(guild);
    let mut own = screen(overlay, &path);
    let mut sources = base.sources.to_vec();
    sources.push(Source {
        path: path.clone(),
        text: overlay.to_toml(guild, base),
    });
    let (knowledge, problems) = Knowledge::validate(&sources);
    // Errors refuse; the overlay's warnings (an answer running long, say) are advice,
    // left in the knowledge's warnings for the reply to show.
    own.extend(problems.iter().filter(|p| p.is_error()).cloned());
    let Some(mut knowledge) = knowledge.filter(|_| own.is_empty()) else {
        return Err(Refusal::Problems(own));
    };
    let file = knowledge.files.iter().position(|f| f.path == path);
    winning_roster(&mut knowledge, file);
    // An overlay holds no `[language]` or `[frequency]` (only FAQs, teams and holders), so
    // the language validated again is the base's: share the base's copy, not a second one.
    knowledge.language = base.knowledge.language.clone();
    // Answers from the overlay credit the server, not the files' source.
    if let Some(info) = file.and_then(|f| knowledge.files.get_mut(f)) {
        info.short_credit = Some(SERVER_CREDIT.to_string());
        info.credit = Some(SERVER_CREDIT.to_string());
    }
    let kb = KnowledgeBase::new(knowledge);
    // The matcher's lints (a phrasing that reads the same as another entry's) refuse: such
    // questions could never be answered reliably.
    let lints: Vec<Problem> = kb
        .knowledge
        .warnings
        .iter()
        .filter(|p| p.file == path && !problems.contains(p))
        .cloned()
        .collect();
    if !lints.is_empty() {
        return Err(Refusal::Problems(lints));
    }
    Ok(kb)
}

/// A server's knowledge from what it stored, keeping what still fits: a FAQ that no longer
/// validates (the base changed under it, or the cap was lowered) is left out rather than
/// losing the whole server's knowledge. Gives the knowledge (`None`: nothing of the overlay
/// fits) and the ids left out.
pub fn build_keeping(
    base: &KnowledgeBase,
    overlay: &Overlay,
    guild: u64,
    limit: usize,
) -> (Option<KnowledgeBase>, Vec<String>) {
    let mut kept = overlay.clone();
    let mut dropped = Vec::new();
    if kept.faqs.len() > limit {
        dropped.extend(kept.faqs.drain(limit..).map(|f| f.id));
    }
    for _ in 0..4 {
        match build(base, &kept, guild, limit) {
            Ok(kb) => return (Some(kb), dropped),
            Err(Refusal::Full { .. }) => break,
            Err(Refusal::Problems(problems)) => {
                let named = |label: String| {
                    problems
                        .iter()
                        .any(|p| p.entry.as_deref() == Some(label.as_str()))
                };
                let bad: Vec<String> = kept
                    .faqs
                    .iter()
                    .filter(|f| named(format!("faq `{}`", f.id)))
                    .map(|f| f.id.clone())
                    .collect();
                let before = kept.holders.len();
                kept.holders
                    .retain(|h| !named(format!("holder `{}`", h.role)));
                let holders = before - kept.holders.len();
                if bad.is_empty() && holders == 0 {
                    break;
                }
                if holders > 0 {
                    dropped.push(format!("{holders} roster entries"));
                }
                kept.faqs.retain(|f| !bad.contains(&f.id));
                dropped.extend(bad);
            }
        }
    }
    (None, dropped)
}

/// Whether `kb` (a server's knowledge) answers `question` with one of the server's own
/// FAQs: such a question has left the gaps.
pub fn answered_by_overlay(
    kb: &KnowledgeBase,
    question: &str,
    cfg: &MatchConfig,
    guild: u64,
) -> bool {
    let m = kb.find(question, cfg);
    let path = overlay_path(guild);
    m.rejection.is_none()
        && m.band == Band::Answer
        && m.ranked
            .first()
            .is_some_and(|(e, _)| kb.files[kb.origin(*e).file].path == path)
}

/// Drops the files' holders of every (role, team) the overlay (file `overlay`) sets.
fn winning_roster(k: &mut Knowledge, overlay: Option<usize>) {
    let Some(file) = overlay else { return };
    let set: Vec<(usize, Option<usize>)> = k
        .holders
        .iter()
        .filter(|h| h.origin.file == file)
        .map(|h| (h.role, h.team))
        .collect();
    k.holders
        .retain(|h| h.origin.file == file || !set.contains(&(h.role, h.team)));
}

/// The rules a file doesn't have but a server's FAQ does: the modal's lengths, and no text
/// that reads as a ping.
fn screen(overlay: &Overlay, path: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    for f in &overlay.faqs {
        let entry = Some(format!("faq `{}`", f.id));
        let mut bad = |message: String| {
            out.push(Problem::error(path, None, entry.clone(), message));
        };
        let chars = |s: &str| s.chars().count();
        if chars(&f.question) > QUESTION_CHARS {
            bad(format!(
                "the question is {} characters long; keep it to {QUESTION_CHARS}",
                chars(&f.question)
            ));
        }
        if chars(&f.answer) > ANSWER_CHARS {
            bad(format!(
                "the answer is {} characters long; keep it to {ANSWER_CHARS}",
                chars(&f.answer)
            ));
        }
        if f.phrasings.len() > MAX_PHRASINGS {
            bad(format!(
                "it has {} other phrasings; keep it to {MAX_PHRASINGS}",
                f.phrasings.len()
            ));
        }
        for p in &f.phrasings {
            if chars(p) > QUESTION_CHARS {
                bad(format!(
                    "the phrasing \"{}…\" is {} characters long; keep each to {QUESTION_CHARS}",
                    p.chars().take(30).collect::<String>(),
                    chars(p)
                ));
            }
        }
        for (what, text) in std::iter::once(("question", &f.question))
            .chain(f.phrasings.iter().map(|p| ("phrasing", p)))
        {
            if let Some(why) = pings(text, false) {
                bad(format!("the {what} {why}"));
            }
        }
        if let Some(why) = pings(&f.answer, true) {
            bad(format!("the answer {why}"));
        }
    }
    out
}

/// Why `text` reads as a ping, if it does: `@everyone`, `@here`, a role mention, and
/// (unless `people` are allowed, as in answers) a member mention. Stored text never pings
/// (replies allow no mentions), but it must not look as if it did.
pub fn pings(text: &str, people: bool) -> Option<&'static str> {
    let lower = text.to_lowercase();
    if lower.contains("@everyone") || lower.contains("@here") {
        return Some("mentions @everyone or @here: write \"everyone\" without the @");
    }
    if text.contains("<@&") {
        return Some("mentions a role: write the role's name instead");
    }
    if !people && text.contains("<@") {
        return Some("mentions a member: questions can't, but an answer may");
    }
    None
}

/// A new FAQ id for `question`: its first words in lower case, joined by `-` (at most 40
/// characters), made unique with `-2`, `-3`… when `taken` says an id is in use.
pub fn new_id(question: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut slug = String::new();
    for word in question
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if slug.len() + word.len() + 1 > 40 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_ascii_lowercase());
    }
    if slug.is_empty() {
        slug.push_str("server-faq");
    }
    if !taken(&slug) {
        return slug;
    }
    (2..)
        .map(|n| format!("{slug}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(slug)
}

/// `answer` opening with its first sentence in bold, as answers do (unchanged when it
/// already opens with a bold sentence).
pub fn bolded(answer: &str) -> String {
    let answer = answer.trim();
    if crate::knowledge::opener::split(answer).opener.is_some() {
        return answer.to_string();
    }
    let first = crate::knowledge::opener::first_sentence(answer);
    if first.is_empty() || first.contains("**") {
        return answer.to_string();
    }
    let rest = answer[first.len()..].trim_start_matches([' ', '\t']);
    if rest.is_empty() {
        format!("**{first}**")
    } else if rest.starts_with(['\n', '\r']) {
        format!("**{first}**{rest}")
    } else {
        format!("**{first}** {rest}")
    }
}

/// The phrasings typed one per line in the modal: trimmed, empty lines and repeats dropped.
pub fn phrasings_from_lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line = line.trim_start_matches(['-', '*', '•']).trim();
        if !line.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(line)) {
            out.push(line.to_string());
        }
    }
    out
}

/// Text fits a Discord embed description once the first sentence is bolded.
const _: () = assert!(ANSWER_CHARS + 4 < limits::DESCRIPTION);

#[cfg(test)]
mod tests;
