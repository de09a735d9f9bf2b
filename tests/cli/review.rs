//! The workbook (`report.xlsx`) and the review page (`review.html`): read
//! back as a spreadsheet program and a browser would see them.

use crate::common::{credence, root};
use calamine::{open_workbook, Data, Reader, Xlsx};
use std::io::Read;
use std::path::Path;

/// Scores the seeds into a fresh folder with extra arguments.
fn seeds(extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let o = credence()
        .args(["score", "seeds", "-q", "--out"])
        .arg(out.path())
        .args(extra)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        o.stdout.is_empty() && o.stderr.is_empty(),
        "-q stays silent"
    );
    out
}

/// A sheet's rows, header first.
fn sheet(dir: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = open_workbook(dir.join("report.xlsx")).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    assert_eq!(range.start(), Some((0, 0)), "{name} starts at A1");
    range.rows().map(<[Data]>::to_vec).collect()
}

/// One file of the workbook's zip, as text.
fn part(dir: &Path, name: &str) -> String {
    let f = std::fs::File::open(dir.join("report.xlsx")).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn col(rows: &[Vec<Data>], name: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| *h == Data::String(name.into()))
        .unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn the_workbook_has_one_typed_sheet_per_report() {
    let out = seeds(&[]);
    let wb: Xlsx<_> = open_workbook(out.path().join("report.xlsx")).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Articles",
            "Findings",
            "Mentions",
            "Duplicates",
            "Claims",
            "Sources"
        ]
    );
    // Every sheet has the CSV's rows.
    for (sheet_name, csv) in [
        ("Articles", "articles.csv"),
        ("Findings", "findings.csv"),
        ("Mentions", "mentions.csv"),
        ("Duplicates", "duplicates.csv"),
        ("Claims", "claims.csv"),
        ("Sources", "sources.csv"),
    ] {
        let rows = sheet(out.path(), sheet_name);
        let csv_rows = crate::common::rows(out.path(), csv);
        assert_eq!(rows.len(), csv_rows.len() + 1, "{sheet_name}");
    }

    let articles = sheet(out.path(), "Articles");
    let first = &articles[1];
    assert_eq!(first[0], Data::String("000_5e0cec676ab16a7a.txt".into()));
    // Dates are dates (2026-02-12 is serial 46065), counts and scores numbers.
    match &first[col(&articles, "date")] {
        Data::DateTime(d) => assert_eq!(d.as_f64(), 46065.0),
        other => panic!("date cell {other:?}"),
    }
    assert_eq!(first[col(&articles, "words")], Data::Float(399.0));
    assert_eq!(first[col(&articles, "score")], Data::Float(54.0));
    assert_eq!(first[col(&articles, "grade")], Data::String("D".into()));

    // A 12-digit amount is a number, not text and not rounded.
    let claims = sheet(out.path(), "Claims");
    let consensus = col(&claims, "consensus");
    assert!(claims[1..]
        .iter()
        .any(|r| r[consensus] == Data::Float(550_000_000_000.0)));
    // CJK text survives.
    let findings = sheet(out.path(), "Findings");
    let mention = col(&findings, "mention");
    assert!(findings[1..]
        .iter()
        .any(|r| matches!(&r[mention], Data::String(s) if s.contains("赤泽亮"))));
    let sev = col(&findings, "severity");
    assert_eq!(findings[1][sev], Data::String("error".into()));

    // Frozen header row, autofilter, widths, wrapping and links, in the XML.
    let xml = part(out.path(), "xl/worksheets/sheet2.xml");
    assert!(
        xml.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{xml}"
    );
    assert!(xml.contains("<autoFilter ref=\"A1:N"), "autofilter");
    assert!(xml.contains("<col "), "column widths");
    assert!(
        // The first finding is the worst article's (003), row 5 of Articles.
        xml.contains("<hyperlink ref=\"A2\" location=\"Articles!A5\""),
        "finding links to its article"
    );
    let styles = part(out.path(), "xl/styles.xml");
    assert!(styles.contains("wrapText=\"1\""));
    assert!(styles.contains("FFFFC7CE"), "errors in red");
    assert!(styles.contains("yyyy-mm-dd"));
}

#[test]
fn the_workbook_is_deterministic_and_optional() {
    let a = seeds(&["--jobs", "1"]);
    let b = seeds(&["--jobs", "2"]);
    let bytes = std::fs::read(a.path().join("report.xlsx")).unwrap();
    assert_eq!(bytes, std::fs::read(b.path().join("report.xlsx")).unwrap());
    // Nothing changed: an incremental run keeps the set, workbook included.
    let inc = seeds(&["--incremental"]);
    let before = std::fs::read(inc.path().join("report.xlsx")).unwrap();
    assert_eq!(before, bytes);
    let o = credence()
        .args(["score", "seeds", "--incremental", "-v", "--out"])
        .arg(inc.path())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("nothing changed"));
    // --no-xlsx: CSVs only, and no stale workbook left beside them.
    let o = credence()
        .args([
            "score",
            "seeds",
            "-q",
            "--incremental",
            "--no-xlsx",
            "--out",
        ])
        .arg(inc.path())
        .output()
        .unwrap();
    assert!(o.status.success() && o.stdout.is_empty());
    assert!(!inc.path().join("report.xlsx").exists());
    assert!(inc.path().join("findings.csv").exists());
}

#[test]
fn formula_like_text_stays_text_in_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(
        input.join("a.txt"),
        "=HYPERLINK(\"http://evil.example\",\"click\")\n\nThe plan costs a lot of money, officials said on Monday.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = credence()
        .args(["score", "-q", "--as-of", "2026-02-12", "--out"])
        .arg(&out)
        .arg(&input)
        .current_dir(root())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let articles = sheet(&out, "Articles");
    assert_eq!(
        articles[1][col(&articles, "title")],
        Data::String("=HYPERLINK(\"http://evil.example\",\"click\")".into())
    );
    let xml = part(&out, "xl/worksheets/sheet1.xml");
    assert!(!xml.contains("<f>"), "no formula cells");
}

/// The review page of a run, as text.
fn page(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("review.html")).unwrap()
}

/// Checks what makes the page safe: a CSP allowing only its own inline
/// script and style by hash, exactly one script element, no event-handler
/// attributes, no javascript: links, no elements but the page's own.
fn assert_safe_page(html: &str) {
    use sha2::{Digest, Sha256};
    let dom = tl::parse(html, tl::ParserOptions::default()).unwrap();
    let parser = dom.parser();
    let raw = |name: &str| -> Vec<String> {
        dom.query_selector(name)
            .unwrap()
            .map(|h| {
                let tag = h.get(parser).unwrap().as_tag().unwrap();
                tag.inner_text(parser).to_string()
            })
            .collect()
    };
    let scripts = raw("script");
    assert_eq!(scripts.len(), 1, "one script element");
    let styles = raw("style");
    assert_eq!(styles.len(), 1, "one style element");
    let b64 = |s: &str| {
        use std::fmt::Write;
        let d = Sha256::digest(s.as_bytes());
        // base64 by hand: no encoder in the dev-dependencies.
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for ch in d.chunks(3) {
            let n = ch.iter().fold(0u32, |n, b| n << 8 | u32::from(*b)) << (8 * (3 - ch.len()));
            for k in 0..=ch.len() {
                let _ = write!(out, "{}", A[(n >> (18 - 6 * k) & 63) as usize] as char);
            }
        }
        while !out.len().is_multiple_of(4) {
            out.push('=');
        }
        out
    };
    let metas: Vec<String> = dom
        .query_selector("meta")
        .unwrap()
        .filter_map(|h| {
            let tag = h.get(parser)?.as_tag()?;
            let equiv = tag
                .attributes()
                .get("http-equiv")??
                .as_utf8_str()
                .to_string();
            (equiv == "Content-Security-Policy").then(|| {
                tag.attributes()
                    .get("content")
                    .unwrap()
                    .unwrap()
                    .as_utf8_str()
                    .to_string()
            })
        })
        .collect();
    assert_eq!(metas.len(), 1, "one CSP");
    let csp = &metas[0];
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    assert!(
        csp.contains(&format!("script-src 'sha256-{}';", b64(&scripts[0]))),
        "the CSP names the script's hash: {csp}"
    );
    assert!(csp.contains(&format!("style-src 'sha256-{}';", b64(&styles[0]))));
    assert!(!csp.contains("unsafe"), "{csp}");
    // Only the page's own elements, and no handlers or script URLs.
    let allowed = [
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "div", "main",
        "input", "table", "thead", "tbody", "tr", "th", "td", "a", "article", "span", "mark", "ul",
        "li", "b", "i", "script",
    ];
    for node in dom.nodes() {
        let Some(tag) = node.as_tag() else { continue };
        let name = tag.name().as_utf8_str().to_lowercase();
        assert!(
            allowed.contains(&name.as_str()),
            "unexpected element <{name}>"
        );
        for (k, v) in tag.attributes().iter() {
            assert!(!k.to_lowercase().starts_with("on"), "handler attribute {k}");
            let v = v.unwrap_or_default().to_lowercase();
            assert!(!v.trim_start().starts_with("javascript:"), "{k}={v}");
        }
    }
}

#[test]
fn the_review_page_marks_findings_and_greys_repeats() {
    let out = seeds(&[]);
    let html = page(out.path());
    assert_safe_page(&html);
    // Every article is listed; all five are shown with text.
    assert_eq!(html.matches("<tr><td data-v=").count(), 5);
    assert_eq!(html.matches("<article id=").count(), 5);
    // Worst first: the article with the most errors (003) leads.
    let first = html.find("<article id=\"a0\">").unwrap();
    assert!(html[first..].starts_with("<article id=\"a0\"><h2>Japan’s $55 Billion"));
    // 000: Koichi Suga marked as an error, Sanae Takaichi expected.
    let a = html
        .find("000_5e0cec676ab16a7a.txt · finance-flash")
        .unwrap();
    let start = html[..a].rfind("<article id=\"a").unwrap();
    let n: String = html[start + 14..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let end = start + html[start..].find("</article>").unwrap();
    let art = &html[start..end];
    let mark = art
        .find(">Japanese Prime Minister Koichi Suga</mark>")
        .unwrap();
    let open = art[..mark].rfind("<mark").unwrap();
    assert!(art[open..mark].starts_with("<mark class=\"sev-error\" title=\"wrong_officeholder:"));
    assert!(art[open..mark].contains("(expected: Sanae Takaichi)"));
    assert!(art.contains("<b>expected:</b> Sanae Takaichi"));
    // Its repeated paragraph 3 is greyed, linked to its first occurrence (¶2).
    let p3 = art
        .find(&format!("<div class=\"para grey\" id=\"a{n}-p3\">"))
        .unwrap();
    let p4 = art[p3 + 1..]
        .find("<div class=\"para")
        .map_or(art.len(), |e| e + p3 + 1);
    let p3 = &art[p3..p4];
    assert!(
        p3.contains(&format!("first at <a href=\"#a{n}-p2\">¶2</a>")),
        "{p3}"
    );
    assert!(art.contains(&format!("<div class=\"para\" id=\"a{n}-p2\">")));
}

#[test]
fn the_review_page_is_bounded_and_optional() {
    let out = seeds(&["--review-limit", "1", "--jobs", "1"]);
    let html = page(out.path());
    assert_eq!(html.matches("<tr><td data-v=").count(), 5, "all listed");
    assert_eq!(html.matches("<article id=").count(), 1, "one with text");
    assert!(html.contains("1 shown with their text"));
    let again = seeds(&["--review-limit", "1", "--jobs", "2"]);
    assert_eq!(html, page(again.path()), "deterministic");
    let none = seeds(&["--no-review", "--no-xlsx"]);
    assert!(!none.path().join("review.html").exists());
    assert!(!none.path().join("report.xlsx").exists());
}

#[test]
fn hostile_articles_stay_text_on_the_review_page() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let name = "evil<img src=x onerror=alert(9)>.txt";
    std::fs::write(
        input.join(name),
        "Headline\n\nThe Prime Minister <script>alert(1)</script> said onerror=alert(2) and see \
         <a href=\"javascript:alert(3)\">here</a>, officials said on Monday.\n\n\
         A second paragraph with <b>broken markup <i and </div></article> more text.\n",
    )
    .unwrap();
    std::fs::write(
        input.join("manifest.csv"),
        format!(
            "file,title,date,source,author,url\n\"{name}\",\"<script>alert('t')</script>\",2026-02-12,\"<img src=x onerror=alert('s')>\",,javascript:alert(4)\n"
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = credence()
        .args(["score", "-q", "--out"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = page(&out);
    assert_safe_page(&html);
    for shown in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;a href=&quot;javascript:alert(3)&quot;&gt;here&lt;/a&gt;",
        "&lt;b&gt;broken markup &lt;i and &lt;/div&gt;&lt;/article&gt; more text",
        "evil&lt;img src=x onerror=alert(9)&gt;.txt",
        "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(&#39;s&#39;)&gt;",
    ] {
        assert!(html.contains(shown), "{shown} shown literally");
    }
}
