//! facts.csv: checked reference values for claims.

use super::table::{parse_number, parse_rows, split_list, Row, Seen};
use super::Problem;

/// A checked reference value for a claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub line: u32,
    pub fact: String,
    pub value: f64,
    pub unit: String,
    /// Phrases that identify the claim in text.
    pub cues: Vec<String>,
    pub note: String,
}

/// facts.csv: one row per checked value.
pub(super) fn parse_facts(text: &str, problems: &mut Vec<Problem>) -> Vec<Fact> {
    let mut seen = Seen::new();
    parse_rows(
        "facts.csv",
        text,
        &["fact", "value", "unit", "cues", "note"],
        problems,
        |row, notes| parse_fact(row, &mut seen, notes),
    )
}

/// One fact. A fact without cues is noted in `notes` and the row is kept.
fn parse_fact(
    row: &Row,
    seen: &mut Seen<String>,
    notes: &mut Vec<Problem>,
) -> Result<Fact, Problem> {
    let fact = row.get("fact").to_string();
    let value = parse_number(row.get("value"))
        .ok_or_else(|| row.problem(format!("value {:?} is not a number", row.get("value"))))?;
    let cues = split_list(row.get("cues"));
    if cues.is_empty() {
        notes.push(row.problem(format!("fact {fact:?} has no cues")));
    }
    seen.first(fact.clone(), row, || format!("fact {fact:?}"))?;
    Ok(Fact {
        line: row.line,
        fact,
        value,
        unit: row.get("unit").to_string(),
        cues,
        note: row.get("note").to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_need_a_number_and_a_unique_name() {
        let mut problems = Vec::new();
        let facts = parse_facts(
            "fact,value,unit,cues,note\n\
             Fund,550_000,USD,investment fund|the fund,n\n\
             Bad,lots,USD,x,n\n\
             Bare,1,USD,,n\n\
             Fund,2,USD,x,n\n",
            &mut problems,
        );
        let got: Vec<(u32, &str, f64, usize)> = facts
            .iter()
            .map(|f| (f.line, f.fact.as_str(), f.value, f.cues.len()))
            .collect();
        assert_eq!(got, [(2, "Fund", 550000.0, 2), (4, "Bare", 1.0, 0)]);
        let problems: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            problems,
            [
                "facts.csv:3: value \"lots\" is not a number",
                "facts.csv:4: fact \"Bare\" has no cues",
                "facts.csv:5: duplicate fact \"Fund\" (first at line 2)",
            ]
        );
    }
}
