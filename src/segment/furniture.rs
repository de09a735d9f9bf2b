//! Page furniture: single lines a saved news page carries around the story
//! that are not the story (share buttons, photo captions and credits,
//! bylines and time stamps, embedded social-post attributions, labels such
//! as "Advertisement", a site name glued to a word). Recognised from the
//! line's own words and shape, with short English word lists (like the
//! stopword lists elsewhere); no outlet names.

use crate::text::MONTHS;

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

/// Words of a share bar; a line made only of these (and holding one of
/// [`SHARE_CUES`]) is share buttons.
const SHARE_WORDS: &[&str] = &[
    "share",
    "shares",
    "on",
    "via",
    "this",
    "article",
    "story",
    "post",
    "page",
    "the",
    "to",
    "x",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "line",
    "reddit",
    "telegram",
    "pinterest",
    "messenger",
    "email",
    "e",
    "mail",
    "print",
    "copy",
    "link",
    "copied",
    "tweet",
    "save",
    "comments",
    "comment",
    "gift",
    "flipboard",
    "threads",
    "bluesky",
    "sms",
    "kakaotalk",
    "weibo",
    "wechat",
    "viber",
    "more",
    "options",
    "and",
    "click",
    "opens",
    "open",
    "in",
    "new",
    "window",
    "tab",
    "count",
];
const SHARE_CUES: &[&str] = &[
    "share",
    "tweet",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "reddit",
    "telegram",
    "pinterest",
    "email",
    "print",
    "messenger",
    "flipboard",
    "copy",
    "save",
    "gift",
];

/// Whole-line labels (lowercase, punctuation dropped).
const LABELS: &[&str] = &[
    "advertisement",
    "advertisements",
    "ad",
    "ads",
    "sponsored",
    "sponsored content",
    "paid content",
    "overview",
    "key points",
    "highlights",
    "in brief",
    "at a glance",
    "summary",
    "related",
    "related stories",
    "related articles",
    "related news",
    "related content",
    "related topics",
    "read more",
    "read also",
    "also read",
    "see also",
    "more",
    "more stories",
    "more news",
    "more on this story",
    "most read",
    "most popular",
    "most viewed",
    "trending",
    "trending now",
    "recommended",
    "recommend",
    "recommended stories",
    "you may also like",
    "you might also like",
    "latest",
    "latest news",
    "latest stories",
    "top stories",
    "watch",
    "watch video",
    "video",
    "photo",
    "photos",
    "image",
    "gallery",
    "view gallery",
    "listen",
    "listen to this article",
    "story continues below",
    "story continues below advertisement",
    "article continues below",
    "article continues below advertisement",
    "continue reading",
    "continue reading below",
    "scroll to continue",
    "scroll to continue with content",
    "advertisement scroll to continue",
    "subscribe",
    "subscribe now",
    "sign up",
    "newsletter",
    "follow us",
    "comments",
    "view comments",
    "leave a comment",
    "skip to content",
    "skip to main content",
    "back to top",
    "menu",
    "search",
    "home",
    "loading",
    "click here",
    "next",
    "previous",
    "next article",
    "previous article",
    "next story",
    "breaking",
    "breaking news",
    "live",
    "live updates",
    "exclusive",
    "opinion",
    "analysis",
    "explainer",
    "editor's picks",
    "editors picks",
    "don't miss",
    "in pictures",
    "close",
    "expand",
    "enlarge",
    "enlarge this image",
    "toggle caption",
    "hide caption",
    "show caption",
    "caption",
    "reuse this content",
    "explore more on these topics",
    "more by this author",
    "more from this author",
    "like this",
    "share this",
    "read next",
    "editors' pick",
    "editor's pick",
    "follow",
    "tags",
    "topics",
];

/// Labels that open a list of other stories (a block of teasers under
/// them is not the article).
const LIST_LABELS: &[&str] = &[
    "related",
    "related stories",
    "related articles",
    "related news",
    "related content",
    "more stories",
    "more news",
    "most read",
    "most popular",
    "most viewed",
    "trending",
    "trending now",
    "recommended",
    "recommend",
    "recommended stories",
    "you may also like",
    "you might also like",
    "latest news",
    "latest stories",
    "top stories",
    "read next",
    "editor's picks",
    "editors picks",
    "editors' pick",
    "editor's pick",
];

/// A label that opens a list of other stories: "Related Articles",
/// "RECOMMEND", "Most read".
pub fn list_label(line: &str) -> bool {
    let ws = words(line.trim());
    !line.contains('\n') && LIST_LABELS.contains(&ws.join(" ").as_str())
}

/// Label prefixes that open a line of their own: "Tags: a, b", "Topics: …".
const LABEL_PREFIXES: &[&str] = &[
    "tags:",
    "topics:",
    "filed under:",
    "categories:",
    "category:",
    "keywords:",
    "follow us on",
    "follow us:",
    "read more:",
    "read also:",
    "also read:",
    "see also:",
    "related:",
    "watch:",
    "listen:",
    "sign up for",
    "subscribe to",
    "download the",
    "click here",
    "topic:",
    "join our",
    "don't miss out on",
    "comments are moderated",
    "copyright",
    "all rights reserved",
    "\u{a9}",
];

/// Words a glued site-name label starts with ("Newsfrom", "Morefrom").
const GLUED_HEADS: &[&str] = &["news", "more", "latest", "stories", "videos", "photos"];
const GLUED_TAILS: &[&str] = &["from", "by", "on", "in", "at"];

/// Caption openers (lowercase).
const CAPTION_OPENERS: &[&str] = &[
    "photo:",
    "photos:",
    "photo by",
    "photo courtesy",
    "photograph:",
    "photograph by",
    "picture:",
    "pictured:",
    "image:",
    "image by",
    "images:",
    "caption:",
    "credit:",
    "credits:",
    "file photo",
    "file image",
    "file picture",
    "courtesy of",
    "courtesy photo",
    "video:",
    "above:",
    "top:",
    "main image:",
];
/// Credit words a caption's last segment may open with.
const CREDIT_OPENERS: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "picture",
    "image",
    "images",
    "credit",
    "courtesy",
    "file",
    "source",
    "illustration",
];

/// Stamp words that open a time-stamp line.
const STAMP_WORDS: &[&str] = &[
    "updated",
    "update",
    "published",
    "posted",
    "modified",
    "last",
    "first",
    "date",
    "dated",
    "created",
    "on",
];
/// Words a time-stamp line may hold besides numbers, months and weekdays.
const STAMP_FILLER: &[&str] = &[
    "updated",
    "update",
    "published",
    "posted",
    "modified",
    "last",
    "first",
    "date",
    "dated",
    "created",
    "on",
    "at",
    "ago",
    "am",
    "pm",
    "a",
    "m",
    "p",
    "min",
    "mins",
    "minute",
    "minutes",
    "hr",
    "hrs",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "sec",
    "secs",
    "seconds",
    "read",
    "reading",
    "time",
    "just",
    "now",
    "today",
    "yesterday",
    "an",
    "th",
    "st",
    "nd",
    "rd",
    "and",
    "of",
    "edition",
];
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
/// Lowercase words a byline may hold between its names.
/// Counters of a share bar or comment box: "0 Comments", "12 shares".
const COUNTED: &[&str] = &[
    "comments",
    "comment",
    "shares",
    "likes",
    "views",
    "reactions",
];
const BYLINE_FILLER: &[&str] = &[
    "by",
    "and",
    "of",
    "the",
    "in",
    "for",
    "at",
    "de",
    "da",
    "del",
    "van",
    "von",
    "der",
    "bin",
    "al",
    "el",
    "la",
    "le",
    "with",
    "from",
    "staff",
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "editing",
    "reporting",
    "additional",
    "contributed",
    "desk",
    "bureau",
];

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

/// Words that make a date line a time stamp.
const STAMP_MARKS: &[&str] = &[
    "updated",
    "update",
    "published",
    "posted",
    "modified",
    "date",
    "dated",
    "created",
    "ago",
    "last",
    "first",
];

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
mod tests {
    use super::*;

    fn kind(s: &str) -> Option<Furniture> {
        furniture(s)
    }

    #[test]
    fn share_bars() {
        for s in [
            "Share on X",
            "• Share on LINE",
            "Share on Facebook Share on X Share on WhatsApp",
            "Email",
            "Print",
            "Copy link",
            "Share this article",
        ] {
            assert_eq!(kind(s), Some(Furniture::Share), "{s}");
        }
        assert_eq!(kind("Shares fell on the news."), None);
    }

    #[test]
    fn captions_and_credits() {
        for s in [
            "Reuters file photo",
            "1 of 2 | Firefighters work at the scene of the blaze on Monday.",
            "Courtesy of the Ministry",
            "The minister speaks in the capital on Tuesday. (Photo: Ann Other)",
            "Workers at the port on March 3, 2025. AGENCY/Ann Other",
            "Photo: Ministry of Health",
            "FILE PHOTO: The central bank building in the capital.",
            "Residents wade through a flooded street. | PHOTO | FILE",
        ] {
            assert_eq!(kind(s), Some(Furniture::Caption), "{s}");
        }
        assert_eq!(
            kind("The ministry said the photo was taken in March, officials added."),
            None
        );
        assert_eq!(kind("Sales rose 5% in 2024/2025, the company said."), None);
    }

    #[test]
    fn bylines_and_stamps() {
        for s in [
            "By JANE EXAMPLE",
            "By Jane Example and Ann Other, Staff Writer",
            "Reporting by Raj Demo; Editing by Lee Placeholder",
            "By JANE EXAMPLE … Updated 54 minutes ago",
            "Updated 54 minutes ago",
            "date 2025-06-15 https://example.org/news/1",
            "June 15, 2025 / 3:04 PM / Updated 2 hours ago",
            "Published: 15 June 2025",
            "Ann Other | 4 March 2025",
            "Published By: Ravi Kumar",
            "By Kim Min-ji",
            "Posted Tue 4 Mar 2025 at 7:00am, updated Tue 4 Mar 2025 at 9:12am",
        ] {
            assert_eq!(kind(s), Some(Furniture::Stamp), "{s}");
        }
        for s in [
            "15 Jun 2025, 10:32 IST",
            "Sunday, June 15, 2025",
            "6 mins read",
        ] {
            assert_eq!(kind(s), Some(Furniture::Dateline), "{s}");
        }
        assert_eq!(
            kind("By the end of the year, prices had risen by a third."),
            None
        );
        assert_eq!(kind("In 2025 the budget grew."), None);
    }

    #[test]
    fn social_posts_and_labels() {
        assert_eq!(
            kind("— Jane Example (@janeexample) March 3, 2025"),
            Some(Furniture::Social)
        );
        for s in [
            "Overview",
            "***",
            "Advertisement",
            "ADVERTISEMENT",
            "Newsfrom Japan",
            "Tags: economy, budget",
            "0 Comments",
            "Pat Doe contributed to this report.",
            "(With inputs from agencies)",
            "\u{a9} 2025 Example Press. All rights reserved.",
            "Related stories",
        ] {
            assert_eq!(kind(s), Some(Furniture::Label), "{s}");
        }
        assert_eq!(kind("Foreign Secretary: Jane Example"), None);
        assert!(list_label("Related Articles") && list_label("RECOMMEND"));
        assert!(!list_label("Read more: Housing targets missed") && !list_label("Advertisement"));
        assert_eq!(kind("Government Unveils Budget Plan"), None);
        assert_eq!(kind("Multi\nline"), None);
    }

    #[test]
    fn headline_skips_stamps_and_labels() {
        let t = "date 2025-06-15 https://example.org/a\nAdvertisement\n\nCouncil Approves New Bridge\nBody.";
        assert_eq!(headline(t), Some("Council Approves New Bridge"));
        assert_eq!(headline("***\n2025-06-15"), None);
        assert_eq!(
            headline("6 min read\nMonday, June 16, 2025\nA Title"),
            Some("A Title")
        );
        assert_eq!(
            headline("Home\nWorld\nShare\nSave\nLeaders Meet In Tokyo\nBody."),
            Some("Leaders Meet In Tokyo")
        );
        assert_eq!(
            headline("Budget Passes\nBy Ann Other\nBody text."),
            Some("Budget Passes")
        );
    }
}
