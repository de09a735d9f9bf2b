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
//!    and lines that are a `time` element alone (a date stamp), with a
//!    heading left bare by that.
//! 4. When the container gives too little text, the whole pruned body is
//!    used instead.
//! 5. When the page shows almost no story text, its JSON-LD `articleBody`
//!    is used ([`ld_fallback`]).

use super::lead::lead_in;
use super::parse::{Data, Dom, NodeId, NONE};
use super::prune::{body_name, ClassId};
pub(super) use super::prune::{inherit, order, prune, prune_kind, sum_chars, Facts, PruneKind};

/// One block of text with the source line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub(crate) text: String,
    pub(crate) line: u32,
    pub(crate) heading: bool,
    /// The text node the block starts with.
    pub(super) node: NodeId,
    /// Characters of link text in the block.
    links: usize,
    /// Characters of text inside `time` elements in the block.
    times: usize,
}

/// Elements that start and end a block of text.
pub(super) fn block_tag(tag: &str) -> bool {
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

/// Paragraph-like elements whose text scores their ancestors.
fn para_tag(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "pre" | "blockquote" | "td" | "dd" | "li" | "h2" | "h3"
    )
}

/// Characters of text a body-naming container needs to be taken.
const MIN_BODY_CHARS: usize = 250;

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
        ClassId::of(dom, n).any(body_name)
    })
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
    times: usize,
    node: NodeId,
}

impl Render<'_> {
    fn flush(&mut self) {
        let text = squeeze(&self.cur);
        if !text.is_empty() {
            self.blocks.push(Block {
                text,
                line: self.line,
                heading: self.heading,
                node: self.node,
                links: self.links,
                times: self.times,
            });
        }
        self.cur.clear();
        self.heading = false;
        self.links = 0;
        self.times = 0;
    }
}

/// The words of `s` (split at whitespace and at invisible zero-width
/// spaces and BOMs) joined by single spaces, built in one pass. A run of
/// words already joined by single ASCII spaces is copied at once: the
/// bytes are scanned, and only those outside ASCII are decoded.
fn squeeze(s: &str) -> String {
    let mut out = String::new();
    let mut i = 0;
    loop {
        // Past the separators to the next word.
        while let Some(len) = separator_at(s, i) {
            i += len;
        }
        if i == s.len() {
            return out;
        }
        if out.is_empty() {
            out.reserve(s.len());
        } else {
            out.push(' ');
        }
        let end = run_end(s, i);
        out.push_str(&s[i..end]);
        i = end;
    }
}

/// The byte length of the separator (whitespace, a zero-width space or a
/// BOM) at byte `i` of `s`, or `None` when a word character or the end
/// is there.
fn separator_at(s: &str, i: usize) -> Option<usize> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        // ASCII whitespace as `char::is_whitespace` has it (with \x0b).
        return matches!(b, b' ' | b'\t'..=b'\r').then_some(1);
    }
    let c = s[i..].chars().next()?;
    (c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}')).then(|| c.len_utf8())
}

/// Where the run of words from byte `i` (a word's start) ends: at the
/// first separator that is not one ASCII space followed by a word's
/// ASCII byte (the words up to there are already joined as [`squeeze`]
/// joins them).
fn run_end(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    let word_ascii = |b: u8| b < 0x80 && !matches!(b, b' ' | b'\t'..=b'\r');
    while i < b.len() {
        if word_ascii(b[i]) {
            i += 1;
        } else if b[i] == b' ' && b.get(i + 1).is_some_and(|&n| word_ascii(n)) {
            i += 2;
        } else if b[i] >= 0x80 && separator_at(s, i).is_none() {
            i += s[i..].chars().next().map_or(1, char::len_utf8);
        } else {
            break;
        }
    }
    i
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
        times: 0,
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
        if tag == "time" {
            r.times += f.chars[n] as usize;
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
    let all = blocks(dom, f, body);
    let lead = lead_in(dom, &all, &inside);
    let link: Vec<bool> = all.iter().map(|b| link_block(dom, f, b)).collect();
    let keep: Vec<bool> = (0..all.len())
        .map(|i| {
            let b = &all[i];
            (inside[b.node] || lead[i] || stray_paragraph(b))
                && !link[i]
                && !(link_label(b) && link.get(i + 1) == Some(&true))
                && !time_stamp(b)
        })
        .collect();
    let kept: Vec<Block> = all
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(b, _)| b)
        .collect();
    drop_bare_headings(kept)
}

/// Step 5: when the page shows almost no story text (it is rendered by
/// script, or cut behind a paywall), the article text its JSON-LD gives
/// (`articleBody`, plain text, several times longer) is used instead, one
/// block per line. `ld_body` is only called for such pages.
pub(crate) fn ld_fallback(blocks: Vec<Block>, ld_body: impl FnOnce() -> String) -> Vec<Block> {
    let shown: usize = blocks.iter().map(|b| b.text.chars().count()).sum();
    if shown >= LD_FALLBACK_MAX_CHARS {
        return blocks;
    }
    let body = ld_body();
    let given = body.chars().count();
    if given < LD_FALLBACK_MAX_CHARS || given < 3 * shown || body.contains('<') {
        return blocks;
    }
    let line = blocks.first().map_or(1, |b| b.line);
    body.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .map(|text| Block {
            text,
            line,
            heading: false,
            node: 0,
            links: 0,
            times: 0,
        })
        .collect()
}

/// Characters of shown story text below which the JSON-LD article text
/// may replace it, and that JSON-LD text needs at least.
const LD_FALLBACK_MAX_CHARS: usize = 500;

/// A block that is a `time` element and nothing else (9 characters in 10
/// or more): a publication or update stamp set as its own line, not story
/// text. A date inside a sentence leaves the sentence.
fn time_stamp(b: &Block) -> bool {
    b.times * 10 >= b.text.chars().count() * 9
}

/// A short line that reads as a label, not a sentence ("Read also:",
/// "More on this"): left out with the link block it introduces.
fn link_label(b: &Block) -> bool {
    b.text.chars().count() <= 50 && !b.text.trim_end().ends_with(['.', '!', '?', '"', '”'])
}

/// A block that is mostly link text (60% or more): a teaser, a "read more",
/// a lone link line, or an item of a link list (see [`link_list`]). A
/// link-dense item of a list that also holds prose items stays.
pub(super) fn link_block(dom: &Dom, f: &Facts, b: &Block) -> bool {
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
pub(super) fn stray_paragraph(b: &Block) -> bool {
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

    /// The words joined one by one, as [`squeeze`] did before it copied
    /// whole runs.
    fn squeeze_by_words(s: &str) -> String {
        s.split(|c: char| c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}'))
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn squeeze_joins_words_as_one_by_one() {
        let chars: Vec<char> = (0u8..128)
            .map(char::from)
            .chain(
                "\u{85}\u{a0}\u{1680}\u{2000}\u{200a}\u{200b}\u{2028}\u{202f}\u{3000}\u{feff}é漢"
                    .chars(),
            )
            .collect();
        // Every pair and triple of the characters, and a few sentences.
        let mut cases = vec![
            String::new(),
            "  Hello,\u{a0}wide\tworld \u{200b}x  y ".to_string(),
            "one two  three\nfour\u{3000}five é漢 six\u{feff}".to_string(),
        ];
        for &a in &chars {
            for &b in &chars {
                cases.push(format!("{a}{b}"));
                cases.push(format!("x{a}y{b} z"));
            }
        }
        for c in &cases {
            assert_eq!(squeeze(c), squeeze_by_words(c), "{c:?}");
            for (i, _) in c.char_indices() {
                assert_eq!(squeeze(&c[i..]), squeeze_by_words(&c[i..]), "{c:?} {i}");
            }
        }
    }

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
    fn a_furniture_named_wrapper_holding_most_prose_is_kept() {
        // The site's link lists outweigh the story in characters, but the
        // wrapper named for its ad slots holds all the prose.
        let links: String = (0..40)
            .map(|i| format!(r#"<li><a href="/s{i}">Section number {i} of the site</a></li>"#))
            .collect();
        let html = format!(
            r#"<body><div class="menu-list"><ul>{links}</ul></div>
<div class="article-wrap has-ads"><h1>Bridge</h1><p>{PARA}</p><p>{PARA} Two.</p></div>
<div class="ad-slot"><p>Buy our {PARA}</p></div></body>"#
        );
        let t = texts(&html);
        assert_eq!(
            t,
            vec![
                "Bridge".to_string(),
                PARA.to_string(),
                format!("{PARA} Two.")
            ]
        );
    }

    #[test]
    fn a_header_inside_the_article_is_the_storys() {
        let html = format!(
            r#"<body><header><a href="/">Valley Courier</a><p>News from the valley since 1901</p></header>
<article><header><h1>Bridge closes</h1><p class="standfirst">Repairs until spring.</p></header>
<p>{PARA}</p><p>{PARA} Two.</p></article></body>"#
        );
        assert_eq!(
            texts(&html),
            vec![
                "Bridge closes".to_string(),
                "Repairs until spring.".to_string(),
                PARA.to_string(),
                format!("{PARA} Two.")
            ]
        );
    }

    #[test]
    fn the_headline_and_standfirst_above_the_container_are_kept() {
        let body = format!("<p>{PARA}</p><p>{PARA} Two.</p><p>{PARA} Three.</p>");
        let html = format!(
            r#"<body><div class="hero"><h1>Bridge closes</h1><p>Repairs will keep it shut until the spring.</p>
<p>Photo: Ann Lee</p></div><div class="layout"><div class="col">{body}</div></div></body>"#
        );
        // The headline and standfirst; a short line (a credit) is not.
        let t = texts(&html);
        assert_eq!(t.len(), 5, "{t:?}");
        assert_eq!(
            t[..2],
            [
                "Bridge closes",
                "Repairs will keep it shut until the spring."
            ]
        );
        // A headline far above, past a column of other items, is not.
        let items: String = (0..8).map(|i| format!("<p>Other item {i}.</p>")).collect();
        let html = format!(
            r#"<body><h1>Valley Courier</h1><div class="list">{items}</div>
<div class="layout"><div class="col">{body}</div></div></body>"#
        );
        assert_eq!(texts(&html).len(), 3);
    }

    #[test]
    fn a_teaser_named_lede_is_kept_and_a_teaser_of_other_stories_is_not() {
        let html = format!(
            r#"<body><article><h1>Bridge</h1><div class="teaser-text"><p>The bridge closes today.</p></div>
<p>{PARA}</p><p>{PARA} Two.</p>
<div class="teaser"><h3><a href="/x">Road works</a></h3><p>The ring road is next.</p></div></article></body>"#
        );
        let t = texts(&html);
        assert_eq!(t.len(), 4, "{t:?}");
        assert_eq!(t[1], "The bridge closes today.");
    }

    #[test]
    fn comment_form_labels_and_link_list_labels_are_left_out() {
        let html = format!(
            r#"<body><article><h1>Bridge</h1><p>{PARA}</p><p>{PARA} Two.</p>
<p><strong>Read also:</strong></p><p><a href="/a">The detour plan for the bridge works</a></p>
<form><p><label for="n">Name (required)</label><input id="n"></p></form></article></body>"#
        );
        let t = texts(&html);
        assert_eq!(t.len(), 3, "{t:?}");
    }

    #[test]
    fn time_stamp_lines_and_captions_outside_figures_are_left_out() {
        let html = format!(
            r#"<body><article><h1>Bridge</h1><p><time datetime="2026-03-04">4 March 2026</time></p>
<p>{PARA} It reopens on <time datetime="2026-04-01">1 April</time>.</p>
<div class="photo"><img src="b.jpg"><figcaption>The old bridge at dusk (Agency)</figcaption></div>
<p>{PARA} Two.</p></article></body>"#
        );
        assert_eq!(
            texts(&html),
            vec![
                "Bridge".to_string(),
                format!("{PARA} It reopens on 1 April."),
                format!("{PARA} Two.")
            ]
        );
    }

    #[test]
    fn a_header_wrapping_the_whole_page_is_kept() {
        // A banner header is left out; one that holds the page's story is not.
        let banner = format!(
            r#"<body><header><p>Valley Courier, news from the valley since 1901, read in every house.</p></header>
<div class="col"><p>{PARA}</p><p>{PARA} Two.</p></div></body>"#
        );
        assert_eq!(texts(&banner).len(), 2);
        let wrapper = format!(
            r#"<body><header id="branding"><div class="logo"><a href="/">Valley Courier</a></div>
<div id="content"><div class="text"><p>{PARA}</p><p>{PARA} Two.</p><p>{PARA} Three.</p></div></div></header></body>"#
        );
        assert_eq!(
            texts(&wrapper),
            vec![
                PARA.to_string(),
                format!("{PARA} Two."),
                format!("{PARA} Three.")
            ]
        );
    }

    #[test]
    fn furniture_names_that_hold_the_page_are_kept() {
        let html = format!(r#"<body><div class="sidebar-layout"><p>{PARA}</p></div></body>"#);
        assert_eq!(texts(&html), vec![PARA.to_string()]);
    }
}
