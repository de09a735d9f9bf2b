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

use crate::model::{Date, FindingKind, Severity};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

/// List items inside one CSV cell are separated by this character.
pub const LIST_SEP: char = '|';

/// The bundled scoring weights, used when a rules folder has no scoring.csv.
const DEFAULT_SCORING: &str = include_str!("../../rules/scoring.csv");
/// The bundled grade bands, used when a rules folder has no grades.csv.
const DEFAULT_GRADES: &str = include_str!("../../rules/grades.csv");
/// The bundled machine-writing tells, used when a rules folder has no tells.csv.
const DEFAULT_TELLS: &str = include_str!("../../rules/tells.csv");

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

/// A jurisdiction and the words that qualify a title with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Jurisdiction {
    pub line: u32,
    pub name: String,
    pub terms: Vec<String>,
}

/// An office, in one jurisdiction, and the titles the press uses for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Role {
    pub line: u32,
    pub role: String,
    pub jurisdiction: String,
    pub titles: Vec<String>,
    /// How many people hold it at once; `None` for "many" (no overlap check).
    pub holders: Option<u32>,
    pub note: String,
}

/// One term of office of one person.
#[derive(Clone, Debug, PartialEq)]
pub struct Officeholder {
    pub line: u32,
    pub name: String,
    pub aliases: Vec<String>,
    pub role: String,
    /// Inclusive.
    pub start: Date,
    /// Exclusive; `None` while in office.
    pub end: Option<Date>,
    pub note: String,
}

impl Officeholder {
    /// True when the person held the role on `date`.
    pub fn serves_on(&self, date: Date) -> bool {
        self.start <= date && self.end.is_none_or(|e| date < e)
    }
}

/// A checked reference value for a claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub line: u32,
    pub fact: String,
    pub value: f64,
    pub unit: String,
    /// Phrases that identify the claim in text.
    pub cues: Vec<String>,
    pub note: String,
}

/// Points one finding kind costs.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoringRule {
    pub line: u32,
    pub kind: FindingKind,
    pub severity: Severity,
    /// Points deducted per finding.
    pub points: f64,
    /// Most points this kind can cost one article (`None` = no cap).
    pub cap: Option<f64>,
}

/// A grade band: an article with score >= `min_score` gets `grade`
/// (the highest band that fits wins).
#[derive(Clone, Debug, PartialEq)]
pub struct Grade {
    pub line: u32,
    pub grade: String,
    pub min_score: f64,
}

/// A phrase that only leaked generation instructions or unfilled templates
/// put into an article (e.g. "as an AI language model"), matched
/// case-insensitively on normalised text.
#[derive(Clone, Debug, PartialEq)]
pub struct Tell {
    pub line: u32,
    pub pattern: String,
    pub note: String,
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

/// Table file names, in the order they are read and reported.
pub const TABLES: [&str; 7] = [
    "jurisdictions.csv",
    "roles.csv",
    "officeholders.csv",
    "facts.csv",
    "scoring.csv",
    "grades.csv",
    "tells.csv",
];

/// A raw CSV row: header name -> cell, with its 1-based file line.
struct Row {
    line: u32,
    cells: HashMap<String, String>,
}

impl Row {
    fn get(&self, col: &str) -> &str {
        self.cells.get(col).map(|s| s.as_str()).unwrap_or("")
    }
}

/// Splits a `|`-separated cell into trimmed, non-empty items.
pub fn split_list(cell: &str) -> Vec<String> {
    cell.split(LIST_SEP)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Parses CSV text into rows, recording problems (bad CSV, missing columns).
fn parse_table(file: &str, text: &str, required: &[&str], problems: &mut Vec<Problem>) -> Vec<Row> {
    // An absent or empty table has no rows (an empty facts.csv is valid).
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Vec::new();
    }
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_ascii_lowercase()).collect(),
        Err(e) => {
            problems.push(Problem {
                file: file.into(),
                line: 1,
                message: format!("cannot read header: {e}"),
            });
            return Vec::new();
        }
    };
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|c| !headers.iter().any(|h| h == c))
        .collect();
    if !missing.is_empty() {
        problems.push(Problem {
            file: file.into(),
            line: 1,
            message: format!(
                "missing column(s) {}; expected header: {}",
                missing.join(", "),
                required.join(",")
            ),
        });
        return Vec::new();
    }
    let mut rows = Vec::new();
    for rec in rdr.records() {
        match rec {
            Ok(rec) => {
                let line = rec.position().map(|p| p.line() as u32).unwrap_or(0);
                if rec.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                if rec.len() > headers.len() {
                    problems.push(Problem {
                        file: file.into(),
                        line,
                        message: format!(
                            "{} cells but the header has {} columns (a comma inside a cell needs quotes)",
                            rec.len(),
                            headers.len()
                        ),
                    });
                    continue;
                }
                let cells = headers
                    .iter()
                    .cloned()
                    .zip(rec.iter().map(|s| s.trim().to_string()))
                    .collect();
                rows.push(Row { line, cells });
            }
            Err(e) => {
                let line = e.position().map(|p| p.line() as u32).unwrap_or(0);
                problems.push(Problem {
                    file: file.into(),
                    line,
                    message: format!("malformed CSV: {e}"),
                });
            }
        }
    }
    rows
}

fn parse_number(cell: &str) -> Option<f64> {
    let v: f64 = cell.trim().replace('_', "").parse().ok()?;
    v.is_finite().then_some(v)
}

impl Rules {
    /// Loads and validates every table in `dir`. All problems are collected.
    pub fn load(dir: &Path) -> Result<Rules, RulesError> {
        if !dir.is_dir() {
            return Err(RulesError::MissingFolder(dir.to_path_buf()));
        }
        let mut texts: BTreeMap<&str, Option<String>> = BTreeMap::new();
        let mut digest = xxhash_rust::xxh3::Xxh3::new();
        for name in TABLES {
            let path = dir.join(name);
            match std::fs::read(&path) {
                Ok(bytes) => {
                    digest.update(name.as_bytes());
                    digest.update(&bytes);
                    match String::from_utf8(bytes) {
                        Ok(s) => {
                            texts.insert(name, Some(s));
                        }
                        Err(e) => {
                            return Err(RulesError::Invalid(vec![Problem {
                                file: name.into(),
                                line: 1,
                                message: format!("not UTF-8 text: {e}"),
                            }]))
                        }
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    texts.insert(name, None);
                }
                Err(source) => return Err(RulesError::Read { path, source }),
            }
        }
        let get = |n: &str| texts.get(n).cloned().flatten();
        let mut rules = Rules::parse_with_tells(
            get("jurisdictions.csv").as_deref(),
            get("roles.csv").as_deref(),
            get("officeholders.csv").as_deref(),
            get("facts.csv").as_deref(),
            get("scoring.csv").as_deref(),
            get("grades.csv").as_deref(),
            get("tells.csv").as_deref(),
        )?;
        rules.dir = dir.to_path_buf();
        rules.digest = digest.digest();
        Ok(rules)
    }

    /// Parses tables from text (`None` = file absent), with the bundled
    /// tells. Pure, for tests.
    pub fn parse(
        jurisdictions: Option<&str>,
        roles: Option<&str>,
        officeholders: Option<&str>,
        facts: Option<&str>,
        scoring: Option<&str>,
        grades: Option<&str>,
    ) -> Result<Rules, RulesError> {
        Rules::parse_with_tells(
            jurisdictions,
            roles,
            officeholders,
            facts,
            scoring,
            grades,
            None,
        )
    }

    /// Like [`Rules::parse`], with `tells.csv` too (`None` = bundled copy).
    pub fn parse_with_tells(
        jurisdictions: Option<&str>,
        roles: Option<&str>,
        officeholders: Option<&str>,
        facts: Option<&str>,
        scoring: Option<&str>,
        grades: Option<&str>,
        tells: Option<&str>,
    ) -> Result<Rules, RulesError> {
        let mut p = Vec::new();
        let mut rules = Rules::default();

        // jurisdictions.csv
        let f = "jurisdictions.csv";
        let mut seen = BTreeMap::new();
        for row in parse_table(
            f,
            jurisdictions.unwrap_or(""),
            &["jurisdiction", "terms"],
            &mut p,
        ) {
            let name = row.get("jurisdiction").to_string();
            if name.is_empty() {
                p.push(problem(f, row.line, "empty jurisdiction"));
                continue;
            }
            if repeated(
                &mut seen,
                name.clone(),
                f,
                row.line,
                || format!("jurisdiction {name:?}"),
                &mut p,
            ) {
                continue;
            }
            rules.jurisdictions.push(Jurisdiction {
                line: row.line,
                terms: split_list(row.get("terms")),
                name,
            });
        }

        // roles.csv
        let f = "roles.csv";
        let mut seen = BTreeMap::new();
        for row in parse_table(
            f,
            roles.unwrap_or(""),
            &["role", "jurisdiction", "titles"],
            &mut p,
        ) {
            let role = row.get("role").to_string();
            let jur = row.get("jurisdiction").to_string();
            if role.is_empty() {
                p.push(problem(f, row.line, "empty role"));
                continue;
            }
            if repeated(
                &mut seen,
                role.clone(),
                f,
                row.line,
                || format!("role {role:?}"),
                &mut p,
            ) {
                continue;
            }
            if !rules.jurisdictions.iter().any(|j| j.name == jur) {
                p.push(problem(
                    f,
                    row.line,
                    &format!("unknown jurisdiction {jur:?} (not in jurisdictions.csv)"),
                ));
            }
            let titles = split_list(row.get("titles"));
            if titles.is_empty() {
                p.push(problem(
                    f,
                    row.line,
                    &format!("role {role:?} has no titles"),
                ));
            }
            let holders = match row.get("holders").trim() {
                "" | "1" => Some(1),
                "many" | "*" => None,
                other => match other.parse::<u32>() {
                    Ok(n) if n > 0 => Some(n),
                    _ => {
                        p.push(problem(
                            f,
                            row.line,
                            &format!("holders must be a positive number or `many`, not {other:?}"),
                        ));
                        Some(1)
                    }
                },
            };
            rules.roles.push(Role {
                line: row.line,
                role,
                jurisdiction: jur,
                titles,
                holders,
                note: row.get("note").to_string(),
            });
        }

        // officeholders.csv
        let f = "officeholders.csv";
        let mut seen: BTreeMap<(String, String, Date), u32> = BTreeMap::new();
        for row in parse_table(
            f,
            officeholders.unwrap_or(""),
            &["name", "aliases", "role", "start", "end", "note"],
            &mut p,
        ) {
            let name = row.get("name").to_string();
            let role = row.get("role").to_string();
            if name.is_empty() {
                p.push(problem(f, row.line, "empty name"));
                continue;
            }
            if !rules.roles.iter().any(|r| r.role == role) {
                p.push(problem(
                    f,
                    row.line,
                    &format!("unknown role {role:?} (not in roles.csv)"),
                ));
            }
            let Some(start) = Date::parse_iso(row.get("start")) else {
                p.push(problem(
                    f,
                    row.line,
                    &format!("start {:?} is not a date (YYYY-MM-DD)", row.get("start")),
                ));
                continue;
            };
            let end = match row.get("end") {
                "" => None,
                e => match Date::parse_iso(e) {
                    Some(d) => Some(d),
                    None => {
                        p.push(problem(
                            f,
                            row.line,
                            &format!("end {e:?} is not a date (YYYY-MM-DD) or empty"),
                        ));
                        continue;
                    }
                },
            };
            if let Some(e) = end {
                if e <= start {
                    p.push(problem(
                        f,
                        row.line,
                        &format!("end {e} is not after start {start} (reversed dates?)"),
                    ));
                    continue;
                }
            }
            let key = (name.clone(), role.clone(), start);
            let what = || format!("row: {name} as {role} from {start}");
            if repeated(&mut seen, key, f, row.line, what, &mut p) {
                continue;
            }
            rules.officeholders.push(Officeholder {
                line: row.line,
                aliases: split_list(row.get("aliases")),
                name,
                role,
                start,
                end,
                note: row.get("note").to_string(),
            });
        }
        check_overlaps(&rules, &mut p);

        // facts.csv
        let f = "facts.csv";
        let mut seen = BTreeMap::new();
        for row in parse_table(
            f,
            facts.unwrap_or(""),
            &["fact", "value", "unit", "cues", "note"],
            &mut p,
        ) {
            let fact = row.get("fact").to_string();
            let Some(value) = parse_number(row.get("value")) else {
                p.push(problem(
                    f,
                    row.line,
                    &format!("value {:?} is not a number", row.get("value")),
                ));
                continue;
            };
            let cues = split_list(row.get("cues"));
            if cues.is_empty() {
                p.push(problem(f, row.line, &format!("fact {fact:?} has no cues")));
            }
            if repeated(
                &mut seen,
                fact.clone(),
                f,
                row.line,
                || format!("fact {fact:?}"),
                &mut p,
            ) {
                continue;
            }
            rules.facts.push(Fact {
                line: row.line,
                fact,
                value,
                unit: row.get("unit").to_string(),
                cues,
                note: row.get("note").to_string(),
            });
        }

        // scoring.csv
        let f = "scoring.csv";
        let mut seen = BTreeMap::new();
        for row in parse_table(
            f,
            scoring.unwrap_or(DEFAULT_SCORING),
            &["kind", "severity", "points", "cap"],
            &mut p,
        ) {
            let Some(kind) = FindingKind::parse(row.get("kind")) else {
                p.push(problem(
                    f,
                    row.line,
                    &format!("unknown finding kind {:?}", row.get("kind")),
                ));
                continue;
            };
            let severity = match row.get("severity") {
                "" => kind.severity(),
                s => match Severity::parse(s) {
                    Some(s) => s,
                    None => {
                        p.push(problem(
                            f,
                            row.line,
                            &format!("severity {s:?} is not error, warning or info"),
                        ));
                        continue;
                    }
                },
            };
            let Some(points) = parse_number(row.get("points")).filter(|v| *v >= 0.0) else {
                p.push(problem(
                    f,
                    row.line,
                    &format!("points {:?} is not a number >= 0", row.get("points")),
                ));
                continue;
            };
            let cap = match row.get("cap") {
                "" => None,
                c => match parse_number(c).filter(|v| *v >= 0.0) {
                    Some(v) => Some(v),
                    None => {
                        p.push(problem(
                            f,
                            row.line,
                            &format!("cap {c:?} is not a number >= 0 or empty"),
                        ));
                        continue;
                    }
                },
            };
            let what = || format!("scoring row for {}", kind.as_str());
            if repeated(&mut seen, kind, f, row.line, what, &mut p) {
                continue;
            }
            rules.scoring.push(ScoringRule {
                line: row.line,
                kind,
                severity,
                points,
                cap,
            });
        }

        // grades.csv
        let f = "grades.csv";
        let mut seen = BTreeSet::new();
        for row in parse_table(
            f,
            grades.unwrap_or(DEFAULT_GRADES),
            &["grade", "min_score"],
            &mut p,
        ) {
            let grade = row.get("grade").to_string();
            let Some(min_score) = parse_number(row.get("min_score")) else {
                p.push(problem(
                    f,
                    row.line,
                    &format!("min_score {:?} is not a number", row.get("min_score")),
                ));
                continue;
            };
            if grade.is_empty() || !seen.insert(grade.clone()) {
                p.push(problem(
                    f,
                    row.line,
                    &format!("empty or duplicate grade {grade:?}"),
                ));
                continue;
            }
            rules.grades.push(Grade {
                line: row.line,
                grade,
                min_score,
            });
        }
        rules
            .grades
            .sort_by(|a, b| b.min_score.total_cmp(&a.min_score));

        // tells.csv
        let f = "tells.csv";
        let mut seen = BTreeMap::new();
        for row in parse_table(
            f,
            tells.unwrap_or(DEFAULT_TELLS),
            &["pattern", "note"],
            &mut p,
        ) {
            let pattern = row.get("pattern").to_string();
            // Short patterns would match ordinary words.
            if pattern.chars().filter(|c| c.is_alphanumeric()).count() < 4 {
                p.push(problem(
                    f,
                    row.line,
                    &format!(
                        "pattern {pattern:?} is empty or too short (needs 4 letters or digits)"
                    ),
                ));
                continue;
            }
            let key = pattern.to_lowercase();
            if repeated(
                &mut seen,
                key,
                f,
                row.line,
                || format!("pattern {pattern:?}"),
                &mut p,
            ) {
                continue;
            }
            rules.tells.push(Tell {
                line: row.line,
                pattern,
                note: row.get("note").to_string(),
            });
        }

        if p.is_empty() {
            Ok(rules)
        } else {
            p.sort();
            p.dedup();
            Err(RulesError::Invalid(p))
        }
    }

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

/// Records `key` as seen at `line`. A key seen before is a problem,
/// `duplicate <what> (first at line N)`, and the caller skips the row.
fn repeated<K: Ord>(
    seen: &mut BTreeMap<K, u32>,
    key: K,
    file: &str,
    line: u32,
    what: impl FnOnce() -> String,
    p: &mut Vec<Problem>,
) -> bool {
    match seen.insert(key, line) {
        Some(first) => {
            p.push(problem(
                file,
                line,
                &format!("duplicate {} (first at line {first})", what()),
            ));
            true
        }
        None => false,
    }
}

fn problem(file: &str, line: u32, message: &str) -> Problem {
    Problem {
        file: file.into(),
        line,
        message: message.into(),
    }
}

/// Flags overlapping terms in roles with a limited number of holders.
fn check_overlaps(rules: &Rules, p: &mut Vec<Problem>) {
    for role in &rules.roles {
        let Some(limit) = role.holders else { continue };
        let mut terms: Vec<&Officeholder> = rules
            .officeholders
            .iter()
            .filter(|o| o.role == role.role)
            .collect();
        terms.sort_by_key(|o| (o.start, o.line));
        // Sweep: at each term's start, count terms still running.
        for (i, t) in terms.iter().enumerate() {
            let running: Vec<&&Officeholder> = terms[..i]
                .iter()
                .filter(|o| o.end.is_none_or(|e| e > t.start))
                .collect();
            if running.len() as u32 >= limit {
                let other = running[running.len() - 1];
                p.push(problem(
                    "officeholders.csv",
                    t.line,
                    &format!(
                        "{} starts as {} on {} while {} (line {}) still holds it; the role has {} holder(s)",
                        t.name, role.role, t.start, other.name, other.line, limit
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const J: &str = "jurisdiction,terms\nxland,Xland|Xlandic\n";
    const R: &str = "role,jurisdiction,titles\nx_pm,xland,Prime Minister|PM\n";

    fn parse_oh(oh: &str) -> Result<Rules, RulesError> {
        Rules::parse(Some(J), Some(R), Some(oh), None, None, None)
    }

    fn problems(r: Result<Rules, RulesError>) -> Vec<String> {
        match r {
            Err(RulesError::Invalid(p)) => p.iter().map(|p| p.to_string()).collect(),
            Err(e) => vec![e.to_string()],
            Ok(_) => vec![],
        }
    }

    #[test]
    fn loads_valid_tables_with_lines() {
        let r = parse_oh(
            "name,aliases,role,start,end,note\nAnn Lee,Lee Ann|李安,x_pm,2020-01-01,2022-01-01,src\nBo Park,,x_pm,2022-01-01,,src\n",
        )
        .unwrap();
        assert_eq!(r.officeholders.len(), 2);
        assert_eq!(r.officeholders[0].line, 2);
        assert_eq!(r.officeholders[0].aliases, vec!["Lee Ann", "李安"]);
        let d = Date::parse_iso("2022-01-01").unwrap();
        assert_eq!(r.holders_on("x_pm", d)[0].name, "Bo Park");
        let before = Date::parse_iso("2021-12-31").unwrap();
        assert_eq!(r.holders_on("x_pm", before)[0].name, "Ann Lee");
        assert!(!r.scoring.is_empty(), "bundled scoring is the fallback");
    }

    #[test]
    fn reports_every_problem_with_file_and_line() {
        let p = problems(parse_oh(
            "name,aliases,role,start,end,note\n\
             Ann Lee,,x_pm,2020-01-01,2022-01-01,src\n\
             Bo Park,,x_pm,2021-06-01,,src\n\
             Cy Doe,,nope,2020-01-01,,src\n\
             Di Eve,,x_pm,2020-13-01,,src\n\
             Ed Fox,,x_pm,2019-01-01,2018-01-01,src\n\
             Ann Lee,,x_pm,2020-01-01,2022-01-01,src\n",
        ));
        let joined = p.join("\n");
        assert!(
            joined.contains("officeholders.csv:3: Bo Park starts"),
            "{joined}"
        );
        assert!(
            joined.contains("officeholders.csv:4: unknown role \"nope\""),
            "{joined}"
        );
        assert!(joined.contains("officeholders.csv:5: start"), "{joined}");
        assert!(
            joined.contains("officeholders.csv:6: end 2018-01-01 is not after"),
            "{joined}"
        );
        assert!(
            joined.contains("officeholders.csv:7: duplicate row"),
            "{joined}"
        );
    }

    #[test]
    fn unknown_jurisdiction_in_roles_is_reported() {
        let p = problems(Rules::parse(
            Some(J),
            Some("role,jurisdiction,titles\ny_pm,yland,PM\n"),
            None,
            None,
            None,
            None,
        ));
        assert_eq!(
            p,
            vec!["roles.csv:2: unknown jurisdiction \"yland\" (not in jurisdictions.csv)"]
        );
    }

    #[test]
    fn many_holder_roles_may_overlap() {
        let r = Rules::parse(
            Some(J),
            Some("role,jurisdiction,titles,holders\nx_mp,xland,MP,many\n"),
            Some("name,aliases,role,start,end,note\nA B,,x_mp,2020-01-01,,s\nC D,,x_mp,2020-01-01,,s\n"),
            None,
            None,
            None,
        );
        assert!(r.is_ok(), "{:?}", problems(r));
    }

    #[test]
    fn missing_columns_name_the_header() {
        let p = problems(parse_oh("name,role\nA,x_pm\n"));
        assert!(
            p[0].starts_with("officeholders.csv:1: missing column(s) aliases, start, end, note")
        );
    }

    #[test]
    fn tells_load_with_lines_and_fall_back_to_the_bundled_table() {
        let r = Rules::parse_with_tells(
            None,
            None,
            None,
            None,
            None,
            None,
            Some("pattern,note\nfocus keyword,SEO brief\n\"[insert\",template slot\n"),
        )
        .unwrap();
        assert_eq!(r.tells.len(), 2);
        assert_eq!(r.tells[1].pattern, "[insert");
        assert_eq!(r.tells[1].line, 3);
        let bundled = Rules::parse(None, None, None, None, None, None).unwrap();
        assert!(!bundled.tells.is_empty(), "bundled tells are the fallback");
        let p = problems(Rules::parse_with_tells(
            None,
            None,
            None,
            None,
            None,
            None,
            Some("pattern,note\nab,too short\nFocus Keyword,x\nfocus keyword,dup\n"),
        ));
        assert_eq!(
            p,
            vec![
                "tells.csv:2: pattern \"ab\" is empty or too short (needs 4 letters or digits)",
                "tells.csv:4: duplicate pattern \"focus keyword\" (first at line 3)",
            ]
        );
    }

    #[test]
    fn scoring_rows_are_typed() {
        let r = Rules::parse(
            None,
            None,
            None,
            None,
            Some("kind,severity,points,cap\nmisspelled_name,error,10,30\nbogus,error,1,\n"),
            None,
        );
        assert_eq!(
            problems(r),
            vec!["scoring.csv:3: unknown finding kind \"bogus\""]
        );
    }
}
