//! Re-reading text for step 5 of the link: the candidate paragraphs'
//! normalised forms, spilled to the scratch space once, and the memo key
//! of a pair.

use super::Linker;
use crate::dedup::normalise::Normalised;
use crate::model::{Article, ArticleId, LoadArticles, Scratch};
use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

/// Articles re-read per batch when confirming candidates (bounds memory).
const BATCH_ARTICLES: usize = 1024;

/// Paragraph numbers with their encoded normalised forms.
type Encoded = Vec<(usize, Vec<u8>)>;

/// Where the re-read paragraphs' encoded normalised forms lie in the
/// scratch space, found by paragraph in 12 bytes each (their form's hash
/// and length) plus a bit per paragraph of the corpus: the `wanted`
/// paragraphs are numbered by rank (how many wanted ones come before),
/// their forms were appended in that order, so a form starts where the
/// ones before it end (an offset kept every [`SpillIndex::BLOCK`] forms).
pub(super) struct SpillIndex {
    wanted: Wanted,
    /// Wanted paragraphs before each 64-paragraph word of `wanted`.
    rank: Vec<u32>,
    /// Hash of each encoded form: equal forms, equal hashes.
    forms: Vec<u64>,
    /// Length of each encoded form; 0 for a paragraph that could not be
    /// re-read (an encoded form is never empty).
    lens: Vec<u32>,
    /// Offset of every [`SpillIndex::BLOCK`]th form.
    starts: Vec<u64>,
}

impl SpillIndex {
    /// Forms per offset kept.
    const BLOCK: usize = 64;

    /// An index of the `wanted` paragraphs, none re-read yet.
    fn new(wanted: Wanted) -> SpillIndex {
        let mut rank = Vec::with_capacity(wanted.0.len());
        let mut n = 0u32;
        for w in &wanted.0 {
            rank.push(n);
            n += w.count_ones();
        }
        SpillIndex {
            wanted,
            rank,
            forms: Vec::with_capacity(n as usize),
            lens: Vec::with_capacity(n as usize),
            starts: Vec::with_capacity((n as usize).div_ceil(Self::BLOCK)),
        }
    }

    /// The next wanted paragraph's form (in paragraph order): where it was
    /// appended and its bytes, or `None` when it could not be re-read.
    /// Forms are appended one after another ([`Scratch::append`]), so a
    /// block's first form gives its offset.
    fn push(&mut self, form: Option<(u64, &[u8])>) {
        const UNSET: u64 = u64::MAX;
        let i = self.lens.len();
        if i.is_multiple_of(Self::BLOCK) {
            self.starts.push(UNSET);
        }
        let (hash, len) = match form {
            Some((offset, bytes)) => {
                let start = self.starts.last_mut().expect("a block is open");
                if *start == UNSET {
                    // Any forms before it in the block could not be read.
                    *start = offset;
                }
                (xxh3_64(bytes), bytes.len() as u32)
            }
            None => (0, 0),
        };
        self.forms.push(hash);
        self.lens.push(len);
        debug_assert!(form.is_none_or(|(offset, _)| self.place_of(i) == (offset, len)));
    }

    /// The number of `g` among the wanted paragraphs, if wanted.
    fn entry(&self, g: u32) -> Option<usize> {
        let (word, bit) = (g as usize / 64, g % 64);
        let w = *self.wanted.0.get(word)?;
        if w & (1 << bit) == 0 {
            return None;
        }
        let below = (w & ((1u64 << bit) - 1)).count_ones();
        let i = (self.rank[word] + below) as usize;
        (i < self.lens.len() && self.lens[i] > 0).then_some(i)
    }

    /// Where paragraph `g`'s encoded form lies, when it was re-read.
    pub(super) fn place(&self, g: u32) -> Option<(u64, u32)> {
        self.entry(g).map(|i| self.place_of(i))
    }

    /// Where form `i` lies: its block's offset and the lengths before it.
    fn place_of(&self, i: usize) -> (u64, u32) {
        let block = i / Self::BLOCK;
        let before: u64 = self.lens[block * Self::BLOCK..i]
            .iter()
            .map(|&l| u64::from(l))
            .sum();
        (self.starts[block] + before, self.lens[i])
    }

    /// The hash of paragraph `g`'s form, when it was re-read.
    pub(super) fn form(&self, g: u32) -> Option<u64> {
        self.entry(g).map(|i| self.forms[i])
    }

    /// Paragraphs re-read.
    pub(super) fn len(&self) -> usize {
        self.lens.iter().filter(|&&l| l > 0).count()
    }

    fn shrink_to_fit(&mut self) {
        self.forms.shrink_to_fit();
        self.lens.shrink_to_fit();
        self.starts.shrink_to_fit();
    }
}

impl Linker<'_> {
    /// The memo key of a pair: both articles' content hashes and paragraph
    /// numbers (same texts, same key).
    pub(super) fn pair_key(&self, (x, y): (u32, u32)) -> u64 {
        let ((ax, px), (ay, py)) = (self.index.split(x), self.index.split(y));
        let mut b = [0u8; 24];
        b[..8].copy_from_slice(&self.article(ax).content_hash.to_le_bytes());
        b[8..12].copy_from_slice(&(px as u32).to_le_bytes());
        b[12..20].copy_from_slice(&self.article(ay).content_hash.to_le_bytes());
        b[20..].copy_from_slice(&(py as u32).to_le_bytes());
        xxh3_64(&b)
    }

    /// What a re-read article `a` must still be: its content hash and
    /// paragraph count.
    fn expects(&self, a: usize) -> (u64, usize) {
        (
            self.article(a).content_hash,
            self.input().para_range(a).len(),
        )
    }

    /// The next batch of up to [`BATCH_ARTICLES`] articles from article
    /// `*next` on that have `wanted` paragraphs: (article, paragraphs),
    /// both in order; `*next` moves past them. Empty at the end.
    fn wanted_batch(&self, wanted: &Wanted, next: &mut usize) -> Vec<(usize, Vec<usize>)> {
        let mut batch: Vec<(usize, Vec<usize>)> = Vec::new();
        while batch.len() < BATCH_ARTICLES && *next < self.input().len() {
            let a = *next;
            *next += 1;
            let range = self.input().para_range(a);
            let first = range.start;
            let paras: Vec<usize> = range
                .filter(|&g| wanted.has(g as u32))
                .map(|g| g - first)
                .collect();
            if !paras.is_empty() {
                batch.push((a, paras));
            }
        }
        batch
    }

    /// Re-reads the articles of the `wanted` paragraphs in batches and
    /// appends those paragraphs' normalised forms to `scratch`, in
    /// paragraph order; returns where each went (paragraphs that could not
    /// be re-read have no place).
    pub(super) fn spill(
        &self,
        wanted: Wanted,
        load: &LoadArticles<'_>,
        scratch: &mut dyn Scratch,
    ) -> SpillIndex {
        let mut index = SpillIndex::new(wanted);
        let mut next = 0;
        loop {
            let batch = self.wanted_batch(&index.wanted, &mut next);
            if batch.is_empty() {
                break;
            }
            let ids: Vec<ArticleId> = batch.iter().map(|(a, _)| self.article(*a).id).collect();
            let norms: Vec<Option<Encoded>> = batch
                .par_iter()
                .zip(load(&ids))
                .map(|((a, w), art)| spill_norms(self.expects(*a), art, w))
                .collect();
            for ((_, wanted), n) in batch.iter().zip(norms) {
                let mut forms = n.unwrap_or_default().into_iter().peekable();
                for &p in wanted {
                    match forms.next_if(|(q, _)| *q == p) {
                        Some((_, bytes)) => {
                            let offset = scratch.append(&bytes);
                            index.push(Some((offset, &bytes)));
                        }
                        None => index.push(None),
                    }
                }
            }
        }
        scratch.finish();
        index.shrink_to_fit();
        index
    }
}

/// A set of global paragraphs, one bit each.
pub(super) struct Wanted(Vec<u64>);

impl Wanted {
    /// None of `total` paragraphs.
    pub(super) fn new(total: u32) -> Wanted {
        Wanted(vec![0; (total as usize).div_ceil(64)])
    }

    pub(super) fn mark(&mut self, g: u32) {
        self.0[g as usize / 64] |= 1 << (g % 64);
    }

    pub(super) fn has(&self, g: u32) -> bool {
        self.0[g as usize / 64] & (1 << (g % 64)) != 0
    }
}

/// Normalised forms (encoded for the scratch space) of the paragraphs
/// `wanted` of a re-read article; `None` when it cannot be read or changed
/// since the first pass.
fn spill_norms(
    (content_hash, paragraphs): (u64, usize),
    a: Option<Article>,
    wanted: &[usize],
) -> Option<Vec<(usize, Vec<u8>)>> {
    let a = a?;
    if a.content_hash != content_hash || a.paragraphs.len() != paragraphs {
        return None;
    }
    Some(
        wanted
            .iter()
            .filter_map(|&p| {
                Some((
                    p,
                    Normalised::from_text(a.para_text(a.paragraphs.get(p)?)).encode(),
                ))
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::fixtures::{
        art, keys, loader, print, summary, summary_of, A1, A1_REWORDED, B1, C1,
    };
    use crate::model::Article;
    use crate::model::ArticleSummary;

    /// a0: B1, A1; a1: C1, A1 reworded, A1. Global paragraphs 0, 1; 2, 3, 4.
    fn articles() -> Vec<Article> {
        vec![
            art(0, &format!("{B1}\n\n{A1}")),
            art(1, &format!("{C1}\n\n{A1_REWORDED}\n\n{A1}")),
        ]
    }

    #[test]
    fn spill_writes_each_wanted_paragraph_once_in_order() {
        let arts = articles();
        let sums: Vec<ArticleSummary> = arts.iter().map(summary).collect();
        let linker = Linker::new(&sums);
        let wanted = |paras: &[u32]| {
            let mut w = Wanted::new(linker.total());
            paras.iter().for_each(|&g| w.mark(g));
            w
        };
        let mut next = 0;
        assert_eq!(
            linker.wanted_batch(&wanted(&[0, 1, 3, 4]), &mut next),
            vec![(0, vec![0, 1]), (1, vec![1, 2])]
        );
        assert!(linker.wanted_batch(&wanted(&[0]), &mut next).is_empty());
        let mut scratch = Vec::new();
        let spilled = linker.spill(wanted(&[1, 3, 4]), &loader(&arts), &mut scratch);
        let paras: Vec<u32> = (0..5).filter(|&g| spilled.place(g).is_some()).collect();
        assert_eq!(paras, vec![1, 3, 4]);
        assert_eq!(spilled.len(), 3);
        // Paragraphs 1 and 4 are the same text: the same form.
        assert_eq!(spilled.form(1), spilled.form(4));
        assert_ne!(spilled.form(1), spilled.form(3));
        assert_eq!(spilled.form(0), None);
        let (offset, len) = spilled.place(3).unwrap();
        let back = Normalised::decode(&scratch.read(offset, len)).unwrap();
        assert_eq!(back, Normalised::from_text(A1_REWORDED));
    }

    #[test]
    fn spill_index_finds_forms_across_blocks_and_skips_unread_ones() {
        // 200 wanted paragraphs of 300, every third; every fifth of them
        // could not be re-read. Forms of different lengths, appended in turn.
        let mut wanted = Wanted::new(300);
        let gs: Vec<u32> = (0..300).filter(|g| g % 3 == 1).collect();
        gs.iter().for_each(|&g| wanted.mark(g));
        let mut index = SpillIndex::new(wanted);
        let mut scratch: Vec<u8> = vec![7; 5];
        let mut expect = Vec::new();
        for (i, &g) in gs.iter().enumerate() {
            if i % 5 == 0 {
                index.push(None);
                continue;
            }
            let bytes = vec![i as u8; 8 + i % 13];
            let offset = Scratch::append(&mut scratch, &bytes);
            index.push(Some((offset, &bytes)));
            expect.push((g, offset, bytes));
        }
        assert_eq!(index.len(), expect.len());
        for (g, offset, bytes) in &expect {
            assert_eq!(index.place(*g), Some((*offset, bytes.len() as u32)));
            assert_eq!(index.form(*g), Some(xxh3_64(bytes)));
            assert_eq!(Scratch::read(&scratch, *offset, bytes.len() as u32), *bytes);
        }
        for g in 0..300u32 {
            if !expect.iter().any(|e| e.0 == g) {
                assert_eq!(index.place(g), None, "{g}");
                assert_eq!(index.form(g), None, "{g}");
            }
        }
    }

    #[test]
    fn pair_keys_follow_content_hashes_and_paragraphs() {
        let sums = vec![
            summary_of(0, vec![print(0, 1, 20, &keys(1), false)]),
            summary_of(
                1,
                vec![
                    print(0, 1, 20, &keys(1), false),
                    print(1, 2, 20, &keys(1), false),
                ],
            ),
        ];
        let linker = Linker::new(&sums);
        assert_ne!(linker.pair_key((0, 1)), linker.pair_key((0, 2)));
        assert_ne!(linker.pair_key((0, 1)), linker.pair_key((1, 0)));
        let mut changed = sums.clone();
        changed[1].content_hash ^= 1;
        assert_ne!(
            linker.pair_key((0, 1)),
            Linker::new(&changed).pair_key((0, 1))
        );
    }
}
