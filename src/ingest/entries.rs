//! The list of entries discovery makes, held compactly for the whole run:
//! every entry's relative path in one string, 16 bytes of numbers per
//! entry (where its path ends, its INPUT root, its manifest and format),
//! the INPUT roots and the manifests in small tables, and the few failed
//! entries' records apart. An entry is made whole ([`Entry`]) only when it
//! is read.

use super::{Entry, Format, InputFile, Manifest};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where the files of a root are: `path` itself (`whole`: a file INPUT, or
/// a path its relative path does not spell, such as a name that is not
/// UTF-8), or `path` joined with their relative path (a folder INPUT).
#[derive(Clone, Debug, PartialEq)]
struct Root {
    path: PathBuf,
    whole: bool,
}

/// What a failed entry holds besides its relative path.
#[derive(Clone, Debug)]
struct Failed {
    path: PathBuf,
    line: Option<u32>,
    reason: String,
}

/// One entry's numbers (16 bytes).
#[derive(Clone, Copy, Debug)]
struct Item {
    /// Where its relative path ends in `rels` (it starts where the previous
    /// entry's ends).
    end: u64,
    /// A file's root in `roots`; a failed entry's record in `failed`.
    at: u32,
    /// The kind in the low [`KIND_BITS`] bits (0: failed, else the
    /// format's code), above them the manifest's number in `manifests`
    /// plus one (0: none).
    tag: u32,
}

const KIND_BITS: u32 = 3;
const FAILED: u32 = 0;

fn code(format: Format) -> u32 {
    match format {
        Format::Text => 1,
        Format::Markdown => 2,
        Format::Html => 3,
        Format::Jsonl => 4,
    }
}

fn format_of(code: u32) -> Format {
    match code {
        1 => Format::Text,
        2 => Format::Markdown,
        3 => Format::Html,
        _ => Format::Jsonl,
    }
}

/// The sorted entries of a discovery: about 16 bytes plus the relative
/// path per entry (the paths, manifest keys and top folders of the files
/// are made from the relative path when an entry is read).
#[derive(Clone, Debug, Default)]
pub struct Entries {
    rels: String,
    items: Vec<Item>,
    roots: Vec<Root>,
    manifests: Vec<Arc<Manifest>>,
    failed: Vec<Failed>,
}

impl Entries {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Entry `i`'s path relative to its INPUT.
    pub fn rel(&self, i: usize) -> &str {
        let start = match i {
            0 => 0,
            _ => self.items[i - 1].end as usize,
        };
        &self.rels[start..self.items[i].end as usize]
    }

    /// Every entry's relative path, in order.
    pub fn rels(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.rel(i))
    }

    /// Whether entry `i` is a file to read (not a failed entry).
    pub fn is_file(&self, i: usize) -> bool {
        self.items[i].tag & kind_mask() != FAILED
    }

    /// The file entries.
    pub fn files(&self) -> usize {
        (0..self.len()).filter(|&i| self.is_file(i)).count()
    }

    /// Where entry `i` is read from (a failed entry: the path that failed).
    pub fn path(&self, i: usize) -> PathBuf {
        let item = self.items[i];
        if !self.is_file(i) {
            return self.failed[item.at as usize].path.clone();
        }
        let root = &self.roots[item.at as usize];
        match root.whole {
            true => root.path.clone(),
            false => join(&root.path, self.rel(i)),
        }
    }

    /// Entry `i`, made whole.
    pub fn get(&self, i: usize) -> Entry {
        let item = self.items[i];
        let rel = self.rel(i).to_string();
        let kind = item.tag & kind_mask();
        if kind == FAILED {
            let f = &self.failed[item.at as usize];
            return Entry::Failed {
                rel,
                path: f.path.clone(),
                line: f.line,
                reason: f.reason.clone(),
            };
        }
        let manifest = match item.tag >> KIND_BITS {
            0 => None,
            m => Some(self.manifests[m as usize - 1].clone()),
        };
        Entry::File(InputFile::new(self.path(i), rel, format_of(kind), manifest))
    }

    /// Every entry made whole, in order.
    pub fn iter(&self) -> impl Iterator<Item = Entry> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Adds an INPUT root (`whole`: the file is the root itself); returns
    /// its number.
    pub(super) fn add_root(&mut self, path: PathBuf, whole: bool) -> u32 {
        self.roots.push(Root { path, whole });
        (self.roots.len() - 1) as u32
    }

    /// Adds a manifest; returns the number files give for it (0: none).
    pub(super) fn add_manifest(&mut self, manifest: Option<Arc<Manifest>>) -> u32 {
        match manifest {
            None => 0,
            Some(m) => {
                self.manifests.push(m);
                self.manifests.len() as u32
            }
        }
    }

    /// Adds a file under root `root` (from [`Entries::add_root`]) with
    /// manifest `manifest` (from [`Entries::add_manifest`]).
    pub(super) fn push_file(&mut self, rel: &str, root: u32, manifest: u32, format: Format) {
        let tag = manifest << KIND_BITS | code(format);
        self.push_item(rel, root, tag);
    }

    fn push_item(&mut self, rel: &str, at: u32, tag: u32) {
        self.rels.push_str(rel);
        let end = self.rels.len() as u64;
        self.items.push(Item { end, at, tag });
    }

    /// Adds an entry made whole (a file becomes its own root).
    pub fn push(&mut self, entry: Entry) {
        match entry {
            Entry::File(f) => {
                let root = self.add_root(f.path().to_path_buf(), true);
                let manifest = self.add_manifest(f.manifest.clone());
                self.push_file(f.rel(), root, manifest, f.format());
            }
            Entry::Failed {
                rel,
                path,
                line,
                reason,
            } => {
                self.failed.push(Failed { path, line, reason });
                let at = (self.failed.len() - 1) as u32;
                self.push_item(&rel, at, FAILED);
            }
        }
    }

    /// Sorts the entries by relative path, keeping the order of equal ones.
    pub(super) fn sort_by_rel(&mut self) {
        if self.rels().zip(self.rels().skip(1)).all(|(a, b)| a <= b) {
            return;
        }
        let mut order: Vec<u32> = (0..self.len() as u32).collect();
        order.sort_by(|&a, &b| self.rel(a as usize).cmp(self.rel(b as usize)));
        self.reorder(&order);
    }

    /// The entries at positions `order`, in that order (the tables kept).
    fn reorder(&mut self, order: &[u32]) {
        let mut rels = String::with_capacity(self.rels.len());
        let mut items = Vec::with_capacity(order.len());
        for &i in order {
            rels.push_str(self.rel(i as usize));
            let end = rels.len() as u64;
            items.push(Item {
                end,
                ..self.items[i as usize]
            });
        }
        self.rels = rels;
        self.items = items;
    }

    /// The entries whose relative path `keep` takes, and the position of
    /// each among these.
    pub fn select(&self, keep: impl Fn(&str) -> bool) -> (Entries, Vec<u32>) {
        let positions: Vec<u32> = (0..self.len() as u32)
            .filter(|&i| keep(self.rel(i as usize)))
            .collect();
        let mut own = self.clone();
        own.reorder(&positions);
        own.shrink_to_fit();
        (own, positions)
    }

    /// Gives back the room the list grew into.
    pub(super) fn shrink_to_fit(&mut self) {
        self.rels.shrink_to_fit();
        self.items.shrink_to_fit();
        self.roots.shrink_to_fit();
        self.manifests.shrink_to_fit();
        self.failed.shrink_to_fit();
    }
}

fn kind_mask() -> u32 {
    (1 << KIND_BITS) - 1
}

/// `root` joined with the `/`-separated `rel`, one name at a time (as the
/// walk joins them).
pub(super) fn join(root: &Path, rel: &str) -> PathBuf {
    let mut path = root.to_path_buf();
    for name in rel.split('/') {
        path.push(name);
    }
    path
}

impl FromIterator<Entry> for Entries {
    fn from_iter<T: IntoIterator<Item = Entry>>(iter: T) -> Entries {
        let mut entries = Entries::default();
        for e in iter {
            entries.push(e);
        }
        entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn failed(rel: &str, line: Option<u32>) -> Entry {
        Entry::Failed {
            rel: rel.into(),
            path: PathBuf::from("/in").join(rel),
            line,
            reason: format!("bad {rel}"),
        }
    }

    fn manifest(digest: u64) -> Arc<Manifest> {
        Arc::new(Manifest {
            entries: HashMap::new(),
            digest,
        })
    }

    /// Every field of an entry, to compare entries.
    fn fields(e: &Entry) -> String {
        match e {
            Entry::File(f) => format!(
                "{:?} {} {} {:?} {:?} {:?}",
                f.path(),
                f.rel(),
                f.manifest_key(),
                f.top_folder(),
                f.format(),
                f.manifest().map(|m| m.digest)
            ),
            Entry::Failed {
                rel,
                path,
                line,
                reason,
            } => format!("{rel} {path:?} {line:?} {reason}"),
        }
    }

    #[test]
    fn files_come_back_whole_from_their_root_and_manifest() {
        let mut list = Entries::default();
        let a = list.add_root(PathBuf::from("/data/a"), false);
        let one = list.add_root(PathBuf::from("/x/one.htm"), true);
        let m = list.add_manifest(Some(manifest(7)));
        let none = list.add_manifest(None);
        list.push_file("büro/Zürich – été.md", a, m, Format::Markdown);
        list.push_file("one.htm", one, none, Format::Html);
        list.push(failed("z/bad.txt", Some(3)));
        list.push_file("top.jsonl", a, none, Format::Jsonl);
        assert_eq!(list.len(), 4);
        assert_eq!(
            fields(&list.get(0)),
            "\"/data/a/büro/Zürich – été.md\" büro/Zürich – été.md Zürich – été.md \
             Some(\"büro\") Markdown Some(7)"
        );
        assert_eq!(
            fields(&list.get(1)),
            "\"/x/one.htm\" one.htm one.htm None Html None"
        );
        assert_eq!(fields(&list.get(2)), fields(&failed("z/bad.txt", Some(3))));
        assert_eq!(list.path(3), PathBuf::from("/data/a/top.jsonl"));
        assert_eq!((list.is_file(2), list.files()), (false, 3));
        let rels: Vec<&str> = list.rels().collect();
        assert_eq!(
            rels,
            ["büro/Zürich – été.md", "one.htm", "z/bad.txt", "top.jsonl"]
        );
    }

    #[test]
    fn entries_made_whole_go_back_in_unchanged() {
        let mut list = Entries::default();
        for r in 0..300 {
            let root = list.add_root(PathBuf::from(format!("/root{r}")), r % 7 == 0);
            let m = list.add_manifest((r % 3 == 0).then(|| manifest(r)));
            let format = [Format::Text, Format::Html, Format::Jsonl][r as usize % 3];
            list.push_file(&format!("ж{r}/f{r}.x"), root, m, format);
            if r % 50 == 0 {
                list.push(failed(&format!("f{r}"), None));
            }
        }
        let again: Entries = list.iter().collect();
        assert_eq!(again.len(), 306);
        for i in 0..list.len() {
            assert_eq!(fields(&list.get(i)), fields(&again.get(i)), "entry {i}");
        }
        assert_eq!(list.path(1), PathBuf::from("/in/f0"));
        assert_eq!(list.path(2), PathBuf::from("/root1/ж1/f1.x"));
        assert_eq!(list.path(0), PathBuf::from("/root0"));
    }

    #[test]
    fn sorting_keeps_each_entry_whole_and_ties_in_order() {
        let mut list = Entries::default();
        let root = list.add_root(PathBuf::from("in"), false);
        for rel in ["b/2.txt", "a.md", "b/1.txt", "é.txt", "a.md"] {
            let m = list.add_manifest(Some(manifest(rel.len() as u64)));
            list.push_file(rel, root, m, Format::Text);
        }
        list.push(failed("a.md", Some(9)));
        let before: Vec<String> = list.iter().map(|e| fields(&e)).collect();
        list.sort_by_rel();
        let rels: Vec<&str> = list.rels().collect();
        assert_eq!(
            rels,
            ["a.md", "a.md", "a.md", "b/1.txt", "b/2.txt", "é.txt"]
        );
        let after: Vec<String> = list.iter().map(|e| fields(&e)).collect();
        assert_eq!(
            after,
            [1, 4, 5, 2, 0, 3].map(|i| before[i].clone()).to_vec()
        );
    }

    #[test]
    fn a_selection_keeps_positions_and_whole_entries() {
        let list: Entries = (0..10)
            .map(|i| failed(&format!("d/{i}"), Some(i)))
            .collect();
        let (own, pos) = list.select(|rel| rel.ends_with(['1', '4', '9']));
        assert_eq!(pos, [1, 4, 9]);
        for (k, &p) in pos.iter().enumerate() {
            assert_eq!(fields(&own.get(k)), fields(&list.get(p as usize)));
        }
        let (none, pos) = list.select(|_| false);
        assert!(none.is_empty() && pos.is_empty());
    }

    #[test]
    fn a_path_is_joined_name_by_name() {
        let expected = Path::new("r").join("a").join("b.txt");
        assert_eq!(
            join(Path::new("r"), "a/b.txt").as_os_str(),
            expected.as_os_str()
        );
        assert_eq!(join(Path::new("r/"), "x").as_os_str(), "r/x");
    }
}
