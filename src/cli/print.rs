//! Printing: diagnostics like a compiler's and the one-line summaries.

use std::io::IsTerminal;

use medleaf::{Diagnostic, Error, Report};

/// The exit code for content errors.
pub(crate) const CONTENT_ERRORS: i32 = 1;
/// The exit code for usage and I/O errors.
pub(crate) const USAGE_OR_IO: i32 = 2;

/// Whether to colour diagnostics: only on a terminal, and never with `NO_COLOR`.
pub(crate) fn use_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Prints diagnostics to stderr.
pub(crate) fn diagnostics(diagnostics: &[Diagnostic]) {
    let color = use_color();
    for d in diagnostics {
        eprintln!("{}\n", medleaf::render_diagnostic(d, color));
    }
}

/// Prints diagnostics and the summary line.
pub(crate) fn diagnostics_and_summary(list: &[Diagnostic]) {
    diagnostics(list);
    if let Some(summary) = medleaf::summary(list) {
        eprintln!("{summary}");
    }
}

/// Prints an error that stopped the run and gives its exit code.
pub(crate) fn fail(e: &Error) -> i32 {
    eprintln!("error: {e}");
    USAGE_OR_IO
}

fn summary_tail(report: &Report) -> String {
    let w = match report.warnings() {
        0 => String::new(),
        1 => ", 1 warning".to_owned(),
        n => format!(", {n} warnings"),
    };
    let grade = report
        .median_grade
        .map(|g| format!("; median reading grade {g:.1}"))
        .unwrap_or_default();
    let search = report
        .search
        .map(|s| {
            format!(
                "; search index: {} pages, {:.1} MB in {} ms",
                s.pages,
                s.bytes as f64 / 1e6,
                s.elapsed.as_millis()
            )
        })
        .unwrap_or_default();
    let i = report.images;
    let images = if i.images > 0 {
        format!(
            "; images: {} shown, {} encoded, {} from the cache",
            i.images, i.encoded, i.cached
        )
    } else {
        String::new()
    };
    format!("0 errors{w}{grade}{search}{images}")
}

/// Prints a build's diagnostics and its summary line: `built N pages in M ms (...)` on
/// stdout, or `failed` (with `{pages}` and `{ms}` filled in) on stderr when it has errors.
/// Returns whether it built without errors.
pub(crate) fn build(report: &Report, failed: &str) -> bool {
    diagnostics_and_summary(&report.diagnostics);
    let ms = report.elapsed.as_millis();
    if report.has_errors() {
        eprintln!(
            "{}",
            failed
                .replace("{pages}", &report.pages.to_string())
                .replace("{ms}", &ms.to_string())
        );
        return false;
    }
    println!(
        "built {} pages in {ms} ms ({})",
        report.pages,
        summary_tail(report)
    );
    true
}
