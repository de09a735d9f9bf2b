//! What the dedup link reports beyond marks and copy links: its findings
//! and its duplicates.csv groups, each written to scratch space the moment
//! it is made (postcard), with a small index in memory (16 bytes per finding
//! and per group), sorted once the link is done. Read back in report order:
//! findings by (article, paragraph, kind, evidence), groups numbered by
//! their first row's (article, paragraph, kind), as a link held in memory
//! would order them.

use super::{ArticleId, DuplicateRow, Finding, ParaIdx, Scratch};

/// Where the records go: a temporary file in the run, or memory.
type Store = Box<dyn Scratch + Send>;

/// Where one record lies in the store and the kind that orders it, in 8
/// bytes: its offset in the top [`AT_BITS`] bits, its length in the next
/// [`LEN_BITS`], the kind's number in the low 8 (a kind's number orders
/// as the kind does). A record that does not fit (an offset past 1 TiB, a
/// length of 64 KiB or more: a large duplicates.csv group) has its place
/// in [`LinkRecords`]' `long` table instead, its number there in the top
/// bits and the length bits all set.
#[derive(Clone, Copy, Debug)]
struct Loc(u64);

const LEN_BITS: u32 = 16;
const AT_BITS: u32 = 64 - LEN_BITS - 8;
/// The length bits of a record whose place is in the `long` table.
const LONG: u64 = (1 << LEN_BITS) - 1;

/// (offset, length) of records that do not fit a [`Loc`].
type Long = Vec<(u64, u32)>;

impl Loc {
    fn new(at: u64, len: u32, kind: u8, long: &mut Long) -> Loc {
        let (x, l) = if u64::from(len) < LONG && at < 1 << AT_BITS {
            (at, u64::from(len))
        } else {
            long.push((at, len));
            ((long.len() - 1) as u64, LONG)
        };
        Loc(x << (LEN_BITS + 8) | l << 8 | u64::from(kind))
    }

    fn kind(self) -> u8 {
        self.0 as u8
    }

    /// (offset, length) of the record.
    fn place(self, long: &[(u64, u32)]) -> (u64, u32) {
        let x = self.0 >> (LEN_BITS + 8);
        match (self.0 >> 8) & LONG {
            LONG => long.get(x as usize).copied().unwrap_or_default(),
            l => (x, l as u32),
        }
    }
}

/// Where one finding lies, with what orders it (its evidence is read back
/// only to break a tie): 16 bytes.
#[derive(Clone, Copy, Debug)]
struct FindingAt {
    loc: Loc,
    article: ArticleId,
    /// 0 for none, else its paragraph + 1 (no paragraph sorts first).
    para: u32,
}

impl FindingAt {
    /// (article, paragraph, kind).
    fn key(&self) -> (ArticleId, u32, u8) {
        (self.article, self.para, self.loc.kind())
    }
}

/// Where one duplicates.csv group lies, with its first row's key: 16 bytes.
#[derive(Clone, Copy, Debug)]
struct GroupAt {
    loc: Loc,
    article: ArticleId,
    para: ParaIdx,
}

impl GroupAt {
    /// Its first row's (article, paragraph, kind).
    fn key(&self) -> (ArticleId, ParaIdx, u8) {
        (self.article, self.para, self.loc.kind())
    }
}

/// The link's findings and duplicates.csv groups, in scratch space.
/// Written with [`LinkRecords::put_finding`] and [`LinkRecords::put_group`],
/// then [`LinkRecords::finish`]ed, then read.
pub struct LinkRecords {
    store: Store,
    findings: Vec<FindingAt>,
    groups: Vec<GroupAt>,
    /// Where the records that do not fit a [`Loc`] lie.
    long: Long,
    finished: bool,
}

impl Default for LinkRecords {
    /// Records kept in memory (tests, tools).
    fn default() -> Self {
        LinkRecords::new(Box::new(Vec::<u8>::new()))
    }
}

impl LinkRecords {
    /// Records written to `store`.
    pub fn new(store: Store) -> LinkRecords {
        LinkRecords {
            store,
            findings: Vec::new(),
            groups: Vec::new(),
            long: Vec::new(),
            finished: false,
        }
    }

    /// Writes one finding out.
    pub fn put_finding(&mut self, f: &Finding) {
        assert!(!self.finished, "link records are written, then read");
        let bytes = postcard::to_allocvec(f).unwrap_or_default();
        let at = self.store.append(&bytes);
        self.findings.push(FindingAt {
            loc: Loc::new(at, bytes.len() as u32, f.kind as u8, &mut self.long),
            article: f.article,
            para: f.paragraph.map_or(0, |p| p.0.saturating_add(1)),
        });
    }

    /// Writes one group out, its rows by (article, paragraph); an empty
    /// group is left out.
    pub fn put_group(&mut self, mut rows: Vec<DuplicateRow>) {
        assert!(!self.finished, "link records are written, then read");
        rows.sort_by_key(|r| (r.article, r.paragraph));
        let Some(first) = rows.first() else { return };
        let (article, para, kind) = (first.article, first.paragraph, first.kind);
        let bytes = postcard::to_allocvec(&rows).unwrap_or_default();
        let at = self.store.append(&bytes);
        self.groups.push(GroupAt {
            loc: Loc::new(at, bytes.len() as u32, kind as u8, &mut self.long),
            article,
            para,
        });
    }

    /// Ends the writing and puts both indexes in report order (records
    /// with equal keys stay in the order they were made: their place in
    /// the store breaks the tie, so the sorts need no buffer).
    pub fn finish(&mut self) {
        if self.finished {
            return;
        }
        self.store.finish();
        self.finished = true;
        self.findings.shrink_to_fit();
        self.groups.shrink_to_fit();
        self.long.shrink_to_fit();
        let long = &self.long;
        self.findings
            .sort_unstable_by_key(|f| (f.key(), f.loc.place(long).0));
        self.groups
            .sort_unstable_by_key(|g| (g.key(), g.loc.place(long).0));
        self.order_ties_by_evidence();
    }

    /// Runs of findings with the same (article, paragraph, kind), read
    /// back and put in evidence order (rare: a paragraph seldom has two
    /// findings of one kind).
    fn order_ties_by_evidence(&mut self) {
        let mut start = 0;
        while start < self.findings.len() {
            let key = self.findings[start].key();
            let end = start
                + self.findings[start..]
                    .iter()
                    .take_while(|f| f.key() == key)
                    .count();
            if end - start > 1 {
                let mut run: Vec<(String, FindingAt)> = self.findings[start..end]
                    .iter()
                    .map(|&at| (self.read_finding(at).map(|f| f.evidence), at))
                    .map(|(ev, at)| (ev.unwrap_or_default(), at))
                    .collect();
                run.sort_by(|x, y| x.0.cmp(&y.0));
                for (slot, (_, at)) in self.findings[start..end].iter_mut().zip(run) {
                    *slot = at;
                }
            }
            start = end;
        }
    }

    fn read_finding(&self, f: FindingAt) -> Option<Finding> {
        postcard::from_bytes(&self.read(f.loc)).ok()
    }

    fn read(&self, loc: Loc) -> Vec<u8> {
        let (at, len) = loc.place(&self.long);
        self.store.read(at, len)
    }

    /// Findings written.
    pub fn findings_len(&self) -> usize {
        self.findings.len()
    }

    /// Groups written (empty ones left out).
    pub fn groups_len(&self) -> usize {
        self.groups.len()
    }

    /// Finding `i` in report order; `None` past the end or when it cannot
    /// be read back.
    pub fn finding(&self, i: usize) -> Option<Finding> {
        debug_assert!(self.finished, "finish() before reading");
        self.read_finding(*self.findings.get(i)?)
    }

    /// The findings of article `id`, read back; `next` is the first
    /// finding not yet passed (articles are asked for in ascending order).
    /// `None` when one cannot be read back.
    pub fn findings_of(&self, id: ArticleId, next: &mut usize) -> Option<Vec<Finding>> {
        while self.findings.get(*next).is_some_and(|f| f.article < id) {
            *next += 1;
        }
        let mut out = Vec::new();
        while self.findings.get(*next).is_some_and(|f| f.article == id) {
            out.push(self.finding(*next)?);
            *next += 1;
        }
        Some(out)
    }

    /// Group `i` (numbered `i + 1`), its rows by (article, paragraph);
    /// `None` past the end or when it cannot be read back.
    pub fn group(&self, i: usize) -> Option<Vec<DuplicateRow>> {
        debug_assert!(self.finished, "finish() before reading");
        let g = self.groups.get(i)?;
        let mut rows: Vec<DuplicateRow> = postcard::from_bytes(&self.read(g.loc)).ok()?;
        for r in &mut rows {
            r.group = i as u32 + 1;
        }
        Some(rows)
    }

    /// Every finding in report order (those that cannot be read back left
    /// out).
    pub fn all_findings(&self) -> Vec<Finding> {
        (0..self.findings_len())
            .filter_map(|i| self.finding(i))
            .collect()
    }

    /// Every duplicates.csv row, groups numbered in order (groups that
    /// cannot be read back left out).
    pub fn all_rows(&self) -> Vec<DuplicateRow> {
        (0..self.groups_len())
            .filter_map(|i| self.group(i))
            .flatten()
            .collect()
    }

    /// The findings as written, before any sorting (tests of the link's
    /// steps).
    pub fn findings_as_made(&self) -> Vec<Finding> {
        let mut made = self.findings.clone();
        made.sort_by_key(|f| f.loc.place(&self.long).0);
        made.into_iter()
            .filter_map(|at| self.read_finding(at))
            .collect()
    }

    /// The groups as written, before numbering (tests of the link's steps).
    pub fn groups_as_made(&self) -> Vec<Vec<DuplicateRow>> {
        let mut made = self.groups.clone();
        made.sort_by_key(|g| g.loc.place(&self.long).0);
        made.into_iter()
            .filter_map(|g| postcard::from_bytes(&self.read(g.loc)).ok())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DupKind, FindingKind};

    fn finding(article: u32, para: Option<u32>, kind: FindingKind, ev: &str) -> Finding {
        let mut f = Finding::new(ArticleId(article), kind).evidence(ev);
        f.paragraph = para.map(ParaIdx);
        f
    }

    fn row(article: u32, paragraph: u32, kind: DupKind) -> DuplicateRow {
        DuplicateRow {
            group: 0,
            article: ArticleId(article),
            paragraph: ParaIdx(paragraph),
            line: paragraph + 1,
            kind,
            similarity: 1.0,
            first_article: ArticleId(article),
            first_paragraph: ParaIdx(paragraph),
            text: String::new(),
        }
    }

    /// The order the link gave when it held its findings in memory.
    fn sorted_in_memory(mut fs: Vec<Finding>) -> Vec<Finding> {
        fs.sort_by(|x, y| {
            (x.article, x.paragraph, x.kind, &x.evidence).cmp(&(
                y.article,
                y.paragraph,
                y.kind,
                &y.evidence,
            ))
        });
        fs
    }

    #[test]
    fn findings_come_back_in_the_order_an_in_memory_sort_gives() {
        use FindingKind::*;
        let made = vec![
            finding(2, Some(0), SyndicatedParagraph, "z"),
            finding(0, Some(3), Boilerplate, "b"),
            finding(0, None, Boilerplate, "q"),
            finding(0, Some(3), Boilerplate, "a"),
            finding(0, Some(3), DuplicateParagraph, "c").message("first"),
            finding(0, Some(3), DuplicateParagraph, "c").message("second"),
            finding(1, Some(0), Boilerplate, ""),
            finding(0, Some(0), Boilerplate, "x"),
        ];
        let mut records = LinkRecords::default();
        made.iter().for_each(|f| records.put_finding(f));
        assert_eq!(records.findings_as_made(), made);
        records.finish();
        let expected = sorted_in_memory(made);
        assert_eq!(records.all_findings(), expected);
        // Equal in every key: the order made is kept.
        let at = |m: &str| expected.iter().position(|f| f.message == m);
        assert!(at("first") < at("second") && at("first").is_some());
        let mut next = 0;
        let of = |id, next: &mut usize| records.findings_of(ArticleId(id), next).unwrap();
        assert_eq!(of(0, &mut next), expected[..6].to_vec());
        assert_eq!(of(1, &mut next), expected[6..7].to_vec());
        assert_eq!(of(2, &mut next), expected[7..].to_vec());
        assert_eq!(of(3, &mut next), Vec::new());
    }

    #[test]
    fn groups_are_numbered_by_first_row_then_kind_and_empty_ones_dropped() {
        let mut records = LinkRecords::default();
        records.put_group(vec![row(1, 0, DupKind::Exact), row(0, 4, DupKind::Exact)]);
        records.put_group(vec![]);
        records.put_group(vec![row(0, 4, DupKind::Boilerplate)]);
        records.put_group(vec![row(0, 2, DupKind::Near)]);
        records.put_group(vec![row(0, 4, DupKind::Exact).with_line(9)]);
        records.finish();
        assert_eq!(records.groups_len(), 4);
        let got: Vec<(u32, u32, u32, u32)> = records
            .all_rows()
            .iter()
            .map(|r| (r.group, r.article.0, r.paragraph.0, r.line))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, 0, 2, 3),
                (2, 0, 4, 5),
                (2, 1, 0, 1),
                (3, 0, 4, 9),
                (4, 0, 4, 5)
            ]
        );
        assert_eq!(records.group(4), None);
    }

    #[test]
    fn records_in_a_scratch_that_loses_them_read_back_as_none() {
        /// A scratch that keeps nothing.
        struct Lossy;
        impl Scratch for Lossy {
            fn append(&mut self, _: &[u8]) -> u64 {
                0
            }
            fn read(&self, _: u64, _: u32) -> Vec<u8> {
                Vec::new()
            }
        }
        let mut records = LinkRecords::new(Box::new(Lossy));
        records.put_finding(&finding(0, None, FindingKind::Boilerplate, ""));
        records.put_group(vec![row(0, 0, DupKind::Exact)]);
        records.finish();
        assert_eq!(records.finding(0), None);
        assert_eq!(records.findings_of(ArticleId(0), &mut 0), None);
        assert_eq!(records.group(0), None);
    }

    #[test]
    fn records_too_long_for_the_index_keep_their_place_aside() {
        let mut records = LinkRecords::default();
        let big: Vec<DuplicateRow> = (0..20_000).map(|p| row(3, p, DupKind::Near)).collect();
        records.put_group(vec![row(5, 0, DupKind::Exact)]);
        records.put_group(big.clone());
        records.put_group(vec![row(3, 0, DupKind::Exact)]);
        records.put_finding(&finding(1, None, FindingKind::Boilerplate, "x"));
        assert_eq!(records.long.len(), 1);
        records.finish();
        let first: Vec<(u32, u32, usize)> = (0..3)
            .map(|i| records.group(i).unwrap())
            .map(|g| (g[0].article.0, g[0].paragraph.0, g.len()))
            .collect();
        assert_eq!(first, vec![(3, 0, 1), (3, 0, 20_000), (5, 0, 1)]);
        assert_eq!(records.group(1).unwrap()[19_999].paragraph, ParaIdx(19_999));
        assert_eq!(records.finding(0).unwrap().evidence, "x");
        let mut long = Long::new();
        let far = Loc::new(1 << AT_BITS, 10, 7, &mut long);
        assert_eq!((far.place(&long), far.kind()), ((1 << AT_BITS, 10), 7));
        let near = Loc::new(123, 45, 2, &mut long);
        assert_eq!(
            (near.place(&long), near.kind(), long.len()),
            ((123, 45), 2, 1)
        );
    }

    impl DuplicateRow {
        fn with_line(mut self, line: u32) -> DuplicateRow {
            self.line = line;
            self
        }
    }
}
