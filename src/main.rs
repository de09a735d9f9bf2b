//! The `credence` command: parse arguments, build a config, run, exit.

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use credence::model::{Date, Shard};
use credence::pipeline::{self, Config};
use credence::rules::{import_wikidata, ImportOptions, Rules, RulesError};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

const EXIT_CODES: &str = "\
Exit codes:
  0   success
  1   --fail-under was given and some article scored below it
  2   usage error, missing input, or invalid rules (nothing written)
  75  another credence run holds the lock on the same --out (try later)";

const SCORE_EXAMPLES: &str = "\
Examples:
  credence score                          score seeds/ with rules/, reports in out/
  credence score articles/ --out reports  score a folder
  credence score a.html b.jsonl --as-of 2026-02-12
  credence score feed/ -q --fail-under 60 nightly: silent, exit 1 if any article < 60";

#[derive(Parser, Debug)]
#[command(
    name = "credence",
    version,
    about = "Scores how credible news articles and their outlets are",
    long_about = "Scores how credible news articles and their outlets are, by checking them for \
the mistakes that careless, copied or machine-written articles make: outdated or misspelled \
officeholders, conflicting amounts, repeated paragraphs, boilerplate and keyword stuffing. \
Every point of a score is explained by a finding in the CSV reports.",
    after_help = EXIT_CODES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Score articles and write the CSV reports
    #[command(after_help = format!("{SCORE_EXAMPLES}\n\n{EXIT_CODES}"))]
    Score(ScoreArgs),
    /// Print each article's paragraphs as credence read and marked them
    Text(TextArgs),
    /// Merge the partials of `score --shard` runs into the reports
    #[command(after_help = format!("{MERGE_EXAMPLES}\n\n{EXIT_CODES}"))]
    Merge(MergeArgs),
    /// Work with the reference tables
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

const MERGE_EXAMPLES: &str = "\
Examples:
  credence score big/ --shard 0/2 --out parts/0   one shard's partial (K from 0)
  credence score big/ --shard 1/2 --out parts/1
  credence merge parts/0 parts/1 --out reports     the reports of one run over big/";

#[derive(Args, Debug)]
struct MergeArgs {
    /// Partials: shard --out folders or their partial.parquet files
    #[arg(value_name = "PART", required = true)]
    parts: Vec<PathBuf>,
    /// Folder with the rules tables (the ones the shards used)
    #[arg(long, default_value = "rules", value_name = "DIR")]
    rules: PathBuf,
    /// Folder for the reports (created if missing)
    #[arg(long, default_value = "out", value_name = "DIR")]
    out: PathBuf,
    #[command(flatten)]
    run: RunFlags,
}

#[derive(Subcommand, Debug)]
enum RulesCommand {
    /// Validate the tables and list every problem as file:line: message
    #[command(after_help = EXIT_CODES)]
    Check {
        /// Folder with the rules tables
        #[arg(long, default_value = "rules", value_name = "DIR")]
        rules: PathBuf,
    },
    /// Build rules tables from the SPARQL JSON results of a Wikidata query
    #[command(after_help = IMPORT_HELP)]
    Import {
        /// SPARQL 1.1 JSON results of the query in the README
        #[arg(long, value_name = "RESULTS.json")]
        wikidata: PathBuf,
        /// Folder to write jurisdictions.csv, roles.csv, officeholders.csv into
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Curated rules folder whose rows win (its other tables are copied)
        #[arg(long, value_name = "RULES_DIR")]
        base: Option<PathBuf>,
    },
}

const IMPORT_HELP: &str = "\
Examples:
  credence rules import --wikidata wd.json --out rules-wd --base rules
  credence rules check --rules rules-wd

Prints one summary line on stderr (and each conflict with --base).
Exit codes:
  0   success
  2   unreadable or malformed results, invalid base, or tables that would not load (nothing written)";

#[derive(Args, Debug)]
struct ScoreArgs {
    /// Article folders (walked recursively, sorted) or files
    #[arg(value_name = "INPUT", default_values = ["seeds"])]
    inputs: Vec<PathBuf>,
    /// Folder with the rules tables
    #[arg(long, default_value = "rules", value_name = "DIR")]
    rules: PathBuf,
    /// Folder for the reports (created if missing)
    #[arg(long, default_value = "out", value_name = "DIR")]
    out: PathBuf,
    /// Date for articles with no date in manifest, metadata, URL or dateline
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<Date>,
    #[command(flatten)]
    run: RunFlags,
    /// Similarity (0-1) from which two paragraphs are near duplicates
    #[arg(long, value_name = "SIM", default_value_t = 0.75, value_parser = parse_unit)]
    near_dup: f64,
    /// Skip (and report) files larger than this many bytes
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024)]
    max_file_size: u64,
    /// Reuse results for unchanged files (cache kept in --out)
    #[arg(long)]
    incremental: bool,
    /// Only the files of shard K of N (K from 0): write a partial to --out
    /// for `credence merge`, no reports
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    shard: Option<Shard>,
    /// Memory to stay within (e.g. 512M, 2G): sizes the batches of texts
    /// read at once
    #[arg(long, value_name = "SIZE", default_value = "1G", value_parser = parse_size)]
    memory: u64,
}

/// The flags `score` and `merge` share: threads, output on the terminal,
/// the exit code and which reports are written.
#[derive(Args, Debug)]
struct RunFlags {
    /// Worker threads (default: one per core)
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Print nothing on success
    #[arg(long, short = 'q')]
    quiet: bool,
    /// More detail on stderr (skipped files, timings)
    #[arg(long, short = 'v', action = clap::ArgAction::Count)]
    verbose: u8,
    /// Never draw progress bars
    #[arg(long)]
    no_progress: bool,
    /// Exit 1 when any article scores below SCORE (0-100)
    #[arg(long, value_name = "SCORE", value_parser = parse_score)]
    fail_under: Option<f64>,
    /// Write the CSVs without a UTF-8 byte order mark
    #[arg(long)]
    no_bom: bool,
    /// Do not write report.xlsx (CSVs only)
    #[arg(long)]
    no_xlsx: bool,
    /// Do not write review.html
    #[arg(long)]
    no_review: bool,
    /// Articles shown with their text on review.html (worst first)
    #[arg(long, value_name = "N", default_value_t = 500)]
    review_limit: usize,
}

impl RunFlags {
    /// `cfg` with these flags set; progress bars only on a terminal and
    /// when neither quiet nor turned off.
    fn apply(&self, cfg: Config) -> Config {
        Config {
            jobs: self.jobs.map(usize::from),
            progress: !self.quiet && !self.no_progress && std::io::stderr().is_terminal(),
            verbose: self.verbose,
            fail_under: self.fail_under,
            bom: !self.no_bom,
            xlsx: !self.no_xlsx,
            review: !self.no_review,
            review_limit: self.review_limit,
            ..cfg
        }
    }
}

/// `512M`, `2G`, `64K` (powers of 1024) or plain bytes.
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (num, unit) = t.split_at(t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len()));
    let shift = match unit.to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        "T" => 40,
        _ => return Err(format!("{s:?} is not a size such as 512M or 2G")),
    };
    num.parse::<u64>()
        .ok()
        .and_then(|n| n.checked_shl(shift).filter(|v| v >> shift == n && *v > 0))
        .ok_or_else(|| format!("{s:?} is not a size such as 512M or 2G"))
}

fn parse_shard(s: &str) -> Result<Shard, String> {
    Shard::parse(s).ok_or_else(|| format!("{s:?} is not K/N with 0 <= K < N"))
}

#[derive(Args, Debug)]
struct TextArgs {
    /// Article folders or files (any format)
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<PathBuf>,
    /// One JSON object per line: {"article","title","date","date_origin","paragraphs":[{"text","kind"}]}
    #[arg(long)]
    json: bool,
    /// Date for articles with no date of their own
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<Date>,
}

/// `credence text`: what credence read, article by article, on stdout.
fn text(args: TextArgs) -> ExitCode {
    let run_date = match run_date() {
        Ok(d) => d,
        Err(e) => return failed(&e),
    };
    let cfg = credence::ingest::IngestConfig {
        as_of: args.as_of,
        run_date,
        ..Default::default()
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let done = pipeline::text::text(&args.inputs, &cfg, args.json, &mut out)
        .map_err(anyhow::Error::from)
        .and_then(|_| std::io::Write::flush(&mut out).map_err(anyhow::Error::from));
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => failed(&e.context("text failed")),
    }
}

/// The run date undated articles are judged at: `SOURCE_DATE_EPOCH` (seconds
/// since 1970, UTC; the reproducible-builds convention) when it is set, so a
/// rerun or a set of shards started on different days can take one day;
/// otherwise today from the system clock.
fn run_date() -> anyhow::Result<Date> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Err(std::env::VarError::NotPresent) => Ok(Date::today()),
        Ok(s) => epoch_date(&s).ok_or_else(|| {
            anyhow::anyhow!("SOURCE_DATE_EPOCH={s:?} is not a whole number of seconds since 1970")
        }),
        Err(std::env::VarError::NotUnicode(s)) => Err(anyhow::anyhow!(
            "SOURCE_DATE_EPOCH={s:?} is not a whole number of seconds since 1970"
        )),
    }
}

/// The UTC date of `secs` seconds since 1970, for years 1–9999.
fn epoch_date(secs: &str) -> Option<Date> {
    let secs: i64 = secs.trim().parse().ok()?;
    // 0001-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z
    (-62_135_596_800..=253_402_300_799)
        .contains(&secs)
        .then(|| Date::from_days(secs.div_euclid(86_400)))
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse_iso(s).ok_or_else(|| format!("{s:?} is not a date in the form YYYY-MM-DD"))
}

fn parse_score(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=100.0).contains(&v) => Ok(v),
        _ => Err(format!("{s:?} is not a score from 0 to 100")),
    }
}

fn parse_unit(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) && v > 0.0 => Ok(v),
        _ => Err(format!("{s:?} is not a number above 0 and at most 1")),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Score(args) => score(args),
        Command::Text(args) => text(args),
        Command::Merge(args) => merge(args),
        Command::Rules {
            command: RulesCommand::Check { rules },
        } => rules_check(&rules),
        Command::Rules {
            command:
                RulesCommand::Import {
                    wikidata,
                    out,
                    base,
                },
        } => rules_import(ImportOptions {
            results: wikidata,
            out,
            base,
        }),
    }
}

/// `credence score`: arguments → config → `pipeline::run` → exit code.
fn score(args: ScoreArgs) -> ExitCode {
    let quiet = args.run.quiet;
    let cfg = match run_date() {
        Ok(run_date) => config(args, run_date),
        Err(e) => return failed(&e),
    };
    let started = std::time::Instant::now();
    match pipeline::run(&cfg).context("run failed") {
        Ok(sum) => finished(&cfg, &sum, started.elapsed(), quiet),
        Err(e) => failed(&e),
    }
}

/// `credence merge`: arguments → config → `pipeline::merge` → exit code.
fn merge(args: MergeArgs) -> ExitCode {
    let quiet = args.run.quiet;
    let cfg = args.run.apply(Config {
        rules_dir: args.rules,
        out_dir: args.out,
        ..Config::default()
    });
    let started = std::time::Instant::now();
    match pipeline::merge(&cfg, &args.parts).context("merge failed") {
        Ok(sum) => finished(&cfg, &sum, started.elapsed(), quiet),
        Err(e) => failed(&e),
    }
}

/// The run's config from the command line.
fn config(args: ScoreArgs, run_date: Date) -> Config {
    args.run.apply(Config {
        inputs: args.inputs,
        rules_dir: args.rules,
        out_dir: args.out,
        as_of: args.as_of,
        run_date,
        near_dup: args.near_dup,
        max_file_size: args.max_file_size,
        incremental: args.incremental,
        shard: args.shard,
        memory: args.memory,
        ..Config::default()
    })
}

/// Reports a finished run (details with -v, the summary line unless quiet,
/// the articles below --fail-under) and gives its exit code.
fn finished(
    cfg: &Config,
    sum: &pipeline::RunSummary,
    elapsed: std::time::Duration,
    quiet: bool,
) -> ExitCode {
    if cfg.verbose > 0 {
        print_details(cfg, sum, elapsed);
    }
    if let (false, Some(part)) = (quiet, &sum.partial) {
        println!(
            "{} articles ({} unreadable, {} skipped) in shard {}: partial in {}",
            sum.articles,
            sum.failed,
            sum.skipped,
            cfg.shard.map(|s| s.to_string()).unwrap_or_default(),
            part.display()
        );
    } else if !quiet {
        println!(
            "{} articles ({} unreadable, {} skipped): {} errors, {} warnings, {} infos; reports in {}",
            sum.articles,
            sum.failed,
            sum.skipped,
            sum.errors,
            sum.warnings,
            sum.infos,
            sum.out_dir.display()
        );
    }
    if !sum.below.is_empty() {
        let t = cfg.fail_under.unwrap_or_default();
        eprintln!(
            "credence: {} article(s) scored below {t}: {}",
            sum.below.len(),
            sum.below
                .iter()
                .take(10)
                .map(|(k, s)| format!("{k} ({s:.1})"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// With -v: skipped files, the incremental cache's use, and the timings.
fn print_details(cfg: &Config, sum: &pipeline::RunSummary, elapsed: std::time::Duration) {
    for p in &sum.skipped_paths {
        eprintln!(
            "credence: skipped {} (not .txt, .md, .html or .jsonl)",
            p.display()
        );
    }
    if cfg.incremental {
        eprintln!(
            "credence: {} file(s) reused from the incremental cache",
            sum.cached_files
        );
        if sum.up_to_date {
            eprintln!("credence: nothing changed since the last run; reports kept as written");
        }
    }
    print_timings(sum, elapsed);
}

/// Reports why a run stopped and gives the documented exit code.
fn failed(e: &anyhow::Error) -> ExitCode {
    let code = e
        .downcast_ref::<pipeline::RunError>()
        .map(|r| r.exit_code())
        .unwrap_or(2);
    let root = e
        .downcast_ref::<pipeline::RunError>()
        .map(|r| r.to_string())
        .unwrap_or_else(|| format!("{e:#}"));
    for line in root.lines() {
        eprintln!("credence: {line}");
    }
    ExitCode::from(code as u8)
}

/// With -v: wall time, MB/s and articles/s of each stage, then the total and
/// the peak resident memory. One `credence: stage NAME SECONDS s ...` line per
/// stage, so the benchmark can read them.
fn print_timings(sum: &pipeline::RunSummary, total: std::time::Duration) {
    let mb = sum.input_bytes as f64 / 1e6;
    let line = |name: &str, d: std::time::Duration| {
        let s = d.as_secs_f64();
        let rate = |x: f64| if s > 0.0 { x / s } else { f64::INFINITY };
        eprintln!(
            "credence: stage {name:<14} {s:>9.3}s {:>10.1} MB/s {:>10.0} articles/s",
            rate(mb),
            rate(sum.articles as f64)
        );
    };
    for (name, d) in &sum.timings {
        line(&name.replace(' ', "_"), *d);
    }
    line("total", total);
    eprintln!("credence: input {:.1} MB, {} articles", mb, sum.articles);
    if let Some(kb) = peak_rss_kb() {
        eprintln!("credence: peak_rss {:.1} MB", kb as f64 / 1e3);
    }
}

/// Peak resident set size in kB (VmHWM of /proc/self/status; Linux only).
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn rules_check(dir: &std::path::Path) -> ExitCode {
    match Rules::load(dir) {
        Ok(r) => {
            println!(
                "{}: ok ({} jurisdictions, {} roles, {} officeholder terms, {} facts, {} scoring rows)",
                dir.display(),
                r.jurisdictions.len(),
                r.roles.len(),
                r.officeholders.len(),
                r.facts.len(),
                r.scoring.len()
            );
            ExitCode::SUCCESS
        }
        Err(RulesError::Invalid(problems)) => {
            for p in &problems {
                println!(
                    "{}",
                    p.to_string()
                        .replacen(&p.file, &dir.join(&p.file).display().to_string(), 1)
                );
            }
            eprintln!(
                "credence: {} problem(s) in {}",
                problems.len(),
                dir.display()
            );
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("credence: {e}");
            ExitCode::from(2)
        }
    }
}

/// `credence rules import --wikidata`: the summary line and each conflict
/// on stderr.
fn rules_import(opts: ImportOptions) -> ExitCode {
    match import_wikidata(&opts) {
        Ok(report) => {
            for c in &report.conflicts {
                eprintln!("credence: conflict: {c}");
            }
            eprintln!(
                "credence: imported {} into {}: {}",
                opts.results.display(),
                opts.out.display(),
                report.counts
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            for line in e.to_string().lines() {
                eprintln!("credence: {line}");
            }
            ExitCode::from(2)
        }
    }
}
