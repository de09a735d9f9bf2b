//! The pipeline end to end: formats, metadata precedence, reports, CLI.

use crate::common::*;

#[test]
fn mixed_formats_give_ids_dates_and_origins() {
    let out = check_golden("mixed_formats");
    let rows = rows(out.path(), "articles.csv");
    let got: Vec<(String, String, String, String)> = rows
        .iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[10].clone(), r[11].clone()))
        .collect();
    let want = [
        ("blog/dateline.txt", "blog", "2026-03-12", "dateline"),
        (
            "blog/post.md",
            "Front Matter Daily",
            "2026-01-05",
            "metadata",
        ),
        (
            "feeds/records.jsonl#L1",
            "wire.example.org",
            "2026-02-01",
            "metadata",
        ),
        (
            "feeds/records.jsonl#r-2",
            "Feed Co",
            "2026-02-20",
            "manifest",
        ),
        ("page.html", "Example News", "2026-02-12", "metadata"),
        ("plain.txt", "Manifest Source", "2026-02-10", "manifest"),
        ("undated.txt", "unknown", "2026-04-01", "as_of"),
    ];
    let want: Vec<(String, String, String, String)> = want
        .iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect();
    assert_eq!(got, want);
    // The malformed JSONL line and the unknown extension are accounted for.
    let f = findings(out.path());
    assert!(
        f.iter()
            .any(|r| r.0 == "feeds/records.jsonl#L3" && r.1 == "input_error"),
        "{f:?}"
    );
}

#[test]
fn seeds_write_all_six_reports_with_one_row_per_article() {
    let out = tempfile::tempdir().unwrap();
    let o = run(&["score", "--out", out.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.starts_with("5 articles"), "{stdout}");
    for n in REPORTS {
        let bytes = std::fs::read(out.path().join(n)).unwrap();
        assert!(
            bytes.starts_with(b"\xEF\xBB\xBF"),
            "{n} has a BOM by default"
        );
    }
    assert_eq!(rows(out.path(), "articles.csv").len(), 5);
}

#[test]
fn reports_do_not_depend_on_job_count() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for (dir, jobs) in [(&a, "1"), (&b, "2")] {
        let o = run(&[
            "score",
            "-q",
            "--jobs",
            jobs,
            "--out",
            dir.path().to_str().unwrap(),
        ]);
        assert!(o.status.success());
    }
    for n in REPORTS {
        assert_eq!(
            std::fs::read(a.path().join(n)).unwrap(),
            std::fs::read(b.path().join(n)).unwrap(),
            "{n} differs between --jobs 1 and --jobs 2"
        );
    }
}

#[test]
fn quiet_success_prints_nothing() {
    let out = tempfile::tempdir().unwrap();
    let o = run(&["score", "-q", "--out", out.path().to_str().unwrap()]);
    assert!(o.status.success());
    assert!(o.stdout.is_empty() && o.stderr.is_empty());
}

#[test]
fn missing_input_is_a_usage_error() {
    let out = tempfile::tempdir().unwrap();
    let o = run(&[
        "score",
        "no/such/folder",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("credence: input no/such/folder does not exist"),
        "{err}"
    );
}

#[test]
fn bad_flag_is_a_usage_error() {
    assert_eq!(
        run(&["score", "--as-of", "yesterday"]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["score", "--jobs", "0"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn help_lists_exit_codes_and_examples() {
    let o = run(&["score", "--help"]);
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(
        s.contains("Exit codes:") && s.contains("75") && s.contains("Examples:"),
        "{s}"
    );
}

#[test]
fn no_bom_leaves_the_bom_out() {
    let out = tempfile::tempdir().unwrap();
    run(&[
        "score",
        "-q",
        "--no-bom",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let bytes = std::fs::read(out.path().join("articles.csv")).unwrap();
    assert!(bytes.starts_with(b"article,"));
}

#[test]
fn rules_check_passes_on_bundled_rules() {
    let o = run(&["rules", "check"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}

#[test]
fn rules_check_lists_problems_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    for n in ["jurisdictions.csv", "roles.csv", "officeholders.csv"] {
        std::fs::copy(root().join("rules").join(n), dir.path().join(n)).unwrap();
    }
    let oh = dir.path().join("officeholders.csv");
    let mut t = std::fs::read_to_string(&oh).unwrap();
    t.push_str(
        "Ann Nobody,,no_such_role,2020-01-01,,test\nBo Reverse,,jp_pm,2030-01-01,2029-01-01,test\n",
    );
    std::fs::write(&oh, t).unwrap();
    let o = run(&["rules", "check", "--rules", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(
        s.contains("officeholders.csv:46: unknown role \"no_such_role\""),
        "{s}"
    );
    assert!(
        s.contains("officeholders.csv:47: end 2029-01-01 is not after start 2030-01-01"),
        "{s}"
    );
}

#[test]
fn bad_rules_stop_the_run_before_touching_reports() {
    let rules = tempfile::tempdir().unwrap();
    std::fs::write(
        rules.path().join("roles.csv"),
        "role,jurisdiction,titles\nx,nowhere,X\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("articles.csv"), "previous").unwrap();
    let o = run(&[
        "score",
        "--rules",
        rules.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("roles.csv:2: unknown jurisdiction"), "{err}");
    assert_eq!(
        std::fs::read_to_string(out.path().join("articles.csv")).unwrap(),
        "previous"
    );
}

/// The names_p08 golden held the day it was written as `judged_at` and
/// failed on the next day's CI run. The run date now comes from
/// `SOURCE_DATE_EPOCH` when set, which the scenarios pin; a malformed value
/// is a usage error, never a silent fall back to the clock.
#[test]
fn undated_golden_broke_when_the_suite_ran_the_next_day() {
    let input = root().join("tests/corpora/names_p08_undated/input");
    let out = tempfile::tempdir().unwrap();
    let args = [
        "score",
        input.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--no-xlsx",
        "--no-review",
        "-q",
    ];
    // 2025-01-02T23:59:59Z
    let o = credence()
        .env("SOURCE_DATE_EPOCH", "1735862399")
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.code().is_some_and(|c| c <= 1), "{o:?}");
    let articles = rows(out.path(), "articles.csv");
    assert!(!articles.is_empty());
    for a in &articles {
        assert_eq!((a[10].as_str(), a[11].as_str()), ("2025-01-02", "run_date"));
    }
    for bad in ["yesterday", "1.5", "99999999999999999"] {
        let o = credence()
            .env("SOURCE_DATE_EPOCH", bad)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("SOURCE_DATE_EPOCH"), "{bad}: {err}");
    }
    let text = credence()
        .env("SOURCE_DATE_EPOCH", "1735862399")
        .args(["text", input.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("\"date\":\"2025-01-02\""));
}
