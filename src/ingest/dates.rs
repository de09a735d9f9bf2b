//! Dates in metadata, URLs, datelines and the stamps of scraped pages: ISO
//! and written-out forms in English.

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
    find_date_at(s).map(|(_, d)| d)
}

/// The words of `s` (split at whitespace and commas) with their byte offsets.
fn words_at(s: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let sep = c.is_whitespace() || c == ',';
        match (sep, start) {
            (true, Some(st)) => {
                words.push((st, &s[st..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        words.push((st, &s[st..]));
    }
    words
}

/// A day or year number: digits with an optional ordinal suffix (`15th`).
fn num(w: &str) -> Option<u32> {
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
}

/// A numeric date word: ISO `2026-02-12`, also with a time attached
/// (`2026-02-12T10:32:00Z`) or slashes (`2026/02/12`), or day-first with
/// dots (`12.02.2026`).
fn numeric_date(word: &str) -> Option<Date> {
    let w = word.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '-');
    if w.len() == 10 {
        if let Some(d) = Date::parse_iso(w) {
            return Some(d);
        }
    }
    let b = w.as_bytes();
    if b.len() >= 10
        && w.is_char_boundary(10)
        && (b.len() == 10 || b[10] == b'T' || !b[10].is_ascii_alphanumeric())
        && b[4] == b[7]
        && matches!(b[4], b'-' | b'/')
    {
        if let Some(d) = Date::parse_iso(&w[..10].replace('/', "-")) {
            return Some(d);
        }
    }
    let parts: Vec<&str> = w.split('.').collect();
    if let [d, m, y] = parts[..] {
        let digits = |s: &str, lo: usize, hi: usize| {
            (lo..=hi).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if digits(d, 1, 2) && digits(m, 1, 2) && digits(y, 4, 4) {
            return Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        }
    }
    None
}

/// Finds the first date in a short piece of text, with the byte offset of
/// its first word.
fn find_date_at(s: &str) -> Option<(usize, Date)> {
    let words = words_at(s);
    let text = |i: usize| words.get(i).map(|w| w.1);
    for (i, &(at, word)) in words.iter().enumerate() {
        if let Some(d) = numeric_date(word) {
            return Some((at, d));
        }
        if let Some(m) = month_of(word.trim_matches(|c: char| !c.is_alphabetic() && c != '.')) {
            // Month Day, Year
            if let (Some(d), Some(y)) = (text(i + 1).and_then(num), text(i + 2).and_then(num)) {
                if (1..=31).contains(&d) && (1000..=9999).contains(&y) {
                    if let Some(date) = Date::new(y as i32, m, d as u8) {
                        return Some((at, date));
                    }
                }
            }
            // Day Month Year
            if i > 0 {
                if let (Some(d), Some(y)) = (num(words[i - 1].1), text(i + 1).and_then(num)) {
                    if (1..=31).contains(&d) && (1000..=9999).contains(&y) {
                        if let Some(date) = Date::new(y as i32, m, d as u8) {
                            return Some((words[i - 1].0, date));
                        }
                    }
                }
            }
        }
    }
    None
}

/// Non-empty lines searched for a dateline or a stamp.
const STAMP_LINES: usize = 12;
/// Lines where a plain dateline (`LONDON, March 12, 2026 -`) may stand.
const DATELINE_LINES: usize = 6;
/// A dateline's date lies within this many characters of its line.
const DATELINE_CHARS: usize = 60;
/// A stamp's date lies within this many characters of its line.
const STAMP_CHARS: usize = 120;

/// What comes before a date in its line.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Lead {
    /// Words of a sentence (`On`, `the minister said`): not the article's date.
    Prose,
    /// Nothing, a weekday or a place in capitals (`LONDON,`).
    Plain,
    /// A stamp word (`Published`, `Updated:`, `Posted on`) or a byline and a
    /// separator (`By Jane Example |`).
    Stamp,
}

const STAMP_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "modified",
    "released",
    "issued",
    "created",
    "dated",
    "date",
    "last",
    "first",
    "originally",
    "edited",
    "publication",
    "written",
];
/// Weekday abbreviations, beside the full names of [`crate::text::WEEKDAYS`].
const WEEKDAY_ABBREVIATIONS: &[&str] = &[
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
];

/// A lowercase weekday name, full or abbreviated.
fn is_weekday(lower: &str) -> bool {
    crate::text::WEEKDAYS.contains(&lower) || WEEKDAY_ABBREVIATIONS.contains(&lower)
}

/// Classifies the text before a date in its line. A separator (`|`, `-`,
/// `—`, `/`, `·`) splits off a byline or place: only what follows the last
/// one must be stamp words, weekdays or capitals.
fn lead_of(prefix: &str) -> Lead {
    let tokens: Vec<&str> = prefix.split_whitespace().collect();
    let is_sep = |t: &str| {
        !t.is_empty()
            && t.chars()
                .all(|c| matches!(c, '|' | '-' | '–' | '—' | '/' | '·' | '•' | ':'))
    };
    let split = tokens.iter().rposition(|t| is_sep(t) || t.ends_with('|'));
    let (before, after) = match split {
        Some(i) => (&tokens[..=i], &tokens[i + 1..]),
        None => (&tokens[..0], &tokens[..]),
    };
    let bare = |t: &str| t.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    // "By Ann Lee |", also after one capitalised word ("Written by",
    // "Reported by", "Story by").
    let is_by = |t: &&str| bare(t).eq_ignore_ascii_case("by");
    let byline = before.first().is_some_and(is_by)
        || (before.get(1).is_some_and(is_by)
            && before[0].chars().next().is_some_and(char::is_uppercase));
    let capitals =
        |w: &str| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase);
    if !byline {
        // A place or name before the separator: capitalised words only.
        let ok = before.iter().map(|t| bare(t)).all(|w| {
            w.is_empty()
                || w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || STAMP_WORDS.contains(&w.to_lowercase().as_str())
        });
        if !ok {
            return Lead::Prose;
        }
    }
    let mut stamp = byline;
    // A place in title case before a comma (`New Delhi, 25 July 2022`).
    let place = after.last().is_some_and(|t| t.ends_with(','));
    let title_case = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    for t in after {
        let w = bare(t);
        let lower = w.to_lowercase();
        if w.is_empty() {
            continue;
        }
        if STAMP_WORDS.contains(&lower.as_str()) {
            stamp = true;
        } else if (lower == "on" || lower == "at") && stamp {
            // `Posted on`, `Updated at`.
        } else if !(is_weekday(&lower) || capitals(&w) || (place && title_case(&w))) {
            return Lead::Prose;
        }
    }
    if stamp {
        Lead::Stamp
    } else {
        Lead::Plain
    }
}

/// Looks for the article's date in the first lines of the text:
/// - a dateline: a date within the first 60 characters of one of the first
///   six non-empty lines, after nothing, a weekday or a place in capitals
///   (`LONDON, March 12, 2026 -`, `12 March 2026`, `Sunday, June 15, 2025`);
/// - a stamp: a date within the first 120 characters of one of the first
///   twelve non-empty lines, after a stamp word or a byline and a separator
///   (`Published 15 June 2025`, `Updated: June 15, 2025 10:32 a.m. ET`,
///   `By Jane Example | June 15, 2025`), or a short line that is only a date.
///
/// A date after words of a sentence (`On June 15, 2025 the minister …`) is
/// never taken.
pub(super) fn find_dateline(text: &str) -> Option<Date> {
    for (i, line) in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(STAMP_LINES)
        .enumerate()
    {
        let short = truncate_chars(line, DATELINE_CHARS);
        if let Some((at, d)) = find_date_at(&short) {
            let lead = lead_of(&short[..at]);
            let whole_line = line.chars().count() <= DATELINE_CHARS;
            if lead == Lead::Stamp || (lead == Lead::Plain && (i < DATELINE_LINES || whole_line)) {
                return Some(d);
            }
            continue;
        }
        let long = truncate_chars(line, STAMP_CHARS);
        if let Some((at, d)) = find_date_at(&long) {
            if lead_of(&long[..at]) == Lead::Stamp {
                return Some(d);
            }
        }
    }
    None
}

/// The date a URL's path carries: `/2025/06/15/`, `/2025-06-15/`,
/// `-2025-06-15-`, `/20250615/`. Only a whole date (a year and month alone,
/// `/2025/06/`, is not one), only a real calendar day, and only a year from
/// 1990 to `max_year`; digits joined to letters or other digits (ids such as
/// `/article/123456789/`) are not dates. The host, query and fragment are
/// ignored.
pub(super) fn date_in_url(url: &str, max_year: i32) -> Option<Date> {
    let url = url.trim();
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
        None => url,
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let b = path.as_bytes();
    // Maximal runs of ASCII digits, as (start, end).
    let mut runs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((s, i));
        } else {
            i += 1;
        }
    }
    let free_before = |s: usize| s == 0 || !b[s - 1].is_ascii_alphanumeric();
    let free_after = |e: usize| e == b.len() || !b[e].is_ascii_alphanumeric();
    let num = |(s, e): (usize, usize)| path[s..e].parse::<u32>().ok();
    let date = |y: u32, m: u32, d: u32| -> Option<Date> {
        if y < 1990 || y > u32::try_from(max_year).unwrap_or(0) || m > 12 || d > 31 {
            return None;
        }
        Date::new(y as i32, m as u8, d as u8)
    };
    for (k, &(s, e)) in runs.iter().enumerate() {
        if !free_before(s) {
            continue;
        }
        // YYYYMMDD as one bounded token.
        if e - s == 8 && free_after(e) {
            let (y, m, d) = (num((s, s + 4))?, num((s + 4, s + 6))?, num((s + 6, e))?);
            if let Some(d) = date(y, m, d) {
                return Some(d);
            }
            continue;
        }
        // YYYY-MM-DD, YYYY_MM_DD, YYYY/MM/DD (1 or 2 digits after slashes).
        let (Some(&m), Some(&d)) = (runs.get(k + 1), runs.get(k + 2)) else {
            continue;
        };
        if e - s != 4 || m.0 != e + 1 || d.0 != m.1 + 1 || !free_after(d.1) {
            continue;
        }
        let sep = b[e];
        if b[m.1] != sep || !matches!(sep, b'-' | b'_' | b'/') {
            continue;
        }
        let widths = if sep == b'/' { 1..=2 } else { 2..=2 };
        if !widths.contains(&(m.1 - m.0)) || !widths.contains(&(d.1 - d.0)) {
            continue;
        }
        if let Some(date) = date(num((s, e))?, num(m)?, num(d)?) {
            return Some(date);
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
    fn stamps_of_scraped_pages() {
        let cases = [
            "Published 15 June 2025",
            "Updated: June 15, 2025 10:32 a.m. ET",
            "Posted on 2025-06-15",
            "15 Jun 2025, 10:32 IST",
            "June 15, 2025 / 3:04 PM / Updated 2 hours ago",
            "By Jane Example | June 15, 2025",
            "By Jane Example and Sam Other, Senior Correspondents | Updated June 15th, 2025",
            "Sunday, June 15, 2025 08:10 Written by Staff",
            "Written by Jane Example | Nordby | Updated: June 15, 2025 10:42 IST",
            "Reported by Jane Example | June 15, 2025",
            "Last updated: 2025-06-15T10:32:00+01:00",
            "First published on Sun 15 Jun 2025 06.00 BST",
            "LONDON (Reuters) - June 15, 2025",
            "Posted 2025/06/15 in World",
            "Published: 15.06.2025",
        ];
        for c in cases {
            let text = format!(
                "A Headline About Things\n{c}\nThe minister said on Monday that talks would go on."
            );
            assert_eq!(find_dateline(&text), Some(d("2025-06-15")), "{c}");
        }
    }

    #[test]
    fn stamps_after_page_furniture_are_found_up_to_line_twelve() {
        let nav = "Home\nWorld\nAsia\nBusiness\nShare\nSave\nListen to this article\nA Headline";
        let text = format!("{nav}\nBy Jane Example | Updated June 15, 2025\nBody.");
        assert_eq!(find_dateline(&text), Some(d("2025-06-15")));
        let text = format!("{nav}\nJune 15, 2025\nBody.");
        assert_eq!(find_dateline(&text), Some(d("2025-06-15")));
        // A long line starting with a place and a date is a dateline only in the first six lines.
        let text = format!(
            "{nav}\nLONDON, June 15, 2025 - The talks went on for many hours into the night."
        );
        assert_eq!(find_dateline(&text), None);
        let far = format!("{nav}\na\nb\nc\nd\nPublished 15 June 2025");
        assert_eq!(find_dateline(&far), None);
    }

    #[test]
    fn dates_in_prose_are_not_stamps() {
        for line in [
            "On June 15, 2025 the minister announced the package.",
            "Markets on June 15, 2025: what happened",
            "The ceremony was held on 15 June 2025 in the capital.",
            "Shares fell — the minister said on June 15, 2025 that",
            "rustybrick in Other Google Topics at January 16, 2008 7:46 AM",
        ] {
            let text = format!("Headline\n{line}\nMore text.");
            assert_eq!(find_dateline(&text), None, "{line}");
        }
        // Paragraph three of one-line paragraphs.
        let text = "Headline\nThe talks resumed.\nOn June 15, 2025 the minister said more.";
        assert_eq!(find_dateline(text), None);
    }

    #[test]
    fn impossible_dates_are_not_stamps() {
        assert_eq!(find_dateline("Published 30 February 2025\nBody"), None);
        assert_eq!(find_dateline("Posted on 2025-02-30\nBody"), None);
        assert_eq!(find_dateline("Updated 31.04.2025\nBody"), None);
        assert_eq!(find_dateline("Updated 2 hours ago\nBody"), None);
    }

    #[test]
    fn lead_classes() {
        assert_eq!(lead_of(""), Lead::Plain);
        assert_eq!(lead_of("LONDON, "), Lead::Plain);
        assert_eq!(lead_of("Sunday, "), Lead::Plain);
        // Regression: title-case places and `Written:` stamps were lost.
        assert_eq!(lead_of("New Delhi, "), Lead::Plain);
        assert_eq!(lead_of("Written: "), Lead::Stamp);
        assert_eq!(lead_of("Updated: "), Lead::Stamp);
        assert_eq!(lead_of("Posted on "), Lead::Stamp);
        assert_eq!(lead_of("By Ann Lee | "), Lead::Stamp);
        assert_eq!(lead_of("On "), Lead::Prose);
        assert_eq!(lead_of("the minister said on "), Lead::Prose);
        assert_eq!(lead_of("Markets on "), Lead::Prose);
    }

    #[test]
    fn url_dates_in_common_shapes() {
        let y = 2027;
        for url in [
            "https://news.example/2025/06/15/minister-resigns",
            "https://news.example/world/2025/6/15/minister-resigns/",
            "https://news.example/2025-06-15/minister-resigns",
            "https://news.example/world/minister-resigns-2025-06-15-story.html",
            "https://news.example/news/20250615/minister-resigns",
            "https://news.example/a/20250615-minister-resigns.html",
            "https://news.example/2025_06_15_minister",
            "/2025/06/15/relative-path",
        ] {
            assert_eq!(date_in_url(url, y), Some(d("2025-06-15")), "{url}");
        }
    }

    #[test]
    fn url_ids_months_and_impossible_dates_are_not_dates() {
        let y = 2027;
        for url in [
            "https://news.example/article/123456789/minister-resigns",
            "https://news.example/article/12345678/minister",
            "https://news.example/2025/06/minister-resigns",
            "https://news.example/2025/02/30/minister",
            "https://news.example/2025-02-30-minister",
            "https://news.example/20250230/minister",
            "https://news.example/1985/06/15/old",
            "https://news.example/2030/06/15/future",
            "https://news.example/2025/06/150/x",
            "https://news.example/v2025-06-15/x",
            "https://news.example/story?date=2025-06-15",
            "https://news.example/story#2025-06-15",
            "https://20250615.example.com/story",
            "https://news.example/p/1202506151",
            "",
            "not a url",
        ] {
            assert_eq!(date_in_url(url, y), None, "{url}");
        }
        assert_eq!(
            date_in_url("https://news.example/2030/06/15/future", 2031),
            Some(d("2030-06-15"))
        );
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
