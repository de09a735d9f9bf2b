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

/// Every article of `ingest_metadata` (an HTML news page, a blog page, a
/// text with a byline and a manifest source, Markdown front matter, JSONL
/// records) names where its title, source, author and URL came from.
#[test]
fn ingest_metadata_records_where_title_source_author_and_url_came_from() {
    let out = check_golden("ingest_metadata");
    let text = report(out.path(), "articles.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let cols = [
        "article",
        "title",
        "title_origin",
        "source",
        "source_origin",
        "author",
        "author_origin",
        "url",
        "url_origin",
    ]
    .map(col);
    let got: Vec<Vec<String>> = rows(out.path(), "articles.csv")
        .into_iter()
        .map(|r| cols.iter().map(|&c| r[c].clone()).collect())
        .collect();
    let want = [
        [
            "blog/allotment.html",
            "Notes from the allotment",
            "title_tag",
            "greenfinger.example",
            "host",
            "Ruth Okafor",
            "byline",
            "https://greenfinger.example/2025/06/notes-from-the-allotment/",
            "canonical",
        ],
        [
            "blog/wire_note.txt",
            "Council approves a new cycle bridge",
            "first_line",
            "Valley Wire",
            "manifest",
            "Petra Lind",
            "byline",
            "",
            "none",
        ],
        [
            "essay.md",
            "Why the night trains came back",
            "front_matter",
            "Rail Notes",
            "front_matter",
            "Sam Ortega",
            "front_matter",
            "https://railnotes.example/essays/night-trains",
            "front_matter",
        ],
        [
            "feed.jsonl#ferry-1",
            "Island ferry adds a winter sailing",
            "jsonl",
            "islandpost.example",
            "host",
            "Kai Moreno",
            "jsonl",
            "https://islandpost.example/2025/12/01/ferry",
            "jsonl",
        ],
        [
            "feed.jsonl#notice-2",
            "Roadworks on the coast road",
            "first_line",
            "unknown",
            "none",
            "",
            "none",
            "",
            "none",
        ],
        [
            "news_page.html",
            "Harbour reopens after the storm",
            "og_title",
            "Coastline Herald",
            "og_site_name",
            "Mia Sandoval, Ola Brandt",
            "json_ld",
            "https://www.coastline-herald.example/news/2025/10/harbour-reopens",
            "canonical",
        ],
    ];
    let want: Vec<Vec<String>> = want
        .iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect();
    assert_eq!(got, want);
}
