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
//! (paragraphs of at least `MIN_EXACT_WORDS` words). Near repeats: MinHash
//! (32 multiply-shift permutations of one xxh3 hash per word 3-shingle) in 16
//! bands of 2, for paragraphs of at least `MIN_NEAR_WORDS` words; a pair
//! sharing a band key, and at least 15% of the smaller one's shingles, is
//! confirmed when the normalised Levenshtein similarity (strsim's formula) of the
//! shorter text with the whole longer text, with its best-matching run of
//! sentences (padded copies), or sentence by sentence (reordered copies)
//! reaches `near_dup` (default 0.75, measured: see the README, "Repeated paragraphs").
//! Boilerplate is structural (a run of title-like lines, such as a
//! related-stories list, found per article, never over a run of prose or a
//! list of roles and names, and not on an HTML page, whose reader has
//! already dropped such lists: a run left there is the story's own list),
//! page furniture (single lines such as share
//! buttons, captions, bylines and labels, and the display copy of a layout
//! repeat: a headline or standfirst shown again as the lead), or
//! repetition: a paragraph
//! repeated across articles, at the head or tail of every one of them, in
//! articles of one source or one author or in at least three articles, which
//! are otherwise not copies of each other.
//!
//! Files: `normalise` (the compared text), `similarity` (Levenshtein and the
//! sentence alignments), `minhash` (band keys), `fingerprint` (the
//! per-article pass), `link/` (the cross-article pass, one file per group of
//! steps).

mod fingerprint;
mod link;
mod minhash;
mod normalise;
mod similarity;

#[cfg(test)]
mod fixtures;

pub use fingerprint::fingerprint;
pub use link::{link, link_to};

use minhash::band_keys;

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
const MIN_EXACT_WORDS: u32 = 8;
/// Paragraphs shorter than this get no MinHash: few shingles, and a one-word
/// change in a short sentence changes its meaning.
const MIN_NEAR_WORDS: u32 = 12;
/// Words per shingle.
const SHINGLE: usize = 3;
/// LSH bands and rows per band (BANDS * ROWS MinHash permutations).
pub use crate::model::BANDS;
/// A paragraph under this many words (or title-like) is "light": it can sit
/// in an article's head or tail zone next to boilerplate.
const LIGHT_WORDS: u32 = 12;
