//! Roles, aspects, facts, FAQs, terms, synonyms, `[meta]` and the language file: each checked
//! and added to the knowledge being built.

use super::*;

impl Builder {
    pub(super) fn meta(&mut self, file: usize, mut meta: MetaDoc, src: &Source) {
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

    pub(super) fn aspects(&mut self, file: usize, doc: &FileDoc, lines: &Lines) {
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
            let marked = self.aspects.iter().filter(|x| x.glance).count();
            if a.glance && marked == crate::knowledge::MAX_GLANCE {
                self.warn(
                    o,
                    &label,
                    format!(
                        "is marked `glance`, but only the first {} marked aspects are shown at a glance",
                        crate::knowledge::MAX_GLANCE
                    ),
                );
            }
            self.aspects.push(Aspect {
                id,
                name: a.name.clone(),
                short,
                glance: a.glance,
                words: a.words.clone(),
                origin: o,
            });
        }
    }

    pub(super) fn entries(&mut self, file: usize, doc: &FileDoc, lines: &Lines) {
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
                .map(|n| crate::knowledge::lower_words(n))
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
            if f.answer
                .trim_start()
                .starts_with(crate::knowledge::UNWRITTEN)
            {
                self.err(
                    o,
                    &label,
                    format!(
                        "answer has not been written yet: it still starts with `{}`, as stubs from `rolecall gaps --toml` or `rolecall import` do; write the answer in its place (one bold sentence that answers the question, then a few lines), or delete this [[faq]]",
                        crate::knowledge::UNWRITTEN
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

    pub(super) fn synonyms(&mut self, file: usize, doc: &FileDoc, lines: &Lines) {
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

    /// Reads the `[language]` and `[frequency]` tables (at most one of each across all
    /// files); without a `[language]`, the knowledge is read as English.
    pub(super) fn language(
        &mut self,
        docs: &[(usize, FileDoc)],
        sources: &[Source],
        lines: &[Lines],
    ) {
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
}
