//! Accuracy of the names check on the labelled set of real-page-shaped
//! articles from ten jurisdictions (`tests/labelled/names/`, see its
//! README): recall of planted faults (any kind and the right kind), false
//! errors on correct mentions, and no error on undated mentions that are
//! right at some dates. Printed per pattern; floors asserted.

use crate::common::*;
use std::collections::BTreeMap;

const FAULTS: [&str; 4] = [
    "wrong_officeholder",
    "outdated_officeholder",
    "misspelled_name",
    "role_mismatch",
];

/// Lowercase words, punctuation and periods folded, padded with spaces.
fn fold(s: &str) -> String {
    let lower = s
        .to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace('.', "");
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    format!(" {} ", words.join(" "))
}

#[test]
fn labelled_names_meet_their_accuracy_floors() {
    let dir = root().join("tests/labelled/names");
    let out = tempfile::tempdir().unwrap();
    let o = run(&[
        "score",
        dir.join("articles").to_str().unwrap(),
        "--rules",
        dir.join("rules").to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--no-bom",
        "-q",
    ]);
    assert!(o.status.success() || o.status.code() == Some(1));
    // findings.csv: article, source, severity, kind, message, expected, mention, ...
    let findings: Vec<(String, String, String, String)> = rows(out.path(), "findings.csv")
        .into_iter()
        .map(|r| (r[0].clone(), r[2].clone(), r[3].clone(), fold(&r[6])))
        .collect();
    let mut labels = csv::Reader::from_path(dir.join("labels.csv")).unwrap();
    let labels: Vec<csv::StringRecord> = labels.records().map(Result::unwrap).collect();
    // A name labelled twice in one article (right in one role, a fault in
    // another): its error findings belong to the fault.
    let faulted: std::collections::BTreeSet<(String, String)> = labels
        .iter()
        .filter(|r| FAULTS.contains(&&r[4]))
        .map(|r| (r[0].to_string(), fold(&r[1])))
        .collect();
    // pattern -> (faults, caught, right kind, ok, false errors)
    let mut per: BTreeMap<u32, [u32; 5]> = BTreeMap::new();
    let mut undated_errors = 0;
    for rec in &labels {
        let (article, mention, verdict) = (&rec[0], fold(&rec[1]), &rec[4]);
        let shared = faulted.contains(&(article.to_string(), mention.clone()));
        let pattern: u32 = rec[6].parse().unwrap();
        let about: Vec<_> = findings
            .iter()
            .filter(|f| f.0 == article && f.3.contains(&mention))
            .filter(|f| FAULTS.contains(&f.2.as_str()) || f.2 == "name_variant")
            .collect();
        let errors = about.iter().filter(|f| f.1 == "error").count();
        let e = per.entry(pattern).or_default();
        if FAULTS.contains(&verdict) {
            e[0] += 1;
            e[1] += u32::from(!about.is_empty());
            e[2] += u32::from(about.iter().any(|f| f.2 == verdict));
        } else if verdict == "unchecked_date" {
            undated_errors += usize::from(errors > 0 && !shared);
        } else {
            e[3] += 1;
            e[4] += u32::from(errors > 0 && !shared);
        }
    }
    // Correct mentions the check did not judge: no mentions.csv row, or
    // only `unchecked` rows (article, mention, verdict, reason).
    let mentions: Vec<(String, String, String)> = rows(out.path(), "mentions.csv")
        .into_iter()
        .map(|r| (r[0].clone(), fold(&r[3]), r[7].clone()))
        .collect();
    let mut not_judged = Vec::new();
    for rec in labels.iter().filter(|r| &r[4] == "ok") {
        let mention = fold(&rec[1]);
        let judged = mentions
            .iter()
            .any(|m| m.0 == rec[0] && m.1.contains(&mention) && m.2 != "unchecked");
        if !judged {
            not_judged.push(format!("{}: {}", &rec[0], &rec[1]));
        }
    }
    println!(
        "correct mentions not judged (title not in the tables, or another office): {} {not_judged:?}",
        not_judged.len()
    );
    let mut total = [0u32; 5];
    println!("pattern  faults  caught  right_kind  ok  false_errors");
    for (p, e) in &per {
        println!(
            "{p:>7}  {:>6}  {:>6}  {:>10}  {:>3}  {:>12}",
            e[0], e[1], e[2], e[3], e[4]
        );
        for i in 0..5 {
            total[i] += e[i];
        }
    }
    let recall = f64::from(total[1]) / f64::from(total[0]);
    let kind = f64::from(total[2]) / f64::from(total[0]);
    let false_rate = f64::from(total[4]) / f64::from(total[3]);
    println!(
        "all: recall {recall:.3}, right kind {kind:.3}, false errors {:.2} per 100 correct, undated errors {undated_errors}",
        false_rate * 100.0
    );
    // Floors: the targets (measured 0.979, 0.948, 0.62 per 100;
    // 10 correct mentions not judged, all titles missing from the tables
    // or a shadow office).
    assert!(recall >= 0.95, "recall {recall:.3}");
    assert!(kind >= 0.90, "right kind {kind:.3}");
    assert!(not_judged.len() <= 10, "{not_judged:?}");
    assert!(false_rate <= 0.01, "false errors {false_rate:.3}");
    assert_eq!(
        undated_errors, 0,
        "undated mentions right at some dates got errors"
    );
}
