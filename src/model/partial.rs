//! What a sharded run hands to `credence merge`: the shard it ran, the
//! settings it ran with, and its per-article results, one [`Item`] per
//! article or unreadable input.

use super::{ArticleSummary, Date, InputFailure};
use serde::{Deserialize, Serialize};

/// One result item of an input file: an article's summary or a failure.
/// Also the unit of the `--incremental` cache.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Item {
    Article(Box<ArticleSummary>),
    Failure(InputFailure),
}

/// Shard `index` of `count` (`--shard K/N`, K counted from 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// Parses `K/N` with `0 <= K < N`.
    pub fn parse(s: &str) -> Option<Shard> {
        let (k, n) = s.split_once('/')?;
        let index: u32 = k.trim().parse().ok()?;
        let count: u32 = n.trim().parse().ok()?;
        (count > 0 && index < count).then_some(Shard { index, count })
    }

    /// The shard (of `count`) that an input file falls in: xxh3-64 of its
    /// path relative to its input root, modulo `count`. Stable across runs,
    /// machines and versions, and independent of the file's position.
    pub fn of(rel: &str, count: u32) -> u32 {
        (xxhash_rust::xxh3::xxh3_64(rel.as_bytes()) % u64::from(count.max(1))) as u32
    }

    /// Whether the input file `rel` falls in this shard.
    pub fn owns(&self, rel: &str) -> bool {
        Shard::of(rel, self.count) == self.index
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The settings that change per-article results; the merge runs with the
/// partials' (they must all agree).
#[derive(Clone, Debug, PartialEq)]
pub struct PartialSettings {
    pub near_dup: f64,
    pub max_file_size: u64,
    pub as_of: Option<Date>,
    /// Undated articles take this date: shards run on other days disagree.
    pub run_date: Date,
}

/// What a partial records about how it was made (the Parquet file's
/// key-value metadata).
#[derive(Clone, Debug, PartialEq)]
pub struct PartialMeta {
    /// Version of the partial's layout (`store::FORMAT`).
    pub format: u32,
    /// credence version that wrote it.
    pub version: String,
    pub rules_digest: u64,
    pub settings: PartialSettings,
    pub shard: Shard,
    /// The INPUT arguments, as given.
    pub inputs: Vec<String>,
    /// Entries discovery found in all the inputs (every shard sees all).
    pub entries: u64,
    /// xxh3 of every entry's relative path, in discovery order.
    pub entries_digest: u64,
    /// Bytes of this shard's input files.
    pub input_bytes: u64,
}

/// One row of a partial: an item of the input file at position `entry` in
/// discovery order.
#[derive(Clone, Debug)]
pub struct PartialRow {
    pub entry: u32,
    /// The file's path relative to its input root.
    pub file: String,
    /// The file's content key (0 when it could not be read).
    pub content_key: u64,
    pub item: Item,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_parses_k_of_n_from_zero() {
        assert_eq!(Shard::parse("0/4"), Some(Shard { index: 0, count: 4 }));
        assert_eq!(Shard::parse("3/4").unwrap().to_string(), "3/4");
        for bad in ["4/4", "1/0", "1", "a/2", "-1/2", ""] {
            assert_eq!(Shard::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_file_falls_in_exactly_one_shard() {
        let files = ["a.txt", "b/c.html", "wire/2026/03/x.jsonl", "ü.md"];
        for f in files {
            let owners: Vec<u32> = (0..4)
                .filter(|&k| Shard { index: k, count: 4 }.owns(f))
                .collect();
            assert_eq!(owners.len(), 1, "{f}");
            assert_eq!(owners[0], Shard::of(f, 4));
        }
        // Pinned: the hash is part of the partial format.
        assert_eq!(Shard::of("a.txt", 1), 0);
        assert_eq!(
            Shard::of("a.txt", 1000),
            (xxhash_rust::xxh3::xxh3_64(b"a.txt") % 1000) as u32
        );
    }
}
