//! Word boundaries: unicode-segmentation's forward `UWordBounds` replayed
//! over the category tables, keeping the words with a letter or digit.

use super::{wb_cat, Wb, WB_LO_T};
use unicode_segmentation::UnicodeSegmentation;

/// Words with their byte offsets: exactly `text.unicode_word_indices()`
/// (UAX #29 words holding a letter or digit), fast on covered text.
pub fn word_indices(text: &str) -> WordIndices<'_> {
    let fast = text.is_ascii() || text.chars().all(|c| wb_cat(c) != Wb::Unsupported);
    WordIndices(if fast {
        WordInner::Fast(FastWords { text, pos: 0 })
    } else {
        WordInner::Crate(text.unicode_word_indices())
    })
}

/// Iterator returned by [`word_indices`].
pub struct WordIndices<'a>(WordInner<'a>);

impl WordIndices<'_> {
    /// Whether the table-driven path runs (not the crate's).
    #[cfg(test)]
    pub(super) fn is_fast(&self) -> bool {
        matches!(self.0, WordInner::Fast(_))
    }
}

enum WordInner<'a> {
    Fast(FastWords<'a>),
    Crate(unicode_segmentation::UnicodeWordIndices<'a>),
}

impl<'a> Iterator for WordIndices<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<(usize, &'a str)> {
        match &mut self.0 {
            WordInner::Fast(f) => f.next(),
            WordInner::Crate(c) => c.next(),
        }
    }
}

/// Replays unicode-segmentation's forward `UWordBounds` for text without
/// Extend, Format, ZWJ, Hebrew, Katakana or Regional_Indicator characters,
/// keeping the segments that hold an alphanumeric character.
struct FastWords<'a> {
    text: &'a str,
    pos: usize,
}

impl FastWords<'_> {
    /// The character at byte `i` with its category and length.
    #[inline]
    fn at(&self, i: usize) -> Option<(char, Wb)> {
        let b = *self.text.as_bytes().get(i)?;
        if b < 0x80 {
            return Some((b as char, WB_LO_T[b as usize]));
        }
        let c = self.text.get(i..)?.chars().next()?;
        Some((c, wb_cat(c)))
    }

    /// The next segment: its end and whether it holds a letter or digit.
    fn segment(&self, start: usize) -> Option<(usize, bool)> {
        let (c, cat) = self.at(start)?;
        let mut i = start + c.len_utf8();
        match cat {
            // WB3: CR × LF; WB3a/b otherwise.
            Wb::Cr => {
                if let Some((_, Wb::Lf)) = self.at(i) {
                    i += 1;
                }
                Some((i, false))
            }
            // WB3d: WSegSpace × WSegSpace.
            Wb::WSegSpace => {
                while let Some((c2, Wb::WSegSpace)) = self.at(i) {
                    i += c2.len_utf8();
                }
                Some((i, false))
            }
            // WB5–WB13b: letters, digits, connectors and their infixes.
            Wb::ALetter | Wb::Numeric | Wb::ExtendNumLet => {
                let mut alnum = c.is_alphanumeric();
                let mut state = cat;
                let bytes = self.text.as_bytes();
                loop {
                    // Plain ASCII letters and digits first: most of a word.
                    let run = bytes[i.min(bytes.len())..]
                        .iter()
                        .position(|b| !b.is_ascii_alphanumeric())
                        .unwrap_or(bytes.len() - i.min(bytes.len()));
                    if run > 0 {
                        i += run;
                        alnum = true;
                        state = if bytes[i - 1].is_ascii_digit() {
                            Wb::Numeric
                        } else {
                            Wb::ALetter
                        };
                    }
                    let Some((c2, cat2)) = self.at(i) else {
                        break;
                    };
                    match cat2 {
                        Wb::ALetter | Wb::Numeric | Wb::ExtendNumLet => {
                            alnum |= c2.is_alphanumeric();
                            state = cat2;
                            i += c2.len_utf8();
                        }
                        Wb::MidLetter | Wb::MidNum | Wb::MidNumLet | Wb::SingleQuote => {
                            let need = match (state, cat2) {
                                (Wb::ALetter, Wb::MidLetter | Wb::MidNumLet | Wb::SingleQuote) => {
                                    Wb::ALetter
                                }
                                (Wb::Numeric, Wb::MidNum | Wb::MidNumLet | Wb::SingleQuote) => {
                                    Wb::Numeric
                                }
                                _ => break,
                            };
                            let j = i + c2.len_utf8();
                            match self.at(j) {
                                Some((c3, cat3)) if cat3 == need => {
                                    alnum |= c3.is_alphanumeric();
                                    state = cat3;
                                    i = j + c3.len_utf8();
                                }
                                _ => break,
                            }
                        }
                        _ => break,
                    }
                }
                Some((i, alnum))
            }
            // WB999 (and a lone LF, Newline, quote or infix).
            _ => Some((i, c.is_alphanumeric())),
        }
    }
}

impl<'a> Iterator for FastWords<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        while let Some((end, word)) = self.segment(self.pos) {
            let start = self.pos;
            self.pos = end;
            if word {
                return Some((start, self.text.get(start..end).unwrap_or("")));
            }
        }
        None
    }
}

/// Number of words by Unicode word boundaries (tokens with a letter or
/// digit): exactly `text.unicode_words().count()`, via [`word_indices`].
#[cfg(test)]
pub(crate) fn count_words(text: &str) -> u32 {
    word_indices(text).count() as u32
}
