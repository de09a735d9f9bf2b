//! Reading a person name after a title ("Prime Minister Sanae Takaichi") or
//! before one ("Sanae Takaichi, Japan's prime minister"): capitalised words,
//! particles, initials, honorifics dropped, an optional bracketed
//! native-script name.

use super::fold::{fold_token, is_native};
use std::collections::HashSet;
use unicode_normalization::char::is_combining_mark;

/// Longest name, in words, looked at after or before a title.
const MAX_NAME_WORDS: usize = 6;

/// Words that are never part of a person name even when capitalised.
#[rustfmt::skip]
pub(super) const STOPWORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "from",
    "as", "but", "if", "so", "yet", "nor", "than", "then", "when", "while", "after", "before",
    "since", "said", "says", "say", "told", "tells", "will", "would", "could", "should", "may",
    "might", "must", "can", "has", "had", "have", "is", "was", "were", "are", "be", "been",
    "being", "who", "whom", "whose", "which", "that", "this", "these", "those", "his", "her",
    "hers", "their", "its", "it", "he", "she", "they", "we", "i", "you", "our", "my", "office",
    "offices", "administration", "government", "cabinet", "ministry", "department", "council",
    "committee", "house", "senate", "congress", "parliament", "party", "group", "bank",
    "company", "corporation", "inc", "ltd", "corp", "co", "plc", "llc", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "july", "august", "september", "october", "november", "december", "also", "now",
    "meanwhile", "however", "today", "yesterday", "tomorrow", "earlier", "later", "last",
    "next", "both", "all", "new", "current", "sitting", "incumbent", "newly", "elected",
    "re-elected", "says", "announced", "visited", "met", "meets", "plans", "vowed", "urged",
    "warned", "added",
];

/// Honorifics dropped before a name.
#[rustfmt::skip]
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "prof", "professor", "lord", "lady",
    "madam", "madame", "mme", "m", "herr", "frau", "senor", "señor", "sr", "sra", "hon",
    "honorable", "honourable", "rev", "gen", "general",
];

/// Lowercase particles allowed inside a name ("Ursula von der Leyen").
#[rustfmt::skip]
const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "des", "la", "le",
    "bin", "binti", "al", "el", "ibn", "ten", "ter", "dos", "das", "do", "zu", "af", "av", "y",
];

/// A written person name found next to a title.
#[derive(Clone, Debug)]
pub(super) struct NameSpan {
    /// Byte range of the name (and bracket, if any) in the paragraph.
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) tokens: Vec<(usize, usize)>,
    pub(super) native: Option<(usize, usize)>,
}

fn is_initial(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(c) = chars.next() else { return false };
    if !c.is_uppercase() {
        return false;
    }
    let rest: String = chars.collect();
    rest.is_empty()
        || rest == "."
        || (rest.ends_with('.') && rest.chars().all(|c| c.is_uppercase() || c == '.'))
}

/// Why a word was not taken as a name word.
enum Word {
    Name,
    Particle,
    Honorific,
    Stop,
}

fn classify(w: &str, first: bool) -> Word {
    let lower = w.to_lowercase();
    let bare = lower.trim_end_matches('.');
    if first && HONORIFICS.contains(&bare) {
        return Word::Honorific;
    }
    if PARTICLES.contains(&w) {
        return Word::Particle;
    }
    let Some(c) = w.chars().next() else {
        return Word::Stop;
    };
    if is_initial(w) {
        return Word::Name;
    }
    if c.is_lowercase() {
        // "al-Sudani"
        if let Some((pre, post)) = w.split_once('-') {
            if PARTICLES.contains(&pre) && post.chars().next().is_some_and(|c| c.is_uppercase()) {
                return Word::Name;
            }
        }
        return Word::Stop;
    }
    if !c.is_uppercase() || STOPWORDS.contains(&bare) {
        return Word::Stop;
    }
    // All-capitals acronyms ("METI", "USTR") are not names.
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return Word::Stop;
    }
    if !w.chars().all(|c| {
        c.is_alphabetic() || is_combining_mark(c) || matches!(c, '-' | '\'' | '\u{2019}' | '.')
    }) {
        return Word::Stop;
    }
    Word::Name
}

fn is_name_char(c: char) -> bool {
    const BREAKS: &[char] = &[
        ',', ';', ':', '(', ')', '[', ']', '{', '}', '"', '\u{201c}', '\u{201d}', '!', '?', '/',
        '|', '\u{2014}', '\u{2013}', '\u{2026}', '\u{ff08}', '\u{ff09}', '\u{3001}', '\u{3002}',
        '\u{ff0c}',
    ];
    !c.is_whitespace() && !BREAKS.contains(&c)
}

/// Parses a person name starting at `pos` (after spaces): capitalised words,
/// particles, initials, honorifics dropped, an optional bracketed
/// native-script name after it. A title's head noun (`heads`, folded) is
/// never a name word: before the name it is passed over ("USTR
/// Representative Jamieson Greer"), inside it ends the name.
pub(super) fn parse_name(text: &str, pos: usize, heads: &HashSet<String>) -> Option<NameSpan> {
    let mut i = pos;
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    let mut kinds: Vec<bool> = Vec::new(); // true = particle
    let mut start = None;
    let mut words = 0;
    loop {
        let rest = text.get(i..)?;
        let skipped = rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len();
        if skipped == 0 && i != pos {
            break;
        }
        i += skipped;
        let rest = &text[i..];
        let wlen: usize = rest
            .char_indices()
            .find(|&(_, c)| !is_name_char(c))
            .map(|(j, _)| j)
            .unwrap_or(rest.len());
        if wlen == 0 || words >= MAX_NAME_WORDS + 2 {
            break;
        }
        words += 1;
        let word = &rest[..wlen];
        let mut core = word;
        let mut stop_after = false;
        if let Some(c) = core.strip_suffix('.') {
            let bare = c.to_lowercase();
            if !(is_initial(word) || (tokens.is_empty() && HONORIFICS.contains(&bare.as_str()))) {
                core = c;
                stop_after = true;
            }
        }
        for suf in ["'s", "\u{2019}s", "'", "\u{2019}"] {
            if let Some(c) = core.strip_suffix(suf) {
                core = c;
                stop_after = true;
                break;
            }
        }
        let head = !heads.is_empty()
            && core.chars().next().is_some_and(char::is_uppercase)
            && heads.contains(&fold_token(core));
        match classify(core, tokens.is_empty()) {
            _ if head && tokens.is_empty() && !stop_after => {}
            _ if head => break,
            Word::Honorific => {}
            Word::Particle => {
                if tokens.is_empty() {
                    break;
                }
                tokens.push((i, i + core.len()));
                kinds.push(true);
            }
            Word::Name => {
                if tokens.len() >= MAX_NAME_WORDS {
                    break;
                }
                start.get_or_insert(i);
                tokens.push((i, i + core.len()));
                kinds.push(false);
            }
            Word::Stop => break,
        }
        i += wlen;
        if stop_after {
            break;
        }
    }
    while kinds.last() == Some(&true) {
        kinds.pop();
        tokens.pop();
    }
    let has_word = tokens
        .iter()
        .zip(&kinds)
        .any(|(&(a, b), &p)| !p && !is_initial(&text[a..b]));
    if !has_word {
        return None;
    }
    let start = start?;
    if let Some(suffix) = generational_suffix(text, tokens.last()?.1) {
        tokens.push(suffix);
    }
    let name_end = tokens.last()?.1;
    let (native, end) = match bracketed_native(text, name_end) {
        Some((native, end)) => (Some(native), end),
        None => (None, name_end),
    };
    Some(NameSpan {
        start,
        end,
        tokens,
        native,
    })
}

/// Generational suffixes written after a name, also after a comma.
const GENERATIONAL: &[&str] = &["Jr", "Sr", "II", "III", "IV"];

/// A generational suffix after a comma that closes a name ending at byte
/// `name_end` ("Olav R. Brekke, Jr."): its byte range, without the
/// period. (Written without the comma, the suffix is a name word already.)
fn generational_suffix(text: &str, name_end: usize) -> Option<(usize, usize)> {
    let after = text.get(name_end..)?.strip_prefix(',')?;
    let word = after.strip_prefix([' ', '\u{a0}'])?;
    let start = text.len() - word.len();
    let len = word
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(word.len());
    GENERATIONAL
        .contains(&&word[..len])
        .then_some((start, start + len))
}

/// A bracketed native-script name right after a name ending at byte
/// `name_end` ("Ivan Petrov (Иван Петров)"): the byte range of its content
/// and the end of the closing bracket. At most 40 characters, no Latin.
fn bracketed_native(text: &str, name_end: usize) -> Option<((usize, usize), usize)> {
    let after = &text[name_end..];
    let trimmed = after.trim_start_matches([' ', '\u{a0}']);
    let off = name_end + after.len() - trimmed.len();
    let (olen, close) = if trimmed.starts_with('(') {
        (1, ')')
    } else if trimmed.starts_with('\u{ff08}') {
        ('\u{ff08}'.len_utf8(), '\u{ff09}')
    } else {
        return None;
    };
    let inner = &trimmed[olen..];
    let cl = inner.find([close, ')'])?;
    let content = &inner[..cl];
    if content.chars().count() > 40 || !is_native(content) {
        return None;
    }
    let a = off + olen;
    let end = a + cl + inner[cl..].chars().next().map_or(1, |c| c.len_utf8());
    Some(((a, a + cl), end))
}

/// Parses a person name that ends at byte `end` (before ", title"). A run
/// ending in a title's head noun (`heads`) is another title, not a name:
/// "the Prime Minister, Treasurer and ..." is a list of offices.
pub(super) fn parse_name_before(
    text: &str,
    end: usize,
    heads: &HashSet<String>,
) -> Option<NameSpan> {
    let head = text.get(..end)?.trim_end();
    let mut name_end = head.len();
    // A bracketed native name before the comma.
    if let Some(h) = head
        .strip_suffix(')')
        .or_else(|| head.strip_suffix('\u{ff09}'))
    {
        let open = h.rfind(['(', '\u{ff08}'])?;
        name_end = h[..open].trim_end().len();
    }
    let mut s = name_end;
    let mut cur_end = name_end;
    for _ in 0..MAX_NAME_WORDS {
        let seg = &text[..cur_end];
        let ws = seg
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_name_char(c))
            .map(|(j, c)| j + c.len_utf8())
            .unwrap_or(0);
        let w = &seg[ws..];
        if w.is_empty() || !matches!(classify(w, false), Word::Name | Word::Particle) {
            break;
        }
        s = ws;
        if ws == 0 || !text[..ws].ends_with(' ') {
            break;
        }
        cur_end = ws - 1;
    }
    if s >= name_end {
        return None;
    }
    let name = parse_name(text, s, heads)?;
    (name.tokens.last().map(|t| t.1) == Some(name_end)).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;
    use crate::names::fixture::D;
    use crate::segment::article_from_text;

    fn none() -> HashSet<String> {
        HashSet::new()
    }

    #[test]
    fn a_generational_suffix_after_a_comma_belongs_to_the_name() {
        let words = |t: &str| {
            let n = parse_name(t, 1, &none()).unwrap();
            let toks: Vec<String> = n.tokens.iter().map(|&(a, b)| t[a..b].to_string()).collect();
            (toks, t[n.start..n.end].to_string())
        };
        let (toks, span) = words("x Olav R. Brekke, Jr. has not spoken.");
        assert_eq!(toks, ["Olav", "R.", "Brekke", "Jr"]);
        assert_eq!(span, "Olav R. Brekke, Jr");
        assert_eq!(words("x Olav Brekke, III, said").0.len(), 3);
        assert_eq!(words("x Olav Brekke Jr. said").0.len(), 3);
        // Any other word after the comma is not the name's.
        assert_eq!(words("x Olav Brekke, Junior minister").0.len(), 2);
        assert_eq!(words("x Olav Brekke, Iva Holm").0.len(), 2);
    }

    #[test]
    fn title_heads_are_passed_over_before_a_name_and_end_it_inside() {
        let heads: HashSet<String> = ["representative", "minister"].map(String::from).into();
        let n = parse_name("x Representative Jamieson Greer said", 1, &heads).unwrap();
        assert_eq!(n.tokens.len(), 2);
        let text = "x Representative Jamieson Greer said";
        assert_eq!(&text[n.start..n.end], "Jamieson Greer");
        assert!(parse_name("x Minister Minister", 1, &heads).is_none());
        let n = parse_name("x Ann Lee Minister Berg", 1, &heads).unwrap();
        assert_eq!(n.tokens.len(), 2);
    }

    #[test]
    fn names_with_particles_honorifics_and_brackets() {
        let t = "Finance Minister Mr. Jan van der Berg (Ян ван дер Берг) spoke.";
        let a = article_from_text(0, "t", t, Date::parse_iso(D).unwrap());
        let p = &a.paragraphs[0];
        let text = a.para_text(p);
        let pos = text.find("Mr.").unwrap() - 1;
        let n = parse_name(text, pos, &none()).unwrap();
        let toks: Vec<&str> = n.tokens.iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(toks, vec!["Jan", "van", "der", "Berg"]);
        assert_eq!(
            &text[n.native.unwrap().0..n.native.unwrap().1],
            "Ян ван дер Берг"
        );
        assert!(text[..n.end].ends_with(')'));
        // Possessive and sentence end stop the name.
        let n = parse_name("x Lindqvist's plan", 1, &none()).unwrap();
        assert_eq!(n.tokens.len(), 1);
        let n = parse_name("x Jan Berg. The", 1, &none()).unwrap();
        assert_eq!(n.tokens.len(), 2);
        // Not names.
        assert!(parse_name("x Office said", 1, &none()).is_none());
        assert!(parse_name("x of Norland", 1, &none()).is_none());
        assert!(parse_name("x said", 1, &none()).is_none());
        // Name before a title.
        let s = "Åsa Lindqvist (Аса Линдквист), Norland's premier";
        let end = s.find(", N").unwrap();
        let n = parse_name_before(s, end, &none()).unwrap();
        assert_eq!(n.tokens.len(), 2);
        assert!(n.native.is_some());
        // A title before a title is no name; a title before a name is passed
        // over.
        let heads: HashSet<String> = ["minister", "treasurer"].map(String::from).into();
        let s = "the Prime Minister, Treasurer and Finance Minister met";
        assert!(parse_name_before(s, s.find(", T").unwrap(), &heads).is_none());
        let s = "Treasurer Olav Brekke, the Treasurer";
        let n = parse_name_before(s, s.find(", t").unwrap(), &heads).unwrap();
        assert_eq!(&s[n.start..n.end], "Olav Brekke");
    }

    #[test]
    fn bracketed_native_needs_a_closed_non_latin_bracket() {
        let s = "Ivan Petrov (Иван Петров) said";
        let end = s.find(" (").unwrap();
        let ((a, b), close) = bracketed_native(s, end).unwrap();
        assert_eq!(&s[a..b], "Иван Петров");
        assert_eq!(&s[close..], " said");
        let s = "Keiko Tanabe\u{ff08}田辺恵子\u{ff09}";
        let ((a, b), close) = bracketed_native(s, "Keiko Tanabe".len()).unwrap();
        assert_eq!(&s[a..b], "田辺恵子");
        assert_eq!(close, s.len());
        assert!(bracketed_native("Ivan Petrov (PM) said", 11).is_none());
        assert!(bracketed_native("Ivan Petrov (Иван", 11).is_none());
        assert!(bracketed_native("Ivan Petrov said", 11).is_none());
    }
}
