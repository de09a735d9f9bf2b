//! Questions the check asks of the [`NameIndex`]: who a written name is,
//! who held a role on a date, and how to describe them.

use super::fold::{
    compact_native, fold_token, lower_words, name_similarity, shortened_match, similarity_bound,
};
use super::index::{style_word_counts, KeyKind, NameIndex, Variant};
use super::RESEMBLE_JW;
use crate::model::Date;
use std::collections::BTreeSet;

impl NameIndex {
    /// Known persons a written name (as tokens) stands for, with how.
    pub(super) fn identify(&self, raw: &[&str]) -> Vec<(usize, Variant)> {
        let folded: Vec<String> = raw
            .iter()
            .map(|t| fold_token(t))
            .filter(|t| !t.is_empty())
            .collect();
        if folded.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<(usize, Variant)> = Vec::new();
        let lower = lower_words(&raw.join(" "));
        if let Some(v) = self.by_key.get(&folded.concat()) {
            for &(pid, kind) in v {
                let var = match kind {
                    KeyKind::Name if self.persons[pid].lower == lower => Variant::Standard,
                    KeyKind::Name => Variant::Spelling,
                    KeyKind::NameReversed | KeyKind::AliasReversed => Variant::Order,
                    KeyKind::Alias => Variant::Alias,
                };
                out.push((pid, var));
            }
        }
        if !out.is_empty() {
            return out;
        }
        if folded.len() == 1 {
            if let Some(v) = self.by_token.get(&folded[0]) {
                out.extend(v.iter().map(|&p| (p, Variant::Surname)));
            }
            return out;
        }
        // Middle initials added ("Donald J. Trump").
        let no_init: Vec<&String> = folded.iter().filter(|t| t.chars().count() > 1).collect();
        if no_init.len() >= 2 && no_init.len() < folded.len() {
            let key: String = no_init.iter().map(|s| s.as_str()).collect();
            if let Some(v) = self.by_key.get(&key) {
                out.extend(v.iter().map(|&(p, _)| (p, Variant::Initials)));
                return out;
            }
        }
        if let Some(styled) = self.after_style_words(&folded) {
            return styled;
        }
        // Shortened or initialled given name ("Akazawa Ryo", "S. Takaichi").
        let mut cands: BTreeSet<usize> = BTreeSet::new();
        for t in &folded {
            if let Some(v) = self.by_token.get(t) {
                cands.extend(v.iter().copied());
            }
        }
        for pid in cands {
            if self.persons[pid]
                .forms
                .iter()
                .any(|f| shortened_match(&folded, f))
            {
                out.push((pid, Variant::Shortened));
            }
        }
        out
    }

    /// A known name or alias of two words or more after one or two
    /// leading words ([`style_word_counts`]): a style or honorific the
    /// press writes before names ("Datuk Seri Åsa Lindqvist", "Chief
    /// Olav Brekke"), in whatever country; `None` when no such tail is
    /// known.
    fn after_style_words(&self, folded: &[String]) -> Option<Vec<(usize, Variant)>> {
        style_word_counts(folded.len()).find_map(|k| {
            let v = self.by_key.get(&folded[k..].concat())?;
            Some(v.iter().map(|&(p, _)| (p, Variant::Styled)).collect())
        })
    }

    /// The person whose native-script alias the bracketed name matches:
    /// (person, exact). A partial match needs >= 2 characters, one name
    /// containing the other, and a unique best person.
    pub(super) fn native_match(&self, native: &str) -> Option<(usize, bool)> {
        let c = compact_native(native);
        if c.chars().count() < 2 {
            return None;
        }
        if let Some(&p) = self.by_native.get(&c) {
            return Some((p, true));
        }
        let n = c.chars().count();
        let mut best: Option<(usize, usize)> = None; // (overlap, pid)
        let mut tie = false;
        for (pid, p) in self.persons.iter().enumerate() {
            for a in &p.native {
                let an = a.chars().count();
                let overlap = if a.contains(c.as_str()) {
                    n
                } else if c.contains(a.as_str()) {
                    an
                } else {
                    0
                };
                if overlap < 2 || overlap * 3 < n.max(an) * 2 {
                    continue;
                }
                match best {
                    Some((o, bp)) if o > overlap || (o == overlap && bp == pid) => {}
                    Some((o, _)) if o == overlap => tie = true,
                    _ => {
                        best = Some((overlap, pid));
                        tie = false;
                    }
                }
            }
        }
        match best {
            Some((_, p)) if !tie => Some((p, false)),
            _ => None,
        }
    }

    /// Best similarity ([`name_similarity`]) of a folded name against a
    /// person's forms.
    pub(super) fn similarity(&self, folded: &[String], pid: usize) -> f64 {
        self.persons[pid]
            .forms
            .iter()
            .map(|f| name_similarity(folded, f))
            .fold(0.0, f64::max)
    }

    /// Whether [`Self::similarity`] reaches `threshold`: a form whose word
    /// lengths alone keep it below ([`similarity_bound`]) is not measured.
    pub(super) fn similar_at_least(&self, folded: &[String], pid: usize, threshold: f64) -> bool {
        self.persons[pid].forms.iter().any(|f| {
            similarity_bound(folded, f) >= threshold && name_similarity(folded, f) >= threshold
        })
    }

    /// Best Jaro-Winkler similarity of one written word against the first
    /// and last words of a person's forms (a surname written alone,
    /// "Latnick"); 0 for words under four letters, too short to tell.
    pub(super) fn surname_similarity(&self, word: &str, pid: usize) -> f64 {
        if word.chars().count() < 4 {
            return 0.0;
        }
        self.persons[pid]
            .forms
            .iter()
            .filter(|f| f.len() > 1)
            .flat_map(|f| [f.first(), f.last()])
            .flatten()
            .map(|w| super::jaro::jaro_winkler(word, w))
            .fold(0.0, f64::max)
    }

    pub(super) fn held(&self, pid: usize, role: usize) -> Vec<usize> {
        self.persons[pid]
            .terms
            .iter()
            .copied()
            .filter(|&t| self.terms[t].role == role)
            .collect()
    }

    pub(super) fn holders_on(&self, role: usize, d: Date) -> Vec<usize> {
        self.roles[role]
            .terms
            .iter()
            .copied()
            .filter(|&t| self.terms[t].serves_on(d))
            .collect()
    }

    pub(super) fn names_of(&self, terms: &[usize]) -> String {
        let mut names: Vec<&str> = Vec::new();
        for &t in terms {
            let n = self.persons[self.terms[t].person].name.as_str();
            if !names.contains(&n) {
                names.push(n);
            }
        }
        names.join("; ")
    }

    /// Of several candidate roles, the one the person held: the one held on
    /// `d`, else the most recent.
    pub(super) fn pick_role(&self, pid: usize, roles: &[usize], d: Date) -> Option<usize> {
        let terms: Vec<usize> = self.persons[pid]
            .terms
            .iter()
            .copied()
            .filter(|&t| roles.contains(&self.terms[t].role))
            .collect();
        terms
            .iter()
            .find(|&&t| self.terms[t].serves_on(d))
            .or(terms.last())
            .map(|&t| self.terms[t].role)
    }

    /// The known person a name most resembles (for the wrong_officeholder
    /// message): sharing a word of >= 3 letters or similar overall; people
    /// who held `role` first.
    pub(super) fn resembles(&self, folded: &[String], role: usize) -> Option<usize> {
        let mut best: Option<((bool, bool, f64), usize)> = None;
        for pid in 0..self.persons.len() {
            let p = &self.persons[pid];
            let shared = folded
                .iter()
                .any(|t| t.chars().count() >= 3 && p.forms.iter().any(|f| f.contains(t)));
            // Measured only when it could decide or rank.
            if !shared && !self.similar_at_least(folded, pid, RESEMBLE_JW) {
                continue;
            }
            let jw = self.similarity(folded, pid);
            let held = p.terms.iter().any(|&t| self.terms[t].role == role);
            let key = (held, shared, jw);
            if best.as_ref().is_none_or(|(k, _)| {
                (key.0, key.1)
                    .cmp(&(k.0, k.1))
                    .then(key.2.total_cmp(&k.2))
                    .is_gt()
            }) {
                best = Some((key, pid));
            }
        }
        best.map(|(_, p)| p)
    }

    /// "Yoshihide Suga, Prime Minister 2020-09-16 to 2021-10-04", and the
    /// line of the term described.
    pub(super) fn describe_person(&self, pid: usize, role: usize) -> (String, Option<u32>) {
        let p = &self.persons[pid];
        let t = self
            .held(pid, role)
            .last()
            .copied()
            .or(p.terms.last().copied());
        match t {
            Some(t) => {
                let term = &self.terms[t];
                (
                    format!(
                        "{}, {} {}",
                        p.name,
                        self.roles[term.role].label,
                        term.span()
                    ),
                    Some(term.line),
                )
            }
            None => (p.name.clone(), None),
        }
    }

    pub(super) fn roles_held(&self, pid: usize) -> String {
        self.persons[pid]
            .terms
            .iter()
            .map(|&t| {
                let term = &self.terms[t];
                let r = &self.roles[term.role];
                format!("{} ({}) {}", r.label, self.jurs[r.jur], term.span())
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}
