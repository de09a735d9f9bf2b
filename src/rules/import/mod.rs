//! `credence rules import --wikidata`: rules tables from the SPARQL results
//! of a Wikidata query.
//!
//! In: a SPARQL 1.1 JSON results file, one row per P39 ("position held")
//! statement (rows may repeat a statement to carry several values of an
//! optional variable); optionally a curated rules folder (`--base`).
//! Out: `jurisdictions.csv`, `roles.csv` and `officeholders.csv` (and, with
//! a base, its other tables and `conflicts.csv`) in a folder, and a
//! [`Report`] counting every rough edge met.
//! Guarantees: the written folder loads with [`crate::rules::Rules::load`]
//! (checked before anything is written); every row's `note` names its
//! Wikidata ids; curated rows win over imported ones and every
//! disagreement is listed; output is sorted, so the same input gives the
//! same bytes.
//! Method: `sparql` reads and groups the rows by statement; `build` turns
//! statements into terms (dates by precision, skips, merges, overlaps) and
//! derives roles and jurisdictions with `names`; `base` merges with the
//! curated folder; `write` renders the CSVs.

mod base;
mod build;
mod names;
mod sparql;
#[cfg(test)]
mod tests;
mod write;

pub use base::Conflict;
pub use sparql::REQUIRED;

use super::RulesError;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why an import failed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: not SPARQL JSON results: {source}")]
    Json {
        path: PathBuf,
        line: usize,
        column: usize,
        #[source]
        source: serde_json::Error,
    },
    #[error("{path}: the results have no variable ?{var} (head.vars); the query must select it")]
    MissingVariable { path: PathBuf, var: String },
    #[error("{path}: result row {row}: ?{var}: {message}")]
    BadValue {
        path: PathBuf,
        row: usize,
        var: String,
        message: String,
    },
    #[error("base rules: {0}")]
    Base(#[source] RulesError),
    #[error("{path}: the imported tables would not load:\n{problems}")]
    Invalid { path: PathBuf, problems: String },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// What an import met and did, for the one-line summary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Result rows read.
    pub rows: usize,
    /// Distinct statements read.
    pub statements: usize,
    /// Year- or month-precision dates used.
    pub imprecise: usize,
    /// Statements skipped for having no start.
    pub no_start: usize,
    /// Statements with no end (in office, unless a later holder starts).
    pub no_end: usize,
    /// "unknown value"s met (person, position, start or end).
    pub unknown: usize,
    /// Deprecated statements skipped.
    pub deprecated: usize,
    /// Acting or interim statements skipped.
    pub acting: usize,
    /// Statements merged into another term of the same person and role.
    pub merged: usize,
    /// Terms shortened where they overlapped another holder's.
    pub truncated: usize,
    /// Roles whose `holders` the data raised above 1.
    pub holders_raised: usize,
    /// Items named by a fallback (no English label).
    pub label_fallback: usize,
    /// Statements skipped because the person or position has no name.
    pub unnamed: usize,
    /// Statements skipped for an end not after the start.
    pub reversed: usize,
    /// Imported terms left out because the base has that person in that role.
    pub curated: usize,
    /// Disagreements with the base (listed in `conflicts.csv`).
    pub conflicts: usize,
    /// Rows written.
    pub jurisdictions: usize,
    pub roles: usize,
    pub terms: usize,
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} statements ({} rows) -> {} jurisdictions, {} roles, {} terms; \
             {} year/month dates, {} without start (skipped), {} without end, \
             {} unknown values, {} deprecated (skipped), {} acting (skipped), \
             {} merged, {} truncated, {} roles with several holders, \
             {} without English label, {} unnamed (skipped), {} reversed (skipped), \
             {} kept from base, {} conflicts",
            self.statements,
            self.rows,
            self.jurisdictions,
            self.roles,
            self.terms,
            self.imprecise,
            self.no_start,
            self.no_end,
            self.unknown,
            self.deprecated,
            self.acting,
            self.merged,
            self.truncated,
            self.holders_raised,
            self.label_fallback,
            self.unnamed,
            self.reversed,
            self.curated,
            self.conflicts
        )
    }
}

/// What `credence rules import --wikidata` was asked to do.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    pub results: PathBuf,
    pub out: PathBuf,
    pub base: Option<PathBuf>,
}

/// The outcome of an import.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub counts: Counts,
    pub conflicts: Vec<Conflict>,
}

/// Reads the results, builds the tables, merges the base, checks that the
/// folder will load, then writes it.
pub fn import_wikidata(opts: &ImportOptions) -> Result<Report, ImportError> {
    let parsed = sparql::read(&opts.results)?;
    let mut counts = Counts::default();
    let imported = build::build(&parsed, &mut counts);
    let base = match &opts.base {
        Some(dir) => Some(base::Base::load(dir)?),
        None => None,
    };
    let (imported, conflicts) = match &base {
        Some(b) => b.merge(imported, &mut counts),
        None => (imported, Vec::new()),
    };
    counts.conflicts = conflicts.len();
    counts.jurisdictions = imported.jurisdictions.len();
    counts.roles = imported.roles.len();
    counts.terms = imported.terms.len();
    let files = write::render(&imported, base.as_ref(), &conflicts, &opts.results);
    write::check(&files, &opts.out)?;
    write::save(&files, &opts.out)?;
    Ok(Report { counts, conflicts })
}

/// The file name of a path, for notes.
fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}
