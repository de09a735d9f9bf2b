//! Merging imported rows with a curated rules folder (`--base`): curated
//! rows win for the same person and role; every disagreement is listed.

use super::build::{Imported, TermRow};
use super::names::fold;
use super::{Counts, ImportError};
use crate::model::Date;
use crate::rules::{Officeholder, Role, Rules};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

/// Every table a rules folder may have, in the loader's order.
pub const TABLES: [&str; 7] = [
    "jurisdictions.csv",
    "roles.csv",
    "officeholders.csv",
    "facts.csv",
    "scoring.csv",
    "grades.csv",
    "tells.csv",
];

/// A curated rules folder: its validated rules and the text of each table.
pub struct Base {
    pub rules: Rules,
    pub texts: BTreeMap<&'static str, String>,
}

/// An imported term that disagrees with the curated tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub name: String,
    pub role: String,
    pub imported_start: Date,
    pub imported_end: Option<Date>,
    /// The curated row(s) it disagrees with, as `officeholders.csv:N`.
    pub curated: String,
    pub statements: String,
    pub reason: String,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} as {}: imported {} to {} (statement {}) {}; curated {} kept",
            self.name,
            self.role,
            self.imported_start,
            self.imported_end.map(|d| d.to_string()).unwrap_or_default(),
            self.statements,
            self.reason,
            self.curated
        )
    }
}

impl Base {
    /// Loads and validates `dir` and keeps the text of its tables.
    pub fn load(dir: &Path) -> Result<Base, ImportError> {
        let rules = Rules::load(dir).map_err(ImportError::Base)?;
        let mut texts = BTreeMap::new();
        for name in TABLES {
            let path = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(t) => {
                    texts.insert(name, t);
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(ImportError::Read { path, source }),
            }
        }
        Ok(Base { rules, texts })
    }

    /// The imported rows to append to the base's: jurisdictions and roles
    /// the base lacks (matched by name, terms or titles), terms renamed to
    /// the base's roles, minus the terms of people the base already has in
    /// that role and those that would overlap a curated term.
    pub fn merge(&self, imported: Imported, counts: &mut Counts) -> (Imported, Vec<Conflict>) {
        let mut out = Imported::default();
        let mut jur_map: BTreeMap<String, String> = BTreeMap::new();
        for j in imported.jurisdictions {
            match self.jurisdiction_for(&j.id, &j.terms) {
                Some(b) => {
                    jur_map.insert(j.id.clone(), b);
                }
                None => {
                    jur_map.insert(j.id.clone(), j.id.clone());
                    out.jurisdictions.push(j);
                }
            }
        }
        let mut role_map: BTreeMap<String, String> = BTreeMap::new();
        let mut ids: BTreeSet<String> = self.rules.roles.iter().map(|r| r.role.clone()).collect();
        for mut r in imported.roles {
            r.jurisdiction = jur_map
                .get(&r.jurisdiction)
                .cloned()
                .unwrap_or(r.jurisdiction);
            match self.role_for(&r.qid, &r.jurisdiction, &r.titles) {
                Some(b) => {
                    role_map.insert(r.id.clone(), b.role.clone());
                }
                None => {
                    let mut id = r.id.clone();
                    if ids.contains(&id) {
                        id = format!("{id}_{}", r.qid.to_lowercase());
                    }
                    ids.insert(id.clone());
                    role_map.insert(r.id.clone(), id.clone());
                    r.id = id;
                    out.roles.push(r);
                }
            }
        }
        let mut conflicts = Vec::new();
        for mut t in imported.terms {
            t.role = role_map.get(&t.role).cloned().unwrap_or(t.role);
            match self.check_term(&t) {
                Verdict::Add => out.terms.push(t),
                Verdict::Same => counts.curated += 1,
                Verdict::Conflict(curated, reason) => {
                    counts.curated += 1;
                    conflicts.push(Conflict {
                        name: t.name.clone(),
                        role: t.role.clone(),
                        imported_start: t.start,
                        imported_end: t.end,
                        curated,
                        statements: t.statements.join(" "),
                        reason,
                    });
                }
            }
        }
        (out, conflicts)
    }

    /// The base jurisdiction with this name, or one of whose terms is an
    /// imported term (the name first).
    fn jurisdiction_for(&self, id: &str, terms: &[String]) -> Option<String> {
        let js = &self.rules.jurisdictions;
        if let Some(j) = js.iter().find(|j| j.name == id) {
            return Some(j.name.clone());
        }
        terms.iter().take(1).find_map(|t| {
            js.iter()
                .find(|j| j.terms.iter().any(|x| fold(x) == fold(t)))
                .map(|j| j.name.clone())
        })
    }

    /// The base role for an imported position: in the same jurisdiction,
    /// the one whose note names the Wikidata item; else the only one with
    /// the imported main title (or, among several, the one whose first
    /// title it is); else the only one sharing any imported title.
    fn role_for(&self, qid: &str, jurisdiction: &str, titles: &[String]) -> Option<&Role> {
        let roles: Vec<&Role> = self
            .rules
            .roles
            .iter()
            .filter(|r| r.jurisdiction == jurisdiction)
            .collect();
        if let Some(r) = roles.iter().find(|r| {
            r.note
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == qid)
        }) {
            return Some(r);
        }
        let has = |r: &Role, t: &str| r.titles.iter().any(|x| fold(x) == fold(t));
        let main = &titles[0];
        let with_main: Vec<&&Role> = roles.iter().filter(|r| has(r, main)).collect();
        match with_main.len() {
            1 => return Some(with_main[0]),
            0 => {}
            _ => {
                let first: Vec<&&&Role> = with_main
                    .iter()
                    .filter(|r| fold(&r.titles[0]) == fold(main))
                    .collect();
                return (first.len() == 1).then(|| **first[0]);
            }
        }
        let any: Vec<&&Role> = roles
            .iter()
            .filter(|r| titles.iter().any(|t| has(r, t)))
            .collect();
        (any.len() == 1).then(|| *any[0])
    }

    /// Whether an imported term is new, already curated, or in conflict.
    fn check_term(&self, t: &TermRow) -> Verdict {
        let in_role: Vec<&Officeholder> = self
            .rules
            .officeholders
            .iter()
            .filter(|o| o.role == t.role)
            .collect();
        let mine: BTreeSet<String> = std::iter::once(&t.name)
            .chain(&t.aliases)
            .map(|n| fold(n))
            .collect();
        let same_person = |o: &&&Officeholder| {
            std::iter::once(&o.name)
                .chain(&o.aliases)
                .any(|n| mine.contains(&fold(n)))
        };
        let theirs: Vec<&&Officeholder> = in_role.iter().filter(same_person).collect();
        if !theirs.is_empty() {
            if theirs.iter().any(|o| o.start == t.start && o.end == t.end) {
                return Verdict::Same;
            }
            return Verdict::Conflict(
                lines(&theirs),
                "has other dates than the curated term(s)".into(),
            );
        }
        let single = self
            .rules
            .role(&t.role)
            .is_some_and(|r| r.holders == Some(1));
        if single {
            let overlapping: Vec<&&Officeholder> = in_role
                .iter()
                .filter(|o| {
                    o.start
                        < t.end.unwrap_or(Date {
                            year: 9999,
                            month: 12,
                            day: 31,
                        })
                        && o.end.is_none_or(|e| e > t.start)
                })
                .collect();
            if !overlapping.is_empty() {
                return Verdict::Conflict(
                    lines(&overlapping),
                    format!("overlaps the curated term of {}", overlapping[0].name),
                );
            }
        }
        Verdict::Add
    }
}

enum Verdict {
    Add,
    Same,
    Conflict(String, String),
}

fn lines(rows: &[&&Officeholder]) -> String {
    rows.iter()
        .map(|o| format!("officeholders.csv:{}", o.line))
        .collect::<Vec<_>>()
        .join("; ")
}
