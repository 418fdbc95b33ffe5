//! Offline site search: a Pagefind index of the rendered pages (issue 5).
//!
//! Runs after the templates, on the HTML readers get, so what is searchable is exactly what the
//! templates mark with Pagefind's attributes: `data-pagefind-body` on the parts worth finding
//! (title, description, body, the condition's other names, glossary terms), never the header,
//! footer, sources, review block, related lists or disclaimer. Pages without the attribute
//! (listings, topics, the glossary, 404, redirects, the search page) are not fed to Pagefind.
//!
//! Pagefind writes a chunked index: a small metadata file, word-index chunks split by word
//! range and one fragment per page, so a reader's browser downloads only the chunks its query
//! needs. Everything lands under `pagefind/` in the output.
//!
//! Invariants: never touches the file system (Pagefind runs in memory); the same pages give
//! byte-identical files (pages are fed in path order and Pagefind names files by content hash;
//! checked on the 10,000-page benchmark site).
//!
//! Cost: Pagefind needs about 2.5 ms of CPU per page (parsing, stemming, building the index and
//! compressing every file at gzip's best level), several times medleaf's own work per page.
//! Little of it can be spread over cores from here: `PagefindIndex::add_html_file` takes
//! `&mut self` and parses under the index's lock, so pages go in one at a time, and the files
//! are compressed one after another in a single task. Its only parallel entry point,
//! `add_directory`, reads files from disk in directory order, which would make the index's page
//! order, and so its bytes, depend on the file system.

use std::time::{Duration, Instant};

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::output::OutputFile;
use crate::urls;

/// The output folder of the index and of Pagefind's search script.
pub const DIR: &str = "pagefind";

/// The attribute that marks a page as searchable; pages without it are not indexed.
const BODY_MARKER: &str = "data-pagefind-body";

/// Pagefind bundles we never load: its ready-made interfaces (the site uses its own, in
/// `static/search.js`) and the result-page highlighter. Leaving them out keeps about 0.5 MB
/// of unused scripts out of every site.
const UNUSED_FILES: &[&str] = &[
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// What indexing made: the files to add to the site and figures for the build summary.
#[derive(Debug)]
pub struct SearchIndex {
    /// The index and Pagefind's scripts, all under `pagefind/`, sorted by path.
    pub files: Vec<OutputFile>,
    /// Figures for the build summary.
    pub stats: SearchStats,
}

/// Figures about the search index, shown in the build summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SearchStats {
    /// Pages in the index.
    pub pages: usize,
    /// Files written under `pagefind/`.
    pub files: usize,
    /// Their total size in bytes (what a host stores, not what a reader downloads: a query
    /// fetches only a few of them).
    pub bytes: u64,
    /// Time spent indexing.
    pub elapsed: Duration,
}

/// Builds the search index of the rendered site `files`.
///
/// Pagefind's API is async, but indexing is CPU work with nothing to wait for, so a
/// current-thread Tokio runtime drives it on this thread (Pagefind itself parallelises
/// building the index with rayon).
pub fn index(config: &Config, files: &[OutputFile]) -> Result<SearchIndex> {
    let start = Instant::now();
    let pages = searchable_pages(files);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(Error::io("cannot start the search indexer for", DIR))?;
    let bundle = runtime.block_on(run_pagefind(config, &pages))?;

    let mut out: Vec<OutputFile> = bundle
        .into_iter()
        .filter_map(|f| {
            let name = f.filename.to_string_lossy().replace('\\', "/");
            (!UNUSED_FILES.contains(&name.as_str())).then(|| OutputFile {
                path: format!("{DIR}/{name}"),
                bytes: f.contents,
            })
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    let stats = SearchStats {
        pages: indexed_pages(&out),
        files: out.len(),
        bytes: out.iter().map(|f| f.bytes.len() as u64).sum(),
        elapsed: start.elapsed(),
    };
    Ok(SearchIndex { files: out, stats })
}

/// The number of pages in the index, from `pagefind-entry.json`: Pagefind leaves out a page
/// with no words, so it can be fewer than the pages fed to it.
fn indexed_pages(files: &[OutputFile]) -> usize {
    #[derive(serde::Deserialize)]
    struct Entry {
        languages: std::collections::BTreeMap<String, Language>,
    }
    #[derive(serde::Deserialize)]
    struct Language {
        page_count: usize,
    }
    files
        .iter()
        .find(|f| f.path == format!("{DIR}/pagefind-entry.json"))
        .and_then(|f| serde_json::from_slice::<Entry>(&f.bytes).ok())
        .map_or(0, |e| e.languages.values().map(|l| l.page_count).sum())
}

/// A page to index: its output path (for errors), site address and HTML.
struct SearchPage<'a> {
    path: &'a str,
    url: String,
    html: &'a str,
}

/// The HTML pages that carry [`BODY_MARKER`], in path order.
///
/// Pagefind would skip unmarked pages itself once one page is marked, but only after parsing
/// them; filtering here saves that work. A theme that marks no page at all gets Pagefind's own
/// default instead, the whole `<body>` of every HTML page but the 404 page and pages that ask
/// search engines not to index them (redirects, the search page).
fn searchable_pages(files: &[OutputFile]) -> Vec<SearchPage<'_>> {
    let html: Vec<(&OutputFile, &str)> = files
        .iter()
        .filter(|f| f.path.ends_with(".html") && f.path != "404.html")
        .filter(|f| !f.path.strip_prefix(DIR).is_some_and(|r| r.starts_with('/')))
        .filter_map(|f| std::str::from_utf8(&f.bytes).ok().map(|s| (f, s)))
        .collect();
    let any_marked = html.iter().any(|(_, s)| s.contains(BODY_MARKER));
    let mut pages: Vec<SearchPage> = html
        .into_iter()
        .filter(|(_, s)| {
            if any_marked {
                s.contains(BODY_MARKER)
            } else {
                !s.contains(r#"content="noindex""#)
            }
        })
        .map(|(f, s)| SearchPage {
            path: &f.path,
            url: page_url(&f.path),
            html: s,
        })
        .collect();
    pages.sort_by(|a, b| a.path.cmp(b.path));
    pages
}

/// The site address of an output file, as search results link to it: `a/index.html` → `/a/`,
/// `a.html` → `/a.html`. Percent-encoded like permalinks; Pagefind adds the site's base.
fn page_url(path: &str) -> String {
    let url = match path.strip_suffix("index.html") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => dir,
        _ => path,
    };
    format!("/{}", urls::encode_path(url))
}

/// Turns a Pagefind error about `path` into an [`Error`] naming it.
fn fail<E: std::fmt::Display>(path: &str) -> impl FnOnce(E) -> Error {
    let path = path.to_owned();
    move |e| Error::io("cannot index for search", path)(std::io::Error::other(format!("{e:#}")))
}

/// Feeds the pages to Pagefind and returns its files (paths relative to the bundle folder).
async fn run_pagefind(
    config: &Config,
    pages: &[SearchPage<'_>],
) -> Result<Vec<pagefind::api::SyntheticFile>> {
    // Pagefind reads the working folder when it starts and panics if there is none; report that
    // as an error instead.
    std::env::current_dir().map_err(Error::io("cannot read the working folder", "."))?;
    let options = PagefindServiceConfig::builder()
        // One language for the whole site, from `site.yaml`: it picks the stemmer, and keeps a
        // page whose template forgot `lang` in the same index.
        .force_language(config.language.to_lowercase())
        .build();
    let mut index = PagefindIndex::new(Some(options)).map_err(fail(DIR))?;
    for page in pages {
        index
            .add_html_file(None, Some(page.url.clone()), page.html.to_owned())
            .await
            .map_err(fail(page.path))?;
    }
    index.get_files().await.map_err(fail(DIR))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls_mirror_output_paths() {
        assert_eq!(page_url("index.html"), "/");
        assert_eq!(page_url("a/b/index.html"), "/a/b/");
        assert_eq!(page_url("old.html"), "/old.html");
        assert_eq!(page_url("a/notindex.html"), "/a/notindex.html");
    }

    #[test]
    fn only_marked_pages_are_fed() {
        let files = vec![
            OutputFile::new("a/index.html".into(), "<p data-pagefind-body>x</p>".into()),
            OutputFile::new("topics/index.html".into(), "<p>list</p>".into()),
            OutputFile::new("404.html".into(), "<p data-pagefind-body>x</p>".into()),
            OutputFile::new("style.css".into(), "data-pagefind-body".into()),
        ];
        let pages = searchable_pages(&files);
        let paths: Vec<&str> = pages.iter().map(|p| p.path).collect();
        assert_eq!(paths, ["a/index.html"]);
    }

    #[test]
    fn unmarked_themes_index_every_page_but_404_and_noindex() {
        let files = vec![
            OutputFile::new("b/index.html".into(), "<p>b</p>".into()),
            OutputFile::new("a/index.html".into(), "<p>a</p>".into()),
            OutputFile::new("404.html".into(), "<p>gone</p>".into()),
            OutputFile::new(
                "old/index.html".into(),
                r#"<meta name="robots" content="noindex"><p>moved</p>"#.into(),
            ),
        ];
        let paths: Vec<String> = searchable_pages(&files)
            .iter()
            .map(|p| p.url.clone())
            .collect();
        assert_eq!(paths, ["/a/", "/b/"]);
    }
}
