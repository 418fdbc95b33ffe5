//! Pass: tables scroll sideways on narrow screens instead of breaking the layout; tables
//! without a header row are reported; column alignment becomes a class.
//!
//! pulldown-cmark writes an aligned column's cells as `<td style="text-align: right">`, which
//! the default Content-Security-Policy (no inline style) makes the browser ignore, so aligned
//! cells are written here with a class (`align-end`) the theme's style sheet aligns instead.

use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

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
            aligned_by_class(&events[i..=end], &mut result);
            result.push(events[i].html_here("</div>\n".to_owned()));
            i = end + 1;
            continue;
        }
        result.push(events[i].clone());
        i += 1;
    }
    result
}

/// The class the theme aligns a column's cells with: logical, so that a right-to-left page
/// mirrors it as it mirrors everything else.
fn align_class(alignment: Alignment) -> Option<&'static str> {
    match alignment {
        Alignment::None => None,
        Alignment::Left => Some("align-start"),
        Alignment::Center => Some("align-center"),
        Alignment::Right => Some("align-end"),
    }
}

/// Copies one table's events (`table[0]` is its start) to `out`, with the alignment taken off
/// the table and each aligned cell written as HTML with its class instead.
fn aligned_by_class<'a>(table: &[super::events::Ev<'a>], out: &mut Events<'a>) {
    let Event::Start(Tag::Table(alignments)) = &table[0].event else {
        out.extend(table.iter().cloned());
        return;
    };
    if alignments.iter().all(|a| *a == Alignment::None) {
        out.extend(table.iter().cloned());
        return;
    }
    out.push(table[0].here(Event::Start(Tag::Table(vec![
        Alignment::None;
        alignments.len()
    ]))));
    let (mut in_head, mut column) = (false, 0);
    let mut open: Vec<Option<&'static str>> = Vec::new();
    for ev in &table[1..] {
        match &ev.event {
            Event::Start(Tag::TableHead) => (in_head, column) = (true, 0),
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => column = 0,
            Event::Start(Tag::TableCell) => {
                let cell = if in_head { "th" } else { "td" };
                let class = alignments.get(column).copied().and_then(align_class);
                column += 1;
                open.push(class.map(|_| cell));
                if let Some(class) = class {
                    out.push(ev.html_here(format!("<{cell} class=\"{class}\">")));
                    continue;
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(Some(cell)) = open.pop() {
                    out.push(ev.html_here(format!("</{cell}>")));
                    continue;
                }
            }
            _ => {}
        }
        out.push(ev.clone());
    }
}
