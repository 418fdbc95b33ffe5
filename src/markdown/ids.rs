//! Pass: the fragment ids raw HTML and footnotes add to the page, for anchor checks (the
//! footnotes pass writes its notes' ids as raw HTML, `fn-x` and `fnref-x`).

use std::collections::BTreeSet;

use pulldown_cmark::{Event, Tag};

use super::events::Ev;

/// Adds `id="..."` attributes found in raw HTML and footnote definitions to the page's ids.
pub(super) fn collect(events: &[Ev<'_>], ids: &mut BTreeSet<String>) {
    for ev in events {
        match &ev.event {
            Event::Html(html) | Event::InlineHtml(html) => {
                let mut rest: &str = html;
                while let Some(i) = rest.find(" id=\"") {
                    let after = &rest[i + 5..];
                    if let Some(end) = after.find('"') {
                        ids.insert(after[..end].to_owned());
                    }
                    rest = after;
                }
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                ids.insert(name.to_string());
            }
            _ => {}
        }
    }
}
