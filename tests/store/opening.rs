//! Opening: the URL forms, and failures that name the URL with the password hidden.

use crate::*;

#[test]
fn the_default_is_a_sqlite_file_in_the_working_directory() {
    assert_eq!(DEFAULT_URL, "sqlite://rolecall.db");
}

#[tokio::test]
async fn sqlite_url_forms_name_the_same_file() {
    let db = Db::sqlite();
    let Db::Sqlite(path) = &db else {
        unreachable!()
    };
    let long = open(&format!("sqlite://{}", path.display())).await;
    assert!(path.exists(), "the file is created on open");
    assert_eq!(long.backend(), "sqlite");
    assert_eq!(long.url(), format!("sqlite://{}", path.display()));
    long.save(GUILD, USER, &Progress::new(9)).await.unwrap();
    long.close().await;
    let short = open(&format!("sqlite:{}", path.display())).await;
    assert_eq!(
        short.load(GUILD, USER).await.unwrap(),
        Some(Progress::new(9))
    );
    short.close().await;
    db.remove().await;
}

#[tokio::test]
async fn sqlite_in_memory_keeps_progress_while_open() {
    let store = open("sqlite::memory:").await;
    assert_eq!(store.url(), "sqlite::memory:");
    let p = progress(INTRO, &[], 3, None);
    store.save(GUILD, USER, &p).await.unwrap();
    // Connections come and go in the pool; the data stays while the store is open.
    for _ in 0..3 {
        assert_eq!(store.load(GUILD, USER).await.unwrap(), Some(p.clone()));
    }
    store.close().await;
    let another = open("sqlite::memory:").await;
    assert_eq!(
        another.load(GUILD, USER).await.unwrap(),
        None,
        "a new one is empty"
    );
    another.close().await;
}

#[tokio::test]
async fn an_unwritable_sqlite_path_is_an_open_error() {
    // A folder that is a file: unwritable even for root.
    let db = Db::sqlite();
    let Db::Sqlite(file) = &db else {
        unreachable!()
    };
    std::fs::write(file, b"not a folder").unwrap();
    let url = format!("sqlite://{}/rolecall.db", file.display());
    match Store::open(&url).await {
        Err(e @ StoreError::Open { .. }) => {
            let message = e.to_string();
            assert!(
                message.starts_with(&format!("cannot open the database {url}: ")),
                "{message}"
            );
            assert!(message.contains("writable"), "{message}");
        }
        other => panic!("expected an open error, got {other:?}"),
    }
    db.remove().await;
}

#[tokio::test]
async fn an_unknown_scheme_lists_the_supported_ones_with_the_password_hidden() {
    for url in ["mysql://root:hunter2@localhost/rolecall", "rolecall.db", ""] {
        match Store::open(url).await {
            Err(e @ StoreError::UnsupportedUrl { .. }) => {
                let message = e.to_string();
                assert!(!message.contains("hunter2"), "{message}");
                assert!(message.contains("sqlite://"), "{message}");
                assert!(message.contains("postgres://"), "{message}");
            }
            other => panic!("{url}: expected an unsupported-URL error, got {other:?}"),
        }
    }
    let e = Store::open("mysql://root:hunter2@localhost/rolecall")
        .await
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("mysql://root:***@localhost/rolecall"),
        "{e}"
    );
}

#[tokio::test]
async fn a_refused_postgres_is_an_open_error_with_the_password_hidden() {
    let started = Instant::now();
    let url = "postgres://bot:hunter2@127.0.0.1:1/rolecall";
    match Store::open(url).await {
        Err(e @ StoreError::Open { .. }) => {
            let message = e.to_string();
            assert!(
                message.starts_with(
                    "cannot open the database postgres://bot:***@127.0.0.1:1/rolecall: "
                ),
                "{message}"
            );
            assert!(!message.contains("hunter2"), "{message}");
            assert!(message.to_lowercase().contains("refused"), "{message}");
        }
        other => panic!("expected an open error, got {other:?}"),
    }
    assert!(started.elapsed() < OPEN_TIMEOUT, "{:?}", started.elapsed());
}

#[tokio::test]
async fn postgres_missing_database_is_an_open_error() {
    let Some(server) = postgres_server() else {
        return;
    };
    let url = with_database(&server, "rolecall_no_such_database");
    match Store::open(&url).await {
        Err(e @ StoreError::Open { .. }) => {
            assert!(e.to_string().contains("does not exist"), "{e}")
        }
        other => panic!("expected an open error, got {other:?}"),
    }
}

#[test]
fn with_database_swaps_only_the_database() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
        "postgres://postgres@127.0.0.1:5432/t1"
    );
    assert_eq!(
        with_database("postgresql://u:p@h/db?sslmode=disable", "t2"),
        "postgresql://u:p@h/t2?sslmode=disable"
    );
    assert_eq!(with_database("postgres://h", "t3"), "postgres://h/t3");
}
