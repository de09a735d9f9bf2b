//! Checking names and roles against the officeholder table, at the article's date.
//!
//! In: a segmented article, its paragraph marks, and a [`NameIndex`] built
//! once from the rules. Out: findings (outdated_officeholder,
//! wrong_officeholder, misspelled_name, role_mismatch, name_variant), in text
//! order, at most one per distinct (kind, name, expected) per article.
//! Guarantees: pure and sequential per article; never panics on any text;
//! nothing about particular people or countries lives here, only in the
//! rules tables (the only built-in word lists are English function words,
//! honorifics and name particles).
//!
//! Method: each content paragraph is normalised once (case-folded, curly
//! apostrophes folded, periods dropped, other punctuation to single spaces)
//! into a reused buffer and scanned once, leftmost-longest, with one Aho-Corasick automaton over
//! every normalised role title and jurisdiction term; hits are kept on word
//! boundaries only. A title with an optional
//! qualifier ("Japanese", "U.S.", "Japan's" before it, "of Japan" after it)
//! next to a person name ("Title Name", "Qualifier title, Name,", "Name,
//! qualifier title") is a mention. The name is identified exactly, as an
//! accepted variant, by its bracketed native-script name, or by Jaro-Winkler
//! similarity on folded names (threshold [`MISSPELL_JW`], measured in the
//! tests), then judged against the holders of the role on the article's date.

use crate::model::{Article, Date, Finding, FindingKind, ParaMark};
use crate::rules::Rules;
use aho_corasick::{AhoCorasick, Input, MatchKind};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Similarity at or above which an unknown spelling is taken for a known
/// person: the lowest Jaro-Winkler score over the aligned words of the two
/// folded names (whole-name Jaro-Winkler when the word counts differ).
/// Measured on a labelled list of 47 misspellings and 42 pairs of different
/// people (the `threshold_*` test, README "Checking names"): 0.91 gives the fewest
/// errors, 2 misspellings missed and 2 different people tied; whole-name
/// Jaro-Winkler does worse at every threshold (a shared given name lifts the
/// common-prefix bonus).
pub const MISSPELL_JW: f64 = 0.91;

/// Looser similarity for the "resembles ..." hint of wrong_officeholder.
pub const RESEMBLE_JW: f64 = 0.85;

/// Longest name, in words, looked at after or before a title.
const MAX_NAME_WORDS: usize = 6;

/// Words that are never part of a person name even when capitalised.
#[rustfmt::skip]
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "from",
    "as", "but", "if", "so", "yet", "nor", "than", "then", "when", "while", "after", "before",
    "since", "said", "says", "say", "told", "tells", "will", "would", "could", "should", "may",
    "might", "must", "can", "has", "had", "have", "is", "was", "were", "are", "be", "been",
    "being", "who", "whom", "whose", "which", "that", "this", "these", "those", "his", "her",
    "hers", "their", "its", "it", "he", "she", "they", "we", "i", "you", "our", "my", "office",
    "offices", "administration", "government", "cabinet", "ministry", "department", "council",
    "committee", "house", "senate", "congress", "parliament", "party", "group", "bank",
    "company", "corporation", "inc", "ltd", "corp", "co", "plc", "llc", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "july", "august", "september", "october", "november", "december", "also", "now",
    "meanwhile", "however", "today", "yesterday", "tomorrow", "earlier", "later", "last",
    "next", "both", "all", "new", "current", "sitting", "incumbent", "newly", "elected",
    "re-elected", "says", "announced", "visited", "met", "meets", "plans", "vowed", "urged",
    "warned", "added",
];

/// Words (normalised) right before a title that mean the person is not the
/// sitting holder, or holds a different office: the mention is skipped.
#[rustfmt::skip]
const SKIP_BEFORE: &[&str] = &[
    "former", "ex", "then", "late", "acting", "deputy", "vice", "assistant", "under",
    "associate", "incoming", "future", "outgoing", "previous", "erstwhile", "onetime",
    "interim", "shadow", "would-be", "prospective", "candidate",
];

/// Words (normalised) right after a title that mean the same.
#[rustfmt::skip]
const SKIP_AFTER: &[&str] = &[
    "elect", "designate", "emeritus", "nominee", "candidate",
];

/// Honorifics dropped before a name.
#[rustfmt::skip]
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "prof", "professor", "lord", "lady",
    "madam", "madame", "mme", "m", "herr", "frau", "senor", "señor", "sr", "sra", "hon",
    "honorable", "honourable", "rev", "gen", "general",
];

/// Lowercase particles allowed inside a name ("Ursula von der Leyen").
#[rustfmt::skip]
const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "des", "la", "le",
    "bin", "binti", "al", "el", "ibn", "ten", "ter", "dos", "das", "do", "zu", "af", "av", "y",
];

/// One normalised pattern of the automaton: a title, a jurisdiction term, or both.
#[derive(Debug, Default, Clone)]
struct Pattern {
    /// Roles with this title (indexes into `NameIndex::roles`).
    roles: Vec<usize>,
    /// Jurisdictions this is a term of.
    jurs: Vec<usize>,
    /// Written in capitals in the rules ("PM", "US"): the text must be too.
    acronym: bool,
    /// Starts / ends with a letter of a script without spaces (CJK): no
    /// word-boundary check on that side.
    open_start: bool,
    open_end: bool,
}

#[derive(Debug, Clone)]
struct RoleInfo {
    jur: usize,
    /// The first title, used in messages.
    label: String,
    /// Terms of this role (indexes into `NameIndex::terms`), by start date.
    terms: Vec<usize>,
}

#[derive(Debug, Clone)]
struct Term {
    person: usize,
    role: usize,
    start: Date,
    end: Option<Date>,
    line: u32,
}

impl Term {
    fn serves_on(&self, d: Date) -> bool {
        self.start <= d && self.end.is_none_or(|e| d < e)
    }
    fn span(&self) -> String {
        match self.end {
            Some(e) => format!("{} to {}", self.start, e),
            None => format!("since {}", self.start),
        }
    }
}

#[derive(Debug, Clone)]
struct Person {
    name: String,
    /// The name lowercased, whitespace collapsed: the standard spelling.
    lower: String,
    /// Folded token forms: the name, its Latin aliases, and their reversals.
    forms: Vec<Vec<String>>,
    /// Native-script aliases, compacted.
    native: Vec<String>,
    /// Terms (indexes into `NameIndex::terms`), by start date.
    terms: Vec<usize>,
}

/// How a written name relates to a known person's standard spelling.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Variant {
    Standard,
    Spelling,
    Order,
    Alias,
    Shortened,
    Initials,
    Surname,
}

impl Variant {
    fn describe(self) -> &'static str {
        match self {
            Variant::Standard => "standard spelling",
            Variant::Spelling => "missing diacritics or different hyphenation",
            Variant::Order => "family-name-first order",
            Variant::Alias => "listed alias",
            Variant::Shortened => "shortened or initialled given name",
            Variant::Initials => "added initials",
            Variant::Surname => "surname only",
        }
    }
}

/// Which form of a person a folded key came from.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum KeyKind {
    Name,
    NameReversed,
    Alias,
    AliasReversed,
}

/// Everything about the rules the per-article check needs, built once.
#[derive(Debug, Default)]
pub struct NameIndex {
    ac: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
    roles: Vec<RoleInfo>,
    jurs: Vec<String>,
    persons: Vec<Person>,
    terms: Vec<Term>,
    /// Compact folded name (tokens concatenated) -> persons.
    by_key: HashMap<String, Vec<(usize, KeyKind)>>,
    /// Folded first/last token of every Latin form -> persons.
    by_token: HashMap<String, Vec<usize>>,
    /// Compact native-script alias -> person.
    by_native: HashMap<String, usize>,
}

impl NameIndex {
    /// Builds the automaton and lookup tables from the rules.
    pub fn new(rules: &Rules) -> NameIndex {
        let mut ix = NameIndex::default();
        let mut jur_ix: HashMap<&str, usize> = HashMap::new();
        for j in &rules.jurisdictions {
            jur_ix.insert(j.name.as_str(), ix.jurs.len());
            ix.jurs.push(j.name.clone());
        }
        let mut role_ix: HashMap<&str, usize> = HashMap::new();
        for r in &rules.roles {
            let Some(&jur) = jur_ix.get(r.jurisdiction.as_str()) else {
                continue;
            };
            role_ix.insert(r.role.as_str(), ix.roles.len());
            ix.roles.push(RoleInfo {
                jur,
                label: r.titles.first().cloned().unwrap_or_else(|| r.role.clone()),
                terms: Vec::new(),
            });
        }

        // Patterns: normalised title / term -> entry (BTreeMap: stable ids).
        let mut pats: BTreeMap<String, Pattern> = BTreeMap::new();
        let mut add = |raw: &str, role: Option<usize>, jur: Option<usize>| {
            let n = normalise_str(raw);
            if n.is_empty() {
                return;
            }
            let acronym = is_acronym(raw);
            let fresh = !pats.contains_key(&n);
            let p = pats.entry(n.clone()).or_default();
            p.acronym = if fresh { acronym } else { p.acronym && acronym };
            p.open_start = n.chars().next().is_some_and(is_unspaced_script);
            p.open_end = n.chars().last().is_some_and(is_unspaced_script);
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
        };
        for j in &rules.jurisdictions {
            let ji = jur_ix.get(j.name.as_str()).copied();
            for t in &j.terms {
                add(t, None, ji);
            }
        }
        for r in &rules.roles {
            let ri = role_ix.get(r.role.as_str()).copied();
            if ri.is_none() {
                continue;
            }
            for t in &r.titles {
                add(t, ri, None);
            }
        }
        let keys: Vec<String> = pats.keys().cloned().collect();
        ix.patterns = pats.into_values().collect();
        if !keys.is_empty() {
            ix.ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&keys)
                .ok();
        }

        // People and their terms.
        let mut person_ix: BTreeMap<&str, usize> = BTreeMap::new();
        for o in &rules.officeholders {
            let Some(&role) = role_ix.get(o.role.as_str()) else {
                continue;
            };
            let pid = match person_ix.get(o.name.as_str()) {
                Some(&p) => p,
                None => {
                    let p = ix.persons.len();
                    person_ix.insert(o.name.as_str(), p);
                    ix.persons.push(Person {
                        name: o.name.clone(),
                        lower: lower_words(&o.name),
                        forms: Vec::new(),
                        native: Vec::new(),
                        terms: Vec::new(),
                    });
                    ix.add_form(p, &o.name, true);
                    p
                }
            };
            for a in &o.aliases {
                if is_native(a) {
                    let c = compact_native(a);
                    if !c.is_empty() && !ix.persons[pid].native.contains(&c) {
                        ix.by_native.entry(c.clone()).or_insert(pid);
                        ix.persons[pid].native.push(c);
                    }
                } else {
                    ix.add_form(pid, a, false);
                }
            }
            let t = ix.terms.len();
            ix.terms.push(Term {
                person: pid,
                role,
                start: o.start,
                end: o.end,
                line: o.line,
            });
            ix.persons[pid].terms.push(t);
            ix.roles[role].terms.push(t);
        }
        let terms = &ix.terms;
        for r in &mut ix.roles {
            r.terms.sort_by_key(|&t| (terms[t].start, terms[t].line));
        }
        for p in &mut ix.persons {
            p.terms.sort_by_key(|&t| (terms[t].start, terms[t].line));
        }
        ix
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

    /// Known persons a written name (as tokens) stands for, with how.
    fn identify(&self, raw: &[&str]) -> Vec<(usize, Variant)> {
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

    /// The person whose native-script alias the bracketed name matches:
    /// (person, exact). A partial match needs >= 2 characters, one name
    /// containing the other, and a unique best person.
    fn native_match(&self, native: &str) -> Option<(usize, bool)> {
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
    fn similarity(&self, folded: &[String], pid: usize) -> f64 {
        self.persons[pid]
            .forms
            .iter()
            .map(|f| name_similarity(folded, f))
            .fold(0.0, f64::max)
    }

    fn held(&self, pid: usize, role: usize) -> Vec<usize> {
        self.persons[pid]
            .terms
            .iter()
            .copied()
            .filter(|&t| self.terms[t].role == role)
            .collect()
    }

    fn holders_on(&self, role: usize, d: Date) -> Vec<usize> {
        self.roles[role]
            .terms
            .iter()
            .copied()
            .filter(|&t| self.terms[t].serves_on(d))
            .collect()
    }

    fn names_of(&self, terms: &[usize]) -> String {
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
    fn pick_role(&self, pid: usize, roles: &[usize], d: Date) -> Option<usize> {
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
    fn resembles(&self, folded: &[String], role: usize) -> Option<usize> {
        let mut best: Option<((bool, bool, f64), usize)> = None;
        for pid in 0..self.persons.len() {
            let p = &self.persons[pid];
            let shared = folded
                .iter()
                .any(|t| t.chars().count() >= 3 && p.forms.iter().any(|f| f.contains(t)));
            let jw = self.similarity(folded, pid);
            if !shared && jw < RESEMBLE_JW {
                continue;
            }
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
    fn describe_person(&self, pid: usize, role: usize) -> (String, Option<u32>) {
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

    fn roles_held(&self, pid: usize) -> String {
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

/// True when a name has letters and none of them Latin.
fn is_native(s: &str) -> bool {
    let mut any = false;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if (c as u32) < 0x0250 || (0x1E00..=0x1EFF).contains(&(c as u32)) {
            return false;
        }
        any = true;
    }
    any
}

/// A native-script name without spaces or separators ("吉娜·雷蒙多" -> "吉娜雷蒙多").
fn compact_native(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// Lowercase, whitespace collapsed: the standard-spelling comparison form.
fn lower_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(|c| c.to_lowercase()));
    }
    out
}

/// Folds one word: diacritics removed, lowercase, only letters and digits
/// kept ("Šefčovič" -> "sefcovic", "Jae-myung" -> "jaemyung").
pub fn fold_token(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'ı' => out.push('i'),
            'þ' | 'Þ' => out.push_str("th"),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

/// Lowest Jaro-Winkler over aligned words; whole-name Jaro-Winkler when the
/// word counts differ. Per word, a shared given name cannot hide a different
/// family name (whole-name Jaro-Winkler rewards the shared prefix).
fn name_similarity(a: &[String], b: &[String]) -> f64 {
    if a.len() == b.len() {
        a.iter()
            .zip(b)
            .map(|(x, y)| strsim::jaro_winkler(x, y))
            .fold(1.0, f64::min)
    } else {
        strsim::jaro_winkler(&a.join(" "), &b.join(" "))
    }
}

/// Same length; every word equal except exactly one, where the written word
/// is a shorter prefix of the known one ("ryo" of "ryosei", "s" of "sanae").
fn shortened_match(written: &[String], form: &[String]) -> bool {
    if written.len() != form.len() || written.len() < 2 {
        return false;
    }
    let mut short = 0;
    for (w, f) in written.iter().zip(form) {
        if w == f {
            continue;
        }
        if w.len() < f.len() && f.starts_with(w.as_str()) {
            short += 1;
        } else {
            return false;
        }
    }
    short == 1
}

/// Normalises a title or term the same way text is normalised.
fn normalise_str(s: &str) -> String {
    let mut n = Norm::default();
    n.fill(s);
    n.text.trim().to_string()
}

/// A normalised copy of a paragraph with a byte map back to the original.
/// Buffers are reused across paragraphs: no allocation per paragraph once
/// they have grown.
#[derive(Default)]
struct Norm {
    text: String,
    /// For each byte of `text`: (start, end) of the source character.
    map: Vec<(u32, u32)>,
}

impl Norm {
    fn fill(&mut self, src: &str) {
        // Reuse the String's buffer as bytes; every push below writes whole
        // UTF-8 characters, and the result is validated once at the end.
        let mut out = std::mem::take(&mut self.text).into_bytes();
        out.clear();
        self.map.clear();
        let bytes = src.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                let span = (i as u32, i as u32 + 1);
                if b.is_ascii_alphanumeric() {
                    out.push(b.to_ascii_lowercase());
                    self.map.push(span);
                } else if b == b'\'' || b == b'`' {
                    out.push(b'\'');
                    self.map.push(span);
                } else if b != b'.' && !out.is_empty() && out.last() != Some(&b' ') {
                    // "." is dropped ("U.S." == "US"); other punctuation is a space.
                    out.push(b' ');
                    self.map.push(span);
                }
                i += 1;
                continue;
            }
            let Some(c) = src.get(i..).and_then(|t| t.chars().next()) else {
                i += 1;
                continue;
            };
            let span = (i as u32, (i + c.len_utf8()) as u32);
            i += c.len_utf8();
            let mut buf = [0u8; 4];
            if matches!(c, '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}') {
                out.push(b'\'');
                self.map.push(span);
            } else if c.is_alphanumeric() || is_combining_mark(c) {
                for l in c.to_lowercase() {
                    for &x in l.encode_utf8(&mut buf).as_bytes() {
                        out.push(x);
                        self.map.push(span);
                    }
                }
            } else if !out.is_empty() && out.last() != Some(&b' ') {
                out.push(b' ');
                self.map.push(span);
            }
        }
        self.text = String::from_utf8(out).unwrap_or_else(|e| {
            // Unreachable: only whole characters are pushed. Stay safe anyway.
            self.map.clear();
            let _ = e;
            String::new()
        });
    }

    /// Original byte range of normalised range [s, e).
    fn orig(&self, s: usize, e: usize) -> (usize, usize) {
        let a = self.map.get(s).map(|m| m.0).unwrap_or(0);
        let b = e
            .checked_sub(1)
            .and_then(|i| self.map.get(i))
            .map(|m| m.1)
            .unwrap_or(a);
        (a as usize, b as usize)
    }
}

/// One automaton hit kept after boundary checks: normalised [s, e), pattern.
#[derive(Copy, Clone, Debug)]
struct Hit {
    s: usize,
    e: usize,
    pat: usize,
}

/// A written person name found next to a title.
#[derive(Clone, Debug)]
struct NameSpan {
    /// Byte range of the name (and bracket, if any) in the paragraph.
    start: usize,
    end: usize,
    tokens: Vec<(usize, usize)>,
    native: Option<(usize, usize)>,
}

/// A title (with qualifier) next to a name.
#[derive(Clone, Debug)]
struct Mention {
    roles: Vec<usize>,
    qualified: bool,
    skip: bool,
    start: usize,
    end: usize,
    name: NameSpan,
}

/// A full name seen earlier in the article, for surname-only references.
struct Prior {
    folded: Vec<String>,
    tokens: Vec<String>,
    native: Option<String>,
}

/// What a mention comes to.
struct Verdict {
    kind: FindingKind,
    expected: String,
    message: String,
    lines: Vec<u32>,
}

/// Finds role+name mentions in the article's content paragraphs and judges them.
pub fn check(article: &Article, marks: &[ParaMark], index: &NameIndex) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(ac) = index.ac.as_ref() else {
        return out;
    };
    let mut norm = Norm::default();
    let mut hits: Vec<Hit> = Vec::new();
    let mut priors: Vec<Prior> = Vec::new();
    let mut seen: BTreeSet<(FindingKind, String, String)> = BTreeSet::new();
    for (i, p) in article.paragraphs.iter().enumerate() {
        if !marks.get(i).copied().unwrap_or_default().is_content() {
            continue;
        }
        let text = article.para_text(p);
        norm.fill(text);
        // Leftmost-longest hits on word boundaries; after a hit that fails
        // the boundary test, search again from the next byte.
        hits.clear();
        let hay = norm.text.as_bytes();
        let mut pos = 0;
        while pos < hay.len() {
            let Some(m) = ac.find(Input::new(hay).span(pos..hay.len())) else {
                break;
            };
            let h = Hit {
                s: m.start(),
                e: m.end(),
                pat: m.pattern().as_usize(),
            };
            if accept_hit(&norm, text, &index.patterns[h.pat], h) {
                hits.push(h);
                pos = h.e;
            } else {
                pos = h.s + 1;
            }
        }
        if hits.is_empty() {
            continue;
        }
        for k in 0..hits.len() {
            if index.patterns[hits[k].pat].roles.is_empty() {
                continue;
            }
            let Some(m) = mention_at(index, &norm, text, &hits, k) else {
                continue;
            };
            let mut toks: Vec<String> = m
                .name
                .tokens
                .iter()
                .map(|&(a, b)| text[a..b].to_string())
                .collect();
            let mut native = m.name.native.map(|(a, b)| text[a..b].to_string());
            let folded: Vec<String> = toks.iter().map(|t| fold_token(t)).collect();
            if folded.len() == 1 {
                // A surname-only reference to an earlier full mention.
                if let Some(pr) = priors.iter().rev().find(|pr| {
                    pr.folded.first() == folded.first() || pr.folded.last() == folded.first()
                }) {
                    toks = pr.tokens.clone();
                    if native.is_none() {
                        native = pr.native.clone();
                    }
                }
            } else if folded.len() > 1 {
                priors.push(Prior {
                    folded: folded.clone(),
                    tokens: toks.clone(),
                    native: native.clone(),
                });
            }
            if m.skip {
                continue;
            }
            let tok_refs: Vec<&str> = toks.iter().map(|s| s.as_str()).collect();
            let Some(v) = judge(
                index,
                &m.roles,
                m.qualified,
                &tok_refs,
                native.as_deref(),
                article.date,
            ) else {
                continue;
            };
            let key = (v.kind, lower_words(&toks.join(" ")), v.expected.clone());
            if !seen.insert(key) {
                continue;
            }
            let mut lines = v.lines;
            lines.sort_unstable();
            lines.dedup();
            let evidence = lines
                .iter()
                .map(|l| format!("officeholders.csv:{l}"))
                .collect::<Vec<_>>()
                .join("; ");
            out.push(
                Finding::new(article.id, v.kind)
                    .at(article, p)
                    .mention(text.get(m.start..m.end).unwrap_or("").trim())
                    .expected(v.expected)
                    .message(v.message)
                    .evidence(evidence),
            );
        }
    }
    out
}

/// Word boundaries (and capitals for acronyms) around an automaton hit.
fn accept_hit(norm: &Norm, text: &str, p: &Pattern, h: Hit) -> bool {
    let b = norm.text.as_bytes();
    let left_ok = p.open_start || h.s == 0 || b[h.s - 1] == b' ' || b[h.s - 1] == b'\'';
    let right_ok = p.open_end || h.e == b.len() || b[h.e] == b' ' || b[h.e] == b'\'';
    if !left_ok || !right_ok {
        return false;
    }
    if p.acronym {
        let (a, e) = norm.orig(h.s, h.e);
        let Some(src) = text.get(a..e) else {
            return false;
        };
        if src.chars().any(|c| c.is_lowercase()) {
            return false;
        }
    }
    true
}

/// True when only spaces (or a possessive) separate the word `w` from the
/// normalised position `next` in the original text: no sentence end, comma
/// or other punctuation (normalising drops periods, so check the original).
/// A period inside the word ("U.S.") may close it.
fn plain_gap(norm: &Norm, text: &str, w: Hit, next: usize) -> bool {
    let (ws, we) = norm.orig(w.s, w.e);
    let (ns, _) = norm.orig(next, next + 1);
    let Some(mut gap) = text.get(we..ns) else {
        return false;
    };
    if text.get(ws..we).is_some_and(|t| t.contains('.')) {
        gap = gap.strip_prefix('.').unwrap_or(gap);
    }
    let gap = gap
        .strip_prefix("'s")
        .or_else(|| gap.strip_prefix("\u{2019}s"))
        .unwrap_or(gap);
    gap.chars().all(|c| c == ' ' || c == '\u{a0}')
}

/// The normalised word before position `s` (without its trailing space).
fn word_before(t: &str, s: usize) -> Option<(usize, &str)> {
    let head = t.get(..s)?.strip_suffix(' ')?;
    let start = head.rfind(' ').map(|i| i + 1).unwrap_or(0);
    Some((start, &head[start..]))
}

/// The normalised word after position `e`.
fn word_after(t: &str, e: usize) -> Option<&str> {
    let tail = t.get(e..)?.strip_prefix(' ')?;
    Some(tail.split(' ').next().unwrap_or(""))
}

/// Builds the mention around the title hit `k`, if a name stands next to it.
fn mention_at(ix: &NameIndex, norm: &Norm, text: &str, hits: &[Hit], k: usize) -> Option<Mention> {
    let h = hits[k];
    let nt = norm.text.as_str();
    let pat = &ix.patterns[h.pat];
    let mut jur: Option<&[usize]> = None;
    let mut m_start_n = h.s;
    // Qualifier before: "Japanese Prime Minister", "Japan's PM".
    if k > 0 {
        let q = hits[k - 1];
        let qp = &ix.patterns[q.pat];
        let gap = nt.get(q.e..h.s).unwrap_or("x");
        if !qp.jurs.is_empty() && (gap == " " || gap == "'s ") && plain_gap(norm, text, q, h.s) {
            jur = Some(&qp.jurs);
            m_start_n = q.s;
        }
    }
    // Qualifier after: "Prime Minister of Japan".
    let mut title_end_n = h.e;
    if let Some(q) = hits.get(k + 1) {
        let qp = &ix.patterns[q.pat];
        let gap = nt.get(h.e..q.s).unwrap_or("x");
        if !qp.jurs.is_empty()
            && (gap == " of " || gap == " of the ")
            && !text
                .get(norm.orig(h.s, h.e).1..norm.orig(q.s, q.e).0)
                .is_none_or(|g| g.contains(['.', ',', ';', ':']))
        {
            if jur.is_none() {
                jur = Some(&qp.jurs);
            }
            title_end_n = q.e;
        }
    }
    let roles: Vec<usize> = pat
        .roles
        .iter()
        .copied()
        .filter(|&r| jur.is_none_or(|j| j.contains(&ix.roles[r].jur)))
        .collect();
    if roles.is_empty() {
        return None;
    }
    let mut skip = false;
    if let Some((ws, w)) = word_before(nt, m_start_n) {
        if SKIP_BEFORE.contains(&w) {
            skip = true;
        } else if jur.is_none() {
            // "Toyota President", "British Prime Minister": a capitalised
            // word that is not a known qualifier qualifies the title.
            let (a, _) = norm.orig(ws, ws + 1);
            let cap = text[a..].chars().next().is_some_and(|c| c.is_uppercase());
            let word = Hit {
                s: ws,
                e: m_start_n.saturating_sub(1),
                pat: 0,
            };
            if cap
                && !STOPWORDS.contains(&w)
                && !w.is_empty()
                && plain_gap(norm, text, word, m_start_n)
            {
                return None;
            }
        }
    }
    if word_after(nt, h.e).is_some_and(|w| SKIP_AFTER.contains(&w)) {
        skip = true;
    }
    let (m_start, _) = norm.orig(m_start_n, m_start_n + 1);
    let (_, t_end) = norm.orig(title_end_n.saturating_sub(1), title_end_n);
    // Name after the title: "Prime Minister Sanae Takaichi".
    let rest = text.get(t_end..).unwrap_or("");
    if rest.starts_with([' ', '\u{a0}']) {
        if let Some(name) = parse_name(text, t_end) {
            return Some(Mention {
                roles,
                qualified: jur.is_some(),
                skip,
                start: m_start,
                end: name.end,
                name,
            });
        }
    }
    // Appositive: "Japan's prime minister, Sanae Takaichi, said".
    if jur.is_some() && rest.starts_with(", ") {
        if let Some(name) = parse_name(text, t_end + 1) {
            let after = text.get(name.end..).unwrap_or("");
            let next = after.trim_start().chars().next();
            if next.is_none_or(|c| matches!(c, ',' | '.' | ';' | ')' | '(' | '\u{3001}')) {
                return Some(Mention {
                    roles,
                    qualified: true,
                    skip,
                    start: m_start,
                    end: name.end,
                    name,
                });
            }
        }
    }
    // Name before: "Sanae Takaichi, Japan's prime minister".
    let head = text.get(..m_start).unwrap_or("");
    let head = head
        .strip_suffix("the ")
        .or_else(|| head.strip_suffix("The "))
        .unwrap_or(head);
    if let Some(h2) = head.strip_suffix(", ") {
        if let Some(name) = parse_name_before(text, h2.len()) {
            return Some(Mention {
                roles,
                qualified: jur.is_some(),
                skip,
                start: name.start,
                end: t_end,
                name,
            });
        }
    }
    None
}

fn is_initial(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(c) = chars.next() else { return false };
    if !c.is_uppercase() {
        return false;
    }
    let rest: String = chars.collect();
    rest.is_empty()
        || rest == "."
        || (rest.ends_with('.') && rest.chars().all(|c| c.is_uppercase() || c == '.'))
}

/// Why a word was not taken as a name word.
enum Word {
    Name,
    Particle,
    Honorific,
    Stop,
}

fn classify(w: &str, first: bool) -> Word {
    let lower = w.to_lowercase();
    let bare = lower.trim_end_matches('.');
    if first && HONORIFICS.contains(&bare) {
        return Word::Honorific;
    }
    if PARTICLES.contains(&w) {
        return Word::Particle;
    }
    let Some(c) = w.chars().next() else {
        return Word::Stop;
    };
    if is_initial(w) {
        return Word::Name;
    }
    if c.is_lowercase() {
        // "al-Sudani"
        if let Some((pre, post)) = w.split_once('-') {
            if PARTICLES.contains(&pre) && post.chars().next().is_some_and(|c| c.is_uppercase()) {
                return Word::Name;
            }
        }
        return Word::Stop;
    }
    if !c.is_uppercase() || STOPWORDS.contains(&bare) {
        return Word::Stop;
    }
    // All-capitals acronyms ("METI", "USTR") are not names.
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return Word::Stop;
    }
    if !w.chars().all(|c| {
        c.is_alphabetic() || is_combining_mark(c) || matches!(c, '-' | '\'' | '\u{2019}' | '.')
    }) {
        return Word::Stop;
    }
    Word::Name
}

fn is_word_char(c: char) -> bool {
    const BREAKS: &[char] = &[
        ',', ';', ':', '(', ')', '[', ']', '{', '}', '"', '\u{201c}', '\u{201d}', '!', '?', '/',
        '|', '\u{2014}', '\u{2013}', '\u{2026}', '\u{ff08}', '\u{ff09}', '\u{3001}', '\u{3002}',
        '\u{ff0c}',
    ];
    !c.is_whitespace() && !BREAKS.contains(&c)
}

/// Parses a person name starting at `pos` (after spaces): capitalised words,
/// particles, initials, honorifics dropped, an optional bracketed
/// native-script name after it.
fn parse_name(text: &str, pos: usize) -> Option<NameSpan> {
    let mut i = pos;
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    let mut kinds: Vec<bool> = Vec::new(); // true = particle
    let mut start = None;
    let mut words = 0;
    loop {
        let rest = text.get(i..)?;
        let skipped = rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len();
        if skipped == 0 && i != pos {
            break;
        }
        i += skipped;
        let rest = &text[i..];
        let wlen: usize = rest
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map(|(j, _)| j)
            .unwrap_or(rest.len());
        if wlen == 0 || words >= MAX_NAME_WORDS + 2 {
            break;
        }
        words += 1;
        let word = &rest[..wlen];
        let mut core = word;
        let mut stop_after = false;
        if let Some(c) = core.strip_suffix('.') {
            let bare = c.to_lowercase();
            if !(is_initial(word) || (tokens.is_empty() && HONORIFICS.contains(&bare.as_str()))) {
                core = c;
                stop_after = true;
            }
        }
        for suf in ["'s", "\u{2019}s", "'", "\u{2019}"] {
            if let Some(c) = core.strip_suffix(suf) {
                core = c;
                stop_after = true;
                break;
            }
        }
        match classify(core, tokens.is_empty()) {
            Word::Honorific => {}
            Word::Particle => {
                if tokens.is_empty() {
                    break;
                }
                tokens.push((i, i + core.len()));
                kinds.push(true);
            }
            Word::Name => {
                if tokens.len() >= MAX_NAME_WORDS {
                    break;
                }
                start.get_or_insert(i);
                tokens.push((i, i + core.len()));
                kinds.push(false);
            }
            Word::Stop => break,
        }
        i += wlen;
        if stop_after {
            break;
        }
    }
    while kinds.last() == Some(&true) {
        kinds.pop();
        tokens.pop();
    }
    let has_word = tokens
        .iter()
        .zip(&kinds)
        .any(|(&(a, b), &p)| !p && !is_initial(&text[a..b]));
    if !has_word {
        return None;
    }
    let start = start?;
    let name_end = tokens.last()?.1;
    let mut end = name_end;
    let mut native = None;
    let after = &text[name_end..];
    let trimmed = after.trim_start_matches([' ', '\u{a0}']);
    let off = name_end + after.len() - trimmed.len();
    let open = if trimmed.starts_with('(') {
        Some((1, ')'))
    } else if trimmed.starts_with('\u{ff08}') {
        Some(('\u{ff08}'.len_utf8(), '\u{ff09}'))
    } else {
        None
    };
    if let Some((olen, close)) = open {
        let inner = &trimmed[olen..];
        if let Some(cl) = inner.find([close, ')']) {
            let content = &inner[..cl];
            if content.chars().count() <= 40 && is_native(content) {
                let a = off + olen;
                native = Some((a, a + cl));
                end = a + cl + inner[cl..].chars().next().map_or(1, |c| c.len_utf8());
            }
        }
    }
    Some(NameSpan {
        start,
        end,
        tokens,
        native,
    })
}

/// Parses a person name that ends at byte `end` (before ", title").
fn parse_name_before(text: &str, end: usize) -> Option<NameSpan> {
    let head = text.get(..end)?.trim_end();
    let mut name_end = head.len();
    // A bracketed native name before the comma.
    if let Some(h) = head
        .strip_suffix(')')
        .or_else(|| head.strip_suffix('\u{ff09}'))
    {
        let open = h.rfind(['(', '\u{ff08}'])?;
        name_end = h[..open].trim_end().len();
    }
    let mut s = name_end;
    let mut cur_end = name_end;
    for _ in 0..MAX_NAME_WORDS {
        let seg = &text[..cur_end];
        let ws = seg
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_word_char(c))
            .map(|(j, c)| j + c.len_utf8())
            .unwrap_or(0);
        let w = &seg[ws..];
        if w.is_empty() || !matches!(classify(w, false), Word::Name | Word::Particle) {
            break;
        }
        s = ws;
        if ws == 0 || !text[..ws].ends_with(' ') {
            break;
        }
        cur_end = ws - 1;
    }
    if s >= name_end {
        return None;
    }
    let name = parse_name(text, s)?;
    (name.tokens.last().map(|t| t.1) == Some(name_end)).then_some(name)
}

/// Judges one mention: `roles` are the candidate roles of the title.
fn judge(
    ix: &NameIndex,
    roles: &[usize],
    qualified: bool,
    tokens: &[&str],
    native: Option<&str>,
    date: Date,
) -> Option<Verdict> {
    let folded: Vec<String> = tokens
        .iter()
        .map(|t| fold_token(t))
        .filter(|t| !t.is_empty())
        .collect();
    if folded.is_empty() {
        return None;
    }
    let written = tokens.join(" ");
    let mut cands = ix.identify(tokens);
    let native_hit = native.and_then(|n| ix.native_match(n));
    // Several people fit the words: the native name, then the role decide.
    if cands.len() > 1 {
        if let Some((np, _)) = native_hit {
            if cands.iter().any(|&(p, _)| p == np) {
                cands.retain(|&(p, _)| p == np);
            }
        }
        let holding: Vec<(usize, Variant)> = cands
            .iter()
            .copied()
            .filter(|&(p, _)| roles.iter().any(|&r| !ix.held(p, r).is_empty()))
            .collect();
        if !holding.is_empty() {
            cands = holding;
        }
        let serving: Vec<(usize, Variant)> = cands
            .iter()
            .copied()
            .filter(|&(p, _)| {
                roles
                    .iter()
                    .any(|&r| ix.held(p, r).iter().any(|&t| ix.terms[t].serves_on(date)))
            })
            .collect();
        if !serving.is_empty() {
            cands = serving;
        }
        if cands.len() > 1 && folded.len() == 1 {
            // "President Kim": several people, no way to tell.
            return None;
        }
    }
    // Identity: (person, variant) from the Latin name, or the native name.
    let who: Option<(usize, Option<Variant>)> = match cands.first() {
        Some(&(p, v)) => Some((p, Some(v))),
        None => native_hit
            .filter(|&(_, exact)| exact)
            .map(|(p, _)| (p, None)),
    };

    // Pick the role.
    let role = if roles.len() == 1 {
        roles[0]
    } else {
        let pid = match who {
            Some((p, _)) => p,
            None => {
                // Fuzzy among the holders of the candidate roles.
                let (p, _) = best_fuzzy(ix, &folded, native_hit, roles, date)?;
                p
            }
        };
        ix.pick_role(pid, roles, date)?
    };
    let label = &ix.roles[role].label;
    let holders = ix.holders_on(role, date);
    let holder_names = ix.names_of(&holders);
    let holder_lines: Vec<u32> = holders.iter().map(|&t| ix.terms[t].line).collect();

    if let Some((pid, variant)) = who {
        let person = &ix.persons[pid];
        let held = ix.held(pid, role);
        let serving: Vec<usize> = held
            .iter()
            .copied()
            .filter(|&t| ix.terms[t].serves_on(date))
            .collect();
        if !serving.is_empty() {
            let lines = serving.iter().map(|&t| ix.terms[t].line).collect();
            return match variant {
                Some(Variant::Standard) => None,
                Some(v) => Some(Verdict {
                    kind: FindingKind::NameVariant,
                    expected: person.name.clone(),
                    message: format!(
                        "{written} is an accepted variant ({}) of {}, {label} on {date}",
                        v.describe(),
                        person.name
                    ),
                    lines,
                }),
                None => Some(Verdict {
                    kind: FindingKind::MisspelledName,
                    expected: person.name.clone(),
                    message: format!(
                        "{written} is not a spelling of {}, {label} on {date}; the native-script name {} is theirs",
                        person.name,
                        native.unwrap_or("")
                    ),
                    lines,
                }),
            };
        }
        if holders.is_empty() {
            return None;
        }
        if let Some(&last) = held.last() {
            let mut lines: Vec<u32> = held.iter().map(|&t| ix.terms[t].line).collect();
            lines.extend(&holder_lines);
            let spelled = match variant {
                Some(Variant::Standard) => String::new(),
                Some(v) => format!(" (written {written}: {})", v.describe()),
                None => format!(" (written {written}; native-script name matches)"),
            };
            return Some(Verdict {
                kind: FindingKind::OutdatedOfficeholder,
                expected: holder_names.clone(),
                message: format!(
                    "{}{spelled} was {label} {}, not on {date}; the holder on {date} is {holder_names}",
                    person.name,
                    ix.terms[last].span()
                ),
                lines,
            });
        }
        let mut lines: Vec<u32> = person.terms.iter().map(|&t| ix.terms[t].line).collect();
        lines.extend(&holder_lines);
        return Some(Verdict {
            kind: FindingKind::RoleMismatch,
            expected: holder_names.clone(),
            message: format!(
                "{} never held {label} ({}); roles held: {}; the holder on {date} is {holder_names}",
                person.name,
                ix.jurs[ix.roles[role].jur],
                ix.roles_held(pid)
            ),
            lines,
        });
    }

    if holders.is_empty() {
        return None;
    }
    // Unknown spelling: a misspelling of someone who held the role?
    if let Some((pid, how)) = best_fuzzy(ix, &folded, native_hit, &[role], date) {
        let person = &ix.persons[pid];
        let held = ix.held(pid, role);
        let serving = held.iter().any(|&t| ix.terms[t].serves_on(date));
        let mut lines: Vec<u32> = held.iter().map(|&t| ix.terms[t].line).collect();
        if serving {
            return Some(Verdict {
                kind: FindingKind::MisspelledName,
                expected: person.name.clone(),
                message: format!(
                    "{written} looks like a misspelling of {}, {label} on {date} ({how})",
                    person.name
                ),
                lines,
            });
        }
        lines.extend(&holder_lines);
        let last = held.last().map(|&t| ix.terms[t].span()).unwrap_or_default();
        return Some(Verdict {
            kind: FindingKind::OutdatedOfficeholder,
            expected: holder_names.clone(),
            message: format!(
                "{written} looks like {} ({how}), who was {label} {last}, not on {date}; the holder on {date} is {holder_names}",
                person.name
            ),
            lines,
        });
    }
    // Nobody known: a wrong name, if we can be sure the name is one.
    let like = ix.resembles(&folded, role);
    if like.is_none() && (!qualified || folded.len() < 2) {
        return None;
    }
    let mut lines = holder_lines;
    let hint = match like {
        Some(p) => {
            let (desc, line) = ix.describe_person(p, role);
            lines.extend(line);
            format!("; resembles {desc}")
        }
        None => String::new(),
    };
    Some(Verdict {
        kind: FindingKind::WrongOfficeholder,
        expected: holder_names.clone(),
        message: format!(
            "{written} fits no known {label} ({}); the holder on {date} is {holder_names}{hint}",
            ix.jurs[ix.roles[role].jur]
        ),
        lines,
    })
}

/// The holder of one of `roles` (any date) whose name the written one is a
/// misspelling of: Jaro-Winkler >= [`MISSPELL_JW`], or a partial native-script
/// match. Ties go to whoever serves on `date`.
fn best_fuzzy(
    ix: &NameIndex,
    folded: &[String],
    native: Option<(usize, bool)>,
    roles: &[usize],
    date: Date,
) -> Option<(usize, String)> {
    let mut people: Vec<usize> = roles
        .iter()
        .flat_map(|&r| ix.roles[r].terms.iter().map(|&t| ix.terms[t].person))
        .collect();
    people.sort_unstable();
    people.dedup();
    if let Some((np, _)) = native {
        if people.contains(&np) {
            return Some((np, "native-script name matches".to_string()));
        }
    }
    let mut best: Option<(f64, bool, usize)> = None;
    for p in people {
        let s = ix.similarity(folded, p);
        if s < MISSPELL_JW {
            continue;
        }
        let serving = ix.persons[p]
            .terms
            .iter()
            .any(|&t| roles.contains(&ix.terms[t].role) && ix.terms[t].serves_on(date));
        if best.is_none_or(|(bs, bserv, _)| s > bs || (s == bs && serving && !bserv)) {
            best = Some((s, serving, p));
        }
    }
    best.map(|(s, _, p)| (p, format!("name similarity {s:.2}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::article_from_text;

    const J: &str = "jurisdiction,terms\n\
        norland,Norland|Norlandic|Norland's|Nordby\n\
        sudria,Sudria|Sudrian|Sudria's\n";
    const R: &str = "role,jurisdiction,titles,holders\n\
        no_pm,norland,Prime Minister|PM|premier,1\n\
        no_fin,norland,Finance Minister|Minister of Finance|Minister,1\n\
        no_for,norland,Foreign Minister|Minister,1\n\
        no_pres,norland,President,1\n\
        su_pres,sudria,President,1\n";
    // Line numbers: 2.. in order.
    const O: &str = "name,aliases,role,start,end,note\n\
        Ivan Petrov,Petrov Ivan|Иван Петров,no_pm,2018-03-01,2024-06-15,t\n\
        Åsa Lindqvist,Lindqvist Åsa|Аса Линдквист,no_pm,2024-06-15,,t\n\
        Jan van der Berg,,no_fin,2020-01-01,,t\n\
        Maroš Šefčovič,,no_for,2019-01-01,2025-01-01,t\n\
        Keiko Tanabe,Tanabe Keiko|田辺恵子,no_for,2025-01-01,,t\n\
        Olav Brekke,,no_pres,2015-01-01,,t\n\
        Luis Ortega,Ортега,su_pres,2020-01-01,,t\n";

    fn index() -> NameIndex {
        let rules = Rules::parse(Some(J), Some(R), Some(O), None, None, None).unwrap();
        NameIndex::new(&rules)
    }

    fn run_on(text: &str, date: &str) -> Vec<Finding> {
        let a = article_from_text(0, "t.txt", text, Date::parse_iso(date).unwrap());
        let marks = vec![ParaMark::Content; a.paragraphs.len()];
        check(&a, &marks, &index())
    }

    fn kinds(text: &str, date: &str) -> Vec<(String, String, String)> {
        run_on(text, date)
            .into_iter()
            .map(|f| (f.kind.as_str().to_string(), f.mention, f.expected))
            .collect()
    }

    fn one(text: &str, date: &str) -> (String, String) {
        let k = kinds(text, date);
        assert_eq!(k.len(), 1, "{text}: {k:?}");
        (k[0].0.clone(), k[0].2.clone())
    }

    const D: &str = "2026-02-01";

    #[test]
    fn normalises_case_quotes_and_punctuation() {
        assert_eq!(
            normalise_str("Minister of Economy, Trade and Industry"),
            "minister of economy trade and industry"
        );
        assert_eq!(normalise_str("U.S."), "us");
        assert_eq!(normalise_str("Japan\u{2019}s"), "japan's");
        assert_eq!(normalise_str("  Vice-President  "), "vice president");
        assert_eq!(fold_token("Šefčovič"), "sefcovic");
        assert_eq!(fold_token("Jae-myung"), "jaemyung");
        let mut n = Norm::default();
        n.fill("U.S. Commerce");
        assert_eq!(n.text, "us commerce");
        assert_eq!(n.orig(0, 2), (0, 3));
    }

    #[test]
    fn correct_names_give_no_finding() {
        assert!(kinds("Prime Minister Åsa Lindqvist spoke on Monday.", D).is_empty());
        assert!(kinds("Norland's prime minister, Åsa Lindqvist, spoke.", D).is_empty());
        assert!(kinds("Åsa Lindqvist, Norland's prime minister, spoke.", D).is_empty());
        assert!(kinds("The Prime Minister of Norland Åsa Lindqvist spoke.", D).is_empty());
        assert!(kinds("Finance Minister Jan van der Berg said.", D).is_empty());
        // A sentence end before a title does not hide a real qualifier.
        assert!(kinds("He left Acme. Prime Minister Åsa Lindqvist spoke.", D).is_empty());
        assert_eq!(
            one("He left Acme. Prime Minister Åsa Lindquist spoke.", D).0,
            "misspelled_name"
        );
    }

    #[test]
    fn variants_are_info_findings() {
        for text in [
            "Prime Minister Asa Lindqvist spoke.",
            "Prime Minister Lindqvist Åsa spoke.",
            "Prime Minister Lindqvist spoke.",
            "Foreign Minister Tanabe Kei spoke.",
            "Premier Dr. Å. Lindqvist spoke.",
        ] {
            assert_eq!(one(text, D).0, "name_variant", "{text}");
        }
    }

    #[test]
    fn outdated_officeholder_on_and_after_the_end_date() {
        let text = "Norlandic Prime Minister Ivan Petrov met investors.";
        assert!(kinds(text, "2024-06-14").is_empty(), "last day in office");
        let (k, e) = one(text, "2024-06-15");
        assert_eq!(
            (k.as_str(), e.as_str()),
            ("outdated_officeholder", "Åsa Lindqvist")
        );
        let f = run_on(text, "2024-06-15");
        assert_eq!(f[0].evidence, "officeholders.csv:2; officeholders.csv:3");
    }

    #[test]
    fn misspelled_names_by_similarity_and_native_script() {
        let (k, e) = one("Prime Minister Åsa Lindquist spoke.", D);
        assert_eq!(
            (k.as_str(), e.as_str()),
            ("misspelled_name", "Åsa Lindqvist")
        );
        let (k, e) = one("PM Anna Berg (Аса Линдквист) spoke.", D);
        assert_eq!(
            (k.as_str(), e.as_str()),
            ("misspelled_name", "Åsa Lindqvist")
        );
        // A partial native-script name helps too.
        let (k, e) = one("Foreign Minister Kenji Tanaka (田辺恵) spoke.", D);
        assert_eq!(
            (k.as_str(), e.as_str()),
            ("misspelled_name", "Keiko Tanabe")
        );
    }

    #[test]
    fn wrong_officeholder_names_the_resemblance() {
        let f = run_on("Norlandic Prime Minister Oskar Petrov spoke.", D);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].kind, FindingKind::WrongOfficeholder);
        assert_eq!(f[0].expected, "Åsa Lindqvist");
        assert!(
            f[0].message
                .contains("resembles Ivan Petrov, Prime Minister 2018-03-01 to 2024-06-15"),
            "{}",
            f[0].message
        );
        // Unqualified title and an unknown, unlike name: maybe another
        // country's official; no finding.
        assert!(kinds("Prime Minister Keir Holm spoke.", D).is_empty());
        // Qualified: a wrong name.
        assert_eq!(
            one("Norland's Prime Minister Keir Holm spoke.", D).0,
            "wrong_officeholder"
        );
    }

    #[test]
    fn role_mismatch_lists_roles_held() {
        let f = run_on("Prime Minister Luis Ortega spoke.", D);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].kind, FindingKind::RoleMismatch);
        assert_eq!(f[0].expected, "Åsa Lindqvist");
        assert!(f[0].message.contains("President (sudria) since 2020-01-01"));
    }

    #[test]
    fn ambiguous_titles_resolve_by_person() {
        assert!(kinds("President Luis Ortega and President Olav Brekke met.", D).is_empty());
        // Norland's president is Brekke: Ortega holds the Sudrian post.
        assert_eq!(
            one("Norlandic President Luis Ortega spoke.", D).0,
            "role_mismatch"
        );
        // Unknown person under an ambiguous title: no finding.
        assert!(kinds("President Maria Gomez spoke.", D).is_empty());
        // "Minister" fits two Norland roles; the person decides.
        assert!(kinds("Minister Keiko Tanabe spoke.", D).is_empty());
        assert_eq!(
            one("Minister Maroš Šefčovič spoke.", D).0,
            "outdated_officeholder"
        );
    }

    #[test]
    fn names_with_particles_honorifics_and_brackets() {
        let t = "Finance Minister Mr. Jan van der Berg (Ян ван дер Берг) spoke.";
        let a = article_from_text(0, "t", t, Date::parse_iso(D).unwrap());
        let p = &a.paragraphs[0];
        let text = a.para_text(p);
        let pos = text.find("Mr.").unwrap() - 1;
        let n = parse_name(text, pos).unwrap();
        let toks: Vec<&str> = n.tokens.iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(toks, vec!["Jan", "van", "der", "Berg"]);
        assert_eq!(
            &text[n.native.unwrap().0..n.native.unwrap().1],
            "Ян ван дер Берг"
        );
        assert!(text[..n.end].ends_with(')'));
        // Possessive and sentence end stop the name.
        let n = parse_name("x Lindqvist's plan", 1).unwrap();
        assert_eq!(n.tokens.len(), 1);
        let n = parse_name("x Jan Berg. The", 1).unwrap();
        assert_eq!(n.tokens.len(), 2);
        // Not names.
        assert!(parse_name("x Office said", 1).is_none());
        assert!(parse_name("x of Norland", 1).is_none());
        assert!(parse_name("x said", 1).is_none());
        // Name before a title.
        let s = "Åsa Lindqvist (Аса Линдквист), Norland's premier";
        let end = s.find(", N").unwrap();
        let n = parse_name_before(s, end).unwrap();
        assert_eq!(n.tokens.len(), 2);
        assert!(n.native.is_some());
    }

    #[test]
    fn generic_false_positives_are_ignored() {
        for text in [
            "Acme President Hugo Stern resigned.",
            "The prime minister said nothing.",
            "Prime Minister Office staff left.",
            "The Finance Minister said on Monday.",
            "Former Prime Minister Ivan Petrov spoke.",
            "Deputy Prime Minister Oskar Holm spoke.",
            "Prime Minister-designate Oskar Holm spoke.",
            "At 3 pm Oskar Holm spoke.",
            "Minister of Finance and Trade Oskar Holm spoke.",
            "They met in Nordby. Prime Minister Keir Holm spoke.",
            "They met in Norland, Prime Minister Keir Holm said.",
        ] {
            assert!(kinds(text, D).is_empty(), "{text}: {:?}", kinds(text, D));
        }
    }

    #[test]
    fn surname_chain_reports_once() {
        let text = "Norland's Prime Minister Oskar Petrov won.\n\n\
                    Petrov plans to visit. Prime Minister Petrov said so.\n\n\
                    PM Oskar Petrov agreed.";
        let f = run_on(text, D);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].kind, FindingKind::WrongOfficeholder);
        // Without the earlier full name, "Petrov" alone is the former PM.
        assert_eq!(one("PM Petrov won.", D).0, "outdated_officeholder");
    }

    #[test]
    fn only_content_paragraphs_are_checked() {
        let a = article_from_text(
            0,
            "t",
            "PM Ivan Petrov won.\n\nPM Ivan Petrov won again.",
            Date::parse_iso(D).unwrap(),
        );
        let f = check(&a, &[ParaMark::Boilerplate, ParaMark::Duplicate], &index());
        assert!(f.is_empty());
    }

    #[test]
    fn empty_rules_and_odd_text_do_not_panic() {
        let ix = NameIndex::new(&Rules::default());
        let a = article_from_text(0, "t", "PM X.", Date::parse_iso(D).unwrap());
        assert!(check(&a, &[], &ix).is_empty());
        for t in [
            "PM",
            "PM (",
            "PM Ivan (",
            "， PM 田辺恵子",
            "PM Å",
            ", PM",
            "é, PM",
        ] {
            let _ = kinds(t, D);
        }
    }

    /// Labelled pairs: (written, known, same person?). Misspellings of real
    /// and invented names of several nationalities, and different people who
    /// share a given or family name.
    const PAIRS: &[(&str, &str, bool)] = &[
        ("Sanae Takaichii", "Sanae Takaichi", true),
        ("Sanae Takiachi", "Sanae Takaichi", true),
        ("Sanae Takachi", "Sanae Takaichi", true),
        ("Sanae Takaishi", "Sanae Takaichi", true),
        ("Ryosei Akazwa", "Ryosei Akazawa", true),
        ("Ryusei Akazawa", "Ryosei Akazawa", true),
        ("Ryosei Akasawa", "Ryosei Akazawa", true),
        ("Howard Lutnik", "Howard Lutnick", true),
        ("Howard Lutnic", "Howard Lutnick", true),
        ("Olaf Sholz", "Olaf Scholz", true),
        ("Emanuel Macron", "Emmanuel Macron", true),
        ("Volodimir Zelenskyy", "Volodymyr Zelenskyy", true),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy", true),
        ("Keir Starmar", "Keir Starmer", true),
        ("Yoshihide Sugah", "Yoshihide Suga", true),
        ("Fumio Kishda", "Fumio Kishida", true),
        ("Shigeru Ishbia", "Shigeru Ishiba", true),
        ("Lee Jae-myeong", "Lee Jae-myung", true),
        ("Xi Jinpin", "Xi Jinping", true),
        ("Giorgia Meloney", "Giorgia Meloni", true),
        ("Narendra Modhi", "Narendra Modi", true),
        ("Friedrich Mertz", "Friedrich Merz", true),
        ("Ursula von der Leyden", "Ursula von der Leyen", true),
        ("Recep Tayip Erdogan", "Recep Tayyip Erdogan", true),
        (
            "Luis Inacio Lula da Silva",
            "Luiz Inacio Lula da Silva",
            true,
        ),
        ("Anthony Blinken", "Antony Blinken", true),
        ("Janet Yellin", "Janet Yellen", true),
        ("Jamieson Greere", "Jamieson Greer", true),
        ("Scot Bessent", "Scott Bessent", true),
        ("Scott Bessant", "Scott Bessent", true),
        ("Katsunobu Katoh", "Katsunobu Kato", true),
        ("Toshimitsu Motegie", "Toshimitsu Motegi", true),
        ("Claudia Sheinbuam", "Claudia Sheinbaum", true),
        ("Javier Millei", "Javier Milei", true),
        ("Mark Carny", "Mark Carney", true),
        ("Anthony Albanesi", "Anthony Albanese", true),
        ("Christopher Luxton", "Christopher Luxon", true),
        ("Prabowo Subiato", "Prabowo Subianto", true),
        ("Shahbaz Sharif", "Shehbaz Sharif", true),
        ("Benjamin Netanyahou", "Benjamin Netanyahu", true),
        ("Mohammed bin Salman", "Mohammad bin Salman", true),
        ("Yoon Suk-yeol", "Yoon Suk Yeol", true),
        ("Kamala Hariss", "Kamala Harris", true),
        ("Angela Merkle", "Angela Merkel", true),
        ("Pedro Sanches", "Pedro Sanchez", true),
        ("Cyril Ramaposa", "Cyril Ramaphosa", true),
        ("Gina Raimundo", "Gina Raimondo", true),
        ("Koichi Suga", "Yoshihide Suga", false),
        ("Akira Akasaka", "Ryosei Akazawa", false),
        ("Taro Kono", "Taro Aso", false),
        ("Donald Tusk", "Donald Trump", false),
        ("Mike Pence", "Mike Pompeo", false),
        ("Kim Jong-il", "Kim Jong-un", false),
        ("Jill Biden", "Joe Biden", false),
        ("Hunter Biden", "Joe Biden", false),
        ("Emmanuel Moulin", "Emmanuel Macron", false),
        ("Shinzo Abe", "Shinjiro Koizumi", false),
        ("Fumio Kishimoto", "Fumio Kishida", false),
        ("Ken Saito", "Ken Sato", false),
        ("Lee Jae-yong", "Lee Jae-myung", false),
        ("Lee Nak-yon", "Lee Jae-myung", false),
        ("Scott Morrison", "Scott Bessent", false),
        ("Janet Mills", "Janet Yellen", false),
        ("Marco Rubini", "Marco Rubio", false),
        ("Wang Yang", "Wang Yi", false),
        ("Li Keqiang", "Li Qiang", false),
        ("Koichi Kato", "Katsunobu Kato", false),
        ("Nobuo Kishi", "Fumio Kishida", false),
        ("Ryota Akazawa", "Ryosei Akazawa", false),
        ("Seiji Kajiyama", "Hiroshi Kajiyama", false),
        ("Howard Schultz", "Howard Lutnick", false),
        ("Gina Haspel", "Gina Raimondo", false),
        ("Joe Manchin", "Joe Biden", false),
        ("Sanae Takahashi", "Sanae Takaichi", false),
        ("Marek Sefcik", "Maros Sefcovic", false),
        ("Friedrich Mertens", "Friedrich Merz", false),
        ("Boris Jackson", "Boris Johnson", false),
        ("Justin Tracy", "Justin Trudeau", false),
        ("Yoshihide Suga", "Yoshimasa Hayashi", false),
        ("Hiroshi Suzuki", "Shunichi Suzuki", false),
        ("Kenji Tanaka", "Keiko Tanabe", false),
        ("Maria Gomez", "Mario Gomes", false),
        ("Anna Berg", "Jan van der Berg", false),
        ("Oskar Petrov", "Ivan Petrov", false),
        ("Park Geun-hye", "Park Chung-hee", false),
        ("Moon Jae-in", "Lee Jae-myung", false),
        ("John Kerry", "John Kelly", false),
        ("Mark Rutte", "Mark Carney", false),
        ("Taro Aso", "Taro Kono", false),
    ];

    fn folded(s: &str) -> Vec<String> {
        s.split_whitespace().map(fold_token).collect()
    }

    /// (missed misspellings, different people tied) at threshold `t`.
    fn errors_at(t: f64, sim: fn(&[String], &[String]) -> f64) -> (usize, usize) {
        let mut missed = 0;
        let mut tied = 0;
        for &(a, b, same) in PAIRS {
            let s = sim(&folded(a), &folded(b));
            if same && s < t {
                missed += 1;
            }
            if !same && s >= t {
                tied += 1;
            }
        }
        (missed, tied)
    }

    #[test]
    fn threshold_separates_labelled_misspellings_from_other_people() {
        let whole: fn(&[String], &[String]) -> f64 =
            |a, b| strsim::jaro_winkler(&a.join(" "), &b.join(" "));
        let mut table = String::new();
        for t in [0.85, 0.88, 0.90, 0.91, 0.92, 0.93, 0.95] {
            let (m, f) = errors_at(t, name_similarity);
            let (wm, wf) = errors_at(t, whole);
            table.push_str(&format!(
                "T={t:.2} per-word: missed {m} tied {f} | whole-name: missed {wm} tied {wf}\n"
            ));
        }
        println!("{table}");
        let (m, f) = errors_at(MISSPELL_JW, name_similarity);
        assert!(m <= 2 && f <= 2, "{table}");
        // The per-word measure beats whole-name Jaro-Winkler at any threshold.
        let best_whole = [0.85, 0.88, 0.90, 0.92, 0.93, 0.95, 0.97]
            .iter()
            .map(|&t| {
                let (a, b) = errors_at(t, whole);
                a + b
            })
            .min()
            .unwrap_or(0);
        assert!(m + f < best_whole, "{table}");
        // Koichi Suga is not tied to Yoshihide Suga.
        assert!(name_similarity(&folded("Koichi Suga"), &folded("Yoshihide Suga")) < MISSPELL_JW);
    }
}
