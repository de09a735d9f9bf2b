//! The normalised text the title automaton runs on, with a byte map back to
//! the original paragraph.

use unicode_normalization::char::is_combining_mark;

/// Normalises a title or term the same way text is normalised.
pub(super) fn normalise_str(s: &str) -> String {
    let mut n = NormalisedText::default();
    n.fill(s);
    n.text.trim().to_string()
}

/// A normalised copy of a paragraph with a byte map back to the original.
/// Buffers are reused across paragraphs: no allocation per paragraph once
/// they have grown.
#[derive(Default)]
pub(super) struct NormalisedText {
    pub(super) text: String,
    /// For each byte of `text`: (start, end) of the source character.
    map: Vec<(u32, u32)>,
}

impl NormalisedText {
    pub(super) fn fill(&mut self, src: &str) {
        // Reuse the String's buffer as bytes; every push below writes whole
        // UTF-8 characters, and the result is validated once at the end.
        let mut out = std::mem::take(&mut self.text).into_bytes();
        out.clear();
        self.map.clear();
        // Most text keeps about its length: one growth, not a doubling run.
        out.reserve(src.len());
        self.map.reserve(src.len());
        let bytes = src.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                let span = (i as u32, i as u32 + 1);
                if b.is_ascii_alphanumeric() {
                    out.push(b.to_ascii_lowercase());
                    self.map.push(span);
                } else if b == b'\'' || b == b'`' {
                    out.push(b'\'');
                    self.map.push(span);
                } else if b != b'.' && !out.is_empty() && out.last() != Some(&b' ') {
                    // "." is dropped ("U.S." == "US"); other punctuation is a space.
                    out.push(b' ');
                    self.map.push(span);
                }
                i += 1;
                continue;
            }
            let Some(c) = src.get(i..).and_then(|t| t.chars().next()) else {
                i += 1;
                continue;
            };
            let span = (i as u32, (i + c.len_utf8()) as u32);
            i += c.len_utf8();
            let mut buf = [0u8; 4];
            if matches!(c, '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}') {
                out.push(b'\'');
                self.map.push(span);
            } else if c.is_alphanumeric() || is_combining_mark(c) {
                for l in c.to_lowercase() {
                    for &x in l.encode_utf8(&mut buf).as_bytes() {
                        out.push(x);
                        self.map.push(span);
                    }
                }
            } else if !out.is_empty() && out.last() != Some(&b' ') {
                out.push(b' ');
                self.map.push(span);
            }
        }
        self.text = String::from_utf8(out).unwrap_or_else(|e| {
            // Unreachable: only whole characters are pushed. Stay safe anyway.
            self.map.clear();
            let _ = e;
            String::new()
        });
    }

    /// Original byte range of normalised range [s, e).
    pub(super) fn source_range(&self, s: usize, e: usize) -> (usize, usize) {
        let a = self.map.get(s).map(|m| m.0).unwrap_or(0);
        let b = e
            .checked_sub(1)
            .and_then(|i| self.map.get(i))
            .map(|m| m.1)
            .unwrap_or(a);
        (a as usize, b as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_quotes_and_punctuation() {
        assert_eq!(
            normalise_str("Minister of Economy, Trade and Industry"),
            "minister of economy trade and industry"
        );
        assert_eq!(normalise_str("U.S."), "us");
        assert_eq!(normalise_str("Japan\u{2019}s"), "japan's");
        assert_eq!(normalise_str("  Vice-President  "), "vice president");
        let mut n = NormalisedText::default();
        n.fill("U.S. Commerce");
        assert_eq!(n.text, "us commerce");
        assert_eq!(n.source_range(0, 2), (0, 3));
    }

    #[test]
    fn source_range_maps_multibyte_and_dropped_characters() {
        let mut n = NormalisedText::default();
        n.fill("Åsa, Japan\u{2019}s");
        assert_eq!(n.text, "åsa japan's");
        // "å" is two bytes in both; the comma became the space.
        assert_eq!(n.source_range(0, 4), (0, 4));
        assert_eq!(n.source_range(4, 5), (4, 5));
        // The curly apostrophe is three bytes in the source, one here.
        assert_eq!(n.source_range(10, 11), (11, 14));
    }
}
