//! Reading article files and their metadata.
//!
//! In: INPUT paths (folders walked recursively in sorted order, or single
//! files). Out: a sorted list of entries ([`Entries`], held compactly: one
//! string of relative paths and 16 bytes an entry, each made a whole
//! [`Entry`] when read), then for each entry the
//! [`Article`]s it holds (one per file, one per JSONL record) or
//! [`InputFailure`]s saying why it could not be read.
//! Guarantees: never panics on any bytes; every file with a known extension
//! ends up as an article or a failure (nothing vanishes); text is NFC with LF
//! line endings and no BOM; metadata follows the precedence manifest.csv >
//! metadata in the file > a date in the URL > dateline or stamp >
//! `--as-of` > run date, recording which one gave the date.
//!
//! Method: [`discover`] lists the inputs (`discover`: the walk and each
//! folder's `manifest.csv`; `entries`: the compact list). [`load`] reads
//! one entry: [`read`] takes the bytes, then [`load_bytes`]
//! 1. hands JSONL to `jsonl` (one article per line), otherwise
//! 2. decodes the bytes to text (`decode`: BOM, UTF-16, invalid UTF-8, NFC;
//!    for HTML also the charset the page declares),
//! 3. takes text and metadata out of the format (`plain` for .txt and
//!    Markdown front matter, `html` for HTML pages),
//! 4. applies the metadata precedence and builds the article (`article`,
//!    with dates, URL dates, datelines and stamps from `dates`),
//! 5. notes any encoding repair on the article.
//!
//! A new input format is a variant of [`Format`] (with its extensions in
//! [`Format::of`]), a submodule turning decoded text into a `Parsed`, and
//! one arm in `parse_text`.

mod article;
mod byline;
mod dates;
mod decode;
mod discover;
mod entries;
mod html;
mod jsonl;
mod plain;

pub use crate::model::Format;
pub use decode::{file_hash, read_cache};
pub use discover::Manifest;
pub use entries::Entries;
pub use html::{explain_html, Explained};

use crate::model::{Article, ArticleId, Date, InputFailure};
use article::{build, Parsed};
use decode::{decode, decode_html, encoding_notes};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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

/// Why one file's bytes could not be read (the file becomes a failure whose
/// reason is this error's text).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("file is {len} bytes, over --max-file-size {max} bytes: skipped")]
    TooLarge { len: u64, max: u64 },
}

/// One article file to read, made whole from the compact list
/// ([`Entries::get`]) when it is read. Its manifest key and top folder are
/// parts of its relative path.
#[derive(Clone, Debug)]
pub struct InputFile {
    path: PathBuf,
    /// Path relative to the INPUT it was found under, `/`-separated.
    rel: String,
    format: Format,
    manifest: Option<Arc<Manifest>>,
}

impl InputFile {
    /// The file at `path`, `rel` its path relative to its INPUT
    /// (`/`-separated), with the manifest of its folder if there is one.
    pub fn new(
        path: PathBuf,
        rel: String,
        format: Format,
        manifest: Option<Arc<Manifest>>,
    ) -> InputFile {
        InputFile {
            path,
            rel,
            format,
            manifest,
        }
    }

    /// Where the file is read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Path relative to the INPUT it was found under, `/`-separated.
    pub fn rel(&self) -> &str {
        &self.rel
    }

    /// Path relative to the folder of the manifest that covers it (a
    /// manifest covers the files of its own folder: the file's name).
    pub fn manifest_key(&self) -> &str {
        self.rel.rsplit('/').next().unwrap_or(&self.rel)
    }

    /// First folder under the INPUT root, if any (a source fallback).
    pub fn top_folder(&self) -> Option<&str> {
        self.rel.split_once('/').map(|(top, _)| top)
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// The manifest of the file's folder.
    pub fn manifest(&self) -> Option<&Manifest> {
        self.manifest.as_deref()
    }
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
    /// Every entry, sorted, held compactly.
    pub entries: Entries,
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
    let mut discovery = Discovery::default();
    for input in inputs {
        let meta =
            std::fs::metadata(input).map_err(|_| IngestError::MissingInput(input.clone()))?;
        if meta.is_file() {
            discover::discover_file(input, &mut discovery);
        } else {
            discover::discover_dir(input, &mut discovery);
        }
    }
    discovery.entries.shrink_to_fit();
    Ok(discovery)
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
pub fn failure(file: &InputFile, reason: impl ToString) -> InputFailure {
    InputFailure {
        id: ArticleId(0),
        key: file.rel.clone(),
        path: file.path().to_path_buf(),
        line: None,
        reason: reason.to_string(),
    }
}

/// Reads a file's bytes, refusing files over `--max-file-size`.
pub fn read(file: &InputFile, cfg: &IngestConfig) -> Result<Vec<u8>, ReadError> {
    let len = std::fs::metadata(&file.path)?.len();
    if len > cfg.max_file_size {
        return Err(ReadError::TooLarge {
            len,
            max: cfg.max_file_size,
        });
    }
    Ok(std::fs::read(&file.path)?)
}

/// A key that changes whenever the file's bytes or the manifest covering it
/// change: the incremental cache's key for one file.
pub fn cache_key(file: &InputFile, bytes: &[u8]) -> u64 {
    let manifest = file.manifest().map(|m| m.digest).unwrap_or(0);
    xxhash_rust::xxh3::xxh3_64(bytes) ^ manifest.rotate_left(17)
}

/// Parses a file's bytes into articles and failures. Never panics.
///
/// 1. JSONL goes to [`jsonl::load_jsonl`], one article per line.
/// 2. [`decode`] turns the bytes into text, or refuses binary data.
/// 3. [`parse_text`] takes text and metadata out of the format.
/// 4. A file with no text left is a failure ([`no_text_reason`]).
/// 5. [`build`] applies the metadata precedence.
/// 6. [`encoding_notes`] records a repair or transcode on the article.
pub fn load_bytes(file: &InputFile, bytes: &[u8], cfg: &IngestConfig) -> Loaded {
    let mut out = Loaded::default();
    if file.format == Format::Jsonl {
        jsonl::load_jsonl(file, bytes, cfg, &mut out);
        return out;
    }
    let decoded = if file.format == Format::Html {
        decode_html(bytes)
    } else {
        decode(bytes)
    };
    let mut decoded = match decoded {
        Ok(d) => d,
        Err(reason) => {
            out.failures.push(failure(file, reason));
            return out;
        }
    };
    let hash = xxhash_rust::xxh3::xxh3_64(bytes);
    let parsed = parse_text(file.format, std::mem::take(&mut decoded.text));
    if parsed.text.trim().is_empty() {
        out.failures
            .push(failure(file, no_text_reason(file.format, decoded.empty)));
        return out;
    }
    let mut article = build(
        file,
        file.manifest_key(),
        file.rel.clone(),
        parsed,
        1,
        hash,
        cfg,
    );
    article.notes.extend(encoding_notes(&decoded, &file.rel));
    out.articles.push(article);
    out
}

/// Text and metadata of a file's decoded text, by format (JSONL has its
/// own path).
fn parse_text(format: Format, text: String) -> Parsed {
    match format {
        Format::Text => plain::parse_plain(text),
        Format::Markdown => plain::parse_markdown(&text),
        Format::Html => html::parse_html(&text),
        Format::Jsonl => Parsed::default(),
    }
}

/// Why a file that decoded fine still gave no article text; `empty` is
/// whether the decoded file was blank.
fn no_text_reason(format: Format, empty: bool) -> &'static str {
    match format {
        Format::Html => "HTML has no body text",
        _ if empty => "empty file",
        _ => "no text after metadata",
    }
}

#[cfg(test)]
mod tests;
