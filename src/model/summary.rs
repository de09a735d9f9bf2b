//! The compact per-article result kept between the per-article pass and
//! the cross-article stages.

use super::{ArticleId, ArticlePrints, Claim, Date, DateOrigin, Finding, MentionRow, Origins};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The compact per-article result kept after the per-article pass: metadata
/// and results, no text.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: ArticleId,
    pub key: String,
    pub path: PathBuf,
    pub first_line: u32,
    pub title: String,
    pub source: String,
    pub author: String,
    pub url: String,
    pub date: Date,
    pub date_origin: DateOrigin,
    /// Where the title, source, author and URL came from.
    pub origins: Origins,
    pub content_hash: u64,
    /// Words per paragraph, so word counts can exclude repeats and boilerplate.
    pub para_words: Vec<u32>,
    /// Line per paragraph.
    pub para_lines: Vec<u32>,
    pub prints: ArticlePrints,
    /// Findings of the per-article checks (names, text, ingest notes).
    pub findings: Vec<Finding>,
    pub claims: Vec<Claim>,
    /// Every recognised title + name mention, in text order (mentions.csv).
    pub mentions: Vec<MentionRow>,
}

impl ArticleSummary {
    /// Gives the summary (and every id inside it) a new article id: cached
    /// summaries from an earlier run are renumbered for this run.
    pub fn set_id(&mut self, id: ArticleId) {
        let old = self.id;
        let fix = |a: &mut ArticleId| {
            if *a == old {
                *a = id;
            }
        };
        self.id = id;
        for f in self
            .findings
            .iter_mut()
            .chain(self.prints.findings.iter_mut())
        {
            fix(&mut f.article);
        }
        for r in &mut self.prints.rows {
            fix(&mut r.article);
            fix(&mut r.first_article);
        }
        for c in &mut self.claims {
            fix(&mut c.article);
        }
        for m in &mut self.mentions {
            fix(&mut m.article);
        }
    }
}

impl ArticleSummary {
    /// Gives back the spare capacity of every vector and string: summaries
    /// live for the whole run (one per article), and the per-article checks
    /// grow their vectors by doubling and format their messages with slack.
    pub fn compact(&mut self) {
        fn finding(f: &mut Finding) {
            f.mention.shrink_to_fit();
            f.expected.shrink_to_fit();
            f.message.shrink_to_fit();
            f.evidence.shrink_to_fit();
        }
        self.key.shrink_to_fit();
        self.title.shrink_to_fit();
        self.source.shrink_to_fit();
        self.author.shrink_to_fit();
        self.url.shrink_to_fit();
        self.path.shrink_to_fit();
        self.para_words.shrink_to_fit();
        self.para_lines.shrink_to_fit();
        self.prints.prints.shrink_to_fit();
        self.prints.marks.shrink_to_fit();
        self.prints.findings.iter_mut().for_each(finding);
        self.prints.findings.shrink_to_fit();
        self.prints
            .rows
            .iter_mut()
            .for_each(|r| r.text.shrink_to_fit());
        self.prints.rows.shrink_to_fit();
        self.findings.iter_mut().for_each(finding);
        self.findings.shrink_to_fit();
        for c in &mut self.claims {
            c.mention.shrink_to_fit();
            c.unit.shrink_to_fit();
            c.key.iter_mut().for_each(String::shrink_to_fit);
            c.key.shrink_to_fit();
            c.entities.iter_mut().for_each(String::shrink_to_fit);
            c.entities.shrink_to_fit();
        }
        self.claims.shrink_to_fit();
        for m in &mut self.mentions {
            m.mention.shrink_to_fit();
            m.person.shrink_to_fit();
            m.role.shrink_to_fit();
            m.jurisdiction.shrink_to_fit();
            m.reason.shrink_to_fit();
        }
        self.mentions.shrink_to_fit();
    }
}
