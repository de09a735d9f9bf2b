//! Grouping claims into comparable sets: nodes (one value in one article),
//! groups of linked nodes, the fact a group is about and its label.
//!
//! A node's words are numbered ([`Word`], ranks in the run's [`Vocab`]), so
//! the sets grouping holds for every node at once are small sorted arrays
//! (the nodes themselves are built in `node.rs`).

use super::key::parts;
#[cfg(test)]
pub(super) use super::node::build_nodes;
pub(super) use super::node::{canon_map, Node, NodeBuilder, Nodes};
use super::same_family;
use super::vocab::{holds, meet, shared, unite, Word};
use crate::rules::{Fact, Rules};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// At most this many value-neighbours are compared per node and word:
/// keeps grouping near-linear on huge corpora.
const MAX_NEIGHBOURS: usize = 64;

/// Claims about different named things are different claims: two topics
/// agree when either is unknown or they share a name.
fn topics_agree(a: &[Word], b: &[Word]) -> bool {
    a.is_empty() || b.is_empty() || meet(a, b)
}

/// True when two nodes' key words say they are about the same thing: two
/// shared words, or the same single word.
fn keys_match(a: &[Word], b: &[Word]) -> bool {
    let n = shared(a, b);
    n >= 2 || (n == 1 && a.len() == 1 && b.len() == 1)
}

/// True when two nodes name different kinds of one thing: the same head noun
/// with other modifiers ("loan package" and "subsidy package", "auto tariff"
/// and "steel tariff"), neither modifier among the other's words. Another head with the same modifier ("investment
/// fund", "investment tool") is a rewording, not a clash.
fn modifiers_clash(a: &Node, b: &Node) -> bool {
    a.head_nouns().any(|h| {
        let mb = b.modifiers(h);
        // "harbour fund" and "harbour investment fund" do not clash
        !mb.is_empty()
            && a.modifiers(h).iter().all(|&[_, m]| !holds(b.words(), m))
            && mb.iter().all(|&[_, m]| !holds(a.words(), m))
    })
}

/// Nodes of one article compared for [`distinct_heads`]: more is a list, not
/// prose.
const MAX_ARTICLE_NODES: usize = 64;

/// Head nouns an article tells apart: it states two values of one unit and
/// magnitude under two heads ("the £75 million Weststead facility
/// investment" and "the Weststead facility budget of £15 million"). The
/// text, not a word list, says those heads are different things; an
/// article stating one value under two heads makes them one (grouping's
/// rewordings). Pairs sorted.
fn distinct_heads(nodes: &[Node]) -> BTreeSet<(Word, Word)> {
    let mut out = BTreeSet::new();
    let mut start = 0;
    while start < nodes.len() {
        let end = start
            + nodes[start..]
                .iter()
                .take_while(|n| n.art == nodes[start].art)
                .count();
        let art = &nodes[start..end.min(start + MAX_ARTICLE_NODES)];
        for (k, a) in art.iter().enumerate() {
            for b in &art[k + 1..] {
                if a.unit != b.unit
                    || !same_family(a.value, b.value)
                    || super::same_value(a.value, b.value)
                {
                    continue;
                }
                for ha in a.head_nouns() {
                    for hb in b.head_nouns() {
                        if ha != hb && !a.has_head(hb) && !b.has_head(ha) {
                            out.insert((ha.min(hb), ha.max(hb)));
                        }
                    }
                }
            }
        }
        start = end;
    }
    out
}

/// True when two nodes share no head noun and some article told a head of
/// each apart ([`distinct_heads`]).
fn heads_distinct(a: &Node, b: &Node, distinct: &BTreeSet<(Word, Word)>) -> bool {
    if a.head_nouns().any(|h| b.has_head(h)) {
        return false;
    }
    a.head_nouns().any(|ha| {
        b.head_nouns()
            .any(|hb| distinct.contains(&(ha.min(hb), ha.max(hb))))
    })
}

/// Groups nodes: union-find over links found through a (unit, word) index,
/// each node compared with a bounded number of value-neighbours.
pub(super) fn group_nodes(nodes: &[Node]) -> Vec<Vec<usize>> {
    let distinct = distinct_heads(nodes);
    // Fixed order: by (unit, word), then node, so grouping is deterministic
    // (numbers sort as their words do).
    let mut index: Vec<((Word, Word), u32)> = nodes
        .iter()
        .enumerate()
        .flat_map(|(i, n)| n.words().iter().map(move |&w| ((n.unit, w), i as u32)))
        .collect();
    index.sort_unstable();
    let mut parent: Vec<usize> = (0..nodes.len()).collect();
    // Names a whole component is about: two components merge only if these
    // agree, so a node without names cannot bridge two differently named
    // things (a cannot-link constraint on the union-find).
    // Held for merged components only (by root): a root never merged has
    // its node's topic.
    let mut names: HashMap<usize, Vec<Word>> = HashMap::new();
    let mut list: Vec<usize> = Vec::new();
    for run in index.chunk_by(|a, b| a.0 == b.0) {
        list.clear();
        list.extend(run.iter().map(|e| e.1 as usize));
        list.sort_by(|&a, &b| nodes[a].value.total_cmp(&nodes[b].value).then(a.cmp(&b)));
        for (k, &i) in list.iter().enumerate() {
            for &j in list[k + 1..].iter().take(MAX_NEIGHBOURS) {
                if !same_family(nodes[i].value, nodes[j].value) {
                    break;
                }
                if keys_match(nodes[i].words(), nodes[j].words())
                    && !modifiers_clash(&nodes[i], &nodes[j])
                    && !heads_distinct(&nodes[i], &nodes[j], &distinct)
                    && topics_agree(nodes[i].topic(), nodes[j].topic())
                {
                    let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                    let names_of = |r: usize| names.get(&r).map_or(nodes[r].topic(), Vec::as_slice);
                    if ri != rj && topics_agree(names_of(ri), names_of(rj)) {
                        let (lo, hi) = if ri < rj { (ri, rj) } else { (rj, ri) };
                        parent[hi] = lo;
                        let own = |r: usize| nodes[r].topic().to_vec();
                        let moved = names.remove(&hi).unwrap_or_else(|| own(hi));
                        let mut kept = names.remove(&lo).unwrap_or_else(|| own(lo));
                        unite(&mut kept, moved);
                        names.insert(lo, kept);
                    }
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..nodes.len() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    groups.into_values().collect()
}

/// The fact a group is about: same unit, a value within one order of
/// magnitude, and a cue that [`cue_matches`] the group's words.
pub(super) fn match_fact<'r>(
    g: &[usize],
    nodes: &Nodes,
    rules: &'r Rules,
    canon: &HashMap<String, String>,
) -> Option<&'r Fact> {
    let word = |w: Word| nodes.vocab.word(w);
    let unit = word(nodes[g[0]].unit);
    let fold = |w: &str| canon.get(w).cloned().unwrap_or_else(|| w.to_string());
    let words: BTreeSet<String> = g
        .iter()
        .flat_map(|&n| {
            nodes[n]
                .words()
                .iter()
                .map(|&w| fold(word(w)))
                .chain(nodes[n].topic().iter().map(|&w| word(w).to_string()))
        })
        .collect();
    let heads: BTreeMap<&str, BTreeSet<String>> = g
        .iter()
        .flat_map(|&n| nodes[n].heads().iter())
        .fold(BTreeMap::new(), |mut m, &[h, modifier]| {
            m.entry(word(h))
                .or_insert_with(BTreeSet::new)
                .insert(fold(word(modifier)));
            m
        });
    let mut best: Option<(usize, &Fact)> = None;
    for f in &rules.facts {
        if !f.unit.trim().eq_ignore_ascii_case(unit) {
            continue;
        }
        if !g.iter().any(|&n| same_family(nodes[n].value, f.value)) {
            continue;
        }
        for cue in &f.cues {
            let cw: Vec<String> = cue
                .split_whitespace()
                .flat_map(parts)
                .map(|w| fold(&w))
                .collect();
            let score = cue_matches(&cw, &words, &heads);
            if score > 0 && best.is_none_or(|(n, _)| score > n) {
                best = Some((score, f));
            }
        }
    }
    best.map(|(_, f)| f)
}

/// How well cue words `cw` (normalised, jurisdictions folded) match a
/// group's `words` (its key words and topic names, folded) and `heads` (head
/// noun → modifiers): 0 for no match. Every word of the cue, in any order
/// (`2·len + 1`); or every word but the head, when the group states the
/// cue's modifier before another head (`2·len`): "investment pledge" is a
/// rewording of "investment package" as "investment fund" is of "investment
/// tool" in grouping.
fn cue_matches(
    cw: &[String],
    words: &BTreeSet<String>,
    heads: &BTreeMap<&str, BTreeSet<String>>,
) -> usize {
    let Some((head, rest)) = cw.split_last() else {
        return 0;
    };
    if !rest.iter().all(|w| words.contains(w)) {
        return 0;
    }
    if words.contains(head) {
        return 2 * cw.len() + 1;
    }
    let modifier = rest.last();
    let reworded = modifier.is_some_and(|m| heads.values().any(|ms| ms.contains(m)));
    if reworded {
        2 * cw.len()
    } else {
        0
    }
}

/// Group names: the fact's name, else the most frequent key phrase; equal
/// names get a " #2" suffix so every group is told apart.
pub(super) fn group_labels(
    groups: &[Vec<usize>],
    nodes: &Nodes,
    facts: &[Option<&Fact>],
) -> Vec<String> {
    let table = &nodes.table;
    let mut labels = Vec::with_capacity(groups.len());
    let mut used: BTreeMap<String, u32> = BTreeMap::new();
    for (gi, g) in groups.iter().enumerate() {
        let base = match facts[gi] {
            Some(f) => f.fact.clone(),
            None => {
                // Counted by normalised phrase; shown as first written.
                let mut counts: BTreeMap<&str, (u32, &str)> = BTreeMap::new();
                for &n in g {
                    for cl in nodes[n].claims(table) {
                        let e = counts
                            .entry(table.text(cl.norm))
                            .or_insert_with(|| (0, table.text(cl.shown)));
                        e.0 += 1;
                    }
                }
                let mut best: Option<(&str, u32)> = None;
                for &(n, shown) in counts.values() {
                    if best.is_none_or(|(_, m)| n > m) {
                        best = Some((shown, n));
                    }
                }
                best.map(|(k, _)| k.to_string()).unwrap_or_default()
            }
        };
        let n = used.entry(base.clone()).or_default();
        *n += 1;
        labels.push(if *n == 1 {
            base
        } else {
            format!("{base} #{n}")
        });
    }
    labels
}

/// Union-find: the root of `i`, halving the path on the way.
pub(super) fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

#[cfg(test)]
mod tests {
    use super::super::node::title_names;
    use super::super::table::ClaimTable;
    use super::super::testutil::{facts, no_facts, summary};
    use super::super::vocab::{into_set, Vocab};
    use super::*;

    /// Every word the hand-made nodes below use.
    fn vocab() -> Vocab {
        Vocab::of(&[
            "USD",
            "big",
            "budget",
            "chip",
            "contract",
            "facility",
            "fund",
            "harbour",
            "investment",
            "japan",
            "loan",
            "oakford",
            "other",
            "package",
            "plant",
            "rockmouth",
            "silverwick",
            "subsidy",
            "tool",
            "us",
            "weststead",
        ])
    }

    fn set(words: &[&str]) -> Vec<Word> {
        let v = vocab();
        into_set(words.iter().map(|w| v.id(w)).collect())
    }

    fn node(art: usize, value: f64, words: &[&str], topic: &[&str]) -> Node {
        let usd = vocab().id("USD");
        Node::new(
            art,
            usd,
            value,
            Vec::new(),
            set(words),
            set(topic),
            Vec::new(),
        )
    }

    #[test]
    fn canon_map_folds_jurisdiction_terms() {
        let canon = canon_map(&no_facts());
        assert_eq!(canon.get("tokyo"), canon.get("japan"));
        assert!(canon.contains_key("tokyo"));
        assert_eq!(canon.get("fund"), None);
    }

    #[test]
    fn title_names_skip_title_case_and_weekdays() {
        assert_eq!(
            title_names("Officials sign the Rockmouth deal on Monday in port city"),
            ["rockmouth"]
        );
        assert!(title_names("Tokyo Unveils Huge Investment Plan").is_empty());
    }

    #[test]
    fn build_nodes_joins_one_value_per_article() {
        let arts = vec![
            summary(
                0,
                "a",
                "The $5 billion fund. The $5 billion investment fund.",
                &[],
            ),
            summary(1, "b", "The $5 billion fund and a $2 billion plan.", &[]),
        ];
        let nodes = build_nodes(&arts, &HashMap::new());
        let got: Vec<(usize, f64, usize)> = nodes
            .iter()
            .map(|n| (n.art, n.value, n.mentions().len()))
            .collect();
        assert_eq!(got, [(0, 5e9, 2), (1, 5e9, 1), (1, 2e9, 1)]);
        assert_eq!(
            nodes[0]
                .words()
                .iter()
                .map(|&w| nodes.vocab.word(w))
                .collect::<Vec<_>>(),
            ["fund", "investment"]
        );
    }

    #[test]
    fn keys_and_topics_decide_links() {
        assert!(keys_match(
            &set(&["investment", "fund"]),
            &set(&["investment", "fund", "japan"])
        ));
        assert!(keys_match(&set(&["fund"]), &set(&["fund"])));
        assert!(!keys_match(&set(&["fund"]), &set(&["fund", "tool"])));
        assert!(topics_agree(&set(&[]), &set(&["japan"])));
        assert!(topics_agree(&set(&["japan", "us"]), &set(&["japan"])));
        assert!(!topics_agree(&set(&["rockmouth"]), &set(&["silverwick"])));
    }

    #[test]
    fn group_nodes_links_close_values_with_matching_keys() {
        let nodes = vec![
            node(0, 55e9, &["investment", "fund"], &[]),
            node(1, 550e9, &["investment", "fund"], &[]),
            node(2, 5e6, &["investment", "fund"], &[]),
            node(3, 56e9, &["chip", "plant"], &[]),
            node(4, 550e9, &["investment", "fund"], &["other"]),
        ];
        // Node 4 links to 1, but 0 and 1 are unnamed: one group; a name
        // does not bridge into a differently named one.
        assert_eq!(group_nodes(&nodes), vec![vec![0, 1, 4], vec![2], vec![3]]);
        let named = vec![
            node(0, 1e9, &["contract"], &["rockmouth"]),
            node(1, 1e9, &["contract"], &[]),
            node(2, 1e9, &["contract"], &["silverwick"]),
        ];
        assert_eq!(group_nodes(&named), vec![vec![0, 1], vec![2]]);
    }

    fn with_heads(n: Node, pairs: &[(&str, &str)]) -> Node {
        let v = vocab();
        let heads = pairs.iter().map(|(m, h)| (v.id(h), v.id(m))).collect();
        let (words, topic) = (n.words().to_vec(), n.topic().to_vec());
        Node::new(n.art, n.unit, n.value, Vec::new(), words, topic, heads)
    }

    #[test]
    fn a_node_holds_its_sets_apart_and_renumbered_sorted() {
        let n = Node::new(
            3,
            0,
            1.0,
            vec![7],
            vec![5, 2, 5],
            vec![9],
            vec![(4, 1), (2, 8)],
        );
        assert_eq!((n.words(), n.topic()), (&[2, 5][..], &[9][..]));
        assert_eq!(n.heads(), &[[2, 8], [4, 1]]);
        let empty = Node::new(0, 0, 1.0, Vec::new(), Vec::new(), Vec::new(), Vec::new());
        assert!(empty.words().is_empty() && empty.topic().is_empty() && empty.heads().is_empty());
        // Ranks reverse the numbers: every set is sorted again.
        let mut m = n.clone();
        m.renumber(&[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
        assert_eq!((m.unit, m.words(), m.topic()), (9, &[4, 7][..], &[0][..]));
        assert_eq!(m.heads(), &[[5, 8], [7, 1]]);
        assert_eq!(m.mentions(), &[7], "claim numbers are not words");
        assert_eq!(n.mentions(), &[7]);
        assert_eq!(std::mem::size_of::<Node>(), 48);
    }

    #[test]
    fn the_same_head_with_other_modifiers_is_another_claim() {
        let loan = with_heads(
            node(0, 5e6, &["oakford", "loan", "package"], &["oakford"]),
            &[("loan", "package")],
        );
        let subsidy = with_heads(
            node(1, 5e6, &["oakford", "subsidy", "package"], &["oakford"]),
            &[("subsidy", "package")],
        );
        assert!(modifiers_clash(&loan, &subsidy));
        let fund = with_heads(
            node(2, 5e6, &["investment", "fund"], &[]),
            &[("investment", "fund")],
        );
        let tool = with_heads(
            node(3, 5e6, &["investment", "tool"], &[]),
            &[("investment", "tool")],
        );
        assert!(!modifiers_clash(&fund, &tool), "another head: a rewording");
        let harbour = with_heads(
            node(4, 5e6, &["harbour", "fund"], &[]),
            &[("harbour", "fund")],
        );
        let harbour_inv = with_heads(
            node(5, 5e6, &["harbour", "investment", "fund"], &[]),
            &[("investment", "fund")],
        );
        assert!(
            !modifiers_clash(&harbour, &harbour_inv),
            "one modifier in both"
        );
    }

    #[test]
    fn an_article_with_two_values_under_two_heads_tells_them_apart() {
        let inv = |art, v| {
            with_heads(
                node(
                    art,
                    v,
                    &["weststead", "facility", "investment"],
                    &["weststead"],
                ),
                &[("facility", "investment")],
            )
        };
        let bud = |art, v| {
            with_heads(
                node(art, v, &["weststead", "facility", "budget"], &["weststead"]),
                &[("facility", "budget")],
            )
        };
        let nodes = vec![inv(0, 75e6), bud(0, 15e6), inv(1, 75e6), bud(2, 15e6)];
        let distinct = distinct_heads(&nodes);
        let v = vocab();
        assert!(distinct.contains(&(v.id("budget"), v.id("investment"))));
        assert!(heads_distinct(&nodes[2], &nodes[3], &distinct));
        assert_eq!(group_nodes(&nodes).len(), 2, "{:?}", group_nodes(&nodes));
        // One value under two heads: a rewording, nothing told apart.
        let same = vec![inv(0, 75e6), bud(0, 75e6)];
        assert!(distinct_heads(&same).is_empty());
    }

    #[test]
    fn cues_match_in_any_order_and_with_another_head() {
        let set = |v: &[&str]| v.iter().map(|w| w.to_string()).collect::<BTreeSet<_>>();
        let cue = |v: &[&str]| v.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let mut heads: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        heads.insert("pledge", set(&["investment"]));
        let words = set(&["japan", "investment", "pledge"]);
        let japan_pkg = cue(&["japan", "investment", "package"]);
        assert_eq!(cue_matches(&japan_pkg, &words, &heads), 6, "head reworded");
        let exact = cue(&["investment", "japan", "pledge"]);
        assert_eq!(cue_matches(&exact, &words, &heads), 7, "any order");
        let korea = cue(&["korea", "investment", "package"]);
        assert_eq!(cue_matches(&korea, &words, &heads), 0, "a word missing");
        let other_mod = cue(&["japan", "loan", "package"]);
        assert_eq!(cue_matches(&other_mod, &set(&["japan", "loan"]), &heads), 0);
        assert_eq!(cue_matches(&[], &words, &heads), 0);
    }

    #[test]
    fn match_fact_needs_unit_magnitude_and_every_cue_word() {
        let rules = facts(
            "fact,value,unit,cues,note\n\
             Fund,550000000000,USD,investment fund,x\n\
             Big fund,550000000000,USD,big investment fund,x\n\
             Yen fund,550000000000,JPY,investment fund,x\n",
        );
        let nodes = Nodes {
            list: vec![
                node(0, 55e9, &["investment", "fund"], &[]),
                node(1, 550e9, &["big", "investment", "fund"], &[]),
                node(2, 5e9, &["investment", "fund"], &[]),
            ],
            vocab: vocab(),
            table: ClaimTable::default(),
        };
        let canon = HashMap::new();
        let m = |g: &[usize]| match_fact(g, &nodes, &rules, &canon).map(|f| f.line);
        assert_eq!(m(&[0]), Some(2));
        assert_eq!(m(&[0, 1]), Some(3));
        assert_eq!(m(&[2]), None, "two orders off");
    }

    #[test]
    fn group_labels_are_the_fact_or_the_commonest_key_and_distinct() {
        let arts = vec![
            summary(0, "a", "The $5 billion fund. The $5 billion fund.", &[]),
            summary(
                1,
                "b",
                "The $9 billion investment fund. A $7 million fund.",
                &[],
            ),
        ];
        let nodes = build_nodes(&arts, &HashMap::new());
        let groups = vec![vec![0, 1], vec![2]];
        let labels = group_labels(&groups, &nodes, &[None, None]);
        assert_eq!(labels, ["fund", "fund #2"]);
        let rules = facts("fact,value,unit,cues,note\nThe fund,5000000000,USD,fund,x\n");
        let labels = group_labels(&groups, &nodes, &[Some(&rules.facts[0]), None]);
        assert_eq!(labels, ["The fund", "fund"]);
    }

    #[test]
    fn find_returns_the_root() {
        let mut parent = vec![0, 0, 1, 3];
        assert_eq!(find(&mut parent, 2), 0);
        assert_eq!(find(&mut parent, 3), 3);
    }
}
