//! Tests of loading whole rule sets: every problem reported with its file
//! and line, fallbacks to the bundled tables.

use super::*;

const J: &str = "jurisdiction,terms\nxland,Xland|Xlandic\n";
const R: &str = "role,jurisdiction,titles\nx_pm,xland,Prime Minister|PM\n";

fn parse_oh(oh: &str) -> Result<Rules, RulesError> {
    Rules::parse(Some(J), Some(R), Some(oh), None, None, None)
}

fn problems(r: Result<Rules, RulesError>) -> Vec<String> {
    match r {
        Err(RulesError::Invalid(p)) => p.iter().map(|p| p.to_string()).collect(),
        Err(e) => vec![e.to_string()],
        Ok(_) => vec![],
    }
}

#[test]
fn loads_valid_tables_with_lines() {
    let r = parse_oh(
        "name,aliases,role,start,end,note\nAnn Lee,Lee Ann|李安,x_pm,2020-01-01,2022-01-01,src\nBo Park,,x_pm,2022-01-01,,src\n",
    )
    .unwrap();
    assert_eq!(r.officeholders.len(), 2);
    assert_eq!(r.officeholders[0].line, 2);
    assert_eq!(r.officeholders[0].aliases, vec!["Lee Ann", "李安"]);
    let d = Date::parse_iso("2022-01-01").unwrap();
    assert_eq!(r.holders_on("x_pm", d)[0].name, "Bo Park");
    let before = Date::parse_iso("2021-12-31").unwrap();
    assert_eq!(r.holders_on("x_pm", before)[0].name, "Ann Lee");
    assert!(!r.scoring.is_empty(), "bundled scoring is the fallback");
}

#[test]
fn reports_every_problem_with_file_and_line() {
    let p = problems(parse_oh(
        "name,aliases,role,start,end,note\n\
         Ann Lee,,x_pm,2020-01-01,2022-01-01,src\n\
         Bo Park,,x_pm,2021-06-01,,src\n\
         Cy Doe,,nope,2020-01-01,,src\n\
         Di Eve,,x_pm,2020-13-01,,src\n\
         Ed Fox,,x_pm,2019-01-01,2018-01-01,src\n\
         Ann Lee,,x_pm,2020-01-01,2022-01-01,src\n",
    ));
    let joined = p.join("\n");
    assert!(
        joined.contains("officeholders.csv:3: Bo Park starts"),
        "{joined}"
    );
    assert!(
        joined.contains("officeholders.csv:4: unknown role \"nope\""),
        "{joined}"
    );
    assert!(joined.contains("officeholders.csv:5: start"), "{joined}");
    assert!(
        joined.contains("officeholders.csv:6: end 2018-01-01 is not after"),
        "{joined}"
    );
    assert!(
        joined.contains("officeholders.csv:7: duplicate row"),
        "{joined}"
    );
}

#[test]
fn unknown_jurisdiction_in_roles_is_reported() {
    let p = problems(Rules::parse(
        Some(J),
        Some("role,jurisdiction,titles\ny_pm,yland,PM\n"),
        None,
        None,
        None,
        None,
    ));
    assert_eq!(
        p,
        vec!["roles.csv:2: unknown jurisdiction \"yland\" (not in jurisdictions.csv)"]
    );
}

#[test]
fn many_holder_roles_may_overlap() {
    let r = Rules::parse(
        Some(J),
        Some("role,jurisdiction,titles,holders\nx_mp,xland,MP,many\n"),
        Some(
            "name,aliases,role,start,end,note\nA B,,x_mp,2020-01-01,,s\nC D,,x_mp,2020-01-01,,s\n",
        ),
        None,
        None,
        None,
    );
    assert!(r.is_ok(), "{:?}", problems(r));
}

#[test]
fn missing_columns_name_the_header() {
    let p = problems(parse_oh("name,role\nA,x_pm\n"));
    assert!(p[0].starts_with("officeholders.csv:1: missing column(s) aliases, start, end, note"));
}

#[test]
fn tells_load_with_lines_and_fall_back_to_the_bundled_table() {
    let r = Rules::parse_with_tells(
        None,
        None,
        None,
        None,
        None,
        None,
        Some("pattern,note\nfocus keyword,SEO brief\n\"[insert\",template slot\n"),
    )
    .unwrap();
    assert_eq!(r.tells.len(), 2);
    assert_eq!(r.tells[1].pattern, "[insert");
    assert_eq!(r.tells[1].line, 3);
    let bundled = Rules::parse(None, None, None, None, None, None).unwrap();
    assert!(!bundled.tells.is_empty(), "bundled tells are the fallback");
    let p = problems(Rules::parse_with_tells(
        None,
        None,
        None,
        None,
        None,
        None,
        Some("pattern,note\nab,too short\nFocus Keyword,x\nfocus keyword,dup\n"),
    ));
    assert_eq!(
        p,
        vec![
            "tells.csv:2: pattern \"ab\" is empty or too short (needs 4 letters or digits)",
            "tells.csv:4: duplicate pattern \"focus keyword\" (first at line 3)",
        ]
    );
}

#[test]
fn scoring_rows_are_typed() {
    let r = Rules::parse(
        None,
        None,
        None,
        None,
        Some("kind,severity,points,cap\nmisspelled_name,error,10,30\nbogus,error,1,\n"),
        None,
    );
    assert_eq!(
        problems(r),
        vec!["scoring.csv:3: unknown finding kind \"bogus\""]
    );
}
