//! Paragraphs: blank lines separate blocks; a block is one paragraph when
//! it looks hard-wrapped, else one paragraph per line. Each paragraph gets
//! its heading flag and, on a full split, its sentences and word count.

use super::uax29::{sentence_bounds, word_indices};
use crate::model::{ParaIdx, Paragraph};

/// Lines ending with one of these end a sentence (or a list item).
const LINE_CLOSERS: &[char] = &[
    '.', '!', '?', ':', ';', '"', '\u{201d}', '\u{2019}', '\'', ')', '\u{3002}', '\u{ff01}',
    '\u{ff1f}', '…',
];

/// One non-blank line of a block: byte range in the text and file line.
type Line = (usize, usize, u32);

/// Splits `text` into paragraphs; `first_line` is the file line of the text's
/// first line. Without `full`, paragraphs have no sentences or word counts.
pub(super) fn split(text: &str, first_line: u32, full: bool) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut block: Vec<Line> = Vec::new();
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

/// Splits `text` into full paragraphs (sentences and words included).
#[cfg(test)]
pub(super) fn paragraphs(text: &str, first_line: u32) -> Vec<Paragraph> {
    split(text, first_line, true)
}

fn flush_block(text: &str, block: &mut Vec<Line>, full: bool, out: &mut Vec<Paragraph>) {
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
fn is_wrapped(text: &str, block: &[Line]) -> bool {
    if block.len() < 2 {
        return false;
    }
    let mut mid = 0;
    for w in block.windows(2) {
        let prev = text[w[0].0..w[0].1].trim_end();
        let next = text[w[1].0..w[1].1].trim_start();
        let prev_open = !prev.ends_with(LINE_CLOSERS);
        let next_lower = next.chars().next().is_some_and(|c| c.is_lowercase());
        if prev_open && next_lower {
            mid += 1;
        }
    }
    mid * 2 >= block.len() - 1
}

/// Adds the paragraph of `text[start..end]`, if it holds anything:
/// 1. [`trimmed_range`] drops surrounding white space,
/// 2. [`strip_heading_marker`] drops a Markdown `#` marker,
/// 3. on a full split, a single line may still read as a heading
///    ([`looks_like_heading`]), and [`sentence_ranges`] and
///    [`word_spans`] fill sentences and words.
fn push_para(
    text: &str,
    (start, end): (usize, usize),
    line: u32,
    single_line: bool,
    full: bool,
    out: &mut Vec<Paragraph>,
) {
    let Some((s, e)) = trimmed_range(text, start, end) else {
        return;
    };
    let (s, mut heading) = strip_heading_marker(text, s, e);
    let body = &text[s..e];
    let mut paragraph = Paragraph {
        idx: ParaIdx(out.len() as u32),
        line,
        start: s as u32,
        end: e as u32,
        heading,
        sentences: Vec::new(),
        words: 0,
        word_spans: Vec::new(),
    };
    if full {
        paragraph.word_spans = word_spans(body, s);
        paragraph.words = paragraph.word_spans.len() as u32;
        if !heading && single_line {
            // `body` is trimmed: its words are the line's.
            heading = looks_like_heading(body, paragraph.words);
        }
        paragraph.heading = heading;
        paragraph.sentences = sentence_ranges(body, s);
    }
    out.push(paragraph);
}

/// The words of `body` ([`word_indices`]) as byte ranges, shifted by `s`
/// (where `body` starts in the article text).
fn word_spans(body: &str, s: usize) -> Vec<(u32, u32)> {
    // Prose runs about six bytes a word: room for most paragraphs at once.
    let mut spans = Vec::with_capacity(body.len() / 6 + 1);
    spans.extend(word_indices(body).map(|(i, w)| ((s + i) as u32, (s + i + w.len()) as u32)));
    spans
}

/// `text[start..end]` without leading and trailing white space, or `None`
/// when nothing is left.
fn trimmed_range(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let s = start + lead;
    let e = start + slice.trim_end().len();
    (s < e).then_some((s, e))
}

/// Markdown ATX heading: the marker (one to six `#` and spaces) is not part
/// of the paragraph text. Returns the new start and whether it was one; a
/// marker with nothing after it stays text.
fn strip_heading_marker(text: &str, s: usize, e: usize) -> (usize, bool) {
    let body = &text[s..e];
    let hashes = body.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && body[hashes..].starts_with(' ') {
        let rest = &body[hashes..];
        let skip = hashes + (rest.len() - rest.trim_start().len());
        if s + skip < e {
            return (s + skip, true);
        }
    }
    (s, false)
}

/// The non-blank sentences of a paragraph body starting at byte `s`, as
/// text ranges without trailing white space.
fn sentence_ranges(body: &str, s: usize) -> Vec<(u32, u32)> {
    sentence_bounds(body)
        .filter(|(_, t)| !t.trim().is_empty())
        .map(|(i, t)| {
            let ts = t.trim_end();
            ((s + i) as u32, (s + i + ts.len()) as u32)
        })
        .collect()
}

/// A short line with no sentence-ending punctuation reads as a title;
/// `words`: the line's word count ([`word_indices`]).
fn looks_like_heading(line: &str, words: u32) -> bool {
    let t = line.trim();
    if t.is_empty() || t.chars().count() > 120 {
        return false;
    }
    words > 0 && words <= 16 && !t.ends_with(LINE_CLOSERS) && !t.ends_with(',')
}

#[cfg(test)]
mod tests {
    use super::super::uax29::count_words;
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

    #[test]
    fn outline_split_has_no_sentences_or_words() {
        let t = "Short Title\nA sentence here. Another one.";
        let p = split(t, 1, false);
        assert_eq!(p.len(), 2);
        assert!(p.iter().all(|p| p.sentences.is_empty() && p.words == 0));
        // Only a Markdown marker makes a heading without a full split.
        assert!(!p[0].heading);
        assert!(split("## Marked", 1, false)[0].heading);
    }

    #[test]
    fn wrapped_blocks_need_most_breaks_mid_sentence() {
        let t = "one open\nline two.\nThree\nfour";
        let lines = [(0, 8, 1), (9, 18, 2), (19, 24, 3), (25, 29, 4)];
        // Breaks: open→lower (mid), closed→Upper, open→lower (mid): 2 of 3.
        assert!(is_wrapped(t, &lines));
        assert!(!is_wrapped(t, &lines[1..3]));
        assert!(!is_wrapped(t, &lines[..1]));
    }

    #[test]
    fn ranges_are_trimmed_or_dropped() {
        let t = "  ab \n   ";
        assert_eq!(trimmed_range(t, 0, 5), Some((2, 4)));
        assert_eq!(trimmed_range(t, 6, 9), None);
    }

    #[test]
    fn heading_markers_are_stripped_only_before_text() {
        let t = "##  Title";
        assert_eq!(strip_heading_marker(t, 0, t.len()), (4, true));
        let t = "####### seven";
        assert_eq!(strip_heading_marker(t, 0, t.len()), (0, false));
        let t = "#hashtag";
        assert_eq!(strip_heading_marker(t, 0, t.len()), (0, false));
        let t = "x # y";
        assert_eq!(strip_heading_marker(t, 2, t.len()), (4, true));
    }

    #[test]
    fn sentence_ranges_are_offset_and_trimmed() {
        assert_eq!(sentence_ranges("One. Two?", 10), vec![(10, 14), (15, 19)]);
        assert!(sentence_ranges("", 0).is_empty());
    }

    #[test]
    fn headings_are_short_and_unpunctuated() {
        let looks_like_heading = |t: &str| looks_like_heading(t, count_words(t));
        assert!(looks_like_heading("Stocks Rally As Fed Holds Rates"));
        assert!(!looks_like_heading("It rained."));
        assert!(!looks_like_heading("Dear all,"));
        assert!(!looks_like_heading(&"word ".repeat(17)));
        assert!(!looks_like_heading("  "));
    }
}
