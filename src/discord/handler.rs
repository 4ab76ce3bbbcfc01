//! The serenity event handler: thin I/O around the pure parts.
//!
//! Each event gets a tracing span (with the entry and confidence once known); failures to
//! reach Discord are logged with context and never panic.

use super::commands::onboard::TourCommand;
use super::commands::{self, Command};
use super::limiter::Limiter;
use super::messages::{self, Incoming, Listening, Trigger};
use super::outbox::{Outbox, Target};
use super::response::Response;
use super::tour::{self, TourClick};
use super::{buttons, register_commands};
use crate::base::SharedKnowledge;
use crate::config::Settings;
use crate::knowledge::{Knowledge, Tour};
use crate::onboarding::{self, Page, Progress, Surface};
use crate::store::{Store, StoreError};
use serenity::all::{
    AutocompleteChoice, Builder, Channel, ChannelId, CommandInteraction, ComponentInteraction,
    ComponentInteractionDataKind, Context, CreateAutocompleteResponse, CreateInteractionResponse,
    EventHandler, GuildId, Interaction, InteractionId, Member, Message, MessageFlags, Nonce, Ready,
    ResumedEvent,
};
use serenity::async_trait;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio::sync::watch;
use tracing::{debug, error, field, info, info_span, warn, Instrument, Span};

/// How long a message waits for READY to tell the bot its own id.
const READY_WAIT: Duration = Duration::from_secs(5);

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
}

impl Handler {
    /// A handler answering from `knowledge` with `settings`, keeping tour progress in `store`.
    pub fn new(knowledge: SharedKnowledge, settings: Settings, store: Store) -> Handler {
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
        let user = cmd.user.id.get();
        let response = match Command::parse(&cmd.data) {
            Ok(command) => {
                let r = command.run(
                    &self.knowledge.get(),
                    &self.settings.matching,
                    user,
                    cmd.channel_id.get(),
                );
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
        );
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
        let target = Target::Interaction {
            id: id.get(),
            channel: channel.get(),
        };
        let sent = self
            .outbox
            .send(target, || out.clone().execute(&ctx.http, (id, token)))
            .await;
        if sent.is_some() {
            info!(ephemeral = response.ephemeral, "answered");
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
            TourCommand::ForgetMe => match self
                .stored("delete a user's data", self.store.forget(user))
                .await
            {
                Some(rows) => {
                    info!(rows, "deleted everything stored about the user");
                    tour::forgotten(rows)
                }
                None => tour::not_forgotten(),
            },
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
        let Some(r) = messages::respond(&self.knowledge.get(), &cfg, &m, why) else {
            debug!("not confident enough: staying silent");
            return;
        };
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

/// Now, in Unix seconds.
fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
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
        let at = Listening {
            me,
            channels: &self.settings.channels,
            content_intent: self.settings.message_content,
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
