//! From grouped statements to rows of the three names tables: dates and
//! their precision, skipped statements, merged terms, overlaps, holders.

use super::names::{clean, english_name, person_aliases, slug, titles};
use super::sparql::{is_acting, Item, Parsed, Statement, When};
use super::Counts;
use crate::model::Date;
use std::collections::{BTreeMap, BTreeSet};

/// A jurisdiction row.
#[derive(Clone, Debug, PartialEq)]
pub struct JurRow {
    pub id: String,
    pub qid: String,
    pub terms: Vec<String>,
    pub note: String,
}

/// A role row.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleRow {
    pub id: String,
    pub qid: String,
    pub jurisdiction: String,
    pub titles: Vec<String>,
    pub holders: u32,
    pub note: String,
}

/// An officeholders row.
#[derive(Clone, Debug, PartialEq)]
pub struct TermRow {
    pub name: String,
    pub aliases: Vec<String>,
    pub role: String,
    pub start: Date,
    pub end: Option<Date>,
    pub note: String,
    pub statements: Vec<String>,
}

/// The imported tables.
#[derive(Clone, Debug, Default)]
pub struct Imported {
    pub jurisdictions: Vec<JurRow>,
    pub roles: Vec<RoleRow>,
    pub terms: Vec<TermRow>,
}

/// One term while it is being merged and trimmed.
#[derive(Clone, Debug)]
struct Span {
    person: String,
    position: String,
    start: Date,
    /// False for a year- or month-precision start.
    start_exact: bool,
    end: Option<Date>,
    /// False for a year- or month-precision, missing or unknown end.
    end_exact: bool,
    /// The end is Wikidata's "unknown value".
    end_unknown: bool,
    statements: Vec<String>,
    notes: BTreeSet<&'static str>,
}

/// Builds the tables from `parsed`, counting every rough edge in `counts`.
pub fn build(parsed: &Parsed, counts: &mut Counts) -> Imported {
    counts.rows = parsed.rows;
    counts.statements = parsed.statements.len();
    let mut names = Names::new(&parsed.items);
    let mut spans = Vec::new();
    for st in &parsed.statements {
        if let Some(span) = span_of(st, &parsed.items, &mut names, counts) {
            spans.push(span);
        }
    }
    let spans = merge_same_person(spans, counts);
    let mut by_position: BTreeMap<String, Vec<Span>> = BTreeMap::new();
    for s in spans {
        by_position.entry(s.position.clone()).or_default().push(s);
    }
    let mut out = Imported::default();
    let mut jurs: BTreeMap<String, JurRow> = BTreeMap::new();
    let mut role_ids = BTreeSet::new();
    for (position, spans) in by_position {
        let spans = resolve_overlaps(spans, counts);
        if spans.is_empty() {
            continue;
        }
        let holders = most_at_once(&spans);
        if holders > 1 {
            counts.holders_raised += 1;
        }
        let Some(jq) = parsed.items[&position].jurisdiction.clone() else {
            continue;
        };
        let jur = jurs
            .entry(jq.clone())
            .or_insert_with(|| names.jurisdiction(&jq));
        let role = names.role(&position, jur, holders, &mut role_ids);
        for s in spans {
            out.terms.push(names.term(&s, &role.id));
        }
        out.roles.push(role);
    }
    counts.label_fallback = names.fallbacks.len();
    out.jurisdictions = jurs.into_values().collect();
    out.jurisdictions.sort_by(|a, b| a.id.cmp(&b.id));
    out.roles
        .sort_by(|a, b| (&a.jurisdiction, &a.id).cmp(&(&b.jurisdiction, &b.id)));
    out.terms
        .sort_by(|a, b| (&a.role, a.start, &a.name).cmp(&(&b.role, b.start, &b.name)));
    out
}

/// The term a statement states, or `None` (counted) when it is skipped:
/// deprecated, acting, an unknown person or position, no name, no start.
fn span_of(
    st: &Statement,
    items: &BTreeMap<String, Item>,
    names: &mut Names,
    counts: &mut Counts,
) -> Option<Span> {
    if st.deprecated {
        counts.deprecated += 1;
        return None;
    }
    let (Some(person), Some(position)) = (&st.person, &st.position) else {
        counts.unknown += 1;
        return None;
    };
    if items[position].jurisdiction.is_none() {
        counts.unknown += 1;
        return None;
    }
    let position_acting = items[position]
        .labels
        .iter()
        .any(|l| (l.lang == "en" || l.lang.is_empty()) && is_acting(&l.value));
    if st.acting || position_acting {
        counts.acting += 1;
        return None;
    }
    if names.name(person).is_none() || names.name(position).is_none() {
        counts.unnamed += 1;
        return None;
    }
    let mut notes = BTreeSet::new();
    let (start, start_exact) = match pick(&st.starts, false) {
        When::Known(d, p) => {
            if p < 11 {
                counts.imprecise += 1;
                notes.insert(if p == 10 {
                    "start month precision"
                } else {
                    "start year precision"
                });
            }
            (period_start(d, p), p >= 11)
        }
        When::Unknown => {
            counts.unknown += 1;
            return None;
        }
        When::Missing => {
            counts.no_start += 1;
            return None;
        }
    };
    let (end, end_exact, end_unknown) = match pick(&st.ends, true) {
        When::Known(d, p) => {
            if p < 11 {
                counts.imprecise += 1;
                notes.insert(if p == 10 {
                    "end month precision"
                } else {
                    "end year precision"
                });
            }
            (Some(period_end(d, p)), p >= 11, false)
        }
        When::Unknown => {
            counts.unknown += 1;
            (None, false, true)
        }
        When::Missing => {
            counts.no_end += 1;
            (None, false, false)
        }
    };
    if end.is_some_and(|e| e <= start) {
        counts.reversed += 1;
        return None;
    }
    Some(Span {
        person: person.clone(),
        position: position.clone(),
        start,
        start_exact,
        end,
        end_exact,
        end_unknown,
        statements: vec![st.id.clone()],
        notes,
    })
}

/// The date to use among those a statement's rows give: a known one (the
/// earliest start, the latest end), else unknown, else missing.
fn pick(values: &BTreeSet<When>, latest: bool) -> When {
    let known = values.iter().filter(|w| matches!(w, When::Known(..)));
    let k = if latest { known.max() } else { known.min() };
    match k {
        Some(w) => *w,
        None if values.contains(&When::Unknown) => When::Unknown,
        None => When::Missing,
    }
}

/// The first day of the period a date of this precision names.
pub fn period_start(d: Date, precision: u8) -> Date {
    match precision {
        11.. => d,
        10 => Date::new(d.year, d.month, 1).unwrap_or(d),
        _ => Date::new(d.year, 1, 1).unwrap_or(d),
    }
}

/// The first day after the period a date of this precision names (an end
/// is exclusive, so a term ending "in 2015" ends on 2016-01-01).
pub fn period_end(d: Date, precision: u8) -> Date {
    match precision {
        11.. => d,
        10 if d.month == 12 => Date::new(d.year + 1, 1, 1).unwrap_or(d),
        10 => Date::new(d.year, d.month + 1, 1).unwrap_or(d),
        _ => Date::new(d.year + 1, 1, 1).unwrap_or(d),
    }
}

/// Terms of one person in one position that overlap or meet (the same
/// term stated twice, or back-to-back terms) become one.
fn merge_same_person(mut spans: Vec<Span>, counts: &mut Counts) -> Vec<Span> {
    spans.sort_by(|a, b| (&a.position, &a.person, a.start).cmp(&(&b.position, &b.person, b.start)));
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        if let Some(last) = out.last_mut() {
            let meets = last.end.is_none_or(|e| s.start <= e);
            if last.person == s.person && last.position == s.position && meets {
                counts.merged += 1;
                let later_end = match (last.end, s.end) {
                    (None, _) => last.end_unknown && !s.end_unknown,
                    (Some(_), None) => true,
                    (Some(a), Some(b)) => b > a,
                };
                if later_end {
                    last.end = s.end;
                    last.end_exact = s.end_exact;
                    last.end_unknown = s.end_unknown;
                }
                last.statements.extend(s.statements);
                last.notes.extend(s.notes);
                continue;
            }
        }
        out.push(s);
    }
    out
}

/// Overlapping terms of different people in one position: an earlier term
/// whose end is imprecise, missing or unknown ends where the later starts;
/// else a later term whose start is imprecise starts where the earlier
/// ends; else both stand (the role then has several holders). A term with
/// an unknown end that no later term closes is dropped (it is not known to
/// be current).
fn resolve_overlaps(mut spans: Vec<Span>, counts: &mut Counts) -> Vec<Span> {
    spans.sort_by(|a, b| (a.start, &a.person).cmp(&(b.start, &b.person)));
    for i in 1..spans.len() {
        for j in 0..i {
            let (head, tail) = spans.split_at_mut(i);
            let (earlier, later) = (&mut head[j], &mut tail[0]);
            let running = earlier.end.is_none_or(|e| e > later.start);
            if !running {
                continue;
            }
            if !earlier.end_exact && earlier.start < later.start {
                counts.truncated += 1;
                earlier.end = Some(later.start);
                earlier.end_exact = true;
                earlier.end_unknown = false;
                earlier.notes.insert("end set to the next holder's start");
            } else if !later.start_exact {
                if let Some(e) = earlier.end.filter(|e| later.end.is_none_or(|l| *e < l)) {
                    counts.truncated += 1;
                    later.start = e;
                    later.start_exact = true;
                    later.notes.insert("start set to the previous holder's end");
                }
            }
        }
    }
    spans.retain(|s| !(s.end.is_none() && s.end_unknown) && s.end.is_none_or(|e| e > s.start));
    spans
}

/// The greatest number of terms running on one day.
fn most_at_once(spans: &[Span]) -> u32 {
    spans
        .iter()
        .map(|s| {
            spans
                .iter()
                .filter(|o| o.start <= s.start && o.end.is_none_or(|e| e > s.start))
                .count() as u32
        })
        .max()
        .unwrap_or(1)
}

/// Names of items, remembering which needed a fallback.
struct Names<'a> {
    items: &'a BTreeMap<String, Item>,
    fallbacks: BTreeSet<String>,
}

impl<'a> Names<'a> {
    fn new(items: &'a BTreeMap<String, Item>) -> Self {
        Names {
            items,
            fallbacks: BTreeSet::new(),
        }
    }

    fn name(&mut self, id: &str) -> Option<String> {
        let (name, fallback) = english_name(self.items.get(id)?)?;
        if fallback {
            self.fallbacks.insert(id.to_string());
        }
        Some(name)
    }

    /// The jurisdiction row of item `q`: its name, aliases (a leading
    /// "the" dropped), demonyms and the possessive of its names.
    fn jurisdiction(&mut self, q: &str) -> JurRow {
        let name = self.name(q).unwrap_or_else(|| q.to_string());
        let item = &self.items[q];
        let mut terms: Vec<String> = Vec::new();
        let mut add = |t: &str| {
            let t = clean(t);
            let t = t.strip_prefix("the ").unwrap_or(&t).to_string();
            if t.chars().count() >= 2
                && !t.chars().any(|c| c.is_ascii_digit())
                && !super::names::is_qid(&t)
                && !terms.contains(&t)
            {
                terms.push(t);
            }
        };
        let names: Vec<&str> = std::iter::once(name.as_str())
            .chain(item.aliases.iter().map(String::as_str))
            .collect();
        for n in &names {
            add(n);
        }
        for d in &item.demonyms {
            add(d);
        }
        for n in &names {
            let n = n.strip_prefix("the ").unwrap_or(n);
            add(&format!("{n}'s"));
        }
        JurRow {
            id: slug(&name, q),
            qid: q.to_string(),
            terms,
            note: format!("wikidata {q}"),
        }
    }

    /// The role row of position `q`, with a fresh id.
    fn role(&mut self, q: &str, jur: &JurRow, holders: u32, ids: &mut BTreeSet<String>) -> RoleRow {
        let name = self.name(q).unwrap_or_else(|| q.to_string());
        let forms: Vec<String> = jur.terms.clone();
        let titles = titles(&name, &self.items[q], &forms);
        let mut id = format!("{}_{}", jur.id, slug(&titles[0], q));
        if !ids.insert(id.clone()) {
            id = format!("{id}_{}", q.to_lowercase());
            ids.insert(id.clone());
        }
        RoleRow {
            id,
            qid: q.to_string(),
            jurisdiction: jur.id.clone(),
            titles,
            holders,
            note: format!("wikidata {q} ({name})"),
        }
    }

    fn term(&mut self, s: &Span, role: &str) -> TermRow {
        let name = self.name(&s.person).unwrap_or_else(|| s.person.clone());
        let aliases = person_aliases(&name, &self.items[&s.person]);
        let mut note = format!(
            "wikidata person {} position {} statement {}",
            s.person,
            s.position,
            s.statements.join(" ")
        );
        for n in &s.notes {
            note.push_str("; ");
            note.push_str(n);
        }
        TermRow {
            name,
            aliases,
            role: role.to_string(),
            start: s.start,
            end: s.end,
            note,
            statements: s.statements.clone(),
        }
    }
}
