//! The onboarding tour in Discord, pure: its buttons' custom ids, its pages as responses,
//! the public "Start the tour" post and greeting, and the Manage Server check.
//!
//! A tour button's custom id carries everything needed to show the next page
//! (`rc:tour:<user>:<tour fingerprint>:<verb>`), so a page can be shown even when the store
//! is unreachable, and a button from before the tour was edited is recognised as stale.

use super::response::{Button, ButtonId, ButtonKind, Response};
use rolecall_core::knowledge::{Kind, Knowledge, Tour};
use rolecall_core::onboarding::{self, Action, Does, Page, View};
use rolecall_core::reply::{self, Reply};
use serenity::all::Permissions;

/// Prefix of the custom id of every button of a tour page.
pub const TOUR_PREFIX: &str = "rc:tour:";
/// Custom id of the public "Start the tour" button (anyone may click it).
pub const START_ID: &str = "rc:tour-start";
/// Label of the "Start the tour" button.
pub const START_LABEL: &str = "Start the tour";
/// Shown on a page when the store could not keep the progress.
pub const NOT_SAVED: &str = "I couldn't save your progress just now; the tour still works, \
                             but /onboard may not resume here later.";
/// Shown on a page when the store could not be read.
pub const NOT_LOADED: &str = "I couldn't read your saved progress just now, so this starts \
                              from the page you clicked.";

/// What a tour button does, read back from its custom id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TourClick {
    /// Whose tour the button belongs to.
    pub user: u64,
    /// Fingerprint of the tour the page was made from.
    pub tour: u32,
    /// What it does, with pages as numbers (0 intro, 1..=N steps, N+1 summary).
    pub verb: Verb,
}

/// A tour action with its page as a number, as it travels in a custom id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// Show page `n`.
    Go(usize),
    /// Answer step `step`'s quiz with `choice` (both 0-based).
    Answer {
        /// Step index.
        step: usize,
        /// Choice index.
        choice: usize,
    },
    /// Start over.
    Restart,
}

impl TourClick {
    /// The custom id `rc:tour:<user>:<fingerprint>:<g3 | a2.1 | r>`.
    pub fn encode(&self) -> String {
        let verb = match self.verb {
            Verb::Go(n) => format!("g{n}"),
            Verb::Answer { step, choice } => format!("a{step}.{choice}"),
            Verb::Restart => "r".to_string(),
        };
        format!("{TOUR_PREFIX}{}:{:08x}:{verb}", self.user, self.tour)
    }

    /// Reads a custom id made by [`TourClick::encode`]; `None` for anything else.
    pub fn parse(custom_id: &str) -> Option<TourClick> {
        let mut parts = custom_id.strip_prefix(TOUR_PREFIX)?.split(':');
        let user = parts.next()?.parse().ok()?;
        let tour = u32::from_str_radix(parts.next()?, 16).ok()?;
        let verb = parts.next()?;
        if parts.next().is_some() {
            return None;
        }
        let verb = if verb == "r" {
            Verb::Restart
        } else if let Some(n) = verb.strip_prefix('g') {
            Verb::Go(n.parse().ok()?)
        } else {
            let (step, choice) = verb.strip_prefix('a')?.split_once('.')?;
            Verb::Answer {
                step: step.parse().ok()?,
                choice: choice.parse().ok()?,
            }
        };
        Some(TourClick { user, tour, verb })
    }

    /// The action on `tour`, or `None` when a page or step is out of range.
    pub fn action(&self, tour: &Tour) -> Option<Action> {
        match self.verb {
            Verb::Go(n) => Page::from_number(tour, n).map(Action::Go),
            Verb::Answer { step, choice } => {
                let quiz = tour.steps.get(step)?.quiz.as_ref()?;
                (choice < quiz.choices.len()).then_some(Action::Answer { step, choice })
            }
            Verb::Restart => Some(Action::Restart),
        }
    }
}

/// The verb that travels in a custom id for `action` on `tour`.
fn verb(tour: &Tour, action: Action) -> Verb {
    match action {
        Action::Go(page) => Verb::Go(page.number(tour)),
        Action::Answer { step, choice } => Verb::Answer { step, choice },
        Action::Restart => Verb::Restart,
    }
}

/// A tour page for `user` as a private response: a new message, or (`update`) an edit of
/// the page the button was on.
pub fn page(tour: &Tour, view: &View, user: u64, update: bool) -> Response {
    let fingerprint = onboarding::fingerprint(tour);
    let mut r = Response::from_reply(&without_offers(&view.reply), user);
    r.buttons = view
        .buttons
        .iter()
        .filter_map(|b| {
            let (custom_id, kind) = match &b.does {
                Does::Tour(action) => (
                    TourClick {
                        user,
                        tour: fingerprint,
                        verb: verb(tour, *action),
                    }
                    .encode(),
                    ButtonKind::Tour(b.style),
                ),
                Does::Open(entry) => (
                    ButtonId {
                        asker: user,
                        entry: entry.clone(),
                    }
                    .encode()?,
                    ButtonKind::Related,
                ),
            };
            let mut button = Button::new(custom_id, &b.label, kind);
            button.disabled = b.disabled;
            button.row = b.row;
            Some(button)
        })
        .collect();
    r.entry = Some(format!("tour:{}", page_name(tour, view.page)));
    r.cooldown_key = None;
    r.update = update;
    r.private(true)
}

/// The page's name for logs: `intro`, the step's id, or `summary`.
fn page_name(tour: &Tour, page: Page) -> &str {
    match page {
        Page::Intro => "intro",
        Page::Step(i) => tour.steps.get(i).map_or("?", |s| s.id.as_str()),
        Page::Summary => "summary",
    }
}

/// The reply without the offers [`Response::from_reply`] would turn into buttons: a tour
/// page's buttons are its own.
fn without_offers(reply: &Reply) -> Reply {
    Reply {
        suggestions: Vec::new(),
        related: Vec::new(),
        examples: Vec::new(),
        menu: None,
        ..reply.clone()
    }
}

/// The public message `/onboarding post` puts in a channel: what the tour is, and a button
/// anyone can click for their own private tour.
pub fn post(k: &Knowledge) -> Response {
    let mut r = Response::from_reply(&invitation(k), 0);
    r.buttons = vec![start_button()];
    r.entry = Some("tour:post".into());
    r.cooldown_key = None;
    r.private(false)
}

/// The greeting for a new member in the welcome channel: names them (the one ping this
/// message allows) and offers the tour.
pub fn welcome(k: &Knowledge, member: u64) -> Response {
    let mut r = post(k);
    r.content = Some(format!("Welcome, <@{member}>!"));
    r.entry = Some("tour:welcome".into());
    r.ping = Some(member);
    r
}

/// The green "Start the tour" button.
pub fn start_button() -> Button {
    Button::new(START_ID.to_string(), START_LABEL, ButtonKind::StartTour)
}

/// The embed of a tour post or greeting.
fn invitation(k: &Knowledge) -> Reply {
    let Some(tour) = &k.tour else {
        return onboarding::no_tour(k, onboarding::Surface::Discord);
    };
    let quizzes = tour.steps.iter().filter(|s| s.quiz.is_some()).count();
    let description = format!(
        "**New here? Take the tour.** It walks you through who does what in {} steps{}, \
         privately: only you see it, and you can stop and pick up again with `/onboard`.",
        tour.steps.len(),
        match quizzes {
            0 => String::new(),
            1 => ", with one quiz question".to_string(),
            n => format!(", with {n} quiz questions"),
        }
    );
    Reply::plain(
        Kind::Help,
        tour.title.clone(),
        description,
        reply::NEUTRAL_COLOUR,
        // An invitation states no fact of the source: no credit.
        String::new(),
    )
}

/// The private note for a tour button from an old message or an edited tour.
pub fn stale() -> Response {
    Response::notice(
        "That tour page is out of date (the tour was changed or restarted since). \
         Type `/onboard` to carry on from where you are.",
    )
}

/// The private note for a tour button pressed by someone it doesn't belong to.
pub fn not_yours() -> Response {
    Response::notice("That is someone else's tour. Type `/onboard` to take your own.")
}

/// The private note when the knowledge has no tour.
pub fn no_tour(k: &Knowledge, asker: u64) -> Response {
    Response::from_reply(&onboarding::no_tour(k, onboarding::Surface::Discord), asker).private(true)
}

/// The permission `/onboarding` needs.
pub const ADMIN_PERMISSION: Permissions = Permissions::MANAGE_GUILD;

/// Whether a member with `permissions` (as Discord resolves them in the interaction) may
/// use `/onboarding`: Manage Server, or Administrator.
pub fn is_admin(permissions: Option<Permissions>) -> bool {
    permissions.is_some_and(|p| p.contains(ADMIN_PERMISSION) || p.administrator())
}

/// The private refusal for a member without Manage Server.
pub fn refused(subcommand: &str) -> Response {
    Response::notice(&format!(
        "`/onboarding {subcommand}` needs the **Manage Server** permission, which you don't \
         have here. Ask a server admin, or take the tour yourself with `/onboard`."
    ))
}

/// The private note for `/onboarding` used outside a server.
pub fn server_only() -> Response {
    Response::notice("`/onboarding` works in a server, not in direct messages.")
}

/// The private answer to `/forget-me`: `rows` of tour progress and `votes` 👍/👎 (with
/// their notes) were deleted.
pub fn forgotten(rows: u64, votes: u64) -> Response {
    let mut deleted = Vec::new();
    if rows > 0 {
        deleted.push("your onboarding tour progress (step, quiz answers and times)".to_string());
    }
    if votes > 0 {
        deleted.push(match votes {
            1 => "your 👍/👎 vote and any note you left with it".to_string(),
            n => format!("your {n} 👍/👎 votes and any notes you left with them"),
        });
    }
    Response::notice(&if deleted.is_empty() {
        "I had nothing stored about you. rolecall keeps your onboarding tour progress and \
         your 👍/👎 votes, and there were none. (The questions people ask are kept without \
         saying who asked.)"
            .to_string()
    } else {
        format!(
            "Done: I deleted {} in every server. What servers' editors recorded with `/team` \
             and `/teach` (who holds a role, who changed a FAQ) stays with the server: ask \
             an editor there to remove it.",
            deleted.join(", and ")
        )
    })
}

/// The private note when `/forget-me` could not reach the store.
pub fn not_forgotten() -> Response {
    Response::notice(
        "I couldn't delete your data just now: the database isn't answering. Nothing was \
         changed; please try `/forget-me` again in a few minutes.",
    )
}

/// The private note when `/onboarding report` could not read the store.
pub fn no_report() -> Response {
    Response::notice(
        "I couldn't read the tour's numbers just now: the database isn't answering. \
         Try `/onboarding report` again in a few minutes.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_ids_round_trip_and_fit() {
        for verb in [
            Verb::Go(0),
            Verb::Go(12),
            Verb::Answer { step: 3, choice: 4 },
            Verb::Restart,
        ] {
            let click = TourClick {
                user: u64::MAX,
                tour: u32::MAX,
                verb,
            };
            let id = click.encode();
            assert!(id.chars().count() <= 100, "{id}");
            assert_eq!(TourClick::parse(&id), Some(click));
        }
    }

    #[test]
    fn other_custom_ids_are_not_tour_clicks() {
        for id in [
            "rc:ans:1:pm",
            START_ID,
            "rc:tour:1:zz:g1",
            "rc:tour:1:0000abcd",
            "rc:tour:1:0000abcd:x1",
            "rc:tour:1:0000abcd:a1",
            "rc:tour:1:0000abcd:g1:extra",
            "rc:tour:x:0000abcd:g1",
        ] {
            assert_eq!(TourClick::parse(id), None, "{id}");
        }
    }

    #[test]
    fn manage_server_or_administrator_may_use_onboarding() {
        assert!(is_admin(Some(Permissions::MANAGE_GUILD)));
        assert!(is_admin(Some(Permissions::ADMINISTRATOR)));
        assert!(is_admin(Some(
            Permissions::MANAGE_GUILD | Permissions::SEND_MESSAGES
        )));
        assert!(!is_admin(Some(
            Permissions::SEND_MESSAGES | Permissions::MANAGE_MESSAGES
        )));
        assert!(!is_admin(None));
    }

    #[test]
    fn a_refusal_names_the_missing_permission() {
        let r = refused("report");
        assert!(r.ephemeral);
        let text = r.content.unwrap();
        assert!(text.contains("Manage Server"), "{text}");
        assert!(text.contains("/onboarding report"), "{text}");
    }
}
