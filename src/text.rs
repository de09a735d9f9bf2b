//! Small text helpers every stage may use: cutting a string to a number of
//! characters, formatting a number without scientific notation, and the
//! English month names. Nothing here reads files or
//! knows about articles.

/// The first `n` characters of `s` (whole characters, never a cut UTF-8
/// sequence).
pub fn truncate_chars(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => s[..i].to_string(),
        None => s.to_string(),
    }
}

/// At most `n` characters of `s`; a cut text ends with "…" (so a reader of
/// a report can tell a cut cell from a whole one).
pub fn cut_marked(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// English month names, lowercase (datelines in `ingest`; topic words in
/// `claims`).
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// English weekday names, lowercase (furniture lines in `segment`; words
/// that name no topic in `claims`).
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Formats a number for reports and messages: integers without decimals, others with up
/// to `decimals` places, trailing zeros dropped. Never scientific notation.
pub fn fmt_num(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return String::new();
    }
    if v.fract() == 0.0 && v.abs() < 1e17 {
        return format!("{}", v as i64);
    }
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_chars_counts_characters_not_bytes() {
        assert_eq!(truncate_chars("赤泽亮さん", 3), "赤泽亮");
        assert_eq!(truncate_chars("abc", 5), "abc");
        assert_eq!(truncate_chars("abc", 0), "");
    }

    #[test]
    fn numbers_are_plain() {
        assert_eq!(fmt_num(550e9, 6), "550000000000");
        assert_eq!(fmt_num(0.8126, 3), "0.813");
        assert_eq!(fmt_num(72.0, 1), "72");
        assert_eq!(fmt_num(72.25, 1), "72.2");
        assert_eq!(fmt_num(-0.0001, 1), "0");
        assert_eq!(fmt_num(f64::NAN, 1), "");
    }

    #[test]
    fn cut_marked_ends_a_cut_text_with_an_ellipsis() {
        assert_eq!(cut_marked("abcdef", 3), "abc…");
        assert_eq!(cut_marked("abc", 3), "abc");
        assert_eq!(cut_marked("赤泽亮正", 2), "赤泽…");
    }
}
