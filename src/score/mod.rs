//! Scoring articles and sources, every point explained by a finding.
//!
//! In: an article's text and paragraph marks (for keyword stuffing and
//! machine-written tells), then every article's findings, the scoring and
//! grade tables and the claims stage's source trust. Out: `keyword_stuffing`
//! and `machine_tell` findings, one [`ArticleScore`] per article and one
//! [`SourceRow`] per source. Guarantees: the text checks look at content
//! paragraphs only and are pure; an article's score is exactly
//! `max(0, 100 − Σ_kind min(cap, points × count))` over its non-info findings
//! with the points and caps of `scoring.csv` (the README formula), so every
//! point lost is explained by a finding; nothing depends on hash order.
//!
//! Keyword stuffing: word n-grams (3–6 words, case-folded, possessive `'s`
//! dropped, never crossing a sentence) that start and end with a content word
//! are counted, without overlaps, with hashed tokens (no per-gram strings).
//! A phrase of n words is stuffed when it occurs at least
//! `STUFFING.min_count` times AND at least `index / (n − 2)` times per
//! 1,000 content words (4× that for proper-name phrases); the thresholds were
//! measured on real prose (see the README, "keyword_stuffing"). Of a phrase and its
//! sub-phrases, only the one covering the most repeated text is reported.
//!
//! Files: `tokens` reads the words stuffing counts; `stuffing` finds
//! repeated phrases and judges them; `tells` finds `tells.csv` phrases;
//! `points` turns findings into costs, scores, grades and source rows.
//! A new text check goes in its own file, called from [`inspect`]; a new
//! scoring rule belongs in `points`.
//!
//! [`ArticleScore`]: crate::model::ArticleScore
//! [`SourceRow`]: crate::model::SourceRow

mod points;
mod stuffing;
mod tells;
mod tokens;

#[cfg(test)]
mod fixture;

pub use points::{roll_up, score_article, SourceTally};
pub use tells::TellIndex;

use crate::model::{Article, Finding, ParaMark};

/// True for a content paragraph (paragraphs without a mark are content).
fn is_content(marks: &[ParaMark], i: usize) -> bool {
    marks.get(i).is_none_or(|m| m.is_content())
}

/// Per-article pass: keyword stuffing and machine-written tells over the
/// content paragraphs. Pure.
pub fn inspect(article: &Article, marks: &[ParaMark], index: &TellIndex) -> Vec<Finding> {
    let mut out = stuffing::stuffing(article, marks, &stuffing::STUFFING);
    out.extend(tells::tells(article, marks, index));
    out
}
