//! The on-disk TOML format of knowledge files, as serde reads it.
//!
//! These types mirror `knowledge/README.md`; validation happens in `validate.rs`.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// One knowledge file as written on disk.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileDoc {
    /// Optional metadata: title, source and credit.
    pub meta: Option<MetaDoc>,
    /// Aspects (kinds of facts) defined in this file.
    #[serde(default)]
    pub aspect: Vec<AspectDoc>,
    /// Roles defined in this file.
    #[serde(default)]
    pub role: Vec<RoleDoc>,
    /// Frequently asked questions defined in this file.
    #[serde(default)]
    pub faq: Vec<FaqDoc>,
    /// Glossary terms defined in this file.
    #[serde(default)]
    pub term: Vec<TermDoc>,
    /// Words people use for a word the knowledge uses ("ping" for "ask").
    #[serde(default)]
    pub synonym: Vec<SynonymDoc>,
    /// The onboarding tour (at most one across all files).
    pub tour: Option<TourDoc>,
    /// Teams of the server (the roster).
    #[serde(default)]
    pub team: Vec<TeamDoc>,
    /// Who holds which role here (the roster).
    #[serde(default)]
    pub holder: Vec<HolderDoc>,
    /// How questions are worded in the knowledge's language (at most one across all files).
    pub language: Option<super::language::LanguageDoc>,
    /// How common the language's words are (at most one across all files).
    pub frequency: Option<super::language::FrequencyDoc>,
}

/// `[meta]`: where the file's facts come from.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MetaDoc {
    /// Title of the knowledge (shown in help).
    pub title: Option<String>,
    /// Title of the source document.
    pub source: Option<String>,
    /// Author of the source.
    pub author: Option<String>,
    /// Publisher of the source.
    pub publisher: Option<String>,
    /// Publication date of the source.
    pub date: Option<String>,
    /// Link to the source (the answer's title links to it).
    pub url: Option<String>,
    /// Full credit line, shown in `/help`.
    pub credit: Option<String>,
    /// One-line credit for answer footers ("Source: Quick, KnowledgeHut blog, 2025");
    /// made from author, publisher and date when absent.
    pub short_credit: Option<String>,
    /// Context words that never change which entry matches (e.g. "safe").
    #[serde(default)]
    pub ambient: Vec<String>,
    /// Topics close to this knowledge that rolecall must decline rather than guess at.
    #[serde(default)]
    pub out_of_scope: Vec<String>,
    /// Out-of-scope topics that name a span of time ("sprint"): after "during" or "in"
    /// they only say when something is asked.
    #[serde(default)]
    pub periods: Vec<String>,
}

/// `[[aspect]]`: a kind of fact every role may have.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AspectDoc {
    /// Unique id.
    pub id: Spanned<String>,
    /// Heading shown in answers.
    pub name: String,
    /// Short name for buttons ("metrics").
    pub short: Option<String>,
    /// Shown at a glance: on role cards and whole comparisons (the rest via the menu).
    #[serde(default)]
    pub glance: bool,
    /// Words and phrases people use for this aspect.
    #[serde(default)]
    pub words: Vec<String>,
}

/// `[[role]]`: a role with its facts per aspect.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RoleDoc {
    /// Unique id.
    pub id: Spanned<String>,
    /// Display name.
    pub name: String,
    /// Short name for buttons and comparison rows ("PM").
    pub short: Option<String>,
    /// Other names and abbreviations.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Embed colour as `#rrggbb`.
    pub colour: Option<String>,
    /// One-line summary.
    pub summary: String,
    /// Related entry ids.
    #[serde(default)]
    pub related: Vec<String>,
    /// Fact text per aspect id.
    #[serde(default)]
    pub facts: BTreeMap<String, Spanned<String>>,
}

/// `[[faq]]`: a question with its answer.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FaqDoc {
    /// Unique id.
    pub id: Spanned<String>,
    /// The canonical question.
    pub question: String,
    /// Short title for buttons ("Is the PM above the PO?").
    pub short: Option<String>,
    /// Other ways people ask it.
    #[serde(default)]
    pub phrasings: Vec<String>,
    /// The answer.
    pub answer: String,
    /// Related entry ids.
    #[serde(default)]
    pub related: Vec<String>,
}

/// `[[term]]`: a glossary term.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TermDoc {
    /// Unique id.
    pub id: Spanned<String>,
    /// Display name.
    pub name: String,
    /// Short name for buttons.
    pub short: Option<String>,
    /// Other names and abbreviations.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The definition.
    pub definition: String,
    /// Related entry ids.
    #[serde(default)]
    pub related: Vec<String>,
}

/// `[[synonym]]`: other words and phrases that mean one of the knowledge's own words.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SynonymDoc {
    /// The word the knowledge itself uses (one word).
    pub word: Spanned<String>,
    /// Words and phrases people type that mean the same.
    #[serde(default)]
    pub also: Vec<String>,
}

/// `[tour]`: the onboarding tour's welcome, steps and send-off.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TourDoc {
    /// Title shown on every page of the tour.
    pub title: Spanned<String>,
    /// Text of the first page.
    pub intro: Spanned<String>,
    /// Text of the last page.
    pub outro: Spanned<String>,
    /// `[[tour.step]]`: the steps, in order.
    #[serde(default)]
    pub step: Vec<StepDoc>,
}

/// `[[tour.step]]`: one step of the tour.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StepDoc {
    /// Unique id within the tour.
    pub id: Spanned<String>,
    /// Title of the step.
    pub title: Spanned<String>,
    /// The step's text.
    pub text: Spanned<String>,
    /// Entry ids shown under the text.
    pub show: Option<Spanned<Vec<String>>>,
    /// Also show who holds which role here.
    #[serde(default)]
    pub roster: bool,
    /// `[tour.step.quiz]`: an optional question.
    pub quiz: Option<QuizDoc>,
}

/// `[tour.step.quiz]`: a multiple-choice question.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct QuizDoc {
    /// The question.
    pub question: Spanned<String>,
    /// The choices, shown as buttons.
    pub choices: Spanned<Vec<String>>,
    /// The right choice, 1-based.
    pub answer: Spanned<i64>,
    /// Why the right choice is right.
    pub explain: Spanned<String>,
}

/// `[[team]]`: a team of the server and its channels.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TeamDoc {
    /// Unique id among teams.
    pub id: Spanned<String>,
    /// Display name.
    pub name: Spanned<String>,
    /// Other names people use for the team.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Discord channel ids (strings of digits; anything else is reported, not rejected here).
    #[serde(default)]
    pub channels: Vec<Spanned<toml::Value>>,
}

/// `[[holder]]`: a person holding a role, for one team or for everyone.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct HolderDoc {
    /// Role id.
    pub role: Spanned<String>,
    /// Discord user id (a string of digits; anything else is reported, not rejected here).
    pub user: Spanned<toml::Value>,
    /// Team id, when the role is held for one team.
    pub team: Option<Spanned<String>>,
}
