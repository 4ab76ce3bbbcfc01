//! Questions typed in a channel, and the replies to them.

use super::*;

impl Handler {
    pub(super) async fn on_message(&self, ctx: &Context, msg: &Message, why: Trigger) {
        let m = Incoming::from_message(msg);
        let cfg = self.settings.channel_matching();
        let (r, asked) = messages::respond(&*self.knowledge_in(msg.guild_id).await, &cfg, &m, why);
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
    pub(super) async fn reply_to(&self, ctx: &Context, msg: &Message, m: &Incoming, r: Response) {
        record(&r);
        let gated = self
            .limiter()
            .gate_message(r, m.author, m.channel, Instant::now());
        let Some(r) = gated else {
            debug!("rate limit or cooldown: staying silent");
            return;
        };
        let key = r.cooldown_key.clone();
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
            if let Some(key) = key {
                let earlier = Earlier::Message {
                    guild: m.guild,
                    channel: m.channel,
                    id: sent.id.get(),
                };
                self.limiter().sent(&key, m.channel, earlier);
            }
        }
    }
}
