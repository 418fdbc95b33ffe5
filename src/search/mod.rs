//! Offline site search (issue 5): medleaf's own chunked index, built from the analysed site.
//!
//! The index is made from the structured data the pipeline already has, never by parsing the
//! rendered HTML: for each article and plain page (not the disclaimer page, whose wording would
//! match many medical searches), its title, description, the condition's name and
//! `also_called` names, every name of the glossary terms whose `see` is the page, headings, and
//! body text section by section (`Rendered::prose` and `Rendered::table_text`), plus the other
//! names of the glossary terms it uses ("ANC" on a page that only says "absolute neutrophil
//! count"). Navigation, footers, sources, the review block, related and backlink lists, topic
//! lists and the disclaimer line are not in that data, so they cannot leak into the index.
//! Pages are numbered in order of their address (doc ids).
//!
//! A reader's browser downloads only what a query needs. Files, all under `search/` beside
//! the search page (`search/index.html`):
//!
//! - `manifest.json`: `{"version": 2, "lang": "en", "docs": N, "scale": S, "v": "<hash>",
//!   "chunks": ["<first term of chunk 0>", ...], "words": [["<first character>", <length>],
//!   ...]}`. `lang` names the text analysis ([`text::Lang::code`]: `en`, `es` or `other`), so
//!   the client turns a query into terms the way the index did. Terms are sorted by their UTF-8
//!   bytes and cut into chunks of about 32-64 kB; the first terms tell the client the one chunk
//!   that can hold a term. `v` changes whenever any index file changes: the client adds it to
//!   the other files' addresses (`?v=`), so a browser never mixes files of two builds.
//! - `terms/<i>.bin`, one chunk: a LEB128 varint term count; per term, the number of leading
//!   bytes shared with the previous term of the chunk, the number of bytes that follow, those
//!   bytes (UTF-8), the number of pages, and the byte length of its postings; then every term's
//!   postings, in term order. A posting is the page's doc id minus the previous posting's (the
//!   first is the doc id itself), as a varint, then one byte of score.
//! - `docs/<id>.json`, one per page, fetched only for the results shown: `{"url", "title",
//!   "description", "also", "explains", "sections": [{"id", "heading", "text"}]}`, for the
//!   result's title, excerpt and links to the matching sections' headings. The section before
//!   the first heading has no `id`; a section's paragraphs, list items and table rows are joined
//!   with line breaks.
//! - `words/<i>.bin`: the vocabulary for typo correction (the terms of three letters or more,
//!   letters only, each with a flag saying it names something and its page count), sorted by
//!   first character, length and term and cut into files of 4-8 kB; the manifest's `words` has
//!   the first character and length of each file's first term. Fetched only when a query word
//!   matches no term, and then only the files of its first character and nearby lengths (see
//!   [`typo`] for the format and the rules).
//!
//! The score byte already holds the ranking: BM25 on the body text (k1 = 1.2, b = 0.75, the
//! page's length in body terms against the average), plus fixed boosts for a term in the title,
//! the condition's names or the names of the glossary terms the page explains (8), in a heading
//! (2.5) or in the description (1.5), all times the term's idf. A query adds up its terms'
//! scores. Scores are kept on a log scale, `q = 255 × ln(1 + score) / ln(1 + scale)`, so small
//! and large scores keep the same relative precision (about 2%).
//!
//! Invariants: never touches the file system; the same site gives byte-identical files (pages
//! by address, terms sorted, parallel results collected in order); the text rules in
//! [`text`] are the browser's too (`static/search.js`).
//!
//! Cost: one pass over the text on every core (runs of pages, each with its own cache of word →
//! term, so a word is stemmed once per run), a merge by term, and the fragments written by
//! hand as JSON; all of it runs while the templates are rendered. On the 10,000-page benchmark
//! site (9 million words) that is about 0.5 s of CPU, and a build with search takes about 1.1
//! times as long as one without (README, "Search").

pub(crate) mod spanish;
pub(crate) mod spelling;
pub(crate) mod text;
pub mod typo;

mod docs;
mod postings;
mod varint;

use std::hash::Hasher;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::Page;
use crate::glossary::Glossary;
use crate::markdown::Body;
use crate::output::OutputFile;

/// The output folder of the index. The search page, `search/index.html`, lives there too.
pub(crate) const DIR: &str = "search";

/// The index format's version, in the manifest: `static/search.js` refuses any other. Version 2
/// (issue 18) added spelling folds to the terms, `lang` and the `words/` vocabulary.
pub(crate) const VERSION: u32 = 2;

/// Whether `path` (relative to the output folder) is one of the index's files: the manifest,
/// a chunk, a vocabulary file or a page fragment. The search page is not.
pub(crate) fn is_index_file(path: &str) -> bool {
    // `search/...` in the default language, `es/search/...` in another.
    let rest = path.strip_prefix("search/").or_else(|| {
        path.split_once('/').and_then(|(code, rest)| {
            rest.strip_prefix("search/")
                .filter(|_| crate::config::is_language_code(code))
        })
    });
    rest.is_some_and(|rest| {
        rest == "manifest.json"
            || ((rest.starts_with("terms/")
                || rest.starts_with("docs/")
                || rest.starts_with("words/"))
                && !rest.ends_with(".html"))
    })
}

/// What the index is made from: the analysed site.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Input<'a> {
    /// The settings (language, disclaimer page).
    pub config: &'a Config,
    /// Every page.
    pub pages: &'a [Page],
    /// Each page's rendered body, in the same order.
    pub rendered: &'a [Body],
    /// The language's glossary, for the names of the terms each page explains or uses.
    pub glossary: &'a Glossary,
    /// The language indexed: each language has its own index, under its prefix
    /// (`search/`, `es/search/`), with its own text rules.
    pub lang: usize,
}

/// What indexing made: the files to add to the site and figures for the build summary.
#[derive(Debug)]
pub(crate) struct SearchIndex {
    /// The index files, all under `search/`, sorted by path.
    pub files: Vec<OutputFile>,
}

/// Figures about the search index, shown in the build summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SearchStats {
    /// Pages in the index.
    pub pages: usize,
    /// Files written under `search/`.
    pub files: usize,
    /// Their total size in bytes (what a host stores, not what a reader downloads: a query
    /// fetches only a few of them).
    pub bytes: u64,
    /// Time spent indexing.
    pub elapsed: Duration,
}

/// The manifest, as written to `search/manifest.json`.
#[derive(serde::Serialize)]
struct Manifest<'a> {
    version: u32,
    lang: &'static str,
    docs: usize,
    scale: f64,
    v: String,
    chunks: Vec<&'a str>,
    words: Vec<(&'a str, usize)>,
}

/// Builds the search index of the site, as a list of files sorted by path.
pub(crate) fn index(input: &Input<'_>) -> SearchIndex {
    let (files, _) = crate::output::collect(|sink| index_into(input, sink))
        .expect("collecting into memory cannot fail");
    SearchIndex { files }
}

/// Builds the search index of the site, handing each file to `sink` as soon as it is made:
/// the per-page fragments (most of the index's bytes) are never all held in memory. Fails only
/// when `sink` does.
pub(crate) fn index_into(
    input: &Input<'_>,
    sink: &crate::output::Sink<'_>,
) -> crate::error::Result<SearchStats> {
    let start = Instant::now();
    let language = input.config.lang(input.lang);
    let lang = text::Lang::from_tag(&language.tag);
    let dir = format!("{}{DIR}", language.prefix.trim_start_matches('/'));
    let docs = docs::select(input);
    let (fragments, terms) = rayon::join(
        || {
            docs.par_iter()
                .enumerate()
                .map(|(id, d)| {
                    let bytes = docs::fragment(d);
                    let mut h = rustc_hash::FxHasher::default();
                    h.write(&bytes);
                    let (len, hash) = (bytes.len() as u64, h.finish());
                    sink(OutputFile {
                        path: format!("{dir}/docs/{id}.json"),
                        bytes,
                    })?;
                    Ok((len, hash))
                })
                .collect::<crate::error::Result<Vec<_>>>()
        },
        || postings::build(&docs, lang),
    );
    let fragments = fragments?;

    // The version stamp covers every file, so a reader never mixes files of two builds.
    let mut hash = rustc_hash::FxHasher::default();
    let words = typo::files(terms.words);
    for chunk in &terms.chunks {
        hash.write(&chunk.bytes);
    }
    for file in &words {
        hash.write(&file.bytes);
    }
    for (_, h) in &fragments {
        hash.write_u64(*h);
    }
    let manifest = Manifest {
        version: VERSION,
        lang: lang.code(),
        docs: docs.len(),
        scale: terms.scale,
        v: format!("{:016x}", hash.finish()),
        chunks: terms.chunks.iter().map(|c| c.first.as_str()).collect(),
        words: words
            .iter()
            .map(|w| (w.first.0.as_str(), w.first.1))
            .collect(),
    };
    let manifest = serde_json::to_vec(&manifest).expect("the manifest serializes");
    let mut bytes: u64 = fragments.iter().map(|(len, _)| len).sum();
    let files = 1 + terms.chunks.len() + words.len() + fragments.len();
    bytes += manifest.len() as u64;
    sink(OutputFile {
        path: format!("{dir}/manifest.json"),
        bytes: manifest,
    })?;
    for (i, chunk) in terms.chunks.into_iter().enumerate() {
        bytes += chunk.bytes.len() as u64;
        sink(OutputFile {
            path: format!("{dir}/terms/{i}.bin"),
            bytes: chunk.bytes,
        })?;
    }
    for (i, file) in words.into_iter().enumerate() {
        bytes += file.bytes.len() as u64;
        sink(OutputFile {
            path: format!("{dir}/words/{i}.bin"),
            bytes: file.bytes,
        })?;
    }
    Ok(SearchStats {
        pages: docs.len(),
        files,
        bytes,
        elapsed: start.elapsed(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_files_are_told_from_the_search_page() {
        assert!(is_index_file("search/manifest.json"));
        assert!(is_index_file("search/terms/0.bin"));
        assert!(is_index_file("search/docs/12.json"));
        assert!(is_index_file("search/words/0.bin"));
        assert!(!is_index_file("search/index.html"));
        assert!(!is_index_file("search.js"));
        assert!(!is_index_file("search/docs/a/index.html"));
        assert!(!is_index_file("manifest.json"));
    }
}
