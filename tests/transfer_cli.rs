//! `rolecall export` and `rolecall import` end to end: the real binary on scratch SQLite
//! databases seeded through the store as the bot fills them; the round trip through `check`,
//! refusals that change nothing, and a Markdown handbook turned into stubs for review.

use rolecall_core::overlay::{Overlay, ServerFaq, ServerHolder};
use rolecall_store::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const GUILD: u64 = 1_100_000_000_000_000_001;
const HOLDER: u64 = 2_200_000_000_000_000_001;

/// A fresh, empty folder of this test's own under the temp dir.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rolecall-transfer-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the binary in `dir` with `args`, none of the bot's own settings inherited.
fn rolecall(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .args(args)
        .current_dir(dir)
        .env_remove("ROLECALL_KNOWLEDGE")
        .env_remove("ROLECALL_DATABASE_URL")
        .env_remove("ROLECALL_GUILD_FAQ_LIMIT")
        .output()
        .expect("the binary runs")
}

fn said(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

fn url(dir: &Path, name: &str) -> String {
    format!("sqlite://{}", dir.join(name).display())
}

/// What a server taught, as the bot would have stored it.
fn taught() -> Overlay {
    let faq = |id: &str, q: &str, a: &str, p: &[&str]| ServerFaq {
        id: id.into(),
        question: q.into(),
        answer: a.into(),
        phrasings: p.iter().map(|s| s.to_string()).collect(),
    };
    let mut o = Overlay {
        faqs: vec![
            faq(
                "staging-access",
                "How do I get access to the staging cluster?",
                "**File a ticket with the platform team.** Access arrives within a day.",
                &["staging cluster login", "who grants staging access"],
            ),
            faq(
                "release-day",
                "Which day do we release?",
                "**Thursdays, after the \"go\" in #releases.**\nNo release on public holidays.",
                &[],
            ),
        ],
        holders: vec![
            ServerHolder {
                role: "po".into(),
                team: Some("Checkout Crew".into()),
                user: HOLDER,
            },
            ServerHolder {
                role: "pm".into(),
                team: None,
                user: HOLDER + 1,
            },
        ],
    };
    o.sort();
    o
}

/// The shipped knowledge copied into `dir/checked` (not `knowledge`, which the binary would
/// load in `dir`), plus `extra` files.
fn knowledge_with(dir: &Path, extra: &[(&str, &str)]) -> PathBuf {
    let k = dir.join("checked");
    std::fs::create_dir_all(&k).unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    for f in std::fs::read_dir(shipped).unwrap() {
        let p = f.unwrap().path();
        if p.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&p, k.join(p.file_name().unwrap())).unwrap();
        }
    }
    for (name, text) in extra {
        std::fs::write(k.join(name), text).unwrap();
    }
    k
}

#[tokio::test]
async fn export_then_import_round_trips_byte_for_byte_through_check() {
    let dir = scratch("round-trip");
    let first = url(&dir, "first.db");
    let store = Store::open(&first).await.unwrap();
    store.replace_overlay(GUILD, &taught(), 7, 1).await.unwrap();
    store.close().await;

    let guild = GUILD.to_string();
    let out = rolecall(&dir, &["export", "--guild", &guild, "--database", &first]);
    assert!(out.status.success(), "{}", said(&out));
    let exported = String::from_utf8(out.stdout).unwrap();
    assert!(
        exported.contains("[[faq]]") && exported.contains("[[holder]]"),
        "{exported}"
    );
    assert!(
        exported.contains("name = \"Checkout Crew\""),
        "a made-up team: {exported}"
    );

    // `check` accepts it beside the knowledge.
    let k = knowledge_with(&dir, &[("server.toml", &exported)]);
    let check = rolecall(&dir, &["check", &k.display().to_string()]);
    assert!(check.status.success(), "{}", said(&check));
    assert!(
        !said(&check).contains("server.toml"),
        "no problem in it: {}",
        said(&check)
    );

    // Imported into a fresh database, it exports the same bytes.
    let second = url(&dir, "second.db");
    let file = dir.join("server.toml");
    std::fs::write(&file, &exported).unwrap();
    let f = file.display().to_string();
    let imported = rolecall(
        &dir,
        &["import", &f, "--guild", &guild, "--database", &second],
    );
    assert!(imported.status.success(), "{}", said(&imported));
    assert!(said(&imported).contains("2 new"), "{}", said(&imported));
    let again = rolecall(&dir, &["export", "--guild", &guild, "--database", &second]);
    assert_eq!(
        String::from_utf8(again.stdout).unwrap(),
        exported,
        "byte for byte"
    );

    // Importing the same file again changes nothing; the store agrees.
    let twice = rolecall(
        &dir,
        &["import", &f, "--guild", &guild, "--database", &second],
    );
    assert!(
        said(&twice).contains("0 new, 0 changed, 0 removed"),
        "{}",
        said(&twice)
    );
    let store = Store::open(&second).await.unwrap();
    assert_eq!(store.overlay(GUILD).await.unwrap(), taught());
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn an_import_that_does_not_validate_changes_nothing() {
    let dir = scratch("refused");
    let db = url(&dir, "bot.db");
    let store = Store::open(&db).await.unwrap();
    store.replace_overlay(GUILD, &taught(), 7, 1).await.unwrap();
    store.close().await;
    let guild = GUILD.to_string();
    let shipped = rolecall_core::KnowledgeBase::shipped().unwrap();
    let cases = [
        (
            "shadow.toml",
            format!(
                "[[faq]]\nid = \"{}\"\nquestion = \"Mine?\"\nanswer = \"**Mine.**\"\n",
                shipped.faqs[0].id
            ),
            shipped.faqs[0].id.clone(),
        ),
        (
            "role.toml",
            "[[role]]\nid = \"x\"\nname = \"X\"\nsummary = \"s\"\n".to_string(),
            "[[faq]]".to_string(),
        ),
        (
            "ping.toml",
            "[[faq]]\nid = \"ping\"\nquestion = \"Who?\"\nanswer = \"**Ask @everyone.**\"\n"
                .to_string(),
            "@everyone".to_string(),
        ),
    ];
    for (name, text, reason) in &cases {
        let file = dir.join(name);
        std::fs::write(&file, text).unwrap();
        let f = file.display().to_string();
        let out = rolecall(&dir, &["import", &f, "--guild", &guild, "--database", &db]);
        assert!(!out.status.success(), "{name}: {}", said(&out));
        assert!(
            said(&out).contains("nothing was imported"),
            "{name}: {}",
            said(&out)
        );
        assert!(
            said(&out).contains(reason.as_str()),
            "{name} names why: {}",
            said(&out)
        );
    }
    let no_guild = rolecall(
        &dir,
        &["import", &dir.join("ping.toml").display().to_string()],
    );
    assert!(said(&no_guild).contains("--guild"), "{}", said(&no_guild));
    let store = Store::open(&db).await.unwrap();
    assert_eq!(store.overlay(GUILD).await.unwrap(), taught(), "unchanged");
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_handbook_becomes_stubs_for_review_that_check_holds_back() {
    let dir = scratch("handbook");
    let handbook = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/handbook.md");
    let h = handbook.display().to_string();
    let out = rolecall(&dir, &["import", &h]);
    assert!(out.status.success(), "{}", said(&out));
    let stubs = String::from_utf8(out.stdout).unwrap();
    let doc: toml::Table = toml::from_str(&stubs).expect("the stubs are TOML");
    let faqs = doc["faq"].as_array().expect("[[faq]] entries");
    assert!(faqs.len() >= 5, "{stubs}");
    let unwritten = faqs
        .iter()
        .filter(|f| f["answer"].as_str().unwrap().starts_with("UNWRITTEN:"))
        .count();
    assert_eq!(unwritten, 1, "the one empty section: {stubs}");
    // Nothing goes live from a document.
    let live = rolecall(&dir, &["import", &h, "--guild", "1"]);
    assert!(!live.status.success());
    assert!(said(&live).contains("unreviewed"), "{}", said(&live));
    assert!(!dir.join("rolecall.db").exists(), "no database was touched");
    // `check` refuses the unwritten stub, naming it, until someone writes it.
    let k = knowledge_with(&dir, &[("handbook.toml", &stubs)]);
    let check = rolecall(&dir, &["check", &k.display().to_string()]);
    assert!(!check.status.success(), "{}", said(&check));
    assert!(
        said(&check).contains("handbook.toml") && said(&check).contains("not been written"),
        "{}",
        said(&check)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
