//! The `rolecall` binary: a thin command line over the library.

use clap::{Parser, Subcommand};
use rolecall::cli::KnowledgeSource;
use rolecall::config::Settings;
use rolecall::discord::{self, logging::Redacting};
use rolecall::learn::offline;
use rolecall::render::text;
use rolecall::reply::{Offer, Reply};
use rolecall::{reply, report, KnowledgeBase, MatchConfig};
use rustyline::error::ReadlineError;
use std::ffi::OsStr;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};
use std::{env, fs};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// Log filter when `RUST_LOG` is not set.
const DEFAULT_LOG: &str = "info,serenity=warn";

/// Answers "who does what" questions about team roles, in Discord or in a terminal.
#[derive(Parser)]
#[command(name = "rolecall", version, about)]
struct Cli {
    /// Knowledge folder or file (default: ./knowledge if present, else the built-in knowledge).
    #[arg(long, global = true, env = rolecall::config::KNOWLEDGE, value_name = "PATH")]
    knowledge: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Answer one question (or one per line from stdin when no QUESTION is given).
    Ask {
        /// Print one JSON object per question instead of text.
        #[arg(long)]
        json: bool,
        /// Also print, to stderr, how each question reads to the matcher (tokens and weights).
        #[arg(long)]
        explain: bool,
        /// The question; omit it to read questions from stdin, one per line.
        question: Option<String>,
    },
    /// Validate knowledge and list every problem as `file:line: entry: message`.
    Check {
        /// Knowledge folder or file to check (default: as for --knowledge).
        path: Option<PathBuf>,
    },
    /// Ask questions interactively.
    Chat,
    /// Walk the onboarding tour in the terminal: Enter for next, `b` for back, a number to
    /// answer a quiz, `q` to quit. Nothing is saved offline: each run starts at the beginning
    /// (in Discord, `/onboard` keeps your place).
    Onboard {
        /// Print every page at once, each quiz's choices numbered and then its right answer
        /// and explanation, without waiting for input.
        #[arg(long)]
        all: bool,
    },
    /// Print the knowledge-gaps report from the bot's database: the topics people asked
    /// about that rolecall could not answer, the answers voted 👎 most with what people were
    /// looking for, and questions per week.
    Gaps {
        /// Database URL [default: ROLECALL_DATABASE_URL, else sqlite://rolecall.db].
        #[arg(long, env = rolecall::config::DATABASE_URL, value_name = "URL")]
        database: Option<String>,
        /// Days the report covers, ending now (1 to 365).
        #[arg(long, value_name = "N", default_value_t = offline::DEFAULT_DAYS,
              value_parser = clap::value_parser!(u32).range(1..=i64::from(rolecall::learn::report::MAX_DAYS)))]
        days: u32,
        /// Print the top topics as [[faq]] stubs to fill in instead: put the file in your
        /// knowledge folder; `rolecall check` reports every answer still unwritten.
        #[arg(long)]
        toml: bool,
        /// Only the questions of this server (its id) [default: every server].
        #[arg(long, value_name = "ID")]
        guild: Option<u64>,
        /// Delete the whole question log, every vote and every weekly count, and say how
        /// many rows went.
        #[arg(long, conflicts_with_all = ["days", "toml", "guild"])]
        purge: bool,
    },
    /// Run the Discord bot (the default). Settings come from the environment and `.env`;
    /// see `.env.example`.
    Run,
}

/// A failure that ends the program with a message and a non-zero code.
struct Failure(String);

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure(format!("i/o error: {e}"))
    }
}

fn main() -> ExitCode {
    // `.env` fills in what the real environment does not set (so clap sees it too).
    if let Err(Failure(msg)) = load_dotenv() {
        eprintln!("rolecall: {msg}");
        return ExitCode::FAILURE;
    }
    let cli = Cli::parse();
    let source = KnowledgeSource::resolve(cli.knowledge.as_deref());
    let result = match cli.command {
        Some(Command::Ask {
            json,
            explain,
            question,
        }) => ask(&source, json, explain, question),
        Some(Command::Check { path }) => return check(path.map_or(source, KnowledgeSource::Path)),
        Some(Command::Chat) => chat(&source),
        Some(Command::Onboard { all }) => return onboard(&source, all),
        Some(Command::Gaps {
            database,
            days,
            toml,
            guild,
            purge,
        }) => gaps(&source, database, days, toml, guild, purge),
        Some(Command::Run) | None => run(&source),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(msg)) => {
            eprintln!("rolecall: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn run(source: &KnowledgeSource) -> Result<(), Failure> {
    let settings = Settings::from_env().map_err(|e| Failure(e.to_string()))?;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_LOG));
    let log = tracing_subscriber::fmt::layer()
        .with_writer(Redacting::new(settings.token.expose()))
        .with_ansi(io::stderr().is_terminal())
        .with_filter(filter);
    // Also watches serenity's log for a shard Discord refused, whatever RUST_LOG says.
    tracing_subscriber::registry()
        .with(log)
        .with(discord::shards::RefusalWatch::global())
        .init();
    let k = load(source)?;
    tracing::info!(
        knowledge = %source.describe(),
        roles = k.roles.len(),
        faqs = k.faqs.len(),
        terms = k.terms.len(),
        "knowledge loaded"
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure(format!("cannot start the async runtime: {e}")))?;
    runtime
        .block_on(discord::run(settings, source.clone(), k))
        .map_err(|e| Failure(e.to_string()))
}

fn load(source: &KnowledgeSource) -> Result<KnowledgeBase, Failure> {
    source.load().map_err(|e| {
        Failure(format!(
            "cannot load knowledge from {}: {e}\n(run `{}` for details)",
            source.describe(),
            check_command(env::args_os().next().as_deref(), source)
        ))
    })
}

/// The `check` command line for `source`, spelled the way this program was started: `cargo run
/// -- check …` from a cargo build, the path as typed (`./rolecall check …`), else `rolecall check …`.
fn check_command(argv0: Option<&OsStr>, source: &KnowledgeSource) -> String {
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
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./+:=@,%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Ends quietly when the reader of stdout has gone away (e.g. `| head`).
fn quiet_pipe(r: io::Result<()>) -> Result<(), Failure> {
    match r {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn ask(
    source: &KnowledgeSource,
    json: bool,
    explain: bool,
    question: Option<String>,
) -> Result<(), Failure> {
    let k = load(source)?;
    let cfg = MatchConfig::DEFAULT;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let emit = |q: &str, out: &mut dyn Write| -> io::Result<()> {
        let r = reply::answer(&k, q, &cfg);
        if explain {
            let (asks, context) = k.matcher.asks(&k, q);
            eprintln!("explain: asks: {asks:?} context: {context:?}");
            let tokens = k.matcher.tokens(q);
            let shown: Vec<String> = tokens.iter().map(|(t, w)| format!("{t}={w:.2}")).collect();
            eprintln!("explain: tokens: {}", shown.join(" "));
            eprintln!("explain: reading: {}", k.interpret(q).describe(&k));
            let m = k.find(q, &cfg);
            let ranked: Vec<String> = m
                .ranked
                .iter()
                .map(|&(e, s)| format!("{}={s:.2}", k.entry_id(e)))
                .collect();
            eprintln!("explain: candidates: {} → {:?}", ranked.join(" "), m.band);
        }
        if json {
            serde_json::to_writer(&mut *out, &report::ask_json(q, &r))?;
            writeln!(out)
        } else {
            writeln!(out, "{}", text::render(&r))
        }
    };
    if let Some(q) = question {
        return quiet_pipe(emit(&q, &mut out).and_then(|_| out.flush()));
    }
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = input
            .read_until(b'\n', &mut buf)
            .map_err(|e| Failure(format!("cannot read questions from stdin: {e}")))?;
        if n == 0 {
            break;
        }
        let line = String::from_utf8_lossy(&buf);
        let q = line.trim_end_matches(['\n', '\r']);
        quiet_pipe(emit(q, &mut out))?;
    }
    quiet_pipe(out.flush())
}

fn check(source: KnowledgeSource) -> ExitCode {
    let sources = match source.sources() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("rolecall: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (knowledge, problems) = KnowledgeBase::validate(&sources);
    for p in &problems {
        println!("{p}");
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    match knowledge {
        Some(k) => {
            eprintln!(
                "{}: ok: {} file(s), {} role(s), {} aspect(s), {} fact(s), {} FAQ(s), {} term(s), {} tour step(s), {} team(s), {} holder(s); {warnings} warning(s)",
                source.describe(),
                k.files.len(),
                k.roles.len(),
                k.aspects.len(),
                k.roles.iter().flat_map(|r| r.facts.iter().flatten()).count(),
                k.faqs.len(),
                k.terms.len(),
                k.tour.as_ref().map_or(0, |t| t.steps.len()),
                k.teams.len(),
                k.holders.len()
            );
            ExitCode::SUCCESS
        }
        None => {
            eprintln!(
                "{}: {errors} error(s), {warnings} warning(s) in {} file(s)",
                source.describe(),
                sources.len()
            );
            ExitCode::FAILURE
        }
    }
}

/// `rolecall gaps`: the knowledge-gaps report (or the stubs, or the purge) from the database
/// at `database`, else `ROLECALL_DATABASE_URL` (clap reads it), else the default file.
fn gaps(
    source: &KnowledgeSource,
    database: Option<String>,
    days: u32,
    toml: bool,
    guild: Option<u64>,
    purge: bool,
) -> Result<(), Failure> {
    let url = database
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| rolecall::store::DEFAULT_URL.to_string());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure(format!("cannot start the async runtime: {e}")))?;
    let out = if purge {
        runtime.block_on(offline::purge(&url))
    } else {
        let k = load(source)?;
        let options = offline::Options {
            database: url,
            days,
            guild,
            toml,
            logging: offline::logging_on(env::var(rolecall::config::QUESTION_LOG).ok().as_deref()),
        };
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        runtime.block_on(offline::report(&k, &options, now))
    }
    .map_err(|e| Failure(e.to_string()))?;
    let mut stdout = io::stdout().lock();
    quiet_pipe(
        stdout
            .write_all(out.as_bytes())
            .and_then(|_| stdout.flush()),
    )
}

fn chat(source: &KnowledgeSource) -> Result<(), Failure> {
    let k = load(source)?;
    let cfg = MatchConfig::DEFAULT;
    eprintln!(
        "rolecall chat: {} ({}). Ask a question; an empty line or Ctrl-D quits.",
        k.title,
        source.describe()
    );
    let mut input = ChatInput::open();
    // The "did you mean" choices of the last reply, picked by typing their number.
    let mut pending: Vec<Offer> = Vec::new();
    let mut out = io::stdout();
    while let Some(line) = input.next_line()? {
        let q = line.trim();
        if q.is_empty() || q == "quit" || q == "exit" {
            break;
        }
        let r = match choice_number(q) {
            Some(n) => match choose(&k, &pending, n) {
                Ok(r) => r,
                Err(note) => {
                    quiet_pipe(writeln!(out, "{note}\n"))?;
                    continue;
                }
            },
            None => reply::answer(&k, q, &cfg),
        };
        quiet_pipe(writeln!(out, "{}", text::render(&r)))?;
        // Suggestions, else a decline's example questions, are numbered and can be picked.
        pending = if r.suggestions.is_empty() {
            r.examples
        } else {
            r.suggestions
        };
        if !pending.is_empty() {
            quiet_pipe(writeln!(out, "{}\n", choice_hint(pending.len())))?;
        }
    }
    Ok(())
}

/// `rolecall onboard [--all]`: the tour in the terminal. A knowledge without a tour prints
/// how to add one, on stderr, and fails.
fn onboard(source: &KnowledgeSource, all: bool) -> ExitCode {
    let k = match load(source) {
        Ok(k) => k,
        Err(Failure(msg)) => {
            eprintln!("rolecall: {msg}");
            return ExitCode::FAILURE;
        }
    };
    if k.tour.is_none() {
        let r = rolecall::onboarding::no_tour(&k, rolecall::onboarding::Surface::Terminal);
        eprint!("{}", text::render(&r));
        return ExitCode::FAILURE;
    }
    let mut out = io::stdout().lock();
    use rolecall::onboarding;
    let done = if all {
        onboarding::terminal::print_all(&k, &mut out)
    } else {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        onboarding::terminal::walk(&k, io::stdin().lock(), &mut out, now).map(|_| ())
    };
    match quiet_pipe(done) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(msg)) => {
            eprintln!("rolecall: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// The number typed alone on a chat line (`2`), if that is all the line is.
fn choice_number(line: &str) -> Option<usize> {
    let digits = line.strip_suffix('.').unwrap_or(line);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Too many digits to be a choice: still a choice, and out of range.
    Some(digits.parse().unwrap_or(usize::MAX))
}

/// The reply for suggestion `n` (from 1) of the last reply, or a note saying why there is none.
fn choose(k: &KnowledgeBase, pending: &[Offer], n: usize) -> Result<Reply, String> {
    if pending.is_empty() {
        return Err(
            "Nothing to choose: the last reply offered no numbered suggestions. Ask a question in words."
                .into(),
        );
    }
    let Some(offer) = n.checked_sub(1).and_then(|i| pending.get(i)) else {
        return Err(format!(
            "There is no suggestion {n}. {}",
            choice_hint(pending.len())
        ));
    };
    match k.parse_entry(&offer.entry) {
        Some(entry) => Ok(reply::for_entry(k, entry)),
        None => Err(format!(
            "“{}” is no longer in the knowledge; ask again in words.",
            offer.title
        )),
    }
}

/// "Type 1, 2 or 3 to choose a suggestion."
fn choice_hint(count: usize) -> String {
    let numbers: Vec<String> = (1..=count).map(|i| i.to_string()).collect();
    let list = match numbers.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => numbers.join(""),
    };
    format!("Type {list} to choose a suggestion.")
}

/// Where chat reads its lines: a line editor with history on a terminal, else plain stdin.
enum ChatInput {
    /// Line editing and in-memory history (stdin and stdout are a terminal).
    Editor(Box<rustyline::DefaultEditor>),
    /// One line at a time from stdin (pipes, files, tests).
    Plain(io::StdinLock<'static>),
}

impl ChatInput {
    /// The editor when both ends are a terminal and it can start, else the plain reader.
    fn open() -> ChatInput {
        if io::stdin().is_terminal() && io::stdout().is_terminal() {
            if let Ok(editor) = rustyline::DefaultEditor::new() {
                return ChatInput::Editor(Box::new(editor));
            }
        }
        ChatInput::Plain(io::stdin().lock())
    }

    /// The next line, or `None` at end of input, Ctrl-D or Ctrl-C.
    fn next_line(&mut self) -> Result<Option<String>, Failure> {
        match self {
            ChatInput::Editor(editor) => match editor.readline("> ") {
                Ok(line) => {
                    if !line.trim().is_empty() {
                        // History is a convenience: failing to record a line is not an error.
                        let _ = editor.add_history_entry(line.as_str());
                    }
                    Ok(Some(line))
                }
                Err(ReadlineError::Eof | ReadlineError::Interrupted) => Ok(None),
                Err(e) => Err(Failure(format!("cannot read from the terminal: {e}"))),
            },
            ChatInput::Plain(stdin) => {
                eprint!("> ");
                let mut buf = Vec::new();
                let n = stdin
                    .read_until(b'\n', &mut buf)
                    .map_err(|e| Failure(format!("cannot read from stdin: {e}")))?;
                if n == 0 {
                    return Ok(None);
                }
                let line = String::from_utf8_lossy(&buf);
                Ok(Some(line.trim_end_matches(['\n', '\r']).to_string()))
            }
        }
    }
}

/// Loads `.env` from the working directory or its nearest parent that has one (as
/// `dotenvy::dotenv` finds it), without overriding the real environment. No file is fine; a
/// file that cannot be read or parsed is an error naming the file and line.
fn load_dotenv() -> Result<(), Failure> {
    let Some(path) = find_dotenv()? else {
        return Ok(());
    };
    let shown = match env::current_dir() {
        Ok(cwd) => path
            .strip_prefix(&cwd)
            .unwrap_or(&path)
            .display()
            .to_string(),
        Err(_) => path.display().to_string(),
    };
    let text = fs::read_to_string(&path)
        .map_err(|e| Failure(format!("{shown}: cannot read the settings file: {e}")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut vars = Vec::new();
    for item in dotenvy::from_read_iter(text.as_bytes()) {
        match item {
            Ok(var) => vars.push(var),
            Err(e) => return Err(Failure(dotenv_error(&shown, text, vars.len(), e))),
        }
    }
    for (key, value) in vars {
        if env::var_os(&key).is_none() {
            env::set_var(key, value);
        }
    }
    Ok(())
}

/// The first `.env` file in the working directory and its parents, if any.
fn find_dotenv() -> Result<Option<PathBuf>, Failure> {
    let Ok(cwd) = env::current_dir() else {
        return Ok(None);
    };
    for dir in cwd.ancestors() {
        let candidate = dir.join(".env");
        match fs::metadata(&candidate) {
            Ok(m) if m.is_file() => return Ok(Some(candidate)),
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                return Err(Failure(format!(
                    "{}: cannot read the settings file: {e}",
                    candidate.display()
                )))
            }
            _ => {}
        }
    }
    Ok(None)
}

/// `.env line 3: …` for a parse error after `parsed` good settings. Never quotes a value:
/// `.env` holds the bot token.
fn dotenv_error(shown: &str, text: &str, parsed: usize, e: dotenvy::Error) -> String {
    match e {
        dotenvy::Error::LineParse(bad, at) => match dotenv_error_lines(text, parsed, &bad, at) {
            Some((first, last)) => {
                let logical: Vec<&str> = text
                    .lines()
                    .skip(first - 1)
                    .take(last - first + 1)
                    .collect();
                format!(
                    "{shown} line {first}: {}",
                    dotenv_line_problem(&logical.join("\n"))
                )
            }
            None => format!("{shown}: a line cannot be read as NAME=value"),
        },
        dotenvy::Error::Io(e) => format!("{shown}: cannot read the settings file: {e}"),
        other => format!("{shown}: {other}"),
    }
}

/// The first and last line (from 1) of the setting that failed with `LineParse(bad, at)`:
/// the shortest run of leading lines that fails the same way after the same good settings.
fn dotenv_error_lines(text: &str, parsed: usize, bad: &str, at: usize) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut prefix = String::new();
    for (i, line) in lines.iter().enumerate() {
        prefix.push_str(line);
        let mut good = 0;
        for item in dotenvy::from_read_iter(prefix.as_bytes()) {
            match item {
                Ok(_) => good += 1,
                Err(dotenvy::Error::LineParse(b, a)) if good == parsed && b == bad && a == at => {
                    let spans = bad.trim_end_matches(['\n', '\r']).matches('\n').count();
                    return Some((i + 1 - spans.min(i), i + 1));
                }
                Err(_) => break,
            }
        }
    }
    None
}

/// What is wrong with one `.env` setting, in words; names the variable, never its value.
fn dotenv_line_problem(line: &str) -> String {
    let body = line.trim_start();
    let body = match body.strip_prefix("export") {
        Some(rest) if rest.starts_with([' ', '\t']) => rest.trim_start(),
        _ => body,
    };
    let Some((name, value)) = body.split_once('=') else {
        return "expected NAME=value, but the line has no `=`".into();
    };
    let name = name.trim_end();
    let valid_name = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    if !valid_name {
        return "expected NAME=value, but the text before `=` is not a variable name (letters, digits and `_`, not starting with a digit)".into();
    }
    let (mut quote, mut escaped, mut spaced) = (None, false, false);
    for c in value.trim_start().chars() {
        match (quote, c) {
            (Some('\''), '\'') => quote = None,
            (Some('\''), _) => {}
            _ if escaped => {
                if !matches!(c, '\\' | '\'' | '"' | '$' | ' ' | 'n') {
                    return format!("{name}: unknown escape `\\{c}` in the value (write `\\\\` for a backslash)");
                }
                escaped = false;
            }
            (_, '\\') => escaped = true,
            (Some(_), '"') => quote = None,
            (Some(_), _) => {}
            (None, '#') if spaced => break,
            (None, ' ' | '\t') => spaced = true,
            (None, _) if spaced => {
                return format!(
                    "{name}: the value has a space in it; put the whole value in quotes, e.g. {name}=\"…\""
                );
            }
            (None, '\'' | '"') => quote = Some(c),
            (None, _) => {}
        }
    }
    if let Some(q) = quote {
        return format!("{name}: the value opens a `{q}` quote that is never closed");
    }
    if value.rfind("${").is_some_and(|i| !value[i..].contains('}')) {
        return format!("{name}: the value has a `${{` without its closing `}}`");
    }
    format!("{name}: the value cannot be read (check its quotes and backslashes)")
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
            assert_eq!(check_for(argv0, source), want, "started as {argv0:?}");
        }
        assert_eq!(check_command(None, &shipped), "rolecall check");
    }

    #[test]
    fn a_number_alone_is_a_choice() {
        assert_eq!(choice_number("2"), Some(2));
        assert_eq!(choice_number("2."), Some(2));
        assert_eq!(choice_number("99999999999999999999999"), Some(usize::MAX));
        assert_eq!(choice_number("2 roles"), None);
        assert_eq!(choice_number("."), None);
        assert_eq!(choice_number("-1"), None);
        assert_eq!(choice_hint(1), "Type 1 to choose a suggestion.");
        assert_eq!(choice_hint(3), "Type 1, 2 or 3 to choose a suggestion.");
    }

    fn env_error(text: &str) -> String {
        let mut parsed = 0;
        for item in dotenvy::from_read_iter(text.as_bytes()) {
            match item {
                Ok(_) => parsed += 1,
                Err(e) => return dotenv_error(".env", text, parsed, e),
            }
        }
        panic!("{text:?} parses")
    }

    #[test]
    fn env_errors_name_the_line_and_the_problem_but_never_the_value() {
        let cases = [
            ("A=1\n# note\nFOO BAR\n", ".env line 3: expected NAME=value, but the line has no `=`"),
            ("A=1\nTOKEN=abc secret\n", ".env line 2: TOKEN: the value has a space in it; put the whole value in quotes, e.g. TOKEN=\"…\""),
            ("A=\"abc\nB=1\n", ".env line 1: A: the value opens a `\"` quote that is never closed"),
            ("A=\"two\nlines\"\nB=x y\n", ".env line 3: B: the value has a space in it; put the whole value in quotes, e.g. B=\"…\""),
            ("B=1\nA=\"x\ny\" z\n", ".env line 2: A: the value has a space in it; put the whole value in quotes, e.g. A=\"…\""),
            ("9LIVES=1", ".env line 1: expected NAME=value, but the text before `=` is not a variable name (letters, digits and `_`, not starting with a digit)"),
            ("export A=1\nexport B\n", ".env line 2: expected NAME=value, but the line has no `=`"),
            ("A=a\\qb\n", ".env line 1: A: unknown escape `\\q` in the value (write `\\\\` for a backslash)"),
            ("A=${B\n", ".env line 1: A: the value has a `${` without its closing `}`"),
        ];
        for (text, want) in cases {
            let got = env_error(text);
            assert_eq!(got, want, "{text:?}");
            assert!(!got.contains("secret"), "{got}");
        }
    }
}
