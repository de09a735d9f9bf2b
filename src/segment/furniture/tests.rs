//! Tests of the furniture classifier and the headline.

use super::*;

fn kind(s: &str) -> Option<Furniture> {
    furniture(s)
}

#[test]
fn share_bars() {
    for s in [
        "Share on X",
        "• Share on LINE",
        "Share on Facebook Share on X Share on WhatsApp",
        "Email",
        "Print",
        "Copy link",
        "Share this article",
    ] {
        assert_eq!(kind(s), Some(Furniture::Share), "{s}");
    }
    assert_eq!(kind("Shares fell on the news."), None);
}

#[test]
fn captions_and_credits() {
    for s in [
        "Reuters file photo",
        "1 of 2 | Firefighters work at the scene of the blaze on Monday.",
        "Courtesy of the Ministry",
        "The minister speaks in the capital on Tuesday. (Photo: Ann Other)",
        "Workers at the port on March 3, 2025. AGENCY/Ann Other",
        "Photo: Ministry of Health",
        "FILE PHOTO: The central bank building in the capital.",
        "Residents wade through a flooded street. | PHOTO | FILE",
    ] {
        assert_eq!(kind(s), Some(Furniture::Caption), "{s}");
    }
    assert_eq!(
        kind("The ministry said the photo was taken in March, officials added."),
        None
    );
    assert_eq!(kind("Sales rose 5% in 2024/2025, the company said."), None);
}

#[test]
fn bylines_and_stamps() {
    for s in [
        "By JANE EXAMPLE",
        "By Jane Example and Ann Other, Staff Writer",
        "Reporting by Raj Demo; Editing by Lee Placeholder",
        "By JANE EXAMPLE … Updated 54 minutes ago",
        "Updated 54 minutes ago",
        "date 2025-06-15 https://example.org/news/1",
        "June 15, 2025 / 3:04 PM / Updated 2 hours ago",
        "Published: 15 June 2025",
        "Ann Other | 4 March 2025",
        "Published By: Ravi Kumar",
        "By Kim Min-ji",
        "Posted Tue 4 Mar 2025 at 7:00am, updated Tue 4 Mar 2025 at 9:12am",
    ] {
        assert_eq!(kind(s), Some(Furniture::Stamp), "{s}");
    }
    for s in [
        "15 Jun 2025, 10:32 IST",
        "Sunday, June 15, 2025",
        "6 mins read",
    ] {
        assert_eq!(kind(s), Some(Furniture::Dateline), "{s}");
    }
    assert_eq!(
        kind("By the end of the year, prices had risen by a third."),
        None
    );
    assert_eq!(kind("In 2025 the budget grew."), None);
}

#[test]
fn social_posts_and_labels() {
    assert_eq!(
        kind("— Jane Example (@janeexample) March 3, 2025"),
        Some(Furniture::Social)
    );
    assert_eq!(
        kind("Jane Example (@janeexample) 3 March 2025"),
        Some(Furniture::Social)
    );
}

#[test]
fn a_numbered_quote_ending_in_a_handle_was_a_social_post() {
    // A list item's number is no date: the handle ends a quote in the story.
    let item = "6. \"Cooking with friends calms me down more than any class could.\" \
                Chef Jane Example (@janeexample)";
    assert_ne!(kind(item), Some(Furniture::Social));
    assert_ne!(
        kind("12. Jane Example (@janeexample)"),
        Some(Furniture::Social)
    );
    for s in [
        "Overview",
        "***",
        "Advertisement",
        "ADVERTISEMENT",
        "Newsfrom Japan",
        "Tags: economy, budget",
        "0 Comments",
        "Pat Doe contributed to this report.",
        "(With inputs from agencies)",
        "\u{a9} 2025 Example Press. All rights reserved.",
        "Related stories",
    ] {
        assert_eq!(kind(s), Some(Furniture::Label), "{s}");
    }
    assert_eq!(kind("Foreign Secretary: Jane Example"), None);
    assert!(list_label("Related Articles") && list_label("RECOMMEND"));
    assert!(!list_label("Read more: Housing targets missed") && !list_label("Advertisement"));
    assert_eq!(kind("Government Unveils Budget Plan"), None);
    assert_eq!(kind("Multi\nline"), None);
}

#[test]
fn headline_skips_stamps_and_labels() {
    let t = "date 2025-06-15 https://example.org/a\nAdvertisement\n\nCouncil Approves New Bridge\nBody.";
    assert_eq!(headline(t), Some("Council Approves New Bridge"));
    assert_eq!(headline("***\n2025-06-15"), None);
    assert_eq!(
        headline("6 min read\nMonday, June 16, 2025\nA Title"),
        Some("A Title")
    );
    assert_eq!(
        headline("Home\nWorld\nShare\nSave\nLeaders Meet In Tokyo\nBody."),
        Some("Leaders Meet In Tokyo")
    );
    assert_eq!(
        headline("Budget Passes\nBy Ann Other\nBody text."),
        Some("Budget Passes")
    );
}

/// Scraped pages often put the section above the headline ("Politics",
/// "opinion", "World news"); the title was that one word.
#[test]
fn headline_was_the_section_kicker_above_it() {
    assert_eq!(
        headline("Politics\n\nRebates will not add to prices, minister says\n\nBy Ann Lee\nBody."),
        Some("Rebates will not add to prices, minister says")
    );
    assert_eq!(
        headline("World news\nLeaders agree on a ceasefire plan in Geneva\nBody text."),
        Some("Leaders agree on a ceasefire plan in Geneva")
    );
    // A short headline over a standfirst sentence, or over a byline, stays.
    assert_eq!(
        headline("Budget Passes\nThe lower house backed the plan after a late sitting.\nBody."),
        Some("Budget Passes")
    );
    assert_eq!(
        headline("Obituary\nBy Ann Lee and Bo Roe\nBody."),
        Some("Obituary")
    );
}

#[test]
fn a_navigation_bar_is_furniture_but_a_caption_with_bars_is_not_a_menu() {
    assert!(is_menu("Home | Politics | Business | Opinion"));
    assert_eq!(
        furniture("Home | World | Asia Pacific"),
        Some(Furniture::Label)
    );
    assert!(!is_menu("1 of 2 | Cranes at the terminal"));
    assert!(!is_menu(
        "Tokyo | Officials said on Monday that talks would resume | Reuters"
    ));
    assert!(!is_menu("Home | Politics"));
}

#[test]
fn no_label_has_more_words_than_are_read() {
    for l in LIST_LABELS.iter().chain(LABELS) {
        assert!(l.split(' ').count() <= LABEL_WORDS, "{l}");
        assert!(l.split(' ').count() <= words::KEPT, "{l}");
    }
}

#[test]
fn the_last_sentence_follows_the_last_full_stop_and_space() {
    for t in [
        "One. Two. Three",
        "One. Two.",
        "No stop",
        ". . ",
        "a.b. c",
        "end. ",
    ] {
        assert_eq!(last_sentence(t), t.rsplit(". ").next().unwrap_or(t), "{t}");
    }
}

/// A long line of words, `n` of them, after `head` and before `tail`.
fn long_line(head: &str, n: usize, tail: &str) -> String {
    let body = vec!["Straße"; n].join(" ");
    format!("{head}{body}{tail}")
}

#[test]
fn plain_prose_outside_ascii_is_what_the_rules_say() {
    // Prose with accents and curly quotes: no rule takes it.
    let prose = [
        long_line(
            "Die „Brücke“ über den Fluss wurde gestern ",
            30,
            " eröffnet.",
        ),
        long_line("Le ministre a déclaré qu’il ", 30, " à Paris."),
        long_line("Photo of the day — ", 30, " and more words here too."),
        // A dotted capital I lowercases to `i` and a combining dot: no
        // caption opener, as the line's lowercased head shows.
        long_line("İmage: ", 30, " words here."),
    ];
    for s in &prose {
        assert!(plain_prose(s), "{s}");
        assert_eq!(by_rules(s), None, "{s}");
    }
    // Each of these may be furniture: the rules are asked.
    let asked = [
        long_line("Photo: ", 30, " words"),
        long_line("PHOTO BY Ñandú ", 30, " words"),
        long_line("A post shared by Zoë ", 30, " words"),
        long_line("Zoë ", 30, " · 3 März 2025"),
        long_line("Zoë ", 30, " • Updated 10:32"),
        long_line("Zoë ", 30, " | Ñ"),
        long_line("Zoë (@zoe) ", 30, " words"),
        long_line("Zoë ", 30, " pic.example/abc and more words here"),
        long_line("3 of 4 Zoë ", 30, " words"),
        long_line("Zoë ", 30, " (Photo: Ñandú)"),
        long_line("Zoë ", 30, " file photo."),
        long_line("Zoë ", 30, ". Photo by Ñandú"),
    ];
    for s in &asked {
        assert!(!plain_prose(s), "{s}");
    }
    assert_eq!(kind(&asked[0]), Some(Furniture::Caption));
    assert!(!opens_like("İmage: x ä", CAPTION_OPENERS.iter()));
    assert!(opens_like("IMAGE: x ä", CAPTION_OPENERS.iter()));
}
