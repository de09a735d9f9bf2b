//! The words of the claims' keys and topics as small numbers: grouping
//! holds every node's key words, topic names and head nouns at once, and
//! as strings in trees they cost about 1.8 KB a node (the peak of a run).
//! Numbered, a node's words are a few bytes each.
//!
//! A [`Word`] is the word's rank in the sorted vocabulary, so numbers
//! compare as the words do and every order built on them (the grouping
//! index, sorted sets) is the order the words would give: grouping visits
//! and links nodes exactly as it would over strings.

use std::collections::HashMap;

/// A word, by its rank in the sorted [`Vocab`].
pub(super) type Word = u32;

/// Every word of a run's nodes, sorted; a [`Word`] indexes it.
#[derive(Debug, Default)]
pub(super) struct Vocab {
    words: Vec<String>,
}

impl Vocab {
    /// The text of `w`.
    pub(super) fn word(&self, w: Word) -> &str {
        self.words.get(w as usize).map_or("", String::as_str)
    }

    /// A vocabulary of `words` (sorted, repeats dropped): for tests.
    #[cfg(test)]
    pub(super) fn of(words: &[&str]) -> Vocab {
        let mut words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        words.sort_unstable();
        words.dedup();
        Vocab { words }
    }

    /// The number of `w` in a vocabulary made by [`Vocab::of`].
    #[cfg(test)]
    pub(super) fn id(&self, w: &str) -> Word {
        self.words.binary_search_by(|x| x.as_str().cmp(w)).unwrap() as Word
    }
}

/// Strings numbered as first seen; a number reads the string back. Truth
/// discovery's table numbers its mentions, units and sources so; grouping
/// numbers its words so while nodes are built, then
/// [`Strings::into_vocab`] gives each its rank.
#[derive(Debug, Default)]
pub(super) struct Strings {
    ids: HashMap<Box<str>, u32>,
    list: Vec<Box<str>>,
}

impl Strings {
    /// The number of `s`, new if not seen before.
    pub(super) fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.list.len() as u32;
        self.ids.insert(s.into(), id);
        self.list.push(s.into());
        id
    }

    /// The string numbered `id` (empty for a number never given).
    pub(super) fn get(&self, id: u32) -> &str {
        self.list.get(id as usize).map_or("", |s| s)
    }

    /// Distinct strings held.
    pub(super) fn len(&self) -> usize {
        self.list.len()
    }

    /// The sorted vocabulary, and the rank of each first-seen number.
    pub(super) fn into_vocab(self) -> (Vocab, Vec<Word>) {
        let mut seen: Vec<(Box<str>, Word)> = self.list.into_iter().zip(0..).collect();
        seen.sort_unstable();
        let mut rank = vec![0; seen.len()];
        for (r, (_, id)) in seen.iter().enumerate() {
            rank[*id as usize] = r as Word;
        }
        let words = seen.into_iter().map(|(w, _)| w.into()).collect();
        (Vocab { words }, rank)
    }
}

/// `v` as a set: sorted, repeats dropped, no spare capacity.
pub(super) fn into_set<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort_unstable();
    v.dedup();
    v.shrink_to_fit();
    v
}

/// Words two sets (sorted, distinct) share.
pub(super) fn shared(a: &[Word], b: &[Word]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// True when two sets (sorted, distinct) share a word.
pub(super) fn meet(a: &[Word], b: &[Word]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// True when the set `a` (sorted) holds `w`.
pub(super) fn holds(a: &[Word], w: Word) -> bool {
    a.binary_search(&w).is_ok()
}

/// Adds the set `b` to the set `a` (both sorted, distinct).
pub(super) fn unite(a: &mut Vec<Word>, b: Vec<Word>) {
    if b.is_empty() {
        return;
    }
    a.extend(b);
    a.sort_unstable();
    a.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_numbered_once_and_read_back() {
        let mut s = Strings::default();
        assert_eq!((s.id("b"), s.id("a"), s.id("b")), (0, 1, 0));
        assert_eq!((s.get(0), s.get(1), s.get(7)), ("b", "a", ""));
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn ranks_follow_the_words_sorted_whatever_order_they_came_in() {
        let mut strings = Strings::default();
        let first: Vec<Word> = ["tool", "fund", "japan", "fund", "USD"]
            .iter()
            .map(|w| strings.id(w))
            .collect();
        assert_eq!(first, [0, 1, 2, 1, 3]);
        let (vocab, rank) = strings.into_vocab();
        let words: Vec<&str> = (0..4).map(|w| vocab.word(w)).collect();
        assert_eq!(words, ["USD", "fund", "japan", "tool"]);
        assert_eq!(rank, [3, 1, 2, 0]);
        assert_eq!(vocab.word(9), "");
    }

    #[test]
    fn sets_share_meet_hold_and_unite() {
        let a = into_set(vec![5, 1, 3, 1]);
        assert_eq!(a, [1, 3, 5]);
        assert_eq!(shared(&a, &[0, 3, 5, 7]), 2);
        assert!(meet(&a, &[4, 5]));
        assert!(!meet(&a, &[0, 2, 4]));
        assert!(!meet(&a, &[]));
        assert!(holds(&a, 3) && !holds(&a, 4));
        let mut b = vec![2, 3];
        unite(&mut b, a);
        assert_eq!(b, [1, 2, 3, 5]);
    }
}
