//! Tests of the per-article pass.

use super::*;
use crate::dedup::fixtures::{art, kinds, A1, A1_REWORDED, B1, C1};
use crate::dedup::DEFAULT_NEAR_DUP;

#[test]
fn exact_repeat_in_article_points_at_first_copy() {
    let a = art(0, &format!("{A1}\n\n{B1}\n\n{}", A1.to_uppercase()));
    let p = fingerprint(&a, &DedupConfig::default());
    assert_eq!(
        p.marks,
        vec![ParaMark::Content, ParaMark::Content, ParaMark::Duplicate]
    );
    assert_eq!(
        kinds(&p.findings),
        vec![(0, FindingKind::DuplicateParagraph, Some(3))]
    );
    assert_eq!(p.findings[0].evidence, "a0.txt#p1");
    assert_eq!(p.findings[0].severity, crate::model::Severity::Warning);
    let r: Vec<_> = p
        .rows
        .iter()
        .map(|r| (r.paragraph.number(), r.kind, r.first_paragraph.number()))
        .collect();
    assert_eq!(r, vec![(1, DupKind::Exact, 1), (3, DupKind::Exact, 1)]);
}

#[test]
fn reworded_repeat_in_article_is_near() {
    let a = art(0, &format!("{A1}\n\n{B1}\n\n{A1_REWORDED}"));
    let p = fingerprint(&a, &DedupConfig::default());
    assert_eq!(p.marks[2], ParaMark::Duplicate);
    let near = p.rows.iter().find(|r| r.paragraph.number() == 3).unwrap();
    assert_eq!(near.kind, DupKind::Near);
    assert!(near.similarity >= DEFAULT_NEAR_DUP && near.similarity < 1.0);
    // A stricter threshold lets it go.
    let strict = fingerprint(&a, &DedupConfig { near_dup: 0.99 });
    assert!(strict.marks.iter().all(|m| m.is_content()));
}

#[test]
fn short_paragraphs_never_match() {
    let a = art(
        0,
        "Prices rose on Monday.\n\nPrices rose on Monday.\n\nPrices fell on Monday.\n\nShares rose five percent on Monday morning.\n\nShares rose seven percent on Monday morning.",
    );
    let p = fingerprint(&a, &DedupConfig { near_dup: 0.5 });
    assert!(p.marks.iter().all(|m| m.is_content()), "{:?}", p.marks);
    assert!(p.findings.is_empty() && p.rows.is_empty());
    assert!(p.prints.iter().all(|x| x.minhash.is_empty()));
}

#[test]
fn related_list_after_the_body_is_one_boilerplate_block() {
    let text = format!(
        "{A1} {B1}\n\nRelated stories\nStocks Rally As Fed Holds Rates\nOil Prices Hold Firm Ahead of Talks\nGold Steady As Dollar Slips\nMarkets Await Jobs Data"
    );
    let a = art(0, &text);
    let p = fingerprint(&a, &DedupConfig::default());
    assert_eq!(p.marks[0], ParaMark::Content);
    assert!(p.marks[1..].iter().all(|m| *m == ParaMark::Boilerplate));
    assert_eq!(
        kinds(&p.findings),
        vec![(0, FindingKind::Boilerplate, Some(2))]
    );
    assert_eq!(p.rows.len(), 5);
}

#[test]
fn html_story_lists_are_not_read_as_related_lists() {
    // An ingredient list the HTML reader kept inside the story's container:
    // a run of title-like lines that plain text would take for a list of
    // other stories.
    let text = format!(
        "{A1} {B1}\n\nIngredients\n200 g Flat Rice Noodles\n2 Cloves Of Garlic\n1 Tablespoon Soy Sauce\n3 Spring Onions"
    );
    let mut a = art(0, &text);
    let plain = fingerprint(&a, &DedupConfig::default());
    assert!(plain.marks[1..].iter().all(|m| *m == ParaMark::Boilerplate));
    a.format = crate::model::Format::Html;
    let html = fingerprint(&a, &DedupConfig::default());
    assert!(html.marks.iter().all(|m| *m == ParaMark::Content));
    assert!(html.findings.is_empty() && html.rows.is_empty());
}

#[test]
fn html_prose_ending_in_a_credit_is_no_caption() {
    // A long paragraph with a credit run in at its end, and a short caption.
    let long = "The new phone looks like the one before it, with a small screen, a home \
                button and thick borders, but it holds the maker's latest chip and a better \
                camera at less than half the price of the larger models. Image credit: Agency";
    let text = format!("{A1} {B1}\n\n{long}\n\nThe phone on a desk. Image credit: Agency");
    let mut a = art(0, &text);
    let plain = fingerprint(&a, &DedupConfig::default());
    use ParaMark::{Boilerplate as B, Content as C};
    assert_eq!(plain.marks, vec![C, B, B]);
    a.format = crate::model::Format::Html;
    let html = fingerprint(&a, &DedupConfig::default());
    assert_eq!(html.marks, vec![C, C, B]);
}

#[test]
fn head_date_lines_stay_labels_go_and_the_title_stays() {
    let text = format!("A Headline About The Budget\n\n6 mins read\n\nFebruary 12, 2026\n\nSummary\n\n{A1} {B1}\n\nTransit\n\n{C1}");
    let a = art(0, &text);
    let p = fingerprint(&a, &DedupConfig::default());
    use ParaMark::{Boilerplate as B, Content as C};
    assert_eq!(p.marks, vec![C, C, C, B, C, C, C]);
    assert_eq!(
        kinds(&p.findings),
        vec![(0, FindingKind::Boilerplate, Some(4))]
    );
    assert!(
        p.findings[0]
            .message
            .contains("page furniture (a page label)"),
        "{}",
        p.findings[0].message
    );
}

/// A1, B1, A1 in capitals, A1 reworded, a heading.
fn sample() -> Article {
    art(
        0,
        &format!(
            "{A1}\n\n{B1}\n\n{}\n\n{A1_REWORDED}\n\n# Transit",
            A1.to_uppercase()
        ),
    )
}

#[test]
fn para_prints_hash_normalised_text_and_band_long_paragraphs() {
    let a = sample();
    let prints = para_prints(&a);
    assert_eq!(prints.len(), 5);
    assert_eq!(prints[0].exact, prints[2].exact);
    assert_ne!(prints[0].exact, prints[3].exact);
    assert_eq!(prints[0].minhash.len(), BANDS);
    assert!(prints[4].minhash.is_empty());
    assert!(prints[4].title_like && !prints[0].title_like);
    assert_eq!(prints[4].words, 1);
    assert_eq!(prints[1].line, a.paragraphs[1].line);
}

#[test]
fn exact_repeats_point_at_the_first_long_copy() {
    let a = art(
        0,
        &format!("{A1}\n\nRead more.\n\n{A1}\n\nRead more.\n\n{A1}"),
    );
    let first = exact_repeats(&para_prints(&a));
    assert_eq!(
        first,
        vec![None, None, Some((0, 1.0)), None, Some((0, 1.0))]
    );
}

#[test]
fn near_candidates_pair_paragraphs_sharing_a_band() {
    let prints = para_prints(&sample());
    let cand = near_candidates(&prints, &vec![None; prints.len()]);
    assert!(cand.contains(&(3, 0)), "{cand:?}");
    assert!(cand.contains(&(2, 0)), "{cand:?}");
    assert!(
        cand.iter().all(|&(j, i)| i < j && j != 4 && i != 1),
        "{cand:?}"
    );
    assert!(cand.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn confirm_near_repeats_keeps_pairs_at_the_threshold() {
    let a = sample();
    let prints = para_prints(&a);
    let mut first = exact_repeats(&prints);
    let cand = near_candidates(&prints, &first);
    confirm_near_repeats(&a, &prints, &cand, DEFAULT_NEAR_DUP, &mut first);
    let (to, sim) = first[3].expect("the reworded copy is confirmed");
    assert_eq!(to, 0);
    assert!((DEFAULT_NEAR_DUP..1.0).contains(&sim), "{sim}");
    assert_eq!(first[2], Some((0, 1.0)), "exact repeats stay as they are");
    let mut strict = exact_repeats(&prints);
    confirm_near_repeats(&a, &prints, &cand, 0.99, &mut strict);
    assert_eq!(strict[3], None);
}

#[test]
fn chain_root_follows_earlier_links_only() {
    let first = vec![None, Some((0, 1.0)), Some((1, 0.8)), Some((3, 0.9))];
    assert_eq!(chain_root(&first, 2), 0);
    assert_eq!(chain_root(&first, 1), 0);
    assert_eq!(chain_root(&first, 0), 0);
    // A link to itself or forward stops the walk.
    assert_eq!(chain_root(&first, 3), 3);
}

#[test]
fn repeat_groups_mark_and_report_each_repeat() {
    let a = sample();
    let mut out = ArticlePrints {
        prints: para_prints(&a),
        marks: vec![ParaMark::Content; 5],
        ..ArticlePrints::default()
    };
    let first = vec![None, None, Some((0, 1.0)), Some((2, 0.8)), None];
    let groups = repeat_groups(&a, &first, &mut out);
    assert_eq!(groups, vec![(0, vec![(2, 1.0), (3, 0.8)])]);
    assert_eq!(out.marks[2..4], [ParaMark::Duplicate, ParaMark::Duplicate]);
    assert_eq!(out.findings.len(), 2);
    assert!(out.findings[1]
        .message
        .contains("reworded (similarity 0.80)"));
    assert_eq!(out.findings[1].evidence, "a0.txt#p1");
}

#[test]
fn repeat_rows_number_groups_and_give_the_origin_the_strongest_kind() {
    let a = sample();
    let prints = para_prints(&a);
    let groups = vec![(0, vec![(2, 1.0), (3, 0.8)]), (1, vec![(4, 0.9)])];
    let mut rows = Vec::new();
    assert_eq!(repeat_rows(&a, &prints, &groups, &mut rows), 2);
    let got: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.group,
                r.paragraph.number(),
                r.kind,
                r.first_paragraph.number(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (1, 1, DupKind::Near, 1),
            (1, 3, DupKind::Exact, 1),
            (1, 4, DupKind::Near, 1),
            (2, 2, DupKind::Near, 2),
            (2, 5, DupKind::Near, 2),
        ]
    );
    assert_eq!(rows[2].similarity, 0.8);
}

#[test]
fn structural_boilerplate_numbers_on_and_skips_repeats() {
    let text = format!(
        "{A1} {B1}\n\nRelated stories\nStocks Rally As Fed Holds Rates\nOil Prices Hold Firm Ahead of Talks\nGold Steady As Dollar Slips\nMarkets Await Jobs Data"
    );
    let a = art(0, &text);
    assert_eq!(
        structural_blocks(&a, &raw_furniture(&a), headline_para(&a)),
        vec![(1, 5)]
    );
    let mut out = ArticlePrints {
        prints: para_prints(&a),
        marks: vec![ParaMark::Content; 6],
        ..ArticlePrints::default()
    };
    out.marks[3] = ParaMark::Duplicate;
    structural_boilerplate(&a, (&raw_furniture(&a), headline_para(&a)), 7, &mut out);
    assert_eq!(out.marks[3], ParaMark::Duplicate);
    assert_eq!(out.rows.len(), 4);
    assert!(out
        .rows
        .iter()
        .all(|r| r.group == 8 && r.first_paragraph.number() == 2));
    assert_eq!(out.findings.len(), 1);
    assert!(out.findings[0].message.starts_with("4 paragraphs (lines"));
}
#[test]
fn role_and_name_items() {
    assert!(role_and_name("Foreign Secretary: Jane Example"));
    assert!(role_and_name("Jane Example – Minister of Finance"));
    assert!(role_and_name("Jane van Example (Chancellor)"));
    assert!(role_and_name("• Minister for Health, Ann Other"));
    assert!(!role_and_name("Markets: Stocks Rally As Fed Holds"));
    assert!(!role_and_name("Minister Resigns Over Budget Row"));
    assert!(!role_and_name("Jane Example"));
}

#[test]
fn a_cabinet_list_is_not_a_structural_block() {
    let list = "Prime Minister: Jane Example\nForeign Secretary: Ann Other\nHome Secretary: Tom Sample\nDefence Secretary: Raj Demo\nHealth Secretary: Lee Placeholder\nEducation Secretary: Kim Specimen\nChancellor: Max Instance";
    let a = art(0, &format!("The New Cabinet\n\n{A1}\n\n{list}\n\n{B1}"));
    assert!(structural_blocks(&a, &raw_furniture(&a), headline_para(&a)).is_empty());
}

#[test]
fn a_navigation_run_does_not_take_a_story_of_short_paragraphs() {
    let nav = "Home\nWorld\nBusiness\nSport\nCulture\nTravel\nWeather";
    let story = "The council approved the new bridge on Monday after a long debate in the chamber.\nWork will begin in the spring and should take about two years to finish, officials said.\nThe bridge will carry two lanes of traffic and a wide path for cyclists and walkers.\nResidents had asked for a crossing for more than a decade, the mayor told reporters.";
    let a = art(0, &format!("{nav}\n\n{story}"));
    assert_eq!(
        structural_blocks(&a, &raw_furniture(&a), headline_para(&a)),
        vec![(0, 6)]
    );
    let p = fingerprint(&a, &DedupConfig::default());
    assert!(p.marks[7..].iter().all(|m| m.is_content()), "{:?}", p.marks);
}

#[test]
fn prose_runs_need_a_neighbour_or_three_sentences() {
    let a = art(0, &format!("{A1}\n\n{B1}\n\nShort line\n\n{C1}"));
    let tl: Vec<bool> = a.paragraphs.iter().map(|p| title_like(&a, p)).collect();
    let runs = prose_runs(&a, &tl, &vec![false; tl.len()]);
    assert_eq!(runs[..3], [true, true, false]);
}

#[test]
fn furniture_lines_are_boilerplate_in_blocks() {
    let text = format!(
        "Council Approves Bridge\n\nBy JANE EXAMPLE\nUpdated 54 minutes ago\n\n{A1}\n\nShare on X\n\n{B1}\n\nAdvertisement"
    );
    let a = art(0, &text);
    let p = fingerprint(&a, &DedupConfig::default());
    use ParaMark::{Boilerplate as B, Content as C};
    assert_eq!(p.marks, vec![C, B, B, C, B, C, B]);
    assert_eq!(
        kinds(&p.findings),
        vec![
            (0, FindingKind::Boilerplate, Some(2)),
            (0, FindingKind::Boilerplate, Some(5)),
            (0, FindingKind::Boilerplate, Some(7))
        ]
    );
    assert_eq!(p.findings[1].severity, crate::model::Severity::Info);
    assert_eq!(p.rows.len(), 4);
}

#[test]
fn social_post_text_above_its_attribution_is_furniture() {
    let text = format!(
        "{A1}\n\nBig day for the city #bridge https://example.org/x\n— Jane Example (@janeexample) March 3, 2025\n\n{B1}"
    );
    let a = art(0, &text);
    let f = page_furniture(&a, &raw_furniture(&a), headline_para(&a));
    assert_eq!(f[1], Some(Furniture::Social));
    assert_eq!(f[2], Some(Furniture::Social));
    assert_eq!(f[0], None);
}

#[test]
fn layout_repeats_are_not_padding() {
    // A headline repeated as the lead: the headline copy is display.
    let head = "Council Approves New Bridge Over The River After Long Debate";
    let a = art(
        0,
        &format!("{head}\n\nBy Jane Example\n\n{head}.\n\n{A1}\n\n{B1}"),
    );
    let p = fingerprint(&a, &DedupConfig::default());
    assert!(p
        .findings
        .iter()
        .all(|f| f.kind != FindingKind::DuplicateParagraph));
    assert_eq!(p.marks[0], ParaMark::Boilerplate);
    assert_eq!(p.marks[2], ParaMark::Content);
    // A standfirst repeated by the lead: the lead stays content.
    let a = art(0, &format!("Bridge Vote\n\n{A1}\n\n{A1}\n\n{B1}"));
    let p = fingerprint(&a, &DedupConfig::default());
    assert_eq!(p.marks[1], ParaMark::Boilerplate);
    assert_eq!(p.marks[2], ParaMark::Content);
    assert!(p
        .findings
        .iter()
        .all(|f| f.kind != FindingKind::DuplicateParagraph));
    // A repeat after the body has begun is still padding.
    let a = art(0, &format!("{A1}\n\n{B1}\n\n{A1}"));
    let p = fingerprint(&a, &DedupConfig::default());
    assert_eq!(p.marks[2], ParaMark::Duplicate);
}

#[test]
fn a_standfirst_the_story_words_again_was_marked_a_layout_copy() {
    // A headline, a standfirst without a full stop, the story, and further
    // down a paragraph that tells the standfirst's news in other words.
    let stand = "Fines for travellers who refuse to stay at home after a trip are to rise \
                 to as much as 5,000 pounds for repeat offenders";
    let told = "She added that the fines for travellers who refuse to stay at home after a \
                trip are to rise to as much as 5,000 pounds for repeat offenders.";
    let text = format!(
        "# Three islands added to the quarantine list\n\n{stand}\n\n{A1}\n\n{B1}\n\n{told}\n\n{C1}"
    );
    let a = art(0, &text);
    let prints = para_prints(&a);
    let mut first = exact_repeats(&prints);
    let cand = near_candidates(&prints, &first);
    confirm_near_repeats(&a, &prints, &cand, DEFAULT_NEAR_DUP, &mut first);
    assert!(matches!(first[4], Some((1, s)) if s < 1.0), "{first:?}");
    // Both copies are the story's: no display copy, no duplicate.
    let p = fingerprint(&a, &DedupConfig::default());
    assert!(
        p.marks.iter().all(|m| *m == ParaMark::Content),
        "{:?}",
        p.marks
    );
    assert!(p.findings.is_empty(), "{:?}", p.findings);
    // The same standfirst repeated word for word stays a layout copy.
    let same = format!("{stand}.");
    let text = format!(
        "# Three islands added to the quarantine list\n\n{stand}\n\n{same}\n\n{A1}\n\n{B1}"
    );
    let p = fingerprint(&art(0, &text), &DedupConfig::default());
    assert_eq!(p.marks[1], ParaMark::Boilerplate);
    assert_eq!(p.marks[2], ParaMark::Content);
    // A heading the story words again is still the display copy.
    let head = "Fines for travellers who stay out after a trip to rise for repeat offenders";
    let told = "Fines for travellers who stay out after a trip are to rise for repeat offenders, the minister said.";
    let text = format!("# {head}\n\n{told}\n\n{A1}\n\n{B1}");
    let p = fingerprint(&art(0, &text), &DedupConfig::default());
    assert_eq!(p.marks[0], ParaMark::Boilerplate, "{:?}", p.marks);
    assert_eq!(p.marks[1], ParaMark::Content);
}

#[test]
fn a_caption_shown_twice_is_two_furniture_lines() {
    let cap =
        "Workers repair the old bridge over the river on Monday, March 3, 2025. (Photo: Ann Other)";
    let a = art(0, &format!("{A1}\n\n{cap}\n\n{B1}\n\n{cap}\n\n{C1}"));
    let p = fingerprint(&a, &DedupConfig::default());
    assert_eq!(p.marks[1], ParaMark::Boilerplate);
    assert_eq!(p.marks[3], ParaMark::Boilerplate);
    assert!(p
        .findings
        .iter()
        .all(|f| f.kind != FindingKind::DuplicateParagraph));
}

#[test]
fn near_candidates_on_a_page_of_thousands_of_near_copies_grow_linearly() {
    // Regression: a 13 MB page of 150k near-identical paragraphs made the
    // within-article candidate list quadratic (over 4 GB).
    let n = 3000;
    let text: String = (0..n)
        .map(|k| format!("The committee met on day {k} to discuss the same long agenda of budget items again.\n\n"))
        .collect();
    let a = art(1, &text);
    let prints = para_prints(&a);
    let first = exact_repeats(&prints);
    let cand = near_candidates(&prints, &first);
    assert!(cand.len() <= n * BANDS * BUCKET_PAIRS, "{}", cand.len());
    assert!(cand.len() < n * (n - 1) / 2, "{}", cand.len());
    let fp = fingerprint(&a, &DedupConfig::default());
    assert!(fp.marks.iter().filter(|m| **m != ParaMark::Content).count() > n / 2);
}

#[test]
fn near_candidates_leave_out_exact_repeats() {
    let prints = para_prints(&sample());
    let first = exact_repeats(&prints);
    let cand = near_candidates(&prints, &first);
    assert!(cand
        .iter()
        .all(|&(j, i)| first[j as usize].is_none() && first[i as usize].is_none()));
}
