//! Commands a reply points to, as data: the core names them, each renderer spells them.

use std::borrow::Cow;

/// Opens a command hint in reply text (U+E002, from the private use area).
const HINT_OPEN: char = '\u{E002}';
/// Closes a command hint in reply text (U+E003).
const HINT_CLOSE: char = '\u{E003}';

/// A command a reply can point the asker to. The Discord adapter registers each under
/// [`Command::name`] (a test there holds the two together).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Ask anything.
    Ask,
    /// A role card.
    Role,
    /// Two roles compared.
    Compare,
    /// A common question or a term.
    Faq,
    /// What rolecall covers.
    Help,
    /// The onboarding tour.
    Onboard,
    /// Posting the tour in a channel (team leads).
    OnboardingPost,
}

impl Command {
    /// Every command a reply may point to.
    pub const ALL: [Command; 7] = [
        Command::Ask,
        Command::Role,
        Command::Compare,
        Command::Faq,
        Command::Help,
        Command::Onboard,
        Command::OnboardingPost,
    ];

    /// The command as typed after the slash, with its subcommand ("onboarding post").
    pub fn name(self) -> &'static str {
        match self {
            Command::Ask => "ask",
            Command::Role => "role",
            Command::Compare => "compare",
            Command::Faq => "faq",
            Command::Help => "help",
            Command::Onboard => "onboard",
            Command::OnboardingPost => "onboarding post",
        }
    }

    /// The command in reply text, as data: `/name` between two private-use marks, as many
    /// characters as the `` `/name` `` Discord shows, so fitted text stays fitted.
    pub fn hint(self) -> String {
        format!("{HINT_OPEN}/{}{HINT_CLOSE}", self.name())
    }
}

/// `text` with every [`Command::hint`] spelled by `spell`.
pub fn spell_commands(text: &str, spell: impl Fn(Command) -> String) -> Cow<'_, str> {
    if !text.contains(HINT_OPEN) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(HINT_OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + HINT_OPEN.len_utf8()..];
        let named = after
            .strip_prefix('/')
            .and_then(|a| a.split_once(HINT_CLOSE))
            .and_then(|(name, tail)| {
                Some((Command::ALL.into_iter().find(|c| c.name() == name)?, tail))
            });
        match named {
            Some((command, tail)) => {
                out.push_str(&spell(command));
                rest = tail;
            }
            None => {
                out.push(HINT_OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A command as a Discord message shows it: `` `/name` ``.
pub fn slash(command: Command) -> String {
    format!("`/{}`", command.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hint_is_as_long_as_the_command_discord_shows_and_spells_back() {
        for c in Command::ALL {
            assert_eq!(c.hint().chars().count(), slash(c).chars().count(), "{c:?}");
            let text = format!("try {} now", c.hint());
            assert_eq!(
                spell_commands(&text, slash),
                format!("try `/{}` now", c.name())
            );
        }
        let odd = "\u{E002}/nope\u{E003} and \u{E002} alone";
        assert_eq!(spell_commands(odd, slash), odd, "what is not a hint stays");
    }
}
