//! medleaf's integration tests, as one test binary with a module per feature (as ripgrep's
//! `tests/tests.rs` and mdBook's `tests/testsuite/`). Each module runs the real `medleaf`
//! binary on sites it copies into temporary folders: the fixture sites next to the module
//! (`tests/testsuite/<module>/<case>/`) or the example site at the repository root.

mod common;

mod architecture;
mod build;
mod check;
mod cli;
mod confinement;
mod determinism;
mod editors;
mod errors;
mod example_site;
mod external;
mod governance;
mod health;
mod hostile_input;
mod images;
mod import;
mod languages;
mod markdown;
mod migration;
mod reader;
mod safe_output;
mod scaffold;
mod schema;
mod search;
mod security;
mod serve;
mod snippets;
mod sub_path;
mod themes;
