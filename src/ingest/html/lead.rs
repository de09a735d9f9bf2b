//! The story's lead-in: the headline and standfirst that many pages set
//! above the story's container (in a page header band, a hero block),
//! which paragraph scoring never picks. The blocks from the page's `h1` to
//! the container's first block are the story's when they are few and
//! short: a headline, a deck, a standfirst, not a column of other stories.

use super::extract::{block_tag, Block};
use super::parse::{Dom, NodeId, NONE};

/// Blocks at most between the headline and the container.
const LEAD_MAX_BLOCKS: usize = 6;

/// Characters at most between the headline and the container.
const LEAD_MAX_CHARS: usize = 800;

/// Characters a lead-in line that is not a heading needs: a standfirst,
/// not a photo credit, a date or a reading time.
const LEAD_MIN_CHARS: usize = 40;

/// Marks the blocks of the lead-in: from the last `h1` block before the
/// first block inside the container up to it, when it is near enough.
pub(super) fn lead_in(dom: &Dom, blocks: &[Block], inside: &[bool]) -> Vec<bool> {
    let mut keep = vec![false; blocks.len()];
    let Some(first) = blocks.iter().position(|b| inside[b.node]) else {
        return keep;
    };
    let from = first.saturating_sub(LEAD_MAX_BLOCKS + 1);
    let Some(h) = (from..first)
        .rev()
        .find(|&i| blocks[i].heading && block_of(dom, blocks[i].node) == "h1")
    else {
        return keep;
    };
    let chars: usize = blocks[h + 1..first]
        .iter()
        .map(|b| b.text.chars().count())
        .sum();
    if chars <= LEAD_MAX_CHARS {
        for i in h..first {
            keep[i] = blocks[i].heading || blocks[i].text.chars().count() >= LEAD_MIN_CHARS;
        }
    }
    keep
}

/// The tag of the nearest block element holding `n`.
fn block_of(dom: &Dom, mut n: NodeId) -> &str {
    while n != NONE {
        let tag = dom.tag(n);
        if block_tag(tag) {
            return tag;
        }
        n = dom.nodes[n].parent;
    }
    ""
}
