//! Page furniture: single lines a saved news page carries around the story
//! that are not the story (share buttons, photo captions and credits,
//! bylines and time stamps, embedded social-post attributions, labels such
//! as "Advertisement", a site name glued to a word). Recognised from the
//! line's own words and shape, with short English word lists (like the
//! stopword lists elsewhere); no outlet names.

mod lists;
mod words;

use crate::text::{MONTHS, WEEKDAYS};
use lists::*;
use std::cell::OnceCell;
use words::{any_word, Words};

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
    !line.contains('\n') && Words::first(line.trim(), LABEL_WORDS).joined_in(LIST_LABELS)
}

/// No entry of [`LIST_LABELS`] or [`LABELS`] has more words than this.
const LABEL_WORDS: usize = 6;

/// All lowercase words of `s` (letters and digits; apostrophes kept), for
/// a line already known to be short ([`Words`] keeps the first ones).
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

/// `w` without every repeat of `suffix` at its end.
fn strip_all<'a>(mut w: &'a str, suffix: &str) -> &'a str {
    while let Some(rest) = w.strip_suffix(suffix) {
        w = rest;
    }
    w
}

/// Digits, then any of "am", "pm", "st", "nd", "rd", "th" repeated: "10",
/// "3rd", "7pm".
fn is_number(w: &str) -> bool {
    if !w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let w = strip_all(strip_all(w, "am"), "pm");
    let w = ["st", "nd", "rd", "th"]
        .iter()
        .fold(w, |w, suffix| strip_all(w, suffix));
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
}

/// What furniture `line` is, if any. `line` is one paragraph's text; a
/// paragraph spanning several lines is never furniture.
pub fn furniture(line: &str) -> Option<Furniture> {
    let line = line.trim();
    if line.contains('\n') || line.is_empty() {
        return None;
    }
    let t = line
        .trim_start_matches(['•', '·', '*', '-', '–', '|', '>', '▶', '►', ' '])
        .trim();
    if !t.chars().any(char::is_alphanumeric) {
        // "***", "• • •", "—".
        return Some(Furniture::Label);
    }
    if plain_prose(t) {
        return None;
    }
    by_rules(t)
}

/// What furniture the trimmed line `t` (one line, with letters or digits)
/// is by each rule in turn: what [`furniture`] answers when
/// [`plain_prose`] cannot say no at once.
fn by_rules(t: &str) -> Option<Furniture> {
    let ws = Words::of(t);
    let lower = t.to_lowercase();
    if ws.len() <= 12 && is_share(&ws) {
        return Some(Furniture::Share);
    }
    if is_menu(t) {
        return Some(Furniture::Label);
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

/// Whether `s` starts with `prefix`, ASCII case ignored.
fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// Whether `s` ends with `suffix`, ASCII case ignored.
fn ends_with_ci(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.as_bytes()[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// A line no furniture rule can take, told without lowercasing it: prose
/// of more than [`words::KEPT`] words (too long for share buttons,
/// bylines, stamps and labels) with no bar or bullet (`|`, `·`, `•`) and no
/// social handle (no menu, name-and-stamp line, social post or credit
/// after a bar), no " pic." link, no caption or social opener, not opening
/// with a digit (a gallery counter), not closing with a bracket or a photo
/// credit, and a last sentence of more than six words (no credit line).
/// The rules below would each say no; this says it in a few scans of the
/// line. Lowercasing turns no character but the ASCII letters, `İ` (to `i`
/// and a combining dot) and the Kelvin sign (to `k`) into ASCII, so the
/// rules' tests of the lowercased line for ASCII text are, on any line,
/// the ASCII case-blind tests made here on the line itself
/// ([`opens_like`] lowercases only the line's first characters).
fn plain_prose(t: &str) -> bool {
    let b = t.as_bytes();
    if b.first().is_some_and(u8::is_ascii_digit)
        || b.last().is_some_and(|c| matches!(c, b')' | b']'))
        || b.contains(&b'|')
        || (!t.is_ascii() && t.contains(['\u{b7}', '\u{2022}']))
        || t.contains("(@")
        || t.contains("( @")
    {
        return false;
    }
    let openers = ["pic.", "a post shared by", "view this post on"];
    if opens_like(t, openers.iter().chain(CAPTION_OPENERS)) {
        return false;
    }
    if t.match_indices('.')
        .any(|(i, _)| i >= 4 && b[i - 4..i].eq_ignore_ascii_case(b" pic"))
    {
        return false;
    }
    let tail = t.trim_end_matches(['.', ')', ' ', ']']);
    if ["file photo", "file image", "file picture", "handout photo"]
        .iter()
        .any(|e| ends_with_ci(tail, e))
    {
        return false;
    }
    let last = last_sentence(t).trim();
    last.split_whitespace().take(7).count() > 6 && words::more_words_than(t, words::KEPT)
}

/// Whether the line lowercased starts with one of the lowercase ASCII
/// `openers`, as `t.to_lowercase().starts_with(o)` says: ASCII lines are
/// compared case-blind as they are; of other lines only as many characters
/// are lowercased as the longest opener has bytes (each character
/// lowercases to at least one byte, and a final sigma's two forms are both
/// outside ASCII).
fn opens_like<'a>(t: &str, openers: impl Iterator<Item = &'a &'a str> + Clone) -> bool {
    if t.is_ascii() {
        return openers.clone().any(|o| starts_with_ci(t, o));
    }
    let longest = openers.clone().map(|o| o.len()).max().unwrap_or(0);
    let end = t.char_indices().nth(longest).map_or(t.len(), |(i, _)| i);
    let head = t[..end].to_lowercase();
    openers.clone().any(|o| head.starts_with(o))
}

/// What follows the last ". " of `t` (all of `t` without one).
fn last_sentence(t: &str) -> &str {
    let mut end = t.len();
    while let Some(i) = t[..end].rfind('.') {
        if t.as_bytes().get(i + 1) == Some(&b' ') {
            return &t[i + 2..];
        }
        end = i;
    }
    t
}

/// A navigation bar: three or more short items between `|` ("Home |
/// Politics | Business | Opinion"), each one to three capitalised words
/// with no digits or sentence marks.
fn is_menu(t: &str) -> bool {
    if !t.contains('|') {
        return false;
    }
    let items: Vec<&str> = t.split('|').map(str::trim).collect();
    items.len() >= 3
        && items.iter().all(|item| {
            let n = item.split_whitespace().take(4).count();
            (1..=3).contains(&n)
                && item.chars().next().is_some_and(char::is_uppercase)
                && !item
                    .chars()
                    .any(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '?' | '!'))
        })
}

/// Share buttons; `ws` holds every word (the caller asks for 12 or fewer).
fn is_share(ws: &Words) -> bool {
    !ws.is_empty()
        && ws.iter().all(|w| SHARE_WORDS.contains(&w))
        && ws.iter().any(|w| SHARE_CUES.contains(&w))
}

/// "— Name (@handle) March 3, 2025", "pic.example/abc", "A post shared by".
/// A handle makes an attribution after a dash or before a date: a quote
/// that a numbered list item ends with its speaker's handle ("6. "…"
/// Name (@handle)") is the story's.
fn is_social(t: &str, lower: &str) -> bool {
    let handle = t.find("(@").or_else(|| t.find("( @"));
    let attributed = handle.is_some_and(|at| {
        let dash = t.starts_with(['—', '–', '-']) || lower.contains("— ");
        dash || any_word(&t[at..], |w| is_month(w) || is_number(w))
    });
    attributed
        || lower.starts_with("pic.")
        || lower.starts_with("a post shared by")
        || lower.starts_with("view this post on")
        || (lower.contains(" pic.") && lower.split_whitespace().take(41).count() <= 40)
}

fn is_caption(t: &str, lower: &str, ws: &Words) -> bool {
    // A gallery counter: "1 of 2 | …", "3/12 …".
    let word = |i: usize| ws.get(i).unwrap_or("");
    let gallery = ws.len() >= 3
        && is_number(word(0))
        && word(1) == "of"
        && is_number(word(2))
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
        let aw = Words::first(after, 4);
        if let Some(w) = aw.get(0).filter(|_| aw.len() <= 4) {
            if CREDIT_OPENERS.contains(&w) || w == "file" {
                return true;
            }
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
            let inner = Words::first(&lower[open..], 1);
            if inner.get(0).is_some_and(|w| CREDIT_OPENERS.contains(&w)) {
                return true;
            }
        }
    }
    // The last segment after a sentence end is a credit: "… 2025. AGENCY/Name".
    let last = last_sentence(t).trim();
    if last.split_whitespace().take(7).count() > 6 {
        return false;
    }
    let lw = Words::first(last, 2);
    if last.len() < t.len()
        && lw.get(0).is_some_and(|w| CREDIT_OPENERS.contains(&w))
        && (last.contains(':') || lw.get(1).is_some_and(|w| w == "by" || w == "courtesy"))
    {
        return true;
    }
    agency_credit(last)
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
    // The bytes of '|', the last of '·' (U+00B7) and of '•' (U+2022): none,
    // no separator.
    let separator = |b: &u8| matches!(b, b'|' | 0xB7 | 0xA2);
    if !t
        .as_bytes()
        .chunks(64)
        .any(|c| c.iter().filter(|b| separator(b)).count() > 0)
    {
        return false;
    }
    let segs: Vec<&str> = t
        .split(['|', '\u{b7}', '\u{2022}'])
        .map(str::trim)
        .collect();
    if segs.len() < 2 || segs.iter().any(|x| x.is_empty()) {
        return false;
    }
    let (mut names, mut stamps) = (0, 0);
    for seg in &segs {
        let ws = Words::of(seg);
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
fn stamp(t: &str, ws: &Words) -> Option<Furniture> {
    if !is_stamp(t, ws) {
        return None;
    }
    let marked =
        ws.iter().any(|w| STAMP_MARKS.contains(&w)) || t.contains("://") || t.contains("www.");
    Some(if marked {
        Furniture::Stamp
    } else {
        Furniture::Dateline
    })
}

fn is_stamp(t: &str, ws: &Words) -> bool {
    if ws.is_empty() || ws.len() > 20 {
        return false;
    }
    // At most 20 words: all of them are kept.
    let ws: Vec<&str> = ws.iter().collect();
    // Every kind of stamp holds a number.
    if !ws.iter().any(|w| w.bytes().any(|b| b.is_ascii_digit())) {
        return false;
    }
    let has_date = ws.iter().any(|w| is_month(w) || is_number(w));
    if has_date && all_stampy(t, &ws) {
        return true;
    }
    // "Updated 54 minutes ago" after other words, "6 min read".
    let lower = t.to_lowercase();
    let ago = ws.windows(3).any(|x| {
        is_number(x[0]) && STAMP_FILLER.contains(&x[1]) && (x[2] == "ago" || x[2] == "read")
    });
    (ago && ws.len() <= 14)
        || (STAMP_WORDS.contains(&ws[0])
            && ws.len() <= 14
            && (lower.starts_with("updated")
                || lower.starts_with("published")
                || lower.starts_with("posted")
                || lower.starts_with("last updated")
                || lower.starts_with("first published")))
}

/// Whether every word of `t` (`ws`) is a number, month, weekday, stamp
/// filler, part of a URL, an ISO time or a zone name.
fn all_stampy(t: &str, ws: &[&str]) -> bool {
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
    ws.iter().all(|&w| {
        is_number(w)
            || is_month(w)
            || is_weekday(w)
            || STAMP_FILLER.contains(&w)
            || url_words.iter().any(|u| u == w)
            || w.chars()
                .all(|c| c.is_ascii_digit() || c == 't' || c == 'z')
            || zones.iter().any(|z| z == w)
    })
}

/// "By JANE EXAMPLE", "By Jane Example and Ann Other, Staff Writer |
/// Updated …": "By" and then names (capitalised words) with byline words.
fn is_byline(t: &str, ws: &Words) -> bool {
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

fn is_label(lower: &str, ws: &Words) -> bool {
    let word = |i: usize| ws.get(i).unwrap_or("");
    // "0 Comments", "12 shares".
    if ws.len() == 2 && is_number(word(0)) && COUNTED.contains(&word(1)) {
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
    if ws.joined_in(LABELS) {
        return true;
    }
    if ws.len() <= 14 && LABEL_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    // A site name glued to a word: "Newsfrom Japan".
    if (2..=5).contains(&ws.len()) {
        let w = word(0);
        return GLUED_HEADS.iter().any(|h| {
            w.strip_prefix(h)
                .is_some_and(|rest| GLUED_TAILS.contains(&rest))
        });
    }
    false
}

/// The headline among a text's first lines: the first of its first twelve
/// non-empty lines that has letters, is not furniture, is not a navigation
/// item (a line of one or two words next to another such line) and is not a
/// section kicker (one or two words right above a line of 4–30 words with no
/// closing punctuation), when it reads as a headline (no full stop at its end, at most 30 words);
/// `None` otherwise (then the first line stands).
pub fn headline(text: &str) -> Option<&str> {
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .filter(|l| !l.is_empty())
        .take(12)
        .collect();
    // Each line's furniture, worked out once and only when a rule asks.
    let kinds: Vec<OnceCell<Option<Furniture>>> = lines.iter().map(|_| OnceCell::new()).collect();
    let kind = |i: usize| *kinds[i].get_or_init(|| furniture(lines[i]));
    let candidate = |i: usize| {
        let l = lines[i];
        l.chars().filter(|c| c.is_alphabetic()).take(3).count() >= 3
            && kind(i).is_none()
            && !l.starts_with("http")
    };
    let nav_word = |i: usize| {
        lines.get(i).is_some_and(|l| {
            candidate(i)
                && l.split_whitespace().take(3).count() <= 2
                && !l.ends_with(['.', '!', '?', ':', ';', ','])
        })
    };
    // A single word next to a label or a button is a menu item too.
    let menu = |i: usize| {
        lines[i].split_whitespace().take(2).count() == 1
            && [i.wrapping_sub(1), i + 1].iter().any(|&k| {
                k < lines.len() && matches!(kind(k), Some(Furniture::Label | Furniture::Share))
            })
    };
    // A section kicker above the headline ("Politics", "World news"): a
    // line of one or two words right before a longer line that reads as a
    // headline. A short headline over a standfirst (a sentence) stays.
    let reads_as_headline = |l: &str| {
        (4..=30).contains(&l.split_whitespace().count())
            && !l.ends_with(['.', ',', ';', ':', '!', '?'])
    };
    let kicker = |i: usize| {
        nav_word(i) && i + 1 < lines.len() && candidate(i + 1) && reads_as_headline(lines[i + 1])
    };
    (0..lines.len())
        .find(|&i| {
            candidate(i)
                && !(nav_word(i) && ((i > 0 && nav_word(i - 1)) || nav_word(i + 1) || menu(i)))
                && !kicker(i)
        })
        .map(|i| lines[i])
        // The lead's first sentence is not a headline: then there is none.
        .filter(|l| !l.ends_with(['.', ',', ';', ':']) && l.split_whitespace().count() <= 30)
}

#[cfg(test)]
mod tests;
