//! Tests of the whole link, and of its index and union-find.

use super::*;
use crate::dedup::fixtures::{
    art, date, kinds, print, run_link, summary, summary_of, A1, A1_REWORDED, B1, BIO, C1,
};
use crate::model::{Article, DuplicateRow, FindingKind, LinkInput, ParaMark};
use std::collections::BTreeSet;

#[test]
fn para_index_numbers_paragraphs_across_articles() {
    let sums = vec![
        summary_of(0, (0..3).map(|p| print(p, 1, 20, &[], false)).collect()),
        summary_of(1, Vec::new()),
        summary_of(2, (0..2).map(|p| print(p, 1, 20, &[], false)).collect()),
    ];
    let index = ParaIndex::new(&LinkInput::of(&sums));
    assert_eq!(index.total(), 5);
    assert_eq!(index.base, vec![0, 3, 3]);
    assert_eq!(index.split(4), (2, 1));
    assert_eq!(index.art(2), 0);
    assert_eq!(index.global(2, 0), 3);
}

#[test]
fn union_find_roots_at_the_lowest_member() {
    let mut sets = Dsu((0..6).collect());
    sets.union(4, 2);
    sets.union(5, 4);
    assert_eq!(sets.find(5), 2);
    sets.union(5, 1);
    assert_eq!((sets.find(2), sets.find(4), sets.find(1)), (1, 1, 1));
    assert_eq!(sets.find(3), 3);
}

#[test]
fn linker_orders_paragraphs_by_date_then_article_then_paragraph() {
    let mut late = summary_of(
        0,
        vec![print(0, 1, 20, &[], false), print(1, 2, 20, &[], false)],
    );
    late.date = date("2026-02-01");
    let early = summary_of(1, vec![print(0, 3, 20, &[], false)]);
    let sums = vec![late, early];
    let linker = Linker::new(&sums);
    assert!(linker.order(2) < linker.order(0));
    assert!(linker.order(0) < linker.order(1));
    assert_eq!(linker.para_key(1), "a0.txt#p2");
    assert_eq!(linker.print(2).exact, 3);
}

#[test]
fn local_repeats_are_the_fingerprint_rows_in_global_numbers() {
    let a0 = art(0, B1);
    let a1 = art(1, &format!("{A1}\n\n{B1}\n\n{A1}"));
    let sums = vec![summary(&a0), summary(&a1)];
    let linker = Linker::new(&sums);
    let got: Vec<(u32, u32, f64)> = linker.local_repeats().collect();
    assert_eq!(got, vec![(1, 3, 1.0)]);
}

#[test]
fn chained_matches_do_not_make_a_within_article_duplicate() {
    // Two paragraphs of the later article each copy a different part of
    // the same earlier paragraph; they share little with each other.
    // Union-find joins all three; only direct matches may make a repeat.
    let a = art(
        0,
        "Our cheap garden furniture sets are popular this spring. The committee met on \
             Tuesday and heard from residents. Several members asked for more detail about \
             the costs. Local businesses said they had not been consulted.",
    );
    let c = art(
        1,
        "The committee met on Tuesday and heard from residents. Several members asked \
             for more detail about the costs.\n\n\
             Several members asked for more detail about the costs. Local businesses said \
             they had not been consulted.",
    );
    let out = run_link(&[a, c]);
    assert!(
        !out.findings
            .iter()
            .any(|f| f.kind == FindingKind::DuplicateParagraph),
        "{:?}",
        kinds(&out.findings)
    );
    let copied: Vec<&DuplicateRow> = out
        .rows
        .iter()
        .filter(|r| r.article == ArticleId(1))
        .collect();
    assert_eq!(
        copied.len(),
        2,
        "both copies are in one group: {:?}",
        out.rows
    );
    assert_eq!(copied[0].group, copied[1].group);
    for r in copied {
        assert_eq!(r.first_article, ArticleId(0), "{r:?}");
        assert!(r.similarity >= DedupConfig::default().near_dup, "{r:?}");
    }
}

#[test]
fn syndication_names_the_earliest_article_by_date_then_id() {
    let mut a0 = art(0, &format!("{B1}\n\n{A1}\n\n{C1}"));
    let mut a1 = art(1, &format!("{A1_REWORDED}\n\nSomething else entirely happened in the harbour when two ferries collided in thick fog this morning."));
    let a2 = art(2, &format!("Local officials gave their own account of the meeting, which ran late into the evening on Tuesday night.\n\n{A1}"));
    a0.source = "one".into();
    a1.source = "two".into();
    // a1 is dated earlier than a0, a2 same date as a0.
    a1.date = date("2026-01-05");
    let out = run_link(&[a0, a1, a2]);
    let syn: Vec<_> = out
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::SyndicatedParagraph)
        .map(|f| {
            (
                f.article.0,
                f.paragraph.map(|p| p.number()),
                f.evidence.clone(),
            )
        })
        .collect();
    assert_eq!(
        syn,
        vec![
            (0, Some(2), "a1.txt#p1".into()),
            (2, Some(2), "a1.txt#p1".into())
        ]
    );
    assert_eq!(out.marks[0][1], ParaMark::Syndicated);
    assert_eq!(out.marks[1][0], ParaMark::Content);
    assert_eq!(
        out.copies,
        vec![(ArticleId(0), ArticleId(1)), (ArticleId(2), ArticleId(1))]
    );
    // Same date: the lower id is the origin.
    let b0 = art(0, &format!("{B1}\n\n{A1}"));
    let b1 = art(1, &format!("{A1}\n\n{C1}"));
    let out = run_link(&[b0, b1]);
    assert_eq!(out.copies, vec![(ArticleId(1), ArticleId(0))]);
    assert_eq!(out.marks[1][0], ParaMark::Syndicated);
}

#[test]
fn shared_tail_bio_is_boilerplate_but_shared_body_is_syndication() {
    let mut a0 = art(0, &format!("{A1}\n\n{B1}\n\nJane Roe\n\n{BIO}"));
    let mut a1 = art(1, &format!("{C1}\n\nA second story about rail fares rising again in the spring, which commuters said they could not afford.\n\nJane Roe\n\n{BIO}"));
    a0.author = "Jane Roe".into();
    a1.author = "Jane Roe".into();
    a1.source = "other".into();
    let out = run_link(&[a0.clone(), a1.clone()]);
    assert_eq!(
        out.marks[0][2..],
        [ParaMark::Boilerplate, ParaMark::Boilerplate]
    );
    assert_eq!(
        out.marks[1][2..],
        [ParaMark::Boilerplate, ParaMark::Boilerplate]
    );
    assert!(out.copies.is_empty());
    let b: Vec<_> = kinds(&out.findings);
    assert_eq!(
        b,
        vec![
            (0, FindingKind::Boilerplate, Some(3)),
            (1, FindingKind::Boilerplate, Some(3))
        ]
    );
    // Different authors and sources, two articles: a shared paragraph is syndication.
    a1.author = "Someone Else".into();
    let out = run_link(&[a0.clone(), a1.clone()]);
    assert_eq!(out.marks[1][3], ParaMark::Syndicated);
    // Mid-article copies are syndication even with one author.
    let mut c0 = art(0, &format!("{B1}\n\n{BIO}\n\n{C1}"));
    let mut c1 = art(
        1,
        &format!("{A1}\n\n{BIO}\n\n{A1_REWORDED} It was the third vote this year."),
    );
    c0.author = "Jane Roe".into();
    c1.author = "Jane Roe".into();
    let out = run_link(&[c0, c1]);
    assert_eq!(out.marks[1][1], ParaMark::Syndicated);
}

#[test]
fn link_is_deterministic_across_thread_counts() {
    let arts: Vec<Article> = (0..6)
            .map(|i| {
                let mut a = art(i, &format!("{A1}\n\nStory number {i} has its own words about things in town today and tomorrow.\n\n{B1}\n\n{BIO}"));
                a.source = format!("s{}", i % 2);
                a
            })
            .collect();
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let two = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    let x = one.install(|| run_link(&arts));
    let y = two.install(|| run_link(&arts));
    assert_eq!(x, y);
    assert!(!x.rows.is_empty());
    let groups: BTreeSet<u32> = x.rows.iter().map(|r| r.group).collect();
    assert_eq!(
        groups.iter().copied().collect::<Vec<_>>(),
        (1..=groups.len() as u32).collect::<Vec<_>>()
    );
}

#[test]
fn changed_file_is_not_confirmed() {
    let a0 = art(0, &format!("{B1}\n\n{A1}"));
    let a1 = art(1, &format!("{C1}\n\n{A1_REWORDED}"));
    let sums = vec![summary(&a0), summary(&a1)];
    let load = |ids: &[ArticleId]| -> Vec<Option<Article>> {
        ids.iter()
            .map(|id| {
                let mut a = if id.0 == 0 { a0.clone() } else { a1.clone() };
                a.content_hash ^= 1;
                Some(a)
            })
            .collect()
    };
    let out = link(
        &LinkInput::of(&sums),
        &DedupConfig::default(),
        &load,
        &mut Vec::new(),
        &mut PairMemo::default(),
    );
    assert!(out.copies.is_empty());
    let none = |ids: &[ArticleId]| -> Vec<Option<Article>> { vec![None; ids.len()] };
    let out = link(
        &LinkInput::of(&sums),
        &DedupConfig::default(),
        &none,
        &mut Vec::new(),
        &mut PairMemo::default(),
    );
    assert!(out.copies.is_empty());
}

#[test]
fn a_link_space_of_one_pair_gives_the_outcome_of_an_unbounded_one() {
    // Copies of two stories, reworded and exact, in several articles: sure
    // and unsure band pairs, candidates across many runs.
    let arts: Vec<Article> = (0..8)
        .map(|i| {
            let story = if i % 2 == 0 { A1 } else { A1_REWORDED };
            let mut a = art(
                i,
                &format!("{story}\n\nStory {i} has its own words about the town.\n\n{B1}\n\n{C1}"),
            );
            a.source = format!("s{}", i % 3);
            a
        })
        .collect();
    let sums: Vec<crate::model::ArticleSummary> = arts.iter().map(summary).collect();
    let input = LinkInput::of(&sums);
    let unbounded = run_link(&arts);
    let tiny = LinkSpace {
        memory: 16,
        ..LinkSpace::unbounded()
    };
    let (outcome, records) = link_to(
        &input,
        &DedupConfig::default(),
        &crate::dedup::fixtures::loader(&arts),
        &mut Vec::new(),
        &mut PairMemo::default(),
        LinkRecords::default(),
        &tiny,
    );
    assert!(!unbounded.rows.is_empty());
    assert_eq!(outcome.marks, unbounded.marks);
    assert_eq!(outcome.copies, unbounded.copies);
    assert_eq!(records.all_rows(), unbounded.rows);
    assert_eq!(records.all_findings(), unbounded.findings);
}
