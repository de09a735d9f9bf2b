//! `credence text`: what credence read from each article, paragraph by
//! paragraph, and what it made of each paragraph.
//!
//! In: INPUT paths (any format) and the ingest settings. Out: one
//! [`ReadArticle`] per article (id, title, date and its origin, paragraphs
//! marked content, heading, boilerplate or duplicate), or the reason an input
//! could not be read, written as text or JSON lines.
//! Guarantees: the paragraphs and marks are the ones a `score` run uses
//! (ingest, `segment`, then `dedup::fingerprint`'s per-article marks); the
//! output is in discovery order whatever the thread count.
//!
//! Method: [`read_article`] segments one article and asks dedup's
//! per-article pass for its marks; [`text`] does that for every input in
//! batches (rayon inside a batch, printed in order) and prints each.
//! "duplicate" is a repeat inside the article; cross-article copies need the
//! whole run (`score` reports them in duplicates.csv).

use crate::dedup::{fingerprint, DedupConfig};
use crate::ingest::{self, Entry, IngestConfig, IngestError};
use crate::model::{Article, InputFailure, ParaMark};
use crate::segment::segment;
use rayon::prelude::*;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// What credence made of one paragraph.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParaKind {
    Content,
    Heading,
    Boilerplate,
    Duplicate,
}

impl ParaKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ParaKind::Content => "content",
            ParaKind::Heading => "heading",
            ParaKind::Boilerplate => "boilerplate",
            ParaKind::Duplicate => "duplicate",
        }
    }
}

/// One paragraph as read.
#[derive(Clone, Debug, Serialize)]
pub struct ReadParagraph {
    pub text: String,
    pub kind: ParaKind,
}

/// One article as read: the `--json` line of `credence text`.
#[derive(Clone, Debug, Serialize)]
pub struct ReadArticle {
    pub article: String,
    pub title: String,
    pub date: String,
    pub date_origin: String,
    pub title_origin: &'static str,
    pub source: String,
    pub source_origin: &'static str,
    pub author: String,
    pub author_origin: &'static str,
    pub url: String,
    pub url_origin: &'static str,
    pub paragraphs: Vec<ReadParagraph>,
}

impl ReadArticle {
    /// The paragraphs a `score` run checks (content and headings), joined
    /// by blank lines.
    pub fn content_text(&self) -> String {
        let kept: Vec<&str> = self
            .paragraphs
            .iter()
            .filter(|p| matches!(p.kind, ParaKind::Content | ParaKind::Heading))
            .map(|p| p.text.as_str())
            .collect();
        kept.join("\n\n")
    }
}

/// Counts of what `credence text` printed.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct TextCounts {
    pub articles: usize,
    pub failures: usize,
}

/// Segments one article and marks each paragraph the way dedup's
/// per-article pass does (repeats inside the article, structural and
/// furniture boilerplate); headings that are content are `heading`.
pub fn read_article(mut article: Article, near_dup: f64) -> ReadArticle {
    segment(&mut article);
    let prints = fingerprint(&article, &DedupConfig { near_dup });
    let paragraphs = article
        .paragraphs
        .iter()
        .zip(&prints.marks)
        .map(|(p, mark)| ReadParagraph {
            text: article.para_text(p).to_string(),
            kind: kind_of(*mark, p.heading),
        })
        .collect();
    ReadArticle {
        article: article.key,
        title: article.title,
        date: article.date.to_string(),
        date_origin: article.date_origin.as_str().to_string(),
        title_origin: article.origins.title.as_str(),
        source: article.source,
        source_origin: article.origins.source.as_str(),
        author: article.author,
        author_origin: article.origins.author.as_str(),
        url: article.url,
        url_origin: article.origins.url.as_str(),
        paragraphs,
    }
}

/// The kind shown for a paragraph with dedup's `mark`.
fn kind_of(mark: ParaMark, heading: bool) -> ParaKind {
    match mark {
        ParaMark::Content if heading => ParaKind::Heading,
        ParaMark::Content => ParaKind::Content,
        ParaMark::Duplicate | ParaMark::Syndicated => ParaKind::Duplicate,
        ParaMark::Boilerplate => ParaKind::Boilerplate,
    }
}

/// Entries read per batch: bounds memory on big inputs.
const BATCH: usize = 256;

/// Reads every input and writes each article (or failure) to `out`, as
/// text or as JSON lines, in discovery order.
pub fn text(
    inputs: &[PathBuf],
    cfg: &IngestConfig,
    json: bool,
    out: &mut dyn Write,
) -> Result<TextCounts, TextError> {
    let discovery = ingest::discover(inputs)?;
    let near_dup = DedupConfig::default().near_dup;
    let mut counts = TextCounts::default();
    let entries = &discovery.entries;
    for start in (0..entries.len()).step_by(BATCH) {
        let loaded: Vec<(Vec<ReadArticle>, Vec<InputFailure>)> = (start
            ..(start + BATCH).min(entries.len()))
            .into_par_iter()
            .map(|e| read_entry(&entries.get(e), cfg, near_dup))
            .collect();
        for (articles, failures) in loaded {
            for a in &articles {
                write_article(a, json, out)?;
            }
            for f in &failures {
                write_failure(f, json, out)?;
            }
            counts.articles += articles.len();
            counts.failures += failures.len();
        }
    }
    Ok(counts)
}

/// Why `credence text` stopped.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    #[error(transparent)]
    Input(#[from] IngestError),
    #[error("cannot write the output: {0}")]
    Write(#[from] std::io::Error),
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The articles and failures of one entry.
fn read_entry(
    entry: &Entry,
    cfg: &IngestConfig,
    near_dup: f64,
) -> (Vec<ReadArticle>, Vec<InputFailure>) {
    let loaded = ingest::load(entry, cfg);
    let articles = loaded
        .articles
        .into_iter()
        .map(|a| read_article(a, near_dup))
        .collect();
    (articles, loaded.failures)
}

/// One article: a JSON line, or a header line and one line per paragraph
/// (`kind<TAB>text`, line breaks inside a paragraph shown as `⏎`).
fn write_article(a: &ReadArticle, json: bool, out: &mut dyn Write) -> Result<(), TextError> {
    if json {
        serde_json::to_writer(&mut *out, a)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(
        out,
        "== {} | {} | {} ({})",
        a.article, a.title, a.date, a.date_origin
    )?;
    writeln!(out, "{}", origins_line(a))?;
    for p in &a.paragraphs {
        writeln!(out, "{}\t{}", p.kind.as_str(), p.text.replace('\n', " ⏎ "))?;
    }
    writeln!(out)?;
    Ok(())
}

/// The plain listing's second line: where each field came from, and the
/// source, author and URL found (`-` for none).
fn origins_line(a: &ReadArticle) -> String {
    let shown = |v: &str| {
        if v.is_empty() {
            "-".to_string()
        } else {
            v.to_string()
        }
    };
    format!(
        "   title: {} | source: {} ({}) | author: {} ({}) | url: {} ({})",
        a.title_origin,
        shown(&a.source),
        a.source_origin,
        shown(&a.author),
        a.author_origin,
        shown(&a.url),
        a.url_origin
    )
}

/// An input that could not be read: `{"article","error"}` or `!! key: reason`.
fn write_failure(f: &InputFailure, json: bool, out: &mut dyn Write) -> Result<(), TextError> {
    if json {
        let v = serde_json::json!({"article": f.key, "error": f.reason});
        serde_json::to_writer(&mut *out, &v)?;
        writeln!(out)?;
    } else {
        writeln!(out, "!! {}: {}\n", f.key, f.reason)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;
    use crate::segment::article_from_text;

    #[test]
    fn kinds_follow_the_dedup_marks_and_headings() {
        assert_eq!(kind_of(ParaMark::Content, true), ParaKind::Heading);
        assert_eq!(kind_of(ParaMark::Content, false), ParaKind::Content);
        assert_eq!(kind_of(ParaMark::Duplicate, false), ParaKind::Duplicate);
        assert_eq!(kind_of(ParaMark::Boilerplate, true), ParaKind::Boilerplate);
    }

    #[test]
    fn a_repeated_paragraph_is_a_duplicate() {
        let date = Date::parse_iso("2026-01-01").unwrap();
        let para =
            "The council voted on Tuesday to close the old bridge for repairs until spring, \
                    after engineers found cracks in two of its supports.";
        let other = "Drivers will be sent over the river crossing at Mill Lane, which the city \
                     says can carry the extra traffic while the work goes on.";
        let text = format!("# Bridge closes for repairs\n\n{para}\n\n{other}\n\n{para}");
        let a = article_from_text(1, "a.txt", &text, date);
        let read = read_article(a, 0.75);
        let kinds: Vec<_> = read.paragraphs.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            vec![
                ParaKind::Heading,
                ParaKind::Content,
                ParaKind::Content,
                ParaKind::Duplicate
            ]
        );
        assert_eq!(read.content_text().matches("old bridge").count(), 1);
    }
}
