//! claims.csv's rows waiting on disk: truth discovery hands them over in
//! the table's order, a label's rows at a time; they are written to a
//! scratch file in parts of [`PART_ROWS`] (postcard), and the reports read
//! them back a part at a time. In memory: 12 bytes per part.

use crate::model::{ClaimRow, Scratch};
use crate::report::{ReportError, RowParts};

/// Rows per part on disk: what the reports hold of claims.csv at once.
const PART_ROWS: usize = 4096;

/// Where the parts go: a temporary file in the run, or memory.
type Store = Box<dyn Scratch + Send>;

/// claims.csv's rows in parts on disk, in the table's order.
pub(super) struct ClaimRowsOnDisk {
    /// Where each part lies in `store`.
    parts: Vec<(u64, u32)>,
    /// Rows handed over and not yet written.
    pending: Vec<ClaimRow>,
    store: Store,
    /// The output folder the scratch file is in (named by a read error).
    dir: std::path::PathBuf,
}

impl ClaimRowsOnDisk {
    pub(super) fn new(store: Store, dir: std::path::PathBuf) -> ClaimRowsOnDisk {
        ClaimRowsOnDisk {
            parts: Vec::new(),
            pending: Vec::new(),
            store,
            dir,
        }
    }

    /// Adds the next rows (in the table's order); full parts go to disk.
    pub(super) fn push(&mut self, rows: Vec<ClaimRow>) {
        self.pending.extend(rows);
        while self.pending.len() >= PART_ROWS {
            let rest = self.pending.split_off(PART_ROWS);
            let part = std::mem::replace(&mut self.pending, rest);
            self.write(&part);
        }
    }

    fn write(&mut self, part: &[ClaimRow]) {
        let bytes = postcard::to_allocvec(part).unwrap_or_default();
        let at = self.store.append(&bytes);
        self.parts.push((at, bytes.len() as u32));
    }

    /// Writes the last part; nothing more is pushed.
    pub(super) fn finish(&mut self) {
        if !self.pending.is_empty() {
            let part = std::mem::take(&mut self.pending);
            self.write(&part);
        }
        self.pending = Vec::new();
        self.store.finish();
    }
}

impl RowParts<ClaimRow> for ClaimRowsOnDisk {
    fn parts(&self) -> usize {
        self.parts.len()
    }
    fn part(&self, i: usize) -> Result<Vec<ClaimRow>, ReportError> {
        let lost = || ReportError::ScratchRead {
            dir: self.dir.clone(),
            record: i,
        };
        let &(at, len) = self.parts.get(i).ok_or_else(lost)?;
        postcard::from_bytes(&self.store.read(at, len)).map_err(|_| lost())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleId, ParaIdx};

    fn row(i: u32) -> ClaimRow {
        ClaimRow {
            claim: format!("claim {}", i / 10),
            article: ArticleId(i),
            paragraph: ParaIdx(i % 7),
            mention: format!("${i}"),
            value: f64::from(i),
            unit: "USD".into(),
            consensus: i.is_multiple_of(3).then_some(1.5),
            support: 0.5,
            agrees: i.is_multiple_of(2),
            reference: String::new(),
        }
    }

    #[test]
    fn rows_come_back_in_the_order_pushed_in_parts() {
        let mut rows = ClaimRowsOnDisk::new(Box::new(Vec::<u8>::new()), "out".into());
        let all: Vec<ClaimRow> = (0..PART_ROWS as u32 * 2 + 5).map(row).collect();
        // Handed over in uneven runs, as labels come.
        for run in all.chunks(PART_ROWS - 3) {
            rows.push(run.to_vec());
        }
        rows.push(Vec::new());
        rows.finish();
        assert_eq!(rows.parts(), 3);
        let back: Vec<ClaimRow> = (0..rows.parts())
            .flat_map(|i| rows.part(i).unwrap())
            .collect();
        assert_eq!(back, all);
        assert!(matches!(
            rows.part(3),
            Err(ReportError::ScratchRead { record: 3, .. })
        ));
    }

    #[test]
    fn no_rows_no_parts() {
        let mut rows = ClaimRowsOnDisk::new(Box::new(Vec::<u8>::new()), "out".into());
        rows.finish();
        assert_eq!(rows.parts(), 0);
    }

    #[test]
    fn a_part_that_cannot_be_read_back_is_an_error() {
        let mut rows = ClaimRowsOnDisk::new(Box::new(Vec::<u8>::new()), "out".into());
        rows.push(vec![row(1)]);
        rows.finish();
        rows.parts[0].1 += 9;
        assert!(rows.part(0).is_err());
    }
}
