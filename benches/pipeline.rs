//! End-to-end benchmark of `credence score` on generated corpora.
//!
//! In: corpus sizes in MB (`BENCH_SIZES=10,100,1000`, default `10,100`),
//! generated once by `gen-corpus` (seed 1) under `bench-data/` (gitignored)
//! and reused. Out: tables on stdout, ready to paste into the README: per
//! size and `--jobs` (1 and 2), wall time, MB/s, MB/s per core, articles/s,
//! peak RSS; per stage, the wall time and MB/s that `credence -v` reports;
//! the 1→2 jobs speedup; an `--incremental` rerun when the binary has that
//! flag; and, in-process on a sample, the single-thread cost of each stage
//! that the per-article pass fuses (read, segment, fingerprint, names,
//! claims, text checks), which `-v` cannot split.
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

/// Generates the corpus of `mb` MB unless a complete one is there.
fn corpus(dir: &Path, mb: f64) -> PathBuf {
    let out = dir.join(format!("corpus-{mb}mb"));
    let marker = out.join(".complete");
    if marker.exists() {
        eprintln!("bench: reusing {}", out.display());
        return out;
    }
    eprintln!("bench: generating {mb} MB corpus in {}", out.display());
    let t = Instant::now();
    let st = Command::new(GEN)
        .args(["--size", &mb.to_string(), "--seed", "1", "--out"])
        .arg(&out)
        .arg("--rules")
        .arg(root().join("rules"))
        .status()
        .expect("gen-corpus runs");
    assert!(st.success(), "gen-corpus failed");
    eprintln!("bench: generated in {:.1}s", t.elapsed().as_secs_f64());
    std::fs::write(&marker, "seed 1\n").expect("marker written");
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

/// Reads every file once: how fast this machine hands us the bytes (warm
/// page cache), the ceiling for "bound by the disk".
fn read_rate(dir: &Path) -> (f64, f64) {
    let mut fs = Vec::new();
    files(dir, &mut fs);
    let t = Instant::now();
    let mut bytes = 0u64;
    for f in &fs {
        bytes += std::fs::read(f).map(|b| b.len() as u64).unwrap_or(0);
    }
    (bytes as f64 / 1e6, t.elapsed().as_secs_f64())
}

fn score(articles: &Path, out: &Path, extra: &[&str]) -> Run {
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
    for e in &d.entries {
        if bytes as f64 / 1e6 >= limit_mb {
            break;
        }
        if let ingest::Entry::File(f) = e {
            bytes += std::fs::metadata(&f.path).map(|m| m.len()).unwrap_or(0);
        }
        loaded.extend(ingest::load(e, &icfg).articles);
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

fn main() {
    let sizes = env_list("BENCH_SIZES", "10,100");
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

    let mut summary = Vec::new();
    let mut stage_rows = Vec::new();
    let mut notes = Vec::new();
    for &mb in &sizes {
        let c = corpus(&dir, mb);
        let articles = c.join("articles");
        let (read_mb, read_s) = read_rate(&articles);
        notes.push(format!(
            "{mb} MB corpus: plain read of all files {:.0} MB/s (warm cache, 1 thread)",
            read_mb / read_s
        ));
        let repeat: usize = std::env::var("BENCH_REPEAT")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(if mb >= 500.0 { 1 } else { 3 });
        let mut by_jobs = Vec::new();
        for jobs in [1usize, 2] {
            let runs: Vec<Run> = (0..repeat)
                .map(|_| {
                    let out = tempfile::tempdir().expect("temp dir");
                    score(&articles, out.path(), &["--jobs", &jobs.to_string()])
                })
                .collect();
            let r = median(runs);
            eprintln!(
                "bench: {mb} MB, --jobs {jobs}: {:.2}s, peak {:.0} MB",
                r.wall.as_secs_f64(),
                r.peak_rss_mb
            );
            by_jobs.push((jobs, r));
        }
        for (jobs, r) in &by_jobs {
            let s = r.wall.as_secs_f64();
            summary.push(format!(
                "| {mb} MB | {} | {jobs} | {s:.2} | {:.1} | {:.1} | {:.0} | {:.0} | {:.2} |",
                r.articles,
                r.input_mb / s,
                r.input_mb / s / *jobs as f64,
                r.articles as f64 / s,
                r.peak_rss_mb,
                r.peak_rss_mb / r.input_mb.max(1e-9),
            ));
            for (name, secs) in &r.stages {
                stage_rows.push(format!(
                    "| {mb} MB | {jobs} | {name} | {secs:.3} | {:.1} | {:.0}% |",
                    if *secs > 0.0 {
                        r.input_mb / secs
                    } else {
                        f64::INFINITY
                    },
                    100.0 * secs / s,
                ));
            }
        }
        let t1 = by_jobs[0].1.wall.as_secs_f64();
        let t2 = by_jobs[1].1.wall.as_secs_f64();
        notes.push(format!(
            "{mb} MB corpus: speedup --jobs 1 → 2: {:.2}x ({cores} cores visible)",
            t1 / t2
        ));
        if incremental {
            let out = tempfile::tempdir().expect("temp dir");
            let full = score(&articles, out.path(), &["--incremental"]);
            let again = score(&articles, out.path(), &["--incremental"]);
            notes.push(format!(
                "{mb} MB corpus: --incremental rerun on the unchanged corpus {:.2}s vs full {:.2}s ({:.1}%)",
                again.wall.as_secs_f64(),
                full.wall.as_secs_f64(),
                100.0 * again.wall.as_secs_f64() / full.wall.as_secs_f64()
            ));
        } else {
            notes.push(format!(
                "{mb} MB corpus: --incremental not in this credence build: not measured"
            ));
        }
    }

    println!("\n## credence score, end to end (release, warm cache, median of repeats)\n");
    println!("| corpus | articles | jobs | wall s | MB/s | MB/s per core | articles/s | peak RSS MB | RSS / corpus |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for r in &summary {
        println!("{r}");
    }
    println!("\n## Stages as `credence -v` reports them (wall time)\n");
    println!("| corpus | jobs | stage | s | MB/s | share of wall |");
    println!("|---|---|---|---|---|---|");
    for r in &stage_rows {
        println!("{r}");
    }
    if let Some(&mb) = sizes.first() {
        let articles = dir.join(format!("corpus-{mb}mb")).join("articles");
        let sample = mb.min(20.0);
        println!(
            "\n## Per-article stages, one thread, in-process on {sample} MB of the {mb} MB corpus\n"
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
