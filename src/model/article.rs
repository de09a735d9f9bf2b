//! An article as read and segmented, and an input that could not be read.

use super::{ArticleId, Date, DateOrigin, Finding, ParaIdx};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Metadata found for one article, before precedence is applied.
/// Empty strings mean "not given".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub title: String,
    pub date: String,
    pub source: String,
    pub author: String,
    pub url: String,
}

/// One paragraph of an article: a byte range into [`Article::text`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub idx: ParaIdx,
    /// 1-based line in the source file where the paragraph starts
    /// (for JSONL, the record's line).
    pub line: u32,
    pub start: u32,
    pub end: u32,
    /// A heading (markdown `#`, HTML `<h1>`..`<h6>`, or a short title-like line).
    pub heading: bool,
    /// Sentence byte ranges, absolute in [`Article::text`].
    pub sentences: Vec<(u32, u32)>,
    /// Number of words (unicode word boundaries, alphanumeric).
    pub words: u32,
}

/// One ingested article. Text is NFC, LF line endings, no BOM.
/// `paragraphs` is empty until `segment` fills it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Article {
    pub id: ArticleId,
    /// The article id shown in reports: path relative to its input root
    /// (`/` separators), plus `#<id>` or `#L<line>` for JSONL records.
    pub key: String,
    pub path: PathBuf,
    /// 1-based line of a JSONL record; 1 for whole-file articles.
    pub first_line: u32,
    pub title: String,
    pub source: String,
    pub author: String,
    pub url: String,
    pub date: Date,
    pub date_origin: DateOrigin,
    pub text: String,
    /// Number of lines that precede the text in the file (front matter), so
    /// paragraph lines can be reported as file lines.
    pub line_offset: u32,
    /// File line of each text line when lines are not contiguous (HTML
    /// blocks, JSONL records); empty means `first_line + line_offset + i`.
    /// An index past the end uses the last entry.
    pub line_map: Vec<u32>,
    pub paragraphs: Vec<Paragraph>,
    /// Hash of the raw file bytes (or record bytes): the incremental cache key.
    pub content_hash: u64,
    /// Findings raised while reading (encoding repaired, date unknown, ...).
    pub notes: Vec<Finding>,
}

impl Article {
    /// The text of one paragraph.
    pub fn para_text(&self, p: &Paragraph) -> &str {
        &self.text[p.start as usize..p.end as usize]
    }
}

/// An input that could not become an article: reported as `input_error`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputFailure {
    pub id: ArticleId,
    pub key: String,
    pub path: PathBuf,
    pub line: Option<u32>,
    pub reason: String,
}
