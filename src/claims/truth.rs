//! Truth discovery: who votes (sources, copies folded into their origin),
//! each source's starting trust, TruthFinder over the groups, value
//! confidences and the consensus of a group.

use super::group::{find, Node};
use super::table::ClaimTable;
use super::{rel_diff, round6, same_value, AGREE_TOL};
use crate::model::{DedupOutcome, Finding, FindingKind};
use crate::rules::Fact;
use std::collections::{BTreeMap, BTreeSet};

/// TruthFinder parameters (Yin, Han & Yu 2007 use the same defaults).
const T0: f64 = 0.9; // initial trust of a source with no known error
const GAMMA: f64 = 0.3; // dampening factor
const RHO: f64 = 0.5; // weight of implication between values
const BASE_SIM: f64 = 0.5; // similarity below which values oppose each other
/// Each officeholder error in an article halves its source's starting trust;
/// each machine-writing warning takes a fifth off.
const ERROR_FACTOR: f64 = 0.5;
const WARNING_FACTOR: f64 = 0.8;
/// The starting trust counts as this many observed claims in the trust
/// update, so evidence from the names check is not washed out by one group.
const PRIOR_WEIGHT: f64 = 2.0;
/// Confidence given to a value that matches (1 - EPS) or contradicts (EPS)
/// a reference fact.
const FACT_EPS: f64 = 0.05;
const MAX_ITER: usize = 100;
const CONVERGED: f64 = 1e-6;
/// A consensus needs this many independent sources behind the winning value.
const MIN_SUPPORT_SOURCES: usize = 2;

/// Who votes: each article's source, with copies folded into their origin's
/// source; and each source's starting trust from the names check.
pub(super) struct Voters {
    /// Voter index of each article (by position in the claim table).
    of_article: Vec<u32>,
    /// Voter names (sources), sorted; index = voter id.
    index: BTreeMap<String, usize>,
    /// Starting trust of every voter.
    pub(super) prior: Vec<f64>,
    /// Starting trust of every source (including pure copiers).
    source_prior: BTreeMap<String, f64>,
    voted: BTreeSet<usize>,
}

/// Starting trust of one article from its findings.
pub(super) fn article_prior(findings: &[Finding]) -> f64 {
    let mut t = T0;
    let mut errors = 0;
    let mut warnings = 0;
    for f in findings {
        match f.kind {
            FindingKind::OutdatedOfficeholder
            | FindingKind::WrongOfficeholder
            | FindingKind::MisspelledName
            | FindingKind::RoleMismatch => errors += 1,
            FindingKind::MachineTell | FindingKind::KeywordStuffing => warnings += 1,
            _ => {}
        }
    }
    for _ in 0..errors.min(6) {
        t *= ERROR_FACTOR;
    }
    for _ in 0..warnings.min(6) {
        t *= WARNING_FACTOR;
    }
    t
}

impl Voters {
    pub(super) fn new(table: &ClaimTable, dedup: &DedupOutcome) -> Voters {
        let articles = &table.arts;
        // Position of each article id (u32::MAX: none).
        let ids = articles.iter().map(|a| a.id.0 as usize + 1).max();
        let mut pos: Vec<u32> = vec![u32::MAX; ids.unwrap_or(0)];
        for (i, a) in articles.iter().enumerate() {
            pos[a.id.0 as usize] = i as u32;
        }
        let pos_of = |id: crate::model::ArticleId| {
            pos.get(id.0 as usize)
                .copied()
                .filter(|&p| p != u32::MAX)
                .map(|p| p as usize)
        };
        // Union-find over copy links; the root is the earliest article.
        let mut parent: Vec<usize> = (0..articles.len()).collect();
        for (copy, origin) in &dedup.copies {
            if let (Some(c), Some(o)) = (pos_of(*copy), pos_of(*origin)) {
                let (rc, ro) = (find(&mut parent, c), find(&mut parent, o));
                if rc != ro {
                    let (lo, hi) = if rc < ro { (rc, ro) } else { (ro, rc) };
                    parent[hi] = lo;
                }
            }
        }
        drop(pos);
        // Starting trust per source: the mean of its articles', summed in
        // article order.
        let mut sums: Vec<(f64, u32)> = vec![(0.0, 0); table.sources.len()];
        for a in articles {
            let e = &mut sums[a.source as usize];
            e.0 += a.prior;
            e.1 += 1;
        }
        let source_prior: BTreeMap<String, f64> = sums
            .iter()
            .enumerate()
            .map(|(s, &(sum, n))| {
                let name = table.sources.get(s as u32).to_string();
                (name, sum / f64::from(n.max(1)))
            })
            .collect();
        let index: BTreeMap<String, usize> = source_prior
            .keys()
            .enumerate()
            .map(|(i, s)| (s.clone(), i))
            .collect();
        let prior: Vec<f64> = source_prior.values().copied().collect();
        // Voter of each source number, then of each article: its copy
        // group's root article's source.
        let voter_of_source: Vec<u32> = (0..table.sources.len())
            .map(|s| {
                index
                    .get(table.sources.get(s as u32))
                    .map_or(0, |&v| v as u32)
            })
            .collect();
        let of_article: Vec<u32> = (0..articles.len())
            .map(|i| {
                let r = find(&mut parent, i);
                voter_of_source[articles[r].source as usize]
            })
            .collect();
        let voted = articles
            .iter()
            .zip(&of_article)
            .filter(|(a, _)| a.voted)
            .map(|(_, &v)| v as usize)
            .collect();
        Voters {
            of_article,
            index,
            prior,
            source_prior,
            voted,
        }
    }

    /// The observations of each group: its distinct (voter, value) pairs,
    /// in (voter, value bits) order.
    pub(super) fn observations(
        &self,
        groups: &[Vec<usize>],
        nodes: &[Node],
    ) -> Vec<Vec<(usize, f64)>> {
        groups
            .iter()
            .map(|g| {
                let mut obs: BTreeSet<(usize, u64)> = BTreeSet::new();
                for &n in g {
                    let node = &nodes[n];
                    obs.insert((self.of_article[node.art] as usize, node.value.to_bits()));
                }
                obs.into_iter()
                    .map(|(v, b)| (v, f64::from_bits(b)))
                    .collect()
            })
            .collect()
    }

    /// Trust per source, sorted by name: the voter's final trust; a source
    /// that never voted (or only through copies) keeps its starting trust.
    pub(super) fn source_trust(&self, trust: &[f64]) -> Vec<(String, f64)> {
        let mut out_trust: BTreeMap<String, f64> = BTreeMap::new();
        for (name, &prior) in &self.source_prior {
            let t = self
                .index
                .get(name)
                .filter(|v| self.voted.contains(v))
                .map(|&v| trust[v])
                .unwrap_or(prior);
            out_trust.insert(name.clone(), round6(t));
        }
        out_trust.into_iter().collect()
    }
}

/// What truth discovery learns from.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Evidence {
    /// Observations of the groups without a fact that two or more voters state.
    pub(super) open_groups: Vec<Vec<(usize, f64)>>,
    /// (voter, right?) for every value stated in a fact-checked group.
    pub(super) fact_checks: Vec<(usize, bool)>,
}

impl Evidence {
    /// Sorts each group's observations (see [`Voters::observations`]) into
    /// open groups and fact checks, in group order.
    pub(super) fn gather(observations: &[Vec<(usize, f64)>], facts: &[Option<&Fact>]) -> Evidence {
        let mut evidence = Evidence::default();
        for (obs, fact) in observations.iter().zip(facts) {
            if let Some(f) = fact {
                for &(v, x) in obs {
                    evidence.fact_checks.push((v, same_value(x, f.value)));
                }
            } else {
                let distinct: BTreeSet<usize> = obs.iter().map(|o| o.0).collect();
                if distinct.len() >= 2 {
                    evidence.open_groups.push(obs.clone());
                }
            }
        }
        evidence
    }
}

/// TruthFinder (Yin, Han & Yu 2007) over the groups without a fact, with
/// fact-checked groups as fixed evidence and a prior that persists.
///
/// Returns the final trust of every voter.
pub(super) fn truth_discovery(
    prior: &[f64],
    groups: &[Vec<(usize, f64)>],
    fact_obs: &[(usize, bool)],
) -> Vec<f64> {
    let mut t: Vec<f64> = prior.to_vec();
    for _ in 0..MAX_ITER {
        let mut sum = vec![0.0; t.len()];
        let mut cnt = vec![0.0; t.len()];
        for g in groups {
            for (v, c) in value_confidences(g, &t) {
                for &(voter, x) in g {
                    if x.to_bits() == v.to_bits() {
                        sum[voter] += c;
                        cnt[voter] += 1.0;
                    }
                }
            }
        }
        for &(voter, ok) in fact_obs {
            sum[voter] += if ok { 1.0 - FACT_EPS } else { FACT_EPS };
            cnt[voter] += 1.0;
        }
        let mut delta: f64 = 0.0;
        for i in 0..t.len() {
            let nt = (PRIOR_WEIGHT * prior[i] + sum[i]) / (PRIOR_WEIGHT + cnt[i]);
            delta = delta.max((nt - t[i]).abs());
            t[i] = nt;
        }
        if delta < CONVERGED {
            break;
        }
    }
    t
}

/// Confidence of each distinct value of one group given voter trust:
/// σ(f) = Σ τ(s), τ = −ln(1 − t); σ*(f) = σ(f) + ρ Σ σ(f')·(sim(f', f) − base);
/// s(f) = 1 / (1 + e^(−γ σ*(f))).
fn value_confidences(obs: &[(usize, f64)], t: &[f64]) -> Vec<(f64, f64)> {
    let mut sigma: BTreeMap<u64, f64> = BTreeMap::new();
    for &(voter, x) in obs {
        let tv = t.get(voter).copied().unwrap_or(T0).clamp(0.0, 0.99);
        *sigma.entry(x.to_bits()).or_default() += -(1.0 - tv).ln();
    }
    let vals: Vec<(f64, f64)> = sigma
        .iter()
        .map(|(b, s)| (f64::from_bits(*b), *s))
        .collect();
    vals.iter()
        .map(|&(x, s)| {
            let imp: f64 = vals
                .iter()
                .filter(|(y, _)| y.to_bits() != x.to_bits())
                .map(|&(y, sy)| sy * (value_sim(y, x) - BASE_SIM))
                .sum();
            let star = s + RHO * imp;
            (x, 1.0 / (1.0 + (-GAMMA * star).exp()))
        })
        .collect()
}

/// Similarity of two values: 1 when equal, 0.5 at [`AGREE_TOL`], 0 at twice it.
fn value_sim(a: f64, b: f64) -> f64 {
    (1.0 - rel_diff(a, b) / (2.0 * AGREE_TOL)).max(0.0)
}

/// The consensus of a group: the most confident value, if at least
/// [`MIN_SUPPORT_SOURCES`] independent sources state it (or a value within
/// [`AGREE_TOL`] of it).
pub(super) fn consensus_of(obs: &[(usize, f64)], trust: &[f64]) -> Option<f64> {
    let voters: BTreeSet<usize> = obs.iter().map(|o| o.0).collect();
    if voters.len() < MIN_SUPPORT_SOURCES {
        return None;
    }
    let conf = value_confidences(obs, trust);
    let mut best: Option<(f64, f64)> = None;
    for (x, c) in conf {
        if best.is_none_or(|(_, bc)| c > bc + 1e-12) {
            best = Some((x, c));
        }
    }
    let (x, _) = best?;
    let support: BTreeSet<usize> = obs
        .iter()
        .filter(|(_, y)| same_value(*y, x))
        .map(|o| o.0)
        .collect();
    (support.len() >= MIN_SUPPORT_SOURCES).then_some(x)
}

/// Support of each value of a group: its TruthFinder confidence given the
/// final trust, rounded to six places, by the value's bits.
pub(super) fn value_support(obs: &[(usize, f64)], trust: &[f64]) -> BTreeMap<u64, f64> {
    value_confidences(obs, trust)
        .into_iter()
        .map(|(x, c)| (x.to_bits(), round6(c)))
        .collect()
}

/// How many independent sources state `x` (or a value within
/// [`AGREE_TOL`] of it) in a group.
pub(super) fn sources_for(obs: &[(usize, f64)], x: f64) -> usize {
    obs.iter()
        .filter(|(_, y)| same_value(*y, x))
        .map(|o| o.0)
        .collect::<BTreeSet<usize>>()
        .len()
}

#[cfg(test)]
mod tests {
    use super::super::group::build_nodes;
    use super::super::testutil::{facts, summary};
    use super::*;
    use crate::model::ArticleId;
    use std::collections::HashMap;

    const E: FindingKind = FindingKind::WrongOfficeholder;

    #[test]
    fn prior_falls_with_officeholder_errors() {
        let clean = summary(0, "a", "x", &[FindingKind::NameVariant]);
        let one = summary(1, "a", "x", &[FindingKind::MisspelledName]);
        let two = summary(
            2,
            "a",
            "x",
            &[FindingKind::OutdatedOfficeholder, FindingKind::RoleMismatch],
        );
        assert_eq!(clean.prior, T0);
        assert!(clean.prior > one.prior);
        assert!(one.prior > two.prior);
        let tell = summary(3, "a", "x", &[FindingKind::MachineTell]);
        assert_eq!(tell.prior, T0 * WARNING_FACTOR);
    }

    #[test]
    fn copies_vote_with_their_origin_and_priors_average_per_source() {
        let arts = vec![
            summary(0, "a", "The $5 billion fund.", &[]),
            summary(1, "b", "The $5 billion fund.", &[]),
            summary(2, "a", "Nothing here.", &[E]),
            summary(3, "c", "Nothing here.", &[]),
        ];
        let dedup = DedupOutcome {
            copies: vec![(ArticleId(1), ArticleId(0))],
            ..Default::default()
        };
        let voters = Voters::new(&build_nodes(&arts, &HashMap::new()).table, &dedup);
        assert_eq!(voters.of_article, [0, 0, 0, 2]);
        assert_eq!(voters.prior, [(T0 + T0 * ERROR_FACTOR) / 2.0, T0, T0]);
        assert_eq!(voters.voted, BTreeSet::from([0]));
        // b never voted on its own, c stated nothing: both keep their prior.
        assert_eq!(
            voters.source_trust(&[0.5, 0.1, 0.2]),
            [
                ("a".to_string(), 0.5),
                ("b".to_string(), T0),
                ("c".to_string(), T0)
            ]
        );
    }

    #[test]
    fn observations_are_distinct_voter_values() {
        let arts = vec![
            summary(0, "a", "The $5 billion fund. Also a $6 billion fund.", &[]),
            summary(1, "a", "The $5 billion fund.", &[]),
            summary(2, "b", "The $5 billion fund.", &[]),
        ];
        let nodes = build_nodes(&arts, &HashMap::new());
        let voters = Voters::new(&nodes.table, &DedupOutcome::default());
        let groups = vec![(0..nodes.len()).collect::<Vec<_>>()];
        assert_eq!(
            voters.observations(&groups, &nodes),
            vec![vec![(0, 5e9), (0, 6e9), (1, 5e9)]]
        );
    }

    #[test]
    fn evidence_splits_open_groups_and_fact_checks() {
        let rules = facts("fact,value,unit,cues,note\nF,100,USD,fund,x\n");
        let observations = vec![
            vec![(0, 100.0), (1, 10.0)],
            vec![(0, 5.0), (1, 6.0)],
            vec![(0, 5.0), (0, 7.0)],
        ];
        let evidence = Evidence::gather(&observations, &[Some(&rules.facts[0]), None, None]);
        assert_eq!(
            evidence,
            Evidence {
                open_groups: vec![vec![(0, 5.0), (1, 6.0)]],
                fact_checks: vec![(0, true), (1, false)],
            }
        );
    }

    #[test]
    fn truth_discovery_rewards_agreement_with_facts_and_majorities() {
        let trust = truth_discovery(&[0.9, 0.9], &[], &[(0, true), (1, false)]);
        assert!(trust[0] > 0.9 && trust[1] < 0.9, "{trust:?}");
        let open = vec![vec![(0, 5.0), (1, 5.0), (2, 50.0)]];
        let trust = truth_discovery(&[0.9, 0.9, 0.9], &open, &[]);
        assert!(trust[0] == trust[1] && trust[1] > trust[2], "{trust:?}");
    }

    #[test]
    fn confidence_and_consensus_follow_trust() {
        let obs = [(0, 5.0), (1, 5.0), (2, 50.0)];
        let conf = value_confidences(&obs, &[0.9, 0.9, 0.9]);
        assert_eq!(conf.len(), 2);
        assert!(conf[0].1 > conf[1].1, "{conf:?}");
        assert_eq!(consensus_of(&obs, &[0.9, 0.9, 0.9]), Some(5.0));
        // One trusted voter alone is no consensus.
        assert_eq!(consensus_of(&[(0, 5.0), (1, 50.0)], &[0.9, 0.1]), None);
        assert_eq!(consensus_of(&[(0, 5.0), (0, 5.0)], &[0.9]), None);
        let support = value_support(&obs, &[0.9, 0.9, 0.9]);
        assert_eq!(support[&5f64.to_bits()], round6(conf[0].1));
        assert_eq!(
            sources_for(&[(0, 5.0), (1, 5.1), (2, 50.0), (0, 5.05)], 5.0),
            2
        );
        assert_eq!(value_sim(5.0, 5.0), 1.0);
        assert_eq!(value_sim(1.0, 2.0), 0.0);
    }
}
