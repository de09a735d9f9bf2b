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
    assert!(xml.contains("<autoFilter ref=\"A1:I"), "autofilter");
    assert!(xml.contains("<col "), "column widths");
    assert!(
        xml.contains("<hyperlink ref=\"A2\" location=\"Articles!A2\""),
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
