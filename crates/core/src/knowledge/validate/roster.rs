//! The roster: teams (with their channels) and who holds which role, checked against the
//! roles and ids they name.

use super::*;

impl Builder {
    /// Reads `[[team]]`: unique ids and names, and channels that are Discord ids belonging
    /// to one team only.
    pub(super) fn teams(&mut self, file: usize, doc: &FileDoc, lines: &Lines) {
        for t in &doc.team {
            let o = Origin {
                file,
                line: lines.line(t.id.span().start),
            };
            let id = t.id.get_ref().clone();
            let label = format!("team `{id}`");
            if let Some(msg) = id_problem(&id) {
                self.err(o, &label, msg);
                continue;
            }
            if let Some(first) = self.teams.iter().find(|x| x.id == id) {
                let at = format!(
                    "{}:{}",
                    self.files[first.origin.file].path, first.origin.line
                );
                self.err(
                    o,
                    &label,
                    format!("duplicate team id `{id}`: already used at {at}"),
                );
                continue;
            }
            self.text(o, &label, "name", t.name.get_ref(), MAX_NAME_CHARS);
            let mut names = vec![t.name.get_ref().clone()];
            for alias in &t.aliases {
                if alias.trim().is_empty() {
                    self.err(o, &label, "alias list has an empty entry".into());
                } else {
                    names.push(alias.clone());
                }
            }
            for name in &names {
                let key = phrase_key(name);
                if key.is_empty() {
                    continue;
                }
                match self.team_names.get(&key) {
                    Some((owner, first)) if *owner != label => {
                        let at = format!("{}:{}", self.files[first.file].path, first.line);
                        let owner = owner.clone();
                        self.err(
                            o,
                            &label,
                            format!("name `{name}` is also used by {owner} at {at}; each name may point to one team"),
                        );
                    }
                    Some(_) => {}
                    None => {
                        self.team_names.insert(key, (label.clone(), o));
                    }
                }
            }
            let mut channels = Vec::new();
            for c in &t.channels {
                let co = Origin {
                    file,
                    line: lines.line(c.span().start),
                };
                let channel = match discord_id(c.get_ref(), "channel") {
                    Ok(channel) => channel,
                    Err(msg) => {
                        self.err(co, &label, msg);
                        continue;
                    }
                };
                match self.channels.get(&channel).cloned() {
                    Some((owner, _)) if owner == label => {
                        self.warn(co, &label, format!("channel `{channel}` is listed twice"))
                    }
                    Some((owner, first)) => {
                        let at = format!("{}:{}", self.files[first.file].path, first.line);
                        self.err(
                            co,
                            &label,
                            format!("channel `{channel}` already belongs to {owner} at {at}; a channel belongs to one team"),
                        );
                    }
                    None => {
                        self.channels.insert(channel, (label.clone(), co));
                        channels.push(channel);
                    }
                }
            }
            self.teams.push(Team {
                id,
                name: t.name.get_ref().trim().to_string(),
                aliases: t
                    .aliases
                    .iter()
                    .filter(|a| !a.trim().is_empty())
                    .cloned()
                    .collect(),
                channels,
                origin: o,
            });
        }
    }

    /// Resolves `[[holder]]`: a known role, a Discord user id, a known team; a person
    /// listed twice for the same role and team is a warning.
    pub(super) fn holders(&mut self, k: &Knowledge) -> Vec<Holder> {
        let mut holders: Vec<Holder> = Vec::new();
        for (file, h) in std::mem::take(&mut self.holder_docs) {
            let lines = &self.lines[file];
            let at = |off: usize| Origin {
                file,
                line: lines.line(off),
            };
            let (o, uo) = (at(h.role.span().start), at(h.user.span().start));
            let to = h.team.as_ref().map(|t| at(t.span().start));
            let role_id = h.role.get_ref();
            let label = format!("holder `{role_id}`");
            let role = k.role_index(role_id);
            if role.is_none() {
                let known: Vec<&str> = k.roles.iter().map(|r| r.id.as_str()).collect();
                self.err(
                    o,
                    &label,
                    format!(
                        "unknown role `{role_id}` (known roles: {})",
                        known.join(", ")
                    ),
                );
            }
            let user = discord_id(h.user.get_ref(), "user")
                .map_err(|msg| self.err(uo, &label, msg))
                .ok();
            let team = match (&h.team, to) {
                (Some(t), Some(to)) => {
                    let found = k.teams.iter().position(|x| &x.id == t.get_ref());
                    if found.is_none() {
                        let known: Vec<&str> = k.teams.iter().map(|x| x.id.as_str()).collect();
                        let known = if known.is_empty() {
                            "no [[team]] is defined".to_string()
                        } else {
                            format!("known teams: {}", known.join(", "))
                        };
                        self.err(
                            to,
                            &label,
                            format!("unknown team `{}` ({known})", t.get_ref()),
                        );
                        continue;
                    }
                    found
                }
                _ => None,
            };
            let (Some(role), Some(user)) = (role, user) else {
                continue;
            };
            if let Some(first) = holders
                .iter()
                .find(|x| x.role == role && x.user == user && x.team == team)
            {
                let at = format!("{}:{}", k.files[first.origin.file].path, first.origin.line);
                self.warn(
                    o,
                    &label,
                    format!("user `{user}` is listed twice for this role and team (first at {at})"),
                );
                continue;
            }
            holders.push(Holder {
                role,
                user,
                team,
                origin: o,
            });
        }
        holders
    }
}

/// Reads a Discord id (channel or user) written as a string of 17–20 digits.
pub(super) fn discord_id(value: &toml::Value, what: &str) -> Result<u64, String> {
    match value {
        toml::Value::String(s)
            if (17..=20).contains(&s.chars().count()) && s.chars().all(|c| c.is_ascii_digit()) =>
        {
            s.parse::<u64>()
                .map_err(|_| {
                format!("{what} `{s}` is larger than any Discord id; copy it again with Developer Mode → Copy ID")
            })
        }
        toml::Value::String(s) => Err(format!(
            "{what} `{s}` is not a Discord id (17 to 20 digits); {ID_HINT}"
        )),
        toml::Value::Integer(n) => Err(format!(
            "{what} {n} is written as a bare number; {ID_HINT}"
        )),
        other => Err(format!(
            "{what} is a {}, not a Discord id (17 to 20 digits); {ID_HINT}",
            other.type_str()
        )),
    }
}
