//! A reply as a Discord embed object, always within Discord's limits.

use crate::limits::{self, chars, truncate};
use crate::reply::Reply;
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
    /// Builds the embed for a reply, truncating by characters to fit every limit.
    pub fn from_reply(reply: &Reply) -> Embed {
        let non_empty = |s: String| {
            if s.trim().is_empty() {
                BLANK.to_string()
            } else {
                s
            }
        };
        let rows = reply
            .rows
            .iter()
            .map(|r| (r.name.clone(), r.value(), false));
        let fields = reply
            .fields
            .iter()
            .map(|f| (f.name.clone(), f.value.clone(), f.inline))
            .chain(rows)
            .take(limits::FIELDS)
            .map(|(name, value, inline)| EmbedField {
                name: non_empty(truncate(&name, limits::FIELD_NAME)),
                value: non_empty(truncate(&value, limits::FIELD_VALUE)),
                inline,
            })
            .collect();
        let footer = truncate(&reply.footer, limits::FOOTER_TEXT);
        let mut embed = Embed {
            title: truncate(&reply.title, limits::TITLE),
            url: reply.url.clone().filter(|_| !reply.title.is_empty()),
            description: truncate(&reply.description, limits::DESCRIPTION),
            color: reply.colour & 0xFF_FF_FF,
            fields,
            footer: (!footer.trim().is_empty()).then_some(EmbedFooter { text: footer }),
        };
        embed.fit_total();
        embed
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

    /// Shrinks the description, then drops trailing fields, until the total fits.
    fn fit_total(&mut self) {
        let over = self.total_chars().saturating_sub(limits::TOTAL);
        if over > 0 && !self.description.is_empty() {
            let keep = chars(&self.description).saturating_sub(over).max(1);
            self.description = truncate(&self.description, keep);
        }
        while self.total_chars() > limits::TOTAL && !self.fields.is_empty() {
            self.fields.pop();
        }
        if self.total_chars() > limits::TOTAL {
            let over = self.total_chars() - limits::TOTAL;
            if let Some(f) = &mut self.footer {
                let keep = chars(&f.text).saturating_sub(over).max(1);
                f.text = truncate(&f.text, keep);
            }
        }
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
