//! Loading a rules folder: reading its tables, then parsing them in the
//! order they depend on each other, one parser per table.

use super::facts::parse_facts;
use super::people::{check_overlaps, parse_jurisdictions, parse_officeholders, parse_roles};
use super::scoring::{
    parse_grades, parse_scoring, parse_tells, DEFAULT_GRADES, DEFAULT_SCORING, DEFAULT_TELLS,
};
use super::{Problem, Rules, RulesError};
use std::collections::BTreeMap;
use std::path::Path;

/// Table file names, in the order they are read and reported.
const TABLES: [&str; 7] = [
    "jurisdictions.csv",
    "roles.csv",
    "officeholders.csv",
    "facts.csv",
    "scoring.csv",
    "grades.csv",
    "tells.csv",
];

/// The text of each table of a rules folder; `None` when the file is absent
/// (scoring, grades and tells then fall back to the bundled copies, the
/// others are empty).
#[derive(Clone, Copy, Debug, Default)]
pub struct Tables<'a> {
    pub jurisdictions: Option<&'a str>,
    pub roles: Option<&'a str>,
    pub officeholders: Option<&'a str>,
    pub facts: Option<&'a str>,
    pub scoring: Option<&'a str>,
    pub grades: Option<&'a str>,
    pub tells: Option<&'a str>,
}

impl Tables<'_> {
    /// Parses and validates every table; all problems are collected. Pure.
    ///
    /// 1. `parse_jurisdictions`;
    /// 2. `parse_roles`, each in a known jurisdiction;
    /// 3. `parse_officeholders`, each in a known role, then `check_overlaps`;
    /// 4. `parse_facts`, `parse_scoring`, `parse_grades`, `parse_tells`;
    /// 5. `finish`: the rules, or every problem sorted.
    pub fn parse(&self) -> Result<Rules, RulesError> {
        let mut problems = Vec::new();
        let mut rules = Rules::default();
        rules.jurisdictions = parse_jurisdictions(self.jurisdictions.unwrap_or(""), &mut problems);
        rules.roles = parse_roles(
            self.roles.unwrap_or(""),
            &rules.jurisdictions,
            &mut problems,
        );
        rules.officeholders = parse_officeholders(
            self.officeholders.unwrap_or(""),
            &rules.roles,
            &mut problems,
        );
        problems.extend(check_overlaps(&rules.roles, &rules.officeholders));
        rules.facts = parse_facts(self.facts.unwrap_or(""), &mut problems);
        rules.scoring = parse_scoring(self.scoring.unwrap_or(DEFAULT_SCORING), &mut problems);
        rules.grades = parse_grades(self.grades.unwrap_or(DEFAULT_GRADES), &mut problems);
        rules.tells = parse_tells(self.tells.unwrap_or(DEFAULT_TELLS), &mut problems);
        finish(rules, problems)
    }
}

/// The rules when there is no problem, else every problem once, sorted by
/// file, line and message.
fn finish(rules: Rules, mut problems: Vec<Problem>) -> Result<Rules, RulesError> {
    if problems.is_empty() {
        Ok(rules)
    } else {
        problems.sort();
        problems.dedup();
        Err(RulesError::Invalid(problems))
    }
}

impl Rules {
    /// Loads and validates every table in `dir`. All problems are collected.
    pub fn load(dir: &Path) -> Result<Rules, RulesError> {
        if !dir.is_dir() {
            return Err(RulesError::MissingFolder(dir.to_path_buf()));
        }
        let (texts, digest) = read_tables(dir)?;
        let text = |name: &str| texts.get(name).and_then(|t| t.as_deref());
        let mut rules = Tables {
            jurisdictions: text("jurisdictions.csv"),
            roles: text("roles.csv"),
            officeholders: text("officeholders.csv"),
            facts: text("facts.csv"),
            scoring: text("scoring.csv"),
            grades: text("grades.csv"),
            tells: text("tells.csv"),
        }
        .parse()?;
        rules.dir = dir.to_path_buf();
        rules.digest = digest;
        Ok(rules)
    }

    /// Parses tables from text (`None` = file absent), with the bundled
    /// tells. Pure, for tests; the same as [`Tables::parse`].
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
        Tables {
            jurisdictions,
            roles,
            officeholders,
            facts,
            scoring,
            grades,
            tells,
        }
        .parse()
    }
}

/// The text of every table in `dir` (`None` when absent) and the hash of
/// their names and bytes. A file that is not UTF-8 stops the reading.
fn read_tables(dir: &Path) -> Result<(BTreeMap<&'static str, Option<String>>, u64), RulesError> {
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
    Ok((texts, digest.digest()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finish_sorts_and_deduplicates_problems() {
        let p = |file: &str, line, message: &str| Problem {
            file: file.into(),
            line,
            message: message.into(),
        };
        assert!(finish(Rules::default(), vec![]).is_ok());
        let Err(RulesError::Invalid(problems)) = finish(
            Rules::default(),
            vec![
                p("b.csv", 1, "x"),
                p("a.csv", 9, "y"),
                p("a.csv", 2, "z"),
                p("b.csv", 1, "x"),
            ],
        ) else {
            panic!("problems expected");
        };
        assert_eq!(
            problems,
            [p("a.csv", 2, "z"), p("a.csv", 9, "y"), p("b.csv", 1, "x")]
        );
    }

    #[test]
    fn tables_parse_like_the_positional_forms() {
        let tables = Tables {
            jurisdictions: Some("jurisdiction,terms\nx,X\n"),
            facts: Some("fact,value,unit,cues,note\nF,1,USD,f,n\n"),
            tells: Some("pattern,note\nfocus keyword,x\n"),
            ..Tables::default()
        };
        let rules = tables.parse().unwrap();
        assert_eq!(
            (
                rules.jurisdictions.len(),
                rules.facts.len(),
                rules.tells.len()
            ),
            (1, 1, 1)
        );
        let same = Rules::parse_with_tells(
            tables.jurisdictions,
            None,
            None,
            tables.facts,
            None,
            None,
            tables.tells,
        )
        .unwrap();
        assert_eq!(rules.tells, same.tells);
        assert_eq!(rules.scoring, same.scoring);
        let bundled = Rules::parse(None, None, None, None, None, None).unwrap();
        assert!(bundled.tells.len() > 1 && bundled.tells != rules.tells);
    }

    #[test]
    fn read_tables_reads_present_files_and_hashes_them() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("facts.csv"), "fact,value,unit,cues,note\n").unwrap();
        let (texts, digest) = read_tables(dir.path()).unwrap();
        assert_eq!(texts.len(), TABLES.len());
        assert_eq!(
            texts["facts.csv"].as_deref(),
            Some("fact,value,unit,cues,note\n")
        );
        assert_eq!(texts["roles.csv"], None);
        std::fs::write(dir.path().join("roles.csv"), "role\n").unwrap();
        assert_ne!(read_tables(dir.path()).unwrap().1, digest);
        std::fs::write(dir.path().join("grades.csv"), [0xff, 0xfe]).unwrap();
        let Err(RulesError::Invalid(p)) = read_tables(dir.path()) else {
            panic!("not UTF-8 expected");
        };
        assert!(
            p[0].to_string().starts_with("grades.csv:1: not UTF-8 text"),
            "{p:?}"
        );
    }
}
