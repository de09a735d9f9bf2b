use super::*;
use crate::dedup::DedupConfig;
use crate::model::{Claim, Date, DuplicateRow, MentionRow};
use crate::names::NameIndex;
use crate::pipeline::dup_texts::DupTexts;

fn summary(id: u32, text: &str) -> ArticleSummary {
    let date = Date::parse_iso("2026-02-12").unwrap();
    let a = segment::article_from_text(id, &format!("a{id}.txt"), text, date);
    crate::pipeline::analyze(a, &NameIndex::default(), &DedupConfig::default())
}

fn at(article: u32, paragraph: u32, kind: FindingKind) -> Finding {
    let mut f = Finding::new(ArticleId(article), kind);
    f.paragraph = Some(ParaIdx(paragraph));
    f
}

fn claim(paragraph: u32) -> Claim {
    Claim {
        article: ArticleId(0),
        paragraph: ParaIdx(paragraph),
        line: 1,
        mention: "$5".into(),
        value: 5.0,
        unit: "USD".into(),
        key: Vec::new(),
        entities: Vec::new(),
    }
}

/// An exact-copy duplicates.csv row of paragraph `paragraph` of `article`
/// (also the fixture of `dup_texts`' tests).
pub(in crate::pipeline) fn row(article: u32, paragraph: u32, text: &str) -> DuplicateRow {
    DuplicateRow {
        group: 0,
        article: ArticleId(article),
        paragraph: ParaIdx(paragraph),
        line: 1,
        kind: crate::model::DupKind::Exact,
        similarity: 1.0,
        first_article: ArticleId(0),
        first_paragraph: ParaIdx(0),
        text: text.into(),
    }
}

#[test]
fn ids_are_grouped_by_entry_and_unknown_ids_left_out() {
    let ids = [ArticleId(2), ArticleId(0), ArticleId(9), ArticleId(1)];
    let groups = by_entry(&ids, &[5, 5, 3]);
    assert_eq!(
        groups.into_iter().collect::<Vec<_>>(),
        vec![(3, vec![0]), (5, vec![1, 3])]
    );
}

#[test]
fn a_reloader_answers_none_for_ids_it_cannot_read() {
    let ingest = IngestConfig::default();
    let (entries, keys) = (Entries::default(), Keys::default());
    let reloader = Reloader {
        entries: &entries,
        ingest: &ingest,
        keys: &keys,
        entry_of: &[],
    };
    assert_eq!(reloader.load(&[ArticleId(0), ArticleId(3)]).len(), 2);
    assert!(reloader.load(&[ArticleId(0)])[0].is_none());
    assert_eq!(reloader.entry(ArticleId(0)), None);
}

fn mention(paragraph: u32, verdict: MentionVerdict) -> MentionRow {
    MentionRow {
        article: ArticleId(0),
        paragraph: ParaIdx(paragraph),
        line: paragraph + 1,
        mention: "Prime Minister Some One".into(),
        person: "Some One".into(),
        role: "pm".into(),
        jurisdiction: "x".into(),
        verdict,
        reason: String::new(),
    }
}

#[test]
fn name_findings_are_dropped_in_boilerplate_only_and_claims_in_any_repeat() {
    let mut s = summary(0, "One.\n\nTwo.\n\nThree.\n\nFour.");
    s.findings = vec![
        at(0, 0, FindingKind::MisspelledName),
        at(0, 1, FindingKind::MisspelledName),
        at(0, 2, FindingKind::WrongOfficeholder),
        at(0, 3, FindingKind::OutdatedOfficeholder),
        at(0, 3, FindingKind::NameVariant),
        at(0, 3, FindingKind::QuantityConflict),
        Finding::new(ArticleId(0), FindingKind::RoleMismatch),
    ];
    s.claims = vec![claim(0), claim(1), claim(2), claim(3)];
    drop_repeated(
        &mut s,
        &[
            ParaMark::Content,
            ParaMark::Duplicate,
            ParaMark::Syndicated,
            ParaMark::Boilerplate,
        ],
    );
    let kept: Vec<(Option<ParaIdx>, FindingKind)> =
        s.findings.iter().map(|f| (f.paragraph, f.kind)).collect();
    assert_eq!(
        kept,
        [
            (Some(ParaIdx(0)), FindingKind::MisspelledName),
            (Some(ParaIdx(1)), FindingKind::MisspelledName),
            (Some(ParaIdx(2)), FindingKind::WrongOfficeholder),
            (Some(ParaIdx(3)), FindingKind::QuantityConflict),
            (None, FindingKind::RoleMismatch),
        ]
    );
    assert_eq!(s.claims.len(), 1);
    assert_eq!(s.claims[0].paragraph, ParaIdx(0));
    assert!(s.para_lines.is_empty(), "prints and lines are freed");
}

#[test]
fn mentions_in_boilerplate_become_unchecked_and_copies_keep_their_verdicts() {
    let mut s = summary(0, "One.\n\nTwo.\n\nThree.");
    let wrong = MentionVerdict::Found(FindingKind::WrongOfficeholder);
    s.mentions = vec![
        mention(0, MentionVerdict::Ok),
        mention(1, wrong),
        mention(2, wrong),
        mention(2, MentionVerdict::Ok),
    ];
    drop_repeated(
        &mut s,
        &[
            ParaMark::Content,
            ParaMark::Syndicated,
            ParaMark::Boilerplate,
        ],
    );
    let got: Vec<(u32, MentionVerdict, &str)> = s
        .mentions
        .iter()
        .map(|m| (m.paragraph.0, m.verdict, m.reason.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (0, MentionVerdict::Ok, ""),
            (1, wrong, ""),
            (2, MentionVerdict::Unchecked, "in boilerplate"),
            (2, MentionVerdict::Unchecked, "in boilerplate"),
        ]
    );
    assert_eq!(s.mentions[2].person, "Some One", "who it is stays");
}

#[test]
fn input_errors_name_the_file_and_line() {
    let mut f = InputFailure {
        id: ArticleId(4),
        key: "feed.jsonl#r3".into(),
        path: "feed.jsonl".into(),
        line: Some(3),
        reason: "not JSON".into(),
    };
    let finding = input_error(&f);
    assert_eq!(finding.article, ArticleId(4));
    assert_eq!(finding.kind, FindingKind::InputError);
    assert_eq!(finding.message, "line 3: not JSON");
    assert_eq!(finding.evidence, "feed.jsonl:3");
    f.reason = "line 3: not JSON".into();
    assert_eq!(input_error(&f).message, "line 3: not JSON");
    f.line = None;
    assert_eq!(input_error(&f).evidence, "feed.jsonl");
}

#[test]
fn claims_findings_go_to_their_article_in_order() {
    let claims = vec![
        at(0, 0, FindingKind::QuantityConflict),
        at(1, 0, FindingKind::QuantityConflict),
        at(1, 1, FindingKind::InternalConflict),
        at(3, 0, FindingKind::QuantityConflict),
        at(7, 0, FindingKind::QuantityConflict),
    ];
    let mut next = 0;
    let kinds = |v: Vec<Finding>| v.iter().map(|f| (f.article.0, f.kind)).collect::<Vec<_>>();
    // Article 0 is never asked for: its finding is passed over.
    assert_eq!(
        kinds(take_findings_of(&claims, ArticleId(1), &mut next)),
        [
            (1, FindingKind::QuantityConflict),
            (1, FindingKind::InternalConflict)
        ]
    );
    assert!(take_findings_of(&claims, ArticleId(2), &mut next).is_empty());
    assert_eq!(
        kinds(take_findings_of(&claims, ArticleId(3), &mut next)),
        [(3, FindingKind::QuantityConflict)]
    );
    assert!(take_findings_of(&claims, ArticleId(9), &mut next).is_empty());
    assert_eq!(next, claims.len());
}

#[test]
fn an_article_is_scored_on_its_findings_then_its_repeats_get_their_text() {
    let rules = Rules::parse(None, None, None, None, None, None).unwrap();
    let mut s = summary(0, "One.\n\nTwo.");
    let mut info = at(0, 1, FindingKind::MachineTell);
    info.severity = Severity::Info;
    s.findings = vec![info];
    s.claims = vec![claim(0)];
    let extra = vec![at(0, 0, FindingKind::DuplicateParagraph)];
    let rows = [row(0, 0, "copied words")];
    let (record, score) = finish_article(s, extra, &DupTexts::of_rows(&rows), &rules);
    let kinds: Vec<FindingKind> = record.findings.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [FindingKind::MachineTell, FindingKind::DuplicateParagraph]
    );
    assert!(record.claims.is_empty());
    assert_eq!(record.findings[1].mention, "copied words");
    // Scored before the text was given: the top finding names the kind.
    assert_eq!(score.top_finding, "duplicate_paragraph");
}

#[test]
fn repeat_findings_without_text_get_their_paragraph_start() {
    let mut findings = vec![
        at(0, 1, FindingKind::Boilerplate),
        at(0, 2, FindingKind::Boilerplate),
        at(0, 1, FindingKind::MachineTell),
        at(0, 1, FindingKind::DuplicateParagraph).mention("kept"),
    ];
    let rows = [row(0, 1, &"word ".repeat(40)), row(0, 2, "")];
    name_repeated_text(&mut findings, &DupTexts::of_rows(&rows));
    // 80 characters, and "…" since the text was longer.
    assert_eq!(findings[0].mention.chars().count(), 81);
    assert!(findings[0].mention.ends_with('…'));
    assert!(findings[1].mention.is_empty(), "no text for paragraph 2");
    assert!(findings[2].mention.is_empty(), "not a repeat");
    assert_eq!(findings[3].mention, "kept");
}
