use super::*;
use crate::knowledge::{Entry, Source};
use crate::matching::MatchConfig;

fn shipped() -> KnowledgeBase {
    KnowledgeBase::shipped().unwrap()
}

fn faq(id: &str, question: &str, answer: &str, phrasings: &[&str]) -> ServerFaq {
    ServerFaq {
        id: id.into(),
        question: question.into(),
        answer: answer.into(),
        phrasings: phrasings.iter().map(|p| p.to_string()).collect(),
    }
}

fn jira() -> ServerFaq {
    faq(
        "jira-access",
        "How do I request Jira access?",
        "**File an IT ticket.** Pick \"Jira\" under Tools; it takes a day.",
        &["who gives out jira accounts", "getting a jira login"],
    )
}

fn answers(kb: &KnowledgeBase, q: &str) -> Option<String> {
    let m = kb.find(q, &MatchConfig::default());
    m.ranked
        .first()
        .filter(|_| m.rejection.is_none())
        .map(|(e, _)| kb.entry_id(*e))
}

#[test]
fn a_server_faq_is_answered_on_top_of_the_base() {
    let base = shipped();
    let overlay = Overlay::default().with_faq(jira());
    let kb = build(&base, &overlay, 7, DEFAULT_FAQ_LIMIT).expect("accepted");
    assert_eq!(kb.faqs.len(), base.faqs.len() + 1);
    assert_eq!(
        answers(&kb, "how do I request jira access?").as_deref(),
        Some("jira-access")
    );
    assert_ne!(
        answers(&base, "how do I request jira access?").as_deref(),
        Some("jira-access"),
        "the base is untouched"
    );
}

#[test]
fn a_phrasing_that_reads_like_another_entry_is_refused_by_name() {
    let base = shipped();
    let taken = base.faqs[0].question.clone();
    let overlay = Overlay::default().with_faq(faq(
        "mine",
        "How do we deploy?",
        "**On Tuesdays.** We deploy then.",
        &[&taken],
    ));
    match build(&base, &overlay, 7, DEFAULT_FAQ_LIMIT) {
        Err(Refusal::Problems(p)) => {
            let text = Refusal::Problems(p).to_string();
            assert!(text.contains("faq `mine`"), "{text}");
            assert!(text.contains(&base.faqs[0].id), "{text}");
        }
        other => panic!("not refused: {other:?}"),
    }
}

#[test]
fn an_empty_answer_a_shadowed_id_and_pings_are_refused() {
    let base = shipped();
    let shipped_id = base.faqs[0].id.clone();
    for bad in [
        faq("empty", "How do we deploy?", "   ", &[]),
        faq(&shipped_id, "How do we deploy?", "On Tuesdays.", &[]),
        faq(
            "ping",
            "How do we deploy?",
            "Ask @everyone on Tuesdays.",
            &[],
        ),
        faq("role", "How do we deploy?", "Ask <@&123> first.", &[]),
        faq("q", "Is <@42> our deployer?", "Yes.", &[]),
        faq("long", &"why ".repeat(60), "Yes.", &[]),
    ] {
        let id = bad.id.clone();
        let r = build(
            &base,
            &Overlay::default().with_faq(bad),
            7,
            DEFAULT_FAQ_LIMIT,
        );
        assert!(
            matches!(r, Err(Refusal::Problems(ref p)) if !p.is_empty()),
            "{id}: {r:?}"
        );
    }
    let fine = faq(
        "people",
        "Who runs deploys?",
        "**Ask <@42>.** They run them.",
        &[],
    );
    assert!(build(
        &base,
        &Overlay::default().with_faq(fine),
        7,
        DEFAULT_FAQ_LIMIT
    )
    .is_ok());
}

#[test]
fn the_cap_counts_faqs() {
    let base = shipped();
    let overlay = Overlay::default().with_faq(jira()).with_faq(faq(
        "deploys",
        "When do we deploy?",
        "On Tuesdays.",
        &[],
    ));
    assert_eq!(
        build(&base, &overlay, 7, 1).err(),
        Some(Refusal::Full { limit: 1 })
    );
}

#[test]
fn an_export_reads_back_as_the_same_overlay_and_prints_the_same() {
    let base = shipped();
    let overlay = Overlay::default()
        .with_faq(jira())
        .with_faq(faq(
            "unicode",
            "Qui décide ? 🚀",
            "**Le PM.**\n\n\"Citation\" \\ fin",
            &[],
        ))
        .with_holder(ServerHolder {
            role: "po".into(),
            team: Some("Checkout Crew".into()),
            user: 210987654321098765,
        })
        .with_holder(ServerHolder {
            role: "pm".into(),
            team: None,
            user: u64::MAX,
        });
    let text = overlay.to_toml(9, &base);
    let back = parse(&text, "x.toml", &base).expect("parses");
    assert_eq!(back, overlay);
    assert_eq!(back.to_toml(9, &base), text, "byte for byte");
    let mut sources = base.sources.to_vec();
    sources.push(Source {
        path: "server.toml".into(),
        text,
    });
    let problems = KnowledgeBase::check(&sources);
    assert!(
        !problems.iter().any(|p| p.file == "server.toml"),
        "check accepts it: {problems:?}"
    );
}

#[test]
fn a_file_with_more_than_a_server_may_teach_is_refused() {
    let base = shipped();
    let text = "[[role]]\nid = \"x\"\nname = \"X\"\nsummary = \"s\"\n";
    let p = parse(text, "f.toml", &base).unwrap_err();
    assert!(p[0].message.contains("[[faq]]"), "{p:?}");
    let text = "[[holder]]\nrole = \"po\"\nuser = \"bob\"\n";
    assert!(parse(text, "f.toml", &base).is_err());
}

#[test]
fn the_servers_roster_wins_over_the_files_for_the_same_role() {
    let mut sources = Knowledge::shipped_sources();
    sources.push(Source {
        path: "roster.toml".into(),
        text: "[[holder]]\nrole = \"po\"\nuser = \"111111111111111111\"\n\n[[holder]]\nrole = \"pm\"\nuser = \"222222222222222222\"\n".into(),
    });
    let base = KnowledgeBase::from_sources(sources).unwrap();
    let overlay = Overlay::default().with_holder(ServerHolder {
        role: "po".into(),
        team: None,
        user: 333333333333333333,
    });
    let kb = build(&base, &overlay, 7, DEFAULT_FAQ_LIMIT).unwrap();
    let po = kb.role_index("po").unwrap();
    let pm = kb.role_index("pm").unwrap();
    let held = |r| {
        kb.holders
            .iter()
            .filter(|h| h.role == r)
            .map(|h| h.user)
            .collect::<Vec<_>>()
    };
    assert_eq!(held(po), vec![333333333333333333]);
    assert_eq!(held(pm), vec![222222222222222222]);
    let _ = Entry::Role(po);
}

#[test]
fn new_ids_are_slugs_made_unique() {
    assert_eq!(
        new_id("How do I request Jira access?", |_| false),
        "how-do-i-request-jira-access"
    );
    assert_eq!(
        new_id("Wer entscheidet?", |id| id == "wer-entscheidet"),
        "wer-entscheidet-2"
    );
    assert_eq!(new_id("誰が決める？", |_| false), "server-faq");
    assert!(new_id(&"word ".repeat(40), |_| false).len() <= 40);
}

#[test]
fn phrasings_are_one_per_line_without_blanks_or_repeats() {
    assert_eq!(
        phrasings_from_lines("  a jira login \n\n- who gives jira\nA JIRA LOGIN\n"),
        vec!["a jira login".to_string(), "who gives jira".to_string()]
    );
}

#[test]
fn an_answer_opens_with_its_first_sentence_in_bold() {
    assert_eq!(
        bolded("File a ticket. It takes a day."),
        "**File a ticket.** It takes a day."
    );
    assert_eq!(bolded("**Already.** Fine."), "**Already.** Fine.");
    assert_eq!(bolded("One line only"), "**One line only**");
    assert_eq!(
        bolded("Héllo wörld.\nNext line."),
        "**Héllo wörld.**\nNext line."
    );
}
