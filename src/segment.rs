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
    let sentences = body
        .split_sentence_bound_indices()
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

/// Number of words by Unicode word boundaries (tokens with a letter or digit).
pub fn count_words(text: &str) -> u32 {
    text.unicode_words().count() as u32
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
}
