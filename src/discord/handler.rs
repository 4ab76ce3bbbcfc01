//! The serenity event handler: thin I/O around the pure parts.
//!
//! Each event gets a tracing span (with the entry and confidence once known); failures to
//! reach Discord are logged with context and never panic.

use super::commands::{self, Command};
use super::limiter::Limiter;
use super::messages::{self, Incoming, Listening, Trigger};
use super::outbox::{Outbox, Target};
use super::response::Response;
use super::{buttons, register_commands};
use crate::base::SharedKnowledge;
use crate::config::Settings;
use serenity::all::{
    AutocompleteChoice, Builder, ChannelId, CommandInteraction, ComponentInteraction,
    ComponentInteractionDataKind, Context, CreateAutocompleteResponse, CreateInteractionResponse,
    EventHandler, Interaction, InteractionId, Message, MessageFlags, Ready, ResumedEvent,
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
}

impl Handler {
    /// A handler answering from `knowledge` with `settings`.
    pub fn new(knowledge: SharedKnowledge, settings: Settings) -> Handler {
        let limiter = Limiter::new(settings.user_rate, settings.cooldown);
        Handler {
            knowledge,
            outbox: Outbox::new(settings.max_in_flight),
            settings,
            limiter: Mutex::new(limiter),
            me: watch::Sender::new(None),
            registered: AtomicBool::new(false),
        }
    }

    fn limiter(&self) -> std::sync::MutexGuard<'_, Limiter> {
        // The limiter holds no invariant a panic could break: keep using it.
        self.limiter
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    async fn on_command(&self, ctx: &Context, cmd: CommandInteraction) {
        let user = cmd.user.id.get();
        let response = match Command::parse(&cmd.data) {
            Ok(command) => {
                let r = command.run(&self.knowledge.get(), &self.settings.matching, user);
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
        info!(
            user = %ready.user.name,
            shard = ?ready.shard.map(|s| s.id.0),
            guilds = ready.guilds.len(),
            "connected to Discord"
        );
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
                "registered slash commands"
            ),
            Err(e) => {
                self.registered.store(false, Ordering::SeqCst);
                error!(error = %e, "could not register slash commands; will retry at the next ready");
            }
        }
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
