//! The schema migrations in `migrations/{sqlite,postgres}/`, compiled into the binary.
//!
//! They are handed to sqlx's own [`Migrator`] through a [`MigrationSource`] (no `migrate!`
//! macro, so no proc-macro crates): it records applied versions and their checksums in
//! `_sqlx_migrations`, skips what is applied, refuses a changed migration, and on PostgreSQL
//! holds `pg_advisory_lock` while it runs, so bot processes starting at once don't race.

use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};
use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;

/// One migration: version, description, SQL.
type Embedded = (i64, &'static str, &'static str);

/// SQLite's migrations, oldest first. Add new files here too (a test checks the folder).
pub(crate) const SQLITE: &[Embedded] = &[
    (
        1,
        "progress",
        include_str!("../migrations/sqlite/0001_progress.sql"),
    ),
    (
        2,
        "answer_counts",
        include_str!("../migrations/sqlite/0002_answer_counts.sql"),
    ),
    (
        3,
        "question_log",
        include_str!("../migrations/sqlite/0003_question_log.sql"),
    ),
    (
        4,
        "server_knowledge",
        include_str!("../migrations/sqlite/0004_server_knowledge.sql"),
    ),
];

/// PostgreSQL's migrations, oldest first. Add new files here too (a test checks the folder).
pub(crate) const POSTGRES: &[Embedded] = &[
    (
        1,
        "progress",
        include_str!("../migrations/postgres/0001_progress.sql"),
    ),
    (
        2,
        "answer_counts",
        include_str!("../migrations/postgres/0002_answer_counts.sql"),
    ),
    (
        3,
        "question_log",
        include_str!("../migrations/postgres/0003_question_log.sql"),
    ),
    (
        4,
        "server_knowledge",
        include_str!("../migrations/postgres/0004_server_knowledge.sql"),
    ),
];

/// Embedded migrations as a source for sqlx's migrator.
#[derive(Debug)]
struct Source(&'static [Embedded]);

impl MigrationSource<'static> for Source {
    fn resolve(
        self,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<Migration>, BoxDynError>> + Send + 'static>> {
        Box::pin(async move {
            Ok(self
                .0
                .iter()
                .map(|&(version, description, sql)| {
                    Migration::new(
                        version,
                        Cow::Borrowed(description),
                        MigrationType::Simple,
                        Cow::Borrowed(sql),
                        false,
                    )
                })
                .collect())
        })
    }
}

/// sqlx's migrator over one backend's embedded migrations.
pub(crate) async fn migrator(migrations: &'static [Embedded]) -> Result<Migrator, BoxDynError> {
    Migrator::new(Source(migrations))
        .await
        .map_err(|e| Box::new(e) as BoxDynError)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `NNNN_name.sql` in `migrations/<backend>/`, as (version, name).
    fn on_disk(backend: &str) -> Vec<(i64, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(backend);
        let mut found: Vec<(i64, String)> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.expect("directory entry").file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .filter_map(|name| {
                let stem = name.strip_suffix(".sql")?;
                let (version, description) = stem.split_once('_')?;
                Some((version.parse().ok()?, description.to_string()))
            })
            .collect();
        found.sort();
        found
    }

    #[test]
    fn every_migration_file_is_embedded_in_order() {
        for (backend, embedded) in [("sqlite", SQLITE), ("postgres", POSTGRES)] {
            let listed: Vec<(i64, String)> = embedded
                .iter()
                .map(|&(v, d, _)| (v, d.to_string()))
                .collect();
            assert_eq!(listed, on_disk(backend), "migrations/{backend}");
        }
    }

    #[test]
    fn both_backends_have_the_same_versions() {
        let versions = |m: &[Embedded]| m.iter().map(|e| e.0).collect::<Vec<_>>();
        assert_eq!(versions(SQLITE), versions(POSTGRES));
    }
}
