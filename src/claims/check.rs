//! Checking one group of comparable claims: what it is compared with (a
//! fact or the reliability-weighted consensus) and its claims.csv rows.

use super::group::Nodes;
use super::table::key_of;
use super::truth::{consensus_of, value_support};
use super::{same_family, same_value};
use crate::model::{ClaimRow, Keys};
use crate::rules::Fact;
use std::collections::BTreeMap;

/// One group and what it needs to be checked and reported.
pub(super) struct GroupCheck<'a> {
    /// Every node, with the claims they hold.
    pub(super) nodes: &'a Nodes,
    /// Article keys by id (for evidence).
    pub(super) keys: &'a Keys,
    /// Node indices of the group.
    pub(super) group: &'a [usize],
    pub(super) label: &'a str,
    /// The group's distinct (voter, value) pairs.
    pub(super) observations: &'a [(usize, f64)],
    /// The `facts.csv` row the group is about, if any.
    pub(super) fact: Option<&'a Fact>,
}

/// What a group's values are compared with.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Reference {
    /// The fact's value, else the consensus (if there is one).
    pub(super) consensus: Option<f64>,
    /// `facts.csv:N` for a fact, else empty.
    pub(super) reference: String,
    /// `facts.csv:N`, else the articles stating the consensus.
    pub(super) evidence: String,
}

impl Reference {
    /// The consensus a value is compared with and whether it agrees. A value
    /// more than an order of magnitude from the consensus is another
    /// quantity that reached this group through a chain of links, not a
    /// disagreement about this one: nothing to compare.
    pub(super) fn verdict(&self, value: f64) -> (Option<f64>, bool) {
        let consensus = self.consensus.filter(|&c| same_family(c, value));
        let agrees = consensus.is_none_or(|c| same_value(c, value));
        (consensus, agrees)
    }
}

impl<'a> GroupCheck<'a> {
    /// The unit of every value in the group.
    pub(super) fn unit(&self) -> &'a str {
        let table = &self.nodes.table;
        self.nodes[self.group[0]]
            .first(table)
            .map_or("", |c| table.text(c.unit))
    }

    /// The fact's value, else the consensus of the final `trust`.
    pub(super) fn reference(&self, trust: &[f64]) -> Reference {
        match self.fact {
            Some(f) => Reference {
                consensus: Some(f.value),
                reference: format!("facts.csv:{}", f.line),
                evidence: format!("facts.csv:{}", f.line),
            },
            None => match consensus_of(self.observations, trust) {
                Some(v) => Reference {
                    consensus: Some(v),
                    reference: String::new(),
                    evidence: supporters_evidence(self.group, self.nodes, self.keys, v),
                },
                None => Reference {
                    consensus: None,
                    reference: String::new(),
                    evidence: String::new(),
                },
            },
        }
    }

    /// One claims.csv row per mention, in node then text order; a value's
    /// support is its TruthFinder confidence given the final `trust`.
    /// The group's rows in the order made (`label_rows` makes them a part
    /// at a time, sorted first).
    #[cfg(test)]
    pub(super) fn rows(&self, reference: &Reference, trust: &[f64]) -> Vec<ClaimRow> {
        let support = self.support(trust);
        self.row_places()
            .map(|(n, c)| self.row(n, c, reference, &support))
            .collect()
    }

    /// The support of each value the group holds (by its bits).
    pub(super) fn support(&self, trust: &[f64]) -> BTreeMap<u64, f64> {
        value_support(self.observations, trust)
    }

    /// Where each of the group's rows comes from, in the order [`rows`]
    /// makes them: (node, claim number in the table).
    ///
    /// [`rows`]: GroupCheck::rows
    pub(super) fn row_places(&self) -> impl Iterator<Item = (usize, u32)> + '_ {
        let table = &self.nodes.table;
        self.group.iter().flat_map(move |&n| {
            self.nodes[n]
                .mentions()
                .iter()
                .filter(move |&&c| table.claim(c).is_some())
                .map(move |&c| (n, c))
        })
    }

    /// The row of claim `c` of node `n` (one of [`row_places`]), with the
    /// group's `support` ([`support`]).
    ///
    /// [`row_places`]: GroupCheck::row_places
    /// [`support`]: GroupCheck::support
    pub(super) fn row(
        &self,
        n: usize,
        c: u32,
        reference: &Reference,
        support: &BTreeMap<u64, f64>,
    ) -> ClaimRow {
        let table = &self.nodes.table;
        let c = table.claim(c).expect("a row's claim is in the table");
        let (consensus, agrees) = reference.verdict(self.nodes[n].value);
        ClaimRow {
            claim: self.label.to_string(),
            article: c.article,
            paragraph: c.paragraph,
            mention: table.text(c.mention).to_string(),
            value: c.value,
            unit: table.text(c.unit).to_string(),
            consensus,
            support: support.get(&c.value.to_bits()).copied().unwrap_or(0.0),
            agrees,
            reference: reference.reference.clone(),
        }
    }
}

/// The order of claims.csv: claim, article, paragraph, mention, value
/// (what `label_rows` gives without making the rows first).
#[cfg(test)]
pub(super) fn sort_rows(rows: &mut [ClaimRow]) {
    rows.sort_by(|a, b| {
        (&a.claim, a.article, a.paragraph, &a.mention)
            .cmp(&(&b.claim, b.article, b.paragraph, &b.mention))
            .then(a.value.total_cmp(&b.value))
    });
}

/// "001.txt#p1; 004.txt#p1": up to three articles stating the consensus.
fn supporters_evidence(g: &[usize], nodes: &Nodes, keys: &Keys, v: f64) -> String {
    let table = &nodes.table;
    let mut cites: Vec<String> = Vec::new();
    for &n in g {
        if same_value(nodes[n].value, v) {
            if let Some(c) = nodes[n].first(table) {
                let id = table.arts[nodes[n].art].id;
                cites.push(format!("{}#p{}", key_of(keys, id), c.paragraph.number()));
            }
        }
    }
    let more = cites.len().saturating_sub(3);
    cites.truncate(3);
    let mut s = cites.join("; ");
    if more > 0 {
        s.push_str(&format!("; +{more} more"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::super::group::{build_nodes, group_nodes};
    use super::super::table::keys_by_id;
    use super::super::testutil::{facts, summary};
    use super::*;
    use crate::model::{ArticleId, ClaimsInput};
    use std::collections::HashMap;

    fn reference(consensus: Option<f64>) -> Reference {
        Reference {
            consensus,
            reference: String::new(),
            evidence: String::new(),
        }
    }

    #[test]
    fn verdict_compares_only_within_one_order_of_magnitude() {
        let r = reference(Some(550e9));
        assert_eq!(r.verdict(551e9), (Some(550e9), true));
        assert_eq!(r.verdict(55e9), (Some(550e9), false));
        assert_eq!(r.verdict(5e9), (None, true), "another quantity");
        assert_eq!(reference(None).verdict(5.0), (None, true));
    }

    #[test]
    fn a_labels_rows_made_a_part_at_a_time_are_its_rows_sorted() {
        let arts = vec![
            summary(0, "a", "The $5 billion fund. The $7 billion fund.", &[]),
            summary(1, "b", "The $5 billion fund.", &[]),
            summary(2, "c", "The $50 billion fund. The $5 billion fund.", &[]),
        ];
        let nodes = build_nodes(&arts, &HashMap::new());
        let keys = keys_by_id(&arts);
        let observations = [(0, 5e9), (1, 5e9), (2, 50e9)];
        // Two groups of one label, in an order that sorting must undo.
        let groups: [Vec<usize>; 2] = [
            (0..nodes.len()).rev().filter(|n| n % 2 == 0).collect(),
            (0..nodes.len()).filter(|n| n % 2 == 1).collect(),
        ];
        fn check<'c>(
            (nodes, keys, observations): (&'c Nodes, &'c Keys, &'c [(usize, f64)]),
            group: &'c [usize],
        ) -> GroupCheck<'c> {
            GroupCheck {
                nodes,
                keys,
                group,
                label: "fund",
                observations,
                fact: None,
            }
        }
        let ctx = (&nodes, &keys, &observations[..]);
        let check = |g| check(ctx, g);
        let trust = [0.9, 0.8, 0.7];
        let refs: Vec<Reference> = groups.iter().map(|g| check(g).reference(&trust)).collect();
        let mut want: Vec<ClaimRow> = groups
            .iter()
            .zip(&refs)
            .flat_map(|(g, r)| check(g).rows(r, &trust))
            .collect();
        sort_rows(&mut want);
        assert!(want.len() >= 5, "{want:?}");
        let checks: Vec<(GroupCheck<'_>, &Reference)> = groups
            .iter()
            .zip(&refs)
            .map(|(g, r)| (check(g), r))
            .collect();
        for at_once in [1, 2, 4096] {
            let mut parts: Vec<Vec<ClaimRow>> = Vec::new();
            crate::claims::label_rows(&checks, &trust, at_once, &mut |p| parts.push(p));
            assert!(parts.iter().all(|p| p.len() <= at_once));
            assert_eq!(parts.concat(), want, "{at_once}");
        }
    }

    #[test]
    fn reference_rows_and_evidence_of_a_group() {
        let arts = vec![
            summary(0, "a", "The $5 billion fund.", &[]),
            summary(1, "b", "The $5 billion fund.", &[]),
            summary(2, "c", "The $50 billion fund. The $50 billion fund.", &[]),
        ];
        let nodes = build_nodes(&arts, &HashMap::new());
        let groups = group_nodes(&nodes);
        assert_eq!(groups, vec![vec![0, 1, 2]]);
        let observations = [(0, 5e9), (1, 5e9), (2, 50e9)];
        let keys = keys_by_id(&arts);
        let mut check = GroupCheck {
            nodes: &nodes,
            keys: &keys,
            group: &groups[0],
            label: "fund",
            observations: &observations,
            fact: None,
        };
        assert_eq!(check.unit(), "USD");
        let trust = [0.9, 0.9, 0.9];
        let r = check.reference(&trust);
        assert_eq!(r.consensus, Some(5e9));
        assert_eq!(r.evidence, "000.txt#p1; 001.txt#p1");
        assert_eq!(r.reference, "");
        let rows = check.rows(&r, &trust);
        let got: Vec<(ArticleId, bool, &str)> = rows
            .iter()
            .map(|r| (r.article, r.agrees, r.claim.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (ArticleId(0), true, "fund"),
                (ArticleId(1), true, "fund"),
                (ArticleId(2), false, "fund"),
                (ArticleId(2), false, "fund"),
            ]
        );
        assert!(rows[0].support > rows[2].support);
        let rules = facts("fact,value,unit,cues,note\nF,50000000000,USD,fund,x\n");
        check.fact = Some(&rules.facts[0]);
        let r = check.reference(&trust);
        assert_eq!(
            (r.consensus, r.reference.as_str(), r.evidence.as_str()),
            (Some(50e9), "facts.csv:2", "facts.csv:2")
        );
    }

    #[test]
    fn supporters_evidence_cites_three_and_counts_the_rest() {
        let arts: Vec<ClaimsInput> = (0..5)
            .map(|i| summary(i, "s", "The $5 billion fund.", &[]))
            .collect();
        let nodes = build_nodes(&arts, &HashMap::new());
        let keys = keys_by_id(&arts);
        let g: Vec<usize> = (0..nodes.len()).collect();
        assert_eq!(
            supporters_evidence(&g, &nodes, &keys, 5e9),
            "000.txt#p1; 001.txt#p1; 002.txt#p1; +2 more"
        );
        assert_eq!(supporters_evidence(&g, &nodes, &keys, 9e9), "");
    }

    #[test]
    fn rows_sort_by_claim_article_paragraph_mention_value() {
        let row = |claim: &str, article: u32, value: f64| ClaimRow {
            claim: claim.into(),
            article: ArticleId(article),
            paragraph: crate::model::ParaIdx(0),
            mention: "m".into(),
            value,
            unit: String::new(),
            consensus: None,
            support: 0.0,
            agrees: true,
            reference: String::new(),
        };
        let mut rows = vec![
            row("b", 0, 1.0),
            row("a", 1, 2.0),
            row("a", 1, 1.0),
            row("a", 0, 9.0),
        ];
        sort_rows(&mut rows);
        let got: Vec<(&str, u32, f64)> = rows
            .iter()
            .map(|r| (r.claim.as_str(), r.article.0, r.value))
            .collect();
        assert_eq!(
            got,
            [("a", 0, 9.0), ("a", 1, 1.0), ("a", 1, 2.0), ("b", 0, 1.0)]
        );
    }
}
