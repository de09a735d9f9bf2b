use super::*;

static NO_ARTICLES: Vec<ArticleSummary> = Vec::new();
static NO_ROWS: Vec<crate::model::DuplicateRow> = Vec::new();
pub(super) static NO_CLAIMS: Vec<ClaimRow> = Vec::new();
static NO_KEYS: Keys = Keys::new();
static NO_SCORES: crate::model::Scores = crate::model::Scores::new();
pub(super) static NO_MARKS: Marks = Marks::new();

fn empty() -> Reports<'static> {
    Reports {
        articles: &NO_ARTICLES,
        marks: &NO_MARKS,
        scores: &NO_SCORES,
        findings: &[],
        counts: &[],
        duplicates: &NO_ROWS,
        claims: &NO_CLAIMS,
        sources: &[],
        keys: &NO_KEYS,
        texts: &[],
    }
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn temp_dirs_start_empty() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = fresh_temp_dir(dir.path(), ".credence-tmp-1").unwrap();
    fs::write(tmp.join("stale.csv"), "old").unwrap();
    let again = fresh_temp_dir(dir.path(), ".credence-tmp-1").unwrap();
    assert_eq!(again, tmp);
    assert!(names_in(&tmp).is_empty());
}

#[test]
fn tables_are_written_with_bom_and_hashed_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let (name, hash) = write_table(dir.path(), &empty(), 4, "sources.csv", true).unwrap();
    assert_eq!(name, "sources.csv");
    let bytes = fs::read(dir.path().join("sources.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFsource,articles,"));
    assert_eq!(hash, xxhash_rust::xxh3::xxh3_64(&bytes));
    write_table(dir.path(), &empty(), 0, "articles.csv", false).unwrap();
    assert!(fs::read(dir.path().join("articles.csv"))
        .unwrap()
        .starts_with(b"article,source,"));
}

#[test]
fn commit_moves_the_set_and_clears_journal_and_temp() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = fresh_temp_dir(dir.path(), ".credence-tmp-7").unwrap();
    for name in REPORTS {
        fs::write(tmp.join(name), name).unwrap();
    }
    fs::write(dir.path().join("articles.csv"), "previous").unwrap();
    commit(dir.path(), &tmp, ".credence-tmp-7", &REPORTS).unwrap();
    assert_eq!(names_in(dir.path()), {
        let mut v: Vec<String> = REPORTS.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    });
    assert_eq!(
        fs::read_to_string(dir.path().join("articles.csv")).unwrap(),
        "articles.csv"
    );
}

#[test]
fn write_leaves_the_six_reports_and_their_hashes() {
    let dir = tempfile::tempdir().unwrap();
    let lock = lock_out(dir.path()).unwrap();
    let opts = Options {
        bom: false,
        xlsx: false,
        review: false,
        review_limit: 0,
    };
    let written = write(&lock, &empty(), &opts).unwrap();
    let names: Vec<&str> = written.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, REPORTS);
    for (name, hash) in &written {
        let bytes = fs::read(dir.path().join(name)).unwrap();
        assert_eq!(*hash, xxhash_rust::xxh3::xxh3_64(&bytes), "{name}");
    }
    let mut expected: Vec<String> = REPORTS.iter().map(|s| s.to_string()).collect();
    expected.push(".credence.lock".into());
    expected.sort();
    assert_eq!(names_in(dir.path()), expected);
}

#[test]
fn cache_is_replaced_whole() {
    let dir = tempfile::tempdir().unwrap();
    let lock = lock_out(dir.path()).unwrap();
    let path = dir.path().join("cache.bin");
    fs::write(&path, "old").unwrap();
    write_cache(&lock, &path, b"new").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"new");
    assert!(!path.with_extension("tmp").exists());
}

#[test]
fn the_workbook_joins_the_set_and_a_stale_one_goes() {
    let dir = tempfile::tempdir().unwrap();
    let lock = lock_out(dir.path()).unwrap();
    let mut opts = Options {
        bom: true,
        xlsx: true,
        review: true,
        review_limit: 5,
    };
    let written = write(&lock, &empty(), &opts).unwrap();
    assert_eq!(written[6].0, WORKBOOK);
    assert_eq!(written[7].0, REVIEW);
    let bytes = fs::read(dir.path().join(WORKBOOK)).unwrap();
    assert!(bytes.starts_with(b"PK"));
    assert_eq!(written[6].1, xxhash_rust::xxh3::xxh3_64(&bytes));
    // Same tables, same bytes.
    write(&lock, &empty(), &opts).unwrap();
    assert_eq!(fs::read(dir.path().join(WORKBOOK)).unwrap(), bytes);
    assert!(dir.path().join(REVIEW).exists());
    opts.xlsx = false;
    opts.review = false;
    write(&lock, &empty(), &opts).unwrap();
    assert!(!dir.path().join(WORKBOOK).exists());
    assert!(!dir.path().join(REVIEW).exists());
}
