//! Paragraph normalisation: the text exact and near duplicates are compared on.
//!
//! NFKC, lower-cased, every run of non-alphanumeric characters collapsed to
//! one space, CJK characters split into one-character words. [`Normalised`] keeps
//! the sentence spans too, and serialises to the scratch space.

use crate::model::{Article, Paragraph};
use unicode_normalization::UnicodeNormalization;

/// CJK ideographs, kana and hangul: written without spaces, so each character
/// is its own word.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

fn push_norm(out: &mut String, c: char, gap: &mut bool) {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            if *gap && !out.is_empty() {
                out.push(' ');
            }
            *gap = false;
            out.push(c.to_ascii_lowercase());
        } else {
            *gap = true;
        }
        return;
    }
    for l in c.to_lowercase() {
        if is_cjk(l) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push(l);
            *gap = true;
        } else if l.is_alphanumeric() || unicode_normalization::char::is_combining_mark(l) {
            if *gap && !out.is_empty() {
                out.push(' ');
            }
            *gap = false;
            out.push(l);
        } else {
            *gap = true;
        }
    }
}

/// [`push_norm`] over every character of ASCII `text`, a run of letters and
/// digits at a time: each run is copied, then lower-cased in place.
fn push_ascii_words(out: &mut String, text: &str, gap: &mut bool) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i == start {
            *gap = true;
            i += 1;
            continue;
        }
        if *gap && !out.is_empty() {
            out.push(' ');
        }
        *gap = false;
        let at = out.len();
        out.push_str(&text[start..i]);
        if let Some(run) = out.get_mut(at..) {
            run.make_ascii_lowercase();
        }
    }
}

/// [`push_norm`] over every character of `text`: its ASCII runs (most of
/// a paragraph with a few accents or curly quotes) a word at a time
/// ([`push_ascii_words`]), the other characters one by one.
fn push_mixed(out: &mut String, text: &str, gap: &mut bool) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii() {
            i += 1;
        }
        if i > start {
            push_ascii_words(out, &text[start..i], gap);
        }
        // UTF-8 bytes outside ASCII are whole characters' bytes: the run
        // ends on a character boundary.
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii() {
            i += 1;
        }
        for c in text[start..i].chars() {
            push_norm(out, c, gap);
        }
    }
}

/// Appends the normalised form of `text` to `out`: NFKC, lower case, words
/// separated by single spaces, punctuation dropped.
fn normalise_into(text: &str, out: &mut String) {
    let mut gap = !out.is_empty();
    if text.is_ascii() {
        push_ascii_words(out, text, &mut gap);
        return;
    }
    // Text is NFC already; most of it is NFKC too, which the quick check sees.
    if unicode_normalization::is_nfkc_quick(text.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        push_mixed(out, text, &mut gap);
    } else {
        for c in text.nfkc() {
            push_norm(out, c, &mut gap);
        }
    }
}

/// The normalised form of `text` (NFKC, case-folded, whitespace and
/// punctuation collapsed): what exact duplicates must share.
#[cfg(test)]
pub(super) fn normalise(text: &str) -> String {
    let mut s = String::new();
    normalise_into(text, &mut s);
    s
}

/// A paragraph's normalised text with its sentence spans (byte ranges into
/// `text`), so a padded copy can be compared sentence-run by sentence-run.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Normalised {
    pub(super) text: String,
    pub(super) spans: Vec<(u32, u32)>,
}

impl Normalised {
    /// Normalises one paragraph of `article`, sentence by sentence.
    pub(super) fn of(article: &Article, p: &Paragraph) -> Normalised {
        let mut n = Normalised::default();
        n.fill(article, p);
        n
    }

    /// Builds from plain text split into sentences (for tests and tools).
    pub(super) fn from_text(text: &str) -> Normalised {
        let mut n = Normalised::default();
        for (_, s) in crate::segment::sentence_bounds(text) {
            n.push_sentence(s);
        }
        n
    }

    pub(super) fn fill(&mut self, article: &Article, p: &Paragraph) {
        self.text.clear();
        self.spans.clear();
        let text = &article.text;
        if p.sentences.is_empty() {
            self.push_sentence(text.get(p.start as usize..p.end as usize).unwrap_or(""));
        }
        for &(s, e) in &p.sentences {
            self.push_sentence(text.get(s as usize..e as usize).unwrap_or(""));
        }
    }

    fn push_sentence(&mut self, s: &str) {
        let before = self.text.len();
        normalise_into(s, &mut self.text);
        let start = if self.text.len() > before && before > 0 {
            before + 1 // the separating space
        } else {
            before
        };
        if self.text.len() > start {
            self.spans.push((start as u32, self.text.len() as u32));
        }
    }

    pub(super) fn words(&self) -> u32 {
        if self.text.is_empty() {
            0
        } else {
            self.text.bytes().filter(|&b| b == b' ').count() as u32 + 1
        }
    }
}

impl Normalised {
    /// Serialised for the scratch space: text length, text, span count, spans
    /// (little-endian u32s).
    pub(super) fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + self.text.len() + 8 * self.spans.len());
        out.extend_from_slice(&(self.text.len() as u32).to_le_bytes());
        out.extend_from_slice(self.text.as_bytes());
        out.extend_from_slice(&(self.spans.len() as u32).to_le_bytes());
        for &(a, b) in &self.spans {
            out.extend_from_slice(&a.to_le_bytes());
            out.extend_from_slice(&b.to_le_bytes());
        }
        out
    }
    /// Inverse of [`Normalised::encode`]; `None` on damaged bytes.
    pub(super) fn decode(bytes: &[u8]) -> Option<Normalised> {
        let u32_at = |i: usize| -> Option<u32> {
            Some(u32::from_le_bytes(bytes.get(i..i + 4)?.try_into().ok()?))
        };
        let n = u32_at(0)? as usize;
        let text = std::str::from_utf8(bytes.get(4..4 + n)?).ok()?.to_string();
        let k = u32_at(4 + n)? as usize;
        let mut spans = Vec::with_capacity(k.min(bytes.len() / 8));
        for i in 0..k {
            let at = 8 + n + 8 * i;
            let (a, b) = (u32_at(at)?, u32_at(at + 4)?);
            if a > b
                || b as usize > n
                || !text.is_char_boundary(a as usize)
                || !text.is_char_boundary(b as usize)
            {
                return None;
            }
            spans.push((a, b));
        }
        Some(Normalised { text, spans })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        /// The scratch encoding of a normalised paragraph reads back equal,
        /// and damaged bytes are refused rather than misread.
        #[test]
        fn norm_encoding_round_trips(text in "([a-z]{1,6}[ .!?]{1,2}|\u{e9}|\u{65e5}){0,40}", cut in 0usize..64) {
            let n = Normalised::from_text(&text);
            let bytes = n.encode();
            proptest::prop_assert_eq!(Normalised::decode(&bytes), Some(n));
            if cut > 0 && cut <= bytes.len() {
                proptest::prop_assert_eq!(Normalised::decode(&bytes[..bytes.len() - cut]), None);
            }
        }

        /// Re-read paragraphs are normalised whole, first-pass ones sentence
        /// by sentence: the texts must agree or exact hashes would not match.
        #[test]
        fn whole_and_sentence_by_sentence_normalisation_agree(
            text in "([A-Za-z0-9]{1,7}|[ ,.!?;:'\"()\n-]|U\\.S\\.|\u{e9}|\u{201c}|\u{2019}|\u{3002}|\u{65e5}\u{672c}|\u{fb01}|e\u{301}){0,60}",
        ) {
            proptest::prop_assert_eq!(normalise(&text), Normalised::from_text(&text).text);
        }
    }

    /// [`normalise_into`] as first written: [`push_norm`] on every char.
    fn normalise_by_char(text: &str, out: &mut String) {
        let mut gap = !out.is_empty();
        for c in text.chars() {
            push_norm(out, c, &mut gap);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The run-at-a-time ASCII path writes what `push_norm` writes char
        /// by char, after any earlier text.
        #[test]
        fn ascii_runs_equal_char_by_char(before in "[a-z ]{0,4}", text in "[A-Za-z0-9 ,.'\n\t!-]{0,40}") {
            let (mut a, mut b) = (before.clone(), before);
            normalise_into(&text, &mut a);
            normalise_by_char(&text, &mut b);
            proptest::prop_assert_eq!(a, b);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Text mixing ASCII with other characters (already NFKC) is
        /// written as `push_norm` writes it char by char.
        #[test]
        fn mixed_runs_equal_char_by_char(before in "[a-z ]{0,4}", text in "[A-Za-z0-9 ,.'\n\t!éÉßΣσς日本äÄ’“”\u{2014}-]{0,40}") {
            let (mut a, mut b) = (before.clone(), before);
            let mut gap = !a.is_empty();
            push_mixed(&mut a, &text, &mut gap);
            normalise_by_char(&text, &mut b);
            proptest::prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn normalise_folds_width_case_and_punctuation() {
        assert_eq!(normalise("  ＡＢＣ, Déjà-vu!!  (U.S.)"), "abc déjà vu u s");
        assert_eq!(normalise("Hello,\n\tWORLD."), normalise("hello world"));
        assert_eq!(normalise("日本経済"), "日 本 経 済");
        assert_eq!(normalise("...!?"), "");
    }

    #[test]
    fn norm_keeps_sentence_spans_and_counts_words() {
        let n = Normalised::from_text("One two. Three!");
        assert_eq!(n.text, "one two three");
        assert_eq!(n.spans, vec![(0, 7), (8, 13)]);
        assert_eq!(n.words(), 3);
        assert_eq!(Normalised::default().words(), 0);
    }
}
