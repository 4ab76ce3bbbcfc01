//! `rolecall export` and `rolecall import`: what a server taught, out of the database as a
//! knowledge file and back in; and a team's Markdown docs turned into `[[faq]]` stubs for
//! review (nothing from a document goes live without it).

use crate::offline::{self, GapsError};
use rolecall_core::base::KnowledgeBase;
use rolecall_core::overlay::{self, markdown, Refusal};
use rolecall_store::Store;
use std::fmt;

/// Why an export or import did not happen.
#[derive(Debug)]
pub enum TransferError {
    /// The database could not be opened or read (or there is none).
    Store(GapsError),
    /// The file is not what a server may teach, or doesn't validate beside the knowledge.
    Refused(String),
    /// A document was given with `--guild`: its stubs need review first.
    Unreviewed,
    /// A knowledge file was given without `--guild`.
    NoGuild,
}

impl fmt::Display for TransferError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransferError::Store(e) => write!(f, "{e}"),
            TransferError::Refused(why) => write!(f, "nothing was imported:\n{why}"),
            TransferError::Unreviewed => write!(
                f,
                "a Markdown document can't go live unreviewed: run `rolecall import FILE.md` \
                 without --guild, review the [[faq]] stubs it prints, then import that file \
                 with --guild"
            ),
            TransferError::NoGuild => write!(
                f,
                "say which server the file is for: `rolecall import FILE --guild ID` (the \
                 server's id: Developer Mode, right-click the server, Copy Server ID)"
            ),
        }
    }
}

impl From<GapsError> for TransferError {
    fn from(e: GapsError) -> Self {
        TransferError::Store(e)
    }
}

impl From<rolecall_store::StoreError> for TransferError {
    fn from(e: rolecall_store::StoreError) -> Self {
        TransferError::Store(GapsError::Store(e))
    }
}

/// Whether `path` names a Markdown document (by its extension).
pub fn is_markdown(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// `rolecall export --guild ID`: what `guild` taught, as a knowledge file `check` accepts
/// beside `kb`'s files.
pub async fn export(kb: &KnowledgeBase, url: &str, guild: u64) -> Result<String, TransferError> {
    let store = offline::open(url).await?;
    let taught = store.overlay(guild).await;
    store.close().await;
    Ok(taught?.to_toml(guild, kb))
}

/// `rolecall import FILE --guild ID`: validates `text` (read from `path`) as what `guild`
/// teaches on top of `kb`, then makes it the server's whole overlay; says what changed.
pub async fn import(
    kb: &KnowledgeBase,
    url: &str,
    guild: u64,
    path: &str,
    text: &str,
    limit: usize,
) -> Result<String, TransferError> {
    let wanted = overlay::parse(text, path, kb).map_err(|problems| {
        TransferError::Refused(
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })?;
    overlay::build(kb, &wanted, guild, limit).map_err(|r| {
        TransferError::Refused(match r {
            Refusal::Problems(p) => p
                .iter()
                .map(|p| match &p.entry {
                    Some(e) => format!("{path}: {e}: {}", p.message),
                    None => format!("{path}: {}", p.message),
                })
                .collect::<Vec<_>>()
                .join("\n"),
            full => full.to_string(),
        })
    })?;
    let store = Store::open(url).await.map_err(GapsError::Store)?;
    let before = store.overlay(guild).await;
    let done = match before {
        Ok(before) => store
            .replace_overlay(guild, &wanted, 0, crate::clock::unix_now())
            .await
            .map(|()| before),
        Err(e) => Err(e),
    };
    if done.is_ok() {
        // Other processes of the bot read the server's knowledge again (PostgreSQL).
        let _ = store.announce_overlay(guild, "rolecall import").await;
    }
    store.close().await;
    let before = done?;
    let changed = wanted
        .faqs
        .iter()
        .filter(|f| before.faq(&f.id).is_some_and(|b| b != *f))
        .count();
    let added = wanted
        .faqs
        .iter()
        .filter(|f| before.faq(&f.id).is_none())
        .count();
    let removed = before
        .faqs
        .iter()
        .filter(|f| wanted.faq(&f.id).is_none())
        .count();
    Ok(format!(
        "Imported {path} into server {guild}: {} FAQs ({added} new, {changed} changed, {removed} removed) and {} roster entries. \
         A running bot answers from them at once with PostgreSQL; with SQLite, restart it.\n",
        wanted.faqs.len(),
        wanted.holders.len()
    ))
}

/// `rolecall import handbook.md`: the document's questions as `[[faq]]` stubs to review,
/// ids unique against `kb`'s entries.
pub fn stubs(kb: &KnowledgeBase, name: &str, text: &str) -> String {
    let found = markdown::questions(text);
    markdown::to_toml(&found, name, |id| kb.parse_entry(id).is_some())
}
