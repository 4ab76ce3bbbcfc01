//! Knowledge: roles, aspects, FAQs and terms, loaded from TOML and validated.
//!
//! A [`Knowledge`] is validated data, immutable once built. It knows nothing of matching:
//! the matcher is built from `&Knowledge` and held beside it (see [`crate::base`]).

mod format;
mod load;
mod problem;
mod validate;

pub(crate) use validate::label;

pub use load::{LoadError, Source};
pub use problem::{Problem, Severity};

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
    /// Credit line from the file's `[meta]`, shown in footers.
    pub credit: Option<String>,
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
    /// Words and phrases people use for it.
    pub words: Vec<String>,
    /// Where it was defined.
    pub origin: Origin,
}

/// A role and its facts.
#[derive(Debug, Clone)]
pub struct Role {
    /// Unique id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names and abbreviations.
    pub aliases: Vec<String>,
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
    /// Side-by-side comparison of roles (bit i set = role i), optionally on one aspect.
    Compare {
        /// Bit set of role indices (roles beyond 64 cannot be compared).
        roles: u64,
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
    /// Synonyms: other words for the knowledge's own words.
    pub synonyms: Vec<Synonym>,
    /// Warnings found while loading (the knowledge is usable).
    pub warnings: Vec<Problem>,
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
            let mut mask = 0u64;
            for part in head.split('+') {
                let r = self.role_index(part)?;
                if r >= 64 || mask & (1 << r) != 0 {
                    return None;
                }
                mask |= 1 << r;
            }
            if mask.count_ones() < 2 {
                return None;
            }
            if let Some(a) = aspect {
                if self
                    .roles_in(mask)
                    .any(|r| self.roles[r].facts[a].is_none())
                {
                    return None;
                }
            }
            return Some(Entry::Compare {
                roles: mask,
                aspect,
            });
        }
        if let Some(a) = aspect {
            let role = self.role_index(head)?;
            self.roles[role].facts[a].as_ref()?;
            return Some(Entry::Fact { role, aspect: a });
        }
        if let Some(r) = self.role_index(head) {
            return Some(Entry::Role(r));
        }
        if let Some(f) = self.faqs.iter().position(|f| f.id == head) {
            return Some(Entry::Faq(f));
        }
        self.terms
            .iter()
            .position(|t| t.id == head)
            .map(Entry::Term)
    }

    /// Index of the role with this id.
    pub fn role_index(&self, id: &str) -> Option<usize> {
        self.roles.iter().position(|r| r.id == id)
    }

    /// Index of the aspect with this id.
    pub fn aspect_index(&self, id: &str) -> Option<usize> {
        self.aspects.iter().position(|a| a.id == id)
    }

    /// Role indices in a comparison bit set, in definition order.
    pub fn roles_in(&self, mask: u64) -> impl Iterator<Item = usize> + '_ {
        (0..self.roles.len().min(64)).filter(move |r| mask & (1 << r) != 0)
    }

    /// Every role that has a fact for `aspect`, as a comparison bit set.
    pub fn roles_with(&self, aspect: usize) -> u64 {
        (0..self.roles.len().min(64))
            .filter(|&r| self.roles[r].facts[aspect].is_some())
            .fold(0, |m, r| m | (1 << r))
    }

    /// Credit line for answers from the file at `file`, falling back to the first credit.
    pub fn credit(&self, file: usize) -> Option<&str> {
        self.files
            .get(file)
            .and_then(|f| f.credit.as_deref())
            .or_else(|| self.files.iter().find_map(|f| f.credit.as_deref()))
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
