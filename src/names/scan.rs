//! Finding titles in a paragraph and the mentions around them: automaton
//! hits on word boundaries, qualifiers before and after a title, and the
//! name next to it.

use super::index::{NameIndex, Pattern};
use super::normalise::NormalisedText;
use super::parse_name::{parse_name, parse_name_before, NameSpan, STOPWORDS};
use aho_corasick::{AhoCorasick, Input};

/// What a time or office word beside a title says about the mention.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(super) enum Tense {
    /// The sitting holder on the article's date ("Prime Minister X").
    Present,
    /// Someone who held the role before ("former", "then-", "late",
    /// "under President X"): checked against every term, never the date.
    Past,
    /// Someone about to hold it ("incoming", "-elect", "designate").
    Future,
    /// An acting or interim holder, often not in the tables.
    Acting,
    /// A different office ("deputy", "vice", "shadow"): not judged.
    Other,
}

/// Words (normalised) before a title that place the person in the past.
#[rustfmt::skip]
const PAST_WORDS: &[&str] = &[
    "former", "ex", "then", "late", "previous", "erstwhile", "onetime", "past", "under",
];

/// Words before a title that place the person in the future.
#[rustfmt::skip]
const FUTURE_WORDS: &[&str] = &[
    "incoming", "future", "would-be", "prospective", "candidate", "designated",
];

/// Words before a title for an acting holder.
const ACTING_WORDS: &[&str] = &["acting", "interim", "caretaker"];

/// Words before a title that make it a different office.
#[rustfmt::skip]
const OTHER_WORDS: &[&str] = &[
    "deputy", "vice", "assistant", "associate", "shadow", "junior",
];

/// Words (normalised) right after a title that say the same.
#[rustfmt::skip]
const FUTURE_AFTER: &[&str] = &["elect", "designate", "nominee", "candidate"];
const PAST_AFTER: &[&str] = &["emeritus"];

/// Adjectives the press puts between a jurisdiction and its title
/// ("Germany's new Foreign Minister", "India's Union home minister"); time
/// words may stand there too ("Japan's former prime minister").
#[rustfmt::skip]
const TITLE_ADJECTIVES: &[&str] = &[
    "new", "newly", "outgoing", "current", "sitting", "incumbent", "top", "union", "federal",
    "powerful", "veteran", "longtime", "embattled", "then", "former", "ex", "late", "previous",
    "incoming", "acting", "interim", "caretaker", "future", "onetime", "erstwhile",
];

/// Nouns that, followed by "of", put the title after them in the past
/// ("the administration of President X", "the tenure of Finance Minister X").
const PAST_OF: &[&str] = &["administration", "tenure", "era", "reign", "presidency"];

/// The tense a normalised word before a title gives, if any.
fn tense_of_word(w: &str) -> Option<Tense> {
    if PAST_WORDS.contains(&w) {
        Some(Tense::Past)
    } else if FUTURE_WORDS.contains(&w) {
        Some(Tense::Future)
    } else if ACTING_WORDS.contains(&w) {
        Some(Tense::Acting)
    } else if OTHER_WORDS.contains(&w) {
        Some(Tense::Other)
    } else {
        None
    }
}

/// One automaton hit kept after boundary checks: normalised [s, e), pattern.
#[derive(Copy, Clone, Debug)]
pub(super) struct Hit {
    pub(super) s: usize,
    pub(super) e: usize,
    pub(super) pat: usize,
}

/// A title (with qualifier) next to a name.
#[derive(Clone, Debug)]
pub(super) struct Mention {
    /// Candidate roles of the title (indexes into `NameIndex::roles`).
    pub(super) roles: Vec<usize>,
    /// A jurisdiction qualifies the title ("Japanese", "of Japan").
    pub(super) qualified: bool,
    /// Sitting, past, future, acting holder, or another office.
    pub(super) tense: Tense,
    /// Jurisdictions named inside the title itself.
    pub(super) own_jurs: Vec<usize>,
    /// A title many countries use ("Prime Minister", "Foreign Minister"):
    /// see `index::is_generic_title`.
    pub(super) generic: bool,
    /// Byte range of the whole mention in the paragraph.
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) name: NameSpan,
}

/// Fills `hits` with the leftmost-longest automaton hits on word
/// boundaries; after a hit that fails the boundary test, searches again
/// from the next byte.
pub(super) fn find_hits(
    automaton: &AhoCorasick,
    index: &NameIndex,
    norm: &NormalisedText,
    text: &str,
    hits: &mut Vec<Hit>,
) {
    hits.clear();
    let hay = norm.text.as_bytes();
    let mut pos = 0;
    while pos < hay.len() {
        let Some(m) = automaton.find(Input::new(hay).span(pos..hay.len())) else {
            break;
        };
        let h = Hit {
            s: m.start(),
            e: m.end(),
            pat: m.pattern().as_usize(),
        };
        if accept_hit(norm, text, &index.patterns[h.pat], h) {
            hits.push(h);
            pos = h.e;
        } else {
            pos = h.s + 1;
        }
    }
}

/// Word boundaries (and capitals for acronyms) around an automaton hit.
fn accept_hit(norm: &NormalisedText, text: &str, p: &Pattern, h: Hit) -> bool {
    let b = norm.text.as_bytes();
    let left_ok = p.open_start || h.s == 0 || b[h.s - 1] == b' ' || b[h.s - 1] == b'\'';
    let right_ok = p.open_end || h.e == b.len() || b[h.e] == b' ' || b[h.e] == b'\'';
    if !left_ok || !right_ok {
        return false;
    }
    if p.acronym {
        let (a, e) = norm.source_range(h.s, h.e);
        let Some(src) = text.get(a..e) else {
            return false;
        };
        if src.chars().any(|c| c.is_lowercase()) {
            return false;
        }
    }
    true
}

/// The original text between the word `w` and the normalised position
/// `next`, less a period closing the word ("U.S.") and a possessive.
fn gap_after<'t>(norm: &NormalisedText, text: &'t str, w: Hit, next: usize) -> Option<&'t str> {
    let (ws, we) = norm.source_range(w.s, w.e);
    let (ns, _) = norm.source_range(next, next + 1);
    let mut gap = text.get(we..ns)?;
    if text.get(ws..we).is_some_and(|t| t.contains('.')) {
        gap = gap.strip_prefix('.').unwrap_or(gap);
    }
    Some(
        gap.strip_prefix("'s")
            .or_else(|| gap.strip_prefix("\u{2019}s"))
            .unwrap_or(gap),
    )
}

/// True when only spaces (or a possessive) separate the word `w` from the
/// normalised position `next` in the original text: no sentence end, comma
/// or other punctuation (normalising drops periods, so check the original).
/// A period inside the word ("U.S.") may close it.
fn plain_gap(norm: &NormalisedText, text: &str, w: Hit, next: usize) -> bool {
    gap_after(norm, text, w, next).is_some_and(|g| g.chars().all(|c| c == ' ' || c == '\u{a0}'))
}

/// Like [`plain_gap`], but words may stand in the gap (letters, spaces and
/// hyphens only: "Germany's new Foreign Minister", "then-Prime Minister").
fn word_gap(norm: &NormalisedText, text: &str, w: Hit, next: usize) -> bool {
    gap_after(norm, text, w, next).is_some_and(|g| {
        g.chars()
            .all(|c| c == ' ' || c == '\u{a0}' || c == '-' || c.is_alphabetic())
    })
}

/// The normalised word before position `s` (without its trailing space).
fn word_before(t: &str, s: usize) -> Option<(usize, &str)> {
    let head = t.get(..s)?.strip_suffix(' ')?;
    let start = head.rfind(' ').map(|i| i + 1).unwrap_or(0);
    Some((start, &head[start..]))
}

/// The normalised word after position `e`.
fn word_after(t: &str, e: usize) -> Option<&str> {
    let tail = t.get(e..)?.strip_prefix(' ')?;
    Some(tail.split(' ').next().unwrap_or(""))
}

/// Builds the mention around the title hit `k`, if a name stands next to it.
/// Builds the mention around the title hit `k`, if a name stands next to it:
/// 1. [`qualifier_before`] and [`qualifier_after`]: jurisdiction terms
///    around the title, which narrow its roles ([`roles_in`]);
/// 2. [`skip_word`]: a word before or after the title that makes the
///    mention skipped ("former") or no mention at all ("Toyota President");
/// 3. [`name_beside`]: the person name after, in apposition to, or before
///    the title.
pub(super) fn mention_at(
    index: &NameIndex,
    norm: &NormalisedText,
    text: &str,
    hits: &[Hit],
    k: usize,
) -> Option<Mention> {
    let hit = hits[k];
    let before = qualifier_before(index, norm, text, hits, k);
    let after = qualifier_after(index, norm, text, hits, k);
    let jurs = before.or(after).map(|q| q.jurs);
    let start_n = before.map_or(hit.s, |q| q.start);
    let title_end_n = after.map_or(hit.e, |q| q.end);
    let roles = roles_in(index, &index.patterns[hit.pat], jurs);
    if roles.is_empty() {
        return None;
    }
    let mut tense = skip_word(norm, text, start_n, hit.e, jurs.is_some())?;
    if tense == Tense::Present {
        tense = before.map_or(Tense::Present, |q| q.tense);
    }
    if tense == Tense::Present {
        tense = coordinated_tense(index, norm, text, hits, k);
    }
    let (mention_start, _) = norm.source_range(start_n, start_n + 1);
    let (_, mut title_end) = norm.source_range(title_end_n.saturating_sub(1), title_end_n);
    if after.is_none() && index.patterns[hit.pat].abbreviation && text[title_end..].starts_with('.')
    {
        title_end += 1;
    }
    let (start, end, name) = name_beside(index, text, mention_start, title_end, jurs.is_some())?;
    Some(Mention {
        roles,
        qualified: jurs.is_some(),
        tense,
        own_jurs: index.patterns[hit.pat].own_jurs.clone(),
        generic: index.patterns[hit.pat].generic,
        start,
        end,
        name,
    })
}

/// A jurisdiction term qualifying a title: its jurisdictions and where the
/// mention starts (before the title) or the title ends (after it), in
/// normalised bytes.
#[derive(Copy, Clone, Debug)]
struct Qualifier<'a> {
    jurs: &'a [usize],
    start: usize,
    end: usize,
    /// A time word between the jurisdiction and the title ("Japan's
    /// former prime minister").
    tense: Tense,
}

/// "Japanese Prime Minister", "Japan's PM", "Germany's new Foreign
/// Minister": the hit before title hit `k`, when it is a jurisdiction term
/// separated by a plain space or "'s ", and perhaps adjectives
/// ([`TITLE_ADJECTIVES`]) with no punctuation between.
fn qualifier_before<'a>(
    index: &'a NameIndex,
    norm: &NormalisedText,
    text: &str,
    hits: &[Hit],
    k: usize,
) -> Option<Qualifier<'a>> {
    let h = hits[k];
    let q = hits[k.checked_sub(1)?];
    let qp = &index.patterns[q.pat];
    if qp.jurs.is_empty() || !word_gap(norm, text, q, h.s) {
        return None;
    }
    let gap = norm.text.get(q.e..h.s).unwrap_or("x");
    let gap = gap.strip_prefix("'s").unwrap_or(gap);
    let words = gap
        .strip_prefix(' ')?
        .strip_suffix(' ')
        .map_or(Vec::new(), |g| g.split(' ').collect::<Vec<_>>());
    if gap != " " && words.is_empty() {
        return None;
    }
    if !words.iter().all(|w| TITLE_ADJECTIVES.contains(w)) {
        return None;
    }
    let tense = words
        .iter()
        .find_map(|w| tense_of_word(w))
        .unwrap_or(Tense::Present);
    Some(Qualifier {
        jurs: &qp.jurs,
        start: q.s,
        end: q.e,
        tense,
    })
}

/// "Former Chief Cabinet Secretary and Foreign Minister X": a title right
/// after "and" following another title takes that title's time word.
fn coordinated_tense(
    index: &NameIndex,
    norm: &NormalisedText,
    text: &str,
    hits: &[Hit],
    k: usize,
) -> Tense {
    let Some(prev) = k.checked_sub(1).map(|i| hits[i]) else {
        return Tense::Present;
    };
    let gap = norm.text.get(prev.e..hits[k].s).unwrap_or("");
    if index.patterns[prev.pat].roles.is_empty() || gap != " and " {
        return Tense::Present;
    }
    let start_n = qualifier_before(index, norm, text, hits, k - 1).map_or(prev.s, |q| q.start);
    match skip_word(norm, text, start_n, prev.e, true) {
        Some(Tense::Present) | None => {
            qualifier_before(index, norm, text, hits, k - 1).map_or(Tense::Present, |q| q.tense)
        }
        Some(t) => t,
    }
}

/// "Prime Minister of Japan": the hit after title hit `k`, when it is a
/// jurisdiction term after " of " or " of the " with no punctuation between.
fn qualifier_after<'a>(
    index: &'a NameIndex,
    norm: &NormalisedText,
    text: &str,
    hits: &[Hit],
    k: usize,
) -> Option<Qualifier<'a>> {
    let h = hits[k];
    let q = hits.get(k + 1)?;
    let qp = &index.patterns[q.pat];
    let gap = norm.text.get(h.e..q.s).unwrap_or("x");
    let accepted = !qp.jurs.is_empty()
        && (gap == " of " || gap == " of the ")
        && !text
            .get(norm.source_range(h.s, h.e).1..norm.source_range(q.s, q.e).0)
            .is_none_or(|g| g.contains(['.', ',', ';', ':']));
    accepted.then(|| Qualifier {
        jurs: &qp.jurs,
        start: q.s,
        end: q.e,
        tense: Tense::Present,
    })
}

/// The roles of a title pattern, only those of the qualifying
/// jurisdictions when there are any.
fn roles_in(index: &NameIndex, pattern: &Pattern, jurs: Option<&[usize]>) -> Vec<usize> {
    pattern
        .roles
        .iter()
        .copied()
        .filter(|&r| jurs.is_none_or(|j| j.contains(&index.roles[r].jur)))
        .collect()
}

/// Looks at the word before the mention (normalised start `start_n`) and
/// the word after the title (normalised end `title_end_n`): the [`Tense`]
/// they give ("former", "-elect", "deputy", "under", "the administration
/// of"), or `None` when an unqualified title is qualified by some other
/// capitalised word ("Toyota President", "British Prime Minister"): no
/// mention.
fn skip_word(
    norm: &NormalisedText,
    text: &str,
    start_n: usize,
    title_end_n: usize,
    qualified: bool,
) -> Option<Tense> {
    let nt = norm.text.as_str();
    let mut tense = Tense::Present;
    if let Some((ws, w)) = word_before(nt, start_n) {
        if let Some(t) = tense_of_word(w) {
            tense = t;
        } else if w == "of" && word_before(nt, ws).is_some_and(|(_, p)| PAST_OF.contains(&p)) {
            tense = Tense::Past;
        } else if !qualified {
            // "Toyota President", "British Prime Minister": a capitalised
            // word that is not a known qualifier qualifies the title.
            let (a, _) = norm.source_range(ws, ws + 1);
            let cap = text[a..].chars().next().is_some_and(|c| c.is_uppercase());
            let word = Hit {
                s: ws,
                e: start_n.saturating_sub(1),
                pat: 0,
            };
            if cap
                && !STOPWORDS.contains(&w)
                && !TITLE_ADJECTIVES.contains(&w)
                && !w.is_empty()
                && plain_gap(norm, text, word, start_n)
            {
                return None;
            }
        }
    }
    match word_after(nt, title_end_n) {
        Some(w) if FUTURE_AFTER.contains(&w) => tense = Tense::Future,
        Some(w) if PAST_AFTER.contains(&w) => tense = Tense::Past,
        _ => {}
    }
    Some(tense)
}

/// The person name beside a title that spans bytes
/// [`mention_start`, `title_end`), as (mention start, mention end, name):
/// after it ("Prime Minister Sanae Takaichi"), in apposition when qualified
/// ("Japan's prime minister, Sanae Takaichi, said"), or before it ("Sanae
/// Takaichi, Japan's prime minister").
fn name_beside(
    index: &NameIndex,
    text: &str,
    mention_start: usize,
    title_end: usize,
    qualified: bool,
) -> Option<(usize, usize, NameSpan)> {
    let rest = text.get(title_end..).unwrap_or("");
    if rest.starts_with([' ', '\u{a0}']) {
        if let Some(name) = parse_name(text, title_end, &index.title_heads) {
            return Some((mention_start, name.end, name));
        }
    }
    if rest.starts_with(", ") {
        if let Some(name) = appositive_name(text, title_end) {
            if qualified || (after_the(text, mention_start) && closed_by_comma(text, &name)) {
                return Some((mention_start, name.end, name));
            }
        }
    }
    // A cabinet list item: "Foreign Minister: Toshimitsu Motegi".
    if rest.starts_with(": ") && text[..mention_start].trim_end().is_empty() {
        if let Some(name) = parse_name(text, title_end + 1, &index.title_heads) {
            let after = text.get(name.end..).unwrap_or("").trim_start();
            if after.is_empty() || after.starts_with(['(', ';', ',']) {
                return Some((mention_start, name.end, name));
            }
        }
    }
    let name = name_before_title(text, mention_start, &index.title_heads)?;
    Some((name.start, title_end, name))
}

/// The name after ", " at `title_end`, when a comma, period, semicolon or
/// bracket (or the end) follows it.
fn appositive_name(text: &str, title_end: usize) -> Option<NameSpan> {
    let name = parse_name(text, title_end + 1, &std::collections::HashSet::new())?;
    let after = text.get(name.end..).unwrap_or("");
    let next = after.trim_start().chars().next();
    // "Germany's new Foreign Minister, Hans Becker, said" or "..., Hans
    // Becker said": a closing mark or a lowercase verb.
    next.is_none_or(|c| matches!(c, ',' | '.' | ';' | ')' | '(' | '\u{3001}') || c.is_lowercase())
        .then_some(name)
}

/// True when the title at `mention_start` follows the article "the" ("The
/// Treasurer, Olav Brekke, said"): the title names one office, so a name
/// between commas right after it is its holder even with no country word.
fn after_the(text: &str, mention_start: usize) -> bool {
    let head = text.get(..mention_start).unwrap_or("");
    let Some(head) = head.strip_suffix(' ') else {
        return false;
    };
    let word_start = head
        .rfind([' ', '\u{a0}', '(', '"', '\u{201c}'])
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    matches!(&head[word_start..], "the" | "The")
}

/// True when a comma closes the name ("..., Olav Brekke, told"), as an
/// apposition to an unqualified title must be: "the President, Vice
/// President Holm and ..." is a list, not an apposition.
fn closed_by_comma(text: &str, name: &NameSpan) -> bool {
    text.get(name.end..).is_some_and(|a| a.starts_with(','))
}

/// The name ending in ", " just before the mention (an article "the " or
/// "The " between them is allowed).
fn name_before_title(
    text: &str,
    mention_start: usize,
    heads: &std::collections::HashSet<String>,
) -> Option<NameSpan> {
    let head = text.get(..mention_start).unwrap_or("");
    let head = head
        .strip_suffix("the ")
        .or_else(|| head.strip_suffix("The "))
        .unwrap_or(head);
    let before_comma = head.strip_suffix(", ")?;
    parse_name_before(text, before_comma.len(), heads)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::fixture::index;

    /// The normalised text and kept hits of `text`, with their normalised
    /// spellings.
    fn scan(ix: &NameIndex, text: &str) -> (NormalisedText, Vec<Hit>, Vec<String>) {
        let mut norm = NormalisedText::default();
        norm.fill(text);
        let mut hits = Vec::new();
        find_hits(ix.ac.as_ref().unwrap(), ix, &norm, text, &mut hits);
        let words = hits
            .iter()
            .map(|h| norm.text[h.s..h.e].to_string())
            .collect();
        (norm, hits, words)
    }

    #[test]
    fn hits_need_word_boundaries_and_capitals_for_acronyms() {
        let ix = index();
        let (_, _, words) = scan(
            &ix,
            "Norlandic PM met the Prime Minister at 3 pm in Nordbyville.",
        );
        assert_eq!(words, vec!["norlandic", "pm", "prime minister"]);
        let (_, _, words) = scan(&ix, "Norland's premier");
        assert_eq!(words, vec!["norland's", "premier"]);
    }

    #[test]
    fn qualifiers_before_and_after_a_title() {
        let ix = index();
        let text = "Norland's Prime Minister of Sudria";
        let (norm, hits, words) = scan(&ix, text);
        assert_eq!(words, vec!["norland's", "prime minister", "sudria"]);
        let before = qualifier_before(&ix, &norm, text, &hits, 1).unwrap();
        assert_eq!((before.jurs, before.start), (&[0][..], 0));
        let after = qualifier_after(&ix, &norm, text, &hits, 1).unwrap();
        assert_eq!((after.jurs, after.end), (&[1][..], norm.text.len()));
        assert!(qualifier_before(&ix, &norm, text, &hits, 0).is_none());
        // A sentence end between them breaks the link.
        let text = "Nordby. Prime Minister, Sudria";
        let (norm, hits, _) = scan(&ix, text);
        assert!(qualifier_before(&ix, &norm, text, &hits, 1).is_none());
        assert!(qualifier_after(&ix, &norm, text, &hits, 1).is_none());
    }

    #[test]
    fn roles_narrow_to_the_qualifying_jurisdiction() {
        let ix = index();
        let president = ix.patterns.iter().find(|p| p.roles.contains(&4)).unwrap();
        assert_eq!(roles_in(&ix, president, None), vec![3, 4]);
        assert_eq!(roles_in(&ix, president, Some(&[1])), vec![4]);
        assert!(roles_in(&ix, president, Some(&[7])).is_empty());
    }

    #[test]
    fn skip_words_and_foreign_qualifiers() {
        let skip = |text: &str, qualified: bool| {
            let mut norm = NormalisedText::default();
            norm.fill(text);
            let start = norm.text.find("president").unwrap();
            skip_word(&norm, text, start, start + "president".len(), qualified)
        };
        assert_eq!(skip("Former President Holm", false), Some(Tense::Past));
        assert_eq!(skip("then-President Holm", false), Some(Tense::Past));
        assert_eq!(skip("under President Holm", false), Some(Tense::Past));
        assert_eq!(
            skip("the administration of President Holm", false),
            Some(Tense::Past)
        );
        assert_eq!(skip("President-elect Holm", false), Some(Tense::Future));
        assert_eq!(skip("acting President Holm", false), Some(Tense::Acting));
        assert_eq!(skip("Vice President Holm", false), Some(Tense::Other));
        assert_eq!(skip("Toyota President Holm", false), None);
        assert_eq!(skip("Toyota President Holm", true), Some(Tense::Present));
        assert_eq!(skip("Acme. President Holm", false), Some(Tense::Present));
        assert_eq!(skip("The President Holm", false), Some(Tense::Present));
    }

    #[test]
    fn names_after_beside_and_before_a_title() {
        fn names<'t>(text: &'t str, title: &str, qualified: bool) -> Option<(&'t str, usize)> {
            let start = text.find(title).unwrap();
            name_beside(&index(), text, start, start + title.len(), qualified)
                .map(|(s, e, n)| (&text[s..e], n.tokens.len()))
        }
        assert_eq!(
            names("PM Ivan Petrov said", "PM", false),
            Some(("PM Ivan Petrov", 2))
        );
        assert_eq!(
            names("Norland's PM, Ivan Petrov, said", "Norland's PM", true),
            Some(("Norland's PM, Ivan Petrov", 2))
        );
        // A verb may close the apposition ("..., Ivan Petrov said").
        assert_eq!(
            names("Norland's PM, Ivan Petrov said", "Norland's PM", true),
            Some(("Norland's PM, Ivan Petrov", 2))
        );
        assert_eq!(
            names("Norland's PM, Ivan Petrov Group said", "Norland's PM", true),
            None
        );
        // Unqualified, after "the": an apposition closed by a comma.
        assert_eq!(
            names("The PM, Ivan Petrov, said", "PM", false),
            Some(("PM, Ivan Petrov", 2))
        );
        assert_eq!(
            names("said the PM, Mr Petrov, on Monday", "PM", false),
            Some(("PM, Mr Petrov", 1))
        );
        assert_eq!(names("The PM, Ivan Petrov said", "PM", false), None);
        assert_eq!(names("PM, Ivan Petrov, said", "PM", false), None);
        assert_eq!(names("Then PM, Ivan Petrov, said", "PM", false), None);
        assert_eq!(
            names("the PM, Deputy PM Olga Holm and others", "PM", false),
            None
        );
        // A list item "Title: Name" alone on its line.
        assert_eq!(
            names("PM: Ivan Petrov", "PM", false),
            Some(("PM: Ivan Petrov", 2))
        );
        assert_eq!(names("PM: Ivan Petrov said no", "PM", false), None);
        assert_eq!(names("Note the PM: Ivan Petrov", "PM", false), None);
        assert_eq!(
            names("Ivan Petrov, the PM of Norland", "PM of Norland", true),
            Some(("Ivan Petrov, the PM of Norland", 2))
        );
        // A list of offices is no name before a title.
        assert_eq!(
            names("the President, PM and Speaker met", "PM", false),
            None
        );
    }

    #[test]
    fn mention_at_combines_the_steps() {
        let ix = index();
        let text = "Former Norlandic President Olav Brekke spoke.";
        let (norm, hits, _) = scan(&ix, text);
        let m = mention_at(&ix, &norm, text, &hits, 1).unwrap();
        assert_eq!(m.roles, vec![3]);
        assert!(m.qualified && m.tense == Tense::Past);
        assert_eq!(&text[m.start..m.end], "Norlandic President Olav Brekke");
        let text = "Acme President Olav Brekke spoke.";
        let (norm, hits, _) = scan(&ix, text);
        assert!(mention_at(&ix, &norm, text, &hits, 0).is_none());
    }
}
