//! The admins' `/gaps [days]` (what people asked that the knowledge doesn't answer) and
//! `/reload` (read the knowledge files again).
//!
//! Both need Manage Server: Discord hides them from other members, and the handler checks
//! again (a server can grant a command to anyone). They read the store or the files, so the
//! handler runs them; what they show is built by [`crate::discord::admin`].

use crate::discord::tour::ADMIN_PERMISSION;
use serenity::all::{CommandData, CommandOptionType, CreateCommand, CreateCommandOption};

/// `/gaps`: the question log's report.
pub const GAPS: &str = "gaps";
/// `/gaps`'s option: how many days back to look.
pub const DAYS: &str = "days";
/// `/reload`: reload the knowledge files.
pub const RELOAD: &str = "reload";
/// Days `/gaps` looks back when not told.
pub const DEFAULT_DAYS: u32 = 30;
/// Most days `/gaps` looks back.
pub const MAX_DAYS: u32 = 365;

/// A parsed admin command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminCommand {
    /// `/gaps [days]`.
    Gaps {
        /// Days to look back (1..=365).
        days: u32,
    },
    /// `/reload`.
    Reload,
}

impl AdminCommand {
    /// Reads an admin command; `None` for any other command.
    pub fn parse(data: &CommandData) -> Option<AdminCommand> {
        match data.name.as_str() {
            GAPS => {
                let days = data
                    .options
                    .iter()
                    .find(|o| o.name == DAYS)
                    .and_then(|o| o.value.as_i64())
                    .map_or(DEFAULT_DAYS, clamp_days);
                Some(AdminCommand::Gaps { days })
            }
            RELOAD => Some(AdminCommand::Reload),
            _ => None,
        }
    }

    /// The command as typed, for notes (`/gaps`, `/reload`).
    pub fn name(self) -> &'static str {
        match self {
            AdminCommand::Gaps { .. } => "/gaps",
            AdminCommand::Reload => "/reload",
        }
    }
}

/// `days` within 1..=[`MAX_DAYS`] (Discord enforces it too; a stale registration may not).
pub fn clamp_days(days: i64) -> u32 {
    u32::try_from(days.clamp(1, i64::from(MAX_DAYS))).unwrap_or(DEFAULT_DAYS)
}

/// `/gaps`'s registration: Manage Server only, not in direct messages.
pub fn register_gaps() -> CreateCommand {
    CreateCommand::new(GAPS)
        .description("What people asked that rolecall couldn't answer, and answers rated 👎")
        .default_member_permissions(ADMIN_PERMISSION)
        .dm_permission(false)
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::Integer,
                DAYS,
                "How many days back to look (default 30)",
            )
            .min_int_value(1)
            .max_int_value(u64::from(MAX_DAYS)),
        )
}

/// `/reload`'s registration: Manage Server only, not in direct messages.
pub fn register_reload() -> CreateCommand {
    CreateCommand::new(RELOAD)
        .description("Read the knowledge files again (every bot process), and say what changed")
        .default_member_permissions(ADMIN_PERMISSION)
        .dm_permission(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn data(v: serde_json::Value) -> CommandData {
        serde_json::from_value(v).expect("command data deserializes")
    }

    #[test]
    fn gaps_reads_its_days_and_reload_has_none() {
        let gaps = |options| {
            AdminCommand::parse(&data(
                json!({"id": "1", "name": "gaps", "type": 1, "options": options}),
            ))
        };
        assert_eq!(
            gaps(json!([])),
            Some(AdminCommand::Gaps { days: DEFAULT_DAYS })
        );
        assert_eq!(
            gaps(json!([{"name": "days", "type": 4, "value": 7}])),
            Some(AdminCommand::Gaps { days: 7 })
        );
        assert_eq!(
            gaps(json!([{"name": "days", "type": 4, "value": 99999}])),
            Some(AdminCommand::Gaps { days: MAX_DAYS })
        );
        assert_eq!(
            AdminCommand::parse(&data(json!({"id": "1", "name": "reload", "type": 1}))),
            Some(AdminCommand::Reload)
        );
        assert_eq!(
            AdminCommand::parse(&data(json!({"id": "1", "name": "ask", "type": 1}))),
            None
        );
    }

    #[test]
    fn both_need_manage_server_and_a_server() {
        for c in [register_gaps(), register_reload()] {
            let v = serde_json::to_value(c).unwrap();
            assert_eq!(v["default_member_permissions"], "32", "{v}");
            assert_eq!(v["dm_permission"], false);
        }
        let v = serde_json::to_value(register_gaps()).unwrap();
        assert_eq!(v["options"][0]["min_value"], 1);
        assert_eq!(v["options"][0]["max_value"], 365);
        assert_eq!(v["options"][0]["required"], false);
    }
}
