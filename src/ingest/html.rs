//! Parsing HTML pages: a tolerant tokenizer, the page's metadata (`<title>`,
//! `<meta>`, canonical link), the main region (`<article>`, `<main>`,
//! `<body>`) and its text as blocks separated by blank lines.

use super::article::Parsed;
use super::dates::parse_date;
use super::decode::normalize_text;
use crate::model::Meta;

const SKIP_TAGS: &[&str] = &[
    "script", "style", "nav", "header", "footer", "aside", "noscript", "template", "svg", "form",
    "iframe", "button", "select", "head",
];
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "body",
    "html",
    "address",
    "details",
    "summary",
];

/// One HTML token.
#[derive(Debug)]
enum Tok<'a> {
    Text(&'a str, usize),
    /// The body of a JSON-LD `<script type="application/ld+json">`.
    JsonLd(&'a str),
    Open(String, &'a str),
    Close(String),
}

/// Splits HTML into tokens (text with its byte offset; tags with lowercase
/// name and raw attributes). Comments and doctype are dropped. Tolerant of
/// any malformed input.
fn tokenize(html: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            if text_start < i {
                toks.push(Tok::Text(&html[text_start..i], text_start));
            }
            let end = html[i + 4..]
                .find("-->")
                .map(|e| i + 4 + e + 3)
                .unwrap_or(b.len());
            i = end;
            text_start = i;
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?') {
            i += 1;
            continue;
        }
        let Some(rel_end) = html[i..].find('>') else {
            break;
        };
        if text_start < i {
            toks.push(Tok::Text(&html[text_start..i], text_start));
        }
        let inner = &html[i + 1..i + rel_end];
        i += rel_end + 1;
        text_start = i;
        if inner.starts_with('!') || inner.starts_with('?') {
            continue;
        }
        if let Some(name) = inner.strip_prefix('/') {
            let n = name
                .trim()
                .split(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            toks.push(Tok::Close(n.to_ascii_lowercase()));
            continue;
        }
        let name_end = inner
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inner.len());
        let name = inner[..name_end].to_ascii_lowercase();
        let attrs = &inner[name_end..];
        let self_closing = inner.ends_with('/');
        // Raw-text elements: skip to their close tag.
        if name == "script" || name == "style" || name == "textarea" || name == "title" {
            let close = format!("</{name}");
            let lower_rest = html[i..].to_ascii_lowercase();
            let end = lower_rest.find(&close).map(|e| i + e).unwrap_or(b.len());
            toks.push(Tok::Open(name.clone(), attrs));
            if name == "title" {
                toks.push(Tok::Text(&html[i..end], i));
            }
            if name == "script"
                && attr(attrs, "type").is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"))
            {
                toks.push(Tok::JsonLd(&html[i..end]));
            }
            toks.push(Tok::Close(name));
            i = html[end..]
                .find('>')
                .map(|e| end + e + 1)
                .unwrap_or(b.len());
            text_start = i;
            continue;
        }
        toks.push(Tok::Open(name.clone(), attrs));
        if self_closing {
            toks.push(Tok::Close(name));
        }
    }
    if text_start < b.len() {
        toks.push(Tok::Text(&html[text_start..], text_start));
    }
    toks
}

/// The value of attribute `name` in a raw attribute string.
fn attr(attrs: &str, name: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(name) {
        let at = from + pos;
        from = at + name.len();
        let before_ok = at == 0
            || !lower.as_bytes()[at - 1].is_ascii_alphanumeric()
                && lower.as_bytes()[at - 1] != b'-'
                && lower.as_bytes()[at - 1] != b':';
        let rest = attrs[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let rest = rest[1..].trim_start();
        let v = if let Some(r) = rest.strip_prefix('"') {
            r.split('"').next().unwrap_or("")
        } else if let Some(r) = rest.strip_prefix('\'') {
            r.split('\'').next().unwrap_or("")
        } else {
            rest.split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or("")
        };
        return Some(decode_entities(v));
    }
    None
}

/// Decodes HTML character references.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| c == ';' || c == '&' || c.is_whitespace())
            .map(|e| e + 1);
        let decoded = match end {
            Some(e) if rest.as_bytes().get(e) == Some(&b';') && e <= 12 => {
                let name = &rest[1..e];
                let c = if let Some(num) = name.strip_prefix('#') {
                    let v = if let Some(hex) = num.strip_prefix(['x', 'X']) {
                        u32::from_str_radix(hex, 16).ok()
                    } else {
                        num.parse::<u32>().ok()
                    };
                    v.and_then(char::from_u32).map(|c| c.to_string())
                } else {
                    named_entity(name).map(str::to_string)
                };
                c.map(|c| (c, e + 1))
            }
            _ => None,
        };
        match decoded {
            Some((c, len)) => {
                out.push_str(&c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        "mdash" => "—",
        "ndash" => "–",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "hellip" => "…",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "deg" => "°",
        "middot" => "·",
        "bull" => "•",
        "laquo" => "«",
        "raquo" => "»",
        "eacute" => "é",
        "egrave" => "è",
        "aacute" => "á",
        "oacute" => "ó",
        "uacute" => "ú",
        "iacute" => "í",
        "ntilde" => "ñ",
        "uuml" => "ü",
        "ouml" => "ö",
        "auml" => "ä",
        "ccedil" => "ç",
        "scaron" => "š",
        "Scaron" => "Š",
        "times" => "×",
        "percnt" => "%",
        "dollar" => "$",
        _ => return None,
    })
}

/// `<meta>` names and properties that give the publication date.
const DATE_META: &[&str] = &[
    "article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
];

/// Whether a raw attribute string has the boolean attribute `name`
/// (`<time pubdate>`).
fn has_flag(attrs: &str, name: &str) -> bool {
    let lower = attrs.to_ascii_lowercase();
    lower
        .split(|c: char| c.is_whitespace() || c == '/')
        .any(|w| w == name || w.starts_with(&format!("{name}=")))
}

/// The first `datePublished` in a JSON-LD block: objects, arrays and
/// `@graph` are searched depth-first, an article-like `@type` (`NewsArticle`,
/// `BlogPosting`, …) before any other. Malformed JSON gives nothing.
fn json_ld_date(body: &str) -> Option<String> {
    let body = body.trim();
    let body = body
        .strip_prefix("<![CDATA[")
        .and_then(|b| b.strip_suffix("]]>"))
        .unwrap_or(body)
        .trim()
        .trim_end_matches(';');
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    fn walk(v: &serde_json::Value, articles_only: bool) -> Option<String> {
        match v {
            serde_json::Value::Array(items) => items.iter().find_map(|i| walk(i, articles_only)),
            serde_json::Value::Object(obj) => {
                let article = |t: &serde_json::Value| {
                    t.as_str().is_some_and(|t| {
                        t.ends_with("Article") || t == "BlogPosting" || t == "Report"
                    })
                };
                let typed = obj.get("@type").is_some_and(|t| match t {
                    serde_json::Value::Array(ts) => ts.iter().any(article),
                    t => article(t),
                });
                if typed || !articles_only {
                    if let Some(d) = obj.get("datePublished").and_then(|d| d.as_str()) {
                        if !d.trim().is_empty() {
                            return Some(d.trim().to_string());
                        }
                    }
                }
                obj.iter()
                    .filter(|(k, _)| k.as_str() != "datePublished")
                    .find_map(|(_, v)| walk(v, articles_only))
            }
            _ => None,
        }
    }
    walk(&value, true).or_else(|| walk(&value, false))
}

/// The page's publication date, first that has it: a `<meta>` date (in
/// page order, a value that parses before one that does not), JSON-LD
/// `datePublished`, a `<time datetime>` marked `pubdate` or
/// `itemprop="datePublished"`, the first `<time datetime>` in the main
/// region (outside `nav`, `aside` and `footer`).
fn page_date(toks: &[Tok<'_>], region: (usize, usize)) -> String {
    let mut meta_dates = Vec::new();
    let mut json_ld = None;
    let mut marked_time = None;
    let mut region_time = None;
    // Inside `nav`, `aside` or `footer`: times of other articles.
    let mut aside_depth = 0usize;
    const ASIDES: [&str; 3] = ["nav", "aside", "footer"];
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Open(name, _) if ASIDES.contains(&name.as_str()) => aside_depth += 1,
            Tok::Close(name) if ASIDES.contains(&name.as_str()) => {
                aside_depth = aside_depth.saturating_sub(1)
            }
            Tok::Open(name, attrs) if name == "meta" => {
                let key = attr(attrs, "property")
                    .or_else(|| attr(attrs, "name"))
                    .or_else(|| attr(attrs, "itemprop"))
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let content = attr(attrs, "content").unwrap_or_default();
                if DATE_META.contains(&key.as_str()) && !content.trim().is_empty() {
                    meta_dates.push(content.trim().to_string());
                }
            }
            Tok::JsonLd(body) if json_ld.is_none() => json_ld = json_ld_date(body),
            Tok::Open(name, attrs) if name == "time" => {
                let Some(dt) = attr(attrs, "datetime").filter(|d| parse_date(d).is_some()) else {
                    continue;
                };
                let marked = has_flag(attrs, "pubdate")
                    || attr(attrs, "itemprop")
                        .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"));
                if marked && marked_time.is_none() {
                    marked_time = Some(dt.trim().to_string());
                } else if region_time.is_none()
                    && aside_depth == 0
                    && (region.0..region.1).contains(&i)
                {
                    region_time = Some(dt.trim().to_string());
                }
            }
            _ => {}
        }
    }
    let parsed_meta = meta_dates.iter().find(|d| parse_date(d).is_some()).cloned();
    parsed_meta
        .or_else(|| json_ld.filter(|d| parse_date(d).is_some()))
        .or(marked_time)
        .or(region_time)
        .or_else(|| meta_dates.first().cloned())
        .unwrap_or_default()
}

/// Extracts metadata and the main text of an HTML page.
pub(super) fn parse_html(html: &str) -> Parsed {
    let toks = tokenize(html);
    let mut meta = Meta::default();
    let mut in_title = false;
    for t in &toks {
        match t {
            Tok::Open(name, attrs) if name == "meta" => {
                let key = attr(attrs, "property")
                    .or_else(|| attr(attrs, "name"))
                    .or_else(|| attr(attrs, "itemprop"))
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let content = attr(attrs, "content").unwrap_or_default();
                let content = content.trim().to_string();
                if content.is_empty() {
                    continue;
                }
                match key.as_str() {
                    "og:site_name" if meta.source.is_empty() => meta.source = content,
                    "author" | "article:author" if meta.author.is_empty() => meta.author = content,
                    "og:url" if meta.url.is_empty() => meta.url = content,
                    "og:title" if meta.title.is_empty() => meta.title = content,
                    _ => {}
                }
            }
            Tok::Open(name, attrs)
                if name == "link"
                    && meta.url.is_empty()
                    && attr(attrs, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                meta.url = attr(attrs, "href").unwrap_or_default();
            }
            Tok::Open(name, _) if name == "title" => in_title = true,
            Tok::Close(name) if name == "title" => in_title = false,
            Tok::Text(s, _) if in_title => {
                // <title> wins over og:title.
                let t = collapse_ws(&decode_entities(s));
                if !t.is_empty() {
                    meta.title = t;
                }
            }
            _ => {}
        }
    }
    // Choose the main region: the <article> with most text, else <main>,
    // else <body>, else everything.
    let region = main_region(&toks);
    meta.date = page_date(&toks, region);
    let (text, line_map) = render(html, &toks[region.0..region.1]);
    Parsed {
        text,
        meta,
        line_map,
        ..Parsed::default()
    }
}

fn main_region(toks: &[Tok<'_>]) -> (usize, usize) {
    for tag in ["article", "main", "body"] {
        let mut best: Option<(usize, usize, usize)> = None; // (start, end, text len)
        let mut i = 0;
        while i < toks.len() {
            if matches!(&toks[i], Tok::Open(n, _) if n == tag) {
                let mut depth = 0;
                let mut j = i;
                let mut len = 0;
                while j < toks.len() {
                    match &toks[j] {
                        Tok::Open(n, _) if n == tag => depth += 1,
                        Tok::Close(n) if n == tag => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        Tok::Text(s, _) => len += s.trim().len(),
                        _ => {}
                    }
                    j += 1;
                }
                if best.is_none_or(|b| len > b.2) {
                    best = Some((i, j.min(toks.len()), len));
                }
                i = j;
            }
            i += 1;
        }
        if let Some((s, e, len)) = best {
            if len > 0 {
                return (s, e);
            }
        }
    }
    (0, toks.len())
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renders tokens to text: blocks separated by blank lines, headings as
/// markdown `#` lines, skipped elements dropped. Returns the text and the
/// file line of each text line.
fn render(html: &str, toks: &[Tok<'_>]) -> (String, Vec<u32>) {
    let mut blocks: Vec<(String, usize, bool)> = Vec::new(); // (text, byte offset, heading)
    let mut cur = String::new();
    let mut cur_at = 0usize;
    let mut heading = false;
    let mut skip_depth = 0usize;
    let flush = |cur: &mut String,
                 cur_at: usize,
                 heading: &mut bool,
                 blocks: &mut Vec<(String, usize, bool)>| {
        let t = collapse_ws(cur);
        if !t.is_empty() {
            blocks.push((t, cur_at, *heading));
        }
        cur.clear();
        *heading = false;
    };
    for t in toks {
        match t {
            Tok::Open(name, _) if SKIP_TAGS.contains(&name.as_str()) => skip_depth += 1,
            Tok::Close(name) if SKIP_TAGS.contains(&name.as_str()) => {
                skip_depth = skip_depth.saturating_sub(1)
            }
            _ if skip_depth > 0 => {}
            Tok::Open(name, _) | Tok::Close(name) if name == "br" => cur.push('\n'),
            Tok::Open(name, _) if BLOCK_TAGS.contains(&name.as_str()) => {
                flush(&mut cur, cur_at, &mut heading, &mut blocks);
                heading = matches!(name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            }
            Tok::Close(name) if BLOCK_TAGS.contains(&name.as_str()) => {
                flush(&mut cur, cur_at, &mut heading, &mut blocks)
            }
            Tok::Text(s, at) => {
                let d = decode_entities(s);
                if cur.trim().is_empty() && !d.trim().is_empty() {
                    cur_at = *at + (s.len() - s.trim_start().len());
                }
                cur.push_str(&d);
            }
            _ => {}
        }
    }
    flush(&mut cur, cur_at, &mut heading, &mut blocks);
    // Map byte offsets to file lines.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(html.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |off: usize| line_starts.partition_point(|&s| s <= off) as u32;
    let mut text = String::new();
    let mut map = Vec::new();
    for (i, (t, at, h)) in blocks.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
            map.push(line_of(*at));
        }
        if *h {
            text.push_str("# ");
        }
        text.push_str(t);
        map.push(line_of(*at));
    }
    (normalize_text(&text), map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_main_text_and_metadata() {
        let html = r#"<html><head><title>The &amp; Title</title>
<meta property="article:published_time" content="2026-02-12T09:00:00Z">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Ann Lee">
<script>var x = "<p>no</p>";</script><style>p{}</style></head>
<body><nav>Home | World</nav><header>Site header</header>
<article><h1>Big News</h1><p>First paragraph, with &ldquo;quotes&rdquo;.</p>
<aside>Ad text</aside>
<p>Second
paragraph.</p></article><footer>Copyright</footer></body></html>"#;
        let p = parse_html(html);
        assert_eq!(p.meta.title, "The & Title");
        assert_eq!(p.meta.date, "2026-02-12T09:00:00Z");
        assert_eq!(p.meta.source, "Example News");
        assert_eq!(p.meta.author, "Ann Lee");
        assert_eq!(
            p.text,
            "# Big News\n\nFirst paragraph, with “quotes”.\n\nSecond paragraph."
        );
        assert_eq!(p.line_map.len(), 5);
        assert_eq!(p.line_map[0], 7);
    }

    #[test]
    fn html_without_body_text_is_empty() {
        assert!(parse_html("<html><head><title>x</title></head></html>")
            .text
            .trim()
            .is_empty());
        assert!(parse_html("").text.is_empty());
        assert!(parse_html("<<<>>><a <b").text.len() < 20);
    }

    fn page(head: &str, body: &str) -> Parsed {
        parse_html(&format!(
            "<html><head><title>T</title>{head}</head><body>{body}</body></html>"
        ))
    }

    #[test]
    fn date_meta_names() {
        for head in [
            r#"<meta itemprop="datePublished" content="2025-06-15">"#,
            r#"<meta name="date" content="2025-06-15">"#,
            r#"<meta name="pubdate" content="20250615"><meta name="publishdate" content="2025-06-15">"#,
            r#"<meta name="DC.date.issued" content="2025-06-15">"#,
            r#"<meta name="dc.date" content="2025-06-15">"#,
            r#"<meta name="sailthru.date" content="2025-06-15 10:32:00">"#,
            r#"<meta name="parsely-pub-date" content="2025-06-15T10:32:00Z">"#,
            r#"<meta property="article:published_time" content="2025-06-15T10:32:00+01:00">"#,
        ] {
            let p = page(head, "<p>Body text.</p>");
            assert_eq!(
                parse_date(&p.meta.date).map(|d| d.to_string()).as_deref(),
                Some("2025-06-15"),
                "{head}"
            );
        }
        // An unparsable value yields to a later one, and is kept when none parses.
        let p = page(
            r#"<meta name="date" content="today"><meta name="pubdate" content="2025-06-15">"#,
            "<p>x</p>",
        );
        assert_eq!(p.meta.date, "2025-06-15");
        let p = page(r#"<meta name="date" content="today">"#, "<p>x</p>");
        assert_eq!(p.meta.date, "today");
        // Other meta names are not dates.
        let p = page(
            r#"<meta name="dateModified" content="2025-06-15"><meta name="last-modified" content="2025-06-15">"#,
            "<p>x</p>",
        );
        assert_eq!(p.meta.date, "");
    }

    #[test]
    fn json_ld_date_published() {
        let ld = |json: &str| format!(r#"<script type="application/ld+json">{json}</script>"#);
        let cases = [
            r#"{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2025-06-15T10:32:00Z"}"#,
            r#"[{"@type":"WebSite","name":"x"},{"@type":"Article","datePublished":"2025-06-15"}]"#,
            r#"{"@graph":[{"@type":"WebPage","datePublished":"2024-01-01"},{"@type":["NewsArticle"],"datePublished":"2025-06-15"}]}"#,
            r#"{"@type":"WebPage","mainEntity":{"@type":"BlogPosting","datePublished":"2025-06-15"}}"#,
            r#"{"@type":"VideoObject","datePublished":"2025-06-15"}"#,
        ];
        for json in cases {
            let p = page(&ld(json), "<p>Body.</p>");
            assert_eq!(p.meta.date.get(..10), Some("2025-06-15"), "{json}");
            assert_eq!(p.text, "Body.");
        }
        for bad in [
            r#"{"@type":"NewsArticle""#,
            r#"{"@type":"NewsArticle","dateModified":"2025-06-15"}"#,
            "[]",
        ] {
            assert_eq!(page(&ld(bad), "<p>Body.</p>").meta.date, "", "{bad}");
        }
        // A meta date wins over JSON-LD; JSON-LD in the body counts too.
        let p = page(
            r#"<meta name="date" content="2025-06-14">"#,
            &ld(r#"{"@type":"NewsArticle","datePublished":"2025-06-15"}"#),
        );
        assert_eq!(p.meta.date, "2025-06-14");
        let p = page(
            "",
            &format!(
                "<p>Body.</p>{}",
                ld(r#"{"@type":"NewsArticle","datePublished":"2025-06-15"}"#)
            ),
        );
        assert_eq!(p.meta.date, "2025-06-15");
    }

    #[test]
    fn time_elements() {
        let body = r#"<nav><time datetime="2025-01-01">Jan 1</time></nav>
<article><h1>Head</h1><p>Related: <time datetime="2025-06-10">June 10</time></p>
<p>By Ann <time pubdate datetime="2025-06-15T09:00">June 15</time></p><p>Body text here.</p></article>"#;
        assert_eq!(page("", body).meta.date, "2025-06-15T09:00");
        let body = r#"<article><p><time itemprop="datePublished" datetime="2025-06-15">x</time></p><p>Body.</p></article>"#;
        assert_eq!(page("", body).meta.date, "2025-06-15");
        // Unmarked: the first in the article, never one in nav, aside or footer.
        let body = r#"<nav><time datetime="2025-01-01">x</time></nav><article><aside><time datetime="2025-02-02">y</time></aside>
<p>Body text <time datetime="2025-06-15">June 15</time>.</p></article><footer><time datetime="2025-03-03">z</time></footer>"#;
        assert_eq!(page("", body).meta.date, "2025-06-15");
        let body =
            r#"<nav><time datetime="2025-01-01">x</time></nav><article><p>Body.</p></article>"#;
        assert_eq!(page("", body).meta.date, "");
        // A datetime that is not a date is ignored; meta and JSON-LD win.
        let body = r#"<article><p><time datetime="PT5M">5 min</time>Body.</p></article>"#;
        assert_eq!(page("", body).meta.date, "");
        let body = r#"<article><p><time pubdate datetime="2025-06-15">x</time>Body.</p></article>"#;
        assert_eq!(
            page(r#"<meta name="date" content="2025-06-01">"#, body)
                .meta
                .date,
            "2025-06-01"
        );
    }

    #[test]
    fn flags_are_whole_attribute_names() {
        assert!(has_flag(" pubdate datetime=\"x\"", "pubdate"));
        assert!(has_flag(" PUBDATE", "pubdate"));
        assert!(has_flag(" pubdate=\"pubdate\"", "pubdate"));
        assert!(!has_flag(" data-pubdate=\"1\"", "pubdate"));
        assert!(!has_flag(" datetime=\"pubdate\"", "pubdate"));
    }

    #[test]
    fn entities_numeric_and_named() {
        assert_eq!(
            decode_entities("a&#39;b&#x2014;c&nbsp;d&bogus;e&"),
            "a'b—c d&bogus;e&"
        );
    }
}
