//! `medleaf check`.

use std::io::{IsTerminal, Write};

use super::args::{CheckArgs, Format};
use super::print;
use super::print::outln;

/// Checks the site and prints the diagnostics, as text, one JSON document or the HTML review
/// dashboard.
pub(crate) fn run(args: CheckArgs) -> i32 {
    let CheckArgs {
        site,
        format,
        external,
        refresh,
        output,
    } = args;
    if format == Format::Human && output.is_some() {
        return print::fail(&medleaf::Error::Usage(
            "`--output` writes JSON or HTML: add `--format json` or `--format html`".to_owned(),
        ));
    }
    let options = site.options();
    let external = external.then(|| medleaf::ExternalOptions {
        refresh,
        // Progress only on a terminal: a pipe or a CI log gets nothing extra.
        progress: std::io::stderr()
            .is_terminal()
            .then(|| Box::new(progress) as Box<dyn Fn(medleaf::Progress) + Sync>),
    });
    let report = match medleaf::check_with(&options, external.as_ref()) {
        Ok(report) => report,
        Err(e) => return print::fail(&e),
    };
    if external.as_ref().is_some_and(|e| e.progress.is_some()) {
        // Clears the progress line (nothing to do if standard error has gone).
        let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
    }
    let document = match format {
        Format::Json => Some(
            serde_json::to_string_pretty(&report).expect("the check report always serialises")
                + "\n",
        ),
        Format::Html => Some(medleaf::dashboard(&report)),
        Format::Human => None,
    };
    match (document, output) {
        (Some(text), Some(path)) => {
            if let Err(e) = std::fs::write(&path, text) {
                return print::fail(&medleaf::Error::io("cannot write", &path)(e));
            }
        }
        (Some(text), None) => outln!("{}", text.strip_suffix('\n').unwrap_or(&text)),
        (None, _) => {
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
            if let Some(x) = &report.external {
                let failing = x.links.iter().filter(|l| l.outcome != "ok").count();
                outln!(
                    "  external: {} checked ({} fetched, {} from the cache), {} skipped; {} failing or moved",
                    count(x.addresses - x.skipped, "address"),
                    x.fetched,
                    x.cached,
                    x.skipped,
                    failing
                );
            }
            if !report.allowed.is_empty() {
                outln!(
                    "  allowed checks: {}",
                    report
                        .allowed
                        .iter()
                        .map(|a| format!("{} allows {} ({})", a.file, a.code, a.reason))
                        .collect::<Vec<_>>()
                        .join(", ")
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

/// The progress line of `--external` on a terminal: checked / total, failures so far.
fn progress(p: medleaf::Progress) {
    let mut err = std::io::stderr().lock();
    let _ = write!(
        err,
        "\r\x1b[2Kchecking external links: {}/{}, {} failing",
        p.checked, p.total, p.failing
    );
    let _ = err.flush();
}

/// `1 page`, `2 pages`, `0 errors`.
fn count(n: usize, noun: &str) -> String {
    match (n, noun) {
        (1, _) => format!("1 {noun}"),
        (_, "address") => format!("{n} addresses"),
        _ => format!("{n} {noun}s"),
    }
}
