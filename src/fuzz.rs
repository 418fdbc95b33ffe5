//! One entry point that runs the whole pipeline on a site made of a few texts, for the property
//! tests (`src/fuzz_tests.rs`) and the `cargo fuzz` target (`fuzz/`), which lives outside the
//! crate. Not a stable API: hidden from the documentation (issue 16).
//!
//! [`run`] writes the texts as a site in a folder of its own, analyses it as `check` does,
//! renders every diagnostic (plain and coloured, as the command line would) and, when there are
//! no errors, renders every output file into memory as `build` does. Any panic on the way is a
//! bug: a property test or the fuzzer reports the input.

use std::path::Path;

use crate::date::Date;
use crate::diagnostics::render;
use crate::error::{Error, Result};
use crate::pipeline::{self, Options};

/// The texts of a fuzzed site. Empty texts leave the file out.
#[derive(Debug, Clone, Default)]
pub struct Input<'a> {
    /// `site.yaml`.
    pub settings: &'a str,
    /// `content/a.md`, a page.
    pub page: &'a str,
    /// `content/b.md`, a second page the first can link to.
    pub other: &'a str,
    /// `content/glossary.yaml`.
    pub glossary: &'a str,
    /// `snippets/s.md`, a snippet pages can embed as `![[s]]`.
    pub snippet: &'a str,
}

/// What a run found: the number of diagnostics and of output files rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Diagnostics reported.
    pub diagnostics: usize,
    /// Files rendered (0 when there were errors).
    pub files: usize,
}

/// Runs `input` as a site in `dir` (emptied first; created if missing). `Err` is an error that
/// stops a real run too (an unreadable file, a template error), never a crash.
pub fn run(dir: &Path, input: &Input<'_>) -> Result<Outcome> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(Error::io("cannot remove", dir))?;
    }
    for (rel, text) in [
        ("site.yaml", input.settings),
        ("content/a.md", input.page),
        ("content/b.md", input.other),
        ("content/glossary.yaml", input.glossary),
        ("snippets/s.md", input.snippet),
    ] {
        let path = dir.join(rel);
        let parent = path.parent().unwrap_or(dir);
        std::fs::create_dir_all(parent).map_err(Error::io("cannot create", parent))?;
        if !text.is_empty() {
            std::fs::write(&path, text).map_err(Error::io("cannot write", &path))?;
        }
    }
    let mut options = Options::new(dir);
    options.today = Date::parse("2026-12-07").expect("a valid date");
    let built = match pipeline::analyse(&options)? {
        Ok(built) => built,
        Err(diagnostics) => {
            for d in &diagnostics {
                render(d, false);
                render(d, true);
            }
            return Ok(Outcome {
                diagnostics: diagnostics.len(),
                files: 0,
            });
        }
    };
    for d in &built.diagnostics {
        render(d, false);
        render(d, true);
    }
    let files = if built.diagnostics.iter().any(|d| d.is_error()) {
        0
    } else {
        let templates = built.templates()?;
        pipeline::render(&built, &templates)?.0.len()
    };
    Ok(Outcome {
        diagnostics: built.diagnostics.len(),
        files,
    })
}
