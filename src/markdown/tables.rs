//! Pass: tables scroll sideways on narrow screens instead of breaking the layout; tables
//! without a header row are reported.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Body;
use super::events::{Events, Files, matching_end, plain_text};
use crate::diagnostics::{Code, Diagnostic};
use crate::i18n::Strings;

/// Wraps each table in a focusable, labelled scrolling region and checks its header row.
pub(super) fn run<'a>(
    events: Events<'a>,
    strings: &Strings,
    files: &Files<'_>,
    out: &mut Body,
) -> Events<'a> {
    if !events
        .iter()
        .any(|ev| matches!(ev.event, Event::Start(Tag::Table(_))))
    {
        return events;
    }
    let mut result: Events = Vec::with_capacity(events.len() + 8);
    let mut count = 0;
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Table(_)) = &events[i].event {
            count += 1;
            let end = matching_end(&events, i);
            let range = events[i].range.clone();
            let head_empty = events[i + 1..end]
                .iter()
                .position(|ev| matches!(ev.event, Event::End(TagEnd::TableHead)))
                .is_none_or(|head_end| {
                    plain_text(&events[i + 1..i + 1 + head_end])
                        .trim()
                        .is_empty()
                });
            if head_empty {
                out.diagnostics.push(
                    Diagnostic::warning(Code::TableHeader, "table without a header row")
                        .at(files.get(events[i].src), range.clone())
                        .help("put column names in the first row, so screen readers can announce them"),
                );
            }
            let label = crate::html::escape(
                &strings.fill("table_label", &[("number", &count.to_string())]),
            );
            result.push(events[i].html_here(format!(
                "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{label}\">\n"
            )));
            result.extend(events[i..=end].iter().cloned());
            result.push(events[i].html_here("</div>\n".to_owned()));
            i = end + 1;
            continue;
        }
        result.push(events[i].clone());
        i += 1;
    }
    result
}
