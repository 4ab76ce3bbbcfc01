//! The platform-independent reply, and how matches and entries become replies: the model
//! here; [`matched`] turns a match into a reply, [`person`] answers questions for a person
//! from the roster, [`entry`] builds an entry's own card.

use crate::base::KnowledgeBase;
use crate::knowledge::naming::{example_entries, example_question, label, short_name, title};
use crate::knowledge::opener;
use crate::knowledge::{Entry, Holder, Kind, Knowledge, RoleSet, Tour};
use crate::matching::{rounded, Band, Intent, Match, MatchConfig, Rejection};
use crate::people;

mod entry;
mod fit;
mod hint;
mod matched;
mod person;

pub use entry::{for_entry, menu, related};
pub use fit::Overflow;
pub use hint::{slash, spell_commands, Command};
pub use matched::{answer, answer_in, from_match, from_match_in, help, none_of_these};

/// Colour of answers about more than one role, and of help (amethyst).
pub const NEUTRAL_COLOUR: u32 = 0x9B59B6;
/// Colour of "did you mean" replies (yellow).
pub const SUGGEST_COLOUR: u32 = 0xFEE75C;
/// Colour of declines and input problems (grey).
pub const DECLINE_COLOUR: u32 = 0x99AAB5;
/// Most suggestions, related entries or example questions offered.
pub const MAX_OFFERS: usize = 3;
/// Most characters a whole comparison should take, so it fits a phone screen; rows past
/// it are left to the aspect menu.
pub const COMPARISON_BUDGET: usize = 900;
/// Room kept in a comparison for the note that more aspects are in the menu.
const NARROW_NOTE_CHARS: usize = 50;
/// Most characters of a short answer shown in a comparison row or a menu option.
pub const ROW_CHARS: usize = 60;
/// Most options in a select menu (Discord's limit).
pub const MENU_OPTIONS: usize = 25;
/// Most people listed in one reply about the roster; more are counted, not named.
pub const MAX_PEOPLE_LINES: usize = 10;
/// The line under a newcomer's answered question that points to the tour.
pub const TOUR_NOTE: &str = "New here? The onboarding tour walks you through who does what.";
/// The entry id of the reply that points to the onboarding tour.
pub const TOUR_ENTRY: &str = "tour";

/// One embed field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Field name.
    pub name: String,
    /// Field value.
    pub value: String,
    /// Shown side by side with neighbouring inline fields.
    pub inline: bool,
}

/// An entry offered as a suggestion, a related answer or an example question.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    /// Entry id.
    pub entry: String,
    /// Human title of the entry (never the user's text).
    pub title: String,
    /// Short label for a button ("PM vs PO: metrics").
    pub label: String,
    /// Match confidence (1 for related entries and examples).
    pub confidence: f32,
}

/// One row of a comparison: an aspect and each role's short answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Aspect name ("Salary").
    pub name: String,
    /// (role's short name, short answer) per role, in the comparison's order.
    pub cells: Vec<(String, String)>,
}

/// What stands between a role and its answer in a [`Row`]'s value.
const CELL_JOIN: &str = " · ";

impl Row {
    /// The row as an embed field value: one line per role, `PM · About $112K a year`.
    pub fn value(&self) -> String {
        let mut out =
            String::with_capacity(self.cells.iter().map(|(r, a)| r.len() + a.len() + 5).sum());
        for (i, (role, answer)) in self.cells.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(role);
            out.push_str(CELL_JOIN);
            out.push_str(answer);
        }
        out
    }

    /// Characters of [`Row::value`], counted without building it.
    pub fn value_chars(&self) -> usize {
        let cells = self.cells.iter();
        let text: usize = cells
            .map(|(r, a)| r.chars().count() + a.chars().count())
            .sum();
        let joins = self.cells.len() * CELL_JOIN.chars().count();
        text + joins + self.cells.len().saturating_sub(1)
    }
}

/// A menu of entries to pick from (a Discord string select).
#[derive(Debug, Clone, PartialEq)]
pub struct Menu {
    /// Text shown before anything is picked ("More on the Product Owner…").
    pub placeholder: String,
    /// The entries, at most [`MENU_OPTIONS`].
    pub options: Vec<MenuOption>,
}

/// One entry in a [`Menu`].
#[derive(Debug, Clone, PartialEq)]
pub struct MenuOption {
    /// Entry id answered when picked.
    pub entry: String,
    /// Label ("Salary").
    pub label: String,
    /// A preview of the answer ("About $112K a year"), possibly empty.
    pub description: String,
}

/// A reply, independent of where it is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// Kind of answer (`None` when declined or unsure).
    pub kind: Kind,
    /// Entry answered, when confident.
    pub entry: Option<String>,
    /// True when a confident answer was given.
    pub answered: bool,
    /// Confidence of the best match, in [0, 1].
    pub confidence: f32,
    /// Title.
    pub title: String,
    /// Link of the title: the source the answer comes from, when its file gives a `url`.
    pub url: Option<String>,
    /// Main text: the answer first, as one bold sentence.
    pub description: String,
    /// Fields.
    pub fields: Vec<Field>,
    /// Comparison rows, one per aspect (shown after the fields).
    pub rows: Vec<Row>,
    /// Colour as 0xRRGGBB: the role answered about, neutral, yellow or grey.
    pub colour: u32,
    /// Footer: one short credit line.
    pub footer: String,
    /// "Did you mean" entries, when unsure.
    pub suggestions: Vec<Offer>,
    /// Related entries, under an answer.
    pub related: Vec<Offer>,
    /// Example questions offered under a decline or help.
    pub examples: Vec<Offer>,
    /// The aspects of a role card, fact or comparison, to pick from.
    pub menu: Option<Menu>,
    /// User ids the reply names (as [`crate::people::mention_of`] in its text), in order.
    pub people: Vec<u64>,
    /// True when the reply points to the onboarding tour (Discord adds a "Start the tour"
    /// button; the terminal says how to take it).
    pub tour: bool,
}

impl Reply {
    /// Characters of its embed that count towards Discord's 6000 total (title, text,
    /// fields, footer), before any cutting.
    pub fn total_chars(&self) -> usize {
        let fields = self
            .fields
            .iter()
            .map(|f| (f.name.as_str(), f.value.as_str()));
        crate::limits::embed_chars(&self.title, &self.description, &self.footer, fields)
    }

    /// A reply with nothing in it but its kind, title, text, colour and footer.
    pub fn plain(
        kind: Kind,
        title: String,
        description: String,
        colour: u32,
        footer: String,
    ) -> Reply {
        Reply {
            kind,
            entry: None,
            answered: false,
            confidence: 0.0,
            title,
            url: None,
            description,
            fields: Vec::new(),
            rows: Vec::new(),
            colour,
            footer,
            suggestions: Vec::new(),
            related: Vec::new(),
            examples: Vec::new(),
            menu: None,
            people: Vec::new(),
            tour: false,
        }
    }
}

fn offer(k: &Knowledge, entry: Entry, confidence: f32) -> Offer {
    Offer {
        entry: k.entry_id(entry),
        title: title(k, entry),
        label: label(k, entry),
        confidence,
    }
}

/// An example question offered as a button: titled as a person would ask it.
fn example_offer(k: &Knowledge, entry: Entry) -> Offer {
    Offer {
        title: example_question(k, entry),
        ..offer(k, entry, 1.0)
    }
}

fn field(name: &str, value: &str, inline: bool) -> Field {
    Field {
        name: name.to_string(),
        value: value.to_string(),
        inline,
    }
}

/// `text` ending with a full stop (or the mark it already ends with).
fn sentence(text: &str) -> String {
    if text.ends_with(['.', '?', '!', '…']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// The colour of a FAQ or term answer: the role its bold opener names, when it names
/// exactly one ("**The Product Owner.**"), else neutral.
fn colour_of_text(k: &Knowledge, text: &str) -> u32 {
    let Some(opening) = opener::split(text).opener else {
        return NEUTRAL_COLOUR;
    };
    // Names match on word boundaries, case aside.
    let words = crate::knowledge::lower_words(opening);
    let mut named = k.roles.iter().filter(|r| {
        r.name_words.iter().any(|n| {
            words
                .windows(n.len())
                .any(|w| w.iter().zip(n).all(|(a, b)| a == b))
        })
    });
    match (named.next(), named.next()) {
        (Some(r), None) => r.colour,
        _ => NEUTRAL_COLOUR,
    }
}

/// The one-line footer of a reply: the entry's short credit (see
/// [`Knowledge::short_credit_for`]).
fn footer(k: &Knowledge, entry: Entry) -> String {
    k.short_credit_for(Some(entry))
}

/// The footer of a reply that states no fact of the knowledge (a decline, "did you mean",
/// help, a notice): none, since only replies that state a source's facts credit it.
const NO_CREDIT: String = String::new();

/// The link of an answer's title: its file's `url` (for a comparison, the first role's).
fn url(k: &Knowledge, entry: Entry) -> Option<String> {
    k.files.get(k.origin(entry).file)?.url.clone()
}

/// A reply that is not an answer (decline, empty or over-long question), offering the
/// example questions as buttons.
fn notice(k: &Knowledge, title: &str, description: String) -> Reply {
    Reply {
        examples: example_entries(k)
            .into_iter()
            .map(|e| example_offer(k, e))
            .collect(),
        ..Reply::plain(
            Kind::None,
            title.to_string(),
            description,
            DECLINE_COLOUR,
            NO_CREDIT,
        )
    }
}

fn role_list(k: &Knowledge) -> String {
    let names: Vec<&str> = k.roles.iter().map(|r| r.name.as_str()).collect();
    match names.len() {
        0 => "the roles in my knowledge".into(),
        1 => format!("the {} role", names[0]),
        n => format!(
            "the {} and {} roles",
            names[..n - 1].join(", "),
            names[n - 1]
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{KnowledgeSource, MatchConfig};
    use std::path::Path;

    fn fixture() -> KnowledgeBase {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/knowledge");
        KnowledgeSource::Path(dir).load().unwrap()
    }

    fn entry(k: &KnowledgeBase, id: &str) -> Entry {
        k.parse_entry(id).unwrap_or_else(|| panic!("{id}"))
    }

    fn ids(k: &KnowledgeBase, entries: &[Entry]) -> Vec<String> {
        entries.iter().map(|&e| k.entry_id(e)).collect()
    }

    #[test]
    fn a_fact_offers_its_comparison_first_then_its_role() {
        let k = fixture();
        assert_eq!(
            ids(&k, &related(&k, entry(&k, "po.owns"))),
            ["pm+po.owns", "po"]
        );
        // A comparison of one aspect offers the whole comparison, then each role.
        assert_eq!(
            ids(&k, &related(&k, entry(&k, "pm+po.salary"))),
            ["pm+po", "pm", "po"]
        );
        // An entry's own list is kept, at most three.
        assert_eq!(
            ids(&k, &related(&k, entry(&k, "pm"))),
            ["po", "pm+po", "who-owns-backlog"]
        );
    }

    #[test]
    fn the_menu_offers_the_other_aspects_and_never_the_one_shown() {
        let k = fixture();
        let options = |id: &str| -> Vec<String> {
            menu(&k, entry(&k, id))
                .map(|m| m.options.into_iter().map(|o| o.entry).collect())
                .unwrap_or_default()
        };
        let card = options("po");
        assert!(card.contains(&"po.owns".to_string()), "{card:?}");
        let fact = options("po.owns");
        assert!(!fact.contains(&"po.owns".to_string()), "{fact:?}");
        assert!(fact.contains(&"po.salary".to_string()), "{fact:?}");
        let compared = options("pm+po.owns");
        assert!(
            compared.iter().all(|o| o.starts_with("pm+po.")),
            "{compared:?}"
        );
        assert!(!compared.contains(&"pm+po.owns".to_string()));
    }

    #[test]
    fn a_comparison_has_a_row_per_aspect_within_its_budget() {
        let k = fixture();
        let r = for_entry(&k, entry(&k, "pm+po"));
        assert_eq!(r.kind, Kind::Compare);
        assert!(!r.rows.is_empty());
        let shown: usize = r
            .rows
            .iter()
            .map(|row| crate::limits::chars(&row.name) + row.value_chars())
            .sum();
        assert!(shown <= COMPARISON_BUDGET, "{shown}");
        for row in &r.rows {
            assert_eq!(row.cells.len(), 2, "{row:?}");
        }
    }

    #[test]
    fn an_unsure_match_offers_titles_never_the_askers_words() {
        let k = fixture();
        let cfg = MatchConfig::DEFAULT;
        let q = "backlog thingy zork";
        let r = answer(&k, q, &cfg);
        assert!(!r.answered);
        assert!(r.suggestions.len() <= MAX_OFFERS);
        for o in r.suggestions.iter().chain(&r.examples) {
            assert!(!o.title.contains("zork"), "{o:?}");
            assert!(k.parse_entry(&o.entry).is_some(), "{o:?}");
            assert!((0.0..=1.0).contains(&o.confidence));
        }
        assert!(!r.title.contains("zork") && !r.description.contains("zork"));
    }

    #[test]
    fn a_rows_value_chars_count_what_its_value_shows() {
        let cell = |r: &str, a: &str| (r.to_string(), a.to_string());
        let rows = [
            Row {
                name: "Salary".into(),
                cells: vec![],
            },
            Row {
                name: "Salary".into(),
                cells: vec![cell("PM", "About $112K")],
            },
            Row {
                name: "Focus".into(),
                cells: vec![
                    cell("PM", "Stratégie 🚀"),
                    cell("PO", "Équipe"),
                    cell("RTE", "—"),
                ],
            },
        ];
        for row in &rows {
            assert_eq!(row.value_chars(), row.value().chars().count(), "{row:?}");
        }
        assert_eq!(rows[2].value(), "PM · Stratégie 🚀\nPO · Équipe\nRTE · —");
    }
}
