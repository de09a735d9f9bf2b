//! credence: scores how credible news articles and their outlets are.
//!
//! The pipeline runs these stages, each a folder with plain data in and out
//! (see [`model`]): [`ingest`] → [`segment`] → [`dedup`] → [`names`] →
//! [`claims`] → [`score`] → [`report`]. [`pipeline::run`] ties them together.
//! Only `ingest` and `rules` read input files; only `report` writes reports.
//! [`store`] writes and reads the partials of sharded runs (`--shard`,
//! `credence merge`). [`text`] holds the few string helpers every stage may
//! use.

pub mod claims;
pub mod dedup;
pub mod ingest;
pub mod model;
pub mod names;
pub mod pipeline;
pub mod report;
pub mod rules;
pub mod score;
pub mod segment;
pub mod store;
pub mod text;
