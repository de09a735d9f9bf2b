//! The machinery every table shares: reading CSV text into rows, cells and
//! lists, problems tagged with file and line, duplicate detection.

use super::Problem;
use std::collections::{BTreeMap, HashMap};

/// List items inside one CSV cell are separated by this character.
pub(super) const LIST_SEP: char = '|';

/// A raw CSV row: header name -> cell, with its file and 1-based file line.
pub(super) struct Row {
    pub(super) file: &'static str,
    pub(super) line: u32,
    pub(super) cells: HashMap<String, String>,
}

impl Row {
    /// The cell under `col`, empty when the row has none.
    pub(super) fn get(&self, col: &str) -> &str {
        self.cells.get(col).map(|s| s.as_str()).unwrap_or("")
    }

    /// A problem with this row.
    pub(super) fn problem(&self, message: impl Into<String>) -> Problem {
        Problem {
            file: self.file.into(),
            line: self.line,
            message: message.into(),
        }
    }
}

/// Splits a `|`-separated cell into trimmed, non-empty items.
pub(super) fn split_list(cell: &str) -> Vec<String> {
    cell.split(LIST_SEP)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Parses CSV text into rows, recording problems (bad CSV, missing columns).
pub(super) fn parse_table(
    file: &'static str,
    text: &str,
    required: &[&str],
    problems: &mut Vec<Problem>,
) -> Vec<Row> {
    // An absent or empty table has no rows (an empty facts.csv is valid).
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Vec::new();
    }
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_ascii_lowercase()).collect(),
        Err(e) => {
            problems.push(Problem {
                file: file.into(),
                line: 1,
                message: format!("cannot read header: {e}"),
            });
            return Vec::new();
        }
    };
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|c| !headers.iter().any(|h| h == c))
        .collect();
    if !missing.is_empty() {
        problems.push(Problem {
            file: file.into(),
            line: 1,
            message: format!(
                "missing column(s) {}; expected header: {}",
                missing.join(", "),
                required.join(",")
            ),
        });
        return Vec::new();
    }
    let mut rows = Vec::new();
    for rec in rdr.records() {
        match rec {
            Ok(rec) => {
                let line = rec.position().map(|p| p.line() as u32).unwrap_or(0);
                if rec.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                if rec.len() > headers.len() {
                    problems.push(Problem {
                        file: file.into(),
                        line,
                        message: format!(
                            "{} cells but the header has {} columns (a comma inside a cell needs quotes)",
                            rec.len(),
                            headers.len()
                        ),
                    });
                    continue;
                }
                let cells = headers
                    .iter()
                    .cloned()
                    .zip(rec.iter().map(|s| s.trim().to_string()))
                    .collect();
                rows.push(Row { file, line, cells });
            }
            Err(e) => {
                let line = e.position().map(|p| p.line() as u32).unwrap_or(0);
                problems.push(Problem {
                    file: file.into(),
                    line,
                    message: format!("malformed CSV: {e}"),
                });
            }
        }
    }
    rows
}

/// Parses every row of a table with `parse_row`. A row whose parser fails
/// is skipped and its problem recorded; problems that do not stop a row are
/// pushed by the parser itself (its second argument).
pub(super) fn parse_rows<T>(
    file: &'static str,
    text: &str,
    required: &[&str],
    problems: &mut Vec<Problem>,
    mut parse_row: impl FnMut(&Row, &mut Vec<Problem>) -> Result<T, Problem>,
) -> Vec<T> {
    let mut parsed = Vec::new();
    for row in parse_table(file, text, required, problems) {
        match parse_row(&row, problems) {
            Ok(item) => parsed.push(item),
            Err(problem) => problems.push(problem),
        }
    }
    parsed
}

/// A number cell: `_` separators allowed, finite only.
pub(super) fn parse_number(cell: &str) -> Option<f64> {
    let v: f64 = cell.trim().replace('_', "").parse().ok()?;
    v.is_finite().then_some(v)
}

/// Keys seen so far in one table, each with the line it was last seen at.
pub(super) struct Seen<K>(BTreeMap<K, u32>);

impl<K: Ord> Seen<K> {
    pub(super) fn new() -> Seen<K> {
        Seen(BTreeMap::new())
    }

    /// Records `key` as seen at `row`. A key seen before is a problem,
    /// `duplicate <what> (first at line N)`, and the caller skips the row.
    pub(super) fn first(
        &mut self,
        key: K,
        row: &Row,
        what: impl FnOnce() -> String,
    ) -> Result<(), Problem> {
        match self.0.insert(key, row.line) {
            Some(first) => {
                Err(row.problem(format!("duplicate {} (first at line {first})", what())))
            }
            None => Ok(()),
        }
    }
}

/// A problem at `file:line`.
pub(super) fn problem(file: &str, line: u32, message: &str) -> Problem {
    Problem {
        file: file.into(),
        line,
        message: message.into(),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The rows of `text` under file name `file`, with no header check.
    pub(in crate::rules) fn rows(file: &'static str, text: &str) -> Vec<Row> {
        let mut problems = Vec::new();
        let rows = parse_table(file, text, &[], &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        rows
    }

    fn strings(problems: &[Problem]) -> Vec<String> {
        problems.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn lists_and_numbers() {
        assert_eq!(split_list(" a | |b|"), ["a", "b"]);
        assert!(split_list("").is_empty());
        assert_eq!(parse_number(" 550_000 "), Some(550000.0));
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("x"), None);
    }

    #[test]
    fn parse_table_reads_rows_with_lines_and_reports_bad_ones() {
        let mut problems = Vec::new();
        let text = "\u{feff}A,B\nx,1\n , \n\"y\",2,3\nz\n";
        let rows = parse_table("t.csv", text, &["a", "b"], &mut problems);
        let got: Vec<(u32, &str, &str)> = rows
            .iter()
            .map(|r| (r.line, r.get("a"), r.get("b")))
            .collect();
        assert_eq!(got, [(2, "x", "1"), (5, "z", "")]);
        assert_eq!(
            strings(&problems),
            ["t.csv:4: 3 cells but the header has 2 columns (a comma inside a cell needs quotes)"]
        );
        let mut problems = Vec::new();
        assert!(parse_table("t.csv", "a\n1\n", &["a", "b"], &mut problems).is_empty());
        assert_eq!(
            strings(&problems),
            ["t.csv:1: missing column(s) b; expected header: a,b"]
        );
        assert!(parse_table("t.csv", " \n", &["a"], &mut problems).is_empty());
        assert_eq!(
            problems.len(),
            1,
            "an empty table has no rows and no problem"
        );
    }

    #[test]
    fn parse_rows_keeps_good_rows_and_records_the_rest() {
        let mut problems = vec![];
        let parsed = parse_rows(
            "t.csv",
            "a\n1\nx\n2\n",
            &["a"],
            &mut problems,
            |row, notes| {
                if row.line == 4 {
                    notes.push(row.problem("noted"));
                }
                parse_number(row.get("a")).ok_or_else(|| row.problem("not a number"))
            },
        );
        assert_eq!(parsed, [1.0, 2.0]);
        assert_eq!(
            strings(&problems),
            ["t.csv:3: not a number", "t.csv:4: noted"]
        );
    }

    #[test]
    fn seen_cites_the_previous_line_of_a_key() {
        let rows = rows("t.csv", "k\na\na\na\n");
        let mut seen = Seen::new();
        let mut results = rows
            .iter()
            .map(|r| seen.first(r.get("k").to_string(), r, || "k".into()));
        assert_eq!(results.next(), Some(Ok(())));
        assert_eq!(
            results.next().unwrap().unwrap_err().to_string(),
            "t.csv:3: duplicate k (first at line 2)"
        );
        assert_eq!(
            results.next().unwrap().unwrap_err().to_string(),
            "t.csv:4: duplicate k (first at line 3)"
        );
    }
}
