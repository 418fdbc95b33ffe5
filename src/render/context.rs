//! What templates see: one typed value per kind of page, so a template's variables are a Rust
//! type (checked by the compiler and documented in the README's template reference) rather than
//! keys made up where the page is rendered.
//!
//! Every template gets `site` ([`SiteValue`], the same for every page, built once and shared by
//! reference count), `root` (the relative address of the site's root from this page, `../`) and
//! `page`; some kinds add a value of their own:
//!
//! | kind (`page.kind`) | template | values |
//! |---|---|---|
//! | `article`, `page` | `article.html`, `page.html` | `page` ([`ContentValue`]) |
//! | `home`, `section` | `home.html`, `section.html` | `page` ([`ContentValue`], or [`PageHead`] for a folder without `_index.md`), `listing` ([`ListingValue`]) |
//! | `topics` | `topics.html` | `page` ([`PageHead`]), `topics` ([`TopicCount`] list) |
//! | `topic` | `topic.html` | `page`, `topic` ([`TopicValue`]), `pages` ([`LinkValue`] list) |
//! | `glossary` | `glossary.html` | `page`, `entries` ([`GlossaryEntryValue`] list) |
//! | `a-z` | `a-z.html` | `page`, `letters` ([`AzLetter`] list) |
//! | `search`, `404` | `search.html`, `404.html` | `page` |
//! | `alias` | `alias.html` | `page` ([`RedirectValue`]) |

use std::borrow::Cow;

use serde::Serialize;
use tera::Value;

pub(crate) use super::values::*;
use crate::config::Config;
use crate::config::MenuTarget;
use crate::content::front_matter::Source;
use crate::content::{Page, PageKind, Snippet};
use crate::glossary::Glossary;
use crate::i18n::Strings;
use crate::links::graph::LinkGraph;
use crate::markdown::Body;
use crate::slug::slugify;
use crate::taxonomy::{self, Listing, Topic};
use crate::theme::{
    A_Z_URL, FEED_URL, GLOSSARY_URL, SEARCH_URL, TOPICS_URL, in_language, listing_page_count,
};
use crate::urls;

/// The strings `medleaf.js` shows (the glossary popover).
const SCRIPT_STRINGS: &[&str] = &[
    "glossary_see",
    "close",
    "search_file",
    "search_script_failed",
];

/// Articles with at least this many `h2` show "On this page".
const CONTENTS_MIN_H2: usize = 3;
/// The most featured articles the home page shows.
const FEATURED_MAX: usize = 6;

/// The strings `search.js` shows.
const SEARCH_SCRIPT_STRINGS: &[&str] = &[
    "search_unavailable",
    "search_no_results",
    "search_one_result",
    "search_results",
    "search_for",
    "search_corrected",
    "search_showing",
    "search_show_more",
    "search_show_one_more",
    "search_showing_for",
    "search_instead",
    "search_none_help",
    "search_partial",
    "search_sections",
    "search_also_called",
    "search_explains",
];

/// Everything the templates can show, computed once for the whole site.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SiteData<'a> {
    /// The settings.
    pub(crate) config: &'a Config,
    /// The pages.
    pub(crate) pages: &'a [Page],
    /// Each page's rendered body.
    pub(crate) bodies: &'a [Body],
    /// Backlinks and related articles.
    pub(crate) graph: &'a LinkGraph,
    /// Topics.
    pub(crate) topics: &'a [Topic],
    /// Folder listings.
    pub(crate) listings: &'a [Listing],
    /// The snippets pages embed.
    pub(crate) snippets: &'a [Snippet],
    /// Each language's site-wide notice, as HTML.
    pub(crate) notices: &'a [Option<String>],
    /// Each language's glossary (may be empty).
    pub(crate) glossaries: &'a [Glossary],
    /// Each language's interface strings.
    pub(crate) strings: &'a [Strings],
    /// The pages that have versions in other languages: for each translated key (the
    /// default-language file), every version's page, in language order.
    pub(crate) versions: &'a std::collections::HashMap<String, Vec<usize>>,
}

/// `site`: the settings and navigation every page in one language shows.
#[derive(Debug, Serialize)]
pub(crate) struct SiteValue<'a> {
    /// The site's name.
    pub(crate) title: &'a str,
    /// What the site is about (the home page's meta description).
    pub(crate) description: &'a str,
    /// The BCP 47 language tag (`en-US`), for `<html lang>`.
    pub(crate) language: &'a str,
    /// `ltr` or `rtl`, for `<html dir>`.
    pub(crate) dir: &'static str,
    /// The language's home page, from the site's root (empty for the default language,
    /// `es/`); the other generated pages likewise: `topics_path`, `glossary_path`,
    /// `search_path`, `feed_path`.
    pub(crate) home_path: String,
    /// The topics index, from the root.
    pub(crate) topics_path: String,
    /// The glossary page, from the root.
    pub(crate) glossary_path: String,
    /// The search page, from the root.
    pub(crate) search_path: String,
    /// The Atom feed, from the root.
    pub(crate) feed_path: String,
    /// The Health A-Z, from the root, when the language has articles.
    pub(crate) a_z_path: Option<String>,
    /// The strings `medleaf.js` shows (the glossary popover), as JSON for a
    /// `<script type="application/json">` block (data, not code).
    pub(crate) strings_json: String,
    /// The strings `search.js` shows, likewise, for the search page.
    pub(crate) search_strings_json: String,
    /// The Content-Security-Policy, for the `<meta http-equiv>` every page carries.
    pub(crate) content_security_policy: &'a str,
    /// The published address, ending in `/`.
    pub(crate) base_url: &'a str,
    /// The emergency number (`911`).
    pub(crate) emergency_number: &'a str,
    /// The emergency number as a `tel:` address wants it (digits, a leading `+`).
    pub(crate) emergency_tel: String,
    /// The one-line disclaimer shown on every page.
    pub(crate) disclaimer: &'a str,
    /// The full disclaimer page's address from the root (`disclaimer/`), if the site has one.
    pub(crate) disclaimer_path: Option<String>,
    /// The about page's address from the root, if the site has one.
    pub(crate) about_path: Option<String>,
    /// The top-level folders.
    pub(crate) sections: Vec<NavItem>,
    /// The navigation (the header's menu), in order: `site.yaml`'s `menu:`, or the top-level
    /// folders, then the Health A-Z, topics and glossary.
    pub(crate) menu: Vec<NavItem>,
    /// The topics (at most [`taxonomy::MAX_NAV_TOPICS`], the largest, in name order).
    pub(crate) topics: Vec<NavItem>,
    /// Whether the site has a glossary page.
    pub(crate) glossary: bool,
    /// Whether the site has search.
    pub(crate) search: bool,
    /// The site-wide notice (`site.yaml` `notice:`) as HTML, shown above every page's title;
    /// print it with `| safe`.
    pub(crate) notice: Option<&'a str>,
    /// `site.yaml`'s `extra:`, as written: free values for the site's own templates.
    pub(crate) extra: &'a serde_json::Map<String, serde_json::Value>,
}

/// `site.topics` of language `lang`: see [`taxonomy::nav_topics`].
fn nav_topics(topics: &[Topic], lang: usize) -> Vec<NavItem> {
    taxonomy::nav_topics(topics, lang)
        .into_iter()
        .map(|t| NavItem {
            title: topics[t].name.clone(),
            path: topics[t].url.trim_start_matches('/').to_owned(),
            external: false,
        })
        .collect()
}

impl<'a> SiteData<'a> {
    /// A link from the page at `from` to page `i`.
    pub(super) fn link(&self, from: &str, i: usize) -> LinkValue<'a> {
        let p = &self.pages[i];
        LinkValue {
            title: Cow::Borrowed(&p.meta.title),
            href: urls::relative(from, &p.url),
            description: p.meta.description.as_deref(),
        }
    }

    /// The head of a generated page at `url` in language `lang`. `versions` gives the same page's
    /// address in each language that has it (for the switcher), or nothing.
    pub(super) fn head(
        &self,
        title: Cow<'a, str>,
        kind: PageKind,
        url: Cow<'a, str>,
        lang: usize,
        versions: &[(usize, String)],
    ) -> PageHead<'a> {
        let language = self.config.lang(lang);
        let translations = self.version_values(&url, lang, versions);
        PageHead {
            title,
            kind,
            lang: &language.tag,
            dir: language.dir(),
            x_default: versions
                .iter()
                .find(|(l, _)| *l == 0)
                .filter(|_| translations.len() > 1)
                .map(|(_, u)| self.config.permalink(u)),
            translations: if translations.len() > 1 {
                translations
            } else {
                Vec::new()
            },
            permalink: self.config.permalink(&url),
            url,
            description: None,
            prev: None,
            next: None,
        }
    }

    /// The versions `versions` (language, site address) as seen from `from` in `lang`.
    fn version_values(
        &self,
        from: &str,
        lang: usize,
        versions: &[(usize, String)],
    ) -> Vec<VersionValue<'a>> {
        versions
            .iter()
            .map(|(l, url)| {
                let language = self.config.lang(*l);
                VersionValue {
                    code: &language.code,
                    tag: &language.tag,
                    name: &language.name,
                    href: urls::relative(from, url),
                    permalink: self.config.permalink(url),
                    current: *l == lang,
                }
            })
            .collect()
    }

    /// The language versions of content page `i`, as (language, address), in language order.
    pub(super) fn page_versions(&self, i: usize) -> Vec<(usize, String)> {
        let page = &self.pages[i];
        match self.versions.get(&page.key) {
            Some(list) => list
                .iter()
                .map(|&p| (self.pages[p].lang, self.pages[p].url.clone()))
                .collect(),
            None => Vec::new(),
        }
    }

    /// The versions of a generated page that exists in every language at `url` below each
    /// language's prefix (`/topics/`, `/es/topics/`), for the languages in `langs`.
    pub(super) fn generated_versions(
        &self,
        url: &str,
        langs: impl Iterator<Item = usize>,
    ) -> Vec<(usize, String)> {
        langs
            .map(|l| (l, in_language(&self.config.lang(l).prefix, url)))
            .collect()
    }

    /// The `site` and `t` values of every language, in language order.
    pub(super) fn lang_values(&self) -> Vec<LangValues> {
        (0..self.config.languages.len())
            .map(|lang| LangValues {
                site: self.site_value(lang),
                strings: Value::from_serializable(self.strings_of(lang).map()),
            })
            .collect()
    }

    /// The strings of language `lang`.
    pub(super) fn strings_of(&self, lang: usize) -> &'a Strings {
        &self.strings[lang.min(self.strings.len().saturating_sub(1))]
    }

    /// The `site` value of language `lang`.
    fn site_value(&self, lang: usize) -> Value {
        let language = self.config.lang(lang);
        // A page of this language, or the default language's when it has none.
        let path_of = |key: &str| {
            let mut found = None;
            for p in self.pages.iter().filter(|p| p.key == key) {
                if p.lang == lang || (found.is_none() && p.lang == 0) {
                    found = Some(p);
                }
            }
            found.map(|p| p.url.trim_start_matches('/').to_owned())
        };
        let in_lang = |url: &str| {
            in_language(&language.prefix, url)
                .trim_start_matches('/')
                .to_owned()
        };
        let strings = self.strings_of(lang);
        let json_of = |keys: &[&str]| {
            let map: std::collections::BTreeMap<&str, &str> =
                keys.iter().map(|k| (*k, strings.get(k))).collect();
            super::jsonld::script_safe(&serde_json::json!(map))
        };
        let root = self
            .listings
            .iter()
            .find(|l| l.dir.is_empty() && l.lang == lang);
        let sections: Vec<NavItem> = root
            .map(|r| {
                r.children
                    .iter()
                    .map(|&c| NavItem {
                        title: taxonomy::listing_title(&self.listings[c], self.pages),
                        path: self.listings[c].url.trim_start_matches('/').to_owned(),
                        external: false,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let c = self.config;
        let has_articles = self.pages.iter().any(|p| p.lang == lang && p.is_article());
        let has_topics = self.topics.iter().any(|t| t.lang == lang);
        let has_glossary = self.glossaries.get(lang).is_some_and(|g| !g.is_empty());
        let strings_nav = |key: &str, url: &str| NavItem {
            title: strings.get(key).to_owned(),
            path: in_lang(url),
            external: false,
        };
        let menu: Vec<NavItem> = match &language.menu {
            Some(items) => items
                .iter()
                .map(|item| match &item.target {
                    MenuTarget::Page(file) => NavItem {
                        title: item.title.clone(),
                        path: path_of(file).unwrap_or_default(),
                        external: false,
                    },
                    MenuTarget::Url(url) if urls::is_external(url) => NavItem {
                        title: item.title.clone(),
                        path: url.clone(),
                        external: true,
                    },
                    MenuTarget::Url(url) => NavItem {
                        title: item.title.clone(),
                        path: url.trim_start_matches('/').to_owned(),
                        external: false,
                    },
                })
                .collect(),
            None => {
                let mut menu: Vec<NavItem> = sections
                    .iter()
                    .map(|s: &NavItem| NavItem {
                        title: s.title.clone(),
                        path: s.path.clone(),
                        external: false,
                    })
                    .collect();
                if has_articles {
                    menu.push(strings_nav("a_z", A_Z_URL));
                }
                if has_topics {
                    menu.push(strings_nav("topics", TOPICS_URL));
                }
                if has_glossary {
                    menu.push(strings_nav("glossary", GLOSSARY_URL));
                }
                menu
            }
        };
        Value::from_serializable(&SiteValue {
            title: &language.title,
            description: &language.description,
            language: &language.tag,
            dir: language.dir(),
            home_path: in_lang("/"),
            topics_path: in_lang(TOPICS_URL),
            glossary_path: in_lang(GLOSSARY_URL),
            search_path: in_lang(SEARCH_URL),
            feed_path: in_lang(FEED_URL),
            a_z_path: has_articles.then(|| in_lang(A_Z_URL)),
            strings_json: json_of(SCRIPT_STRINGS),
            search_strings_json: json_of(SEARCH_SCRIPT_STRINGS),
            content_security_policy: &c.content_security_policy,
            base_url: &c.base_url,
            emergency_number: &language.emergency_number,
            emergency_tel: crate::markdown::tel_address(&language.emergency_number),
            disclaimer: &language.disclaimer,
            disclaimer_path: path_of(&c.disclaimer_page),
            about_path: path_of("about.md"),
            sections,
            menu,
            topics: nav_topics(self.topics, lang),
            glossary: has_glossary,
            search: c.search,
            notice: self.notices.get(lang).and_then(|n| n.as_deref()),
            extra: &c.extra,
        })
    }

    /// The `page` value of content page `i`.
    pub(super) fn content_value(&self, i: usize) -> ContentValue<'a> {
        let page = &self.pages[i];
        let from = page.url.as_str();
        let meta = &page.meta;
        let body = &self.bodies[i];
        let article = page.is_article();
        let permalink = self.config.permalink(&page.url);
        let strings = self.strings_of(page.lang);
        // The page's own topics, looked up in a table of them rather than in every topic of
        // the site (a page with 20,000 topics made that quadratic; issue 16).
        let own: rustc_hash::FxHashMap<&str, &Topic> = self.graph.page_topics[i]
            .iter()
            .map(|&(t, _)| (self.topics[t].slug.as_str(), &self.topics[t]))
            .collect();
        let topics = meta
            .topics
            .iter()
            .filter_map(|name| {
                let slug = slugify(name);
                let t = own.get(slug.as_str())?;
                Some(LinkValue {
                    title: Cow::Borrowed(&t.name),
                    href: urls::relative(from, &t.url),
                    description: None,
                })
            })
            .collect();
        let review = (article && (meta.last_reviewed.is_some() || meta.reviewed_by.is_some()))
            .then(|| {
                let next = page.next_review(self.config.review_interval_years);
                ReviewValue {
                    last_reviewed: meta.last_reviewed.map(|d| d.to_string()),
                    last_reviewed_text: meta.last_reviewed.map(|d| strings.date(d)),
                    next_review: next.map(|d| d.to_string()),
                    next_review_text: next.map(|d| strings.date(d)),
                    reviewer: meta.reviewed_by.as_ref().map(|r| r.name.as_str()),
                    role: meta.reviewed_by.as_ref().and_then(|r| r.role.as_deref()),
                }
            });
        let sources = self.sources_of(i);
        let versions = self.page_versions(i);
        let mut head = self.head(
            Cow::Borrowed(&meta.title),
            page.kind,
            Cow::Borrowed(&page.url),
            page.lang,
            &versions,
        );
        head.description = meta.description.as_deref();
        let h2s = body.toc.iter().filter(|e| e.level == 2).count();
        let handout = article
            .then(|| super::qr::svg(&permalink, strings.get("handout_qr_label")))
            .flatten()
            .map(|qr_svg| {
                Box::new(HandoutValue {
                    qr_svg,
                    address: permalink.clone(),
                })
            });
        ContentValue {
            contents: article && h2s >= CONTENTS_MIN_H2,
            handout,
            json_ld: article.then(|| {
                super::jsonld::article(page, self.config, &permalink, &sources, &versions)
            }),
            head,
            content: &body.html,
            toc: &body.toc,
            topics,
            related: self.graph.related[i]
                .iter()
                .map(|&r| self.link(from, r))
                .collect(),
            backlinks: self.graph.backlinks[i]
                .iter()
                .map(|&r| self.link(from, r))
                .collect(),
            sources: sources
                .into_iter()
                .map(|s| SourceValue {
                    title: &s.title,
                    publisher: s.publisher.as_deref(),
                    url: s.url.as_deref(),
                    accessed: s.accessed.map(|d| d.to_string()),
                    accessed_text: s.accessed.map(|d| strings.date(d)),
                })
                .collect(),
            review,
            condition: meta.condition.as_ref(),
            extra: &meta.extra,
            image: body
                .image
                .as_ref()
                .and_then(|img| super::image::value(img, from, self.config)),
        }
    }

    /// The sources page `i` shows: its own, then those of the snippets it embeds that it does
    /// not cite already (the same address, or the same title when there is none), so every
    /// fact on the page, snippets included, can be traced to a numbered source.
    fn sources_of(&self, i: usize) -> Vec<&'a Source> {
        let own = &self.pages[i].meta.sources;
        let embedded = self.bodies[i]
            .embeds
            .iter()
            .flat_map(|e| &self.snippets[e.snippet].meta.sources);
        let key = |s: &Source| match &s.url {
            Some(u) if !u.trim().is_empty() => u.trim().trim_end_matches('/').to_lowercase(),
            _ => s.title.trim().to_lowercase(),
        };
        let mut seen: Vec<String> = Vec::new();
        let mut out = Vec::new();
        for s in own.iter().chain(embedded) {
            let k = key(s);
            if !seen.contains(&k) {
                seen.push(k);
                out.push(s);
            }
        }
        out
    }

    /// The size in bytes of what page `i`'s template context holds besides the shared `site`
    /// value (which every page shares by reference): its `page` value, serialised as JSON.
    /// Apart from listing pages, it depends on the page alone, never on the size of the site.
    #[cfg(test)]
    pub(crate) fn page_context_size(&self, i: usize) -> usize {
        serde_json::to_vec(&self.content_value(i)).map_or(0, |v| v.len())
    }

    /// Page `number` (from 1) of a listing's `listing` value: its pages (at most
    /// `listing.page_size` of them) and sub-folders, linked from `from`; on the home page, the
    /// featured articles too.
    pub(super) fn listing_value(
        &self,
        listing: &Listing,
        from: &str,
        number: usize,
    ) -> ListingValue<'a> {
        let sections = listing
            .children
            .iter()
            .map(|&c| {
                let child = &self.listings[c];
                let index = child.index.map(|i| &self.pages[i]);
                let title = index.map_or("", |p| p.meta.title.as_str());
                LinkValue {
                    // Folders without an `_index.md` are named after the folder.
                    title: if title.is_empty() {
                        Cow::Owned(taxonomy::listing_title(child, self.pages))
                    } else {
                        Cow::Borrowed(title)
                    },
                    href: urls::relative(from, &child.url),
                    description: index.and_then(|p| p.meta.description.as_deref()),
                }
            })
            .collect();
        let size = self.config.page_size.max(1);
        let total = listing_page_count(listing.pages.len(), size);
        let number = number.clamp(1, total);
        let shown: Vec<usize> = listing
            .pages
            .iter()
            .copied()
            .skip((number - 1) * size)
            .take(size)
            .collect();
        let of_kind = |article: bool| {
            shown
                .iter()
                .filter(|&&p| self.pages[p].is_article() == article)
                .map(|&p| self.link(from, p))
                .collect()
        };
        let featured = if listing.dir.is_empty() && number == 1 {
            self.featured(listing.lang)
                .into_iter()
                .map(|p| self.link(from, p))
                .collect()
        } else {
            Vec::new()
        };
        ListingValue {
            pages: shown.iter().map(|&p| self.link(from, p)).collect(),
            articles: of_kind(true),
            others: of_kind(false),
            sections,
            featured,
            pagination: (total > 1).then(|| PaginationValue::new(&listing.url, number, total)),
        }
    }

    /// The home page's featured articles in language `lang`: those with a `weight`, lowest
    /// first (then by title), at most [`FEATURED_MAX`].
    fn featured(&self, lang: usize) -> Vec<usize> {
        let mut chosen: Vec<usize> = (0..self.pages.len())
            .filter(|&i| {
                let p = &self.pages[i];
                p.lang == lang && p.is_article() && p.meta.weight.is_some()
            })
            .collect();
        chosen.sort_by_cached_key(|&i| {
            let m = &self.pages[i].meta;
            (m.weight, m.title.to_lowercase(), i)
        });
        chosen.truncate(FEATURED_MAX);
        chosen
    }
}
