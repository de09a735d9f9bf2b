//! Safe for cron and for spreadsheets: bad input, atomic reports, locking,
//! incremental runs, formula neutralisation.

use crate::common::*;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

/// Every article key and every input_error key in the reports.
fn reported_keys(out: &Path) -> (Vec<String>, Vec<(String, String)>) {
    let articles = rows(out, "articles.csv")
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    let errors = rows(out, "findings.csv")
        .into_iter()
        .filter(|r| r[3] == "input_error")
        .map(|r| (r[0].clone(), r[4].clone()))
        .collect();
    (articles, errors)
}

#[test]
fn bad_input_is_reported_never_lost() {
    let out = check_golden("bad_input");
    let (articles, errors) = reported_keys(out.path());
    let err = |k: &str| {
        errors
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, m)| m.clone())
            .unwrap_or_default()
    };
    assert!(err("binary.txt").contains("binary"), "{errors:?}");
    assert!(err("empty.txt").contains("empty file"));
    assert!(err("blank.md").contains("empty file"));
    assert!(err("oversize.txt").contains("--max-file-size"));
    assert!(err("nobody.html").contains("no body text"));
    assert!(err("bad.jsonl#L2").contains("malformed JSON"));
    assert!(err("bad.jsonl#no-text").contains("no text"));
    assert!(err("bad.jsonl#L5").contains("not a JSON object"));
    for ok in [
        "bad.jsonl#ok-1",
        "bad.jsonl#L6",
        "invalid_utf8.txt",
        "utf16le.txt",
        "utf16be.md",
        "bad_front_matter.md",
        "crlf.txt",
    ] {
        assert!(
            articles.iter().any(|a| a == ok),
            "{ok} missing from {articles:?}"
        );
    }
    let kinds = findings(out.path());
    assert!(kinds
        .iter()
        .any(|f| f.0 == "invalid_utf8.txt" && f.1 == "encoding_repaired"));
    assert!(kinds
        .iter()
        .any(|f| f.0 == "bad_front_matter.md" && f.1 == "input_error"));
}

#[cfg(unix)]
#[test]
fn hostile_files_made_at_run_time_are_reported() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let input = tempfile::tempdir().unwrap();
    let p = input.path();
    // A 1 MB single-line paragraph, a file over the default 16 MiB limit
    // (sparse, so it costs no disk), a symlink loop, a dangling link and an
    // unreadable file.
    std::fs::write(p.join("one_line.txt"), "word ".repeat(210_000)).unwrap();
    let big = std::fs::File::create(p.join("huge.txt")).unwrap();
    big.set_len(17 * 1024 * 1024).unwrap();
    std::fs::create_dir(p.join("loop")).unwrap();
    symlink(p.join("loop"), p.join("loop/again")).unwrap();
    symlink(p.join("missing.txt"), p.join("dangling.txt")).unwrap();
    std::fs::write(p.join("secret.txt"), "Readable only by its owner.").unwrap();
    std::fs::set_permissions(p.join("secret.txt"), std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::write(
        p.join("fine.txt"),
        "A normal article.\n\nWith two paragraphs.",
    )
    .unwrap();

    let out = tempfile::tempdir().unwrap();
    let o = run(&[
        "score",
        p.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--as-of",
        "2026-02-12",
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (articles, errors) = reported_keys(out.path());
    let seen = |k: &str| articles.iter().any(|a| a == k) || errors.iter().any(|(e, _)| e == k);
    for k in [
        "one_line.txt",
        "huge.txt",
        "dangling.txt",
        "secret.txt",
        "fine.txt",
    ] {
        assert!(seen(k), "{k} vanished: {articles:?} {errors:?}");
    }
    assert!(
        errors
            .iter()
            .any(|(k, m)| k.starts_with("loop/again") && m.contains("loop")),
        "{errors:?}"
    );
    assert!(errors
        .iter()
        .any(|(k, m)| k == "huge.txt" && m.contains("--max-file-size")));
    assert!(articles.iter().any(|a| a == "one_line.txt"));
}

#[test]
fn formulas_are_neutralised_in_text_cells_only() {
    let out = check_golden("spreadsheet_injection");
    let text = report(out.path(), "articles.csv");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    for rec in r.records() {
        let rec = rec.unwrap();
        for cell in rec.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "risky cell {cell:?}"
            );
        }
        assert_eq!(&rec[9], "'=HYPERLINK(\"http://evil.example\",\"click\")");
        assert!(rec[12].parse::<u32>().is_ok(), "numbers stay numbers");
    }
}

fn seed_reports(out: &Path) -> Vec<Vec<u8>> {
    REPORTS
        .iter()
        .map(|n| std::fs::read(out.join(n)).unwrap())
        .collect()
}

fn no_temp_left(out: &Path) -> bool {
    std::fs::read_dir(out).unwrap().flatten().all(|e| {
        !e.file_name()
            .to_string_lossy()
            .starts_with(".credence-tmp-")
    })
}

#[test]
fn run_killed_before_commit_leaves_previous_reports() {
    let out = tempfile::tempdir().unwrap();
    let o = out.path().to_str().unwrap();
    assert!(run(&["score", "-q", "--out", o]).status.success());
    let before = seed_reports(out.path());
    let killed = credence()
        .args(["score", "-q", "--out", o, "--as-of", "2030-01-01"])
        .env("CREDENCE_FAULT", "abort-before-journal")
        .output()
        .unwrap();
    assert!(!killed.status.success());
    assert_eq!(seed_reports(out.path()), before, "previous reports intact");
    assert!(
        run(&["score", "-q", "--out", o]).status.success(),
        "next run not tripped"
    );
    assert!(no_temp_left(out.path()));
    assert_eq!(seed_reports(out.path()), before);
}

#[test]
fn run_killed_mid_rename_is_completed_by_the_next_run() {
    let out = tempfile::tempdir().unwrap();
    let o = out.path().to_str().unwrap();
    let fresh = tempfile::tempdir().unwrap();
    assert!(run(&[
        "score",
        "-q",
        "--no-bom",
        "--out",
        fresh.path().to_str().unwrap()
    ])
    .status
    .success());
    assert!(run(&["score", "-q", "--out", o]).status.success());
    let killed = credence()
        .args(["score", "-q", "--no-bom", "--out", o])
        .env("CREDENCE_FAULT", "abort-mid-rename")
        .output()
        .unwrap();
    assert!(!killed.status.success());
    // The next run takes the lock, rolls the journaled commit forward, then
    // writes its own reports; a check of the set in between is what a
    // reader after the crash would see once any credence command ran.
    assert!(run(&["rules", "check"]).status.success());
    assert!(run(&["score", "-q", "--no-bom", "--out", o])
        .status
        .success());
    assert!(no_temp_left(out.path()));
    assert_eq!(seed_reports(out.path()), seed_reports(fresh.path()));
}

#[cfg(unix)]
#[test]
fn sigkill_at_a_random_point_leaves_previous_reports() {
    // A corpus big enough that the run is still busy when killed.
    let input = tempfile::tempdir().unwrap();
    for i in 0..1500 {
        let text = format!("Article {i}.\n\nThe minister met officials on Thursday to discuss trade, officials said. {}\n", "Talks went on. ".repeat(40));
        std::fs::write(input.path().join(format!("a{i:05}.txt")), text).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let o = out.path().to_str().unwrap();
    assert!(run(&["score", "-q", "--out", o]).status.success());
    let before = seed_reports(out.path());
    for delay in [20u64, 120, 300] {
        let mut child = credence()
            .args([
                "score",
                input.path().to_str().unwrap(),
                "-q",
                "--as-of",
                "2026-02-12",
                "--out",
                o,
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        if status.success() {
            // Finished before the kill: a complete new set is fine too.
            let rows = rows(out.path(), "articles.csv");
            assert_eq!(rows.len(), 1500);
            return;
        }
        assert_eq!(seed_reports(out.path()), before, "killed after {delay} ms");
    }
    assert!(run(&["score", "-q", "--out", o]).status.success());
    assert!(no_temp_left(out.path()));
}

#[test]
fn a_second_concurrent_run_exits_75_naming_the_holder() {
    let out = tempfile::tempdir().unwrap();
    let o = out.path().to_str().unwrap().to_string();
    let mut first = credence()
        .args(["score", "-q", "--out", &o])
        .env("CREDENCE_FAULT", "pause-before-journal")
        .spawn()
        .unwrap();
    // Wait until the first run holds the lock (it writes its pid there).
    let lock = out.path().join(".credence.lock");
    let pid = first.id().to_string();
    for _ in 0..200 {
        if std::fs::read_to_string(&lock).is_ok_and(|s| s.trim() == pid) {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let second = run(&["score", "-q", "--out", &o]);
    assert_eq!(second.status.code(), Some(75));
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(err.contains(&format!("pid {pid}")), "{err}");
    assert!(first.wait().unwrap().success());
}

#[test]
fn stale_lock_of_a_dead_process_does_not_block() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join(".credence.lock"), "999999").unwrap();
    let o = run(&["score", "-q", "--out", out.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn incremental_rerun_is_byte_identical_and_invalidated_by_rules() {
    let full = tempfile::tempdir().unwrap();
    let inc = tempfile::tempdir().unwrap();
    let rules = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(root().join("rules")).unwrap().flatten() {
        std::fs::copy(e.path(), rules.path().join(e.file_name())).unwrap();
    }
    let r = rules.path().to_str().unwrap();
    assert!(run(&[
        "score",
        "-q",
        "--rules",
        r,
        "--out",
        full.path().to_str().unwrap()
    ])
    .status
    .success());
    let i = inc.path().to_str().unwrap();
    let reused = |o: &std::process::Output| {
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        err.lines()
            .find_map(|l| {
                l.strip_prefix("credence: ")
                    .and_then(|l| l.split(' ').next())
                    .and_then(|n| n.parse::<usize>().ok())
            })
            .unwrap_or(usize::MAX)
    };
    let first = run(&[
        "score",
        "-q",
        "-v",
        "--incremental",
        "--rules",
        r,
        "--out",
        i,
    ]);
    assert_eq!(reused(&first), 0);
    let second = run(&[
        "score",
        "-q",
        "-v",
        "--incremental",
        "--rules",
        r,
        "--out",
        i,
    ]);
    assert_eq!(reused(&second), 5);
    assert_eq!(
        seed_reports(inc.path()),
        seed_reports(full.path()),
        "incremental = full"
    );
    // Any edit to any rules file invalidates the cache.
    let grades = rules.path().join("grades.csv");
    let mut g = std::fs::read_to_string(&grades).unwrap();
    g.push('\n');
    std::fs::write(&grades, g).unwrap();
    let third = run(&[
        "score",
        "-q",
        "-v",
        "--incremental",
        "--rules",
        r,
        "--out",
        i,
    ]);
    assert_eq!(reused(&third), 0);
}

#[test]
fn incremental_run_redoes_only_changed_files() {
    let input = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(root().join("seeds")).unwrap().flatten() {
        std::fs::copy(e.path(), input.path().join(e.file_name())).unwrap();
    }
    let inc = tempfile::tempdir().unwrap();
    let args = |out: &str| -> Vec<String> {
        [
            "score",
            input.path().to_str().unwrap(),
            "-q",
            "-v",
            "--incremental",
            "--out",
            out,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let i = inc.path().to_str().unwrap();
    assert!(credence().args(args(i)).output().unwrap().status.success());
    let f = input.path().join("004_63c2912552cae134.txt");
    let mut t = std::fs::read_to_string(&f).unwrap();
    t.push_str("\nOne more closing paragraph added later.\n");
    std::fs::write(&f, t).unwrap();
    let o = credence().args(args(i)).output().unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("credence: 4 file(s) reused"));
    let full = tempfile::tempdir().unwrap();
    let fo = full.path().to_str().unwrap();
    let mut a = args(fo);
    a.retain(|s| s != "--incremental");
    assert!(credence().args(a).output().unwrap().status.success());
    assert_eq!(seed_reports(inc.path()), seed_reports(full.path()));
}

#[test]
fn incremental_rerun_of_an_unchanged_corpus_keeps_its_reports_and_exit_code() {
    let inc = tempfile::tempdir().unwrap();
    let i = inc.path().to_str().unwrap();
    let go_with = |fail: &str, extra: &[&str]| {
        let mut a = vec![
            "score",
            "-v",
            "--incremental",
            "--fail-under",
            fail,
            "--out",
            i,
        ];
        a.extend_from_slice(extra);
        run(&a)
    };
    let go = |extra: &[&str]| go_with("60", extra);
    let kept = |o: &std::process::Output| {
        String::from_utf8_lossy(&o.stderr).contains("nothing changed since the last run")
    };
    let first = go(&[]);
    assert!(!kept(&first));
    let written = seed_reports(inc.path());
    let mtime = std::fs::metadata(inc.path().join("findings.csv"))
        .unwrap()
        .modified()
        .unwrap();
    let second = go(&[]);
    assert!(kept(&second), "{}", String::from_utf8_lossy(&second.stderr));
    // Same summary line, same exit code (two seeds score below 60), and the
    // reports are the very files written before.
    assert_eq!(first.stdout, second.stdout);
    assert_eq!(first.status.code(), Some(1));
    assert_eq!(second.status.code(), Some(1));
    assert_eq!(seed_reports(inc.path()), written);
    let again = std::fs::metadata(inc.path().join("findings.csv"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(mtime, again);
    // A changed threshold is applied to the kept scores.
    let lenient = go_with("10", &[]);
    assert!(kept(&lenient));
    assert_eq!(lenient.status.code(), Some(0));
    // A report edited by hand (say, saved from a spreadsheet) is rewritten.
    std::fs::write(inc.path().join("sources.csv"), "edited").unwrap();
    let third = go(&[]);
    assert!(!kept(&third));
    assert_eq!(seed_reports(inc.path()), written);
    // Another report setting is another output: not up to date.
    let no_bom = go(&["--no-bom"]);
    assert!(!kept(&no_bom));
    assert!(!std::fs::read(inc.path().join("articles.csv"))
        .unwrap()
        .starts_with(b"\xEF\xBB\xBF"));
}
