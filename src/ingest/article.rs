//! Building an [`Article`] from a file's text and metadata: the metadata
//! precedence manifest.csv > metadata in the file > a date in the URL >
//! dateline or stamp > `--as-of` > run date, and the source and title fallbacks.

use super::byline::byline_in_text;
use super::dates::{date_in_url, find_dateline, parse_date};
use super::{IngestConfig, InputFile};
use crate::model::{
    Article, ArticleId, Date, DateOrigin, Finding, FindingKind, Meta, MetaOrigin, Origins,
};

/// Text and metadata taken out of one file or record.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    pub(super) text: String,
    pub(super) meta: Meta,
    /// Lines before the text in the file (front matter).
    pub(super) line_offset: u32,
    /// File line of each text line when not contiguous (HTML).
    pub(super) line_map: Vec<u32>,
    /// A problem with the metadata that did not stop the article.
    pub(super) meta_problem: Option<String>,
}

/// Applies metadata precedence and builds the article.
///
/// 1. [`manifest_row`] finds the manifest's metadata for the article.
/// 2. [`date_by_precedence`] picks the date and records where it came from.
/// 3. Manifest values win over the file's ([`pick`], which records where
///    each came from); the source falls back to the URL's host, the top
///    folder, then `unknown`; the author to a byline in the text's first
///    lines; the title to the first line, then the file name
///    ([`title_by_precedence`]).
/// 4. [`article_notes`] records an unknown date and a metadata problem.
pub(super) fn build(
    file: &InputFile,
    manifest_key: &str,
    key: String,
    parsed: Parsed,
    first_line: u32,
    hash: u64,
    cfg: &IngestConfig,
) -> Article {
    let manifest = manifest_row(file, manifest_key, &key);
    let meta = &parsed.meta;
    let (date, date_origin) = date_by_precedence(
        &manifest.date,
        &meta.date,
        [manifest.url.as_str(), meta.url.as_str()],
        &parsed.text,
        cfg,
    );
    let origins = meta.origins;
    let (url, url_origin) = pick(&[
        (&manifest.url, MetaOrigin::Manifest),
        (&meta.url, origins.url),
    ]);
    let host = url_host(&url).unwrap_or_default();
    let folder = file.top_folder().unwrap_or_default().to_string();
    let (mut source, source_origin) = pick(&[
        (&manifest.source, MetaOrigin::Manifest),
        (&meta.source, origins.source),
        (&host, MetaOrigin::Host),
        (&folder, MetaOrigin::Folder),
    ]);
    if source.is_empty() {
        source = "unknown".to_string();
    }
    let byline = byline_in_text(&parsed.text).unwrap_or_default();
    let (author, author_origin) = pick(&[
        (&manifest.author, MetaOrigin::Manifest),
        (&meta.author, origins.author),
        (&byline, MetaOrigin::Byline),
    ]);
    let (title, title_origin) = title_by_precedence(&manifest.title, meta, &parsed.text, file);
    let origins = Origins {
        title: title_origin,
        source: source_origin,
        author: author_origin,
        url: url_origin,
    };
    let notes = article_notes(
        date,
        date_origin,
        parsed.meta_problem.as_deref(),
        file.rel(),
    );
    Article {
        id: ArticleId(0),
        key,
        path: file.path().to_path_buf(),
        first_line,
        format: file.format(),
        title,
        source,
        author,
        url,
        date,
        date_origin,
        origins,
        text: parsed.text,
        line_offset: parsed.line_offset,
        line_map: parsed.line_map,
        paragraphs: Vec::new(),
        content_hash: hash,
        notes,
    }
}

/// The manifest row for an article: by its key relative to the manifest,
/// else by its report key, else (a JSONL record) by the file's manifest key
/// with the record suffix. Empty metadata when nothing matches.
fn manifest_row(file: &InputFile, manifest_key: &str, key: &str) -> Meta {
    file.manifest()
        .and_then(|m| {
            m.entries
                .get(manifest_key)
                .or_else(|| m.entries.get(key))
                .or_else(|| {
                    // A manifest row may name a JSONL record by its key suffix.
                    key.split_once('#').and_then(|(_, rec)| {
                        m.entries.get(&format!("{}#{rec}", file.manifest_key()))
                    })
                })
        })
        .cloned()
        .unwrap_or_default()
}

/// The article's date and its origin: manifest, file metadata, a date in
/// the URL (the manifest's, then the file's), a dateline or stamp in the
/// first lines, `--as-of`, run date, in that order. URL dates are plausible
/// up to the year after the run date's.
fn date_by_precedence(
    manifest_date: &str,
    meta_date: &str,
    urls: [&str; 2],
    text: &str,
    cfg: &IngestConfig,
) -> (Date, DateOrigin) {
    let max_year = cfg.run_date.year + 1;
    if let Some(d) = parse_date(manifest_date) {
        (d, DateOrigin::Manifest)
    } else if let Some(d) = parse_date(meta_date) {
        (d, DateOrigin::Metadata)
    } else if let Some(d) = urls.iter().find_map(|u| date_in_url(u, max_year)) {
        (d, DateOrigin::Url)
    } else if let Some(d) = find_dateline(text) {
        (d, DateOrigin::Dateline)
    } else if let Some(d) = cfg.as_of {
        (d, DateOrigin::AsOf)
    } else {
        (cfg.run_date, DateOrigin::RunDate)
    }
}

/// The first value that is not blank, with its origin; empty and
/// [`MetaOrigin::None`] when all are.
fn pick(candidates: &[(&str, MetaOrigin)]) -> (String, MetaOrigin) {
    candidates
        .iter()
        .find(|(v, _)| !v.trim().is_empty())
        .map_or((String::new(), MetaOrigin::None), |(v, o)| {
            (v.to_string(), *o)
        })
}

/// The title and its origin: the manifest's, the file's metadata (with
/// the origin its reader gave), the first line of the text, the file name.
fn title_by_precedence(
    manifest: &str,
    meta: &Meta,
    text: &str,
    file: &InputFile,
) -> (String, MetaOrigin) {
    let first_line = first_line_title(text);
    let file_name = file
        .path()
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    pick(&[
        (manifest, MetaOrigin::Manifest),
        (&meta.title, meta.origins.title),
        (&first_line, MetaOrigin::FirstLine),
        (&file_name, MetaOrigin::FileName),
    ])
}

/// Notes every article may carry from reading: the run date standing in
/// for an unknown date, then a metadata problem that did not stop it.
fn article_notes(
    date: Date,
    date_origin: DateOrigin,
    meta_problem: Option<&str>,
    rel: &str,
) -> Vec<Finding> {
    let mut notes = Vec::new();
    if date_origin == DateOrigin::RunDate {
        notes.push(
            Finding::new(ArticleId(0), FindingKind::DateUnknown)
                .expected(date.to_string())
                .message(format!(
                    "no date in manifest, metadata, URL or dateline, and no --as-of: checked as of the run date {date}"
                )),
        );
    }
    if let Some(p) = meta_problem {
        notes.push(
            Finding::new(ArticleId(0), FindingKind::InputError)
                .message(p.to_string())
                .evidence(rel.to_string()),
        );
    }
    notes
}

fn first_line_title(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let line = line.trim_start_matches('#').trim();
    crate::text::cut_marked(line, 200)
}

/// The host of an http(s) URL, without `www.`.
fn url_host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map(|(_, h)| h).unwrap_or(host);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{Format, Manifest};
    use std::sync::Arc;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    fn file_with(rows: &[(&str, Meta)]) -> InputFile {
        let mut manifest = Manifest::default();
        for (k, m) in rows {
            manifest.entries.insert(k.to_string(), m.clone());
        }
        InputFile::new(
            "in/feed.jsonl".into(),
            "in/feed.jsonl".into(),
            Format::Jsonl,
            Some(Arc::new(manifest)),
        )
    }

    fn titled(t: &str) -> Meta {
        Meta {
            title: t.into(),
            ..Meta::default()
        }
    }

    fn cfg(as_of: Option<&str>) -> IngestConfig {
        IngestConfig {
            as_of: as_of.map(d),
            run_date: d("2026-01-01"),
            max_file_size: 1,
        }
    }

    #[test]
    fn manifest_rows_match_by_manifest_key_report_key_then_record() {
        let file = file_with(&[
            ("a.txt", titled("by manifest key")),
            ("in/b.txt", titled("by report key")),
            ("feed.jsonl#7", titled("by record")),
        ]);
        assert_eq!(manifest_row(&file, "a.txt", "x").title, "by manifest key");
        assert_eq!(
            manifest_row(&file, "b.txt", "in/b.txt").title,
            "by report key"
        );
        assert_eq!(
            manifest_row(&file, "", "in/feed.jsonl#7").title,
            "by record"
        );
        assert_eq!(manifest_row(&file, "c.txt", "in/c.txt"), Meta::default());
    }

    #[test]
    fn dates_follow_the_precedence() {
        let text = "March 3, 2026\nBody";
        let c = cfg(Some("2026-05-05"));
        let url = "https://news.example/2026/02/14/story";
        let no_urls = ["", ""];
        assert_eq!(
            date_by_precedence("2026-01-02", "2026-01-03", [url, ""], text, &c),
            (d("2026-01-02"), DateOrigin::Manifest)
        );
        assert_eq!(
            date_by_precedence("bad", "2026-01-03", [url, ""], text, &c),
            (d("2026-01-03"), DateOrigin::Metadata)
        );
        assert_eq!(
            date_by_precedence("", "", [url, ""], text, &c),
            (d("2026-02-14"), DateOrigin::Url)
        );
        assert_eq!(
            date_by_precedence("", "", ["https://x.example/a/1", url], text, &c),
            (d("2026-02-14"), DateOrigin::Url)
        );
        assert_eq!(
            date_by_precedence("", "", no_urls, text, &c),
            (d("2026-03-03"), DateOrigin::Dateline)
        );
        assert_eq!(
            date_by_precedence("", "", no_urls, "Body", &c),
            (d("2026-05-05"), DateOrigin::AsOf)
        );
        assert_eq!(
            date_by_precedence("", "", no_urls, "Body", &cfg(None)),
            (d("2026-01-01"), DateOrigin::RunDate)
        );
        // A URL year after the run year + 1 is not plausible.
        assert_eq!(
            date_by_precedence(
                "",
                "",
                ["https://x.example/2031/01/01/a", ""],
                "Body",
                &cfg(None)
            ),
            (d("2026-01-01"), DateOrigin::RunDate)
        );
    }

    #[test]
    fn pick_takes_the_first_nonblank_with_its_origin() {
        let m = MetaOrigin::Manifest;
        let j = MetaOrigin::Jsonl;
        assert_eq!(pick(&[("a", m), ("b", j)]), ("a".into(), m));
        assert_eq!(pick(&[(" ", m), ("b", j)]), ("b".into(), j));
        assert_eq!(pick(&[("", m), ("", j)]), (String::new(), MetaOrigin::None));
    }

    #[test]
    fn notes_for_run_date_and_metadata_problems() {
        let date = d("2026-01-01");
        assert!(article_notes(date, DateOrigin::AsOf, None, "a").is_empty());
        let notes = article_notes(date, DateOrigin::RunDate, Some("bad yaml"), "a.md");
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[0].kind, FindingKind::DateUnknown);
        assert_eq!(notes[0].expected, "2026-01-01");
        assert_eq!(notes[1].kind, FindingKind::InputError);
        assert_eq!(
            (notes[1].message.as_str(), notes[1].evidence.as_str()),
            ("bad yaml", "a.md")
        );
    }

    #[test]
    fn build_falls_back_to_host_folder_and_first_line() {
        let file = file_with(&[]);
        let parsed = |url: &str| Parsed {
            text: "## A Headline\n\nBody.".into(),
            meta: Meta {
                url: url.into(),
                ..Meta::default()
            },
            ..Parsed::default()
        };
        let c = cfg(Some("2026-02-02"));
        let a = build(
            &file,
            "k",
            "in/feed.jsonl#L1".into(),
            parsed("https://www.news.example/x"),
            1,
            9,
            &c,
        );
        assert_eq!(
            (a.source.as_str(), a.title.as_str()),
            ("news.example", "A Headline")
        );
        assert_eq!((a.content_hash, a.date_origin), (9, DateOrigin::AsOf));
        let o = a.origins;
        assert_eq!(
            (o.source, o.title),
            (MetaOrigin::Host, MetaOrigin::FirstLine)
        );
        assert_eq!((o.author, o.url), (MetaOrigin::None, MetaOrigin::None));
        let a = build(&file, "k", "k".into(), parsed(""), 1, 9, &c);
        assert_eq!(
            (a.source.as_str(), a.origins.source),
            ("in", MetaOrigin::Folder)
        );
        let unfiled = InputFile::new(
            "feed.jsonl".into(),
            "feed.jsonl".into(),
            Format::Jsonl,
            None,
        );
        let a = build(&unfiled, "k", "k".into(), parsed(""), 1, 9, &c);
        assert_eq!(
            (a.source.as_str(), a.origins.source),
            ("unknown", MetaOrigin::None)
        );
    }

    #[test]
    fn manifest_values_win_and_say_so() {
        let manifest = Meta {
            title: "Manifest title".into(),
            author: "Ann Lee".into(),
            ..Meta::default()
        };
        let file = file_with(&[("k", manifest)]);
        let parsed = Parsed {
            text: "By Bo Roe\n\nBody.".into(),
            meta: Meta {
                title: "Record title".into(),
                url: "https://wire.example/a".into(),
                ..Meta::default()
            }
            .found_in(MetaOrigin::Jsonl),
            ..Parsed::default()
        };
        let a = build(&file, "k", "k".into(), parsed, 1, 9, &cfg(None));
        assert_eq!(
            (a.title.as_str(), a.author.as_str(), a.url.as_str()),
            ("Manifest title", "Ann Lee", "https://wire.example/a")
        );
        let o = a.origins;
        assert_eq!(
            (o.title, o.author, o.url, o.source),
            (
                MetaOrigin::Manifest,
                MetaOrigin::Manifest,
                MetaOrigin::Jsonl,
                MetaOrigin::Host
            )
        );
    }

    #[test]
    fn a_byline_in_the_text_gives_the_author_and_the_file_name_the_last_title() {
        let file = file_with(&[]);
        let parsed = |text: &str| Parsed {
            text: text.into(),
            ..Parsed::default()
        };
        let c = cfg(None);
        let a = build(
            &file,
            "x",
            "x".into(),
            parsed("Headline\nBy Bo Roe\nBody."),
            1,
            9,
            &c,
        );
        assert_eq!(
            (a.author.as_str(), a.origins.author),
            ("Bo Roe", MetaOrigin::Byline)
        );
        let a = build(&file, "x", "x".into(), parsed("#\n\nBody."), 1, 9, &c);
        assert_eq!(
            (a.title.as_str(), a.origins.title),
            ("feed", MetaOrigin::FileName)
        );
    }

    #[test]
    fn url_hosts() {
        assert_eq!(
            url_host("https://www.Example.com/a/b?c"),
            Some("example.com".into())
        );
        assert_eq!(url_host("not a url"), None);
    }
}
