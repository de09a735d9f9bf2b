//! `html-eval`: scores credence's HTML reading on a main-text benchmark
//! laid out like trafilatura's (`evaldata.json` mapping page keys to
//! `{"file", "with": [...], "without": [...]}`, pages in the HTML_DIRs).
//!
//! A segment counts as found when its whitespace-normalised text occurs in
//! the whitespace-normalised extracted text: each `with` segment found is a
//! true positive (else a false negative), each `without` segment found a
//! false positive (else a true negative), as the benchmark's own
//! `evaluate.py` counts them. Extraction is timed on one thread; a page
//! that cannot be read scores as an empty extraction.
//!
//! Usage: `html-eval EVALDATA.json HTML_DIR... [--extractor NAME]...
//! [--misses FILE]`. Extractors: `credence` (what a `score` run checks:
//! content and heading paragraphs after dedup's per-article marks) and
//! `reader` (the HTML reader's text alone). `--meta FILE` writes each
//! page's metadata with its origins as TSV, to look over; `--dump FILE`
//! each extracted paragraph as TSV; `--explain FILE` and `--worst N` say
//! why segments were missed or leaked. The evaluation
//! data stays out of this repository.
//!
//! `html-eval --bodies TRUTH.json HTML_DIR...` scores whole article bodies
//! instead, on a benchmark laid out like the public article extraction
//! benchmark (see `bodies`).

mod bodies;

use anyhow::{bail, Context, Result};
use credence::ingest::{explain_html, load_bytes, Explained, Format, IngestConfig, InputFile};
use credence::model::Article;
use credence::pipeline::text::read_article;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// One benchmark page's annotation.
#[derive(serde::Deserialize)]
struct Item {
    file: String,
    with: Vec<String>,
    without: Vec<String>,
}

/// Confusion counts over segments.
#[derive(Default, Clone, Copy)]
struct Counts {
    tp: u64,
    fp: u64,
    fn_: u64,
    tn: u64,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.tn += o.tn;
    }
    fn ratio(a: u64, b: u64) -> f64 {
        if b == 0 {
            0.0
        } else {
            a as f64 / b as f64
        }
    }
    fn precision(&self) -> f64 {
        Self::ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        Self::ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(&self) -> f64 {
        Self::ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
    fn accuracy(&self) -> f64 {
        Self::ratio(self.tp + self.tn, self.tp + self.tn + self.fp + self.fn_)
    }
}

/// Whitespace runs to one space, trimmed (the benchmark's `norm`).
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Scores one extraction against one annotation; also returns the missed
/// `with` and kept `without` segments.
fn count(item: &Item, text: &str) -> (Counts, Vec<String>, Vec<String>) {
    let t = norm(text);
    let missed: Vec<String> = item
        .with
        .iter()
        .filter(|w| !t.contains(&norm(w)))
        .cloned()
        .collect();
    let kept: Vec<String> = item
        .without
        .iter()
        .filter(|w| t.contains(&norm(w)))
        .cloned()
        .collect();
    let c = Counts {
        tp: (item.with.len() - missed.len()) as u64,
        fn_: missed.len() as u64,
        fp: kept.len() as u64,
        tn: (item.without.len() - kept.len()) as u64,
    };
    (c, missed, kept)
}

/// The page read as an HTML input file.
fn load_page(file: &Path, bytes: &[u8], cfg: &IngestConfig) -> Vec<Article> {
    let rel = file.file_name().unwrap_or_default().to_string_lossy();
    let input = InputFile::new(file.to_path_buf(), rel.into(), Format::Html, None);
    load_bytes(&input, bytes, cfg).articles
}

/// The extracted text of one page by extractor `name`.
fn extract(name: &str, file: &Path, bytes: &[u8], cfg: &IngestConfig) -> String {
    let mut out = Vec::new();
    for a in load_page(file, bytes, cfg) {
        match name {
            "reader" => out.push(a.text),
            _ => out.push(read_article(a, 0.75).content_text()),
        }
    }
    out.join("\n\n")
}

struct Args {
    evaldata: PathBuf,
    dirs: Vec<PathBuf>,
    extractors: Vec<String>,
    misses: Option<PathBuf>,
    meta: Option<PathBuf>,
    explain: Option<PathBuf>,
    dump: Option<PathBuf>,
    worst: usize,
}

fn parse_args() -> Result<Args> {
    let mut it = std::env::args().skip(1);
    let mut pos = Vec::new();
    let mut extractors = Vec::new();
    let mut misses = None;
    let mut meta = None;
    let mut explain = None;
    let mut dump = None;
    let mut worst = 0;
    while let Some(a) = it.next() {
        match a.as_str() {
            "--extractor" => extractors.push(it.next().context("--extractor NAME")?),
            "--misses" => misses = Some(PathBuf::from(it.next().context("--misses FILE")?)),
            "--meta" => meta = Some(PathBuf::from(it.next().context("--meta FILE")?)),
            "--explain" => explain = Some(PathBuf::from(it.next().context("--explain FILE")?)),
            "--dump" => dump = Some(PathBuf::from(it.next().context("--dump FILE")?)),
            "--worst" => worst = it.next().context("--worst N")?.parse()?,
            "-h" | "--help" => {
                println!("usage: html-eval EVALDATA.json HTML_DIR... [--extractor credence|reader]... [--misses FILE] [--meta FILE] [--explain FILE] [--dump FILE] [--worst N]");
                std::process::exit(0);
            }
            _ => pos.push(PathBuf::from(a)),
        }
    }
    if pos.len() < 2 {
        bail!("usage: html-eval EVALDATA.json HTML_DIR... [--extractor NAME]... [--misses FILE]");
    }
    let evaldata = pos.remove(0);
    Ok(Args {
        evaldata,
        dirs: pos,
        extractors: known_extractors(extractors)?,
        misses,
        meta,
        explain,
        dump,
        worst,
    })
}

/// The extractors asked for (both when none was), each one [`extract`]
/// knows.
fn known_extractors(asked: Vec<String>) -> Result<Vec<String>> {
    if asked.is_empty() {
        return Ok(vec!["credence".into(), "reader".into()]);
    }
    if let Some(e) = asked
        .iter()
        .find(|e| !matches!(e.as_str(), "credence" | "reader"))
    {
        bail!("unknown extractor {e} (credence, reader)");
    }
    Ok(asked)
}

/// The header of the results table.
fn print_header() {
    println!(
        "{:<12} {:>9} {:>6} {:>6} {:>8} {:>10} {:>12} {:>8}",
        "extractor", "precision", "recall", "F1", "accuracy", "time (s)", "ms per page", "cpu (s)"
    );
}

/// One extractor's line of the results table: its scores, its extraction
/// time over `pages` pages, and the CPU time the extracting thread spent
/// (what to compare on a loaded machine, where wall time is not steady).
fn print_scores(
    name: &str,
    (p, r, f1, accuracy): (f64, f64, f64, f64),
    (time, cpu): (Duration, Duration),
    pages: usize,
) {
    println!(
        "{:<12} {:>9.4} {:>6.4} {:>6.4} {:>8.3} {:>10.2} {:>12.2} {:>8.2}",
        name,
        p,
        r,
        f1,
        accuracy,
        time.as_secs_f64(),
        time.as_secs_f64() * 1000.0 / pages.max(1) as f64,
        cpu.as_secs_f64()
    );
}

/// CPU time the calling thread has used so far (zero where unknown).
fn thread_cpu() -> Duration {
    #[cfg(target_os = "linux")]
    {
        let mut t = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes one timespec into the pointer given.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0 {
            return Duration::new(t.tv_sec as u64, t.tv_nsec as u32);
        }
    }
    Duration::ZERO
}

/// The page file in the first HTML_DIR that has it.
fn find(dirs: &[PathBuf], file: &str) -> Option<PathBuf> {
    dirs.iter().map(|d| d.join(file)).find(|p| p.is_file())
}

fn main() -> Result<()> {
    if std::env::args().nth(1).as_deref() == Some("--bodies") {
        return bodies::main(std::env::args().skip(2));
    }
    let args = parse_args()?;
    let raw = std::fs::read_to_string(&args.evaldata)
        .with_context(|| format!("reading {}", args.evaldata.display()))?;
    let data: BTreeMap<String, Item> = serde_json::from_str(&raw).context("parsing evaldata")?;
    let mut pages = Vec::new();
    for (key, item) in &data {
        let path = find(&args.dirs, &item.file)
            .with_context(|| format!("{key}: page {} not found", item.file))?;
        pages.push((key, item, std::fs::read(&path)?, path));
    }
    let cfg = IngestConfig::default();
    if let Some(path) = &args.meta {
        write_meta(path, &pages, &cfg)?;
    }
    let mut misses = match &args.misses {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p)?)),
        None => None,
    };
    print_header();
    let mut explain = match &args.explain {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p)?)),
        None => None,
    };
    let mut dump = match &args.dump {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p)?)),
        None => None,
    };
    for name in &args.extractors {
        let mut total = Counts::default();
        let mut time = Duration::ZERO;
        let mut cpu = Duration::ZERO;
        let mut per_page = Vec::new();
        for (key, item, bytes, path) in &pages {
            let (start, start_cpu) = (Instant::now(), thread_cpu());
            let text = extract(name, path, bytes, &cfg);
            time += start.elapsed();
            cpu += thread_cpu().saturating_sub(start_cpu);
            let (c, missed, kept) = count(item, &text);
            total.add(c);
            per_page.push((c.fn_ + c.fp, c.fn_, c.fp, key.as_str()));
            if let Some(w) = explain.as_mut() {
                write_explained(w, name, key, bytes, &missed, &kept)?;
            }
            if let Some(w) = dump.as_mut() {
                write_dump(w, name, key, &text)?;
            }
            if let Some(w) = misses.as_mut() {
                for m in missed {
                    writeln!(w, "{name}\tMISSED\t{key}\t{}\t{}", item.file, norm(&m))?;
                }
                for k in kept {
                    writeln!(w, "{name}\tKEPT\t{key}\t{}\t{}", item.file, norm(&k))?;
                }
            }
        }
        let scores = (
            total.precision(),
            total.recall(),
            total.f1(),
            total.accuracy(),
        );
        print_scores(name, scores, (time, cpu), pages.len());
        print_worst(name, &mut per_page, args.worst);
    }
    Ok(())
}

/// The `n` pages with the most missed plus leaked segments.
fn print_worst(name: &str, per_page: &mut [(u64, u64, u64, &str)], n: usize) {
    per_page.sort_by(|a, b| b.0.cmp(&a.0).then(a.3.cmp(b.3)));
    for (_, missed, leaked, key) in per_page.iter().take(n) {
        println!("  {name}\tmissed {missed}\tleaked {leaked}\t{key}");
    }
}

/// Each missed and leaked segment of a page with the fate and ancestors
/// of the page block that holds its start (`-` when no block does).
fn write_explained(
    w: &mut impl Write,
    name: &str,
    key: &str,
    bytes: &[u8],
    missed: &[String],
    kept: &[String],
) -> Result<()> {
    if missed.is_empty() && kept.is_empty() {
        return Ok(());
    }
    let blocks: Vec<(String, &Explained)> = Vec::new();
    let explained = explain_html(bytes);
    let mut blocks = blocks;
    blocks.extend(explained.iter().map(|b| (norm(&b.text), b)));
    for (kind, segs) in [("MISSED", missed), ("KEPT", kept)] {
        for seg in segs {
            let seg = norm(seg);
            let head: String = seg.chars().take(40).collect();
            let hit = blocks.iter().find(|(t, _)| {
                t.contains(&head) || t.chars().count() >= 12 && seg.contains(t.as_str())
            });
            let (fate, path) = hit.map_or(("-", ""), |(_, b)| (b.fate, b.path.as_str()));
            writeln!(w, "{name}\t{kind}\t{fate}\t{key}\t{path}\t{seg}")?;
        }
    }
    Ok(())
}

/// Each paragraph of a page's extracted text as one TSV line: extractor,
/// page, paragraph number, text (whitespace normalised).
fn write_dump(w: &mut impl Write, name: &str, key: &str, text: &str) -> Result<()> {
    for (i, para) in text.split("\n\n").enumerate() {
        writeln!(w, "{name}\t{key}\t{i}\t{}", norm(para))?;
    }
    Ok(())
}

/// Each page's metadata and where it came from, as TSV.
fn write_meta(
    path: &Path,
    pages: &[(&String, &Item, Vec<u8>, PathBuf)],
    cfg: &IngestConfig,
) -> Result<()> {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(w, "page\ttitle\ttitle_origin\tsource\tsource_origin\tauthor\tauthor_origin\turl\turl_origin\tdate\tdate_origin")?;
    for (key, _, bytes, file) in pages {
        for a in load_page(file, bytes, cfg) {
            let o = a.origins;
            writeln!(
                w,
                "{key}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                norm(&a.title),
                o.title.as_str(),
                norm(&a.source),
                o.source.as_str(),
                norm(&a.author),
                o.author.as_str(),
                norm(&a.url),
                o.url.as_str(),
                a.date,
                a.date_origin.as_str()
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_count_after_whitespace_normalisation() {
        let item = Item {
            file: "x.html".into(),
            with: vec!["kept  text".into(), "lost".into()],
            without: vec!["menu".into(), "footer".into()],
        };
        let (c, missed, kept) = count(&item, "some kept\ntext and a menu");
        assert_eq!((c.tp, c.fn_, c.fp, c.tn), (1, 1, 1, 1));
        assert_eq!(missed, vec!["lost".to_string()]);
        assert_eq!(kept, vec!["menu".to_string()]);
        assert!((c.f1() - 0.5).abs() < 1e-9);
    }
}
