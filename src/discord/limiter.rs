//! Per-user rate limits and the per-(entry, channel) cooldown: pure, with the clock passed
//! in.
//!
//! Questions (slash commands and typed questions) and clicks on the bot's own buttons and
//! menus have separate budgets, so browsing an answer never uses up the questions. A burst
//! of the same question in one channel is answered once: later copies are dropped for
//! messages, and turned into a one-line private note linking to the earlier answer for
//! interactions.

use super::response::Response;
use crate::config::UserRate;
use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// Most users or (entry, channel) pairs remembered before old ones are swept.
const SWEEP_AT: usize = 10_000;

/// The moment a request arrives: monotonic for the windows, Unix seconds for the notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// For measuring windows.
    pub at: Instant,
    /// Wall-clock Unix seconds, for Discord's relative timestamp in the notice.
    pub unix: i64,
}

impl Now {
    /// The real now.
    pub fn real() -> Now {
        Now {
            at: Instant::now(),
            unix: crate::clock::unix_now(),
        }
    }
}

/// Which budget an interaction spends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spend {
    /// A question: a slash command that answers, or a typed question.
    Question,
    /// A click on one of the bot's own buttons or menus (an aspect, a related entry, …).
    Click,
}

/// Where an earlier public answer is, so a repeat can link to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Earlier {
    /// Not known (yet): the note says "just above" without a link.
    Unknown,
    /// A channel message.
    Message {
        /// Guild (`None` in DMs).
        guild: Option<u64>,
        /// Channel id.
        channel: u64,
        /// Message id.
        id: u64,
    },
    /// The answer to an interaction, found through its token (valid 15 minutes).
    Interaction {
        /// Guild (`None` in DMs).
        guild: Option<u64>,
        /// Channel id.
        channel: u64,
        /// The interaction's token.
        token: String,
    },
}

/// What to do with a response to an interaction.
#[derive(Debug, Clone, PartialEq)]
pub enum Gate {
    /// Send this (the answer, or a private note on the rate limit).
    Send(Box<Response>),
    /// The same answer was given in this channel moments ago: point to it privately.
    AnsweredAbove(Earlier),
}

/// Rate-limit and cooldown state.
#[derive(Debug)]
pub struct Limiter {
    questions: Budget,
    clicks: Budget,
    cooldown: Duration,
    answered: HashMap<(String, u64), (Instant, Earlier)>,
}

/// One sliding-window budget per user.
#[derive(Debug)]
struct Budget {
    rate: Option<UserRate>,
    users: HashMap<u64, VecDeque<Instant>>,
}

impl Budget {
    fn new(rate: Option<UserRate>) -> Budget {
        Budget {
            rate,
            users: HashMap::new(),
        }
    }

    /// Counts one request by `user`; `Err(wait)` when over the limit.
    fn spend(&mut self, user: u64, now: Instant) -> Result<(), Duration> {
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
}

/// The private note for a user over a limit: when to try again, as a Discord relative
/// timestamp ("in 42 seconds") that counts down as the reader looks at it.
pub fn slow_down(spend: Spend, wait: Duration, now: i64) -> String {
    let secs = i64::try_from(wait.as_secs().max(1)).unwrap_or(i64::MAX);
    let at = now.saturating_add(secs);
    match spend {
        Spend::Question => {
            format!("You're asking quickly: you can ask again <t:{at}:R>.")
        }
        Spend::Click => format!("That's a lot of clicks at once: try again <t:{at}:R>."),
    }
}

/// The one-line private note for a question answered in this channel moments ago, with a
/// link to that answer when `link` is known.
pub fn answered_above(link: Option<&str>) -> String {
    match link {
        Some(link) => format!("I answered that in this channel moments ago: {link}"),
        None => "I answered that in this channel just above, moments ago.".to_string(),
    }
}

/// A link that jumps to message `id` in `channel` (of `guild`, or a DM).
pub fn jump_link(guild: Option<u64>, channel: u64, id: u64) -> String {
    match guild {
        Some(g) => format!("https://discord.com/channels/{g}/{channel}/{id}"),
        None => format!("https://discord.com/channels/@me/{channel}/{id}"),
    }
}

impl Limiter {
    /// A limiter allowing `questions` answers and `clicks` component clicks per user, and
    /// one answer per (entry, channel) per `cooldown`.
    pub fn new(
        questions: Option<UserRate>,
        clicks: Option<UserRate>,
        cooldown: Duration,
    ) -> Limiter {
        Limiter {
            questions: Budget::new(questions),
            clicks: Budget::new(clicks),
            cooldown,
            answered: HashMap::new(),
        }
    }

    /// Counts one request by `user` against `spend`'s budget; `Err(wait)` when over it.
    pub fn user(&mut self, spend: Spend, user: u64, now: Instant) -> Result<(), Duration> {
        match spend {
            Spend::Question => self.questions.spend(user, now),
            Spend::Click => self.clicks.spend(user, now),
        }
    }

    /// `None` (and remembered, location unknown) when `key` was not answered in `channel`
    /// within the cooldown; else where it was.
    fn seen(&mut self, key: &str, channel: u64, now: Instant) -> Option<Earlier> {
        if self.cooldown.is_zero() {
            return None;
        }
        if self.answered.len() >= SWEEP_AT {
            let cooldown = self.cooldown;
            self.answered
                .retain(|_, (t, _)| now.duration_since(*t) < cooldown);
        }
        let slot = (key.to_string(), channel);
        match self.answered.get(&slot) {
            Some((t, earlier)) if now.duration_since(*t) < self.cooldown => Some(earlier.clone()),
            _ => {
                self.answered.insert(slot, (now, Earlier::Unknown));
                None
            }
        }
    }

    /// True (and remembered) when `key` was not answered in `channel` within the cooldown.
    pub fn fresh(&mut self, key: &str, channel: u64, now: Instant) -> bool {
        self.seen(key, channel, now).is_none()
    }

    /// Records where the answer for `key` in `channel` was sent, for later repeats to link
    /// to; nothing when it is no longer within the cooldown.
    pub fn sent(&mut self, key: &str, channel: u64, earlier: Earlier) {
        if let Some((_, at)) = self.answered.get_mut(&(key.to_string(), channel)) {
            *at = earlier;
        }
    }

    /// Applies the `spend` budget and the cooldown to a response to an interaction by
    /// `user` in `channel`.
    pub fn gate_interaction(
        &mut self,
        r: Response,
        spend: Spend,
        user: u64,
        channel: u64,
        now: Now,
    ) -> Gate {
        if let Err(wait) = self.user(spend, user, now.at) {
            return Gate::Send(Box::new(Response::notice(&slow_down(
                spend, wait, now.unix,
            ))));
        }
        match &r.cooldown_key {
            Some(key) if !r.ephemeral => match self.seen(key, channel, now.at) {
                Some(earlier) => Gate::AnsweredAbove(earlier),
                None => Gate::Send(Box::new(r)),
            },
            _ => Gate::Send(Box::new(r)),
        }
    }

    /// Applies the question budget and the cooldown to a reply to a message by `user` in
    /// `channel`: `None` (send nothing) when over a limit.
    pub fn gate_message(
        &mut self,
        r: Response,
        user: u64,
        channel: u64,
        now: Instant,
    ) -> Option<Response> {
        if self.user(Spend::Question, user, now).is_err() {
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

    fn rate(count: u32, per: u64) -> Option<UserRate> {
        Some(UserRate {
            count,
            per: Duration::from_secs(per),
        })
    }

    fn limiter(count: u32, per: u64, cooldown: u64) -> Limiter {
        Limiter::new(
            rate(count, per),
            rate(30, 60),
            Duration::from_secs(cooldown),
        )
    }

    fn at(t0: Instant) -> Now {
        Now {
            at: t0,
            unix: 1_000_000,
        }
    }

    fn sent(g: Gate) -> Response {
        match g {
            Gate::Send(r) => *r,
            other => panic!("expected a response, got {other:?}"),
        }
    }

    #[test]
    fn user_rate_allows_count_per_window() {
        let mut l = limiter(2, 10, 0);
        let t0 = Instant::now();
        let q = Spend::Question;
        assert!(l.user(q, 1, t0).is_ok());
        assert!(l.user(q, 1, t0 + Duration::from_secs(1)).is_ok());
        assert_eq!(
            l.user(q, 1, t0 + Duration::from_secs(2)),
            Err(Duration::from_secs(8))
        );
        assert!(
            l.user(q, 2, t0 + Duration::from_secs(2)).is_ok(),
            "other users are not affected"
        );
        assert!(
            l.user(q, 1, t0 + Duration::from_secs(10)).is_ok(),
            "window slid"
        );
    }

    #[test]
    fn no_rate_means_no_limit() {
        let mut l = Limiter::new(None, None, Duration::ZERO);
        let t0 = Instant::now();
        assert!((0..1000).all(|_| l.user(Spend::Question, 1, t0).is_ok()));
        assert!((0..1000).all(|_| l.user(Spend::Click, 1, t0).is_ok()));
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
        let first = sent(l.gate_interaction(answer("pm"), Spend::Question, 1, 9, at(t0)));
        assert!(!first.ephemeral);
        let second = l.gate_interaction(answer("pm"), Spend::Question, 2, 9, at(t0));
        assert_eq!(second, Gate::AnsweredAbove(Earlier::Unknown));
        let link = Earlier::Message {
            guild: Some(5),
            channel: 9,
            id: 77,
        };
        l.sent("pm", 9, link.clone());
        let third = l.gate_interaction(answer("pm"), Spend::Click, 3, 9, at(t0));
        assert_eq!(
            third,
            Gate::AnsweredAbove(link),
            "repeats point to the answer"
        );
    }

    #[test]
    fn the_note_for_a_repeat_is_one_line_with_a_jump_link() {
        let link = jump_link(Some(5), 9, 77);
        assert_eq!(link, "https://discord.com/channels/5/9/77");
        assert_eq!(
            jump_link(None, 9, 77),
            "https://discord.com/channels/@me/9/77"
        );
        let note = answered_above(Some(&link));
        assert!(note.ends_with(&link) && !note.contains('\n'), "{note}");
        assert!(!answered_above(None).contains("http"));
    }

    #[test]
    fn private_answers_skip_the_cooldown() {
        let mut l = limiter(100, 60, 60);
        let t0 = Instant::now();
        let q = Spend::Question;
        let _ = l.gate_interaction(answer("pm"), q, 1, 9, at(t0));
        let private = sent(l.gate_interaction(answer("pm").private(true), q, 2, 9, at(t0)));
        assert_eq!(private.content, None);
        let public = l.gate_interaction(answer("pm"), q, 3, 9, at(t0));
        assert!(matches!(public, Gate::AnsweredAbove(_)));
    }

    #[test]
    fn rate_limited_interaction_users_get_a_note() {
        let mut l = limiter(1, 30, 0);
        let t0 = Instant::now();
        let _ = l.gate_interaction(answer("pm"), Spend::Question, 1, 9, at(t0));
        let r = sent(l.gate_interaction(answer("po"), Spend::Question, 1, 9, at(t0)));
        assert!(r.ephemeral);
        assert_eq!(
            r.content.as_deref(),
            Some("You're asking quickly: you can ask again <t:1000030:R>.")
        );
    }

    #[test]
    fn clicks_spend_their_own_budget_not_the_questions() {
        let mut l = limiter(5, 60, 0);
        let t0 = Instant::now();
        for i in 0..5 {
            let r = sent(l.gate_interaction(answer(&i.to_string()), Spend::Question, 1, 9, at(t0)));
            assert!(r.content.is_none(), "question {i}");
        }
        for i in 0..30 {
            let r = sent(l.gate_interaction(answer(&i.to_string()), Spend::Click, 1, 9, at(t0)));
            assert!(
                r.content.is_none(),
                "click {i} answers although the questions are spent"
            );
        }
        let r = sent(l.gate_interaction(answer("x"), Spend::Click, 1, 9, at(t0)));
        assert!(
            r.content.unwrap().contains("<t:1000060:R>"),
            "the 31st click in a minute waits"
        );
    }
}
