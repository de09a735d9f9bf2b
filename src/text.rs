//! Small text helpers every stage may use: cutting a string to a number of
//! characters, and the English month names. Nothing here reads files or
//! knows about articles.

/// The first `n` characters of `s` (whole characters, never a cut UTF-8
/// sequence).
pub fn truncate_chars(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => s[..i].to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_chars_counts_characters_not_bytes() {
        assert_eq!(truncate_chars("赤泽亮さん", 3), "赤泽亮");
        assert_eq!(truncate_chars("abc", 5), "abc");
        assert_eq!(truncate_chars("abc", 0), "");
    }
}
