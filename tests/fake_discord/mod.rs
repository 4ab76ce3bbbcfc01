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

pub mod talk;

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
    /// Shards refused, once per refused IDENTIFY.
    refused: Vec<[u64; 2]>,
    gateway_closed_by_bot: usize,
    /// Messages created (a repeated enforced nonce creates none).
    created: Vec<Value>,
    /// Created messages by (channel, nonce), for `enforce_nonce`.
    nonces: HashMap<(String, String), Value>,
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

    async fn serve_gateway(self, stream: TcpStream) {
        let Ok(mut ws) = tokio_tungstenite::accept_async(stream).await else {
            return;
        };
        let (tx, mut rx) = mpsc::unbounded_channel();
        let n = {
            let mut s = self.lock();
            s.next_connection += 1;
            let n = s.next_connection;
            let conn = Connection {
                tx,
                shard: None,
                session: None,
            };
            s.connections.insert(n, conn);
            n
        };
        self.converse(n, &mut ws, &mut rx).await;
        self.lock().connections.remove(&n);
    }

    /// Runs gateway connection `n` until either side closes it.
    async fn converse(
        &self,
        n: u64,
        ws: &mut WebSocketStream<TcpStream>,
        rx: &mut mpsc::UnboundedReceiver<Control>,
    ) {
        let hello = json!({"op": 10, "d": {"heartbeat_interval": 41250}});
        if ws.send(Ws::Text(hello.to_string())).await.is_err() {
            return;
        }
        loop {
            tokio::select! {
                control = rx.recv() => match control {
                    Some(Control::Send(v)) => {
                        if ws.send(Ws::Text(v.to_string())).await.is_err() {
                            return;
                        }
                    }
                    Some(Control::Close(code)) => return close(ws, code, "test close").await,
                    None => return,
                },
                incoming = ws.next() => match incoming {
                    Some(Ok(Ws::Text(text))) => {
                        let Ok(v) = serde_json::from_str::<Value>(&text) else { continue };
                        if let Some(code) = self.on_gateway(n, &v, ws).await {
                            let reason = if code == 4011 { "Sharding required." } else { "Invalid shard." };
                            return close(ws, code, reason).await;
                        }
                    }
                    Some(Ok(Ws::Close(_))) | None | Some(Err(_)) => {
                        self.lock().gateway_closed_by_bot += 1;
                        return;
                    }
                    Some(Ok(_)) => {}
                },
            }
        }
    }

    /// Answers a gateway payload on connection `n`; `Some(code)` when the connection is to
    /// be closed with that code instead (a refused IDENTIFY).
    async fn on_gateway(
        &self,
        n: u64,
        v: &Value,
        ws: &mut WebSocketStream<TcpStream>,
    ) -> Option<u16> {
        let (reply, session, shard) = match v["op"].as_u64() {
            Some(1) => (json!({"op": 11}), None, None),
            Some(2) => {
                let shard = match v["d"]["shard"].as_array().map(Vec::as_slice) {
                    Some([id, total]) => [id.as_u64().unwrap_or(0), total.as_u64().unwrap_or(1)],
                    _ => [0, 1],
                };
                let [id, total] = shard;
                let mut s = self.lock();
                s.identifies.push(v["d"].clone());
                if let Some(&(code, _)) = s.refusals.iter().find(|(_, r)| r(id, total)) {
                    s.refused.push(shard);
                    return Some(code);
                }
                let session = if id == 0 {
                    "fake-session".to_string()
                } else {
                    format!("fake-session-{id}")
                };
                s.sessions.insert(session.clone(), shard);
                s.seqs.insert(session.clone(), 1);
                let guilds: Vec<Value> = [GUILD_ID]
                    .into_iter()
                    .filter(|g| shard_of(Some(*g), total) == id)
                    .map(|g| json!({"id": g.to_string(), "unavailable": true}))
                    .collect();
                let ready = json!({"op": 0, "t": "READY", "s": 1, "d": {
                    "v": 10,
                    "user": {"id": APP_ID.to_string(), "username": "rolecall", "discriminator": "0",
                             "global_name": null, "avatar": null, "bot": true, "verified": true,
                             "mfa_enabled": false, "flags": 0},
                    "guilds": guilds,
                    "session_id": session,
                    "resume_gateway_url": self.gateway_url,
                    "shard": [id, total],
                    "application": {"id": APP_ID.to_string(), "flags": 0},
                }});
                (ready, Some(session), Some(shard))
            }
            Some(6) => {
                let session = v["d"]["session_id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string();
                let mut s = self.lock();
                s.resumes.push(v["d"].clone());
                let shard = s.sessions.get(&session).copied().unwrap_or([0, 1]);
                let seq = s.seqs.entry(session.clone()).or_default();
                *seq += 1;
                let resumed = json!({"op": 0, "t": "RESUMED", "s": *seq, "d": {}});
                (resumed, Some(session), Some(shard))
            }
            _ => return None,
        };
        if ws.send(Ws::Text(reply.to_string())).await.is_ok() && session.is_some() {
            if let Some(conn) = self.lock().connections.get_mut(&n) {
                conn.session = session;
                conn.shard = shard;
            }
        }
        None
    }

    async fn serve_http(self, stream: TcpStream) {
        {
            let mut s = self.lock();
            s.open_connections += 1;
            s.peak_connections = s.peak_connections.max(s.open_connections);
        }
        self.serve_requests(stream).await;
        self.lock().open_connections -= 1;
    }

    async fn serve_requests(&self, stream: TcpStream) {
        let mut reader = BufReader::new(stream);
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let mut parts = line.split_whitespace();
            let method = parts.next().unwrap_or_default().to_string();
            let target = parts.next().unwrap_or_default().to_string();
            let path = target.split('?').next().unwrap_or_default().to_string();
            let mut length = 0usize;
            let mut auth = None;
            let mut boundary = None;
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).await.unwrap_or(0) == 0 {
                    return;
                }
                let header = header.trim_end();
                if header.is_empty() {
                    break;
                }
                if let Some((name, value)) = header.split_once(':') {
                    let value = value.trim();
                    match name.to_ascii_lowercase().as_str() {
                        "content-length" => length = value.parse().unwrap_or(0),
                        "authorization" => auth = Some(value.to_string()),
                        "content-type" => {
                            boundary = value
                                .split(';')
                                .find_map(|p| p.trim().strip_prefix("boundary="))
                                .map(|b| b.trim_matches('"').to_string());
                        }
                        _ => {}
                    }
                }
            }
            let mut body = vec![0; length];
            if reader.read_exact(&mut body).await.is_err() {
                return;
            }
            let (body, files) = match &boundary {
                Some(b) => multipart(&body, b),
                None => (
                    serde_json::from_slice(&body).unwrap_or(Value::Null),
                    Vec::new(),
                ),
            };
            let request = Request {
                method,
                path,
                auth,
                body,
                files,
            };
            let (status, response, created) = self.route(&request);
            let latency = {
                let mut s = self.lock();
                s.requests.push(request.clone());
                s.latency
            };
            if !latency.is_zero() {
                tokio::time::sleep(latency).await;
            }
            let text = response.as_ref().map(Value::to_string).unwrap_or_default();
            let reason = if status == 204 { "No Content" } else { "OK" };
            let head = format!(
                "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                text.len()
            );
            let stream = reader.get_mut();
            if stream.write_all(head.as_bytes()).await.is_err()
                || stream.write_all(text.as_bytes()).await.is_err()
            {
                return;
            }
            let _ = stream.flush().await;
            if created {
                // Discord echoes the bot's own message back over the gateway.
                if let Some(Value::Object(msg)) = response {
                    let fake = self.clone();
                    let mut msg = Value::Object(msg);
                    msg["guild_id"] = json!(GUILD_ID.to_string());
                    tokio::spawn(async move { fake.dispatch("MESSAGE_CREATE", msg).await });
                }
            }
        }
    }

    /// The status and body for a request, and whether it created a message.
    fn route(&self, r: &Request) -> (u16, Option<Value>, bool) {
        let p = r.path.trim_start_matches("/api/v10");
        let seg: Vec<&str> = p.trim_matches('/').split('/').collect();
        if let ("POST", ["channels", channel, "messages"]) = (r.method.as_str(), seg.as_slice()) {
            return self.create_message(channel, &r.body);
        }
        let (status, body) = match (r.method.as_str(), seg.as_slice()) {
            ("GET", ["gateway"]) => (200, Some(json!({"url": self.gateway_url}))),
            ("GET", ["gateway", "bot"]) => (
                200,
                Some(
                    json!({"url": self.gateway_url, "shards": self.recommended_shards(), "session_start_limit":
                    {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}}),
                ),
            ),
            ("PUT", ["applications", _, "commands"])
            | ("PUT", ["applications", _, "guilds", _, "commands"]) => {
                let guild = seg.get(3).map(|g| g.to_string());
                let commands: Vec<Value> = r
                    .body
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|mut c| {
                        c["id"] = json!(self.new_id().to_string());
                        c["application_id"] = json!(APP_ID.to_string());
                        c["version"] = json!(self.new_id().to_string());
                        if c.get("type").is_none() {
                            c["type"] = json!(1);
                        }
                        if let Some(g) = &guild {
                            c["guild_id"] = json!(g);
                        }
                        c
                    })
                    .collect();
                (200, Some(Value::Array(commands)))
            }
            ("POST", ["interactions", _, _, "callback"]) => (204, None),
            // Every channel is a text channel of GUILD_ID (the welcome channel's look-up).
            ("GET", ["channels", id]) => (
                200,
                Some(json!({
                    "id": id, "type": 0, "guild_id": GUILD_ID.to_string(), "name": "welcome",
                    "position": 0, "permission_overwrites": [], "nsfw": false, "topic": null,
                    "last_message_id": null, "parent_id": null, "rate_limit_per_user": 0
                })),
            ),
            _ => (404, Some(json!({"message": "404: Not Found", "code": 0}))),
        };
        (status, body, false)
    }

    /// POST /channels/{channel}/messages: a new message, or with an enforced nonce already
    /// used in this channel, the message it created (as Discord does; nothing is created).
    fn create_message(&self, channel: &str, body: &Value) -> (u16, Option<Value>, bool) {
        let key = match (&body["nonce"], body["enforce_nonce"].as_bool()) {
            (Value::String(n), Some(true)) => Some((channel.to_string(), n.clone())),
            (Value::Number(n), Some(true)) => Some((channel.to_string(), n.to_string())),
            _ => None,
        };
        let mut msg = json!({
            "id": self.new_id().to_string(),
            "channel_id": channel,
            "author": {"id": APP_ID.to_string(), "username": "rolecall", "discriminator": "0",
                       "avatar": null, "bot": true},
            "content": body["content"].as_str().unwrap_or_default(),
            "timestamp": "2026-01-01T00:00:00.000000+00:00",
            "edited_timestamp": null,
            "tts": false,
            "mention_everyone": false,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": false,
            "type": 0,
        });
        if let Some(reference) = body.get("message_reference") {
            msg["type"] = json!(19);
            msg["message_reference"] = reference.clone();
        }
        if let Some(nonce) = body.get("nonce") {
            msg["nonce"] = nonce.clone();
        }
        let mut s = self.lock();
        if let Some(key) = key {
            if let Some(existing) = s.nonces.get(&key) {
                return (200, Some(existing.clone()), false);
            }
            s.nonces.insert(key, msg.clone());
        }
        s.created.push(msg.clone());
        (200, Some(msg), true)
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

/// Closes a gateway connection with `code`, waiting (bounded) for the bot's reply.
async fn close(ws: &mut WebSocketStream<TcpStream>, code: u16, reason: &str) {
    let frame = CloseFrame {
        code: CloseCode::from(code),
        reason: reason.to_string().into(),
    };
    let _ = ws.send(Ws::Close(Some(frame))).await;
    let _ = tokio::time::timeout(Duration::from_secs(1), ws.next()).await;
}

/// A multipart/form-data body: its `payload_json` part as JSON, and every file part as
/// (file name, contents), as Discord reads a request with attachments.
fn multipart(body: &[u8], boundary: &str) -> (Value, Vec<(String, Vec<u8>)>) {
    let delimiter = format!("--{boundary}");
    let mut json = Value::Null;
    let mut files = Vec::new();
    for part in split_bytes(body, delimiter.as_bytes()) {
        let Some(split) = find_bytes(part, b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&part[..split]);
        let mut content = &part[split + 4..];
        if content.ends_with(b"\r\n") {
            content = &content[..content.len() - 2];
        }
        let param = |name: &str| {
            head.split(';')
                .find_map(|p| p.trim().strip_prefix(&format!("{name}=")))
                .map(|v| {
                    v.lines()
                        .next()
                        .unwrap_or_default()
                        .trim_matches('"')
                        .to_string()
                })
        };
        match (param("name").as_deref(), param("filename")) {
            (Some("payload_json"), _) => {
                json = serde_json::from_slice(content).unwrap_or(Value::Null);
            }
            (_, Some(filename)) => files.push((filename, content.to_vec())),
            _ => {}
        }
    }
    (json, files)
}

/// The pieces of `haystack` between occurrences of `needle`.
fn split_bytes<'a>(haystack: &'a [u8], needle: &[u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut rest = haystack;
    while let Some(at) = find_bytes(rest, needle) {
        out.push(&rest[..at]);
        rest = &rest[at + needle.len()..];
    }
    out.push(rest);
    out
}

/// Where `needle` first occurs in `haystack`.
fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Where the requests of every fake go: `target/e2e-requests` (the parent of
/// `CARGO_TARGET_TMPDIR`, which cargo sets for integration tests to `<target dir>/tmp`).
pub fn requests_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is inside the target directory")
        .join("e2e-requests")
}

/// Saves a fake's requests as JSONL, named after the test, when the fake is dropped.
struct Recorder {
    state: Arc<Mutex<State>>,
    scenario: String,
    file: PathBuf,
}

impl Recorder {
    /// A recorder for the current test. libtest runs each test on a thread named after it
    /// (also with `--test-threads=1`), and `#[tokio::test]` polls the test body on that
    /// thread. The first fake of a test in this process empties the test's file, so a
    /// rerun never keeps old requests and a second fake in one test appends to the first.
    fn new(state: Arc<Mutex<State>>) -> Recorder {
        static STARTED: Mutex<Option<HashSet<String>>> = Mutex::new(None);
        let scenario = std::thread::current()
            .name()
            .filter(|n| *n != "main")
            .unwrap_or("unnamed")
            .to_string();
        let safe: String = scenario
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let dir = requests_dir();
        let file = dir.join(format!("{safe}.jsonl"));
        let first = STARTED
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get_or_insert_with(HashSet::new)
            .insert(safe);
        if first {
            let created = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&file, ""));
            if let Err(e) = created {
                panic!("cannot create {}: {e}", file.display());
            }
        }
        Recorder {
            state,
            scenario,
            file,
        }
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        // Never panic here: this may run while the test is already unwinding.
        let requests = self
            .state
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .requests
            .clone();
        let mut text = String::new();
        for (i, r) in requests.iter().enumerate() {
            let path = r.path.strip_prefix("/api/v10").unwrap_or(&r.path);
            let line = json!({
                "scenario": self.scenario,
                "i": i,
                "method": r.method,
                "path": path,
                "body": r.body,
            });
            text.push_str(&line.to_string());
            text.push('\n');
        }
        let written = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&self.file)
            .and_then(|mut f| f.write_all(text.as_bytes()));
        if let Err(e) = written {
            eprintln!(
                "could not save the requests to {}: {e}",
                self.file.display()
            );
        }
    }
}

/// The real `rolecall` binary, running against a fake; its stderr is printed if the test
/// fails, and it is killed when dropped.
pub struct Bot {
    child: Child,
    log: Arc<Mutex<String>>,
}

impl Bot {
    /// Starts `rolecall run` against `fake` with the test knowledge and extra `env`.
    pub fn start(fake: &Fake, env: &[(&str, &str)]) -> Bot {
        Bot::spawn(fake, env, None)
    }

    /// Like [`Bot::start`], with the bot's open-file limit (`ulimit -n`) set to `files`.
    pub fn start_with_file_limit(fake: &Fake, env: &[(&str, &str)], files: u32) -> Bot {
        Bot::spawn(fake, env, Some(files))
    }

    fn spawn(fake: &Fake, env: &[(&str, &str)], file_limit: Option<u32>) -> Bot {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let bin = env!("CARGO_BIN_EXE_rolecall");
        let mut cmd = match file_limit {
            // `exec` replaces the shell, so the child's pid is the bot's and the limit its own.
            Some(n) => {
                let mut sh = Command::new("/bin/sh");
                sh.arg("-c")
                    .arg(format!("ulimit -n {n} && exec \"$0\" run"))
                    .arg(bin);
                sh
            }
            None => {
                let mut bot = Command::new(bin);
                bot.arg("run");
                bot
            }
        };
        cmd.current_dir(std::env::temp_dir())
            .env_clear()
            .env("ROLECALL_DATABASE_URL", scratch_database())
            .env("DISCORD_TOKEN", TOKEN)
            .env("DISCORD_API_BASE", &fake.api_base)
            .env("ROLECALL_KNOWLEDGE", root.join("tests/fixtures/knowledge"))
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start the rolecall binary");
        let log = Arc::new(Mutex::new(String::new()));
        if let Some(stderr) = child.stderr.take() {
            let log = log.clone();
            tokio::spawn(async move {
                let mut lines = BufReader::new(stderr).lines();
                while let Ok(Some(line)) = lines.next_line().await {
                    let mut l = log.lock().unwrap_or_else(|p| p.into_inner());
                    l.push_str(&line);
                    l.push('\n');
                }
            });
        }
        Bot { child, log }
    }

    /// Everything the bot logged so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id().expect("bot is running")
    }

    /// Waits for the process to exit, panicking after [`WAIT`].
    pub async fn wait_exit(&mut self) -> ExitStatus {
        match tokio::time::timeout(WAIT, self.child.wait()).await {
            Ok(Ok(status)) => status,
            Ok(Err(e)) => panic!("waiting for the bot failed: {e}"),
            Err(_) => panic!("the bot did not exit within {WAIT:?}"),
        }
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("---- rolecall stderr ----\n{}---- end ----", self.log());
        }
    }
}

/// A new SQLite database URL in the temporary folder, unique to this test run.
pub fn scratch_database() -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("rolecall-e2e-{}-{n}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    format!("sqlite://{}", path.display())
}

/// A fixture from tests/fixtures/discord.
pub fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/discord")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    serde_json::from_str(&text).expect("fixture is JSON")
}
