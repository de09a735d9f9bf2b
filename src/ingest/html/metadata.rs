//! The page's metadata from its parsed tree: title, publication date,
//! author, site name and canonical URL.

use super::parse::{Data, Dom, NodeId, NONE};
use crate::ingest::dates::parse_date;
use crate::ingest::decode::normalize_text;
use crate::model::Meta;

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

/// The text inside an element (all descendant text nodes).
pub(crate) fn text_of(dom: &Dom, n: NodeId) -> String {
    let mut s = String::new();
    for d in dom.descendants(n) {
        if let Data::Text(t) = &dom.nodes[d].data {
            s.push_str(t);
        }
    }
    s
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key of a `<meta>`: its property, name or itemprop, lowercase.
fn meta_key(dom: &Dom, n: NodeId) -> String {
    dom.attr(n, "property")
        .or_else(|| dom.attr(n, "name"))
        .or_else(|| dom.attr(n, "itemprop"))
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Title, site name, author and URL from `<meta>`, `<title>` and the
/// canonical link; the date from [`page_date`].
pub(crate) fn metadata(dom: &Dom, main: &[NodeId]) -> Meta {
    let mut meta = Meta::default();
    for n in dom.elements("meta") {
        let key = meta_key(dom, n);
        let content = dom
            .attr(n, "content")
            .unwrap_or_default()
            .trim()
            .to_string();
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
    if meta.url.is_empty() {
        let canonical = dom.elements("link").find(|&n| {
            dom.attr(n, "rel")
                .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
        });
        if let Some(n) = canonical {
            meta.url = dom.attr(n, "href").unwrap_or_default().to_string();
        }
    }
    let og_title = std::mem::take(&mut meta.title);
    let title_tag = dom
        .elements("title")
        .map(|n| collapse_ws(&text_of(dom, n)))
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    meta.title = headline(&title_tag, &og_title, &meta.source, &meta.url);
    meta.date = page_date(dom, main);
    for field in [&mut meta.title, &mut meta.source, &mut meta.author] {
        *field = normalize_text(field);
    }
    meta
}

/// Separators pages put between a headline and the site's name in
/// `<title>` ("Headline | Site", "Site - Headline").
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " » "];

/// The headline, not the site's name: `<title>` (else `og:title`) without
/// a leading or trailing part that names the site (`og:site_name`, or the
/// host of the page's URL).
fn headline(title_tag: &str, og_title: &str, site: &str, url: &str) -> String {
    let title = if title_tag.is_empty() {
        og_title
    } else {
        title_tag
    };
    let names = [squash(site), squash(host_name(url))];
    let names_site = |part: &str| {
        let part = squash(part);
        !part.is_empty() && names.iter().any(|n| !n.is_empty() && *n == part)
    };
    for sep in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if names_site(tail) && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            if names_site(head) && !tail.trim().is_empty() {
                return tail.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// A URL's host without `www.` and without its last label ("example.com"
/// → "example"), so it can be compared with a site name.
fn host_name(url: &str) -> &str {
    let rest = url.split_once("://").map_or("", |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    host.rsplit_once('.').map_or(host, |(name, _)| name)
}

/// Lowercase letters and digits only: "Example Wire" = "examplewire" =
/// the host "example-wire".
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a `<time>` is inside navigation, an aside or a footer (the
/// times of other articles).
fn in_aside(dom: &Dom, mut n: NodeId) -> bool {
    while n != NONE {
        if matches!(dom.tag(n), "nav" | "aside" | "footer") {
            return true;
        }
        n = dom.nodes[n].parent;
    }
    false
}

/// Whether `n` is inside `root` (or is it).
fn inside(dom: &Dom, mut n: NodeId, root: NodeId) -> bool {
    while n != NONE {
        if n == root {
            return true;
        }
        n = dom.nodes[n].parent;
    }
    false
}

/// The page's publication date, first that has it: a `<meta>` date (in
/// page order, a value that parses before one that does not), JSON-LD
/// `datePublished`, a `<time datetime>` marked `pubdate` or
/// `itemprop="datePublished"`, the first `<time datetime>` in the story's
/// container (outside `nav`, `aside` and `footer`).
fn page_date(dom: &Dom, main: &[NodeId]) -> String {
    let mut meta_dates = Vec::new();
    let mut json_ld = None;
    let mut marked_time = None;
    let mut region_time = None;
    for n in dom.descendants(0) {
        match dom.tag(n) {
            "meta" => {
                let content = dom.attr(n, "content").unwrap_or_default().trim();
                if DATE_META.contains(&meta_key(dom, n).as_str()) && !content.is_empty() {
                    meta_dates.push(content.to_string());
                }
            }
            "script" if json_ld.is_none() => {
                let ld = dom
                    .attr(n, "type")
                    .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"));
                if ld {
                    json_ld = json_ld_date(&text_of(dom, n));
                }
            }
            "time" => {
                let Some(dt) = dom.attr(n, "datetime").filter(|d| parse_date(d).is_some()) else {
                    continue;
                };
                let marked = dom.attr(n, "pubdate").is_some()
                    || dom
                        .attr(n, "itemprop")
                        .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"));
                if marked && marked_time.is_none() {
                    marked_time = Some(dt.trim().to_string());
                } else if region_time.is_none()
                    && main.iter().any(|&m| inside(dom, n, m))
                    && !in_aside(dom, n)
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

#[cfg(test)]
mod headline_tests {
    use super::headline;

    #[test]
    fn headline_drops_the_site_name_named_by_og_site_name() {
        let t = headline(
            "Council closes the old bridge | Riverside Gazette",
            "",
            "Riverside Gazette",
            "",
        );
        assert_eq!(t, "Council closes the old bridge");
        let t = headline(
            "Riverside Gazette - Council closes the old bridge",
            "",
            "Riverside Gazette",
            "",
        );
        assert_eq!(t, "Council closes the old bridge");
    }

    #[test]
    fn headline_drops_the_site_name_named_by_the_host() {
        let t = headline(
            "Minister resigns over budget — Lakeside Courier",
            "",
            "",
            "https://www.lakesidecourier.example/politik/minister-1234",
        );
        assert_eq!(t, "Minister resigns over budget");
    }

    #[test]
    fn headline_keeps_a_dash_that_is_part_of_the_headline() {
        let t = headline("Tokyo - Osaka rail link opens", "", "Example Wire", "");
        assert_eq!(t, "Tokyo - Osaka rail link opens");
        assert_eq!(
            headline("Example Wire", "", "Example Wire", ""),
            "Example Wire"
        );
    }

    #[test]
    fn headline_falls_back_to_og_title() {
        let t = headline("", "Flood waters recede | Example Post", "Example Post", "");
        assert_eq!(t, "Flood waters recede");
    }
}
