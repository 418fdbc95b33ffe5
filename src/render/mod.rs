//! Templates: turning the analysed site into output files.
//!
//! The default theme ([`crate::theme`]) is built into the binary; a site's own file of the
//! same name replaces it ([`templates`]). Each kind of page has one typed value
//! ([`context`]), rendered through its template ([`pages`]); the sitemap, feed and robots file
//! are written directly ([`feeds`]). Whatever every page shows (the site's title, sections and
//! topics) is turned into a template value once and shared by reference (tera's values are
//! reference-counted), so a page's context holds only its own data and rendering cost per page
//! does not grow with the site.

mod a_z;
pub(crate) mod context;
mod feeds;
mod filters;
mod image;
mod jsonld;
mod pages;
mod pagination;
mod qr;
mod templates;
mod values;

use rayon::prelude::*;

use crate::error::Result;
use crate::output::{OutputFile, Sink};
use crate::theme::{DEFAULT_STATIC, SEARCH_STATIC};
use context::LangValues;
pub(crate) use context::SiteData;
pub(crate) use templates::Templates;

/// One part of the site's output, so that `serve` can re-render only what an edit changed
/// ([`render_parts`]); [`render_site_into`] renders them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Part {
    /// A content page (index into the pages); an `_index.md` with its folder's listing.
    Page(usize),
    /// The listing page of a folder without an `_index.md` (index into the listings).
    Listing(usize),
    /// A language's topics index (index into the languages).
    TopicsIndex(usize),
    /// One topic's page (index into the topics).
    Topic(usize),
    /// A language's glossary page.
    Glossary(usize),
    /// A language's Health A-Z.
    AtoZ(usize),
    /// The redirect pages of one page's `aliases:` (index into the pages).
    Aliases(usize),
    /// `sitemap.xml`.
    Sitemap,
    /// A language's `feed.xml`.
    Feed(usize),
}

/// Renders every page the site has: content pages, listings, topics, glossary, 404 and alias
/// redirects, plus the theme's static files, handing each file to `sink` as soon as it is
/// made (in no particular order), so a large site is never held in memory whole. Pages are
/// rendered in parallel.
pub(crate) fn render_site_into(
    data: &SiteData<'_>,
    templates: &Templates,
    sink: &Sink<'_>,
) -> Result<()> {
    let site = data.lang_values();
    // The site-wide pages (listings, topics, sitemap, feed, redirects: about 2% of a 10,000-page
    // build) are made beside the content pages rather than after them, by the same code that
    // re-renders them in `serve`.
    let (pages, rest) = rayon::join(
        || {
            (0..data.pages.len()).into_par_iter().try_for_each(|i| {
                pages::content(data, templates, &site, i)?
                    .into_iter()
                    .try_for_each(sink)
            })
        },
        || render_parts_with(data, templates, &site, &site_wide_parts(data)),
    );
    pages?;
    rest?.into_iter().try_for_each(sink)?;

    for lang in 0..data.config.languages.len() {
        sink(pages::not_found(data, templates, &site, lang)?)?;
        if data.config.search {
            sink(pages::search(data, templates, &site, lang)?)?;
        }
    }
    if data.config.search {
        for (name, bytes) in SEARCH_STATIC {
            sink(OutputFile {
                path: (*name).to_owned(),
                bytes: bytes.to_vec(),
            })?;
        }
    }
    sink(feeds::robots(data))?;
    sink(OutputFile::new(
        crate::theme::HEADERS_URL.trim_start_matches('/').to_owned(),
        crate::theme::headers_file(&data.config.content_security_policy),
    ))?;
    for (name, bytes) in DEFAULT_STATIC {
        sink(OutputFile {
            path: (*name).to_owned(),
            bytes: bytes.to_vec(),
        })?;
    }
    Ok(())
}

/// The parts of the site besides the content pages: listings of folders without an
/// `_index.md`, the topics index and topic pages, the glossary, alias redirects, sitemap and
/// feed.
fn site_wide_parts(data: &SiteData<'_>) -> Vec<Part> {
    let mut parts: Vec<Part> = (0..data.listings.len())
        .filter(|&l| data.listings[l].index.is_none())
        .map(Part::Listing)
        .collect();
    let languages = data.config.languages.len();
    parts.extend((0..languages).map(Part::TopicsIndex));
    parts.extend((0..data.topics.len()).map(Part::Topic));
    parts.extend((0..languages).map(Part::Glossary));
    parts.extend((0..languages).map(Part::AtoZ));
    parts.extend(
        (0..data.pages.len())
            .filter(|&i| !data.pages[i].meta.aliases.is_empty())
            .map(Part::Aliases),
    );
    parts.push(Part::Sitemap);
    parts.extend((0..languages).map(Part::Feed));
    parts
}

/// Renders some parts of the site, exactly as [`render_site_into`] renders them, in no
/// particular order. The cost depends on the parts asked for, not on the size of the site.
pub(crate) fn render_parts(
    data: &SiteData<'_>,
    templates: &Templates,
    parts: &[Part],
) -> Result<Vec<OutputFile>> {
    render_parts_with(data, templates, &data.lang_values(), parts)
}

/// [`render_parts`] with the template `site` value already made.
fn render_parts_with(
    data: &SiteData<'_>,
    templates: &Templates,
    site: &[LangValues],
    parts: &[Part],
) -> Result<Vec<OutputFile>> {
    let rendered: Vec<Result<Vec<OutputFile>>> = parts
        .par_iter()
        .map(|part| {
            Ok(match *part {
                Part::Page(i) => pages::content(data, templates, site, i)?,
                Part::Listing(l) => pages::listing(data, templates, site, &data.listings[l])?,
                Part::TopicsIndex(lang) if !data.topics.iter().any(|t| t.lang == lang) => {
                    Vec::new()
                }
                Part::TopicsIndex(lang) => {
                    vec![pages::topics_index(data, templates, site, lang)?]
                }
                Part::Topic(t) => pages::topic(data, templates, site, &data.topics[t])?,
                Part::Glossary(lang) if data.glossaries.get(lang).is_none_or(|g| g.is_empty()) => {
                    Vec::new()
                }
                Part::Glossary(lang) => vec![pages::glossary(data, templates, site, lang)?],
                Part::AtoZ(lang) if !pages::has_articles(data, lang) => Vec::new(),
                Part::AtoZ(lang) => vec![pages::a_z(data, templates, site, lang)?],
                Part::Aliases(i) => pages::aliases(data, templates, site, &data.pages[i])?,
                Part::Sitemap => vec![feeds::sitemap(data)],
                Part::Feed(lang) => vec![feeds::feed(data, lang)],
            })
        })
        .collect();
    let mut files = Vec::new();
    for r in rendered {
        files.extend(r?);
    }
    Ok(files)
}
