//! medleaf: a static site generator for patient-education websites.
//!
//! The modules are listed in pipeline order (the foundations first, then the stages, then the
//! commands built on them). Each stage takes plain data and returns new data; only the binary
//! prints. `rustfmt.toml` keeps rustfmt from sorting this list alphabetically.

#![warn(clippy::print_stdout, clippy::print_stderr, missing_docs)]

// Foundations: files and positions, problems, errors, dates, YAML, addresses.
pub mod source;
pub mod diagnostics;
pub mod error;
pub mod date;
pub mod yaml;
pub mod slug;
pub mod urls;

// The stages, in order.
pub mod config;
pub mod content;
pub mod taxonomy;
pub mod links;
pub mod markdown;
pub mod health;
pub mod render;
pub mod search;
pub mod output;
pub mod pipeline;

// The commands built on the pipeline.
pub mod check;
pub mod incremental;
pub mod serve;
pub mod scaffold;

pub use error::{Error, Result};
