//! Machine-writing tells: phrases from `tells.csv` ("as an AI language
//! model", "[Insert ...]") found in content paragraphs.

use super::is_content;
use crate::model::{Article, Finding, FindingKind, ParaMark};
use crate::rules::{Rules, Tell};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::sync::OnceLock;

/// Most machine_tell findings per article.
const MAX_TELLS: usize = 5;

/// The machine-writing tells of a rules folder, compiled once per run.
#[derive(Clone, Debug, Default)]
pub struct TellIndex {
    ac: Option<AhoCorasick>,
    /// The same patterns, ASCII case ignored: run on a paragraph whose
    /// normalised form is its lowercase copy ([`folds_to_lowercase`]).
    ac_ascii: Option<AhoCorasick>,
    /// Per pattern: (tells.csv line, normalised pattern, note).
    tells: Vec<(u32, String, String)>,
}

impl TellIndex {
    /// Compiles the `tells.csv` patterns (normalised like the text).
    pub fn new(tells: &[Tell]) -> TellIndex {
        let mut map = Vec::new();
        let tells: Vec<(u32, String, String)> = tells
            .iter()
            .map(|t| {
                let mut s = String::new();
                normalise_with_map(&t.pattern, 0, &mut s, &mut map);
                (t.line, s.trim().to_string(), t.note.clone())
            })
            .filter(|(_, p, _)| !p.is_empty())
            .collect();
        // A DFA: the default NFA's matches, one lookup per byte.
        let build = |ascii_case_insensitive: bool| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA))
                .ascii_case_insensitive(ascii_case_insensitive)
                .build(tells.iter().map(|t| t.1.as_str()))
                .ok()
        };
        let (ac, ac_ascii) = (build(false), build(true));
        TellIndex {
            ac,
            ac_ascii,
            tells,
        }
    }

    /// The index of the bundled `rules/tells.csv`, for callers without a
    /// rules folder (tests, `pipeline::analyze`).
    pub fn bundled() -> &'static TellIndex {
        static BUNDLED: OnceLock<TellIndex> = OnceLock::new();
        BUNDLED.get_or_init(|| {
            let rules = Rules::parse(None, None, None, None, None, None).unwrap_or_default();
            TellIndex::new(&rules.tells)
        })
    }
}

/// Appends `text` case-folded, with curly quotes and dashes made plain and
/// whitespace runs collapsed to one space; `map` gets, per output byte, the
/// byte offset (plus `base`) of the input char it came from.
fn normalise_with_map(text: &str, base: usize, out: &mut String, map: &mut Vec<u32>) {
    out.reserve(text.len());
    map.reserve(text.len());
    if text.is_ascii() {
        ascii_with_map(text, base, out, map);
    } else {
        chars_with_map(text, base, out, map);
    }
}

/// [`normalise_with_map`] of any text, char by char.
fn chars_with_map(text: &str, base: usize, out: &mut String, map: &mut Vec<u32>) {
    let mut space = true;
    for (i, c) in text.char_indices() {
        let at = (base + i) as u32;
        if c.is_whitespace() {
            if !space {
                out.push(' ');
                map.push(at);
                space = true;
            }
            continue;
        }
        space = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            map.push(at);
            continue;
        }
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        };
        for l in c.to_lowercase() {
            let before = out.len();
            out.push(l);
            map.extend(std::iter::repeat_n(at, out.len() - before));
        }
    }
}

/// Whether [`normalise_with_map`] of `text` is `text` lowercased byte for
/// byte, each output byte mapped to its own input byte: ASCII with no white
/// space but single spaces between other characters. The automaton then
/// runs on `text` itself with ASCII case ignored (the same matches: the
/// patterns are lowercase), and the copy and its map are not made.
fn folds_to_lowercase(text: &str) -> bool {
    let mut prev_space = true;
    for &b in text.as_bytes() {
        if b == b' ' {
            if prev_space {
                return false;
            }
            prev_space = true;
        } else if b >= 0x80 || char::from(b).is_whitespace() {
            return false;
        } else {
            prev_space = false;
        }
    }
    true
}

/// [`normalise_with_map`] of ASCII `text`, byte by byte (no char decoding,
/// no case table: ASCII folds to ASCII, one byte each).
fn ascii_with_map(text: &str, base: usize, out: &mut String, map: &mut Vec<u32>) {
    let mut space = true;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        let at = (base + i) as u32;
        let c = char::from(b);
        if c.is_whitespace() {
            if !space {
                out.push(' ');
                map.push(at);
                space = true;
            }
            continue;
        }
        space = false;
        out.push(c.to_ascii_lowercase());
        map.push(at);
    }
}

pub(super) fn tells(article: &Article, marks: &[ParaMark], index: &TellIndex) -> Vec<Finding> {
    let (Some(ac), Some(ac_ascii)) = (&index.ac, &index.ac_ascii) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut norm = String::new();
    let mut map = Vec::new();
    for (pi, p) in article.paragraphs.iter().enumerate() {
        if !is_content(marks, pi) || out.len() >= MAX_TELLS {
            continue;
        }
        let Some(text) = article.text.get(p.start as usize..p.end as usize) else {
            continue;
        };
        // The text searched: the paragraph itself when its normalised form
        // is its lowercase copy, else that copy; `at` maps a byte of it
        // back to the article text.
        let plain = folds_to_lowercase(text);
        let (hay, automaton): (&str, _) = if plain {
            (text, ac_ascii)
        } else {
            norm.clear();
            map.clear();
            normalise_with_map(text, p.start as usize, &mut norm, &mut map);
            (&norm, ac)
        };
        let at = |i: usize| {
            if plain {
                (i < text.len()).then_some(p.start + i as u32)
            } else {
                map.get(i).copied()
            }
        };
        for m in automaton.find_iter(hay) {
            let Some((line, pattern, note)) = index.tells.get(m.pattern().as_usize()) else {
                continue;
            };
            let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            let starts_word = pattern.chars().next().is_some_and(char::is_alphanumeric);
            let ends_word = pattern
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            if (starts_word && alnum(hay[..m.start()].chars().next_back()))
                || (ends_word && alnum(hay[m.end()..].chars().next()))
            {
                continue;
            }
            let (Some(s), Some(l)) = (at(m.start()), at(m.end() - 1)) else {
                continue;
            };
            let e = l as usize
                + article
                    .text
                    .get(l as usize..)
                    .and_then(|r| r.chars().next())
                    .map_or(0, char::len_utf8);
            let snippet = article.text.get(s as usize..e).unwrap_or("");
            let sentence = p
                .sentences
                .iter()
                .find(|(a, b)| *a <= s && s < *b)
                .and_then(|&(a, b)| article.text.get(a as usize..b as usize))
                .unwrap_or(snippet);
            out.push(
                Finding::new(article.id, FindingKind::MachineTell)
                    .at(article, p)
                    .mention(snippet.split_whitespace().collect::<Vec<_>>().join(" "))
                    .message(format!(
                        "{note}: \"{}\"",
                        crate::text::cut_marked(
                            &sentence.split_whitespace().collect::<Vec<_>>().join(" "),
                            200
                        )
                    ))
                    .evidence(format!("tells.csv:{line}")),
            );
            if out.len() >= MAX_TELLS {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The ASCII path writes the text and byte map the char path writes.
        #[test]
        fn ascii_path_equals_char_path(text in "[A-Za-z0-9 ,.'\n\t\r\x0b\x0c\x1c!-]{0,40}", base in 0usize..100) {
            let (mut a, mut am, mut b, mut bm) = (String::new(), Vec::new(), String::new(), Vec::new());
            ascii_with_map(&text, base, &mut a, &mut am);
            chars_with_map(&text, base, &mut b, &mut bm);
            proptest::prop_assert_eq!((a, am), (b, bm));
        }
    }
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// A paragraph that folds to its lowercase copy normalises to it,
        /// each byte mapped to itself, and the case-blind automaton finds on
        /// it what the plain one finds on the copy (patterns of the bundled
        /// tells in mixed case, spaces, tabs and newlines among them).
        #[test]
        fn plain_paragraphs_search_like_their_normalised_copy(
            text in "([Aa]s [Aa]n [Aa][Ii] [Ll]anguage [Mm]odel|\\[[Ii]nsert|[Ff]ocus [Pp]hrase|[A-Za-z0-9 ,.'\\[\\]\n\t-]{0,12}){0,6}",
            base in 0usize..100,
        ) {
            let index = TellIndex::bundled();
            let (mut norm, mut map) = (String::new(), Vec::new());
            normalise_with_map(&text, base, &mut norm, &mut map);
            let (Some(ac), Some(ac_ascii)) = (&index.ac, &index.ac_ascii) else {
                panic!("bundled tells compile");
            };
            let spans = |ac: &AhoCorasick, hay: &str| -> Vec<(usize, usize, usize)> {
                ac.find_iter(hay).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect()
            };
            if folds_to_lowercase(&text) {
                proptest::prop_assert_eq!(&norm, &text.to_ascii_lowercase());
                let identity: Vec<u32> = (0..text.len()).map(|i| (base + i) as u32).collect();
                proptest::prop_assert_eq!(&map, &identity);
                proptest::prop_assert_eq!(spans(ac_ascii, &text), spans(ac, &norm));
            }
        }
    }

    #[test]
    fn only_ascii_with_single_spaces_folds_to_lowercase() {
        assert!(folds_to_lowercase("As an AI model, I can't."));
        assert!(folds_to_lowercase(""));
        for t in [
            "two  spaces",
            " lead",
            "tab\there",
            "line\nbreak",
            "caf\u{e9}",
            "\u{2019}",
        ] {
            assert!(!folds_to_lowercase(t), "{t:?}");
        }
    }

    use crate::model::ParaIdx;
    use crate::score::fixture::{article, kinds};
    use crate::score::inspect;

    #[test]
    fn leaked_instructions_are_machine_tells() {
        let text = "Markets rose on Monday.\n\nThe focus phrase\u{2014}cheap solar panels\u{2014}sums up the shift.\n\nAs an AI Language Model, I cannot predict prices.\n\nHe could refocus phrases freely.";
        let a = article(text);
        let fs = inspect(&a, &[], TellIndex::bundled());
        let t = kinds(&fs, FindingKind::MachineTell);
        let mentions: Vec<&str> = t.iter().map(|f| f.mention.as_str()).collect();
        assert_eq!(mentions, vec!["focus phrase", "As an AI Language Model"]);
        assert_eq!(t[0].paragraph, Some(ParaIdx(1)));
        assert!(t[0].evidence.starts_with("tells.csv:"));
        assert!(
            t[0].message.contains("cheap solar panels"),
            "{}",
            t[0].message
        );
        // Not in paragraphs that are not content.
        let marks = vec![
            ParaMark::Content,
            ParaMark::Boilerplate,
            ParaMark::Content,
            ParaMark::Content,
        ];
        let t2 = inspect(&a, &marks, TellIndex::bundled());
        assert_eq!(t2.len(), 1);
    }

    #[test]
    fn tells_come_from_the_rules_table() {
        let rules = Rules::parse_with_tells(
            None,
            None,
            None,
            None,
            None,
            None,
            Some("pattern,note\n[Insert,unfilled slot\n"),
        )
        .unwrap();
        let index = TellIndex::new(&rules.tells);
        let a = article("Prices rose by [INSERT PERCENT] percent in March.");
        let fs = inspect(&a, &[], &index);
        assert_eq!(fs.len(), 1);
        assert_eq!(fs[0].mention, "[INSERT");
        assert_eq!(fs[0].evidence, "tells.csv:2");
        assert!(inspect(&article("As an AI language model."), &[], &index).is_empty());
    }

    #[test]
    fn normalised_text_maps_back_to_source_bytes() {
        let (mut out, mut map) = (String::new(), Vec::new());
        normalise_with_map(
            "As  an \u{201c}AI\u{201d}\u{2014}Model",
            10,
            &mut out,
            &mut map,
        );
        assert_eq!(out, "as an \"ai\"-model");
        assert_eq!(map.len(), out.len());
        assert_eq!(&map[..7], &[10, 11, 12, 14, 15, 16, 17]);
        assert_eq!(
            map[out.len() - 1],
            10 + "As  an \u{201c}AI\u{201d}\u{2014}Mode".len() as u32
        );
    }
}
