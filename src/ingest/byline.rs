//! Bylines: the author's name out of a line such as "By Ann Lee and Bo
//! Roe, Staff Writers | Updated June 3", in a text's first lines or in a
//! page's byline element.

/// What opens a byline line.
const OPENERS: &[&str] = &[
    "written by ",
    "reporting by ",
    "reported by ",
    "words by ",
    "story by ",
    "posted by ",
    "published by ",
    "by: ",
    "by ",
    "author: ",
    "author ",
    "veröffentlicht von ",
    "eingestellt von ",
    "geschrieben von ",
    "autor: ",
    "autor ",
    "von ",
    "publié par ",
    "écrit par ",
    "par ",
    "publicado por ",
    "escrito por ",
    "por ",
    "door ",
    "di ",
];

/// Lowercase words that may sit inside a name ("Ann van Dijk", "Ann Lee
/// and Bo Roe").
const NAME_JOINERS: &[&str] = &[
    "and", "&", "de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "del", "della",
    "bin", "al", "y", "dos", "das", "ter", "ten",
];

/// Capitalised words that end a name in a byline ("Ann Lee Updated 3 June").
const NAME_STOPS: &[&str] = &[
    "Updated",
    "Published",
    "Posted",
    "Written",
    "Last",
    "Photo",
    "Photos",
    "Follow",
    "Email",
    "Contact",
    "Share",
    "Read",
    "Staff",
    "Senior",
    "Chief",
    "Reporter",
    "Correspondent",
    "Editor",
    "Veröffentlicht",
    "Publiziert",
    "Eingestellt",
    "About",
    "Article",
    "Aktualisiert",
    "Publié",
    "Publicado",
    "Actualizado",
];

/// Month names beyond English ([`crate::text::MONTHS`]): German, French,
/// Spanish. A name never opens with one, and one before a number starts a
/// date.
const OTHER_MONTHS: &[&str] = &[
    "januar",
    "februar",
    "märz",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// `w` (trailing comma or period aside) is a month name in any language
/// [`OTHER_MONTHS`] and [`crate::text::MONTHS`] hold.
fn is_month(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.']).to_lowercase();
    crate::text::MONTHS.contains(&w.as_str()) || OTHER_MONTHS.contains(&w.as_str())
}

/// The most lines of a text searched for a byline.
const TEXT_LINES: usize = 12;

/// The name in the first byline line among the text's first non-empty
/// lines ("By Ann Lee" → "Ann Lee"), if any.
pub(super) fn byline_in_text(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(TEXT_LINES)
        .filter(|l| l.len() <= 160)
        .find_map(|l| strip_opener(l).and_then(name_in))
}

/// The name in a byline element's text: with or without "By", at most 80
/// characters.
pub(super) fn byline_element_name(text: &str) -> Option<String> {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() || t.len() > 160 {
        return None;
    }
    let name = name_in(strip_opener(&t).unwrap_or(&t))?;
    (name.len() <= 80).then_some(name)
}

/// The line after a byline opener, when it starts with one
/// (case-insensitive).
fn strip_opener(line: &str) -> Option<&str> {
    OPENERS.iter().find_map(|o| {
        let head = line.get(..o.len())?;
        head.eq_ignore_ascii_case(o)
            .then(|| line[o.len()..].trim_start())
    })
}

/// The leading name: capitalised words (and joiners inside a name) up to
/// a separator (`|`, `,`, a dash, `·`, `(`), a date or number, or any
/// other word; `None` when no capitalised word opens it or it runs past
/// eight words.
fn name_in(rest: &str) -> Option<String> {
    let head = rest
        .split(['|', ',', ';', '•', '·', '(', '/', '\u{2013}', '\u{2014}'])
        .next()
        .unwrap_or("");
    let head = head.split(" - ").next().unwrap_or("");
    let all: Vec<&str> = head.split_whitespace().collect();
    let mut words: Vec<&str> = Vec::new();
    for (i, w) in all.iter().enumerate() {
        let first = w.chars().next().unwrap_or(' ');
        let joiner = NAME_JOINERS.contains(w);
        let month = is_month(w);
        let date = month
            && (i == 0
                || all
                    .get(i + 1)
                    .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit())));
        if !(first.is_uppercase() || joiner) || NAME_STOPS.contains(w) || date || !name_word(w) {
            break;
        }
        words.push(w);
    }
    while words.last().is_some_and(|w| NAME_JOINERS.contains(w)) {
        words.pop();
    }
    let opens_with_capital = words
        .first()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    if !opens_with_capital || words.len() > 8 {
        return None;
    }
    let name = words.join(" ");
    let name = name.trim_end_matches([':', '.']).to_string();
    (name.chars().filter(|c| c.is_alphabetic()).count() >= 2).then_some(name)
}

/// A word that can be part of a name: letters, apostrophes, hyphens and
/// the dot of an initial ("J."), no digits.
fn name_word(w: &str) -> bool {
    w.chars()
        .all(|c| c.is_alphabetic() || matches!(c, '\'' | '\u{2019}' | '-' | '.' | '&'))
        && !(w.ends_with('.') && w.chars().filter(|c| c.is_alphabetic()).count() > 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byline_line_gives_the_names_before_roles_and_stamps() {
        let text =
            "Harbour reopens\nBy Ann Lee and Bo Roe, Staff Writers | Updated June 3\n\nBody.";
        assert_eq!(byline_in_text(text).as_deref(), Some("Ann Lee and Bo Roe"));
        assert_eq!(
            byline_in_text("BY JANE EXAMPLE\nBody.").as_deref(),
            Some("JANE EXAMPLE")
        );
        assert_eq!(
            byline_in_text("Written by Carla van Dijk Updated 3 June 2025\nBody.").as_deref(),
            Some("Carla van Dijk")
        );
        assert_eq!(
            byline_in_text("By J. R. Moss - 5 min read").as_deref(),
            Some("J. R. Moss")
        );
        assert_eq!(
            byline_in_text("Von Petra Muster, 3. Juni 2025").as_deref(),
            Some("Petra Muster")
        );
        assert_eq!(byline_in_text("By Ruth May").as_deref(), Some("Ruth May"));
        assert_eq!(
            byline_in_text("By Ann Lee June 3, 2025").as_deref(),
            Some("Ann Lee")
        );
    }

    #[test]
    fn sentences_that_open_with_by_are_not_bylines() {
        assert_eq!(byline_in_text("By the end of the year, prices rose."), None);
        assert_eq!(byline_in_text("By 2030 the plant will close."), None);
        assert_eq!(byline_in_text("Bypass road opens\nBody."), None);
        // Only the first lines are searched.
        let late = format!("{}By Ann Lee\n", "Line.\n".repeat(TEXT_LINES));
        assert_eq!(byline_in_text(&late), None);
    }

    #[test]
    fn byline_elements_with_or_without_by() {
        assert_eq!(
            byline_element_name("  By\n  Ann   Lee ").as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(byline_element_name("Ann Lee").as_deref(), Some("Ann Lee"));
        assert_eq!(
            byline_element_name("Ann Lee | June 3, 2025").as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(byline_element_name("about the author"), None);
        assert_eq!(byline_element_name("Publié le 3 juin"), None);
        assert_eq!(byline_element_name("Dezember 2019"), None);
        assert_eq!(byline_element_name(""), None);
        assert_eq!(byline_element_name(&"Word ".repeat(40)), None);
    }
}
