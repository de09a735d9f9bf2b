//! Finding titles in a paragraph and the mentions around them: automaton
//! hits on word boundaries, qualifiers before and after a title, and the
//! name next to it.

use super::index::{NameIndex, Pattern};
use super::normalise::NormalisedText;
use super::parse_name::{parse_name, parse_name_before, NameSpan, STOPWORDS};
use aho_corasick::{AhoCorasick, Input};

/// Words (normalised) right before a title that mean the person is not the
/// sitting holder, or holds a different office: the mention is skipped.
#[rustfmt::skip]
const SKIP_BEFORE: &[&str] = &[
    "former", "ex", "then", "late", "acting", "deputy", "vice", "assistant", "under",
    "associate", "incoming", "future", "outgoing", "previous", "erstwhile", "onetime",
    "interim", "shadow", "would-be", "prospective", "candidate",
];

/// Words (normalised) right after a title that mean the same.
#[rustfmt::skip]
const SKIP_AFTER: &[&str] = &[
    "elect", "designate", "emeritus", "nominee", "candidate",
];

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
    /// Not the sitting holder ("former", "-elect"): seen, not judged.
    pub(super) skip: bool,
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

/// True when only spaces (or a possessive) separate the word `w` from the
/// normalised position `next` in the original text: no sentence end, comma
/// or other punctuation (normalising drops periods, so check the original).
/// A period inside the word ("U.S.") may close it.
fn plain_gap(norm: &NormalisedText, text: &str, w: Hit, next: usize) -> bool {
    let (ws, we) = norm.source_range(w.s, w.e);
    let (ns, _) = norm.source_range(next, next + 1);
    let Some(mut gap) = text.get(we..ns) else {
        return false;
    };
    if text.get(ws..we).is_some_and(|t| t.contains('.')) {
        gap = gap.strip_prefix('.').unwrap_or(gap);
    }
    let gap = gap
        .strip_prefix("'s")
        .or_else(|| gap.strip_prefix("\u{2019}s"))
        .unwrap_or(gap);
    gap.chars().all(|c| c == ' ' || c == '\u{a0}')
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
    let skip = skip_word(norm, text, start_n, hit.e, jurs.is_some())?;
    let (mention_start, _) = norm.source_range(start_n, start_n + 1);
    let (_, title_end) = norm.source_range(title_end_n.saturating_sub(1), title_end_n);
    let (start, end, name) = name_beside(text, mention_start, title_end, jurs.is_some())?;
    Some(Mention {
        roles,
        qualified: jurs.is_some(),
        skip,
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
}

/// "Japanese Prime Minister", "Japan's PM": the hit before title hit `k`,
/// when it is a jurisdiction term separated by a plain space or "'s ".
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
    let gap = norm.text.get(q.e..h.s).unwrap_or("x");
    (!qp.jurs.is_empty() && (gap == " " || gap == "'s ") && plain_gap(norm, text, q, h.s)).then(
        || Qualifier {
            jurs: &qp.jurs,
            start: q.s,
            end: q.e,
        },
    )
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
/// the word after the title (normalised end `title_end_n`): `Some(true)`
/// when one says the person is not the sitting holder, `None` when an
/// unqualified title is qualified by some other capitalised word ("Toyota
/// President", "British Prime Minister"): no mention.
fn skip_word(
    norm: &NormalisedText,
    text: &str,
    start_n: usize,
    title_end_n: usize,
    qualified: bool,
) -> Option<bool> {
    let nt = norm.text.as_str();
    let mut skip = false;
    if let Some((ws, w)) = word_before(nt, start_n) {
        if SKIP_BEFORE.contains(&w) {
            skip = true;
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
                && !w.is_empty()
                && plain_gap(norm, text, word, start_n)
            {
                return None;
            }
        }
    }
    if word_after(nt, title_end_n).is_some_and(|w| SKIP_AFTER.contains(&w)) {
        skip = true;
    }
    Some(skip)
}

/// The person name beside a title that spans bytes
/// [`mention_start`, `title_end`), as (mention start, mention end, name):
/// after it ("Prime Minister Sanae Takaichi"), in apposition when qualified
/// ("Japan's prime minister, Sanae Takaichi, said"), or before it ("Sanae
/// Takaichi, Japan's prime minister").
fn name_beside(
    text: &str,
    mention_start: usize,
    title_end: usize,
    qualified: bool,
) -> Option<(usize, usize, NameSpan)> {
    let rest = text.get(title_end..).unwrap_or("");
    if rest.starts_with([' ', '\u{a0}']) {
        if let Some(name) = parse_name(text, title_end) {
            return Some((mention_start, name.end, name));
        }
    }
    if qualified && rest.starts_with(", ") {
        if let Some(name) = appositive_name(text, title_end) {
            return Some((mention_start, name.end, name));
        }
    }
    let name = name_before_title(text, mention_start)?;
    Some((name.start, title_end, name))
}

/// The name after ", " at `title_end`, when a comma, period, semicolon or
/// bracket (or the end) follows it.
fn appositive_name(text: &str, title_end: usize) -> Option<NameSpan> {
    let name = parse_name(text, title_end + 1)?;
    let after = text.get(name.end..).unwrap_or("");
    let next = after.trim_start().chars().next();
    next.is_none_or(|c| matches!(c, ',' | '.' | ';' | ')' | '(' | '\u{3001}'))
        .then_some(name)
}

/// The name ending in ", " just before the mention (an article "the " or
/// "The " between them is allowed).
fn name_before_title(text: &str, mention_start: usize) -> Option<NameSpan> {
    let head = text.get(..mention_start).unwrap_or("");
    let head = head
        .strip_suffix("the ")
        .or_else(|| head.strip_suffix("The "))
        .unwrap_or(head);
    let before_comma = head.strip_suffix(", ")?;
    parse_name_before(text, before_comma.len())
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
        assert_eq!(skip("Former President Holm", false), Some(true));
        assert_eq!(skip("President-elect Holm", false), Some(true));
        assert_eq!(skip("Toyota President Holm", false), None);
        assert_eq!(skip("Toyota President Holm", true), Some(false));
        assert_eq!(skip("Acme. President Holm", false), Some(false));
        assert_eq!(skip("The President Holm", false), Some(false));
    }

    #[test]
    fn names_after_beside_and_before_a_title() {
        fn names<'t>(text: &'t str, title: &str, qualified: bool) -> Option<(&'t str, usize)> {
            let start = text.find(title).unwrap();
            name_beside(text, start, start + title.len(), qualified)
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
        assert_eq!(
            names("Norland's PM, Ivan Petrov said", "Norland's PM", true),
            None
        );
        assert_eq!(names("The PM, Ivan Petrov, said", "PM", false), None);
        assert_eq!(
            names("Ivan Petrov, the PM of Norland", "PM of Norland", true),
            Some(("Ivan Petrov, the PM of Norland", 2))
        );
    }

    #[test]
    fn mention_at_combines_the_steps() {
        let ix = index();
        let text = "Former Norlandic President Olav Brekke spoke.";
        let (norm, hits, _) = scan(&ix, text);
        let m = mention_at(&ix, &norm, text, &hits, 1).unwrap();
        assert_eq!(m.roles, vec![3]);
        assert!(m.qualified && m.skip);
        assert_eq!(&text[m.start..m.end], "Norlandic President Olav Brekke");
        let text = "Acme President Olav Brekke spoke.";
        let (norm, hits, _) = scan(&ix, text);
        assert!(mention_at(&ix, &norm, text, &hits, 0).is_none());
    }
}
