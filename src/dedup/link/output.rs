//! Steps 11 to 15 of the link: marks, findings, duplicates.csv groups and
//! copy links, from the classified groups.

use super::classify::{DirectMatches, EarliestText};
use super::Linker;
use crate::dedup::fingerprint::{block_finding, TITLE_LIST_REASON};
use crate::model::{
    ArticleId, DedupOutcome, DupKind, DuplicateRow, Finding, FindingKind, LinkInput, LinkRecords,
    Marks, ParaIdx, ParaMark,
};
use std::collections::BTreeSet;

/// A paragraph repeated as boilerplate across articles. Ordered by its
/// fields in turn (paragraph first), as the link sorts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Repeat {
    /// The repeated paragraph (global number).
    pub(super) para: u32,
    /// The group's first occurrence.
    origin: u32,
    /// The first member of the group in another article than the origin's
    /// (the origin when there is none).
    other: u32,
    /// Articles the group spans.
    articles: u32,
}

impl Repeat {
    /// One repeat per member of `group` (in publication order).
    pub(super) fn of_group<'g>(
        linker: &Linker<'_>,
        group: &'g [u32],
    ) -> impl Iterator<Item = Repeat> + 'g {
        let origin = group[0];
        let origin_article = linker.index.art(origin);
        let other = group
            .iter()
            .copied()
            .find(|&g| linker.index.art(g) != origin_article)
            .unwrap_or(origin);
        let articles = group
            .iter()
            .map(|&g| linker.index.art(g))
            .collect::<BTreeSet<_>>()
            .len() as u32;
        group.iter().map(move |&g| Repeat {
            para: g,
            origin,
            other,
            articles,
        })
    }

    /// The repeat of global paragraph `g` in `repeats` (sorted, distinct).
    fn find(repeats: &[Repeat], g: u32) -> Option<Repeat> {
        repeats
            .binary_search_by_key(&g, |r| r.para)
            .ok()
            .map(|j| repeats[j])
    }
}

/// What the link reports, gathered step by step: marks and copy links in
/// memory, findings and duplicates.csv groups written out as they are made.
pub(super) struct LinkOutput {
    /// Per article, per paragraph (flat); starts as the per-article marks.
    marks: Marks,
    /// Findings and duplicates.csv groups (numbered once all are made).
    records: LinkRecords,
    /// (copy, origin) article pairs.
    copies: Vec<(ArticleId, ArticleId)>,
}

impl LinkOutput {
    /// Starts from the per-article marks (a flat copy, 1 byte a paragraph
    /// and 4 an article); findings and groups go to `records`.
    pub(super) fn new(input: &LinkInput, records: LinkRecords) -> LinkOutput {
        let starts: Vec<u32> = input.articles.iter().map(|a| a.first_para).collect();
        LinkOutput {
            marks: Marks::from_flat(input.marks.clone(), &starts),
            records,
            copies: Vec::new(),
        }
    }

    /// Step 11: the rows of a syndicated group (its origin first, then each
    /// member with the earlier paragraph it matches directly), and for each
    /// member still content, a `syndicated_paragraph` finding and copy link
    /// (or `duplicate_paragraph` when it matches its own article).
    pub(super) fn syndication_rows(
        &mut self,
        linker: &Linker<'_>,
        direct: &DirectMatches,
        group: &[u32],
    ) {
        let articles = &linker.input().articles;
        let o = group[0];
        let (oa, op) = linker.index.split(o);
        let earliest = EarliestText::of_group(linker, group);
        let mut rows = vec![DuplicateRow {
            group: 0,
            article: articles[oa].id,
            paragraph: ParaIdx(op as u32),
            line: linker.print(o).line,
            kind: DupKind::Exact,
            similarity: 1.0,
            first_article: articles[oa].id,
            first_paragraph: ParaIdx(op as u32),
            text: String::new(),
        }];
        for &g in &group[1..] {
            let (a, p) = linker.index.split(g);
            let Some((h, sim)) = direct.anchor(linker, &earliest, g) else {
                continue;
            };
            let (ha, hp) = linker.index.split(h);
            let exact = linker.exact_match(h, g);
            rows.push(DuplicateRow {
                group: 0,
                article: articles[a].id,
                paragraph: ParaIdx(p as u32),
                line: linker.print(g).line,
                kind: if exact { DupKind::Exact } else { DupKind::Near },
                similarity: sim,
                first_article: articles[ha].id,
                first_paragraph: ParaIdx(hp as u32),
                text: String::new(),
            });
            if self.marks[a][p] == ParaMark::Content {
                self.copy_finding(linker, g, h, sim, exact);
            }
        }
        if rows.len() < 2 {
            return;
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
        self.records.put_group(rows);
    }

    /// Marks `g`, a copy of the earlier `h`, and reports it: a repeat within
    /// its article, or a syndicated paragraph with a copy link.
    fn copy_finding(&mut self, linker: &Linker<'_>, g: u32, h: u32, sim: f64, exact: bool) {
        let input = linker.input();
        let articles = &input.articles;
        let ((a, p), (ha, _)) = (linker.index.split(g), linker.index.split(h));
        let reworded = if exact {
            String::new()
        } else {
            format!(", reworded (similarity {sim:.2})")
        };
        let mut f = if a == ha {
            self.marks[a][p] = ParaMark::Duplicate;
            Finding::new(articles[a].id, FindingKind::DuplicateParagraph).message(format!(
                "repeats a paragraph first seen at {}{reworded}",
                linker.para_key(h)
            ))
        } else {
            self.marks[a][p] = ParaMark::Syndicated;
            self.copies.push((articles[a].id, articles[ha].id));
            Finding::new(articles[a].id, FindingKind::SyndicatedParagraph).message(format!(
                "first published by {} ({}, {}){reworded}",
                input.key(ha),
                input.name(articles[ha].source),
                articles[ha].date
            ))
        }
        .evidence(linker.para_key(h));
        f.paragraph = Some(ParaIdx(p as u32));
        f.line = Some(linker.print(g).line);
        self.records.put_finding(&f);
    }

    /// Step 12: marks repeated boilerplate (over content and syndicated
    /// paragraphs), then grows each over its adjacent title-like content
    /// lines (labels).
    pub(super) fn mark_boilerplate(&mut self, linker: &Linker<'_>, repeats: &[Repeat]) {
        let marks = &mut self.marks;
        for r in repeats {
            let (a, p) = linker.index.split(r.para);
            if matches!(marks[a][p], ParaMark::Content | ParaMark::Syndicated) {
                marks[a][p] = ParaMark::Boilerplate;
            }
        }
        // `repeats` is sorted by global paragraph, i.e. by article then
        // paragraph: one pass (a scan of it per article was quadratic: 24 s of
        // the link on 27,548 articles).
        for r in repeats {
            let (a, p) = linker.index.split(r.para);
            let ps = linker.input().paras_of(a);
            let mut k = p;
            while k > 0 && ps[k - 1].title_like() && marks[a][k - 1] == ParaMark::Content {
                k -= 1;
                marks[a][k] = ParaMark::Boilerplate;
            }
            let mut k = p + 1;
            while k < ps.len() && ps[k].title_like() && marks[a][k] == ParaMark::Content {
                marks[a][k] = ParaMark::Boilerplate;
                k += 1;
            }
        }
    }

    /// Step 13: one finding and one duplicates.csv group per block of
    /// boilerplate ([`boilerplate_spans`]). A block that was all
    /// boilerplate before step 12, and has no repeat, keeps the finding
    /// `fingerprint` gave it. Before step 12 a paragraph was boilerplate
    /// exactly when the per-article pass marked it so (step 11 turns only
    /// content into copies), so those marks are read from the input, not
    /// kept twice.
    pub(super) fn boilerplate_blocks(
        &mut self,
        linker: &Linker<'_>,
        direct: &DirectMatches,
        repeats: &[Repeat],
    ) {
        for a in 0..self.marks.len() {
            let before = linker.input().marks_of(a);
            // The article's own findings, read back when a block needs them.
            let mut local: Option<Vec<Finding>> = None;
            for (first, last) in boilerplate_spans(&self.marks[a]) {
                let block: Vec<usize> = (first..=last)
                    .filter(|&x| self.marks[a][x] == ParaMark::Boilerplate)
                    .collect();
                let block = Block {
                    article: a,
                    paras: &block,
                    last,
                };
                let finding = block.finding(linker, repeats, before, &mut local);
                self.records.put_finding(&finding);
                self.records.put_group(block.rows(linker, direct, repeats));
            }
        }
    }

    /// Step 14: the within-article findings and groups `fingerprint` found,
    /// except groups with a paragraph in a cross-article group.
    pub(super) fn local_groups(&mut self, linker: &Linker<'_>, in_cross: &[bool]) {
        let input = linker.input();
        for a in 0..input.len() {
            if !input.articles[a].local_repeats {
                continue;
            }
            let (findings, rows) = input.local(a);
            for f in findings
                .iter()
                .filter(|f| f.kind == FindingKind::DuplicateParagraph)
            {
                self.records.put_finding(f);
            }
            let mut local: Vec<&DuplicateRow> = rows
                .iter()
                .filter(|r| r.kind != DupKind::Boilerplate)
                .collect();
            local.sort_by_key(|r| (r.group, r.paragraph));
            for run in local.chunk_by(|x, y| x.group == y.group) {
                if run
                    .iter()
                    .any(|r| in_cross[linker.index.global(a, r.paragraph.0 as usize) as usize])
                {
                    continue;
                }
                self.records
                    .put_group(run.iter().map(|r| (*r).clone()).collect());
            }
        }
    }

    /// Step 15: the findings and groups put in report order (groups
    /// numbered by their first row's article, paragraph and kind; findings
    /// by article, paragraph, kind and evidence: [`LinkRecords::finish`]),
    /// the copy links sorted. The outcome holds marks and copy links; its
    /// findings and rows are in the records.
    pub(super) fn finish(self) -> (DedupOutcome, LinkRecords) {
        let LinkOutput {
            marks,
            mut records,
            mut copies,
        } = self;
        records.finish();
        copies.sort_unstable();
        copies.dedup();
        let outcome = DedupOutcome {
            marks,
            findings: Vec::new(),
            rows: Vec::new(),
            copies,
        };
        (outcome, records)
    }
}

/// The blocks of one article's marks: from a boilerplate paragraph to the
/// last boilerplate one reached over boilerplate and repeats (inclusive).
fn boilerplate_spans(marks: &[ParaMark]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < marks.len() {
        if marks[i] != ParaMark::Boilerplate {
            i += 1;
            continue;
        }
        let mut e = i;
        let mut k = i + 1;
        while k < marks.len() && matches!(marks[k], ParaMark::Boilerplate | ParaMark::Duplicate) {
            if marks[k] == ParaMark::Boilerplate {
                e = k;
            }
            k += 1;
        }
        spans.push((i, e));
        i = e + 1;
    }
    spans
}

/// One block of boilerplate in one article.
struct Block<'b> {
    article: usize,
    /// Its boilerplate paragraphs (the repeats inside it left out).
    paras: &'b [usize],
    /// Its last paragraph.
    last: usize,
}

impl Block<'_> {
    fn id(&self, linker: &Linker<'_>) -> ArticleId {
        linker.input().articles[self.article].id
    }

    /// The repeat (if any) of paragraph `p` of the block's article.
    fn repeat_of(&self, linker: &Linker<'_>, repeats: &[Repeat], p: usize) -> Option<Repeat> {
        Repeat::find(repeats, linker.index.global(self.article, p))
    }

    /// The block's `boilerplate` finding: the one `fingerprint` gave a block
    /// that was all structural boilerplate (`before`), else a new one naming
    /// another article with the first repeat, or the structural reason.
    /// `local` holds the article's own findings once read.
    fn finding(
        &self,
        linker: &Linker<'_>,
        repeats: &[Repeat],
        before: &[ParaMark],
        local: &mut Option<Vec<Finding>>,
    ) -> Finding {
        let ps = linker.input().paras_of(self.article);
        let (i, e) = (self.paras[0], self.last);
        let first_repeat = self
            .paras
            .iter()
            .find_map(|&p| self.repeat_of(linker, repeats, p));
        let structural_only = first_repeat.is_none()
            && self
                .paras
                .iter()
                .all(|&p| before[p] == ParaMark::Boilerplate);
        let reused = if structural_only {
            local
                .get_or_insert_with(|| linker.input().local(self.article).0)
                .iter()
                .find(|f| {
                    f.kind == FindingKind::Boilerplate && f.paragraph == Some(ParaIdx(i as u32))
                })
                .filter(|f| f.line == Some(ps[i].line))
                .cloned()
        } else {
            None
        };
        if let Some(f) = reused {
            return f;
        }
        let (reason, evidence) = match first_repeat {
            Some(r) => {
                let ev = if linker.index.art(r.origin) == self.article {
                    r.other
                } else {
                    r.origin
                };
                (
                    format!("repeated in {} articles (bio, promo or notice)", r.articles),
                    linker.para_key(ev),
                )
            }
            None => (TITLE_LIST_REASON.to_string(), String::new()),
        };
        block_finding(
            self.id(linker),
            (ParaIdx(i as u32), ps[i].line),
            ps[e].line,
            self.paras.len(),
            &reason,
            evidence,
        )
    }

    /// The block's duplicates.csv rows: each paragraph with its repeat's
    /// origin and direct similarity, or the block's first paragraph.
    fn rows(
        &self,
        linker: &Linker<'_>,
        direct: &DirectMatches,
        repeats: &[Repeat],
    ) -> Vec<DuplicateRow> {
        let ps = linker.input().paras_of(self.article);
        let id = self.id(linker);
        let i = self.paras[0];
        self.paras
            .iter()
            .map(|&p| {
                let g = linker.index.global(self.article, p);
                let (fa, fp, sim) = match self.repeat_of(linker, repeats, p) {
                    Some(r) => {
                        let (oa, op) = linker.index.split(r.origin);
                        (
                            linker.article(oa).id,
                            ParaIdx(op as u32),
                            direct.similarity_to(linker, r.origin, g),
                        )
                    }
                    None => (id, ParaIdx(i as u32), 1.0),
                };
                DuplicateRow {
                    group: 0,
                    article: id,
                    paragraph: ParaIdx(p as u32),
                    line: ps[p].line,
                    kind: DupKind::Boilerplate,
                    similarity: sim,
                    first_article: fa,
                    first_paragraph: fp,
                    text: String::new(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::fixtures::{art, print, summary, summary_of, A1, B1};
    use crate::model::ArticleSummary;

    /// Article `id`: a long body paragraph, a title line, a bio (exact text
    /// 7, shared), a title line (global 4 * id + p).
    fn article(id: u32) -> ArticleSummary {
        let base = 100 * u64::from(id);
        summary_of(
            id,
            vec![
                print(0, base + 1, 40, &[], false),
                print(1, base + 2, 3, &[], true),
                print(2, 7, 20, &[], false),
                print(3, base + 3, 3, &[], true),
            ],
        )
    }

    #[test]
    fn repeats_of_a_group_name_its_origin_and_another_article() {
        let sums = vec![article(0), article(1), article(2)];
        let linker = Linker::new(&sums);
        let got: Vec<Repeat> = Repeat::of_group(&linker, &[2, 0, 10]).collect();
        let expect = |para| Repeat {
            para,
            origin: 2,
            other: 10,
            articles: 2,
        };
        assert_eq!(got, vec![expect(2), expect(0), expect(10)]);
        assert_eq!(Repeat::find(&got[2..], 10), Some(expect(10)));
        assert_eq!(Repeat::find(&got[2..], 2), None);
    }

    #[test]
    fn syndication_rows_mark_copies_and_link_them_to_their_origin() {
        let mut sums = vec![article(0), article(1)];
        sums[1].source = "elsewhere".into();
        let linker = Linker::new(&sums);
        let direct = DirectMatches::new(&linker, vec![((0, 4), 0.9)]);
        let mut out = LinkOutput::new(&LinkInput::of(&sums), LinkRecords::default());
        out.syndication_rows(&linker, &direct, &[0, 4]);
        assert_eq!(out.marks[1][0], ParaMark::Syndicated);
        assert_eq!(out.marks[0][0], ParaMark::Content);
        assert_eq!(out.copies, vec![(ArticleId(1), ArticleId(0))]);
        assert_eq!(
            kinds(&out.made_findings()),
            vec![(1, FindingKind::SyndicatedParagraph, Some(1))]
        );
        assert_eq!(out.made_findings()[0].evidence, "a0.txt#p1");
        assert!(out.made_findings()[0]
            .message
            .ends_with("reworded (similarity 0.90)"));
        let groups = out.made_groups();
        let group = &groups[0];
        assert_eq!(group.len(), 2);
        assert_eq!(
            group[0].kind,
            DupKind::Near,
            "the origin takes the copies' kind"
        );
        assert_eq!(
            (group[1].first_article, group[1].similarity),
            (ArticleId(0), 0.9)
        );
        // A member with no direct match earlier makes no row; a group left
        // with its origin alone is dropped.
        let mut out = LinkOutput::new(&LinkInput::of(&sums), LinkRecords::default());
        out.syndication_rows(&linker, &direct, &[0, 5]);
        assert!(out.made_groups().is_empty() && out.made_findings().is_empty());
    }

    impl LinkOutput {
        fn made_findings(&self) -> Vec<Finding> {
            self.records.findings_as_made()
        }
        fn made_groups(&self) -> Vec<Vec<DuplicateRow>> {
            self.records.groups_as_made()
        }
    }

    fn kinds(fs: &[Finding]) -> Vec<(u32, FindingKind, Option<u32>)> {
        crate::dedup::fixtures::kinds(fs)
    }

    #[test]
    fn mark_boilerplate_grows_over_adjacent_title_lines() {
        let sums = vec![article(0), article(1)];
        let linker = Linker::new(&sums);
        let mut out = LinkOutput::new(&LinkInput::of(&sums), LinkRecords::default());
        out.marks[1][3] = ParaMark::Duplicate;
        let repeats: Vec<Repeat> = Repeat::of_group(&linker, &[2, 6]).collect();
        out.mark_boilerplate(&linker, &repeats);
        use ParaMark::*;
        assert_eq!(
            out.marks[0],
            vec![Content, Boilerplate, Boilerplate, Boilerplate]
        );
        assert_eq!(
            out.marks[1],
            vec![Content, Boilerplate, Boilerplate, Duplicate]
        );
    }

    #[test]
    fn boilerplate_spans_run_over_repeats_to_the_last_boilerplate() {
        use ParaMark::*;
        let marks = [
            Content,
            Boilerplate,
            Duplicate,
            Boilerplate,
            Duplicate,
            Content,
            Boilerplate,
        ];
        assert_eq!(boilerplate_spans(&marks), vec![(1, 3), (6, 6)]);
        assert_eq!(boilerplate_spans(&[Content, Duplicate]), vec![]);
    }

    #[test]
    fn boilerplate_blocks_report_one_finding_and_group_per_block() {
        let sums = vec![article(0), article(1)];
        let linker = Linker::new(&sums);
        let direct = DirectMatches::new(&linker, Vec::new());
        let mut out = LinkOutput::new(&LinkInput::of(&sums), LinkRecords::default());
        let repeats: Vec<Repeat> = Repeat::of_group(&linker, &[2, 6]).collect();
        out.mark_boilerplate(&linker, &repeats);
        out.boilerplate_blocks(&linker, &direct, &repeats);
        assert_eq!(
            kinds(&out.made_findings()),
            vec![
                (0, FindingKind::Boilerplate, Some(2)),
                (1, FindingKind::Boilerplate, Some(2))
            ]
        );
        assert!(out.made_findings()[0].message.starts_with(
            "3 paragraphs (lines 2-4) not part of the article: repeated in 2 articles"
        ));
        assert_eq!(out.made_findings()[0].evidence, "a1.txt#p3");
        assert_eq!(out.made_findings()[1].evidence, "a0.txt#p3");
        let rows: Vec<_> = out.made_groups()[1]
            .iter()
            .map(|r| {
                (
                    r.paragraph.number(),
                    r.first_article.0,
                    r.first_paragraph.number(),
                    r.similarity,
                )
            })
            .collect();
        assert_eq!(rows, vec![(2, 1, 2, 1.0), (3, 0, 3, 1.0), (4, 1, 2, 1.0)]);
    }

    #[test]
    fn structural_blocks_keep_the_finding_fingerprint_gave_them() {
        let text = format!(
            "{A1} {B1}\n\nRelated stories\nStocks Rally As Fed Holds Rates\nOil Prices Hold Firm Ahead of Talks\nGold Steady As Dollar Slips\nMarkets Await Jobs Data"
        );
        let sums = vec![summary(&art(0, &text))];
        let linker = Linker::new(&sums);
        let mut out = LinkOutput::new(&LinkInput::of(&sums), LinkRecords::default());
        out.mark_boilerplate(&linker, &[]);
        out.boilerplate_blocks(&linker, &DirectMatches::new(&linker, Vec::new()), &[]);
        assert_eq!(out.made_findings(), sums[0].prints.findings);
        assert_eq!(out.made_groups()[0].len(), 5);
    }

    #[test]
    fn local_groups_leave_out_groups_with_a_cross_member() {
        let sums = vec![summary(&art(0, &format!("{A1}\n\n{B1}\n\n{A1}")))];
        let linker = Linker::new(&sums);
        let mut out = LinkOutput::new(&LinkInput::of(&sums), LinkRecords::default());
        out.local_groups(&linker, &[false; 3]);
        assert_eq!(out.made_groups(), vec![sums[0].prints.rows.clone()]);
        assert_eq!(
            kinds(&out.made_findings()),
            vec![(0, FindingKind::DuplicateParagraph, Some(3))]
        );
        let mut out = LinkOutput::new(&LinkInput::of(&sums), LinkRecords::default());
        out.local_groups(&linker, &[true, false, false]);
        assert!(out.made_groups().is_empty());
        assert_eq!(out.made_findings().len(), 1);
    }

    #[test]
    fn finish_sorts_findings_and_copy_links() {
        let sums = vec![article(0), article(1)];
        let mut out = LinkOutput::new(&LinkInput::of(&sums), LinkRecords::default());
        out.copies = vec![
            (ArticleId(1), ArticleId(0)),
            (ArticleId(0), ArticleId(1)),
            (ArticleId(1), ArticleId(0)),
        ];
        for f in [
            Finding::new(ArticleId(1), FindingKind::Boilerplate),
            Finding::new(ArticleId(0), FindingKind::Boilerplate).evidence("b"),
            Finding::new(ArticleId(0), FindingKind::Boilerplate).evidence("a"),
        ] {
            out.records.put_finding(&f);
        }
        let (done, records) = out.finish();
        assert_eq!(
            done.copies,
            vec![(ArticleId(0), ArticleId(1)), (ArticleId(1), ArticleId(0))]
        );
        let findings = records.all_findings();
        let order: Vec<(u32, &str)> = findings
            .iter()
            .map(|f| (f.article.0, f.evidence.as_str()))
            .collect();
        assert_eq!(order, vec![(0, "a"), (0, "b"), (1, "")]);
        assert_eq!(done.marks.len(), 2);
    }
}
