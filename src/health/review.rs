//! Medical review governance and sources: is each article reviewed, by whom, is the review
//! still current, and is the evidence cited and recent?
//!
//! Follows the NHS "Page last reviewed / Next review due" pattern with a 3-year default cycle.
//! The comparison date (`today`) only changes diagnostics, never the built pages, so output
//! stays byte-for-byte reproducible.

use serde::Serialize;

use std::ops::Range;

use crate::config::Config;
use crate::content::front_matter::{Reviewer, Source};
use crate::content::{Page, Snippet};
use crate::date::Date;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::SourceFile;

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

/// A document under clinical review: an article or a snippet. Both have the same review and
/// source fields, with the same meaning and checks.
#[derive(Debug, Clone)]
pub(crate) struct Reviewed<'a> {
    /// `article` or `snippet`, for messages.
    pub(crate) what: &'static str,
    /// Its file.
    pub(crate) file: &'a SourceFile,
    /// Where its front matter is in the file (empty when it has none).
    pub(crate) yaml: Range<usize>,
    /// `last_reviewed`.
    pub(crate) last_reviewed: Option<Date>,
    /// `next_review` as written.
    pub(crate) next_review: Option<Date>,
    /// `reviewed_by`.
    pub(crate) reviewed_by: Option<&'a Reviewer>,
    /// `sources`.
    pub(crate) sources: &'a [Source],
}

impl<'a> Reviewed<'a> {
    /// An article's review data.
    pub(crate) fn page(page: &'a Page) -> Self {
        let m = &page.meta;
        Reviewed {
            what: "article",
            file: &page.file,
            yaml: page.yaml.clone(),
            last_reviewed: m.last_reviewed,
            next_review: m.next_review,
            reviewed_by: m.reviewed_by.as_ref(),
            sources: &m.sources,
        }
    }

    /// A snippet's review data.
    pub(crate) fn snippet(snippet: &'a Snippet) -> Self {
        let m = &snippet.meta;
        Reviewed {
            what: "snippet",
            file: &snippet.file,
            yaml: snippet.yaml.clone(),
            last_reviewed: m.last_reviewed,
            next_review: m.next_review,
            reviewed_by: m.reviewed_by.as_ref(),
            sources: &m.sources,
        }
    }

    /// The next review date: as written, or the last review plus the site's interval.
    pub(crate) fn next(&self, interval_years: u8) -> Option<Date> {
        self.next_review.or_else(|| {
            self.last_reviewed
                .map(|d| d.add_years(i32::from(interval_years)))
        })
    }

    /// The byte range of a front-matter key, or of the start of the file when it is absent.
    fn key_span(&self, key: &str) -> Range<usize> {
        crate::yaml::find_key(self.file, self.yaml.clone(), key, self.yaml.start)
            .unwrap_or(0..3.min(self.file.text.len()))
    }

    /// The byte range of `value` written under front-matter key `key`.
    fn value_span(&self, key: &str, value: &str) -> Range<usize> {
        crate::yaml::find_value(self.file, self.yaml.clone(), key, value)
            .unwrap_or_else(|| self.key_span(key))
    }
}

/// Checks the review dates and reviewer of an article or snippet.
pub(crate) fn check(
    doc: &Reviewed<'_>,
    config: &Config,
    today: Date,
    out: &mut Vec<Diagnostic>,
) -> Review {
    let page = doc;
    let meta = doc;
    let file = doc.file;
    let what = doc.what;
    let next = doc.next(config.review_interval_years);
    if let Some(last) = meta.last_reviewed
        && last > today
    {
        out.push(
            Diagnostic::error(
                Code::ReviewFuture,
                format!(
                    "`last_reviewed` is {}, after today ({})",
                    last.long(),
                    today.long()
                ),
            )
            .at(file, page.value_span("last_reviewed", &last.to_string()))
            .label("a review cannot be in the future")
            .help("write the date the clinical review really took place"),
        );
    }
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
            Diagnostic::warning(
                Code::ReviewMissing,
                format!("{what} has no `last_reviewed` date"),
            )
            .at(file, page.key_span("last_reviewed"))
            .help(
                "add `last_reviewed: YYYY-MM-DD`, the date a clinician last checked the whole page",
            ),
        );
    }
    if meta
        .reviewed_by
        .as_ref()
        .is_none_or(|r| r.name.trim().is_empty())
    {
        out.push(
            Diagnostic::warning(
                Code::ReviewMissing,
                format!("{what} does not say who reviewed it"),
            )
            .at(file, page.key_span("reviewed_by"))
            .help("add `reviewed_by: {name: ..., role: ...}` with the clinician who checked it"),
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
                    .help(format!("have a clinician review the {}, then update `last_reviewed` and `next_review`", if what == "snippet" { "snippet" } else { "page" })),
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

/// Checks the `sources:` of an article or snippet: present, complete, not too old at the last
/// review, and not added after it.
pub(crate) fn check_sources(doc: &Reviewed<'_>, config: &Config, out: &mut Vec<Diagnostic>) {
    let page = doc;
    let meta = doc;
    let file = doc.file;
    if meta.sources.is_empty() {
        out.push(
            Diagnostic::warning(Code::SourcesMissing, format!("{} has no sources", doc.what))
                .at(file, page.key_span("sources"))
                .help("add `sources:` listing the evidence behind the page (title, publisher, url, accessed)"),
        );
        return;
    }
    for source in meta.sources {
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
            (Some(accessed), Some(last)) if accessed > last => out.push(
                Diagnostic::warning(
                    Code::SourceAfterReview,
                    format!(
                        "source `{}` was accessed on {}, after the last review ({})",
                        source.title,
                        accessed.long(),
                        last.long()
                    ),
                )
                .at(file, after(page, &span, &accessed.to_string()))
                .label("the clinical review did not cover this source")
                .help("have a clinician review the page with this source, then update `last_reviewed`"),
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
fn after(page: &Reviewed<'_>, anchor: &Range<usize>, value: &str) -> Range<usize> {
    let end = page.yaml.end.max(anchor.end);
    page.file.text[anchor.end..end]
        .find(value)
        .map(|i| anchor.end + i..anchor.end + i + value.len())
        .unwrap_or_else(|| anchor.clone())
}
