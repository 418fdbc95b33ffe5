//! Markdown to HTML: the one place that configures pulldown-cmark, and the passes over its
//! events.
//!
//! A page's body is parsed once into a vector of events ([`events::Ev`]: the event, its range
//! in the source file and a mark), then goes through these passes, in this order, each in its
//! own file and each with one job:
//!
//! 1. [`embeds`]: `![[name]]` replaced by the snippet's events (each event knows its file);
//!    then [`events::merge_text`]: join adjacent text events, so matching sees whole phrases;
//!    then [`shortcodes`]: Hugo's and Zola's shortcodes reported (it changes no event);
//!    then [`raw_html`]: the raw HTML policy, and the links and images inside raw HTML (first,
//!    so that every raw HTML event it sees is the author's);
//! 2. [`headings`]: unique heading ids, the table of contents, outline lints;
//! 3. [`placeholders`]: `{{ emergency_number }}`;
//! 4. [`cards`]: care cards and alerts, marking their headings for later passes;
//! 5. [`links`]: resolve, rewrite and record every link and image;
//!    then [`figures`]: images become responsive pictures, and an image alone in its
//!    paragraph with a title a figure with a caption;
//! 6. [`glossary`]: link the first use of each glossary term (articles only);
//! 7. [`tables`]: scrolling wrappers and the header-row lint;
//! 8. [`footnotes`]: notes moved to the end, numbered, linked both ways, ids kept unique;
//! 9. [`prose`]: read what readability and search need;
//! 10. [`calls`]: the emergency number as a `tel:` link; [`heading_links`]: a link after each
//!     `h2` and `h3` to itself (both after prose, so neither changes what is read or searched);
//! 11. [`ids`]: every id the page holds, for anchor checks (and ids given twice reported).
//!
//! Under `markdown.raw_html: sanitize`, a page holding raw HTML is cleaned once more, whole,
//! by [`raw_html::clean_page`] (ammonia) after the HTML is written.
//!
//! What a pass learns about an event travels with it as a mark, never as an index into a
//! vector that another pass may grow or shrink. The result is a [`Body`] holding the HTML and
//! everything later stages need (ids, outgoing links, prose), so the link graph and the health
//! checks never parse the Markdown again. This module never touches the file system.

mod calls;
mod cards;
#[cfg(test)]
mod conformance_tests;
mod embeds;
mod events;
mod footnotes;
mod figures;
mod glossary;
mod heading_links;
mod headings;
mod html_scan;
mod ids;
mod links;
pub(crate) mod notice;
mod placeholders;
mod prose;
mod raw_html;
mod shortcodes;
mod tables;

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{Options, Parser};

use crate::config::{Language, MarkdownSettings};
use crate::content::{Page, Snippet};
use crate::diagnostics::Diagnostic;
use crate::glossary::Glossary;
use crate::i18n::Strings;
use crate::images::Images;
use crate::links::index::SiteIndex;
use crate::source::SourceFile;
pub(crate) use calls::tel_address;
pub(crate) use cards::CareLevel;
use events::{Ev, Events, Files};
pub(crate) use figures::PageImage;
pub(crate) use raw_html::clean_page;

/// The Markdown dialect: CommonMark with tables, footnotes, strikethrough, task lists, heading
/// attributes (`{#id}`), definition lists, GFM alerts, wiki links and smart punctuation.
pub(crate) fn options() -> Options {
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

/// What a page's body becomes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Body {
    /// The body HTML, links already rewritten to relative addresses.
    pub(crate) html: String,
    /// The `h2` and `h3` headings, in order.
    pub(crate) toc: Vec<TocEntry>,
    /// Every heading of the body (levels 1-6), in order, for search sections.
    pub(crate) headings: Vec<TocEntry>,
    /// Every fragment id in the body (headings, footnotes, raw HTML ids).
    pub(crate) ids: BTreeSet<String>,
    /// Links to other content pages (and to this page's own anchors).
    pub(crate) links: Vec<PageLink>,
    /// Links with a fragment into generated pages (the glossary).
    pub(crate) generated_links: Vec<GeneratedLink>,
    /// Links and images to `http(s)` addresses on other sites, for `check --external`.
    pub(crate) external: Vec<ExternalLink>,
    /// The body's prose, paragraph by paragraph and list item by list item, for readability.
    pub(crate) prose: Vec<Prose>,
    /// The text of table rows (one unit per row), for search; readability leaves tables out.
    pub(crate) table_text: Vec<Prose>,
    /// Glossary entries linked from this page (indexes into the glossary), in order of use.
    pub(crate) glossary_terms: Vec<usize>,
    /// Care cards in the body, in order.
    pub(crate) care_cards: Vec<CareLevel>,
    /// Problems found while rendering.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The files the body comes from: the page, then each snippet embedded (the `src` of
    /// links and prose indexes this).
    pub(crate) files: Vec<Arc<SourceFile>>,
    /// The snippets embedded, directly or through other snippets, each once, in order.
    pub(crate) embeds: Vec<EmbedUse>,
    /// The front matter's `image:`, processed, for link previews.
    pub(crate) image: Option<PageImage>,
    /// The images the body and its front matter show (their output paths, such as
    /// `images/cells.png`), so that `serve` can tell when no page shows an image any more.
    pub(crate) images: Vec<String>,
}

/// A snippet a page embeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EmbedUse {
    /// The snippet (an index into the site's snippets).
    pub(crate) snippet: usize,
    /// Where the page embeds it (for a snippet embedded by another snippet: where the page
    /// embeds the outer one).
    pub(crate) span: Range<usize>,
}

/// A table-of-contents entry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct TocEntry {
    /// 2 or 3.
    pub(crate) level: u8,
    /// The heading's id.
    pub(crate) id: String,
    /// The heading's text.
    pub(crate) title: String,
}

/// One paragraph or list item of prose, with where its parts come from in the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Prose {
    /// The plain text.
    pub(crate) text: String,
    /// (byte position in `text`, byte offset in the source file) at the start of each piece.
    pub(crate) origins: Vec<(usize, usize)>,
    /// The heading this text comes under (an index into [`Body::headings`]), if any.
    pub(crate) section: Option<usize>,
    /// The file the text comes from (an index into [`Body::files`]: the page, or a snippet).
    pub(crate) src: events::Src,
    /// Its place among the page's prose and table rows, in reading order.
    pub(crate) order: usize,
}

impl Prose {
    /// The source offset of the text at byte `pos`.
    pub(crate) fn source_offset(&self, pos: usize) -> usize {
        let i = self.origins.partition_point(|(p, _)| *p <= pos);
        self.origins[i.saturating_sub(1)].1
    }
}

/// A link from one page to another, found while rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PageLink {
    /// The file the link is written in (an index into [`Body::files`]).
    pub(crate) src: events::Src,
    /// The page linked to.
    pub(crate) target: usize,
    /// The fragment, if any.
    pub(crate) fragment: Option<String>,
    /// Where the link's destination is written in the linking file.
    pub(crate) span: Range<usize>,
}

/// A link with a fragment into a generated page (the glossary), checked after rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GeneratedLink {
    /// The file the link is written in (an index into [`Body::files`]).
    pub(crate) src: events::Src,
    /// The site address (`/glossary/`).
    pub(crate) url: String,
    /// The fragment.
    pub(crate) fragment: String,
    /// Where it is written.
    pub(crate) span: Range<usize>,
}

/// A link to an address on another site (`https://...`), as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ExternalLink {
    /// The file the link is written in (an index into [`Body::files`]).
    pub(crate) src: events::Src,
    /// The address as written.
    pub(crate) url: String,
    /// Where it is written.
    pub(crate) span: Range<usize>,
}

/// What rendering needs from the rest of the site.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Env<'a> {
    /// All pages (for link targets' titles and addresses).
    pub(crate) pages: &'a [Page],
    /// The site's address table.
    pub(crate) index: &'a SiteIndex,
    /// Each language's glossary (empty when a language has none).
    pub(crate) glossaries: &'a [Glossary],
    /// The languages: each has its own emergency number.
    pub(crate) languages: &'a [Language],
    /// Each language's interface strings (care-card labels, table labels, link notes).
    pub(crate) strings: &'a [Strings],
    /// The snippets, sorted by name.
    pub(crate) snippets: &'a [Snippet],
    /// Snippets whose front matter has errors: embeds of them are not reported again.
    pub(crate) failed_snippets: &'a [String],
    /// The raw HTML policy, embeddable hosts and allowed URL schemes (`site.yaml`).
    pub(crate) settings: &'a MarkdownSettings,
    /// The site's images, processed on first use.
    pub(crate) images: &'a Images,
}

/// Renders one page's body through the passes listed in the module header.
pub(crate) fn render<'a>(page: &'a Page, env: Env<'a>) -> Body {
    let file = &page.file;
    let body = &file.text[page.body.clone()];
    let offset = page.body.start;
    let parser = Parser::new_ext(body, options()).into_offset_iter();
    // Where each reference definition (`[r]: dest`) is written, so a problem with a reference
    // link's destination points at the definition, where it is fixed.
    let mut definitions: Vec<(String, Range<usize>)> = parser
        .reference_definitions()
        .iter()
        .map(|(_, def)| {
            (
                def.dest.to_string(),
                def.span.start + offset..def.span.end + offset,
            )
        })
        .collect();
    definitions.sort_by_key(|(_, span)| span.start);
    let events: Events = parser
        .map(|(e, r)| Ev::new(e, 0, r.start + offset..r.end + offset))
        .collect();
    let mut out = Body::default();
    let lang = page.lang;
    let number = env
        .languages
        .get(lang)
        .map_or("", |l| l.emergency_number.as_str());
    let fallback = Strings::default();
    let strings = env.strings.get(lang).unwrap_or(&fallback);
    let mut files = Files::new(file);
    let events = embeds::run(events, env, lang, &mut files, &mut out);
    if let Some(too_deep) = events::too_deep(&events, &files) {
        // The passes (and readers' browsers) are not built for thousands of nested blocks:
        // stop here with a clear error rather than spend time and memory on them.
        out.diagnostics.push(too_deep);
        out.files = files.into_files();
        return out;
    }
    let events = events::merge_text(events);
    shortcodes::run(&events, page, &files, &mut out);
    let (events, has_raw_html) = raw_html::run(events, page, env, &files, &mut out);
    let events = headings::run(events, &files, &mut out);
    let events = placeholders::run(events, number, &files, &mut out);
    let events = cards::run(events, number, strings, &files, &mut out);
    let events = links::run(events, page, env, &files, &definitions, &mut out);
    let events = figures::run(events, page, env, &files, &mut out);
    out.image = figures::page_image(page, env, &mut out);
    let events = match env.glossaries.get(lang) {
        Some(g) if page.is_article() && !g.is_empty() => {
            let url = crate::glossary::url(&env.languages[lang].prefix);
            glossary::run(events, g, &page.url, &url, &mut out)
        }
        _ => events,
    };
    let events = tables::run(events, strings, &files, &mut out);
    let events = footnotes::run(events, strings, &files, &mut out);
    (out.prose, out.table_text) = prose::collect(&events);
    let events = calls::run(events, number);
    let events = heading_links::run(events, &out.toc, strings);
    ids::collect(&events, &files, &mut out);
    let events = links::mark_languages(events, env.languages, strings);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|ev| ev.event));
    if has_raw_html && env.settings.raw_html == crate::config::RawHtml::Sanitize {
        html = raw_html::clean_page(&html, env.settings);
    }
    // Every page's HTML is kept until the templates run: give back what the guess over-reserved.
    html.shrink_to_fit();
    out.html = html;
    note_embedding(page, &mut out.diagnostics);
    out.files = files.into_files();
    out
}

/// Problems found in a snippet's text point into the snippet's file; say which page embeds it.
fn note_embedding(page: &Page, diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        if d.file() != page.file.display && d.note.is_none() {
            d.note = Some(format!(
                "{}`{}`",
                crate::diagnostics::EMBEDDED_BY,
                page.file.display
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::content::{Site, parse_page};
    use crate::glossary::Entry;
    use crate::source::SourceFile;

    fn page(body: &str) -> Page {
        let text = format!("---\ntitle: T\ndescription: d\n---\n{body}");
        parse_page(
            "t.md",
            Arc::new(SourceFile::new("content/t.md", text)),
            &crate::config::test_languages(),
        )
        .unwrap()
    }

    fn glossary() -> Glossary {
        Glossary::new(vec![Entry {
            term: "neutrophils".into(),
            id: "neutrophils".into(),
            definition: "White cells that fight bacteria.".into(),
            also_called: Vec::new(),
            see: None,
        }])
    }

    fn prose_of(body: &str) -> Vec<String> {
        let page = page(body);
        let site = Site {
            pages: vec![page.clone()],
            ..Site::default()
        };
        let (index, _) = SiteIndex::new(&site, &crate::config::test_languages(), &[]);
        let g = glossary();
        let env = Env {
            pages: &site.pages,
            index: &index,
            glossaries: std::slice::from_ref(&g),
            languages: &crate::config::test_languages(),
            strings: &[],
            snippets: &[],
            failed_snippets: &[],
            settings: &MarkdownSettings::default(),
            images: &Images::default(),
        };
        let body = render(&page, env);
        body.prose.into_iter().map(|p| p.text).collect()
    }

    /// The structure issue's leak: passes that insert events (glossary links, table wrappers)
    /// moved the care card's heading away from the position an earlier pass recorded, so the
    /// heading of a card inside a list item reached readability and search as prose.
    #[test]
    fn care_card_headings_stay_out_of_prose_whatever_passes_insert() {
        let card = "- Watch for signs.\n\n  > [!URGENT] Call the clinic today if:\n  > - you have chills\n";
        for before in [
            "Your neutrophils fight infection.\n\n",
            "| Test | Result |\n|---|---|\n| ANC | low |\n\n",
            "Neutrophils and more neutrophils.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n",
        ] {
            let prose = prose_of(&format!("{before}{card}"));
            assert!(
                prose.iter().all(|p| !p.contains("Call the clinic")),
                "card heading leaked into prose after {before:?}: {prose:?}"
            );
            assert!(
                prose.iter().any(|p| p.contains("you have chills")),
                "{prose:?}"
            );
            assert!(
                prose.iter().any(|p| p.contains("Watch for signs")),
                "{prose:?}"
            );
        }
    }

    /// A glossary term keeps its words in the prose exactly as written, though it became a
    /// link.
    #[test]
    fn glossary_terms_stay_in_the_prose_as_written() {
        let prose = prose_of("Your Neutrophils & platelets fight infection.\n");
        assert_eq!(prose, ["Your Neutrophils & platelets fight infection."]);
    }
}
