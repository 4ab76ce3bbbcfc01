//! Teaching rolecall from Discord: `/teach` and its modal, "Answer this" under `/gaps`, and
//! `/team`. Every change is validated on the server's knowledge before it is stored, is
//! live in this process at once, and is announced to the bot's other processes.

// A refusal here is the reply itself (`Err(Response)`), made at most once per interaction:
// its size costs nothing worth boxing it for.
#![allow(clippy::result_large_err)]

use super::*;
use crate::discord::commands::teach::{self, Draft, Submitted, TeachCommand};
use crate::discord::commands::team::{self, TeamCommand};
use rolecall_core::overlay::{self, Overlay};

/// Prefix of the custom id of "Answer this" under `/gaps` (`rc:gaps:teach:<days>:<topic>`).
pub(crate) const ANSWER_GAP: &str = "rc:gaps:teach:";

/// The custom id of "Answer this" for topic `n` (0-based) of a report over `days`.
pub(crate) fn answer_gap_id(days: u32, n: usize) -> String {
    format!("{ANSWER_GAP}{days}:{n}")
}

/// The days and topic of an "Answer this" custom id.
fn parse_answer_gap(custom_id: &str) -> Option<(u32, usize)> {
    let (days, n) = custom_id.strip_prefix(ANSWER_GAP)?.split_once(':')?;
    Some((days.parse().ok()?, n.parse().ok()?))
}

/// Who used an interaction, as far as teaching cares.
pub(super) struct Editor<'a> {
    /// The server (`None` in direct messages).
    pub guild: Option<u64>,
    /// The user.
    pub user: u64,
    /// The member's permissions and roles, as Discord resolved them.
    pub member: Option<&'a Member>,
}

impl Handler {
    /// Whether a member may teach: Manage Server, or the editor role when one is set.
    fn may_teach(&self, member: Option<&Member>) -> bool {
        let Some(m) = member else { return false };
        tour::is_admin(m.permissions)
            || self
                .settings
                .editor_roles
                .iter()
                .any(|role| m.roles.iter().any(|r| r.get() == *role))
    }

    /// The server an editor may teach in, or the note saying why not.
    fn teaching_guild(&self, who: &Editor<'_>, command: &str) -> Result<u64, Response> {
        let Some(guild) = who.guild else {
            return Err(admin::server_only(command));
        };
        if !self.may_teach(who.member) {
            info!(command, "refused: the member may not teach");
            return Err(teach::not_an_editor(command));
        }
        Ok(guild)
    }

    /// What `guild` taught, or the note that the store isn't answering.
    async fn taught(&self, guild: u64) -> Result<Overlay, Response> {
        self.stored("read what the server taught", self.servers.overlay(guild))
            .await
            .ok_or_else(store_down)
    }

    /// `/teach`: opens the modal, asks before a removal, lists, or shows the history.
    pub(super) async fn on_teach_command(
        &self,
        ctx: &Context,
        cmd: &CommandInteraction,
        command: TeachCommand,
    ) {
        let who = Editor {
            guild: cmd.guild_id.map(GuildId::get),
            user: cmd.user.id.get(),
            member: cmd.member.as_deref(),
        };
        let response = match self.teach_command(&who, &command).await {
            Ok(Opens::Modal(modal)) => {
                self.callback(ctx, cmd.id, &cmd.token, cmd.channel_id, modal)
                    .await;
                return;
            }
            Ok(Opens::Reply(r)) | Err(r) => r,
        };
        self.respond(ctx, cmd.id, &cmd.token, cmd.channel_id, response)
            .await;
    }

    async fn teach_command(
        &self,
        who: &Editor<'_>,
        command: &TeachCommand,
    ) -> Result<Opens, Response> {
        let guild = self.teaching_guild(who, command.name())?;
        let topic_of = |overlay: &Overlay, topic: &str| {
            teach::find(overlay, topic)
                .cloned()
                .ok_or_else(|| teach::unknown(topic, overlay))
        };
        match command {
            TeachCommand::New => Ok(Opens::Modal(
                teach::modal(None, &Draft::default()).expect("the new modal's id fits"),
            )),
            TeachCommand::Edit(topic) => {
                let overlay = self.taught(guild).await?;
                let faq = topic_of(&overlay, topic)?;
                teach::modal(Some(&faq.id), &Draft::of(&faq))
                    .map(Opens::Modal)
                    .ok_or_else(|| Response::notice("That FAQ's id is too long to edit here: edit it in a file and import it with `rolecall import`."))
            }
            TeachCommand::Remove(topic) => {
                let overlay = self.taught(guild).await?;
                Ok(Opens::Reply(teach::confirm_remove(&topic_of(
                    &overlay, topic,
                )?)))
            }
            TeachCommand::List => {
                let overlay = self.taught(guild).await?;
                Ok(Opens::Reply(teach::list(&overlay, self.servers.limit())))
            }
            TeachCommand::History(topic) => {
                let overlay = self.taught(guild).await?;
                let id =
                    teach::find(&overlay, topic).map_or_else(|| topic.clone(), |f| f.id.clone());
                let revisions = self
                    .stored(
                        "read a FAQ's history",
                        self.store.faq_history(guild, &id, teach::HISTORY_SHOWN),
                    )
                    .await
                    .ok_or_else(store_down)?;
                if revisions.is_empty() {
                    return Err(teach::unknown(topic, &overlay));
                }
                Ok(Opens::Reply(teach::history(&id, &revisions)))
            }
        }
    }

    /// A submitted `/teach` modal: validated on the server's knowledge, then saved and live.
    pub(super) async fn on_teach_modal(
        &self,
        ctx: &Context,
        modal: &ModalInteraction,
        submitted: Submitted,
    ) {
        let who = Editor {
            guild: modal.guild_id.map(GuildId::get),
            user: modal.user.id.get(),
            member: modal.member.as_ref(),
        };
        let response = match self.save_taught(&who, submitted).await {
            Ok(r) | Err(r) => r,
        };
        self.respond(ctx, modal.id, &modal.token, modal.channel_id, response)
            .await;
    }

    async fn save_taught(&self, who: &Editor<'_>, s: Submitted) -> Result<Response, Response> {
        let command = if s.editing.is_some() {
            "/teach edit"
        } else {
            "/teach new"
        };
        let guild = self.teaching_guild(who, command)?;
        // One change at a time in this process, so two saves don't build on the same old
        // overlay and drop each other's FAQ from the knowledge in use.
        let _one = self.teaching.lock().await;
        let overlay = self.taught(guild).await?;
        let base = self.servers.base();
        let id = match &s.editing {
            Some(id) => id.clone(),
            None => overlay::new_id(&s.draft.question, |id| {
                base.parse_entry(id).is_some() || overlay.faq(id).is_some()
            }),
        };
        let candidate = overlay.with_faq(s.draft.to_faq(id.clone()));
        let k = match self.servers.try_overlay(guild, candidate).await {
            Ok(k) => k,
            Err(refusal) => {
                info!(guild, faq = %id, "refused a server FAQ: {refusal}");
                return Err(teach::refused(&refusal, &s.draft));
            }
        };
        let faq = s.draft.to_faq(id.clone());
        let saved = self
            .stored(
                "save a server FAQ",
                self.store.put_faq(guild, &faq, who.user, unix_now()),
            )
            .await;
        let Some(action) = saved else {
            // Not stored: don't answer from it either.
            self.servers.forget(guild);
            return Err(store_down());
        };
        info!(guild, faq = %id, action = action.as_str(), "saved a server FAQ");
        self.announce_overlay(guild).await;
        Ok(teach::saved(&k, &id, action, who.user))
    }

    /// "Remove" and "Keep it" under `/teach remove`'s question.
    pub(super) async fn on_teach_click(&self, ctx: &Context, click: &ComponentInteraction) {
        let who = Editor {
            guild: click.guild_id.map(GuildId::get),
            user: click.user.id.get(),
            member: click.member.as_ref(),
        };
        let response = if click.data.custom_id == teach::KEEP_BUTTON {
            teach::kept()
        } else {
            match self.remove_taught(&who, &click.data.custom_id).await {
                Ok(r) | Err(r) => r,
            }
        };
        self.respond(ctx, click.id, &click.token, click.channel_id, response)
            .await;
    }

    async fn remove_taught(&self, who: &Editor<'_>, custom_id: &str) -> Result<Response, Response> {
        let guild = self.teaching_guild(who, "/teach remove")?;
        let Some(id) = teach::parse_remove(custom_id) else {
            return Err(Response::notice(buttons::STALE));
        };
        let _one = self.teaching.lock().await;
        let removed = self
            .stored(
                "remove a server FAQ",
                self.store.remove_faq(guild, id, who.user, unix_now()),
            )
            .await
            .ok_or_else(store_down)?;
        self.servers.forget(guild);
        if removed {
            info!(guild, faq = %id, "removed a server FAQ");
            self.announce_overlay(guild).await;
        }
        Ok(teach::removed(id, removed))
    }

    /// "Answer this" under `/gaps`: the `/teach new` modal with the topic's commonest
    /// phrasing as the question and the others as phrasings.
    pub(super) async fn on_answer_gap(&self, ctx: &Context, click: &ComponentInteraction) -> bool {
        let Some((days, n)) = parse_answer_gap(&click.data.custom_id) else {
            return false;
        };
        let who = Editor {
            guild: click.guild_id.map(GuildId::get),
            user: click.user.id.get(),
            member: click.member.as_ref(),
        };
        let opened = async {
            let guild = self.teaching_guild(&who, "/gaps")?;
            let (_, gaps) = self
                .gaps_report(guild, days)
                .await
                .ok_or_else(admin::no_gaps)?;
            let topic = gaps.topics.get(n).ok_or_else(|| {
                Response::notice(
                    "That topic has left the report (it may be answered now). Run `/gaps` again.",
                )
            })?;
            let mut phrasings = topic.phrasings.iter().map(|(p, _)| p.clone());
            let question = phrasings.next().unwrap_or_default();
            let draft = Draft {
                question: rolecall_core::limits::truncate(&question, overlay::QUESTION_CHARS),
                answer: String::new(),
                phrasings: phrasings.collect(),
            };
            Ok::<_, Response>(teach::modal(None, &draft).expect("the new modal's id fits"))
        };
        match opened.await {
            Ok(modal) => {
                self.callback(ctx, click.id, &click.token, click.channel_id, modal)
                    .await;
            }
            Err(r) => {
                self.respond(ctx, click.id, &click.token, click.channel_id, r)
                    .await
            }
        }
        true
    }

    /// `/team`: anyone may show; editors set and remove.
    pub(super) async fn on_team_command(
        &self,
        cmd: &CommandInteraction,
        command: TeamCommand,
    ) -> Response {
        let who = Editor {
            guild: cmd.guild_id.map(GuildId::get),
            user: cmd.user.id.get(),
            member: cmd.member.as_deref(),
        };
        match self.team_command(&who, command).await {
            Ok(r) | Err(r) => r,
        }
    }

    async fn team_command(
        &self,
        who: &Editor<'_>,
        command: TeamCommand,
    ) -> Result<Response, Response> {
        if let TeamCommand::Show { team } = &command {
            let Some(guild) = who.guild else {
                return Err(admin::server_only(command.name()));
            };
            let k = self.servers.knowledge(Some(guild)).await;
            return Ok(team::show(&k, team.as_deref()));
        }
        let guild = self.teaching_guild(who, command.name())?;
        let base = self.servers.base();
        let (TeamCommand::Set { role, member, team } | TeamCommand::Remove { role, member, team }) =
            &command
        else {
            unreachable!("show returned above")
        };
        let holder = team::holder(&base, role, *member, team.as_deref())?;
        let _one = self.teaching.lock().await;
        let now = unix_now();
        let (set, changed) = if matches!(command, TeamCommand::Set { .. }) {
            let overlay = self.taught(guild).await?;
            if let Err(refusal) = self
                .servers
                .try_overlay(guild, overlay.with_holder(holder.clone()))
                .await
            {
                return Err(Response::notice(&format!("Nothing was noted: {refusal}")));
            }
            let added = self
                .stored(
                    "save a roster entry",
                    self.store.set_holder(guild, &holder, who.user, now),
                )
                .await;
            let Some(added) = added else {
                self.servers.forget(guild);
                return Err(store_down());
            };
            (true, added)
        } else {
            let removed = self
                .stored(
                    "remove a roster entry",
                    self.store.remove_holder(guild, &holder),
                )
                .await
                .ok_or_else(store_down)?;
            self.servers.forget(guild);
            (false, removed)
        };
        if changed {
            info!(guild, role = %holder.role, set, "changed the server's roster");
            self.announce_overlay(guild).await;
        }
        let k = self.servers.knowledge(Some(guild)).await;
        Ok(team::changed(&k, &holder, set, changed))
    }

    /// Choices for `/teach`'s topic and `/team`'s role and team.
    pub(super) async fn teach_choices(
        &self,
        ac: &CommandInteraction,
    ) -> Option<Vec<(String, String)>> {
        let focused = ac.data.autocomplete()?;
        let guild = ac.guild_id.map(GuildId::get)?;
        let typed = focused.value.to_lowercase();
        let fits = |s: &str| rolecall_core::limits::truncate(s, rolecall_core::limits::CHOICE_NAME);
        match (ac.data.name.as_str(), focused.name) {
            (teach::NAME, teach::TOPIC) => {
                let overlay = self.servers.overlay(guild).await.ok()?;
                Some(
                    overlay
                        .faqs
                        .iter()
                        .filter(|f| {
                            typed.is_empty()
                                || f.question.to_lowercase().contains(&typed)
                                || f.id.contains(&typed)
                        })
                        .take(rolecall_core::limits::CHOICES)
                        .map(|f| (fits(&f.question), f.id.clone()))
                        .collect(),
                )
            }
            (team::NAME, team::ROLE) => {
                let k = self.servers.base();
                Some(
                    rolecall_core::complete::complete(
                        &k,
                        rolecall_core::complete::Pool::Roles,
                        focused.value,
                    )
                    .into_iter()
                    .map(|c| (c.name, c.value))
                    .collect(),
                )
            }
            (team::NAME, team::TEAM) => {
                let k = self.servers.knowledge(Some(guild)).await;
                let overlay = self.servers.overlay(guild).await.unwrap_or_default();
                let mut names: Vec<String> = k.teams.iter().map(|t| t.name.clone()).collect();
                names.extend(overlay.holders.iter().filter_map(|h| h.team.clone()));
                names.sort();
                names.dedup();
                Some(
                    names
                        .into_iter()
                        .filter(|n| typed.is_empty() || n.to_lowercase().contains(&typed))
                        .take(rolecall_core::limits::CHOICES)
                        .map(|n| (fits(&n), fits(&n)))
                        .collect(),
                )
            }
            _ => None,
        }
    }

    /// Tells the bot's other processes that `guild` changed what it taught (PostgreSQL).
    async fn announce_overlay(&self, guild: u64) {
        if self.store.backend() == "postgres" {
            let _ = self
                .stored(
                    "announce a server's change",
                    self.store.announce_overlay(guild, &self.origin),
                )
                .await;
        }
    }
}

/// What a `/teach` command opens.
pub(super) enum Opens {
    /// A modal.
    Modal(CreateInteractionResponse),
    /// A reply.
    Reply(Response),
}

/// The note when the store isn't answering: nothing changed.
fn store_down() -> Response {
    Response::notice(
        "I couldn't reach the database just now, so nothing changed. Try again in a minute.",
    )
}
