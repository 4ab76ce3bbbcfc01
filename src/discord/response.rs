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

use crate::onboarding::Style;
use crate::render::limits::{
    truncate, BUTTON_LABEL, CONTENT, CUSTOM_ID, OPTIONS, OPTION_DESCRIPTION, OPTION_LABEL,
    OPTION_VALUE, PLACEHOLDER,
};
use crate::render::Embed;
use crate::reply::{Menu, Offer, Reply};
use serenity::all::{
    ButtonStyle, ChannelId, CreateActionRow, CreateAllowedMentions, CreateAttachment, CreateButton,
    CreateEmbed, CreateEmbedFooter, CreateInteractionResponse, CreateInteractionResponseMessage,
    CreateMessage, CreateSelectMenu, CreateSelectMenuKind, CreateSelectMenuOption, MessageId,
    MessageReference, Nonce, UserId,
};

/// Prefix of the custom id of every button that answers an entry.
pub const CUSTOM_ID_PREFIX: &str = "rc:ans:";
/// Prefix of the custom id of the aspect menu (`rc:pick:<asker>`).
pub const PICK_PREFIX: &str = "rc:pick:";
/// Prefix of the custom id of the "None of these" button (`rc:none:<asker>`).
pub const NONE_PREFIX: &str = "rc:none:";
/// Prefix of the custom id of the 👍 and 👎 buttons (`rc:vote:<u|d>:<answer>:<entry>`).
pub const VOTE_PREFIX: &str = "rc:vote:";
/// Label of the button rating an answer helpful.
pub const UP_LABEL: &str = "👍";
/// Label of the button rating an answer unhelpful (it asks what was missing).
pub const DOWN_LABEL: &str = "👎";
/// Label of the grey button after "did you mean" suggestions.
pub const NONE_LABEL: &str = "None of these";
/// Most buttons in one action row (Discord's limit).
pub const ROW_BUTTONS: usize = 5;
/// How a reply that points to the tour says how to take it in Discord.
pub const TOUR_LINE: &str = "Type `/onboard`, or press **Start the tour** below.";
/// Most action rows under one message (Discord's limit).
pub const ACTION_ROWS: usize = 5;

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

/// A 👍 or 👎 button: the vote, the answer it rates and the entry answered.
///
/// The answer is the id of what was answered (the `/ask` interaction, the question's
/// message, or the click that answered), so each answer is rated apart, one vote per user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteId {
    /// 👍 (true) or 👎 (false).
    pub up: bool,
    /// The answer's id (a Discord snowflake).
    pub answer: u64,
    /// Entry id answered.
    pub entry: String,
}

impl VoteId {
    /// The custom id `rc:vote:<u|d>:<answer>:<entry>`, or `None` when it would exceed 100
    /// characters.
    pub fn encode(&self) -> Option<String> {
        let vote = if self.up { 'u' } else { 'd' };
        let id = format!("{VOTE_PREFIX}{vote}:{}:{}", self.answer, self.entry);
        (id.chars().count() <= CUSTOM_ID).then_some(id)
    }

    /// Reads a custom id made by [`VoteId::encode`]; `None` for anything else.
    pub fn parse(custom_id: &str) -> Option<VoteId> {
        let rest = custom_id.strip_prefix(VOTE_PREFIX)?;
        let (vote, rest) = rest.split_once(':')?;
        let (answer, entry) = rest.split_once(':')?;
        let up = match vote {
            "u" => true,
            "d" => false,
            _ => return None,
        };
        let answer = answer.parse().ok()?;
        (!entry.is_empty()).then(|| VoteId {
            up,
            answer,
            entry: entry.to_string(),
        })
    }
}

/// Any component rolecall puts under a message, read back from its custom id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComponentId {
    /// A button answering an entry (suggestion, related entry or example question).
    Answer(ButtonId),
    /// The aspect menu under an answer to `asker`; the entry is the picked value.
    Pick {
        /// User id of whoever asked the question the menu sits under.
        asker: u64,
    },
    /// The "None of these" button under suggestions offered to `asker`.
    NoneOfThese {
        /// User id of whoever asked the question the button sits under.
        asker: u64,
    },
    /// A 👍 or 👎 under an answer.
    Vote(VoteId),
}

impl ComponentId {
    /// The custom id (`rc:ans:…`, `rc:pick:<asker>`, `rc:none:<asker>`), or `None` when it
    /// would exceed 100 characters.
    pub fn encode(&self) -> Option<String> {
        match self {
            ComponentId::Answer(b) => b.encode(),
            ComponentId::Pick { asker } => Some(format!("{PICK_PREFIX}{asker}")),
            ComponentId::NoneOfThese { asker } => Some(format!("{NONE_PREFIX}{asker}")),
            ComponentId::Vote(v) => v.encode(),
        }
    }

    /// Reads a custom id made by [`ComponentId::encode`]; `None` for anything else.
    pub fn parse(custom_id: &str) -> Option<ComponentId> {
        if let Some(b) = ButtonId::parse(custom_id) {
            return Some(ComponentId::Answer(b));
        }
        if let Some(v) = VoteId::parse(custom_id) {
            return Some(ComponentId::Vote(v));
        }
        if let Some(asker) = custom_id.strip_prefix(PICK_PREFIX) {
            return Some(ComponentId::Pick {
                asker: asker.parse().ok()?,
            });
        }
        let asker = custom_id.strip_prefix(NONE_PREFIX)?.parse().ok()?;
        Some(ComponentId::NoneOfThese { asker })
    }
}

/// Why a button is shown (which also sets its colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ButtonKind {
    /// "Did you mean" suggestion (blurple).
    Suggestion,
    /// "None of these", after the suggestions (grey).
    NoneOfThese,
    /// Related entry under an answer (grey).
    Related,
    /// Example question under a decline, a notice or help (grey).
    Example,
    /// "Start the tour" (green), under a newcomer answer, a tour post or a greeting.
    StartTour,
    /// A button of the tour, styled as the tour page says.
    Tour(Style),
    /// 👍 or 👎 under an answer (grey).
    Vote,
}

impl ButtonKind {
    /// The Discord button style: suggestions stand out, everything else is grey.
    pub fn style(self) -> ButtonStyle {
        match self {
            ButtonKind::Suggestion => ButtonStyle::Primary,
            ButtonKind::NoneOfThese
            | ButtonKind::Related
            | ButtonKind::Example
            | ButtonKind::Vote => ButtonStyle::Secondary,
            ButtonKind::StartTour => ButtonStyle::Success,
            ButtonKind::Tour(Style::Primary) => ButtonStyle::Primary,
            ButtonKind::Tour(Style::Secondary) => ButtonStyle::Secondary,
            ButtonKind::Tour(Style::Success) => ButtonStyle::Success,
            ButtonKind::Tour(Style::Danger) => ButtonStyle::Danger,
        }
    }
}

/// A button under a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    /// Custom id (see [`ComponentId`]; at most 100 characters).
    pub custom_id: String,
    /// Label (at most 80 characters).
    pub label: String,
    /// Why it is shown.
    pub kind: ButtonKind,
    /// Shown but not clickable (a quiz's choices once answered).
    pub disabled: bool,
    /// Action row among the buttons (0 first); a row holds at most five.
    pub row: u8,
}

impl Button {
    /// An enabled button in the first row.
    pub fn new(custom_id: String, label: &str, kind: ButtonKind) -> Button {
        Button {
            custom_id,
            label: truncate(label.trim(), BUTTON_LABEL),
            kind,
            disabled: false,
            row: 0,
        }
    }
}

/// One option of a [`Select`], already within Discord's limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectOption {
    /// Label (1–100 characters).
    pub label: String,
    /// Entry id answered when picked (1–100 characters).
    pub value: String,
    /// Preview of the answer (at most 100 characters), when there is one.
    pub description: Option<String>,
}

/// A string select menu (the aspect menu), already within Discord's limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Select {
    /// Custom id `rc:pick:<asker>`.
    pub custom_id: String,
    /// Text shown before anything is picked (at most 150 characters), when not empty.
    pub placeholder: Option<String>,
    /// The options: 1–25, values unique.
    pub options: Vec<SelectOption>,
}

impl Select {
    /// The select for a core menu offered to `asker`; `None` when no option fits Discord's
    /// limits. Every text is cut by characters; options whose value (an entry id) would not
    /// fit, or that repeat a value, are left out, since a cut id would answer nothing.
    pub fn from_menu(menu: &Menu, asker: u64) -> Option<Select> {
        let mut options: Vec<SelectOption> = Vec::new();
        for o in &menu.options {
            let fits = (1..=OPTION_VALUE).contains(&o.entry.chars().count());
            let label = truncate(o.label.trim(), OPTION_LABEL);
            if !fits || label.is_empty() || options.iter().any(|x| x.value == o.entry) {
                continue;
            }
            let description = truncate(o.description.trim(), OPTION_DESCRIPTION);
            options.push(SelectOption {
                label,
                value: o.entry.clone(),
                description: (!description.is_empty()).then_some(description),
            });
            if options.len() == OPTIONS {
                break;
            }
        }
        let placeholder = truncate(menu.placeholder.trim(), PLACEHOLDER);
        (!options.is_empty()).then(|| Select {
            custom_id: format!("{PICK_PREFIX}{asker}"),
            placeholder: (!placeholder.is_empty()).then_some(placeholder),
            options,
        })
    }

    /// The serenity builder: one value at a time.
    pub fn create(&self) -> CreateSelectMenu {
        let options = self
            .options
            .iter()
            .map(|o| {
                let option = CreateSelectMenuOption::new(o.label.clone(), o.value.clone());
                match &o.description {
                    Some(d) => option.description(d.clone()),
                    None => option,
                }
            })
            .collect();
        let menu = CreateSelectMenu::new(
            self.custom_id.clone(),
            CreateSelectMenuKind::String { options },
        )
        .min_values(1)
        .max_values(1);
        match &self.placeholder {
            Some(p) => menu.placeholder(p.clone()),
            None => menu,
        }
    }
}

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
    /// after the other buttons: in their row when both fit in it, else in a row of their
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
        let in_last = self.buttons.iter().filter(|b| Some(b.row) == last).count();
        let row = match last {
            Some(r) if in_last + 2 > ROW_BUTTONS => r.saturating_add(1),
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

/// Buttons for up to three offers, labelled with their short labels; offers whose custom
/// id would be too long (or that repeat an entry) are left out.
pub fn buttons(offers: &[Offer], kind: ButtonKind, asker: u64) -> Vec<Button> {
    let mut out: Vec<Button> = Vec::new();
    for o in offers {
        if out.len() == crate::reply::MAX_OFFERS {
            break;
        }
        let Some(custom_id) = ButtonId {
            asker,
            entry: o.entry.clone(),
        }
        .encode() else {
            continue;
        };
        if out.iter().any(|b| b.custom_id == custom_id) {
            continue;
        }
        let label = if o.label.trim().is_empty() {
            &o.title
        } else {
            &o.label
        };
        out.push(Button::new(custom_id, label, kind));
    }
    out
}

/// The grey "None of these" button for `asker`.
pub fn none_of_these_button(asker: u64) -> Button {
    Button::new(
        format!("{NONE_PREFIX}{asker}"),
        NONE_LABEL,
        ButtonKind::NoneOfThese,
    )
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::KnowledgeBase;
    use crate::cli::KnowledgeSource;
    use crate::reply::{self, MenuOption};
    use crate::MatchConfig;
    use serde_json::Value;

    const ASKER: u64 = 53908232506183680;

    fn knowledge() -> KnowledgeBase {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/knowledge");
        KnowledgeSource::Path(dir)
            .load()
            .expect("fixture knowledge loads")
    }

    fn response(k: &KnowledgeBase, entry: &str) -> Response {
        let entry = k.parse_entry(entry).expect("entry exists");
        Response::from_reply(&reply::for_entry(k, entry), ASKER)
    }

    fn asked(k: &KnowledgeBase, question: &str) -> Response {
        Response::from_reply(&reply::answer(k, question, &MatchConfig::DEFAULT), ASKER)
    }

    /// The components of both builders, checked to serialize the same and to Discord's
    /// shape: action rows, at most one select (alone, first), at most 5 buttons.
    fn components(r: &Response) -> Vec<Value> {
        let i = serde_json::to_value(r.to_interaction()).unwrap();
        let m = serde_json::to_value(r.to_message(None)).unwrap();
        let rows = i["data"]["components"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            m["components"].as_array().cloned().unwrap_or_default(),
            rows
        );
        for (n, row) in rows.iter().enumerate() {
            assert_eq!(row["type"], 1, "action row");
            let inner = row["components"].as_array().unwrap();
            let selects = inner.iter().filter(|c| c["type"] == 3).count();
            if selects > 0 {
                assert_eq!(
                    (n, inner.len()),
                    (0, 1),
                    "a select is alone in the first row"
                );
            } else {
                assert!((1..=ROW_BUTTONS).contains(&inner.len()));
                for b in inner {
                    assert_eq!(b["type"], 2);
                    let label = b["label"].as_str().unwrap();
                    assert!(
                        (1..=BUTTON_LABEL).contains(&label.chars().count()),
                        "{label}"
                    );
                    let id = b["custom_id"].as_str().unwrap();
                    assert!(id.chars().count() <= CUSTOM_ID);
                    assert!(ComponentId::parse(id).is_some(), "{id}");
                }
            }
        }
        rows
    }

    fn labels(row: &Value) -> Vec<&str> {
        row["components"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["label"].as_str().unwrap())
            .collect()
    }

    #[test]
    fn a_role_card_has_the_aspect_menu_first_and_related_buttons_after() {
        let k = knowledge();
        let r = response(&k, "po");
        let rows = components(&r);
        assert_eq!(rows.len(), 2, "{rows:#?}");
        let select = &rows[0]["components"][0];
        assert_eq!(select["type"], 3, "string select");
        assert_eq!(select["custom_id"], format!("rc:pick:{ASKER}"));
        assert_eq!(select["min_values"], 1);
        assert_eq!(select["max_values"], 1);
        assert!(select["placeholder"]
            .as_str()
            .unwrap()
            .contains("Product Owner"));
        let options = select["options"].as_array().unwrap();
        assert!((1..=OPTIONS).contains(&options.len()));
        let values: Vec<&str> = options
            .iter()
            .map(|o| o["value"].as_str().unwrap())
            .collect();
        assert!(values.contains(&"po.salary"), "{values:?}");
        for o in options {
            assert!((1..=OPTION_LABEL).contains(&o["label"].as_str().unwrap().chars().count()));
            if let Some(d) = o.get("description") {
                assert!((1..=OPTION_DESCRIPTION).contains(&d.as_str().unwrap().chars().count()));
            }
        }
        assert!(
            rows[1]["components"]
                .as_array()
                .unwrap()
                .iter()
                .all(|b| b["style"] == 2),
            "related buttons are grey"
        );
    }

    #[test]
    fn a_comparison_menu_offers_the_other_aspects_as_comparisons() {
        let k = knowledge();
        let r = response(&k, "pm+po");
        let rows = components(&r);
        let values: Vec<&str> = rows[0]["components"][0]["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["value"].as_str().unwrap())
            .collect();
        assert!(values.contains(&"pm+po.salary"), "{values:?}");
        let fact = response(&k, "pm+po.salary");
        let rows = components(&fact);
        let values = rows[0]["components"][0]["options"].to_string();
        assert!(
            !values.contains("pm+po.salary"),
            "the current aspect is not offered again"
        );
    }

    #[test]
    fn did_you_mean_offers_primary_suggestions_then_a_grey_none_of_these() {
        let k = knowledge();
        let r = asked(&k, "the backlog stuff");
        let rows = components(&r);
        assert_eq!(rows.len(), 1, "no menu under suggestions: {rows:#?}");
        let buttons = rows[0]["components"].as_array().unwrap();
        let (last, suggestions) = buttons.split_last().unwrap();
        assert!((1..=crate::reply::MAX_OFFERS).contains(&suggestions.len()));
        assert!(suggestions.iter().all(|b| b["style"] == 1), "primary");
        assert!(suggestions
            .iter()
            .all(|b| b["custom_id"].as_str().unwrap().starts_with("rc:ans:")));
        assert_eq!(last["label"], NONE_LABEL);
        assert_eq!(last["style"], 2, "secondary");
        assert_eq!(last["custom_id"], format!("rc:none:{ASKER}"));
        let text = r.embed.unwrap().description;
        assert!(!text.contains("1."), "no numbered list: {text}");
    }

    #[test]
    fn a_decline_and_help_offer_example_questions_as_grey_buttons() {
        let k = knowledge();
        for r in [
            asked(&k, "what's the weather tomorrow?"),
            Response::from_reply(&reply::help(&k), ASKER),
        ] {
            let rows = components(&r);
            assert_eq!(rows.len(), 1, "{rows:#?}");
            let examples = reply::help(&k).examples;
            let expected: Vec<String> = examples.iter().map(|o| o.label.clone()).collect();
            assert_eq!(labels(&rows[0]), expected);
            assert!(rows[0]["components"]
                .as_array()
                .unwrap()
                .iter()
                .all(|b| b["style"] == 2));
        }
    }

    #[test]
    fn buttons_use_the_short_labels_within_80_characters() {
        let k = knowledge();
        let offer = |label: &str| Offer {
            entry: "po".into(),
            title: "A much longer title that should not be used".into(),
            label: label.into(),
            confidence: 1.0,
        };
        let b = buttons(&[offer("PO")], ButtonKind::Related, 1);
        assert_eq!(b[0].label, "PO");
        let long = buttons(&[offer(&"é".repeat(200))], ButtonKind::Related, 1);
        assert_eq!(long[0].label.chars().count(), BUTTON_LABEL);
        let r = response(&k, "po.owns");
        for b in &r.buttons {
            assert_eq!(
                b.label,
                truncate(
                    &reply::label(
                        &k,
                        k.parse_entry(&ButtonId::parse(&b.custom_id).unwrap().entry)
                            .unwrap()
                    ),
                    BUTTON_LABEL
                )
            );
        }
    }

    #[test]
    fn menus_are_cut_to_discord_limits_and_drop_ids_that_do_not_fit() {
        let option = |entry: String, label: &str, description: &str| MenuOption {
            entry,
            label: label.into(),
            description: description.into(),
        };
        let mut options = vec![
            option("x".repeat(OPTION_VALUE + 1), "Too long an id", ""),
            option("a".into(), &"L".repeat(300), &"d".repeat(300)),
            option("a".into(), "Repeat", ""),
            option("b".into(), "No preview", ""),
        ];
        options.extend((0..40).map(|i| option(format!("e{i}"), "More", "")));
        let menu = Menu {
            placeholder: "P".repeat(400),
            options,
        };
        let s = Select::from_menu(&menu, u64::MAX).unwrap();
        assert_eq!(s.custom_id, format!("rc:pick:{}", u64::MAX));
        assert_eq!(s.options.len(), OPTIONS);
        assert_eq!(s.options[0].value, "a");
        assert_eq!(s.options[0].label.chars().count(), OPTION_LABEL);
        assert_eq!(
            s.options[0].description.as_ref().map(|d| d.chars().count()),
            Some(OPTION_DESCRIPTION)
        );
        assert_eq!(s.options[1].value, "b");
        assert_eq!(
            s.options[1].description, None,
            "no empty description is sent"
        );
        assert_eq!(s.placeholder.map(|p| p.chars().count()), Some(PLACEHOLDER));
        let none_fit = Menu {
            placeholder: String::new(),
            options: vec![option("y".repeat(101), "Nope", "")],
        };
        assert_eq!(Select::from_menu(&none_fit, 1), None);
    }

    #[test]
    fn component_ids_round_trip_and_reject_foreign_ones() {
        for id in [
            ComponentId::Answer(ButtonId {
                asker: 7,
                entry: "po.salary".into(),
            }),
            ComponentId::Pick { asker: u64::MAX },
            ComponentId::NoneOfThese { asker: 7 },
        ] {
            let s = id.encode().unwrap();
            assert!(s.chars().count() <= CUSTOM_ID);
            assert_eq!(ComponentId::parse(&s), Some(id));
        }
        for id in [
            "rc:pick:",
            "rc:pick:x",
            "rc:none:",
            "rc:none:1:2",
            "rc:other:1",
            "pick",
        ] {
            assert_eq!(ComponentId::parse(id), None, "{id}");
        }
    }

    #[test]
    fn the_title_links_to_the_source_when_there_is_one() {
        let k = knowledge();
        let mut r = reply::for_entry(&k, k.parse_entry("po").unwrap());
        r.url = Some("https://example.com/roles".into());
        let i = serde_json::to_value(Response::from_reply(&r, 1).to_interaction()).unwrap();
        assert_eq!(i["data"]["embeds"][0]["url"], "https://example.com/roles");
        r.url = None;
        let i = serde_json::to_value(Response::from_reply(&r, 1).to_interaction()).unwrap();
        assert!(i["data"]["embeds"][0].get("url").is_none());
    }

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

    fn button(i: usize, row: u8) -> Button {
        let mut b = Button::new(format!("b{i}"), &format!("B{i}"), ButtonKind::Related);
        b.row = row;
        b
    }

    fn row_sizes(r: &Response) -> Vec<usize> {
        let i = serde_json::to_value(r.to_interaction()).unwrap();
        i["data"]["components"]
            .as_array()
            .map(|rows| {
                rows.iter()
                    .map(|row| row["components"].as_array().map_or(0, Vec::len))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn buttons_go_in_rows_of_five_at_most_and_five_rows_at_most() {
        let mut r = Response::notice("x");
        r.buttons = vec![button(1, 0), button(2, 0), button(3, 1), button(4, 1)];
        assert_eq!(row_sizes(&r), [2, 2], "a new row where the row changes");
        r.buttons = (0..7).map(|i| button(i, 0)).collect();
        assert_eq!(row_sizes(&r), [5, 2], "a full row wraps");
        r.buttons = (0..40).map(|i| button(i, (i / 2) as u8)).collect();
        assert_eq!(row_sizes(&r), [2; 5], "never more than five rows");
    }

    #[test]
    fn an_update_edits_the_message_and_always_replaces_its_components() {
        let mut r = Response::notice("x");
        r.update = true;
        let i = serde_json::to_value(r.to_interaction()).unwrap();
        assert_eq!(i["type"], 7, "UPDATE_MESSAGE");
        assert_eq!(
            i["data"]["components"],
            serde_json::json!([]),
            "old buttons go"
        );
        assert!(
            i["data"].get("flags").is_none(),
            "an edit sets no flags: {i}"
        );
        let mut disabled = button(1, 0);
        disabled.disabled = true;
        r.buttons = vec![disabled];
        let i = serde_json::to_value(r.to_interaction()).unwrap();
        assert_eq!(
            i["data"]["components"][0]["components"][0]["disabled"],
            true
        );
    }

    #[test]
    fn a_greeting_may_ping_only_the_member_it_greets() {
        let mut r = Response::notice("Welcome, <@42>!");
        r.ping = Some(42);
        let m = serde_json::to_value(r.to_message(None)).unwrap();
        assert_eq!(m["allowed_mentions"]["parse"], serde_json::json!([]));
        assert_eq!(m["allowed_mentions"]["users"], serde_json::json!(["42"]));
        assert_eq!(m["allowed_mentions"]["roles"], serde_json::json!([]));
    }
}
