//! The page as a browser builds it: html5ever's HTML5 tree construction
//! (malformed markup, entities, implied and misnested tags, `<template>`
//! contents kept apart, comments, CDATA) into a flat arena, so every walk
//! over it is a loop, never a recursion, and dropping it is one free.
//! Each node keeps the source line it started on.

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer};
use html5ever::tree_builder::TreeBuilder;
use html5ever::{local_name, Attribute, LocalName, ParseOpts, QualName, TokenizerResult};
use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Index of a node in [`Dom::nodes`].
pub(crate) type NodeId = usize;

/// No node.
pub(crate) const NONE: NodeId = usize::MAX;

/// What a node is.
#[derive(Debug)]
pub(crate) enum Data {
    Document,
    /// Tag name (lowercase local name) and where the attributes credence
    /// reads ([`KEPT_ATTRS`], lowercase names) are in [`Dom::attrs`].
    Element {
        name: LocalName,
        attrs: AttrSpan,
    },
    /// Text as html5ever gave it: a slice of the page's buffer when the
    /// text runs on in the source (most text), copied only when its pieces
    /// do not (an entity, text moved by the tree builder).
    Text(StrTendril),
    /// Comments, doctypes, processing instructions, template contents'
    /// fragments: nothing that renders.
    Other,
    /// A text node's text while the page is parsed: bytes `start..end` of
    /// the page, widened in place as the tokenizer hands over the pieces
    /// that follow it in the source. [`parse`] turns each into
    /// [`Data::Text`] before it returns: no reader ever sees one.
    Span(u32, u32),
}

/// An element's attributes: `attrs[start..end]` of the page's attribute
/// arena ([`Dom::attrs`]), so that making an element allocates nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct AttrSpan {
    start: u32,
    end: u32,
}

impl AttrSpan {
    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Where the next attributes pushed on `arena` go, up to its end.
fn span_to_end(start: usize, arena: &[(LocalName, StrTendril)]) -> AttrSpan {
    let at = |n: usize| u32::try_from(n).expect("fewer than 2^32 attributes");
    AttrSpan {
        start: at(start),
        end: at(arena.len()),
    }
}

/// One node with its tree links.
#[derive(Debug)]
pub(crate) struct Node {
    pub(crate) data: Data,
    pub(crate) parent: NodeId,
    pub(crate) first_child: NodeId,
    pub(crate) last_child: NodeId,
    pub(crate) prev: NodeId,
    pub(crate) next: NodeId,
    /// 1-based source line the node was created at.
    pub(crate) line: u32,
    /// The element's full name, for html5ever's questions.
    qual: Option<QualName>,
}

/// A parsed page: node 0 is the document.
#[derive(Debug)]
pub(crate) struct Dom {
    pub(crate) nodes: Vec<Node>,
    /// Every element's kept attributes, as html5ever made them (interned
    /// names, shared text buffers), each element's in one run
    /// ([`AttrSpan`]).
    attrs: Vec<(LocalName, StrTendril)>,
}

impl Dom {
    /// The element's tag name, `""` for other nodes.
    pub(crate) fn tag(&self, id: NodeId) -> &str {
        match &self.nodes[id].data {
            Data::Element { name, .. } => name,
            _ => "",
        }
    }

    /// The element's interned tag name, the empty name for other nodes: to
    /// compare with `local_name!` atoms (one integer comparison each)
    /// instead of strings.
    pub(crate) fn name(&self, id: NodeId) -> &LocalName {
        static NO_NAME: LocalName = local_name!("");
        match &self.nodes[id].data {
            Data::Element { name, .. } => name,
            _ => &NO_NAME,
        }
    }

    /// The value of attribute `name` (lowercase, one of [`KEPT_ATTRS`]) on
    /// element `id`.
    pub(crate) fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        debug_assert!(KEPT_ATTRS.contains(&name), "{name} is not kept");
        match &self.nodes[id].data {
            Data::Element { attrs, .. } => self.attrs[attrs.range()]
                .iter()
                .find(|(k, _)| &**k == name)
                .map(|(_, v)| &**v),
            _ => None,
        }
    }

    /// The value of attribute `name` on element `id`, its name given as an
    /// interned atom (`local_name!("class")`): one integer comparison per
    /// attribute instead of a string comparison.
    pub(crate) fn attr_named(&self, id: NodeId, name: &LocalName) -> Option<&str> {
        match &self.nodes[id].data {
            Data::Element { attrs, .. } => self.attrs[attrs.range()]
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| &**v),
            _ => None,
        }
    }

    /// The children of `id`, in order.
    pub(crate) fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.nodes[id].first_child,
        }
    }

    /// Every node under `id` (not `id` itself) in document order, iteratively.
    pub(crate) fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants {
            dom: self,
            root: id,
            next: self.nodes[id].first_child,
        }
    }

    /// The node after `id` in document order that is not inside `id`
    /// (skipping its subtree), bounded by `root`.
    pub(crate) fn skip_subtree(&self, mut id: NodeId, root: NodeId) -> NodeId {
        loop {
            if id == root {
                return NONE;
            }
            let n = &self.nodes[id];
            if n.next != NONE {
                return n.next;
            }
            id = n.parent;
            if id == NONE {
                return NONE;
            }
        }
    }

    /// Elements with tag `tag` in document order.
    pub(crate) fn elements<'a>(&'a self, tag: &'a str) -> impl Iterator<Item = NodeId> + 'a {
        let tag = LocalName::from(tag);
        self.descendants(0).filter(move |&n| *self.name(n) == tag)
    }
}

/// Iterator over a node's children.
pub(crate) struct Children<'a> {
    dom: &'a Dom,
    next: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next;
        if id == NONE {
            return None;
        }
        self.next = self.dom.nodes[id].next;
        Some(id)
    }
}

/// Iterator over a subtree in document order, without recursion.
pub(crate) struct Descendants<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: NodeId,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next;
        if id == NONE {
            return None;
        }
        let n = &self.dom.nodes[id];
        self.next = if n.first_child != NONE {
            n.first_child
        } else {
            self.dom.skip_subtree(id, self.root)
        };
        Some(id)
    }
}

/// Parses a page (already decoded to text) the way a browser does, with
/// elements nested deeper than [`MAX_DEPTH`] flattened into their
/// ancestor at that depth (as browsers cap the tree's depth), so that the
/// tree builder's scope checks stay linear on hostile nesting.
pub(crate) fn parse(html: &str) -> Dom {
    let page = StrTendril::from_slice(html);
    let mut nodes = Vec::with_capacity(html.len() / BYTES_PER_NODE + 1);
    nodes.push(node(Data::Document, None, 1));
    let sink = Sink {
        nodes: RefCell::new(nodes),
        attrs: RefCell::new(Vec::new()),
        line: Cell::new(1),
        page: page.clone(),
    };
    let opts = ParseOpts::default();
    let builder = TreeBuilder::new(sink, opts.tree_builder);
    let capped = Capped {
        inner: builder,
        open: RefCell::new(Vec::new()),
        dropped: RefCell::new(HashMap::new()),
    };
    let tokenizer = Tokenizer::new(capped, opts.tokenizer);
    let input = BufferQueue::default();
    input.push_back(page);
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.inner.sink.finish()
}

/// The longest text [`Sink::run_up`] compares with the page bytes before
/// a slice (a tendril's inline text): a bound, so that appending to a long
/// copied text never compares it again and again.
const SHORT_TEXT: usize = 8;

/// Bytes of markup per node on dense pages (about 70 on average on
/// trafilatura's benchmark, but fewer than 64 on most of its pages): the
/// arena is sized once from the page's length instead of growing by
/// copies. Capacity it does not use is never touched (no page is
/// mapped for it).
const BYTES_PER_NODE: usize = 32;

/// The attributes credence reads (pruning, the container, metadata); the
/// others (`data-*`, `src`, event handlers...) are dropped as each element
/// is made, so the arena holds and searches only these. A new reader of
/// an attribute adds its name here ([`Dom::attr`] asserts it in debug
/// builds).
const KEPT_ATTRS: [&str; 15] = [
    "class",
    "id",
    "style",
    "role",
    "hidden",
    "aria-hidden",
    "itemprop",
    "content",
    "property",
    "name",
    "type",
    "rel",
    "href",
    "datetime",
    "pubdate",
];

/// [`KEPT_ATTRS`] as interned names (one integer comparison each).
fn kept_names() -> &'static [LocalName] {
    static KEPT: OnceLock<Vec<LocalName>> = OnceLock::new();
    KEPT.get_or_init(|| KEPT_ATTRS.iter().map(|&a| LocalName::from(a)).collect())
}

/// True when the attribute is one credence reads. The tokenizer lowercases
/// attribute names; only foreign (SVG, MathML) ones come back camel-cased
/// (`viewBox`), and none of those is kept, so no lowercasing is needed to
/// decide.
fn kept_attr(name: &LocalName) -> bool {
    kept_names().contains(name)
}

/// Depth of elements (with a required end tag) beyond which start tags are
/// dropped; Blink caps the tree at 512 the same way.
const MAX_DEPTH: usize = 512;

/// A token filter in front of the tree builder: keeps an estimate of the
/// open elements (those whose end tag is required) and drops start tags
/// past [`MAX_DEPTH`], and the end tags that would close them.
struct Capped<S> {
    inner: S,
    open: RefCell<Vec<LocalName>>,
    dropped: RefCell<HashMap<LocalName, usize>>,
}

/// Elements that have no end tag or whose end tag may be left out: they
/// do not count towards the depth. Told by the interned name (one
/// integer comparison each), as the tokenizer gives it.
fn uncounted(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("param")
            | local_name!("p")
            | local_name!("li")
            | local_name!("dt")
            | local_name!("dd")
            | local_name!("tr")
            | local_name!("td")
            | local_name!("th")
            | local_name!("option")
            | local_name!("optgroup")
            | local_name!("thead")
            | local_name!("tbody")
            | local_name!("tfoot")
            | local_name!("rb")
            | local_name!("rt")
            | local_name!("rp")
            | local_name!("html")
            | local_name!("head")
            | local_name!("body")
            | local_name!("colgroup")
            | local_name!("caption")
    )
}

impl<S: TokenSink> Capped<S> {
    /// False when the tag is to be dropped.
    fn admit(&self, kind: TagKind, name: &LocalName, self_closing: bool) -> bool {
        if uncounted(name) || self_closing && kind == TagKind::StartTag {
            return true;
        }
        let mut open = self.open.borrow_mut();
        let mut dropped = self.dropped.borrow_mut();
        match kind {
            TagKind::StartTag if open.len() >= MAX_DEPTH => {
                *dropped.entry(name.clone()).or_default() += 1;
                false
            }
            TagKind::StartTag => {
                open.push(name.clone());
                true
            }
            TagKind::EndTag if dropped.is_empty() => {
                if let Some(at) = open.iter().rposition(|o| o == name) {
                    open.truncate(at);
                }
                true
            }
            TagKind::EndTag => match dropped.get_mut(name).filter(|n| **n > 0) {
                Some(n) if open.last() != Some(name) => {
                    *n -= 1;
                    false
                }
                _ => {
                    if let Some(at) = open.iter().rposition(|o| o == name) {
                        open.truncate(at);
                    }
                    true
                }
            },
        }
    }
}

impl<S: TokenSink> TokenSink for Capped<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        if let Token::TagToken(tag) = &token {
            if !self.admit(tag.kind, &tag.name, tag.self_closing) {
                return TokenSinkResult::Continue;
            }
        }
        self.inner.process_token(token, line_number)
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// The name in lowercase (html5ever lowercases HTML names already; foreign
/// elements such as SVG's keep their camel case).
fn lowercase(name: LocalName) -> LocalName {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        LocalName::from(name.to_ascii_lowercase())
    } else {
        name
    }
}

fn node(data: Data, qual: Option<QualName>, line: u32) -> Node {
    Node {
        data,
        parent: NONE,
        first_child: NONE,
        last_child: NONE,
        prev: NONE,
        next: NONE,
        line,
        qual,
    }
}

/// html5ever's tree sink writing into the arena.
struct Sink {
    nodes: RefCell<Vec<Node>>,
    /// The arena of kept attributes ([`Dom::attrs`]).
    attrs: RefCell<Vec<(LocalName, StrTendril)>>,
    line: Cell<u32>,
    /// The page as fed to the tokenizer: its text tokens are slices of it.
    page: StrTendril,
}

impl Sink {
    fn push(&self, data: Data, qual: Option<QualName>) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(node(data, qual, self.line.get()));
        nodes.len() - 1
    }

    /// Unlinks `id` from its parent and siblings.
    fn detach(&self, id: NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        let (parent, prev, next) = {
            let n = &nodes[id];
            (n.parent, n.prev, n.next)
        };
        if parent == NONE {
            return;
        }
        if prev != NONE {
            nodes[prev].next = next;
        } else {
            nodes[parent].first_child = next;
        }
        if next != NONE {
            nodes[next].prev = prev;
        } else {
            nodes[parent].last_child = prev;
        }
        let n = &mut nodes[id];
        n.parent = NONE;
        n.prev = NONE;
        n.next = NONE;
    }

    /// Links detached `child` as the last child of `parent`.
    fn link_last(&self, parent: NodeId, child: NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        let last = nodes[parent].last_child;
        nodes[child].parent = parent;
        nodes[child].prev = last;
        nodes[child].next = NONE;
        if last != NONE {
            nodes[last].next = child;
        } else {
            nodes[parent].first_child = child;
        }
        nodes[parent].last_child = child;
    }

    /// Links detached `child` right before `sibling`.
    fn link_before(&self, sibling: NodeId, child: NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        let parent = nodes[sibling].parent;
        let prev = nodes[sibling].prev;
        nodes[child].parent = parent;
        nodes[child].prev = prev;
        nodes[child].next = sibling;
        nodes[sibling].prev = child;
        if prev != NONE {
            nodes[prev].next = child;
        } else if parent != NONE {
            nodes[parent].first_child = child;
        }
    }

    /// Appends text to `node` when it is a text node; false otherwise.
    /// Text that runs on in the page widens the node's span of the page
    /// ([`Sink::runs_on`], [`Sink::run_up`]); other text is copied.
    fn extend_text(&self, node: NodeId, more: &StrTendril) -> bool {
        if node == NONE {
            return false;
        }
        let data = &mut self.nodes.borrow_mut()[node].data;
        match data {
            Data::Span(start, end) => {
                match self.runs_on(*end, more) {
                    Some(wider) => *end = wider,
                    None => {
                        let mut t = self.page.subtendril(*start, *end - *start);
                        t.push_tendril(more);
                        *data = Data::Text(t);
                    }
                }
                true
            }
            Data::Text(t) => {
                match self.run_up(t, more) {
                    Some((start, end)) => *data = Data::Span(start, end),
                    None => t.push_tendril(more),
                }
                true
            }
            _ => false,
        }
    }

    /// The new end of a span ending at `end` when the page goes on with
    /// `more`'s text there (a line's text, then its line end, which the
    /// tokenizer hands over as a character of its own).
    fn runs_on(&self, end: u32, more: &str) -> Option<u32> {
        let at = end as usize;
        let continues = self.page_offset(more) == Some(at)
            || self.page.as_bytes().get(at..at + more.len()) == Some(more.as_bytes());
        continues.then(|| u32::try_from(at + more.len()).ok())?
    }

    /// The span of `t` and then `more` when `more` is a slice of the page
    /// and the page has `t`'s few bytes right before it (a line end, then
    /// the next line's indentation).
    fn run_up(&self, t: &str, more: &str) -> Option<(u32, u32)> {
        if t.len() > SHORT_TEXT {
            return None;
        }
        let at = self.page_offset(more)?;
        let from = at.checked_sub(t.len())?;
        (&self.page.as_bytes()[from..at] == t.as_bytes()).then_some(())?;
        Some((
            u32::try_from(from).ok()?,
            u32::try_from(at + more.len()).ok()?,
        ))
    }

    /// A new text node's data: a span when the text is a slice of the page.
    fn text_data(&self, t: StrTendril) -> Data {
        let span = self
            .page_offset(&t)
            .and_then(|at| Some((u32::try_from(at).ok()?, u32::try_from(at + t.len()).ok()?)));
        match span {
            Some((start, end)) => Data::Span(start, end),
            None => Data::Text(t),
        }
    }

    /// Where `t` starts in the page, when it is a slice of the page's
    /// buffer (a token the tokenizer cut from it, not a character it made:
    /// those live in other memory).
    fn page_offset(&self, t: &str) -> Option<usize> {
        let offset = (t.as_ptr() as usize).checked_sub(self.page.as_ptr() as usize)?;
        (!t.is_empty() && offset + t.len() <= self.page.len()).then_some(offset)
    }

    fn make(&self, child: NodeOrText<NodeId>) -> NodeId {
        match child {
            NodeOrText::AppendNode(n) => {
                self.detach(n);
                n
            }
            NodeOrText::AppendText(t) => {
                let data = self.text_data(t);
                self.push(data, None)
            }
        }
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Dom {
        let mut nodes = self.nodes.into_inner();
        for n in &mut nodes {
            if let Data::Span(start, end) = n.data {
                n.data = Data::Text(self.page.subtendril(start, end - start));
            }
        }
        Dom {
            nodes,
            attrs: self.attrs.into_inner(),
        }
    }

    #[inline]
    fn parse_error(&self, _msg: Cow<'static, str>) {}

    #[inline]
    fn get_document(&self) -> NodeId {
        0
    }

    #[inline]
    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |n| {
            n[*target]
                .qual
                .as_ref()
                .expect("html5ever asks names of elements only")
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let attrs = {
            let mut arena = self.attrs.borrow_mut();
            let start = arena.len();
            for a in attrs {
                if kept_attr(&a.name.local) {
                    arena.push((a.name.local, a.value));
                }
            }
            span_to_end(start, &arena)
        };
        let tag = lowercase(name.local.clone());
        let fragment = flags.template.then(|| name.clone());
        let id = self.push(Data::Element { name: tag, attrs }, Some(name));
        if let Some(qual) = fragment {
            // Template contents live apart from the tree: never rendered.
            self.push(Data::Other, Some(qual));
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.push(Data::Other, None)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.push(Data::Other, None)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        if let NodeOrText::AppendText(t) = &child {
            let last = self.nodes.borrow()[*parent].last_child;
            if self.extend_text(last, t) {
                return;
            }
        }
        let id = self.make(child);
        self.link_last(*parent, id);
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        if self.nodes.borrow()[*element].parent != NONE {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    #[inline]
    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        // The fragment was pushed right after its template.
        *target + 1
    }

    #[inline]
    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, child: NodeOrText<NodeId>) {
        if let NodeOrText::AppendText(t) = &child {
            let prev = self.nodes.borrow()[*sibling].prev;
            if self.extend_text(prev, t) {
                return;
            }
        }
        let id = self.make(child);
        self.link_before(*sibling, id);
    }

    /// The new attributes go after a copy of the element's own at the
    /// arena's end (where its run can grow), unless its run is there
    /// already. Only `<html>` and `<body>` get any, once or twice a page.
    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        let Data::Element { attrs: have, .. } = &mut nodes[*target].data else {
            return;
        };
        let mut arena = self.attrs.borrow_mut();
        let kept: Vec<Attribute> = attrs
            .into_iter()
            .filter(|a| kept_attr(&a.name.local))
            .collect();
        let has = |arena: &[(LocalName, StrTendril)], span: AttrSpan, k: &LocalName| {
            arena[span.range()].iter().any(|(h, _)| h == k)
        };
        if kept.iter().all(|a| has(&arena, *have, &a.name.local)) {
            return;
        }
        if have.end as usize != arena.len() {
            let start = arena.len();
            arena.extend_from_within(have.range());
            *have = span_to_end(start, &arena);
        }
        for a in kept {
            if !has(&arena, *have, &a.name.local) {
                arena.push((a.name.local, a.value));
                have.end += 1;
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        loop {
            let child = self.nodes.borrow()[*node].first_child;
            if child == NONE {
                break;
            }
            self.detach(child);
            self.link_last(*new_parent, child);
        }
    }

    #[inline]
    fn set_current_line(&self, line_number: u64) {
        self.line
            .set(u32::try_from(line_number).unwrap_or(u32::MAX));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(dom: &Dom) -> Vec<String> {
        dom.descendants(0)
            .filter_map(|n| match &dom.nodes[n].data {
                Data::Text(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn attributes_of_a_repeated_body_tag_are_added_once() {
        let dom = parse(
            r#"<body class="a"><p id="p1" class="x">one</p><body id="b" class="c" role="main"><p class="y">two"#,
        );
        let body = dom.elements("body").next().unwrap();
        assert_eq!(dom.attr(body, "class"), Some("a"));
        assert_eq!(dom.attr(body, "id"), Some("b"));
        assert_eq!(dom.attr(body, "role"), Some("main"));
        let ps: Vec<_> = dom.elements("p").collect();
        assert_eq!(dom.attr(ps[0], "id"), Some("p1"));
        assert_eq!(dom.attr(ps[0], "class"), Some("x"));
        assert_eq!(dom.attr(ps[1], "class"), Some("y"));
        assert_eq!(dom.attr(ps[1], "id"), None);
    }

    #[test]
    fn builds_the_tree_a_browser_builds() {
        let dom = parse(
            "<p>One &amp; <b>two<p>three</b> four<!-- x --><template><p>hidden</p></template>",
        );
        assert_eq!(texts(&dom), vec!["One &", "two", "three", "four"]);
        let ps: Vec<_> = dom.elements("p").collect();
        assert_eq!(ps.len(), 2);
        assert_eq!(dom.tag(dom.nodes[ps[0]].parent), "body");
        assert!(dom.elements("head").next().is_some());
    }

    #[test]
    fn cdata_and_entities_as_browsers_read_them() {
        let dom = parse("<p>a&nbsp;b &lt;c&gt; &#x2014; &copy</p><svg><![CDATA[x<y]]></svg>");
        assert_eq!(texts(&dom), vec!["a\u{a0}b <c> — ©", "x<y"]);
    }

    #[test]
    fn nodes_keep_their_source_lines() {
        let dom = parse("<html>\n<body>\n\n<p>x</p>\n<div>\n<h1>y</h1></div>");
        let p = dom.elements("p").next().unwrap();
        let h = dom.elements("h1").next().unwrap();
        assert_eq!((dom.nodes[p].line, dom.nodes[h].line), (4, 6));
    }

    #[test]
    fn deep_nesting_is_capped_and_walked_without_recursion() {
        let html = "<div>".repeat(100_000) + "deep";
        let dom = parse(&html);
        assert_eq!(texts(&dom), vec!["deep"]);
        assert_eq!(dom.descendants(0).count(), dom.nodes.len() - 1);
        assert!(dom.elements("div").count() <= MAX_DEPTH);
        // Closing tags of dropped elements do not close kept ones.
        let html = "<div>".repeat(600) + "a" + &"</div>".repeat(600) + "<p>b";
        let dom = parse(&html);
        let p = dom.elements("p").next().unwrap();
        assert_eq!(dom.tag(dom.nodes[p].parent), "body");
    }

    #[test]
    fn unclosed_paragraphs_do_not_count_towards_the_depth() {
        let html = "<div>".to_string() + &"<p>x".repeat(2000);
        assert_eq!(parse(&html).elements("p").count(), 2000);
    }
}
