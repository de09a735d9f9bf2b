//! The cross-article steps of a run, after the per-article pass: link
//! duplicates, keep repeated content out of the checks, gather the findings,
//! score, and write the reports.

use super::claim_rows::ClaimRowsOnDisk;
use super::dup_texts::DupTexts;
use super::incremental::OpenCache;
use super::per_article::Collected;
use super::spill::{RecordStore, Spill};
use super::{cache, summary_of, RunCtx, RunError, RunSummary};
use crate::dedup;
use crate::ingest::{self, Entries, IngestConfig};
use crate::model::{
    Article, ArticleId, ArticleScore, ArticleSummary, ClaimRow, ClaimsInput, ClaimsOutcome,
    DedupOutcome, DuplicateRow, Finding, FindingKind, InputFailure, Keys, LinkRecords, LinkSpace,
    Marks, MentionVerdict, PairMemo, ParaIdx, ParaMark, Scores, Severity, SourceRow,
};
use crate::report::{self, Reports, RowParts};
use crate::rules::Rules;
use crate::{claims, score, segment};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Re-reads articles by id, for dedup's text confirmation and for
/// duplicates.csv: each file once per call, however many of its records are
/// asked for.
pub(super) struct Reloader<'a> {
    entries: &'a Entries,
    ingest: &'a IngestConfig,
    /// Key of each id, to find an article among its file's records.
    keys: &'a Keys,
    /// Entry index of each id.
    entry_of: &'a [u32],
}

impl<'a> Reloader<'a> {
    pub(super) fn new(run: &'a RunCtx<'_>, collected: &'a Collected) -> Reloader<'a> {
        Reloader {
            entries: run.entries,
            ingest: &run.ingest,
            keys: collected.keys(),
            entry_of: &collected.entry_of,
        }
    }

    /// The articles `ids` (segmented, with their ids), `None` where one can
    /// no longer be read; in the order asked.
    pub(super) fn load(&self, ids: &[ArticleId]) -> Vec<Option<Article>> {
        let found: Vec<(usize, Article)> = by_entry(ids, self.entry_of)
            .into_par_iter()
            .flat_map_iter(|(e, wanted)| {
                let mut loaded = ingest::load(&self.entries.get(e as usize), self.ingest).articles;
                wanted
                    .into_iter()
                    .filter_map(|pos| {
                        let id = ids[pos];
                        let key = self.keys.get(id.0 as usize)?;
                        let i = loaded.iter().position(|a| a.key == key)?;
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
    }

    /// Entry index of an id.
    pub(super) fn entry(&self, id: ArticleId) -> Option<u32> {
        self.entry_of.get(id.0 as usize).copied()
    }
}

/// Positions in `ids` grouped by the entry they come from, entries in order;
/// ids of no entry are left out.
fn by_entry(ids: &[ArticleId], entry_of: &[u32]) -> BTreeMap<u32, Vec<usize>> {
    let mut groups: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (pos, id) in ids.iter().enumerate() {
        if let Some(&e) = entry_of.get(id.0 as usize) {
            groups.entry(e).or_default().push(pos);
        }
    }
    groups
}

/// The dedup link over all summaries, with scratch space in `--out` and the
/// previous run's pair similarities; this run's pairs go to the new cache.
/// Its findings and duplicates.csv rows wait on disk as they are made
/// (read back per article while scoring, and for the texts); the outcome
/// keeps only marks and copy links.
pub(super) fn link_duplicates(
    run: &RunCtx<'_>,
    collected: &Collected,
    store: &mut OpenCache,
) -> (DedupOutcome, LinkRecords) {
    let reloader = Reloader::new(run, collected);
    let mut scratch = report::Scratch::new(run.lock);
    let mut memo = PairMemo {
        known: store.old.take_pairs(),
        remember: store.writer.is_some(),
        fresh: Vec::new(),
    };
    let load = |ids: &[ArticleId]| reloader.load(ids);
    let records = LinkRecords::new(Box::new(report::Scratch::new(run.lock)));
    let open = || -> Box<dyn crate::model::Scratch> { Box::new(report::Scratch::new(run.lock)) };
    let space = LinkSpace::share_of(run.cfg.memory, &open).releasing(&super::heap::release_freed);
    let linked = dedup::link_to(
        &collected.link,
        &run.dedup,
        &load,
        &mut scratch,
        &mut memo,
        records,
        &space,
    );
    if let Some(writer) = store.writer.as_mut() {
        writer.set_pairs(std::mem::take(&mut memo.fresh));
    }
    linked
}

/// Name-check finding kinds: dropped when their paragraph turns out to be
/// boilerplate, kept in repeats (a copy that swaps in a wrong name is still
/// wrong).
fn is_name_kind(k: FindingKind) -> bool {
    matches!(
        k,
        FindingKind::OutdatedOfficeholder
            | FindingKind::WrongOfficeholder
            | FindingKind::MisspelledName
            | FindingKind::RoleMismatch
            | FindingKind::NameVariant
            | FindingKind::UnverifiedOfficeholder
    )
}

/// The `reason` of a mention in a paragraph the link found to be boilerplate
/// (the names stage gives the same for boilerplate it is told of).
const IN_BOILERPLATE: &str = "in boilerplate";

/// Keeps boilerplate out of the name check and repeats and boilerplate out
/// of the claim check, now that the link has marked every paragraph (its
/// marks are in `marks`):
/// - name findings in boilerplate are dropped, and its mentions become
///   `unchecked`, reason "in boilerplate"; name findings and mentions in
///   syndicated or duplicate paragraphs are kept, so a copy is checked;
/// - claims outside content paragraphs are dropped (a copy is not an
///   independent source).
///
/// The link was the last reader of the prints: their memory goes back for
/// the stages after it.
pub(super) fn drop_repeated(s: &mut ArticleSummary, marks: &[ParaMark]) {
    let mark = |p: ParaIdx| marks.get(p.0 as usize).copied().unwrap_or_default();
    let boilerplate = |p: Option<ParaIdx>| p.is_some_and(|p| mark(p) == ParaMark::Boilerplate);
    s.findings
        .retain(|f| !is_name_kind(f.kind) || !boilerplate(f.paragraph));
    for m in &mut s.mentions {
        if boilerplate(Some(m.paragraph)) {
            m.verdict = MentionVerdict::Unchecked;
            m.reason = IN_BOILERPLATE.to_string();
        }
    }
    s.claims.retain(|c| mark(c.paragraph).is_content());
    s.prints = Default::default();
    s.para_lines = Vec::new();
}

/// The `input_error` finding of an input that could not be read.
fn input_error(f: &InputFailure) -> Finding {
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
        })
}

/// Articles read back from the spill at once by the passes after the link
/// (in parallel within a chunk, the chunks in order).
const SPILL_CHUNK: usize = 1024;

/// Why a pass after the link could not read its summaries back.
fn lost(run: &RunCtx<'_>) -> RunError {
    RunError::Scratch(run.cfg.out_dir.clone())
}

/// Reads the spilled summaries back in order, `SPILL_CHUNK` at a time,
/// each with its marks and repeated content dropped ([`drop_repeated`]),
/// and maps them in parallel with `f`; results in article order.
fn map_spilled<T: Send>(
    run: &RunCtx<'_>,
    collected: &Collected,
    marks: &Marks,
    mut f: impl FnMut(Vec<ArticleSummary>) -> Vec<T>,
) -> Result<Vec<T>, RunError> {
    let n = collected.spill.len();
    let mut out = Vec::with_capacity(n);
    let mut start = 0;
    while start < n {
        let end = (start + SPILL_CHUNK).min(n);
        let chunk: Vec<ArticleSummary> = (start..end)
            .into_par_iter()
            .map(|i| {
                let mut s = collected.spill.get(i)?;
                drop_repeated(&mut s, marks.get(i).unwrap_or(&[]));
                Some(s)
            })
            .collect::<Option<_>>()
            .ok_or_else(|| lost(run))?;
        out.extend(f(chunk));
        start = end;
    }
    Ok(out)
}

/// Truth discovery: every spilled summary read back in order (repeated
/// content dropped), what it reads of each ([`claims::claims_input`]) fed
/// to a [`claims::Resolver`] a chunk at a time, so only its compact records
/// are held; claims.csv's rows go to a scratch file as they are made.
pub(super) fn resolve_claims(
    run: &RunCtx<'_>,
    collected: &Collected,
    linked: &DedupOutcome,
) -> Result<(ClaimsOutcome, ClaimRowsOnDisk), RunError> {
    let mut resolver = claims::Resolver::new(run.rules);
    map_spilled(run, collected, &linked.marks, |chunk| {
        let inputs: Vec<ClaimsInput> = chunk.par_iter().map(claims::claims_input).collect();
        drop(chunk);
        for a in &inputs {
            resolver.add(a);
        }
        Vec::<()>::new()
    })?;
    // The chunks' inputs were made and freed by the workers; their pages go
    // back before truth discovery grows the main thread's heap.
    super::heap::release_freed();
    let store = Box::new(report::Scratch::new(run.lock));
    let mut rows = ClaimRowsOnDisk::new(store, run.cfg.out_dir.clone());
    let outcome = resolver.finish(linked, collected.keys(), &mut |part| rows.push(part));
    rows.finish();
    Ok((outcome, rows))
}

/// Every article scored, its report record spilled, and the sources
/// rolled up.
pub(super) struct Scored {
    /// Each article's record ([`finish_article`]), by position.
    pub(super) records: RecordStore,
    /// Every article's score, by id.
    pub(super) scores: Scores,
    /// Findings of every id by severity.
    pub(super) counts: Vec<[u32; 3]>,
    /// The findings of no article: unreadable inputs.
    pub(super) others: Vec<Finding>,
    pub(super) sources: Vec<SourceRow>,
}

/// The scoring pass: each spilled summary read back in order, given dedup's
/// and claims' findings of its article ([`take_findings_of`]), scored and
/// spilled again as its report record ([`finish_article`]); meanwhile the
/// severity counts and the sources' tallies add up. Input errors are the
/// findings of no article.
pub(super) fn score_articles(
    run: &RunCtx<'_>,
    collected: &Collected,
    linked: &DedupOutcome,
    on_disk: &LinkRecords,
    resolved: &mut ClaimsOutcome,
    texts: &DupTexts,
) -> Result<Scored, RunError> {
    let others: Vec<Finding> = collected.failures.iter().map(input_error).collect();
    let ids = collected.keys().len();
    let mut counts = vec![[0u32; 3]; ids];
    report::count_severities(&mut counts, &others);
    let mut dedup_next = 0;
    let mut unread = false;
    let mut claims_next = 0;
    let extra = std::mem::take(&mut resolved.findings);
    let mut records = RecordStore {
        records: Spill::on_disk(run.lock),
        ids: Vec::with_capacity(collected.spill.len()),
        dir: run.cfg.out_dir.clone(),
    };
    let mut scores = Scores::default();
    let mut tally = score::SourceTally::default();
    map_spilled(run, collected, &linked.marks, |chunk| {
        let extras: Vec<Vec<Finding>> = chunk
            .iter()
            .map(|s| {
                let mut e = on_disk
                    .findings_of(s.id, &mut dedup_next)
                    .unwrap_or_else(|| {
                        unread = true;
                        Vec::new()
                    });
                e.extend(take_findings_of(&extra, s.id, &mut claims_next));
                e
            })
            .collect();
        let done: Vec<(ArticleSummary, ArticleScore)> = chunk
            .into_par_iter()
            .zip(extras)
            .map(|(s, e)| finish_article(s, e, texts, run.rules))
            .collect();
        for (record, score) in done {
            report::count_severities(&mut counts, &record.findings);
            let c = counts
                .get(record.id.0 as usize)
                .copied()
                .unwrap_or_default();
            tally.add(
                &record.source,
                (record.id, &record.key),
                score.score,
                c[0],
                c[1],
            );
            records.ids.push(record.id);
            records.records.put(&record);
            scores.push(&score);
        }
        Vec::<()>::new()
    })?;
    if unread {
        return Err(lost(run));
    }
    records.records.finish();
    scores.pad_to(ids);
    scores.shrink_to_fit();
    Ok(Scored {
        records,
        scores,
        counts,
        others,
        sources: tally.rows(&resolved.trust),
    })
}

/// The findings of article `id` in `findings` (sorted by article, as
/// truth discovery gives them), in their order; `next` is the first not
/// yet passed (articles are asked for in ascending order; those of ids
/// never asked for are passed over).
fn take_findings_of(findings: &[Finding], id: ArticleId, next: &mut usize) -> Vec<Finding> {
    while findings.get(*next).is_some_and(|f| f.article < id) {
        *next += 1;
    }
    let start = *next;
    while findings.get(*next).is_some_and(|f| f.article == id) {
        *next += 1;
    }
    findings[start..*next].to_vec()
}

/// One article's report record and score: its own findings (repeated
/// content already dropped), then `extra` (dedup's, then claims'), scored
/// in the order scoring reads them; then repeat findings get their
/// paragraph's text ([`name_repeated_text`], after scoring, as the top
/// finding names a repeat by its kind). The record keeps no claims.
pub(super) fn finish_article(
    mut s: ArticleSummary,
    extra: Vec<Finding>,
    texts: &DupTexts,
    rules: &Rules,
) -> (ArticleSummary, ArticleScore) {
    s.claims = Vec::new();
    s.findings.extend(extra);
    let mut fs: Vec<&Finding> = s.findings.iter().collect();
    sort_for_scoring(&mut fs);
    let score = score::score_article(s.id, &fs, rules);
    name_repeated_text(&mut s.findings, texts);
    (s, score)
}

/// One article's findings in the order scoring reads them: by paragraph,
/// line, kind and mention.
fn sort_for_scoring(findings: &mut [&Finding]) {
    findings.sort_by(|a, b| {
        (a.paragraph, a.line, a.kind, &a.mention).cmp(&(b.paragraph, b.line, b.kind, &b.mention))
    });
}

/// Writes the reports, then the cache; returns the run's summary (without
/// timings). `rows` are duplicates.csv's rows with their texts.
pub(super) fn write_outputs(
    run: &RunCtx<'_>,
    store: OpenCache,
    collected: &Collected,
    marks: &Marks,
    rows: &dyn RowParts<DuplicateRow>,
    claims: &dyn RowParts<ClaimRow>,
    scored: &Scored,
) -> Result<RunSummary, RunError> {
    let mut reports = Reports {
        articles: &scored.records,
        marks,
        scores: &scored.scores,
        findings: &scored.others,
        counts: &scored.counts,
        duplicates: rows,
        claims,
        sources: &scored.sources,
        keys: collected.keys(),
        texts: &[],
    };
    let texts = if run.cfg.review {
        review_texts(
            &reports,
            run.cfg.review_limit,
            &Reloader::new(run, collected),
        )
    } else {
        Vec::new()
    };
    reports.texts = &texts;
    let hashes = report::write(run.lock, &reports, &run.cfg.report_options())?;
    // The cache keeps every article's score; the summary line needs only
    // those under `--fail-under`.
    let keep = |s: f64| store.writer.is_some() || run.cfg.fail_under.is_some_and(|t| s < t);
    let outputs = outputs_of(collected, scored, hashes, keep);
    let summary = summary_of(&outputs, run, collected);
    if let Some(mut writer) = store.writer {
        writer.set_outputs(outputs);
        report::write_cache(run.lock, &store.path, &writer.finish())?;
    }
    Ok(summary)
}

/// Re-reads the texts duplicates.csv shows ([`DupTexts`]), into scratch
/// space.
pub(super) fn duplicate_texts(
    run: &RunCtx<'_>,
    collected: &Collected,
    on_disk: &LinkRecords,
) -> Result<DupTexts, RunError> {
    let store = Box::new(report::Scratch::new(run.lock));
    DupTexts::gather(on_disk, &Reloader::new(run, collected), store).ok_or_else(|| lost(run))
}

/// What this run wrote, for the next run's up-to-date check and summary;
/// of the articles' scores only those `keep` keeps.
fn outputs_of(
    collected: &Collected,
    scored: &Scored,
    reports: Vec<(String, u64)>,
    keep: impl Fn(f64) -> bool,
) -> cache::Outputs {
    let count = |s: Severity| scored.counts.iter().map(|c| c[s as usize] as usize).sum();
    let scores: Vec<(String, f64)> = scored
        .scores
        .iter()
        .filter(|(_, s)| keep(s.score))
        .map(|(id, s)| {
            let key = collected.keys().get(id.0 as usize);
            (key.unwrap_or_default().to_string(), s.score)
        })
        .collect();
    cache::Outputs {
        inputs: collected.inputs_digest(),
        reports,
        articles: scored.records.ids.len(),
        failed: collected.failures.len(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        scores,
    }
}

/// Findings from the cross-article dedup link carry no text (the link keeps
/// none): give them the start of their paragraph, taken from the
/// duplicates.csv rows just re-read, so a reviewer sees what was repeated.
fn name_repeated_text(findings: &mut [Finding], texts: &DupTexts) {
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
        if let Some(t) = texts.get(f.article, p.0) {
            f.mention = crate::text::truncate_chars(&t, 80);
            if t.chars().nth(80).is_some() {
                f.mention.push('…');
            }
        }
    }
}

/// The texts of the articles the review page shows in full, re-read from
/// their files the way duplicates.csv's texts are (the per-article pass
/// keeps none); an article that can no longer be read is left out.
fn review_texts(
    reports: &Reports<'_>,
    limit: usize,
    reloader: &Reloader<'_>,
) -> Vec<report::ReviewText> {
    let ids = report::review_selection(reports, limit);
    let arts = reloader.load(&ids);
    ids.iter()
        .zip(arts)
        .filter_map(|(&id, a)| {
            let a = a?;
            Some(report::ReviewText {
                article: id,
                paragraphs: a
                    .paragraphs
                    .iter()
                    .map(|p| a.para_text(p).to_string())
                    .collect(),
            })
        })
        .collect()
}

#[cfg(test)]
pub(super) mod tests;
