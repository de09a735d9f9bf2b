//! Grouping claims into comparable sets: nodes (one value in one article),
//! groups of linked nodes, the fact a group is about and its label.

use super::key::{has_digit, is_stop, norm_key, parts};
use super::same_family;
use crate::model::{Claim, ClaimsInput};
use crate::rules::{Fact, Rules};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// At most this many value-neighbours are compared per node and word:
/// keeps grouping near-linear on huge corpora.
const MAX_NEIGHBOURS: usize = 64;

/// All mentions of one value, with one unit, in one article.
#[derive(Debug, Clone)]
pub(super) struct Node {
    pub(super) art: usize,
    pub(super) unit: String,
    pub(super) value: f64,
    /// (article position, claim index), in text order.
    pub(super) mentions: Vec<(usize, usize)>,
    pub(super) words: BTreeSet<String>,
    /// Named things the claim is about (its capitalised words, else its
    /// article title's names), jurisdiction terms folded to the jurisdiction.
    pub(super) topic: BTreeSet<String>,
    /// Head noun → the plain (not name) words right before it in the
    /// node's keys: "loan package" gives `package` → {`loan`}.
    pub(super) heads: BTreeMap<String, BTreeSet<String>>,
}

/// Maps every word of every jurisdiction term to its jurisdiction, so
/// "Tokyo", "Japan's" and "Japanese" name the same thing. From the rules.
pub(super) fn canon_map(rules: &Rules) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for j in &rules.jurisdictions {
        for term in &j.terms {
            for w in term.split_whitespace().flat_map(parts) {
                map.entry(w).or_insert_with(|| j.name.clone());
            }
        }
    }
    map
}

/// Proper names in a headline: capitalised words after the first, unless the
/// headline capitalises most of its words (title case tells nothing).
fn title_names(title: &str) -> Vec<String> {
    let tokens: Vec<&str> = title
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '-' | '.')))
        .map(|t| t.trim_matches('.'))
        .filter(|t| !t.is_empty() && !has_digit(t))
        .collect();
    let content: Vec<&str> = tokens
        .iter()
        .skip(1)
        .copied()
        .filter(|t| !is_stop(&t.to_lowercase()))
        .collect();
    let caps: Vec<&str> = content
        .iter()
        .copied()
        .filter(|t| t.chars().next().is_some_and(char::is_uppercase))
        .collect();
    if caps.len() * 2 > content.len() {
        return Vec::new();
    }
    caps.into_iter()
        .flat_map(parts)
        .filter(|w| !crate::text::MONTHS.contains(&w.as_str()) && !WEEKDAYS.contains(&w.as_str()))
        .collect()
}

/// Capitalised but naming no topic: weekdays (and months, from ingest).
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

impl Node {
    pub(super) fn first<'a>(&self, articles: &'a [ClaimsInput]) -> Option<&'a Claim> {
        self.mentions
            .first()
            .and_then(|&(a, c)| articles.get(a).and_then(|s| s.claims.get(c)))
    }
}

pub(super) fn build_nodes(articles: &[ClaimsInput], canon: &HashMap<String, String>) -> Vec<Node> {
    let fold = |w: &String| canon.get(w).cloned().unwrap_or_else(|| w.clone());
    let mut nodes: Vec<Node> = Vec::new();
    for (ai, a) in articles.iter().enumerate() {
        let first = nodes.len();
        let mut at: BTreeMap<(String, u64), usize> = BTreeMap::new();
        for (ci, c) in a.claims.iter().enumerate() {
            if c.key.is_empty() || !c.value.is_finite() {
                continue;
            }
            let k = (c.unit.clone(), c.value.to_bits());
            let idx = *at.entry(k).or_insert_with(|| {
                nodes.push(Node {
                    art: ai,
                    unit: c.unit.clone(),
                    value: c.value,
                    mentions: Vec::new(),
                    words: BTreeSet::new(),
                    topic: BTreeSet::new(),
                    heads: BTreeMap::new(),
                });
                nodes.len() - 1
            });
            nodes[idx].mentions.push((ai, ci));
            let words = norm_key(&c.key);
            if let [.., m, h] = words.as_slice() {
                if !c.entities.contains(m) {
                    nodes[idx]
                        .heads
                        .entry(h.clone())
                        .or_default()
                        .insert(m.clone());
                }
            }
            nodes[idx].words.extend(words);
            nodes[idx].topic.extend(c.entities.iter().map(fold));
        }
        let names: BTreeSet<String> = title_names(&a.title).iter().map(fold).collect();
        for n in &mut nodes[first..] {
            if n.topic.is_empty() {
                n.topic = names.clone();
            }
        }
    }
    nodes
}

/// Claims about different named things are different claims: two topics
/// agree when either is unknown or they share a name.
fn topics_agree(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    a.is_empty() || b.is_empty() || a.intersection(b).next().is_some()
}

/// True when two nodes' key words say they are about the same thing: two
/// shared words, or the same single word.
fn keys_match(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let shared = a.intersection(b).count();
    shared >= 2 || (shared == 1 && a.len() == 1 && b.len() == 1)
}

/// True when two nodes name different kinds of one thing: the same head noun
/// with other modifiers ("loan package" and "subsidy package", "auto tariff"
/// and "steel tariff"), neither modifier among the other's words. Another head with the same modifier ("investment
/// fund", "investment tool") is a rewording, not a clash.
fn modifiers_clash(a: &Node, b: &Node) -> bool {
    a.heads.iter().any(|(h, ma)| {
        b.heads.get(h).is_some_and(|mb| {
            // "harbour fund" and "harbour investment fund" do not clash
            ma.iter().all(|m| !b.words.contains(m)) && mb.iter().all(|m| !a.words.contains(m))
        })
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
fn distinct_heads(nodes: &[Node]) -> BTreeSet<(String, String)> {
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
                for ha in a.heads.keys() {
                    for hb in b.heads.keys() {
                        if ha != hb && !a.heads.contains_key(hb) && !b.heads.contains_key(ha) {
                            let pair = if ha < hb { (ha, hb) } else { (hb, ha) };
                            out.insert((pair.0.clone(), pair.1.clone()));
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
fn heads_distinct(a: &Node, b: &Node, distinct: &BTreeSet<(String, String)>) -> bool {
    if a.heads.keys().any(|h| b.heads.contains_key(h)) {
        return false;
    }
    a.heads.keys().any(|ha| {
        b.heads.keys().any(|hb| {
            let pair = if ha < hb { (ha, hb) } else { (hb, ha) };
            distinct.contains(&(pair.0.clone(), pair.1.clone()))
        })
    })
}

/// Groups nodes: union-find over links found through a (unit, word) index,
/// each node compared with a bounded number of value-neighbours.
pub(super) fn group_nodes(nodes: &[Node]) -> Vec<Vec<usize>> {
    let distinct = distinct_heads(nodes);
    let mut index: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        for w in &n.words {
            index
                .entry((n.unit.as_str(), w.as_str()))
                .or_default()
                .push(i);
        }
    }
    let mut parent: Vec<usize> = (0..nodes.len()).collect();
    // Names a whole component is about: two components merge only if these
    // agree, so a node without names cannot bridge two differently named
    // things (a cannot-link constraint on the union-find).
    let mut names: Vec<BTreeSet<String>> = nodes.iter().map(|n| n.topic.clone()).collect();
    // Fixed order: the index's keys sorted, so grouping is deterministic.
    let mut lists: Vec<(&(&str, &str), &mut Vec<usize>)> = index.iter_mut().collect();
    lists.sort_by(|a, b| a.0.cmp(b.0));
    for (_, list) in lists {
        list.sort_by(|&a, &b| nodes[a].value.total_cmp(&nodes[b].value).then(a.cmp(&b)));
        for (k, &i) in list.iter().enumerate() {
            for &j in list[k + 1..].iter().take(MAX_NEIGHBOURS) {
                if !same_family(nodes[i].value, nodes[j].value) {
                    break;
                }
                if keys_match(&nodes[i].words, &nodes[j].words)
                    && !modifiers_clash(&nodes[i], &nodes[j])
                    && !heads_distinct(&nodes[i], &nodes[j], &distinct)
                    && topics_agree(&nodes[i].topic, &nodes[j].topic)
                {
                    let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                    if ri != rj && topics_agree(&names[ri], &names[rj]) {
                        let (lo, hi) = if ri < rj { (ri, rj) } else { (rj, ri) };
                        parent[hi] = lo;
                        let moved = std::mem::take(&mut names[hi]);
                        names[lo].extend(moved);
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
    nodes: &[Node],
    rules: &'r Rules,
    canon: &HashMap<String, String>,
) -> Option<&'r Fact> {
    let unit = &nodes[g[0]].unit;
    let fold = |w: &String| canon.get(w).cloned().unwrap_or_else(|| w.clone());
    let words: BTreeSet<String> = g
        .iter()
        .flat_map(|&n| {
            nodes[n]
                .words
                .iter()
                .map(fold)
                .chain(nodes[n].topic.iter().cloned())
        })
        .collect();
    let heads: BTreeMap<&str, BTreeSet<String>> = g
        .iter()
        .flat_map(|&n| nodes[n].heads.iter())
        .fold(BTreeMap::new(), |mut m, (h, ms)| {
            m.entry(h.as_str())
                .or_insert_with(BTreeSet::new)
                .extend(ms.iter().map(fold));
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
    nodes: &[Node],
    articles: &[ClaimsInput],
    facts: &[Option<&Fact>],
) -> Vec<String> {
    let mut labels = Vec::with_capacity(groups.len());
    let mut used: BTreeMap<String, u32> = BTreeMap::new();
    for (gi, g) in groups.iter().enumerate() {
        let base = match facts[gi] {
            Some(f) => f.fact.clone(),
            None => {
                // Counted by normalised phrase; shown as first written.
                let mut counts: BTreeMap<String, (u32, String)> = BTreeMap::new();
                for &n in g {
                    for &(a, c) in &nodes[n].mentions {
                        if let Some(cl) = articles.get(a).and_then(|s| s.claims.get(c)) {
                            let e = counts
                                .entry(norm_key(&cl.key).join(" "))
                                .or_insert_with(|| (0, cl.key.join(" ")));
                            e.0 += 1;
                        }
                    }
                }
                let mut best: Option<(&String, u32)> = None;
                for (n, shown) in counts.values() {
                    if best.is_none_or(|(_, m)| *n > m) {
                        best = Some((shown, *n));
                    }
                }
                best.map(|(k, _)| k.clone()).unwrap_or_default()
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
    use super::super::testutil::{facts, no_facts, summary};
    use super::*;

    fn node(art: usize, value: f64, words: &[&str], topic: &[&str]) -> Node {
        Node {
            art,
            unit: "USD".into(),
            value,
            mentions: Vec::new(),
            words: words.iter().map(|w| w.to_string()).collect(),
            topic: topic.iter().map(|w| w.to_string()).collect(),
            heads: BTreeMap::new(),
        }
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
            .map(|n| (n.art, n.value, n.mentions.len()))
            .collect();
        assert_eq!(got, [(0, 5e9, 2), (1, 5e9, 1), (1, 2e9, 1)]);
        assert_eq!(
            nodes[0]
                .words
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            ["fund", "investment"]
        );
    }

    #[test]
    fn keys_and_topics_decide_links() {
        let set = |w: &[&str]| w.iter().map(|w| w.to_string()).collect::<BTreeSet<_>>();
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

    fn with_heads(mut n: Node, pairs: &[(&str, &str)]) -> Node {
        for (m, h) in pairs {
            n.heads
                .entry(h.to_string())
                .or_default()
                .insert(m.to_string());
        }
        n
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
        assert!(distinct.contains(&("budget".to_string(), "investment".to_string())));
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
        let nodes = vec![
            node(0, 55e9, &["investment", "fund"], &[]),
            node(1, 550e9, &["big", "investment", "fund"], &[]),
            node(2, 5e9, &["investment", "fund"], &[]),
        ];
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
        let labels = group_labels(&groups, &nodes, &arts, &[None, None]);
        assert_eq!(labels, ["fund", "fund #2"]);
        let rules = facts("fact,value,unit,cues,note\nThe fund,5000000000,USD,fund,x\n");
        let labels = group_labels(&groups, &nodes, &arts, &[Some(&rules.facts[0]), None]);
        assert_eq!(labels, ["The fund", "fund"]);
    }

    #[test]
    fn find_returns_the_root() {
        let mut parent = vec![0, 0, 1, 3];
        assert_eq!(find(&mut parent, 2), 0);
        assert_eq!(find(&mut parent, 3), 3);
    }
}
