//! HTML pages: `credence text` shows what the reader and segmenter kept,
//! with each paragraph's mark, on a page with a declared legacy charset,
//! page furniture, a template, a noscript, a comment and a repeat.

use crate::common::{check_golden, credence, root};

/// Runs `credence text` on the `html_text` corpus with `extra` arguments.
fn text(extra: &[&str]) -> String {
    let input = root().join("tests/corpora/html_text/input");
    let out = credence()
        .arg("text")
        .arg(&input)
        .args(["--as-of", "2026-03-10"])
        .args(extra)
        .output()
        .expect("credence runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn golden(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/corpora/html_text/expected").join(name)).unwrap()
}

#[test]
fn html_text_shows_paragraphs_and_their_marks() {
    assert_eq!(text(&[]), golden("text.txt"));
}

#[test]
fn html_text_json_is_one_object_per_article() {
    let out = text(&["--json"]);
    assert_eq!(out, golden("text.jsonl"));
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for key in ["article", "title", "date", "date_origin", "paragraphs"] {
            assert!(v.get(key).is_some(), "{key} missing in {line}");
        }
    }
}

#[test]
fn html_text_scores_the_same_page() {
    check_golden("html_text");
}

#[test]
fn html_text_missing_input_is_a_usage_error() {
    let out = credence().args(["text", "no/such/input"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
