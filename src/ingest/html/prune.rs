//! Step 1 of the extraction: what never is the story. Non-rendering and
//! interactive elements, navigation, asides, footers, page-level headers,
//! hidden elements, and elements whose class or id names page furniture
//! (share bars, comments, related links, cookie notices...) unless they
//! hold most of the page's text or prose; with the text, link and comma
//! counts under each node that the later steps weigh.

use super::parse::{Data, Dom, NodeId, NONE};
use super::prose::prose_chars;
use aho_corasick::AhoCorasick;
use html5ever::local_name;
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;
use xxhash_rust::xxh3::xxh3_64;

/// Elements that never hold the story (a string match: quicker here than
/// thirty atom comparisons one after another).
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
            | "figcaption"
            | "label"
            // Ruby annotations (readings set above the base text).
            | "rt"
            | "rp"
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
    "toolbar",
    // Captions and credits, ratings, tables of contents, disclosures.
    "credit",
    "credits",
    // Calls to action, and date lines set apart from the story.
    "cta",
    "date",
    "dates",
    "legend",
    "ratings",
    "likes",
    "toc",
    "respond",
    "disclaimer",
    "disclosure",
    "affiliate",
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
    "footer",
    "byline",
    "timestamp",
    "tag-list",
    "taglist",
    "visually-hidden",
    "sr-only",
    "screen-reader",
    "caption",
    "copyright",
    "photo-credit",
    "commentform",
    "comment_form",
    "kommentar",
    "author-box",
    "authorbox",
    "about-author",
    "postmeta",
    "post-meta",
    "entry-meta",
    "recirculation",
    "shariff",
    // Image descriptions, reading times, donation appeals, "see also".
    "image-desc",
    "imagedesc",
    "image_desc",
    "img-desc",
    "img_desc",
    "image-meta",
    "img-meta",
    "reading-time",
    "reading_time",
    "readingtime",
    "read-time",
    "readtime",
    "donation",
    "donate",
    "view-more",
    "viewmore",
    "see-also",
    "seealso",
];

/// Class or id fragments that name the article body.
pub(super) const BODY_PARTS: &[&str] = &[
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

/// An element's class and id values, lowercase (copied only when they
/// hold an uppercase letter). Every test on them is a test on their
/// whitespace-separated tokens or fragments without whitespace, so the two
/// values are tested one after the other, never joined.
pub(super) struct ClassId<'a> {
    pub(super) class: Cow<'a, str>,
    pub(super) id: Cow<'a, str>,
}

impl<'a> ClassId<'a> {
    pub(super) fn of(dom: &'a Dom, n: NodeId) -> Self {
        let lower = |name| {
            let v = dom.attr_named(n, &name).unwrap_or_default();
            if v.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(v.to_ascii_lowercase())
            } else {
                Cow::Borrowed(v)
            }
        };
        ClassId {
            class: lower(local_name!("class")),
            id: lower(local_name!("id")),
        }
    }

    /// True when `test` holds for the class or the id.
    pub(super) fn any(&self, test: impl Fn(&str) -> bool) -> bool {
        test(&self.class) || test(&self.id)
    }
}

/// True when the class or id names page furniture (what
/// [`TokenMemo::furniture_name`] answers).
#[cfg(test)]
fn furniture_name(ci: &str) -> bool {
    ci.split_ascii_whitespace().any(furniture_token)
}

/// [`furniture_token`]'s answers for the tokens seen so far on one page:
/// a page repeats the same few classes on many elements (`col-md-6`,
/// `item`), and a token is looked up in a few instructions per byte
/// instead of split into words and searched for fragments again.
#[derive(Default)]
pub(super) struct TokenMemo(HashMap<Box<str>, bool, BuildHasherDefault<TokenHash>>);

impl TokenMemo {
    /// [`furniture_name`], each token's answer remembered.
    fn furniture_name(&mut self, ci: &str) -> bool {
        ci.split_ascii_whitespace().any(|t| self.furniture_token(t))
    }

    /// [`furniture_token`], remembered.
    fn furniture_token(&mut self, t: &str) -> bool {
        if let Some(&named) = self.0.get(t) {
            return named;
        }
        let named = furniture_token(t);
        self.0.insert(t.into(), named);
        named
    }
}

/// A hasher for class tokens: xxh3 of the bytes (a string's closing
/// marker byte mixed in cheaply).
#[derive(Default)]
pub(super) struct TokenHash(u64);

impl Hasher for TokenHash {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = self.0.rotate_left(5) ^ xxh3_64(bytes);
    }

    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// True when one class (or the id) names page furniture: a furniture word
/// between its separators, or a furniture fragment anywhere in it; never
/// a class that shows or hides by screen size, and never a modifier
/// (`has-ads`, `with-sidebar`, `non-paywall`) that says what the element
/// holds or lacks, not what it is.
fn furniture_token(t: &str) -> bool {
    if script_hook(t) {
        return hidden_class(t);
    }
    let named = words(bem_base(t)).any(furniture_word) || hidden_class(t) || lexicon().part_in(t);
    named && !responsive(t) && !modifier(t)
}

/// A class a script finds the element by (`js-readmore`,
/// `js_clickmore-container`): it names what a script does with the
/// element (expands it, copies from it), not what the element is.
fn script_hook(t: &str) -> bool {
    t.starts_with("js-") || t.starts_with("js_")
}

/// A class without its BEM modifier (`section--ads` gives `section`): the
/// modifier says what a variant of the element holds, not what it is.
fn bem_base(t: &str) -> &str {
    match t.as_bytes().windows(2).position(|w| w == b"--") {
        Some(at) => &t[..at],
        None => t,
    }
}

/// True when the class or id names page furniture by a fragment alone
/// (`related`, `comments`, `share-`), not by a furniture word.
fn furniture_part(ci: &str) -> bool {
    ci.split_ascii_whitespace()
        .any(|t| lexicon().part_in(t) && !responsive(t) && !modifier(t) && !script_hook(t))
}

/// The furniture words sorted and the furniture and body fragments as
/// automata, built once: each class is searched for all fragments in one
/// pass instead of one pass per fragment.
struct Lexicon {
    /// [`FURNITURE_WORDS`] sorted, for a binary search.
    words: Vec<&'static str>,
    /// Their first bytes and lengths.
    word_shapes: Shapes,
    parts: AhoCorasick,
    body: AhoCorasick,
    /// The first four bytes of every fragment, hashed.
    starts: Starts,
}

impl Lexicon {
    /// True when a furniture fragment occurs in `t`.
    fn part_in(&self, t: &str) -> bool {
        self.starts.maybe(t) && self.parts.is_match(t)
    }

    /// True when a body fragment occurs in `t`.
    fn body_in(&self, t: &str) -> bool {
        self.starts.maybe(t) && self.body.is_match(t)
    }
}

/// A set of 4-byte strings as a 65,536-bit table of their hashes: a value
/// holding none of them at any position (most class names) holds none of
/// the fragments that start with them, which is answered in a few
/// instructions per byte instead of an automaton's search per value.
struct Starts(Vec<u64>);

impl Starts {
    fn new(fragments: &[&[&str]]) -> Self {
        let mut bits = vec![0u64; 1024];
        for f in fragments.iter().flat_map(|f| f.iter()) {
            let h = Self::hash(f.as_bytes());
            bits[h / 64] |= 1 << (h % 64);
        }
        Starts(bits)
    }

    fn hash(four: &[u8]) -> usize {
        let w = u32::from_le_bytes([four[0], four[1], four[2], four[3]]);
        (w.wrapping_mul(0x9E37_79B1) >> 16) as usize
    }

    /// False when no fragment can occur in `t` (exact); true when one may.
    fn maybe(&self, t: &str) -> bool {
        t.as_bytes().windows(4).any(|w| {
            let h = Self::hash(w);
            self.0[h / 64] & (1 << (h % 64)) != 0
        })
    }
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon {
        words: {
            let mut w = FURNITURE_WORDS.to_vec();
            w.sort_unstable();
            w
        },
        word_shapes: Shapes::new(FURNITURE_WORDS),
        parts: AhoCorasick::new(FURNITURE_PARTS).expect("fixed furniture fragments"),
        body: AhoCorasick::new(BODY_PARTS).expect("fixed body fragments"),
        starts: Starts::new(&[FURNITURE_PARTS, BODY_PARTS]),
    })
}

/// True when `w` is one of [`FURNITURE_WORDS`].
fn furniture_word(w: &str) -> bool {
    let l = lexicon();
    l.word_shapes.maybe(w) && l.words.binary_search(&w).is_ok()
}

/// The (first byte, length) pairs of a list of words, as a bit per length
/// under each first byte: a word whose pair is not there is not in the
/// list (most class words), answered without a search.
struct Shapes([u32; 256]);

impl Shapes {
    fn new(words: &[&str]) -> Self {
        let mut bits = [0u32; 256];
        for w in words {
            assert!((1..32).contains(&w.len()), "{w}");
            bits[usize::from(w.as_bytes()[0])] |= 1 << w.len();
        }
        Shapes(bits)
    }

    /// False when `w` is not in the list (exact); true when it may be.
    fn maybe(&self, w: &str) -> bool {
        match w.as_bytes().first() {
            Some(&b) if w.len() < 32 => self.0[usize::from(b)] & (1 << w.len()) != 0,
            _ => false,
        }
    }
}

/// A class that hides the element itself (`hidden`, `is-hidden`), not one
/// that hides a part of it (`field--label-hidden`) or its overflow.
fn hidden_class(t: &str) -> bool {
    let t = ["is-", "u-", "js-"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t);
    matches!(t, "hidden" | "hide")
}

/// A class that qualifies the element by what it has, lacks or allows.
fn modifier(t: &str) -> bool {
    words(t).any(|w| {
        matches!(
            w,
            "has" | "with" | "no" | "non" | "without" | "enable" | "enabled"
        )
    })
}

/// A class that hides or shows an element at some screen sizes only
/// (`hidden-xs`, `visible-md`, `hide-for-small`): not hidden from readers.
fn responsive(class: &str) -> bool {
    let Some(rest) = ["hidden-", "hide-", "visible-", "show-"]
        .iter()
        .find_map(|p| class.strip_prefix(p))
    else {
        return false;
    };
    [
        "xs", "sm", "md", "lg", "xl", "small", "medium", "large", "mobile", "tablet", "desktop",
        "print", "for-",
    ]
    .iter()
    .any(|s| rest.starts_with(s))
}

/// True when the element is hidden from readers.
fn hidden(dom: &Dom, n: NodeId) -> bool {
    if dom.attr_named(n, &local_name!("hidden")).is_some()
        || dom.attr_named(n, &local_name!("aria-hidden")) == Some("true")
    {
        return true;
    }
    dom.attr_named(n, &local_name!("style")).is_some_and(|s| {
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
    dom.attr_named(n, &local_name!("role")).is_some_and(|r| {
        matches!(
            r.to_ascii_lowercase().as_str(),
            "navigation" | "banner" | "contentinfo" | "complementary" | "search" | "dialog"
        )
    })
}

/// Why an element is pruned by its own markup.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum PruneKind {
    /// Not pruned.
    #[default]
    Not,
    /// Always (navigation, scripts, forms, chrome roles).
    Always,
    /// By its name or hidden: kept if it holds most of the page's text or
    /// prose.
    ByName,
    /// Named a teaser: pruned like [`PruneKind::ByName`] when it holds
    /// link text (a teaser of other stories, not the story's own lede).
    Teaser,
}

/// How element `n` is pruned by its own markup. `in_article`: the element
/// is inside an `article` or `main`, where a `header` is the story's own
/// (headline, standfirst), not the site's; so is one named for the story
/// ([`story_named`]). Any other `header` is the site's banner, pruned like
/// a furniture name: kept only when it holds half the page's text or
/// prose (a page that wraps its whole layout in a `header`).
pub(super) fn prune_kind(dom: &Dom, n: NodeId, in_article: bool) -> PruneKind {
    prune_kind_in(dom, n, in_article, &mut TokenMemo::default())
}

/// [`prune_kind`], with the page's class tokens' answers kept in `memo`.
fn prune_kind_in(dom: &Dom, n: NodeId, in_article: bool, memo: &mut TokenMemo) -> PruneKind {
    let tag = dom.name(n);
    if chrome_role(dom, n) || skip_tag(tag) {
        return PruneKind::Always;
    }
    if *tag == local_name!("header") && !in_article && !story_named(dom, n) {
        return PruneKind::ByName;
    }
    if matches!(
        *tag,
        local_name!("html") | local_name!("body") | local_name!("main")
    ) {
        return PruneKind::Not;
    }
    if hidden(dom, n) {
        return PruneKind::ByName;
    }
    let ci = ClassId::of(dom, n);
    if furniture_named(dom, n, &ci, memo) && !ci.any(body_name) {
        return PruneKind::ByName;
    }
    if ci.any(|v| words(v).any(|w| w == "teaser")) {
        return PruneKind::Teaser;
    }
    PruneKind::Not
}

/// True when element `n`'s class or id (`ci`) names page furniture. An `article` is a story by its tag: only a furniture
/// fragment (`comment-`, `related`) outweighs that, not a word (`author`,
/// `meta`). An id ending in a number is a generated anchor (`section-30`,
/// `toc_title_2`): its words do not count, only fragments do.
fn furniture_named(dom: &Dom, n: NodeId, ci: &ClassId, memo: &mut TokenMemo) -> bool {
    if dom.tag(n) == "article" {
        return ci.any(furniture_part);
    }
    let numbered = ci.id.ends_with(|c: char| c.is_ascii_digit());
    if !numbered {
        return memo.furniture_name(&ci.class) || memo.furniture_name(&ci.id);
    }
    memo.furniture_name(&ci.class) || ci.any(furniture_part)
}

/// True when the element's class or id names it the story's own part
/// (`article-header`, `entry-header`, `post__head`): a `header` so named
/// holds the headline and standfirst, not the site's banner.
fn story_named(dom: &Dom, n: NodeId) -> bool {
    ClassId::of(dom, n)
        .any(|v| words(v).any(|w| matches!(w, "article" | "entry" | "post" | "story")))
}

/// The ASCII-alphanumeric words of a class or id (`post-share_bar` gives
/// `post`, `share`, `bar`).
fn words(t: &str) -> impl Iterator<Item = &str> {
    t.split(|c: char| !c.is_ascii_alphanumeric())
}

/// Document order of all nodes.
pub(super) fn order(dom: &Dom) -> Vec<NodeId> {
    let mut o = Vec::with_capacity(dom.nodes.len());
    o.push(0);
    o.extend(dom.descendants(0));
    o
}

/// Sums text and link characters bottom-up over `order`, counting only
/// nodes not in `skip`.
pub(super) fn sum_chars(dom: &Dom, order: &[NodeId], skip: &[bool]) -> [Vec<u32>; 3] {
    sum_counts(dom, order, skip, &own_counts(dom, order, skip))
}

/// [`text_counts`] of each text node not in `skip` (zero for other
/// nodes), counted once for the sums over `skip` and over any `skip` that
/// holds it.
fn own_counts(dom: &Dom, order: &[NodeId], skip: &[bool]) -> Vec<[u32; 2]> {
    let mut own = vec![[0, 0]; dom.nodes.len()];
    for &id in order {
        if let (Data::Text(t), false) = (&dom.nodes[id].data, skip[id]) {
            own[id] = text_counts(t);
        }
    }
    own
}

/// [`sum_chars`] from each text node's counts (`own`, from [`own_counts`]
/// over a `skip` that `skip` holds).
fn sum_counts(dom: &Dom, order: &[NodeId], skip: &[bool], own: &[[u32; 2]]) -> [Vec<u32>; 3] {
    let n = dom.nodes.len();
    let mut chars = vec![0u32; n];
    let mut links = vec![0u32; n];
    let mut commas = vec![0u32; n];
    for &id in order.iter().rev() {
        if skip[id] {
            continue;
        }
        match &dom.nodes[id].data {
            Data::Text(_) => [chars[id], commas[id]] = own[id],
            Data::Element { name, .. } if *name == local_name!("a") => links[id] = chars[id],
            _ => {}
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

/// A text's characters as its words joined by single spaces, plus one (the
/// sum over its words of their length plus one), and its commas; in one
/// pass over the text, a byte at a time where it is ASCII.
fn text_counts(t: &str) -> [u32; 2] {
    let (mut chars, mut commas, mut in_word) = (0u32, 0u32, false);
    let bytes = t.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (space, comma) = if bytes[i].is_ascii() {
            let b = bytes[i];
            i += 1;
            // The ASCII characters `char::is_whitespace` accepts.
            (matches!(b, b' ' | b'\t'..=b'\r'), b == b',')
        } else {
            let c = t[i..].chars().next().unwrap_or_default();
            i += c.len_utf8();
            (c.is_whitespace(), matches!(c, '，' | '、'))
        };
        if space {
            in_word = false;
            continue;
        }
        chars += 1 + u32::from(!in_word);
        in_word = true;
        commas += u32::from(comma);
    }
    [chars, commas]
}

/// Step 1: marks pruned nodes and counts text under each node. An element
/// pruned by name stays when it holds half the page's text or half its
/// prose (see [`prose_chars`]); one named a teaser stays when it holds no
/// link.
pub(crate) fn prune(dom: &Dom) -> Facts {
    let order = order(dom);
    let n = dom.nodes.len();
    let mut own = vec![PruneKind::Not; n];
    let mut in_article = vec![false; n];
    let mut memo = TokenMemo::default();
    for &id in &order {
        let p = dom.nodes[id].parent;
        if p != NONE {
            in_article[id] = in_article[p]
                || matches!(*dom.name(p), local_name!("article") | local_name!("main"));
        }
        if matches!(dom.nodes[id].data, Data::Element { .. }) {
            own[id] = prune_kind_in(dom, id, in_article[id], &mut memo);
        }
    }
    // Text counted with the always-pruned parts out, to weigh the named ones.
    let hard = inherit(dom, &order, |id| own[id] == PruneKind::Always);
    // Text counted once: `skip` below holds `hard`.
    let counts = own_counts(dom, &order, &hard);
    let [all_chars, all_links, _] = sum_counts(dom, &order, &hard, &counts);
    let total = all_chars[0].max(1);
    let prose = prose_chars(dom, &order, &hard, &all_chars, &all_links);
    let prose_total = prose[0];
    let skip = inherit(dom, &order, |id| {
        let by_name = match own[id] {
            PruneKind::Always => return true,
            PruneKind::ByName => true,
            PruneKind::Teaser => all_links[id] > 0,
            PruneKind::Not => false,
        };
        by_name && all_chars[id] * 2 < total && (prose_total == 0 || prose[id] * 2 < prose_total)
    });
    let [chars, link_chars, commas] = sum_counts(dom, &order, &skip, &counts);
    Facts {
        skip,
        chars,
        link_chars,
        commas,
    }
}

/// Marks each node whose own test or whose parent's mark is true.
pub(super) fn inherit(dom: &Dom, order: &[NodeId], own: impl Fn(NodeId) -> bool) -> Vec<bool> {
    let mut mark = vec![false; dom.nodes.len()];
    for &id in order {
        let p = dom.nodes[id].parent;
        mark[id] = own(id) || p != NONE && mark[p];
    }
    mark
}

/// True when the class or id names the article body.
pub(super) fn body_name(ci: &str) -> bool {
    !ci.is_empty() && lexicon().body_in(ci)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_counts_are_words_plus_one_and_commas() {
        let t = "  Hello,\u{a0}wide\tworld， x、 ";
        let words: u32 = t
            .split_whitespace()
            .map(|w| w.chars().count() as u32 + 1)
            .sum();
        assert_eq!(text_counts(t), [words, 3]);
        assert_eq!(text_counts(" \n "), [0, 0]);
        // Every ASCII and a few other characters as `char::is_whitespace`
        // and the per-character count see them.
        let all: String = (0u8..128)
            .map(char::from)
            .chain("\u{85}\u{a0}\u{3000}，、é".chars())
            .collect();
        let slow = |t: &str| {
            let (mut chars, mut commas, mut in_word) = (0u32, 0u32, false);
            for c in t.chars() {
                if c.is_whitespace() {
                    in_word = false;
                    continue;
                }
                chars += 1 + u32::from(!in_word);
                in_word = true;
                commas += u32::from(matches!(c, ',' | '，' | '、'));
            }
            [chars, commas]
        };
        for (i, _) in all.char_indices() {
            assert_eq!(text_counts(&all[i..]), slow(&all[i..]), "{i}");
        }
    }

    #[test]
    fn fragments_are_found_through_their_first_four_bytes() {
        let all = FURNITURE_PARTS.iter().chain(BODY_PARTS);
        assert!(all.clone().all(|f| f.len() >= 4));
        let l = lexicon();
        for f in all {
            let t = format!("x-{f}-y");
            assert!(l.starts.maybe(&t), "{f}");
            assert_eq!(l.part_in(&t), l.parts.is_match(&t), "{f}");
            assert_eq!(l.body_in(&t), l.body.is_match(&t), "{f}");
        }
        for t in ["row", "col-md-8", "clearfix", "container", ""] {
            assert!(!l.part_in(t) && !l.body_in(t), "{t}");
        }
        for w in FURNITURE_WORDS {
            assert!(l.word_shapes.maybe(w) && furniture_word(w), "{w}");
            assert!(!furniture_word(&format!("{w}x")), "{w}");
        }
        assert!(!furniture_word("") && !furniture_word("row"));
    }

    #[test]
    fn class_words_and_parts() {
        assert!(furniture_name("post-share-buttons "));
        assert!(furniture_name("ad "));
        assert!(!furniture_name("header-wrapper shadow "));
        assert!(!furniture_name("article-body "));
        assert!(!furniture_name(""));
        // Captions, credits, tables of contents, comment forms.
        assert!(furniture_name("wp-caption-text "));
        assert!(furniture_name("img-credit "));
        assert!(furniture_name("ez-toc-container "));
        assert!(furniture_name("respond "));
        // Hidden: the element itself, not a part of it, nor by screen size.
        assert!(furniture_name("hidden "));
        assert!(furniture_name("box is-hidden "));
        assert!(!furniture_name("field field--label-hidden "));
        assert!(!furniture_name("overflow-hidden rounded "));
        assert!(!furniture_name("table hidden-xs "));
        assert!(!furniture_name("hide-for-small-only "));
        // Modifiers say what an element has, not what it is.
        assert!(!furniture_name("o-section o-section--has-ads "));
        assert!(!furniture_name("gallery__with-sidebar "));
        // A paywall wraps the story itself (shown to subscribers).
        assert!(!furniture_name("row paywall "));
        assert!(!furniture_name("entry__content steady-paywall-container "));
        // A BEM modifier names a variant, not the element.
        assert!(!furniture_name("report__section report__section--ads "));
        assert!(furniture_name("ads--top "));
        // Script hooks name what a script does, not what the element is.
        assert!(!furniture_name("descriptiontext js_readmore "));
        assert!(!furniture_name("js-comments-toggle "));
        assert!(furniture_name("box js-hidden "));
        // Calls to action, date lines, image descriptions, reading times,
        // donation appeals, "see also" boxes.
        assert!(furniture_name("article-donation-cta "));
        assert!(furniture_name("meta-item date "));
        assert!(!furniture_name("update "));
        assert!(furniture_name("imagedescription "));
        assert!(furniture_name("img-metadata__title "));
        assert!(furniture_name("readingtime "));
        assert!(furniture_name("c-view-more "));
        assert!(furniture_name("box-see-also "));
        assert!(furniture_name("donate-box "));
    }

    #[test]
    fn remembered_token_answers_are_the_tokens_answers() {
        let mut memo = TokenMemo::default();
        let classes = [
            "post-share-buttons ad",
            "row col-md-6 ad",
            "o-section o-section--has-ads hidden",
            "js-hidden table hidden-xs",
            "",
            "  row   sidebar  ",
        ];
        // Twice over: the second pass answers from the memo.
        for ci in classes.iter().chain(&classes) {
            assert_eq!(memo.furniture_name(ci), furniture_name(ci), "{ci}");
            for t in ci.split_ascii_whitespace() {
                assert_eq!(memo.furniture_token(t), furniture_token(t), "{t}");
            }
        }
    }

    fn kinds(html: &str) -> Vec<(String, PruneKind)> {
        let dom = super::super::parse::parse(html);
        dom.descendants(0)
            .filter(|&n| dom.attr(n, "id").is_some())
            .map(|n| {
                (
                    dom.attr(n, "id").unwrap().to_string(),
                    prune_kind(&dom, n, false),
                )
            })
            .collect()
    }

    #[test]
    fn ruby_readings_story_headers_articles_and_numbered_ids() {
        let k = kinds(
            r#"<p><ruby>漢字<rt id="rt">かんじ</rt></ruby></p>
<header id="banner" class="site-header"></header><header id="head" class="article-header"></header>
<article id="byauthor" class="author-article"></article><article id="c" class="comment-body"></article>
<div id="toc_title_2"></div><div id="toc"></div><div id="comment-75"></div><div id="s3" class="sidebar"></div>"#,
        );
        let kind = |id: &str| k.iter().find(|(i, _)| i == id).unwrap().1;
        assert_eq!(kind("rt"), PruneKind::Always);
        assert_eq!(kind("banner"), PruneKind::ByName);
        assert_eq!(kind("head"), PruneKind::Not);
        assert_eq!(kind("byauthor"), PruneKind::Not);
        assert_eq!(kind("c"), PruneKind::ByName);
        assert_eq!(kind("toc_title_2"), PruneKind::Not);
        assert_eq!(kind("toc"), PruneKind::ByName);
        assert_eq!(kind("comment-75"), PruneKind::ByName);
        assert_eq!(kind("s3"), PruneKind::ByName);
    }
}
