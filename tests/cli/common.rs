//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A command for the built `credence` binary, run from the repository root.
pub fn credence() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_credence"));
    c.current_dir(root());
    c.env_remove("NO_COLOR");
    c.env("SOURCE_DATE_EPOCH", RUN_DAY);
    c
}

/// The run date every test runs on (2026-11-29T00:00:00Z), so an undated
/// article's `judged_at` in a golden, and shards against a single run, do
/// not depend on the day, or the midnight, the suite runs across.
pub const RUN_DAY: &str = "1795910400";

/// Runs credence with `args`, returning its output.
pub fn run(args: &[&str]) -> Output {
    credence().args(args).output().expect("credence runs")
}

/// Every report a run writes, in the order credence writes them.
pub const REPORTS: [&str; 6] = [
    "articles.csv",
    "findings.csv",
    "duplicates.csv",
    "claims.csv",
    "sources.csv",
    "mentions.csv",
];

/// Reads a report as text (BOM stripped).
pub fn report(dir: &Path, name: &str) -> String {
    let s = std::fs::read_to_string(dir.join(name))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.join(name).display()));
    s.strip_prefix('\u{feff}').unwrap_or(&s).to_string()
}

/// Parses a report into rows of cells (header excluded).
pub fn rows(dir: &Path, name: &str) -> Vec<Vec<String>> {
    let text = report(dir, name);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Rows of findings.csv as (article, kind, mention, expected).
pub fn findings(dir: &Path) -> Vec<(String, String, String, String)> {
    rows(dir, "findings.csv")
        .into_iter()
        .map(|r| (r[0].clone(), r[3].clone(), r[6].clone(), r[5].clone()))
        .collect()
}

/// Runs a scenario into a fresh temp folder and returns (output, out dir).
pub fn run_scenario(name: &str, extra: &[&str]) -> (Output, tempfile::TempDir) {
    let dir = root().join("tests/corpora").join(name);
    let out = tempfile::tempdir().unwrap();
    let rules = if dir.join("rules").is_dir() {
        dir.join("rules")
    } else {
        root().join("rules")
    };
    let mut args: Vec<String> = vec![
        "score".into(),
        dir.join("input").display().to_string(),
        "--rules".into(),
        rules.display().to_string(),
        "--out".into(),
        out.path().display().to_string(),
        "--no-bom".into(),
        "-q".into(),
    ];
    if let Ok(a) = std::fs::read_to_string(dir.join("args")) {
        args.extend(
            a.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from),
        );
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    let output = credence().args(&args).output().expect("credence runs");
    (output, out)
}

/// Runs a scenario and compares every `expected/*.csv` with the report of the
/// same name (a scenario may leave a report out). With UPDATE_GOLDEN=1,
/// writes every report (all six) into expected/ instead.
pub fn check_golden(name: &str) -> tempfile::TempDir {
    let (output, out) = run_scenario(name, &[]);
    assert!(
        output.status.success() || output.status.code() == Some(1),
        "{name}: credence failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let expected = root().join("tests/corpora").join(name).join("expected");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    if update {
        std::fs::create_dir_all(&expected).unwrap();
        for n in REPORTS {
            std::fs::copy(out.path().join(n), expected.join(n)).unwrap();
        }
        return out;
    }
    let mut names: Vec<_> = std::fs::read_dir(&expected)
        .unwrap_or_else(|_| panic!("{name}: no expected/ folder; run with UPDATE_GOLDEN=1"))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "{name}: expected/ has no CSV files");
    for n in names {
        let want = std::fs::read_to_string(expected.join(&n)).unwrap();
        let got = report(out.path(), &n);
        assert_eq!(
            got, want,
            "{name}/{n} differs from the golden file (UPDATE_GOLDEN=1 to accept)"
        );
    }
    out
}
