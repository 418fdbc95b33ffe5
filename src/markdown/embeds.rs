//! Pass: `![[name]]` on a line of its own embeds the snippet `snippets/<name>.md` (issue 11).
//!
//! The snippet is parsed on its own (its positions point into its own file, so its problems are
//! reported there) and its events take the place of the embed's paragraph, before any other
//! pass runs: care cards, links, glossary terms, heading ids, readability and search all treat
//! it as page text. Snippets may embed snippets; a chain that comes back to a snippet already
//! being embedded is an error naming the chain.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::events::{Ev, Events, Files, Src};
use super::{Body, EmbedUse, Env};
use crate::content::Snippet;
use crate::content::snippet::embed_name;
use crate::diagnostics::{Code, Diagnostic, did_you_mean};

/// How deep snippets may embed snippets before medleaf stops following them.
const MAX_DEPTH: usize = 8;

/// Replaces every embed in `events` (the page's, language `lang`) with the snippets' events.
pub(super) fn run<'a>(
    events: Events<'a>,
    env: Env<'a>,
    lang: usize,
    files: &mut Files<'a>,
    out: &mut Body,
) -> Events<'a> {
    if !events.iter().any(is_embed_image) {
        return events;
    }
    let mut chain = Vec::new();
    let mut state = State {
        env,
        lang,
        files,
        out,
        chain: &mut chain,
    };
    expand(events, &mut state, None)
}

/// What expanding a page's embeds carries through the recursion.
struct State<'s, 'a> {
    env: Env<'a>,
    /// The page's language: every snippet must have a version in it.
    lang: usize,
    files: &'s mut Files<'a>,
    out: &'s mut Body,
    /// The snippets being embedded around the current stream.
    chain: &'s mut Vec<usize>,
}

/// Whether an event opens a `![[...]]` that names a snippet rather than an image file.
fn is_embed_image(ev: &Ev<'_>) -> bool {
    match &ev.event {
        Event::Start(Tag::Image {
            link_type: LinkType::WikiLink { .. },
            dest_url,
            ..
        }) => !names_a_file(dest_url),
        _ => false,
    }
}

/// `![[cells.png]]` is an image; `![[fever]]` and `![[fever.md]]` are snippets.
fn names_a_file(dest: &str) -> bool {
    dest.rsplit('/')
        .next()
        .and_then(|name| name.rsplit_once('.'))
        .is_some_and(|(_, ext)| ext != "md" && !ext.is_empty() && !ext.contains(' '))
}

/// Expands the embeds of one event stream; `top` is where, in the page, the outermost embed is
/// written.
fn expand<'a>(
    events: Events<'a>,
    st: &mut State<'_, 'a>,
    top: Option<&Range<usize>>,
) -> Events<'a> {
    let mut result: Events = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        // `![[name]]` alone in its paragraph: paragraph, image start, its text, image end,
        // paragraph end.
        let alone = matches!(events[i].event, Event::Start(Tag::Paragraph))
            && events.get(i + 1).is_some_and(is_embed_image)
            && image_end(&events, i + 1).is_some_and(|end| {
                matches!(
                    events.get(end + 1).map(|e| &e.event),
                    Some(Event::End(TagEnd::Paragraph))
                )
            });
        if alone {
            let end = image_end(&events, i + 1).unwrap_or(i + 1);
            let image = &events[i + 1];
            let dest = match &image.event {
                Event::Start(Tag::Image { dest_url, .. }) => dest_url.to_string(),
                _ => String::new(),
            };
            let at = image.range.clone();
            let src = image.src;
            result.extend(embed(&dest, src, &at, st, top));
            i = end + 2;
            continue;
        }
        if is_embed_image(&events[i]) {
            let file = st.files.get(events[i].src);
            st.out.diagnostics.push(
                Diagnostic::error(
                    Code::Snippet,
                    "a snippet must be embedded on a line of its own",
                )
                .at(file, events[i].range.clone())
                .label("this embed shares its line with other text")
                .help("put `![[name]]` on a line by itself, with a blank line before and after"),
            );
            i = image_end(&events, i).map_or(i + 1, |e| e + 1);
            continue;
        }
        result.push(events[i].clone());
        i += 1;
    }
    result
}

/// The index of the image end matching the image start at `start`.
fn image_end(events: &[Ev<'_>], start: usize) -> Option<usize> {
    events[start..]
        .iter()
        .position(|e| matches!(e.event, Event::End(TagEnd::Image)))
        .map(|p| start + p)
}

/// The events of snippet `dest`, embedded at `at` of source `src`; nothing (and an error) when
/// it cannot be embedded.
fn embed<'a>(
    dest: &str,
    src: Src,
    at: &Range<usize>,
    st: &mut State<'_, 'a>,
    top: Option<&Range<usize>>,
) -> Events<'a> {
    let env = st.env;
    let name = embed_name(dest);
    let file = st.files.get(src);
    let find = |lang: usize| {
        env.snippets
            .binary_search_by(|s| (s.name.as_str(), s.lang).cmp(&(name.as_str(), lang)))
            .ok()
    };
    let found = find(st.lang);
    if found.is_none() && st.lang != 0 && find(0).is_some() {
        // Safety advice must be in the reader's language: no silent fallback to another.
        let (language, code) = env
            .languages
            .get(st.lang)
            .map_or(("this language", ""), |l| {
                (l.name.as_str(), l.code.as_str())
            });
        st.out.diagnostics.push(
            Diagnostic::error(
                Code::Language,
                format!("the snippet `{name}` has no {language} version"),
            )
            .at(file, at.clone())
            .label(format!("this page is in {language}"))
            .help(format!(
                "write `snippets/{name}.{code}.md`: safety advice must be in the reader's language"
            )),
        );
        return Vec::new();
    }
    let Some(k) = found else {
        if !env.failed_snippets.contains(&name) {
            let names = env.snippets.iter().map(|s| s.name.as_str());
            st.out.diagnostics.push(
                Diagnostic::error(Code::Snippet, format!("no snippet `{name}`"))
                    .at(file, at.clone())
                    .label(format!("there is no `snippets/{name}.md`"))
                    .help(match did_you_mean(&name, names) {
                        Some(s) => format!("did you mean `![[{s}]]`?"),
                        None => {
                            "write the snippet in `snippets/` beside `content/`, or fix the name"
                                .to_owned()
                        }
                    }),
            );
        }
        return Vec::new();
    };
    if st.chain.contains(&k) || st.chain.len() >= MAX_DEPTH {
        let mut names: Vec<&str> = st
            .chain
            .iter()
            .map(|&c| env.snippets[c].name.as_str())
            .collect();
        names.push(&env.snippets[k].name);
        st.out.diagnostics.push(
            Diagnostic::error(
                Code::Snippet,
                format!("snippet `{name}` embeds itself: {}", names.join(" → ")),
            )
            .at(file, at.clone())
            .help("a snippet cannot contain itself, directly or through other snippets; remove one of these embeds"),
        );
        return Vec::new();
    }
    if st.files.len() >= Files::MAX {
        return Vec::new();
    }
    let snippet: &'a Snippet = &env.snippets[k];
    let page_span = top.cloned().unwrap_or_else(|| at.clone());
    if !st.out.embeds.iter().any(|e| e.snippet == k) {
        st.out.embeds.push(EmbedUse {
            snippet: k,
            span: page_span.clone(),
        });
    }
    let new_src = st.files.push(snippet);
    let offset = snippet.body.start;
    let body = &snippet.file.text[snippet.body.clone()];
    let events: Events = Parser::new_ext(body, super::options())
        .into_offset_iter()
        .map(|(e, r)| Ev::new(e, new_src, r.start + offset..r.end + offset))
        .collect();
    st.chain.push(k);
    let expanded = expand(events, st, Some(&page_span));
    st.chain.pop();
    expanded
}
