//! `medleaf build`.

use super::args::BuildArgs;
use super::print;

/// Builds the site and prints what happened.
pub(crate) fn run(args: BuildArgs) -> i32 {
    let timings = args.timings;
    let mut o = args.site.options();
    o.output = args.output;
    o.base_url = args.base_url;
    o.report = args.report;
    let report = match medleaf::build(&o) {
        Ok(report) => report,
        Err(e) => return print::fail(&e),
    };
    if !print::build(
        &report,
        "build failed: {pages} pages checked in {ms} ms; nothing was written",
    ) {
        return print::CONTENT_ERRORS;
    }
    if timings {
        let parts: Vec<String> = report
            .timings
            .0
            .iter()
            .map(|lap| {
                format!(
                    "{} {} ms ({} ms CPU)",
                    lap.stage,
                    lap.wall.as_millis(),
                    lap.cpu.as_millis()
                )
            })
            .collect();
        eprintln!("timings: {}", parts.join(", "));
    }
    0
}
