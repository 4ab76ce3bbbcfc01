//! Boundary tests for every Discord embed limit: at the limit passes, one over is truncated.

use rolecall_core::limits::{self, chars, truncate};
use rolecall_core::render::embed::EmbedField;
use rolecall_core::render::Embed;
use rolecall_core::reply::{Field, Reply};
use rolecall_core::Kind;

fn reply() -> Reply {
    Reply {
        entry: Some("x".into()),
        answered: true,
        confidence: 1.0,
        ..Reply::plain(Kind::Faq, "t".into(), "d".into(), 0x123456, "f".into())
    }
}

/// Multi-byte text so byte slicing would panic or miscount.
fn text(n: usize) -> String {
    "é🦀".chars().cycle().take(n).collect()
}

/// Discord's documented embed limits, written out here as Discord states them (not read from
/// the code's constants), so a wrong constant in the code fails these tests.
#[track_caller]
fn assert_fits_discord(e: &Embed) {
    let n = |s: &str| s.chars().count();
    assert!(n(&e.title) <= 256, "title {}", n(&e.title));
    assert!(
        n(&e.description) <= 4096,
        "description {}",
        n(&e.description)
    );
    assert!(e.fields.len() <= 25, "{} fields", e.fields.len());
    for EmbedField { name, value, .. } in &e.fields {
        assert!(n(name) <= 256, "field name {}", n(name));
        assert!(n(value) <= 1024, "field value {}", n(value));
    }
    let footer = e.footer.as_ref().map_or(0, |f| n(&f.text));
    assert!(footer <= 2048, "footer {footer}");
    let total = n(&e.title)
        + n(&e.description)
        + footer
        + e.fields
            .iter()
            .map(|f| n(&f.name) + n(&f.value))
            .sum::<usize>();
    assert!(total <= 6000, "total {total}");
    assert!(e.within_limits(), "the code's own check agrees");
}

fn check(len: usize, max: usize, set: impl Fn(&mut Reply, String), get: impl Fn(&Embed) -> String) {
    let mut at = reply();
    set(&mut at, text(max));
    let e = Embed::from_reply(&at);
    assert_eq!(get(&e), text(max), "at the limit ({max}) is kept whole");
    assert_fits_discord(&e);

    let mut over = reply();
    set(&mut over, text(len));
    let e = Embed::from_reply(&over);
    let got = get(&e);
    assert_eq!(chars(&got), max, "one over ({len}) is cut to {max}");
    assert!(got.ends_with(limits::ELLIPSIS));
    assert_fits_discord(&e);
}

#[test]
fn title_256() {
    check(257, 256, |r, s| r.title = s, |e| e.title.clone());
}

#[test]
fn description_4096() {
    check(
        4097,
        4_096,
        |r, s| r.description = s,
        |e| e.description.clone(),
    );
}

#[test]
fn field_name_256() {
    let field = |s: String| Field {
        name: s,
        value: "v".into(),
        inline: true,
    };
    check(
        257,
        256,
        |r, s| r.fields = vec![field(s)],
        |e| e.fields[0].name.clone(),
    );
}

#[test]
fn field_value_1024() {
    let field = |s: String| Field {
        name: "n".into(),
        value: s,
        inline: false,
    };
    check(
        1025,
        1_024,
        |r, s| r.fields = vec![field(s)],
        |e| e.fields[0].value.clone(),
    );
}

#[test]
fn footer_2048() {
    check(
        2049,
        2_048,
        |r, s| r.footer = s,
        |e| e.footer.as_ref().unwrap().text.clone(),
    );
}

#[test]
fn fields_25() {
    let numbered = |i: usize| field(format!("n{i}"), "v".into());
    let mut r = reply();
    r.fields = (0..25).map(numbered).collect();
    assert_eq!(Embed::from_reply(&r).fields.len(), 25);
    r.fields = (0..26).map(numbered).collect();
    let e = Embed::from_reply(&r);
    assert_eq!(e.fields.len(), 25);
    assert_eq!(e.fields[24].name, "n24", "the 26th is the one left out");
}

fn field(name: String, value: String) -> Field {
    Field {
        name,
        value,
        inline: false,
    }
}

#[test]
fn total_6000() {
    // Title 1 + footer 1 + two fields of 1 + 999 + a 3998-character description: 6000.
    let mut r = reply();
    r.fields = vec![field("n".into(), text(999)); 2];
    r.description = text(3998);
    let e = Embed::from_reply(&r);
    assert_eq!(e.total_chars(), 6_000);
    assert_eq!(e.description, r.description, "at 6000 nothing is cut");
    assert_eq!(e.fields.len(), 2);
    // One over: the description gives way, by exactly one character, and the fields stay.
    r.description = text(3999);
    let e = Embed::from_reply(&r);
    assert_eq!(e.total_chars(), 6_000);
    assert_eq!(chars(&e.description), 3998);
    assert!(e.description.ends_with(limits::ELLIPSIS));
    assert_eq!(e.fields.len(), 2);
    assert_eq!(e.fields[1].value, text(999));
    // Everything over its own limit still fits in the end.
    r.title = text(300);
    r.description = text(5000);
    r.fields = vec![
        Field {
            name: text(300),
            value: text(2000),
            inline: true
        };
        30
    ];
    r.footer = text(3000);
    let e = Embed::from_reply(&r);
    assert_fits_discord(&e);
}

#[test]
fn over_6000_with_a_short_description_drops_trailing_fields() {
    // Six full fields (6 × 1025) cannot fit; the description has nothing to give.
    let mut r = reply();
    r.fields = (0..6).map(|i| field(format!("{i}"), text(1_024))).collect();
    let e = Embed::from_reply(&r);
    assert_fits_discord(&e);
    let names: Vec<&str> = e.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["0", "1", "2", "3", "4"],
        "the first fields are kept whole"
    );
    assert!(e.fields.iter().all(|f| f.value == text(1_024)));
    assert_eq!(e.description, "d");
}

#[test]
fn blank_parts_are_never_sent_blank() {
    let mut r = reply();
    r.fields = vec![Field {
        name: " ".into(),
        value: String::new(),
        inline: true,
    }];
    r.footer = " ".into();
    let e = Embed::from_reply(&r);
    // Discord rejects a blank field name or value: they get a placeholder.
    assert!(!e.fields[0].name.trim().is_empty(), "{:?}", e.fields[0]);
    assert!(!e.fields[0].value.trim().is_empty(), "{:?}", e.fields[0]);
    // A blank footer is left out rather than sent.
    assert_eq!(e.footer, None);
    let json = serde_json::to_value(&e).unwrap();
    assert!(json.get("footer").is_none(), "{json}");
}

#[test]
fn truncate_counts_characters_not_bytes() {
    assert_eq!(truncate("🦀🦀🦀", 3), "🦀🦀🦀");
    assert_eq!(truncate("🦀🦀🦀🦀", 3), "🦀🦀…");
    assert_eq!(truncate("abc", 0), "");
    assert_eq!(truncate("", 5), "");
}
