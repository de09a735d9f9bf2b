//! One scenario pair per name pattern of issue 13 (`tests/corpora/
//! names_pNN_*`): a positive article whose planted fault must be found
//! with the right kind, and a negative one whose correct mention must
//! pass. Each scenario's `labels.csv` says which is which; the goldens
//! pin the full reports.

use crate::common::*;

const FAULTS: [&str; 4] = [
    "wrong_officeholder",
    "outdated_officeholder",
    "misspelled_name",
    "role_mismatch",
];

/// Runs a pattern scenario against its goldens, then checks every label:
/// a fault has a finding of its kind for the mention, a correct mention
/// (or an undated one right at some dates) has no error.
fn check_pattern(name: &str) {
    let out = check_golden(name);
    let findings = rows(out.path(), "findings.csv");
    let mut labels =
        csv::Reader::from_path(root().join("tests/corpora").join(name).join("labels.csv")).unwrap();
    for rec in labels.records() {
        let rec = rec.unwrap();
        let (article, mention, verdict) = (&rec[0], &rec[1], &rec[4]);
        let about: Vec<&Vec<String>> = findings
            .iter()
            .filter(|f| f[0] == article && f[6].contains(mention))
            .collect();
        if FAULTS.contains(&verdict) {
            assert!(
                about.iter().any(|f| f[3] == verdict),
                "{name}: {article}: {mention} should be {verdict}: {about:?}"
            );
        } else {
            assert!(
                !about.iter().any(|f| f[2] == "error"),
                "{name}: {article}: {mention} is {verdict}, got {about:?}"
            );
        }
    }
}

#[test]
fn names_p01_generic_title_is_resolved_from_context() {
    check_pattern("names_p01_generic_title");
}

#[test]
fn names_p02_title_of_one_role_needs_no_country_word() {
    check_pattern("names_p02_unique_title");
}

#[test]
fn names_p03_adjectives_between_qualifier_and_title() {
    check_pattern("names_p03_qualifier_adjectives");
}

#[test]
fn names_p04_title_variants_from_the_grammar() {
    check_pattern("names_p04_title_variant");
}

#[test]
fn names_p05_surname_alone_is_checked() {
    check_pattern("names_p05_surname_alone");
}

#[test]
fn names_p06_title_case_headline_ends_the_name() {
    check_pattern("names_p06_name_boundaries");
}

#[test]
fn names_p07_time_words_check_every_term() {
    check_pattern("names_p07_time_words");
}

#[test]
fn names_p08_undated_article_gets_no_date_dependent_error() {
    // Its articles.csv carries the run date, which the tests pin
    // (`SOURCE_DATE_EPOCH`); the labels and the warning are checked too.
    check_pattern("names_p08_undated");
    let (_, out) = run_scenario("names_p08_undated", &[]);
    let warned = rows(out.path(), "findings.csv")
        .into_iter()
        .any(|f| f[3] == "unverified_officeholder" && f[6].contains("Boris Johnson"));
    assert!(
        warned,
        "the undated Boris Johnson mention should be a warning"
    );
}

#[test]
fn names_p10_former_holder_as_current_is_outdated() {
    check_pattern("names_p10_former_as_current");
}

/// "The Treasurer, Josh Frydenberg, told ..." was no mention at all (an
/// apposition counted only after a country word), and "the Prime Minister,
/// Treasurer and Finance Minister" read "Prime Minister" as a person named
/// before the title "Treasurer".
#[test]
fn names_p11_the_title_apposition_was_missed_and_a_list_of_offices_was_a_name() {
    check_pattern("names_p11_the_title_apposition");
}

/// Real pages' shapes from India, Kenya and the Philippines: a date only in
/// a "Written by X | Place | Updated: date" byline was not read, "Finance
/// Sec." (a title the rules write with its period) gave no mention,
/// "Ferdinand R. Marcos, Jr." was a misspelling of its own holder, and a
/// former minister the tables do not list was a wrong officeholder.
#[test]
fn names_p12_real_shapes_byline_date_abbreviated_title_suffix_and_unlisted_former() {
    check_pattern("names_p12_real_shapes");
}

/// Malaysia, Nigeria and Pakistan: a style before the name ("Datuk Seri",
/// "Tan Sri") made a correct name wrong and hid a misspelling, and a
/// former holder the tables do not list ("Former President X", "Former
/// finance minister Y") was a wrong officeholder.
#[test]
fn names_p13_datuk_seri_was_a_wrong_name_and_unlisted_former_holders_were_wrong() {
    check_pattern("names_p13_styles_and_past_holders");
}

/// Canada, Ireland, South Korea and Brazil, in their pages' shapes: names
/// with a cedilla, a fada or none ("Micheal Martin"), hyphenated given
/// names, "The Taoiseach, X,", family name first and alone ("President
/// Lee"), a dateline without a year (undated: a warning, not an error),
/// and "former finance minister" with a name the tables do not list,
/// which was a wrong officeholder.
#[test]
fn names_p14_diacritics_family_names_and_an_unlisted_former_minister() {
    check_pattern("names_p14_diacritics_and_family_names");
}
