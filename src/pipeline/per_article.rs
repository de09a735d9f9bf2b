//! The per-article pass: entries read in batches (from the incremental cache
//! when unchanged), fresh articles analysed in parallel, and every result
//! collected in discovery order.

use super::cache;
use super::progress::{Progress, Stage};
use super::spill::Spill;
use super::RunCtx;
use crate::dedup::{self, DedupConfig};
use crate::ingest::{self, Entries, Entry, IngestConfig};
use crate::model::{Article, ArticleId, ArticleSummary, InputFailure, Keys, LinkInput};
use crate::names::{self, NameIndex};
use crate::{claims, score, segment};
use rayon::prelude::*;
use std::ops::Range;

/// The per-article pass for one article: pure and sequential, so it can be
/// tested without threads. Returns the compact summary (no text). Uses the
/// bundled machine-writing tells.
pub fn analyze(mut article: Article, names: &NameIndex, dedup_cfg: &DedupConfig) -> ArticleSummary {
    segment::segment(&mut article);
    analyze_segmented(article, names, dedup_cfg, score::TellIndex::bundled(), None)
}

fn analyze_segmented(
    article: Article,
    names: &NameIndex,
    dedup_cfg: &DedupConfig,
    tells: &score::TellIndex,
    progress: Option<&Progress>,
) -> ArticleSummary {
    let tick = |stage: Stage| {
        if let Some(p) = progress {
            p.inc(stage, 1)
        }
    };
    tick(Stage::Segment);
    let prints = dedup::fingerprint(&article, dedup_cfg);
    tick(Stage::Dedup);
    let mut findings = article.notes.clone();
    let checked = names::check(&article, &prints.marks, names);
    findings.extend(checked.findings);
    let mut mentions = checked.mentions;
    for m in &mut mentions {
        m.article = article.id;
    }
    tick(Stage::Names);
    let claims = claims::extract(&article, &prints.marks);
    tick(Stage::Claims);
    findings.extend(score::inspect(&article, &prints.marks, tells));
    for f in &mut findings {
        f.article = article.id;
    }
    let mut summary = ArticleSummary {
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
        origins: article.origins,
        content_hash: article.content_hash,
        prints,
        findings,
        claims,
        mentions,
    };
    summary.compact();
    summary
}

/// Entries are read in batches of at most this many bytes (the default
/// `--memory`, 1 GiB, gives this), so memory holds one batch of texts at a
/// time.
const BATCH_BYTES: u64 = 64 * 1024 * 1024;
const BATCH_FILES: usize = 2048;
/// A batch's texts take up to about this many times their bytes on disk
/// while read, decoded, parsed and analysed (measured on gen-corpus: raw
/// bytes, decoded text, paragraphs, and the per-thread analysis).
const BATCH_SHARE: u64 = 16;
/// Smallest batch, whatever `--memory` says.
const MIN_BATCH_BYTES: u64 = 1024 * 1024;

/// Batch size for a memory bound of `memory` bytes: a sixteenth of it, from
/// 1 MiB to 64 MiB.
pub(super) fn batch_bytes(memory: u64) -> u64 {
    (memory / BATCH_SHARE).clamp(MIN_BATCH_BYTES, BATCH_BYTES)
}

/// A run of consecutive entries read together, and their bytes on disk.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Batch {
    pub(super) range: Range<usize>,
    pub(super) bytes: u64,
}

/// The batches of `entries`, in order; each file's size is looked up just
/// before its batch is read.
pub(super) fn batches(entries: &Entries, limit: u64) -> impl Iterator<Item = Batch> + '_ {
    let size = |i: usize| match entries.is_file(i) {
        true => std::fs::metadata(entries.path(i)).map_or(0, |m| m.len()),
        false => 0,
    };
    let mut start = 0;
    std::iter::from_fn(move || {
        (start < entries.len()).then(|| {
            let batch = next_batch(start, entries.len(), limit, size);
            start = batch.range.end;
            batch
        })
    })
}

/// The batch from `start`: at least one entry, then more while the batch is
/// under `limit` bytes and `BATCH_FILES` (`size` gives an entry's bytes).
fn next_batch(start: usize, len: usize, limit: u64, mut size: impl FnMut(usize) -> u64) -> Batch {
    let mut end = start;
    let mut bytes = 0u64;
    while end < len && (end == start || (bytes < limit && end - start < BATCH_FILES)) {
        bytes += size(end);
        end += 1;
    }
    Batch {
        range: start..end,
        bytes,
    }
}

/// One entry after reading: cached results, or freshly parsed articles.
pub(super) enum Work {
    Cached {
        items: Vec<cache::Item>,
        key: u64,
    },
    Fresh {
        loaded: ingest::Loaded,
        key: Option<u64>,
    },
}

/// Reads one entry; consults the cache by the file's content key.
fn read_entry(entry: &Entry, icfg: &IngestConfig, cache: &cache::Cache) -> Work {
    let Entry::File(f) = entry else {
        return Work::Fresh {
            loaded: ingest::load(entry, icfg),
            key: None,
        };
    };
    match ingest::read(f, icfg) {
        Ok(bytes) => {
            let key = ingest::cache_key(f, &bytes);
            if let Some(items) = cache.get(f.rel(), key) {
                return Work::Cached { items, key };
            }
            Work::Fresh {
                loaded: ingest::load_bytes(f, &bytes, icfg),
                key: Some(key),
            }
        }
        Err(reason) => Work::Fresh {
            loaded: ingest::Loaded {
                articles: Vec::new(),
                failures: vec![ingest::failure(f, reason)],
            },
            key: None,
        },
    }
}

/// Reads every file of the batch once, in parallel; a cache hit skips
/// parsing and analysis.
pub(super) fn read_batch(run: &RunCtx<'_>, batch: &Batch, old_cache: &cache::Cache) -> Vec<Work> {
    batch
        .range
        .clone()
        .into_par_iter()
        .map(|e| {
            let work = read_entry(&run.entries.get(e), &run.ingest, old_cache);
            run.progress.inc(Stage::Read, 1);
            work
        })
        .collect()
}

/// Analyses the fresh articles of the whole batch in parallel; each result
/// carries the position of its entry in the batch, in batch order.
pub(super) fn analyze_batch(run: &RunCtx<'_>, works: &mut [Work]) -> Vec<(usize, ArticleSummary)> {
    take_fresh(works)
        .into_par_iter()
        .map(|(i, mut a)| {
            segment::segment(&mut a);
            (
                i,
                analyze_segmented(a, &run.names, &run.dedup, &run.tells, Some(&run.progress)),
            )
        })
        .collect()
}

/// Moves the parsed articles out of the fresh works, each with its work's
/// position, in order.
fn take_fresh(works: &mut [Work]) -> Vec<(usize, Article)> {
    works
        .iter_mut()
        .enumerate()
        .flat_map(|(i, w)| match w {
            Work::Fresh { loaded, .. } => std::mem::take(&mut loaded.articles)
                .into_iter()
                .map(|a| (i, a))
                .collect(),
            Work::Cached { .. } => Vec::new(),
        })
        .collect()
}

/// The results of the per-article pass, numbered in discovery order. Of
/// each article, only what the link reads stays in memory (`link`, slim,
/// its band keys in scratch files); the rest of its summary waits in
/// `spill`, at the same position.
pub(super) struct Collected {
    /// What the link reads of each article ([`LinkInput::push`]).
    pub(super) link: LinkInput,
    /// The rest of each article's summary, by position in `link`.
    pub(super) spill: Spill<ArticleSummary>,
    pub(super) failures: Vec<InputFailure>,
    /// Key of each `ArticleId` (articles and failures share the numbering),
    /// once the link is done with them ([`Collected::keys`]).
    keys: Keys,
    /// Entry index of each `ArticleId`.
    pub(super) entry_of: Vec<u32>,
    /// Files whose results came from the cache.
    pub(super) cached_files: usize,
    pub(super) input_bytes: u64,
    /// What the reports are a function of: every entry and its content key
    /// (rules, version and settings are in the cache's validity), and the BOM.
    inputs: xxhash_rust::xxh3::Xxh3,
}

impl Collected {
    pub(super) fn new(bom: bool) -> Collected {
        let mut inputs = xxhash_rust::xxh3::Xxh3::new();
        inputs.update(&[u8::from(bom)]);
        Collected {
            link: LinkInput::default(),
            spill: Spill::in_memory(),
            failures: Vec::new(),
            keys: Keys::default(),
            entry_of: Vec::new(),
            cached_files: 0,
            input_bytes: 0,
            inputs,
        }
    }

    /// Spills the summaries and the link's band keys to scratch files in
    /// the locked output folder (before any is added), not memory.
    pub(super) fn spill_to(mut self, lock: &crate::report::OutLock) -> Collected {
        self.spill = Spill::on_disk(lock);
        self.link = LinkInput::with_streams(|| Box::new(crate::report::Scratch::new(lock)));
        self
    }

    /// Adds which reports are written to the digest: a run asking for other
    /// files than the last one does not keep the last one's.
    pub(super) fn with_outputs(mut self, opts: &crate::report::Options) -> Collected {
        self.inputs.update(format!("{opts:?}").as_bytes());
        self
    }

    /// Key of each `ArticleId`: in the link's input until the link is
    /// done ([`Collected::drop_link`]), then here; held once either way.
    pub(super) fn keys(&self) -> &Keys {
        match self.keys.is_empty() {
            true => self.link.keys(),
            false => &self.keys,
        }
    }

    /// Drops the link's input once the link is done, keeping its keys.
    pub(super) fn drop_link(&mut self) {
        let keys = self.link.take_keys();
        self.link = LinkInput::default();
        if self.keys.is_empty() {
            self.keys = keys;
        }
    }

    /// Digest of the inputs seen so far (see `cache::Outputs::inputs`).
    pub(super) fn inputs_digest(&self) -> u64 {
        self.inputs.digest()
    }

    /// Takes one batch's works and analysed articles (as `analyze_batch`
    /// returned them): merges cached and fresh items per entry, feeds the
    /// inputs digest and the cache writer, and numbers the items.
    pub(super) fn absorb(
        &mut self,
        run: &RunCtx<'_>,
        batch: &Batch,
        works: Vec<Work>,
        analysed: Vec<(usize, ArticleSummary)>,
        mut writer: Option<&mut cache::Writer>,
    ) {
        self.input_bytes += batch.bytes;
        for_each_entry(run, batch, works, analysed, |done| {
            let entry = run.entries.get(done.entry as usize);
            self.cached_files += usize::from(done.cached);
            self.hash_entry(&entry, done.key);
            if let Some(writer) = writer.as_deref_mut() {
                cache_add(writer, &entry, &done);
            }
            self.number(done.entry, done.items);
        });
    }

    /// Adds one entry (path, and content key or failure) to the inputs digest.
    fn hash_entry(&mut self, entry: &Entry, cache_key: Option<u64>) {
        match entry {
            Entry::File(f) => {
                self.inputs.update(f.rel().as_bytes());
                self.inputs.update(&cache_key.unwrap_or(0).to_le_bytes());
            }
            Entry::Failed { rel, reason, .. } => {
                self.inputs.update(rel.as_bytes());
                self.inputs.update(reason.as_bytes());
            }
        }
        self.inputs.update(b"\0");
    }

    /// Gives each item of entry `entry_idx` the next `ArticleId`.
    fn number(&mut self, entry_idx: u32, items: Vec<cache::Item>) {
        for item in items {
            let id = ArticleId(self.entry_of.len() as u32);
            self.entry_of.push(entry_idx);
            match item {
                cache::Item::Article(mut a) => {
                    a.set_id(id);
                    self.link.push(&mut a);
                    self.spill.put(&a);
                }
                cache::Item::Failure(mut f) => {
                    f.id = id;
                    self.link.push_key(&f.key);
                    self.failures.push(f);
                }
            }
        }
    }
}

/// One entry of a batch after the per-article pass.
pub(super) struct EntryDone {
    /// Position of the entry in the run's entries.
    pub(super) entry: u32,
    /// The file's content key (`None` when it could not be read).
    pub(super) key: Option<u64>,
    /// Its articles and failures, in line order.
    pub(super) items: Vec<cache::Item>,
    /// The items came from the incremental cache.
    pub(super) cached: bool,
}

/// Hands each entry of the batch, in order, to `f` with its items: cached
/// ones as they are, fresh ones merged from `analysed` (as `analyze_batch`
/// returned them) and the entry's failures.
pub(super) fn for_each_entry(
    run: &RunCtx<'_>,
    batch: &Batch,
    works: Vec<Work>,
    mut analysed: Vec<(usize, ArticleSummary)>,
    mut f: impl FnMut(EntryDone),
) {
    analysed.reverse();
    for (offset, work) in works.into_iter().enumerate() {
        let entry = (batch.range.start + offset) as u32;
        f(match work {
            Work::Cached { items, key } => {
                for stage in Stage::ANALYSIS {
                    run.progress.inc(stage, items.len() as u64);
                }
                EntryDone {
                    entry,
                    key: Some(key),
                    items,
                    cached: true,
                }
            }
            Work::Fresh { loaded, key } => EntryDone {
                entry,
                key,
                items: fresh_items(offset, loaded, &mut analysed),
                cached: false,
            },
        });
    }
}

/// Records a readable file's items in the next `--incremental` cache.
pub(super) fn cache_add(writer: &mut cache::Writer, entry: &Entry, done: &EntryDone) {
    if let (Some(key), Entry::File(f)) = (done.key, entry) {
        writer.add(f.rel(), key, &done.items);
    }
}

/// The items of the fresh work at `offset`: its analysed articles (popped
/// from the end of `analysed`, which is in reverse batch order) and its
/// failures, in line order, since the records and failures of one JSONL file
/// interleave by line.
fn fresh_items(
    offset: usize,
    loaded: ingest::Loaded,
    analysed: &mut Vec<(usize, ArticleSummary)>,
) -> Vec<cache::Item> {
    let mut items: Vec<(u32, cache::Item)> = Vec::new();
    while analysed.last().is_some_and(|(i, _)| *i == offset) {
        if let Some((_, s)) = analysed.pop() {
            items.push((s.first_line, cache::Item::Article(Box::new(s))));
        }
    }
    items.extend(
        loaded
            .failures
            .into_iter()
            .map(|f| (f.line.unwrap_or(0), cache::Item::Failure(f))),
    );
    items.sort_by_key(|(line, _)| *line);
    items.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests;
