//! Slash commands and autocomplete from real Discord payloads.

use crate::*;

#[test]
fn every_fixture_deserializes_into_serenity_types() {
    for name in [
        "interaction_ask.json",
        "interaction_faq_private.json",
        "interaction_role.json",
        "interaction_compare.json",
        "interaction_help.json",
        "interaction_autocomplete_faq.json",
        "interaction_autocomplete_role_aspect.json",
        "interaction_button.json",
        "interaction_select.json",
        "interaction_modal_submit.json",
    ] {
        interaction(name);
    }
    let m: Message = serde_json::from_value(fixture("message_create.json")).expect("message");
    assert_eq!(m.content, "who owns the backlog?");
}

#[test]
fn ask_answers_publicly_with_related_buttons() {
    let (r, v) = run("interaction_ask.json");
    assert_eq!(v["type"], 4, "CHANNEL_MESSAGE_WITH_SOURCE");
    check_message_data(&v["data"]);
    assert!(!ephemeral(&v));
    assert_eq!(r.entry.as_deref(), Some("who-owns-backlog"));
    assert_eq!(v["data"]["embeds"][0]["title"], "Who owns the backlog?");
    let ids = button_ids(&v["data"]);
    assert_eq!(ids.len(), 3);
    assert_eq!(ids[0], "rc:ans:53908232506183680:po");
}

#[test]
fn faq_with_private_flag_is_ephemeral() {
    let (r, v) = run("interaction_faq_private.json");
    check_message_data(&v["data"]);
    assert!(ephemeral(&v));
    assert_eq!(r.entry.as_deref(), Some("mvp"));
}

#[test]
fn role_with_aspect_gives_the_fact() {
    let (r, v) = run("interaction_role.json");
    check_message_data(&v["data"]);
    assert!(!ephemeral(&v));
    assert_eq!(r.entry.as_deref(), Some("po.owns"));
    assert_eq!(
        v["data"]["embeds"][0]["title"],
        "Product Owner: What they own"
    );
    assert_eq!(
        v["data"]["components"][0]["components"][0]["type"], 3,
        "menu first"
    );
    assert_eq!(
        v["data"]["components"][0]["components"][0]["custom_id"],
        "rc:pick:53908232506183680"
    );
    let values = menu_values(&v["data"]);
    assert!(values.contains(&"po.salary".to_string()), "{values:?}");
    assert!(
        !values.contains(&"po.owns".to_string()),
        "not the fact shown"
    );
}

#[test]
fn compare_resolves_ids_and_names() {
    let (r, v) = run("interaction_compare.json");
    check_message_data(&v["data"]);
    assert_eq!(r.entry.as_deref(), Some("pm+po.salary"));
    let fields = v["data"]["embeds"][0]["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 2);
    assert!(fields.iter().all(|f| f["inline"] == true));
    let values = menu_values(&v["data"]);
    assert!(!values.is_empty(), "the other aspects to compare on");
    assert!(values.iter().all(|x| x.starts_with("pm+po.")), "{values:?}");
}

#[test]
fn help_is_private_and_lists_examples() {
    let (_, v) = run("interaction_help.json");
    check_message_data(&v["data"]);
    assert!(ephemeral(&v));
    let embed = &v["data"]["embeds"][0];
    let fields = embed["fields"].as_array().unwrap();
    let field = |name: &str| {
        fields
            .iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("a field {name:?}: {embed}"))
    };
    assert!(field("How to ask")["value"]
        .as_str()
        .unwrap()
        .contains("/ask"));
    let examples: Vec<String> = reply::help(&knowledge())
        .examples
        .into_iter()
        .map(|o| o.label)
        .collect();
    assert!(!examples.is_empty());
    assert_eq!(
        button_labels(&v["data"]),
        examples,
        "examples are buttons too"
    );
}

#[test]
fn unknown_roles_and_aspects_get_a_private_hint() {
    let k = knowledge();
    for c in [
        Command::Role {
            name: "chef".into(),
            aspect: None,
            private: false,
        },
        Command::Role {
            name: "po".into(),
            aspect: Some("zzz".into()),
            private: false,
        },
        Command::Compare {
            first: "pm".into(),
            second: "pm".into(),
            aspect: None,
            private: false,
        },
    ] {
        let r = c.run(&k, &cfg(), 1, 2).0;
        assert!(r.ephemeral, "{c:?}");
        assert!(r.embed.is_none());
        check_message_data(&serde_json::to_value(r.to_interaction()).unwrap()["data"]);
    }
}

#[test]
fn an_unsure_question_offers_did_you_mean_buttons() {
    let k = knowledge();
    let c = Command::Ask {
        question: "backlog".into(),
        private: false,
    };
    let r = c.run(&k, &cfg(), 9, 2).0;
    let v = serde_json::to_value(r.to_interaction()).unwrap();
    check_message_data(&v["data"]);
    assert!(r.entry.is_none());
    let buttons = components(&v["data"]);
    let (none, suggestions) = buttons.split_last().expect("buttons");
    assert!((1..=3).contains(&suggestions.len()), "{buttons:?}");
    assert!(suggestions.iter().all(|b| b["style"] == 1), "primary");
    assert_eq!(none["label"], NONE_LABEL);
    assert_eq!(none["style"], 2, "secondary");
    assert_eq!(none["custom_id"], "rc:none:9");
    let text = v["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap_or_default();
    assert!(!text.contains("1."), "no numbered list: {text}");
}

#[test]
fn a_declined_question_is_private() {
    let k = knowledge();
    let c = Command::Ask {
        question: "how do I reset my vpn password".into(),
        private: false,
    };
    let r = c.run(&k, &cfg(), 9, 2).0;
    assert!(r.ephemeral);
    let v = serde_json::to_value(r.to_interaction()).unwrap();
    check_message_data(&v["data"]);
    let examples: Vec<String> = reply::help(&k)
        .examples
        .into_iter()
        .map(|o| o.label)
        .collect();
    assert_eq!(
        button_labels(&v["data"]),
        examples,
        "example questions to try"
    );
    assert!(components(&v["data"]).iter().all(|b| b["style"] == 2));
    assert!(button_ids(&v["data"])
        .iter()
        .all(|id| id.starts_with("rc:ans:9:")));
}

#[test]
fn autocomplete_over_faqs_and_terms() {
    let k = knowledge();
    let ac = autocomplete("interaction_autocomplete_faq.json");
    let choices = commands::autocomplete(&k, &ac.data);
    assert!(!choices.is_empty() && choices.len() <= limits::CHOICES);
    assert_eq!(choices[0].value, "who-owns-backlog");
    assert!(choices
        .iter()
        .all(|c| c.name.chars().count() <= limits::CHOICE_NAME));
}

#[test]
fn aspect_autocomplete_lists_what_the_chosen_role_has() {
    let k = knowledge();
    let ac = autocomplete("interaction_autocomplete_role_aspect.json");
    let values: Vec<String> = commands::autocomplete(&k, &ac.data)
        .into_iter()
        .map(|c| c.value)
        .collect();
    assert_eq!(values, vec!["owns", "salary", "skills"]);
}
