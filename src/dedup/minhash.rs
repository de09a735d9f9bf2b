//! MinHash band keys: the locality-sensitive signature the cross-article
//! link buckets paragraphs by ([`band_keys`]).

use super::{BANDS, MIN_NEAR_WORDS, SHINGLE};
use xxhash_rust::xxh3::xxh3_64;

/// Rows (MinHash permutations) per LSH band.
const ROWS: usize = 2;
/// MinHash permutations: [`BANDS`] * [`ROWS`].
const HASHES: usize = BANDS * ROWS;

const fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Multiply-shift permutation constants: odd multipliers ...
const MUL: [u64; HASHES] = {
    let mut t = [0u64; HASHES];
    let mut i = 0;
    while i < HASHES {
        t[i] = splitmix(2 * i as u64 + 1) | 1;
        i += 1;
    }
    t
};

/// ... and offsets (two arrays, not pairs, so the permutations of one
/// shingle run as straight-line, vectorisable code).
const ADD: [u64; HASHES] = {
    let mut t = [0u64; HASHES];
    let mut i = 0;
    while i < HASHES {
        t[i] = splitmix(0xD1B5_4A32_D192_ED03 ^ i as u64);
        i += 1;
    }
    t
};

/// MinHash over word 3-shingles of a normalised text, folded into one u32
/// key per band; empty when the text has fewer than [`MIN_NEAR_WORDS`] words.
/// One xxh3 per shingle, no allocation per shingle.
pub(super) fn band_keys(norm: &str, words: &mut Vec<(u32, u32)>) -> Vec<u32> {
    word_spans(norm, words);
    if (words.len() as u32) < MIN_NEAR_WORDS {
        return Vec::new();
    }
    let mut mins = [u32::MAX; HASHES];
    let bytes = norm.as_bytes();
    for w in words.windows(SHINGLE) {
        let h = xxh3_64(&bytes[w[0].0 as usize..w[SHINGLE - 1].1 as usize]);
        lower_mins(&mut mins, h);
    }
    fold_bands(&mins)
}

/// The byte span of each space-separated word of `norm`, in order (a word
/// ends at each space; a trailing empty word is not one).
fn word_spans(norm: &str, words: &mut Vec<(u32, u32)>) {
    words.clear();
    // A byte loop, not `split(' ')`: words are a few bytes long, shorter
    // than a memchr call pays off for.
    let mut start = 0u32;
    for (i, &b) in norm.as_bytes().iter().enumerate() {
        if b == b' ' {
            words.push((start, i as u32));
            start = i as u32 + 1;
        }
    }
    words.push((start, norm.len() as u32));
    if words
        .last()
        .is_some_and(|&(a, b)| a == b && b as usize == norm.len())
    {
        words.pop();
    }
}

/// Lowers each permutation's minimum by shingle hash `h`: branch-free, so
/// the compiler keeps all [`HASHES`] lanes in registers.
#[inline]
fn lower_mins(mins: &mut [u32; HASHES], h: u64) {
    for i in 0..HASHES {
        let v = (h.wrapping_mul(MUL[i]).wrapping_add(ADD[i]) >> 32) as u32;
        mins[i] = mins[i].min(v);
    }
}

/// One key per band from its [`ROWS`] minimums.
fn fold_bands(mins: &[u32; HASHES]) -> Vec<u32> {
    (0..BANDS)
        .map(|b| {
            let x = (u64::from(mins[b * ROWS]) << 32) | u64::from(mins[b * ROWS + 1]);
            splitmix(x ^ b as u64) as u32
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::normalise::Normalised;

    proptest::proptest! {
        /// The byte loop gives the spans of `split(' ')`, a trailing empty
        /// piece left out.
        #[test]
        fn word_spans_are_the_space_separated_pieces(norm in "[a-c \u{e9}]{0,30}") {
            let mut words = Vec::new();
            word_spans(&norm, &mut words);
            let mut want = Vec::new();
            let mut start = 0u32;
            for piece in norm.split(' ') {
                want.push((start, start + piece.len() as u32));
                start += piece.len() as u32 + 1;
            }
            if want.last().is_some_and(|&(a, b)| a == b && b as usize == norm.len()) {
                want.pop();
            }
            proptest::prop_assert_eq!(words, want);
        }
    }

    #[test]
    fn short_texts_get_no_band_keys() {
        let mut words = Vec::new();
        let eleven = "one two three four five six seven eight nine ten eleven";
        assert!(band_keys(eleven, &mut words).is_empty());
        assert_eq!(words.len(), 11);
        let twelve = format!("{eleven} twelve");
        assert_eq!(band_keys(&twelve, &mut words).len(), BANDS);
    }

    #[test]
    fn similar_texts_share_bands_and_different_ones_do_not() {
        let mut words = Vec::new();
        let mut keys = |t: &str| band_keys(&Normalised::from_text(t).text, &mut words);
        let a = keys(crate::dedup::fixtures::A1);
        let same = keys(&crate::dedup::fixtures::A1.to_uppercase());
        let other = keys(crate::dedup::fixtures::B1);
        assert_eq!(a, same);
        let shared = a.iter().zip(&other).filter(|(x, y)| x == y).count();
        assert!(shared < 2, "{shared}");
    }

    #[test]
    fn permutation_multipliers_are_odd() {
        assert!(MUL.iter().all(|&m| m % 2 == 1));
        assert_eq!(MUL.len(), HASHES);
    }

    /// The band keys as first written: words split byte by byte, the
    /// permutations as (multiplier, offset) pairs with a branch per minimum.
    fn band_keys_as_first_written(norm: &str) -> Vec<u32> {
        let mut words = Vec::new();
        let mut start = 0usize;
        for (i, b) in norm.bytes().enumerate() {
            if b == b' ' {
                words.push((start as u32, i as u32));
                start = i + 1;
            }
        }
        if start < norm.len() {
            words.push((start as u32, norm.len() as u32));
        }
        if (words.len() as u32) < MIN_NEAR_WORDS {
            return Vec::new();
        }
        let mut mins = [u32::MAX; HASHES];
        for w in words.windows(SHINGLE) {
            let h = xxh3_64(&norm.as_bytes()[w[0].0 as usize..w[SHINGLE - 1].1 as usize]);
            for (i, m) in mins.iter_mut().enumerate() {
                let a = splitmix(2 * i as u64 + 1) | 1;
                let b = splitmix(0xD1B5_4A32_D192_ED03 ^ i as u64);
                let v = (h.wrapping_mul(a).wrapping_add(b) >> 32) as u32;
                if v < *m {
                    *m = v;
                }
            }
        }
        fold_bands(&mins)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(600))]
        /// Word spans and band keys equal the first version's, spaces
        /// doubled, leading or trailing included.
        #[test]
        fn band_keys_equal_the_first_version(text in "( |  |[a-e]{1,3}|\u{e9}){0,60}") {
            let mut words = Vec::new();
            proptest::prop_assert_eq!(band_keys(&text, &mut words), band_keys_as_first_written(&text));
        }
    }

    #[test]
    fn word_spans_end_at_each_space() {
        let mut w = Vec::new();
        word_spans("ab c", &mut w);
        assert_eq!(w, vec![(0, 2), (3, 4)]);
        word_spans(" a  b ", &mut w);
        assert_eq!(w, vec![(0, 0), (1, 2), (3, 3), (4, 5)]);
        word_spans("", &mut w);
        assert!(w.is_empty());
    }
}
