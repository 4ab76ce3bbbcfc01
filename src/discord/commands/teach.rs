//! `/teach`: a server's editors add, change and remove the server's own FAQs from Discord.
//!
//! `/teach new` and `/teach edit topic:` open one modal (question, answer, other
//! phrasings); `/teach remove topic:` asks before it removes; `/teach list` and
//! `/teach history topic:` show what the server taught. What a modal submits is validated
//! like `rolecall check` before anything is saved (see `rolecall_core::overlay`). Only
//! members with Manage Server (or the `ROLECALL_EDITOR_ROLE` role) may teach: Discord hides
//! the command from others by default, and the handler checks again.

use crate::discord::response::{Button, ButtonKind, Response};
use crate::discord::tour::ADMIN_PERMISSION;
use rolecall_core::base::KnowledgeBase;
use rolecall_core::knowledge::Entry;
use rolecall_core::limits::{truncate, CUSTOM_ID, FIELD_VALUE};
use rolecall_core::overlay::{
    self, Action, Overlay, Refusal, Revision, ServerFaq, ANSWER_CHARS, PHRASINGS_CHARS,
    QUESTION_CHARS,
};
use rolecall_core::render::embed::{Embed, EmbedField};
use rolecall_core::reply;
use serenity::all::{
    ActionRowComponent, CommandData, CommandDataOptionValue, CommandOptionType, CreateActionRow,
    CreateCommand, CreateCommandOption, CreateInputText, CreateInteractionResponse, CreateModal,
    InputTextStyle, ModalInteractionData,
};

/// `/teach`.
pub const NAME: &str = "teach";
/// `/teach new`.
pub const NEW: &str = "new";
/// `/teach edit`.
pub const EDIT: &str = "edit";
/// `/teach remove`.
pub const REMOVE: &str = "remove";
/// `/teach list`.
pub const LIST: &str = "list";
/// `/teach history`.
pub const HISTORY: &str = "history";
/// The option naming one of the server's FAQs.
pub const TOPIC: &str = "topic";
/// Revisions `/teach history` shows.
pub const HISTORY_SHOWN: usize = 5;
/// FAQs `/teach list` names before "… and N more".
const LISTED: usize = 20;

/// Custom id of the modal of `/teach new` (and of "Answer this" under `/gaps`).
pub const NEW_MODAL: &str = "rc:teach:new";
/// Prefix of the custom id of the modal of `/teach edit` (`rc:teach:edit:<id>`).
pub const EDIT_MODAL: &str = "rc:teach:edit:";
/// Prefix of the custom id of the button that confirms a removal (`rc:teach:rm:<id>`).
pub const REMOVE_BUTTON: &str = "rc:teach:rm:";
/// Custom id of the button that keeps a FAQ after all.
pub const KEEP_BUTTON: &str = "rc:teach:keep";
/// Custom ids of the modal's text inputs.
pub const QUESTION_INPUT: &str = "question";
/// The answer's text input.
pub const ANSWER_INPUT: &str = "answer";
/// The other phrasings' text input.
pub const PHRASINGS_INPUT: &str = "phrasings";

/// A parsed `/teach` command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeachCommand {
    /// `/teach new`: open an empty modal.
    New,
    /// `/teach edit topic`: open the modal filled in.
    Edit(String),
    /// `/teach remove topic`: ask, then remove.
    Remove(String),
    /// `/teach list`.
    List,
    /// `/teach history topic`.
    History(String),
}

impl TeachCommand {
    /// Reads `/teach`; `None` for any other command.
    pub fn parse(data: &CommandData) -> Option<TeachCommand> {
        if data.name != NAME {
            return None;
        }
        let sub = data.options.first()?;
        let topic = || match &sub.value {
            CommandDataOptionValue::SubCommand(options) => options
                .iter()
                .find(|o| o.name == TOPIC)
                .and_then(|o| match &o.value {
                    CommandDataOptionValue::String(s) => Some(s.trim().to_string()),
                    CommandDataOptionValue::Autocomplete { value, .. } => {
                        Some(value.trim().to_string())
                    }
                    _ => None,
                })
                .unwrap_or_default(),
            _ => String::new(),
        };
        match sub.name.as_str() {
            NEW => Some(TeachCommand::New),
            EDIT => Some(TeachCommand::Edit(topic())),
            REMOVE => Some(TeachCommand::Remove(topic())),
            LIST => Some(TeachCommand::List),
            HISTORY => Some(TeachCommand::History(topic())),
            _ => None,
        }
    }

    /// The command as typed, for notes.
    pub fn name(&self) -> &'static str {
        match self {
            TeachCommand::New => "/teach new",
            TeachCommand::Edit(_) => "/teach edit",
            TeachCommand::Remove(_) => "/teach remove",
            TeachCommand::List => "/teach list",
            TeachCommand::History(_) => "/teach history",
        }
    }
}

/// `/teach`'s registration: Manage Server by default, not in direct messages.
pub fn register() -> CreateCommand {
    let topic = || {
        CreateCommandOption::new(
            CommandOptionType::String,
            TOPIC,
            "One of this server's own FAQs (start typing)",
        )
        .required(true)
        .set_autocomplete(true)
        .max_length(100)
    };
    let sub = |name: &str, description: &str| {
        CreateCommandOption::new(CommandOptionType::SubCommand, name, description)
    };
    CreateCommand::new(NAME)
        .description("Teach rolecall this server's own FAQs")
        .default_member_permissions(ADMIN_PERMISSION)
        .dm_permission(false)
        .add_option(sub(NEW, "Add a question and its answer for this server"))
        .add_option(sub(EDIT, "Change one of this server's FAQs").add_sub_option(topic()))
        .add_option(sub(REMOVE, "Remove one of this server's FAQs").add_sub_option(topic()))
        .add_option(sub(LIST, "List this server's own FAQs"))
        .add_option(
            sub(HISTORY, "Who changed one of this server's FAQs, and when").add_sub_option(topic()),
        )
}

/// What the modal holds: a question, its answer, other phrasings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// The question.
    pub question: String,
    /// The answer.
    pub answer: String,
    /// Other phrasings, one per line in the modal.
    pub phrasings: Vec<String>,
}

impl Draft {
    /// The draft of an existing FAQ, for `/teach edit`.
    pub fn of(faq: &ServerFaq) -> Draft {
        Draft {
            question: faq.question.clone(),
            answer: faq.answer.clone(),
            phrasings: faq.phrasings.clone(),
        }
    }

    /// The FAQ this draft makes, with id `id`: the answer's first sentence bold.
    pub fn to_faq(&self, id: String) -> ServerFaq {
        ServerFaq {
            id,
            question: self.question.clone(),
            answer: overlay::bolded(&self.answer),
            phrasings: self.phrasings.clone(),
        }
    }
}

/// The modal of `/teach new` (`editing: None`) or `/teach edit` (the FAQ's id), filled in
/// with `draft`; `None` when the id would not fit a custom id.
pub fn modal(editing: Option<&str>, draft: &Draft) -> Option<CreateInteractionResponse> {
    let (id, title) = match editing {
        None => (NEW_MODAL.to_string(), "Teach rolecall a new FAQ"),
        Some(faq) => (format!("{EDIT_MODAL}{faq}"), "Change this server's FAQ"),
    };
    if id.chars().count() > CUSTOM_ID {
        return None;
    }
    let filled = |input: CreateInputText, value: &str, max: usize| {
        if value.is_empty() {
            input
        } else {
            input.value(truncate(value, max))
        }
    };
    let question = filled(
        CreateInputText::new(InputTextStyle::Short, "Question", QUESTION_INPUT)
            .placeholder("How do I get access to the staging server?")
            .min_length(3)
            .max_length(QUESTION_CHARS as u16),
        &draft.question,
        QUESTION_CHARS,
    );
    let answer = filled(
        CreateInputText::new(InputTextStyle::Paragraph, "Answer", ANSWER_INPUT)
            .placeholder("One sentence that answers it (shown bold), then any details.")
            .max_length(ANSWER_CHARS as u16),
        &draft.answer,
        ANSWER_CHARS,
    );
    let phrasings = filled(
        CreateInputText::new(
            InputTextStyle::Paragraph,
            "Other ways people ask it (one per line)",
            PHRASINGS_INPUT,
        )
        .placeholder("who gives out staging access\nstaging login")
        .required(false)
        .max_length(PHRASINGS_CHARS as u16),
        &draft.phrasings.join("\n"),
        PHRASINGS_CHARS,
    );
    Some(CreateInteractionResponse::Modal(
        CreateModal::new(id, title).components(vec![
            CreateActionRow::InputText(question),
            CreateActionRow::InputText(answer),
            CreateActionRow::InputText(phrasings),
        ]),
    ))
}

/// A submitted `/teach` modal: which FAQ it edits (`None`: a new one) and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submitted {
    /// The id of the FAQ edited, or `None` for a new one.
    pub editing: Option<String>,
    /// What was typed, trimmed (phrasings one per line, blanks and repeats dropped).
    pub draft: Draft,
}

impl Submitted {
    /// Reads a modal made by [`modal`]; `None` for any other modal.
    pub fn from_modal(data: &ModalInteractionData) -> Option<Submitted> {
        let editing = if data.custom_id == NEW_MODAL {
            None
        } else {
            Some(data.custom_id.strip_prefix(EDIT_MODAL)?.to_string())
        };
        let typed = |id: &str| {
            data.components
                .iter()
                .flat_map(|row| &row.components)
                .find_map(|c| match c {
                    ActionRowComponent::InputText(t) if t.custom_id == id => t.value.clone(),
                    _ => None,
                })
                .unwrap_or_default()
        };
        Some(Submitted {
            editing,
            draft: Draft {
                question: typed(QUESTION_INPUT).trim().to_string(),
                answer: typed(ANSWER_INPUT).trim().to_string(),
                phrasings: overlay::phrasings_from_lines(&typed(PHRASINGS_INPUT)),
            },
        })
    }
}

/// The private note after a save, with the new answer as people will see it.
pub fn saved(k: &KnowledgeBase, id: &str, action: Action, asker: u64) -> Response {
    let Some(e @ Entry::Faq(_)) = k.parse_entry(id) else {
        return Response::notice(&format!("Saved `{id}`: it answers in this server now."));
    };
    let mut r = Response::from_reply(&reply::for_entry(k, e), asker).private(true);
    r.buttons.clear();
    r.select = None;
    r.cooldown_key = None;
    r.answered = false;
    r.content = Some(format!(
        "{} `{id}`. Anyone asking it in this server gets this answer from now on:",
        match action {
            Action::Created => "Saved",
            Action::Edited | Action::Removed => "Changed",
        }
    ));
    r
}

/// The private note when a submission was refused: what to change; nothing was saved.
pub fn refused(refusal: &Refusal, draft: &Draft) -> Response {
    let mut text = format!("Nothing was saved. Change this and try again:\n{refusal}");
    if !draft.answer.is_empty() {
        text.push_str("\n\nYour answer, to copy back in:\n");
        text.push_str(&draft.answer);
    }
    Response::notice(&text)
}

/// The private refusal for a member who may not teach.
pub fn not_an_editor(command: &str) -> Response {
    Response::notice(&format!(
        "`{command}` is for this server's editors: members with the **Manage Server** \
         permission or the editor role the bot was set up with."
    ))
}

/// The private note when `topic` names none of the server's FAQs.
pub fn unknown(topic: &str, overlay: &Overlay) -> Response {
    let hint = if overlay.faqs.is_empty() {
        "This server hasn't taught rolecall any FAQs yet: add one with `/teach new`."
    } else {
        "Pick one of this server's FAQs from the list as you type, or see them all with `/teach list`."
    };
    Response::notice(&format!(
        "No FAQ of this server is called \"{topic}\". {hint}"
    ))
}

/// The FAQ of `overlay` that `topic` (an id picked from autocomplete, or typed text) names.
pub fn find<'a>(overlay: &'a Overlay, topic: &str) -> Option<&'a ServerFaq> {
    let topic = topic.trim();
    overlay.faq(topic).or_else(|| {
        overlay
            .faqs
            .iter()
            .find(|f| f.question.eq_ignore_ascii_case(topic))
    })
}

/// The question asking before a removal, with Remove and Keep buttons.
pub fn confirm_remove(faq: &ServerFaq) -> Response {
    let mut r = Response::notice(&format!(
        "Remove \"{}\" (`{}`)? Its text stays in `/teach history`.",
        faq.question, faq.id
    ));
    let id = format!("{REMOVE_BUTTON}{}", faq.id);
    if id.chars().count() <= CUSTOM_ID {
        r.buttons
            .push(Button::new(id, "Remove", ButtonKind::Remove));
    }
    r.buttons.push(Button::new(
        KEEP_BUTTON.into(),
        "Keep it",
        ButtonKind::Related,
    ));
    r
}

/// The FAQ id a Remove button confirms.
pub fn parse_remove(custom_id: &str) -> Option<&str> {
    custom_id
        .strip_prefix(REMOVE_BUTTON)
        .filter(|id| !id.is_empty())
}

/// The note after a removal (`removed`: it was there to remove).
pub fn removed(id: &str, removed: bool) -> Response {
    let mut r = Response::notice(&if removed {
        format!("Removed `{id}`: rolecall no longer answers it here.")
    } else {
        format!("`{id}` was already gone.")
    });
    r.update = true;
    r
}

/// The note when Keep was pressed.
pub fn kept() -> Response {
    let mut r = Response::notice("Kept: nothing was removed.");
    r.update = true;
    r
}

/// `/teach list`: the server's FAQs, privately.
pub fn list(overlay: &Overlay, limit: usize) -> Response {
    if overlay.faqs.is_empty() {
        return Response::notice(
            "This server hasn't taught rolecall any FAQs yet. Add one with `/teach new`, or \
             answer the questions `/gaps` lists with its **Answer this** buttons.",
        );
    }
    let mut lines = Vec::new();
    for f in overlay.faqs.iter().take(LISTED) {
        lines.push(format!("• {} (`{}`)", f.question, f.id));
    }
    if overlay.faqs.len() > LISTED {
        lines.push(format!(
            "… and {} more: `rolecall export --guild` prints them all.",
            overlay.faqs.len() - LISTED
        ));
    }
    let embed = Embed {
        title: format!("This server's own FAQs ({} of {limit})", overlay.faqs.len()),
        url: None,
        description: truncate(&lines.join("\n"), rolecall_core::limits::DESCRIPTION),
        color: rolecall_core::reply::NEUTRAL_COLOUR,
        fields: Vec::new(),
        footer: None,
    };
    let mut r = Response::notice("");
    r.content = None;
    r.embed = Some(embed);
    r
}

/// `/teach history`: the last revisions of one FAQ, newest first.
pub fn history(id: &str, revisions: &[Revision]) -> Response {
    if revisions.is_empty() {
        return Response::notice(&format!("`{id}` has no history here."));
    }
    let fields = revisions
        .iter()
        .map(|r| EmbedField {
            name: format!("{} by <@{}>, <t:{}:R>", r.action.as_str(), r.by, r.at)
                .replace("by <@0>", "from the command line"),
            value: truncate(
                &format!("**{}**\n{}", r.faq.question, r.faq.answer),
                FIELD_VALUE,
            ),
            inline: false,
        })
        .collect();
    let embed = Embed {
        title: format!("History of `{id}`"),
        url: None,
        description: format!("The last {} changes, newest first.", revisions.len()),
        color: rolecall_core::reply::NEUTRAL_COLOUR,
        fields,
        footer: None,
    };
    let mut r = Response::notice("");
    r.content = None;
    r.embed = Some(embed);
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn data(v: serde_json::Value) -> CommandData {
        serde_json::from_value(v).expect("command data deserializes")
    }

    #[test]
    fn subcommands_parse_with_their_topic() {
        let sub = |name: &str, options: serde_json::Value| {
            TeachCommand::parse(&data(json!({"id": "1", "name": "teach", "type": 1,
                "options": [{"name": name, "type": 1, "options": options}]})))
        };
        assert_eq!(sub("new", json!([])), Some(TeachCommand::New));
        assert_eq!(sub("list", json!([])), Some(TeachCommand::List));
        assert_eq!(
            sub(
                "edit",
                json!([{"name": "topic", "type": 3, "value": " jira "}])
            ),
            Some(TeachCommand::Edit("jira".into()))
        );
        assert_eq!(
            sub(
                "history",
                json!([{"name": "topic", "type": 3, "value": "x"}])
            ),
            Some(TeachCommand::History("x".into()))
        );
        assert_eq!(sub("nope", json!([])), None);
    }

    #[test]
    fn the_modal_asks_question_answer_and_phrasings_in_that_order() {
        let draft = Draft {
            question: "Q?".into(),
            answer: "A.".into(),
            phrasings: vec!["one".into(), "two".into()],
        };
        let v = serde_json::to_value(modal(Some("jira"), &draft).unwrap()).unwrap();
        assert_eq!(v["type"], 9);
        assert_eq!(v["data"]["custom_id"], "rc:teach:edit:jira");
        let inputs: Vec<_> = v["data"]["components"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| row["components"][0].clone())
            .collect();
        let ids: Vec<_> = inputs.iter().map(|i| i["custom_id"].clone()).collect();
        assert_eq!(
            ids,
            [json!("question"), json!("answer"), json!("phrasings")]
        );
        assert_eq!(inputs[0]["max_length"], 200);
        assert_eq!(inputs[1]["max_length"], 1500);
        assert_eq!(inputs[1]["style"], 2);
        assert_eq!(inputs[2]["value"], "one\ntwo");
        assert_eq!(inputs[2]["required"], false);
        let empty = serde_json::to_value(modal(None, &Draft::default()).unwrap()).unwrap();
        assert!(empty["data"]["components"][0]["components"][0]["value"].is_null());
    }

    #[test]
    fn a_submission_reads_back_trimmed() {
        let m: ModalInteractionData = serde_json::from_value(json!({
            "custom_id": "rc:teach:new",
            "components": [
                {"type": 1, "components": [{"type": 4, "custom_id": "question", "value": " Q? "}]},
                {"type": 1, "components": [{"type": 4, "custom_id": "answer", "value": "A. "}]},
                {"type": 1, "components": [{"type": 4, "custom_id": "phrasings", "value": "x\n\n x \ny"}]}
            ]
        }))
        .unwrap();
        let s = Submitted::from_modal(&m).unwrap();
        assert_eq!(s.editing, None);
        assert_eq!(s.draft.question, "Q?");
        assert_eq!(s.draft.phrasings, vec!["x".to_string(), "y".to_string()]);
    }

    #[test]
    fn teach_needs_manage_server_and_a_server() {
        let v = serde_json::to_value(register()).unwrap();
        assert_eq!(v["default_member_permissions"], "32");
        assert_eq!(v["dm_permission"], false);
    }
}
