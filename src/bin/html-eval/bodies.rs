//! `html-eval --bodies`: scores credence's HTML reading on a whole-body
//! benchmark, laid out like the public article extraction benchmark
//! (a ground-truth JSON mapping each page key to `{"articleBody": ...}`,
//! each page saved as `KEY.html` in one of the HTML_DIRs).
//!
//! A page's extracted text and its true body are compared as multisets of
//! word 4-shingles (words are runs of letters, digits and `_`, as a
//! Unicode `\w+` reads them): shared shingles are true positives, extra
//! ones false positives, missing ones false negatives, each page's three
//! counts scaled to sum to 1 so that long pages weigh no more than short
//! ones. Precision is the mean over pages that extracted anything, recall
//! the mean over pages with a body, F1 their harmonic mean, and accuracy
//! the share of pages whose words match the body exactly. This is the
//! benchmark's published method, so the figures compare with its table.
//!
//! Usage: `html-eval --bodies TRUTH.json HTML_DIR... [--extractor NAME]...
//! [--worst N]`. The benchmark data stays out of this repository.

use anyhow::{bail, Context, Result};
use credence::ingest::IngestConfig;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Words per shingle.
const SHINGLE: usize = 4;

/// One page's true body.
#[derive(serde::Deserialize)]
struct Truth {
    #[serde(rename = "articleBody", default)]
    body: String,
}

/// One page's shingle counts, scaled to sum to 1 (all 0 when both texts
/// have no words).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Shares {
    tp: f64,
    fp: f64,
    fn_: f64,
}

impl Shares {
    /// The page's precision, or `None` when nothing was extracted.
    fn precision(&self) -> Option<f64> {
        (self.tp + self.fp > 0.0).then(|| self.tp / (self.tp + self.fp))
    }
    /// The page's recall, or `None` when the page has no body.
    fn recall(&self) -> Option<f64> {
        (self.tp + self.fn_ > 0.0).then(|| self.tp / (self.tp + self.fn_))
    }
}

/// Runs of word characters (letters, digits, `_`).
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Each [`SHINGLE`]-word window of `words` with its count; a text of fewer
/// words is one shingle of all of them (none when it has no words).
fn shingles<'w>(words: &'w [&'w str]) -> HashMap<&'w [&'w str], u32> {
    let mut out: HashMap<&[&str], u32> = HashMap::new();
    if words.len() < SHINGLE {
        if !words.is_empty() {
            out.insert(words, 1);
        }
        return out;
    }
    for w in words.windows(SHINGLE) {
        *out.entry(w).or_default() += 1;
    }
    out
}

/// Compares an extraction with the true body (see the module comment).
fn compare(truth: &str, extracted: &str) -> Shares {
    let (tw, ew) = (words(truth), words(extracted));
    let (t, e) = (shingles(&tw), shingles(&ew));
    let mut s = Shares::default();
    for (k, &n) in &t {
        let m = e.get(k).copied().unwrap_or(0);
        s.tp += f64::from(n.min(m));
        s.fn_ += f64::from(n.saturating_sub(m));
    }
    for (k, &m) in &e {
        let n = t.get(k).copied().unwrap_or(0);
        s.fp += f64::from(m.saturating_sub(n));
    }
    let sum = s.tp + s.fp + s.fn_;
    if sum > 0.0 {
        s = Shares {
            tp: s.tp / sum,
            fp: s.fp / sum,
            fn_: s.fn_ / sum,
        };
    }
    s
}

/// Mean of the values present.
fn mean(values: impl Iterator<Item = Option<f64>>) -> f64 {
    let (sum, n) = values
        .flatten()
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

/// Precision, recall and F1 over pages (see the module comment).
fn summarise(pages: &[Shares]) -> (f64, f64, f64) {
    let p = mean(pages.iter().map(Shares::precision));
    let r = mean(pages.iter().map(Shares::recall));
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f1)
}

struct Args {
    truth: PathBuf,
    dirs: Vec<PathBuf>,
    extractors: Vec<String>,
    worst: usize,
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Args> {
    let usage = "usage: html-eval --bodies TRUTH.json HTML_DIR... [--extractor credence|reader]... [--worst N]";
    let (mut pos, mut extractors, mut worst) = (Vec::new(), Vec::new(), 0);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--extractor" => extractors.push(it.next().context("--extractor NAME")?),
            "--worst" => worst = it.next().context("--worst N")?.parse()?,
            "-h" | "--help" => {
                println!("{usage}");
                std::process::exit(0);
            }
            _ => pos.push(PathBuf::from(a)),
        }
    }
    if pos.len() < 2 {
        bail!("{usage}");
    }
    let truth = pos.remove(0);
    Ok(Args {
        truth,
        dirs: pos,
        extractors: super::known_extractors(extractors)?,
        worst,
    })
}

/// `html-eval --bodies ...` (the arguments after `--bodies`).
pub(crate) fn main(args: impl Iterator<Item = String>) -> Result<()> {
    let args = parse_args(args)?;
    let raw = std::fs::read_to_string(&args.truth)
        .with_context(|| format!("reading {}", args.truth.display()))?;
    let truth: BTreeMap<String, Truth> =
        serde_json::from_str(&raw).with_context(|| format!("parsing {}", args.truth.display()))?;
    let mut pages = Vec::new();
    for (key, t) in &truth {
        let file = format!("{key}.html");
        let path = super::find(&args.dirs, &file)
            .with_context(|| format!("{key}: page {file} not found"))?;
        pages.push((key.as_str(), t, std::fs::read(&path)?, path));
    }
    let cfg = IngestConfig::default();
    super::print_header();
    for name in &args.extractors {
        let mut time = Duration::ZERO;
        let mut cpu = Duration::ZERO;
        let mut scored = Vec::new();
        let mut exact = 0usize;
        for (key, t, bytes, path) in &pages {
            let (start, start_cpu) = (Instant::now(), super::thread_cpu());
            let text = super::extract(name, path, bytes, &cfg);
            time += start.elapsed();
            cpu += super::thread_cpu().saturating_sub(start_cpu);
            exact += usize::from(words(&t.body) == words(&text));
            scored.push((*key, compare(&t.body, &text)));
        }
        let shares: Vec<Shares> = scored.iter().map(|(_, s)| *s).collect();
        let (p, r, f1) = summarise(&shares);
        let accuracy = exact as f64 / pages.len().max(1) as f64;
        super::print_scores(name, (p, r, f1, accuracy), (time, cpu), pages.len());
        scored.sort_by(|a, b| {
            let lost = |s: &Shares| s.fp + s.fn_;
            lost(&b.1).total_cmp(&lost(&a.1)).then(a.0.cmp(b.0))
        });
        for (key, s) in scored.iter().take(args.worst) {
            println!(
                "  {name}\tprecision {:.2}\trecall {:.2}\t{key}",
                s.precision().unwrap_or(0.0),
                s.recall().unwrap_or(0.0)
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_unicode_letter_and_digit_runs() {
        assert_eq!(
            words("São Paulo, 12 de março — it's snake_case!"),
            vec!["São", "Paulo", "12", "de", "março", "it", "s", "snake_case"]
        );
        assert!(words(" .,— ").is_empty());
    }

    #[test]
    fn a_short_text_is_one_shingle_and_repeats_count() {
        let short = ["a", "b"];
        assert_eq!(shingles(&short).len(), 1);
        let long = ["a", "b", "c", "d", "a", "b", "c", "d"];
        let s = shingles(&long);
        assert_eq!(s.len(), 4);
        assert_eq!(s[&["a", "b", "c", "d"][..]], 2);
        assert!(shingles(&[]).is_empty());
    }

    #[test]
    fn a_page_scores_shingles_shared_extra_and_missing_scaled_to_one() {
        // Truth: 5 words, 2 shingles. Extracted: the same plus 2 words of
        // menu, 4 shingles: 2 shared, 2 extra, none missing.
        let s = compare(
            "one two three four five",
            "one two three four five menu home",
        );
        assert_eq!(
            s,
            Shares {
                tp: 0.5,
                fp: 0.5,
                fn_: 0.0
            }
        );
        assert_eq!(s.precision(), Some(0.5));
        assert_eq!(s.recall(), Some(1.0));
        // Nothing extracted: no precision, recall 0.
        let empty = compare("one two three four five", "");
        assert_eq!(empty.precision(), None);
        assert_eq!(empty.recall(), Some(0.0));
        // A repeated shingle extracted once more than the truth has it.
        let rep = compare("a b c d", "a b c d a b c d");
        assert!(rep.fp > 0.0 && rep.fn_ == 0.0);
    }

    #[test]
    fn precision_and_recall_are_means_over_pages_that_have_them() {
        let pages = [
            compare("one two three four five", "one two three four five"),
            compare("one two three four five", ""),
        ];
        let (p, r, f1) = summarise(&pages);
        assert_eq!(p, 1.0);
        assert_eq!(r, 0.5);
        assert!((f1 - 2.0 / 3.0).abs() < 1e-12);
    }
}
