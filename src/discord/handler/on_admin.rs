//! The team lead's commands: `/gaps`, its export, and `/reload`.

use super::*;

impl Handler {
    /// `/gaps` and `/reload`: Manage Server only, checked here too (a server can grant a
    /// command to anyone).
    pub(super) async fn on_admin_command(
        &self,
        cmd: &CommandInteraction,
        command: AdminCommand,
    ) -> Response {
        let Some(guild) = cmd.guild_id.map(GuildId::get) else {
            return admin::server_only(command.name());
        };
        if !tour::is_admin(cmd.member.as_ref().and_then(|m| m.permissions)) {
            info!(
                command = command.name(),
                "refused: the member lacks Manage Server"
            );
            return admin::refused(command.name());
        }
        match command {
            AdminCommand::Gaps { days } => match self.gaps_report(guild, days).await {
                Some((_, g)) => admin::gaps(&g, cmd.user.id.get()),
                None => admin::no_gaps(),
            },
            AdminCommand::Reload => self.reload_now().await,
        }
    }

    /// "Export as TOML" under `/gaps`: the report's topics as a `gaps.toml` attachment.
    pub(super) async fn on_export(
        &self,
        guild: u64,
        permissions: Option<Permissions>,
        days: u32,
    ) -> Response {
        let command = AdminCommand::Gaps { days }.name();
        if guild == 0 {
            return admin::server_only(command);
        }
        if !tour::is_admin(permissions) {
            info!("refused the export: the member lacks Manage Server");
            return admin::refused(command);
        }
        match self.gaps_report(guild, days).await {
            Some((k, g)) => admin::export(&k, &g),
            None => admin::no_gaps(),
        }
    }

    /// The gaps report of `guild` over the last `days`, built off the async workers (it
    /// groups up to [`learn::report::MAX_QUESTIONS`] questions); `None` when the store failed.
    pub(super) async fn gaps_report(
        &self,
        guild: u64,
        days: u32,
    ) -> Option<(
        std::sync::Arc<rolecall_core::base::KnowledgeBase>,
        admin::Gaps,
    )> {
        let now = unix_now();
        let since = now - i64::from(days) * 86_400;
        let data = self
            .stored(
                "read the question log",
                crate::offline::read(self.store.as_ref(), Some(guild), since, now),
            )
            .await?;
        let k = self.servers.knowledge(Some(guild)).await;
        let logging = self.settings.question_log;
        let cfg = self.settings.matching;
        let built = {
            let k = k.clone();
            tokio::task::spawn_blocking(move || {
                // Questions one of the server's own FAQs answers now have left the gaps.
                let mut data = data;
                let taught = rolecall_core::overlay::overlay_path(guild);
                let has_own = k.files.iter().any(|f| f.path == taught);
                data.questions.retain(|q| {
                    !has_own
                        || !rolecall_core::overlay::answered_by_overlay(
                            &k,
                            &q.asked.text,
                            &cfg,
                            guild,
                        )
                });
                admin::report::build(&k, &data, days, now, logging)
            })
        };
        match built.await {
            Ok(g) => Some((k, g)),
            Err(e) => {
                error!(error = %e, "building the gaps report failed");
                None
            }
        }
    }

    /// `/reload`: reads the knowledge again like SIGHUP and says how it went; with
    /// PostgreSQL, tells the bot's other processes to reload too.
    pub(super) async fn reload_now(&self) -> Response {
        let job = super::super::reload(self.knowledge.clone(), self.source.clone());
        match tokio::time::timeout(RELOAD_WAIT, job).await {
            Ok(Ok(Ok(k))) => {
                let reach = if self.store.backend() == "postgres" {
                    match self
                        .stored(
                            "announce the reload",
                            self.store.announce_reload(&self.origin),
                        )
                        .await
                    {
                        Some(()) => Reach::Everywhere,
                        None => Reach::NotAnnounced,
                    }
                } else {
                    Reach::ThisProcess
                };
                admin::reloaded(&k, reach)
            }
            Ok(Ok(Err(problems))) => admin::reload_failed(&problems),
            Ok(Err(e)) => admin::reload_failed(&format!("the reload stopped: {e}")),
            Err(_) => admin::reload_slow(),
        }
    }

    /// Runs a store operation (each returns within the store's 1.5-second bound, well
    /// inside Discord's 3 seconds); a failure is logged and gives `None`, so the caller
    /// carries on without the store.
    pub(super) async fn stored<T>(
        &self,
        what: &str,
        op: impl std::future::Future<Output = Result<T, StoreError>>,
    ) -> Option<T> {
        match op.await {
            Ok(v) => Some(v),
            Err(e) => {
                warn!(store = %self.store.url(), error = %e, "could not {what}");
                None
            }
        }
    }
}
