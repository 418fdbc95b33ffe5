//! Rendering each kind of page: its typed value ([`super::context`]) through its template, in
//! its language.

use std::borrow::Cow;

use super::Templates;
use super::context::{
    GlossaryEntryValue, LangValues, PaginationValue, RedirectValue, SiteData, TopicCount,
    TopicValue, Values,
};
use crate::content::{Page, PageKind};
use crate::error::{Error, Result};
use crate::output::OutputFile;
use crate::taxonomy::{self, Listing, Topic};
use crate::theme::{
    A_Z_URL, GLOSSARY_URL, NOT_FOUND_URL, SEARCH_URL, TOPICS_URL, in_language, listing_page_count,
    listing_page_url,
};
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

/// A content page: an article, a plain page, or a folder's `_index.md` with its listing (and
/// the listing's further pages when it is longer than `listing.page_size`).
pub(super) fn content(
    data: &SiteData<'_>,
    templates: &Templates,
    sites: &[LangValues],
    i: usize,
) -> Result<Vec<OutputFile>> {
    let page = &data.pages[i];
    let value = data.content_value(i);
    let (default, values) = match page.kind {
        PageKind::Article => ("article.html", Values::Content { page: value }),
        PageKind::Home | PageKind::Section => {
            let template = if page.kind == PageKind::Home {
                "home.html"
            } else {
                "section.html"
            };
            match data.listings.iter().find(|l| l.index == Some(i)) {
                Some(listing) => {
                    let mut value = value;
                    set_neighbours(
                        &mut value.head,
                        &listing.url,
                        1,
                        listing_pages(data, listing),
                    );
                    (
                        template,
                        Values::IndexPage {
                            page: value,
                            listing: data.listing_value(listing, &page.url, 1),
                        },
                    )
                }
                None => (template, Values::Content { page: value }),
            }
        }
        _ => ("page.html", Values::Content { page: value }),
    };
    let template = page.meta.template.as_deref().unwrap_or(default);
    let site = &sites[page.lang];
    let mut files = vec![render(
        templates,
        template,
        &values,
        site,
        &urls::root_prefix(&page.url),
        &page.url,
    )?];
    // Only a folder's page has a listing: a scan of the listings for every page would be
    // pages × folders.
    if page.is_index()
        && let Some(listing) = data.listings.iter().find(|l| l.index == Some(i))
    {
        for n in 2..=listing_pages(data, listing) {
            files.push(listing_page(data, templates, sites, listing, n)?);
        }
    }
    Ok(files)
}

/// How many pages listing `listing` takes.
fn listing_pages(data: &SiteData<'_>, listing: &Listing) -> usize {
    listing_page_count(listing.pages.len(), data.config.page_size)
}

/// Sets `<link rel="prev">` and `<link rel="next">` of page `n` of `total` of the listing at
/// `url`.
fn set_neighbours(head: &mut super::context::PageHead<'_>, url: &str, n: usize, total: usize) {
    let p = PaginationValue::new(url, n, total);
    head.prev = p.prev;
    head.next = p.next;
}

/// The listing pages of a folder without an `_index.md`: one, or as many as
/// `listing.page_size` calls for.
pub(super) fn listing(
    data: &SiteData<'_>,
    templates: &Templates,
    sites: &[LangValues],
    listing: &Listing,
) -> Result<Vec<OutputFile>> {
    (1..=listing_pages(data, listing))
        .map(|n| listing_page(data, templates, sites, listing, n))
        .collect()
}

/// Page `n` (from 1) of a folder's listing. Page 1 of a folder with an `_index.md` is that
/// page ([`content`]); its further pages, and every page of a folder without one, are made
/// here, titled after the folder ("Conditions (page 2 of 3)").
fn listing_page(
    data: &SiteData<'_>,
    templates: &Templates,
    sites: &[LangValues],
    listing: &Listing,
    n: usize,
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
    let total = listing_pages(data, listing);
    let url = listing_page_url(&listing.url, n);
    let title = match listing.index {
        Some(i) => data.pages[i].meta.title.clone(),
        None => taxonomy::listing_title(listing, data.pages),
    };
    let title = page_title(data, listing.lang, title, n, total);
    // Only a folder's first page has versions in other languages.
    let versions = if n == 1 { versions } else { Vec::new() };
    let mut page = data.head(
        Cow::Owned(title),
        kind,
        Cow::Owned(url.clone()),
        listing.lang,
        &versions,
    );
    set_neighbours(&mut page, &listing.url, n, total);
    let values = Values::Listing {
        page,
        listing: data.listing_value(listing, &url, n),
    };
    // A folder's further pages look like its first: the `_index.md`'s `template:`, if any.
    let template = listing
        .index
        .and_then(|i| data.pages[i].meta.template.as_deref())
        .unwrap_or(if home { "home.html" } else { "section.html" });
    let site = &sites[listing.lang];
    render(
        templates,
        template,
        &values,
        site,
        &urls::root_prefix(&url),
        &url,
    )
}

/// A listing's title on page `n` of `total`: the title itself on page 1 or when there is one
/// page, else with the page number (`listing_page_title`).
fn page_title(data: &SiteData<'_>, lang: usize, title: String, n: usize, total: usize) -> String {
    if n == 1 || total == 1 {
        return title;
    }
    data.strings_of(lang)
        .get("listing_page_title")
        .replace("{title}", &title)
        .replace("{page}", &n.to_string())
        .replace("{total}", &total.to_string())
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

/// One topic's pages: its articles, split into pages of `listing.page_size`.
pub(super) fn topic(
    data: &SiteData<'_>,
    templates: &Templates,
    sites: &[LangValues],
    t: &Topic,
) -> Result<Vec<OutputFile>> {
    let topics_url = in_language(&data.config.lang(t.lang).prefix, TOPICS_URL);
    let size = data.config.page_size.max(1);
    let total = listing_page_count(t.pages.len(), size);
    let mut files = Vec::with_capacity(total);
    for n in 1..=total {
        let url = listing_page_url(&t.url, n);
        let title = page_title(data, t.lang, t.name.clone(), n, total);
        let mut page = data.head(
            Cow::Owned(title),
            PageKind::Topic,
            Cow::Owned(url.clone()),
            t.lang,
            &[],
        );
        set_neighbours(&mut page, &t.url, n, total);
        let values = Values::Topic {
            page,
            topic: TopicValue {
                name: &t.name,
                slug: &t.slug,
                topics_href: urls::relative(&url, &topics_url),
                pagination: (total > 1).then(|| PaginationValue::new(&t.url, n, total)),
            },
            pages: t
                .pages
                .iter()
                .skip((n - 1) * size)
                .take(size)
                .map(|&p| data.link(&url, p))
                .collect(),
        };
        files.push(render(
            templates,
            "topic.html",
            &values,
            &sites[t.lang],
            &urls::root_prefix(&url),
            &url,
        )?);
    }
    Ok(files)
}

/// The Health A-Z of language `lang`: every article by name, with other names as
/// cross-references ([`super::a_z`]).
pub(super) fn a_z(
    data: &SiteData<'_>,
    templates: &Templates,
    sites: &[LangValues],
    lang: usize,
) -> Result<OutputFile> {
    let url = in_language(&data.config.lang(lang).prefix, A_Z_URL);
    let strings = data.strings_of(lang);
    let with_articles = (0..data.config.languages.len()).filter(|&l| has_articles(data, l));
    let versions = data.generated_versions(A_Z_URL, with_articles);
    let mut page = data.head(
        Cow::Borrowed(strings.get("a_z")),
        PageKind::AtoZ,
        Cow::Owned(url.clone()),
        lang,
        &versions,
    );
    page.description = Some(strings.get("a_z_description"));
    let values = Values::AtoZ {
        page,
        letters: super::a_z::letters(data.pages, lang, &url),
    };
    render(
        templates,
        "a-z.html",
        &values,
        &sites[lang],
        &urls::root_prefix(&url),
        &url,
    )
}

/// Whether language `lang` has articles (and so a Health A-Z).
pub(super) fn has_articles(data: &SiteData<'_>, lang: usize) -> bool {
    data.pages.iter().any(|p| p.lang == lang && p.is_article())
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
