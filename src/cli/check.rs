//! `medleaf check`.

use super::args::{CheckArgs, Format};
use super::print;

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
            println!("{text}");
        }
        Format::Human => {
            print::diagnostics_and_summary(&report.diagnostics);
            let grade = report
                .summary
                .median_grade
                .map(|g| format!("; median reading grade {g:.1}"))
                .unwrap_or_default();
            println!(
                "checked {} pages: {} errors, {} warnings{grade}",
                report.summary.pages, report.summary.errors, report.summary.warnings
            );
            for l in &report.languages {
                println!(
                    "  {} ({}): {} pages; {} of {} pages translated, {} stale",
                    l.code, l.tag, l.pages, l.translated, l.sources, l.stale
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
