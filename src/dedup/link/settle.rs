//! Steps 5 and 6 of the link: each paragraph confirmed against its earlier
//! candidates, in publication order, until it has joined a set; further
//! candidates in a set it already belongs to are implied, not compared.
//!
//! On wire copy nearly every paragraph has dozens of candidates (one or two
//! per band), nearly all of them real: comparing each on text cost about 30
//! confirmations a paragraph. Here a paragraph is compared with its earliest
//! candidates until one confirms (that one is its anchor, exactly the one
//! every-pair confirmation made: the earliest earlier paragraph it matches
//! directly); after that only with candidates in sets it has not joined, at
//! most [`MORE_TRIES`] of them. Sets come out as before: a skipped pair
//! joined two paragraphs already in one set.
//!
//! Deterministic and independent of thread count: paragraphs are settled in
//! rounds of consecutive paragraphs in publication order (fixed sizes); each
//! round sees the sets as the previous rounds left them, its paragraphs are
//! compared in parallel, and their joins are applied after, in order.

use super::confirm::{SpillIndex, Wanted};
use super::sorted::{Pair, Runs, Sorted};
use super::stats::Stats;
use super::{range_holding, Linker};
use crate::dedup::normalise::Normalised;
use crate::dedup::similarity::Ready;
use crate::model::{LinkSpace, LoadArticles, PairMemo, Scratch};
use rayon::prelude::*;
use std::collections::HashMap;
use std::iter::Peekable;
use std::sync::OnceLock;

/// Comparisons a paragraph may make after its anchor, with candidates in
/// sets it has not joined (a paragraph that merges two stories).
pub(super) const MORE_TRIES: usize = 4;
/// Candidate pairs per round: bounds the paragraphs held in memory.
const ROUND_PAIRS: usize = 4_096;

/// Similarities of form pairs kept for later rounds, in two generations of
/// at most this many (about 30 bytes each): when the newer one is full it
/// becomes the older one and the oldest pairs are forgotten. It only saves
/// comparisons (wire copy at 50 MB makes about 130,000), so what it holds
/// never changes a result, and memory stays bounded at any corpus size.
const FORM_MEMO: usize = 1 << 17;

/// (form of lower, form of higher paragraph) -> similarity, newer and
/// older generation ([`FORM_MEMO`]).
#[derive(Default)]
struct FormMemo {
    newer: HashMap<(u64, u64), f64>,
    older: HashMap<(u64, u64), f64>,
}

impl FormMemo {
    fn get(&self, k: &(u64, u64)) -> Option<f64> {
        self.newer.get(k).or_else(|| self.older.get(k)).copied()
    }

    fn insert(&mut self, k: (u64, u64), s: f64) {
        if self.newer.len() >= FORM_MEMO {
            self.older = std::mem::take(&mut self.newer);
        }
        self.newer.insert(k, s);
    }
}

/// One comparison made: (lower, higher global paragraph), similarity.
type Tried = ((u32, u32), f64);

/// The candidates in the order they are settled, and what confirming
/// needs of them: 8 bytes per pair (in memory up to half the link's
/// space, past it in sorted runs on scratch), 8 bytes per article (which
/// paragraph has each publication rank) and a bit per paragraph (whose
/// text must be re-read).
pub(super) struct Queue {
    /// (later, earlier) publication ranks of every candidate pair, sorted.
    oriented: Sorted,
    /// The global paragraph of each publication rank.
    ranks: Ranks,
    /// The paragraphs of pairs the memo does not know.
    wanted: Wanted,
    /// Candidate pairs.
    pub(super) len: usize,
    /// Whether the pairs went to scratch.
    pub(super) spilled: bool,
}

impl Queue {
    /// The pairs as (later, earlier) global paragraphs in publication
    /// order, sorted by the later paragraph's place, then the earlier one's.
    fn pairs(&self) -> impl Iterator<Item = Pair> + '_ {
        let g = |r: u32| self.ranks.para(r);
        self.oriented.iter().map(move |(l, e)| (g(l), g(e)))
    }
}

/// Publication ranks of paragraphs: articles in publication order
/// ([`Linker::order`]), their paragraphs in turn. Held per article (8
/// bytes: where its ranks start, and its first global paragraph), not
/// per paragraph; a rank's article is found by binary search.
pub(super) struct Ranks {
    /// The first rank of each article, in publication order.
    starts: Vec<u32>,
    /// The first global paragraph of each article, in publication order.
    firsts: Vec<u32>,
}

impl Ranks {
    /// The global paragraph of rank `r`, in the article whose ranks hold
    /// it ([`range_holding`]).
    fn para(&self, r: u32) -> u32 {
        let i = range_holding(&self.starts, r);
        self.firsts[i] + (r - self.starts[i])
    }
}

/// Comparisons gathered while settling, on a scratch stream (16 bytes
/// each) rather than in memory, where they would sit beside the re-read
/// forms' index at the link's peak; read back once that is gone.
struct TriedLog {
    stream: Box<dyn Scratch>,
    buffer: Vec<u8>,
    len: usize,
}

impl TriedLog {
    /// Bytes gathered before they go to the stream.
    const BUFFER: usize = 1 << 16;
    /// Bytes read back at a time.
    const READ: usize = 1 << 24;

    fn new(space: &LinkSpace<'_>) -> TriedLog {
        TriedLog {
            stream: (space.open)(),
            buffer: Vec::new(),
            len: 0,
        }
    }

    fn push(&mut self, ((x, y), s): Tried) {
        self.buffer.extend_from_slice(&x.to_le_bytes());
        self.buffer.extend_from_slice(&y.to_le_bytes());
        self.buffer.extend_from_slice(&s.to_bits().to_le_bytes());
        self.len += 1;
        if self.buffer.len() >= Self::BUFFER {
            self.stream.append(&self.buffer);
            self.buffer.clear();
        }
    }

    /// Every comparison pushed, in order (those the stream lost are left
    /// out: the link then joins less, never wrongly).
    fn into_vec(mut self) -> Vec<Tried> {
        if !self.buffer.is_empty() {
            self.stream.append(&self.buffer);
        }
        self.buffer = Vec::new();
        self.stream.finish();
        let mut out = Vec::with_capacity(self.len);
        let total = (self.len * 16) as u64;
        let mut at = 0u64;
        while at < total {
            let len = (total - at).min(Self::READ as u64);
            let bytes = self.stream.read(at, len as u32);
            if bytes.len() as u64 != len {
                break;
            }
            out.extend(bytes.chunks_exact(16).map(|r| {
                let u = |i: usize| u32::from_le_bytes(r[i..i + 4].try_into().expect("4 bytes"));
                let s = f64::from_bits(u64::from_le_bytes(r[8..].try_into().expect("8 bytes")));
                ((u(0), u(4)), s)
            }));
            at += len;
        }
        out
    }
}

/// A paragraph of a round and its form, read from the scratch space when
/// first needed (by whichever thread needs it first; the value is the same).
type Slot = (u32, OnceLock<Option<Ready>>);

/// What one round needs to compare pairs: the re-read forms, the memo and
/// the similarities of form pairs compared in earlier rounds.
struct Compare<'c> {
    spilled: &'c SpillIndex,
    scratch: &'c dyn Scratch,
    /// The round's paragraphs, sorted, each form read at most once a round
    /// and kept for the next round when it needs it too (an origin that
    /// hundreds of copies are compared with is read once, not per copy).
    forms: &'c [Slot],
    /// (form of lower, form of higher paragraph) -> similarity.
    by_forms: &'c FormMemo,
    floor: f64,
}

impl Linker<'_> {
    /// The candidates `cand` (sorted, distinct) queued for steps 5 and 6:
    /// each pair turned into (later, earlier) publication ranks and sorted
    /// ([`Runs`]: past half of `space`, in sorted runs on scratch), and the
    /// paragraphs to re-read marked.
    pub(super) fn queue(
        &self,
        cand: impl Iterator<Item = Pair>,
        memo: &PairMemo,
        space: &LinkSpace<'_>,
    ) -> Queue {
        let ranks = self.publication_order();
        let mut rank = vec![0u32; self.total() as usize];
        for (i, (&start, &first)) in ranks.starts.iter().zip(&ranks.firsts).enumerate() {
            let end = ranks.starts.get(i + 1).map_or(self.total(), |&s| s);
            for r in start..end {
                rank[(first + r - start) as usize] = r;
            }
        }
        let mut wanted = Wanted::new(self.total());
        let mut oriented = Runs::new(space, space.memory / 2, false);
        let mut len = 0;
        for (x, y) in cand {
            len += 1;
            // Pairs the memo knows need no text.
            if memo.known.is_empty() || memo.get(self.pair_key((x, y))).is_none() {
                wanted.mark(x);
                wanted.mark(y);
            }
            let (rx, ry) = (rank[x as usize], rank[y as usize]);
            oriented.push((rx.max(ry), rx.min(ry)));
        }
        Queue {
            spilled: oriented.spilled(),
            oriented: oriented.finish(),
            ranks,
            wanted,
            len,
        }
    }

    /// Every global paragraph's publication rank ([`Linker::order`]:
    /// articles by date and id, then their paragraphs in order).
    fn publication_order(&self) -> Ranks {
        let mut arts: Vec<u32> = (0..self.input().len() as u32).collect();
        arts.par_sort_by_key(|&a| {
            let art = self.article(a as usize);
            (art.date, art.id)
        });
        let mut ranks = Ranks {
            starts: Vec::with_capacity(arts.len()),
            firsts: Vec::with_capacity(arts.len()),
        };
        let mut next = 0u32;
        for a in arts {
            let range = self.input().para_range(a as usize);
            ranks.starts.push(next);
            ranks.firsts.push(range.start as u32);
            next += range.len() as u32;
        }
        ranks
    }

    /// Steps 5 and 6: the queued candidates settled round by round
    /// ([`Linker::settle`]); returns the confirmed pairs (lower, higher)
    /// with their similarity, sorted. With `memo.remember`, every compared
    /// pair's key and similarity go to `memo.fresh`.
    pub(super) fn settle_candidates(
        &mut self,
        mut queue: Queue,
        near_dup: f64,
        load: &LoadArticles<'_>,
        scratch: &mut dyn Scratch,
        memo: &mut PairMemo,
        (space, stats): (&LinkSpace<'_>, &mut Stats),
    ) -> Vec<Tried> {
        let use_memo = memo.remember || !memo.known.is_empty();
        let spilled = self.spill(
            std::mem::replace(&mut queue.wanted, Wanted::new(0)),
            load,
            scratch,
        );
        (space.release)();
        stats.phase("spill");
        stats.count("spilled", spilled.len());
        let mut by_forms = FormMemo::default();
        let mut confirmed = TriedLog::new(space);
        let mut fresh = TriedLog::new(space);
        let mut compared = 0;
        let mut forms: Vec<Slot> = Vec::new();
        let mut pairs = queue.pairs().peekable();
        loop {
            let round = next_round(&mut pairs);
            if round.is_empty() {
                break;
            }
            let members = round_members(&round);
            forms = carry_forms(forms, &members);
            let tried = {
                let cmp = Compare {
                    forms: &forms,
                    spilled: &spilled,
                    scratch: &*scratch,
                    by_forms: &by_forms,
                    floor: near_dup,
                };
                self.settle(&round, &members, &cmp, memo, near_dup)
            };
            for t in tried.into_iter().flatten() {
                compared += 1;
                let ((x, y), s) = t;
                if let (Some(fx), Some(fy)) = (spilled.form(x), spilled.form(y)) {
                    by_forms.insert((fx, fy), s);
                }
                if s >= near_dup {
                    self.sets.union(x, y);
                    confirmed.push(t);
                }
                if use_memo {
                    fresh.push(t);
                }
            }
        }
        // What settling held goes before the comparisons come back.
        drop(pairs);
        drop((forms, by_forms, spilled, queue));
        let (mut confirmed, fresh) = (confirmed.into_vec(), fresh.into_vec());
        stats.phase("settle");
        stats.count("compared", compared);
        stats.count("confirmed", confirmed.len());
        if memo.remember {
            memo.fresh = fresh
                .into_par_iter()
                .map(|(p, s)| (self.pair_key(p), s))
                .collect();
            memo.fresh.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
            memo.fresh.dedup_by_key(|k| k.0);
        }
        confirmed.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        confirmed
    }

    /// One round: the sets of every paragraph in it as the earlier rounds
    /// left them, then each later paragraph settled on its own, in
    /// parallel. Returns, per later paragraph, the comparisons it made.
    fn settle(
        &mut self,
        round: &[(u32, u32)],
        members: &[u32],
        cmp: &Compare<'_>,
        memo: &PairMemo,
        near_dup: f64,
    ) -> Vec<Vec<Tried>> {
        let roots: Vec<(u32, u32)> = members.iter().map(|&g| (g, self.sets.find(g))).collect();
        let root = |g: u32| {
            roots
                .binary_search_by_key(&g, |r| r.0)
                .map_or(g, |i| roots[i].1)
        };
        let this = &*self;
        let similarity = |x: u32, y: u32| {
            if !memo.known.is_empty() {
                if let Some(s) = memo.get(this.pair_key((x, y))) {
                    return s;
                }
            }
            cmp.similarity(x, y)
        };
        round
            .chunk_by(|a, b| a.0 == b.0)
            .collect::<Vec<_>>()
            .par_iter()
            .map(|group| {
                let earlier: Vec<u32> = group.iter().map(|&(_, e)| e).collect();
                settle_one(group[0].0, &earlier, &root, similarity, near_dup)
            })
            .collect()
    }
}

/// Settles paragraph `later` against its `earlier` candidates (publication
/// order): compared in turn until one reaches `near_dup` (the anchor);
/// after that, candidates whose set (`root`) is `later`'s or one it joined
/// are implied, and at most [`MORE_TRIES`] others are compared. Returns
/// the comparisons made, as (lower, higher) pairs.
fn settle_one(
    later: u32,
    earlier: &[u32],
    root: &(dyn Fn(u32) -> u32 + Sync),
    similarity: impl Fn(u32, u32) -> f64,
    near_dup: f64,
) -> Vec<Tried> {
    let mut tried: Vec<Tried> = Vec::new();
    let mut joined: Vec<u32> = vec![root(later)];
    let mut anchored = false;
    let mut more = 0;
    for &x in earlier {
        let rx = root(x);
        if anchored {
            if joined.contains(&rx) {
                continue;
            }
            if more == MORE_TRIES {
                break;
            }
            more += 1;
        }
        let pair = (x.min(later), x.max(later));
        let s = similarity(pair.0, pair.1);
        tried.push((pair, s));
        if s >= near_dup {
            anchored = true;
            joined.push(rx);
        }
    }
    tried
}

impl Compare<'_> {
    /// Similarity of global paragraphs `x` < `y`: from an earlier round's
    /// pair of the same forms, else on text (0 when either could not be
    /// re-read).
    fn similarity(&self, x: u32, y: u32) -> f64 {
        let (fx, fy) = (self.spilled.form(x), self.spilled.form(y));
        if let (Some(fx), Some(fy)) = (fx, fy) {
            if let Some(s) = self.by_forms.get(&(fx, fy)) {
                return s;
            }
        }
        let (mut own_x, mut own_y) = (None, None);
        let a = self.ready(x, &mut own_x);
        let b = self.ready(y, &mut own_y);
        match (a, b) {
            (Some(a), Some(b)) => a.similarity(b, self.floor),
            _ => 0.0,
        }
    }

    /// Paragraph `g` ready to compare: from the round's forms (read now
    /// if no one needed it before), else read into `own`.
    fn ready<'r>(&'r self, g: u32, own: &'r mut Option<Ready>) -> Option<&'r Ready> {
        match self.forms.binary_search_by_key(&g, |r| r.0) {
            Ok(i) => self.forms[i]
                .1
                .get_or_init(|| read_ready(self.spilled, self.scratch, g))
                .as_ref(),
            Err(_) => {
                *own = read_ready(self.spilled, self.scratch, g);
                own.as_ref()
            }
        }
    }
}

/// The next round of `pairs` (oriented, in settling order): about
/// [`ROUND_PAIRS`] pairs, whole later paragraphs (the pairs of the last
/// paragraph taken are all taken); empty at the end.
fn next_round(pairs: &mut Peekable<impl Iterator<Item = Pair>>) -> Vec<Pair> {
    let mut round: Vec<Pair> = pairs.by_ref().take(ROUND_PAIRS).collect();
    if let Some(&(later, _)) = round.last() {
        while let Some(p) = pairs.next_if(|p| p.0 == later) {
            round.push(p);
        }
    }
    round
}

/// The paragraphs of a round's pairs, sorted and distinct.
fn round_members(round: &[(u32, u32)]) -> Vec<u32> {
    let mut members: Vec<u32> = round.iter().flat_map(|&(l, e)| [l, e]).collect();
    members.sort_unstable();
    members.dedup();
    members
}

/// The slots of a round's `members` (sorted): forms already read by the
/// previous round (`prev`, sorted) are kept, the others start empty.
fn carry_forms(prev: Vec<Slot>, members: &[u32]) -> Vec<Slot> {
    let mut prev = prev.into_iter().peekable();
    members
        .iter()
        .map(|&g| {
            while prev.next_if(|p| p.0 < g).is_some() {}
            match prev.next_if(|p| p.0 == g) {
                Some(slot) => slot,
                None => (g, OnceLock::new()),
            }
        })
        .collect()
}

/// Paragraph `g`'s form from the scratch space, ready to compare.
fn read_ready(spilled: &SpillIndex, scratch: &dyn Scratch, g: u32) -> Option<Ready> {
    let (offset, len) = spilled.place(g)?;
    Normalised::decode(&scratch.read(offset, len)).map(Ready::new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::fixtures::{art, date, loader, summary, A1, A1_REWORDED, B1, C1};
    use crate::dedup::DEFAULT_NEAR_DUP;
    use crate::model::ArticleSummary;

    /// Similarity by a table of (lower, higher, value); 0 otherwise.
    fn table(t: &[(u32, u32, f64)]) -> impl Fn(u32, u32) -> f64 + '_ {
        move |x, y| t.iter().find(|e| (e.0, e.1) == (x, y)).map_or(0.0, |e| e.2)
    }

    #[test]
    fn a_paragraph_is_compared_until_its_anchor_then_only_with_other_sets() {
        // 9 settles against 1, 2, 3, 4, 5 (publication order); 1 fails, 2
        // confirms (the anchor); 3 is in 2's set (implied); 4 is in a set
        // of its own and is compared; 5 is in 9's own set.
        let roots = |g: u32| match g {
            3 => 2,
            5 => 9,
            g => g,
        };
        let sims = [(1, 9, 0.2), (2, 9, 0.8), (4, 9, 0.9), (3, 9, 0.9)];
        let tried = settle_one(9, &[1, 2, 3, 4, 5], &roots, table(&sims), DEFAULT_NEAR_DUP);
        assert_eq!(tried, vec![((1, 9), 0.2), ((2, 9), 0.8), ((4, 9), 0.9)]);
    }

    #[test]
    fn before_its_anchor_a_paragraph_compares_even_within_its_own_set() {
        // 1 and 2 are already in 9's set (an exact copy of 9 joined them):
        // the anchor is still the earliest paragraph 9 matches itself.
        let roots = |_: u32| 1;
        let sims = [(1, 9, 0.5), (2, 9, 0.8)];
        let tried = settle_one(9, &[1, 2, 3], &roots, table(&sims), DEFAULT_NEAR_DUP);
        assert_eq!(tried, vec![((1, 9), 0.5), ((2, 9), 0.8)]);
    }

    #[test]
    fn after_its_anchor_a_paragraph_tries_a_bounded_number_of_other_sets() {
        let earlier: Vec<u32> = (0..20).collect();
        let sims: Vec<(u32, u32, f64)> = vec![(0, 50, 0.9)];
        let tried = settle_one(50, &earlier, &|g| g, table(&sims), DEFAULT_NEAR_DUP);
        assert_eq!(tried.len(), 1 + MORE_TRIES);
        // No anchor: every candidate is compared.
        let tried = settle_one(50, &earlier, &|g| g, table(&[]), DEFAULT_NEAR_DUP);
        assert_eq!(tried.len(), 20);
    }

    /// All rounds of `pairs`.
    fn rounds(pairs: &[Pair]) -> Vec<Vec<Pair>> {
        let mut it = pairs.iter().copied().peekable();
        std::iter::from_fn(|| Some(next_round(&mut it)).filter(|r| !r.is_empty())).collect()
    }

    #[test]
    fn rounds_keep_each_later_paragraph_whole() {
        let mut oriented: Vec<(u32, u32)> = Vec::new();
        for l in 0..3u32 {
            for e in 0..(ROUND_PAIRS as u32 / 2 + 1) {
                oriented.push((1000 + l, e));
            }
        }
        let r = rounds(&oriented);
        assert_eq!(r.len(), 2);
        assert_eq!(r.concat(), oriented);
        assert_eq!(
            r[0].len(),
            2 * (ROUND_PAIRS / 2 + 1),
            "the second paragraph whole"
        );
        assert_ne!(r[0].last().unwrap().0, r[1][0].0);
        assert!(rounds(&[]).is_empty());
        assert_eq!(rounds(&[(1, 0)]), vec![vec![(1, 0)]]);
    }

    #[test]
    fn forms_read_in_one_round_are_kept_for_the_next_that_needs_them() {
        let read = |g: u32| {
            let slot: OnceLock<Option<Ready>> = OnceLock::new();
            let _ = slot.set(Some(Ready::new(Normalised::from_text(&format!(
                "text {g}"
            )))));
            (g, slot)
        };
        let prev = vec![read(1), (3, OnceLock::new()), read(5), read(9)];
        let next = carry_forms(prev, &[2, 3, 5, 7, 9, 11]);
        let kept: Vec<(u32, bool)> = next.iter().map(|s| (s.0, s.1.get().is_some())).collect();
        assert_eq!(
            kept,
            vec![
                (2, false),
                (3, false),
                (5, true),
                (7, false),
                (9, true),
                (11, false)
            ]
        );
        assert_eq!(round_members(&[(5, 1), (4, 1), (5, 2)]), vec![1, 2, 4, 5]);
    }

    /// a0 (latest): A1; a1: A1 reworded; a2 (earliest): A1 reworded + B1.
    fn dated() -> Vec<ArticleSummary> {
        let arts = [
            art(0, A1),
            art(1, A1_REWORDED),
            art(2, &format!("{A1_REWORDED} {B1}")),
        ];
        let mut sums: Vec<ArticleSummary> = arts.iter().map(summary).collect();
        sums[0].date = date("2026-03-01");
        sums[1].date = date("2026-02-01");
        sums[2].date = date("2026-01-01");
        sums
    }

    #[test]
    fn pairs_are_oriented_later_first_in_publication_order() {
        let sums = dated();
        let linker = Linker::new(&sums);
        let cand = [(0, 1), (0, 2), (1, 2)];
        let tiny = LinkSpace {
            memory: 16,
            ..LinkSpace::unbounded()
        };
        for space in [LinkSpace::unbounded(), tiny] {
            let queue = linker.queue(cand.iter().copied(), &PairMemo::default(), &space);
            let oriented: Vec<Pair> = queue.pairs().collect();
            assert_eq!(oriented, vec![(1, 2), (0, 2), (0, 1)]);
            assert_eq!(queue.len, 3);
            assert_eq!(queue.spilled, space.memory == 16);
            assert!((0..3).all(|g| queue.wanted.has(g)));
        }
    }

    #[test]
    fn settled_pairs_join_sets_and_go_to_the_memo() {
        let arts = vec![
            art(0, &format!("{B1}\n\n{A1}")),
            art(1, &format!("{C1}\n\n{A1_REWORDED}\n\n{A1}")),
            art(2, A1_REWORDED),
        ];
        let sums: Vec<ArticleSummary> = arts.iter().map(summary).collect();
        let mut linker = Linker::new(&sums);
        // Global: a0 = 0, 1; a1 = 2, 3, 4; a2 = 5.
        let cand = [(0, 2), (1, 3), (1, 5), (3, 5)];
        let mut memo = PairMemo {
            remember: true,
            ..PairMemo::default()
        };
        let space = LinkSpace::unbounded();
        let queue = linker.queue(cand.iter().copied(), &memo, &space);
        let confirmed = linker.settle_candidates(
            queue,
            DEFAULT_NEAR_DUP,
            &loader(&arts),
            &mut Vec::new(),
            &mut memo,
            (&space, &mut Stats::from_env()),
        );
        let pairs: Vec<(u32, u32)> = confirmed.iter().map(|c| c.0).collect();
        // 5 anchors on 1 (earlier than 3, same date, lower id). 3 joined
        // 1's set in the same round, which 5 does not see yet: compared too.
        assert_eq!(pairs, vec![(1, 3), (1, 5), (3, 5)]);
        assert_eq!(linker.sets.find(5), linker.sets.find(3));
        assert_eq!(memo.fresh.len(), 4, "{:?}", memo.fresh);
        // The memo answers a second run without text.
        let known = std::mem::take(&mut memo.fresh);
        let mut memo = PairMemo {
            known,
            ..PairMemo::default()
        };
        let mut linker = Linker::new(&sums);
        let queue = linker.queue(cand.iter().copied(), &memo, &space);
        assert!((0..6).all(|g| !queue.wanted.has(g)), "no text to read");
        let again = linker.settle_candidates(
            queue,
            DEFAULT_NEAR_DUP,
            &|ids: &[crate::model::ArticleId]| vec![None; ids.len()],
            &mut Vec::new(),
            &mut memo,
            (&space, &mut Stats::from_env()),
        );
        assert_eq!(again, confirmed);
    }

    #[test]
    fn ranks_map_back_to_paragraphs_past_articles_without_any() {
        // In publication order: an article of paragraphs 5..7, an empty
        // one, one of 0..3, another empty one, one of 3..5.
        let ranks = Ranks {
            starts: vec![0, 2, 2, 5, 5],
            firsts: vec![5, 7, 0, 3, 3],
        };
        let paras: Vec<u32> = (0..7).map(|r| ranks.para(r)).collect();
        assert_eq!(paras, vec![5, 6, 0, 1, 2, 3, 4]);
    }

    #[test]
    fn comparisons_come_back_from_their_stream_in_order() {
        let space = LinkSpace::unbounded();
        let mut log = TriedLog::new(&space);
        let tried: Vec<Tried> = (0..10_000u32)
            .map(|i| ((i, i * 3 + 1), f64::from(i) / 7.0))
            .collect();
        tried.iter().for_each(|&t| log.push(t));
        assert_eq!(log.into_vec(), tried);
    }

    #[test]
    fn form_memo_keeps_two_generations() {
        let mut m = FormMemo::default();
        for i in 0..FORM_MEMO as u64 {
            m.insert((i, i), 0.5);
        }
        m.insert((u64::MAX, 0), 0.9);
        assert_eq!(m.get(&(0, 0)), Some(0.5), "the older generation is kept");
        assert_eq!(m.get(&(u64::MAX, 0)), Some(0.9));
        for i in 0..FORM_MEMO as u64 {
            m.insert(((i + 1) << 40, 0), 0.1);
        }
        assert_eq!(m.get(&(0, 0)), None, "two generations back is forgotten");
        assert_eq!(m.get(&(u64::MAX, 0)), Some(0.9));
        assert!(m.newer.len() + m.older.len() <= 2 * FORM_MEMO);
    }
}
