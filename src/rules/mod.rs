//! Loading and validating the curated reference tables in a `rules/` folder.
//!
//! In: a folder of spreadsheet-editable CSV tables (`jurisdictions.csv`,
//! `roles.csv`, `officeholders.csv`, `facts.csv`, `scoring.csv`,
//! `grades.csv`). Out: a [`Rules`] value with typed rows, each carrying its
//! 1-based file line so findings can cite it (`officeholders.csv:12`).
//! Guarantees: every problem in every table is reported as `file:line:
//! message` (not just the first); a folder that loads has no unknown role or
//! jurisdiction, no bad or reversed dates, no overlapping terms in a
//! single-holder role and no duplicate rows. Nothing about any particular
//! person, country or event lives in code: it is all in these tables.
//! `scoring.csv`, `grades.csv` and `tells.csv` fall back to the bundled
//! copies when a folder does not have them, so a names-only rules folder
//! still works.
//!
//! Files: `load.rs` reads a folder and runs one parser per table in
//! dependency order (`Tables::parse`); `people.rs` holds the names tables
//! (jurisdictions, roles, officeholders, overlap check), `facts.rs` the
//! checked values, `scoring.rs` the scoring, grade and tell tables with
//! their bundled defaults; `table.rs` the CSV rows, cells and problems they
//! share.

mod facts;
pub mod import;
mod load;
mod people;
mod scoring;
mod table;
#[cfg(test)]
mod tests;

pub use facts::Fact;
pub use import::{import_wikidata, ImportError, ImportOptions};
pub use load::Tables;
pub use people::{Jurisdiction, Officeholder, Role};
pub use scoring::{Grade, ScoringRule, Tell};

use crate::model::{Date, FindingKind};
use std::fmt;
use std::path::PathBuf;

/// One problem in a rules table.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: String,
    pub line: u32,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Why a rules folder could not be used.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("rules folder {0} does not exist or is not a folder")]
    MissingFolder(PathBuf),
    #[error("{path}: cannot read: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Problem>),
}

/// All reference tables of one rules folder.
#[derive(Clone, Debug, Default)]
pub struct Rules {
    pub dir: PathBuf,
    pub jurisdictions: Vec<Jurisdiction>,
    pub roles: Vec<Role>,
    pub officeholders: Vec<Officeholder>,
    pub facts: Vec<Fact>,
    pub scoring: Vec<ScoringRule>,
    pub grades: Vec<Grade>,
    pub tells: Vec<Tell>,
    /// Hash of every table's bytes: changes whenever any rules file changes.
    pub digest: u64,
}

impl Rules {
    /// The role row named `role`.
    pub fn role(&self, role: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.role == role)
    }

    /// The jurisdiction row named `name`.
    pub fn jurisdiction(&self, name: &str) -> Option<&Jurisdiction> {
        self.jurisdictions.iter().find(|j| j.name == name)
    }

    /// Holders of `role` on `date`, in table order.
    pub fn holders_on(&self, role: &str, date: Date) -> Vec<&Officeholder> {
        self.officeholders
            .iter()
            .filter(|o| o.role == role && o.serves_on(date))
            .collect()
    }

    /// The scoring rule for a kind, if any.
    pub fn scoring_for(&self, kind: FindingKind) -> Option<&ScoringRule> {
        self.scoring.iter().find(|s| s.kind == kind)
    }
}
