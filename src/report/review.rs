//! `review.html`: one self-contained page to review a run from disk. A
//! sortable, filterable list of every article and, for the worst ones, the
//! text with each finding highlighted in place, its message and evidence
//! beside it, and repeated or boilerplate paragraphs greyed with a link to
//! where they first appeared.
//!
//! Guarantees: every piece of article data is escaped (text, titles,
//! sources, file names show literally, whatever markup they hold); the page
//! loads nothing and runs no script but its own: a Content-Security-Policy
//! allows only the page's one inline script and style, by their sha256
//! hashes. Deterministic: the same tables and texts give the same bytes.

use super::tables::review_order;
use super::{ReportError, Reports, RowParts};
use crate::model::{ArticleId, ArticleSummary, DupKind, DuplicateRow, Finding, ParaMark, Severity};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write;

/// The page's file name in `--out`.
pub const REVIEW: &str = "review.html";

/// The paragraphs of one article shown with its text.
#[derive(Clone, Debug, Default)]
pub struct ReviewText {
    pub article: ArticleId,
    /// Each paragraph's text, in order.
    pub paragraphs: Vec<String>,
}

const STYLE: &str = r#"
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{padding:12px 20px;background:#1f3b5a;color:#fff}
header h1{margin:0;font-size:20px}
main{padding:12px 20px}
#filter{width:40em;max-width:100%;padding:4px 6px;font-size:14px}
table{border-collapse:collapse;background:#fff;margin:8px 0}
th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#e8edf4;cursor:pointer;user-select:none;position:sticky;top:0}
th.asc::after{content:" \25B2"}th.desc::after{content:" \25BC"}
td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.hidden{display:none}
.sev-error{background:#ffc7ce;color:#9c0006}
.sev-warning{background:#ffeb9c;color:#9c5700}
.sev-info{background:#ddebf7;color:#1f4e78}
.grade-A,.grade-B{color:#276221}.grade-D,.grade-F{color:#9c0006;font-weight:bold}
article{background:#fff;border:1px solid #ccc;margin:18px 0;padding:8px 14px}
article h2{font-size:17px;margin:4px 0}
.meta{color:#555;font-size:13px}
.para{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:14px;border-top:1px solid #eee;padding:4px 0}
.para .no{color:#888;font-size:12px;margin-right:6px}
.para.grey .body{color:#999}
.para .note{font-size:12px;color:#666}
mark{padding:0 2px;border-radius:2px}
mark.sev-error{outline:2px solid #c00}
ul.f{margin:0;padding-left:16px;font-size:13px}
ul.f li{margin:2px 0}
.kind{font-family:monospace}
.body{white-space:pre-wrap;overflow-wrap:anywhere}
"#;

const SCRIPT: &str = r#"
(function(){
var t=document.getElementById('list');if(!t)return;
var body=t.tBodies[0],heads=t.tHead.rows[0].cells;
for(var i=0;i!==heads.length;i++)(function(c,th){th.addEventListener('click',function(){
var asc=!th.classList.contains('asc');
for(var j=0;j!==heads.length;j++)heads[j].classList.remove('asc','desc');
th.classList.add(asc?'asc':'desc');
var num=th.getAttribute('data-num')==='1';
var rows=Array.prototype.slice.call(body.rows);
rows.sort(function(a,b){var x=a.cells[c].getAttribute('data-v'),y=b.cells[c].getAttribute('data-v');
var r=num?((parseFloat(x)||0)-(parseFloat(y)||0)):x.localeCompare(y);
return asc?r:-r;});
rows.forEach(function(r){body.appendChild(r);});});})(i,heads[i]);
var f=document.getElementById('filter');
f.addEventListener('input',function(){var q=f.value.toLowerCase();
Array.prototype.forEach.call(body.rows,function(r){
r.classList.toggle('hidden',q!==''&&r.textContent.toLowerCase().indexOf(q)===-1);});});
})();
"#;

/// Neither the script nor the style holds `<`: no `</script>` or `</style>`
/// can end them early, and any HTML parser reads them as one text.
const _: () = assert!(!has_lt(SCRIPT) && !has_lt(STYLE));

const fn has_lt(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'<' {
            return true;
        }
        i += 1;
    }
    false
}

/// Escapes text for HTML content and quoted attribute values.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `'sha256-…'` of a script or style, as a CSP source.
fn csp_hash(s: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(s.as_bytes())))
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for ch in bytes.chunks(3) {
        let b = [ch[0], *ch.get(1).unwrap_or(&0), *ch.get(2).unwrap_or(&0)];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for k in 0..4 {
            if k <= ch.len() {
                out.push(A[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The ids of the articles to show with their text: those with errors or
/// warnings first (worst first), at most `limit`.
pub fn review_selection(r: &Reports<'_>, limit: usize) -> Vec<ArticleId> {
    let mut order = page_order(r);
    order.truncate(limit);
    let mut ids: Vec<ArticleId> = order.into_iter().map(|i| r.articles.id(i)).collect();
    ids.sort();
    ids
}

/// Review order (worst first), with every article that has errors or
/// warnings before those that have neither.
fn page_order(r: &Reports<'_>) -> Vec<usize> {
    let counts = r.counts;
    let mut order = review_order(r);
    order.sort_by_key(|&i| {
        let c = counts
            .get(r.articles.id(i).0 as usize)
            .copied()
            .unwrap_or_default();
        c[0] + c[1] == 0
    });
    order
}

/// Renders the page onto `out`, a part at a time (the page of a large run
/// is never whole in memory). `limit` bounds the articles shown with their
/// text.
pub(super) fn render(
    r: &Reports<'_>,
    texts: &[ReviewText],
    limit: usize,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let counts = r.counts;
    let order = page_order(r);
    let text_of: HashMap<ArticleId, &ReviewText> = texts.iter().map(|t| (t.article, t)).collect();
    let shown: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| text_of.contains_key(&r.articles.id(i)))
        .take(limit)
        .collect();
    let anchor: HashMap<ArticleId, usize> = shown
        .iter()
        .enumerate()
        .map(|(n, &i)| (r.articles.id(i), n))
        .collect();
    let total: [u64; 3] = counts.iter().fold([0; 3], |mut t, c| {
        (0..3).for_each(|k| t[k] += u64::from(c[k]));
        t
    });

    let mut h = String::new();
    let csp = format!(
        "default-src 'none'; script-src {}; style-src {}; base-uri 'none'; form-action 'none'",
        csp_hash(SCRIPT),
        csp_hash(STYLE)
    );
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
         <meta name=\"viewport\" content=\"width=device-width\">\n\
         <title>credence review</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <header><h1>credence review</h1><div>{} articles: {} errors, {} warnings, {} infos. \
         {} shown with their text below (errors and warnings first); the list has them all.</div></header>\n<main>\n",
        r.articles.len(),
        total[0],
        total[1],
        total[2],
        shown.len()
    );
    h.push_str(LIST_HEAD);
    for &i in &order {
        list_row(&mut h, r, i, &anchor, counts)?;
        flush_part(&mut h, out)?;
    }
    h.push_str("</tbody></table>\n");
    let shown_ids: HashSet<ArticleId> = shown.iter().map(|&i| r.articles.id(i)).collect();
    let dups = dups_by_paragraph(r.duplicates, &shown_ids).map_err(std::io::Error::other)?;
    for (n, &i) in shown.iter().enumerate() {
        let a = record(r, i)?;
        let findings = sorted_findings(&a.findings);
        let ctx = ArticleCtx {
            n,
            r,
            findings: &findings,
            dups: &dups,
            anchor: &anchor,
            marks: r.marks.get(i).unwrap_or(&[]),
        };
        article(&mut h, &ctx, &a, text_of[&a.id]);
        flush_part(&mut h, out)?;
    }
    let _ = write!(h, "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n");
    out.write_all(h.as_bytes())
}

/// Bytes of page gathered before they are written out.
const PART: usize = 1 << 16;

/// Writes the page so far to `out` once it holds [`PART`] bytes.
fn flush_part(h: &mut String, out: &mut dyn Write) -> std::io::Result<()> {
    if h.len() >= PART {
        out.write_all(h.as_bytes())?;
        h.clear();
    }
    Ok(())
}

/// The head of the list of every article.
const LIST_HEAD: &str = "<h2>Articles</h2>\n<input id=\"filter\" type=\"search\" placeholder=\"Filter: any text in the row (source, grade, file…)\">\n\
         <table id=\"list\"><thead><tr><th>article</th><th>source</th><th>title</th><th>date</th>\
         <th data-num=\"1\">score</th><th>grade</th><th data-num=\"1\">errors</th>\
         <th data-num=\"1\">warnings</th><th data-num=\"1\">infos</th><th data-num=\"1\">repeated</th>\
         <th data-num=\"1\">boilerplate</th></tr></thead>\n<tbody>\n";

/// Record `i` of the reports; a spilled record that cannot be read back
/// stops the page (as an I/O error of the page, naming the scratch).
fn record<'a>(r: &Reports<'a>, i: usize) -> std::io::Result<std::borrow::Cow<'a, ArticleSummary>> {
    r.articles.get(i).map_err(std::io::Error::other)
}

/// One article's row in the list.
fn list_row(
    h: &mut String,
    r: &Reports<'_>,
    i: usize,
    anchor: &HashMap<ArticleId, usize>,
    counts: &[[u32; 3]],
) -> std::io::Result<()> {
    let a = record(r, i)?;
    let c = counts.get(a.id.0 as usize).copied().unwrap_or_default();
    let s = r.scores.get(a.id);
    let marks = r.marks.get(i).unwrap_or(&[]);
    let rep = marks
        .iter()
        .filter(|m| matches!(m, ParaMark::Duplicate | ParaMark::Syndicated))
        .count();
    let boil = marks
        .iter()
        .filter(|m| **m == ParaMark::Boilerplate)
        .count();
    let key = esc(&a.key);
    let name = match anchor.get(&a.id) {
        Some(n) => format!("<a href=\"#a{n}\">{key}</a>"),
        None => key.clone(),
    };
    let score = s
        .map(|s| crate::text::fmt_num(s.score, 1))
        .unwrap_or_default();
    let grade = esc(s.map_or("", |s| s.grade));
    let date = a.date.to_string();
    let _ = writeln!(
        h,
        "<tr><td data-v=\"{key}\">{name}</td><td data-v=\"{src}\">{src}</td><td data-v=\"{title}\">{title}</td>\
         <td data-v=\"{date}\">{date}</td><td class=\"n\" data-v=\"{score}\">{score}</td>\
         <td data-v=\"{grade}\" class=\"grade-{grade}\">{grade}</td>{}{}{}{}{}</tr>",
        num(c[0] as usize),
        num(c[1] as usize),
        num(c[2] as usize),
        num(rep),
        num(boil),
        src = esc(&a.source),
        title = esc(&cut(&a.title, 90)),
    );
    Ok(())
}

/// At most `n` characters, "…" marking a cut.
fn cut(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn num(n: usize) -> String {
    format!("<td class=\"n\" data-v=\"{n}\">{n}</td>")
}

/// One article's findings in the order the page shows them (ties keep
/// the run's order).
fn sorted_findings(fs: &[Finding]) -> Vec<&Finding> {
    let mut v: Vec<&Finding> = fs.iter().collect();
    v.sort_by(|a, b| {
        (a.paragraph, a.severity, a.kind, &a.mention, &a.message).cmp(&(
            b.paragraph,
            b.severity,
            b.kind,
            &b.mention,
            &b.message,
        ))
    });
    v
}

/// The first duplicates.csv row of each paragraph of the articles `shown`.
fn dups_by_paragraph(
    ds: &dyn RowParts<DuplicateRow>,
    shown: &HashSet<ArticleId>,
) -> Result<HashMap<(ArticleId, u32), DuplicateRow>, ReportError> {
    let mut m = HashMap::new();
    for part in 0..ds.parts() {
        for d in ds.part(part)? {
            if shown.contains(&d.article) {
                m.entry((d.article, d.paragraph.0)).or_insert(d);
            }
        }
    }
    Ok(m)
}

struct ArticleCtx<'a> {
    /// The article's number on the page (its anchor is `a{n}`).
    n: usize,
    r: &'a Reports<'a>,
    findings: &'a [&'a Finding],
    dups: &'a HashMap<(ArticleId, u32), DuplicateRow>,
    anchor: &'a HashMap<ArticleId, usize>,
    marks: &'a [ParaMark],
}

fn article(h: &mut String, c: &ArticleCtx<'_>, a: &ArticleSummary, text: &ReviewText) {
    let n = c.n;
    let _ = write!(
        h,
        "<article id=\"a{n}\"><h2>{}</h2>\n<div class=\"meta\">{} · {}{}{} · {} ({})</div>\n",
        esc(&a.title),
        esc(&a.key),
        esc(&a.source),
        if a.author.is_empty() { "" } else { " · by " },
        esc(&a.author),
        a.date,
        a.date_origin.as_str(),
    );
    let loose: Vec<&Finding> = c
        .findings
        .iter()
        .copied()
        .filter(|f| {
            f.paragraph
                .is_none_or(|p| p.0 as usize >= text.paragraphs.len())
        })
        .collect();
    if !loose.is_empty() {
        h.push_str("<ul class=\"f\">");
        for f in loose {
            finding_item(h, f);
        }
        h.push_str("</ul>\n");
    }
    for (k, para) in text.paragraphs.iter().enumerate() {
        let fs: Vec<&Finding> = c
            .findings
            .iter()
            .copied()
            .filter(|f| f.paragraph.is_some_and(|p| p.0 as usize == k))
            .collect();
        let mark = c.marks.get(k).copied().unwrap_or_default();
        let grey = if mark.is_content() { "" } else { " grey" };
        let _ = write!(
            h,
            "<div class=\"para{grey}\" id=\"a{n}-p{}\"><div class=\"body\"><span class=\"no\">¶{}</span>{}</div><div>",
            k + 1,
            k + 1,
            highlight(para, &fs)
        );
        if !mark.is_content() {
            origin_note(h, c, a.id, k as u32, mark);
        }
        if !fs.is_empty() {
            h.push_str("<ul class=\"f\">");
            for f in fs {
                finding_item(h, f);
            }
            h.push_str("</ul>");
        }
        h.push_str("</div></div>\n");
    }
    h.push_str("</article>\n");
}

/// "repeats ¶2" / "boilerplate, first in x ¶9", linked when shown here.
fn origin_note(h: &mut String, c: &ArticleCtx<'_>, id: ArticleId, k: u32, mark: ParaMark) {
    let what = match mark {
        ParaMark::Boilerplate => "boilerplate",
        ParaMark::Syndicated => "copied",
        _ => "repeated",
    };
    let Some(d) = c.dups.get(&(id, k)) else {
        let _ = write!(h, "<div class=\"note\">{what}</div>");
        return;
    };
    if d.first_article == id && d.first_paragraph.0 == k {
        let _ = write!(h, "<div class=\"note\">{what} (first occurrence)</div>");
        return;
    }
    let key = c.r.keys.get(d.first_article.0 as usize).unwrap_or_default();
    let label = if d.first_article == id {
        format!("¶{}", d.first_paragraph.number())
    } else {
        format!("{} ¶{}", esc(key), d.first_paragraph.number())
    };
    let kind = if d.kind == DupKind::Boilerplate {
        "boilerplate"
    } else {
        what
    };
    match c.anchor.get(&d.first_article) {
        Some(m) => {
            let _ = write!(
                h,
                "<div class=\"note\">{kind}: first at <a href=\"#a{m}-p{}\">{label}</a></div>",
                d.first_paragraph.number()
            );
        }
        None => {
            let _ = write!(h, "<div class=\"note\">{kind}: first at {label}</div>");
        }
    }
}

fn finding_item(h: &mut String, f: &Finding) {
    let sev = f.severity.as_str();
    let _ = write!(
        h,
        "<li><span class=\"sev-{sev}\">{sev}</span> <span class=\"kind\">{}</span>: {}",
        f.kind.as_str(),
        esc(&f.message)
    );
    if !f.expected.is_empty() {
        let _ = write!(h, " <b>expected:</b> {}", esc(&f.expected));
    }
    if !f.evidence.is_empty() {
        let _ = write!(h, " <i>({})</i>", esc(&f.evidence));
    }
    h.push_str("</li>");
}

/// The paragraph, escaped, with each finding's mention marked where it
/// first occurs (overlaps keep the worst, earliest one).
fn highlight(text: &str, fs: &[&Finding]) -> String {
    let mut spans: Vec<(usize, usize, Severity, &Finding)> = Vec::new();
    for f in fs {
        let m = f.mention.trim_end_matches('…');
        if m.is_empty() {
            continue;
        }
        if let Some(s) = text.find(m) {
            spans.push((s, s + m.len(), f.severity, f));
        }
    }
    spans.sort_by_key(|s| (s.0, s.2));
    let mut out = String::new();
    let mut at = 0;
    for (s, e, sev, f) in spans {
        if s < at {
            continue;
        }
        out.push_str(&esc(&text[at..s]));
        let mut title = format!("{}: {}", f.kind.as_str(), f.message);
        if !f.expected.is_empty() {
            let _ = write!(title, " (expected: {})", f.expected);
        }
        let _ = write!(
            out,
            "<mark class=\"sev-{}\" title=\"{}\">{}</mark>",
            sev.as_str(),
            esc(&title),
            esc(&text[s..e])
        );
        at = e;
    }
    out.push_str(&esc(&text[at..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_known_values() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn everything_is_escaped() {
        assert_eq!(
            esc("<script>a=\"x\" & 'y'</script>"),
            "&lt;script&gt;a=&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn mentions_are_marked_in_place() {
        let f = Finding::new(ArticleId(0), crate::model::FindingKind::WrongOfficeholder)
            .mention("PM <X>");
        let out = highlight("Today PM <X> said", &[&f]);
        assert!(out.starts_with("Today <mark class=\"sev-error\""), "{out}");
        assert!(out.ends_with(">PM &lt;X&gt;</mark> said"), "{out}");
    }
}
