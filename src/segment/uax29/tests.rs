use super::sentences::next_loud;
use super::*;
use crate::segment::paragraphs::paragraphs;
use unicode_segmentation::UnicodeSegmentation;

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
    (sentence_bounds(t).is_fast(), word_indices(t).is_fast())
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
