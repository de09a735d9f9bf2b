//! `--profile wire`: a wire-heavy corpus. A small pool of agency paragraphs
//! ([`WIRE_POOL`]) is carried by most articles, each copy lightly reworded:
//! sentence order shuffled, its figure restyled or (a labelled 10x slip)
//! changed, a sentence sometimes appended. Articles are short (a title, one
//! to three paragraphs of their own, one or two wire copies, the source's
//! boilerplate) and only .txt, .md and .jsonl.

use crate::amounts::{fmt_amount, slip};
use crate::article::{Label, Para, ParaKind};
use crate::corpus::Gen;
use crate::shares::P_SLIP;
use crate::stories::{FactSpec, Format, Topic};
use crate::vocab::fill;

/// Distinct wire paragraphs in the pool.
pub(crate) const WIRE_POOL: usize = 150;
/// Formats of a wire corpus (no HTML pages).
pub(crate) const WIRE_FORMATS: [Format; 4] = [
    Format::TxtManifest,
    Format::TxtDateline,
    Format::Markdown,
    Format::Jsonl,
];
/// Bytes per article, to size the source list.
pub(crate) const WIRE_ARTICLE_BYTES: u64 = 1800;
/// `wire_seen` story number of the pool (real stories count from 1).
const POOL_STORY: usize = 0;
/// Chance that a copy's sentences are shuffled.
const P_SHUFFLE: f64 = 0.5;
/// Chance that a copy has one more sentence at its end.
const P_APPEND: f64 = 0.3;
/// Chance that an article carries a second wire paragraph.
const P_SECOND: f64 = 0.5;
/// Stands for the figure in a wire sentence until a copy restyles it.
const FIGURE: &str = "\u{1}";

/// One wire paragraph: its story (for appended sentences), its sentences
/// (one states `fact`, its figure left as [`FIGURE`]) and that fact.
pub(crate) struct WireItem {
    topic: Topic,
    sentences: Vec<String>,
    fact: Option<FactSpec>,
}

impl Gen<'_> {
    /// Writes the wire pool: [`WIRE_POOL`] paragraphs of four to six
    /// sentences and at least 40 words, most of them stating a figure.
    pub(crate) fn make_wire_pool(&mut self) {
        for _ in 0..WIRE_POOL {
            let topic = self.new_topic();
            let mut sentences: Vec<String> = Vec::new();
            let target = self.rng.range(4, 6);
            while sentences.len() < target || word_count(&sentences) < 40 {
                let t = self.rng.w(&self.v.prose);
                sentences.push(fill(&mut self.rng, &self.v, t, &topic, &[]));
            }
            let fact = topic.facts.first().cloned();
            if let Some(f) = &fact {
                let s = self.fact_sentence(&topic, f, FIGURE);
                let at = self.rng.below(sentences.len() + 1);
                sentences.insert(at, s);
            }
            self.wire_pool.push(WireItem {
                topic,
                sentences,
                fact,
            });
        }
    }

    /// One or two copies of pool paragraphs, just after the article's first
    /// paragraph of its own.
    pub(crate) fn add_pool_copies(&mut self, format: Format, paras: &mut Vec<Para>) {
        let n = if self.rng.chance(P_SECOND) { 2 } else { 1 };
        let mut taken: Vec<usize> = Vec::new();
        for _ in 0..n {
            let w = self.rng.below(self.wire_pool.len());
            if taken.contains(&w) {
                continue;
            }
            taken.push(w);
            let (text, labels) = self.wire_copy(w);
            let first = usize::from(format.has_title_para());
            let at = (first + 1 + taken.len() - 1).min(paras.len());
            paras.insert(
                at,
                Para {
                    text,
                    kind: ParaKind::Wire(w),
                    heading: false,
                    labels,
                },
            );
        }
    }

    /// A lightly reworded copy of pool paragraph `w`, with the label of its
    /// figure.
    fn wire_copy(&mut self, w: usize) -> (String, Vec<Label>) {
        let mut sentences = self.wire_pool[w].sentences.clone();
        if self.rng.chance(P_SHUFFLE) {
            for i in (1..sentences.len()).rev() {
                let j = self.rng.below(i + 1);
                sentences.swap(i, j);
            }
        }
        if self.rng.chance(P_APPEND) {
            let t = self.rng.w(&self.v.prose);
            let topic = &self.wire_pool[w].topic;
            sentences.push(fill(&mut self.rng, &self.v, t, topic, &[]));
        }
        let mut labels = Vec::new();
        let mut text = sentences.join(" ");
        if let Some(f) = self.wire_pool[w].fact.clone() {
            let style = self.rng.below(10);
            let truth = fmt_amount(f.value, &f.unit, style);
            let (value, kind) = if self.rng.chance(P_SLIP) {
                (slip(f.value), "quantity_conflict")
            } else {
                (f.value, "correct_quantity")
            };
            let amount = fmt_amount(value, &f.unit, style);
            text = text.replace(FIGURE, &amount);
            labels.push((kind, amount, truth));
        }
        (text, labels)
    }

    /// The `wire_seen` key of pool paragraph `w` (see `write_labels`).
    pub(crate) fn wire_key(&self, tno: usize, w: usize) -> (usize, usize) {
        if self.wire_pool.is_empty() {
            (tno, w)
        } else {
            (POOL_STORY, w)
        }
    }
}

fn word_count(sentences: &[String]) -> usize {
    sentences.iter().map(|s| s.split_whitespace().count()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_counts_add_up_over_sentences() {
        assert_eq!(word_count(&["a b.".into(), "c d e.".into()]), 5);
        assert_eq!(word_count(&[]), 0);
    }
}
