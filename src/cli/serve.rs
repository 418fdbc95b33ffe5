//! `medleaf serve`.

use medleaf::{Scope, ServeEvent as Event, ServeOptions};

use super::args::ServeArgs;
use super::print;
use super::print::{errln, outln};

/// Serves the site until Ctrl-C, printing each rebuild.
pub(crate) fn run(args: ServeArgs) -> i32 {
    let options = ServeOptions {
        site: args.site.options(),
        bind: args.bind,
        port: args.port,
        open: args.open,
        request_timeout: std::time::Duration::from_millis(args.request_timeout_ms),
    };
    match medleaf::serve(options, &mut show) {
        Ok(()) => 0,
        Err(e) => print::fail(&e),
    }
}

fn show(event: Event) {
    match event {
        Event::Listening(url) => outln!("serving the site at {url} (Ctrl-C to stop)"),
        Event::Changed(paths) => {
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            outln!("changed: {}", names.join(", "));
        }
        Event::Built(report) => {
            print::build(
                &report,
                "built {pages} pages in {ms} ms with errors: serving them with the errors shown over every page",
            );
        }
        Event::Rebuilt(rebuild) => {
            print::diagnostics(&rebuild.diagnostics);
            let ms = rebuild.elapsed.as_millis();
            let scope = match &rebuild.scope {
                Scope::Pages => "pages".to_owned(),
                Scope::Files => "files".to_owned(),
                Scope::Templates => "every page (a template changed)".to_owned(),
                Scope::Full(why) => format!("the whole site ({why})"),
            };
            if rebuild.served {
                outln!(
                    "rebuilt {scope} in {ms} ms: {} files changed ({} errors, {} warnings)",
                    rebuild.files,
                    rebuild.errors,
                    rebuild.warnings
                );
            } else {
                errln!("rebuild of {scope} failed in {ms} ms: still serving the last good site");
            }
        }
        Event::Problem(e) => errln!("error: {e}"),
    }
}
