//! The typed values templates receive, one per kind of page (the template reference; see
//! [`super::context`] for which template gets which, and for how they are built).

use std::borrow::Cow;

use serde::Serialize;
use tera::{Context, Value};

pub(crate) use super::a_z::AzLetter;
pub(crate) use super::pagination::PaginationValue;
use crate::content::{Condition, PageKind};
use crate::markdown::TocEntry;

/// A navigation entry: a title and an address from the root (append it to `root`).
#[derive(Debug, Serialize)]
pub(crate) struct NavItem {
    /// What the link says.
    pub(crate) title: String,
    /// The address from the site's root, without a leading `/` (`topics/anemia/`), or a full
    /// address when `external`.
    pub(crate) path: String,
    /// Whether `path` is a full address (`https://...`) rather than one from the root.
    pub(crate) external: bool,
}

/// What every `page` value has, whatever its kind.
#[derive(Debug, Serialize)]
pub(crate) struct PageHead<'a> {
    /// The title.
    pub(crate) title: Cow<'a, str>,
    /// The kind of page (`article`, `home`, `topic`...).
    pub(crate) kind: PageKind,
    /// The page's language tag (`es-US`), for `<html lang>`.
    pub(crate) lang: &'a str,
    /// `ltr` or `rtl`.
    pub(crate) dir: &'static str,
    /// Every language version of this page, this one included, in language order (empty when
    /// it has no other): for the language switcher and `<link rel="alternate" hreflang>`.
    pub(crate) translations: Vec<VersionValue<'a>>,
    /// The absolute address of the default-language version, for `hreflang="x-default"`
    /// (when the page has versions).
    pub(crate) x_default: Option<String>,
    /// The site address (`/conditions/leukemia/`).
    pub(crate) url: Cow<'a, str>,
    /// The absolute address, from `base_url`.
    pub(crate) permalink: String,
    /// The one-sentence summary, if the page has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<&'a str>,
    /// The previous page of a listing split into pages, relative (`<link rel="prev">`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) prev: Option<String>,
    /// The next page of a listing split into pages, relative (`<link rel="next">`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) next: Option<String>,
}

/// One language version of a page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct VersionValue<'a> {
    /// The language's code (`es`).
    pub(crate) code: &'a str,
    /// Its tag (`es-US`), for `hreflang` and `lang`.
    pub(crate) tag: &'a str,
    /// Its own name (`Español`).
    pub(crate) name: &'a str,
    /// The version's address, relative to the page being rendered.
    pub(crate) href: String,
    /// Its absolute address.
    pub(crate) permalink: String,
    /// Whether it is the page being rendered.
    pub(crate) current: bool,
}

/// A link as templates show it: title, relative address, optional description.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LinkValue<'a> {
    /// What the link says.
    pub(crate) title: Cow<'a, str>,
    /// The relative address from the page being rendered.
    pub(crate) href: String,
    /// The target's description, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<&'a str>,
}

/// `page` of a content page (article, plain page, home page or folder with `_index.md`).
#[derive(Debug, Serialize)]
pub(crate) struct ContentValue<'a> {
    /// Title, kind, address.
    #[serde(flatten)]
    pub(crate) head: PageHead<'a>,
    /// The body HTML (print it with `| safe`).
    pub(crate) content: &'a str,
    /// The `h2` and `h3` headings: `level`, `id`, `title`.
    pub(crate) toc: &'a [TocEntry],
    /// Whether the page shows "On this page" (an article with three or more `h2`).
    pub(crate) contents: bool,
    /// What only a printed article shows: the canonical address as a QR code (articles).
    pub(crate) handout: Option<Box<HandoutValue>>,
    /// The page's topics.
    pub(crate) topics: Vec<LinkValue<'a>>,
    /// Related articles.
    pub(crate) related: Vec<LinkValue<'a>>,
    /// Pages that link here.
    pub(crate) backlinks: Vec<LinkValue<'a>>,
    /// The numbered sources.
    pub(crate) sources: Vec<SourceValue<'a>>,
    /// Review dates and reviewer (articles that have them).
    pub(crate) review: Option<ReviewValue<'a>>,
    /// What the page is about, as written in `condition:`.
    pub(crate) condition: Option<&'a Condition>,
    /// `extra:` from front matter, as written.
    pub(crate) extra: &'a serde_json::Map<String, serde_json::Value>,
    /// The front matter's `image:`, processed (for link previews, or a picture of your own).
    pub(crate) image: Option<super::image::ImageValue<'a>>,
    /// schema.org JSON-LD for the page's `<head>` (articles).
    pub(crate) json_ld: Option<String>,
}

/// The printed handout's QR code.
#[derive(Debug, Serialize)]
pub(crate) struct HandoutValue {
    /// The canonical address as an inline SVG QR code (print it with `| safe`).
    pub(crate) qr_svg: String,
    /// The address written under it.
    pub(crate) address: String,
}

/// The review block of an article.
#[derive(Debug, Serialize)]
pub(crate) struct ReviewValue<'a> {
    /// `YYYY-MM-DD`, for `<time datetime>`.
    pub(crate) last_reviewed: Option<String>,
    /// In words (`16 November 2026`).
    pub(crate) last_reviewed_text: Option<String>,
    /// `YYYY-MM-DD`.
    pub(crate) next_review: Option<String>,
    /// In words.
    pub(crate) next_review_text: Option<String>,
    /// Who reviewed it.
    pub(crate) reviewer: Option<&'a str>,
    /// Their role.
    pub(crate) role: Option<&'a str>,
}

/// One source.
#[derive(Debug, Serialize)]
pub(crate) struct SourceValue<'a> {
    /// The document's title.
    pub(crate) title: &'a str,
    /// Who published it.
    pub(crate) publisher: Option<&'a str>,
    /// Where to read it.
    pub(crate) url: Option<&'a str>,
    /// When it was checked, `YYYY-MM-DD`.
    pub(crate) accessed: Option<String>,
    /// In words.
    pub(crate) accessed_text: Option<String>,
}

/// `listing` of a home or folder page.
#[derive(Debug, Serialize)]
pub(crate) struct ListingValue<'a> {
    /// Every page in the folder.
    pub(crate) pages: Vec<LinkValue<'a>>,
    /// Its health articles.
    pub(crate) articles: Vec<LinkValue<'a>>,
    /// Its plain pages (about, disclaimer).
    pub(crate) others: Vec<LinkValue<'a>>,
    /// Its sub-folders.
    pub(crate) sections: Vec<LinkValue<'a>>,
    /// On the home page: the featured articles (those with a `weight`, lowest first).
    pub(crate) featured: Vec<LinkValue<'a>>,
    /// When the listing is split into pages: which one this is and links to the others.
    pub(crate) pagination: Option<PaginationValue>,
}

/// One entry of `topics` on the topics index.
#[derive(Debug, Serialize)]
pub(crate) struct TopicCount<'a> {
    /// The topic's name.
    pub(crate) name: &'a str,
    /// Its page, relative.
    pub(crate) href: String,
    /// How many articles it has.
    pub(crate) count: usize,
}

/// `topic` on a topic page.
#[derive(Debug, Serialize)]
pub(crate) struct TopicValue<'a> {
    /// The topic's name.
    pub(crate) name: &'a str,
    /// Its slug.
    pub(crate) slug: &'a str,
    /// The topics index, relative.
    pub(crate) topics_href: String,
    /// When the topic's list is split into pages: which one this is and links to the others.
    pub(crate) pagination: Option<PaginationValue>,
}

/// One glossary entry.
#[derive(Debug, Serialize)]
pub(crate) struct GlossaryEntryValue<'a> {
    /// The term.
    pub(crate) term: &'a str,
    /// Its fragment id.
    pub(crate) id: &'a str,
    /// Its definition.
    pub(crate) definition: &'a str,
    /// Other names.
    pub(crate) also_called: &'a [String],
    /// The article that explains more.
    pub(crate) see: Option<LinkValue<'a>>,
}

/// `page` of a redirect page (`aliases:`).
#[derive(Debug, Serialize)]
pub(crate) struct RedirectValue<'a> {
    /// The target page's title.
    pub(crate) title: &'a str,
    /// Always `alias`.
    pub(crate) kind: PageKind,
    /// The old address.
    pub(crate) url: &'a str,
    /// The target, relative to the old address.
    pub(crate) target_href: String,
    /// The target's absolute address (the canonical link).
    pub(crate) permalink: String,
}

/// A template's whole context besides `site` and `root`: one of these per kind of page.
// One value is made per page and rendered at once, never stored or moved in bulk, so the
// size of its largest kind costs nothing worth boxing for.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub(crate) enum Values<'a> {
    /// Articles and plain pages.
    Content {
        /// The page.
        page: ContentValue<'a>,
    },
    /// The home page and folder pages with an `_index.md`.
    IndexPage {
        /// The page.
        page: ContentValue<'a>,
        /// The folder's listing.
        listing: ListingValue<'a>,
    },
    /// Folder pages without an `_index.md`.
    Listing {
        /// The page.
        page: PageHead<'a>,
        /// The folder's listing.
        listing: ListingValue<'a>,
    },
    /// The topics index.
    Topics {
        /// The page.
        page: PageHead<'a>,
        /// Every topic.
        topics: Vec<TopicCount<'a>>,
    },
    /// A topic's page.
    Topic {
        /// The page.
        page: PageHead<'a>,
        /// The topic.
        topic: TopicValue<'a>,
        /// Its articles.
        pages: Vec<LinkValue<'a>>,
    },
    /// The glossary.
    Glossary {
        /// The page.
        page: PageHead<'a>,
        /// Every entry, sorted.
        entries: Vec<GlossaryEntryValue<'a>>,
    },
    /// The Health A-Z.
    AtoZ {
        /// The page.
        page: PageHead<'a>,
        /// Its letters, in order.
        letters: Vec<AzLetter<'a>>,
    },
    /// The search page and the 404 page.
    Plain {
        /// The page.
        page: PageHead<'a>,
    },
    /// A redirect page.
    Redirect {
        /// The page.
        page: RedirectValue<'a>,
    },
}

impl Values<'_> {
    /// The template context: these values with `site`, `t` (the page's language's strings)
    /// and `root`.
    pub(super) fn context(&self, site: &LangValues, root: &str) -> tera::TeraResult<Context> {
        let mut ctx = Context::from_serialize(self)?;
        ctx.insert_value("site", site.site.clone());
        ctx.insert_value("t", site.strings.clone());
        ctx.insert("root", root);
        Ok(ctx)
    }
}

/// What every page of one language shares: `site` and `t`, made once per language and shared
/// by reference count.
#[derive(Debug, Clone)]
pub(crate) struct LangValues {
    /// `site`.
    pub(crate) site: Value,
    /// `t`: the interface strings.
    pub(crate) strings: Value,
}
