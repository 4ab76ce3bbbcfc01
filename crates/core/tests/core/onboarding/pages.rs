//! What each page shows: steps, quizzes, the roster, the summary, notes, no tour.

use super::fits::team_blue;
use super::*;

#[test]
fn a_step_shows_its_text_and_offers_what_it_points_to_without_restating_it() {
    let k = with_tour();
    let p = Progress::new(NOW);
    let v = view(&k, &p, Page::Step(0), Surface::Discord, None);
    assert_eq!(v.reply.title, "About art");
    assert!(v.reply.description.starts_with("**The art step.**"));
    assert_eq!(v.reply.footer, "Step 1 of 5 · Welcome to the ART");
    assert!(v.reply.fields.is_empty(), "{:?}", v.reply.fields);
    let safe = k.parse_entry("safe").unwrap();
    let art = k.parse_entry("art").unwrap();
    assert_eq!(
        labels(&v),
        [
            "Back",
            "Next",
            &naming::label(&k, safe),
            &naming::label(&k, art)
        ]
    );
    assert_eq!(find(&v, "Back").does, Does::Tour(Action::Go(Page::Intro)));
    assert_eq!(find(&v, "Back").style, Style::Secondary);
    assert_eq!(find(&v, "Next").does, Does::Tour(Action::Go(Page::Step(1))));
    assert_eq!(find(&v, "Next").style, Style::Primary);
    assert_eq!(v.buttons[2].does, Does::Open("safe".into()));
    assert_eq!(v.buttons[3].does, Does::Open("art".into()));
    let rows: Vec<(u8, Style)> = v.buttons.iter().map(|b| (b.row, b.style)).collect();
    assert_eq!(rows[2..], [(1, Style::Secondary), (1, Style::Secondary)]);
    assert!(v.buttons.iter().all(|b| !b.disabled));
    // The terminal has no buttons: it says what to ask.
    let t = view(&k, &p, Page::Step(0), Surface::Terminal, None);
    let more = field(&t.reply, "More on this").expect("what to ask next");
    assert!(
        more.value
            .starts_with(&format!("rolecall ask \"{}\"\n", naming::title(&k, safe))),
        "{}",
        more.value
    );

    let last = view(&k, &p, Page::Step(4), Surface::Discord, None);
    assert_eq!(labels(&last)[..2], ["Back", "Finish"]);
    assert_eq!(
        find(&last, "Finish").does,
        Does::Tour(Action::Go(Page::Summary))
    );
    assert_eq!(
        find(&last, "Back").does,
        Does::Tour(Action::Go(Page::Step(3)))
    );
}

#[test]
fn a_meet_the_role_step_takes_the_role_colour() {
    let mut k = with_tour();
    let p = Progress::new(NOW);
    let po = &k.roles[k.role_index("po").unwrap()];
    let colour = |k: &Knowledge, i| {
        view(k, &p, Page::Step(i), Surface::Discord, None)
            .reply
            .colour
    };
    assert_eq!(colour(&k, 2), po.colour, "the PO's card and a PO fact");
    assert_eq!(colour(&k, 3), reply::NEUTRAL_COLOUR, "a comparison");
    assert_eq!(colour(&k, 0), reply::NEUTRAL_COLOUR, "terms only");
    let po_colour = po.colour;
    let backlog = k.parse_entry("who-owns-backlog").unwrap();
    k.tour.as_mut().unwrap().steps[2].show.push(backlog);
    assert_eq!(colour(&k, 2), po_colour, "a FAQ beside the PO's card");
    let pm = k.parse_entry("pm").unwrap();
    k.tour.as_mut().unwrap().steps[2].show.push(pm);
    assert_eq!(colour(&k, 2), reply::NEUTRAL_COLOUR, "two roles");
}

#[test]
fn an_open_quiz_asks_right_after_the_text_with_the_answers_as_the_primary_choices() {
    let k = with_tour();
    let v = view(
        &k,
        &Progress::new(NOW),
        Page::Step(1),
        Surface::Discord,
        None,
    );
    assert_eq!(
        v.reply.fields[0].name, "Quick check",
        "the question comes first"
    );
    assert_eq!(v.reply.fields[0].value, "What does the PM look after?");
    assert_eq!(
        labels(&v)[..5],
        [
            "The team backlog",
            "The vision and roadmap",
            "Payroll",
            "Back",
            "Skip"
        ]
    );
    // A choice too long to share a row gets one of its own, so none wraps.
    for (j, b) in v.buttons.iter().take(3).enumerate() {
        assert_eq!(b.does, Does::Tour(Action::Answer { step: 1, choice: j }));
        assert_eq!(
            (b.style, b.disabled, b.row),
            (Style::Primary, false, j as u8)
        );
    }
    assert_eq!(find(&v, "Skip").does, Does::Tour(Action::Go(Page::Step(2))));
    assert_eq!(
        find(&v, "Skip").style,
        Style::Secondary,
        "skipping is not the way forward"
    );
    assert_eq!((find(&v, "Skip").row, find(&v, "Back").row), (3, 3));
    assert!(
        v.buttons.iter().all(|b| usize::from(b.row) < 5),
        "Discord allows five rows"
    );
    // The terminal numbers the choices in the question, to be typed.
    let t = view(
        &k,
        &Progress::new(NOW),
        Page::Step(1),
        Surface::Terminal,
        None,
    );
    let q = field(&t.reply, "Quick check").unwrap();
    assert!(
        q.value
            .contains("\n1. The team backlog\n2. The vision and roadmap\n3. Payroll"),
        "{}",
        q.value
    );
}

#[test]
fn an_answered_quiz_opens_with_the_verdict_in_colour_without_restating_the_answer() {
    let k = with_tour();
    let mut p = Progress::new(NOW);
    let text = view(&k, &p, Page::Step(1), Surface::Discord, None)
        .reply
        .description;
    answer(&k, &mut p, 1, 1);
    let v = view(&k, &p, Page::Step(1), Surface::Discord, None);
    assert_eq!(
        v.reply.description,
        format!(
            "**✅ Right: the vision and roadmap**\nThe PM faces the market and owns the roadmap.\n\n{text}"
        )
    );
    assert_eq!(v.reply.colour, 0x57F287, "green");
    assert!(v.reply.fields.iter().all(|f| !f.name.contains('✅')));
    let styles: Vec<(Style, bool)> = v
        .buttons
        .iter()
        .take(3)
        .map(|b| (b.style, b.disabled))
        .collect();
    assert_eq!(
        styles,
        [
            (Style::Secondary, true),
            (Style::Success, true),
            (Style::Secondary, true)
        ]
    );
    assert_eq!(labels(&v)[3..5], ["Back", "Next"]);
    assert!(!find(&v, "Next").disabled);

    answer(&k, &mut p, 3, 0);
    let v = view(&k, &p, Page::Step(3), Surface::Discord, None);
    let head = v.reply.description.lines().next().unwrap();
    assert_eq!(head, "**❌ Not quite: it's the PM, with the POs**");
    assert!(v
        .reply
        .description
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("Content authority"));
    assert_eq!(v.reply.colour, 0xED4245, "red");
    let styles: Vec<Style> = v.buttons.iter().take(3).map(|b| b.style).collect();
    assert_eq!(styles, [Style::Danger, Style::Secondary, Style::Success]);
    assert!(v.buttons.iter().take(3).all(|b| b.disabled));
    assert_eq!(labels(&v)[3..5], ["Back", "Next"]);
}

#[test]
fn a_roster_step_lists_the_people_or_says_none_are_listed() {
    let mut k = with_tour();
    let p = Progress::new(NOW);
    let v = view(&k, &p, Page::Step(3), Surface::Discord, None);
    let roster = field(&v.reply, "Who holds which role here").expect("a roster field");
    assert!(roster.value.contains("hasn't listed"), "{}", roster.value);
    assert!(field(
        &view(&k, &p, Page::Step(2), Surface::Discord, None).reply,
        "Who holds"
    )
    .is_none());

    k.teams.push(team_blue());
    let po = k.role_index("po").unwrap();
    let pm = k.role_index("pm").unwrap();
    k.holders.push(Holder {
        role: po,
        user: 2_200_000_000_000_000_001,
        team: Some(0),
        origin: ORIGIN,
    });
    k.holders.push(Holder {
        role: pm,
        user: 2_200_000_000_000_000_003,
        team: None,
        origin: ORIGIN,
    });
    let v = view(&k, &p, Page::Step(3), Surface::Discord, None);
    let roster = discord_field(field(&v.reply, "Who holds which role here").unwrap());
    assert!(
        roster
            .value
            .contains("<@2200000000000000001> · Product Owner · Team Blue"),
        "{}",
        roster.value
    );
    assert!(
        roster
            .value
            .contains("<@2200000000000000003> · Product Manager"),
        "{}",
        roster.value
    );
    // The people named, for the Discord layer (in the roster's order: by role).
    assert_eq!(
        v.reply.people,
        [2_200_000_000_000_000_003, 2_200_000_000_000_000_001]
    );
    assert!(view(&k, &p, Page::Step(2), Surface::Discord, None)
        .reply
        .people
        .is_empty());
    // A terminal shows the mentions as @ids.
    let t = view(&k, &p, Page::Step(3), Surface::Terminal, None);
    let text = rolecall_core::render::text::render(&t.reply);
    assert!(!text.contains("<@"), "{text}");
    assert!(
        text.contains("@2200000000000000001 · Product Owner · Team Blue"),
        "{text}"
    );
}

#[test]
fn the_summary_scores_the_quiz_and_offers_what_to_read_again() {
    let k = with_tour();
    let mut p = Progress::new(NOW);
    answer(&k, &mut p, 1, 1); // right
    answer(&k, &mut p, 2, 1); // wrong
    answer(&k, &mut p, 3, 2); // right
    let s = score(tour(&k), &p);
    assert_eq!((s.right, s.answered, s.questions), (2, 3, 3));
    let v = view(&k, &p, Page::Summary, Surface::Discord, None);
    assert_eq!(v.reply.title, "Welcome to the ART");
    let d = &reply::spell_commands(&v.reply.description, reply::slash);
    assert!(d.starts_with("**That's the tour.**"), "{d}");
    assert!(d.contains("Quiz: 2 of 3 right"), "{d}");
    assert!(d.ends_with("Ask me anything with `/ask`."), "{d}");
    // Step 3 (meet-po) was wrong: its entries are to read again, as buttons only.
    let po = k.parse_entry("po").unwrap();
    let po_owns = k.parse_entry("po.owns").unwrap();
    assert!(
        field(&v.reply, "Read again").is_none(),
        "no list repeating the buttons"
    );
    assert_eq!(
        labels(&v),
        [
            naming::label(&k, po).as_str(),
            &naming::label(&k, po_owns),
            "Back",
            "Start over"
        ]
    );
    assert_eq!(v.buttons[0].does, Does::Open("po".into()));
    assert_eq!(v.buttons[1].does, Does::Open("po.owns".into()));
    assert_eq!(find(&v, "Start over").does, Does::Tour(Action::Restart));
    assert_eq!(find(&v, "Start over").style, Style::Secondary);
    assert_eq!(find(&v, "Back").does, Does::Tour(Action::Go(Page::Step(4))));
    assert_eq!((v.buttons[0].row, find(&v, "Back").row), (0, 1));

    let t = view(&k, &p, Page::Summary, Surface::Terminal, None);
    assert!(
        t.reply
            .description
            .contains("`rolecall ask \"…\"` or `rolecall chat`"),
        "{}",
        t.reply.description
    );
    assert!(field(&t.reply, "Read again")
        .unwrap()
        .value
        .starts_with("1. "));
}

#[test]
fn a_skipped_quiz_is_said_and_only_wrong_answers_come_back_three_at_most() {
    let k = with_tour();
    let v = view(
        &k,
        &Progress::new(NOW),
        Page::Summary,
        Surface::Discord,
        None,
    );
    assert!(
        v.reply.description.contains("You skipped the quiz"),
        "{}",
        v.reply.description
    );
    let opens = |v: &View| {
        v.buttons
            .iter()
            .filter(|b| matches!(b.does, Does::Open(_)))
            .count()
    };
    assert_eq!(
        opens(&v),
        0,
        "skipping is not getting it wrong: {:?}",
        labels(&v)
    );
    assert_eq!(labels(&v), ["Back", "Start over"]);

    // Every question wrong: one entry of each wrong step first, three in all, one row.
    let mut all_wrong = Progress::new(NOW);
    for (i, c) in [(1, 0), (2, 1), (3, 0)] {
        answer(&k, &mut all_wrong, i, c);
    }
    let v = view(&k, &all_wrong, Page::Summary, Surface::Discord, None);
    let firsts: Vec<String> = [1, 2, 3]
        .iter()
        .map(|&i| k.entry_id(tour(&k).steps[i].show[0]))
        .collect();
    let opened: Vec<String> = v
        .buttons
        .iter()
        .filter_map(|b| match &b.does {
            Does::Open(id) => Some(id.clone()),
            Does::Tour(_) => None,
        })
        .collect();
    assert_eq!(opened, firsts);
    assert!(v.buttons.iter().take(3).all(|b| b.row == 0));
    assert_eq!(labels(&v)[3..], ["Back", "Start over"]);

    let mut p = Progress::new(NOW);
    answer(&k, &mut p, 1, 1);
    let v = view(&k, &p, Page::Summary, Surface::Discord, None);
    assert!(
        v.reply
            .description
            .contains("Quiz: 1 of 3 right** (2 skipped)"),
        "{}",
        v.reply.description
    );

    let mut all_right = Progress::new(NOW);
    for (i, c) in [(1, 1), (2, 0), (3, 2)] {
        answer(&k, &mut all_right, i, c);
    }
    let v = view(&k, &all_right, Page::Summary, Surface::Discord, None);
    assert!(v.reply.description.contains("Quiz: 3 of 3 right"));
    assert!(field(&v.reply, "Read again").is_none());
    assert_eq!(labels(&v), ["Back", "Start over"]);
    assert!(v.buttons.iter().all(|b| b.row == 0));
}

#[test]
fn a_note_is_shown_first() {
    let k = with_tour();
    let note = "Your progress couldn't be saved just now; the tour still works.";
    for page in [Page::Intro, Page::Step(1), Page::Summary] {
        let v = view(&k, &Progress::new(NOW), page, Surface::Discord, Some(note));
        assert!(
            v.reply.description.starts_with(&format!("⚠️ {note}\n\n")),
            "{page:?}"
        );
    }
}

#[test]
fn without_a_tour_pages_say_how_to_add_one() {
    let k = shipped();
    let mut k2 = shipped();
    k2.tour = None;
    for k in [&k, &k2] {
        if k.tour.is_some() {
            continue;
        }
        let r = no_tour(k, Surface::Discord);
        assert!(
            r.description.contains("no onboarding tour"),
            "{}",
            r.description
        );
        assert!(r.description.contains("[tour]") && r.description.contains("rolecall check"));
        assert!(!r.answered);
        let v = view(
            k,
            &Progress::new(NOW),
            Page::Step(3),
            Surface::Discord,
            None,
        );
        assert_eq!(v.reply, r);
        assert!(v.buttons.is_empty());
        assert!(no_tour(k, Surface::Terminal)
            .description
            .contains("rolecall ask"));
    }
}
