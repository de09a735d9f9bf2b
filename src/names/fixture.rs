//! Test fixture: a small officeholder table (two jurisdictions, five
//! roles, seven people) and helpers running the check on a text.
//!
//! Numbers: jurisdictions norland 0, sudria 1; roles no_pm 0, no_fin 1,
//! no_for 2, no_pres 3, su_pres 4; persons in table order (Ivan Petrov 0,
//! Åsa Lindqvist 1, Jan van der Berg 2, Maroš Šefčovič 3, Keiko Tanabe 4,
//! Olav Brekke 5, Luis Ortega 6), officeholders.csv lines 2 to 8.

use super::{check, NameIndex};
use crate::model::{Date, Finding, ParaMark};
use crate::rules::Rules;
use crate::segment::article_from_text;

pub(super) const J: &str = "jurisdiction,terms\n\
    norland,Norland|Norlandic|Norland's|Nordby\n\
    sudria,Sudria|Sudrian|Sudria's\n";
pub(super) const R: &str = "role,jurisdiction,titles,holders\n\
    no_pm,norland,Prime Minister|PM|premier,1\n\
    no_fin,norland,Finance Minister|Minister of Finance|Minister,1\n\
    no_for,norland,Foreign Minister|Minister,1\n\
    no_pres,norland,President,1\n\
    su_pres,sudria,President,1\n";
// Line numbers: 2.. in order.
pub(super) const O: &str = "name,aliases,role,start,end,note\n\
    Ivan Petrov,Petrov Ivan|Иван Петров,no_pm,2018-03-01,2024-06-15,t\n\
    Åsa Lindqvist,Lindqvist Åsa|Аса Линдквист,no_pm,2024-06-15,,t\n\
    Jan van der Berg,,no_fin,2020-01-01,,t\n\
    Maroš Šefčovič,,no_for,2019-01-01,2025-01-01,t\n\
    Keiko Tanabe,Tanabe Keiko|田辺恵子,no_for,2025-01-01,,t\n\
    Olav Brekke,,no_pres,2015-01-01,,t\n\
    Luis Ortega,Ортега,su_pres,2020-01-01,,t\n";

pub(super) fn index() -> NameIndex {
    let rules = Rules::parse(Some(J), Some(R), Some(O), None, None, None).unwrap();
    NameIndex::new(&rules)
}

pub(super) fn run_on(text: &str, date: &str) -> Vec<Finding> {
    let a = article_from_text(0, "t.txt", text, Date::parse_iso(date).unwrap());
    let marks = vec![ParaMark::Content; a.paragraphs.len()];
    check(&a, &marks, &index()).findings
}

pub(super) fn kinds(text: &str, date: &str) -> Vec<(String, String, String)> {
    run_on(text, date)
        .into_iter()
        .map(|f| (f.kind.as_str().to_string(), f.mention, f.expected))
        .collect()
}

pub(super) fn one(text: &str, date: &str) -> (String, String) {
    let k = kinds(text, date);
    assert_eq!(k.len(), 1, "{text}: {k:?}");
    (k[0].0.clone(), k[0].2.clone())
}

pub(super) const D: &str = "2026-02-01";
