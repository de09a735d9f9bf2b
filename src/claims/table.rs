//! The claims of every article as truth discovery holds them: a few
//! numbers per article and per claim, every text (mention, unit, key
//! phrase, source) numbered once in a table of distinct strings.
//!
//! Truth discovery reads the whole corpus's claims before it can weigh a
//! source; held as they come from the summaries (key, source and title of
//! each article, each claim's words as strings) they cost about 470 bytes
//! per article on the wire profile, more than the link's input. Here an
//! article costs [`ArtRec`] (24 bytes) and a claim [`ClaimRec`] (40 bytes);
//! the distinct strings are few (a corpus repeats its figures and phrases).
//! Article keys are not held: the caller has them by id.

use super::key::norm_key;
use super::vocab::Strings;
use crate::model::{ArticleId, Claim, ClaimsInput, Keys, ParaIdx};

/// One article as truth discovery holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct ArtRec {
    pub(super) id: ArticleId,
    /// Its source, numbered in [`ClaimTable::sources`].
    pub(super) source: u32,
    /// Starting trust from its own findings.
    pub(super) prior: f64,
    /// It stated a claim (kept or not): its source votes.
    pub(super) voted: bool,
}

/// One claim as truth discovery holds it: what its rows, findings and
/// group label read; texts numbered in [`ClaimTable::strings`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct ClaimRec {
    pub(super) article: ArticleId,
    /// Position of its article in [`ClaimTable::arts`].
    pub(super) art: u32,
    pub(super) paragraph: ParaIdx,
    pub(super) line: u32,
    pub(super) value: f64,
    /// The text as written.
    pub(super) mention: u32,
    pub(super) unit: u32,
    /// The key as written, its words joined by spaces (the label shown).
    pub(super) shown: u32,
    /// The key normalised ([`norm_key`]), joined (what labels count).
    pub(super) norm: u32,
}

/// Every article's and claim's record, in the order added.
#[derive(Debug, Default)]
pub(super) struct ClaimTable {
    pub(super) arts: Vec<ArtRec>,
    pub(super) claims: Vec<ClaimRec>,
    /// Mentions, units and key phrases.
    pub(super) strings: Strings,
    pub(super) sources: Strings,
}

impl ClaimTable {
    /// Adds article `a` (not its claims); returns its position.
    pub(super) fn push_article(&mut self, a: &ClaimsInput) -> u32 {
        let source = self.sources.id(&a.source);
        self.arts.push(ArtRec {
            id: a.id,
            source,
            prior: a.prior,
            voted: !a.claims.is_empty(),
        });
        self.arts.len() as u32 - 1
    }

    /// Adds claim `c` of the article at position `art`, whose key
    /// normalised is `norm`; returns its number.
    pub(super) fn push_claim(&mut self, art: u32, c: &Claim, norm: &[String]) -> u32 {
        let rec = ClaimRec {
            article: c.article,
            art,
            paragraph: c.paragraph,
            line: c.line,
            value: c.value,
            mention: self.strings.id(&c.mention),
            unit: self.strings.id(&c.unit),
            shown: self.strings.id(&c.key.join(" ")),
            norm: self.strings.id(&norm.join(" ")),
        };
        self.claims.push(rec);
        self.claims.len() as u32 - 1
    }

    /// Claim `i`.
    pub(super) fn claim(&self, i: u32) -> Option<&ClaimRec> {
        self.claims.get(i as usize)
    }

    /// A text of the claims (mention, unit, phrase).
    pub(super) fn text(&self, s: u32) -> &str {
        self.strings.get(s)
    }

    /// Hands back spare capacity once every article is in.
    pub(super) fn shrink(&mut self) {
        self.arts.shrink_to_fit();
        self.claims.shrink_to_fit();
    }
}

/// The key of an article id, from keys indexed by id ("" when unknown).
pub(super) fn key_of(keys: &Keys, id: ArticleId) -> &str {
    keys.get(id.0 as usize).unwrap_or_default()
}

/// Keys indexed by id from inputs (tests and the in-memory `resolve`).
pub(super) fn keys_by_id(articles: &[ClaimsInput]) -> Keys {
    let n = articles
        .iter()
        .map(|a| a.id.0 as usize + 1)
        .max()
        .unwrap_or(0);
    let mut keys = vec![String::new(); n];
    for a in articles {
        keys[a.id.0 as usize] = a.key.clone();
    }
    keys.into_iter().collect()
}

/// [`norm_key`] of a claim's key (what grouping and labels read).
pub(super) fn norm_words(c: &Claim) -> Vec<String> {
    norm_key(&c.key)
}

#[cfg(test)]
mod tests {
    use super::super::testutil::summary;
    use super::*;

    #[test]
    fn a_claim_keeps_its_numbers_and_texts() {
        let a = summary(4, "wire", "The $5 billion investment fund.", &[]);
        let mut t = ClaimTable::default();
        let art = t.push_article(&a);
        let c = &a.claims[0];
        let i = t.push_claim(art, c, &norm_words(c));
        let rec = *t.claim(i).unwrap();
        assert_eq!(t.arts[0].id, ArticleId(4));
        assert!(t.arts[0].voted);
        assert_eq!(t.sources.get(t.arts[0].source), "wire");
        assert_eq!((rec.article, rec.art, rec.value), (ArticleId(4), 0, 5e9));
        assert_eq!(t.text(rec.mention), "$5 billion");
        assert_eq!(t.text(rec.unit), "USD");
        assert_eq!(t.text(rec.shown), c.key.join(" "));
        assert_eq!(t.text(rec.norm), norm_key(&c.key).join(" "));
        assert!(t.claim(9).is_none());
    }

    #[test]
    fn keys_by_id_leave_gaps_empty() {
        let arts = vec![summary(2, "a", "x", &[]), summary(0, "b", "y", &[])];
        let keys = keys_by_id(&arts);
        assert_eq!(keys.iter().collect::<Vec<_>>(), ["000.txt", "", "002.txt"]);
        assert_eq!(key_of(&keys, ArticleId(2)), "002.txt");
        assert_eq!(key_of(&keys, ArticleId(9)), "");
    }
}
