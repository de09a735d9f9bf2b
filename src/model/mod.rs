//! Hand-off structs shared by the stages.
//!
//! Every value that crosses a stage boundary is defined here, as plain data:
//! ids are small newtypes (indexes into the run's tables), never references,
//! so stages can run in parallel and be unit-tested on hand-built values.
//! Nothing here reads or writes files, and nothing here imports a stage:
//! stages import from `model`, never the reverse.
//!
//! | file | types |
//! |---|---|
//! | `ids.rs` | [`ArticleId`], [`ParaIdx`] |
//! | `keys.rs` | [`Keys`]: the run's article keys by id, in one string |
//! | `date.rs` | [`Date`], [`DateOrigin`] |
//! | `article.rs` | [`Format`], [`Meta`], [`MetaOrigin`], [`Origins`], [`Paragraph`], [`Article`], [`InputFailure`] (ingest, segment) |
//! | `finding.rs` | [`Severity`], [`FindingKind`], [`Finding`] (every check) |
//! | `dedup.rs` | [`ParaMark`], [`ParaPrint`], [`BandKeys`], [`ArticlePrints`], [`DuplicateRow`], [`Marks`], [`DedupOutcome`], [`PairMemo`], [`Scratch`], [`LoadArticles`] |
//! | `link.rs` | [`LinkInput`], [`LinkArticle`], [`LinkPara`]: what the dedup link reads of the corpus, slim, band keys in scratch |
//! | `link_records.rs` | [`LinkRecords`]: the link's findings and duplicates.csv groups in scratch, read back in report order |
//! | `names.rs` | [`NameCheck`], [`MentionRow`], [`MentionVerdict`] (mentions.csv) |
//! | `claims.rs` | [`Claim`], [`ClaimRow`], [`ClaimsOutcome`] |
//! | `score.rs` | [`ArticleScore`], [`Scores`] (every score by id, compact), [`SourceRow`] |
//! | `summary.rs` | [`ArticleSummary`]: what the per-article pass keeps of each article; [`ClaimsInput`]: what truth discovery reads of it |
//! | `partial.rs` | [`Item`], [`Shard`], [`PartialMeta`], [`PartialSettings`], [`PartialRow`]: what a shard hands to the merge |

mod article;
mod claims;
mod date;
mod dedup;
mod finding;
mod ids;
mod keys;
mod link;
mod link_records;
mod names;
mod partial;
mod score;
mod summary;

pub use article::{Article, Format, InputFailure, Meta, MetaOrigin, Origins, Paragraph};
pub use claims::{Claim, ClaimRow, ClaimsOutcome};
pub use date::{Date, DateOrigin};
pub use dedup::{
    ArticlePrints, BandKeys, DedupOutcome, DupKind, DuplicateRow, LoadArticles, Marks, PairMemo,
    ParaMark, ParaPrint, Scratch, BANDS,
};
pub use finding::{Finding, FindingKind, Severity};
pub use ids::{ArticleId, ParaIdx};
pub use keys::Keys;
pub use link::{LinkArticle, LinkInput, LinkPara, LinkSpace, LocalRepeat};
pub use link_records::LinkRecords;
pub use names::{MentionRow, MentionVerdict, NameCheck};
pub use partial::{Item, PartialMeta, PartialRow, PartialSettings, Shard};
pub use score::{ArticleScore, ScoreOf, Scores, SourceRow};
pub use summary::{ArticleSummary, ClaimsInput};
