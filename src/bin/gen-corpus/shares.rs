//! How often each defect is injected: shares per mention, chances per
//! article or paragraph.

/// Share of each kind among role+name mentions (the rest are correct).
pub(crate) const SHARE_OUTDATED: f64 = 0.10;
pub(crate) const SHARE_MISSPELLED: f64 = 0.08;
pub(crate) const SHARE_WRONG: f64 = 0.08;
pub(crate) const SHARE_ROLE_MISMATCH: f64 = 0.04;
/// Chance that a content paragraph carries a role+name mention.
pub(crate) const P_MENTION: f64 = 0.5;
/// Chance that an article states a given fact of its story.
pub(crate) const P_FACT: f64 = 0.75;
/// Chance that a stated fact is a 10x slip (stories of 8+ articles, or facts
/// with a reference value).
pub(crate) const P_SLIP: f64 = 0.12;
/// Chance that an article repeats one of its own paragraphs.
pub(crate) const P_SELF_REPEAT: f64 = 0.12;
/// Chance that an article carries each of its story's wire paragraphs.
pub(crate) const P_WIRE: [f64; 2] = [0.30, 0.20];
/// Chance that a repeat or copy is a near (one word changed) not exact copy.
pub(crate) const P_NEAR: f64 = 0.30;
/// Near copies are made only of paragraphs this long, so a one-word change
/// stays well above credence's default near-duplicate similarity.
pub(crate) const NEAR_MIN_WORDS: usize = 60;
