//! What the bot sends, as plain data, and its conversion to serenity builders.
//!
//! Handlers build a [`Response`]; only [`Response::to_interaction`] and
//! [`Response::to_message`] know serenity's builders. Components go in action rows: the
//! aspect menu (a string select) alone in the first, then buttons (suggestions and "None of
//! these", example questions, related entries, or a tour page's choices and Back / Next),
//! up to five a row and five rows in all. Both always set empty allowed mentions, so nothing
//! the bot sends can ping anyone; the one exception is a greeting, which may ping the new
//! member it greets ([`Response::ping`]). A reply to a message carries the
//! question's id as an enforced nonce, so sending it again after a broken connection can
//! never post a second copy (Discord returns the one already created).

mod components;
mod custom_id;
#[cfg(test)]
mod tests;

pub use components::*;
pub use custom_id::*;

use rolecall_core::limits::{truncate, CONTENT};
use rolecall_core::render::Embed;
use rolecall_core::reply::Reply;
use serenity::all::{
    ChannelId, CreateActionRow, CreateAllowedMentions, CreateAttachment, CreateButton, CreateEmbed,
    CreateEmbedFooter, CreateInteractionResponse, CreateInteractionResponseMessage, CreateMessage,
    MessageId, MessageReference, Nonce, UserId,
};

/// A response, independent of whether it goes to an interaction or a channel.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// Plain text above the embed, if any.
    pub content: Option<String>,
    /// The embed, if any.
    pub embed: Option<Embed>,
    /// The aspect menu, in its own action row above the buttons.
    pub select: Option<Select>,
    /// Buttons, grouped in rows by [`Button::row`] (at most 5 a row).
    pub buttons: Vec<Button>,
    /// Only the user who asked sees it (interactions only).
    pub ephemeral: bool,
    /// Entry answered (for logs and the cooldown).
    pub entry: Option<String>,
    /// Confidence of the match (1 for direct look-ups).
    pub confidence: f32,
    /// What the per-channel cooldown tracks: the entry, or the suggestions offered.
    pub cooldown_key: Option<String>,
    /// Replaces the message the clicked component is on, instead of sending a new one
    /// (the tour's pages, edited in place).
    pub update: bool,
    /// The one user this message may ping (a greeted new member); nobody when `None`.
    pub ping: Option<u64>,
    /// An answer (not suggestions, a decline or a notice): it can be rated 👍/👎.
    pub answered: bool,
    /// A file sent with the message (e.g. `/gaps`'s `gaps.toml`).
    pub attachment: Option<Attachment>,
}

/// A file attached to a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// File name shown in Discord.
    pub name: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

impl Response {
    /// The response for a core reply, for `asker`: the embed, the aspect menu when the
    /// reply has one, and buttons: suggestions then "None of these" when unsure, else the
    /// example questions (declines, notices, help), else the related entries.
    pub fn from_reply(reply: &Reply, asker: u64) -> Response {
        let mut buttons = if !reply.suggestions.is_empty() {
            let mut b = buttons(&reply.suggestions, ButtonKind::Suggestion, asker);
            b.push(none_of_these_button(asker));
            b
        } else if !reply.examples.is_empty() {
            buttons(&reply.examples, ButtonKind::Example, asker)
        } else {
            buttons(&reply.related, ButtonKind::Related, asker)
        };
        // A pointer to the tour leads with the button that starts it.
        let shown;
        let reply = if reply.tour {
            buttons.insert(0, crate::discord::tour::start_button());
            buttons.truncate(ROW_BUTTONS);
            shown = Reply {
                description: format!("{}\n{TOUR_LINE}", reply.description),
                ..reply.clone()
            };
            &shown
        } else {
            reply
        };
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
            select: reply
                .menu
                .as_ref()
                .and_then(|m| Select::from_menu(m, asker)),
            buttons,
            ephemeral: false,
            entry: reply.entry.clone(),
            confidence: reply.confidence,
            cooldown_key,
            update: false,
            ping: None,
            answered: reply.answered && reply.entry.is_some(),
            attachment: None,
        }
    }

    /// A short ephemeral text message (errors, stale buttons, limits).
    pub fn notice(text: &str) -> Response {
        Response {
            content: Some(truncate(text, CONTENT)),
            embed: None,
            select: None,
            buttons: Vec::new(),
            ephemeral: true,
            entry: None,
            confidence: 0.0,
            cooldown_key: None,
            update: false,
            ping: None,
            answered: false,
            attachment: None,
        }
    }

    /// Makes the response ephemeral (or not).
    pub fn private(mut self, private: bool) -> Response {
        self.ephemeral = private;
        self
    }

    /// Adds 👍 and 👎 buttons rating this answer (`answer`: the id of what was answered)
    /// after the other buttons, in one row of at most [`VOTE_ROW`]: related entries beyond
    /// it are dropped; other buttons that leave no room put the votes in a row of their
    /// own. Nothing changes for anything but an answer, or when the entry id is too long
    /// for a custom id.
    pub fn with_votes(mut self, answer: u64) -> Response {
        let Some(entry) = self.entry.clone().filter(|_| self.answered) else {
            return self;
        };
        let id = |up| {
            VoteId {
                up,
                answer,
                entry: entry.clone(),
            }
            .encode()
        };
        let (Some(up), Some(down)) = (id(true), id(false)) else {
            return self;
        };
        let last = self.buttons.last().map(|b| b.row);
        // Five buttons wrap at a chat column's width and orphan 👎: make room in the row
        // by dropping the last related entries (the menu and /ask still reach them).
        let in_row = |buttons: &[Button]| buttons.iter().filter(|b| Some(b.row) == last).count();
        while in_row(&self.buttons) + 2 > VOTE_ROW
            && self
                .buttons
                .last()
                .is_some_and(|b| b.kind == ButtonKind::Related)
        {
            self.buttons.pop();
        }
        let in_last = in_row(&self.buttons);
        let row = match last {
            Some(r) if in_last + 2 > VOTE_ROW => r.saturating_add(1),
            Some(r) => r,
            None => 0,
        };
        for (custom_id, label) in [(up, UP_LABEL), (down, DOWN_LABEL)] {
            let mut b = Button::new(custom_id, label, ButtonKind::Vote);
            b.row = row;
            self.buttons.push(b);
        }
        self
    }

    /// Attaches a file.
    pub fn with_file(mut self, name: &str, bytes: Vec<u8>) -> Response {
        self.attachment = Some(Attachment {
            name: name.to_string(),
            bytes,
        });
        self
    }

    /// True for an answer (an embed), false for a short text notice; answers given from
    /// a button or menu count towards the user rate limit.
    pub fn is_answer(&self) -> bool {
        self.embed.is_some()
    }

    /// The serenity embed builder for the embed, if any.
    pub fn create_embed(&self) -> Option<CreateEmbed> {
        self.embed.as_ref().map(create_embed)
    }

    /// The action rows: the menu's row first (a row holds one select), then the buttons,
    /// a new row where [`Button::row`] changes or five are full; at most five rows.
    pub fn action_rows(&self) -> Vec<CreateActionRow> {
        let mut rows = Vec::new();
        if let Some(select) = &self.select {
            rows.push(CreateActionRow::SelectMenu(select.create()));
        }
        let mut row_of = None;
        for b in &self.buttons {
            let full =
                matches!(rows.last(), Some(CreateActionRow::Buttons(r)) if r.len() == ROW_BUTTONS);
            if row_of != Some(b.row) || full {
                if rows.len() == ACTION_ROWS {
                    break;
                }
                rows.push(CreateActionRow::Buttons(Vec::new()));
                row_of = Some(b.row);
            }
            if let Some(CreateActionRow::Buttons(row)) = rows.last_mut() {
                row.push(
                    CreateButton::new(b.custom_id.clone())
                        .label(b.label.clone())
                        .style(b.kind.style())
                        .disabled(b.disabled),
                );
            }
        }
        rows
    }

    /// The interaction response message (type 4), allowed mentions empty.
    pub fn to_interaction_message(&self) -> CreateInteractionResponseMessage {
        let mut m =
            CreateInteractionResponseMessage::new().allowed_mentions(CreateAllowedMentions::new());
        if !self.update {
            m = m.ephemeral(self.ephemeral);
        }
        if let Some(content) = &self.content {
            m = m.content(content.clone());
        }
        if let Some(embed) = self.create_embed() {
            m = m.embed(embed);
        }
        let rows = self.action_rows();
        // An edit keeps the old buttons unless told otherwise: always replace them.
        if !rows.is_empty() || self.update {
            m = m.components(rows);
        }
        if let Some(file) = &self.attachment {
            m = m.add_file(CreateAttachment::bytes(
                file.bytes.clone(),
                file.name.clone(),
            ));
        }
        m
    }

    /// The response to an interaction: a new message (type 4), or an edit of the message
    /// the clicked component is on (type 7) when [`Response::update`] is set.
    pub fn to_interaction(&self) -> CreateInteractionResponse {
        if self.update {
            CreateInteractionResponse::UpdateMessage(self.to_interaction_message())
        } else {
            CreateInteractionResponse::Message(self.to_interaction_message())
        }
    }

    /// A channel message replying to `reply_to`, allowed mentions empty (no reply ping),
    /// with the question's id as an enforced nonce (so a resend cannot post a second copy).
    pub fn to_message(&self, reply_to: Option<(ChannelId, MessageId)>) -> CreateMessage {
        let mut mentions = CreateAllowedMentions::new().replied_user(false);
        if let Some(user) = self.ping {
            mentions = mentions.users([UserId::new(user)]);
        }
        let mut m = CreateMessage::new().allowed_mentions(mentions);
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
        let rows = self.action_rows();
        if !rows.is_empty() {
            m = m.components(rows);
        }
        m
    }
}

/// Converts a core embed (already within Discord's limits) to serenity's builder.
pub fn create_embed(embed: &Embed) -> CreateEmbed {
    let mut e = CreateEmbed::new().colour(embed.color);
    if !embed.title.is_empty() {
        e = e.title(embed.title.clone());
        if let Some(url) = &embed.url {
            e = e.url(url.clone());
        }
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
