//! The texts duplicates.csv shows, re-read once from the input after the
//! link and waiting on disk (20 bytes per paragraph in memory): scoring
//! names repeat findings with their start, and the reports read the rows,
//! one group at a time, from the link's records with their texts.

use super::cross::Reloader;
use crate::model::{ArticleId, DuplicateRow, LinkRecords, Scratch};
use crate::report::{self, ReportError, RowParts};

/// Where the records go: a temporary file in the run, or memory.
type Store = Box<dyn Scratch + Send>;

/// The text of every paragraph duplicates.csv shows, by (article,
/// paragraph): the start of the paragraph (201 characters, one past what
/// is shown, so a cut text can be told from one that fits), on one line.
pub(super) struct DupTexts {
    /// (article, paragraph) of every text, sorted, distinct.
    keys: Vec<(ArticleId, u32)>,
    /// Where each text lies in `store` (length 0: no text).
    at: Vec<(u64, u32)>,
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
        let mut texts = DupTexts::empty(Box::new(Vec::<u8>::new()));
        for r in sorted {
            texts.push((r.article, r.paragraph.0), &r.text);
        }
        texts.store.finish();
        texts
    }

    fn empty(store: Store) -> DupTexts {
        DupTexts {
            keys: Vec::new(),
            at: Vec::new(),
            store,
        }
    }

    fn push(&mut self, key: (ArticleId, u32), text: &str) {
        let at = self.store.append(text.as_bytes());
        self.keys.push(key);
        self.at.push((at, text.len() as u32));
    }

    /// Re-reads every paragraph that `records`' rows show, a few hundred
    /// articles at a time, into `store`. `None` when a group cannot be
    /// read back.
    pub(super) fn gather(
        records: &LinkRecords,
        reloader: &Reloader<'_>,
        store: Store,
    ) -> Option<DupTexts> {
        let mut keys: Vec<(ArticleId, u32)> = Vec::new();
        for i in 0..records.groups_len() {
            keys.extend(records.group(i)?.iter().map(|r| (r.article, r.paragraph.0)));
        }
        keys.sort_unstable();
        keys.dedup();
        let mut texts = DupTexts::empty(store);
        texts.keys.reserve_exact(keys.len());
        texts.at.reserve_exact(keys.len());
        let mut start = 0;
        while start < keys.len() {
            let (ids, end) = text_batch(&keys, start, |id| reloader.entry(id));
            let arts = reloader.load(&ids);
            let mut k = 0;
            for &(article, p) in &keys[start..end] {
                while ids.get(k).is_some_and(|&id| id < article) {
                    k += 1;
                }
                let text = match arts.get(k) {
                    Some(Some(a)) => a.paragraphs.get(p as usize).map(|para| {
                        crate::text::truncate_chars(a.para_text(para), 201).replace('\n', " ")
                    }),
                    _ => None,
                };
                texts.push((article, p), text.as_deref().unwrap_or(""));
            }
            start = end;
        }
        texts.store.finish();
        Some(texts)
    }

    /// The text of paragraph `p` of `article`; `None` when it has none (or
    /// it cannot be read back).
    pub(super) fn get(&self, article: ArticleId, p: u32) -> Option<String> {
        let i = self.keys.binary_search(&(article, p)).ok()?;
        let (at, len) = self.at[i];
        if len == 0 {
            return None;
        }
        String::from_utf8(self.store.read(at, len))
            .ok()
            .filter(|t| !t.is_empty())
    }
}

/// The next load of [`DupTexts::gather`] from `keys[start]`: up to
/// `TEXT_BATCH` articles, then the rest of the last one's file. Returns the
/// distinct article ids and the end of the keys covered.
fn text_batch(
    keys: &[(ArticleId, u32)],
    start: usize,
    entry: impl Fn(ArticleId) -> Option<u32>,
) -> (Vec<ArticleId>, usize) {
    let mut ids: Vec<ArticleId> = Vec::new();
    let mut end = start;
    while end < keys.len() {
        let id = keys[end].0;
        if ids.last() != Some(&id) {
            if ids.len() >= TEXT_BATCH && ids.last().map(|&l| entry(l)) != Some(entry(id)) {
                break;
            }
            ids.push(id);
        }
        end += 1;
    }
    (ids, end)
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
        let keys: Vec<(ArticleId, u32)> = (0..TEXT_BATCH as u32 + 4)
            .flat_map(|a| [(ArticleId(a), 0), (ArticleId(a), 1)])
            .collect();
        // One file per article: the batch ends at TEXT_BATCH articles.
        let (ids, end) = text_batch(&keys, 0, |id| Some(id.0));
        assert_eq!(ids.len(), TEXT_BATCH);
        assert_eq!(end, 2 * TEXT_BATCH);
        // Articles TEXT_BATCH - 1 .. TEXT_BATCH + 1 share a file: it is kept whole.
        let shared = TEXT_BATCH as u32 - 1..=TEXT_BATCH as u32 + 1;
        let file = |id: ArticleId| Some(if shared.contains(&id.0) { 0 } else { id.0 + 1 });
        let (ids, end) = text_batch(&keys, 0, file);
        assert_eq!(ids.len(), TEXT_BATCH + 2);
        assert_eq!(end, 2 * (TEXT_BATCH + 2));
        let (ids, end) = text_batch(&keys, end, file);
        assert_eq!(ids.len(), 2);
        assert_eq!(end, keys.len());
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
