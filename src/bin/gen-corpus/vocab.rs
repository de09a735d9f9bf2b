//! The vocabulary: the word lists filtered against the rules (no role title
//! or jurisdiction word in generic prose), and sentence templates filled
//! from them.

use crate::rng::Rng;
use crate::stories::Topic;
use crate::words::*;
use credence::rules::Rules;
use std::collections::BTreeMap;

/// Words from the rules that must not appear in generic prose: role titles
/// (case-insensitive) and jurisdiction terms (as written).
pub(crate) struct Forbidden {
    pub(crate) titles: Vec<String>,
    pub(crate) terms: Vec<String>,
}

impl Forbidden {
    pub(crate) fn new(rules: &Rules) -> Forbidden {
        Forbidden {
            titles: rules
                .roles
                .iter()
                .flat_map(|r| r.titles.iter().map(|t| t.to_lowercase()))
                .collect(),
            terms: rules
                .jurisdictions
                .iter()
                .flat_map(|j| j.terms.iter().cloned())
                .collect(),
        }
    }

    /// True when `text` contains a title or term as a whole word (a plural
    /// `s` still counts as the word).
    pub(crate) fn hits(&self, text: &str) -> bool {
        let lower = text.to_lowercase();
        self.titles.iter().any(|t| has_word(&lower, t))
            || self.terms.iter().any(|t| has_word(text, t))
    }

    pub(crate) fn clean<'a>(&self, list: &[&'a str]) -> Vec<&'a str> {
        list.iter().copied().filter(|w| !self.hits(w)).collect()
    }
}

pub(crate) fn has_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let b = hay.as_bytes();
    let mut from = 0;
    while let Some(pos) = hay[from..].find(needle) {
        let at = from + pos;
        let end = at + needle.len();
        let before = at == 0 || !b[at - 1].is_ascii_alphanumeric();
        let after = end >= b.len()
            || !b[end].is_ascii_alphanumeric()
            || (b[end] == b's' && (end + 1 >= b.len() || !b[end + 1].is_ascii_alphanumeric()));
        if before && after {
            return true;
        }
        from = at + needle.len().max(1);
        while from < hay.len() && !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

/// The filtered word lists.
pub(crate) struct Vocab {
    pub(crate) lists: BTreeMap<&'static str, Vec<&'static str>>,
    pub(crate) prose: Vec<&'static str>,
    pub(crate) mention: Vec<&'static str>,
    pub(crate) fact_any: Vec<&'static str>,
    pub(crate) fact_money: Vec<&'static str>,
    pub(crate) city: Vec<&'static str>,
    pub(crate) place_a: Vec<&'static str>,
    pub(crate) place_b: Vec<&'static str>,
    pub(crate) project_sector: Vec<&'static str>,
    pub(crate) project: Vec<&'static str>,
    pub(crate) anaphor: Vec<&'static str>,
    pub(crate) fact_noun: Vec<&'static str>,
    pub(crate) tails: Vec<&'static str>,
    pub(crate) first: Vec<&'static str>,
    pub(crate) last: Vec<&'static str>,
    pub(crate) outlet_a: Vec<&'static str>,
    pub(crate) outlet_b: Vec<&'static str>,
    pub(crate) beat: Vec<&'static str>,
    pub(crate) promo: Vec<&'static str>,
    pub(crate) bio: Vec<&'static str>,
}

impl Vocab {
    pub(crate) fn new(f: &Forbidden) -> Result<Vocab, String> {
        let mut lists = BTreeMap::new();
        for (k, l) in [
            ("group", GROUPS),
            ("one", GROUP_ONE),
            ("said", SAID),
            ("verb", VERB),
            ("pp", PAST_PART),
            ("past", PAST),
            ("vi", VERB_I),
            ("modal", MODAL),
            ("object", OBJECT),
            ("concern", CONCERN),
            ("abstract", ABSTRACT),
            ("desc", DESC),
            ("when", WHEN),
            ("whenpast", WHEN_PAST),
            ("Conn", CONNECTIVE),
            ("adv", ADVERB),
            ("city", CITY),
            ("sector", SECTOR),
        ] {
            let c = f.clean(l);
            if c.is_empty() {
                return Err(format!("every word of list {k} clashes with the rules"));
            }
            lists.insert(k, c);
        }
        let need = |name: &str, l: &[&'static str]| -> Result<Vec<&'static str>, String> {
            let c = f.clean(l);
            if c.is_empty() {
                Err(format!("every entry of {name} clashes with the rules"))
            } else {
                Ok(c)
            }
        };
        Ok(Vocab {
            lists,
            prose: need("PROSE", PROSE)?,
            mention: need("MENTION", MENTION)?,
            fact_any: need("FACT_ANY", FACT_ANY)?,
            fact_money: need("FACT_MONEY", FACT_MONEY)?,
            city: need("CITY", CITY)?,
            place_a: need("PLACE_A", PLACE_A)?,
            place_b: need("PLACE_B", PLACE_B)?,
            project_sector: need("PROJECT_SECTOR", PROJECT_SECTOR)?,
            project: need("PROJECT", PROJECT)?,
            anaphor: need("ANAPHOR", ANAPHOR)?,
            fact_noun: need("FACT_NOUN", FACT_NOUN)?,
            tails: need("HEADLINE_TAIL", HEADLINE_TAIL)?,
            first: need("FIRST", FIRST)?,
            last: need("LAST", LAST)?,
            outlet_a: need("OUTLET_A", OUTLET_A)?,
            outlet_b: need("OUTLET_B", OUTLET_B)?,
            beat: need("BEAT", BEAT)?,
            promo: need("PROMO", PROMO)?,
            bio: need("BIO", BIO)?,
        })
    }
}

/// Fills a sentence template. `extra` gives story- or mention-specific slots.
pub(crate) fn fill(
    rng: &mut Rng,
    v: &Vocab,
    template: &str,
    topic: &Topic,
    extra: &[(&str, &str)],
) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let slot = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        if let Some((_, val)) = extra.iter().find(|(k, _)| *k == slot) {
            out.push_str(val);
            continue;
        }
        match slot {
            "topic" => {
                if rng.chance(0.2) {
                    out.push_str(&topic.subject);
                } else {
                    out.push_str(rng.w(&v.anaphor));
                }
            }
            "Group" => out.push_str(&capitalize(rng.w(&v.lists["group"]))),
            "object2" => out.push_str(rng.w(&v.lists["object"])),
            s => match v.lists.get(s) {
                Some(l) => out.push_str(rng.w(l)),
                None => {
                    out.push('{');
                    out.push_str(s);
                    out.push('}');
                }
            },
        }
    }
    out.push_str(rest);
    capitalize(&out)
}

pub(crate) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_words_match_whole_words_and_plurals() {
        assert!(has_word("the premier said", "premier"));
        assert!(has_word("two presidents met", "president"));
        assert!(!has_word("development", "pm"));
        assert!(!has_word("premiership", "premier"));
    }
}
