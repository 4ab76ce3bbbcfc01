//! The serenity event handler: thin I/O around the pure parts.
//!
//! Each event gets a tracing span (with the entry and confidence once known); failures to
//! reach Discord are logged with context and never panic. One file per feature: commands and
//! clicks, votes, the team lead's commands, the tour, greetings and channel questions.

mod on_admin;
mod on_interaction;
mod on_member;
mod on_message;
mod on_teach;
pub(crate) use on_teach::answer_gap_id;
mod on_tour;
mod on_vote;
#[cfg(test)]
mod tests;

use super::admin::{self, Reach};
use super::commands::admin::AdminCommand;
use super::commands::onboard::TourCommand;
use super::commands::{self, Command};
use super::feedback::{self, Recent, Remembered, Voted, Why};
use super::limiter::{self, Earlier, Gate, Limiter, Now, Spend};
use super::messages::{self, Incoming, Listening, Trigger};
use super::outbox::{Outbox, Target};
use super::response::Response;
use super::response::{ComponentId, VoteId};
use super::servers::Servers;
use super::tour::{self, TourClick};
use super::{buttons, register_commands};
use crate::clock::unix_now;
use crate::config::Settings;
use rolecall_core::base::SharedKnowledge;
use rolecall_core::knowledge::{Knowledge, Tour};
use rolecall_core::learn::{Asked, Outcome, Vote};
use rolecall_core::onboarding::{self, Page, Progress, Surface};
use rolecall_core::KnowledgeSource;
use rolecall_store::{Backend, StoreError, VoteChange};
use serenity::all::{
    AutocompleteChoice, Builder, Channel, ChannelId, CommandInteraction, ComponentInteraction,
    ComponentInteractionDataKind, Context, CreateAutocompleteResponse, CreateInteractionResponse,
    EventHandler, GuildId, Interaction, InteractionId, Member, Message, MessageFlags,
    ModalInteraction, Nonce, Permissions, Ready, ResumedEvent, UserId,
};
use serenity::async_trait;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
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
    /// Tour progress, the question log and votes.
    store: Arc<dyn Backend>,
    /// The server the welcome channel belongs to, once looked up.
    welcome_guild: tokio::sync::OnceCell<Option<u64>>,
    /// Where the knowledge is read from again on `/reload`.
    source: KnowledgeSource,
    /// This process's name in reload notices (so it skips its own).
    origin: String,
    /// Answered questions of the last day, for a 👎 to log.
    recent: Mutex<Recent>,
    /// Each server's knowledge: the base plus what the server taught.
    servers: Arc<Servers>,
    /// Held while a server's FAQs or roster change, one change at a time.
    teaching: tokio::sync::Mutex<()>,
}

impl Handler {
    /// A handler answering from `knowledge` (read again from `source` on `/reload`) with
    /// `settings`, keeping tour progress, votes and the question log in `store`; `origin`
    /// names this process in reload notices.
    pub fn new(
        knowledge: SharedKnowledge,
        source: KnowledgeSource,
        settings: Settings,
        store: Arc<dyn Backend>,
        origin: String,
    ) -> Handler {
        let limiter = Limiter::new(settings.user_rate, settings.click_rate, settings.cooldown);
        let servers = Arc::new(Servers::new(
            knowledge.clone(),
            store.clone(),
            settings.server_cache,
            settings.guild_faq_limit,
        ));
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
            servers,
            teaching: tokio::sync::Mutex::new(()),
        }
    }

    /// Each server's knowledge, for whoever must forget a server's when another process
    /// changed it.
    pub fn servers(&self) -> Arc<Servers> {
        self.servers.clone()
    }

    /// At READY: a server that taught rolecall, belongs to this shard and is not among the
    /// shard's servers removed the bot while it was offline; note it as left (a note already
    /// there keeps its time), so what it taught goes after the retention.
    async fn note_servers_left_while_away(&self, ready: &Ready) {
        let (shard, shards) = ready.shard.map_or((0, 1), |s| (s.id.0, s.total));
        let here: std::collections::HashSet<u64> =
            ready.guilds.iter().map(|g| g.id.get()).collect();
        let Some(taught) = self
            .stored("list the servers that taught", self.store.taught_guilds())
            .await
        else {
            return;
        };
        let now = unix_now();
        for guild in taught {
            let ours = (guild >> 22) % u64::from(shards.max(1)) == u64::from(shard);
            if ours && !here.contains(&guild) {
                info!(
                    guild,
                    "a server that taught rolecall removed it while it was away"
                );
                let _ = self
                    .stored(
                        "note a server as left",
                        self.store.mark_departed(guild, Some(now)),
                    )
                    .await;
            }
        }
    }

    /// The knowledge questions in `guild` are answered from (the base in direct messages).
    async fn knowledge_in(
        &self,
        guild: Option<GuildId>,
    ) -> Arc<rolecall_core::base::KnowledgeBase> {
        self.servers.knowledge(guild.map(GuildId::get)).await
    }

    fn limiter(&self) -> std::sync::MutexGuard<'_, Limiter> {
        // The limiter holds no invariant a panic could break: keep using it.
        self.limiter
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
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
}

/// The span of one interaction: its kind, who used it and where; the command name or custom
/// id, then the entry and confidence, are recorded on it once known.
fn interaction_span(kind: &'static str, user: UserId, channel: Option<ChannelId>) -> Span {
    info_span!(
        "interaction",
        kind,
        command = field::Empty,
        custom_id = field::Empty,
        user = %user,
        channel = channel.map(ChannelId::get),
        entry = field::Empty,
        confidence = field::Empty
    )
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
        self.note_servers_left_while_away(&ready).await;
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

    async fn guild_create(&self, _ctx: Context, guild: serenity::all::Guild, _new: Option<bool>) {
        // Back in a server (or still there at start): what it taught is kept.
        let _ = self
            .stored(
                "note a server as joined",
                self.store.mark_departed(guild.id.get(), None),
            )
            .await;
    }

    async fn guild_delete(
        &self,
        _ctx: Context,
        left: serenity::all::UnavailableGuild,
        _full: Option<serenity::all::Guild>,
    ) {
        if left.unavailable {
            return; // an outage, not a removal
        }
        let guild = left.id.get();
        info!(
            guild,
            "removed from a server: what it taught is deleted after the log retention"
        );
        self.servers.forget(guild);
        let _ = self
            .stored(
                "note a server as left",
                self.store.mark_departed(guild, Some(unix_now())),
            )
            .await;
    }

    async fn resume(&self, _ctx: Context, _event: ResumedEvent) {
        info!("gateway session resumed");
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        match interaction {
            Interaction::Command(cmd) => {
                let span = interaction_span("command", cmd.user.id, Some(cmd.channel_id));
                span.record("command", cmd.data.name.as_str());
                self.on_command(&ctx, cmd).instrument(span).await;
            }
            Interaction::Autocomplete(ac) => {
                let span = interaction_span("autocomplete", ac.user.id, None);
                span.record("command", ac.data.name.as_str());
                self.on_autocomplete(&ctx, ac).instrument(span).await;
            }
            Interaction::Component(click) => {
                let kind = match click.data.kind {
                    ComponentInteractionDataKind::Button => "button",
                    _ => "menu",
                };
                let span = interaction_span(kind, click.user.id, Some(click.channel_id));
                span.record("custom_id", click.data.custom_id.as_str());
                self.on_click(&ctx, click).instrument(span).await;
            }
            Interaction::Modal(modal) => {
                let span = interaction_span("modal", modal.user.id, Some(modal.channel_id));
                span.record("custom_id", modal.data.custom_id.as_str());
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
        let knowledge = self.knowledge_in(msg.guild_id).await;
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
