//! Listing the inputs: walking folders in sorted order, and reading the
//! `manifest.csv` that covers each folder.

use super::dates::parse_date;
use super::entries::join;
use super::{Discovery, Entries, Entry, Format};
use crate::model::Meta;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Metadata rows of one `manifest.csv`, keyed by the `file` column.
#[derive(Debug, Default)]
pub struct Manifest {
    pub entries: HashMap<String, Meta>,
    /// Hash of the manifest's bytes (part of the incremental cache key).
    pub digest: u64,
}

/// Adds one INPUT that is a file: an entry if credence reads its format,
/// else a skipped path.
pub(super) fn discover_file(input: &Path, discovery: &mut Discovery) {
    let rel = input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| input.display().to_string());
    match Format::of(input) {
        Some(format) => {
            let dir = input.parent().unwrap_or(Path::new("."));
            let entries = &mut discovery.entries;
            let manifest = load_manifest(dir, &rel, entries);
            let manifest = entries.add_manifest(manifest);
            let root = entries.add_root(input.to_path_buf(), true);
            entries.push_file(&rel, root, manifest, format);
        }
        None => discovery.skipped.push(input.to_path_buf()),
    }
}

fn rel_of(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Adds every file under `root` (hidden names skipped, links followed), then
/// sorts all entries by their relative path. A file is held as its
/// relative path under `root`, or, when that does not spell its path (a
/// name that is not UTF-8), with its path as a root of its own.
pub(super) fn discover_dir(root: &Path, discovery: &mut Discovery) {
    let root_at = discovery.entries.add_root(root.to_path_buf(), false);
    let mut manifests: HashMap<PathBuf, u32> = HashMap::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for item in walker {
        match item {
            Ok(e) => {
                if !e.file_type().is_file() {
                    continue;
                }
                let path = e.path();
                if path.file_name().is_some_and(|n| n == "manifest.csv") {
                    continue;
                }
                let Some(format) = Format::of(path) else {
                    discovery.skipped.push(path.to_path_buf());
                    continue;
                };
                let rel = rel_of(root, path);
                let dir = path.parent().unwrap_or(root).to_path_buf();
                let manifest = match manifests.get(&dir) {
                    Some(&m) => m,
                    None => {
                        let dir_rel = rel_of(root, &dir);
                        let m = load_manifest(&dir, &dir_rel, &mut discovery.entries);
                        let m = discovery.entries.add_manifest(m);
                        manifests.insert(dir, m);
                        m
                    }
                };
                let entries = &mut discovery.entries;
                let at = match join(root, &rel).as_os_str() == path.as_os_str() {
                    true => root_at,
                    false => entries.add_root(path.to_path_buf(), true),
                };
                entries.push_file(&rel, at, manifest, format);
            }
            Err(err) => discovery.entries.push(walk_failure(root, &err)),
        }
    }
    discovery.entries.sort_by_rel();
}

/// The failed entry for a path the walk could not enter or read.
fn walk_failure(root: &Path, err: &walkdir::Error) -> Entry {
    let path = err
        .path()
        .map(|p| p.to_path_buf())
        .unwrap_or_else(|| root.to_path_buf());
    let reason = if err.loop_ancestor().is_some() {
        "symbolic link loop: not followed".to_string()
    } else if let Some(io) = err.io_error() {
        format!("cannot read: {io}")
    } else {
        err.to_string()
    };
    Entry::Failed {
        rel: rel_of(root, &path),
        path,
        line: None,
        reason,
    }
}

/// Loads `dir/manifest.csv` if present; problems become failed entries.
fn load_manifest(dir: &Path, dir_rel: &str, entries: &mut Entries) -> Option<Arc<Manifest>> {
    let path = dir.join("manifest.csv");
    let rel = if dir_rel.is_empty() || !path.exists() {
        "manifest.csv".to_string()
    } else {
        format!("{dir_rel}/manifest.csv")
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            entries.push(Entry::Failed {
                rel,
                path,
                line: None,
                reason: format!("cannot read manifest: {e}"),
            });
            return None;
        }
    };
    let (mut m, problems) = parse_manifest(&String::from_utf8_lossy(&bytes));
    m.digest = xxhash_rust::xxh3::xxh3_64(&bytes);
    for (line, reason) in problems {
        entries.push(Entry::Failed {
            rel: rel.clone(),
            path: path.clone(),
            line: Some(line),
            reason,
        });
    }
    Some(Arc::new(m))
}

/// Parses manifest text; returns the entries and (line, problem) pairs.
fn parse_manifest(text: &str) -> (Manifest, Vec<(u32, String)>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut m = Manifest::default();
    let mut problems = Vec::new();
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.to_ascii_lowercase()).collect(),
        Err(e) => return (m, vec![(1, format!("manifest header: {e}"))]),
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    let Some(file_col) = col("file") else {
        return (m, vec![(1, "manifest.csv has no `file` column".into())]);
    };
    let cols = [
        col("title"),
        col("date"),
        col("source"),
        col("author"),
        col("url"),
    ];
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as u32).unwrap_or(0);
                problems.push((line, format!("malformed manifest row: {e}")));
                continue;
            }
        };
        let line = rec.position().map(|p| p.line() as u32).unwrap_or(0);
        let get = |c: Option<usize>| c.and_then(|i| rec.get(i)).unwrap_or("").to_string();
        let file = get(Some(file_col)).replace('\\', "/");
        if file.is_empty() {
            continue;
        }
        let meta = Meta {
            title: get(cols[0]),
            date: get(cols[1]),
            source: get(cols[2]),
            author: get(cols[3]),
            url: get(cols[4]),
            origins: Default::default(),
        };
        if !meta.date.is_empty() && parse_date(&meta.date).is_none() {
            problems.push((
                line,
                format!(
                    "manifest date {:?} for {file} is not a date (use YYYY-MM-DD)",
                    meta.date
                ),
            ));
        }
        m.entries.insert(file, meta);
    }
    (m, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_rows_and_problems() {
        let (m, p) =
            parse_manifest("file,title,date,source\na.txt,T,2026-02-12,S\nb.txt,,not a date,\n");
        assert_eq!(m.entries["a.txt"].source, "S");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].0, 3);
    }

    #[test]
    fn folders_are_walked_sorted_with_their_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/sub")).unwrap();
        std::fs::write(root.join("b/sub/z.txt"), "z").unwrap();
        std::fs::write(root.join("a.md"), "a").unwrap();
        std::fs::write(root.join("notes.pdf"), "x").unwrap();
        std::fs::write(root.join(".hidden.txt"), "h").unwrap();
        std::fs::write(root.join("b/manifest.csv"), "file,source\nsub/z.txt,Zed\n").unwrap();
        let mut discovery = Discovery::default();
        discover_dir(root, &mut discovery);
        let rels: Vec<&str> = discovery.entries.rels().collect();
        assert_eq!(rels, vec!["a.md", "b/sub/z.txt"]);
        assert_eq!(discovery.skipped, vec![root.join("notes.pdf")]);
        let Entry::File(z) = discovery.entries.get(1) else {
            panic!("not a file")
        };
        assert_eq!(z.manifest_key(), "z.txt");
        assert_eq!(z.top_folder(), Some("b"));
        assert_eq!(z.path(), root.join("b").join("sub").join("z.txt"));
        // The manifest of b/ does not cover b/sub/.
        assert!(z.manifest().is_none());
    }

    #[test]
    fn several_inputs_keep_their_own_roots_sorted_together() {
        let dir = tempfile::tempdir().unwrap();
        for d in ["one", "two"] {
            std::fs::create_dir_all(dir.path().join(d).join("sub")).unwrap();
            std::fs::write(dir.path().join(d).join("sub/a.txt"), d).unwrap();
        }
        std::fs::write(dir.path().join("single.md"), "s").unwrap();
        let inputs = ["one", "single.md", "two"].map(|i| dir.path().join(i));
        let found = crate::ingest::discover(&inputs).unwrap();
        let list = &found.entries;
        let rels: Vec<&str> = list.rels().collect();
        assert_eq!(rels, ["single.md", "sub/a.txt", "sub/a.txt"]);
        let paths: Vec<PathBuf> = (0..list.len()).map(|i| list.path(i)).collect();
        assert_eq!(
            paths,
            [
                inputs[1].clone(),
                inputs[0].join("sub").join("a.txt"),
                inputs[2].join("sub").join("a.txt")
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_keeps_its_exact_path() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        std::fs::create_dir(dir.path().join("d")).unwrap();
        std::fs::write(dir.path().join("d").join(name), "x").unwrap();
        std::fs::write(dir.path().join("d/b.txt"), "x").unwrap();
        let mut discovery = Discovery::default();
        discover_dir(dir.path(), &mut discovery);
        let Entry::File(f) = discovery.entries.get(1) else {
            panic!("not a file")
        };
        assert_eq!(f.rel(), "d/caf\u{FFFD}.txt");
        assert_eq!(
            f.path().as_os_str(),
            dir.path().join("d").join(name).as_os_str()
        );
        assert_eq!(f.top_folder(), Some("d"));
        assert_eq!(
            discovery.entries.path(0),
            dir.path().join("d").join("b.txt")
        );
    }

    #[test]
    fn a_single_file_input_is_keyed_by_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("one.htm");
        std::fs::write(&file, "<p>x</p>").unwrap();
        std::fs::write(dir.path().join("manifest.csv"), "file,title\none.htm,T\n").unwrap();
        let mut discovery = Discovery::default();
        discover_file(&file, &mut discovery);
        discover_file(&dir.path().join("x.doc"), &mut discovery);
        assert_eq!(discovery.entries.len(), 1);
        let Entry::File(f) = discovery.entries.get(0) else {
            panic!("not a file")
        };
        assert_eq!((f.rel(), f.format()), ("one.htm", Format::Html));
        assert_eq!(
            (f.path(), f.manifest_key(), f.top_folder()),
            (file.as_path(), "one.htm", None)
        );
        assert_eq!(f.manifest().unwrap().entries["one.htm"].title, "T");
        assert_eq!(discovery.skipped.len(), 1);
    }
}
