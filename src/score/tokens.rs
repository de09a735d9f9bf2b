//! The words keyword stuffing counts: content-paragraph words, case-folded,
//! possessive `'s` dropped, hashed, with what the phrase rules need to know
//! about each (stopword, letters, code, capital, heading, sentence).

use super::is_content;
use crate::model::{Article, ParaMark};
use std::sync::OnceLock;

/// English function words: a counted phrase may not start or end with one,
/// so "of the United" or "the investment tool" are not phrases.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does",
    "during", "each", "for", "from", "had", "has", "have", "he", "her", "hers", "him", "his",
    "how", "i", "if", "in", "into", "is", "it", "its", "may", "might", "more", "most", "must",
    "no", "nor", "not", "of", "on", "once", "only", "or", "other", "our", "out", "over", "own",
    "same", "shall", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
    "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
    "why", "will", "with", "would", "you", "your",
];

#[cfg(test)]
fn is_stopword(w: &str) -> bool {
    STOPWORDS.binary_search(&w).is_ok()
}

/// Longest stopword in bytes: a longer word is never one.
const MAX_STOPWORD_LEN: usize = 7;
/// Slots of the stopword hash table (a power of two, over 4× the words, so
/// most probes of a non-stopword end at an empty slot).
const STOP_SLOTS: usize = 1024;

/// The stopwords' hashes in an open-addressed table (linear probing, slot
/// from the hash's low bits; 0 marks an empty slot), with their words.
fn stopword_table() -> &'static [(u64, &'static str)] {
    static TABLE: OnceLock<Vec<(u64, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = vec![(0u64, ""); STOP_SLOTS];
        for w in STOPWORDS {
            let h = xxhash_rust::xxh3::xxh3_64(w.as_bytes());
            let mut i = h as usize % STOP_SLOTS;
            while t[i].0 != 0 {
                i = (i + 1) % STOP_SLOTS;
            }
            t[i] = (h, w);
        }
        t
    })
}

/// [`is_stopword`] for a word whose xxh3 hash is known: a word longer than
/// any stopword is not one; otherwise a probe of the stopwords' hash table,
/// the text compared only on a hash hit.
fn is_stopword_hashed(w: &str, hash: u64) -> bool {
    if w.len() > MAX_STOPWORD_LEN {
        return false;
    }
    let table = stopword_table();
    let mut i = hash as usize % STOP_SLOTS;
    loop {
        let (h, word) = table[i];
        if h == 0 {
            return false;
        }
        if h == hash && word == w {
            return true;
        }
        i = (i + 1) % STOP_SLOTS;
    }
}

/// One word of a content paragraph.
pub(super) struct Token {
    pub(super) hash: u64,
    /// Byte range in the article text.
    pub(super) start: u32,
    pub(super) end: u32,
    pub(super) stop: bool,
    pub(super) alpha: bool,
    /// Part of a URL, e-mail address, path or code (touches `/`, `@`, `_`,
    /// ...): not prose, so no phrase may contain it.
    pub(super) code: bool,
    /// Starts with an uppercase letter.
    pub(super) upper: bool,
    /// In a heading (headings are title-cased, so their case says nothing).
    pub(super) heading: bool,
    /// Sentence number: n-grams never cross sentences.
    pub(super) seg: u32,
    /// Index into the article's paragraphs.
    pub(super) para: u32,
}

/// True for a character that glues a word to code, a URL, an e-mail
/// address or a path (`/`, `@`, `_`, ...).
fn is_code_char(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        matches!(
            c,
            '/' | '\\'
                | '@'
                | '_'
                | '`'
                | '='
                | '<'
                | '>'
                | '{'
                | '}'
                | '['
                | ']'
                | '|'
                | '#'
                | '~'
                | '*'
                | '^'
        )
    })
}

/// Words of the content paragraphs, normalised and hashed, sentence by
/// sentence. A paragraph's words come from segmentation
/// ([`crate::model::Paragraph::word_spans`]) when each of them lies inside one sentence
/// ([`words_within`]): then a sentence's own words are exactly those (see
/// the property test); otherwise its sentences are read again.
pub(super) fn tokens(article: &Article, marks: &[ParaMark]) -> Vec<Token> {
    // About one token per word the paragraphs counted: one allocation.
    let words: u32 = (article.paragraphs.iter().enumerate())
        .filter(|(pi, _)| is_content(marks, *pi))
        .map(|(_, p)| p.words)
        .sum();
    let mut out = Vec::with_capacity(words as usize);
    let mut buf = String::new();
    let mut seg = 0u32;
    for (pi, p) in article.paragraphs.iter().enumerate() {
        if !is_content(marks, pi) {
            continue;
        }
        let whole = [(p.start, p.end)];
        let sentences: &[(u32, u32)] = if p.sentences.is_empty() {
            &whole
        } else {
            &p.sentences
        };
        let shared = words_within(&p.word_spans, sentences);
        let mut next_word = 0;
        for &(s, e) in sentences {
            seg += 1;
            let Some(text) = article.text.get(s as usize..e as usize) else {
                continue;
            };
            let here = Here {
                text,
                start: s,
                heading: p.heading,
                seg,
                para: pi as u32,
            };
            if shared {
                while let Some(&(ws, we)) = p.word_spans.get(next_word).filter(|w| w.0 < e) {
                    let off = (ws - s) as usize;
                    push_token(
                        &mut out,
                        &mut buf,
                        &here,
                        off,
                        &text[off..(we - s) as usize],
                    );
                    next_word += 1;
                }
            } else {
                for (off, w) in crate::segment::word_indices(text) {
                    push_token(&mut out, &mut buf, &here, off, w);
                }
            }
        }
    }
    out
}

/// Whether every word span lies inside one of `sentences` (both in text
/// order, sentences apart).
fn words_within(words: &[(u32, u32)], sentences: &[(u32, u32)]) -> bool {
    let mut k = 0;
    words.iter().all(|&(ws, we)| {
        while sentences.get(k).is_some_and(|&(_, e)| e <= ws) {
            k += 1;
        }
        sentences.get(k).is_some_and(|&(s, e)| s <= ws && we <= e)
    })
}

/// The sentence a word is read in.
struct Here<'a> {
    /// The sentence's text, from byte `start` of the article text.
    text: &'a str,
    start: u32,
    heading: bool,
    seg: u32,
    para: u32,
}

/// Adds the token of word `w`, at byte `off` of the sentence `here`.
fn push_token(out: &mut Vec<Token>, buf: &mut String, here: &Here<'_>, off: usize, w: &str) {
    buf.clear();
    if w.is_ascii() {
        buf.push_str(w);
        buf.make_ascii_lowercase();
    } else {
        for c in w.chars() {
            match c {
                '\u{2019}' | '\u{2018}' | '\u{02bc}' => buf.push('\''),
                _ => buf.extend(c.to_lowercase()),
            }
        }
    }
    let norm = buf.strip_suffix("'s").unwrap_or(buf);
    let text = here.text;
    let start = here.start + off as u32;
    let code = is_code_char(text[..off].chars().next_back())
        || is_code_char(text[off + w.len()..].chars().next());
    let hash = xxhash_rust::xxh3::xxh3_64(norm.as_bytes());
    out.push(Token {
        hash,
        start,
        end: start + w.len() as u32,
        stop: is_stopword_hashed(norm, hash),
        alpha: if norm.is_ascii() {
            norm.bytes().any(|b| b.is_ascii_alphabetic())
        } else {
            norm.chars().any(char::is_alphabetic)
        },
        code,
        upper: w.chars().next().is_some_and(char::is_uppercase),
        heading: here.heading,
        seg: here.seg,
        para: here.para,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words `word_indices` finds in each sentence on its own, as
    /// article byte ranges, in order.
    fn sentence_words(a: &Article, sentences: &[(u32, u32)]) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for &(s, e) in sentences {
            for (off, w) in crate::segment::word_indices(&a.text[s as usize..e as usize]) {
                let at = s + off as u32;
                out.push((at, at + w.len() as u32));
            }
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// When every word of a paragraph lies inside one sentence, the
        /// sentences read on their own give exactly the paragraph's words:
        /// what lets `tokens` take the words segmentation found. Text heavy
        /// in terminators, closing quotes, spaces, digits and capitals, with
        /// letters of other scripts (Hebrew, an OLetter after a full stop),
        /// combining marks and ZWJ (the crate's path) among them.
        #[test]
        fn sentence_words_are_the_paragraph_words_they_hold(
            text in "([A-Z][a-z]{0,3}|[a-z]{1,3}|[0-9]{1,2}|[.!?,;:'\"()\u{2019}\u{201d}\u{2026}\u{3002} -]|\u{5d0}|e\u{301}|\u{200d}|[_@/]|\n\n?){0,40}",
        ) {
            let a = crate::score::fixture::article(&text);
            for p in &a.paragraphs {
                let whole = [(p.start, p.end)];
                let sentences = if p.sentences.is_empty() { &whole[..] } else { &p.sentences[..] };
                let body = &a.text[p.start as usize..p.end as usize];
                let all: Vec<(u32, u32)> = crate::segment::word_indices(body)
                    .map(|(i, w)| (p.start + i as u32, p.start + (i + w.len()) as u32))
                    .collect();
                proptest::prop_assert_eq!(&p.word_spans, &all);
                if words_within(&p.word_spans, sentences) {
                    proptest::prop_assert_eq!(sentence_words(&a, sentences), all);
                }
            }
        }
    }

    #[test]
    fn words_within_sentences_are_told_from_straddling_ones() {
        assert!(words_within(&[(0, 3), (4, 7), (9, 12)], &[(0, 8), (9, 12)]));
        assert!(words_within(&[], &[(0, 8)]));
        assert!(!words_within(&[(0, 3), (6, 10)], &[(0, 8), (9, 12)]));
        assert!(!words_within(&[(13, 15)], &[(0, 8), (9, 12)]));
    }

    #[test]
    fn hashed_stopword_lookup_equals_the_list() {
        for w in STOPWORDS
            .iter()
            .copied()
            .chain(["the ", "thé", "The", "investment", "", "us"])
        {
            let h = xxhash_rust::xxh3::xxh3_64(w.as_bytes());
            assert_eq!(is_stopword_hashed(w, h), is_stopword(w), "{w:?}");
        }
        assert!(
            STOPWORDS.windows(2).all(|p| p[0] < p[1]),
            "sorted for binary search"
        );
        let longest = STOPWORDS.iter().map(|w| w.len()).max();
        assert_eq!(longest, Some(MAX_STOPWORD_LEN));
        assert!(STOPWORDS
            .iter()
            .all(|w| xxhash_rust::xxh3::xxh3_64(w.as_bytes()) != 0));
    }

    #[test]
    fn tokens_fold_case_possessives_and_mark_code() {
        let a = crate::score::fixture::article("Norland's Plan: see a/b or x@y.\n\n# Head Word");
        let t = tokens(&a, &[]);
        let words: Vec<&str> = t
            .iter()
            .map(|t| &a.text[t.start as usize..t.end as usize])
            .collect();
        assert_eq!(
            words,
            vec![
                "Norland's",
                "Plan",
                "see",
                "a",
                "b",
                "or",
                "x",
                "y",
                "Head",
                "Word"
            ]
        );
        assert_eq!(t[0].hash, xxhash_rust::xxh3::xxh3_64(b"norland"));
        assert!(t[0].upper && !t[2].upper);
        assert!(t[5].stop && !t[1].stop);
        let code: Vec<bool> = t.iter().map(|t| t.code).collect();
        assert_eq!(code[2..8], [false, true, true, false, true, true]);
        assert!(t[8].heading && !t[0].heading);
        assert_eq!((t[0].para, t[8].para), (0, 1));
        assert!(t[8].seg > t[0].seg);
        assert!(is_code_char(Some('@')) && !is_code_char(Some('.')) && !is_code_char(None));
    }
}
