//! Checking names and roles against the officeholder table, at the article's date.
//!
//! In: a segmented article, its paragraph marks, and a [`NameIndex`] built
//! once from the rules. Out: findings (outdated_officeholder,
//! wrong_officeholder, misspelled_name, role_mismatch, name_variant), in text
//! order, at most one per distinct (kind, name, expected) per article.
//! Guarantees: pure and sequential per article; never panics on any text;
//! nothing about particular people or countries lives here, only in the
//! rules tables (the only built-in word lists are English function words,
//! honorifics and name particles).
//!
//! Method: each content paragraph is normalised once (case-folded, curly
//! apostrophes folded, periods dropped, other punctuation to single spaces)
//! into a reused buffer and scanned once, leftmost-longest, with one Aho-Corasick automaton over
//! every normalised role title and jurisdiction term; hits are kept on word
//! boundaries only. A title with an optional
//! qualifier ("Japanese", "U.S.", "Japan's" before it, "of Japan" after it)
//! next to a person name ("Title Name", "Qualifier title, Name,", "Name,
//! qualifier title") is a mention. The name is identified exactly, as an
//! accepted variant, by its bracketed native-script name, or by Jaro-Winkler
//! similarity on folded names (threshold [`MISSPELL_JW`], measured in the
//! tests), then judged against the holders of the role on the article's date.
//!
//! Files: `index` builds the [`NameIndex`] (automaton, people, terms) and
//! `lookup` answers its questions (who a written name is, who held a role
//! when); `normalise` gives the text the automaton runs on; `fold` folds
//! names for comparison; `scan` finds title hits and the mention around
//! each; `parse_name` reads the name beside a title; `judge` turns one
//! mention into a verdict.
//!
//! [`check`] runs, per content paragraph:
//! 1. `scan::find_hits`: leftmost-longest title and term hits on word boundaries;
//! 2. `scan::mention_at`: per title hit, qualifiers and the name beside it;
//! 3. `Priors::resolve`: a surname alone stands for an earlier full name;
//! 4. `judge::judge`: the verdict against the holders on the article's date;
//! 5. `finding`: one finding per distinct (kind, name, expected).

mod fold;
mod index;
mod judge;
mod lookup;
mod normalise;
mod parse_name;
mod scan;

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod tests;

pub use index::NameIndex;

use crate::model::{
    Article, Finding, FindingKind, MentionRow, MentionVerdict, NameCheck, ParaMark, Paragraph,
};
use fold::{fold_token, lower_words};
use judge::{judge, Verdict};
use normalise::NormalisedText;
use scan::{find_hits, mention_at, Hit, Mention};
use std::collections::BTreeSet;

/// Similarity at or above which an unknown spelling is taken for a known
/// person: the lowest Jaro-Winkler score over the aligned words of the two
/// folded names (whole-name Jaro-Winkler when the word counts differ).
/// Measured on a labelled list of 47 misspellings and 42 pairs of different
/// people (the `threshold_*` test, README "Checking names"): 0.91 gives the fewest
/// errors, 2 misspellings missed and 2 different people tied; whole-name
/// Jaro-Winkler does worse at every threshold (a shared given name lifts the
/// common-prefix bonus).
pub const MISSPELL_JW: f64 = 0.91;

/// Looser similarity for the "resembles ..." hint of wrong_officeholder.
pub const RESEMBLE_JW: f64 = 0.85;

/// Finds role+name mentions in the article's content paragraphs and judges
/// them: the findings, and one [`MentionRow`] per recognised mention.
pub fn check(article: &Article, marks: &[ParaMark], index: &NameIndex) -> NameCheck {
    let mut out = NameCheck::default();
    let Some(automaton) = index.ac.as_ref() else {
        return out;
    };
    let mut norm = NormalisedText::default();
    let mut hits: Vec<Hit> = Vec::new();
    let mut priors = Priors::default();
    let mut seen: BTreeSet<(FindingKind, String, String)> = BTreeSet::new();
    for (i, p) in article.paragraphs.iter().enumerate() {
        if !marks.get(i).copied().unwrap_or_default().is_content() {
            continue;
        }
        let text = article.para_text(p);
        norm.fill(text);
        find_hits(automaton, index, &norm, text, &mut hits);
        if hits.is_empty() {
            continue;
        }
        for k in 0..hits.len() {
            if index.patterns[hits[k].pat].roles.is_empty() {
                continue;
            }
            let Some(mention) = mention_at(index, &norm, text, &hits, k) else {
                continue;
            };
            let (tokens, native) = priors.resolve(&mention, text);
            let mut row = mention_row(article, p, text, &mention);
            if mention.skip {
                row.verdict = MentionVerdict::Unchecked;
                row.reason = "a past or future holder (former, acting, -elect ...)".into();
                out.mentions.push(row);
                continue;
            }
            let token_refs: Vec<&str> = tokens.iter().map(|s| s.as_str()).collect();
            let Some(verdict) = judge(
                index,
                &mention.roles,
                mention.qualified,
                &token_refs,
                native.as_deref(),
                article.date,
            ) else {
                out.mentions.push(row);
                continue;
            };
            row.verdict = MentionVerdict::Found(verdict.kind);
            row.reason = verdict.message.clone();
            out.mentions.push(row);
            let key = (
                verdict.kind,
                lower_words(&tokens.join(" ")),
                verdict.expected.clone(),
            );
            if !seen.insert(key) {
                continue;
            }
            out.findings
                .push(finding(article, p, text, &mention, verdict));
        }
    }
    out
}

/// A full name seen earlier in the article, for surname-only references.
struct Prior {
    folded: Vec<String>,
    tokens: Vec<String>,
    native: Option<String>,
}

/// The full names seen so far in an article, in text order.
#[derive(Default)]
struct Priors(Vec<Prior>);

impl Priors {
    /// The written tokens and bracketed native name of a mention: a
    /// surname alone takes the latest earlier full name it ends or starts
    /// (and its native name, if the mention has none); a full name is
    /// remembered for later mentions.
    fn resolve(&mut self, mention: &Mention, text: &str) -> (Vec<String>, Option<String>) {
        let mut tokens: Vec<String> = mention
            .name
            .tokens
            .iter()
            .map(|&(a, b)| text[a..b].to_string())
            .collect();
        let mut native = mention.name.native.map(|(a, b)| text[a..b].to_string());
        let folded: Vec<String> = tokens.iter().map(|t| fold_token(t)).collect();
        if folded.len() == 1 {
            // A surname-only reference to an earlier full mention.
            if let Some(prior) = self.0.iter().rev().find(|prior| {
                prior.folded.first() == folded.first() || prior.folded.last() == folded.first()
            }) {
                tokens = prior.tokens.clone();
                if native.is_none() {
                    native = prior.native.clone();
                }
            }
        } else if folded.len() > 1 {
            self.0.push(Prior {
                folded,
                tokens: tokens.clone(),
                native: native.clone(),
            });
        }
        (tokens, native)
    }
}

/// The mentions.csv row of a mention in paragraph `p`, judged `ok` until
/// the judge says otherwise.
fn mention_row(article: &Article, p: &Paragraph, text: &str, mention: &Mention) -> MentionRow {
    MentionRow {
        article: article.id,
        paragraph: p.idx,
        line: p.line,
        mention: text
            .get(mention.start..mention.end)
            .unwrap_or("")
            .trim()
            .to_string(),
        person: String::new(),
        role: String::new(),
        jurisdiction: String::new(),
        verdict: MentionVerdict::Ok,
        reason: String::new(),
    }
}

/// The finding for a verdict on a mention in paragraph `p` (whose text is
/// `text`): evidence lists the officeholder lines, sorted, once each.
fn finding(
    article: &Article,
    p: &Paragraph,
    text: &str,
    mention: &Mention,
    verdict: Verdict,
) -> Finding {
    let mut lines = verdict.lines;
    lines.sort_unstable();
    lines.dedup();
    let evidence = lines
        .iter()
        .map(|l| format!("officeholders.csv:{l}"))
        .collect::<Vec<_>>()
        .join("; ");
    Finding::new(article.id, verdict.kind)
        .at(article, p)
        .mention(text.get(mention.start..mention.end).unwrap_or("").trim())
        .expected(verdict.expected)
        .message(verdict.message)
        .evidence(evidence)
}
