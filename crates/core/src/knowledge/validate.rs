//! Turns parsed knowledge files into a [`Knowledge`], reporting every problem found.

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
pub fn build(sources: &[Source]) -> (Option<Knowledge>, Vec<Problem>) {
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
    let Some((_, value)) = line.split_once('=') else {
        return false;
    };
    let value = value.split('#').next().unwrap_or("");
    value
        .split(|c: char| !c.is_ascii_digit() && c != '"' && c != '\'')
        .any(|tok| tok.len() >= 17 && tok.chars().all(|c| c.is_ascii_digit()))
}

/// Reads a Discord id (channel or user) written as a string of 17–20 digits.
fn discord_id(value: &toml::Value, what: &str) -> Result<u64, String> {
    match value {
        toml::Value::String(s)
            if (17..=20).contains(&s.chars().count()) && s.chars().all(|c| c.is_ascii_digit()) =>
        {
            s.parse::<u64>()
                .map_err(|_| {
                format!("{what} `{s}` is larger than any Discord id; copy it again with Developer Mode → Copy ID")
            })
        }
        toml::Value::String(s) => Err(format!(
            "{what} `{s}` is not a Discord id (17 to 20 digits); {ID_HINT}"
        )),
        toml::Value::Integer(n) => Err(format!(
            "{what} {n} is written as a bare number; {ID_HINT}"
        )),
        other => Err(format!(
            "{what} is a {}, not a Discord id (17 to 20 digits); {ID_HINT}",
            other.type_str()
        )),
    }
}

/// The 1-based line of the first line of `text` that is exactly `header` (like `[tour]`).
fn header_line(text: &str, header: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.trim() == header || l.trim().starts_with(&format!("{header} ")))
        .map(|i| i + 1)
}

/// The entry whose table holds byte `offset` of a knowledge file, named as in problems
/// ("role `po`", "faq `same-person`", "meta"): read from the nearest `[[…]]` or `[meta]`
/// header above it and that entry's `id = "…"` line.
fn entry_at(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset)?;
    let start = before.rfind("\n[").map_or(0, |i| i + 1).min(before.len());
    // A sub-table such as `[role.facts]` belongs to the `[[role]]` above it.
    let mut header_at = start;
    loop {
        let line = text[header_at..].lines().next().unwrap_or("").trim();
        // A top-level table (`[meta]`, `[language]`) ends the walk; `[role.facts]` does not.
        let table = line.starts_with('[') && line.ends_with(']') && !line.contains('.');
        if line.starts_with("[[") || table || header_at == 0 {
            break;
        }
        header_at = text[..header_at.saturating_sub(1)]
            .rfind("\n[")
            .map_or(0, |i| i + 1);
    }
    let header = text[header_at..].lines().next()?.trim();
    // `[meta]`, `[tour]`, `[language]`: the table's name.
    if let Some(name) = header
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .filter(|h| !h.starts_with('['))
    {
        return Some(name.trim().to_string());
    }
    let kind = header.strip_prefix("[[")?.strip_suffix("]]")?.trim();
    let kind = if kind == "tour.step" {
        "tour step"
    } else {
        kind
    };
    let id = text[header_at..]
        .lines()
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with("[["))
        .find_map(|l| {
            let (key, value) = l.split_once('=')?;
            // A holder has no id: it is named by its role, as in problems.
            let named = key.trim() == "id" || (kind == "holder" && key.trim() == "role");
            named.then(|| value.trim().trim_matches('"').to_string())
        });
    Some(match id {
        Some(id) => format!("{kind} `{id}`"),
        None => kind.to_string(),
    })
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
pub const DEFAULT_COLOUR: u32 = 0x5865F2;

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

    fn meta(&mut self, file: usize, mut meta: MetaDoc, src: &Source) {
        let o = Origin {
            file,
            line: src
                .text
                .lines()
                .position(|l| l.trim_start().starts_with("[meta]"))
                .map_or(1, |i| i + 1),
        };
        if let Some(credit) = &meta.credit {
            let n = credit.chars().count();
            if credit.trim().is_empty() {
                self.err(o, "meta", "credit is empty".into());
            } else if n > limits::FOOTER_TEXT {
                let max = limits::FOOTER_TEXT;
                self.err(
                    o,
                    "meta",
                    format!("credit has {n} characters; an embed footer holds {max}"),
                );
            }
        }
        for word in std::mem::take(&mut meta.ambient) {
            if word.trim().is_empty() {
                self.err(o, "meta", "ambient has an empty word".into());
            } else {
                self.ambient.push(word);
            }
        }
        for topic in std::mem::take(&mut meta.out_of_scope) {
            self.claim_phrase(&topic, "meta `out_of_scope`", o, "topic");
            self.out_of_scope.push(topic);
        }
        for period in std::mem::take(&mut meta.periods) {
            let same = |t: &String| crate::normalize::clean(t) == crate::normalize::clean(&period);
            if self.out_of_scope.iter().any(same) {
                self.periods.push(period);
            } else {
                let msg = format!("periods has \"{period}\", which is not in out_of_scope");
                self.err(o, "meta", msg);
            }
        }
        let short = match &meta.short_credit {
            Some(c) if c.trim().is_empty() => {
                self.err(o, "meta", "short_credit is empty".into());
                None
            }
            Some(c) => Some(c.trim().to_string()),
            None => short_credit(&meta),
        };
        match &short {
            Some(c) if c.chars().count() > SHORT_CREDIT_CHARS => self.warn(
                o,
                "meta",
                format!(
                    "the footer credit “{c}” has {} characters; over {SHORT_CREDIT_CHARS} it wraps to a second line on a phone (set a shorter `short_credit`)",
                    c.chars().count()
                ),
            ),
            None if meta.credit.is_some() => self.warn(
                o,
                "meta",
                format!(
                    "credit is too long for a footer and there is no author or publisher to shorten it from: set `short_credit` (at most {SHORT_CREDIT_CHARS} characters)"
                ),
            ),
            _ => {}
        }
        if let Some(url) = &meta.url {
            if !(url.starts_with("https://") || url.starts_with("http://"))
                || url.contains(char::is_whitespace)
            {
                self.err(
                    o,
                    "meta",
                    format!("url `{url}` must be a web address starting with https://"),
                );
            } else {
                self.files[file].url = Some(url.clone());
            }
        }
        self.files[file].short_credit = short;
        self.files[file].credit = meta.credit.filter(|c| !c.trim().is_empty());
        self.files[file].source = [
            meta.source,
            meta.author,
            meta.publisher,
            meta.date,
            meta.url,
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect();
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

    fn text(&mut self, o: Origin, label: &str, what: &str, text: &str, max: usize) {
        let n = text.chars().count();
        if text.trim().is_empty() {
            self.err(o, label, format!("{what} is empty"));
        } else if n > max {
            self.err(
                o,
                label,
                format!("{what} has {n} characters; Discord shows at most {max} here"),
            );
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

    fn aspects(&mut self, file: usize, doc: &FileDoc, lines: &Lines) {
        for a in &doc.aspect {
            let o = Origin {
                file,
                line: lines.line(a.id.span().start),
            };
            let id = a.id.get_ref().clone();
            let label = format!("aspect `{id}`");
            if self.id_rejected(o) {
                continue;
            }
            self.text(o, &label, "name", &a.name, MAX_NAME_CHARS);
            if a.words.is_empty() {
                self.warn(
                    o,
                    &label,
                    "has no words, so questions can only reach it by button or command".into(),
                );
            }
            for w in &a.words {
                self.claim_phrase(w, &label, o, "word");
            }
            let short = self.short(o, &label, a.short.as_deref());
            self.aspects.push(Aspect {
                id,
                name: a.name.clone(),
                short,
                words: a.words.clone(),
                origin: o,
            });
        }
    }

    fn entries(&mut self, file: usize, doc: &FileDoc, lines: &Lines) {
        let line = |off: usize| lines.line(off);
        for r in &doc.role {
            let o = Origin {
                file,
                line: line(r.id.span().start),
            };
            let id = r.id.get_ref().clone();
            let label = format!("role `{id}`");
            if self.id_rejected(o) {
                continue;
            }
            self.text(o, &label, "name", &r.name, MAX_NAME_CHARS);
            self.text(o, &label, "summary", &r.summary, limits::DESCRIPTION);
            let n = r.summary.chars().count();
            if n > LONG_SUMMARY_CHARS || r.summary.trim().contains('\n') {
                self.warn(
                    o,
                    &label,
                    format!("summary should be one line (it has {n} characters)"),
                );
            }
            self.claim_names(std::iter::once(&r.name).chain(&r.aliases), &label, o);
            let colour = match &r.colour {
                None => DEFAULT_COLOUR,
                Some(c) => parse_colour(c).unwrap_or_else(|| {
                    self.err(o, &label, format!("colour `{c}` must look like #1f8b4c"));
                    DEFAULT_COLOUR
                }),
            };
            let mut facts = vec![None; self.aspects.len()];
            for (aspect, text) in &r.facts {
                let fo = Origin {
                    file,
                    line: line(text.span().start),
                };
                let Some(ai) = self.aspects.iter().position(|a| &a.id == aspect) else {
                    let known: Vec<_> = self.aspects.iter().map(|a| a.id.as_str()).collect();
                    self.err(
                        fo,
                        &label,
                        format!(
                            "fact for unknown aspect `{aspect}` (known aspects: {})",
                            known.join(", ")
                        ),
                    );
                    continue;
                };
                self.text(
                    fo,
                    &label,
                    &format!("fact `{aspect}`"),
                    text.get_ref(),
                    limits::FIELD_VALUE,
                );
                self.answer_shape(
                    fo,
                    &label,
                    &format!("fact `{aspect}`"),
                    text.get_ref(),
                    Some(ROW_OPENER_CHARS),
                );
                facts[ai] = Some(text.get_ref().trim().to_string());
            }
            let entry = Entry::Role(self.roles.len());
            self.related.push((entry, o, r.related.clone()));
            let short = self.short(o, &label, r.short.as_deref());
            let name_words = std::iter::once(&r.name)
                .chain(&r.aliases)
                .map(|n| super::lower_words(n))
                .filter(|w| !w.is_empty())
                .collect();
            self.roles.push(Role {
                id,
                name: r.name.trim().to_string(),
                short,
                aliases: r.aliases.clone(),
                name_words,
                colour,
                summary: r.summary.trim().to_string(),
                facts,
                related: Vec::new(),
                origin: o,
            });
        }
        for f in &doc.faq {
            let o = Origin {
                file,
                line: line(f.id.span().start),
            };
            let id = f.id.get_ref().clone();
            let label = format!("faq `{id}`");
            if self.id_rejected(o) {
                continue;
            }
            self.text(o, &label, "question", &f.question, limits::TITLE);
            self.text(o, &label, "answer", &f.answer, limits::DESCRIPTION);
            if f.answer.trim_start().starts_with(super::UNWRITTEN) {
                self.err(
                    o,
                    &label,
                    format!(
                        "answer has not been written yet: it still starts with `{}` from the gaps report's export; write the answer in its place (one bold sentence that answers the question, then a few lines), or delete this [[faq]]",
                        super::UNWRITTEN
                    ),
                );
            } else {
                self.answer_shape(o, &label, "answer", &f.answer, None);
            }
            for p in &f.phrasings {
                if word_slices(&clean(p)).all(|w| is_stop_word(&w)) {
                    self.err(
                        o,
                        &label,
                        format!("phrasing `{p}` has no words that can be matched"),
                    );
                }
            }
            self.related
                .push((Entry::Faq(self.faqs.len()), o, f.related.clone()));
            let short = self.short(o, &label, f.short.as_deref());
            self.faqs.push(Faq {
                id,
                question: f.question.trim().to_string(),
                short,
                phrasings: f.phrasings.clone(),
                answer: f.answer.trim().to_string(),
                related: Vec::new(),
                origin: o,
            });
        }
        for t in &doc.term {
            let o = Origin {
                file,
                line: line(t.id.span().start),
            };
            let id = t.id.get_ref().clone();
            let label = format!("term `{id}`");
            if self.id_rejected(o) {
                continue;
            }
            self.text(o, &label, "name", &t.name, MAX_NAME_CHARS);
            self.text(o, &label, "definition", &t.definition, limits::DESCRIPTION);
            self.claim_names(name_phrases(&t.name).iter().chain(&t.aliases), &label, o);
            self.related
                .push((Entry::Term(self.terms.len()), o, t.related.clone()));
            let short = self.short(o, &label, t.short.as_deref());
            self.terms.push(Term {
                id,
                name: t.name.trim().to_string(),
                short,
                aliases: t.aliases.clone(),
                definition: t.definition.trim().to_string(),
                related: Vec::new(),
                origin: o,
            });
        }
    }

    fn synonyms(&mut self, file: usize, doc: &FileDoc, lines: &Lines) {
        for syn in &doc.synonym {
            let o = Origin {
                file,
                line: lines.line(syn.word.span().start),
            };
            let word = syn.word.get_ref().trim().to_lowercase();
            let label = format!("synonym `{word}`");
            let keys = phrase_key(&word);
            if keys.len() != 1 || is_stop_key(&keys[0]) {
                self.err(
                    o,
                    &label,
                    "word must be one word that is not a stop word (like \"ask\")".into(),
                );
                continue;
            }
            if syn.also.is_empty() {
                self.err(o, &label, "also lists no words".into());
                continue;
            }
            for phrase in &syn.also {
                self.claim_phrase(phrase, &label, o, "synonym");
            }
            self.synonyms.push(Synonym {
                word,
                also: syn.also.clone(),
                origin: o,
            });
        }
    }

    /// Reads `[[team]]`: unique ids and names, and channels that are Discord ids belonging
    /// to one team only.
    fn teams(&mut self, file: usize, doc: &FileDoc, lines: &Lines) {
        for t in &doc.team {
            let o = Origin {
                file,
                line: lines.line(t.id.span().start),
            };
            let id = t.id.get_ref().clone();
            let label = format!("team `{id}`");
            if let Some(msg) = id_problem(&id) {
                self.err(o, &label, msg);
                continue;
            }
            if let Some(first) = self.teams.iter().find(|x| x.id == id) {
                let at = format!(
                    "{}:{}",
                    self.files[first.origin.file].path, first.origin.line
                );
                self.err(
                    o,
                    &label,
                    format!("duplicate team id `{id}`: already used at {at}"),
                );
                continue;
            }
            self.text(o, &label, "name", t.name.get_ref(), MAX_NAME_CHARS);
            let mut names = vec![t.name.get_ref().clone()];
            for alias in &t.aliases {
                if alias.trim().is_empty() {
                    self.err(o, &label, "alias list has an empty entry".into());
                } else {
                    names.push(alias.clone());
                }
            }
            for name in &names {
                let key = phrase_key(name);
                if key.is_empty() {
                    continue;
                }
                match self.team_names.get(&key) {
                    Some((owner, first)) if *owner != label => {
                        let at = format!("{}:{}", self.files[first.file].path, first.line);
                        let owner = owner.clone();
                        self.err(
                            o,
                            &label,
                            format!("name `{name}` is also used by {owner} at {at}; each name may point to one team"),
                        );
                    }
                    Some(_) => {}
                    None => {
                        self.team_names.insert(key, (label.clone(), o));
                    }
                }
            }
            let mut channels = Vec::new();
            for c in &t.channels {
                let co = Origin {
                    file,
                    line: lines.line(c.span().start),
                };
                let channel = match discord_id(c.get_ref(), "channel") {
                    Ok(channel) => channel,
                    Err(msg) => {
                        self.err(co, &label, msg);
                        continue;
                    }
                };
                match self.channels.get(&channel).cloned() {
                    Some((owner, _)) if owner == label => {
                        self.warn(co, &label, format!("channel `{channel}` is listed twice"))
                    }
                    Some((owner, first)) => {
                        let at = format!("{}:{}", self.files[first.file].path, first.line);
                        self.err(
                            co,
                            &label,
                            format!("channel `{channel}` already belongs to {owner} at {at}; a channel belongs to one team"),
                        );
                    }
                    None => {
                        self.channels.insert(channel, (label.clone(), co));
                        channels.push(channel);
                    }
                }
            }
            self.teams.push(Team {
                id,
                name: t.name.get_ref().trim().to_string(),
                aliases: t
                    .aliases
                    .iter()
                    .filter(|a| !a.trim().is_empty())
                    .cloned()
                    .collect(),
                channels,
                origin: o,
            });
        }
    }

    /// Resolves `[[holder]]`: a known role, a Discord user id, a known team; a person
    /// listed twice for the same role and team is a warning.
    fn holders(&mut self, k: &Knowledge) -> Vec<Holder> {
        let mut holders: Vec<Holder> = Vec::new();
        for (file, h) in std::mem::take(&mut self.holder_docs) {
            let lines = &self.lines[file];
            let at = |off: usize| Origin {
                file,
                line: lines.line(off),
            };
            let (o, uo) = (at(h.role.span().start), at(h.user.span().start));
            let to = h.team.as_ref().map(|t| at(t.span().start));
            let role_id = h.role.get_ref();
            let label = format!("holder `{role_id}`");
            let role = k.role_index(role_id);
            if role.is_none() {
                let known: Vec<&str> = k.roles.iter().map(|r| r.id.as_str()).collect();
                self.err(
                    o,
                    &label,
                    format!(
                        "unknown role `{role_id}` (known roles: {})",
                        known.join(", ")
                    ),
                );
            }
            let user = discord_id(h.user.get_ref(), "user")
                .map_err(|msg| self.err(uo, &label, msg))
                .ok();
            let team = match (&h.team, to) {
                (Some(t), Some(to)) => {
                    let found = k.teams.iter().position(|x| &x.id == t.get_ref());
                    if found.is_none() {
                        let known: Vec<&str> = k.teams.iter().map(|x| x.id.as_str()).collect();
                        let known = if known.is_empty() {
                            "no [[team]] is defined".to_string()
                        } else {
                            format!("known teams: {}", known.join(", "))
                        };
                        self.err(
                            to,
                            &label,
                            format!("unknown team `{}` ({known})", t.get_ref()),
                        );
                        continue;
                    }
                    found
                }
                _ => None,
            };
            let (Some(role), Some(user)) = (role, user) else {
                continue;
            };
            if let Some(first) = holders
                .iter()
                .find(|x| x.role == role && x.user == user && x.team == team)
            {
                let at = format!("{}:{}", k.files[first.origin.file].path, first.origin.line);
                self.warn(
                    o,
                    &label,
                    format!("user `{user}` is listed twice for this role and team (first at {at})"),
                );
                continue;
            }
            holders.push(Holder {
                role,
                user,
                team,
                origin: o,
            });
        }
        holders
    }

    /// Checks a tour text: not empty, at most `max` characters (`why` says what holds it).
    fn tour_text(&mut self, o: Origin, label: &str, what: &str, text: &str, max: usize, why: &str) {
        let n = text.chars().count();
        if text.trim().is_empty() {
            self.err(o, label, format!("{what} is empty"));
        } else if n > max {
            self.err(
                o,
                label,
                format!("{what} has {n} characters; {why} holds at most {max}"),
            );
        }
    }

    /// Resolves `[tour]`: at most one across files, at least one step, unique step ids,
    /// entries that exist, quizzes that fit Discord's buttons, texts that fit their embed.
    fn tour(&mut self, k: &Knowledge) -> Option<Tour> {
        let mut tours = std::mem::take(&mut self.tours).into_iter();
        let (file, doc) = tours.next()?;
        let origin_of = |b: &Self, file: usize, doc: &TourDoc| Origin {
            file,
            line: header_line(&b.texts[file], "[tour]")
                .unwrap_or_else(|| b.lines[file].line(doc.title.span().start)),
        };
        let origin = origin_of(self, file, &doc);
        for (other, extra) in tours {
            let o = origin_of(self, other, &extra);
            let at = format!("{}:{}", k.files[file].path, origin.line);
            self.err(
                o,
                "tour",
                format!("a second [tour]; the tour is already defined at {at} (knowledge has at most one tour)"),
            );
        }
        let lines = self.lines[file].clone();
        let at = |off: usize| Origin {
            file,
            line: lines.line(off),
        };
        let desc =
            "a tour page (an embed description with room for the footer and the entries shown)";
        self.tour_text(
            at(doc.title.span().start),
            "tour",
            "title",
            doc.title.get_ref(),
            limits::TITLE,
            "an embed title",
        );
        self.tour_text(
            at(doc.intro.span().start),
            "tour",
            "intro",
            doc.intro.get_ref(),
            TOUR_TEXT_CHARS,
            desc,
        );
        self.tour_text(
            at(doc.outro.span().start),
            "tour",
            "outro",
            doc.outro.get_ref(),
            TOUR_TEXT_CHARS,
            desc,
        );
        if doc.step.is_empty() {
            self.err(
                origin,
                "tour",
                "has no steps; add at least one [[tour.step]]".into(),
            );
        } else if doc.step.len() > LONG_TOUR_STEPS {
            self.warn(
                origin,
                "tour",
                format!(
                    "has {} steps; over {LONG_TOUR_STEPS}, newcomers tend to stop before the end (trim it or move detail into the entries shown)",
                    doc.step.len()
                ),
            );
        }
        let mut steps: Vec<TourStep> = Vec::new();
        for step in &doc.step {
            if let Some(s) = self.step(k, step, &at, &steps) {
                steps.push(s);
            }
        }
        Some(Tour {
            title: doc.title.get_ref().trim().to_string(),
            intro: doc.intro.get_ref().trim().to_string(),
            outro: doc.outro.get_ref().trim().to_string(),
            steps,
            origin,
        })
    }

    /// Checks one tour step; `None` when its id is unusable (already reported).
    fn step(
        &mut self,
        k: &Knowledge,
        step: &StepDoc,
        at: &dyn Fn(usize) -> Origin,
        earlier: &[TourStep],
    ) -> Option<TourStep> {
        let o = at(step.id.span().start);
        let id = step.id.get_ref().clone();
        let label = format!("tour step `{id}`");
        if let Some(msg) = id_problem(&id) {
            self.err(o, &label, msg);
            return None;
        }
        if let Some(first) = earlier.iter().find(|s| s.id == id) {
            let at = format!("{}:{}", k.files[first.origin.file].path, first.origin.line);
            self.err(
                o,
                &label,
                format!("duplicate step id `{id}`: already used at {at}"),
            );
            return None;
        }
        self.tour_text(
            at(step.title.span().start),
            &label,
            "title",
            step.title.get_ref(),
            STEP_TITLE_CHARS,
            "a step title",
        );
        self.tour_text(
            at(step.text.span().start),
            &label,
            "text",
            step.text.get_ref(),
            TOUR_TEXT_CHARS,
            "a tour page (an embed description with room for the footer and the entries shown)",
        );
        let mut show = Vec::new();
        if let Some(ids) = &step.show {
            let so = at(ids.span().start);
            for shown in ids.get_ref() {
                match k.parse_entry(shown) {
                    Some(e) => show.push(e),
                    None => self.err(so, &label, format!("shown entry `{shown}` does not exist")),
                }
            }
        }
        let quiz = step.quiz.as_ref().and_then(|q| self.quiz(q, &label, at));
        Some(TourStep {
            id,
            title: step.title.get_ref().trim().to_string(),
            text: step.text.get_ref().trim().to_string(),
            show,
            roster: step.roster,
            quiz,
            origin: o,
        })
    }

    /// Checks a step's quiz; `None` when its answer is out of range (already reported).
    fn quiz(&mut self, q: &QuizDoc, label: &str, at: &dyn Fn(usize) -> Origin) -> Option<Quiz> {
        let question = q.question.get_ref();
        let qo = at(q.question.span().start);
        let why = "a quiz question";
        self.tour_text(
            qo,
            label,
            "quiz question",
            question,
            QUIZ_QUESTION_CHARS,
            why,
        );
        let co = at(q.choices.span().start);
        let choices = q.choices.get_ref();
        if !QUIZ_CHOICES.contains(&choices.len()) {
            let (min, max) = (QUIZ_CHOICES.start(), QUIZ_CHOICES.end());
            let n = choices.len();
            let msg = format!("quiz has {n} choice(s); give {min} to {max} (each is a button)");
            self.err(co, label, msg);
        }
        let mut seen: Vec<String> = Vec::new();
        for (i, choice) in choices.iter().enumerate() {
            let what = format!("quiz choice {}", i + 1);
            let max = limits::BUTTON_LABEL;
            self.tour_text(co, label, &what, choice, max, "a button label");
            let key = choice.trim().to_lowercase();
            if let Some(j) = seen.iter().position(|s| *s == key) {
                if !key.is_empty() {
                    self.err(co, label, format!("{what} repeats choice {}", j + 1));
                }
            }
            seen.push(key);
        }
        let answer = *q.answer.get_ref();
        let in_range = usize::try_from(answer)
            .ok()
            .filter(|a| (1..=choices.len()).contains(a));
        if in_range.is_none() {
            let n = choices.len();
            let msg = format!(
                "quiz answer {answer} is out of range: it counts the choices from 1, so give 1 to {n}"
            );
            self.err(at(q.answer.span().start), label, msg);
        }
        let eo = at(q.explain.span().start);
        let explain = q.explain.get_ref();
        let why = "a quiz explanation";
        self.tour_text(eo, label, "quiz explain", explain, QUIZ_EXPLAIN_CHARS, why);
        Some(Quiz {
            question: question.trim().to_string(),
            choices: choices.iter().map(|c| c.trim().to_string()).collect(),
            answer: in_range? - 1,
            explain: explain.trim().to_string(),
        })
    }

    /// Reads the `[language]` and `[frequency]` tables (at most one of each across all
    /// files); without a `[language]`, the knowledge is read as English.
    fn language(&mut self, docs: &[(usize, FileDoc)], sources: &[Source], lines: &[Lines]) {
        let mut lang = Language::default();
        let (mut cues, mut freq): (Option<usize>, Option<usize>) = (None, None);
        for (file, doc) in docs {
            let path = &sources[*file].path;
            if let Some(l) = &doc.language {
                match cues {
                    Some(first) => self.problems.push(Problem::error(
                        path,
                        Some(lines[*file].line(l.code.span().start)),
                        Some("[language]".into()),
                        format!(
                            "a second [language] table; {} has one already",
                            sources[first].path
                        ),
                    )),
                    None => {
                        cues = Some(*file);
                        lang.read_cues(path, l, &lines[*file], &mut self.problems);
                    }
                }
            }
            if let Some(f) = &doc.frequency {
                match freq {
                    Some(first) => self.problems.push(Problem::error(
                        path,
                        Some(lines[*file].line(f.language.span().start)),
                        Some("[frequency]".into()),
                        format!(
                            "a second [frequency] table; {} has one already",
                            sources[first].path
                        ),
                    )),
                    None => {
                        freq = Some(*file);
                        lang.read_frequency(path, f, &lines[*file], &mut self.problems);
                    }
                }
            }
        }
        match (cues, freq) {
            (None, None) => {}
            (None, Some(file)) => self.problems.push(Problem::error(
                &sources[file].path,
                None,
                Some("[frequency]".into()),
                "word frequencies without a [language] table: add one (see knowledge/README.md)".into(),
            )),
            (Some(file), None) => self.problems.push(Problem::warning(
                &sources[file].path,
                None,
                Some("[language]".into()),
                format!("no [frequency] table for language `{}`: every word the knowledge doesn't use weighs as a rare one", lang.code),
            )),
            (Some(c), Some(f)) => {
                let code = docs
                    .iter()
                    .find(|(file, _)| *file == f)
                    .and_then(|(_, d)| d.frequency.as_ref())
                    .map(|d| d.language.get_ref().trim().to_string())
                    .unwrap_or_default();
                if code != lang.code {
                    self.problems.push(Problem::error(
                        &sources[f].path,
                        None,
                        Some("[frequency]".into()),
                        format!("the word frequencies are for `{code}`, but {} says the language is `{}`", sources[c].path, lang.code),
                    ));
                }
            }
        }
        if cues.is_some() {
            self.language = Some(std::sync::Arc::new(lang));
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
