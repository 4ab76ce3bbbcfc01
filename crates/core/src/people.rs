//! Who holds which role here: the roster of teams and people from the knowledge.
//!
//! Pure look-ups over [`Knowledge::teams`] and [`Knowledge::holders`]: the team a channel
//! belongs to, the team a question names ("team blue", "the blue team"), who holds a role
//! (for one team or for all), and the roster as lines a reply or a tour step shows. A person
//! is written into reply text as a neutral mention ([`mention_of`]) that each renderer
//! spells its own way ([`spell_mentions`]): Discord as `<@id>` (sent with allowed mentions
//! empty, so showing a name never pings anyone), the terminal as `@id`.

use crate::knowledge::{Holder, Knowledge, Team};
use crate::normalize::{clean, is_stop_key, small_key, word_key, word_slices};
use std::borrow::Cow;

/// The word that names a team in its display name ("Team Blue", "Blue team").
const TEAM_WORD: &str = "team";

/// The team channel `channel` belongs to, if any (the first team listing it).
pub fn team_of_channel(k: &Knowledge, channel: u64) -> Option<usize> {
    k.teams.iter().position(|t| t.channels.contains(&channel))
}

/// The team `text` names, by id, name or alias, read word by word as the matcher reads a
/// question (case, punctuation and plurals folded): "team blue", "blue team", "the blue
/// team" and "blue" all name a team called "Team Blue" with id `blue`. When several teams
/// are named, the longest mention wins, then the earliest.
pub fn find_team(k: &Knowledge, text: &str) -> Option<usize> {
    mention(k, text).map(|m| m.team)
}

/// The people holding role `role`: with a team, those holding it for that team and those
/// holding it for every team (no team given); without one, everyone holding it.
pub fn holders(k: &Knowledge, role: usize, team: Option<usize>) -> Vec<&Holder> {
    k.holders
        .iter()
        .filter(|h| h.role == role)
        .filter(|h| match team {
            Some(t) => h.team.is_none_or(|ht| ht == t),
            None => true,
        })
        .collect()
}

/// The roster as one line per holder, grouped by role in the knowledge's order:
/// `<@2200000000000000001> · Product Owner · Team Blue` (a holder for every team ends with
/// "all teams"). With a team, only that team's holders and those for every team.
pub fn roster_lines(k: &Knowledge, team: Option<usize>) -> Vec<String> {
    roster(k, team)
        .into_iter()
        .map(|h| holder_line(k, h))
        .collect()
}

/// The holders [`roster_lines`] shows, in its order: by role in the knowledge's order,
/// then as listed; with a team, only that team's and those for every team.
pub fn roster(k: &Knowledge, team: Option<usize>) -> Vec<&Holder> {
    let mut shown: Vec<&Holder> = k
        .holders
        .iter()
        .filter(|h| match team {
            Some(t) => h.team.is_none_or(|ht| ht == t),
            None => true,
        })
        .collect();
    // A stable sort: holders of one role keep their order in the file.
    shown.sort_by_key(|h| h.role);
    shown
}

/// One holder as a line: `<@id> · Product Owner · Team Blue`, or `… · all teams` for a
/// holder without a team.
pub fn holder_line(k: &Knowledge, h: &Holder) -> String {
    format!(
        "{} · {} · {}",
        mention_of(h.user),
        k.roles.get(h.role).map_or("", |r| r.name.as_str()),
        team_label(k, h.team)
    )
}

/// Opens a person in reply text (U+E000, from the private use area: no text holds it).
const MENTION_OPEN: char = '\u{E000}';
/// Closes a person in reply text (U+E001).
const MENTION_CLOSE: char = '\u{E001}';

/// A person in reply text, as data: `@id` between two private-use marks, as many
/// characters as Discord's `<@id>`, so text fitted to Discord's limits stays within them
/// whichever way a renderer spells it.
pub fn mention_of(user: u64) -> String {
    format!("{MENTION_OPEN}@{user}{MENTION_CLOSE}")
}

/// `text` with every [`mention_of`] spelled by `spell` (given the user id).
pub fn spell_mentions(text: &str, spell: impl Fn(u64) -> String) -> Cow<'_, str> {
    if !text.contains(MENTION_OPEN) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(MENTION_OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + MENTION_OPEN.len_utf8()..];
        let id = after
            .strip_prefix('@')
            .and_then(|a| a.split_once(MENTION_CLOSE))
            .and_then(|(digits, tail)| Some((digits.parse::<u64>().ok()?, tail)));
        match id {
            Some((user, tail)) => {
                out.push_str(&spell(user));
                rest = tail;
            }
            None => {
                out.push(MENTION_OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The name of team `team` ("Team Blue"), or "all teams" for none.
pub fn team_label(k: &Knowledge, team: Option<usize>) -> &str {
    team.and_then(|t| k.teams.get(t))
        .map_or("all teams", |t| t.name.as_str())
}

/// Where a team is named in a text: the team and the words of the mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mention {
    /// Index into [`Knowledge::teams`].
    pub team: usize,
    /// Index of the mention's first word in the text's words.
    pub start: usize,
    /// How many words it spans.
    pub len: usize,
}

/// The longest (then earliest) team mention in `text`.
pub(crate) fn mention(k: &Knowledge, text: &str) -> Option<Mention> {
    if k.teams.is_empty() {
        return None;
    }
    let cleaned = clean(text);
    let keys: Vec<_> = word_slices(&cleaned).map(|w| small_key(&w)).collect();
    mention_in(&TeamNames::of(k), &keys)
}

/// Every team's names as word-key phrases (see [`phrases`]), made once per knowledge so
/// reading a question only compares words.
#[derive(Debug, Default)]
pub(crate) struct TeamNames(Vec<Vec<Vec<String>>>);

impl TeamNames {
    /// The phrases of each of `k`'s teams, in team order.
    pub(crate) fn of(k: &Knowledge) -> TeamNames {
        TeamNames(k.teams.iter().map(phrases).collect())
    }
}

/// The longest (then earliest) team mention among the word keys of a text.
pub(crate) fn mention_in(names: &TeamNames, keys: &[smol_str::SmolStr]) -> Option<Mention> {
    let mut best: Option<Mention> = None;
    for (team, phrases) in names.0.iter().enumerate() {
        for phrase in phrases {
            let n = phrase.len();
            if n == 0 || n > keys.len() {
                continue;
            }
            let Some(start) = keys.windows(n).position(|w| w == phrase.as_slice()) else {
                continue;
            };
            let better = match best {
                None => true,
                Some(b) => n > b.len || (n == b.len && start < b.start),
            };
            if better {
                best = Some(Mention {
                    team,
                    start,
                    len: n,
                });
            }
        }
    }
    best
}

/// The word-key phrases that name team `t`: its id, name and aliases, each also with the
/// word "team" before or after it and, when it has that word, without it ("Team Blue" also
/// reads "blue team" and "blue"). A bare phrase of stop words ("Team A" → "a") only counts
/// with "team" beside it.
fn phrases(t: &Team) -> Vec<Vec<String>> {
    let team_key = word_key(TEAM_WORD);
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut push = |p: Vec<String>| {
        if !p.is_empty() && !out.contains(&p) {
            out.push(p);
        }
    };
    for name in std::iter::once(&t.id)
        .chain(std::iter::once(&t.name))
        .chain(&t.aliases)
    {
        let cleaned = clean(name);
        let keys: Vec<String> = word_slices(&cleaned).map(|w| word_key(&w)).collect();
        let core: Vec<String> = keys.iter().filter(|k| **k != team_key).cloned().collect();
        if core.is_empty() {
            continue;
        }
        if !core.iter().all(|k| is_stop_key(k)) {
            push(core.clone());
        }
        if keys.len() > core.len() {
            push(keys);
        }
        push(
            std::iter::once(team_key.clone())
                .chain(core.clone())
                .collect(),
        );
        push(
            core.into_iter()
                .chain(std::iter::once(team_key.clone()))
                .collect(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::{Origin, Source};

    /// Two roles, two teams (one with an alias, one with a stop word for a name) and three
    /// holders, built directly so these tests do not depend on the file format.
    fn knowledge() -> Knowledge {
        let text = r#"
[[role]]
id = "po"
name = "Product Owner"
summary = "Owns the team backlog."

[[role]]
id = "pm"
name = "Product Manager"
summary = "Owns the roadmap."
"#;
        let mut k = Knowledge::from_sources(vec![Source {
            path: "roles.toml".into(),
            text: text.into(),
        }])
        .expect("the test roles load");
        let origin = Origin { file: 0, line: 1 };
        let team = |id: &str, name: &str, aliases: &[&str], channels: &[u64]| Team {
            id: id.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            channels: channels.to_vec(),
            origin,
        };
        k.teams = vec![
            team(
                "blue",
                "Team Blue",
                &["the bluebirds"],
                &[1100000000000000001, 1100000000000000011],
            ),
            team("a", "Team A", &[], &[1100000000000000002]),
        ];
        let holder = |role: usize, user: u64, team: Option<usize>| Holder {
            role,
            user,
            team,
            origin,
        };
        k.holders = vec![
            holder(0, 2200000000000000001, Some(0)),
            holder(0, 2200000000000000002, Some(1)),
            holder(1, 2200000000000000003, None),
        ];
        k
    }

    #[test]
    fn a_channel_belongs_to_the_team_listing_it() {
        let k = knowledge();
        assert_eq!(team_of_channel(&k, 1100000000000000011), Some(0));
        assert_eq!(team_of_channel(&k, 1100000000000000002), Some(1));
        assert_eq!(team_of_channel(&k, 1100000000000000099), None);
    }

    #[test]
    fn teams_are_found_by_id_name_alias_and_either_word_order() {
        let k = knowledge();
        for (text, team) in [
            ("team blue", 0),
            ("Who's the PM for Team Blue?", 0),
            ("the blue team", 0),
            ("BLUE TEAM's product owner", 0),
            ("blue", 0),
            ("the blue teams", 0),
            ("ask the Bluebirds", 0),
            ("team a", 1),
            ("who is the po of the A team", 1),
        ] {
            assert_eq!(find_team(&k, text), Some(team), "{text}");
        }
    }

    #[test]
    fn a_stop_word_team_needs_the_word_team_and_unknown_teams_are_none() {
        let k = knowledge();
        assert_eq!(find_team(&k, "who is a product owner"), None);
        assert_eq!(find_team(&k, "team green"), None);
        assert_eq!(find_team(&k, ""), None);
    }

    #[test]
    fn the_longest_mention_wins() {
        let k = knowledge();
        let m = mention(&k, "is blue in the blue team").unwrap();
        assert_eq!((m.team, m.start, m.len), (0, 4, 2));
    }

    #[test]
    fn holders_for_a_team_include_those_for_every_team() {
        let k = knowledge();
        let users = |v: Vec<&Holder>| v.iter().map(|h| h.user).collect::<Vec<_>>();
        assert_eq!(users(holders(&k, 0, Some(0))), [2200000000000000001]);
        assert_eq!(
            users(holders(&k, 0, None)),
            [2200000000000000001, 2200000000000000002]
        );
        assert_eq!(users(holders(&k, 1, Some(1))), [2200000000000000003]);
        assert_eq!(users(holders(&k, 1, None)), [2200000000000000003]);
    }

    #[test]
    fn roster_lines_name_the_person_role_and_team() {
        let k = knowledge();
        let discord = |l: &String| spell_mentions(l, |user| format!("<@{user}>")).into_owned();
        assert_eq!(
            roster_lines(&k, None)
                .iter()
                .map(discord)
                .collect::<Vec<_>>(),
            [
                "<@2200000000000000001> · Product Owner · Team Blue",
                "<@2200000000000000002> · Product Owner · Team A",
                "<@2200000000000000003> · Product Manager · all teams",
            ]
        );
        assert_eq!(
            roster_lines(&k, Some(0))
                .iter()
                .map(discord)
                .collect::<Vec<_>>(),
            [
                "<@2200000000000000001> · Product Owner · Team Blue",
                "<@2200000000000000003> · Product Manager · all teams",
            ]
        );
    }

    #[test]
    fn knowledge_without_a_roster_has_no_lines_and_no_teams() {
        let k = Knowledge::from_sources(vec![Source {
            path: "t.toml".into(),
            text: "[[term]]\nid = \"art\"\nname = \"ART\"\ndefinition = \"A train.\"\n".into(),
        }])
        .unwrap();
        assert!(roster_lines(&k, None).is_empty());
        assert_eq!(find_team(&k, "team blue"), None);
        assert_eq!(team_of_channel(&k, 1), None);
    }
}
