//! Writing the CSV reports, atomically, and guarding the output folder.
//!
//! In: the run's final tables ([`Reports`]). Out: `articles.csv`,
//! `findings.csv`, `duplicates.csv`, `claims.csv`, `sources.csv` in `--out`.
//! Guarantees: fixed columns, header row, rows sorted; UTF-8 with a BOM unless
//! asked not to; free-text cells that a spreadsheet would run as a formula are
//! neutralised and no cell exceeds Excel's 32,767 characters; all five files
//! appear together or not at all (temp folder, fsync, journal, rename), so a
//! run killed at any point leaves the previous reports intact; one run at a
//! time holds the folder's lock. This is the only module that writes files;
//! it also keeps the cross-article pass's scratch space ([`Scratch`], an
//! anonymous temporary file in `--out`) and returns each report's hash for
//! the incremental up-to-date check.

use crate::model::{
    ArticleId, ArticleScore, ArticleSummary, ClaimRow, DuplicateRow, Finding, ParaMark, Severity,
    SourceRow,
};
use rayon::prelude::*;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Report file names, in the order they are written.
pub const REPORTS: [&str; 5] = [
    "articles.csv",
    "findings.csv",
    "duplicates.csv",
    "claims.csv",
    "sources.csv",
];

/// Excel's limit on characters in one cell.
pub const MAX_CELL: usize = 32_767;

const LOCK_FILE: &str = ".credence.lock";
const JOURNAL: &str = ".credence-commit";
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
    pub articles: &'a [ArticleSummary],
    /// Final marks per article (indexed like `articles`).
    pub marks: &'a [Vec<ParaMark>],
    pub scores: &'a [ArticleScore],
    /// All findings, any order (sorted here).
    pub findings: &'a [Finding],
    pub duplicates: &'a [DuplicateRow],
    pub claims: &'a [ClaimRow],
    pub sources: &'a [SourceRow],
    /// Report key of every entry (articles and failed inputs), by id.
    pub keys: &'a [String],
}

/// Held while a run owns an output folder; released on drop or process death.
#[derive(Debug)]
pub struct OutLock {
    _file: File,
    dir: PathBuf,
}

impl OutLock {
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Creates `dir` if needed and takes its lock. A lock left by a process that
/// died is free again (the kernel drops it), so stale locks never block.
/// Also finishes a commit that a killed run left half done and removes stray
/// temp folders.
pub fn lock_out(dir: &Path) -> Result<OutLock, ReportError> {
    fs::create_dir_all(dir).map_err(io_err(dir))?;
    let path = dir.join(LOCK_FILE);
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io_err(&path))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            let pid = fs::read_to_string(&path)
                .ok()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "unknown".into());
            return Err(ReportError::Locked {
                dir: dir.to_path_buf(),
                pid,
            });
        }
        Err(fs::TryLockError::Error(e)) => return Err(io_err(&path)(e)),
    }
    file.set_len(0).map_err(io_err(&path))?;
    write!(file, "{}", std::process::id()).map_err(io_err(&path))?;
    file.flush().map_err(io_err(&path))?;
    recover(dir)?;
    Ok(OutLock {
        _file: file,
        dir: dir.to_path_buf(),
    })
}

/// Completes a journaled commit (roll forward) and removes stray temp folders.
fn recover(dir: &Path) -> Result<(), ReportError> {
    let journal = dir.join(JOURNAL);
    if let Ok(text) = fs::read_to_string(&journal) {
        let tmp = dir.join(text.trim());
        if tmp.is_dir() && text.trim().starts_with(TMP_PREFIX) {
            for name in REPORTS {
                let from = tmp.join(name);
                if from.exists() {
                    fs::rename(&from, dir.join(name)).map_err(io_err(&from))?;
                }
            }
        }
        fs::remove_file(&journal).map_err(io_err(&journal))?;
    }
    if let Ok(rd) = fs::read_dir(dir) {
        for e in rd.flatten() {
            if e.file_name().to_string_lossy().starts_with(TMP_PREFIX) {
                let _ = fs::remove_dir_all(e.path());
            }
        }
    }
    Ok(())
}

/// Scratch space of the cross-article pass in an anonymous temporary file in
/// the output folder (unlinked at creation, so the OS reclaims it even if the
/// run is killed). Appends are buffered; if the file cannot be created or
/// written, the data stays in memory instead: slower to hold, never lost.
pub struct Scratch {
    file: Option<File>,
    /// Bytes in the file; offsets at or past this are in `memory`.
    in_file: u64,
    buffer: Vec<u8>,
    memory: Vec<u8>,
}

/// Appends are written in chunks of about this size.
const SCRATCH_BUFFER: usize = 1 << 20;

impl Scratch {
    pub fn new(lock: &OutLock) -> Scratch {
        Scratch {
            file: tempfile::tempfile_in(lock.dir()).ok(),
            in_file: 0,
            buffer: Vec::new(),
            memory: Vec::new(),
        }
    }

    fn flush(&mut self) {
        if self.buffer.is_empty() {
            return;
        }
        match self.file.as_mut().map(|f| f.write_all(&self.buffer)) {
            Some(Ok(())) => self.in_file += self.buffer.len() as u64,
            // The file failed: keep everything from here on in memory.
            _ => {
                self.file = self.file.take().filter(|_| self.in_file > 0);
                self.memory.extend_from_slice(&self.buffer);
            }
        }
        self.buffer.clear();
    }
}

impl crate::model::Scratch for Scratch {
    fn append(&mut self, bytes: &[u8]) -> u64 {
        let at = self.in_file + self.memory.len() as u64 + self.buffer.len() as u64;
        if self.file.is_some() && self.memory.is_empty() {
            self.buffer.extend_from_slice(bytes);
            if self.buffer.len() >= SCRATCH_BUFFER {
                self.flush();
            }
        } else {
            self.memory.extend_from_slice(bytes);
        }
        at
    }

    fn finish(&mut self) {
        self.flush();
    }

    fn read(&self, offset: u64, len: u32) -> Vec<u8> {
        if offset >= self.in_file {
            return self.memory.read(offset - self.in_file, len);
        }
        let mut out = vec![0u8; len as usize];
        match &self.file {
            Some(f) if read_at(f, &mut out, offset).is_ok() => out,
            _ => Vec::new(),
        }
    }
}

#[cfg(unix)]
fn read_at(f: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(f, buf, offset)
}

#[cfg(windows)]
fn read_at(f: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_read(f, buf, offset)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf = &mut buf[n..];
        offset += n as u64;
    }
    Ok(())
}

#[cfg(not(any(unix, windows)))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Writes all reports into the locked folder, atomically as a set.
/// Returns each report's name with the xxh3 hash of the bytes written, so a
/// later `--incremental` run can tell the reports are still these.
pub fn write(
    lock: &OutLock,
    reports: &Reports<'_>,
    bom: bool,
) -> Result<Vec<(String, u64)>, ReportError> {
    let dir = lock.dir();
    let tmp_name = format!("{TMP_PREFIX}{}", std::process::id());
    let tmp = dir.join(&tmp_name);
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(io_err(&tmp))?;
    }
    fs::create_dir(&tmp).map_err(io_err(&tmp))?;
    // The five tables are independent: rendered and written in parallel.
    let written: Vec<(String, u64)> = REPORTS
        .par_iter()
        .enumerate()
        .map(|(i, name)| -> Result<(String, u64), ReportError> {
            let path = tmp.join(name);
            let f = File::create(&path).map_err(io_err(&path))?;
            let mut out = Hashing {
                inner: std::io::BufWriter::with_capacity(1 << 16, f),
                hash: xxhash_rust::xxh3::Xxh3::new(),
            };
            if bom {
                out.write_all(b"\xEF\xBB\xBF").map_err(io_err(&path))?;
            }
            let out = render_table(reports, i, out)?;
            let hash = out.hash.digest();
            let f = out
                .inner
                .into_inner()
                .map_err(|e| io_err(&path)(e.into_error()))?;
            f.sync_all().map_err(io_err(&path))?;
            Ok((name.to_string(), hash))
        })
        .collect::<Result<_, _>>()?;
    sync_dir(&tmp)?;
    failpoint("before-journal");
    // The journal makes the set of renames all-or-nothing: once it is on
    // disk, the next run finishes a commit this one could not.
    let journal = dir.join(JOURNAL);
    {
        let mut j = File::create(&journal).map_err(io_err(&journal))?;
        j.write_all(tmp_name.as_bytes()).map_err(io_err(&journal))?;
        j.sync_all().map_err(io_err(&journal))?;
    }
    sync_dir(dir)?;
    for (i, name) in REPORTS.iter().enumerate() {
        let from = tmp.join(name);
        fs::rename(&from, dir.join(name)).map_err(io_err(&from))?;
        if i == 1 {
            failpoint("mid-rename");
        }
    }
    sync_dir(dir)?;
    fs::remove_file(&journal).map_err(io_err(&journal))?;
    fs::remove_dir_all(&tmp).map_err(io_err(&tmp))?;
    Ok(written)
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

/// Makes a free-text cell safe to open in a spreadsheet: a leading `=`, `+`,
/// `-`, `@`, tab or CR would start a formula, so it gets a `'` in front
/// (OWASP CSV injection guidance); cells are cut to 32,767 characters.
pub fn safe_text(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let mut out = if risky {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if out.len() > MAX_CELL {
        let cut = out
            .char_indices()
            .nth(MAX_CELL - 1)
            .map(|(i, _)| i)
            .unwrap_or(out.len());
        out.truncate(cut);
        out.push('…');
    }
    out
}

/// Formats a number for a report: integers without decimals, others with up
/// to `decimals` places, trailing zeros dropped. Never scientific notation.
pub fn fmt_num(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return String::new();
    }
    if v.fract() == 0.0 && v.abs() < 1e17 {
        return format!("{}", v as i64);
    }
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

/// A CSV writer onto `out` with the reports' dialect (CRLF rows).
fn csv_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

/// Renders the five tables (without BOM), in [`REPORTS`] order. Pure.
pub fn render(r: &Reports<'_>) -> Result<Vec<Vec<u8>>, ReportError> {
    (0..REPORTS.len())
        .map(|i| render_table(r, i, Vec::new()))
        .collect()
}

/// Streams table `which` (an index into [`REPORTS`]) onto `out`, one row at
/// a time, so no table is held in memory as cells or bytes.
fn render_table<W: Write>(r: &Reports<'_>, which: usize, out: W) -> Result<W, ReportError> {
    let mut w = csv_writer(out);
    match which {
        0 => articles_table(r, &mut w),
        1 => findings_table(r, &mut w),
        2 => duplicates_table(r, &mut w),
        3 => claims_table(r, &mut w),
        _ => sources_table(r, &mut w),
    }
    .map_err(|source| ReportError::Csv {
        path: PathBuf::from(REPORTS[which.min(REPORTS.len() - 1)]),
        source,
    })?;
    w.into_inner().map_err(|e| ReportError::Io {
        path: PathBuf::from(REPORTS[which.min(REPORTS.len() - 1)]),
        source: e.into_error(),
    })
}

fn key_of(r: &Reports<'_>, id: ArticleId) -> String {
    r.keys.get(id.0 as usize).cloned().unwrap_or_default()
}

fn articles_table<W: Write>(r: &Reports<'_>, w: &mut csv::Writer<W>) -> csv::Result<()> {
    // Counts and scores are indexed by id once: a scan of all findings per
    // article would be quadratic (minutes at 200,000 articles).
    let mut counts = vec![[0usize; 3]; r.keys.len()];
    for f in r.findings {
        if let Some(c) = counts.get_mut(f.article.0 as usize) {
            c[f.severity as usize] += 1;
        }
    }
    let mut score_of: Vec<Option<&ArticleScore>> = vec![None; r.keys.len()];
    for s in r.scores {
        if let Some(slot) = score_of.get_mut(s.article.0 as usize) {
            *slot = Some(s);
        }
    }
    w.write_record([
        "article",
        "source",
        "title",
        "date",
        "date_origin",
        "words",
        "paragraphs",
        "duplicate_paragraphs",
        "boilerplate_paragraphs",
        "errors",
        "warnings",
        "infos",
        "score",
        "grade",
        "top_finding",
    ])?;
    let mut order: Vec<usize> = (0..r.articles.len()).collect();
    order.sort_by_key(|&i| r.articles[i].id);
    for i in order {
        let a = &r.articles[i];
        let marks = r.marks.get(i).map(|m| m.as_slice()).unwrap_or(&[]);
        let words: u32 = a
            .para_words
            .iter()
            .enumerate()
            .filter(|(j, _)| marks.get(*j).is_none_or(|m| m.is_content()))
            .map(|(_, w)| *w)
            .sum();
        let dups = marks
            .iter()
            .filter(|m| matches!(m, ParaMark::Duplicate | ParaMark::Syndicated))
            .count();
        let boiler = marks
            .iter()
            .filter(|m| **m == ParaMark::Boilerplate)
            .count();
        let count = |s: Severity| counts.get(a.id.0 as usize).map_or(0, |c| c[s as usize]);
        let score = score_of.get(a.id.0 as usize).copied().flatten();
        w.write_record([
            safe_text(&a.key),
            safe_text(&a.source),
            safe_text(&a.title),
            a.date.to_string(),
            a.date_origin.as_str().to_string(),
            words.to_string(),
            a.para_words.len().to_string(),
            dups.to_string(),
            boiler.to_string(),
            count(Severity::Error).to_string(),
            count(Severity::Warning).to_string(),
            count(Severity::Info).to_string(),
            score.map(|s| fmt_num(s.score, 1)).unwrap_or_default(),
            score.map(|s| s.grade.clone()).unwrap_or_default(),
            safe_text(score.map(|s| s.top_finding.as_str()).unwrap_or("")),
        ])?;
    }
    Ok(())
}

fn findings_table<W: Write>(r: &Reports<'_>, w: &mut csv::Writer<W>) -> csv::Result<()> {
    let para =
        |p: Option<crate::model::ParaIdx>| p.map(|p| p.number().to_string()).unwrap_or_default();
    let mut fs: Vec<&Finding> = r.findings.iter().collect();
    fs.sort_by(|a, b| {
        (
            a.article,
            a.paragraph,
            a.line,
            a.kind,
            &a.mention,
            &a.message,
            &a.expected,
            &a.evidence,
        )
            .cmp(&(
                b.article,
                b.paragraph,
                b.line,
                b.kind,
                &b.mention,
                &b.message,
                &b.expected,
                &b.evidence,
            ))
    });
    w.write_record([
        "article",
        "paragraph",
        "line",
        "severity",
        "kind",
        "mention",
        "expected",
        "message",
        "evidence",
    ])?;
    for f in fs {
        w.write_record([
            safe_text(&key_of(r, f.article)),
            para(f.paragraph),
            f.line.map(|l| l.to_string()).unwrap_or_default(),
            f.severity.as_str().to_string(),
            f.kind.as_str().to_string(),
            safe_text(&f.mention),
            safe_text(&f.expected),
            safe_text(&f.message),
            safe_text(&f.evidence),
        ])?;
    }
    Ok(())
}

fn duplicates_table<W: Write>(r: &Reports<'_>, w: &mut csv::Writer<W>) -> csv::Result<()> {
    let mut ds: Vec<&DuplicateRow> = r.duplicates.iter().collect();
    ds.sort_by_key(|d| (d.group, d.article, d.paragraph));
    w.write_record([
        "group",
        "article",
        "paragraph",
        "line",
        "kind",
        "similarity",
        "first_article",
        "first_paragraph",
        "text",
    ])?;
    for d in ds {
        w.write_record([
            d.group.to_string(),
            safe_text(&key_of(r, d.article)),
            d.paragraph.number().to_string(),
            d.line.to_string(),
            d.kind.as_str().to_string(),
            fmt_num(d.similarity, 3),
            safe_text(&key_of(r, d.first_article)),
            d.first_paragraph.number().to_string(),
            safe_text(&crate::text::truncate_chars(&d.text, 200)),
        ])?;
    }
    Ok(())
}

fn claims_table<W: Write>(r: &Reports<'_>, w: &mut csv::Writer<W>) -> csv::Result<()> {
    let mut cs: Vec<&ClaimRow> = r.claims.iter().collect();
    cs.sort_by(|a, b| {
        (&a.claim, a.article, a.paragraph, &a.mention)
            .cmp(&(&b.claim, b.article, b.paragraph, &b.mention))
            .then(a.value.total_cmp(&b.value))
    });
    w.write_record([
        "claim",
        "article",
        "paragraph",
        "mention",
        "value",
        "unit",
        "consensus",
        "support",
        "agrees",
        "reference",
    ])?;
    for c in cs {
        w.write_record([
            safe_text(&c.claim),
            safe_text(&key_of(r, c.article)),
            c.paragraph.number().to_string(),
            safe_text(&c.mention),
            fmt_num(c.value, 6),
            safe_text(&c.unit),
            c.consensus.map(|v| fmt_num(v, 6)).unwrap_or_default(),
            fmt_num(c.support, 3),
            if c.agrees { "yes" } else { "no" }.to_string(),
            safe_text(&c.reference),
        ])?;
    }
    Ok(())
}

fn sources_table<W: Write>(r: &Reports<'_>, w: &mut csv::Writer<W>) -> csv::Result<()> {
    let mut ss: Vec<&SourceRow> = r.sources.iter().collect();
    ss.sort_by(|a, b| a.source.cmp(&b.source));
    w.write_record([
        "source",
        "articles",
        "mean_score",
        "min_score",
        "errors",
        "warnings",
        "trust",
        "worst_article",
    ])?;
    for s in ss {
        w.write_record([
            safe_text(&s.source),
            s.articles.to_string(),
            fmt_num(s.mean_score, 1),
            fmt_num(s.min_score, 1),
            s.errors.to_string(),
            s.warnings.to_string(),
            s.trust.map(|t| fmt_num(t, 3)).unwrap_or_default(),
            safe_text(&s.worst_article),
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch_round_trip(mut scratch: Scratch) {
        use crate::model::Scratch as _;
        let records: Vec<Vec<u8>> = (0..3000u32)
            .map(|i| (0..(i % 700)).map(|j| (i ^ j) as u8).collect())
            .collect();
        let at: Vec<u64> = records.iter().map(|r| scratch.append(r)).collect();
        scratch.finish();
        for (r, &o) in records.iter().zip(&at).rev() {
            assert_eq!(&scratch.read(o, r.len() as u32), r);
        }
        assert!(scratch.read(u64::MAX - 4, 8).is_empty());
    }

    #[test]
    fn scratch_reads_back_what_was_appended_from_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let lock = lock_out(dir.path()).unwrap();
        let scratch = Scratch::new(&lock);
        assert!(scratch.file.is_some());
        scratch_round_trip(scratch);
        // Anonymous: nothing is left in the folder but the lock.
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from(LOCK_FILE)]);
    }

    #[test]
    fn scratch_without_a_file_keeps_its_data_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let lock = lock_out(dir.path()).unwrap();
        let mut scratch = Scratch::new(&lock);
        scratch.file = None;
        scratch_round_trip(scratch);
    }

    #[test]
    fn formula_triggers_are_neutralised() {
        for s in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(safe_text(s).starts_with('\''), "{s:?}");
        }
        assert_eq!(safe_text("plain"), "plain");
        assert_eq!(safe_text(""), "");
    }

    #[test]
    fn long_cells_are_cut() {
        let long = "x".repeat(40_000);
        assert_eq!(safe_text(&long).chars().count(), MAX_CELL);
    }

    #[test]
    fn numbers_are_plain() {
        assert_eq!(fmt_num(550e9, 6), "550000000000");
        assert_eq!(fmt_num(0.8126, 3), "0.813");
        assert_eq!(fmt_num(72.0, 1), "72");
        assert_eq!(fmt_num(72.25, 1), "72.2");
        assert_eq!(fmt_num(-0.0001, 1), "0");
        assert_eq!(fmt_num(f64::NAN, 1), "");
    }

    #[test]
    fn empty_reports_have_headers() {
        let r = Reports {
            articles: &[],
            marks: &[],
            scores: &[],
            findings: &[],
            duplicates: &[],
            claims: &[],
            sources: &[],
            keys: &[],
        };
        let t = render(&r).unwrap();
        assert_eq!(t.len(), 5);
        assert!(String::from_utf8_lossy(&t[1]).starts_with("article,paragraph,line,severity,kind"));
    }

    #[test]
    fn lock_is_exclusive_and_released() {
        let dir = tempfile::tempdir().unwrap();
        let l = lock_out(dir.path()).unwrap();
        // A second handle in the same process conflicts too (flock per open file).
        match lock_out(dir.path()) {
            Err(ReportError::Locked { pid, .. }) => assert_eq!(pid, std::process::id().to_string()),
            other => panic!("expected Locked, got {other:?}"),
        }
        drop(l);
        assert!(lock_out(dir.path()).is_ok());
    }

    #[test]
    fn half_done_commit_is_rolled_forward() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = dir.path().join(format!("{TMP_PREFIX}999"));
        fs::create_dir(&tmp).unwrap();
        for n in REPORTS {
            fs::write(tmp.join(n), "new").unwrap();
        }
        fs::write(dir.path().join("articles.csv"), "new").unwrap(); // renamed already
        fs::remove_file(tmp.join("articles.csv")).unwrap();
        fs::write(dir.path().join(JOURNAL), format!("{TMP_PREFIX}999")).unwrap();
        let _l = lock_out(dir.path()).unwrap();
        for n in REPORTS {
            assert_eq!(fs::read_to_string(dir.path().join(n)).unwrap(), "new");
        }
        assert!(!tmp.exists());
        assert!(!dir.path().join(JOURNAL).exists());
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use crate::model::{Finding, FindingKind};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn cells_never_start_with_a_trigger_and_round_trip(
            mention in "\\PC{0,40}|[=+@\t\r-].{0,10}",
            message in "(\\PC|[\r\n\t\",])*",
        ) {
            let f = Finding::new(ArticleId(0), FindingKind::WrongOfficeholder)
                .mention(mention.clone())
                .message(message.clone());
            let keys = vec!["a.txt".to_string()];
            let findings = [f];
            let r = Reports {
                articles: &[], marks: &[], scores: &[], findings: &findings,
                duplicates: &[], claims: &[], sources: &[], keys: &keys,
            };
            let tables = render(&r).unwrap();
            let mut rdr = csv::Reader::from_reader(tables[1].as_slice());
            let rec = rdr.records().next().unwrap().unwrap();
            for cell in rec.iter() {
                prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']));
            }
            // Round trip: what the reader sees is the text, or the text
            // behind the neutralising quote.
            for (cell, orig) in [(&rec[5], &mention), (&rec[7], &message)] {
                let back = cell.strip_prefix('\'').filter(|_| orig.starts_with(['=', '+', '-', '@', '\t', '\r'])).unwrap_or(cell);
                prop_assert_eq!(back, orig.as_str());
            }
        }
    }
}
