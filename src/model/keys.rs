//! The run's article keys, held once: one string with every key, one
//! after another, and where each ends (8 bytes a key besides its text,
//! instead of a `String` of about 24 bytes plus its own allocation).

/// Keys numbered from 0 (by article id in a run), in one flat text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Keys {
    text: String,
    /// Where key `i` ends in `text` (it starts where key `i - 1` ends).
    ends: Vec<u64>,
}

impl Keys {
    /// No keys (usable in a `static`).
    pub const fn new() -> Keys {
        Keys {
            text: String::new(),
            ends: Vec::new(),
        }
    }

    /// Adds `key` as the next number; returns its number.
    pub fn push(&mut self, key: &str) -> usize {
        self.text.push_str(key);
        self.ends.push(self.text.len() as u64);
        self.ends.len() - 1
    }

    /// Key `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1] as usize,
        };
        Some(&self.text[start..end])
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Every key, in number order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Gives back the room the table grew into.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

impl<S: AsRef<str>> FromIterator<S> for Keys {
    fn from_iter<T: IntoIterator<Item = S>>(iter: T) -> Keys {
        let mut keys = Keys::default();
        for k in iter {
            keys.push(k.as_ref());
        }
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_back_by_number() {
        let given = ["a.txt", "", "dir/ü–é.jsonl#7", "x#L3", ""];
        let keys: Keys = given.iter().collect();
        assert_eq!(keys.len(), 5);
        for (i, k) in given.iter().enumerate() {
            assert_eq!(keys.get(i), Some(*k));
        }
        assert_eq!(keys.get(5), None);
        assert_eq!(keys.iter().collect::<Vec<_>>(), given);
        assert_eq!(Keys::default().get(0), None);
    }

    #[test]
    fn push_numbers_in_order_and_many_keys_stay_apart() {
        let mut keys = Keys::default();
        for i in 0..100_000 {
            assert_eq!(keys.push(&format!("k{i}")), i);
        }
        keys.shrink_to_fit();
        assert_eq!(keys.get(0), Some("k0"));
        assert_eq!(keys.get(99_999), Some("k99999"));
        assert_eq!(keys.get(12_345), Some("k12345"));
    }
}
