//! Nodes: one value, with one unit, in one article, built one article at
//! a time, with each claim kept in a [`ClaimTable`]; the jurisdiction map
//! that folds their words and the title names a node falls back on.

use super::key::{has_digit, is_stop, parts};
use super::table::{norm_words, ClaimRec, ClaimTable};
use super::vocab::{into_set, Strings, Vocab, Word};
use crate::model::ClaimsInput;
use crate::rules::Rules;
use crate::text::{MONTHS, WEEKDAYS};
use std::collections::{BTreeMap, HashMap};

/// All mentions of one value, with one unit, in one article. Its three
/// sets of words lie in one allocation (about 64 bytes a node plus 4 a
/// word and 4 a claim): [`Node::words`], [`Node::topic`], [`Node::heads`].
#[derive(Debug, Clone)]
pub(super) struct Node {
    pub(super) art: usize,
    pub(super) unit: Word,
    pub(super) value: f64,
    /// The words, then the topic, then the heads' pairs, then its claims
    /// (numbers in the [`ClaimTable`], in text order): one allocation a
    /// node (48 bytes and the lists; it was 64 and two allocations).
    sets: Box<[u32]>,
    n_words: u32,
    n_topic: u32,
    n_heads: u32,
}

/// A node while its article is read: its sets as lists.
struct Draft {
    unit: Word,
    value: f64,
    mentions: Vec<u32>,
    words: Vec<Word>,
    topic: Vec<Word>,
    heads: Vec<(Word, Word)>,
}

/// The nodes of a run, the words they are numbered in and the claims
/// they hold. Reads as the slice of nodes.
#[derive(Debug, Default)]
pub(super) struct Nodes {
    pub(super) list: Vec<Node>,
    pub(super) vocab: Vocab,
    pub(super) table: ClaimTable,
}

impl std::ops::Deref for Nodes {
    type Target = [Node];
    fn deref(&self) -> &[Node] {
        &self.list
    }
}

/// Maps every word of every jurisdiction term to its jurisdiction, so
/// "Tokyo", "Japan's" and "Japanese" name the same thing. From the rules.
pub(super) fn canon_map(rules: &Rules) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for j in &rules.jurisdictions {
        for term in &j.terms {
            for w in term.split_whitespace().flat_map(parts) {
                map.entry(w).or_insert_with(|| j.name.clone());
            }
        }
    }
    map
}

/// Proper names in a headline: capitalised words after the first, unless the
/// headline capitalises most of its words (title case tells nothing).
pub(super) fn title_names(title: &str) -> Vec<String> {
    let tokens: Vec<&str> = title
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '-' | '.')))
        .map(|t| t.trim_matches('.'))
        .filter(|t| !t.is_empty() && !has_digit(t))
        .collect();
    let content: Vec<&str> = tokens
        .iter()
        .skip(1)
        .copied()
        .filter(|t| !is_stop(&t.to_lowercase()))
        .collect();
    let caps: Vec<&str> = content
        .iter()
        .copied()
        .filter(|t| t.chars().next().is_some_and(char::is_uppercase))
        .collect();
    if caps.len() * 2 > content.len() {
        return Vec::new();
    }
    caps.into_iter()
        .flat_map(parts)
        // Capitalised but naming no topic: months and weekdays.
        .filter(|w| !MONTHS.contains(&w.as_str()) && !WEEKDAYS.contains(&w.as_str()))
        .collect()
}

impl Node {
    /// A node of sets `words`, `topic` and `heads` (sorted and made sets
    /// here).
    pub(super) fn new(
        art: usize,
        unit: Word,
        value: f64,
        mentions: Vec<u32>,
        words: Vec<Word>,
        topic: Vec<Word>,
        heads: Vec<(Word, Word)>,
    ) -> Node {
        let (words, topic, heads) = (into_set(words), into_set(topic), into_set(heads));
        let mut sets =
            Vec::with_capacity(words.len() + topic.len() + 2 * heads.len() + mentions.len());
        sets.extend_from_slice(&words);
        sets.extend_from_slice(&topic);
        sets.extend(heads.iter().flat_map(|&(h, m)| [h, m]));
        sets.extend_from_slice(&mentions);
        Node {
            art,
            unit,
            value,
            sets: sets.into_boxed_slice(),
            n_words: words.len() as u32,
            n_topic: topic.len() as u32,
            n_heads: heads.len() as u32,
        }
    }

    /// Where the claims start in `sets`.
    fn words_end(&self) -> usize {
        (self.n_words + self.n_topic + 2 * self.n_heads) as usize
    }

    /// Its claims (numbers in the [`ClaimTable`]), in text order.
    pub(super) fn mentions(&self) -> &[u32] {
        &self.sets[self.words_end()..]
    }

    /// Key words, a sorted set.
    pub(super) fn words(&self) -> &[Word] {
        &self.sets[..self.n_words as usize]
    }

    /// Named things the claim is about (its capitalised words, else its
    /// article title's names), jurisdiction terms folded to the
    /// jurisdiction; a sorted set.
    pub(super) fn topic(&self) -> &[Word] {
        let w = self.n_words as usize;
        &self.sets[w..w + self.n_topic as usize]
    }

    /// [head noun, a plain (not name) word right before it] in the node's
    /// keys, sorted: "loan package" gives [`package`, `loan`].
    pub(super) fn heads(&self) -> &[[Word; 2]] {
        let start = (self.n_words + self.n_topic) as usize;
        self.sets[start..self.words_end()].as_chunks::<2>().0
    }

    /// Renumbers every word by `rank` and sorts the sets again.
    pub(super) fn renumber(&mut self, rank: &[Word]) {
        let r = |w: Word| rank[w as usize];
        self.unit = r(self.unit);
        let end = self.words_end();
        for w in self.sets[..end].iter_mut() {
            *w = r(*w);
        }
        let (w, t) = (self.n_words as usize, self.n_topic as usize);
        let (words, rest) = self.sets[..end].split_at_mut(w);
        let (topic, heads) = rest.split_at_mut(t);
        words.sort_unstable();
        topic.sort_unstable();
        heads.as_chunks_mut::<2>().0.sort_unstable();
    }

    pub(super) fn first<'a>(&self, table: &'a ClaimTable) -> Option<&'a ClaimRec> {
        self.mentions().first().and_then(|&c| table.claim(c))
    }

    /// Its claims, in text order.
    pub(super) fn claims<'a>(
        &'a self,
        table: &'a ClaimTable,
    ) -> impl Iterator<Item = &'a ClaimRec> {
        self.mentions().iter().filter_map(|&c| table.claim(c))
    }

    /// The node's head nouns, each once, in order.
    pub(super) fn head_nouns(&self) -> impl Iterator<Item = Word> + '_ {
        let mut last = None;
        self.heads().iter().filter_map(move |&[h, _]| {
            let first = last != Some(h);
            last = Some(h);
            first.then_some(h)
        })
    }

    /// The (head, modifier) pairs of head noun `h`.
    pub(super) fn modifiers(&self, h: Word) -> &[[Word; 2]] {
        let heads = self.heads();
        let start = heads.partition_point(|p| p[0] < h);
        let end = heads.partition_point(|p| p[0] <= h);
        &heads[start..end]
    }

    pub(super) fn has_head(&self, h: Word) -> bool {
        !self.modifiers(h).is_empty()
    }
}

/// Builds the nodes one article at a time ([`NodeBuilder::add`]), every
/// word numbered as first seen, each claim kept compactly in a
/// [`ClaimTable`]; [`NodeBuilder::finish`] renumbers the words in sorted
/// order ([`number_by_rank`]).
#[derive(Default)]
pub(super) struct NodeBuilder {
    ids: Strings,
    nodes: Vec<Node>,
    table: ClaimTable,
}

impl NodeBuilder {
    /// One node per (unit, value) of article `a`: its claims with a key
    /// and a finite value; a node naming nothing is about its title's
    /// names. Words are folded by `canon` (jurisdictions).
    pub(super) fn add(&mut self, a: &ClaimsInput, canon: &HashMap<String, String>) {
        let fold = |w: &'_ str| -> String { canon.get(w).map_or(w, String::as_str).to_string() };
        let ai = self.table.push_article(a);
        let ids = &mut self.ids;
        let mut nodes: Vec<Draft> = Vec::new();
        let mut at: BTreeMap<(Word, u64), usize> = BTreeMap::new();
        for c in &a.claims {
            if c.key.is_empty() || !c.value.is_finite() {
                continue;
            }
            let words = norm_words(c);
            let claim = self.table.push_claim(ai, c, &words);
            let unit = ids.id(&c.unit);
            let idx = *at.entry((unit, c.value.to_bits())).or_insert_with(|| {
                nodes.push(Draft {
                    unit,
                    value: c.value,
                    mentions: Vec::new(),
                    words: Vec::new(),
                    topic: Vec::new(),
                    heads: Vec::new(),
                });
                nodes.len() - 1
            });
            let node = &mut nodes[idx];
            node.mentions.push(claim);
            if let [.., m, h] = words.as_slice() {
                if !c.entities.contains(m) {
                    node.heads.push((ids.id(h), ids.id(m)));
                }
            }
            node.words.extend(words.iter().map(|w| ids.id(w)));
            node.topic
                .extend(c.entities.iter().map(|e| ids.id(&fold(e))));
        }
        if nodes.iter().any(|n| n.topic.is_empty()) {
            let names: Vec<Word> = title_names(&a.title)
                .iter()
                .map(|w| ids.id(&fold(w)))
                .collect();
            for n in &mut nodes {
                if n.topic.is_empty() {
                    n.topic = names.clone();
                }
            }
        }
        // Made compact as the article is done (sets of first-seen numbers,
        // sorted again once renumbered by rank).
        self.nodes.extend(nodes.into_iter().map(|d| {
            Node::new(
                ai as usize,
                d.unit,
                d.value,
                d.mentions,
                d.words,
                d.topic,
                d.heads,
            )
        }));
    }

    /// The nodes, their words renumbered by rank.
    pub(super) fn finish(self) -> Nodes {
        let mut nodes = number_by_rank(self.nodes, self.ids);
        nodes.table = self.table;
        nodes.table.shrink();
        nodes
    }
}

/// One node per (article, unit, value) of `articles` ([`NodeBuilder`]).
#[cfg(test)]
pub(super) fn build_nodes(articles: &[ClaimsInput], canon: &HashMap<String, String>) -> Nodes {
    let mut b = NodeBuilder::default();
    for a in articles {
        b.add(a, canon);
    }
    b.finish()
}

/// The nodes with their words renumbered by rank and their word lists
/// made sets.
fn number_by_rank(mut nodes: Vec<Node>, ids: Strings) -> Nodes {
    let (vocab, rank) = ids.into_vocab();
    for n in &mut nodes {
        n.renumber(&rank);
    }
    nodes.shrink_to_fit();
    Nodes {
        list: nodes,
        vocab,
        table: ClaimTable::default(),
    }
}
