//! The cache of processed images: `.medleaf-cache/images/` in the site folder (or a temporary
//! folder with `--no-cache`), so a build with unchanged images decodes and encodes nothing.
//!
//! An entry is a folder named by a hash of the source's bytes and the settings that shape the
//! output (widths, quality, this module's version): changing either makes a new entry. It
//! holds one file per variant and an `index` listing them with their sizes and checksums.
//! Entries are written to a temporary folder and renamed into place, so a reader never sees
//! half an entry. The cache is never inside the output folder.
//!
//! Finding an entry costs a `stat` of each file, not a read (issue 13: reading every variant
//! twice made a second build 2.8 × the same site without images): an entry is whole when each
//! file has the size its index records and was not modified after the index was written (a
//! variant is written before its index, so a later time means a crash mid-write was followed
//! by a hand edit, or a tool changed the file). An entry that is not whole is ignored and
//! rebuilt, never published; copying a variant checks the length copied again. What this does
//! not notice is a change that keeps both the length and the modification time (a disk that
//! flips bits); [`Cache::read`], which `serve` uses, checks the checksum as well.

use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use siphasher::sip128::{Hasher128, SipHasher13};

use super::raster::{Format, Processed};

/// The folder in the site root holding medleaf's caches.
pub(crate) const CACHE_DIR: &str = ".medleaf-cache";

/// Bumped whenever processing changes what it makes from the same input.
const VERSION: &str = "medleaf-images 2";

/// One variant as the cache's index records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stored {
    /// Its format.
    pub(crate) format: Format,
    /// Its width.
    pub(crate) width: u32,
    /// Its height.
    pub(crate) height: u32,
    /// Its size in bytes.
    pub(crate) len: u64,
    /// A checksum of its bytes.
    pub(crate) sum: u64,
}

impl Stored {
    /// The variant's file name inside its entry.
    pub(crate) fn file_name(&self) -> String {
        format!("{}.{}", self.width, self.format.ext())
    }
}

/// A cache entry: the upright size of the source and its variants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The entry's folder.
    pub(crate) dir: PathBuf,
    /// The source's width, upright.
    pub(crate) width: u32,
    /// The source's height, upright.
    pub(crate) height: u32,
    /// The variants, in the order processing made them.
    pub(crate) variants: Vec<Stored>,
    /// What processing warned about (colours it could not convert), one line each, kept so
    /// that a build taking the image from the cache warns as the one that made it did.
    pub(crate) warnings: Vec<String>,
}

/// The cache folder.
#[derive(Debug)]
pub(crate) struct Cache {
    dir: PathBuf,
    /// A folder of this run only (`--no-cache`), removed when the cache is dropped.
    temporary: bool,
}

static TEMPORARY: AtomicUsize = AtomicUsize::new(0);

impl Cache {
    /// The site's cache: `<root>/.medleaf-cache/images`.
    pub(crate) fn in_site(root: &Path) -> Cache {
        Cache {
            dir: root.join(CACHE_DIR).join("images"),
            temporary: false,
        }
    }

    /// A cache for this run only (`--no-cache`): nothing is read from the site's cache and
    /// nothing is left behind.
    pub(crate) fn temporary() -> Cache {
        let n = TEMPORARY.fetch_add(1, Ordering::Relaxed);
        Cache {
            dir: std::env::temp_dir().join(format!("medleaf-images-{}-{n}", std::process::id())),
            temporary: true,
        }
    }

    /// The cache's folder.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Removes a temporary cache's folder (a site's cache stays).
    pub(crate) fn remove_temporary(&self) {
        if self.temporary {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    /// The hash of a source's bytes, which (with the settings) names its entry; the memo of
    /// [`super::sources`] keeps it so that an unchanged source need not be read again.
    pub(crate) fn content_hash(source: &[u8]) -> u128 {
        let mut h = SipHasher13::new();
        h.write(source);
        h.finish128().as_u128()
    }

    /// The entry key for a source's content hash and the settings.
    pub(crate) fn key(content_hash: u128, widths: &[u32], quality: u8) -> String {
        let mut h = SipHasher13::new();
        h.write(VERSION.as_bytes());
        h.write(format!("{widths:?} q{quality}").as_bytes());
        h.write(&content_hash.to_le_bytes());
        format!("{:032x}", h.finish128().as_u128())
    }

    /// The entry for `key`, if it is there and whole: every file listed, with its size, and
    /// none modified after the index (see the module documentation).
    pub(crate) fn load(&self, key: &str) -> Option<Entry> {
        let dir = self.dir.join(key);
        let index_path = dir.join("index");
        let index = std::fs::read_to_string(&index_path).ok()?;
        let written = std::fs::metadata(&index_path).ok()?.modified().ok()?;
        let entry = parse_index(&index, dir)?;
        for v in &entry.variants {
            let meta = std::fs::metadata(entry.dir.join(v.file_name())).ok()?;
            if meta.len() != v.len || meta.modified().ok()? > written {
                return None;
            }
        }
        Some(entry)
    }

    /// Where a variant's file is, to copy it into the output without reading it here.
    pub(crate) fn file(entry: &Entry, v: &Stored) -> PathBuf {
        entry.dir.join(v.file_name())
    }

    /// Stores a processed image under `key` and returns its entry. Written to a temporary
    /// folder, then renamed into place; when another build stored the same entry meanwhile,
    /// theirs is kept (it holds the same bytes).
    pub(crate) fn store(&self, key: &str, processed: &Processed) -> std::io::Result<Entry> {
        let dir = self.dir.join(key);
        let temp = self.dir.join(format!(
            ".tmp-{key}-{}-{}",
            std::process::id(),
            TEMPORARY.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&temp)?;
        let mut variants = Vec::with_capacity(processed.variants.len());
        for v in &processed.variants {
            let stored = Stored {
                format: v.format,
                width: v.width,
                height: v.height,
                len: v.bytes.len() as u64,
                sum: checksum(&v.bytes),
            };
            std::fs::write(temp.join(stored.file_name()), &v.bytes)?;
            variants.push(stored);
        }
        let entry = Entry {
            dir: dir.clone(),
            width: processed.width,
            height: processed.height,
            variants,
            warnings: processed
                .warnings
                .iter()
                .map(|w| w.replace('\n', " "))
                .collect(),
        };
        std::fs::write(temp.join("index"), index_text(&entry))?;
        if dir.exists() {
            // A corrupt entry in the way, or one another build just wrote.
            let _ = std::fs::remove_dir_all(&dir);
        }
        if std::fs::rename(&temp, &dir).is_err() {
            let _ = std::fs::remove_dir_all(&temp);
        }
        Ok(entry)
    }

    /// Reads a variant's bytes, checked against the index (a file changed since the entry was
    /// loaded is an error, never published).
    pub(crate) fn read(&self, entry: &Entry, v: &Stored) -> std::io::Result<Vec<u8>> {
        let path = entry.dir.join(v.file_name());
        let bytes = std::fs::read(&path)?;
        if bytes.len() as u64 != v.len || checksum(&bytes) != v.sum {
            return Err(std::io::Error::other(format!(
                "`{}` changed during the build",
                path.display()
            )));
        }
        Ok(bytes)
    }
}

impl Drop for Cache {
    fn drop(&mut self) {
        self.remove_temporary();
    }
}

/// The image cache must not be inside the output folder (a build would publish it, and the
/// next would remove it), nor the output inside the cache.
pub(crate) fn check_outside(root: &Path, output: &Path) -> crate::error::Result<()> {
    let cache = root.join(CACHE_DIR);
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (cache, output) = (abs(&cache), abs(output));
    if cache.starts_with(&output) || output.starts_with(&cache) {
        return Err(crate::error::Error::Usage(format!(
            "the output folder `{}` cannot hold medleaf's image cache `{}` or be inside it: choose another output folder",
            output.display(),
            cache.display()
        )));
    }
    Ok(())
}

/// A checksum of a variant's bytes.
fn checksum(bytes: &[u8]) -> u64 {
    let mut h = SipHasher13::new();
    h.write(bytes);
    h.finish()
}

fn index_text(entry: &Entry) -> String {
    let mut s = format!("{VERSION}\nsize {} {}\n", entry.width, entry.height);
    for v in &entry.variants {
        s.push_str(&format!(
            "variant {} {} {} {} {:016x}\n",
            v.format.ext(),
            v.width,
            v.height,
            v.len,
            v.sum
        ));
    }
    for w in &entry.warnings {
        s.push_str(&format!("warning {w}\n"));
    }
    s
}

fn parse_index(text: &str, dir: PathBuf) -> Option<Entry> {
    let mut lines = text.lines();
    if lines.next()? != VERSION {
        return None;
    }
    let size: Vec<u32> = lines
        .next()?
        .strip_prefix("size ")?
        .split(' ')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    let [width, height] = size[..] else {
        return None;
    };
    let mut variants = Vec::new();
    let mut warnings = Vec::new();
    for line in lines {
        if let Some(w) = line.strip_prefix("warning ") {
            warnings.push(w.to_owned());
            continue;
        }
        let parts: Vec<&str> = line.strip_prefix("variant ")?.split(' ').collect();
        let [ext, w, h, len, sum] = parts[..] else {
            return None;
        };
        variants.push(Stored {
            format: Format::from_ext(ext)?,
            width: w.parse().ok()?,
            height: h.parse().ok()?,
            len: len.parse().ok()?,
            sum: u64::from_str_radix(sum, 16).ok()?,
        });
    }
    (!variants.is_empty()).then_some(Entry {
        dir,
        width,
        height,
        variants,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::raster::Encoded;

    #[test]
    fn an_entry_round_trips_and_a_damaged_one_is_ignored() {
        let root = std::env::temp_dir().join(format!("medleaf-cache-test-{}", std::process::id()));
        let cache = Cache::in_site(&root);
        let processed = Processed {
            width: 10,
            height: 5,
            variants: vec![Encoded {
                format: Format::Png,
                width: 10,
                height: 5,
                bytes: b"pixels".to_vec(),
            }],
            warnings: vec!["colours may shift".to_owned()],
        };
        let hash = Cache::content_hash(b"source");
        assert_ne!(hash, Cache::content_hash(b"sourcf"));
        let key = Cache::key(hash, &[480], 78);
        assert_ne!(key, Cache::key(hash, &[480], 79));
        assert_eq!(cache.load(&key), None);
        let stored = cache.store(&key, &processed).unwrap();
        assert_eq!(cache.load(&key), Some(stored.clone()));
        let variant = &stored.variants[0];
        assert_eq!(cache.read(&stored, variant).unwrap(), b"pixels");
        // Another length: found by its size.
        let file = stored.dir.join("10.png");
        std::fs::write(&file, b"pixel").unwrap();
        assert_eq!(cache.load(&key), None);
        // The same length, written after the index: found by its time.
        std::fs::write(&file, b"pixelz").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(60))
            .unwrap();
        assert_eq!(cache.load(&key), None);
        // Reading checks the checksum too.
        assert!(cache.read(&stored, variant).is_err());
        let _ = std::fs::remove_dir_all(&root);
    }
}
