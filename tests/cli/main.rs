//! Integration tests: run the real `credence` binary on scenario corpora
//! under `tests/corpora/<scenario>/` and compare its CSVs with golden files.
//!
//! A scenario folder holds `input/` (articles), optionally `rules/` (else the
//! bundled `rules/`), optionally `args` (extra command-line arguments, one per
//! line), and `expected/*.csv` (reports written with `--no-bom`). Run
//! `UPDATE_GOLDEN=1 cargo test` to rewrite the golden files after a reviewed
//! change.

mod accuracy;
mod claims;
mod common;
mod dedup;
mod deploy;
mod html;
mod ingest;
mod memory;
mod names;
mod names_labelled;
mod names_patterns;
mod ops;
mod pages;
mod pipeline;
mod review;
mod scoring;
mod shards;
mod wikidata;
