//! A PostgreSQL server for tests: `ROLECALL_TEST_POSTGRES_URL` (started by `.ci/run`, or
//! locally by `scripts/start-test-postgres.sh cargo test …`), on which each test creates a
//! fresh database of its own.

#![allow(dead_code)] // Each test binary uses a different part.

use sqlx::{Connection, Executor};
use std::io::Write;

/// Environment variable naming a PostgreSQL server the tests may create databases on.
pub const POSTGRES_ENV: &str = "ROLECALL_TEST_POSTGRES_URL";

/// The test server's URL; `None` (after saying so once) when it is not set outside CI.
pub fn postgres_server() -> Option<String> {
    static SKIPPED: std::sync::Once = std::sync::Once::new();
    match std::env::var(POSTGRES_ENV) {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().to_string()),
        _ => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "{POSTGRES_ENV} is not set, and PostgreSQL is required in CI (CI=true): \
                     run the tests through .ci/run, which starts a throwaway server, or as \
                     `scripts/start-test-postgres.sh cargo test`"
                );
            }
            SKIPPED.call_once(|| {
                // Written to the real stderr, past the test harness's capture, so it shows.
                let _ = writeln!(
                    std::io::stderr(),
                    "PostgreSQL tests skipped: {POSTGRES_ENV} is not set \
                     (`scripts/start-test-postgres.sh cargo test` runs them)"
                );
            });
            None
        }
    }
}

/// `server` (a postgres:// URL) pointing at database `name` instead of its own.
pub fn with_database(server: &str, name: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (server, String::new()),
    };
    let (scheme, rest) = base.split_once("://").expect("a postgres:// URL");
    let authority = rest
        .split_once('/')
        .map_or(rest, |(authority, _)| authority);
    format!("{scheme}://{authority}/{name}{query}")
}

/// Creates database `name` on `server` (dropping a leftover one first).
pub async fn create_database(server: &str, name: &str) {
    let mut admin = sqlx::PgConnection::connect(server)
        .await
        .unwrap_or_else(|e| panic!("{POSTGRES_ENV}={server}: cannot connect: {e}"));
    admin
        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await
        .expect("drop a leftover test database");
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create a test database");
    let _ = admin.close().await;
}

/// Drops database `name` on `server`, if it can.
pub async fn drop_database(server: &str, name: &str) {
    if let Ok(mut admin) = sqlx::PgConnection::connect(server).await {
        let _ = admin
            .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
            .await;
        let _ = admin.close().await;
    }
}

/// A fresh database named after `name` and this process on the test server, as a URL;
/// `None` when no server is configured (outside CI).
pub async fn fresh_database(name: &str) -> Option<String> {
    let server = postgres_server()?;
    let db = format!("rolecall_{name}_{}", std::process::id());
    create_database(&server, &db).await;
    Some(with_database(&server, &db))
}
