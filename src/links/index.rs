//! The site's address table and link resolution, used by the Markdown stage (before any page
//! is rendered): what authors wrote (`leukemia.md#symptoms`, `[[leukemia]]`, `/images/cells.png`)
//! resolved to a page, a file or a generated address, with a did-you-mean when it leads nowhere.
//!
//! Authors link the way GitHub renders Markdown: by file path relative to the linking file, or
//! wiki-style by name. Site paths are checked against static files and generated pages. Every
//! link in the output is relative, so the site works below any sub-path.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::config::Language;
use crate::content::{Page, Site};
use crate::diagnostics::{Code, Diagnostic, Suggestions};
use crate::urls;

/// What a site address leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A content page (index into the site's pages).
    Page(usize),
    /// A folder listing without an `_index.md`.
    Listing,
    /// A page or file medleaf generates (topics, glossary, feed, theme files, redirects).
    Generated,
    /// A file copied from `static/` or `content/`.
    Asset,
    /// A page whose front matter has errors: it is not built, and links to it are not
    /// reported again.
    Failed,
}

/// Lookup tables over the whole site, built once and shared by every page's link resolution.
#[derive(Debug, Default)]
pub(crate) struct SiteIndex {
    by_rel: HashMap<String, usize>,
    by_stem: HashMap<String, Vec<usize>>,
    by_url: HashMap<String, Target>,
    drafts: HashSet<String>,
    /// Each page by what it translates and its language.
    translations: HashMap<(String, usize), usize>,
    failed: HashSet<String>,
    /// Fragment ids of generated pages that links may point into (`/glossary/` → term ids).
    generated_ids: HashMap<String, HashSet<String>>,
    /// Did-you-mean indexes over `by_rel`, `by_stem` and `by_url`, made at the first broken
    /// link that needs one (a site without broken links never pays for them), so that a
    /// broken link costs the same whatever the size of the site.
    suggest_rel: std::sync::OnceLock<Suggestions>,
    suggest_stem: std::sync::OnceLock<Suggestions>,
    suggest_url: std::sync::OnceLock<Suggestions>,
}

/// A link resolved to where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// The site address it leads to (`/conditions/leukemia/`).
    pub url: String,
    /// The `#fragment`, without `#`, if any.
    pub fragment: Option<String>,
    /// The query, without `?`, as written (`v=2`), if any: kept on the rewritten link.
    pub query: Option<String>,
    /// What is at that address.
    pub target: Target,
}

/// Why a link does not resolve, in words for the author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// The diagnostic code (`broken-link`).
    pub code: Code,
    /// What is wrong.
    pub message: String,
    /// Text under the caret.
    pub label: String,
    /// How to fix it.
    pub help: Option<String>,
}

/// Where a link is written: the folder of the linking file (for relative paths) and its
/// address (for `#fragment`-only links).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Origin<'a> {
    /// Folder of the linking file, relative to `content/` (`conditions`).
    pub dir: &'a str,
    /// Site address of the linking page.
    pub url: &'a str,
}

impl Page {
    /// Where links written in this page start from.
    pub(crate) fn origin(&self) -> Origin<'_> {
        Origin {
            dir: &self.file_dir,
            url: &self.url,
        }
    }
}

/// How a link was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// `[text](dest)` or `![alt](dest)`.
    Markdown,
    /// `[[name]]` or `[[name|text]]`.
    Wiki,
}

impl SiteIndex {
    /// Indexes the pages, assets and generated addresses. Two things at one address are
    /// reported as errors.
    pub(crate) fn new(
        site: &Site,
        languages: &[Language],
        generated: &[String],
    ) -> (SiteIndex, Vec<Diagnostic>) {
        let mut index = SiteIndex::default();
        let mut diagnostics = Vec::new();
        for (i, page) in site.pages.iter().enumerate() {
            index.by_rel.insert(page.rel.clone(), i);
            index.translations.insert((page.key.clone(), page.lang), i);
            // Wiki links name pages in the default language; a link from a translation then
            // goes to the version in its own language.
            if page.lang != 0 {
                continue;
            }
            let stem = page.rel.strip_suffix(".md").unwrap_or(&page.rel);
            // A bundle (`asthma/index.md`) is named by its folder.
            let stem = if page.is_bundle() {
                page.file_dir.as_str()
            } else {
                stem
            };
            let name = stem.rsplit('/').next().unwrap_or(stem);
            if name != "_index" {
                index
                    .by_stem
                    .entry(name.to_lowercase())
                    .or_default()
                    .push(i);
            }
        }
        for (i, page) in site.pages.iter().enumerate() {
            if let Some(Target::Page(other)) = index.by_url.get(&page.url) {
                let other = &site.pages[*other];
                diagnostics.push(
                    Diagnostic::error(
                        Code::DuplicateUrl,
                        format!(
                            "`{}` and `{}` both want the address `{}`",
                            other.rel, page.rel, page.url
                        ),
                    )
                    .at(&page.file, page.key_span("slug"))
                    .help("give one of them a different file name or `slug`"),
                );
                continue;
            }
            index.by_url.insert(page.url.clone(), Target::Page(i));
        }
        // Folders get listing pages, with or without an `_index.md`, in each language they
        // have pages in.
        for page in &site.pages {
            let prefix = languages.get(page.lang).map_or("/", |l| l.prefix.as_str());
            let mut dir = page.dir.as_str();
            loop {
                index
                    .by_url
                    .entry(crate::content::lang_dir_url(prefix, dir))
                    .or_insert(Target::Listing);
                match dir.rsplit_once('/') {
                    Some((parent, _)) => dir = parent,
                    None if !dir.is_empty() => dir = "",
                    None => break,
                }
            }
        }
        diagnostics.extend(index.check_aliases(site, generated));
        let aliases: HashSet<&str> = site
            .pages
            .iter()
            .flat_map(|p| p.meta.aliases.iter().map(String::as_str))
            .collect();
        for url in generated {
            if aliases.contains(url.as_str()) {
                // Clashes were reported against the alias itself, where the fix is.
                index.by_url.entry(url.clone()).or_insert(Target::Generated);
                continue;
            }
            if let Some(Target::Page(i)) = index.by_url.get(url) {
                let page = &site.pages[*i];
                diagnostics.push(
                    Diagnostic::error(
                        Code::DuplicateUrl,
                        format!(
                            "`{}` uses the address `{url}`, which medleaf generates",
                            page.rel
                        ),
                    )
                    .at(&page.file, 0..3)
                    .help("rename the file or give it another `slug`"),
                );
            }
            index.by_url.insert(url.clone(), Target::Generated);
        }
        for asset in &site.assets {
            index
                .by_url
                .insert(format!("/{}", asset.rel), Target::Asset);
        }
        index.drafts = site.drafts.iter().cloned().collect();
        index.failed = site.failed.iter().cloned().collect();
        (index, diagnostics)
    }

    /// Checks that every alias leads to one page only: two redirect pages at one address
    /// would be written to one file, and which one won would change from build to build. Runs
    /// when `by_url` holds the pages and listings but no generated addresses yet.
    fn check_aliases(&self, site: &Site, generated: &[String]) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        let assets: HashSet<String> = site.assets.iter().map(|a| format!("/{}", a.rel)).collect();
        // The generated addresses include every alias once per use; more uses than that mean
        // medleaf generates a page of its own there.
        let mut generated_uses: HashMap<String, usize> = HashMap::default();
        for url in generated {
            *generated_uses.entry(alias_key(url)).or_default() += 1;
        }
        let mut alias_uses: HashMap<String, usize> = HashMap::default();
        for page in &site.pages {
            for alias in &page.meta.aliases {
                *alias_uses.entry(alias_key(alias)).or_default() += 1;
            }
        }
        let mut owner: HashMap<String, usize> = HashMap::default();
        for (i, page) in site.pages.iter().enumerate() {
            for alias in &page.meta.aliases {
                let key = alias_key(alias);
                let clash = match owner.get(&key) {
                    Some(&first) if first == i => Some("is listed twice".to_owned()),
                    Some(&first) => {
                        Some(format!("is also an alias of `{}`", site.pages[first].rel))
                    }
                    None => match self.by_url.get(&key) {
                        Some(Target::Page(t)) => {
                            Some(format!("is the address of `{}`", site.pages[*t].rel))
                        }
                        Some(_) => Some("is the address of a folder's listing page".to_owned()),
                        None if assets.contains(&key) => {
                            Some("is the address of a file in `static/` or `content/`".to_owned())
                        }
                        None if generated_uses.get(&key) > alias_uses.get(&key) => {
                            Some("is an address medleaf generates".to_owned())
                        }
                        None => None,
                    },
                };
                owner.entry(key).or_insert(i);
                if let Some(reason) = clash {
                    diagnostics.push(
                        Diagnostic::error(Code::DuplicateUrl, format!("alias `{alias}` {reason}"))
                            .at(&page.file, page.value_span("aliases", alias))
                            .help("remove this alias: an address can lead to one page only"),
                    );
                }
            }
        }
        diagnostics
    }

    /// Records the fragment ids of a generated page so links into it can be checked.
    pub(crate) fn add_generated_ids(&mut self, url: &str, ids: impl IntoIterator<Item = String>) {
        self.generated_ids
            .entry(url.to_owned())
            .or_default()
            .extend(ids);
    }

    /// The fragment ids of a generated page, if known.
    pub(crate) fn generated_ids(&self, url: &str) -> Option<&HashSet<String>> {
        self.generated_ids.get(url)
    }

    /// The version of the page translating `key` in language `lang`, if it has one.
    pub(crate) fn translation(&self, key: &str, lang: usize) -> Option<usize> {
        self.translations.get(&(key.to_owned(), lang)).copied()
    }

    /// The page with this path relative to `content/`.
    pub(crate) fn page_by_rel(&self, rel: &str) -> Option<usize> {
        self.by_rel.get(rel).copied()
    }

    /// What is at a site address.
    pub(crate) fn target(&self, url: &str) -> Option<&Target> {
        self.by_url.get(url)
    }

    /// Resolves a link written in `from` to a page, file or generated address.
    /// Returns `Ok(None)` for external links, which are left alone.
    pub(crate) fn resolve(
        &self,
        pages: &[Page],
        from: Origin<'_>,
        dest: &str,
        style: Style,
    ) -> Result<Option<Resolved>, Problem> {
        if style == Style::Markdown && urls::is_external(dest) {
            return Ok(None);
        }
        // Zola's internal links (`@/conditions/asthma.md`) start from `content/` (issue 17).
        if style == Style::Markdown
            && let Some(path) = dest.strip_prefix("@/")
        {
            let (file, fragment) = match path.split_once('#') {
                Some((f, r)) => (f, format!("#{r}")),
                None => (path, String::new()),
            };
            return Err(Problem {
                code: Code::Shortcode,
                message: format!("`{dest}` is a Zola link, which medleaf does not read"),
                label: "write the path to the file instead".to_owned(),
                help: Some(format!(
                    "write the path from this page's folder, `{}{fragment}`, or from `content/`, `/{file}{fragment}`",
                    relative_file(from.dir, file)
                )),
            });
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(urls::percent_decode(f))),
            None => (dest, None),
        };
        // `cells.png?v=2`, `search/?q=cbc`: the query is the target's business and stays on
        // the link (issue 19); the path alone is resolved.
        let (path, query) = match path.split_once('?') {
            Some((p, q)) => (p, Some(q.to_owned())),
            None => (path, None),
        };
        let path = urls::percent_decode(path);
        let resolved = self.resolve_path(pages, from, &path, fragment, style)?;
        Ok(resolved.map(|r| Resolved { query, ..r }))
    }

    /// [`SiteIndex::resolve`] for a path without its query.
    fn resolve_path(
        &self,
        pages: &[Page],
        from: Origin<'_>,
        path: &str,
        fragment: Option<String>,
        style: Style,
    ) -> Result<Option<Resolved>, Problem> {
        let path = path.to_owned();
        if path.is_empty() {
            // `#anchor` on the same page.
            return Ok(Some(Resolved {
                url: from.url.to_owned(),
                fragment,
                query: None,
                target: self
                    .by_url
                    .get(from.url)
                    .cloned()
                    .unwrap_or(Target::Listing),
            }));
        }
        // `![[cells.png]]`: a wiki link to a file rather than a page.
        let is_file = |p: &str| {
            p.rsplit('/')
                .next()
                .and_then(|name| name.rsplit_once('.'))
                .is_some_and(|(_, ext)| ext != "md" && !ext.is_empty() && !ext.contains(' '))
        };
        match style {
            Style::Wiki if is_file(&path) => self.resolve_site_path(from, &path, fragment),
            Style::Wiki => self.resolve_wiki(pages, from, &path, fragment),
            Style::Markdown if path.ends_with(".md") => {
                self.resolve_file(pages, from, &path, fragment)
            }
            Style::Markdown => self.resolve_site_path(from, &path, fragment),
        }
    }

    fn page_resolved(
        &self,
        pages: &[Page],
        i: usize,
        fragment: Option<String>,
    ) -> Option<Resolved> {
        Some(Resolved {
            url: pages[i].url.clone(),
            fragment,
            query: None,
            target: Target::Page(i),
        })
    }

    /// `leukemia.md`, `../tests/complete-blood-count.md`, `/conditions/leukemia.md`.
    fn resolve_file(
        &self,
        pages: &[Page],
        from: Origin<'_>,
        path: &str,
        fragment: Option<String>,
    ) -> Result<Option<Resolved>, Problem> {
        let Some(rel) = urls::join(from.dir, path) else {
            return Err(Problem {
                code: Code::BrokenLink,
                message: format!("broken link to `{path}`"),
                label: "this path leaves the `content/` folder".to_owned(),
                help: Some("link to a Markdown file inside `content/`".to_owned()),
            });
        };
        if let Some(&i) = self.by_rel.get(&rel) {
            return Ok(self.page_resolved(pages, i, fragment));
        }
        if self.failed.contains(&rel) {
            // The page exists but could not be read; its own error says why.
            return Ok(Some(Resolved {
                url: String::new(),
                fragment,
                query: None,
                target: Target::Failed,
            }));
        }
        if self.drafts.contains(&rel) {
            return Err(Problem {
                code: Code::BrokenLink,
                message: format!("link to draft page `{path}`"),
                label: "this page is a draft and is not built".to_owned(),
                help: Some("remove the link, publish the page (remove `draft: true`), or build with `--drafts`".to_owned()),
            });
        }
        Err(Problem {
            code: Code::BrokenLink,
            message: format!("broken link to `{path}`"),
            label: "no page at this path".to_owned(),
            help: self.suggest_file(from, &rel),
        })
    }

    /// A "did you mean" for a missing file: the page with the closest file name, written as a
    /// path relative to the linking page.
    fn suggest_file(&self, from: Origin<'_>, rel: &str) -> Option<String> {
        let best = self
            .suggest_rel
            .get_or_init(|| Suggestions::new(self.by_rel.keys().map(String::as_str)))
            .best(rel)?;
        Some(format!("did you mean `{}`?", relative_file(from.dir, best)))
    }

    /// `[[leukemia]]`, `[[conditions/leukemia]]`, `[[leukemia#symptoms]]`.
    fn resolve_wiki(
        &self,
        pages: &[Page],
        from: Origin<'_>,
        name: &str,
        fragment: Option<String>,
    ) -> Result<Option<Resolved>, Problem> {
        let name = name.trim().trim_start_matches('/');
        let name = name.strip_suffix(".md").unwrap_or(name);
        if let Some(&i) = self.by_rel.get(&format!("{name}.md")) {
            return Ok(self.page_resolved(pages, i, fragment));
        }
        let failed_name = |rel: &String| {
            let stem = rel.strip_suffix(".md").unwrap_or(rel);
            stem == name || stem.rsplit('/').next() == Some(name)
        };
        if self.failed.iter().any(failed_name) {
            return Ok(Some(Resolved {
                url: String::new(),
                fragment,
                query: None,
                target: Target::Failed,
            }));
        }
        match self.by_stem.get(&name.to_lowercase()).map(Vec::as_slice) {
            Some([i]) => Ok(self.page_resolved(pages, *i, fragment)),
            Some(many) => {
                let list: Vec<String> = many
                    .iter()
                    .map(|i| format!("`{}`", pages[*i].rel))
                    .collect();
                Err(Problem {
                    code: Code::BrokenLink,
                    message: format!("`[[{name}]]` could mean more than one page"),
                    label: format!("matches {}", list.join(", ")),
                    help: Some(format!(
                        "add the folder, for example `[[{}]]`",
                        pages[many[0]].rel.trim_end_matches(".md")
                    )),
                })
            }
            None => {
                let _ = from;
                let stems = self
                    .suggest_stem
                    .get_or_init(|| Suggestions::new(self.by_stem.keys().map(String::as_str)));
                Err(Problem {
                    code: Code::BrokenLink,
                    message: format!("broken link `[[{name}]]`"),
                    label: "no page has this name".to_owned(),
                    help: stems.best(name).map(|s| format!("did you mean `[[{s}]]`?")),
                })
            }
        }
    }

    /// `/images/cells.png`, `../images/cells.png`, `/topics/`: checked against the addresses the
    /// build will produce. Relative paths are taken from the linking file's folder, as on GitHub.
    fn resolve_site_path(
        &self,
        from: Origin<'_>,
        path: &str,
        fragment: Option<String>,
    ) -> Result<Option<Resolved>, Problem> {
        let Some(joined) = urls::join(from.dir, path) else {
            return Err(Problem {
                code: Code::BrokenLink,
                message: format!("broken link to `{path}`"),
                label: "this path climbs above the site's root".to_owned(),
                help: None,
            });
        };
        let mut url = format!("/{joined}");
        if path.ends_with('/') && !url.ends_with('/') {
            url.push('/');
        }
        let found = self
            .by_url
            .get(&url)
            .or_else(|| {
                (!url.ends_with('/'))
                    .then(|| self.by_url.get(&format!("{url}/")))
                    .flatten()
            })
            .map(|t| (t.clone(), url.clone()))
            .or_else(|| {
                let dir = url.strip_suffix("index.html")?;
                self.by_url.get(dir).map(|t| (t.clone(), dir.to_owned()))
            });
        match found {
            Some((target, url)) => {
                let url =
                    if matches!(target, Target::Page(_) | Target::Listing) && !url.ends_with('/') {
                        format!("{url}/")
                    } else {
                        url
                    };
                Ok(Some(Resolved {
                    url,
                    fragment,
                    query: None,
                    target,
                }))
            }
            None => {
                let help = if path.starts_with('/') || path.contains('.') {
                    self.suggest_url
                        .get_or_init(|| Suggestions::new(self.by_url.keys().map(String::as_str)))
                        .best(&url)
                        .map(|s| format!("did you mean `{s}`?"))
                } else {
                    Some(format!(
                        "to link to a page, link to its Markdown file (`{path}.md`); to a file, put it in `static/`"
                    ))
                };
                Err(Problem {
                    code: Code::BrokenLink,
                    message: format!("broken link to `{path}`"),
                    label: "nothing is built at this address".to_owned(),
                    help,
                })
            }
        }
    }
}

/// The addresses medleaf generates besides content pages and copied files, for link checking
/// and for the address table: the theme's files, the 404 page, the sitemap, feed and robots
/// file, topic pages, the glossary, the Health A-Z, the search page (when search is on), the
/// further pages of long listings, and every alias.
pub(crate) fn generated_urls(
    topics: &[crate::taxonomy::Topic],
    listings: &[crate::taxonomy::Listing],
    glossaries: &[bool],
    config: &crate::config::Config,
    pages: &[Page],
) -> Vec<String> {
    use crate::theme::{
        A_Z_URL, DEFAULT_STATIC, FEED_URL, GLOSSARY_URL, NOT_FOUND_URL, ROBOTS_URL, SEARCH_STATIC,
        SEARCH_URL, SITEMAP_URL, TOPICS_URL, in_language, listing_page_count, listing_page_url,
    };
    let search = config.search;
    let mut urls: Vec<String> = [SITEMAP_URL, ROBOTS_URL].map(String::from).to_vec();
    for (lang, language) in config.languages.iter().enumerate() {
        let prefix = language.prefix.as_str();
        urls.push(in_language(prefix, NOT_FOUND_URL));
        urls.push(in_language(prefix, FEED_URL));
        if topics.iter().any(|t| t.lang == lang) {
            urls.push(in_language(prefix, TOPICS_URL));
        }
        if glossaries.get(lang).copied().unwrap_or(false) {
            urls.push(in_language(prefix, GLOSSARY_URL));
        }
        if pages.iter().any(|p| p.lang == lang && p.is_article()) {
            urls.push(in_language(prefix, A_Z_URL));
        }
        if search {
            urls.push(in_language(prefix, SEARCH_URL));
        }
    }
    urls.extend(topics.iter().map(|t| t.url.clone()));
    let lists = topics
        .iter()
        .map(|t| (&t.url, t.pages.len()))
        .chain(listings.iter().map(|l| (&l.url, l.pages.len())));
    for (url, entries) in lists {
        for n in 2..=listing_page_count(entries, config.page_size) {
            urls.push(listing_page_url(url, n));
        }
    }
    urls.extend(DEFAULT_STATIC.iter().map(|(n, _)| format!("/{n}")));
    for p in pages {
        urls.extend(p.meta.aliases.iter().cloned());
    }
    if search {
        urls.extend(SEARCH_STATIC.iter().map(|(n, _)| format!("/{n}")));
    }
    urls
}

/// An alias in the form pages' addresses take: `/old` and `/old/` are both written to
/// `old/index.html`, so they are the same address; `/old.html` stays as it is.
pub(crate) fn alias_key(alias: &str) -> String {
    let last = alias.rsplit('/').next().unwrap_or("");
    if last.is_empty() || last.contains('.') {
        alias.to_owned()
    } else {
        format!("{alias}/")
    }
}

/// The path of content file `rel` as written from a file in folder `from_dir`.
pub(crate) fn relative_file(from_dir: &str, rel: &str) -> String {
    let from = if from_dir.is_empty() {
        "/".to_owned()
    } else {
        format!("/{from_dir}/")
    };
    let r = urls::relative(&from, &format!("/{rel}"));
    r.strip_prefix("./").map(str::to_owned).unwrap_or(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;
    use std::sync::Arc;

    fn page(rel: &str, text: &str) -> Page {
        let file = SourceFile::new(format!("content/{rel}"), text.to_owned());
        crate::content::parse_page(rel, Arc::new(file), &crate::config::test_languages()).unwrap()
    }

    #[test]
    fn an_alias_may_lead_to_one_page_only() {
        let site = Site {
            pages: vec![
                page("a.md", "---\ntitle: A\naliases: [/old/]\n---\n"),
                page(
                    "b.md",
                    "---\ntitle: B\naliases: [/old, /a/, /sitemap.xml, /new/]\n---\n",
                ),
            ],
            ..Site::default()
        };
        // As the renderer lists them: its own addresses, then every alias.
        let generated: Vec<String> = [
            "/sitemap.xml",
            "/old/",
            "/old",
            "/a/",
            "/sitemap.xml",
            "/new/",
        ]
        .map(String::from)
        .to_vec();
        let (index, diagnostics) =
            SiteIndex::new(&site, &crate::config::test_languages(), &generated);
        let found: Vec<(String, usize, usize)> = diagnostics
            .iter()
            .map(|d| {
                let l = d.location.as_ref().unwrap();
                (d.message.clone(), l.line, l.column)
            })
            .collect();
        assert_eq!(
            found,
            [
                ("alias `/old` is also an alias of `a.md`".to_owned(), 3, 11),
                ("alias `/a/` is the address of `a.md`".to_owned(), 3, 17),
                (
                    "alias `/sitemap.xml` is an address medleaf generates".to_owned(),
                    3,
                    22
                ),
            ]
        );
        // The page keeps its address; a good alias is a generated address.
        assert_eq!(index.target("/a/"), Some(&Target::Page(0)));
        assert_eq!(index.target("/new/"), Some(&Target::Generated));
    }

    #[test]
    fn relative_files() {
        assert_eq!(
            relative_file("questions", "conditions/leukemia.md"),
            "../conditions/leukemia.md"
        );
        assert_eq!(
            relative_file("conditions", "conditions/leukemia.md"),
            "leukemia.md"
        );
        assert_eq!(
            relative_file("", "conditions/leukemia.md"),
            "conditions/leukemia.md"
        );
    }
}
