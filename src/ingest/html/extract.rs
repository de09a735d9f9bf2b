//! The story of a page: which part of the parsed tree is the article, and
//! its text as blocks.
//!
//! 1. [`prune`] marks what never is the story: non-rendering and
//!    interactive elements, navigation, asides, footers and headers, hidden
//!    elements, and elements whose class or id names page furniture (share
//!    bars, comments, related links, cookie notices...) unless they hold most
//!    of the page's text.
//! 2. [`main_node`] picks the container: an element its markup names the
//!    article body (`itemprop="articleBody"`, `article-body`,
//!    `entry-content`, ...) if it holds enough text, else the element that
//!    gathers most paragraph text (each paragraph scores its parent fully,
//!    its grandparent half), weighed by link density.
//! 3. [`blocks`] renders that container as text blocks; blocks that are
//!    mostly a link (teasers, "read more") are dropped, and so are lists
//!    whose items are each essentially a link ("Most read", "Related"),
//!    with a heading left bare by that.
//! 4. When the container gives too little text, the whole pruned body is
//!    used instead.

use super::parse::{Data, Dom, NodeId, NONE};

/// One block of text with the source line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub(crate) text: String,
    pub(crate) line: u32,
    pub(crate) heading: bool,
    /// The text node the block starts with.
    node: NodeId,
    /// Characters of link text in the block.
    links: usize,
}

/// Elements that never hold the story.
fn skip_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "button"
            | "select"
            | "textarea"
            | "input"
            | "option"
            | "nav"
            | "aside"
            | "footer"
            | "header"
            | "head"
            | "title"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "map"
            | "dialog"
            | "menu"
            | "figure"
    )
}

/// Elements that start and end a block of text.
fn block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "blockquote"
            | "pre"
            | "ul"
            | "ol"
            | "li"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "dl"
            | "dt"
            | "dd"
            | "figcaption"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "hr"
            | "body"
            | "html"
            | "address"
            | "details"
            | "summary"
            | "center"
            | "form"
            | "fieldset"
            | "caption"
            | "tbody"
            | "thead"
            | "tfoot"
    )
}

/// Class or id words that name page furniture (whole words).
const FURNITURE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "author",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "comment",
    "comments",
    "cookie",
    "cookies",
    "consent",
    "disqus",
    "footer",
    "hidden",
    "hide",
    "masthead",
    "menu",
    "meta",
    "modal",
    "nav",
    "navbar",
    "newsletter",
    "noprint",
    "pagination",
    "pager",
    "popup",
    "promo",
    "rating",
    "related",
    "share",
    "sharing",
    "sidebar",
    "social",
    "sponsored",
    "subscribe",
    "tags",
    "teaser",
    "toolbar",
];

/// Class or id fragments that name page furniture anywhere in the value.
const FURNITURE_PARTS: &[&str] = &[
    "comment-",
    "comments",
    "share-",
    "sharing",
    "social",
    "related",
    "sidebar",
    "navigation",
    "breadcrumb",
    "newsletter",
    "outbrain",
    "taboola",
    "recommend",
    "most-popular",
    "mostpopular",
    "read-more",
    "readmore",
    "more-stories",
    "cookie",
    "subscription",
    "paywall",
    "footer",
    "byline",
    "timestamp",
    "tag-list",
    "taglist",
    "visually-hidden",
    "sr-only",
    "screen-reader",
];

/// Class or id fragments that name the article body.
const BODY_PARTS: &[&str] = &[
    "article-body",
    "articlebody",
    "article__body",
    "article-content",
    "articlecontent",
    "article__content",
    "article-text",
    "articletext",
    "entry-content",
    "post-content",
    "postcontent",
    "post-body",
    "post-text",
    "post-entry",
    "story-body",
    "storybody",
    "story-content",
    "body-text",
    "bodytext",
    "main-text",
    "text-content",
    "single-content",
    "blog-content",
    "page-content",
    "content-body",
];

/// Paragraph-like elements whose text scores their ancestors.
fn para_tag(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "pre" | "blockquote" | "td" | "dd" | "li" | "h2" | "h3"
    )
}

/// Characters of text a body-naming container needs to be taken.
const MIN_BODY_CHARS: usize = 250;

/// Per-node facts for the walk.
pub(crate) struct Facts {
    /// Never rendered (pruned itself or inside a pruned node).
    pub(crate) skip: Vec<bool>,
    /// Text characters under the node, pruned parts excluded.
    pub(crate) chars: Vec<u32>,
    /// Of those, characters inside links.
    pub(crate) link_chars: Vec<u32>,
    /// Commas in that text.
    pub(crate) commas: Vec<u32>,
}

/// The words of an element's class and id, lowercase.
fn class_id(dom: &Dom, n: NodeId) -> String {
    let mut s = String::new();
    for a in ["class", "id"] {
        if let Some(v) = dom.attr(n, a) {
            s.push_str(&v.to_ascii_lowercase());
            s.push(' ');
        }
    }
    s
}

/// True when the class or id names page furniture.
fn furniture_name(ci: &str) -> bool {
    if ci.is_empty() {
        return false;
    }
    ci.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| FURNITURE_WORDS.contains(&w))
        || FURNITURE_PARTS.iter().any(|p| ci.contains(p))
}

/// True when the element is hidden from readers.
fn hidden(dom: &Dom, n: NodeId) -> bool {
    if dom.attr(n, "hidden").is_some() || dom.attr(n, "aria-hidden") == Some("true") {
        return true;
    }
    dom.attr(n, "style").is_some_and(|s| {
        let s: String = s
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// True when the element's role names navigation or page chrome.
fn chrome_role(dom: &Dom, n: NodeId) -> bool {
    dom.attr(n, "role").is_some_and(|r| {
        matches!(
            r.to_ascii_lowercase().as_str(),
            "navigation" | "banner" | "contentinfo" | "complementary" | "search" | "dialog"
        )
    })
}

/// Why an element is pruned by its own markup: 1 = always, 2 = by name
/// (kept if it holds most of the page's text), 0 = not.
fn prune_kind(dom: &Dom, n: NodeId) -> u8 {
    let tag = dom.tag(n);
    if skip_tag(tag) || chrome_role(dom, n) {
        return 1;
    }
    if matches!(tag, "html" | "body" | "main") {
        return 0;
    }
    if hidden(dom, n) {
        return 2;
    }
    let ci = class_id(dom, n);
    if furniture_name(&ci) && !body_name(&ci) {
        return 2;
    }
    0
}

/// Document order of all nodes.
fn order(dom: &Dom) -> Vec<NodeId> {
    let mut o = Vec::with_capacity(dom.nodes.len());
    o.push(0);
    o.extend(dom.descendants(0));
    o
}

/// Sums text and link characters bottom-up over `order`, counting only
/// nodes not in `skip`.
fn sum_chars(dom: &Dom, order: &[NodeId], skip: &[bool]) -> [Vec<u32>; 3] {
    let n = dom.nodes.len();
    let mut chars = vec![0u32; n];
    let mut links = vec![0u32; n];
    let mut commas = vec![0u32; n];
    for &id in order.iter().rev() {
        if skip[id] {
            continue;
        }
        if let Data::Text(t) = &dom.nodes[id].data {
            chars[id] = t
                .split_whitespace()
                .map(|w| w.chars().count() as u32 + 1)
                .sum();
            commas[id] = t.matches([',', '，', '、']).count() as u32;
        }
        if dom.tag(id) == "a" {
            links[id] = chars[id];
        }
        let p = dom.nodes[id].parent;
        if p != NONE {
            chars[p] = chars[p].saturating_add(chars[id]);
            links[p] = links[p].saturating_add(links[id]);
            commas[p] = commas[p].saturating_add(commas[id]);
        }
    }
    [chars, links, commas]
}

/// Step 1: marks pruned nodes and counts text under each node.
pub(crate) fn prune(dom: &Dom) -> Facts {
    let order = order(dom);
    let n = dom.nodes.len();
    let mut own = vec![0u8; n];
    for &id in &order {
        if matches!(dom.nodes[id].data, Data::Element { .. }) {
            own[id] = prune_kind(dom, id);
        }
    }
    // Text counted with the always-pruned parts out, to weigh the named ones.
    let hard = inherit(dom, &order, |id| own[id] == 1);
    let [all_chars, _, _] = sum_chars(dom, &order, &hard);
    let total = all_chars[0].max(1);
    let skip = inherit(dom, &order, |id| {
        own[id] == 1 || own[id] == 2 && all_chars[id] * 2 < total
    });
    let [chars, link_chars, commas] = sum_chars(dom, &order, &skip);
    Facts {
        skip,
        chars,
        link_chars,
        commas,
    }
}

/// Marks each node whose own test or whose parent's mark is true.
fn inherit(dom: &Dom, order: &[NodeId], own: impl Fn(NodeId) -> bool) -> Vec<bool> {
    let mut mark = vec![false; dom.nodes.len()];
    for &id in order {
        let p = dom.nodes[id].parent;
        mark[id] = own(id) || p != NONE && mark[p];
    }
    mark
}

fn link_density(f: &Facts, n: NodeId) -> f64 {
    f.link_chars[n] as f64 / f.chars[n].max(1) as f64
}

/// Step 2: the element that holds the story.
pub(crate) fn main_node(dom: &Dom, f: &Facts) -> Vec<NodeId> {
    let body = dom.elements("body").next().unwrap_or(0);
    if let Some(n) = named_body(dom, f) {
        return vec![n];
    }
    match best_scored(dom, f) {
        Some((top, score)) => with_siblings(dom, f, top, &score),
        None => vec![body],
    }
}

/// The top candidate and those of its siblings that belong to the story:
/// scoring at least a fifth of it, or a paragraph of some length with few
/// links.
fn with_siblings(dom: &Dom, f: &Facts, top: NodeId, score: &[f64]) -> Vec<NodeId> {
    let parent = dom.nodes[top].parent;
    if parent == NONE {
        return vec![top];
    }
    let threshold = (score[top] * 0.2).max(10.0);
    dom.children(parent)
        .filter(|&s| {
            s == top
                || !f.skip[s]
                    && (score[s] >= threshold
                        || paragraph_like(dom, s) && f.chars[s] >= 80 && link_density(f, s) < 0.25)
        })
        .collect()
}

/// The first element whose markup names it the article body and that holds
/// enough text.
fn named_body(dom: &Dom, f: &Facts) -> Option<NodeId> {
    dom.descendants(0).find(|&n| {
        if !matches!(dom.tag(n), "div" | "section" | "article" | "main")
            || f.skip[n]
            || (f.chars[n] as usize) < MIN_BODY_CHARS
            || link_density(f, n) > 0.5
        {
            return false;
        }
        if dom
            .attr(n, "itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("articlebody"))
        {
            return true;
        }
        body_name(&class_id(dom, n))
    })
}

/// True when the class or id names the article body.
fn body_name(ci: &str) -> bool {
    !ci.is_empty() && BODY_PARTS.iter().any(|p| ci.contains(p))
}

/// The element gathering most paragraph text, readability-style.
fn best_scored(dom: &Dom, f: &Facts) -> Option<(NodeId, Vec<f64>)> {
    let mut score = vec![0f64; dom.nodes.len()];
    for n in dom.descendants(0) {
        if f.skip[n] || !paragraph_like(dom, n) {
            continue;
        }
        let len = f.chars[n] as usize;
        if len < 25 {
            continue;
        }
        let s = para_score(f, n, len) * (1.0 - link_density(f, n));
        let mut up = dom.nodes[n].parent;
        let mut level = 1.0;
        while up != NONE && level <= 3.0 {
            score[up] += s / level;
            up = dom.nodes[up].parent;
            level += 1.0;
        }
    }
    let mut best: Option<(NodeId, f64)> = None;
    for n in dom.descendants(0) {
        if score[n] <= 0.0 {
            continue;
        }
        let s = score[n] * (1.0 - link_density(f, n));
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((n, s));
        }
    }
    best.map(|(n, _)| (n, score))
}

/// A paragraph's weight: one, plus one per comma, plus one per 100
/// characters up to three.
fn para_score(f: &Facts, n: NodeId, len: usize) -> f64 {
    1.0 + f.commas[n] as f64 + (len as f64 / 100.0).min(3.0)
}

/// A paragraph tag, or a `div` holding text and inline elements only.
fn paragraph_like(dom: &Dom, n: NodeId) -> bool {
    let tag = dom.tag(n);
    if para_tag(tag) {
        return true;
    }
    tag == "div"
        && dom
            .children(n)
            .all(|c| !block_tag(dom.tag(c)) && !matches!(dom.tag(c), "img" | "figure"))
}

/// Blocks in progress.
struct Render<'a> {
    dom: &'a Dom,
    blocks: Vec<Block>,
    cur: String,
    line: u32,
    heading: bool,
    links: usize,
    node: NodeId,
}

impl Render<'_> {
    fn flush(&mut self) {
        let text = self
            .cur
            .split(|c: char| c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}'))
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if !text.is_empty() {
            self.blocks.push(Block {
                text,
                line: self.line,
                heading: self.heading,
                node: self.node,
                links: self.links,
            });
        }
        self.cur.clear();
        self.heading = false;
        self.links = 0;
    }
}

/// Step 3: the text of `root` as blocks, pruned nodes left out.
pub(crate) fn blocks(dom: &Dom, f: &Facts, root: NodeId) -> Vec<Block> {
    let mut r = Render {
        dom,
        blocks: Vec::new(),
        cur: String::new(),
        line: 1,
        heading: false,
        links: 0,
        node: root,
    };
    // (node, entering) pairs walked with an explicit stack.
    let mut stack = vec![(root, true)];
    while let Some((n, entering)) = stack.pop() {
        let tag = r.dom.tag(n);
        if !entering {
            if block_tag(tag) {
                r.flush();
            }
            continue;
        }
        if f.skip[n] && n != root {
            continue;
        }
        match &r.dom.nodes[n].data {
            Data::Text(t) => {
                if r.cur.trim().is_empty() && !t.trim().is_empty() {
                    r.line = r.dom.nodes[n].line;
                    r.node = n;
                }
                r.cur.push_str(t);
                continue;
            }
            Data::Element { .. } => {}
            _ => continue,
        }
        if tag == "br" {
            r.cur.push(' ');
        }
        if block_tag(tag) {
            r.flush();
            r.heading = matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        }
        if tag == "a" {
            r.links += f.chars[n] as usize;
        }
        stack.push((n, false));
        let mut kid = r.dom.nodes[n].last_child;
        while kid != NONE {
            stack.push((kid, true));
            kid = r.dom.nodes[kid].prev;
        }
    }
    r.flush();
    r.blocks
}

/// The story's blocks: the main container's, or the whole pruned body's
/// when the container holds too little (step 4).
pub(crate) fn story(dom: &Dom, f: &Facts, main: &[NodeId]) -> Vec<Block> {
    let body = dom.elements("body").next().unwrap_or(0);
    let chosen_len: usize = main.iter().map(|&m| f.chars[m] as usize).sum();
    if main == [body] || chosen_len < MIN_BODY_CHARS {
        return blocks(dom, f, body);
    }
    let inside = inherit(dom, &order(dom), |n| main.contains(&n));
    let kept: Vec<Block> = blocks(dom, f, body)
        .into_iter()
        .filter(|b| inside[b.node] || stray_paragraph(b))
        .filter(|b| !link_block(dom, f, b))
        .collect();
    drop_bare_headings(kept)
}

/// A block that is mostly link text (60% or more): a teaser, a "read more",
/// a lone link line, or an item of a link list (see [`link_list`]). A
/// link-dense item of a list that also holds prose items stays.
fn link_block(dom: &Dom, f: &Facts, b: &Block) -> bool {
    let chars = b.text.chars().count();
    if b.heading || b.links * 10 < chars * 6 {
        return false;
    }
    let mut n = dom.nodes[b.node].parent;
    while n != NONE {
        let tag = dom.tag(n);
        if matches!(tag, "ul" | "ol") {
            return link_list(dom, f, n);
        }
        if block_tag(tag) && tag != "li" {
            return true;
        }
        n = dom.nodes[n].parent;
    }
    true
}

/// A `ul`/`ol` whose items are each essentially one link ("Most read",
/// "Related", a site's section list): page furniture, not story text.
fn link_list(dom: &Dom, f: &Facts, list: NodeId) -> bool {
    dom.children(list)
        .filter(|&c| dom.tag(c) == "li" && !f.skip[c] && f.chars[c] > 0)
        .all(|c| u64::from(f.link_chars[c]) * 10 >= u64::from(f.chars[c]) * 6)
}

/// Drops headings with no text under them (the last block, or followed by
/// another heading): the titles of link lists and promos left out.
fn drop_bare_headings(blocks: Vec<Block>) -> Vec<Block> {
    let bare: Vec<bool> = (0..blocks.len())
        .map(|i| blocks[i].heading && blocks.get(i + 1).is_none_or(|n| n.heading))
        .collect();
    blocks
        .into_iter()
        .zip(bare)
        .filter(|(_, bare)| !bare)
        .map(|(b, _)| b)
        .collect()
}

/// A block outside the chosen container that still reads as the story's:
/// long, with hardly any link text, ending sentences.
fn stray_paragraph(b: &Block) -> bool {
    let chars = b.text.chars().count();
    !b.heading
        && chars >= STRAY_MIN_CHARS
        && b.links * 10 < chars
        && b.text.contains(['.', '!', '?', '。'])
}

/// Characters a paragraph outside the container needs to be kept.
const STRAY_MIN_CHARS: usize = 100;

#[cfg(test)]
mod tests {
    use super::super::parse::parse;
    use super::*;

    fn texts(html: &str) -> Vec<String> {
        let dom = parse(html);
        let f = prune(&dom);
        let main = main_node(&dom, &f);
        story(&dom, &f, &main).into_iter().map(|b| b.text).collect()
    }

    const PARA: &str = "The council met on Tuesday evening and agreed, after a long debate, \
                        to close the old bridge for repairs until the spring.";

    #[test]
    fn the_article_body_without_page_furniture() {
        let html = format!(
            r#"<body><nav>Home</nav><div class="share-bar">Share this</div>
<article><h1>Bridge</h1><p>{PARA}</p><div class="related"><a href="/x">Other story</a></div>
<p>{PARA} Again.</p></article><div id="comments"><p>{PARA} Comment.</p></div>
<footer>Copyright</footer></body>"#
        );
        let t = texts(&html);
        assert_eq!(
            t,
            vec![
                "Bridge".to_string(),
                PARA.to_string(),
                format!("{PARA} Again.")
            ]
        );
    }

    #[test]
    fn hidden_text_and_link_lists_are_left_out() {
        let html = format!(
            r#"<body><div><p>{PARA}</p><p style="display: none">Hidden</p>
<ul><li><a href="/a">Link one here</a></li><li><a href="/b">Link two here</a></li></ul>
<p>{PARA} Two.</p></div></body>"#
        );
        let t = texts(&html);
        assert_eq!(t, vec![PARA.to_string(), format!("{PARA} Two.")]);
    }

    #[test]
    fn teaser_links_and_link_lists_with_their_heading_are_left_out() {
        let html = format!(
            r#"<body><article><h1>Bridge</h1><p>{PARA}</p>
<p><a href="/more">Read more about the bridge works and the detour plan</a></p>
<div class="x"><a href="/t">Earlier: the council votes on the budget</a> (3)</div>
<p>{PARA} Two, with <a href="/map">a map</a>.</p>
<h2>More stories</h2><ul><li><a href="/a">Story one here</a></li><li><a href="/b">Story two here</a></li></ul>
</article></body>"#
        );
        let t = texts(&html);
        assert_eq!(
            t,
            vec![
                "Bridge".to_string(),
                PARA.to_string(),
                format!("{PARA} Two, with a map."),
            ]
        );
    }

    #[test]
    fn a_list_of_prose_items_with_one_link_item_stays() {
        let html = format!(
            r#"<body><article><h1>Bridge</h1><p>{PARA}</p>
<ul><li>The detour runs along the river road</li><li><a href="/map">Map of the detour</a></li></ul>
<p>{PARA} Two.</p></article></body>"#
        );
        let t = texts(&html);
        assert_eq!(t.len(), 5, "{t:?}");
        assert!(t.contains(&"Map of the detour".to_string()));
    }

    #[test]
    fn a_named_article_body_wins() {
        let html = format!(
            r#"<body><div class="teasers"><p><a href="/1">{PARA} Teaser one.</a></p><p><a href="/2">{PARA} Teaser two.</a></p><p>{PARA} Three.</p></div>
<div itemprop="articleBody"><p>{PARA} Body.</p><p>{PARA} More body.</p></div></body>"#
        );
        // Outside the named body, only long paragraphs with few links stay.
        let t = texts(&html);
        assert_eq!(t.len(), 3);
        assert!(t[0].ends_with("Three.") && t[1].ends_with("Body."));
    }

    #[test]
    fn furniture_names_that_hold_the_page_are_kept() {
        let html = format!(r#"<body><div class="sidebar-layout"><p>{PARA}</p></div></body>"#);
        assert_eq!(texts(&html), vec![PARA.to_string()]);
    }

    #[test]
    fn class_words_and_parts() {
        assert!(furniture_name("post-share-buttons "));
        assert!(furniture_name("ad "));
        assert!(!furniture_name("header-wrapper shadow "));
        assert!(!furniture_name("article-body "));
        assert!(!furniture_name(""));
    }
}
