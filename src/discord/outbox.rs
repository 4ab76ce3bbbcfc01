//! Sending replies to Discord: a bounded number in flight, and one retry when Discord could
//! not be reached.
//!
//! Every reply is its own REST request. Unbounded, a burst of a thousand questions opens
//! about a thousand sockets at once; under a low open-file limit most of them fail before
//! reaching Discord (`Too many open files`) and those answers are lost. [`Outbox`] lets at
//! most `ROLECALL_MAX_IN_FLIGHT` replies of each kind be sent at once; the rest wait their
//! turn. Interaction answers and channel messages have separate bounds: Discord wants an
//! interaction answered within 3 seconds, while a channel message may sit in serenity's
//! rate limiter (5 messages per 5 s per channel) holding its slot, and must not hold up the
//! interactions behind it.
//!
//! A send that fails to reach Discord is retried once, after [`RETRY_AFTER`], when a
//! second copy cannot be shown twice (see [`may_retry`]); a reply that is still not sent is
//! logged once, naming what was lost by id (never by token).

use serenity::http::HttpError;
use std::error::Error as _;
use std::fmt;
use std::future::Future;
use std::time::Duration;
use tokio::sync::Semaphore;
use tracing::{error, warn};

/// Pause before the one retry: long enough for sockets to be freed, short enough to stay
/// inside Discord's 3-second window for answering an interaction.
pub const RETRY_AFTER: Duration = Duration::from_millis(250);

/// What a reply answers, named in the log when it is lost (ids only, never a token).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The one response to an interaction (slash command, button or autocomplete).
    Interaction {
        /// Interaction id.
        id: u64,
        /// Channel it came from.
        channel: u64,
    },
    /// A channel message replying to a question; sent with the question's id as nonce.
    Message {
        /// Channel of the question.
        channel: u64,
        /// The question's message id.
        reply_to: u64,
    },
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Interaction { id, channel } => {
                write!(f, "the response to interaction {id} in channel {channel}")
            }
            Target::Message { channel, reply_to } => {
                write!(f, "the reply to message {reply_to} in channel {channel}")
            }
        }
    }
}

/// How a send failed, which decides whether it is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// No connection to Discord could be opened (no free socket, DNS, refused): the request
    /// never left this process.
    Unsent,
    /// The connection broke or timed out during the request: Discord may have received it.
    Interrupted,
    /// Discord answered with an error (400, 404, …) or the request could not be built:
    /// sending the same request again would fail the same way.
    Refused,
}

impl Failure {
    /// Classifies a serenity error.
    pub fn of(e: &serenity::Error) -> Failure {
        match e {
            serenity::Error::Http(HttpError::Request(r)) if r.is_connect() => Failure::Unsent,
            serenity::Error::Http(HttpError::Request(r)) if r.is_builder() => Failure::Refused,
            serenity::Error::Http(HttpError::Request(_)) => Failure::Interrupted,
            _ => Failure::Refused,
        }
    }

    /// Whether Discord got the request, for the log: "no", "maybe" or "yes".
    pub fn reached_discord(self) -> &'static str {
        match self {
            Failure::Unsent => "no",
            Failure::Interrupted => "maybe",
            Failure::Refused => "yes",
        }
    }
}

/// Whether a send to `target` that failed with `failure` is tried once more.
///
/// - A request that never left ([`Failure::Unsent`]) is always safe to send again.
/// - An interaction may be answered only once. After an [`Failure::Interrupted`] request we
///   cannot know whether Discord took the answer, so it is not sent again: at best Discord
///   would refuse the second answer, and the first may well have been shown. Losing such a
///   rare answer is better than guessing.
/// - A channel message carries the question's id as its nonce with `enforce_nonce`, so Discord
///   returns the message already created instead of posting a second copy: an interrupted
///   message is retried too.
/// - Anything Discord refused ([`Failure::Refused`], e.g. a 400) would be refused again.
pub fn may_retry(target: Target, failure: Failure) -> bool {
    match failure {
        Failure::Unsent => true,
        Failure::Interrupted => matches!(target, Target::Message { .. }),
        Failure::Refused => false,
    }
}

/// A one-line description of a failed send, never containing a URL (interaction URLs hold
/// the interaction's token): for transport errors, the chain of causes.
pub fn describe(e: &serenity::Error) -> String {
    match e {
        serenity::Error::Http(HttpError::Request(r)) => {
            let mut text = String::from("could not reach Discord");
            let mut cause = r.source();
            while let Some(c) = cause {
                text.push_str(": ");
                text.push_str(&c.to_string());
                cause = c.source();
            }
            text
        }
        other => other.to_string(),
    }
}

/// Bounds the replies in flight and retries a failed send once when that is safe.
#[derive(Debug)]
pub struct Outbox {
    interactions: Semaphore,
    messages: Semaphore,
}

impl Outbox {
    /// An outbox sending at most `max_in_flight` interaction answers and as many channel
    /// messages at once (at least one of each).
    pub fn new(max_in_flight: usize) -> Outbox {
        let n = max_in_flight.clamp(1, Semaphore::MAX_PERMITS);
        Outbox {
            interactions: Semaphore::new(n),
            messages: Semaphore::new(n),
        }
    }

    /// Sends with `attempt` once a slot is free, retrying once as [`may_retry`] allows;
    /// `None` (after logging what was lost) when the reply could not be sent.
    pub async fn send<T, F, Fut>(&self, target: Target, mut attempt: F) -> Option<T>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = serenity::Result<T>>,
    {
        let lane = match target {
            Target::Interaction { .. } => &self.interactions,
            Target::Message { .. } => &self.messages,
        };
        // `acquire` fails only on a closed semaphore, and these are never closed. The slot
        // is held through the retry, so retries count towards the bound too.
        let _slot = lane.acquire().await.ok();
        let e = match attempt().await {
            Ok(sent) => return Some(sent),
            Err(e) => e,
        };
        let failure = Failure::of(&e);
        if !may_retry(target, failure) {
            lost(target, &e, failure, 1);
            return None;
        }
        warn!(
            reply = %target,
            error = %describe(&e),
            "could not send a reply; trying once more"
        );
        tokio::time::sleep(RETRY_AFTER).await;
        match attempt().await {
            Ok(sent) => Some(sent),
            Err(e) => {
                lost(target, &e, Failure::of(&e), 2);
                None
            }
        }
    }
}

/// Logs, once, a reply that could not be sent.
fn lost(target: Target, e: &serenity::Error, failure: Failure, attempts: u32) {
    error!(
        lost = %target,
        attempts,
        reached_discord = failure.reached_discord(),
        error = %describe(e),
        "reply lost"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use serenity::all::InteractionId;
    use serenity::http::{Http, HttpBuilder};
    use std::io::{BufRead, BufReader, Write};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    const INTERACTION: Target = Target::Interaction { id: 1, channel: 2 };
    const MESSAGE: Target = Target::Message {
        channel: 2,
        reply_to: 3,
    };

    fn http(base: String) -> Http {
        HttpBuilder::new("token")
            .proxy(base)
            .ratelimiter_disabled(true)
            .build()
    }

    /// The error of answering an interaction (its token in the URL) through `http`.
    async fn answer_error(http: &Http) -> serenity::Error {
        let body = serde_json::json!({"type": 1});
        http.create_interaction_response(InteractionId::new(1), "secret-token", &body, Vec::new())
            .await
            .unwrap_err()
    }

    /// A real connect failure: a port nothing listens on.
    async fn unreachable() -> serenity::Error {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        answer_error(&http(format!("http://127.0.0.1:{port}"))).await
    }

    /// A real 400 from a one-shot server.
    async fn refused() -> serenity::Error {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream);
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
                if line.trim().is_empty() {
                    break;
                }
            }
            std::io::Read::read_exact(&mut reader, &mut vec![0; length]).unwrap();
            let body = r#"{"code": 50035, "message": "Invalid Form Body"}"#;
            let reply = format!(
                "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            reader.get_mut().write_all(reply.as_bytes()).unwrap();
        });
        answer_error(&http(base)).await
    }

    #[test]
    fn only_safe_failures_are_retried() {
        assert!(may_retry(INTERACTION, Failure::Unsent));
        assert!(may_retry(MESSAGE, Failure::Unsent));
        assert!(
            !may_retry(INTERACTION, Failure::Interrupted),
            "an interaction may have been answered"
        );
        assert!(
            may_retry(MESSAGE, Failure::Interrupted),
            "the nonce stops a second copy"
        );
        assert!(!may_retry(INTERACTION, Failure::Refused));
        assert!(!may_retry(MESSAGE, Failure::Refused));
    }

    #[tokio::test]
    async fn discord_errors_are_refusals_and_their_description_has_no_url() {
        let e = refused().await;
        assert_eq!(Failure::of(&e), Failure::Refused);
        let text = describe(&e);
        assert_eq!(text, "Invalid Form Body");
        assert!(!text.contains("secret-token"));
    }

    #[tokio::test]
    async fn a_connection_that_cannot_be_opened_is_unsent() {
        let e = unreachable().await;
        assert_eq!(Failure::of(&e), Failure::Unsent, "{e:?}");
        let text = describe(&e);
        assert!(text.starts_with("could not reach Discord: "), "{text}");
        assert!(!text.contains("secret-token"), "no URL: {text}");
    }

    #[tokio::test]
    async fn an_unsent_reply_is_sent_again_once() {
        let outbox = Outbox::new(4);
        let e = unreachable().await;
        let tries = AtomicUsize::new(0);
        let first = std::sync::Mutex::new(Some(e));
        let sent = outbox
            .send(INTERACTION, || {
                tries.fetch_add(1, Ordering::SeqCst);
                let result = match first.lock().unwrap().take() {
                    Some(e) => Err(e),
                    None => Ok("sent"),
                };
                async move { result }
            })
            .await;
        assert_eq!(sent, Some("sent"));
        assert_eq!(tries.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_refused_reply_is_not_sent_again() {
        let outbox = Outbox::new(4);
        let tries = AtomicUsize::new(0);
        let sent: Option<()> = outbox
            .send(MESSAGE, || {
                tries.fetch_add(1, Ordering::SeqCst);
                async { Err(refused().await) }
            })
            .await;
        assert_eq!(sent, None);
        assert_eq!(tries.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn at_most_the_bound_is_in_flight_per_kind() {
        let outbox = Arc::new(Outbox::new(3));
        let now = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for i in 0..40u64 {
            let (outbox, now, peak) = (outbox.clone(), now.clone(), peak.clone());
            tasks.push(tokio::spawn(async move {
                let target = Target::Message {
                    channel: 1,
                    reply_to: i,
                };
                outbox
                    .send(target, || {
                        let (now, peak) = (now.clone(), peak.clone());
                        async move {
                            let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                            peak.fetch_max(n, Ordering::SeqCst);
                            tokio::task::yield_now().await;
                            now.fetch_sub(1, Ordering::SeqCst);
                            Ok(())
                        }
                    })
                    .await
            }));
        }
        for t in tasks {
            assert_eq!(t.await.unwrap(), Some(()));
        }
        assert!(peak.load(Ordering::SeqCst) <= 3, "{peak:?}");
    }

    #[test]
    fn targets_name_ids_only() {
        assert_eq!(
            INTERACTION.to_string(),
            "the response to interaction 1 in channel 2"
        );
        assert_eq!(MESSAGE.to_string(), "the reply to message 3 in channel 2");
    }
}
