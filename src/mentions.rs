//! Checking names and roles against the officeholder table, at the article's date.
//!
//! In: a segmented article, its paragraph marks, and a [`NameIndex`] built
//! once from the rules. Out: findings (outdated_officeholder,
//! wrong_officeholder, misspelled_name, role_mismatch, name_variant).
//! Guarantees: pure and sequential per article; nothing about particular
//! people or countries lives here, only in the rules tables.

use crate::model::{Article, Finding, ParaMark};
use crate::rules::Rules;

/// Everything about the rules the per-article check needs, built once.
#[derive(Debug, Default)]
pub struct NameIndex {}

impl NameIndex {
    pub fn new(rules: &Rules) -> NameIndex {
        let _ = rules;
        NameIndex {}
    }
}

/// Finds role+name mentions in the article's content paragraphs and judges them.
pub fn check(article: &Article, marks: &[ParaMark], index: &NameIndex) -> Vec<Finding> {
    let _ = (article, marks, index);
    Vec::new()
}
