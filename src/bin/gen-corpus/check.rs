//! `--check`: re-reads the corpus with credence's own ingest and segmenter
//! and compares every article's date and paragraphs with what was written.

use crate::corpus::{norm_hash, Expected};
use credence::model::Date;
use std::collections::BTreeMap;
use std::path::Path;

/// Re-reads the corpus with credence's ingest and segmenter and compares.
pub(crate) fn check(dir: &Path, expected: &Expected) -> Result<(), String> {
    use credence::ingest;
    let d = ingest::discover(&[dir.to_path_buf()]).map_err(|e| e.to_string())?;
    let cfg = ingest::IngestConfig::default();
    let mut got: BTreeMap<String, (Date, Vec<u64>)> = BTreeMap::new();
    let mut failures = Vec::new();
    for e in d.entries.iter() {
        let l = ingest::load(&e, &cfg);
        for f in l.failures {
            failures.push(format!("{}: {}", f.key, f.reason));
        }
        for mut a in l.articles {
            credence::segment::segment(&mut a);
            let hashes = a
                .paragraphs
                .iter()
                .map(|p| norm_hash(a.para_text(p)))
                .collect();
            got.insert(a.key.clone(), (a.date, hashes));
        }
    }
    let mut problems = failures;
    if got.len() != expected.len() {
        problems.push(format!(
            "credence read {} articles, {} were written",
            got.len(),
            expected.len()
        ));
    }
    for (key, date, hashes) in expected {
        match got.get(key) {
            None => problems.push(format!("{key}: not read by credence")),
            Some((d, h)) => {
                if d != date {
                    problems.push(format!("{key}: credence dates it {d}, written as {date}"));
                }
                if h != hashes {
                    let first = h
                        .iter()
                        .zip(hashes)
                        .position(|(a, b)| a != b)
                        .unwrap_or(h.len().min(hashes.len()));
                    problems.push(format!(
                        "{key}: credence sees {} paragraphs, {} were written (first difference at paragraph {})",
                        h.len(),
                        hashes.len(),
                        first + 1
                    ));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        let n = problems.len();
        problems.truncate(20);
        Err(format!(
            "check failed ({n} problems):\n{}",
            problems.join("\n")
        ))
    }
}
