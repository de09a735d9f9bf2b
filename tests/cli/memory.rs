//! `--memory`: a shard's per-article pass, and a full run (per-article
//! pass, link, truth discovery, scoring and every report), stay below a
//! small bound on a 50 MB corpus (peak RSS, as `-v` reports it from /proc,
//! Linux only).

use crate::common::*;
use std::process::Command;

/// The `credence: peak_rss N MB` line of `-v`.
fn peak_rss_mb(stderr: &str) -> Option<f64> {
    stderr
        .lines()
        .find_map(|l| l.strip_prefix("credence: peak_rss "))
        .and_then(|v| v.trim_end_matches(" MB").parse().ok())
}

/// Writes the 50 MB gen-corpus corpus of seed 18 and `profile` into `dir`.
fn corpus_50_mb(dir: &std::path::Path, profile: &str) {
    let o = Command::new(env!("CARGO_BIN_EXE_gen-corpus"))
        .args([
            "--size",
            "50",
            "--seed",
            "18",
            "--profile",
            profile,
            "--out",
        ])
        .arg(dir)
        .arg("--rules")
        .arg(root().join("rules"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Runs `credence score` on the corpus in `dir` with `args` and `-v`;
/// returns its peak RSS in MB, after checking it read the 50 MB corpus.
fn peak_of_run(dir: &std::path::Path, args: &[&str]) -> f64 {
    let o = credence()
        .arg("score")
        .arg(dir.join("articles"))
        .args(args)
        .args(["-v", "--as-of", "2026-02-12", "--out"])
        .arg(dir.join("out"))
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
    peak_rss_mb(&err).expect("peak_rss line")
}

#[test]
fn a_shard_stays_below_a_small_memory_bound_on_a_50_mb_corpus() {
    if !std::path::Path::new("/proc/self/status").exists() {
        return; // peak RSS is read from /proc
    }
    let tmp = tempfile::tempdir().unwrap();
    corpus_50_mb(tmp.path(), "default");
    let peak = peak_of_run(tmp.path(), &["--shard", "0/1", "--memory", "96M"]);
    assert!(peak < 96.0, "peak RSS {peak} MB over --memory 96M");
}

/// A full run (every report) of a 50 MB corpus of `profile` under
/// `--memory BOUND_MB`M: its out folder, or `None` where peak RSS cannot be
/// read. Fails when the peak reaches the bound.
fn full_run_below(
    tmp: &std::path::Path,
    profile: &str,
    bound_mb: u32,
) -> Option<std::path::PathBuf> {
    if !std::path::Path::new("/proc/self/status").exists() {
        return None; // peak RSS is read from /proc
    }
    corpus_50_mb(tmp, profile);
    // A debug build (what `cargo test` runs) holds more than a release one:
    // on the merged tree, 72 MB against 60 (default profile) and 79 against
    // 67 (wire). The release bound pins the gains; the debug one keeps a
    // margin over what CI measured.
    let bound_mb = if cfg!(debug_assertions) {
        bound_mb + bound_mb / 6 + 1
    } else {
        bound_mb
    };
    let bound = format!("{bound_mb}M");
    let peak = peak_of_run(tmp, &["--memory", &bound]);
    assert!(
        peak < f64::from(bound_mb),
        "peak RSS {peak} MB over --memory {bound}"
    );
    Some(tmp.join("out"))
}

#[test]
fn a_full_run_with_every_report_stays_below_a_small_memory_bound_on_a_50_mb_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    // Measured (release): 60 MB (64 MB before discovery's file list was held
    // compactly and the keys once; 67 MB before the link's band pass kept
    // its pairs distinct and large blocks were mapped apart).
    let Some(out) = full_run_below(tmp.path(), "default", 66) else {
        return;
    };
    for name in ["articles.csv", "findings.csv", "report.xlsx", "review.html"] {
        assert!(out.join(name).is_file(), "{name} written");
    }
}

#[test]
fn a_full_run_of_wire_copy_stays_below_a_small_memory_bound_on_a_50_mb_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    // Measured (release): 67 MB; 73 MB before discovery's file list was held
    // compactly and the keys once, so this bound pins that (80 MB before
    // the link's band pass kept its pairs distinct and large blocks were
    // mapped apart).
    full_run_below(tmp.path(), "wire", 72);
}

/// Every report file in `dir` (credence's own files left out), by name.
fn report_files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .filter(|(name, _)| !name.starts_with(".credence"))
        .map(|(name, p)| (name, std::fs::read(p).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn a_small_memory_bound_spills_the_links_tables_and_writes_the_same_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_gen-corpus"))
        .args(["--size", "5", "--seed", "18", "--profile", "wire", "--out"])
        .arg(tmp.path())
        .arg("--rules")
        .arg(root().join("rules"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The link's sorted tables get a sixty-fourth of --memory: 16 KB of
    // 1M (runs of 1,024 pairs on disk), 16 MB of the default (none).
    let mut outs = Vec::new();
    for (name, memory) in [("small", Some("1M")), ("default", None)] {
        let out = tmp.path().join(name);
        let mut cmd = credence();
        cmd.arg("score")
            .arg(tmp.path().join("articles"))
            .args(["--as-of", "2026-02-12", "--no-progress", "--out"])
            .arg(&out)
            .env("CREDENCE_LINK_STATS", "1");
        if let Some(m) = memory {
            cmd.args(["--memory", m]);
        }
        let o = cmd.output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.code().is_some_and(|c| c <= 1), "{err}");
        let spilled = err
            .lines()
            .find_map(|l| l.strip_prefix("link: spilled runs"))
            .map(str::trim);
        assert_eq!(
            spilled,
            Some(if memory.is_some() { "1" } else { "0" }),
            "{err}"
        );
        outs.push(report_files(&out));
    }
    assert!(outs[0].len() >= 8, "every report written");
    for (small, default) in outs[0].iter().zip(&outs[1]) {
        assert_eq!(small.0, default.0);
        assert!(small.1 == default.1, "{} differs", small.0);
    }
    assert_eq!(outs[0].len(), outs[1].len());
}
