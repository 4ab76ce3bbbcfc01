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
        if let Some(command) = crate::discord::commands::teach::TeachCommand::parse(&cmd.data) {
            return self.on_teach_command(ctx, &cmd, command).await;
        }
        if let Some(command) = crate::discord::commands::team::TeamCommand::parse(&cmd.data) {
            let response = self.on_team_command(&cmd, command).await;
            return self
                .respond(ctx, cmd.id, &cmd.token, cmd.channel_id, response)
                .await;
        }
        let user = cmd.user.id.get();
        let mut asked = None;
        let k = self.knowledge_in(cmd.guild_id).await;
        let response = match Command::parse(&cmd.data) {
            Ok(command) => {
                let (r, a) = command.run(&k, &self.settings.matching, user, cmd.channel_id.get());
                asked = a;
                let r = r.with_votes(cmd.id.get());
                if command.answers() {
                    let at = Asker {
                        user,
                        guild: cmd.guild_id.map(GuildId::get),
                        channel: cmd.channel_id.get(),
                        token: &cmd.token,
                    };
                    self.gate(ctx, r, Spend::Question, at).await
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
        let choices = match self.teach_choices(&ac).await {
            Some(choices) => choices
                .into_iter()
                .map(|(name, value)| rolecall_core::complete::Choice { name, value })
                .collect(),
            None => commands::autocomplete(&*self.knowledge_in(ac.guild_id).await, &ac.data),
        };
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
        if custom_id == crate::discord::commands::teach::KEEP_BUTTON
            || crate::discord::commands::teach::parse_remove(custom_id).is_some()
        {
            return self.on_teach_click(ctx, &click).await;
        }
        if self.on_answer_gap(ctx, &click).await {
            return;
        }
        if let Some(days) = admin::parse_export(custom_id) {
            let permissions = click.member.as_ref().and_then(|m| m.permissions);
            let response = self.on_export(guild, permissions, days).await;
            return self
                .respond(ctx, click.id, &click.token, click.channel_id, response)
                .await;
        }
        let at = Asker {
            user,
            guild: click.guild_id.map(GuildId::get),
            channel: click.channel_id.get(),
            token: &click.token,
        };
        let tour_click = custom_id == tour::START_ID || TourClick::parse(custom_id).is_some();
        if tour_click {
            let spent = self.limiter().user(Spend::Click, user, Instant::now());
            if let Err(wait) = spent {
                let note = limiter::slow_down(Spend::Click, wait, unix_now());
                return self
                    .respond(
                        ctx,
                        click.id,
                        &click.token,
                        click.channel_id,
                        Response::notice(&note),
                    )
                    .await;
            }
        }
        let tour_response = if custom_id == tour::START_ID {
            Some(
                self.open_tour(
                    &*self.knowledge_in(click.guild_id).await,
                    guild,
                    user,
                    false,
                )
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
            &*self.knowledge_in(click.guild_id).await,
            &click.data.custom_id,
            values,
            user,
            under_ephemeral,
        )
        .with_votes(click.id.get());
        // Answers from a button or the menu spend the click budget; stale notes nothing.
        let response = if r.is_answer() {
            self.gate(ctx, r, Spend::Click, at).await
        } else {
            r
        };
        self.respond(ctx, click.id, &click.token, click.channel_id, response)
            .await;
    }
}

/// Who asked, where, and the interaction's token (for a later repeat to find the answer).
pub(super) struct Asker<'a> {
    pub user: u64,
    pub guild: Option<u64>,
    pub channel: u64,
    pub token: &'a str,
}

impl Handler {
    /// Applies the rate limit (`spend`'s budget) and the cooldown to `r`, an answer to an
    /// interaction: a repeat of an answer given moments ago in the channel becomes a
    /// one-line private note linking to it.
    async fn gate(&self, ctx: &Context, r: Response, spend: Spend, at: Asker<'_>) -> Response {
        let gate = self
            .limiter()
            .gate_interaction(r, spend, at.user, at.channel, Now::real());
        match gate {
            Gate::Send(r) => {
                if let (Some(key), false) = (&r.cooldown_key, r.ephemeral) {
                    let earlier = Earlier::Interaction {
                        guild: at.guild,
                        channel: at.channel,
                        token: at.token.to_string(),
                    };
                    self.limiter().sent(key, at.channel, earlier);
                }
                *r
            }
            Gate::AnsweredAbove(earlier) => {
                let link = self.find(ctx, earlier).await;
                Response::notice(&limiter::answered_above(link.as_deref()))
            }
        }
    }

    /// The jump link to an earlier answer, looking up an interaction's answer message
    /// (briefly: the note must go out within Discord's 3 seconds); `None` when unknown.
    async fn find(&self, ctx: &Context, earlier: Earlier) -> Option<String> {
        match earlier {
            Earlier::Unknown => None,
            Earlier::Message { guild, channel, id } => Some(limiter::jump_link(guild, channel, id)),
            Earlier::Interaction {
                guild,
                channel,
                token,
            } => {
                let lookup = ctx.http.get_original_interaction_response(&token);
                match tokio::time::timeout(Duration::from_millis(1500), lookup).await {
                    Ok(Ok(m)) => Some(limiter::jump_link(guild, channel, m.id.get())),
                    Ok(Err(e)) => {
                        debug!(error = %e, "could not find the earlier answer");
                        None
                    }
                    Err(_) => None,
                }
            }
        }
    }
}
