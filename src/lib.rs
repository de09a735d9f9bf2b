//! credence: scores how credible news articles and their outlets are.
//!
//! The pipeline runs these stages, each a module with plain data in and out
//! (see [`model`]): [`ingest`] → [`segment`] → [`dedup`] → [`mentions`] →
//! [`claims`] → [`score`] → [`report`]. [`pipeline::run`] ties them together.
//! Only `ingest` and `rules` read files; only `report` writes them.

pub mod cache;
pub mod claims;
pub mod dedup;
pub mod ingest;
pub mod mentions;
pub mod model;
pub mod pipeline;
pub mod report;
pub mod rules;
pub mod score;
pub mod segment;
