//! Extracting quantities and comparing them across articles (truth discovery).
//!
//! In: segmented articles (per-article extraction), then all articles' claims
//! with dedup's copy links, the per-article findings (for initial source
//! reliability) and the rules' facts. Out: claims.csv rows,
//! quantity_conflict / internal_conflict findings, and trust per source.
//! Guarantees: deterministic (no hash-map order reaches the output); copies
//! are not counted as independent sources; nothing about a particular event
//! lives here (reference values come from `facts.csv` only); extraction is a
//! pure single pass over each content paragraph that only looks around digits.
//!
//! Method (details and citations in the README section "Checking figures"):
//! 1. *Extract*: a quantity is a number with a currency, a scale word
//!    (thousand..trillion, bn/tn, m/k after a currency) or a percent sign; bare
//!    numbers (years, dates, ages, list numbers) are never claims. Its key is
//!    the noun phrase around it: pre-modifiers directly before it, the words
//!    after it up to the head noun, or the noun of "X of $N".
//! 2. *Group*: mentions with the same article, unit and value form a node (an
//!    article repeats its figure under several wordings: that co-occurrence is
//!    what makes "tool" and "fund" the same thing). Nodes of the same unit
//!    link when their values are within one order of magnitude and their key
//!    words share two words (or are the same single word).
//! 3. *Check*: a group matching a `facts.csv` row by cue words, unit and
//!    magnitude is checked against it; other groups get a TruthFinder-style
//!    consensus (Yin, Han & Yu 2007) where every source's trust starts from
//!    the names check and is re-estimated from how its values fare.

use crate::model::{
    Article, ArticleId, ArticleSummary, Claim, ClaimRow, ClaimsOutcome, DedupOutcome, Finding,
    FindingKind, ParaIdx, ParaMark,
};
use crate::rules::{Fact, Rules};
use std::collections::{BTreeMap, BTreeSet, HashMap};

// ---------------------------------------------------------------- constants

/// Two values are "the same value" when they differ by at most this fraction
/// of the larger one (rounding in reporting: "$550 billion" vs "$0.55
/// trillion" is 0, "$550bn" vs "$560bn" is 1.8%).
pub const AGREE_TOL: f64 = 0.03;
/// Nodes link only when their values are within this ratio (one order of
/// magnitude plus rounding), so a factor-of-10 slip is compared but a
/// $350 million project is never compared with a $100 billion one.
pub const FAMILY_RATIO: f64 = 11.5;
/// At most this many value-neighbours are compared per node and word:
/// keeps grouping near-linear on huge corpora.
const MAX_NEIGHBOURS: usize = 64;
/// Bytes read before an amount when looking for its phrase.
const LOOK_BACK: usize = 160;
/// Words kept in a key (pre-modifiers plus the phrase up to the head noun).
const MAX_KEY_WORDS: usize = 4;

/// TruthFinder parameters (Yin, Han & Yu 2007 use the same defaults).
const T0: f64 = 0.9; // initial trust of a source with no known error
const GAMMA: f64 = 0.3; // dampening factor
const RHO: f64 = 0.5; // weight of implication between values
const BASE_SIM: f64 = 0.5; // similarity below which values oppose each other
/// Each officeholder error in an article halves its source's starting trust;
/// each machine-writing warning takes a fifth off.
const ERROR_FACTOR: f64 = 0.5;
const WARNING_FACTOR: f64 = 0.8;
/// The starting trust counts as this many observed claims in the trust
/// update, so evidence from the names check is not washed out by one group.
const PRIOR_WEIGHT: f64 = 2.0;
/// Confidence given to a value that matches (1 - EPS) or contradicts (EPS)
/// a reference fact.
const FACT_EPS: f64 = 0.05;
const MAX_ITER: usize = 100;
const CONVERGED: f64 = 1e-6;
/// A consensus needs this many independent sources behind the winning value.
const MIN_SUPPORT_SOURCES: usize = 2;

// ---------------------------------------------------------------- extraction

/// Per-article pass: the quantities stated in content paragraphs. Pure.
///
/// Only quantities whose noun phrase could be found are returned: a figure
/// with nothing saying what it measures cannot be compared with anything.
pub fn extract(article: &Article, marks: &[ParaMark]) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    for p in &article.paragraphs {
        if !marks.get(p.idx.0 as usize).is_none_or(|m| m.is_content()) {
            continue;
        }
        let text = article.para_text(p);
        // End of the previous quantity, its key, whether the key is its own phrase.
        let mut prev: Option<(usize, Vec<String>, bool)> = None;
        for q in scan_quantities(text) {
            let (mut key, mut direct, entities) = key_around(text, q.start, q.end);
            // A range ("from $350 million to as high as $100 billion") shares
            // one phrase: the one after the range, else the first endpoint's.
            if let Some((pend, pkey, pdirect)) = &prev {
                if is_range_gap(&text[*pend..q.start]) {
                    if !direct && !pkey.is_empty() {
                        key = pkey.clone();
                        direct = *pdirect;
                    } else if direct && !*pdirect {
                        if let Some(last) = out.last_mut() {
                            last.key = key.clone();
                        }
                    }
                }
            }
            prev = Some((q.end, key.clone(), direct));
            let line = p.line + text[..q.start].matches('\n').count() as u32;
            out.push(Claim {
                article: article.id,
                paragraph: p.idx,
                line,
                mention: text[q.start..q.end].to_string(),
                value: q.value,
                unit: q.unit.to_string(),
                key,
                entities,
            });
        }
    }
    inherit_currency(&mut out);
    out.retain(|c| !c.key.is_empty());
    out
}

/// "550 billion" with no currency takes the currency the article uses for the
/// same claim: same value, else the same head noun.
fn inherit_currency(claims: &mut [Claim]) {
    let known: Vec<(f64, String, String)> = claims
        .iter()
        .filter(|c| !c.unit.is_empty() && c.unit != "%")
        .map(|c| {
            (
                c.value,
                c.key.last().cloned().unwrap_or_default(),
                c.unit.clone(),
            )
        })
        .collect();
    for c in claims.iter_mut().filter(|c| c.unit.is_empty()) {
        let head = c.key.last().cloned().unwrap_or_default();
        let by_value = known.iter().find(|(v, _, _)| same_value(*v, c.value));
        let by_head = known.iter().find(|(_, h, _)| !h.is_empty() && *h == head);
        if let Some((_, _, u)) = by_value.or(by_head) {
            c.unit = u.clone();
        }
    }
}

/// A quantity found in a paragraph: byte range of the mention, value in base
/// units, unit code.
#[derive(Debug, Clone, PartialEq)]
struct Quantity {
    start: usize,
    end: usize,
    value: f64,
    unit: &'static str,
}

/// Currency symbols, longest first so "US$" wins over "$".
const SYMBOLS: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("HK$", "HKD"),
    ("NZ$", "NZD"),
    ("A$", "AUD"),
    ("C$", "CAD"),
    ("S$", "SGD"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("￥", "JPY"),
];

/// ISO codes written before or after the number ("USD 5 billion").
const CODES: &[(&str, &str)] = &[
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("GBP", "GBP"),
    ("JPY", "JPY"),
    ("CNY", "CNY"),
    ("RMB", "CNY"),
    ("HKD", "HKD"),
    ("KRW", "KRW"),
    ("INR", "INR"),
    ("CHF", "CHF"),
    ("CAD", "CAD"),
    ("AUD", "AUD"),
    ("SGD", "SGD"),
    ("TWD", "TWD"),
];

/// Currency words after the number ("5 billion yen", "2 million US dollars").
const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("us dollars", "USD"),
    ("u.s. dollars", "USD"),
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("pounds sterling", "GBP"),
    ("pounds", "GBP"),
    ("pound", "GBP"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
];

/// Scale words; `needs_currency` ones ("m", "k") are units of length or
/// other things without a currency.
const SCALES: &[(&str, f64, bool)] = &[
    ("thousand", 1e3, false),
    ("million", 1e6, false),
    ("billion", 1e9, false),
    ("trillion", 1e12, false),
    ("bn", 1e9, false),
    ("tn", 1e12, false),
    ("trn", 1e12, false),
    ("mn", 1e6, true),
    ("mln", 1e6, true),
    ("m", 1e6, true),
    ("k", 1e3, true),
];

/// Finds quantities in one paragraph. Scans for digits only; everything else
/// is looked at around a digit run.
fn scan_quantities(text: &str) -> Vec<Quantity> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let num_start = i;
        // Number: digits, thousands commas ("1,000"), one decimal point.
        let mut j = i;
        let mut digits = String::new();
        let mut seen_dot = false;
        while j < b.len() {
            let c = b[j];
            if c.is_ascii_digit() {
                digits.push(c as char);
                j += 1;
            } else if c == b','
                && j + 3 < b.len() + 1
                && b.get(j + 1..j + 4)
                    .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
                && !b.get(j + 4).is_some_and(u8::is_ascii_digit)
                && !seen_dot
            {
                j += 1;
            } else if c == b'.' && !seen_dot && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
                seen_dot = true;
                digits.push('.');
                j += 1;
            } else {
                break;
            }
        }
        i = j;
        if let Some(q) = quantity_at(text, num_start, j, &digits) {
            out.push(q);
        }
    }
    out
}

/// Interprets the number at `text[ns..ne]` with what surrounds it.
fn quantity_at(text: &str, ns: usize, ne: usize, digits: &str) -> Option<Quantity> {
    let b = text.as_bytes();
    // Glued to a word ("A320", "COVID19") or part of a date/code/version.
    if ns > 0 {
        let p = b[ns - 1];
        if p.is_ascii_alphanumeric() || p == b'/' || p == b'.' || p == b':' {
            return None;
        }
        if p == b'-' && ns > 1 && b[ns - 2].is_ascii_digit() {
            return None;
        }
    }
    if let Some(&n) = b.get(ne) {
        if (n == b'/' || n == b'-' || n == b':') && b.get(ne + 1).is_some_and(u8::is_ascii_digit) {
            return None;
        }
    }
    let mut number: f64 = digits.parse().ok()?;
    if !number.is_finite() {
        return None;
    }
    let before = &text[..ns];
    // Currency before the number: symbol (optionally spaced) or ISO code.
    let mut start = ns;
    let mut unit: Option<&'static str> = None;
    let trimmed = before.trim_end_matches(' ');
    for (sym, code) in SYMBOLS {
        if trimmed.ends_with(sym) {
            let s = trimmed.len() - sym.len();
            // "$" glued to a word is not a currency ("A$" handled above).
            let glued = text[..s]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric());
            if !glued && ns - trimmed.len() <= 1 {
                unit = Some(code);
                start = s;
                break;
            }
        }
    }
    if unit.is_none() {
        for (c, code) in CODES {
            if let Some(rest) = before.strip_suffix(' ').and_then(|s| s.strip_suffix(c)) {
                if !rest
                    .chars()
                    .next_back()
                    .is_some_and(|ch| ch.is_alphanumeric())
                {
                    unit = Some(code);
                    start = rest.len();
                    break;
                }
            }
        }
    }
    // After the number: scale, then currency word / code, or percent.
    let mut end = ne;
    let after = &text[ne..];
    let mut scaled = false;
    let mut percent = false;
    if let Some(rest) = after.strip_prefix('%') {
        percent = true;
        end = ne + 1;
        let _ = rest;
    } else {
        let (sp, word) = next_alpha_word(after);
        let lw = word.to_ascii_lowercase();
        if let Some((_, mult, needs_cur)) = SCALES.iter().find(|(w, _, _)| *w == lw) {
            // "5 m" with a space is ambiguous even after a currency; "5m" is not.
            let short = word.len() <= 3 && !["bn", "tn", "trn"].contains(&lw.as_str());
            if (!needs_cur || unit.is_some()) && !(short && sp > 0 && *needs_cur) {
                number *= mult;
                scaled = true;
                end = ne + sp + word.len();
            }
        } else if ["percent", "pct"].contains(&lw.as_str()) {
            percent = true;
            end = ne + sp + word.len();
        } else if lw == "per" {
            let rest = &after[sp + word.len()..];
            let (sp2, w2) = next_alpha_word(rest);
            if w2.eq_ignore_ascii_case("cent") {
                percent = true;
                end = ne + sp + word.len() + sp2 + w2.len();
            }
        } else if sp == 0 && !word.is_empty() {
            // "2nd", "3D", "10x": a number glued to letters is not a quantity.
            return None;
        }
        if !percent && unit.is_none() {
            let tail = text[end..].trim_start_matches(' ');
            let skipped = text[end..].len() - tail.len();
            if skipped <= 1 {
                let lower: String = tail.chars().take(16).collect::<String>().to_lowercase();
                for (w, code) in CURRENCY_WORDS {
                    if starts_with_word(&lower, w) {
                        unit = Some(code);
                        end += skipped + w.len();
                        break;
                    }
                }
                if unit.is_none() {
                    for (c, code) in CODES {
                        if starts_with_word(tail, c) {
                            unit = Some(code);
                            end += skipped + c.len();
                            break;
                        }
                    }
                }
            }
        }
    }
    // Bare numbers (years, dates, ages, counts, list numbers) are not claims.
    if !(percent || scaled || unit.is_some()) {
        return None;
    }
    let unit = if percent { "%" } else { unit.unwrap_or("") };
    Some(Quantity {
        start,
        end,
        value: number,
        unit,
    })
}

/// Spaces skipped and the run of ASCII letters that follows.
/// True when `s` starts with `w` as a whole word: no letter or digit follows.
fn starts_with_word(s: &str, w: &str) -> bool {
    s.strip_prefix(w)
        .is_some_and(|rest| !rest.chars().next().is_some_and(char::is_alphanumeric))
}

fn next_alpha_word(s: &str) -> (usize, &str) {
    let t = s.trim_start_matches(' ');
    let sp = s.len() - t.len();
    let n = t.bytes().take_while(u8::is_ascii_alphabetic).count();
    (sp, &t[..n])
}

/// True when the text between two quantities joins them into a range.
fn is_range_gap(gap: &str) -> bool {
    let g = gap.trim();
    if g.len() > 24 {
        return false;
    }
    if g == "-" || g == "–" || g == "—" {
        return true;
    }
    let words: Vec<String> = g
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.len() <= 4
        && words.iter().any(|w| w == "to" || w == "and")
        && !words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
}

/// Function words: they end a noun phrase. Language-level, not topical.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "against",
    "all",
    "almost",
    "already",
    "also",
    "among",
    "an",
    "and",
    "another",
    "any",
    "approximately",
    "are",
    "around",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "down",
    "during",
    "each",
    "either",
    "every",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "his",
    "how",
    "i",
    "if",
    "in",
    "including",
    "into",
    "is",
    "it",
    "its",
    "just",
    "least",
    "less",
    "like",
    "may",
    "might",
    "more",
    "most",
    "must",
    "my",
    "nearly",
    "neither",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "on",
    "onto",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "per",
    "plus",
    "roughly",
    "shall",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "toward",
    "towards",
    "under",
    "until",
    "up",
    "upon",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "according",
    "include",
    "remain",
    "become",
    "help",
    "make",
    "aim",
    "seek",
    "set",
    "new",
    "total",
    "additional",
    "estimated",
    "worth",
    "around",
    "said",
    "says",
    "say",
    "mins",
    "min",
    "read",
    "behind",
    "beyond",
    "despite",
    "amid",
    "amidst",
    "inside",
    "near",
    "off",
    "past",
    "along",
    "thus",
    "therefore",
    "however",
    "hence",
    "too",
    "meanwhile",
    "even",
    "ever",
    "very",
    "again",
];

/// Words that open a noun phrase.
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our",
    "your", "my", "each", "every", "another",
];

fn is_stop(w: &str) -> bool {
    STOPWORDS.contains(&w)
}

/// Normalised key word: lowercase, no possessive, no dots, plural folded.
pub fn norm_word(w: &str) -> String {
    let mut s = w.to_lowercase();
    for suf in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if s.len() > suf.len() && s.ends_with(suf) {
            s.truncate(s.len() - suf.len());
            break;
        }
    }
    s.retain(|c| c != '.');
    if s.len() > 4 && s.ends_with("ies") {
        s.truncate(s.len() - 3);
        s.push('y');
    } else if s.len() > 3
        && s.ends_with('s')
        && !s.ends_with("ss")
        && !s.ends_with("us")
        && !s.ends_with("is")
    {
        s.pop();
    }
    s
}

/// A word of the text around a quantity: its byte range and whether
/// punctuation (a phrase boundary) separates it from the quantity side.
#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    raw: &'a str,
    /// Punctuation other than spaces between this word and the previous one
    /// (in scan direction).
    broken: bool,
}

/// Words of `s` from its start, up to `n`, noting phrase breaks.
fn words_forward(s: &str, n: usize) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut broken = false;
    let mut it = s.char_indices().peekable();
    while out.len() < n {
        let Some(&(i, c)) = it.peek() else { break };
        if is_word_char(c) {
            let mut end = i;
            while let Some(&(j, d)) = it.peek() {
                let joiner = matches!(d, '.' | '\'' | '\u{2019}' | '-');
                let next_ok = s[j + d.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(is_word_char);
                if is_word_char(d) || (joiner && next_ok) {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let mut raw = &s[i..end];
            // Initialisms keep their last dot ("U.S."): it does not end the phrase.
            if s[end..].starts_with('.') && raw.contains('.') {
                raw = &s[i..end + 1];
                it.next();
            } else if s[end..].starts_with(['\'', '\u{2019}']) {
                // plural possessive "investors'"
                it.next();
            }
            out.push(Tok { raw, broken });
            broken = false;
        } else {
            if !c.is_whitespace() {
                broken = true;
            }
            it.next();
        }
    }
    out
}

/// Words before position `end` in `s`, nearest first.
fn words_backward(s: &str, n: usize) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut broken = false;
    let mut end = s.len();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut k = chars.len();
    while out.len() < n && k > 0 {
        let (i, c) = chars[k - 1];
        if is_word_char(c) {
            let stop = i + c.len_utf8();
            let mut start = i;
            k -= 1;
            while k > 0 {
                let (j, d) = chars[k - 1];
                let joiner = matches!(d, '.' | '\'' | '\u{2019}' | '-')
                    && k >= 2
                    && is_word_char(chars[k - 2].1);
                if is_word_char(d) || joiner {
                    start = j;
                    k -= 1;
                } else {
                    break;
                }
            }
            // Keep a trailing initialism dot ("U.S.") with the word.
            let raw_end = if s[stop..end].starts_with('.') && s[start..stop].contains('.') {
                stop + 1
            } else {
                stop
            };
            let gap = &s[raw_end..end];
            let gap_broken = gap.chars().any(|c| !c.is_whitespace());
            out.push(Tok {
                raw: &s[start..raw_end],
                broken: broken || gap_broken,
            });
            broken = false;
            end = start;
        } else {
            k -= 1;
        }
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn has_digit(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
}

/// Normalised parts of a (possibly hyphenated) word.
fn parts(raw: &str) -> Vec<String> {
    raw.split('-')
        .filter(|p| !p.is_empty())
        .map(norm_word)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Adverbs and participles end a phrase after a quantity ("... tool
/// established by", "... fund quickly").
fn verbish(lower: &str) -> bool {
    (lower.len() > 4 && (lower.ends_with("ed") || lower.ends_with("ly")))
        || (lower.len() > 5 && lower.ends_with("ing"))
}

/// Plural or third-person form: ends a phrase (a plural noun is the head; a
/// verb follows the head).
fn s_form(lower: &str) -> bool {
    lower.len() > 3
        && lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("is")
}

/// The key of the quantity at `text[qs..qe]`: the noun phrase around it.
///
/// - pre-modifiers: up to two content words directly before the amount with
///   no punctuation in between ("Japan's", "US-Japan");
/// - the phrase after it: content words up to the head noun, ending at a
///   function word, punctuation, a number, a participle/adverb, or a
///   plural/-s word (included when it is the first or second word: the head);
/// - when nothing follows: the noun of "X of $N", else the nearest noun
///   before a short run of prepositions/participles ("costs ranging from").
///
/// The flag is false when the key came from the fallback (a weaker guess).
fn key_around(text: &str, qs: usize, qe: usize) -> (Vec<String>, bool, Vec<String>) {
    let mut right: Vec<String> = Vec::new();
    let mut entities: Vec<String> = Vec::new();
    let capital = |raw: &str, entities: &mut Vec<String>| {
        if raw.chars().next().is_some_and(char::is_uppercase) {
            entities.extend(parts(raw));
        }
    };
    for (n_words, t) in words_forward(&text[qe..], MAX_KEY_WORDS)
        .into_iter()
        .enumerate()
    {
        // Punctuation ends the phrase (right after the amount: nothing follows).
        if t.broken {
            break;
        }
        let lower = t.raw.to_lowercase();
        let bare: String = lower.chars().filter(|c| *c != '.').collect();
        if has_digit(&lower) || is_stop(&bare) || is_stop(&norm_word(&lower)) || verbish(&bare) {
            break;
        }
        let plural = s_form(&bare);
        if plural && n_words >= 2 {
            break;
        }
        right.extend(parts(t.raw));
        capital(t.raw, &mut entities);
        if plural || right.len() >= MAX_KEY_WORDS {
            break;
        }
    }
    // Only a short window before the amount is read (keeps this O(1) per
    // quantity however long the paragraph).
    let mut from = qs.saturating_sub(LOOK_BACK);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let back = words_backward(&text[from..qs], 6);
    let mut left: Vec<String> = Vec::new();
    // Pre-modifiers: a possessive or capitalised word ("Japan's",
    // "US-Japan"), or words right after a determiner ("a massive"); a plain
    // lowercase word before the amount is usually a verb ("will spend $5m").
    let mut taken = 0;
    let mut accepted = false;
    for t in back.iter().take(2) {
        let lower = t.raw.to_lowercase();
        let bare: String = lower.chars().filter(|c| *c != '.').collect();
        let possessive = lower.ends_with("'s") || lower.ends_with("\u{2019}s");
        if t.broken
            || has_digit(&lower)
            || is_stop(&bare)
            || verbish(&bare)
            || (s_form(&bare) && !possessive)
        {
            break;
        }
        taken += 1;
        if possessive || t.raw.chars().next().is_some_and(char::is_uppercase) {
            accepted = true;
        }
        let mut p = parts(t.raw);
        p.extend(left);
        left = p;
        capital(t.raw, &mut entities);
    }
    if !accepted {
        let before_mods = back.get(taken).filter(|t| !t.broken);
        accepted =
            before_mods.is_some_and(|t| DETERMINERS.contains(&t.raw.to_lowercase().as_str()));
    }
    if !accepted || taken == 0 {
        left.clear();
        entities.retain(|e| right.contains(e));
    }
    if right.is_empty() && left.is_empty() {
        // "X of $N", "costs ranging from $N": skip up to three joining words.
        let mut skipped = 0;
        let mut found: Vec<String> = Vec::new();
        for t in &back {
            let lower = t.raw.to_lowercase();
            let bare: String = lower.chars().filter(|c| *c != '.').collect();
            if has_digit(&lower) {
                break;
            }
            if found.is_empty() {
                if t.broken && skipped > 0 {
                    break;
                }
                if is_stop(&bare) || verbish(&bare) {
                    // a determiner means the phrase starts at the amount
                    if DETERMINERS.contains(&bare.as_str()) {
                        break;
                    }
                    skipped += 1;
                    if skipped > 3 {
                        break;
                    }
                    continue;
                }
                if t.broken && skipped == 0 {
                    break;
                }
                if skipped == 0 {
                    break; // a content word right before: a verb, or tried as modifier
                }
                found = parts(t.raw);
            } else {
                if t.broken || is_stop(&bare) || verbish(&bare) || found.len() >= 4 {
                    break;
                }
                // Two words of phrase; further back only up to a name
                // ("the Rockmouth battery complex contract would total $N").
                if found.len() >= 2 && !t.raw.chars().next().is_some_and(char::is_uppercase) {
                    let name_ahead = back
                        .iter()
                        .skip_while(|x| !std::ptr::eq(*x, t))
                        .skip(1)
                        .take(4 - found.len())
                        .take_while(|x| !x.broken && !is_stop(&x.raw.to_lowercase()))
                        .any(|x| x.raw.chars().next().is_some_and(char::is_uppercase));
                    if !name_ahead {
                        break;
                    }
                }
                let mut p = parts(t.raw);
                p.extend(found);
                found = p;
                capital(t.raw, &mut entities);
            }
        }
        if found.len() > 2 {
            // Keep the head phrase plus the name; drop common words between.
            let head: Vec<String> = found[found.len() - 2..].to_vec();
            let mut names: Vec<String> = found[..found.len() - 2]
                .iter()
                .filter(|w| entities.contains(w))
                .cloned()
                .collect();
            names.extend(head);
            found = names;
        }
        entities.retain(|e| found.contains(e));
        return (found, false, entities);
    }
    left.extend(right);
    left.truncate(MAX_KEY_WORDS + 2);
    entities.retain(|e| left.contains(e));
    (left, true, entities)
}

// ---------------------------------------------------------------- resolve

/// Cross-article pass: groups claims, checks them against facts and the
/// reliability-weighted consensus.
pub fn resolve(articles: &[ArticleSummary], dedup: &DedupOutcome, rules: &Rules) -> ClaimsOutcome {
    let voters = Voters::new(articles, dedup);
    let nodes = build_nodes(articles, &canon_map(rules));
    let groups = group_nodes(&nodes);
    let facts: Vec<Option<&Fact>> = groups
        .iter()
        .map(|g| match_fact(g, &nodes, articles, rules))
        .collect();

    // Observations per group: (voter, value).
    let mut td_groups: Vec<Vec<(usize, f64)>> = Vec::new();
    let mut fact_obs: Vec<(usize, bool)> = Vec::new();
    let mut obs_of_group: Vec<Vec<(usize, f64)>> = Vec::with_capacity(groups.len());
    for (gi, g) in groups.iter().enumerate() {
        let mut obs: BTreeSet<(usize, u64)> = BTreeSet::new();
        for &n in g {
            let node = &nodes[n];
            obs.insert((voters.of_article[node.art], node.value.to_bits()));
        }
        let obs: Vec<(usize, f64)> = obs
            .into_iter()
            .map(|(v, b)| (v, f64::from_bits(b)))
            .collect();
        if let Some(f) = facts[gi] {
            for &(v, x) in &obs {
                fact_obs.push((v, same_value(x, f.value)));
            }
        } else {
            let distinct: BTreeSet<usize> = obs.iter().map(|o| o.0).collect();
            if distinct.len() >= 2 {
                td_groups.push(obs.clone());
            }
        }
        obs_of_group.push(obs);
    }
    let trust = truth_discovery(&voters.prior, &td_groups, &fact_obs);

    let labels = group_labels(&groups, &nodes, articles, &facts);
    let mut rows = Vec::new();
    let mut findings = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let obs = &obs_of_group[gi];
        let (consensus, reference, evidence) = match facts[gi] {
            Some(f) => (
                Some(f.value),
                format!("facts.csv:{}", f.line),
                format!("facts.csv:{}", f.line),
            ),
            None => match consensus_of(obs, &trust) {
                Some(v) => {
                    let ev = supporters_evidence(g, &nodes, articles, v);
                    (Some(v), String::new(), ev)
                }
                None => (None, String::new(), String::new()),
            },
        };
        // Support of a value: its TruthFinder confidence given final trust.
        let conf: BTreeMap<u64, f64> = value_confidences(obs, &trust)
            .into_iter()
            .map(|(x, c)| (x.to_bits(), round6(c)))
            .collect();
        let support = |x: f64| -> f64 { conf.get(&x.to_bits()).copied().unwrap_or(0.0) };
        let sources_for = |x: f64| -> usize {
            obs.iter()
                .filter(|(_, y)| same_value(*y, x))
                .map(|o| o.0)
                .collect::<BTreeSet<usize>>()
                .len()
        };
        let label = &labels[gi];
        let unit = &nodes[g[0]].unit;
        for &n in g {
            let node = &nodes[n];
            // A value more than an order of magnitude from the consensus is
            // another quantity that reached this group through a chain of
            // links, not a disagreement about this one: nothing to compare.
            let consensus = consensus.filter(|&c| same_family(c, node.value));
            let agrees = consensus.is_none_or(|c| same_value(c, node.value));
            for &(a, ci) in &node.mentions {
                let c = &articles[a].claims[ci];
                rows.push(ClaimRow {
                    claim: label.clone(),
                    article: c.article,
                    paragraph: c.paragraph,
                    mention: c.mention.clone(),
                    value: c.value,
                    unit: c.unit.clone(),
                    consensus,
                    support: support(c.value),
                    agrees,
                    reference: reference.clone(),
                });
            }
            if !agrees {
                if let (Some(cv), Some(first)) = (consensus, node.first(articles)) {
                    let by = match facts[gi] {
                        Some(_) => evidence.clone(),
                        None => format!(
                            "the reliability-weighted consensus of {} sources",
                            sources_for(cv)
                        ),
                    };
                    let mut msg = format!(
                        "says {} for \"{}\"; {} gives {}",
                        first.mention,
                        label,
                        by,
                        human(cv, unit)
                    );
                    if let Some(s) = slip(node.value, cv) {
                        msg.push_str(&format!(": {s}"));
                    }
                    if node.mentions.len() > 1 {
                        msg.push_str(&format!("; stated {} times", node.mentions.len()));
                    }
                    findings.push(
                        Finding::new(first.article, FindingKind::QuantityConflict)
                            .mention(first.mention.clone())
                            .expected(human(cv, unit))
                            .message(msg)
                            .evidence(evidence.clone()),
                    );
                    let f = findings.last_mut();
                    if let Some(f) = f {
                        f.paragraph = Some(first.paragraph);
                        f.line = Some(first.line);
                    }
                }
            }
        }
        findings.extend(internal_conflicts(g, &nodes, articles, label, unit));
    }
    findings.sort_by(|a, b| {
        (a.article, a.paragraph, a.kind, &a.mention).cmp(&(
            b.article,
            b.paragraph,
            b.kind,
            &b.mention,
        ))
    });
    rows.sort_by(|a, b| {
        (&a.claim, a.article, a.paragraph, &a.mention)
            .cmp(&(&b.claim, b.article, b.paragraph, &b.mention))
            .then(a.value.total_cmp(&b.value))
    });

    // Trust per source: the voter's final trust; a source that never voted
    // (or only through copies) keeps its starting trust.
    let mut out_trust: BTreeMap<String, f64> = BTreeMap::new();
    for (name, &prior) in &voters.source_prior {
        let t = voters
            .index
            .get(name)
            .filter(|v| voters.voted.contains(v))
            .map(|&v| trust[v])
            .unwrap_or(prior);
        out_trust.insert(name.clone(), round6(t));
    }
    ClaimsOutcome {
        rows,
        findings,
        trust: out_trust.into_iter().collect(),
    }
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// True when two values are the same claim value (within [`AGREE_TOL`]).
pub fn same_value(a: f64, b: f64) -> bool {
    rel_diff(a, b) <= AGREE_TOL
}

fn rel_diff(a: f64, b: f64) -> f64 {
    let m = a.abs().max(b.abs());
    if m == 0.0 {
        0.0
    } else {
        (a - b).abs() / m
    }
}

/// "a factor-of-10 slip" when the digits match and the scale is off by a
/// power of ten.
pub fn slip(value: f64, expected: f64) -> Option<String> {
    if value <= 0.0 || expected <= 0.0 {
        return None;
    }
    let l = (value / expected).log10();
    let k = l.round();
    if k == 0.0 || (l - k).abs() > 0.005 {
        return None;
    }
    let factor = 10f64.powi(k.abs() as i32);
    let dir = if k > 0.0 { "too large" } else { "too small" };
    Some(format!(
        "a factor-of-{} slip (same digits, {} times {dir})",
        crate::report::fmt_num(factor, 0),
        crate::report::fmt_num(factor, 0)
    ))
}

/// A value as people write it: "550 billion USD", "25%".
pub fn human(v: f64, unit: &str) -> String {
    if unit == "%" {
        return format!("{}%", crate::report::fmt_num(v, 4));
    }
    let (n, scale) = [(1e12, " trillion"), (1e9, " billion"), (1e6, " million")]
        .iter()
        .find(|(m, _)| v.abs() >= *m)
        .map(|(m, s)| (v / m, *s))
        .unwrap_or((v, ""));
    let num = crate::report::fmt_num(n, 3);
    if unit.is_empty() {
        format!("{num}{scale}")
    } else {
        format!("{num}{scale} {unit}")
    }
}

/// Who votes: each article's source, with copies folded into their origin's
/// source; and each source's starting trust from the names check.
struct Voters {
    /// Voter index of each article (by position in the articles slice).
    of_article: Vec<usize>,
    /// Voter names (sources), sorted; index = voter id.
    index: BTreeMap<String, usize>,
    prior: Vec<f64>,
    /// Starting trust of every source (including pure copiers).
    source_prior: BTreeMap<String, f64>,
    voted: BTreeSet<usize>,
}

/// Starting trust of one article from its findings.
pub fn article_prior(a: &ArticleSummary) -> f64 {
    let mut t = T0;
    let mut errors = 0;
    let mut warnings = 0;
    for f in &a.findings {
        match f.kind {
            FindingKind::OutdatedOfficeholder
            | FindingKind::WrongOfficeholder
            | FindingKind::MisspelledName
            | FindingKind::RoleMismatch => errors += 1,
            FindingKind::MachineTell | FindingKind::KeywordStuffing => warnings += 1,
            _ => {}
        }
    }
    for _ in 0..errors.min(6) {
        t *= ERROR_FACTOR;
    }
    for _ in 0..warnings.min(6) {
        t *= WARNING_FACTOR;
    }
    t
}

impl Voters {
    fn new(articles: &[ArticleSummary], dedup: &DedupOutcome) -> Voters {
        // Position of each article id.
        let pos: HashMap<ArticleId, usize> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id, i))
            .collect();
        // Union-find over copy links; the root is the earliest article.
        let mut parent: Vec<usize> = (0..articles.len()).collect();
        for (copy, origin) in &dedup.copies {
            if let (Some(&c), Some(&o)) = (pos.get(copy), pos.get(origin)) {
                let (rc, ro) = (find(&mut parent, c), find(&mut parent, o));
                if rc != ro {
                    let (lo, hi) = if rc < ro { (rc, ro) } else { (ro, rc) };
                    parent[hi] = lo;
                }
            }
        }
        // The copy group's voting source: the root article's source.
        let roots: Vec<usize> = (0..articles.len()).map(|i| find(&mut parent, i)).collect();
        let mut sums: BTreeMap<String, (f64, u32)> = BTreeMap::new();
        for a in articles {
            let e = sums.entry(a.source.clone()).or_insert((0.0, 0));
            e.0 += article_prior(a);
            e.1 += 1;
        }
        let source_prior: BTreeMap<String, f64> = sums
            .into_iter()
            .map(|(s, (sum, n))| (s, sum / f64::from(n.max(1))))
            .collect();
        let index: BTreeMap<String, usize> = source_prior
            .keys()
            .enumerate()
            .map(|(i, s)| (s.clone(), i))
            .collect();
        let prior: Vec<f64> = source_prior.values().copied().collect();
        let of_article: Vec<usize> = roots
            .iter()
            .map(|&r| index.get(&articles[r].source).copied().unwrap_or(0))
            .collect();
        let voted = articles
            .iter()
            .enumerate()
            .filter(|(_, a)| !a.claims.is_empty())
            .map(|(i, _)| of_article[i])
            .collect();
        Voters {
            of_article,
            index,
            prior,
            source_prior,
            voted,
        }
    }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// All mentions of one value, with one unit, in one article.
#[derive(Debug, Clone)]
struct Node {
    art: usize,
    unit: String,
    value: f64,
    /// (article position, claim index), in text order.
    mentions: Vec<(usize, usize)>,
    words: BTreeSet<String>,
    /// Named things the claim is about (its capitalised words, else its
    /// article title's names), jurisdiction terms folded to the jurisdiction.
    topic: BTreeSet<String>,
}

/// Maps every word of every jurisdiction term to its jurisdiction, so
/// "Tokyo", "Japan's" and "Japanese" name the same thing. From the rules.
fn canon_map(rules: &Rules) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for j in &rules.jurisdictions {
        for term in &j.terms {
            for w in term.split_whitespace().flat_map(parts) {
                map.entry(w).or_insert_with(|| j.name.clone());
            }
        }
    }
    map
}

/// Proper names in a headline: capitalised words after the first, unless the
/// headline capitalises most of its words (title case tells nothing).
fn title_names(title: &str) -> Vec<String> {
    let tokens: Vec<&str> = title
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '-' | '.')))
        .map(|t| t.trim_matches('.'))
        .filter(|t| !t.is_empty() && !has_digit(t))
        .collect();
    let content: Vec<&str> = tokens
        .iter()
        .skip(1)
        .copied()
        .filter(|t| !is_stop(&t.to_lowercase()))
        .collect();
    let caps: Vec<&str> = content
        .iter()
        .copied()
        .filter(|t| t.chars().next().is_some_and(char::is_uppercase))
        .collect();
    if caps.len() * 2 > content.len() {
        return Vec::new();
    }
    caps.into_iter()
        .flat_map(parts)
        .filter(|w| !crate::text::MONTHS.contains(&w.as_str()) && !WEEKDAYS.contains(&w.as_str()))
        .collect()
}

/// Capitalised but naming no topic: weekdays (and months, from ingest).
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

impl Node {
    fn first<'a>(&self, articles: &'a [ArticleSummary]) -> Option<&'a Claim> {
        self.mentions
            .first()
            .and_then(|&(a, c)| articles.get(a).and_then(|s| s.claims.get(c)))
    }
}

fn build_nodes(articles: &[ArticleSummary], canon: &HashMap<String, String>) -> Vec<Node> {
    let fold = |w: &String| canon.get(w).cloned().unwrap_or_else(|| w.clone());
    let mut nodes: Vec<Node> = Vec::new();
    for (ai, a) in articles.iter().enumerate() {
        let first = nodes.len();
        let mut at: BTreeMap<(String, u64), usize> = BTreeMap::new();
        for (ci, c) in a.claims.iter().enumerate() {
            if c.key.is_empty() || !c.value.is_finite() {
                continue;
            }
            let k = (c.unit.clone(), c.value.to_bits());
            let idx = *at.entry(k).or_insert_with(|| {
                nodes.push(Node {
                    art: ai,
                    unit: c.unit.clone(),
                    value: c.value,
                    mentions: Vec::new(),
                    words: BTreeSet::new(),
                    topic: BTreeSet::new(),
                });
                nodes.len() - 1
            });
            nodes[idx].mentions.push((ai, ci));
            nodes[idx].words.extend(c.key.iter().cloned());
            nodes[idx].topic.extend(c.entities.iter().map(fold));
        }
        let names: BTreeSet<String> = title_names(&a.title).iter().map(fold).collect();
        for n in &mut nodes[first..] {
            if n.topic.is_empty() {
                n.topic = names.clone();
            }
        }
    }
    nodes
}

/// Claims about different named things are different claims: two topics
/// agree when either is unknown or they share a name.
fn topics_agree(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    a.is_empty() || b.is_empty() || a.intersection(b).next().is_some()
}

/// True when two nodes' key words say they are about the same thing: two
/// shared words, or the same single word.
fn keys_match(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let shared = a.intersection(b).count();
    shared >= 2 || (shared == 1 && a.len() == 1 && b.len() == 1)
}

fn same_family(a: f64, b: f64) -> bool {
    let (lo, hi) = if a.abs() <= b.abs() {
        (a.abs(), b.abs())
    } else {
        (b.abs(), a.abs())
    };
    if lo == 0.0 {
        return hi == 0.0;
    }
    hi / lo <= FAMILY_RATIO
}

/// Groups nodes: union-find over links found through a (unit, word) index,
/// each node compared with a bounded number of value-neighbours.
fn group_nodes(nodes: &[Node]) -> Vec<Vec<usize>> {
    let mut index: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        for w in &n.words {
            index
                .entry((n.unit.as_str(), w.as_str()))
                .or_default()
                .push(i);
        }
    }
    let mut parent: Vec<usize> = (0..nodes.len()).collect();
    // Names a whole component is about: two components merge only if these
    // agree, so a node without names cannot bridge two differently named
    // things (a cannot-link constraint on the union-find).
    let mut names: Vec<BTreeSet<String>> = nodes.iter().map(|n| n.topic.clone()).collect();
    // Fixed order: the index's keys sorted, so grouping is deterministic.
    let mut lists: Vec<(&(&str, &str), &mut Vec<usize>)> = index.iter_mut().collect();
    lists.sort_by(|a, b| a.0.cmp(b.0));
    for (_, list) in lists {
        list.sort_by(|&a, &b| nodes[a].value.total_cmp(&nodes[b].value).then(a.cmp(&b)));
        for (k, &i) in list.iter().enumerate() {
            for &j in list[k + 1..].iter().take(MAX_NEIGHBOURS) {
                if !same_family(nodes[i].value, nodes[j].value) {
                    break;
                }
                if keys_match(&nodes[i].words, &nodes[j].words)
                    && topics_agree(&nodes[i].topic, &nodes[j].topic)
                {
                    let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                    if ri != rj && topics_agree(&names[ri], &names[rj]) {
                        let (lo, hi) = if ri < rj { (ri, rj) } else { (rj, ri) };
                        parent[hi] = lo;
                        let moved = std::mem::take(&mut names[hi]);
                        names[lo].extend(moved);
                    }
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..nodes.len() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    groups.into_values().collect()
}

/// The fact a group is about: same unit, a cue whose words all occur in the
/// group's key words, and a value within one order of magnitude.
fn match_fact<'r>(
    g: &[usize],
    nodes: &[Node],
    articles: &[ArticleSummary],
    rules: &'r Rules,
) -> Option<&'r Fact> {
    let _ = articles;
    let unit = &nodes[g[0]].unit;
    let words: BTreeSet<&str> = g
        .iter()
        .flat_map(|&n| nodes[n].words.iter().map(String::as_str))
        .collect();
    let mut best: Option<(usize, &Fact)> = None;
    for f in &rules.facts {
        if !f.unit.trim().eq_ignore_ascii_case(unit) {
            continue;
        }
        if !g.iter().any(|&n| same_family(nodes[n].value, f.value)) {
            continue;
        }
        for cue in &f.cues {
            let cw: Vec<String> = cue.split_whitespace().flat_map(parts).collect();
            if !cw.is_empty()
                && cw.iter().all(|w| words.contains(w.as_str()))
                && best.is_none_or(|(n, _)| cw.len() > n)
            {
                best = Some((cw.len(), f));
            }
        }
    }
    best.map(|(_, f)| f)
}

/// Group names: the fact's name, else the most frequent key phrase; equal
/// names get a " #2" suffix so every group is told apart.
fn group_labels(
    groups: &[Vec<usize>],
    nodes: &[Node],
    articles: &[ArticleSummary],
    facts: &[Option<&Fact>],
) -> Vec<String> {
    let mut labels = Vec::with_capacity(groups.len());
    let mut used: BTreeMap<String, u32> = BTreeMap::new();
    for (gi, g) in groups.iter().enumerate() {
        let base = match facts[gi] {
            Some(f) => f.fact.clone(),
            None => {
                let mut counts: BTreeMap<String, u32> = BTreeMap::new();
                for &n in g {
                    for &(a, c) in &nodes[n].mentions {
                        if let Some(cl) = articles.get(a).and_then(|s| s.claims.get(c)) {
                            *counts.entry(cl.key.join(" ")).or_default() += 1;
                        }
                    }
                }
                let mut best: Option<(&String, u32)> = None;
                for (k, &n) in &counts {
                    if best.is_none_or(|(_, m)| n > m) {
                        best = Some((k, n));
                    }
                }
                best.map(|(k, _)| k.clone()).unwrap_or_default()
            }
        };
        let n = used.entry(base.clone()).or_default();
        *n += 1;
        labels.push(if *n == 1 {
            base
        } else {
            format!("{base} #{n}")
        });
    }
    labels
}

/// TruthFinder (Yin, Han & Yu 2007) over the groups without a fact, with
/// fact-checked groups as fixed evidence and a prior that persists.
///
/// Returns the final trust of every voter.
fn truth_discovery(
    prior: &[f64],
    groups: &[Vec<(usize, f64)>],
    fact_obs: &[(usize, bool)],
) -> Vec<f64> {
    let mut t: Vec<f64> = prior.to_vec();
    for _ in 0..MAX_ITER {
        let mut sum = vec![0.0; t.len()];
        let mut cnt = vec![0.0; t.len()];
        for g in groups {
            for (v, c) in value_confidences(g, &t) {
                for &(voter, x) in g {
                    if x.to_bits() == v.to_bits() {
                        sum[voter] += c;
                        cnt[voter] += 1.0;
                    }
                }
            }
        }
        for &(voter, ok) in fact_obs {
            sum[voter] += if ok { 1.0 - FACT_EPS } else { FACT_EPS };
            cnt[voter] += 1.0;
        }
        let mut delta: f64 = 0.0;
        for i in 0..t.len() {
            let nt = (PRIOR_WEIGHT * prior[i] + sum[i]) / (PRIOR_WEIGHT + cnt[i]);
            delta = delta.max((nt - t[i]).abs());
            t[i] = nt;
        }
        if delta < CONVERGED {
            break;
        }
    }
    t
}

/// Confidence of each distinct value of one group given voter trust:
/// σ(f) = Σ τ(s), τ = −ln(1 − t); σ*(f) = σ(f) + ρ Σ σ(f')·(sim(f', f) − base);
/// s(f) = 1 / (1 + e^(−γ σ*(f))).
fn value_confidences(obs: &[(usize, f64)], t: &[f64]) -> Vec<(f64, f64)> {
    let mut sigma: BTreeMap<u64, f64> = BTreeMap::new();
    for &(voter, x) in obs {
        let tv = t.get(voter).copied().unwrap_or(T0).clamp(0.0, 0.99);
        *sigma.entry(x.to_bits()).or_default() += -(1.0 - tv).ln();
    }
    let vals: Vec<(f64, f64)> = sigma
        .iter()
        .map(|(b, s)| (f64::from_bits(*b), *s))
        .collect();
    vals.iter()
        .map(|&(x, s)| {
            let imp: f64 = vals
                .iter()
                .filter(|(y, _)| y.to_bits() != x.to_bits())
                .map(|&(y, sy)| sy * (value_sim(y, x) - BASE_SIM))
                .sum();
            let star = s + RHO * imp;
            (x, 1.0 / (1.0 + (-GAMMA * star).exp()))
        })
        .collect()
}

/// Similarity of two values: 1 when equal, 0.5 at [`AGREE_TOL`], 0 at twice it.
fn value_sim(a: f64, b: f64) -> f64 {
    (1.0 - rel_diff(a, b) / (2.0 * AGREE_TOL)).max(0.0)
}

/// The consensus of a group: the most confident value, if at least
/// [`MIN_SUPPORT_SOURCES`] independent sources state it (or a value within
/// [`AGREE_TOL`] of it).
fn consensus_of(obs: &[(usize, f64)], trust: &[f64]) -> Option<f64> {
    let voters: BTreeSet<usize> = obs.iter().map(|o| o.0).collect();
    if voters.len() < MIN_SUPPORT_SOURCES {
        return None;
    }
    let conf = value_confidences(obs, trust);
    let mut best: Option<(f64, f64)> = None;
    for (x, c) in conf {
        if best.is_none_or(|(_, bc)| c > bc + 1e-12) {
            best = Some((x, c));
        }
    }
    let (x, _) = best?;
    let support: BTreeSet<usize> = obs
        .iter()
        .filter(|(_, y)| same_value(*y, x))
        .map(|o| o.0)
        .collect();
    (support.len() >= MIN_SUPPORT_SOURCES).then_some(x)
}

/// "001.txt#p1; 004.txt#p1": up to three articles stating the consensus.
fn supporters_evidence(g: &[usize], nodes: &[Node], articles: &[ArticleSummary], v: f64) -> String {
    let mut cites: Vec<String> = Vec::new();
    for &n in g {
        if same_value(nodes[n].value, v) {
            if let Some(c) = nodes[n].first(articles) {
                cites.push(format!(
                    "{}#p{}",
                    articles[nodes[n].art].key,
                    c.paragraph.number()
                ));
            }
        }
    }
    let more = cites.len().saturating_sub(3);
    cites.truncate(3);
    let mut s = cites.join("; ");
    if more > 0 {
        s.push_str(&format!("; +{more} more"));
    }
    s
}

/// internal_conflict: one article states two different values for the same
/// claim in different paragraphs (values in one paragraph are usually a
/// range or a before/after).
fn internal_conflicts(
    g: &[usize],
    nodes: &[Node],
    articles: &[ArticleSummary],
    label: &str,
    unit: &str,
) -> Vec<Finding> {
    let mut by_art: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &n in g {
        by_art.entry(nodes[n].art).or_default().push(n);
    }
    let mut out = Vec::new();
    for (a, ns) in by_art {
        if ns.len() < 2 {
            continue;
        }
        // The article's main value: most mentions, then earliest.
        let main = ns
            .iter()
            .copied()
            .max_by(|&x, &y| {
                nodes[x]
                    .mentions
                    .len()
                    .cmp(&nodes[y].mentions.len())
                    .then(y.cmp(&x))
            })
            .unwrap_or(ns[0]);
        let main_paras: BTreeSet<ParaIdx> = nodes[main]
            .mentions
            .iter()
            .filter_map(|&(a, c)| articles[a].claims.get(c).map(|c| c.paragraph))
            .collect();
        for &n in &ns {
            if n == main || same_value(nodes[n].value, nodes[main].value) {
                continue;
            }
            let other = nodes[n]
                .mentions
                .iter()
                .filter_map(|&(a, c)| articles[a].claims.get(c))
                .find(|c| !main_paras.contains(&c.paragraph));
            let (Some(c), Some(m)) = (other, nodes[main].first(articles)) else {
                continue;
            };
            let mut msg = format!(
                "the article gives {} for \"{label}\" here but {} in paragraph {}",
                c.mention,
                m.mention,
                m.paragraph.number()
            );
            if let Some(s) = slip(c.value, m.value) {
                msg.push_str(&format!("; {s}"));
            }
            let mut f = Finding::new(articles[a].id, FindingKind::InternalConflict)
                .mention(c.mention.clone())
                .expected(human(nodes[main].value, unit))
                .message(msg)
                .evidence(format!("{}#p{}", articles[a].key, m.paragraph.number()));
            f.paragraph = Some(c.paragraph);
            f.line = Some(c.line);
            out.push(f);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticlePrints, Date, DateOrigin};
    use crate::segment::article_from_text;

    fn date() -> Date {
        Date::new(2026, 2, 12).unwrap()
    }

    /// (mention, value, unit, key) of every claim in `text`.
    fn claims_of(text: &str) -> Vec<(String, f64, String, String)> {
        let a = article_from_text(0, "t.txt", text, date());
        extract(&a, &[])
            .into_iter()
            .map(|c| (c.mention, c.value, c.unit, c.key.join(" ")))
            .collect()
    }

    fn one(text: &str) -> (String, f64, String, String) {
        let c = claims_of(text);
        assert_eq!(c.len(), 1, "{text}: {c:?}");
        c[0].clone()
    }

    #[test]
    fn currency_forms_and_scales() {
        let cases: [(&str, &str, f64, &str); 14] = [
            ("The $5 billion fund opened.", "$5 billion", 5e9, "USD"),
            ("A US$5 billion fund opened.", "US$5 billion", 5e9, "USD"),
            ("A €3.2bn loan was signed.", "€3.2bn", 3.2e9, "EUR"),
            ("A £500k grant was paid.", "£500k", 5e5, "GBP"),
            ("The ¥2 trillion budget passed.", "¥2 trillion", 2e12, "JPY"),
            (
                "A 5 billion yen budget passed.",
                "5 billion yen",
                5e9,
                "JPY",
            ),
            (
                "A 3 million dollars grant was paid.",
                "3 million dollars",
                3e6,
                "USD",
            ),
            (
                "A 4 million euros grant was paid.",
                "4 million euros",
                4e6,
                "EUR",
            ),
            (
                "A 2 million pounds grant was paid.",
                "2 million pounds",
                2e6,
                "GBP",
            ),
            (
                "A USD 7 million loan was signed.",
                "USD 7 million",
                7e6,
                "USD",
            ),
            ("The $5m deal closed.", "$5m", 5e6, "USD"),
            (
                "The $1,250,000 prize went unclaimed.",
                "$1,250,000",
                1.25e6,
                "USD",
            ),
            ("A HK$ 40 billion bond sold.", "HK$ 40 billion", 4e10, "HKD"),
            (
                "About 1.4 billion people live there.",
                "1.4 billion",
                1.4e9,
                "",
            ),
        ];
        for (text, mention, value, unit) in cases {
            let (m, v, u, _) = one(text);
            assert_eq!((m.as_str(), u.as_str()), (mention, unit), "{text}");
            assert!((v - value).abs() < 1e-6 * value, "{text}: {v}");
        }
    }

    #[test]
    fn percentages_are_claims_about_their_noun() {
        assert_eq!(one("a 25% tariff on cars").3, "tariff");
        assert_eq!(one("a 25% tariff on cars").2, "%");
        let (m, v, u, k) = one("It took a 12 percent stake in the firm.");
        assert_eq!(
            (m.as_str(), v, u.as_str(), k.as_str()),
            ("12 percent", 12.0, "%", "stake")
        );
        assert_eq!(one("an 8 per cent rise in sales").0, "8 per cent");
    }

    #[test]
    fn years_dates_ages_and_list_numbers_are_skipped() {
        let text = "In 2025, the 45-year-old minister, aged 61, met 3 envoys on 12/02/2026 \
                    and on 2026-02-12.\n\n1. First point of 2 items.\n\nThe A320 flew 8 mins \
                    to 3D printing of 2nd units, a 10x gain.";
        assert_eq!(claims_of(text), vec![]);
    }

    #[test]
    fn key_is_the_noun_phrase_around_the_amount() {
        let key = |t: &str| one(t).3;
        assert_eq!(
            key("a $55 billion investment tool established by Japan"),
            "investment tool"
        );
        assert_eq!(
            key("the $55 billion investment tool represents a shift"),
            "investment tool"
        );
        assert_eq!(
            key("Japan's 550 billion dollars investment fund, which"),
            "japan investment fund"
        );
        assert_eq!(
            key("the US-Japan $55 billion investment initiative is"),
            "us japan investment initiative"
        );
        assert_eq!(key("a package of $550 billion was agreed"), "package");
        assert_eq!(
            key("the $55 billion investment projects were chosen"),
            "investment project"
        );
        assert_eq!(
            key("Japan-U.S. $55 billion investment projects"),
            "japan us investment project"
        );
    }

    #[test]
    fn a_range_shares_its_phrase() {
        let c =
            claims_of("projects with costs ranging from $350 million to as high as $100 billion.");
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!((c[0].3.as_str(), c[1].3.as_str()), ("cost", "cost"));
        let c = claims_of("a $5 million to $10 million grant for schools");
        assert_eq!((c[0].3.as_str(), c[1].3.as_str()), ("grant", "grant"));
    }

    #[test]
    fn a_bare_amount_inherits_the_currency_of_the_same_claim() {
        let c = claims_of(
            "Japan's $550 billion investment tool is large.\n\nThe 550 billion investment tool \
             will fund projects. Some 1.2 billion people watched.",
        );
        assert_eq!(c[1].2, "USD", "{c:?}");
        assert_eq!(c[2].2, "", "a different claim keeps no currency: {c:?}");
    }

    #[test]
    fn only_content_paragraphs_are_read() {
        let a = article_from_text(
            0,
            "t.txt",
            "The $5 billion fund.\n\nThe $6 billion fund.",
            date(),
        );
        let c = extract(&a, &[ParaMark::Boilerplate, ParaMark::Content]);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].paragraph, ParaIdx(1));
    }

    #[test]
    fn no_panic_on_odd_text() {
        for t in [
            "$",
            "$$$ 5",
            "5,",
            "5.",
            "€",
            "1,00,000 x",
            "9999999999999999999999999 billion",
            "$5 bn",
            "’s $5",
        ] {
            let _ = claims_of(t);
        }
    }

    // ------------------------------------------------------------ resolve

    fn summary(id: u32, source: &str, text: &str, findings: &[FindingKind]) -> ArticleSummary {
        let a = article_from_text(id, &format!("{id:03}.txt"), text, date());
        let claims = extract(&a, &[]);
        ArticleSummary {
            id: ArticleId(id),
            key: a.key.clone(),
            path: a.path.clone(),
            first_line: 1,
            title: String::new(),
            source: source.into(),
            author: String::new(),
            url: String::new(),
            date: date(),
            date_origin: DateOrigin::AsOf,
            content_hash: 0,
            para_words: a.paragraphs.iter().map(|p| p.words).collect(),
            para_lines: a.paragraphs.iter().map(|p| p.line).collect(),
            prints: ArticlePrints::default(),
            findings: findings
                .iter()
                .map(|&k| Finding::new(ArticleId(id), k).mention("Some One"))
                .collect(),
            claims,
        }
    }

    /// Rules with the bundled jurisdictions (they say Tokyo = Japan) and no facts.
    fn no_facts() -> Rules {
        facts("fact,value,unit,cues,note\n")
    }

    fn conflicts(out: &ClaimsOutcome, kind: FindingKind) -> Vec<(u32, String, String)> {
        out.findings
            .iter()
            .filter(|f| f.kind == kind)
            .map(|f| (f.article.0, f.mention.clone(), f.expected.clone()))
            .collect()
    }

    const E: FindingKind = FindingKind::WrongOfficeholder;

    #[test]
    fn majority_wrong_reliable_minority_wins() {
        let arts = vec![
            summary(0, "a", "The $55 billion investment fund starts.", &[E]),
            summary(
                1,
                "b",
                "Ruritania's $550 billion investment fund starts.",
                &[],
            ),
            summary(
                2,
                "c",
                "A $55 billion investment vehicle starts. The $55 billion investment fund follows.",
                &[E],
            ),
            summary(3, "d", "The $550 billion investment fund will start.", &[]),
            summary(
                4,
                "e",
                "The $55 billion investment fund will start.",
                &[E, E],
            ),
        ];
        let out = resolve(&arts, &DedupOutcome::default(), &no_facts());
        assert_eq!(
            conflicts(&out, FindingKind::QuantityConflict),
            vec![
                (0, "$55 billion".into(), "550 billion USD".into()),
                (2, "$55 billion".into(), "550 billion USD".into()),
                (4, "$55 billion".into(), "550 billion USD".into()),
            ]
        );
        let msg = &out.findings[0].message;
        assert!(msg.contains("factor-of-10 slip"), "{msg}");
        let trust: BTreeMap<_, _> = out.trust.iter().cloned().collect();
        assert!(
            trust["b"] > trust["a"] && trust["a"] > trust["e"],
            "{trust:?}"
        );
        assert_eq!(
            out.trust.iter().map(|t| t.0.as_str()).collect::<Vec<_>>(),
            ["a", "b", "c", "d", "e"]
        );
    }

    #[test]
    fn with_equal_trust_the_majority_wins() {
        let arts = vec![
            summary(0, "a", "The $55 billion investment fund starts.", &[]),
            summary(1, "b", "The $550 billion investment fund starts.", &[]),
            summary(2, "c", "The $55 billion investment fund starts.", &[]),
        ];
        let out = resolve(&arts, &DedupOutcome::default(), &no_facts());
        assert_eq!(
            conflicts(&out, FindingKind::QuantityConflict),
            vec![(1, "$550 billion".into(), "55 billion USD".into())]
        );
    }

    #[test]
    fn copies_are_not_independent_votes() {
        let arts = vec![
            summary(0, "a", "The $550 billion investment fund starts.", &[]),
            summary(1, "b", "The $550 billion investment fund starts.", &[]),
            summary(2, "c", "The $55 billion investment fund starts.", &[]),
            summary(3, "d", "The $55 billion investment fund starts.", &[]),
            summary(4, "e", "The $55 billion investment fund starts.", &[]),
        ];
        let plain = resolve(&arts, &DedupOutcome::default(), &no_facts());
        assert_eq!(
            conflicts(&plain, FindingKind::QuantityConflict).len(),
            2,
            "majority 55 wins"
        );
        let dedup = DedupOutcome {
            copies: vec![(ArticleId(3), ArticleId(2)), (ArticleId(4), ArticleId(3))],
            ..Default::default()
        };
        let out = resolve(&arts, &dedup, &no_facts());
        assert_eq!(
            conflicts(&out, FindingKind::QuantityConflict)
                .iter()
                .map(|c| c.0)
                .collect::<Vec<_>>(),
            vec![2, 3, 4],
            "c, d, e are one voice against two"
        );
    }

    #[test]
    fn differently_named_projects_are_not_compared() {
        // Same wording, values within one order of magnitude, different
        // named projects: different claims, however many sources each has.
        let arts = vec![
            summary(
                0,
                "a",
                "The Rockmouth battery complex contract would total $750 million.",
                &[],
            ),
            summary(
                1,
                "b",
                "Officials said the Rockmouth battery complex contract would total $750 million.",
                &[],
            ),
            summary(
                2,
                "c",
                "The Silverwick battery complex contract would total $450 million.",
                &[],
            ),
            summary(
                3,
                "d",
                "Planners said the Silverwick battery complex contract would total $450 million.",
                &[],
            ),
            summary(
                4,
                "e",
                "The Silverwick battery complex contract would total $450 million, a report said.",
                &[],
            ),
        ];
        let out = resolve(&arts, &DedupOutcome::default(), &no_facts());
        assert!(
            conflicts(&out, FindingKind::QuantityConflict).is_empty(),
            "{:?}",
            out.findings
        );
        // The same named project with a slip is still caught.
        let mut slip = arts.clone();
        slip.push(summary(
            5,
            "f",
            "The Silverwick battery complex contract would total $45 million.",
            &[],
        ));
        let out = resolve(&slip, &DedupOutcome::default(), &no_facts());
        let got = conflicts(&out, FindingKind::QuantityConflict);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, 5);
    }

    #[test]
    fn reworded_keys_group_and_different_things_do_not() {
        let arts = vec![
            summary(0, "a", "Japan's $550 billion investment tool is set. Projects cost from $350 million to $100 billion.", &[]),
            summary(1, "b", "Tokyo's $550 billion investment package is set. Its $550 billion investment tool opens.", &[]),
            summary(2, "c", "The $550 billion investment package is set. A $100 billion data center project too.", &[]),
        ];
        let out = resolve(&arts, &DedupOutcome::default(), &no_facts());
        assert!(out.findings.is_empty(), "{:?}", out.findings);
        let label_of = |m: &str, a: u32| {
            out.rows
                .iter()
                .find(|r| r.mention == m && r.article.0 == a)
                .map(|r| r.claim.clone())
                .unwrap()
        };
        assert_eq!(label_of("$550 billion", 0), label_of("$550 billion", 2));
        assert_ne!(label_of("$100 billion", 0), label_of("$550 billion", 0));
        assert_ne!(label_of("$100 billion", 2), label_of("$550 billion", 2));
        assert_ne!(label_of("$350 million", 0), label_of("$550 billion", 0));
        let pkg = out.rows.iter().find(|r| r.article.0 == 1).unwrap();
        assert_eq!(pkg.consensus, Some(550e9));
        assert!(pkg.agrees);
    }

    fn facts(csv: &str) -> Rules {
        let j = include_str!("../../rules/jurisdictions.csv");
        Rules::parse(Some(j), None, None, Some(csv), None, None).unwrap()
    }

    #[test]
    fn a_fact_overrides_the_consensus() {
        let arts = vec![
            summary(
                0,
                "a",
                "Ruritania's $55 billion investment fund starts.",
                &[],
            ),
            summary(1, "b", "The $550 billion investment fund starts.", &[]),
            summary(
                2,
                "c",
                "Ruritania's $55 billion investment fund starts.",
                &[],
            ),
        ];
        let rules = facts("fact,value,unit,cues,note\nRuritania fund,550000000000,USD,Ruritania investment fund,test\n");
        let out = resolve(&arts, &DedupOutcome::default(), &rules);
        let got = conflicts(&out, FindingKind::QuantityConflict);
        assert_eq!(got.iter().map(|c| c.0).collect::<Vec<_>>(), vec![0, 2]);
        let f = &out.findings[0];
        assert_eq!(f.evidence, "facts.csv:2");
        assert!(f.message.contains("factor-of-10 slip"), "{}", f.message);
        assert!(out
            .rows
            .iter()
            .all(|r| r.claim == "Ruritania fund" && r.reference == "facts.csv:2"));
        // A fact of another magnitude or unit is not about this claim.
        let rules = facts("fact,value,unit,cues,note\nOther,3000000,USD,Ruritania investment fund,test\nEur,550000000000,EUR,Ruritania investment fund,test\n");
        let out = resolve(&arts, &DedupOutcome::default(), &rules);
        assert_eq!(
            conflicts(&out, FindingKind::QuantityConflict),
            vec![(1, "$550 billion".into(), "55 billion USD".into())]
        );
    }

    #[test]
    fn fact_checked_errors_lower_trust_elsewhere() {
        // a, b, c get the fact wrong; on the unchecked budget the reliable
        // minority d, e wins.
        let arts = vec![
            summary(
                0,
                "a",
                "Ruritania's $55 billion investment fund. The $30 million port budget.",
                &[],
            ),
            summary(
                1,
                "b",
                "Ruritania's $55 billion investment fund. The $30 million port budget.",
                &[],
            ),
            summary(
                2,
                "c",
                "Ruritania's $55 billion investment fund. The $30 million port budget.",
                &[],
            ),
            summary(
                3,
                "d",
                "Ruritania's $550 billion investment fund. The $300 million port budget.",
                &[],
            ),
            summary(
                4,
                "e",
                "Ruritania's $550 billion investment fund. The $300 million port budget.",
                &[],
            ),
        ];
        let rules = facts("fact,value,unit,cues,note\nRuritania fund,550000000000,USD,Ruritania investment fund,test\n");
        let out = resolve(&arts, &DedupOutcome::default(), &rules);
        let budget: Vec<_> = conflicts(&out, FindingKind::QuantityConflict)
            .into_iter()
            .filter(|c| c.1 == "$30 million")
            .collect();
        assert_eq!(budget.len(), 3, "{:?}", out.findings);
        assert_eq!(budget[0].2, "300 million USD");
    }

    #[test]
    fn two_values_in_one_article_are_an_internal_conflict() {
        let arts = vec![summary(
            0,
            "a",
            "The $550 billion investment package was agreed.\n\nLater, the $55 billion investment package was praised.\n\nThe $550 billion investment package again.",
            &[],
        )];
        let out = resolve(&arts, &DedupOutcome::default(), &no_facts());
        let got = conflicts(&out, FindingKind::InternalConflict);
        assert_eq!(
            got,
            vec![(0, "$55 billion".into(), "550 billion USD".into())]
        );
        let f = &out.findings[0];
        assert_eq!(f.paragraph, Some(ParaIdx(1)));
        assert!(f.message.contains("factor-of-10"), "{}", f.message);
        // Values in one sentence (a change, a range) are not a conflict.
        let arts = vec![summary(
            0,
            "a",
            "The 25% tariff rate was lowered to a 15% tariff rate.",
            &[],
        )];
        assert!(resolve(&arts, &DedupOutcome::default(), &no_facts())
            .findings
            .is_empty());
    }

    #[test]
    fn two_claims_in_one_article_stay_apart() {
        let arts = vec![
            summary(
                0,
                "a",
                "The $550 billion investment package and a $2 billion chip plant.",
                &[],
            ),
            summary(
                1,
                "b",
                "The $550 billion investment package and a $2 billion chip plant.",
                &[],
            ),
            summary(
                2,
                "c",
                "The $550 billion investment package and a $2.5 billion chip plant.",
                &[],
            ),
        ];
        let out = resolve(&arts, &DedupOutcome::default(), &no_facts());
        assert_eq!(
            conflicts(&out, FindingKind::QuantityConflict),
            vec![(2, "$2.5 billion".into(), "2 billion USD".into())]
        );
        let labels: BTreeSet<&str> = out.rows.iter().map(|r| r.claim.as_str()).collect();
        assert_eq!(labels, BTreeSet::from(["chip plant", "investment package"]));
    }

    #[test]
    fn a_lone_dissent_without_support_is_not_a_conflict() {
        let arts = vec![
            summary(0, "a", "The 25% tariff on steel.", &[]),
            summary(1, "b", "The 15% tariff on steel.", &[E]),
        ];
        let out = resolve(&arts, &DedupOutcome::default(), &no_facts());
        assert!(out.findings.is_empty());
        assert!(out.rows.iter().all(|r| r.consensus.is_none() && r.agrees));
    }

    #[test]
    fn slips_and_human_values() {
        assert!(slip(55e9, 550e9)
            .unwrap()
            .starts_with("a factor-of-10 slip"));
        assert!(slip(550e6, 550e9)
            .unwrap()
            .starts_with("a factor-of-1000 slip"));
        assert_eq!(slip(500e9, 550e9), None);
        assert_eq!(human(550e9, "USD"), "550 billion USD");
        assert_eq!(human(1.5e6, ""), "1.5 million");
        assert_eq!(human(25.0, "%"), "25%");
        assert_eq!(human(2.5e12, "JPY"), "2.5 trillion JPY");
    }

    #[test]
    fn prior_falls_with_officeholder_errors() {
        let clean = summary(0, "a", "x", &[FindingKind::NameVariant]);
        let one = summary(1, "a", "x", &[FindingKind::MisspelledName]);
        let two = summary(
            2,
            "a",
            "x",
            &[FindingKind::OutdatedOfficeholder, FindingKind::RoleMismatch],
        );
        assert_eq!(article_prior(&clean), T0);
        assert!(article_prior(&clean) > article_prior(&one));
        assert!(article_prior(&one) > article_prior(&two));
    }

    #[test]
    fn output_does_not_depend_on_article_order_of_equal_input() {
        let a = vec![
            summary(0, "a", "The $55 billion investment fund starts.", &[E]),
            summary(1, "b", "The $550 billion investment fund starts.", &[]),
            summary(2, "c", "The $550 billion investment fund starts.", &[]),
        ];
        let x = resolve(&a, &DedupOutcome::default(), &no_facts());
        let y = resolve(&a, &DedupOutcome::default(), &no_facts());
        assert_eq!(x, y);
    }

    /// The Done-when of issue 5 at the unit level: the seeds with the names
    /// findings the names stage gives them, without and with the fact.
    #[test]
    fn seeds_55_billion_is_the_slip_with_and_without_facts() {
        let names: [(&str, &[FindingKind]); 5] = [
            ("000_5e0cec676ab16a7a.txt", &[E]),
            ("001_3839f8093eb166c6.txt", &[]),
            ("002_5033dd446bf44c51.txt", &[FindingKind::MisspelledName]),
            (
                "003_8d2bc0c0ee94e762.txt",
                &[
                    FindingKind::OutdatedOfficeholder,
                    FindingKind::OutdatedOfficeholder,
                ],
            ),
            ("004_63c2912552cae134.txt", &[]),
        ];
        let arts: Vec<ArticleSummary> = names
            .iter()
            .enumerate()
            .map(|(i, (f, k))| {
                let text = std::fs::read_to_string(format!("seeds/{f}")).unwrap();
                summary(i as u32, f, &text, k)
            })
            .collect();
        let bundled = facts(include_str!("../../rules/facts.csv"));
        for rules in [no_facts(), bundled] {
            let out = resolve(&arts, &DedupOutcome::default(), &rules);
            let got = conflicts(&out, FindingKind::QuantityConflict);
            let want: Vec<(u32, String, String)> =
                [(0, "$55 billion"), (2, "$55 billion"), (3, "$55 Billion")]
                    .iter()
                    .map(|(a, m)| (*a, m.to_string(), "550 billion USD".to_string()))
                    .collect();
            assert_eq!(got, want, "facts: {}", rules.facts.len());
            // The project costs are their own claims, not the package.
            for m in ["$350 million", "$100 billion"] {
                let r = out.rows.iter().find(|r| r.mention == m).unwrap();
                assert!(r.consensus.is_none(), "{r:?}");
            }
        }
    }
}
