//! Validation's helpers: id shapes, colours, bare Discord ids, where a parse error falls,
//! and the short credit.

use super::locate::{entry_at, header_line};
use super::*;

#[test]
fn ids_are_lowercase_letters_digits_and_dashes_of_at_most_40() {
    assert_eq!(id_problem("who-owns-backlog"), None);
    assert_eq!(id_problem("pm2"), None);
    assert_eq!(id_problem(""), Some("id is empty".into()));
    for bad in ["Who", "who owns", "-lead", "pm_po", "équipe"] {
        assert!(
            id_problem(bad).unwrap().contains("must be lowercase"),
            "{bad}"
        );
    }
    assert_eq!(id_problem(&"a".repeat(40)), None);
    assert!(id_problem(&"a".repeat(41))
        .unwrap()
        .contains("longer than 40"));
}

#[test]
fn colours_are_six_hex_digits_after_a_hash() {
    assert_eq!(parse_colour("#1f8b4c"), Some(0x1f8b4c));
    assert_eq!(parse_colour("#FFFFFF"), Some(0xffffff));
    for bad in [
        "1f8b4c", "#1f8b4", "#1f8b4cc", "#gggggg", "blue", "#", "#ééé",
    ] {
        assert_eq!(parse_colour(bad), None, "{bad}");
    }
}

#[test]
fn a_discord_id_written_as_a_bare_number_is_noticed() {
    assert!(has_bare_id("user = 220000000000000001"));
    assert!(has_bare_id(
        "channels = [220000000000000001, 220000000000000002]"
    ));
    assert!(!has_bare_id("user = \"220000000000000001\""));
    assert!(!has_bare_id("steps = 12"));
    assert!(!has_bare_id("# user = 220000000000000001"));
    assert!(!has_bare_id("id = \"x\" # 220000000000000001"));
}

#[test]
fn a_parse_error_is_placed_in_the_entry_around_it() {
    let text = "[meta]\ntitle = \"T\"\n\n[[role]]\nid = \"po\"\nname = \"PO\"\n\n[role.facts]\nowns = \"x\"\n\n[[faq]]\nid = \"same\"\nquestion = \"q\"\n";
    let at = |needle: &str| entry_at(text, text.find(needle).unwrap());
    assert_eq!(at("title").as_deref(), Some("meta"));
    assert_eq!(at("name = \"PO\"").as_deref(), Some("role `po`"));
    assert_eq!(
        at("owns = ").as_deref(),
        Some("role `po`"),
        "a sub-table is its entry's"
    );
    assert_eq!(at("question").as_deref(), Some("faq `same`"));
    assert_eq!(header_line(text, "[[faq]]"), Some(11));
    assert_eq!(header_line(text, "[tour]"), None);
}

#[test]
fn the_short_credit_names_author_publisher_and_year() {
    let meta = |author: Option<&str>,
                publisher: Option<&str>,
                date: Option<&str>,
                credit: Option<&str>| MetaDoc {
        author: author.map(Into::into),
        publisher: publisher.map(Into::into),
        date: date.map(Into::into),
        credit: credit.map(Into::into),
        ..MetaDoc::default()
    };
    assert_eq!(
        short_credit(&meta(
            Some("Lindy Quick"),
            Some("KnowledgeHut blog"),
            Some("2025-01-31"),
            None
        )),
        Some("Source: Quick, KnowledgeHut blog, 2025".into())
    );
    assert_eq!(
        short_credit(&meta(None, None, None, Some("Our wiki"))),
        Some("Our wiki".into())
    );
    let long = "a".repeat(SHORT_CREDIT_CHARS + 1);
    assert_eq!(short_credit(&meta(None, None, None, Some(&long))), None);
}
