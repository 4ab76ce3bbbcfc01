//! The language a knowledge is asked in: cue words that say how a message is worded (what
//! opens a question, what is chatter around it) and how common each word is, read from the
//! `[language]` and `[frequency]` tables of the knowledge files. A knowledge without them is
//! read with the shipped English files.

use super::problem::Lines;
use super::Problem;
use crate::normalize::{clean, words};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::sync::{Arc, LazyLock};
use toml::Spanned;

/// `[language]`: the cue words of the language questions are asked in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageDoc {
    /// Language code ("en"); a `[frequency]` table must be for the same language.
    pub code: Spanned<String>,
    /// Words that open a question ("who", "is", "whats").
    #[serde(default)]
    pub question_words: Vec<Spanned<String>>,
    /// Words that open a request ("explain", "tell").
    #[serde(default)]
    pub request_words: Vec<Spanned<String>>,
    /// Phrases that open a request and name no topic ("tell me about").
    #[serde(default)]
    pub request_frames: Vec<Spanned<String>>,
    /// Phrases that embed a question in a sentence ("wondering", "any idea").
    #[serde(default)]
    pub embedders: Vec<Spanned<String>>,
    /// Words that may come before a clause's question word ("and", "so").
    #[serde(default)]
    pub fillers: Vec<Spanned<String>>,
    /// Words that open a new clause inside a sentence ("but").
    #[serde(default)]
    pub conjunctions: Vec<Spanned<String>>,
    /// Question words that ask inside a sentence too ("who" of "if they disagree, who …").
    #[serde(default)]
    pub interrogatives: Vec<Spanned<String>>,
    /// Words that open a condition before a question word ("if" of "if they disagree, who …").
    #[serde(default)]
    pub subordinators: Vec<Spanned<String>>,
    /// Words before a span of time that make it the setting of a question ("during" of
    /// "what does a PO do during a sprint?").
    #[serde(default)]
    pub setting_words: Vec<Spanned<String>>,
    /// Words that embed a question when an interrogative follows ("understand" of "trying
    /// to understand how …").
    #[serde(default)]
    pub embedding_verbs: Vec<Spanned<String>>,
    /// Words that may stand between an embedding verb and its question word ("out" of
    /// "figure out who", "me" of "tell me who").
    #[serde(default)]
    pub embedding_particles: Vec<Spanned<String>>,
    /// Phrases that speak of the roles together without naming them ("these two roles").
    #[serde(default)]
    pub role_pairs: Vec<Spanned<String>>,
    /// Words that point back to what was said before ("they", "these").
    #[serde(default)]
    pub references: Vec<Spanned<String>>,
    /// Verbs that report what someone says or thinks ("says" of "our coach says the PO
    /// …"): the one who says it is not what is asked about.
    #[serde(default)]
    pub speech_verbs: Vec<Spanned<String>>,
    /// Who may make a claim besides a job title ("colleague", "article"): "my *colleague*
    /// says the PO …" asks about the claim.
    #[serde(default)]
    pub speakers: Vec<Spanned<String>>,
    /// Words that ask for a view on what was said ("agree", "opinion"): "… do you agree?"
    /// asks about the sentence before.
    #[serde(default)]
    pub view_words: Vec<Spanned<String>>,
    /// Words that speak to the one answering ("you", "your"): a question holding one
    /// speaks to rolecall itself.
    #[serde(default)]
    pub second_person: Vec<Spanned<String>>,
    /// Words by which the asker speaks of themselves ("I", "my"): "what am I supposed to
    /// work on?" is about the asker, not a role the message names.
    #[serde(default)]
    pub first_person: Vec<Spanned<String>>,
    /// Words that join alternatives of one question ("…, or is it the PM's job?").
    #[serde(default)]
    pub alternatives: Vec<Spanned<String>>,
    /// Phrases that ask what rolecall itself can do ("what can you do", "help").
    #[serde(default)]
    pub help_phrases: Vec<Spanned<String>>,
    /// Words a request for help may hold besides stop words ("commands", "topics").
    #[serde(default)]
    pub help_words: Vec<Spanned<String>>,
    /// Phrases that ask whether one person can hold both roles ("same person", "two hats").
    #[serde(default)]
    pub both_phrases: Vec<Spanned<String>>,
    /// Phrases that ask who ranks higher ("above", "report to", "boss").
    #[serde(default)]
    pub rank_phrases: Vec<Spanned<String>>,
    /// Idioms whose words say nothing of their own ("of course", "one day"): left out of
    /// matching.
    #[serde(default)]
    pub idioms: Vec<Spanned<String>>,
    /// Phrases that ask whether two roles are one ("same job", "interchangeable").
    #[serde(default)]
    pub same_phrases: Vec<Spanned<String>>,
    /// Words that ask it when they close the question or come before "as" or an
    /// alternative ("are they the *same*?", "*identical* or not?").
    #[serde(default)]
    pub same_words: Vec<Spanned<String>>,
    /// Words for the people a role works with ("team", "developers"): a rank over them is
    /// managing, not a rank between roles.
    #[serde(default)]
    pub people_words: Vec<Spanned<String>>,
    /// Verbs of managing ("manage", "lead").
    #[serde(default)]
    pub manage_verbs: Vec<Spanned<String>>,
    /// Small words between a verb and whom it acts on ("manage *the* team").
    #[serde(default)]
    pub determiners: Vec<Spanned<String>>,
    /// Verbs after a role that make a statement a claim ("PMs *earn* more").
    #[serde(default)]
    pub claim_verbs: Vec<Spanned<String>>,
    /// Verbs of a request that, before the role a statement names, make it a request
    /// rather than a claim ("*tell* me the PO …").
    #[serde(default)]
    pub request_verbs: Vec<Spanned<String>>,
    /// Words that ask what something is ("explain", "describe", "overview"), when they
    /// come before the role they are about ("*describe* the PO role", not "should the PO
    /// *describe* the tests?").
    #[serde(default)]
    pub what_is_words: Vec<Spanned<String>>,
    /// Nouns that end a job title ("manager" of "delivery manager"): a title the knowledge
    /// lacks is declined as a role it doesn't cover.
    #[serde(default)]
    pub title_heads: Vec<Spanned<String>>,
    /// Job titles that stand alone ("tester", "CTO"), read as roles only when the
    /// knowledge never uses the word.
    #[serde(default)]
    pub bare_titles: Vec<Spanned<String>>,
    /// Words before a job title that do not make it another role ("a *senior* manager").
    #[serde(default)]
    pub neutral_modifiers: Vec<Spanned<String>>,
    /// Words before a role the knowledge has that make it another job title ("a
    /// *technical* product manager", "*Chief* Product Owner").
    #[serde(default)]
    pub title_modifiers: Vec<Spanned<String>>,
    /// Phrases that ask a quantity ("how much"): of pay, unless a word follows that says of
    /// what ("how much *time*").
    #[serde(default)]
    pub quantity_phrases: Vec<Spanned<String>>,
    /// Phrases opening a question of how to do something ("how do you", "how to"), not
    /// of who does it.
    #[serde(default)]
    pub method_phrases: Vec<Spanned<String>>,
    /// Words and phrases that set things side by side ("vs", "difference", "compare").
    #[serde(default)]
    pub compare_words: Vec<Spanned<String>>,
    /// Words people put before a question ("hey", "ok", "quick question: …").
    #[serde(default)]
    pub openers: Vec<Spanned<String>>,
    /// Words that judge a value ("a *good* churn rate", "an *ideal* MVP"): right before a
    /// term, they ask for a benchmark, not what the term is.
    #[serde(default)]
    pub judgement_words: Vec<Spanned<String>>,
    /// Particles that make the word before them a verb ("figures *out*"): an aspect
    /// word with one after it names no aspect.
    #[serde(default)]
    pub particles: Vec<Spanned<String>>,
    /// Words besides the question words that may open a question ("anyone know …",
    /// "difference between …").
    #[serde(default)]
    pub question_openers: Vec<Spanned<String>>,
    /// Words a question for a role card, fact or comparison may hold without counting
    /// against it ("who").
    #[serde(default)]
    pub structured_optional: Vec<Spanned<String>>,
    /// Words a question for a role card may hold without counting against it
    /// ("overview", "describe").
    #[serde(default)]
    pub role_optional: Vec<Spanned<String>>,
    /// Words a question for a glossary term may hold without counting against it
    /// ("stand", "acronym").
    #[serde(default)]
    pub term_optional: Vec<Spanned<String>>,
    /// Verbs of going to someone with a question ("ask", "ping").
    #[serde(default)]
    pub contact_verbs: Vec<Spanned<String>>,
    /// Words between "who" and the one asking ("who *do* I ask", "who *to* ask").
    #[serde(default)]
    pub contact_auxiliaries: Vec<Spanned<String>>,
    /// Words between the one asking and the verb ("who do I *need to* ask").
    #[serde(default)]
    pub contact_fillers: Vec<Spanned<String>>,
    /// Nouns for the one to go to ("the right *person* to ask").
    #[serde(default)]
    pub contact_nouns: Vec<Spanned<String>>,
    /// Words that make "who" ask for someone here, not a role in general ("our").
    #[serde(default)]
    pub here_words: Vec<Spanned<String>>,
    /// Phrases that do the same ("this team").
    #[serde(default)]
    pub here_phrases: Vec<Spanned<String>>,
    /// Phrases that ask for a person by themselves ("which person").
    #[serde(default)]
    pub which_person: Vec<Spanned<String>>,
    /// Words before an embedded "who" that still make it ask ("any *idea* who").
    #[serde(default)]
    pub who_embedders: Vec<Spanned<String>>,
    /// Words that may come before a clause's "who" or "new" ("and", "btw").
    #[serde(default)]
    pub clause_fillers: Vec<Spanned<String>>,
    /// Phrases a newcomer says about themselves ("just joined", "first day").
    #[serde(default)]
    pub newcomer_phrases: Vec<Spanned<String>>,
    /// Words between "I'm" and "new" ("I'm *pretty* new").
    #[serde(default)]
    pub self_fillers: Vec<Spanned<String>>,
    /// Phrases before a role the asker is heading for ("*becoming a* PO", "*applying
    /// for a* PM job").
    #[serde(default)]
    pub aspiring_phrases: Vec<Spanned<String>>,
    /// Phrases that ask about onboarding itself ("getting started").
    #[serde(default)]
    pub onboarding_phrases: Vec<Spanned<String>>,
    /// What may follow "new to" for it to be about a newcomer ("the", "team").
    #[serde(default)]
    pub new_to: Vec<Spanned<String>>,
    /// Words that put a newcomer's phrase in the past ("*remember* our first week", "on
    /// my first day at my *last* job").
    #[serde(default)]
    pub past_markers: Vec<Spanned<String>>,
    /// Verbs of joining, which with a word of recent time speak as a newcomer ("*started*
    /// on the platform team *today*").
    #[serde(default)]
    pub joining_words: Vec<Spanned<String>>,
    /// Words of recent time ("today", "yesterday").
    #[serde(default)]
    pub recent_words: Vec<Spanned<String>>,
    /// Words that after a number tell the time of day ("2 *pm*"), whatever else they name.
    #[serde(default)]
    pub clock_words: Vec<Spanned<String>>,
    /// Words that ask for a person, opening a question that divides work ("*who* does
    /// what?").
    #[serde(default)]
    pub division_subjects: Vec<Spanned<String>>,
    /// Words that, last in a question asking for a person, divide the work ("who does
    /// *what*?").
    #[serde(default)]
    pub division_objects: Vec<Spanned<String>>,
    /// Phrases that ask the one answering about their own career ("your biggest", "have
    /// you ever"): a knowledge of roles has no experience to tell.
    #[serde(default)]
    pub personal_phrases: Vec<Spanned<String>>,
    /// Words that frame a question and name no topic ("important" of "what are the most
    /// important metrics"): read like stop words.
    #[serde(default)]
    pub framing_words: Vec<Spanned<String>>,
    /// Endings of framing words ("ly" of "exactly").
    #[serde(default)]
    pub framing_suffixes: Vec<Spanned<String>>,
    /// Greetings ("hi", "team"): they open a message before its question.
    #[serde(default)]
    pub greetings: Vec<Spanned<String>>,
    /// Thanks and laughter ("thanks", "lol"): they close a message.
    #[serde(default)]
    pub signoffs: Vec<Spanned<String>>,
    /// Apologies, framing and the small words between them ("sorry", "dumb", "question").
    #[serde(default)]
    pub chatter: Vec<Spanned<String>>,
}

/// `[frequency]`: how common words are, in bands of Zipf frequency.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrequencyDoc {
    /// Language code of the word list.
    pub language: Spanned<String>,
    /// Where the list comes from (with its licence).
    pub source: String,
    /// The bands, most common first.
    #[serde(default)]
    pub band: Vec<BandDoc>,
}

/// `[[frequency.band]]`: the words of one band.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandDoc {
    /// Zipf frequency of the band's words (log10 of uses per billion words).
    pub zipf: Spanned<f32>,
    /// The words, separated by spaces.
    pub words: String,
}

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

    /// True when `word` opens a question.
    pub fn is_question_word(&self, word: &str) -> bool {
        self.question_words.contains(word)
    }

    /// True when the words ask yes or no: they open with a question word that is no
    /// interrogative ("*does* a PM need …", "*is* the PO …").
    pub fn asks_yes_no<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.first_real_word(words)
            .is_some_and(|w| self.is_question_word(w) && !self.interrogatives.contains(w))
    }

    /// True when `word` opens a request.
    pub fn is_request_word(&self, word: &str) -> bool {
        self.request_words.contains(word)
    }

    /// True when `word` is a filler before a clause's question word.
    pub fn is_filler(&self, word: &str) -> bool {
        self.fillers.contains(word)
    }

    /// True when `word` opens a new clause inside a sentence ("but").
    pub fn is_conjunction(&self, word: &str) -> bool {
        self.conjunctions.contains(word)
    }

    /// True when `word`, before a span of time, makes it a question's setting ("during").
    pub fn is_setting_word(&self, word: &str) -> bool {
        self.setting_words.contains(word)
    }

    /// True when `word` opens a condition before a question ("if", "once").
    pub fn is_subordinator(&self, word: &str) -> bool {
        self.subordinators.contains(word)
    }

    /// True when a clause opened by a condition asks: "if the PM and PO disagree who gets
    /// the last word" (a subordinator first, after fillers, and an interrogative later).
    pub fn asks_after_condition(&self, words: &[&str]) -> bool {
        let Some(first) = self.first_content(words) else {
            return false;
        };
        self.is_subordinator(words[first])
            && words[first + 1..]
                .iter()
                .any(|w| self.interrogatives.contains(w))
    }

    /// True when `word` ends like a framing word ("exactly", "basically").
    pub fn is_framing(&self, word: &str) -> bool {
        self.framing_suffixes
            .iter()
            .any(|s| word.len() > s.len() + 2 && word.ends_with(&**s))
    }

    /// Words that frame a question and name no topic ("important", "main").
    pub fn framing_words(&self) -> &[Box<str>] {
        &self.framing_words
    }

    /// True when the words point back to what was said before ("are *they* the same?",
    /// "how do *the two* differ?").
    pub fn refers_back<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.references.held_in(words)
    }

    /// True when the words ask who does which part: a question for a person
    /// (`division_subjects`) whose object, its last word but framing and chatter, is one of
    /// `division_objects` ("who does what?", "who's in charge of what exactly?"). It
    /// divides the work among roles named elsewhere.
    pub fn asks_division<S: AsRef<str>>(&self, words: &[S]) -> bool {
        let word = |i: usize| words[i].as_ref();
        let Some(who) = (0..words.len()).find(|&i| self.division_subjects.contains(word(i))) else {
            return false;
        };
        let last = (0..words.len())
            .rev()
            .find(|&i| !self.is_framing(word(i)) && !self.is_chatter(word(i)));
        last.is_some_and(|l| l > who + 1 && self.division_objects.contains(word(l)))
    }

    /// True when `word` reports what someone says or thinks ("says", "told").
    pub fn is_speech_verb(&self, word: &str) -> bool {
        self.speech_verbs.contains(word)
    }

    /// True when `word` speaks to the one answering ("you", "your").
    pub fn is_second_person(&self, word: &str) -> bool {
        self.second_person.contains(word)
    }

    /// True when `word` is the asker speaking of themselves ("i", "my").
    pub fn is_first_person(&self, word: &str) -> bool {
        self.first_person.contains(word)
    }

    /// True when the words ask what rolecall itself can do ("what can you do").
    pub fn asks_help<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.help_phrases.held_in(words)
    }

    /// True when `word` may be part of a request for help ("commands").
    pub fn is_help_word(&self, word: &str) -> bool {
        self.help_words.contains(word)
    }

    /// True when the words ask whether one person can hold both roles ("same person").
    ///
    /// "Do" that opens a phrase is the verb ("can one person *do both*"), not the
    /// auxiliary of a question ("how *do both* roles work together?", "*do both* report to
    /// the RTE?"), which asks about the two roles.
    pub fn asks_one_person<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.both_phrases.spans(words).any(|(at, _)| {
            let auxiliary = matches!(words[at].as_ref(), "do" | "does" | "did")
                && (at == 0 || self.interrogatives.contains(words[at - 1].as_ref()));
            !auxiliary
        })
    }

    /// True when the words ask who ranks higher ("report to", "boss").
    pub fn asks_rank<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.rank_phrases.held_in(words)
    }

    /// The positions of the words that make up idioms ("of course", "one day"), which
    /// say nothing of their own.
    pub fn idiom_words<S: AsRef<str>>(&self, words: &[S]) -> Vec<usize> {
        let mut out = Vec::new();
        for (at, len) in self.idioms.spans(words) {
            out.extend(at..at + len);
        }
        out
    }

    /// Where the words ask whether two roles are one ("one job or two", "the same
    /// role"): the start and length of the first such phrase.
    pub fn same_role_span<S: AsRef<str>>(&self, words: &[S]) -> Option<(usize, usize)> {
        self.same_phrases.span_in(words).or_else(|| {
            let closes = |i: usize| {
                words
                    .get(i + 1)
                    .is_none_or(|n| n.as_ref() == "as" || self.is_alternative(n.as_ref()))
            };
            (0..words.len())
                .find(|&i| self.same_words.contains(words[i].as_ref()) && closes(i))
                .map(|i| (i, 1))
        })
    }

    /// True when `word` names the people a role works with ("team").
    pub fn is_people_word(&self, word: &str) -> bool {
        self.people_words.contains(word)
    }

    /// True when `word` is a verb of managing ("manage").
    pub fn is_manage_verb(&self, word: &str) -> bool {
        self.manage_verbs.contains(word)
    }

    /// True when `word` is a small word before a noun ("the", "our").
    pub fn is_determiner(&self, word: &str) -> bool {
        self.determiners.contains(word)
    }

    /// True when `word`, after a role, makes a statement a claim ("earns").
    pub fn is_claim_verb(&self, word: &str) -> bool {
        self.claim_verbs.contains(word)
    }

    /// True when `word`, before a role, makes a statement a request ("tell").
    pub fn is_request_verb(&self, word: &str) -> bool {
        self.request_verbs.contains(word)
    }

    /// True when `words` open with a phrase asking how to do something ("how do you").
    pub fn asks_method<S: AsRef<str>>(&self, words: &[S]) -> bool {
        opening(&self.method_phrases, words).is_some()
    }

    /// True when `words` are a phrase asking a quantity ("how much").
    pub fn is_quantity_phrase<S: AsRef<str>>(&self, words: &[S]) -> bool {
        opening(&self.quantity_phrases, words) == Some(words.len())
    }

    /// True when `word`, before a role, makes another job title ("technical", "chief").
    pub fn is_title_modifier(&self, word: &str) -> bool {
        self.title_modifiers.contains(word)
    }

    /// True when `word` asks for a view on what was said ("agree", "opinion").
    pub fn is_view_word(&self, word: &str) -> bool {
        self.view_words.contains(word)
    }

    /// True when `word` names someone who may make a claim ("colleague", "article").
    pub fn is_speaker(&self, word: &str) -> bool {
        self.speakers.contains(word)
    }

    /// True when `word` asks what something is ("explain", "overview").
    pub fn is_what_is_word(&self, word: &str) -> bool {
        self.what_is_words.contains(word)
    }

    /// True when `word` is a verb of going to someone with a question ("ask").
    pub fn is_contact_verb(&self, word: &str) -> bool {
        self.contact_verbs.contains(word)
    }

    /// True when `word` may come between "who" and the one asking ("do").
    pub fn is_contact_auxiliary(&self, word: &str) -> bool {
        self.contact_auxiliaries.contains(word)
    }

    /// True when `word` may come between the one asking and the verb ("need").
    pub fn is_contact_filler(&self, word: &str) -> bool {
        self.contact_fillers.contains(word)
    }

    /// True when `word` names the one to go to ("person").
    pub fn is_contact_noun(&self, word: &str) -> bool {
        self.contact_nouns.contains(word)
    }

    /// True when `word` makes "who" ask for someone here ("our").
    pub fn is_here_word(&self, word: &str) -> bool {
        self.here_words.contains(word)
    }

    /// True when the words hold a phrase that makes "who" ask for someone here.
    pub fn says_here<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.here_phrases.held_in(words)
    }

    /// True when the words ask for a person by themselves ("which person").
    pub fn asks_which_person<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.which_person.held_in(words)
    }

    /// True when `word`, before an embedded "who", still makes it ask ("idea").
    pub fn is_who_embedder(&self, word: &str) -> bool {
        self.who_embedders.contains(word)
    }

    /// True when `word` may come before a clause's "who" or "new" ("btw").
    pub fn is_clause_filler(&self, word: &str) -> bool {
        self.clause_fillers.contains(word)
    }

    /// Where the words hold a phrase before a role the asker is heading for ("becoming"):
    /// the index of the word after it.
    pub fn aspiring_end<S: AsRef<str>>(&self, words: &[S]) -> Option<usize> {
        self.aspiring_phrases
            .span_in(words)
            .map(|(at, len)| at + len)
    }

    /// True when `word` may come between "I'm" and "new" ("pretty").
    pub fn is_self_filler(&self, word: &str) -> bool {
        self.self_fillers.contains(word)
    }

    /// True when the words ask about onboarding itself ("getting started").
    ///
    /// Not onboarding others: "onboarding *new hires*", "onboarding *devs*".
    pub fn asks_onboarding<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.onboarding_phrases.spans(words).any(|(at, len)| {
            let next = words.get(at + len).map_or("", AsRef::as_ref);
            next != "new" && !self.is_people_word(next) && next != "hires"
        })
    }

    /// The start and length of each newcomer's phrase in the words ("first day"), one
    /// after another.
    pub fn newcomer_spans<'w, S: AsRef<str>>(
        &'w self,
        words: &'w [S],
    ) -> impl Iterator<Item = (usize, usize)> + 'w {
        self.newcomer_phrases.spans(words)
    }

    /// True when `word` puts what is said in the past ("remember", "last").
    pub fn is_past_marker(&self, word: &str) -> bool {
        self.past_markers.contains(word)
    }

    /// True when `word`, after a number, tells the time of day ("pm").
    pub fn is_clock_word(&self, word: &str) -> bool {
        self.clock_words.contains(word)
    }

    /// True when `word` is a verb of joining ("started").
    pub fn is_joining_word(&self, word: &str) -> bool {
        self.joining_words.contains(word)
    }

    /// True when the words hold a verb of joining and a word of recent time ("started …
    /// today").
    pub fn says_joined_recently<S: AsRef<str>>(&self, words: &[S]) -> bool {
        words
            .iter()
            .any(|w| self.joining_words.contains(w.as_ref()))
            && words.iter().any(|w| self.recent_words.contains(w.as_ref()))
    }

    /// True when `word` may follow "new to" for it to be about a newcomer ("team").
    pub fn is_new_to(&self, word: &str) -> bool {
        self.new_to.contains(word)
    }

    /// The nouns that end a job title ("manager", "engineer").
    pub fn title_heads(&self) -> impl Iterator<Item = &str> {
        self.title_heads.iter().map(|w| &**w)
    }

    /// True when `word` is a particle that makes the word before it a verb ("out").
    pub fn is_particle(&self, word: &str) -> bool {
        self.particles.contains(word)
    }

    /// True when `word` judges a value ("good", "ideal").
    pub fn is_judgement_word(&self, word: &str) -> bool {
        self.judgement_words.contains(word)
    }

    /// True when `word` may come before a question ("hey", "ok").
    pub fn is_opener(&self, word: &str) -> bool {
        self.openers.contains(word)
    }

    /// True when `word` may open a question: a question word, or another word that can
    /// ("anyone", "difference").
    pub fn opens_question(&self, word: &str) -> bool {
        self.is_question_word(word) || self.question_openers.contains(word)
    }

    /// The first of `words` that is not an opener ("hey", "ok so"), if any.
    pub fn first_real_word<'a, S: AsRef<str>>(&self, words: &'a [S]) -> Option<&'a str> {
        words.iter().map(AsRef::as_ref).find(|w| !self.is_opener(w))
    }

    /// The words and phrases that set things side by side ("vs", "difference").
    pub fn compare_words(&self) -> impl Iterator<Item = &str> {
        self.compare_words.iter().map(|w| &**w)
    }

    /// The words any structured answer (role card, fact, comparison) accepts ("who").
    pub fn structured_optional(&self) -> impl Iterator<Item = &str> {
        self.structured_optional.iter().map(|w| &**w)
    }

    /// The words a role card accepts ("overview").
    pub fn role_optional(&self) -> impl Iterator<Item = &str> {
        self.role_optional.iter().map(|w| &**w)
    }

    /// The words a glossary term accepts ("acronym").
    pub fn term_optional(&self) -> impl Iterator<Item = &str> {
        self.term_optional.iter().map(|w| &**w)
    }

    /// The job titles that stand alone ("tester", "cto").
    pub fn bare_titles(&self) -> impl Iterator<Item = &str> {
        self.bare_titles.iter().map(|w| &**w)
    }

    /// True when `word` before a job title does not make it another role ("senior").
    pub fn is_neutral_modifier(&self, word: &str) -> bool {
        self.neutral_modifiers.contains(word)
    }

    /// True when `word` joins alternatives of one question ("or").
    pub fn is_alternative(&self, word: &str) -> bool {
        self.alternatives.contains(word)
    }

    /// True when the words ask the one answering about their own experience ("what is
    /// your biggest strength as a PO", "have you ever …").
    pub fn asks_personal(&self, words: &[&str]) -> bool {
        self.personal_phrases.held_in(words)
    }

    /// True when `word` is a greeting or addresses people ("hey", "team").
    pub fn is_greeting(&self, word: &str) -> bool {
        self.greetings.contains(word) || self.signoffs.contains(word)
    }

    /// True when `word` is thanks or laughter ("thanks", "lol").
    pub fn is_signoff(&self, word: &str) -> bool {
        self.signoffs.contains(word)
    }

    /// True when `word` is chatter of any kind (greeting, sign-off, apology, framing).
    pub fn is_chatter(&self, word: &str) -> bool {
        self.chatter.contains(word) || self.greetings.contains(word) || self.signoffs.contains(word)
    }

    /// True when every word is chatter or a filler.
    pub fn all_chatter(&self, words: &[&str]) -> bool {
        words.iter().all(|w| {
            self.is_chatter(w) || self.is_filler(w) || !w.chars().any(char::is_alphanumeric)
        })
    }

    /// True when a clause's words ask: after fillers and greetings, a question word or a
    /// request word opens it, or it holds a phrase that embeds a question.
    pub fn opens_ask(&self, words: &[&str]) -> bool {
        self.opened_by_question(words) || self.embeds(words)
    }

    /// Where a clause's words start after fillers and greetings ("so hey | who …").
    fn first_content(&self, words: &[&str]) -> Option<usize> {
        words
            .iter()
            .position(|w| !self.is_filler(w) && !self.is_greeting(w))
    }

    /// True when a question or request word opens the words, after fillers and greetings.
    pub fn opened_by_question(&self, words: &[&str]) -> bool {
        self.first_content(words)
            .is_some_and(|i| self.is_question_word(words[i]) || self.is_request_word(words[i]))
    }

    /// How many of the first words make a request frame ("tell me about"), if they do,
    /// with the polite words that may come before it ("could you *please* walk me
    /// through"): modal verbs, "you", "someone" and chatter such as "please".
    pub fn request_frame(&self, words: &[&str]) -> Option<usize> {
        let polite = |w: &&&str| {
            self.is_contact_auxiliary(w)
                || self.is_second_person(w)
                || self.is_contact_noun(w)
                || self.is_chatter(w)
        };
        let prelude = words
            .iter()
            .take(REQUEST_PRELUDE)
            .take_while(polite)
            .count();
        (0..=prelude).find_map(|p| opening(&self.request_frames, &words[p..]).map(|n| p + n))
    }

    /// True when the words speak of the roles together without naming them ("how do
    /// these two roles work together").
    pub fn names_role_pair(&self, words: &[&str]) -> bool {
        self.role_pairs.held_in(words)
    }

    /// Where the question a verb embeds starts: the interrogative after an embedding verb
    /// ("understanding | how …", "figure out | who …").
    fn verb_embeds_at(&self, words: &[&str]) -> Option<usize> {
        (0..words.len().saturating_sub(1)).find_map(|j| {
            let e = j + 1 + usize::from(self.embedding_particles.contains(words[j + 1]));
            (self.embedding_verbs.contains(words[j])
                && words
                    .get(e)
                    .is_some_and(|w| self.interrogatives.contains(w)))
            .then_some(e)
        })
    }

    /// Where the question a phrase embeds starts ("i was wondering | who owns …"): the
    /// word after the first embedder, when a question or request word opens what follows.
    pub fn embedded_start(&self, words: &[&str]) -> Option<usize> {
        let verb = self.verb_embeds_at(words);
        let phrase = (0..words.len()).find_map(|j| {
            let p = self.embedders.list.iter().find(|p| {
                words.len() > j + p.len()
                    && words[j..].iter().zip(p.iter()).all(|(a, b)| *a == &**b)
            })?;
            let e = j + p.len();
            (self.is_question_word(words[e]) || self.is_request_word(words[e])).then_some(e)
        });
        match (phrase, verb) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// True when the words hold a phrase that embeds a question ("any idea", "wondering"),
    /// or a verb that does with an interrogative after it ("understanding how").
    pub fn embeds(&self, words: &[&str]) -> bool {
        self.embedders.held_in(words) || self.verb_embeds_at(words).is_some()
    }
}

/// How many words the longest of `phrases` that opens `words` has, if one does.
/// Most polite words before a request frame ("could you please …").
const REQUEST_PRELUDE: usize = 3;

fn opening<S: AsRef<str>>(phrases: &[Vec<Box<str>>], words: &[S]) -> Option<usize> {
    phrases
        .iter()
        .filter(|p| p.len() <= words.len() && p.iter().zip(words).all(|(a, b)| **a == *b.as_ref()))
        .map(Vec::len)
        .max()
}

/// Phrases of a cue list, as words, found in a message by their first word: one look-up
/// per word of the message instead of one comparison per phrase and word.
/// A set of words, with the [`Phrases::prefix`] bit of each: most words looked up are in
/// no list, and testing a bit spares hashing them.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct WordSet {
    words: FxHashSet<Box<str>>,
    prefixes: [u64; PREFIX_WORDS],
}

impl WordSet {
    /// The words, in no order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Box<str>> {
        self.words.iter()
    }

    /// True when the set has no word.
    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// True when `word` is in the set.
    pub(crate) fn contains(&self, word: &str) -> bool {
        let bit = Phrases::prefix(word);
        self.prefixes[bit / 64] & (1 << (bit % 64)) != 0 && self.words.contains(word)
    }
}

impl IntoIterator for WordSet {
    type Item = Box<str>;
    type IntoIter = std::collections::hash_set::IntoIter<Box<str>>;
    fn into_iter(self) -> Self::IntoIter {
        self.words.into_iter()
    }
}

impl FromIterator<Box<str>> for WordSet {
    fn from_iter<I: IntoIterator<Item = Box<str>>>(iter: I) -> WordSet {
        let mut set = WordSet::default();
        for word in iter {
            let bit = Phrases::prefix(&word);
            set.prefixes[bit / 64] |= 1 << (bit % 64);
            set.words.insert(word);
        }
        set
    }
}

#[derive(Debug, Clone, Default)]
struct Phrases {
    /// The phrases, in the order the file lists them.
    list: Vec<Vec<Box<str>>>,
    /// First word → the phrases (indices into `list`) that start with it.
    by_first: FxHashMap<Box<str>, Vec<u32>>,
    /// The first two letters of each first word, one bit each ([`Phrases::prefix`]):
    /// most words of a question start no phrase, and testing a bit spares hashing them.
    prefixes: [u64; PREFIX_WORDS],
}

/// Letters of a word's prefix in [`Phrases::prefixes`]: `a`–`z`, and one for the rest.
const PREFIX_LETTERS: usize = 27;
/// `u64`s holding one bit per two-letter prefix.
const PREFIX_WORDS: usize = (PREFIX_LETTERS * PREFIX_LETTERS).div_ceil(64);

/// Two cue lists are the same when they list the same phrases (the index follows).
impl PartialEq for Phrases {
    fn eq(&self, other: &Phrases) -> bool {
        self.list == other.list
    }
}

impl Phrases {
    /// Indexes `list` by first word.
    fn new(list: Vec<Vec<Box<str>>>) -> Phrases {
        let mut by_first: FxHashMap<Box<str>, Vec<u32>> = FxHashMap::default();
        let mut prefixes = [0u64; PREFIX_WORDS];
        for (i, p) in list.iter().enumerate() {
            if let Some(first) = p.first() {
                by_first.entry(first.clone()).or_default().push(i as u32);
                let bit = Phrases::prefix(first);
                prefixes[bit / 64] |= 1 << (bit % 64);
            }
        }
        Phrases {
            list,
            by_first,
            prefixes,
        }
    }

    /// The bit of a word's first two letters (`a`–`z`, anything else alike).
    fn prefix(word: &str) -> usize {
        let letter = |i: usize| {
            word.as_bytes()
                .get(i)
                .filter(|b| b.is_ascii_lowercase())
                .map_or(PREFIX_LETTERS - 1, |b| usize::from(b - b'a'))
        };
        letter(0) * PREFIX_LETTERS + letter(1)
    }

    /// False when no phrase can start with `word` (its prefix starts none).
    fn may_start(&self, word: &str) -> bool {
        let bit = Phrases::prefix(word);
        self.prefixes[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// True when one of the phrases occurs in `words`.
    fn held_in<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.span_in(words).is_some()
    }

    /// The start and length of each phrase that occurs in `words`, one after another
    /// (the search goes on after each).
    fn spans<'w, S: AsRef<str>>(
        &'w self,
        words: &'w [S],
    ) -> impl Iterator<Item = (usize, usize)> + 'w {
        let mut from = 0;
        std::iter::from_fn(move || {
            let (at, len) = self.span_in(&words[from..])?;
            let at = from + at;
            from = at + len;
            Some((at, len))
        })
    }

    /// The start and length (in words) of the first phrase that occurs in `words`.
    fn span_in<S: AsRef<str>>(&self, words: &[S]) -> Option<(usize, usize)> {
        words.iter().enumerate().find_map(|(i, w)| {
            if !self.may_start(w.as_ref()) {
                return None;
            }
            let found = self.by_first.get(w.as_ref())?;
            found.iter().find_map(|&p| {
                let p = &self.list[p as usize];
                let held = words.len() >= i + p.len()
                    && words[i + 1..i + p.len()]
                        .iter()
                        .zip(&p[1..])
                        .all(|(a, b)| a.as_ref() == &**b);
                held.then_some((i, p.len()))
            })
        })
    }
}

/// Only the language tables of a shipped file (the rest is read by validation).
#[derive(Deserialize)]
struct ShippedDoc {
    language: Option<LanguageDoc>,
    frequency: Option<FrequencyDoc>,
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
