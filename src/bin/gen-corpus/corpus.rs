//! The generator's state and the corpus as a whole: output folders, label
//! file, statistics, and the wire-copy labels written at the end.

use crate::rng::Rng;
use crate::roles::{role_infos, Names, RoleInfo};
use crate::stories::Source;
use crate::vocab::{Forbidden, Vocab};
use crate::wire::WireItem;
use crate::write::{csv_cell, flush_jsonl};
use credence::model::Date;
use credence::rules::Rules;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// One occurrence of a wire paragraph: (day, article key, paragraph number).
pub(crate) type WireCopy = (i64, String, u32);

/// Counts per label kind, corpus bytes and what --check compares.
pub(crate) type Finished = (BTreeMap<&'static str, u64>, u64, Option<Expected>);

/// What --check compares: per article key, the date and paragraph hashes.
pub(crate) type Expected = Vec<(String, Date, Vec<u64>)>;

pub(crate) fn norm_hash(s: &str) -> u64 {
    let s = s.trim_start_matches('#');
    let mut n = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !n.is_empty() {
            n.push(' ');
        }
        n.push_str(w);
    }
    xxhash_rust::xxh3::xxh3_64(n.as_bytes())
}

pub(crate) struct Gen<'a> {
    pub(crate) rng: Rng,
    pub(crate) v: Vocab,
    pub(crate) rules: &'a Rules,
    pub(crate) roles: Vec<RoleInfo>,
    pub(crate) names: Names,
    pub(crate) sources: Vec<Source>,
    pub(crate) articles_dir: PathBuf,
    pub(crate) labels: std::io::BufWriter<std::fs::File>,
    /// Occurrences of wire paragraphs: (topic no, wire idx) -> (date, key, para, near).
    pub(crate) wire_seen: BTreeMap<(usize, usize), Vec<WireCopy>>,
    pub(crate) expected: Option<Expected>,
    pub(crate) stats: BTreeMap<&'static str, u64>,
    pub(crate) bytes: u64,
    pub(crate) articles: u64,
    pub(crate) topic_no: usize,
    /// `--profile wire`: the pool of wire paragraphs (empty otherwise).
    pub(crate) wire_pool: Vec<WireItem>,
}

pub(crate) fn date_of(days: i64) -> Date {
    Date::from_days(days)
}

impl<'a> Gen<'a> {
    pub(crate) fn new(
        rules: &'a Rules,
        seed: u64,
        out: &Path,
        check: bool,
    ) -> Result<Gen<'a>, String> {
        let forbidden = Forbidden::new(rules);
        let v = Vocab::new(&forbidden)?;
        let roles = role_infos(rules);
        if roles.is_empty() {
            return Err("the rules have no role with officeholders".into());
        }
        let articles_dir = out.join("articles");
        if articles_dir.exists() {
            std::fs::remove_dir_all(&articles_dir)
                .map_err(|e| format!("{}: {e}", articles_dir.display()))?;
        }
        std::fs::create_dir_all(&articles_dir)
            .map_err(|e| format!("{}: {e}", articles_dir.display()))?;
        let labels = std::fs::File::create(out.join("labels.csv"))
            .map_err(|e| format!("{}: {e}", out.join("labels.csv").display()))?;
        let mut labels = std::io::BufWriter::new(labels);
        writeln!(labels, "article,paragraph,kind,mention,expected").map_err(|e| e.to_string())?;
        Ok(Gen {
            rng: Rng(seed ^ 0x6372_6564_656e_6365),
            v,
            rules,
            roles,
            names: Names::new(rules),
            sources: Vec::new(),
            articles_dir,
            labels,
            wire_seen: BTreeMap::new(),
            expected: check.then(Vec::new),
            stats: BTreeMap::new(),
            bytes: 0,
            articles: 0,
            topic_no: 0,
            wire_pool: Vec::new(),
        })
    }

    /// Labels wire copies: the earliest (date, then id) is the origin.
    pub(crate) fn finish(mut self, out: &Path) -> Result<Finished, String> {
        for s in &mut self.sources {
            if !s.jsonl.is_empty() {
                flush_jsonl(&self.articles_dir, s)?;
            }
            if !s.manifest.is_empty() {
                let mut text = String::from("file,title,date,source,author\n");
                for r in &s.manifest {
                    text.push_str(r);
                    text.push('\n');
                }
                let p = self.articles_dir.join(&s.slug).join("manifest.csv");
                std::fs::write(&p, text).map_err(|e| format!("{}: {e}", p.display()))?;
            }
        }
        let seen = std::mem::take(&mut self.wire_seen);
        for (_, mut occ) in seen {
            if occ.len() < 2 {
                continue;
            }
            occ.sort();
            let (_, okey, opara) = occ[0].clone();
            for (i, (_, key, para)) in occ.iter().enumerate() {
                let kind = if i == 0 {
                    "syndicated_origin"
                } else {
                    "syndicated_paragraph"
                };
                writeln!(
                    self.labels,
                    "{},{para},{kind},,{}",
                    csv_cell(key),
                    csv_cell(&format!("{okey}#p{opara}"))
                )
                .map_err(|e| e.to_string())?;
                *self.stats.entry(kind).or_default() += 1;
            }
        }
        self.labels.flush().map_err(|e| e.to_string())?;
        let mut st = String::new();
        let _ = writeln!(st, "bytes,{}", self.bytes);
        for (k, v) in &self.stats {
            let _ = writeln!(st, "{k},{v}");
        }
        std::fs::write(out.join("stats.csv"), st).map_err(|e| e.to_string())?;
        Ok((self.stats, self.bytes, self.expected))
    }
}
