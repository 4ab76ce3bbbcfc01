//! The fake gateway: IDENTIFY and RESUME, READY per shard, events routed to the shard that
//! owns their guild, and closes.

use super::*;

impl Fake {
    pub(super) async fn serve_gateway(self, stream: TcpStream) {
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
    pub(super) async fn converse(
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
    pub(super) async fn on_gateway(
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
}

/// Closes a gateway connection with `code`, waiting (bounded) for the bot's reply.
pub(super) async fn close(ws: &mut WebSocketStream<TcpStream>, code: u16, reason: &str) {
    let frame = CloseFrame {
        code: CloseCode::from(code),
        reason: reason.to_string().into(),
    };
    let _ = ws.send(Ws::Close(Some(frame))).await;
    let _ = tokio::time::timeout(Duration::from_secs(1), ws.next()).await;
}
