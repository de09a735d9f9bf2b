//! The page's metadata from its parsed tree: title, publication date,
//! author, site name and canonical URL.

use super::jsonld::{json_ld, LdFacts};
use super::parse::{Data, Dom, NodeId, NONE};
use crate::ingest::byline::byline_element_name;
use crate::ingest::dates::parse_date;
use crate::ingest::decode::normalize_text;
use crate::model::{Meta, MetaOrigin, Origins};
use html5ever::{local_name, LocalName};

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

/// The `<meta>` values the metadata is read from (first of each).
#[derive(Default)]
struct MetaTags {
    og_title: String,
    og_site_name: String,
    og_url: String,
    author: String,
    article_author: String,
}

/// The first `og:title`, `og:site_name`, `og:url`, `author` and
/// `article:author` (unless it is a URL, as profile links are) `<meta>`.
fn meta_tags(dom: &Dom) -> MetaTags {
    let mut tags = MetaTags::default();
    for n in dom.elements("meta") {
        let content = dom.attr(n, "content").unwrap_or_default().trim();
        if content.is_empty() {
            continue;
        }
        let slot = match meta_key(dom, n).as_str() {
            "og:title" => &mut tags.og_title,
            "og:site_name" => &mut tags.og_site_name,
            "og:url" => &mut tags.og_url,
            "author" if !content.starts_with('@') => &mut tags.author,
            "article:author" if !content.contains("://") && !content.starts_with('@') => {
                &mut tags.article_author
            }
            _ => continue,
        };
        if slot.is_empty() {
            *slot = collapse_ws(content);
        }
    }
    tags
}

/// Title, source, author and URL with where each was found, and the date
/// ([`page_date`]):
/// - URL: `<link rel="canonical">` (made absolute against `og:url`),
///   `og:url`, JSON-LD `url`/`mainEntityOfPage`;
/// - source: `og:site_name`, JSON-LD `publisher`;
/// - author: `<meta name="author">`, `article:author`, JSON-LD `author`,
///   a byline element ([`byline_element`]);
/// - title: [`page_title`].
pub(crate) fn metadata(dom: &Dom, main: &[NodeId]) -> Meta {
    let tags = meta_tags(dom);
    let ld = page_json_ld(dom);
    let canonical = canonical_link(dom, &tags.og_url);
    let (url, url_o) = first_of(&[
        (&canonical, MetaOrigin::Canonical),
        (&tags.og_url, MetaOrigin::OgUrl),
        (&ld.url, MetaOrigin::JsonLd),
    ]);
    let (source, source_o) = first_of(&[
        (&tags.og_site_name, MetaOrigin::OgSiteName),
        (&ld.publisher, MetaOrigin::JsonLd),
    ]);
    let byline = byline_element(dom).unwrap_or_default();
    let (author, author_o) = first_of(&[
        (&tags.author, MetaOrigin::MetaAuthor),
        (&tags.article_author, MetaOrigin::ArticleAuthor),
        (&ld.author, MetaOrigin::JsonLd),
        (&byline, MetaOrigin::Byline),
    ]);
    let (title, title_o) = page_title(dom, main, &tags, &ld, &source, &url);
    Meta {
        title: normalize_text(&title),
        date: page_date(dom, main, &ld.date),
        source: normalize_text(&source),
        author: normalize_text(&author),
        url,
        origins: Origins {
            title: title_o,
            source: source_o,
            author: author_o,
            url: url_o,
        },
    }
}

/// The first non-blank value with its origin (empty, `None` when none).
fn first_of(candidates: &[(&str, MetaOrigin)]) -> (String, MetaOrigin) {
    candidates
        .iter()
        .find(|(v, _)| !v.trim().is_empty())
        .map_or((String::new(), MetaOrigin::None), |(v, o)| {
            (v.trim().to_string(), *o)
        })
}

/// The article text the page's JSON-LD gives (`articleBody`), or "".
pub(super) fn ld_article_body(dom: &Dom) -> String {
    page_json_ld(dom).body
}

/// The facts of every JSON-LD block, an earlier block first.
fn page_json_ld(dom: &Dom) -> LdFacts {
    let mut facts = LdFacts::default();
    for n in dom.elements("script") {
        let ld = dom
            .attr(n, "type")
            .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"));
        if ld {
            facts.fill(json_ld(&text_of(dom, n)));
        }
    }
    facts
}

/// The `href` of the first `<link rel="canonical">`, absolute: a path is
/// joined to the scheme and host of `base` (the page's `og:url`); a
/// relative link with no absolute base is dropped.
fn canonical_link(dom: &Dom, base: &str) -> String {
    let href = dom
        .elements("link")
        .filter(|&n| {
            dom.attr(n, "rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("canonical"))
            })
        })
        .find_map(|n| dom.attr(n, "href").map(str::trim).filter(|h| !h.is_empty()))
        .unwrap_or_default();
    absolute(href, base)
}

/// `href` made absolute against `base`; empty when it cannot be.
fn absolute(href: &str, base: &str) -> String {
    if href.starts_with("http://") || href.starts_with("https://") {
        return href.to_string();
    }
    if let Some(rest) = href.strip_prefix("//") {
        return format!("https://{rest}");
    }
    let Some((scheme, rest)) = base.split_once("://") else {
        return String::new();
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if !href.starts_with('/') || host.is_empty() {
        return String::new();
    }
    format!("{scheme}://{host}{href}")
}

/// The headline: the first of `og:title`, JSON-LD `headline`, `<title>`
/// and the first `<h1>` (in the story's container, else anywhere) that is
/// more than the site's name, without a part naming the site
/// ([`headline`]).
fn page_title(
    dom: &Dom,
    main: &[NodeId],
    tags: &MetaTags,
    ld: &LdFacts,
    site: &str,
    url: &str,
) -> (String, MetaOrigin) {
    let text_of_first = |mut nodes: Box<dyn Iterator<Item = NodeId> + '_>| {
        nodes
            .find_map(|n| Some(collapse_ws(&text_of(dom, n))).filter(|t| !t.is_empty()))
            .unwrap_or_default()
    };
    let title_tag = text_of_first(Box::new(dom.elements("title")));
    let h1 = text_of_first(Box::new(
        dom.elements("h1")
            .filter(|&n| main.iter().any(|&m| inside(dom, n, m))),
    ));
    let h1 = if h1.is_empty() {
        text_of_first(Box::new(dom.elements("h1")))
    } else {
        h1
    };
    let names = [squash(site), squash(host_name(url))];
    let only_site = |t: &str| {
        let t = squash(t);
        names.iter().any(|n| !n.is_empty() && *n == t)
    };
    [
        (&tags.og_title, MetaOrigin::OgTitle),
        (&ld.headline, MetaOrigin::JsonLd),
        (&title_tag, MetaOrigin::TitleTag),
        (&h1, MetaOrigin::H1),
    ]
    .iter()
    .map(|(t, o)| (headline(t, site, url), *o))
    .find(|(t, _)| !t.is_empty() && !only_site(t))
    .unwrap_or((String::new(), MetaOrigin::None))
}

/// Separators pages put between a headline and the site's name in
/// `<title>` ("Headline | Site", "Site - Headline").
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " » "];

/// The headline, not the site's name: a title without a leading or
/// trailing part that names the site (`og:site_name`, or the host of the
/// page's URL, or a part of at most four words holding that host's name:
/// "Greenfinger Blog" on greenfinger.example).
fn headline(title: &str, site: &str, url: &str) -> String {
    let title = title.trim();
    let names = [squash(site), squash(host_name(url))];
    let host = &names[1];
    let names_site = |part: &str| {
        let short = part.split_whitespace().count() <= 4;
        let part = squash(part);
        !part.is_empty()
            && (names.iter().any(|n| !n.is_empty() && *n == part)
                || (short && host.chars().count() >= 4 && part.contains(host.as_str())))
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
/// `datePublished`, a `<time datetime>` marked `pubdate`,
/// `itemprop="datePublished"` or hAtom's `class="published"`, the first `<time datetime>` in the story's
/// container (outside `nav`, `aside` and `footer`).
fn page_date(dom: &Dom, main: &[NodeId], ld_date: &str) -> String {
    let mut meta_dates = Vec::new();
    let mut marked_time = None;
    let mut region_time = None;
    for n in dom.descendants(0) {
        match *dom.name(n) {
            local_name!("meta") => {
                let content = dom.attr(n, "content").unwrap_or_default().trim();
                if DATE_META.contains(&meta_key(dom, n).as_str()) && !content.is_empty() {
                    meta_dates.push(content.to_string());
                }
            }
            local_name!("time") => {
                let Some(dt) = dom.attr(n, "datetime").filter(|d| parse_date(d).is_some()) else {
                    continue;
                };
                let marked = dom.attr(n, "pubdate").is_some()
                    || dom
                        .attr(n, "itemprop")
                        .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"))
                    || dom.attr(n, "class").is_some_and(|c| {
                        c.split_ascii_whitespace()
                            .any(|w| w.eq_ignore_ascii_case("published"))
                    });
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
        .or_else(|| Some(ld_date.to_string()).filter(|d| parse_date(d).is_some()))
        .or(marked_time)
        .or(region_time)
        .or_else(|| meta_dates.first().cloned())
        .unwrap_or_default()
}

/// Class or id words that mark a byline element.
const BYLINE_MARKS: &[&str] = &["byline", "author"];

/// The author named by the page's first byline element outside `nav`,
/// `aside` and `footer`: `<a rel="author">`, an `itemprop="author"` (its
/// `itemprop="name"` if it has one), or an element whose class or id
/// names a byline or author, when its text reads as a name
/// ([`byline_element_name`]).
fn byline_element(dom: &Dom) -> Option<String> {
    for n in dom.descendants(0) {
        if matches!(
            *dom.name(n),
            local_name!("")
                | local_name!("meta")
                | local_name!("link")
                | local_name!("script")
                | local_name!("style")
                | local_name!("body")
                | local_name!("html")
                | local_name!("input")
                | local_name!("textarea")
        ) {
            continue;
        }
        let has = |attr: LocalName, word: &str| {
            dom.attr_named(n, &attr)
                .is_some_and(|v| contains_ignore_case(v, word))
        };
        let rel_author = *dom.name(n) == local_name!("a") && has(local_name!("rel"), "author");
        let itemprop = has(local_name!("itemprop"), "author");
        let class = dom.attr_named(n, &local_name!("class"));
        let id = dom.attr_named(n, &local_name!("id"));
        let marked = BYLINE_MARKS.iter().any(|w| {
            [class, id]
                .into_iter()
                .flatten()
                .any(|v| contains_ignore_case(v, w))
        });
        if !(rel_author || itemprop || marked) || in_aside(dom, n) || in_comments(dom, n) {
            continue;
        }
        let holder = if itemprop {
            dom.descendants(n)
                .find(|&d| {
                    dom.attr(d, "itemprop")
                        .is_some_and(|p| p.eq_ignore_ascii_case("name"))
                })
                .unwrap_or(n)
        } else {
            n
        };
        if let Some(name) = short_text(dom, holder, 200).and_then(|t| byline_element_name(&t)) {
            return Some(name);
        }
    }
    None
}

/// Whether `hay` contains `needle` (lowercase ASCII, not empty) in any
/// case, without lowercasing a copy of `hay`: the rest of the needle is
/// compared only where `hay` has its first byte in either case (found many
/// bytes at a time), not at every position.
fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), hay).any(|at| {
        hay.get(at + 1..at + 1 + rest.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(rest))
    })
}

/// Whether an element is in a form or a comment section (a commenter's
/// name, a comment form's "Name" label), itself included.
fn in_comments(dom: &Dom, mut n: NodeId) -> bool {
    while n != NONE {
        let comment = |a: LocalName| {
            dom.attr_named(n, &a)
                .is_some_and(|v| contains_ignore_case(v, "comment"))
        };
        if matches!(dom.tag(n), "form" | "label")
            || comment(local_name!("class"))
            || comment(local_name!("id"))
        {
            return true;
        }
        n = dom.nodes[n].parent;
    }
    false
}

/// The text inside an element, or `None` when it runs past `max` bytes
/// (a wrapper, not a byline: stops early so big wrappers cost little).
fn short_text(dom: &Dom, n: NodeId, max: usize) -> Option<String> {
    let mut s = String::new();
    for d in dom.descendants(n) {
        if let Data::Text(t) = &dom.nodes[d].data {
            s.push_str(t);
            s.push(' ');
            if s.len() > max {
                return None;
            }
        }
    }
    Some(s)
}

#[cfg(test)]
mod contains_tests {
    use super::contains_ignore_case;

    #[test]
    fn contains_ignore_case_is_a_case_blind_search() {
        let naive = |hay: &str, needle: &str| {
            hay.as_bytes()
                .windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
        };
        for hay in [
            "",
            "b",
            "byline",
            "post-BYLINE",
            "ByLiNe-x",
            "bbyline",
            "bylin",
            "by line",
            "author byl",
            "Ünïcode-Author",
            "comments comment-form",
        ] {
            for needle in ["byline", "author", "comment"] {
                assert_eq!(
                    contains_ignore_case(hay, needle),
                    naive(hay, needle),
                    "{hay} {needle}"
                );
            }
        }
    }
}

#[cfg(test)]
mod headline_tests {
    use super::headline;

    #[test]
    fn headline_drops_the_site_name_named_by_og_site_name() {
        let t = headline(
            "Council closes the old bridge | Riverside Gazette",
            "Riverside Gazette",
            "",
        );
        assert_eq!(t, "Council closes the old bridge");
        let t = headline(
            "Riverside Gazette - Council closes the old bridge",
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
            "https://www.lakesidecourier.example/politik/minister-1234",
        );
        assert_eq!(t, "Minister resigns over budget");
    }

    #[test]
    fn headline_keeps_a_dash_that_is_part_of_the_headline() {
        let t = headline("Tokyo - Osaka rail link opens", "Example Wire", "");
        assert_eq!(t, "Tokyo - Osaka rail link opens");
        assert_eq!(headline("Example Wire", "Example Wire", ""), "Example Wire");
    }
}
