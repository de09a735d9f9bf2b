//! Reading HTML pages: html5ever's HTML5 parser builds the tree a browser
//! would (`parse`), the story's container and its text blocks are found in
//! it (`extract`), and the page's metadata read from it (`metadata`).
//!
//! The text is the story's blocks separated by blank lines, headings as
//! Markdown `#` lines, with the source line of each block in the line map.

mod explain;
mod extract;
mod jsonld;
mod lead;
mod metadata;
mod parse;
mod prose;
mod prune;

use super::article::Parsed;
use super::decode::normalize_text;
pub use explain::Explained;

/// Each block of a page's body with why it was kept or left out (see
/// [`explain`]): for `html-eval --explain`.
pub fn explain_html(bytes: &[u8]) -> Vec<Explained> {
    super::decode::decode_html(bytes).map_or_else(|_| Vec::new(), |d| explain::explain(&d.text))
}

/// Extracts metadata and the main text of an HTML page.
pub(super) fn parse_html(html: &str) -> Parsed {
    let dom = parse::parse(html);
    let facts = extract::prune(&dom);
    let main = extract::main_node(&dom, &facts);
    let blocks = extract::story(&dom, &facts, &main);
    let blocks = extract::ld_fallback(blocks, || metadata::ld_article_body(&dom));
    let meta = metadata::metadata(&dom, &main);
    let (text, line_map) = render(&blocks);
    Parsed {
        text,
        meta,
        line_map,
        ..Parsed::default()
    }
}

/// Blocks to text: blank lines between blocks, `# ` before headings; the
/// source line of each text line.
fn render(blocks: &[extract::Block]) -> (String, Vec<u32>) {
    let mut text = String::new();
    let mut map = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
            map.push(b.line);
        }
        if b.heading {
            text.push_str("# ");
        }
        text.push_str(&b.text);
        map.push(b.line);
    }
    (normalize_text(&text), map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::dates::parse_date;

    fn ld_page(shown: &str, ld_body: &str) -> String {
        format!(
            r#"<html><head><script type="application/ld+json">
{{"@type":"NewsArticle","headline":"Ferry","articleBody":"{ld_body}"}}</script></head>
<body><article><p>{shown}</p></article></body></html>"#
        )
    }

    #[test]
    fn a_script_rendered_page_reads_its_json_ld_article_text() {
        let long =
            "The harbour ferry returned to service on Monday after a long repair. ".repeat(10);
        let body = format!("{long}\\nIts captain thanked the crew.");
        let p = parse_html(&ld_page("Loading the story", &body));
        assert!(
            p.text.contains("Its captain thanked the crew."),
            "{}",
            p.text
        );
        assert!(!p.text.contains("Loading"), "{}", p.text);
    }

    #[test]
    fn a_page_showing_its_story_keeps_it_over_the_json_ld_text() {
        let shown =
            "The harbour ferry returned to service on Monday after a long repair. ".repeat(8);
        let long = "A different summary sentence that the page does not show at all. ".repeat(30);
        let p = parse_html(&ld_page(&shown, &long));
        assert!(p.text.contains("harbour ferry"), "{}", p.text);
        assert!(!p.text.contains("different summary"), "{}", p.text);
    }

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
    fn metadata_origins_follow_the_precedence() {
        use crate::model::MetaOrigin as O;
        // A news page: og tags, a canonical link, JSON-LD, a byline element.
        let p = parse_html(
            r#"<html><head><title>Harbour reopens after storm | Coastline Herald</title>
<meta property="og:title" content="Harbour reopens after storm">
<meta property="og:site_name" content="Coastline Herald">
<meta property="og:url" content="https://coastline.example/news/harbour?utm_source=x">
<link rel="canonical" href="/news/harbour">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour reopens",
"author":[{"@type":"Person","name":"Mia Sandoval"}],"publisher":{"name":"Herald Group"}}</script>
</head><body><article><h1>Harbour reopens after storm</h1>
<p class="byline">By <a rel="author" href="/staff/ola">Ola Brandt</a></p>
<p>The harbour opened again on Monday, three days after the storm closed it.</p></article></body></html>"#,
        );
        let m = &p.meta;
        assert_eq!(
            (m.title.as_str(), m.origins.title),
            ("Harbour reopens after storm", O::OgTitle)
        );
        assert_eq!(
            (m.url.as_str(), m.origins.url),
            ("https://coastline.example/news/harbour", O::Canonical)
        );
        assert_eq!(
            (m.source.as_str(), m.origins.source),
            ("Coastline Herald", O::OgSiteName)
        );
        assert_eq!(
            (m.author.as_str(), m.origins.author),
            ("Mia Sandoval", O::JsonLd)
        );
        // A blog page: <title> only, an hNews byline, a commenter's name.
        let p = parse_html(
            r#"<html><head><title>Notes from the allotment - Greenfinger Blog</title>
<meta property="og:url" content="https://greenfinger.example/2025/06/notes"></head>
<body><div class="post"><p class="author vcard">Posted by <span class="fn">Ruth Okafor</span> on
<time datetime="2025-06-15">15 June</time></p><p>The beans are up at last and the slugs have found them.</p></div>
<div id="comments"><span class="comment-author">Lars Wendt</span><p>Try copper tape.</p></div></body></html>"#,
        );
        let m = &p.meta;
        assert_eq!(
            (m.title.as_str(), m.origins.title),
            ("Notes from the allotment", O::TitleTag)
        );
        assert_eq!(
            (m.author.as_str(), m.origins.author),
            ("Ruth Okafor", O::Byline)
        );
        assert_eq!(
            (m.url.as_str(), m.origins.url),
            ("https://greenfinger.example/2025/06/notes", O::OgUrl)
        );
        assert_eq!((m.source.as_str(), m.origins.source), ("", O::None));
        // A page whose <title> is the site's name: the <h1> is the headline;
        // a profile URL in article:author is not a name; meta author wins.
        let p = parse_html(
            r#"<html><head><title>Valley Courier</title><meta property="og:site_name" content="Valley Courier">
<meta property="article:author" content="https://social.example/valleycourier">
<meta name="author" content="Jo Park"></head><body><main><h1>Dam inspection finds cracks</h1>
<p>Engineers found two cracks in the spillway during the yearly inspection.</p></main></body></html>"#,
        );
        let m = &p.meta;
        assert_eq!(
            (m.title.as_str(), m.origins.title),
            ("Dam inspection finds cracks", O::H1)
        );
        assert_eq!(
            (m.author.as_str(), m.origins.author),
            ("Jo Park", O::MetaAuthor)
        );
        assert_eq!((m.url.as_str(), m.origins.url), ("", O::None));
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
        // hAtom's published class marks it too, outside the story's container.
        let body = r#"<p class="byline">By Ann <time class="updated published" datetime="2025-06-16">x</time></p><article><p>Body.</p></article>"#;
        assert_eq!(page("", body).meta.date, "2025-06-16");
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
    fn entities_numeric_and_named() {
        let p = page("", "<p>a&#39;b&#x2014;c&nbsp;d&bogus;e&amp;f&copy</p>");
        assert_eq!(p.text, "a'b—c d&bogus;e&f©");
    }

    #[test]
    fn hostile_pages_parse_without_panic_or_blowup() {
        // 100k nested elements, unclosed formatting and anchors, nested tables.
        for html in [
            "<div>".repeat(100_000) + "Deep text.",
            "<p>".to_string() + &"<b>x".repeat(50_000),
            "<p>".to_string() + &"<a href=x>y<div>".repeat(20_000),
            "<table><tr><td>".repeat(20_000) + "Cell text.",
            "<<<>>><a <b </ <!-- <![CDATA[ &#xFFFFFF; &#0; \u{0}".to_string(),
        ] {
            let p = parse_html(&html);
            assert!(p.text.len() <= html.len());
        }
        // A 16 MB page of paragraphs.
        let para = "<p>Some words of a paragraph, with a comma. And a sentence.</p>\n";
        let big = format!(
            "<html><body>{}</body></html>",
            para.repeat(16 * 1024 * 1024 / para.len())
        );
        let p = parse_html(&big);
        assert_eq!(
            p.text.matches("And a sentence.").count(),
            16 * 1024 * 1024 / para.len()
        );
    }
}
