//! A reply as a Discord embed object, always within Discord's limits.

use crate::limits::{self, chars};
use crate::people::spell_mentions;
use crate::reply::{slash, spell_commands, Field, Overflow, Reply};
use serde::Serialize;

/// A Discord embed field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EmbedField {
    /// Name (1–256 characters).
    pub name: String,
    /// Value (1–1024 characters).
    pub value: String,
    /// Side by side with neighbours.
    pub inline: bool,
}

/// A Discord embed footer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EmbedFooter {
    /// Text (up to 2048 characters).
    pub text: String,
}

/// A Discord embed, as sent in a message or interaction response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Embed {
    /// Title (up to 256 characters).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Link of the title (the answer's source).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Description (up to 4096 characters).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Colour as 0xRRGGBB.
    pub color: u32,
    /// Up to 25 fields.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<EmbedField>,
    /// Footer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub footer: Option<EmbedFooter>,
}

/// Text shown in place of an empty field name or value (Discord rejects empty ones).
const BLANK: &str = "\u{200b}";

impl Embed {
    /// Builds the embed for a reply: comparison rows become fields after the reply's own,
    /// then the whole is fitted to Discord's limits ([`Reply::fit_to_discord`], trailing
    /// fields first).
    pub fn from_reply(reply: &Reply) -> Embed {
        let non_empty = |s: String| {
            if s.trim().is_empty() {
                BLANK.to_string()
            } else {
                s
            }
        };
        // People are spelled as Discord mentions and commands as Discord shows them (as
        // many characters as the reply's own forms); a blank name or value is sent as one
        // invisible character: count it so.
        let discord = |text: &str| {
            spell_commands(&spell_mentions(text, |user| format!("<@{user}>")), slash).into_owned()
        };
        // Only what the embed shows is copied: not the reply's offers, menu or people.
        let mut r = Reply::plain(
            reply.kind,
            discord(&reply.title),
            discord(&reply.description),
            reply.colour,
            discord(&reply.footer),
        );
        r.url.clone_from(&reply.url);
        r.fields = reply
            .fields
            .iter()
            .map(|f| (discord(&f.name), discord(&f.value), f.inline))
            .chain(
                reply
                    .rows
                    .iter()
                    .map(|row| (row.name.clone(), row.value(), false)),
            )
            .map(|(name, value, inline)| Field {
                name: non_empty(name),
                value: non_empty(value),
                inline,
            })
            .collect();
        r.fit_to_discord(Overflow::LastFields);
        Embed {
            url: r.url.filter(|_| !r.title.is_empty()),
            title: r.title,
            description: r.description,
            color: r.colour & 0xFF_FF_FF,
            fields: r
                .fields
                .into_iter()
                .map(|f| EmbedField {
                    name: f.name,
                    value: f.value,
                    inline: f.inline,
                })
                .collect(),
            footer: (!r.footer.trim().is_empty()).then_some(EmbedFooter { text: r.footer }),
        }
    }

    /// Characters that count towards Discord's 6000 total.
    pub fn total_chars(&self) -> usize {
        let fields = self
            .fields
            .iter()
            .map(|f| (f.name.as_str(), f.value.as_str()));
        let footer = self.footer.as_ref().map_or("", |f| f.text.as_str());
        limits::embed_chars(&self.title, &self.description, footer, fields)
    }

    /// True when every Discord limit holds (used by tests and checks).
    pub fn within_limits(&self) -> bool {
        chars(&self.title) <= limits::TITLE
            && chars(&self.description) <= limits::DESCRIPTION
            && self.fields.len() <= limits::FIELDS
            && self.fields.iter().all(|f| {
                (1..=limits::FIELD_NAME).contains(&chars(&f.name))
                    && (1..=limits::FIELD_VALUE).contains(&chars(&f.value))
            })
            && self
                .footer
                .as_ref()
                .is_none_or(|f| chars(&f.text) <= limits::FOOTER_TEXT)
            && self.total_chars() <= limits::TOTAL
    }
}
