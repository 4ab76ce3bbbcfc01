//! The handler's features against an in-memory store: what each keeps, and how each
//! degrades when the store is down (the page still shows and says so; nothing fails).

use super::*;
use crate::discord::tour::Verb;
use rolecall_core::learn::Candidate;
use rolecall_core::onboarding::{fingerprint, INTRO};
use rolecall_core::KnowledgeBase;
use rolecall_store::MemoryStore;

const GUILD: u64 = 1_100_000_000_000_000_001;
const USER: u64 = 2_200_000_000_000_000_001;
const CHANNEL: u64 = 4_400_000_000_000_000_001;
const ANSWER: u64 = 3_300_000_000_000_000_001;

fn handler(store: Arc<MemoryStore>, question_log: bool) -> Handler {
    let k = KnowledgeBase::shipped().expect("shipped knowledge loads");
    let log = if question_log { "on" } else { "off" };
    let settings = Settings::from_lookup(|v| match v {
        crate::config::DISCORD_TOKEN => Some("token".into()),
        crate::config::QUESTION_LOG => Some(log.into()),
        _ => None,
    })
    .expect("settings");
    Handler::new(
        SharedKnowledge::new(k),
        KnowledgeSource::Shipped,
        settings,
        store,
        "test".into(),
    )
}

/// Everything a response would send, as text.
fn sent(r: &Response) -> String {
    serde_json::to_string(&r.to_interaction()).expect("serializes")
}

fn next(h: &Handler, page: usize) -> TourClick {
    let k = h.knowledge.get();
    let t = k.tour.as_ref().expect("the shipped knowledge has a tour");
    TourClick {
        user: USER,
        tour: fingerprint(t),
        verb: Verb::Go(page),
    }
}

fn declined(text: &str) -> Asked {
    Asked {
        outcome: Outcome::Declined,
        text: text.into(),
        entry: None,
        candidates: vec![Candidate {
            entry: "po".into(),
            confidence: 0.2,
        }],
    }
}

#[tokio::test]
async fn a_new_tour_is_saved_at_once_and_each_click_moves_the_saved_page() {
    let store = Arc::new(MemoryStore::new());
    let h = handler(store.clone(), true);
    let k = h.knowledge.get();
    let r = h.open_tour(&k, GUILD, USER, false).await;
    assert!(!sent(&r).contains(tour::NOT_SAVED));
    let saved = store
        .load(GUILD, USER)
        .await
        .unwrap()
        .expect("saved at once");
    assert_eq!(saved.step, INTRO);

    h.on_tour_click(GUILD, USER, next(&h, 1)).await;
    let first_step = &k.tour.as_ref().unwrap().steps[0].id;
    let saved = store.load(GUILD, USER).await.unwrap().unwrap();
    assert_eq!(&saved.step, first_step, "the click is kept");

    // Opening again resumes where the member was; restarting starts over.
    h.open_tour(&k, GUILD, USER, false).await;
    assert_eq!(
        &store.load(GUILD, USER).await.unwrap().unwrap().step,
        first_step
    );
    h.open_tour(&k, GUILD, USER, true).await;
    assert_eq!(store.load(GUILD, USER).await.unwrap().unwrap().step, INTRO);
}

#[tokio::test]
async fn with_the_store_down_the_tour_still_shows_and_says_what_was_not_kept() {
    let store = Arc::new(MemoryStore::new());
    let h = handler(store.clone(), true);
    let k = h.knowledge.get();
    store.set_down(true);
    let opened = sent(&h.open_tour(&k, GUILD, USER, false).await);
    assert!(opened.contains(tour::NOT_LOADED), "{opened}");
    let restarted = sent(&h.open_tour(&k, GUILD, USER, true).await);
    assert!(restarted.contains(tour::NOT_SAVED), "{restarted}");
    let clicked = sent(&h.on_tour_click(GUILD, USER, next(&h, 1)).await);
    assert!(clicked.contains(tour::NOT_LOADED), "{clicked}");

    store.set_down(false);
    assert_eq!(
        store.load(GUILD, USER).await.unwrap(),
        None,
        "nothing was kept"
    );
}

#[tokio::test]
async fn unanswered_questions_reach_the_gaps_report_and_answered_ones_only_the_count() {
    let store = Arc::new(MemoryStore::new());
    let h = handler(store.clone(), true);
    let asked = declined("who signs off the marketing budget?");
    h.learn(GUILD, CHANNEL, ANSWER, asked.clone()).await;
    let answered = Asked {
        outcome: Outcome::Answered,
        entry: Some("po".into()),
        ..declined("who owns the backlog?")
    };
    h.learn(GUILD, CHANNEL, ANSWER + 1, answered).await;

    let data = store.gaps(Some(GUILD), 0, 100).await.unwrap();
    let texts: Vec<&str> = data
        .questions
        .iter()
        .map(|q| q.asked.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [asked.text.as_str()],
        "an answered question is not logged"
    );
    let counted: u32 = data.weeks.iter().map(|w| w.count).sum();
    assert_eq!(counted, 2, "both are counted for the chart");

    let (_, g) = h.gaps_report(GUILD, 30).await.expect("the report reads");
    let phrasings: Vec<&str> = g
        .topics
        .iter()
        .flat_map(|t| t.phrasings.iter().map(|(p, _)| p.as_str()))
        .collect();
    assert!(phrasings.contains(&asked.text.as_str()), "{phrasings:?}");

    store.set_down(true);
    assert!(
        h.gaps_report(GUILD, 30).await.is_none(),
        "a down store is no report"
    );
}

#[tokio::test]
async fn with_the_question_log_off_only_the_count_is_kept() {
    let store = Arc::new(MemoryStore::new());
    let h = handler(store.clone(), false);
    h.learn(
        GUILD,
        CHANNEL,
        ANSWER,
        declined("who signs off the budget?"),
    )
    .await;
    let data = store.gaps(Some(GUILD), 0, 100).await.unwrap();
    assert!(data.questions.is_empty());
    assert_eq!(data.weeks.iter().map(|w| w.count).sum::<u32>(), 1);
}

#[tokio::test]
async fn a_store_that_fails_to_count_still_lets_the_question_be_answered() {
    let store = Arc::new(MemoryStore::new());
    let h = handler(store.clone(), true);
    store.set_down(true);
    // Logging is best effort: it returns, and nothing is kept.
    h.learn(
        GUILD,
        CHANNEL,
        ANSWER,
        declined("who signs off the budget?"),
    )
    .await;
    store.set_down(false);
    assert!(store.gaps(None, 0, 100).await.unwrap().questions.is_empty());
}
