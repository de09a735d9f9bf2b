//! Points, caps, grades and the per-source roll-up: the README formula
//! `max(0, 100 − Σ_kind min(cap, points × count))`.

use crate::model::{
    ArticleId, ArticleScore, ArticleSummary, Finding, FindingKind, Severity, SourceRow,
};
use crate::rules::Rules;
use std::collections::BTreeMap;

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
pub(super) fn costs(findings: &[&Finding], rules: &Rules) -> Vec<f64> {
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
pub(super) fn grade(score: f64, rules: &Rules) -> String {
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
/// lowest-scoring article (ties: the first by id). The articles' rows are
/// added in id order through a [`SourceTally`].
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
    let mut arts: Vec<&ArticleSummary> = articles.iter().collect();
    arts.sort_by_key(|a| a.id);
    let mut tally = SourceTally::default();
    for a in arts {
        let (errors, warnings) = sev.get(&a.id).copied().unwrap_or_default();
        tally.add_article(
            &a.source,
            (a.id, &a.key),
            score_of.get(&a.id).copied(),
            errors,
            warnings,
        );
    }
    tally.rows(trust)
}

/// The per-source totals of [`roll_up`], added article by article (in id
/// order), so the articles need not be held together.
#[derive(Debug, Default)]
pub struct SourceTally {
    by_source: BTreeMap<String, Tally>,
}

/// One source's totals so far.
#[derive(Debug)]
struct Tally {
    articles: u32,
    /// Its scored articles.
    scored: u32,
    /// Their scores summed in id order, from the neutral element
    /// `Iterator::sum` starts from (so the mean is the sum of the list).
    sum: f64,
    /// Lowest score and its article's id and key (the first one on ties).
    worst: Option<(f64, ArticleId, String)>,
    errors: u32,
    warnings: u32,
}

impl Default for Tally {
    fn default() -> Tally {
        Tally {
            articles: 0,
            scored: 0,
            sum: -0.0,
            worst: None,
            errors: 0,
            warnings: 0,
        }
    }
}

impl SourceTally {
    /// Adds a scored article: its source, id and key, score and error and
    /// warning counts. Articles must come in id order.
    pub fn add(
        &mut self,
        source: &str,
        article: (ArticleId, &str),
        score: f64,
        errors: u32,
        warnings: u32,
    ) {
        self.add_article(source, article, Some(score), errors, warnings);
    }

    fn add_article(
        &mut self,
        source: &str,
        (id, key): (ArticleId, &str),
        score: Option<f64>,
        errors: u32,
        warnings: u32,
    ) {
        if !self.by_source.contains_key(source) {
            self.by_source.insert(source.to_string(), Tally::default());
        }
        let Some(t) = self.by_source.get_mut(source) else {
            return;
        };
        t.articles += 1;
        t.errors += errors;
        t.warnings += warnings;
        if let Some(s) = score {
            t.scored += 1;
            t.sum += s;
            if t.worst.as_ref().is_none_or(|(w, ..)| s < *w) {
                t.worst = Some((s, id, key.to_string()));
            }
        }
    }

    /// One row per source, sorted by source, with its trust from `trust`.
    pub fn rows(self, trust: &[(String, f64)]) -> Vec<SourceRow> {
        self.by_source
            .into_iter()
            .map(|(source, t)| {
                let mean = match t.scored {
                    0 => 0.0,
                    n => t.sum / f64::from(n),
                };
                let (min_score, worst_id, worst_article) = match t.worst {
                    Some((s, id, key)) => (s, Some(id), key),
                    None => (0.0, None, String::new()),
                };
                SourceRow {
                    trust: trust.iter().find(|(s, _)| *s == source).map(|(_, t)| *t),
                    source,
                    articles: t.articles,
                    mean_score: mean,
                    min_score,
                    errors: t.errors,
                    warnings: t.warnings,
                    worst_article,
                    worst_id,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, DateOrigin, ParaIdx};
    use std::path::PathBuf;

    fn bundled() -> Rules {
        Rules::parse(None, None, None, None, None, None).unwrap()
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
            origins: Default::default(),
            content_hash: 0,
            para_words: vec![],
            para_lines: vec![],
            prints: Default::default(),
            findings: vec![],
            claims: vec![],
            mentions: vec![],
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
        assert_eq!(z.worst_id, Some(ArticleId(2)));
        assert_eq!(z.trust, Some(0.25));
    }
}
