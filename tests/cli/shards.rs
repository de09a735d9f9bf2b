//! Sharded runs: `score --shard K/N` as separate processes, then `merge`,
//! write byte for byte the reports of one run; partials that do not belong
//! together are refused, naming the culprit.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every file a run writes by default.
const ALL: [&str; 8] = [
    "articles.csv",
    "findings.csv",
    "duplicates.csv",
    "claims.csv",
    "sources.csv",
    "mentions.csv",
    "report.xlsx",
    "review.html",
];

fn ok(o: &std::process::Output, what: &str) -> String {
    assert!(
        o.status.success() || o.status.code() == Some(1),
        "{what} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A single run of `inputs` into `out`.
fn single(inputs: &[String], rules: &Path, extra: &[String], out: &Path, jobs: &str) {
    let o = credence()
        .arg("score")
        .args(inputs)
        .args(["-j", jobs, "--rules"])
        .arg(rules)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    ok(&o, "single run");
}

/// `n` shards, each its own process started at once, into `parts/K`; their
/// stdout lines (one per shard, in shard order).
fn shards(
    inputs: &[String],
    rules: &Path,
    extra: &[String],
    parts: &Path,
    n: u32,
    jobs: &str,
) -> Vec<String> {
    let children: Vec<_> = (0..n)
        .map(|k| {
            let mut c = credence();
            c.arg("score").args(inputs);
            c.args(["--shard", &format!("{k}/{n}"), "-j", jobs, "--rules"])
                .arg(rules)
                .arg("--out")
                .arg(parts.join(k.to_string()))
                .args(extra);
            c.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|c| ok(&c.wait_with_output().unwrap(), "shard"))
        .collect()
}

fn merge_cmd(parts: &[PathBuf], rules: &Path, out: &Path, jobs: &str) -> std::process::Output {
    credence()
        .arg("merge")
        .args(parts)
        .args(["-j", jobs, "--rules"])
        .arg(rules)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

fn part_dirs(parts: &Path, n: u32) -> Vec<PathBuf> {
    (0..n).map(|k| parts.join(k.to_string())).collect()
}

fn assert_same_files(a: &Path, b: &Path) {
    for name in ALL {
        let (x, y) = (std::fs::read(a.join(name)), std::fs::read(b.join(name)));
        assert!(
            x.as_ref().ok() == y.as_ref().ok() && x.is_ok(),
            "{name} differs between {} and {}",
            a.display(),
            b.display()
        );
    }
}

/// Runs `inputs` once and as 4 shards + merge (shards and merge with other
/// --jobs than the single run) and compares every file; returns the shards'
/// stdout lines and the single run's folder.
fn shards_match_single(inputs: &[String], rules: &Path, extra: &[String]) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    single(inputs, rules, extra, &tmp.path().join("single"), "2");
    let lines = shards(inputs, rules, extra, &tmp.path().join("parts"), 4, "1");
    let merged = tmp.path().join("merged");
    let parts = part_dirs(&tmp.path().join("parts"), 4);
    ok(&merge_cmd(&parts, rules, &merged, "1"), "merge");
    assert_same_files(&tmp.path().join("single"), &merged);
    // The merge is deterministic whatever --jobs, and so are the shards.
    let again = tmp.path().join("merged2");
    ok(&merge_cmd(&parts, rules, &again, "2"), "merge -j 2");
    assert_same_files(&merged, &again);
    let parts2 = tmp.path().join("parts2");
    shards(inputs, rules, extra, &parts2, 4, "2");
    for k in 0..4 {
        let p = |d: &Path| std::fs::read(d.join(k.to_string()).join("partial.parquet")).unwrap();
        assert_eq!(p(&tmp.path().join("parts")), p(&parts2), "shard {k}");
    }
    lines
}

fn rules() -> PathBuf {
    root().join("rules")
}

fn scenario(name: &str) -> String {
    root()
        .join("tests/corpora")
        .join(name)
        .join("input")
        .display()
        .to_string()
}

/// Shards holding at least one article, from their stdout lines.
fn busy_shards(lines: &[String]) -> usize {
    lines
        .iter()
        .filter(|l| !l.starts_with("0 articles"))
        .count()
}

#[test]
fn four_shards_and_merge_write_the_seeds_reports_byte_for_byte() {
    let lines = shards_match_single(&["seeds".into()], &rules(), &["--as-of=2026-02-12".into()]);
    assert!(busy_shards(&lines) >= 2, "{lines:?}");
}

#[test]
fn syndication_across_shards_merges_like_one_run() {
    // Several inputs (their files keep the one discovery order), copies of
    // the wire story in other shards, unreadable inputs and mixed formats.
    let inputs = [
        scenario("dedup_syndication"),
        scenario("dedup_boilerplate"),
        scenario("mixed_formats"),
        scenario("bad_input"),
    ];
    let extra = ["--as-of=2026-02-12".into(), "--max-file-size=4096".into()];
    let lines = shards_match_single(&inputs, &rules(), &extra);
    assert!(busy_shards(&lines) >= 3, "{lines:?}");
    let tmp = tempfile::tempdir().unwrap();
    single(&inputs[..1], &rules(), &extra, tmp.path(), "1");
    assert!(
        rows(tmp.path(), "duplicates.csv").len() > 2,
        "the scenario has syndicated copies"
    );
}

#[test]
fn generated_corpus_merges_like_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_gen-corpus"))
        .args(["--articles", "400", "--seed", "18", "--out"])
        .arg(tmp.path())
        .arg("--rules")
        .arg(rules())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let input = tmp.path().join("articles").display().to_string();
    let lines = shards_match_single(&[input], &rules(), &["--as-of=2026-02-12".into()]);
    assert_eq!(busy_shards(&lines), 4, "{lines:?}");
}

/// Two shards of the seeds in `tmp/parts`, made with `extra`.
fn two_shards(tmp: &Path, extra: &[String]) -> Vec<PathBuf> {
    shards(
        &["seeds".into()],
        &rules(),
        extra,
        &tmp.join("parts"),
        2,
        "1",
    );
    part_dirs(&tmp.join("parts"), 2)
}

fn merge_err(parts: &[PathBuf], rules: &Path, out: &Path) -> String {
    let o = merge_cmd(parts, rules, out, "1");
    assert_eq!(o.status.code(), Some(2), "merge must fail");
    assert!(!out.join("articles.csv").exists(), "nothing written");
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn merge_names_a_missing_or_repeated_shard() {
    let tmp = tempfile::tempdir().unwrap();
    let parts = two_shards(tmp.path(), &[]);
    let out = tmp.path().join("out");
    let e = merge_err(&parts[..1], &rules(), &out);
    assert!(e.contains("no partial for shard 1/2"), "{e}");
    let twice = [
        parts[0].clone(),
        parts[1].clone(),
        parts[1].join("partial.parquet"),
    ];
    let e = merge_err(&twice, &rules(), &out);
    assert!(e.contains("partial.parquet: repeats shard 1/2 of"), "{e}");
}

#[test]
fn merge_names_a_partial_of_other_rules_or_settings() {
    let tmp = tempfile::tempdir().unwrap();
    let parts = two_shards(tmp.path(), &[]);
    let out = tmp.path().join("out");
    // Other rules at merge time: every partial disagrees; the first is named.
    let other_rules = root().join("tests/corpora/names_fictional/rules");
    let e = merge_err(&parts, &other_rules, &out);
    assert!(
        e.contains(&format!(
            "{}: made with other rules",
            parts[0].join("partial.parquet").display()
        )),
        "{e}"
    );
    // One shard made with another --near-dup.
    let odd = tmp.path().join("odd");
    let o = credence()
        .args([
            "score",
            "seeds",
            "--shard",
            "1/2",
            "--near-dup",
            "0.8",
            "--out",
        ])
        .arg(&odd)
        .output()
        .unwrap();
    ok(&o, "odd shard");
    let e = merge_err(&[parts[0].clone(), odd.clone()], &rules(), &out);
    assert!(
        e.contains(&format!(
            "{}: settings near_dup=0.8",
            odd.join("partial.parquet").display()
        )),
        "{e}"
    );
    // Not a partial at all.
    let junk = tmp.path().join("junk.parquet");
    std::fs::write(&junk, "x").unwrap();
    let e = merge_err(&[parts[0].clone(), junk.clone()], &rules(), &out);
    assert!(
        e.contains(&format!("{}: not a readable partial", junk.display())),
        "{e}"
    );
}

#[test]
fn a_shard_reuses_its_incremental_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("p");
    let run = || {
        credence()
            .args([
                "score",
                "seeds",
                "--shard",
                "0/1",
                "--incremental",
                "-v",
                "--out",
            ])
            .arg(&out)
            .output()
            .unwrap()
    };
    ok(&run(), "first");
    let first = std::fs::read(out.join("partial.parquet")).unwrap();
    let o = run();
    ok(&o, "second");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("5 file(s) reused"), "{err}");
    assert_eq!(std::fs::read(out.join("partial.parquet")).unwrap(), first);
}
