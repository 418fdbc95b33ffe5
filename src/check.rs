//! `medleaf check`: every diagnostic the build would give, and each page's facts, without
//! writing anything. The JSON form is a stable, versioned document for CI.

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Severity};
use crate::error::Result;
use crate::health::review::ReviewStatus;
use crate::pipeline::{self, Options};

/// The version of the JSON document; raised when a field changes meaning or disappears.
pub const JSON_VERSION: u32 = 1;

/// What `check` found.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    /// The JSON format version.
    pub version: u32,
    /// The comparison date used for review checks.
    pub today: String,
    /// Counts.
    pub summary: Summary,
    /// Every problem, sorted by file and line.
    pub diagnostics: Vec<JsonDiagnostic>,
    /// Every page that was read.
    pub pages: Vec<PageFacts>,
    /// The problems in full, for human output.
    #[serde(skip)]
    pub full: Vec<Diagnostic>,
}

/// Counts of what was found.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// Pages read.
    pub pages: usize,
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// The median Flesch-Kincaid grade of the articles.
    pub median_grade: Option<f64>,
}

/// One diagnostic in the JSON document.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    /// `error` or `warning`.
    pub severity: Severity,
    /// A stable kebab-case code (`broken-link`).
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// The file, relative to the site root (absent for whole-site problems).
    pub file: Option<String>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
    /// How to fix it.
    pub help: Option<String>,
}

/// One page's facts.
#[derive(Debug, Serialize)]
pub struct PageFacts {
    /// The source file.
    pub file: String,
    /// The site address.
    pub url: String,
    /// The title.
    pub title: String,
    /// `article`, `page` or `index`.
    pub kind: &'static str,
    /// Flesch-Kincaid grade (articles with prose).
    pub reading_grade: Option<f64>,
    /// Last review date.
    pub last_reviewed: Option<String>,
    /// Next review date.
    pub next_review: Option<String>,
    /// Review status (articles).
    pub review_status: Option<ReviewStatus>,
}

/// Runs the whole pipeline except writing, and collects the result.
pub fn check(options: &Options) -> Result<CheckReport> {
    let round = |x: f64| (x * 100.0).round() / 100.0;
    let (full, pages, median) = match pipeline::analyse(options)? {
        Err(diagnostics) => (diagnostics, Vec::new(), None),
        Ok(built) => {
            let pages = built
                .site
                .pages
                .iter()
                .zip(&built.health)
                .map(|(p, h)| PageFacts {
                    file: p.file.display.clone(),
                    url: p.url.clone(),
                    title: p.meta.title.clone(),
                    kind: match p.kind {
                        crate::content::PageKind::Article => "article",
                        crate::content::PageKind::Plain => "page",
                        crate::content::PageKind::Index => "index",
                    },
                    reading_grade: h
                        .as_ref()
                        .and_then(|h| h.scores)
                        .map(|s| round(s.flesch_kincaid_grade)),
                    last_reviewed: p.meta.last_reviewed.map(|d| d.to_string()),
                    next_review: h
                        .as_ref()
                        .and_then(|h| h.review.next_review)
                        .map(|d| d.to_string()),
                    review_status: h.as_ref().map(|h| h.review.status),
                })
                .collect();
            let median = crate::health::report::median_grade(&built.health);
            (built.diagnostics, pages, median)
        }
    };
    let errors = full.iter().filter(|d| d.is_error()).count();
    Ok(CheckReport {
        version: JSON_VERSION,
        today: options.today.to_string(),
        summary: Summary {
            pages: pages.len(),
            errors,
            warnings: full.len() - errors,
            median_grade: median,
        },
        diagnostics: full
            .iter()
            .map(|d| JsonDiagnostic {
                severity: d.severity,
                code: d.code,
                message: d.message.clone(),
                file: d.location.as_ref().map(|l| l.file.clone()),
                line: d.location.as_ref().map(|l| l.line),
                column: d.location.as_ref().map(|l| l.column),
                help: d.help.clone(),
            })
            .collect(),
        pages,
        full,
    })
}
