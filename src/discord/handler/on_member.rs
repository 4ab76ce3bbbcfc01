//! Greeting a new member in the welcome channel.

use super::*;

impl Handler {
    /// Greets a new member in the welcome channel, when it is set and in their server.
    pub(super) async fn greet(&self, ctx: &Context, member: &Member) {
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
        let r = tour::welcome(
            &*self.servers.knowledge(Some(member.guild_id.get())).await,
            user,
        );
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
}
