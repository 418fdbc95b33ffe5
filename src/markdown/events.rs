//! The event stream every pass reads and rewrites: pulldown-cmark's events, each with its
//! source range and a [`Mark`] that earlier passes leave for later ones.
//!
//! Passes insert and remove events, so an index into the stream is only good until the next
//! pass. What one pass must tell a later one about an event therefore travels with the event
//! (its mark), never as a position in the vector.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

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
}

/// One event with where it comes from in the source file (byte offsets into the whole file,
/// front matter included) and its mark.
#[derive(Debug, Clone)]
pub(crate) struct Ev<'a> {
    pub(crate) event: Event<'a>,
    pub(crate) range: Range<usize>,
    pub(crate) mark: Mark,
}

impl<'a> Ev<'a> {
    /// An unmarked event.
    pub(crate) fn new(event: Event<'a>, range: Range<usize>) -> Self {
        Ev {
            event,
            range,
            mark: Mark::None,
        }
    }

    /// A raw HTML block made by a pass, standing where `range` is in the source.
    pub(crate) fn html(html: String, range: Range<usize>) -> Self {
        Ev::new(Event::Html(CowStr::from(html)), range)
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
