//! Turns parsed knowledge files into a [`Knowledge`], reporting every problem found.

mod entries;
mod locate;
mod roster;
#[cfg(test)]
mod tests;
mod tour;

use locate::{entry_at, header_line};

use super::format::{FileDoc, HolderDoc, MetaDoc, QuizDoc, StepDoc, TourDoc};
use super::naming::described;
use super::opener;
use super::problem::{line_of, Lines};
use super::{
    Aspect, Entry, Faq, FileInfo, Holder, Knowledge, Language, Origin, Problem, Quiz, Role, Source,
    Synonym, Team, Term, Tour, TourStep,
};
use crate::limits;
use crate::normalize::{clean, is_stop_key, is_stop_word, name_phrases, phrase_key, word_slices};
use std::collections::HashMap;

/// Longest id accepted: ids travel inside 100-character Discord custom ids.
const MAX_ID_CHARS: usize = 40;
/// Longest name before autocomplete truncates it.
const MAX_NAME_CHARS: usize = limits::CHOICE_NAME;
/// A single answer above this many characters reads as a dump.
const LONG_ANSWER_CHARS: usize = opener::MAX_ANSWER_CHARS;
/// Most characters of a one-line footer on a phone.
pub const SHORT_CREDIT_CHARS: usize = 60;
/// Most characters of a button label that still fits beside others on a phone.
pub const SHORT_TITLE_CHARS: usize = 25;
/// Most characters of a fact's bold opener, which comparison rows show on their own.
pub const ROW_OPENER_CHARS: usize = 60;
/// A summary longer than this is not "one line".
const LONG_SUMMARY_CHARS: usize = 300;
/// Most characters of a tour's intro, outro or step text: the page's embed description,
/// which also needs room for the footer and the entries shown.
pub const TOUR_TEXT_CHARS: usize = 1500;
/// Most characters of a tour step's title.
pub const STEP_TITLE_CHARS: usize = 200;
/// Most characters of a quiz question.
pub const QUIZ_QUESTION_CHARS: usize = 256;
/// Most characters of a quiz explanation.
pub const QUIZ_EXPLAIN_CHARS: usize = 1024;
/// Fewest and most choices of a quiz question (each is a button; five fit one row).
pub const QUIZ_CHOICES: std::ops::RangeInclusive<usize> = 2..=5;
/// A tour longer than this many steps loses newcomers before the end.
pub const LONG_TOUR_STEPS: usize = 12;
/// How to write a Discord id, said with every malformed one.
const ID_HINT: &str =
    "write Discord ids as quoted strings, e.g. \"110…\"; copy them with Developer Mode → Copy ID";

/// Builds knowledge from sources; returns it (when no file failed to parse) and all problems.
pub(super) fn build(sources: &[Source]) -> (Option<Knowledge>, Vec<Problem>) {
    let mut b = Builder::default();
    let mut docs = Vec::new();
    for (file, src) in sources.iter().enumerate() {
        match toml::from_str::<FileDoc>(&src.text) {
            Ok(doc) => docs.push((file, doc)),
            Err(e) => {
                let line = e.span().map(|s| line_of(&src.text, s.start));
                let entry = e.span().and_then(|s| entry_at(&src.text, s.start));
                let msg = e.message().trim();
                // The whole line the error points into: a too-large bare id is reported at
                // the number itself, after its key.
                let bare_id = e.span().is_some_and(|span| {
                    let text = &src.text;
                    let from = text
                        .get(..span.start)
                        .and_then(|t| t.rfind('\n'))
                        .map_or(0, |i| i + 1);
                    text.get(from..)
                        .and_then(|rest| rest.lines().next())
                        .is_some_and(has_bare_id)
                });
                let msg = match msg.strip_prefix("unknown field ") {
                    _ if bare_id => format!("a Discord id written as a bare number: {ID_HINT}"),
                    Some(rest) => format!(
                        "unknown key {}",
                        rest.replacen(", expected", "; expected", 1)
                    ),
                    None => format!("invalid TOML: {msg}"),
                };
                b.problems.push(Problem::error(&src.path, line, entry, msg));
            }
        }
        b.files.push(FileInfo {
            path: src.path.clone(),
            credit: None,
            short_credit: None,
            url: None,
            source: Vec::new(),
        });
    }
    if docs.is_empty() && sources.is_empty() {
        b.problems.push(Problem::error(
            "(knowledge)",
            None,
            None,
            "no knowledge files".into(),
        ));
    }
    // The knowledge's title: from the first file that defines roles, else the first titled file.
    let titled = |d: &&(usize, FileDoc)| d.1.meta.as_ref().and_then(|m| m.title.as_ref()).is_some();
    b.title = docs
        .iter()
        .filter(titled)
        .find(|d| !d.1.role.is_empty())
        .or_else(|| docs.iter().find(titled))
        .and_then(|d| d.1.meta.as_ref()?.title.clone())
        .filter(|t| !t.trim().is_empty());
    for (file, doc) in &mut docs {
        if let Some(meta) = doc.meta.take() {
            b.meta(*file, meta, &sources[*file]);
        }
    }
    let lines: Vec<Lines> = sources.iter().map(|s| Lines::new(&s.text)).collect();
    b.claim_ids_in_file_order(&docs, &lines);
    for (file, doc) in &docs {
        b.aspects(*file, doc, &lines[*file]);
    }
    for (file, doc) in &docs {
        b.entries(*file, doc, &lines[*file]);
    }
    for (file, doc) in &docs {
        b.synonyms(*file, doc, &lines[*file]);
    }
    b.language(&docs, sources, &lines);
    // The roster's own problems are reported, but don't stop the holders and the tour from
    // being checked against the entries.
    let roster_from = b.problems.len();
    for (file, doc) in &docs {
        b.teams(*file, doc, &lines[*file]);
    }
    let roster = roster_from..b.problems.len();
    for (file, doc) in &mut docs {
        if let Some(tour) = doc.tour.take() {
            b.tours.push((*file, tour));
        }
        for h in std::mem::take(&mut doc.holder) {
            b.holder_docs.push((*file, h));
        }
    }
    b.lines = lines;
    b.texts = sources.iter().map(|s| s.text.clone()).collect();
    let entries_broken = b
        .problems
        .iter()
        .enumerate()
        .any(|(i, p)| p.is_error() && !roster.contains(&i));
    if entries_broken {
        return (None, b.problems);
    }
    b.finish()
}

#[derive(Default)]
struct Builder {
    problems: Vec<Problem>,
    files: Vec<FileInfo>,
    title: Option<String>,
    ambient: Vec<String>,
    out_of_scope: Vec<String>,
    periods: Vec<String>,
    ids: HashMap<String, (String, Origin)>,
    rejected: std::collections::HashSet<(usize, usize)>,
    aliases: HashMap<Vec<String>, (String, Origin, String)>,
    aspects: Vec<Aspect>,
    roles: Vec<Role>,
    faqs: Vec<Faq>,
    terms: Vec<Term>,
    synonyms: Vec<Synonym>,
    related: Vec<(Entry, Origin, Vec<String>)>,
    teams: Vec<Team>,
    /// Team names and aliases (as phrase keys) → the team that claimed them.
    team_names: HashMap<Vec<String>, (String, Origin)>,
    /// Channel id → the team it belongs to and where it was listed.
    channels: HashMap<u64, (String, Origin)>,
    tours: Vec<(usize, TourDoc)>,
    holder_docs: Vec<(usize, HolderDoc)>,
    language: Option<std::sync::Arc<Language>>,
    lines: Vec<Lines>,
    texts: Vec<String>,
}

/// True when a line holds a key set to a bare number of 17 or more digits (a Discord id
/// written without quotes, which TOML reads as an integer or rejects as too large).
fn has_bare_id(line: &str) -> bool {
    if line.trim_start().starts_with('#') {
        return false;
    }
    let Some((_, value)) = line.split_once('=') else {
        return false;
    };
    let value = value.split('#').next().unwrap_or("");
    value
        .split(|c: char| !c.is_ascii_digit() && c != '"' && c != '\'')
        .any(|tok| tok.len() >= 17 && tok.chars().all(|c| c.is_ascii_digit()))
}

/// Checks an id's shape: lowercase letters, digits and dashes.
fn id_problem(id: &str) -> Option<String> {
    let ok_chars = id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if id.is_empty() {
        Some("id is empty".into())
    } else if !ok_chars || id.starts_with('-') {
        Some(format!(
            "id `{id}` must be lowercase letters, digits and dashes (like `who-owns-backlog`)"
        ))
    } else if id.chars().count() > MAX_ID_CHARS {
        Some(format!(
            "id `{id}` is longer than {MAX_ID_CHARS} characters"
        ))
    } else {
        None
    }
}

/// Parses `#rrggbb` into 0xRRGGBB.
fn parse_colour(text: &str) -> Option<u32> {
    let hex = text.strip_prefix('#')?;
    (hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()))
        .then(|| u32::from_str_radix(hex, 16).ok())
        .flatten()
}

/// Default embed colour (Discord blurple) for roles without one.
pub(super) const DEFAULT_COLOUR: u32 = 0x5865F2;

impl Builder {
    fn err(&mut self, o: Origin, entry: &str, msg: String) {
        let file = self.files[o.file].path.clone();
        self.problems.push(Problem::error(
            &file,
            Some(o.line),
            Some(entry.to_string()),
            msg,
        ));
    }

    fn warn(&mut self, o: Origin, entry: &str, msg: String) {
        let file = self.files[o.file].path.clone();
        self.problems.push(Problem::warning(
            &file,
            Some(o.line),
            Some(entry.to_string()),
            msg,
        ));
    }

    /// Claims every entry id in file and line order, so the later of two duplicates is
    /// the one reported.
    fn claim_ids_in_file_order(&mut self, docs: &[(usize, FileDoc)], lines: &[Lines]) {
        let mut all = Vec::new();
        for (file, doc) in docs {
            let lines = &lines[*file];
            let mut add = |kind: &str, id: &toml::Spanned<String>| {
                let o = Origin {
                    file: *file,
                    line: lines.line(id.span().start),
                };
                all.push((
                    o.file,
                    o.line,
                    id.get_ref().clone(),
                    format!("{kind} `{}`", id.get_ref()),
                ));
            };
            doc.aspect.iter().for_each(|a| add("aspect", &a.id));
            doc.role.iter().for_each(|r| add("role", &r.id));
            doc.faq.iter().for_each(|f| add("faq", &f.id));
            doc.term.iter().for_each(|t| add("term", &t.id));
        }
        all.sort();
        for (file, line, id, label) in all {
            if !self.claim_id(&id, &label, Origin { file, line }) {
                self.rejected.insert((file, line));
            }
        }
    }

    /// True when the entry at `o` had a bad or duplicate id (already reported).
    fn id_rejected(&self, o: Origin) -> bool {
        self.rejected.contains(&(o.file, o.line))
    }

    /// Registers an id; reports bad shape or a duplicate. Returns false when unusable.
    fn claim_id(&mut self, id: &str, label: &str, o: Origin) -> bool {
        if let Some(msg) = id_problem(id) {
            self.err(o, label, msg);
            return false;
        }
        if let Some((other, first)) = self.ids.get(id).cloned() {
            let at = format!("{}:{}", self.files[first.file].path, first.line);
            self.err(
                o,
                label,
                format!("duplicate id `{id}`: already used by {other} at {at}"),
            );
            return false;
        }
        self.ids.insert(id.to_string(), (label.to_string(), o));
        true
    }

    /// Registers a phrase (alias or aspect word) for `label`; reports collisions.
    fn claim_phrase(&mut self, phrase: &str, label: &str, o: Origin, what: &str) {
        if phrase.trim().is_empty() {
            self.err(o, label, format!("{what} list has an empty entry"));
            return;
        }
        let key = phrase_key(phrase);
        if key.is_empty() {
            self.err(o, label, format!("{what} `{phrase}` has no words that can be matched (only stop words or punctuation)"));
            return;
        }
        match self.aliases.get(&key) {
            Some((owner, first, _)) if owner != label => {
                let (owner, at) = (
                    owner.clone(),
                    format!("{}:{}", self.files[first.file].path, first.line),
                );
                self.err(o, label, format!("{what} `{phrase}` is also used by {owner} at {at}; each name may point to one entry"));
            }
            Some(_) => {}
            None => {
                self.aliases
                    .insert(key, (label.to_string(), o, phrase.to_string()));
            }
        }
    }

    /// Claims an entry's name and aliases, each spelling once: "Scrum Master" and
    /// "scrum master" are one name, and a clash is reported once, not per spelling.
    fn claim_names<'a>(&mut self, names: impl Iterator<Item = &'a String>, label: &str, o: Origin) {
        let mut seen = Vec::new();
        for name in names {
            let key = phrase_key(name);
            if key.is_empty() || !seen.contains(&key) {
                self.claim_phrase(name, label, o, "alias");
                seen.push(key);
            }
        }
    }

    /// Reports `text` (the entry's `what`) when it is empty or longer than Discord shows.
    fn text(&mut self, o: Origin, label: &str, what: &str, text: &str, max: usize) {
        let limit = format!("Discord shows at most {max} here");
        self.text_within(o, label, what, text, max, &limit);
    }

    /// Reports `text` when it is empty or over `max` characters, with `limit` saying what
    /// holds at most `max`.
    fn text_within(
        &mut self,
        o: Origin,
        label: &str,
        what: &str,
        text: &str,
        max: usize,
        limit: &str,
    ) {
        let n = text.chars().count();
        if text.trim().is_empty() {
            self.err(o, label, format!("{what} is empty"));
        } else if n > max {
            self.err(o, label, format!("{what} has {n} characters; {limit}"));
        }
    }

    /// Checks an optional `short` title: not empty, and short enough for a phone's button.
    fn short(&mut self, o: Origin, label: &str, short: Option<&str>) -> Option<String> {
        let short = short?.trim();
        let n = short.chars().count();
        if short.is_empty() {
            self.err(
                o,
                label,
                "short is empty (leave it out to use the full title)".into(),
            );
            return None;
        }
        if n > limits::BUTTON_LABEL {
            self.err(
                o,
                label,
                format!(
                    "short has {n} characters; a button label holds {}",
                    limits::BUTTON_LABEL
                ),
            );
            return None;
        }
        if n > SHORT_TITLE_CHARS {
            self.warn(o, label, format!("short “{short}” has {n} characters; buttons hold about {SHORT_TITLE_CHARS} side by side on a phone"));
        }
        Some(short.to_string())
    }

    /// Warns when an answer text does not open with a bold answer or runs long.
    fn answer_shape(&mut self, o: Origin, label: &str, what: &str, text: &str, row: Option<usize>) {
        let opened = opener::split(text);
        let n = text.trim().chars().count();
        match opened.opener {
            None => self.warn(o, label, match row {
                Some(_) => format!("{what} doesn't open with a bold short answer (like `**About $110K a year.** …`); comparison rows will show its first sentence instead"),
                None => format!("{what} doesn't open with a bold sentence that answers the question (like `**The Product Owner.** …`); readers take in the first line first"),
            }),
            Some(op) => {
                let m = op.chars().count();
                let max = row.unwrap_or(opener::MAX_OPENER_CHARS);
                if m > max {
                    let why = if row.is_some() { "comparison rows show it on its own" } else { "a short answer reads at a glance" };
                    self.warn(o, label, format!("{what} opens with a bold sentence of {m} characters; keep it under {max} ({why})"));
                }
            }
        }
        if n > LONG_ANSWER_CHARS && n <= limits::DESCRIPTION {
            self.warn(o, label, format!("{what} has {n} characters; keep it under {LONG_ANSWER_CHARS} (a bold answer and about four lines) and move the detail to a related FAQ"));
        }
    }

    fn finish(mut self) -> (Option<Knowledge>, Vec<Problem>) {
        let mut k = Knowledge {
            title: self
                .title
                .take()
                .unwrap_or_else(|| "rolecall knowledge".into()),
            files: self.files.clone(),
            aspects: std::mem::take(&mut self.aspects),
            roles: std::mem::take(&mut self.roles),
            faqs: std::mem::take(&mut self.faqs),
            terms: std::mem::take(&mut self.terms),
            ambient: std::mem::take(&mut self.ambient),
            out_of_scope: std::mem::take(&mut self.out_of_scope),
            periods: std::mem::take(&mut self.periods),
            synonyms: std::mem::take(&mut self.synonyms),
            tour: None,
            teams: std::mem::take(&mut self.teams),
            holders: Vec::new(),
            language: self.language.take().unwrap_or_else(Language::english),
            warnings: Vec::new(),
            ids: std::collections::HashMap::new(),
        };
        k.ids = k
            .roles
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), Entry::Role(i)))
            .chain(
                k.faqs
                    .iter()
                    .enumerate()
                    .map(|(i, f)| (f.id.clone(), Entry::Faq(i))),
            )
            .chain(
                k.terms
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (t.id.clone(), Entry::Term(i))),
            )
            .collect();
        for role in &mut k.roles {
            role.facts.resize(k.aspects.len(), None);
        }
        let mut problems = std::mem::take(&mut self.problems);
        for (entry, o, ids) in std::mem::take(&mut self.related) {
            let mut resolved = Vec::new();
            for id in ids {
                match k.parse_entry(&id) {
                    Some(e) if e == entry => problems.push(Problem::error(
                        &k.files[o.file].path,
                        Some(o.line),
                        Some(described(&k, entry)),
                        format!("related entry `{id}` is the entry itself"),
                    )),
                    Some(e) => resolved.push(e),
                    None => problems.push(Problem::error(
                        &k.files[o.file].path,
                        Some(o.line),
                        Some(described(&k, entry)),
                        format!("related entry `{id}` does not exist"),
                    )),
                }
            }
            match entry {
                Entry::Role(i) => k.roles[i].related = resolved,
                Entry::Faq(i) => k.faqs[i].related = resolved,
                Entry::Term(i) => k.terms[i].related = resolved,
                _ => {}
            }
        }
        self.problems = problems;
        k.holders = self.holders(&k);
        k.tour = self.tour(&k);
        let problems = std::mem::take(&mut self.problems);
        if problems.iter().any(Problem::is_error) {
            return (None, problems);
        }
        k.warnings = problems.clone();
        (Some(k), problems)
    }
}

/// A one-line footer credit made from `[meta]`: "Source: Quick, KnowledgeHut blog, 2025"
/// (author's last name, publisher, year), or the full credit when it is short enough.
fn short_credit(meta: &MetaDoc) -> Option<String> {
    fn nonempty(s: &Option<String>) -> Option<&str> {
        s.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
    let author = nonempty(&meta.author).and_then(|a| a.split_whitespace().last());
    let year = nonempty(&meta.date).map(|d| match d.get(..4) {
        Some(y) if y.chars().all(|c| c.is_ascii_digit()) => y,
        _ => d,
    });
    let parts: Vec<&str> = [author, nonempty(&meta.publisher), year]
        .into_iter()
        .flatten()
        .collect();
    if author.is_some() || nonempty(&meta.publisher).is_some() {
        return Some(format!("Source: {}", parts.join(", ")));
    }
    nonempty(&meta.credit)
        .filter(|c| c.chars().count() <= SHORT_CREDIT_CHARS)
        .map(str::to_string)
}
