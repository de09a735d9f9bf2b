//! The [`NameIndex`]: one automaton over every normalised title and
//! jurisdiction term, and the people and terms of the officeholder table,
//! built once from the rules.

use super::fold::{compact_native, fold_token, is_native, lower_words};
use super::normalise::normalise_str;
use crate::model::Date;
use crate::rules::Rules;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// One normalised pattern of the automaton: a title, a jurisdiction term, or both.
#[derive(Debug, Default, Clone)]
pub(super) struct Pattern {
    /// Roles with this title (indexes into `NameIndex::roles`).
    pub(super) roles: Vec<usize>,
    /// Jurisdictions this is a term of.
    pub(super) jurs: Vec<usize>,
    /// Written in capitals in the rules ("PM", "US"): the text must be too.
    pub(super) acronym: bool,
    /// Starts / ends with a letter of a script without spaces (CJK): no
    /// word-boundary check on that side.
    pub(super) open_start: bool,
    pub(super) open_end: bool,
    /// Jurisdictions whose term stands inside this title ("European
    /// Commission President"): the title qualifies itself.
    pub(super) own_jurs: Vec<usize>,
    /// A title many countries use ([`is_generic_title`]).
    pub(super) generic: bool,
    /// Written in the rules with a closing period, an abbreviation
    /// ("Finance Sec."): the text's period after it belongs to the title.
    pub(super) abbreviation: bool,
}

#[derive(Debug, Clone)]
pub(super) struct RoleInfo {
    /// The role id in roles.csv.
    pub(super) id: String,
    pub(super) jur: usize,
    /// The first title, used in messages.
    pub(super) label: String,
    /// Terms of this role (indexes into `NameIndex::terms`), by start date.
    pub(super) terms: Vec<usize>,
}

#[derive(Debug, Clone)]
pub(super) struct Term {
    pub(super) person: usize,
    pub(super) role: usize,
    pub(super) start: Date,
    pub(super) end: Option<Date>,
    pub(super) line: u32,
}

impl Term {
    pub(super) fn serves_on(&self, d: Date) -> bool {
        self.start <= d && self.end.is_none_or(|e| d < e)
    }
    pub(super) fn span(&self) -> String {
        match self.end {
            Some(e) => format!("{} to {}", self.start, e),
            None => format!("since {}", self.start),
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct Person {
    pub(super) name: String,
    /// The name lowercased, whitespace collapsed: the standard spelling.
    pub(super) lower: String,
    /// Folded token forms: the name, its Latin aliases, and their reversals.
    pub(super) forms: Vec<Vec<String>>,
    /// Native-script aliases, compacted.
    pub(super) native: Vec<String>,
    /// Terms (indexes into `NameIndex::terms`), by start date.
    pub(super) terms: Vec<usize>,
}

/// Most words a style or honorific before a name may have ("Tan Sri",
/// "Datuk Seri").
const MAX_STYLE_WORDS: usize = 2;

/// How many leading words of a written name of `words` words may be a
/// style or honorific ("Datuk Seri Åsa Lindqvist"): one to
/// [`MAX_STYLE_WORDS`], leaving a name of two words or more.
pub(super) fn style_word_counts(words: usize) -> std::ops::RangeInclusive<usize> {
    1..=words.saturating_sub(2).min(MAX_STYLE_WORDS)
}

/// How a written name relates to a known person's standard spelling.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Variant {
    Standard,
    Spelling,
    Order,
    Alias,
    Shortened,
    Initials,
    /// Words before a known name: a style or honorific ("Datuk Seri",
    /// "Chief", "Tan Sri") the press puts before it.
    Styled,
    Surname,
}

impl Variant {
    pub(super) fn describe(self) -> &'static str {
        match self {
            Variant::Standard => "standard spelling",
            Variant::Spelling => "missing diacritics or different hyphenation",
            Variant::Order => "family-name-first order",
            Variant::Alias => "listed alias",
            Variant::Shortened => "shortened or initialled given name",
            Variant::Initials => "added initials",
            Variant::Styled => "a style or honorific before the name",
            Variant::Surname => "surname only",
        }
    }
}

/// Which form of a person a folded key came from.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(super) enum KeyKind {
    Name,
    NameReversed,
    Alias,
    AliasReversed,
}

/// Everything about the rules the per-article check needs, built once.
#[derive(Debug, Default)]
pub struct NameIndex {
    pub(super) ac: Option<AhoCorasick>,
    pub(super) patterns: Vec<Pattern>,
    /// The normalised jurisdiction terms.
    pub(super) term_keys: HashSet<String>,
    pub(super) roles: Vec<RoleInfo>,
    pub(super) jurs: Vec<String>,
    pub(super) persons: Vec<Person>,
    pub(super) terms: Vec<Term>,
    /// Compact folded name (tokens concatenated) -> persons.
    pub(super) by_key: HashMap<String, Vec<(usize, KeyKind)>>,
    /// Folded first/last token of every Latin form -> persons.
    pub(super) by_token: HashMap<String, Vec<usize>>,
    /// Compact native-script alias -> person.
    pub(super) by_native: HashMap<String, usize>,
    /// Head nouns of the titles ("minister", "secretary", "representative"),
    /// folded: never a word of a person's name.
    pub(super) title_heads: HashSet<String>,
}

impl NameIndex {
    /// Builds the automaton and lookup tables from the rules:
    /// 1. `NameIndex::add_jurisdictions_and_roles`: numbers jurisdictions
    ///    and the roles of known jurisdictions;
    /// 2. `PatternTable`: every normalised title and term, one automaton;
    /// 3. `NameIndex::add_officeholders`: people, their spellings and terms;
    /// 4. `NameIndex::sort_terms`: each role's and person's terms by date.
    pub fn new(rules: &Rules) -> NameIndex {
        let mut ix = NameIndex::default();
        let (jur_ix, role_ix) = ix.add_jurisdictions_and_roles(rules);
        let mut patterns = PatternTable::default();
        for j in &rules.jurisdictions {
            let ji = jur_ix.get(j.name.as_str()).copied();
            for t in &j.terms {
                patterns.add(t, None, ji);
            }
        }
        for r in &rules.roles {
            let ri = role_ix.get(r.role.as_str()).copied();
            if ri.is_none() {
                continue;
            }
            for t in &r.titles {
                patterns.add(t, ri, None);
                ix.title_heads.extend(title_head(&normalise_str(t)));
            }
        }
        patterns.add_variants(rules, &role_ix);
        ix.term_keys = patterns
            .0
            .iter()
            .filter(|(_, p)| !p.jurs.is_empty())
            .map(|(k, _)| k.clone())
            .collect();
        (ix.ac, ix.patterns) = patterns.build();
        ix.add_officeholders(rules, &role_ix);
        ix.sort_terms();
        ix
    }

    /// Numbers the jurisdictions and the roles whose jurisdiction is known;
    /// returns name -> number for both.
    fn add_jurisdictions_and_roles<'r>(
        &mut self,
        rules: &'r Rules,
    ) -> (HashMap<&'r str, usize>, HashMap<&'r str, usize>) {
        let mut jur_ix: HashMap<&str, usize> = HashMap::new();
        for j in &rules.jurisdictions {
            jur_ix.insert(j.name.as_str(), self.jurs.len());
            self.jurs.push(j.name.clone());
        }
        let mut role_ix: HashMap<&str, usize> = HashMap::new();
        for r in &rules.roles {
            let Some(&jur) = jur_ix.get(r.jurisdiction.as_str()) else {
                continue;
            };
            role_ix.insert(r.role.as_str(), self.roles.len());
            self.roles.push(RoleInfo {
                id: r.role.clone(),
                jur,
                label: r.titles.first().cloned().unwrap_or_else(|| r.role.clone()),
                terms: Vec::new(),
            });
        }
        (jur_ix, role_ix)
    }

    /// Adds one person per distinct officeholder name (with its Latin
    /// spellings and native-script aliases) and one term per row whose role
    /// is known.
    fn add_officeholders(&mut self, rules: &Rules, role_ix: &HashMap<&str, usize>) {
        let mut person_ix: BTreeMap<&str, usize> = BTreeMap::new();
        for o in &rules.officeholders {
            let Some(&role) = role_ix.get(o.role.as_str()) else {
                continue;
            };
            let pid = match person_ix.get(o.name.as_str()) {
                Some(&p) => p,
                None => {
                    let p = self.persons.len();
                    person_ix.insert(o.name.as_str(), p);
                    self.persons.push(Person {
                        name: o.name.clone(),
                        lower: lower_words(&o.name),
                        forms: Vec::new(),
                        native: Vec::new(),
                        terms: Vec::new(),
                    });
                    self.add_form(p, &o.name, true);
                    p
                }
            };
            for a in &o.aliases {
                if is_native(a) {
                    let c = compact_native(a);
                    if !c.is_empty() && !self.persons[pid].native.contains(&c) {
                        self.by_native.entry(c.clone()).or_insert(pid);
                        self.persons[pid].native.push(c);
                    }
                } else {
                    self.add_form(pid, a, false);
                }
            }
            let t = self.terms.len();
            self.terms.push(Term {
                person: pid,
                role,
                start: o.start,
                end: o.end,
                line: o.line,
            });
            self.persons[pid].terms.push(t);
            self.roles[role].terms.push(t);
        }
    }

    /// Orders each role's and each person's terms by (start, line).
    fn sort_terms(&mut self) {
        let terms = &self.terms;
        for r in &mut self.roles {
            r.terms.sort_by_key(|&t| (terms[t].start, terms[t].line));
        }
        for p in &mut self.persons {
            p.terms.sort_by_key(|&t| (terms[t].start, terms[t].line));
        }
    }

    /// Registers one Latin spelling of a person (and its reversal).
    fn add_form(&mut self, pid: usize, raw: &str, is_name: bool) {
        let toks: Vec<String> = raw
            .split_whitespace()
            .map(fold_token)
            .filter(|t| !t.is_empty())
            .collect();
        if toks.is_empty() {
            return;
        }
        let mut rev = toks.clone();
        rev.reverse();
        let (k1, k2) = if is_name {
            (KeyKind::Name, KeyKind::NameReversed)
        } else {
            (KeyKind::Alias, KeyKind::AliasReversed)
        };
        let mut put = |key: String, kind: KeyKind| {
            let v = self.by_key.entry(key).or_default();
            if !v.iter().any(|&(p, _)| p == pid) {
                v.push((pid, kind));
            }
        };
        put(toks.concat(), k1);
        if toks.len() > 1 {
            put(rev.concat(), k2);
        }
        for t in [toks.first(), toks.last()].into_iter().flatten() {
            let v = self.by_token.entry(t.clone()).or_default();
            if !v.contains(&pid) {
                v.push(pid);
            }
        }
        let p = &mut self.persons[pid];
        if !p.forms.contains(&toks) {
            p.forms.push(toks);
        }
        if rev.len() > 1 && !p.forms.contains(&rev) {
            p.forms.push(rev);
        }
    }
}

/// The head noun of a normalised title: the word before "of" or "for"
/// ("minister of finance"), else the last word ("finance minister").
fn title_head(title: &str) -> Option<String> {
    let words: Vec<&str> = title.split(' ').collect();
    let cut = words
        .iter()
        .position(|w| matches!(*w, "of" | "for"))
        .unwrap_or(words.len());
    let head = words[..cut].last()?;
    (head.chars().count() > 2).then(|| fold_token(head))
}

/// Office nouns many countries use.
const GENERIC_HEADS: &[&str] = &[
    "minister",
    "secretary",
    "president",
    "premier",
    "chancellor",
    "governor",
    "mayor",
    "pm",
    "leader",
];

/// Portfolio words many countries' titles share.
#[rustfmt::skip]
const GENERIC_PORTFOLIOS: &[&str] = &[
    "prime", "foreign", "affairs", "finance", "financial", "defence", "defense", "interior",
    "home", "trade", "economy", "economic", "justice", "health", "education", "state", "federal",
    "of", "for", "the", "and", "vice", "deputy",
];

/// True for a title many countries use ("Prime Minister", "Foreign
/// Minister", "Minister of Finance", "President"): an office noun and
/// common portfolio words only. Such a title, even when only one
/// jurisdiction in the tables has it, needs the article to name that
/// jurisdiction before an unknown name under it is called wrong; a
/// specific title ("Chancellor of the Exchequer", "Treasurer", "Commerce
/// Secretary") does not. English only, like the function-word lists.
pub(super) fn is_generic_title(title: &str) -> bool {
    let Some(head) = title_head(title) else {
        return true;
    };
    GENERIC_HEADS.contains(&head.as_str())
        && title
            .split(' ')
            .all(|w| w == head || GENERIC_PORTFOLIOS.contains(&w))
}

/// Portfolio words the press writes two ways (noun and adjective, or two
/// spellings); a title's variants use both. English only, like the
/// function-word lists.
const PORTFOLIO_FORMS: &[(&str, &str)] = &[
    ("economy", "economic"),
    ("defence", "defense"),
    ("labour", "labor"),
    ("foreign affairs", "foreign"),
    ("home affairs", "home"),
];

/// Other ways the press writes a title, by a small grammar over the title
/// as written in roles.csv (normalised): "X minister" ↔ "minister of X" ↔
/// "minister for X" (and "minister of state for X"); "X secretary" ↔
/// "secretary of X" ↔ "secretary for X"; with X in each form of
/// [`PORTFOLIO_FORMS`] ("economy minister" → "economic minister"), and
/// each part of a two-part portfolio ("business and trade secretary" →
/// "business secretary", "trade secretary").
pub(super) fn title_variants(title: &str) -> Vec<String> {
    let mut portfolios: Vec<(String, &str)> = Vec::new();
    for head in ["minister", "secretary"] {
        if let Some(x) = title.strip_suffix(&format!(" {head}")) {
            portfolios.push((x.to_string(), head));
        }
        for prep in ["of", "for", "of state for"] {
            if let Some(x) = title.strip_prefix(&format!("{head} {prep} ")) {
                let x = x.strip_prefix("the ").unwrap_or(x);
                portfolios.push((x.to_string(), head));
            }
        }
    }
    // "Business and Trade Secretary" is also written "Business Secretary"
    // and "Trade Secretary": each part of a two-part portfolio.
    let parts: Vec<(String, &str)> = portfolios
        .iter()
        .filter_map(|(x, head)| {
            let (a, b) = x.split_once(" and ")?;
            let short = |p: &str| !p.is_empty() && p.split(' ').count() <= 2;
            (short(a) && short(b) && !b.contains(" and "))
                .then(|| [(a.to_string(), *head), (b.to_string(), *head)])
        })
        .flatten()
        .collect();
    portfolios.extend(parts);
    let mut out = BTreeSet::new();
    for (x, head) in portfolios {
        if x.is_empty() || x.split(' ').count() > 4 {
            continue;
        }
        let mut forms = vec![x.clone()];
        for (a, b) in PORTFOLIO_FORMS {
            for (from, to) in [(a, b), (b, a)] {
                if x == *from {
                    forms.push(to.to_string());
                } else if let Some(rest) = x.strip_prefix(&format!("{from} ")) {
                    forms.push(format!("{to} {rest}"));
                }
            }
        }
        for form in forms {
            out.insert(format!("{form} {head}"));
            out.insert(format!("{head} of {form}"));
            out.insert(format!("{head} for {form}"));
            if head == "minister" {
                out.insert(format!("minister of state for {form}"));
            }
        }
    }
    out.remove(title);
    out.into_iter().collect()
}

/// The automaton's patterns being collected: normalised title / term ->
/// entry (a BTreeMap, so pattern ids are stable).
#[derive(Default)]
struct PatternTable(BTreeMap<String, Pattern>);

impl PatternTable {
    /// Adds each role title's [`title_variants`] that no rules title or term
    /// already spells: explicit titles always win; two roles deriving the
    /// same variant share it, as they would share a written title.
    fn add_variants(&mut self, rules: &Rules, role_ix: &HashMap<&str, usize>) {
        let explicit: HashSet<String> = self.0.keys().cloned().collect();
        for r in &rules.roles {
            let Some(&ri) = role_ix.get(r.role.as_str()) else {
                continue;
            };
            for t in &r.titles {
                if is_acronym(t) {
                    continue;
                }
                for v in title_variants(&normalise_str(t)) {
                    if !explicit.contains(&v) {
                        self.add(&v, Some(ri), None);
                    }
                }
            }
        }
    }

    /// Marks each pattern's [`Pattern::own_jurs`]: the jurisdictions whose
    /// terms stand inside it as whole words.
    fn mark_own_jurisdictions(&mut self) {
        let terms: Vec<(String, Vec<usize>)> = self
            .0
            .iter()
            .filter(|(_, p)| !p.jurs.is_empty())
            .map(|(k, p)| (format!(" {k} "), p.jurs.clone()))
            .collect();
        for (key, p) in self.0.iter_mut() {
            if p.roles.is_empty() {
                continue;
            }
            let spaced = format!(" {key} ");
            for (term, jurs) in &terms {
                if term != &spaced && spaced.contains(term.as_str()) {
                    for &j in jurs {
                        if !p.own_jurs.contains(&j) {
                            p.own_jurs.push(j);
                        }
                    }
                }
            }
        }
    }

    /// Adds a title (of `role`) or a term (of `jur`); spellings that
    /// normalise alike share an entry, an acronym only if all are.
    fn add(&mut self, raw: &str, role: Option<usize>, jur: Option<usize>) {
        let n = normalise_str(raw);
        if n.is_empty() {
            return;
        }
        let acronym = is_acronym(raw);
        let fresh = !self.0.contains_key(&n);
        let p = self.0.entry(n.clone()).or_default();
        p.acronym = if fresh { acronym } else { p.acronym && acronym };
        p.open_start = n.chars().next().is_some_and(is_unspaced_script);
        p.open_end = n.chars().last().is_some_and(is_unspaced_script);
        p.abbreviation |= role.is_some() && raw.trim_end().ends_with('.');
        if let Some(r) = role {
            if !p.roles.contains(&r) {
                p.roles.push(r);
            }
        }
        if let Some(j) = jur {
            if !p.jurs.contains(&j) {
                p.jurs.push(j);
            }
        }
    }

    /// The leftmost-longest automaton (none without patterns) and the
    /// patterns in automaton order.
    fn build(mut self) -> (Option<AhoCorasick>, Vec<Pattern>) {
        self.mark_own_jurisdictions();
        for (key, p) in self.0.iter_mut() {
            p.generic = is_generic_title(key);
        }
        let keys: Vec<String> = self.0.keys().cloned().collect();
        let patterns = self.0.into_values().collect();
        let mut automaton = None;
        if !keys.is_empty() {
            // A DFA: the same matches as the default NFA (the match kind
            // decides them), one table lookup per byte of every paragraph.
            automaton = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&keys)
                .ok();
        }
        (automaton, patterns)
    }
}

/// True for a title or term written all in capitals ("PM", "U.S.").
fn is_acronym(raw: &str) -> bool {
    let letters: Vec<char> = raw.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// Letters of scripts written without spaces between words.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xAC00..=0xD7AF | 0x0E00..=0x0E7F | 0x20000..=0x2FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::fixture::{J, O, R};

    #[test]
    fn a_style_leaves_a_name_of_two_words_or_more() {
        let counts = |n: usize| style_word_counts(n).collect::<Vec<_>>();
        assert!(counts(0).is_empty() && counts(2).is_empty());
        assert_eq!(counts(3), [1]);
        assert_eq!(counts(4), [1, 2]);
        assert_eq!(counts(6), [1, 2]);
    }

    fn rules() -> Rules {
        Rules::parse(Some(J), Some(R), Some(O), None, None, None).unwrap()
    }

    #[test]
    fn pattern_table_merges_spellings_that_normalise_alike() {
        let mut table = PatternTable::default();
        table.add("PM", Some(0), None);
        table.add("P.M.", Some(1), None);
        table.add("Norland", None, Some(0));
        table.add("Norland", None, Some(0));
        table.add("...", Some(2), None);
        table.add("US", None, Some(1));
        table.add("us", None, Some(1));
        table.add("東京", None, Some(2));
        let (automaton, patterns) = table.build();
        assert!(automaton.is_some());
        // BTreeMap order: "norland", "pm", "us", "東京".
        assert_eq!(patterns.len(), 4);
        assert_eq!(
            (patterns[0].jurs.clone(), patterns[0].acronym),
            (vec![0], false)
        );
        assert_eq!(
            (patterns[1].roles.clone(), patterns[1].acronym),
            (vec![0, 1], true)
        );
        assert!(!patterns[2].acronym, "an acronym only if every spelling is");
        assert!(patterns[3].open_start && patterns[3].open_end);
        assert!(!patterns[0].open_start);
        assert!(PatternTable::default().build().0.is_none());
    }

    #[test]
    fn roles_of_unknown_jurisdictions_are_left_out() {
        let mut rules = rules();
        rules.roles[4].jurisdiction = "atlantis".into();
        let mut ix = NameIndex::default();
        let (jur_ix, role_ix) = ix.add_jurisdictions_and_roles(&rules);
        assert_eq!(ix.jurs, vec!["norland", "sudria"]);
        assert_eq!(jur_ix["sudria"], 1);
        assert_eq!(ix.roles.len(), 4);
        assert_eq!(ix.roles[0].label, "Prime Minister");
        assert!(!role_ix.contains_key("su_pres"));
    }

    #[test]
    fn officeholders_become_people_with_forms_natives_and_terms() {
        let rules = rules();
        let mut ix = NameIndex::default();
        let (_, role_ix) = ix.add_jurisdictions_and_roles(&rules);
        ix.add_officeholders(&rules, &role_ix);
        assert_eq!(ix.persons.len(), 7);
        assert_eq!(ix.terms.len(), 7);
        let petrov = &ix.persons[0];
        assert_eq!(petrov.lower, "ivan petrov");
        assert_eq!(
            petrov.forms,
            vec![
                vec!["ivan".to_string(), "petrov".to_string()],
                vec!["petrov".to_string(), "ivan".to_string()]
            ]
        );
        assert_eq!(petrov.native, vec!["иванпетров"]);
        assert_eq!(ix.by_native["иванпетров"], 0);
        assert_eq!(ix.by_key["ivanpetrov"], vec![(0, KeyKind::Name)]);
        assert_eq!(ix.by_key["petrovivan"], vec![(0, KeyKind::NameReversed)]);
        assert_eq!(ix.by_token["petrov"], vec![0]);
        assert_eq!(
            (ix.terms[1].person, ix.terms[1].role, ix.terms[1].line),
            (1, 0, 3)
        );
        assert_eq!(ix.roles[0].terms, vec![0, 1]);
    }

    #[test]
    fn terms_are_sorted_by_start_date() {
        let o = "name,aliases,role,start,end,note\n\
            Åsa Lindqvist,,no_pm,2024-06-15,,t\n\
            Ivan Petrov,,no_pm,2018-03-01,2024-06-15,t\n\
            Ivan Petrov,,no_fin,2010-01-01,2012-01-01,t\n";
        let rules = Rules::parse(Some(J), Some(R), Some(o), None, None, None).unwrap();
        let mut ix = NameIndex::default();
        let (_, role_ix) = ix.add_jurisdictions_and_roles(&rules);
        ix.add_officeholders(&rules, &role_ix);
        assert_eq!(ix.roles[0].terms, vec![0, 1]);
        assert_eq!(ix.persons[1].terms, vec![1, 2]);
        ix.sort_terms();
        assert_eq!(ix.roles[0].terms, vec![1, 0]);
        assert_eq!(ix.persons[1].terms, vec![2, 1]);
    }

    #[test]
    fn is_acronym_and_unspaced_script() {
        assert!(is_acronym("PM") && is_acronym("U.S.") && !is_acronym("Pm") && !is_acronym("P"));
        assert!(is_unspaced_script('田') && is_unspaced_script('한') && !is_unspaced_script('a'));
    }

    #[test]
    fn title_variants_follow_the_grammar() {
        let v = title_variants("trade minister");
        for want in [
            "minister for trade",
            "minister of trade",
            "minister of state for trade",
        ] {
            assert!(v.contains(&want.to_string()), "{want}: {v:?}");
        }
        assert!(!v.contains(&"trade minister".to_string()));
        let v = title_variants("minister of economy");
        assert!(v.contains(&"economic minister".to_string()), "{v:?}");
        assert!(v.contains(&"economy minister".to_string()), "{v:?}");
        let v = title_variants("secretary of state for business and trade");
        assert!(v.contains(&"business secretary".to_string()), "{v:?}");
        assert!(
            v.contains(&"business and trade secretary".to_string()),
            "{v:?}"
        );
        let v = title_variants("foreign minister");
        assert!(
            v.contains(&"minister of foreign affairs".to_string()),
            "{v:?}"
        );
        assert!(
            title_variants("prime minister of the realm and all its dominions")
                .iter()
                .all(|t| t.split(' ').count() < 10)
        );
        assert!(title_variants("president").is_empty());
    }

    #[test]
    fn generic_titles_are_office_nouns_with_common_portfolios() {
        for t in [
            "prime minister",
            "foreign minister",
            "minister of finance",
            "president",
        ] {
            assert!(is_generic_title(t), "{t}");
        }
        for t in [
            "chancellor of the exchequer",
            "treasurer",
            "commerce secretary",
            "trade representative",
        ] {
            assert!(!is_generic_title(t), "{t}");
        }
    }

    #[test]
    fn title_heads_are_the_office_noun() {
        assert_eq!(
            title_head("minister of finance").as_deref(),
            Some("minister")
        );
        assert_eq!(
            title_head("trade representative").as_deref(),
            Some("representative")
        );
        assert_eq!(title_head("pm"), None);
    }
}
