//! `/help`: what rolecall can do, with example questions from the knowledge.
//!
//! The help is built as a core [`Reply`] and goes through [`Response::from_reply`] like
//! every other answer, so the same embed limits (each part, and the 6000-character total)
//! apply however large the knowledge is.

use crate::discord::response::Response;
use crate::knowledge::{Kind, Knowledge};
use crate::reply::{self, Field, Reply, NEUTRAL_COLOUR};
use serenity::all::CreateCommand;

/// Command name.
pub const NAME: &str = "help";

/// The command's registration.
pub fn register() -> CreateCommand {
    CreateCommand::new(NAME).description("What rolecall can answer, with example questions")
}

/// The help embed, shown only to `asker`.
pub fn run(k: &Knowledge, asker: u64) -> Response {
    Response::from_reply(&help(k), asker).private(true)
}

/// The help as a reply: commands, example questions and the knowledge's credit.
fn help(k: &Knowledge) -> Reply {
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
    let mut fields = vec![Field {
        name: "Commands".into(),
        value: commands.join("\n"),
        inline: false,
    }];
    if !examples.is_empty() {
        fields.push(Field {
            name: "Try asking".into(),
            value: examples.join("\n"),
            inline: false,
        });
    }
    Reply {
        kind: Kind::Help,
        entry: None,
        answered: true,
        confidence: 1.0,
        title: format!("rolecall · {}", k.title),
        description: format!(
            "I answer “who does what” questions about {}.",
            roles.join(", ")
        ),
        fields,
        colour: NEUTRAL_COLOUR,
        footer: k.credit(0).unwrap_or_default().to_string(),
        suggestions: Vec::new(),
        related: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::KnowledgeBase;
    use crate::knowledge::Source;
    use crate::render::limits;

    #[test]
    fn help_is_private_and_lists_the_commands() {
        let k = KnowledgeBase::shipped().unwrap();
        let r = run(&k, 1);
        assert!(r.ephemeral);
        assert!(r.buttons.is_empty());
        let embed = r.embed.unwrap();
        assert!(embed.within_limits());
        assert_eq!(embed.fields[0].name, "Commands");
        assert!(embed.description.contains("Product Owner"));
    }

    /// Knowledge at every per-part limit: 60 roles with 100-character names (a 6,000+
    /// character role list), a long title and a long credit.
    fn huge() -> KnowledgeBase {
        let mut text = format!(
            "[meta]\ntitle = \"{}\"\ncredit = \"{}\"\n\n[[aspect]]\nid = \"owns\"\nname = \"Owns\"\nwords = [\"own\"]\n",
            "T".repeat(90),
            "credit ".repeat(290).trim_end()
        );
        for i in 0..60 {
            let name = format!("{i:02} {}", "Role name ".repeat(10).trim_end())
                .chars()
                .take(100)
                .collect::<String>();
            text.push_str(&format!(
                "\n[[role]]\nid = \"r{i}\"\nname = \"{}\"\ncolour = \"#2f80ed\"\nsummary = \"A role.\"\n\n[role.facts]\nowns = \"Things.\"\n",
                name.trim_end()
            ));
        }
        KnowledgeBase::from_sources(vec![Source {
            path: "huge.toml".into(),
            text,
        }])
        .unwrap()
    }

    #[test]
    fn help_for_huge_knowledge_stays_within_every_embed_limit() {
        let k = huge();
        let embed = run(&k, 1).embed.unwrap();
        assert!(embed.within_limits(), "{embed:#?}");
        assert!(embed.total_chars() <= limits::TOTAL);
        assert_eq!(embed.fields[0].name, "Commands");
    }
}
