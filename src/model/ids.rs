//! Small id newtypes: indexes into the run's tables, never references.

use serde::{Deserialize, Serialize};

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
