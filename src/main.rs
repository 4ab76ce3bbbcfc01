//! The `rolecall` binary: a thin command line over the library.

use clap::{Parser, Subcommand};
use rolecall::cli::KnowledgeSource;
use rolecall::config::Settings;
use rolecall::discord::{self, logging::Redacting};
use rolecall::render::text;
use rolecall::{reply, report, KnowledgeBase, MatchConfig};
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

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
    let _ = dotenvy::dotenv();
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
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_LOG)),
        )
        .with_writer(Redacting::new(settings.token.expose()))
        .with_ansi(io::stderr().is_terminal())
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
            "cannot load knowledge from {}: {e}\n(run `rolecall check` for details)",
            source.describe()
        ))
    })
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
            writeln!(out, "{}", report::ask_json(q, &r))
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
                "{}: ok: {} file(s), {} role(s), {} aspect(s), {} fact(s), {} FAQ(s), {} term(s); {warnings} warning(s)",
                source.describe(),
                k.files.len(),
                k.roles.len(),
                k.aspects.len(),
                k.roles.iter().flat_map(|r| r.facts.iter().flatten()).count(),
                k.faqs.len(),
                k.terms.len()
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

fn chat(source: &KnowledgeSource) -> Result<(), Failure> {
    let k = load(source)?;
    let cfg = MatchConfig::DEFAULT;
    eprintln!(
        "rolecall chat: {} ({}). Ask a question; an empty line or Ctrl-D quits.",
        k.title,
        source.describe()
    );
    let stdin = io::stdin();
    let mut lines = stdin.lock().lines();
    loop {
        eprint!("> ");
        let Some(line) = lines.next() else { break };
        let line = line.map_err(|e| Failure(format!("cannot read from stdin: {e}")))?;
        if line.trim().is_empty() || line.trim() == "quit" || line.trim() == "exit" {
            break;
        }
        let r = reply::answer(&k, &line, &cfg);
        quiet_pipe(writeln!(io::stdout(), "{}", text::render(&r)))?;
    }
    Ok(())
}
