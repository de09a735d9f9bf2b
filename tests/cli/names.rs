//! Names and roles: scenarios with their own rules/ for other countries'
//! officials (real: Germany, France, the EU; fictional: Vesnia, Maravia), and
//! the seeds' known errors.

use crate::common::*;

/// Name findings only: (article, kind, mention, expected).
fn name_findings(dir: &std::path::Path) -> Vec<(String, String, String, String)> {
    findings(dir)
        .into_iter()
        .filter(|f| {
            matches!(
                f.1.as_str(),
                "outdated_officeholder"
                    | "wrong_officeholder"
                    | "misspelled_name"
                    | "role_mismatch"
                    | "name_variant"
            )
        })
        .collect()
}

fn has(f: &[(String, String, String, String)], article: &str, kind: &str, mention: &str) -> bool {
    f.iter()
        .any(|r| r.0 == article && r.1 == kind && r.2.contains(mention))
}

#[test]
fn names_europe_covers_every_verdict_with_its_own_rules() {
    let out = check_golden("names_europe");
    let f = name_findings(out.path());
    let want = [
        (
            "summit.txt",
            "name_variant",
            "Maros Sefcovic",
            "Maroš Šefčovič",
        ),
        (
            "summit.txt",
            "name_variant",
            "President Steinmeier",
            "Frank-Walter Steinmeier",
        ),
        (
            "summit.txt",
            "outdated_officeholder",
            "Chancellor Olaf Scholz",
            "Friedrich Merz",
        ),
        (
            "summit.txt",
            "misspelled_name",
            "Friedrich Mertz",
            "Friedrich Merz",
        ),
        (
            "summit.txt",
            "wrong_officeholder",
            "German Chancellor Hans Weber",
            "Friedrich Merz",
        ),
        (
            "summit.txt",
            "role_mismatch",
            "Chancellor Emmanuel Macron",
            "Friedrich Merz",
        ),
        (
            "profile.txt",
            "outdated_officeholder",
            "Olaf Scholz, the German chancellor",
            "Friedrich Merz",
        ),
        (
            "first_day.txt",
            "outdated_officeholder",
            "Chancellor Olaf Scholz",
            "Friedrich Merz",
        ),
    ];
    for (a, k, m, e) in want {
        assert!(
            f.iter()
                .any(|r| r.0 == a && r.1 == k && r.2.contains(m) && r.3 == e),
            "missing {a} {k} {m}: {f:#?}"
        );
    }
    assert_eq!(f.len(), want.len(), "{f:#?}");
}

#[test]
fn names_europe_holder_is_in_office_until_the_day_before_the_end_date() {
    let out = check_golden("names_europe");
    let f = name_findings(out.path());
    assert!(!f.iter().any(|r| r.0 == "last_day.txt"), "{f:#?}");
    assert!(has(
        &f,
        "first_day.txt",
        "outdated_officeholder",
        "Olaf Scholz"
    ));
}

#[test]
fn names_europe_ignores_company_presidents_other_chancellors_and_former_holders() {
    let out = check_golden("names_europe");
    let f = name_findings(out.path());
    for m in [
        "Maria Rossi",
        "Rachel Reeves",
        "Angela Merkel",
        "Ursula von der Leyen",
    ] {
        assert!(!f.iter().any(|r| r.2.contains(m)), "{m}: {f:#?}");
    }
    // A surname repeated after the full name is reported once.
    let scholz = f
        .iter()
        .filter(|r| r.0 == "summit.txt" && r.2.contains("Scholz"))
        .count();
    assert_eq!(scholz, 1, "{f:#?}");
}

#[test]
fn names_fictional_order_diacritics_native_script_and_ambiguous_titles() {
    let out = check_golden("names_fictional");
    let f = name_findings(out.path());
    let want = [
        (
            "budget.txt",
            "name_variant",
            "Volkova Darya",
            "Darya Volkova",
        ),
        ("budget.txt", "name_variant", "Zoe Kovac", "Zoë Kovač"),
        (
            "budget.txt",
            "misspelled_name",
            "Daria Volkova (Дарья Волкова)",
            "Darya Volkova",
        ),
        (
            "budget.txt",
            "misspelled_name",
            "Oleg Sokolof",
            "Oleg Sokolov",
        ),
        (
            "budget.txt",
            "misspelled_name",
            "Zora Kovacs (Зое Ков)",
            "Zoë Kovač",
        ),
        (
            "budget.txt",
            "outdated_officeholder",
            "Prime Minister Ivan Petrov",
            "Darya Volkova",
        ),
        (
            "budget.txt",
            "wrong_officeholder",
            "Pavel Orlov",
            "Darya Volkova",
        ),
        (
            "budget.txt",
            "wrong_officeholder",
            "Igor Petrov",
            "Darya Volkova",
        ),
        (
            "budget.txt",
            "role_mismatch",
            "Prime Minister Oleg Sokolov",
            "Darya Volkova",
        ),
        (
            "budget.txt",
            "role_mismatch",
            "Maravian President Anton Belov",
            "Lucía Ferrer",
        ),
        (
            "boundary_on.txt",
            "outdated_officeholder",
            "Ivan Petrov",
            "Darya Volkova",
        ),
    ];
    for (a, k, m, e) in want {
        assert!(
            f.iter()
                .any(|r| r.0 == a && r.1 == k && r.2.contains(m) && r.3 == e),
            "missing {a} {k} {m}: {f:#?}"
        );
    }
    assert_eq!(f.len(), want.len(), "{f:#?}");
    // Ambiguous "President" / "Minister": resolved by the person, or silent.
    for m in ["Nadia Rusu", "Sergei Lebed", "President Lucía Ferrer"] {
        assert!(!f.iter().any(|r| r.2.contains(m)), "{m}: {f:#?}");
    }
    assert!(!f.iter().any(|r| r.0 == "boundary_before.txt"), "{f:#?}");
    // "Ivan Petrov" appears twice with a title and once as "Petrov": one finding.
    let petrov = f
        .iter()
        .filter(|r| r.0 == "budget.txt" && r.2.contains("Ivan Petrov"))
        .count();
    assert_eq!(petrov, 1, "{f:#?}");
}

#[test]
fn seeds_name_errors_are_found_once_and_correct_names_are_not_errors() {
    let out = tempfile::tempdir().unwrap();
    let o = run(&[
        "score",
        "--out",
        out.path().to_str().unwrap(),
        "--no-bom",
        "-q",
    ]);
    assert!(
        o.status.success() || o.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let f = name_findings(out.path());
    let s000 = "000_5e0cec676ab16a7a.txt";
    let s002 = "002_5033dd446bf44c51.txt";
    let s003 = "003_8d2bc0c0ee94e762.txt";
    // 000: "Koichi Suga" as PM, once however often "Suga" recurs.
    let suga: Vec<_> = f
        .iter()
        .filter(|r| r.0 == s000 && r.2.contains("Suga"))
        .collect();
    assert_eq!(suga.len(), 1, "{f:#?}");
    assert_eq!(suga[0].1, "wrong_officeholder");
    assert_eq!(suga[0].3, "Sanae Takaichi");
    // 002: "Akira Akasaka" is a misspelling of Ryosei Akazawa.
    assert!(
        f.iter().any(|r| r.0 == s002
            && r.1 == "misspelled_name"
            && r.2.contains("Akira Akasaka")
            && r.3 == "Ryosei Akazawa"),
        "{f:#?}"
    );
    // 003: Raimondo and Nishimura left office years before.
    for (name, now) in [
        ("Gina Raimondo", "Howard Lutnick"),
        ("Yasutoshi Nishimura", "Ryosei Akazawa"),
    ] {
        assert!(
            f.iter().any(|r| r.0 == s003
                && r.1 == "outdated_officeholder"
                && r.2.contains(name)
                && r.3 == now),
            "{name}: {f:#?}"
        );
    }
    // "Akazawa Ryo" is at most a name variant; correct names are never errors.
    for r in &f {
        let correct = [
            "Akazawa Ryo",
            "Lutnick",
            "Trump",
            "Takaichi",
            "Ryosei Akazawa",
        ]
        .iter()
        .any(|n| r.2.contains(n));
        if correct {
            assert_eq!(r.1, "name_variant", "{r:?}");
        }
    }
    assert!(f
        .iter()
        .any(|r| r.1 == "name_variant" && r.2.contains("Akazawa Ryo")));
}

/// Rows of mentions.csv as (article, mention, person, role, verdict, reason).
fn mentions(dir: &std::path::Path) -> Vec<[String; 6]> {
    rows(dir, "mentions.csv")
        .into_iter()
        .map(|r| {
            [
                r[0].clone(),
                r[3].clone(),
                r[4].clone(),
                r[5].clone(),
                r[7].clone(),
                r[8].clone(),
            ]
        })
        .collect()
}

#[test]
fn seeds_mentions_list_every_judged_mention_with_its_verdict() {
    let out = tempfile::tempdir().unwrap();
    let o = run(&[
        "score",
        "--out",
        out.path().to_str().unwrap(),
        "--no-bom",
        "-q",
    ]);
    assert!(
        o.status.success() || o.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let header = report(out.path(), "mentions.csv");
    assert!(
        header.starts_with(
            "article,paragraph,line,mention,person,role,jurisdiction,verdict,reason\r\n"
        ),
        "{header}"
    );
    let m = mentions(out.path());
    let suga = m
        .iter()
        .find(|r| r[0] == "000_5e0cec676ab16a7a.txt" && r[1].contains("Koichi Suga"))
        .unwrap_or_else(|| panic!("no Koichi Suga row: {m:#?}"));
    assert_eq!(suga[4], "wrong_officeholder", "{suga:?}");
    assert!(suga[5].contains("Sanae Takaichi"), "reason: {suga:?}");
    assert!(
        m.iter().any(|r| r[1].contains("Sanae Takaichi")
            && r[2] == "Sanae Takaichi"
            && r[3] == "jp_pm"
            && r[4] == "ok"),
        "no correct Takaichi mention judged ok: {m:#?}"
    );
    // Every name finding has its mention row, with the same verdict.
    for f in name_findings(out.path()) {
        assert!(
            m.iter().any(|r| r[0] == f.0 && r[1] == f.2 && r[4] == f.1),
            "{f:?} has no mention row: {m:#?}"
        );
    }
}

/// Rows of a scenario's labels.csv as (article, mention, person, role,
/// verdict, expected).
fn labels(scenario: &str) -> Vec<[String; 6]> {
    let path = root()
        .join("tests/corpora")
        .join(scenario)
        .join("labels.csv");
    let mut r = csv::Reader::from_path(&path).unwrap();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            std::array::from_fn(|i| rec[i].to_string())
        })
        .collect()
}

#[test]
fn names_p09_a_copy_that_swaps_in_a_wrong_name_is_still_checked() {
    let out = check_golden("names_p09_copies");
    // The copy really is a copy: its paragraphs are syndicated.
    let copied: Vec<Vec<String>> = rows(out.path(), "duplicates.csv")
        .into_iter()
        .filter(|r| r[1] == "positive_copy.md")
        .collect();
    assert_eq!(copied.len(), 2, "{copied:#?}");
    let f = name_findings(out.path());
    let m = mentions(out.path());
    let labels = labels("names_p09_copies");
    assert_eq!(labels.len(), 4);
    for [article, mention, person, role, verdict, expected] in &labels {
        let found: Vec<_> = f
            .iter()
            .filter(|r| &r.0 == article && r.2.contains(mention.as_str()))
            .collect();
        if verdict == "ok" {
            assert!(found.is_empty(), "{article} {mention}: {found:#?}");
        } else {
            assert!(
                found.iter().any(|r| &r.1 == verdict && &r.3 == expected),
                "{article}: {mention} not found as {verdict} ({expected}): {f:#?}"
            );
        }
        let row = m
            .iter()
            .find(|r| &r[0] == article && r[1].contains(mention.as_str()))
            .unwrap_or_else(|| panic!("{article} {mention}: no mention row: {m:#?}"));
        assert_eq!(&row[4], verdict, "{row:?}");
        assert_eq!(&row[2], person, "{row:?}");
        assert_eq!(&row[3], role, "{row:?}");
    }
    assert_eq!(f.len(), 1, "only the swapped name is wrong: {f:#?}");
    assert_eq!(m.len(), labels.len(), "{m:#?}");
}
