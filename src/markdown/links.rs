//! Pass: every link and image is resolved against the site's address table, rewritten to a
//! relative address and recorded (for the link graph and the anchor checks); link text and alt
//! text are checked.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use std::ops::Range;

use super::events::{Events, Files, Mark, Src, matching_end, plain_text};
use super::{Body, Env, ExternalLink, GeneratedLink, PageLink};
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
/// `definitions` are the page's reference definitions (destination, where written), in order.
pub(super) fn run<'a>(
    mut events: Events<'a>,
    page: &Page,
    env: Env<'_>,
    files: &Files<'_>,
    definitions: &[(String, Range<usize>)],
    out: &mut Body,
) -> Events<'a> {
    // The first definition of each destination, looked up once per reference link (a scan of
    // them all per link was links × definitions).
    let mut first_definition: rustc_hash::FxHashMap<&str, &Range<usize>> =
        rustc_hash::FxHashMap::default();
    for (dest, span) in definitions {
        first_definition.entry(dest.as_str()).or_insert(span);
    }
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
        // The destination is written after the link text: look for it there, so a title that
        // repeats it (`[a](x.md "x.md")`) is not taken for it (issue 19).
        let after_text = if matches!(
            link_type,
            LinkType::Autolink | LinkType::Email | LinkType::WikiLink { .. }
        ) {
            // `<https://x>` and `[[name]]`: the text is the destination itself, or comes
            // after it (`[[name|text]]`).
            range.start
        } else {
            events[i + 1..end]
                .iter()
                .filter(|e| e.src == src && e.range.end <= range.end)
                .map(|e| e.range.end)
                .max()
                .unwrap_or(range.start)
                .max(range.start)
        };
        let mut span = dest_span(&file.text, &range, after_text, &dest);
        if span == range
            && src == 0
            && let Some(&def) = first_definition.get(dest.as_str())
        {
            // `[text][r]`: the destination is written in the definition `[r]: dest`.
            let after_label = file
                .text
                .get(def.clone())
                .and_then(|d| d.find("]:"))
                .map_or(def.start, |k| def.start + k + 2);
            span = dest_span(&file.text, def, after_label, &dest);
        }
        // An image's alt text is plain text in the output: links written in it are not links
        // (the specification renders `![x [y](z.md)](a.png)` as `alt="x y"`), so they are not
        // resolved, checked or counted (issue 19).
        let next = if is_image { end + 1 } else { i + 1 };
        let text = plain_text(&events[i + 1..end]);
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
        let kind = match link_type {
            LinkType::Email => Kind::Email,
            LinkType::WikiLink { .. } => Kind::Wiki,
            _ => Kind::Markdown,
        };
        if let Some(done) = resolve_dest(&dest, kind, src, span, page, env, files, out) {
            if let (Some(t), LinkType::WikiLink { has_pothole: false }) = (done.page, link_type) {
                // `[[leukemia]]` shows the page's title, not its file name.
                let title = env.pages[t].meta.title.clone();
                events.splice(
                    i + 1..end,
                    [events[i].here(Event::Text(CowStr::from(title)))],
                );
            }
            match &mut events[i].event {
                Event::Start(Tag::Link { dest_url, .. })
                | Event::Start(Tag::Image { dest_url, .. }) => {
                    *dest_url = CowStr::from(done.href);
                }
                _ => unreachable!("checked above"),
            }
            if let Some(lang) = done.other_language.filter(|_| !is_image) {
                events[i].mark = Mark::OtherLanguage(u16::try_from(lang).unwrap_or(0));
            }
        }
        i = next;
    }
    events
}

/// How a destination was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// `[text](dest)`, `![alt](dest)`, `<https://...>` or an attribute of raw HTML.
    Markdown,
    /// `[[name]]`: a page's name, never a URL.
    Wiki,
    /// `<a@b.co>`: an email address (the HTML gets `mailto:`).
    Email,
}

/// A destination resolved inside the site and rewritten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Rewritten {
    /// The relative address to write instead.
    pub(super) href: String,
    /// The page it leads to, if a page.
    pub(super) page: Option<usize>,
    /// The language of that page, when it has no version in the linking page's language.
    pub(super) other_language: Option<usize>,
}

/// Checks one link or image destination written in file `src` at `span` (its scheme against
/// `url_schemes`, then where it leads), records it for the link graph and the anchor checks,
/// and returns the address to write instead; `None` leaves it as written (external links, and
/// destinations already reported). Shared by Markdown links and raw HTML's `href` and `src`.
#[allow(clippy::too_many_arguments)]
pub(super) fn resolve_dest(
    dest: &str,
    kind: Kind,
    src: Src,
    span: Range<usize>,
    page: &Page,
    env: Env<'_>,
    files: &Files<'_>,
    out: &mut Body,
) -> Option<Rewritten> {
    let file = files.get(src);
    // `<a@b.co>` is an email address: pulldown-cmark writes `mailto:` before it, and it is
    // never a path in the site (issue 19).
    let scheme = match kind {
        Kind::Email => Some("mailto".to_owned()),
        Kind::Wiki => None,
        Kind::Markdown => urls::scheme(dest),
    };
    if let Some(scheme) = &scheme
        && !env.settings.url_schemes.contains(scheme)
    {
        out.diagnostics
            .push(url_scheme_problem(scheme, dest).at(file, span));
        return None;
    }
    if kind == Kind::Email {
        return None;
    }
    // Web addresses are kept for `check --external`, wherever they are written (Markdown or
    // raw HTML).
    let lower = dest.get(..8).unwrap_or(dest).to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        out.external.push(ExternalLink {
            src,
            url: dest.to_owned(),
            span: span.clone(),
        });
    }
    let style = if kind == Kind::Wiki {
        Style::Wiki
    } else {
        Style::Markdown
    };
    // A snippet's links are written from the snippet's file; they are resolved as if
    // written from the site's root, then made relative to each page that embeds it.
    let resolved = match files.snippet(src) {
        Some(snippet) if style == Style::Markdown => snippet_dest(snippet.root_dir(), dest)
            .and_then(|d| env.index.resolve(env.pages, page.origin(), &d, style)),
        _ => env.index.resolve(env.pages, page.origin(), dest, style),
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
        })) => None,
        Ok(Some(resolved)) => {
            let mut href = if resolved.url == page.url
                && resolved.fragment.is_some()
                && resolved.query.is_none()
            {
                String::new()
            } else {
                urls::relative(&page.url, &resolved.url)
            };
            if let Some(q) = &resolved.query {
                href.push('?');
                href.push_str(q);
            }
            if let Some(f) = &resolved.fragment {
                href.push('#');
                href.push_str(&urls::encode_path(f));
            }
            let mut linked = None;
            match resolved.target {
                Target::Page(t) => {
                    linked = Some(t);
                    out.links.push(PageLink {
                        src,
                        target: t,
                        fragment: resolved.fragment.clone(),
                        span: span.clone(),
                    });
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
            Some(Rewritten {
                href,
                page: linked,
                other_language,
            })
        }
        Err(mut problem) => {
            if let Some(snippet) = files.snippet(src) {
                problem = in_snippet_terms(problem, dest, page, snippet.root_dir());
            }
            out.diagnostics.push(
                Diagnostic::error(problem.code, problem.message)
                    .at(file, span)
                    .label(problem.label)
                    .maybe_help(problem.help),
            );
            None
        }
    }
}

/// The error for a link whose scheme `site.yaml` does not allow (`javascript:`, `data:`).
pub(super) fn url_scheme_problem(scheme: &str, dest: &str) -> Diagnostic {
    let shown: String = dest.chars().take(60).collect();
    Diagnostic::error(
        Code::UrlScheme,
        format!("link to `{shown}` uses the scheme `{scheme}:`, which this site does not allow"),
    )
    .label("a browser would run or open this instead of a page")
    .help("link with `https:`, `mailto:` or `tel:`, or to a page of the site; to allow another scheme, add it to `url_schemes` in site.yaml")
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
    if let Some(rel) = suggested.and_then(|s| urls::join(&page.file_dir, s)) {
        let from = format!("/{root_dir}/");
        let to = format!("/content/{rel}");
        problem.help = Some(format!("did you mean `{}`?", urls::relative(&from, &to)));
    }
    problem
}

/// Where a link's destination is written inside the link's source range (the whole link when
/// it cannot be found, as with reference links).
fn dest_span(
    text: &str,
    range: &std::ops::Range<usize>,
    after: usize,
    dest: &str,
) -> std::ops::Range<usize> {
    let from = after.clamp(range.start, range.end);
    if !dest.is_empty()
        && let Some(src) = text.get(from..range.end)
        && let Some(i) = src.find(dest)
    {
        return from + i..from + i + dest.len();
    }
    range.clone()
}
