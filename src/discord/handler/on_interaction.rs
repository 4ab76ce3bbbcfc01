//! Slash commands, autocomplete and button or menu clicks.

use super::*;

impl Handler {
    pub(super) async fn on_command(&self, ctx: &Context, cmd: CommandInteraction) {
        if let Some(command) = TourCommand::parse(&cmd.data) {
            let response = self.on_tour_command(&cmd, command).await;
            return self
                .respond(ctx, cmd.id, &cmd.token, cmd.channel_id, response)
                .await;
        }
        if let Some(command) = AdminCommand::parse(&cmd.data) {
            let response = self.on_admin_command(&cmd, command).await;
            return self
                .respond(ctx, cmd.id, &cmd.token, cmd.channel_id, response)
                .await;
        }
        let user = cmd.user.id.get();
        let mut asked = None;
        let response = match Command::parse(&cmd.data) {
            Ok(command) => {
                let (r, a) = command.run(
                    &self.knowledge.get(),
                    &self.settings.matching,
                    user,
                    cmd.channel_id.get(),
                );
                asked = a;
                let r = r.with_votes(cmd.id.get());
                if command.answers() {
                    self.limiter()
                        .gate_interaction(r, user, cmd.channel_id.get(), Instant::now())
                } else {
                    r
                }
            }
            Err(e) => {
                warn!(error = %e, "could not read the command");
                Response::notice("I don't know that command (it may be left over from an older version). Try `/help`.")
            }
        };
        self.respond(ctx, cmd.id, &cmd.token, cmd.channel_id, response)
            .await;
        if let Some(asked) = asked {
            let guild = cmd.guild_id.map_or(0, GuildId::get);
            self.learn(guild, cmd.channel_id.get(), cmd.id.get(), asked)
                .await;
        }
    }

    pub(super) async fn on_autocomplete(&self, ctx: &Context, ac: CommandInteraction) {
        let choices = commands::autocomplete(&self.knowledge.get(), &ac.data);
        debug!(choices = choices.len(), "autocomplete");
        let choices = choices
            .into_iter()
            .map(|c| AutocompleteChoice::new(c.name, c.value))
            .collect();
        let response = CreateInteractionResponse::Autocomplete(
            CreateAutocompleteResponse::new().set_choices(choices),
        );
        let target = Target::Interaction {
            id: ac.id.get(),
            channel: ac.channel_id.get(),
        };
        self.outbox
            .send(target, || ac.create_response(&ctx.http, response.clone()))
            .await;
    }

    pub(super) async fn on_click(&self, ctx: &Context, click: ComponentInteraction) {
        let user = click.user.id.get();
        let guild = click.guild_id.map_or(0, GuildId::get);
        let custom_id = click.data.custom_id.as_str();
        if let Some(ComponentId::Vote(vote)) = ComponentId::parse(custom_id) {
            return self.on_vote(ctx, &click, guild, vote).await;
        }
        if let Some(days) = admin::parse_export(custom_id) {
            let permissions = click.member.as_ref().and_then(|m| m.permissions);
            let response = self.on_export(guild, permissions, days).await;
            return self
                .respond(ctx, click.id, &click.token, click.channel_id, response)
                .await;
        }
        let tour_response = if custom_id == tour::START_ID {
            Some(
                self.open_tour(&self.knowledge.get(), guild, user, false)
                    .await,
            )
        } else if let Some(t) = TourClick::parse(custom_id) {
            Some(self.on_tour_click(guild, user, t).await)
        } else {
            None
        };
        if let Some(response) = tour_response {
            return self
                .respond(ctx, click.id, &click.token, click.channel_id, response)
                .await;
        }
        let under_ephemeral = click
            .message
            .flags
            .is_some_and(|f| f.contains(MessageFlags::EPHEMERAL));
        let values: &[String] = match &click.data.kind {
            ComponentInteractionDataKind::StringSelect { values } => values,
            _ => &[],
        };
        let r = buttons::component(
            &self.knowledge.get(),
            &click.data.custom_id,
            values,
            user,
            under_ephemeral,
        )
        .with_votes(click.id.get());
        // Answers from a button or the menu count like commands; stale notes do not.
        let response = if r.is_answer() {
            self.limiter()
                .gate_interaction(r, user, click.channel_id.get(), Instant::now())
        } else {
            r
        };
        self.respond(ctx, click.id, &click.token, click.channel_id, response)
            .await;
    }
}
