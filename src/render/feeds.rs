//! The site's machine-readable files: `sitemap.xml`, the Atom feed and `robots.txt`.
//!
//! Text reaches the XML files through [`escape_xml`](crate::html::escape_xml), which also drops
//! the characters XML 1.0 forbids, so both files are always well-formed (issue 16).

use super::context::SiteData;
use crate::date::Date;
use crate::html::escape_xml as escape;
use crate::output::OutputFile;
use crate::theme::{
    A_Z_URL, FEED_URL, GLOSSARY_URL, SEARCH_URL, TOPICS_URL, in_language, listing_page_count,
    listing_page_url,
};

/// `sitemap.xml`: every HTML page of the site in every language, with the review date as
/// `lastmod`, and each page's other language versions as `xhtml:link` alternates (as search
/// engines ask for multilingual sites).
pub(super) fn sitemap(data: &SiteData<'_>) -> OutputFile {
    let mut entries: Vec<SitemapEntry> = Vec::new();
    for (i, page) in data.pages.iter().enumerate() {
        entries.push((
            page.url.clone(),
            page.meta.last_reviewed,
            data.page_versions(i),
        ));
    }
    for l in data.listings.iter().filter(|l| l.index.is_none()) {
        entries.push((l.url.clone(), None, Vec::new()));
    }
    for lang in 0..data.config.languages.len() {
        let prefix = &data.config.lang(lang).prefix;
        if data.topics.iter().any(|t| t.lang == lang) {
            entries.push((in_language(prefix, TOPICS_URL), None, Vec::new()));
        }
        if data.glossaries.get(lang).is_some_and(|g| !g.is_empty()) {
            entries.push((in_language(prefix, GLOSSARY_URL), None, Vec::new()));
        }
        if super::pages::has_articles(data, lang) {
            entries.push((in_language(prefix, A_Z_URL), None, Vec::new()));
        }
        // The search page is a page readers may look for, so it is listed (its result pages,
        // `?q=...`, are not pages of their own).
        if data.config.search {
            entries.push((in_language(prefix, SEARCH_URL), None, Vec::new()));
        }
    }
    entries.extend(
        data.topics
            .iter()
            .map(|t| (t.url.clone(), None, Vec::new())),
    );
    // The further pages of long listings (`/conditions/page/2/`).
    let size = data.config.page_size;
    let lists = data
        .topics
        .iter()
        .map(|t| (&t.url, t.pages.len()))
        .chain(data.listings.iter().map(|l| (&l.url, l.pages.len())));
    for (url, len) in lists {
        for n in 2..=listing_page_count(len, size) {
            entries.push((listing_page_url(url, n), None, Vec::new()));
        }
    }
    entries.sort();
    let alternates = entries.iter().any(|e| e.2.len() > 1);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
    );
    if alternates {
        xml.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    xml.push_str(">\n");
    for (url, lastmod, versions) in entries {
        xml.push_str("  <url><loc>");
        xml.push_str(&escape(&data.config.permalink(&url)));
        xml.push_str("</loc>");
        if let Some(d) = lastmod {
            xml.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        if versions.len() > 1 {
            let mut link = |hreflang: &str, url: &str| {
                xml.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape(hreflang),
                    escape(&data.config.permalink(url))
                ));
            };
            for (lang, url) in &versions {
                link(&data.config.lang(*lang).tag, url);
            }
            if let Some((_, url)) = versions.iter().find(|(l, _)| *l == 0) {
                link("x-default", url);
            }
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile::new("sitemap.xml".to_owned(), xml)
}

/// One `<url>` of the sitemap: address, last review, and the page's versions as
/// (language, address).
type SitemapEntry = (String, Option<Date>, Vec<(usize, String)>);

/// How many articles the feed lists.
const FEED_ENTRIES: usize = 20;

/// `feed.xml`: an Atom feed of the most recently reviewed articles.
pub(super) fn feed(data: &SiteData<'_>, lang: usize) -> OutputFile {
    let language = data.config.lang(lang);
    let mut articles: Vec<(Date, usize)> = data
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_article() && p.lang == lang)
        .filter_map(|(i, p)| p.meta.last_reviewed.map(|d| (d, i)))
        .collect();
    articles.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| data.pages[a.1].meta.title.cmp(&data.pages[b.1].meta.title))
            .then(a.1.cmp(&b.1))
    });
    articles.truncate(FEED_ENTRIES);
    let updated = articles.iter().map(|a| a.0).max();
    let stamp = |d: Date| format!("{d}T00:00:00Z");
    let c = data.config;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    let home = c.permalink(&language.prefix);
    let feed_url = in_language(&language.prefix, FEED_URL);
    xml.push_str(&format!(" xml:lang=\"{}\">\n", escape(&language.tag)));
    xml.push_str(&format!("  <title>{}</title>\n", escape(&language.title)));
    if !language.description.is_empty() {
        xml.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape(&language.description)
        ));
    }
    xml.push_str(&format!("  <link href=\"{}\"/>\n", escape(&home)));
    xml.push_str(&format!(
        "  <link rel=\"self\" href=\"{}\"/>\n",
        escape(&c.permalink(&feed_url))
    ));
    xml.push_str(&format!("  <id>{}</id>\n", escape(&home)));
    xml.push_str(&format!(
        "  <updated>{}</updated>\n",
        updated.map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), stamp)
    ));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape(&language.title)
    ));
    for (date, i) in articles {
        let p = &data.pages[i];
        let link = c.permalink(&p.url);
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <title>{}</title>\n", escape(&p.meta.title)));
        xml.push_str(&format!("    <link href=\"{}\"/>\n", escape(&link)));
        xml.push_str(&format!("    <id>{}</id>\n", escape(&link)));
        xml.push_str(&format!("    <updated>{}</updated>\n", stamp(date)));
        if let Some(d) = &p.meta.description {
            xml.push_str(&format!("    <summary>{}</summary>\n", escape(d)));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    OutputFile::new(feed_url.trim_start_matches('/').to_owned(), xml)
}

/// `robots.txt`: everything may be crawled; the sitemap's address.
pub(super) fn robots(data: &SiteData<'_>) -> OutputFile {
    OutputFile::new(
        "robots.txt".to_owned(),
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            data.config.base_url
        ),
    )
}
