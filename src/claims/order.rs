//! claims.csv's order without holding every row: the table is sorted by
//! claim (the group's label) first, so the groups are visited in label
//! order and only one label's rows are made and sorted at a time.

/// Group indices in runs of equal labels, the runs in label order, each
/// run's groups in group order: the rows of a run, concatenated in that
/// order and sorted stably ([`super::check::sort_rows`]), are that label's
/// rows as a stable sort of every row (made in group order) puts them.
pub(super) fn by_label(labels: &[String]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by(|&a, &b| labels[a].cmp(&labels[b]));
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut last: Option<&str> = None;
    for gi in order {
        match runs.last_mut() {
            Some(run) if last == Some(labels[gi].as_str()) => run.push(gi),
            _ => runs.push(vec![gi]),
        }
        last = Some(labels[gi].as_str());
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::super::check::sort_rows;
    use super::*;
    use crate::model::{ArticleId, ClaimRow, ParaIdx};

    fn labels(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn runs_follow_the_labels_sorted_and_keep_group_order_within() {
        let l = labels(&["fund", "debt", "fund", "aid", "debt #2"]);
        assert_eq!(by_label(&l), vec![vec![3], vec![1], vec![4], vec![0, 2]]);
        assert!(by_label(&[]).is_empty());
    }

    #[test]
    fn rows_by_run_equal_every_row_sorted_at_once() {
        let row = |claim: &str, article: u32, mention: &str, value: f64| ClaimRow {
            claim: claim.into(),
            article: ArticleId(article),
            paragraph: ParaIdx(0),
            mention: mention.into(),
            value,
            unit: String::new(),
            consensus: None,
            support: value,
            agrees: true,
            reference: String::new(),
        };
        // Rows of each group, in the order the groups make them; two groups
        // share a label (ties between them keep group order).
        let groups = [
            vec![row("b", 2, "x", 1.0), row("b", 1, "x", 2.0)],
            vec![row("a", 5, "y", 1.0)],
            vec![
                ClaimRow {
                    support: 9.0,
                    ..row("b", 1, "x", 2.0)
                },
                row("b", 0, "z", 3.0),
            ],
        ];
        let l = labels(&["b", "a", "b"]);
        let mut all: Vec<ClaimRow> = groups.iter().flatten().cloned().collect();
        sort_rows(&mut all);
        let mut by_runs = Vec::new();
        for run in by_label(&l) {
            let mut part: Vec<ClaimRow> = run.iter().flat_map(|&g| groups[g].clone()).collect();
            sort_rows(&mut part);
            by_runs.extend(part);
        }
        assert_eq!(by_runs, all);
        assert_eq!(
            (all[2].support, all[3].support),
            (2.0, 9.0),
            "ties keep group order"
        );
    }
}
