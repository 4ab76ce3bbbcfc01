//! The systemd unit in docs/running.md ("Running as a service") is one systemd accepts:
//! `systemd-analyze verify` passes on it and says nothing about it, with the binary this
//! build made standing in for `/opt/rolecall/rolecall`. It also keeps the database where
//! the service may write: in the state directory systemd creates, the one folder
//! `ProtectSystem=strict` leaves writable.
//!
//! Without `systemd-analyze` the test says it skipped, except in CI (`CI=true`), where its
//! absence is a failure (`.ci/run` installs it).

#[path = "support/doc_blocks.rs"]
mod doc_blocks;

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

/// The page holding the recipe, and the text just before its unit.
const PAGE: &str = include_str!("../docs/running.md");
const MARKER: &str = "A systemd unit (`/etc/systemd/system/rolecall.service`)";

/// The unit's command line, naming the binary where the recipe installs it.
const EXEC_START: &str = "ExecStart=/opt/rolecall/rolecall run";

/// A scratch folder, deleted when dropped (also when the test fails).
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `systemd-analyze`, or `None` (after saying so) when it is not installed outside CI.
fn systemd_analyze() -> Option<Command> {
    match Command::new("systemd-analyze").arg("--version").output() {
        Ok(_) => Some(Command::new("systemd-analyze")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "systemd-analyze is not installed, and CI (CI=true) requires it to check \
                     the service unit: install Debian's `systemd` package (.ci/run does)"
                );
            }
            // Written to the real stderr, past the test harness's capture, so it shows.
            let _ = writeln!(
                std::io::stderr(),
                "service unit test skipped: systemd-analyze is not installed \
                 (Debian's `systemd` package has it)"
            );
            None
        }
        Err(e) => panic!("cannot run systemd-analyze: {e}"),
    }
}

#[test]
fn the_documented_unit_passes_systemd_analyze_verify() {
    let unit = doc_blocks::block_after(PAGE, "docs/running.md", MARKER, "ini");
    for line in [
        EXEC_START,
        "StateDirectory=rolecall",
        "Environment=ROLECALL_DATABASE_URL=sqlite:///var/lib/rolecall/rolecall.db",
        "ProtectSystem=strict",
    ] {
        assert!(
            unit.lines().any(|l| l == line),
            "the unit has the line {line:?}:\n{unit}"
        );
    }
    let Some(mut analyze) = systemd_analyze() else {
        return;
    };

    let dir = format!("rolecall-service-unit-{}", std::process::id());
    let scratch = Scratch(std::env::temp_dir().join(dir));
    let _ = std::fs::remove_dir_all(&scratch.0);
    std::fs::create_dir_all(&scratch.0).unwrap();
    // `verify` checks that the command exists and is executable: use the binary this build
    // made, quoted and with `%` escaped, as systemd reads a command line.
    let bin = env!("CARGO_BIN_EXE_rolecall").replace('%', "%%");
    let unit = unit.replace(EXEC_START, &format!("ExecStart=\"{bin}\" run"));
    let path = scratch.0.join("rolecall.service");
    std::fs::write(&path, &unit).unwrap();

    let out = analyze
        .args(["verify", "--man=no", "--recursive-errors=no"])
        .arg(&path)
        .output()
        .expect("systemd-analyze runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // An unknown key or a value systemd cannot parse is only a warning (exit status 0), so
    // any line about the unit fails too; lines about other units on this machine don't.
    let about_unit: Vec<&str> = stdout
        .lines()
        .chain(stderr.lines())
        .filter(|l| l.contains("rolecall.service"))
        .collect();
    assert!(
        out.status.success() && about_unit.is_empty(),
        "systemd-analyze verify {}: {}\n{stdout}{stderr}\nthe unit:\n{unit}",
        path.display(),
        out.status
    );
}
