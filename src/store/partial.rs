//! Writing and reading `partial.parquet` (the layout is in the module
//! contract).

use super::{meta, StoreError, FILE, FORMAT, ROW_GROUP};
use crate::model::{Item, PartialMeta, PartialRow};
use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::{SerializedFileWriter, SerializedRowGroupWriter};
use parquet::record::reader::RowIter;
use parquet::record::RowAccessor;
use parquet::schema::parser::parse_message_type;
use parquet::schema::types::Type;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const SCHEMA: &str = "message credence_partial {
  REQUIRED INT32 entry (UINT_32);
  REQUIRED BYTE_ARRAY file (UTF8);
  REQUIRED INT64 content_key (UINT_64);
  REQUIRED BYTE_ARRAY kind (UTF8);
  REQUIRED BYTE_ARRAY key (UTF8);
  REQUIRED BYTE_ARRAY source (UTF8);
  REQUIRED BYTE_ARRAY title (UTF8);
  REQUIRED BYTE_ARRAY date (UTF8);
  REQUIRED INT32 paragraphs;
  REQUIRED INT32 words;
  REQUIRED INT32 findings;
  REQUIRED INT32 claims;
  REQUIRED INT32 mentions;
  REQUIRED BYTE_ARRAY summary;
}";

/// The columns the merge reads.
const PROJECTION: &str = "message credence_partial {
  REQUIRED INT32 entry (UINT_32);
  REQUIRED BYTE_ARRAY file (UTF8);
  REQUIRED INT64 content_key (UINT_64);
  REQUIRED BYTE_ARRAY summary;
}";

fn schema(text: &str) -> Type {
    parse_message_type(text).expect("the partial schema parses")
}

/// One row group's values, column by column, in `SCHEMA` order.
#[derive(Default)]
struct Columns {
    entry: Vec<i32>,
    file: Vec<ByteArray>,
    content_key: Vec<i64>,
    kind: Vec<ByteArray>,
    key: Vec<ByteArray>,
    source: Vec<ByteArray>,
    title: Vec<ByteArray>,
    date: Vec<ByteArray>,
    counts: [Vec<i32>; 5],
    summary: Vec<ByteArray>,
}

fn text(s: &str) -> ByteArray {
    ByteArray::from(s.as_bytes().to_vec())
}

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

impl Columns {
    fn len(&self) -> usize {
        self.entry.len()
    }

    /// Adds one row: the typed columns taken from the item, and the item.
    fn push(&mut self, row: &PartialRow) {
        self.entry.push(row.entry as i32);
        self.file.push(text(&row.file));
        self.content_key.push(row.content_key as i64);
        let (kind, key, source, title, date, counts) = match &row.item {
            Item::Article(a) => (
                "article",
                a.key.as_str(),
                a.source.as_str(),
                a.title.as_str(),
                a.date.to_string(),
                [
                    a.para_words.len(),
                    a.para_words.iter().map(|&w| w as usize).sum(),
                    a.findings.len(),
                    a.claims.len(),
                    a.mentions.len(),
                ],
            ),
            Item::Failure(f) => ("failure", f.key.as_str(), "", "", String::new(), [0; 5]),
        };
        self.kind.push(text(kind));
        self.key.push(text(key));
        self.source.push(text(source));
        self.title.push(text(title));
        self.date.push(text(&date));
        for (col, n) in self.counts.iter_mut().zip(counts) {
            col.push(count(n));
        }
        self.summary.push(ByteArray::from(
            postcard::to_stdvec(&row.item).unwrap_or_default(),
        ));
    }

    /// Writes the columns as one row group, in `SCHEMA` order.
    fn write(&self, group: &mut SerializedRowGroupWriter<'_, File>) -> parquet::errors::Result<()> {
        let bytes = [
            &self.file,
            &self.kind,
            &self.key,
            &self.source,
            &self.title,
            &self.date,
        ];
        let ints: Vec<&Vec<i32>> = std::iter::once(&self.entry)
            .chain(self.counts.iter())
            .collect();
        // Column order: entry, file, content_key, kind, key, source, title,
        // date, the five counts, summary.
        let mut b = bytes.iter();
        let mut i = ints.iter();
        let mut index = 0;
        while let Some(mut col) = group.next_column()? {
            match index {
                0 | 8..=12 => {
                    let v = i.next().expect("an int column");
                    col.typed::<Int32Type>().write_batch(v, None, None)?;
                }
                2 => {
                    col.typed::<Int64Type>()
                        .write_batch(&self.content_key, None, None)?;
                }
                13 => {
                    col.typed::<ByteArrayType>()
                        .write_batch(&self.summary, None, None)?;
                }
                _ => {
                    let v = b.next().expect("a text column");
                    col.typed::<ByteArrayType>().write_batch(v, None, None)?;
                }
            }
            col.close()?;
            index += 1;
        }
        Ok(())
    }
}

/// Writes a partial: rows are pushed in order and flushed a row group at a
/// time; [`PartialWriter::finish`] makes the file appear.
pub struct PartialWriter {
    writer: SerializedFileWriter<File>,
    columns: Columns,
    tmp: PathBuf,
    path: PathBuf,
    rows: u64,
}

impl PartialWriter {
    /// Starts `FILE` in `dir` (as a temp file until finished).
    pub fn create(dir: &Path) -> Result<PartialWriter, StoreError> {
        let path = dir.join(FILE);
        let tmp = dir.join(format!(".{FILE}.tmp"));
        let file = File::create(&tmp).map_err(|source| StoreError::Io {
            path: tmp.clone(),
            source,
        })?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("credence {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = SerializedFileWriter::new(file, Arc::new(schema(SCHEMA)), Arc::new(props))
            .map_err(|e| parquet_err(&tmp, e))?;
        Ok(PartialWriter {
            writer,
            columns: Columns::default(),
            tmp,
            path,
            rows: 0,
        })
    }

    /// Adds one row (rows must come in discovery order).
    pub fn push(&mut self, row: &PartialRow) -> Result<(), StoreError> {
        self.columns.push(row);
        self.rows += 1;
        if self.columns.len() >= ROW_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), StoreError> {
        if self.columns.len() == 0 {
            return Ok(());
        }
        let columns = std::mem::take(&mut self.columns);
        let tmp = self.tmp.clone();
        let mut group = self
            .writer
            .next_row_group()
            .map_err(|e| parquet_err(&tmp, e))?;
        columns
            .write(&mut group)
            .map_err(|e| parquet_err(&tmp, e))?;
        group.close().map_err(|e| parquet_err(&tmp, e))?;
        Ok(())
    }

    /// Flushes, records `meta` (known only at the end: it counts the
    /// shard's bytes), syncs and renames the file into place; returns its
    /// path and the number of rows.
    pub fn finish(mut self, meta: &PartialMeta) -> Result<(PathBuf, u64), StoreError> {
        self.flush()?;
        for kv in meta::to_pairs(meta) {
            self.writer.append_key_value_metadata(kv);
        }
        let file = self
            .writer
            .into_inner()
            .map_err(|e| parquet_err(&self.tmp, e))?;
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StoreError::Io { path, source }
        };
        file.sync_all().map_err(io(&self.tmp))?;
        std::fs::rename(&self.tmp, &self.path).map_err(io(&self.path))?;
        Ok((self.path, self.rows))
    }
}

fn parquet_err(path: &Path, e: parquet::errors::ParquetError) -> StoreError {
    StoreError::Parquet {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

/// An open partial: its metadata, then its rows in order.
pub struct PartialReader {
    pub path: PathBuf,
    pub meta: PartialMeta,
    pub rows: u64,
    iter: RowIter<'static>,
}

/// Opens a partial: `path` is the file, or a shard's `--out` folder holding
/// `FILE`. Checks the layout version before any row is read.
pub fn open(path: &Path) -> Result<PartialReader, StoreError> {
    let path = if path.is_dir() {
        path.join(FILE)
    } else {
        path.to_path_buf()
    };
    let file = File::open(&path).map_err(|source| StoreError::Io {
        path: path.clone(),
        source,
    })?;
    let reader = SerializedFileReader::new(file).map_err(|e| parquet_err(&path, e))?;
    let fmeta = reader.metadata().file_metadata();
    let pairs = fmeta.key_value_metadata().cloned().unwrap_or_default();
    let format_err = |reason: String| StoreError::Format {
        path: path.clone(),
        reason,
    };
    let meta = meta::from_pairs(&pairs).map_err(format_err)?;
    if meta.format != FORMAT {
        return Err(format_err(format!(
            "partial format {}, this credence reads format {FORMAT}",
            meta.format
        )));
    }
    let rows = fmeta.num_rows() as u64;
    let iter = RowIter::from_file_into(Box::new(reader))
        .project(Some(schema(PROJECTION)))
        .map_err(|e| parquet_err(&path, e))?;
    Ok(PartialReader {
        path,
        meta,
        rows,
        iter,
    })
}

impl PartialReader {
    /// The next row, `None` at the end.
    pub fn next_row(&mut self) -> Option<Result<PartialRow, StoreError>> {
        let row = match self.iter.next()? {
            Ok(row) => row,
            Err(e) => return Some(Err(parquet_err(&self.path, e))),
        };
        Some(self.decode(&row))
    }

    fn decode(&self, row: &parquet::record::Row) -> Result<PartialRow, StoreError> {
        let bad = |what: &str| StoreError::Format {
            path: self.path.clone(),
            reason: format!("unreadable {what} in a row"),
        };
        let item: Item = postcard::from_bytes(row.get_bytes(3).map_err(|_| bad("summary"))?.data())
            .map_err(|_| bad("summary"))?;
        Ok(PartialRow {
            entry: row.get_uint(0).map_err(|_| bad("entry"))?,
            file: row.get_string(1).map_err(|_| bad("file"))?.clone(),
            content_key: row.get_ulong(2).map_err(|_| bad("content_key"))?,
            item,
        })
    }
}

#[cfg(test)]
mod tests;
