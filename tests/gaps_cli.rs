//! `rolecall gaps` end to end: the real binary on a scratch SQLite database seeded through
//! the library, as the bot would fill it (questions matched, logged and counted; votes and a
//! comment).

use rolecall_core::learn::{self, week_start, Outcome, Vote};
use rolecall_core::{people, reply, KnowledgeBase, MatchConfig};
use rolecall_store::Store;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{SystemTime, UNIX_EPOCH};

const GUILD: u64 = 1_100_000_000_000_000_001;
const OTHER_GUILD: u64 = 1_100_000_000_000_000_002;
const CHANNEL: u64 = 1_200_000_000_000_000_001;
const DAY: i64 = 86_400;

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// A fresh, empty folder of this test's own under the temp dir (removed when the test
/// passes; kept to look into when it fails).
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rolecall-gaps-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the binary in `dir` with `args` and `env`, none of the bot's own settings inherited.
fn rolecall(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rolecall"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("ROLECALL_KNOWLEDGE")
        .env_remove("ROLECALL_DATABASE_URL")
        .env_remove("ROLECALL_QUESTION_LOG");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// What the seeding wrote: the rows `--purge` must report.
struct Seeded {
    rows: u64,
}

/// Questions asked (text, days ago, server), each matched, logged when not answered, and
/// counted, as the bot does.
const ASKED: &[(&str, i64, u64)] = &[
    ("How do I request Jira access?", 0, GUILD),
    ("how do i request jira access", 1, GUILD),
    ("How do I request Jira access?", 2, GUILD),
    ("jira access request", 3, GUILD),
    ("where is the coffee machine", 1, GUILD),
    ("coffee machine?", 4, GUILD),
    ("who books the parking spaces", 40, GUILD),
    ("who owns the backlog?", 1, GUILD),
    ("what does a PO do?", 9, GUILD),
    ("how do I expense my train ticket", 2, OTHER_GUILD),
];

/// Fills the database at `url` as the bot would.
fn seed(url: &str) -> Seeded {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let kb = KnowledgeBase::shipped().unwrap();
        let cfg = MatchConfig::DEFAULT;
        let store = Store::open(url).await.expect("scratch database opens");
        let now = now();
        let mut rows = 0;
        let mut weeks = HashSet::new();
        for &(text, days_ago, guild) in ASKED {
            // Ten minutes before the day mark, so a window of N days holds the first N days.
            let at = now - days_ago * DAY - 600;
            let m = kb.find(text, &cfg);
            let r = reply::from_match_in(&kb, &m, &cfg, people::team_of_channel(&kb, CHANNEL));
            let asked = learn::asked(&kb, text, &m, &r);
            if asked.outcome != Outcome::Answered {
                store
                    .log_question(guild, CHANNEL, at, &asked)
                    .await
                    .unwrap();
                rows += 1;
            }
            store
                .count_question(guild, asked.outcome, at)
                .await
                .unwrap();
            weeks.insert((guild, week_start(at), asked.outcome));
        }
        // Two people vote the answer about what the PO owns down, one of them says why; a
        // third votes it up.
        let answer = 1_300_000_000_000_000_001;
        for (user, vote) in [(1, Vote::Down), (2, Vote::Down), (3, Vote::Up)] {
            let voter = store.voter(user, answer);
            store
                .vote(GUILD, answer, &voter, "po.owns", vote, now - DAY)
                .await
                .unwrap();
            rows += 1;
        }
        let voter = store.voter(1, answer);
        assert!(store
            .comment(answer, &voter, "I wanted who owns the sprint backlog")
            .await
            .unwrap());
        store.close().await;
        Seeded {
            rows: rows + weeks.len() as u64,
        }
    })
}

/// A scratch folder with a seeded `gaps.db`; its URL.
fn seeded(name: &str) -> (PathBuf, String, Seeded) {
    let dir = scratch(name);
    let url = format!("sqlite://{}", dir.join("gaps.db").display());
    let seeded = seed(&url);
    (dir, url, seeded)
}

#[test]
fn the_report_groups_alike_questions_into_topics() {
    let (dir, url, _) = seeded("report");
    let o = rolecall(&dir, &["gaps", "--database", &url], &[]);
    let out = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.starts_with("Knowledge gaps: last 30 days\n"), "{out}");
    assert!(
        out.contains(
            " 1. 4 questions: “How do I request Jira access?”\n    also “jira access request” ×1\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("2 questions: “coffee machine?”\n    also “where is the coffee machine” ×1\n"),
        "{out}"
    );
    assert!(
        out.contains("1 question: “how do I expense my train ticket”"),
        "every server: {out}"
    );
    assert!(!out.contains("parking"), "older than 30 days: {out}");
    assert!(out.contains("Most voted down"), "{out}");
    assert!(
        out.contains("👎 2 · 👍 1: Product Owner: What they own (po.owns)"),
        "{out}"
    );
    assert!(
        out.contains("“I wanted who owns the sprint backlog”"),
        "{out}"
    );
    assert!(
        out.contains("Questions per week, last 8 weeks (oldest first)"),
        "{out}"
    );
    // Every question asked is counted in the chart, the parking one from six weeks ago too.
    let total: usize = ["  answered  ", "  suggested ", "  declined  "]
        .iter()
        .map(|label| {
            let line = out.lines().find(|l| l.starts_with(label)).expect(label);
            line.rsplit(' ').next().unwrap().parse::<usize>().unwrap()
        })
        .sum();
    assert_eq!(total, ASKED.len(), "{out}");
    assert!(!out.contains("ROLECALL_QUESTION_LOG"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn days_and_guild_narrow_the_report() {
    let (dir, url, _) = seeded("window");
    let wide = stdout(&rolecall(
        &dir,
        &["gaps", "--database", &url, "--days", "60"],
        &[],
    ));
    assert!(wide.starts_with("Knowledge gaps: last 60 days\n"), "{wide}");
    assert!(wide.contains("parking"), "{wide}");
    let narrow = stdout(&rolecall(
        &dir,
        &["gaps", "--database", &url, "--days", "1"],
        &[],
    ));
    assert!(narrow.starts_with("Knowledge gaps: last day\n"), "{narrow}");
    assert!(
        narrow.contains("1 question: “How do I request Jira access?”"),
        "{narrow}"
    );
    assert!(!narrow.contains("coffee"), "{narrow}");
    let guild = GUILD.to_string();
    let one = stdout(&rolecall(
        &dir,
        &["gaps", "--database", &url, "--guild", &guild],
        &[],
    ));
    assert!(one.contains("Jira"), "{one}");
    assert!(!one.contains("train ticket"), "{one}");
    for bad in ["0", "366", "x"] {
        let o = rolecall(&dir, &["gaps", "--database", &url, "--days", bad], &[]);
        assert!(!o.status.success());
        assert!(stderr(&o).contains("--days"), "{}", stderr(&o));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_database_comes_from_the_environment_too() {
    let (dir, url, _) = seeded("env");
    let o = rolecall(
        &dir,
        &["gaps"],
        &[
            ("ROLECALL_DATABASE_URL", url.as_str()),
            ("ROLECALL_QUESTION_LOG", "off"),
        ],
    );
    let out = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.contains("Jira"), "{out}");
    assert!(
        out.contains("The question log is off (`ROLECALL_QUESTION_LOG=off`)"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn toml_stubs_are_flagged_by_check_at_their_lines() {
    let (dir, url, _) = seeded("toml");
    let o = rolecall(&dir, &["gaps", "--database", &url, "--toml"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let stubs = stdout(&o);
    let parsed: toml::Table = toml::from_str(&stubs).expect("valid TOML");
    let faqs = parsed["faq"].as_array().expect("stubs");
    assert!(faqs.len() >= 3, "{stubs}");
    assert_eq!(
        faqs[0]["question"].as_str(),
        Some("How do I request Jira access?")
    );

    // The stubs beside the shipped knowledge, as a lead would add them.
    let kb_dir = dir.join("knowledge");
    std::fs::create_dir_all(&kb_dir).unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    for entry in std::fs::read_dir(&shipped).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&path, kb_dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(kb_dir.join("gaps.toml"), &stubs).unwrap();
    let o = rolecall(&dir, &["check", "knowledge"], &[]);
    assert!(!o.status.success(), "unwritten answers fail the check");
    let report = stdout(&o);
    let lines: Vec<&str> = stubs.lines().collect();
    let flagged: Vec<&str> = report
        .lines()
        .filter(|l| l.contains("answer has not been written yet"))
        .collect();
    assert_eq!(flagged.len(), faqs.len(), "{report}");
    for (line, faq) in flagged.iter().zip(faqs) {
        let id = faq["id"].as_str().unwrap();
        let at: usize = line
            .strip_prefix("knowledge/gaps.toml:")
            .and_then(|rest| rest.split(':').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("file:line in {line}"));
        assert_eq!(lines[at - 1], format!("id = \"{id}\""), "{line}");
        assert!(line.contains(&format!("faq `{id}`")), "{line}");
    }
    assert!(
        report
            .lines()
            .all(|l| l.contains("warning") || flagged.contains(&l)),
        "no other error: {report}"
    );

    let written = stubs.replace(
        &learn::stubs::stub_answer(),
        "**Ask in #it-help.** The service desk answers within a day.",
    );
    std::fs::write(kb_dir.join("gaps.toml"), written).unwrap();
    let o = rolecall(&dir, &["check", "knowledge"], &[]);
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn purge_deletes_everything_and_says_how_much() {
    let (dir, url, seeded) = seeded("purge");
    let o = rolecall(&dir, &["gaps", "--database", &url, "--purge"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!(
            "Deleted {} rows from {url}: the question log, every vote and every weekly count.\n",
            seeded.rows
        )
    );
    let after = stdout(&rolecall(
        &dir,
        &["gaps", "--database", &url, "--days", "365"],
        &[],
    ));
    assert!(
        after.contains("No questions logged in the last 365 days."),
        "{after}"
    );
    let again = stdout(&rolecall(
        &dir,
        &["gaps", "--database", &url, "--purge"],
        &[],
    ));
    assert!(again.starts_with("Deleted 0 rows"), "{again}");
    let o = rolecall(
        &dir,
        &["gaps", "--database", &url, "--purge", "--toml"],
        &[],
    );
    assert!(!o.status.success(), "--purge prints no report");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_database_is_explained_not_created() {
    let dir = scratch("missing");
    let o = rolecall(&dir, &["gaps"], &[]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.starts_with(
            "rolecall: there is no database at rolecall.db yet (sqlite://rolecall.db)."
        ),
        "{err}"
    );
    assert!(err.contains("--database URL"), "{err}");
    assert!(
        !dir.join("rolecall.db").exists(),
        "gaps does not create the database"
    );
    let o = rolecall(&dir, &["gaps", "--purge"], &[]);
    assert!(
        stderr(&o).contains("there is no database at"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.join("rolecall.db").exists());

    let o = rolecall(&dir, &["gaps", "--database", "mysql://db/rolecall"], &[]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("unsupported database URL \"mysql://db/rolecall\""),
        "{}",
        stderr(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
