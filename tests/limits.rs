//! Boundary tests for every Discord embed limit: at the limit passes, one over is truncated.

use rolecall::render::limits::{self, chars, truncate};
use rolecall::render::Embed;
use rolecall::reply::{Field, Reply};
use rolecall::Kind;

fn reply() -> Reply {
    Reply {
        kind: Kind::Faq,
        entry: Some("x".into()),
        answered: true,
        confidence: 1.0,
        title: "t".into(),
        description: "d".into(),
        fields: Vec::new(),
        colour: 0x123456,
        footer: "f".into(),
        suggestions: Vec::new(),
        related: Vec::new(),
    }
}

/// Multi-byte text so byte slicing would panic or miscount.
fn text(n: usize) -> String {
    "é🦀".chars().cycle().take(n).collect()
}

fn check(len: usize, max: usize, set: impl Fn(&mut Reply, String), get: impl Fn(&Embed) -> String) {
    let mut at = reply();
    set(&mut at, text(max));
    let e = Embed::from_reply(&at);
    assert_eq!(get(&e), text(max), "at the limit ({max}) is kept whole");
    assert!(e.within_limits());

    let mut over = reply();
    set(&mut over, text(len));
    let e = Embed::from_reply(&over);
    let got = get(&e);
    assert_eq!(chars(&got), max, "one over ({len}) is cut to {max}");
    assert!(got.ends_with(limits::ELLIPSIS));
    assert!(e.within_limits());
}

#[test]
fn title_256() {
    check(257, limits::TITLE, |r, s| r.title = s, |e| e.title.clone());
}

#[test]
fn description_4096() {
    check(
        4097,
        limits::DESCRIPTION,
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
        limits::FIELD_NAME,
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
        limits::FIELD_VALUE,
        |r, s| r.fields = vec![field(s)],
        |e| e.fields[0].value.clone(),
    );
}

#[test]
fn footer_2048() {
    check(
        2049,
        limits::FOOTER_TEXT,
        |r, s| r.footer = s,
        |e| e.footer.as_ref().unwrap().text.clone(),
    );
}

#[test]
fn fields_25() {
    let field = |i: usize| Field {
        name: format!("n{i}"),
        value: "v".into(),
        inline: true,
    };
    let mut r = reply();
    r.fields = (0..25).map(field).collect();
    assert_eq!(Embed::from_reply(&r).fields.len(), 25);
    r.fields = (0..26).map(field).collect();
    let e = Embed::from_reply(&r);
    assert_eq!(e.fields.len(), 25);
    assert!(e.within_limits());
}

#[test]
fn total_6000() {
    // Exactly 6000: title 1 + footer 1 + description 3998.
    let mut r = reply();
    r.description = text(5998);
    let e = Embed::from_reply(&r);
    assert_eq!(chars(&e.description), limits::DESCRIPTION);
    r.description = text(3998);
    r.fields = vec![
        Field {
            name: "n".into(),
            value: text(999),
            inline: false
        };
        2
    ];
    let e = Embed::from_reply(&r);
    assert_eq!(e.total_chars(), 1 + 3998 + 2 * (1 + 999) + 1);
    assert!(e.total_chars() <= limits::TOTAL);
    // At exactly 6000 nothing is cut.
    r.fields = vec![
        Field {
            name: "n".into(),
            value: text(999),
            inline: false
        };
        2
    ];
    r.description = text(6000 - 2 - 2000);
    let e = Embed::from_reply(&r);
    assert_eq!(e.total_chars(), limits::TOTAL);
    assert!(!e.description.ends_with(limits::ELLIPSIS));
    // One over: the description gives way.
    r.description = text(6000 - 2 - 2000 + 1);
    let e = Embed::from_reply(&r);
    assert_eq!(e.total_chars(), limits::TOTAL);
    assert!(e.description.ends_with(limits::ELLIPSIS));
    // Everything at its maximum still fits.
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
    assert!(e.within_limits(), "total {}", e.total_chars());
}

#[test]
fn empty_field_parts_are_never_sent_empty() {
    let mut r = reply();
    r.fields = vec![Field {
        name: " ".into(),
        value: String::new(),
        inline: true,
    }];
    let e = Embed::from_reply(&r);
    assert!(e.within_limits());
}

#[test]
fn truncate_counts_characters_not_bytes() {
    assert_eq!(truncate("🦀🦀🦀", 3), "🦀🦀🦀");
    assert_eq!(truncate("🦀🦀🦀🦀", 3), "🦀🦀…");
    assert_eq!(truncate("abc", 0), "");
    assert_eq!(truncate("", 5), "");
}
