//! Conflicts found in a group: values that disagree with the group's
//! reference (quantity_conflict), two values in one article
//! (internal_conflict), and how they are told: slips and human values.

use super::check::{GroupCheck, Reference};
use super::group::{Node, Nodes};
use super::same_value;
use super::table::{key_of, ClaimRec};
use super::truth::sources_for;
use crate::model::{Finding, FindingKind, Keys, ParaIdx};
use std::collections::{BTreeMap, BTreeSet};

impl GroupCheck<'_> {
    /// quantity_conflict: one finding per node whose value disagrees with
    /// the reference, at the node's first mention.
    pub(super) fn quantity_conflicts(&self, reference: &Reference) -> Vec<Finding> {
        let mut findings = Vec::new();
        for &n in self.group {
            let node = &self.nodes[n];
            let (consensus, agrees) = reference.verdict(node.value);
            if agrees {
                continue;
            }
            if let (Some(cv), Some(first)) = (consensus, node.first(&self.nodes.table)) {
                findings.push(self.quantity_conflict(node, first, cv, reference));
            }
        }
        findings
    }

    /// The finding for `node` (first stated as `first`) against `expected`.
    fn quantity_conflict(
        &self,
        node: &Node,
        first: &ClaimRec,
        expected: f64,
        reference: &Reference,
    ) -> Finding {
        let unit = self.unit();
        let mention = self.nodes.table.text(first.mention);
        let by = match self.fact {
            Some(_) => reference.evidence.clone(),
            None => format!(
                "the reliability-weighted consensus of {} sources",
                sources_for(self.observations, expected)
            ),
        };
        let mut msg = format!(
            "says {} for \"{}\"; {} gives {}",
            mention,
            self.label,
            by,
            human(expected, unit)
        );
        if let Some(s) = slip(node.value, expected) {
            msg.push_str(&format!(": {s}"));
        }
        if node.mentions().len() > 1 {
            msg.push_str(&format!("; stated {} times", node.mentions().len()));
        }
        let mut f = Finding::new(first.article, FindingKind::QuantityConflict)
            .mention(mention)
            .expected(human(expected, unit))
            .message(msg)
            .evidence(reference.evidence.clone());
        f.paragraph = Some(first.paragraph);
        f.line = Some(first.line);
        f
    }

    /// internal_conflict findings of the group (see [`internal_conflicts`]).
    pub(super) fn internal_conflicts(&self) -> Vec<Finding> {
        internal_conflicts(self.group, self.nodes, self.keys, self.label, self.unit())
    }
}

/// The order of findings: article, paragraph, kind, mention (stable).
pub(super) fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.article, a.paragraph, a.kind, &a.mention).cmp(&(
            b.article,
            b.paragraph,
            b.kind,
            &b.mention,
        ))
    });
}

/// "a factor-of-10 slip" when the digits match and the scale is off by a
/// power of ten.
pub(super) fn slip(value: f64, expected: f64) -> Option<String> {
    if value <= 0.0 || expected <= 0.0 {
        return None;
    }
    let l = (value / expected).log10();
    let k = l.round();
    if k == 0.0 || (l - k).abs() > 0.005 {
        return None;
    }
    let factor = 10f64.powi(k.abs() as i32);
    let dir = if k > 0.0 { "too large" } else { "too small" };
    Some(format!(
        "a factor-of-{} slip (same digits, {} times {dir})",
        crate::text::fmt_num(factor, 0),
        crate::text::fmt_num(factor, 0)
    ))
}

/// A value as people write it: "550 billion USD", "25%".
pub(super) fn human(v: f64, unit: &str) -> String {
    if unit == "%" {
        return format!("{}%", crate::text::fmt_num(v, 4));
    }
    let (n, scale) = [(1e12, " trillion"), (1e9, " billion"), (1e6, " million")]
        .iter()
        .find(|(m, _)| v.abs() >= *m)
        .map(|(m, s)| (v / m, *s))
        .unwrap_or((v, ""));
    let num = crate::text::fmt_num(n, 3);
    if unit.is_empty() {
        format!("{num}{scale}")
    } else {
        format!("{num}{scale} {unit}")
    }
}

/// internal_conflict: one article states two different values for the same
/// claim in different paragraphs (values in one paragraph are usually a
/// range or a before/after).
fn internal_conflicts(
    g: &[usize],
    nodes: &Nodes,
    keys: &Keys,
    label: &str,
    unit: &str,
) -> Vec<Finding> {
    let table = &nodes.table;
    let mut by_art: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &n in g {
        by_art.entry(nodes[n].art).or_default().push(n);
    }
    let mut out = Vec::new();
    for (a, ns) in by_art {
        if ns.len() < 2 {
            continue;
        }
        // The article's main value: most mentions, then earliest.
        let main = ns
            .iter()
            .copied()
            .max_by(|&x, &y| {
                nodes[x]
                    .mentions()
                    .len()
                    .cmp(&nodes[y].mentions().len())
                    .then(y.cmp(&x))
            })
            .unwrap_or(ns[0]);
        let main_paras: BTreeSet<ParaIdx> =
            nodes[main].claims(table).map(|c| c.paragraph).collect();
        for &n in &ns {
            if n == main || same_value(nodes[n].value, nodes[main].value) {
                continue;
            }
            let other = nodes[n]
                .claims(table)
                .find(|c| !main_paras.contains(&c.paragraph));
            let (Some(c), Some(m)) = (other, nodes[main].first(table)) else {
                continue;
            };
            let (c_mention, m_mention) = (table.text(c.mention), table.text(m.mention));
            let art = table.arts[a].id;
            let mut msg = format!(
                "the article gives {} for \"{label}\" here but {} in paragraph {}",
                c_mention,
                m_mention,
                m.paragraph.number()
            );
            if let Some(s) = slip(c.value, m.value) {
                msg.push_str(&format!("; {s}"));
            }
            let mut f = Finding::new(art, FindingKind::InternalConflict)
                .mention(c_mention)
                .expected(human(nodes[main].value, unit))
                .message(msg)
                .evidence(format!("{}#p{}", key_of(keys, art), m.paragraph.number()));
            f.paragraph = Some(c.paragraph);
            f.line = Some(c.line);
            out.push(f);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::group::build_nodes;
    use super::super::table::keys_by_id;
    use super::super::testutil::{facts, summary};
    use super::*;
    use crate::model::ArticleId;
    use std::collections::HashMap;

    #[test]
    fn slips_and_human_values() {
        assert!(slip(55e9, 550e9)
            .unwrap()
            .starts_with("a factor-of-10 slip"));
        assert!(slip(550e6, 550e9)
            .unwrap()
            .starts_with("a factor-of-1000 slip"));
        assert_eq!(slip(500e9, 550e9), None);
        assert_eq!(human(550e9, "USD"), "550 billion USD");
        assert_eq!(human(1.5e6, ""), "1.5 million");
        assert_eq!(human(25.0, "%"), "25%");
        assert_eq!(human(2.5e12, "JPY"), "2.5 trillion JPY");
    }

    #[test]
    fn a_disagreeing_node_is_one_quantity_conflict_at_its_first_mention() {
        let arts = vec![
            summary(0, "a", "The $550 billion fund.", &[]),
            summary(
                1,
                "b",
                "The $55 billion fund.\n\nThe $55 billion fund.",
                &[],
            ),
        ];
        let nodes = build_nodes(&arts, &HashMap::new());
        let group = [0, 1];
        let observations = [(0, 550e9), (1, 55e9), (2, 550e9)];
        let keys = keys_by_id(&arts);
        let mut check = GroupCheck {
            nodes: &nodes,
            keys: &keys,
            group: &group,
            label: "fund",
            observations: &observations,
            fact: None,
        };
        let reference = Reference {
            consensus: Some(550e9),
            reference: String::new(),
            evidence: "000.txt#p1".into(),
        };
        let found = check.quantity_conflicts(&reference);
        assert_eq!(found.len(), 1);
        let f = &found[0];
        assert_eq!(
            (f.article, f.kind, f.paragraph, f.line),
            (
                ArticleId(1),
                FindingKind::QuantityConflict,
                Some(ParaIdx(0)),
                Some(1)
            )
        );
        assert_eq!(
            f.message,
            "says $55 billion for \"fund\"; the reliability-weighted consensus of 2 sources \
             gives 550 billion USD: a factor-of-10 slip (same digits, 10 times too small); \
             stated 2 times"
        );
        assert_eq!(
            (f.expected.as_str(), f.evidence.as_str()),
            ("550 billion USD", "000.txt#p1")
        );
        let rules = facts("fact,value,unit,cues,note\nF,550000000000,USD,fund,x\n");
        check.fact = Some(&rules.facts[0]);
        let reference = Reference {
            evidence: "facts.csv:2".into(),
            ..reference
        };
        let found = check.quantity_conflicts(&reference);
        assert!(
            found[0]
                .message
                .contains("; facts.csv:2 gives 550 billion USD"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn internal_conflicts_need_another_paragraph() {
        let arts = vec![summary(
            0,
            "a",
            "The $550 billion fund.\n\nThe $550 billion fund.\n\nThe $55 billion fund was praised.",
            &[],
        )];
        let nodes = build_nodes(&arts, &HashMap::new());
        let group: Vec<usize> = (0..nodes.len()).collect();
        let found = internal_conflicts(&group, &nodes, &keys_by_id(&arts), "fund", "USD");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].paragraph, Some(ParaIdx(2)));
        assert_eq!(found[0].expected, "550 billion USD");
        assert_eq!(
            found[0].message,
            "the article gives $55 billion for \"fund\" here but $550 billion in paragraph 1; \
             a factor-of-10 slip (same digits, 10 times too small)"
        );
        let one_paragraph = vec![summary(
            0,
            "a",
            "A $5 billion fund, then a $6 billion fund.",
            &[],
        )];
        let nodes = build_nodes(&one_paragraph, &HashMap::new());
        let keys = keys_by_id(&one_paragraph);
        assert!(internal_conflicts(&[0, 1], &nodes, &keys, "fund", "USD").is_empty());
    }

    #[test]
    fn findings_sort_by_article_paragraph_kind_mention() {
        let f = |a: u32, p: u32, kind, m: &str| {
            let mut f = Finding::new(ArticleId(a), kind).mention(m);
            f.paragraph = Some(ParaIdx(p));
            f
        };
        let mut findings = vec![
            f(1, 0, FindingKind::QuantityConflict, "a"),
            f(0, 2, FindingKind::QuantityConflict, "b"),
            f(0, 2, FindingKind::InternalConflict, "a"),
            f(0, 1, FindingKind::QuantityConflict, "z"),
        ];
        sort_findings(&mut findings);
        let got: Vec<(u32, &str)> = findings
            .iter()
            .map(|f| (f.article.0, f.mention.as_str()))
            .collect();
        let kinds_first = FindingKind::QuantityConflict < FindingKind::InternalConflict;
        let at_p2 = if kinds_first { ["b", "a"] } else { ["a", "b"] };
        assert_eq!(got, [(0, "z"), (0, at_p2[0]), (0, at_p2[1]), (1, "a")]);
    }
}
