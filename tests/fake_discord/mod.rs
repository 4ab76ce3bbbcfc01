//! A small fake Discord for end-to-end tests: REST v10 (hand-written HTTP/1.1) and a
//! gateway websocket, both on 127.0.0.1 with port 0, plus a runner for the real binary.
//!
//! It answers what serenity 0.12.5 needs (see ../shared/DISCORD-TESTING.md), records every
//! REST request, echoes the bot's own messages back as MESSAGE_CREATE like Discord does,
//! honours `enforce_nonce` on new messages like Discord does (a repeat returns the message
//! already created), can answer REST requests after a set latency, and lets a test
//! dispatch events and close the gateway.
//!
//! The gateway takes several connections at once, like Discord with a sharded bot: each
//! IDENTIFY's `shard` `[id, total]` is recorded and answered in READY, an event goes to the
//! session of the shard that owns its guild, and a test can make it refuse shards with close
//! 4010 or 4011 and set the shard count GET /gateway/bot recommends.
//!
//! When the last handle on a fake is dropped (at the end of the test, also when it
//! panics, since the test's runtime drops its tasks), every REST request it received is
//! written to `target/e2e-requests/<test name>.jsonl`, one `{"scenario","i","method","path",
//! "body"}` a line with the path without `/api/v10`, for
//! `scripts/validate-e2e-payloads.sh` to check against Discord's OpenAPI spec.

#![allow(dead_code)] // Each test binary uses a different part of the fake.

mod bot;
mod gateway;
#[path = "../support/hygiene.rs"]
pub mod hygiene;
mod recorder;
mod rest;
pub mod talk;

pub use bot::Bot;
use recorder::Recorder;

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message as Ws;
use tokio_tungstenite::WebSocketStream;

/// The bot's application and user id.
pub const APP_ID: u64 = 775799577604522054;
/// The guild everything happens in.
pub const GUILD_ID: u64 = 290926798626357999;
/// A token shaped like a real one; it must never show up in the bot's logs.
pub const TOKEN: &str =
    "MTAxOTQ4NzY1NDMyMTA5ODc2NQ.GfAkE1.fake-token-for-rolecall-tests_0123456789";
/// Longest any test waits for something to happen.
pub const WAIT: Duration = Duration::from_secs(15);

/// One REST request the bot made.
#[derive(Debug, Clone)]
pub struct Request {
    /// HTTP method.
    pub method: String,
    /// Path (without the query string).
    pub path: String,
    /// Authorization header.
    pub auth: Option<String>,
    /// JSON body (`Null` when empty); for a multipart request, its `payload_json` part.
    pub body: Value,
    /// Files sent with a multipart request: (file name, contents).
    pub files: Vec<(String, Vec<u8>)>,
}

/// What a gateway connection is told to do.
enum Control {
    Send(Value),
    Close(u16),
}

/// One open gateway connection.
struct Connection {
    tx: mpsc::UnboundedSender<Control>,
    /// The shard `[id, total]` it identified (or resumed) as.
    shard: Option<[u64; 2]>,
    /// Its session once READY or RESUMED was sent: it gets dispatches from then on.
    session: Option<String>,
}

/// Which shards the gateway refuses (given `id` and `total`), closing with a code.
type Refusal = (u16, Box<dyn Fn(u64, u64) -> bool + Send>);

#[derive(Default)]
struct State {
    requests: Vec<Request>,
    identifies: Vec<Value>,
    resumes: Vec<Value>,
    next_id: u64,
    /// Open gateway connections by number.
    connections: HashMap<u64, Connection>,
    next_connection: u64,
    /// The last sequence number of each session.
    seqs: HashMap<String, u64>,
    /// The shard of each session, for RESUME.
    sessions: HashMap<String, [u64; 2]>,
    /// The guild of each channel seen in a dispatch (`None`: a DM channel).
    channel_guilds: HashMap<String, Option<u64>>,
    /// The shard count GET /gateway/bot recommends.
    recommended_shards: u64,
    refusals: Vec<Refusal>,
    /// Every REST request is answered 401 Unauthorized (a wrong bot token).
    wrong_token: bool,
    /// Shards refused, once per refused IDENTIFY.
    refused: Vec<[u64; 2]>,
    gateway_closed_by_bot: usize,
    /// Messages created (a repeated enforced nonce creates none).
    created: Vec<Value>,
    /// Created messages by (channel, nonce), for `enforce_nonce`.
    nonces: HashMap<(String, String), Value>,
    /// The message each interaction's answer created, by interaction token (for GET
    /// /webhooks/{app}/{token}/messages/@original).
    originals: HashMap<String, Value>,
    /// How long each REST answer is held back.
    latency: Duration,
    /// REST connections open now, and the most open at once.
    open_connections: usize,
    peak_connections: usize,
}

/// A running fake Discord.
#[derive(Clone)]
pub struct Fake {
    state: Arc<Mutex<State>>,
    /// Writes the requests to a JSONL file when the last handle is dropped.
    recorder: Arc<Recorder>,
    /// `http://127.0.0.1:PORT`, for DISCORD_API_BASE.
    pub api_base: String,
    /// `ws://127.0.0.1:PORT`, returned by GET /gateway.
    pub gateway_url: String,
}

impl Fake {
    /// Starts the REST server and the gateway.
    pub async fn start() -> Fake {
        let rest = TcpListener::bind("127.0.0.1:0").await.expect("bind REST");
        let ws = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind gateway");
        let state = Arc::new(Mutex::new(State {
            next_id: 900_000_000_000_000_000,
            recommended_shards: 1,
            ..State::default()
        }));
        let fake = Fake {
            recorder: Arc::new(Recorder::new(state.clone())),
            state,
            api_base: format!("http://{}", rest.local_addr().unwrap()),
            gateway_url: format!("ws://{}", ws.local_addr().unwrap()),
        };
        let f = fake.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = rest.accept().await {
                let _ = stream.set_nodelay(true);
                tokio::spawn(f.clone().serve_http(stream));
            }
        });
        let f = fake.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = ws.accept().await {
                let _ = stream.set_nodelay(true);
                tokio::spawn(f.clone().serve_gateway(stream));
            }
        });
        fake
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A fresh snowflake id.
    pub fn new_id(&self) -> u64 {
        let mut s = self.lock();
        s.next_id += 1;
        s.next_id
    }

    /// Every REST request so far.
    pub fn requests(&self) -> Vec<Request> {
        self.lock().requests.clone()
    }

    /// How many REST requests so far satisfy `check` (without copying them).
    pub fn count_requests(&self, check: impl Fn(&Request) -> bool) -> usize {
        self.lock().requests.iter().filter(|r| check(r)).count()
    }

    /// Messages actually created, as returned to the bot (a resend with an enforced nonce
    /// that was already used creates none).
    pub fn created_messages(&self) -> Vec<Value> {
        self.lock().created.clone()
    }

    /// Holds every REST answer back by `latency`, like a real API across a network: with an
    /// instant fake, a burst never has many requests in flight at once.
    pub fn set_latency(&self, latency: Duration) {
        self.lock().latency = latency;
    }

    /// The most REST connections the bot had open to the fake at once.
    pub fn peak_connections(&self) -> usize {
        self.lock().peak_connections
    }

    /// REST requests whose method and path match.
    pub fn requests_to(&self, method: &str, path_contains: &str) -> Vec<Request> {
        self.requests()
            .into_iter()
            .filter(|r| r.method == method && r.path.contains(path_contains))
            .collect()
    }

    /// Interaction callbacks (POST /interactions/{id}/{token}/callback) so far.
    pub fn callbacks(&self) -> Vec<Request> {
        self.requests_to("POST", "/callback")
    }

    /// Messages the bot created so far.
    pub fn messages(&self) -> Vec<Request> {
        self.requests()
            .into_iter()
            .filter(|r| r.method == "POST" && r.path.ends_with("/messages"))
            .collect()
    }

    /// IDENTIFY payloads received.
    pub fn identifies(&self) -> Vec<Value> {
        self.lock().identifies.clone()
    }

    /// RESUME payloads received.
    pub fn resumes(&self) -> Vec<Value> {
        self.lock().resumes.clone()
    }

    /// Waits until `check` holds, panicking after [`WAIT`].
    pub async fn wait_for(&self, what: &str, check: impl Fn(&Fake) -> bool) {
        let deadline = tokio::time::Instant::now() + WAIT;
        while !check(self) {
            if tokio::time::Instant::now() > deadline {
                panic!(
                    "timed out waiting for {what}; requests: {:#?}",
                    self.requests()
                );
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// Waits for a gateway session that is ready (after READY or RESUMED).
    pub async fn wait_connected(&self) {
        self.wait_for("a ready gateway session", |f| !f.ready_shards().is_empty())
            .await;
    }

    /// Waits for a ready session of shard `id` of `total`.
    pub async fn wait_shard(&self, id: u64, total: u64) {
        let what = format!("a ready gateway session of shard {id} of {total}");
        self.wait_for(&what, |f| f.ready_shards().contains(&[id, total]))
            .await;
    }

    /// The `[id, total]` of every ready gateway session, oldest connection first.
    pub fn ready_shards(&self) -> Vec<[u64; 2]> {
        let s = self.lock();
        let mut ready: Vec<(u64, [u64; 2])> = s
            .connections
            .iter()
            .filter(|(_, c)| c.session.is_some())
            .filter_map(|(n, c)| c.shard.map(|shard| (*n, shard)))
            .collect();
        ready.sort_unstable();
        ready.into_iter().map(|(_, shard)| shard).collect()
    }

    /// Makes GET /gateway/bot recommend `shards` shards (1 unless set): the count a bot
    /// that autoshards starts.
    pub fn recommend_shards(&self, shards: u64) {
        self.lock().recommended_shards = shards;
    }

    fn recommended_shards(&self) -> u64 {
        self.lock().recommended_shards
    }

    /// Answers every REST request 401 Unauthorized, as Discord does a wrong bot token.
    pub fn refuse_token(&self) {
        self.lock().wrong_token = true;
    }

    /// Refuses the IDENTIFY of every shard `[id, total]` for which `refuse(id, total)` holds
    /// by closing the connection with `code`, like Discord: 4010 (invalid shard) or 4011
    /// (sharding required: too many servers for that many shards).
    pub fn refuse(&self, code: u16, refuse: impl Fn(u64, u64) -> bool + Send + 'static) {
        self.lock().refusals.push((code, Box::new(refuse)));
    }

    /// The shards refused so far, `[id, total]` once per refused IDENTIFY.
    pub fn refused(&self) -> Vec<[u64; 2]> {
        self.lock().refused.clone()
    }

    /// Sends a dispatch (op 0) once a session owns it, with that session's next sequence
    /// number. Like Discord, an event goes to the shard of its `guild_id` (`(guild_id >> 22)
    /// % total`; without one, a DM, to shard 0), and the bot's own message echoed back to the
    /// shard of its channel's guild, as learned from the events dispatched before.
    pub async fn dispatch(&self, event: &str, mut data: Value) {
        let guild = self.guild_of(&mut data);
        let what = match guild {
            Some(g) => format!("a ready gateway session for guild {g}"),
            None => "a ready gateway session for DMs (shard 0)".to_string(),
        };
        self.wait_for(&what, |f| owner(&f.lock(), guild).is_some())
            .await;
        let mut s = self.lock();
        let Some(n) = owner(&s, guild) else {
            return; // It closed in the meantime: Discord would not deliver it either.
        };
        let conn = &s.connections[&n];
        let (tx, session) = (conn.tx.clone(), conn.session.clone().unwrap_or_default());
        let seq = s.seqs.entry(session).or_default();
        *seq += 1;
        let frame = json!({"op": 0, "t": event, "s": *seq, "d": data});
        let _ = tx.send(Control::Send(frame));
    }

    /// The guild `data` belongs to; remembers the guild of its channel, and sets the guild of
    /// the bot's own (echoed) message to its channel's.
    fn guild_of(&self, data: &mut Value) -> Option<u64> {
        let guild = data["guild_id"].as_str().and_then(|g| g.parse().ok());
        let Some(channel) = data["channel_id"].as_str().map(str::to_string) else {
            return guild;
        };
        let own = data["author"]["id"].as_str() == Some(APP_ID.to_string().as_str());
        let mut s = self.lock();
        match s.channel_guilds.get(&channel) {
            Some(&known) if own => {
                if let Some(fields) = data.as_object_mut() {
                    match known {
                        Some(g) => fields.insert("guild_id".into(), json!(g.to_string())),
                        None => fields.remove("guild_id"),
                    };
                }
                known
            }
            _ => {
                s.channel_guilds.insert(channel, guild);
                guild
            }
        }
    }

    /// Closes every ready gateway connection with `code` (waiting for one first).
    pub async fn close_gateway(&self, code: u16) {
        self.wait_connected().await;
        let mut s = self.lock();
        for conn in s.connections.values_mut() {
            if conn.session.take().is_some() {
                let _ = conn.tx.send(Control::Close(code));
            }
        }
    }

    /// How many times the bot closed its gateway connection itself.
    pub fn closed_by_bot(&self) -> usize {
        self.lock().gateway_closed_by_bot
    }
}

/// The shard of `total` that gets `guild`'s events, like Discord: `(guild_id >> 22) % total`;
/// DMs (no guild) go to shard 0.
pub fn shard_of(guild: Option<u64>, total: u64) -> u64 {
    guild.map_or(0, |g| (g >> 22) % total.max(1))
}

/// The newest ready connection whose shard gets `guild`'s events.
fn owner(s: &State, guild: Option<u64>) -> Option<u64> {
    s.connections
        .iter()
        .filter(|(_, c)| c.session.is_some())
        .filter(|(_, c)| {
            c.shard
                .is_some_and(|[id, total]| shard_of(guild, total) == id)
        })
        .map(|(n, _)| *n)
        .max()
}

/// A new SQLite database URL in the temporary folder, unique to this test run.
pub fn scratch_database() -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = scratch_dir().join(format!("{n}.db"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    format!("sqlite://{}", path.display())
}

/// This test process's folder for scratch databases, removed when the process exits (the
/// harness exits normally after the last test); folders left by runs that were killed are
/// swept the first time it is made.
fn scratch_dir() -> &'static Path {
    SCRATCH.get_or_init(|| {
        let tmp = std::env::temp_dir();
        let dir = tmp.join(format!("rolecall-e2e-{}", std::process::id()));
        sweep_stale(&tmp);
        std::fs::create_dir_all(&dir).expect("create the scratch folder");
        // SAFETY: `atexit` only stores the pointer of a function that takes no arguments
        // and never unwinds (it ignores every error).
        unsafe { atexit(remove_scratch) };
        dir
    })
}

static SCRATCH: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

extern "C" {
    fn atexit(f: extern "C" fn()) -> std::ffi::c_int;
}

extern "C" fn remove_scratch() {
    if let Some(dir) = SCRATCH.get() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Removes the scratch folders of test processes that are no longer running.
fn sweep_stale(tmp: &Path) {
    let Ok(entries) = std::fs::read_dir(tmp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix("rolecall-e2e-"))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// A fixture from tests/fixtures/discord.
pub fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/discord")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    serde_json::from_str(&text).expect("fixture is JSON")
}
