//! Steps 2 to 4 of the link: within-article and exact repeats joined, and
//! the near-repeat candidates found from band keys alone.

use super::sorted::{difference, union, Runs, Sorted};
use super::{local_repeats, Linker};
use crate::dedup::{BANDS, MIN_EXACT_WORDS};
use crate::model::LinkSpace;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// Bands two paragraphs must share to be compared across articles. With 2
/// rows a band, a pair of shingle Jaccard J shares Binomial(16, J²) bands:
/// at least 2 with probability 0.94 at J = 0.5 and 0.99 at J = 0.6, but only
/// 0.13 at J = 0.2, the overlap common phrases give unrelated paragraphs.
/// Measured on the 10 MB generated corpus: 117,174 of 129,407 candidates
/// shared one band and gave 202 of 2,230 confirmed pairs; requiring two cut
/// the link time about tenfold (README, performance).
pub(super) const MIN_BANDS: usize = 2;
/// A band key shared by at most this many distinct texts (exact copies count
/// once) is rare enough that one shared band makes a candidate: a key shared
/// by one pair of texts is the mark of a low-overlap copy, a key shared by
/// more reflects a common phrase, like a frequent term in IDF. Measured on the 10 MB generated corpus:
/// buckets of up to 6 added 44,641 candidates (78% of all) and 7 confirmed
/// pairs, none of them labelled copies; buckets of 2 texts add 11,650 and none.
/// Kept at 2 so that a lightly copied paragraph in real text, whose
/// Jaccard is too low to share two bands, still gets compared.
pub(super) const RARE_BUCKET: usize = 2;

/// Slices of the exact hashes' range sorted one at a time in step 3 (a
/// power of two).
const EXACT_SLICES: u64 = 8;

/// Slices of a band's key values sorted one at a time in step 4 (a power
/// of two): a quarter of the band's (key, paragraph) pairs held at once.
const BAND_SLICES: u32 = 4;

/// Unsure pairs checked on full keys at a time (each chunk reads every
/// band's keys once).
const CHECK_PAIRS: usize = 1 << 20;

/// Step 4's candidates: the sure pairs and the unsure ones that passed
/// the full keys' check, each sorted and distinct (in memory or in sorted
/// runs on scratch).
pub(super) struct Candidates {
    sure: Sorted,
    passed: Sorted,
    /// Whether any of the band pass's tables went to scratch.
    pub(super) spilled: bool,
}

impl Candidates {
    /// The candidates, sorted and distinct.
    pub(super) fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        union(self.sure.iter(), self.passed.iter())
    }
}

/// One byte of each band key per global paragraph (see
/// [`Linker::low_share`]).
type LowBytes = Vec<[u8; BANDS]>;

/// One band's pairs: kept on a rare key, or sharing at least
/// [`MIN_BANDS`] low bytes and waiting for the full keys' check.
#[derive(Default)]
struct BandPairs {
    sure: Vec<(u32, u32)>,
    unsure: Vec<(u32, u32)>,
}

impl Linker<'_> {
    /// Step 2: joins the within-article repeats found by `fingerprint`.
    pub(super) fn union_local_repeats(&mut self) {
        let pairs: Vec<(u32, u32)> = local_repeats(self.input())
            .map(|(x, y, _)| (x, y))
            .collect();
        for (x, y) in pairs {
            self.sets.union(x, y);
        }
    }

    /// Step 3: joins exact repeats of at least [`MIN_EXACT_WORDS`] words;
    /// returns the shorter ones found in three or more articles (boilerplate
    /// only, never duplicates), each in global paragraph order, groups in
    /// order of their text's hash.
    ///
    /// The (hash, paragraph) pairs are sorted a slice of hashes at a time
    /// ([`EXACT_SLICES`], in ascending order: the same runs in the same
    /// order as one sort of them all), 16 bytes a paragraph of one slice.
    pub(super) fn exact_repeats(&mut self) -> Vec<Vec<u32>> {
        let mut short_groups: Vec<Vec<u32>> = Vec::new();
        for slice in 0..EXACT_SLICES {
            self.exact_slice(slice, &mut short_groups);
        }
        short_groups
    }

    /// [`Linker::exact_repeats`] of the texts whose hash has `slice` in
    /// its top bits.
    fn exact_slice(&mut self, slice: u64, short_groups: &mut Vec<Vec<u32>>) {
        let in_slice = |exact: u64| top_slice(exact, u64::BITS, EXACT_SLICES) == slice;
        let mut exact: Vec<(u64, u32)> = (0..self.total())
            .filter(|&g| self.print(g).words() > 0 && in_slice(self.print(g).exact))
            .map(|g| (self.print(g).exact, g))
            .collect();
        exact.par_sort_unstable();
        for run in exact.chunk_by(|a, b| a.0 == b.0) {
            if run.len() < 2 {
                continue;
            }
            if self.print(run[0].1).words() >= MIN_EXACT_WORDS {
                for w in run.windows(2) {
                    self.sets.union(w[0].1, w[1].1);
                }
            } else {
                let arts: BTreeSet<usize> = run.iter().map(|&(_, g)| self.index.art(g)).collect();
                if arts.len() >= 3 {
                    short_groups.push(run.iter().map(|&(_, g)| g).collect());
                }
            }
        }
    }

    /// Step 4: near candidates, sorted and distinct, as (lower, higher)
    /// global paragraphs of different articles and different texts.
    ///
    /// Band keys wait in scratch space; they are read one band at a time,
    /// and the pairs found so far are kept distinct as each band's are
    /// added ([`Runs::add_sorted`]), so memory holds the distinct pairs, not
    /// every band's; past half of `space` they go to scratch as sorted runs
    /// (an external sort). A pair found in a band is kept on a rare key;
    /// otherwise it must share [`MIN_BANDS`] bands, checked first on one
    /// byte of each key ([`Linker::low_share`]) as it is found, then on the
    /// full keys for the distinct pairs that pass and are not sure already
    /// ([`Linker::keep_sharing`]), a chunk at a time. Whether a pair shares
    /// bands depends on the pair alone, so the result is the same as
    /// checking each pair on full keys when found, whatever the bound.
    pub(super) fn band_candidates(&self, space: &LinkSpace<'_>) -> Candidates {
        let low_bytes = self.low_bytes();
        let half = space.memory / 2;
        let (mut sure, mut unsure) = (Runs::new(space, half, true), Runs::new(space, half, true));
        for b in 0..BANDS {
            self.band_pairs(b, &low_bytes, &mut sure, &mut unsure);
        }
        drop(low_bytes);
        let spilled = sure.spilled() || unsure.spilled();
        let (sure, unsure) = (sure.finish(), unsure.finish());
        let mut passed = Runs::new(space, half, true);
        let check = usize::try_from(half / 8).map_or(CHECK_PAIRS, |n| n.clamp(1, CHECK_PAIRS));
        let mut chunk: Vec<(u32, u32)> = Vec::new();
        for p in difference(unsure.iter(), sure.iter()) {
            chunk.push(p);
            if chunk.len() == check {
                passed.add_sorted(self.keep_sharing(std::mem::take(&mut chunk)));
            }
        }
        passed.add_sorted(self.keep_sharing(chunk));
        Candidates {
            spilled: spilled || passed.spilled(),
            sure,
            passed: passed.finish(),
        }
    }

    /// Near candidates of band `band`, added to `sure` and `unsure`:
    /// sort-based buckets of the paragraphs with band keys (sorted a slice
    /// of key values at a time, [`BAND_SLICES`]); each member is paired with the bucket's first member
    /// and its predecessor (linear in bucket size). Pairs from a rare band
    /// key ([`Linker::is_rare_bucket`]) are sure; others are kept when their
    /// low bytes share [`MIN_BANDS`] bands. The band's new pairs are added
    /// in batches of half what a table holds, so they never take more room
    /// than that on top of it.
    fn band_pairs(&self, band: usize, low_bytes: &LowBytes, sure: &mut Runs, unsure: &mut Runs) {
        let mut out = BandPairs::default();
        let batch = (sure.cap().min(unsure.cap()) / 2).max(1);
        for slice in 0..BAND_SLICES {
            self.band_slice_pairs((band, slice), low_bytes, &mut out, batch, (sure, unsure));
        }
        sure.add_unsorted(out.sure);
        unsure.add_unsorted(out.unsure);
    }

    /// [`Linker::band_pairs`] of the signed paragraphs whose key in `band`
    /// has `slice` in its top bits: the band's buckets a slice of key
    /// values at a time (a bucket is one key, so each lies whole in one
    /// slice), 8 bytes a paragraph of the slice while sorted. The band's
    /// pairs go to `out`, and on to the tables past `batch`.
    fn band_slice_pairs(
        &self,
        (band, slice): (usize, u32),
        low_bytes: &LowBytes,
        out: &mut BandPairs,
        batch: usize,
        (sure, unsure): (&mut Runs, &mut Runs),
    ) {
        let input = self.input();
        let in_slice =
            |k: u32| top_slice(k.into(), u32::BITS, BAND_SLICES.into()) == u64::from(slice);
        let mut keys = input.band_keyed(band, |k, g| in_slice(k) && input.paras[g].signed());
        keys.par_sort_unstable();
        for run in keys.chunk_by(|x, y| x.0 == y.0) {
            let is_rare = self.is_rare_bucket(run);
            for k in 1..run.len() {
                for other in [run[0].1, run[k - 1].1] {
                    let g = run[k].1;
                    if self.index.art(other) == self.index.art(g)
                        || self.print(other).exact == self.print(g).exact
                    {
                        continue;
                    }
                    let pair = (other.min(g), other.max(g));
                    if is_rare {
                        out.sure.push(pair);
                    } else if low_share(low_bytes, other, g) {
                        out.unsure.push(pair);
                    }
                }
            }
            if out.sure.len() >= batch {
                sure.add_unsorted(std::mem::take(&mut out.sure));
            }
            if out.unsure.len() >= batch {
                unsure.add_unsorted(std::mem::take(&mut out.unsure));
            }
        }
    }

    /// Whether a bucket (band key, global paragraph) holds at most
    /// [`RARE_BUCKET`] distinct texts. Rarity counts distinct texts: exact
    /// copies of a story are one voice.
    fn is_rare_bucket(&self, run: &[(u32, u32)]) -> bool {
        let mut texts: Vec<u64> = Vec::with_capacity(RARE_BUCKET + 1);
        for &(_, g) in run {
            if !texts.contains(&self.print(g).exact) {
                texts.push(self.print(g).exact);
                if texts.len() > RARE_BUCKET {
                    break;
                }
            }
        }
        texts.len() <= RARE_BUCKET
    }

    /// The low byte of each band key of every paragraph, in a flat table
    /// (16 bytes a paragraph), filled band by band.
    fn low_bytes(&self) -> LowBytes {
        let mut low: LowBytes = vec![[0u8; BANDS]; self.total() as usize];
        for b in 0..BANDS {
            let keys = self.input().band(b);
            low.par_iter_mut()
                .zip(keys)
                .for_each(|(row, k)| row[b] = k as u8);
        }
        low
    }

    /// AND-amplifies the banding, second half: of `pairs` (sorted, each
    /// sharing at least [`MIN_BANDS`] low bytes), those whose full keys
    /// share [`MIN_BANDS`] bands. Common phrases make unrelated paragraphs
    /// collide in one crowded band; they rarely collide in two. Bands are
    /// read one at a time; a pair stops being checked once it has enough.
    fn keep_sharing(&self, pairs: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
        let mut shared = vec![0u8; pairs.len()];
        for b in 0..BANDS {
            let keys = self.input().band(b);
            pairs
                .par_iter()
                .zip(shared.par_iter_mut())
                .filter(|(_, n)| usize::from(**n) < MIN_BANDS)
                .for_each(|(&(x, y), n)| *n += u8::from(keys[x as usize] == keys[y as usize]));
        }
        pairs
            .into_iter()
            .zip(shared)
            .filter(|(_, n)| usize::from(*n) >= MIN_BANDS)
            .map(|(p, _)| p)
            .collect()
    }
}

/// Which of `slices` equal slices (a power of two) of a `bits`-bit range
/// `x` falls in: its top bits (0 when there is one slice).
fn top_slice(x: u64, bits: u32, slices: u64) -> u64 {
    x.checked_shr(bits - slices.trailing_zeros()).unwrap_or(0)
}

/// Whether `x` and `y` share at least [`MIN_BANDS`] low bytes of their band
/// keys: a few cache lines per pair, for the millions of pairs in crowded
/// buckets (2.6 million at 100 MB); only the pairs that pass are kept for
/// the check on full keys.
fn low_share(low_bytes: &LowBytes, x: u32, y: u32) -> bool {
    let (lx, ly) = (&low_bytes[x as usize], &low_bytes[y as usize]);
    lx.iter().zip(ly).filter(|(a, b)| a == b).count() >= MIN_BANDS
}

/// Adds `more` to `pairs` (both sorted and distinct), merging from the back
/// into the room added at the end of `pairs` (no third list: the band pass
/// holds the distinct pairs so far and one band's); `pairs` stays sorted and
/// distinct.
pub(super) fn add_distinct(pairs: &mut Vec<(u32, u32)>, more: Vec<(u32, u32)>) {
    let (mut i, mut j) = (pairs.len(), more.len());
    pairs.reserve_exact(j);
    pairs.resize(i + j, (0, 0));
    let mut k = i + j;
    while j > 0 {
        k -= 1;
        if i > 0 && pairs[i - 1] > more[j - 1] {
            i -= 1;
            pairs[k] = pairs[i];
        } else {
            j -= 1;
            pairs[k] = more[j];
        }
    }
    pairs.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::fixtures::{art, keys, print, summary, summary_of, A1, B1};

    #[test]
    fn top_slices_split_a_range_evenly() {
        assert_eq!(top_slice(u64::MAX, u64::BITS, 8), 7);
        assert_eq!(top_slice(1 << 61, u64::BITS, 8), 1);
        assert_eq!(top_slice((1 << 61) - 1, u64::BITS, 8), 0);
        assert_eq!(top_slice(u32::MAX.into(), u32::BITS, 4), 3);
        assert_eq!(top_slice(1 << 30, u32::BITS, 4), 1);
        assert_eq!(top_slice(u64::MAX, u64::BITS, 1), 0);
        assert_eq!(top_slice(u32::MAX.into(), u32::BITS, 1), 0);
    }

    #[test]
    fn union_local_repeats_joins_what_fingerprint_found() {
        let sums = vec![
            summary(&art(0, B1)),
            summary(&art(1, &format!("{A1}\n\n{B1}\n\n{A1}"))),
        ];
        let mut linker = Linker::new(&sums);
        linker.union_local_repeats();
        assert_eq!(linker.sets.find(3), 1);
        assert_eq!(linker.sets.find(2), 2);
        assert_eq!(linker.sets.find(0), 0);
    }

    #[test]
    fn exact_repeats_join_long_copies_and_keep_short_ones_in_three_articles() {
        let sums = vec![
            summary_of(
                0,
                vec![
                    print(0, 100, 20, &[], false),
                    print(1, 200, 3, &[], true),
                    print(2, 300, 3, &[], true),
                ],
            ),
            summary_of(
                1,
                vec![
                    print(0, 100, 20, &[], false),
                    print(1, 200, 3, &[], true),
                    print(2, 300, 3, &[], true),
                ],
            ),
            summary_of(
                2,
                vec![print(0, 200, 3, &[], true), print(1, 0, 0, &[], false)],
            ),
        ];
        let mut linker = Linker::new(&sums);
        let short = linker.exact_repeats();
        assert_eq!(short, vec![vec![1, 4, 6]]);
        assert_eq!(linker.sets.find(3), 0);
        assert_eq!(linker.sets.find(4), 4, "short repeats are not joined");
        assert_eq!(linker.sets.find(7), 7);
    }

    /// Global paragraphs: a0 = 0, 1; a1 = 2, 3; a2 = 4, 5.
    fn banded() -> Vec<crate::model::ArticleSummary> {
        let mut one_band = keys(100);
        one_band[0] = 1;
        let mut rare0 = keys(200);
        rare0[0] = 999;
        let mut rare2 = keys(300);
        rare2[0] = 999;
        vec![
            summary_of(
                0,
                vec![
                    print(0, 10, 20, &keys(1), false),
                    print(1, 13, 20, &rare0, false),
                ],
            ),
            summary_of(
                1,
                vec![
                    print(0, 11, 20, &keys(1), false),
                    print(1, 12, 20, &one_band, false),
                ],
            ),
            summary_of(
                2,
                vec![
                    print(0, 14, 20, &rare2, false),
                    print(1, 10, 20, &keys(1), false),
                ],
            ),
        ]
    }

    #[test]
    fn adding_band_pairs_keeps_them_sorted_and_distinct_as_one_sort_would() {
        // Pseudo-random sorted, distinct runs, as band_pairs returns them.
        let mut seed = 7u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            (seed >> 40) as u32 % 64
        };
        let bands: Vec<Vec<(u32, u32)>> = (0..BANDS)
            .map(|_| {
                let mut v: Vec<(u32, u32)> = (0..40).map(|_| (next(), next())).collect();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        let mut added = Vec::new();
        for b in &bands {
            add_distinct(&mut added, b.clone());
        }
        let mut all: Vec<(u32, u32)> = bands.concat();
        all.sort_unstable();
        all.dedup();
        assert_eq!(added, all);
        add_distinct(&mut added, Vec::new());
        assert_eq!(added, all);
    }

    #[test]
    fn band_candidates_need_two_bands_or_a_rare_one() {
        let sums = banded();
        let linker = Linker::new(&sums);
        // (1, 4) share one band whose key only they have; (0, 3) and (3, 5)
        // share one crowded band; (0, 5) are the same text.
        let want = vec![(0, 2), (1, 4), (2, 5)];
        let found = linker.band_candidates(&LinkSpace::unbounded());
        assert_eq!(found.iter().collect::<Vec<_>>(), want);
        assert!(!found.spilled);
        // The same with one pair held at a time: every table in runs.
        let tiny = LinkSpace {
            memory: 16,
            ..LinkSpace::unbounded()
        };
        let found = linker.band_candidates(&tiny);
        assert_eq!(found.iter().collect::<Vec<_>>(), want);
        assert!(found.spilled);
    }

    #[test]
    fn rare_buckets_count_distinct_texts() {
        let sums = banded();
        let linker = Linker::new(&sums);
        assert!(linker.is_rare_bucket(&[(1, 0), (1, 5), (1, 2)]));
        assert!(!linker.is_rare_bucket(&[(1, 0), (1, 2), (1, 3)]));
    }

    #[test]
    fn sharing_bands_checks_low_bytes_then_full_keys() {
        let same_low: Vec<u32> = keys(1).iter().map(|k| k + 256).collect();
        let sums = vec![
            summary_of(0, vec![print(0, 1, 20, &keys(1), false)]),
            summary_of(
                1,
                vec![
                    print(0, 2, 20, &same_low, false),
                    print(1, 3, 20, &keys(1), false),
                ],
            ),
        ];
        let linker = Linker::new(&sums);
        let low = linker.low_bytes();
        assert_eq!(low[0], low[1]);
        assert!(low_share(&low, 0, 1));
        // Equal low bytes alone are not enough: the full keys differ.
        assert_eq!(linker.keep_sharing(vec![(0, 1), (0, 2)]), vec![(0, 2)]);
        let mut two = keys(500);
        two[3] = 4;
        two[7] = 8;
        let sums = vec![
            summary_of(0, vec![print(0, 1, 20, &keys(1), false)]),
            summary_of(1, vec![print(0, 2, 20, &two, false)]),
        ];
        let linker = Linker::new(&sums);
        assert!(low_share(&linker.low_bytes(), 0, 1));
        assert_eq!(linker.keep_sharing(vec![(0, 1)]), vec![(0, 1)]);
        let mut one = keys(500);
        one[3] = 4;
        let sums = vec![
            summary_of(0, vec![print(0, 1, 20, &keys(1), false)]),
            summary_of(1, vec![print(0, 2, 20, &one, false)]),
        ];
        let linker = Linker::new(&sums);
        assert!(!low_share(&linker.low_bytes(), 0, 1));
        assert!(linker.keep_sharing(vec![(0, 1)]).is_empty());
    }
}
