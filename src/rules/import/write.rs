//! Rendering the imported tables (appended to the base's, in the base's
//! column order), checking they load, and writing them.

use super::base::{Base, Conflict, TABLES};
use super::build::Imported;
use super::{file_name, ImportError};
use crate::model::Date;
use crate::rules::{RulesError, Tables};
use std::collections::BTreeMap;
use std::path::Path;

const JURISDICTIONS: &str = "jurisdiction,terms,note";
const ROLES: &str = "role,jurisdiction,titles,holders,note";
const OFFICEHOLDERS: &str = "name,aliases,role,start,end,note";
const CONFLICTS: &str = "name,role,imported_start,imported_end,curated,statements,reason";

/// File name → text of every file to write.
pub type Files = BTreeMap<&'static str, String>;

/// The text of every file: the names tables (the base's rows first, then
/// the imported ones under a comment line), the base's other tables as
/// they are, and `conflicts.csv` when there is a base.
pub fn render(
    imported: &Imported,
    base: Option<&Base>,
    conflicts: &[Conflict],
    results: &Path,
) -> Files {
    let from = format!(
        "# imported from Wikidata ({}) by credence rules import",
        file_name(results)
    );
    let base_text = |name: &str| base.and_then(|b| b.texts.get(name)).map(String::as_str);
    let mut files = Files::new();
    let list = |v: &[String]| v.join("|");
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let jurisdictions: Vec<Vec<(&str, String)>> = imported
        .jurisdictions
        .iter()
        .map(|j| {
            vec![
                ("jurisdiction", j.id.clone()),
                ("terms", list(&j.terms)),
                ("note", j.note.clone()),
            ]
        })
        .collect();
    let roles: Vec<Vec<(&str, String)>> = imported
        .roles
        .iter()
        .map(|r| {
            vec![
                ("role", r.id.clone()),
                ("jurisdiction", r.jurisdiction.clone()),
                ("titles", list(&r.titles)),
                ("holders", r.holders.to_string()),
                ("note", r.note.clone()),
            ]
        })
        .collect();
    let terms: Vec<Vec<(&str, String)>> = imported
        .terms
        .iter()
        .map(|t| {
            vec![
                ("name", t.name.clone()),
                ("aliases", list(&t.aliases)),
                ("role", t.role.clone()),
                ("start", t.start.to_string()),
                ("end", date(t.end)),
                ("note", t.note.clone()),
            ]
        })
        .collect();
    for (name, header, rows) in [
        ("jurisdictions.csv", JURISDICTIONS, jurisdictions),
        ("roles.csv", ROLES, roles),
        ("officeholders.csv", OFFICEHOLDERS, terms),
    ] {
        files.insert(name, table(base_text(name), header, &from, &rows));
    }
    for name in &TABLES[3..] {
        if let Some(t) = base_text(name) {
            files.insert(name, t.to_string());
        }
    }
    if base.is_some() {
        let rows: Vec<Vec<(&str, String)>> = conflicts
            .iter()
            .map(|c| {
                vec![
                    ("name", c.name.clone()),
                    ("role", c.role.clone()),
                    ("imported_start", c.imported_start.to_string()),
                    ("imported_end", date(c.imported_end)),
                    ("curated", c.curated.clone()),
                    ("statements", c.statements.clone()),
                    ("reason", c.reason.clone()),
                ]
            })
            .collect();
        files.insert("conflicts.csv", table(None, CONFLICTS, "", &rows));
    }
    files
}

/// A table: the base text (or `header`), then the rows in its columns.
fn table(base: Option<&str>, header: &str, comment: &str, rows: &[Vec<(&str, String)>]) -> String {
    let (mut text, columns) = match base {
        Some(b) if !b.trim().is_empty() => {
            let mut t = b.to_string();
            if !t.ends_with('\n') {
                t.push('\n');
            }
            (t, columns_of(b).unwrap_or_else(|| split(header)))
        }
        _ => (format!("{header}\n"), split(header)),
    };
    if rows.is_empty() {
        return text;
    }
    if base.is_some() && !comment.is_empty() {
        text.push_str(comment);
        text.push('\n');
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for row in rows {
        let cells: Vec<&str> = columns
            .iter()
            .map(|c| {
                row.iter()
                    .find(|(k, _)| k == c)
                    .map(|(_, v)| v.as_str())
                    .unwrap_or("")
            })
            .collect();
        // Writing to a Vec cannot fail.
        let _ = w.write_record(&cells);
    }
    let bytes = w.into_inner().unwrap_or_default();
    text.push_str(&String::from_utf8_lossy(&bytes));
    text
}

fn split(header: &str) -> Vec<String> {
    header.split(',').map(String::from).collect()
}

/// The column names of a table's header row (comments skipped).
fn columns_of(text: &str) -> Option<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let h = r.headers().ok()?;
    Some(h.iter().map(|c| c.to_ascii_lowercase()).collect())
}

/// Checks that the files load as a rules folder, before writing any.
pub fn check(files: &Files, out: &Path) -> Result<(), ImportError> {
    let text = |n: &str| files.get(n).map(String::as_str);
    let parsed = Tables {
        jurisdictions: text("jurisdictions.csv"),
        roles: text("roles.csv"),
        officeholders: text("officeholders.csv"),
        facts: text("facts.csv"),
        scoring: text("scoring.csv"),
        grades: text("grades.csv"),
        tells: text("tells.csv"),
    }
    .parse();
    match parsed {
        Ok(_) => Ok(()),
        Err(RulesError::Invalid(problems)) => Err(ImportError::Invalid {
            path: out.to_path_buf(),
            problems: problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n"),
        }),
        Err(e) => Err(ImportError::Invalid {
            path: out.to_path_buf(),
            problems: e.to_string(),
        }),
    }
}

/// Writes every file into `out` (created if missing), each through a
/// temporary file renamed into place.
pub fn save(files: &Files, out: &Path) -> Result<(), ImportError> {
    let err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ImportError::Write { path, source }
    };
    std::fs::create_dir_all(out).map_err(err(out))?;
    for (name, text) in files {
        let path = out.join(name);
        let tmp = out.join(format!(".{name}.tmp"));
        std::fs::write(&tmp, text).map_err(err(&tmp))?;
        std::fs::rename(&tmp, &path).map_err(err(&path))?;
    }
    Ok(())
}
