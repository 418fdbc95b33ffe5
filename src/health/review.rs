//! Medical review governance and sources: is each article reviewed, by whom, is the review
//! still current, and is the evidence cited and recent?
//!
//! Follows the NHS "Page last reviewed / Next review due" pattern with a 3-year default cycle.
//! The comparison date (`today`) only changes diagnostics, never the built pages, so output
//! stays byte-for-byte reproducible.

use serde::Serialize;

use crate::config::Config;
use crate::content::Page;
use crate::date::Date;
use crate::diagnostics::{Code, Diagnostic};

/// Where an article stands in its review cycle on the comparison date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewStatus {
    /// Reviewed, and the next review is more than `warn_days` away.
    Current,
    /// The next review is due within `warn_days`.
    DueSoon,
    /// The next review date has passed.
    Overdue,
    /// No `last_reviewed` date.
    Missing,
}

/// The review facts of one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Review {
    /// When it was last reviewed.
    pub last_reviewed: Option<Date>,
    /// When the next review is due (written, or computed from the interval).
    pub next_review: Option<Date>,
    /// Status on the comparison date.
    pub status: ReviewStatus,
}

/// Checks an article's review dates and reviewer.
pub(crate) fn check(
    page: &Page,
    config: &Config,
    today: Date,
    out: &mut Vec<Diagnostic>,
) -> Review {
    let meta = &page.meta;
    let file = &page.file;
    let next = page.next_review(config.review_interval_years);
    if let (Some(last), Some(next)) = (meta.last_reviewed, meta.next_review)
        && next <= last
    {
        out.push(
            Diagnostic::error(
                Code::ReviewDates,
                format!("`next_review` ({next}) is not after `last_reviewed` ({last})"),
            )
            .at(file, page.value_span("next_review", &next.to_string()))
            .help("the next review must come after the last one; check both dates"),
        );
    }
    if meta.last_reviewed.is_none() {
        out.push(
            Diagnostic::warning(Code::ReviewMissing, "article has no `last_reviewed` date")
                .at(file, page.key_span("last_reviewed"))
                .help("add `last_reviewed: YYYY-MM-DD`, the date a clinician last checked the whole page"),
        );
    }
    if meta
        .reviewed_by
        .as_ref()
        .is_none_or(|r| r.name.trim().is_empty())
    {
        out.push(
            Diagnostic::warning(Code::ReviewMissing, "article does not say who reviewed it")
                .at(file, page.key_span("reviewed_by"))
                .help(
                    "add `reviewed_by: {name: ..., role: ...}` with the clinician who checked it",
                ),
        );
    }
    let status = match (meta.last_reviewed, next) {
        (None, _) | (_, None) => ReviewStatus::Missing,
        (Some(_), Some(next)) => {
            let days = today.days_until(next);
            let span = if meta.next_review.is_some() {
                page.value_span("next_review", &next.to_string())
            } else {
                page.key_span("last_reviewed")
            };
            if days < 0 {
                out.push(
                    Diagnostic::warning(
                        Code::ReviewOverdue,
                        format!("review overdue: the next review was due on {}", next.long()),
                    )
                    .at(file, span)
                    .help("have a clinician review the page, then update `last_reviewed` and `next_review`"),
                );
                ReviewStatus::Overdue
            } else if days <= i64::from(config.review_warn_days) {
                out.push(
                    Diagnostic::warning(
                        Code::ReviewDue,
                        format!(
                            "review due soon: the next review is due on {} (in {days} {})",
                            next.long(),
                            if days == 1 { "day" } else { "days" }
                        ),
                    )
                    .at(file, span)
                    .help("plan the clinical review before that date"),
                );
                ReviewStatus::DueSoon
            } else {
                ReviewStatus::Current
            }
        }
    };
    Review {
        last_reviewed: meta.last_reviewed,
        next_review: next,
        status,
    }
}

/// Checks an article's `sources:`: present, complete, and not too old at the last review.
pub(crate) fn check_sources(page: &Page, config: &Config, out: &mut Vec<Diagnostic>) {
    let meta = &page.meta;
    let file = &page.file;
    if meta.sources.is_empty() {
        out.push(
            Diagnostic::warning(Code::SourcesMissing, "article has no sources")
                .at(file, page.key_span("sources"))
                .help("add `sources:` listing the evidence behind the page (title, publisher, url, accessed)"),
        );
        return;
    }
    for source in &meta.sources {
        let span = page.value_span("sources", &source.title);
        if source.url.as_deref().is_none_or(|u| u.trim().is_empty()) {
            out.push(
                Diagnostic::warning(
                    Code::SourceIncomplete,
                    format!("source `{}` has no `url`", source.title),
                )
                .at(file, span.clone())
                .help("add the address where readers can find it, so reviewers can check it again"),
            );
        }
        match (source.accessed, meta.last_reviewed) {
            (None, _) => out.push(
                Diagnostic::warning(
                    Code::SourceIncomplete,
                    format!("source `{}` has no `accessed` date", source.title),
                )
                .at(file, span.clone())
                .help("add `accessed: YYYY-MM-DD`, the date the source was last checked"),
            ),
            (Some(accessed), Some(last)) => {
                let limit = last.add_years(-i32::from(config.max_source_age_years));
                if accessed < limit {
                    out.push(
                        Diagnostic::warning(
                            Code::SourceOld,
                            format!(
                                "source `{}` was accessed on {}, more than {} years before the last review",
                                source.title,
                                accessed.long(),
                                config.max_source_age_years
                            ),
                        )
                        .at(file, after(page, &span, &accessed.to_string()))
                        .help("check the source again at the next review and update `accessed`, or replace it with current evidence"),
                    );
                }
            }
            (Some(_), None) => {}
        }
    }
}

/// The span of `value` written after `anchor` in the page's front matter (the `accessed` date
/// of one particular source), or `anchor` itself.
fn after(page: &Page, anchor: &std::ops::Range<usize>, value: &str) -> std::ops::Range<usize> {
    let end = page.yaml.end.max(anchor.end);
    page.file.text[anchor.end..end]
        .find(value)
        .map(|i| anchor.end + i..anchor.end + i + value.len())
        .unwrap_or_else(|| anchor.clone())
}
