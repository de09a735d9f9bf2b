//! Scanning a paragraph for quantities: a number with a currency, a scale
//! word or a percent sign, and the claims they make.

use super::key::{display_words, key_after_change, key_around, norm_key};
use super::same_value;
use crate::model::{Article, Claim, Paragraph};

/// The quantities of one paragraph as claims, appended to `claims`, each
/// with the key [`key_around`] finds (possibly empty). A range ("from $350
/// million to as high as $100 billion") shares one phrase: the one after the
/// range, else the first endpoint's.
pub(super) fn paragraph_claims(article: &Article, p: &Paragraph, claims: &mut Vec<Claim>) {
    let text = article.para_text(p);
    // End of the previous quantity, its key, whether the key is its own phrase.
    let mut prev: Option<(usize, Vec<String>, bool)> = None;
    for q in scan_quantities(text) {
        let (mut key, mut direct, entities) = if q.end > q.core.1 {
            key_after_change(text, q.end).unwrap_or_else(|| key_around(text, q.core.0, q.end))
        } else {
            key_around(text, q.core.0, q.core.1)
        };
        key = display_words(text, q.core.0, q.end, &key);
        if let Some((pend, pkey, pdirect)) = &prev {
            if is_range_gap(&text[*pend..q.start]) {
                if !direct && !pkey.is_empty() {
                    key = pkey.clone();
                    direct = *pdirect;
                } else if direct && !*pdirect {
                    if let Some(last) = claims.last_mut() {
                        last.key = key.clone();
                    }
                }
            }
        }
        prev = Some((q.end, key.clone(), direct));
        let line = p.line + text[..q.start].matches('\n').count() as u32;
        claims.push(Claim {
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

/// "550 billion" with no currency takes the currency the article uses for the
/// same claim: same value, else the same head noun.
pub(super) fn inherit_currency(claims: &mut [Claim]) {
    let known: Vec<(f64, String, String)> = claims
        .iter()
        .filter(|c| !c.unit.is_empty() && c.unit != "%")
        .map(|c| {
            (
                c.value,
                norm_key(&c.key).pop().unwrap_or_default(),
                c.unit.clone(),
            )
        })
        .collect();
    for c in claims.iter_mut().filter(|c| c.unit.is_empty()) {
        let head = norm_key(&c.key).pop().unwrap_or_default();
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
    /// The amount without the direction words the mention took in ("5%"
    /// of "down 5%"): its phrase is read around this.
    core: (usize, usize),
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

/// Interprets the number at `text[ns..ne]` (`digits`: its digits and
/// decimal point) with what surrounds it. Steps:
/// 1. [`part_of_token`]: a number glued to a word or inside a date or code is
///    no quantity;
/// 2. [`currency_before`]: a currency symbol or ISO code before it;
/// 3. [`suffix_after`]: a scale word or percent after it;
/// 4. [`currency_after`]: without a currency yet, a currency word or code
///    after that.
///
/// Bare numbers (years, dates, ages, counts, list numbers) are not claims.
fn quantity_at(text: &str, ns: usize, ne: usize, digits: &str) -> Option<Quantity> {
    if part_of_token(text.as_bytes(), ns, ne) {
        return None;
    }
    let mut number: f64 = digits.parse().ok()?;
    if !number.is_finite() {
        return None;
    }
    let (start, mut unit) = match currency_before(text, ns) {
        Some((start, code)) => (start, Some(code)),
        None => (ns, None),
    };
    let suffix = suffix_after(text, ne, unit.is_some())?;
    if let Some(mult) = suffix.scale {
        number *= mult;
    }
    let mut end = suffix.end;
    if !suffix.percent && unit.is_none() {
        if let Some((code, len)) = currency_after(&text[end..]) {
            unit = Some(code);
            end += len;
        }
    }
    if !(suffix.percent || suffix.scale.is_some() || unit.is_some()) {
        return None;
    }
    let unit = if suffix.percent {
        "%"
    } else {
        unit.unwrap_or("")
    };
    Some(with_direction(
        text,
        Quantity {
            start,
            end,
            value: number,
            unit,
            core: (start, end),
        },
    ))
}

/// Words right before a percentage (optionally followed by "by") that make
/// it a fall: "down 5%", "fell by 5%", "dropped 5%".
const FALL_BEFORE: &[&str] = &[
    "down",
    "fell",
    "fallen",
    "falls",
    "fall",
    "dropped",
    "drops",
    "drop",
    "declined",
    "declines",
    "decline",
    "slid",
    "slipped",
    "sank",
    "sunk",
    "tumbled",
    "plunged",
    "plummeted",
    "lost",
    "decreased",
    "shrank",
    "shrunk",
    "contracted",
    "minus",
];

/// Nouns right after a percentage that make it a fall: "a 5% fall",
/// "a 3% drop", "crashed 9% lower".
const FALL_AFTER: &[&str] = &[
    "fall",
    "drop",
    "decline",
    "decrease",
    "loss",
    "slump",
    "plunge",
    "contraction",
    "reduction",
    "cut",
    "lower",
];

/// Words right before a percentage (optionally followed by "by") that say
/// it is a rise: they join the mention ("rose 5%"), the value stays.
const RISE_BEFORE: &[&str] = &[
    "up",
    "rose",
    "risen",
    "rises",
    "gained",
    "gains",
    "jumped",
    "climbed",
    "increased",
    "grew",
    "surged",
    "soared",
];

/// Nouns right after a percentage that make it a rise: "a 5% rise in".
const RISE_AFTER: &[&str] = &["rise", "increase", "gain", "jump", "growth", "higher"];

/// The quantity with its direction: a minus sign written before it ("-5%",
/// "−$2 billion") makes its value negative and joins the mention; for a
/// percentage, a falling word right before it ("down 5%", "fell by 5%") or
/// a falling noun right after it ("a 5% fall") does the same, and a rising
/// word before it ("rose 5%") or noun after it ("a 5% rise") joins the
/// mention with the value unchanged.
fn with_direction(text: &str, mut q: Quantity) -> Quantity {
    let before = &text[..q.start];
    let sign = before
        .strip_suffix('-')
        .or_else(|| before.strip_suffix('\u{2212}'));
    if let Some(rest) = sign {
        if rest
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || c == '(')
        {
            q.start = rest.len();
            q.value = -q.value;
            return q;
        }
    }
    if q.unit != "%" {
        return q;
    }
    let (sp, word) = next_alpha_word(&text[q.end..]);
    let lw = word.to_ascii_lowercase();
    if sp == 1 && (FALL_AFTER.contains(&lw.as_str()) || RISE_AFTER.contains(&lw.as_str())) {
        if FALL_AFTER.contains(&lw.as_str()) {
            q.value = -q.value;
        }
        q.end += sp + word.len();
        return q;
    }
    if let Some((ws, w)) = word_before(text, q.start) {
        let (ws, w) = if w.eq_ignore_ascii_case("by") {
            match word_before(text, ws) {
                Some(x) => x,
                None => return q,
            }
        } else {
            (ws, w)
        };
        let lw = w.to_ascii_lowercase();
        if FALL_BEFORE.contains(&lw.as_str()) {
            q.value = -q.value;
            q.start = ws;
        } else if RISE_BEFORE.contains(&lw.as_str()) {
            q.start = ws;
        }
    }
    q
}

/// The ASCII word ending one space before `at`, with its start.
fn word_before(text: &str, at: usize) -> Option<(usize, &str)> {
    let b = text[..at].strip_suffix(' ')?;
    let n = b.bytes().rev().take_while(u8::is_ascii_alphabetic).count();
    let start = b.len() - n;
    let glued = b[..start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    (n > 0 && !glued).then(|| (start, &b[start..]))
}

/// True when the number at `b[ns..ne]` is glued to a word ("A320",
/// "COVID19") or is part of a date, code or version.
fn part_of_token(b: &[u8], ns: usize, ne: usize) -> bool {
    if ns > 0 {
        let p = b[ns - 1];
        if p.is_ascii_alphanumeric() || p == b'/' || p == b'.' || p == b':' {
            return true;
        }
        if p == b'-' && ns > 1 && b[ns - 2].is_ascii_digit() {
            return true;
        }
    }
    if let Some(&n) = b.get(ne) {
        if (n == b'/' || n == b'-' || n == b':') && b.get(ne + 1).is_some_and(u8::is_ascii_digit) {
            return true;
        }
    }
    false
}

/// The currency written before the number starting at `ns`: a symbol
/// (optionally spaced) or an ISO code, with where the mention then starts.
fn currency_before(text: &str, ns: usize) -> Option<(usize, &'static str)> {
    let before = &text[..ns];
    let trimmed = before.trim_end_matches(' ');
    for (sym, code) in SYMBOLS {
        if trimmed.ends_with(sym) {
            let s = trimmed.len() - sym.len();
            // "$" glued to a word is not a currency ("A$" is a symbol of its own).
            let glued = text[..s]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric());
            if !glued && ns - trimmed.len() <= 1 {
                return Some((s, *code));
            }
        }
    }
    for (c, code) in CODES {
        if let Some(rest) = before.strip_suffix(' ').and_then(|s| s.strip_suffix(c)) {
            if !rest
                .chars()
                .next_back()
                .is_some_and(|ch| ch.is_alphanumeric())
            {
                return Some((rest.len(), *code));
            }
        }
    }
    None
}

/// What follows a number: a scale word or a percent sign or word.
#[derive(Debug, Clone, PartialEq)]
struct Suffix {
    /// The scale word's multiplier, when one applies.
    scale: Option<f64>,
    percent: bool,
    /// End of the mention so far (the number's end without a suffix).
    end: usize,
}

/// The scale or percent after the number ending at `ne`. `None` when the
/// number is glued to letters ("2nd", "3D", "10x"): not a quantity.
fn suffix_after(text: &str, ne: usize, has_currency: bool) -> Option<Suffix> {
    let after = &text[ne..];
    let mut suffix = Suffix {
        scale: None,
        percent: false,
        end: ne,
    };
    if after.starts_with('%') {
        suffix.percent = true;
        suffix.end = ne + 1;
        return Some(suffix);
    }
    let (sp, word) = next_alpha_word(after);
    let lw = word.to_ascii_lowercase();
    if let Some((_, mult, needs_cur)) = SCALES.iter().find(|(w, _, _)| *w == lw) {
        // "5 m" with a space is ambiguous even after a currency; "5m" is not.
        let short = word.len() <= 3 && !["bn", "tn", "trn"].contains(&lw.as_str());
        if (!needs_cur || has_currency) && !(short && sp > 0 && *needs_cur) {
            suffix.scale = Some(*mult);
            suffix.end = ne + sp + word.len();
        }
    } else if ["percent", "pct"].contains(&lw.as_str()) {
        suffix.percent = true;
        suffix.end = ne + sp + word.len();
    } else if lw == "per" {
        let rest = &after[sp + word.len()..];
        let (sp2, w2) = next_alpha_word(rest);
        if w2.eq_ignore_ascii_case("cent") {
            suffix.percent = true;
            suffix.end = ne + sp + word.len() + sp2 + w2.len();
        }
    } else if sp == 0 && !word.is_empty() {
        return None;
    }
    Some(suffix)
}

/// A currency word or ISO code at the start of `rest` (after at most one
/// space): its unit and the bytes it takes.
fn currency_after(rest: &str) -> Option<(&'static str, usize)> {
    let tail = rest.trim_start_matches(' ');
    let skipped = rest.len() - tail.len();
    if skipped > 1 {
        return None;
    }
    let lower: String = tail.chars().take(16).collect::<String>().to_lowercase();
    for (w, code) in CURRENCY_WORDS {
        if starts_with_word(&lower, w) {
            return Some((*code, skipped + w.len()));
        }
    }
    for (c, code) in CODES {
        if starts_with_word(tail, c) {
            return Some((*code, skipped + c.len()));
        }
    }
    None
}

/// True when `s` starts with `w` as a whole word: no letter or digit follows.
fn starts_with_word(s: &str, w: &str) -> bool {
    s.strip_prefix(w)
        .is_some_and(|rest| !rest.chars().next().is_some_and(char::is_alphanumeric))
}

/// Spaces skipped and the run of ASCII letters that follows.
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

#[cfg(test)]
mod tests {
    use super::super::testutil::date;
    use super::*;
    use crate::model::{ArticleId, ParaIdx};
    use crate::segment::article_from_text;

    #[test]
    fn numbers_inside_words_dates_and_codes_are_part_of_a_token() {
        assert!(part_of_token(b"A320", 1, 4));
        assert!(part_of_token(b"12/02", 0, 2));
        assert!(part_of_token(b"2025-26", 5, 7));
        assert!(part_of_token(b"v1.5", 3, 4));
        assert!(!part_of_token(b"costs 5 more", 6, 7));
        assert!(
            !part_of_token(b"5-year", 0, 1),
            "a hyphen before a word is fine"
        );
    }

    #[test]
    fn currency_before_takes_symbols_and_codes() {
        assert_eq!(currency_before("US$5", 3), Some((0, "USD")));
        assert_eq!(currency_before("a HK$ 40", 6), Some((2, "HKD")));
        assert_eq!(currency_before("USD 7", 4), Some((0, "USD")));
        assert_eq!(currency_before("ABC$5", 4), None, "glued to a word");
        assert_eq!(currency_before("$  5", 3), None, "two spaces");
        assert_eq!(currency_before("the 5", 4), None);
    }

    #[test]
    fn suffix_after_reads_scales_and_percents() {
        let s = |scale, percent, end| {
            Some(Suffix {
                scale,
                percent,
                end,
            })
        };
        assert_eq!(suffix_after("5%", 1, false), s(None, true, 2));
        assert_eq!(suffix_after("5 billion", 1, false), s(Some(1e9), false, 9));
        assert_eq!(suffix_after("5m", 1, true), s(Some(1e6), false, 2));
        assert_eq!(
            suffix_after("5m", 1, false),
            s(None, false, 1),
            "m needs a currency"
        );
        assert_eq!(
            suffix_after("5 m", 1, true),
            s(None, false, 1),
            "spaced m is ambiguous"
        );
        assert_eq!(suffix_after("8 per cent", 1, false), s(None, true, 10));
        assert_eq!(suffix_after("9 pct", 1, false), s(None, true, 5));
        assert_eq!(suffix_after("2nd", 1, false), None);
        assert_eq!(suffix_after("3 men", 1, false), s(None, false, 1));
    }

    #[test]
    fn currency_after_takes_words_and_codes_after_one_space() {
        assert_eq!(currency_after(" yen budget"), Some(("JPY", 4)));
        assert_eq!(currency_after(" US dollars"), Some(("USD", 11)));
        assert_eq!(currency_after(" EUR"), Some(("EUR", 4)));
        assert_eq!(currency_after("  yen"), None);
        assert_eq!(currency_after(" yens"), None);
    }

    #[test]
    fn quantity_at_needs_a_currency_scale_or_percent() {
        assert_eq!(
            quantity_at("a $5 billion fund", 3, 4, "5"),
            Some(Quantity {
                start: 2,
                end: 12,
                value: 5e9,
                unit: "USD",
                core: (2, 12),
            })
        );
        assert_eq!(
            quantity_at("5 billion yen", 0, 1, "5"),
            Some(Quantity {
                start: 0,
                end: 13,
                value: 5e9,
                unit: "JPY",
                core: (0, 13),
            })
        );
        assert_eq!(quantity_at("in 2025, it", 3, 7, "2025"), None);
        assert_eq!(quantity_at("A320 jets", 1, 4, "320"), None);
    }

    fn directed(text: &str) -> (f64, &str) {
        let q = scan_quantities(text).remove(0);
        (q.value, &text[q.start..q.end])
    }

    #[test]
    fn with_direction_keeps_signs_and_falls() {
        assert_eq!(directed("the index fell -5% today"), (-5.0, "-5%"));
        assert_eq!(directed("(\u{2212}2.5%)"), (-2.5, "\u{2212}2.5%"));
        assert_eq!(directed("a loss of -$3 billion"), (-3e9, "-$3 billion"));
        assert_eq!(directed("shares were down 5% on"), (-5.0, "down 5%"));
        assert_eq!(
            directed("sales fell by 4 per cent"),
            (-4.0, "fell by 4 per cent")
        );
        assert_eq!(directed("a 3% fall in exports"), (-3.0, "3% fall"));
        assert_eq!(directed("a 3% rise in exports"), (3.0, "3% rise"));
        assert_eq!(directed("crashed 9% lower"), (-9.0, "9% lower"));
        // Not a sign: a range, a word before; not a change: "fell to".
        assert!(scan_quantities("5-10% of").iter().all(|q| q.value >= 0.0));
        assert_eq!(directed("fell to 5% from"), (5.0, "5%"));
        assert_eq!(
            directed("down $5 billion"),
            (5e9, "$5 billion"),
            "money: no word sign"
        );
    }

    #[test]
    fn word_before_needs_one_space_and_a_whole_word() {
        assert_eq!(word_before("fell 5", 5), Some((0, "fell")));
        assert_eq!(word_before("fell  5", 6), None);
        assert_eq!(word_before("x2fell 5", 7), None);
        assert_eq!(word_before("5", 0), None);
    }

    #[test]
    fn scan_quantities_reads_thousands_commas_and_decimals() {
        let q = scan_quantities("$1,250,000 and 3.5% and 12,34 and $2");
        let got: Vec<(f64, &str)> = q.iter().map(|q| (q.value, q.unit)).collect();
        assert_eq!(got, vec![(1.25e6, "USD"), (3.5, "%"), (2.0, "USD")]);
    }

    #[test]
    fn ranges_are_joined_by_dashes_and_short_connectives() {
        assert!(is_range_gap(" - "));
        assert!(is_range_gap(" to as high as "));
        assert!(is_range_gap(" and "));
        assert!(!is_range_gap(" in 2025 to "));
        assert!(!is_range_gap(", while the other fund got "));
    }

    #[test]
    fn paragraph_claims_reads_one_paragraph_with_its_lines() {
        let a = article_from_text(
            0,
            "t.txt",
            "The $1 million prize.\n\nA $5 million to $10 million grant.",
            date(),
        );
        let mut claims = Vec::new();
        paragraph_claims(&a, &a.paragraphs[1], &mut claims);
        let got: Vec<(ParaIdx, u32, &str, String)> = claims
            .iter()
            .map(|c| (c.paragraph, c.line, c.mention.as_str(), c.key.join(" ")))
            .collect();
        assert_eq!(
            got,
            vec![
                (ParaIdx(1), 3, "$5 million", "grant".to_string()),
                (ParaIdx(1), 3, "$10 million", "grant".to_string()),
            ]
        );
        assert!(claims.iter().all(|c| c.article == ArticleId(0)));
    }

    fn claim(value: f64, unit: &str, key: &[&str]) -> Claim {
        Claim {
            article: ArticleId(0),
            paragraph: ParaIdx(0),
            line: 1,
            mention: String::new(),
            value,
            unit: unit.into(),
            key: key.iter().map(|k| k.to_string()).collect(),
            entities: Vec::new(),
        }
    }

    #[test]
    fn inherit_currency_by_value_then_by_head_noun() {
        let mut claims = vec![
            claim(550e9, "USD", &["investment", "tool"]),
            claim(20.0, "%", &["tariff"]),
            claim(551e9, "", &["package"]),
            claim(3e6, "", &["tool"]),
            claim(20.0, "", &["rate"]),
            claim(7e6, "", &["people"]),
        ];
        inherit_currency(&mut claims);
        let units: Vec<&str> = claims.iter().map(|c| c.unit.as_str()).collect();
        assert_eq!(units, ["USD", "%", "USD", "USD", "", ""]);
    }
}
