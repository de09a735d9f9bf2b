//! Step 8 input of [`super::fingerprint`]: what furniture each paragraph
//! is, the page's head labels and embedded social posts; and whether step
//! 7 reads the article's structure at all ([`reads_structure`]).

use super::title_like;
use crate::model::{Article, Format, ParaPrint};
use crate::segment::{furniture, Furniture};

/// [`crate::segment::furniture`] of each paragraph, once (it was called up
/// to three times a paragraph: 35% of a run on the generated corpus).
pub(super) fn raw_furniture(a: &Article) -> Vec<Option<Furniture>> {
    let text = |p| furniture(a.para_text(p));
    a.paragraphs.iter().map(text).collect()
}

/// Whether step 7 looks for runs of title-like lines
/// ([`super::structural_blocks`]) in this article: not on an HTML page. The
/// HTML reader has already kept only the story's container and dropped its
/// link lists, menus and furniture, so a run of short lines left in it is
/// the story's own list (ingredients, a spec table, steps), not a
/// related-stories list. Cross-article repetition and single-line furniture
/// still apply. Measured on trafilatura's 990 pages (score path): 64 story
/// segments kept, 19 leaked lines more (F1 0.917 -> 0.925).
pub(super) fn reads_structure(a: &Article) -> bool {
    a.format != Format::Html
}

/// Words above which a paragraph of an HTML page is never a caption.
const HTML_CAPTION_MAX_WORDS: u32 = 30;

/// On an HTML page the reader has already left out figures, captions and
/// credits by their markup, so a long paragraph left in the story that
/// ends with a credit ("... Image credit: Agency") is the story's prose
/// with the credit run in, not a caption: only paragraphs of up to
/// [`HTML_CAPTION_MAX_WORDS`] words stay captions. Measured on
/// trafilatura's 990 pages (score path): 2 story segments kept, no leak
/// more.
fn prose_is_no_caption(article: &Article, furn: &mut [Option<Furniture>]) {
    for (f, p) in furn.iter_mut().zip(&article.paragraphs) {
        if *f == Some(Furniture::Caption) && p.words > HTML_CAPTION_MAX_WORDS {
            *f = None;
        }
    }
}

/// Step 8 input: what furniture each paragraph is
/// ([`crate::segment::furniture`]; a bare date line stays content), and the text of an embedded social
/// post right above its attribution line (a line with a link, a handle or
/// a hashtag); single title-like lines without digits above the headline
/// are the page's head (`headline`: the headline's paragraph, worked out
/// once per article by `headline_para`).
pub(super) fn page_furniture(
    article: &Article,
    raw: &[Option<Furniture>],
    headline: Option<usize>,
) -> Vec<Option<Furniture>> {
    let ps = &article.paragraphs;
    let mut furn: Vec<Option<Furniture>> = raw
        .iter()
        .map(|f| f.filter(|f| *f != Furniture::Dateline))
        .collect();
    if article.format == Format::Html {
        prose_is_no_caption(article, &mut furn);
    }
    // Single title-like lines above the headline are the page's head
    // (section names, kickers); not a date line.
    if let Some(h) = headline {
        for j in 0..h {
            let t = article.para_text(&ps[j]);
            if raw[j].is_none()
                && title_like(article, &ps[j])
                && ps[j].words <= 8
                && !t.chars().any(|c| c.is_ascii_digit())
            {
                furn[j] = Some(Furniture::Label);
            }
        }
    }
    for j in 1..ps.len() {
        if furn[j] == Some(Furniture::Social) && furn[j - 1].is_none() {
            let t = article.para_text(&ps[j - 1]);
            let tagged = t.split_whitespace().any(|w| {
                w.starts_with('#') && w.len() > 1
                    || w.starts_with('@') && w.len() > 1
                    || w.contains("://")
                    || w.starts_with("pic.")
            });
            if tagged && !t.contains('\n') && ps[j - 1].words <= 60 {
                furn[j - 1] = Some(Furniture::Social);
            }
        }
    }
    furn
}

/// Whether a layout pair (`i` shown again as `j`, `d` the copy the layout
/// rule would take as display) is a standfirst that the story words again
/// further down: the earlier copy is the display one and no heading, and
/// the two differ in wording (a near repeat, not the same text). The
/// summary under the headline and the paragraph that tells it in full are
/// both the story's: neither is marked, and neither is a duplicate. A
/// headline (a heading) shown again, a standfirst the lead repeats word
/// for word and a caption shown twice stay layout repeats. Measured on
/// trafilatura's 990 pages (score path): 1 page better, none worse.
pub(super) fn reworded_standfirst(
    article: &Article,
    prints: &[ParaPrint],
    (i, j): (usize, usize),
    d: usize,
) -> bool {
    d == i && prints[i].exact != prints[j].exact && !article.paragraphs[i].heading
}
