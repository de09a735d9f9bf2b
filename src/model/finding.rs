//! Findings: what every check reports, with its severity and kind.

use super::{Article, ArticleId, ParaIdx, Paragraph};
use serde::{Deserialize, Serialize};

/// How serious a finding is. Errors cost the most; infos cost nothing by default.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim() {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// The fixed finding kinds. Their names are part of the report format.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum FindingKind {
    OutdatedOfficeholder,
    WrongOfficeholder,
    MisspelledName,
    RoleMismatch,
    NameVariant,
    UnverifiedOfficeholder,
    QuantityConflict,
    InternalConflict,
    DuplicateParagraph,
    SyndicatedParagraph,
    Boilerplate,
    KeywordStuffing,
    MachineTell,
    DateUnknown,
    EncodingRepaired,
    InputError,
}

impl FindingKind {
    pub const ALL: [FindingKind; 16] = [
        FindingKind::OutdatedOfficeholder,
        FindingKind::WrongOfficeholder,
        FindingKind::MisspelledName,
        FindingKind::RoleMismatch,
        FindingKind::NameVariant,
        FindingKind::UnverifiedOfficeholder,
        FindingKind::QuantityConflict,
        FindingKind::InternalConflict,
        FindingKind::DuplicateParagraph,
        FindingKind::SyndicatedParagraph,
        FindingKind::Boilerplate,
        FindingKind::KeywordStuffing,
        FindingKind::MachineTell,
        FindingKind::DateUnknown,
        FindingKind::EncodingRepaired,
        FindingKind::InputError,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::OutdatedOfficeholder => "outdated_officeholder",
            FindingKind::WrongOfficeholder => "wrong_officeholder",
            FindingKind::MisspelledName => "misspelled_name",
            FindingKind::RoleMismatch => "role_mismatch",
            FindingKind::NameVariant => "name_variant",
            FindingKind::UnverifiedOfficeholder => "unverified_officeholder",
            FindingKind::QuantityConflict => "quantity_conflict",
            FindingKind::InternalConflict => "internal_conflict",
            FindingKind::DuplicateParagraph => "duplicate_paragraph",
            FindingKind::SyndicatedParagraph => "syndicated_paragraph",
            FindingKind::Boilerplate => "boilerplate",
            FindingKind::KeywordStuffing => "keyword_stuffing",
            FindingKind::MachineTell => "machine_tell",
            FindingKind::DateUnknown => "date_unknown",
            FindingKind::EncodingRepaired => "encoding_repaired",
            FindingKind::InputError => "input_error",
        }
    }

    pub fn parse(s: &str) -> Option<FindingKind> {
        FindingKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == s.trim())
    }

    /// The severity this kind is reported with.
    pub fn severity(self) -> Severity {
        use FindingKind::*;
        match self {
            OutdatedOfficeholder | WrongOfficeholder | MisspelledName | RoleMismatch
            | QuantityConflict | InternalConflict | InputError => Severity::Error,
            DuplicateParagraph
            | KeywordStuffing
            | MachineTell
            | DateUnknown
            | EncodingRepaired
            | UnverifiedOfficeholder => Severity::Warning,
            NameVariant | SyndicatedParagraph | Boilerplate => Severity::Info,
        }
    }
}

/// One finding: a row of findings.csv. Every score point is explained by one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub article: ArticleId,
    pub paragraph: Option<ParaIdx>,
    /// 1-based line in the article's file.
    pub line: Option<u32>,
    pub severity: Severity,
    pub kind: FindingKind,
    /// The text as the article wrote it.
    pub mention: String,
    /// What it should have been (empty when not applicable).
    pub expected: String,
    pub message: String,
    /// The rules row or other article that supports the finding,
    /// e.g. `officeholders.csv:12` or `seeds/001.txt#p3`.
    pub evidence: String,
}

impl Finding {
    /// A finding with the kind's default severity and empty text fields.
    pub fn new(article: ArticleId, kind: FindingKind) -> Finding {
        Finding {
            article,
            paragraph: None,
            line: None,
            severity: kind.severity(),
            kind,
            mention: String::new(),
            expected: String::new(),
            message: String::new(),
            evidence: String::new(),
        }
    }

    /// Places the finding at a paragraph of an article.
    pub fn at(mut self, article: &Article, p: &Paragraph) -> Finding {
        self.paragraph = Some(p.idx);
        self.line = Some(p.line);
        let _ = article;
        self
    }

    pub fn mention(mut self, s: impl Into<String>) -> Finding {
        self.mention = s.into();
        self
    }
    pub fn expected(mut self, s: impl Into<String>) -> Finding {
        self.expected = s.into();
        self
    }
    pub fn message(mut self, s: impl Into<String>) -> Finding {
        self.message = s.into();
        self
    }
    pub fn evidence(mut self, s: impl Into<String>) -> Finding {
        self.evidence = s.into();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_by_name() {
        for k in FindingKind::ALL {
            assert_eq!(FindingKind::parse(k.as_str()), Some(k));
        }
    }
}
