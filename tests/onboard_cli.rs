//! `rolecall onboard`: every page with `--all`, a piped walk to the summary, quitting, the
//! end of input, a knowledge without a tour, and a roster read from `--knowledge`.

use rolecall_core::knowledge::naming;
use rolecall_core::knowledge::Tour;
use rolecall_core::Knowledge;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// An empty folder of its own for each test, so no `./knowledge` is picked up.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rolecall-onboard-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the binary in `dir` with `args`, feeding it `stdin`.
fn rolecall_in(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .args(args)
        .env_remove("ROLECALL_KNOWLEDGE")
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn onboard(name: &str, args: &[&str], stdin: &str) -> (Output, String) {
    let dir = scratch(name);
    let mut all = vec!["onboard"];
    all.extend_from_slice(args);
    let o = rolecall_in(&dir, &all, stdin);
    let _ = std::fs::remove_dir_all(&dir);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    (o, out)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The tour compiled into the binary (the same files the library ships).
fn shipped_tour() -> Tour {
    Knowledge::shipped()
        .expect("shipped knowledge loads")
        .tour
        .expect("the shipped knowledge has a tour")
}

#[test]
fn all_prints_every_page_with_the_quiz_answers() {
    let tour = shipped_tour();
    let (o, out) = onboard("all", &["--all"], "");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.starts_with(&format!("{}\n", tour.title)), "{out}");
    let mut at = 0;
    for (i, step) in tour.steps.iter().enumerate() {
        let heading = format!("\n{}\n", step.title);
        let found = out[at..]
            .find(&heading)
            .unwrap_or_else(|| panic!("step {} “{}” in order: {out}", i + 1, step.title));
        at += found + heading.len();
        let footer = format!("-- Step {} of {}", i + 1, tour.steps.len());
        assert!(out[at..].contains(&footer), "{footer}");
        if let Some(q) = &step.quiz {
            let choices: String = q
                .choices
                .iter()
                .enumerate()
                .map(|(j, c)| format!("  {}. {c}\n", j + 1))
                .collect();
            assert!(
                out[at..].contains(&choices),
                "numbered choices of step {}",
                i + 1
            );
            let answer = format!("Answer: {}. {}\n", q.answer + 1, q.choices[q.answer]);
            assert!(out[at..].contains(&answer), "{answer}");
        }
    }
    let quizzes = tour.steps.iter().filter(|s| s.quiz.is_some()).count();
    assert_eq!(out.matches("\nAnswer: ").count(), quizzes);
    assert!(
        out[at..].contains("-- Summary · "),
        "the summary comes last"
    );
    assert!(out.contains("rolecall chat"));
    assert!(!out.contains("> "), "no prompt: --all doesn't wait");
}

#[test]
fn a_piped_walk_reaches_the_summary_with_the_score() {
    let tour = shipped_tour();
    // Start, then on each step: answer its quiz (the first right, the others wrong), Next.
    let mut input = String::from("\n");
    let mut first = true;
    for step in &tour.steps {
        if let Some(q) = &step.quiz {
            let pick = if first {
                q.answer
            } else {
                (q.answer + 1) % q.choices.len()
            };
            first = false;
            input.push_str(&format!("{}\n", pick + 1));
        }
        input.push('\n');
    }
    // On the summary: read the first entry again, then done.
    input.push_str("1\n\n");
    let (o, out) = onboard("walk", &[], &input);
    assert!(o.status.success(), "{}", stderr(&o));
    let quizzes = tour.steps.iter().filter(|s| s.quiz.is_some()).count();
    assert!(
        out.contains(&format!("Quiz: 1 of {quizzes} right")),
        "{out}"
    );
    assert!(out.contains("✅ Right: "), "{out}");
    assert!(out.contains("❌ Not quite: it's "), "{out}");
    assert!(out.contains("Read again\n  1. "), "{out}");
    // The first entry to read again is the first shown by the first quiz answered wrong.
    let k = Knowledge::shipped().unwrap();
    let wrong = tour
        .steps
        .iter()
        .filter(|s| s.quiz.is_some())
        .nth(1)
        .unwrap();
    let title = naming::title(&k, wrong.show[0]);
    let summary = out.rfind("-- Summary · ").unwrap();
    assert!(
        out[summary..].contains(&format!("\n{title}\n===")),
        "{title} opened: {out}"
    );
    assert!(out.contains("-- Summary · "), "{out}");
    assert!(out.trim_end().ends_with("You finished the tour. Nothing is saved offline; in Discord, `/onboard` keeps your place."), "{out}");
    assert!(out.contains("[Enter: start · q: quit]"), "{out}");
    assert!(out.contains("b: back"), "{out}");
}

#[test]
fn back_numbers_and_mistypes_are_handled_on_the_way() {
    let tour = shipped_tour();
    let quiz_step = tour.steps.iter().position(|s| s.quiz.is_some()).unwrap();
    let n = tour.steps[quiz_step].quiz.as_ref().unwrap().choices.len();
    // Intro: b (nothing before) and 1 (nothing to pick); step 1 → back to the intro → start
    // again; walk to the quiz; a choice out of range; a word; answer; answer again.
    let mut input = String::from("b\n1\n\nb\n\n");
    input.push_str(&"\n".repeat(quiz_step));
    input.push_str(&format!("{}\nhello\n1\n2\nq\n", n + 1));
    let (o, out) = onboard("keys", &[], &input);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.contains("This is the first page."), "{out}");
    assert!(
        out.contains("There is nothing to pick here: press Enter to start."),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "There is no choice {}: type a number from 1 to {n}.",
            n + 1
        )),
        "{out}"
    );
    assert!(out.contains("I didn't get “hello”."), "{out}");
    assert!(
        out.contains("You already answered this one (your first answer counts)"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "Tour closed at step {} of {}.",
            quiz_step + 1,
            tour.steps.len()
        )),
        "{out}"
    );
}

#[test]
fn q_quits_before_the_end() {
    let tour = shipped_tour();
    let (o, out) = onboard("quit", &[], "\n\nq\nthis is never read\n");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.contains(&tour.steps[1].title), "{out}");
    assert!(!out.contains(&tour.steps[2].title), "{out}");
    assert!(!out.contains("-- Summary"), "{out}");
    assert!(out.trim_end().ends_with(&format!(
        "Tour closed at step 2 of {}. Nothing is saved offline: `rolecall onboard` starts from the beginning next time.",
        tour.steps.len()
    )), "{out}");
}

#[test]
fn the_end_of_input_ends_cleanly() {
    let (o, out) = onboard("eof", &[], "\n");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    assert!(
        out.trim_end()
            .ends_with("starts from the beginning next time."),
        "{out}"
    );
    assert!(out.contains("Tour closed at step 1 of"), "{out}");

    let (o, out) = onboard("empty", &[], "");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.contains("Tour closed on the intro."), "{out}");
}

/// A knowledge folder with the shipped files, leaving out `skip` and adding `extra`.
fn knowledge_folder(name: &str, skip: &str, extra: Option<&str>) -> PathBuf {
    let dir = scratch(name).join("kb");
    std::fs::create_dir_all(&dir).unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    for entry in std::fs::read_dir(&shipped).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.extension().is_some_and(|e| e == "toml") && file != skip {
            std::fs::copy(&path, dir.join(&file)).unwrap();
        }
    }
    if let Some(extra) = extra {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(extra);
        std::fs::copy(&from, dir.join(from.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn knowledge_without_a_tour_says_how_to_add_one_and_fails() {
    let kb = knowledge_folder("no-tour", "onboarding.toml", None);
    let dir = kb.parent().unwrap();
    for args in [&["onboard"][..], &["onboard", "--all"]] {
        let mut all = args.to_vec();
        all.extend(["--knowledge", "kb"]);
        let o = rolecall_in(dir, &all, "\n");
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.contains("This knowledge has no onboarding tour yet."),
            "{err}"
        );
        assert!(
            err.contains("[tour]") && err.contains("rolecall check"),
            "{err}"
        );
        assert!(o.stdout.is_empty());
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_roster_step_lists_the_people_of_the_knowledge_given() {
    let tour = shipped_tour();
    let Some(step) = tour.steps.iter().position(|s| s.roster) else {
        panic!("the shipped tour shows the roster on a step");
    };
    let kb = knowledge_folder("roster", "", Some("tests/fixtures/roster/people.toml"));
    let dir = kb.parent().unwrap();
    let o = rolecall_in(dir, &["onboard", "--all", "--knowledge", "kb"], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    let page = out
        .split(&format!("{}\n", tour.steps[step].title))
        .nth(1)
        .expect("the roster step");
    let roster = page
        .split("Who holds which role here\n")
        .nth(1)
        .expect("the roster field");
    assert!(
        roster.contains("@2200000000000000001 · Product Owner · Team Blue"),
        "{roster}"
    );
    assert!(
        roster.contains("@2200000000000000003 · Product Manager"),
        "{roster}"
    );
    assert!(!roster.contains("<@"), "{roster}");
    let _ = std::fs::remove_dir_all(dir);
}
