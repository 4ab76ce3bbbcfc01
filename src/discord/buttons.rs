//! Button clicks and menu picks: answer the entry a component carries.

use super::response::{ComponentId, Response};
use rolecall_core::knowledge::Knowledge;
use rolecall_core::reply;

/// Shown when a button's entry no longer exists (e.g. after a knowledge edit).
pub const STALE: &str = "That button points to something I no longer know about (my knowledge \
     has changed since). Ask again with `/ask` and I'll use what I know now.";

/// The response to a click on the button `custom_id` by `clicker`.
///
/// The answer is public when the original asker clicks under a public message, and
/// ephemeral for anyone else (or under an ephemeral message). "None of these" is always
/// answered privately, to whoever clicked.
pub fn click(k: &Knowledge, custom_id: &str, clicker: u64, under_ephemeral: bool) -> Response {
    component(k, custom_id, &[], clicker, under_ephemeral)
}

/// The response to any rolecall component: a button click (`values` empty) or a pick in
/// the aspect menu (`values` holds the picked entry id). Pick answers follow the same
/// public/private rule as [`click`]; anything unknown or stale gets the polite [`STALE`]
/// note.
pub fn component(
    k: &Knowledge,
    custom_id: &str,
    values: &[String],
    clicker: u64,
    under_ephemeral: bool,
) -> Response {
    let (asker, entry) = match ComponentId::parse(custom_id) {
        Some(ComponentId::Answer(b)) => (b.asker, b.entry),
        Some(ComponentId::Pick { asker }) => match values.first() {
            Some(value) => (asker, value.clone()),
            None => return Response::notice(STALE),
        },
        Some(ComponentId::NoneOfThese { .. }) => {
            return Response::from_reply(&reply::none_of_these(k), clicker).private(true)
        }
        // Votes need the store: the handler takes them before they get here.
        Some(ComponentId::Vote(_)) | None => return Response::notice(STALE),
    };
    let Some(entry) = k.parse_entry(&entry) else {
        return Response::notice(STALE);
    };
    let private = under_ephemeral || clicker != asker;
    Response::from_reply(&reply::for_entry(k, entry), clicker).private(private)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rolecall_core::KnowledgeSource;
    use serde_json::Value;

    fn knowledge() -> rolecall_core::base::KnowledgeBase {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/knowledge");
        KnowledgeSource::Path(dir)
            .load()
            .expect("fixture knowledge loads")
    }

    fn title(r: &Response) -> String {
        r.embed
            .as_ref()
            .map(|e| e.title.clone())
            .unwrap_or_default()
    }

    fn picked(value: &str) -> Vec<String> {
        vec![value.to_string()]
    }

    #[test]
    fn a_pick_answers_the_picked_entry_like_a_click() {
        let k = knowledge();
        let mine = component(&k, "rc:pick:7", &picked("po.salary"), 7, false);
        assert_eq!(mine.entry.as_deref(), Some("po.salary"));
        assert_eq!(title(&mine), "Product Owner: Salary");
        assert!(!mine.ephemeral, "the asker picked under a public message");
        let theirs = component(&k, "rc:pick:7", &picked("po.salary"), 8, false);
        assert!(theirs.ephemeral, "someone else picked");
        assert_eq!(theirs.entry, mine.entry);
        let under_private = component(&k, "rc:pick:7", &picked("po.salary"), 7, true);
        assert!(under_private.ephemeral);
        let row = component(&k, "rc:pick:7", &picked("pm+po.salary"), 7, false);
        assert_eq!(title(&row), "Product Manager vs Product Owner: Salary");
        let v = serde_json::to_value(row.to_interaction()).unwrap();
        let rows = v["data"]["components"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(rows[0]["components"][0]["custom_id"], "rc:pick:7");
    }

    #[test]
    fn the_answers_own_menu_and_buttons_belong_to_whoever_used_the_component() {
        let k = knowledge();
        let r = component(&k, "rc:pick:7", &picked("po.salary"), 8, false);
        assert_eq!(r.select.map(|s| s.custom_id).as_deref(), Some("rc:pick:8"));
        assert!(r.buttons.iter().all(|b| b.custom_id.contains(":8:")));
    }

    #[test]
    fn none_of_these_is_a_private_notice_with_example_questions() {
        let k = knowledge();
        for clicker in [7, 8] {
            let r = component(&k, "rc:none:7", &[], clicker, false);
            assert!(r.ephemeral, "always private");
            assert!(r.is_answer());
            assert_eq!(title(&r), "Let's try that another way");
            // The shipped knowledge has two roles, FAQs and facts: three example questions,
            // each a different entry.
            assert_eq!(r.buttons.len(), 3, "{:?}", r.buttons);
            let mut ids: Vec<&str> = r.buttons.iter().map(|b| b.custom_id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), 3, "three different example questions");
            let v: Value = serde_json::to_value(r.to_interaction()).unwrap();
            assert_eq!(v["data"]["flags"], 64);
            assert_eq!(
                v["data"]["allowed_mentions"]["parse"],
                serde_json::json!([])
            );
        }
    }

    #[test]
    fn stale_empty_or_foreign_components_get_the_polite_note() {
        let k = knowledge();
        for (id, values) in [
            ("rc:pick:7", picked("po.gone")),
            ("rc:pick:7", picked("")),
            ("rc:pick:7", Vec::new()),
            ("rc:pick:x", picked("po.salary")),
            ("rc:ans:7:gone", Vec::new()),
            ("rc:none:x", Vec::new()),
            ("someone-elses-button", Vec::new()),
        ] {
            let r = component(&k, id, &values, 7, false);
            assert!(r.ephemeral && !r.is_answer(), "{id} {values:?}");
            assert_eq!(r.content.as_deref(), Some(STALE), "{id} {values:?}");
        }
    }
}
