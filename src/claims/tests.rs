//! Tests of the two entry points, `extract` and `resolve`, on small texts.

use super::testutil::{date, facts, no_facts, summary};
use super::*;
use crate::model::{ArticleId, FindingKind, ParaIdx};
use crate::segment::article_from_text;
use std::collections::{BTreeMap, BTreeSet};

/// (mention, value, unit, key) of every claim in `text`.
fn claims_of(text: &str) -> Vec<(String, f64, String, String)> {
    let a = article_from_text(0, "t.txt", text, date());
    extract(&a, &[])
        .into_iter()
        .map(|c| (c.mention, c.value, c.unit, c.key.join(" ")))
        .collect()
}

fn one(text: &str) -> (String, f64, String, String) {
    let c = claims_of(text);
    assert_eq!(c.len(), 1, "{text}: {c:?}");
    c[0].clone()
}

#[test]
fn currency_forms_and_scales() {
    let cases: [(&str, &str, f64, &str); 14] = [
        ("The $5 billion fund opened.", "$5 billion", 5e9, "USD"),
        ("A US$5 billion fund opened.", "US$5 billion", 5e9, "USD"),
        ("A €3.2bn loan was signed.", "€3.2bn", 3.2e9, "EUR"),
        ("A £500k grant was paid.", "£500k", 5e5, "GBP"),
        ("The ¥2 trillion budget passed.", "¥2 trillion", 2e12, "JPY"),
        (
            "A 5 billion yen budget passed.",
            "5 billion yen",
            5e9,
            "JPY",
        ),
        (
            "A 3 million dollars grant was paid.",
            "3 million dollars",
            3e6,
            "USD",
        ),
        (
            "A 4 million euros grant was paid.",
            "4 million euros",
            4e6,
            "EUR",
        ),
        (
            "A 2 million pounds grant was paid.",
            "2 million pounds",
            2e6,
            "GBP",
        ),
        (
            "A USD 7 million loan was signed.",
            "USD 7 million",
            7e6,
            "USD",
        ),
        ("The $5m deal closed.", "$5m", 5e6, "USD"),
        (
            "The $1,250,000 prize went unclaimed.",
            "$1,250,000",
            1.25e6,
            "USD",
        ),
        ("A HK$ 40 billion bond sold.", "HK$ 40 billion", 4e10, "HKD"),
        (
            "About 1.4 billion people live there.",
            "1.4 billion",
            1.4e9,
            "",
        ),
    ];
    for (text, mention, value, unit) in cases {
        let (m, v, u, _) = one(text);
        assert_eq!((m.as_str(), u.as_str()), (mention, unit), "{text}");
        assert!((v - value).abs() < 1e-6 * value, "{text}: {v}");
    }
}

#[test]
fn percentages_are_claims_about_their_noun() {
    assert_eq!(one("a 25% tariff on cars").3, "tariff");
    assert_eq!(one("a 25% tariff on cars").2, "%");
    let (m, v, u, k) = one("It took a 12 percent stake in the firm.");
    assert_eq!(
        (m.as_str(), v, u.as_str(), k.as_str()),
        ("12 percent", 12.0, "%", "stake")
    );
    let (m, v, _, k) = one("an 8 per cent rise in sales");
    assert_eq!(
        (m.as_str(), v, k.as_str()),
        ("8 per cent rise", 8.0, "sales")
    );
}

#[test]
fn years_dates_ages_and_list_numbers_are_skipped() {
    let text = "In 2025, the 45-year-old minister, aged 61, met 3 envoys on 12/02/2026 \
                and on 2026-02-12.\n\n1. First point of 2 items.\n\nThe A320 flew 8 mins \
                to 3D printing of 2nd units, a 10x gain.";
    assert_eq!(claims_of(text), vec![]);
}

#[test]
fn key_is_the_noun_phrase_around_the_amount() {
    let key = |t: &str| one(t).3;
    assert_eq!(
        key("a $55 billion investment tool established by Japan"),
        "investment tool"
    );
    assert_eq!(
        key("the $55 billion investment tool represents a shift"),
        "investment tool"
    );
    assert_eq!(
        key("Japan's 550 billion dollars investment fund, which"),
        "Japan's investment fund"
    );
    assert_eq!(
        key("the US-Japan $55 billion investment initiative is"),
        "US Japan investment initiative"
    );
    assert_eq!(key("a package of $550 billion was agreed"), "package");
    assert_eq!(
        key("the $55 billion investment projects were chosen"),
        "investment projects"
    );
    assert_eq!(
        key("Japan-U.S. $55 billion investment projects"),
        "Japan U.S. investment projects"
    );
}

#[test]
fn a_range_shares_its_phrase() {
    let c = claims_of("projects with costs ranging from $350 million to as high as $100 billion.");
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!((c[0].3.as_str(), c[1].3.as_str()), ("costs", "costs"));
    let c = claims_of("a $5 million to $10 million grant for schools");
    assert_eq!((c[0].3.as_str(), c[1].3.as_str()), ("grant", "grant"));
}

#[test]
fn a_bare_amount_inherits_the_currency_of_the_same_claim() {
    let c = claims_of(
        "Japan's $550 billion investment tool is large.\n\nThe 550 billion investment tool \
         will fund projects. Some 1.2 billion people watched.",
    );
    assert_eq!(c[1].2, "USD", "{c:?}");
    assert_eq!(c[2].2, "", "a different claim keeps no currency: {c:?}");
}

#[test]
fn only_content_paragraphs_are_read() {
    let a = article_from_text(
        0,
        "t.txt",
        "The $5 billion fund.\n\nThe $6 billion fund.",
        date(),
    );
    let c = extract(&a, &[ParaMark::Boilerplate, ParaMark::Content]);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].paragraph, ParaIdx(1));
}

#[test]
fn no_panic_on_odd_text() {
    for t in [
        "$",
        "$$$ 5",
        "5,",
        "5.",
        "€",
        "1,00,000 x",
        "9999999999999999999999999 billion",
        "$5 bn",
        "’s $5",
    ] {
        let _ = claims_of(t);
    }
}

// ------------------------------------------------------------ resolve

fn conflicts(out: &ClaimsOutcome, kind: FindingKind) -> Vec<(u32, String, String)> {
    out.findings
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| (f.article.0, f.mention.clone(), f.expected.clone()))
        .collect()
}

const E: FindingKind = FindingKind::WrongOfficeholder;

#[test]
fn majority_wrong_reliable_minority_wins() {
    let arts = vec![
        summary(0, "a", "The $55 billion investment fund starts.", &[E]),
        summary(
            1,
            "b",
            "Ruritania's $550 billion investment fund starts.",
            &[],
        ),
        summary(
            2,
            "c",
            "A $55 billion investment vehicle starts. The $55 billion investment fund follows.",
            &[E],
        ),
        summary(3, "d", "The $550 billion investment fund will start.", &[]),
        summary(
            4,
            "e",
            "The $55 billion investment fund will start.",
            &[E, E],
        ),
    ];
    let out = resolve(&arts, &DedupOutcome::default(), &no_facts());
    assert_eq!(
        conflicts(&out, FindingKind::QuantityConflict),
        vec![
            (0, "$55 billion".into(), "550 billion USD".into()),
            (2, "$55 billion".into(), "550 billion USD".into()),
            (4, "$55 billion".into(), "550 billion USD".into()),
        ]
    );
    let msg = &out.findings[0].message;
    assert!(msg.contains("factor-of-10 slip"), "{msg}");
    let trust: BTreeMap<_, _> = out.trust.iter().cloned().collect();
    assert!(
        trust["b"] > trust["a"] && trust["a"] > trust["e"],
        "{trust:?}"
    );
    assert_eq!(
        out.trust.iter().map(|t| t.0.as_str()).collect::<Vec<_>>(),
        ["a", "b", "c", "d", "e"]
    );
}

#[test]
fn with_equal_trust_the_majority_wins() {
    let arts = vec![
        summary(0, "a", "The $55 billion investment fund starts.", &[]),
        summary(1, "b", "The $550 billion investment fund starts.", &[]),
        summary(2, "c", "The $55 billion investment fund starts.", &[]),
    ];
    let out = resolve(&arts, &DedupOutcome::default(), &no_facts());
    assert_eq!(
        conflicts(&out, FindingKind::QuantityConflict),
        vec![(1, "$550 billion".into(), "55 billion USD".into())]
    );
}

#[test]
fn copies_are_not_independent_votes() {
    let arts = vec![
        summary(0, "a", "The $550 billion investment fund starts.", &[]),
        summary(1, "b", "The $550 billion investment fund starts.", &[]),
        summary(2, "c", "The $55 billion investment fund starts.", &[]),
        summary(3, "d", "The $55 billion investment fund starts.", &[]),
        summary(4, "e", "The $55 billion investment fund starts.", &[]),
    ];
    let plain = resolve(&arts, &DedupOutcome::default(), &no_facts());
    assert_eq!(
        conflicts(&plain, FindingKind::QuantityConflict).len(),
        2,
        "majority 55 wins"
    );
    let dedup = DedupOutcome {
        copies: vec![(ArticleId(3), ArticleId(2)), (ArticleId(4), ArticleId(3))],
        ..Default::default()
    };
    let out = resolve(&arts, &dedup, &no_facts());
    assert_eq!(
        conflicts(&out, FindingKind::QuantityConflict)
            .iter()
            .map(|c| c.0)
            .collect::<Vec<_>>(),
        vec![2, 3, 4],
        "c, d, e are one voice against two"
    );
}

#[test]
fn differently_named_projects_are_not_compared() {
    // Same wording, values within one order of magnitude, different
    // named projects: different claims, however many sources each has.
    let arts = vec![
        summary(
            0,
            "a",
            "The Rockmouth battery complex contract would total $750 million.",
            &[],
        ),
        summary(
            1,
            "b",
            "Officials said the Rockmouth battery complex contract would total $750 million.",
            &[],
        ),
        summary(
            2,
            "c",
            "The Silverwick battery complex contract would total $450 million.",
            &[],
        ),
        summary(
            3,
            "d",
            "Planners said the Silverwick battery complex contract would total $450 million.",
            &[],
        ),
        summary(
            4,
            "e",
            "The Silverwick battery complex contract would total $450 million, a report said.",
            &[],
        ),
    ];
    let out = resolve(&arts, &DedupOutcome::default(), &no_facts());
    assert!(
        conflicts(&out, FindingKind::QuantityConflict).is_empty(),
        "{:?}",
        out.findings
    );
    // The same named project with a slip is still caught.
    let mut slip = arts.clone();
    slip.push(summary(
        5,
        "f",
        "The Silverwick battery complex contract would total $45 million.",
        &[],
    ));
    let out = resolve(&slip, &DedupOutcome::default(), &no_facts());
    let got = conflicts(&out, FindingKind::QuantityConflict);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, 5);
}

#[test]
fn reworded_keys_group_and_different_things_do_not() {
    let arts = vec![
        summary(0, "a", "Japan's $550 billion investment tool is set. Projects cost from $350 million to $100 billion.", &[]),
        summary(1, "b", "Tokyo's $550 billion investment package is set. Its $550 billion investment tool opens.", &[]),
        summary(2, "c", "The $550 billion investment package is set. A $100 billion data center project too.", &[]),
    ];
    let out = resolve(&arts, &DedupOutcome::default(), &no_facts());
    assert!(out.findings.is_empty(), "{:?}", out.findings);
    let label_of = |m: &str, a: u32| {
        out.rows
            .iter()
            .find(|r| r.mention == m && r.article.0 == a)
            .map(|r| r.claim.clone())
            .unwrap()
    };
    assert_eq!(label_of("$550 billion", 0), label_of("$550 billion", 2));
    assert_ne!(label_of("$100 billion", 0), label_of("$550 billion", 0));
    assert_ne!(label_of("$100 billion", 2), label_of("$550 billion", 2));
    assert_ne!(label_of("$350 million", 0), label_of("$550 billion", 0));
    let pkg = out.rows.iter().find(|r| r.article.0 == 1).unwrap();
    assert_eq!(pkg.consensus, Some(550e9));
    assert!(pkg.agrees);
}

#[test]
fn a_fact_overrides_the_consensus() {
    let arts = vec![
        summary(
            0,
            "a",
            "Ruritania's $55 billion investment fund starts.",
            &[],
        ),
        summary(1, "b", "The $550 billion investment fund starts.", &[]),
        summary(
            2,
            "c",
            "Ruritania's $55 billion investment fund starts.",
            &[],
        ),
    ];
    let rules = facts("fact,value,unit,cues,note\nRuritania fund,550000000000,USD,Ruritania investment fund,test\n");
    let out = resolve(&arts, &DedupOutcome::default(), &rules);
    let got = conflicts(&out, FindingKind::QuantityConflict);
    assert_eq!(got.iter().map(|c| c.0).collect::<Vec<_>>(), vec![0, 2]);
    let f = &out.findings[0];
    assert_eq!(f.evidence, "facts.csv:2");
    assert!(f.message.contains("factor-of-10 slip"), "{}", f.message);
    assert!(out
        .rows
        .iter()
        .all(|r| r.claim == "Ruritania fund" && r.reference == "facts.csv:2"));
    // A fact of another magnitude or unit is not about this claim.
    let rules = facts("fact,value,unit,cues,note\nOther,3000000,USD,Ruritania investment fund,test\nEur,550000000000,EUR,Ruritania investment fund,test\n");
    let out = resolve(&arts, &DedupOutcome::default(), &rules);
    assert_eq!(
        conflicts(&out, FindingKind::QuantityConflict),
        vec![(1, "$550 billion".into(), "55 billion USD".into())]
    );
}

#[test]
fn fact_checked_errors_lower_trust_elsewhere() {
    // a, b, c get the fact wrong; on the unchecked budget the reliable
    // minority d, e wins.
    let arts = vec![
        summary(
            0,
            "a",
            "Ruritania's $55 billion investment fund. The $30 million port budget.",
            &[],
        ),
        summary(
            1,
            "b",
            "Ruritania's $55 billion investment fund. The $30 million port budget.",
            &[],
        ),
        summary(
            2,
            "c",
            "Ruritania's $55 billion investment fund. The $30 million port budget.",
            &[],
        ),
        summary(
            3,
            "d",
            "Ruritania's $550 billion investment fund. The $300 million port budget.",
            &[],
        ),
        summary(
            4,
            "e",
            "Ruritania's $550 billion investment fund. The $300 million port budget.",
            &[],
        ),
    ];
    let rules = facts("fact,value,unit,cues,note\nRuritania fund,550000000000,USD,Ruritania investment fund,test\n");
    let out = resolve(&arts, &DedupOutcome::default(), &rules);
    let budget: Vec<_> = conflicts(&out, FindingKind::QuantityConflict)
        .into_iter()
        .filter(|c| c.1 == "$30 million")
        .collect();
    assert_eq!(budget.len(), 3, "{:?}", out.findings);
    assert_eq!(budget[0].2, "300 million USD");
}

#[test]
fn two_values_in_one_article_are_an_internal_conflict() {
    let arts = vec![summary(
        0,
        "a",
        "The $550 billion investment package was agreed.\n\nLater, the $55 billion investment package was praised.\n\nThe $550 billion investment package again.",
        &[],
    )];
    let out = resolve(&arts, &DedupOutcome::default(), &no_facts());
    let got = conflicts(&out, FindingKind::InternalConflict);
    assert_eq!(
        got,
        vec![(0, "$55 billion".into(), "550 billion USD".into())]
    );
    let f = &out.findings[0];
    assert_eq!(f.paragraph, Some(ParaIdx(1)));
    assert!(f.message.contains("factor-of-10"), "{}", f.message);
    // Values in one sentence (a change, a range) are not a conflict.
    let arts = vec![summary(
        0,
        "a",
        "The 25% tariff rate was lowered to a 15% tariff rate.",
        &[],
    )];
    assert!(resolve(&arts, &DedupOutcome::default(), &no_facts())
        .findings
        .is_empty());
}

#[test]
fn two_claims_in_one_article_stay_apart() {
    let arts = vec![
        summary(
            0,
            "a",
            "The $550 billion investment package and a $2 billion chip plant.",
            &[],
        ),
        summary(
            1,
            "b",
            "The $550 billion investment package and a $2 billion chip plant.",
            &[],
        ),
        summary(
            2,
            "c",
            "The $550 billion investment package and a $2.5 billion chip plant.",
            &[],
        ),
    ];
    let out = resolve(&arts, &DedupOutcome::default(), &no_facts());
    assert_eq!(
        conflicts(&out, FindingKind::QuantityConflict),
        vec![(2, "$2.5 billion".into(), "2 billion USD".into())]
    );
    let labels: BTreeSet<&str> = out.rows.iter().map(|r| r.claim.as_str()).collect();
    assert_eq!(labels, BTreeSet::from(["chip plant", "investment package"]));
}

#[test]
fn a_lone_dissent_without_support_is_not_a_conflict() {
    let arts = vec![
        summary(0, "a", "The 25% tariff on steel.", &[]),
        summary(1, "b", "The 15% tariff on steel.", &[E]),
    ];
    let out = resolve(&arts, &DedupOutcome::default(), &no_facts());
    assert!(out.findings.is_empty());
    assert!(out.rows.iter().all(|r| r.consensus.is_none() && r.agrees));
}

#[test]
fn output_does_not_depend_on_article_order_of_equal_input() {
    let a = vec![
        summary(0, "a", "The $55 billion investment fund starts.", &[E]),
        summary(1, "b", "The $550 billion investment fund starts.", &[]),
        summary(2, "c", "The $550 billion investment fund starts.", &[]),
    ];
    let x = resolve(&a, &DedupOutcome::default(), &no_facts());
    let y = resolve(&a, &DedupOutcome::default(), &no_facts());
    assert_eq!(x, y);
}

/// The Done-when of issue 5 at the unit level: the seeds with the names
/// findings the names stage gives them, without and with the fact.
#[test]
fn seeds_55_billion_is_the_slip_with_and_without_facts() {
    let names: [(&str, &[FindingKind]); 5] = [
        ("000_5e0cec676ab16a7a.txt", &[E]),
        ("001_3839f8093eb166c6.txt", &[]),
        ("002_5033dd446bf44c51.txt", &[FindingKind::MisspelledName]),
        (
            "003_8d2bc0c0ee94e762.txt",
            &[
                FindingKind::OutdatedOfficeholder,
                FindingKind::OutdatedOfficeholder,
            ],
        ),
        ("004_63c2912552cae134.txt", &[]),
    ];
    let arts: Vec<ClaimsInput> = names
        .iter()
        .enumerate()
        .map(|(i, (f, k))| {
            let text = std::fs::read_to_string(format!("seeds/{f}")).unwrap();
            summary(i as u32, f, &text, k)
        })
        .collect();
    let bundled = facts(include_str!("../../rules/facts.csv"));
    for rules in [no_facts(), bundled] {
        let out = resolve(&arts, &DedupOutcome::default(), &rules);
        let got = conflicts(&out, FindingKind::QuantityConflict);
        let want: Vec<(u32, String, String)> =
            [(0, "$55 billion"), (2, "$55 billion"), (3, "$55 Billion")]
                .iter()
                .map(|(a, m)| (*a, m.to_string(), "550 billion USD".to_string()))
                .collect();
        assert_eq!(got, want, "facts: {}", rules.facts.len());
        // The project costs are their own claims, not the package.
        for m in ["$350 million", "$100 billion"] {
            let r = out.rows.iter().find(|r| r.mention == m).unwrap();
            assert!(r.consensus.is_none(), "{r:?}");
        }
    }
}
