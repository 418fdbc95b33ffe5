//! The warnings of the page a tab shows (issue 17): `serve` shows errors over every page, and
//! now each page's own warnings (reading grade, review due, missing sources, ...) in a panel
//! the author can dismiss.
//!
//! The tab asks `/__medleaf/warnings?page=<its address>`; the HTTP thread turns the address
//! into an output file and hands the question to the builder loop, which answers from the
//! latest analysed site. Nothing is computed for pages nobody is looking at, so a rebuild
//! costs the same as before.

use crate::diagnostics::{Diagnostic, EMBEDDED_BY};
use crate::pipeline::Built;

/// A tab's question: the warnings of the page at this output file (`a/index.html`), answered
/// as JSON on `reply`.
#[derive(Debug)]
pub(super) struct Request {
    /// The output file the tab shows.
    pub file: String,
    /// Where the answer goes.
    pub reply: tokio::sync::oneshot::Sender<String>,
}

/// The answer for the page written to `file`, as JSON: `page` (the output file), `source`
/// (the Markdown file, `null` when no page is written there) and `warnings` (each in
/// `check --format json`'s shape, in report order). The page's warnings are those in its own
/// file and those in the snippets it embeds.
pub(super) fn for_file(built: Option<&Built>, file: &str) -> String {
    let page = built.and_then(|b| {
        b.site
            .pages
            .iter()
            .find(|p| crate::urls::output_path(&p.url) == file)
    });
    let warnings: Vec<&Diagnostic> = match (built, page) {
        (Some(built), Some(page)) => {
            let source = page.file.display.as_str();
            let embedded = format!("`{source}`");
            built
                .diagnostics
                .iter()
                .filter(|d| !d.is_error())
                .filter(|d| {
                    d.file() == source
                        || d.note.as_deref().is_some_and(|n| {
                            n.strip_prefix(EMBEDDED_BY)
                                .is_some_and(|pages| pages.split(", ").any(|p| p == embedded))
                        })
                })
                .collect()
        }
        _ => Vec::new(),
    };
    serde_json::json!({
        "page": file,
        "source": page.map(|p| p.file.display.as_str()),
        "warnings": warnings,
    })
    .to_string()
}
