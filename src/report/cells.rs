//! Cells of the reports: spreadsheet-safe text, plain numbers, and the
//! CSV dialect.

use std::io::Write;

/// Excel's limit on characters in one cell.
const MAX_CELL: usize = 32_767;

/// Makes a free-text cell safe to open in a spreadsheet: a leading `=`, `+`,
/// `-`, `@`, tab or CR would start a formula, so it gets a `'` in front
/// (OWASP CSV injection guidance); cells are cut to 32,767 characters.
pub(super) fn safe_text(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let mut out = if risky {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if out.len() > MAX_CELL {
        let cut = out
            .char_indices()
            .nth(MAX_CELL - 1)
            .map(|(i, _)| i)
            .unwrap_or(out.len());
        out.truncate(cut);
        out.push('…');
    }
    out
}

/// At most `n` characters; a cut text ends with "…".
pub(super) fn cut(s: &str, n: usize) -> String {
    crate::text::cut_marked(s, n)
}

/// A CSV writer onto `out` with the reports' dialect (CRLF rows).
pub(super) fn csv_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_triggers_are_neutralised() {
        for s in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(safe_text(s).starts_with('\''), "{s:?}");
        }
        assert_eq!(safe_text("plain"), "plain");
        assert_eq!(safe_text(""), "");
    }

    #[test]
    fn long_cells_are_cut() {
        let long = "x".repeat(40_000);
        assert_eq!(safe_text(&long).chars().count(), MAX_CELL);
    }
}
