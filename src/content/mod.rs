//! Reading the site: every `content/**/*.md` becomes a [`Page`], other files in `content/` and
//! `static/` become [`Asset`]s copied as they are.
//!
//! This stage reads files (in parallel) and parses front matter; it knows nothing of Markdown or
//! links. Its output is in a fixed order (sorted paths), whatever order the file system lists
//! folders in, which is the first step to byte-identical builds.

pub mod front_matter;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::error::{Error, Result};
use crate::source::SourceFile;
pub use front_matter::{Condition, FrontMatter, Kind, Reviewer, Source};

/// The role a page plays in the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// An `_index.md`: the title and intro of a folder's listing (the home page for `content/`).
    Index,
    /// A health article: reviewed, sourced, readability-checked.
    Article,
    /// A plain page (`kind: page`): about, disclaimer.
    Plain,
}

/// One Markdown file with its parsed front matter.
#[derive(Debug, Clone)]
pub struct Page {
    /// The file as read.
    pub file: Arc<SourceFile>,
    /// Path relative to `content/`, `/`-separated (`conditions/leukemia.md`).
    pub rel: String,
    /// The folder part of `rel` (`conditions`, or empty at the top).
    pub dir: String,
    /// Index, article or plain page.
    pub kind: PageKind,
    /// The page's address from the site root: `/conditions/leukemia/`, `/` for the home page.
    pub url: String,
    /// The parsed front matter.
    pub meta: FrontMatter,
    /// Byte range of the YAML text in `file`.
    pub yaml: Range<usize>,
    /// Byte range of the Markdown body in `file`.
    pub body: Range<usize>,
}

impl Page {
    /// Whether the page gets the health checks and article layout.
    pub fn is_article(&self) -> bool {
        self.kind == PageKind::Article
    }

    /// The byte range of a front-matter key, or of the opening `---` line if it is absent.
    pub fn key_span(&self, key: &str) -> Range<usize> {
        crate::yaml::find_key(&self.file, self.yaml.clone(), key, self.yaml.start)
            .unwrap_or(0..3.min(self.file.text.len()))
    }

    /// The byte range of `value` written under front-matter key `key`.
    pub fn value_span(&self, key: &str, value: &str) -> Range<usize> {
        crate::yaml::find_value(&self.file, self.yaml.clone(), key, value)
            .unwrap_or_else(|| self.key_span(key))
    }
}

/// A file copied to the output unchanged.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Where it goes, relative to the output root, `/`-separated (`images/cells.png`).
    pub rel: String,
    /// Where it is read from.
    pub source: PathBuf,
}

/// Everything read from the site folder.
#[derive(Debug, Default)]
pub struct Site {
    /// The pages, sorted by path.
    pub pages: Vec<Page>,
    /// Files copied as they are: `static/` and non-Markdown files in `content/`.
    pub assets: Vec<Asset>,
    /// `content/glossary.yaml`, if there is one.
    pub glossary: Option<Arc<SourceFile>>,
    /// Paths (relative to `content/`) of drafts left out of this build.
    pub drafts: Vec<String>,
    /// Paths of pages left out because their front matter has errors. Links to them are not
    /// reported again: the front-matter error already is.
    pub failed: Vec<String>,
}

/// The glossary file's name inside `content/`.
pub const GLOSSARY_FILE: &str = "glossary.yaml";

/// Reads `content/` and `static/`. Problems in pages are diagnostics; a page with a front-matter
/// error is left out so the rest of the site can still be checked.
pub fn load(config: &Config, include_drafts: bool) -> Result<(Site, Vec<Diagnostic>)> {
    let content = config.root.join("content");
    if !content.is_dir() {
        return Err(Error::Usage(format!(
            "`{}` has no `content/` folder: is this a medleaf site? (use --root to point at one)",
            config.root.display()
        )));
    }
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let mut glossary = None;
    for (rel, path) in walk(&content)? {
        if rel.ends_with(".md") {
            markdown.push((rel, path));
        } else if rel == GLOSSARY_FILE {
            let file = SourceFile::read(format!("content/{rel}"), &path)
                .map_err(Error::io("cannot read", &path))?;
            glossary = Some(Arc::new(file));
        } else {
            assets.push(Asset { rel, source: path });
        }
    }
    let static_dir = config.root.join("static");
    if static_dir.is_dir() {
        for (rel, path) in walk(&static_dir)? {
            assets.push(Asset { rel, source: path });
        }
    }
    assets.sort_by(|a, b| a.rel.cmp(&b.rel));

    type Loaded<'a> = Result<(&'a String, Result<Page, Box<Diagnostic>>)>;
    let loaded: Vec<Loaded> = markdown
        .par_iter()
        .map(|(rel, path)| {
            let file = SourceFile::read(format!("content/{rel}"), path)
                .map_err(Error::io("cannot read", path))?;
            Ok((rel, parse_page(rel, Arc::new(file))))
        })
        .collect();
    let mut site = Site {
        glossary,
        assets,
        ..Site::default()
    };
    let mut diagnostics = Vec::new();
    for result in loaded {
        let (rel, parsed) = result?;
        match parsed {
            Ok(page) if page.meta.draft && !include_drafts => site.drafts.push(page.rel),
            Ok(page) => {
                diagnostics.extend(check_page(&page));
                site.pages.push(page);
            }
            Err(d) => {
                diagnostics.push(*d);
                site.failed.push(rel.clone());
            }
        }
    }
    Ok((site, diagnostics))
}

/// Every file under `dir`, as (`/`-separated relative path, full path), sorted, skipping hidden
/// files and editor leftovers.
fn walk(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(name.starts_with('.') || name.ends_with('~') || name.starts_with('#'))
        });
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            Error::io("cannot read", path)(e.into())
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        out.push((rel, entry.path().to_path_buf()));
    }
    Ok(out)
}

/// Splits and parses one page's front matter and works out its address.
pub fn parse_page(rel: &str, file: Arc<SourceFile>) -> Result<Page, Box<Diagnostic>> {
    let split = front_matter::split(&file)?;
    let meta: FrontMatter = crate::yaml::parse(&file, split.yaml.clone(), "front-matter")?;
    let (dir, name) = match rel.rsplit_once('/') {
        Some((d, n)) => (d.to_owned(), n),
        None => (String::new(), rel),
    };
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let kind = if stem == "_index" {
        PageKind::Index
    } else if meta.kind == Some(Kind::Page) {
        PageKind::Plain
    } else {
        PageKind::Article
    };
    let url = if kind == PageKind::Index {
        dir_url(&dir)
    } else {
        let last = meta.slug.as_deref().unwrap_or(stem);
        format!("{}{}/", dir_url(&dir), last)
    };
    Ok(Page {
        file,
        rel: rel.to_owned(),
        dir,
        kind,
        url,
        meta,
        yaml: split.yaml,
        body: split.body,
    })
}

/// The address of a content folder: `/` for the top, `/tests/` for `tests`.
pub fn dir_url(dir: &str) -> String {
    if dir.is_empty() {
        "/".to_owned()
    } else {
        format!("/{dir}/")
    }
}

/// Checks that serde cannot express: required-for-articles fields, empty values, slugs.
/// Public so `serve` can re-check one edited page.
pub fn check_page(page: &Page) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let meta = &page.meta;
    let file = &page.file;
    if meta.title.trim().is_empty() {
        out.push(
            Diagnostic::error("front-matter", "`title` is empty")
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
            Diagnostic::error("front-matter", "articles need a `description`")
                .at(file, page.key_span("title"))
                .label("this article has no description")
                .help("add `description:` with the one-sentence main message, or `kind: page` if this is not a health article"),
        );
    }
    if let Some(slug) = &meta.slug {
        let bad = slug.is_empty()
            || slug == "."
            || slug == ".."
            || slug.contains(['/', '\\', '?', '#', ' ']);
        if bad {
            out.push(
                Diagnostic::error("front-matter", format!("`{slug}` cannot be a slug"))
                    .at(file, page.value_span("slug", slug))
                    .help("use letters, digits and hyphens, such as `slug: full-blood-count`"),
            );
        }
    }
    for topic in &meta.topics {
        if crate::slug::slugify(topic).is_empty() {
            out.push(
                Diagnostic::error("front-matter", "a topic needs a name")
                    .at(file, page.key_span("topics")),
            );
        }
    }
    for alias in &meta.aliases {
        if !alias.starts_with('/') || alias.contains(['?', '#', '\\']) || alias.contains("..") {
            out.push(
                Diagnostic::error("front-matter", format!("alias `{alias}` is not a site address"))
                    .at(file, page.value_span("aliases", alias))
                    .help("write the old address from the site root, such as `/old-page/` or `/old-page.html`"),
            );
        }
    }
    if page.kind == PageKind::Index && meta.slug.is_some() {
        out.push(
            Diagnostic::warning("front-matter", "`slug` has no effect in an `_index.md`")
                .at(file, page.key_span("slug"))
                .help("a folder's address comes from the folder name; rename the folder instead"),
        );
    }
    out
}
