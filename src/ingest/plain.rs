//! Plain text (`.txt`) and Markdown (`.md`): the text as it is, or after
//! an optional `---` front matter of flat `key: value` lines.

use super::article::Parsed;
use crate::model::{Meta, MetaOrigin};

/// Plain text: all of it is the article; its title is the headline when
/// page furniture (a stamp line, a label, a share bar) comes first.
pub(super) fn parse_plain(text: String) -> Parsed {
    let mut p = Parsed {
        text,
        ..Parsed::default()
    };
    set_headline(&mut p);
    p
}

/// Sets the title to the text's headline when page furniture comes before
/// it (origin `headline`); leaves it empty otherwise.
fn set_headline(p: &mut Parsed) {
    p.meta.title = headline_title(&p.text);
    if !p.meta.title.is_empty() {
        p.meta.origins.title = MetaOrigin::Headline;
    }
}

/// The headline ([`crate::segment::headline`]) when it is not the first
/// non-empty line; empty otherwise (the first line is the title).
fn headline_title(text: &str) -> String {
    let first = text
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|l| !l.is_empty());
    match crate::segment::headline(text) {
        Some(h) if Some(h) != first => crate::text::cut_marked(h, 200),
        _ => String::new(),
    }
}

/// Markdown: optional `---` front matter of flat `key: value` lines.
pub(super) fn parse_markdown(text: &str) -> Parsed {
    let mut p = Parsed::default();
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        p.text = text.to_string();
        set_headline(&mut p);
        return p;
    }
    let mut offset = first.len() + 1;
    let mut fm_lines = Vec::new();
    let mut closed = false;
    for line in text[offset.min(text.len())..].split('\n') {
        offset += line.len() + 1;
        if line.trim_end() == "---" || line.trim_end() == "..." {
            closed = true;
            break;
        }
        fm_lines.push(line);
    }
    if !closed {
        // No closing fence: not front matter, keep everything as text.
        p.text = text.to_string();
        set_headline(&mut p);
        return p;
    }
    p.line_offset = fm_lines.len() as u32 + 2;
    p.text = text[offset.min(text.len())..].to_string();
    match parse_front_matter(&fm_lines) {
        Ok(meta) => {
            p.meta = meta;
            if p.meta.title.is_empty() {
                set_headline(&mut p);
            }
        }
        Err((line, why)) => {
            p.meta_problem = Some(format!(
                "front matter is not YAML (line {}: {why}): its metadata was ignored",
                line + 1
            ))
        }
    }
    p
}

/// Parses flat YAML `key: value` lines. Returns (0-based line in the front
/// matter block + 1, reason) on the first line that is not YAML.
fn parse_front_matter(lines: &[&str]) -> Result<Meta, (usize, String)> {
    let mut meta = Meta::default();
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim_end();
        let t = line.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        // Nested values and list items belong to a key we do not read.
        if line.starts_with([' ', '\t']) || t.starts_with("- ") || t == "-" {
            continue;
        }
        let Some((k, v)) = t.split_once(':') else {
            return Err((i + 1, format!("{t:?} is not `key: value`")));
        };
        let key = unquote(k.trim()).to_ascii_lowercase();
        let plain = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ' ');
        if key.is_empty() || !key.chars().all(plain) {
            return Err((i + 1, format!("{t:?} is not `key: value`")));
        }
        let v = unquote(v.trim());
        match key.as_str() {
            "title" => meta.title = v,
            "date" | "published" | "published_at" | "pubdate" => meta.date = v,
            "source" | "publisher" | "site" | "outlet" => meta.source = v,
            "author" | "byline" => meta.author = v,
            "url" | "link" | "canonical" => meta.url = v,
            _ => {}
        }
    }
    Ok(meta.found_in(MetaOrigin::FrontMatter))
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return v[1..v.len() - 1].to_string();
        }
    }
    // A trailing YAML comment.
    match v.find(" #") {
        Some(i) => v[..i].trim().to_string(),
        None => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_kept_whole() {
        let p = parse_plain("---\ntitle: x\n---\nBody".into());
        assert_eq!(p.text, "---\ntitle: x\n---\nBody");
        // No metadata but the title: a rule line is not a headline.
        let title = "title: x".to_string();
        let mut expected = Meta {
            title,
            ..Meta::default()
        };
        expected.origins.title = MetaOrigin::Headline;
        assert_eq!(p.meta, expected);
        assert_eq!(p.line_offset, 0);
    }

    #[test]
    fn the_title_is_the_headline_not_a_stamp_or_label() {
        let p = parse_plain(
            "date 2025-06-15 https://example.org/a\n\nBridge Opens To Traffic\nBody.".into(),
        );
        assert_eq!(p.meta.title, "Bridge Opens To Traffic");
        let p = parse_plain("Advertisement\n# Bridge Opens\nBody.".into());
        assert_eq!(p.meta.title, "Bridge Opens");
        // A headline first: the first line stands (no metadata title).
        assert_eq!(parse_plain("Bridge Opens\nBody.".into()).meta.title, "");
        let md = parse_markdown("---\ndate: 2025-06-15\n---\nOverview\n\n# Bridge Opens\n");
        assert_eq!(md.meta.title, "Bridge Opens");
    }

    #[test]
    fn markdown_front_matter() {
        let p = parse_markdown("---\ntitle: \"Hello\"\ndate: 2026-02-12\nsource: Daily\ntags:\n  - a\n---\nBody text.\n");
        assert_eq!(p.meta.title, "Hello");
        assert_eq!(p.meta.date, "2026-02-12");
        assert_eq!(p.meta.source, "Daily");
        let o = p.meta.origins;
        assert_eq!(
            (o.title, o.source),
            (MetaOrigin::FrontMatter, MetaOrigin::FrontMatter)
        );
        assert_eq!((o.author, o.url), (MetaOrigin::None, MetaOrigin::None));
        assert_eq!(p.text, "Body text.\n");
        assert_eq!(p.line_offset, 7);
        let bad = parse_markdown("---\n{not: [yaml\n---\nBody");
        assert!(bad.meta_problem.unwrap().contains("not YAML"));
        assert_eq!(bad.text, "Body");
    }

    #[test]
    fn unclosed_front_matter_is_text() {
        let p = parse_markdown("---\ntitle: x\nBody");
        assert_eq!(p.text, "---\ntitle: x\nBody");
        assert_eq!(p.meta, Meta::default());
    }

    #[test]
    fn front_matter_synonyms_and_quotes() {
        let meta =
            parse_front_matter(&["Published: '2026-01-02'", "byline: Ann # staff", "link: u"])
                .unwrap();
        assert_eq!(
            (meta.date.as_str(), meta.author.as_str(), meta.url.as_str()),
            ("2026-01-02", "Ann", "u")
        );
        assert_eq!(parse_front_matter(&["ok: 1", "no colon"]).unwrap_err().0, 2);
    }
}
