//! Rendering each kind of page: its typed value ([`super::context`]) through its template.

use std::borrow::Cow;

use tera::Value;

use super::Templates;
use super::context::{
    GlossaryEntryValue, PageHead, RedirectValue, SiteData, TopicCount, TopicValue, Values,
};
use crate::content::{Page, PageKind};
use crate::error::{Error, Result};
use crate::output::OutputFile;
use crate::taxonomy::{self, Listing, Topic};
use crate::theme::{GLOSSARY_URL, NOT_FOUND_URL, SEARCH_URL, TOPICS_URL};
use crate::urls;

/// Renders `values` with `template` into the file for site address `url`.
fn render(
    templates: &Templates,
    template: &str,
    values: &Values<'_>,
    site: &Value,
    root: &str,
    url: &str,
) -> Result<OutputFile> {
    let ctx = values
        .context(site, root)
        .map_err(|e| Error::Template(format!("in `{template}`: {e}")))?;
    Ok(OutputFile::new(
        urls::output_path(url),
        templates.render(template, &ctx)?,
    ))
}

/// A content page: an article, a plain page, or a folder's `_index.md` with its listing.
pub(super) fn content(
    data: &SiteData<'_>,
    templates: &Templates,
    site: &Value,
    i: usize,
) -> Result<OutputFile> {
    let page = &data.pages[i];
    let value = data.content_value(i);
    let (template, values) = match page.kind {
        PageKind::Article => ("article.html", Values::Content { page: value }),
        PageKind::Home | PageKind::Section => {
            let template = if page.kind == PageKind::Home {
                "home.html"
            } else {
                "section.html"
            };
            match data.listings.iter().find(|l| l.index == Some(i)) {
                Some(listing) => (
                    template,
                    Values::IndexPage {
                        page: value,
                        listing: data.listing_value(listing, &page.url),
                    },
                ),
                None => (template, Values::Content { page: value }),
            }
        }
        _ => ("page.html", Values::Content { page: value }),
    };
    render(
        templates,
        template,
        &values,
        site,
        &urls::root_prefix(&page.url),
        &page.url,
    )
}

/// The listing page of a folder without an `_index.md`.
pub(super) fn listing(
    data: &SiteData<'_>,
    templates: &Templates,
    site: &Value,
    listing: &Listing,
) -> Result<OutputFile> {
    let home = listing.dir.is_empty();
    let kind = if home {
        PageKind::Home
    } else {
        PageKind::Section
    };
    let mut page = data.head("", kind, &listing.url);
    page.title = Cow::Owned(taxonomy::listing_title(listing, data.pages));
    let values = Values::Listing {
        page,
        listing: data.listing_value(listing, &listing.url),
    };
    let template = if home { "home.html" } else { "section.html" };
    render(
        templates,
        template,
        &values,
        site,
        &urls::root_prefix(&listing.url),
        &listing.url,
    )
}

/// The topics index: every topic with its number of articles.
pub(super) fn topics_index(
    data: &SiteData<'_>,
    templates: &Templates,
    site: &Value,
) -> Result<OutputFile> {
    let url = TOPICS_URL;
    let values = Values::Topics {
        page: data.head("Topics", PageKind::Topics, url),
        topics: data
            .topics
            .iter()
            .map(|t| TopicCount {
                name: &t.name,
                href: urls::relative(url, &t.url),
                count: t.pages.len(),
            })
            .collect(),
    };
    render(
        templates,
        "topics.html",
        &values,
        site,
        &urls::root_prefix(url),
        url,
    )
}

/// One topic's page: its articles.
pub(super) fn topic(
    data: &SiteData<'_>,
    templates: &Templates,
    site: &Value,
    t: &Topic,
) -> Result<OutputFile> {
    let values = Values::Topic {
        page: data.head(&t.name, PageKind::Topic, &t.url),
        topic: TopicValue {
            name: &t.name,
            slug: &t.slug,
            topics_href: urls::relative(&t.url, TOPICS_URL),
        },
        pages: t.pages.iter().map(|&p| data.link(&t.url, p)).collect(),
    };
    render(
        templates,
        "topic.html",
        &values,
        site,
        &urls::root_prefix(&t.url),
        &t.url,
    )
}

/// The glossary page.
pub(super) fn glossary(
    data: &SiteData<'_>,
    templates: &Templates,
    site: &Value,
) -> Result<OutputFile> {
    let url = GLOSSARY_URL;
    let mut page = data.head("Glossary", PageKind::Glossary, url);
    page.description = Some("Plain-language explanations of the medical words used on this site.");
    let values = Values::Glossary {
        page,
        entries: data
            .glossary
            .entries
            .iter()
            .map(|e| GlossaryEntryValue {
                term: &e.term,
                id: &e.id,
                definition: &e.definition,
                also_called: &e.also_called,
                see: e.see.map(|i| data.link(url, i)),
            })
            .collect(),
    };
    render(
        templates,
        "glossary.html",
        &values,
        site,
        &urls::root_prefix(url),
        url,
    )
}

/// The 404 page. It is served at any missing address, so its links cannot be relative: they
/// start from the path of `base_url`.
pub(super) fn not_found(
    data: &SiteData<'_>,
    templates: &Templates,
    site: &Value,
) -> Result<OutputFile> {
    let values = Values::Plain {
        page: data.head("Page not found", PageKind::NotFound, NOT_FOUND_URL),
    };
    render(
        templates,
        "404.html",
        &values,
        site,
        &data.config.base_path,
        NOT_FOUND_URL,
    )
}

/// The search page. Its results come from the index in `search/`, read by `search.js`;
/// without JavaScript it explains that and links the topics.
pub(super) fn search(
    data: &SiteData<'_>,
    templates: &Templates,
    site: &Value,
) -> Result<OutputFile> {
    let url = SEARCH_URL;
    let mut page: PageHead = data.head("Search", PageKind::Search, url);
    page.description = Some("Search the articles on this site.");
    let values = Values::Plain { page };
    render(
        templates,
        "search.html",
        &values,
        site,
        &urls::root_prefix(url),
        url,
    )
}

/// The redirect pages of one page's `aliases:`.
pub(super) fn aliases(
    data: &SiteData<'_>,
    templates: &Templates,
    site: &Value,
    page: &Page,
) -> Result<Vec<OutputFile>> {
    let mut files = Vec::new();
    for alias in &page.meta.aliases {
        let values = Values::Redirect {
            page: RedirectValue {
                title: &page.meta.title,
                kind: PageKind::Redirect,
                url: alias,
                target_href: urls::relative(alias, &page.url),
                permalink: data.config.permalink(&page.url),
            },
        };
        files.push(render(
            templates,
            "alias.html",
            &values,
            site,
            &urls::root_prefix(alias),
            alias,
        )?);
    }
    Ok(files)
}
