//! The event stream every pass reads and rewrites: pulldown-cmark's events, each with its
//! source range and a [`Mark`] that earlier passes leave for later ones.
//!
//! Passes insert and remove events, so an index into the stream is only good until the next
//! pass. What one pass must tell a later one about an event therefore travels with the event
//! (its mark), never as a position in the vector.

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event};

use crate::content::Snippet;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::SourceFile;

/// What a pass learnt about an event that a later pass needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Mark {
    /// Nothing.
    #[default]
    None,
    /// The raw HTML that opens a care card's heading: the text up to
    /// [`Mark::CardHeadingEnd`] is the card's call to action, not prose.
    CardHeadingStart,
    /// The raw HTML that closes a care card's heading.
    CardHeadingEnd,
    /// A link to a page in another language (an index into the languages) because the page has
    /// no version in the linking page's language: written with `hreflang` and a visible note.
    OtherLanguage(u16),
}

/// One event with where it comes from: which file ([`Files`]: the page, or a snippet embedded
/// in it), the byte range in that file (front matter included), and its mark.
#[derive(Debug, Clone)]
pub(crate) struct Ev<'a> {
    pub(crate) event: Event<'a>,
    pub(crate) src: Src,
    pub(crate) range: Range<usize>,
    pub(crate) mark: Mark,
}

/// Which file an event comes from: an index into [`Files`] (0 is the page itself).
pub(crate) type Src = u16;

impl<'a> Ev<'a> {
    /// An unmarked event from `range` of file `src`.
    pub(crate) fn new(event: Event<'a>, src: Src, range: Range<usize>) -> Self {
        Ev {
            event,
            src,
            range,
            mark: Mark::None,
        }
    }

    /// A new event standing where this one is in the source.
    pub(crate) fn here(&self, event: Event<'a>) -> Self {
        Ev::new(event, self.src, self.range.clone())
    }

    /// A raw HTML block made by a pass, standing where this event is in the source.
    pub(crate) fn html_here(&self, html: String) -> Self {
        self.here(Event::Html(CowStr::from(html)))
    }

    /// The same event with a mark.
    pub(crate) fn marked(mut self, mark: Mark) -> Self {
        self.mark = mark;
        self
    }
}

/// A page's events, in order.
pub(crate) type Events<'a> = Vec<Ev<'a>>;

/// Joins adjacent text events (pulldown-cmark splits text at quotes and brackets), so that
/// matching works on whole phrases.
pub(crate) fn merge_text(events: Events<'_>) -> Events<'_> {
    let adjacent = events
        .windows(2)
        .any(|w| matches!((&w[0].event, &w[1].event), (Event::Text(_), Event::Text(_))));
    if !adjacent {
        return events;
    }
    let mut out: Events = Vec::with_capacity(events.len());
    for ev in events {
        if let Event::Text(text) = &ev.event
            && let Some(Ev {
                event: Event::Text(prev),
                range: prev_range,
                ..
            }) = out.last_mut()
        {
            let mut joined = prev.to_string();
            joined.push_str(text);
            *prev = CowStr::from(joined);
            prev_range.end = ev.range.end;
            continue;
        }
        out.push(ev);
    }
    out
}

/// The plain text of some events (text and inline code), for ids and lints.
pub(crate) fn plain_text(events: &[Ev<'_>]) -> String {
    let mut s = String::new();
    for ev in events {
        match &ev.event {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

/// The index of the event closing the tag opened at `start`.
pub(crate) fn matching_end(events: &[Ev<'_>], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, ev) in events.iter().enumerate().skip(start) {
        match ev.event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

/// The deepest nesting of blocks and inline elements a page may have (a list in a quote in a
/// list...). Real pages stay under ten; the limit is documented in README (issue 16).
pub(crate) const MAX_NESTING: usize = 100;

/// An error at the first element nested deeper than [`MAX_NESTING`], if any.
pub(crate) fn too_deep(events: &[Ev<'_>], files: &Files<'_>) -> Option<Diagnostic> {
    let mut depth = 0usize;
    for ev in events {
        match ev.event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => continue,
        }
        if depth > MAX_NESTING {
            return Some(
                Diagnostic::error(
                    Code::Limit,
                    format!("elements nested more than {MAX_NESTING} levels deep"),
                )
                .at(files.get(ev.src), ev.range.clone())
                .label(format!("level {depth} starts here"))
                .help("flatten the quotes and lists: no page needs this much nesting"),
            );
        }
    }
    None
}

/// The files a page's events come from: the page itself (source 0) and each snippet embedded in
/// it, in the order they were embedded.
#[derive(Debug, Clone)]
pub(crate) struct Files<'a> {
    sources: Vec<(&'a Arc<SourceFile>, Option<&'a Snippet>)>,
}

impl<'a> Files<'a> {
    /// The files of a page before anything is embedded.
    pub(crate) fn new(page: &'a Arc<SourceFile>) -> Self {
        Files {
            sources: vec![(page, None)],
        }
    }

    /// The file events from `src` point into.
    pub(crate) fn get(&self, src: Src) -> &'a SourceFile {
        self.sources[usize::from(src)].0
    }

    /// The snippet `src` is, or `None` for the page itself.
    pub(crate) fn snippet(&self, src: Src) -> Option<&'a Snippet> {
        self.sources[usize::from(src)].1
    }

    /// Adds an embedded snippet's file and returns its source number.
    pub(crate) fn push(&mut self, snippet: &'a Snippet) -> Src {
        self.sources.push((&snippet.file, Some(snippet)));
        Src::try_from(self.sources.len() - 1).unwrap_or(Src::MAX)
    }

    /// How many embeds a page may hold before the rest are refused: far more than any real page,
    /// and well within a source number.
    pub(crate) const MAX: usize = 1000;

    /// How many sources there are.
    pub(crate) fn len(&self) -> usize {
        self.sources.len()
    }

    /// Every file, in source order, for the rendered body.
    pub(crate) fn into_files(self) -> Vec<Arc<SourceFile>> {
        self.sources.into_iter().map(|(f, _)| f.clone()).collect()
    }
}
