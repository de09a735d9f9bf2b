//! `report.xlsx`: the six tables as one workbook, one sheet per report, with
//! typed cells (text stays text, numbers are numbers, dates are dates), a
//! frozen header row, an autofilter, column widths from the content, wrapped
//! free text, severities coloured and article keys linked to their row on
//! the Articles sheet. Deterministic: the same tables give the same bytes
//! (the document's creation date is fixed, not the time of the run).

use super::sink::{Cell, Sink};
use super::tables::{article_order, render_rows};
use super::{ReportError, Reports};
use crate::model::ArticleId;
use rayon::prelude::*;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, IntoExcelData, Url, Workbook,
    Worksheet, XlsxError,
};
use std::path::{Path, PathBuf};

/// The workbook's file name in `--out`.
pub const WORKBOOK: &str = "report.xlsx";

/// Sheets in workbook order: (sheet name, index into `REPORTS`).
const SHEETS: [(&str, usize); 6] = [
    ("Articles", 0),
    ("Findings", 1),
    ("Mentions", 5),
    ("Duplicates", 2),
    ("Claims", 3),
    ("Sources", 4),
];

/// Excel's last row index (0-based); rows past it are left out.
const MAX_ROW: u32 = 1_048_575;
/// Excel's limit on characters in one cell.
const MAX_CELL: usize = 32_767;
/// Widest column, in characters; longer free text wraps.
const MAX_WIDTH: usize = 60;
/// Rows of a sheet whose article cell links to the article's row: each
/// link is held in memory (about 900 bytes) until the workbook is saved,
/// and Excel reads at most 65,530 per sheet. Later rows show the key as
/// text.
const MAX_LINKS: u32 = 10_000;

fn xlsx_err(e: XlsxError) -> ReportError {
    ReportError::Io {
        path: PathBuf::from(WORKBOOK),
        source: std::io::Error::other(e.to_string()),
    }
}

/// The cell formats, made once per workbook.
struct Formats {
    header: Format,
    text: Format,
    wrap: Format,
    int: Format,
    frac: Vec<Format>,
    date: Format,
    severity: [Format; 3],
}

impl Formats {
    fn new() -> Formats {
        let top = |f: Format| f.set_align(FormatAlign::Top);
        let severity = |bg: u32, fg: u32| {
            top(Format::new())
                .set_background_color(Color::RGB(bg))
                .set_font_color(Color::RGB(fg))
                .set_bold()
        };
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin),
            text: top(Format::new()),
            wrap: top(Format::new()).set_text_wrap(),
            int: top(Format::new()).set_num_format("0"),
            // "0.#" .. "0.######": plain decimals, never scientific.
            frac: (0..=6)
                .map(|d| top(Format::new()).set_num_format(format!("0.{}", "#".repeat(d.max(1)))))
                .collect(),
            date: top(Format::new()).set_num_format("yyyy-mm-dd"),
            severity: [
                severity(0xFFC7CE, 0x9C0006),
                severity(0xFFEB9C, 0x9C5700),
                severity(0xDDEBF7, 0x1F4E78),
            ],
        }
    }
}

/// Columns whose text wraps (long free text).
fn wraps(name: &str) -> bool {
    matches!(
        name,
        "title" | "message" | "reason" | "text" | "evidence" | "top_finding" | "mention"
    )
}

/// Which of the [`Formats`] a cell takes. A column's cells mostly share
/// one: the column gets it as its format (from the first data row), and
/// its cells of that style are written without one of their own, which
/// spares rust_xlsxwriter a hash of the whole format per cell (a third of
/// the workbook's time on a large run). Excel shows such a cell in the
/// column's format, so the sheet reads the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Text,
    Wrap,
    Int,
    Frac(usize),
    Date,
    Severity(usize),
}

impl Formats {
    fn of(&self, style: Style) -> &Format {
        match style {
            Style::Text => &self.text,
            Style::Wrap => &self.wrap,
            Style::Int => &self.int,
            Style::Frac(d) => &self.frac[d.min(6)],
            Style::Date => &self.date,
            Style::Severity(i) => &self.severity[i.min(2)],
        }
    }
}

/// Where each article is on the Articles sheet, which lists them by id:
/// the ids in that order (4 bytes an article), searched.
#[derive(Debug, Default)]
struct ArticleRows {
    ids: Vec<ArticleId>,
}

impl ArticleRows {
    /// The rows of the Articles sheet of `r`.
    fn of(r: &Reports<'_>) -> ArticleRows {
        let ids = article_order(r)
            .into_iter()
            .map(|i| r.articles.id(i))
            .collect();
        ArticleRows { ids }
    }

    /// The 1-based data row of article `id`, if it has one.
    fn row(&self, id: ArticleId) -> Option<u32> {
        let at = self.ids.binary_search(&id).ok()?;
        Some(at as u32 + 1)
    }
}

/// One sheet being filled.
struct SheetSink<'w> {
    ws: &'w mut Worksheet,
    f: &'w Formats,
    /// Row of each article on the Articles sheet.
    article_rows: &'w ArticleRows,
    link: bool,
    row: u32,
    widths: Vec<usize>,
    wrap: Vec<bool>,
    /// Each column's format, set from the first data row (`None` before).
    styles: Option<Vec<Style>>,
}

impl<'w> SheetSink<'w> {
    /// An empty sheet's sink: no header, no rows, no column styles yet.
    fn new(
        ws: &'w mut Worksheet,
        f: &'w Formats,
        article_rows: &'w ArticleRows,
        link: bool,
    ) -> Self {
        SheetSink {
            ws,
            f,
            article_rows,
            link,
            row: 0,
            widths: Vec::new(),
            wrap: Vec::new(),
            styles: None,
        }
    }
}

impl SheetSink<'_> {
    fn widen(&mut self, col: usize, chars: usize) {
        if let Some(w) = self.widths.get_mut(col) {
            *w = (*w).max(chars.min(MAX_WIDTH));
        }
    }

    /// The style of a text cell in column `col`.
    fn text_style(&self, col: u16) -> Style {
        if self.wrap.get(usize::from(col)).copied().unwrap_or(false) {
            Style::Wrap
        } else {
            Style::Text
        }
    }

    /// The style `c` is written in, in column `col`; `None` for a cell
    /// written without one (a link, an empty cell).
    fn style(&self, col: u16, c: &Cell<'_>) -> Option<Style> {
        match *c {
            Cell::Text(_) | Cell::Code(_) => Some(self.text_style(col)),
            Cell::Article(..) => Some(self.text_style(col)),
            Cell::Int(_) => Some(Style::Int),
            Cell::Num(v, d) if v.is_finite() => Some(if v.fract() == 0.0 {
                Style::Int
            } else {
                Style::Frac(d.min(6))
            }),
            Cell::Num(..) | Cell::Empty => None,
            Cell::Date(_) => Some(Style::Date),
            Cell::Severity(s) => Some(Style::Severity(s as usize)),
        }
    }

    /// Gives each column the style of its cell in `cells` (the first data
    /// row; empty cells give their column the text style).
    fn set_column_styles(&mut self, cells: &[Cell<'_>]) -> Result<(), XlsxError> {
        let styles: Vec<Style> = (0..self.wrap.len())
            .map(|c| {
                let col = c as u16;
                cells
                    .get(c)
                    .and_then(|cell| self.style(col, cell))
                    .unwrap_or_else(|| self.text_style(col))
            })
            .collect();
        for (c, style) in styles.iter().enumerate() {
            self.ws.set_column_format(c as u16, self.f.of(*style))?;
        }
        self.styles = Some(styles);
        Ok(())
    }

    /// Writes a string or a number in `style`: without a format of its own
    /// when that is its column's.
    fn write_in(
        &mut self,
        col: u16,
        data: impl IntoExcelData,
        style: Style,
    ) -> Result<(), XlsxError> {
        let own = self.styles.as_ref().and_then(|v| v.get(usize::from(col)));
        if own == Some(&style) {
            self.ws.write(self.row, col, data)?;
        } else {
            self.ws
                .write_with_format(self.row, col, data, self.f.of(style))?;
        }
        Ok(())
    }

    fn text(&mut self, col: u16, s: &str) -> Result<(), XlsxError> {
        let s = cut(s);
        self.widen(col.into(), s.chars().count());
        if s.is_empty() {
            return Ok(());
        }
        let style = self.text_style(col);
        self.write_in(col, s, style)
    }

    fn cell(&mut self, col: u16, c: &Cell<'_>) -> Result<(), XlsxError> {
        let row = self.row;
        match *c {
            Cell::Text(s) | Cell::Code(s) => self.text(col, s)?,
            Cell::Article(key, id) => match id
                .filter(|_| self.link && row <= MAX_LINKS)
                .and_then(|id| self.article_rows.row(id))
            {
                Some(r) => {
                    self.widen(col.into(), key.chars().count());
                    let url = Url::new(format!("internal:Articles!A{}", r + 1)).set_text(cut(key));
                    self.ws.write_url(row, col, url)?;
                }
                None => self.text(col, key)?,
            },
            Cell::Int(n) => {
                self.widen(col.into(), decimal_len(n));
                self.write_in(col, n as f64, Style::Int)?;
            }
            Cell::Num(v, d) if v.is_finite() => {
                let s = crate::text::fmt_num(v, d);
                self.widen(col.into(), s.len());
                let style = self.style(col, c).unwrap_or(Style::Int);
                self.write_in(col, v, style)?;
            }
            Cell::Num(..) | Cell::Empty => {}
            Cell::Date(d) => {
                let xl = u16::try_from(d.year)
                    .ok()
                    .and_then(|y| ExcelDateTime::from_ymd(y, d.month, d.day).ok());
                match xl {
                    Some(xl) if (1900..=9999).contains(&d.year) => {
                        self.widen(col.into(), 10);
                        // A date is a number in a date format.
                        self.write_in(col, xl.to_excel(), Style::Date)?;
                    }
                    _ => self.text(col, &d.to_string())?,
                }
            }
            Cell::Severity(s) => {
                let name = s.as_str();
                self.widen(col.into(), name.len());
                self.write_in(col, name, Style::Severity(s as usize))?;
            }
        }
        Ok(())
    }
}

impl Sink for SheetSink<'_> {
    fn header(&mut self, names: &[&str]) -> Result<(), ReportError> {
        self.widths = names.iter().map(|n| n.len() + 3).collect();
        self.wrap = names.iter().map(|n| wraps(n)).collect();
        for (c, n) in names.iter().enumerate() {
            self.ws
                .write_string_with_format(0, c as u16, *n, &self.f.header)
                .map_err(xlsx_err)?;
        }
        self.row = 1;
        Ok(())
    }

    fn row(&mut self, cells: &[Cell<'_>]) -> Result<(), ReportError> {
        if self.row > MAX_ROW {
            return Ok(());
        }
        if self.styles.is_none() {
            self.set_column_styles(cells).map_err(xlsx_err)?;
        }
        for (c, cell) in cells.iter().enumerate() {
            self.cell(c as u16, cell).map_err(xlsx_err)?;
        }
        self.row += 1;
        Ok(())
    }
}

/// Digits (and sign) of `n` written in decimal.
fn decimal_len(n: i64) -> usize {
    let sign = usize::from(n < 0);
    let digits = n
        .unsigned_abs()
        .checked_ilog10()
        .map_or(1, |d| d as usize + 1);
    sign + digits
}

/// Cut to Excel's cell limit, with "…" marking the cut.
fn cut(s: &str) -> String {
    match s.char_indices().nth(MAX_CELL - 1) {
        Some((i, _)) if s[i..].chars().nth(1).is_some() => format!("{}…", &s[..i]),
        _ => s.to_string(),
    }
}

/// Renders the workbook into `path`. Deterministic. Sheets are written in
/// constant-memory mode (rows go to a temporary file in `tmp`, not memory),
/// so a run of 200,000 articles does not hold millions of cells, and the
/// zip goes straight to the file (not a buffer of the whole workbook). The
/// one thing per row still held until the end is each row's link to its
/// article (rust_xlsxwriter writes a sheet's hyperlinks after its rows):
/// only the first [`MAX_LINKS`] rows of a sheet get one. The six sheets are
/// filled in parallel (each its own temporary file), then zipped in order.
pub(super) fn render(r: &Reports<'_>, tmp: &Path, path: &Path) -> Result<(), ReportError> {
    let mut wb = Workbook::new();
    wb.set_tempdir(tmp).map_err(xlsx_err)?;
    // zlib level 3, not 6: half the compression time for a file about a
    // fifth larger (measured on the 50 MB generated corpora).
    wb.set_zip_compression_level(3);
    // A fixed creation date: the same tables give the same bytes.
    let epoch = ExcelDateTime::from_ymd(2000, 1, 1).map_err(xlsx_err)?;
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&epoch)
            .set_title("credence report"),
    );
    let formats = Formats::new();
    register_formats(&mut wb, &formats)?;
    let article_rows = ArticleRows::of(r);
    let mut sheets = SHEETS
        .iter()
        .map(|_| wb.new_worksheet_with_constant_memory())
        .collect::<Result<Vec<Worksheet>, _>>()
        .map_err(xlsx_err)?;
    sheets
        .par_iter_mut()
        .zip(SHEETS.par_iter())
        .try_for_each(|(ws, &(name, which))| {
            fill_sheet(r, ws, name, which, &formats, &article_rows)
        })?;
    for ws in sheets {
        wb.push_worksheet(ws);
    }
    wb.save(path).map_err(xlsx_err)
}

/// Gives every cell format the workbook uses its index, in a fixed order,
/// before the sheets are filled at once: a sheet registers a format the
/// first time it writes one, and sheets filled in parallel would otherwise
/// number them in whatever order the threads got there (and write
/// different bytes from run to run). The sheet written here is thrown
/// away.
fn register_formats(wb: &mut Workbook, f: &Formats) -> Result<(), ReportError> {
    let mut ws = wb.new_worksheet_with_constant_memory().map_err(xlsx_err)?;
    let all = [&f.header, &f.text, &f.wrap, &f.int, &f.date]
        .into_iter()
        .chain(&f.frac)
        .chain(&f.severity);
    for (col, format) in all.enumerate() {
        ws.write_string_with_format(0, col as u16, "", format)
            .map_err(xlsx_err)?;
    }
    ws.write_url(1, 0, Url::new("internal:Articles!A1"))
        .map_err(xlsx_err)?;
    Ok(())
}

/// Fills one sheet with report `which`: its rows, then column widths, a
/// frozen header and an autofilter over the rows written.
fn fill_sheet(
    r: &Reports<'_>,
    ws: &mut Worksheet,
    name: &str,
    which: usize,
    formats: &Formats,
    article_rows: &ArticleRows,
) -> Result<(), ReportError> {
    ws.set_name(name).map_err(xlsx_err)?;
    let mut sink = SheetSink::new(ws, formats, article_rows, which != 0);
    render_rows(r, which, &mut sink)?;
    let last_row = sink.row.saturating_sub(1).min(MAX_ROW);
    let widths = std::mem::take(&mut sink.widths);
    let ws = sink.ws;
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w + 1) as f64)
            .map_err(xlsx_err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    let last_col = widths.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, last_row, last_col).map_err(xlsx_err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Severity};
    use std::io::Read;

    /// The sheet's XML of a one-sheet workbook whose article cell `"a"` is
    /// written at each of `rows`.
    fn sheet_with_article_cells(rows: &[u32]) -> String {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let formats = Formats::new();
        let article_rows = ArticleRows {
            ids: vec![ArticleId(4)],
        };
        let mut sink = SheetSink::new(ws, &formats, &article_rows, true);
        sink.widths = vec![0];
        sink.wrap = vec![false];
        for &row in rows {
            sink.row = row;
            sink.cell(0, &Cell::Article("a", Some(ArticleId(4))))
                .unwrap();
        }
        sheet_xml(&mut wb)
    }

    /// The XML of `wb`'s first sheet.
    fn sheet_xml(wb: &mut Workbook) -> String {
        let bytes = wb.save_to_buffer().unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    }

    /// A workbook of two constant-memory sheets, one of an integer and a
    /// severity, the other of a date and a wrapped text, filled in the
    /// order given and saved with the sheets in the same order.
    fn two_sheets_filled(first_then_second: bool) -> Vec<u8> {
        let mut wb = Workbook::new();
        let formats = Formats::new();
        register_formats(&mut wb, &formats).unwrap();
        let article_rows = ArticleRows::default();
        let mut sheets = [(); 2].map(|_| wb.new_worksheet_with_constant_memory().unwrap());
        let rows: [(&[&str], Vec<Cell<'_>>); 2] = [
            (
                &["n", "severity"],
                vec![Cell::Int(3), Cell::Severity(Severity::Warning)],
            ),
            (
                &["date", "text"],
                vec![Cell::Date(Date::new(2026, 2, 12).unwrap()), Cell::Text("t")],
            ),
        ];
        let order = if first_then_second { [0, 1] } else { [1, 0] };
        for i in order {
            let mut sink = SheetSink::new(&mut sheets[i], &formats, &article_rows, false);
            sink.header(rows[i].0).unwrap();
            sink.row(&rows[i].1).unwrap();
        }
        for ws in sheets {
            wb.push_worksheet(ws);
        }
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn sheets_filled_in_parallel_number_their_formats_in_a_fixed_order() {
        // Sheets are filled on whichever thread gets them first; the bytes
        // must not depend on which sheet registered a format first.
        assert_eq!(two_sheets_filled(true), two_sheets_filled(false));
    }

    #[test]
    fn an_articles_row_is_its_place_among_the_ids_and_other_ids_have_none() {
        let rows = ArticleRows {
            ids: vec![ArticleId(1), ArticleId(4), ArticleId(7)],
        };
        assert_eq!(rows.row(ArticleId(1)), Some(1));
        assert_eq!(rows.row(ArticleId(7)), Some(3));
        assert_eq!(rows.row(ArticleId(5)), None);
        assert_eq!(rows.row(ArticleId(0)), None);
    }

    #[test]
    fn article_links_stop_after_max_links_rows_of_a_sheet() {
        let xml = sheet_with_article_cells(&[1, MAX_LINKS, MAX_LINKS + 1, MAX_LINKS + 500]);
        assert_eq!(xml.matches("<hyperlink ").count(), 2, "{xml}");
        assert!(xml.contains(&format!("<hyperlink ref=\"A{}\"", MAX_LINKS + 1)));
        // The rows past the cap still show the article's name.
        assert!(xml.contains(&format!("<row r=\"{}\"", MAX_LINKS + 501)));
    }

    /// The `s` (style) attribute of the cell at `cell` ("A2") in `xml`.
    fn cell_style<'x>(xml: &'x str, cell: &str) -> &'x str {
        let at = xml.find(&format!("<c r=\"{cell}\"")).expect(cell);
        let rest = &xml[at..];
        let end = rest.find('>').unwrap();
        let tag = &rest[..end];
        tag.split(" s=\"")
            .nth(1)
            .map_or("0", |s| s.split('"').next().unwrap())
    }

    #[test]
    fn cells_in_their_columns_style_take_the_column_format_and_others_their_own() {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let formats = Formats::new();
        let article_rows = ArticleRows::default();
        let mut sink = SheetSink::new(ws, &formats, &article_rows, false);
        sink.header(&["n", "title"]).unwrap();
        // The first row sets the columns' formats: integer, wrapped text.
        sink.row(&[Cell::Int(3), Cell::Text("first")]).unwrap();
        sink.row(&[Cell::Num(2.5, 1), Cell::Text("second")])
            .unwrap();
        sink.row(&[Cell::Int(7), Cell::Empty]).unwrap();
        let xml = sheet_xml(&mut wb);
        let col = |n: usize| {
            let at = xml.find(&format!("<col min=\"{n}\"")).expect("col");
            let tag = &xml[at..at + xml[at..].find('>').unwrap()];
            tag.split(" style=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_string()
        };
        let (int_col, wrap_col) = (col(1), col(2));
        assert_ne!(int_col, wrap_col);
        assert_eq!(cell_style(&xml, "A2"), int_col);
        assert_eq!(cell_style(&xml, "A4"), int_col);
        assert_eq!(cell_style(&xml, "B2"), wrap_col);
        assert_eq!(cell_style(&xml, "B3"), wrap_col);
        // A fraction is not the column's style: it keeps its own format.
        let frac = cell_style(&xml, "A3");
        assert_ne!(frac, int_col);
        assert_ne!(frac, "0");
        assert!(!xml.contains("<c r=\"B4\""), "an empty cell is not written");
    }
}
