//! Running the stages end to end.
//!
//! In: a [`Config`]. Out: the reports in `--out` and a [`RunSummary`].
//! The per-article stages (read, segment, fingerprint, names, claim
//! extraction, text checks) run fused, in parallel over articles, in batches,
//! so only compact per-article results (no texts) are kept; the cross-article
//! stages (dedup link, truth discovery, scoring) then run over those results
//! and reduce in a fixed order. Guarantees: the same input gives
//! byte-identical reports whatever `--jobs` is; a bad article is counted and
//! reported, never the end of the run; bad rules stop the run before the
//! output folder is touched.

use crate::dedup::{self, DedupConfig};
use crate::ingest::{self, Entry, IngestConfig};
use crate::mentions::{self, NameIndex};
use crate::model::{
    Article, ArticleId, ArticleSummary, Date, Finding, FindingKind, InputFailure, Severity,
};
use crate::report::{self, Reports};
use crate::rules::{Rules, RulesError};
use crate::{claims, score, segment};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Everything a run needs to know, resolved from the command line.
#[derive(Clone, Debug)]
pub struct Config {
    pub inputs: Vec<PathBuf>,
    pub rules_dir: PathBuf,
    pub out_dir: PathBuf,
    pub as_of: Option<Date>,
    pub run_date: Date,
    /// Worker threads; `None` = one per core.
    pub jobs: Option<usize>,
    /// Draw progress bars (the caller decides: terminal, not quiet).
    pub progress: bool,
    pub verbose: u8,
    pub fail_under: Option<f64>,
    pub bom: bool,
    pub near_dup: f64,
    pub max_file_size: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            inputs: vec![PathBuf::from("seeds")],
            rules_dir: PathBuf::from("rules"),
            out_dir: PathBuf::from("out"),
            as_of: None,
            run_date: Date::today(),
            jobs: None,
            progress: false,
            verbose: 0,
            fail_under: None,
            bom: true,
            near_dup: DedupConfig::default().near_dup,
            max_file_size: 16 * 1024 * 1024,
        }
    }
}

/// What a run did, for the summary line and the exit code.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunSummary {
    pub articles: usize,
    pub failed: usize,
    pub skipped: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Articles scoring below `--fail-under`: (key, score).
    pub below: Vec<(String, f64)>,
    pub out_dir: PathBuf,
    /// Files skipped for their extension (listed with -v).
    pub skipped_paths: Vec<PathBuf>,
    /// Wall time of each stage, in run order (printed with -v, read by the
    /// benchmark). The per-article pass is split into `read` (load, decode,
    /// parse) and `analyze` (segment, fingerprint, names, claims, text checks).
    pub timings: Vec<(&'static str, Duration)>,
    /// Bytes of the input files the run read.
    pub input_bytes: u64,
}

/// Why a run stopped.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("invalid rules in {dir}:\n{source}")]
    Rules {
        dir: PathBuf,
        #[source]
        source: RulesError,
    },
    #[error(transparent)]
    Input(#[from] ingest::IngestError),
    #[error(transparent)]
    Report(#[from] report::ReportError),
    #[error("cannot start {0} worker threads: {1}")]
    Pool(usize, String),
}

impl RunError {
    /// The documented exit code: 75 when another run holds the lock, else 2.
    pub fn exit_code(&self) -> i32 {
        match self {
            RunError::Report(report::ReportError::Locked { .. }) => 75,
            _ => 2,
        }
    }
}

/// Stage names for progress, in order.
const STAGES: [&str; 7] = [
    "reading",
    "segmenting",
    "deduplicating",
    "checking names",
    "comparing claims",
    "scoring",
    "writing reports",
];

/// Per-stage progress bars, drawn only when asked.
struct Progress {
    bars: Vec<ProgressBar>,
    _multi: MultiProgress,
}

impl Progress {
    fn new(show: bool, total: u64) -> Progress {
        let multi = MultiProgress::with_draw_target(if show {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        });
        let style =
            ProgressStyle::with_template("{prefix:>3} {msg:<17} [{bar:30}] {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
        let bars = STAGES
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let b = multi.add(ProgressBar::new(total));
                b.set_style(style.clone());
                b.set_prefix(format!("{}/7", i + 1));
                b.set_message(*name);
                b
            })
            .collect();
        Progress {
            bars,
            _multi: multi,
        }
    }
    fn stage(&self, i: usize) -> &ProgressBar {
        &self.bars[i]
    }
    fn finish(&self, i: usize) {
        let b = &self.bars[i];
        b.set_length(b.length().unwrap_or(0).max(b.position()));
        b.finish();
    }
}

/// Shared, read-only context of the per-article pass.
struct Ctx<'a> {
    names: &'a NameIndex,
    dedup: &'a DedupConfig,
    progress: &'a Progress,
}

/// Name-check finding kinds: dropped when their paragraph turns out to be a
/// repeat or boilerplate.
fn is_name_kind(k: FindingKind) -> bool {
    matches!(
        k,
        FindingKind::OutdatedOfficeholder
            | FindingKind::WrongOfficeholder
            | FindingKind::MisspelledName
            | FindingKind::RoleMismatch
            | FindingKind::NameVariant
    )
}

/// The per-article pass for one article: pure and sequential, so it can be
/// tested without threads. Returns the compact summary (no text).
pub fn analyze(mut article: Article, names: &NameIndex, dedup_cfg: &DedupConfig) -> ArticleSummary {
    segment::segment(&mut article);
    analyze_segmented(article, names, dedup_cfg, None)
}

fn analyze_segmented(
    article: Article,
    names: &NameIndex,
    dedup_cfg: &DedupConfig,
    progress: Option<&Progress>,
) -> ArticleSummary {
    let tick = |i: usize| {
        if let Some(p) = progress {
            p.stage(i).inc(1)
        }
    };
    tick(1);
    let prints = dedup::fingerprint(&article, dedup_cfg);
    tick(2);
    let mut findings = article.notes.clone();
    findings.extend(mentions::check(&article, &prints.marks, names));
    tick(3);
    let claims = claims::extract(&article, &prints.marks);
    tick(4);
    findings.extend(score::inspect(&article, &prints.marks));
    for f in &mut findings {
        f.article = article.id;
    }
    ArticleSummary {
        id: article.id,
        para_words: article.paragraphs.iter().map(|p| p.words).collect(),
        para_lines: article.paragraphs.iter().map(|p| p.line).collect(),
        key: article.key,
        path: article.path,
        first_line: article.first_line,
        title: article.title,
        source: article.source,
        author: article.author,
        url: article.url,
        date: article.date,
        date_origin: article.date_origin,
        content_hash: article.content_hash,
        prints,
        findings,
        claims,
    }
}

/// Entries are read in batches of about this many bytes, so memory holds
/// one batch of texts at a time.
const BATCH_BYTES: u64 = 64 * 1024 * 1024;
const BATCH_FILES: usize = 2048;

/// Runs credence end to end and writes the reports.
pub fn run(cfg: &Config) -> Result<RunSummary, RunError> {
    let rules = Rules::load(&cfg.rules_dir).map_err(|source| RunError::Rules {
        dir: cfg.rules_dir.clone(),
        source,
    })?;
    let discovered = Instant::now();
    let discovery = ingest::discover(&cfg.inputs)?;
    let discovered = discovered.elapsed();
    let lock = report::lock_out(&cfg.out_dir)?;

    let threads = cfg
        .jobs
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        })
        .max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| RunError::Pool(threads, e.to_string()))?;
    let mut sum = pool.install(|| run_in_pool(cfg, &rules, discovery, &lock))?;
    sum.timings.insert(0, ("discover", discovered));
    Ok(sum)
}

fn run_in_pool(
    cfg: &Config,
    rules: &Rules,
    discovery: ingest::Discovery,
    lock: &report::OutLock,
) -> Result<RunSummary, RunError> {
    let icfg = IngestConfig {
        as_of: cfg.as_of,
        run_date: cfg.run_date,
        max_file_size: cfg.max_file_size,
    };
    let dcfg = DedupConfig {
        near_dup: cfg.near_dup,
    };
    let names = NameIndex::new(rules);
    let entries = discovery.entries;
    let progress = Progress::new(cfg.progress, entries.len() as u64);
    let ctx = Ctx {
        names: &names,
        dedup: &dcfg,
        progress: &progress,
    };

    // ---- per-article pass, in batches
    let mut summaries: Vec<ArticleSummary> = Vec::new();
    let mut failures: Vec<InputFailure> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let mut entry_of: Vec<u32> = Vec::new();
    let (mut read_time, mut analyze_time, mut input_bytes) = (Duration::ZERO, Duration::ZERO, 0u64);
    let mut start = 0;
    while start < entries.len() {
        let mut end = start;
        let mut bytes = 0u64;
        while end < entries.len()
            && (end == start || (bytes < BATCH_BYTES && end - start < BATCH_FILES))
        {
            if let Entry::File(f) = &entries[end] {
                bytes += std::fs::metadata(&f.path).map(|m| m.len()).unwrap_or(0);
            }
            end += 1;
        }
        input_bytes += bytes;
        let clock = Instant::now();
        let loaded: Vec<ingest::Loaded> = entries[start..end]
            .par_iter()
            .map(|e| {
                let l = ingest::load(e, &icfg);
                ctx.progress.stage(0).inc(1);
                l
            })
            .collect();
        read_time += clock.elapsed();
        // Number articles and failures in discovery order.
        let mut batch: Vec<Article> = Vec::new();
        for (offset, l) in loaded.into_iter().enumerate() {
            let entry_idx = (start + offset) as u32;
            // Records and failures of one JSONL file interleave by line.
            let mut items: Vec<(u32, Result<Article, InputFailure>)> = l
                .articles
                .into_iter()
                .map(|a| (a.first_line, Ok(a)))
                .chain(
                    l.failures
                        .into_iter()
                        .map(|f| (f.line.unwrap_or(0), Err(f))),
                )
                .collect();
            items.sort_by_key(|(line, _)| *line);
            for (_, item) in items {
                let id = ArticleId(keys.len() as u32);
                entry_of.push(entry_idx);
                match item {
                    Ok(mut a) => {
                        a.id = id;
                        keys.push(a.key.clone());
                        batch.push(a);
                    }
                    Err(mut f) => {
                        f.id = id;
                        keys.push(f.key.clone());
                        failures.push(f);
                    }
                }
            }
        }
        let clock = Instant::now();
        let done: Vec<ArticleSummary> = batch
            .into_par_iter()
            .map(|mut a| {
                segment::segment(&mut a);
                analyze_segmented(a, ctx.names, ctx.dedup, Some(ctx.progress))
            })
            .collect();
        analyze_time += clock.elapsed();
        summaries.extend(done);
        start = end;
    }
    let n = summaries.len() as u64;
    for i in 1..5 {
        progress.stage(i).set_length(n);
    }
    progress.finish(0);
    progress.finish(1);

    let mut timings = vec![("read", read_time), ("analyze", analyze_time)];
    let mut clock = Instant::now();
    let mut lap = |name: &'static str| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };

    // ---- cross-article: dedup
    let load = |id: ArticleId| -> Option<Article> {
        let entry = &entries[*entry_of.get(id.0 as usize)? as usize];
        let key = keys.get(id.0 as usize)?;
        let mut a = ingest::reload(entry, key, &icfg)?;
        a.id = id;
        segment::segment(&mut a);
        Some(a)
    };
    let dedup_out = dedup::link(&summaries, &dcfg, &load);
    progress.finish(2);
    lap("dedup link");

    // Keep repeats and boilerplate out of the name and claim checks.
    for (i, s) in summaries.iter_mut().enumerate() {
        let marks = &dedup_out.marks[i];
        let content = |p: Option<crate::model::ParaIdx>| {
            p.is_none_or(|p| marks.get(p.0 as usize).is_none_or(|m| m.is_content()))
        };
        s.findings
            .retain(|f| !is_name_kind(f.kind) || content(f.paragraph));
        s.claims.retain(|c| content(Some(c.paragraph)));
    }
    progress.finish(3);

    // ---- cross-article: claims
    let claims_out = claims::resolve(&summaries, &dedup_out, rules);
    progress.finish(4);
    lap("claims resolve");

    // ---- all findings, then scores
    let mut findings: Vec<Finding> = Vec::new();
    for f in &failures {
        findings.push(
            Finding::new(f.id, FindingKind::InputError)
                .message(match f.line {
                    Some(l) if !f.reason.starts_with("line ") => format!("line {l}: {}", f.reason),
                    _ => f.reason.clone(),
                })
                .evidence({
                    let file = f.key.split('#').next().unwrap_or(&f.key);
                    match f.line {
                        Some(l) => format!("{file}:{l}"),
                        None => file.to_string(),
                    }
                }),
        );
    }
    for s in &summaries {
        findings.extend(s.findings.iter().cloned());
    }
    findings.extend(dedup_out.findings.iter().cloned());
    findings.extend(claims_out.findings.iter().cloned());

    let mut by_article: Vec<Vec<&Finding>> = vec![Vec::new(); keys.len()];
    for f in &findings {
        if let Some(v) = by_article.get_mut(f.article.0 as usize) {
            v.push(f);
        }
    }
    let scores: Vec<_> = summaries
        .par_iter()
        .map(|s| {
            let mut fs = by_article[s.id.0 as usize].clone();
            fs.sort_by(|a, b| {
                (a.paragraph, a.line, a.kind, &a.mention).cmp(&(
                    b.paragraph,
                    b.line,
                    b.kind,
                    &b.mention,
                ))
            });
            score::score_article(s.id, &fs, rules)
        })
        .collect();
    let sources = score::roll_up(&summaries, &scores, &findings, &claims_out.trust);
    progress.finish(5);
    lap("scoring");

    // ---- reports: fetch the few texts duplicates.csv shows
    let mut rows = dedup_out.rows.clone();
    fill_duplicate_texts(&mut rows, &load);
    report::write(
        lock,
        &Reports {
            articles: &summaries,
            marks: &dedup_out.marks,
            scores: &scores,
            findings: &findings,
            duplicates: &rows,
            claims: &claims_out.rows,
            sources: &sources,
            keys: &keys,
        },
        cfg.bom,
    )?;
    progress.finish(6);
    lap("report write");

    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let below = match cfg.fail_under {
        Some(t) => scores
            .iter()
            .filter(|s| s.score < t)
            .map(|s| (keys[s.article.0 as usize].clone(), s.score))
            .collect(),
        None => Vec::new(),
    };
    Ok(RunSummary {
        articles: summaries.len(),
        failed: failures.len(),
        skipped: discovery.skipped.len(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        below,
        out_dir: cfg.out_dir.clone(),
        skipped_paths: discovery.skipped,
        timings,
        input_bytes,
    })
}

/// Re-reads the articles that duplicates.csv shows and fills in their texts.
fn fill_duplicate_texts(
    rows: &mut [crate::model::DuplicateRow],
    load: &(dyn Fn(ArticleId) -> Option<Article> + Sync),
) {
    let mut ids: Vec<ArticleId> = rows.iter().map(|r| r.article).collect();
    ids.sort();
    ids.dedup();
    let texts: Vec<(ArticleId, Vec<String>)> = ids
        .par_iter()
        .map(|&id| {
            let paras = load(id)
                .map(|a| {
                    a.paragraphs
                        .iter()
                        .map(|p| ingest::truncate_chars(a.para_text(p), 200))
                        .collect()
                })
                .unwrap_or_default();
            (id, paras)
        })
        .collect();
    for r in rows.iter_mut() {
        if let Ok(i) = texts.binary_search_by_key(&r.article, |(id, _)| *id) {
            if let Some(t) = texts[i].1.get(r.paragraph.0 as usize) {
                r.text = t.replace('\n', " ");
            }
        }
    }
}
