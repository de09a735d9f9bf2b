//! Hand-off structs shared by the stages.
//!
//! Every value that crosses a stage boundary is defined here, as plain data:
//! ids are small newtypes (indexes into the run's tables), never references,
//! so stages can run in parallel and be unit-tested on hand-built values.
//! Nothing here reads or writes files.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

/// Position of an input entry (article or failed input) in the run's sorted
/// entry table. Sorting by it gives the order of discovery: path, then record.
#[derive(
    Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct ArticleId(pub u32);

/// 0-based paragraph index within its article (reports print it 1-based).
#[derive(
    Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct ParaIdx(pub u32);

impl ParaIdx {
    /// The 1-based number shown to people.
    pub fn number(self) -> u32 {
        self.0 + 1
    }
}

/// A calendar date (proleptic Gregorian). Ordering is chronological.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Builds a date, or `None` when the day does not exist.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || !(1..=9999).contains(&year) {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses strict ISO `YYYY-MM-DD` (a time part after `T` or a space is ignored).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.trim();
        let head = s.split(['T', ' ']).next().unwrap_or("");
        let b = head.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let y: i32 = head[0..4].parse().ok()?;
        let m: u8 = head[5..7].parse().ok()?;
        let d: u8 = head[8..10].parse().ok()?;
        if !head[0..4].bytes().all(|c| c.is_ascii_digit())
            || !head[5..7].bytes().all(|c| c.is_ascii_digit())
            || !head[8..10].bytes().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        Date::new(y, m, d)
    }

    /// Days since 1970-01-01 (negative before). Used for date arithmetic.
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let d = i64::from(self.day);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Inverse of [`Date::to_days`].
    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Date {
            year: (y + i64::from(m <= 2)) as i32,
            month: m,
            day: d,
        }
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Date::from_days(secs.div_euclid(86_400))
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            if leap {
                29
            } else {
                28
            }
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Where an article's date came from, most trusted first.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DateOrigin {
    Manifest,
    Metadata,
    Dateline,
    AsOf,
    RunDate,
}

impl DateOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            DateOrigin::Manifest => "manifest",
            DateOrigin::Metadata => "metadata",
            DateOrigin::Dateline => "dateline",
            DateOrigin::AsOf => "as_of",
            DateOrigin::RunDate => "run_date",
        }
    }
}

/// Metadata found for one article, before precedence is applied.
/// Empty strings mean "not given".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub title: String,
    pub date: String,
    pub source: String,
    pub author: String,
    pub url: String,
}

/// One paragraph of an article: a byte range into [`Article::text`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub idx: ParaIdx,
    /// 1-based line in the source file where the paragraph starts
    /// (for JSONL, the record's line).
    pub line: u32,
    pub start: u32,
    pub end: u32,
    /// A heading (markdown `#`, HTML `<h1>`..`<h6>`, or a short title-like line).
    pub heading: bool,
    /// Sentence byte ranges, absolute in [`Article::text`].
    pub sentences: Vec<(u32, u32)>,
    /// Number of words (unicode word boundaries, alphanumeric).
    pub words: u32,
}

/// One ingested article. Text is NFC, LF line endings, no BOM.
/// `paragraphs` is empty until `segment` fills it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Article {
    pub id: ArticleId,
    /// The article id shown in reports: path relative to its input root
    /// (`/` separators), plus `#<id>` or `#L<line>` for JSONL records.
    pub key: String,
    pub path: PathBuf,
    /// 1-based line of a JSONL record; 1 for whole-file articles.
    pub first_line: u32,
    pub title: String,
    pub source: String,
    pub author: String,
    pub url: String,
    pub date: Date,
    pub date_origin: DateOrigin,
    pub text: String,
    /// Number of lines that precede the text in the file (front matter), so
    /// paragraph lines can be reported as file lines.
    pub line_offset: u32,
    /// File line of each text line when lines are not contiguous (HTML
    /// blocks, JSONL records); empty means `first_line + line_offset + i`.
    /// An index past the end uses the last entry.
    pub line_map: Vec<u32>,
    pub paragraphs: Vec<Paragraph>,
    /// Hash of the raw file bytes (or record bytes): the incremental cache key.
    pub content_hash: u64,
    /// Findings raised while reading (encoding repaired, date unknown, ...).
    pub notes: Vec<Finding>,
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
    }
}

impl Article {
    /// The text of one paragraph.
    pub fn para_text(&self, p: &Paragraph) -> &str {
        &self.text[p.start as usize..p.end as usize]
    }
}

/// An input that could not become an article: reported as `input_error`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputFailure {
    pub id: ArticleId,
    pub key: String,
    pub path: PathBuf,
    pub line: Option<u32>,
    pub reason: String,
}

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
    pub const ALL: [FindingKind; 15] = [
        FindingKind::OutdatedOfficeholder,
        FindingKind::WrongOfficeholder,
        FindingKind::MisspelledName,
        FindingKind::RoleMismatch,
        FindingKind::NameVariant,
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
            DuplicateParagraph | KeywordStuffing | MachineTell | DateUnknown | EncodingRepaired => {
                Severity::Warning
            }
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

/// What dedup decided about one paragraph. Anything but `Content` is kept out
/// of the name and claim checks and out of the word counts used for scoring.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ParaMark {
    #[default]
    Content,
    /// A repeat of an earlier paragraph in the same article.
    Duplicate,
    /// A copy of a paragraph first published by another article.
    Syndicated,
    /// Not the article: bios, promos, related-article lists, navigation.
    Boilerplate,
}

impl ParaMark {
    /// True when the paragraph is checked and counted.
    pub fn is_content(self) -> bool {
        self == ParaMark::Content
    }
}

/// Kind column of duplicates.csv.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DupKind {
    Exact,
    Near,
    Boilerplate,
}

impl DupKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DupKind::Exact => "exact",
            DupKind::Near => "near",
            DupKind::Boilerplate => "boilerplate",
        }
    }
}

/// One row of duplicates.csv. `text` is filled by the pipeline just before
/// reporting (re-read from the input), so dedup keeps no texts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DuplicateRow {
    pub group: u32,
    pub article: ArticleId,
    pub paragraph: ParaIdx,
    pub line: u32,
    pub kind: DupKind,
    pub similarity: f64,
    pub first_article: ArticleId,
    pub first_paragraph: ParaIdx,
    pub text: String,
}

/// Per-paragraph fingerprint kept for cross-article dedup: no text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParaPrint {
    pub para: ParaIdx,
    pub line: u32,
    pub words: u32,
    /// Hash of the normalised text (NFKC, case-folded, punctuation and
    /// whitespace collapsed).
    pub exact: u64,
    /// MinHash over word 3-shingles, folded into LSH band keys (one u32 per
    /// band of two hashes); empty for short paragraphs. Only band keys are
    /// kept because the link needs band equality alone (similarity is then
    /// confirmed on text), which halves memory per paragraph. Held inline
    /// (no heap allocation per paragraph).
    pub minhash: BandKeys,
    /// A short title-like line (heading, list item, byline, date line): lets
    /// the link grow a boilerplate block over its label lines without text.
    pub title_like: bool,
}

/// Number of LSH bands in a paragraph's MinHash signature (see `dedup`).
pub const BANDS: usize = 16;

/// The LSH band keys of one paragraph, inline: either none (a short
/// paragraph) or exactly [`BANDS`]. Reads as a `[u32]` slice.
/// A heap `Vec` per paragraph cost 24 bytes here plus an 80-byte allocation;
/// this is 68 bytes and no allocation.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct BandKeys {
    len: u8,
    keys: [u32; BANDS],
}

impl std::ops::Deref for BandKeys {
    type Target = [u32];
    fn deref(&self) -> &[u32] {
        &self.keys[..usize::from(self.len)]
    }
}

impl<'a> IntoIterator for &'a BandKeys {
    type Item = &'a u32;
    type IntoIter = std::slice::Iter<'a, u32>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl From<&[u32]> for BandKeys {
    /// Keeps the first [`BANDS`] keys.
    fn from(v: &[u32]) -> BandKeys {
        let mut b = BandKeys::default();
        for (slot, &k) in b.keys.iter_mut().zip(v) {
            *slot = k;
            b.len += 1;
        }
        b
    }
}

impl From<Vec<u32>> for BandKeys {
    fn from(v: Vec<u32>) -> BandKeys {
        BandKeys::from(v.as_slice())
    }
}

impl fmt::Debug for BandKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Everything dedup keeps about one article between the per-article pass and
/// the cross-article link.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticlePrints {
    pub prints: Vec<ParaPrint>,
    /// Marks known from the article alone (within-article repeats, structural
    /// boilerplate). Same length as the article's paragraphs.
    pub marks: Vec<ParaMark>,
    /// Findings known from the article alone (duplicate_paragraph, boilerplate).
    pub findings: Vec<Finding>,
    /// duplicates.csv rows known from the article alone (text left empty).
    pub rows: Vec<DuplicateRow>,
}

/// Re-reads articles after the per-article pass dropped their texts: given
/// ids, returns the segmented articles in the same order (`None` for one
/// that can no longer be read). Batched so each file is read once per call.
pub type LoadArticles<'a> = dyn Fn(&[ArticleId]) -> Vec<Option<Article>> + Sync + 'a;

/// Scratch space for the cross-article pass: bytes written once, then read
/// back by position, so what the pass needs again neither stays in memory
/// nor is parsed a second time. `report::Scratch` keeps it in a temporary
/// file; `Vec<u8>` keeps it in memory (tests, tools).
pub trait Scratch: Sync {
    /// Appends `bytes`; returns their offset.
    fn append(&mut self, bytes: &[u8]) -> u64;
    /// Called once all appends are done, before any read.
    fn finish(&mut self) {}
    /// The `len` bytes at `offset`; empty if they cannot be read.
    fn read(&self, offset: u64, len: u32) -> Vec<u8>;
}

impl Scratch for Vec<u8> {
    fn append(&mut self, bytes: &[u8]) -> u64 {
        let at = self.len() as u64;
        self.extend_from_slice(bytes);
        at
    }
    fn read(&self, offset: u64, len: u32) -> Vec<u8> {
        let start = usize::try_from(offset).unwrap_or(usize::MAX);
        start
            .checked_add(len as usize)
            .and_then(|end| self.get(start..end))
            .map(<[u8]>::to_vec)
            .unwrap_or_default()
    }
}

/// Similarities of candidate paragraph pairs carried from one run to the
/// next (`--incremental`), so an unchanged pair is not re-read or compared
/// again. A pair's key hashes both articles' content hashes and paragraph
/// numbers: same texts, same key, same similarity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PairMemo {
    /// From the previous run: (pair key, similarity), sorted by key.
    pub known: Vec<(u64, f64)>,
    /// Whether to collect this run's pairs into `fresh`.
    pub remember: bool,
    /// This run's candidate pairs, sorted by key (only when `remember`).
    pub fresh: Vec<(u64, f64)>,
}

impl PairMemo {
    pub fn get(&self, key: u64) -> Option<f64> {
        let i = self.known.binary_search_by_key(&key, |k| k.0).ok()?;
        Some(self.known[i].1)
    }
}

/// Result of linking all articles' prints.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DedupOutcome {
    /// Final marks, per article (indexed like the input slice), per paragraph.
    pub marks: Vec<Vec<ParaMark>>,
    /// All findings from dedup (within and across articles).
    pub findings: Vec<Finding>,
    /// All duplicates.csv rows, text empty.
    pub rows: Vec<DuplicateRow>,
    /// Pairs of articles that share content (copying): (copy, origin).
    /// Claims use it so copies do not count as independent sources.
    pub copies: Vec<(ArticleId, ArticleId)>,
}

/// One quantity stated by an article, found by `claims::extract`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub article: ArticleId,
    pub paragraph: ParaIdx,
    pub line: u32,
    /// The text as written, e.g. "$55 billion".
    pub mention: String,
    pub value: f64,
    /// Normalised unit: ISO currency code (`USD`, `JPY`, `EUR`, `GBP`), `%`,
    /// or empty for a plain number.
    pub unit: String,
    /// Content words of the noun phrase around the amount, normalised
    /// (e.g. ["investment", "package"]), used to group claims.
    pub key: Vec<String>,
    /// Words of that phrase written with a capital (names of places,
    /// countries, companies: ["rockmouth"], ["japan"]), normalised like the
    /// key: claims about different named things are not compared.
    pub entities: Vec<String>,
}

/// One row of claims.csv.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimRow {
    pub claim: String,
    pub article: ArticleId,
    pub paragraph: ParaIdx,
    pub mention: String,
    pub value: f64,
    pub unit: String,
    pub consensus: Option<f64>,
    pub support: f64,
    pub agrees: bool,
    pub reference: String,
}

/// Result of comparing claims across the corpus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClaimsOutcome {
    pub rows: Vec<ClaimRow>,
    pub findings: Vec<Finding>,
    /// Trust per source (0..1), sorted by source name.
    pub trust: Vec<(String, f64)>,
}

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
}

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
    pub content_hash: u64,
    /// Words per paragraph, so word counts can exclude repeats and boilerplate.
    pub para_words: Vec<u32>,
    /// Line per paragraph.
    pub para_lines: Vec<u32>,
    pub prints: ArticlePrints,
    /// Findings of the per-article checks (names, text, ingest notes).
    pub findings: Vec<Finding>,
    pub claims: Vec<Claim>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_round_trips_through_days() {
        for days in [-1000i64, 0, 1, 59, 60, 365, 10_957, 20_000, 20_496] {
            let d = Date::from_days(days);
            assert_eq!(d.to_days(), days, "{d}");
        }
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::parse_iso("2026-02-12").unwrap().to_days(), 20_496);
    }

    #[test]
    fn date_rejects_impossible_days() {
        assert!(Date::parse_iso("2026-02-29").is_none());
        assert!(Date::parse_iso("2024-02-29").is_some());
        assert!(Date::parse_iso("2026-13-01").is_none());
        assert!(Date::parse_iso("26-01-01").is_none());
        assert!(Date::parse_iso("2026-1-01").is_none());
        assert_eq!(
            Date::parse_iso("2026-02-12T09:30:00Z").unwrap().to_string(),
            "2026-02-12"
        );
    }

    #[test]
    fn kinds_round_trip_by_name() {
        for k in FindingKind::ALL {
            assert_eq!(FindingKind::parse(k.as_str()), Some(k));
        }
    }
}
