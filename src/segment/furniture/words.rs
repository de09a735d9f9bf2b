//! The lowercase words furniture is told by, without a `String` per word:
//! a line's first words in one buffer, and how many it has. A body
//! paragraph is hundreds of words, but every furniture rule is about short
//! lines, so a line of more than [`KEPT`] words is only counted as "long"
//! and keeps its first [`LONG_KEPT`] words (see [`Words::len`]).

use std::ops::Range;

/// How many words a short line keeps: every rule that counts words asks
/// for at most 25 (a byline), and no label has more words.
pub(super) const KEPT: usize = 26;

/// How many words a long line keeps: the rules read at most its first
/// three (a gallery counter "1 of 2").
pub(super) const LONG_KEPT: usize = 3;

/// Whether `c` belongs to a word: letters, digits and apostrophes.
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '\u{2019}'
}

/// The raw words of `s`: its runs of [`word_char`]s, ASCII read byte by
/// byte.
fn raw_words(s: &str) -> RawWords<'_> {
    RawWords { s, pos: 0 }
}

struct RawWords<'a> {
    s: &'a str,
    pos: usize,
}

impl RawWords<'_> {
    /// The length of the character at `i`, and whether it belongs to a
    /// word.
    fn char_at(&self, i: usize) -> (usize, bool) {
        let b = self.s.as_bytes()[i];
        if b.is_ascii() {
            return (1, b.is_ascii_alphanumeric() || b == b'\'');
        }
        match self.s[i..].chars().next() {
            Some(c) => (c.len_utf8(), word_char(c)),
            None => (1, false),
        }
    }

    /// Moves `pos` past characters while their word-ness is `in_word`.
    fn skip(&mut self, in_word: bool) {
        while self.pos < self.s.len() {
            let (n, w) = self.char_at(self.pos);
            if w != in_word {
                return;
            }
            self.pos += n;
        }
    }
}

impl<'a> Iterator for RawWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        self.skip(false);
        if self.pos == self.s.len() {
            return None;
        }
        let start = self.pos;
        self.skip(true);
        Some(&self.s[start..self.pos])
    }
}

/// Whether `s` has more than `n` raw words: counts the starts of word
/// runs, ASCII text 64 bytes at a time without a branch per byte.
pub(super) fn more_words_than(s: &str, n: usize) -> bool {
    if !s.is_ascii() {
        return raw_words(s).nth(n).is_some();
    }
    // Letters, digits and the apostrophe, in arithmetic the compiler can
    // run on many bytes at once.
    let word =
        |b: u8| ((b | 0x20).wrapping_sub(b'a') < 26) | (b.wrapping_sub(b'0') < 10) | (b == b'\'');
    let b = s.as_bytes();
    let mut count = usize::from(b.first().is_some_and(|&x| word(x)));
    let mut at = 1;
    while at < b.len() {
        let end = (at + 64).min(b.len());
        count += b[at - 1..end - 1]
            .iter()
            .zip(&b[at..end])
            .map(|(&p, &c)| usize::from(word(c) & !word(p)))
            .sum::<usize>();
        if count > n {
            return true;
        }
        at = end;
    }
    count > n
}

/// Appends `w` lowercased to `out`, with the curly apostrophe straightened.
fn push_lower(out: &mut String, w: &str) {
    if w.is_ascii() {
        out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.push_str(&w.to_lowercase().replace('\u{2019}', "'"));
    }
}

/// The first lowercase words of a line (letters and digits; apostrophes
/// kept, the curly one straightened), and how many it has.
#[derive(Debug, Default)]
pub(super) struct Words {
    /// The kept words, joined by single spaces.
    text: String,
    spans: Vec<Range<usize>>,
    /// The number of words, up to one more than were asked for.
    count: usize,
}

impl Words {
    /// The words of `s`: all of them up to [`KEPT`]; of a longer line, the
    /// first [`LONG_KEPT`].
    pub(super) fn of(s: &str) -> Words {
        if more_words_than(s, KEPT) {
            let mut ws = Words::first(s, LONG_KEPT);
            ws.count = KEPT + 1;
            ws
        } else {
            Words::first(s, KEPT)
        }
    }

    /// The first `n` words of `s` (and whether there are more).
    pub(super) fn first(s: &str, n: usize) -> Words {
        let mut ws = Words {
            text: String::with_capacity(s.len().min(n * 8)),
            spans: Vec::with_capacity(n.min(KEPT)),
            count: 0,
        };
        for w in raw_words(s) {
            if ws.spans.len() == n {
                ws.count = n + 1;
                return ws;
            }
            if !ws.spans.is_empty() {
                ws.text.push(' ');
            }
            let start = ws.text.len();
            push_lower(&mut ws.text, w);
            ws.spans.push(start..ws.text.len());
        }
        ws.count = ws.spans.len();
        ws
    }

    /// The number of words, exact up to the number asked for; a line with
    /// more counts as one more than that (of [`Words::of`], `KEPT + 1`),
    /// which every rule treats as "long".
    pub(super) fn len(&self) -> usize {
        self.count
    }

    pub(super) fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Whether every word of the line is kept.
    fn whole(&self) -> bool {
        self.count == self.spans.len()
    }

    /// Word `i` (of the kept ones).
    pub(super) fn get(&self, i: usize) -> Option<&str> {
        self.spans.get(i).map(|r| &self.text[r.clone()])
    }

    /// The kept words (all of them when [`Words::len`] is at most [`KEPT`]).
    pub(super) fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        self.spans.iter().map(|r| &self.text[r.clone()])
    }

    /// Whether the words joined by single spaces are one of `list` (a line
    /// with more words than kept is none of them).
    pub(super) fn joined_in(&self, list: &[&str]) -> bool {
        self.whole() && list.contains(&self.text.as_str())
    }
}

/// Whether any lowercase word of `s` (all of them, not only the kept
/// ones) satisfies `pred`.
pub(super) fn any_word(s: &str, pred: impl Fn(&str) -> bool) -> bool {
    let mut w_lower = String::new();
    raw_words(s).any(|w| {
        w_lower.clear();
        push_lower(&mut w_lower, w);
        pred(&w_lower)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition the kept words must agree with.
    fn all_words(s: &str) -> Vec<String> {
        s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase().replace('\u{2019}', "'"))
            .collect()
    }

    #[test]
    fn kept_words_are_the_lowercase_words_of_the_line() {
        for s in [
            "",
            "  ",
            "Share on X",
            "It’s 5 O'Clock in ÅRHUS — ΣΟΦΟΣ said",
            "a-b c_d e.f 10:32 2025-06-15",
        ] {
            let ws = Words::of(s);
            let all = all_words(s);
            assert_eq!(ws.iter().collect::<Vec<_>>(), all, "{s}");
            assert_eq!(ws.len(), all.len(), "{s}");
            assert_eq!(ws.is_empty(), all.is_empty(), "{s}");
            for n in 0..8 {
                assert_eq!(more_words_than(s, n), all.len() > n, "{s} {n}");
            }
        }
        let long = "Word, o'clock 10:32 a-b ".repeat(30);
        let all = all_words(&long).len();
        for n in [0, 26, 60, all - 1, all, all + 1] {
            assert_eq!(more_words_than(&long, n), all > n, "{n}");
        }
    }

    #[test]
    fn a_long_line_keeps_its_first_words_and_counts_as_longer() {
        let s = (0..40)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let ws = Words::of(&s);
        assert_eq!(ws.len(), KEPT + 1);
        assert_eq!(ws.iter().collect::<Vec<_>>(), ["w0", "w1", "w2"]);
        assert!(!ws.joined_in(&[ws.text.as_str()]));
        let ws = Words::first(&s, 4);
        assert_eq!(ws.len(), 5);
        assert_eq!(ws.get(3), Some("w3"));
        let exact = (0..KEPT)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(Words::of(&exact).len(), KEPT);
    }

    #[test]
    fn joined_words_match_a_list_entry_only_whole() {
        let list = ["related stories", "more"];
        assert!(Words::of("Related Stories:").joined_in(&list));
        assert!(Words::of("MORE").joined_in(&list));
        assert!(!Words::of("Related").joined_in(&list));
        assert!(!Words::of("related stories today").joined_in(&list));
        assert!(!Words::of("").joined_in(&list));
        assert!(Words::of("").joined_in(&[""]));
    }

    #[test]
    fn any_word_reads_past_the_kept_words() {
        let mut s = "x ".repeat(40);
        s.push_str("March");
        assert!(any_word(&s, |w| w == "march"));
        assert!(!any_word("x y", |w| w == "march"));
    }
}
