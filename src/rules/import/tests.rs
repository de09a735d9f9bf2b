//! Unit tests of the Wikidata import: dates, grouping, overlaps, errors.

use super::build::{build, period_end, period_start};
use super::sparql::{parse_datetime, read};
use super::*;
use crate::model::Date;
use serde_json::{json, Value};

fn d(s: &str) -> Date {
    Date::parse_iso(s).unwrap()
}

const VARS: [&str; 15] = [
    "statement",
    "person",
    "personLabel",
    "personAltLabel",
    "position",
    "positionLabel",
    "jurisdiction",
    "jurisdictionLabel",
    "start",
    "startPrecision",
    "end",
    "endPrecision",
    "rank",
    "natureLabel",
    "extra",
];

/// A result row: statement `s`, person `p`, position `pos` of `Xland`.
fn row(s: &str, p: &str, pos: &str, start: Option<(&str, u8)>, end: Option<(&str, u8)>) -> Value {
    let wd =
        |id: &str| json!({"type": "uri", "value": format!("http://www.wikidata.org/entity/{id}")});
    let en = |v: &str| json!({"type": "literal", "value": v, "xml:lang": "en"});
    let mut r = json!({
        "statement": wd(&format!("statement/{s}")),
        "person": wd(p),
        "personLabel": en(&format!("Person {p}")),
        "position": wd(pos),
        "positionLabel": en(&format!("{} of Xland", office(pos))),
        "jurisdiction": wd("Q1"),
        "jurisdictionLabel": en("Xland"),
        "rank": {"type": "uri", "value": "http://wikiba.se/ontology#NormalRank"},
        "extra": en("ignored"),
    });
    for (var, v) in [("start", start), ("end", end)] {
        if let Some((date, prec)) = v {
            r[var] = json!({"type": "literal", "value": format!("{date}T00:00:00Z"),
                "datatype": "http://www.w3.org/2001/XMLSchema#dateTime"});
            r[format!("{var}Precision")] = json!({"type": "literal", "value": prec.to_string()});
        }
    }
    r
}

/// A position's English name.
fn office(pos: &str) -> &'static str {
    match pos {
        "Q20" => "Chancellor",
        "Q21" => "Treasurer",
        _ => "Marshal",
    }
}

fn results(rows: Vec<Value>) -> Value {
    json!({"head": {"vars": VARS}, "results": {"bindings": rows}})
}

/// Imports `v` (no base) and returns the tables and counts.
fn import(v: &Value) -> (build::Imported, Counts) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.json");
    std::fs::write(&path, v.to_string()).unwrap();
    let parsed = read(&path).unwrap();
    let mut counts = Counts::default();
    let imported = build(&parsed, &mut counts);
    (imported, counts)
}

#[test]
fn dates_of_a_period_start_on_its_first_day_and_end_on_the_next() {
    let x = d("2015-12-20");
    assert_eq!(period_start(x, 11), x);
    assert_eq!(period_start(x, 10), d("2015-12-01"));
    assert_eq!(period_start(x, 9), d("2015-01-01"));
    assert_eq!(period_start(x, 7), d("2015-01-01"));
    assert_eq!(period_end(x, 11), x);
    assert_eq!(period_end(x, 10), d("2016-01-01"));
    assert_eq!(period_end(d("2015-03-01"), 10), d("2015-04-01"));
    assert_eq!(period_end(x, 9), d("2016-01-01"));
    assert_eq!(
        parse_datetime("2019-00-00T00:00:00Z"),
        Some(d("2019-01-01"))
    );
    assert_eq!(
        parse_datetime("+2019-06-30T00:00:00Z"),
        Some(d("2019-06-30"))
    );
    assert_eq!(parse_datetime("-0044-03-15T00:00:00Z"), None);
    assert_eq!(parse_datetime("unknown"), None);
}

#[test]
fn rows_of_one_statement_group_and_the_widest_dates_win() {
    let v = results(vec![
        row(
            "S1",
            "Q10",
            "Q20",
            Some(("2020-01-05", 11)),
            Some(("2021-01-01", 11)),
        ),
        row(
            "S1",
            "Q10",
            "Q20",
            Some(("2020-01-01", 11)),
            Some(("2021-06-01", 11)),
        ),
    ]);
    let (t, c) = import(&v);
    assert_eq!((c.rows, c.statements, c.merged), (2, 1, 0));
    assert_eq!(t.terms.len(), 1);
    assert_eq!(
        (t.terms[0].start, t.terms[0].end),
        (d("2020-01-01"), Some(d("2021-06-01")))
    );
    assert_eq!(t.roles[0].titles, ["Chancellor"]);
    assert_eq!(t.roles[0].id, "xland_chancellor");
    assert_eq!(t.jurisdictions[0].terms, ["Xland", "Xland's"]);
}

#[test]
fn precise_overlaps_raise_holders_and_imprecise_ones_are_trimmed() {
    // Q20: two people at once with day dates: holders 2.
    // Q21: a year-precision start after a precise end: moved to that end.
    // Q22: an open term followed by another: ends where the next starts.
    let v = results(vec![
        row(
            "A",
            "Q10",
            "Q20",
            Some(("2020-01-01", 11)),
            Some(("2022-01-01", 11)),
        ),
        row("B", "Q11", "Q20", Some(("2021-01-01", 11)), None),
        row(
            "C",
            "Q10",
            "Q21",
            Some(("2020-01-01", 11)),
            Some(("2021-03-01", 11)),
        ),
        row("D", "Q11", "Q21", Some(("2021-01-01", 9)), None),
        row("E", "Q12", "Q22", Some(("2010-01-01", 11)), None),
        row("F", "Q13", "Q22", Some(("2012-05-01", 11)), None),
    ]);
    let (t, c) = import(&v);
    let holders: Vec<u32> = t.roles.iter().map(|r| r.holders).collect();
    assert_eq!(holders, [2, 1, 1]);
    assert_eq!(
        (c.holders_raised, c.truncated, c.no_end, c.imprecise),
        (1, 2, 4, 1)
    );
    let term = |role: &str, name: &str| {
        let t = t
            .terms
            .iter()
            .find(|t| t.role.ends_with(office(role).to_lowercase().as_str()) && t.name == name)
            .unwrap();
        (t.start, t.end)
    };
    assert_eq!(term("Q21", "Person Q11"), (d("2021-03-01"), None));
    assert_eq!(
        term("Q22", "Person Q12"),
        (d("2010-01-01"), Some(d("2012-05-01")))
    );
    assert_eq!(term("Q22", "Person Q13"), (d("2012-05-01"), None));
}

#[test]
fn reversed_and_deprecated_statements_are_skipped_and_counted() {
    let mut dep = row("B", "Q11", "Q20", Some(("2000-01-01", 11)), None);
    dep["rank"]["value"] = json!("http://wikiba.se/ontology#DeprecatedRank");
    let mut acting = row("C", "Q12", "Q20", Some(("2001-01-01", 11)), None);
    acting["natureLabel"] = json!({"type": "literal", "value": "Interim"});
    let v = results(vec![
        row(
            "A",
            "Q10",
            "Q20",
            Some(("2020-01-01", 11)),
            Some(("2019-01-01", 11)),
        ),
        dep,
        acting,
    ]);
    let (t, c) = import(&v);
    assert!(t.terms.is_empty() && t.roles.is_empty());
    assert_eq!((c.reversed, c.deprecated, c.acting), (1, 1, 1));
}

#[test]
fn bad_values_name_the_row_and_variable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.json");
    let mut bad = row("A", "Q10", "Q20", Some(("2020-01-01", 11)), None);
    bad["startPrecision"] = json!({"type": "literal", "value": "day"});
    let mut no_statement = row("B", "Q10", "Q20", None, None);
    no_statement.as_object_mut().unwrap().remove("statement");
    for (r, want) in [
        (
            bad,
            "r.json: result row 2: ?startPrecision: \"day\" is not a precision (9, 10 or 11)",
        ),
        (
            no_statement,
            "r.json: result row 2: ?statement: no value in this row",
        ),
    ] {
        let ok = row("Z", "Q10", "Q20", Some(("2020-01-01", 11)), None);
        std::fs::write(&path, results(vec![ok, r]).to_string()).unwrap();
        let e = read(&path).unwrap_err();
        assert!(matches!(e, ImportError::BadValue { row: 2, .. }), "{e:?}");
        assert!(e.to_string().ends_with(want), "{e}");
    }
    std::fs::write(&path, "{\"head\": {\"vars\": []}}").unwrap();
    let e = read(&path).unwrap_err();
    assert!(matches!(e, ImportError::Json { line: 1, .. }), "{e:?}");
}
