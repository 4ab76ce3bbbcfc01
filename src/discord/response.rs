//! What the bot sends, as plain data, and its conversion to serenity builders.
//!
//! Handlers build a [`Response`]; only [`Response::to_interaction`] and
//! [`Response::to_message`] know serenity's builders. Both always set empty allowed
//! mentions, so nothing the bot sends can ping anyone. A reply to a message carries the
//! question's id as an enforced nonce, so sending it again after a broken connection can
//! never post a second copy (Discord returns the one already created).

use crate::render::limits::{truncate, BUTTON_LABEL, CONTENT, CUSTOM_ID};
use crate::render::Embed;
use crate::reply::{Offer, Reply};
use serenity::all::{
    ButtonStyle, ChannelId, CreateActionRow, CreateAllowedMentions, CreateButton, CreateEmbed,
    CreateEmbedFooter, CreateInteractionResponse, CreateInteractionResponseMessage, CreateMessage,
    MessageId, MessageReference, Nonce,
};

/// Prefix of every custom id rolecall puts on a button.
pub const CUSTOM_ID_PREFIX: &str = "rc:ans:";

/// What a button does when clicked: answer `entry`, asked originally by `asker`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ButtonId {
    /// User id of whoever asked the question the button sits under.
    pub asker: u64,
    /// Entry id to answer.
    pub entry: String,
}

impl ButtonId {
    /// The custom id `rc:ans:<asker>:<entry>`, or `None` when it would exceed 100 characters.
    pub fn encode(&self) -> Option<String> {
        let id = format!("{CUSTOM_ID_PREFIX}{}:{}", self.asker, self.entry);
        (id.chars().count() <= CUSTOM_ID).then_some(id)
    }

    /// Reads a custom id made by [`ButtonId::encode`]; `None` for anything else.
    pub fn parse(custom_id: &str) -> Option<ButtonId> {
        let rest = custom_id.strip_prefix(CUSTOM_ID_PREFIX)?;
        let (asker, entry) = rest.split_once(':')?;
        let asker = asker.parse().ok()?;
        (!entry.is_empty()).then(|| ButtonId {
            asker,
            entry: entry.to_string(),
        })
    }
}

/// Why a button is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ButtonKind {
    /// "Did you mean" suggestion.
    Suggestion,
    /// Related entry under an answer.
    Related,
}

/// A button that answers an entry when clicked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    /// Custom id (`rc:ans:<asker>:<entry>`, at most 100 characters).
    pub custom_id: String,
    /// Label (at most 80 characters).
    pub label: String,
    /// Suggestion or related.
    pub kind: ButtonKind,
}

/// A response, independent of whether it goes to an interaction or a channel.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// Plain text above the embed, if any.
    pub content: Option<String>,
    /// The embed, if any.
    pub embed: Option<Embed>,
    /// Buttons, at most 5 (one action row).
    pub buttons: Vec<Button>,
    /// Only the user who asked sees it (interactions only).
    pub ephemeral: bool,
    /// Entry answered (for logs and the cooldown).
    pub entry: Option<String>,
    /// Confidence of the match (1 for direct look-ups).
    pub confidence: f32,
    /// What the per-channel cooldown tracks: the entry, or the suggestions offered.
    pub cooldown_key: Option<String>,
}

impl Response {
    /// The response for a core reply: embed plus suggestion or related buttons for `asker`.
    pub fn from_reply(reply: &Reply, asker: u64) -> Response {
        let (offers, kind) = if reply.suggestions.is_empty() {
            (&reply.related, ButtonKind::Related)
        } else {
            (&reply.suggestions, ButtonKind::Suggestion)
        };
        let buttons = buttons(offers, kind, asker);
        let cooldown_key = match (&reply.entry, reply.suggestions.is_empty()) {
            (Some(entry), _) => Some(entry.clone()),
            (None, false) => Some(format!(
                "?{}",
                reply
                    .suggestions
                    .iter()
                    .map(|o| o.entry.as_str())
                    .collect::<Vec<_>>()
                    .join(",")
            )),
            (None, true) => None,
        };
        Response {
            content: None,
            embed: Some(Embed::from_reply(reply)),
            buttons,
            ephemeral: false,
            entry: reply.entry.clone(),
            confidence: reply.confidence,
            cooldown_key,
        }
    }

    /// A short ephemeral text message (errors, stale buttons, limits).
    pub fn notice(text: &str) -> Response {
        Response {
            content: Some(truncate(text, CONTENT)),
            embed: None,
            buttons: Vec::new(),
            ephemeral: true,
            entry: None,
            confidence: 0.0,
            cooldown_key: None,
        }
    }

    /// Makes the response ephemeral (or not).
    pub fn private(mut self, private: bool) -> Response {
        self.ephemeral = private;
        self
    }

    /// The serenity embed builder for the embed, if any.
    pub fn create_embed(&self) -> Option<CreateEmbed> {
        self.embed.as_ref().map(create_embed)
    }

    /// The action row holding the buttons, if any.
    pub fn action_rows(&self) -> Vec<CreateActionRow> {
        if self.buttons.is_empty() {
            return Vec::new();
        }
        let buttons = self
            .buttons
            .iter()
            .take(5)
            .map(|b| {
                CreateButton::new(b.custom_id.clone())
                    .label(b.label.clone())
                    .style(match b.kind {
                        ButtonKind::Suggestion => ButtonStyle::Primary,
                        ButtonKind::Related => ButtonStyle::Secondary,
                    })
            })
            .collect();
        vec![CreateActionRow::Buttons(buttons)]
    }

    /// The interaction response message (type 4), allowed mentions empty.
    pub fn to_interaction_message(&self) -> CreateInteractionResponseMessage {
        let mut m = CreateInteractionResponseMessage::new()
            .allowed_mentions(CreateAllowedMentions::new())
            .ephemeral(self.ephemeral);
        if let Some(content) = &self.content {
            m = m.content(content.clone());
        }
        if let Some(embed) = self.create_embed() {
            m = m.embed(embed);
        }
        if !self.buttons.is_empty() {
            m = m.components(self.action_rows());
        }
        m
    }

    /// The response to an interaction: a message, sent at once.
    pub fn to_interaction(&self) -> CreateInteractionResponse {
        CreateInteractionResponse::Message(self.to_interaction_message())
    }

    /// A channel message replying to `reply_to`, allowed mentions empty (no reply ping),
    /// with the question's id as an enforced nonce (so a resend cannot post a second copy).
    pub fn to_message(&self, reply_to: Option<(ChannelId, MessageId)>) -> CreateMessage {
        let mut m =
            CreateMessage::new().allowed_mentions(CreateAllowedMentions::new().replied_user(false));
        if let Some((channel, message)) = reply_to {
            let mut reference = MessageReference::from((channel, message));
            reference.fail_if_not_exists = Some(false);
            m = m
                .reference_message(reference)
                .nonce(Nonce::String(message.get().to_string()))
                .enforce_nonce(true);
        }
        if let Some(content) = &self.content {
            m = m.content(content.clone());
        }
        if let Some(embed) = self.create_embed() {
            m = m.embed(embed);
        }
        if !self.buttons.is_empty() {
            m = m.components(self.action_rows());
        }
        m
    }
}

/// Buttons for up to three offers; offers whose custom id would be too long are left out.
pub fn buttons(offers: &[Offer], kind: ButtonKind, asker: u64) -> Vec<Button> {
    offers
        .iter()
        .take(crate::reply::MAX_OFFERS)
        .filter_map(|o| {
            let custom_id = ButtonId {
                asker,
                entry: o.entry.clone(),
            }
            .encode()?;
            Some(Button {
                custom_id,
                label: truncate(&o.title, BUTTON_LABEL),
                kind,
            })
        })
        .collect()
}

/// Converts a core embed (already within Discord's limits) to serenity's builder.
pub fn create_embed(embed: &Embed) -> CreateEmbed {
    let mut e = CreateEmbed::new().colour(embed.color);
    if !embed.title.is_empty() {
        e = e.title(embed.title.clone());
    }
    if !embed.description.is_empty() {
        e = e.description(embed.description.clone());
    }
    for f in &embed.fields {
        e = e.field(f.name.clone(), f.value.clone(), f.inline);
    }
    if let Some(footer) = &embed.footer {
        e = e.footer(CreateEmbedFooter::new(footer.text.clone()));
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_ids_round_trip() {
        let b = ButtonId {
            asker: 42,
            entry: "pm+po.owns".into(),
        };
        let id = b.encode().unwrap();
        assert_eq!(id, "rc:ans:42:pm+po.owns");
        assert_eq!(ButtonId::parse(&id), Some(b));
    }

    #[test]
    fn foreign_or_broken_custom_ids_are_rejected() {
        for id in [
            "",
            "rc:ans:",
            "rc:ans:x:pm",
            "rc:ans:1:",
            "other:1:pm",
            "rc:ans:1",
        ] {
            assert_eq!(ButtonId::parse(id), None, "{id}");
        }
    }

    #[test]
    fn over_long_custom_ids_are_not_made() {
        let long = ButtonId {
            asker: u64::MAX,
            entry: "x".repeat(80),
        };
        assert_eq!(long.encode(), None);
        let fits = ButtonId {
            asker: u64::MAX,
            entry: "x".repeat(100 - 28),
        };
        assert_eq!(fits.encode().map(|s| s.chars().count()), Some(100));
    }

    #[test]
    fn notices_are_ephemeral_text() {
        let r = Response::notice("hello");
        assert!(r.ephemeral);
        assert_eq!(r.content.as_deref(), Some("hello"));
        assert!(r.embed.is_none() && r.buttons.is_empty());
    }

    #[test]
    fn every_builder_sets_empty_allowed_mentions() {
        let r = Response::notice("@everyone hi");
        let i = serde_json::to_value(r.to_interaction()).unwrap();
        assert_eq!(
            i["data"]["allowed_mentions"]["parse"],
            serde_json::json!([])
        );
        let m = serde_json::to_value(r.to_message(None)).unwrap();
        assert_eq!(m["allowed_mentions"]["parse"], serde_json::json!([]));
        assert_eq!(
            m["allowed_mentions"]["replied_user"],
            serde_json::json!(false)
        );
    }

    #[test]
    fn a_reply_to_a_message_carries_its_id_as_an_enforced_nonce() {
        let r = Response::notice("hi");
        let to = (ChannelId::new(5), MessageId::new(1_234_567_890_123_456_789));
        let m = serde_json::to_value(r.to_message(Some(to))).unwrap();
        assert_eq!(m["nonce"], "1234567890123456789");
        assert_eq!(m["enforce_nonce"], true);
        assert_eq!(m["message_reference"]["message_id"], "1234567890123456789");
        let plain = serde_json::to_value(r.to_message(None)).unwrap();
        assert!(plain.get("nonce").is_none());
    }
}
