//! What dedup hands on: paragraph marks, fingerprints, duplicate rows,
//! and the scratch space and re-reader it is given.

use super::{Article, ArticleId, Finding, ParaIdx};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What dedup decided about one paragraph. Anything but `Content` is kept out
/// of the name and claim checks and out of the word counts used for scoring.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ParaMark {
    #[default]
    Content,
    /// A repeat of an earlier paragraph in the same article.
    Duplicate,
    /// A copy of a paragraph first published by another article.
    Syndicated,
    /// Not the article: bios, promos, related-article lists, navigation.
    Boilerplate,
}

impl ParaMark {
    /// True when the paragraph is checked and counted.
    pub fn is_content(self) -> bool {
        self == ParaMark::Content
    }
}

/// Kind column of duplicates.csv.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DupKind {
    Exact,
    Near,
    Boilerplate,
}

impl DupKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DupKind::Exact => "exact",
            DupKind::Near => "near",
            DupKind::Boilerplate => "boilerplate",
        }
    }
}

/// One row of duplicates.csv. `text` is filled by the pipeline just before
/// reporting (re-read from the input), so dedup keeps no texts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DuplicateRow {
    pub group: u32,
    pub article: ArticleId,
    pub paragraph: ParaIdx,
    pub line: u32,
    pub kind: DupKind,
    pub similarity: f64,
    pub first_article: ArticleId,
    pub first_paragraph: ParaIdx,
    pub text: String,
}

/// Per-paragraph fingerprint kept for cross-article dedup: no text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParaPrint {
    pub para: ParaIdx,
    pub line: u32,
    pub words: u32,
    /// Hash of the normalised text (NFKC, case-folded, punctuation and
    /// whitespace collapsed).
    pub exact: u64,
    /// MinHash over word 3-shingles, folded into LSH band keys (one u32 per
    /// band of two hashes); empty for short paragraphs. Only band keys are
    /// kept because the link needs band equality alone (similarity is then
    /// confirmed on text), which halves memory per paragraph. Held inline
    /// (no heap allocation per paragraph).
    pub minhash: BandKeys,
    /// A short title-like line (heading, list item, byline, date line): lets
    /// the link grow a boilerplate block over its label lines without text.
    pub title_like: bool,
}

/// Number of LSH bands in a paragraph's MinHash signature (see `dedup`).
pub const BANDS: usize = 16;

/// The LSH band keys of one paragraph, inline: either none (a short
/// paragraph) or exactly [`BANDS`]. Reads as a `[u32]` slice.
/// A heap `Vec` per paragraph cost 24 bytes here plus an 80-byte allocation;
/// this is 68 bytes and no allocation.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct BandKeys {
    len: u8,
    keys: [u32; BANDS],
}

impl std::ops::Deref for BandKeys {
    type Target = [u32];
    fn deref(&self) -> &[u32] {
        &self.keys[..usize::from(self.len)]
    }
}

impl<'a> IntoIterator for &'a BandKeys {
    type Item = &'a u32;
    type IntoIter = std::slice::Iter<'a, u32>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl From<&[u32]> for BandKeys {
    /// Keeps the first [`BANDS`] keys.
    fn from(v: &[u32]) -> BandKeys {
        let mut b = BandKeys::default();
        for (slot, &k) in b.keys.iter_mut().zip(v) {
            *slot = k;
            b.len += 1;
        }
        b
    }
}

impl From<Vec<u32>> for BandKeys {
    fn from(v: Vec<u32>) -> BandKeys {
        BandKeys::from(v.as_slice())
    }
}

impl fmt::Debug for BandKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Everything dedup keeps about one article between the per-article pass and
/// the cross-article link.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticlePrints {
    pub prints: Vec<ParaPrint>,
    /// Marks known from the article alone (within-article repeats, structural
    /// boilerplate). Same length as the article's paragraphs.
    pub marks: Vec<ParaMark>,
    /// Findings known from the article alone (duplicate_paragraph, boilerplate).
    pub findings: Vec<Finding>,
    /// duplicates.csv rows known from the article alone (text left empty).
    pub rows: Vec<DuplicateRow>,
}

/// Re-reads articles after the per-article pass dropped their texts: given
/// ids, returns the segmented articles in the same order (`None` for one
/// that can no longer be read). Batched so each file is read once per call.
pub type LoadArticles<'a> = dyn Fn(&[ArticleId]) -> Vec<Option<Article>> + Sync + 'a;

/// Scratch space for the cross-article pass: bytes written once, then read
/// back by position, so what the pass needs again neither stays in memory
/// nor is parsed a second time. `report::Scratch` keeps it in a temporary
/// file; `Vec<u8>` keeps it in memory (tests, tools).
pub trait Scratch: Sync {
    /// Appends `bytes` right after the bytes appended before; returns
    /// their offset.
    fn append(&mut self, bytes: &[u8]) -> u64;
    /// Called once all appends are done, before any read.
    fn finish(&mut self) {}
    /// The `len` bytes at `offset`; empty if they cannot be read.
    fn read(&self, offset: u64, len: u32) -> Vec<u8>;
}

impl Scratch for Vec<u8> {
    fn append(&mut self, bytes: &[u8]) -> u64 {
        let at = self.len() as u64;
        self.extend_from_slice(bytes);
        at
    }
    fn read(&self, offset: u64, len: u32) -> Vec<u8> {
        let start = usize::try_from(offset).unwrap_or(usize::MAX);
        start
            .checked_add(len as usize)
            .and_then(|end| self.get(start..end))
            .map(<[u8]>::to_vec)
            .unwrap_or_default()
    }
}

/// Similarities of candidate paragraph pairs carried from one run to the
/// next (`--incremental`), so an unchanged pair is not re-read or compared
/// again. A pair's key hashes both articles' content hashes and paragraph
/// numbers: same texts, same key, same similarity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PairMemo {
    /// From the previous run: (pair key, similarity), sorted by key.
    pub known: Vec<(u64, f64)>,
    /// Whether to collect this run's pairs into `fresh`.
    pub remember: bool,
    /// This run's candidate pairs, sorted by key (only when `remember`).
    pub fresh: Vec<(u64, f64)>,
}

impl PairMemo {
    pub fn get(&self, key: u64) -> Option<f64> {
        let i = self.known.binary_search_by_key(&key, |k| k.0).ok()?;
        Some(self.known[i].1)
    }
}

/// Every article's paragraph marks in one flat table, 1 byte per
/// paragraph and 4 per article (a `Vec` per article cost about 50 bytes
/// more): article `a`'s marks are [`Marks::get`]`(a)`, or `marks[a]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marks {
    marks: Vec<ParaMark>,
    /// Where each article's marks end (its start is the one before's end).
    ends: Vec<u32>,
}

impl Marks {
    /// No articles.
    pub const fn new() -> Marks {
        Marks {
            marks: Vec::new(),
            ends: Vec::new(),
        }
    }

    /// Marks held flat: article `a`'s are `marks[starts[a]..starts[a + 1]]`
    /// (the last up to the end). `starts` must be ascending, from 0.
    pub fn from_flat(marks: Vec<ParaMark>, starts: &[u32]) -> Marks {
        let mut ends: Vec<u32> = starts.iter().skip(1).copied().collect();
        if !starts.is_empty() {
            ends.push(marks.len() as u32);
        }
        Marks { marks, ends }
    }

    /// Adds the next article's marks.
    pub fn push(&mut self, marks: &[ParaMark]) {
        self.marks.extend_from_slice(marks);
        self.ends.push(self.marks.len() as u32);
    }

    /// Articles held.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    fn range(&self, a: usize) -> std::ops::Range<usize> {
        let start = if a == 0 { 0 } else { self.ends[a - 1] as usize };
        start..self.ends[a] as usize
    }

    /// Article `a`'s marks; `None` past the last article.
    pub fn get(&self, a: usize) -> Option<&[ParaMark]> {
        (a < self.len()).then(|| &self.marks[self.range(a)])
    }
}

impl std::ops::Index<usize> for Marks {
    type Output = [ParaMark];
    fn index(&self, a: usize) -> &[ParaMark] {
        &self.marks[self.range(a)]
    }
}

impl std::ops::IndexMut<usize> for Marks {
    fn index_mut(&mut self, a: usize) -> &mut [ParaMark] {
        let range = self.range(a);
        &mut self.marks[range]
    }
}

impl FromIterator<Vec<ParaMark>> for Marks {
    fn from_iter<I: IntoIterator<Item = Vec<ParaMark>>>(iter: I) -> Marks {
        let mut marks = Marks::default();
        for m in iter {
            marks.push(&m);
        }
        marks
    }
}

/// Result of linking all articles' prints.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DedupOutcome {
    /// Final marks, per article (indexed like the input slice), per paragraph.
    pub marks: Marks,
    /// All findings from dedup (within and across articles).
    pub findings: Vec<Finding>,
    /// All duplicates.csv rows, text empty.
    pub rows: Vec<DuplicateRow>,
    /// Pairs of articles that share content (copying): (copy, origin).
    /// Claims use it so copies do not count as independent sources.
    pub copies: Vec<(ArticleId, ArticleId)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_held_flat_read_back_per_article() {
        use ParaMark::*;
        let mut marks = Marks::from_flat(vec![Content, Duplicate, Boilerplate], &[0, 0, 2]);
        assert_eq!(marks.len(), 3);
        assert_eq!(marks.get(0), Some(&[][..]));
        assert_eq!(&marks[1], &[Content, Duplicate]);
        assert_eq!(&marks[2], &[Boilerplate]);
        assert_eq!(marks.get(3), None);
        marks[1][1] = Syndicated;
        marks.push(&[Content]);
        let same: Marks = vec![
            vec![],
            vec![Content, Syndicated],
            vec![Boilerplate],
            vec![Content],
        ]
        .into_iter()
        .collect();
        assert_eq!(marks, same);
        assert_eq!(Marks::from_flat(Vec::new(), &[]).len(), 0);
    }
}
