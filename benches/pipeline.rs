//! End-to-end benchmark of `credence score` on generated corpora, side by
//! side with `cat` of the same files (the floor: reading them and nothing
//! else).
//!
//! In: corpus sizes in MB (`BENCH_SIZES=10,200`, default `10,100`) and
//! generator profiles (`BENCH_PROFILES=default,wire`, the default: see
//! `gen-corpus --profile`), each corpus generated once by `gen-corpus`
//! (seed 1) under `bench-data/` (gitignored) and reused. Out: tables on
//! stdout, ready to paste into the README, from one run: per profile and
//! size, `cat` and credence with `--jobs` 1 and 2 (wall time, MB/s, ratio
//! to `cat`, the 1→2 jobs speedup, the link's share, peak RSS); per stage,
//! the wall time and MB/s that `credence -v` reports; an `--incremental`
//! rerun when the binary has that flag; and, in-process on a sample, the
//! single-thread cost of each stage that the per-article pass fuses (read,
//! segment, fingerprint, names, claims, text checks), which `-v` cannot
//! split.
//!
//! Run: `cargo bench --bench pipeline` (release profile), or
//! `BENCH_SIZES=10 cargo bench --bench pipeline` for a quick look.
//! Other knobs: `BENCH_REPEAT` (runs per setting, median kept; default 3, or
//! 1 from 500 MB), `BENCH_DIR` (default `bench-data`).
//! Numbers are warm-cache (the corpus was just written or read) and noisy
//! on a shared machine; the median of the repeats is shown.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const CREDENCE: &str = env!("CARGO_BIN_EXE_credence");
const GEN: &str = env!("CARGO_BIN_EXE_gen-corpus");

/// One `credence score` run, as measured from outside and reported by -v.
#[derive(Clone, Debug, Default)]
struct Run {
    wall: Duration,
    /// CPU time (user + system) the run used: on a shared machine wall time
    /// swings with the other load, CPU time much less.
    cpu: f64,
    stages: Vec<(String, f64)>,
    peak_rss_mb: f64,
    input_mb: f64,
    articles: u64,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn env_list(name: &str, default: &str) -> Vec<f64> {
    std::env::var(name)
        .unwrap_or_else(|_| default.to_string())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

/// Generates the corpus of `mb` MB of `profile` unless a complete one is
/// there.
fn corpus(dir: &Path, profile: &str, mb: f64) -> PathBuf {
    let out = if profile == "default" {
        dir.join(format!("corpus-{mb}mb"))
    } else {
        dir.join(format!("corpus-{profile}-{mb}mb"))
    };
    let marker = out.join(".complete");
    if marker.exists() {
        eprintln!("bench: reusing {}", out.display());
        return out;
    }
    eprintln!(
        "bench: generating {mb} MB {profile} corpus in {}",
        out.display()
    );
    let t = Instant::now();
    let st = Command::new(GEN)
        .args([
            "--size",
            &mb.to_string(),
            "--seed",
            "1",
            "--profile",
            profile,
        ])
        .arg("--out")
        .arg(&out)
        .arg("--rules")
        .arg(root().join("rules"))
        .status()
        .expect("gen-corpus runs");
    assert!(st.success(), "gen-corpus failed");
    eprintln!("bench: generated in {:.1}s", t.elapsed().as_secs_f64());
    std::fs::write(&marker, format!("seed 1, profile {profile}\n")).expect("marker written");
    out
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// `cat` of every file of `dir` to /dev/null (through `xargs`, so any
/// number of files): the floor credence is measured against.
fn cat_files(dir: &Path) -> (Duration, f64) {
    let cpu0 = children_cpu();
    let t = Instant::now();
    let st = Command::new("sh")
        .arg("-c")
        .arg("find \"$1\" -type f -print0 | xargs -0 cat > /dev/null")
        .arg("sh")
        .arg(dir)
        .status()
        .expect("sh runs");
    assert!(st.success(), "cat failed");
    (t.elapsed(), children_cpu() - cpu0)
}

/// Bytes of the files of `dir`, in MB.
fn size_mb(dir: &Path) -> f64 {
    let mut fs = Vec::new();
    files(dir, &mut fs);
    let bytes: u64 = fs
        .iter()
        .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
        .sum();
    bytes as f64 / 1e6
}

/// CPU seconds (user + system) of this process's waited-for children, from
/// /proc/self/stat (`cutime`, `cstime`, clock ticks of 1/100 s); 0 where
/// there is no /proc.
fn children_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    // After the command name: state is field 3, cutime 16, cstime 17.
    let tick = |i: usize| {
        f.get(i - 3)
            .and_then(|x| x.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (tick(16) + tick(17)) / 100.0
}

fn score(articles: &Path, out: &Path, extra: &[&str]) -> Run {
    let cpu0 = children_cpu();
    let t = Instant::now();
    let o = Command::new(CREDENCE)
        .arg("score")
        .arg(articles)
        .arg("--rules")
        .arg(root().join("rules"))
        .arg("--out")
        .arg(out)
        .args(["--no-bom", "-q", "-v", "--no-progress"])
        .args(extra)
        .output()
        .expect("credence runs");
    let wall = t.elapsed();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        o.status.success() || o.status.code() == Some(1),
        "credence failed: {err}"
    );
    let mut run = Run {
        wall,
        cpu: children_cpu() - cpu0,
        ..Run::default()
    };
    for line in err.lines() {
        let w: Vec<&str> = line.split_whitespace().collect();
        match w.as_slice() {
            ["credence:", "stage", name, secs, ..] => {
                let s = secs.trim_end_matches('s').parse().unwrap_or(0.0);
                run.stages.push((name.to_string(), s));
            }
            ["credence:", "peak_rss", mb, ..] => run.peak_rss_mb = mb.parse().unwrap_or(0.0),
            ["credence:", "input", mb, "MB,", n, ..] => {
                run.input_mb = mb.parse().unwrap_or(0.0);
                run.articles = n.parse().unwrap_or(0);
            }
            _ => {}
        }
    }
    run
}

fn median(mut runs: Vec<Run>) -> Run {
    runs.sort_by_key(|r| r.wall);
    runs.swap_remove(runs.len() / 2)
}

/// Times each fused per-article stage on its own, single-threaded, in this
/// process, on up to `limit_mb` of the corpus.
fn stage_costs(articles: &Path, limit_mb: f64) -> Vec<(&'static str, f64, f64)> {
    use credence::{claims, dedup, ingest, names, score, segment};
    let rules = credence::rules::Rules::load(&root().join("rules")).expect("rules load");
    let names = names::NameIndex::new(&rules);
    let tells = score::TellIndex::new(&rules.tells);
    let dcfg = dedup::DedupConfig::default();
    let icfg = ingest::IngestConfig::default();
    let d = ingest::discover(&[articles.to_path_buf()]).expect("corpus listed");
    let mut bytes = 0u64;
    let mut loaded = Vec::new();
    let t = Instant::now();
    for e in d.entries.iter() {
        if bytes as f64 / 1e6 >= limit_mb {
            break;
        }
        if let ingest::Entry::File(f) = &e {
            bytes += std::fs::metadata(f.path()).map(|m| m.len()).unwrap_or(0);
        }
        loaded.extend(ingest::load(&e, &icfg).articles);
    }
    let read = t.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    let mut arts = loaded;
    let time = |f: &mut dyn FnMut()| {
        let t = Instant::now();
        f();
        t.elapsed().as_secs_f64()
    };
    let seg = time(&mut || {
        for a in arts.iter_mut() {
            segment::segment(a);
        }
    });
    let mut prints = Vec::new();
    let fp = time(&mut || {
        prints = arts.iter().map(|a| dedup::fingerprint(a, &dcfg)).collect();
    });
    let mut n = 0usize;
    let names_t = time(&mut || {
        for (a, p) in arts.iter().zip(&prints) {
            n += names::check(a, &p.marks, &names).findings.len();
        }
    });
    let claims_t = time(&mut || {
        for (a, p) in arts.iter().zip(&prints) {
            n += claims::extract(a, &p.marks).len();
        }
    });
    let inspect_t = time(&mut || {
        for (a, p) in arts.iter().zip(&prints) {
            n += score::inspect(a, &p.marks, &tells).len();
        }
    });
    std::hint::black_box(n);
    vec![
        ("read (load, decode, parse)", read, mb),
        ("segment", seg, mb),
        ("dedup fingerprint", fp, mb),
        ("names check", names_t, mb),
        ("claims extract", claims_t, mb),
        ("text inspect", inspect_t, mb),
    ]
}

/// One corpus measured: `cat` and credence with 1 and 2 jobs.
struct Measured {
    profile: String,
    mb: f64,
    cat: Duration,
    cat_cpu: f64,
    by_jobs: Vec<(usize, Run)>,
}

fn repeats(mb: f64) -> usize {
    std::env::var("BENCH_REPEAT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if mb >= 500.0 { 1 } else { 3 })
}

/// `cat` and credence (`--jobs` 1 and 2) on one corpus, medians of
/// [`repeats`].
fn measure(articles: &Path, profile: &str, mb: f64) -> Measured {
    let n = repeats(mb);
    let mut cats: Vec<(Duration, f64)> = (0..n).map(|_| cat_files(articles)).collect();
    cats.sort_by_key(|a| a.0);
    let (cat, cat_cpu) = cats[cats.len() / 2];
    let mut by_jobs = Vec::new();
    for jobs in [1usize, 2] {
        let runs: Vec<Run> = (0..n)
            .map(|_| {
                let out = tempfile::tempdir().expect("temp dir");
                score(articles, out.path(), &["--jobs", &jobs.to_string()])
            })
            .collect();
        let r = median(runs);
        eprintln!(
            "bench: {profile} {mb} MB, --jobs {jobs}: {:.2}s (cat {:.2}s), peak {:.0} MB",
            r.wall.as_secs_f64(),
            cat.as_secs_f64(),
            r.peak_rss_mb
        );
        by_jobs.push((jobs, r));
    }
    Measured {
        profile: profile.to_string(),
        mb,
        cat,
        cat_cpu,
        by_jobs,
    }
}

/// The side-by-side table rows of one corpus: `cat`, then credence per
/// `--jobs`, with the ratio to `cat`, the speedup and the link's share.
fn ratio_rows(m: &Measured, input_mb: f64) -> Vec<String> {
    let cat_s = m.cat.as_secs_f64();
    let t1 = m.by_jobs[0].1.wall.as_secs_f64();
    let mut rows = vec![format!(
        "| {} | {} MB | `cat` | | {cat_s:.2} | {:.2} | {:.0} | 1 | | | |",
        m.profile,
        m.mb,
        m.cat_cpu,
        input_mb / cat_s
    )];
    for (jobs, r) in &m.by_jobs {
        let s = r.wall.as_secs_f64();
        let link = r
            .stages
            .iter()
            .find(|(n, _)| n == "dedup_link")
            .map_or(0.0, |x| x.1);
        rows.push(format!(
            "| {} | {} MB | credence --jobs {jobs} | {} | {s:.2} | {:.2} | {:.1} | {:.0}× | {:.2}× | {:.0}% | {:.0} |",
            m.profile,
            m.mb,
            r.articles,
            r.cpu,
            input_mb / s,
            s / cat_s,
            t1 / s,
            100.0 * link / s,
            r.peak_rss_mb,
        ));
    }
    rows
}

fn main() {
    let sizes = env_list("BENCH_SIZES", "10,100");
    let profiles: Vec<String> = std::env::var("BENCH_PROFILES")
        .unwrap_or_else(|_| "default,wire".into())
        .split(',')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let dir = std::env::var("BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root().join("bench-data"));
    std::fs::create_dir_all(&dir).expect("bench dir");
    let help = Command::new(CREDENCE)
        .args(["score", "--help"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let incremental = help.contains("--incremental");
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);

    let mut ratios = Vec::new();
    let mut stage_rows = Vec::new();
    let mut notes = vec![format!("{cores} cores visible")];
    for profile in &profiles {
        for &mb in &sizes {
            let c = corpus(&dir, profile, mb);
            let articles = c.join("articles");
            let input_mb = size_mb(&articles);
            let m = measure(&articles, profile, mb);
            ratios.extend(ratio_rows(&m, input_mb));
            for (jobs, r) in &m.by_jobs {
                let s = r.wall.as_secs_f64();
                for (name, secs) in &r.stages {
                    stage_rows.push(format!(
                        "| {profile} | {mb} MB | {jobs} | {name} | {secs:.3} | {:.1} | {:.0}% |",
                        if *secs > 0.0 {
                            r.input_mb / secs
                        } else {
                            f64::INFINITY
                        },
                        100.0 * secs / s,
                    ));
                }
            }
            if incremental {
                let out = tempfile::tempdir().expect("temp dir");
                let full = score(&articles, out.path(), &["--incremental"]);
                let again = score(&articles, out.path(), &["--incremental"]);
                notes.push(format!(
                    "{profile} {mb} MB: --incremental rerun on the unchanged corpus {:.2}s vs full {:.2}s ({:.1}%)",
                    again.wall.as_secs_f64(),
                    full.wall.as_secs_f64(),
                    100.0 * again.wall.as_secs_f64() / full.wall.as_secs_f64()
                ));
            }
        }
    }

    println!("\n## credence score against `cat` of the same files (release, warm cache, median of repeats)\n");
    println!("| profile | corpus | run | articles | wall s | CPU s | MB/s | × `cat` time | speedup vs 1 job | link share | peak RSS MB |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for r in &ratios {
        println!("{r}");
    }
    println!("\n## Stages as `credence -v` reports them (wall time)\n");
    println!("| profile | corpus | jobs | stage | s | MB/s | share of wall |");
    println!("|---|---|---|---|---|---|---|");
    for r in &stage_rows {
        println!("{r}");
    }
    if let (Some(profile), Some(&mb)) = (profiles.first(), sizes.first()) {
        let articles = corpus(&dir, profile, mb).join("articles");
        let sample = mb.min(20.0);
        println!(
            "\n## Per-article stages, one thread, in-process on {sample} MB of the {profile} {mb} MB corpus\n"
        );
        println!("| stage | s | MB/s |");
        println!("|---|---|---|");
        for (name, s, mb) in stage_costs(&articles, sample) {
            println!(
                "| {name} | {s:.3} | {:.1} |",
                if s > 0.0 { mb / s } else { f64::INFINITY }
            );
        }
    }
    println!();
    for n in &notes {
        println!("- {n}");
    }
}
