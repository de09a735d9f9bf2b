//! Fast, exact UAX #29 sentence and word boundaries.
//!
//! unicode-segmentation looks every character up in a binary-searched table
//! and rescans the rest of the text for SB8 after every "ATerm Close* Sp*",
//! which made sentence splitting a third of the whole run. The code below
//! replays the crate's own state machines (not just the UAX #29 text: the
//! crate's reading of the rules is what the rest of the engine was built on)
//! with categories from flat tables covering U+0000–U+024F (ASCII, Latin-1,
//! Latin Extended-A/B) and U+2000–U+206F (General Punctuation: dashes, curly
//! quotes, ellipsis, spaces), and with the SB8 look-ahead cached so it is
//! linear. Text with any other character goes to the crate. The tables were
//! generated from unicode-segmentation 1.13.3's own tables (Unicode 17);
//! the tests compare every covered character in many contexts, random text
//! and every test corpus with the crate.
//!
//! Layout: this file holds the category tables; `sentences` replays the
//! crate's sentence state machine ([`sentence_bounds`]) and `words` its word
//! boundaries ([`word_indices`], [`count_words`]).

mod sentences;
mod words;

pub use sentences::{sentence_bounds, SentenceBounds};
#[cfg(test)]
pub(super) use words::count_words;
pub use words::{word_indices, WordIndices};

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

#[cfg(test)]
mod tests;
