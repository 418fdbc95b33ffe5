//! Printing: diagnostics like a compiler's and the one-line summaries.
//!
//! Every line the command line writes goes through [`out`] and [`err`] (the `outln!` and
//! `errln!` macros), never `println!`, which panics when the reader has gone: with
//! `medleaf check --format json | head -c 10`, the pipe closes early and the run ends quietly
//! (issue 16), as `ls | head` does. Once a stream fails, later writes to it are skipped; the
//! exit code is still the command's.

use std::fmt::Arguments;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use medleaf::{Diagnostic, Error, Report};

/// The exit code for content errors.
pub(crate) const CONTENT_ERRORS: i32 = 1;
/// The exit code for usage and I/O errors.
pub(crate) const USAGE_OR_IO: i32 = 2;

/// Whether standard output, and standard error, have failed (a closed pipe, a full disk).
static STDOUT_GONE: AtomicBool = AtomicBool::new(false);
static STDERR_GONE: AtomicBool = AtomicBool::new(false);

/// Writes one line to standard output; a failed write (a reader that went away) silences
/// standard output for the rest of the run instead of panicking.
pub(crate) fn out(args: Arguments<'_>) {
    write_line(&mut std::io::stdout().lock(), &STDOUT_GONE, args);
}

/// Writes one line to standard error, like [`out`].
pub(crate) fn err(args: Arguments<'_>) {
    write_line(&mut std::io::stderr().lock(), &STDERR_GONE, args);
}

fn write_line(stream: &mut impl Write, gone: &AtomicBool, args: Arguments<'_>) {
    if gone.load(Ordering::Relaxed) {
        return;
    }
    let written = stream
        .write_fmt(args)
        .and_then(|()| stream.write_all(b"\n"))
        .and_then(|()| stream.flush());
    if written.is_err() {
        gone.store(true, Ordering::Relaxed);
    }
}

/// `println!` that never panics: see [`out`].
macro_rules! outln {
    ($($arg:tt)*) => { $crate::cli::print::out(format_args!($($arg)*)) };
}

/// `eprintln!` that never panics: see [`err`].
macro_rules! errln {
    ($($arg:tt)*) => { $crate::cli::print::err(format_args!($($arg)*)) };
}

pub(crate) use {errln, outln};

/// Whether to colour diagnostics: only on a terminal, and never with `NO_COLOR`.
pub(crate) fn use_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Prints diagnostics to stderr.
pub(crate) fn diagnostics(diagnostics: &[Diagnostic]) {
    let color = use_color();
    for d in diagnostics {
        errln!("{}\n", medleaf::render_diagnostic(d, color));
    }
}

/// Prints diagnostics and the summary line.
pub(crate) fn diagnostics_and_summary(list: &[Diagnostic]) {
    diagnostics(list);
    if let Some(summary) = medleaf::summary(list) {
        errln!("{summary}");
    }
}

/// Prints an error that stopped the run and gives its exit code.
pub(crate) fn fail(e: &Error) -> i32 {
    errln!("error: {e}");
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
    let raw = if report.raw_html_allowed {
        "; raw HTML is allowed and passed through unsanitized (`markdown.raw_html: allow`)"
    } else {
        ""
    };
    let i = report.images;
    let images = if i.images > 0 {
        format!(
            "; images: {} shown, {} encoded, {} from the cache, {} sources read",
            i.images, i.encoded, i.cached, i.read
        )
    } else {
        String::new()
    };
    format!("0 errors{w}{grade}{search}{images}{raw}")
}

/// Prints a build's diagnostics and its summary line: `built N pages in M ms (...)` on
/// stdout, or `failed` (with `{pages}` and `{ms}` filled in) on stderr when it has errors.
/// Returns whether it built without errors.
pub(crate) fn build(report: &Report, failed: &str) -> bool {
    diagnostics_and_summary(&report.diagnostics);
    let ms = report.elapsed.as_millis();
    if report.has_errors() {
        errln!(
            "{}",
            failed
                .replace("{pages}", &report.pages.to_string())
                .replace("{ms}", &ms.to_string())
        );
        return false;
    }
    outln!(
        "built {} pages in {ms} ms ({})",
        report.pages,
        summary_tail(report)
    );
    true
}
