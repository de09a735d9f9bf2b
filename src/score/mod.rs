//! Scoring articles and sources, every point explained by a finding.
//!
//! In: an article's text and paragraph marks (for keyword stuffing and
//! machine-written tells), then every article's findings, the scoring and
//! grade tables and the claims stage's source trust. Out: `keyword_stuffing`
//! and `machine_tell` findings, one [`ArticleScore`] per article and one
//! [`SourceRow`] per source. Guarantees: the text checks look at content
//! paragraphs only and are pure; an article's score is exactly
//! `max(0, 100 − Σ_kind min(cap, points × count))` over its non-info findings
//! with the points and caps of `scoring.csv` (the README formula), so every
//! point lost is explained by a finding; nothing depends on hash order.
//!
//! Keyword stuffing: word n-grams (3–6 words, case-folded, possessive `'s`
//! dropped, never crossing a sentence) that start and end with a content word
//! are counted, without overlaps, with hashed tokens (no per-gram strings).
//! A phrase of n words is stuffed when it occurs at least
//! [`STUFFING`]`.min_count` times AND at least `index / (n − 2)` times per
//! 1,000 content words (4× that for proper-name phrases); the thresholds were
//! measured on real prose (see the README, "keyword_stuffing"). Of a phrase and its
//! sub-phrases, only the one covering the most repeated text is reported.

use crate::model::{
    Article, ArticleId, ArticleScore, ArticleSummary, Finding, FindingKind, ParaIdx, ParaMark,
    Severity, SourceRow,
};
use crate::rules::{Rules, Tell};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// When a repeated phrase counts as keyword stuffing.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct StuffingConfig {
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
pub const STUFFING: StuffingConfig = StuffingConfig {
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
/// Most machine_tell findings per article.
const MAX_TELLS: usize = 5;

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

/// [`is_stopword`] for a word whose xxh3 hash is known: a lookup among the
/// stopwords' hashes, the text compared only on a hit.
fn is_stopword_hashed(w: &str, hash: u64) -> bool {
    static HASHES: OnceLock<Vec<(u64, &'static str)>> = OnceLock::new();
    let table = HASHES.get_or_init(|| {
        let mut t: Vec<(u64, &'static str)> = STOPWORDS
            .iter()
            .map(|w| (xxhash_rust::xxh3::xxh3_64(w.as_bytes()), *w))
            .collect();
        t.sort_unstable();
        t
    });
    let i = table.partition_point(|e| e.0 < hash);
    table[i..]
        .iter()
        .take_while(|e| e.0 == hash)
        .any(|e| e.1 == w)
}

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

/// One word of a content paragraph.
struct Tok {
    hash: u64,
    /// Byte range in the article text.
    start: u32,
    end: u32,
    stop: bool,
    alpha: bool,
    /// Part of a URL, e-mail address, path or code (touches `/`, `@`, `_`,
    /// ...): not prose, so no phrase may contain it.
    code: bool,
    /// Starts with an uppercase letter.
    upper: bool,
    /// In a heading (headings are title-cased, so their case says nothing).
    heading: bool,
    /// Sentence number: n-grams never cross sentences.
    seg: u32,
    /// Index into the article's paragraphs.
    para: u32,
}

fn is_content(marks: &[ParaMark], i: usize) -> bool {
    marks.get(i).is_none_or(|m| m.is_content())
}

/// Words of the content paragraphs, normalised and hashed.
fn tokens(article: &Article, marks: &[ParaMark]) -> Vec<Tok> {
    let mut out = Vec::new();
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
        for &(s, e) in sentences {
            seg += 1;
            let Some(text) = article.text.get(s as usize..e as usize) else {
                continue;
            };
            for (off, w) in crate::segment::word_indices(text) {
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
                let norm = buf.strip_suffix("'s").unwrap_or(&buf);
                let start = s + off as u32;
                let glued = |c: Option<char>| {
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
                };
                let code = glued(text[..off].chars().next_back())
                    || glued(text[off + w.len()..].chars().next());
                let hash = xxhash_rust::xxh3::xxh3_64(norm.as_bytes());
                out.push(Tok {
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
                    heading: p.heading,
                    seg,
                    para: pi as u32,
                });
            }
        }
    }
    out
}

fn mix(h: u64, next: u64) -> u64 {
    (h.rotate_left(23) ^ next).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// A phrase repeated in an article's content paragraphs.
#[derive(Clone, Debug, PartialEq)]
pub struct RepeatedPhrase {
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

struct Cand {
    n: usize,
    count: u32,
    /// Start token of each non-overlapping occurrence, ascending.
    pos: Vec<u32>,
}

/// Every maximal stopword-bounded phrase of 3–6 words that occurs at least
/// `min_count` times, most frequent first, and the number of content words.
/// Public so the thresholds can be measured on real text.
pub fn repeated_phrases(
    article: &Article,
    marks: &[ParaMark],
    min_count: u32,
) -> (Vec<RepeatedPhrase>, u32) {
    let toks = tokens(article, marks);
    let words = toks.len() as u32;
    let min_count = min_count.max(2);
    let t = toks.len();
    let mut cands: Vec<Cand> = Vec::new();
    // Level n keeps, per start token, the n-gram hash and whether that
    // n-gram is frequent; only frequent n-grams are extended to n+1.
    let mut prev_hash: Vec<u64> = Vec::new();
    let mut prev_freq: Vec<bool> = Vec::new();
    // A phrase occurs no more often than its rarest word: only words seen
    // `min_count` times can be part of a frequent phrase (exact, and most
    // words of an article are not).
    let frequent_word: Vec<bool> = {
        let mut by_word: Vec<(u64, u32)> = toks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.hash, i as u32))
            .collect();
        by_word.sort_unstable();
        let mut f = vec![false; t];
        for run in by_word.chunk_by(|a, b| a.0 == b.0) {
            if run.len() >= min_count as usize {
                for &(_, i) in run {
                    f[i as usize] = true;
                }
            }
        }
        f
    };
    for n in MIN_N..=MAX_N {
        if t < n {
            break;
        }
        let last = t - n;
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
                if !prev_freq.get(i).copied().unwrap_or(false) {
                    continue;
                }
                mix(prev_hash[i], toks[i + n - 1].hash)
            };
            hash[i] = h;
            live[i] = true;
            let e = counts.entry(h).or_insert((0, 0));
            if i as u32 >= e.1 {
                e.0 += 1;
                e.1 = (i + n) as u32;
            }
        }
        let freq: Vec<bool> = (0..=last)
            .map(|i| live[i] && counts.get(&hash[i]).is_some_and(|c| c.0 >= min_count))
            .collect();
        // Candidates: frequent, bounded by content words, mostly words.
        let mut by_hash: BTreeMap<u32, (u64, Vec<u32>)> = BTreeMap::new(); // first pos -> ..
        let mut first_of: IdMap<u32> = IdMap::default();
        let mut next_free: IdMap<u32> = IdMap::default();
        for i in 0..=last {
            if !freq[i] || toks[i].stop || toks[i + n - 1].stop {
                continue;
            }
            if toks[i..i + n].iter().filter(|t| t.alpha).count() < 2 {
                continue;
            }
            let h = hash[i];
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
        for (_, (_, pos)) in by_hash {
            cands.push(Cand {
                n,
                count: pos.len() as u32,
                pos,
            });
        }
        prev_hash = hash;
        prev_freq = freq;
    }
    // Most repeated text first (occurrences × words), so a long phrase wins
    // over its shorter sub-phrases.
    cands.sort_by(|a, b| {
        (b.count as usize * b.n)
            .cmp(&(a.count as usize * a.n))
            .then(b.count.cmp(&a.count))
            .then(b.n.cmp(&a.n))
            .then(a.pos[0].cmp(&b.pos[0]))
    });
    cands.truncate(MAX_CANDIDATES);

    let mut covered = vec![false; t];
    let mut out = Vec::new();
    for c in &cands {
        let overlapping = c
            .pos
            .iter()
            .filter(|&&p| covered[p as usize..p as usize + c.n].iter().any(|&x| x))
            .count();
        if overlapping * 2 >= c.pos.len() {
            continue;
        }
        // The longest super-phrase that keeps most of c's occurrences.
        let mut best = c;
        for s in &cands {
            if s.n <= best.n || f64::from(s.count) < KEEP_SHARE * f64::from(c.count) {
                continue;
            }
            let inside = c
                .pos
                .iter()
                .filter(|&&p| {
                    // s occurrence q contains p when q <= p and p + c.n <= q + s.n.
                    let lo = (p as usize + c.n).saturating_sub(s.n) as u32;
                    let k = s.pos.partition_point(|&q| q < lo);
                    s.pos.get(k).is_some_and(|&q| q <= p)
                })
                .count();
            if inside as f64 >= KEEP_SHARE * c.pos.len() as f64 {
                best = s;
            }
        }
        for cc in [c, best] {
            for &p in &cc.pos {
                for x in &mut covered[p as usize..p as usize + cc.n] {
                    *x = true;
                }
            }
        }
        let first = best.pos[0] as usize;
        let mut paragraphs: Vec<ParaIdx> = best
            .pos
            .iter()
            .map(|&p| ParaIdx(toks[p as usize].para))
            .collect();
        paragraphs.dedup();
        let para = toks[first].para as usize;
        let (mut body, mut capitalised) = (0, 0);
        for &p in &best.pos {
            let occ = &toks[p as usize..p as usize + best.n];
            if occ[0].heading {
                continue;
            }
            body += 1;
            if occ.iter().filter(|t| t.alpha && !t.stop).all(|t| t.upper) {
                capitalised += 1;
            }
        }
        out.push(RepeatedPhrase {
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
        });
    }
    (out, words)
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

fn stuffing(article: &Article, marks: &[ParaMark], cfg: &StuffingConfig) -> Vec<Finding> {
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

/// The machine-writing tells of a rules folder, compiled once per run.
#[derive(Clone, Debug, Default)]
pub struct TellIndex {
    ac: Option<AhoCorasick>,
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
                normalise_into(&t.pattern, 0, &mut s, &mut map);
                (t.line, s.trim().to_string(), t.note.clone())
            })
            .filter(|(_, p, _)| !p.is_empty())
            .collect();
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(tells.iter().map(|t| t.1.as_str()))
            .ok();
        TellIndex { ac, tells }
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
fn normalise_into(text: &str, base: usize, out: &mut String, map: &mut Vec<u32>) {
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

fn tells(article: &Article, marks: &[ParaMark], index: &TellIndex) -> Vec<Finding> {
    let Some(ac) = &index.ac else {
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
        norm.clear();
        map.clear();
        normalise_into(text, p.start as usize, &mut norm, &mut map);
        for m in ac.find_iter(&norm) {
            let Some((line, pattern, note)) = index.tells.get(m.pattern().as_usize()) else {
                continue;
            };
            let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            let starts_word = pattern.chars().next().is_some_and(char::is_alphanumeric);
            let ends_word = pattern
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            if (starts_word && alnum(norm[..m.start()].chars().next_back()))
                || (ends_word && alnum(norm[m.end()..].chars().next()))
            {
                continue;
            }
            let (Some(&s), Some(&l)) = (map.get(m.start()), map.get(m.end() - 1)) else {
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
                        crate::text::truncate_chars(
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

/// Per-article pass: keyword stuffing and machine-written tells over the
/// content paragraphs. Pure.
pub fn inspect(article: &Article, marks: &[ParaMark], index: &TellIndex) -> Vec<Finding> {
    let mut out = stuffing(article, marks, &STUFFING);
    out.extend(tells(article, marks, index));
    out
}

/// Points one finding costs, before caps: its kind's points from
/// scoring.csv; infos and kinds absent from scoring.csv cost nothing.
fn unit_points(f: &Finding, rules: &Rules) -> (f64, Option<f64>) {
    if f.severity == Severity::Info {
        return (0.0, None);
    }
    match rules.scoring_for(f.kind) {
        Some(r) => (r.points, r.cap),
        None => (0.0, None),
    }
}

/// What each finding actually cost (in the given order, a kind's findings
/// cost their points until the kind's cap is used up).
pub fn costs(findings: &[&Finding], rules: &Rules) -> Vec<f64> {
    let mut spent: BTreeMap<FindingKind, f64> = BTreeMap::new();
    findings
        .iter()
        .map(|f| {
            let (points, cap) = unit_points(f, rules);
            let used = spent.entry(f.kind).or_insert(0.0);
            let room = cap.map_or(f64::INFINITY, |c| (c - *used).max(0.0));
            let cost = points.min(room);
            *used += cost;
            cost
        })
        .collect()
}

/// Scores one article from its findings (sorted by paragraph, line, kind,
/// mention): `max(0, 100 − Σ_kind min(cap, points × count))`.
pub fn score_article(article: ArticleId, findings: &[&Finding], rules: &Rules) -> ArticleScore {
    let costs = costs(findings, rules);
    let lost: f64 = costs.iter().sum();
    let score = (100.0 - lost).max(0.0);
    let mut top: Option<(usize, f64)> = None;
    for (i, &c) in costs.iter().enumerate() {
        if c > 0.0 && top.is_none_or(|(_, best)| c > best) {
            top = Some((i, c));
        }
    }
    let top_finding = top
        .and_then(|(i, _)| findings.get(i))
        .map(|f| {
            if f.mention.is_empty() {
                f.kind.as_str().to_string()
            } else {
                format!("{}: {}", f.kind.as_str(), f.mention)
            }
        })
        .unwrap_or_default();
    ArticleScore {
        article,
        score,
        grade: grade(score, rules),
        top_finding,
    }
}

/// The highest grade band whose `min_score` the score reaches (empty when
/// no band fits).
pub fn grade(score: f64, rules: &Rules) -> String {
    rules
        .grades
        .iter()
        .filter(|g| score >= g.min_score)
        .max_by(|a, b| a.min_score.total_cmp(&b.min_score))
        .map(|g| g.grade.clone())
        .unwrap_or_default()
}

/// One row per source, sorted by source: article count, mean and lowest
/// score, error and warning counts, trust (from the claims stage) and the
/// lowest-scoring article (ties: the first by id).
pub fn roll_up(
    articles: &[ArticleSummary],
    scores: &[ArticleScore],
    findings: &[Finding],
    trust: &[(String, f64)],
) -> Vec<SourceRow> {
    let score_of: BTreeMap<ArticleId, f64> = scores.iter().map(|s| (s.article, s.score)).collect();
    let mut sev: BTreeMap<ArticleId, (u32, u32)> = BTreeMap::new();
    for f in findings {
        let e = sev.entry(f.article).or_default();
        match f.severity {
            Severity::Error => e.0 += 1,
            Severity::Warning => e.1 += 1,
            Severity::Info => {}
        }
    }
    let mut by_source: BTreeMap<&str, Vec<&ArticleSummary>> = BTreeMap::new();
    for a in articles {
        by_source.entry(a.source.as_str()).or_default().push(a);
    }
    by_source
        .into_iter()
        .map(|(source, mut arts)| {
            arts.sort_by_key(|a| a.id);
            let scored: Vec<(f64, &ArticleSummary)> = arts
                .iter()
                .filter_map(|a| score_of.get(&a.id).map(|&s| (s, *a)))
                .collect();
            let mean = if scored.is_empty() {
                0.0
            } else {
                scored.iter().map(|(s, _)| s).sum::<f64>() / scored.len() as f64
            };
            let mut worst: Option<(f64, &ArticleSummary)> = None;
            for &(s, a) in &scored {
                if worst.is_none_or(|(w, _)| s < w) {
                    worst = Some((s, a));
                }
            }
            let (errors, warnings) = arts.iter().fold((0, 0), |acc, a| {
                let (e, w) = sev.get(&a.id).copied().unwrap_or_default();
                (acc.0 + e, acc.1 + w)
            });
            SourceRow {
                source: source.to_string(),
                articles: arts.len() as u32,
                mean_score: mean,
                min_score: worst.map_or(0.0, |(s, _)| s),
                errors,
                warnings,
                trust: trust.iter().find(|(s, _)| s == source).map(|(_, t)| *t),
                worst_article: worst.map(|(_, a)| a.key.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
    use crate::model::{Date, DateOrigin};
    use crate::segment::article_from_text;
    use std::path::PathBuf;

    const STUFFED: &str =
        include_str!("../../tests/corpora/score_stuffing/input/stuffed_gadget.txt");
    const COUNCIL: &str =
        include_str!("../../tests/corpora/score_stuffing/input/natural_council.txt");
    const SCIENCE: &str =
        include_str!("../../tests/corpora/score_stuffing/input/natural_science.txt");
    const NAMES: &str =
        include_str!("../../tests/corpora/score_stuffing/input/natural_name_heavy.txt");

    fn article(text: &str) -> Article {
        article_from_text(0, "a.txt", text, Date::parse_iso("2026-02-12").unwrap())
    }

    fn kinds(fs: &[Finding], k: FindingKind) -> Vec<&Finding> {
        fs.iter().filter(|f| f.kind == k).collect()
    }

    fn bundled() -> Rules {
        Rules::parse(None, None, None, None, None, None).unwrap()
    }

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

    fn f(kind: FindingKind, para: u32, mention: &str) -> Finding {
        let mut f = Finding::new(ArticleId(0), kind).mention(mention);
        f.paragraph = Some(ParaIdx(para));
        f
    }

    fn table(csv: &str) -> Rules {
        Rules::parse(None, None, None, None, Some(csv), None).unwrap()
    }

    #[test]
    fn score_is_100_minus_capped_points_per_kind() {
        let rules = table(
            "kind,severity,points,cap\nquantity_conflict,error,15,30\nmisspelled_name,error,10,\nduplicate_paragraph,warning,4,6\nboilerplate,info,5,\n",
        );
        use FindingKind::*;
        let fs = [
            f(QuantityConflict, 0, "$5"),
            f(QuantityConflict, 1, "$5"),
            f(QuantityConflict, 2, "$5"), // capped: 30, not 45
            f(MisspelledName, 3, "Jon"),
            f(MisspelledName, 4, "Jon"), // no cap: 20
            f(DuplicateParagraph, 5, ""),
            f(DuplicateParagraph, 6, ""), // cap 6: 4 + 2
            f(Boilerplate, 7, ""),        // info: free even with points
            f(InternalConflict, 8, "x"),  // not in the table: free
        ];
        let refs: Vec<&Finding> = fs.iter().collect();
        assert_eq!(
            costs(&refs, &rules),
            vec![15.0, 15.0, 0.0, 10.0, 10.0, 4.0, 2.0, 0.0, 0.0]
        );
        let s = score_article(ArticleId(0), &refs, &rules);
        assert_eq!(s.score, 100.0 - 30.0 - 20.0 - 6.0);
        assert_eq!(s.grade, "F");
        assert_eq!(s.top_finding, "quantity_conflict: $5");
    }

    #[test]
    fn score_never_goes_below_zero_and_grades_follow_bands() {
        let rules = table("kind,severity,points,cap\nwrong_officeholder,error,40,\n");
        let fs: Vec<Finding> = (0..4)
            .map(|i| f(FindingKind::WrongOfficeholder, i, "X"))
            .collect();
        let refs: Vec<&Finding> = fs.iter().collect();
        assert_eq!(score_article(ArticleId(0), &refs, &rules).score, 0.0);
        let r = bundled();
        assert_eq!(grade(100.0, &r), "A");
        assert_eq!(grade(90.0, &r), "A");
        assert_eq!(grade(89.9, &r), "B");
        assert_eq!(grade(65.0, &r), "C");
        assert_eq!(grade(0.0, &r), "F");
        let none = score_article(ArticleId(3), &[], &r);
        assert_eq!((none.score, none.grade.as_str()), (100.0, "A"));
        assert_eq!(none.top_finding, "");
    }

    #[test]
    fn top_finding_is_the_costliest_first_on_ties() {
        let rules = bundled();
        use FindingKind::*;
        let fs = [
            f(DuplicateParagraph, 0, "p1"),
            f(MisspelledName, 1, "Jon Smit"),
            f(WrongOfficeholder, 2, "Ann Roe"),
            f(OutdatedOfficeholder, 3, "Bo Lee"),
        ];
        let refs: Vec<&Finding> = fs.iter().collect();
        // wrong_officeholder and outdated_officeholder both cost 15: first wins.
        assert_eq!(
            score_article(ArticleId(0), &refs, &rules).top_finding,
            "wrong_officeholder: Ann Roe"
        );
        let infos = [f(Boilerplate, 0, "bio"), f(NameVariant, 1, "Ryo")];
        let refs: Vec<&Finding> = infos.iter().collect();
        assert_eq!(score_article(ArticleId(0), &refs, &rules).top_finding, "");
    }

    #[test]
    fn bundled_weights_make_errors_cost_more_than_warnings_and_infos_nothing() {
        let rules = bundled();
        let min_error = rules
            .scoring
            .iter()
            .filter(|r| r.severity == Severity::Error && r.kind != FindingKind::InputError)
            .map(|r| r.points)
            .fold(f64::INFINITY, f64::min);
        let max_warning = rules
            .scoring
            .iter()
            .filter(|r| r.severity == Severity::Warning)
            .map(|r| r.points)
            .fold(0.0, f64::max);
        assert!(min_error > max_warning, "{min_error} vs {max_warning}");
        for r in &rules.scoring {
            assert_eq!(r.severity, r.kind.severity(), "{:?}", r.kind);
            if r.severity == Severity::Info {
                assert_eq!(r.points, 0.0, "{:?}", r.kind);
            }
        }
    }

    /// The findings the seeds are expected to get once every stage runs,
    /// with low and high counts: the order the issue asks for must hold.
    #[test]
    fn seed_like_finding_sets_order_as_required() {
        use FindingKind::*;
        let rules = bundled();
        let build = |spec: &[(FindingKind, usize)]| -> f64 {
            let mut fs = Vec::new();
            for &(k, n) in spec {
                for i in 0..n {
                    fs.push(f(k, i as u32, "m"));
                }
            }
            let refs: Vec<&Finding> = fs.iter().collect();
            score_article(ArticleId(0), &refs, &rules).score
        };
        for heavy in [false, true] {
            let m = |lo: usize, hi: usize| if heavy { hi } else { lo };
            let s000 = build(&[
                (WrongOfficeholder, 1),
                (QuantityConflict, m(1, 3)),
                (DuplicateParagraph, m(1, 4)),
                (Boilerplate, 3),
            ]);
            let s001 = build(&[(NameVariant, 6), (KeywordStuffing, 1), (Boilerplate, 1)]);
            let s002 = build(&[
                (MisspelledName, m(1, 3)),
                (QuantityConflict, m(1, 8)),
                (KeywordStuffing, 1),
            ]);
            let s003 = build(&[
                (OutdatedOfficeholder, 2),
                (QuantityConflict, m(1, 6)),
                (KeywordStuffing, 1),
                (MachineTell, 1),
                (Boilerplate, 2),
            ]);
            let s004 = build(&[(Boilerplate, 16)]);
            let all = [s000, s001, s002, s003, s004];
            assert!(s004 > s001, "{all:?}");
            for s in [s000, s002, s003] {
                assert!(s < s001, "{all:?}");
            }
            assert!(s003 <= s000 && s003 <= s002 + 10.0, "{all:?}");
        }
    }

    fn summary(id: u32, source: &str) -> ArticleSummary {
        ArticleSummary {
            id: ArticleId(id),
            key: format!("a{id}.txt"),
            path: PathBuf::from(format!("a{id}.txt")),
            first_line: 1,
            title: String::new(),
            source: source.into(),
            author: String::new(),
            url: String::new(),
            date: Date::parse_iso("2026-02-12").unwrap(),
            date_origin: DateOrigin::Manifest,
            content_hash: 0,
            para_words: vec![],
            para_lines: vec![],
            prints: Default::default(),
            findings: vec![],
            claims: vec![],
        }
    }

    fn scored(id: u32, score: f64) -> ArticleScore {
        ArticleScore {
            article: ArticleId(id),
            score,
            grade: String::new(),
            top_finding: String::new(),
        }
    }

    #[test]
    fn roll_up_gives_one_sorted_row_per_source() {
        let arts = [
            summary(0, "zeta"),
            summary(1, "alpha"),
            summary(2, "zeta"),
            summary(3, "zeta"),
        ];
        let scores = [
            scored(0, 70.0),
            scored(1, 100.0),
            scored(2, 40.0),
            scored(3, 40.0),
        ];
        let mut fs = vec![
            Finding::new(ArticleId(0), FindingKind::WrongOfficeholder),
            Finding::new(ArticleId(2), FindingKind::KeywordStuffing),
            Finding::new(ArticleId(2), FindingKind::Boilerplate),
            Finding::new(ArticleId(1), FindingKind::MachineTell),
        ];
        fs.push(Finding::new(ArticleId(9), FindingKind::InputError));
        let rows = roll_up(&arts, &scores, &fs, &[("zeta".into(), 0.25)]);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].source, "alpha");
        assert_eq!(
            (rows[0].articles, rows[0].errors, rows[0].warnings),
            (1, 0, 1)
        );
        assert_eq!(rows[0].trust, None);
        let z = &rows[1];
        assert_eq!((z.articles, z.errors, z.warnings), (3, 1, 1));
        assert_eq!(z.mean_score, 50.0);
        assert_eq!(z.min_score, 40.0);
        assert_eq!(z.worst_article, "a2.txt", "ties go to the first id");
        assert_eq!(z.trust, Some(0.25));
    }
}
