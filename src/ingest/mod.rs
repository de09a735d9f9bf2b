//! Reading article files and their metadata.
//!
//! In: INPUT paths (folders walked recursively in sorted order, or single
//! files). Out: a sorted list of [`Entry`]s, then for each entry the
//! [`Article`]s it holds (one per file, one per JSONL record) or
//! [`InputFailure`]s saying why it could not be read.
//! Guarantees: never panics on any bytes; every file with a known extension
//! ends up as an article or a failure (nothing vanishes); text is NFC with LF
//! line endings and no BOM; metadata follows the precedence manifest.csv >
//! metadata in the file > dateline > `--as-of` > run date, recording which
//! one gave the date.

use crate::model::{
    Article, ArticleId, Date, DateOrigin, Finding, FindingKind, InputFailure, Meta,
};
use crate::text::{truncate_chars, MONTHS};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;

/// Settings that affect how files are read.
#[derive(Clone, Debug)]
pub struct IngestConfig {
    pub as_of: Option<Date>,
    pub run_date: Date,
    /// Files larger than this are reported and skipped.
    pub max_file_size: u64,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            as_of: None,
            run_date: Date::today(),
            max_file_size: 16 * 1024 * 1024,
        }
    }
}

/// Why the inputs could not be listed at all.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("input {0} does not exist")]
    MissingInput(PathBuf),
}

/// The article formats, by file extension.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
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

/// Metadata rows of one `manifest.csv`, keyed by the `file` column.
#[derive(Debug, Default)]
pub struct Manifest {
    pub entries: HashMap<String, Meta>,
    /// Hash of the manifest's bytes (part of the incremental cache key).
    pub digest: u64,
}

/// One article file to read.
#[derive(Clone, Debug)]
pub struct InputFile {
    pub path: PathBuf,
    /// Path relative to the INPUT it was found under, `/`-separated.
    pub rel: String,
    /// Path relative to the folder of the manifest that covers it.
    pub manifest_key: String,
    pub format: Format,
    pub manifest: Option<Arc<Manifest>>,
    /// First folder under the INPUT root, if any (a source fallback).
    pub top_folder: Option<String>,
}

/// One thing found while listing the inputs, in sorted order.
#[derive(Clone, Debug)]
pub enum Entry {
    File(InputFile),
    /// A path that cannot be read at all (loop, permissions, bad manifest).
    Failed {
        rel: String,
        path: PathBuf,
        line: Option<u32>,
        reason: String,
    },
}

impl Entry {
    pub fn rel(&self) -> &str {
        match self {
            Entry::File(f) => &f.rel,
            Entry::Failed { rel, .. } => rel,
        }
    }
}

/// Result of listing the inputs.
#[derive(Debug, Default)]
pub struct Discovery {
    pub entries: Vec<Entry>,
    /// Files with extensions credence does not read.
    pub skipped: Vec<PathBuf>,
}

/// What one entry turned into: articles and failures, in record order.
/// Ids are left at 0; the pipeline numbers them.
#[derive(Debug, Default)]
pub struct Loaded {
    pub articles: Vec<Article>,
    pub failures: Vec<InputFailure>,
}

/// Lists every input file, sorted, with the manifest that covers it.
pub fn discover(inputs: &[PathBuf]) -> Result<Discovery, IngestError> {
    let mut d = Discovery::default();
    for input in inputs {
        let meta =
            std::fs::metadata(input).map_err(|_| IngestError::MissingInput(input.clone()))?;
        if meta.is_file() {
            let rel = input
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| input.display().to_string());
            match Format::of(input) {
                Some(format) => {
                    let dir = input.parent().unwrap_or(Path::new("."));
                    let manifest = load_manifest(dir, &rel, &mut d.entries);
                    d.entries.push(Entry::File(InputFile {
                        path: input.clone(),
                        manifest_key: rel.clone(),
                        rel,
                        format,
                        manifest,
                        top_folder: None,
                    }))
                }
                None => d.skipped.push(input.clone()),
            }
            continue;
        }
        discover_dir(input, &mut d);
    }
    Ok(d)
}

fn rel_of(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn discover_dir(root: &Path, d: &mut Discovery) {
    let mut manifests: HashMap<PathBuf, Option<Arc<Manifest>>> = HashMap::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for item in walker {
        match item {
            Ok(e) => {
                if !e.file_type().is_file() {
                    continue;
                }
                let path = e.path().to_path_buf();
                let rel = rel_of(root, &path);
                if path.file_name().is_some_and(|n| n == "manifest.csv") {
                    continue;
                }
                let Some(format) = Format::of(&path) else {
                    d.skipped.push(path);
                    continue;
                };
                let dir = path.parent().unwrap_or(root).to_path_buf();
                let manifest = match manifests.get(&dir) {
                    Some(m) => m.clone(),
                    None => {
                        let dir_rel = rel_of(root, &dir);
                        let m = load_manifest(&dir, &dir_rel, &mut d.entries);
                        manifests.insert(dir.clone(), m.clone());
                        m
                    }
                };
                let manifest_key = rel_of(&dir, &path);
                let top_folder = rel.split_once('/').map(|(top, _)| top.to_string());
                d.entries.push(Entry::File(InputFile {
                    path,
                    rel,
                    manifest_key,
                    format,
                    manifest,
                    top_folder,
                }));
            }
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| p.to_path_buf())
                    .unwrap_or_else(|| root.to_path_buf());
                let reason = if err.loop_ancestor().is_some() {
                    "symbolic link loop: not followed".to_string()
                } else if let Some(io) = err.io_error() {
                    format!("cannot read: {io}")
                } else {
                    err.to_string()
                };
                d.entries.push(Entry::Failed {
                    rel: rel_of(root, &path),
                    path,
                    line: None,
                    reason,
                });
            }
        }
    }
    d.entries.sort_by(|a, b| a.rel().cmp(b.rel()));
}

/// Loads `dir/manifest.csv` if present; problems become failed entries.
fn load_manifest(dir: &Path, dir_rel: &str, entries: &mut Vec<Entry>) -> Option<Arc<Manifest>> {
    let path = dir.join("manifest.csv");
    let rel = if dir_rel.is_empty() || !path.exists() {
        "manifest.csv".to_string()
    } else {
        format!("{dir_rel}/manifest.csv")
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            entries.push(Entry::Failed {
                rel,
                path,
                line: None,
                reason: format!("cannot read manifest: {e}"),
            });
            return None;
        }
    };
    let (mut m, problems) = parse_manifest(&String::from_utf8_lossy(&bytes));
    m.digest = xxhash_rust::xxh3::xxh3_64(&bytes);
    for (line, reason) in problems {
        entries.push(Entry::Failed {
            rel: rel.clone(),
            path: path.clone(),
            line: Some(line),
            reason,
        });
    }
    Some(Arc::new(m))
}

/// Parses manifest text; returns the entries and (line, problem) pairs.
pub fn parse_manifest(text: &str) -> (Manifest, Vec<(u32, String)>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut m = Manifest::default();
    let mut problems = Vec::new();
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.to_ascii_lowercase()).collect(),
        Err(e) => return (m, vec![(1, format!("manifest header: {e}"))]),
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    let Some(file_col) = col("file") else {
        return (m, vec![(1, "manifest.csv has no `file` column".into())]);
    };
    let cols = [
        col("title"),
        col("date"),
        col("source"),
        col("author"),
        col("url"),
    ];
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as u32).unwrap_or(0);
                problems.push((line, format!("malformed manifest row: {e}")));
                continue;
            }
        };
        let line = rec.position().map(|p| p.line() as u32).unwrap_or(0);
        let get = |c: Option<usize>| c.and_then(|i| rec.get(i)).unwrap_or("").to_string();
        let file = get(Some(file_col)).replace('\\', "/");
        if file.is_empty() {
            continue;
        }
        let meta = Meta {
            title: get(cols[0]),
            date: get(cols[1]),
            source: get(cols[2]),
            author: get(cols[3]),
            url: get(cols[4]),
        };
        if !meta.date.is_empty() && parse_date(&meta.date).is_none() {
            problems.push((
                line,
                format!(
                    "manifest date {:?} for {file} is not a date (use YYYY-MM-DD)",
                    meta.date
                ),
            ));
        }
        m.entries.insert(file, meta);
    }
    (m, problems)
}

/// Reads one entry into articles and failures. Never panics.
pub fn load(entry: &Entry, cfg: &IngestConfig) -> Loaded {
    match entry {
        Entry::Failed {
            rel,
            path,
            line,
            reason,
        } => Loaded {
            articles: Vec::new(),
            failures: vec![InputFailure {
                id: ArticleId(0),
                key: rel.clone(),
                path: path.clone(),
                line: *line,
                reason: reason.clone(),
            }],
        },
        Entry::File(f) => match read(f, cfg) {
            Ok(bytes) => load_bytes(f, &bytes, cfg),
            Err(reason) => Loaded {
                articles: Vec::new(),
                failures: vec![failure(f, reason)],
            },
        },
    }
}

/// The failure of a whole file (no line), numbered later by the pipeline.
pub fn failure(file: &InputFile, reason: String) -> InputFailure {
    InputFailure {
        id: ArticleId(0),
        key: file.rel.clone(),
        path: file.path.clone(),
        line: None,
        reason,
    }
}

/// Reads a file's bytes, refusing files over `--max-file-size`.
pub fn read(file: &InputFile, cfg: &IngestConfig) -> Result<Vec<u8>, String> {
    let len = std::fs::metadata(&file.path)
        .map_err(|e| format!("cannot read: {e}"))?
        .len();
    if len > cfg.max_file_size {
        return Err(format!(
            "file is {len} bytes, over --max-file-size {} bytes: skipped",
            cfg.max_file_size
        ));
    }
    std::fs::read(&file.path).map_err(|e| format!("cannot read: {e}"))
}

/// A key that changes whenever the file's bytes or the manifest covering it
/// change: the incremental cache's key for one file.
pub fn cache_key(file: &InputFile, bytes: &[u8]) -> u64 {
    let manifest = file.manifest.as_ref().map(|m| m.digest).unwrap_or(0);
    xxhash_rust::xxh3::xxh3_64(bytes) ^ manifest.rotate_left(17)
}

/// Parses a file's bytes into articles and failures. Never panics.
pub fn load_bytes(file: &InputFile, bytes: &[u8], cfg: &IngestConfig) -> Loaded {
    let mut out = Loaded::default();
    if file.format == Format::Jsonl {
        load_jsonl(file, bytes, cfg, &mut out);
        return out;
    }
    let decoded = match decode(bytes) {
        Ok(d) => d,
        Err(reason) => {
            out.failures.push(failure(file, reason));
            return out;
        }
    };
    let hash = xxhash_rust::xxh3::xxh3_64(bytes);
    let parsed = match file.format {
        Format::Text => Parsed {
            text: decoded.text,
            ..Parsed::default()
        },
        Format::Markdown => parse_markdown(&decoded.text),
        Format::Html => parse_html(&decoded.text),
        Format::Jsonl => Parsed::default(),
    };
    if parsed.text.trim().is_empty() {
        let reason = match file.format {
            Format::Html => "HTML has no body text",
            _ if decoded.empty => "empty file",
            _ => "no text after metadata",
        };
        out.failures.push(failure(file, reason.to_string()));
        return out;
    }
    let mut article = build(
        file,
        &file.manifest_key,
        file.rel.clone(),
        parsed,
        1,
        hash,
        cfg,
    );
    if let Some(bad) = decoded.repaired {
        article.notes.push(
            Finding::new(ArticleId(0), FindingKind::EncodingRepaired)
                .message(format!(
                    "{bad} invalid UTF-8 sequence(s) replaced with U+FFFD"
                ))
                .evidence(file.rel.clone()),
        );
    }
    if let Some(e) = &decoded.transcoded {
        // A clean transcode is not a defect: an info note, not a warning.
        let mut note = Finding::new(ArticleId(0), FindingKind::EncodingRepaired)
            .message(format!("transcoded from {e}"))
            .evidence(file.rel.clone());
        note.severity = crate::model::Severity::Info;
        article.notes.push(note);
    }
    out.articles.push(article);
    out
}

/// Reads the incremental cache left in an output folder, if any.
pub fn read_cache(path: &Path) -> Option<Vec<u8>> {
    std::fs::read(path).ok()
}

/// xxh3 hash of a file's bytes (a report an `--incremental` run may keep);
/// `None` when it cannot be read.
pub fn file_hash(path: &Path) -> Option<u64> {
    let mut f = std::fs::File::open(path).ok()?;
    let mut hash = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        match std::io::Read::read(&mut f, &mut buf) {
            Ok(0) => return Some(hash.digest()),
            Ok(n) => hash.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}

/// Text decoded from file bytes.
#[derive(Debug)]
struct Decoded {
    text: String,
    /// Number of invalid sequences replaced, if any.
    repaired: Option<usize>,
    /// Source encoding when transcoded (UTF-16).
    transcoded: Option<&'static str>,
    empty: bool,
}

/// Decodes bytes: UTF-8 (BOM stripped, invalid bytes replaced) or UTF-16 with
/// a BOM. Binary data (NUL bytes) is refused. Normalises to NFC and LF.
fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let (raw, repaired, transcoded) = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        (utf16(rest, u16::from_le_bytes), None, Some("UTF-16LE"))
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        (utf16(rest, u16::from_be_bytes), None, Some("UTF-16BE"))
    } else {
        if bytes.contains(&0) {
            return Err("binary file (contains NUL bytes): skipped".into());
        }
        let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), None, None),
            Err(_) => {
                let s = String::from_utf8_lossy(bytes).into_owned();
                let bad = s.matches('\u{FFFD}').count();
                (s, Some(bad.max(1)), None)
            }
        }
    };
    if transcoded.is_some() && raw.contains('\0') {
        return Err("binary file (contains NUL characters): skipped".into());
    }
    Ok(Decoded {
        empty: raw.trim().is_empty(),
        text: normalize_text(&raw),
        repaired,
        transcoded,
    })
}

fn utf16(bytes: &[u8], f: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| f([c[0], c[1]])).collect();
    char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect()
}

/// CRLF and lone CR to LF, strip a leading BOM, NFC.
pub fn normalize_text(s: &str) -> String {
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    let lf = if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s.to_string()
    };
    if unicode_normalization::is_nfc_quick(lf.chars()) == unicode_normalization::IsNormalized::Yes {
        lf
    } else {
        lf.nfc().collect()
    }
}

/// Text and metadata taken out of one file or record.
#[derive(Debug, Default)]
struct Parsed {
    text: String,
    meta: Meta,
    /// Lines before the text in the file (front matter).
    line_offset: u32,
    /// File line of each text line when not contiguous (HTML).
    line_map: Vec<u32>,
    /// A problem with the metadata that did not stop the article.
    meta_problem: Option<String>,
}

/// Applies metadata precedence and builds the article.
fn build(
    file: &InputFile,
    manifest_key: &str,
    key: String,
    parsed: Parsed,
    first_line: u32,
    hash: u64,
    cfg: &IngestConfig,
) -> Article {
    let manifest = file
        .manifest
        .as_ref()
        .and_then(|m| {
            m.entries
                .get(manifest_key)
                .or_else(|| m.entries.get(&key))
                .or_else(|| {
                    // A manifest row may name a JSONL record by its key suffix.
                    key.split_once('#')
                        .and_then(|(_, rec)| m.entries.get(&format!("{}#{rec}", file.manifest_key)))
                })
        })
        .cloned()
        .unwrap_or_default();
    let meta = &parsed.meta;
    let pick = |a: &str, b: &str| {
        if !a.is_empty() {
            a.to_string()
        } else {
            b.to_string()
        }
    };

    let (date, date_origin) = if let Some(d) = parse_date(&manifest.date) {
        (d, DateOrigin::Manifest)
    } else if let Some(d) = parse_date(&meta.date) {
        (d, DateOrigin::Metadata)
    } else if let Some(d) = find_dateline(&parsed.text) {
        (d, DateOrigin::Dateline)
    } else if let Some(d) = cfg.as_of {
        (d, DateOrigin::AsOf)
    } else {
        (cfg.run_date, DateOrigin::RunDate)
    };
    let url = pick(&manifest.url, &meta.url);
    let mut source = pick(&manifest.source, &meta.source);
    if source.is_empty() {
        source = url_host(&url)
            .or_else(|| file.top_folder.clone())
            .unwrap_or_else(|| "unknown".to_string());
    }
    let mut title = pick(&manifest.title, &meta.title);
    if title.is_empty() {
        title = first_line_title(&parsed.text);
    }
    let mut notes = Vec::new();
    if date_origin == DateOrigin::RunDate {
        notes.push(
            Finding::new(ArticleId(0), FindingKind::DateUnknown)
                .expected(date.to_string())
                .message(format!(
                    "no date in manifest, metadata or dateline, and no --as-of: checked as of the run date {date}"
                )),
        );
    }
    if let Some(p) = &parsed.meta_problem {
        notes.push(
            Finding::new(ArticleId(0), FindingKind::InputError)
                .message(p.clone())
                .evidence(file.rel.clone()),
        );
    }
    Article {
        id: ArticleId(0),
        key,
        path: file.path.clone(),
        first_line,
        title,
        source,
        author: pick(&manifest.author, &meta.author),
        url,
        date,
        date_origin,
        text: parsed.text,
        line_offset: parsed.line_offset,
        line_map: parsed.line_map,
        paragraphs: Vec::new(),
        content_hash: hash,
        notes,
    }
}

fn first_line_title(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let line = line.trim_start_matches('#').trim();
    truncate_chars(line, 200)
}

/// The host of an http(s) URL, without `www.`.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map(|(_, h)| h).unwrap_or(host);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// Markdown: optional `---` front matter of flat `key: value` lines.
fn parse_markdown(text: &str) -> Parsed {
    let mut p = Parsed::default();
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        p.text = text.to_string();
        return p;
    }
    let mut offset = first.len() + 1;
    let mut fm_lines = Vec::new();
    let mut closed = false;
    for line in text[offset.min(text.len())..].split('\n') {
        offset += line.len() + 1;
        if line.trim_end() == "---" || line.trim_end() == "..." {
            closed = true;
            break;
        }
        fm_lines.push(line);
    }
    if !closed {
        // No closing fence: not front matter, keep everything as text.
        p.text = text.to_string();
        return p;
    }
    p.line_offset = fm_lines.len() as u32 + 2;
    p.text = text[offset.min(text.len())..].to_string();
    match parse_front_matter(&fm_lines) {
        Ok(meta) => p.meta = meta,
        Err((line, why)) => {
            p.meta_problem = Some(format!(
                "front matter is not YAML (line {}: {why}): its metadata was ignored",
                line + 1
            ))
        }
    }
    p
}

/// Parses flat YAML `key: value` lines. Returns (0-based line in the front
/// matter block + 1, reason) on the first line that is not YAML.
fn parse_front_matter(lines: &[&str]) -> Result<Meta, (usize, String)> {
    let mut meta = Meta::default();
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim_end();
        let t = line.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        // Nested values and list items belong to a key we do not read.
        if line.starts_with([' ', '\t']) || t.starts_with("- ") || t == "-" {
            continue;
        }
        let Some((k, v)) = t.split_once(':') else {
            return Err((i + 1, format!("{t:?} is not `key: value`")));
        };
        let key = unquote(k.trim()).to_ascii_lowercase();
        let plain = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ' ');
        if key.is_empty() || !key.chars().all(plain) {
            return Err((i + 1, format!("{t:?} is not `key: value`")));
        }
        let v = unquote(v.trim());
        match key.as_str() {
            "title" => meta.title = v,
            "date" | "published" | "published_at" | "pubdate" => meta.date = v,
            "source" | "publisher" | "site" | "outlet" => meta.source = v,
            "author" | "byline" => meta.author = v,
            "url" | "link" | "canonical" => meta.url = v,
            _ => {}
        }
    }
    Ok(meta)
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return v[1..v.len() - 1].to_string();
        }
    }
    // A trailing YAML comment.
    match v.find(" #") {
        Some(i) => v[..i].trim().to_string(),
        None => v.to_string(),
    }
}

/// JSONL: one article per line; malformed lines become failures.
fn load_jsonl(file: &InputFile, bytes: &[u8], cfg: &IngestConfig, out: &mut Loaded) {
    let decoded = match decode(bytes) {
        Ok(d) => d,
        Err(reason) => {
            out.failures.push(InputFailure {
                id: ArticleId(0),
                key: file.rel.clone(),
                path: file.path.clone(),
                line: None,
                reason,
            });
            return;
        }
    };
    if decoded.empty {
        out.failures.push(InputFailure {
            id: ArticleId(0),
            key: file.rel.clone(),
            path: file.path.clone(),
            line: None,
            reason: "empty file".into(),
        });
        return;
    }
    for (i, line) in decoded.text.split('\n').enumerate() {
        let line_no = i as u32 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let key_l = format!("{}#L{line_no}", file.rel);
        let fail = |out: &mut Loaded, key: String, reason: String| {
            out.failures.push(InputFailure {
                id: ArticleId(0),
                key,
                path: file.path.clone(),
                line: Some(line_no),
                reason,
            })
        };
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                fail(out, key_l, format!("line {line_no}: malformed JSON: {e}"));
                continue;
            }
        };
        let Some(obj) = value.as_object() else {
            fail(out, key_l, format!("line {line_no}: not a JSON object"));
            continue;
        };
        let field = |names: &[&str]| -> String {
            for n in names {
                match obj.get(*n) {
                    Some(serde_json::Value::String(s)) if !s.trim().is_empty() => return s.clone(),
                    Some(serde_json::Value::Number(x)) => return x.to_string(),
                    _ => {}
                }
            }
            String::new()
        };
        let id = field(&["id"]);
        let key = if id.is_empty() {
            key_l
        } else {
            format!("{}#{}", file.rel, id)
        };
        let text = field(&["text", "body", "content"]);
        if text.trim().is_empty() {
            fail(
                out,
                key,
                format!("line {line_no}: no text in `text`, `body` or `content`"),
            );
            continue;
        }
        let meta = Meta {
            title: field(&["title", "headline"]),
            date: field(&[
                "date",
                "published",
                "published_at",
                "pubdate",
                "datePublished",
            ]),
            source: field(&["source", "publisher", "site", "outlet"]),
            author: field(&["author", "byline"]),
            url: field(&["url", "link"]),
        };
        let parsed = Parsed {
            text: normalize_text(&text),
            meta,
            line_map: vec![line_no],
            ..Parsed::default()
        };
        let hash = xxhash_rust::xxh3::xxh3_64(line.as_bytes());
        let rec_key = key
            .rsplit_once('#')
            .map(|(_, r)| format!("{}#{r}", file.manifest_key))
            .unwrap_or_default();
        let mut a = build(file, &rec_key, key, parsed, line_no, hash, cfg);
        if let Some(bad) = decoded.repaired.filter(|_| line.contains('\u{FFFD}')) {
            a.notes.push(
                Finding::new(ArticleId(0), FindingKind::EncodingRepaired)
                    .message(format!(
                        "invalid UTF-8 in the file ({bad} sequence(s)) replaced with U+FFFD"
                    ))
                    .evidence(file.rel.clone()),
            );
        }
        out.articles.push(a);
    }
}

// ---------------------------------------------------------------- HTML

const SKIP_TAGS: &[&str] = &[
    "script", "style", "nav", "header", "footer", "aside", "noscript", "template", "svg", "form",
    "iframe", "button", "select", "head",
];
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "body",
    "html",
    "address",
    "details",
    "summary",
];

/// One HTML token.
#[derive(Debug)]
enum Tok<'a> {
    Text(&'a str, usize),
    Open(String, &'a str),
    Close(String),
}

/// Splits HTML into tokens (text with its byte offset; tags with lowercase
/// name and raw attributes). Comments and doctype are dropped. Tolerant of
/// any malformed input.
fn tokenize(html: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            if text_start < i {
                toks.push(Tok::Text(&html[text_start..i], text_start));
            }
            let end = html[i + 4..]
                .find("-->")
                .map(|e| i + 4 + e + 3)
                .unwrap_or(b.len());
            i = end;
            text_start = i;
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?') {
            i += 1;
            continue;
        }
        let Some(rel_end) = html[i..].find('>') else {
            break;
        };
        if text_start < i {
            toks.push(Tok::Text(&html[text_start..i], text_start));
        }
        let inner = &html[i + 1..i + rel_end];
        i += rel_end + 1;
        text_start = i;
        if inner.starts_with('!') || inner.starts_with('?') {
            continue;
        }
        if let Some(name) = inner.strip_prefix('/') {
            let n = name
                .trim()
                .split(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            toks.push(Tok::Close(n.to_ascii_lowercase()));
            continue;
        }
        let name_end = inner
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inner.len());
        let name = inner[..name_end].to_ascii_lowercase();
        let attrs = &inner[name_end..];
        let self_closing = inner.ends_with('/');
        // Raw-text elements: skip to their close tag.
        if name == "script" || name == "style" || name == "textarea" || name == "title" {
            let close = format!("</{name}");
            let lower_rest = html[i..].to_ascii_lowercase();
            let end = lower_rest.find(&close).map(|e| i + e).unwrap_or(b.len());
            toks.push(Tok::Open(name.clone(), attrs));
            if name == "title" {
                toks.push(Tok::Text(&html[i..end], i));
            }
            toks.push(Tok::Close(name));
            i = html[end..]
                .find('>')
                .map(|e| end + e + 1)
                .unwrap_or(b.len());
            text_start = i;
            continue;
        }
        toks.push(Tok::Open(name.clone(), attrs));
        if self_closing {
            toks.push(Tok::Close(name));
        }
    }
    if text_start < b.len() {
        toks.push(Tok::Text(&html[text_start..], text_start));
    }
    toks
}

/// The value of attribute `name` in a raw attribute string.
fn attr(attrs: &str, name: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(name) {
        let at = from + pos;
        from = at + name.len();
        let before_ok = at == 0
            || !lower.as_bytes()[at - 1].is_ascii_alphanumeric()
                && lower.as_bytes()[at - 1] != b'-'
                && lower.as_bytes()[at - 1] != b':';
        let rest = attrs[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let rest = rest[1..].trim_start();
        let v = if let Some(r) = rest.strip_prefix('"') {
            r.split('"').next().unwrap_or("")
        } else if let Some(r) = rest.strip_prefix('\'') {
            r.split('\'').next().unwrap_or("")
        } else {
            rest.split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or("")
        };
        return Some(decode_entities(v));
    }
    None
}

/// Decodes HTML character references.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| c == ';' || c == '&' || c.is_whitespace())
            .map(|e| e + 1);
        let decoded = match end {
            Some(e) if rest.as_bytes().get(e) == Some(&b';') && e <= 12 => {
                let name = &rest[1..e];
                let c = if let Some(num) = name.strip_prefix('#') {
                    let v = if let Some(hex) = num.strip_prefix(['x', 'X']) {
                        u32::from_str_radix(hex, 16).ok()
                    } else {
                        num.parse::<u32>().ok()
                    };
                    v.and_then(char::from_u32).map(|c| c.to_string())
                } else {
                    named_entity(name).map(str::to_string)
                };
                c.map(|c| (c, e + 1))
            }
            _ => None,
        };
        match decoded {
            Some((c, len)) => {
                out.push_str(&c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        "mdash" => "—",
        "ndash" => "–",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "hellip" => "…",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "deg" => "°",
        "middot" => "·",
        "bull" => "•",
        "laquo" => "«",
        "raquo" => "»",
        "eacute" => "é",
        "egrave" => "è",
        "aacute" => "á",
        "oacute" => "ó",
        "uacute" => "ú",
        "iacute" => "í",
        "ntilde" => "ñ",
        "uuml" => "ü",
        "ouml" => "ö",
        "auml" => "ä",
        "ccedil" => "ç",
        "scaron" => "š",
        "Scaron" => "Š",
        "times" => "×",
        "percnt" => "%",
        "dollar" => "$",
        _ => return None,
    })
}

/// Extracts metadata and the main text of an HTML page.
fn parse_html(html: &str) -> Parsed {
    let toks = tokenize(html);
    let mut meta = Meta::default();
    let mut in_title = false;
    for t in &toks {
        match t {
            Tok::Open(name, attrs) if name == "meta" => {
                let key = attr(attrs, "property")
                    .or_else(|| attr(attrs, "name"))
                    .or_else(|| attr(attrs, "itemprop"))
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let content = attr(attrs, "content").unwrap_or_default();
                let content = content.trim().to_string();
                if content.is_empty() {
                    continue;
                }
                match key.as_str() {
                    "article:published_time" | "datepublished" | "date" | "pubdate"
                        if meta.date.is_empty() =>
                    {
                        meta.date = content
                    }
                    "og:site_name" if meta.source.is_empty() => meta.source = content,
                    "author" | "article:author" if meta.author.is_empty() => meta.author = content,
                    "og:url" if meta.url.is_empty() => meta.url = content,
                    "og:title" if meta.title.is_empty() => meta.title = content,
                    _ => {}
                }
            }
            Tok::Open(name, attrs)
                if name == "link"
                    && meta.url.is_empty()
                    && attr(attrs, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                meta.url = attr(attrs, "href").unwrap_or_default();
            }
            Tok::Open(name, _) if name == "title" => in_title = true,
            Tok::Close(name) if name == "title" => in_title = false,
            Tok::Text(s, _) if in_title => {
                // <title> wins over og:title.
                let t = collapse_ws(&decode_entities(s));
                if !t.is_empty() {
                    meta.title = t;
                }
            }
            _ => {}
        }
    }
    // Choose the main region: the <article> with most text, else <main>,
    // else <body>, else everything.
    let region = main_region(&toks);
    let (text, line_map) = render(html, &toks[region.0..region.1]);
    Parsed {
        text,
        meta,
        line_map,
        ..Parsed::default()
    }
}

fn main_region(toks: &[Tok<'_>]) -> (usize, usize) {
    for tag in ["article", "main", "body"] {
        let mut best: Option<(usize, usize, usize)> = None; // (start, end, text len)
        let mut i = 0;
        while i < toks.len() {
            if matches!(&toks[i], Tok::Open(n, _) if n == tag) {
                let mut depth = 0;
                let mut j = i;
                let mut len = 0;
                while j < toks.len() {
                    match &toks[j] {
                        Tok::Open(n, _) if n == tag => depth += 1,
                        Tok::Close(n) if n == tag => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        Tok::Text(s, _) => len += s.trim().len(),
                        _ => {}
                    }
                    j += 1;
                }
                if best.is_none_or(|b| len > b.2) {
                    best = Some((i, j.min(toks.len()), len));
                }
                i = j;
            }
            i += 1;
        }
        if let Some((s, e, len)) = best {
            if len > 0 {
                return (s, e);
            }
        }
    }
    (0, toks.len())
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renders tokens to text: blocks separated by blank lines, headings as
/// markdown `#` lines, skipped elements dropped. Returns the text and the
/// file line of each text line.
fn render(html: &str, toks: &[Tok<'_>]) -> (String, Vec<u32>) {
    let mut blocks: Vec<(String, usize, bool)> = Vec::new(); // (text, byte offset, heading)
    let mut cur = String::new();
    let mut cur_at = 0usize;
    let mut heading = false;
    let mut skip_depth = 0usize;
    let flush = |cur: &mut String,
                 cur_at: usize,
                 heading: &mut bool,
                 blocks: &mut Vec<(String, usize, bool)>| {
        let t = collapse_ws(cur);
        if !t.is_empty() {
            blocks.push((t, cur_at, *heading));
        }
        cur.clear();
        *heading = false;
    };
    for t in toks {
        match t {
            Tok::Open(name, _) if SKIP_TAGS.contains(&name.as_str()) => skip_depth += 1,
            Tok::Close(name) if SKIP_TAGS.contains(&name.as_str()) => {
                skip_depth = skip_depth.saturating_sub(1)
            }
            _ if skip_depth > 0 => {}
            Tok::Open(name, _) | Tok::Close(name) if name == "br" => cur.push('\n'),
            Tok::Open(name, _) if BLOCK_TAGS.contains(&name.as_str()) => {
                flush(&mut cur, cur_at, &mut heading, &mut blocks);
                heading = matches!(name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            }
            Tok::Close(name) if BLOCK_TAGS.contains(&name.as_str()) => {
                flush(&mut cur, cur_at, &mut heading, &mut blocks)
            }
            Tok::Text(s, at) => {
                let d = decode_entities(s);
                if cur.trim().is_empty() && !d.trim().is_empty() {
                    cur_at = *at + (s.len() - s.trim_start().len());
                }
                cur.push_str(&d);
            }
            _ => {}
        }
    }
    flush(&mut cur, cur_at, &mut heading, &mut blocks);
    // Map byte offsets to file lines.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(html.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |off: usize| line_starts.partition_point(|&s| s <= off) as u32;
    let mut text = String::new();
    let mut map = Vec::new();
    for (i, (t, at, h)) in blocks.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
            map.push(line_of(*at));
        }
        if *h {
            text.push_str("# ");
        }
        text.push_str(t);
        map.push(line_of(*at));
    }
    (normalize_text(&text), map)
}

// ---------------------------------------------------------------- dates

fn month_of(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as u8 + 1)
}

/// Parses a date in any common form: ISO (`2026-02-12`, with a time),
/// `February 12, 2026`, `Feb. 12 2026`, `12 March 2026`, `2026/02/12`.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(d) = Date::parse_iso(s) {
        return Some(d);
    }
    if s.len() >= 10 {
        let head = s[..10.min(s.len())].replace('/', "-");
        if let Some(d) = Date::parse_iso(&head) {
            return Some(d);
        }
    }
    find_date_in(s)
}

/// Finds the first written-out date in a short piece of text.
fn find_date_in(s: &str) -> Option<Date> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let num = |w: &str| -> Option<u32> {
        let w = w.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        let w = w
            .trim_end_matches("st")
            .trim_end_matches("nd")
            .trim_end_matches("rd")
            .trim_end_matches("th");
        if w.is_empty() || w.len() > 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        w.parse().ok()
    };
    for i in 0..words.len() {
        // ISO anywhere.
        let w = words[i].trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '-');
        if w.len() == 10 {
            if let Some(d) = Date::parse_iso(w) {
                return Some(d);
            }
        }
        if let Some(m) = month_of(words[i].trim_matches(|c: char| !c.is_alphabetic() && c != '.')) {
            // Month Day, Year
            if let (Some(d), Some(y)) = (
                words.get(i + 1).and_then(|w| num(w)),
                words.get(i + 2).and_then(|w| num(w)),
            ) {
                if (1..=31).contains(&d) && (1000..=9999).contains(&y) {
                    if let Some(date) = Date::new(y as i32, m, d as u8) {
                        return Some(date);
                    }
                }
            }
            // Day Month Year
            if i > 0 {
                if let (Some(d), Some(y)) =
                    (num(words[i - 1]), words.get(i + 1).and_then(|w| num(w)))
                {
                    if (1..=31).contains(&d) && (1000..=9999).contains(&y) {
                        if let Some(date) = Date::new(y as i32, m, d as u8) {
                            return Some(date);
                        }
                    }
                }
            }
        }
    }
    None
}

/// Looks for a dateline in the first lines of the text: a date within the
/// first 60 characters of one of the first six non-empty lines.
pub fn find_dateline(text: &str) -> Option<Date> {
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(6)
    {
        let head = truncate_chars(line, 60);
        if let Some(d) = find_date_in(&head) {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn datelines_in_common_forms() {
        assert_eq!(
            find_dateline("LONDON, March 12, 2026 - The talks"),
            Some(d("2026-03-12"))
        );
        assert_eq!(
            find_dateline("Title\n\n8 mins read\nFebruary 12, 2026\n"),
            Some(d("2026-02-12"))
        );
        assert_eq!(find_dateline("12 March 2026\nText"), Some(d("2026-03-12")));
        assert_eq!(
            find_dateline("Posted 2026-02-12 by staff"),
            Some(d("2026-02-12"))
        );
        assert_eq!(
            find_dateline("TOKYO (Feb. 3, 2025) — text"),
            Some(d("2025-02-03"))
        );
        assert_eq!(find_dateline("No date here at all.\nNor here."), None);
        assert_eq!(find_dateline("May is a month; 2026 is a year"), None);
    }

    #[test]
    fn dates_deep_in_text_are_not_datelines() {
        let t = "a\nb\nc\nd\ne\nf\nOn February 12, 2026 it happened.";
        assert_eq!(find_dateline(t), None);
    }

    #[test]
    fn parse_date_accepts_times_and_slashes() {
        assert_eq!(
            parse_date("2026-02-12T08:00:00+09:00"),
            Some(d("2026-02-12"))
        );
        assert_eq!(parse_date("2026/02/12"), Some(d("2026-02-12")));
        assert_eq!(
            parse_date("Thu, 12 Feb 2026 10:00:00 GMT"),
            Some(d("2026-02-12"))
        );
        assert_eq!(parse_date("soon"), None);
    }

    #[test]
    fn decode_handles_bom_crlf_utf16_and_binary() {
        let r = decode(b"\xEF\xBB\xBFa\r\nb\rc").unwrap();
        assert_eq!(r.text, "a\nb\nc");
        assert!(r.repaired.is_none());
        let r = decode(b"ok \xFF\xFE bad").unwrap();
        assert_eq!(r.repaired, Some(2));
        let mut u16le = vec![0xFF, 0xFE];
        for u in "Héllo".encode_utf16() {
            u16le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&u16le).unwrap().text, "Héllo");
        assert!(decode(b"ab\0cd").is_err());
        // NFC: e + combining acute becomes é.
        assert_eq!(decode("e\u{301}".as_bytes()).unwrap().text, "\u{e9}");
    }

    #[test]
    fn markdown_front_matter() {
        let p = parse_markdown("---\ntitle: \"Hello\"\ndate: 2026-02-12\nsource: Daily\ntags:\n  - a\n---\nBody text.\n");
        assert_eq!(p.meta.title, "Hello");
        assert_eq!(p.meta.date, "2026-02-12");
        assert_eq!(p.meta.source, "Daily");
        assert_eq!(p.text, "Body text.\n");
        assert_eq!(p.line_offset, 7);
        let bad = parse_markdown("---\n{not: [yaml\n---\nBody");
        assert!(bad.meta_problem.unwrap().contains("not YAML"));
        assert_eq!(bad.text, "Body");
    }

    #[test]
    fn html_main_text_and_metadata() {
        let html = r#"<html><head><title>The &amp; Title</title>
<meta property="article:published_time" content="2026-02-12T09:00:00Z">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Ann Lee">
<script>var x = "<p>no</p>";</script><style>p{}</style></head>
<body><nav>Home | World</nav><header>Site header</header>
<article><h1>Big News</h1><p>First paragraph, with &ldquo;quotes&rdquo;.</p>
<aside>Ad text</aside>
<p>Second
paragraph.</p></article><footer>Copyright</footer></body></html>"#;
        let p = parse_html(html);
        assert_eq!(p.meta.title, "The & Title");
        assert_eq!(p.meta.date, "2026-02-12T09:00:00Z");
        assert_eq!(p.meta.source, "Example News");
        assert_eq!(p.meta.author, "Ann Lee");
        assert_eq!(
            p.text,
            "# Big News\n\nFirst paragraph, with “quotes”.\n\nSecond paragraph."
        );
        assert_eq!(p.line_map.len(), 5);
        assert_eq!(p.line_map[0], 7);
    }

    #[test]
    fn html_without_body_text_is_empty() {
        assert!(parse_html("<html><head><title>x</title></head></html>")
            .text
            .trim()
            .is_empty());
        assert!(parse_html("").text.is_empty());
        assert!(parse_html("<<<>>><a <b").text.len() < 20);
    }

    #[test]
    fn entities_numeric_and_named() {
        assert_eq!(
            decode_entities("a&#39;b&#x2014;c&nbsp;d&bogus;e&"),
            "a'b—c d&bogus;e&"
        );
    }

    #[test]
    fn manifest_rows_and_problems() {
        let (m, p) =
            parse_manifest("file,title,date,source\na.txt,T,2026-02-12,S\nb.txt,,not a date,\n");
        assert_eq!(m.entries["a.txt"].source, "S");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].0, 3);
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
