//! Stage: the images pages show, made fit for phones and safe to publish.
//!
//! [`Images`] is a table of every image file the site has (JPEG, PNG, WebP, SVG, GIF in
//! `content/` or `static/`), made before Markdown. Nothing is read until a page uses an image:
//! the Markdown stage's [`figures`](crate::markdown) pass asks the table, and the first page
//! that asks processes the image, on whichever worker renders that page, so images are
//! processed on all cores alongside the pages, each once, one decode per worker at a time.
//! A raster image becomes a set of widths ([`raster`]) stored in the cache ([`cache`]), found
//! there again without reading the source when the memo of [`sources`] vouches for it; the
//! render stage links or copies the variants from the cache into the output
//! ([`Images::files`]). The source file of a processed image is not published as it is (it
//! may carry GPS data): its address serves the widest variant in its own format instead. A
//! JPEG, PNG or WebP file no page shows is copied without its metadata ([`strip`]). SVG
//! ([`svg`]) and GIF ([`gif`]) files are checked and published unchanged.
//!
//! The table's answers depend on the file's bytes and the settings only, so output is the
//! same whichever page asks first.

pub(crate) mod cache;
mod gif;
pub(crate) mod raster;
mod sources;
pub(crate) mod strip;
mod svg;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use crate::config::ImageSettings;
use crate::content::Asset;
use cache::Cache;
pub(crate) use raster::Format;
use sources::Sources;

/// A source over this many bytes is a warning: it slows builds and fills repositories.
const MAX_SOURCE_BYTES: u64 = 5_000_000;
/// A source wider than this is a warning: no screen needs it.
const MAX_SOURCE_WIDTH: u32 = 4000;
/// An animated GIF over this many bytes is a warning: every reader downloads all of it.
const MAX_ANIMATION_BYTES: u64 = 1_000_000;

/// What kind of image a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Raster(Format),
    Svg,
    Gif,
}

impl Kind {
    fn of(path: &str) -> Option<Kind> {
        if let Some(f) = Format::from_path(path) {
            return Some(Kind::Raster(f));
        }
        match path.rsplit_once('.')?.1.to_ascii_lowercase().as_str() {
            "svg" => Some(Kind::Svg),
            "gif" => Some(Kind::Gif),
            _ => None,
        }
    }
}

/// Whether a file is an image medleaf processes or checks (by its extension).
pub(crate) fn is_image(path: &str) -> bool {
    Kind::of(path).is_some()
}

/// One image file of the site, processed the first time a page asks.
#[derive(Debug)]
struct Entry {
    rel: String,
    source: PathBuf,
    kind: Kind,
    done: OnceLock<Outcome>,
}

/// An image, or why it cannot be published.
pub(crate) type Outcome = std::result::Result<Arc<Image>, String>;

/// An image as pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Image {
    /// The source's output path (`images/cells.png`).
    pub(crate) rel: String,
    /// The media type of the source.
    pub(crate) mime: &'static str,
    /// Its width in pixels, upright (for SVG, from its `width` or `viewBox`).
    pub(crate) width: u32,
    /// Its height in pixels, upright.
    pub(crate) height: u32,
    /// The published widths (raster images only; SVG and GIF are published as they are), by
    /// width, the source's format before WebP at each width.
    pub(crate) variants: Vec<Variant>,
    /// Problems worth a warning (a source too large), in words.
    pub(crate) warnings: Vec<String>,
    /// Why colours may look different from the source (a colour profile that could not be
    /// converted to sRGB), in words.
    pub(crate) colour_warnings: Vec<String>,
    /// The cache entry holding the variants.
    entry: Option<cache::Entry>,
}

impl Image {
    /// The widest variant in the source's own format (raster images).
    pub(crate) fn widest(&self) -> Option<&Variant> {
        let own = self.variants.first()?.format;
        self.variants.iter().rev().find(|v| v.format == own)
    }

    /// The variants of one format, narrowest first.
    pub(crate) fn of_format(&self, format: Format) -> impl Iterator<Item = &Variant> {
        self.variants.iter().filter(move |v| v.format == format)
    }
}

/// One published width of a raster image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Variant {
    /// Its format.
    pub(crate) format: Format,
    /// Its width in pixels.
    pub(crate) width: u32,
    /// Its height in pixels.
    pub(crate) height: u32,
    /// Its output path (`images/cells-480w.webp`).
    pub(crate) path: String,
    /// Its size in bytes.
    pub(crate) bytes: u64,
    stored: cache::Stored,
}

/// One file a processed image publishes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Published<'a> {
    /// Its output path.
    pub(crate) path: &'a str,
    /// The output path of the image it is made from (`images/cells.png`).
    pub(crate) image: &'a str,
    entry: &'a cache::Entry,
    variant: &'a Variant,
}

/// How much image work a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImageStats {
    /// Images pages show (raster, SVG and GIF).
    pub images: usize,
    /// Raster images decoded and encoded in this run.
    pub encoded: usize,
    /// Raster images whose variants came from the cache.
    pub cached: usize,
    /// Raster source files read in this run (an unchanged source whose cache entry is whole
    /// is not read at all: its size and time vouch for it).
    pub read: usize,
}

/// The site's images. See the module documentation.
#[derive(Debug)]
pub(crate) struct Images {
    settings: ImageSettings,
    cache: Cache,
    /// The memo of the sources' content hashes.
    sources: Sources,
    /// By site address (`/images/cells.png`).
    entries: BTreeMap<String, Entry>,
    encoded: AtomicUsize,
    cached: AtomicUsize,
    read: AtomicUsize,
}

impl Default for Images {
    fn default() -> Self {
        Images::new(Path::new("."), &ImageSettings::default(), &[], false)
    }
}

impl Images {
    /// The table of the site's image files; `use_cache` false (`--no-cache`) processes every
    /// image afresh in a temporary folder.
    pub(crate) fn new(
        root: &Path,
        settings: &ImageSettings,
        assets: &[Asset],
        use_cache: bool,
    ) -> Images {
        let entries = assets
            .iter()
            .filter_map(|a| {
                let kind = Kind::of(&a.rel)?;
                Some((
                    format!("/{}", a.rel),
                    Entry {
                        rel: a.rel.clone(),
                        source: a.source.clone(),
                        kind,
                        done: OnceLock::new(),
                    },
                ))
            })
            .collect();
        let cache = if use_cache {
            Cache::in_site(root)
        } else {
            Cache::temporary()
        };
        Images {
            settings: settings.clone(),
            sources: Sources::load(use_cache.then(|| cache.dir().join("sources"))),
            cache,
            entries,
            encoded: AtomicUsize::new(0),
            cached: AtomicUsize::new(0),
            read: AtomicUsize::new(0),
        }
    }

    /// The settings images are published with.
    pub(crate) fn settings(&self) -> &ImageSettings {
        &self.settings
    }

    /// The cache folder.
    pub(crate) fn cache_dir(&self) -> &Path {
        self.cache.dir()
    }

    /// The image at site address `url` (`/images/cells.png`, decoded), processed on first use;
    /// `None` when the site has no image file there.
    pub(crate) fn get(&self, url: &str) -> Option<&Outcome> {
        let entry = self.entries.get(url)?;
        Some(entry.done.get_or_init(|| self.process(entry)))
    }

    /// How much work the images took, so far.
    pub(crate) fn stats(&self) -> ImageStats {
        ImageStats {
            images: self.used().count(),
            encoded: self.encoded.load(Ordering::Relaxed),
            cached: self.cached.load(Ordering::Relaxed),
            read: self.read.load(Ordering::Relaxed),
        }
    }

    /// Writes the memo of the sources' content hashes (once the pages have asked for their
    /// images), so the next build need not read unchanged sources.
    pub(crate) fn save_memo(&self) {
        self.sources.save();
    }

    /// The images pages used, by address.
    fn used(&self) -> impl Iterator<Item = &Image> {
        self.entries
            .values()
            .filter_map(|e| e.done.get().and_then(|o| o.as_deref().ok()))
    }

    /// The static files to copy as they are: all but the sources of processed images.
    pub(crate) fn published_assets(&self, assets: &[Asset]) -> Vec<Asset> {
        assets
            .iter()
            .filter(|a| {
                !self.entries.get(&format!("/{}", a.rel)).is_some_and(|e| {
                    matches!(e.kind, Kind::Raster(_))
                        && e.done.get().is_some_and(std::result::Result::is_ok)
                })
            })
            .cloned()
            .collect()
    }

    /// Every file the processed images publish, by output path: each variant, and at each
    /// source's own address its widest variant in its own format.
    pub(crate) fn files(&self) -> Vec<Published<'_>> {
        let mut out = Vec::new();
        for image in self.used() {
            let Some(entry) = &image.entry else { continue };
            let widest = image.widest().map(|v| &v.path);
            for v in &image.variants {
                if widest == Some(&v.path) {
                    out.push(Published {
                        path: &image.rel,
                        image: &image.rel,
                        entry,
                        variant: v,
                    });
                }
                out.push(Published {
                    path: &v.path,
                    image: &image.rel,
                    entry,
                    variant: v,
                });
            }
        }
        out
    }

    /// The files of the images whose output paths are among `shown` (in `serve`, an image
    /// processed for a page that no longer shows it is not among them).
    pub(crate) fn files_shown<'s>(
        &self,
        shown: impl IntoIterator<Item = &'s String>,
    ) -> Vec<Published<'_>> {
        let shown: std::collections::BTreeSet<&str> =
            shown.into_iter().map(String::as_str).collect();
        let mut files = self.files();
        files.retain(|f| shown.contains(f.image));
        files
    }

    /// A published file's bytes, read from the cache and checked against its index.
    pub(crate) fn read(&self, file: &Published<'_>) -> std::io::Result<Vec<u8>> {
        self.cache.read(file.entry, &file.variant.stored)
    }

    /// Where a published file is in the cache, and its length, to copy it into the output
    /// without reading it (the length copied is the check that it is still whole).
    pub(crate) fn cached_file(&self, file: &Published<'_>) -> (PathBuf, u64) {
        (
            Cache::file(file.entry, &file.variant.stored),
            file.variant.bytes,
        )
    }

    /// Removes a temporary cache (`--no-cache`) now rather than when the table is dropped.
    pub(crate) fn remove_temporary(&self) {
        self.cache.remove_temporary();
    }

    fn process(&self, e: &Entry) -> Outcome {
        let mut image = match e.kind {
            Kind::Raster(format) => self.process_raster(e, format)?,
            Kind::Svg => inspect(e, false)?,
            Kind::Gif => inspect(e, true)?,
        };
        if image.width > MAX_SOURCE_WIDTH && e.kind != Kind::Svg {
            image.warnings.push(format!(
                "the image is {} × {} pixels",
                image.width, image.height
            ));
        }
        Ok(Arc::new(image))
    }

    /// Finds a raster image's variants in the cache, or makes them. The source is read only
    /// when the memo cannot vouch for its content hash or its cache entry is missing.
    fn process_raster(&self, e: &Entry, format: Format) -> std::result::Result<Image, String> {
        let now = std::time::SystemTime::now();
        let meta = std::fs::metadata(&e.source)
            .map_err(|err| format!("the file cannot be read: {err}"))?;
        let mut warnings = Vec::new();
        if meta.len() > MAX_SOURCE_BYTES {
            warnings.push(format!("the file is {}", megabytes(meta.len())));
        }
        let mut bytes = None;
        let hash = match self.sources.hash(&e.rel, &meta) {
            Some(hash) => hash,
            None => {
                let read = self.read_raster(e)?;
                let hash = Cache::content_hash(&read);
                self.sources.record(&e.rel, &meta, hash, now);
                bytes = Some(read);
                hash
            }
        };
        let settings = &self.settings;
        let key = Cache::key(hash, &settings.widths, settings.quality);
        let entry = match self.cache.load(&key) {
            Some(entry) => {
                self.cached.fetch_add(1, Ordering::Relaxed);
                entry
            }
            None => {
                // Read now when the memo vouched for a hash whose entry is gone; the entry is
                // stored under the hash of the bytes read, whatever the memo said.
                let (bytes, key) = match bytes {
                    Some(b) => (b, key),
                    None => {
                        let b = self.read_raster(e)?;
                        let hash = Cache::content_hash(&b);
                        (b, Cache::key(hash, &settings.widths, settings.quality))
                    }
                };
                let processed = raster::process(&bytes, format, &settings.widths, settings.quality)
                    .map_err(|err| format!("the image cannot be read: {err}"))?;
                self.encoded.fetch_add(1, Ordering::Relaxed);
                self.cache.store(&key, &processed).map_err(|err| {
                    format!(
                        "the image cache `{}` cannot be written: {err}",
                        self.cache.dir().display()
                    )
                })?
            }
        };
        let (stem, _) = e.rel.rsplit_once('.').unwrap_or((&e.rel, ""));
        let variants = entry
            .variants
            .iter()
            .map(|s| Variant {
                format: s.format,
                width: s.width,
                height: s.height,
                path: format!("{stem}-{}w.{}", s.width, s.format.ext()),
                bytes: s.len,
                stored: s.clone(),
            })
            .collect();
        Ok(Image {
            rel: e.rel.clone(),
            mime: format.mime(),
            width: entry.width,
            height: entry.height,
            variants,
            warnings,
            colour_warnings: entry.warnings.clone(),
            entry: Some(entry),
        })
    }

    /// A raster source's bytes, counted.
    fn read_raster(&self, e: &Entry) -> std::result::Result<Vec<u8>, String> {
        self.read.fetch_add(1, Ordering::Relaxed);
        read_source(e)
    }
}

/// Checks an SVG file or (`gif`) a GIF file, published as it is.
fn inspect(e: &Entry, gif: bool) -> std::result::Result<Image, String> {
    let bytes = read_source(e)?;
    let size = bytes.len() as u64;
    let mut warnings = Vec::new();
    let (mime, width, height) = if gif {
        let (width, height, frames) =
            gif::inspect(&bytes).ok_or("the file is not a readable GIF")?;
        if frames > 1 && size > MAX_ANIMATION_BYTES {
            warnings.push(format!(
                "the animation is {} ({frames} frames)",
                megabytes(size)
            ));
        }
        ("image/gif", width, height)
    } else {
        if size > MAX_SOURCE_BYTES {
            warnings.push(format!("the file is {}", megabytes(size)));
        }
        let text =
            String::from_utf8(bytes).map_err(|_| "the SVG file is not UTF-8 text".to_owned())?;
        let (width, height) = svg::inspect(&text)?;
        ("image/svg+xml", width, height)
    };
    Ok(Image {
        rel: e.rel.clone(),
        mime,
        width,
        height,
        variants: Vec::new(),
        warnings,
        colour_warnings: Vec::new(),
        entry: None,
    })
}

fn read_source(e: &Entry) -> std::result::Result<Vec<u8>, String> {
    std::fs::read(&e.source).map_err(|err| format!("the file cannot be read: {err}"))
}

/// `6.2 MB`.
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}
