//! Steps 5 and 6 of the link: the similarity of each candidate pair (from
//! the memo, else on re-read text), and the confirmed pairs joined.

use super::Linker;
use crate::dedup::normalise::Normalised;
use crate::dedup::similarity::Ready;
use crate::model::{Article, ArticleId, ArticleSummary, LoadArticles, PairMemo, Scratch};
use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

/// Articles re-read per batch when confirming candidates (bounds memory).
const BATCH_ARTICLES: usize = 1024;
/// Pairs confirmed per round: bounds the paragraphs held in memory.
const PAIR_CHUNK: usize = 16_384;

/// Paragraph numbers with their encoded normalised forms.
type Encoded = Vec<(usize, Vec<u8>)>;

/// Where a paragraph's encoded normalised form lies in the scratch space.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Spilled {
    /// Global paragraph number.
    para: u32,
    offset: u64,
    len: u32,
    /// Hash of the encoded form: equal forms, equal hashes.
    form: u64,
}

impl Linker<'_> {
    /// Step 5: the similarity of each candidate pair (exact when it reaches
    /// `near_dup`). Pairs compared by an earlier run on the same texts keep
    /// their value from `memo`; the others are confirmed on text
    /// ([`Linker::confirm`]). With `memo.remember`, every pair's key and
    /// similarity go to `memo.fresh`.
    pub(super) fn pair_similarities(
        &self,
        cand: &[(u32, u32)],
        near_dup: f64,
        load: &LoadArticles<'_>,
        scratch: &mut dyn Scratch,
        memo: &mut PairMemo,
    ) -> Vec<f64> {
        // Without a memo (not --incremental) no key is computed or kept.
        let use_memo = memo.remember || !memo.known.is_empty();
        let pair_keys: Vec<u64> = if use_memo {
            cand.par_iter().map(|&p| self.pair_key(p)).collect()
        } else {
            Vec::new()
        };
        let sims: Vec<f64> = if memo.known.is_empty() {
            self.confirm(cand, near_dup, load, scratch)
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
            let mut fresh = self.confirm(&unknown, near_dup, load, scratch).into_iter();
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
        sims
    }

    /// The memo key of a pair: both articles' content hashes and paragraph
    /// numbers (same texts, same key).
    fn pair_key(&self, (x, y): (u32, u32)) -> u64 {
        let ((ax, px), (ay, py)) = (self.index.split(x), self.index.split(y));
        let mut b = [0u8; 24];
        b[..8].copy_from_slice(&self.articles[ax].content_hash.to_le_bytes());
        b[8..12].copy_from_slice(&(px as u32).to_le_bytes());
        b[12..20].copy_from_slice(&self.articles[ay].content_hash.to_le_bytes());
        b[20..].copy_from_slice(&(py as u32).to_le_bytes());
        xxh3_64(&b)
    }

    /// Step 6: joins the pairs at or above `near_dup`; returns them with
    /// their similarity, in candidate order.
    pub(super) fn union_confirmed(
        &mut self,
        cand: &[(u32, u32)],
        sims: &[f64],
        near_dup: f64,
    ) -> Vec<((u32, u32), f64)> {
        let mut known: Vec<((u32, u32), f64)> = Vec::new();
        for (&(x, y), &s) in cand.iter().zip(sims) {
            if s >= near_dup {
                self.sets.union(x, y);
                known.push(((x, y), s));
            }
        }
        known
    }

    /// Similarity of each pair of global paragraphs (sorted pairs; exact when it
    /// reaches `floor`). Each article with a paragraph in a pair is re-read once,
    /// in batches of [`BATCH_ARTICLES`], and those paragraphs' normalised forms
    /// go to `scratch` ([`Linker::spill`]); pairs are then confirmed in rounds of
    /// [`PAIR_CHUNK`], reading back only the paragraphs of the round
    /// ([`compare_in_rounds`]). Re-reading per round
    /// instead would load an article once per round it appears in: about 30
    /// times each at 100 MB, where candidate pairs join articles at random.
    fn confirm(
        &self,
        pairs: &[(u32, u32)],
        floor: f64,
        load: &LoadArticles<'_>,
        scratch: &mut dyn Scratch,
    ) -> Vec<f64> {
        let spilled = self.spill(pairs, load, scratch);
        let (rep, unique) = distinct_form_pairs(pairs, &spilled);
        let sims = compare_in_rounds(pairs, &unique, &spilled, floor, scratch);
        rep.iter()
            .map(|&r| unique.binary_search(&r).ok().map_or(0.0, |k| sims[k]))
            .collect()
    }

    /// The paragraphs in `pairs`, grouped by article: (article, paragraphs),
    /// both sorted.
    fn wanted_by_article(&self, pairs: &[(u32, u32)]) -> Vec<(usize, Vec<usize>)> {
        let mut wanted: Vec<u32> = pairs.iter().flat_map(|&(x, y)| [x, y]).collect();
        wanted.par_sort_unstable();
        wanted.dedup();
        let mut by_article: Vec<(usize, Vec<usize>)> = Vec::new();
        for &g in &wanted {
            let (a, p) = self.index.split(g);
            match by_article.last_mut() {
                Some((last, ps)) if *last == a => ps.push(p),
                _ => by_article.push((a, vec![p])),
            }
        }
        by_article
    }

    /// Re-reads the articles of `pairs` in batches and appends their wanted
    /// paragraphs' normalised forms to `scratch`; returns where each went,
    /// sorted by paragraph (paragraphs that could not be re-read are absent).
    fn spill(
        &self,
        pairs: &[(u32, u32)],
        load: &LoadArticles<'_>,
        scratch: &mut dyn Scratch,
    ) -> Vec<Spilled> {
        let by_article = self.wanted_by_article(pairs);
        let mut spilled: Vec<Spilled> = Vec::new();
        for batch in by_article.chunks(BATCH_ARTICLES) {
            let ids: Vec<ArticleId> = batch.iter().map(|(a, _)| self.articles[*a].id).collect();
            let norms: Vec<Option<Encoded>> = batch
                .par_iter()
                .zip(load(&ids))
                .map(|((a, w), art)| spill_norms(&self.articles[*a], art, w))
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
        spilled
    }
}

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
                    Normalised::from_text(a.para_text(a.paragraphs.get(p)?)).encode(),
                ))
            })
            .collect(),
    )
}

/// Similarity is a function of the two normalised forms alone, and
/// syndicated stories repeat them (17% of the pairs at 1 GB are pairs of
/// the same two texts): each distinct pair of forms is compared once.
/// Returns each pair's representative (the first pair with its forms;
/// `u32::MAX` for pairs with a paragraph that could not be re-read, which
/// keep similarity 0) and the sorted distinct representatives.
fn distinct_form_pairs(pairs: &[(u32, u32)], spilled: &[Spilled]) -> (Vec<u32>, Vec<u32>) {
    let form = |g: u32| {
        spilled
            .binary_search_by_key(&g, |l| l.para)
            .ok()
            .map(|i| spilled[i].form)
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
    let mut rep: Vec<u32> = vec![u32::MAX; pairs.len()];
    let mut unique: Vec<u32> = Vec::new();
    for run in keyed.chunk_by(|a, b| a.0 == b.0) {
        unique.push(run[0].1);
        for &(_, i) in run {
            rep[i as usize] = run[0].1;
        }
    }
    unique.par_sort_unstable();
    (rep, unique)
}

/// Similarity of each pair `unique` names (indexes into `pairs`), in that
/// order, in rounds of [`PAIR_CHUNK`] pairs: each round reads back only its
/// paragraphs' normalised forms from `scratch`.
fn compare_in_rounds(
    pairs: &[(u32, u32)],
    unique: &[u32],
    spilled: &[Spilled],
    floor: f64,
    scratch: &dyn Scratch,
) -> Vec<f64> {
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
                let i = spilled.binary_search_by_key(&g, |l| l.para).ok()?;
                let Spilled { offset, len, .. } = spilled[i];
                Normalised::decode(&scratch.read(offset, len)).map(Ready::new)
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
    sims
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::fixtures::{
        art, keys, loader, print, summary, summary_of, A1, A1_REWORDED, B1, C1,
    };
    use crate::dedup::DEFAULT_NEAR_DUP;
    use crate::model::Article;

    /// a0: B1, A1; a1: C1, A1 reworded, A1. Global paragraphs 0, 1; 2, 3, 4.
    fn articles() -> Vec<Article> {
        vec![
            art(0, &format!("{B1}\n\n{A1}")),
            art(1, &format!("{C1}\n\n{A1_REWORDED}\n\n{A1}")),
        ]
    }

    fn none(ids: &[ArticleId]) -> Vec<Option<Article>> {
        vec![None; ids.len()]
    }

    #[test]
    fn confirm_compares_re_read_text_and_gives_0_when_unreadable() {
        let arts = articles();
        let sums: Vec<ArticleSummary> = arts.iter().map(summary).collect();
        let linker = Linker::new(&sums);
        let pairs = [(0, 2), (1, 3), (1, 4)];
        let mut scratch = Vec::new();
        let sims = linker.confirm(&pairs, DEFAULT_NEAR_DUP, &loader(&arts), &mut scratch);
        assert!(sims[0] < 0.5, "{sims:?}");
        assert!((DEFAULT_NEAR_DUP..1.0).contains(&sims[1]), "{sims:?}");
        assert_eq!(sims[2], 1.0);
        assert!(!scratch.is_empty());
        let sims = linker.confirm(&pairs, DEFAULT_NEAR_DUP, &none, &mut Vec::new());
        assert_eq!(sims, vec![0.0; 3]);
    }

    #[test]
    fn spill_writes_each_wanted_paragraph_once_in_order() {
        let arts = articles();
        let sums: Vec<ArticleSummary> = arts.iter().map(summary).collect();
        let linker = Linker::new(&sums);
        assert_eq!(
            linker.wanted_by_article(&[(1, 3), (1, 4), (0, 4)]),
            vec![(0, vec![0, 1]), (1, vec![1, 2])]
        );
        let mut scratch = Vec::new();
        let spilled = linker.spill(&[(1, 3), (1, 4)], &loader(&arts), &mut scratch);
        let paras: Vec<u32> = spilled.iter().map(|s| s.para).collect();
        assert_eq!(paras, vec![1, 3, 4]);
        // Paragraphs 1 and 4 are the same text: the same form.
        assert_eq!(spilled[0].form, spilled[2].form);
        assert_ne!(spilled[0].form, spilled[1].form);
        let back = Normalised::decode(&scratch.read(spilled[1].offset, spilled[1].len)).unwrap();
        assert_eq!(back, Normalised::from_text(A1_REWORDED));
    }

    #[test]
    fn pairs_of_the_same_forms_are_compared_once() {
        let spilled = |para: u32, form: u64| Spilled {
            para,
            offset: 0,
            len: 0,
            form,
        };
        let located = [spilled(1, 7), spilled(3, 8), spilled(4, 7), spilled(6, 8)];
        // (1, 3) and (4, 6) join the same two forms; 5 was not re-read.
        let (rep, unique) = distinct_form_pairs(&[(1, 3), (4, 6), (1, 5), (3, 4)], &located);
        assert_eq!(rep[0], rep[1]);
        assert!(rep[0] <= 1);
        assert_eq!(rep[2], u32::MAX);
        assert_eq!(rep[3], 3);
        assert_eq!(unique, vec![rep[0], 3]);
    }

    #[test]
    fn compare_in_rounds_reads_forms_back_from_the_scratch() {
        let mut scratch = Vec::new();
        let mut located = Vec::new();
        for (para, text) in [(0, A1), (1, A1_REWORDED), (2, B1)] {
            let bytes = Normalised::from_text(text).encode();
            let offset = Scratch::append(&mut scratch, &bytes);
            located.push(Spilled {
                para,
                offset,
                len: bytes.len() as u32,
                form: xxh3_64(&bytes),
            });
        }
        let pairs = [(0, 1), (0, 2), (0, 9)];
        let sims = compare_in_rounds(&pairs, &[0, 1, 2], &located, 0.0, &scratch);
        assert!(sims[0] >= DEFAULT_NEAR_DUP && sims[1] < 0.5, "{sims:?}");
        assert_eq!(sims[2], 0.0);
    }

    #[test]
    fn pair_similarities_take_known_pairs_from_the_memo() {
        let arts = articles();
        let sums: Vec<ArticleSummary> = arts.iter().map(summary).collect();
        let linker = Linker::new(&sums);
        let pairs = [(1, 3), (1, 4)];
        let mut memo = PairMemo {
            known: vec![(linker.pair_key((1, 3)), 0.9)],
            remember: true,
            fresh: Vec::new(),
        };
        let sims = linker.pair_similarities(
            &pairs,
            DEFAULT_NEAR_DUP,
            &loader(&arts),
            &mut Vec::new(),
            &mut memo,
        );
        assert_eq!(sims, vec![0.9, 1.0]);
        let mut fresh = vec![
            (linker.pair_key((1, 3)), 0.9),
            (linker.pair_key((1, 4)), 1.0),
        ];
        fresh.sort_by_key(|f| f.0);
        assert_eq!(memo.fresh, fresh);
        // Without a memo, everything is confirmed on text and nothing kept.
        let mut memo = PairMemo::default();
        let sims =
            linker.pair_similarities(&pairs, DEFAULT_NEAR_DUP, &none, &mut Vec::new(), &mut memo);
        assert_eq!(sims, vec![0.0, 0.0]);
        assert!(memo.fresh.is_empty());
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

    #[test]
    fn union_confirmed_joins_pairs_at_the_threshold() {
        let sums = vec![
            summary_of(
                0,
                vec![print(0, 1, 20, &[], false), print(1, 2, 20, &[], false)],
            ),
            summary_of(
                1,
                vec![print(0, 3, 20, &[], false), print(1, 4, 20, &[], false)],
            ),
        ];
        let mut linker = Linker::new(&sums);
        let known = linker.union_confirmed(&[(0, 2), (1, 3), (0, 3)], &[0.8, 0.5, 0.75], 0.75);
        assert_eq!(known, vec![((0, 2), 0.8), ((0, 3), 0.75)]);
        assert_eq!(linker.sets.find(3), 0);
        assert_eq!(linker.sets.find(1), 1);
    }
}
