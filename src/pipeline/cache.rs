//! The incremental cache: per-file results of the per-article pass, and the
//! similarities of the dedup link's candidate pairs.
//!
//! In: the bytes of a previous run's cache (read by `ingest`), and this run's
//! results per file. Out: lookups by (file, content key) and the bytes of the
//! new cache (written by `report`). Guarantees: a cache written by another
//! credence version, with other rules (any byte of any table) or other
//! settings that change per-article results is ignored whole; an entry whose
//! articles were dated by the run date is ignored on another day; anything
//! unreadable is treated as no cache (never an error), so a damaged cache
//! costs time, not correctness. Pure: no file access here.

use crate::model::{Date, DateOrigin};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// File name of the cache inside `--out`.
pub const FILE: &str = ".credence-cache";

/// Shape of the cached items, part of the cache's validity: bumped whenever
/// a cached type (`ArticleSummary` and what it holds) gains or changes a
/// field. postcard is positional, so bytes of another shape may fail to
/// decode or, worse, decode into wrong values. 2: summaries hold mentions.
/// 3: summaries hold where the title, source, author and URL came from.
pub const FORMAT: u32 = 3;

/// What makes cached per-article results valid for this run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Validity {
    pub version: String,
    pub rules_digest: u64,
    /// Settings that change per-article results, rendered as text.
    pub settings: String,
    pub run_date: Date,
}

/// One cached result item of a file: an article's summary or a failure.
pub use crate::model::Item;

#[derive(Serialize, Deserialize)]
struct Entry {
    rel: String,
    key: u64,
    /// postcard bytes of `Vec<Item>`.
    items: Vec<u8>,
}

/// What the last run wrote, for the up-to-date check: when the inputs and
/// settings are the same and the reports on disk are the ones written, the
/// run has nothing to redo.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Outputs {
    /// Digest of the inputs (every entry's path and content key, in order)
    /// and of the report settings.
    pub inputs: u64,
    /// Each report's file name and the xxh3 hash of its bytes.
    pub reports: Vec<(String, u64)>,
    pub articles: usize,
    pub failed: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Every article's key and score (for `--fail-under`, which may change).
    pub scores: Vec<(String, f64)>,
}

#[derive(Serialize, Deserialize)]
struct FileFormat {
    validity: Validity,
    entries: Vec<Entry>,
    /// Similarities of the dedup link's candidate pairs, sorted by pair key.
    pairs: Vec<(u64, f64)>,
    outputs: Option<Outputs>,
}

/// A loaded cache, ready for lookups.
#[derive(Default)]
pub struct Cache {
    entries: HashMap<(String, u64), Vec<u8>>,
    run_date_changed: bool,
    pairs: Vec<(u64, f64)>,
    outputs: Option<Outputs>,
}

impl Cache {
    /// Decodes cache bytes; returns an empty cache when they are missing,
    /// damaged, or were written under other versions, rules or settings.
    pub fn decode(bytes: Option<&[u8]>, now: &Validity) -> Cache {
        let Some(bytes) = bytes else {
            return Cache::default();
        };
        let Ok(file) = postcard::from_bytes::<FileFormat>(bytes) else {
            return Cache::default();
        };
        let v = &file.validity;
        if v.version != now.version
            || v.rules_digest != now.rules_digest
            || v.settings != now.settings
        {
            return Cache::default();
        }
        let mut pairs = file.pairs;
        if !pairs.is_sorted_by_key(|p| p.0) {
            pairs.clear();
        }
        Cache {
            pairs,
            outputs: file.outputs,
            run_date_changed: v.run_date != now.run_date,
            entries: file
                .entries
                .into_iter()
                .map(|e| ((e.rel, e.key), e.items))
                .collect(),
        }
    }

    /// Cached items of one file, if its content key matches.
    pub fn get(&self, rel: &str, key: u64) -> Option<Vec<Item>> {
        let bytes = self.entries.get(&(rel.to_string(), key))?;
        let items: Vec<Item> = postcard::from_bytes(bytes).ok()?;
        if self.run_date_changed
            && items
                .iter()
                .any(|i| matches!(i, Item::Article(a) if a.date_origin == DateOrigin::RunDate))
        {
            return None;
        }
        Some(items)
    }

    /// Number of cached files.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.len()
    }

    /// The previous run's candidate-pair similarities (see
    /// [`crate::model::PairMemo`]); taken, since only the link needs them.
    pub fn take_pairs(&mut self) -> Vec<(u64, f64)> {
        std::mem::take(&mut self.pairs)
    }

    /// What the last run wrote (see [`Outputs`]).
    pub fn outputs(&self) -> Option<&Outputs> {
        self.outputs.as_ref()
    }

    /// Whether no file is cached.
    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Collects this run's results into new cache bytes.
pub struct Writer {
    validity: Validity,
    entries: Vec<Entry>,
    pairs: Vec<(u64, f64)>,
    outputs: Option<Outputs>,
}

impl Writer {
    pub fn new(validity: Validity) -> Writer {
        Writer {
            validity,
            entries: Vec::new(),
            pairs: Vec::new(),
            outputs: None,
        }
    }

    /// Records one file's items (encoded now, so the caller may change them).
    pub fn add(&mut self, rel: &str, key: u64, items: &[Item]) {
        if let Ok(bytes) = postcard::to_stdvec(items) {
            self.entries.push(Entry {
                rel: rel.to_string(),
                key,
                items: bytes,
            });
        }
    }

    /// Records this run's candidate-pair similarities, sorted by key.
    pub fn set_pairs(&mut self, pairs: Vec<(u64, f64)>) {
        self.pairs = pairs;
    }

    /// Records what this run wrote.
    pub fn set_outputs(&mut self, outputs: Outputs) {
        self.outputs = Some(outputs);
    }

    pub fn finish(self) -> Vec<u8> {
        postcard::to_stdvec(&FileFormat {
            validity: self.validity,
            entries: self.entries,
            pairs: self.pairs,
            outputs: self.outputs,
        })
        .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleId, Finding, FindingKind, InputFailure};

    fn validity(rules: u64) -> Validity {
        Validity {
            version: "1".into(),
            rules_digest: rules,
            settings: "s".into(),
            run_date: Date::parse_iso("2026-02-12").unwrap(),
        }
    }

    fn failure() -> Item {
        Item::Failure(InputFailure {
            id: ArticleId(3),
            key: "a.txt".into(),
            path: "a.txt".into(),
            line: None,
            reason: "empty file".into(),
        })
    }

    #[test]
    fn round_trip_and_invalidation() {
        let mut w = Writer::new(validity(7));
        w.add("a.txt", 42, &[failure()]);
        let bytes = w.finish();
        let mut c = Cache::decode(Some(&bytes), &validity(7));
        assert_eq!(c.len(), 1);
        assert!(c.take_pairs().is_empty());
        assert!(c.get("a.txt", 42).is_some());
        assert!(c.get("a.txt", 43).is_none(), "changed content misses");
        assert!(
            Cache::decode(Some(&bytes), &validity(8)).is_empty(),
            "changed rules"
        );
        let mut other = validity(7);
        other.version = "2".into();
        assert!(
            Cache::decode(Some(&bytes), &other).is_empty(),
            "upgraded credence"
        );
    }

    #[test]
    fn pair_similarities_round_trip_and_unsorted_ones_are_dropped() {
        let mut w = Writer::new(validity(7));
        w.set_pairs(vec![(1, 0.5), (9, 0.875)]);
        let bytes = w.finish();
        let mut c = Cache::decode(Some(&bytes), &validity(7));
        assert_eq!(c.take_pairs(), vec![(1, 0.5), (9, 0.875)]);
        let mut w = Writer::new(validity(7));
        w.set_pairs(vec![(9, 0.5), (1, 0.875)]);
        let bytes = w.finish();
        assert!(Cache::decode(Some(&bytes), &validity(7))
            .take_pairs()
            .is_empty());
        assert!(Cache::decode(Some(&bytes), &validity(8))
            .take_pairs()
            .is_empty());
    }

    #[test]
    fn damaged_cache_is_no_cache() {
        assert!(Cache::decode(Some(b"garbage"), &validity(1)).is_empty());
        assert!(Cache::decode(None, &validity(1)).is_empty());
    }

    #[test]
    fn run_dated_articles_expire_with_the_day() {
        let mut a = crate::pipeline::analyze(
            crate::segment::article_from_text(0, "u.txt", "Undated text.", validity(1).run_date),
            &crate::names::NameIndex::default(),
            &crate::dedup::DedupConfig::default(),
        );
        a.date_origin = DateOrigin::RunDate;
        a.findings
            .push(Finding::new(ArticleId(0), FindingKind::DateUnknown));
        let mut w = Writer::new(validity(1));
        w.add("u.txt", 1, &[Item::Article(Box::new(a))]);
        let bytes = w.finish();
        assert!(Cache::decode(Some(&bytes), &validity(1))
            .get("u.txt", 1)
            .is_some());
        let mut tomorrow = validity(1);
        tomorrow.run_date = Date::parse_iso("2026-02-13").unwrap();
        assert!(Cache::decode(Some(&bytes), &tomorrow)
            .get("u.txt", 1)
            .is_none());
    }
}
