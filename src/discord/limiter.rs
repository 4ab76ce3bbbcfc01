//! Per-user rate limit and per-(entry, channel) cooldown: pure, with the clock passed in.
//!
//! A burst of the same question in one channel is answered once: later copies are dropped
//! for messages, and turned into a private "answered just above" note for interactions.

use super::response::Response;
use crate::config::UserRate;
use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// Most users or (entry, channel) pairs remembered before old ones are swept.
const SWEEP_AT: usize = 10_000;

/// Rate-limit and cooldown state.
#[derive(Debug)]
pub struct Limiter {
    rate: Option<UserRate>,
    cooldown: Duration,
    users: HashMap<u64, VecDeque<Instant>>,
    answered: HashMap<(String, u64), Instant>,
}

/// Note for an interaction user whose question was answered in the channel moments ago.
pub const ANSWERED_ABOVE: &str =
    "I answered that in this channel just above, moments ago. Here is a copy only you can see.";

impl Limiter {
    /// A limiter allowing `rate` answers per user and one answer per (entry, channel) per
    /// `cooldown`.
    pub fn new(rate: Option<UserRate>, cooldown: Duration) -> Limiter {
        Limiter {
            rate,
            cooldown,
            users: HashMap::new(),
            answered: HashMap::new(),
        }
    }

    /// Counts one request by `user`; `Err(wait)` when over the limit.
    pub fn user(&mut self, user: u64, now: Instant) -> Result<(), Duration> {
        let Some(rate) = self.rate else { return Ok(()) };
        if self.users.len() >= SWEEP_AT {
            self.users
                .retain(|_, q| q.back().is_some_and(|&t| now.duration_since(t) < rate.per));
        }
        let times = self.users.entry(user).or_default();
        while times
            .front()
            .is_some_and(|&t| now.duration_since(t) >= rate.per)
        {
            times.pop_front();
        }
        if times.len() >= rate.count as usize {
            let oldest = times.front().copied().unwrap_or(now);
            return Err(rate.per.saturating_sub(now.duration_since(oldest)));
        }
        times.push_back(now);
        Ok(())
    }

    /// True (and remembered) when `key` was not answered in `channel` within the cooldown.
    pub fn fresh(&mut self, key: &str, channel: u64, now: Instant) -> bool {
        if self.cooldown.is_zero() {
            return true;
        }
        if self.answered.len() >= SWEEP_AT {
            let cooldown = self.cooldown;
            self.answered
                .retain(|_, &mut t| now.duration_since(t) < cooldown);
        }
        let slot = (key.to_string(), channel);
        match self.answered.get(&slot) {
            Some(&t) if now.duration_since(t) < self.cooldown => false,
            _ => {
                self.answered.insert(slot, now);
                true
            }
        }
    }

    /// Applies both limits to a response to an interaction by `user` in `channel`.
    pub fn gate_interaction(
        &mut self,
        r: Response,
        user: u64,
        channel: u64,
        now: Instant,
    ) -> Response {
        if let Err(wait) = self.user(user, now) {
            return Response::notice(&format!(
                "You're asking quickly; give me {} s and ask again.",
                wait.as_secs().max(1)
            ));
        }
        match &r.cooldown_key {
            Some(key) if !r.ephemeral && !self.fresh(key, channel, now) => {
                let mut copy = r.private(true);
                copy.content = Some(ANSWERED_ABOVE.to_string());
                copy
            }
            _ => r,
        }
    }

    /// Applies both limits to a reply to a message by `user` in `channel`: `None` (send
    /// nothing) when over a limit.
    pub fn gate_message(
        &mut self,
        r: Response,
        user: u64,
        channel: u64,
        now: Instant,
    ) -> Option<Response> {
        if self.user(user, now).is_err() {
            return None;
        }
        match &r.cooldown_key {
            Some(key) if !self.fresh(key, channel, now) => None,
            _ => Some(r),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(key: &str) -> Response {
        Response {
            cooldown_key: Some(key.into()),
            ephemeral: false,
            content: None,
            ..Response::notice("x")
        }
    }

    fn limiter(count: u32, per: u64, cooldown: u64) -> Limiter {
        Limiter::new(
            Some(UserRate {
                count,
                per: Duration::from_secs(per),
            }),
            Duration::from_secs(cooldown),
        )
    }

    #[test]
    fn user_rate_allows_count_per_window() {
        let mut l = limiter(2, 10, 0);
        let t0 = Instant::now();
        assert!(l.user(1, t0).is_ok());
        assert!(l.user(1, t0 + Duration::from_secs(1)).is_ok());
        assert_eq!(
            l.user(1, t0 + Duration::from_secs(2)),
            Err(Duration::from_secs(8))
        );
        assert!(
            l.user(2, t0 + Duration::from_secs(2)).is_ok(),
            "other users are not affected"
        );
        assert!(
            l.user(1, t0 + Duration::from_secs(10)).is_ok(),
            "window slid"
        );
    }

    #[test]
    fn no_rate_means_no_limit() {
        let mut l = Limiter::new(None, Duration::ZERO);
        let t0 = Instant::now();
        assert!((0..1000).all(|_| l.user(1, t0).is_ok()));
    }

    #[test]
    fn cooldown_is_per_entry_and_channel() {
        let mut l = limiter(100, 10, 60);
        let t0 = Instant::now();
        assert!(l.fresh("pm", 1, t0));
        assert!(!l.fresh("pm", 1, t0 + Duration::from_secs(59)));
        assert!(l.fresh("pm", 2, t0), "other channel");
        assert!(l.fresh("po", 1, t0), "other entry");
        assert!(
            l.fresh("pm", 1, t0 + Duration::from_secs(60)),
            "cooled down"
        );
    }

    #[test]
    fn a_burst_of_messages_is_answered_once() {
        let mut l = limiter(5, 60, 60);
        let t0 = Instant::now();
        let sent = (0..50)
            .filter(|i| {
                let user = i % 7;
                l.gate_message(answer("pm"), user, 9, t0).is_some()
            })
            .count();
        assert_eq!(sent, 1);
    }

    #[test]
    fn a_burst_of_interactions_gets_one_answer_and_private_notes() {
        let mut l = limiter(100, 60, 60);
        let t0 = Instant::now();
        let first = l.gate_interaction(answer("pm"), 1, 9, t0);
        assert!(!first.ephemeral);
        let second = l.gate_interaction(answer("pm"), 2, 9, t0);
        assert!(second.ephemeral);
        assert_eq!(second.content.as_deref(), Some(ANSWERED_ABOVE));
    }

    #[test]
    fn private_answers_skip_the_cooldown() {
        let mut l = limiter(100, 60, 60);
        let t0 = Instant::now();
        let _ = l.gate_interaction(answer("pm"), 1, 9, t0);
        let private = l.gate_interaction(answer("pm").private(true), 2, 9, t0);
        assert_eq!(private.content, None);
        let public = l.gate_interaction(answer("pm"), 3, 9, t0);
        assert_eq!(public.content.as_deref(), Some(ANSWERED_ABOVE));
    }

    #[test]
    fn rate_limited_interaction_users_get_a_note() {
        let mut l = limiter(1, 30, 0);
        let t0 = Instant::now();
        let _ = l.gate_interaction(answer("pm"), 1, 9, t0);
        let r = l.gate_interaction(answer("po"), 1, 9, t0);
        assert!(r.ephemeral);
        assert!(r.content.unwrap().contains("30 s"));
    }
}
