//! Content problems, collected rather than thrown, so one run reports all of them.
//!
//! A [`Diagnostic`] carries everything needed to show it later (the file, line, column and the
//! source line itself), so it can be printed by `main`, serialised to JSON by `check`, or shown
//! in the browser by `serve` without going back to the file. Messages follow rustc's style:
//! lowercase, no full stop, say what is wrong; the `help` line says how to fix it.
//!
//! Every kind of problem has a [`Code`] from the one registry in [`code`]; a diagnostic has one
//! JSON shape (its `Serialize`), used by `check --format json` and the build report alike.

mod code;
mod render;
mod suggest;

use serde::Serialize;

use crate::source::{Location, SourceFile};
pub use code::Code;
pub use render::{render, summary};
pub(crate) use suggest::Suggestions;

/// How bad a problem is. Errors fail the build; warnings do not, unless `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails the build.
    Error,
    /// Reported; fails the build only with `--strict`.
    Warning,
}

/// What a site sets a code to in `site.yaml`'s `diagnostics:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Setting {
    /// Always an error.
    Error,
    /// Always a warning.
    Warning,
    /// Not reported.
    Off,
}

/// One problem in the site's content or configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What kind of problem it is.
    pub code: Code,
    /// What is wrong, lowercase, no full stop.
    pub message: String,
    /// Where, when the problem is in a file.
    pub location: Option<Location>,
    /// A short note shown under the caret.
    pub label: Option<String>,
    /// How to fix it, when that is known.
    pub help: Option<String>,
    /// Context that is not a fix, such as which pages embed the snippet the problem is in.
    pub note: Option<String>,
}

impl Diagnostic {
    /// An error with no location yet.
    pub(crate) fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            location: None,
            label: None,
            help: None,
            note: None,
        }
    }

    /// A warning with no location yet.
    pub(crate) fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Points the diagnostic at a byte range of `file`.
    pub(crate) fn at(mut self, file: &SourceFile, span: std::ops::Range<usize>) -> Self {
        self.location = Some(file.location(span));
        self
    }

    /// Adds the note shown under the caret.
    pub(crate) fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a `help:` line.
    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a `help:` line if there is one.
    pub(crate) fn maybe_help(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The file the problem is in (empty for whole-site problems).
    pub fn file(&self) -> &str {
        self.location.as_ref().map_or("", |l| l.file.as_str())
    }

    /// The order diagnostics are reported in: by file, line and column, then errors first.
    fn sort_key(&self) -> (&str, usize, usize, Severity, &str) {
        match &self.location {
            Some(l) => (&l.file, l.line, l.column, self.severity, &self.message),
            None => ("", 0, 0, self.severity, &self.message),
        }
    }
}

/// The one JSON shape of a diagnostic: every key always present (`null` when unknown), so
/// scripts need no special cases.
impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Json<'a> {
            severity: Severity,
            code: Code,
            message: &'a str,
            file: Option<&'a str>,
            line: Option<usize>,
            column: Option<usize>,
            label: Option<&'a str>,
            help: Option<&'a str>,
            note: Option<&'a str>,
        }
        let loc = self.location.as_ref();
        Json {
            severity: self.severity,
            code: self.code,
            message: &self.message,
            file: loc.map(|l| l.file.as_str()),
            line: loc.map(|l| l.line),
            column: loc.map(|l| l.column),
            label: self.label.as_deref(),
            help: self.help.as_deref(),
            note: self.note.as_deref(),
        }
        .serialize(s)
    }
}

/// Sorts diagnostics into report order (file, line, column) and removes exact duplicates. The
/// same problem found through several pages (in a snippet they all embed) is reported once, its
/// notes joined: "in a snippet embedded by `a.md`, `b.md`".
pub(crate) fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then_with(|| a.note.cmp(&b.note))
    });
    diagnostics.dedup();
    diagnostics.dedup_by(|later, kept| {
        let same = later.severity == kept.severity
            && later.code == kept.code
            && later.message == kept.message
            && later.location == kept.location
            && later.help == kept.help
            && later.label == kept.label;
        if same
            && let (Some(k), Some(l)) = (&mut kept.note, &later.note)
            && let Some(page) = l.strip_prefix(EMBEDDED_BY)
        {
            k.push_str(", ");
            k.push_str(page);
        }
        same
    });
}

/// How the note of a problem in a snippet starts; the embedding page follows.
pub(crate) const EMBEDDED_BY: &str = "in a snippet embedded by ";

/// Turns every warning into an error (`--strict`).
pub(crate) fn make_strict(diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        d.severity = Severity::Error;
    }
}

/// A simple "did you mean" among `candidates`: the closest by edit distance, if close enough
/// that the suggestion is more likely to help than to confuse.
pub(crate) fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::normalized_damerau_levenshtein(&wanted_lower, &c.to_lowercase());
        // Ties go to the alphabetically first candidate, so the suggestion does not depend on
        // the order a hash set happens to list them in.
        if score >= 0.6 && best.is_none_or(|(s, b)| score > s || (score == s && c < b)) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_close_only() {
        let keys = ["title", "reviewed_by", "last_reviewed"];
        assert_eq!(did_you_mean("reviwed_by", keys), Some("reviewed_by"));
        assert_eq!(did_you_mean("colour", keys), None);
    }

    #[test]
    fn one_json_shape_with_every_key() {
        let d = Diagnostic::warning(Code::ReviewDue, "soon");
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"severity":"warning","code":"review-due","message":"soon","file":null,"line":null,"column":null,"label":null,"help":null,"note":null}"#
        );
    }
}
