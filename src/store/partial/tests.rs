use super::*;
use crate::model::{ArticleId, Date, InputFailure};

fn article(key: &str) -> Item {
    let mut a = crate::pipeline::analyze(
        crate::segment::article_from_text(
            0,
            key,
            "The minister said so.\n\nA second paragraph here.",
            Date::parse_iso("2026-02-12").unwrap(),
        ),
        &crate::names::NameIndex::default(),
        &crate::dedup::DedupConfig::default(),
    );
    a.source = "Daily".into();
    Item::Article(Box::new(a))
}

fn failure(key: &str) -> Item {
    Item::Failure(InputFailure {
        id: ArticleId(0),
        key: key.into(),
        path: key.into(),
        line: Some(3),
        reason: "bad JSON".into(),
    })
}

fn rows(n: u32) -> Vec<PartialRow> {
    (0..n)
        .map(|i| PartialRow {
            entry: i * 3,
            file: format!("f{i}.txt"),
            content_key: u64::MAX - u64::from(i),
            item: if i % 2 == 0 {
                article(&format!("f{i}.txt"))
            } else {
                failure(&format!("f{i}.jsonl#3"))
            },
        })
        .collect()
}

fn key_of(item: &Item) -> String {
    match item {
        Item::Article(a) => format!("a {} {} {:?}", a.key, a.source, a.para_words),
        Item::Failure(f) => format!("f {} {}", f.key, f.reason),
    }
}

fn write(dir: &Path, rows: &[PartialRow]) -> PathBuf {
    let mut w = PartialWriter::create(dir).unwrap();
    for r in rows {
        w.push(r).unwrap();
    }
    let (path, n) = w.finish(&meta::sample()).unwrap();
    assert_eq!(n, rows.len() as u64);
    path
}

#[test]
fn rows_and_meta_round_trip_across_row_groups() {
    let dir = tempfile::tempdir().unwrap();
    let written = rows(ROW_GROUP as u32 + 5);
    let path = write(dir.path(), &written);
    assert_eq!(path, dir.path().join(FILE));
    assert!(!dir.path().join(format!(".{FILE}.tmp")).exists());
    // The folder opens as its partial.
    let mut r = open(dir.path()).unwrap();
    assert_eq!(r.meta, meta::sample());
    assert_eq!(r.rows, written.len() as u64);
    let mut read = Vec::new();
    while let Some(row) = r.next_row() {
        read.push(row.unwrap());
    }
    assert_eq!(read.len(), written.len());
    for (a, b) in read.iter().zip(&written) {
        assert_eq!(
            (a.entry, &a.file, a.content_key),
            (b.entry, &b.file, b.content_key)
        );
        assert_eq!(key_of(&a.item), key_of(&b.item));
    }
}

#[test]
fn same_rows_same_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let rows = rows(7);
    let bytes = |d: &Path| std::fs::read(write(d, &rows)).unwrap();
    assert_eq!(bytes(a.path()), bytes(b.path()));
}

#[test]
fn other_files_and_other_formats_are_errors_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.parquet");
    std::fs::write(&junk, b"not parquet").unwrap();
    let e = open(&junk).err().unwrap().to_string();
    assert!(e.starts_with(&junk.display().to_string()), "{e}");
    let mut newer = meta::sample();
    newer.format = FORMAT + 1;
    let w = PartialWriter::create(dir.path()).unwrap();
    w.finish(&newer).unwrap();
    let e = open(dir.path()).err().unwrap().to_string();
    assert!(e.contains(&format!("partial format {}", FORMAT + 1)), "{e}");
    let e = open(&dir.path().join("missing")).err().unwrap().to_string();
    assert!(e.contains("missing"), "{e}");
}
