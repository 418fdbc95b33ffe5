//! Rendering each kind of page: its typed value ([`super::context`]) through its template, in
//! its language.

use std::borrow::Cow;

use super::Templates;
use super::context::{
    GlossaryEntryValue, LangValues, RedirectValue, SiteData, TopicCount, TopicValue, Values,
};
use crate::content::{Page, PageKind};
use crate::error::{Error, Result};
use crate::output::OutputFile;
use crate::taxonomy::{self, Listing, Topic};
use crate::theme::{GLOSSARY_URL, NOT_FOUND_URL, SEARCH_URL, TOPICS_URL, in_language};
use crate::urls;

/// Renders `values` with `template`, in language `lang`, into the file for site address `url`.
fn render(
    templates: &Templates,
    template: &str,
    values: &Values<'_>,
    site: &LangValues,
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
    sites: &[LangValues],
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
    let site = &sites[page.lang];
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
    sites: &[LangValues],
    listing: &Listing,
) -> Result<OutputFile> {
    let home = listing.dir.is_empty();
    let kind = if home {
        PageKind::Home
    } else {
        PageKind::Section
    };
    // The same folder in the other languages that have it.
    let versions: Vec<(usize, String)> = data
        .listings
        .iter()
        .filter(|l| l.dir == listing.dir)
        .map(|l| (l.lang, l.url.clone()))
        .collect();
    let page = data.head(
        Cow::Owned(taxonomy::listing_title(listing, data.pages)),
        kind,
        Cow::Borrowed(&listing.url),
        listing.lang,
        &versions,
    );
    let values = Values::Listing {
        page,
        listing: data.listing_value(listing, &listing.url),
    };
    let template = if home { "home.html" } else { "section.html" };
    let site = &sites[listing.lang];
    render(
        templates,
        template,
        &values,
        site,
        &urls::root_prefix(&listing.url),
        &listing.url,
    )
}

/// The languages that have topics, in order.
fn topic_languages(data: &SiteData<'_>) -> Vec<usize> {
    let mut langs: Vec<usize> = data.topics.iter().map(|t| t.lang).collect();
    langs.dedup();
    langs
}

/// The topics index of language `lang`: every topic with its number of articles.
pub(super) fn topics_index(
    data: &SiteData<'_>,
    templates: &Templates,
    sites: &[LangValues],
    lang: usize,
) -> Result<OutputFile> {
    let prefix = &data.config.lang(lang).prefix;
    let url = in_language(prefix, TOPICS_URL);
    let title = data.strings_of(lang).get("topics");
    let versions = data.generated_versions(TOPICS_URL, topic_languages(data).into_iter());
    let values = Values::Topics {
        page: data.head(
            Cow::Borrowed(title),
            PageKind::Topics,
            Cow::Owned(url.clone()),
            lang,
            &versions,
        ),
        topics: data
            .topics
            .iter()
            .filter(|t| t.lang == lang)
            .map(|t| TopicCount {
                name: &t.name,
                href: urls::relative(&url, &t.url),
                count: t.pages.len(),
            })
            .collect(),
    };
    render(
        templates,
        "topics.html",
        &values,
        &sites[lang],
        &urls::root_prefix(&url),
        &url,
    )
}

/// One topic's page: its articles.
pub(super) fn topic(
    data: &SiteData<'_>,
    templates: &Templates,
    sites: &[LangValues],
    t: &Topic,
) -> Result<OutputFile> {
    let topics_url = in_language(&data.config.lang(t.lang).prefix, TOPICS_URL);
    let values = Values::Topic {
        page: data.head(
            Cow::Borrowed(&t.name),
            PageKind::Topic,
            Cow::Borrowed(&t.url),
            t.lang,
            &[],
        ),
        topic: TopicValue {
            name: &t.name,
            slug: &t.slug,
            topics_href: urls::relative(&t.url, &topics_url),
        },
        pages: t.pages.iter().map(|&p| data.link(&t.url, p)).collect(),
    };
    render(
        templates,
        "topic.html",
        &values,
        &sites[t.lang],
        &urls::root_prefix(&t.url),
        &t.url,
    )
}

/// The glossary page of language `lang`.
pub(super) fn glossary(
    data: &SiteData<'_>,
    templates: &Templates,
    sites: &[LangValues],
    lang: usize,
) -> Result<OutputFile> {
    let url = crate::glossary::url(&data.config.lang(lang).prefix);
    let strings = data.strings_of(lang);
    let with_glossary = (0..data.glossaries.len()).filter(|&l| !data.glossaries[l].is_empty());
    let versions = data.generated_versions(GLOSSARY_URL, with_glossary);
    let mut page = data.head(
        Cow::Borrowed(strings.get("glossary")),
        PageKind::Glossary,
        Cow::Owned(url.clone()),
        lang,
        &versions,
    );
    page.description = Some(strings.get("glossary_description"));
    let values = Values::Glossary {
        page,
        entries: data.glossaries[lang]
            .entries
            .iter()
            .map(|e| GlossaryEntryValue {
                term: &e.term,
                id: &e.id,
                definition: &e.definition,
                also_called: &e.also_called,
                see: e.see.map(|i| data.link(&url, i)),
            })
            .collect(),
    };
    render(
        templates,
        "glossary.html",
        &values,
        &sites[lang],
        &urls::root_prefix(&url),
        &url,
    )
}

/// The 404 page of language `lang`. It is served at any missing address, so its links cannot
/// be relative: they start from the path of `base_url`.
pub(super) fn not_found(
    data: &SiteData<'_>,
    templates: &Templates,
    sites: &[LangValues],
    lang: usize,
) -> Result<OutputFile> {
    let url = in_language(&data.config.lang(lang).prefix, NOT_FOUND_URL);
    let title = data.strings_of(lang).get("not_found_title");
    let values = Values::Plain {
        page: data.head(
            Cow::Borrowed(title),
            PageKind::NotFound,
            Cow::Owned(url.clone()),
            lang,
            &[],
        ),
    };
    render(
        templates,
        "404.html",
        &values,
        &sites[lang],
        &data.config.base_path,
        &url,
    )
}

/// The search page of language `lang`. Its results come from the language's own index (in
/// the same folder), read by `search.js`; without JavaScript it explains that and links the
/// topics.
pub(super) fn search(
    data: &SiteData<'_>,
    templates: &Templates,
    sites: &[LangValues],
    lang: usize,
) -> Result<OutputFile> {
    let url = in_language(&data.config.lang(lang).prefix, SEARCH_URL);
    let strings = data.strings_of(lang);
    let versions = data.generated_versions(SEARCH_URL, 0..data.config.languages.len());
    let mut page = data.head(
        Cow::Borrowed(strings.get("search_title")),
        PageKind::Search,
        Cow::Owned(url.clone()),
        lang,
        &versions,
    );
    page.description = Some(strings.get("search_description"));
    let values = Values::Plain { page };
    render(
        templates,
        "search.html",
        &values,
        &sites[lang],
        &urls::root_prefix(&url),
        &url,
    )
}

/// The redirect pages of one page's `aliases:`.
pub(super) fn aliases(
    data: &SiteData<'_>,
    templates: &Templates,
    sites: &[LangValues],
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
        let site = &sites[page.lang];
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
