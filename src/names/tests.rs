//! Tests of the whole check, text in, findings out.

use super::fixture::{index, kinds, one, run_on, D};
use super::*;
use crate::model::Date;
use crate::rules::Rules;
use crate::segment::article_from_text;

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
    // Unknown person under a title no context narrows: a warning only.
    assert_eq!(
        one("President Maria Gomez spoke.", D).0,
        "unverified_officeholder"
    );
    // "Minister" fits two Norland roles; the person decides.
    assert!(kinds("Minister Keiko Tanabe spoke.", D).is_empty());
    assert_eq!(
        one("Minister Maroš Šefčovič spoke.", D).0,
        "outdated_officeholder"
    );
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
        "Prime Minister Keir Holm spoke.",
    ] {
        assert!(kinds(text, D).is_empty(), "{text}: {:?}", kinds(text, D));
    }
}

#[test]
fn a_title_of_one_jurisdiction_is_judged_when_the_article_names_it() {
    // Only Norland has a Prime Minister in the tables: an article that
    // names Norland (a term anywhere) ties the title to it.
    assert_eq!(
        one("They met in Nordby. Prime Minister Keir Holm spoke.", D).0,
        "wrong_officeholder"
    );
    // Without any Norland word the name may be another country's premier.
    assert!(kinds("Prime Minister Keir Holm spoke.", D).is_empty());
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
fn boilerplate_is_listed_not_judged_and_duplicates_are_judged() {
    let a = article_from_text(
        0,
        "t",
        "PM Ivan Petrov won.\n\nPM Ivan Petrov won again.",
        Date::parse_iso(D).unwrap(),
    );
    let out = check(&a, &[ParaMark::Boilerplate, ParaMark::Duplicate], &index());
    assert_eq!(out.findings.len(), 1, "{:?}", out.findings);
    assert_eq!(out.findings[0].paragraph, Some(crate::model::ParaIdx(1)));
    let verdicts: Vec<&str> = out.mentions.iter().map(|m| m.verdict.as_str()).collect();
    assert_eq!(verdicts, vec!["unchecked", "outdated_officeholder"]);
    assert_eq!(out.mentions[0].reason, "in boilerplate");
}

#[test]
fn empty_rules_and_odd_text_do_not_panic() {
    let ix = NameIndex::new(&Rules::default());
    let a = article_from_text(0, "t", "PM X.", Date::parse_iso(D).unwrap());
    assert!(check(&a, &[], &ix).findings.is_empty());
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

#[test]
fn priors_give_a_surname_the_latest_full_name() {
    let text = "PM Ivan Petrov (Иван Петров) spoke. PM Petrov left.";
    let mut priors = Priors::default();
    let mention = |at: usize| {
        let name = parse_name::parse_name(text, at, &Default::default()).unwrap();
        Mention {
            roles: vec![0],
            qualified: false,
            tense: scan::Tense::Present,
            own_jurs: Vec::new(),
            generic: true,
            start: 0,
            end: name.end,
            name,
        }
    };
    let full = mention(text.find(" Ivan").unwrap());
    let (tokens, native) = priors.resolve(&full, text);
    assert_eq!(tokens, vec!["Ivan", "Petrov"]);
    assert_eq!(native.as_deref(), Some("Иван Петров"));
    let surname = mention(text.rfind(" Petrov").unwrap());
    assert_eq!(surname.name.tokens.len(), 1);
    let (tokens, native) = priors.resolve(&surname, text);
    assert_eq!(tokens, vec!["Ivan", "Petrov"]);
    assert_eq!(native.as_deref(), Some("Иван Петров"));
    // Without a prior, a surname stays as written.
    let (tokens, native) = Priors::default().resolve(&surname, text);
    assert_eq!((tokens, native), (vec!["Petrov".to_string()], None));
}

#[test]
fn a_short_sentence_is_not_a_title_case_headline_so_given_names_stay() {
    // Regression: "Koichi Suga spoke later." was cut to "Koichi" (the given
    // name of another known person) because the short sentence looked like
    // a Title Case headline.
    assert!(!is_title_case(
        "Japanese Prime Minister Koichi Suga spoke later."
    ));
    assert!(is_title_case(
        "Foreign Minister Qin Holds Talks With Secretary Blinken In Munich"
    ));
}

#[test]
fn former_finance_minister_not_in_the_tables_was_judged_wrong() {
    // The tables rarely reach back to an office's start: a past holder
    // they do not list is not a wrong name.
    for text in [
        "Former Norlandic Finance Minister Erik Sand spoke.",
        "Norland's former Finance Minister Erik Sand spoke.",
    ] {
        assert!(kinds(text, D).is_empty(), "{text}: {:?}", kinds(text, D));
    }
    // Said to hold it now, the same name is still a wrong one.
    assert_eq!(
        one("Norlandic Finance Minister Erik Sand spoke.", D).0,
        "wrong_officeholder"
    );
    // A name that resembles a listed past holder of the role is still judged.
    assert_eq!(
        one("Norland's former Prime Minister Oskar Petrov spoke.", D).0,
        "wrong_officeholder"
    );
}

#[test]
fn finance_sec_with_a_period_gave_no_mention() {
    // A title written in the rules with a closing period is an
    // abbreviation: the text's period after it belongs to the title.
    let roles = super::fixture::R.replace("Finance Minister|", "Finance Minister|Finance Min.|");
    let rules = crate::rules::Rules::parse(
        Some(super::fixture::J),
        Some(&roles),
        Some(super::fixture::O),
        None,
        None,
        None,
    )
    .unwrap();
    let ix = NameIndex::new(&rules);
    let text = "Norland's Finance Min. Erik Sand spoke.";
    let a = article_from_text(0, "t.txt", text, Date::parse_iso(D).unwrap());
    let out = check(&a, &[ParaMark::Content], &ix);
    assert_eq!(out.findings.len(), 1, "{:?}", out.findings);
    assert_eq!(out.findings[0].kind, FindingKind::WrongOfficeholder);
    assert_eq!(out.findings[0].mention, "Norland's Finance Min. Erik Sand");
    // Without the period in the rules, "Min." ends a sentence: no title.
    assert!(kinds(text, D).is_empty());
}

#[test]
fn datuk_seri_before_a_known_name_was_a_wrong_officeholder() {
    // One or two words of style before a known name (any country's
    // "Datuk Seri", "Chief", "Tan Sri") leave the person known.
    let (kind, _) = one(
        "Norland's Prime Minister Datuk Seri Åsa Lindqvist spoke.",
        D,
    );
    assert_eq!(kind, "name_variant");
    let (kind, _) = one("Norland's Prime Minister Chief Ivan Petrov spoke.", D);
    assert_eq!(kind, "outdated_officeholder");
    // A misspelling after the style is still found, without the style.
    let k = kinds(
        "Norland's Prime Minister Datuk Seri Åsa Lindqvest spoke.",
        D,
    );
    assert_eq!(k.len(), 1, "{k:?}");
    assert_eq!(k[0].0, "misspelled_name");
    assert_eq!(k[0].1, "Norland's Prime Minister Datuk Seri Åsa Lindqvest");
    // Three words before the name are more than a style.
    let k = kinds(
        "Norland's Prime Minister Tan Sri Dato Åsa Lindqvist spoke.",
        D,
    );
    assert!(k.iter().all(|f| f.0 != "name_variant"), "{k:?}");
}
