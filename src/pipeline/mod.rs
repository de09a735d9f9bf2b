//! Running the stages end to end.
//!
//! In: a [`Config`]. Out: the reports in `--out` and a [`RunSummary`].
//! The per-article stages (read, segment, fingerprint, names, claim
//! extraction, text checks) run fused, in parallel over articles, in batches,
//! so only compact per-article results (no texts) are kept, and of those only
//! what the dedup link reads stays in memory: the rest waits on disk
//! (`spill`); the cross-article stages (dedup link, truth discovery, scoring)
//! then run over those results, reading the spilled ones back in article
//! order, and reduce in a fixed order. Guarantees: the same input gives
//! byte-identical reports whatever `--jobs` is; a bad article is counted and
//! reported, never the end of the run; bad rules stop the run before the
//! output folder is touched.
//!
//! Method: [`run`] loads the rules, discovers the inputs, locks `--out` and
//! runs the stage list in `run_in_pool`. The per-article pass is in
//! `per_article` (batches, [`analyze`], collecting in discovery order), the
//! cross-article steps in `cross` (with the summaries and report records on
//! disk in `spill`, duplicates.csv's texts in `dup_texts`), `--incremental` in `incremental` (with the
//! cache format in `cache`), progress bars and timings in `progress`.
//! `--shard K/N` runs only the per-article pass, on the files of one shard,
//! and writes a partial (`shard`, through `store`); [`merge`] reads the
//! partials back in discovery order and runs the cross-article steps
//! (`merge`, checks in `merge/check.rs`).

mod cache;
mod claim_rows;
mod cross;
mod dup_texts;
mod heap;
mod incremental;
mod merge;
mod per_article;
mod progress;
mod shard;
mod spill;
pub mod text;

pub use merge::{merge, MergeError};
pub use per_article::analyze;

use crate::dedup::DedupConfig;
use crate::ingest::{self, Entries, IngestConfig};
use crate::model::{Date, Shard};
use crate::names::NameIndex;
use crate::report;
use crate::rules::{Rules, RulesError};
use crate::score;
use per_article::Collected;
use progress::{Progress, Stage, Timings};
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
    /// Reuse per-article results of unchanged files from the cache in `--out`.
    pub incremental: bool,
    /// Write `report.xlsx` beside the CSVs (`--no-xlsx` turns it off).
    pub xlsx: bool,
    /// Write `review.html` (`--no-review` turns it off).
    pub review: bool,
    /// At most this many articles with their text on the review page.
    pub review_limit: usize,
    /// `--shard K/N`: the per-article pass on one shard, a partial out.
    pub shard: Option<Shard>,
    /// `--memory`: the bound, in bytes, that sizes the per-article batches.
    pub memory: u64,
}

/// Default `--memory`: 1 GiB, a small machine's share.
pub const DEFAULT_MEMORY: u64 = 1 << 30;

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
            incremental: false,
            xlsx: true,
            review: true,
            review_limit: 500,
            shard: None,
            memory: DEFAULT_MEMORY,
        }
    }
}

impl Config {
    /// Which reports the run writes.
    pub fn report_options(&self) -> report::Options {
        report::Options {
            bom: self.bom,
            xlsx: self.xlsx,
            review: self.review,
            review_limit: self.review_limit,
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
    /// Files whose per-article results came from the incremental cache.
    pub cached_files: usize,
    /// Wall time of each stage, in run order (printed with -v, read by the
    /// benchmark). The per-article pass is split into `read` (load, decode,
    /// parse) and `analyze` (segment, fingerprint, names, claims, text checks).
    pub timings: Vec<(&'static str, Duration)>,
    /// Bytes of the input files the run read.
    pub input_bytes: u64,
    /// `--incremental` found nothing changed since the last run and the
    /// reports on disk as it wrote them: they were kept, not rewritten.
    pub up_to_date: bool,
    /// A `--shard` run: the partial it wrote (and no reports).
    pub partial: Option<PathBuf>,
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
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Merge(#[from] MergeError),
    #[error(
        "{0}: cannot read back the run's scratch file (was the disk full or the folder removed?)"
    )]
    Scratch(PathBuf),
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

/// Runs credence end to end and writes the reports (or, with `--shard`,
/// the shard's partial).
pub fn run(cfg: &Config) -> Result<RunSummary, RunError> {
    let rules = load_rules(cfg)?;
    let discovered = Instant::now();
    let discovery = ingest::discover(&cfg.inputs)?;
    let discovered = discovered.elapsed();
    let lock = report::lock_out(&cfg.out_dir)?;
    let pool = thread_pool(cfg.jobs)?;
    let mut sum = pool.install(|| match cfg.shard {
        None => run_in_pool(cfg, &rules, &discovery, &lock),
        Some(shard) => shard::run_shard(cfg, &rules, &discovery, &lock, shard),
    })?;
    sum.timings.insert(0, ("discover", discovered));
    Ok(sum)
}

fn load_rules(cfg: &Config) -> Result<Rules, RunError> {
    Rules::load(&cfg.rules_dir).map_err(|source| RunError::Rules {
        dir: cfg.rules_dir.clone(),
        source,
    })
}

/// The pool of `jobs` worker threads (default: one per core); large
/// blocks are mapped apart from then on ([`heap::large_blocks_apart`]).
fn thread_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, RunError> {
    heap::large_blocks_apart();
    let threads = jobs
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        })
        .max(1);
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| RunError::Pool(threads, e.to_string()))
}

/// The stages of a run, in order:
/// 1. open the incremental cache;
/// 2. read: each batch of entries, from the cache or the files;
/// 3. analyze: the batch's fresh articles, then collect every entry's items
///    in discovery order (this numbers the articles);
/// 4. stop when `--incremental` finds the reports on disk up to date;
/// 5. the cross-article steps ([`cross_article`]).
fn run_in_pool(
    cfg: &Config,
    rules: &Rules,
    discovery: &ingest::Discovery,
    lock: &report::OutLock,
) -> Result<RunSummary, RunError> {
    let run = RunCtx::new(cfg, rules, discovery, lock);
    let mut store = incremental::open_cache(cfg, rules.digest);
    let mut timings = Timings::new(&["read", "analyze"]);
    let mut collected = Collected::new(cfg.bom)
        .with_outputs(&cfg.report_options())
        .spill_to(lock);
    for batch in per_article::batches(run.entries, per_article::batch_bytes(cfg.memory)) {
        let mut works =
            timings.measure("read", || per_article::read_batch(&run, &batch, &store.old));
        let analysed = timings.measure("analyze", || per_article::analyze_batch(&run, &mut works));
        collected.absorb(&run, &batch, works, analysed, store.writer.as_mut());
    }
    run.progress.per_article_done(collected.link.len());
    if let Some(kept) = incremental::reports_up_to_date(cfg, &store.old, run.entries, &collected) {
        run.progress.finish_all();
        let up_to_date = true;
        let timings = timings.into_vec();
        return Ok(RunSummary {
            up_to_date,
            timings,
            ..summary_of(kept, &run, &collected)
        });
    }
    cross_article(&run, collected, store, timings)
}

/// The cross-article steps, after every article is collected in discovery
/// order (by a run's per-article pass, or by a merge from the partials):
/// 1. link: duplicates across articles (dedup), over what the link reads of
///    each article; the rest of the summaries wait in the spill;
/// 2. resolve: claims across articles, from the spilled summaries with
///    name findings in boilerplate and claims in repeats dropped, a chunk
///    at a time (claims.csv's rows go to scratch space);
/// 3. the texts duplicates.csv shows, re-read into scratch space;
/// 4. score: each spilled summary with its dedup and claims findings, into
///    its report record (spilled again), then the sources;
/// 5. report: the reports, then the cache.
fn cross_article(
    run: &RunCtx<'_>,
    mut collected: Collected,
    mut store: incremental::OpenCache,
    mut timings: Timings,
) -> Result<RunSummary, RunError> {
    timings.start_laps();
    collected.spill.finish();
    collected.link.finish();
    heap::release_freed();
    let (linked, on_disk) = cross::link_duplicates(run, &collected, &mut store);
    collected.drop_link();
    heap::release_freed();
    run.progress.finish(Stage::Dedup);
    timings.lap("dedup link");
    let (mut resolved, claim_rows) = cross::resolve_claims(run, &collected, &linked)?;
    run.progress.finish(Stage::Names);
    heap::release_freed();
    run.progress.finish(Stage::Claims);
    timings.lap("claims resolve");
    let texts = cross::duplicate_texts(run, &collected, &on_disk)?;
    let scored = cross::score_articles(run, &collected, &linked, &on_disk, &mut resolved, &texts)?;
    heap::release_freed();
    run.progress.finish(Stage::Score);
    timings.lap("scoring");
    let summary = cross::write_outputs(
        run,
        store,
        &collected,
        &linked.marks,
        &dup_texts::DupRowsOnDisk {
            records: &on_disk,
            texts: &texts,
            dir: run.cfg.out_dir.clone(),
        },
        &claim_rows,
        &scored,
    )?;
    run.progress.finish(Stage::Report);
    timings.lap("report write");
    let timings = timings.into_vec();
    Ok(RunSummary { timings, ..summary })
}

/// What every step of a run reads: the settings, the rules and what is
/// built from them, the entries, the locked output folder and the progress.
struct RunCtx<'a> {
    cfg: &'a Config,
    rules: &'a Rules,
    entries: &'a Entries,
    /// Files skipped for their extension (for the summary).
    skipped: &'a [PathBuf],
    lock: &'a report::OutLock,
    ingest: IngestConfig,
    dedup: DedupConfig,
    names: NameIndex,
    tells: score::TellIndex,
    progress: Progress,
}

impl<'a> RunCtx<'a> {
    fn new(
        cfg: &'a Config,
        rules: &'a Rules,
        discovery: &'a ingest::Discovery,
        lock: &'a report::OutLock,
    ) -> RunCtx<'a> {
        RunCtx {
            cfg,
            rules,
            entries: &discovery.entries,
            skipped: &discovery.skipped,
            lock,
            ingest: IngestConfig {
                as_of: cfg.as_of,
                run_date: cfg.run_date,
                max_file_size: cfg.max_file_size,
            },
            dedup: DedupConfig {
                near_dup: cfg.near_dup,
            },
            names: NameIndex::new(rules),
            tells: score::TellIndex::new(&rules.tells),
            progress: Progress::new(cfg.progress, discovery.entries.len() as u64),
        }
    }
}

/// The summary line and exit code of a run that wrote (or kept) `out`; the
/// articles below `--fail-under` come from its scores, in report order.
fn summarise(out: &cache::Outputs, cfg: &Config, skipped_paths: &[PathBuf]) -> RunSummary {
    let below = match cfg.fail_under {
        Some(t) => out.scores.iter().filter(|s| s.1 < t).cloned().collect(),
        None => Vec::new(),
    };
    RunSummary {
        articles: out.articles,
        failed: out.failed,
        skipped: skipped_paths.len(),
        errors: out.errors,
        warnings: out.warnings,
        infos: out.infos,
        below,
        out_dir: cfg.out_dir.clone(),
        skipped_paths: skipped_paths.to_vec(),
        ..RunSummary::default()
    }
}

/// [`summarise`] plus what the per-article pass counted.
fn summary_of(out: &cache::Outputs, run: &RunCtx<'_>, collected: &Collected) -> RunSummary {
    RunSummary {
        cached_files: collected.cached_files,
        input_bytes: collected.input_bytes,
        ..summarise(out, run.cfg, run.skipped)
    }
}
