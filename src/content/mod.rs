//! Reading the site: every `content/**/*.md` becomes a [`Page`], every `snippets/**/*.md` a
//! [`Snippet`], other files in `content/` and `static/` become [`Asset`]s copied as they are.
//!
//! This stage reads files (in parallel) and parses front matter; it knows nothing of Markdown or
//! links. Its output is in a fixed order (sorted paths), whatever order the file system lists
//! folders in, which is the first step to byte-identical builds.

pub(crate) mod front_matter;
mod page;
pub(crate) mod snippet;
pub(crate) mod templates;
pub(crate) mod translations;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic};
use crate::error::{Error, Result};
use crate::fsutil;
use crate::source::SourceFile;
pub(crate) use front_matter::Condition;
pub use page::PageKind;
pub(crate) use page::{
    Page, check_page, check_site, is_refused_alias, is_refused_slug, lang_dir_url, parse_page,
    split_language,
};
pub(crate) use snippet::Snippet;

/// A file copied to the output unchanged.
#[derive(Debug, Clone)]
pub(crate) struct Asset {
    /// Where it goes, relative to the output root, `/`-separated (`images/cells.png`).
    pub rel: String,
    /// Where it is read from.
    pub source: PathBuf,
}

/// Everything read from the site folder.
#[derive(Debug, Default)]
pub(crate) struct Site {
    /// The pages, sorted by path.
    pub pages: Vec<Page>,
    /// Files copied as they are: `static/` and non-Markdown files in `content/`.
    pub assets: Vec<Asset>,
    /// Each language's glossary file (`content/glossary.yaml`, `content/glossary.es.yaml`), by
    /// language number, if it has one.
    pub glossaries: Vec<Option<Arc<SourceFile>>>,
    /// Paths (relative to `content/`) of drafts left out of this build.
    pub drafts: Vec<String>,
    /// Paths of pages left out because their front matter has errors. Links to them are not
    /// reported again: the front-matter error already is.
    pub failed: Vec<String>,
    /// The snippets in `snippets/`, sorted by name.
    pub snippets: Vec<Snippet>,
    /// Names of snippets left out because their front matter has errors; embeds of them are
    /// not reported again.
    pub failed_snippets: Vec<String>,
}

/// The glossary file's name inside `content/` (`glossary.es.yaml` in another language).
pub(crate) const GLOSSARY_FILE: &str = "glossary.yaml";

/// The language of a glossary file name (`glossary.yaml`, `glossary.es.yaml`), if it is one:
/// `Some(Ok(lang))`, or `Some(Err(code))` for an undeclared language.
pub(crate) fn glossary_language<'a>(
    name: &'a str,
    languages: &[crate::config::Language],
) -> Option<std::result::Result<usize, &'a str>> {
    let stem = name.strip_suffix(".yaml")?;
    match split_language(stem, languages) {
        Ok(("glossary", lang)) => Some(Ok(lang)),
        Err(code) if stem.starts_with("glossary.") => Some(Err(code)),
        _ => None,
    }
}

/// Reads `content/` and `static/`. Problems in pages are diagnostics; a page with a front-matter
/// error is left out so the rest of the site can still be checked.
pub(crate) fn load(config: &Config, include_drafts: bool) -> Result<(Site, Vec<Diagnostic>)> {
    let content = config.root.join("content");
    if !content.is_dir() {
        return Err(Error::Usage(format!(
            "`{}` has no `content/` folder: is this a medleaf site? (use --root to point at one)",
            config.root.display()
        )));
    }
    let languages = &config.languages;
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let mut glossaries = vec![None; languages.len()];
    let mut diagnostics = Vec::new();
    let mut walk = |dir: &Path| -> Result<Vec<(String, PathBuf)>> {
        let walked = fsutil::walk(&config.root, dir, config.follow_links_outside)
            .map_err(Error::io("cannot read", dir))?;
        diagnostics.extend(
            walked
                .outside
                .iter()
                .map(|(link, target)| outside_link(&config.root, link, target)),
        );
        Ok(walked.files)
    };
    let content_files = walk(&content)?;
    let static_dir = config.root.join("static");
    let static_files = if static_dir.is_dir() {
        walk(&static_dir)?
    } else {
        Vec::new()
    };
    let snippets_dir = config.root.join(snippet::DIR);
    let snippet_files = if snippets_dir.is_dir() {
        walk(&snippets_dir)?
    } else {
        Vec::new()
    };
    // Templates are read when rendering (by the same rule); their links are reported here.
    let templates_dir = config.root.join("templates");
    if templates_dir.is_dir() {
        walk(&templates_dir)?;
    }
    for (rel, path) in content_files {
        if rel.ends_with(".md") {
            markdown.push((rel, path));
        } else if let Some(lang) = glossary_language(&rel, languages) {
            let file = SourceFile::read(format!("content/{rel}"), &path)
                .map_err(Error::io("cannot read", &path))?;
            match lang {
                Ok(lang) => glossaries[lang] = Some(Arc::new(file)),
                Err(code) => diagnostics.push(
                    Diagnostic::error(
                        Code::Language,
                        format!(
                            "`{rel}` is written in `{code}`, a language the site does not declare"
                        ),
                    )
                    .at(&file, 0..0)
                    .help(format!(
                        "add `{code}` under `languages:` in site.yaml, or rename the file"
                    )),
                ),
            }
        } else {
            assets.push(Asset { rel, source: path });
        }
    }
    for (rel, path) in static_files {
        assets.push(Asset { rel, source: path });
    }
    assets.sort_by(|a, b| a.rel.cmp(&b.rel));

    type Loaded<'a> = Result<(&'a String, Result<Page, Vec<Diagnostic>>)>;
    let loaded: Vec<Loaded> = markdown
        .par_iter()
        .map(|(rel, path)| {
            let file = SourceFile::read(format!("content/{rel}"), path)
                .map_err(Error::io("cannot read", path))?;
            Ok((rel, parse_page(rel, Arc::new(file), languages)))
        })
        .collect();
    let mut site = Site {
        glossaries,
        assets,
        ..Site::default()
    };
    for result in loaded {
        let (rel, parsed) = result?;
        match parsed {
            Ok(page) if page.meta.draft && !include_drafts => site.drafts.push(page.rel),
            Ok(page) => site.pages.push(page),
            Err(ds) => {
                diagnostics.extend(ds);
                site.failed.push(rel.clone());
            }
        }
    }
    diagnostics.extend(bundle_collisions(&mut site));
    {
        for (rel, path) in snippet_files {
            if !rel.ends_with(".md") {
                continue;
            }
            let file = SourceFile::read(format!("{}/{rel}", snippet::DIR), &path)
                .map_err(Error::io("cannot read", &path))?;
            match snippet::parse(&rel, Arc::new(file), languages) {
                Ok(s) => site.snippets.push(s),
                Err(ds) => {
                    diagnostics.extend(ds);
                    site.failed_snippets.push(snippet::embed_name(&rel));
                }
            }
        }
    }
    site.snippets
        .sort_by(|a, b| (a.name.as_str(), a.lang).cmp(&(b.name.as_str(), b.lang)));
    diagnostics.extend(orphan_translations(&site));
    Ok((site, diagnostics))
}

/// A bundle (`asthma/index.md`) is the page `asthma/`: beside `asthma.md` (or a folder page
/// `asthma/_index.md`) both would be one address. The bundle is left out with an error that
/// names both files, so the clash is reported once, where it can be fixed.
fn bundle_collisions(site: &mut Site) -> Vec<Diagnostic> {
    let others: std::collections::BTreeMap<&str, &str> = site
        .pages
        .iter()
        .filter(|p| !p.is_bundle())
        .map(|p| (p.url.as_str(), p.rel.as_str()))
        .collect();
    let mut out = Vec::new();
    let mut clashing = Vec::new();
    for (i, page) in site.pages.iter().enumerate() {
        if !page.is_bundle() {
            continue;
        }
        if let Some(other) = others.get(page.url.as_str()) {
            out.push(
                Diagnostic::error(
                    Code::DuplicateUrl,
                    format!(
                        "`{}` and `{other}` are both the page `{}`",
                        page.rel, page.url
                    ),
                )
                .at(&page.file, 0..page.file.text.len().min(3))
                .label("a folder's `index.md` is the page named after the folder")
                .help(format!(
                    "keep one: move the text of `{other}` into `{}` (its images can stay beside it), or rename one of them",
                    page.rel
                )),
            );
            clashing.push(i);
        }
    }
    for i in clashing.into_iter().rev() {
        let page = site.pages.remove(i);
        site.failed.push(page.rel);
    }
    out
}

/// A translation whose source does not exist has nothing to be a translation of: an error at
/// the translation (`leukemia.es.md` without `leukemia.md`, `fever.es.md` without `fever.md`).
fn orphan_translations(site: &Site) -> Vec<Diagnostic> {
    let keys: std::collections::BTreeSet<&str> = site
        .pages
        .iter()
        .filter(|p| p.lang == 0)
        .map(|p| p.rel.as_str())
        .chain(site.drafts.iter().map(String::as_str))
        .chain(site.failed.iter().map(String::as_str))
        .collect();
    let mut out = Vec::new();
    for page in site.pages.iter().filter(|p| p.lang != 0) {
        if !keys.contains(page.key.as_str()) {
            out.push(
                Diagnostic::error(
                    Code::Language,
                    format!("`{}` translates `{}`, which does not exist", page.rel, page.key),
                )
                .at(&page.file, 0..page.file.text.len().min(3))
                .help("a translation sits beside its source with the language code before `.md`; add the source page or rename this file"),
            );
        }
    }
    let snippet_names: std::collections::BTreeSet<&str> = site
        .snippets
        .iter()
        .filter(|s| s.lang == 0)
        .map(|s| s.name.as_str())
        .chain(site.failed_snippets.iter().map(String::as_str))
        .collect();
    for s in site.snippets.iter().filter(|s| s.lang != 0) {
        if !snippet_names.contains(s.name.as_str()) {
            out.push(
                Diagnostic::error(
                    Code::Language,
                    format!(
                        "`{}` translates the snippet `{}`, which does not exist",
                        s.file.display, s.name
                    ),
                )
                .at(&s.file, 0..s.file.text.len().min(3))
                .help("write the snippet in the site's default language too, or rename this file"),
            );
        }
    }
    out
}

/// A symbolic link that leads outside the site and was not followed: a warning naming it.
fn outside_link(root: &Path, link: &Path, target: &Path) -> Diagnostic {
    let shown = fsutil::slash_path(root, link);
    let file = SourceFile::new(shown.clone(), String::new());
    Diagnostic::warning(
        Code::SymlinkOutside,
        format!(
            "`{shown}` is a symbolic link to `{}`, outside the site folder: it is not followed",
            target.display()
        ),
    )
    .at(&file, 0..0)
    .label("nothing in it is read, copied or published")
    .help("copy what it leads to into the site, or set `security: {follow_links_outside: true}` in site.yaml if it must be followed")
}
