//! The on-disk TOML format of knowledge files, as serde reads it.
//!
//! These types mirror `knowledge/README.md`; validation happens in `validate.rs`.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// One knowledge file as written on disk.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileDoc {
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
}

/// `[meta]`: where the file's facts come from.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetaDoc {
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
}

/// `[[aspect]]`: a kind of fact every role may have.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AspectDoc {
    /// Unique id.
    pub id: Spanned<String>,
    /// Heading shown in answers.
    pub name: String,
    /// Short name for buttons ("metrics").
    pub short: Option<String>,
    /// Words and phrases people use for this aspect.
    #[serde(default)]
    pub words: Vec<String>,
}

/// `[[role]]`: a role with its facts per aspect.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleDoc {
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
pub struct FaqDoc {
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
pub struct TermDoc {
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
pub struct SynonymDoc {
    /// The word the knowledge itself uses (one word).
    pub word: Spanned<String>,
    /// Words and phrases people type that mean the same.
    #[serde(default)]
    pub also: Vec<String>,
}
