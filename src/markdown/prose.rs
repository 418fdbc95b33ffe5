//! Pass: the page's prose (paragraphs, list items, definitions) and the text of its table rows,
//! with where each piece comes from, for readability and search. It reads the stream after
//! every rewriting pass, so it sees the words a reader sees.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Prose;
use super::events::{Ev, Mark, Src};

/// Collects the prose of paragraphs and list items, leaving out headings, code, tables, raw
/// HTML and care-card headings; and the text of table rows, one unit per row.
pub(super) fn collect(events: &[Ev<'_>]) -> (Vec<Prose>, Vec<Prose>) {
    let mut done = Vec::new();
    let mut rows = Vec::new();
    let mut open: Vec<Prose> = Vec::new();
    let mut row: Option<Prose> = None;
    let mut blocked = 0usize;
    let mut in_card_heading = false;
    // The index of the heading the text comes under: headings are counted in document order,
    // as the headings pass listed them.
    let mut section: Option<usize> = None;
    let mut headings_seen = 0;
    let unit = |section| Prose {
        section,
        ..Prose::default()
    };
    // Text pieces in document order: a unit's place is that of its first piece.
    let mut pieces = 0usize;
    let mut push = |p: &mut Prose, src: Src, offset: usize, t: &str| {
        if p.origins.is_empty() {
            p.src = src;
            p.order = pieces;
        }
        pieces += 1;
        p.origins.push((p.text.len(), offset));
        p.text.push_str(t);
    };
    for ev in events {
        let range = &ev.range;
        match &ev.event {
            Event::Start(Tag::Paragraph | Tag::Item | Tag::DefinitionListDefinition) => {
                open.push(unit(section))
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::DefinitionListDefinition) => {
                if let Some(p) = open.pop()
                    && !p.text.trim().is_empty()
                {
                    done.push(p);
                }
            }
            Event::Start(Tag::TableRow | Tag::TableHead) => row = Some(unit(section)),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => {
                if let Some(r) = row.take()
                    && !r.text.trim().is_empty()
                {
                    rows.push(r);
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(r) = row.as_mut() {
                    r.text.push_str(". ");
                }
            }
            Event::Start(Tag::Heading { .. }) => {
                section = Some(headings_seen);
                headings_seen += 1;
                blocked += 1;
            }
            Event::Start(Tag::CodeBlock(_) | Tag::Table(_) | Tag::HtmlBlock) => blocked += 1,
            Event::End(
                TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Table | TagEnd::HtmlBlock,
            ) => blocked -= 1,
            _ if ev.mark == Mark::CardHeadingStart => in_card_heading = true,
            _ if ev.mark == Mark::CardHeadingEnd => in_card_heading = false,
            Event::Text(t) if row.is_some() => {
                if let Some(r) = row.as_mut() {
                    push(r, ev.src, range.start, t);
                }
            }
            Event::Text(t) if blocked == 0 && !in_card_heading => {
                if let Some(p) = open.last_mut() {
                    push(p, ev.src, range.start, t);
                }
            }
            Event::SoftBreak | Event::HardBreak if blocked == 0 => {
                if let Some(p) = open.last_mut() {
                    p.text.push(' ');
                }
            }
            _ => {}
        }
    }
    (done, rows)
}
