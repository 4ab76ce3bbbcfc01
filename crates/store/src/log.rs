//! The question log, 👍/👎 votes and weekly question counts (migration 0003; what is stored
//! is in the module docs' Schema section). Reload notices are in `notices.rs`.
//!
//! Every operation is bounded like the rest of the store ([`Store::run`]); purging deletes in
//! batches of [`PURGE_BATCH`] rows, each its own bounded step, so a long backlog never holds
//! SQLite's one writer (or a PostgreSQL statement) for long.

use super::{connect, fit, to_db, Pools, Store, StoreError};
use rolecall_core::learn::{
    week_start, Asked, Candidate, Comment, GapsData, Logged, Outcome, Vote, VoteTotal, WeekCount,
    MAX_CANDIDATES, MAX_TEXT,
};
use sha2::{Digest, Sha256};
use sqlx::QueryBuilder;
use std::sync::Arc;

/// How a vote changed what was stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteChange {
    /// The voter's first vote on this answer.
    New,
    /// The voter turned 👍 into 👎 or back (the comment left with the old vote is dropped).
    Changed,
    /// The voter clicked what they had already voted: nothing changed.
    Same,
}

/// Rows deleted per step of [`Store::purge_log`] and [`Store::purge_all_log`].
pub const PURGE_BATCH: usize = 5_000;

/// The PostgreSQL channel reload notices travel on.
pub const RELOAD_CHANNEL: &str = "rolecall_reload";

const SALT: &str = "SELECT value FROM meta WHERE key = 'voter_salt'";
const NEW_SALT_SQLITE: &str = "INSERT INTO meta (key, value) \
VALUES ('voter_salt', lower(hex(randomblob(16)))) ON CONFLICT (key) DO NOTHING";
const NEW_SALT_POSTGRES: &str = "INSERT INTO meta (key, value) \
VALUES ('voter_salt', replace(gen_random_uuid()::text, '-', '')) ON CONFLICT (key) DO NOTHING";

const INSERT_QUESTION: &str = "\
INSERT INTO questions (guild_id, channel_id, asked_at, outcome, text, entry, candidates)
VALUES ($1, $2, $3, $4, $5, $6, $7)";

const COUNT_QUESTION: &str = "\
INSERT INTO question_weeks (guild_id, week, outcome, count) VALUES ($1, $2, $3, 1)
ON CONFLICT (guild_id, week, outcome) DO UPDATE SET count = question_weeks.count + 1";

const INSERT_VOTE: &str = "\
INSERT INTO votes (answer_id, voter, guild_id, entry, vote, comment, voted_at)
VALUES ($1, $2, $3, $4, $5, NULL, $6)
ON CONFLICT (answer_id, voter) DO NOTHING";

const CHANGE_VOTE: &str = "\
UPDATE votes SET vote = $3, guild_id = $4, entry = $5, voted_at = $6, comment = NULL
WHERE answer_id = $1 AND voter = $2 AND vote <> $3";

const VOTERS: &str = "SELECT answer_id, voter FROM votes";
const FORGET_VOTE: &str = "DELETE FROM votes WHERE answer_id = $1 AND voter = $2";

const COMMENT: &str = "UPDATE votes SET comment = $3 WHERE answer_id = $1 AND voter = $2";

const PURGE_QUESTIONS: &str = "DELETE FROM questions WHERE id IN \
(SELECT id FROM questions WHERE asked_at < $1 LIMIT $2)";
const PURGE_VOTES: &str = "DELETE FROM votes WHERE (answer_id, voter) IN \
(SELECT answer_id, voter FROM votes WHERE voted_at < $1 LIMIT $2)";
const PURGE_WEEKS: &str = "DELETE FROM question_weeks WHERE (guild_id, week, outcome) IN \
(SELECT guild_id, week, outcome FROM question_weeks WHERE week < $1 LIMIT $2)";

const PURGE_ALL_QUESTIONS: &str =
    "DELETE FROM questions WHERE id IN (SELECT id FROM questions LIMIT $1)";
const PURGE_ALL_VOTES: &str = "DELETE FROM votes WHERE (answer_id, voter) IN \
(SELECT answer_id, voter FROM votes LIMIT $1)";
const PURGE_ALL_WEEKS: &str = "DELETE FROM question_weeks WHERE (guild_id, week, outcome) IN \
(SELECT guild_id, week, outcome FROM question_weeks LIMIT $1)";

/// A Discord id read back from its stored form (the inverse of [`to_db`]).
fn from_db(id: i64) -> u64 {
    id as u64
}

/// `text` cut to [`MAX_TEXT`] characters.
fn cut(text: &str) -> String {
    text.chars().take(MAX_TEXT).collect()
}

/// A count as SQL's `LIMIT` takes it.
fn sql_limit(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The candidates as stored: JSON `[{"entry": …, "confidence": …}]`, at most
/// [`MAX_CANDIDATES`], confidences made finite and within 0..=1 (JSON has no NaN).
fn candidates_json(candidates: &[Candidate]) -> String {
    let kept: Vec<Candidate> = candidates
        .iter()
        .take(MAX_CANDIDATES)
        .map(|c| Candidate {
            entry: c.entry.clone(),
            confidence: if c.confidence.is_finite() {
                c.confidence.clamp(0.0, 1.0)
            } else {
                0.0
            },
        })
        .collect();
    serde_json::to_string(&kept).unwrap_or_else(|_| "[]".to_string())
}

/// The database's voter salt, created when missing (the migration creates it; this only
/// matters if someone deleted it).
pub(super) async fn voter_salt(
    backend: &Pools,
    shown: &str,
    raw: &str,
) -> Result<Arc<str>, StoreError> {
    let reading = async {
        match backend {
            Pools::Sqlite(pool) => {
                let found: Option<String> = sqlx::query_scalar(SALT).fetch_optional(pool).await?;
                if let Some(salt) = found {
                    return Ok(salt);
                }
                sqlx::query(NEW_SALT_SQLITE).execute(pool).await?;
                sqlx::query_scalar(SALT).fetch_one(pool).await
            }
            Pools::Postgres(pool) => {
                let found: Option<String> = sqlx::query_scalar(SALT).fetch_optional(pool).await?;
                if let Some(salt) = found {
                    return Ok(salt);
                }
                sqlx::query(NEW_SALT_POSTGRES).execute(pool).await?;
                sqlx::query_scalar(SALT).fetch_one(pool).await
            }
        }
    };
    let salt: String = connect(reading, shown, raw).await?;
    Ok(salt.into())
}

impl Store {
    /// A one-way pseudonym of `user` for `answer`: the first 32 hex digits of SHA-256 over
    /// the database's random salt, the user and the answer.
    ///
    /// Votes are keyed by it, so one user has one vote per answer, yet no user id is stored,
    /// and one user's votes on two answers don't share a key. It stays the same across
    /// restarts of the same database (the salt lives in its `meta` table).
    pub fn voter(&self, user: u64, answer: u64) -> String {
        let digest = Sha256::new()
            .chain_update(self.salt.as_bytes())
            .chain_update(format!(":{user}:{answer}"))
            .finalize();
        digest[..16].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Deletes every vote `user` cast (and the notes left with them), for `/forget-me`.
    ///
    /// No user id is stored with a vote, so they are found the only way there is: by
    /// computing `user`'s [`Store::voter`] pseudonym for each rated answer and deleting the
    /// votes that carry it. Returns how many were deleted.
    pub async fn forget_votes(&self, user: u64) -> Result<u64, StoreError> {
        let votes: Vec<(i64, String)> = on_pool!(self, "find a user's votes", |pool| async move {
            sqlx::query_as(VOTERS).fetch_all(pool).await
        })?;
        // Ids are stored bit for bit (`to_db`): `as u64` gives the answer's id back.
        let mine: Vec<(i64, String)> = votes
            .into_iter()
            .filter(|(answer, voter)| *voter == self.voter(user, *answer as u64))
            .collect();
        if mine.is_empty() {
            return Ok(0);
        }
        on_pool!(self, "delete a user's votes", |pool| async move {
            let mut tx = pool.begin().await?;
            let mut deleted = 0;
            for (answer, voter) in &mine {
                deleted += sqlx::query(FORGET_VOTE)
                    .bind(answer)
                    .bind(voter)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            }
            tx.commit().await?;
            Ok(deleted)
        })
    }

    /// Keeps a question in the log: server, channel, time, its text (cut to [`MAX_TEXT`]
    /// characters), the entry given and the candidates. Never a user.
    pub async fn log_question(
        &self,
        guild: u64,
        channel: u64,
        at: i64,
        asked: &Asked,
    ) -> Result<(), StoreError> {
        let (guild, channel) = (to_db(guild), to_db(channel));
        let text = cut(&asked.text);
        let entry = asked.entry.clone();
        let candidates = candidates_json(&asked.candidates);
        let outcome = asked.outcome.as_str();
        on_pool!(self, "log a question", |pool| async move {
            sqlx::query(INSERT_QUESTION)
                .bind(guild)
                .bind(channel)
                .bind(at)
                .bind(outcome)
                .bind(text)
                .bind(entry)
                .bind(candidates)
                .execute(pool)
                .await
                .map(|_| ())
        })
    }

    /// Adds one to the week's count of `outcome` in `guild` (the week of `at`, from
    /// [`week_start`]).
    pub async fn count_question(
        &self,
        guild: u64,
        outcome: Outcome,
        at: i64,
    ) -> Result<(), StoreError> {
        let guild = to_db(guild);
        let week = week_start(at);
        on_pool!(self, "count a question", |pool| async move {
            sqlx::query(COUNT_QUESTION)
                .bind(guild)
                .bind(week)
                .bind(outcome.as_str())
                .execute(pool)
                .await
                .map(|_| ())
        })
    }

    /// Stores or changes the vote of `voter` (from [`Store::voter`]) on `answer`: one vote
    /// per (answer, voter). A changed vote takes the new time and drops the comment left
    /// with the old one; the same vote again changes nothing.
    pub async fn vote(
        &self,
        guild: u64,
        answer: u64,
        voter: &str,
        entry: &str,
        vote: Vote,
        at: i64,
    ) -> Result<VoteChange, StoreError> {
        let (guild, answer) = (to_db(guild), to_db(answer));
        let value = vote.as_i64();
        on_pool!(self, "store a vote", |pool| async move {
            let inserted = sqlx::query(INSERT_VOTE)
                .bind(answer)
                .bind(voter)
                .bind(guild)
                .bind(entry)
                .bind(value)
                .bind(at)
                .execute(pool)
                .await?
                .rows_affected();
            if inserted > 0 {
                return Ok(VoteChange::New);
            }
            let changed = sqlx::query(CHANGE_VOTE)
                .bind(answer)
                .bind(voter)
                .bind(value)
                .bind(guild)
                .bind(entry)
                .bind(at)
                .execute(pool)
                .await?
                .rows_affected();
            Ok(if changed > 0 {
                VoteChange::Changed
            } else {
                VoteChange::Same
            })
        })
    }

    /// Sets the comment of an existing vote, trimmed and cut to [`MAX_TEXT`] characters (an
    /// empty one removes it); `false` when `voter` has no vote on `answer`.
    pub async fn comment(&self, answer: u64, voter: &str, text: &str) -> Result<bool, StoreError> {
        let answer = to_db(answer);
        let text = Some(cut(text.trim())).filter(|t| !t.is_empty());
        on_pool!(self, "store a comment", |pool| async move {
            let updated = sqlx::query(COMMENT)
                .bind(answer)
                .bind(voter)
                .bind(text)
                .execute(pool)
                .await?
                .rows_affected();
            Ok(updated > 0)
        })
    }

    /// What /gaps reads for `guild` (`None`: every server) since Unix time `since`: the
    /// `limit` newest questions asked at or after `since`, newest first; 👍/👎 totals per entry
    /// of the votes cast since then (at most `limit` entries, most 👎 first); their comments
    /// left with a 👎, newest first (at most `limit`); and the week counts of every week from
    /// `week_start(since)` on, oldest first, summed over servers when `guild` is `None`.
    ///
    /// A row this version cannot read (an unknown outcome) is left out; candidates that
    /// are not valid JSON read as none.
    pub async fn gaps(
        &self,
        guild: Option<u64>,
        since: i64,
        limit: usize,
    ) -> Result<GapsData, StoreError> {
        let guild = guild.map(to_db);
        let limit = sql_limit(limit);
        let first_week = week_start(since);
        type Rows = (
            Vec<QuestionRow>,
            Vec<(String, i64, i64)>,
            Vec<(String, String, i64)>,
            Vec<(i64, String, i64)>,
        );
        let (questions, votes, comments, weeks): Rows =
            on_pool!(self, "read the question log", |pool| async move {
                let mut q = QueryBuilder::new(
                    "SELECT guild_id, channel_id, asked_at, outcome, text, entry, candidates \
                     FROM questions WHERE asked_at >= ",
                );
                q.push_bind(since);
                if let Some(guild) = guild {
                    q.push(" AND guild_id = ").push_bind(guild);
                }
                q.push(" ORDER BY asked_at DESC, id DESC LIMIT ")
                    .push_bind(limit);
                let questions = q.build_query_as().fetch_all(pool).await?;

                let mut q = QueryBuilder::new(
                    "SELECT entry, \
                     CAST(SUM(CASE WHEN vote > 0 THEN 1 ELSE 0 END) AS BIGINT), \
                     CAST(SUM(CASE WHEN vote < 0 THEN 1 ELSE 0 END) AS BIGINT) \
                     FROM votes WHERE voted_at >= ",
                );
                q.push_bind(since);
                if let Some(guild) = guild {
                    q.push(" AND guild_id = ").push_bind(guild);
                }
                q.push(" GROUP BY entry ORDER BY 3 DESC, 2, entry LIMIT ")
                    .push_bind(limit);
                let votes = q.build_query_as().fetch_all(pool).await?;

                let mut q = QueryBuilder::new(
                    "SELECT entry, comment, voted_at FROM votes \
                     WHERE vote < 0 AND comment IS NOT NULL AND voted_at >= ",
                );
                q.push_bind(since);
                if let Some(guild) = guild {
                    q.push(" AND guild_id = ").push_bind(guild);
                }
                q.push(" ORDER BY voted_at DESC, entry LIMIT ")
                    .push_bind(limit);
                let comments = q.build_query_as().fetch_all(pool).await?;

                let mut q = QueryBuilder::new(
                    "SELECT week, outcome, CAST(SUM(count) AS BIGINT) FROM question_weeks \
                     WHERE week >= ",
                );
                q.push_bind(first_week);
                if let Some(guild) = guild {
                    q.push(" AND guild_id = ").push_bind(guild);
                }
                q.push(" GROUP BY week, outcome ORDER BY week, outcome");
                let weeks = q.build_query_as().fetch_all(pool).await?;
                Ok((questions, votes, comments, weeks))
            })?;
        self.decode(
            "read the question log",
            gaps_from_rows(questions, votes, comments, weeks),
        )
    }

    /// Deletes what is older than Unix time `before`: questions asked before it, votes (with
    /// their comments) last cast before it, and the week counts of weeks that began before
    /// `week_start(before)` (weeks wholly before the cut-off; the week holding `before` stays).
    /// Rows exactly at `before` stay. Returns the rows deleted; it deletes in batches of
    /// [`PURGE_BATCH`], so after a failure the batches already deleted stay deleted.
    pub async fn purge_log(&self, before: i64) -> Result<u64, StoreError> {
        let mut deleted = 0;
        for (sql, cut_off) in [
            (PURGE_QUESTIONS, before),
            (PURGE_VOTES, before),
            (PURGE_WEEKS, week_start(before)),
        ] {
            deleted += self.delete_in_batches(sql, Some(cut_off)).await?;
        }
        Ok(deleted)
    }

    /// Deletes the whole question log, every vote and every week count; returns the rows
    /// deleted (in batches, like [`Store::purge_log`]).
    pub async fn purge_all_log(&self) -> Result<u64, StoreError> {
        let mut deleted = 0;
        for sql in [PURGE_ALL_QUESTIONS, PURGE_ALL_VOTES, PURGE_ALL_WEEKS] {
            deleted += self.delete_in_batches(sql, None).await?;
        }
        Ok(deleted)
    }

    /// Runs a batch delete (`$1` the cut-off when given, then the batch size) until a batch
    /// deletes less than a full batch; returns the rows deleted.
    async fn delete_in_batches(
        &self,
        sql: &'static str,
        cut_off: Option<i64>,
    ) -> Result<u64, StoreError> {
        let batch = sql_limit(PURGE_BATCH);
        let mut total = 0;
        loop {
            let deleted = on_pool!(self, "purge the question log", |pool| async move {
                let mut query = sqlx::query(sql);
                if let Some(cut_off) = cut_off {
                    query = query.bind(cut_off);
                }
                query
                    .bind(batch)
                    .execute(pool)
                    .await
                    .map(|done| done.rows_affected())
            })?;
            total += deleted;
            if deleted < PURGE_BATCH as u64 {
                return Ok(total);
            }
        }
    }
}

/// A row of `questions` as [`Store::gaps`] reads it: guild, channel, time, outcome, text,
/// entry, candidates.
type QuestionRow = (i64, i64, i64, String, String, Option<String>, String);

/// Turns the rows [`Store::gaps`] read into [`GapsData`].
fn gaps_from_rows(
    questions: Vec<QuestionRow>,
    votes: Vec<(String, i64, i64)>,
    comments: Vec<(String, String, i64)>,
    weeks: Vec<(i64, String, i64)>,
) -> Result<GapsData, sqlx::Error> {
    let questions = questions
        .into_iter()
        .filter_map(|(guild, channel, at, outcome, text, entry, candidates)| {
            Some(Logged {
                guild: from_db(guild),
                channel: from_db(channel),
                at,
                asked: Asked {
                    outcome: Outcome::parse(&outcome)?,
                    text,
                    entry,
                    candidates: serde_json::from_str(&candidates).unwrap_or_default(),
                },
            })
        })
        .collect();
    let votes = votes
        .into_iter()
        .map(|(entry, up, down)| {
            Ok(VoteTotal {
                entry,
                up: fit(up, "up votes")?,
                down: fit(down, "down votes")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    let comments = comments
        .into_iter()
        .map(|(entry, text, at)| Comment { entry, text, at })
        .collect();
    let weeks = weeks
        .into_iter()
        .filter_map(|(week, outcome, count)| {
            let outcome = Outcome::parse(&outcome)?;
            Some(fit(count, "week count").map(|count| WeekCount {
                week,
                outcome,
                count,
            }))
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(GapsData {
        questions,
        votes,
        comments,
        weeks,
    })
}
