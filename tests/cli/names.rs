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
