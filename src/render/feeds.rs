//! The site's machine-readable files: `sitemap.xml`, the Atom feed and `robots.txt`.

use super::context::SiteData;
use crate::date::Date;
use crate::html::escape;
use crate::output::OutputFile;
use crate::theme::{GLOSSARY_URL, SEARCH_URL, TOPICS_URL};

/// `sitemap.xml`: every HTML page of the site, with the review date as `lastmod`.
pub(super) fn sitemap(data: &SiteData<'_>) -> OutputFile {
    let mut entries: Vec<(String, Option<Date>)> = Vec::new();
    for page in data.pages {
        entries.push((page.url.clone(), page.meta.last_reviewed));
    }
    for l in data.listings.iter().filter(|l| l.index.is_none()) {
        entries.push((l.url.clone(), None));
    }
    if !data.topics.is_empty() {
        entries.push((TOPICS_URL.to_owned(), None));
        entries.extend(data.topics.iter().map(|t| (t.url.clone(), None)));
    }
    if !data.glossary.is_empty() {
        entries.push((GLOSSARY_URL.to_owned(), None));
    }
    // The search page is a page readers may look for, so it is listed (its result pages,
    // `?q=...`, are not pages of their own).
    if data.config.search {
        entries.push((SEARCH_URL.to_owned(), None));
    }
    entries.sort();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (url, lastmod) in entries {
        xml.push_str("  <url><loc>");
        xml.push_str(&escape(&data.config.permalink(&url)));
        xml.push_str("</loc>");
        if let Some(d) = lastmod {
            xml.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile::new("sitemap.xml".to_owned(), xml)
}

/// How many articles the feed lists.
const FEED_ENTRIES: usize = 20;

/// `feed.xml`: an Atom feed of the most recently reviewed articles.
pub(super) fn feed(data: &SiteData<'_>) -> OutputFile {
    let mut articles: Vec<(Date, usize)> = data
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_article())
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
    xml.push_str(&format!(" xml:lang=\"{}\">\n", escape(&c.language)));
    xml.push_str(&format!("  <title>{}</title>\n", escape(&c.title)));
    if !c.description.is_empty() {
        xml.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape(&c.description)
        ));
    }
    xml.push_str(&format!("  <link href=\"{}\"/>\n", escape(&c.base_url)));
    xml.push_str(&format!(
        "  <link rel=\"self\" href=\"{}feed.xml\"/>\n",
        escape(&c.base_url)
    ));
    xml.push_str(&format!("  <id>{}</id>\n", escape(&c.base_url)));
    xml.push_str(&format!(
        "  <updated>{}</updated>\n",
        updated.map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), stamp)
    ));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape(&c.title)
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
    OutputFile::new("feed.xml".to_owned(), xml)
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
