use super::*;
use std::path::Path;

fn file(format: Format, path: &Path) -> InputFile {
    InputFile::new(path.to_path_buf(), "x".into(), format, None)
}

fn cfg() -> IngestConfig {
    IngestConfig {
        as_of: Date::parse_iso("2026-02-01"),
        ..IngestConfig::default()
    }
}

#[test]
fn text_is_parsed_by_format() {
    let md = "---\ntitle: T\n---\n<p>Body</p>";
    assert_eq!(parse_text(Format::Text, md.into()).text, md);
    let p = parse_text(Format::Markdown, md.into());
    assert_eq!(
        (p.meta.title.as_str(), p.text.as_str()),
        ("T", "<p>Body</p>")
    );
    assert_eq!(
        parse_text(Format::Html, md.into()).text,
        "--- title: T ---\n\nBody"
    );
    assert!(parse_text(Format::Jsonl, md.into()).text.is_empty());
}

#[test]
fn no_text_reasons_by_format() {
    assert_eq!(no_text_reason(Format::Html, true), "HTML has no body text");
    assert_eq!(no_text_reason(Format::Text, true), "empty file");
    assert_eq!(
        no_text_reason(Format::Markdown, false),
        "no text after metadata"
    );
}

#[test]
fn read_refuses_large_and_missing_files_with_their_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    std::fs::write(&path, "12345").unwrap();
    let small = IngestConfig {
        max_file_size: 4,
        ..cfg()
    };
    let err = read(&file(Format::Text, &path), &small).unwrap_err();
    assert_eq!(
        failure(&file(Format::Text, &path), err).reason,
        "file is 5 bytes, over --max-file-size 4 bytes: skipped"
    );
    assert_eq!(read(&file(Format::Text, &path), &cfg()).unwrap(), b"12345");
    let err = read(&file(Format::Text, &dir.path().join("none")), &cfg()).unwrap_err();
    assert!(matches!(err, ReadError::Io(_)));
    assert!(err.to_string().starts_with("cannot read: "), "{err}");
}

#[test]
fn load_bytes_gives_one_article_or_one_failure() {
    let path = Path::new("x");
    let loaded = load_bytes(&file(Format::Text, path), b"Title\n\nBody \xFF.", &cfg());
    assert!(loaded.failures.is_empty());
    let article = &loaded.articles[0];
    assert_eq!(
        (article.title.as_str(), article.key.as_str()),
        ("Title", "x")
    );
    assert_eq!(article.notes.len(), 1);
    assert_eq!(
        article.content_hash,
        xxhash_rust::xxh3::xxh3_64(b"Title\n\nBody \xFF.")
    );
    let failed = load_bytes(&file(Format::Markdown, path), b"\xEF\xBB\xBF  \n", &cfg());
    assert!(failed.articles.is_empty());
    assert_eq!(failed.failures[0].reason, "empty file");
    let binary = load_bytes(&file(Format::Html, path), b"<p>a\0b</p>", &cfg());
    assert_eq!(
        binary.failures[0].reason,
        "binary file (contains NUL bytes): skipped"
    );
}

#[test]
fn failed_entries_load_as_their_failure() {
    let entry = Entry::Failed {
        rel: "m/manifest.csv".into(),
        path: "in/m/manifest.csv".into(),
        line: Some(3),
        reason: "bad row".into(),
    };
    let loaded = load(&entry, &cfg());
    assert!(loaded.articles.is_empty());
    let f = &loaded.failures[0];
    assert_eq!(
        (f.key.as_str(), f.line, f.reason.as_str()),
        ("m/manifest.csv", Some(3), "bad row")
    );
}
