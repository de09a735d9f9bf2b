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
//!
//! Layout: `paragraphs` splits text into paragraphs and headings;
//! `furniture` tells page furniture lines (share buttons, captions, bylines,
//! stamps, labels) and finds the headline among the first lines (dedup and
//! ingest's title use it); `uax29` holds the fast sentence and word
//! boundaries that other stages use too.

mod furniture;
mod paragraphs;
mod uax29;

pub use furniture::{furniture, headline, list_label, Furniture};
pub use uax29::{sentence_bounds, word_indices, SentenceBounds, WordIndices};

use crate::model::{Article, ArticleId, Date, DateOrigin};

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

/// Splits the article's text and maps each paragraph's text line to its
/// file line (through `line_map` when the text is not contiguous).
fn split_article(article: &mut Article, full: bool) {
    let mut paras = paragraphs::split(&article.text, 0, full);
    for p in &mut paras {
        let i = p.line as usize;
        p.line = match article.line_map.get(i).or(article.line_map.last()) {
            Some(&l) => l,
            None => article.first_line + article.line_offset + p.line,
        };
    }
    article.paragraphs = paras;
}

/// Builds a segmented article straight from text: for tests, benchmarks and
/// examples that do not read files.
pub fn article_from_text(id: u32, key: &str, text: &str, date: Date) -> Article {
    let mut a = Article {
        id: ArticleId(id),
        key: key.to_string(),
        path: key.into(),
        first_line: 1,
        format: crate::model::Format::Text,
        title: String::new(),
        source: "test".into(),
        author: String::new(),
        url: String::new(),
        date,
        date_origin: DateOrigin::AsOf,
        origins: Default::default(),
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

    #[test]
    fn paragraph_lines_follow_the_line_map_or_the_offsets() {
        let date = Date::parse_iso("2026-01-01").unwrap();
        let mut a = article_from_text(1, "a", "One.\n\nTwo.\n\nThree.", date);
        assert_eq!(
            a.paragraphs.iter().map(|p| p.line).collect::<Vec<_>>(),
            vec![1, 3, 5]
        );
        a.line_offset = 4;
        outline(&mut a);
        assert_eq!(
            a.paragraphs.iter().map(|p| p.line).collect::<Vec<_>>(),
            vec![5, 7, 9]
        );
        assert!(a.paragraphs.iter().all(|p| p.words == 0));
        // Past the end of the map, the last mapped line.
        a.line_map = vec![10, 11, 12];
        segment(&mut a);
        assert_eq!(
            a.paragraphs.iter().map(|p| p.line).collect::<Vec<_>>(),
            vec![10, 12, 12]
        );
        assert_eq!(a.paragraphs[2].words, 1);
    }
}
