//! A store in the process's memory: the same answers as the databases, nothing written
//! anywhere. For tests of the bot's features (through [`Backend`]), which can also take it
//! down to see a feature degrade.

use crate::{Backend, StoreError, VoteChange};
use rolecall_core::learn::{
    week_start, Asked, Comment, GapsData, Logged, Outcome, Vote, VoteTotal, WeekCount, MAX_TEXT,
};
use rolecall_core::onboarding::{Progress, Stats};
use rolecall_core::overlay::{Action, Overlay, Revision, ServerFaq, ServerHolder};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use tokio::sync::mpsc;

/// What [`MemoryStore::url`] says it is.
pub const MEMORY_URL: &str = "memory:";

/// Tour progress, the question log and votes in maps behind a lock; [`MemoryStore::set_down`]
/// makes every operation fail as a database that went away does.
#[derive(Debug, Default)]
pub struct MemoryStore {
    state: Mutex<State>,
    down: AtomicBool,
    closed: AtomicBool,
}

/// Everything kept, as the databases' tables keep it.
#[derive(Debug, Default)]
struct State {
    /// (guild, user) → progress, answers in the order saved.
    progress: HashMap<(u64, u64), Progress>,
    /// Logged questions in the order they came.
    questions: Vec<Logged>,
    /// (answer, voter) → the vote.
    votes: BTreeMap<(u64, String), Voted>,
    /// (guild, week, outcome) → questions counted.
    weeks: BTreeMap<(u64, i64, &'static str), u32>,
    /// (guild, FAQ id) → the FAQ a server taught.
    faqs: BTreeMap<(u64, String), ServerFaq>,
    /// (guild, revision) of every server FAQ change, oldest first.
    history: Vec<(u64, Revision)>,
    /// (guild, holder) of every server's roster (a team of `Some("")` kept as `None`).
    roster: BTreeSet<(u64, ServerHolder)>,
    /// guild → when the bot left it.
    departed: HashMap<u64, i64>,
}

/// One stored vote.
#[derive(Debug, Clone)]
struct Voted {
    guild: u64,
    entry: String,
    vote: Vote,
    at: i64,
    comment: Option<String>,
}

impl MemoryStore {
    /// An empty store, up.
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    /// Takes the store down (`true`: every operation fails with a timeout, as a database that
    /// stopped answering does) or brings it back up.
    pub fn set_down(&self, down: bool) {
        self.down.store(down, Ordering::SeqCst);
    }

    /// The lock on the state, or the error a failing database gives for `action`.
    fn state(&self, action: &'static str) -> Result<std::sync::MutexGuard<'_, State>, StoreError> {
        if self.closed.load(Ordering::SeqCst) {
            return Err(StoreError::Closed {
                action,
                url: MEMORY_URL.into(),
            });
        }
        if self.down.load(Ordering::SeqCst) {
            return Err(StoreError::Timeout {
                action,
                url: MEMORY_URL.into(),
                waited_ms: 0,
            });
        }
        // Nothing here can panic half way through a change: a poisoned lock is still whole.
        Ok(self.state.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

/// `text` cut to [`MAX_TEXT`] characters, as the databases keep it.
fn cut(text: &str) -> String {
    text.chars().take(MAX_TEXT).collect()
}

/// `holder` as the databases keep it: an empty team is no team.
fn kept_holder(holder: &ServerHolder) -> ServerHolder {
    ServerHolder {
        team: holder.team.clone().filter(|t| !t.is_empty()),
        ..holder.clone()
    }
}

impl State {
    /// Saves `faq` in `guild` and keeps it as an `action` revision by `by` at `at`.
    fn put_faq(&mut self, guild: u64, faq: &ServerFaq, action: Action, by: u64, at: i64) {
        self.faqs.insert((guild, faq.id.clone()), faq.clone());
        self.revise(guild, faq.clone(), action, by, at);
    }

    /// Removes the FAQ `id` of `guild`, keeping its text as a `Removed` revision; `false`
    /// when there was none.
    fn remove_faq(&mut self, guild: u64, id: &str, by: u64, at: i64) -> bool {
        match self.faqs.remove(&(guild, id.to_string())) {
            Some(old) => {
                self.revise(guild, old, Action::Removed, by, at);
                true
            }
            None => false,
        }
    }

    /// Keeps a revision of a FAQ of `guild`.
    fn revise(&mut self, guild: u64, faq: ServerFaq, action: Action, by: u64, at: i64) {
        self.history.push((
            guild,
            Revision {
                action,
                by,
                at,
                faq,
            },
        ));
    }
}

#[async_trait::async_trait]
impl Backend for MemoryStore {
    fn url(&self) -> &str {
        MEMORY_URL
    }

    fn backend(&self) -> &'static str {
        "memory"
    }

    async fn load(&self, guild: u64, user: u64) -> Result<Option<Progress>, StoreError> {
        Ok(self
            .state("load tour progress")?
            .progress
            .get(&(guild, user))
            .cloned())
    }

    async fn save(&self, guild: u64, user: u64, progress: &Progress) -> Result<(), StoreError> {
        let mut kept = progress.clone();
        // One answer per step, the first kept, as the databases' key does.
        let mut seen = Vec::new();
        kept.answers.retain(|a| {
            let first = !seen.contains(&a.step);
            seen.push(a.step.clone());
            first
        });
        self.state("save tour progress")?
            .progress
            .insert((guild, user), kept);
        Ok(())
    }

    async fn forget(&self, user: u64) -> Result<u64, StoreError> {
        let mut s = self.state("forget a user")?;
        let mut rows = 0;
        s.progress.retain(|&(_, u), p| {
            let mine = u == user;
            if mine {
                rows += 1 + p.answers.len() as u64;
            }
            !mine
        });
        Ok(rows)
    }

    async fn stats(&self, guild: u64) -> Result<Stats, StoreError> {
        let s = self.state("count tour progress")?;
        let mut answers: BTreeMap<(String, u32), u64> = BTreeMap::new();
        let (mut started, mut finished) = (0, 0);
        for ((g, _), p) in &s.progress {
            if *g != guild {
                continue;
            }
            started += 1;
            finished += u64::from(p.finished_at.is_some());
            for a in &p.answers {
                *answers.entry((a.step.clone(), a.choice)).or_default() += 1;
            }
        }
        Ok(Stats {
            started,
            finished,
            answers: answers.into_iter().map(|((s, c), n)| (s, c, n)).collect(),
        })
    }

    fn voter(&self, user: u64, answer: u64) -> String {
        // A pseudonym only tests read: no salt to keep secret in memory.
        format!("{user:x}-{answer:x}")
    }

    async fn forget_votes(&self, user: u64) -> Result<u64, StoreError> {
        let mut s = self.state("delete a user's votes")?;
        let before = s.votes.len();
        s.votes
            .retain(|(answer, voter), _| *voter != self.voter(user, *answer));
        Ok((before - s.votes.len()) as u64)
    }

    async fn log_question(
        &self,
        guild: u64,
        channel: u64,
        at: i64,
        asked: &Asked,
    ) -> Result<(), StoreError> {
        let asked = Asked {
            text: cut(&asked.text),
            ..asked.clone()
        };
        self.state("log a question")?.questions.push(Logged {
            guild,
            channel,
            at,
            asked,
        });
        Ok(())
    }

    async fn count_question(
        &self,
        guild: u64,
        outcome: Outcome,
        at: i64,
    ) -> Result<(), StoreError> {
        *self
            .state("count a question")?
            .weeks
            .entry((guild, week_start(at), outcome.as_str()))
            .or_default() += 1;
        Ok(())
    }

    async fn vote(
        &self,
        guild: u64,
        answer: u64,
        voter: &str,
        entry: &str,
        vote: Vote,
        at: i64,
    ) -> Result<VoteChange, StoreError> {
        let mut s = self.state("store a vote")?;
        let fresh = Voted {
            guild,
            entry: entry.to_string(),
            vote,
            at,
            comment: None,
        };
        match s.votes.get_mut(&(answer, voter.to_string())) {
            None => {
                s.votes.insert((answer, voter.to_string()), fresh);
                Ok(VoteChange::New)
            }
            Some(old) if old.vote == vote => Ok(VoteChange::Same),
            Some(old) => {
                *old = fresh;
                Ok(VoteChange::Changed)
            }
        }
    }

    async fn comment(&self, answer: u64, voter: &str, text: &str) -> Result<bool, StoreError> {
        let text = Some(cut(text.trim())).filter(|t| !t.is_empty());
        let mut s = self.state("store a comment")?;
        Ok(match s.votes.get_mut(&(answer, voter.to_string())) {
            Some(v) => {
                v.comment = text;
                true
            }
            None => false,
        })
    }

    async fn gaps(
        &self,
        guild: Option<u64>,
        since: i64,
        limit: usize,
    ) -> Result<GapsData, StoreError> {
        let s = self.state("read the question log")?;
        let here = |g: u64| guild.is_none_or(|want| want == g);
        let mut questions: Vec<Logged> = s
            .questions
            .iter()
            .rev()
            .filter(|q| q.at >= since && here(q.guild))
            .cloned()
            .collect();
        // Newest first; the sort is stable, so of one second's questions the later logged
        // stays first, as the databases order them (by time, then row id, descending).
        questions.sort_by_key(|q| std::cmp::Reverse(q.at));
        questions.truncate(limit);
        let cast: Vec<&Voted> = s
            .votes
            .values()
            .filter(|v| v.at >= since && here(v.guild))
            .collect();
        let mut totals: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
        for v in &cast {
            let t = totals.entry(v.entry.as_str()).or_default();
            match v.vote {
                Vote::Up => t.0 += 1,
                Vote::Down => t.1 += 1,
            }
        }
        let mut votes: Vec<VoteTotal> = totals
            .into_iter()
            .map(|(entry, (up, down))| VoteTotal {
                entry: entry.to_string(),
                up,
                down,
            })
            .collect();
        votes.sort_by(|a, b| {
            b.down
                .cmp(&a.down)
                .then(a.up.cmp(&b.up))
                .then(a.entry.cmp(&b.entry))
        });
        votes.truncate(limit);
        let mut comments: Vec<Comment> = cast
            .iter()
            .filter(|v| v.vote == Vote::Down)
            .filter_map(|v| {
                v.comment.as_ref().map(|text| Comment {
                    entry: v.entry.clone(),
                    text: text.clone(),
                    at: v.at,
                })
            })
            .collect();
        comments.sort_by(|a, b| b.at.cmp(&a.at).then(a.entry.cmp(&b.entry)));
        comments.truncate(limit);
        let first_week = week_start(since);
        let mut weeks: BTreeMap<(i64, &str), u32> = BTreeMap::new();
        for (&(g, week, outcome), &n) in &s.weeks {
            if week >= first_week && here(g) {
                *weeks.entry((week, outcome)).or_default() += n;
            }
        }
        let weeks = weeks
            .into_iter()
            .filter_map(|((week, outcome), count)| {
                Outcome::parse(outcome).map(|outcome| WeekCount {
                    week,
                    outcome,
                    count,
                })
            })
            .collect();
        Ok(GapsData {
            questions,
            votes,
            comments,
            weeks,
        })
    }

    async fn purge_log(&self, before: i64) -> Result<u64, StoreError> {
        let mut s = self.state("purge the question log")?;
        let counts = (s.questions.len(), s.votes.len(), s.weeks.len());
        s.questions.retain(|q| q.at >= before);
        s.votes.retain(|_, v| v.at >= before);
        let first_week = week_start(before);
        s.weeks.retain(|&(_, week, _), _| week >= first_week);
        Ok(
            (counts.0 - s.questions.len() + counts.1 - s.votes.len() + counts.2 - s.weeks.len())
                as u64,
        )
    }

    async fn purge_all_log(&self) -> Result<u64, StoreError> {
        let mut s = self.state("purge the question log")?;
        let rows = s.questions.len() + s.votes.len() + s.weeks.len();
        s.questions.clear();
        s.votes.clear();
        s.weeks.clear();
        Ok(rows as u64)
    }

    async fn announce_reload(&self, _origin: &str) -> Result<(), StoreError> {
        // One process: nothing to tell, as with SQLite.
        self.state("announce a reload").map(|_| ())
    }

    fn reload_notices(&self) -> Option<mpsc::Receiver<String>> {
        None
    }

    async fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
    }

    async fn overlay(&self, guild: u64) -> Result<Overlay, StoreError> {
        let s = self.state("read a server's knowledge")?;
        let mut overlay = Overlay {
            faqs: s
                .faqs
                .iter()
                .filter(|((g, _), _)| *g == guild)
                .map(|(_, faq)| faq.clone())
                .collect(),
            holders: s
                .roster
                .iter()
                .filter(|(g, _)| *g == guild)
                .map(|(_, holder)| holder.clone())
                .collect(),
        };
        overlay.sort();
        Ok(overlay)
    }

    async fn put_faq(
        &self,
        guild: u64,
        faq: &ServerFaq,
        by: u64,
        at: i64,
    ) -> Result<Action, StoreError> {
        let mut s = self.state("save a server FAQ")?;
        let action = if s.faqs.contains_key(&(guild, faq.id.clone())) {
            Action::Edited
        } else {
            Action::Created
        };
        s.put_faq(guild, faq, action, by, at);
        Ok(action)
    }

    async fn remove_faq(&self, guild: u64, id: &str, by: u64, at: i64) -> Result<bool, StoreError> {
        Ok(self
            .state("remove a server FAQ")?
            .remove_faq(guild, id, by, at))
    }

    async fn faq_history(
        &self,
        guild: u64,
        id: &str,
        limit: usize,
    ) -> Result<Vec<Revision>, StoreError> {
        let s = self.state("read a server FAQ's history")?;
        Ok(s.history
            .iter()
            .rev()
            .filter(|(g, r)| *g == guild && r.faq.id == id)
            .take(limit)
            .map(|(_, r)| r.clone())
            .collect())
    }

    async fn set_holder(
        &self,
        guild: u64,
        holder: &ServerHolder,
        _by: u64,
        _at: i64,
    ) -> Result<bool, StoreError> {
        Ok(self
            .state("set a role holder")?
            .roster
            .insert((guild, kept_holder(holder))))
    }

    async fn remove_holder(&self, guild: u64, holder: &ServerHolder) -> Result<bool, StoreError> {
        Ok(self
            .state("remove a role holder")?
            .roster
            .remove(&(guild, kept_holder(holder))))
    }

    async fn replace_overlay(
        &self,
        guild: u64,
        overlay: &Overlay,
        by: u64,
        at: i64,
    ) -> Result<(), StoreError> {
        let mut s = self.state("replace a server's knowledge")?;
        let gone: Vec<String> = s
            .faqs
            .keys()
            .filter(|(g, id)| *g == guild && !overlay.faqs.iter().any(|f| f.id == *id))
            .map(|(_, id)| id.clone())
            .collect();
        for id in gone {
            s.remove_faq(guild, &id, by, at);
        }
        for faq in &overlay.faqs {
            let action = match s.faqs.get(&(guild, faq.id.clone())) {
                None => Action::Created,
                Some(old) if old == faq => continue,
                Some(_) => Action::Edited,
            };
            s.put_faq(guild, faq, action, by, at);
        }
        s.roster.retain(|(g, _)| *g != guild);
        for holder in &overlay.holders {
            s.roster.insert((guild, kept_holder(holder)));
        }
        Ok(())
    }

    async fn mark_departed(&self, guild: u64, at: Option<i64>) -> Result<(), StoreError> {
        let mut s = self.state("note a server the bot left")?;
        match at {
            Some(at) => Some(*s.departed.entry(guild).or_insert(at)),
            None => s.departed.remove(&guild),
        };
        Ok(())
    }

    async fn purge_departed(&self, before: i64) -> Result<u64, StoreError> {
        let mut s = self.state("forget the servers the bot left")?;
        let gone: Vec<u64> = s
            .departed
            .iter()
            .filter(|&(_, &left)| left < before)
            .map(|(&guild, _)| guild)
            .collect();
        for guild in &gone {
            s.departed.remove(guild);
            s.faqs.retain(|(g, _), _| g != guild);
            s.history.retain(|(g, _)| g != guild);
            s.roster.retain(|(g, _)| g != guild);
        }
        Ok(gone.len() as u64)
    }

    async fn taught_guilds(&self) -> Result<Vec<u64>, StoreError> {
        let s = self.state("list the servers that taught")?;
        let mut guilds: Vec<u64> = s
            .faqs
            .keys()
            .map(|(g, _)| *g)
            .chain(s.roster.iter().map(|(g, _)| *g))
            .chain(s.history.iter().map(|(g, _)| *g))
            .collect();
        guilds.sort_unstable();
        guilds.dedup();
        Ok(guilds)
    }
    async fn announce_overlay(&self, _guild: u64, _origin: &str) -> Result<(), StoreError> {
        // One process: nothing to tell, as with SQLite.
        self.state("announce a server's knowledge").map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rolecall_core::learn::Candidate;
    use rolecall_core::onboarding::Answer;

    const DAY: i64 = 86_400;
    /// Monday 2024-01-01 00:00 UTC.
    const MONDAY: i64 = 1_704_067_200;

    fn asked(outcome: Outcome, text: &str) -> Asked {
        Asked {
            outcome,
            text: text.into(),
            entry: None,
            candidates: vec![Candidate {
                entry: "po".into(),
                confidence: 0.5,
            }],
        }
    }

    #[tokio::test]
    async fn progress_keeps_the_first_answer_per_step_and_forget_counts_rows() {
        let s = MemoryStore::new();
        let answer = |step: &str, choice| Answer {
            step: step.into(),
            choice,
            at: 5,
        };
        let mut p = Progress::new(1);
        p.answers = vec![answer("a", 1), answer("a", 2), answer("b", 0)];
        s.save(1, 7, &p).await.unwrap();
        s.save(2, 7, &Progress::new(1)).await.unwrap();
        s.save(1, 8, &Progress::new(1)).await.unwrap();
        let kept = s.load(1, 7).await.unwrap().unwrap();
        let choices: Vec<(&str, u32)> = kept
            .answers
            .iter()
            .map(|a| (a.step.as_str(), a.choice))
            .collect();
        assert_eq!(choices, [("a", 1), ("b", 0)]);
        let stats = s.stats(1).await.unwrap();
        assert_eq!((stats.started, stats.finished), (2, 0));
        assert_eq!(stats.answers, [("a".into(), 1, 1), ("b".into(), 0, 1)]);
        // Two progress rows and two answers of user 7, in two servers.
        assert_eq!(s.forget(7).await.unwrap(), 4);
        assert_eq!(s.load(1, 7).await.unwrap(), None);
        assert!(s.load(1, 8).await.unwrap().is_some());
    }

    #[tokio::test]
    async fn votes_change_once_and_a_changed_vote_drops_its_comment() {
        let s = MemoryStore::new();
        let v = s.voter(7, 100);
        assert_eq!(
            s.vote(1, 100, &v, "po", Vote::Down, 10).await.unwrap(),
            VoteChange::New
        );
        assert!(s.comment(100, &v, "  wanted the PM  ").await.unwrap());
        assert!(!s.comment(101, &v, "no such vote").await.unwrap());
        let data = s.gaps(None, 0, 10).await.unwrap();
        assert_eq!(data.comments[0].text, "wanted the PM");
        assert_eq!(
            s.vote(1, 100, &v, "po", Vote::Down, 11).await.unwrap(),
            VoteChange::Same
        );
        assert_eq!(
            s.vote(1, 100, &v, "po", Vote::Up, 12).await.unwrap(),
            VoteChange::Changed
        );
        let data = s.gaps(None, 0, 10).await.unwrap();
        assert!(data.comments.is_empty());
        assert_eq!((data.votes[0].up, data.votes[0].down), (1, 0));
        assert_eq!(s.forget_votes(7).await.unwrap(), 1);
        assert!(s.gaps(None, 0, 10).await.unwrap().votes.is_empty());
    }

    #[tokio::test]
    async fn the_log_reads_newest_first_per_server_and_purges_at_the_cut_off() {
        let s = MemoryStore::new();
        for (guild, at, text) in [
            (1, MONDAY, "a"),
            (1, MONDAY + DAY, "b"),
            (2, MONDAY + DAY, "c"),
            (1, MONDAY + DAY, "d"),
        ] {
            s.log_question(guild, 9, at, &asked(Outcome::Declined, text))
                .await
                .unwrap();
            s.count_question(guild, Outcome::Declined, at)
                .await
                .unwrap();
        }
        let texts = |d: &GapsData| {
            d.questions
                .iter()
                .map(|q| q.asked.text.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            texts(&s.gaps(Some(1), 0, 10).await.unwrap()),
            ["d", "b", "a"]
        );
        assert_eq!(
            texts(&s.gaps(None, MONDAY + DAY, 2).await.unwrap()),
            ["d", "c"]
        );
        let weeks = s.gaps(None, 0, 10).await.unwrap().weeks;
        assert_eq!(weeks.len(), 1);
        assert_eq!((weeks[0].week, weeks[0].count), (MONDAY, 4));
        // Questions at the cut-off stay; the week holding it stays too.
        assert_eq!(s.purge_log(MONDAY + DAY).await.unwrap(), 1);
        assert_eq!(texts(&s.gaps(None, 0, 10).await.unwrap()), ["d", "c", "b"]);
        assert_eq!(
            s.purge_all_log().await.unwrap(),
            5,
            "three questions, two week rows"
        );
    }

    #[tokio::test]
    async fn a_server_overlay_keeps_revisions_and_is_purged_after_leaving() {
        let s = MemoryStore::new();
        let faq = |id: &str, answer: &str| ServerFaq {
            id: id.into(),
            question: format!("{id}?"),
            answer: answer.into(),
            phrasings: vec!["b".into(), "a".into()],
        };
        assert_eq!(
            s.put_faq(1, &faq("x", "1"), 7, 10).await.unwrap(),
            Action::Created
        );
        assert_eq!(
            s.put_faq(1, &faq("x", "2"), 8, 11).await.unwrap(),
            Action::Edited
        );
        assert!(!s.remove_faq(2, "x", 7, 12).await.unwrap());
        let holder = ServerHolder {
            role: "po".into(),
            team: Some(String::new()),
            user: u64::MAX,
        };
        assert!(s.set_holder(1, &holder, 7, 10).await.unwrap());
        let mut replacement = Overlay {
            faqs: vec![faq("x", "2"), faq("y", "3")],
            holders: vec![],
        };
        s.replace_overlay(1, &replacement, 9, 20).await.unwrap();
        let actions: Vec<Action> = s
            .faq_history(1, "x", 10)
            .await
            .unwrap()
            .iter()
            .map(|r| r.action)
            .collect();
        assert_eq!(actions, [Action::Edited, Action::Created]);
        replacement.sort();
        assert_eq!(s.overlay(1).await.unwrap(), replacement);
        s.mark_departed(1, Some(100)).await.unwrap();
        s.mark_departed(2, Some(100)).await.unwrap();
        s.mark_departed(2, None).await.unwrap();
        assert_eq!(s.purge_departed(100).await.unwrap(), 0);
        assert_eq!(s.purge_departed(101).await.unwrap(), 1);
        assert!(s.overlay(1).await.unwrap().is_empty());
        assert!(s.faq_history(1, "x", 10).await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_down_or_closed_store_fails_every_operation() {
        let s = MemoryStore::new();
        s.set_down(true);
        assert!(matches!(
            s.load(1, 2).await,
            Err(StoreError::Timeout { .. })
        ));
        assert!(s
            .log_question(1, 2, 3, &asked(Outcome::Declined, "x"))
            .await
            .is_err());
        s.set_down(false);
        assert!(s.load(1, 2).await.is_ok());
        s.close().await;
        assert!(matches!(s.stats(1).await, Err(StoreError::Closed { .. })));
    }
}
