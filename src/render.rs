//! Templates: turning rendered pages and the shared site data into output files.
//!
//! The default theme (`templates/` and `static/` in medleaf's repository) is built into the
//! binary; a site's own file of the same name replaces it. Whatever every page shows (the
//! site's title, sections and topics) is turned into a template value once and shared by
//! reference (tera's values are reference-counted), so a page's context holds only its own data
//! and rendering cost per page does not grow with the site.

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::config::Config;
use crate::content::{Page, PageKind};
use crate::date::Date;
use crate::error::{Error, Result};
use crate::health::glossary::{self, Glossary};
use crate::links::LinkGraph;
use crate::markdown::{Rendered, TocEntry};
use crate::output::OutputFile;
use crate::taxonomy::{self, Listing, Topic};
use crate::urls;

/// The default theme's templates, built into the binary.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("article.html", include_str!("../templates/article.html")),
    ("page.html", include_str!("../templates/page.html")),
    ("home.html", include_str!("../templates/home.html")),
    ("section.html", include_str!("../templates/section.html")),
    ("topics.html", include_str!("../templates/topics.html")),
    ("topic.html", include_str!("../templates/topic.html")),
    ("glossary.html", include_str!("../templates/glossary.html")),
    ("404.html", include_str!("../templates/404.html")),
    ("alias.html", include_str!("../templates/alias.html")),
    ("search.html", include_str!("../templates/search.html")),
    (
        "partials/page-list.html",
        include_str!("../templates/partials/page-list.html"),
    ),
];

/// The default theme's static files, built into the binary.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../static/style.css")),
    ("medleaf.js", include_bytes!("../static/medleaf.js")),
    ("favicon.svg", include_bytes!("../static/favicon.svg")),
    ("favicon.ico", include_bytes!("../static/favicon.ico")),
];

/// The default theme's static files that only a site with search needs (`search.enabled`), so
/// that a site without search carries no search code.
/// `search-es.js` holds the Spanish text analysis, which `search.js` loads only on a Spanish site.
pub const SEARCH_STATIC: &[(&str, &[u8])] = &[
    ("search.js", include_bytes!("../static/search.js")),
    ("search-es.js", include_bytes!("../static/search-es.js")),
];

/// The search page's address (issue 5). The header's search box submits to it.
pub const SEARCH_URL: &str = "/search/";

/// The compiled templates: the defaults with the site's own files laid over them.
pub struct Templates {
    tera: Tera,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Templates")
    }
}

impl Templates {
    /// Loads the default templates and every file in `<root>/templates/`, which replaces the
    /// default of the same name.
    pub fn load(root: &Path) -> Result<Templates> {
        let mut sources: Vec<(String, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(n, s)| ((*n).to_owned(), (*s).to_owned()))
            .collect();
        let dir = root.join("templates");
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let entry = entry.map_err(|e| Error::io("cannot read", &dir)(e.into()))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let name = entry
                    .path()
                    .strip_prefix(&dir)
                    .unwrap_or(entry.path())
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                if name.starts_with('.') || name.ends_with('~') || name.ends_with(".md") {
                    continue;
                }
                let text = std::fs::read_to_string(entry.path())
                    .map_err(Error::io("cannot read", entry.path()))?;
                match sources.iter_mut().find(|(n, _)| *n == name) {
                    Some(slot) => slot.1 = text,
                    None => sources.push((name, text)),
                }
            }
        }
        let mut tera = Tera::new();
        tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
            .map_err(|e| Error::Template(template_error(&e)))?;
        Ok(Templates { tera })
    }

    fn render(&self, name: &str, context: &Context) -> Result<String> {
        self.tera
            .render(name, context)
            .map_err(|e| Error::Template(format!("in `{name}`: {}", template_error(&e))))
    }
}

/// Tera's error with its causes, on one line each.
fn template_error(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(&format!("\n  caused by: {s}"));
        source = s.source();
    }
    text
}

/// Everything the templates can show, computed once for the whole site.
pub struct SiteData<'a> {
    /// The settings.
    pub config: &'a Config,
    /// The pages.
    pub pages: &'a [Page],
    /// Each page's rendered body.
    pub rendered: &'a [Rendered],
    /// Backlinks and related articles.
    pub graph: &'a LinkGraph,
    /// Topics.
    pub topics: &'a [Topic],
    /// Folder listings.
    pub listings: &'a [Listing],
    /// The glossary (may be empty).
    pub glossary: &'a Glossary,
}

/// A link as templates show it: title, relative address, optional description.
#[derive(Debug, Clone, Serialize)]
struct LinkCtx<'a> {
    title: &'a str,
    href: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct ReviewCtx<'a> {
    last_reviewed: Option<String>,
    last_reviewed_text: Option<String>,
    next_review: Option<String>,
    next_review_text: Option<String>,
    reviewer: Option<&'a str>,
    role: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct SourceCtx<'a> {
    title: &'a str,
    publisher: Option<&'a str>,
    url: Option<&'a str>,
    accessed: Option<String>,
    accessed_text: Option<String>,
}

/// The `page` value of a content page's template context.
#[derive(Debug, Serialize)]
struct PageCtx<'a> {
    title: &'a str,
    description: Option<&'a str>,
    kind: &'static str,
    url: &'a str,
    permalink: String,
    content: &'a str,
    toc: &'a [TocEntry],
    topics: Vec<LinkCtx<'a>>,
    related: Vec<LinkCtx<'a>>,
    backlinks: Vec<LinkCtx<'a>>,
    sources: Vec<SourceCtx<'a>>,
    review: Option<ReviewCtx<'a>>,
    condition: Option<&'a crate::content::Condition>,
    extra: &'a serde_json::Map<String, serde_json::Value>,
    json_ld: Option<String>,
}

/// The next review date: as written, or the last review plus the site's interval.
pub fn next_review(page: &Page, config: &Config) -> Option<Date> {
    page.meta.next_review.or_else(|| {
        page.meta
            .last_reviewed
            .map(|d| d.add_years(i32::from(config.review_interval_years)))
    })
}

/// The absolute address of a site address, from `base_url`.
pub fn permalink(config: &Config, url: &str) -> String {
    format!(
        "{}{}",
        config.base_url,
        urls::encode_path(url.trim_start_matches('/'))
    )
}

/// The output file for a site address: `/a/` → `a/index.html`, `/a.html` → `a.html`.
pub fn output_path(url: &str) -> String {
    let trimmed = url.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else if trimmed
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
    {
        trimmed.to_owned()
    } else {
        format!("{trimmed}/index.html")
    }
}

impl<'a> SiteData<'a> {
    fn link(&self, from: &str, i: usize) -> LinkCtx<'a> {
        let p = &self.pages[i];
        LinkCtx {
            title: &p.meta.title,
            href: urls::relative(from, &p.url),
            description: p.meta.description.as_deref(),
        }
    }

    /// The `site` value shared by every page: built once, cloned by reference count.
    fn site_value(&self) -> Value {
        #[derive(Serialize)]
        struct NavItem {
            title: String,
            path: String,
        }
        #[derive(Serialize)]
        struct SiteCtx<'a> {
            title: &'a str,
            description: &'a str,
            language: &'a str,
            base_url: &'a str,
            emergency_number: &'a str,
            disclaimer: &'a str,
            disclaimer_path: Option<String>,
            about_path: Option<String>,
            sections: Vec<NavItem>,
            topics: Vec<NavItem>,
            glossary: bool,
            search: bool,
        }
        let path_of = |rel: &str| {
            self.pages
                .iter()
                .find(|p| p.rel == rel)
                .map(|p| p.url.trim_start_matches('/').to_owned())
        };
        let root = self.listings.iter().find(|l| l.dir.is_empty());
        let sections = root
            .map(|r| {
                r.children
                    .iter()
                    .map(|&c| NavItem {
                        title: taxonomy::listing_title(&self.listings[c], self.pages),
                        path: self.listings[c].url.trim_start_matches('/').to_owned(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let ctx = SiteCtx {
            title: &self.config.title,
            description: &self.config.description,
            language: &self.config.language,
            base_url: &self.config.base_url,
            emergency_number: &self.config.emergency_number,
            disclaimer: &self.config.disclaimer,
            disclaimer_path: path_of(&self.config.disclaimer_page),
            about_path: path_of("about.md"),
            sections,
            topics: self
                .topics
                .iter()
                .map(|t| NavItem {
                    title: t.name.clone(),
                    path: t.url.trim_start_matches('/').to_owned(),
                })
                .collect(),
            glossary: !self.glossary.is_empty(),
            search: self.config.search,
        };
        Value::from_serializable(&ctx)
    }

    fn page_ctx(&self, i: usize) -> PageCtx<'a> {
        let page = &self.pages[i];
        let from = page.url.as_str();
        let meta = &page.meta;
        let rendered = &self.rendered[i];
        let article = page.is_article();
        let permalink = permalink(self.config, &page.url);
        let topics = meta
            .topics
            .iter()
            .filter_map(|name| {
                let slug = crate::slug::slugify(name);
                let t = self.topics.iter().find(|t| t.slug == slug)?;
                Some(LinkCtx {
                    title: &t.name,
                    href: urls::relative(from, &t.url),
                    description: None,
                })
            })
            .collect();
        let review = (article && (meta.last_reviewed.is_some() || meta.reviewed_by.is_some()))
            .then(|| {
                let next = next_review(page, self.config);
                ReviewCtx {
                    last_reviewed: meta.last_reviewed.map(|d| d.to_string()),
                    last_reviewed_text: meta.last_reviewed.map(Date::long),
                    next_review: next.map(|d| d.to_string()),
                    next_review_text: next.map(Date::long),
                    reviewer: meta.reviewed_by.as_ref().map(|r| r.name.as_str()),
                    role: meta.reviewed_by.as_ref().and_then(|r| r.role.as_deref()),
                }
            });
        PageCtx {
            title: &meta.title,
            description: meta.description.as_deref(),
            kind: match page.kind {
                PageKind::Article => "article",
                PageKind::Plain => "page",
                PageKind::Index if page.dir.is_empty() => "home",
                PageKind::Index => "section",
            },
            url: &page.url,
            json_ld: article.then(|| crate::health::jsonld::article(page, self.config, &permalink)),
            permalink,
            content: &rendered.html,
            toc: &rendered.toc,
            topics,
            related: self.graph.related[i]
                .iter()
                .map(|&r| self.link(from, r))
                .collect(),
            backlinks: self.graph.backlinks[i]
                .iter()
                .map(|&r| self.link(from, r))
                .collect(),
            sources: meta
                .sources
                .iter()
                .map(|s| SourceCtx {
                    title: &s.title,
                    publisher: s.publisher.as_deref(),
                    url: s.url.as_deref(),
                    accessed: s.accessed.map(|d| d.to_string()),
                    accessed_text: s.accessed.map(Date::long),
                })
                .collect(),
            review,
            condition: meta.condition.as_ref(),
            extra: &meta.extra,
        }
    }

    /// The size in bytes of what page `i`'s template context holds besides the shared `site`
    /// value (which every page shares by reference): its `page` value, serialised as JSON.
    /// Apart from listing pages, it depends on the page alone, never on the size of the site
    /// (`tests/scaling.rs` checks this).
    pub fn page_context_size(&self, i: usize) -> usize {
        serde_json::to_vec(&self.page_ctx(i)).map_or(0, |v| v.len())
    }

    fn context(&self, site: &Value, url: &str) -> Context {
        let mut ctx = Context::new();
        ctx.insert_value("site", site.clone());
        ctx.insert("root", &urls::root_prefix(url));
        ctx
    }

    /// A listing's `listing` value: its pages and sub-folders.
    fn listing_value(&self, listing: &Listing, from: &str) -> Value {
        #[derive(Serialize)]
        struct ListingCtx<'a> {
            /// Every page in the folder.
            pages: Vec<LinkCtx<'a>>,
            /// Its health articles.
            articles: Vec<LinkCtx<'a>>,
            /// Its plain pages (about, disclaimer).
            others: Vec<LinkCtx<'a>>,
            sections: Vec<LinkCtx<'a>>,
        }
        let sections = listing
            .children
            .iter()
            .map(|&c| {
                let child = &self.listings[c];
                LinkCtx {
                    title: child
                        .index
                        .map_or("", |i| self.pages[i].meta.title.as_str()),
                    href: urls::relative(from, &child.url),
                    description: child
                        .index
                        .and_then(|i| self.pages[i].meta.description.as_deref()),
                }
            })
            .collect::<Vec<_>>();
        // Folders without an `_index.md` are named after the folder.
        let names: Vec<String> = listing
            .children
            .iter()
            .map(|&c| taxonomy::listing_title(&self.listings[c], self.pages))
            .collect();
        let sections: Vec<LinkCtx> = sections
            .into_iter()
            .zip(&names)
            .map(|(mut l, n)| {
                if l.title.is_empty() {
                    l.title = n;
                }
                l
            })
            .collect();
        let of_kind = |article: bool| {
            listing
                .pages
                .iter()
                .filter(|&&p| self.pages[p].is_article() == article)
                .map(|&p| self.link(from, p))
                .collect()
        };
        Value::from_serializable(&ListingCtx {
            pages: listing.pages.iter().map(|&p| self.link(from, p)).collect(),
            articles: of_kind(true),
            others: of_kind(false),
            sections,
        })
    }
}

/// Where rendered files go: the output writer, or a list in memory.
pub type Sink<'a> = dyn Fn(OutputFile) -> Result<()> + Sync + 'a;

/// Renders every page the site has, in a fixed order: see [`render_site_into`].
pub fn render_site(data: &SiteData<'_>, templates: &Templates) -> Result<Vec<OutputFile>> {
    collect(|sink| render_site_into(data, templates, sink)).map(|(files, ())| files)
}

/// Runs `produce` with a sink that keeps the files in memory, and returns them sorted by path
/// with what `produce` returned: for `serve` and tests, which want the whole output at once.
pub fn collect<T>(produce: impl FnOnce(&Sink<'_>) -> Result<T>) -> Result<(Vec<OutputFile>, T)> {
    let files = std::sync::Mutex::new(Vec::new());
    let value = produce(&|f| {
        files
            .lock()
            .expect("no panics while holding the lock")
            .push(f);
        Ok(())
    })?;
    let mut files = files
        .into_inner()
        .expect("no panics while holding the lock");
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, value))
}

/// Renders every page the site has: content pages, listings, topics, glossary, 404 and alias
/// redirects, plus the theme's static files, handing each file to `sink` as soon as it is
/// made (in no particular order), so a large site is never held in memory whole. Pages are
/// rendered in parallel.
pub fn render_site_into(data: &SiteData<'_>, templates: &Templates, sink: &Sink<'_>) -> Result<()> {
    let site = data.site_value();
    // The site-wide pages (listings, topics, sitemap, feed, redirects: about 2% of a 10,000-page
    // build) are made beside the content pages rather than after them, by the same code that
    // re-renders them in `serve`.
    let (pages, rest) = rayon::join(
        || {
            (0..data.pages.len())
                .into_par_iter()
                .try_for_each(|i| sink(render_page(data, templates, &site, i)?))
        },
        || render_parts_with(data, templates, &site, &site_wide_parts(data)),
    );
    pages?;
    rest?.into_iter().try_for_each(sink)?;

    sink(render_404(data, templates, &site)?)?;
    if data.config.search {
        sink(render_search(data, templates, &site)?)?;
        for (name, bytes) in SEARCH_STATIC {
            sink(OutputFile {
                path: (*name).to_owned(),
                bytes: bytes.to_vec(),
            })?;
        }
    }
    sink(OutputFile::new(
        "robots.txt".to_owned(),
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            data.config.base_url
        ),
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
    parts.push(Part::TopicsIndex);
    parts.extend((0..data.topics.len()).map(Part::Topic));
    parts.push(Part::Glossary);
    parts.extend(
        (0..data.pages.len())
            .filter(|&i| !data.pages[i].meta.aliases.is_empty())
            .map(Part::Aliases),
    );
    parts.extend([Part::Sitemap, Part::Feed]);
    parts
}

/// One part of the site's output, so that `serve` can re-render only what an edit changed
/// ([`render_parts`]); [`render_site`] renders them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// A content page (index into the pages); an `_index.md` with its folder's listing.
    Page(usize),
    /// The listing page of a folder without an `_index.md` (index into the listings).
    Listing(usize),
    /// The topics index.
    TopicsIndex,
    /// One topic's page (index into the topics).
    Topic(usize),
    /// The glossary page.
    Glossary,
    /// The redirect pages of one page's `aliases:` (index into the pages).
    Aliases(usize),
    /// `sitemap.xml`.
    Sitemap,
    /// `feed.xml`.
    Feed,
}

/// Renders some parts of the site, exactly as [`render_site`] renders them, in no particular
/// order. The cost depends on the parts asked for, not on the size of the site.
pub fn render_parts(
    data: &SiteData<'_>,
    templates: &Templates,
    parts: &[Part],
) -> Result<Vec<OutputFile>> {
    render_parts_with(data, templates, &data.site_value(), parts)
}

/// [`render_parts`] with the template `site` value already made.
fn render_parts_with(
    data: &SiteData<'_>,
    templates: &Templates,
    site: &Value,
    parts: &[Part],
) -> Result<Vec<OutputFile>> {
    let rendered: Vec<Result<Vec<OutputFile>>> = parts
        .par_iter()
        .map(|part| {
            Ok(match *part {
                Part::Page(i) => vec![render_page(data, templates, site, i)?],
                Part::Listing(l) => {
                    vec![render_listing(data, templates, site, &data.listings[l])?]
                }
                Part::TopicsIndex if data.topics.is_empty() => Vec::new(),
                Part::TopicsIndex => vec![render_topics_index(data, templates, site)?],
                Part::Topic(t) => vec![render_topic(data, templates, site, &data.topics[t])?],
                Part::Glossary if data.glossary.is_empty() => Vec::new(),
                Part::Glossary => vec![render_glossary(data, templates, site)?],
                Part::Aliases(i) => render_page_aliases(data, templates, site, &data.pages[i])?,
                Part::Sitemap => vec![sitemap(data)],
                Part::Feed => vec![feed(data)],
            })
        })
        .collect();
    let mut files = Vec::new();
    for r in rendered {
        files.extend(r?);
    }
    Ok(files)
}

/// The listing page of a folder without an `_index.md`.
fn render_listing(
    data: &SiteData<'_>,
    templates: &Templates,
    site: &Value,
    listing: &Listing,
) -> Result<OutputFile> {
    let mut ctx = data.context(site, &listing.url);
    let title = taxonomy::listing_title(listing, data.pages);
    ctx.insert_value(
        "page",
        Value::from_serializable(&serde_json::json!({
            "title": title,
            "kind": if listing.dir.is_empty() { "home" } else { "section" },
            "url": listing.url,
            "permalink": permalink(data.config, &listing.url),
            "content": "",
        })),
    );
    ctx.insert_value("listing", data.listing_value(listing, &listing.url));
    let name = if listing.dir.is_empty() {
        "home.html"
    } else {
        "section.html"
    };
    Ok(OutputFile::new(
        output_path(&listing.url),
        templates.render(name, &ctx)?,
    ))
}

fn render_page(
    data: &SiteData<'_>,
    templates: &Templates,
    site: &Value,
    i: usize,
) -> Result<OutputFile> {
    let page = &data.pages[i];
    let mut ctx = data.context(site, &page.url);
    ctx.insert("page", &data.page_ctx(i));
    let template = match page.kind {
        PageKind::Article => "article.html",
        PageKind::Plain => "page.html",
        PageKind::Index => {
            if let Some(listing) = data.listings.iter().find(|l| l.index == Some(i)) {
                ctx.insert_value("listing", data.listing_value(listing, &page.url));
            }
            if page.dir.is_empty() {
                "home.html"
            } else {
                "section.html"
            }
        }
    };
    Ok(OutputFile::new(
        output_path(&page.url),
        templates.render(template, &ctx)?,
    ))
}

/// The topics index: every topic with its number of articles.
fn render_topics_index(
    data: &SiteData<'_>,
    templates: &Templates,
    site: &Value,
) -> Result<OutputFile> {
    #[derive(Serialize)]
    struct TopicCtx<'a> {
        name: &'a str,
        href: String,
        count: usize,
    }
    let url = taxonomy::TOPICS_URL;
    let mut ctx = data.context(site, url);
    ctx.insert(
        "page",
        &serde_json::json!({"title": "Topics", "kind": "topics", "url": url, "permalink": permalink(data.config, url)}),
    );
    ctx.insert(
        "topics",
        &data
            .topics
            .iter()
            .map(|t| TopicCtx {
                name: &t.name,
                href: urls::relative(url, &t.url),
                count: t.pages.len(),
            })
            .collect::<Vec<_>>(),
    );
    Ok(OutputFile::new(
        output_path(url),
        templates.render("topics.html", &ctx)?,
    ))
}

/// One topic's page: its articles.
fn render_topic(
    data: &SiteData<'_>,
    templates: &Templates,
    site: &Value,
    t: &Topic,
) -> Result<OutputFile> {
    let url = taxonomy::TOPICS_URL;
    let mut ctx = data.context(site, &t.url);
    ctx.insert(
        "page",
        &serde_json::json!({"title": t.name, "kind": "topic", "url": t.url, "permalink": permalink(data.config, &t.url)}),
    );
    ctx.insert(
        "topic",
        &serde_json::json!({"name": t.name, "slug": t.slug, "topics_href": urls::relative(&t.url, url)}),
    );
    let pages: Vec<LinkCtx> = t.pages.iter().map(|&p| data.link(&t.url, p)).collect();
    ctx.insert("pages", &pages);
    Ok(OutputFile::new(
        output_path(&t.url),
        templates.render("topic.html", &ctx)?,
    ))
}

fn render_glossary(data: &SiteData<'_>, templates: &Templates, site: &Value) -> Result<OutputFile> {
    #[derive(Serialize)]
    struct EntryCtx<'a> {
        term: &'a str,
        id: &'a str,
        definition: &'a str,
        also_called: &'a [String],
        see: Option<LinkCtx<'a>>,
    }
    let url = glossary::URL;
    let mut ctx = data.context(site, url);
    ctx.insert(
        "page",
        &serde_json::json!({"title": "Glossary", "kind": "glossary", "url": url, "permalink": permalink(data.config, url),
            "description": "Plain-language explanations of the medical words used on this site."}),
    );
    let entries: Vec<EntryCtx> = data
        .glossary
        .entries
        .iter()
        .map(|e| EntryCtx {
            term: &e.term,
            id: &e.id,
            definition: &e.definition,
            also_called: &e.also_called,
            see: e.see.map(|i| data.link(url, i)),
        })
        .collect();
    ctx.insert("entries", &entries);
    Ok(OutputFile::new(
        output_path(url),
        templates.render("glossary.html", &ctx)?,
    ))
}

/// The 404 page is served at any missing address, so its links cannot be relative: they start
/// from the path of `base_url`.
fn render_404(data: &SiteData<'_>, templates: &Templates, site: &Value) -> Result<OutputFile> {
    let mut ctx = Context::new();
    ctx.insert_value("site", site.clone());
    ctx.insert("root", &data.config.base_path);
    ctx.insert(
        "page",
        &serde_json::json!({"title": "Page not found", "kind": "404", "url": "/404.html", "permalink": permalink(data.config, "/404.html")}),
    );
    Ok(OutputFile::new(
        "404.html".to_owned(),
        templates.render("404.html", &ctx)?,
    ))
}

/// The search page. Its results come from the index in `search/` (`crate::search`), read by
/// `search.js`; without JavaScript it explains that and links the topics.
fn render_search(data: &SiteData<'_>, templates: &Templates, site: &Value) -> Result<OutputFile> {
    let url = SEARCH_URL;
    let mut ctx = data.context(site, url);
    ctx.insert(
        "page",
        &serde_json::json!({"title": "Search", "kind": "search", "url": url, "permalink": permalink(data.config, url),
            "description": "Search the articles on this site."}),
    );
    Ok(OutputFile::new(
        output_path(url),
        templates.render("search.html", &ctx)?,
    ))
}

/// Redirect pages for every `aliases:` entry.
/// The redirect pages of one page's `aliases:`.
fn render_page_aliases(
    data: &SiteData<'_>,
    templates: &Templates,
    site: &Value,
    page: &Page,
) -> Result<Vec<OutputFile>> {
    let mut files = Vec::new();
    for alias in &page.meta.aliases {
        let mut ctx = data.context(site, alias);
        ctx.insert(
            "page",
            &serde_json::json!({
                "title": page.meta.title,
                "kind": "alias",
                "url": alias,
                "target_href": urls::relative(alias, &page.url),
                "permalink": permalink(data.config, &page.url),
            }),
        );
        files.push(OutputFile::new(
            output_path(alias),
            templates.render("alias.html", &ctx)?,
        ));
    }
    Ok(files)
}

fn xml_escape(s: &str) -> String {
    crate::markdown::escape_attr(s)
}

/// `sitemap.xml`: every HTML page of the site, with the review date as `lastmod`.
fn sitemap(data: &SiteData<'_>) -> OutputFile {
    let mut entries: Vec<(String, Option<Date>)> = Vec::new();
    for page in data.pages {
        entries.push((page.url.clone(), page.meta.last_reviewed));
    }
    for l in data.listings.iter().filter(|l| l.index.is_none()) {
        entries.push((l.url.clone(), None));
    }
    if !data.topics.is_empty() {
        entries.push((taxonomy::TOPICS_URL.to_owned(), None));
        entries.extend(data.topics.iter().map(|t| (t.url.clone(), None)));
    }
    if !data.glossary.is_empty() {
        entries.push((glossary::URL.to_owned(), None));
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
        xml.push_str(&xml_escape(&permalink(data.config, &url)));
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
fn feed(data: &SiteData<'_>) -> OutputFile {
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
    xml.push_str(&format!(" xml:lang=\"{}\">\n", xml_escape(&c.language)));
    xml.push_str(&format!("  <title>{}</title>\n", xml_escape(&c.title)));
    if !c.description.is_empty() {
        xml.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            xml_escape(&c.description)
        ));
    }
    xml.push_str(&format!("  <link href=\"{}\"/>\n", xml_escape(&c.base_url)));
    xml.push_str(&format!(
        "  <link rel=\"self\" href=\"{}feed.xml\"/>\n",
        xml_escape(&c.base_url)
    ));
    xml.push_str(&format!("  <id>{}</id>\n", xml_escape(&c.base_url)));
    xml.push_str(&format!(
        "  <updated>{}</updated>\n",
        updated.map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), stamp)
    ));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml_escape(&c.title)
    ));
    for (date, i) in articles {
        let p = &data.pages[i];
        let link = permalink(c, &p.url);
        xml.push_str("  <entry>\n");
        xml.push_str(&format!(
            "    <title>{}</title>\n",
            xml_escape(&p.meta.title)
        ));
        xml.push_str(&format!("    <link href=\"{}\"/>\n", xml_escape(&link)));
        xml.push_str(&format!("    <id>{}</id>\n", xml_escape(&link)));
        xml.push_str(&format!("    <updated>{}</updated>\n", stamp(date)));
        if let Some(d) = &p.meta.description {
            xml.push_str(&format!("    <summary>{}</summary>\n", xml_escape(d)));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    OutputFile::new("feed.xml".to_owned(), xml)
}

/// The addresses the search feature adds (the search page and its script) when it is on, for
/// link checking: a link to `/search/` is only valid on a site that has search.
pub fn search_urls(search: bool) -> Vec<String> {
    if !search {
        return Vec::new();
    }
    let mut urls = vec![SEARCH_URL.to_owned()];
    urls.extend(SEARCH_STATIC.iter().map(|(n, _)| format!("/{n}")));
    urls
}

/// The addresses this module generates besides content pages, for link checking.
pub fn generated_urls(topics: &[Topic], has_glossary: bool, pages: &[Page]) -> Vec<String> {
    let mut urls: Vec<String> = vec![
        "/404.html".into(),
        "/sitemap.xml".into(),
        "/feed.xml".into(),
        "/robots.txt".into(),
    ];
    if !topics.is_empty() {
        urls.push(taxonomy::TOPICS_URL.into());
        urls.extend(topics.iter().map(|t| t.url.clone()));
    }
    if has_glossary {
        urls.push(glossary::URL.into());
    }
    urls.extend(DEFAULT_STATIC.iter().map(|(n, _)| format!("/{n}")));
    for p in pages {
        urls.extend(p.meta.aliases.iter().cloned());
    }
    urls
}
