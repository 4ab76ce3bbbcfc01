//! Turns parsed knowledge files into a [`Knowledge`], reporting every problem found.

use super::format::{FileDoc, MetaDoc};
use super::opener;
use super::problem::{line_of, Lines};
use super::{
    Aspect, Entry, Faq, FileInfo, Knowledge, Origin, Problem, Role, Source, Synonym, Term,
};
use crate::normalize::{clean, is_stop_key, is_stop_word, name_phrases, phrase_key, word_slices};
use crate::render::limits;
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
                let msg = match msg.strip_prefix("unknown field ") {
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
    if b.problems.iter().any(Problem::is_error) {
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
    ids: HashMap<String, (String, Origin)>,
    rejected: std::collections::HashSet<(usize, usize)>,
    aliases: HashMap<Vec<String>, (String, Origin, String)>,
    aspects: Vec<Aspect>,
    roles: Vec<Role>,
    faqs: Vec<Faq>,
    terms: Vec<Term>,
    synonyms: Vec<Synonym>,
    related: Vec<(Entry, Origin, Vec<String>)>,
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
        if line.starts_with("[[") || line == "[meta]" || header_at == 0 {
            break;
        }
        header_at = text[..header_at.saturating_sub(1)]
            .rfind("\n[")
            .map_or(0, |i| i + 1);
    }
    let header = text[header_at..].lines().next()?.trim();
    if header == "[meta]" {
        return Some("meta".into());
    }
    let kind = header.strip_prefix("[[")?.strip_suffix("]]")?.trim();
    let id = text[header_at..]
        .lines()
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with("[["))
        .find_map(|l| {
            let (key, value) = l.split_once('=')?;
            (key.trim() == "id").then(|| value.trim().trim_matches('"').to_string())
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
            self.roles.push(Role {
                id,
                name: r.name.trim().to_string(),
                short,
                aliases: r.aliases.clone(),
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
            self.answer_shape(o, &label, "answer", &f.answer, None);
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

    fn finish(mut self) -> (Option<Knowledge>, Vec<Problem>) {
        let mut k = Knowledge {
            title: self
                .title
                .take()
                .unwrap_or_else(|| "rolecall knowledge".into()),
            files: std::mem::take(&mut self.files),
            aspects: std::mem::take(&mut self.aspects),
            roles: std::mem::take(&mut self.roles),
            faqs: std::mem::take(&mut self.faqs),
            terms: std::mem::take(&mut self.terms),
            ambient: std::mem::take(&mut self.ambient),
            out_of_scope: std::mem::take(&mut self.out_of_scope),
            synonyms: std::mem::take(&mut self.synonyms),
            tour: None,
            teams: Vec::new(),
            holders: Vec::new(),
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
                        Some(label(&k, entry)),
                        format!("related entry `{id}` is the entry itself"),
                    )),
                    Some(e) => resolved.push(e),
                    None => problems.push(Problem::error(
                        &k.files[o.file].path,
                        Some(o.line),
                        Some(label(&k, entry)),
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
        if problems.iter().any(Problem::is_error) {
            return (None, problems);
        }
        k.warnings = problems.clone();
        (Some(k), problems)
    }
}

/// How an entry is named in problems, e.g. "faq `who-owns-backlog`".
pub fn label(k: &Knowledge, entry: Entry) -> String {
    let kind = match entry {
        Entry::Role(_) => "role",
        Entry::Fact { .. } => "fact",
        Entry::Compare { .. } => "comparison",
        Entry::Faq(_) => "faq",
        Entry::Term(_) => "term",
    };
    format!("{kind} `{}`", k.entry_id(entry))
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
