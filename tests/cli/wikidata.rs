//! `credence rules import --wikidata`: the fixture of our own writing
//! (tests/fixtures/wikidata/countries.json: Japan, the US, Greece; 77
//! statements with every rough edge) imports into rules that check, score
//! the seeds like the bundled rules, merge with a curated base, and judge
//! a country that only the import knows (scenario `wikidata_greece`).

use crate::common::*;
use std::path::Path;

const FIXTURE: &str = "tests/fixtures/wikidata/countries.json";

/// The name kinds of findings.csv.
const NAME_KINDS: [&str; 6] = [
    "outdated_officeholder",
    "wrong_officeholder",
    "misspelled_name",
    "role_mismatch",
    "name_variant",
    "unverified_officeholder",
];

/// Runs `rules import` with `args` into a fresh folder; (output, folder).
fn import(extra: &[&str]) -> (std::process::Output, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("rules");
    let mut args = vec![
        "rules",
        "import",
        "--wikidata",
        FIXTURE,
        "--out",
        dir.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    (run(&args), out)
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// (article, kind, mention, expected) of the name findings of a run, sorted
/// (findings.csv is worst article first, and scores depend on all rules).
fn name_findings(dir: &Path) -> Vec<(String, String, String, String)> {
    let mut v: Vec<_> = findings(dir)
        .into_iter()
        .filter(|f| NAME_KINDS.contains(&f.1.as_str()))
        .collect();
    v.sort();
    v
}

/// Scores the seeds with `rules` and returns the name findings.
fn seeds_with(rules: &Path) -> Vec<(String, String, String, String)> {
    let out = tempfile::tempdir().unwrap();
    let o = run(&[
        "score",
        "seeds",
        "--rules",
        rules.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--no-bom",
        "-q",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    name_findings(out.path())
}

/// Rows of a rules table (header and `#` comment lines skipped).
fn table(dir: &Path, name: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn row_of<'a>(rows: &'a [Vec<String>], first: &str, third: &str) -> Vec<&'a Vec<String>> {
    rows.iter()
        .filter(|r| r[0] == first && (third.is_empty() || r[2] == third))
        .collect()
}

#[test]
fn wikidata_fixture_imports_into_rules_that_check_and_counts_every_rough_edge() {
    let (o, out) = import(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = out.path().join("rules");
    let summary = stderr(&o);
    assert_eq!(summary.lines().count(), 1, "{summary}");
    assert!(
        summary.trim_end().ends_with(
            ": 77 statements (110 rows) -> 3 jurisdictions, 16 roles, 63 terms; \
             4 year/month dates, 1 without start (skipped), 14 without end, \
             5 unknown values, 1 deprecated (skipped), 4 acting (skipped), \
             4 merged, 4 truncated, 1 roles with several holders, \
             2 without English label, 1 unnamed (skipped), 0 reversed (skipped), \
             0 kept from base, 0 conflicts"
        ),
        "{summary}"
    );
    let check = run(&["rules", "check", "--rules", dir.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );

    let roles = table(&dir, "roles.csv");
    let role = |id: &str| roles.iter().find(|r| r[0] == id).unwrap().clone();
    assert_eq!(role("japan_prime_minister")[2], "Prime Minister|PM|premier");
    assert_eq!(
        role("japan_minister_for_foreign_affairs")[2],
        "Minister for Foreign Affairs|Foreign Minister|Minister of Foreign Affairs|Minister"
    );
    assert_eq!(role("greece_president")[2], "President");
    assert_eq!(
        role("united_states_secretary_of_state")[2],
        "Secretary of State|Secretary"
    );
    // Two Ministers of State at once, both with precise dates: holders raised.
    assert_eq!(role("greece_minister_of_state")[3], "2");
    assert_eq!(role("greece_prime_minister")[3], "1");

    let j = table(&dir, "jurisdictions.csv");
    assert!(j.iter().any(|r| r[0] == "greece"
        && r[1] == "Greece|Hellenic Republic|Hellas|Greek|Hellenic|Greece's|Hellenic Republic's|Hellas's"));

    let terms = table(&dir, "officeholders.csv");
    let dates = |name: &str, role: &str| -> Vec<(String, String)> {
        row_of(&terms, name, role)
            .iter()
            .map(|r| (r[3].clone(), r[4].clone()))
            .collect()
    };
    let d = |a: &str, b: &str| (a.to_string(), b.to_string());
    // Three back-to-back statements and a statement made twice: merged.
    assert_eq!(
        dates("Shinzo Abe", "japan_prime_minister"),
        [d("2012-12-26", "2020-09-16")]
    );
    assert_eq!(
        dates("Yoshihide Suga", "japan_prime_minister"),
        [d("2020-09-16", "2021-10-04")]
    );
    // Deprecated statement skipped; acting foreign-minister stint skipped.
    assert_eq!(dates("Fumio Kishida", ""), [d("2021-10-04", "2024-10-01")]);
    // Month-precision start: first day of the month.
    assert_eq!(
        dates("Naoto Kan", "japan_prime_minister"),
        [d("2010-06-01", "2011-09-02")]
    );
    // Year-precision start: January 1.
    assert_eq!(
        dates("Georgios Katrougalos", ""),
        [d("2019-01-01", "2019-07-09")]
    );
    // Year-precision end (2016-01-01) overlapping the successor: truncated.
    assert_eq!(
        dates("Antonis Samaras", ""),
        [d("2012-06-20", "2015-01-26")]
    );
    // Month-precision end (2020-04-01) overlapping the successor: truncated.
    assert_eq!(
        dates("Prokopis Pavlopoulos", ""),
        [d("2015-03-13", "2020-03-13")]
    );
    // Unknown end: ends where the next holder starts, or dropped.
    assert_eq!(dates("Rex Tillerson", ""), [d("2017-02-01", "2018-04-26")]);
    assert_eq!(
        dates("Gikas Hardouvelis", ""),
        [d("2014-06-10", "2015-01-27")]
    );
    assert_eq!(
        dates("Kostis Hatzidakis", ""),
        [d("2023-06-27", "2025-03-15")]
    );
    // Caretakers skipped: Tsipras keeps two terms with a gap.
    assert_eq!(
        dates("Alexis Tsipras", ""),
        [d("2015-01-26", "2015-08-27"), d("2015-09-21", "2019-07-08")]
    );
    assert!(dates("Vassiliki Thanou", "").is_empty());
    // No start (skipped), unknown start (skipped), no name at all (skipped).
    assert_eq!(
        dates("Christos Staikouras", ""),
        [d("2019-07-09", "2023-05-26")]
    );
    assert!(dates("Alekos Flambouraris", "").is_empty());
    assert!(!terms.iter().any(|r| r[0].starts_with('Q')));
    // No English label: a Latin alias, else the label in Greek.
    assert_eq!(
        dates("Katerina Sakellaropoulou", ""),
        [d("2020-03-13", "2025-03-13")]
    );
    assert_eq!(dates("Γιώργος Γεραπετρίτης", "").len(), 2);
    // Aliases: native script, other labels; every row has its ids.
    let akazawa = row_of(
        &terms,
        "Ryosei Akazawa",
        "japan_minister_of_economy_trade_and_industry",
    );
    assert_eq!(akazawa[0][1], "Akazawa Ryosei|赤沢亮正|赤泽亮正|赤澤亮正");
    assert!(terms.iter().all(|r| r[5].starts_with("wikidata person Q")
        && r[5].contains(" position Q")
        && r[5].contains(" statement Q")));
    assert!(row_of(&terms, "Shinzo Abe", "")[0][5]
        .contains("statement Q9100001-0003-jp_pm Q9100001-0004-jp_pm Q9100001-0005-jp_pm"));
}

#[test]
fn wikidata_rules_give_the_bundled_name_findings_on_the_seeds() {
    let bundled = seeds_with(&root().join("rules"));
    assert_eq!(bundled.len(), 10, "{bundled:?}");
    let (o, alone) = import(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(seeds_with(&alone.path().join("rules")), bundled);
    let (o, based) = import(&["--base", "rules"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(seeds_with(&based.path().join("rules")), bundled);
}

#[test]
fn wikidata_import_keeps_curated_rows_and_lists_conflicts() {
    let (o, out) = import(&["--base", "rules"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = out.path().join("rules");
    let err = stderr(&o);
    assert!(
        err.contains(
            "credence: conflict: Katherine Tai as us_trade_representative: imported \
             2021-03-17 to 2025-01-20 (statement Q9100037-0040-us_tr) has other dates \
             than the curated term(s); curated officeholders.csv:34 kept"
        ),
        "{err}"
    );
    assert!(
        err.contains("-> 1 jurisdictions, 5 roles, 23 terms;"),
        "{err}"
    );
    assert!(err.contains("40 kept from base, 1 conflicts"), "{err}");
    assert_eq!(
        table(&dir, "conflicts.csv"),
        [[
            "Katherine Tai",
            "us_trade_representative",
            "2021-03-17",
            "2025-01-20",
            "officeholders.csv:34",
            "Q9100037-0040-us_tr",
            "has other dates than the curated term(s)"
        ]]
    );
    // The base's tables come first, unchanged; the others are copied.
    for name in ["jurisdictions.csv", "roles.csv", "officeholders.csv"] {
        let base = std::fs::read_to_string(root().join("rules").join(name)).unwrap();
        let merged = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(merged.starts_with(&base), "{name}");
    }
    for name in ["facts.csv", "scoring.csv", "grades.csv", "tells.csv"] {
        assert_eq!(
            std::fs::read(root().join("rules").join(name)).unwrap(),
            std::fs::read(dir.join(name)).unwrap(),
            "{name}"
        );
    }
    let terms = table(&dir, "officeholders.csv");
    // Tai stays as curated; earlier holders the base lacks join its roles.
    assert_eq!(row_of(&terms, "Katherine Tai", "")[0][3], "2021-03-18");
    assert_eq!(row_of(&terms, "Katherine Tai", "").len(), 1);
    assert_eq!(row_of(&terms, "Naoto Kan", "jp_pm").len(), 1);
    assert_eq!(row_of(&terms, "Rex Tillerson", "us_state").len(), 1);
    assert_eq!(row_of(&terms, "Shinzo Abe", "").len(), 1);
    let check = run(&["rules", "check", "--rules", dir.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn wikidata_only_country_is_checked_end_to_end() {
    let (o, out) = import(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rules = out.path().join("rules");
    let scenario = root().join("tests/corpora/wikidata_greece");
    let reports = out.path().join("reports");
    let s = run(&[
        "score",
        scenario.join("input").to_str().unwrap(),
        "--rules",
        rules.to_str().unwrap(),
        "--out",
        reports.to_str().unwrap(),
        "--no-bom",
        "-q",
    ]);
    assert!(
        s.status.success() || s.status.code() == Some(1),
        "{}",
        stderr(&s)
    );
    let expected = scenario.join("expected");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(&expected).unwrap();
        std::fs::copy(reports.join("findings.csv"), expected.join("findings.csv")).unwrap();
    }
    let got = name_findings(&reports);
    // The golden file is compared on its name findings' key columns.
    assert_eq!(got, name_findings(&expected), "UPDATE_GOLDEN=1 to accept");
    let has = |article: &str, kind: &str, mention: &str, want: &str| {
        got.iter()
            .any(|f| f.0 == article && f.1 == kind && f.2.contains(mention) && f.3 == want)
    };
    assert!(has(
        "athens.txt",
        "outdated_officeholder",
        "Alexis Tsipras",
        "Kyriakos Mitsotakis"
    ));
    assert!(has(
        "budget.txt",
        "misspelled_name",
        "Kyriakos Pierakakis",
        "Kyriakos Pierrakakis"
    ));
    assert!(has(
        "budget.txt",
        "misspelled_name",
        "Konstantinos Tasulas (Κωνσταντίνος Τασούλας)",
        "Konstantinos Tasoulas"
    ));
    assert!(has(
        "budget.txt",
        "outdated_officeholder",
        "Katerina Sakelaropoulou (Κατερίνα Σακελλαροπούλου)",
        "Konstantinos Tasoulas"
    ));
    // Right names, one in Greek script, give no name finding.
    assert!(!got.iter().any(|f| f.2.contains("Mitsotakis")));
    assert!(!got
        .iter()
        .any(|f| f.0 == "athens.txt" && f.2.contains("Tasoulas")));
}

#[test]
fn wikidata_import_errors_name_the_file_and_problem() {
    let tmp = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = tmp.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    let out = tmp.path().join("out");
    let out = out.to_str().unwrap();
    let cases = [
        (
            write(
                "novar.json",
                r#"{"head":{"vars":["statement","person","personLabel","position","positionLabel","jurisdiction","jurisdictionLabel","start","end"]},"results":{"bindings":[]}}"#,
            ),
            "the results have no variable ?rank (head.vars); the query must select it",
        ),
        (
            write("bad.json", "{\"head\":\n{\"vars\": [}"),
            "bad.json:2:",
        ),
        (
            tmp.path().join("absent.json").display().to_string(),
            "absent.json: cannot read",
        ),
    ];
    for (file, want) in cases {
        let o = run(&["rules", "import", "--wikidata", &file, "--out", out]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        let err = stderr(&o);
        assert!(
            err.starts_with("credence: ") && err.contains(want),
            "{file}: {err}"
        );
    }
    assert!(!Path::new(out).exists(), "nothing written on error");
    let o = run(&[
        "rules",
        "import",
        "--wikidata",
        FIXTURE,
        "--out",
        out,
        "--base",
        "no-such-dir",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("base rules: rules folder no-such-dir does not exist"));
}
