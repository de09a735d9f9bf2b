//! Partials: the per-article results of a sharded run, on disk.
//!
//! In: [`PartialRow`]s in discovery order and the [`PartialMeta`] of the run
//! that made them. Out: `partial.parquet` in the shard's `--out` folder;
//! read back row by row, in the order written, by `credence merge`.
//! Guarantees: the file appears whole or not at all (temp file, fsync,
//! rename); the same rows give the same bytes; a file of another layout
//! [`FORMAT`], or not a partial at all, is an error naming it, never wrong
//! values. A partial is neither an input (`ingest` and `rules` read those)
//! nor a report (`report` writes those): this folder is the one place that
//! writes and reads partials.
//!
//! Method: one Parquet file (readable by DuckDB, pandas, Spark), one row per
//! article or unreadable input, in row groups of [`ROW_GROUP`] rows,
//! Snappy-compressed. Typed columns for looking at a shard without credence:
//!
//! | column | type | what |
//! |---|---|---|
//! | `entry` | uint32 | the input file's position in discovery order (all inputs) |
//! | `file` | string | the file's path relative to its input root |
//! | `content_key` | uint64 | the file's content key (0 when unreadable) |
//! | `kind` | string | `article` or `failure` |
//! | `key` | string | the article's key (`file` or `file#line`) |
//! | `source`, `title`, `date` | string | metadata (`date` ISO, empty when none) |
//! | `paragraphs`, `words` | int32 | size of the article |
//! | `findings`, `claims`, `mentions` | int32 | counts of the per-article results |
//! | `summary` | binary | the whole item, postcard-encoded (its shape is [`FORMAT`]) |
//!
//! The merge reads only `entry`, `file`, `content_key` and `summary`. The
//! file's key-value metadata holds [`PartialMeta`] under `credence.*` keys
//! (`partial.rs`).

mod meta;
mod partial;

pub use partial::{open, PartialReader, PartialWriter};

use std::path::PathBuf;

/// File name of the partial inside a shard's `--out` folder.
pub const FILE: &str = "partial.parquet";

/// Layout of partials: bumped whenever a column or the shape of the
/// `summary` bytes (`ArticleSummary` and what it holds) changes.
/// 2: summaries hold where the title, source, author and URL came from.
pub const FORMAT: u32 = 2;

/// Rows per Parquet row group: what the writer holds before flushing.
pub const ROW_GROUP: usize = 4096;

/// Why a partial could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a readable partial: {reason}")]
    Parquet { path: PathBuf, reason: String },
    #[error("{path}: {reason}")]
    Format { path: PathBuf, reason: String },
}
