//! The `rolecall check` command line shown in hints, spelled so it runs as typed.

use rolecall_core::KnowledgeSource;
use std::ffi::OsStr;
use std::path::Path;

/// The `check` command line for `source`, spelled the way this program was started: `cargo run
/// -- check …` from a cargo build, the path as typed (`./rolecall check …`), else `rolecall check …`.
pub fn check_command(argv0: Option<&OsStr>, source: &KnowledgeSource) -> String {
    let program = argv0.map(Path::new).filter(|p| !p.as_os_str().is_empty());
    let profile = program
        .filter(|p| {
            p.parent()
                .and_then(Path::parent)
                .and_then(Path::file_name)
                .is_some_and(|d| d == "target")
        })
        .and_then(|p| p.parent()?.file_name()?.to_str());
    let mut command = match (profile, program) {
        (Some("debug"), _) => "cargo run -- check".to_string(),
        (Some("release"), _) => "cargo run --release -- check".to_string(),
        (_, Some(p)) if p.components().count() > 1 => {
            format!("{} check", shell_word(&p.to_string_lossy()))
        }
        _ => "rolecall check".to_string(),
    };
    if let KnowledgeSource::Path(p) = source {
        command.push(' ');
        command.push_str(&shell_word(&p.to_string_lossy()));
    }
    command
}

/// `word` quoted for a POSIX shell when it holds anything but plain path characters.
fn shell_word(word: &str) -> String {
    // `try_quote` refuses only a NUL byte, which no path or argument can hold.
    shlex::try_quote(word).map_or_else(|_| word.replace('\0', ""), |q| q.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_for(argv0: &str, source: &KnowledgeSource) -> String {
        check_command(Some(OsStr::new(argv0)), source)
    }

    #[test]
    fn check_hint_is_runnable_the_way_rolecall_was_started() {
        let folder = KnowledgeSource::Path("knowledge".into());
        let spaced = KnowledgeSource::Path("my team's/kb".into());
        let shipped = KnowledgeSource::Shipped;
        let cases = [
            ("rolecall", &folder, "rolecall check knowledge"),
            ("rolecall", &shipped, "rolecall check"),
            (
                "target/debug/rolecall",
                &folder,
                "cargo run -- check knowledge",
            ),
            (
                "/src/rc/target/release/rolecall",
                &shipped,
                "cargo run --release -- check",
            ),
            ("./rolecall", &folder, "./rolecall check knowledge"),
            (
                "/opt/rolecall/rolecall",
                &spaced,
                r"/opt/rolecall/rolecall check 'my team'\''s/kb'",
            ),
            (
                "/opt/my apps/rolecall",
                &shipped,
                "'/opt/my apps/rolecall' check",
            ),
            ("", &shipped, "rolecall check"),
        ];
        for (argv0, source, want) in cases {
            let got = check_for(argv0, source);
            // Quoting may be spelled several ways; what matters is the words a shell reads.
            assert_eq!(
                shlex::split(&got),
                shlex::split(want),
                "started as {argv0:?}: {got}"
            );
        }
        assert_eq!(check_command(None, &shipped), "rolecall check");
    }
}
