//! Reading SPARQL 1.1 JSON results into P39 statements grouped by their
//! statement id, with the labels of their items gathered across rows.

use super::ImportError;
use crate::model::Date;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// Variables every query must select (an error names the first missing).
pub const REQUIRED: [&str; 10] = [
    "statement",
    "person",
    "personLabel",
    "position",
    "positionLabel",
    "jurisdiction",
    "jurisdictionLabel",
    "start",
    "end",
    "rank",
];

#[derive(Deserialize)]
struct Results {
    head: Head,
    results: Bindings,
}

#[derive(Deserialize)]
struct Head {
    vars: Vec<String>,
}

#[derive(Deserialize)]
struct Bindings {
    bindings: Vec<HashMap<String, Term>>,
}

/// One RDF term of a result row.
#[derive(Clone, Debug, Deserialize)]
pub struct Term {
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
    #[serde(rename = "xml:lang")]
    pub lang: Option<String>,
}

impl Term {
    /// Wikidata's "unknown value": a blank node, a `.well-known/genid` URI
    /// or the literal `unknown`.
    pub fn is_unknown(&self) -> bool {
        self.kind == "bnode"
            || self.value.contains("/.well-known/genid/")
            || (self.kind != "uri" && self.value.trim().eq_ignore_ascii_case("unknown"))
    }

    /// The last path segment of a URI (`Q17`, `Q312-1F2E…`).
    fn id(&self) -> String {
        let v = self.value.trim_end_matches('/');
        v.rsplit(['/', '#']).next().unwrap_or(v).to_string()
    }
}

/// A literal and its language tag.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Label {
    pub value: String,
    pub lang: String,
}

/// What the rows say about one item (person, position or jurisdiction).
#[derive(Clone, Debug, Default)]
pub struct Item {
    pub labels: BTreeSet<Label>,
    /// Aliases in the order first seen.
    pub aliases: Vec<String>,
    /// Native-script labels (`personNative`).
    pub natives: BTreeSet<Label>,
    /// Demonyms (`demonym`, jurisdictions only).
    pub demonyms: Vec<String>,
    /// The jurisdiction of a position (its first).
    pub jurisdiction: Option<String>,
}

/// A start or end date as stated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum When {
    /// No qualifier.
    Missing,
    /// "unknown value", or a literal that is not a date.
    Unknown,
    /// A date and its precision (9 year, 10 month, 11 day).
    Known(Date, u8),
}

/// One P39 statement, its rows merged.
#[derive(Clone, Debug)]
pub struct Statement {
    pub id: String,
    pub person: Option<String>,
    pub position: Option<String>,
    pub starts: BTreeSet<When>,
    pub ends: BTreeSet<When>,
    pub deprecated: bool,
    pub acting: bool,
}

/// Everything read from one results file.
#[derive(Debug, Default)]
pub struct Parsed {
    pub rows: usize,
    pub statements: Vec<Statement>,
    pub items: BTreeMap<String, Item>,
}

/// Reads and groups the results in `path`.
pub fn read(path: &Path) -> Result<Parsed, ImportError> {
    let file = std::fs::File::open(path).map_err(|source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let results: Results =
        serde_json::from_reader(std::io::BufReader::new(file)).map_err(|source| {
            ImportError::Json {
                path: path.to_path_buf(),
                line: source.line(),
                column: source.column(),
                source,
            }
        })?;
    if let Some(var) = REQUIRED
        .iter()
        .find(|v| !results.head.vars.iter().any(|h| h == *v))
    {
        return Err(ImportError::MissingVariable {
            path: path.to_path_buf(),
            var: (*var).to_string(),
        });
    }
    let mut parsed = Parsed {
        rows: results.results.bindings.len(),
        ..Parsed::default()
    };
    let mut index: HashMap<String, usize> = HashMap::new();
    for (n, row) in results.results.bindings.iter().enumerate() {
        add_row(&mut parsed, &mut index, row).map_err(|(var, message)| ImportError::BadValue {
            path: path.to_path_buf(),
            row: n + 1,
            var: var.to_string(),
            message,
        })?;
    }
    Ok(parsed)
}

type RowError = (&'static str, String);

/// Adds one result row to its statement and items.
fn add_row(
    parsed: &mut Parsed,
    index: &mut HashMap<String, usize>,
    row: &HashMap<String, Term>,
) -> Result<(), RowError> {
    let need = |var: &'static str| {
        row.get(var)
            .ok_or((var, "no value in this row".to_string()))
    };
    let statement = need("statement")?.id();
    let person = row.get("person").and_then(item_id);
    let position = row.get("position").and_then(item_id);
    let jurisdiction = row.get("jurisdiction").and_then(item_id);
    let i = *index.entry(statement.clone()).or_insert_with(|| {
        parsed.statements.push(Statement {
            id: statement.clone(),
            person: person.clone(),
            position: position.clone(),
            starts: BTreeSet::new(),
            ends: BTreeSet::new(),
            deprecated: false,
            acting: false,
        });
        parsed.statements.len() - 1
    });
    let st = &mut parsed.statements[i];
    st.starts.insert(when(row, "start", "startPrecision")?);
    st.ends.insert(when(row, "end", "endPrecision")?);
    if let Some(rank) = row.get("rank") {
        st.deprecated |= rank.value.ends_with("DeprecatedRank");
    }
    if let Some(nature) = row.get("natureLabel").or_else(|| row.get("nature")) {
        st.acting |= is_acting(&nature.value);
    }
    if let Some(p) = &person {
        let item = parsed.items.entry(p.clone()).or_default();
        gather(item, row, "personLabel", "personAltLabel");
        if let Some(t) = row.get("personNative").filter(|t| !t.is_unknown()) {
            item.natives.insert(label(t));
        }
    }
    if let Some(p) = &position {
        let item = parsed.items.entry(p.clone()).or_default();
        gather(item, row, "positionLabel", "positionAltLabel");
        if item.jurisdiction.is_none() {
            item.jurisdiction = jurisdiction.clone();
        }
    }
    if let Some(j) = &jurisdiction {
        let item = parsed.items.entry(j.clone()).or_default();
        gather(item, row, "jurisdictionLabel", "jurisdictionAltLabel");
        if let Some(t) = row.get("demonym").filter(|t| !t.is_unknown()) {
            push_new(&mut item.demonyms, t.value.trim());
        }
    }
    Ok(())
}

/// True for a statement nature or position label that marks a stand-in.
pub fn is_acting(text: &str) -> bool {
    let t = text.to_lowercase();
    ["acting", "interim", "caretaker", "provisional", "temporary"]
        .iter()
        .any(|w| t.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w))
}

/// The item id of a URI term; `None` for "unknown value".
fn item_id(t: &Term) -> Option<String> {
    (!t.is_unknown()).then(|| t.id())
}

fn label(t: &Term) -> Label {
    Label {
        value: t.value.trim().to_string(),
        lang: t.lang.clone().unwrap_or_default().to_lowercase(),
    }
}

fn push_new(list: &mut Vec<String>, value: &str) {
    if !value.is_empty() && !list.iter().any(|v| v == value) {
        list.push(value.to_string());
    }
}

/// Adds a row's label and its comma-separated aliases to `item`.
fn gather(item: &mut Item, row: &HashMap<String, Term>, label_var: &str, alt_var: &str) {
    if let Some(t) = row.get(label_var).filter(|t| !t.is_unknown()) {
        if !t.value.trim().is_empty() {
            item.labels.insert(label(t));
        }
    }
    if let Some(t) = row.get(alt_var).filter(|t| !t.is_unknown()) {
        for alias in t.value.split(", ") {
            push_new(&mut item.aliases, alias.trim());
        }
    }
}

/// A date variable and its precision; an absent precision means a day.
fn when(
    row: &HashMap<String, Term>,
    var: &'static str,
    prec: &'static str,
) -> Result<When, RowError> {
    let Some(t) = row.get(var) else {
        return Ok(When::Missing);
    };
    if t.is_unknown() {
        return Ok(When::Unknown);
    }
    let precision = match row.get(prec) {
        None => 11,
        Some(p) => p.value.trim().parse::<u8>().map_err(|_| {
            (
                prec,
                format!("{:?} is not a precision (9, 10 or 11)", p.value),
            )
        })?,
    };
    Ok(match parse_datetime(&t.value) {
        Some(d) => When::Known(d, precision.min(11)),
        None => When::Unknown,
    })
}

/// The date of an xsd:dateTime (`2012-12-26T00:00:00Z`; a zero month or
/// day, as Wikidata writes year and month precision, counts as 1).
pub fn parse_datetime(s: &str) -> Option<Date> {
    let s = s.trim().strip_prefix('+').unwrap_or(s.trim());
    let head = s.split('T').next()?;
    let mut parts = head.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next().unwrap_or("1").parse().ok()?;
    let day: u8 = parts.next().unwrap_or("1").parse().ok()?;
    Date::new(year, month.max(1), day.max(1))
}
