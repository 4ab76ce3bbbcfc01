//! `/team`: a server's editors say who holds which role (`/team set`, `/team remove`), and
//! anyone sees it (`/team show`). "Who is our PO?" then answers from it in that server; for
//! the same role and team it wins over a roster in the knowledge files. Names are shown as
//! mentions, which never ping (replies allow no mentions).

use crate::discord::response::Response;
use rolecall_core::base::KnowledgeBase;
use rolecall_core::limits::{truncate, DESCRIPTION};
use rolecall_core::overlay::ServerHolder;
use rolecall_core::render::Embed;
use serenity::all::{
    CommandData, CommandDataOptionValue, CommandOptionType, CreateCommand, CreateCommandOption,
};

/// `/team`.
pub const NAME: &str = "team";
/// `/team set`.
pub const SET: &str = "set";
/// `/team remove`.
pub const REMOVE: &str = "remove";
/// `/team show`.
pub const SHOW: &str = "show";
/// The role option.
pub const ROLE: &str = "role";
/// The member option.
pub const MEMBER: &str = "member";
/// The team option.
pub const TEAM: &str = "team";
/// Longest team name accepted, in characters.
pub const TEAM_CHARS: u16 = 60;

/// A parsed `/team` command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamCommand {
    /// `/team set role member [team]`.
    Set {
        /// The role as typed or picked.
        role: String,
        /// The member's user id.
        member: u64,
        /// The team as typed or picked.
        team: Option<String>,
    },
    /// `/team remove role member [team]`.
    Remove {
        /// The role as typed or picked.
        role: String,
        /// The member's user id.
        member: u64,
        /// The team as typed or picked.
        team: Option<String>,
    },
    /// `/team show [team]`.
    Show {
        /// Only this team (and those held for everyone).
        team: Option<String>,
    },
}

impl TeamCommand {
    /// Reads `/team`; `None` for any other command (or a malformed one).
    pub fn parse(data: &CommandData) -> Option<TeamCommand> {
        if data.name != NAME {
            return None;
        }
        let sub = data.options.first()?;
        let CommandDataOptionValue::SubCommand(options) = &sub.value else {
            return None;
        };
        let text = |name: &str| {
            options
                .iter()
                .find(|o| o.name == name)
                .and_then(|o| match &o.value {
                    CommandDataOptionValue::String(s) => Some(s.trim().to_string()),
                    CommandDataOptionValue::Autocomplete { value, .. } => {
                        Some(value.trim().to_string())
                    }
                    _ => None,
                })
                .filter(|s| !s.is_empty())
        };
        let member = options
            .iter()
            .find(|o| o.name == MEMBER)
            .and_then(|o| o.value.as_user_id())
            .map(|u| u.get());
        match sub.name.as_str() {
            SET => Some(TeamCommand::Set {
                role: text(ROLE)?,
                member: member?,
                team: text(TEAM),
            }),
            REMOVE => Some(TeamCommand::Remove {
                role: text(ROLE)?,
                member: member?,
                team: text(TEAM),
            }),
            SHOW => Some(TeamCommand::Show { team: text(TEAM) }),
            _ => None,
        }
    }

    /// The command as typed, for notes.
    pub fn name(&self) -> &'static str {
        match self {
            TeamCommand::Set { .. } => "/team set",
            TeamCommand::Remove { .. } => "/team remove",
            TeamCommand::Show { .. } => "/team show",
        }
    }

    /// Whether it changes the roster (editors only).
    pub fn edits(&self) -> bool {
        !matches!(self, TeamCommand::Show { .. })
    }
}

/// `/team`'s registration: in servers only. Everyone sees `/team show`; the handler lets
/// only editors set or remove.
pub fn register() -> CreateCommand {
    let role = || {
        CreateCommandOption::new(CommandOptionType::String, ROLE, "The role (start typing)")
            .required(true)
            .set_autocomplete(true)
            .max_length(100)
    };
    let member =
        || CreateCommandOption::new(CommandOptionType::User, MEMBER, "Who holds it").required(true);
    let team = || {
        CreateCommandOption::new(
            CommandOptionType::String,
            TEAM,
            "Only for this team (leave out for the whole server)",
        )
        .set_autocomplete(true)
        .max_length(TEAM_CHARS)
    };
    let sub = |name: &str, description: &str| {
        CreateCommandOption::new(CommandOptionType::SubCommand, name, description)
    };
    CreateCommand::new(NAME)
        .description("Who holds which role in this server")
        .dm_permission(false)
        .add_option(
            sub(SET, "Say who holds a role (editors)")
                .add_sub_option(role())
                .add_sub_option(member())
                .add_sub_option(team()),
        )
        .add_option(
            sub(REMOVE, "Say someone no longer holds a role (editors)")
                .add_sub_option(role())
                .add_sub_option(member())
                .add_sub_option(team()),
        )
        .add_option(sub(SHOW, "Show who holds which role").add_sub_option(team()))
}

/// The team `text` names: a team of the knowledge (by id, name or alias, any case), else the
/// name as typed, for a team the server makes up.
pub fn resolve_team(k: &KnowledgeBase, text: &str) -> String {
    let wanted = text.trim();
    k.teams
        .iter()
        .find(|t| {
            t.id.eq_ignore_ascii_case(wanted)
                || t.name.eq_ignore_ascii_case(wanted)
                || t.aliases.iter().any(|a| a.eq_ignore_ascii_case(wanted))
        })
        .map_or_else(|| wanted.to_string(), |t| t.id.clone())
}

/// The holder a set or remove names, or the note saying what's wrong with the role.
#[allow(clippy::result_large_err)] // the refusal is the reply, made once per command
pub fn holder(
    k: &KnowledgeBase,
    role: &str,
    member: u64,
    team: Option<&str>,
) -> Result<ServerHolder, Response> {
    let Some(r) = super::resolve_role(k, role) else {
        let roles: Vec<String> = k.roles.iter().map(|r| format!("**{}**", r.name)).collect();
        return Err(Response::notice(&format!(
            "I don't know the role \"{role}\". Pick one of: {}.",
            roles.join(", ")
        )));
    };
    Ok(ServerHolder {
        role: k.roles[r].id.clone(),
        team: team.map(|t| resolve_team(k, t)),
        user: member,
    })
}

/// How a team is shown: the knowledge's name for one of its teams, else the name given.
fn team_name<'a>(k: &'a KnowledgeBase, team: &'a str) -> &'a str {
    k.teams
        .iter()
        .find(|t| t.id == team)
        .map_or(team, |t| t.name.as_str())
}

/// The note after `/team set` (`added`: it was new) or `/team remove` (`added`: it was
/// there to remove).
pub fn changed(k: &KnowledgeBase, h: &ServerHolder, set: bool, changed: bool) -> Response {
    let role = k
        .role_index(&h.role)
        .map_or(h.role.as_str(), |r| k.roles[r].name.as_str());
    let whom = match &h.team {
        Some(t) => format!("{role} of {}", team_name(k, t)),
        None => format!("{role} here"),
    };
    let text = match (set, changed) {
        (true, true) => format!(
            "Noted: <@{}> is {whom}. \"Who is our {role}?\" now names them.",
            h.user
        ),
        (true, false) => format!("<@{}> was already noted as {whom}.", h.user),
        (false, true) => format!("Noted: <@{}> is no longer {whom}.", h.user),
        (false, false) => format!("<@{}> wasn't noted as {whom}: nothing to remove.", h.user),
    };
    Response::notice(&text)
}

/// `/team show`: who holds which role (in `team`, and for everyone), privately.
pub fn show(k: &KnowledgeBase, team: Option<&str>) -> Response {
    let team = team.map(|t| resolve_team(k, t));
    let team_index = team
        .as_deref()
        .and_then(|t| k.teams.iter().position(|x| x.id == t));
    let mut lines = Vec::new();
    for (r, role) in k.roles.iter().enumerate() {
        let held: Vec<String> = k
            .holders
            .iter()
            .filter(|h| h.role == r)
            .filter(|h| match (&team, h.team) {
                (None, _) | (_, None) => true,
                (Some(_), Some(t)) => Some(t) == team_index,
            })
            .map(|h| match h.team {
                Some(t) if team.is_none() => format!("<@{}> ({})", h.user, k.teams[t].name),
                _ => format!("<@{}>", h.user),
            })
            .collect();
        if !held.is_empty() {
            lines.push(format!("**{}**: {}", role.name, held.join(", ")));
        }
    }
    if lines.is_empty() {
        return Response::notice(
            "Nobody is noted for any role here yet. An editor can add someone with \
             `/team set role:… member:…`.",
        );
    }
    let title = match &team {
        Some(t) => format!("Who holds which role: {}", team_name(k, t)),
        None => "Who holds which role here".to_string(),
    };
    let mut r = Response::notice("");
    r.content = None;
    r.embed = Some(Embed {
        title,
        url: None,
        description: truncate(&lines.join("\n"), DESCRIPTION),
        color: rolecall_core::reply::NEUTRAL_COLOUR,
        fields: Vec::new(),
        footer: None,
    });
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn data(v: serde_json::Value) -> CommandData {
        serde_json::from_value(v).expect("command data deserializes")
    }

    #[test]
    fn set_reads_role_member_and_team() {
        let d = data(json!({"id": "1", "name": "team", "type": 1, "options": [
            {"name": "set", "type": 1, "options": [
                {"name": "role", "type": 3, "value": "po"},
                {"name": "member", "type": 6, "value": "42"},
                {"name": "team", "type": 3, "value": " Checkout "}
            ]}
        ]}));
        assert_eq!(
            TeamCommand::parse(&d),
            Some(TeamCommand::Set {
                role: "po".into(),
                member: 42,
                team: Some("Checkout".into())
            })
        );
        let show = data(json!({"id": "1", "name": "team", "type": 1, "options": [
            {"name": "show", "type": 1, "options": []}
        ]}));
        assert_eq!(
            TeamCommand::parse(&show),
            Some(TeamCommand::Show { team: None })
        );
    }

    #[test]
    fn a_holder_names_a_known_role_and_resolves_the_team() {
        let k = KnowledgeBase::shipped().unwrap();
        let h = holder(&k, "Product Owner", 7, Some("Checkout Crew")).unwrap();
        assert_eq!(h.role, "po");
        assert_eq!(h.team.as_deref(), Some("Checkout Crew"));
        assert!(holder(&k, "Chief Vibes Officer", 7, None).is_err());
    }
}
