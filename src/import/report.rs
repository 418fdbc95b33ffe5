//! What `medleaf import` tells its user: what it wrote, and every place it could not convert
//! (file, line, what, and what to do by hand). The library returns this; the command line
//! prints it.

use std::path::PathBuf;

/// The outcome of an import.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// The folder written.
    pub dest: PathBuf,
    /// How many pages were converted.
    pub pages: usize,
    /// How many other files (images, static files) were copied.
    pub files: usize,
    /// Every file written, relative to the destination, sorted.
    pub written: Vec<String>,
    /// Everything that was not converted, or was converted with a guess, in file and line
    /// order.
    pub notes: Vec<ImportNote>,
}

/// One thing the import could not convert, or converted with a guess that needs a look.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ImportNote {
    /// The source file, relative to the source site (`content/posts/hay-fever.md`).
    pub file: String,
    /// The 1-based line in the source file, when the note is about one place.
    pub line: Option<usize>,
    /// What was found and what the import did with it.
    pub what: String,
    /// What to do by hand.
    pub help: String,
}

impl ImportNote {
    /// A note about a place in a file.
    pub(super) fn at(
        file: &str,
        line: Option<usize>,
        what: impl Into<String>,
        help: impl Into<String>,
    ) -> ImportNote {
        ImportNote {
            file: file.to_owned(),
            line,
            what: what.into(),
            help: help.into(),
        }
    }
}
