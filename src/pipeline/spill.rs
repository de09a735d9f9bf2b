//! Per-article records waiting on disk: each one written once (postcard,
//! appended to a scratch file in `--out`), then read back by its number, in
//! any order. The per-article pass spills every summary here (the link keeps
//! only its prints in memory), and the scoring pass spills what the reports
//! show of each article (its findings and mentions), so neither waits in
//! memory for the whole corpus.

use crate::model::{ArticleId, ArticleSummary, Scratch};
use crate::report::{self, ArticleRecords, OutLock};
use serde::{de::DeserializeOwned, Serialize};
use std::borrow::Cow;
use std::marker::PhantomData;

/// Records of type `T`, numbered in the order they were put.
pub(super) struct Spill<T> {
    scratch: Box<dyn Scratch + Send>,
    /// Offset and length of each record.
    at: Vec<(u64, u32)>,
    finished: bool,
    of: PhantomData<fn() -> T>,
}

impl<T: Serialize + DeserializeOwned> Spill<T> {
    /// Records kept in memory (tests, tools).
    pub(super) fn in_memory() -> Spill<T> {
        Spill::with(Box::new(Vec::new()))
    }

    /// Records in an anonymous temporary file in the locked output folder
    /// (in memory if the file cannot be written: see [`report::Scratch`]).
    pub(super) fn on_disk(lock: &OutLock) -> Spill<T> {
        Spill::with(Box::new(report::Scratch::new(lock)))
    }

    fn with(scratch: Box<dyn Scratch + Send>) -> Spill<T> {
        Spill {
            scratch,
            at: Vec::new(),
            finished: false,
            of: PhantomData,
        }
    }

    /// Appends record number `len()`.
    pub(super) fn put(&mut self, record: &T) {
        assert!(!self.finished, "a spill is written, then read");
        let bytes = postcard::to_allocvec(record).unwrap_or_default();
        let offset = self.scratch.append(&bytes);
        self.at.push((offset, bytes.len() as u32));
    }

    /// Ends the writing: from here on records are read.
    pub(super) fn finish(&mut self) {
        if !self.finished {
            self.scratch.finish();
            self.finished = true;
        }
    }

    pub(super) fn len(&self) -> usize {
        self.at.len()
    }

    /// Record `i`; `None` past the end or when it cannot be read back.
    pub(super) fn get(&self, i: usize) -> Option<T> {
        debug_assert!(self.finished, "finish() before get()");
        let &(offset, len) = self.at.get(i)?;
        postcard::from_bytes(&self.scratch.read(offset, len)).ok()
    }
}

/// What a report record of an article is: its summary with every finding
/// of the article (its own, dedup's, claims') in run order, its mentions
/// as reported, and no claims or prints.
pub(super) type Records = Spill<ArticleSummary>;

/// The reports read the records through [`ArticleRecords`]; `ids` holds
/// each record's article id (so ordering needs no decoding).
pub(super) struct RecordStore {
    pub(super) records: Records,
    pub(super) ids: Vec<ArticleId>,
    /// The output folder the scratch file is in (named by a read error).
    pub(super) dir: std::path::PathBuf,
}

impl ArticleRecords for RecordStore {
    fn len(&self) -> usize {
        self.ids.len()
    }
    fn id(&self, i: usize) -> ArticleId {
        self.ids[i]
    }
    /// A record that cannot be read back (the disk failed under the run)
    /// stops the reports: no row is written without its data.
    fn get(&self, i: usize) -> Result<Cow<'_, ArticleSummary>, report::ReportError> {
        self.records
            .get(i)
            .map(Cow::Owned)
            .ok_or_else(|| report::ReportError::ScratchRead {
                dir: self.dir.clone(),
                record: i,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_back_in_any_order_from_memory_and_from_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let lock = report::lock_out(dir.path()).unwrap();
        for mut spill in [Spill::<Vec<String>>::in_memory(), Spill::on_disk(&lock)] {
            let records: Vec<Vec<String>> = (0..500)
                .map(|i| (0..i % 7).map(|j| format!("{i}.{j}")).collect())
                .collect();
            records.iter().for_each(|r| spill.put(r));
            spill.finish();
            assert_eq!(spill.len(), 500);
            for i in (0..500).rev() {
                assert_eq!(spill.get(i).as_ref(), Some(&records[i]));
            }
            assert_eq!(spill.get(500), None);
        }
    }

    #[test]
    fn report_record_that_cannot_be_read_back_is_an_error_not_an_empty_row() {
        let mut records = Records::in_memory();
        records.put(&ArticleSummary::bare(ArticleId(0), "a.txt"));
        records.finish();
        let store = RecordStore {
            records,
            // A second id with no record behind it: what a failed read gives.
            ids: vec![ArticleId(0), ArticleId(1)],
            dir: "out".into(),
        };
        assert_eq!(store.get(0).unwrap().key, "a.txt");
        let err = store.get(1).unwrap_err().to_string();
        assert!(err.contains("scratch") && err.contains("record 1"), "{err}");
    }
}
