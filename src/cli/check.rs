//! `medleaf check`.

use super::args::{CheckArgs, Format};
use super::print;
use super::print::outln;

/// Checks the site and prints the diagnostics, as text or as one JSON document.
pub(crate) fn run(args: CheckArgs) -> i32 {
    let format = args.format;
    let report = match medleaf::check(&args.site.options()) {
        Ok(report) => report,
        Err(e) => return print::fail(&e),
    };
    match format {
        Format::Json => {
            let text =
                serde_json::to_string_pretty(&report).expect("the check report always serialises");
            outln!("{text}");
        }
        Format::Human => {
            print::diagnostics_and_summary(&report.diagnostics);
            let grade = report
                .summary
                .median_grade
                .map(|g| format!("; median reading grade {g:.1}"))
                .unwrap_or_default();
            outln!(
                "checked {}: {}, {}{grade}",
                count(report.summary.pages, "page"),
                count(report.summary.errors, "error"),
                count(report.summary.warnings, "warning"),
            );
            for l in &report.languages {
                outln!(
                    "  {} ({}): {}; {} of {} translated, {} stale",
                    l.code,
                    l.tag,
                    count(l.pages, "page"),
                    l.translated,
                    count(l.sources, "page"),
                    l.stale
                );
            }
        }
    }
    if report.summary.errors > 0 {
        print::CONTENT_ERRORS
    } else {
        0
    }
}

/// `1 page`, `2 pages`, `0 errors`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
