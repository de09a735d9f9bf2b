//! Keyword stuffing: phrases of 3–6 words repeated far more often than
//! natural writing repeats them.

use super::is_content;
use super::tokens::{tokens, Token};
use crate::model::{Article, Finding, FindingKind, ParaIdx, ParaMark};
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// When a repeated phrase counts as keyword stuffing.
#[derive(Copy, Clone, Debug, PartialEq)]
pub(crate) struct StuffingConfig {
    /// Fewest (non-overlapping) occurrences: below it, repetition is normal
    /// however short the article (a name used five times never counts).
    pub min_count: u32,
    /// Stuffing index threshold: occurrences per 1,000 content words times
    /// (words in the phrase − 2). Long verbatim phrases recur far less in
    /// natural writing than short ones, so a 6-word phrase needs a quarter
    /// of the rate of a 3-word one.
    pub index: f64,
    /// Proper-name phrases (names, titles, institutions) must reach this
    /// many times the index: they have no synonyms.
    pub name_factor: f64,
    /// Most stuffing findings per article.
    pub max_findings: usize,
}

impl StuffingConfig {
    /// Occurrences per 1,000 words from which a phrase is stuffed.
    pub fn per_1000(&self, words_in_phrase: usize, name_like: bool) -> f64 {
        let base = self.index / (words_in_phrase.max(MIN_N) - 2) as f64;
        if name_like {
            base * self.name_factor
        } else {
            base
        }
    }
}

/// Thresholds measured on 1,230 real documents (README, "keyword_stuffing"): the
/// highest index of a descriptive phrase in book and licence prose was 9.6.
pub(crate) const STUFFING: StuffingConfig = StuffingConfig {
    min_count: 6,
    index: 12.0,
    name_factor: 4.0,
    max_findings: 3,
};

/// Shortest and longest phrases counted, in words.
const MIN_N: usize = 3;
const MAX_N: usize = 6;
/// A longer phrase replaces its sub-phrase when it keeps this share of the
/// sub-phrase's occurrences.
const KEEP_SHARE: f64 = 0.8;
/// Most candidate phrases compared for maximality (bounds the work on
/// pathological text such as a table repeated many times).
const MAX_CANDIDATES: usize = 64;

/// Passes an already-hashed u64 key through (keys are xxh3 hashes).
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxhash_rust::xxh3::xxh3_64_with_seed(bytes, self.0);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

fn mix(h: u64, next: u64) -> u64 {
    (h.rotate_left(23) ^ next).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// A phrase repeated in an article's content paragraphs.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RepeatedPhrase {
    /// As written at its first occurrence (whitespace collapsed).
    pub phrase: String,
    /// Length in words.
    pub words: usize,
    /// Non-overlapping occurrences.
    pub count: u32,
    /// Occurrences per 1,000 content words.
    pub per_1000: f64,
    /// Where it first occurs.
    pub paragraph: ParaIdx,
    pub line: u32,
    /// Paragraphs it occurs in, ascending, without repeats.
    pub paragraphs: Vec<ParaIdx>,
    /// Written as a proper name (every content word capitalised) in most
    /// occurrences outside headings: names and titles have no synonyms, so
    /// they are held to a higher threshold than descriptive phrases.
    pub name_like: bool,
}

/// A frequent phrase: every non-overlapping occurrence of one n-gram.
#[derive(Clone, Debug, PartialEq)]
struct Candidate {
    /// Length in words.
    n: usize,
    count: u32,
    /// Start token of each non-overlapping occurrence, ascending.
    starts: Vec<u32>,
}

/// Every maximal stopword-bounded phrase of 3–6 words that occurs at least
/// `min_count` times, most frequent first, and the number of content words.
/// Kept callable on its own so the thresholds can be measured on real text.
///
/// 1. `tokens`: the content words, hashed;
/// 2. [`candidates`]: frequent n-grams, level by level ([`NgramLevel`]),
///    bounded by content words;
/// 3. [`rank_candidates`]: most repeated text first;
/// 4. [`pick_maximal`]: of a phrase and its sub-phrases, the longest that
///    keeps most occurrences ([`longest_superphrase`]);
/// 5. [`describe_phrase`]: the phrase as written, its rate and paragraphs.
pub(crate) fn repeated_phrases(
    article: &Article,
    marks: &[ParaMark],
    min_count: u32,
) -> (Vec<RepeatedPhrase>, u32) {
    let toks = tokens(article, marks);
    let words = toks.len() as u32;
    let min_count = min_count.max(2);
    let cands = rank_candidates(candidates(&toks, min_count));
    let out = pick_maximal(toks.len(), &cands)
        .into_iter()
        .map(|best| describe_phrase(article, &toks, best, words))
        .collect();
    (out, words)
}

/// A phrase occurs no more often than its rarest word: only words seen
/// `min_count` times can be part of a frequent phrase (exact, and most
/// words of an article are not). True per token whose word is frequent.
fn frequent_words(toks: &[Token], min_count: u32) -> Vec<bool> {
    let mut counts: IdMap<u32> = IdMap::default();
    counts.reserve(toks.len());
    for t in toks {
        *counts.entry(t.hash).or_insert(0) += 1;
    }
    toks.iter()
        .map(|t| counts.get(&t.hash).is_some_and(|&c| c >= min_count))
        .collect()
}

/// The frequent phrases of every length from [`MIN_N`] to [`MAX_N`], by
/// length, then by first occurrence.
fn candidates(toks: &[Token], min_count: u32) -> Vec<Candidate> {
    let frequent_word = frequent_words(toks, min_count);
    // Every phrase opens with MIN_N frequent words in a row: without such
    // a run no level has a frequent n-gram (most articles stop here).
    if !frequent_word.windows(MIN_N).any(|w| w.iter().all(|&f| f)) {
        return Vec::new();
    }
    let mut cands: Vec<Candidate> = Vec::new();
    let mut prev = NgramLevel::default();
    for n in MIN_N..=MAX_N {
        if toks.len() < n {
            break;
        }
        let level = NgramLevel::count(toks, n, &frequent_word, &prev, min_count);
        cands.extend(level.candidates(toks, n));
        prev = level;
    }
    cands
}

/// The n-grams of one length: level n keeps, per start token, the n-gram
/// hash and whether that n-gram is frequent; only frequent n-grams are
/// extended to n+1.
#[derive(Default)]
struct NgramLevel {
    hash: Vec<u64>,
    frequent: Vec<bool>,
}

impl NgramLevel {
    /// Hashes and counts (without overlaps) the n-grams within a sentence
    /// and free of code: at [`MIN_N`], those of frequent words; above, the
    /// extensions of `prev`'s frequent (n−1)-grams.
    fn count(
        toks: &[Token],
        n: usize,
        frequent_word: &[bool],
        prev: &NgramLevel,
        min_count: u32,
    ) -> NgramLevel {
        let last = toks.len() - n;
        let mut hash = vec![0u64; last + 1];
        let mut live = vec![false; last + 1];
        // hash -> (count, first free token after the last counted occurrence)
        let mut counts: IdMap<(u32, u32)> = IdMap::default();
        for i in 0..=last {
            if toks[i].seg != toks[i + n - 1].seg || toks[i + n - 1].code {
                continue;
            }
            let h = if n == MIN_N {
                if toks[i].code
                    || toks[i + 1].code
                    || !(frequent_word[i] && frequent_word[i + 1] && frequent_word[i + 2])
                {
                    continue;
                }
                mix(mix(toks[i].hash, toks[i + 1].hash), toks[i + 2].hash)
            } else {
                if !prev.frequent.get(i).copied().unwrap_or(false) {
                    continue;
                }
                mix(prev.hash[i], toks[i + n - 1].hash)
            };
            hash[i] = h;
            live[i] = true;
            let e = counts.entry(h).or_insert((0, 0));
            if i as u32 >= e.1 {
                e.0 += 1;
                e.1 = (i + n) as u32;
            }
        }
        let frequent: Vec<bool> = (0..=last)
            .map(|i| live[i] && counts.get(&hash[i]).is_some_and(|c| c.0 >= min_count))
            .collect();
        NgramLevel { hash, frequent }
    }

    /// Candidates: frequent n-grams bounded by content words, with at
    /// least two words of letters, non-overlapping occurrences, in order
    /// of first occurrence.
    fn candidates(&self, toks: &[Token], n: usize) -> Vec<Candidate> {
        let last = toks.len() - n;
        let mut by_hash: BTreeMap<u32, (u64, Vec<u32>)> = BTreeMap::new(); // first pos -> ..
        let mut first_of: IdMap<u32> = IdMap::default();
        let mut next_free: IdMap<u32> = IdMap::default();
        for i in 0..=last {
            if !self.frequent[i] || toks[i].stop || toks[i + n - 1].stop {
                continue;
            }
            if toks[i..i + n].iter().filter(|t| t.alpha).count() < 2 {
                continue;
            }
            let h = self.hash[i];
            let free = next_free.entry(h).or_insert(0);
            if (i as u32) < *free {
                continue;
            }
            *free = (i + n) as u32;
            let first = *first_of.entry(h).or_insert(i as u32);
            by_hash
                .entry(first)
                .or_insert_with(|| (h, Vec::new()))
                .1
                .push(i as u32);
        }
        by_hash
            .into_values()
            .map(|(_, starts)| Candidate {
                n,
                count: starts.len() as u32,
                starts,
            })
            .collect()
    }
}

/// Most repeated text first (occurrences × words), so a long phrase wins
/// over its shorter sub-phrases; at most [`MAX_CANDIDATES`].
fn rank_candidates(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.sort_by(|a, b| {
        (b.count as usize * b.n)
            .cmp(&(a.count as usize * a.n))
            .then(b.count.cmp(&a.count))
            .then(b.n.cmp(&a.n))
            .then(a.starts[0].cmp(&b.starts[0]))
    });
    cands.truncate(MAX_CANDIDATES);
    cands
}

/// In rank order, each candidate not mostly covered by earlier picks is
/// replaced by its [`longest_superphrase`]; both cover their tokens.
fn pick_maximal(token_count: usize, cands: &[Candidate]) -> Vec<&Candidate> {
    let mut covered = vec![false; token_count];
    let mut picked = Vec::new();
    for c in cands {
        let overlapping = c
            .starts
            .iter()
            .filter(|&&p| covered[p as usize..p as usize + c.n].iter().any(|&x| x))
            .count();
        if overlapping * 2 >= c.starts.len() {
            continue;
        }
        let best = longest_superphrase(c, cands);
        for cc in [c, best] {
            for &p in &cc.starts {
                for x in &mut covered[p as usize..p as usize + cc.n] {
                    *x = true;
                }
            }
        }
        picked.push(best);
    }
    picked
}

/// The longest super-phrase of `c` that keeps most of c's occurrences
/// ([`KEEP_SHARE`]); `c` itself when there is none.
fn longest_superphrase<'c>(c: &'c Candidate, cands: &'c [Candidate]) -> &'c Candidate {
    let mut best = c;
    for s in cands {
        if s.n <= best.n || f64::from(s.count) < KEEP_SHARE * f64::from(c.count) {
            continue;
        }
        let inside = c
            .starts
            .iter()
            .filter(|&&p| {
                // s occurrence q contains p when q <= p and p + c.n <= q + s.n.
                let lo = (p as usize + c.n).saturating_sub(s.n) as u32;
                let k = s.starts.partition_point(|&q| q < lo);
                s.starts.get(k).is_some_and(|&q| q <= p)
            })
            .count();
        if inside as f64 >= KEEP_SHARE * c.starts.len() as f64 {
            best = s;
        }
    }
    best
}

/// The [`RepeatedPhrase`] of a picked candidate, in an article of `words`
/// content words.
fn describe_phrase(
    article: &Article,
    toks: &[Token],
    best: &Candidate,
    words: u32,
) -> RepeatedPhrase {
    let first = best.starts[0] as usize;
    let mut paragraphs: Vec<ParaIdx> = best
        .starts
        .iter()
        .map(|&p| ParaIdx(toks[p as usize].para))
        .collect();
    paragraphs.dedup();
    let para = toks[first].para as usize;
    let (mut body, mut capitalised) = (0, 0);
    for &p in &best.starts {
        let occ = &toks[p as usize..p as usize + best.n];
        if occ[0].heading {
            continue;
        }
        body += 1;
        if occ.iter().filter(|t| t.alpha && !t.stop).all(|t| t.upper) {
            capitalised += 1;
        }
    }
    RepeatedPhrase {
        name_like: capitalised * 2 > body || body == 0,
        phrase: phrase_text(
            &article.text,
            toks[first].start,
            toks[first + best.n - 1].end,
        ),
        words: best.n,
        count: best.count,
        per_1000: if words == 0 {
            0.0
        } else {
            f64::from(best.count) * 1000.0 / f64::from(words)
        },
        paragraph: ParaIdx(para as u32),
        line: article.paragraphs.get(para).map(|p| p.line).unwrap_or(0),
        paragraphs,
    }
}

/// The phrase as written, with a currency sign just before it kept and
/// whitespace collapsed.
fn phrase_text(text: &str, start: u32, end: u32) -> String {
    let (mut s, e) = (start as usize, end as usize);
    if let Some(c) = text.get(..s).and_then(|h| h.chars().next_back()) {
        if matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₩') {
            s -= c.len_utf8();
        }
    }
    text.get(s..e)
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn stuffing(
    article: &Article,
    marks: &[ParaMark],
    cfg: &StuffingConfig,
) -> Vec<Finding> {
    let words = article
        .paragraphs
        .iter()
        .enumerate()
        .filter(|(i, _)| is_content(marks, *i))
        .map(|(_, p)| u64::from(p.words))
        .sum::<u64>();
    // The lowest rate any phrase needs, as a count for this article's length.
    let by_rate = (cfg.per_1000(MAX_N, false) * words as f64 / 1000.0).floor() as u32;
    let need = cfg.min_count.max(by_rate);
    let (phrases, words) = repeated_phrases(article, marks, need);
    phrases
        .into_iter()
        .filter(|r| r.count >= cfg.min_count && r.per_1000 >= cfg.per_1000(r.words, r.name_like))
        .take(cfg.max_findings)
        .map(|r| {
            let mut f = Finding::new(article.id, FindingKind::KeywordStuffing)
                .mention(r.phrase.clone())
                .message(format!(
                    "\"{}\" ({} words) is repeated {} times in {} words: {:.1} per 1,000 words, where natural writing stays below {:.1}",
                    r.phrase,
                    r.words,
                    r.count,
                    words,
                    r.per_1000,
                    cfg.per_1000(r.words, r.name_like)
                ))
                .evidence(format!(
                    "paragraphs {}",
                    r.paragraphs
                        .iter()
                        .take(12)
                        .map(|p| p.number().to_string())
                        .collect::<Vec<_>>()
                        .join(" ")
                        + if r.paragraphs.len() > 12 { " …" } else { "" }
                ));
            f.paragraph = Some(r.paragraph);
            f.line = Some(r.line);
            f
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;
    use crate::score::fixture::{article, kinds};
    use crate::score::tokens::tokens;
    use crate::score::{inspect, TellIndex};

    const STUFFED: &str =
        include_str!("../../tests/corpora/score_stuffing/input/stuffed_gadget.txt");
    const COUNCIL: &str =
        include_str!("../../tests/corpora/score_stuffing/input/natural_council.txt");
    const SCIENCE: &str =
        include_str!("../../tests/corpora/score_stuffing/input/natural_science.txt");
    const NAMES: &str =
        include_str!("../../tests/corpora/score_stuffing/input/natural_name_heavy.txt");

    #[test]
    fn stuffed_text_gives_one_finding_for_the_longest_phrase() {
        let a = article(STUFFED);
        let fs = inspect(&a, &[], TellIndex::bundled());
        let s = kinds(&fs, FindingKind::KeywordStuffing);
        assert_eq!(s.len(), 1, "{fs:#?}");
        assert_eq!(s[0].mention, "Best Budget Smart Thermostat");
        assert_eq!(s[0].severity, Severity::Warning);
        assert!(
            s[0].message.contains("repeated 14 times"),
            "{}",
            s[0].message
        );
        assert_eq!(s[0].paragraph, Some(ParaIdx(0)));
    }

    #[test]
    fn natural_articles_are_not_stuffed() {
        for text in [COUNCIL, SCIENCE, NAMES] {
            let fs = inspect(&article(text), &[], TellIndex::bundled());
            assert!(fs.is_empty(), "{fs:#?}");
        }
    }

    #[test]
    fn a_name_used_five_times_in_a_long_article_is_not_stuffing() {
        let name = "Prime Minister Anna Lindqvist said";
        let mut text = String::new();
        for (i, para) in COUNCIL
            .split("\n\n")
            .chain(SCIENCE.split("\n\n"))
            .enumerate()
        {
            text.push_str(para);
            if i % 4 == 1 {
                text.push_str(&format!(" {name} the plan was sound."));
            }
            text.push_str("\n\n");
        }
        assert_eq!(text.matches(name).count(), 5);
        let a = article(&text);
        let (phrases, _) = repeated_phrases(&a, &[], 5);
        assert!(
            phrases.iter().any(|p| p.phrase.contains("Anna Lindqvist")),
            "the name is seen: {phrases:#?}"
        );
        assert!(inspect(&a, &[], TellIndex::bundled()).is_empty());
    }

    #[test]
    fn phrases_are_bounded_by_content_words_and_sentences() {
        let mut text = String::new();
        for i in 0..8 {
            text.push_str(&format!(
                "Item {i}: the quarterly sales figures of the region rose. Nothing else changed here at all today.\n\n"
            ));
        }
        let (phrases, _) = repeated_phrases(&article(&text), &[], 6);
        let names: Vec<&str> = phrases.iter().map(|p| p.phrase.as_str()).collect();
        // The longest phrase, not its sub-phrases ("quarterly sales figures").
        assert!(
            names.contains(&"quarterly sales figures of the region"),
            "{names:?}"
        );
        assert!(!names.contains(&"quarterly sales figures"), "{names:?}");
        for p in &phrases {
            assert!(!p.phrase.to_lowercase().starts_with("the "), "{names:?}");
            assert!(!p.phrase.ends_with(" of"), "{names:?}");
            assert!(
                !p.phrase.contains("rose. Nothing"),
                "crosses a sentence: {names:?}"
            );
        }
    }

    #[test]
    fn repeats_and_boilerplate_are_not_counted() {
        let a = article(STUFFED);
        let marks = vec![ParaMark::Boilerplate; a.paragraphs.len()];
        assert!(inspect(&a, &marks, TellIndex::bundled()).is_empty());
    }

    #[test]
    fn urls_and_code_are_not_phrases() {
        let text =
            "See https://www.example.org/software/tools for details and more.\n\n".repeat(10);
        let (phrases, _) = repeated_phrases(&article(&text), &[], 6);
        assert!(
            phrases.iter().all(|p| !p.phrase.contains("example")),
            "{phrases:#?}"
        );
    }

    fn toks(text: &str) -> Vec<Token> {
        tokens(&article(text), &[])
    }

    fn candidate(n: usize, starts: &[u32]) -> Candidate {
        Candidate {
            n,
            count: starts.len() as u32,
            starts: starts.to_vec(),
        }
    }

    #[test]
    fn frequent_words_are_those_seen_min_count_times() {
        let t = toks("red fox. red fox. red cat.");
        assert_eq!(
            frequent_words(&t, 3),
            vec![true, false, true, false, true, false]
        );
        assert_eq!(
            frequent_words(&t, 2),
            vec![true, true, true, true, true, false]
        );
    }

    #[test]
    fn ngram_levels_count_without_overlaps_and_extend_frequent_ones() {
        // "big red fox" three times in one sentence, then twice overlapping.
        let t = toks("big red fox big red fox big red fox ran. big big big big big.");
        let frequent = frequent_words(&t, 3);
        let level3 = NgramLevel::count(&t, 3, &frequent, &NgramLevel::default(), 3);
        assert_eq!(level3.frequent.iter().filter(|&&f| f).count(), 3);
        assert!(level3.frequent[0] && level3.frequent[3] && level3.frequent[6]);
        // "big big big" at 10, 11, 12 overlaps: counted once, not frequent.
        assert!(!level3.frequent[10]);
        let cands = level3.candidates(&t, 3);
        assert_eq!(cands, vec![candidate(3, &[0, 3, 6])]);
        let level4 = NgramLevel::count(&t, 4, &frequent, &level3, 3);
        assert!(
            level4.frequent.iter().all(|&f| !f),
            "only two 4-grams repeat"
        );
    }

    #[test]
    fn candidates_are_bounded_by_content_words() {
        let t = toks("the red fox ran. the red fox ran. the red fox ran.");
        let all = candidates(&t, 3);
        let spans: Vec<(usize, u32)> = all.iter().map(|c| (c.n, c.starts[0])).collect();
        // "red fox ran" only: phrases starting with "the" are left out.
        assert_eq!(spans, vec![(3, 1)]);
    }

    #[test]
    fn ranking_puts_the_most_repeated_text_first() {
        let ranked = rank_candidates(vec![
            candidate(3, &[0, 10, 20]),
            candidate(4, &[1, 11, 21]),
            candidate(3, &[2, 12, 22, 32]),
            candidate(3, &[5, 15, 25]),
        ]);
        let firsts: Vec<u32> = ranked.iter().map(|c| c.starts[0]).collect();
        assert_eq!(firsts, vec![2, 1, 0, 5]);
        let many: Vec<Candidate> = (0..100).map(|i| candidate(3, &[i, i + 200])).collect();
        assert_eq!(rank_candidates(many).len(), MAX_CANDIDATES);
    }

    #[test]
    fn superphrase_must_keep_most_occurrences() {
        let short = candidate(3, &[1, 11, 21, 31, 41]);
        let long = candidate(5, &[0, 10, 20, 30, 40]);
        let rare = candidate(6, &[0, 10]);
        let cands = [short.clone(), long.clone(), rare];
        assert_eq!(longest_superphrase(&short, &cands), &long);
        let elsewhere = candidate(5, &[100, 110, 120, 130, 140]);
        let cands = [short.clone(), elsewhere];
        assert_eq!(longest_superphrase(&short, &cands), &short);
    }

    #[test]
    fn picks_skip_phrases_mostly_covered_already() {
        let long = candidate(5, &[0, 10, 20, 30, 40]);
        let short = candidate(3, &[1, 11, 21, 31, 41]);
        let other = candidate(3, &[50, 60, 70]);
        let cands = [long.clone(), short, other.clone()];
        assert_eq!(pick_maximal(80, &cands), vec![&long, &other]);
    }

    #[test]
    fn described_phrase_is_as_written_with_rate_and_paragraphs() {
        let a = article("Best  Smart Plug here.\n\nA Best Smart Plug and Best Smart Plug.");
        let t = tokens(&a, &[]);
        let phrase = describe_phrase(&a, &t, &candidate(3, &[0, 5, 9]), 12);
        assert_eq!(phrase.phrase, "Best Smart Plug");
        assert_eq!((phrase.words, phrase.count), (3, 3));
        assert_eq!(phrase.per_1000, 250.0);
        assert_eq!(phrase.paragraphs, vec![ParaIdx(0), ParaIdx(1)]);
        assert_eq!((phrase.paragraph, phrase.line), (ParaIdx(0), 1));
        assert!(phrase.name_like);
    }
}
