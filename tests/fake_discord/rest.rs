//! The fake REST API: every request recorded, routed, and answered after the set latency.

use super::*;

impl Fake {
    pub(super) async fn serve_http(self, stream: TcpStream) {
        {
            let mut s = self.lock();
            s.open_connections += 1;
            s.peak_connections = s.peak_connections.max(s.open_connections);
        }
        self.serve_requests(stream).await;
        self.lock().open_connections -= 1;
    }

    pub(super) async fn serve_requests(&self, stream: TcpStream) {
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
    pub(super) fn route(&self, r: &Request) -> (u16, Option<Value>, bool) {
        let p = r.path.trim_start_matches("/api/v10");
        let seg: Vec<&str> = p.trim_matches('/').split('/').collect();
        if self.lock().wrong_token {
            let body = json!({"message": "401: Unauthorized", "code": 0});
            return (401, Some(body), false);
        }
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
            ("POST", ["interactions", _, token, "callback"]) => {
                // A new message (type 4) is what @original later returns.
                if r.body["type"] == 4 {
                    // The channel is not in the callback; the bot only needs the id.
                    let msg = self.message_json("1", &r.body["data"]);
                    self.lock().originals.insert(token.to_string(), msg);
                }
                (204, None)
            }
            ("GET", ["webhooks", _, token, "messages", "@original"]) => {
                match self.lock().originals.get(*token) {
                    Some(m) => (200, Some(m.clone())),
                    None => (
                        404,
                        Some(json!({"message": "Unknown Message", "code": 10008})),
                    ),
                }
            }
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
    pub(super) fn create_message(&self, channel: &str, body: &Value) -> (u16, Option<Value>, bool) {
        let key = match (&body["nonce"], body["enforce_nonce"].as_bool()) {
            (Value::String(n), Some(true)) => Some((channel.to_string(), n.clone())),
            (Value::Number(n), Some(true)) => Some((channel.to_string(), n.to_string())),
            _ => None,
        };
        let mut msg = self.message_json(channel, body);
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

impl Fake {
    /// A new message by the bot in `channel` with `body`'s content, as Discord returns it.
    fn message_json(&self, channel: &str, body: &Value) -> Value {
        json!({
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
        })
    }
}

/// A multipart/form-data body: its `payload_json` part as JSON, and every file part as
/// (file name, contents), as Discord reads a request with attachments.
pub(super) fn multipart(body: &[u8], boundary: &str) -> (Value, Vec<(String, Vec<u8>)>) {
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
pub(super) fn split_bytes<'a>(haystack: &'a [u8], needle: &[u8]) -> Vec<&'a [u8]> {
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
pub(super) fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
