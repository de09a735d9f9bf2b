//! JSON Lines (`.jsonl`, `.ndjson`): one article per line, each a JSON
//! object with the text in `text`, `body` or `content`; lines that are not
//! become failures with their line number.

use super::article::{build, Parsed};
use super::decode::{decode, normalize_text};
use super::{failure, IngestConfig, InputFile, Loaded};
use crate::model::{ArticleId, Finding, FindingKind, InputFailure, Meta, MetaOrigin, Origins};
use serde_json::{Map, Value};

/// JSONL: one article per line; malformed lines become failures.
///
/// 1. [`decode`] the whole file (a binary or empty file is one failure).
/// 2. For each non-blank line, [`parse_record`] reads the JSON object,
///    [`record_key`] names it, and a record without text is a failure.
/// 3. [`load_record`] builds the article from the record.
pub(super) fn load_jsonl(file: &InputFile, bytes: &[u8], cfg: &IngestConfig, out: &mut Loaded) {
    let decoded = match decode(bytes) {
        Ok(d) => d,
        Err(reason) => {
            out.failures.push(failure(file, reason));
            return;
        }
    };
    if decoded.empty {
        out.failures.push(failure(file, "empty file"));
        return;
    }
    for (i, line) in decoded.text.split('\n').enumerate() {
        let line_no = i as u32 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let fail = |out: &mut Loaded, key: String, reason: String| {
            out.failures.push(InputFailure {
                id: ArticleId(0),
                key,
                path: file.path().to_path_buf(),
                line: Some(line_no),
                reason,
            })
        };
        let record = match parse_record(line, line_no) {
            Ok(record) => record,
            Err(reason) => {
                fail(out, format!("{}#L{line_no}", file.rel()), reason);
                continue;
            }
        };
        let key = record_key(file.rel(), &record.id, line_no);
        if record.text.trim().is_empty() {
            fail(
                out,
                key,
                format!("line {line_no}: no text in `text`, `body` or `content`"),
            );
            continue;
        }
        let repaired = decoded.repaired.filter(|_| line.contains('\u{FFFD}'));
        let line = RecordLine {
            text: line,
            number: line_no,
            repaired,
        };
        out.articles
            .push(load_record(file, key, record, &line, cfg));
    }
}

/// The fields credence reads from one JSONL record.
#[derive(Debug, PartialEq)]
struct Record {
    id: String,
    text: String,
    meta: Meta,
}

/// One line of the file as it was read.
struct RecordLine<'a> {
    text: &'a str,
    /// 1-based line number.
    number: u32,
    /// Invalid UTF-8 sequences replaced in the file, when this line has one.
    repaired: Option<usize>,
}

/// Reads one line as a JSON object; the error is the failure's reason.
fn parse_record(line: &str, line_no: u32) -> Result<Record, String> {
    let value: Value =
        serde_json::from_str(line).map_err(|e| format!("line {line_no}: malformed JSON: {e}"))?;
    let Some(obj) = value.as_object() else {
        return Err(format!("line {line_no}: not a JSON object"));
    };
    let field = |names: &[&str]| string_field(obj, names);
    Ok(Record {
        id: field(&["id"]),
        text: field(&["text", "body", "content"]),
        meta: Meta {
            title: field(&["title", "headline"]),
            date: field(&[
                "date",
                "published",
                "published_at",
                "pubdate",
                "datePublished",
            ]),
            source: field(&["source", "publisher", "site", "outlet"]),
            author: field(&["author", "byline"]),
            url: field(&["url", "link"]),
            origins: Origins::default(),
        }
        .found_in(MetaOrigin::Jsonl),
    })
}

/// The first of `names` holding a non-blank string or a number, as text;
/// empty when none does.
fn string_field(obj: &Map<String, Value>, names: &[&str]) -> String {
    for n in names {
        match obj.get(*n) {
            Some(Value::String(s)) if !s.trim().is_empty() => return s.clone(),
            Some(Value::Number(x)) => return x.to_string(),
            _ => {}
        }
    }
    String::new()
}

/// A record's report key: the file's path with `#` and the record's `id`,
/// or `#L` and the line number when it has none.
fn record_key(rel: &str, id: &str, line_no: u32) -> String {
    if id.is_empty() {
        format!("{rel}#L{line_no}")
    } else {
        format!("{rel}#{id}")
    }
}

/// Builds the article of one record (its hash is the line's), with a note
/// when the line held replaced invalid UTF-8.
fn load_record(
    file: &InputFile,
    key: String,
    record: Record,
    line: &RecordLine<'_>,
    cfg: &IngestConfig,
) -> crate::model::Article {
    let parsed = Parsed {
        text: normalize_text(&record.text),
        meta: record.meta,
        line_map: vec![line.number],
        ..Parsed::default()
    };
    let hash = xxhash_rust::xxh3::xxh3_64(line.text.as_bytes());
    let rec_key = key
        .rsplit_once('#')
        .map(|(_, r)| format!("{}#{r}", file.manifest_key()))
        .unwrap_or_default();
    let mut a = build(file, &rec_key, key, parsed, line.number, hash, cfg);
    if let Some(bad) = line.repaired {
        a.notes.push(
            Finding::new(ArticleId(0), FindingKind::EncodingRepaired)
                .message(format!(
                    "invalid UTF-8 in the file ({bad} sequence(s)) replaced with U+FFFD"
                ))
                .evidence(file.rel().to_string()),
        );
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Format;
    use crate::model::Date;

    fn file() -> InputFile {
        InputFile::new("f.jsonl".into(), "dir/f.jsonl".into(), Format::Jsonl, None)
    }

    fn cfg() -> IngestConfig {
        IngestConfig {
            as_of: Date::parse_iso("2026-02-01"),
            ..IngestConfig::default()
        }
    }

    #[test]
    fn records_read_synonyms_and_numbers() {
        let r = parse_record(
            r#"{"id": 7, "body": "B", "headline": "H", "datePublished": "2026-01-02", "byline": " "}"#,
            3,
        )
        .unwrap();
        assert_eq!((r.id.as_str(), r.text.as_str()), ("7", "B"));
        assert_eq!(
            (r.meta.title.as_str(), r.meta.date.as_str()),
            ("H", "2026-01-02")
        );
        assert_eq!(r.meta.author, "");
    }

    #[test]
    fn bad_records_say_why_with_their_line() {
        let e = parse_record("{nope", 4).unwrap_err();
        assert!(e.starts_with("line 4: malformed JSON: "), "{e}");
        assert_eq!(
            parse_record("[1]", 5).unwrap_err(),
            "line 5: not a JSON object"
        );
    }

    #[test]
    fn string_fields_take_the_first_usable_name() {
        let Value::Object(obj) = serde_json::json!({"a": "  ", "b": 1.5, "c": "x", "d": true})
        else {
            unreachable!()
        };
        assert_eq!(string_field(&obj, &["a", "b", "c"]), "1.5");
        assert_eq!(string_field(&obj, &["a", "c"]), "x");
        assert_eq!(string_field(&obj, &["d", "e"]), "");
    }

    #[test]
    fn keys_use_the_id_or_the_line() {
        assert_eq!(record_key("f.jsonl", "a1", 9), "f.jsonl#a1");
        assert_eq!(record_key("f.jsonl", "", 9), "f.jsonl#L9");
    }

    #[test]
    fn a_file_gives_articles_and_line_failures_in_order() {
        let bytes = b"{\"id\":\"a\",\"text\":\"One.\"}\n\nnot json\n{\"title\":\"t\"}\n{\"text\":\"Two \xFF.\"}\n";
        let mut out = Loaded::default();
        load_jsonl(&file(), bytes, &cfg(), &mut out);
        let keys: Vec<&str> = out.articles.iter().map(|a| a.key.as_str()).collect();
        assert_eq!(keys, vec!["dir/f.jsonl#a", "dir/f.jsonl#L5"]);
        assert_eq!(out.articles[1].first_line, 5);
        assert_eq!(out.articles[1].notes.len(), 1);
        let failed: Vec<(&str, Option<u32>)> = out
            .failures
            .iter()
            .map(|f| (f.key.as_str(), f.line))
            .collect();
        assert_eq!(
            failed,
            vec![("dir/f.jsonl#L3", Some(3)), ("dir/f.jsonl#L4", Some(4))]
        );
        let mut empty = Loaded::default();
        load_jsonl(&file(), b" \n", &cfg(), &mut empty);
        assert_eq!(empty.failures[0].reason, "empty file");
        assert_eq!(empty.failures[0].line, None);
    }
}
