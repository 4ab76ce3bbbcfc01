//! `rolecall gaps`: the knowledge-gaps report read from the bot's database, in a terminal;
//! `--toml` for the `[[faq]]` stubs, `--purge` to delete the whole question log.

use rolecall_core::base::KnowledgeBase;
use rolecall_core::learn::report::{self, MAX_QUESTIONS};
use rolecall_core::learn::{stubs, GapsData, DAY};
use rolecall_core::render::plural;
use rolecall_store::{Backend, Store, StoreError};
use sqlx::sqlite::SqliteConnectOptions;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// Days a report covers unless told otherwise.
pub const DEFAULT_DAYS: u32 = 30;

/// Which report `rolecall gaps` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The database URL.
    pub database: String,
    /// Days the report covers, ending now (1 to [`report::MAX_DAYS`]).
    pub days: u32,
    /// One server only (`None`: every server in the database).
    pub guild: Option<u64>,
    /// Print `[[faq]]` stubs instead of the report.
    pub toml: bool,
    /// False when `ROLECALL_QUESTION_LOG` turns the question log off.
    pub logging: bool,
}

/// Why `rolecall gaps` could not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GapsError {
    /// The SQLite file the URL names does not exist (it is not created just to read it).
    NoDatabase {
        /// The file.
        path: String,
        /// The URL naming it.
        url: String,
    },
    /// The database could not be opened or read.
    Store(StoreError),
}

impl fmt::Display for GapsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GapsError::NoDatabase { path, url } => write!(
                f,
                "there is no database at {path} yet ({url}). The bot creates it when it starts, \
                 and the question log fills as people ask questions it can't answer. To read \
                 the bot's database from elsewhere, pass --database URL or set \
                 ROLECALL_DATABASE_URL as the bot has it."
            ),
            GapsError::Store(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for GapsError {}

impl From<StoreError> for GapsError {
    fn from(e: StoreError) -> Self {
        GapsError::Store(e)
    }
}

/// The file a SQLite URL names, as the driver reads it (`sqlite://rolecall.db`,
/// `sqlite:data/x.db?mode=rwc`, percent-escapes decoded); `None` for an in-memory database
/// or a URL that is not SQLite's.
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    let url = url.trim();
    let rest = url.strip_prefix("sqlite:")?;
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let (database, params) = rest.split_once('?').unwrap_or((rest, ""));
    let memory = database == ":memory:" || params.split('&').any(|p| p == "mode=memory");
    if memory || database.is_empty() {
        return None;
    }
    let options = SqliteConnectOptions::from_str(url).ok()?;
    Some(options.get_filename().to_path_buf())
}

/// Opens the database at `url`; a SQLite file that does not exist yet is an error, not a
/// new empty database.
pub(crate) async fn open(url: &str) -> Result<Store, GapsError> {
    if let Some(path) = sqlite_file(url) {
        if !path.exists() {
            return Err(GapsError::NoDatabase {
                path: path.display().to_string(),
                url: url.trim().to_string(),
            });
        }
    }
    Ok(Store::open(url).await?)
}

/// `rolecall gaps [--toml]` at Unix time `now`: the report (or the stubs) to print.
pub async fn report(kb: &KnowledgeBase, o: &Options, now: i64) -> Result<String, GapsError> {
    let store = open(&o.database).await?;
    let days = o.days.clamp(1, report::MAX_DAYS);
    let since = now.saturating_sub(i64::from(days) * DAY);
    let data = read(&store, o.guild, since, now).await;
    store.close().await;
    let g = report::build(kb, &data?, days, now, o.logging);
    Ok(if o.toml {
        stubs::toml(kb, &g)
    } else {
        report::text(&g)
    })
}

/// What a report of `guild` since `since` made at `now` needs: the window's questions, votes
/// and comments, and the week counts of the whole chart (which may reach further back).
pub async fn read(
    store: &dyn Backend,
    guild: Option<u64>,
    since: i64,
    now: i64,
) -> Result<GapsData, StoreError> {
    let mut data = store.gaps(guild, since, MAX_QUESTIONS).await?;
    let chart = report::chart_since(now);
    if chart < since {
        data.weeks = store.gaps(guild, chart, 0).await?.weeks;
    }
    Ok(data)
}

/// `rolecall gaps --purge`: deletes the whole question log, every vote and every weekly
/// count in the database at `url`; says how many rows went.
pub async fn purge(url: &str) -> Result<String, GapsError> {
    let store = open(url).await?;
    let rows = store.purge_all_log().await;
    store.close().await;
    let rows = rows?;
    Ok(format!(
        "Deleted {} from {}: the question log, every vote and every weekly count.\n",
        plural(rows, "row", "rows"),
        rolecall_store::redact(url.trim())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(
            sqlite_file("sqlite://rolecall.db"),
            Some("rolecall.db".into())
        );
        assert_eq!(
            sqlite_file("sqlite:data/x.db?mode=rwc"),
            Some("data/x.db".into())
        );
        assert_eq!(
            sqlite_file("sqlite:///tmp/a%20b.db"),
            Some("/tmp/a b.db".into())
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("sqlite://x.db?mode=memory"), None);
        assert_eq!(sqlite_file("postgres://u:p@h/db"), None);
        assert_eq!(sqlite_file("mysql://h/db"), None);
    }
}
