//! One article: its paragraphs (title, content with mentions and facts,
//! dateline, wire copies, a repeat of its own, boilerplate) and their labels.

use crate::amounts::{fmt_amount, slip};
use crate::corpus::{date_of, Gen};
use crate::shares::*;
use crate::stories::{FactSpec, Format, Topic};
use crate::words::MONTHS;
use credence::model::Date;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum ParaKind {
    Title,
    Content,
    SelfRepeat,
    Wire(usize),
    Boilerplate,
}

/// One label of a paragraph: (kind, mention, expected).
pub(crate) type Label = (&'static str, String, String);

pub(crate) struct Para {
    pub(crate) text: String,
    pub(crate) kind: ParaKind,
    pub(crate) heading: bool,
    /// Labels for this paragraph: (kind, mention, expected).
    pub(crate) labels: Vec<Label>,
}

impl Gen<'_> {
    /// Writes one article of `topic` (story number `tno`):
    /// 1. source, date, title and author;
    /// 2. the title paragraph (every format but JSONL), then content
    ///    paragraphs with mentions and facts;
    /// 3. a dateline, for dateline sources;
    /// 4. copies of the story's wire paragraphs (of the wire pool, with
    ///    `--profile wire`);
    /// 5. sometimes a repeat of one of its own paragraphs;
    /// 6. the source's boilerplate (promo, most-read list, author bio);
    /// 7. the repeats' labels, then the file and its labels.
    pub(crate) fn article(&mut self, topic: &mut Topic, tno: usize) -> Result<(), String> {
        let src_no = self.rng.below(self.sources.len());
        let day = topic.center + self.rng.range(0, 14) as i64 - 7;
        let date = date_of(day);
        let title = self.title(topic);
        let (format, author_no) = {
            let s = &self.sources[src_no];
            (s.format, self.rng.below(s.authors.len()))
        };
        let mut paras: Vec<Para> = Vec::new();
        if format.has_title_para() {
            paras.push(Para {
                text: title.clone(),
                kind: ParaKind::Title,
                heading: true,
                labels: Vec::new(),
            });
        }
        self.content_paras(topic, day, &mut paras);
        if format == Format::TxtDateline {
            let first = usize::from(format.has_title_para());
            let line = dateline(&self.sources[src_no].city, date);
            paras[first].text.insert_str(0, &line);
        }
        if self.wire_pool.is_empty() {
            self.add_wire_copies(topic, format, &mut paras);
        } else {
            self.add_pool_copies(format, &mut paras);
        }
        self.add_self_repeat(&mut paras);
        let author = self.add_boilerplate(src_no, author_no, &mut paras);
        // Fix self-repeat references after later insertions: find the source
        // paragraph by text identity is not possible for near copies, so the
        // label is recomputed from the ordering of content paragraphs.
        relabel_repeats(&mut paras);
        self.write_article(src_no, tno, date, &title, &author, paras)
    }

    /// Content paragraphs with mentions and facts.
    fn content_paras(&mut self, topic: &Topic, day: i64, paras: &mut Vec<Para>) {
        let n_content = if self.wire_pool.is_empty() {
            self.rng.range(4, 9)
        } else {
            self.rng.range(1, 2)
        };
        let fact_slots = self.fact_slots(topic, n_content);
        for c in 0..n_content {
            let fact = fact_slots.iter().find(|(a, _)| *a == c).map(|(_, f)| f);
            let para = self.content_para(topic, day, fact);
            paras.push(para);
        }
    }

    /// The facts this article states, each with the content paragraph that
    /// states it (at most one fact per paragraph).
    fn fact_slots(&mut self, topic: &Topic, n_content: usize) -> Vec<(usize, FactSpec)> {
        let mut fact_slots: Vec<(usize, FactSpec)> = Vec::new();
        for f in topic.facts.clone() {
            if self.rng.chance(P_FACT) {
                let at = self.rng.below(n_content);
                if !fact_slots.iter().any(|(a, _)| *a == at) {
                    fact_slots.push((at, f));
                }
            }
        }
        fact_slots
    }

    /// A paragraph of prose, sometimes with a role+name mention, and with
    /// the statement of `fact` when given.
    fn content_para(&mut self, topic: &Topic, day: i64, fact: Option<&FactSpec>) -> Para {
        let mut text = self.prose_para(topic, 0);
        let mut labels = Vec::new();
        let mut sentences: Vec<String> = Vec::new();
        if self.rng.chance(P_MENTION) {
            if let Some((s, kind, name, expected)) = self.mention(topic, day) {
                sentences.push(s);
                labels.push((kind, name, expected));
            }
        }
        if let Some(f) = fact {
            let (sentence, label) = self.fact_statement(topic, f);
            sentences.push(sentence);
            labels.push(label);
        }
        for s in sentences {
            self.insert_sentence(&mut text, &s);
        }
        Para {
            text,
            kind: ParaKind::Content,
            heading: false,
            labels,
        }
    }

    /// A sentence stating `fact`, a 10x slip by chance (stories of 8+
    /// articles, or facts with a reference value), and its label.
    fn fact_statement(&mut self, topic: &Topic, fact: &FactSpec) -> (String, Label) {
        let style = self.rng.below(10);
        let truth = fmt_amount(fact.value, &fact.unit, style);
        let slips_ok = fact.reference || topic.size >= 8;
        let (value, kind) = if slips_ok && self.rng.chance(P_SLIP) {
            (slip(fact.value), "quantity_conflict")
        } else {
            (fact.value, "correct_quantity")
        };
        let amount = fmt_amount(value, &fact.unit, style);
        let sentence = self.fact_sentence(topic, fact, &amount);
        (sentence, (kind, amount, truth))
    }

    /// Inserts `sentence` at a sentence boundary of `text`.
    fn insert_sentence(&mut self, text: &mut String, sentence: &str) {
        let bounds: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices(". ").map(|(i, _)| i + 2))
            .collect();
        let at = *self.rng.pick(&bounds);
        if at == 0 {
            *text = format!("{sentence} {text}");
        } else {
            text.insert_str(at, &format!("{sentence} "));
        }
    }

    /// `text`, or by chance a near copy of it.
    fn maybe_near(&mut self, text: String) -> String {
        if self.rng.chance(P_NEAR) {
            if let Some(t) = self.near_copy(&text) {
                return t;
            }
        }
        text
    }

    /// Copies of the story's wire paragraphs, by chance each, just after
    /// the first body paragraph or two.
    fn add_wire_copies(&mut self, topic: &Topic, format: Format, paras: &mut Vec<Para>) {
        for (w, p) in P_WIRE.iter().enumerate() {
            if w < topic.wire.len() && self.rng.chance(*p) {
                let first = usize::from(format.has_title_para());
                let at = first + self.rng.range(1, 2).min(paras.len() - first);
                let text = self.maybe_near(topic.wire[w].clone());
                paras.insert(
                    at,
                    Para {
                        text,
                        kind: ParaKind::Wire(w),
                        heading: false,
                        labels: Vec::new(),
                    },
                );
            }
        }
    }

    /// By chance, a repeat of one of its own content paragraphs, later on.
    fn add_self_repeat(&mut self, paras: &mut Vec<Para>) {
        if !self.rng.chance(P_SELF_REPEAT) {
            return;
        }
        let content: Vec<usize> = (0..paras.len())
            .filter(|&i| paras[i].kind == ParaKind::Content)
            .collect();
        if content.len() < 2 {
            return;
        }
        let src = content[self.rng.below(content.len() - 1)];
        let at = self.rng.range(src + 2, paras.len()).min(paras.len());
        let text = self.maybe_near(paras[src].text.clone());
        paras.insert(
            at,
            Para {
                text,
                kind: ParaKind::SelfRepeat,
                heading: false,
                labels: vec![("duplicate_paragraph", String::new(), String::new())],
            },
        );
        // Expected: the first paragraph's number, fixed by `relabel_repeats`.
        let n = (src + 1).to_string();
        if let Some(l) = paras[at].labels.first_mut() {
            l.2 = format!("p{n}");
        }
    }

    /// The source's boilerplate: promo line (mid-article or at the end),
    /// most-read list, author bio. Returns the author's name.
    fn add_boilerplate(
        &mut self,
        src_no: usize,
        author_no: usize,
        paras: &mut Vec<Para>,
    ) -> String {
        let s = &self.sources[src_no];
        if let Some(p) = &s.promo {
            if s.promo_mid && paras.len() > 4 {
                paras.insert(3, boilerplate(p.clone(), false));
            } else {
                paras.push(boilerplate(p.clone(), false));
            }
        }
        if !s.most_read.is_empty() {
            paras.push(boilerplate(format!("Most read on {}", s.name), true));
            let start = self.rng.below(s.most_read.len());
            for k in 0..3 {
                let h = s.most_read[(start + k) % s.most_read.len()].clone();
                paras.push(boilerplate(h, true));
            }
        }
        let (author, bio) = s.authors[author_no].clone();
        if let Some(b) = bio {
            paras.push(boilerplate(b, false));
        }
        author
    }
}

/// A boilerplate paragraph, labelled as such.
fn boilerplate(text: String, heading: bool) -> Para {
    Para {
        text,
        kind: ParaKind::Boilerplate,
        heading,
        labels: vec![("boilerplate", String::new(), String::new())],
    }
}

/// The dateline that opens the first body paragraph of dateline sources.
fn dateline(city: &str, date: Date) -> String {
    format!(
        "{}, {} {}, {} — ",
        city.to_uppercase(),
        MONTHS[usize::from(date.month) - 1],
        date.day,
        date.year
    )
}

/// Sets each repeat's expected field to the number of the earliest
/// paragraph it copies (by normalised text, or by near copy order).
fn relabel_repeats(paras: &mut [Para]) {
    for i in 0..paras.len() {
        if paras[i].kind != ParaKind::SelfRepeat {
            continue;
        }
        let words_i: Vec<&str> = paras[i].text.split(' ').collect();
        let orig = (0..i).find(|&j| {
            let wj: Vec<&str> = paras[j].text.split(' ').collect();
            wj.len() == words_i.len()
                && wj.iter().zip(&words_i).filter(|(a, b)| a != b).count() <= 1
        });
        if let (Some(j), Some(l)) = (orig, paras[i].labels.first_mut()) {
            l.2 = format!("p{}", j + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str, kind: ParaKind) -> Para {
        Para {
            text: text.into(),
            kind,
            heading: false,
            labels: vec![("duplicate_paragraph", String::new(), "p9".into())],
        }
    }

    #[test]
    fn datelines_name_the_city_and_date() {
        let date = Date::new(2024, 3, 5).unwrap();
        assert_eq!(dateline("Lisbon", date), "LISBON, March 5, 2024 — ");
    }

    #[test]
    fn repeats_point_at_the_earliest_paragraph_they_copy() {
        let mut paras = vec![
            para("Title", ParaKind::Title),
            para("a b c d", ParaKind::Content),
            para("e f g h", ParaKind::Content),
            para("a b x d", ParaKind::SelfRepeat),
            para("z z z z z", ParaKind::SelfRepeat),
        ];
        relabel_repeats(&mut paras);
        assert_eq!(paras[3].labels[0].2, "p2", "a near copy of paragraph 2");
        assert_eq!(paras[4].labels[0].2, "p9", "no original: left as it was");
        assert_eq!(paras[1].labels[0].2, "p9", "content is not relabelled");
    }

    #[test]
    fn boilerplate_paragraphs_are_labelled() {
        let p = boilerplate("Subscribe now.".into(), true);
        assert_eq!(p.kind, ParaKind::Boilerplate);
        assert!(p.heading);
        assert_eq!(p.labels[0].0, "boilerplate");
    }
}
