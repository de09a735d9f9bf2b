//! `--memory`: a shard's per-article pass stays below a small bound on a
//! 50 MB corpus (its peak RSS, as `-v` reports it from /proc, Linux only).

use crate::common::*;
use std::process::Command;

/// The `credence: peak_rss N MB` line of `-v`.
fn peak_rss_mb(stderr: &str) -> Option<f64> {
    stderr
        .lines()
        .find_map(|l| l.strip_prefix("credence: peak_rss "))
        .and_then(|v| v.trim_end_matches(" MB").parse().ok())
}

#[test]
fn a_shard_stays_below_a_small_memory_bound_on_a_50_mb_corpus() {
    if !std::path::Path::new("/proc/self/status").exists() {
        return; // peak RSS is read from /proc
    }
    let tmp = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_gen-corpus"))
        .args(["--size", "50", "--seed", "18", "--out"])
        .arg(tmp.path())
        .arg("--rules")
        .arg(root().join("rules"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = credence()
        .arg("score")
        .arg(tmp.path().join("articles"))
        .args([
            "--shard",
            "0/1",
            "--memory",
            "96M",
            "-v",
            "--as-of",
            "2026-02-12",
            "--out",
        ])
        .arg(tmp.path().join("part"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    let input = err
        .lines()
        .find_map(|l| l.strip_prefix("credence: input "))
        .unwrap_or_default()
        .to_string();
    assert!(input.starts_with("5"), "a 50 MB corpus: {input}");
    let peak = peak_rss_mb(&err).expect("peak_rss line");
    assert!(peak < 96.0, "peak RSS {peak} MB over --memory 96M");
}
