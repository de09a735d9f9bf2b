//! gen-corpus: writes a deterministic, labelled benchmark corpus.
//!
//! In: `--articles N` or `--size MB`, `--seed S`, `--out DIR`, `--rules DIR`
//! (default `rules`). Out: `DIR/articles/` (the corpus to pass to
//! `credence score`), `DIR/labels.csv` (every injected defect, and control
//! rows for correct mentions and amounts) and `DIR/stats.txt`.
//! Guarantees: the same arguments (and rules) give byte-identical output (own
//! PRNG, no hash-map iteration); article ids in labels.csv are the ids
//! credence reports (path relative to `DIR/articles`, `path#<id>` for JSONL
//! records) and paragraph numbers are credence's (1-based, after
//! segmentation) — `--check` re-reads the corpus with credence's own ingest
//! and segmenter and fails if any article's paragraphs or date differ.
//!
//! Every role, title, jurisdiction word, officeholder and reference fact is
//! drawn from the rules folder; the prose comes from generic news word lists
//! that are filtered against the rules so no title or jurisdiction word
//! appears outside the injected mentions, and prose has no digits, so every
//! amount in the corpus is a labelled one.
//!
//! What it injects (shares are per mention or per article, see `shares`):
//! - role + name mentions: correct (holder on the article date), outdated
//!   (a former holder), misspelled (1–2 letter edits of the right holder),
//!   wrong (an invented name), role mismatch (a known person who never held
//!   the role);
//! - amounts: one or two facts per story with a true value (reference facts
//!   from facts.csv, or invented per story), some articles stating a 10× slip;
//! - within-article repeats (exact and near), cross-article syndicated
//!   paragraphs (exact and near), boilerplate (author bios and promo lines
//!   repeated per source, "most read" headline lists).
//!
//! `--profile wire` writes a wire-heavy corpus instead (see `wire`): a
//! pool of 150 agency paragraphs, each carried, lightly reworded, by a large
//! share of short articles; same labels.
//!
//! Layout: `corpus` holds the generator's state ([`corpus::Gen`]) and the
//! corpus-wide files; `stories` the sources and stories; `article` builds one
//! article's paragraphs and `write` writes it out; `roles`, `vocab`, `words`,
//! `amounts`, `shares` and `rng` are what those draw from; `wire` the
//! wire profile; `check` is
//! `--check`.

mod amounts;
mod article;
mod check;
mod corpus;
mod rng;
mod roles;
mod shares;
mod stories;
mod vocab;
mod wire;
mod words;
mod write;

use clap::Parser;
use corpus::Gen;
use credence::rules::Rules;
use std::path::PathBuf;
use stories::Format;

/// What kind of corpus to write.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Profile {
    /// Stories of 6 to 18 articles, each with its own two wire paragraphs.
    Default,
    /// A pool of 150 wire paragraphs carried by most articles.
    Wire,
}

#[derive(Parser, Debug)]
#[command(
    name = "gen-corpus",
    about = "Writes a deterministic, labelled benchmark corpus for credence"
)]
struct Args {
    /// Number of articles to write
    #[arg(long, value_name = "N", conflicts_with = "size")]
    articles: Option<usize>,
    /// Approximate corpus size in MB (10^6 bytes) of article files
    #[arg(long, value_name = "MB")]
    size: Option<f64>,
    /// Seed of the generator: same seed, same corpus
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output folder (articles in DIR/articles, labels in DIR/labels.csv)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Rules folder to draw roles, officeholders and facts from
    #[arg(long, default_value = "rules", value_name = "DIR")]
    rules: PathBuf,
    /// Re-read the corpus with credence's ingest and segmenter and check
    /// every article's paragraphs and date against what was generated
    #[arg(long)]
    check: bool,
    /// Kind of corpus: `default`, or `wire` (150 wire paragraphs, each
    /// carried lightly reworded by a large share of short articles)
    #[arg(long, value_enum, default_value_t = Profile::Default)]
    profile: Profile,
}

fn run(args: &Args) -> Result<(), String> {
    let rules = Rules::load(&args.rules).map_err(|e| format!("{}: {e}", args.rules.display()))?;
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let target_bytes = args.size.map(|mb| (mb * 1e6) as u64);
    let max_articles = args.articles.unwrap_or(if target_bytes.is_some() {
        usize::MAX
    } else {
        1000
    });
    let wire = args.profile == Profile::Wire;
    // About 4.5 kB per article: one source per ~60 articles, 10 to 400.
    let per_article = if wire { wire::WIRE_ARTICLE_BYTES } else { 4500 };
    let est = match target_bytes {
        Some(b) => (b / per_article) as usize,
        None => max_articles,
    };
    let mut g = Gen::new(&rules, args.seed, &args.out, args.check)?;
    let formats: &[Format] = if wire {
        &wire::WIRE_FORMATS
    } else {
        &Format::ALL
    };
    g.make_sources((est / 60).clamp(10, 400), formats)?;
    if wire {
        g.make_wire_pool();
    }
    let started = std::time::Instant::now();
    let mut topic = g.new_topic();
    let mut tno = g.topic_no;
    while (g.articles as usize) < max_articles && target_bytes.is_none_or(|t| g.bytes < t) {
        if topic.left == 0 {
            topic = g.new_topic();
            tno = g.topic_no;
        }
        topic.left -= 1;
        g.article(&mut topic, tno)?;
    }
    let dir = g.articles_dir.clone();
    let (stats, bytes, expected) = g.finish(&args.out)?;
    eprintln!(
        "gen-corpus: {} articles, {:.1} MB in {} ({:.1}s)",
        stats.get("articles").copied().unwrap_or(0),
        bytes as f64 / 1e6,
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    for (k, v) in &stats {
        if *k != "articles" {
            eprintln!("gen-corpus:   {k:<22} {v}");
        }
    }
    if let Some(exp) = expected {
        check::check(&dir, &exp)?;
        eprintln!(
            "gen-corpus: check passed: credence reads every article, date and paragraph as written"
        );
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-corpus: {e}");
            std::process::ExitCode::from(2)
        }
    }
}
