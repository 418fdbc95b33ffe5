//! The governance report: every article's reading scores, review dates and warnings, for
//! editors and for CI dashboards. It is internal: `build --report FILE` (or `site.yaml`'s
//! `report:`) writes it where the editors want it, never into the published site.
//!
//! The report lists diagnostics, and review diagnostics depend on the comparison date
//! (`--today`), so the report records that date. The HTML pages never depend on it.

use serde::Serialize;

use crate::content::Page;
use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::health::ArticleHealth;
use crate::health::readability::{self, Scores};
use crate::health::readability_es;
use crate::health::review::ReviewStatus;

/// The report's format version; raised when a field changes meaning or disappears (2: each
/// warning is a whole diagnostic, in the shape `check --format json` uses).
pub(crate) const VERSION: u32 = 2;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    generator: &'static str,
    today: String,
    summary: Summary,
    articles: Vec<Article<'a>>,
}

#[derive(Serialize)]
struct Summary {
    pages: usize,
    articles: usize,
    errors: usize,
    warnings: usize,
    median_grade: Option<f64>,
    reviews_overdue: usize,
    reviews_due_soon: usize,
    reviews_missing: usize,
}

#[derive(Serialize)]
struct Article<'a> {
    file: &'a str,
    url: &'a str,
    title: &'a str,
    /// The readability formula used for the page's language (or that there is none).
    formula: &'static str,
    readability: Option<Reading>,
    last_reviewed: Option<String>,
    next_review: Option<String>,
    reviewed_by: Option<&'a str>,
    review_status: ReviewStatus,
    sources: usize,
    warnings: Vec<&'a Diagnostic>,
}

/// Readability figures, rounded to two decimals, so the report reads well and does not depend
/// on the last bits of floating-point arithmetic.
#[derive(Serialize)]
#[serde(untagged)]
enum Reading {
    English(Rounded),
    Spanish(RoundedEs),
}

/// Spanish figures: Fernández-Huerta and Szigriszt-Pazos (INFLESZ), with its band.
#[derive(Serialize)]
struct RoundedEs {
    words: usize,
    sentences: usize,
    syllables: usize,
    fernandez_huerta: f64,
    fernandez_huerta_band: &'static str,
    szigriszt_pazos: f64,
    inflesz: &'static str,
}

#[derive(Serialize)]
struct Rounded {
    words: usize,
    sentences: usize,
    syllables: usize,
    polysyllables: usize,
    flesch_reading_ease: f64,
    flesch_kincaid_grade: f64,
    smog: f64,
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

impl From<&Scores> for Rounded {
    fn from(s: &Scores) -> Self {
        Rounded {
            words: s.words,
            sentences: s.sentences,
            syllables: s.syllables,
            polysyllables: s.polysyllables,
            flesch_reading_ease: round(s.flesch_reading_ease),
            flesch_kincaid_grade: round(s.flesch_kincaid_grade),
            smog: round(s.smog),
        }
    }
}

/// The median Flesch-Kincaid grade of the articles that have prose.
pub(crate) fn median_grade(health: &[Option<ArticleHealth>]) -> Option<f64> {
    let grades: Vec<f64> = health
        .iter()
        .flatten()
        .filter_map(|h| h.scores.map(|s| s.flesch_kincaid_grade))
        .collect();
    readability::median(&grades).map(round)
}

/// Writes the report as pretty JSON.
pub(crate) fn json(
    pages: &[Page],
    health: &[Option<ArticleHealth>],
    diagnostics: &[Diagnostic],
    today: Date,
) -> String {
    let mut articles = Vec::new();
    let count = |status: ReviewStatus| {
        health
            .iter()
            .flatten()
            .filter(|h| h.review.status == status)
            .count()
    };
    let summary = Summary {
        pages: pages.len(),
        articles: health.iter().flatten().count(),
        errors: diagnostics.iter().filter(|d| d.is_error()).count(),
        warnings: diagnostics.iter().filter(|d| !d.is_error()).count(),
        median_grade: median_grade(health),
        reviews_overdue: count(ReviewStatus::Overdue),
        reviews_due_soon: count(ReviewStatus::DueSoon),
        reviews_missing: count(ReviewStatus::Missing),
    };
    // Diagnostics by file, once: filtering the whole list for every article would be
    // quadratic on a large site with many warnings.
    let mut by_file: std::collections::HashMap<&str, Vec<&Diagnostic>> =
        std::collections::HashMap::new();
    for d in diagnostics {
        if let Some(l) = &d.location {
            by_file.entry(l.file.as_str()).or_default().push(d);
        }
    }
    for (page, h) in pages.iter().zip(health) {
        let Some(h) = h else { continue };
        let warnings = by_file
            .get(page.file.display.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default()
            .to_vec();
        articles.push(Article {
            file: &page.file.display,
            url: &page.url,
            title: &page.meta.title,
            formula: h.formula.name(),
            readability: h
                .scores
                .as_ref()
                .map(|s| Reading::English(Rounded::from(s)))
                .or_else(|| {
                    h.spanish.map(|s| {
                        Reading::Spanish(RoundedEs {
                            words: s.words,
                            sentences: s.sentences,
                            syllables: s.syllables,
                            fernandez_huerta: round(s.fernandez_huerta),
                            fernandez_huerta_band: readability_es::fernandez_huerta_band(
                                s.fernandez_huerta,
                            ),
                            szigriszt_pazos: round(s.szigriszt_pazos),
                            inflesz: readability_es::inflesz(s.szigriszt_pazos),
                        })
                    })
                }),
            last_reviewed: h.review.last_reviewed.map(|d| d.to_string()),
            next_review: h.review.next_review.map(|d| d.to_string()),
            reviewed_by: page.meta.reviewed_by.as_ref().map(|r| r.name.as_str()),
            review_status: h.review.status,
            sources: page.meta.sources.len(),
            warnings,
        });
    }
    let report = Report {
        version: VERSION,
        generator: concat!("medleaf ", env!("CARGO_PKG_VERSION")),
        today: today.to_string(),
        summary,
        articles,
    };
    let mut text = serde_json::to_string_pretty(&report).expect("the report always serialises");
    text.push('\n');
    text
}
