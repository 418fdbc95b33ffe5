//! medleaf: a static site generator for patient-education websites.
//!
//! The modules are listed in pipeline order. Each stage takes plain data and returns new
//! data; only the binary prints.

#![warn(clippy::print_stdout, clippy::print_stderr, missing_docs)]

pub mod check;
pub mod config;
pub mod content;
pub mod date;
pub mod diagnostics;
pub mod error;
pub mod health;
pub mod incremental;
pub mod links;
pub mod markdown;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod slug;
pub mod source;
pub mod taxonomy;
pub mod urls;
pub mod yaml;

pub use error::{Error, Result};
