//! Pass: the fragment ids raw HTML and footnotes add to the page, for anchor checks; an id
//! given twice (a heading and a footnote, a heading and a raw HTML element) is reported,
//! since a link to it can reach only the first.

use pulldown_cmark::{Event, Tag};

use super::Body;
use super::events::{Ev, Files};
use super::html_scan::{Token, tokenize};
use crate::diagnostics::{Code, Diagnostic};

/// Adds `id` attributes found in raw HTML and footnote definitions to the page's ids (which
/// already hold the headings'), reporting those the page already has.
pub(super) fn collect(events: &[Ev<'_>], files: &Files<'_>, out: &mut Body) {
    for ev in events {
        let (found, what): (Vec<String>, &str) = match &ev.event {
            Event::Html(_) | Event::InlineHtml(_) => match authors_html_ids(ev) {
                Some(ids) => (ids, "an element in raw HTML"),
                None => continue,
            },
            Event::Start(Tag::FootnoteDefinition(name)) => (vec![name.to_string()], "a footnote"),
            _ => continue,
        };
        for id in found {
            if id.is_empty() {
                continue;
            }
            if crate::theme::RESERVED_IDS.contains(&id.as_str()) {
                out.diagnostics.push(
                    Diagnostic::warning(
                        Code::DuplicateId,
                        format!("the id `{id}` is used by the page's layout"),
                    )
                    .at(files.get(ev.src), ev.range.clone())
                    .label(format!(
                        "{what} takes an id the theme gives to part of every page"
                    ))
                    .help("choose another id: links to this one go to the layout's element"),
                );
                continue;
            }
            if !out.ids.insert(id.clone()) {
                out.diagnostics.push(
                    Diagnostic::warning(
                        Code::DuplicateId,
                        format!("the id `{id}` is used twice on this page"),
                    )
                    .at(files.get(ev.src), ev.range.clone())
                    .label(format!("{what} takes an id that a heading or another element of this page has"))
                    .help("rename one of them: a link to `#id` can only reach the first (a heading takes `{#other-id}`)"),
                );
            }
        }
    }
}

/// The ids the author's raw HTML gives (for the footnotes pass, which must not reuse them).
pub(super) fn raw_ids(events: &[Ev<'_>], ids: &mut std::collections::BTreeSet<String>) {
    ids.extend(events.iter().filter_map(authors_html_ids).flatten());
}

/// The `id`s of the opening tags in `ev`, if it is raw HTML the author wrote (not HTML a pass
/// generated, whose ids the theme knows).
fn authors_html_ids(ev: &Ev<'_>) -> Option<Vec<String>> {
    let (Event::Html(html) | Event::InlineHtml(html)) = &ev.event else {
        return None;
    };
    (ev.mark == super::events::Mark::None).then(|| {
        tokenize(html)
            .into_iter()
            .filter_map(|t| match t {
                Token::Tag(tag) if !tag.closing => tag.attr("id")?.value.clone(),
                _ => None,
            })
            .collect()
    })
}
