//! Reading inputs: where an article's date comes from.

use crate::common::*;

/// Each article of `ingest_dates` is dated a different way; the truly
/// undated ones fall back to `--as-of`.
#[test]
fn ingest_dates_finds_dates_in_metadata_urls_and_stamps() {
    let out = check_golden("ingest_dates");
    let got: Vec<(String, String, String)> = rows(out.path(), "articles.csv")
        .into_iter()
        .map(|r| (r[0].clone(), r[10].clone(), r[11].clone()))
        .collect();
    let want = [
        // JSONL records in file order.
        ("feed.jsonl#url-dated", "2025-02-11", "url"),
        ("feed.jsonl#stamp", "2025-08-25", "dateline"),
        ("feed.jsonl#id-url", "2026-02-20", "as_of"),
        ("feed.jsonl#month-url", "2026-02-20", "as_of"),
        ("feed.jsonl#date-field", "2025-09-30", "metadata"),
        ("html_canonical.html", "2025-09-05", "url"),
        ("html_jsonld.html", "2025-07-04", "metadata"),
        ("html_meta.html", "2025-01-24", "metadata"),
        ("html_time.html", "2025-08-01", "metadata"),
        ("manifest_url.txt", "2025-09-12", "url"),
        ("md_stamp.md", "2025-04-18", "dateline"),
        ("md_url.md", "2025-03-07", "url"),
        ("txt_byline_furniture.txt", "2025-05-02", "dateline"),
        ("txt_published.txt", "2025-06-15", "dateline"),
        ("txt_undated.txt", "2026-02-20", "as_of"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, d, o)| (a.to_string(), d.to_string(), o.to_string()))
        .collect();
    assert_eq!(got, want);
    // Dated correctly, Ishiba is the prime minister of the day; only the
    // undated article is judged at --as-of, when he no longer was.
    let outdated: Vec<String> = findings(out.path())
        .into_iter()
        .filter(|f| f.1 == "outdated_officeholder")
        .map(|f| f.0)
        .collect();
    assert_eq!(outdated, ["txt_undated.txt"]);
}
