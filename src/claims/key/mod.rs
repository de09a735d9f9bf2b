//! The key of a quantity: the noun phrase around it, normalised, and the
//! capitalised words of that phrase (its entities).

mod words;

use words::*;

/// Bytes read before an amount when looking for its phrase.
const LOOK_BACK: usize = 160;
/// Words kept in a key (pre-modifiers plus the phrase up to the head noun).
const MAX_KEY_WORDS: usize = 4;

pub(super) fn is_stop(w: &str) -> bool {
    STOPWORDS.contains(&w)
}

/// Normalised key word: lowercase, no possessive, no dots, plural folded.
fn norm_word(w: &str) -> String {
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
    /// That punctuation is a single comma (an apposition may follow:
    /// "the package, valued at $N").
    comma: bool,
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
            out.push(Tok {
                raw,
                broken,
                comma: false,
            });
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
                comma: !broken && gap.trim() == ",",
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

pub(super) fn has_digit(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
}

/// Normalised parts of a (possibly hyphenated) word.
pub(super) fn parts(raw: &str) -> Vec<String> {
    raw.split('-')
        .filter(|p| !p.is_empty())
        .map(norm_word)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The normalised words of a key as stored (words as written): what
/// grouping and fact cues compare.
pub(super) fn norm_key(key: &[String]) -> Vec<String> {
    key.iter().flat_map(|w| parts(w)).collect()
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
/// Returns the key, whether it is the amount's own phrase (false when it came
/// from the fallback, a weaker guess) and the key's entities. Steps:
/// 1. [`phrase_after`]: the words after the amount;
/// 2. [`pre_modifiers`]: the words directly before it, in a short window;
/// 3. when both are empty, [`noun_before`]: the fallback.
pub(super) fn key_around(text: &str, qs: usize, qe: usize) -> (Vec<String>, bool, Vec<String>) {
    let mut entities: Vec<String> = Vec::new();
    let right = phrase_after(&text[qe..], &mut entities);
    let back = words_backward(&text[look_back_start(text, qs)..qs], 10);
    let mut left = pre_modifiers(&back, &right, &mut entities);
    if right.is_empty() && left.is_empty() {
        let found = noun_before(&back, &mut entities);
        entities.retain(|e| found.contains(e));
        return (found, false, entities);
    }
    left.extend(right);
    left.truncate(MAX_KEY_WORDS + 2);
    entities.retain(|e| left.contains(e));
    (left, true, entities)
}

/// Bytes read after an amount when looking for the words of its key as
/// written.
const LOOK_AHEAD: usize = 200;

/// The key words as written in the text around the amount at
/// `text[qs..qe]`: for each normalised word of `key`, the nearest whole word
/// (or hyphen part) of the text that normalises to it ("losses" for
/// `losse`, "Japan's" for `japan`, "U.S." for `us`), so a label reads as the
/// text does. A word not found stays as it is. `parts` of each result gives
/// back the key word.
pub(super) fn display_words(text: &str, qs: usize, qe: usize, key: &[String]) -> Vec<String> {
    let from = look_back_start(text, qs);
    let mut to = (qe + LOOK_AHEAD).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let mut pieces: Vec<(usize, &str)> = Vec::new();
    let win = &text[from..to];
    let mut start = None;
    for (i, c) in win.char_indices().chain(std::iter::once((win.len(), ' '))) {
        let inner = c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '.');
        match (inner, start) {
            (true, None) => start = Some(i),
            (false, Some(s0)) => {
                pieces.push((from + s0, &win[s0..i]));
                start = None;
            }
            _ => {}
        }
    }
    // Each piece shown and folded once (not once per key word).
    let shown_pieces: Vec<(usize, &str, String)> = pieces
        .iter()
        .map(|&(at, w)| {
            let w = shown(w);
            let dist = if at < qs {
                qs - at
            } else {
                at.saturating_sub(qe)
            };
            (
                dist,
                w,
                if w.is_empty() {
                    String::new()
                } else {
                    norm_word(w)
                },
            )
        })
        .collect();
    key.iter()
        .map(|k| {
            shown_pieces
                .iter()
                .filter(|(_, w, n)| !w.is_empty() && n == k)
                .map(|&(dist, w, _)| (dist, w))
                .min_by_key(|&(d, _)| d)
                .map_or_else(|| k.clone(), |(_, w)| w.to_string())
        })
        .collect()
}

/// A word as shown in a label: no quote or sentence dot around it, but an
/// initialism keeps its dots ("U.S.").
fn shown(w: &str) -> &str {
    let w = w.trim_start_matches(['\'', '\u{2019}', '.']);
    let w = w.trim_end_matches(['\'', '\u{2019}']);
    if w.ends_with('.') && !w[..w.len() - 1].contains('.') {
        &w[..w.len() - 1]
    } else {
        w
    }
}

/// The key of a change stated as "a 5% fall in exports": the noun phrase
/// after "in"/"of" (and a determiner) following the change noun that ends
/// at `after_noun`. `None` when no such phrase follows.
pub(super) fn key_after_change(
    text: &str,
    after_noun: usize,
) -> Option<(Vec<String>, bool, Vec<String>)> {
    let rest = &text[after_noun..];
    let words = words_forward(rest, 2);
    let first = words.first()?;
    if first.broken || !["in", "of"].contains(&first.raw.to_lowercase().as_str()) {
        return None;
    }
    let mut from = rest.find(first.raw)? + first.raw.len();
    if let Some(det) = words.get(1) {
        if !det.broken && DETERMINERS.contains(&det.raw.to_lowercase().as_str()) {
            from = from + rest[from..].find(det.raw)? + det.raw.len();
        }
    }
    let mut entities = Vec::new();
    let right = phrase_after(&rest[from..], &mut entities);
    (!right.is_empty()).then_some((right, true, entities))
}

/// Adds the parts of a capitalised word to `entities`.
fn note_entity(raw: &str, entities: &mut Vec<String>) {
    if raw.chars().next().is_some_and(char::is_uppercase) {
        entities.extend(parts(raw));
    }
}

/// The phrase after an amount (`after` starts right behind it): content
/// words up to the head noun. Empty when punctuation follows the amount.
fn phrase_after(after: &str, entities: &mut Vec<String>) -> Vec<String> {
    let mut right: Vec<String> = Vec::new();
    let toks = words_forward(after, LONG_PHRASE);
    for (n_words, t) in toks.iter().enumerate() {
        // Punctuation ends the phrase (right after the amount: nothing follows).
        if t.broken {
            break;
        }
        let lower = t.raw.to_lowercase();
        let bare: String = lower.chars().filter(|c| *c != '.').collect();
        if has_digit(&lower)
            || is_stop(&bare)
            || is_stop(&norm_word(&lower))
            || (verbish(&bare) && !modifies_next(&bare, toks.get(n_words + 1)))
            || TIME_WORDS.contains(&bare.as_str())
            || (n_words > 0 && PARTICIPLES.contains(&bare.as_str()))
        {
            break;
        }
        let plural = s_form(&bare);
        if plural && n_words >= 2 {
            break;
        }
        right.extend(parts(t.raw));
        note_entity(t.raw, entities);
        if plural || right.len() >= LONG_PHRASE {
            break;
        }
    }
    if right.len() > MAX_KEY_WORDS {
        // "the $3 million Oakbridge battery programme loan package": the
        // head and its modifier tell it from the same project's cost estimate
        right = head_and_names(&right, entities);
    }
    right
}

/// True when `bare`, an -ing word, modifies the noun after it ("financing
/// package", "operating profit"): that next word is a plain content word.
fn modifies_next(bare: &str, next: Option<&Tok<'_>>) -> bool {
    let Some(n) = next else { return false };
    let nl = n.raw.to_lowercase();
    bare.ends_with("ing")
        && !n.broken
        && !has_digit(&nl)
        && !is_stop(&nl)
        && !verbish(&nl)
        && !TIME_WORDS.contains(&nl.as_str())
}

/// Words read after an amount for its phrase; a longer phrase keeps only its
/// names and last two words.
const LONG_PHRASE: usize = 7;

/// Start of the window read before the amount at `qs`: only [`LOOK_BACK`]
/// bytes (keeps this O(1) per quantity however long the paragraph), moved
/// forward to a character boundary.
fn look_back_start(text: &str, qs: usize) -> usize {
    let mut from = qs.saturating_sub(LOOK_BACK);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    from
}

/// Pre-modifiers from `back` (the words before the amount, nearest first): a
/// possessive or capitalised word ("Japan's", "US-Japan"), or words right
/// after a determiner ("a massive"); a plain lowercase word before the amount
/// is usually a verb ("will spend $5m"). When none are accepted the result is
/// empty and `entities` keeps only the words of `right`.
fn pre_modifiers(back: &[Tok<'_>], right: &[String], entities: &mut Vec<String>) -> Vec<String> {
    let mut left: Vec<String> = Vec::new();
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
        note_entity(t.raw, entities);
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
    left
}

/// The fallback key from `back` (words before the amount, nearest first):
/// "X of $N", "costs ranging from $N": the noun before up to three joining
/// words, with at most one more word of phrase (or up to a name).
fn noun_before(back: &[Tok<'_>], entities: &mut Vec<String>) -> Vec<String> {
    let mut skipped = 0;
    // A participle was skipped ("valued at"): a comma before it is an
    // apposition, not the end of the phrase.
    let mut participle = false;
    let mut found: Vec<String> = Vec::new();
    for (k, t) in back.iter().enumerate() {
        let lower = t.raw.to_lowercase();
        let bare: String = lower.chars().filter(|c| *c != '.').collect();
        if has_digit(&lower) {
            break;
        }
        if found.is_empty() {
            if t.broken && skipped > 0 && !(t.comma && participle) {
                break;
            }
            if REPORTING.contains(&bare.as_str()) {
                // "the government said $N": the amount is not the speaker's
                break;
            }
            if is_stop(&bare)
                || verbish(&bare)
                || CHANGE_VERBS.contains(&bare.as_str())
                || verb_after_noun(&bare, back.get(k + 1))
            {
                // a determiner means the phrase starts at the amount
                if DETERMINERS.contains(&bare.as_str()) {
                    break;
                }
                skipped += 1;
                participle |= bare.ends_with("ed") || bare == "worth";
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
            // an -ing word before a noun is its modifier ("financing package")
            let gerund = bare.ends_with("ing") && !bare.ends_with("ning");
            if t.broken
                || is_stop(&bare)
                || (verbish(&bare) && !gerund)
                || PAST_CHANGE.contains(&bare.as_str())
                || found.len() >= LONG_PHRASE - 1
            {
                break;
            }
            // Two words of phrase; further back only up to a name
            // ("the Rockmouth battery complex contract would total $N").
            if found.len() >= 2
                && !t.raw.chars().next().is_some_and(char::is_uppercase)
                && !name_ahead(&back[k + 1..], LONG_PHRASE - 1 - found.len())
            {
                break;
            }
            let mut p = parts(t.raw);
            p.extend(found);
            found = p;
            note_entity(t.raw, entities);
        }
    }
    if found.len() > 2 {
        found = head_and_names(&found, entities);
    }
    found
}

/// True when `bare`, a plural/-s form right before the amount's joining
/// words, follows a plain noun (`prev`, the word before it) and so is the
/// verb of that noun: "the contract stands at", "the bill totals".
fn verb_after_noun(bare: &str, prev: Option<&Tok<'_>>) -> bool {
    let Some(p) = prev else { return false };
    let pl = p.raw.to_lowercase();
    let possessive = pl.ends_with("'s") || pl.ends_with("\u{2019}s") || p.raw.ends_with('\'');
    LINKING_VERBS.contains(&bare)
        && !p.broken
        && !possessive
        && !has_digit(&pl)
        && !is_stop(&pl)
        && !verbish(&pl)
        && !s_form(&pl)
}

/// True when a capitalised word that does not open a sentence comes within
/// the next `room` words of `further` (words further back), before a break
/// or a function word.
fn name_ahead(further: &[Tok<'_>], room: usize) -> bool {
    further
        .iter()
        .enumerate()
        .take(room)
        .take_while(|(_, x)| !x.broken && !is_stop(&x.raw.to_lowercase()))
        .any(|(i, x)| {
            // a capital opening the sentence is no name ("Insurers put ...")
            let opens = further.get(i + 1).is_none_or(|y| y.broken);
            x.raw.chars().next().is_some_and(char::is_uppercase) && !opens
        })
}

/// A long fallback phrase cut to its head (last two words) plus the names
/// before it; the common words between are dropped.
fn head_and_names(found: &[String], entities: &[String]) -> Vec<String> {
    let head: Vec<String> = found[found.len() - 2..].to_vec();
    let mut names: Vec<String> = found[..found.len() - 2]
        .iter()
        .filter(|w| entities.contains(w))
        .cloned()
        .collect();
    names.extend(head);
    names
}

#[cfg(test)]
mod tests;
