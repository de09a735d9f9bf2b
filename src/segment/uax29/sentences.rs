//! Sentence boundaries: unicode-segmentation's `SentenceBreaks` replayed
//! over the category tables, with SB8's look-ahead cached.

use super::{sb_cat, Sb, SB_LO_T};
use unicode_segmentation::UnicodeSegmentation;

/// Sentence bounds with their byte offsets: exactly
/// `text.split_sentence_bound_indices()`, several times faster on text the
/// fast path covers (see the module docs), and no heap allocation.
pub fn sentence_bounds(text: &str) -> SentenceBounds<'_> {
    let fast = text.is_ascii() || text.chars().all(|c| sb_cat(c).is_some());
    SentenceBounds(if fast {
        SentenceInner::Fast(FastSentences::new(text))
    } else {
        SentenceInner::Crate(text.split_sentence_bound_indices())
    })
}

/// Iterator returned by [`sentence_bounds`].
pub struct SentenceBounds<'a>(SentenceInner<'a>);

impl SentenceBounds<'_> {
    /// Whether the table-driven path runs (not the crate's).
    #[cfg(test)]
    pub(super) fn is_fast(&self) -> bool {
        matches!(self.0, SentenceInner::Fast(_))
    }
}

enum SentenceInner<'a> {
    Fast(FastSentences<'a>),
    Crate(unicode_segmentation::USentenceBoundIndices<'a>),
}

impl<'a> Iterator for SentenceBounds<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<(usize, &'a str)> {
        match &mut self.0 {
            SentenceInner::Fast(f) => f.next(),
            SentenceInner::Crate(c) => c.next(),
        }
    }
}

/// The crate's sentence state: the last four (collapsed) parts seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Sot,
    Eot,
    Other,
    Cr,
    Lf,
    Sep,
    ATerm,
    UpperLower,
    ClosePlus,
    SpPlus,
    STerm,
}

type State = [Part; 4];

/// Replays unicode-segmentation's `SentenceBreaks` (same state, same rule
/// order) over table categories, with SB8's look-ahead cached.
struct FastSentences<'a> {
    text: &'a str,
    pos: usize,
    state: State,
    /// Start of the sentence being built (None before the first break).
    start: Option<usize>,
    /// SB8 cache: the look-ahead from any position up to `sb8_until`
    /// (the first character that decides it, or the end) gives `sb8_val`.
    sb8: Option<(usize, bool)>,
}

impl<'a> FastSentences<'a> {
    fn new(text: &'a str) -> Self {
        FastSentences {
            text,
            pos: 0,
            state: [Part::Sot; 4],
            start: None,
            sb8: None,
        }
    }

    #[inline]
    fn advance(parts: State, cat: Sb) -> State {
        match (parts[3], cat) {
            (Part::ClosePlus, Sb::Close) | (Part::SpPlus, Sb::Sp) => parts,
            _ => [
                parts[1],
                parts[2],
                parts[3],
                match cat {
                    Sb::Cr => Part::Cr,
                    Sb::Lf => Part::Lf,
                    Sb::Sep => Part::Sep,
                    Sb::ATerm => Part::ATerm,
                    Sb::Upper | Sb::Lower => Part::UpperLower,
                    Sb::Close => Part::ClosePlus,
                    Sb::Sp => Part::SpPlus,
                    Sb::STerm => Part::STerm,
                    _ => Part::Other,
                },
            ],
        }
    }

    /// SB8: ATerm Close* Sp* × ( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower
    fn sb8(&mut self, parts: &State, at: usize) -> bool {
        let mut idx = if parts[3] == Part::SpPlus { 2 } else { 3 };
        if parts[idx] == Part::ClosePlus {
            idx -= 1;
        }
        if parts[idx] != Part::ATerm {
            return false;
        }
        // Positions only grow, so a cached scan that started at or before
        // `at` and was decided at or after it still holds.
        if let Some((until, val)) = self.sb8 {
            if at <= until {
                return val;
            }
        }
        let rest = self.text.get(at..).unwrap_or("");
        let mut decided = (self.text.len(), false);
        for (i, c) in rest.char_indices() {
            match sb_cat(c).unwrap_or(Sb::Any) {
                Sb::Lower => {
                    decided = (at + i, true);
                    break;
                }
                Sb::OLetter | Sb::Upper | Sb::Sep | Sb::Cr | Sb::Lf | Sb::STerm | Sb::ATerm => {
                    decided = (at + i, false);
                    break;
                }
                _ => {}
            }
        }
        self.sb8 = Some(decided);
        decided.1
    }

    /// SB8a's left side: SATerm Close* Sp*
    #[inline]
    fn sb8a(parts: &State) -> bool {
        let mut idx = if parts[3] == Part::SpPlus { 2 } else { 3 };
        if parts[idx] == Part::ClosePlus {
            idx -= 1;
        }
        matches!(parts[idx], Part::STerm | Part::ATerm)
    }

    /// SB9's left side: SATerm Close*
    #[inline]
    fn sb9(parts: &State) -> bool {
        let idx = if parts[3] == Part::ClosePlus { 2 } else { 3 };
        matches!(parts[idx], Part::STerm | Part::ATerm)
    }

    /// SB11's left side: SATerm Close* Sp* ParaSep?
    #[inline]
    fn sb11(parts: &State) -> bool {
        let mut idx = match parts[3] {
            Part::Sep | Part::Cr | Part::Lf => 2,
            _ => 3,
        };
        if parts[idx] == Part::SpPlus {
            idx -= 1;
        }
        if parts[idx] == Part::ClosePlus {
            idx -= 1;
        }
        matches!(parts[idx], Part::STerm | Part::ATerm)
    }

    /// Jumps over a run of ASCII characters that cannot matter.
    ///
    /// While no ATerm, STerm, paragraph separator or start of text is among
    /// the four parts, no rule but SB998 can fire for a character that is
    /// none of those either, and the state stays so: such a run only
    /// shifts the state. So jump to the next '.', '!', '?', CR, LF or
    /// non-ASCII byte and rebuild the state from the last four parts
    /// before it (runs of Close or Sp collapse to one part). Runs too short
    /// to hold four parts are left to the caller's per-character loop.
    #[inline]
    fn skip_quiet(&mut self) {
        let quiet = |p: Part| {
            !matches!(
                p,
                Part::Sot | Part::Eot | Part::ATerm | Part::STerm | Part::Sep | Part::Cr | Part::Lf
            )
        };
        if !self.state.iter().all(|&p| quiet(p)) {
            return;
        }
        let bytes = self.text.as_bytes();
        let from = self.pos;
        let stop = next_loud(bytes, from);
        if stop - from < 8 {
            return;
        }
        let mut parts = [Part::Other; 4];
        let mut n = 0;
        let mut j = stop;
        while n < 4 && j > from {
            j -= 1;
            let cat = SB_LO_T[bytes[j] as usize];
            if matches!(cat, Sb::Close | Sb::Sp) {
                while j > from && SB_LO_T[bytes[j - 1] as usize] == cat {
                    j -= 1;
                }
            }
            n += 1;
            parts[4 - n] = Self::advance([Part::Other; 4], cat)[3];
        }
        if n == 4 {
            self.state = parts;
            self.pos = stop;
        }
    }

    /// The next break position (byte index), as `SentenceBreaks::next`.
    fn next_break(&mut self) -> Option<usize> {
        let text = self.text;
        let bytes = text.as_bytes();
        while self.pos < bytes.len() {
            self.skip_quiet();
            let Some(&b) = bytes.get(self.pos) else {
                break;
            };
            let before_pos = self.pos;
            let cat = if b < 0x80 {
                self.pos += 1;
                SB_LO_T[b as usize]
            } else {
                let c = text
                    .get(before_pos..)
                    .and_then(|r| r.chars().next())
                    .unwrap_or(char::REPLACEMENT_CHARACTER);
                self.pos += c.len_utf8();
                sb_cat(c).unwrap_or(Sb::Any)
            };
            let before = self.state;
            self.state = Self::advance(before, cat);
            let last = before[3];
            // SB1
            if last == Part::Sot {
                return Some(before_pos);
            }
            // SB3
            if cat == Sb::Lf && last == Part::Cr {
                continue;
            }
            // SB4
            if matches!(last, Part::Sep | Part::Cr | Part::Lf) {
                return Some(before_pos);
            }
            // SB5
            if matches!(cat, Sb::Extend | Sb::Format) {
                self.state = before;
                continue;
            }
            // SB6
            if cat == Sb::Numeric && last == Part::ATerm {
                continue;
            }
            // SB7
            if cat == Sb::Upper && last == Part::ATerm && before[2] == Part::UpperLower {
                continue;
            }
            // SB8
            if self.sb8(&before, before_pos) {
                continue;
            }
            // SB8a
            if matches!(cat, Sb::SContinue | Sb::STerm | Sb::ATerm) && Self::sb8a(&before) {
                continue;
            }
            // SB9
            if matches!(cat, Sb::Close | Sb::Sp | Sb::Sep | Sb::Cr | Sb::Lf) && Self::sb9(&before) {
                continue;
            }
            // SB10
            if matches!(cat, Sb::Sp | Sb::Sep | Sb::Cr | Sb::Lf) && Self::sb8a(&before) {
                continue;
            }
            // SB11
            if Self::sb11(&before) {
                return Some(before_pos);
            }
            // SB998
        }
        // SB2
        if matches!(self.state[3], Part::Sot | Part::Eot) {
            None
        } else {
            let s = self.state;
            self.state = [s[1], s[2], s[3], Part::Eot];
            Some(self.pos)
        }
    }
}

impl<'a> Iterator for FastSentences<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let start = match self.start {
            Some(s) => s,
            None => {
                let s = self.next_break()?;
                self.start = Some(s);
                s
            }
        };
        let end = self.next_break()?;
        self.start = Some(end);
        Some((start, self.text.get(start..end).unwrap_or("")))
    }
}

/// The first byte at or after `from` that is '.', '!', '?', CR, LF or not
/// ASCII (`bytes.len()` if none), eight bytes at a time.
pub(super) fn next_loud(bytes: &[u8], from: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // High bit of each zero byte of `v`; a borrow can only flag bytes above
    // a real zero byte, so the lowest flagged byte is always a real one.
    let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let rest = bytes.get(from..).unwrap_or(&[]);
    let mut chunks = rest.chunks_exact(8);
    let mut at = from;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let v = u64::from_le_bytes(word);
        let hit = zero(v ^ (LO * u64::from(b'.')))
            | zero(v ^ (LO * u64::from(b'!')))
            | zero(v ^ (LO * u64::from(b'?')))
            | zero(v ^ (LO * u64::from(b'\r')))
            | zero(v ^ (LO * u64::from(b'\n')))
            | (v & HI);
        if hit != 0 {
            return at + (hit.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| matches!(b, b'.' | b'!' | b'?' | b'\r' | b'\n') || b >= 0x80)
        .map_or(bytes.len(), |i| at + i)
}
