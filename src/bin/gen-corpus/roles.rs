//! What the rules say about roles and people: the forms of each role's
//! title, every known name, and misspellings of a name.

use crate::rng::Rng;
use credence::model::Date;
use credence::rules::{Officeholder, Rules};

/// One way to write a role's title with its qualifier, e.g. "Japanese Prime
/// Minister" (built from the rules' jurisdiction terms and titles).
pub(crate) struct RoleInfo {
    pub(crate) forms: Vec<String>,
    pub(crate) terms: Vec<usize>,
    /// Term boundaries (start and end dates) of the role.
    pub(crate) boundaries: Vec<i64>,
}

/// Names of every officeholder and alias, for collision checks.
pub(crate) struct Names {
    pub(crate) all: Vec<String>,
    pub(crate) tokens: Vec<String>,
}

pub(crate) fn role_infos(rules: &Rules) -> Vec<RoleInfo> {
    let mut out = Vec::new();
    for role in &rules.roles {
        let terms: Vec<usize> = rules
            .officeholders
            .iter()
            .enumerate()
            .filter(|(_, o)| o.role == role.role)
            .map(|(i, _)| i)
            .collect();
        if terms.is_empty() {
            continue;
        }
        let jur_terms: Vec<&String> = rules
            .jurisdictions
            .iter()
            .filter(|j| j.name == role.jurisdiction)
            .flat_map(|j| j.terms.iter())
            .collect();
        let mut forms = Vec::new();
        for title in &role.titles {
            // A title that another role shares in the same jurisdiction is
            // ambiguous: skip it. One no other role has at all may stand alone.
            let shared = |same_jur: bool| {
                rules.roles.iter().any(|r| {
                    r.role != role.role
                        && (!same_jur || r.jurisdiction == role.jurisdiction)
                        && r.titles.iter().any(|t| t.eq_ignore_ascii_case(title))
                })
            };
            if shared(true) {
                continue;
            }
            for term in &jur_terms {
                forms.push(format!("{} {title}", qualifier(term)));
            }
            if !shared(false) {
                forms.push(title.clone());
            }
        }
        if forms.is_empty() {
            continue;
        }
        forms.sort();
        forms.dedup();
        let mut boundaries: Vec<i64> = terms
            .iter()
            .flat_map(|&i| {
                let o = &rules.officeholders[i];
                std::iter::once(o.start.to_days()).chain(o.end.map(|e| e.to_days()))
            })
            .collect();
        boundaries.sort_unstable();
        out.push(RoleInfo {
            forms,
            terms,
            boundaries,
        });
    }
    out
}

/// A jurisdiction term as an attribute before a title: demonyms, acronyms
/// and possessives stay as written, other names become possessives.
pub(crate) fn qualifier(term: &str) -> String {
    let t = term.trim();
    let acronym = t
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase());
    if t.ends_with("'s")
        || t.ends_with('\u{2019}')
        || acronym
        || t.ends_with("ese")
        || t.ends_with("an")
        || t.ends_with("ian")
    {
        t.to_string()
    } else if t.ends_with('s') {
        format!("{t}'")
    } else {
        format!("{t}'s")
    }
}

impl Names {
    pub(crate) fn new(rules: &Rules) -> Names {
        let mut all: Vec<String> = rules
            .officeholders
            .iter()
            .flat_map(|o| std::iter::once(o.name.clone()).chain(o.aliases.iter().cloned()))
            .collect();
        all.sort();
        all.dedup();
        let mut tokens: Vec<String> = all
            .iter()
            .flat_map(|n| n.split_whitespace().map(|t| t.to_lowercase()))
            .collect();
        tokens.sort();
        tokens.dedup();
        Names { all, tokens }
    }

    pub(crate) fn is_known(&self, name: &str) -> bool {
        self.all.iter().any(|n| n.eq_ignore_ascii_case(name))
    }

    /// True when an invented name is far from every known name and token.
    pub(crate) fn far_from_all(&self, name: &str) -> bool {
        let lower = name.to_lowercase();
        if self
            .all
            .iter()
            .any(|n| strsim::levenshtein(&n.to_lowercase(), &lower) <= 4)
        {
            return false;
        }
        lower
            .split_whitespace()
            .all(|t| self.tokens.iter().all(|k| strsim::levenshtein(k, t) > 2))
    }
}

/// Makes a 1–2 letter misspelling of `name` that is closer to it than to any
/// other known name, or `None`.
pub(crate) fn misspell(rng: &mut Rng, name: &str, names: &Names) -> Option<String> {
    if !name.is_ascii() {
        return None;
    }
    for _ in 0..20 {
        let mut chars: Vec<char> = name.chars().collect();
        let edits = if rng.chance(0.75) { 1 } else { 2 };
        for _ in 0..edits {
            // Letters that are not the first of a word.
            let spots: Vec<usize> = (1..chars.len())
                .filter(|&i| chars[i].is_ascii_lowercase() && chars[i - 1].is_ascii_alphabetic())
                .collect();
            if spots.is_empty() {
                return None;
            }
            let i = *rng.pick(&spots);
            const VOWELS: &[char] = &['a', 'e', 'i', 'o', 'u'];
            const CONS: &[char] = &['b', 'd', 'g', 'k', 'l', 'm', 'n', 'r', 's', 't', 'z'];
            match rng.below(4) {
                0 => {
                    let pool = if VOWELS.contains(&chars[i]) {
                        VOWELS
                    } else {
                        CONS
                    };
                    let c = *rng.pick(pool);
                    chars[i] = c;
                }
                1 if chars.len() > 6 => {
                    chars.remove(i);
                }
                2 => {
                    let c = chars[i];
                    chars.insert(i, c);
                }
                _ => {
                    if i + 1 < chars.len() && chars[i + 1].is_ascii_lowercase() {
                        chars.swap(i, i + 1);
                    }
                }
            }
        }
        let s: String = chars.into_iter().collect();
        if s == name || names.is_known(&s) {
            continue;
        }
        let d = strsim::levenshtein(&s, name);
        if d == 0 || d > 2 {
            continue;
        }
        let closest = names
            .all
            .iter()
            .filter(|n| n.as_str() != name)
            .all(|n| strsim::levenshtein(&s, n) > d + 1);
        if closest {
            return Some(s);
        }
    }
    None
}

/// The roles a mention on `day` may name: one holder at least serves that
/// day, and no term starts or ends within two days of it.
pub(crate) fn usable_roles(
    roles: &[RoleInfo],
    officeholders: &[Officeholder],
    day: i64,
) -> Vec<usize> {
    let date = Date::from_days(day);
    (0..roles.len())
        .filter(|&r| {
            let ri = &roles[r];
            ri.boundaries.iter().all(|b| (b - day).abs() > 2)
                && ri.terms.iter().any(|&t| officeholders[t].serves_on(date))
        })
        .collect()
}

/// The names a mention of one role on one day can use, each sorted and
/// without repeats.
pub(crate) struct Holders<'r> {
    /// Who holds the role that day.
    pub(crate) current: Vec<&'r str>,
    /// Who held it before and no longer does.
    pub(crate) former: Vec<&'r str>,
    /// Known officeholders who never held it.
    pub(crate) never: Vec<&'r str>,
}

impl<'r> Holders<'r> {
    pub(crate) fn on(role: &RoleInfo, ohs: &'r [Officeholder], day: i64) -> Holders<'r> {
        let date = Date::from_days(day);
        let mut current: Vec<&str> = role
            .terms
            .iter()
            .filter(|&&t| ohs[t].serves_on(date))
            .map(|&t| ohs[t].name.as_str())
            .collect();
        current.sort();
        current.dedup();
        let mut former: Vec<&str> = role
            .terms
            .iter()
            .filter(|&&t| ohs[t].end.is_some_and(|e| e.to_days() <= day))
            .map(|&t| ohs[t].name.as_str())
            .filter(|n| !current.contains(n))
            .collect();
        former.sort();
        former.dedup();
        let mut never: Vec<&str> = ohs
            .iter()
            .map(|o| o.name.as_str())
            .filter(|n| !role.terms.iter().any(|&t| ohs[t].name == *n))
            .collect();
        never.sort();
        never.dedup();
        Holders {
            current,
            former,
            never,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualifiers_read_as_attributes() {
        assert_eq!(qualifier("Japanese"), "Japanese");
        assert_eq!(qualifier("U.S."), "U.S.");
        assert_eq!(qualifier("Acme Corp"), "Acme Corp's");
        assert_eq!(qualifier("Ruritania's"), "Ruritania's");
    }

    #[test]
    fn misspellings_stay_close_to_the_right_name_only() {
        let rules = Rules::parse(
            Some("jurisdiction,terms,note\nx,Xland,\n"),
            Some("role,jurisdiction,titles,holders,note\nx_pm,x,Prime Minister,1,\n"),
            Some("name,aliases,role,start,end,note\nAlexandra Bergmann,,x_pm,2020-01-01,,\nJonas Lind,,x_pm,2010-01-01,2020-01-01,\n"),
            None,
            None,
            None,
        )
        .unwrap();
        let names = Names::new(&rules);
        let mut rng = Rng(7);
        for _ in 0..50 {
            let m = misspell(&mut rng, "Alexandra Bergmann", &names).unwrap();
            let d = strsim::levenshtein(&m, "Alexandra Bergmann");
            assert!((1..=2).contains(&d), "{m}");
            assert!(m.starts_with('A') && m.contains(" B"), "{m}");
        }
        assert!(names.far_from_all("Greta Okafor"));
        assert!(!names.far_from_all("Jonas Lindt"));
    }

    #[test]
    fn holders_are_current_former_and_never() {
        let rules = Rules::parse(
            Some("jurisdiction,terms,note\nx,Xland,\n"),
            Some("role,jurisdiction,titles,holders,note\nx_pm,x,Prime Minister,1,\nx_fm,x,Finance Minister,1,\n"),
            Some("name,aliases,role,start,end,note\nAlexandra Bergmann,,x_pm,2020-01-01,,\nJonas Lind,,x_pm,2010-01-01,2020-01-01,\nMara Voss,,x_fm,2010-01-01,,\n"),
            None,
            None,
            None,
        )
        .unwrap();
        let roles = role_infos(&rules);
        let pm = roles
            .iter()
            .position(|r| r.forms.iter().any(|f| f.contains("Prime")))
            .unwrap();
        let day = Date::new(2022, 6, 1).unwrap().to_days();
        let holders = Holders::on(&roles[pm], &rules.officeholders, day);
        assert_eq!(holders.current, ["Alexandra Bergmann"]);
        assert_eq!(holders.former, ["Jonas Lind"]);
        assert_eq!(holders.never, ["Mara Voss"]);
        assert_eq!(usable_roles(&roles, &rules.officeholders, day).len(), 2);
        let at_handover = Date::new(2020, 1, 2).unwrap().to_days();
        assert_eq!(
            usable_roles(&roles, &rules.officeholders, at_handover).len(),
            1,
            "no mention of a role within two days of a change of holder"
        );
    }
}
