//! Extracting quantities and comparing them across articles (truth discovery).
//!
//! In: segmented articles (per-article extraction), then all articles' claims
//! with dedup's copy links, the per-article findings (for initial source
//! reliability) and the rules' facts. Out: claims.csv rows,
//! quantity_conflict / internal_conflict findings, and trust per source.
//! Guarantees: deterministic (no hash-map order reaches the output); copies
//! are not counted as independent sources; nothing about a particular event
//! lives here (reference values come from `facts.csv` only); extraction is a
//! pure single pass over each content paragraph that only looks around digits.
//!
//! Method (details and citations in the README section "Checking figures"):
//! 1. *Extract*: a quantity is a number with a currency, a scale word
//!    (thousand..trillion, bn/tn, m/k after a currency) or a percent sign; bare
//!    numbers (years, dates, ages, list numbers) are never claims. Its key is
//!    the noun phrase around it: pre-modifiers directly before it, the words
//!    after it up to the head noun, or the noun of "X of $N".
//! 2. *Group*: mentions with the same article, unit and value form a node (an
//!    article repeats its figure under several wordings: that co-occurrence is
//!    what makes "tool" and "fund" the same thing). Nodes of the same unit
//!    link when their values are within one order of magnitude and their key
//!    words share two words (or are the same single word).
//! 3. *Check*: a group matching a `facts.csv` row by cue words, unit and
//!    magnitude is checked against it; other groups get a TruthFinder-style
//!    consensus (Yin, Han & Yu 2007) where every source's trust starts from
//!    the names check and is re-estimated from how its values fare.
//!
//! Files: `extract.rs` finds the quantities of a paragraph, `key.rs` the noun
//! phrase around each, `group.rs` links claims into comparable groups and
//! matches facts, `truth.rs` weighs sources (TruthFinder), `check.rs` gives
//! each group its reference and rows, `conflicts.rs` its findings,
//! `node.rs` builds the nodes, `vocab.rs` numbers the words grouping holds, `table.rs` holds each
//! claim compactly, `order.rs` orders the groups by label for the rows.

mod check;
mod conflicts;
mod extract;
mod group;
mod key;
mod node;
mod order;
mod table;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod testutil;
mod truth;
mod vocab;

use crate::model::{
    Article, ArticleSummary, Claim, ClaimRow, ClaimsInput, ClaimsOutcome, DedupOutcome, Keys,
    ParaMark,
};
use crate::rules::{Fact, Rules};
use check::{GroupCheck, Reference};
use conflicts::sort_findings;
use group::{canon_map, group_labels, group_nodes, match_fact, NodeBuilder};
use std::collections::{BTreeMap, HashMap};
use truth::{truth_discovery, Evidence, Voters};

/// Two values are "the same value" when they differ by at most this fraction
/// of the larger one (rounding in reporting: "$550 billion" vs "$0.55
/// trillion" is 0, "$550bn" vs "$560bn" is 1.8%).
pub(crate) const AGREE_TOL: f64 = 0.03;
/// Nodes link only when their values are within this ratio (one order of
/// magnitude plus rounding), so a factor-of-10 slip is compared but a
/// $350 million project is never compared with a $100 billion one.
pub(crate) const FAMILY_RATIO: f64 = 11.5;

/// Per-article pass: the quantities stated in content paragraphs. Pure.
///
/// Only quantities whose noun phrase could be found are returned: a figure
/// with nothing saying what it measures cannot be compared with anything.
/// Steps: 1. `extract::paragraph_claims` for every content paragraph (each
/// quantity with its key); 2. `extract::inherit_currency` for bare amounts;
/// 3. claims without a key are dropped.
pub fn extract(article: &Article, marks: &[ParaMark]) -> Vec<Claim> {
    let mut claims: Vec<Claim> = Vec::new();
    for p in &article.paragraphs {
        if marks.get(p.idx.0 as usize).is_none_or(|m| m.is_content()) {
            extract::paragraph_claims(article, p, &mut claims);
        }
    }
    extract::inherit_currency(&mut claims);
    claims.retain(|c| !c.key.is_empty());
    claims
}

/// What [`resolve`] reads of an article: its claims, metadata and the
/// starting trust its own findings give it (`truth::article_prior`). The
/// summary's name findings in boilerplate and its claims outside content
/// must already be dropped.
pub fn claims_input(a: &ArticleSummary) -> ClaimsInput {
    ClaimsInput {
        id: a.id,
        key: a.key.clone(),
        source: a.source.clone(),
        title: a.title.clone(),
        prior: truth::article_prior(&a.findings),
        claims: a.claims.clone(),
    }
}

/// Cross-article pass over articles in memory: [`Resolver`] fed every
/// article, its rows collected (in claims.csv's order).
pub fn resolve(articles: &[ClaimsInput], dedup: &DedupOutcome, rules: &Rules) -> ClaimsOutcome {
    let mut resolver = Resolver::new(rules);
    for a in articles {
        resolver.add(a);
    }
    let keys = table::keys_by_id(articles);
    let mut rows = Vec::new();
    let mut out = resolver.finish(dedup, &keys, &mut |part| rows.extend(part));
    out.rows = rows;
    out
}

/// Cross-article pass, fed one article at a time: of each it keeps only
/// its claims' nodes and a compact record per claim (`table.rs`: about 24
/// bytes per article and 40 per claim, plus each node's numbered words),
/// so the articles need not all be in memory at once.
pub struct Resolver<'r> {
    rules: &'r Rules,
    canon: HashMap<String, String>,
    nodes: NodeBuilder,
}

impl<'r> Resolver<'r> {
    pub fn new(rules: &'r Rules) -> Resolver<'r> {
        Resolver {
            rules,
            canon: canon_map(rules),
            nodes: NodeBuilder::default(),
        }
    }

    /// Adds the next article (in article order): its nodes
    /// (`NodeBuilder::add`).
    pub fn add(&mut self, article: &ClaimsInput) {
        self.nodes.add(article, &self.canon);
    }

    /// Groups the claims, checks them against facts and the
    /// reliability-weighted consensus; `keys` are the articles' keys by id.
    /// claims.csv's rows go to `rows` as they are made, a label's at a time,
    /// in the table's order (the outcome's `rows` stay empty). Steps:
    /// 1. `NodeBuilder::finish`: the nodes, words numbered by rank;
    /// 2. `Voters::new`: who votes (copies fold into their origin's source)
    ///    and each source's starting trust from the names check;
    /// 3. `group_nodes`: nodes linked into groups of comparable claims;
    /// 4. `match_fact`: the `facts.csv` row each group is about, if any;
    /// 5. `Voters::observations`, `Evidence::gather`, `truth_discovery`:
    ///    every voter's trust, from the open groups and the fact checks;
    /// 6. `group_labels`: a distinct name per group;
    /// 7. per group, in group order, a `GroupCheck`: its reference (fact or
    ///    consensus), its quantity_conflict and internal_conflict findings;
    /// 8. `order::by_label`: the groups in label order, each label's rows
    ///    made, sorted and handed to `rows`;
    /// 9. `sort_findings`, `Voters::source_trust`: the outcome.
    pub fn finish(
        self,
        dedup: &DedupOutcome,
        keys: &Keys,
        rows: &mut dyn FnMut(Vec<ClaimRow>),
    ) -> ClaimsOutcome {
        let nodes = self.nodes.finish();
        let voters = Voters::new(&nodes.table, dedup);
        let groups = group_nodes(&nodes);
        let facts: Vec<Option<&Fact>> = groups
            .iter()
            .map(|g| match_fact(g, &nodes, self.rules, &self.canon))
            .collect();
        let observations = voters.observations(&groups, &nodes);
        let evidence = Evidence::gather(&observations, &facts);
        let trust = truth_discovery(&voters.prior, &evidence.open_groups, &evidence.fact_checks);
        drop(evidence);
        let labels = group_labels(&groups, &nodes, &facts);
        let check = |gi: usize| GroupCheck {
            nodes: &nodes,
            keys,
            group: &groups[gi],
            label: &labels[gi],
            observations: &observations[gi],
            fact: facts[gi],
        };
        let mut references: Vec<Reference> = Vec::with_capacity(groups.len());
        let mut findings = Vec::new();
        for gi in 0..groups.len() {
            let check = check(gi);
            let reference = check.reference(&trust);
            findings.extend(check.quantity_conflicts(&reference));
            findings.extend(check.internal_conflicts());
            references.push(reference);
        }
        for run in order::by_label(&labels) {
            let checks: Vec<(GroupCheck<'_>, &Reference)> =
                run.iter().map(|&gi| (check(gi), &references[gi])).collect();
            label_rows(&checks, &trust, ROWS_AT_ONCE, rows);
        }
        sort_findings(&mut findings);
        ClaimsOutcome {
            rows: Vec::new(),
            findings,
            trust: voters.source_trust(&trust),
        }
    }
}

/// claims.csv's rows made at a time, handed over in parts this long.
const ROWS_AT_ONCE: usize = 4096;

/// The rows of one label's groups (`checks`, each with its reference), in
/// the table's order (`check::sort_rows`: one label, so article,
/// paragraph, mention, value), handed to `rows` `at_once` at a time. Where
/// each row comes from is sorted first (12 bytes a row, looked up in the
/// claims' table to compare) and the rows made a part at a time: a label
/// the whole corpus repeats (wire copy) has hundreds of thousands of rows,
/// about 300 bytes each once made. The order is the one sorting the made
/// rows gives (a stable sort of the same keys over the same sequence).
fn label_rows(
    checks: &[(GroupCheck<'_>, &Reference)],
    trust: &[f64],
    at_once: usize,
    rows: &mut dyn FnMut(Vec<ClaimRow>),
) {
    let Some((first, _)) = checks.first() else {
        return;
    };
    let table = &first.nodes.table;
    let mut places: Vec<(u32, u32, u32)> = Vec::new();
    for (i, (check, _)) in checks.iter().enumerate() {
        places.extend(check.row_places().map(|(n, c)| (i as u32, n as u32, c)));
    }
    let rec = |c: u32| table.claim(c).expect("a row's claim is in the table");
    places.sort_by(|a, b| {
        let (x, y) = (rec(a.2), rec(b.2));
        (x.article, x.paragraph, table.text(x.mention))
            .cmp(&(y.article, y.paragraph, table.text(y.mention)))
            .then(x.value.total_cmp(&y.value))
    });
    let supports: Vec<BTreeMap<u64, f64>> = checks.iter().map(|(c, _)| c.support(trust)).collect();
    for part in places.chunks(at_once.max(1)) {
        rows(
            part.iter()
                .map(|&(i, n, c)| {
                    let (check, reference) = &checks[i as usize];
                    check.row(n as usize, c, reference, &supports[i as usize])
                })
                .collect(),
        );
    }
}

/// Rounds to six decimal places (trust and support in the reports).
fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// True when two values are the same claim value (within [`AGREE_TOL`]).
fn same_value(a: f64, b: f64) -> bool {
    rel_diff(a, b) <= AGREE_TOL
}

fn rel_diff(a: f64, b: f64) -> f64 {
    let m = a.abs().max(b.abs());
    if m == 0.0 {
        0.0
    } else {
        (a - b).abs() / m
    }
}

/// True when two values are within [`FAMILY_RATIO`] of each other (one
/// order of magnitude): the same kind of quantity.
fn same_family(a: f64, b: f64) -> bool {
    let (lo, hi) = if a.abs() <= b.abs() {
        (a.abs(), b.abs())
    } else {
        (b.abs(), a.abs())
    };
    if lo == 0.0 {
        return hi == 0.0;
    }
    hi / lo <= FAMILY_RATIO
}
