//! Button clicks and menu picks from real Discord payloads.

use crate::*;

#[test]
fn a_click_by_the_asker_is_public_and_by_others_private() {
    let k = knowledge();
    let Interaction::Component(click) = interaction("interaction_button.json") else {
        panic!("expected a component interaction");
    };
    let click: ComponentInteraction = click;
    let r = buttons::click(&k, &click.data.custom_id, click.user.id.get(), false);
    let v = serde_json::to_value(r.to_interaction()).unwrap();
    check_message_data(&v["data"]);
    assert!(!ephemeral(&v), "asker clicked");
    assert_eq!(r.entry.as_deref(), Some("po.owns"));
    let other = buttons::click(&k, &click.data.custom_id, 1234, false);
    assert!(other.ephemeral, "someone else clicked");
    assert_eq!(other.entry.as_deref(), Some("po.owns"));
    let under_private = buttons::click(&k, &click.data.custom_id, click.user.id.get(), true);
    assert!(under_private.ephemeral);
}

/// The select fixture: values, custom id, clicker and whether it sits under an ephemeral
/// message, read the way the handler reads them.
fn select() -> (Vec<String>, String, u64, bool) {
    let Interaction::Component(pick) = interaction("interaction_select.json") else {
        panic!("expected a component interaction");
    };
    let ComponentInteractionDataKind::StringSelect { values } = pick.data.kind else {
        panic!("expected a string select, got {:?}", pick.data.kind);
    };
    let under_ephemeral = pick
        .message
        .flags
        .is_some_and(|f| f.contains(MessageFlags::EPHEMERAL));
    (
        values,
        pick.data.custom_id,
        pick.user.id.get(),
        under_ephemeral,
    )
}

#[test]
fn a_menu_pick_answers_the_picked_fact_like_a_click() {
    let k = knowledge();
    let (values, id, user, under_ephemeral) = select();
    assert_eq!(values, ["po.salary"]);
    assert!(!under_ephemeral);
    let r = buttons::component(&k, &id, &values, user, under_ephemeral);
    let v = serde_json::to_value(r.to_interaction()).unwrap();
    check_message_data(&v["data"]);
    assert!(!ephemeral(&v), "the asker picked under a public message");
    assert_eq!(r.entry.as_deref(), Some("po.salary"));
    assert_eq!(v["data"]["embeds"][0]["title"], "Product Owner: Salary");
    let other = buttons::component(&k, &id, &values, 1234, false);
    assert!(other.ephemeral, "someone else picked");
    assert_eq!(other.entry.as_deref(), Some("po.salary"));
    assert!(buttons::component(&k, &id, &values, user, true).ephemeral);
    let row = buttons::component(&k, &id, &["pm+po.skills".to_string()], user, false);
    assert_eq!(
        row.embed.map(|e| e.title).as_deref(),
        Some("Product Manager vs Product Owner: Skills")
    );
}

#[test]
fn none_of_these_answers_privately_with_examples() {
    let k = knowledge();
    let r = buttons::click(&k, "rc:none:9", 1234, false);
    let v = serde_json::to_value(r.to_interaction()).unwrap();
    check_message_data(&v["data"]);
    assert!(ephemeral(&v), "private, whoever clicks");
    assert_eq!(
        v["data"]["embeds"][0]["title"],
        reply::none_of_these(&k).title.as_str()
    );
    assert!(!button_ids(&v["data"]).is_empty());
}

#[test]
fn menu_picks_and_clicks_spend_their_own_budget_not_the_questions() {
    use rolecall::config::{DEFAULT_CLICK_RATE, DEFAULT_USER_RATE};
    use rolecall::discord::limiter::{Gate, Now, Spend};
    let k = knowledge();
    let (values, id, user, _) = select();
    let mut limiter = Limiter::new(
        Some(DEFAULT_USER_RATE),
        Some(DEFAULT_CLICK_RATE),
        Duration::ZERO,
    );
    let now = Now {
        at: Instant::now(),
        unix: 1_700_000_000,
    };
    let question = || buttons::click(&k, &format!("rc:ans:{user}:pm.owns"), user, false);
    for _ in 0..DEFAULT_USER_RATE.count {
        let g = limiter.gate_interaction(question(), Spend::Question, user, 1, now);
        assert!(matches!(g, Gate::Send(r) if r.embed.is_some()));
    }
    for i in 0..10 {
        let r = if i % 2 == 0 {
            buttons::component(&k, &id, &values, user, false)
        } else {
            buttons::click(&k, &format!("rc:ans:{user}:po.owns"), user, false)
        };
        assert!(r.is_answer());
        let g = limiter.gate_interaction(r, Spend::Click, user, 1, now);
        assert!(
            matches!(&g, Gate::Send(r) if r.embed.is_some()),
            "click {i} after the questions are spent: {g:?}"
        );
    }
    let Gate::Send(limited) = limiter.gate_interaction(question(), Spend::Question, user, 1, now)
    else {
        panic!("a limited question gets a note");
    };
    assert!(limited.ephemeral && limited.embed.is_none(), "{limited:?}");
    let retry = now.unix + DEFAULT_USER_RATE.per.as_secs() as i64;
    assert!(
        limited
            .content
            .unwrap_or_default()
            .contains(&format!("<t:{retry}:R>")),
        "says when to retry in Discord's relative time"
    );
}

#[test]
fn stale_or_foreign_buttons_get_a_polite_private_note() {
    let k = knowledge();
    for id in [
        "rc:ans:1:sm.owns",
        "rc:ans:1:gone-faq",
        "something-else",
        "rc:pick:1",
    ] {
        let r = buttons::click(&k, id, 1, false);
        assert!(r.ephemeral && r.entry.is_none(), "{id}");
        assert_eq!(r.content.as_deref(), Some(buttons::STALE));
    }
    let stale_pick = buttons::component(&k, "rc:pick:1", &["sm.owns".into()], 1, false);
    assert_eq!(stale_pick.content.as_deref(), Some(buttons::STALE));
}
