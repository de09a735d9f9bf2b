//! Finding repeated paragraphs and boilerplate, within and across articles.
//!
//! In: segmented articles (per-article pass, [`fingerprint`]) and their
//! compact prints (cross-article pass, [`link`]). Out: per-paragraph marks,
//! `duplicate_paragraph` / `syndicated_paragraph` / `boilerplate` findings and
//! duplicates.csv rows (text left empty). Guarantees: across articles only
//! signatures are kept (an exact hash and 16 LSH band keys per paragraph);
//! texts are re-read once, only for the articles that have near-duplicate
//! candidates, in bounded batches, and their candidate paragraphs' normalised
//! forms wait in a scratch space (a temporary file), not in memory; output
//! does not depend on thread count or hash-map order (everything is sorted
//! on full keys).
//!
//! Method. Paragraph text is normalised (NFKC, lower-cased, every run of
//! non-alphanumeric characters collapsed to one space, CJK characters split
//! into one-character words). Exact repeats share the xxh3 hash of that text
//! (paragraphs of at least [`MIN_EXACT_WORDS`] words). Near repeats: MinHash
//! (32 multiply-shift permutations of one xxh3 hash per word 3-shingle) in 16
//! bands of 2, for paragraphs of at least [`MIN_NEAR_WORDS`] words; a pair
//! sharing a band key, and at least 15% of the smaller one's shingles, is
//! confirmed when the normalised Levenshtein similarity (strsim's formula) of the
//! shorter text with the whole longer text, with its best-matching run of
//! sentences (padded copies), or sentence by sentence (reordered copies)
//! reaches `near_dup` (default 0.75, measured: see the README, "Repeated paragraphs").
//! Boilerplate is either structural (a run of title-like lines, such as a
//! related-stories list, found per article) or repetition: a paragraph
//! repeated across articles, at the head or tail of every one of them, in
//! articles of one source or one author or in at least three articles, which
//! are otherwise not copies of each other.

use crate::model::{
    Article, ArticleId, ArticlePrints, ArticleSummary, DedupOutcome, DupKind, DuplicateRow,
    Finding, FindingKind, LoadArticles, PairMemo, ParaIdx, ParaMark, ParaPrint, Paragraph, Scratch,
};
use rayon::prelude::*;
use std::collections::BTreeSet;
use unicode_normalization::UnicodeNormalization;
use xxhash_rust::xxh3::xxh3_64;

/// Settings for duplicate detection.
#[derive(Clone, Debug)]
pub struct DedupConfig {
    /// Similarity (0..1) at or above which two paragraphs are near duplicates.
    pub near_dup: f64,
}

/// Default `near_dup`, measured on paraphrase / non-paraphrase pairs (see
/// the README, "Repeated paragraphs").
pub const DEFAULT_NEAR_DUP: f64 = 0.75;

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            near_dup: DEFAULT_NEAR_DUP,
        }
    }
}

/// Paragraphs shorter than this (normalised words) are never reported as
/// duplicates: short lines repeat by coincidence ("Read more.", headings).
pub const MIN_EXACT_WORDS: u32 = 8;
/// Paragraphs shorter than this get no MinHash: few shingles, and a one-word
/// change in a short sentence changes its meaning.
pub const MIN_NEAR_WORDS: u32 = 12;
/// Words per shingle.
const SHINGLE: usize = 3;
/// LSH bands and rows per band (BANDS * ROWS MinHash permutations).
pub use crate::model::BANDS;
/// Bands two paragraphs must share to be compared across articles. With 2
/// rows a band, a pair of shingle Jaccard J shares Binomial(16, J²) bands:
/// at least 2 with probability 0.94 at J = 0.5 and 0.99 at J = 0.6, but only
/// 0.13 at J = 0.2, the overlap common phrases give unrelated paragraphs.
/// Measured on the 10 MB generated corpus: 117,174 of 129,407 candidates
/// shared one band and gave 202 of 2,230 confirmed pairs; requiring two cut
/// the link time about tenfold (README, performance).
pub const MIN_BANDS: usize = 2;
/// A band key shared by at most this many distinct texts (exact copies count
/// once) is rare enough that one shared band makes a candidate: a key shared
/// by one pair of texts is the mark of a low-overlap copy, a key shared by
/// more reflects a common phrase, like a frequent term in IDF. Measured on the 10 MB generated corpus:
/// buckets of up to 6 added 44,641 candidates (78% of all) and 7 confirmed
/// pairs, none of them labelled copies; buckets of 2 texts add 11,650 and none.
/// Kept at 2 so that a lightly copied paragraph in real text, whose
/// Jaccard is too low to share two bands, still gets compared.
pub const RARE_BUCKET: usize = 2;
const ROWS: usize = 2;
const HASHES: usize = BANDS * ROWS;
/// A paragraph under this many words (or title-like) is "light": it can sit
/// in an article's head or tail zone next to boilerplate.
const LIGHT_WORDS: u32 = 12;
/// Structural blocks: at least this many consecutive title-like lines after
/// the article body has started, or [`STRUCT_RUN_HEAD`] anywhere.
const STRUCT_RUN: usize = 4;
const STRUCT_RUN_HEAD: usize = 6;
/// A "short" list item a tail block may absorb.
const SHORT_ITEM_WORDS: u32 = 30;
/// Articles whose repeated paragraphs make up at least this share of their
/// words are copies: what they share is syndication, never boilerplate.
const COPY_SHARE: f64 = 0.5;
/// Articles re-read per batch when confirming candidates (bounds memory).
const BATCH_ARTICLES: usize = 1024;

// ---------------------------------------------------------------- text

/// CJK ideographs, kana and hangul: written without spaces, so each character
/// is its own word.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

fn push_norm(out: &mut String, c: char, gap: &mut bool) {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            if *gap && !out.is_empty() {
                out.push(' ');
            }
            *gap = false;
            out.push(c.to_ascii_lowercase());
        } else {
            *gap = true;
        }
        return;
    }
    for l in c.to_lowercase() {
        if is_cjk(l) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push(l);
            *gap = true;
        } else if l.is_alphanumeric() || unicode_normalization::char::is_combining_mark(l) {
            if *gap && !out.is_empty() {
                out.push(' ');
            }
            *gap = false;
            out.push(l);
        } else {
            *gap = true;
        }
    }
}

/// Appends the normalised form of `text` to `out`: NFKC, lower case, words
/// separated by single spaces, punctuation dropped.
fn normalise_into(text: &str, out: &mut String) {
    let mut gap = !out.is_empty();
    // Text is NFC already; most of it is NFKC too, which the quick check sees.
    if text.is_ascii()
        || unicode_normalization::is_nfkc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        for c in text.chars() {
            push_norm(out, c, &mut gap);
        }
    } else {
        for c in text.nfkc() {
            push_norm(out, c, &mut gap);
        }
    }
}

/// The normalised form of `text` (NFKC, case-folded, whitespace and
/// punctuation collapsed): what exact duplicates must share.
pub fn normalise(text: &str) -> String {
    let mut s = String::new();
    normalise_into(text, &mut s);
    s
}

/// A paragraph's normalised text with its sentence spans (byte ranges into
/// `text`), so a padded copy can be compared sentence-run by sentence-run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Norm {
    pub text: String,
    pub spans: Vec<(u32, u32)>,
}

impl Norm {
    /// Normalises one paragraph of `article`, sentence by sentence.
    pub fn of(article: &Article, p: &Paragraph) -> Norm {
        let mut n = Norm::default();
        n.fill(article, p);
        n
    }

    /// Builds from plain text split into sentences (for tests and tools).
    pub fn from_text(text: &str) -> Norm {
        let mut n = Norm::default();
        for (_, s) in crate::segment::sentence_bounds(text) {
            n.push_sentence(s);
        }
        n
    }

    fn fill(&mut self, article: &Article, p: &Paragraph) {
        self.text.clear();
        self.spans.clear();
        let text = &article.text;
        if p.sentences.is_empty() {
            self.push_sentence(text.get(p.start as usize..p.end as usize).unwrap_or(""));
        }
        for &(s, e) in &p.sentences {
            self.push_sentence(text.get(s as usize..e as usize).unwrap_or(""));
        }
    }

    fn push_sentence(&mut self, s: &str) {
        let before = self.text.len();
        normalise_into(s, &mut self.text);
        let start = if self.text.len() > before && before > 0 {
            before + 1 // the separating space
        } else {
            before
        };
        if self.text.len() > start {
            self.spans.push((start as u32, self.text.len() as u32));
        }
    }

    fn words(&self) -> u32 {
        if self.text.is_empty() {
            0
        } else {
            self.text.bytes().filter(|&b| b == b' ').count() as u32 + 1
        }
    }
}

/// Levenshtein distance in characters, bit-parallel (Myers 1999, "A fast
/// bit-vector algorithm for approximate string matching based on dynamic
/// programming", with the block extension of section 5): one pass over the
/// longer string, 64 rows of the table per machine word. Exact: equal to
/// `strsim::levenshtein` (property-tested), about 64 times fewer steps.
/// ASCII text (most normalised text) is read as bytes, without decoding.
pub fn levenshtein_bits(a: &str, b: &str) -> usize {
    levenshtein_within(a, b, usize::MAX).unwrap_or(usize::MAX)
}

/// [`levenshtein_bits`] when it is at most `k`, else `None`, found early:
/// after column `j` of `n` the final distance is at least the current
/// last-row value minus the `n - j` columns left (each lowers it by at most
/// one), so a pair that cannot come within `k` stops there.
pub fn levenshtein_within(a: &str, b: &str, k: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        let (p, t) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        return myers(p.as_bytes(), t.as_bytes(), k);
    }
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if x.len() <= y.len() {
        myers(&x, &y, k)
    } else {
        myers(&y, &x, k)
    }
}

/// A symbol of [`myers`]: ASCII symbols index a table, others a map.
trait Sym: Copy + Eq + std::hash::Hash {
    fn code(self) -> u32;
}
impl Sym for u8 {
    fn code(self) -> u32 {
        u32::from(self)
    }
}
impl Sym for char {
    fn code(self) -> u32 {
        self as u32
    }
}

/// Myers' algorithm over pattern `p` (the shorter) and text `t`; `None`
/// once the distance is sure to exceed `k`.
fn myers<T: Sym>(p: &[T], t: &[T], k: usize) -> Option<usize> {
    let m = p.len();
    if t.len() - m > k {
        return None;
    }
    if m == 0 {
        return Some(t.len());
    }
    let blocks = m.div_ceil(64);
    // Match masks per block: ASCII in a table, other symbols in a map.
    let mut ascii = vec![0u64; blocks * 128];
    let mut other: std::collections::HashMap<T, Vec<u64>> = std::collections::HashMap::new();
    for (i, &c) in p.iter().enumerate() {
        let (blk, bit) = (i / 64, 1u64 << (i % 64));
        if c.code() < 128 {
            ascii[blk * 128 + c.code() as usize] |= bit;
        } else {
            other.entry(c).or_insert_with(|| vec![0; blocks])[blk] |= bit;
        }
    }
    let last_bit = 1u64 << ((m - 1) % 64);
    let mut pv = vec![!0u64; blocks];
    let mut mv = vec![0u64; blocks];
    let mut score = m;
    for (j, &c) in t.iter().enumerate() {
        let code = c.code();
        let oth = if code < 128 { None } else { other.get(&c) };
        // Row 0 of the table grows by one per column: carry +1 into block 0.
        let mut hin: i8 = 1;
        for blk in 0..blocks {
            let mut eq = if code < 128 {
                ascii[blk * 128 + code as usize]
            } else {
                oth.map_or(0, |v| v[blk])
            };
            let (p_v, m_v) = (pv[blk], mv[blk]);
            let xv = eq | m_v;
            if hin < 0 {
                eq |= 1;
            }
            let xh = (((eq & p_v).wrapping_add(p_v)) ^ p_v) | eq;
            let mut ph = m_v | !(xh | p_v);
            let mut mh = p_v & xh;
            let high = if blk + 1 == blocks {
                last_bit
            } else {
                1u64 << 63
            };
            let hout: i8 = if ph & high != 0 {
                1
            } else if mh & high != 0 {
                -1
            } else {
                0
            };
            ph <<= 1;
            mh <<= 1;
            if hin < 0 {
                mh |= 1;
            } else if hin > 0 {
                ph |= 1;
            }
            pv[blk] = mh | !(xv | ph);
            mv[blk] = ph & xv;
            hin = hout;
        }
        score = (score as isize + hin as isize) as usize;
        if score.saturating_sub(t.len() - 1 - j) > k {
            return None;
        }
    }
    Some(score)
}

/// Length in characters; normalised text is mostly ASCII.
fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Normalised Levenshtein similarity exactly as `strsim::normalized_levenshtein`
/// computes it (same formula over the same distance, see
/// [`levenshtein_bits`]) when it can reach `at_least`, else `None` (the
/// distance bound is rounded up, so no reachable value is refused).
fn normalized_levenshtein_over(a: &str, b: &str, at_least: f64) -> Option<f64> {
    let longest = char_len(a).max(char_len(b));
    if longest == 0 {
        return Some(1.0);
    }
    let k = ((1.0 - at_least).max(0.0) * longest as f64).floor() as usize + 1;
    let d = levenshtein_within(a, b, k)?;
    Some(1.0 - d as f64 / longest as f64)
}

/// Similarity (0..1) of two normalised paragraphs: normalised Levenshtein of
/// the shorter with the whole longer text, or with the run of the longer
/// one's sentences that matches it best (a copy padded with extra sentences
/// still matches its original).
pub fn similarity(a: &Norm, b: &Norm) -> f64 {
    similarity_with(a, b, true, 0.0)
}

/// [`similarity`], with the sentence-level alignments (padding, reordering)
/// only when `align` is set. They cost a Levenshtein per sentence pair, and
/// a padded or reordered copy keeps most of the shorter paragraph's word
/// shingles, so callers enable them only above [`ALIGN_CONTAINMENT`].
/// The value is exact when it reaches `floor`; below `floor` it may be any
/// lower value (a comparison stops as soon as it cannot reach `floor`).
fn similarity_with(a: &Norm, b: &Norm, align: bool, floor: f64) -> f64 {
    let (s, l) = if a.text.len() <= b.text.len() {
        (a, b)
    } else {
        (b, a)
    };
    let ns = char_len(&s.text);
    if ns == 0 {
        return if l.text.is_empty() { 1.0 } else { 0.0 };
    }
    let mut best = 0.0f64;
    let mut consider = |w: &str| {
        let nw = char_len(w);
        let bound = 1.0 - (nw.abs_diff(ns)) as f64 / nw.max(ns) as f64;
        if bound > best && bound >= floor {
            if let Some(v) = normalized_levenshtein_over(&s.text, w, best.max(floor)) {
                best = best.max(v);
            }
        }
    };
    consider(&l.text);
    if !align {
        return best;
    }
    let lo = ns as f64 * 0.7;
    let hi = ns as f64 / 0.7;
    for i in 0..l.spans.len() {
        for j in i..l.spans.len() {
            let (st, en) = (l.spans[i].0 as usize, l.spans[j].1 as usize);
            let len = (en - st) as f64;
            if len > hi {
                break;
            }
            if len >= lo && !(i == 0 && j + 1 == l.spans.len()) {
                if let Some(w) = l.text.get(st..en) {
                    consider(w);
                }
            }
        }
    }
    if s.spans.len() > 1 {
        best = best.max(sentence_cover(s, l, best.max(floor)));
    }
    best
}

/// How well the sentences of `s` are covered by `l`: each sentence of `s`
/// against its best-matching sentence (or pair of adjacent sentences) of
/// `l`, weighted by length. Catches reordered and split/merged sentences.
/// Exact when it reaches `floor`; stops (returning less) once the sentences
/// left cannot lift the weighted mean to `floor`.
fn sentence_cover(s: &Norm, l: &Norm, floor: f64) -> f64 {
    let sentences: Vec<&str> = s
        .spans
        .iter()
        .filter_map(|&(a, b)| s.text.get(a as usize..b as usize))
        .collect();
    let den: f64 = sentences.iter().map(|si| char_len(si) as f64).sum();
    if den == 0.0 {
        return 0.0;
    }
    let mut num = 0.0;
    let mut left = den;
    for si in sentences {
        let n = char_len(si);
        let mut best = 0.0f64;
        for j in 0..l.spans.len() {
            for k in j..(j + 2).min(l.spans.len()) {
                let Some(w) = l.text.get(l.spans[j].0 as usize..l.spans[k].1 as usize) else {
                    continue;
                };
                let nw = char_len(w);
                let bound = 1.0 - nw.abs_diff(n) as f64 / nw.max(n).max(1) as f64;
                if bound > best {
                    if let Some(v) = normalized_levenshtein_over(si, w, best) {
                        best = best.max(v);
                    }
                }
            }
        }
        num += n as f64 * best;
        left -= n as f64;
        if (num + left) / den < floor {
            return num / den;
        }
    }
    num / den
}

/// Sorted, distinct hashes of a normalised text's word 3-shingles.
fn shingle_set(norm: &str) -> Vec<u64> {
    let mut starts: Vec<usize> = vec![0];
    starts.extend(norm.match_indices(' ').map(|(i, _)| i + 1));
    let mut out: Vec<u64> = Vec::with_capacity(starts.len());
    for (k, &st) in starts.iter().enumerate() {
        let end = match starts.get(k + SHINGLE) {
            Some(&e) => e - 1,
            None if k + SHINGLE == starts.len() => norm.len(),
            None => break,
        };
        out.push(xxh3_64(&norm.as_bytes()[st..end]));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Share of the smaller shingle set found in the other: a cheap filter run
/// before the Levenshtein confirmation. Every measured pair at or above the
/// default threshold had at least 0.17 (README, "Repeated paragraphs"), so below
/// [`MIN_CONTAINMENT`] the expensive comparison is skipped.
fn containment(a: &[u64], b: &[u64]) -> f64 {
    let (s, l) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if s.is_empty() {
        return 0.0;
    }
    let shared = s.iter().filter(|h| l.binary_search(h).is_ok()).count();
    shared as f64 / s.len() as f64
}

/// See [`containment`].
const MIN_CONTAINMENT: f64 = 0.15;

/// Containment from which the sentence-level alignments run. A copy padded
/// with extra sentences or with its sentences reordered keeps the shorter
/// paragraph's shingles (containment near 1); reworded copies with the order
/// kept are caught by the whole-text comparison. Measured on the 10 MB
/// generated corpus: 52,347 of 60,692 confirmation pairs had containment
/// below 0.3 and none of them reached 0.75; every confirmed pair had at
/// least 0.324 (see README, performance).
const ALIGN_CONTAINMENT: f64 = 0.3;

/// A paragraph ready for confirmation: normalised text and shingle set.
struct Ready {
    norm: Norm,
    shingles: Vec<u64>,
}

impl Ready {
    fn new(norm: Norm) -> Ready {
        let shingles = shingle_set(&norm.text);
        Ready { norm, shingles }
    }
    /// Exact when it reaches `floor` (see [`similarity_with`]).
    fn similarity(&self, other: &Ready, floor: f64) -> f64 {
        let c = containment(&self.shingles, &other.shingles);
        if c < MIN_CONTAINMENT {
            return 0.0;
        }
        similarity_with(&self.norm, &other.norm, c >= ALIGN_CONTAINMENT, floor)
    }
}

impl Norm {
    /// Serialised for the scratch space: text length, text, span count, spans
    /// (little-endian u32s).
    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + self.text.len() + 8 * self.spans.len());
        out.extend_from_slice(&(self.text.len() as u32).to_le_bytes());
        out.extend_from_slice(self.text.as_bytes());
        out.extend_from_slice(&(self.spans.len() as u32).to_le_bytes());
        for &(a, b) in &self.spans {
            out.extend_from_slice(&a.to_le_bytes());
            out.extend_from_slice(&b.to_le_bytes());
        }
        out
    }
    /// Inverse of [`Norm::encode`]; `None` on damaged bytes.
    fn decode(bytes: &[u8]) -> Option<Norm> {
        let u32_at = |i: usize| -> Option<u32> {
            Some(u32::from_le_bytes(bytes.get(i..i + 4)?.try_into().ok()?))
        };
        let n = u32_at(0)? as usize;
        let text = std::str::from_utf8(bytes.get(4..4 + n)?).ok()?.to_string();
        let k = u32_at(4 + n)? as usize;
        let mut spans = Vec::with_capacity(k.min(bytes.len() / 8));
        for i in 0..k {
            let at = 8 + n + 8 * i;
            let (a, b) = (u32_at(at)?, u32_at(at + 4)?);
            if a > b
                || b as usize > n
                || !text.is_char_boundary(a as usize)
                || !text.is_char_boundary(b as usize)
            {
                return None;
            }
            spans.push((a, b));
        }
        Some(Norm { text, spans })
    }
}

// ---------------------------------------------------------------- hashing

const fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Multiply-shift permutation constants (odd multipliers, offsets).
const PERM: [(u64, u64); HASHES] = {
    let mut t = [(0u64, 0u64); HASHES];
    let mut i = 0;
    while i < HASHES {
        t[i] = (
            splitmix(2 * i as u64 + 1) | 1,
            splitmix(0xD1B5_4A32_D192_ED03 ^ i as u64),
        );
        i += 1;
    }
    t
};

/// MinHash over word 3-shingles of a normalised text, folded into one u32
/// key per band; empty when the text has fewer than [`MIN_NEAR_WORDS`] words.
/// One xxh3 per shingle, no allocation per shingle.
pub fn band_keys(norm: &str, words: &mut Vec<(u32, u32)>) -> Vec<u32> {
    words.clear();
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
    let bytes = norm.as_bytes();
    for w in words.windows(SHINGLE) {
        let h = xxh3_64(&bytes[w[0].0 as usize..w[SHINGLE - 1].1 as usize]);
        for (m, &(a, b)) in mins.iter_mut().zip(PERM.iter()) {
            let v = (h.wrapping_mul(a).wrapping_add(b) >> 32) as u32;
            if v < *m {
                *m = v;
            }
        }
    }
    (0..BANDS)
        .map(|b| {
            let x = (u64::from(mins[b * ROWS]) << 32) | u64::from(mins[b * ROWS + 1]);
            splitmix(x ^ b as u64) as u32
        })
        .collect()
}

// ---------------------------------------------------------------- per article

/// Sentence-ending punctuation: a line ending in one of these is prose.
const TERMINAL: &[char] = &[
    '.', '!', '?', ':', ';', ',', '"', '\u{201d}', '\u{2019}', '\'', ')', '\u{3002}', '\u{ff01}',
    '\u{ff1f}', '\u{2026}',
];
/// Headlines run longer than section headings; past this, a line is prose.
const TITLE_WORDS: u32 = 24;

/// A single-line title-like paragraph (heading, headline, label, date line,
/// byline): no sentence punctuation at its end.
fn title_like(article: &Article, p: &Paragraph) -> bool {
    let t = article.para_text(p).trim();
    !t.contains('\n')
        && (p.heading || (p.words > 0 && p.words <= TITLE_WORDS && !t.ends_with(TERMINAL)))
}

fn short_item(article: &Article, p: &Paragraph) -> bool {
    p.words <= SHORT_ITEM_WORDS && !article.para_text(p).contains('\n')
}

/// Structural boilerplate blocks (inclusive paragraph ranges): runs of
/// title-like lines (related-article lists, navigation), grown to the end of
/// the article and back to their label when only short items surround them.
pub fn structural_blocks(article: &Article) -> Vec<(usize, usize)> {
    let ps = &article.paragraphs;
    let n = ps.len();
    let tl: Vec<bool> = ps.iter().map(|p| title_like(article, p)).collect();
    let short: Vec<bool> = ps.iter().map(|p| short_item(article, p)).collect();
    // Prose that shows the article body has begun.
    let body: Vec<bool> = ps
        .iter()
        .zip(&tl)
        .map(|(p, &t)| !t && p.words >= 2 * LIGHT_WORDS)
        .collect();
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        if !tl[i] {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < n && tl[j + 1] {
            j += 1;
        }
        let len = j - i + 1;
        let after_body = body[..i].iter().any(|&b| b);
        if (len >= STRUCT_RUN && after_body) || len >= STRUCT_RUN_HEAD {
            let (mut s, mut e) = (i, j);
            // Only short items follow: the block runs to the end.
            if short[j + 1..].iter().all(|&x| x) {
                e = n - 1;
                // And back over short items, to the label that opens them.
                let mut k = s;
                while k > 0 && short[k - 1] {
                    k -= 1;
                }
                if let Some(label) = (k..s).rev().find(|&x| tl[x]) {
                    s = label;
                }
            }
            match out.last_mut() {
                Some(last) if last.1 + 1 >= s => last.1 = last.1.max(e),
                _ => out.push((s, e)),
            }
            i = e + 1;
        } else {
            i = j + 1;
        }
    }
    out
}

fn para_key(key: &str, p: ParaIdx) -> String {
    format!("{key}#p{}", p.number())
}

fn excerpt(s: &str) -> String {
    crate::text::truncate_chars(s.trim(), 80).replace('\n', " ")
}

/// The `boilerplate` finding for one block of paragraphs.
fn block_finding(
    article: ArticleId,
    first: (ParaIdx, u32),
    last_line: u32,
    count: usize,
    reason: &str,
    evidence: String,
) -> Finding {
    let mut f = Finding::new(article, FindingKind::Boilerplate)
        .message(format!(
            "{count} paragraph{} (lines {}-{}) not part of the article: {reason}",
            if count == 1 { "" } else { "s" },
            first.1,
            last_line
        ))
        .evidence(evidence);
    f.paragraph = Some(first.0);
    f.line = Some(first.1);
    f
}

/// Per-article pass: fingerprints every paragraph and finds what the article
/// alone shows (repeats inside it, structural boilerplate). Pure.
pub fn fingerprint(article: &Article, cfg: &DedupConfig) -> ArticlePrints {
    let ps = &article.paragraphs;
    let n = ps.len();
    let mut norm = Norm::default();
    let mut words = Vec::new();
    let mut prints = Vec::with_capacity(n);
    for p in ps {
        norm.fill(article, p);
        prints.push(ParaPrint {
            para: p.idx,
            line: p.line,
            words: norm.words(),
            exact: xxh3_64(norm.text.as_bytes()),
            minhash: band_keys(&norm.text, &mut words).into(),
            title_like: title_like(article, p),
        });
    }
    let mut marks = vec![ParaMark::Content; n];
    let mut findings = Vec::new();
    let mut rows = Vec::new();

    // Within-article repeats: `first[j] = (i, similarity)`.
    let mut first: Vec<Option<(usize, f64)>> = vec![None; n];
    let mut exact: Vec<(u64, usize)> = prints
        .iter()
        .enumerate()
        .filter(|(_, p)| p.words >= MIN_EXACT_WORDS)
        .map(|(i, p)| (p.exact, i))
        .collect();
    exact.sort_unstable();
    for run in exact.chunk_by(|a, b| a.0 == b.0) {
        for &(_, j) in &run[1..] {
            first[j] = Some((run[0].1, 1.0));
        }
    }
    let mut cand: Vec<(usize, usize)> = Vec::new();
    let mut keys: Vec<(u32, usize)> = Vec::new();
    for b in 0..BANDS {
        keys.clear();
        keys.extend(
            prints
                .iter()
                .enumerate()
                .filter(|(_, p)| p.minhash.len() == BANDS)
                .map(|(i, p)| (p.minhash[b], i)),
        );
        keys.sort_unstable();
        for run in keys.chunk_by(|a, b| a.0 == b.0) {
            for (x, &(_, i)) in run.iter().enumerate() {
                for &(_, j) in &run[x + 1..] {
                    cand.push((j, i));
                }
            }
        }
    }
    cand.sort_unstable();
    cand.dedup();
    let mut cache: Vec<Option<Ready>> = (0..n).map(|_| None).collect();
    for &(j, i) in &cand {
        if first[j].is_some() || prints[i].exact == prints[j].exact {
            continue;
        }
        for x in [i, j] {
            if cache[x].is_none() {
                cache[x] = Some(Ready::new(Norm::of(article, &ps[x])));
            }
        }
        let sim = match (&cache[i], &cache[j]) {
            (Some(a), Some(b)) => a.similarity(b, cfg.near_dup),
            _ => 0.0,
        };
        if sim >= cfg.near_dup {
            first[j] = Some((i, sim));
        }
    }
    // Point every repeat at the first occurrence of its chain.
    let root = |mut i: usize| {
        let mut guard = 0;
        while let Some((k, _)) = first[i] {
            if k >= i || guard > n {
                break;
            }
            i = k;
            guard += 1;
        }
        i
    };
    let mut groups: Vec<(usize, Vec<(usize, f64)>)> = Vec::new();
    for j in 0..n {
        if let Some((_, sim)) = first[j] {
            let r = root(j);
            if r == j {
                continue;
            }
            marks[j] = ParaMark::Duplicate;
            let kind = if prints[r].exact == prints[j].exact {
                DupKind::Exact
            } else {
                DupKind::Near
            };
            findings.push(
                Finding::new(article.id, FindingKind::DuplicateParagraph)
                    .at(article, &ps[j])
                    .mention(excerpt(article.para_text(&ps[j])))
                    .message(format!(
                        "repeats paragraph {} (line {}){}",
                        ps[r].idx.number(),
                        ps[r].line,
                        if kind == DupKind::Near {
                            format!(", reworded (similarity {sim:.2})")
                        } else {
                            String::new()
                        }
                    ))
                    .evidence(para_key(&article.key, ps[r].idx)),
            );
            match groups.iter_mut().find(|g| g.0 == r) {
                Some(g) => g.1.push((j, sim)),
                None => groups.push((r, vec![(j, sim)])),
            }
        }
    }
    groups.sort_by_key(|g| g.0);
    let mut group = 0u32;
    for (r, members) in &groups {
        group += 1;
        let kind_of = |j: usize| {
            if prints[*r].exact == prints[j].exact {
                DupKind::Exact
            } else {
                DupKind::Near
            }
        };
        let row = |j: usize, kind: DupKind, sim: f64| DuplicateRow {
            group,
            article: article.id,
            paragraph: ps[j].idx,
            line: ps[j].line,
            kind,
            similarity: sim,
            first_article: article.id,
            first_paragraph: ps[*r].idx,
            text: String::new(),
        };
        let k0 = members
            .iter()
            .map(|&(j, _)| kind_of(j))
            .max()
            .unwrap_or(DupKind::Exact);
        rows.push(row(*r, k0, 1.0));
        for &(j, sim) in members {
            rows.push(row(j, kind_of(j), sim));
        }
    }

    // Structural boilerplate.
    for (s, e) in structural_blocks(article) {
        group += 1;
        let mut count = 0;
        for j in s..=e {
            if marks[j] == ParaMark::Content {
                marks[j] = ParaMark::Boilerplate;
            }
            if marks[j] == ParaMark::Boilerplate {
                count += 1;
                rows.push(DuplicateRow {
                    group,
                    article: article.id,
                    paragraph: ps[j].idx,
                    line: ps[j].line,
                    kind: DupKind::Boilerplate,
                    similarity: 1.0,
                    first_article: article.id,
                    first_paragraph: ps[s].idx,
                    text: String::new(),
                });
            }
        }
        findings.push(
            block_finding(
                article.id,
                (ps[s].idx, ps[s].line),
                ps[e].line,
                count,
                "a list of title-like lines (related articles, navigation)",
                String::new(),
            )
            .mention(excerpt(article.para_text(&ps[s]))),
        );
    }
    ArticlePrints {
        prints,
        marks,
        findings,
        rows,
    }
}

// ---------------------------------------------------------------- link

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
    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi as usize] = lo;
        }
    }
}

/// Global paragraph numbering: paragraph `p` of article `a` is `base[a] + p`.
struct Index {
    base: Vec<u32>,
    /// The article of each global paragraph (a lookup, not a search: the
    /// link asks millions of times).
    owner: Vec<u32>,
}

impl Index {
    fn art(&self, g: u32) -> usize {
        self.owner[g as usize] as usize
    }
    fn split(&self, g: u32) -> (usize, usize) {
        let a = self.art(g);
        (a, (g - self.base[a]) as usize)
    }
}

/// Paragraph numbers with their encoded normalised forms.
type Encoded = Vec<(usize, Vec<u8>)>;

/// Normalised forms (encoded for the scratch space) of the paragraphs
/// `wanted` of a re-read article; `None` when it cannot be read or changed
/// since the first pass.
fn spill_norms(
    s: &ArticleSummary,
    a: Option<Article>,
    wanted: &[usize],
) -> Option<Vec<(usize, Vec<u8>)>> {
    let a = a?;
    if a.content_hash != s.content_hash || a.paragraphs.len() != s.prints.prints.len() {
        return None;
    }
    Some(
        wanted
            .iter()
            .filter_map(|&p| {
                Some((
                    p,
                    Norm::from_text(a.para_text(a.paragraphs.get(p)?)).encode(),
                ))
            })
            .collect(),
    )
}

/// Pairs confirmed per round: bounds the paragraphs held in memory.
const PAIR_CHUNK: usize = 16_384;

/// Similarity of each pair of global paragraphs (sorted pairs; exact when it
/// reaches `floor`). Each article with a paragraph in a pair is re-read once,
/// in batches of [`BATCH_ARTICLES`], and those paragraphs' normalised forms
/// go to `scratch`; pairs are then confirmed in rounds of [`PAIR_CHUNK`],
/// reading back only the paragraphs of the round. Re-reading per round
/// instead would load an article once per round it appears in: about 30
/// times each at 100 MB, where candidate pairs join articles at random.
fn confirm(
    articles: &[ArticleSummary],
    idx: &Index,
    pairs: &[(u32, u32)],
    floor: f64,
    load: &LoadArticles<'_>,
    scratch: &mut dyn Scratch,
) -> Vec<f64> {
    let mut wanted: Vec<u32> = pairs.iter().flat_map(|&(x, y)| [x, y]).collect();
    wanted.par_sort_unstable();
    wanted.dedup();
    let mut by_article: Vec<(usize, Vec<usize>)> = Vec::new();
    for &g in &wanted {
        let (a, p) = idx.split(g);
        match by_article.last_mut() {
            Some((last, ps)) if *last == a => ps.push(p),
            _ => by_article.push((a, vec![p])),
        }
    }
    drop(wanted);
    // (global paragraph, offset, length, hash of the encoded form) in the
    // scratch space, sorted by paragraph.
    let mut located: Vec<(u32, u64, u32, u64)> = Vec::new();
    for batch in by_article.chunks(BATCH_ARTICLES) {
        let ids: Vec<ArticleId> = batch.iter().map(|(a, _)| articles[*a].id).collect();
        let norms: Vec<Option<Encoded>> = batch
            .par_iter()
            .zip(load(&ids))
            .map(|((a, w), art)| spill_norms(&articles[*a], art, w))
            .collect();
        for ((a, _), n) in batch.iter().zip(norms) {
            for (p, bytes) in n.into_iter().flatten() {
                let at = scratch.append(&bytes);
                located.push((
                    idx.base[*a] + p as u32,
                    at,
                    bytes.len() as u32,
                    xxh3_64(&bytes),
                ));
            }
        }
    }
    drop(by_article);
    scratch.finish();
    // Similarity is a function of the two normalised forms alone, and
    // syndicated stories repeat them (17% of the pairs at 1 GB are pairs of
    // the same two texts): each distinct pair of forms is compared once.
    let form = |g: u32| {
        located
            .binary_search_by_key(&g, |l| l.0)
            .ok()
            .map(|i| located[i].3)
    };
    let mut keyed: Vec<(u64, u32)> = pairs
        .par_iter()
        .enumerate()
        .filter_map(|(i, &(x, y))| {
            let (fx, fy) = (form(x)?, form(y)?);
            let mut b = [0u8; 16];
            b[..8].copy_from_slice(&fx.to_le_bytes());
            b[8..].copy_from_slice(&fy.to_le_bytes());
            Some((xxh3_64(&b), i as u32))
        })
        .collect();
    keyed.par_sort_unstable();
    // Each pair's representative (the first pair with its forms); pairs
    // with a paragraph that could not be re-read keep similarity 0.
    let mut rep: Vec<u32> = vec![u32::MAX; pairs.len()];
    let mut unique: Vec<u32> = Vec::new();
    for run in keyed.chunk_by(|a, b| a.0 == b.0) {
        unique.push(run[0].1);
        for &(_, i) in run {
            rep[i as usize] = run[0].1;
        }
    }
    drop(keyed);
    unique.par_sort_unstable();
    let mut sims: Vec<f64> = Vec::with_capacity(unique.len());
    for round in unique.chunks(PAIR_CHUNK) {
        let mut need: Vec<u32> = round
            .iter()
            .flat_map(|&i| [pairs[i as usize].0, pairs[i as usize].1])
            .collect();
        need.sort_unstable();
        need.dedup();
        let ready: Vec<Option<Ready>> = need
            .par_iter()
            .map(|&g| {
                let i = located.binary_search_by_key(&g, |l| l.0).ok()?;
                let (_, at, len, _) = located[i];
                Norm::decode(&scratch.read(at, len)).map(Ready::new)
            })
            .collect();
        let get = |g: u32| -> Option<&Ready> { ready[need.binary_search(&g).ok()?].as_ref() };
        sims.par_extend(round.par_iter().map(|&i| {
            let (x, y) = pairs[i as usize];
            match (get(x), get(y)) {
                (Some(a), Some(b)) => a.similarity(b, floor),
                _ => 0.0,
            }
        }));
    }
    rep.iter()
        .map(|&r| unique.binary_search(&r).ok().map_or(0.0, |k| sims[k]))
        .collect()
}

/// How one repeated group of paragraphs is classified.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Verdict {
    Syndicated,
    Boilerplate,
}

/// Cross-article pass: links prints across the corpus. `load` re-reads one
/// article (for confirming near duplicates on text); it may return `None`.
pub fn link(
    articles: &[ArticleSummary],
    cfg: &DedupConfig,
    load: &LoadArticles<'_>,
    scratch: &mut dyn Scratch,
    memo: &mut PairMemo,
) -> DedupOutcome {
    let na = articles.len();
    let mut base = Vec::with_capacity(na);
    let mut total = 0u32;
    for a in articles {
        base.push(total);
        total += a.prints.prints.len() as u32;
    }
    let mut owner = Vec::with_capacity(total as usize);
    for (a, s) in articles.iter().enumerate() {
        owner.extend(std::iter::repeat_n(a as u32, s.prints.prints.len()));
    }
    let idx = Index { base, owner };
    let pr = |g: u32| -> &ParaPrint {
        let (a, p) = idx.split(g);
        &articles[a].prints.prints[p]
    };
    let gid = |a: usize, p: ParaIdx| idx.base[a] + p.0;
    let mut dsu = Dsu((0..total).collect());

    // Within-article repeats found by fingerprint.
    for (a, s) in articles.iter().enumerate() {
        for r in &s.prints.rows {
            if r.kind != DupKind::Boilerplate && r.paragraph != r.first_paragraph {
                dsu.union(gid(a, r.first_paragraph), gid(a, r.paragraph));
            }
        }
    }
    // Exact repeats; short ones are kept aside (boilerplate only).
    let mut exact: Vec<(u64, u32)> = (0..total)
        .filter(|&g| pr(g).words > 0)
        .map(|g| (pr(g).exact, g))
        .collect();
    exact.par_sort_unstable();
    let mut short_groups: Vec<Vec<u32>> = Vec::new();
    for run in exact.chunk_by(|a, b| a.0 == b.0) {
        if run.len() < 2 {
            continue;
        }
        if pr(run[0].1).words >= MIN_EXACT_WORDS {
            for w in run.windows(2) {
                dsu.union(w[0].1, w[1].1);
            }
        } else {
            let arts: BTreeSet<usize> = run.iter().map(|&(_, g)| idx.art(g)).collect();
            if arts.len() >= 3 {
                short_groups.push(run.iter().map(|&(_, g)| g).collect());
            }
        }
    }
    drop(exact);
    // Near candidates: band by band, sort-based buckets; each member is paired
    // with the bucket's first member and its predecessor (linear in bucket size).
    // Pairs from a rare band key (small bucket) are kept on one shared band;
    // others need MIN_BANDS (see there).
    let with_sig: Vec<u32> = (0..total)
        .filter(|&g| pr(g).minhash.len() == BANDS)
        .collect();
    // AND-amplify the banding: a pair must share at least MIN_BANDS bands,
    // unless the one band it shares is rare. Common phrases make unrelated
    // paragraphs collide in one crowded band; they rarely collide in two.
    // Millions of pairs are checked (2.6 million at 100 MB): first on one
    // byte of each band key from a flat table (a few cache lines per pair),
    // then exactly on the full keys for the pairs that pass. The check runs
    // as pairs are found, so only kept pairs are ever stored.
    let low_bytes: Vec<[u8; BANDS]> = (0..total)
        .into_par_iter()
        .map(|g| {
            let mut t = [0u8; BANDS];
            for (b, k) in t.iter_mut().zip(&pr(g).minhash) {
                *b = *k as u8;
            }
            t
        })
        .collect();
    let shares_bands = |x: u32, y: u32| {
        let (lx, ly) = (&low_bytes[x as usize], &low_bytes[y as usize]);
        lx.iter().zip(ly).filter(|(a, b)| a == b).count() >= MIN_BANDS
            && pr(x)
                .minhash
                .iter()
                .zip(&pr(y).minhash)
                .filter(|(a, b)| a == b)
                .count()
                >= MIN_BANDS
    };
    // Bands are independent: one task each; their pairs are sorted together
    // below, so the order of the bands does not matter.
    let per_band: Vec<Vec<(u32, u32)>> = (0..BANDS)
        .into_par_iter()
        .map(|b| {
            let mut cand: Vec<(u32, u32)> = Vec::new();
            let mut keys: Vec<(u32, u32)> =
                with_sig.iter().map(|&g| (pr(g).minhash[b], g)).collect();
            keys.sort_unstable();
            for run in keys.chunk_by(|x, y| x.0 == y.0) {
                // Rarity counts distinct texts: exact copies of a story are one voice.
                let mut texts: Vec<u64> = Vec::with_capacity(RARE_BUCKET + 1);
                for &(_, g) in run {
                    if !texts.contains(&pr(g).exact) {
                        texts.push(pr(g).exact);
                        if texts.len() > RARE_BUCKET {
                            break;
                        }
                    }
                }
                let is_rare = texts.len() <= RARE_BUCKET;
                for k in 1..run.len() {
                    for other in [run[0].1, run[k - 1].1] {
                        let g = run[k].1;
                        if idx.art(other) != idx.art(g)
                            && pr(other).exact != pr(g).exact
                            && (is_rare || shares_bands(other, g))
                        {
                            cand.push((other.min(g), other.max(g)));
                        }
                    }
                }
            }
            cand.sort_unstable();
            cand.dedup();
            cand
        })
        .collect();
    drop(with_sig);
    drop(low_bytes);
    let mut cand: Vec<(u32, u32)> = Vec::with_capacity(per_band.iter().map(Vec::len).sum());
    for c in per_band {
        cand.extend(c);
    }
    cand.par_sort_unstable();
    cand.dedup();
    // Pairs compared by an earlier run on the same texts keep their value.
    let key_of_pair = |(x, y): (u32, u32)| {
        let ((ax, px), (ay, py)) = (idx.split(x), idx.split(y));
        let mut b = [0u8; 24];
        b[..8].copy_from_slice(&articles[ax].content_hash.to_le_bytes());
        b[8..12].copy_from_slice(&(px as u32).to_le_bytes());
        b[12..20].copy_from_slice(&articles[ay].content_hash.to_le_bytes());
        b[20..].copy_from_slice(&(py as u32).to_le_bytes());
        xxh3_64(&b)
    };
    // Without a memo (not --incremental) no key is computed or kept.
    let use_memo = memo.remember || !memo.known.is_empty();
    let pair_keys: Vec<u64> = if use_memo {
        cand.par_iter().map(|&p| key_of_pair(p)).collect()
    } else {
        Vec::new()
    };
    let sims: Vec<f64> = if memo.known.is_empty() {
        confirm(articles, &idx, &cand, cfg.near_dup, load, scratch)
    } else {
        let mut sims: Vec<f64> = pair_keys
            .iter()
            .map(|&k| memo.get(k).unwrap_or(f64::NAN))
            .collect();
        let unknown: Vec<(u32, u32)> = cand
            .iter()
            .zip(&sims)
            .filter(|(_, s)| s.is_nan())
            .map(|(&p, _)| p)
            .collect();
        let mut fresh = confirm(articles, &idx, &unknown, cfg.near_dup, load, scratch).into_iter();
        for s in sims.iter_mut().filter(|s| s.is_nan()) {
            *s = fresh.next().unwrap_or(0.0);
        }
        sims
    };
    if memo.remember {
        memo.fresh = pair_keys.into_iter().zip(sims.iter().copied()).collect();
        memo.fresh.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        memo.fresh.dedup_by_key(|k| k.0);
    }
    let mut known: Vec<((u32, u32), f64)> = Vec::new();
    for (&(x, y), &s) in cand.iter().zip(&sims) {
        if s >= cfg.near_dup {
            dsu.union(x, y);
            known.push(((x, y), s));
        }
    }
    drop(cand);

    // Components with members in at least two articles.
    let mut comp: Vec<(u32, u32)> = (0..total).map(|g| (dsu.find(g), g)).collect();
    comp.par_sort_unstable();
    let order = |g: u32| {
        let (a, p) = idx.split(g);
        (articles[a].date, articles[a].id, p)
    };
    let mut cross: Vec<Vec<u32>> = Vec::new();
    for run in comp.chunk_by(|x, y| x.0 == y.0) {
        if run.len() < 2 {
            continue;
        }
        let a0 = idx.art(run[0].1);
        if run.iter().all(|&(_, g)| idx.art(g) == a0) {
            continue;
        }
        let mut m: Vec<u32> = run.iter().map(|&(_, g)| g).collect();
        m.sort_by_key(|&g| order(g));
        cross.push(m);
    }
    drop(comp);
    let mut in_cross = vec![false; total as usize];
    for c in &cross {
        for &g in c {
            in_cross[g as usize] = true;
        }
    }

    // Article features: share of words in repeated paragraphs, head and tail zones.
    let mut marks: Vec<Vec<ParaMark>> = articles.iter().map(|a| a.prints.marks.clone()).collect();
    let mut copied_share = vec![0.0f64; na];
    let mut head_end = vec![0usize; na];
    let mut tail_start = vec![0usize; na];
    for (a, s) in articles.iter().enumerate() {
        let ps = &s.prints.prints;
        let all: u32 = ps.iter().map(|p| p.words).sum();
        let copied: u32 = ps
            .iter()
            .enumerate()
            .filter(|(p, _)| in_cross[(idx.base[a] + *p as u32) as usize])
            .map(|(_, p)| p.words)
            .sum();
        copied_share[a] = if all == 0 {
            0.0
        } else {
            f64::from(copied) / f64::from(all)
        };
        let zone = |p: usize| {
            let x = &ps[p];
            x.title_like
                || x.words < LIGHT_WORDS
                || in_cross[(idx.base[a] + p as u32) as usize]
                || marks[a].get(p) == Some(&ParaMark::Boilerplate)
        };
        let mut h = 0;
        while h < ps.len() && zone(h) {
            h += 1;
        }
        let mut t = ps.len();
        while t > 0 && zone(t - 1) {
            t -= 1;
        }
        head_end[a] = h;
        tail_start[a] = t;
    }
    let edge = |g: u32| {
        let (a, p) = idx.split(g);
        p < head_end[a] || p >= tail_start[a]
    };
    let verdict = |m: &[u32]| -> Verdict {
        let arts: BTreeSet<usize> = m.iter().map(|&g| idx.art(g)).collect();
        let Some(&a0) = arts.iter().next() else {
            return Verdict::Syndicated;
        };
        let (source, author) = (&articles[a0].source, &articles[a0].author);
        let same_source = arts.iter().all(|&a| &articles[a].source == source);
        let same_author = !author.is_empty() && arts.iter().all(|&a| &articles[a].author == author);
        let boiler = m.iter().all(|&g| edge(g))
            && (same_source || same_author || arts.len() >= 3)
            && arts.iter().all(|&a| copied_share[a] < COPY_SHARE);
        if boiler {
            Verdict::Boilerplate
        } else {
            Verdict::Syndicated
        }
    };

    // Direct evidence only: a paragraph is a repeat of an earlier one it
    // matches itself (same normalised text, a confirmed near pair, or a
    // within-article pair from fingerprint), never through a chain of
    // matches in between (single-linkage would join paragraphs that share
    // one sentence each with a third).
    let mut direct: Vec<(u32, u32, f64)> = Vec::new();
    for &((x, y), sim) in &known {
        direct.push((x, y, sim));
        direct.push((y, x, sim));
    }
    for (a, s) in articles.iter().enumerate() {
        for r in &s.prints.rows {
            if r.kind != DupKind::Boilerplate && r.paragraph != r.first_paragraph {
                let (x, y) = (gid(a, r.first_paragraph), gid(a, r.paragraph));
                direct.push((x, y, r.similarity));
                direct.push((y, x, r.similarity));
            }
        }
    }
    direct.sort_unstable_by_key(|d| (d.0, d.1));
    let exact_match = |x: u32, y: u32| pr(x).exact == pr(y).exact && pr(x).words >= MIN_EXACT_WORDS;
    // Similarity of `g` to `o`: measured directly when they were compared,
    // else the best direct match `g` has (it joined its group through it).
    let sim_direct = |o: u32, g: u32| -> f64 {
        if o == g || pr(o).exact == pr(g).exact {
            return 1.0;
        }
        let start = direct.partition_point(|d| d.0 < g);
        let mine = direct[start..].iter().take_while(|d| d.0 == g);
        mine.clone()
            .find(|d| d.1 == o)
            .map(|d| d.2)
            .unwrap_or_else(|| mine.map(|d| d.2).fold(0.0, f64::max))
    };
    // The earliest earlier member of `c` that `g` matches directly.
    let anchor = |c: &[u32], g: u32| -> Option<(u32, f64)> {
        let before = |h: u32| order(h) < order(g);
        let by_text = c
            .iter()
            .copied()
            .find(|&h| h != g && before(h) && exact_match(h, g))
            .map(|h| (h, 1.0));
        let start = direct.partition_point(|d| d.0 < g);
        let near = direct[start..]
            .iter()
            .take_while(|d| d.0 == g)
            .filter(|d| before(d.1))
            .min_by_key(|d| order(d.1))
            .map(|d| (d.1, d.2));
        match (by_text, near) {
            (Some(t), Some(n)) => Some(if order(n.0) < order(t.0) { n } else { t }),
            (t, n) => t.or(n),
        }
    };

    let key_of = |g: u32| {
        let (a, p) = idx.split(g);
        para_key(&articles[a].key, ParaIdx(p as u32))
    };
    let mut findings: Vec<Finding> = Vec::new();
    let mut groups: Vec<Vec<DuplicateRow>> = Vec::new();
    let mut copies: Vec<(ArticleId, ArticleId)> = Vec::new();
    // Boilerplate by repetition: (global paragraph) -> (origin, other occurrence, articles).
    let mut boiler_src: Vec<(u32, u32, u32, usize)> = Vec::new();
    let mut short_boiler: Vec<Vec<u32>> = short_groups
        .into_iter()
        .filter(|m| !m.iter().any(|&g| in_cross[g as usize]))
        .map(|mut m| {
            m.sort_by_key(|&g| order(g));
            m
        })
        .filter(|m| verdict(m) == Verdict::Boilerplate)
        .collect();
    for c in &cross {
        let o = c[0];
        let (oa, _) = idx.split(o);
        let narts = c.iter().map(|&g| idx.art(g)).collect::<BTreeSet<_>>().len();
        match verdict(c) {
            Verdict::Boilerplate => {
                let other = c.iter().copied().find(|&g| idx.art(g) != oa).unwrap_or(o);
                for &g in c {
                    boiler_src.push((g, o, other, narts));
                }
            }
            Verdict::Syndicated => {
                let mut rows = vec![DuplicateRow {
                    group: 0,
                    article: articles[oa].id,
                    paragraph: pr(o).para,
                    line: pr(o).line,
                    kind: DupKind::Exact,
                    similarity: 1.0,
                    first_article: articles[oa].id,
                    first_paragraph: pr(o).para,
                    text: String::new(),
                }];
                for &g in &c[1..] {
                    let (a, p) = idx.split(g);
                    let Some((h, sim)) = anchor(c, g) else {
                        continue;
                    };
                    let (ha, hp) = idx.split(h);
                    let exact = exact_match(h, g);
                    rows.push(DuplicateRow {
                        group: 0,
                        article: articles[a].id,
                        paragraph: ParaIdx(p as u32),
                        line: pr(g).line,
                        kind: if exact { DupKind::Exact } else { DupKind::Near },
                        similarity: sim,
                        first_article: articles[ha].id,
                        first_paragraph: ParaIdx(hp as u32),
                        text: String::new(),
                    });
                    if marks[a][p] != ParaMark::Content {
                        continue;
                    }
                    let reworded = if exact {
                        String::new()
                    } else {
                        format!(", reworded (similarity {sim:.2})")
                    };
                    let mut f = if a == ha {
                        marks[a][p] = ParaMark::Duplicate;
                        Finding::new(articles[a].id, FindingKind::DuplicateParagraph).message(
                            format!("repeats a paragraph first seen at {}{reworded}", key_of(h)),
                        )
                    } else {
                        marks[a][p] = ParaMark::Syndicated;
                        copies.push((articles[a].id, articles[ha].id));
                        Finding::new(articles[a].id, FindingKind::SyndicatedParagraph).message(
                            format!(
                                "first published by {} ({}, {}){reworded}",
                                articles[ha].key, articles[ha].source, articles[ha].date
                            ),
                        )
                    }
                    .evidence(key_of(h));
                    f.paragraph = Some(ParaIdx(p as u32));
                    f.line = Some(pr(g).line);
                    findings.push(f);
                }
                if rows.len() < 2 {
                    continue;
                }
                // The origin row carries the group's kind: near if any copy is.
                let k0 = rows[1..]
                    .iter()
                    .map(|r| r.kind)
                    .max()
                    .unwrap_or(DupKind::Exact);
                if let Some(r) = rows.first_mut() {
                    r.kind = k0;
                }
                groups.push(rows);
            }
        }
    }
    for m in short_boiler.drain(..) {
        let o = m[0];
        let oa = idx.art(o);
        let other = m.iter().copied().find(|&g| idx.art(g) != oa).unwrap_or(o);
        let narts = m.iter().map(|&g| idx.art(g)).collect::<BTreeSet<_>>().len();
        for &g in &m {
            boiler_src.push((g, o, other, narts));
        }
    }
    boiler_src.sort_unstable();
    boiler_src.dedup_by_key(|x| x.0);
    // Mark repeated boilerplate, then grow each over its adjacent label lines.
    let fp_marks: Vec<Vec<ParaMark>> = marks.clone();
    for &(g, _, _, _) in &boiler_src {
        let (a, p) = idx.split(g);
        if matches!(marks[a][p], ParaMark::Content | ParaMark::Syndicated) {
            marks[a][p] = ParaMark::Boilerplate;
        }
    }
    // boiler_src is sorted by global paragraph, i.e. by article then
    // paragraph: one pass (a scan of it per article was quadratic: 24 s of
    // the link on 27,548 articles).
    for &(g, _, _, _) in &boiler_src {
        let (a, p) = idx.split(g);
        let ps = &articles[a].prints.prints;
        let mut k = p;
        while k > 0 && ps[k - 1].title_like && marks[a][k - 1] == ParaMark::Content {
            k -= 1;
            marks[a][k] = ParaMark::Boilerplate;
        }
        let mut k = p + 1;
        while k < ps.len() && ps[k].title_like && marks[a][k] == ParaMark::Content {
            marks[a][k] = ParaMark::Boilerplate;
            k += 1;
        }
    }

    // Boilerplate blocks: one finding and one duplicates.csv group each.
    for (a, s) in articles.iter().enumerate() {
        let ps = &s.prints.prints;
        let m = &marks[a];
        let mut i = 0;
        while i < m.len() {
            if m[i] != ParaMark::Boilerplate {
                i += 1;
                continue;
            }
            // The block: boilerplate lines, with repeats inside it.
            let mut e = i;
            let mut k = i + 1;
            while k < m.len() && matches!(m[k], ParaMark::Boilerplate | ParaMark::Duplicate) {
                if m[k] == ParaMark::Boilerplate {
                    e = k;
                }
                k += 1;
            }
            let block: Vec<usize> = (i..=e).filter(|&x| m[x] == ParaMark::Boilerplate).collect();
            let src = |p: usize| {
                let g = idx.base[a] + p as u32;
                boiler_src
                    .binary_search_by_key(&g, |x| x.0)
                    .ok()
                    .map(|j| boiler_src[j])
            };
            let repeated: Vec<(u32, u32, u32, usize)> =
                block.iter().filter_map(|&p| src(p)).collect();
            let structural_only = repeated.is_empty()
                && block
                    .iter()
                    .all(|&p| fp_marks[a][p] == ParaMark::Boilerplate);
            let reused = if structural_only {
                s.prints
                    .findings
                    .iter()
                    .find(|f| f.kind == FindingKind::Boilerplate && f.paragraph == Some(ps[i].para))
                    .filter(|f| f.line == Some(ps[i].line))
                    .cloned()
            } else {
                None
            };
            let f = match reused {
                Some(f) => f,
                None => {
                    let (reason, evidence) = match repeated.first() {
                        Some(&(g, o, other, narts)) => {
                            let ev = if idx.art(o) == a { other } else { o };
                            let _ = g;
                            (
                                format!("repeated in {narts} articles (bio, promo or notice)"),
                                key_of(ev),
                            )
                        }
                        None => (
                            "a list of title-like lines (related articles, navigation)".into(),
                            String::new(),
                        ),
                    };
                    block_finding(
                        s.id,
                        (ps[i].para, ps[i].line),
                        ps[e].line,
                        block.len(),
                        &reason,
                        evidence,
                    )
                }
            };
            findings.push(f);
            let rows = block
                .iter()
                .map(|&p| {
                    let g = idx.base[a] + p as u32;
                    let (fa, fp, sim) = match src(p) {
                        Some((_, o, _, _)) => {
                            let (oa, op) = idx.split(o);
                            (articles[oa].id, ParaIdx(op as u32), sim_direct(o, g))
                        }
                        None => (s.id, ps[i].para, 1.0),
                    };
                    DuplicateRow {
                        group: 0,
                        article: s.id,
                        paragraph: ps[p].para,
                        line: ps[p].line,
                        kind: DupKind::Boilerplate,
                        similarity: sim,
                        first_article: fa,
                        first_paragraph: fp,
                        text: String::new(),
                    }
                })
                .collect();
            groups.push(rows);
            i = e + 1;
        }
    }

    // Within-article repeats not part of a cross-article group.
    for (a, s) in articles.iter().enumerate() {
        findings.extend(
            s.prints
                .findings
                .iter()
                .filter(|f| f.kind == FindingKind::DuplicateParagraph)
                .cloned(),
        );
        let mut local: Vec<&DuplicateRow> = s
            .prints
            .rows
            .iter()
            .filter(|r| r.kind != DupKind::Boilerplate)
            .collect();
        local.sort_by_key(|r| (r.group, r.paragraph));
        for run in local.chunk_by(|x, y| x.group == y.group) {
            if run.iter().any(|r| in_cross[gid(a, r.paragraph) as usize]) {
                continue;
            }
            groups.push(run.iter().map(|r| (*r).clone()).collect());
        }
    }

    // Deterministic group numbers: by first row (article, paragraph), then kind.
    for g in &mut groups {
        g.sort_by_key(|r| (r.article, r.paragraph));
    }
    groups.retain(|g| !g.is_empty());
    groups.sort_by_key(|g| (g[0].article, g[0].paragraph, g[0].kind));
    let mut rows = Vec::new();
    for (i, g) in groups.into_iter().enumerate() {
        for mut r in g {
            r.group = i as u32 + 1;
            rows.push(r);
        }
    }
    copies.sort_unstable();
    copies.dedup();
    findings.sort_by(|x, y| {
        (x.article, x.paragraph, x.kind, &x.evidence).cmp(&(
            y.article,
            y.paragraph,
            y.kind,
            &y.evidence,
        ))
    });
    DedupOutcome {
        marks,
        findings,
        rows,
        copies,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;
    use crate::segment::article_from_text;

    const A1: &str = "The city council voted seven to two on Tuesday to approve a new budget that raises spending on public transit by twelve percent.";
    const A1_REWORDED: &str = "The city council voted seven to two on Tuesday to pass a new budget which lifts spending on public transport by twelve per cent.";
    const B1: &str = "Heavy rain caused flooding across the northern province over the weekend, forcing more than three thousand residents to leave their homes.";
    const C1: &str = "Scientists at the university have developed a battery that can be charged in under ten minutes and keeps most of its capacity.";
    const BIO: &str = "Jane Roe writes about regional transport and city budgets, and has covered local government for more than a decade for several newspapers.";

    fn date(d: &str) -> Date {
        Date::parse_iso(d).unwrap()
    }

    fn art(id: u32, text: &str) -> Article {
        article_from_text(id, &format!("a{id}.txt"), text, date("2026-01-10"))
    }

    fn summary(a: &Article) -> ArticleSummary {
        ArticleSummary {
            id: a.id,
            key: a.key.clone(),
            path: a.path.clone(),
            first_line: 1,
            title: String::new(),
            source: a.source.clone(),
            author: a.author.clone(),
            url: String::new(),
            date: a.date,
            date_origin: a.date_origin,
            content_hash: a.content_hash,
            para_words: a.paragraphs.iter().map(|p| p.words).collect(),
            para_lines: a.paragraphs.iter().map(|p| p.line).collect(),
            prints: fingerprint(a, &DedupConfig::default()),
            findings: Vec::new(),
            claims: Vec::new(),
        }
    }

    fn run_link(arts: &[Article]) -> DedupOutcome {
        let sums: Vec<ArticleSummary> = arts.iter().map(summary).collect();
        let load = |ids: &[ArticleId]| -> Vec<Option<Article>> {
            ids.iter()
                .map(|id| arts.iter().find(|a| a.id == *id).cloned())
                .collect()
        };
        link(
            &sums,
            &DedupConfig::default(),
            &load,
            &mut Vec::new(),
            &mut PairMemo::default(),
        )
    }

    fn kinds(fs: &[Finding]) -> Vec<(u32, FindingKind, Option<u32>)> {
        fs.iter()
            .map(|f| (f.article.0, f.kind, f.paragraph.map(|p| p.number())))
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        #[test]
        fn bit_parallel_levenshtein_equals_strsim(
            a in "([a-e ]{0,90}|[a-c\u{e9}\u{4e00}-\u{4e03} ]{0,200})",
            b in "([a-e ]{0,90}|[a-c\u{e9}\u{4e00}-\u{4e03} ]{0,200})",
        ) {
            proptest::prop_assert_eq!(levenshtein_bits(&a, &b), strsim::levenshtein(&a, &b));
            let exact = strsim::normalized_levenshtein(&a, &b);
            proptest::prop_assert_eq!(normalized_levenshtein_over(&a, &b, 0.0), Some(exact));
            // With a bar: the exact value whenever it reaches the bar.
            for bar in [0.5, 0.75, 0.9] {
                let got = normalized_levenshtein_over(&a, &b, bar);
                if exact >= bar {
                    proptest::prop_assert_eq!(got, Some(exact));
                } else if let Some(v) = got {
                    proptest::prop_assert_eq!(v, exact);
                }
            }
        }

        /// The scratch encoding of a normalised paragraph reads back equal,
        /// and damaged bytes are refused rather than misread.
        #[test]
        fn norm_encoding_round_trips(text in "([a-z]{1,6}[ .!?]{1,2}|\u{e9}|\u{65e5}){0,40}", cut in 0usize..64) {
            let n = Norm::from_text(&text);
            let bytes = n.encode();
            proptest::prop_assert_eq!(Norm::decode(&bytes), Some(n));
            if cut > 0 && cut <= bytes.len() {
                proptest::prop_assert_eq!(Norm::decode(&bytes[..bytes.len() - cut]), None);
            }
        }

        /// Re-read paragraphs are normalised whole, first-pass ones sentence
        /// by sentence: the texts must agree or exact hashes would not match.
        #[test]
        fn whole_and_sentence_by_sentence_normalisation_agree(
            text in "([A-Za-z0-9]{1,7}|[ ,.!?;:'\"()\n-]|U\\.S\\.|\u{e9}|\u{201c}|\u{2019}|\u{3002}|\u{65e5}\u{672c}|\u{fb01}|e\u{301}){0,60}",
        ) {
            proptest::prop_assert_eq!(normalise(&text), Norm::from_text(&text).text);
        }

        /// A confirmation with a floor gets the exact similarity whenever it
        /// reaches the floor, and never more than the exact one.
        #[test]
        fn similarity_from_raw_text_is_exact_above_the_floor(
            a in "([a-f]{1,6}[ .]{1,2}){12,40}",
            edits in proptest::collection::vec((0usize..200, "[a-f .]{0,3}"), 0..12),
        ) {
            let mut b = a.clone();
            for (at, with) in edits {
                let at = at.min(b.len());
                b.replace_range(at..(at + 2).min(b.len()), &with);
            }
            let full = similarity(&Norm::from_text(&a), &Norm::from_text(&b));
            let (ra, rb) = (Ready::new(Norm::from_text(&a)), Ready::new(Norm::from_text(&b)));
            let c = containment(&ra.shingles, &rb.shingles);
            for floor in [0.0, 0.5, 0.75] {
                let fast = ra.similarity(&rb, floor);
                if c >= ALIGN_CONTAINMENT && full >= floor {
                    proptest::prop_assert!((fast - full).abs() < 1e-12, "floor {}: {} vs {}", floor, fast, full);
                }
                proptest::prop_assert!(fast <= full + 1e-12);
            }
        }
    }

    #[test]
    fn bit_parallel_levenshtein_on_long_paragraphs() {
        let a = "the committee met on tuesday and heard from residents ".repeat(9);
        let b = a
            .replace("tuesday", "monday")
            .replace("heard", "listened to");
        assert_eq!(levenshtein_bits(&a, &b), strsim::levenshtein(&a, &b));
        assert_eq!(levenshtein_bits("", "abc"), 3);
        assert_eq!(levenshtein_bits("kitten", "sitting"), 3);
    }

    #[test]
    fn chained_matches_do_not_make_a_within_article_duplicate() {
        // Two paragraphs of the later article each copy a different part of
        // the same earlier paragraph; they share little with each other.
        // Union-find joins all three; only direct matches may make a repeat.
        let a = art(
            0,
            "Our cheap garden furniture sets are popular this spring. The committee met on \
             Tuesday and heard from residents. Several members asked for more detail about \
             the costs. Local businesses said they had not been consulted.",
        );
        let c = art(
            1,
            "The committee met on Tuesday and heard from residents. Several members asked \
             for more detail about the costs.\n\n\
             Several members asked for more detail about the costs. Local businesses said \
             they had not been consulted.",
        );
        let out = run_link(&[a, c]);
        assert!(
            !out.findings
                .iter()
                .any(|f| f.kind == FindingKind::DuplicateParagraph),
            "{:?}",
            kinds(&out.findings)
        );
        let copied: Vec<&DuplicateRow> = out
            .rows
            .iter()
            .filter(|r| r.article == ArticleId(1))
            .collect();
        assert_eq!(
            copied.len(),
            2,
            "both copies are in one group: {:?}",
            out.rows
        );
        assert_eq!(copied[0].group, copied[1].group);
        for r in copied {
            assert_eq!(r.first_article, ArticleId(0), "{r:?}");
            assert!(r.similarity >= DedupConfig::default().near_dup, "{r:?}");
        }
    }

    #[test]
    fn normalise_folds_width_case_and_punctuation() {
        assert_eq!(normalise("  ＡＢＣ, Déjà-vu!!  (U.S.)"), "abc déjà vu u s");
        assert_eq!(normalise("Hello,\n\tWORLD."), normalise("hello world"));
        assert_eq!(normalise("日本経済"), "日 本 経 済");
        assert_eq!(normalise("...!?"), "");
    }

    #[test]
    fn exact_repeat_in_article_points_at_first_copy() {
        let a = art(0, &format!("{A1}\n\n{B1}\n\n{}", A1.to_uppercase()));
        let p = fingerprint(&a, &DedupConfig::default());
        assert_eq!(
            p.marks,
            vec![ParaMark::Content, ParaMark::Content, ParaMark::Duplicate]
        );
        assert_eq!(
            kinds(&p.findings),
            vec![(0, FindingKind::DuplicateParagraph, Some(3))]
        );
        assert_eq!(p.findings[0].evidence, "a0.txt#p1");
        assert_eq!(p.findings[0].severity, crate::model::Severity::Warning);
        let r: Vec<_> = p
            .rows
            .iter()
            .map(|r| (r.paragraph.number(), r.kind, r.first_paragraph.number()))
            .collect();
        assert_eq!(r, vec![(1, DupKind::Exact, 1), (3, DupKind::Exact, 1)]);
    }

    #[test]
    fn reworded_repeat_in_article_is_near() {
        let a = art(0, &format!("{A1}\n\n{B1}\n\n{A1_REWORDED}"));
        let p = fingerprint(&a, &DedupConfig::default());
        assert_eq!(p.marks[2], ParaMark::Duplicate);
        let near = p.rows.iter().find(|r| r.paragraph.number() == 3).unwrap();
        assert_eq!(near.kind, DupKind::Near);
        assert!(near.similarity >= DEFAULT_NEAR_DUP && near.similarity < 1.0);
        // A stricter threshold lets it go.
        let strict = fingerprint(&a, &DedupConfig { near_dup: 0.99 });
        assert!(strict.marks.iter().all(|m| m.is_content()));
    }

    #[test]
    fn padded_copy_matches_its_original() {
        let padded = format!("{A1_REWORDED} {C1}");
        let s = similarity(&Norm::from_text(A1), &Norm::from_text(&padded));
        assert!(s >= DEFAULT_NEAR_DUP, "{s}");
        let s = similarity(&Norm::from_text(A1), &Norm::from_text(B1));
        assert!(s < 0.5, "{s}");
    }

    #[test]
    fn short_paragraphs_never_match() {
        let a = art(
            0,
            "Prices rose on Monday.\n\nPrices rose on Monday.\n\nPrices fell on Monday.\n\nShares rose five percent on Monday morning.\n\nShares rose seven percent on Monday morning.",
        );
        let p = fingerprint(&a, &DedupConfig { near_dup: 0.5 });
        assert!(p.marks.iter().all(|m| m.is_content()), "{:?}", p.marks);
        assert!(p.findings.is_empty() && p.rows.is_empty());
        assert!(p.prints.iter().all(|x| x.minhash.is_empty()));
    }

    #[test]
    fn related_list_after_the_body_is_one_boilerplate_block() {
        let text = format!(
            "{A1} {B1}\n\nRelated stories\nStocks Rally As Fed Holds Rates\nOil Prices Hold Firm Ahead of Talks\nGold Steady As Dollar Slips\nMarkets Await Jobs Data"
        );
        let a = art(0, &text);
        let p = fingerprint(&a, &DedupConfig::default());
        assert_eq!(p.marks[0], ParaMark::Content);
        assert!(p.marks[1..].iter().all(|m| *m == ParaMark::Boilerplate));
        assert_eq!(
            kinds(&p.findings),
            vec![(0, FindingKind::Boilerplate, Some(2))]
        );
        assert_eq!(p.rows.len(), 5);
    }

    #[test]
    fn title_and_dateline_at_the_head_are_not_boilerplate() {
        let text = format!("A Headline About The Budget\n\n6 mins read\n\nFebruary 12, 2026\n\nSummary\n\n{A1} {B1}\n\nTransit\n\n{C1}");
        let a = art(0, &text);
        let p = fingerprint(&a, &DedupConfig::default());
        assert!(p.marks.iter().all(|m| m.is_content()), "{:?}", p.marks);
    }

    #[test]
    fn syndication_names_the_earliest_article_by_date_then_id() {
        let mut a0 = art(0, &format!("{B1}\n\n{A1}\n\n{C1}"));
        let mut a1 = art(1, &format!("{A1_REWORDED}\n\nSomething else entirely happened in the harbour when two ferries collided in thick fog this morning."));
        let a2 = art(2, &format!("Local officials gave their own account of the meeting, which ran late into the evening on Tuesday night.\n\n{A1}"));
        a0.source = "one".into();
        a1.source = "two".into();
        // a1 is dated earlier than a0, a2 same date as a0.
        a1.date = date("2026-01-05");
        let out = run_link(&[a0, a1, a2]);
        let syn: Vec<_> = out
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::SyndicatedParagraph)
            .map(|f| {
                (
                    f.article.0,
                    f.paragraph.map(|p| p.number()),
                    f.evidence.clone(),
                )
            })
            .collect();
        assert_eq!(
            syn,
            vec![
                (0, Some(2), "a1.txt#p1".into()),
                (2, Some(2), "a1.txt#p1".into())
            ]
        );
        assert_eq!(out.marks[0][1], ParaMark::Syndicated);
        assert_eq!(out.marks[1][0], ParaMark::Content);
        assert_eq!(
            out.copies,
            vec![(ArticleId(0), ArticleId(1)), (ArticleId(2), ArticleId(1))]
        );
        // Same date: the lower id is the origin.
        let b0 = art(0, &format!("{B1}\n\n{A1}"));
        let b1 = art(1, &format!("{A1}\n\n{C1}"));
        let out = run_link(&[b0, b1]);
        assert_eq!(out.copies, vec![(ArticleId(1), ArticleId(0))]);
        assert_eq!(out.marks[1][0], ParaMark::Syndicated);
    }

    #[test]
    fn shared_tail_bio_is_boilerplate_but_shared_body_is_syndication() {
        let mut a0 = art(0, &format!("{A1}\n\n{B1}\n\nJane Roe\n\n{BIO}"));
        let mut a1 = art(1, &format!("{C1}\n\nA second story about rail fares rising again in the spring, which commuters said they could not afford.\n\nJane Roe\n\n{BIO}"));
        a0.author = "Jane Roe".into();
        a1.author = "Jane Roe".into();
        a1.source = "other".into();
        let out = run_link(&[a0.clone(), a1.clone()]);
        assert_eq!(
            out.marks[0][2..],
            [ParaMark::Boilerplate, ParaMark::Boilerplate]
        );
        assert_eq!(
            out.marks[1][2..],
            [ParaMark::Boilerplate, ParaMark::Boilerplate]
        );
        assert!(out.copies.is_empty());
        let b: Vec<_> = kinds(&out.findings);
        assert_eq!(
            b,
            vec![
                (0, FindingKind::Boilerplate, Some(3)),
                (1, FindingKind::Boilerplate, Some(3))
            ]
        );
        // Different authors and sources, two articles: a shared paragraph is syndication.
        a1.author = "Someone Else".into();
        let out = run_link(&[a0.clone(), a1.clone()]);
        assert_eq!(out.marks[1][3], ParaMark::Syndicated);
        // Mid-article copies are syndication even with one author.
        let mut c0 = art(0, &format!("{B1}\n\n{BIO}\n\n{C1}"));
        let mut c1 = art(
            1,
            &format!("{A1}\n\n{BIO}\n\n{A1_REWORDED} It was the third vote this year."),
        );
        c0.author = "Jane Roe".into();
        c1.author = "Jane Roe".into();
        let out = run_link(&[c0, c1]);
        assert_eq!(out.marks[1][1], ParaMark::Syndicated);
    }

    #[test]
    fn link_is_deterministic_across_thread_counts() {
        let arts: Vec<Article> = (0..6)
            .map(|i| {
                let mut a = art(i, &format!("{A1}\n\nStory number {i} has its own words about things in town today and tomorrow.\n\n{B1}\n\n{BIO}"));
                a.source = format!("s{}", i % 2);
                a
            })
            .collect();
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let two = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let x = one.install(|| run_link(&arts));
        let y = two.install(|| run_link(&arts));
        assert_eq!(x, y);
        assert!(!x.rows.is_empty());
        let groups: BTreeSet<u32> = x.rows.iter().map(|r| r.group).collect();
        assert_eq!(
            groups.iter().copied().collect::<Vec<_>>(),
            (1..=groups.len() as u32).collect::<Vec<_>>()
        );
    }

    #[test]
    fn changed_file_is_not_confirmed() {
        let a0 = art(0, &format!("{B1}\n\n{A1}"));
        let a1 = art(1, &format!("{C1}\n\n{A1_REWORDED}"));
        let sums = vec![summary(&a0), summary(&a1)];
        let load = |ids: &[ArticleId]| -> Vec<Option<Article>> {
            ids.iter()
                .map(|id| {
                    let mut a = if id.0 == 0 { a0.clone() } else { a1.clone() };
                    a.content_hash ^= 1;
                    Some(a)
                })
                .collect()
        };
        let out = link(
            &sums,
            &DedupConfig::default(),
            &load,
            &mut Vec::new(),
            &mut PairMemo::default(),
        );
        assert!(out.copies.is_empty());
        let none = |ids: &[ArticleId]| -> Vec<Option<Article>> { vec![None; ids.len()] };
        let out = link(
            &sums,
            &DedupConfig::default(),
            &none,
            &mut Vec::new(),
            &mut PairMemo::default(),
        );
        assert!(out.copies.is_empty());
    }
}
