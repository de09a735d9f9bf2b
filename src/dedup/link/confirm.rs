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

/// Where a paragraph's encoded normalised form lies in the scratch space.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Spilled {
    pub(super) offset: u64,
    /// Hash of the encoded form: equal forms, equal hashes.
    pub(super) form: u64,
    /// Global paragraph number.
    pub(super) para: u32,
    pub(super) len: u32,
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
    /// appends those paragraphs' normalised forms to `scratch`; returns
    /// where each went, sorted by paragraph (paragraphs that could not be
    /// re-read are absent).
    pub(super) fn spill(
        &self,
        wanted: &Wanted,
        load: &LoadArticles<'_>,
        scratch: &mut dyn Scratch,
    ) -> Vec<Spilled> {
        let mut spilled: Vec<Spilled> = Vec::new();
        let mut next = 0;
        loop {
            let batch = self.wanted_batch(wanted, &mut next);
            if batch.is_empty() {
                break;
            }
            let ids: Vec<ArticleId> = batch.iter().map(|(a, _)| self.article(*a).id).collect();
            let norms: Vec<Option<Encoded>> = batch
                .par_iter()
                .zip(load(&ids))
                .map(|((a, w), art)| spill_norms(self.expects(*a), art, w))
                .collect();
            for ((a, _), n) in batch.iter().zip(norms) {
                for (p, bytes) in n.into_iter().flatten() {
                    let offset = scratch.append(&bytes);
                    spilled.push(Spilled {
                        para: self.index.global(*a, p),
                        offset,
                        len: bytes.len() as u32,
                        form: xxh3_64(&bytes),
                    });
                }
            }
        }
        scratch.finish();
        spilled.shrink_to_fit();
        spilled
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
        let spilled = linker.spill(&wanted(&[1, 3, 4]), &loader(&arts), &mut scratch);
        let paras: Vec<u32> = spilled.iter().map(|s| s.para).collect();
        assert_eq!(paras, vec![1, 3, 4]);
        // Paragraphs 1 and 4 are the same text: the same form.
        assert_eq!(spilled[0].form, spilled[2].form);
        assert_ne!(spilled[0].form, spilled[1].form);
        let back = Normalised::decode(&scratch.read(spilled[1].offset, spilled[1].len)).unwrap();
        assert_eq!(back, Normalised::from_text(A1_REWORDED));
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
