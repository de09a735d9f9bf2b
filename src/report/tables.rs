//! The six tables: one renderer per report, each streaming sorted rows of
//! typed cells onto a [`Sink`] (a CSV file or a workbook sheet).

use super::cells::{csv_writer, cut};
use super::sink::{Cell, CsvSink, Sink};
use super::{ReportError, Reports, REPORTS};
use crate::model::{
    ArticleId, ClaimRow, DateOrigin, DuplicateRow, Finding, MentionRow, ParaMark, Severity,
    SourceRow,
};
use std::io::Write;
use std::path::PathBuf;

/// Renders the six tables (without BOM), in [`REPORTS`] order. Pure.
#[cfg(test)]
fn render(r: &Reports<'_>) -> Result<Vec<Vec<u8>>, ReportError> {
    (0..REPORTS.len())
        .map(|i| render_table(r, i, Vec::new()))
        .collect()
}

/// Streams table `which` (an index into [`REPORTS`]) onto `out` as CSV, one
/// row at a time, so no table is held in memory as cells or bytes.
pub(super) fn render_table<W: Write>(
    r: &Reports<'_>,
    which: usize,
    out: W,
) -> Result<W, ReportError> {
    let name = REPORTS[which.min(REPORTS.len() - 1)];
    let mut sink = CsvSink {
        w: csv_writer(out),
        name,
    };
    render_rows(r, which, &mut sink)?;
    sink.w.into_inner().map_err(|e| ReportError::Io {
        path: PathBuf::from(name),
        source: e.into_error(),
    })
}

/// Streams table `which` (an index into [`REPORTS`]) onto any sink.
pub(super) fn render_rows<S: Sink>(
    r: &Reports<'_>,
    which: usize,
    sink: &mut S,
) -> Result<(), ReportError> {
    match which {
        0 => articles_table(r, sink),
        1 => findings_table(r, sink),
        2 => duplicates_table(r, sink),
        3 => claims_table(r, sink),
        4 => sources_table(r, sink),
        _ => mentions_table(r, sink),
    }
}

fn key_of<'a>(r: &Reports<'a>, id: ArticleId) -> &'a str {
    r.keys.get(id.0 as usize).unwrap_or_default()
}

/// The cell of article `id`: its key, linked in the workbook.
fn article_cell<'a>(r: &Reports<'a>, id: ArticleId) -> Cell<'a> {
    Cell::Article(key_of(r, id), Some(id))
}

/// The order of articles.csv's rows: indexes into `r.articles`.
pub(super) fn article_order(r: &Reports<'_>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..r.articles.len()).collect();
    order.sort_by_key(|&i| r.articles.id(i));
    order
}

fn articles_table<S: Sink>(r: &Reports<'_>, w: &mut S) -> Result<(), ReportError> {
    // Counts and scores are indexed by id: a scan of all findings per
    // article would be quadratic (minutes at 200,000 articles).
    let counts = r.counts;
    w.header(&[
        "article",
        "source",
        "date",
        "score",
        "grade",
        "errors",
        "top_finding",
        "warnings",
        "infos",
        "title",
        "judged_at",
        "date_origin",
        "words",
        "paragraphs",
        "duplicate_paragraphs",
        "boilerplate_paragraphs",
        "title_origin",
        "source_origin",
        "author",
        "author_origin",
        "url",
        "url_origin",
    ])?;
    for i in article_order(r) {
        let a = r.articles.get(i)?;
        let a = a.as_ref();
        let marks = r.marks.get(i).unwrap_or(&[]);
        let words: u32 = a
            .para_words
            .iter()
            .enumerate()
            .filter(|(j, _)| marks.get(*j).is_none_or(|m| m.is_content()))
            .map(|(_, w)| *w)
            .sum();
        let dups = marks
            .iter()
            .filter(|m| matches!(m, ParaMark::Duplicate | ParaMark::Syndicated))
            .count();
        let boiler = marks
            .iter()
            .filter(|m| **m == ParaMark::Boilerplate)
            .count();
        let count = |s: Severity| {
            Cell::Int(
                counts
                    .get(a.id.0 as usize)
                    .map_or(0, |c| c[s as usize])
                    .into(),
            )
        };
        let score = r.scores.get(a.id);
        w.row(&[
            Cell::Text(&a.key),
            Cell::Text(&a.source),
            own_date(a),
            score.map_or(Cell::Empty, |s| Cell::Num(s.score, 1)),
            score.map_or(Cell::Empty, |s| Cell::Code(s.grade)),
            count(Severity::Error),
            Cell::Text(score.map_or("", |s| s.top_finding)),
            count(Severity::Warning),
            count(Severity::Info),
            Cell::Text(&a.title),
            Cell::Date(a.date),
            Cell::Code(a.date_origin.as_str()),
            Cell::Int(words.into()),
            Cell::Int(a.para_words.len() as i64),
            Cell::Int(dups as i64),
            Cell::Int(boiler as i64),
            Cell::Code(a.origins.title.as_str()),
            Cell::Code(a.origins.source.as_str()),
            Cell::Text(&a.author),
            Cell::Code(a.origins.author.as_str()),
            Cell::Text(&a.url),
            Cell::Code(a.origins.url.as_str()),
        ])?;
    }
    Ok(())
}

/// The article's own date; blank when it has none (it was judged at
/// `--as-of` or the run date, which `judged_at` shows).
fn own_date(a: &crate::model::ArticleSummary) -> Cell<'static> {
    match a.date_origin {
        DateOrigin::AsOf | DateOrigin::RunDate => Cell::Empty,
        _ => Cell::Date(a.date),
    }
}

/// Indexes into `r.articles`, worst first: lowest score, then most errors,
/// then most warnings, then id (the order of articles.csv, findings.csv and
/// the review page).
pub(super) fn review_order(r: &Reports<'_>) -> Vec<usize> {
    let counts = r.counts;
    let key = |i: usize| {
        let id = r.articles.id(i);
        let c = counts.get(id.0 as usize).copied().unwrap_or_default();
        let score = r.scores.get(id).map_or(100.0, |s| s.score);
        (score, std::cmp::Reverse(c[0]), std::cmp::Reverse(c[1]))
    };
    let mut order = article_order(r);
    order.sort_by(|&a, &b| {
        let (ka, kb) = (key(a), key(b));
        ka.0.total_cmp(&kb.0).then((ka.1, ka.2).cmp(&(kb.1, kb.2)))
    });
    order
}

/// Rank of each article id in review order (failed inputs, which have no
/// article, rank first: an unreadable file is the first thing to see).
fn review_rank(r: &Reports<'_>) -> Vec<usize> {
    let mut rank = vec![0usize; r.keys.len()];
    for (n, i) in review_order(r).into_iter().enumerate() {
        if let Some(slot) = rank.get_mut(r.articles.id(i).0 as usize) {
            *slot = n + 1;
        }
    }
    rank
}

/// A 1-based number cell, or empty.
fn opt_int(n: Option<u32>) -> Cell<'static> {
    n.map_or(Cell::Empty, |n| Cell::Int(n.into()))
}

/// findings.csv: the findings of no article (unreadable inputs) first,
/// then each article's in review order, each article's by severity,
/// paragraph, line, kind and text.
fn findings_table<S: Sink>(r: &Reports<'_>, w: &mut S) -> Result<(), ReportError> {
    let rank = review_rank(r);
    let rank_of = |f: &Finding| rank.get(f.article.0 as usize).copied().unwrap_or(0);
    w.header(&[
        "article",
        "source",
        "severity",
        "kind",
        "message",
        "expected",
        "mention",
        "evidence",
        "paragraph",
        "line",
        "title",
        "date",
        "score",
        "grade",
    ])?;
    let mut others: Vec<&Finding> = r.findings.iter().collect();
    others.sort_by(|a, b| rank_of(a).cmp(&rank_of(b)).then(finding_order(a, b)));
    for f in others {
        finding_row(r, w, f, None)?;
    }
    for i in review_order(r) {
        let a = r.articles.get(i)?;
        let mut fs: Vec<&Finding> = a.findings.iter().collect();
        fs.sort_by(|x, y| finding_order(x, y));
        for f in fs {
            finding_row(r, w, f, Some(&a))?;
        }
    }
    Ok(())
}

/// The order of one article's rows in findings.csv.
fn finding_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    (
        a.article,
        a.severity,
        a.paragraph,
        a.line,
        a.kind,
        &a.mention,
        &a.message,
        &a.expected,
        &a.evidence,
    )
        .cmp(&(
            b.article,
            b.severity,
            b.paragraph,
            b.line,
            b.kind,
            &b.mention,
            &b.message,
            &b.expected,
            &b.evidence,
        ))
}

/// One row of findings.csv: the finding with its article (`a`, if it is
/// one) and score.
fn finding_row<S: Sink>(
    r: &Reports<'_>,
    w: &mut S,
    f: &Finding,
    a: Option<&crate::model::ArticleSummary>,
) -> Result<(), ReportError> {
    let score = r.scores.get(f.article);
    w.row(&[
        article_cell(r, f.article),
        Cell::Text(a.map_or("", |a| a.source.as_str())),
        Cell::Severity(f.severity),
        Cell::Code(f.kind.as_str()),
        Cell::Text(&f.message),
        Cell::Text(&f.expected),
        Cell::Text(&f.mention),
        Cell::Text(&f.evidence),
        opt_int(f.paragraph.map(|p| p.number())),
        opt_int(f.line),
        Cell::Text(a.map_or("", |a| a.title.as_str())),
        a.map_or(Cell::Empty, own_date),
        score.map_or(Cell::Empty, |s| Cell::Num(s.score, 1)),
        score.map_or(Cell::Empty, |s| Cell::Code(s.grade)),
    ])
}

fn duplicates_table<S: Sink>(r: &Reports<'_>, w: &mut S) -> Result<(), ReportError> {
    w.header(&[
        "group",
        "article",
        "paragraph",
        "line",
        "kind",
        "similarity",
        "first_article",
        "first_paragraph",
        "text",
    ])?;
    for part in 0..r.duplicates.parts() {
        for d in r.duplicates.part(part)? {
            duplicate_row(r, &d, w)?;
        }
    }
    Ok(())
}

fn duplicate_row<S: Sink>(r: &Reports<'_>, d: &DuplicateRow, w: &mut S) -> Result<(), ReportError> {
    let text = cut(&d.text, 200);
    w.row(&[
        Cell::Int(d.group as i64),
        article_cell(r, d.article),
        Cell::Int(d.paragraph.number().into()),
        Cell::Int(d.line.into()),
        Cell::Code(d.kind.as_str()),
        Cell::Num(d.similarity, 3),
        article_cell(r, d.first_article),
        Cell::Int(d.first_paragraph.number().into()),
        Cell::Text(&text),
    ])
}

fn claims_table<S: Sink>(r: &Reports<'_>, w: &mut S) -> Result<(), ReportError> {
    w.header(&[
        "claim",
        "article",
        "paragraph",
        "mention",
        "value",
        "unit",
        "consensus",
        "support",
        "agrees",
        "reference",
    ])?;
    for i in 0..r.claims.parts() {
        for c in &r.claims.part(i)? {
            claim_row(r, c, w)?;
        }
    }
    Ok(())
}

fn claim_row<S: Sink>(r: &Reports<'_>, c: &ClaimRow, w: &mut S) -> Result<(), ReportError> {
    w.row(&[
        Cell::Text(&c.claim),
        article_cell(r, c.article),
        Cell::Int(c.paragraph.number().into()),
        Cell::Text(&c.mention),
        Cell::Num(c.value, 6),
        Cell::Text(&c.unit),
        c.consensus.map_or(Cell::Empty, |v| Cell::Num(v, 6)),
        Cell::Num(c.support, 3),
        // No consensus or reference: no verdict either way.
        Cell::Code(match (c.consensus, c.agrees) {
            (None, _) => "",
            (Some(_), true) => "yes",
            (Some(_), false) => "no",
        }),
        Cell::Text(&c.reference),
    ])
}

fn sources_table<S: Sink>(r: &Reports<'_>, w: &mut S) -> Result<(), ReportError> {
    let mut ss: Vec<&SourceRow> = r.sources.iter().collect();
    ss.sort_by(|a, b| a.source.cmp(&b.source));
    w.header(&[
        "source",
        "articles",
        "mean_score",
        "min_score",
        "errors",
        "warnings",
        "trust",
        "worst_article",
    ])?;
    for s in ss {
        w.row(&[
            Cell::Text(&s.source),
            Cell::Int(s.articles as i64),
            Cell::Num(s.mean_score, 1),
            Cell::Num(s.min_score, 1),
            Cell::Int(s.errors as i64),
            Cell::Int(s.warnings as i64),
            s.trust.map_or(Cell::Empty, |t| Cell::Num(t, 3)),
            Cell::Article(&s.worst_article, s.worst_id),
        ])?;
    }
    Ok(())
}

/// mentions.csv: every recognised title + name mention, in the article
/// order of articles.csv, then by paragraph, then in text order (the order
/// given: the sort is stable).
fn mentions_table<S: Sink>(r: &Reports<'_>, w: &mut S) -> Result<(), ReportError> {
    w.header(&[
        "article",
        "paragraph",
        "line",
        "mention",
        "person",
        "role",
        "jurisdiction",
        "verdict",
        "reason",
    ])?;
    for i in article_order(r) {
        let a = r.articles.get(i)?;
        let mut ms: Vec<&MentionRow> = a.mentions.iter().collect();
        ms.sort_by_key(|m| (m.article, m.paragraph));
        for m in ms {
            mention_row(r, w, m)?;
        }
    }
    Ok(())
}

/// One row of mentions.csv.
fn mention_row<S: Sink>(r: &Reports<'_>, w: &mut S, m: &MentionRow) -> Result<(), ReportError> {
    w.row(&[
        article_cell(r, m.article),
        Cell::Int(m.paragraph.number().into()),
        Cell::Int(m.line.into()),
        Cell::Text(&m.mention),
        Cell::Text(&m.person),
        Cell::Text(&m.role),
        Cell::Text(&m.jurisdiction),
        Cell::Code(m.verdict.as_str()),
        Cell::Text(&m.reason),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleScore, Keys, Scores};

    static NO_ARTICLES: Vec<crate::model::ArticleSummary> = Vec::new();
    pub(super) static NO_ROWS: Vec<crate::model::DuplicateRow> = Vec::new();
    pub(super) static NO_CLAIMS: Vec<ClaimRow> = Vec::new();
    pub(super) static NO_SCORES: Scores = Scores::new();

    fn reports<'a>(findings: &'a [Finding], scores: &'a Scores, keys: &'a Keys) -> Reports<'a> {
        Reports {
            articles: &NO_ARTICLES,
            marks: &crate::report::tests::NO_MARKS,
            scores,
            findings,
            counts: &[],
            duplicates: &NO_ROWS,
            claims: &NO_CLAIMS,
            sources: &[],
            keys,
            texts: &[],
        }
    }

    #[test]
    fn findings_are_counted_per_article_and_severity() {
        use crate::model::FindingKind;
        let keys = ["a", "b"];
        let mut info = Finding::new(ArticleId(1), FindingKind::WrongOfficeholder);
        info.severity = Severity::Info;
        let findings = [
            Finding::new(ArticleId(1), FindingKind::WrongOfficeholder),
            info,
            // Ids past the keys are ignored.
            Finding::new(ArticleId(5), FindingKind::WrongOfficeholder),
        ];
        let wrong = Finding::new(ArticleId(0), FindingKind::WrongOfficeholder).severity as usize;
        let mut counts = vec![[0; 3]; keys.len()];
        crate::report::count_severities(&mut counts, &findings);
        assert_eq!(counts.len(), 2);
        assert_eq!(counts[0], [0, 0, 0]);
        assert_eq!(counts[1][wrong], 1);
        assert_eq!(counts[1][Severity::Info as usize], 1);
        assert_eq!(counts[1].iter().sum::<u32>(), 2);
    }

    #[test]
    fn findings_show_the_score_and_grade_of_their_article_by_id() {
        use crate::model::FindingKind;
        let keys: Keys = ["a", "b", "c"].iter().collect();
        let score = |id: u32, v: f64, grade: &str| ArticleScore {
            article: ArticleId(id),
            score: v,
            grade: grade.into(),
            top_finding: String::new(),
        };
        let scores: Scores = [score(2, 50.5, "C"), score(0, 10.0, "F")].iter().collect();
        let findings = [
            Finding::new(ArticleId(2), FindingKind::InputError),
            Finding::new(ArticleId(1), FindingKind::InputError),
        ];
        let table = render_table(&reports(&findings, &scores, &keys), 1, Vec::new()).unwrap();
        let mut rdr = csv::Reader::from_reader(table.as_slice());
        let got: Vec<(String, String, String)> = rdr
            .records()
            .map(|r| {
                let r = r.unwrap();
                (r[0].to_string(), r[12].to_string(), r[13].to_string())
            })
            .collect();
        let row = |k: &str, s: &str, g: &str| (k.to_string(), s.to_string(), g.to_string());
        assert_eq!(got, vec![row("b", "", ""), row("c", "50.5", "C")]);
    }

    #[test]
    fn empty_reports_have_headers() {
        let keys = Keys::default();
        let r = reports(&[], &NO_SCORES, &keys);
        let t = render(&r).unwrap();
        assert_eq!(t.len(), 6);
        assert!(String::from_utf8_lossy(&t[1]).starts_with("article,source,severity,kind,message"));
    }
}

#[cfg(test)]
mod mention_tests {
    use super::*;
    use crate::model::{ArticleSummary, FindingKind, Keys, MentionVerdict, ParaIdx};

    fn mention(article: u32, paragraph: u32, name: &str, verdict: MentionVerdict) -> MentionRow {
        MentionRow {
            article: ArticleId(article),
            paragraph: ParaIdx(paragraph),
            line: paragraph + 10,
            mention: name.into(),
            person: String::new(),
            role: String::new(),
            jurisdiction: String::new(),
            verdict,
            reason: String::new(),
        }
    }

    #[test]
    fn mentions_are_sorted_by_article_then_paragraph_keeping_text_order() {
        let keys: Keys = ["b.txt", "a.txt"].iter().collect();
        let wrong = MentionVerdict::Found(FindingKind::WrongOfficeholder);
        let mut last = mention(0, 2, "=Chancellor X", MentionVerdict::Unchecked);
        last.reason = "in boilerplate".into();
        last.person = "Some One".into();
        last.role = "de_chancellor".into();
        last.jurisdiction = "germany".into();
        let mut b = ArticleSummary::bare(ArticleId(0), "b.txt");
        b.mentions = vec![
            last,
            mention(0, 0, "PM Y", wrong),
            mention(0, 0, "PM A", MentionVerdict::Ok),
        ];
        let mut a = ArticleSummary::bare(ArticleId(1), "a.txt");
        a.mentions = vec![mention(1, 0, "PM Z", MentionVerdict::Ok)];
        // Records in any order: the table is in id order.
        let articles = vec![a, b];
        let r = Reports {
            articles: &articles,
            marks: &crate::report::tests::NO_MARKS,
            scores: &tests::NO_SCORES,
            findings: &[],
            counts: &[],
            duplicates: &tests::NO_ROWS,
            claims: &tests::NO_CLAIMS,
            sources: &[],
            keys: &keys,
            texts: &[],
        };
        let table = render_table(&r, 5, Vec::new()).unwrap();
        let text = String::from_utf8(table).unwrap();
        assert_eq!(
            text,
            "article,paragraph,line,mention,person,role,jurisdiction,verdict,reason\r\n\
             b.txt,1,10,PM Y,,,,wrong_officeholder,\r\n\
             b.txt,1,10,PM A,,,,ok,\r\n\
             b.txt,3,12,'=Chancellor X,Some One,de_chancellor,germany,unchecked,in boilerplate\r\n\
             a.txt,1,10,PM Z,,,,ok,\r\n"
        );
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use crate::model::{Finding, FindingKind, Keys};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn cells_never_start_with_a_trigger_and_round_trip(
            mention in "\\PC{0,40}|[=+@\t\r-].{0,10}",
            message in "(\\PC|[\r\n\t\",])*",
        ) {
            let f = Finding::new(ArticleId(0), FindingKind::WrongOfficeholder)
                .mention(mention.clone())
                .message(message.clone());
            let keys: Keys = ["a.txt"].iter().collect();
            let findings = [f];
            let r = Reports {
                articles: &Vec::new(), marks: &crate::report::tests::NO_MARKS, scores: &super::tests::NO_SCORES, findings: &findings, counts: &[],
                duplicates: &super::tests::NO_ROWS, claims: &super::tests::NO_CLAIMS, sources: &[], keys: &keys, texts: &[],
            };
            let tables = render(&r).unwrap();
            let mut rdr = csv::Reader::from_reader(tables[1].as_slice());
            let rec = rdr.records().next().unwrap().unwrap();
            for cell in rec.iter() {
                prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']));
            }
            // Round trip: what the reader sees is the text, or the text
            // behind the neutralising quote.
            for (cell, orig) in [(&rec[6], &mention), (&rec[4], &message)] {
                let back = cell.strip_prefix('\'').filter(|_| orig.starts_with(['=', '+', '-', '@', '\t', '\r'])).unwrap_or(cell);
                prop_assert_eq!(back, orig.as_str());
            }
        }
    }
}
