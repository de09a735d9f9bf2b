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

mod cache;

use crate::dedup::{self, DedupConfig};
use crate::ingest::{self, Entry, IngestConfig};
use crate::model::{
    Article, ArticleId, ArticleSummary, Date, Finding, FindingKind, InputFailure, LoadArticles,
    Severity,
};
use crate::names::{self, NameIndex};
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
    /// Reuse per-article results of unchanged files from the cache in `--out`.
    pub incremental: bool,
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
            incremental: false,
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

    fn finish_all(&self) {
        for i in 0..self.bars.len() {
            self.finish(i);
        }
    }
}

/// Shared, read-only context of the per-article pass.
struct Ctx<'a> {
    names: &'a NameIndex,
    dedup: &'a DedupConfig,
    tells: &'a score::TellIndex,
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
    let tick = |i: usize| {
        if let Some(p) = progress {
            p.stage(i).inc(1)
        }
    };
    tick(1);
    let prints = dedup::fingerprint(&article, dedup_cfg);
    tick(2);
    let mut findings = article.notes.clone();
    findings.extend(names::check(&article, &prints.marks, names));
    tick(3);
    let claims = claims::extract(&article, &prints.marks);
    tick(4);
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
        content_hash: article.content_hash,
        prints,
        findings,
        claims,
    };
    summary.compact();
    summary
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
    let tells = score::TellIndex::new(&rules.tells);
    let entries = discovery.entries;
    let progress = Progress::new(cfg.progress, entries.len() as u64);
    let ctx = Ctx {
        names: &names,
        dedup: &dcfg,
        tells: &tells,
        progress: &progress,
    };

    // ---- per-article pass, in batches
    let validity = cache::Validity {
        version: env!("CARGO_PKG_VERSION").to_string(),
        rules_digest: rules.digest,
        settings: format!(
            "near_dup={} max_file_size={} as_of={:?}",
            cfg.near_dup, cfg.max_file_size, cfg.as_of
        ),
        run_date: cfg.run_date,
    };
    let cache_path = cfg.out_dir.join(cache::FILE);
    let mut old_cache = if cfg.incremental {
        cache::Cache::decode(ingest::read_cache(&cache_path).as_deref(), &validity)
    } else {
        cache::Cache::default()
    };
    let mut new_cache = cfg
        .incremental
        .then(|| cache::Writer::new(validity.clone()));
    let mut cached_files = 0usize;
    let file_entries = entries
        .iter()
        .filter(|e| matches!(e, Entry::File(_)))
        .count();
    // What the reports are a function of: every entry and its content key
    // (rules, version and settings are in the cache's validity), and the BOM.
    let mut inputs = xxhash_rust::xxh3::Xxh3::new();
    inputs.update(&[u8::from(cfg.bom)]);

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
        // Read every file once; a cache hit skips parsing and analysis.
        let clock = Instant::now();
        let mut works: Vec<Work> = entries[start..end]
            .par_iter()
            .map(|e| {
                let w = read_entry(e, &icfg, &old_cache);
                ctx.progress.stage(0).inc(1);
                w
            })
            .collect();
        read_time += clock.elapsed();
        // Analyse the fresh articles of the whole batch in parallel.
        let fresh: Vec<(usize, Article)> = works
            .iter_mut()
            .enumerate()
            .flat_map(|(i, w)| match w {
                Work::Fresh { loaded, .. } => std::mem::take(&mut loaded.articles)
                    .into_iter()
                    .map(|a| (i, a))
                    .collect(),
                Work::Cached { .. } => Vec::new(),
            })
            .collect();
        let clock = Instant::now();
        let mut analysed: Vec<(usize, ArticleSummary)> = fresh
            .into_par_iter()
            .map(|(i, mut a)| {
                segment::segment(&mut a);
                (
                    i,
                    analyze_segmented(a, ctx.names, ctx.dedup, ctx.tells, Some(ctx.progress)),
                )
            })
            .collect();
        analyze_time += clock.elapsed();
        analysed.reverse();
        // Number articles and failures in discovery order.
        for (offset, w) in works.into_iter().enumerate() {
            let entry_idx = (start + offset) as u32;
            let (items, cache_key) = match w {
                Work::Cached { items, key } => {
                    cached_files += 1;
                    for i in 1..5 {
                        ctx.progress.stage(i).inc(items.len() as u64);
                    }
                    (items, Some(key))
                }
                Work::Fresh { loaded, key } => {
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
                    // Records and failures of one JSONL file interleave by line.
                    items.sort_by_key(|(line, _)| *line);
                    (items.into_iter().map(|(_, i)| i).collect(), key)
                }
            };
            match &entries[entry_idx as usize] {
                Entry::File(f) => {
                    inputs.update(f.rel.as_bytes());
                    inputs.update(&cache_key.unwrap_or(0).to_le_bytes());
                }
                Entry::Failed { rel, reason, .. } => {
                    inputs.update(rel.as_bytes());
                    inputs.update(reason.as_bytes());
                }
            }
            inputs.update(b"\0");
            if let (Some(writer), Some(key), Entry::File(f)) =
                (new_cache.as_mut(), cache_key, &entries[entry_idx as usize])
            {
                writer.add(&f.rel, key, &items);
            }
            for item in items {
                let id = ArticleId(keys.len() as u32);
                entry_of.push(entry_idx);
                match item {
                    cache::Item::Article(mut a) => {
                        a.set_id(id);
                        keys.push(a.key.clone());
                        summaries.push(*a);
                    }
                    cache::Item::Failure(mut f) => {
                        f.id = id;
                        keys.push(f.key.clone());
                        failures.push(f);
                    }
                }
            }
        }
        start = end;
    }
    let n = summaries.len() as u64;
    for i in 1..5 {
        progress.stage(i).set_length(n);
    }
    progress.finish(0);
    progress.finish(1);

    let mut timings = vec![("read", read_time), ("analyze", analyze_time)];
    let inputs = inputs.digest();

    // ---- up to date: same inputs and settings, and the reports on disk are
    // the ones the last run wrote; nothing to redo.
    if let Some(out) = old_cache.outputs() {
        let unchanged = cfg.incremental
            && cached_files == file_entries
            && out.inputs == inputs
            && out
                .reports
                .iter()
                .all(|(name, hash)| ingest::file_hash(&cfg.out_dir.join(name)) == Some(*hash));
        if unchanged {
            progress.finish_all();
            return Ok(RunSummary {
                cached_files,
                timings,
                input_bytes,
                up_to_date: true,
                ..summarise(out, cfg, discovery.skipped)
            });
        }
    }
    let mut clock = Instant::now();
    let mut lap = |name: &'static str| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };

    // ---- cross-article: dedup
    // Re-reads articles for dedup's text confirmation and duplicates.csv:
    // each file once per call, however many of its records are asked for.
    let load = |ids: &[ArticleId]| -> Vec<Option<Article>> {
        let mut by_entry: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
        for (pos, id) in ids.iter().enumerate() {
            if let Some(&e) = entry_of.get(id.0 as usize) {
                by_entry.entry(e).or_default().push(pos);
            }
        }
        let found: Vec<(usize, Article)> = by_entry
            .into_par_iter()
            .flat_map_iter(|(e, wanted)| {
                let mut loaded = ingest::load(&entries[e as usize], &icfg).articles;
                wanted
                    .into_iter()
                    .filter_map(|pos| {
                        let id = ids[pos];
                        let key = keys.get(id.0 as usize)?;
                        let i = loaded.iter().position(|a| &a.key == key)?;
                        let mut a = loaded.swap_remove(i);
                        a.id = id;
                        segment::outline(&mut a);
                        Some((pos, a))
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut out: Vec<Option<Article>> = vec![None; ids.len()];
        for (pos, a) in found {
            out[pos] = Some(a);
        }
        out
    };
    let mut scratch = report::Scratch::new(lock);
    let mut memo = crate::model::PairMemo {
        known: old_cache.take_pairs(),
        remember: new_cache.is_some(),
        fresh: Vec::new(),
    };
    let mut dedup_out = dedup::link(&summaries, &dcfg, &load, &mut scratch, &mut memo);
    drop(scratch);
    if let Some(writer) = new_cache.as_mut() {
        writer.set_pairs(std::mem::take(&mut memo.fresh));
    }
    drop(memo);
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
        // The link was the last reader of the prints (its marks are in
        // `dedup_out`): give their memory back for the stages after it.
        s.prints = Default::default();
        s.para_lines = Vec::new();
    }
    progress.finish(3);

    // ---- cross-article: claims
    let mut claims_out = claims::resolve(&summaries, &dedup_out, rules);
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
    // Move, not copy: from here on the summaries keep only what scoring and
    // articles.csv read (ids, metadata, word counts); claims are done with,
    // so their memory goes back before the reports are built.
    findings.reserve_exact(
        summaries.iter().map(|s| s.findings.len()).sum::<usize>()
            + dedup_out.findings.len()
            + claims_out.findings.len(),
    );
    for s in &mut summaries {
        findings.append(&mut s.findings);
        s.findings = Vec::new();
        s.claims = Vec::new();
    }
    findings.append(&mut dedup_out.findings);
    findings.append(&mut claims_out.findings);

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
    let mut rows = std::mem::take(&mut dedup_out.rows);
    fill_duplicate_texts(&mut rows, &entry_of, &load);
    name_repeated_text(&mut findings, &rows);
    let hashes = report::write(
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
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let all_scores: Vec<(String, f64)> = scores
        .iter()
        .map(|s| (keys[s.article.0 as usize].clone(), s.score))
        .collect();
    let outputs = cache::Outputs {
        inputs,
        reports: hashes,
        articles: summaries.len(),
        failed: failures.len(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        scores: all_scores,
    };
    let summary = RunSummary {
        cached_files,
        input_bytes,
        ..summarise(&outputs, cfg, discovery.skipped)
    };
    if let Some(mut writer) = new_cache {
        writer.set_outputs(outputs);
        report::write_cache(lock, &cache_path, &writer.finish())?;
    }
    progress.finish(6);
    lap("report write");
    Ok(RunSummary { timings, ..summary })
}

/// The summary line and exit code of a run that wrote (or kept) `out`; the
/// articles below `--fail-under` come from its scores, in report order.
fn summarise(out: &cache::Outputs, cfg: &Config, skipped_paths: Vec<PathBuf>) -> RunSummary {
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
        skipped_paths,
        ..RunSummary::default()
    }
}

/// One entry after reading: cached results, or freshly parsed articles.
enum Work {
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
            if let Some(items) = cache.get(&f.rel, key) {
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

/// Findings from the cross-article dedup link carry no text (the link keeps
/// none): give them the start of their paragraph, taken from the
/// duplicates.csv rows just re-read, so a reviewer sees what was repeated.
fn name_repeated_text(findings: &mut [Finding], rows: &[crate::model::DuplicateRow]) {
    let mut text: Vec<((ArticleId, u32), &str)> = rows
        .iter()
        .filter(|r| !r.text.is_empty())
        .map(|r| ((r.article, r.paragraph.0), r.text.as_str()))
        .collect();
    text.sort_unstable_by_key(|t| t.0);
    for f in findings.iter_mut() {
        let repeat = matches!(
            f.kind,
            FindingKind::Boilerplate
                | FindingKind::SyndicatedParagraph
                | FindingKind::DuplicateParagraph
        );
        if !repeat || !f.mention.is_empty() {
            continue;
        }
        let Some(p) = f.paragraph else { continue };
        if let Ok(i) = text.binary_search_by_key(&(f.article, p.0), |t| t.0) {
            f.mention = crate::text::truncate_chars(text[i].1, 80);
        }
    }
}

/// Articles re-read at once for duplicates.csv texts (the records of one
/// file are never split across loads, so a file is read once).
const TEXT_BATCH: usize = 256;

/// Re-reads the articles that duplicates.csv shows and fills in their texts,
/// a few hundred articles at a time so only those texts are in memory.
fn fill_duplicate_texts(
    rows: &mut [crate::model::DuplicateRow],
    entry_of: &[u32],
    load: &LoadArticles<'_>,
) {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_unstable_by_key(|&i| (rows[i].article, rows[i].paragraph));
    let entry = |id: ArticleId| entry_of.get(id.0 as usize).copied();
    let mut start = 0;
    while start < order.len() {
        // Take up to TEXT_BATCH articles, then the rest of the last one's file.
        let mut ids: Vec<ArticleId> = Vec::new();
        let mut end = start;
        while end < order.len() {
            let id = rows[order[end]].article;
            if ids.last() != Some(&id) {
                if ids.len() >= TEXT_BATCH && ids.last().map(|&l| entry(l)) != Some(entry(id)) {
                    break;
                }
                ids.push(id);
            }
            end += 1;
        }
        let arts = load(&ids);
        let mut k = 0;
        for &i in &order[start..end] {
            let r = &mut rows[i];
            while ids.get(k).is_some_and(|&id| id < r.article) {
                k += 1;
            }
            let Some(Some(a)) = arts.get(k) else { continue };
            if let Some(p) = a.paragraphs.get(r.paragraph.0 as usize) {
                r.text = crate::text::truncate_chars(a.para_text(p), 200).replace('\n', " ");
            }
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{Format, InputFile};
    use proptest::prelude::*;

    fn bundled() -> (NameIndex, Rules) {
        let rules = Rules::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap();
        (NameIndex::new(&rules), rules)
    }

    fn file(format: Format) -> InputFile {
        InputFile {
            path: "x".into(),
            rel: "x".into(),
            manifest_key: "x".into(),
            format,
            manifest: None,
            top_folder: None,
        }
    }

    /// Arbitrary bytes with a bias towards the structure the parsers look for.
    fn input() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..2000),
            "(---\n|<article>|<p>|</p>|\\{\"text\": \"|\\$55 billion |Prime Minister |\n\n|[A-Z][a-z]+ |[\\x00-\\x7f]{0,20}|[\u{3000}-\u{9fff}]{1,4}|\u{feff}|\r\n){0,80}"
                .prop_map(|s| s.into_bytes()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn no_panic_on_arbitrary_bytes_through_every_per_article_stage(bytes in input()) {
            let (names, rules) = bundled();
            let icfg = IngestConfig::default();
            for format in [Format::Text, Format::Markdown, Format::Html, Format::Jsonl] {
                let loaded = ingest::load_bytes(&file(format), &bytes, &icfg);
                let summaries: Vec<ArticleSummary> = loaded
                    .articles
                    .into_iter()
                    .map(|a| analyze(a, &names, &DedupConfig::default()))
                    .collect();
                let load = |ids: &[ArticleId]| -> Vec<Option<Article>> { vec![None; ids.len()] };
                let d = dedup::link(&summaries, &DedupConfig::default(), &load, &mut Vec::new(), &mut crate::model::PairMemo::default());
                let _ = claims::resolve(&summaries, &d, &rules);
            }
        }
    }
}
