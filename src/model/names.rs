//! What the names stage hands on: its findings and one row per recognised
//! person-with-role mention (mentions.csv), so a reviewer can see which
//! mentions were judged and which were not, and why.

use super::{ArticleId, Finding, FindingKind, ParaIdx};
use serde::{Deserialize, Serialize};

/// What was decided about one mention: the `verdict` column of mentions.csv.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum MentionVerdict {
    /// Judged and right (a variant spelling is `Found(NameVariant)`).
    Ok,
    /// Judged, and reported as this finding kind.
    Found(FindingKind),
    /// Recognised but not judged; `MentionRow::reason` says why.
    Unchecked,
}

impl MentionVerdict {
    /// The report name: `ok`, the finding kind's name, or `unchecked`.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionVerdict::Ok => "ok",
            MentionVerdict::Found(kind) => kind.as_str(),
            MentionVerdict::Unchecked => "unchecked",
        }
    }
}

/// One row of mentions.csv: a title next to a person's name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionRow {
    pub article: ArticleId,
    pub paragraph: ParaIdx,
    /// The file line of the paragraph.
    pub line: u32,
    /// The mention as written: qualifier, title and name.
    pub mention: String,
    /// The known person the name was identified as ("" when none).
    pub person: String,
    /// The role id from roles.csv the title was judged as ("" when open).
    pub role: String,
    /// The role's jurisdiction ("" when open).
    pub jurisdiction: String,
    pub verdict: MentionVerdict,
    /// Why: the finding's message, or why the mention was not judged.
    pub reason: String,
}

/// The result of checking one article's names.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NameCheck {
    /// Findings, in text order, one per distinct (kind, name, expected).
    pub findings: Vec<Finding>,
    /// Every recognised mention, in text order (repeats included).
    pub mentions: Vec<MentionRow>,
}
