//! Typed cells and the sinks the tables are rendered onto: one table
//! renderer serves both the CSV files and the workbook's sheets.

use super::cells::safe_text;
use super::ReportError;
use crate::model::{ArticleId, Date, Severity};
use crate::text::fmt_num;
use std::io::Write;
use std::path::PathBuf;

/// One cell of a report row, with what it is.
#[derive(Clone, Copy, Debug)]
pub(super) enum Cell<'a> {
    /// Free text (titles, messages, mentions): made spreadsheet-safe in CSV,
    /// always a text cell in the workbook.
    Text(&'a str),
    /// A word from a fixed vocabulary (kind, verdict, date origin, grade).
    Code(&'a str),
    /// An article key, with its id when it has one: free text; in the
    /// workbook a link to the article's row on the Articles sheet.
    Article(&'a str, Option<ArticleId>),
    Int(i64),
    /// A number shown with at most this many decimals.
    Num(f64, usize),
    Date(Date),
    Severity(Severity),
    Empty,
}

impl Cell<'_> {
    /// The cell as a CSV field.
    pub(super) fn csv(&self) -> String {
        match *self {
            Cell::Text(s) | Cell::Article(s, _) => safe_text(s),
            Cell::Code(s) => s.to_string(),
            Cell::Int(n) => n.to_string(),
            Cell::Num(v, d) => fmt_num(v, d),
            Cell::Date(d) => d.to_string(),
            Cell::Severity(s) => s.as_str().to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// Where a table's rows go.
pub(super) trait Sink {
    fn header(&mut self, names: &[&str]) -> Result<(), ReportError>;
    fn row(&mut self, cells: &[Cell<'_>]) -> Result<(), ReportError>;
}

/// Rows onto a CSV writer (the reports' dialect).
pub(super) struct CsvSink<W: Write> {
    pub(super) w: csv::Writer<W>,
    pub(super) name: &'static str,
}

impl<W: Write> CsvSink<W> {
    fn err(&self) -> impl FnOnce(csv::Error) -> ReportError + '_ {
        move |source| ReportError::Csv {
            path: PathBuf::from(self.name),
            source,
        }
    }
}

impl<W: Write> Sink for CsvSink<W> {
    fn header(&mut self, names: &[&str]) -> Result<(), ReportError> {
        let r = self.w.write_record(names);
        r.map_err(self.err())
    }
    fn row(&mut self, cells: &[Cell<'_>]) -> Result<(), ReportError> {
        let r = self.w.write_record(cells.iter().map(Cell::csv));
        r.map_err(self.err())
    }
}
