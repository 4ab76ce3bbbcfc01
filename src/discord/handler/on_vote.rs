//! 👍/👎 on answers, the "What were you looking for?" modal, and the question log.

use super::*;

impl Handler {
    /// Counts a question asked in `guild` and `channel` (answer id `answer`) for the weekly
    /// chart, then logs it when it went unanswered, or remembers it for a day when it was
    /// answered (a 👎 then logs it). With the question log off only the count is kept.
    pub(super) async fn learn(&self, guild: u64, channel: u64, answer: u64, asked: Asked) {
        if asked.text.is_empty() {
            return;
        }
        let now = unix_now();
        self.stored(
            "count a question",
            self.store.count_question(guild, asked.outcome, now),
        )
        .await;
        if !self.settings.question_log {
            return;
        }
        if asked.outcome == Outcome::Answered {
            let remembered = Remembered {
                guild,
                channel,
                at: now,
                asked,
            };
            self.recent().remember(answer, remembered);
        } else if self
            .stored(
                "log a question",
                self.store.log_question(guild, channel, now, &asked),
            )
            .await
            .is_some()
        {
            debug!(outcome = asked.outcome.as_str(), "question logged");
        }
    }

    pub(super) fn recent(&self) -> std::sync::MutexGuard<'_, Recent> {
        // A plain map of recent questions: keep using it after a panic elsewhere.
        self.recent.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A 👍 or 👎: stores the vote (one per user per answer), logs the question behind a
    /// 👎, and answers with the "What were you looking for?" modal (👎) or a private thanks.
    pub(super) async fn on_vote(
        &self,
        ctx: &Context,
        click: &ComponentInteraction,
        guild: u64,
        vote: VoteId,
    ) {
        let now = unix_now();
        let voter = self.store.voter(click.user.id.get(), vote.answer);
        let v = if vote.up { Vote::Up } else { Vote::Down };
        let stored = self
            .stored(
                "store a vote",
                self.store
                    .vote(guild, vote.answer, &voter, &vote.entry, v, now),
            )
            .await;
        let voted = match stored {
            Some(VoteChange::New) => Voted::New,
            Some(VoteChange::Changed) => Voted::Changed,
            Some(VoteChange::Same) => Voted::Same,
            None => Voted::NotSaved,
        };
        Span::current().record("entry", vote.entry.as_str());
        info!(up = vote.up, voted = ?voted, "answer rated");
        let down = !vote.up && voted != Voted::NotSaved && self.settings.question_log;
        let modal = down.then(|| feedback::why_modal(&vote)).flatten();
        // Answer first (Discord waits 3 seconds), then log the question behind a 👎.
        match modal {
            Some(modal) => {
                if self
                    .callback(ctx, click.id, &click.token, click.channel_id, modal)
                    .await
                {
                    info!("asked what was missing");
                }
            }
            None => {
                let thanks = feedback::thanks(vote.up, voted);
                self.respond(ctx, click.id, &click.token, click.channel_id, thanks)
                    .await;
            }
        }
        let behind = down.then(|| self.recent().take(vote.answer, now)).flatten();
        if let Some(q) = behind {
            self.stored(
                "log a rated-down question",
                self.store.log_question(q.guild, q.channel, q.at, &q.asked),
            )
            .await;
        }
    }

    /// The 👎 modal, submitted: stores what was typed with the vote.
    pub(super) async fn on_modal(&self, ctx: &Context, modal: ModalInteraction) {
        if let Some(taught) = crate::discord::commands::teach::Submitted::from_modal(&modal.data) {
            return self.on_teach_modal(ctx, &modal, taught).await;
        }
        let response = match Why::from_modal(&modal.data) {
            None => Response::notice(buttons::STALE),
            Some(why) if why.text.is_empty() || !self.settings.question_log => {
                feedback::comment_noted(None)
            }
            Some(why) => {
                let voter = self.store.voter(modal.user.id.get(), why.answer);
                let saved = self
                    .stored(
                        "store a comment",
                        self.store.comment(why.answer, &voter, &why.text),
                    )
                    .await;
                info!(saved = ?saved, "comment on a 👎");
                feedback::comment_noted(Some(saved == Some(true)))
            }
        };
        self.respond(ctx, modal.id, &modal.token, modal.channel_id, response)
            .await;
    }
}
