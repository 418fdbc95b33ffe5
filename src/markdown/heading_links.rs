//! Pass: a link to each `h2` and `h3` (issue 14), for staff who want to send a section.
//!
//! The link follows the heading rather than sitting inside it, so a screen reader's list of
//! headings reads the headings alone; it is hidden until it has focus (or the heading is
//! hovered), and says which section it links to.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::events::Events;
use crate::html::escape;
use crate::i18n::Strings;

/// Adds `<a class="heading-link" href="#id">` after every `h2` and `h3` that has an id.
pub(super) fn run<'a>(
    events: Events<'a>,
    toc: &[super::TocEntry],
    strings: &Strings,
) -> Events<'a> {
    let mut out: Events<'a> = Vec::with_capacity(events.len() + toc.len());
    // Looked up once per heading: a scan of the list each time was quadratic in the headings
    // (100,000 headings took 20 s, issue 16).
    let titles: rustc_hash::FxHashMap<&str, &str> = toc
        .iter()
        .map(|e| (e.id.as_str(), e.title.as_str()))
        .collect();
    let mut open: Option<String> = None;
    for ev in events {
        match &ev.event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2 | HeadingLevel::H3,
                id: Some(id),
                ..
            }) => open = Some(id.to_string()),
            Event::End(TagEnd::Heading(HeadingLevel::H2 | HeadingLevel::H3)) => {
                if let Some(id) = open.take() {
                    let title = titles.get(id.as_str()).copied().unwrap_or("");
                    let label = strings.get("heading_link").replace("{title}", title);
                    let link = format!(
                        "<a class=\"heading-link\" href=\"#{}\">{}</a>\n",
                        escape(&id),
                        escape(&label)
                    );
                    out.push(ev);
                    let html = out
                        .last()
                        .expect("just pushed")
                        .here(Event::Html(CowStr::from(link)));
                    out.push(html);
                    continue;
                }
            }
            _ => {}
        }
        out.push(ev);
    }
    out
}
