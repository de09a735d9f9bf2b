//! Pairs sorted past a memory bound (an external sort), for the link's
//! band pairs and candidates.
//!
//! [`Runs`] holds pairs up to a bound; past it the held pairs are sorted
//! and written as one run to a scratch stream, and [`Sorted::iter`] merges
//! the runs (k-way: a heap with one cursor per run, each run read a chunk
//! at a time). Whatever the bound, the pairs come back as one sort of all
//! of them gives them (with `distinct`, each once), so the link's result
//! does not depend on `--memory`. Under the bound nothing goes to disk.

use super::candidates::add_distinct;
use crate::model::{LinkSpace, Scratch};
use rayon::prelude::*;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::iter::Peekable;

/// Two u32s: (lower, higher) paragraphs or (later, earlier) ranks.
pub(super) type Pair = (u32, u32);

/// Bytes a pair takes, held or in a run.
const PAIR_BYTES: u64 = 8;
/// Pairs a run's cursor reads at a time (256 KB).
const READ_PAIRS: usize = 1 << 15;

/// Pairs being gathered: held in memory up to `cap`, then written out as
/// sorted runs.
pub(super) struct Runs<'s> {
    open: &'s (dyn Fn() -> Box<dyn Scratch> + Sync),
    cap: usize,
    distinct: bool,
    held: Vec<Pair>,
    /// Whether `held` is sorted (and distinct, when `distinct`).
    sorted: bool,
    stream: Option<Box<dyn Scratch>>,
    /// (offset in `stream`, pairs) of each run written.
    runs: Vec<(u64, usize)>,
}

impl<'s> Runs<'s> {
    /// Pairs held up to `bytes` of `space` (at least one pair); with
    /// `distinct`, each pair comes back once.
    pub(super) fn new(space: &LinkSpace<'s>, bytes: u64, distinct: bool) -> Runs<'s> {
        let cap = usize::try_from(bytes / PAIR_BYTES).unwrap_or(usize::MAX);
        Runs {
            open: space.open,
            cap: cap.max(1),
            distinct,
            held: Vec::new(),
            sorted: true,
            stream: None,
            runs: Vec::new(),
        }
    }

    /// Adds one pair.
    pub(super) fn push(&mut self, p: Pair) {
        self.held.push(p);
        self.sorted = self.held.len() == 1;
        if self.held.len() >= self.cap {
            self.write_run();
        }
    }

    /// Adds `more`, sorted and distinct (a distinct `Runs` only): merged
    /// into the held pairs, which stay sorted and distinct, so pairs
    /// found again and again take room once.
    pub(super) fn add_sorted(&mut self, more: Vec<Pair>) {
        debug_assert!(self.distinct);
        self.sort_held();
        if self.held.is_empty() {
            self.held = more;
        } else {
            add_distinct(&mut self.held, more);
        }
        if self.held.len() >= self.cap {
            self.write_run();
        }
    }

    /// Adds `more`, in any order, with repeats (a distinct `Runs` only):
    /// sorted, made distinct, then added as [`Runs::add_sorted`] adds.
    pub(super) fn add_unsorted(&mut self, mut more: Vec<Pair>) {
        more.par_sort_unstable();
        more.dedup();
        self.add_sorted(more);
    }

    /// Pairs held before a run is written (at least one).
    pub(super) fn cap(&self) -> usize {
        self.cap
    }

    /// Whether some pairs went to disk (tests, stats).
    pub(super) fn spilled(&self) -> bool {
        !self.runs.is_empty()
    }

    fn sort_held(&mut self) {
        if !self.sorted {
            self.held.par_sort_unstable();
            if self.distinct {
                self.held.dedup();
            }
            self.sorted = true;
        }
    }

    /// The held pairs, sorted, as one run on the stream.
    fn write_run(&mut self) {
        self.sort_held();
        let stream = self.stream.get_or_insert_with(|| (self.open)());
        let mut at = None;
        let mut bytes = Vec::with_capacity(READ_PAIRS * PAIR_BYTES as usize);
        for chunk in self.held.chunks(READ_PAIRS) {
            bytes.clear();
            for &(x, y) in chunk {
                bytes.extend_from_slice(&x.to_le_bytes());
                bytes.extend_from_slice(&y.to_le_bytes());
            }
            let offset = stream.append(&bytes);
            at.get_or_insert(offset);
        }
        if let Some(at) = at {
            self.runs.push((at, self.held.len()));
        }
        self.held.clear();
        self.sorted = true;
    }

    /// Ends the adding: the pairs, to be read in order.
    pub(super) fn finish(mut self) -> Sorted {
        if self.runs.is_empty() {
            self.sort_held();
            self.held.shrink_to_fit();
            return Sorted::Held(self.held);
        }
        if !self.held.is_empty() {
            self.write_run();
        }
        let mut stream = self.stream.take().expect("runs were written to a stream");
        stream.finish();
        Sorted::Runs {
            stream,
            runs: self.runs,
            distinct: self.distinct,
        }
    }
}

/// Pairs gathered by [`Runs`], read in sorted order (as often as needed).
pub(super) enum Sorted {
    /// All in memory, sorted.
    Held(Vec<Pair>),
    /// Sorted runs on a scratch stream.
    Runs {
        stream: Box<dyn Scratch>,
        runs: Vec<(u64, usize)>,
        distinct: bool,
    },
}

impl Sorted {
    /// The pairs in order.
    pub(super) fn iter(&self) -> Box<dyn Iterator<Item = Pair> + '_> {
        match self {
            Sorted::Held(v) => Box::new(v.iter().copied()),
            Sorted::Runs {
                stream,
                runs,
                distinct,
            } => Box::new(Merge::new(&**stream, runs, *distinct)),
        }
    }
}

/// One run being read: where the next chunk lies, and the chunk.
struct Cursor {
    at: u64,
    left: usize,
    chunk: Vec<Pair>,
    pos: usize,
}

impl Cursor {
    /// The run's next pair, reading its next chunk when needed (a run
    /// that cannot be read back ends there).
    fn next(&mut self, stream: &dyn Scratch) -> Option<Pair> {
        if self.pos == self.chunk.len() {
            if self.left == 0 {
                return None;
            }
            let n = self.left.min(READ_PAIRS);
            let bytes = stream.read(self.at, (n as u64 * PAIR_BYTES) as u32);
            self.chunk.clear();
            self.chunk.extend(bytes.chunks_exact(8).map(|b| {
                (
                    u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
                    u32::from_le_bytes([b[4], b[5], b[6], b[7]]),
                )
            }));
            self.at += n as u64 * PAIR_BYTES;
            self.left = if self.chunk.len() == n {
                self.left - n
            } else {
                0
            };
            self.pos = 0;
        }
        let p = self.chunk.get(self.pos).copied();
        self.pos += 1;
        p
    }
}

/// The k-way merge of sorted runs.
struct Merge<'r> {
    stream: &'r dyn Scratch,
    cursors: Vec<Cursor>,
    /// The next pair of each run not yet exhausted, with its run.
    heap: BinaryHeap<Reverse<(Pair, usize)>>,
    distinct: bool,
    last: Option<Pair>,
}

impl<'r> Merge<'r> {
    fn new(stream: &'r dyn Scratch, runs: &[(u64, usize)], distinct: bool) -> Merge<'r> {
        let mut m = Merge {
            stream,
            cursors: runs
                .iter()
                .map(|&(at, left)| Cursor {
                    at,
                    left,
                    chunk: Vec::new(),
                    pos: 0,
                })
                .collect(),
            heap: BinaryHeap::with_capacity(runs.len()),
            distinct,
            last: None,
        };
        for i in 0..m.cursors.len() {
            m.refill(i);
        }
        m
    }

    fn refill(&mut self, i: usize) {
        if let Some(p) = self.cursors[i].next(self.stream) {
            self.heap.push(Reverse((p, i)));
        }
    }
}

impl Iterator for Merge<'_> {
    type Item = Pair;

    fn next(&mut self) -> Option<Pair> {
        loop {
            let Reverse((p, i)) = self.heap.pop()?;
            self.refill(i);
            if self.distinct && self.last == Some(p) {
                continue;
            }
            self.last = Some(p);
            return Some(p);
        }
    }
}

/// The pairs of `a` not in `b` (both sorted and distinct), in order.
pub(super) fn difference<'i>(
    a: impl Iterator<Item = Pair> + 'i,
    b: impl Iterator<Item = Pair> + 'i,
) -> impl Iterator<Item = Pair> + 'i {
    let mut b = b.peekable();
    a.filter(move |p| {
        while b.next_if(|q| q < p).is_some() {}
        b.peek() != Some(p)
    })
}

/// The pairs of `a` and `b` (both sorted and distinct), in order, each once.
pub(super) fn union<'i>(
    a: impl Iterator<Item = Pair> + 'i,
    b: impl Iterator<Item = Pair> + 'i,
) -> impl Iterator<Item = Pair> + 'i {
    Union {
        a: a.peekable(),
        b: b.peekable(),
    }
}

struct Union<A: Iterator<Item = Pair>, B: Iterator<Item = Pair>> {
    a: Peekable<A>,
    b: Peekable<B>,
}

impl<A: Iterator<Item = Pair>, B: Iterator<Item = Pair>> Iterator for Union<A, B> {
    type Item = Pair;

    fn next(&mut self) -> Option<Pair> {
        match (self.a.peek(), self.b.peek()) {
            (Some(x), Some(y)) if x < y => self.a.next(),
            (Some(x), Some(y)) if x > y => self.b.next(),
            (Some(_), Some(_)) => {
                self.b.next();
                self.a.next()
            }
            (Some(_), None) => self.a.next(),
            (None, _) => self.b.next(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pseudo-random pairs with many repeats (values below `range`).
    fn random_pairs(n: usize, range: u32, seed: u64) -> Vec<Pair> {
        let mut s = seed;
        let mut next = || {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (s >> 33) as u32 % range
        };
        (0..n).map(|_| (next(), next())).collect()
    }

    fn space(bytes: u64) -> LinkSpace<'static> {
        LinkSpace {
            memory: bytes,
            ..LinkSpace::unbounded()
        }
    }

    #[test]
    fn runs_on_disk_come_back_as_one_sort_in_memory_would_give_them() {
        let pairs = random_pairs(100_000, 300, 1);
        let mut sorted = pairs.clone();
        sorted.sort_unstable();
        let mut distinct = sorted.clone();
        distinct.dedup();
        // Held whole, a few runs, many small runs (more than one read
        // chunk each for the large ones), one pair a run.
        for bytes in [u64::MAX, 8 * 40_000, 8 * 3_000, 8] {
            for want_distinct in [false, true] {
                let space = space(bytes);
                let mut runs = Runs::new(&space, space.memory, want_distinct);
                let n = if bytes == 8 { 2_000 } else { pairs.len() };
                pairs[..n].iter().for_each(|&p| runs.push(p));
                assert_eq!(runs.spilled(), bytes != u64::MAX);
                let got: Vec<Pair> = runs.finish().iter().collect();
                let mut want = pairs[..n].to_vec();
                want.sort_unstable();
                if want_distinct {
                    want.dedup();
                }
                assert_eq!(got, want, "bound {bytes}, distinct {want_distinct}");
            }
        }
        assert!(distinct.len() < sorted.len(), "the input has ties");
    }

    #[test]
    fn sorted_distinct_batches_added_past_the_bound_come_back_distinct() {
        let space = space(8 * 500);
        let mut runs = Runs::new(&space, space.memory, true);
        let mut all = Vec::new();
        for seed in 0..16 {
            let mut batch = random_pairs(400, 100, seed);
            batch.sort_unstable();
            batch.dedup();
            all.extend_from_slice(&batch);
            runs.add_sorted(batch);
        }
        assert!(runs.spilled());
        all.sort_unstable();
        all.dedup();
        let sorted = runs.finish();
        assert_eq!(sorted.iter().collect::<Vec<_>>(), all);
        // Read twice: the same.
        assert_eq!(sorted.iter().count(), all.len());
    }

    #[test]
    fn nothing_added_reads_as_nothing() {
        let space = space(8);
        assert_eq!(Runs::new(&space, 8, true).finish().iter().count(), 0);
    }

    #[test]
    fn difference_and_union_of_sorted_streams() {
        let a = vec![(1, 1), (1, 2), (3, 0), (5, 5)];
        let b = [(0, 9), (1, 2), (4, 4), (5, 5), (6, 0)];
        let d: Vec<Pair> = difference(a.iter().copied(), b.iter().copied()).collect();
        assert_eq!(d, vec![(1, 1), (3, 0)]);
        let u: Vec<Pair> = union(a.iter().copied(), b.iter().copied()).collect();
        assert_eq!(
            u,
            vec![(0, 9), (1, 1), (1, 2), (3, 0), (4, 4), (5, 5), (6, 0)]
        );
        assert_eq!(union(b.iter().copied(), std::iter::empty()).count(), 5);
        assert_eq!(difference(std::iter::empty(), a.into_iter()).count(), 0);
    }
}
