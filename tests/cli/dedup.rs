//! Duplicate, syndicated and boilerplate paragraphs end to end.

use crate::common::*;

/// duplicates.csv rows as (article, paragraph, kind, first_article, first_paragraph).
fn dups(dir: &std::path::Path) -> Vec<(String, String, String, String, String)> {
    rows(dir, "duplicates.csv")
        .into_iter()
        .map(|r| {
            (
                r[1].clone(),
                r[2].clone(),
                r[4].clone(),
                r[6].clone(),
                r[7].clone(),
            )
        })
        .collect()
}

fn has(d: &[(String, String, String, String, String)], art: &str, para: &str, kind: &str) -> bool {
    d.iter().any(|r| r.0 == art && r.1 == para && r.2 == kind)
}

#[test]
fn dedup_exact_repeats_ignore_case_and_punctuation() {
    let out = check_golden("dedup_exact");
    let d = dups(out.path());
    assert!(has(&d, "ferry.txt", "4", "exact"), "{d:?}");
    assert!(has(&d, "ferry.txt", "6", "exact"), "{d:?}");
    let f = findings(out.path());
    assert_eq!(
        f.iter().filter(|r| r.1 == "duplicate_paragraph").count(),
        2,
        "{f:?}"
    );
}

#[test]
fn dedup_reworded_copies_are_near_duplicates() {
    let out = check_golden("dedup_reworded");
    let d = dups(out.path());
    assert!(has(&d, "library.txt", "3", "near"), "{d:?}");
    assert!(
        d.iter()
            .any(|r| r.0 == "museum_copy.txt" && r.2 == "near" && r.3 == "museum.txt"),
        "{d:?}"
    );
}

#[test]
fn dedup_short_paragraphs_never_match() {
    let out = check_golden("dedup_short");
    assert!(dups(out.path()).is_empty());
    let f = findings(out.path());
    assert!(
        !f.iter().any(|r| r.1.contains("duplicate")
            || r.1 == "syndicated_paragraph"
            || r.1 == "boilerplate"),
        "{f:?}"
    );
}

#[test]
fn dedup_syndication_names_the_earliest_article() {
    let out = check_golden("dedup_syndication");
    let f = findings(out.path());
    let syn: Vec<&str> = f
        .iter()
        .filter(|r| r.1 == "syndicated_paragraph")
        .map(|r| r.0.as_str())
        .collect();
    assert_eq!(
        syn,
        [
            "blog.txt",
            "daily.txt",
            "daily.txt",
            "wire.txt",
            "wire.txt",
            "wire.txt"
        ]
    );
    // Same date as wire.txt, earlier in discovery order: weekly.txt is the origin.
    assert!(dups(out.path()).iter().all(|r| r.3 == "weekly.txt"));
}

#[test]
fn dedup_boilerplate_promos_lists_and_notices() {
    let out = check_golden("dedup_boilerplate");
    let f = findings(out.path());
    let b: Vec<&str> = f
        .iter()
        .filter(|r| r.1 == "boilerplate")
        .map(|r| r.0.as_str())
        .collect();
    assert_eq!(b, ["pool.txt", "roads.txt", "school.txt"]);
    // Story paragraphs stay content.
    let d = dups(out.path());
    assert!(d.iter().all(|r| r.2 == "boilerplate"));
    assert!(!d.iter().any(|r| r.1 == "1" || r.1 == "2"), "{d:?}");
    let words: Vec<String> = rows(out.path(), "articles.csv")
        .into_iter()
        .map(|r| r[15].clone())
        .collect();
    assert_eq!(words, ["6", "2", "2"]);
}

#[test]
fn seeds_repeats_bios_and_headline_lists_are_found() {
    let out = tempfile::tempdir().unwrap();
    let o = run(&[
        "score",
        "-q",
        "--no-bom",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let d = dups(out.path());
    let s000 = "000_5e0cec676ab16a7a.txt";
    let s001 = "001_3839f8093eb166c6.txt";
    let s003 = "003_8d2bc0c0ee94e762.txt";
    let s004 = "004_63c2912552cae134.txt";
    // 000 opens with the same paragraph twice, reworded.
    assert!(
        d.iter()
            .any(|r| r.0 == s000 && r.1 == "3" && r.2 == "near" && r.4 == "2"),
        "{d:?}"
    );
    let f = findings(out.path());
    let rows_f = rows(out.path(), "findings.csv");
    assert!(rows_f
        .iter()
        .any(|r| r[0] == s000 && r[8] == "3" && r[3] == "duplicate_paragraph"));
    // 000 repeats its related-articles block (paragraphs 10-12 again as 13-15):
    // reported as repeats, and the block (from line 9) as boilerplate.
    for p in ["13", "14", "15"] {
        assert!(has(&d, s000, p, "exact"), "{p}: {d:?}");
    }
    assert!(rows_f
        .iter()
        .any(|r| r[0] == s000 && r[3] == "boilerplate" && r[9] == "9"));
    // The Eliza Wong bio in 001 and 003 is boilerplate, origin 001.
    let bio = |a: &str| {
        d.iter()
            .any(|r| r.0 == a && r.2 == "boilerplate" && r.3 == s001)
    };
    assert!(bio(s001) && bio(s003), "{d:?}");
    // 004's trailing headline list.
    assert!(rows_f
        .iter()
        .any(|r| r[0] == s004 && r[3] == "boilerplate" && r[9] == "9"));
    // No real content paragraph is boilerplate: only the blocks above.
    let boiler: Vec<(String, u32)> = d
        .iter()
        .filter(|r| r.2 == "boilerplate")
        .map(|r| (r.0.clone(), r.1.parse().unwrap()))
        .collect();
    for (a, p) in &boiler {
        let ok = (a == s000 && *p >= 9)
            || (a == s001 && *p >= 37)
            || (a == s003 && *p >= 54)
            || (a == s004 && *p >= 7);
        assert!(ok, "{a} p{p} is not boilerplate");
    }
    assert!(!f.iter().any(|r| r.1 == "syndicated_paragraph"), "{f:?}");
}
