//! The `rolecall` binary: ask (text, --json, stdin), check exit codes, and clear errors.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn rolecall(args: &[&str], stdin: Option<&str>) -> Output {
    rolecall_in(&std::env::temp_dir(), args, stdin)
}

/// Runs the binary in `dir` with `args`, feeding it `stdin` when given.
fn rolecall_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rolecall"));
    cmd.args(args)
        .env_remove("ROLECALL_KNOWLEDGE")
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("binary runs");
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn fixture(rel: &str) -> String {
    format!("{}/{rel}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn ask_prints_a_terminal_answer_from_built_in_knowledge() {
    let o = rolecall(&["ask", "who owns the backlog?"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.trim_end().lines().collect();
    assert_eq!(lines[0], "Who owns the backlog?", "{out}");
    assert!(
        lines[2].contains("Product Owner"),
        "the answer line comes first, under the title: {out}"
    );
    assert_eq!(
        lines.last().copied(),
        Some("-- Source: Quick, KnowledgeHut blog, 2025"),
        "one short credit line closes it: {out}"
    );
}

#[test]
fn ask_json_has_the_documented_keys() {
    let o = rolecall(&["ask", "--json", "PM vs PO salary"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("one JSON object");
    assert_eq!(v["question"], "PM vs PO salary");
    assert_eq!(v["answered"], true);
    assert_eq!(v["kind"], "compare");
    assert_eq!(v["entry"], "pm+po.salary");
    let c = v["confidence"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&c));
    assert!(v["embed"]["title"].as_str().unwrap().contains("Salary"));
    assert_eq!(v["embed"]["fields"].as_array().unwrap().len(), 2);
    assert!(v["embed"]["fields"][0]["inline"].as_bool().unwrap());
    assert!(v["suggestions"].as_array().unwrap().is_empty());
}

#[test]
fn ask_json_reads_stdin_one_line_per_question_in_order() {
    let questions = [
        "what is a PO",
        "how do i reset my vpn password",
        "",
        "who owns the sprint backlog?",
        "what is an ART",
    ];
    let input = questions.join("\n") + "\n";
    let o = rolecall(&["ask", "--json"], Some(&input));
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), questions.len());
    for (q, v) in questions.iter().zip(&lines) {
        assert_eq!(v["question"], *q);
    }
    assert_eq!(lines[0]["entry"], "po");
    assert_eq!(lines[1]["answered"], false);
    assert_eq!(lines[1]["kind"], "none");
    assert_eq!(lines[1]["entry"], serde_json::Value::Null);
    assert_eq!(lines[2]["embed"]["title"], "Ask me a question");
    assert_eq!(lines[3]["answered"], false);
    let decline = lines[3]["embed"]["description"].as_str().unwrap();
    assert!(
        decline.contains("sprint backlog"),
        "names the topic: {decline}"
    );
    assert_eq!(lines[4]["kind"], "term");
}

#[test]
fn ask_survives_invalid_utf8_and_crlf_on_stdin() {
    let o = {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rolecall"));
        cmd.args(["ask", "--json"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"what is a PM\r\n\xff\xfe who owns the backlog\n")
            .unwrap();
        child.wait_with_output().unwrap()
    };
    assert!(o.status.success());
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["question"], "what is a PM");
}

#[test]
fn check_passes_on_shipped_knowledge_and_fails_on_bad() {
    let ok = rolecall(&["check", &fixture("knowledge")], None);
    assert!(ok.status.success(), "{}{}", stdout(&ok), stderr(&ok));
    assert!(stderr(&ok).contains("ok:"), "{}", stderr(&ok));
    let built_in = rolecall(&["check"], None);
    assert!(built_in.status.success(), "{}", stderr(&built_in));

    let bad = rolecall(
        &["check", &fixture("tests/fixtures/bad/missing-related.toml")],
        None,
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stdout(&bad).contains(
            "missing-related.toml:2: faq `who-owns-backlog`: related entry `foo` does not exist"
        ),
        "{}",
        stdout(&bad)
    );

    let warn_only = rolecall(
        &["check", &fixture("tests/fixtures/bad/ambiguous.toml")],
        None,
    );
    assert!(
        warn_only.status.success(),
        "warnings alone do not fail check"
    );
    assert!(stdout(&warn_only).contains("warning"));
}

#[test]
fn bad_knowledge_path_is_one_clear_message_and_non_zero_exit() {
    let o = rolecall(
        &["--knowledge", "/no/such/place", "ask", "what is a PO"],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("/no/such/place: no such knowledge file or folder"),
        "{err}"
    );
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );

    let o = rolecall(
        &[
            "--knowledge",
            &fixture("tests/fixtures/bad/syntax.toml"),
            "ask",
            "x",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("syntax.toml:3: role `pm`: invalid TOML"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn knowledge_env_var_selects_the_folder() {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rolecall"));
    let o = cmd
        .args(["ask", "--json", "what is a PO"])
        .env(
            "ROLECALL_KNOWLEDGE",
            fixture("tests/fixtures/bad/syntax.toml"),
        )
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "the env var was used");
}

#[test]
fn chat_answers_until_end_of_input() {
    let o = rolecall(&["chat"], Some("what is a PM\nwho earns more\n"));
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Product Manager") && out.contains("Who earns more"),
        "{out}"
    );
}

#[test]
fn ask_explain_prints_each_stage_to_stderr() {
    let o = rolecall(
        &[
            "ask",
            "--explain",
            "--json",
            "heyy what does a prodct ownr do",
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("explain: tokens: ") && err.contains("@po="),
        "{err}"
    );
    assert!(
        err.contains("explain: reading: intent=what-is roles=[po]"),
        "{err}"
    );
    assert!(err.contains("typo:"), "{err}");
    assert!(err.contains("explain: candidates: po="), "{err}");
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("JSON on stdout");
    assert_eq!(v["entry"], "po");
}

/// A fresh, empty folder of this test's own under the temp dir.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rolecall-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_broken_env_file_names_its_line_and_stops() {
    let dir = scratch("dotenv");
    let env_file = dir.join(".env");
    let ask = ["ask", "what is a PO"];

    let missing = rolecall_in(&dir, &ask, None);
    assert!(
        missing.status.success(),
        "no .env is fine: {}",
        stderr(&missing)
    );
    assert!(
        stderr(&missing).is_empty(),
        "and silent: {}",
        stderr(&missing)
    );

    std::fs::write(
        &env_file,
        "# settings\nROLECALL_COOLDOWN_SECS=30\nFOO BAR\n",
    )
    .unwrap();
    let o = rolecall_in(&dir, &ask, None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    assert_eq!(
        stderr(&o),
        "rolecall: .env line 3: expected NAME=value, but the line has no `=`\n"
    );

    std::fs::write(&env_file, "DISCORD_TOKEN=abc sekrit\n").unwrap();
    let o = rolecall_in(&dir, &["run"], None);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(".env line 1: DISCORD_TOKEN: the value has a space in it"),
        "{err}"
    );
    assert!(!err.contains("sekrit"), "never echoes a value: {err}");
    assert!(!err.contains("is not set"), "{err}");

    // Found in a parent folder, the file is named by its full path.
    std::fs::write(&env_file, "A=1\nB=\"never closed\n").unwrap();
    let sub = dir.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    let o = rolecall_in(&sub, &ask, None);
    assert_eq!(o.status.code(), Some(1));
    let want = format!(
        "{} line 2: B: the value opens a `\"` quote that is never closed",
        env_file.display()
    );
    assert!(stderr(&o).contains(&want), "{}", stderr(&o));

    std::fs::write(&env_file, "# fine\nROLECALL_KNOWLEDGE=/no/such/place\n").unwrap();
    let o = rolecall_in(&dir, &ask, None);
    assert_eq!(o.status.code(), Some(1), "a good .env is read");
    assert!(stderr(&o).contains("/no/such/place"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every `"confidence":NUMBER` in `json`, as printed.
fn printed_confidences(json: &str) -> Vec<&str> {
    json.match_indices("\"confidence\":")
        .map(|(i, key)| {
            let rest = &json[i + key.len()..];
            let end = rest.find([',', '}']).unwrap_or(rest.len());
            rest[..end].trim()
        })
        .collect()
}

#[test]
fn ask_json_confidences_have_at_most_three_decimals() {
    // An unsure question (suggestions), a confident one (related offers), a decline.
    let o = rolecall(
        &["ask", "--json"],
        Some("backlog\nwho decides\nvision\nhow do i reset my vpn\n"),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.trim_end().lines().collect();
    assert_eq!(lines.len(), 4);
    let (mut offers, mut not_round) = (0, 0);
    for line in &lines {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let mut values = vec![&v["confidence"]];
        for list in ["suggestions", "related", "examples"] {
            for o in v[list].as_array().unwrap() {
                offers += 1;
                values.push(&o["confidence"]);
            }
        }
        for c in values {
            let c = c.as_f64().expect("a number");
            assert!((0.0..=1.0).contains(&c), "{c}");
            assert_eq!(c, (c * 1000.0).round() / 1000.0, "{c} in {line}");
            not_round += usize::from(c != c.round());
        }
        let printed = printed_confidences(line);
        assert_eq!(
            printed.len(),
            1 + ["suggestions", "related", "examples"]
                .iter()
                .map(|list| v[list].as_array().unwrap().len())
                .sum::<usize>()
        );
        for text in printed {
            let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
            assert!(decimals <= 3, "`{text}` in {line}");
        }
    }
    assert!(
        offers >= 3,
        "suggestions and related offers were checked: {out}"
    );
    assert!(not_round >= 2, "fractional confidences were checked: {out}");
}

#[test]
fn chat_answers_a_suggestion_picked_by_number() {
    // "backlog" is unsure: 1. Who owns the backlog? 2. Who prioritises features?
    let o = rolecall(&["chat"], Some("backlog\n2\n7\n"));
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Did you mean"), "{out}");
    assert!(out.contains("2. Who prioritises features?"), "{out}");
    assert!(out.contains("Type 1 or 2 to choose a suggestion."), "{out}");
    let title = "Who prioritises features?";
    assert!(
        out.contains(&format!("{title}\n{}\n", "=".repeat(title.chars().count()))),
        "the chosen FAQ's answer, under its title: {out}"
    );
    assert!(
        out.contains("Nothing to choose: the last reply offered no numbered suggestions."),
        "the answer offered no numbers, so 7 is not a question: {out}"
    );
    assert!(!out.contains("Sorry, I can't answer"), "{out}");
}

#[test]
fn chat_numbers_out_of_range_or_without_suggestions_get_a_short_note() {
    let o = rolecall(&["chat"], Some("3\nvision\n4\n1\n"));
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("Nothing to choose: the last reply offered no numbered suggestions."),
        "{out}"
    );
    assert!(
        out.contains("There is no suggestion 4. Type 1 to choose a suggestion."),
        "{out}"
    );
    assert!(
        out.contains("Who owns the product roadmap and MVPs?\n======"),
        "a bad number keeps the suggestions, so 1 still answers: {out}"
    );
    assert!(!out.contains("Sorry, I can't answer"), "{out}");
}

#[test]
fn load_error_hint_names_a_check_command_that_runs() {
    let o = rolecall(&["--knowledge", "/no/such/place", "ask", "x"], None);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    // Tests run the cargo-built binary: the hint is a cargo command (or its path, for a
    // target folder cargo did not name `target`).
    let exe = env!("CARGO_BIN_EXE_rolecall");
    let runnable = ["cargo run --", "cargo run --release --", exe]
        .iter()
        .any(|p| err.contains(&format!("(run `{p} check /no/such/place` for details)")));
    assert!(runnable, "{err}");
}
