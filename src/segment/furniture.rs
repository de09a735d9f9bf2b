//! Page furniture: single lines a saved news page carries around the story
//! that are not the story (share buttons, photo captions and credits,
//! bylines and time stamps, embedded social-post attributions, labels such
//! as "Advertisement", a site name glued to a word). Recognised from the
//! line's own words and shape, with short English word lists (like the
//! stopword lists elsewhere); no outlet names.

mod lists;

use crate::text::MONTHS;
use lists::*;

/// What kind of furniture a line is (the finding names it).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Furniture {
    /// "Share on X", "• Share on LINE", "Email", "Print".
    Share,
    /// A photo caption or credit: "1 of 2 | …", "… file photo",
    /// "(Photo: …)", "Courtesy of …", "AGENCY/Name".
    Caption,
    /// "By JANE EXAMPLE", "Updated 54 minutes ago", a date-only line,
    /// "5 min read", "date 2025-06-15 https://…".
    Stamp,
    /// A bare date or reading time: "Sunday, June 15, 2025", "6 mins read".
    /// Never a title; dedup leaves it as it is (the article's date is read
    /// from it, and it holds nothing to check).
    Dateline,
    /// An embedded social post's attribution: "— Name (@handle) March 3,
    /// 2025", a `pic.` or short link.
    Social,
    /// A label: "Advertisement", "Overview", "Related stories", "***",
    /// "Newsfrom Japan".
    Label,
}

impl Furniture {
    /// How findings name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Furniture::Share => "share buttons",
            Furniture::Caption => "a photo caption or credit",
            Furniture::Stamp => "a byline or time stamp",
            Furniture::Dateline => "a date line",
            Furniture::Social => "an embedded social post",
            Furniture::Label => "a page label",
        }
    }
}

/// A label that opens a list of other stories: "Related Articles",
/// "RECOMMEND", "Most read".
pub fn list_label(line: &str) -> bool {
    let ws = words(line.trim());
    !line.contains('\n') && LIST_LABELS.contains(&ws.join(" ").as_str())
}

/// Lowercase words of `s` (letters and digits; apostrophes kept).
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('\u{2019}', "'"))
        .collect()
}

fn is_month(w: &str) -> bool {
    MONTHS
        .iter()
        .any(|m| *m == w || (w.len() >= 3 && m.starts_with(w) && w.len() <= 4))
}

fn is_weekday(w: &str) -> bool {
    WEEKDAYS
        .iter()
        .any(|d| *d == w || (w.len() == 3 && d.starts_with(w)))
}

fn is_number(w: &str) -> bool {
    let w = w.trim_end_matches("am").trim_end_matches("pm");
    let w = w
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    !w.is_empty() && w.chars().all(|c| c.is_ascii_digit())
}

/// What furniture `line` is, if any. `line` is one paragraph's text; a
/// paragraph spanning several lines is never furniture.
pub fn furniture(line: &str) -> Option<Furniture> {
    let t = line
        .trim()
        .trim_start_matches(['•', '·', '*', '-', '–', '|', '>', '▶', '►', ' '])
        .trim();
    if line.trim().contains('\n') || line.trim().is_empty() {
        return None;
    }
    if !t.chars().any(char::is_alphanumeric) {
        // "***", "• • •", "—".
        return Some(Furniture::Label);
    }
    let ws = words(t);
    let lower = t.to_lowercase();
    if ws.len() <= 12 && is_share(&ws) {
        return Some(Furniture::Share);
    }
    if is_social(t, &lower) {
        return Some(Furniture::Social);
    }
    if is_caption(t, &lower, &ws) {
        return Some(Furniture::Caption);
    }
    if is_byline(t, &ws) || name_and_stamp(t) {
        return Some(Furniture::Stamp);
    }
    if let Some(f) = stamp(t, &ws) {
        return Some(f);
    }
    if is_label(&lower, &ws) {
        return Some(Furniture::Label);
    }
    None
}

fn is_share(ws: &[String]) -> bool {
    !ws.is_empty()
        && ws.iter().all(|w| SHARE_WORDS.contains(&w.as_str()))
        && ws.iter().any(|w| SHARE_CUES.contains(&w.as_str()))
}

/// "— Name (@handle) March 3, 2025", "pic.example/abc", "A post shared by".
fn is_social(t: &str, lower: &str) -> bool {
    let handle = t.contains("(@") || t.contains("( @");
    let dash = t.starts_with(['—', '–', '-']) || lower.contains("— ");
    let dated = words(t).iter().any(|w| is_month(w) || is_number(w));
    (handle && (dash || dated))
        || lower.starts_with("pic.")
        || lower.starts_with("a post shared by")
        || lower.starts_with("view this post on")
        || (lower.contains(" pic.") && lower.split_whitespace().count() <= 40)
}

fn is_caption(t: &str, lower: &str, ws: &[String]) -> bool {
    // A gallery counter: "1 of 2 | …", "3/12 …".
    let gallery = ws.len() >= 3
        && is_number(&ws[0])
        && ws[1] == "of"
        && is_number(&ws[2])
        && lower.starts_with(|c: char| c.is_ascii_digit());
    let slash_counter = {
        let first = t.split_whitespace().next().unwrap_or("");
        match first.split_once('/') {
            Some((a, b)) => {
                !a.is_empty()
                    && !b.is_empty()
                    && a.chars().all(|c| c.is_ascii_digit())
                    && b.chars().all(|c| c.is_ascii_digit())
                    && t.contains('|')
            }
            None => false,
        }
    };
    if gallery || slash_counter || CAPTION_OPENERS.iter().any(|o| lower.starts_with(o)) {
        return true;
    }
    // "… | PHOTO | FILE": a credit after the last bar.
    if let Some((_, after)) = lower.rsplit_once('|') {
        let aw = words(after);
        if !aw.is_empty()
            && aw.len() <= 4
            && (CREDIT_OPENERS.contains(&aw[0].as_str()) || aw[0] == "file")
        {
            return true;
        }
    }
    let tail = lower.trim_end_matches(['.', ')', ' ', ']']);
    if ["file photo", "file image", "file picture", "handout photo"]
        .iter()
        .any(|e| tail.ends_with(e))
    {
        return true;
    }
    // The last parenthesis or bracket holds a credit: "(Photo: …)".
    if lower.ends_with(')') || lower.ends_with(']') {
        if let Some(open) = lower.rfind(['(', '[']) {
            let inner = words(&lower[open..]);
            if inner
                .first()
                .is_some_and(|w| CREDIT_OPENERS.contains(&w.as_str()))
            {
                return true;
            }
        }
    }
    // The last segment after a sentence end is a credit: "… 2025. AGENCY/Name".
    let last = t.rsplit(". ").next().unwrap_or(t).trim();
    let last_words = last.split_whitespace().count();
    let lw = words(last);
    if last.len() < t.len()
        && last_words <= 6
        && lw
            .first()
            .is_some_and(|w| CREDIT_OPENERS.contains(&w.as_str()))
        && (last.contains(':') || lw.get(1).is_some_and(|w| w == "by" || w == "courtesy"))
    {
        return true;
    }
    if last_words <= 6 && agency_credit(last) {
        return true;
    }
    false
}

/// "AGENCY/Name Surname", "Name Surname/AGENCY": a slash between a word in
/// capitals and a capitalised word, no URL.
fn agency_credit(s: &str) -> bool {
    if s.contains("://") || s.contains("www.") {
        return false;
    }
    s.split_whitespace().any(|tok| {
        let mut parts = tok.split('/');
        let (Some(a), Some(b)) = (parts.next(), parts.next()) else {
            return false;
        };
        let caps = |x: &str| {
            x.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && x.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
        };
        let cap_word = |x: &str| x.chars().next().is_some_and(char::is_uppercase);
        (caps(a) && cap_word(b)) || (cap_word(a) && caps(b))
    })
}

/// "Ann Other | 4 March 2025", "Staff Reporter | Updated 10:32": segments
/// split by `|`, each a short run of capitalised words (a name, a desk)
/// or a date or stamp, at least one of each.
fn name_and_stamp(t: &str) -> bool {
    let segs: Vec<&str> = t
        .split(['|', '\u{b7}', '\u{2022}'])
        .map(str::trim)
        .collect();
    if segs.len() < 2 || segs.iter().any(|x| x.is_empty()) {
        return false;
    }
    let (mut names, mut stamps) = (0, 0);
    for seg in &segs {
        let ws = words(seg);
        if stamp(seg, &ws).is_some() {
            stamps += 1;
        } else if (1..=5).contains(&ws.len())
            && seg
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            names += 1;
        } else {
            return false;
        }
    }
    names >= 1 && stamps >= 1
}

/// A time stamp or date line: only stamp words, numbers, months, weekdays,
/// short zone names and URLs; or "N minutes ago", "N min read" in a short
/// line. A [`Furniture::Stamp`] when it holds a stamp word or a URL, else a
/// bare [`Furniture::Dateline`].
fn stamp(t: &str, ws: &[String]) -> Option<Furniture> {
    let marked = ws.iter().any(|w| STAMP_MARKS.contains(&w.as_str()))
        || t.contains("://")
        || t.contains("www.");
    let kind = if marked {
        Furniture::Stamp
    } else {
        Furniture::Dateline
    };
    is_stamp(t, ws).then_some(kind)
}

fn is_stamp(t: &str, ws: &[String]) -> bool {
    if ws.is_empty() || ws.len() > 20 {
        return false;
    }
    let has_digit = ws.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()));
    let has_date = ws.iter().any(|w| is_month(w) || is_number(w));
    let url_words: Vec<String> = t
        .split_whitespace()
        .filter(|tok| tok.contains("://") || tok.starts_with("www."))
        .flat_map(words)
        .collect();
    // Zone names: words of two to four capitals ("IST", "ET").
    let zones: Vec<String> = t
        .split(|c: char| !c.is_alphanumeric())
        .filter(|r| (2..=4).contains(&r.len()) && r.chars().all(|c| c.is_ascii_uppercase()))
        .map(str::to_lowercase)
        .collect();
    let all_stampy = ws.iter().all(|w| {
        is_number(w)
            || is_month(w)
            || is_weekday(w)
            || STAMP_FILLER.contains(&w.as_str())
            || url_words.contains(w)
            || w.chars()
                .all(|c| c.is_ascii_digit() || c == 't' || c == 'z')
            || zones.contains(w)
    });
    if all_stampy && has_digit && has_date {
        return true;
    }
    // "Updated 54 minutes ago" after other words, "6 min read".
    let lower = t.to_lowercase();
    let ago = ws.windows(3).any(|x| {
        is_number(&x[0])
            && STAMP_FILLER.contains(&x[1].as_str())
            && (x[2] == "ago" || x[2] == "read")
    });
    (ago && ws.len() <= 14)
        || (STAMP_WORDS.contains(&ws[0].as_str())
            && has_digit
            && ws.len() <= 14
            && (lower.starts_with("updated")
                || lower.starts_with("published")
                || lower.starts_with("posted")
                || lower.starts_with("last updated")
                || lower.starts_with("first published")))
}

/// "By JANE EXAMPLE", "By Jane Example and Ann Other, Staff Writer |
/// Updated …": "By" and then names (capitalised words) with byline words.
fn is_byline(t: &str, ws: &[String]) -> bool {
    let opens = [
        "By ",
        "BY ",
        "by ",
        "Written by ",
        "Reporting by ",
        "Words by ",
        "Story by ",
        "Published by ",
        "Published By: ",
        "Edited by ",
        "Posted by ",
        "Reported by ",
    ];
    let Some(rest) = opens.iter().find_map(|o| t.strip_prefix(o)) else {
        return false;
    };
    if ws.len() > 25 {
        return false;
    }
    let split = |x: &str| -> Vec<String> {
        x.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-'))
            .map(|w| w.trim_matches('-'))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let raw = split(rest);
    raw.first()
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_uppercase)
        && raw.iter().all(|r| {
            let w = r.to_lowercase();
            r.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || BYLINE_FILLER.contains(&w.as_str())
                || STAMP_FILLER.contains(&w.as_str())
        })
}

fn is_label(lower: &str, ws: &[String]) -> bool {
    let joined = ws.join(" ");
    // "0 Comments", "12 shares".
    if ws.len() == 2 && is_number(&ws[0]) && COUNTED.contains(&ws[1].as_str()) {
        return true;
    }
    // A credit line: "Ann Other contributed to this report."
    let end = lower.trim_end_matches(['.', ' ']);
    if ws.len() <= 20
        && [
            "contributed to this report",
            "contributed reporting",
            "contributed to this story",
        ]
        .iter()
        .any(|e| end.ends_with(e))
    {
        return true;
    }
    // A short note wholly in parentheses: "(With inputs from agencies)".
    if lower.starts_with('(') && lower.ends_with(')') && ws.len() <= 12 {
        return true;
    }
    if LABELS.contains(&joined.as_str()) {
        return true;
    }
    if ws.len() <= 14 && LABEL_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    // A site name glued to a word: "Newsfrom Japan".
    if (2..=5).contains(&ws.len()) {
        let w = &ws[0];
        return GLUED_HEADS.iter().any(|h| {
            w.strip_prefix(h)
                .is_some_and(|rest| GLUED_TAILS.contains(&rest))
        });
    }
    false
}

/// The headline among a text's first lines: the first of its first twelve
/// non-empty lines that has letters, is not furniture and is not a
/// navigation item (a line of one or two words next to another such line),
/// when it reads as a headline (no full stop at its end, at most 30 words);
/// `None` otherwise (then the first line stands).
pub fn headline(text: &str) -> Option<&str> {
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .filter(|l| !l.is_empty())
        .take(12)
        .collect();
    let candidate = |l: &str| {
        l.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && furniture(l).is_none()
            && !l.starts_with("http")
    };
    let nav_word = |i: usize| {
        lines.get(i).is_some_and(|l| {
            candidate(l)
                && l.split_whitespace().count() <= 2
                && !l.ends_with(['.', '!', '?', ':', ';', ','])
        })
    };
    // A single word next to a label or a button is a menu item too.
    let menu = |i: usize| {
        lines[i].split_whitespace().count() == 1
            && [i.wrapping_sub(1), i + 1].iter().any(|&k| {
                lines.get(k).is_some_and(|l| {
                    matches!(furniture(l), Some(Furniture::Label | Furniture::Share))
                })
            })
    };
    (0..lines.len())
        .find(|&i| {
            candidate(lines[i])
                && !(nav_word(i) && ((i > 0 && nav_word(i - 1)) || nav_word(i + 1) || menu(i)))
        })
        .map(|i| lines[i])
        // The lead's first sentence is not a headline: then there is none.
        .filter(|l| !l.ends_with(['.', ',', ';', ':']) && l.split_whitespace().count() <= 30)
}

#[cfg(test)]
mod tests;
