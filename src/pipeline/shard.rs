//! `--shard K/N`: the per-article pass over the input files of one shard,
//! written as a partial (`store`) instead of reports.
//!
//! Every shard discovers all the inputs (so each file keeps its position in
//! the one discovery order a single run uses), keeps the files whose stable
//! hash falls in its shard ([`Shard::owns`]) and writes their items in that
//! order, each with its position: the merge numbers articles exactly as a
//! single run does.

use super::progress::Timings;
use super::{incremental, per_article, Config, RunCtx, RunError, RunSummary};
use crate::ingest::{Discovery, Entries};
use crate::model::{Item, PartialMeta, PartialRow, PartialSettings, Shard};
use crate::report;
use crate::rules::Rules;
use crate::store::{self, PartialWriter};

/// The entries of `discovery` in `shard`, and the position of each in
/// discovery order.
pub(super) fn select(discovery: &Discovery, shard: Shard) -> (Discovery, Vec<u32>) {
    let (entries, positions) = discovery.entries.select(|rel| shard.owns(rel));
    let own = Discovery {
        entries,
        skipped: discovery.skipped.clone(),
    };
    (own, positions)
}

/// Digest of the discovery order: every entry's relative path. Shards and
/// the merge must see the same.
pub(super) fn entries_digest(entries: &Entries) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for rel in entries.rels() {
        h.update(rel.as_bytes());
        h.update(b"\0");
    }
    h.digest()
}

/// What the partial records about the run that made it.
fn partial_meta(
    cfg: &Config,
    rules: &Rules,
    shard: Shard,
    discovery: &Discovery,
    input_bytes: u64,
) -> PartialMeta {
    PartialMeta {
        format: store::FORMAT,
        version: env!("CARGO_PKG_VERSION").to_string(),
        rules_digest: rules.digest,
        settings: PartialSettings {
            near_dup: cfg.near_dup,
            max_file_size: cfg.max_file_size,
            as_of: cfg.as_of,
            run_date: cfg.run_date,
        },
        shard,
        inputs: cfg
            .inputs
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect(),
        entries: discovery.entries.len() as u64,
        entries_digest: entries_digest(&discovery.entries),
        input_bytes,
    }
}

/// Counts of a shard's items, for its summary line.
#[derive(Default)]
struct Counts {
    articles: usize,
    failed: usize,
    cached_files: usize,
    input_bytes: u64,
}

/// The per-article pass over the shard's entries (read, analyze, with the
/// `--incremental` cache as in a full run), each entry's items written to
/// the partial in discovery order; then the partial and the cache.
pub(super) fn run_shard(
    cfg: &Config,
    rules: &Rules,
    discovery: &Discovery,
    lock: &report::OutLock,
    shard: Shard,
) -> Result<RunSummary, RunError> {
    let (own, positions) = select(discovery, shard);
    let run = RunCtx::new(cfg, rules, &own, lock);
    let mut store = incremental::open_cache(cfg, rules.digest);
    let mut timings = Timings::new(&["read", "analyze"]);
    let mut writer = PartialWriter::create(lock.dir())?;
    let mut counts = Counts::default();
    for batch in per_article::batches(run.entries, per_article::batch_bytes(cfg.memory)) {
        let mut works =
            timings.measure("read", || per_article::read_batch(&run, &batch, &store.old));
        let analysed = timings.measure("analyze", || per_article::analyze_batch(&run, &mut works));
        counts.input_bytes += batch.bytes;
        let mut written = Ok(());
        per_article::for_each_entry(&run, &batch, works, analysed, |done| {
            let entry = run.entries.get(done.entry as usize);
            if let Some(w) = store.writer.as_mut() {
                per_article::cache_add(w, &entry, &done);
            }
            counts.cached_files += usize::from(done.cached);
            for item in done.items {
                match &item {
                    Item::Article(_) => counts.articles += 1,
                    Item::Failure(_) => counts.failed += 1,
                }
                let row = PartialRow {
                    entry: positions[done.entry as usize],
                    file: entry.rel().to_string(),
                    content_key: done.key.unwrap_or(0),
                    item,
                };
                if written.is_ok() {
                    written = writer.push(&row);
                }
            }
        });
        written?;
    }
    run.progress.finish_all();
    let meta = partial_meta(cfg, rules, shard, discovery, counts.input_bytes);
    let (path, _) = writer.finish(&meta)?;
    if let Some(w) = store.writer {
        report::write_cache(lock, &store.path, &w.finish())?;
    }
    Ok(RunSummary {
        articles: counts.articles,
        failed: counts.failed,
        skipped: discovery.skipped.len(),
        skipped_paths: discovery.skipped.clone(),
        cached_files: counts.cached_files,
        input_bytes: counts.input_bytes,
        out_dir: cfg.out_dir.clone(),
        partial: Some(path),
        timings: timings.into_vec(),
        ..RunSummary::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Entry;
    use std::path::PathBuf;

    fn failed(rel: &str) -> Entry {
        Entry::Failed {
            rel: rel.into(),
            path: PathBuf::from(rel),
            line: None,
            reason: "x".into(),
        }
    }

    #[test]
    fn shards_partition_the_entries_and_keep_their_positions() {
        let discovery = Discovery {
            entries: (0..40).map(|i| failed(&format!("d/{i}.txt"))).collect(),
            skipped: vec![PathBuf::from("x.pdf")],
        };
        let mut seen: Vec<u32> = Vec::new();
        for k in 0..4 {
            let (own, pos) = select(&discovery, Shard { index: k, count: 4 });
            assert_eq!(own.entries.len(), pos.len());
            assert!(pos.is_sorted(), "discovery order kept");
            for (e, &p) in own.entries.rels().zip(&pos) {
                assert_eq!(e, discovery.entries.rel(p as usize));
            }
            assert_eq!(own.skipped, discovery.skipped);
            seen.extend(pos);
        }
        seen.sort();
        assert_eq!(seen, (0..40).collect::<Vec<u32>>());
    }

    #[test]
    fn entries_digest_follows_order_and_names() {
        let list = |rels: &[&str]| -> Entries { rels.iter().map(|r| failed(r)).collect() };
        let a = list(&["a", "b"]);
        let b = list(&["b", "a"]);
        assert_ne!(entries_digest(&a), entries_digest(&b));
        assert_ne!(entries_digest(&list(&["ab"])), entries_digest(&a));
        assert_eq!(entries_digest(&a), entries_digest(&a.clone()));
    }
}
