//! An article as read and segmented, and an input that could not be read.

use super::{ArticleId, Date, DateOrigin, Finding, ParaIdx};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Metadata found for one article, before precedence is applied.
/// Empty strings mean "not given".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub title: String,
    pub date: String,
    pub source: String,
    pub author: String,
    pub url: String,
    /// Where each non-empty value was found in the file.
    pub origins: Origins,
}

impl Meta {
    /// Gives every non-blank value without an origin yet the origin `origin`
    /// (all fields of a JSONL record or a front matter come from one place).
    pub fn found_in(mut self, origin: MetaOrigin) -> Meta {
        let o = &mut self.origins;
        for (value, slot) in [
            (&self.title, &mut o.title),
            (&self.source, &mut o.source),
            (&self.author, &mut o.author),
            (&self.url, &mut o.url),
        ] {
            if !value.trim().is_empty() && *slot == MetaOrigin::None {
                *slot = origin;
            }
        }
        self
    }
}

/// Where one metadata value came from (articles.csv's `*_origin` columns).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MetaOrigin {
    /// No value anywhere (an empty author or URL, the source `unknown`).
    #[default]
    None,
    /// The folder's `manifest.csv`.
    Manifest,
    /// Markdown front matter.
    FrontMatter,
    /// A field of the JSONL record.
    Jsonl,
    /// HTML `<meta property="og:title">`.
    OgTitle,
    /// HTML JSON-LD (`headline`, `author`, `publisher`, `url`).
    JsonLd,
    /// HTML `<title>`.
    TitleTag,
    /// HTML `<h1>`.
    H1,
    /// The headline line of the text (page furniture before it skipped).
    Headline,
    /// The first line of the text.
    FirstLine,
    /// The file's name.
    FileName,
    /// HTML `<meta name="author">`.
    MetaAuthor,
    /// HTML `<meta property="article:author">`.
    ArticleAuthor,
    /// A byline on the page or in the text's first lines ("By Ann Lee").
    Byline,
    /// HTML `<meta property="og:site_name">`.
    OgSiteName,
    /// The host of the article's URL.
    Host,
    /// The first folder under the INPUT.
    Folder,
    /// HTML `<link rel="canonical">`.
    Canonical,
    /// HTML `<meta property="og:url">`.
    OgUrl,
}

impl MetaOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            MetaOrigin::None => "none",
            MetaOrigin::Manifest => "manifest",
            MetaOrigin::FrontMatter => "front_matter",
            MetaOrigin::Jsonl => "jsonl",
            MetaOrigin::OgTitle => "og_title",
            MetaOrigin::JsonLd => "json_ld",
            MetaOrigin::TitleTag => "title_tag",
            MetaOrigin::H1 => "h1",
            MetaOrigin::Headline => "headline",
            MetaOrigin::FirstLine => "first_line",
            MetaOrigin::FileName => "file_name",
            MetaOrigin::MetaAuthor => "meta_author",
            MetaOrigin::ArticleAuthor => "article_author",
            MetaOrigin::Byline => "byline",
            MetaOrigin::OgSiteName => "og_site_name",
            MetaOrigin::Host => "host",
            MetaOrigin::Folder => "folder",
            MetaOrigin::Canonical => "canonical",
            MetaOrigin::OgUrl => "og_url",
        }
    }
}

/// Where an article's title, source, author and URL came from (the date's
/// origin is a [`super::DateOrigin`]).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Origins {
    pub title: MetaOrigin,
    pub source: MetaOrigin,
    pub author: MetaOrigin,
    pub url: MetaOrigin,
}

/// The article formats, by file extension.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Jsonl,
}

impl Format {
    /// The format for a path, by extension (case-insensitive).
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }
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
    /// Byte range of each of those words, absolute in [`Article::text`],
    /// in order: the paragraph tokenised once for the stages that read its
    /// words. Empty when only outlined; never serialised.
    #[serde(skip)]
    pub word_spans: Vec<(u32, u32)>,
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
    /// The format it was read from: an HTML page's text is what the HTML
    /// reader kept of the page (its story, link lists and furniture dropped).
    pub format: Format,
    pub title: String,
    pub source: String,
    pub author: String,
    pub url: String,
    pub date: Date,
    pub date_origin: DateOrigin,
    /// Where the title, source, author and URL came from.
    pub origins: Origins,
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
