//! `--incremental`: where a run reads the previous run's cache (through
//! `ingest`), what makes it valid, and when the reports on disk are already
//! up to date. The cache's format is in `cache`.

use super::cache::{self, Cache, Outputs, Validity, Writer};
use super::per_article::Collected;
use super::Config;
use crate::ingest::{self, Entries};
use std::path::PathBuf;

/// The previous run's cache (empty without `--incremental`) and the writer
/// of this run's (only with `--incremental`).
pub(super) struct OpenCache {
    pub(super) old: Cache,
    pub(super) writer: Option<Writer>,
    /// Where the cache lives: `cache::FILE` in `--out`.
    pub(super) path: PathBuf,
}

/// What makes cached per-article results valid: this version and cache
/// format, these rules and the settings that change per-article results.
fn validity(cfg: &Config, rules_digest: u64) -> Validity {
    Validity {
        version: format!("{} format {}", env!("CARGO_PKG_VERSION"), cache::FORMAT),
        rules_digest,
        settings: format!(
            "near_dup={} max_file_size={} as_of={:?}",
            cfg.near_dup, cfg.max_file_size, cfg.as_of
        ),
        run_date: cfg.run_date,
    }
}

/// Reads the previous run's cache when `--incremental` asks for it.
pub(super) fn open_cache(cfg: &Config, rules_digest: u64) -> OpenCache {
    let validity = validity(cfg, rules_digest);
    let path = cfg.out_dir.join(cache::FILE);
    let old = if cfg.incremental {
        Cache::decode(ingest::read_cache(&path).as_deref(), &validity)
    } else {
        Cache::default()
    };
    let writer = cfg.incremental.then(|| Writer::new(validity.clone()));
    OpenCache { old, writer, path }
}

/// The `--incremental` no-change check: every file came from the cache, the
/// inputs digest is the last run's, it wrote every report this version
/// writes, and the reports on disk are the ones it wrote. Then there is
/// nothing to redo: returns what it wrote.
pub(super) fn reports_up_to_date<'c>(
    cfg: &Config,
    old: &'c Cache,
    entries: &Entries,
    collected: &Collected,
) -> Option<&'c Outputs> {
    let out = old.outputs()?;
    let file_entries = entries.files();
    let unchanged = cfg.incremental
        && collected.cached_files == file_entries
        && out.inputs == collected.inputs_digest()
        && cfg
            .report_options()
            .files()
            .iter()
            .all(|name| out.reports.iter().any(|(n, _)| n == name))
        && out
            .reports
            .iter()
            .all(|(name, hash)| ingest::file_hash(&cfg.out_dir.join(name)) == Some(*hash));
    unchanged.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::REPORTS;

    fn config(incremental: bool) -> Config {
        Config {
            out_dir: std::env::temp_dir().join("credence-no-such-out-folder"),
            incremental,
            ..Config::default()
        }
    }

    fn cache_with(outputs: Outputs, cfg: &Config) -> Cache {
        let mut writer = Writer::new(validity(cfg, 1));
        writer.set_outputs(outputs);
        Cache::decode(Some(&writer.finish()), &validity(cfg, 1))
    }

    #[test]
    fn validity_names_the_settings_that_change_results() {
        let v = validity(&config(false), 9);
        assert_eq!(v.rules_digest, 9);
        assert_eq!(
            v.version,
            format!("{} format {}", env!("CARGO_PKG_VERSION"), cache::FORMAT)
        );
        assert_eq!(
            v.settings,
            format!(
                "near_dup=0.75 max_file_size={} as_of=None",
                16 * 1024 * 1024
            )
        );
    }

    #[test]
    fn without_incremental_there_is_no_cache_and_no_writer() {
        let open = open_cache(&config(false), 1);
        assert!(open.old.outputs().is_none());
        assert!(open.writer.is_none());
        assert!(open.path.ends_with(cache::FILE));
        assert!(open_cache(&config(true), 1).writer.is_some());
    }

    #[test]
    fn up_to_date_only_when_incremental_all_cached_and_same_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let mut cfg = config(true);
        cfg.out_dir = dir.path().to_path_buf();
        let reports: Vec<(String, u64)> = cfg
            .report_options()
            .files()
            .iter()
            .map(|name| {
                std::fs::write(dir.path().join(name), name).unwrap();
                let hash = xxhash_rust::xxh3::xxh3_64(name.as_bytes());
                (name.to_string(), hash)
            })
            .collect();
        let collected = Collected::new(true);
        let outputs = Outputs {
            inputs: collected.inputs_digest(),
            reports: reports.clone(),
            articles: 3,
            ..Outputs::default()
        };
        let old = cache_with(outputs.clone(), &cfg);
        assert_eq!(
            reports_up_to_date(&cfg, &old, &Entries::default(), &collected),
            Some(&outputs)
        );
        let mut not_incremental = cfg.clone();
        not_incremental.incremental = false;
        assert_eq!(
            reports_up_to_date(&not_incremental, &old, &Entries::default(), &collected),
            None
        );
        let other_bom = Collected::new(false);
        assert_eq!(
            reports_up_to_date(&cfg, &old, &Entries::default(), &other_bom),
            None
        );
        let mut one_cached = Collected::new(true);
        one_cached.cached_files = 1;
        assert_eq!(
            reports_up_to_date(&cfg, &old, &Entries::default(), &one_cached),
            None
        );
        // A report edited since, or one the last run did not write (an
        // older version wrote fewer reports), means writing them again.
        std::fs::write(dir.path().join(REPORTS[1]), "edited").unwrap();
        assert_eq!(
            reports_up_to_date(&cfg, &old, &Entries::default(), &collected),
            None
        );
        std::fs::write(dir.path().join(REPORTS[1]), REPORTS[1]).unwrap();
        let fewer = Outputs {
            reports: reports[..reports.len() - 1].to_vec(),
            ..outputs
        };
        let old = cache_with(fewer, &cfg);
        assert_eq!(
            reports_up_to_date(&cfg, &old, &Entries::default(), &collected),
            None
        );
    }
}
