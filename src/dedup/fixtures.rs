//! Test fixtures shared by the dedup unit tests: sample paragraphs, articles
//! and their summaries, a link run over them.

use super::{fingerprint, link, DedupConfig, BANDS};
use crate::model::{
    Article, ArticleId, ArticlePrints, ArticleSummary, Date, DedupOutcome, Finding, FindingKind,
    PairMemo, ParaIdx, ParaMark, ParaPrint,
};
use crate::segment::article_from_text;

pub(super) const A1: &str = "The city council voted seven to two on Tuesday to approve a new budget that raises spending on public transit by twelve percent.";
pub(super) const A1_REWORDED: &str = "The city council voted seven to two on Tuesday to pass a new budget which lifts spending on public transport by twelve per cent.";
pub(super) const B1: &str = "Heavy rain caused flooding across the northern province over the weekend, forcing more than three thousand residents to leave their homes.";
pub(super) const C1: &str = "Scientists at the university have developed a battery that can be charged in under ten minutes and keeps most of its capacity.";
pub(super) const BIO: &str = "Jane Roe writes about regional transport and city budgets, and has covered local government for more than a decade for several newspapers.";

pub(super) fn date(d: &str) -> Date {
    Date::parse_iso(d).unwrap()
}

/// Article `id` (key `a{id}.txt`, dated 2026-01-10) of `text`.
pub(super) fn art(id: u32, text: &str) -> Article {
    article_from_text(id, &format!("a{id}.txt"), text, date("2026-01-10"))
}

/// What the per-article pass keeps of `a`, fingerprinted with the defaults.
pub(super) fn summary(a: &Article) -> ArticleSummary {
    ArticleSummary {
        id: a.id,
        key: a.key.clone(),
        path: a.path.clone(),
        first_line: 1,
        title: String::new(),
        source: a.source.clone(),
        author: a.author.clone(),
        url: String::new(),
        date: a.date,
        date_origin: a.date_origin,
        origins: Default::default(),
        content_hash: a.content_hash,
        para_words: a.paragraphs.iter().map(|p| p.words).collect(),
        para_lines: a.paragraphs.iter().map(|p| p.line).collect(),
        prints: fingerprint(a, &DedupConfig::default()),
        findings: Vec::new(),
        claims: Vec::new(),
        mentions: Vec::new(),
    }
}

/// Re-reads `arts` by id, as the pipeline's loader does.
pub(super) fn loader(
    arts: &[Article],
) -> impl Fn(&[ArticleId]) -> Vec<Option<Article>> + Sync + '_ {
    move |ids: &[ArticleId]| -> Vec<Option<Article>> {
        ids.iter()
            .map(|id| arts.iter().find(|a| a.id == *id).cloned())
            .collect()
    }
}

/// The cross-article link over `arts` with the defaults, scratch in memory.
pub(super) fn run_link(arts: &[Article]) -> DedupOutcome {
    let sums: Vec<ArticleSummary> = arts.iter().map(summary).collect();
    link(
        &crate::model::LinkInput::of(&sums),
        &DedupConfig::default(),
        &loader(arts),
        &mut Vec::new(),
        &mut PairMemo::default(),
    )
}

/// (article, kind, paragraph number) of each finding.
pub(super) fn kinds(fs: &[Finding]) -> Vec<(u32, FindingKind, Option<u32>)> {
    fs.iter()
        .map(|f| (f.article.0, f.kind, f.paragraph.map(|p| p.number())))
        .collect()
}

/// A hand-made print of paragraph `para` (line `para + 1`).
pub(super) fn print(
    para: u32,
    exact: u64,
    words: u32,
    minhash: &[u32],
    title_like: bool,
) -> ParaPrint {
    ParaPrint {
        para: ParaIdx(para),
        line: para + 1,
        words,
        exact,
        minhash: minhash.into(),
        title_like,
    }
}

/// The summary of article `id` (key `a{id}.txt`) with hand-made prints, all
/// content, nothing found by the per-article pass.
pub(super) fn summary_of(id: u32, prints: Vec<ParaPrint>) -> ArticleSummary {
    let mut s = summary(&art(id, "Placeholder text."));
    s.content_hash = 1000 + u64::from(id);
    s.prints = ArticlePrints {
        marks: vec![ParaMark::Content; prints.len()],
        prints,
        findings: Vec::new(),
        rows: Vec::new(),
    };
    s
}

/// Band keys `base + b` for band `b`.
pub(super) fn keys(base: u32) -> Vec<u32> {
    (0..BANDS as u32).map(|b| base + b).collect()
}
