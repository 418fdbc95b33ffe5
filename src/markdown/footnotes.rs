//! Pass: footnotes at the end of the page (issue 14), numbered in reading order, each with a
//! link back to where it is cited.
//!
//! pulldown-cmark writes a footnote where its definition stands (often mid-article) with the
//! author's label as its id (`id="1"`), which can collide with a heading's. Here every
//! definition is taken out of the stream and written, in the order of first citation, in one
//! list after the body; a reference becomes `<sup><a id="fnref-x" href="#fn-x">1</a></sup>`
//! and the note ends with a link back to it (`#fnref-x`, `#fnref-x-2` for a second citation).
//! An id that a heading or the author's raw HTML already uses is reported (`duplicate-id`) and
//! given a suffix, so the page never holds one id twice. A definition never cited is listed
//! after the cited ones, without a back-link.

use std::collections::{BTreeMap, BTreeSet};

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Body;
use super::events::{Ev, Events, Files};
use crate::diagnostics::{Code, Diagnostic};
use crate::html::escape;
use crate::i18n::Strings;
use crate::slug::slugify;

/// One footnote: its events, where it was defined, and how often it is cited.
struct Note<'a> {
    body: Vec<Ev<'a>>,
    /// The id of the note itself (`fn-x`) and the stem of its back-link targets (`fnref-x`).
    id: String,
    back: String,
    cited: usize,
    number: usize,
}

/// Moves footnote definitions to the end and links references and notes both ways.
pub(super) fn run<'a>(
    events: Events<'a>,
    strings: &Strings,
    files: &Files<'_>,
    out: &mut Body,
) -> Events<'a> {
    if !events.iter().any(|e| {
        matches!(
            e.event,
            Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_))
        )
    }) {
        return events;
    }
    // Ids already on the page: headings and the author's raw HTML.
    let mut taken: BTreeSet<String> = out.headings.iter().map(|h| h.id.clone()).collect();
    super::ids::raw_ids(&events, &mut taken);

    // Take the definitions out, in source order.
    let mut notes: BTreeMap<String, Note<'a>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut rest: Events<'a> = Vec::with_capacity(events.len());
    let mut current: Option<(String, Vec<Ev<'a>>, Ev<'a>)> = None;
    let mut depth = 0usize;
    for ev in events {
        if let Some((_, body, _)) = &mut current {
            match &ev.event {
                Event::Start(Tag::FootnoteDefinition(_)) => depth += 1,
                Event::End(TagEnd::FootnoteDefinition) if depth == 0 => {
                    let (name, body, start) = current.take().expect("inside a definition");
                    if notes.contains_key(&name) {
                        continue;
                    }
                    let (id, back) = ids_for(&name, &mut taken, &start, files, out);
                    order.push(name.clone());
                    notes.insert(
                        name,
                        Note {
                            body,
                            id,
                            back,
                            cited: 0,
                            number: 0,
                        },
                    );
                    continue;
                }
                Event::End(TagEnd::FootnoteDefinition) => depth -= 1,
                _ => {}
            }
            body.push(ev);
            continue;
        }
        if let Event::Start(Tag::FootnoteDefinition(name)) = &ev.event {
            current = Some((name.to_string(), Vec::new(), ev.clone()));
            continue;
        }
        rest.push(ev);
    }

    // Number the notes in the order they are first cited; link each citation.
    let mut next = 0;
    let mut result: Events<'a> = Vec::with_capacity(rest.len() + notes.len() * 4);
    for ev in rest {
        let Event::FootnoteReference(name) = &ev.event else {
            result.push(ev);
            continue;
        };
        let Some(note) = notes.get_mut(name.as_ref()) else {
            result.push(ev.here(Event::Text(CowStr::from(format!("[^{name}]")))));
            continue;
        };
        if note.number == 0 {
            next += 1;
            note.number = next;
        }
        note.cited += 1;
        let back = back_id(&note.back, note.cited);
        result.push(ev.here(Event::InlineHtml(CowStr::from(format!(
            "<sup class=\"footnote-ref\"><a id=\"{back}\" href=\"#{id}\" aria-describedby=\"footnotes-label\">{n}</a></sup>",
            id = note.id,
            n = note.number,
        )))));
    }
    let Some(last) = result.last().cloned() else {
        return result;
    };
    // Notes never cited come after the cited ones, in source order.
    for name in &order {
        let note = notes.get_mut(name).expect("listed");
        if note.number == 0 {
            next += 1;
            note.number = next;
        }
    }
    let mut listed: Vec<&mut Note<'a>> = notes.values_mut().collect();
    listed.sort_by_key(|n| n.number);
    result.push(last.html_here(format!(
        "<section class=\"footnotes\" id=\"footnotes\" aria-labelledby=\"footnotes-label\">\n<h2 id=\"footnotes-label\" class=\"footnotes__heading\">{}</h2>\n<ol class=\"footnotes__list\">\n",
        escape(strings.get("footnotes"))
    )));
    for note in listed {
        result.push(last.html_here(format!("<li id=\"{}\">\n", note.id)));
        result.append(&mut note.body);
        let mut backs = String::new();
        for k in 1..=note.cited {
            let mut label = strings
                .get("footnote_back")
                .replace("{number}", &note.number.to_string());
            let suffix = if note.cited > 1 {
                label.push_str(&format!(" ({k})"));
                format!("<sup>{k}</sup>")
            } else {
                String::new()
            };
            // The arrow is a picture; the words are what the link says.
            backs.push_str(&format!(
                " <a class=\"footnote-back\" href=\"#{}\"><span aria-hidden=\"true\">↩{suffix}</span><span class=\"visually-hidden\">{}</span></a>",
                back_id(&note.back, k),
                escape(&label),
            ));
        }
        result.push(last.html_here(format!("<p class=\"footnote-backs\">{backs}</p></li>\n")));
    }
    result.push(last.html_here("</ol>\n</section>\n".to_owned()));
    result
}

/// The id of citation `k` (from 1) of a note whose back-link stem is `back`.
fn back_id(back: &str, k: usize) -> String {
    if k == 1 {
        back.to_owned()
    } else {
        format!("{back}-{k}")
    }
}

/// The note's id (`fn-x`) and its citations' stem (`fnref-x`), unique on the page: an id already
/// taken is reported and given a suffix.
fn ids_for(
    name: &str,
    taken: &mut BTreeSet<String>,
    start: &Ev<'_>,
    files: &Files<'_>,
    out: &mut Body,
) -> (String, String) {
    let slug = match slugify(name) {
        s if s.is_empty() => "note".to_owned(),
        s => s,
    };
    let mut n = 1;
    loop {
        let stem = if n == 1 {
            slug.clone()
        } else {
            format!("{slug}-{n}")
        };
        let id = format!("fn-{stem}");
        let back = format!("fnref-{stem}");
        // Second citations use `fnref-x-2`...; reserve a few.
        let clash = [&id, &back].into_iter().find(|i| taken.contains(*i));
        match clash {
            None => {
                taken.insert(id.clone());
                for k in 1..=9 {
                    taken.insert(back_id(&back, k));
                }
                return (id, back);
            }
            Some(used) if n == 1 => {
                out.diagnostics.push(
                    Diagnostic::warning(
                        Code::DuplicateId,
                        format!("the footnote `[^{name}]` would use the id `{used}`, which this page already uses"),
                    )
                    .at(files.get(start.src), start.range.clone())
                    .label("this footnote")
                    .help(format!("rename the footnote or the heading; the footnote was given `fn-{slug}-2` meanwhile")),
                );
            }
            Some(_) => {}
        }
        n += 1;
    }
}
