//! Buttons and select menus as plain data, and their serenity builders.

use super::custom_id::{ButtonId, NONE_PREFIX, PICK_PREFIX};
use rolecall_core::limits::{
    truncate, BUTTON_LABEL, OPTIONS, OPTION_DESCRIPTION, OPTION_LABEL, OPTION_VALUE, PLACEHOLDER,
};
use rolecall_core::onboarding::Style;
use rolecall_core::reply::{Menu, Offer};
use serenity::all::{ButtonStyle, CreateSelectMenu, CreateSelectMenuKind, CreateSelectMenuOption};

/// Label of the button rating an answer helpful.
pub const UP_LABEL: &str = "👍";
/// Label of the button rating an answer unhelpful (it asks what was missing).
pub const DOWN_LABEL: &str = "👎";
/// Label of the grey button after "did you mean" suggestions.
pub const NONE_LABEL: &str = "None of these";
/// Most buttons in one action row (Discord's limit).
pub const ROW_BUTTONS: usize = 5;
/// Most buttons in a row that ends with 👍 👎: five wrap at a chat column's width.
pub const VOTE_ROW: usize = 4;
/// How a reply that points to the tour says how to take it in Discord.
pub const TOUR_LINE: &str = "Type `/onboard`, or press **Start the tour** below.";
/// Most action rows under one message (Discord's limit).
pub const ACTION_ROWS: usize = 5;

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
    /// "Answer this" under a gap of `/gaps` (blurple): opens the `/teach` modal.
    Teach,
    /// A confirmed removal, such as `/teach remove`'s (red).
    Remove,
}

impl ButtonKind {
    /// The Discord button style: suggestions stand out, everything else is grey.
    pub fn style(self) -> ButtonStyle {
        match self {
            ButtonKind::Suggestion | ButtonKind::Teach => ButtonStyle::Primary,
            ButtonKind::Remove => ButtonStyle::Danger,
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

/// Buttons for up to three offers, labelled with their short labels; offers whose custom
/// id would be too long (or that repeat an entry) are left out.
pub fn buttons(offers: &[Offer], kind: ButtonKind, asker: u64) -> Vec<Button> {
    let mut out: Vec<Button> = Vec::new();
    for o in offers {
        if out.len() == rolecall_core::reply::MAX_OFFERS {
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
