//! Pass: every link and image is resolved against the site's address table, rewritten to a
//! relative address and recorded (for the link graph and the anchor checks); link text and alt
//! text are checked.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::events::{Events, Files, Mark, matching_end, plain_text};
use super::{Body, Env, GeneratedLink, PageLink};
use crate::config::Language;
use crate::content::Page;
use crate::diagnostics::{Code, Diagnostic};
use crate::i18n::Strings;
use crate::links::index::{Problem, Resolved, Style, Target};
use crate::urls;

/// Link text that says nothing about where the link goes.
const VAGUE_LINK_TEXT: &[&str] = &[
    "click here",
    "here",
    "read more",
    "more",
    "click",
    "this",
    "this page",
    "link",
    "this link",
    "learn more",
    "find out more",
    "more info",
];

/// Resolves and rewrites every link and image, records the link graph, and checks link text and
/// alt text.
pub(super) fn run<'a>(
    mut events: Events<'a>,
    page: &Page,
    env: Env<'_>,
    files: &Files<'_>,
    out: &mut Body,
) -> Events<'a> {
    let mut i = 0;
    while i < events.len() {
        let (is_image, link_type, dest) = match &events[i].event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => (false, *link_type, dest_url.to_string()),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) => (true, *link_type, dest_url.to_string()),
            _ => {
                i += 1;
                continue;
            }
        };
        let end = matching_end(&events, i);
        let src = events[i].src;
        let file = files.get(src);
        let range = events[i].range.clone();
        let span = dest_span(&file.text, &range, &dest);
        let text = plain_text(&events[i + 1..end]);
        let style = match link_type {
            LinkType::WikiLink { .. } => Style::Wiki,
            _ => Style::Markdown,
        };
        if is_image && text.trim().is_empty() {
            out.diagnostics.push(
                Diagnostic::error(Code::ImageAlt, "image without alt text")
                    .at(file, range.clone())
                    .label("screen readers cannot describe this image")
                    .help("describe the image in the brackets: `![A drop of blood under a microscope](cells.png)`"),
            );
        }
        if !is_image
            && VAGUE_LINK_TEXT.contains(
                &text
                    .trim()
                    .trim_end_matches(['.', '…'])
                    .to_lowercase()
                    .as_str(),
            )
        {
            out.diagnostics.push(
                Diagnostic::warning(Code::LinkText, format!("link text `{}` does not say where the link goes", text.trim()))
                    .at(file, range.clone())
                    .help("use words that make sense on their own, such as `[how the test is done](cbc.md)`"),
            );
        }
        // A snippet's links are written from the snippet's file; they are resolved as if
        // written from the site's root, then made relative to each page that embeds it.
        let resolved = match files.snippet(src) {
            Some(snippet) if style == Style::Markdown => snippet_dest(snippet.root_dir(), &dest)
                .and_then(|d| env.index.resolve(env.pages, page.origin(), &d, style)),
            _ => env.index.resolve(env.pages, page.origin(), &dest, style),
        };
        // A link to a page in another language goes to the version in the page's language when
        // there is one; otherwise to the page as written, marked as in another language.
        let mut other_language = None;
        let resolved = resolved.map(|r| {
            r.map(|mut r| {
                if let Target::Page(t) = r.target
                    && env.pages[t].lang != page.lang
                {
                    match env.index.translation(&env.pages[t].key, page.lang) {
                        Some(tr) => {
                            r.target = Target::Page(tr);
                            r.url = env.pages[tr].url.clone();
                        }
                        None => other_language = Some(env.pages[t].lang),
                    }
                }
                r
            })
        });
        match resolved {
            Ok(None)
            | Ok(Some(Resolved {
                target: Target::Failed,
                ..
            })) => {}
            Ok(Some(resolved)) => {
                let mut href = if resolved.url == page.url && resolved.fragment.is_some() {
                    String::new()
                } else {
                    urls::relative(&page.url, &resolved.url)
                };
                if let Some(f) = &resolved.fragment {
                    href.push('#');
                    href.push_str(&urls::encode_path(f));
                }
                match resolved.target {
                    Target::Page(t) => {
                        out.links.push(PageLink {
                            src,
                            target: t,
                            fragment: resolved.fragment.clone(),
                            span: span.clone(),
                        });
                        if let LinkType::WikiLink { has_pothole: false } = link_type {
                            // `[[leukemia]]` shows the page's title, not its file name.
                            let title = env.pages[t].meta.title.clone();
                            events.splice(
                                i + 1..end,
                                [events[i].here(Event::Text(CowStr::from(title)))],
                            );
                        }
                    }
                    // A fragment of a static file (`guide.pdf#page=2`) is the file's business.
                    Target::Asset => {}
                    _ => {
                        if let Some(fragment) = resolved.fragment {
                            out.generated_links.push(GeneratedLink {
                                src,
                                url: resolved.url.clone(),
                                fragment,
                                span: span.clone(),
                            });
                        }
                    }
                }
                match &mut events[i].event {
                    Event::Start(Tag::Link { dest_url, .. })
                    | Event::Start(Tag::Image { dest_url, .. }) => {
                        *dest_url = CowStr::from(href);
                    }
                    _ => unreachable!("checked above"),
                }
                if let Some(lang) = other_language.filter(|_| !is_image) {
                    events[i].mark = Mark::OtherLanguage(u16::try_from(lang).unwrap_or(0));
                }
            }
            Err(mut problem) => {
                if let Some(snippet) = files.snippet(src) {
                    problem = in_snippet_terms(problem, &dest, page, snippet.root_dir());
                }
                out.diagnostics.push(
                    Diagnostic::error(problem.code, problem.message)
                        .at(file, span)
                        .label(problem.label)
                        .maybe_help(problem.help),
                );
            }
        }
        i += 1;
    }
    events
}

/// Writes the links marked [`Mark::OtherLanguage`] as HTML of their own: `hreflang` on the link
/// and, after it, a visible note in the page's language ("(in English)"), so a reader knows
/// before following it. Runs last, after every pass that needs to see links as links.
pub(super) fn mark_languages<'a>(
    events: Events<'a>,
    languages: &[Language],
    strings: &Strings,
) -> Events<'a> {
    if !events
        .iter()
        .any(|e| matches!(e.mark, Mark::OtherLanguage(_)))
    {
        return events;
    }
    let mut out: Events = Vec::with_capacity(events.len() + 4);
    // The notes waiting for their links' ends, innermost last.
    let mut open: Vec<Option<String>> = Vec::new();
    for ev in events {
        match (&ev.event, ev.mark) {
            (
                Event::Start(Tag::Link {
                    dest_url, title, ..
                }),
                Mark::OtherLanguage(lang),
            ) => {
                let language = &languages[usize::from(lang).min(languages.len() - 1)];
                let mut html = format!(
                    "<a href=\"{}\" hreflang=\"{}\"",
                    crate::html::escape(dest_url),
                    crate::html::escape(&language.tag)
                );
                if !title.is_empty() {
                    html.push_str(&format!(" title=\"{}\"", crate::html::escape(title)));
                }
                html.push('>');
                let key = format!("language_{}", language.code);
                let name = match strings.get(&key) {
                    named if named != key => named,
                    _ => &language.name,
                };
                let note = strings.fill("in_language", &[("language", name)]);
                open.push(Some(format!(
                    "</a> <span class=\"lang-note\">{}</span>",
                    crate::html::escape(&note)
                )));
                out.push(ev.here(Event::InlineHtml(CowStr::from(html))));
            }
            (Event::Start(Tag::Link { .. }), _) => {
                open.push(None);
                out.push(ev);
            }
            (Event::End(TagEnd::Link), _) => match open.pop().flatten() {
                Some(close) => out.push(ev.here(Event::InlineHtml(CowStr::from(close)))),
                None => out.push(ev),
            },
            _ => out.push(ev),
        }
    }
    out
}

/// A link written in a snippet at `root_dir` (relative to the site root), as an address from
/// the site's root: `../content/tests/cbc.md` from `snippets/` is `/tests/cbc.md`, and
/// `../static/cells.png` is `/cells.png`. Addresses, fragments and external links stay as they
/// are.
fn snippet_dest(root_dir: &str, dest: &str) -> Result<String, Problem> {
    if dest.is_empty() || dest.starts_with(['/', '#']) || urls::is_external(dest) {
        return Ok(dest.to_owned());
    }
    let (path, rest) = match dest.find(['#', '?']) {
        Some(i) => dest.split_at(i),
        None => (dest, ""),
    };
    let joined = urls::join(root_dir, &urls::percent_decode(path)).unwrap_or_default();
    let from_root = joined
        .strip_prefix("content/")
        .or_else(|| joined.strip_prefix("static/"));
    match from_root {
        Some(p) => Ok(format!("/{}{rest}", urls::encode_path(p))),
        None => Err(Problem {
            code: crate::diagnostics::Code::BrokenLink,
            message: format!("broken link to `{path}`"),
            label: "a snippet links to files in `content/` or `static/`".to_owned(),
            help: Some(format!(
                "write the path from the snippet's folder, such as `../content/tests/complete-blood-count.md` (this one leads to `{joined}`)"
            )),
        }),
    }
}

/// A problem with a snippet's link, told as the snippet's author wrote it: the link as written,
/// and a suggested file as a path from the snippet's folder rather than the page's.
fn in_snippet_terms(mut problem: Problem, dest: &str, page: &Page, root_dir: &str) -> Problem {
    if problem.message.starts_with("broken link to ") {
        problem.message = format!("broken link to `{dest}`");
    }
    let suggested = problem
        .help
        .as_deref()
        .and_then(|h| h.strip_prefix("did you mean `"))
        .and_then(|h| h.strip_suffix("`?"))
        .filter(|s| s.ends_with(".md"));
    if let Some(rel) = suggested.and_then(|s| urls::join(&page.dir, s)) {
        let from = format!("/{root_dir}/");
        let to = format!("/content/{rel}");
        problem.help = Some(format!("did you mean `{}`?", urls::relative(&from, &to)));
    }
    problem
}

/// Where a link's destination is written inside the link's source range (the whole link when
/// it cannot be found, as with reference links).
fn dest_span(text: &str, range: &std::ops::Range<usize>, dest: &str) -> std::ops::Range<usize> {
    let src = &text[range.clone()];
    if !dest.is_empty()
        && let Some(i) = src.rfind(dest)
    {
        return range.start + i..range.start + i + dest.len();
    }
    range.clone()
}
