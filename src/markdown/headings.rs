//! Pass: every heading gets a unique id; the table of contents and the outline lints.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag};

use super::events::{Events, Files, matching_end, plain_text};
use super::{Body, TocEntry};
use crate::diagnostics::{Code, Diagnostic};
use crate::slug::{IdSet, slugify};
use crate::theme::RESERVED_IDS;

/// The heading level as a number (1-6).
pub(super) fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Gives every heading a unique id, builds the table of contents and checks the outline.
pub(super) fn run<'a>(mut events: Events<'a>, files: &Files<'_>, out: &mut Body) -> Events<'a> {
    let mut ids = IdSet::with_reserved(RESERVED_IDS);
    // The page title is the h1.
    let mut previous = 1u8;
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i].event {
            let level = *level;
            let end = matching_end(&events, i);
            let title = plain_text(&events[i + 1..end]);
            let range = events[i].range.clone();
            let file = files.get(events[i].src);
            let explicit = id.as_ref().map(|s| s.to_string());
            let new_id = match explicit {
                Some(wanted) => {
                    if !ids.insert(&wanted) {
                        out.diagnostics.push(
                            Diagnostic::warning(
                                Code::DuplicateId,
                                format!("the id `{wanted}` is used twice on this page"),
                            )
                            .at(file, range.clone())
                            .help("give each heading its own `{#id}`"),
                        );
                    }
                    wanted
                }
                None => ids.unique(&slugify(&title)),
            };
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].event {
                *id = Some(CowStr::from(new_id.clone()));
            }
            let n = level_number(level);
            if n == 1 {
                out.diagnostics.push(
                    Diagnostic::warning(Code::HeadingH1, "a second top-level heading")
                        .at(file, range.clone())
                        .label("the page title is already the page's only `#` heading")
                        .help("start sections with `##`"),
                );
            } else if n > previous + 1 {
                out.diagnostics.push(
                    Diagnostic::warning(
                        Code::HeadingSkip,
                        format!("heading level skipped: h{previous} to h{n}"),
                    )
                    .at(file, range.clone())
                    .label(format!("this is a level-{n} heading"))
                    .help(format!(
                        "use {} here so screen-reader users can follow the outline",
                        "#".repeat(usize::from(previous) + 1)
                    )),
                );
            }
            previous = n;
            let entry = TocEntry {
                level: n,
                id: new_id.clone(),
                title: title.trim().to_owned(),
            };
            if n == 2 || n == 3 {
                out.toc.push(entry.clone());
            }
            out.headings.push(entry);
            out.ids.insert(new_id);
            i = end;
        }
        i += 1;
    }
    rename_clashing_footnotes(events, &mut ids)
}

/// A footnote's id is its name (`[^notes]` → `id="notes"`): one that a heading (or the layout)
/// already has gets a unique one instead (`notes-1`), in its definition and in every reference
/// to it, so the reference jumps to the note and not to the heading (issue 19).
fn rename_clashing_footnotes<'a>(mut events: Events<'a>, ids: &mut IdSet) -> Events<'a> {
    let mut renamed: Vec<(String, String)> = Vec::new();
    for ev in &events {
        if let Event::Start(Tag::FootnoteDefinition(name)) = &ev.event
            && !ids.insert(name)
            && !renamed.iter().any(|(from, _)| from == name.as_ref())
        {
            renamed.push((name.to_string(), ids.unique(name)));
        }
    }
    if renamed.is_empty() {
        return events;
    }
    let new_name = |name: &str| {
        renamed
            .iter()
            .find(|(from, _)| from == name)
            .map(|(_, to)| CowStr::from(to.clone()))
    };
    for ev in &mut events {
        match &mut ev.event {
            Event::Start(Tag::FootnoteDefinition(name)) | Event::FootnoteReference(name) => {
                if let Some(to) = new_name(name) {
                    *name = to;
                }
            }
            _ => {}
        }
    }
    events
}
