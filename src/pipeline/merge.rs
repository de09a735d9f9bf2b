//! `credence merge PART...`: the cross-article steps over the partials of a
//! sharded run, writing the reports a single run writes.
//!
//! The partials are checked as a set (`check`), the inputs they name are
//! discovered again (the merge re-reads the few texts the dedup link confirms
//! and the reports show, so they must be at the same paths), and every
//! entry's items are taken, in discovery order, from the partial of the
//! shard that owns the entry. From there on the merge is a run whose files
//! all came from a cache: the same numbering, the same cross-article steps.

mod check;

use super::per_article::{Batch, Collected, Work};
use super::progress::Timings;
use super::{cross_article, incremental, load_rules, thread_pool, Config, RunCtx, RunError};
use super::{shard, RunSummary};
use crate::ingest::{self, Discovery, Entries};
use crate::model::{PartialRow, Shard};
use crate::report;
use crate::rules::Rules;
use crate::store::{self, PartialReader};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Why partials cannot be merged.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("no partials to merge")]
    NoPartials,
    #[error("{path}: {reason}")]
    Disagree { path: PathBuf, reason: String },
    #[error("no partial for shard {shards}")]
    Missing { shards: String },
}

/// Merges the partials `parts` (files, or shard `--out` folders) into the
/// reports of `cfg.out_dir`. `cfg` gives the rules and the report options;
/// the inputs and the settings that change per-article results come from
/// the partials.
pub fn merge(cfg: &Config, parts: &[PathBuf]) -> Result<RunSummary, RunError> {
    let rules = load_rules(cfg)?;
    let opened = parts
        .iter()
        .map(|p| store::open(p))
        .collect::<Result<Vec<_>, _>>()?;
    let parts = check::check_set(opened, rules.digest)?;
    let cfg = with_partial_settings(cfg, &parts[0]);
    let discovered = Instant::now();
    let discovery = ingest::discover(&cfg.inputs)?;
    let discovered = discovered.elapsed();
    check_inputs(&discovery, &parts[0])?;
    let lock = report::lock_out(&cfg.out_dir)?;
    let pool = thread_pool(cfg.jobs)?;
    let mut sum = pool.install(|| merge_in_pool(&cfg, &rules, &discovery, &lock, parts))?;
    sum.timings.insert(0, ("discover", discovered));
    Ok(sum)
}

/// `cfg` with the inputs and per-article settings of the partials.
fn with_partial_settings(cfg: &Config, part: &PartialReader) -> Config {
    let m = &part.meta;
    Config {
        inputs: m.inputs.iter().map(PathBuf::from).collect(),
        near_dup: m.settings.near_dup,
        max_file_size: m.settings.max_file_size,
        as_of: m.settings.as_of,
        run_date: m.settings.run_date,
        incremental: false,
        shard: None,
        ..cfg.clone()
    }
}

/// The inputs as discovered now must be the ones the shards saw.
fn check_inputs(discovery: &Discovery, part: &PartialReader) -> Result<(), MergeError> {
    let (then, now) = (part.meta.entries, discovery.entries.len() as u64);
    if then != now || part.meta.entries_digest != shard::entries_digest(&discovery.entries) {
        return Err(MergeError::Disagree {
            path: part.path.clone(),
            reason: format!(
                "the inputs changed since the shards ran ({then} files then, {now} now)"
            ),
        });
    }
    Ok(())
}

/// Entries handed to `Collected` at once.
const MERGE_BATCH: usize = 4096;

/// Collects every entry's items from the partials, in discovery order, then
/// runs the cross-article steps.
fn merge_in_pool(
    cfg: &Config,
    rules: &Rules,
    discovery: &Discovery,
    lock: &report::OutLock,
    parts: Vec<PartialReader>,
) -> Result<RunSummary, RunError> {
    let run = RunCtx::new(cfg, rules, discovery, lock);
    let store = incremental::open_cache(cfg, rules.digest);
    let mut timings = Timings::new(&["read", "analyze"]);
    let mut collected = Collected::new(cfg.bom)
        .with_outputs(&cfg.report_options())
        .spill_to(lock);
    let mut rows = ShardRows::new(parts);
    let mut start = 0;
    while start < run.entries.len() {
        let range = start..(start + MERGE_BATCH).min(run.entries.len());
        let works = timings.measure("read", || rows.take_range(run.entries, range.clone()))?;
        let batch = Batch { range, bytes: 0 };
        collected.absorb(&run, &batch, works, Vec::new(), None);
        start = batch.range.end;
    }
    rows.finish()?;
    collected.cached_files = 0;
    collected.input_bytes = rows.input_bytes;
    run.progress.per_article_done(collected.link.len());
    cross_article(&run, collected, store, timings)
}

/// The partials, by shard index, each with its next row read ahead.
struct ShardRows {
    parts: Vec<(PartialReader, Option<PartialRow>)>,
    count: u32,
    input_bytes: u64,
}

impl ShardRows {
    fn new(parts: Vec<PartialReader>) -> ShardRows {
        let count = parts.len() as u32;
        let input_bytes = parts.iter().map(|p| p.meta.input_bytes).sum();
        let parts = parts.into_iter().map(|p| (p, None)).collect();
        ShardRows {
            parts,
            count,
            input_bytes,
        }
    }

    fn take_range(
        &mut self,
        entries: &Entries,
        range: std::ops::Range<usize>,
    ) -> Result<Vec<Work>, RunError> {
        range.map(|e| self.take(e as u32, entries.rel(e))).collect()
    }

    /// The items of entry `e` (relative path `rel`) from its shard's partial (none when the shard
    /// wrote no row for it), as a cached work.
    fn take(&mut self, e: u32, rel: &str) -> Result<Work, RunError> {
        let (part, next) = &mut self.parts[Shard::of(rel, self.count) as usize];
        let mut items = Vec::new();
        let mut key = 0;
        loop {
            if next.is_none() {
                *next = part.next_row().transpose()?;
            }
            match next.take() {
                Some(row) if row.entry == e => {
                    if row.file != rel {
                        return Err(out_of_place(&part.path, &row).into());
                    }
                    key = row.content_key;
                    items.push(row.item);
                }
                Some(row) if row.entry > e => {
                    *next = Some(row);
                    break;
                }
                Some(row) => return Err(out_of_place(&part.path, &row).into()),
                None => break,
            }
        }
        Ok(Work::Cached { items, key })
    }

    /// Every partial must be read to its end: a row left over belongs to no
    /// entry of its shard.
    fn finish(&mut self) -> Result<(), RunError> {
        for (part, next) in &mut self.parts {
            if next.is_none() {
                *next = part.next_row().transpose()?;
            }
            if let Some(row) = next {
                return Err(out_of_place(&part.path, row).into());
            }
        }
        Ok(())
    }
}

fn out_of_place(path: &Path, row: &PartialRow) -> MergeError {
    MergeError::Disagree {
        path: path.to_path_buf(),
        reason: format!(
            "row for file {} (entry {}) is not where the inputs put it",
            row.file, row.entry
        ),
    }
}
