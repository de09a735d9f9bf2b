//! Scores of articles and sources.

use super::{ArticleId, Keys};
use serde::{Deserialize, Serialize};

/// Score of one article, every point explained by a finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleScore {
    pub article: ArticleId,
    pub score: f64,
    pub grade: String,
    /// `kind: mention` of the finding that cost the most, empty if none did.
    pub top_finding: String,
}

/// One row of sources.csv.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceRow {
    pub source: String,
    pub articles: u32,
    pub mean_score: f64,
    pub min_score: f64,
    pub errors: u32,
    pub warnings: u32,
    pub trust: Option<f64>,
    pub worst_article: String,
    /// Its id (none when no article of the source has a score).
    pub worst_id: Option<ArticleId>,
}

/// Every article's score, grade and top finding, by article id, held
/// compactly for the reports: 8 bytes for the score, 2 for the grade
/// (numbered among the few distinct ones) and 8 for where the top
/// finding's text ends in one string, instead of an [`ArticleScore`] of
/// 64 bytes with two strings of their own. Ids without a score (failed
/// inputs) hold none.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    /// Score of each id; NaN where the id has none.
    score: Vec<f64>,
    /// Grade of each id, numbered in `grades`.
    grade: Vec<u16>,
    /// The distinct grades, in the order first seen.
    grades: Vec<String>,
    /// Top finding of each id ("" where none, or no score).
    top: Keys,
}

/// One id's score, as [`Scores::get`] gives it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScoreOf<'a> {
    pub score: f64,
    pub grade: &'a str,
    /// `kind: mention` of the finding that cost the most, empty if none did.
    pub top_finding: &'a str,
}

impl Scores {
    /// No scores (usable in a `static`).
    pub const fn new() -> Scores {
        Scores {
            score: Vec::new(),
            grade: Vec::new(),
            grades: Vec::new(),
            top: Keys::new(),
        }
    }

    /// Adds `s`, whose id must be past every id added so far; the ids in
    /// between get no score.
    pub fn push(&mut self, s: &ArticleScore) {
        let id = s.article.0 as usize;
        debug_assert!(id >= self.len(), "scores are added in id order");
        self.pad_to(id);
        let grade = match self.grades.iter().position(|g| *g == s.grade) {
            Some(g) => g,
            None => {
                self.grades.push(s.grade.clone());
                self.grades.len() - 1
            }
        };
        self.score.push(s.score);
        self.grade.push(u16::try_from(grade).unwrap_or(u16::MAX));
        self.top.push(&s.top_finding);
    }

    /// Gives ids up to `n` (not included) no score, where none was added.
    pub fn pad_to(&mut self, n: usize) {
        while self.len() < n {
            self.score.push(f64::NAN);
            self.grade.push(u16::MAX);
            self.top.push("");
        }
    }

    /// Ids covered so far (with a score or not).
    pub fn len(&self) -> usize {
        self.score.len()
    }

    pub fn is_empty(&self) -> bool {
        self.score.is_empty()
    }

    /// The score of article `id`, if it has one.
    pub fn get(&self, id: ArticleId) -> Option<ScoreOf<'_>> {
        let i = id.0 as usize;
        let score = *self.score.get(i)?;
        if score.is_nan() {
            return None;
        }
        let grade = self.grades.get(usize::from(self.grade[i]));
        Some(ScoreOf {
            score,
            grade: grade.map_or("", String::as_str),
            top_finding: self.top.get(i).unwrap_or_default(),
        })
    }

    /// Every score, by id.
    pub fn iter(&self) -> impl Iterator<Item = (ArticleId, ScoreOf<'_>)> + '_ {
        (0..self.len()).filter_map(|i| {
            let id = ArticleId(i as u32);
            Some((id, self.get(id)?))
        })
    }

    /// Gives back the room the table grew into.
    pub fn shrink_to_fit(&mut self) {
        self.score.shrink_to_fit();
        self.grade.shrink_to_fit();
        self.top.shrink_to_fit();
    }
}

/// Scores given in any order (tests, tools): by id, the last one given
/// for an id wins.
impl<'a> FromIterator<&'a ArticleScore> for Scores {
    fn from_iter<T: IntoIterator<Item = &'a ArticleScore>>(iter: T) -> Scores {
        let mut given: Vec<&ArticleScore> = iter.into_iter().collect();
        given.sort_by_key(|s| s.article);
        let mut scores = Scores::default();
        for (i, s) in given.iter().enumerate() {
            if given
                .get(i + 1)
                .is_none_or(|next| next.article != s.article)
            {
                scores.push(s);
            }
        }
        scores
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(id: u32, v: f64, grade: &str, top: &str) -> ArticleScore {
        ArticleScore {
            article: ArticleId(id),
            score: v,
            grade: grade.into(),
            top_finding: top.into(),
        }
    }

    #[test]
    fn scores_come_back_by_id_and_gaps_have_none() {
        let mut scores = Scores::default();
        scores.push(&score(1, 90.0, "A", ""));
        scores.push(&score(4, 12.5, "F", "wrong_officeholder: PM X"));
        scores.push(&score(5, 88.0, "B", ""));
        scores.push(&score(6, 95.0, "A", "machine_tell"));
        scores.pad_to(9);
        assert_eq!(scores.len(), 9);
        assert_eq!(scores.get(ArticleId(0)), None);
        assert_eq!(scores.get(ArticleId(3)), None);
        assert_eq!(scores.get(ArticleId(8)), None);
        assert_eq!(scores.get(ArticleId(9)), None);
        let got = scores.get(ArticleId(4)).unwrap();
        assert_eq!((got.score, got.grade), (12.5, "F"));
        assert_eq!(got.top_finding, "wrong_officeholder: PM X");
        assert_eq!(scores.get(ArticleId(6)).unwrap().grade, "A");
        assert_eq!(
            scores.get(ArticleId(6)).unwrap().top_finding,
            "machine_tell"
        );
        let ids: Vec<u32> = scores.iter().map(|(id, _)| id.0).collect();
        assert_eq!(ids, vec![1, 4, 5, 6]);
    }

    #[test]
    fn scores_given_in_any_order_keep_the_last_for_an_id() {
        let given = [
            score(2, 50.0, "C", ""),
            score(0, 10.0, "F", ""),
            score(2, 60.0, "C", ""),
        ];
        let scores: Scores = given.iter().collect();
        assert_eq!(scores.get(ArticleId(0)).unwrap().score, 10.0);
        assert_eq!(scores.get(ArticleId(1)), None);
        assert_eq!(scores.get(ArticleId(2)).unwrap().score, 60.0);
    }
}
