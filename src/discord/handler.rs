//! The serenity event handler: thin I/O around the pure parts.
//!
//! Each event gets a tracing span (with the entry and confidence once known); failures to
//! reach Discord are logged with context and never panic.

use super::admin::{self, Reach};
use super::commands::admin::AdminCommand;
use super::commands::onboard::TourCommand;
use super::commands::{self, Command};
use super::feedback::{self, Recent, Remembered, Voted, Why};
use super::limiter::Limiter;
use super::messages::{self, Incoming, Listening, Trigger};
use super::outbox::{Outbox, Target};
use super::response::Response;
use super::response::{ComponentId, VoteId};
use super::tour::{self, TourClick};
use super::{buttons, register_commands, unix_now};
use crate::base::SharedKnowledge;
use crate::cli::KnowledgeSource;
use crate::config::Settings;
use crate::knowledge::{Knowledge, Tour};
use crate::learn::{self, Asked, Outcome, Vote};
use crate::onboarding::{self, Page, Progress, Surface};
use crate::store::{Store, StoreError, VoteChange};
use serenity::all::{
    AutocompleteChoice, Builder, Channel, ChannelId, CommandInteraction, ComponentInteraction,
    ComponentInteractionDataKind, Context, CreateAutocompleteResponse, CreateInteractionResponse,
    EventHandler, GuildId, Interaction, InteractionId, Member, Message, MessageFlags,
    ModalInteraction, Nonce, Permissions, Ready, ResumedEvent,
};
use serenity::async_trait;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio::sync::watch;
use tracing::{debug, error, field, info, info_span, warn, Instrument, Span};

/// How long a message waits for READY to tell the bot its own id.
const READY_WAIT: Duration = Duration::from_secs(5);
/// How long `/reload` waits for the files to be read before answering that it goes on in
/// the background (Discord waits 3 seconds for an answer).
const RELOAD_WAIT: Duration = Duration::from_millis(2000);

/// Shared state of the running bot.
pub struct Handler {
    knowledge: SharedKnowledge,
    settings: Settings,
    limiter: Mutex<Limiter>,
    /// Bounds the replies in flight and retries failed sends.
    outbox: Outbox,
    /// The bot's own user id, known from READY (events may be handled before it).
    me: watch::Sender<Option<u64>>,
    registered: AtomicBool,
    /// Tour progress per server and user.
    store: Store,
    /// The server the welcome channel belongs to, once looked up.
    welcome_guild: tokio::sync::OnceCell<Option<u64>>,
    /// Where the knowledge is read from again on `/reload`.
    source: KnowledgeSource,
    /// This process's name in reload notices (so it skips its own).
    origin: String,
    /// Answered questions of the last day, for a 👎 to log.
    recent: Mutex<Recent>,
}

impl Handler {
    /// A handler answering from `knowledge` (read again from `source` on `/reload`) with
    /// `settings`, keeping tour progress, votes and the question log in `store`; `origin`
    /// names this process in reload notices.
    pub fn new(
        knowledge: SharedKnowledge,
        source: KnowledgeSource,
        settings: Settings,
        store: Store,
        origin: String,
    ) -> Handler {
        let limiter = Limiter::new(settings.user_rate, settings.cooldown);
        Handler {
            knowledge,
            outbox: Outbox::new(settings.max_in_flight),
            settings,
            limiter: Mutex::new(limiter),
            me: watch::Sender::new(None),
            registered: AtomicBool::new(false),
            store,
            welcome_guild: tokio::sync::OnceCell::new(),
            source,
            origin,
            recent: Mutex::new(Recent::default()),
        }
    }

    fn limiter(&self) -> std::sync::MutexGuard<'_, Limiter> {
        // The limiter holds no invariant a panic could break: keep using it.
        self.limiter
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    async fn on_command(&self, ctx: &Context, cmd: CommandInteraction) {
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
                let (r, a) = command.run_asked(
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

    async fn on_autocomplete(&self, ctx: &Context, ac: CommandInteraction) {
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

    async fn on_click(&self, ctx: &Context, click: ComponentInteraction) {
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

    /// Sends `response` as the answer to interaction `id` (bounded and retried by the
    /// outbox), logging what was sent.
    async fn respond(
        &self,
        ctx: &Context,
        id: InteractionId,
        token: &str,
        channel: ChannelId,
        response: Response,
    ) {
        record(&response);
        let out = response.to_interaction();
        if self.callback(ctx, id, token, channel, out).await {
            info!(ephemeral = response.ephemeral, "answered");
        }
    }

    /// Sends `out` as the answer to interaction `id` (bounded and retried by the outbox);
    /// whether it was sent.
    async fn callback(
        &self,
        ctx: &Context,
        id: InteractionId,
        token: &str,
        channel: ChannelId,
        out: CreateInteractionResponse,
    ) -> bool {
        let target = Target::Interaction {
            id: id.get(),
            channel: channel.get(),
        };
        self.outbox
            .send(target, || out.clone().execute(&ctx.http, (id, token)))
            .await
            .is_some()
    }

    /// Counts a question asked in `guild` and `channel` (answer id `answer`) for the weekly
    /// chart, then logs it when it went unanswered, or remembers it for a day when it was
    /// answered (a 👎 then logs it). With the question log off only the count is kept.
    async fn learn(&self, guild: u64, channel: u64, answer: u64, asked: Asked) {
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

    fn recent(&self) -> std::sync::MutexGuard<'_, Recent> {
        // A plain map of recent questions: keep using it after a panic elsewhere.
        self.recent.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A 👍 or 👎: stores the vote (one per user per answer), logs the question behind a
    /// 👎, and answers with the "What were you looking for?" modal (👎) or a private thanks.
    async fn on_vote(&self, ctx: &Context, click: &ComponentInteraction, guild: u64, vote: VoteId) {
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
    async fn on_modal(&self, ctx: &Context, modal: ModalInteraction) {
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

    /// `/gaps` and `/reload`: Manage Server only, checked here too (a server can grant a
    /// command to anyone).
    async fn on_admin_command(&self, cmd: &CommandInteraction, command: AdminCommand) -> Response {
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
                Some((k, g)) => admin::gaps(&k, &g, cmd.user.id.get()),
                None => admin::no_gaps(),
            },
            AdminCommand::Reload => self.reload_now().await,
        }
    }

    /// "Export as TOML" under `/gaps`: the report's topics as a `gaps.toml` attachment.
    async fn on_export(&self, guild: u64, permissions: Option<Permissions>, days: u32) -> Response {
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
    async fn gaps_report(
        &self,
        guild: u64,
        days: u32,
    ) -> Option<(std::sync::Arc<crate::base::KnowledgeBase>, admin::Gaps)> {
        let now = unix_now();
        let since = now - i64::from(days) * 86_400;
        let data = self
            .stored(
                "read the question log",
                learn::offline::read(&self.store, Some(guild), since, now),
            )
            .await?;
        let k = self.knowledge.get();
        let logging = self.settings.question_log;
        let built = {
            let k = k.clone();
            tokio::task::spawn_blocking(move || admin::report::build(&k, &data, days, now, logging))
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
    async fn reload_now(&self) -> Response {
        let job = super::reload(self.knowledge.clone(), self.source.clone());
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
    async fn stored<T>(
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

    /// `/onboard`, `/forget-me` and `/onboarding post|report`.
    async fn on_tour_command(&self, cmd: &CommandInteraction, command: TourCommand) -> Response {
        let k = self.knowledge.get();
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
    async fn open_tour(&self, k: &Knowledge, guild: u64, user: u64, restart: bool) -> Response {
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
    async fn on_tour_click(&self, guild: u64, clicker: u64, click: TourClick) -> Response {
        let k = self.knowledge.get();
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
    async fn load_progress(&self, guild: u64, user: u64) -> Option<Option<Progress>> {
        self.stored("read tour progress", self.store.load(guild, user))
            .await
    }

    /// Saves `user`'s progress in `guild`; `false` when the store failed (logged).
    async fn save_progress(&self, guild: u64, user: u64, progress: &Progress) -> bool {
        self.stored("save tour progress", self.store.save(guild, user, progress))
            .await
            .is_some()
    }

    /// Greets a new member in the welcome channel, when it is set and in their server.
    async fn greet(&self, ctx: &Context, member: &Member) {
        let Some(channel) = self.settings.welcome_channel else {
            return;
        };
        if member.user.bot {
            return;
        }
        let home = self
            .welcome_guild
            .get_or_init(|| async {
                match ChannelId::new(channel).to_channel(&ctx.http).await {
                    Ok(Channel::Guild(c)) => Some(c.guild_id.get()),
                    Ok(_) => {
                        warn!(channel, "ROLECALL_WELCOME_CHANNEL is not a server channel; new members are not greeted");
                        None
                    }
                    Err(e) => {
                        warn!(channel, error = %e, "cannot look up ROLECALL_WELCOME_CHANNEL; new members are not greeted");
                        None
                    }
                }
            })
            .await;
        if *home != Some(member.guild_id.get()) {
            debug!("the new member joined another server than the welcome channel's");
            return;
        }
        let user = member.user.id.get();
        let r = tour::welcome(&self.knowledge.get(), user);
        // The member's id as an enforced nonce: a resend after a broken connection cannot
        // greet them twice.
        let out = r
            .to_message(None)
            .nonce(Nonce::String(format!("w{user}")))
            .enforce_nonce(true);
        let target = Target::Message {
            channel,
            reply_to: user,
        };
        let sent = self
            .outbox
            .send(target, || {
                ChannelId::new(channel).send_message(&ctx.http, out.clone())
            })
            .await;
        if let Some(sent) = sent {
            info!(message = %sent.id, "greeted a new member");
        }
    }

    async fn on_message(&self, ctx: &Context, msg: &Message, why: Trigger) {
        let m = Incoming::from_message(msg);
        let cfg = self.settings.channel_matching();
        let (r, asked) = messages::respond_asked(&self.knowledge.get(), &cfg, &m, why);
        match r {
            Some(r) => {
                self.reply_to(ctx, msg, &m, r.with_votes(msg.id.get()))
                    .await
            }
            None => debug!("not confident enough: staying silent"),
        }
        if let Some(asked) = asked {
            let guild = msg.guild_id.map_or(0, GuildId::get);
            self.learn(guild, m.channel, msg.id.get(), asked).await;
        }
    }

    /// Sends `r` as the reply to the channel message `msg` (read as `m`), unless the rate
    /// limit or the cooldown holds it back.
    async fn reply_to(&self, ctx: &Context, msg: &Message, m: &Incoming, r: Response) {
        record(&r);
        let gated = self
            .limiter()
            .gate_message(r, m.author, m.channel, Instant::now());
        let Some(r) = gated else {
            debug!("rate limit or cooldown: staying silent");
            return;
        };
        let out = r.to_message(Some((msg.channel_id, msg.id)));
        let target = Target::Message {
            channel: msg.channel_id.get(),
            reply_to: msg.id.get(),
        };
        let sent = self
            .outbox
            .send(target, || {
                msg.channel_id.send_message(&ctx.http, out.clone())
            })
            .await;
        if let Some(sent) = sent {
            info!(reply = %sent.id, "answered");
        }
    }
}

/// `page` of tour `t` for `user` at `progress`, with `note` on it: a new private message,
/// or (`update`) the page the clicked button was on, edited.
fn show(
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

/// Records the entry and confidence on the current span.
fn record(r: &Response) {
    let span = Span::current();
    if let Some(entry) = &r.entry {
        span.record("entry", entry.as_str());
    }
    span.record("confidence", r.confidence);
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        self.me.send_replace(Some(ready.user.id.get()));
        let shard = ready.shard.map(|s| s.id.0);
        let shards = ready.shard.map(|s| s.total);
        info!(
            user = %ready.user.name,
            shard,
            shards,
            guilds = ready.guilds.len(),
            "connected to Discord"
        );
        if !super::shards::registers_commands(ready.shard) {
            info!(
                shard,
                shards,
                "not registering slash commands here: they are registered at shard 0's READY, by whichever process runs it"
            );
            return;
        }
        if self.registered.swap(true, Ordering::SeqCst) {
            return;
        }
        match register_commands(&ctx.http, self.settings.guild_id).await {
            Ok(n) => info!(
                commands = n,
                scope = if self.settings.guild_id.is_some() {
                    "guild"
                } else {
                    "global"
                },
                shard,
                shards,
                "registered slash commands (at shard 0's READY; other shards and processes leave them to it)"
            ),
            Err(e) => {
                self.registered.store(false, Ordering::SeqCst);
                error!(error = %e, "could not register slash commands; will retry at the next ready");
            }
        }
    }

    async fn guild_member_addition(&self, ctx: Context, member: Member) {
        let span = info_span!(
            "member",
            user = %member.user.id,
            guild = %member.guild_id
        );
        self.greet(&ctx, &member).instrument(span).await;
    }

    async fn resume(&self, _ctx: Context, _event: ResumedEvent) {
        info!("gateway session resumed");
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        match interaction {
            Interaction::Command(cmd) => {
                let span = info_span!(
                    "interaction",
                    kind = "command",
                    command = %cmd.data.name,
                    user = %cmd.user.id,
                    channel = %cmd.channel_id,
                    entry = field::Empty,
                    confidence = field::Empty
                );
                self.on_command(&ctx, cmd).instrument(span).await;
            }
            Interaction::Autocomplete(ac) => {
                let span = info_span!(
                    "interaction",
                    kind = "autocomplete",
                    command = %ac.data.name,
                    user = %ac.user.id
                );
                self.on_autocomplete(&ctx, ac).instrument(span).await;
            }
            Interaction::Component(click) => {
                let kind = match click.data.kind {
                    ComponentInteractionDataKind::Button => "button",
                    _ => "menu",
                };
                let span = info_span!(
                    "interaction",
                    kind,
                    custom_id = %click.data.custom_id,
                    user = %click.user.id,
                    channel = %click.channel_id,
                    entry = field::Empty,
                    confidence = field::Empty
                );
                self.on_click(&ctx, click).instrument(span).await;
            }
            Interaction::Modal(modal) => {
                let span = info_span!(
                    "interaction",
                    kind = "modal",
                    custom_id = %modal.data.custom_id,
                    user = %modal.user.id,
                    channel = %modal.channel_id,
                    entry = field::Empty,
                    confidence = field::Empty
                );
                self.on_modal(&ctx, modal).instrument(span).await;
            }
            other => debug!(kind = ?other.kind(), "ignoring interaction"),
        }
    }

    async fn message(&self, ctx: Context, msg: Message) {
        // Events are handled concurrently: a message right after READY may get here first.
        let mut known = self.me.subscribe();
        let me = match tokio::time::timeout(READY_WAIT, known.wait_for(Option::is_some)).await {
            Ok(Ok(id)) => *id,
            _ => None,
        };
        let Some(me) = me else {
            warn!("message arrived before READY; ignoring it");
            return;
        };
        let knowledge = self.knowledge.get();
        let at = Listening {
            me,
            channels: &self.settings.channels,
            content_intent: self.settings.message_content,
            language: &knowledge.language,
        };
        let Some(why) = messages::trigger(&Incoming::from_message(&msg), &at) else {
            return;
        };
        let span = info_span!(
            "message",
            trigger = why.as_str(),
            id = %msg.id,
            user = %msg.author.id,
            channel = %msg.channel_id,
            entry = field::Empty,
            confidence = field::Empty
        );
        self.on_message(&ctx, &msg, why).instrument(span).await;
    }
}
