//! Steps 7 to 10 of the link: the groups that span articles, where each
//! article's own text starts and ends, whether a group is syndication or
//! boilerplate, and what each paragraph matched directly.

use super::Linker;
use crate::dedup::LIGHT_WORDS;
use crate::model::ParaMark;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// Articles whose repeated paragraphs make up at least this share of their
/// words are copies: what they share is syndication, never boilerplate
/// (unless it is an outlet's own line, see [`ArticleZones::classify`]).
const COPY_SHARE: f64 = 0.5;

/// Sets of joined paragraphs with members in at least two articles.
pub(super) struct CrossGroups {
    /// Each group's global paragraphs in (date, id, paragraph) order; groups
    /// in order of their lowest global paragraph.
    pub(super) groups: Groups,
    /// Per global paragraph: whether it is in one of `groups`.
    pub(super) member: Vec<bool>,
}

/// Groups of global paragraphs in one flat list: 4 bytes a member and 4 a
/// group, no allocation of its own per group (hundreds of thousands of
/// small lists at 1 GB wire, freed one by one while the link's output
/// grows, whose pages stayed resident).
#[derive(Debug, Default, PartialEq)]
pub(super) struct Groups {
    members: Vec<u32>,
    /// Where each group ends in `members`.
    ends: Vec<u32>,
}

impl Groups {
    /// Adds a group.
    pub(super) fn push(&mut self, group: &[u32]) {
        self.members.extend_from_slice(group);
        self.ends.push(self.members.len() as u32);
    }

    /// The groups, in the order pushed.
    pub(super) fn iter(&self) -> impl Iterator<Item = &[u32]> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(s, &e)| &self.members[s as usize..e as usize])
    }

    fn shrink_to_fit(&mut self) {
        self.members.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

impl Linker<'_> {
    /// Step 7: the sets of joined paragraphs that span articles.
    pub(super) fn cross_groups(&mut self) -> CrossGroups {
        let groups = self.components_across_articles();
        let mut member = vec![false; self.total() as usize];
        for c in groups.iter() {
            for &g in c {
                member[g as usize] = true;
            }
        }
        CrossGroups { groups, member }
    }

    /// Components of the union-find with members in at least two articles,
    /// each sorted in publication order ([`Linker::order`]).
    fn components_across_articles(&mut self) -> Groups {
        let mut comp: Vec<(u32, u32)> = (0..self.total()).map(|g| (self.sets.find(g), g)).collect();
        comp.par_sort_unstable();
        let mut cross = Groups::default();
        let mut m: Vec<u32> = Vec::new();
        for run in comp.chunk_by(|x, y| x.0 == y.0) {
            if run.len() < 2 {
                continue;
            }
            let a0 = self.index.art(run[0].1);
            if run.iter().all(|&(_, g)| self.index.art(g) == a0) {
                continue;
            }
            m.clear();
            m.extend(run.iter().map(|&(_, g)| g));
            m.sort_by_cached_key(|&g| self.order(g));
            cross.push(&m);
        }
        cross.shrink_to_fit();
        cross
    }
}

/// How one repeated group of paragraphs is classified.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Verdict {
    Syndicated,
    Boilerplate,
}

/// Per article: the share of its words in cross-article groups, and its
/// head and tail zones (runs of light, title-like, repeated or boilerplate
/// paragraphs at either end, where bios and promos sit).
pub(super) struct ArticleZones {
    copied_share: Vec<f64>,
    /// Paragraphs before this one are the head zone (paragraph numbers
    /// are u32 here, as in the link's global numbering: 4 bytes, not 8).
    head_end: Vec<u32>,
    /// Paragraphs from this one on are the tail zone.
    tail_start: Vec<u32>,
    /// Head end and tail start when repeated paragraphs are not light: the
    /// article's bare edges, where its own lines sit around its story
    /// (in a wholesale copy, every paragraph is in the zones above).
    bare: Vec<(u32, u32)>,
}

impl ArticleZones {
    /// Step 8: measures every article; `in_cross` flags the global
    /// paragraphs in cross-article groups.
    pub(super) fn measure(linker: &Linker<'_>, in_cross: &[bool]) -> ArticleZones {
        let na = linker.input().len();
        let mut zones = ArticleZones {
            copied_share: vec![0.0f64; na],
            head_end: vec![0; na],
            tail_start: vec![0; na],
            bare: vec![(0, 0); na],
        };
        for a in 0..na {
            let (share, head, tail) = measure_article(linker, in_cross, a);
            zones.copied_share[a] = share;
            zones.head_end[a] = head as u32;
            zones.tail_start[a] = tail as u32;
            let (head, tail) = bare_edges(linker, a);
            zones.bare[a] = (head as u32, tail as u32);
        }
        zones
    }

    /// Whether global paragraph `g` is at a bare edge of its article (see
    /// [`ArticleZones::bare`]).
    fn at_bare_edge(&self, linker: &Linker<'_>, g: u32) -> bool {
        let (a, p) = linker.index.split(g);
        p < self.bare[a].0 as usize || p >= self.bare[a].1 as usize
    }

    /// Whether the paragraphs just inside the group's members (the next
    /// long one after a head line, before a tail line) are all one
    /// repeated paragraph: then the articles carry one story, republished
    /// whole (an outlet's own story run three times, its lede and close
    /// at the bare edges), and the group is that story's, not a line the
    /// outlet puts around different stories.
    fn one_story_inside(&self, linker: &Linker<'_>, m: &[u32]) -> bool {
        let mut roots = m.iter().map(|&g| {
            let (a, p) = linker.index.split(g);
            let inside = self.inside(linker, a, p)?;
            Some(linker.sets.root(linker.index.global(a, inside)))
        });
        let Some(Some(first)) = roots.next() else {
            return false;
        };
        roots.all(|r| r == Some(first))
    }

    /// The first paragraph inward of paragraph `p` of article `a` (after
    /// it at the head, before it at the tail) that is not light: the
    /// story next to an edge line, past headings and short lines.
    fn inside(&self, linker: &Linker<'_>, a: usize, p: usize) -> Option<usize> {
        let n = linker.input().para_range(a).len();
        if p < self.bare[a].0 as usize {
            (p + 1..n).find(|&q| !bare_light(linker, a, q))
        } else {
            (0..p).rev().find(|&q| !bare_light(linker, a, q))
        }
    }

    /// Whether global paragraph `g` is in its article's head or tail zone.
    fn at_edge(&self, linker: &Linker<'_>, g: u32) -> bool {
        let (a, p) = linker.index.split(g);
        p < self.head_end[a] as usize || p >= self.tail_start[a] as usize
    }

    /// Step 9: a group is boilerplate when all its paragraphs sit in their
    /// article's head or tail zone, its articles share a source or an author
    /// or are at least three, and none of them is a copy ([`COPY_SHARE`]);
    /// else it is syndication. An outlet's own line
    /// (one known source, at least three articles) at a bare edge of every one
    /// of them is boilerplate even in articles that are mostly copies: a
    /// bio or promo line under wire copy is still the outlet's furniture,
    /// while a copied story's paragraphs lie between other long paragraphs
    /// and are not all at a bare edge.
    pub(super) fn classify(&self, linker: &Linker<'_>, m: &[u32]) -> Verdict {
        let input = linker.input();
        let articles = &input.articles;
        let arts: BTreeSet<usize> = m.iter().map(|&g| linker.index.art(g)).collect();
        let Some(&a0) = arts.iter().next() else {
            return Verdict::Syndicated;
        };
        let (source, author) = (articles[a0].source, articles[a0].author);
        let same_source = arts.iter().all(|&a| articles[a].source == source);
        let same_author =
            !input.name(author).is_empty() && arts.iter().all(|&a| articles[a].author == author);
        let edge = m.iter().all(|&g| self.at_edge(linker, g));
        let source_known = arts.iter().all(|&a| articles[a].source_known);
        let own_line = same_source
            && source_known
            && arts.len() >= OWN_LINE_ARTICLES
            && m.iter().all(|&g| self.at_bare_edge(linker, g))
            && !self.one_story_inside(linker, m);
        let boiler = edge
            && (same_source || same_author || arts.len() >= 3)
            && (own_line || arts.iter().all(|&a| self.copied_share[a] < COPY_SHARE));
        if boiler {
            Verdict::Boilerplate
        } else {
            Verdict::Syndicated
        }
    }

    /// The short exact repeats of step 3 outside cross-article groups that
    /// classify as boilerplate, each in publication order.
    pub(super) fn short_boilerplate(
        &self,
        linker: &Linker<'_>,
        short_groups: Vec<Vec<u32>>,
        in_cross: &[bool],
    ) -> Vec<Vec<u32>> {
        short_groups
            .into_iter()
            .filter(|m| !m.iter().any(|&g| in_cross[g as usize]))
            .map(|mut m| {
                m.sort_by_cached_key(|&g| linker.order(g));
                m
            })
            .filter(|m| self.classify(linker, m) == Verdict::Boilerplate)
            .collect()
    }
}

/// Articles of one source from which a line at a bare edge of each is the
/// outlet's own (see [`ArticleZones::classify`]).
const OWN_LINE_ARTICLES: usize = 3;

/// Head end and tail start of article `a` when only title-like, short and
/// structural boilerplate paragraphs are light (repeated ones are not).
fn bare_edges(linker: &Linker<'_>, a: usize) -> (usize, usize) {
    let ps = linker.input().paras_of(a);
    let light = |p: usize| bare_light(linker, a, p);
    let mut h = 0;
    while h < ps.len() && light(h) {
        h += 1;
    }
    let mut t = ps.len();
    while t > 0 && light(t - 1) {
        t -= 1;
    }
    // A paragraph that is not light is an edge when it opens or closes the
    // article's run of non-light paragraphs.
    (h + 1, t.saturating_sub(1).max(h + 1))
}

/// Whether paragraph `p` of article `a` is light for [`bare_edges`]: title-like,
/// short or already boilerplate (a repeated paragraph is not light).
fn bare_light(linker: &Linker<'_>, a: usize, p: usize) -> bool {
    let input = linker.input();
    let ps = input.paras_of(a);
    ps[p].title_like()
        || ps[p].words() < LIGHT_WORDS
        || input.marks_of(a).get(p) == Some(&ParaMark::Boilerplate)
}

/// Copied share, head end and tail start of article `a`.
fn measure_article(linker: &Linker<'_>, in_cross: &[bool], a: usize) -> (f64, usize, usize) {
    let ps = linker.input().paras_of(a);
    let marks = linker.input().marks_of(a);
    let all: u32 = ps.iter().map(|p| p.words()).sum();
    let copied: u32 = ps
        .iter()
        .enumerate()
        .filter(|(p, _)| in_cross[linker.index.global(a, *p) as usize])
        .map(|(_, p)| p.words())
        .sum();
    let copied_share = if all == 0 {
        0.0
    } else {
        f64::from(copied) / f64::from(all)
    };
    let zone = |p: usize| {
        let x = &ps[p];
        x.title_like()
            || x.words() < LIGHT_WORDS
            || in_cross[linker.index.global(a, p) as usize]
            || marks.get(p) == Some(&ParaMark::Boilerplate)
    };
    let mut h = 0;
    while h < ps.len() && zone(h) {
        h += 1;
    }
    let mut t = ps.len();
    while t > 0 && zone(t - 1) {
        t -= 1;
    }
    (copied_share, h, t)
}

/// Direct evidence only: a paragraph is a repeat of an earlier one it
/// matches itself (same normalised text, a confirmed near pair, or a
/// within-article pair from fingerprint), never through a chain of
/// matches in between (single-linkage would join paragraphs that share
/// one sentence each with a third). Holds each pair once, as (lower,
/// higher) with its similarity, sorted (16 bytes a pair), and the pairs'
/// places sorted by their higher paragraph (4 bytes a pair), so the
/// matches of a paragraph are found both ways without a second copy.
pub(super) struct DirectMatches {
    pairs: Vec<Match>,
    by_higher: Vec<u32>,
}

/// A direct match: (lower, higher global paragraph), similarity.
pub(super) type Match = ((u32, u32), f64);

impl DirectMatches {
    /// Step 10: from the confirmed near pairs (taken over, so they are not
    /// held twice) and the within-article repeats.
    pub(super) fn new(linker: &Linker<'_>, confirmed: Vec<Match>) -> DirectMatches {
        let mut pairs = confirmed;
        pairs.extend(
            linker
                .local_repeats()
                .map(|(x, y, sim)| ((x.min(y), x.max(y)), sim)),
        );
        pairs.sort_unstable_by_key(|d| d.0);
        pairs.shrink_to_fit();
        let mut by_higher: Vec<u32> = (0..pairs.len() as u32).collect();
        by_higher.sort_unstable_by_key(|&i| (pairs[i as usize].0 .1, i));
        DirectMatches { pairs, by_higher }
    }

    /// The matches of `g`: (matched paragraph, similarity).
    fn of(&self, g: u32) -> impl Iterator<Item = (u32, f64)> + Clone + '_ {
        let start = self.pairs.partition_point(|d| d.0 .0 < g);
        let lower = self.pairs[start..]
            .iter()
            .take_while(move |d| d.0 .0 == g)
            .map(|d| (d.0 .1, d.1));
        let start = self
            .by_higher
            .partition_point(|&i| self.pairs[i as usize].0 .1 < g);
        let higher = self.by_higher[start..]
            .iter()
            .map(|&i| self.pairs[i as usize])
            .take_while(move |d| d.0 .1 == g)
            .map(|d| (d.0 .0, d.1));
        lower.chain(higher)
    }

    /// Similarity of `g` to `o`: measured directly when they were compared,
    /// else the best direct match `g` has (it joined its group through it).
    pub(super) fn similarity_to(&self, linker: &Linker<'_>, o: u32, g: u32) -> f64 {
        if o == g || linker.print(o).exact == linker.print(g).exact {
            return 1.0;
        }
        let mine = self.of(g);
        mine.clone()
            .find(|d| d.0 == o)
            .map(|d| d.1)
            .unwrap_or_else(|| mine.map(|d| d.1).fold(0.0, f64::max))
    }

    /// The earliest earlier member of a group that `g` matches directly,
    /// with the similarity: verbatim (looked up in the group's
    /// [`EarliestText`]) or near, whichever was published first.
    pub(super) fn anchor(
        &self,
        linker: &Linker<'_>,
        earliest: &EarliestText,
        g: u32,
    ) -> Option<(u32, f64)> {
        let before = |h: u32| linker.order(h) < linker.order(g);
        let by_text = earliest
            .of(linker, g)
            .filter(|&h| before(h))
            .map(|h| (h, 1.0));
        let near = self
            .of(g)
            .filter(|d| before(d.0))
            .min_by_key(|d| linker.order(d.0));
        match (by_text, near) {
            (Some(t), Some(n)) => Some(if linker.order(n.0) < linker.order(t.0) {
                n
            } else {
                t
            }),
            (t, n) => t.or(n),
        }
    }
}

/// Per group (in publication order): its earliest member with each exact
/// text long enough to match verbatim ([`Linker::exact_match`]). A copy's
/// verbatim anchor is one lookup here instead of a scan of the group, which
/// made a group of n copies cost n² (wire stories copied by thousands of
/// outlets).
pub(super) struct EarliestText(HashMap<u64, u32>);

impl EarliestText {
    /// `group` must be in publication order, as [`CrossGroups`] keeps it.
    pub(super) fn of_group(linker: &Linker<'_>, group: &[u32]) -> EarliestText {
        let mut first = HashMap::new();
        for &h in group {
            let p = linker.print(h);
            if p.words() >= crate::dedup::MIN_EXACT_WORDS {
                first.entry(p.exact).or_insert(h);
            }
        }
        EarliestText(first)
    }

    /// The earliest member with `g`'s exact text, other than `g`; whether it
    /// was published before `g` is the caller's check. When `g` is itself
    /// the earliest, no other member with its text precedes it.
    fn of(&self, linker: &Linker<'_>, g: u32) -> Option<u32> {
        self.0
            .get(&linker.print(g).exact)
            .copied()
            .filter(|&h| h != g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::fixtures::{date, print, summary_of};
    use crate::model::ArticleSummary;

    /// A 5-paragraph article: a title line, three body paragraphs, a short
    /// last line (global 5a + p).
    fn article(id: u32, source: &str, author: &str) -> ArticleSummary {
        let mut s = summary_of(
            id,
            vec![
                print(0, 10 * u64::from(id), 5, &[], true),
                print(1, 10 * u64::from(id) + 1, 30, &[], false),
                print(2, 10 * u64::from(id) + 2, 30, &[], false),
                print(3, 10 * u64::from(id) + 3, 30, &[], false),
                print(4, 10 * u64::from(id) + 4, 5, &[], false),
            ],
        );
        s.source = source.into();
        s.author = author.into();
        s.origins.source = crate::model::MetaOrigin::Manifest;
        s
    }

    #[test]
    fn flat_groups_give_back_each_group_in_order() {
        let mut groups = Groups::default();
        assert_eq!(groups.iter().count(), 0);
        groups.push(&[3, 1]);
        groups.push(&[]);
        groups.push(&[7, 2, 9]);
        let back: Vec<&[u32]> = groups.iter().collect();
        assert_eq!(back, vec![&[3, 1][..], &[][..], &[7, 2, 9][..]]);
    }

    #[test]
    fn cross_groups_keep_sets_spanning_articles_in_publication_order() {
        let mut sums = vec![article(0, "s", ""), article(1, "s", "")];
        sums[1].date = date("2026-01-01");
        let mut linker = Linker::new(&sums);
        linker.sets.union(1, 8);
        linker.sets.union(2, 3);
        let cross = linker.cross_groups();
        assert_eq!(cross.groups.iter().collect::<Vec<_>>(), vec![&[8, 1][..]]);
        let members: Vec<usize> = (0..10).filter(|&g| cross.member[g]).collect();
        assert_eq!(members, vec![1, 8]);
    }

    #[test]
    fn zones_run_over_light_title_and_copied_paragraphs_at_either_end() {
        let sums = vec![article(0, "s", ""), article(1, "s", "")];
        let linker = Linker::new(&sums);
        let mut in_cross = vec![false; 10];
        let zones = ArticleZones::measure(&linker, &in_cross);
        assert_eq!((zones.head_end[0], zones.tail_start[0]), (1, 4));
        assert_eq!(zones.copied_share[0], 0.0);
        in_cross[1] = true;
        in_cross[3] = true;
        let zones = ArticleZones::measure(&linker, &in_cross);
        assert_eq!((zones.head_end[0], zones.tail_start[0]), (2, 3));
        assert_eq!(zones.copied_share[0], 60.0 / 100.0);
        assert!(zones.at_edge(&linker, 1) && zones.at_edge(&linker, 3));
        assert!(!zones.at_edge(&linker, 2));
        assert_eq!((zones.head_end[1], zones.tail_start[1]), (1, 4));
    }

    #[test]
    fn edge_repeats_of_one_source_are_boilerplate_and_the_rest_syndication() {
        let sums = vec![
            article(0, "s", ""),
            article(1, "s", ""),
            article(2, "t", ""),
        ];
        let linker = Linker::new(&sums);
        let zones = ArticleZones::measure(&linker, &[false; 15]);
        assert_eq!(zones.classify(&linker, &[4, 9]), Verdict::Boilerplate);
        // A body paragraph: syndication.
        assert_eq!(zones.classify(&linker, &[4, 7]), Verdict::Syndicated);
        // Two sources, two articles, no common author: syndication.
        assert_eq!(zones.classify(&linker, &[4, 14]), Verdict::Syndicated);
        // Three articles are enough.
        assert_eq!(zones.classify(&linker, &[4, 9, 14]), Verdict::Boilerplate);
        // An article that is mostly copied never has boilerplate.
        let mut in_cross = vec![false; 15];
        in_cross[6..9].fill(true);
        let zones = ArticleZones::measure(&linker, &in_cross);
        assert_eq!(zones.classify(&linker, &[4, 9]), Verdict::Syndicated);
    }

    #[test]
    fn an_outlets_own_line_at_a_bare_edge_stays_boilerplate_under_wire_copy() {
        let sums = vec![
            article(0, "s", ""),
            article(1, "s", ""),
            article(2, "s", ""),
        ];
        let linker = Linker::new(&sums);
        // Every body paragraph is repeated: each article is mostly copies.
        let mut in_cross = vec![false; 15];
        for a in 0..3 {
            in_cross[5 * a + 1..5 * a + 4].fill(true);
        }
        let zones = ArticleZones::measure(&linker, &in_cross);
        assert_eq!(zones.bare[0], (2, 3));
        // The last long paragraph of each (a bio): the outlet's own line.
        assert_eq!(zones.classify(&linker, &[3, 8, 13]), Verdict::Boilerplate);
        // A paragraph between long paragraphs: what copies share.
        assert_eq!(zones.classify(&linker, &[2, 7, 12]), Verdict::Syndicated);
        // Two articles are not enough to call a line the outlet's own.
        assert_eq!(zones.classify(&linker, &[3, 8]), Verdict::Syndicated);
        // Nor are three of different sources.
        let sums = vec![
            article(0, "s", ""),
            article(1, "s", ""),
            article(2, "t", ""),
        ];
        let linker = Linker::new(&sums);
        let zones = ArticleZones::measure(&linker, &in_cross);
        assert_eq!(zones.classify(&linker, &[3, 8, 13]), Verdict::Syndicated);
        // Nor are three articles whose source is unknown (one outlet in
        // name only: "unknown").
        let mut sums = vec![
            article(0, "unknown", ""),
            article(1, "unknown", ""),
            article(2, "unknown", ""),
        ];
        for s in &mut sums {
            s.origins.source = crate::model::MetaOrigin::None;
        }
        let linker = Linker::new(&sums);
        let zones = ArticleZones::measure(&linker, &in_cross);
        assert_eq!(zones.classify(&linker, &[3, 8, 13]), Verdict::Syndicated);
    }

    #[test]
    fn short_boilerplate_skips_cross_members_and_syndication() {
        let sums = vec![
            article(0, "s", ""),
            article(1, "s", ""),
            article(2, "s", ""),
        ];
        let mut early = sums.clone();
        early[2].date = date("2026-01-01");
        let linker = Linker::new(&early);
        let zones = ArticleZones::measure(&linker, &[false; 15]);
        let mut in_cross = vec![false; 15];
        in_cross[5] = true;
        let kept = zones.short_boilerplate(
            &linker,
            vec![vec![0, 10], vec![5, 10], vec![2, 7, 12], vec![4, 9, 14]],
            &in_cross,
        );
        assert_eq!(kept, vec![vec![10, 0], vec![14, 4, 9]]);
    }

    #[test]
    fn anchor_is_the_earliest_verbatim_copy_and_short_lines_never_anchor_verbatim() {
        let same_texts = |id: u32| {
            summary_of(
                id,
                vec![
                    print(0, 55, 5, &[], true),
                    print(1, 77, 30, &[], false),
                    print(2, 100 + u64::from(id), 30, &[], false),
                ],
            )
        };
        let sums = vec![same_texts(0), same_texts(1), same_texts(2)];
        let linker = Linker::new(&sums);
        let direct = DirectMatches::new(&linker, vec![((4, 7), 0.9)]);
        let long = [1, 4, 7];
        let earliest = EarliestText::of_group(&linker, &long);
        assert_eq!(direct.anchor(&linker, &earliest, 1), None);
        assert_eq!(direct.anchor(&linker, &earliest, 4), Some((1, 1.0)));
        assert_eq!(
            direct.anchor(&linker, &earliest, 7),
            Some((1, 1.0)),
            "the verbatim origin was published before the near match"
        );
        let short = [0, 3, 6];
        let earliest = EarliestText::of_group(&linker, &short);
        assert!(short
            .iter()
            .all(|&g| direct.anchor(&linker, &earliest, g).is_none()));
    }

    #[test]
    fn direct_matches_give_measured_or_best_similarity_and_the_earliest_anchor() {
        let sums = vec![
            article(0, "s", ""),
            article(1, "s", ""),
            article(2, "s", ""),
        ];
        let linker = Linker::new(&sums);
        let direct = DirectMatches::new(&linker, vec![((1, 6), 0.8), ((6, 11), 0.9)]);
        assert_eq!(direct.similarity_to(&linker, 1, 6), 0.8);
        assert_eq!(direct.similarity_to(&linker, 11, 6), 0.9);
        // Not compared: the best match 11 has.
        assert_eq!(direct.similarity_to(&linker, 1, 11), 0.9);
        assert_eq!(direct.similarity_to(&linker, 3, 3), 1.0);
        assert_eq!(direct.similarity_to(&linker, 2, 7), 0.0);
        let group = [1, 6, 11];
        let earliest = EarliestText::of_group(&linker, &group);
        assert_eq!(direct.anchor(&linker, &earliest, 11), Some((6, 0.9)));
        assert_eq!(direct.anchor(&linker, &earliest, 6), Some((1, 0.8)));
        assert_eq!(direct.anchor(&linker, &earliest, 1), None);
    }

    #[test]
    fn an_outlets_own_story_run_three_times_keeps_its_closing_paragraph_syndicated() {
        let sums = vec![
            article(0, "s", ""),
            article(1, "s", ""),
            article(2, "s", ""),
        ];
        let mut linker = Linker::new(&sums);
        let mut in_cross = vec![false; 15];
        for a in 0..3 {
            in_cross[5 * a + 1..5 * a + 4].fill(true);
        }
        // The paragraphs before the closing one are one repeated paragraph:
        // the three articles carry one story, whose close is checked as a
        // copy, not dropped as the outlet's furniture.
        linker.sets.union(2, 7);
        linker.sets.union(7, 12);
        let zones = ArticleZones::measure(&linker, &in_cross);
        assert_eq!(zones.classify(&linker, &[3, 8, 13]), Verdict::Syndicated);
        // Different paragraphs before it (different stories): the outlet's.
        let linker = Linker::new(&sums);
        let zones = ArticleZones::measure(&linker, &in_cross);
        assert_eq!(zones.classify(&linker, &[3, 8, 13]), Verdict::Boilerplate);
    }
}
