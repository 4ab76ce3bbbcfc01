//! `/help`: what rolecall can do, with example questions from the knowledge.
//!
//! The help is the core [`reply::help`] and goes through [`Response::from_reply`] like
//! every other answer, so the same embed limits (each part, and the 6000-character total)
//! apply however large the knowledge is.

use crate::discord::response::Response;
use rolecall_core::knowledge::Knowledge;
use rolecall_core::reply;
use serenity::all::CreateCommand;

/// Command name.
pub const NAME: &str = "help";

/// The command's registration.
pub fn register() -> CreateCommand {
    CreateCommand::new(NAME).description("What rolecall can answer, with example questions")
}

/// The help embed, shown only to `asker`.
pub fn run(k: &Knowledge, asker: u64) -> Response {
    Response::from_reply(&reply::help(k), asker).private(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rolecall_core::base::KnowledgeBase;
    use rolecall_core::knowledge::Source;
    use rolecall_core::limits;

    #[test]
    fn help_is_private_and_lists_the_commands() {
        let k = KnowledgeBase::shipped().unwrap();
        let r = run(&k, 1);
        assert!(r.ephemeral);
        assert!(!r.buttons.is_empty(), "example questions are buttons");
        let embed = r.embed.unwrap();
        assert!(embed.within_limits());
        assert!(embed.description.contains("Product Owner"));
        let how = embed
            .fields
            .iter()
            .find(|f| f.name == "How to ask")
            .expect("a How to ask field");
        let registered: Vec<String> = crate::discord::commands::all()
            .iter()
            .map(|c| {
                serde_json::to_value(c).unwrap()["name"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        // The commands a member asks with; the shipped knowledge has a tour, so /onboard too.
        for name in ["ask", "role", "compare", "faq", "onboard"] {
            assert!(
                registered.iter().any(|r| r == name),
                "/{name} is registered"
            );
            assert!(
                how.value.contains(&format!("`/{name}`")),
                "/{name}: {}",
                how.value
            );
        }
    }

    #[test]
    fn every_command_a_reply_points_to_is_registered() {
        let registered: Vec<serde_json::Value> = crate::discord::commands::all()
            .iter()
            .map(|c| serde_json::to_value(c).unwrap())
            .collect();
        for command in reply::Command::ALL {
            let mut words = command.name().split(' ');
            let name = words.next().unwrap();
            let c = registered
                .iter()
                .find(|c| c["name"] == name)
                .unwrap_or_else(|| panic!("/{name} is not registered"));
            if let Some(sub) = words.next() {
                let subs = c["options"].as_array().expect("subcommands");
                assert!(subs.iter().any(|o| o["name"] == sub), "/{name} {sub}");
            }
        }
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
        assert!(embed.fields.iter().any(|f| f.name == "How to ask"));
    }
}
