//! The scoring tables: points per finding kind, grade bands and
//! machine-writing tells, each with a bundled default.

use super::table::{parse_number, parse_rows, Row, Seen};
use super::Problem;
use crate::model::{FindingKind, Severity};
use std::collections::BTreeSet;

/// The bundled scoring weights, used when a rules folder has no scoring.csv.
pub(super) const DEFAULT_SCORING: &str = include_str!("../../rules/scoring.csv");
/// The bundled grade bands, used when a rules folder has no grades.csv.
pub(super) const DEFAULT_GRADES: &str = include_str!("../../rules/grades.csv");
/// The bundled machine-writing tells, used when a rules folder has no tells.csv.
pub(super) const DEFAULT_TELLS: &str = include_str!("../../rules/tells.csv");
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

/// scoring.csv: one row per finding kind.
pub(super) fn parse_scoring(text: &str, problems: &mut Vec<Problem>) -> Vec<ScoringRule> {
    let mut seen = Seen::new();
    parse_rows(
        "scoring.csv",
        text,
        &["kind", "severity", "points", "cap"],
        problems,
        |row, _| parse_scoring_rule(row, &mut seen),
    )
}

fn parse_scoring_rule(row: &Row, seen: &mut Seen<FindingKind>) -> Result<ScoringRule, Problem> {
    let Some(kind) = FindingKind::parse(row.get("kind")) else {
        return Err(row.problem(format!("unknown finding kind {:?}", row.get("kind"))));
    };
    let severity = parse_severity(row, kind)?;
    let Some(points) = parse_number(row.get("points")).filter(|v| *v >= 0.0) else {
        return Err(row.problem(format!(
            "points {:?} is not a number >= 0",
            row.get("points")
        )));
    };
    let cap = parse_cap(row)?;
    seen.first(kind, row, || format!("scoring row for {}", kind.as_str()))?;
    Ok(ScoringRule {
        line: row.line,
        kind,
        severity,
        points,
        cap,
    })
}

/// The severity cell: empty for the kind's own severity.
fn parse_severity(row: &Row, kind: FindingKind) -> Result<Severity, Problem> {
    match row.get("severity") {
        "" => Ok(kind.severity()),
        s => Severity::parse(s)
            .ok_or_else(|| row.problem(format!("severity {s:?} is not error, warning or info"))),
    }
}

/// The cap cell: empty for no cap, else a number >= 0.
fn parse_cap(row: &Row) -> Result<Option<f64>, Problem> {
    match row.get("cap") {
        "" => Ok(None),
        c => match parse_number(c).filter(|v| *v >= 0.0) {
            Some(v) => Ok(Some(v)),
            None => Err(row.problem(format!("cap {c:?} is not a number >= 0 or empty"))),
        },
    }
}

/// grades.csv: one row per grade band, returned highest `min_score` first.
pub(super) fn parse_grades(text: &str, problems: &mut Vec<Problem>) -> Vec<Grade> {
    let mut seen = BTreeSet::new();
    let mut grades = parse_rows(
        "grades.csv",
        text,
        &["grade", "min_score"],
        problems,
        |row, _| parse_grade(row, &mut seen),
    );
    grades.sort_by(|a, b| b.min_score.total_cmp(&a.min_score));
    grades
}

fn parse_grade(row: &Row, seen: &mut BTreeSet<String>) -> Result<Grade, Problem> {
    let grade = row.get("grade").to_string();
    let Some(min_score) = parse_number(row.get("min_score")) else {
        return Err(row.problem(format!(
            "min_score {:?} is not a number",
            row.get("min_score")
        )));
    };
    if grade.is_empty() || !seen.insert(grade.clone()) {
        return Err(row.problem(format!("empty or duplicate grade {grade:?}")));
    }
    Ok(Grade {
        line: row.line,
        grade,
        min_score,
    })
}

/// tells.csv: one row per phrase.
pub(super) fn parse_tells(text: &str, problems: &mut Vec<Problem>) -> Vec<Tell> {
    let mut seen = Seen::new();
    parse_rows(
        "tells.csv",
        text,
        &["pattern", "note"],
        problems,
        |row, _| parse_tell(row, &mut seen),
    )
}

fn parse_tell(row: &Row, seen: &mut Seen<String>) -> Result<Tell, Problem> {
    let pattern = row.get("pattern").to_string();
    // Short patterns would match ordinary words.
    if pattern.chars().filter(|c| c.is_alphanumeric()).count() < 4 {
        return Err(row.problem(format!(
            "pattern {pattern:?} is empty or too short (needs 4 letters or digits)"
        )));
    }
    let key = pattern.to_lowercase();
    seen.first(key, row, || format!("pattern {pattern:?}"))?;
    Ok(Tell {
        line: row.line,
        pattern,
        note: row.get("note").to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::table::tests::rows;
    use super::*;

    fn strings(problems: &[Problem]) -> Vec<String> {
        problems.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn bundled_tables_parse_cleanly() {
        let mut problems = Vec::new();
        assert!(!parse_scoring(DEFAULT_SCORING, &mut problems).is_empty());
        assert!(!parse_grades(DEFAULT_GRADES, &mut problems).is_empty());
        assert!(!parse_tells(DEFAULT_TELLS, &mut problems).is_empty());
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn severity_defaults_to_the_kind_and_cap_to_none() {
        let rows = rows(
            "scoring.csv",
            "kind,severity,cap\nk,,\nk,info,5\nk,loud,-1\n",
        );
        let kind = FindingKind::MisspelledName;
        assert_eq!(parse_severity(&rows[0], kind), Ok(kind.severity()));
        assert_eq!(parse_severity(&rows[1], kind), Ok(Severity::Info));
        assert_eq!(
            parse_severity(&rows[2], kind).unwrap_err().message,
            "severity \"loud\" is not error, warning or info"
        );
        assert_eq!(parse_cap(&rows[0]), Ok(None));
        assert_eq!(parse_cap(&rows[1]), Ok(Some(5.0)));
        assert_eq!(
            parse_cap(&rows[2]).unwrap_err().message,
            "cap \"-1\" is not a number >= 0 or empty"
        );
    }

    #[test]
    fn scoring_rows_stop_at_their_first_problem() {
        let mut problems = Vec::new();
        let rules = parse_scoring(
            "kind,severity,points,cap\n\
             misspelled_name,,10,30\n\
             bogus,error,1,\n\
             role_mismatch,error,-1,\n\
             role_mismatch,loud,-1,\n\
             misspelled_name,error,2,\n",
            &mut problems,
        );
        assert_eq!(rules.len(), 1);
        assert_eq!((rules[0].points, rules[0].cap), (10.0, Some(30.0)));
        assert_eq!(
            strings(&problems),
            [
                "scoring.csv:3: unknown finding kind \"bogus\"",
                "scoring.csv:4: points \"-1\" is not a number >= 0",
                "scoring.csv:5: severity \"loud\" is not error, warning or info",
                "scoring.csv:6: duplicate scoring row for misspelled_name (first at line 2)",
            ]
        );
    }

    #[test]
    fn grades_sort_highest_first_and_must_differ() {
        let mut problems = Vec::new();
        let grades = parse_grades(
            "grade,min_score\nC,40\nA,90\nB,x\n,10\nA,80\n",
            &mut problems,
        );
        let got: Vec<(&str, f64)> = grades
            .iter()
            .map(|g| (g.grade.as_str(), g.min_score))
            .collect();
        assert_eq!(got, [("A", 90.0), ("C", 40.0)]);
        assert_eq!(
            strings(&problems),
            [
                "grades.csv:4: min_score \"x\" is not a number",
                "grades.csv:5: empty or duplicate grade \"\"",
                "grades.csv:6: empty or duplicate grade \"A\"",
            ]
        );
    }

    #[test]
    fn tells_need_four_letters_and_differ_ignoring_case() {
        let mut problems = Vec::new();
        let tells = parse_tells(
            "pattern,note\n[insert,slot\nab!,x\n[INSERT,dup\n",
            &mut problems,
        );
        assert_eq!(tells.len(), 1);
        assert_eq!(
            strings(&problems),
            [
                "tells.csv:3: pattern \"ab!\" is empty or too short (needs 4 letters or digits)",
                "tells.csv:4: duplicate pattern \"[INSERT\" (first at line 2)",
            ]
        );
    }
}
