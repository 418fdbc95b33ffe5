//! Errors that stop a run: I/O, an unsafe output folder, a broken template.
//!
//! Problems in the content are not errors but [`crate::diagnostics::Diagnostic`]s, collected so
//! that one run reports all of them. Every file-system error carries the path it concerns.

use std::path::PathBuf;

/// Why a run stopped.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file-system operation failed.
    #[error("{action} `{}`: {source}", path.display())]
    Io {
        /// What medleaf was doing ("cannot read").
        action: &'static str,
        /// The path concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The output folder is not one medleaf may write to.
    #[error("refusing to write to `{}`: {reason}", path.display())]
    UnsafeOutput {
        /// The output folder.
        path: PathBuf,
        /// Why, and what to do instead.
        reason: String,
    },
    /// A template could not be parsed or rendered.
    #[error("template error: {0}")]
    Template(String),
    /// A command-line value is not valid.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// Wraps an I/O error with the path and what was being done.
    pub fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    }
}

/// The result of a stage that can stop the run.
pub type Result<T, E = Error> = std::result::Result<T, E>;
