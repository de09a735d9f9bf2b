//! Fixtures for the claims unit tests.

use super::extract;
use crate::model::{
    ArticleId, ArticlePrints, ArticleSummary, ClaimsInput, Date, DateOrigin, Finding, FindingKind,
};
use crate::rules::Rules;
use crate::segment::article_from_text;

pub(super) fn date() -> Date {
    Date::new(2026, 2, 12).unwrap()
}

/// The claims input of [`full_summary`].
pub(super) fn summary(id: u32, source: &str, text: &str, findings: &[FindingKind]) -> ClaimsInput {
    super::claims_input(&full_summary(id, source, text, findings))
}

/// An article summary of `text` with its claims and one finding per kind.
pub(super) fn full_summary(
    id: u32,
    source: &str,
    text: &str,
    findings: &[FindingKind],
) -> ArticleSummary {
    let a = article_from_text(id, &format!("{id:03}.txt"), text, date());
    let claims = extract(&a, &[]);
    ArticleSummary {
        id: ArticleId(id),
        key: a.key.clone(),
        path: a.path.clone(),
        first_line: 1,
        title: String::new(),
        source: source.into(),
        author: String::new(),
        url: String::new(),
        date: date(),
        date_origin: DateOrigin::AsOf,
        origins: Default::default(),
        content_hash: 0,
        para_words: a.paragraphs.iter().map(|p| p.words).collect(),
        para_lines: a.paragraphs.iter().map(|p| p.line).collect(),
        prints: ArticlePrints::default(),
        findings: findings
            .iter()
            .map(|&k| Finding::new(ArticleId(id), k).mention("Some One"))
            .collect(),
        claims,
        mentions: Vec::new(),
    }
}

/// Rules with the bundled jurisdictions (they say Tokyo = Japan) and no facts.
pub(super) fn no_facts() -> Rules {
    facts("fact,value,unit,cues,note\n")
}

/// Rules with the bundled jurisdictions and the facts in `csv`.
pub(super) fn facts(csv: &str) -> Rules {
    let j = include_str!("../../rules/jurisdictions.csv");
    Rules::parse(Some(j), None, None, Some(csv), None, None).unwrap()
}
