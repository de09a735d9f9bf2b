//! Writing one article out: its file (text, Markdown or HTML) or JSONL
//! record, its manifest row, its labels and what `--check` compares.

use crate::article::{Para, ParaKind};
use crate::corpus::{norm_hash, Gen};
use crate::stories::{Format, Source, JSONL_PER_FILE};
use credence::model::Date;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

/// What an article's metadata says about it.
struct Meta<'t> {
    source: &'t str,
    date: Date,
    title: &'t str,
    author: &'t str,
    url: String,
}

impl Gen<'_> {
    /// Writes article number `self.articles + 1` of source `src_no`: its
    /// file or JSONL record, its labels and what `--check` compares.
    pub(crate) fn write_article(
        &mut self,
        src_no: usize,
        tno: usize,
        date: Date,
        title: &str,
        author: &str,
        paras: Vec<Para>,
    ) -> Result<(), String> {
        self.articles += 1;
        let n = self.articles;
        let s = &mut self.sources[src_no];
        let meta = Meta {
            source: &s.name,
            date,
            title,
            author,
            url: format!("https://{}.example.com/{n}", s.slug),
        };
        let (key, bytes) = match s.format {
            Format::Jsonl => {
                let record = jsonl_record(n, &meta, &paras);
                let key = format!("{}/feed-{:04}.jsonl#a{n}", s.slug, s.feed);
                let bytes = record.len() as u64 + 1;
                add_jsonl_record(&self.articles_dir, s, record)?;
                (key, bytes)
            }
            format => {
                let file = format!("{n:07}.{}", extension(format));
                let body = match format {
                    Format::Markdown => markdown_body(&meta, &paras),
                    Format::Html => html_body(&meta, &paras),
                    _ => text_body(&paras),
                };
                if s.format == Format::TxtManifest {
                    s.manifest.push(manifest_row(&file, &meta));
                }
                let path = self.articles_dir.join(&s.slug).join(&file);
                std::fs::write(&path, body.as_bytes())
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                (format!("{}/{file}", s.slug), body.len() as u64)
            }
        };
        self.bytes += bytes;
        *self.stats.entry("articles").or_default() += 1;
        self.write_labels(&key, tno, date, &paras)?;
        if let Some(exp) = &mut self.expected {
            exp.push((
                key,
                date,
                paras.iter().map(|p| norm_hash(&p.text)).collect(),
            ));
        }
        Ok(())
    }

    /// Writes the labels of each paragraph of article `key`, and notes where
    /// the wire paragraphs of story `tno` were copied.
    fn write_labels(
        &mut self,
        key: &str,
        tno: usize,
        date: Date,
        paras: &[Para],
    ) -> Result<(), String> {
        for (i, p) in paras.iter().enumerate() {
            let no = i as u32 + 1;
            for (kind, mention, expected) in &p.labels {
                let expected = if *kind == "duplicate_paragraph" {
                    format!("{key}#{expected}")
                } else {
                    expected.clone()
                };
                writeln!(
                    self.labels,
                    "{},{no},{kind},{},{}",
                    csv_cell(key),
                    csv_cell(mention),
                    csv_cell(&expected)
                )
                .map_err(|e| e.to_string())?;
                *self.stats.entry(kind).or_default() += 1;
            }
            if let ParaKind::Wire(w) = p.kind {
                let at = self.wire_key(tno, w);
                self.wire_seen
                    .entry(at)
                    .or_default()
                    .push((date.to_days(), key.to_string(), no));
            }
        }
        Ok(())
    }
}

/// The file extension of a file-per-article format.
fn extension(format: Format) -> &'static str {
    match format {
        Format::Markdown => "md",
        Format::Html => "html",
        _ => "txt",
    }
}

/// One JSONL record (no newline): the paragraphs joined by blank lines.
fn jsonl_record(n: u64, meta: &Meta<'_>, paras: &[Para]) -> String {
    let text = paras
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let rec = serde_json::json!({
        "id": format!("a{n}"),
        "title": meta.title,
        "date": meta.date.to_string(),
        "source": meta.source,
        "author": meta.author,
        "url": meta.url,
        "text": text,
    });
    rec.to_string()
}

/// Adds a record to the source's pending feed; a full feed is written.
fn add_jsonl_record(dir: &Path, s: &mut Source, record: String) -> Result<(), String> {
    s.jsonl.push(record);
    if s.jsonl.len() >= JSONL_PER_FILE {
        flush_jsonl(dir, s)?;
    }
    Ok(())
}

/// Writes the source's pending JSONL records as its next feed file.
pub(crate) fn flush_jsonl(dir: &Path, s: &mut Source) -> Result<(), String> {
    let p = dir.join(&s.slug).join(format!("feed-{:04}.jsonl", s.feed));
    let mut text = s.jsonl.join("\n");
    text.push('\n');
    std::fs::write(&p, text).map_err(|e| format!("{}: {e}", p.display()))?;
    s.jsonl.clear();
    s.feed += 1;
    Ok(())
}

/// The manifest.csv row of a text file.
fn manifest_row(file: &str, meta: &Meta<'_>) -> String {
    format!(
        "{file},{},{},{},{}",
        csv_cell(meta.title),
        meta.date,
        csv_cell(meta.source),
        csv_cell(meta.author)
    )
}

/// A plain text article: paragraphs separated by blank lines.
fn text_body(paras: &[Para]) -> String {
    let mut body = String::new();
    for (i, p) in paras.iter().enumerate() {
        if i > 0 {
            body.push('\n');
        }
        body.push_str(&p.text);
        body.push('\n');
    }
    body
}

/// A Markdown article: front matter, then the title as a heading.
fn markdown_body(meta: &Meta<'_>, paras: &[Para]) -> String {
    let mut body = String::new();
    let _ = write!(
        body,
        "---\ntitle: \"{}\"\ndate: {}\nsource: \"{}\"\nauthor: \"{}\"\nurl: {}\n---\n",
        meta.title, meta.date, meta.source, meta.author, meta.url
    );
    for (i, p) in paras.iter().enumerate() {
        if i > 0 {
            body.push('\n');
        }
        if i == 0 && p.kind == ParaKind::Title {
            body.push_str("# ");
        }
        body.push_str(&p.text);
        body.push('\n');
    }
    body
}

/// An HTML page: metadata in the head, navigation, the article (most-read
/// lists as lists of links), an aside and a footer.
fn html_body(meta: &Meta<'_>, paras: &[Para]) -> String {
    let mut body = String::new();
    let _ = write!(
        body,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n\
<meta property=\"og:site_name\" content=\"{sn}\">\n<meta property=\"article:published_time\" content=\"{date}T08:00:00Z\">\n\
<meta name=\"author\" content=\"{a}\">\n<link rel=\"canonical\" href=\"{url}\">\n</head>\n<body>\n\
<header><nav><a href=\"/\">Home</a> <a href=\"/markets\">Markets</a> <a href=\"/policy\">Policy</a></nav></header>\n<article>\n",
        t = html_escape(meta.title),
        sn = html_escape(meta.source),
        a = html_escape(meta.author),
        date = meta.date,
        url = meta.url,
    );
    html_paragraphs(&mut body, paras);
    let _ = write!(
        body,
        "</article>\n<aside><h2>Related</h2><p>More stories from {sn}.</p></aside>\n\
<footer><p>All rights reserved.</p></footer>\n</body>\n</html>\n",
        sn = html_escape(meta.source)
    );
    body
}

/// The paragraphs of an HTML article: the first as `h1`, headings as `h3`,
/// runs of boilerplate headings after the first as plain `p` lines (a
/// "Most read" box printed as text). Not as a `ul` of links: the reader
/// leaves link lists out as page furniture, and the labels number these
/// paragraphs, so they must be read back.
fn html_paragraphs(body: &mut String, paras: &[Para]) {
    for (i, p) in paras.iter().enumerate() {
        let t = html_escape(&p.text);
        if i == 0 {
            let _ = writeln!(body, "<h1>{t}</h1>");
        } else if p.heading && !run_item(paras, i) {
            let _ = writeln!(body, "<h3>{t}</h3>");
        } else {
            let _ = writeln!(body, "<p>{t}</p>");
        }
    }
}

/// Paragraph `i` is a boilerplate heading following another: an item of a
/// "Most read" / "Related" run rather than its title.
fn run_item(paras: &[Para], i: usize) -> bool {
    let p = &paras[i];
    p.kind == ParaKind::Boilerplate
        && p.heading
        && i > 0
        && paras[i - 1].kind == ParaKind::Boilerplate
        && paras[i - 1].heading
}

pub(crate) fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str, kind: ParaKind, heading: bool) -> Para {
        Para {
            text: text.into(),
            kind,
            heading,
            labels: Vec::new(),
        }
    }

    fn meta() -> Meta<'static> {
        Meta {
            source: "Daily <Post>",
            date: Date::new(2024, 3, 5).unwrap(),
            title: "A, title",
            author: "Ann Lee",
            url: "https://x.example.com/1".into(),
        }
    }

    #[test]
    fn text_and_markdown_separate_paragraphs_by_blank_lines() {
        let paras = [
            para("T", ParaKind::Title, true),
            para("Body.", ParaKind::Content, false),
        ];
        assert_eq!(text_body(&paras), "T\n\nBody.\n");
        let md = markdown_body(&meta(), &paras);
        assert!(
            md.starts_with("---\ntitle: \"A, title\"\ndate: 2024-03-05\n"),
            "{md}"
        );
        assert!(md.ends_with("---\n# T\n\nBody.\n"), "{md}");
    }

    #[test]
    fn html_writes_runs_of_boilerplate_headings_as_lines_not_link_lists() {
        let paras = [
            para("T & co", ParaKind::Title, true),
            para("Most read", ParaKind::Boilerplate, true),
            para("One", ParaKind::Boilerplate, true),
            para("Two", ParaKind::Boilerplate, true),
            para("Bio.", ParaKind::Boilerplate, false),
        ];
        let mut body = String::new();
        html_paragraphs(&mut body, &paras);
        assert_eq!(
            body,
            "<h1>T &amp; co</h1>\n<h3>Most read</h3>\n<p>One</p>\n<p>Two</p>\n<p>Bio.</p>\n"
        );
        let page = html_body(&meta(), &paras);
        assert!(page.contains("content=\"Daily &lt;Post&gt;\""), "{page}");
        assert!(page.ends_with("</html>\n"));
    }

    #[test]
    fn csv_cells_are_quoted_only_when_needed() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(
            manifest_row("1.txt", &meta()),
            "1.txt,\"A, title\",2024-03-05,Daily <Post>,Ann Lee"
        );
    }

    #[test]
    fn jsonl_records_join_paragraphs_with_blank_lines() {
        let paras = [
            para("One.", ParaKind::Content, false),
            para("Two.", ParaKind::Content, false),
        ];
        let rec: serde_json::Value =
            serde_json::from_str(&jsonl_record(7, &meta(), &paras)).unwrap();
        assert_eq!(rec["id"], "a7");
        assert_eq!(rec["text"], "One.\n\nTwo.");
        assert_eq!(rec["date"], "2024-03-05");
    }
}
