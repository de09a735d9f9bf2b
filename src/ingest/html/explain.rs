//! Why each piece of a page's text was kept or left out: a diagnostic for
//! `html-eval --explain`, never part of a run.
//!
//! Every block of the body is rendered with nothing pruned, and given its
//! fate in the real extraction: `kept`, `pruned` (inside an element step 1
//! leaves out), `outside` (not in the chosen container, not a stray
//! paragraph), `link` (a teaser or link-list item) or `dropped` (a bare
//! heading, or split differently by pruning), with the block's ancestors.

use super::extract::{self, Block, Facts};
use super::parse::{Dom, NodeId, NONE};

/// One block of the unpruned body: its text, its fate and where it sits.
pub struct Explained {
    pub text: String,
    pub fate: &'static str,
    pub path: String,
}

/// The fates of the blocks of `html`'s body.
pub(super) fn explain(html: &str) -> Vec<Explained> {
    let dom = super::parse::parse(html);
    let f = extract::prune(&dom);
    let main = extract::main_node(&dom, &f);
    let story = extract::story(&dom, &f, &main);
    let kept: std::collections::HashSet<NodeId> = story.iter().map(|b| b.node).collect();
    let order = extract::order(&dom);
    let inside = extract::inherit(&dom, &order, |n| main.contains(&n));
    let none = vec![false; dom.nodes.len()];
    let [chars, link_chars, commas] = extract::sum_chars(&dom, &order, &none);
    let open = Facts {
        skip: none,
        chars,
        link_chars,
        commas,
    };
    let body = dom.elements("body").next().unwrap_or(0);
    extract::blocks(&dom, &open, body)
        .into_iter()
        .map(|b| {
            let fate = fate(&dom, &f, &b, &kept, &inside);
            Explained {
                path: path(&dom, b.node),
                text: b.text,
                fate,
            }
        })
        .collect()
}

fn fate(
    dom: &Dom,
    f: &Facts,
    b: &Block,
    kept: &std::collections::HashSet<NodeId>,
    inside: &[bool],
) -> &'static str {
    if kept.contains(&b.node) {
        "kept"
    } else if f.skip[b.node] {
        "pruned"
    } else if !inside[b.node] && !extract::stray_paragraph(b) {
        "outside"
    } else if extract::link_block(dom, f, b) {
        "link"
    } else {
        "dropped"
    }
}

/// The element ancestors of `n`, outermost first, as `tag.class#id`, with
/// the pruned ones starred.
fn path(dom: &Dom, n: NodeId) -> String {
    let mut parts = Vec::new();
    let mut up = dom.nodes[n].parent;
    while up != NONE && parts.len() < 8 {
        let tag = dom.tag(up);
        if matches!(tag, "html" | "body" | "") {
            break;
        }
        let mut s = tag.to_string();
        if let Some(c) = dom.attr(up, "class") {
            s.push('.');
            s.push_str(&c.split_whitespace().take(3).collect::<Vec<_>>().join("."));
        }
        if let Some(i) = dom.attr(up, "id") {
            s.push('#');
            s.push_str(i);
        }
        if extract::prune_kind(dom, up, false) != extract::PruneKind::Not {
            s.push('*');
        }
        parts.push(s);
        up = dom.nodes[up].parent;
    }
    parts.reverse();
    parts.join(" > ")
}
