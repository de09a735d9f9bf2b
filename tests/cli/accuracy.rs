//! Accuracy at scale: `gen-corpus` writes a few thousand articles with known
//! defects (labels.csv); credence scores them; precision and recall of each
//! injected defect kind are measured against labels.csv.

use crate::common::*;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// (article, paragraph number) — how labels and findings are matched.
type Spot = (String, u32);

/// Runs gen-corpus into `out` and returns its stderr; panics on failure.
fn generate(out: &Path, articles: usize, seed: u64, check: bool) -> String {
    generate_profile(out, articles, seed, check, "default")
}

/// [`generate`] with `--profile profile`.
fn generate_profile(out: &Path, articles: usize, seed: u64, check: bool, profile: &str) -> String {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gen-corpus"));
    c.args([
        "--articles",
        &articles.to_string(),
        "--seed",
        &seed.to_string(),
        "--profile",
        profile,
    ])
    .arg("--out")
    .arg(out)
    .arg("--rules")
    .arg(root().join("rules"));
    if check {
        c.arg("--check");
    }
    let o = c.output().expect("gen-corpus runs");
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "gen-corpus failed: {err}");
    err
}

/// Scores the generated corpus in `dir` into `dir/out`.
fn score_corpus(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("out");
    let o = run(&[
        "score",
        dir.join("articles").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--no-bom",
        "-q",
    ]);
    assert!(
        o.status.success() || o.status.code() == Some(1),
        "credence failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

/// labels.csv rows as (article, paragraph, kind, mention, expected).
fn labels(dir: &Path) -> Vec<(String, u32, String, String, String)> {
    let mut r = csv::Reader::from_path(dir.join("labels.csv")).unwrap();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            (
                rec[0].to_string(),
                rec[1].parse().unwrap(),
                rec[2].to_string(),
                rec[3].to_string(),
                rec[4].to_string(),
            )
        })
        .collect()
}

#[test]
fn generated_corpus_reads_back_as_labelled() {
    let dir = tempfile::tempdir().unwrap();
    // --check: credence's own ingest and segmenter see every article, date
    // and paragraph as the generator wrote it, so labels.csv ids and
    // paragraph numbers are the ones credence reports.
    let err = generate(dir.path(), 300, 11, true);
    assert!(err.contains("check passed"), "{err}");
    let out = score_corpus(dir.path());
    let ids: BTreeSet<String> = rows(&out, "articles.csv")
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(ids.len(), 300);
    let labels = labels(dir.path());
    for kind in [
        "correct_name",
        "outdated_officeholder",
        "misspelled_name",
        "wrong_officeholder",
        "quantity_conflict",
        "duplicate_paragraph",
        "syndicated_paragraph",
        "boilerplate",
    ] {
        assert!(
            labels.iter().any(|l| l.2 == kind),
            "no {kind} injected in 300 articles"
        );
    }
    for l in &labels {
        assert!(ids.contains(&l.0), "label for unknown article {}", l.0);
    }
    // All four formats are there.
    for ext in [".txt", ".md", ".html", ".jsonl#"] {
        assert!(ids.iter().any(|i| i.contains(ext)), "no {ext} article");
    }
}

#[test]
fn generated_corpus_depends_only_on_the_seed() {
    let digest = |seed: u64| {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), 80, seed, false);
        let mut files = Vec::new();
        let mut stack = vec![dir.path().to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let rel = p.strip_prefix(dir.path()).unwrap().display().to_string();
                    files.push((rel, std::fs::read(&p).unwrap()));
                }
            }
        }
        files.sort();
        files
    };
    let a = digest(5);
    assert_eq!(a, digest(5), "same seed, different corpus");
    assert_ne!(a, digest(6), "different seeds, same corpus");
}

/// One precision/recall measurement.
struct Metric {
    name: &'static str,
    labelled: usize,
    found: usize,
    /// Labelled spots found.
    hit: usize,
    /// Found spots that are labelled (or acceptable).
    correct: usize,
    min_precision: f64,
    min_recall: f64,
}

impl Metric {
    fn new(
        name: &'static str,
        labelled: &BTreeSet<Spot>,
        acceptable: &BTreeSet<Spot>,
        found: &BTreeSet<Spot>,
        min_precision: f64,
        min_recall: f64,
    ) -> Metric {
        Metric {
            name,
            labelled: labelled.len(),
            found: found.len(),
            hit: labelled.intersection(found).count(),
            correct: found
                .iter()
                .filter(|s| labelled.contains(*s) || acceptable.contains(*s))
                .count(),
            min_precision,
            min_recall,
        }
    }
    fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.correct as f64 / self.found as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.labelled == 0 {
            1.0
        } else {
            self.hit as f64 / self.labelled as f64
        }
    }
}

const NAME_KINDS: [&str; 4] = [
    "outdated_officeholder",
    "misspelled_name",
    "wrong_officeholder",
    "role_mismatch",
];
const DEDUP_KINDS: [&str; 3] = ["duplicate_paragraph", "syndicated_paragraph", "boilerplate"];

/// Minimum (precision, recall) per metric: the values measured on this
/// corpus (2,000 articles, seed 2026) when the thresholds were set, less a
/// margin, so a regression fails the test. They are floors, not goals: the
/// README lists where they fall short (quantity precision, boilerplate and
/// misspelled-name recall) and why.
fn floor(metric: &str) -> (f64, f64) {
    match metric {
        "outdated_officeholder" => (0.95, 0.88), // measured 1.000, 0.938
        "misspelled_name" => (0.95, 0.65),       // measured 1.000, 0.712
        "wrong_officeholder" => (0.75, 0.80),    // measured 0.812, 0.850
        "role_mismatch" => (0.95, 0.90),         // measured 1.000, 0.963
        "name errors (any kind)" => (0.97, 0.85), // measured 1.000, 0.906
        "quantity_conflict" => (0.83, 0.90),     // measured 0.861, 0.936
        "duplicate_paragraph" => (0.95, 0.95),   // measured 1.000, 1.000
        "syndicated_paragraph" => (0.58, 0.93),  // measured 0.631, 0.988
        "boilerplate" => (0.95, 0.33),           // measured 1.000, 0.373
        _ => (0.95, 0.55),                       // not content: 0.996, 0.598
    }
}

#[test]
fn injected_defects_are_found_at_scale() {
    let n: usize = std::env::var("CREDENCE_ACCURACY_ARTICLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), n, 2026, false);
    let out = score_corpus(dir.path());
    let labels = labels(dir.path());
    let findings: Vec<(Spot, String)> = rows(&out, "findings.csv")
        .into_iter()
        .filter_map(|r| Some(((r[0].clone(), r[8].parse().ok()?), r[3].clone())))
        .collect();
    let labelled = |kinds: &[&str]| -> BTreeSet<Spot> {
        labels
            .iter()
            .filter(|l| kinds.contains(&l.2.as_str()))
            .map(|l| (l.0.clone(), l.1))
            .collect()
    };
    let found = |kinds: &[&str]| -> BTreeSet<Spot> {
        findings
            .iter()
            .filter(|(_, k)| kinds.contains(&k.as_str()))
            .map(|(s, _)| s.clone())
            .collect()
    };
    let none = BTreeSet::new();
    let origins = labelled(&["syndicated_origin"]);
    let all_names = labelled(&NAME_KINDS);
    let mut metrics = Vec::new();
    for k in NAME_KINDS {
        metrics.push(Metric::new(
            k,
            &labelled(&[k]),
            &none,
            &found(&[k]),
            floor(k).0,
            floor(k).1,
        ));
    }
    // Any name error found at a paragraph with an injected name error,
    // whatever kind it was given.
    metrics.push(Metric::new(
        "name errors (any kind)",
        &all_names,
        &none,
        &found(&NAME_KINDS),
        floor("name errors (any kind)").0,
        floor("name errors (any kind)").1,
    ));
    metrics.push(Metric::new(
        "quantity_conflict",
        &labelled(&["quantity_conflict"]),
        &none,
        &found(&["quantity_conflict"]),
        floor("quantity_conflict").0,
        floor("quantity_conflict").1,
    ));
    metrics.push(Metric::new(
        "duplicate_paragraph",
        &labelled(&["duplicate_paragraph"]),
        &none,
        &found(&["duplicate_paragraph"]),
        floor("duplicate_paragraph").0,
        floor("duplicate_paragraph").1,
    ));
    metrics.push(Metric::new(
        "syndicated_paragraph",
        &labelled(&["syndicated_paragraph"]),
        &origins,
        &found(&["syndicated_paragraph"]),
        floor("syndicated_paragraph").0,
        floor("syndicated_paragraph").1,
    ));
    metrics.push(Metric::new(
        "boilerplate",
        &labelled(&["boilerplate"]),
        &none,
        &found(&["boilerplate"]),
        floor("boilerplate").0,
        floor("boilerplate").1,
    ));
    // Repeats, copies and boilerplate are all "not content": a boilerplate
    // line reported as a syndicated copy is still kept out of the checks.
    metrics.push(Metric::new(
        "not content (any dedup kind)",
        &labelled(&DEDUP_KINDS),
        &origins,
        &found(&DEDUP_KINDS),
        floor("not content (any dedup kind)").0,
        floor("not content (any dedup kind)").1,
    ));

    // Correct mentions and amounts flagged anyway.
    let correct_names = labelled(&["correct_name"]);
    let false_names = found(&NAME_KINDS)
        .intersection(&correct_names)
        .filter(|s| !all_names.contains(*s))
        .count();
    let correct_qty = labelled(&["correct_quantity"]);
    let false_qty = found(&["quantity_conflict"])
        .intersection(&correct_qty)
        .count();

    println!("accuracy on {n} generated articles (seed 2026):");
    println!(
        "{:<30} {:>9} {:>7} {:>10} {:>8}",
        "kind", "labelled", "found", "precision", "recall"
    );
    let mut failures = Vec::new();
    for m in &metrics {
        println!(
            "{:<30} {:>9} {:>7} {:>10.3} {:>8.3}",
            m.name,
            m.labelled,
            m.found,
            m.precision(),
            m.recall()
        );
        if m.precision() < m.min_precision {
            failures.push(format!(
                "{}: precision {:.3} < {}",
                m.name,
                m.precision(),
                m.min_precision
            ));
        }
        if m.recall() < m.min_recall {
            failures.push(format!(
                "{}: recall {:.3} < {}",
                m.name,
                m.recall(),
                m.min_recall
            ));
        }
    }
    println!(
        "correct mentions flagged: {false_names} of {}; correct amounts flagged: {false_qty} of {}",
        correct_names.len(),
        correct_qty.len()
    );
    assert_eq!(false_names, 0, "correct mentions flagged as name errors");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The wire profile: 150 wire paragraphs carried, reworded (sentences
/// shuffled, figures restyled or changed, a sentence appended), by most of
/// 1,500 short articles. Floors are the values measured when the profile
/// was added, less a margin.
#[test]
fn wire_copies_are_found_at_scale() {
    let dir = tempfile::tempdir().unwrap();
    let err = generate_profile(dir.path(), 1500, 2026, true, "wire");
    assert!(err.contains("check passed"), "{err}");
    let out = score_corpus(dir.path());
    let labels = labels(dir.path());
    let spots = |kinds: &[&str]| -> BTreeSet<Spot> {
        labels
            .iter()
            .filter(|l| kinds.contains(&l.2.as_str()))
            .map(|l| (l.0.clone(), l.1))
            .collect()
    };
    let findings: Vec<(Spot, String)> = rows(&out, "findings.csv")
        .into_iter()
        .filter_map(|r| Some(((r[0].clone(), r[8].parse().ok()?), r[3].clone())))
        .collect();
    let found = |kind: &str| -> BTreeSet<Spot> {
        findings
            .iter()
            .filter(|(_, k)| k == kind)
            .map(|(s, _)| s.clone())
            .collect()
    };
    let none = BTreeSet::new();
    let metrics = [
        Metric::new(
            "syndicated_paragraph",
            &spots(&["syndicated_paragraph"]),
            &spots(&["syndicated_origin"]),
            &found("syndicated_paragraph"),
            WIRE_FLOORS[0].0,
            WIRE_FLOORS[0].1,
        ),
        Metric::new(
            "duplicate_paragraph",
            &spots(&["duplicate_paragraph"]),
            &none,
            &found("duplicate_paragraph"),
            WIRE_FLOORS[1].0,
            WIRE_FLOORS[1].1,
        ),
    ];
    println!("accuracy on 1500 wire-profile articles (seed 2026):");
    let mut failures = Vec::new();
    for m in &metrics {
        println!(
            "{:<22} labelled {:>6} found {:>6} precision {:.3} recall {:.3}",
            m.name,
            m.labelled,
            m.found,
            m.precision(),
            m.recall()
        );
        if m.precision() < m.min_precision || m.recall() < m.min_recall {
            failures.push(format!(
                "{}: precision {:.3}, recall {:.3} under ({}, {})",
                m.name,
                m.precision(),
                m.recall(),
                m.min_precision,
                m.min_recall
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// (precision, recall) floors of [`wire_copies_are_found_at_scale`]:
/// syndicated paragraphs (measured 0.864, 0.950; 0.697 before an outlet's
/// own bio and promo lines under wire copy were kept boilerplate, 0.904
/// before a line whose articles carry one story next to it was left
/// syndicated: the false ones left are promo lines that are not at a bare
/// edge of every article carrying them, see the README), duplicate
/// paragraphs (measured 1.000, 1.000).
const WIRE_FLOORS: [(f64, f64); 2] = [(0.83, 0.92), (0.95, 0.95)];
