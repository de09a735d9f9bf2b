//! Jaro-Winkler similarity, exactly as `strsim::jaro_winkler` computes it,
//! without allocating: for ASCII words of at most 64 bytes (nearly every
//! name word) the match flags are two bit masks; anything else goes to
//! strsim.

/// Longest word the bit-mask path takes, in bytes.
const MAX_FAST: usize = 64;

/// `strsim::jaro_winkler(a, b)`, bit for bit.
pub(super) fn jaro_winkler(a: &str, b: &str) -> f64 {
    if !(a.is_ascii() && b.is_ascii() && a.len() <= MAX_FAST && b.len() <= MAX_FAST) {
        return strsim::jaro_winkler(a, b);
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let sim = jaro(a, b);
    if sim > 0.7 {
        let prefix = a.iter().take(4).zip(b).take_while(|(x, y)| x == y).count();
        sim + 0.1 * prefix as f64 * (1.0 - sim)
    } else {
        sim
    }
}

/// Jaro similarity of two byte strings of at most [`MAX_FAST`] bytes, with
/// strsim's search window, matching order and formula.
fn jaro(a: &[u8], b: &[u8]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    } else if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (a_flags, b_flags, matches) = match_flags(a, b);
    if matches == 0 {
        return 0.0;
    }
    let t = transpositions(a, b, a_flags, b_flags) / 2;
    let m = matches as f64;
    ((m / a.len() as f64) + (m / b.len() as f64) + ((matches - t) as f64 / m)) / 3.0
}

/// Step 1: each byte of `a`, in order, takes the first unmatched equal byte
/// of `b` within the window; bit i of each mask marks a matched byte.
fn match_flags(a: &[u8], b: &[u8]) -> (u64, u64, usize) {
    let range = (a.len().max(b.len()) / 2).saturating_sub(1);
    let (mut a_flags, mut b_flags, mut matches) = (0u64, 0u64, 0usize);
    for (i, &x) in a.iter().enumerate() {
        let lo = i.saturating_sub(range);
        let hi = b.len().min(i + range + 1);
        for (j, &y) in b.iter().enumerate().take(hi).skip(lo) {
            if x == y && b_flags & (1 << j) == 0 {
                a_flags |= 1 << i;
                b_flags |= 1 << j;
                matches += 1;
                break;
            }
        }
    }
    (a_flags, b_flags, matches)
}

/// Step 2: the matched bytes of `a` and `b` paired in order (the set bits
/// of both masks, lowest first); the pairs that differ.
fn transpositions(a: &[u8], b: &[u8], mut a_flags: u64, mut b_flags: u64) -> usize {
    let mut differ = 0;
    while a_flags != 0 && b_flags != 0 {
        let (i, j) = (a_flags.trailing_zeros(), b_flags.trailing_zeros());
        differ += usize::from(a[i as usize] != b[j as usize]);
        a_flags &= a_flags - 1;
        b_flags &= b_flags - 1;
    }
    differ
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_and_edges_equal_strsim() {
        for (a, b) in [
            ("", ""),
            ("", "a"),
            ("martha", "marhta"),
            ("dwayne", "duane"),
            ("cheeseburger", "cheese fries"),
            ("sanae", "sanae"),
            ("a", "b"),
            (
                "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl",
                "zabc",
            ),
            ("thé", "the"),
        ] {
            assert_eq!(
                jaro_winkler(a, b).to_bits(),
                strsim::jaro_winkler(a, b).to_bits(),
                "{a} {b}"
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Same bits as strsim on short words over a small alphabet (many
        /// matches and transpositions), long ones and non-ASCII ones.
        #[test]
        fn jaro_winkler_equals_strsim(a in "[a-e ]{0,70}|[a-z]{0,8}|[aé]{0,5}", b in "[a-e ]{0,70}|[a-z]{0,8}|[aé]{0,5}") {
            proptest::prop_assert_eq!(jaro_winkler(&a, &b).to_bits(), strsim::jaro_winkler(&a, &b).to_bits());
        }
    }
}
