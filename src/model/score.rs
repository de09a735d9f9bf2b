//! Scores of articles and sources.

use super::ArticleId;
use serde::{Deserialize, Serialize};

/// Score of one article, every point explained by a finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleScore {
    pub article: ArticleId,
    pub score: f64,
    pub grade: String,
    /// `kind: mention` of the finding that cost the most, empty if none did.
    pub top_finding: String,
}

/// One row of sources.csv.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceRow {
    pub source: String,
    pub articles: u32,
    pub mean_score: f64,
    pub min_score: f64,
    pub errors: u32,
    pub warnings: u32,
    pub trust: Option<f64>,
    pub worst_article: String,
}
