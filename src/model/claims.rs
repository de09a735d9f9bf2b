//! Quantities stated by articles and the rows of claims.csv.

use super::{ArticleId, Finding, ParaIdx};
use serde::{Deserialize, Serialize};

/// One quantity stated by an article, found by `claims::extract`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub article: ArticleId,
    pub paragraph: ParaIdx,
    pub line: u32,
    /// The text as written, e.g. "$55 billion".
    pub mention: String,
    pub value: f64,
    /// Normalised unit: ISO currency code (`USD`, `JPY`, `EUR`, `GBP`), `%`,
    /// or empty for a plain number.
    pub unit: String,
    /// Content words of the noun phrase around the amount, normalised
    /// (e.g. ["investment", "package"]), used to group claims.
    pub key: Vec<String>,
    /// Words of that phrase written with a capital (names of places,
    /// countries, companies: ["rockmouth"], ["japan"]), normalised like the
    /// key: claims about different named things are not compared.
    pub entities: Vec<String>,
}

/// One row of claims.csv.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimRow {
    pub claim: String,
    pub article: ArticleId,
    pub paragraph: ParaIdx,
    pub mention: String,
    pub value: f64,
    pub unit: String,
    pub consensus: Option<f64>,
    pub support: f64,
    pub agrees: bool,
    pub reference: String,
}

/// Result of comparing claims across the corpus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClaimsOutcome {
    pub rows: Vec<ClaimRow>,
    pub findings: Vec<Finding>,
    /// Trust per source (0..1), sorted by source name.
    pub trust: Vec<(String, f64)>,
}
