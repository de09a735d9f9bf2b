//! Dates in metadata and datelines: ISO and written-out forms in English.

use crate::model::Date;
use crate::text::{truncate_chars, MONTHS};

fn month_of(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as u8 + 1)
}

/// Parses a date in any common form: ISO (`2026-02-12`, with a time),
/// `February 12, 2026`, `Feb. 12 2026`, `12 March 2026`, `2026/02/12`.
pub(super) fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(d) = Date::parse_iso(s) {
        return Some(d);
    }
    if s.len() >= 10 {
        let head = s[..10.min(s.len())].replace('/', "-");
        if let Some(d) = Date::parse_iso(&head) {
            return Some(d);
        }
    }
    find_date_in(s)
}

/// Finds the first written-out date in a short piece of text.
fn find_date_in(s: &str) -> Option<Date> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let num = |w: &str| -> Option<u32> {
        let w = w.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        let w = w
            .trim_end_matches("st")
            .trim_end_matches("nd")
            .trim_end_matches("rd")
            .trim_end_matches("th");
        if w.is_empty() || w.len() > 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        w.parse().ok()
    };
    for i in 0..words.len() {
        // ISO anywhere.
        let w = words[i].trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '-');
        if w.len() == 10 {
            if let Some(d) = Date::parse_iso(w) {
                return Some(d);
            }
        }
        if let Some(m) = month_of(words[i].trim_matches(|c: char| !c.is_alphabetic() && c != '.')) {
            // Month Day, Year
            if let (Some(d), Some(y)) = (
                words.get(i + 1).and_then(|w| num(w)),
                words.get(i + 2).and_then(|w| num(w)),
            ) {
                if (1..=31).contains(&d) && (1000..=9999).contains(&y) {
                    if let Some(date) = Date::new(y as i32, m, d as u8) {
                        return Some(date);
                    }
                }
            }
            // Day Month Year
            if i > 0 {
                if let (Some(d), Some(y)) =
                    (num(words[i - 1]), words.get(i + 1).and_then(|w| num(w)))
                {
                    if (1..=31).contains(&d) && (1000..=9999).contains(&y) {
                        if let Some(date) = Date::new(y as i32, m, d as u8) {
                            return Some(date);
                        }
                    }
                }
            }
        }
    }
    None
}

/// Looks for a dateline in the first lines of the text: a date within the
/// first 60 characters of one of the first six non-empty lines.
pub(super) fn find_dateline(text: &str) -> Option<Date> {
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(6)
    {
        let head = truncate_chars(line, 60);
        if let Some(d) = find_date_in(&head) {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }
    #[test]
    fn datelines_in_common_forms() {
        assert_eq!(
            find_dateline("LONDON, March 12, 2026 - The talks"),
            Some(d("2026-03-12"))
        );
        assert_eq!(
            find_dateline("Title\n\n8 mins read\nFebruary 12, 2026\n"),
            Some(d("2026-02-12"))
        );
        assert_eq!(find_dateline("12 March 2026\nText"), Some(d("2026-03-12")));
        assert_eq!(
            find_dateline("Posted 2026-02-12 by staff"),
            Some(d("2026-02-12"))
        );
        assert_eq!(
            find_dateline("TOKYO (Feb. 3, 2025) — text"),
            Some(d("2025-02-03"))
        );
        assert_eq!(find_dateline("No date here at all.\nNor here."), None);
        assert_eq!(find_dateline("May is a month; 2026 is a year"), None);
    }

    #[test]
    fn dates_deep_in_text_are_not_datelines() {
        let t = "a\nb\nc\nd\ne\nf\nOn February 12, 2026 it happened.";
        assert_eq!(find_dateline(t), None);
    }

    #[test]
    fn parse_date_accepts_times_and_slashes() {
        assert_eq!(
            parse_date("2026-02-12T08:00:00+09:00"),
            Some(d("2026-02-12"))
        );
        assert_eq!(parse_date("2026/02/12"), Some(d("2026-02-12")));
        assert_eq!(
            parse_date("Thu, 12 Feb 2026 10:00:00 GMT"),
            Some(d("2026-02-12"))
        );
        assert_eq!(parse_date("soon"), None);
    }
}
