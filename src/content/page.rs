//! One Markdown file as a page: its front matter parsed, its kind and address worked out, and
//! the checks on front matter that serde cannot express.

use std::ops::Range;
use std::sync::Arc;

use crate::config::{Language, MarkdownSettings};
use crate::date::Date;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::SourceFile;

use super::front_matter::{self, FrontMatter, Kind};

/// The kind of a page of the built site: content pages (articles, plain pages, the home page
/// and folder pages) and the pages medleaf generates. Its one string form ([`PageKind::as_str`])
/// is what templates see as `page.kind` and what `check --format json` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageKind {
    /// A health article: reviewed, sourced, readability-checked (`article`).
    Article,
    /// A plain content page (`kind: page`): about, disclaimer (`page`).
    Page,
    /// The home page: `content/_index.md`, or the generated listing of `content/` (`home`).
    Home,
    /// A folder's page: its `_index.md`, or its generated listing (`section`).
    Section,
    /// The topics index (`topics`).
    Topics,
    /// One topic's page (`topic`).
    Topic,
    /// The glossary (`glossary`).
    Glossary,
    /// The Health A-Z (`a-z`).
    AtoZ,
    /// The search page (`search`).
    Search,
    /// The page served at missing addresses (`404`).
    NotFound,
    /// A redirect page made for an alias (`alias`).
    Redirect,
}

impl PageKind {
    /// The kind's name, as templates and `check --format json` see it.
    pub fn as_str(self) -> &'static str {
        match self {
            PageKind::Article => "article",
            PageKind::Page => "page",
            PageKind::Home => "home",
            PageKind::Section => "section",
            PageKind::Topics => "topics",
            PageKind::Topic => "topic",
            PageKind::Glossary => "glossary",
            PageKind::AtoZ => "a-z",
            PageKind::Search => "search",
            PageKind::NotFound => "404",
            PageKind::Redirect => "alias",
        }
    }
}

impl serde::Serialize for PageKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One Markdown file with its parsed front matter.
#[derive(Debug, Clone)]
pub(crate) struct Page {
    /// The file as read.
    pub file: Arc<SourceFile>,
    /// Path relative to `content/`, `/`-separated (`conditions/leukemia.md`,
    /// `conditions/leukemia.es.md`).
    pub rel: String,
    /// What the page translates: the path of the default-language file it is a version of
    /// (`conditions/leukemia.md` for `conditions/leukemia.es.md`; its own `rel` for a page in
    /// the default language). Pages with one key are translations of each other.
    pub key: String,
    /// Its language: an index into `Config::languages` (0 is the default language).
    pub lang: usize,
    /// The folder the page is listed in: the folder part of `rel` (`conditions`, or empty at
    /// the top), but for a bundle (`conditions/asthma/index.md`) the folder holding the
    /// bundle's folder (`conditions`).
    pub dir: String,
    /// The folder of the page's file, where its relative links start from: `dir`, but for a
    /// bundle its own folder (`conditions/asthma`), which holds its images.
    pub file_dir: String,
    /// Article, plain page, home page or folder page.
    pub kind: PageKind,
    /// The page's address from the site root: `/conditions/leukemia/`, `/` for the home page.
    pub url: String,
    /// The parsed front matter.
    pub meta: FrontMatter,
    /// Byte range of the YAML (or TOML) text in `file`.
    pub yaml: Range<usize>,
    /// Byte range of the Markdown body in `file`.
    pub body: Range<usize>,
}

impl Page {
    /// Whether the page gets the health checks and article layout.
    pub(crate) fn is_article(&self) -> bool {
        self.kind == PageKind::Article
    }

    /// Whether the page is a bundle: `name/index.md`, the page `name/` with the files of its
    /// folder (Hugo's leaf bundle, issue 17).
    pub(crate) fn is_bundle(&self) -> bool {
        self.dir != self.file_dir
    }

    /// Whether the page is an `_index.md` (the home page or a folder's page).
    pub(crate) fn is_index(&self) -> bool {
        matches!(self.kind, PageKind::Home | PageKind::Section)
    }

    /// The next review date: as written, or the last review plus the site's interval.
    pub(crate) fn next_review(&self, interval_years: u8) -> Option<Date> {
        self.meta.next_review.or_else(|| {
            self.meta
                .last_reviewed
                .map(|d| d.add_years(i32::from(interval_years)))
        })
    }

    /// The byte range of a front-matter key, or of the opening `---` line if it is absent.
    pub(crate) fn key_span(&self, key: &str) -> Range<usize> {
        crate::yaml::find_key(&self.file, self.yaml.clone(), key, self.yaml.start)
            .unwrap_or(0..3.min(self.file.text.len()))
    }

    /// The byte range of `value` written under front-matter key `key`.
    pub(crate) fn value_span(&self, key: &str, value: &str) -> Range<usize> {
        crate::yaml::find_value(&self.file, self.yaml.clone(), key, value)
            .unwrap_or_else(|| self.key_span(key))
    }
}

/// A file name's stem without its language code, and the language (`leukemia.es` → `leukemia`
/// in the language coded `es`; `leukemia` → the default language). A code that looks like a
/// language but is not declared is `Err(code)`.
pub(crate) fn split_language<'a>(
    stem: &'a str,
    languages: &[Language],
) -> Result<(&'a str, usize), &'a str> {
    match stem.rsplit_once('.') {
        Some((base, code)) if crate::config::is_language_code(code) && !base.is_empty() => {
            match languages.iter().skip(1).position(|l| l.code == code) {
                Some(i) => Ok((base, i + 1)),
                None => Err(code),
            }
        }
        _ => Ok((stem, 0)),
    }
}

/// Splits and parses one page's front matter and works out its language and address. Every
/// problem of the front matter is reported at once.
pub(crate) fn parse_page(
    rel: &str,
    file: Arc<SourceFile>,
    languages: &[Language],
) -> Result<Page, Vec<Diagnostic>> {
    let (file_dir, name) = match rel.rsplit_once('/') {
        Some((d, n)) => (d.to_owned(), n),
        None => (String::new(), rel),
    };
    let full_stem = name.strip_suffix(".md").unwrap_or(name);
    let (stem, lang) = split_language(full_stem, languages).map_err(|code| {
        let declared: Vec<String> = languages.iter().skip(1).map(|l| format!("`{}`", l.code)).collect();
        Box::new(
            Diagnostic::error(
                Code::Language,
                format!("`{name}` is written in `{code}`, a language the site does not declare"),
            )
            .at(&file, 0..file.text.len().min(3))
            .help(if declared.is_empty() {
                format!("add `{code}` under `languages:` in site.yaml, or rename the file")
            } else {
                format!(
                    "declare `{code}` under `languages:` in site.yaml (declared: {}), or rename the file",
                    declared.join(", ")
                )
            }),
        )
    }).map_err(|d| vec![*d])?;
    let split = front_matter::split(&file).map_err(|d| vec![*d])?;
    let meta: FrontMatter =
        crate::yaml::parse_all(&file, split.yaml.clone(), Code::FrontMatter, split.format)?;
    // `name/index.md` is the page `name/` (a Hugo leaf bundle), listed beside the other pages
    // of the folder that holds `name/`; `content/index.md` stays the page `/index/`.
    let bundle = stem == "index" && !file_dir.is_empty();
    let (dir, stem) = if bundle {
        match file_dir.rsplit_once('/') {
            Some((parent, own)) => (parent.to_owned(), own),
            None => (String::new(), file_dir.as_str()),
        }
    } else {
        (file_dir.clone(), stem)
    };
    let kind = if stem == "_index" && dir.is_empty() {
        PageKind::Home
    } else if stem == "_index" {
        PageKind::Section
    } else if meta.kind == Some(Kind::Page) {
        PageKind::Page
    } else {
        PageKind::Article
    };
    let folder = lang_dir_url(&languages[lang].prefix, &dir);
    let url = if stem == "_index" {
        folder
    } else {
        let last = meta.slug.as_deref().unwrap_or(stem);
        format!("{folder}{last}/")
    };
    let key = if bundle {
        format!("{file_dir}/index.md")
    } else if dir.is_empty() {
        format!("{stem}.md")
    } else {
        format!("{dir}/{stem}.md")
    };
    Ok(Page {
        file,
        rel: rel.to_owned(),
        key,
        lang,
        dir,
        file_dir,
        kind,
        url,
        meta,
        yaml: split.yaml,
        body: split.body,
    })
}

/// The address of a content folder in the language whose pages live under `prefix` (`/` or
/// `/es/`): `/es/tests/`.
pub(crate) fn lang_dir_url(prefix: &str, dir: &str) -> String {
    if dir.is_empty() {
        prefix.to_owned()
    } else {
        format!("{prefix}{dir}/")
    }
}

/// Checks that serde cannot express: required-for-articles fields, empty values, slugs.
/// Public so `serve` can re-check one edited page.
pub(crate) fn check_page(page: &Page, settings: &MarkdownSettings) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let meta = &page.meta;
    let file = &page.file;
    // Source addresses are written into the page as links: the same URL policy as links in
    // the text (issue 16).
    for source in &meta.sources {
        if let Some(url) = &source.url
            && let Err(scheme) = settings.check_url(url)
        {
            out.push(
                Diagnostic::error(
                    Code::UrlScheme,
                    format!("source address `{}` uses the scheme `{scheme}:`, which this site does not allow", url.chars().take(60).collect::<String>()),
                )
                .at(file, page.value_span("url", url))
                .label("this address is published as a link under \"Sources\"")
                .help("give the source's `https:` address; to allow another scheme, add it to `url_schemes` in site.yaml"),
            );
        }
    }
    if !meta.draft {
        for at in todo_placeholders(&file.text) {
            out.push(
                Diagnostic::error(Code::TodoLeft, "this page still holds a `TODO` placeholder")
                    .at(file, at..at + TODO.len())
                    .label("written by `medleaf new`, to be replaced")
                    .help("replace the placeholder with real text, or keep `draft: true` until the page is finished"),
            );
        }
    }
    if meta.title.trim().is_empty() {
        out.push(
            Diagnostic::error(Code::FrontMatter, "`title` is empty")
                .at(file, page.key_span("title"))
                .help("give the page a title, such as `title: Leukemia`"),
        );
    }
    if page.is_article()
        && meta
            .description
            .as_deref()
            .is_none_or(|d| d.trim().is_empty())
    {
        out.push(
            Diagnostic::error(Code::FrontMatter, "articles need a `description`")
                .at(file, page.key_span("title"))
                .label("this article has no description")
                .help("add `description:` with the one-sentence main message, or `kind: page` if this is not a health article"),
        );
    }
    if let Some(slug) = &meta.slug
        && is_refused_slug(slug)
    {
        out.push(
            Diagnostic::error(Code::FrontMatter, format!("`{slug}` cannot be a slug"))
                .at(file, page.value_span("slug", slug))
                .help("use letters, digits and hyphens, such as `slug: full-blood-count`"),
        );
    }
    for topic in &meta.topics {
        if crate::slug::slugify(topic).is_empty() {
            out.push(
                Diagnostic::error(Code::FrontMatter, "a topic needs a name")
                    .at(file, page.key_span("topics")),
            );
        }
    }
    for alias in &meta.aliases {
        if is_refused_alias(alias) {
            out.push(
                Diagnostic::error(Code::FrontMatter, format!("alias `{alias}` is not a site address"))
                    .at(file, page.value_span("aliases", alias))
                    .help("write the old address from the site root, such as `/old-page/` or `/old-page.html`"),
            );
        }
    }
    for (name, reason) in &meta.allow {
        let allow = page.key_span("allow");
        let span =
            crate::yaml::find_key(file, page.yaml.clone(), name, allow.start).unwrap_or(allow);
        match name.parse::<Code>() {
            Ok(Code::FrontMatter | Code::Config | Code::AllowUnused) | Err(()) => {
                let names = Code::ALL.iter().map(|c| c.as_str());
                let help = match crate::diagnostics::did_you_mean(name, names) {
                    Some(s) if s != name => format!("did you mean `{s}`?"),
                    _ => "name a check from the README's table of diagnostic codes, such as `readability`".to_owned(),
                };
                out.push(
                    Diagnostic::error(Code::FrontMatter, format!("`allow` cannot name `{name}`"))
                        .at(file, span)
                        .label("not a check a page can allow")
                        .help(help),
                );
            }
            Ok(_) if reason.trim().is_empty() => out.push(
                Diagnostic::error(
                    Code::FrontMatter,
                    format!("`allow` needs a reason for `{name}`"),
                )
                .at(file, span)
                .help(format!(
                    "say why the page may fail this check, such as `{name}: \"written for clinicians\"`"
                )),
            ),
            Ok(_) => {}
        }
    }
    for (key, text) in text_fields(meta) {
        if let Some(c) = crate::html::xml_forbidden(text) {
            out.push(
                Diagnostic::error(
                    Code::ControlCharacter,
                    format!("`{key}` holds the control character U+{:04X}", u32::from(c)),
                )
                .at(file, page.key_span(key))
                .label("XML forbids this character: the feed and sitemap would break")
                .help("remove the character (often pasted in by accident, or written as an escape such as `\\x01` in quotes)"),
            );
        }
    }
    if page.is_index() && meta.slug.is_some() {
        out.push(
            Diagnostic::warning(Code::FrontMatter, "`slug` has no effect in an `_index.md`")
                .at(file, page.key_span("slug"))
                .help("a folder's address comes from the folder name; rename the folder instead"),
        );
    }
    out
}

/// Whether `slug:` is refused as written (empty, `.`, `..`, or holding a character that
/// would make it more than one part of an address).
pub(crate) fn is_refused_slug(slug: &str) -> bool {
    slug.is_empty() || slug == "." || slug == ".." || slug.contains(['/', '\\', '?', '#', ' '])
}

/// Whether an alias is refused as written: not a site address from the root, or one that
/// climbs (`..`) or carries a query or fragment.
pub(crate) fn is_refused_alias(alias: &str) -> bool {
    !alias.starts_with('/') || alias.contains(['?', '#', '\\']) || alias.contains("..")
}

/// Every text value of the front matter with its top-level key, for checks that apply to all
/// text (characters XML forbids), but the ones that name files.
fn text_fields(meta: &FrontMatter) -> Vec<(&'static str, &str)> {
    fn strings(list: &[String]) -> Vec<&str> {
        list.iter().map(String::as_str).collect()
    }
    let mut out = vec![("title", meta.title.as_str())];
    out.extend(meta.description.as_deref().map(|d| ("description", d)));
    out.extend(strings(&meta.topics).into_iter().map(|v| ("topics", v)));
    out.extend(strings(&meta.related).into_iter().map(|v| ("related", v)));
    // `slug` and `aliases` become file names: the output-path check refuses control
    // characters there, once.
    if let Some(r) = &meta.reviewed_by {
        out.push(("reviewed_by", &r.name));
        out.extend(r.role.as_deref().map(|v| ("reviewed_by", v)));
    }
    for source in &meta.sources {
        out.push(("sources", &source.title));
        out.extend(source.publisher.as_deref().map(|v| ("sources", v)));
        out.extend(source.url.as_deref().map(|v| ("sources", v)));
    }
    if let Some(c) = &meta.condition {
        out.push(("condition", &c.name));
        out.extend(
            strings(&c.also_called)
                .into_iter()
                .map(|v| ("condition", v)),
        );
    }
    for a in &meta.about {
        out.push(("about", &a.name));
        out.extend(strings(&a.also_called).into_iter().map(|v| ("about", v)));
    }
    out
}

/// The word `medleaf new` starts every placeholder with.
const TODO: &str = "TODO";

/// Where `TODO` stands as a word of its own in a file.
fn todo_placeholders(text: &str) -> Vec<usize> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    text.match_indices(TODO)
        .map(|(i, _)| i)
        .filter(|&i| {
            !word(text[..i].chars().next_back()) && !word(text[i + TODO.len()..].chars().next())
        })
        .collect()
}

/// The checks that compare pages with each other: two articles with the same title confuse
/// readers (and search results), and usually mean one was copied from the other.
pub(crate) fn check_site(pages: &[Page]) -> Vec<Diagnostic> {
    let mut first: rustc_hash::FxHashMap<String, &Page> = Default::default();
    let mut out = Vec::new();
    for page in pages.iter().filter(|p| p.is_article()) {
        let key = page.meta.title.trim().to_lowercase();
        if key.is_empty() {
            continue;
        }
        match first.get(&key) {
            Some(other) => out.push(
                Diagnostic::warning(
                    Code::DuplicateTitle,
                    format!(
                        "`{}` and `{}` have the same title, \"{}\"",
                        other.rel,
                        page.rel,
                        page.meta.title.trim()
                    ),
                )
                .at(&page.file, page.value_span("title", page.meta.title.trim()))
                .help("give each article a title that says how it differs, so readers pick the right one"),
            ),
            None => {
                first.insert(key, page);
            }
        }
    }
    out
}
