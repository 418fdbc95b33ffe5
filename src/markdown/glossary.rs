//! Pass: the first use of each glossary term on a page links to its entry.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use rustc_hash::FxHashSet as HashSet;

use super::Body;
use super::events::{Events, Mark};
use crate::glossary::Glossary;
use crate::html::escape;
use crate::urls;

/// Elements written as inline raw HTML whose text is never linked: links, code, keyboard
/// input, headings, labels and anything that is not prose.
const BLOCKING_ELEMENTS: &[&str] = &[
    "a", "abbr", "button", "code", "dfn", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label",
    "math", "option", "pre", "samp", "script", "select", "style", "summary", "svg", "template",
    "textarea", "var",
];

/// Links the first use of each glossary term in the page (outside headings, links, code,
/// tables, raw HTML blocks, care-card headings, and links and code written as inline raw
/// HTML) to its entry. The term stays a text event between the link's opening and closing
/// HTML, so later passes see the words as written.
pub(super) fn run<'a>(
    events: Events<'a>,
    glossary: &Glossary,
    page_url: &str,
    glossary_url: &str,
    out: &mut Body,
) -> Events<'a> {
    let base = urls::relative(page_url, glossary_url);
    let mut result: Events = Vec::with_capacity(events.len());
    let mut used: HashSet<usize> = HashSet::default();
    let mut blocked = 0usize;
    let mut in_card_heading = false;
    let mut in_raw = 0usize;
    for ev in events {
        match &ev.event {
            Event::Start(
                Tag::Heading { .. }
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::CodeBlock(_)
                | Tag::Table(_)
                | Tag::HtmlBlock
                | Tag::MetadataBlock(_),
            ) => blocked += 1,
            Event::End(
                TagEnd::Heading(_)
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::CodeBlock
                | TagEnd::Table
                | TagEnd::HtmlBlock
                | TagEnd::MetadataBlock(_),
            ) => blocked -= 1,
            // Raw HTML an author wrote (`<a href="...">neutrophils</a>`, `<code>`): a term
            // inside it stays as written, never a link nested in a link (issue 19).
            Event::InlineHtml(html) if ev.mark == Mark::None => {
                for (name, closing) in super::html_scan::tag_names(html) {
                    if BLOCKING_ELEMENTS.contains(&name.as_str()) {
                        if closing {
                            in_raw = in_raw.saturating_sub(1);
                        } else {
                            in_raw += 1;
                        }
                    }
                }
            }
            _ if ev.mark == Mark::CardHeadingStart => in_card_heading = true,
            _ if ev.mark == Mark::CardHeadingEnd => in_card_heading = false,
            Event::Text(text) if blocked == 0 && in_raw == 0 && !in_card_heading => {
                let found = glossary.find(text, &used);
                if !found.is_empty() {
                    let text_piece = |s: &str| ev.here(Event::Text(CowStr::from(s.to_owned())));
                    let mut last = 0;
                    for (r, entry) in found {
                        used.insert(entry);
                        out.glossary_terms.push(entry);
                        if r.start > last {
                            result.push(text_piece(&text[last..r.start]));
                        }
                        let e = &glossary.entries[entry];
                        let open = format!(
                            "<a class=\"glossary-term\" href=\"{base}#{id}\" data-term=\"{term}\" data-definition=\"{def}\">",
                            id = e.id,
                            term = escape(&e.term),
                            def = escape(&e.definition),
                        );
                        result.push(ev.here(Event::InlineHtml(CowStr::from(open))));
                        result.push(text_piece(&text[r.clone()]));
                        result.push(ev.here(Event::InlineHtml(CowStr::from("</a>"))));
                        last = r.end;
                    }
                    if last < text.len() {
                        result.push(text_piece(&text[last..]));
                    }
                    continue;
                }
            }
            _ => {}
        }
        result.push(ev);
    }
    result
}
