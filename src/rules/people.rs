//! The names tables: jurisdictions, roles and officeholders (terms of
//! office), and the overlap check between terms of one role.

use super::table::{parse_rows, problem, split_list, Row, Seen};
use super::Problem;
use crate::model::Date;

/// A jurisdiction and the words that qualify a title with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Jurisdiction {
    pub line: u32,
    pub name: String,
    pub terms: Vec<String>,
}

/// An office, in one jurisdiction, and the titles the press uses for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Role {
    pub line: u32,
    pub role: String,
    pub jurisdiction: String,
    pub titles: Vec<String>,
    /// How many people hold it at once; `None` for "many" (no overlap check).
    pub holders: Option<u32>,
    pub note: String,
}

/// One term of office of one person.
#[derive(Clone, Debug, PartialEq)]
pub struct Officeholder {
    pub line: u32,
    pub name: String,
    pub aliases: Vec<String>,
    pub role: String,
    /// Inclusive.
    pub start: Date,
    /// Exclusive; `None` while in office.
    pub end: Option<Date>,
    pub note: String,
}

impl Officeholder {
    /// True when the person held the role on `date`.
    pub fn serves_on(&self, date: Date) -> bool {
        self.start <= date && self.end.is_none_or(|e| date < e)
    }
}

/// jurisdictions.csv: one row per jurisdiction.
pub(super) fn parse_jurisdictions(text: &str, problems: &mut Vec<Problem>) -> Vec<Jurisdiction> {
    let mut seen = Seen::new();
    parse_rows(
        "jurisdictions.csv",
        text,
        &["jurisdiction", "terms"],
        problems,
        |row, _| parse_jurisdiction(row, &mut seen),
    )
}

fn parse_jurisdiction(row: &Row, seen: &mut Seen<String>) -> Result<Jurisdiction, Problem> {
    let name = row.get("jurisdiction").to_string();
    if name.is_empty() {
        return Err(row.problem("empty jurisdiction"));
    }
    seen.first(name.clone(), row, || format!("jurisdiction {name:?}"))?;
    Ok(Jurisdiction {
        line: row.line,
        terms: split_list(row.get("terms")),
        name,
    })
}

/// roles.csv: one row per office, in a jurisdiction of `jurisdictions`.
pub(super) fn parse_roles(
    text: &str,
    jurisdictions: &[Jurisdiction],
    problems: &mut Vec<Problem>,
) -> Vec<Role> {
    let mut seen = Seen::new();
    parse_rows(
        "roles.csv",
        text,
        &["role", "jurisdiction", "titles"],
        problems,
        |row, notes| parse_role(row, jurisdictions, &mut seen, notes),
    )
}

/// One role. An unknown jurisdiction, no titles or a bad holders cell are
/// noted in `notes` and the row is kept (holders then 1).
fn parse_role(
    row: &Row,
    jurisdictions: &[Jurisdiction],
    seen: &mut Seen<String>,
    notes: &mut Vec<Problem>,
) -> Result<Role, Problem> {
    let role = row.get("role").to_string();
    let jur = row.get("jurisdiction").to_string();
    if role.is_empty() {
        return Err(row.problem("empty role"));
    }
    seen.first(role.clone(), row, || format!("role {role:?}"))?;
    if !jurisdictions.iter().any(|j| j.name == jur) {
        notes.push(row.problem(format!(
            "unknown jurisdiction {jur:?} (not in jurisdictions.csv)"
        )));
    }
    let titles = split_list(row.get("titles"));
    if titles.is_empty() {
        notes.push(row.problem(format!("role {role:?} has no titles")));
    }
    let holders = parse_holders(row).unwrap_or_else(|problem| {
        notes.push(problem);
        Some(1)
    });
    Ok(Role {
        line: row.line,
        role,
        jurisdiction: jur,
        titles,
        holders,
        note: row.get("note").to_string(),
    })
}

/// The holders cell: empty or a positive number (`Some`), `many` or `*`
/// (`None`: no limit).
fn parse_holders(row: &Row) -> Result<Option<u32>, Problem> {
    match row.get("holders").trim() {
        "" | "1" => Ok(Some(1)),
        "many" | "*" => Ok(None),
        other => match other.parse::<u32>() {
            Ok(n) if n > 0 => Ok(Some(n)),
            _ => Err(row.problem(format!(
                "holders must be a positive number or `many`, not {other:?}"
            ))),
        },
    }
}

/// officeholders.csv: one row per term of office, in a role of `roles`.
pub(super) fn parse_officeholders(
    text: &str,
    roles: &[Role],
    problems: &mut Vec<Problem>,
) -> Vec<Officeholder> {
    let mut seen = Seen::new();
    parse_rows(
        "officeholders.csv",
        text,
        &["name", "aliases", "role", "start", "end", "note"],
        problems,
        |row, notes| parse_officeholder(row, roles, &mut seen, notes),
    )
}

/// One term. An unknown role is noted in `notes` and the row is kept.
fn parse_officeholder(
    row: &Row,
    roles: &[Role],
    seen: &mut Seen<(String, String, Date)>,
    notes: &mut Vec<Problem>,
) -> Result<Officeholder, Problem> {
    let name = row.get("name").to_string();
    let role = row.get("role").to_string();
    if name.is_empty() {
        return Err(row.problem("empty name"));
    }
    if !roles.iter().any(|r| r.role == role) {
        notes.push(row.problem(format!("unknown role {role:?} (not in roles.csv)")));
    }
    let (start, end) = parse_term(row)?;
    let key = (name.clone(), role.clone(), start);
    seen.first(key, row, || format!("row: {name} as {role} from {start}"))?;
    Ok(Officeholder {
        line: row.line,
        aliases: split_list(row.get("aliases")),
        name,
        role,
        start,
        end,
        note: row.get("note").to_string(),
    })
}

/// The start and end of a term: ISO dates, the end empty while in office
/// and otherwise after the start.
fn parse_term(row: &Row) -> Result<(Date, Option<Date>), Problem> {
    let Some(start) = Date::parse_iso(row.get("start")) else {
        return Err(row.problem(format!(
            "start {:?} is not a date (YYYY-MM-DD)",
            row.get("start")
        )));
    };
    let end = match row.get("end") {
        "" => None,
        e => match Date::parse_iso(e) {
            Some(d) => Some(d),
            None => {
                return Err(row.problem(format!("end {e:?} is not a date (YYYY-MM-DD) or empty")))
            }
        },
    };
    if let Some(e) = end {
        if e <= start {
            return Err(row.problem(format!(
                "end {e} is not after start {start} (reversed dates?)"
            )));
        }
    }
    Ok((start, end))
}

/// Flags overlapping terms in roles with a limited number of holders.
pub(super) fn check_overlaps(roles: &[Role], officeholders: &[Officeholder]) -> Vec<Problem> {
    let mut p = Vec::new();
    for role in roles {
        let Some(limit) = role.holders else { continue };
        let mut terms: Vec<&Officeholder> = officeholders
            .iter()
            .filter(|o| o.role == role.role)
            .collect();
        terms.sort_by_key(|o| (o.start, o.line));
        // Sweep: at each term's start, count terms still running.
        for (i, t) in terms.iter().enumerate() {
            let running: Vec<&&Officeholder> = terms[..i]
                .iter()
                .filter(|o| o.end.is_none_or(|e| e > t.start))
                .collect();
            if running.len() as u32 >= limit {
                let other = running[running.len() - 1];
                p.push(problem(
                    "officeholders.csv",
                    t.line,
                    &format!(
                        "{} starts as {} on {} while {} (line {}) still holds it; the role has {} holder(s)",
                        t.name, role.role, t.start, other.name, other.line, limit
                    ),
                ));
            }
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::super::table::tests::rows;
    use super::*;

    fn strings(problems: &[Problem]) -> Vec<String> {
        problems.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn jurisdictions_need_a_unique_name() {
        let mut problems = Vec::new();
        let j = parse_jurisdictions(
            "jurisdiction,terms\nxland,Xland|Xlandic\n,empty\nxland,dup\n",
            &mut problems,
        );
        assert_eq!(j.len(), 1);
        assert_eq!((j[0].line, j[0].terms.len()), (2, 2));
        assert_eq!(
            strings(&problems),
            [
                "jurisdictions.csv:3: empty jurisdiction",
                "jurisdictions.csv:4: duplicate jurisdiction \"xland\" (first at line 2)",
            ]
        );
    }

    #[test]
    fn holders_are_a_positive_number_or_many() {
        let rows = rows("roles.csv", "holders\n\n1\n3\nmany\n*\n0\nx\n");
        let got: Vec<Result<Option<u32>, String>> = rows
            .iter()
            .map(|r| parse_holders(r).map_err(|p| p.message))
            .collect();
        let bad = |s: &str| {
            Err(format!(
                "holders must be a positive number or `many`, not {s:?}"
            ))
        };
        // The empty row is skipped by the CSV reader.
        assert_eq!(
            got,
            [
                Ok(Some(1)),
                Ok(Some(3)),
                Ok(None),
                Ok(None),
                bad("0"),
                bad("x")
            ]
        );
    }

    #[test]
    fn a_role_with_notes_is_kept() {
        let rows = rows(
            "roles.csv",
            "role,jurisdiction,titles,holders\nx_pm,yland,,0\n,xland,PM,\n",
        );
        let mut seen = Seen::new();
        let mut notes = Vec::new();
        let role = parse_role(&rows[0], &[], &mut seen, &mut notes).unwrap();
        assert_eq!(role.holders, Some(1));
        assert_eq!(
            strings(&notes),
            [
                "roles.csv:2: unknown jurisdiction \"yland\" (not in jurisdictions.csv)",
                "roles.csv:2: role \"x_pm\" has no titles",
                "roles.csv:2: holders must be a positive number or `many`, not \"0\"",
            ]
        );
        let err = parse_role(&rows[1], &[], &mut seen, &mut notes).unwrap_err();
        assert_eq!(err.to_string(), "roles.csv:3: empty role");
        assert_eq!(notes.len(), 3);
    }

    #[test]
    fn terms_have_dates_in_order() {
        let rows = rows(
            "officeholders.csv",
            "start,end\n2020-01-01,\n2020-01-01,2021-01-01\nsoon,\n2020-01-01,later\n2020-01-01,2020-01-01\n",
        );
        let got: Vec<Result<(Date, Option<Date>), String>> = rows
            .iter()
            .map(|r| parse_term(r).map_err(|p| p.message))
            .collect();
        let d = |s| Date::parse_iso(s).unwrap();
        assert_eq!(
            got,
            [
                Ok((d("2020-01-01"), None)),
                Ok((d("2020-01-01"), Some(d("2021-01-01")))),
                Err("start \"soon\" is not a date (YYYY-MM-DD)".into()),
                Err("end \"later\" is not a date (YYYY-MM-DD) or empty".into()),
                Err("end 2020-01-01 is not after start 2020-01-01 (reversed dates?)".into()),
            ]
        );
    }

    #[test]
    fn officeholders_in_unknown_roles_are_kept_and_noted() {
        let mut problems = Vec::new();
        let roles = parse_roles(
            "role,jurisdiction,titles\nx_pm,xland,PM\n",
            &parse_jurisdictions("jurisdiction,terms\nxland,X\n", &mut problems),
            &mut problems,
        );
        let o = parse_officeholders(
            "name,aliases,role,start,end,note\nAnn,,nope,2020-01-01,,s\nBo,,x_pm,bad,,s\n,,x_pm,2020-01-01,,s\nAnn,,nope,2020-01-01,,s\n",
            &roles,
            &mut problems,
        );
        assert_eq!(o.len(), 1);
        assert_eq!(o[0].name, "Ann");
        assert_eq!(
            strings(&problems),
            [
                "officeholders.csv:2: unknown role \"nope\" (not in roles.csv)",
                "officeholders.csv:3: start \"bad\" is not a date (YYYY-MM-DD)",
                "officeholders.csv:4: empty name",
                "officeholders.csv:5: unknown role \"nope\" (not in roles.csv)",
                "officeholders.csv:5: duplicate row: Ann as nope from 2020-01-01 (first at line 2)",
            ]
        );
    }

    #[test]
    fn overlaps_count_against_the_holder_limit() {
        let mut problems = Vec::new();
        let jurisdictions = parse_jurisdictions("jurisdiction,terms\nx,X\n", &mut problems);
        let roles = parse_roles(
            "role,jurisdiction,titles,holders\npm,x,PM,1\nmp,x,MP,many\nduo,x,Duo,2\n",
            &jurisdictions,
            &mut problems,
        );
        let holders = parse_officeholders(
            "name,aliases,role,start,end,note\n\
             A,,pm,2020-01-01,2022-01-01,s\nB,,pm,2021-01-01,,s\nC,,pm,2022-01-01,,s\n\
             D,,mp,2020-01-01,,s\nE,,mp,2020-01-01,,s\n\
             F,,duo,2020-01-01,,s\nG,,duo,2020-01-01,,s\n",
            &roles,
            &mut problems,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            strings(&check_overlaps(&roles, &holders)),
            [
                "officeholders.csv:3: B starts as pm on 2021-01-01 while A (line 2) still holds it; the role has 1 holder(s)",
                "officeholders.csv:4: C starts as pm on 2022-01-01 while B (line 3) still holds it; the role has 1 holder(s)",
            ]
        );
    }
}
