//! Every REST request a fake received, saved as JSONL for the payload validator.

use super::*;

/// Where the requests of every fake go: `target/e2e-requests` (the parent of
/// `CARGO_TARGET_TMPDIR`, which cargo sets for integration tests to `<target dir>/tmp`).
fn requests_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is inside the target directory")
        .join("e2e-requests")
}

/// Saves a fake's requests as JSONL, named after the test, when the fake is dropped.
pub(super) struct Recorder {
    state: Arc<Mutex<State>>,
    scenario: String,
    file: PathBuf,
}

impl Recorder {
    /// A recorder for the current test. libtest runs each test on a thread named after it
    /// (also with `--test-threads=1`), and `#[tokio::test]` polls the test body on that
    /// thread. The first fake of a test in this process empties the test's file, so a
    /// rerun never keeps old requests and a second fake in one test appends to the first.
    pub(super) fn new(state: Arc<Mutex<State>>) -> Recorder {
        static STARTED: Mutex<Option<HashSet<String>>> = Mutex::new(None);
        let scenario = std::thread::current()
            .name()
            .filter(|n| *n != "main")
            .unwrap_or("unnamed")
            .to_string();
        let safe: String = scenario
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let dir = requests_dir();
        let file = dir.join(format!("{safe}.jsonl"));
        let first = STARTED
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get_or_insert_with(HashSet::new)
            .insert(safe);
        if first {
            let created = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&file, ""));
            if let Err(e) = created {
                panic!("cannot create {}: {e}", file.display());
            }
        }
        Recorder {
            state,
            scenario,
            file,
        }
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        // Never panic here: this may run while the test is already unwinding.
        let requests = self
            .state
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .requests
            .clone();
        let mut text = String::new();
        for (i, r) in requests.iter().enumerate() {
            let path = r.path.strip_prefix("/api/v10").unwrap_or(&r.path);
            let line = json!({
                "scenario": self.scenario,
                "i": i,
                "method": r.method,
                "path": path,
                "body": r.body,
            });
            text.push_str(&line.to_string());
            text.push('\n');
        }
        let written = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&self.file)
            .and_then(|mut f| f.write_all(text.as_bytes()));
        if let Err(e) = written {
            eprintln!(
                "could not save the requests to {}: {e}",
                self.file.display()
            );
        }
    }
}
