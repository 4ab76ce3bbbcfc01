//! What a server taught rolecall from Discord: its own FAQs with their revisions, its roster,
//! and the note that the bot left it (migration 0004; what is stored is in the module docs'
//! Schema section). The notice telling other processes about a change is in `notices.rs`.
//!
//! Every operation is bounded like the rest of the store ([`Store::run`]); each change is one
//! transaction, so a FAQ and its revision are saved together or not at all.

use super::{to_db, Pools, Store, StoreError};
use rolecall_core::overlay::{Action, Overlay, Revision, ServerFaq, ServerHolder};

const FAQS: &str = "\
SELECT id, question, answer, phrasings FROM server_faqs WHERE guild_id = $1 ORDER BY id";

const FAQ: &str = "\
SELECT question, answer, phrasings FROM server_faqs WHERE guild_id = $1 AND id = $2";

const ROSTER: &str = "\
SELECT role, team, user_id FROM server_roster WHERE guild_id = $1
ORDER BY role, team, user_id";

const UPSERT_FAQ: &str = "\
INSERT INTO server_faqs (guild_id, id, question, answer, phrasings, updated_by, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (guild_id, id) DO UPDATE
SET question = excluded.question, answer = excluded.answer, phrasings = excluded.phrasings,
    updated_by = excluded.updated_by, updated_at = excluded.updated_at";

const DELETE_FAQ: &str = "DELETE FROM server_faqs WHERE guild_id = $1 AND id = $2";

const INSERT_REVISION: &str = "\
INSERT INTO server_faq_history
    (guild_id, faq_id, action, by_user, at, question, answer, phrasings)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

const HISTORY: &str = "\
SELECT action, by_user, at, question, answer, phrasings FROM server_faq_history
WHERE guild_id = $1 AND faq_id = $2
ORDER BY seq DESC LIMIT $3";

const INSERT_HOLDER: &str = "\
INSERT INTO server_roster (guild_id, role, team, user_id, set_by, set_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (guild_id, role, team, user_id) DO NOTHING";

const DELETE_HOLDER: &str = "\
DELETE FROM server_roster WHERE guild_id = $1 AND role = $2 AND team = $3 AND user_id = $4";

const CLEAR_ROSTER: &str = "DELETE FROM server_roster WHERE guild_id = $1";

const MARK_DEPARTED: &str = "\
INSERT INTO departed_guilds (guild_id, left_at) VALUES ($1, $2)
ON CONFLICT (guild_id) DO NOTHING";

const TAUGHT_GUILDS: &str = "\
SELECT guild_id FROM server_faqs UNION SELECT guild_id FROM server_roster
UNION SELECT guild_id FROM server_faq_history ORDER BY guild_id";

const CLEAR_DEPARTED: &str = "DELETE FROM departed_guilds WHERE guild_id = $1";

const DEPARTED_BEFORE: &str = "SELECT guild_id FROM departed_guilds WHERE left_at < $1";

/// Deletes the note of a server left before `$2` (none if it came back meanwhile).
const FORGET_DEPARTED: &str = "DELETE FROM departed_guilds WHERE guild_id = $1 AND left_at < $2";

/// What [`Store::purge_departed`] deletes of a server, once its note is gone.
const PURGE_GUILD: [&str; 3] = [
    "DELETE FROM server_faqs WHERE guild_id = $1",
    "DELETE FROM server_faq_history WHERE guild_id = $1",
    "DELETE FROM server_roster WHERE guild_id = $1",
];

/// A row of [`FAQS`]: id, question, answer, phrasings (JSON).
type FaqRow = (String, String, String, String);
/// A row of [`FAQ`]: question, answer, phrasings (JSON).
type FaqText = (String, String, String);
/// A row of [`ROSTER`]: role, team (`''` for none), user.
type HolderRow = (String, String, i64);
/// A row of [`HISTORY`]: action, by, at, question, answer, phrasings (JSON).
type RevisionRow = (String, i64, i64, String, String, String);

/// The phrasings as stored: a JSON array of strings, in order.
fn phrasings_json(phrasings: &[String]) -> String {
    serde_json::to_string(phrasings).unwrap_or_else(|_| "[]".to_string())
}

/// The phrasings read back from [`phrasings_json`]; text that is not such an array reads as
/// none, so one damaged row never keeps a server's knowledge from loading.
fn phrasings_from_json(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// The team as stored: `''` for everyone in the server.
fn team_to_db(team: Option<&str>) -> &str {
    team.unwrap_or("")
}

/// The team read back from [`team_to_db`].
fn team_from_db(team: String) -> Option<String> {
    Some(team).filter(|t| !t.is_empty())
}

/// A count as SQL's `LIMIT` takes it.
fn sql_limit(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Whether the stored text of a FAQ says what `faq` says.
fn same_text(question: &str, answer: &str, phrasings: &str, faq: &ServerFaq) -> bool {
    question == faq.question
        && answer == faq.answer
        && phrasings_from_json(phrasings) == faq.phrasings
}

/// Keeps a revision of FAQ `$id` of `$guild` (`$action` by `$by` at `$at`, with the text
/// `[$question, $answer, $phrasings]`) inside transaction `$tx`, on either backend.
macro_rules! revise {
    ($tx:ident, $guild:expr, $id:expr, $action:expr, $by:expr, $at:expr, [$question:expr, $answer:expr, $phrasings:expr]) => {
        sqlx::query(INSERT_REVISION)
            .bind($guild)
            .bind($id)
            .bind($action)
            .bind($by)
            .bind($at)
            .bind($question)
            .bind($answer)
            .bind($phrasings)
            .execute(&mut *$tx)
            .await?
    };
}

/// Saves `$faq` of `$guild` (phrasings as JSON `$phrasings`) by `$by` at `$at` and keeps
/// it as an `$action` revision, inside transaction `$tx`, on either backend.
macro_rules! upsert {
    ($tx:ident, $guild:expr, $faq:expr, $phrasings:expr, $action:expr, $by:expr, $at:expr) => {
        sqlx::query(UPSERT_FAQ)
            .bind($guild)
            .bind($faq.id.as_str())
            .bind($faq.question.as_str())
            .bind($faq.answer.as_str())
            .bind($phrasings.as_str())
            .bind($by)
            .bind($at)
            .execute(&mut *$tx)
            .await?;
        revise!(
            $tx,
            $guild,
            $faq.id.as_str(),
            $action.as_str(),
            $by,
            $at,
            [
                $faq.question.as_str(),
                $faq.answer.as_str(),
                $phrasings.as_str()
            ]
        );
    };
}

impl Store {
    /// What `guild` taught: its FAQs and roster, in [`Overlay::sort`]'s order.
    pub async fn overlay(&self, guild: u64) -> Result<Overlay, StoreError> {
        let guild = to_db(guild);
        let (faqs, roster): (Vec<FaqRow>, Vec<HolderRow>) =
            on_pool!(self, "read a server's knowledge", |pool| async move {
                let faqs = sqlx::query_as(FAQS).bind(guild).fetch_all(pool).await?;
                let roster = sqlx::query_as(ROSTER).bind(guild).fetch_all(pool).await?;
                Ok((faqs, roster))
            })?;
        let mut overlay = Overlay {
            faqs: faqs
                .into_iter()
                .map(|(id, question, answer, phrasings)| ServerFaq {
                    id,
                    question,
                    answer,
                    phrasings: phrasings_from_json(&phrasings),
                })
                .collect(),
            holders: roster
                .into_iter()
                // Ids are stored bit for bit (`to_db`): `as u64` gives the user's id back.
                .map(|(role, team, user)| ServerHolder {
                    role,
                    team: team_from_db(team),
                    user: user as u64,
                })
                .collect(),
        };
        overlay.sort();
        Ok(overlay)
    }

    /// Saves `faq` in `guild` (new, or in place of the FAQ with its id) and keeps the new text
    /// as a revision by `by` at `at`, in one transaction; `Created` when there was no FAQ with
    /// its id, `Edited` when there was.
    pub async fn put_faq(
        &self,
        guild: u64,
        faq: &ServerFaq,
        by: u64,
        at: i64,
    ) -> Result<Action, StoreError> {
        let (guild, by) = (to_db(guild), to_db(by));
        let phrasings = phrasings_json(&faq.phrasings);
        on_pool!(self, "save a server FAQ", |pool| async move {
            let mut tx = pool.begin().await?;
            let old: Option<FaqText> = sqlx::query_as(FAQ)
                .bind(guild)
                .bind(faq.id.as_str())
                .fetch_optional(&mut *tx)
                .await?;
            let action = if old.is_some() {
                Action::Edited
            } else {
                Action::Created
            };
            upsert!(tx, guild, faq, phrasings, action, by, at);
            tx.commit().await?;
            Ok(action)
        })
    }

    /// Removes the FAQ `id` of `guild`, keeping the text it had as a `Removed` revision by
    /// `by` at `at`, in one transaction; `false` when there was no such FAQ.
    pub async fn remove_faq(
        &self,
        guild: u64,
        id: &str,
        by: u64,
        at: i64,
    ) -> Result<bool, StoreError> {
        let (guild, by) = (to_db(guild), to_db(by));
        on_pool!(self, "remove a server FAQ", |pool| async move {
            let mut tx = pool.begin().await?;
            let old: Option<FaqText> = sqlx::query_as(FAQ)
                .bind(guild)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            let Some((question, answer, phrasings)) = old else {
                return Ok(false);
            };
            sqlx::query(DELETE_FAQ)
                .bind(guild)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            revise!(
                tx,
                guild,
                id,
                Action::Removed.as_str(),
                by,
                at,
                [question, answer, phrasings]
            );
            tx.commit().await?;
            Ok(true)
        })
    }

    /// The last `limit` revisions of the FAQ `id` of `guild`, newest first (a revision this
    /// version cannot read, with an unknown action, is left out).
    pub async fn faq_history(
        &self,
        guild: u64,
        id: &str,
        limit: usize,
    ) -> Result<Vec<Revision>, StoreError> {
        let guild = to_db(guild);
        let limit = sql_limit(limit);
        let rows: Vec<RevisionRow> =
            on_pool!(self, "read a server FAQ's history", |pool| async move {
                sqlx::query_as(HISTORY)
                    .bind(guild)
                    .bind(id)
                    .bind(limit)
                    .fetch_all(pool)
                    .await
            })?;
        Ok(rows
            .into_iter()
            .filter_map(|(action, by, at, question, answer, phrasings)| {
                Some(Revision {
                    action: Action::parse(&action)?,
                    // Ids are stored bit for bit (`to_db`): `as u64` gives the user's id back.
                    by: by as u64,
                    at,
                    faq: ServerFaq {
                        id: id.to_string(),
                        question,
                        answer,
                        phrasings: phrasings_from_json(&phrasings),
                    },
                })
            })
            .collect())
    }

    /// Adds `holder` to the roster of `guild`, set by `by` at `at`; `false` when it was there
    /// already (it is left as it was).
    pub async fn set_holder(
        &self,
        guild: u64,
        holder: &ServerHolder,
        by: u64,
        at: i64,
    ) -> Result<bool, StoreError> {
        let (guild, user, by) = (to_db(guild), to_db(holder.user), to_db(by));
        let team = team_to_db(holder.team.as_deref());
        on_pool!(self, "set a role holder", |pool| async move {
            let inserted = sqlx::query(INSERT_HOLDER)
                .bind(guild)
                .bind(holder.role.as_str())
                .bind(team)
                .bind(user)
                .bind(by)
                .bind(at)
                .execute(pool)
                .await?
                .rows_affected();
            Ok(inserted > 0)
        })
    }

    /// Removes `holder` from the roster of `guild`; `false` when it wasn't there.
    pub async fn remove_holder(
        &self,
        guild: u64,
        holder: &ServerHolder,
    ) -> Result<bool, StoreError> {
        let (guild, user) = (to_db(guild), to_db(holder.user));
        let team = team_to_db(holder.team.as_deref());
        on_pool!(self, "remove a role holder", |pool| async move {
            let deleted = sqlx::query(DELETE_HOLDER)
                .bind(guild)
                .bind(holder.role.as_str())
                .bind(team)
                .bind(user)
                .execute(pool)
                .await?
                .rows_affected();
            Ok(deleted > 0)
        })
    }

    /// Replaces everything `guild` taught with `overlay`, in one transaction: a FAQ that is
    /// not in `overlay` is removed (a `Removed` revision keeps its text), a new one is
    /// created, a changed one (question, answer or phrasings) is edited, each with its
    /// revision by `by` at `at`; an unchanged one is left as it was, with no new revision.
    /// The roster becomes `overlay`'s, set by `by` at `at`.
    pub async fn replace_overlay(
        &self,
        guild: u64,
        overlay: &Overlay,
        by: u64,
        at: i64,
    ) -> Result<(), StoreError> {
        let (guild, by) = (to_db(guild), to_db(by));
        on_pool!(self, "replace a server's knowledge", |pool| async move {
            let mut tx = pool.begin().await?;
            let old: Vec<FaqRow> = sqlx::query_as(FAQS).bind(guild).fetch_all(&mut *tx).await?;
            for (id, question, answer, phrasings) in &old {
                if overlay.faqs.iter().any(|f| f.id == *id) {
                    continue;
                }
                sqlx::query(DELETE_FAQ)
                    .bind(guild)
                    .bind(id.as_str())
                    .execute(&mut *tx)
                    .await?;
                revise!(
                    tx,
                    guild,
                    id.as_str(),
                    Action::Removed.as_str(),
                    by,
                    at,
                    [question.as_str(), answer.as_str(), phrasings.as_str()]
                );
            }
            for faq in &overlay.faqs {
                let action = match old.iter().find(|row| row.0 == faq.id) {
                    None => Action::Created,
                    Some((_, question, answer, phrasings))
                        if same_text(question, answer, phrasings, faq) =>
                    {
                        continue
                    }
                    Some(_) => Action::Edited,
                };
                let phrasings = phrasings_json(&faq.phrasings);
                upsert!(tx, guild, faq, phrasings, action, by, at);
            }
            sqlx::query(CLEAR_ROSTER)
                .bind(guild)
                .execute(&mut *tx)
                .await?;
            for holder in &overlay.holders {
                sqlx::query(INSERT_HOLDER)
                    .bind(guild)
                    .bind(holder.role.as_str())
                    .bind(team_to_db(holder.team.as_deref()))
                    .bind(to_db(holder.user))
                    .bind(by)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await
        })
    }

    /// Notes that the bot left `guild` at `at` (what it taught is deleted by
    /// [`Store::purge_departed`] once old enough); `None` clears the note, as when the bot is
    /// back in the server.
    pub async fn mark_departed(&self, guild: u64, at: Option<i64>) -> Result<(), StoreError> {
        let guild = to_db(guild);
        on_pool!(self, "note a server the bot left", |pool| async move {
            let query = match at {
                Some(at) => sqlx::query(MARK_DEPARTED).bind(guild).bind(at),
                None => sqlx::query(CLEAR_DEPARTED).bind(guild),
            };
            query.execute(pool).await.map(|_| ())
        })
    }

    /// The servers that taught anything (FAQs, their history or roster), by id.
    pub async fn taught_guilds(&self) -> Result<Vec<u64>, StoreError> {
        let ids: Vec<i64> = on_pool!(self, "list the servers that taught", |pool| async move {
            sqlx::query_scalar(TAUGHT_GUILDS).fetch_all(pool).await
        })?;
        Ok(ids.into_iter().map(|g| g as u64).collect())
    }

    /// Deletes what every server the bot left before `before` taught (its FAQs, their
    /// history and its roster) and the note that it left; returns the servers forgotten.
    /// Each server is its own transaction, so after a failure the servers already forgotten
    /// stay forgotten.
    pub async fn purge_departed(&self, before: i64) -> Result<u64, StoreError> {
        const ACTION: &str = "forget the servers the bot left";
        let guilds: Vec<i64> = on_pool!(self, ACTION, |pool| async move {
            sqlx::query_scalar(DEPARTED_BEFORE)
                .bind(before)
                .fetch_all(pool)
                .await
        })?;
        let mut purged = 0;
        for guild in guilds {
            let forgotten = on_pool!(self, ACTION, |pool| async move {
                let mut tx = pool.begin().await?;
                // The note goes first, and only if it is still old enough: a server the bot
                // came back to meanwhile keeps what it taught.
                let noted = sqlx::query(FORGET_DEPARTED)
                    .bind(guild)
                    .bind(before)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if noted == 0 {
                    return Ok(false);
                }
                for sql in PURGE_GUILD {
                    sqlx::query(sql).bind(guild).execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(true)
            })?;
            purged += u64::from(forgotten);
        }
        Ok(purged)
    }
}
