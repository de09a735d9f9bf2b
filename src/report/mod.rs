//! Writing the CSV reports, atomically, and guarding the output folder.
//!
//! In: the run's final tables ([`Reports`]). Out: `articles.csv`,
//! `findings.csv`, `duplicates.csv`, `claims.csv`, `sources.csv`,
//! `mentions.csv` in `--out`.
//! Guarantees: fixed columns, header row, rows sorted; UTF-8 with a BOM unless
//! asked not to; free-text cells that a spreadsheet would run as a formula are
//! neutralised and no cell exceeds Excel's 32,767 characters; all six files
//! appear together or not at all (temp folder, fsync, journal, rename), so a
//! run killed at any point leaves the previous reports intact; one run at a
//! time holds the folder's lock. This is the only module that writes files;
//! it also keeps the cross-article pass's scratch space ([`Scratch`], an
//! anonymous temporary file in `--out`) and returns each report's hash for
//! the incremental up-to-date check.
//!
//! Method: [`lock_out`] takes the folder (`lock`, which also finishes a
//! commit a killed run left half done); [`write`] renders the six tables
//! (`tables`, with cells made safe in `cells`) into a temp folder in
//! parallel, then commits them as a set through a journal; [`write_cache`]
//! replaces the incremental cache. `scratch` holds [`Scratch`]. A new report
//! is a name in [`REPORTS`] and a renderer in `tables`.

mod cells;
mod lock;
mod review;
mod scratch;
mod sink;
mod tables;
mod workbook;

pub use lock::{lock_out, OutLock};
pub use review::{review_selection, ReviewText, REVIEW};
pub use scratch::Scratch;
pub use workbook::WORKBOOK;

use crate::model::{
    ArticleId, ArticleSummary, ClaimRow, DuplicateRow, Finding, Keys, Marks, Scores, SourceRow,
};
use rayon::prelude::*;
use std::borrow::Cow;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Report file names, in the order they are written.
pub const REPORTS: [&str; 6] = [
    "articles.csv",
    "findings.csv",
    "duplicates.csv",
    "claims.csv",
    "sources.csv",
    "mentions.csv",
];

/// Files a run may write besides the CSVs, in the order they are written.
pub const EXTRAS: [&str; 2] = [WORKBOOK, REVIEW];

/// Which reports to write, and how.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// A UTF-8 BOM at the start of every CSV.
    pub bom: bool,
    /// Write `report.xlsx`.
    pub xlsx: bool,
    /// Write `review.html`.
    pub review: bool,
    /// At most this many articles with their text on the review page.
    pub review_limit: usize,
}

impl Options {
    /// Every file this run writes: the CSVs, then the extras asked for.
    pub fn files(&self) -> Vec<&'static str> {
        let mut v = REPORTS.to_vec();
        if self.xlsx {
            v.push(WORKBOOK);
        }
        if self.review {
            v.push(REVIEW);
        }
        v
    }
}

/// Names the temp folder of a commit in progress; its presence means the
/// renames must be finished.
const JOURNAL: &str = ".credence-commit";
/// Prefix of the temp folder the reports are written into before the commit.
const TMP_PREFIX: &str = ".credence-tmp-";

/// Why reports could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("another credence run (pid {pid}) holds the lock on {dir}; try again when it ends")]
    Locked { dir: PathBuf, pid: String },
    #[error("{dir}: the run's scratch file could not be read back (article record {record}); no report was written")]
    ScratchRead { dir: PathBuf, record: usize },
    #[error("{path}: CSV: {source}")]
    Csv {
        path: PathBuf,
        #[source]
        source: csv::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> ReportError + '_ {
    move |source| ReportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Everything the reports show, already computed.
pub struct Reports<'a> {
    /// Every article's record, in id order: its summary holding all the
    /// article's findings (its own, dedup's, claims', in run order) and its
    /// mentions (each article's in text order).
    pub articles: &'a dyn ArticleRecords,
    /// Final marks per article (indexed like `articles`).
    pub marks: &'a Marks,
    /// Every article's score, by id.
    pub scores: &'a Scores,
    /// The findings of no article (unreadable inputs), any order (sorted
    /// here).
    pub findings: &'a [Finding],
    /// Every id's findings (articles' and the others) by severity, indexed
    /// by `Severity as usize` ([`count_severities`]).
    pub counts: &'a [[u32; 3]],
    /// duplicates.csv's rows with their texts ([`RowParts`]).
    pub duplicates: &'a dyn RowParts<DuplicateRow>,
    /// claims.csv's rows ([`RowParts`]).
    pub claims: &'a dyn RowParts<ClaimRow>,
    pub sources: &'a [SourceRow],
    /// Report key of every entry (articles and failed inputs), by id.
    pub keys: &'a Keys,
    /// Texts of the articles the review page shows in full
    /// ([`review_selection`]); empty without the page.
    pub texts: &'a [ReviewText],
}

/// The articles' records the reports read, by position; a record may be
/// decoded from disk on each call, so renderers ask once per row.
pub trait ArticleRecords: Sync {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Id of record `i` (without reading the record).
    fn id(&self, i: usize) -> ArticleId;
    /// Record `i`, or [`ReportError::ScratchRead`] when it was spilled to
    /// disk and cannot be read back (the reports then stop: no row is
    /// written without its data).
    fn get(&self, i: usize) -> Result<Cow<'_, ArticleSummary>, ReportError>;
}

/// A report's rows the reports read, in parts, in the table's order
/// (duplicates.csv: by group, article, paragraph; claims.csv: by claim,
/// article, paragraph, mention, value): each part may be decoded from disk
/// on each call, so a renderer reads the parts once, one at a time.
pub trait RowParts<R>: Sync {
    /// Parts of the rows.
    fn parts(&self) -> usize;
    /// Part `i`'s rows, or [`ReportError::ScratchRead`] when they were
    /// spilled and cannot be read back.
    fn part(&self, i: usize) -> Result<Vec<R>, ReportError>;
}

/// Rows in memory, any order: one part, sorted here.
impl RowParts<DuplicateRow> for Vec<DuplicateRow> {
    fn parts(&self) -> usize {
        1
    }
    fn part(&self, _: usize) -> Result<Vec<DuplicateRow>, ReportError> {
        let mut rows = self.clone();
        rows.sort_by_key(|d| (d.group, d.article, d.paragraph));
        Ok(rows)
    }
}

/// Rows in memory, any order: one part, sorted here.
impl RowParts<ClaimRow> for Vec<ClaimRow> {
    fn parts(&self) -> usize {
        1
    }
    fn part(&self, _: usize) -> Result<Vec<ClaimRow>, ReportError> {
        let mut rows = self.clone();
        rows.sort_by(|a, b| {
            (&a.claim, a.article, a.paragraph, &a.mention)
                .cmp(&(&b.claim, b.article, b.paragraph, &b.mention))
                .then(a.value.total_cmp(&b.value))
        });
        Ok(rows)
    }
}

impl ArticleRecords for Vec<ArticleSummary> {
    fn len(&self) -> usize {
        self.as_slice().len()
    }
    fn id(&self, i: usize) -> ArticleId {
        self[i].id
    }
    fn get(&self, i: usize) -> Result<Cow<'_, ArticleSummary>, ReportError> {
        Ok(Cow::Borrowed(&self[i]))
    }
}

/// Adds `findings` to the per-id severity counts (ids past `counts` are
/// left out).
pub fn count_severities(counts: &mut [[u32; 3]], findings: &[Finding]) {
    for f in findings {
        if let Some(c) = counts.get_mut(f.article.0 as usize) {
            c[f.severity as usize] += 1;
        }
    }
}

/// Writes all reports into the locked folder, atomically as a set.
/// Returns each report's name with the xxh3 hash of the bytes written, so a
/// later `--incremental` run can tell the reports are still these.
///
/// 1. [`fresh_temp_dir`] makes an empty temp folder in the output folder.
/// 2. [`write_table`] renders and fsyncs each table there, in parallel.
/// 3. [`commit`] moves the set into place through the journal.
pub fn write(
    lock: &OutLock,
    reports: &Reports<'_>,
    opts: &Options,
) -> Result<Vec<(String, u64)>, ReportError> {
    let dir = lock.dir();
    let tmp_name = format!("{TMP_PREFIX}{}", std::process::id());
    let tmp = fresh_temp_dir(dir, &tmp_name)?;
    let files = opts.files();
    // The files are independent: rendered and written in parallel.
    let written: Vec<(String, u64)> = files
        .par_iter()
        .enumerate()
        .map(|(i, name)| match REPORTS.get(i) {
            Some(_) => write_table(&tmp, reports, i, name, opts.bom),
            None if *name == WORKBOOK => write_workbook(&tmp, reports, name),
            None => write_review(&tmp, reports, name, opts.review_limit),
        })
        .collect::<Result<_, _>>()?;
    sync_dir(&tmp)?;
    failpoint("before-journal");
    commit(dir, &tmp, &tmp_name, &files)?;
    Ok(written)
}

/// Writes the workbook as `tmp/name` (`tmp`, the commit's temp folder, is
/// also its scratch space), fsyncs it and hashes it by reading it back in
/// chunks; returns its name and the xxh3 hash of its bytes.
fn write_workbook(
    tmp: &Path,
    reports: &Reports<'_>,
    name: &str,
) -> Result<(String, u64), ReportError> {
    let path = tmp.join(name);
    workbook::render(reports, tmp, &path)?;
    let mut f = File::open(&path).map_err(io_err(&path))?;
    f.sync_all().map_err(io_err(&path))?;
    let mut hash = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = std::io::Read::read(&mut f, &mut buf).map_err(io_err(&path))?;
        if n == 0 {
            break;
        }
        hash.update(&buf[..n]);
    }
    Ok((name.to_string(), hash.digest()))
}

/// Writes the review page as `tmp/name`, as it is rendered, and fsyncs
/// it; returns its name and the xxh3 hash of its bytes.
fn write_review(
    tmp: &Path,
    reports: &Reports<'_>,
    name: &str,
    limit: usize,
) -> Result<(String, u64), ReportError> {
    let path = tmp.join(name);
    let f = File::create(&path).map_err(io_err(&path))?;
    let mut out = Hashing {
        inner: std::io::BufWriter::with_capacity(1 << 16, f),
        hash: xxhash_rust::xxh3::Xxh3::new(),
    };
    review::render(reports, reports.texts, limit, &mut out).map_err(io_err(&path))?;
    let hash = out.hash.digest();
    let f = out
        .inner
        .into_inner()
        .map_err(|e| io_err(&path)(e.into_error()))?;
    f.sync_all().map_err(io_err(&path))?;
    Ok((name.to_string(), hash))
}

/// `dir/tmp_name`, created empty (a stale one from this pid is removed).
fn fresh_temp_dir(dir: &Path, tmp_name: &str) -> Result<PathBuf, ReportError> {
    let tmp = dir.join(tmp_name);
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(io_err(&tmp))?;
    }
    fs::create_dir(&tmp).map_err(io_err(&tmp))?;
    Ok(tmp)
}

/// Writes table `which` (named `name`) into `tmp`, BOM first if asked, and
/// fsyncs it; returns its name and the xxh3 hash of the bytes written.
fn write_table(
    tmp: &Path,
    reports: &Reports<'_>,
    which: usize,
    name: &str,
    bom: bool,
) -> Result<(String, u64), ReportError> {
    let path = tmp.join(name);
    let f = File::create(&path).map_err(io_err(&path))?;
    let mut out = Hashing {
        inner: std::io::BufWriter::with_capacity(1 << 16, f),
        hash: xxhash_rust::xxh3::Xxh3::new(),
    };
    if bom {
        out.write_all(b"\xEF\xBB\xBF").map_err(io_err(&path))?;
    }
    let out = tables::render_table(reports, which, out)?;
    let hash = out.hash.digest();
    let f = out
        .inner
        .into_inner()
        .map_err(|e| io_err(&path)(e.into_error()))?;
    f.sync_all().map_err(io_err(&path))?;
    Ok((name.to_string(), hash))
}

/// Moves every report from `tmp` into `dir` as a set. The journal makes the
/// set of renames all-or-nothing: once it is on disk, the next run finishes
/// a commit this one could not (see `lock`).
/// Extras this run did not write are removed, so `--out` never holds a
/// workbook or page of an older run beside newer CSVs.
fn commit(dir: &Path, tmp: &Path, tmp_name: &str, files: &[&str]) -> Result<(), ReportError> {
    let journal = dir.join(JOURNAL);
    {
        let mut j = File::create(&journal).map_err(io_err(&journal))?;
        j.write_all(tmp_name.as_bytes()).map_err(io_err(&journal))?;
        j.sync_all().map_err(io_err(&journal))?;
    }
    sync_dir(dir)?;
    for (i, name) in files.iter().enumerate() {
        let from = tmp.join(name);
        fs::rename(&from, dir.join(name)).map_err(io_err(&from))?;
        if i == 1 {
            failpoint("mid-rename");
        }
    }
    for name in EXTRAS.iter().filter(|n| !files.contains(n)) {
        let stale = dir.join(name);
        if stale.exists() {
            fs::remove_file(&stale).map_err(io_err(&stale))?;
        }
    }
    sync_dir(dir)?;
    fs::remove_file(&journal).map_err(io_err(&journal))?;
    fs::remove_dir_all(tmp).map_err(io_err(tmp))?;
    Ok(())
}

/// A writer that hashes what passes through it (xxh3), so the reports'
/// hashes come with writing them.
struct Hashing<W> {
    inner: W,
    hash: xxhash_rust::xxh3::Xxh3,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes the incremental cache atomically (temp file, fsync, rename).
pub fn write_cache(lock: &OutLock, path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    let _ = lock;
    let tmp = path.with_extension("tmp");
    {
        let mut f = File::create(&tmp).map_err(io_err(&tmp))?;
        f.write_all(bytes).map_err(io_err(&tmp))?;
        f.sync_all().map_err(io_err(&tmp))?;
    }
    fs::rename(&tmp, path).map_err(io_err(&tmp))
}

/// Test hook: `CREDENCE_FAULT=<point>` makes a run abort (as if killed) or
/// pause at a point of the commit, so tests can check what a crash leaves.
fn failpoint(point: &str) {
    if let Ok(v) = std::env::var("CREDENCE_FAULT") {
        if v == format!("abort-{point}") {
            std::process::abort();
        }
        if v == format!("pause-{point}") {
            std::thread::sleep(std::time::Duration::from_secs(3));
        }
    }
}

fn sync_dir(dir: &Path) -> Result<(), ReportError> {
    // Directory fsync makes renames durable; not all platforms allow it.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests;
