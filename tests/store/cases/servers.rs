//! What a server taught: its FAQs and their history, its roster, replacing it all at once,
//! forgetting the servers the bot left, and the notices that tell other processes.

use crate::*;
use rolecall_core::overlay::{Action, Overlay, Revision, ServerFaq, ServerHolder};
use rolecall_store::Notice;

/// A third guild.
const THIRD_GUILD: u64 = 1_100_000_000_000_000_003;
/// A guild id above 2^63.
const BIG_GUILD: u64 = u64::MAX;

/// A server FAQ.
fn faq(id: &str, question: &str, answer: &str, phrasings: &[&str]) -> ServerFaq {
    ServerFaq {
        id: id.to_string(),
        question: question.to_string(),
        answer: answer.to_string(),
        phrasings: phrasings.iter().map(|p| p.to_string()).collect(),
    }
}

/// A roster row.
fn holder(role: &str, team: Option<&str>, user: u64) -> ServerHolder {
    ServerHolder {
        role: role.to_string(),
        team: team.map(str::to_string),
        user,
    }
}

/// A revision.
fn revision(action: Action, by: u64, at: i64, faq: &ServerFaq) -> Revision {
    Revision {
        action,
        by,
        at,
        faq: faq.clone(),
    }
}

/// The actions of a FAQ's history, newest first.
async fn actions(store: &Store, guild: u64, id: &str) -> Vec<Action> {
    store
        .faq_history(guild, id, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect()
}

pub async fn server_faqs_round_trip(url: String) {
    let store = open(&url).await;
    assert_eq!(store.overlay(GUILD).await.unwrap(), Overlay::default());
    // Non-ASCII text of 2-, 3- and 4-byte UTF-8; phrasings in no sorted order.
    let vpn = faq(
        "vpn",
        "Wie komme ich ins VPN? 🔐",
        "Mit dem Client „Tunnel“ — siehe 日本語 docs, \"quoted\" and\nnew lines.",
        &[
            "zzz comes first",
            "VPN geht nicht",
            "ärger mit 🙂 vpn",
            "[\"json\"]",
        ],
    );
    let leave = faq("a-leave", "Who approves leave?", "Your lead.", &[]);
    assert_eq!(
        store.put_faq(GUILD, &vpn, USER, MONDAY).await.unwrap(),
        Action::Created
    );
    assert_eq!(
        store
            .put_faq(GUILD, &leave, USER, MONDAY + 1)
            .await
            .unwrap(),
        Action::Created
    );
    let overlay = store.overlay(GUILD).await.unwrap();
    assert_eq!(
        overlay.faqs,
        vec![leave.clone(), vpn.clone()],
        "ordered by id, phrasings in the order given"
    );
    assert!(overlay.holders.is_empty());
    // Phrasings are kept as a JSON array of strings.
    let stored = raw_strings_bound(
        &url,
        "SELECT phrasings FROM server_faqs WHERE id = $1",
        Some("a-leave"),
    )
    .await;
    assert_eq!(stored, [Some("[]".to_string())]);

    // Saving a FAQ with the same id edits it.
    let edited = ServerFaq {
        answer: "Mit dem neuen Client.".into(),
        phrasings: vec!["b".into(), "a".into()],
        ..vpn.clone()
    };
    assert_eq!(
        store
            .put_faq(GUILD, &edited, OTHER_USER, MONDAY + 2)
            .await
            .unwrap(),
        Action::Edited
    );
    let overlay = store.overlay(GUILD).await.unwrap();
    assert_eq!(overlay.faqs, vec![leave.clone(), edited.clone()]);

    // Servers are separate: the same id elsewhere is another FAQ.
    assert_eq!(
        store.overlay(OTHER_GUILD).await.unwrap(),
        Overlay::default()
    );
    assert!(store
        .faq_history(OTHER_GUILD, "vpn", 10)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        store
            .put_faq(OTHER_GUILD, &vpn, USER, MONDAY)
            .await
            .unwrap(),
        Action::Created,
        "another server's FAQ with this id is not this server's"
    );
    assert_eq!(
        store.overlay(OTHER_GUILD).await.unwrap().faqs,
        vec![vpn.clone()]
    );
    assert!(store
        .remove_faq(OTHER_GUILD, "vpn", USER, MONDAY + 3)
        .await
        .unwrap());
    assert_eq!(
        store.overlay(GUILD).await.unwrap().faqs,
        vec![leave, edited],
        "removing another server's FAQ leaves this one's"
    );
    // Ids above 2^63 round trip, for the server and for who saved.
    assert_eq!(
        store
            .put_faq(BIG_GUILD, &vpn, BIG_USER, MONDAY)
            .await
            .unwrap(),
        Action::Created
    );
    assert_eq!(
        store.overlay(BIG_GUILD).await.unwrap().faqs,
        vec![vpn.clone()]
    );
    assert_eq!(
        store.faq_history(BIG_GUILD, "vpn", 10).await.unwrap(),
        [revision(Action::Created, BIG_USER, MONDAY, &vpn)]
    );
    store.close().await;
}

pub async fn faq_history_is_newest_first_and_keeps_removed_text(url: String) {
    let store = open(&url).await;
    let first = faq(
        "vpn",
        "How do I get on the VPN?",
        "Ask IT.",
        &["vpn broken"],
    );
    let second = faq(
        "vpn",
        "How do I get on the VPN?",
        "Install Tunnel — then sign in.",
        &["vpn broken", "no tunnel"],
    );
    let third = faq("vpn", "VPN?", "Tunnel.", &[]);
    store.put_faq(GUILD, &first, USER, MONDAY).await.unwrap();
    // Two changes in one second: the later saved is newer.
    store
        .put_faq(GUILD, &second, BIG_USER, MONDAY)
        .await
        .unwrap();
    store
        .put_faq(GUILD, &third, OTHER_USER, MONDAY + 60)
        .await
        .unwrap();
    assert!(store
        .remove_faq(GUILD, "vpn", USER, MONDAY + 120)
        .await
        .unwrap());
    assert!(store.overlay(GUILD).await.unwrap().faqs.is_empty());
    let history = store.faq_history(GUILD, "vpn", 10).await.unwrap();
    assert_eq!(
        history,
        [
            revision(Action::Removed, USER, MONDAY + 120, &third),
            revision(Action::Edited, OTHER_USER, MONDAY + 60, &third),
            revision(Action::Edited, BIG_USER, MONDAY, &second),
            revision(Action::Created, USER, MONDAY, &first),
        ],
        "newest first; a removal keeps the text the FAQ had"
    );
    assert_eq!(
        store.faq_history(GUILD, "vpn", 2).await.unwrap(),
        history[..2],
        "the limit keeps the newest"
    );
    assert!(store.faq_history(GUILD, "vpn", 0).await.unwrap().is_empty());

    // Removing what is not there changes nothing.
    assert!(!store
        .remove_faq(GUILD, "vpn", USER, MONDAY + 180)
        .await
        .unwrap());
    assert!(!store
        .remove_faq(GUILD, "never-there", USER, MONDAY + 180)
        .await
        .unwrap());
    assert!(store
        .faq_history(GUILD, "never-there", 10)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(actions(&store, GUILD, "vpn").await.len(), 4);

    // Saved again after its removal, it is created anew, its old history kept.
    assert_eq!(
        store
            .put_faq(GUILD, &first, USER, MONDAY + 240)
            .await
            .unwrap(),
        Action::Created
    );
    assert_eq!(
        actions(&store, GUILD, "vpn").await,
        [
            Action::Created,
            Action::Removed,
            Action::Edited,
            Action::Edited,
            Action::Created
        ]
    );
    // Another server's history of the same id is its own.
    assert!(store
        .faq_history(OTHER_GUILD, "vpn", 10)
        .await
        .unwrap()
        .is_empty());
    store.close().await;
}

pub async fn roster_sets_once_and_keeps_teams_apart(url: String) {
    let store = open(&url).await;
    let everyone = holder("po", None, BIG_USER);
    let web = holder("po", Some("web"), BIG_USER);
    let ours = holder("pm", Some("Équipe ü 🙂"), u64::MAX);
    assert!(store
        .set_holder(GUILD, &everyone, USER, MONDAY)
        .await
        .unwrap());
    assert!(
        !store
            .set_holder(GUILD, &everyone, OTHER_USER, MONDAY + 1)
            .await
            .unwrap(),
        "already there"
    );
    assert!(
        store.set_holder(GUILD, &web, USER, MONDAY).await.unwrap(),
        "a team is kept apart from everyone in the server"
    );
    assert!(store.set_holder(GUILD, &ours, USER, MONDAY).await.unwrap());
    let elsewhere = holder("po", None, USER);
    assert!(store
        .set_holder(OTHER_GUILD, &elsewhere, USER, MONDAY)
        .await
        .unwrap());
    assert_eq!(
        store.overlay(GUILD).await.unwrap(),
        Overlay {
            faqs: vec![],
            holders: vec![ours.clone(), everyone.clone(), web.clone()],
        },
        "by role, team (none first) and user"
    );
    // No team is stored as ''.
    let teams = raw_strings_bound(
        &url,
        "SELECT team FROM server_roster WHERE role = $1 ORDER BY team",
        Some("po"),
    )
    .await;
    assert_eq!(
        teams,
        [
            Some(String::new()),
            Some(String::new()),
            Some("web".to_string())
        ]
    );

    assert!(store.remove_holder(GUILD, &web).await.unwrap());
    assert!(
        !store.remove_holder(GUILD, &web).await.unwrap(),
        "gone already"
    );
    assert!(
        !store.remove_holder(GUILD, &elsewhere).await.unwrap(),
        "another server's holder"
    );
    assert!(
        !store
            .remove_holder(GUILD, &holder("po", Some("web"), USER))
            .await
            .unwrap(),
        "another user"
    );
    assert_eq!(
        store.overlay(GUILD).await.unwrap().holders,
        vec![ours, everyone]
    );
    assert_eq!(
        store.overlay(OTHER_GUILD).await.unwrap().holders,
        vec![elsewhere]
    );
    store.close().await;
}

pub async fn replace_overlay_keeps_a_revision_per_change(url: String) {
    let store = open(&url).await;
    let keep = faq("keep", "Kept?", "Yes — as it was.", &["unchanged", "still"]);
    let change = faq("change", "Changed?", "Not yet.", &["one"]);
    let gone = faq(
        "gone",
        "Gone?",
        "Soon: this text stays in the history.",
        &["bye"],
    );
    for f in [&keep, &change, &gone] {
        store.put_faq(GUILD, f, USER, MONDAY).await.unwrap();
    }
    store
        .set_holder(GUILD, &holder("po", None, USER), USER, MONDAY)
        .await
        .unwrap();
    // Another server's knowledge is not touched.
    store
        .put_faq(OTHER_GUILD, &gone, USER, MONDAY)
        .await
        .unwrap();
    store
        .set_holder(OTHER_GUILD, &holder("po", None, USER), USER, MONDAY)
        .await
        .unwrap();

    let changed = ServerFaq {
        phrasings: vec!["one".into(), "two".into()],
        ..change.clone()
    };
    let new = faq("new", "New?", "Just made.", &[]);
    let next = Overlay {
        faqs: vec![new.clone(), keep.clone(), changed.clone()],
        holders: vec![
            holder("pm", Some("web"), BIG_USER),
            holder("pm", None, OTHER_USER),
        ],
    };
    store
        .replace_overlay(GUILD, &next, OTHER_USER, MONDAY + DAY)
        .await
        .unwrap();
    let mut want = next.clone();
    want.sort();
    assert_eq!(store.overlay(GUILD).await.unwrap(), want);
    assert_eq!(actions(&store, GUILD, "keep").await, [Action::Created]);
    assert_eq!(
        actions(&store, GUILD, "change").await,
        [Action::Edited, Action::Created]
    );
    assert_eq!(
        actions(&store, GUILD, "gone").await,
        [Action::Removed, Action::Created]
    );
    assert_eq!(actions(&store, GUILD, "new").await, [Action::Created]);
    assert_eq!(
        store.faq_history(GUILD, "change", 1).await.unwrap(),
        [revision(Action::Edited, OTHER_USER, MONDAY + DAY, &changed)]
    );
    assert_eq!(
        store.faq_history(GUILD, "gone", 1).await.unwrap(),
        [revision(Action::Removed, OTHER_USER, MONDAY + DAY, &gone)]
    );
    assert_eq!(
        store.faq_history(GUILD, "new", 1).await.unwrap(),
        [revision(Action::Created, OTHER_USER, MONDAY + DAY, &new)]
    );
    assert_eq!(
        store.overlay(OTHER_GUILD).await.unwrap(),
        Overlay {
            faqs: vec![gone.clone()],
            holders: vec![holder("po", None, USER)],
        }
    );

    // The same overlay again changes nothing and keeps no revision.
    store
        .replace_overlay(GUILD, &next, USER, MONDAY + 2 * DAY)
        .await
        .unwrap();
    assert_eq!(store.overlay(GUILD).await.unwrap(), want);
    for (id, revisions) in [("keep", 1), ("change", 2), ("gone", 2), ("new", 1)] {
        assert_eq!(actions(&store, GUILD, id).await.len(), revisions, "{id}");
    }

    // An empty overlay removes everything the server taught.
    store
        .replace_overlay(GUILD, &Overlay::default(), USER, MONDAY + 3 * DAY)
        .await
        .unwrap();
    assert_eq!(store.overlay(GUILD).await.unwrap(), Overlay::default());
    assert_eq!(
        actions(&store, GUILD, "keep").await,
        [Action::Removed, Action::Created]
    );
    assert_eq!(
        store.faq_history(GUILD, "change", 1).await.unwrap(),
        [revision(Action::Removed, USER, MONDAY + 3 * DAY, &changed)]
    );
    assert_eq!(
        actions(&store, GUILD, "gone").await.len(),
        2,
        "gone already"
    );
    assert_eq!(store.overlay(OTHER_GUILD).await.unwrap().faqs, vec![gone]);
    store.close().await;
}

pub async fn servers_left_long_enough_ago_are_forgotten(url: String) {
    let store = open(&url).await;
    let vpn = faq("vpn", "VPN?", "Tunnel.", &["vpn"]);
    let guilds = [GUILD, OTHER_GUILD, THIRD_GUILD, BIG_GUILD];
    for guild in guilds {
        store.put_faq(guild, &vpn, USER, MONDAY).await.unwrap();
        store
            .set_holder(guild, &holder("po", None, USER), USER, MONDAY)
            .await
            .unwrap();
    }
    let cut_off = MONDAY + DAY;
    store.mark_departed(GUILD, Some(MONDAY)).await.unwrap();
    store
        .mark_departed(BIG_GUILD, Some(MONDAY - DAY))
        .await
        .unwrap();
    // Noted again without coming back (a restart finds it gone too): the first note
    // counts, and a note at the cut-off stays.
    store
        .mark_departed(OTHER_GUILD, Some(cut_off))
        .await
        .unwrap();
    store
        .mark_departed(OTHER_GUILD, Some(MONDAY - DAY))
        .await
        .unwrap();
    let mut taught = store.taught_guilds().await.unwrap();
    taught.sort_unstable();
    let mut expected = vec![GUILD, BIG_GUILD, OTHER_GUILD, THIRD_GUILD];
    expected.sort_unstable();
    assert_eq!(taught, expected);
    // Left and came back: nothing to forget.
    store
        .mark_departed(THIRD_GUILD, Some(MONDAY))
        .await
        .unwrap();
    store.mark_departed(THIRD_GUILD, None).await.unwrap();
    // Clearing a note that isn't there is no error.
    store.mark_departed(THIRD_GUILD, None).await.unwrap();

    assert_eq!(store.purge_departed(cut_off).await.unwrap(), 2);
    for gone in [GUILD, BIG_GUILD] {
        assert_eq!(store.overlay(gone).await.unwrap(), Overlay::default());
        assert!(store.faq_history(gone, "vpn", 10).await.unwrap().is_empty());
    }
    for kept in [OTHER_GUILD, THIRD_GUILD] {
        let overlay = store.overlay(kept).await.unwrap();
        assert_eq!(overlay.faqs, vec![vpn.clone()]);
        assert_eq!(overlay.holders, vec![holder("po", None, USER)]);
        assert_eq!(actions(&store, kept, "vpn").await, [Action::Created]);
    }
    assert_eq!(
        store.purge_departed(cut_off).await.unwrap(),
        0,
        "nothing left to forget"
    );
    assert_eq!(store.purge_departed(cut_off + 1).await.unwrap(), 1);
    assert_eq!(
        store.overlay(OTHER_GUILD).await.unwrap(),
        Overlay::default()
    );
    assert!(
        column(&url, "departed_guilds", "guild_id").await.is_empty(),
        "the notes are gone with what the servers taught"
    );
    assert_eq!(
        store.overlay(THIRD_GUILD).await.unwrap().faqs,
        vec![vpn],
        "a server the bot came back to keeps what it taught"
    );
    store.close().await;
}

pub async fn server_knowledge_survives_a_restart(url: String) {
    let store = open(&url).await;
    let vpn = faq(
        "vpn",
        "Wie komme ich ins VPN?",
        "Über „Tunnel“.",
        &["b", "a"],
    );
    store.put_faq(GUILD, &vpn, BIG_USER, MONDAY).await.unwrap();
    store
        .set_holder(GUILD, &holder("po", Some("web"), BIG_USER), USER, MONDAY)
        .await
        .unwrap();
    store
        .mark_departed(OTHER_GUILD, Some(MONDAY))
        .await
        .unwrap();
    store
        .put_faq(OTHER_GUILD, &vpn, USER, MONDAY)
        .await
        .unwrap();
    let before = store.overlay(GUILD).await.unwrap();
    store.close().await;
    // A closed store fails fast, like every other operation.
    assert!(matches!(
        store.overlay(GUILD).await,
        Err(StoreError::Closed { .. })
    ));
    assert!(matches!(
        store.put_faq(GUILD, &vpn, USER, MONDAY).await,
        Err(StoreError::Closed { .. })
    ));
    assert!(matches!(
        store.purge_departed(MONDAY + 1).await,
        Err(StoreError::Closed { .. })
    ));
    drop(store);

    let restarted = open(&url).await;
    assert_eq!(restarted.overlay(GUILD).await.unwrap(), before);
    assert_eq!(
        restarted.faq_history(GUILD, "vpn", 10).await.unwrap(),
        [revision(Action::Created, BIG_USER, MONDAY, &vpn)]
    );
    assert_eq!(
        restarted
            .put_faq(GUILD, &vpn, USER, MONDAY + 1)
            .await
            .unwrap(),
        Action::Edited
    );
    // The note that the bot left is kept too.
    assert_eq!(restarted.purge_departed(MONDAY + 1).await.unwrap(), 1);
    assert_eq!(
        restarted.overlay(OTHER_GUILD).await.unwrap(),
        Overlay::default()
    );
    restarted.close().await;
}

pub async fn overlay_notices_name_the_server(url: String) {
    let announcer = open(&url).await;
    let listener = open(&url).await;
    let Some(mut notices) = listener.reload_notices() else {
        assert!(url.starts_with("sqlite:"), "PostgreSQL listens");
        // One process: nothing to tell, and telling it is no error…
        announcer.announce_overlay(GUILD, "here").await.unwrap();
        // …but a closed store says so.
        announcer.close().await;
        assert!(matches!(
            announcer.announce_overlay(GUILD, "here").await,
            Err(StoreError::Closed { .. })
        ));
        listener.close().await;
        return;
    };
    hear(&announcer, &mut notices, "first").await;
    announcer
        .announce_overlay(BIG_GUILD, "web 1")
        .await
        .unwrap();
    let heard = next_notice(&mut notices).await.expect("a notice");
    assert_eq!(
        Notice::parse(&heard),
        Notice::Overlay {
            guild: BIG_GUILD,
            origin: "web 1".into(),
        }
    );
    // A reload still reads as a reload.
    announcer.announce_reload("second").await.unwrap();
    let heard = next_notice(&mut notices).await.expect("a notice");
    assert_eq!(
        Notice::parse(&heard),
        Notice::Reload {
            origin: "second".into(),
        }
    );
    listener.close().await;
    announcer.close().await;
}
