//! The response model, its components and custom ids, checked through serenity's builders.

use super::*;
use rolecall_core::base::KnowledgeBase;
use rolecall_core::knowledge::naming;
use rolecall_core::limits::{
    BUTTON_LABEL, CUSTOM_ID, OPTIONS, OPTION_DESCRIPTION, OPTION_LABEL, OPTION_VALUE, PLACEHOLDER,
};
use rolecall_core::reply::{self, MenuOption};
use rolecall_core::reply::{Menu, Offer};
use rolecall_core::KnowledgeSource;
use rolecall_core::MatchConfig;
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
    assert!((1..=rolecall_core::reply::MAX_OFFERS).contains(&suggestions.len()));
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
                &naming::label(
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

#[test]
fn votes_share_one_row_of_four_with_the_related_entries() {
    let k = knowledge();
    let r = response(&k, "po");
    assert_eq!(r.buttons.len(), 3, "three related entries: {:?}", r.buttons);
    let voted = r.clone().with_votes(1);
    let labels: Vec<&str> = voted.buttons.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(labels.len(), VOTE_ROW, "{labels:?}");
    assert_eq!(&labels[VOTE_ROW - 2..], [UP_LABEL, DOWN_LABEL]);
    assert_eq!(
        voted.buttons[..2],
        r.buttons[..2],
        "the first related entries stay"
    );
    assert!(voted.buttons.iter().all(|b| b.row == 0), "one row");

    // Buttons that are not related entries stay; the votes go below them.
    let mut tour = Response::notice("x");
    tour.entry = Some("po".into());
    tour.answered = true;
    tour.buttons = (0..4)
        .map(|i| Button::new(format!("t{i}"), "T", ButtonKind::Example))
        .collect();
    assert_eq!(row_sizes(&tour.with_votes(1)), [4, 2]);
}
