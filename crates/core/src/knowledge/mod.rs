//! Knowledge: roles, aspects, FAQs and terms, loaded from TOML and validated.
//!
//! A [`Knowledge`] is validated data, immutable once built. It knows nothing of matching:
//! the matcher is built from `&Knowledge` and held beside it (see [`crate::base`]).

mod format;
pub mod language;
mod load;
pub mod naming;
pub mod opener;
mod problem;
mod validate;

pub use validate::{
    LONG_TOUR_STEPS, QUIZ_CHOICES, QUIZ_EXPLAIN_CHARS, QUIZ_QUESTION_CHARS, STEP_TITLE_CHARS,
    TOUR_TEXT_CHARS,
};
pub use validate::{ROW_OPENER_CHARS, SHORT_CREDIT_CHARS, SHORT_TITLE_CHARS};

pub use language::Language;
pub(crate) use load::shipped_files;
pub use load::{LoadError, Source};
pub use problem::{Problem, Severity};

/// How the answer of an FAQ stub exported from the gaps report starts until someone writes
/// it; `rolecall check` reports such an answer as an error, so a stub never goes live.
pub const UNWRITTEN: &str = "UNWRITTEN:";

/// Where an entry was defined: file index and 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    /// Index into [`Knowledge::files`].
    pub file: usize,
    /// 1-based line of the entry's `id`.
    pub line: usize,
}

/// A loaded knowledge file's name and credit line.
#[derive(Debug, Clone)]
pub struct FileInfo {
    /// Path as shown in messages.
    pub path: String,
    /// Full credit line from the file's `[meta]`, shown in `/help`.
    pub credit: Option<String>,
    /// One-line credit shown in the footer of answers from this file.
    pub short_credit: Option<String>,
    /// Link to the source, which answers' titles point to.
    pub url: Option<String>,
    /// The source's title, author, publisher, date and link, as far as given.
    pub source: Vec<String>,
}

/// A kind of fact every role may have (focus, owns, salary, …).
#[derive(Debug, Clone)]
pub struct Aspect {
    /// Unique id.
    pub id: String,
    /// Heading shown in answers.
    pub name: String,
    /// Short name for buttons ("metrics"), when given.
    pub short: Option<String>,
    /// Shown at a glance on role cards and whole comparisons.
    pub glance: bool,
    /// Words and phrases people use for it.
    pub words: Vec<String>,
    /// Where it was defined.
    pub origin: Origin,
}

/// Most aspects shown at a glance (a role card's lines, a comparison's rows).
pub const MAX_GLANCE: usize = 4;

/// A role and its facts.
#[derive(Debug, Clone)]
pub struct Role {
    /// Unique id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Short name for buttons and comparison rows ("PM"), when given.
    pub short: Option<String>,
    /// Other names and abbreviations.
    pub aliases: Vec<String>,
    /// The name and each alias as lower-case words, for finding them in a text.
    pub name_words: Vec<Vec<String>>,
    /// Embed colour as 0xRRGGBB.
    pub colour: u32,
    /// One-line summary.
    pub summary: String,
    /// Fact text per aspect index (`None` where the role has no such fact).
    pub facts: Vec<Option<String>>,
    /// Related entries.
    pub related: Vec<Entry>,
    /// Where it was defined.
    pub origin: Origin,
}

/// A frequently asked question.
#[derive(Debug, Clone)]
pub struct Faq {
    /// Unique id.
    pub id: String,
    /// Canonical question.
    pub question: String,
    /// Short title for buttons, when given.
    pub short: Option<String>,
    /// Other ways people ask it.
    pub phrasings: Vec<String>,
    /// The answer.
    pub answer: String,
    /// Related entries.
    pub related: Vec<Entry>,
    /// Where it was defined.
    pub origin: Origin,
}

/// A glossary term.
#[derive(Debug, Clone)]
pub struct Term {
    /// Unique id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Short name for buttons, when given.
    pub short: Option<String>,
    /// Other names and abbreviations.
    pub aliases: Vec<String>,
    /// Definition.
    pub definition: String,
    /// Related entries.
    pub related: Vec<Entry>,
    /// Where it was defined.
    pub origin: Origin,
}

/// A word the knowledge uses and the other words people type for it.
#[derive(Debug, Clone)]
pub struct Synonym {
    /// The knowledge's own word.
    pub word: String,
    /// Words and phrases that mean the same.
    pub also: Vec<String>,
    /// Where it was defined.
    pub origin: Origin,
}

/// Up to [`RoleSet::MAX`] distinct role indices, kept in definition order: the roles a
/// comparison puts side by side. Small and `Copy` (18 bytes), so an [`Entry`] stays cheap to
/// pass around; any of the first 65,536 roles may be in one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoleSet {
    len: u8,
    roles: [u16; RoleSet::MAX],
}

impl RoleSet {
    /// Most roles one comparison shows: each is a column of an embed (25 fields at most)
    /// and more than this no longer reads as a comparison.
    pub const MAX: usize = 8;

    /// No role.
    pub const EMPTY: RoleSet = RoleSet {
        len: 0,
        roles: [0; RoleSet::MAX],
    };

    /// The set of one role.
    pub fn of(r: usize) -> RoleSet {
        let mut set = RoleSet::default();
        set.insert(r);
        set
    }

    /// Adds role `r`; false when the set is full or `r` is past the 65,536th role (it is
    /// then left unchanged).
    pub fn insert(&mut self, r: usize) -> bool {
        let Ok(r) = u16::try_from(r) else {
            return false;
        };
        let held = &self.roles[..self.len as usize];
        match held.binary_search(&r) {
            Ok(_) => true,
            Err(_) if self.len as usize == RoleSet::MAX => false,
            Err(at) => {
                self.roles.copy_within(at..self.len as usize, at + 1);
                self.roles[at] = r;
                self.len += 1;
                true
            }
        }
    }

    /// The role indices, in definition order.
    pub fn iter(self) -> impl Iterator<Item = usize> {
        (0..self.len as usize).map(move |i| self.roles[i] as usize)
    }

    /// How many roles it holds.
    pub fn len(self) -> usize {
        self.len as usize
    }

    /// True when it holds no role.
    pub fn is_empty(self) -> bool {
        self.len == 0
    }

    /// True when it holds role `r`.
    pub fn contains(self, r: usize) -> bool {
        self.iter().any(|x| x == r)
    }
}

impl FromIterator<usize> for RoleSet {
    /// Collects roles; past [`RoleSet::MAX`] distinct roles, the lowest indices are kept.
    fn from_iter<I: IntoIterator<Item = usize>>(iter: I) -> RoleSet {
        let mut all: Vec<usize> = iter.into_iter().collect();
        all.sort_unstable();
        all.dedup();
        let mut set = RoleSet::default();
        for r in all.into_iter().take(RoleSet::MAX) {
            set.insert(r);
        }
        set
    }
}

/// Something rolecall can answer with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entry {
    /// A role card.
    Role(usize),
    /// One role's fact for one aspect.
    Fact {
        /// Role index.
        role: usize,
        /// Aspect index.
        aspect: usize,
    },
    /// Side-by-side comparison of roles, optionally on one aspect.
    Compare {
        /// The roles compared (2 to [`RoleSet::MAX`]), in definition order.
        roles: RoleSet,
        /// Aspect index, when narrowed.
        aspect: Option<usize>,
    },
    /// A FAQ.
    Faq(usize),
    /// A glossary term.
    Term(usize),
}

/// What kind of answer an entry gives, as named in JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One fact.
    Fact,
    /// A role card.
    Role,
    /// A comparison.
    Compare,
    /// A FAQ.
    Faq,
    /// A glossary term.
    Term,
    /// What rolecall can answer (for "help").
    Help,
    /// No answer.
    None,
}

impl Kind {
    /// The JSON name of this kind.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Fact => "fact",
            Kind::Role => "role",
            Kind::Compare => "compare",
            Kind::Faq => "faq",
            Kind::Term => "term",
            Kind::Help => "help",
            Kind::None => "none",
        }
    }
}

impl Entry {
    /// The kind of answer this entry gives.
    pub fn kind(self) -> Kind {
        match self {
            Entry::Role(_) => Kind::Role,
            Entry::Fact { .. } => Kind::Fact,
            Entry::Compare { .. } => Kind::Compare,
            Entry::Faq(_) => Kind::Faq,
            Entry::Term(_) => Kind::Term,
        }
    }
}

/// The onboarding tour: a welcome, ordered steps (some with a quiz), and a send-off.
#[derive(Debug, Clone)]
pub struct Tour {
    /// Title shown on every page of the tour ("Welcome to the ART").
    pub title: String,
    /// Text of the first page, before step 1.
    pub intro: String,
    /// Text of the last page, after the last step (above the quiz score).
    pub outro: String,
    /// The steps, in order (at least one).
    pub steps: Vec<TourStep>,
    /// Where `[tour]` was defined.
    pub origin: Origin,
}

/// One step of the tour.
#[derive(Debug, Clone)]
pub struct TourStep {
    /// Unique id within the tour (kept in the store: renaming one restarts that step).
    pub id: String,
    /// Title ("Meet the Product Owner").
    pub title: String,
    /// The step's text.
    pub text: String,
    /// Entries shown compactly under the text (role cards, facts, FAQs, terms).
    pub show: Vec<Entry>,
    /// Show who holds which role here (the roster), when the knowledge lists people.
    pub roster: bool,
    /// An optional question checking the step landed.
    pub quiz: Option<Quiz>,
    /// Where the step was defined.
    pub origin: Origin,
}

/// A multiple-choice question in a tour step.
#[derive(Debug, Clone)]
pub struct Quiz {
    /// The question.
    pub question: String,
    /// The choices (2–5), shown as buttons.
    pub choices: Vec<String>,
    /// Index of the right choice in `choices` (0-based; the file says 1-based).
    pub answer: usize,
    /// Why the right choice is right, shown after any answer.
    pub explain: String,
}

/// A team of the server: its name and the channels that belong to it.
#[derive(Debug, Clone)]
pub struct Team {
    /// Unique id ("blue").
    pub id: String,
    /// Display name ("Team Blue").
    pub name: String,
    /// Other names people use for it ("blue team").
    pub aliases: Vec<String>,
    /// Discord channel ids that belong to the team: questions asked there are about it.
    pub channels: Vec<u64>,
    /// Where it was defined.
    pub origin: Origin,
}

/// A person holding a role here: "Ana is the Product Owner of Team Blue".
#[derive(Debug, Clone)]
pub struct Holder {
    /// Index into [`Knowledge::roles`].
    pub role: usize,
    /// Discord user id.
    pub user: u64,
    /// Index into [`Knowledge::teams`], when the role is held for one team.
    pub team: Option<usize>,
    /// Where it was defined.
    pub origin: Origin,
}

/// Validated knowledge: roles, aspects, FAQs, terms and synonyms.
#[derive(Debug)]
pub struct Knowledge {
    /// Title (from the first file's `[meta] title`).
    pub title: String,
    /// Files it was loaded from.
    pub files: Vec<FileInfo>,
    /// Aspects in definition order.
    pub aspects: Vec<Aspect>,
    /// Roles in definition order.
    pub roles: Vec<Role>,
    /// FAQs in definition order.
    pub faqs: Vec<Faq>,
    /// Terms in definition order.
    pub terms: Vec<Term>,
    /// Context words that never change a match.
    pub ambient: Vec<String>,
    /// Topics rolecall declines rather than guesses at (e.g. "sprint backlog").
    pub out_of_scope: Vec<String>,
    /// Out-of-scope topics that name a span of time ("sprint"): the setting of a question
    /// after "during" or "in".
    pub periods: Vec<String>,
    /// Synonyms: other words for the knowledge's own words.
    pub synonyms: Vec<Synonym>,
    /// The onboarding tour, when a file defines `[tour]`.
    pub tour: Option<Tour>,
    /// Teams of the server (the roster), in definition order.
    pub teams: Vec<Team>,
    /// Who holds which role here (the roster), in definition order.
    pub holders: Vec<Holder>,
    /// The language questions are asked in: cue words and word frequencies (the shipped
    /// English when no file has a `[language]` table).
    pub language: std::sync::Arc<Language>,
    /// Warnings found while loading (the knowledge is usable).
    pub warnings: Vec<Problem>,
    /// Role, FAQ and term ids → their entries, for look-ups by id in constant time.
    pub(crate) ids: std::collections::HashMap<String, Entry>,
}

impl Knowledge {
    /// The stable text id of an entry (`pm`, `po.owns`, `pm+po`, `pm+po.owns`, faq or term id).
    pub fn entry_id(&self, entry: Entry) -> String {
        match entry {
            Entry::Role(r) => self.roles[r].id.clone(),
            Entry::Fact { role, aspect } => {
                format!("{}.{}", self.roles[role].id, self.aspects[aspect].id)
            }
            Entry::Compare { roles, aspect } => {
                let mut id = self
                    .roles_in(roles)
                    .map(|r| self.roles[r].id.as_str())
                    .collect::<Vec<_>>()
                    .join("+");
                if let Some(a) = aspect {
                    id.push('.');
                    id.push_str(&self.aspects[a].id);
                }
                id
            }
            Entry::Faq(f) => self.faqs[f].id.clone(),
            Entry::Term(t) => self.terms[t].id.clone(),
        }
    }

    /// Parses a text id back into an entry; `None` when it names nothing known.
    pub fn parse_entry(&self, id: &str) -> Option<Entry> {
        let (head, aspect) = match id.split_once('.') {
            Some((h, a)) => (h, Some(self.aspect_index(a)?)),
            None => (id, None),
        };
        if head.contains('+') {
            let mut roles = RoleSet::default();
            for part in head.split('+') {
                let r = self.role_index(part)?;
                if roles.contains(r) || !roles.insert(r) {
                    return None;
                }
            }
            if roles.len() < 2 {
                return None;
            }
            if let Some(a) = aspect {
                if !self.all_have(roles, a) {
                    return None;
                }
            }
            return Some(Entry::Compare { roles, aspect });
        }
        if let Some(a) = aspect {
            let role = self.role_index(head)?;
            self.roles[role].facts[a].as_ref()?;
            return Some(Entry::Fact { role, aspect: a });
        }
        if let Some(r) = self.role_index(head) {
            return Some(Entry::Role(r));
        }
        match self.ids.get(head) {
            Some(&e @ (Entry::Faq(_) | Entry::Term(_))) => Some(e),
            _ => None,
        }
    }

    /// Index of the role with this id.
    pub fn role_index(&self, id: &str) -> Option<usize> {
        match self.ids.get(id) {
            Some(&Entry::Role(r)) => Some(r),
            _ => None,
        }
    }

    /// Index of the aspect with this id.
    pub fn aspect_index(&self, id: &str) -> Option<usize> {
        self.aspects.iter().position(|a| a.id == id)
    }

    /// Role indices in a comparison, in definition order.
    pub fn roles_in(&self, roles: RoleSet) -> impl Iterator<Item = usize> + '_ {
        roles.iter().filter(|&r| r < self.roles.len())
    }

    /// The roles that have a fact for `aspect` (the first [`RoleSet::MAX`] of them).
    pub fn roles_with(&self, aspect: usize) -> RoleSet {
        (0..self.roles.len())
            .filter(|&r| self.roles[r].facts[aspect].is_some())
            .collect()
    }

    /// The aspects shown at a glance on role cards and whole comparisons: those marked
    /// `glance = true` (at most [`MAX_GLANCE`]), else the first [`MAX_GLANCE`].
    pub fn glance_aspects(&self) -> Vec<usize> {
        let marked: Vec<usize> = (0..self.aspects.len())
            .filter(|&a| self.aspects[a].glance)
            .take(MAX_GLANCE)
            .collect();
        if marked.is_empty() {
            (0..self.aspects.len().min(MAX_GLANCE)).collect()
        } else {
            marked
        }
    }

    /// True when every role in `roles` has a fact for `aspect`.
    pub fn all_have(&self, roles: RoleSet, aspect: usize) -> bool {
        self.roles_in(roles)
            .all(|r| self.roles[r].facts[aspect].is_some())
    }

    /// The one-line footer credit for an entry: its file's short credit (for a comparison,
    /// the short credits of every file its roles come from, so a team's role beside a
    /// shipped one credits both). A file without one, and no entry at all, fall back to the
    /// first file's short credit, then to the knowledge's title.
    pub fn short_credit_for(&self, entry: Option<Entry>) -> String {
        let files: Vec<usize> = match entry {
            Some(Entry::Compare { roles, .. }) => self
                .roles_in(roles)
                .map(|r| self.roles[r].origin.file)
                .collect(),
            Some(e) => vec![self.origin(e).file],
            None => Vec::new(),
        };
        let first = || self.files.iter().find_map(|f| f.short_credit.as_deref());
        let mut credits: Vec<&str> = Vec::new();
        for credit in files
            .into_iter()
            .filter_map(|f| self.files.get(f)?.short_credit.as_deref().or_else(first))
        {
            if !credits.contains(&credit) {
                credits.push(credit);
            }
        }
        match (credits.is_empty(), first()) {
            (false, _) => credits.join(" · "),
            (true, Some(c)) => c.to_string(),
            (true, None) => self.title.clone(),
        }
    }

    /// Where an entry was defined (for comparisons, the first role).
    pub fn origin(&self, entry: Entry) -> Origin {
        match entry {
            Entry::Role(r) | Entry::Fact { role: r, .. } => self.roles[r].origin,
            Entry::Compare { roles, .. } => {
                let first = self.roles_in(roles).next().unwrap_or(0);
                self.roles[first].origin
            }
            Entry::Faq(f) => self.faqs[f].origin,
            Entry::Term(t) => self.terms[t].origin,
        }
    }
}

/// `text` as lower-case words (letters and digits), e.g. "Product Owner (PO)" → product,
/// owner, po.
pub fn lower_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}
