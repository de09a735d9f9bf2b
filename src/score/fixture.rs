//! Test fixture: articles from text, findings of one kind.

use crate::model::{Article, Date, Finding, FindingKind};
use crate::segment::article_from_text;

pub(super) fn article(text: &str) -> Article {
    article_from_text(0, "a.txt", text, Date::parse_iso("2026-02-12").unwrap())
}

pub(super) fn kinds(fs: &[Finding], k: FindingKind) -> Vec<&Finding> {
    fs.iter().filter(|f| f.kind == k).collect()
}
