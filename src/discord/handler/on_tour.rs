//! The onboarding tour: `/onboard`, `/onboarding`, `/forget-me` and the tour's buttons.

use super::*;

impl Handler {
    /// `/onboard`, `/forget-me` and `/onboarding post|report`.
    pub(super) async fn on_tour_command(
        &self,
        cmd: &CommandInteraction,
        command: TourCommand,
    ) -> Response {
        let k = self.knowledge_in(cmd.guild_id).await;
        let user = cmd.user.id.get();
        let guild = cmd.guild_id.map(GuildId::get);
        match command {
            TourCommand::Onboard { restart } => {
                self.open_tour(&k, guild.unwrap_or(0), user, restart).await
            }
            TourCommand::ForgetMe => {
                let progress = self
                    .stored("delete a user's data", self.store.forget(user))
                    .await;
                let votes = self
                    .stored("delete a user's votes", self.store.forget_votes(user))
                    .await;
                match (progress, votes) {
                    (Some(rows), Some(votes)) => {
                        info!(rows, votes, "deleted everything stored about the user");
                        tour::forgotten(rows, votes)
                    }
                    _ => tour::not_forgotten(),
                }
            }
            TourCommand::Post | TourCommand::Report => {
                let sub = command.admin_subcommand().unwrap_or_default();
                let Some(guild) = guild else {
                    return tour::server_only();
                };
                // Discord hides the command from others, but a server can grant it to
                // anyone: check again here.
                if !tour::is_admin(cmd.member.as_ref().and_then(|m| m.permissions)) {
                    info!(subcommand = sub, "refused: the member lacks Manage Server");
                    return tour::refused(sub);
                }
                if command == TourCommand::Post {
                    return match &k.tour {
                        Some(_) => tour::post(&k),
                        None => tour::no_tour(&k, user),
                    };
                }
                match self
                    .stored("read the tour report", self.store.stats(guild))
                    .await
                {
                    Some(stats) => {
                        Response::from_reply(&onboarding::report(&k, &stats), user).private(true)
                    }
                    None => tour::no_report(),
                }
            }
        }
    }

    /// Starts or resumes `user`'s tour in `guild` (0 in direct messages), as a new private
    /// message: from `/onboard` or a "Start the tour" button.
    pub(super) async fn open_tour(
        &self,
        k: &Knowledge,
        guild: u64,
        user: u64,
        restart: bool,
    ) -> Response {
        let Some(t) = &k.tour else {
            return tour::no_tour(k, user);
        };
        let now = unix_now();
        let stored = if restart {
            Some(None)
        } else {
            self.load_progress(guild, user).await
        };
        let mut note = stored.is_none().then_some(tour::NOT_LOADED);
        let fresh = matches!(stored, Some(None));
        let progress = onboarding::resume(stored.flatten(), restart, now);
        // A new or restarted tour is saved at once, so the report counts it as started;
        // nothing is written when the old progress could not be read (it may still exist).
        if fresh && !self.save_progress(guild, user, &progress).await {
            note = Some(tour::NOT_SAVED);
        }
        show(k, t, &progress, Page::of(t, &progress), note, user, false)
    }

    /// A click on a tour page's button: the next page, edited in place.
    pub(super) async fn on_tour_click(
        &self,
        guild: u64,
        clicker: u64,
        click: TourClick,
    ) -> Response {
        let k = self.servers.knowledge(Some(guild)).await;
        let Some(t) = &k.tour else {
            return tour::stale();
        };
        if click.user != clicker {
            return tour::not_yours();
        }
        let action = click.action(t);
        let Some(action) = action.filter(|_| click.tour == onboarding::fingerprint(t)) else {
            return tour::stale();
        };
        let now = unix_now();
        let stored = self.load_progress(guild, clicker).await;
        let mut note = stored.is_none().then_some(tour::NOT_LOADED);
        let mut progress = match &stored {
            Some(p) => onboarding::resume(p.clone(), false, now),
            None => Progress::new(now),
        };
        let page = onboarding::apply(t, &mut progress, action, now);
        if stored.is_some() && !self.save_progress(guild, clicker, &progress).await {
            note = Some(tour::NOT_SAVED);
        }
        show(&k, t, &progress, page, note, clicker, true)
    }

    /// `user`'s stored progress in `guild` (`Some(None)`: none yet); `None` when the store
    /// failed.
    pub(super) async fn load_progress(&self, guild: u64, user: u64) -> Option<Option<Progress>> {
        self.stored("read tour progress", self.store.load(guild, user))
            .await
    }

    /// Saves `user`'s progress in `guild`; `false` when the store failed (logged).
    pub(super) async fn save_progress(&self, guild: u64, user: u64, progress: &Progress) -> bool {
        self.stored("save tour progress", self.store.save(guild, user, progress))
            .await
            .is_some()
    }
}

/// `page` of tour `t` for `user` at `progress`, with `note` on it: a new private message,
/// or (`update`) the page the clicked button was on, edited.
pub(super) fn show(
    k: &Knowledge,
    t: &Tour,
    progress: &Progress,
    page: Page,
    note: Option<&str>,
    user: u64,
    update: bool,
) -> Response {
    let view = onboarding::view(k, progress, page, Surface::Discord, note);
    info!(page = page.number(t), "tour page shown");
    tour::page(t, &view, user, update)
}
