//! Opening a database: connecting (with retries and a deadline), WAL and timeouts for
//! SQLite, session timeouts for PostgreSQL, and bringing the schema up to date.

use super::*;

/// Whether a SQLite URL names an in-memory database (which lives as long as a connection).
pub(crate) fn in_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}

/// Opens a SQLite file (created if missing, WAL mode) and migrates it.
pub(crate) async fn open_sqlite(raw: &str, shown: &str) -> Result<SqlitePool, StoreError> {
    let memory = in_memory(raw);
    let mut options = SqliteConnectOptions::from_str(raw)
        .map_err(|e| open_error(&e, shown, raw))?
        .create_if_missing(true)
        .foreign_keys(true)
        .busy_timeout(ACQUIRE_TIMEOUT);
    if !memory {
        options = options
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal);
    }
    // Opening and migrating get the start-up patience (a loaded machine can take more than
    // a second to create the file and switch it to WAL); the running bot's pool waits at
    // most [`ACQUIRE_TIMEOUT`] for a connection.
    let patient = SqlitePoolOptions::new()
        .max_connections(1)
        .acquire_timeout(OPEN_TIMEOUT);
    let patient = if memory {
        // One connection, kept forever: the database goes with the last one.
        patient
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
    } else {
        patient
    };
    // SQLite reports a file it cannot open at once (no retries), so the pool's own first
    // connection gives the reason. Two processes creating the same file at the same moment
    // can find it locked without SQLite waiting (it refuses rather than risk a deadlock
    // while switching to WAL): try again then, like the migrations below.
    let mut tries = 0;
    let opened = loop {
        tries += 1;
        match connect(patient.clone().connect_with(options.clone()), shown, raw).await {
            Err(StoreError::Open { reason, .. })
                if tries < OPEN_TRIES && reason.contains("locked") =>
            {
                tokio::time::sleep(Duration::from_millis(50 * u64::from(tries))).await;
            }
            done => break done?,
        }
    };
    if let Err(e) = migrate_sqlite(&opened, shown, raw).await {
        opened.close().await;
        return Err(e);
    }
    if memory {
        // The in-memory database lives in that one connection: it is the pool.
        return Ok(opened);
    }
    opened.close().await;
    // The file now exists, is in WAL mode and migrated: the bot's pool opens connections as
    // it needs them.
    Ok(SqlitePoolOptions::new()
        .max_connections(SQLITE_CONNECTIONS)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_lazy_with(options))
}

/// How many times SQLite's opening and migrating are tried when another process holds the
/// new file at the same moment.
const OPEN_TRIES: u32 = 3;

/// Runs SQLite's migrations, trying again if another process was migrating the same file
/// at the same moment (SQLite has no advisory lock; the second try finds the work done).
pub(crate) async fn migrate_sqlite(
    pool: &SqlitePool,
    shown: &str,
    raw: &str,
) -> Result<(), StoreError> {
    const TRIES: u32 = OPEN_TRIES;
    let migrator = migrator(migrate::SQLITE, shown, raw).await?;
    let mut tries = 0;
    loop {
        tries += 1;
        match migrating(migrator.run(pool), shown, raw).await {
            Err(StoreError::Migrate { .. }) if tries < TRIES => {
                tokio::time::sleep(Duration::from_millis(50 * u64::from(tries))).await;
            }
            done => return done,
        }
    }
}

/// Connects to PostgreSQL, migrates under sqlx's advisory lock, and pools connections whose
/// statements and lock waits time out after [`ACQUIRE_TIMEOUT`].
pub(crate) async fn open_postgres(raw: &str, shown: &str) -> Result<PgPool, StoreError> {
    let options = PgConnectOptions::from_str(raw).map_err(|e| open_error(&e, shown, raw))?;
    let options = options.application_name("rolecall");
    // The pool retries a refused connection until it times out, which hides the reason: a
    // first connection of its own says why the server can't be reached.
    let probe: PgConnection = connect(options.connect(), shown, raw).await?;
    let _ = probe.close().await;

    // Migrating may wait for another process's migration (sqlx's advisory lock): its one
    // connection gets more patience than the running bot's, and is closed afterwards.
    let patient = OPEN_TIMEOUT.as_millis().to_string();
    let migrations = connect(
        PgPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(OPEN_TIMEOUT)
            .connect_with(options.clone().options([
                ("statement_timeout", patient.as_str()),
                ("lock_timeout", patient.as_str()),
            ])),
        shown,
        raw,
    )
    .await?;
    let migrated = match migrator(migrate::POSTGRES, shown, raw).await {
        Ok(migrator) => migrating(migrator.run(&migrations), shown, raw).await,
        Err(e) => Err(e),
    };
    migrations.close().await;
    migrated?;

    let limit = ACQUIRE_TIMEOUT.as_millis().to_string();
    connect(
        PgPoolOptions::new()
            .max_connections(POSTGRES_CONNECTIONS)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options.options([
                ("statement_timeout", limit.as_str()),
                ("lock_timeout", limit.as_str()),
                ("idle_in_transaction_session_timeout", "10000"),
            ])),
        shown,
        raw,
    )
    .await
}

/// [`StoreError::Open`] for a driver error.
pub(crate) fn open_error(e: &sqlx::Error, shown: &str, raw: &str) -> StoreError {
    StoreError::Open {
        url: shown.to_string(),
        reason: error::reason(e, raw),
    }
}

/// Awaits a connection (or pool) within [`OPEN_TIMEOUT`], as [`StoreError::Open`] on failure.
pub(crate) async fn connect<T>(
    connecting: impl Future<Output = Result<T, sqlx::Error>>,
    shown: &str,
    raw: &str,
) -> Result<T, StoreError> {
    match tokio::time::timeout(OPEN_TIMEOUT, connecting).await {
        Ok(Ok(done)) => Ok(done),
        Ok(Err(e)) => Err(open_error(&e, shown, raw)),
        Err(_) => Err(StoreError::Open {
            url: shown.to_string(),
            reason: format!(
                "no answer within {} s (is the server up and reachable?)",
                OPEN_TIMEOUT.as_secs()
            ),
        }),
    }
}

/// sqlx's migrator over one backend's embedded migrations.
pub(crate) async fn migrator(
    migrations: &'static [(i64, &'static str, &'static str)],
    shown: &str,
    raw: &str,
) -> Result<sqlx::migrate::Migrator, StoreError> {
    migrate::migrator(migrations)
        .await
        .map_err(|e| migrate_error(&e.to_string(), shown, raw))
}

/// Awaits a migration run within [`OPEN_TIMEOUT`], as [`StoreError::Migrate`] on failure.
pub(crate) async fn migrating(
    running: impl Future<Output = Result<(), sqlx::migrate::MigrateError>>,
    shown: &str,
    raw: &str,
) -> Result<(), StoreError> {
    match tokio::time::timeout(OPEN_TIMEOUT, running).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(migrate_error(&e.to_string(), shown, raw)),
        Err(_) => Err(migrate_error(
            &format!(
                "no answer within {} s (is another process holding a lock?)",
                OPEN_TIMEOUT.as_secs()
            ),
            shown,
            raw,
        )),
    }
}

/// [`StoreError::Migrate`] with the password removed from the reason.
pub(crate) fn migrate_error(reason: &str, shown: &str, raw: &str) -> StoreError {
    StoreError::Migrate {
        url: shown.to_string(),
        reason: url::scrub(reason, raw),
    }
}
