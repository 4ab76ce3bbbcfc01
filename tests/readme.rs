//! The knowledge README's worked example (adding a Scrum Master) does what it says: the
//! file it gives, the `check` output it quotes when "scrum master" is still out of scope,
//! and the answers and credits once it is not.

#[path = "support/readme_blocks.rs"]
mod readme_blocks;

use readme_blocks::block_after;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A scratch folder holding `knowledge/`: the shipped files plus the example's file.
fn workspace(name: &str, keep_out_of_scope: bool) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rolecall-readme-{name}-{}", std::process::id()));
    let k = dir.join("knowledge");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&k).unwrap();
    for entry in std::fs::read_dir("knowledge").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let mut text = std::fs::read_to_string(&path).unwrap();
            if !keep_out_of_scope && path.ends_with("roles.toml") {
                text = text.replacen("\"scrum master\", \"sm\", ", "", 1);
            }
            std::fs::write(k.join(path.file_name().unwrap()), text).unwrap();
        }
    }
    let example = block_after("save this as **`knowledge/scrum-master.toml`**", "toml");
    std::fs::write(k.join("scrum-master.toml"), example).unwrap();
    dir
}

fn rolecall(dir: &Path, args: &[&str], stdin: &str) -> (String, String, i32) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .args(args)
        .current_dir(dir)
        .env_remove("ROLECALL_KNOWLEDGE")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("rolecall runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn the_quoted_check_output_is_what_check_prints_when_scrum_master_is_still_out_of_scope() {
    let dir = workspace("clash", true);
    let (stdout, stderr, code) = rolecall(&dir, &["check", "knowledge/"], "");
    let expected = block_after("If you forget, `rolecall check knowledge/` says", "text");
    assert_eq!(format!("{stdout}{stderr}"), expected);
    assert_eq!(code, 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn once_out_of_scope_is_edited_the_example_checks_clean_and_answers() {
    let dir = workspace("added", false);
    let (stdout, stderr, code) = rolecall(&dir, &["check", "knowledge/"], "");
    assert_eq!(stdout, "", "no problems");
    assert!(
        stderr.starts_with("knowledge/: ok: 8 file(s), 3 role(s), "),
        "{stderr}"
    );
    assert_eq!(code, 0);
    let answer = |q: &str| {
        let (out, _, code) = rolecall(&dir, &["ask", "--json"], q);
        assert_eq!(code, 0);
        serde_json::from_str::<serde_json::Value>(&out).expect("one JSON line")
    };
    assert_eq!(answer("what does a scrum master do?")["entry"], "sm");
    assert_eq!(
        answer("who clears blockers for the team?")["entry"],
        "sm-blockers"
    );
    let both = answer("scrum master vs product owner");
    assert_eq!(both["entry"], "po+sm");
    let footer = both["embed"]["footer"]["text"].as_str().unwrap_or_default();
    assert!(
        footer.contains("Scrum Master entries written by our team"),
        "{footer}"
    );
    assert!(footer.contains("Source: Quick, KnowledgeHut"), "{footer}");
    let own = answer("who clears blockers for the team?");
    assert_eq!(
        own["embed"]["footer"]["text"],
        "Scrum Master entries written by our team"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
