//! Markdown to HTML: the one place that configures pulldown-cmark.
//!
//! A page's body goes through a list of small passes over pulldown-cmark's events, each with one
//! job: heading ids, care cards and alerts, links, the emergency-number placeholder, glossary
//! terms, content lints. The result is a [`Rendered`] value holding the HTML and everything
//! later stages need (ids, outgoing links, prose for readability), so the link graph and the
//! health checks never parse the Markdown again. This module never touches the file system.

use std::collections::BTreeSet;

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

use pulldown_cmark::{
    BlockQuoteKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use crate::content::Page;
use crate::diagnostics::Diagnostic;
use crate::health::glossary::{self, Glossary};
use crate::links::{GeneratedLink, PageLink, Resolved, SiteIndex, Style, Target};
use crate::source::SourceFile;
use crate::urls;

/// The Markdown dialect: CommonMark with tables, footnotes, strikethrough, task lists, heading
/// attributes (`{#id}`), definition lists, GFM alerts, wiki links and smart punctuation.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
        | Options::ENABLE_WIKILINKS
}

/// Ids the page templates use; headings never get them, so links to them stay unambiguous.
pub const RESERVED_IDS: &[&str] = &[
    "main",
    "top",
    "site-search",
    "search-input",
    "page-toc",
    "page-sources",
    "page-review",
    "page-related",
    "page-backlinks",
    "page-topics",
    "page-glossary",
];

/// The placeholder authors write instead of typing the emergency number.
pub const EMERGENCY_PLACEHOLDER: &str = "{{ emergency_number }}";

/// What a page's body becomes.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The body HTML, links already rewritten to relative addresses.
    pub html: String,
    /// The `h2` and `h3` headings, in order.
    pub toc: Vec<TocEntry>,
    /// Every heading of the body (levels 1-6), in order, for search sections.
    pub headings: Vec<TocEntry>,
    /// Every fragment id in the body (headings, footnotes, raw HTML ids).
    pub ids: BTreeSet<String>,
    /// Links to other content pages (and to this page's own anchors).
    pub links: Vec<PageLink>,
    /// Links with a fragment into generated pages (the glossary).
    pub generated_links: Vec<GeneratedLink>,
    /// The body's prose, paragraph by paragraph and list item by list item, for readability.
    pub prose: Vec<Prose>,
    /// The text of table rows (one unit per row), for search; readability leaves tables out.
    pub table_text: Vec<Prose>,
    /// Glossary entries linked from this page (indexes into the glossary), in order of use.
    pub glossary_terms: Vec<usize>,
    /// Care cards in the body, in order.
    pub care_cards: Vec<CareLevel>,
    /// Problems found while rendering.
    pub diagnostics: Vec<Diagnostic>,
}

/// A table-of-contents entry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// The heading's id.
    pub id: String,
    /// The heading's text.
    pub title: String,
}

/// One paragraph or list item of prose, with where its parts come from in the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prose {
    /// The plain text.
    pub text: String,
    /// (byte position in `text`, byte offset in the source file) at the start of each piece.
    pub origins: Vec<(usize, usize)>,
    /// The heading this text comes under (an index into [`Rendered::headings`]), if any.
    pub section: Option<usize>,
}

impl Prose {
    /// The source offset of the text at byte `pos`.
    pub fn source_offset(&self, pos: usize) -> usize {
        let i = self.origins.partition_point(|(p, _)| *p <= pos);
        self.origins[i.saturating_sub(1)].1
    }
}

/// The three levels of "when to get help" care cards, as on the NHS website.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CareLevel {
    /// See a doctor or pharmacist.
    NonUrgent,
    /// Get help today.
    Urgent,
    /// Call the emergency number now.
    Emergency,
}

impl CareLevel {
    fn from_marker(marker: &str) -> Option<CareLevel> {
        match marker.to_ascii_uppercase().as_str() {
            "NON-URGENT" | "NON_URGENT" | "NONURGENT" => Some(CareLevel::NonUrgent),
            "URGENT" => Some(CareLevel::Urgent),
            "EMERGENCY" => Some(CareLevel::Emergency),
            _ => None,
        }
    }

    /// The CSS modifier (`non-urgent`).
    pub fn class(self) -> &'static str {
        match self {
            CareLevel::NonUrgent => "non-urgent",
            CareLevel::Urgent => "urgent",
            CareLevel::Emergency => "emergency",
        }
    }

    /// What a screen reader announces before the heading.
    pub fn hidden_prefix(self) -> &'static str {
        match self {
            CareLevel::NonUrgent => "Non-urgent advice: ",
            CareLevel::Urgent => "Urgent advice: ",
            CareLevel::Emergency => "Immediate action required: ",
        }
    }

    /// The visible label, so colour is never the only cue.
    pub fn label(self) -> &'static str {
        match self {
            CareLevel::NonUrgent => "Non-urgent",
            CareLevel::Urgent => "Urgent",
            CareLevel::Emergency => "Emergency",
        }
    }
}

/// What rendering needs from the rest of the site.
#[derive(Debug, Clone, Copy)]
pub struct Env<'a> {
    /// All pages (for link targets' titles and addresses).
    pub pages: &'a [Page],
    /// The site's address book.
    pub index: &'a SiteIndex,
    /// The glossary, if the site has one.
    pub glossary: Option<&'a Glossary>,
    /// The number for `{{ emergency_number }}`.
    pub emergency_number: &'a str,
}

type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

/// Renders one page's body.
pub fn render(page: &Page, env: Env<'_>) -> Rendered {
    let file = &*page.file;
    let body = &file.text[page.body.clone()];
    let offset = page.body.start;
    let events: Events = Parser::new_ext(body, options())
        .into_offset_iter()
        .map(|(e, r)| (e, r.start + offset..r.end + offset))
        .collect();
    let mut out = Rendered::default();
    let events = merge_text(events);
    let events = headings(events, file, &mut out);
    let events = placeholders(events, env.emergency_number, file, &mut out);
    let (events, card_headings) = cards(events, env.emergency_number, file, &mut out);
    let events = links(events, page, env, &mut out);
    let events = match env.glossary {
        Some(g) if page.is_article() && !g.is_empty() => {
            glossary_terms(events, &card_headings, g, &page.url, &mut out)
        }
        _ => events,
    };
    let events = tables(events, file, &mut out);
    (out.prose, out.table_text) = prose(&events, &card_headings);
    collect_html_ids(&events, &mut out.ids);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    // Every page's HTML is kept until the templates run: give back what the guess over-reserved.
    html.shrink_to_fit();
    out.html = html;
    out
}

/// Joins adjacent text events (pulldown-cmark splits text at quotes and brackets), so that
/// matching works on whole phrases.
fn merge_text(events: Events<'_>) -> Events<'_> {
    let adjacent = events
        .windows(2)
        .any(|w| matches!((&w[0].0, &w[1].0), (Event::Text(_), Event::Text(_))));
    if !adjacent {
        return events;
    }
    let mut out: Events = Vec::with_capacity(events.len());
    for (event, range) in events {
        if let Event::Text(text) = &event
            && let Some((Event::Text(prev), prev_range)) = out.last_mut()
        {
            let mut joined = prev.to_string();
            joined.push_str(text);
            *prev = CowStr::from(joined);
            prev_range.end = range.end;
            continue;
        }
        out.push((event, range));
    }
    out
}

/// The plain text of events[start..end] (text and inline code), for ids and lints.
fn plain_text(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut s = String::new();
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

/// The index of the event closing the tag opened at `start`.
fn matching_end(events: &[(Event<'_>, Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (e, _)) in events.iter().enumerate().skip(start) {
        match e {
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

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Gives every heading a unique id, builds the table of contents and checks the outline.
fn headings<'a>(mut events: Events<'a>, file: &SourceFile, out: &mut Rendered) -> Events<'a> {
    let mut ids = crate::slug::IdSet::with_reserved(RESERVED_IDS);
    // The page title is the h1.
    let mut previous = 1u8;
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i].0 {
            let level = *level;
            let end = matching_end(&events, i);
            let title = plain_text(&events[i + 1..end]);
            let range = events[i].1.clone();
            let explicit = id.as_ref().map(|s| s.to_string());
            let new_id = match explicit {
                Some(wanted) => {
                    if !ids.insert(&wanted) {
                        out.diagnostics.push(
                            Diagnostic::warning(
                                "duplicate-id",
                                format!("the id `{wanted}` is used twice on this page"),
                            )
                            .at(file, range.clone())
                            .help("give each heading its own `{#id}`"),
                        );
                    }
                    wanted
                }
                None => ids.unique(&crate::slug::slugify(&title)),
            };
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
                *id = Some(CowStr::from(new_id.clone()));
            }
            let n = level_number(level);
            if n == 1 {
                out.diagnostics.push(
                    Diagnostic::warning("heading-h1", "a second top-level heading")
                        .at(file, range.clone())
                        .label("the page title is already the page's only `#` heading")
                        .help("start sections with `##`"),
                );
            } else if n > previous + 1 {
                out.diagnostics.push(
                    Diagnostic::warning(
                        "heading-skip",
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
            out.headings.push(TocEntry {
                level: n,
                id: new_id.clone(),
                title: title.trim().to_owned(),
            });
            if n == 2 || n == 3 {
                out.toc.push(TocEntry {
                    level: n,
                    id: new_id.clone(),
                    title: title.trim().to_owned(),
                });
            }
            out.ids.insert(new_id);
            i = end;
        }
        i += 1;
    }
    events
}

/// Replaces `{{ emergency_number }}` in text with the site's number.
fn placeholders<'a>(
    mut events: Events<'a>,
    number: &str,
    file: &SourceFile,
    out: &mut Rendered,
) -> Events<'a> {
    for (event, range) in &mut events {
        let Event::Text(text) = event else { continue };
        if !text.contains("{{") {
            continue;
        }
        let mut s = text.to_string();
        for form in [EMERGENCY_PLACEHOLDER, "{{emergency_number}}"] {
            s = s.replace(form, number);
        }
        if let Some(start) = s.find("{{") {
            let name = s[start..]
                .split("}}")
                .next()
                .unwrap_or("")
                .trim_start_matches('{')
                .trim();
            out.diagnostics.push(
                Diagnostic::warning(
                    "placeholder",
                    format!("unknown placeholder `{{{{ {name} }}}}`"),
                )
                .at(file, range.clone())
                .help("the only placeholder is `{{ emergency_number }}`"),
            );
        }
        *event = Event::Text(CowStr::from(s));
    }
    events
}

/// Turns care-card blockquotes (`> [!URGENT] heading`) and GFM alerts (`> [!NOTE]`) into
/// accessible HTML. Returns the indexes of the events that open card headings, so later passes
/// leave headings alone.
fn cards<'a>(
    events: Events<'a>,
    number: &str,
    file: &SourceFile,
    out: &mut Rendered,
) -> (Events<'a>, HashSet<usize>) {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::BlockQuote(_))))
    {
        return (events, HashSet::default());
    }
    let mut result: Events = Vec::with_capacity(events.len());
    let mut card_headings = HashSet::default();
    let mut section_level = 1u8;
    let mut emergencies = 0;
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::Heading { level, .. }) => section_level = level_number(*level),
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let end = matching_end(&events, i);
                let (name, class) = match kind {
                    BlockQuoteKind::Note => ("Note", "note"),
                    BlockQuoteKind::Tip => ("Tip", "tip"),
                    BlockQuoteKind::Important => ("Important", "important"),
                    BlockQuoteKind::Warning => ("Warning", "warning"),
                    BlockQuoteKind::Caution => ("Caution", "caution"),
                };
                let range = events[i].1.clone();
                result.push((
                    Event::Html(CowStr::from(format!(
                        "<div class=\"callout callout--{class}\" role=\"note\"><p class=\"callout__label\"><strong>{name}</strong></p>\n"
                    ))),
                    range.clone(),
                ));
                result.extend(events[i + 1..end].iter().cloned());
                result.push((Event::Html(CowStr::from("</div>\n")), range));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::BlockQuote(None)) => {
                if let Some((level, marker_len)) = card_marker(&events, i) {
                    let end = matching_end(&events, i);
                    let range = events[i].1.clone();
                    let para_end = matching_end(&events, i + 1);
                    // The heading: the first paragraph without the marker.
                    let mut heading: Events = Vec::new();
                    for (k, (e, r)) in events[i + 2..para_end].iter().enumerate() {
                        if k == 0 {
                            if let Event::Text(t) = e {
                                let rest = t[marker_len..].trim_start();
                                if !rest.is_empty() {
                                    heading.push((
                                        Event::Text(CowStr::from(rest.to_owned())),
                                        r.clone(),
                                    ));
                                }
                            }
                            continue;
                        }
                        if heading.is_empty() && matches!(e, Event::SoftBreak | Event::HardBreak) {
                            continue;
                        }
                        heading.push((e.clone(), r.clone()));
                    }
                    let inner = &events[para_end + 1..end];
                    check_card(level, &heading, inner, &range, file, out, &mut emergencies);
                    if heading.is_empty() {
                        let text = match level {
                            CareLevel::Emergency => {
                                format!("Call {number} or go to the emergency room now if:")
                            }
                            _ => String::new(),
                        };
                        heading.push((Event::Text(CowStr::from(text)), range.clone()));
                    }
                    let h = (section_level + 1).clamp(2, 6);
                    card_headings.insert(result.len());
                    result.push((
                        Event::Html(CowStr::from(format!(
                            "<div class=\"care-card care-card--{class}\">\n<p class=\"care-card__label\" aria-hidden=\"true\">{label}</p>\n<h{h} class=\"care-card__heading\"><span class=\"visually-hidden\">{prefix}</span>",
                            class = level.class(),
                            label = level.label(),
                            prefix = level.hidden_prefix(),
                        ))),
                        range.clone(),
                    ));
                    result.extend(heading);
                    result.push((
                        Event::Html(CowStr::from(format!(
                            "</h{h}>\n<div class=\"care-card__content\">\n"
                        ))),
                        range.clone(),
                    ));
                    result.extend(inner.iter().cloned());
                    result.push((Event::Html(CowStr::from("</div>\n</div>\n")), range));
                    out.care_cards.push(level);
                    i = end + 1;
                    continue;
                }
            }
            _ => {}
        }
        result.push(events[i].clone());
        i += 1;
    }
    (result, card_headings)
}

/// If the blockquote at `i` starts with `[!NON-URGENT]`, `[!URGENT]` or `[!EMERGENCY]`, its
/// level and the marker's length in the first text event.
fn card_marker(events: &[(Event<'_>, Range<usize>)], i: usize) -> Option<(CareLevel, usize)> {
    let (Event::Start(Tag::Paragraph), _) = events.get(i + 1)? else {
        return None;
    };
    let (Event::Text(text), _) = events.get(i + 2)? else {
        return None;
    };
    let rest = text.strip_prefix("[!")?;
    let close = rest.find(']')?;
    let level = CareLevel::from_marker(&rest[..close])?;
    Some((level, close + 3))
}

/// The care-card lints: one emergency card per page, no links in it, a list in every card.
fn check_card(
    level: CareLevel,
    heading: &[(Event<'_>, Range<usize>)],
    inner: &[(Event<'_>, Range<usize>)],
    range: &Range<usize>,
    file: &SourceFile,
    out: &mut Rendered,
    emergencies: &mut usize,
) {
    let first_line = file.line_range(file.line_index(range.start));
    if heading.is_empty() && level != CareLevel::Emergency {
        out.diagnostics.push(
            Diagnostic::warning("care-card", "care card without a heading")
                .at(file, first_line.clone())
                .help("write the call to action after the marker, such as `> [!URGENT] Call your doctor today if:`"),
        );
    }
    if !inner
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::List(_))))
    {
        out.diagnostics.push(
            Diagnostic::warning("care-card", "care card without a list")
                .at(file, first_line.clone())
                .help("list the symptoms or situations as bullet points (`> - ...`) under the heading"),
        );
    }
    if level == CareLevel::Emergency {
        *emergencies += 1;
        if *emergencies > 1 {
            out.diagnostics.push(
                Diagnostic::warning("care-card", "more than one emergency card on this page")
                    .at(file, first_line.clone())
                    .help("put every emergency sign in one card, so readers do not have to choose"),
            );
        }
        for (e, r) in heading.iter().chain(inner) {
            if let Event::Start(Tag::Link { .. }) = e {
                out.diagnostics.push(
                    Diagnostic::warning("care-card", "link inside an emergency card")
                        .at(file, r.clone())
                        .label("readers in an emergency should act, not follow links")
                        .help("move the link out of the card"),
                );
            }
        }
    }
}

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
fn links<'a>(mut events: Events<'a>, page: &Page, env: Env<'_>, out: &mut Rendered) -> Events<'a> {
    let file = &*page.file;
    let mut i = 0;
    while i < events.len() {
        let (is_image, link_type, dest) = match &events[i].0 {
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
        let range = events[i].1.clone();
        let span = dest_span(&file.text, &range, &dest);
        let text = plain_text(&events[i + 1..end]);
        let style = match link_type {
            LinkType::WikiLink { .. } => Style::Wiki,
            _ => Style::Markdown,
        };
        if is_image && text.trim().is_empty() {
            out.diagnostics.push(
                Diagnostic::error("image-alt", "image without alt text")
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
                Diagnostic::warning("link-text", format!("link text `{}` does not say where the link goes", text.trim()))
                    .at(file, range.clone())
                    .help("use words that make sense on their own, such as `[how the test is done](cbc.md)`"),
            );
        }
        match env.index.resolve(env.pages, page.origin(), &dest, style) {
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
                            target: t,
                            fragment: resolved.fragment.clone(),
                            span: span.clone(),
                        });
                        if let LinkType::WikiLink { has_pothole: false } = link_type {
                            // `[[leukemia]]` shows the page's title, not its file name.
                            let title = env.pages[t].meta.title.clone();
                            events.splice(
                                i + 1..end,
                                [(Event::Text(CowStr::from(title)), range.clone())],
                            );
                        }
                    }
                    // A fragment of a static file (`guide.pdf#page=2`) is the file's business.
                    Target::Asset => {}
                    _ => {
                        if let Some(fragment) = resolved.fragment {
                            out.generated_links.push(GeneratedLink {
                                url: resolved.url.clone(),
                                fragment,
                                span: span.clone(),
                            });
                        }
                    }
                }
                match &mut events[i].0 {
                    Event::Start(Tag::Link { dest_url, .. })
                    | Event::Start(Tag::Image { dest_url, .. }) => {
                        *dest_url = CowStr::from(href);
                    }
                    _ => unreachable!("checked above"),
                }
            }
            Err(problem) => {
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

/// Where a link's destination is written inside the link's source range (the whole link when
/// it cannot be found, as with reference links).
fn dest_span(text: &str, range: &Range<usize>, dest: &str) -> Range<usize> {
    let src = &text[range.clone()];
    if !dest.is_empty()
        && let Some(i) = src.rfind(dest)
    {
        return range.start + i..range.start + i + dest.len();
    }
    range.clone()
}

/// Links the first use of each glossary term in the page (outside headings, links, code,
/// tables, raw HTML and care-card headings) to its entry.
fn glossary_terms<'a>(
    events: Events<'a>,
    card_headings: &HashSet<usize>,
    glossary: &Glossary,
    page_url: &str,
    out: &mut Rendered,
) -> Events<'a> {
    let base = urls::relative(page_url, glossary::URL);
    let mut result: Events = Vec::with_capacity(events.len());
    let mut used: HashSet<usize> = HashSet::default();
    let mut blocked = 0usize;
    let mut in_card_heading = false;
    for (k, (event, range)) in events.into_iter().enumerate() {
        match &event {
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
            Event::Html(_) if card_headings.contains(&k) => in_card_heading = true,
            Event::Html(_) if in_card_heading => in_card_heading = false,
            Event::Text(text) if blocked == 0 && !in_card_heading => {
                let found = glossary.find(text, &used);
                if !found.is_empty() {
                    let mut last = 0;
                    for (r, entry) in found {
                        used.insert(entry);
                        out.glossary_terms.push(entry);
                        if r.start > last {
                            result.push((
                                Event::Text(CowStr::from(text[last..r.start].to_owned())),
                                range.clone(),
                            ));
                        }
                        let e = &glossary.entries[entry];
                        let link = format!(
                            "<a class=\"glossary-term\" href=\"{base}#{id}\" data-term=\"{term}\" data-definition=\"{def}\">{shown}</a>",
                            id = e.id,
                            term = escape_attr(&e.term),
                            def = escape_attr(&e.definition),
                            shown = escape_attr(&text[r.clone()]),
                        );
                        result.push((Event::InlineHtml(CowStr::from(link)), range.clone()));
                        last = r.end;
                    }
                    if last < text.len() {
                        result.push((
                            Event::Text(CowStr::from(text[last..].to_owned())),
                            range.clone(),
                        ));
                    }
                    continue;
                }
            }
            _ => {}
        }
        result.push((event, range));
    }
    result
}

/// Escapes text for an HTML attribute or text node.
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Wraps tables so they scroll sideways on narrow screens instead of breaking the layout, and
/// warns about tables with no header row.
fn tables<'a>(events: Events<'a>, file: &SourceFile, out: &mut Rendered) -> Events<'a> {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::Table(_))))
    {
        return events;
    }
    let mut result: Events = Vec::with_capacity(events.len() + 8);
    let mut count = 0;
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Table(_)) = &events[i].0 {
            count += 1;
            let end = matching_end(&events, i);
            let range = events[i].1.clone();
            let head_empty = events[i + 1..end]
                .iter()
                .position(|(e, _)| matches!(e, Event::End(TagEnd::TableHead)))
                .is_none_or(|head_end| {
                    plain_text(&events[i + 1..i + 1 + head_end])
                        .trim()
                        .is_empty()
                });
            if head_empty {
                out.diagnostics.push(
                    Diagnostic::warning("table-header", "table without a header row")
                        .at(file, range.clone())
                        .help("put column names in the first row, so screen readers can announce them"),
                );
            }
            result.push((
                Event::Html(CowStr::from(format!(
                    "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table {count}\">\n"
                ))),
                range.clone(),
            ));
            result.extend(events[i..=end].iter().cloned());
            result.push((Event::Html(CowStr::from("</div>\n")), range));
            i = end + 1;
            continue;
        }
        result.push(events[i].clone());
        i += 1;
    }
    result
}

/// Collects the prose of paragraphs and list items, leaving out headings, code, tables, raw
/// HTML and care-card headings.
fn prose(
    events: &[(Event<'_>, Range<usize>)],
    card_headings: &HashSet<usize>,
) -> (Vec<Prose>, Vec<Prose>) {
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
    for (k, (event, range)) in events.iter().enumerate() {
        match event {
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
            Event::Html(_) if card_headings.contains(&k) => in_card_heading = true,
            Event::Html(_) if in_card_heading => in_card_heading = false,
            Event::Text(t) if row.is_some() => {
                if let Some(r) = row.as_mut() {
                    r.origins.push((r.text.len(), range.start));
                    r.text.push_str(t);
                }
            }
            Event::Text(t) if blocked == 0 && !in_card_heading => {
                if let Some(p) = open.last_mut() {
                    p.origins.push((p.text.len(), range.start));
                    p.text.push_str(t);
                }
            }
            Event::InlineHtml(html)
                if blocked == 0 && html.starts_with("<a class=\"glossary-term\"") =>
            {
                // A glossary link replaced a word: keep the word in the prose.
                if let Some(p) = open.last_mut()
                    && let Some(start) = html.rfind("\">")
                {
                    let word = html[start + 2..].trim_end_matches("</a>");
                    p.origins.push((p.text.len(), range.start));
                    p.text.push_str(&unescape(word));
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

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Adds `id="..."` attributes found in raw HTML and footnote definitions to the page's ids.
fn collect_html_ids(events: &[(Event<'_>, Range<usize>)], ids: &mut BTreeSet<String>) {
    for (event, _) in events {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                let mut rest: &str = html;
                while let Some(i) = rest.find(" id=\"") {
                    let after = &rest[i + 5..];
                    if let Some(end) = after.find('"') {
                        ids.insert(after[..end].to_owned());
                    }
                    rest = after;
                }
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                ids.insert(name.to_string());
            }
            _ => {}
        }
    }
}
