//! A database that goes away while the bot runs: through a TCP proxy that can stop
//! answering (a network black hole) or cut every connection (a server that went down), and
//! come back.

use crate::*;

/// What the proxy does with traffic.
const PASS: u8 = 0;
/// Holds every byte and every new connection: nothing arrives, nothing fails.
const HANG: u8 = 1;
/// Closes every connection, open or new.
const CUT: u8 = 2;

/// A TCP proxy to the test server whose behaviour can be switched while it runs.
struct Proxy {
    addr: std::net::SocketAddr,
    mode: std::sync::Arc<std::sync::atomic::AtomicU8>,
}

impl Proxy {
    /// Starts forwarding 127.0.0.1:(a free port) to `upstream`.
    async fn start(upstream: String) -> Proxy {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mode = std::sync::Arc::new(std::sync::atomic::AtomicU8::new(PASS));
        let shared = mode.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let (mode, upstream) = (shared.clone(), upstream.clone());
                tokio::spawn(async move {
                    while mode.load(Ordering::SeqCst) == HANG {
                        tokio::time::sleep(Duration::from_millis(10)).await;
                    }
                    if mode.load(Ordering::SeqCst) == CUT {
                        return;
                    }
                    let Ok(server) = tokio::net::TcpStream::connect(&upstream).await else {
                        return;
                    };
                    let (client_read, client_write) = client.into_split();
                    let (server_read, server_write) = server.into_split();
                    tokio::spawn(pump(client_read, server_write, mode.clone()));
                    tokio::spawn(pump(server_read, client_write, mode));
                });
            }
        });
        Proxy { addr, mode }
    }

    /// Switches to PASS, HANG or CUT.
    fn set(&self, mode: u8) {
        self.mode.store(mode, Ordering::SeqCst);
    }
}

/// Copies one direction, holding the bytes while the proxy hangs and stopping when it cuts.
async fn pump(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    mode: std::sync::Arc<std::sync::atomic::AtomicU8>,
) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut buf = vec![0_u8; 16 * 1024];
    loop {
        if mode.load(Ordering::SeqCst) == CUT {
            return;
        }
        let n = match tokio::time::timeout(Duration::from_millis(20), from.read(&mut buf)).await {
            Err(_) => continue,
            Ok(Ok(0)) | Ok(Err(_)) => return,
            Ok(Ok(n)) => n,
        };
        loop {
            match mode.load(Ordering::SeqCst) {
                HANG => tokio::time::sleep(Duration::from_millis(10)).await,
                CUT => return,
                _ => break,
            }
        }
        if to.write_all(&buf[..n]).await.is_err() {
            return;
        }
    }
}

/// Every operation fails, each well within Discord's 3 seconds.
async fn all_fail_fast(store: &Store, what: &str) {
    let p = Progress::new(2);
    for op in ["load", "save", "stats", "forget"] {
        let started = Instant::now();
        let failed = match op {
            "load" => store.load(GUILD, USER).await.err(),
            "save" => store.save(GUILD, USER, &p).await.err(),
            "stats" => store.stats(GUILD).await.err(),
            _ => store.forget(OTHER_USER).await.err(),
        };
        let took = started.elapsed();
        let error = failed.unwrap_or_else(|| panic!("{what}: {op} succeeded"));
        assert!(
            took <= OPERATION_TIMEOUT + Duration::from_millis(300),
            "{what}: {op} took {took:?} ({error})"
        );
        assert!(error.to_string().contains(store.url()), "{error}");
    }
}

/// The store works again within a few seconds of the database coming back.
async fn recovers(store: &Store, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match store.load(GUILD, USER).await {
            Ok(Some(_)) => return,
            Ok(None) => panic!("{what}: progress lost"),
            Err(e) if Instant::now() > deadline => panic!("{what}: did not recover: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_that_hangs_or_goes_down_fails_fast_and_recovers() {
    let Some(db) = Db::postgres().await else {
        return;
    };
    run_case(db, |url| async move {
        let (proxy, via_proxy) = proxied(&url).await;
        let store = open(&via_proxy).await;
        store.save(GUILD, USER, &Progress::new(1)).await.unwrap();

        proxy.set(HANG);
        all_fail_fast(&store, "black hole").await;
        proxy.set(PASS);
        recovers(&store, "after the black hole").await;

        proxy.set(CUT);
        all_fail_fast(&store, "server down").await;
        proxy.set(PASS);
        recovers(&store, "after the server came back").await;
        store.close().await;
    })
    .await;
}

/// A proxy in front of the test server, and `url` with the proxy in the server's place.
async fn proxied(url: &str) -> (Proxy, String) {
    let options: sqlx::postgres::PgConnectOptions = url.parse().unwrap();
    let upstream = format!("{}:{}", options.get_host(), options.get_port());
    let proxy = Proxy::start(upstream.clone()).await;
    let via_proxy = url.replacen(&upstream, &proxy.addr.to_string(), 1);
    assert_ne!(via_proxy, url, "the test server's URL names {upstream}");
    (proxy, via_proxy)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_database_has_its_own_voter_salt() {
    let (first, second) = (Db::sqlite(), Db::sqlite());
    let a = open(&first.url()).await;
    let b = open(&second.url()).await;
    assert_ne!(a.voter(USER, ANSWER), b.voter(USER, ANSWER));
    a.close().await;
    b.close().await;
    first.remove().await;
    second.remove().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_reload_notices_come_back_after_the_connection_drops() {
    let Some(db) = Db::postgres().await else {
        return;
    };
    run_case(db, |url| async move {
        let (proxy, via_proxy) = proxied(&url).await;
        let announcer = open(&url).await;
        let listener = open(&via_proxy).await;
        let mut notices = listener.reload_notices().expect("PostgreSQL listens");
        hear(&announcer, &mut notices, "before").await;
        // The server goes away for a while: the task listens again once it is back.
        proxy.set(CUT);
        tokio::time::sleep(Duration::from_millis(700)).await;
        proxy.set(PASS);
        hear(&announcer, &mut notices, "after").await;
        listener.close().await;
        announcer.close().await;
    })
    .await;
}
