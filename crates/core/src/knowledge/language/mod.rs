//! The language a knowledge is asked in: cue words that say how a message is worded (what
//! opens a question, what is chatter around it) and how common each word is, read from the
//! `[language]` and `[frequency]` tables of the knowledge files. A knowledge without them is
//! read with the shipped English files.

use super::problem::Lines;
use super::Problem;
use crate::normalize::{clean, words};
use rustc_hash::FxHashMap;
use std::sync::{Arc, LazyLock};
use toml::Spanned;

mod cues;
mod doc;
mod phrases;

use doc::ShippedDoc;
pub use doc::{BandDoc, FrequencyDoc, LanguageDoc};
use phrases::Phrases;
pub(crate) use phrases::WordSet;

/// The cue words and word frequencies the matcher reads questions with.
#[derive(Debug, Default, PartialEq)]
pub struct Language {
    /// Language code ("en").
    pub code: String,
    question_words: WordSet,
    request_words: WordSet,
    /// Request frames, as words.
    request_frames: Vec<Vec<Box<str>>>,
    /// Embedding phrases, as words.
    embedders: Phrases,
    fillers: WordSet,
    conjunctions: WordSet,
    subordinators: WordSet,
    setting_words: WordSet,
    interrogatives: WordSet,
    embedding_verbs: WordSet,
    embedding_particles: WordSet,
    /// Role-pair phrases, as words.
    role_pairs: Phrases,
    /// Reference words and phrases, as words.
    references: Phrases,
    speech_verbs: WordSet,
    second_person: WordSet,
    first_person: WordSet,
    alternatives: WordSet,
    /// Help phrases, as words.
    help_phrases: Phrases,
    help_words: WordSet,
    /// One-person phrases, as words.
    both_phrases: Phrases,
    /// Rank phrases, as words.
    rank_phrases: Phrases,
    /// Idioms, as words.
    idioms: Phrases,
    /// Same-role phrases, as words.
    same_phrases: Phrases,
    same_words: WordSet,
    people_words: WordSet,
    manage_verbs: WordSet,
    determiners: WordSet,
    claim_verbs: WordSet,
    request_verbs: WordSet,
    what_is_words: WordSet,
    speakers: WordSet,
    view_words: WordSet,
    title_modifiers: WordSet,
    quantity_phrases: Vec<Vec<Box<str>>>,
    method_phrases: Vec<Vec<Box<str>>>,
    compare_words: Vec<Box<str>>,
    openers: WordSet,
    judgement_words: WordSet,
    particles: WordSet,
    question_openers: WordSet,
    structured_optional: Vec<Box<str>>,
    role_optional: Vec<Box<str>>,
    term_optional: Vec<Box<str>>,
    title_heads: WordSet,
    bare_titles: WordSet,
    neutral_modifiers: WordSet,
    contact_verbs: WordSet,
    contact_auxiliaries: WordSet,
    contact_fillers: WordSet,
    contact_nouns: WordSet,
    here_words: WordSet,
    /// Here phrases, as words.
    here_phrases: Phrases,
    /// Which person, as words.
    which_person: Phrases,
    who_embedders: WordSet,
    clause_fillers: WordSet,
    /// Newcomer phrases, as words.
    newcomer_phrases: Phrases,
    aspiring_phrases: Phrases,
    self_fillers: WordSet,
    /// Onboarding phrases, as words.
    onboarding_phrases: Phrases,
    new_to: WordSet,
    past_markers: WordSet,
    joining_words: WordSet,
    recent_words: WordSet,
    clock_words: WordSet,
    division_subjects: WordSet,
    division_objects: WordSet,
    /// Personal-experience phrases, as words.
    personal_phrases: Phrases,
    framing_suffixes: Vec<Box<str>>,
    framing_words: Vec<Box<str>>,
    greetings: WordSet,
    signoffs: WordSet,
    chatter: WordSet,
    /// Word → its Zipf frequency.
    zipf: FxHashMap<Box<str>, f32>,
}

/// Highest Zipf frequency a real word has (English "the" is about 7.7).
const MAX_ZIPF: f32 = 8.0;

impl Language {
    /// The shipped English language, from the files compiled into the binary.
    pub fn english() -> Arc<Language> {
        static EN: LazyLock<Arc<Language>> = LazyLock::new(|| {
            let mut lang = Language::default();
            for (name, text) in super::shipped_files() {
                let file: ShippedDoc = match toml::from_str(text) {
                    Ok(f) => f,
                    Err(_) => continue,
                };
                let lines = Lines::new(text);
                let mut problems = Vec::new();
                if let Some(doc) = &file.language {
                    lang.read_cues(name, doc, &lines, &mut problems);
                }
                if let Some(doc) = &file.frequency {
                    lang.read_frequency(name, doc, &lines, &mut problems);
                }
            }
            Arc::new(lang)
        });
        EN.clone()
    }

    /// Reads a `[language]` table of `file`, reporting malformed cue words.
    pub fn read_cues(
        &mut self,
        file: &str,
        doc: &LanguageDoc,
        lines: &Lines,
        problems: &mut Vec<Problem>,
    ) {
        self.code = doc.code.get_ref().trim().to_string();
        let at = |s: &Spanned<String>| Some(lines.line(s.span().start));
        if self.code.is_empty() {
            problems.push(Problem::error(
                file,
                at(&doc.code),
                Some("[language]".into()),
                "`code` is empty: name the language, e.g. \"en\"".into(),
            ));
        }
        let mut list = |name: &str, items: &[Spanned<String>], phrases: bool| {
            let mut out: Vec<Vec<Box<str>>> = Vec::new();
            // Without question words no message would ask; the other lists may be empty.
            if items.is_empty() && name == "question_words" {
                problems.push(Problem::error(
                    file,
                    at(&doc.code),
                    Some("[language]".into()),
                    format!("`{name}` is empty: list at least one word"),
                ));
            }
            for item in items {
                let raw = item.get_ref();
                let read: Vec<Box<str>> = words(&clean(raw)).map(String::into_boxed_str).collect();
                let plain = read.join(" ");
                let problem = if read.is_empty() {
                    Some("is not a word".to_string())
                } else if !phrases && read.len() > 1 {
                    Some("has several words: list each on its own".to_string())
                } else if plain != raw.trim() {
                    Some(format!(
                        "is read as “{plain}”: write it lower-case, without apostrophes or punctuation"
                    ))
                } else if out.contains(&read) {
                    Some("is listed twice".to_string())
                } else {
                    None
                };
                match problem {
                    Some(p) => problems.push(Problem::error(
                        file,
                        at(item),
                        Some("[language]".into()),
                        format!("{name}: “{raw}” {p}"),
                    )),
                    None => out.push(read),
                }
            }
            out
        };
        let set = |v: Vec<Vec<Box<str>>>| v.into_iter().flatten().collect::<WordSet>();
        self.question_words = set(list("question_words", &doc.question_words, false));
        self.request_words = set(list("request_words", &doc.request_words, false));
        self.request_frames = list("request_frames", &doc.request_frames, true);
        self.embedders = Phrases::new(list("embedders", &doc.embedders, true));
        self.fillers = set(list("fillers", &doc.fillers, false));
        self.conjunctions = set(list("conjunctions", &doc.conjunctions, false));
        self.subordinators = set(list("subordinators", &doc.subordinators, false));
        self.setting_words = set(list("setting_words", &doc.setting_words, false));
        self.interrogatives = set(list("interrogatives", &doc.interrogatives, false));
        self.embedding_verbs = set(list("embedding_verbs", &doc.embedding_verbs, false));
        self.embedding_particles =
            set(list("embedding_particles", &doc.embedding_particles, false));
        self.role_pairs = Phrases::new(list("role_pairs", &doc.role_pairs, true));
        self.references = Phrases::new(list("references", &doc.references, true));
        self.speech_verbs = set(list("speech_verbs", &doc.speech_verbs, false));
        self.second_person = set(list("second_person", &doc.second_person, false));
        self.first_person = set(list("first_person", &doc.first_person, false));
        self.alternatives = set(list("alternatives", &doc.alternatives, false));
        self.help_phrases = Phrases::new(list("help_phrases", &doc.help_phrases, true));
        self.help_words = set(list("help_words", &doc.help_words, false));
        self.both_phrases = Phrases::new(list("both_phrases", &doc.both_phrases, true));
        self.rank_phrases = Phrases::new(list("rank_phrases", &doc.rank_phrases, true));
        self.idioms = Phrases::new(list("idioms", &doc.idioms, true));
        self.same_phrases = Phrases::new(list("same_phrases", &doc.same_phrases, true));
        self.same_words = set(list("same_words", &doc.same_words, false));
        self.people_words = set(list("people_words", &doc.people_words, false));
        self.manage_verbs = set(list("manage_verbs", &doc.manage_verbs, false));
        self.determiners = set(list("determiners", &doc.determiners, false));
        self.claim_verbs = set(list("claim_verbs", &doc.claim_verbs, false));
        self.request_verbs = set(list("request_verbs", &doc.request_verbs, false));
        self.what_is_words = set(list("what_is_words", &doc.what_is_words, false));
        self.speakers = set(list("speakers", &doc.speakers, false));
        self.view_words = set(list("view_words", &doc.view_words, false));
        self.title_modifiers = set(list("title_modifiers", &doc.title_modifiers, false));
        self.quantity_phrases = list("quantity_phrases", &doc.quantity_phrases, true);
        self.method_phrases = list("method_phrases", &doc.method_phrases, true);
        let flat = |v: Vec<Vec<Box<str>>>| v.into_iter().flatten().collect::<Vec<_>>();
        self.compare_words = list("compare_words", &doc.compare_words, true)
            .into_iter()
            .map(|p| p.join(" ").into())
            .collect();
        self.openers = set(list("openers", &doc.openers, false));
        self.judgement_words = set(list("judgement_words", &doc.judgement_words, false));
        self.particles = set(list("particles", &doc.particles, false));
        self.question_openers = set(list("question_openers", &doc.question_openers, false));
        self.structured_optional =
            flat(list("structured_optional", &doc.structured_optional, false));
        self.role_optional = flat(list("role_optional", &doc.role_optional, false));
        self.term_optional = flat(list("term_optional", &doc.term_optional, false));
        self.title_heads = set(list("title_heads", &doc.title_heads, false));
        self.bare_titles = set(list("bare_titles", &doc.bare_titles, false));
        self.neutral_modifiers = set(list("neutral_modifiers", &doc.neutral_modifiers, false));
        self.contact_verbs = set(list("contact_verbs", &doc.contact_verbs, false));
        self.contact_auxiliaries =
            set(list("contact_auxiliaries", &doc.contact_auxiliaries, false));
        self.contact_fillers = set(list("contact_fillers", &doc.contact_fillers, false));
        self.contact_nouns = set(list("contact_nouns", &doc.contact_nouns, false));
        self.here_words = set(list("here_words", &doc.here_words, false));
        self.here_phrases = Phrases::new(list("here_phrases", &doc.here_phrases, true));
        self.which_person = Phrases::new(list("which_person", &doc.which_person, true));
        self.who_embedders = set(list("who_embedders", &doc.who_embedders, false));
        self.clause_fillers = set(list("clause_fillers", &doc.clause_fillers, false));
        self.newcomer_phrases = Phrases::new(list("newcomer_phrases", &doc.newcomer_phrases, true));
        self.aspiring_phrases = Phrases::new(list("aspiring_phrases", &doc.aspiring_phrases, true));
        self.self_fillers = set(list("self_fillers", &doc.self_fillers, false));
        self.onboarding_phrases =
            Phrases::new(list("onboarding_phrases", &doc.onboarding_phrases, true));
        self.new_to = set(list("new_to", &doc.new_to, false));
        self.past_markers = set(list("past_markers", &doc.past_markers, false));
        self.joining_words = set(list("joining_words", &doc.joining_words, false));
        self.recent_words = set(list("recent_words", &doc.recent_words, false));
        self.clock_words = set(list("clock_words", &doc.clock_words, false));
        self.division_subjects = set(list("division_subjects", &doc.division_subjects, false));
        self.division_objects = set(list("division_objects", &doc.division_objects, false));
        self.personal_phrases = Phrases::new(list("personal_phrases", &doc.personal_phrases, true));
        self.framing_suffixes = set(list("framing_suffixes", &doc.framing_suffixes, false))
            .into_iter()
            .collect();
        self.framing_words = list("framing_words", &doc.framing_words, false)
            .into_iter()
            .flatten()
            .collect();
        self.greetings = set(list("greetings", &doc.greetings, false));
        self.signoffs = set(list("signoffs", &doc.signoffs, false));
        self.chatter = set(list("chatter", &doc.chatter, false));
    }

    /// Reads a `[frequency]` table of `file`, reporting bad bands and words.
    pub fn read_frequency(
        &mut self,
        file: &str,
        doc: &FrequencyDoc,
        lines: &Lines,
        problems: &mut Vec<Problem>,
    ) {
        let entry = || Some("[frequency]".to_string());
        if doc.band.is_empty() {
            problems.push(Problem::error(
                file,
                Some(lines.line(doc.language.span().start)),
                entry(),
                "no [[frequency.band]]: list words by how common they are".into(),
            ));
        }
        let mut last = f32::INFINITY;
        for band in &doc.band {
            let z = *band.zipf.get_ref();
            let line = Some(lines.line(band.zipf.span().start));
            if !(0.0..=MAX_ZIPF).contains(&z) || z >= last {
                problems.push(Problem::error(
                    file,
                    line,
                    entry(),
                    format!(
                        "band zipf = {z}: bands go from the most common down, each between 0 and {MAX_ZIPF}"
                    ),
                ));
                continue;
            }
            last = z;
            for w in band.words.split_whitespace() {
                if w.chars().any(|c| !c.is_alphanumeric() || c.is_uppercase()) {
                    problems.push(Problem::error(
                        file,
                        line,
                        entry(),
                        format!("band zipf = {z}: “{w}” is not a lower-case word"),
                    ));
                    continue;
                }
                // A word in two bands keeps the more common one (the first).
                self.zipf.entry(w.into()).or_insert(z);
            }
        }
    }

    /// True when the language has no cue words (no `[language]` table was read).
    pub fn has_cues(&self) -> bool {
        !self.question_words.is_empty()
    }

    /// True when the language has word frequencies.
    pub fn has_frequencies(&self) -> bool {
        !self.zipf.is_empty()
    }

    /// The Zipf frequency of `word`, if the list has it.
    pub fn zipf(&self, word: &str) -> Option<f32> {
        self.zipf.get(word).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_sets_and_phrases_find_words_of_any_letters() {
        // The prefix bits must let through every word listed, whatever its first two
        // characters: one letter, digits, letters beyond a-z.
        let listed = ["q", "über", "x1", "1on1", "hello", "état"];
        let set: WordSet = listed.iter().map(|&w| Box::<str>::from(w)).collect();
        for w in listed {
            assert!(set.contains(w), "{w}");
        }
        for w in ["qq", "hellp", "", "uber", "2on1"] {
            assert!(!set.contains(w), "{w}");
        }
        let phrases = Phrases::new(vec![
            vec!["über".into(), "all".into()],
            vec!["of".into(), "course".into()],
        ]);
        assert_eq!(phrases.span_in(&["so", "über", "all"]), Some((1, 2)));
        assert_eq!(phrases.span_in(&["of", "courses"]), None);
    }

    #[test]
    fn idioms_same_role_phrases_and_yes_or_no() {
        let en = Language::english();
        let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(en.idiom_words(&w("of course one day it is")), [0, 1, 2, 3]);
        assert!(en.idiom_words(&w("which course")).is_empty());
        assert_eq!(en.same_role_span(&w("are they the same job")), Some((3, 2)));
        assert_eq!(en.same_role_span(&w("are they the same")), Some((3, 1)));
        assert_eq!(
            en.same_role_span(&w("is the po the same as the pm")),
            Some((4, 1))
        );
        assert_eq!(en.same_role_span(&w("on the same team")), None);
        assert!(en.asks_yes_no(&w("does a pm need to code")));
        assert!(!en.asks_yes_no(&w("what does a pm need")));
    }

    #[test]
    fn the_shipped_english_has_cues_and_frequencies() {
        let en = Language::english();
        assert_eq!(en.code, "en");
        assert!(en.is_question_word("who") && en.is_question_word("whats"));
        assert!(en.is_chatter("thanks") && en.is_chatter("lol"));
        assert!(en.zipf("the").unwrap() > 7.0);
        assert!(en.zipf("roadmap").unwrap() < en.zipf("exactly").unwrap());
        assert_eq!(en.zipf("xqzv"), None);
    }

    #[test]
    fn asking_clauses_are_recognised() {
        let en = Language::english();
        let asks = |s: &str| en.opens_ask(&s.split(' ').collect::<Vec<_>>());
        assert!(asks("so who owns the backlog"));
        assert!(asks("hey explain the po role"));
        assert!(asks("i was wondering how this works"));
        assert!(!asks("i have been here two weeks"));
        assert!(!asks("thanks a lot"));
    }
}
