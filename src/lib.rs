//! medleaf: a static site generator for patient-education websites.
//!
//! The modules are listed in pipeline order: the foundations first, then the stages, then the
//! commands built on them. Each stage takes plain data and returns new data; only the binary
//! prints. Everything is private to the crate unless the command line needs it: the public
//! API is the re-exports below. `rustfmt.toml` keeps rustfmt from sorting this list.

// Foundations: files and positions, problems, errors, dates, YAML, addresses, the theme.
mod source;
mod diagnostics;
mod error;
mod date;
mod foreign;
mod yaml_syntax;
mod yaml;
mod slug;
mod urls;
mod html;
mod fsutil;
mod theme;
mod i18n;
mod timings;

// The stages, in order.
mod config;
mod content;
mod policy;
mod images;
mod taxonomy;
mod links;
mod claims;
mod glossary;
mod markdown;
mod health;
mod render;
mod search;
mod report;
mod output;
mod site_checks;
mod pipeline;

// The commands built on the pipeline.
mod external;
mod check;
mod dashboard;
mod serve;
mod schema;
mod scaffold;
mod import;

#[doc(hidden)]
pub mod bench;
#[doc(hidden)]
pub mod fuzz;

#[cfg(test)]
mod scaling_tests;
#[cfg(test)]
mod fuzz_tests;

pub use check::{
    CheckReport, JSON_VERSION, LanguageFacts, PageFacts, SiteFacts, SnippetFacts, Summary, check,
    check_with,
};
pub use content::PageKind;
pub use dashboard::dashboard;
pub use date::Date;
pub use diagnostics::{Code, Diagnostic, Severity, render as render_diagnostic, summary};
pub use error::{Error, Result};
pub use external::{ExternalFacts, ExternalOptions, LinkResult, Progress};
pub use health::review::ReviewStatus;
pub use images::ImageStats;
pub use import::{Generator, ImportNote, ImportReport, import};
pub use pipeline::{Options, Report, build};
pub use policy::Allowance;
pub use scaffold::{init, new_article};
pub use schema::{SCHEMA_DIR, SchemaFile, json_schema};
pub use search::SearchStats;
pub use serve::{Event as ServeEvent, Rebuild, Scope, ServeOptions, serve};
pub use source::Location;
pub use timings::{Lap, Timings};

/// The search index's text rules (tokenizer, stemmers, spelling folds, typo matching), mirrored
/// by the browser's `search.js`: public so tests and tools can analyse a query the way the
/// site's search does.
pub mod search_text {
    pub use crate::search::text::{Analysed, Lang, analyse, analysed, for_each_token, terms};
    pub use crate::search::typo;
}

/// The syllable counter behind the reading grades, public for the accuracy tool
/// (`tools/syllable-accuracy.py`, through `examples/syllables.rs`).
pub use health::readability::word_syllables;
