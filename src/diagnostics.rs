//! Content problems, collected rather than thrown, so one run reports all of them.
//!
//! A [`Diagnostic`] carries everything needed to show it later (the file, line, column and the
//! source line itself), so it can be printed by `main`, serialised to JSON by `check`, or shown
//! in the browser by `serve` without going back to the file. Messages follow rustc's style:
//! lowercase, no full stop, say what is wrong; the `help` line says how to fix it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::source::{Location, SourceFile};

/// How bad a problem is. Errors fail the build; warnings do not, unless `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails the build.
    Error,
    /// Reported; fails the build only with `--strict`.
    Warning,
}

/// One problem in the site's content or configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable, kebab-case name for the kind of problem (`broken-link`), for filtering and JSON.
    pub code: &'static str,
    /// What is wrong, lowercase, no full stop.
    pub message: String,
    /// Where, when the problem is in a file.
    #[serde(flatten)]
    pub location: Option<Location>,
    /// A short note shown under the caret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// How to fix it, when that is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error with no location yet.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            location: None,
            label: None,
            help: None,
        }
    }

    /// A warning with no location yet.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Points the diagnostic at a byte range of `file`.
    pub fn at(mut self, file: &SourceFile, span: std::ops::Range<usize>) -> Self {
        self.location = Some(file.location(span));
        self
    }

    /// Points the diagnostic at an already resolved location.
    pub fn at_location(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Adds the note shown under the caret.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a `help:` line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a `help:` line if there is one.
    pub fn maybe_help(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The order diagnostics are reported in: by file, line and column, then errors first.
    fn sort_key(&self) -> (String, usize, usize, Severity, &str) {
        match &self.location {
            Some(l) => (
                l.file.clone(),
                l.line,
                l.column,
                self.severity,
                &self.message,
            ),
            None => (String::new(), 0, 0, self.severity, &self.message),
        }
    }
}

/// Sorts diagnostics into report order (file, line, column) and removes exact duplicates.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

/// Turns every warning into an error (`--strict`).
pub fn make_strict(diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        d.severity = Severity::Error;
    }
}

/// Renders one diagnostic like rustc does, with or without ANSI colours.
pub fn render(diagnostic: &Diagnostic, color: bool) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(&diagnostic.message);
    let mut group = match &diagnostic.location {
        Some(loc) => {
            let mut annotation = AnnotationKind::Primary.span(loc.span.clone());
            if let Some(label) = &diagnostic.label {
                annotation = annotation.label(label);
            }
            title.element(
                Snippet::source(&loc.line_text)
                    .line_start(loc.line)
                    .path(&loc.file)
                    .annotation(annotation),
            )
        }
        None => Group::with_title(title),
    };
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help));
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = renderer.render(&[group]);
    // Without a source line, say where the problem is in the title's place.
    if diagnostic.location.is_none() && diagnostic.label.is_some() {
        let _ = write!(
            out,
            "\n  = note: {}",
            diagnostic.label.as_deref().unwrap_or("")
        );
    }
    out
}

/// A plain-words name for a diagnostic code, singular and plural, for the summary line.
fn code_noun(code: &str) -> (&str, &str) {
    match code {
        "broken-link" => ("broken link", "broken links"),
        "broken-anchor" => ("broken anchor", "broken anchors"),
        "front-matter" => ("front-matter error", "front-matter errors"),
        "unknown-key" => ("unknown front-matter key", "unknown front-matter keys"),
        "config" => ("site.yaml error", "site.yaml errors"),
        "glossary" => ("glossary error", "glossary errors"),
        "duplicate-url" => ("duplicate URL", "duplicate URLs"),
        _ => ("", ""),
    }
}

/// The closing summary: `error: 3 broken links, 1 front-matter error; 2 warnings`, or `None`
/// when there is nothing to report.
pub fn summary(diagnostics: &[Diagnostic]) -> Option<String> {
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    let mut warnings = 0;
    for d in diagnostics {
        match d.severity {
            Severity::Error => *by_code.entry(d.code).or_default() += 1,
            Severity::Warning => warnings += 1,
        }
    }
    let errors: usize = by_code.values().sum();
    if errors == 0 && warnings == 0 {
        return None;
    }
    let mut parts = Vec::new();
    let mut other = 0;
    for (code, n) in &by_code {
        let (one, many) = code_noun(code);
        if one.is_empty() {
            other += n;
        } else {
            parts.push(format!("{n} {}", if *n == 1 { one } else { many }));
        }
    }
    if other > 0 {
        let named = !parts.is_empty();
        parts.push(format!(
            "{other} {}{}",
            if named { "other " } else { "" },
            if other == 1 { "error" } else { "errors" }
        ));
    }
    let warn_text = format!(
        "{warnings} {}",
        if warnings == 1 { "warning" } else { "warnings" }
    );
    Some(if errors > 0 {
        format!("error: {}; {warn_text}", parts.join(", "))
    } else {
        format!("warning: {warn_text}")
    })
}

/// A simple "did you mean" among `candidates`: the closest by edit distance, if close enough
/// that the suggestion is more likely to help than to confuse.
pub fn did_you_mean<'a>(
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
    fn renders_like_rustc() {
        let file = SourceFile::new(
            "content/a.md",
            "content/a.md",
            "intro\nRead about [neutropenia](neutropenia.md).\n".to_owned(),
        );
        let start = file.text.find("neutropenia.md").unwrap();
        let d = Diagnostic::error("broken-link", "broken link to `neutropenia.md`")
            .at(&file, start..start + "neutropenia.md".len())
            .label("no page at this path")
            .help("did you mean `leukopenia.md`?");
        let text = render(&d, false);
        assert!(
            text.contains("error: broken link to `neutropenia.md`"),
            "{text}"
        );
        assert!(text.contains("--> content/a.md:2:26"), "{text}");
        assert!(
            text.contains("^^^^^^^^^^^^^^ no page at this path"),
            "{text}"
        );
        assert!(
            text.contains("= help: did you mean `leukopenia.md`?"),
            "{text}"
        );
    }

    #[test]
    fn summary_groups_by_kind() {
        let e = |c| Diagnostic::error(c, "x");
        let ds = vec![
            e("broken-link"),
            e("broken-link"),
            e("front-matter"),
            Diagnostic::warning("review-overdue", "y"),
        ];
        assert_eq!(
            summary(&ds).unwrap(),
            "error: 2 broken links, 1 front-matter error; 1 warning"
        );
        assert_eq!(summary(&[]), None);
    }

    #[test]
    fn suggestions_are_close_only() {
        let keys = ["title", "reviewed_by", "last_reviewed"];
        assert_eq!(did_you_mean("reviwed_by", keys), Some("reviewed_by"));
        assert_eq!(did_you_mean("colour", keys), None);
    }
}
