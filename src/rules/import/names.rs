//! Names from labels: the English name of an item (with its fallback),
//! person aliases, role titles with the jurisdiction removed, ids.

use super::sparql::{Item, Label};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The item's name in English and whether a fallback gave it: the `en`
/// (or `en-*`) label, a label with no language, a `mul` label; else the
/// first alias in Latin script; else a label in any language (native
/// script). `None` when the item has no label but its own id.
pub fn english_name(item: &Item) -> Option<(String, bool)> {
    let usable = |l: &&Label| !is_qid(&l.value);
    let by_lang = |want: &dyn Fn(&str) -> bool| {
        item.labels
            .iter()
            .filter(usable)
            .find(|l| want(&l.lang))
            .map(|l| clean(&l.value))
    };
    if let Some(n) = by_lang(&|l| l == "en" || l.starts_with("en-")) {
        return Some((n, false));
    }
    if let Some(n) = by_lang(&|l| l.is_empty() || l == "mul") {
        return Some((n, false));
    }
    if let Some(a) = item.aliases.iter().find(|a| is_latin(a) && !is_qid(a)) {
        return Some((clean(a), true));
    }
    by_lang(&|_| true)
        .or_else(|| item.natives.iter().next().map(|l| clean(&l.value)))
        .map(|n| (n, true))
}

/// `Q` followed by digits: what the label service gives for no label.
pub fn is_qid(s: &str) -> bool {
    let s = s.trim();
    s.len() > 1 && s.starts_with('Q') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

/// True when every letter is Latin (ASCII or Latin-1/Extended).
pub fn is_latin(s: &str) -> bool {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| (c as u32) < 0x250 || ((c as u32) >= 0x1E00 && (c as u32) < 0x1F00))
}

/// A cell value: trimmed, single spaces, no list separator.
pub fn clean(s: &str) -> String {
    s.replace('|', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lowercase, diacritics removed, punctuation turned into single spaces.
pub fn fold(s: &str) -> String {
    let plain: String = s.nfd().filter(|c| !is_combining_mark(*c)).collect();
    plain
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text without diacritics, case kept.
pub fn strip_diacritics(s: &str) -> String {
    s.nfd().filter(|c| !is_combining_mark(*c)).nfc().collect()
}

/// A person's aliases: their other labels and aliases (family-name-first
/// forms among them), native-script labels, and diacritic-free forms.
/// (The checker derives the family-name-first order of every name itself.)
/// Latin aliases of one word (surnames, nicknames) and aliases with
/// digits are left out; duplicates (ignoring case) once.
pub fn person_aliases(name: &str, item: &Item) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |a: &str| {
        let a = clean(a);
        let latin = is_latin(&a);
        if a.is_empty()
            || is_qid(&a)
            || a.chars().any(|c| c.is_ascii_digit())
            || (latin && a.split_whitespace().count() < 2)
            || a.to_lowercase() == name.to_lowercase()
            || out.iter().any(|o| o.to_lowercase() == a.to_lowercase())
        {
            return;
        }
        out.push(a);
    };
    let plain = strip_diacritics(name);
    if plain != name {
        push(&plain);
    }
    for l in &item.labels {
        push(&l.value);
    }
    for a in &item.aliases {
        push(a);
        let plain = strip_diacritics(a);
        if plain != *a {
            push(&plain);
        }
    }
    for l in &item.natives {
        push(&l.value);
    }
    out
}

/// Role titles: the English name and the aliases of a position, each with
/// the jurisdiction removed (`Prime Minister of Japan` → `Prime Minister`,
/// `United States Secretary of State` → `Secretary of State`), duplicates
/// (ignoring case and punctuation) once; the name itself when nothing is
/// left.
pub fn titles(name: &str, item: &Item, jurisdiction_forms: &[String]) -> Vec<String> {
    let mut forms: Vec<String> = jurisdiction_forms
        .iter()
        .map(|f| f.to_lowercase())
        .filter(|f| !f.is_empty())
        .collect();
    forms.sort_by_key(|f| std::cmp::Reverse(f.chars().count()));
    let mut out: Vec<String> = Vec::new();
    let english = item
        .labels
        .iter()
        .filter(|l| l.lang == "en" || l.lang.starts_with("en-"))
        .map(|l| l.value.as_str());
    for t in std::iter::once(name)
        .chain(english)
        .chain(item.aliases.iter().map(String::as_str))
    {
        let t = strip_jurisdiction(&clean(t), &forms);
        if t.is_empty()
            || is_qid(&t)
            || super::sparql::is_acting(&t)
            || t.chars().any(|c| c.is_ascii_digit())
            || out.iter().any(|o| fold(o) == fold(&t))
        {
            continue;
        }
        out.push(t);
    }
    if out.is_empty() {
        let stripped = strip_jurisdiction(&clean(name), &forms);
        out.push(if stripped.is_empty() {
            clean(name)
        } else {
            stripped
        });
    }
    out
}

/// Removes the jurisdiction (any of `forms`, lowercase, longest first) from
/// the start or end of a title, repeatedly.
pub fn strip_jurisdiction(title: &str, forms: &[String]) -> String {
    let mut t = title.trim().to_string();
    loop {
        let lower = t.to_lowercase();
        let mut cut: Option<(usize, usize)> = None;
        for f in forms {
            for suffix in [
                format!(" of the {f}"),
                format!(" of {f}"),
                format!(" in {f}"),
                format!(" ({f})"),
                format!(", {f}"),
            ] {
                if lower.ends_with(&suffix) && lower.len() > suffix.len() {
                    cut = Some((0, lower.len() - suffix.len()));
                    break;
                }
            }
            if cut.is_some() {
                break;
            }
            for prefix in [format!("the {f} "), format!("{f}'s "), format!("{f} ")] {
                if lower.starts_with(&prefix) && lower.len() > prefix.len() {
                    cut = Some((prefix.len(), lower.len()));
                    break;
                }
            }
            if cut.is_some() {
                break;
            }
        }
        match cut {
            // The forms are lowercase; byte offsets hold when lowercasing
            // keeps lengths (checked), else the title is left as it is.
            Some((a, b)) if lower.len() == t.len() => t = t[a..b].trim().to_string(),
            _ => break,
        }
    }
    let t = t.strip_prefix("the ").unwrap_or(&t).to_string();
    t.trim_matches(|c: char| c == ',' || c.is_whitespace())
        .to_string()
}

/// An ASCII id: folded, non-alphanumerics as `_`; `fallback` when empty.
pub fn slug(s: &str, fallback: &str) -> String {
    let folded = fold(s);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() && c != '\'' {
            out.push('_');
        }
    }
    let out = out.trim_matches('_').to_string();
    if out.is_empty() {
        fallback.to_lowercase()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(f: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = f.iter().map(|s| s.to_lowercase()).collect();
        v.sort_by_key(|f| std::cmp::Reverse(f.len()));
        v
    }

    #[test]
    fn titles_lose_their_jurisdiction() {
        let f = forms(&["Japan", "Japanese", "United States", "US"]);
        for (t, want) in [
            ("Prime Minister of Japan", "Prime Minister"),
            (
                "Minister for Foreign Affairs of Japan",
                "Minister for Foreign Affairs",
            ),
            ("President of the United States", "President"),
            ("United States Secretary of State", "Secretary of State"),
            ("Japanese Minister of Finance", "Minister of Finance"),
            ("Minister of Finance (Japan)", "Minister of Finance"),
            ("Japan's prime minister", "prime minister"),
            ("Chief Cabinet Secretary", "Chief Cabinet Secretary"),
            ("Japan", "Japan"),
        ] {
            assert_eq!(strip_jurisdiction(t, &f), want, "{t}");
        }
    }

    #[test]
    fn english_name_falls_back_to_a_latin_alias_then_any_label() {
        let mut item = Item::default();
        item.labels.insert(Label {
            value: "Γιώργος Γεραπετρίτης".into(),
            lang: "el".into(),
        });
        assert_eq!(
            english_name(&item),
            Some(("Γιώργος Γεραπετρίτης".into(), true))
        );
        item.aliases.push("Giorgos Gerapetritis".into());
        assert_eq!(
            english_name(&item),
            Some(("Giorgos Gerapetritis".into(), true))
        );
        item.labels.insert(Label {
            value: "George Gerapetritis".into(),
            lang: "en".into(),
        });
        assert_eq!(
            english_name(&item),
            Some(("George Gerapetritis".into(), false))
        );
        let mut none = Item::default();
        none.labels.insert(Label {
            value: "Q123".into(),
            lang: "en".into(),
        });
        assert_eq!(english_name(&none), None);
    }

    #[test]
    fn aliases_add_native_and_plain_forms() {
        let mut item = Item::default();
        item.natives.insert(Label {
            value: "高市早苗".into(),
            lang: "ja".into(),
        });
        item.aliases = vec![
            "Takaichi".into(),
            "Sanae Takaichi".into(),
            "S. T. 2".into(),
            "Takaichi Sanae".into(),
        ];
        assert_eq!(
            person_aliases("Sanae Takaichi", &item),
            ["Takaichi Sanae", "高市早苗"]
        );
        let plain = Item::default();
        assert_eq!(person_aliases("Maroš Šefčovič", &plain), ["Maros Sefcovic"]);
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("United States", "Q30"), "united_states");
        assert_eq!(slug("Ελλάδα", "Q41"), "q41");
        assert_eq!(slug("Côte d'Ivoire", "Q1"), "cote_divoire");
    }
}
