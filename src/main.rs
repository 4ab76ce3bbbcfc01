//! The `rolecall` binary: a thin command line over the library.

mod chat;
mod dotenv_file;

use clap::{Parser, Subcommand};
use rolecall::check_hint;
use rolecall::clock::unix_now;
use rolecall::config::Settings;
use rolecall::discord::{self, logging::Redacting};
use rolecall::offline;
use rolecall_core::render::text;
use rolecall_core::KnowledgeSource;
use rolecall_core::{reply, report, KnowledgeBase, MatchConfig};
use std::env;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
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
              value_parser = clap::value_parser!(u32).range(1..=i64::from(rolecall_core::learn::report::MAX_DAYS)))]
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
    /// Print what a server taught rolecall from Discord (its own FAQs and roster) as a
    /// knowledge file that `rolecall check` accepts beside the knowledge, e.g. to keep it in
    /// git.
    Export {
        /// The server's id.
        #[arg(long, value_name = "ID")]
        guild: u64,
        /// Database URL [default: ROLECALL_DATABASE_URL, else sqlite://rolecall.db].
        #[arg(long, env = rolecall::config::DATABASE_URL, value_name = "URL")]
        database: Option<String>,
    },
    /// With --guild: validate a knowledge file of FAQs and roster (as `export` prints) and
    /// make it that server's own, replacing what it taught. Without --guild, for a Markdown
    /// document (`.md`): print the questions it answers (question headings, Q:/A: pairs,
    /// definition lists) as [[faq]] stubs to review; nothing goes live.
    Import {
        /// The knowledge file (.toml) or Markdown document (.md).
        file: PathBuf,
        /// The server's id.
        #[arg(long, value_name = "ID")]
        guild: Option<u64>,
        /// Database URL [default: ROLECALL_DATABASE_URL, else sqlite://rolecall.db].
        #[arg(long, env = rolecall::config::DATABASE_URL, value_name = "URL")]
        database: Option<String>,
    },
    /// Run the Discord bot (the default). Settings come from the environment and `.env`;
    /// see `.env.example`.
    Run,
}

/// A failure that ends the program with a message and a non-zero code.
pub(crate) struct Failure(pub(crate) String);

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure(format!("i/o error: {e}"))
    }
}

fn main() -> ExitCode {
    // `.env` fills in what the real environment does not set (so clap sees it too).
    if let Err(Failure(msg)) = dotenv_file::load_dotenv() {
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
        Some(Command::Chat) => chat::chat(&source),
        Some(Command::Onboard { all }) => return onboard(&source, all),
        Some(Command::Gaps {
            database,
            days,
            toml,
            guild,
            purge,
        }) => gaps(&source, database, days, toml, guild, purge),
        Some(Command::Export { guild, database }) => export(&source, guild, database),
        Some(Command::Import {
            file,
            guild,
            database,
        }) => import(&source, &file, guild, database),
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

pub(crate) fn load(source: &KnowledgeSource) -> Result<KnowledgeBase, Failure> {
    source.load().map_err(|e| {
        Failure(format!(
            "cannot load knowledge from {}: {e}\n(run `{}` for details)",
            source.describe(),
            check_hint::check_command(env::args_os().next().as_deref(), source)
        ))
    })
}

/// Ends quietly when the reader of stdout has gone away (e.g. `| head`).
pub(crate) fn quiet_pipe(r: io::Result<()>) -> Result<(), Failure> {
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
    let url = database_url(database);
    let runtime = offline_runtime()?;
    let out = if purge {
        runtime.block_on(offline::purge(&url))
    } else {
        let k = load(source)?;
        let setting = env::var(rolecall::config::QUESTION_LOG).ok();
        let setting = setting.as_deref().map(str::trim).filter(|v| !v.is_empty());
        let logging =
            rolecall::config::question_log(setting).map_err(|e| Failure(e.to_string()))?;
        let options = offline::Options {
            database: url,
            days,
            guild,
            toml,
            logging,
        };
        runtime.block_on(offline::report(&k, &options, unix_now()))
    }
    .map_err(|e| Failure(e.to_string()))?;
    print(&out)
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
        let r =
            rolecall_core::onboarding::no_tour(&k, rolecall_core::onboarding::Surface::Terminal);
        eprint!("{}", text::render(&r));
        return ExitCode::FAILURE;
    }
    let mut out = io::stdout().lock();
    use rolecall_core::onboarding;
    let done = if all {
        onboarding::terminal::print_all(&k, &mut out)
    } else {
        onboarding::terminal::walk(&k, io::stdin().lock(), &mut out, unix_now()).map(|_| ())
    };
    match quiet_pipe(done) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(msg)) => {
            eprintln!("rolecall: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// Prints `out` to stdout, ending quietly when the reader has gone away.
fn print(out: &str) -> Result<(), Failure> {
    let mut stdout = io::stdout().lock();
    quiet_pipe(
        stdout
            .write_all(out.as_bytes())
            .and_then(|_| stdout.flush()),
    )
}

/// The database URL given, else the default.
fn database_url(database: Option<String>) -> String {
    database
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| rolecall_store::DEFAULT_URL.to_string())
}

/// A runtime for one offline command.
fn offline_runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure(format!("cannot start the async runtime: {e}")))
}

/// `rolecall export --guild ID`.
fn export(source: &KnowledgeSource, guild: u64, database: Option<String>) -> Result<(), Failure> {
    let k = load(source)?;
    let out = offline_runtime()?
        .block_on(rolecall::transfer::export(
            &k,
            &database_url(database),
            guild,
        ))
        .map_err(|e| Failure(e.to_string()))?;
    print(&out)
}

/// `rolecall import FILE [--guild ID]`.
fn import(
    source: &KnowledgeSource,
    file: &std::path::Path,
    guild: Option<u64>,
    database: Option<String>,
) -> Result<(), Failure> {
    use rolecall::transfer::{self, TransferError};
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure(format!("cannot read {}: {e}", file.display())))?;
    let shown = file.display().to_string();
    let k = load(source)?;
    let markdown = transfer::is_markdown(file);
    let out = match (markdown, guild) {
        (true, None) => transfer::stubs(&k, &shown, &text),
        (true, Some(_)) => return Err(Failure(TransferError::Unreviewed.to_string())),
        (false, None) => return Err(Failure(TransferError::NoGuild.to_string())),
        (false, Some(guild)) => {
            let setting = env::var(rolecall::config::GUILD_FAQ_LIMIT).ok();
            let limit = rolecall::config::guild_faq_limit(setting.as_deref())
                .map_err(|e| Failure(e.to_string()))?;
            offline_runtime()?
                .block_on(transfer::import(
                    &k,
                    &database_url(database),
                    guild,
                    &shown,
                    &text,
                    limit,
                ))
                .map_err(|e| Failure(e.to_string()))?
        }
    };
    print(&out)
}
