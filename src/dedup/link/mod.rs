//! The cross-article pass ([`link`]): joins paragraphs repeated across the
//! corpus from their prints alone, confirms near repeats on re-read text,
//! then classifies each group as syndication or boilerplate.
//!
//! State lives in a [`Linker`] (the articles, their global paragraph
//! numbers, a union-find over them); each phase is a method or a small type
//! in a submodule: `candidates` (steps 2 to 4), `confirm` (re-reading text
//! for 5), `settle` (5, 6), `classify`
//! (7 to 10), `output` (11 to 15).

mod candidates;
mod classify;
mod confirm;
mod output;
mod settle;
mod sorted;
mod stats;

use super::DedupConfig;
use crate::model::{
    ArticleId, Date, DedupOutcome, LinkArticle, LinkInput, LinkPara, LinkRecords, LinkSpace,
    LoadArticles, PairMemo, ParaIdx, Scratch,
};
use classify::{ArticleZones, CrossGroups, DirectMatches, Verdict};
use output::{LinkOutput, Repeat};
use stats::Stats;

/// Cross-article pass: links prints across the corpus. `load` re-reads
/// articles (for confirming near duplicates on text); it may return `None`.
///
/// 1. `Linker::new`: global paragraph numbers (`ParaIndex`), each
///    paragraph its own set.
/// 2. `Linker::union_local_repeats`: joins the repeats `fingerprint`
///    found inside each article.
/// 3. `Linker::exact_repeats`: joins long exact repeats; keeps short ones
///    in three or more articles as boilerplate candidates.
/// 4. `Linker::band_candidates`: pairs of paragraphs of different
///    articles sharing a rare band key or `MIN_BANDS` bands.
/// 5. `Linker::settle_candidates`: each paragraph compared with its earlier
///    candidates until one reaches `near_dup` (from the memo, else on
///    text), then only with candidates in sets it has not joined.
/// 6. the same: pairs at or above `near_dup` are joined as they are found;
///    they are the direct matches.
/// 7. `Linker::cross_groups`: sets with paragraphs in two or more
///    articles, in (date, id, paragraph) order.
/// 8. `ArticleZones::measure`: each article's copied share, head and tail.
/// 9. `ArticleZones::classify`: each group syndicated or boilerplate.
/// 10. `DirectMatches::new`: what each paragraph matched itself.
/// 11. `LinkOutput::syndication_rows`: rows, findings and copy links of
///     each syndicated group; boilerplate groups become `Repeat`s.
/// 12. `LinkOutput::mark_boilerplate`: marks the repeats, grown over
///     adjacent title lines.
/// 13. `LinkOutput::boilerplate_blocks`: one finding and one group per
///     block of boilerplate.
/// 14. `LinkOutput::local_groups`: within-article groups outside cross groups.
/// 15. `LinkOutput::finish`: deterministic group numbers and finding order.
///
/// The findings and duplicates.csv rows are in the outcome, in memory; see
/// [`link_to`] for a link that writes them out as it makes them, and
/// bounds its sorted tables.
pub fn link(
    input: &LinkInput,
    cfg: &DedupConfig,
    load: &LoadArticles<'_>,
    scratch: &mut dyn Scratch,
    memo: &mut PairMemo,
) -> DedupOutcome {
    let records = LinkRecords::default();
    let space = LinkSpace::unbounded();
    let (mut outcome, records) = link_to(input, cfg, load, scratch, memo, records, &space);
    outcome.findings = records.all_findings();
    outcome.rows = records.all_rows();
    outcome
}

/// [`link`], its findings and duplicates.csv groups written to `records`
/// as each is made (the outcome holds marks and copy links only); the
/// records come back finished, in report order. Its sorted tables (band
/// pairs, candidates) hold at most about `space.memory` bytes, the rest
/// in sorted runs on streams `space` opens; the result is the same
/// whatever the bound.
pub fn link_to(
    input: &LinkInput,
    cfg: &DedupConfig,
    load: &LoadArticles<'_>,
    scratch: &mut dyn Scratch,
    memo: &mut PairMemo,
    records: LinkRecords,
    space: &LinkSpace<'_>,
) -> (DedupOutcome, LinkRecords) {
    let mut stats = Stats::from_env();
    stats.phase("input");
    let mut linker = Linker::of(input);
    linker.union_local_repeats();
    stats.phase("local repeats");
    let short_repeats = linker.exact_repeats();
    stats.phase("exact");
    let confirmed = linker.near_repeats(cfg.near_dup, load, scratch, memo, space, &mut stats);
    (space.release)();
    stats.phase("settled");
    let CrossGroups { groups, member } = linker.cross_groups();
    (space.release)();
    stats.phase("cross groups");
    let zones = ArticleZones::measure(&linker, &member);
    stats.phase("zones");
    let direct = DirectMatches::new(&linker, confirmed);
    stats.phase("direct");

    let mut out = LinkOutput::new(input, records);
    let mut repeats: Vec<Repeat> = Vec::new();
    // The groups and the zones are dropped once all are classified.
    for group in groups.iter() {
        match zones.classify(&linker, group) {
            Verdict::Boilerplate => repeats.extend(Repeat::of_group(&linker, group)),
            Verdict::Syndicated => out.syndication_rows(&linker, &direct, group),
        }
    }
    drop(groups);
    for group in zones.short_boilerplate(&linker, short_repeats, &member) {
        repeats.extend(Repeat::of_group(&linker, &group));
    }
    drop(zones);
    stats.phase("syndication");
    repeats.sort_unstable();
    repeats.dedup_by_key(|r| r.para);
    repeats.shrink_to_fit();
    out.mark_boilerplate(&linker, &repeats);
    stats.phase("marked");
    out.boilerplate_blocks(&linker, &direct, &repeats);
    drop((direct, repeats));
    stats.phase("blocks");
    out.local_groups(&linker, &member);
    drop(member);
    stats.phase("local groups");
    let outcome = out.finish();
    stats.phase("classify");
    outcome
}

/// Union-find over global paragraph indexes.
struct Dsu(Vec<u32>);

impl Dsu {
    fn find(&mut self, mut x: u32) -> u32 {
        while self.0[x as usize] != x {
            let p = self.0[x as usize];
            self.0[x as usize] = self.0[p as usize];
            x = p;
        }
        x
    }
    /// The set of `x`, without shortening paths (for readers of a
    /// finished union-find).
    fn root(&self, mut x: u32) -> u32 {
        while self.0[x as usize] != x {
            x = self.0[x as usize];
        }
        x
    }
    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi as usize] = lo;
        }
    }
}

/// Global paragraph numbering: paragraph `p` of article `a` is `base[a] + p`.
/// The article of a paragraph is found by binary search over `base` (4
/// bytes an article), not looked up in a table of 4 bytes a paragraph.
struct ParaIndex {
    base: Vec<u32>,
    total: u32,
}

impl ParaIndex {
    fn new(input: &LinkInput) -> ParaIndex {
        let base: Vec<u32> = input.articles.iter().map(|a| a.first_para).collect();
        ParaIndex {
            base,
            total: input.paras.len() as u32,
        }
    }
    /// Paragraphs in all articles.
    fn total(&self) -> u32 {
        self.total
    }
    /// The article of global paragraph `g` ([`range_holding`]).
    fn art(&self, g: u32) -> usize {
        debug_assert!(g < self.total);
        range_holding(&self.base, g)
    }
    /// (article, paragraph) of global paragraph `g`.
    fn split(&self, g: u32) -> (usize, usize) {
        let a = self.art(g);
        (a, (g - self.base[a]) as usize)
    }
    /// Global number of paragraph `p` of article `a`.
    fn global(&self, a: usize, p: usize) -> u32 {
        self.base[a] + p as u32
    }
}

/// Of consecutive ranges that start at `starts` (ascending, the first at
/// or before `x`), the one that holds `x`: the last that starts at or
/// before it (an empty range starts where the next one does, so the last
/// of them is the one that holds `x`). Articles' paragraphs by global
/// number, and by publication rank.
fn range_holding(starts: &[u32], x: u32) -> usize {
    starts.partition_point(|&s| s <= x) - 1
}

/// The link's input, borrowed from the pipeline or (tests) built here.
enum Held<'a> {
    Borrowed(&'a LinkInput),
    #[cfg(test)]
    Owned(Box<LinkInput>),
}

/// The link's state: the articles, their global paragraph numbers and the
/// sets of paragraphs joined so far.
struct Linker<'a> {
    held: Held<'a>,
    index: ParaIndex,
    sets: Dsu,
}

impl<'a> Linker<'a> {
    /// Step 1: every paragraph in a set of its own.
    fn of(input: &'a LinkInput) -> Linker<'a> {
        Linker::with(Held::Borrowed(input))
    }

    /// [`Linker::of`] the link parts of `summaries` (tests).
    #[cfg(test)]
    fn new(summaries: &[crate::model::ArticleSummary]) -> Linker<'static> {
        Linker::with(Held::Owned(Box::new(LinkInput::of(summaries))))
    }

    fn with(held: Held<'a>) -> Linker<'a> {
        let input = match &held {
            Held::Borrowed(i) => *i,
            #[cfg(test)]
            Held::Owned(b) => b,
        };
        let index = ParaIndex::new(input);
        let sets = Dsu((0..index.total()).collect());
        Linker { held, index, sets }
    }

    /// What the link reads.
    fn input(&self) -> &LinkInput {
        match &self.held {
            Held::Borrowed(i) => i,
            #[cfg(test)]
            Held::Owned(b) => b,
        }
    }

    /// Article `a`.
    fn article(&self, a: usize) -> &LinkArticle {
        &self.input().articles[a]
    }

    /// Steps 4 to 6: candidates, their similarities, the confirmed pairs
    /// joined; returns the confirmed pairs with their similarity.
    fn near_repeats(
        &mut self,
        near_dup: f64,
        load: &LoadArticles<'_>,
        scratch: &mut dyn Scratch,
        memo: &mut PairMemo,
        space: &LinkSpace<'_>,
        stats: &mut Stats,
    ) -> Vec<((u32, u32), f64)> {
        let candidates = self.band_candidates(space);
        (space.release)();
        stats.phase("candidates");
        let queue = self.queue(candidates.iter(), memo, space);
        stats.phase("queue");
        stats.count("candidates", queue.len);
        stats.count(
            "spilled runs",
            usize::from(candidates.spilled || queue.spilled),
        );
        drop(candidates);
        self.settle_candidates(queue, near_dup, load, scratch, memo, (space, stats))
    }

    fn total(&self) -> u32 {
        self.index.total()
    }

    /// The print of global paragraph `g`.
    fn print(&self, g: u32) -> &LinkPara {
        &self.input().paras[g as usize]
    }

    /// Where `g` stands in publication order: (date, article id, paragraph).
    fn order(&self, g: u32) -> (Date, ArticleId, usize) {
        let (a, p) = self.index.split(g);
        let art = self.article(a);
        (art.date, art.id, p)
    }

    /// `key#pN` of global paragraph `g`.
    fn para_key(&self, g: u32) -> String {
        let (a, p) = self.index.split(g);
        super::fingerprint::para_key(self.input().key(a), ParaIdx(p as u32))
    }

    /// Same normalised text, long enough to count as an exact repeat.
    fn exact_match(&self, x: u32, y: u32) -> bool {
        self.print(x).exact == self.print(y).exact
            && self.print(x).words() >= super::MIN_EXACT_WORDS
    }

    /// See [`local_repeats`].
    fn local_repeats(&self) -> impl Iterator<Item = (u32, u32, f64)> + '_ {
        local_repeats(self.input())
    }
}

/// The within-article repeats `fingerprint` found, as (first occurrence,
/// repeat, similarity) in global numbers, article by article.
fn local_repeats(input: &LinkInput) -> impl Iterator<Item = (u32, u32, f64)> + '_ {
    input.repeats.iter().copied()
}

#[cfg(test)]
mod tests;
