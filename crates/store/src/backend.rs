//! What the bot keeps, whichever store keeps it: the one interface the bot's features use,
//! so they can be tested against [`crate::MemoryStore`] and run on [`crate::Store`].

use crate::{Store, StoreError, VoteChange};
use rolecall_core::learn::{Asked, GapsData, Outcome, Vote};
use rolecall_core::onboarding::{Progress, Stats};
use rolecall_core::overlay::{Overlay, Revision, ServerFaq, ServerHolder};
use std::fmt;
use tokio::sync::mpsc;

/// Tour progress, the question log, votes and reload notices. Every operation fails fast
/// with a [`StoreError`] rather than hang or panic; see [`Store`] for what each keeps.
#[async_trait::async_trait]
pub trait Backend: Send + Sync + fmt::Debug {
    /// Where it keeps things, password hidden.
    fn url(&self) -> &str;
    /// `"sqlite"`, `"postgres"` or `"memory"`.
    fn backend(&self) -> &'static str;
    /// A user's progress in a server, or `None` if they never started the tour there.
    async fn load(&self, guild: u64, user: u64) -> Result<Option<Progress>, StoreError>;
    /// Stores a user's whole progress in a server (the first answer per step is kept).
    async fn save(&self, guild: u64, user: u64, progress: &Progress) -> Result<(), StoreError>;
    /// Deletes a user's progress in every server; returns the rows deleted.
    async fn forget(&self, user: u64) -> Result<u64, StoreError>;
    /// How a server's members did on the tour.
    async fn stats(&self, guild: u64) -> Result<Stats, StoreError>;
    /// The pseudonym votes of `user` on `answer` are kept under.
    fn voter(&self, user: u64, answer: u64) -> String;
    /// Deletes every vote `user` cast; returns how many.
    async fn forget_votes(&self, user: u64) -> Result<u64, StoreError>;
    /// Keeps a question in the log (never who asked).
    async fn log_question(
        &self,
        guild: u64,
        channel: u64,
        at: i64,
        asked: &Asked,
    ) -> Result<(), StoreError>;
    /// Counts a question in its week.
    async fn count_question(&self, guild: u64, outcome: Outcome, at: i64)
        -> Result<(), StoreError>;
    /// Stores or changes a vote: one per (answer, voter).
    async fn vote(
        &self,
        guild: u64,
        answer: u64,
        voter: &str,
        entry: &str,
        vote: Vote,
        at: i64,
    ) -> Result<VoteChange, StoreError>;
    /// Sets the comment of an existing vote; `false` when there is no such vote.
    async fn comment(&self, answer: u64, voter: &str, text: &str) -> Result<bool, StoreError>;
    /// What /gaps reads for `guild` (`None`: every server) since `since`.
    async fn gaps(
        &self,
        guild: Option<u64>,
        since: i64,
        limit: usize,
    ) -> Result<GapsData, StoreError>;
    /// Deletes the log older than `before`; returns the rows deleted.
    async fn purge_log(&self, before: i64) -> Result<u64, StoreError>;
    /// Deletes the whole log; returns the rows deleted.
    async fn purge_all_log(&self) -> Result<u64, StoreError>;
    /// Tells every process of the bot to reload its knowledge (PostgreSQL only).
    async fn announce_reload(&self, origin: &str) -> Result<(), StoreError>;
    /// The reload notices of every process (PostgreSQL only).
    fn reload_notices(&self) -> Option<mpsc::Receiver<String>>;
    /// Closes the store; later operations fail.
    async fn close(&self);
    /// What `guild` taught: its FAQs (by id) and roster (by role, team, user).
    async fn overlay(&self, guild: u64) -> Result<Overlay, StoreError>;
    /// Saves a server FAQ (new or changed, by id) and keeps the revision; `Created` or
    /// `Edited`.
    async fn put_faq(
        &self,
        guild: u64,
        faq: &ServerFaq,
        by: u64,
        at: i64,
    ) -> Result<rolecall_core::overlay::Action, StoreError>;
    /// Removes a server FAQ, keeping its last text as a `Removed` revision; `false` when
    /// there was none.
    async fn remove_faq(&self, guild: u64, id: &str, by: u64, at: i64) -> Result<bool, StoreError>;
    /// The last `limit` revisions of a server FAQ, newest first.
    async fn faq_history(
        &self,
        guild: u64,
        id: &str,
        limit: usize,
    ) -> Result<Vec<Revision>, StoreError>;
    /// Adds a holder to a server's roster; `false` when it was there already.
    async fn set_holder(
        &self,
        guild: u64,
        holder: &ServerHolder,
        by: u64,
        at: i64,
    ) -> Result<bool, StoreError>;
    /// Removes a holder from a server's roster; `false` when it wasn't there.
    async fn remove_holder(&self, guild: u64, holder: &ServerHolder) -> Result<bool, StoreError>;
    /// Replaces everything `guild` taught with `overlay` in one transaction, keeping a
    /// revision of each FAQ created, changed or removed.
    async fn replace_overlay(
        &self,
        guild: u64,
        overlay: &Overlay,
        by: u64,
        at: i64,
    ) -> Result<(), StoreError>;
    /// Notes that the bot left `guild` at `at` (its overlay is deleted by
    /// [`Backend::purge_departed`] once old enough; a note already there keeps its earlier
    /// time); `None` clears the note (it is back).
    async fn mark_departed(&self, guild: u64, at: Option<i64>) -> Result<(), StoreError>;
    /// The servers that taught anything (FAQs or roster).
    async fn taught_guilds(&self) -> Result<Vec<u64>, StoreError>;
    /// Deletes what every server left before `before` taught (FAQs, history, roster);
    /// returns the servers forgotten.
    async fn purge_departed(&self, before: i64) -> Result<u64, StoreError>;
    /// Tells every process of the bot that `guild` taught something (PostgreSQL only).
    async fn announce_overlay(&self, guild: u64, origin: &str) -> Result<(), StoreError>;
}

#[async_trait::async_trait]
impl Backend for Store {
    fn url(&self) -> &str {
        Store::url(self)
    }
    fn backend(&self) -> &'static str {
        Store::backend(self)
    }
    async fn load(&self, guild: u64, user: u64) -> Result<Option<Progress>, StoreError> {
        Store::load(self, guild, user).await
    }
    async fn save(&self, guild: u64, user: u64, progress: &Progress) -> Result<(), StoreError> {
        Store::save(self, guild, user, progress).await
    }
    async fn forget(&self, user: u64) -> Result<u64, StoreError> {
        Store::forget(self, user).await
    }
    async fn stats(&self, guild: u64) -> Result<Stats, StoreError> {
        Store::stats(self, guild).await
    }
    fn voter(&self, user: u64, answer: u64) -> String {
        Store::voter(self, user, answer)
    }
    async fn forget_votes(&self, user: u64) -> Result<u64, StoreError> {
        Store::forget_votes(self, user).await
    }
    async fn log_question(
        &self,
        guild: u64,
        channel: u64,
        at: i64,
        asked: &Asked,
    ) -> Result<(), StoreError> {
        Store::log_question(self, guild, channel, at, asked).await
    }
    async fn count_question(
        &self,
        guild: u64,
        outcome: Outcome,
        at: i64,
    ) -> Result<(), StoreError> {
        Store::count_question(self, guild, outcome, at).await
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
        Store::vote(self, guild, answer, voter, entry, vote, at).await
    }
    async fn comment(&self, answer: u64, voter: &str, text: &str) -> Result<bool, StoreError> {
        Store::comment(self, answer, voter, text).await
    }
    async fn gaps(
        &self,
        guild: Option<u64>,
        since: i64,
        limit: usize,
    ) -> Result<GapsData, StoreError> {
        Store::gaps(self, guild, since, limit).await
    }
    async fn purge_log(&self, before: i64) -> Result<u64, StoreError> {
        Store::purge_log(self, before).await
    }
    async fn purge_all_log(&self) -> Result<u64, StoreError> {
        Store::purge_all_log(self).await
    }
    async fn announce_reload(&self, origin: &str) -> Result<(), StoreError> {
        Store::announce_reload(self, origin).await
    }
    fn reload_notices(&self) -> Option<mpsc::Receiver<String>> {
        Store::reload_notices(self)
    }
    async fn close(&self) {
        Store::close(self).await
    }
    async fn overlay(&self, guild: u64) -> Result<Overlay, StoreError> {
        Store::overlay(self, guild).await
    }
    async fn put_faq(
        &self,
        guild: u64,
        faq: &ServerFaq,
        by: u64,
        at: i64,
    ) -> Result<rolecall_core::overlay::Action, StoreError> {
        Store::put_faq(self, guild, faq, by, at).await
    }
    async fn remove_faq(&self, guild: u64, id: &str, by: u64, at: i64) -> Result<bool, StoreError> {
        Store::remove_faq(self, guild, id, by, at).await
    }
    async fn faq_history(
        &self,
        guild: u64,
        id: &str,
        limit: usize,
    ) -> Result<Vec<Revision>, StoreError> {
        Store::faq_history(self, guild, id, limit).await
    }
    async fn set_holder(
        &self,
        guild: u64,
        holder: &ServerHolder,
        by: u64,
        at: i64,
    ) -> Result<bool, StoreError> {
        Store::set_holder(self, guild, holder, by, at).await
    }
    async fn remove_holder(&self, guild: u64, holder: &ServerHolder) -> Result<bool, StoreError> {
        Store::remove_holder(self, guild, holder).await
    }
    async fn replace_overlay(
        &self,
        guild: u64,
        overlay: &Overlay,
        by: u64,
        at: i64,
    ) -> Result<(), StoreError> {
        Store::replace_overlay(self, guild, overlay, by, at).await
    }
    async fn mark_departed(&self, guild: u64, at: Option<i64>) -> Result<(), StoreError> {
        Store::mark_departed(self, guild, at).await
    }
    async fn purge_departed(&self, before: i64) -> Result<u64, StoreError> {
        Store::purge_departed(self, before).await
    }
    async fn taught_guilds(&self) -> Result<Vec<u64>, StoreError> {
        Store::taught_guilds(self).await
    }
    async fn announce_overlay(&self, guild: u64, origin: &str) -> Result<(), StoreError> {
        Store::announce_overlay(self, guild, origin).await
    }
}
