//! The texts duplicates.csv shows, re-read once from the input after the
//! link and waiting on disk: scoring names repeat findings with their
//! start, and the reports read the rows, one group at a time, from the
//! link's records with their texts. In memory stays an index of about
//! 6 bytes per distinct paragraph shown (its number and its text's length)
//! and 4 per article id ([`TextIndex`]).

use super::cross::Reloader;
use crate::model::{ArticleId, DuplicateRow, LinkRecords, Scratch};
use crate::report::{self, ReportError, RowParts};

/// Where the records go: a temporary file in the run, or memory.
type Store = Box<dyn Scratch + Send>;

/// Texts whose lengths are summed from one stored offset: where text `i`
/// lies is the offset of block `i / OFFSET_EVERY` plus the lengths of the
/// texts before it in its block.
const OFFSET_EVERY: usize = 32;

/// The (article, paragraph) pairs with a text, by article id: the texts
/// of article `a` are numbers `first[a]..first[a + 1]`, their paragraphs
/// `paras[first[a]..first[a + 1]]`, ascending. 4 bytes per article id and
/// per text, instead of 8 per text for the pair.
#[derive(Debug, Default)]
struct TextIndex {
    first: Vec<u32>,
    paras: Vec<u32>,
}

impl TextIndex {
    /// The index of `keys`: sorted and distinct.
    fn of_sorted(keys: &[(ArticleId, u32)]) -> TextIndex {
        let ids = keys.last().map_or(0, |k| k.0 .0 as usize + 1);
        let mut first = Vec::with_capacity(ids + 1);
        let mut paras = Vec::with_capacity(keys.len());
        for (i, &(a, p)) in keys.iter().enumerate() {
            while first.len() <= a.0 as usize {
                first.push(i as u32);
            }
            paras.push(p);
        }
        first.push(keys.len() as u32);
        TextIndex { first, paras }
    }

    /// How many texts.
    fn len(&self) -> usize {
        self.paras.len()
    }

    /// The numbers of article `a`'s texts.
    fn of_article(&self, a: ArticleId) -> std::ops::Range<usize> {
        let a = a.0 as usize;
        match (self.first.get(a), self.first.get(a + 1)) {
            (Some(&s), Some(&e)) => s as usize..e as usize,
            _ => 0..0,
        }
    }

    /// The number of the text of paragraph `p` of `article`, if it has one.
    fn find(&self, article: ArticleId, p: u32) -> Option<usize> {
        let range = self.of_article(article);
        let at = self.paras[range.clone()].binary_search(&p).ok()?;
        Some(range.start + at)
    }

    /// The articles with texts, ascending.
    fn articles(&self) -> Vec<ArticleId> {
        (0..self.first.len().saturating_sub(1))
            .filter(|&a| self.first[a] < self.first[a + 1])
            .map(|a| ArticleId(a as u32))
            .collect()
    }
}

/// The text of every paragraph duplicates.csv shows, by (article,
/// paragraph): the start of the paragraph (201 characters, one past what
/// is shown, so a cut text can be told from one that fits), on one line.
/// The texts lie in `store` one after another, in index order.
pub(super) struct DupTexts {
    index: TextIndex,
    /// Bytes of each text (at most 201 characters: under 1 KB).
    lens: Vec<u16>,
    /// Where every [`OFFSET_EVERY`]th text starts in `store`.
    offsets: Vec<u64>,
    /// Bytes appended so far.
    end: u64,
    store: Store,
}

/// Articles re-read at once for the texts (the records of one file are
/// never split across loads, so a file is read once).
const TEXT_BATCH: usize = 256;

impl DupTexts {
    /// The texts of `rows` (tests, tools).
    #[cfg(test)]
    pub(super) fn of_rows(rows: &[DuplicateRow]) -> DupTexts {
        let mut sorted: Vec<&DuplicateRow> = rows.iter().collect();
        sorted.sort_by_key(|r| (r.article, r.paragraph));
        sorted.dedup_by_key(|r| (r.article, r.paragraph));
        let keys: Vec<(ArticleId, u32)> =
            sorted.iter().map(|r| (r.article, r.paragraph.0)).collect();
        let mut texts = DupTexts::empty(TextIndex::of_sorted(&keys), Box::new(Vec::<u8>::new()));
        for r in sorted {
            texts.push(&r.text);
        }
        texts.store.finish();
        texts
    }

    fn empty(index: TextIndex, store: Store) -> DupTexts {
        let n = index.len();
        DupTexts {
            index,
            lens: Vec::with_capacity(n),
            offsets: Vec::with_capacity(n.div_ceil(OFFSET_EVERY)),
            end: 0,
            store,
        }
    }

    /// Appends the next text in index order. A text longer than a `u16`
    /// counts (a 201-character text never is) is kept as none.
    fn push(&mut self, text: &str) {
        let text = if text.len() > usize::from(u16::MAX) {
            ""
        } else {
            text
        };
        if self.lens.len().is_multiple_of(OFFSET_EVERY) {
            self.offsets.push(self.end);
        }
        self.store.append(text.as_bytes());
        self.end += text.len() as u64;
        self.lens.push(text.len() as u16);
    }

    /// Re-reads every paragraph that `records`' rows show, a few hundred
    /// articles at a time, into `store`. `None` when a group cannot be
    /// read back.
    pub(super) fn gather(
        records: &LinkRecords,
        reloader: &Reloader<'_>,
        store: Store,
    ) -> Option<DupTexts> {
        let mut texts = DupTexts::empty(shown_paragraphs(records)?, store);
        let articles = texts.index.articles();
        let mut start = 0;
        while start < articles.len() {
            let end = text_batch(&articles, start, |id| reloader.entry(id));
            let ids = &articles[start..end];
            for (&id, a) in ids.iter().zip(reloader.load(ids)) {
                for t in texts.index.of_article(id) {
                    let p = texts.index.paras[t] as usize;
                    let text = a.as_ref().and_then(|a| {
                        let para = a.paragraphs.get(p)?;
                        Some(crate::text::truncate_chars(a.para_text(para), 201).replace('\n', " "))
                    });
                    texts.push(text.as_deref().unwrap_or(""));
                }
            }
            start = end;
        }
        texts.store.finish();
        Some(texts)
    }

    /// The text of paragraph `p` of `article`; `None` when it has none (or
    /// it cannot be read back).
    pub(super) fn get(&self, article: ArticleId, p: u32) -> Option<String> {
        let i = self.index.find(article, p)?;
        let len = *self.lens.get(i)?;
        if len == 0 {
            return None;
        }
        let block = i / OFFSET_EVERY;
        let before: u64 = self.lens[block * OFFSET_EVERY..i]
            .iter()
            .map(|&l| u64::from(l))
            .sum();
        let at = self.offsets[block] + before;
        String::from_utf8(self.store.read(at, u32::from(len)))
            .ok()
            .filter(|t| !t.is_empty())
    }
}

/// The (article, paragraph) pairs `records`' groups show, indexed.
fn shown_paragraphs(records: &LinkRecords) -> Option<TextIndex> {
    let mut keys: Vec<(ArticleId, u32)> = Vec::new();
    for i in 0..records.groups_len() {
        keys.extend(records.group(i)?.iter().map(|r| (r.article, r.paragraph.0)));
    }
    keys.sort_unstable();
    keys.dedup();
    Some(TextIndex::of_sorted(&keys))
}

/// The end of the next load of [`DupTexts::gather`] from `articles[start]`
/// (distinct, ascending): up to `TEXT_BATCH` articles, then the rest of the
/// last one's file.
fn text_batch(
    articles: &[ArticleId],
    start: usize,
    entry: impl Fn(ArticleId) -> Option<u32>,
) -> usize {
    let mut end = start;
    while end < articles.len() {
        let taken = end - start;
        if taken >= TEXT_BATCH && entry(articles[end - 1]) != entry(articles[end]) {
            break;
        }
        end += 1;
    }
    end
}

/// duplicates.csv's rows as the reports read them: the link's groups in
/// order, each read back with its texts.
pub(super) struct DupRowsOnDisk<'a> {
    pub(super) records: &'a LinkRecords,
    pub(super) texts: &'a DupTexts,
    /// The output folder the scratch files are in (named by a read error).
    pub(super) dir: std::path::PathBuf,
}

impl RowParts<DuplicateRow> for DupRowsOnDisk<'_> {
    fn parts(&self) -> usize {
        self.records.groups_len()
    }
    fn part(&self, i: usize) -> Result<Vec<DuplicateRow>, ReportError> {
        let mut rows = self
            .records
            .group(i)
            .ok_or_else(|| report::ReportError::ScratchRead {
                dir: self.dir.clone(),
                record: i,
            })?;
        for r in &mut rows {
            r.text = self.texts.get(r.article, r.paragraph.0).unwrap_or_default();
        }
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::cross::tests::row;

    #[test]
    fn text_batches_stop_after_enough_articles_but_never_inside_a_file() {
        let articles: Vec<ArticleId> = (0..TEXT_BATCH as u32 + 4).map(ArticleId).collect();
        // One file per article: the batch ends at TEXT_BATCH articles.
        assert_eq!(text_batch(&articles, 0, |id| Some(id.0)), TEXT_BATCH);
        // Articles TEXT_BATCH - 1 .. TEXT_BATCH + 1 share a file: it is kept whole.
        let shared = TEXT_BATCH as u32 - 1..=TEXT_BATCH as u32 + 1;
        let file = |id: ArticleId| Some(if shared.contains(&id.0) { 0 } else { id.0 + 1 });
        let end = text_batch(&articles, 0, file);
        assert_eq!(end, TEXT_BATCH + 2);
        assert_eq!(text_batch(&articles, end, file), articles.len());
    }

    #[test]
    fn the_index_finds_each_articles_paragraphs_and_lists_the_articles() {
        let keys = [(ArticleId(1), 4), (ArticleId(1), 9), (ArticleId(3), 0)];
        let index = TextIndex::of_sorted(&keys);
        assert_eq!(index.len(), 3);
        assert_eq!(index.articles(), vec![ArticleId(1), ArticleId(3)]);
        assert_eq!(index.of_article(ArticleId(1)), 0..2);
        assert_eq!(index.of_article(ArticleId(2)), 2..2);
        assert_eq!(index.of_article(ArticleId(7)), 0..0);
        assert_eq!(index.find(ArticleId(1), 9), Some(1));
        assert_eq!(index.find(ArticleId(3), 0), Some(2));
        assert_eq!(index.find(ArticleId(1), 5), None);
        assert_eq!(index.find(ArticleId(0), 4), None);
        assert!(TextIndex::of_sorted(&[]).articles().is_empty());
    }

    #[test]
    fn texts_past_a_block_of_offsets_are_found_where_they_lie() {
        let rows: Vec<DuplicateRow> = (0..3 * OFFSET_EVERY as u32 + 5)
            .map(|i| row(i / 3, i % 3, &"é".repeat(i as usize % 7)))
            .collect();
        let texts = DupTexts::of_rows(&rows);
        for r in &rows {
            let want = (!r.text.is_empty()).then(|| r.text.clone());
            assert_eq!(texts.get(r.article, r.paragraph.0), want);
        }
    }

    #[test]
    fn texts_are_found_by_article_and_paragraph_and_empty_ones_are_none() {
        let texts = DupTexts::of_rows(&[row(3, 1, "late"), row(0, 2, "b"), row(0, 1, "")]);
        assert_eq!(texts.get(ArticleId(3), 1).as_deref(), Some("late"));
        assert_eq!(texts.get(ArticleId(0), 2).as_deref(), Some("b"));
        assert_eq!(texts.get(ArticleId(0), 1), None);
        assert_eq!(texts.get(ArticleId(1), 0), None);
    }

    #[test]
    fn rows_on_disk_come_back_by_group_with_their_texts() {
        let mut records = LinkRecords::default();
        records.put_group(vec![row(2, 0, ""), row(1, 4, "")]);
        records.put_group(vec![row(0, 1, "")]);
        records.finish();
        let texts = DupTexts::of_rows(&[row(1, 4, "four"), row(0, 1, "one")]);
        let rows = DupRowsOnDisk {
            records: &records,
            texts: &texts,
            dir: "out".into(),
        };
        assert_eq!(rows.parts(), 2);
        let got: Vec<(u32, u32, String)> = (0..rows.parts())
            .flat_map(|i| rows.part(i).unwrap())
            .map(|r| (r.group, r.article.0, r.text))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, 0, "one".into()),
                (2, 1, "four".into()),
                (2, 2, String::new())
            ]
        );
        assert!(rows.part(2).is_err());
    }
}
