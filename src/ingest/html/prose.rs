//! How much of a page's prose sits under each node: the text of blocks
//! that read as paragraphs (80+ characters, under a third of them in
//! links), summed bottom-up. It weighs elements whose class or id names
//! page furniture: one that holds most of the page's prose is the story's
//! wrapper whatever it is called (`has-ads`, `non-paywall`,
//! `content-sidebar-wrap`).

use super::extract::block_tag;
use super::parse::{Data, Dom, NodeId, NONE};

/// Characters a block needs to count as prose.
const PROSE_MIN_CHARS: u32 = 80;

/// Prose characters under each node, for nodes not in `skip`; `chars` and
/// `links` are the text and link characters under each node with `skip`
/// left out, `order` the document order.
pub(super) fn prose_chars(
    dom: &Dom,
    order: &[NodeId],
    skip: &[bool],
    chars: &[u32],
    links: &[u32],
) -> Vec<u32> {
    let n = dom.nodes.len();
    // The nearest block element at or above each node, top-down.
    let mut block = vec![NONE; n];
    for &id in order {
        let p = dom.nodes[id].parent;
        block[id] = if block_tag(dom.tag(id)) {
            id
        } else if p != NONE {
            block[p]
        } else {
            NONE
        };
    }
    let mut prose = vec![0u32; n];
    for &id in order.iter().rev() {
        if skip[id] {
            continue;
        }
        if let (Data::Text(_), b) = (&dom.nodes[id].data, block[id]) {
            if b != NONE && chars[b] >= PROSE_MIN_CHARS && links[b] * 3 < chars[b] {
                prose[id] = chars[id];
            }
        }
        let p = dom.nodes[id].parent;
        if p != NONE {
            prose[p] = prose[p].saturating_add(prose[id]);
        }
    }
    prose
}

#[cfg(test)]
mod tests {
    use super::super::extract::{inherit, order, sum_chars};
    use super::super::parse::parse;
    use super::*;

    #[test]
    fn prose_counts_paragraphs_not_link_lists_or_short_lines() {
        let long =
            "A sentence of the story that goes on for a while, long enough to be prose here.";
        let html = format!(
            r#"<div id="a"><p>{long}</p><p>Short line.</p></div>
<ul id="b"><li><a href="/1">{long}</a></li></ul>"#
        );
        let dom = parse(&html);
        let o = order(&dom);
        let skip = inherit(&dom, &o, |_| false);
        let [chars, links, _] = sum_chars(&dom, &o, &skip);
        let prose = prose_chars(&dom, &o, &skip, &chars, &links);
        let by_id = |v: &str| {
            dom.descendants(0)
                .find(|&n| dom.attr(n, "id") == Some(v))
                .unwrap()
        };
        assert_eq!(prose[by_id("a")] as usize, long.len() + 1);
        assert_eq!(prose[by_id("b")], 0);
        assert_eq!(prose[0], prose[by_id("a")]);
    }
}
