//! Tests of the noun-phrase key around a quantity.

use super::*;

fn words(v: &[&str]) -> Vec<String> {
    v.iter().map(|w| w.to_string()).collect()
}

#[test]
fn norm_word_folds_case_possessives_dots_and_plurals() {
    assert_eq!(norm_word("Japan's"), "japan");
    assert_eq!(norm_word("U.S."), "us");
    assert_eq!(norm_word("Projects"), "project");
    assert_eq!(norm_word("companies"), "company");
    assert_eq!(norm_word("business"), "business");
    assert_eq!(norm_word("status"), "status");
}

#[test]
fn words_are_read_with_their_phrase_breaks() {
    let f = words_forward(" investment tool, established", 4);
    let got: Vec<(&str, bool)> = f.iter().map(|t| (t.raw, t.broken)).collect();
    assert_eq!(
        got,
        [
            ("investment", false),
            ("tool", false),
            ("established", true)
        ]
    );
    let b = words_backward("the U.S. and Japan's ", 3);
    let got: Vec<(&str, bool)> = b.iter().map(|t| (t.raw, t.broken)).collect();
    assert_eq!(got, [("Japan's", false), ("and", false), ("U.S.", false)]);
}

#[test]
fn phrase_after_runs_to_the_head_noun() {
    let mut entities = Vec::new();
    assert_eq!(
        phrase_after(" investment tool established by Japan", &mut entities),
        words(&["investment", "tool"])
    );
    assert!(entities.is_empty());
    assert_eq!(
        phrase_after(" Rockmouth projects were chosen", &mut entities),
        words(&["rockmouth", "project"])
    );
    assert_eq!(entities, words(&["rockmouth"]));
    assert!(phrase_after(", which", &mut entities).is_empty());
    assert!(phrase_after(" in 2025", &mut entities).is_empty());
}

#[test]
fn look_back_starts_on_a_character_boundary() {
    let text = format!("{}{}", "é".repeat(100), "$5");
    let qs = text.len() - 2;
    let from = look_back_start(&text, qs);
    assert!(text.is_char_boundary(from));
    assert!(qs - from <= LOOK_BACK && qs - from >= LOOK_BACK - 1);
    assert_eq!(look_back_start("a $5", 2), 0);
}

#[test]
fn pre_modifiers_need_a_name_possessive_or_determiner() {
    let mut entities = Vec::new();
    let back = words_backward("Japan's ", 6);
    assert_eq!(pre_modifiers(&back, &[], &mut entities), words(&["japan"]));
    assert_eq!(entities, words(&["japan"]));
    let back = words_backward("it was a massive ", 6);
    assert_eq!(
        pre_modifiers(&back, &[], &mut entities),
        words(&["massive"])
    );
    // A plain lowercase word is a verb: rejected, and its entities go.
    let mut entities = words(&["fund", "spend"]);
    let back = words_backward("they will spend ", 6);
    let right = words(&["fund"]);
    assert!(pre_modifiers(&back, &right, &mut entities).is_empty());
    assert_eq!(entities, words(&["fund"]));
}

#[test]
fn noun_before_is_the_fallback_phrase() {
    let mut entities = Vec::new();
    let back = words_backward("a package of ", 6);
    assert_eq!(noun_before(&back, &mut entities), words(&["package"]));
    let back = words_backward("with costs ranging from ", 6);
    assert_eq!(noun_before(&back, &mut entities), words(&["cost"]));
    let back = words_backward("it will spend ", 6);
    assert!(noun_before(&back, &mut entities).is_empty(), "a verb");
    let back = words_backward("the fund. Of ", 6);
    assert!(
        noun_before(&back, &mut entities).is_empty(),
        "a sentence break"
    );
}

#[test]
fn a_long_fallback_keeps_its_head_and_the_names() {
    let entities = words(&["rockmouth"]);
    assert_eq!(
        head_and_names(
            &words(&["rockmouth", "battery", "complex", "contract"]),
            &entities
        ),
        words(&["rockmouth", "complex", "contract"])
    );
    let further = words_backward("the Rockmouth ", 6);
    assert!(name_ahead(&further, 2));
    let further = words_backward("Rockmouth the old ", 6);
    assert!(!name_ahead(&further, 2), "a function word stops the search");
    assert!(!name_ahead(&further, 0));
}

#[test]
fn display_words_are_the_nearest_whole_words_as_written() {
    let text = "Investors fear losses. Japan's $5 billion U.S. investment losses mount";
    let qs = text.find('$').unwrap();
    let qe = qs + "$5 billion".len();
    assert_eq!(
        display_words(
            text,
            qs,
            qe,
            &words(&["japan", "us", "investment", "losse", "gone"])
        ),
        words(&["Japan's", "U.S.", "investment", "losses", "gone"])
    );
    let text = "the US-Japan $5 billion fund";
    assert_eq!(
        display_words(text, 12, 23, &words(&["us", "japan", "fund"])),
        words(&["US", "Japan", "fund"])
    );
    assert_eq!(shown("'fund."), "fund");
    assert_eq!(shown("U.S."), "U.S.");
    assert_eq!(
        norm_key(&words(&["Japan's", "U.S.", "losses"])),
        words(&["japan", "us", "losse"])
    );
}

#[test]
fn key_after_change_reads_what_changed() {
    let text = "a 5% fall in the steel exports, analysts said";
    let end = text.find(" in").unwrap();
    assert_eq!(
        key_after_change(text, end),
        Some((words(&["steel", "export"]), true, vec![]))
    );
    assert_eq!(key_after_change("a 5% fall, analysts said", 9), None);
    assert_eq!(key_after_change("a 5% fall on Monday", 9), None);
}

#[test]
fn change_verbs_stand_between_a_noun_and_its_amount() {
    let mut entities = Vec::new();
    let back = words_backward("Exports fell ", 6);
    assert_eq!(noun_before(&back, &mut entities), words(&["export"]));
}

#[test]
fn linking_verbs_after_a_noun_and_gerund_modifiers() {
    let back = words_backward("the contract stands ", 6);
    assert!(verb_after_noun("stands", back.get(1)));
    let back = words_backward("capital projects ", 6);
    assert!(!verb_after_noun("projects", back.get(1)), "a plural noun");
    let back = words_backward("the company's stands ", 6);
    assert!(
        !verb_after_noun("stands", back.get(1)),
        "after a possessive"
    );
    let f = words_forward(" financing package is", 3);
    assert!(modifies_next("financing", f.get(1)));
    let f = words_forward(" announcing the", 3);
    assert!(!modifies_next("announcing", f.get(1)));
    let mut entities = Vec::new();
    let back = words_backward(
        "The Bayridge steel terminal financing package stands at ",
        10,
    );
    assert_eq!(
        noun_before(&back, &mut entities),
        words(&["bayridge", "financing", "package"])
    );
    let back = words_backward("The port fund, valued at ", 10);
    assert_eq!(noun_before(&back, &mut entities), words(&["port", "fund"]));
    let back = words_backward("the government said ", 10);
    assert!(noun_before(&back, &mut entities).is_empty(), "a speaker");
    let mut entities = Vec::new();
    assert_eq!(
        phrase_after(
            " Oakbridge battery programme loan package is",
            &mut entities
        ),
        words(&["oakbridge", "loan", "package"])
    );
    assert!(phrase_after(" last year", &mut entities).is_empty());
    assert_eq!(
        phrase_after(" investment pledge spread over", &mut entities),
        words(&["investment", "pledge"])
    );
    let back = words_backward("the library would cost ", 10);
    assert_eq!(noun_before(&back, &mut entities), words(&["library"]));
    let back = words_backward("Rachel Reeves cut welfare spending by ", 10);
    assert_eq!(
        noun_before(&back, &mut entities),
        words(&["welfare"]),
        "not the verb"
    );
}

#[test]
fn key_around_joins_modifiers_and_phrase() {
    let text = "Japan's $5 billion fund opened";
    assert_eq!(
        key_around(text, 8, 18),
        (words(&["japan", "fund"]), true, words(&["japan"]))
    );
    let text = "a package of $5 billion.";
    assert_eq!(
        key_around(text, 13, 23),
        (words(&["package"]), false, vec![])
    );
}
