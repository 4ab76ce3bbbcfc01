//! Every page of a tour fits Discord, cut by characters when its text is too long; the intro.

use super::*;

/// Everything Discord checks of one page: embed texts, fields, total; button labels, rows.
pub(super) fn assert_within_limits(v: &View, what: &str) {
    let r = &v.reply;
    let c = limits::chars;
    assert!(
        !r.title.is_empty() && c(&r.title) <= limits::TITLE,
        "{what}: title"
    );
    assert!(
        c(&r.description) <= limits::DESCRIPTION,
        "{what}: description"
    );
    assert!(c(&r.footer) <= limits::FOOTER_TEXT, "{what}: footer");
    assert!(r.fields.len() <= limits::FIELDS, "{what}: fields");
    for f in &r.fields {
        assert!(
            (1..=limits::FIELD_NAME).contains(&c(&f.name)),
            "{what}: {f:?}"
        );
        assert!(
            (1..=limits::FIELD_VALUE).contains(&c(&f.value)),
            "{what}: {f:?}"
        );
    }
    let total = c(&r.title)
        + c(&r.description)
        + c(&r.footer)
        + r.fields
            .iter()
            .map(|f| c(&f.name) + c(&f.value))
            .sum::<usize>();
    assert!(total <= limits::TOTAL, "{what}: total {total}");
    assert!(
        r.rows.is_empty() && r.menu.is_none(),
        "{what}: no rows or menu"
    );
    let embed = rolecall_core::render::Embed::from_reply(r);
    assert!(embed.within_limits(), "{what}");
    // People and commands are spelled for Discord in as many characters as they take in
    // the reply, so the same length means nothing was cut.
    assert_eq!(
        c(&embed.description),
        c(&r.description),
        "{what}: nothing cut"
    );
    for b in &v.buttons {
        assert!(
            (1..=limits::BUTTON_LABEL).contains(&c(&b.label)),
            "{what}: {b:?}"
        );
    }
    let rows: Vec<u8> = v.buttons.iter().map(|b| b.row).collect();
    assert!(
        rows.windows(2).all(|w| w[0] <= w[1]),
        "{what}: rows in order"
    );
    assert!(rows.iter().all(|&r| r < 5), "{what}: at most 5 rows");
    for row in 0..5 {
        let n = rows.iter().filter(|&&r| r == row).count();
        assert!(n <= 5, "{what}: row {row} has {n} buttons");
    }
}

/// Every page of `k`'s tour, for a user who answered nothing, everything right, and
/// everything wrong, on both surfaces, with and without a note.
fn every_view(k: &Knowledge) -> Vec<(String, View)> {
    let t = tour(k);
    let mut right = Progress::new(NOW);
    let mut wrong = Progress::new(NOW);
    for (i, s) in t.steps.iter().enumerate() {
        if let Some(q) = &s.quiz {
            apply(
                t,
                &mut right,
                Action::Answer {
                    step: i,
                    choice: q.answer,
                },
                NOW,
            );
            let bad = (q.answer + 1) % q.choices.len();
            apply(
                t,
                &mut wrong,
                Action::Answer {
                    step: i,
                    choice: bad,
                },
                NOW,
            );
        }
    }
    let mut all = Vec::new();
    for (who, p) in [
        ("fresh", Progress::new(NOW)),
        ("right", right),
        ("wrong", wrong),
    ] {
        for n in 0..=t.steps.len() + 1 {
            let page = Page::from_number(t, n).unwrap();
            for surface in [Surface::Discord, Surface::Terminal] {
                for note in [
                    None,
                    Some("Your progress couldn't be saved just now; the tour still works."),
                ] {
                    let v = view(k, &p, page, surface, note);
                    assert_eq!(v.page, page);
                    all.push((format!("{who} {page:?} {surface:?} {note:?}"), v));
                }
            }
        }
    }
    all
}

/// Team Blue, with one channel.
pub(super) fn team_blue() -> Team {
    Team {
        id: "blue".into(),
        name: "Team Blue".into(),
        aliases: Vec::new(),
        channels: vec![1_100_000_000_000_000_001],
        origin: ORIGIN,
    }
}

#[test]
fn every_page_of_the_hand_built_tour_fits_discord() {
    let mut k = with_tour();
    k.teams.push(team_blue());
    // A roster far longer than a field holds.
    for n in 0..200 {
        k.holders.push(Holder {
            role: n % 2,
            user: 2_200_000_000_000_000_000 + n as u64,
            team: (n % 3 == 0).then_some(0),
            origin: ORIGIN,
        });
    }
    for (what, v) in every_view(&k) {
        assert_within_limits(&v, &what);
    }
}

/// The shipped knowledge with the roster fixture's teams and people.
fn shipped_with_roster() -> Knowledge {
    let mut sources = Knowledge::shipped_sources();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/roster/people.toml"
    );
    sources.push(rolecall_core::knowledge::Source {
        path: path.into(),
        text: std::fs::read_to_string(path).expect("the roster fixture"),
    });
    Knowledge::from_sources(sources).expect("the shipped knowledge and the roster load")
}

#[test]
fn every_page_of_the_shipped_tour_fits_discord() {
    for k in [shipped(), shipped_with_roster()] {
        let t = k.tour.as_ref().expect("the shipped knowledge has a tour");
        assert!((5..=8).contains(&t.steps.len()), "5–8 steps");
        let quizzes = t.steps.iter().filter(|s| s.quiz.is_some()).count();
        assert!((2..=3).contains(&quizzes), "2–3 quiz questions");
        for (what, v) in every_view(&k) {
            assert_within_limits(&v, &what);
        }
    }
}

#[test]
fn the_shipped_roster_step_names_the_people_listed() {
    let k = shipped_with_roster();
    let t = tour(&k);
    let i = t
        .steps
        .iter()
        .position(|s| s.roster)
        .expect("a roster step");
    let v = view(
        &k,
        &Progress::new(NOW),
        Page::Step(i),
        Surface::Discord,
        None,
    );
    let roster = field(&v.reply, "Who holds which role here").expect("the roster");
    let roster = discord_field(roster);
    for user in [
        "2200000000000000001",
        "2200000000000000002",
        "2200000000000000003",
    ] {
        assert!(
            roster.value.contains(&format!("<@{user}>")),
            "{}",
            roster.value
        );
    }
    let v = view(
        &shipped(),
        &Progress::new(NOW),
        Page::Step(i),
        Surface::Discord,
        None,
    );
    let roster = field(&v.reply, "Who holds which role here").expect("the roster note");
    assert!(roster.value.contains("hasn't listed"), "{}", roster.value);
}

#[test]
fn oversized_text_is_cut_by_characters_to_fit() {
    let mut k = with_tour();
    let t = k.tour.as_mut().unwrap();
    t.title = "Ü".repeat(500);
    t.intro = "ñ".repeat(7000);
    t.steps[1].text = "é".repeat(5000);
    t.steps[1].title = "ä".repeat(300);
    let q = t.steps[1].quiz.as_mut().unwrap();
    q.question = "ö".repeat(2000);
    q.explain = "ß".repeat(2000);
    q.choices[0] = "ø".repeat(200);
    let mut p = Progress::new(NOW);
    for page in [Page::Intro, Page::Step(1), Page::Summary] {
        assert_within_limits(&view(&k, &p, page, Surface::Discord, Some("note")), "long");
    }
    answer(&k, &mut p, 1, 0);
    assert_within_limits(
        &view(&k, &p, Page::Step(1), Surface::Discord, None),
        "answered",
    );
}

#[test]
fn the_intro_shows_the_tour_at_a_glance_and_starts_it() {
    let k = with_tour();
    let v = view(&k, &Progress::new(NOW), Page::Intro, Surface::Discord, None);
    assert_eq!(v.reply.title, "Welcome to the ART");
    assert!(
        v.reply.description.starts_with("**Hi!** A short tour"),
        "{}",
        v.reply.description
    );
    assert!(
        v.reply
            .description
            .contains("5 steps · 3 quiz questions · about 2 minutes"),
        "{}",
        v.reply.description
    );
    assert_eq!(v.reply.footer, k.short_credit_for(None));
    assert_eq!(v.reply.colour, reply::NEUTRAL_COLOUR);
    assert_eq!(v.reply.kind, Kind::Help);
    assert!(v.reply.suggestions.is_empty() && v.reply.related.is_empty());
    assert_eq!(
        v.buttons,
        vec![TourButton {
            label: "Start".into(),
            does: Does::Tour(Action::Go(Page::Step(0))),
            style: Style::Primary,
            disabled: false,
            row: 0,
        }]
    );
}
