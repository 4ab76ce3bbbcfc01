//! The real `rolecall` binary, started against a fake, with its log kept for the test.

use super::*;

/// The real `rolecall` binary, running against a fake; its stderr is printed if the test
/// fails, and it is killed when dropped.
pub struct Bot {
    child: Child,
    log: Arc<Mutex<String>>,
    /// What the fake received, checked for reply hygiene when the test ends.
    fake: Fake,
}

impl Bot {
    /// Starts `rolecall run` against `fake` with the test knowledge and extra `env`.
    pub fn start(fake: &Fake, env: &[(&str, &str)]) -> Bot {
        Bot::spawn(fake, env, None)
    }

    /// Like [`Bot::start`], with the bot's open-file limit (`ulimit -n`) set to `files`.
    pub fn start_with_file_limit(fake: &Fake, env: &[(&str, &str)], files: u32) -> Bot {
        Bot::spawn(fake, env, Some(files))
    }

    fn spawn(fake: &Fake, env: &[(&str, &str)], file_limit: Option<u32>) -> Bot {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let bin = env!("CARGO_BIN_EXE_rolecall");
        let mut cmd = match file_limit {
            // `exec` replaces the shell, so the child's pid is the bot's and the limit its own.
            Some(n) => {
                let mut sh = Command::new("/bin/sh");
                sh.arg("-c")
                    .arg(format!("ulimit -n {n} && exec \"$0\" run"))
                    .arg(bin);
                sh
            }
            None => {
                let mut bot = Command::new(bin);
                bot.arg("run");
                bot
            }
        };
        cmd.current_dir(std::env::temp_dir())
            .env_clear()
            .env("ROLECALL_DATABASE_URL", scratch_database())
            .env("DISCORD_TOKEN", TOKEN)
            .env("DISCORD_API_BASE", &fake.api_base)
            .env("ROLECALL_KNOWLEDGE", root.join("tests/fixtures/knowledge"))
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start the rolecall binary");
        let log = Arc::new(Mutex::new(String::new()));
        if let Some(stderr) = child.stderr.take() {
            let log = log.clone();
            tokio::spawn(async move {
                let mut lines = BufReader::new(stderr).lines();
                while let Ok(Some(line)) = lines.next_line().await {
                    let mut l = log.lock().unwrap_or_else(|p| p.into_inner());
                    l.push_str(&line);
                    l.push('\n');
                }
            });
        }
        Bot {
            child,
            log,
            fake: fake.clone(),
        }
    }

    /// Everything the bot logged so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id().expect("bot is running")
    }

    /// Waits for the process to exit, panicking after [`WAIT`].
    pub async fn wait_exit(&mut self) -> ExitStatus {
        match tokio::time::timeout(WAIT, self.child.wait()).await {
            Ok(Ok(status)) => status,
            Ok(Err(e)) => panic!("waiting for the bot failed: {e}"),
            Err(_) => panic!("the bot did not exit within {WAIT:?}"),
        }
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("---- rolecall stderr ----\n{}---- end ----", self.log());
            return;
        }
        // Runs on the test's thread as the test ends: fail it on any body the bot sent
        // that Discord would show badly (see `hygiene`).
        let unkempt: Vec<String> = self
            .fake
            .requests()
            .iter()
            .flat_map(|r| {
                super::hygiene::problems(&r.body)
                    .into_iter()
                    .map(move |p| format!("{} {} {p}", r.method, r.path))
            })
            .collect();
        if !unkempt.is_empty() {
            panic!(
                "{} problems in what the bot sent, as Discord would show it:\n{}",
                unkempt.len(),
                unkempt.join("\n")
            );
        }
    }
}
