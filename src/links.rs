//! The link graph: resolving what authors wrote to real pages, checking every link and anchor,
//! and working out backlinks and related articles.
//!
//! Authors link the way GitHub renders Markdown: by file path relative to the linking file
//! (`[leukemia](leukemia.md#symptoms)`), or wiki-style by name (`[[leukemia]]`). Site paths
//! (`/images/cells.png`) are checked against static files and generated pages. Every link in
//! the output is relative, so the site works below any sub-path.

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

use rayon::prelude::*;

use crate::content::{Page, Site};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::markdown::{RESERVED_IDS, Rendered};
use crate::urls;

/// What a site address leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
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
pub struct SiteIndex {
    by_rel: HashMap<String, usize>,
    by_stem: HashMap<String, Vec<usize>>,
    by_url: HashMap<String, Target>,
    drafts: HashSet<String>,
    failed: HashSet<String>,
    /// Fragment ids of generated pages that links may point into (`/glossary/` → term ids).
    generated_ids: HashMap<String, HashSet<String>>,
}

/// A link resolved to where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The site address it leads to (`/conditions/leukemia/`).
    pub url: String,
    /// The `#fragment`, without `#`, if any.
    pub fragment: Option<String>,
    /// What is at that address.
    pub target: Target,
}

/// Why a link does not resolve, in words for the author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Diagnostic code: `broken-link`.
    pub code: &'static str,
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
pub struct Origin<'a> {
    /// Folder of the linking file, relative to `content/` (`conditions`).
    pub dir: &'a str,
    /// Site address of the linking page.
    pub url: &'a str,
}

impl Page {
    /// Where links written in this page start from.
    pub fn origin(&self) -> Origin<'_> {
        Origin {
            dir: &self.dir,
            url: &self.url,
        }
    }
}

/// How a link was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `[text](dest)` or `![alt](dest)`.
    Markdown,
    /// `[[name]]` or `[[name|text]]`.
    Wiki,
}

impl SiteIndex {
    /// Indexes the pages, assets and generated addresses. Two things at one address are
    /// reported as errors.
    pub fn new(site: &Site, generated: &[String]) -> (SiteIndex, Vec<Diagnostic>) {
        let mut index = SiteIndex::default();
        let mut diagnostics = Vec::new();
        for (i, page) in site.pages.iter().enumerate() {
            index.by_rel.insert(page.rel.clone(), i);
            let stem = page.rel.strip_suffix(".md").unwrap_or(&page.rel);
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
                        "duplicate-url",
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
        // Folders get listing pages, with or without an `_index.md`.
        for page in &site.pages {
            let mut dir = page.dir.as_str();
            loop {
                index
                    .by_url
                    .entry(crate::content::dir_url(dir))
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
                        "duplicate-url",
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
                        Diagnostic::error("duplicate-url", format!("alias `{alias}` {reason}"))
                            .at(&page.file, page.value_span("aliases", alias))
                            .help("remove this alias: an address can lead to one page only"),
                    );
                }
            }
        }
        diagnostics
    }

    /// Records the fragment ids of a generated page so links into it can be checked.
    pub fn add_generated_ids(&mut self, url: &str, ids: impl IntoIterator<Item = String>) {
        self.generated_ids
            .entry(url.to_owned())
            .or_default()
            .extend(ids);
    }

    /// The fragment ids of a generated page, if known.
    pub fn generated_ids(&self, url: &str) -> Option<&HashSet<String>> {
        self.generated_ids.get(url)
    }

    /// The page with this path relative to `content/`.
    pub fn page_by_rel(&self, rel: &str) -> Option<usize> {
        self.by_rel.get(rel).copied()
    }

    /// What is at a site address.
    pub fn target(&self, url: &str) -> Option<&Target> {
        self.by_url.get(url)
    }

    /// Resolves a link written in `from` to a page, file or generated address.
    /// Returns `Ok(None)` for external links, which are left alone.
    pub fn resolve(
        &self,
        pages: &[Page],
        from: Origin<'_>,
        dest: &str,
        style: Style,
    ) -> Result<Option<Resolved>, Problem> {
        if style == Style::Markdown && urls::is_external(dest) {
            return Ok(None);
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(urls::percent_decode(f))),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or(path);
        let path = urls::percent_decode(path);
        if path.is_empty() {
            // `#anchor` on the same page.
            return Ok(Some(Resolved {
                url: from.url.to_owned(),
                fragment,
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
                code: "broken-link",
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
                target: Target::Failed,
            }));
        }
        if self.drafts.contains(&rel) {
            return Err(Problem {
                code: "broken-link",
                message: format!("link to draft page `{path}`"),
                label: "this page is a draft and is not built".to_owned(),
                help: Some("remove the link, publish the page (remove `draft: true`), or build with `--drafts`".to_owned()),
            });
        }
        Err(Problem {
            code: "broken-link",
            message: format!("broken link to `{path}`"),
            label: "no page at this path".to_owned(),
            help: self.suggest_file(from, &rel),
        })
    }

    /// A "did you mean" for a missing file: the page with the closest file name, written as a
    /// path relative to the linking page.
    fn suggest_file(&self, from: Origin<'_>, rel: &str) -> Option<String> {
        let wanted_name = rel.rsplit('/').next().unwrap_or(rel);
        let mut rels: Vec<&str> = self.by_rel.keys().map(String::as_str).collect();
        rels.sort_unstable();
        // The same file name in another folder is the likeliest mistake.
        let best = rels
            .iter()
            .find(|r| r.rsplit('/').next() == Some(wanted_name))
            .copied()
            .or_else(|| did_you_mean(rel, rels.iter().copied()))
            .or_else(|| {
                let names: Vec<&str> = rels
                    .iter()
                    .map(|r| r.rsplit('/').next().unwrap_or(r))
                    .collect();
                let name = did_you_mean(wanted_name, names.iter().copied())?;
                rels.iter()
                    .find(|r| r.rsplit('/').next() == Some(name))
                    .copied()
            })?;
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
                    code: "broken-link",
                    message: format!("`[[{name}]]` could mean more than one page"),
                    label: format!("matches {}", list.join(", ")),
                    help: Some(format!(
                        "add the folder, for example `[[{}]]`",
                        pages[many[0]].rel.trim_end_matches(".md")
                    )),
                })
            }
            None => {
                let mut stems: Vec<&str> = self.by_stem.keys().map(String::as_str).collect();
                stems.sort_unstable();
                let _ = from;
                Err(Problem {
                    code: "broken-link",
                    message: format!("broken link `[[{name}]]`"),
                    label: "no page has this name".to_owned(),
                    help: did_you_mean(name, stems).map(|s| format!("did you mean `[[{s}]]`?")),
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
                code: "broken-link",
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
                    target,
                }))
            }
            None => {
                let mut known: Vec<&str> = self.by_url.keys().map(String::as_str).collect();
                known.sort_unstable();
                let help = if path.starts_with('/') || path.contains('.') {
                    did_you_mean(&url, known).map(|s| format!("did you mean `{s}`?"))
                } else {
                    Some(format!(
                        "to link to a page, link to its Markdown file (`{path}.md`); to a file, put it in `static/`"
                    ))
                };
                Err(Problem {
                    code: "broken-link",
                    message: format!("broken link to `{path}`"),
                    label: "nothing is built at this address".to_owned(),
                    help,
                })
            }
        }
    }
}

/// An alias in the form pages' addresses take: `/old` and `/old/` are both written to
/// `old/index.html`, so they are the same address; `/old.html` stays as it is.
fn alias_key(alias: &str) -> String {
    let last = alias.rsplit('/').next().unwrap_or("");
    if last.is_empty() || last.contains('.') {
        alias.to_owned()
    } else {
        format!("{alias}/")
    }
}

/// The path of content file `rel` as written from a file in folder `from_dir`.
pub fn relative_file(from_dir: &str, rel: &str) -> String {
    let from = if from_dir.is_empty() {
        "/".to_owned()
    } else {
        format!("/{from_dir}/")
    };
    let r = urls::relative(&from, &format!("/{rel}"));
    r.strip_prefix("./").map(str::to_owned).unwrap_or(r)
}

/// A link from one page to another, found while rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLink {
    /// The page linked to.
    pub target: usize,
    /// The fragment, if any.
    pub fragment: Option<String>,
    /// Where the link's destination is written in the linking file.
    pub span: Range<usize>,
}

/// A link with a fragment into a generated page (the glossary), checked after rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedLink {
    /// The site address (`/glossary/`).
    pub url: String,
    /// The fragment.
    pub fragment: String,
    /// Where it is written.
    pub span: Range<usize>,
}

/// Checks every `#fragment` against the ids the target page really has.
pub fn check_anchors(pages: &[Page], rendered: &[Rendered], index: &SiteIndex) -> Vec<Diagnostic> {
    let per_page: Vec<Vec<Diagnostic>> = rendered
        .par_iter()
        .enumerate()
        .map(|(from, r)| {
            let mut out = check_page_anchors(pages, from, &r.links, |t| &rendered[t].ids);
            out.extend(check_generated_anchors(
                pages,
                from,
                &r.generated_links,
                index,
            ));
            out
        })
        .collect();
    per_page.into_iter().flatten().collect()
}

/// Checks the `#fragment`s of page `from`'s links to content pages; `ids` gives each target
/// page's ids. One page at a time, so `serve` can re-check only the pages an edit touches.
pub fn check_page_anchors<'a>(
    pages: &[Page],
    from: usize,
    links: &[PageLink],
    ids: impl Fn(usize) -> &'a BTreeSet<String>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for link in links {
        let Some(fragment) = &link.fragment else {
            continue;
        };
        let target_ids = ids(link.target);
        // Template ids (`#page-sources`, `#main`) exist on every page that shows them.
        if fragment.is_empty()
            || target_ids.contains(fragment)
            || RESERVED_IDS.contains(&fragment.as_str())
        {
            continue;
        }
        let target = &pages[link.target];
        let help = did_you_mean(fragment, target_ids.iter().map(String::as_str))
            .map(|s| format!("did you mean `#{s}`?"))
            .or_else(|| {
                (!target_ids.is_empty()).then(|| {
                    let list: Vec<&str> = target_ids.iter().map(String::as_str).take(8).collect();
                    format!("the headings there have the ids: {}", list.join(", "))
                })
            });
        let where_ = if link.target == from {
            "this page".to_owned()
        } else {
            format!("`{}`", target.rel)
        };
        out.push(
            Diagnostic::error(
                "broken-anchor",
                format!("no heading `#{fragment}` in {where_}"),
            )
            .at(&pages[from].file, link.span.clone())
            .label("this anchor does not exist")
            .maybe_help(help),
        );
    }
    out
}

/// Checks the `#fragment`s of page `from`'s links into generated pages (the glossary).
pub fn check_generated_anchors(
    pages: &[Page],
    from: usize,
    links: &[GeneratedLink],
    index: &SiteIndex,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for link in links {
        // Generated pages (topics, folder listings) have only the template's ids, unless
        // their ids were registered (the glossary's terms).
        let known: Vec<&str> = match index.generated_ids(&link.url) {
            Some(ids) => ids.iter().map(String::as_str).collect(),
            None => Vec::new(),
        };
        if known.contains(&link.fragment.as_str()) || RESERVED_IDS.contains(&link.fragment.as_str())
        {
            continue;
        }
        out.push(
            Diagnostic::error(
                "broken-anchor",
                format!("no `#{}` in `{}`", link.fragment, link.url),
            )
            .at(&pages[from].file, link.span.clone())
            .label("this anchor does not exist")
            .maybe_help(
                did_you_mean(&link.fragment, known.iter().copied())
                    .map(|s| format!("did you mean `#{s}`?")),
            ),
        );
    }
    out
}

/// Who links to whom, and what to suggest next.
///
/// Besides the two lists templates show, it keeps what ranking related articles reads
/// (`outgoing`, `explicit`, `page_topics`), so `serve` can re-rank only the pages an edit
/// touches ([`LinkGraph::related_of`]) instead of the whole site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkGraph {
    /// For each page, the pages that link to it (sorted by title, no repeats, no self-links).
    pub backlinks: Vec<Vec<usize>>,
    /// For each page, its related articles: the `related:` entries first, then pages that
    /// share links and topics with it, at most [`MAX_RELATED`].
    pub related: Vec<Vec<usize>>,
    /// For each page, the pages it links to (sorted by title, no repeats, no self-links).
    pub outgoing: Vec<Vec<usize>>,
    /// For each page, the articles its `related:` entries resolve to, in the order written.
    pub explicit: Vec<Vec<usize>>,
    /// For each page, its topics as (topic, position of the page in the topic's listing
    /// order): see [`page_topics`].
    pub page_topics: Vec<Vec<(usize, usize)>>,
}

/// How many related articles a page shows.
pub const MAX_RELATED: usize = 5;

/// How many neighbours on each side of a page, in each of its topics, are considered as
/// related candidates. Bounding this keeps the work per page constant however large a topic
/// grows (a 10,000-page site may put thousands of pages in one topic).
pub const TOPIC_WINDOW: usize = 4;

/// The order of backlinks and outgoing links: by title, then by position.
pub fn title_order(pages: &[Page]) -> impl Fn(&usize, &usize) -> std::cmp::Ordering + '_ {
    |a, b| {
        pages[*a]
            .meta
            .title
            .cmp(&pages[*b].meta.title)
            .then(a.cmp(b))
    }
}

/// Each of `n` pages' topics, as (topic, position of the page in the topic's listing order).
pub fn page_topics(n: usize, topics: &[crate::taxonomy::Topic]) -> Vec<Vec<(usize, usize)>> {
    let mut page_topics: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (t, topic) in topics.iter().enumerate() {
        for (pos, &p) in topic.pages.iter().enumerate() {
            page_topics[p].push((t, pos));
        }
    }
    page_topics
}

/// Builds backlinks and related lists, and resolves (and checks) every `related:` entry.
pub fn graph(
    pages: &[Page],
    rendered: &[Rendered],
    index: &SiteIndex,
    topics: &[crate::taxonomy::Topic],
) -> (LinkGraph, Vec<Diagnostic>) {
    let n = pages.len();
    let mut backlinks: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut outgoing: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (from, r) in rendered.iter().enumerate() {
        for link in &r.links {
            if link.target != from {
                backlinks[link.target].push(from);
                outgoing[from].push(link.target);
            }
        }
    }
    let by_title = title_order(pages);
    for list in backlinks.iter_mut().chain(outgoing.iter_mut()) {
        list.sort_unstable();
        list.dedup();
        list.sort_by(&by_title);
    }

    let resolved: Vec<(Vec<usize>, Vec<Diagnostic>)> = pages
        .par_iter()
        .map(|page| explicit_related(pages, page, index))
        .collect();
    let mut explicit = Vec::with_capacity(n);
    let mut diagnostics = Vec::new();
    for (found, problems) in resolved {
        explicit.push(found);
        diagnostics.extend(problems);
    }
    let mut graph = LinkGraph {
        backlinks,
        related: Vec::new(),
        outgoing,
        explicit,
        page_topics: page_topics(n, topics),
    };
    graph.related = (0..n)
        .into_par_iter()
        .map(|i| graph.related_of(pages, topics, i))
        .collect();
    (graph, diagnostics)
}

/// Resolves one page's `related:` entries to articles, with a diagnostic for each entry that
/// is not another article.
pub fn explicit_related(
    pages: &[Page],
    page: &Page,
    index: &SiteIndex,
) -> (Vec<usize>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for entry in &page.meta.related {
        match index.resolve(pages, page.origin(), entry, Style::Markdown) {
            // Only other articles are shown under "Related articles"; anything else
            // would vanish from the page without a word to the author.
            Ok(Some(Resolved {
                target: Target::Page(t),
                ..
            })) if std::ptr::eq(&pages[t], page) || !pages[t].is_article() => {
                let what = if std::ptr::eq(&pages[t], page) {
                    "is this page itself"
                } else {
                    "is not an article"
                };
                problems.push(
                    Diagnostic::error("broken-link", format!("`related` entry `{entry}` {what}"))
                        .at(&page.file, page.value_span("related", entry))
                        .help("list other health articles; link to any other page in the text"),
                );
            }
            Ok(Some(Resolved {
                target: Target::Page(t),
                ..
            })) => found.push(t),
            Ok(Some(Resolved {
                target: Target::Failed,
                ..
            })) => {}
            Ok(_) => problems.push(
                Diagnostic::error(
                    "broken-link",
                    format!("`related` entry `{entry}` is not a page"),
                )
                .at(&page.file, page.value_span("related", entry))
                .help("list Markdown files, such as `related: [leukemia.md]`"),
            ),
            Err(p) => problems.push(
                Diagnostic::error(p.code, format!("{} in `related`", p.message))
                    .at(&page.file, page.value_span("related", entry))
                    .label(p.label)
                    .maybe_help(p.help),
            ),
        }
    }
    (found, problems)
}

impl LinkGraph {
    /// The pages considered as related articles of page `i`: pages linked either way, and
    /// close neighbours in each of its topics. Its size depends on the page's own links and
    /// topics, never on the size of the site, which keeps related articles linear in the
    /// number of pages (`tests/scaling.rs` checks this).
    pub fn candidates(&self, topics: &[crate::taxonomy::Topic], i: usize) -> Vec<usize> {
        let mut candidates: Vec<usize> = self.outgoing[i]
            .iter()
            .chain(&self.backlinks[i])
            .copied()
            .collect();
        for &(t, pos) in &self.page_topics[i] {
            let members = &topics[t].pages;
            let lo = pos.saturating_sub(TOPIC_WINDOW);
            let hi = (pos + TOPIC_WINDOW + 1).min(members.len());
            candidates.extend_from_slice(&members[lo..hi]);
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
    }

    /// Ranks page `i`'s related articles from the graph's tables and the site's `topics`:
    /// the `related:` entries first, then the best-scoring candidates.
    pub fn related_of(
        &self,
        pages: &[Page],
        topics: &[crate::taxonomy::Topic],
        i: usize,
    ) -> Vec<usize> {
        let by_title = title_order(pages);
        let (outgoing, backlinks, page_topics) =
            (&self.outgoing, &self.backlinks, &self.page_topics);
        let explicit = &self.explicit[i];
        let page = &pages[i];
        let mut list: Vec<usize> = Vec::new();
        for &t in explicit {
            if t != i && !list.contains(&t) && pages[t].is_article() {
                list.push(t);
            }
        }
        if !page.is_article() || list.len() >= MAX_RELATED {
            list.truncate(MAX_RELATED.max(explicit.len()));
            return list;
        }
        // Scores: 2 per link either way, 1 per shared topic.
        let candidates = self.candidates(topics, i);
        let mut ranked: Vec<(u32, usize)> = candidates
            .into_iter()
            .filter(|t| *t != i && pages[*t].is_article() && !list.contains(t))
            .map(|t| {
                let links = outgoing[i].binary_search_by(|x| by_title(x, &t)).is_ok() as u32
                    + backlinks[i].binary_search_by(|x| by_title(x, &t)).is_ok() as u32;
                let shared = page_topics[t]
                    .iter()
                    .filter(|(x, _)| page_topics[i].iter().any(|(y, _)| x == y))
                    .count() as u32;
                (2 * links + shared, t)
            })
            .filter(|(s, _)| *s > 0)
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| by_title(&a.1, &b.1)));
        list.extend(
            ranked
                .into_iter()
                .map(|(_, t)| t)
                .take(MAX_RELATED - list.len()),
        );
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;
    use std::sync::Arc;

    fn page(rel: &str, text: &str) -> Page {
        let file = SourceFile::new(format!("content/{rel}"), rel, text.to_owned());
        crate::content::parse_page(rel, Arc::new(file)).unwrap()
    }

    #[test]
    fn related_entries_must_be_other_articles() {
        let pages = vec![
            page(
                "a.md",
                "---\ntitle: A\ndescription: d\nrelated: [b.md, a.md, about.md, c.md]\n---\n",
            ),
            page("about.md", "---\ntitle: About\nkind: page\n---\n"),
            page("b.md", "---\ntitle: B\ndescription: d\n---\n"),
            page("c.md", "---\ntitle: C\ndescription: d\n---\n"),
        ];
        let site = Site {
            pages,
            ..Site::default()
        };
        let (index, _) = SiteIndex::new(&site, &[]);
        let rendered = vec![Rendered::default(); site.pages.len()];
        let (graph, diagnostics) = graph(&site.pages, &rendered, &index, &[]);
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`related` entry `a.md` is this page itself",
                "`related` entry `about.md` is not an article"
            ]
        );
        // The good entries, in order.
        assert_eq!(graph.related[0], [2, 3]);
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
        let (index, diagnostics) = SiteIndex::new(&site, &generated);
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
