//! The memo of source images' content hashes: `.medleaf-cache/images/sources` records each
//! source's size and modification time next to the hash of its bytes, so a build with
//! unchanged images finds their cache entries from `stat` alone, without reading or hashing
//! a single source (issue 13: reading and hashing 27 MB of photos made a second build 2.8 ×
//! the same site without them).
//!
//! A file whose size or modification time changed is read and hashed again, as is any file
//! not in the memo. The memo records a file only when its modification time is at least
//! [`SETTLED`] before the moment it was read: a file changed again within the same tick of
//! the file system's clock keeps its modification time, so a younger file might change
//! unseen (the "racy" case Git's index handles the same way). Such a file is simply hashed
//! again by the next build, which records it then.
//!
//! The memo is one small text file, read once when the image table is made and written
//! (to a temporary file renamed into place) once the pages have asked for their images.

use std::collections::BTreeMap;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How much older than the moment it was read a file must be for the memo to vouch for it.
/// Two seconds covers the coarsest common file system clock (FAT's).
pub(crate) const SETTLED: Duration = Duration::from_secs(2);

/// The first line of the memo file; a file with another first line is ignored.
const HEADER: &str = "medleaf-image-sources 1";

/// What the memo knows about one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Record {
    size: u64,
    /// Nanoseconds since 1970 (negative before).
    modified: i128,
    hash: u128,
}

/// The memo: what the last build recorded, and what this one has seen.
#[derive(Debug)]
pub(crate) struct Sources {
    /// The memo file; `None` keeps nothing (`--no-cache`).
    file: Option<PathBuf>,
    known: BTreeMap<String, Record>,
    seen: Mutex<BTreeMap<String, Record>>,
}

impl Sources {
    /// The memo in `file` (nothing yet when it is missing or unreadable); `None` for a build
    /// that must neither trust nor leave a memo.
    pub(crate) fn load(file: Option<PathBuf>) -> Sources {
        let known = file
            .as_deref()
            .and_then(|f| std::fs::read_to_string(f).ok())
            .map(|text| parse(&text))
            .unwrap_or_default();
        Sources {
            file,
            known,
            seen: Mutex::new(BTreeMap::new()),
        }
    }

    /// The content hash recorded for source `rel` if the file still has the size and
    /// modification time it had then.
    pub(crate) fn hash(&self, rel: &str, meta: &Metadata) -> Option<u128> {
        let record = self.known.get(rel)?;
        let (size, modified) = stamp(meta)?;
        if record.size != size || record.modified != modified {
            return None;
        }
        self.remember(rel, *record);
        Some(record.hash)
    }

    /// Records the hash of source `rel`, whose bytes were read at `read_at` when its metadata
    /// was `meta`, unless the file is too young to vouch for (see the module documentation).
    pub(crate) fn record(&self, rel: &str, meta: &Metadata, hash: u128, read_at: SystemTime) {
        let Some((size, modified)) = stamp(meta) else {
            return;
        };
        let settled = read_at
            .checked_sub(SETTLED)
            .map(nanos)
            .is_some_and(|limit| modified < limit);
        if settled {
            self.remember(
                rel,
                Record {
                    size,
                    modified,
                    hash,
                },
            );
        }
    }

    fn remember(&self, rel: &str, record: Record) {
        self.seen
            .lock()
            .expect("no panics while holding the lock")
            .insert(rel.to_owned(), record);
    }

    /// Writes the memo of the sources this build has seen, when it differs from the one read.
    /// A memo that cannot be written costs the next build time, nothing else, so errors are
    /// ignored.
    pub(crate) fn save(&self) {
        let Some(file) = &self.file else { return };
        let seen = self.seen.lock().expect("no panics while holding the lock");
        if *seen == self.known {
            return;
        }
        let mut text = format!("{HEADER}\n");
        for (rel, r) in seen.iter() {
            text.push_str(&format!(
                "{:032x} {} {} {rel}\n",
                r.hash, r.size, r.modified
            ));
        }
        let _ = write_replacing(file, &text);
    }
}

/// Writes `text` to a temporary file beside `file` and renames it into place, so a reader
/// sees the old memo or the new one, never half of one.
fn write_replacing(file: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temp = file.with_extension(format!("tmp-{}", std::process::id()));
    std::fs::write(&temp, text)?;
    std::fs::rename(&temp, file).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

/// A file's size and modification time (nanoseconds since 1970).
fn stamp(meta: &Metadata) -> Option<(u64, i128)> {
    let modified = meta.modified().ok()?;
    Some((meta.len(), nanos(modified)))
}

fn nanos(t: SystemTime) -> i128 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

fn parse(text: &str) -> BTreeMap<String, Record> {
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return BTreeMap::new();
    }
    lines
        .filter_map(|line| {
            let mut parts = line.splitn(4, ' ');
            let hash = u128::from_str_radix(parts.next()?, 16).ok()?;
            let size = parts.next()?.parse().ok()?;
            let modified = parts.next()?.parse().ok()?;
            let rel = parts.next()?.to_owned();
            Some((
                rel,
                Record {
                    size,
                    modified,
                    hash,
                },
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_settled_file_is_vouched_for_until_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let photo = dir.path().join("photo.jpg");
        std::fs::write(&photo, b"pixels").unwrap();
        let old = SystemTime::now() - Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&photo)
            .unwrap()
            .set_modified(old)
            .unwrap();
        let memo = dir.path().join("sources");
        let meta = std::fs::metadata(&photo).unwrap();

        let first = Sources::load(Some(memo.clone()));
        assert_eq!(first.hash("photo.jpg", &meta), None);
        first.record("photo.jpg", &meta, 42, SystemTime::now());
        first.save();

        let second = Sources::load(Some(memo.clone()));
        assert_eq!(second.hash("photo.jpg", &meta), Some(42));
        // Same size, later time: read again.
        std::fs::write(&photo, b"pixelz").unwrap();
        let changed = std::fs::metadata(&photo).unwrap();
        assert_eq!(second.hash("photo.jpg", &changed), None);
        // A file read the moment it was written is not recorded.
        second.record("photo.jpg", &changed, 43, SystemTime::now());
        second.save();
        assert_eq!(Sources::load(Some(memo)).hash("photo.jpg", &changed), None);
    }
}
