//! Scoring end to end: the README formula, keyword stuffing, --fail-under.

use crate::common::*;
use std::collections::BTreeMap;

/// (points, cap) per kind, from a scoring.csv.
fn weights(path: &std::path::Path) -> BTreeMap<String, (f64, Option<f64>)> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let cap = rec[3].trim();
            (
                rec[0].trim().to_string(),
                (
                    rec[2].trim().parse().unwrap(),
                    (!cap.is_empty()).then(|| cap.parse().unwrap()),
                ),
            )
        })
        .collect()
}

#[test]
fn scores_add_up_as_the_readme_formula_says() {
    let (output, out) = run_scenario("score_arithmetic", &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let w = weights(&root().join("rules/scoring.csv"));
    // Non-info findings per article and kind.
    let mut counts: BTreeMap<(String, String), f64> = BTreeMap::new();
    for r in rows(out.path(), "findings.csv") {
        if r[2] != "info" {
            *counts.entry((r[0].clone(), r[3].clone())).or_default() += 1.0;
        }
    }
    let articles = rows(out.path(), "articles.csv");
    assert_eq!(articles.len(), 4);
    let mut capped = 0;
    for a in &articles {
        let mut lost = 0.0;
        for ((art, kind), n) in &counts {
            if art != &a[0] {
                continue;
            }
            let (points, cap) = w.get(kind).copied().unwrap_or((0.0, None));
            let raw = points * n;
            if cap.is_some_and(|c| raw > c) {
                capped += 1;
            }
            lost += cap.map_or(raw, |c| raw.min(c));
        }
        let want = (100.0f64 - lost).max(0.0);
        let got: f64 = a[3].parse().unwrap();
        assert!(
            (got - want).abs() < 0.05,
            "{}: score {got}, formula {want}",
            a[0]
        );
    }
    assert!(capped >= 2, "the scenario exercises the caps");
    let scores: Vec<&str> = articles.iter().map(|a| a[3].as_str()).collect();
    assert_eq!(scores, ["68", "84", "100", "84"]);
    let grades: Vec<&str> = articles.iter().map(|a| a[4].as_str()).collect();
    assert_eq!(grades, ["C", "B", "A", "B"]);
    // One sources.csv row per source, worst article named.
    let sources = rows(out.path(), "sources.csv");
    let got: Vec<(&str, &str, &str)> = sources
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str(), r[7].as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("shop-news", "2", "a_stuffed_and_tells.txt"),
            ("town-paper", "2", "d_tells.txt")
        ]
    );
}

#[test]
fn keyword_stuffing_flags_the_stuffed_article_only() {
    let out = check_golden("score_stuffing");
    let stuffing: Vec<(String, String)> = findings(out.path())
        .into_iter()
        .filter(|f| f.1 == "keyword_stuffing")
        .map(|f| (f.0, f.2))
        .collect();
    assert_eq!(
        stuffing,
        [(
            "stuffed_gadget.txt".to_string(),
            "Best Budget Smart Thermostat".to_string()
        )]
    );
}

#[test]
fn fail_under_exits_1_only_when_an_article_scores_below() {
    let (o, _out) = run_scenario("score_arithmetic", &["--fail-under", "80"]);
    assert_eq!(o.status.code(), Some(1), "68 < 80");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("a_stuffed_and_tells.txt"), "{err}");
    let (o, _out) = run_scenario("score_arithmetic", &["--fail-under", "68"]);
    assert_eq!(o.status.code(), Some(0), "68 is not below 68");
}
