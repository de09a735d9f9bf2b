//! Splitting an article's text into paragraphs, sentences and words.
//!
//! In: an [`Article`] with `text` (NFC, LF). Out: the same article with
//! `paragraphs` filled: byte ranges into the text, each with its 1-based file
//! line, a heading flag, sentence ranges (UAX #29) and a word count.
//! Guarantees: paragraphs are non-empty, trimmed, in text order, and never
//! overlap; every non-blank line of the text belongs to exactly one paragraph.
//!
//! Blank lines always separate paragraphs. Inside a block of consecutive
//! lines, each line is its own paragraph (scraped text often uses one newline
//! per paragraph) unless the block looks hard-wrapped: most line breaks fall
//! mid-sentence, before a lowercase word. Then the block is one paragraph.
//!
//! Sentence and word boundaries are unicode-segmentation's, exactly:
//! [`sentence_bounds`] returns what `split_sentence_bound_indices` does and
//! [`word_indices`] what `unicode_word_indices` does, but on text made only
//! of characters from U+0000–U+024F (ASCII, Latin-1, Latin Extended-A/B)
//! and U+2000–U+206F (dashes, curly quotes, ellipsis, spaces) they run the
//! crate's own state machines over flat category tables, several times
//! faster (words also need no Extend, Format or ZWJ character). Other text
//! goes to the crate. The fast paths are property-tested against the crate
//! (random text heavy in terminators, quotes, spaces and digits; every
//! covered character in many contexts; every seed and test corpus).

use crate::model::{Article, ArticleId, Date, DateOrigin, ParaIdx, Paragraph};
use unicode_segmentation::UnicodeSegmentation;

/// Lines ending with one of these end a sentence (or a list item).
const TERMINAL: &[char] = &[
    '.', '!', '?', ':', ';', '"', '\u{201d}', '\u{2019}', '\'', ')', '\u{3002}', '\u{ff01}',
    '\u{ff1f}', '…',
];

/// Fills `article.paragraphs` from `article.text`.
pub fn segment(article: &mut Article) {
    split_article(article, true);
}

/// Fills `article.paragraphs` with byte ranges, lines and headings only (no
/// sentences, no word counts): the same paragraphs as [`segment`], for a
/// re-read that needs paragraph texts and nothing else.
pub fn outline(article: &mut Article) {
    split_article(article, false);
}

fn split_article(article: &mut Article, full: bool) {
    let mut paras = split(&article.text, 0, full);
    for p in &mut paras {
        let i = p.line as usize;
        p.line = match article.line_map.get(i).or(article.line_map.last()) {
            Some(&l) => l,
            None => article.first_line + article.line_offset + p.line,
        };
    }
    article.paragraphs = paras;
}

/// Splits `text` into paragraphs; `first_line` is the file line of the text's
/// first line.
pub fn paragraphs(text: &str, first_line: u32) -> Vec<Paragraph> {
    split(text, first_line, true)
}

fn split(text: &str, first_line: u32, full: bool) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut block: Vec<(usize, usize, u32)> = Vec::new(); // (start, end, line)
    let mut offset = 0usize;
    for (i, raw) in text.split('\n').enumerate() {
        let line_no = first_line + i as u32;
        let start = offset;
        let end = offset + raw.len();
        offset = end + 1;
        if raw.trim().is_empty() {
            flush_block(text, &mut block, full, &mut out);
        } else {
            block.push((start, end, line_no));
        }
    }
    flush_block(text, &mut block, full, &mut out);
    out
}

fn flush_block(
    text: &str,
    block: &mut Vec<(usize, usize, u32)>,
    full: bool,
    out: &mut Vec<Paragraph>,
) {
    if block.is_empty() {
        return;
    }
    if is_wrapped(text, block) {
        let (start, _, line) = block[0];
        let (_, end, _) = block[block.len() - 1];
        push_para(text, (start, end), line, false, full, out);
    } else {
        for &(start, end, line) in block.iter() {
            push_para(text, (start, end), line, true, full, out);
        }
    }
    block.clear();
}

/// True when most line breaks in the block fall mid-sentence before a
/// lowercase word: the signature of hard-wrapped prose.
fn is_wrapped(text: &str, block: &[(usize, usize, u32)]) -> bool {
    if block.len() < 2 {
        return false;
    }
    let mut mid = 0;
    for w in block.windows(2) {
        let prev = text[w[0].0..w[0].1].trim_end();
        let next = text[w[1].0..w[1].1].trim_start();
        let prev_open = !prev.ends_with(TERMINAL);
        let next_lower = next.chars().next().is_some_and(|c| c.is_lowercase());
        if prev_open && next_lower {
            mid += 1;
        }
    }
    mid * 2 >= block.len() - 1
}

fn push_para(
    text: &str,
    (start, end): (usize, usize),
    line: u32,
    single_line: bool,
    full: bool,
    out: &mut Vec<Paragraph>,
) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let mut s = start + lead;
    let e = start + slice.trim_end().len();
    if s >= e {
        return;
    }
    // Markdown ATX heading: the marker is not part of the paragraph text.
    let mut heading = false;
    let body = &text[s..e];
    let hashes = body.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && body[hashes..].starts_with(' ') {
        let rest = &body[hashes..];
        let skip = hashes + (rest.len() - rest.trim_start().len());
        if s + skip < e {
            s += skip;
            heading = true;
        }
    }
    let body = &text[s..e];
    if !full {
        out.push(Paragraph {
            idx: ParaIdx(out.len() as u32),
            line,
            start: s as u32,
            end: e as u32,
            heading,
            sentences: Vec::new(),
            words: 0,
        });
        return;
    }
    if !heading && single_line {
        heading = looks_like_heading(body);
    }
    let sentences = sentence_bounds(body)
        .filter(|(_, t)| !t.trim().is_empty())
        .map(|(i, t)| {
            let ts = t.trim_end();
            ((s + i) as u32, (s + i + ts.len()) as u32)
        })
        .collect();
    let words = count_words(body);
    out.push(Paragraph {
        idx: ParaIdx(out.len() as u32),
        line,
        start: s as u32,
        end: e as u32,
        heading,
        sentences,
        words,
    });
}

/// A short line with no sentence-ending punctuation reads as a title.
pub fn looks_like_heading(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.chars().count() > 120 {
        return false;
    }
    let words = count_words(t);
    words > 0 && words <= 16 && !t.ends_with(TERMINAL) && !t.ends_with(',')
}

/// Number of words by Unicode word boundaries (tokens with a letter or
/// digit): exactly `text.unicode_words().count()`, via [`word_indices`].
pub fn count_words(text: &str) -> u32 {
    word_indices(text).count() as u32
}

// ---------------------------------------------------------------------------
// Fast, exact UAX #29 sentence and word boundaries.
//
// unicode-segmentation looks every character up in a binary-searched table
// and rescans the rest of the text for SB8 after every "ATerm Close* Sp*",
// which made sentence splitting a third of the whole run. The code below
// replays the crate's own state machines (not just the UAX #29 text: the
// crate's reading of the rules is what the rest of the engine was built on)
// with categories from flat tables covering U+0000–U+024F (ASCII, Latin-1,
// Latin Extended-A/B) and U+2000–U+206F (General Punctuation: dashes, curly
// quotes, ellipsis, spaces), and with the SB8 look-ahead cached so it is
// linear. Text with any other character goes to the crate. The tables were
// generated from unicode-segmentation 1.13.3's own tables (Unicode 17);
// the tests compare every covered character in many contexts, random text
// and every test corpus with the crate.
// ---------------------------------------------------------------------------

/// Sentence_Break categories, as the crate names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sb {
    ATerm,
    Any,
    Cr,
    Close,
    Extend,
    Format,
    Lf,
    Lower,
    Numeric,
    OLetter,
    SContinue,
    STerm,
    Sep,
    Sp,
    Upper,
}

/// Word_Break categories the fast path handles. Extend, Format and ZWJ
/// (and scripts without them in the tables) send the text to the crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wb {
    ALetter,
    Any,
    Cr,
    DoubleQuote,
    ExtendNumLet,
    Lf,
    MidLetter,
    MidNum,
    MidNumLet,
    Newline,
    Numeric,
    SingleQuote,
    WSegSpace,
    Unsupported,
}

// One code per character; generated from unicode-segmentation's tables.
// Sentence: . ATerm, x Any, r CR, c Close, e Extend, f Format, n LF,
// l Lower, d Numeric, o OLetter, , SContinue, ! STerm, p Sep, s Sp, u Upper.
// Word: a ALetter, x Any, r CR, " Double_Quote, _ ExtendNumLet, n LF,
// : MidLetter, , MidNum, . MidNumLet, p Newline, d Numeric,
// ' Single_Quote, s WSegSpace, ? not handled here.
// SB_LO U+0000..U+0250
const SB_LO: &[u8; 0x250] = b"\
    xxxxxxxxxsnssrxxxxxxxxxxxxxxxxxxs!cxxxxcccxx,,.xdddddddddd,,xxx!\
    xuuuuuuuuuuuuuuuuuuuuuuuuuucxcxxxllllllllllllllllllllllllllcxcxx\
    xxxxxpxxxxxxxxxxxxxxxxxxxxxxxxxxsxxxxxxxxxlcxfxxxxxxxlxxxxlcxxxx\
    uuuuuuuuuuuuuuuuuuuuuuuxuuuuuuullllllllllllllllllllllllxllllllll\
    ulululululululululululululululululululululululululululullulululu\
    lulululullulululululululululululululululululululululululuululull\
    luululuuluuulluuuuluuluuullluuluulululuululluluuluuululuulloulll\
    oooouuluuluululululululululullulululululululululluululuuulululul\
    ulululululululululululululululululululululululululullllllluuluul\
    luluuuululululul\
";
// SB_PUNCT U+2000..U+2070
const SB_PUNCT: &[u8; 0x70] = b"\
    sssssssssssfeeffxxx,,xxxccccccccxxxx.xxxppfffffsxxxxxxxxxccx!!xx\
    xxxxxcc!!!xxxxxxxxxxxxxxxxxxxxxsfffffxffffffffff\
";
// WB_LO U+0000..U+0250
const WB_LO: &[u8; 0x250] = b"\
    xxxxxxxxxxnpprxxxxxxxxxxxxxxxxxxsx\"xxxx'xxxx,x.xdddddddddd:,xxxx\
    xaaaaaaaaaaaaaaaaaaaaaaaaaaxxxx_xaaaaaaaaaaaaaaaaaaaaaaaaaaxxxxx\
    xxxxxpxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxaxx?xxxxxxxax:axaxxxxx\
    aaaaaaaaaaaaaaaaaaaaaaaxaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaxaaaaaaaa\
    aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\
    aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\
    aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\
    aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\
    aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\
    aaaaaaaaaaaaaaaa\
";
// WB_PUNCT U+2000..U+2070
const WB_PUNCT: &[u8; 0x70] = b"\
    sssssssxsssx????xxxxxxxx..xxxxxxxxxx.xx:pp?????_xxxxxxxxxxxxxxx_\
    _xxx,xxxxxxxxxxxxxxx_xxxxxxxxxxs?????x??????????\
";

const fn sb_of(code: u8) -> Sb {
    match code {
        b'.' => Sb::ATerm,
        b'r' => Sb::Cr,
        b'c' => Sb::Close,
        b'e' => Sb::Extend,
        b'f' => Sb::Format,
        b'n' => Sb::Lf,
        b'l' => Sb::Lower,
        b'd' => Sb::Numeric,
        b'o' => Sb::OLetter,
        b',' => Sb::SContinue,
        b'!' => Sb::STerm,
        b'p' => Sb::Sep,
        b's' => Sb::Sp,
        b'u' => Sb::Upper,
        _ => Sb::Any,
    }
}

const fn wb_of(code: u8) -> Wb {
    match code {
        b'a' => Wb::ALetter,
        b'r' => Wb::Cr,
        b'"' => Wb::DoubleQuote,
        b'_' => Wb::ExtendNumLet,
        b'n' => Wb::Lf,
        b':' => Wb::MidLetter,
        b',' => Wb::MidNum,
        b'.' => Wb::MidNumLet,
        b'p' => Wb::Newline,
        b'd' => Wb::Numeric,
        b'\'' => Wb::SingleQuote,
        b's' => Wb::WSegSpace,
        b'?' => Wb::Unsupported,
        _ => Wb::Any,
    }
}

const fn sb_table<const N: usize>(codes: &[u8; N]) -> [Sb; N] {
    let mut out = [Sb::Any; N];
    let mut i = 0;
    while i < N {
        out[i] = sb_of(codes[i]);
        i += 1;
    }
    out
}

const fn wb_table<const N: usize>(codes: &[u8; N]) -> [Wb; N] {
    let mut out = [Wb::Any; N];
    let mut i = 0;
    while i < N {
        out[i] = wb_of(codes[i]);
        i += 1;
    }
    out
}

static SB_LO_T: [Sb; 0x250] = sb_table(SB_LO);
static SB_PUNCT_T: [Sb; 0x70] = sb_table(SB_PUNCT);
static WB_LO_T: [Wb; 0x250] = wb_table(WB_LO);
static WB_PUNCT_T: [Wb; 0x70] = wb_table(WB_PUNCT);

/// The Sentence_Break category of `c`, or None outside the covered blocks.
#[inline]
fn sb_cat(c: char) -> Option<Sb> {
    let u = c as usize;
    if u < 0x250 {
        Some(SB_LO_T[u])
    } else if (0x2000..0x2070).contains(&u) {
        Some(SB_PUNCT_T[u - 0x2000])
    } else {
        None
    }
}

/// The Word_Break category of `c` (Unsupported outside the covered set).
#[inline]
fn wb_cat(c: char) -> Wb {
    let u = c as usize;
    if u < 0x250 {
        WB_LO_T[u]
    } else if (0x2000..0x2070).contains(&u) {
        WB_PUNCT_T[u - 0x2000]
    } else {
        Wb::Unsupported
    }
}

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
fn next_loud(bytes: &[u8], from: usize) -> usize {
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

/// Builds a segmented article straight from text: for tests, benchmarks and
/// examples that do not read files.
pub fn article_from_text(id: u32, key: &str, text: &str, date: Date) -> Article {
    let mut a = Article {
        id: ArticleId(id),
        key: key.to_string(),
        path: key.into(),
        first_line: 1,
        title: String::new(),
        source: "test".into(),
        author: String::new(),
        url: String::new(),
        date,
        date_origin: DateOrigin::AsOf,
        text: text.to_string(),
        line_offset: 0,
        line_map: Vec::new(),
        paragraphs: Vec::new(),
        content_hash: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
        notes: Vec::new(),
    };
    segment(&mut a);
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        paragraphs(text, 1)
            .iter()
            .map(|p| text[p.start as usize..p.end as usize].to_string())
            .collect()
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        let t = "First one. Still first.\n\nSecond one.\n\n\nThird.";
        assert_eq!(
            texts(t),
            vec!["First one. Still first.", "Second one.", "Third."]
        );
        let p = paragraphs(t, 1);
        assert_eq!(p.iter().map(|p| p.line).collect::<Vec<_>>(), vec![1, 3, 6]);
    }

    #[test]
    fn one_line_per_paragraph_without_blank_lines() {
        let t = "Title Of The Story\nA sentence here. Another one.\nSecond paragraph here.";
        let p = paragraphs(t, 10);
        assert_eq!(p.len(), 3);
        assert!(p[0].heading);
        assert!(!p[1].heading);
        assert_eq!(p[1].sentences.len(), 2);
        assert_eq!(p[2].line, 12);
    }

    #[test]
    fn hard_wrapped_prose_is_joined() {
        let t = "The minister said on Thursday that the\nagreement would be signed within\nweeks, officials added.\n\nNext paragraph.";
        assert_eq!(
            texts(t),
            vec![
                "The minister said on Thursday that the\nagreement would be signed within\nweeks, officials added.",
                "Next paragraph."
            ]
        );
    }

    #[test]
    fn headline_lists_are_not_joined() {
        let t = "Related stories\nStocks Rally As Fed Holds Rates\nOil Prices Hold Firm Ahead of Talks\nGold Steady";
        let p = paragraphs(t, 1);
        assert_eq!(p.len(), 4);
        assert!(p.iter().all(|p| p.heading));
    }

    #[test]
    fn markdown_heading_marker_is_dropped() {
        let t = "# The Title\n\nBody text.";
        let p = paragraphs(t, 1);
        assert!(p[0].heading);
        assert_eq!(&t[p[0].start as usize..p[0].end as usize], "The Title");
    }

    #[test]
    fn words_and_crlf_free_ranges() {
        let t = "  Indented line with five words.  \n";
        let p = paragraphs(t, 1);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].words, 5);
        assert_eq!(
            &t[p[0].start as usize..p[0].end as usize],
            "Indented line with five words."
        );
    }

    #[test]
    fn empty_text_has_no_paragraphs() {
        assert!(paragraphs("", 1).is_empty());
        assert!(paragraphs("\n\n  \n", 1).is_empty());
    }

    // ---- The fast sentence and word boundaries equal the crate's. ----

    fn crate_sentences(t: &str) -> Vec<(usize, &str)> {
        t.split_sentence_bound_indices().collect()
    }

    fn crate_words(t: &str) -> Vec<(usize, &str)> {
        t.unicode_word_indices().collect()
    }

    fn assert_same(t: &str) {
        assert_eq!(
            sentence_bounds(t).collect::<Vec<_>>(),
            crate_sentences(t),
            "sentences of {t:?}"
        );
        assert_eq!(
            word_indices(t).collect::<Vec<_>>(),
            crate_words(t),
            "words of {t:?}"
        );
        assert_eq!(
            count_words(t) as usize,
            t.unicode_words().count(),
            "count of {t:?}"
        );
    }

    fn is_fast(t: &str) -> (bool, bool) {
        (
            matches!(sentence_bounds(t).0, SentenceInner::Fast(_)),
            matches!(word_indices(t).0, WordInner::Fast(_)),
        )
    }

    /// Every covered character, alone and in contexts that tell the
    /// sentence categories (Upper, Lower, OLetter, Numeric, ATerm, STerm,
    /// Close, Sp, SContinue, Sep, Extend/Format, Any) and the word
    /// categories apart.
    #[test]
    fn every_covered_char_matches_the_crate_in_context() {
        const CONTEXTS: &[&str] = &[
            "@",
            "etc. @b",
            "etc. @B",
            "etc.@ b",
            "etc.@ B",
            "U.@",
            "U.@S. x",
            "a.@",
            "a.@1",
            "Hi! @ there",
            "Hi!@ there",
            "Hi!@There",
            "Hi. @ There",
            "a@b",
            "a@\nb",
            "a\r@b",
            "X@1",
            "X@ x",
            "X@ X",
            "(@)",
            "\"@\" he said. Then",
            "Mr@ Smith. Ok",
            "3@4",
            "a@b@c",
            "1@2@3",
            "@@ @@",
            "x_@_y",
            "it@s",
            "@. a",
            "@! A",
            "@\u{2019}s",
            "@@@",
            "A.@.B. c",
            "e.g.@ word",
            "a.\u{201d}@ b",
            "a.)@ B",
            "... @ a",
            "\u{2026}@ x",
            "1,@000",
        ];
        let covered = (0u32..0x250)
            .chain(0x2000..0x2070)
            .filter_map(char::from_u32);
        let mut n = 0;
        for c in covered {
            assert!(is_fast(&c.to_string()).0, "{c:?} not covered");
            for ctx in CONTEXTS {
                let t = ctx.replace('@', c.encode_utf8(&mut [0; 4]));
                assert!(is_fast(&t).0);
                assert_same(&t);
                n += 1;
            }
        }
        assert_eq!(n, (0x250 + 0x70) * CONTEXTS.len());
    }

    #[test]
    fn uncovered_text_falls_back_to_the_crate() {
        for t in [
            "東京. 大阪",
            "a\u{300}. b",
            "Tel Aviv \u{5d0}\u{5d1}",
            "x\u{200d}y",
            "A. \u{1f600} b",
        ] {
            assert!(!(is_fast(t).0 && is_fast(t).1), "{t:?}");
            assert_same(t);
        }
        // Extend and Format have their own sentence rule (SB5) and stay fast;
        // they send word splitting to the crate.
        assert_eq!(is_fast("a\u{ad}b. c"), (true, false));
        assert_same("U.\u{ad}S. a");
    }

    #[test]
    fn fast_path_handles_the_usual_cases() {
        let t = "He said \u{201c}no.\u{201d} Then U.S. officials left at 3.14 p.m. on Jan. 5, etc. the end? Yes!! (Really.) ok\u{2026} fine \u{2014} \u{2018}quote\u{2019}.\r\nNext.";
        assert_eq!(is_fast(t), (true, true));
        assert_same(t);
        let s: Vec<&str> = sentence_bounds("One. Two! Three? u.s. four.")
            .map(|x| x.1)
            .collect();
        assert_eq!(s, vec!["One. ", "Two! ", "Three? ", "u.s. four."]);
        for t in [
            "abcdefgh.",
            "abcdefghijklmno\n",
            "ab\u{e9}cdefghijk?",
            "abcdefghijklmnopq",
        ] {
            let stop = t
                .find(['.', '!', '?', '\r', '\n', '\u{e9}'])
                .unwrap_or(t.len());
            assert_eq!(next_loud(t.as_bytes(), 0), stop, "{t:?}");
            assert_eq!(next_loud(t.as_bytes(), t.len()), t.len());
        }
        assert_same("3.14'3.14 p.m._ x");
        assert_same("Some text (quoted)   \"  here)) ]  and more text. Then (a) b. ((  x  )) y? z");
        let w: Vec<&str> = word_indices("it\u{2019}s 3.14, U.S.A. _x_ \u{b2}")
            .map(|x| x.1)
            .collect();
        assert_eq!(w, vec!["it\u{2019}s", "3.14", "U.S.A", "_x_", "\u{b2}"]);
    }

    /// Every seed and test-corpus input, whole and paragraph by paragraph.
    #[test]
    fn corpora_split_like_the_crate() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            let Ok(rd) = std::fs::read_dir(dir) else {
                return;
            };
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else {
                    out.push(p);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        walk(&root.join("seeds"), &mut files);
        let corpora = std::fs::read_dir(root.join("tests/corpora")).expect("tests/corpora");
        for e in corpora.flatten() {
            walk(&e.path().join("input"), &mut files);
        }
        files.sort();
        assert!(files.len() > 50, "found {} files", files.len());
        let mut fast_paras = 0;
        for f in &files {
            let bytes = std::fs::read(f).expect("read corpus file");
            let text = String::from_utf8_lossy(&bytes);
            assert_same(&text);
            for p in paragraphs(&text, 1) {
                let body = &text[p.start as usize..p.end as usize];
                assert_same(body);
                if is_fast(body) == (true, true) {
                    fast_paras += 1;
                }
            }
            for line in text.lines() {
                assert_same(line);
            }
        }
        assert!(
            fast_paras > 200,
            "only {fast_paras} paragraphs on the fast path"
        );
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        const PIECES: &[&str] = &[
            "the",
            "The",
            "a",
            "A",
            "x",
            "I",
            "U.S.",
            "U.S",
            "3.14",
            "1,000",
            "etc.",
            "e.g.",
            "Mr.",
            "it's",
            "don't",
            "No.",
            "p.m.",
            "Jan.",
            "5",
            "42",
            "Tokyo",
            "\u{c9}lys\u{e9}e",
            "na\u{ef}ve",
            "stra\u{df}e",
            "\u{141}\u{f3}d\u{17a}",
            "Erdo\u{11f}an",
            " ",
            " ",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\r",
            ".",
            ". ",
            ".",
            "!",
            "?",
            "?!",
            "...",
            "\u{2026}",
            ",",
            ";",
            ":",
            "-",
            " - ",
            "\u{2014}",
            "\u{2013}",
            "\u{2019}",
            "\u{2018}",
            "\u{201c}",
            "\u{201d}",
            "\"",
            "'",
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            "\u{ab}",
            "\u{bb}",
            "\u{a0}",
            "\u{2009}",
            "_",
            "#",
            "$",
            "%",
            "&",
            "/",
            "\u{a3}",
            "\u{b2}",
            "\u{bd}",
            "\u{b7}",
            "\u{b8}",
            "\u{ad}",
            "\u{200b}",
            "\u{2028}",
            "\u{85}",
            "\u{2024}",
            "\u{203d}",
            "\u{2047}",
        ];

        fn piece() -> impl Strategy<Value = String> {
            prop_oneof![
                8 => proptest::sample::select(PIECES).prop_map(str::to_string),
                2 => proptest::char::range('\0', '\u{24f}').prop_map(|c| c.to_string()),
                1 => proptest::char::range('\u{2000}', '\u{206f}').prop_map(|c| c.to_string()),
                1 => proptest::sample::select(&["\u{65e5}", "\u{301}", "\u{5d0}", "\u{200d}", "\u{1f600}"][..])
                    .prop_map(str::to_string),
            ]
        }

        fn text() -> impl Strategy<Value = String> {
            proptest::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
        }

        fn covered_text() -> impl Strategy<Value = String> {
            proptest::collection::vec(piece(), 0..60).prop_map(|v| {
                v.concat()
                    .chars()
                    .filter(|&c| sb_cat(c).is_some() && wb_cat(c) != Wb::Unsupported)
                    .collect()
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(3000))]

            #[test]
            fn sentences_match_the_crate(t in text()) {
                prop_assert_eq!(sentence_bounds(&t).collect::<Vec<_>>(), crate_sentences(&t));
            }

            #[test]
            fn words_match_the_crate(t in text()) {
                prop_assert_eq!(word_indices(&t).collect::<Vec<_>>(), crate_words(&t));
                prop_assert_eq!(count_words(&t) as usize, t.unicode_words().count());
            }

            #[test]
            fn next_loud_finds_the_first_loud_byte(t in text(), from in 0usize..64) {
                let b = t.as_bytes();
                let from = from.min(b.len());
                let naive = b[from..]
                    .iter()
                    .position(|&c| matches!(c, b'.' | b'!' | b'?' | b'\r' | b'\n') || c >= 0x80)
                    .map_or(b.len(), |i| from + i);
                prop_assert_eq!(next_loud(b, from), naive);
            }

            #[test]
            fn covered_text_matches_the_crate_on_the_fast_path(t in covered_text()) {
                prop_assert_eq!(is_fast(&t), (true, true));
                prop_assert_eq!(sentence_bounds(&t).collect::<Vec<_>>(), crate_sentences(&t));
                prop_assert_eq!(word_indices(&t).collect::<Vec<_>>(), crate_words(&t));
            }
        }
    }
}
