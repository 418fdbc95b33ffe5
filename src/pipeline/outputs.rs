//! The outputs beside the rendered pages, made from an analysed site: the processed images
//! (from the image cache) and each language's search index. Apart from `mod.rs` because they
//! are the same for `build` and `serve` and need only the finished analysis.

use rayon::prelude::*;

use super::Built;
use crate::error::Result;
use crate::output::{self, OutputFile, Sink};
use crate::search::{self, SearchIndex, SearchStats};

/// The files of the images the pages show, by output path. Every image processed in a build is
/// shown; in `serve`, one that an edited page no longer shows is left out.
pub(crate) fn image_files(built: &Built) -> Vec<crate::images::Published<'_>> {
    (built.images).files_shown(built.bodies.iter().flat_map(|b| &b.images))
}

/// The files of every image shown into `sink`, read from the cache in parallel.
pub(super) fn images_into(built: &Built, sink: &Sink<'_>) -> Result<()> {
    let images = &built.images;
    image_files(built).par_iter().try_for_each(|f| {
        let bytes = images
            .read(f)
            .map_err(crate::error::Error::io("cannot read", images.cache_dir()))?;
        sink(OutputFile {
            path: f.path.to_owned(),
            bytes,
        })
    })
}

/// The files of every processed image copied from the cache into the output by `writer`, in
/// parallel, without reading them here; a file whose length is not what the cache's index
/// says is an error, never published.
pub(super) fn images_copied(built: &Built, writer: &output::Writer) -> Result<()> {
    let images = &built.images;
    image_files(built).par_iter().try_for_each(|f| {
        let (from, len) = images.cached_file(f);
        match writer.copy(f.path, &from)? {
            Some(copied) if copied != len => Err(crate::error::Error::io("cannot copy", &from)(
                std::io::Error::other(format!(
                    "the file has {copied} bytes where the image cache's index says {len}: it changed during the build; build again"
                )),
            )),
            _ => Ok(()),
        }
    })
}

/// The search index of an analysed site (whether or not `search.enabled` is on).
pub(crate) fn search_index(built: &Built) -> SearchIndex {
    let mut files = Vec::new();
    for lang in 0..built.config.languages.len() {
        files.extend(search::index(&search_input(built, lang)).files);
    }
    SearchIndex { files }
}

/// Every language's search index into `sink`, with the figures of them all.
pub(super) fn search_into(built: &Built, sink: &Sink<'_>) -> Result<SearchStats> {
    let mut total = SearchStats::default();
    for lang in 0..built.config.languages.len() {
        let s = search::index_into(&search_input(built, lang), sink)?;
        total.pages += s.pages;
        total.files += s.files;
        total.bytes += s.bytes;
        total.elapsed += s.elapsed;
    }
    Ok(total)
}

fn search_input(built: &Built, lang: usize) -> search::Input<'_> {
    search::Input {
        config: &built.config,
        pages: &built.site.pages,
        rendered: &built.bodies,
        glossary: &built.glossaries[lang],
        lang,
    }
}
