//! The per-article pass ([`fingerprint`]): a print of every paragraph for the
//! cross-article link, and what the article alone shows (repeats inside it,
//! structural boilerplate such as related-story lists).

use super::normalise::Normalised;
use super::similarity::Ready;
use super::{band_keys, DedupConfig, BANDS, LIGHT_WORDS, MIN_EXACT_WORDS};
use crate::model::{
    Article, ArticleId, ArticlePrints, DupKind, DuplicateRow, Finding, FindingKind, ParaIdx,
    ParaMark, ParaPrint, Paragraph,
};
use crate::segment::{list_label, Furniture};
use page::{page_furniture, raw_furniture};
use xxhash_rust::xxh3::xxh3_64;

mod page;

/// Structural blocks: at least this many consecutive title-like lines after
/// the article body has started, or [`STRUCT_RUN_HEAD`] anywhere.
const STRUCT_RUN: usize = 4;
const STRUCT_RUN_HEAD: usize = 6;
/// A "short" list item a tail block may absorb.
const SHORT_ITEM_WORDS: u32 = 30;
/// A sentence paragraph this long can start a run of prose.
const PROSE_WORDS: u32 = 4;
/// Why a layout repeat is boilerplate (finding message).
pub(super) const LAYOUT_REASON: &str =
    "a layout repeat (a headline, subheading or caption shown again)";
/// Why a structural block is boilerplate (finding message).
pub(super) const TITLE_LIST_REASON: &str =
    "a list of title-like lines (related articles, navigation)";

/// For each paragraph, the earlier paragraph it repeats within the article
/// and their similarity: `first[j] = Some((i, similarity))`, `i < j`.
type FirstSeen = Vec<Option<(usize, f64)>>;
/// Within-article repeat groups: (first occurrence, [(repeat, similarity)]).
type RepeatGroups = Vec<(usize, Vec<(usize, f64)>)>;

/// Sentence-ending punctuation: a line ending in one of these is prose.
const TERMINAL: &[char] = &[
    '.', '!', '?', ':', ';', ',', '"', '\u{201d}', '\u{2019}', '\'', ')', '\u{3002}', '\u{ff01}',
    '\u{ff1f}', '\u{2026}',
];
/// Headlines run longer than section headings; past this, a line is prose.
const TITLE_WORDS: u32 = 24;

/// A single-line title-like paragraph (heading, headline, label, date line,
/// byline): no sentence punctuation at its end.
fn title_like(article: &Article, p: &Paragraph) -> bool {
    let t = article.para_text(p).trim();
    !t.contains('\n')
        && (p.heading || (p.words > 0 && p.words <= TITLE_WORDS && !t.ends_with(TERMINAL)))
}

/// A single-line paragraph short enough to be a list item a tail block absorbs.
fn short_item(article: &Article, p: &Paragraph) -> bool {
    p.words <= SHORT_ITEM_WORDS && !article.para_text(p).contains('\n')
}

/// Words that make a list item a role ("Foreign Secretary: Jane Example"):
/// English office words, like the stopword lists elsewhere.
const ROLE_WORDS: &[&str] = &[
    "minister",
    "secretary",
    "president",
    "vice",
    "chancellor",
    "premier",
    "governor",
    "mayor",
    "ambassador",
    "director",
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "chief",
    "commissioner",
    "speaker",
    "leader",
    "deputy",
    "senator",
    "judge",
    "justice",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "ceo",
    "cfo",
    "head",
    "treasurer",
    "envoy",
    "adviser",
    "advisor",
    "officer",
    "coach",
    "captain",
    "manager",
    "attorney",
    "general",
    "prosecutor",
    "king",
    "queen",
    "prince",
    "princess",
    "governor-general",
    "mp",
    "mla",
    "councillor",
    "councilor",
    "representative",
    "delegate",
    "founder",
    "editor",
    "principal",
    "dean",
    "rector",
    "marshal",
    "commander",
    "admiral",
    "whip",
    "auditor",
    "registrar",
    "ombudsman",
    "controller",
    "administrator",
    "executive",
    "president-elect",
    "member",
    "lord",
    "baroness",
    "sheikh",
    "emir",
    "sultan",
    "mufti",
    "bishop",
    "archbishop",
];
/// Name particles a name part may hold in lowercase.
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "del", "van", "von", "der", "bin", "binti", "al", "el", "la", "le", "du", "dos",
];

/// A list item that carries a role and a name: "Foreign Secretary: Jane
/// Example", "Jane Example – Minister of Finance", "Jane Example
/// (Chancellor)". Such lists (a cabinet, a board) are content.
fn role_and_name(line: &str) -> bool {
    let t = line
        .trim()
        .trim_start_matches(['•', '·', '*', '-', '–', ' ']);
    let (a, b) = if let Some(open) = t.strip_suffix(')').and_then(|x| x.rfind('(')) {
        (&t[..open], &t[open + 1..t.len() - 1])
    } else {
        match [": ", " – ", " — ", " - ", ", ", " | "]
            .iter()
            .filter_map(|sep| t.find(sep).map(|i| (i, sep.len())))
            .min()
        {
            Some((i, l)) => (&t[..i], &t[i + l..]),
            None => return false,
        }
    };
    let has_role = |x: &str| {
        x.split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .any(|w| ROLE_WORDS.contains(&w.to_lowercase().as_str()))
    };
    let is_name = |x: &str| {
        let ws: Vec<&str> = x.split_whitespace().collect();
        (2..=5).contains(&ws.len())
            && !has_role(x)
            && !x.chars().any(|c| c.is_ascii_digit())
            && ws.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    || NAME_PARTICLES.contains(&w.to_lowercase().as_str())
            })
    };
    (has_role(a) && is_name(b)) || (is_name(a) && has_role(b))
}

/// Paragraphs that belong to a run of prose: sentence paragraphs (not
/// title-like, at least [`PROSE_WORDS`] words) next to another one, one of
/// the two at least [`LIGHT_WORDS`] long; or a paragraph of three
/// sentences or more. A run of long sentences is the story wherever it
/// stands (a related list's teasers alternate with headlines instead).
fn prose_runs(article: &Article, tl: &[bool], furn: &[bool]) -> Vec<bool> {
    let ps = &article.paragraphs;
    let n = ps.len();
    let prose: Vec<bool> = (0..n)
        .map(|i| !tl[i] && !furn[i] && ps[i].words >= PROSE_WORDS)
        .collect();
    let pair = |a: usize, b: usize| {
        prose[a] && prose[b] && (ps[a].words >= LIGHT_WORDS || ps[b].words >= LIGHT_WORDS)
    };
    (0..n)
        .map(|i| {
            (prose[i] && ps[i].sentences.len() >= 3 && ps[i].words >= LIGHT_WORDS)
                || (i > 0 && pair(i - 1, i))
                || (i + 1 < n && pair(i, i + 1))
        })
        .collect()
}

/// The headline's paragraph: the one whose text is the page's headline
/// ([`crate::segment::headline`]), among the first twelve.
fn headline_para(article: &Article) -> Option<usize> {
    let h = crate::segment::headline(&article.text)?;
    article
        .paragraphs
        .iter()
        .take(12)
        .position(|p| article.para_text(p).trim().trim_start_matches('#').trim() == h)
}

/// Structural boilerplate blocks (inclusive paragraph ranges): runs of
/// title-like lines (related-article lists, navigation), grown to the end of
/// the article and back to their label when only short items surround them.
/// A block never takes the story: a run whose items mostly carry a role and
/// a name (a cabinet list) is not a block, and a block grows over neither a
/// run of prose paragraphs nor role items. `headline`: the headline's
/// paragraph ([`headline_para`], found once per article).
fn structural_blocks(
    article: &Article,
    raw: &[Option<Furniture>],
    headline: Option<usize>,
) -> Vec<(usize, usize)> {
    let ps = &article.paragraphs;
    let n = ps.len();
    let tl: Vec<bool> = ps.iter().map(|p| title_like(article, p)).collect();
    let role: Vec<bool> = ps
        .iter()
        .zip(&tl)
        .map(|(p, &t)| t && role_and_name(article.para_text(p)))
        .collect();
    let furn: Vec<bool> = raw.iter().map(Option::is_some).collect();
    let story = prose_runs(article, &tl, &furn);
    // Short items a block may grow over: never the story, never a role item.
    let short: Vec<bool> = ps
        .iter()
        .enumerate()
        .map(|(i, p)| short_item(article, p) && !story[i] && !role[i])
        .collect();
    // Prose that shows the article body has begun: a long paragraph or a
    // run of prose (wire copy in short paragraphs).
    let body: Vec<bool> = ps
        .iter()
        .zip(&tl)
        .enumerate()
        .map(|(x, (p, &t))| (!t && p.words >= 2 * LIGHT_WORDS) || story[x])
        .collect();
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        if !tl[i] {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < n && tl[j + 1] {
            j += 1;
        }
        let len = j - i + 1;
        let after_body = body[..i].iter().any(|&b| b);
        // A list of roles and names, between page furniture, is content.
        let roles = role[i..=j].iter().filter(|&&r| r).count();
        let items = (i..=j).filter(|&x| !furn[x]).count();
        if roles > 0 && roles * 2 >= items {
            i = j + 1;
            continue;
        }
        if (len >= STRUCT_RUN && after_body) || len >= STRUCT_RUN_HEAD {
            let (mut s, mut e) = (i, j);
            // Only short items follow: the block runs to the end.
            if short[j + 1..].iter().all(|&x| x) {
                e = n - 1;
                // And back over short items, to the label that opens them:
                // a list label ("Related Articles") takes the teasers under
                // it; any other title-like line only what a long sentence
                // paragraph does not stop (the story comes before it).
                let mut k = s;
                while k > 0 && short_item(article, &ps[k - 1]) {
                    k -= 1;
                }
                let listed = (k..s)
                    .rev()
                    .find(|&x| list_label(article.para_text(&ps[x])));
                if let Some(label) = listed {
                    s = label;
                } else {
                    let mut k = s;
                    while k > 0 && short[k - 1] && (tl[k - 1] || ps[k - 1].words < LIGHT_WORDS) {
                        k -= 1;
                    }
                    if let Some(label) = (k..s).rev().find(|&x| tl[x]) {
                        s = label;
                    }
                }
            }
            // The headline is the article's, even inside a menu run.
            let parts = match headline {
                Some(h) if (s..=e).contains(&h) && !after_body => {
                    [(s < h).then(|| (s, h - 1)), (h < e).then(|| (h + 1, e))]
                }
                _ => [Some((s, e)), None],
            };
            // A piece too short to be a list is left to the furniture pass.
            let whole = parts[1].is_none();
            for (s, e) in parts
                .into_iter()
                .flatten()
                .filter(|&(s, e)| whole || e + 1 - s >= STRUCT_RUN)
            {
                match out.last_mut() {
                    Some(last) if last.1 + 1 >= s => last.1 = last.1.max(e),
                    _ => out.push((s, e)),
                }
            }
            i = e + 1;
        } else {
            i = j + 1;
        }
    }
    out
}

/// `key#pN`: how findings and evidence name a paragraph.
pub(super) fn para_key(key: &str, p: ParaIdx) -> String {
    format!("{key}#p{}", p.number())
}

fn excerpt(s: &str) -> String {
    crate::text::cut_marked(s.trim(), 80).replace('\n', " ")
}

/// The `boilerplate` finding for one block of paragraphs.
pub(super) fn block_finding(
    article: ArticleId,
    first: (ParaIdx, u32),
    last_line: u32,
    count: usize,
    reason: &str,
    evidence: String,
) -> Finding {
    let mut f = Finding::new(article, FindingKind::Boilerplate)
        .message(format!(
            "{count} paragraph{} (lines {}-{}) not part of the article: {reason}",
            if count == 1 { "" } else { "s" },
            first.1,
            last_line
        ))
        .evidence(evidence);
    f.paragraph = Some(first.0);
    f.line = Some(first.1);
    f
}

/// Per-article pass: fingerprints every paragraph and finds what the article
/// alone shows (repeats inside it, structural boilerplate). Pure.
///
/// 1. `para_prints`: normalised-text hash, band keys and title-likeness of
///    every paragraph.
/// 2. `exact_repeats`: paragraphs repeating an earlier one word for word.
/// 3. `near_candidates`: pairs of paragraphs sharing a band key.
/// 4. `confirm_near_repeats`: candidates at or above `near_dup` on text.
/// 5. `repeat_groups`: repeats marked `Duplicate`, one finding each,
///    grouped under the first occurrence of their chain (`chain_root`).
/// 6. `repeat_rows`: the duplicates.csv rows of those groups.
/// 7. `structural_boilerplate`: runs of title-like lines marked
///    `Boilerplate`, one finding and one group each (not on an HTML page:
///    `page::reads_structure`).
pub fn fingerprint(article: &Article, cfg: &DedupConfig) -> ArticlePrints {
    let prints = para_prints(article);
    let mut first = exact_repeats(&prints);
    let candidates = near_candidates(&prints, &first);
    confirm_near_repeats(article, &prints, &candidates, cfg.near_dup, &mut first);
    let raw = raw_furniture(article);
    let headline = headline_para(article);
    let furn = page_furniture(article, &raw, headline);
    let layout = layout_repeats(article, &prints, &furn, &mut first);
    let mut out = ArticlePrints {
        marks: vec![ParaMark::Content; prints.len()],
        prints,
        findings: Vec::new(),
        rows: Vec::new(),
    };
    let groups = repeat_groups(article, &first, &mut out);
    let groups_so_far = repeat_rows(article, &out.prints, &groups, &mut out.rows);
    let groups_so_far = if page::reads_structure(article) {
        structural_boilerplate(article, (&raw, headline), groups_so_far, &mut out)
    } else {
        groups_so_far
    };
    furniture_boilerplate(article, groups_so_far, &furn, &layout, &mut out);
    out
}

/// Repeats that come from the page's layout, not from padding: a headline
/// or subheading shown again as the lead, a standfirst repeated by the
/// first paragraph, a caption shown twice. Their links are removed from
/// `first` (no `duplicate_paragraph`), and the copy that is display (the
/// title-like or furniture one, else the earlier one) is returned to be
/// marked boilerplate; the other copy stays content. A later repeat of a
/// display copy is pointed at the copy that was kept. A standfirst the
/// story words again further down is no layout copy: both stay content
/// ([`page::reworded_standfirst`]).
fn layout_repeats(
    article: &Article,
    prints: &[ParaPrint],
    furn: &[Option<Furniture>],
    first: &mut [Option<(usize, f64)>],
) -> Vec<bool> {
    let n = first.len();
    let ps = &article.paragraphs;
    let light = |x: usize| prints[x].title_like || furn[x].is_some() || ps[x].words < LIGHT_WORDS;
    let mut display = vec![false; n];
    let mut kept: Vec<Option<usize>> = vec![None; n];
    for j in 0..n {
        let Some((mut i, sim)) = first[j] else {
            continue;
        };
        if display[i] {
            match kept[i] {
                Some(y) if y < j => {
                    i = y;
                    first[j] = Some((y, sim));
                }
                _ => {
                    first[j] = None;
                    continue;
                }
            }
        }
        let (ti, tj) = (prints[i].title_like, prints[j].title_like);
        let (fi, fj) = (furn[i].is_some(), furn[j].is_some());
        let head = (0..i).all(light) && (i + 1..j).all(light);
        let shown = if fi || fj {
            // A caption shown twice: both copies are display.
            display[i] = true;
            Some(j)
        } else if ti || tj {
            Some(if tj && !ti { j } else { i })
        } else if head {
            Some(i)
        } else {
            None
        };
        if let Some(d) = shown {
            first[j] = None;
            if page::reworded_standfirst(article, prints, (i, j), d) {
                continue;
            }
            display[d] = true;
            let other = if d == i { j } else { i };
            if !display[other] {
                kept[d] = Some(other);
            }
        }
    }
    display
}

/// Step 1: one print per paragraph.
fn para_prints(article: &Article) -> Vec<ParaPrint> {
    let mut norm = Normalised::default();
    let mut words = Vec::new();
    let mut prints = Vec::with_capacity(article.paragraphs.len());
    for p in &article.paragraphs {
        norm.fill(article, p);
        prints.push(ParaPrint {
            para: p.idx,
            line: p.line,
            words: norm.words(),
            exact: xxh3_64(norm.text.as_bytes()),
            minhash: band_keys(&norm.text, &mut words).into(),
            title_like: title_like(article, p),
        });
    }
    prints
}

/// Step 2: every paragraph of at least [`MIN_EXACT_WORDS`] words whose
/// normalised text an earlier one has points at the first of them.
fn exact_repeats(prints: &[ParaPrint]) -> FirstSeen {
    let mut first: FirstSeen = vec![None; prints.len()];
    let mut exact: Vec<(u64, usize)> = prints
        .iter()
        .enumerate()
        .filter(|(_, p)| p.words >= MIN_EXACT_WORDS)
        .map(|(i, p)| (p.exact, i))
        .collect();
    exact.sort_unstable();
    for run in exact.chunk_by(|a, b| a.0 == b.0) {
        for &(_, j) in &run[1..] {
            first[j] = Some((run[0].1, 1.0));
        }
    }
    first
}

/// Step 3: pairs `(j, i)`, `i < j`, sharing a band key, sorted.
///
/// Bounded for hostile pages (a page of thousands of near-identical
/// paragraphs): a paragraph already marked an exact repeat in `first` is
/// left out (the first occurrence, compared earlier, gives the same
/// similarity), and within a band's bucket each paragraph is paired with at
/// most [`BUCKET_PAIRS`] of the earliest members, so the pairs grow linearly
/// with the paragraphs, not quadratically. Confirmation takes the earliest
/// match, so the cap changes nothing unless a bucket holds more than that
/// many earlier paragraphs and none of them is a match.
fn near_candidates(prints: &[ParaPrint], first: &FirstSeen) -> Vec<(u32, u32)> {
    let mut cand: Vec<(u32, u32)> = Vec::new();
    let mut keys: Vec<(u32, u32)> = Vec::new();
    for b in 0..BANDS {
        keys.clear();
        keys.extend(
            prints
                .iter()
                .enumerate()
                .filter(|(i, p)| p.minhash.len() == BANDS && first[*i].is_none())
                .map(|(i, p)| (p.minhash[b], i as u32)),
        );
        keys.sort_unstable();
        for run in keys.chunk_by(|a, b| a.0 == b.0) {
            for (x, &(_, j)) in run.iter().enumerate().skip(1) {
                for &(_, i) in &run[..x.min(BUCKET_PAIRS)] {
                    cand.push((j, i));
                }
            }
        }
    }
    cand.sort_unstable();
    cand.dedup();
    cand
}

/// At most this many earlier paragraphs of one band bucket are candidates
/// for a paragraph of the same article.
const BUCKET_PAIRS: usize = 32;

/// Step 4: compares each candidate not already an exact repeat on its
/// normalised text; `first[j]` is set when it reaches `near_dup`.
fn confirm_near_repeats(
    article: &Article,
    prints: &[ParaPrint],
    candidates: &[(u32, u32)],
    near_dup: f64,
    first: &mut [Option<(usize, f64)>],
) {
    let ps = &article.paragraphs;
    let mut cache: Vec<Option<Ready>> = (0..prints.len()).map(|_| None).collect();
    for &(j, i) in candidates {
        let (j, i) = (j as usize, i as usize);
        if first[j].is_some() || prints[i].exact == prints[j].exact {
            continue;
        }
        for x in [i, j] {
            if cache[x].is_none() {
                cache[x] = Some(Ready::new(Normalised::of(article, &ps[x])));
            }
        }
        let sim = match (&cache[i], &cache[j]) {
            (Some(a), Some(b)) => a.similarity(b, near_dup),
            _ => 0.0,
        };
        if sim >= near_dup {
            first[j] = Some((i, sim));
        }
    }
}

/// The duplicates.csv row of paragraph `j` of a boilerplate block of
/// `article` that starts at paragraph `start`.
fn block_row(article: &Article, group: u32, j: usize, start: usize) -> DuplicateRow {
    let ps = &article.paragraphs;
    DuplicateRow {
        group,
        article: article.id,
        paragraph: ps[j].idx,
        line: ps[j].line,
        kind: DupKind::Boilerplate,
        similarity: 1.0,
        first_article: article.id,
        first_paragraph: ps[start].idx,
        text: String::new(),
    }
}

/// The first occurrence of the chain of repeats `i` belongs to.
fn chain_root(first: &[Option<(usize, f64)>], mut i: usize) -> usize {
    let n = first.len();
    let mut guard = 0;
    while let Some((k, _)) = first[i] {
        if k >= i || guard > n {
            break;
        }
        i = k;
        guard += 1;
    }
    i
}

/// Step 5: marks every repeat `Duplicate` with a `duplicate_paragraph`
/// finding naming its chain's first occurrence; returns the groups, sorted
/// by first occurrence.
fn repeat_groups(
    article: &Article,
    first: &[Option<(usize, f64)>],
    out: &mut ArticlePrints,
) -> RepeatGroups {
    let ps = &article.paragraphs;
    let prints = &out.prints;
    let mut groups: RepeatGroups = Vec::new();
    for j in 0..first.len() {
        if let Some((_, sim)) = first[j] {
            let r = chain_root(first, j);
            if r == j {
                continue;
            }
            out.marks[j] = ParaMark::Duplicate;
            let kind = if prints[r].exact == prints[j].exact {
                DupKind::Exact
            } else {
                DupKind::Near
            };
            out.findings.push(
                Finding::new(article.id, FindingKind::DuplicateParagraph)
                    .at(article, &ps[j])
                    .mention(excerpt(article.para_text(&ps[j])))
                    .message(format!(
                        "repeats paragraph {} (line {}){}",
                        ps[r].idx.number(),
                        ps[r].line,
                        if kind == DupKind::Near {
                            format!(", reworded (similarity {sim:.2})")
                        } else {
                            String::new()
                        }
                    ))
                    .evidence(para_key(&article.key, ps[r].idx)),
            );
            match groups.iter_mut().find(|g| g.0 == r) {
                Some(g) => g.1.push((j, sim)),
                None => groups.push((r, vec![(j, sim)])),
            }
        }
    }
    groups.sort_by_key(|g| g.0);
    groups
}

/// Step 6: one duplicates.csv group per repeat group, numbered from 1, its
/// first occurrence first (near if any repeat is); returns the last number.
fn repeat_rows(
    article: &Article,
    prints: &[ParaPrint],
    groups: &RepeatGroups,
    rows: &mut Vec<DuplicateRow>,
) -> u32 {
    let ps = &article.paragraphs;
    let mut group = 0u32;
    for (r, members) in groups {
        group += 1;
        let kind_of = |j: usize| {
            if prints[*r].exact == prints[j].exact {
                DupKind::Exact
            } else {
                DupKind::Near
            }
        };
        let row = |j: usize, kind: DupKind, sim: f64| DuplicateRow {
            group,
            article: article.id,
            paragraph: ps[j].idx,
            line: ps[j].line,
            kind,
            similarity: sim,
            first_article: article.id,
            first_paragraph: ps[*r].idx,
            text: String::new(),
        };
        let k0 = members
            .iter()
            .map(|&(j, _)| kind_of(j))
            .max()
            .unwrap_or(DupKind::Exact);
        rows.push(row(*r, k0, 1.0));
        for &(j, sim) in members {
            rows.push(row(j, kind_of(j), sim));
        }
    }
    group
}

/// Step 7: each [`structural_blocks`] block, numbered on from `group`: its
/// content paragraphs marked `Boilerplate`, a row for each, one finding.
/// Returns the last group number.
fn structural_boilerplate(
    article: &Article,
    (raw, headline): (&[Option<Furniture>], Option<usize>),
    mut group: u32,
    out: &mut ArticlePrints,
) -> u32 {
    let ps = &article.paragraphs;
    for (s, e) in structural_blocks(article, raw, headline) {
        group += 1;
        let mut count = 0;
        for j in s..=e {
            if out.marks[j] == ParaMark::Content {
                out.marks[j] = ParaMark::Boilerplate;
            }
            if out.marks[j] == ParaMark::Boilerplate {
                count += 1;
                out.rows.push(block_row(article, group, j, s));
            }
        }
        out.findings.push(
            block_finding(
                article.id,
                (ps[s].idx, ps[s].line),
                ps[e].line,
                count,
                TITLE_LIST_REASON,
                String::new(),
            )
            .mention(excerpt(article.para_text(&ps[s]))),
        );
    }
    group
}

/// Step 8: page furniture and layout repeats still marked content, marked
/// `Boilerplate` in blocks of adjacent paragraphs, numbered on from
/// `group`: a row for each, one finding per block naming what they are.
fn furniture_boilerplate(
    article: &Article,
    mut group: u32,
    furn: &[Option<Furniture>],
    layout: &[bool],
    out: &mut ArticlePrints,
) {
    let ps = &article.paragraphs;
    let pick: Vec<bool> = (0..ps.len())
        .map(|j| (furn[j].is_some() || layout[j]) && out.marks[j] == ParaMark::Content)
        .collect();
    let mut j = 0;
    while j < ps.len() {
        if !pick[j] {
            j += 1;
            continue;
        }
        let s = j;
        while j + 1 < ps.len() && pick[j + 1] {
            j += 1;
        }
        group += 1;
        let mut kinds: Vec<&str> = Vec::new();
        for (x, fx) in furn.iter().enumerate().take(j + 1).skip(s) {
            out.marks[x] = ParaMark::Boilerplate;
            let what = match *fx {
                Some(f) => f.as_str(),
                None => "a layout repeat",
            };
            if !kinds.contains(&what) {
                kinds.push(what);
            }
            out.rows.push(block_row(article, group, x, s));
        }
        let reason = if kinds == ["a layout repeat"] {
            LAYOUT_REASON.to_string()
        } else {
            format!("page furniture ({})", kinds.join(", "))
        };
        out.findings.push(
            block_finding(
                article.id,
                (ps[s].idx, ps[s].line),
                ps[j].line,
                j - s + 1,
                &reason,
                String::new(),
            )
            .mention(excerpt(article.para_text(&ps[s]))),
        );
        j += 1;
    }
}

#[cfg(test)]
mod tests;
