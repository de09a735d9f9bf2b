//! What makes a set of partials mergeable: one credence version and layout,
//! the merge's rules, the same settings and inputs, and every shard of one
//! count exactly once. Each failed check names the culprit file.

use super::MergeError;
use crate::model::{PartialMeta, PartialSettings};
use crate::store::PartialReader;
use std::path::{Path, PathBuf};

fn disagree(path: &Path, reason: String) -> MergeError {
    MergeError::Disagree {
        path: path.to_path_buf(),
        reason,
    }
}

fn settings(s: &PartialSettings) -> String {
    let as_of = s.as_of.map(|d| d.to_string()).unwrap_or("none".into());
    format!(
        "near_dup={} max_file_size={} as_of={as_of} run_date={}",
        s.near_dup, s.max_file_size, s.run_date
    )
}

/// One partial against this credence and the merge's rules.
fn check_one(path: &Path, meta: &PartialMeta, rules_digest: u64) -> Result<(), MergeError> {
    let version = env!("CARGO_PKG_VERSION");
    if meta.version != version {
        return Err(disagree(
            path,
            format!("made by credence {}, this is {version}", meta.version),
        ));
    }
    if meta.rules_digest != rules_digest {
        return Err(disagree(
            path,
            format!(
                "made with other rules (digest {:016x}) than the merge's --rules ({rules_digest:016x})",
                meta.rules_digest
            ),
        ));
    }
    Ok(())
}

/// One partial against the first: same settings, inputs and shard count.
fn check_pair(
    path: &Path,
    meta: &PartialMeta,
    first: &Path,
    m0: &PartialMeta,
) -> Result<(), MergeError> {
    let first = first.display();
    if meta.settings != m0.settings {
        let (a, b) = (settings(&meta.settings), settings(&m0.settings));
        return Err(disagree(
            path,
            format!("settings {a} differ from {first}'s {b}"),
        ));
    }
    if (&meta.inputs, meta.entries, meta.entries_digest)
        != (&m0.inputs, m0.entries, m0.entries_digest)
    {
        return Err(disagree(
            path,
            format!(
                "made from other inputs ({:?}, {} files) than {first} ({:?}, {} files)",
                meta.inputs, meta.entries, m0.inputs, m0.entries
            ),
        ));
    }
    if meta.shard.count != m0.shard.count {
        return Err(disagree(
            path,
            format!(
                "shard {} is not of the {} shards of {first}",
                meta.shard, m0.shard.count
            ),
        ));
    }
    Ok(())
}

/// Checks the set and orders it by shard index: every check of [`check_one`]
/// and [`check_pair`], then no shard twice and none missing.
pub(super) fn check_set(
    mut parts: Vec<PartialReader>,
    rules_digest: u64,
) -> Result<Vec<PartialReader>, MergeError> {
    let Some(first) = parts.first() else {
        return Err(MergeError::NoPartials);
    };
    let (p0, m0) = (first.path.clone(), first.meta.clone());
    for p in &parts {
        check_one(&p.path, &p.meta, rules_digest)?;
        check_pair(&p.path, &p.meta, &p0, &m0)?;
    }
    let count = m0.shard.count as usize;
    let mut by_index: Vec<Option<PathBuf>> = vec![None; count];
    for p in &parts {
        let slot = &mut by_index[p.meta.shard.index as usize];
        if let Some(other) = slot {
            return Err(disagree(
                &p.path,
                format!("repeats shard {} of {}", p.meta.shard, other.display()),
            ));
        }
        *slot = Some(p.path.clone());
    }
    let missing: Vec<String> = (0..count)
        .filter(|&k| by_index[k].is_none())
        .map(|k| format!("{k}/{count}"))
        .collect();
    if !missing.is_empty() {
        return Err(MergeError::Missing {
            shards: missing.join(", "),
        });
    }
    parts.sort_by_key(|p| p.meta.shard.index);
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Shard};

    fn meta(k: u32, n: u32) -> PartialMeta {
        PartialMeta {
            format: crate::store::FORMAT,
            version: env!("CARGO_PKG_VERSION").into(),
            rules_digest: 5,
            settings: PartialSettings {
                near_dup: 0.75,
                max_file_size: 100,
                as_of: None,
                run_date: Date::parse_iso("2026-03-01").unwrap(),
            },
            shard: Shard { index: k, count: n },
            inputs: vec!["in".into()],
            entries: 10,
            entries_digest: 9,
            input_bytes: 0,
        }
    }

    #[test]
    fn a_partial_of_other_rules_or_version_is_named() {
        let p = Path::new("s0.parquet");
        assert!(check_one(p, &meta(0, 2), 5).is_ok());
        let e = check_one(p, &meta(0, 2), 6).unwrap_err().to_string();
        assert!(e.starts_with("s0.parquet: made with other rules"), "{e}");
        let mut old = meta(0, 2);
        old.version = "0.0.1".into();
        let e = check_one(p, &old, 5).unwrap_err().to_string();
        assert!(e.contains("made by credence 0.0.1"), "{e}");
    }

    #[test]
    fn other_settings_inputs_or_counts_are_named() {
        let (a, b) = (Path::new("a"), Path::new("b"));
        assert!(check_pair(b, &meta(1, 2), a, &meta(0, 2)).is_ok());
        let mut other = meta(1, 2);
        other.settings.near_dup = 0.8;
        let e = check_pair(b, &other, a, &meta(0, 2))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("b: settings near_dup=0.8"), "{e}");
        let mut other = meta(1, 2);
        other.settings.run_date = Date::parse_iso("2026-03-02").unwrap();
        assert!(check_pair(b, &other, a, &meta(0, 2)).is_err());
        let mut other = meta(1, 2);
        other.entries_digest = 1;
        let e = check_pair(b, &other, a, &meta(0, 2))
            .unwrap_err()
            .to_string();
        assert!(e.contains("made from other inputs"), "{e}");
        let e = check_pair(b, &meta(1, 3), a, &meta(0, 2))
            .unwrap_err()
            .to_string();
        assert!(e.contains("shard 1/3 is not of the 2 shards of a"), "{e}");
    }
}
