//! The `[language]` and `[frequency]` tables as they are written in a knowledge file.

use serde::Deserialize;
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

/// Only the language tables of a shipped file (the rest is read by validation).
#[derive(Deserialize)]
pub(super) struct ShippedDoc {
    pub(super) language: Option<LanguageDoc>,
    pub(super) frequency: Option<FrequencyDoc>,
}
