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
    /// A summary with an id and a key and nothing else (dated 1970-01-01,
    /// the run date): for tests, and the base of the link's part of a
    /// summary.
    pub fn bare(id: ArticleId, key: &str) -> ArticleSummary {
        ArticleSummary {
            id,
            key: key.to_string(),
            path: PathBuf::new(),
            first_line: 0,
            title: String::new(),
            source: String::new(),
            author: String::new(),
            url: String::new(),
            date: Date::from_days(0),
            date_origin: DateOrigin::RunDate,
            origins: Origins::default(),
            content_hash: 0,
            para_words: Vec::new(),
            para_lines: Vec::new(),
            prints: ArticlePrints::default(),
            findings: Vec::new(),
            claims: Vec::new(),
            mentions: Vec::new(),
        }
    }

    /// Moves out what the cross-article link reads (id, key, source,
    /// author, where they came from, dates, content hash and the prints) as a summary of its own;
    /// `self` keeps the rest (its prints emptied), to wait on disk.
    pub fn take_link_part(&mut self) -> ArticleSummary {
        ArticleSummary {
            first_line: self.first_line,
            source: self.source.clone(),
            author: self.author.clone(),
            origins: self.origins,
            date: self.date,
            date_origin: self.date_origin,
            content_hash: self.content_hash,
            prints: std::mem::take(&mut self.prints),
            ..ArticleSummary::bare(self.id, &self.key)
        }
    }

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

/// What truth discovery reads of one article (`claims::resolve`): its
/// claims and the little around them, so the rest of its summary can wait
/// on disk. Built by `claims::claims_input` from a summary whose name
/// findings in boilerplate and claims outside content are already dropped.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClaimsInput {
    pub id: ArticleId,
    pub key: String,
    pub source: String,
    pub title: String,
    /// Starting trust of the article, from its own findings.
    pub prior: f64,
    pub claims: Vec<Claim>,
}
