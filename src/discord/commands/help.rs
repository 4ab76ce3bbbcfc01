//! `/help`: what rolecall can do, with example questions from the knowledge.

use crate::discord::response::Response;
use crate::knowledge::Knowledge;
use crate::render::embed::{EmbedField, EmbedFooter};
use crate::render::limits::{truncate, DESCRIPTION, FIELD_VALUE, FOOTER_TEXT, TITLE};
use crate::render::Embed;
use crate::reply::{self, NEUTRAL_COLOUR};
use serenity::all::CreateCommand;

/// Command name.
pub const NAME: &str = "help";

/// The command's registration.
pub fn register() -> CreateCommand {
    CreateCommand::new(NAME).description("What rolecall can answer, with example questions")
}

/// The help embed, shown only to whoever asked.
pub fn run(k: &Knowledge) -> Response {
    let roles: Vec<&str> = k.roles.iter().map(|r| r.name.as_str()).collect();
    let examples: Vec<String> = reply::example_questions(k)
        .into_iter()
        .map(|q| format!("• {q}"))
        .collect();
    let commands = [
        "`/ask question` — ask anything about the roles",
        "`/faq topic` — look up a common question or a term",
        "`/role name [aspect]` — a role card, or one thing about a role",
        "`/compare first second [aspect]` — two roles side by side",
        "Add `private: True` to see the answer on your own.",
        "You can also mention me with a question.",
    ];
    let mut fields = vec![EmbedField {
        name: "Commands".into(),
        value: truncate(&commands.join("\n"), FIELD_VALUE),
        inline: false,
    }];
    if !examples.is_empty() {
        fields.push(EmbedField {
            name: "Try asking".into(),
            value: truncate(&examples.join("\n"), FIELD_VALUE),
            inline: false,
        });
    }
    let embed = Embed {
        title: truncate(&format!("rolecall · {}", k.title), TITLE),
        description: truncate(
            &format!(
                "I answer “who does what” questions about {}.",
                roles.join(", ")
            ),
            DESCRIPTION,
        ),
        color: NEUTRAL_COLOUR,
        fields,
        footer: k.credit(0).map(|c| EmbedFooter {
            text: truncate(c, FOOTER_TEXT),
        }),
    };
    Response {
        content: None,
        embed: Some(embed),
        buttons: Vec::new(),
        ephemeral: true,
        entry: None,
        confidence: 1.0,
        cooldown_key: None,
    }
}
