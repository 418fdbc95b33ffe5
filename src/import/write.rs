//! Where `medleaf import` may write, and the writing itself.
//!
//! DEST must be new or empty, and neither inside the source site nor holding it: the source is
//! never changed, and nothing is overwritten. Every file is first collected in [`Files`] (its
//! path checked to stay inside DEST), and only written once the whole site converted.

use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};

/// Checks the two folders; returns DEST as an absolute path.
pub(super) fn check_folders(src: &Path, dest: &Path) -> Result<PathBuf> {
    if !src.join("content").is_dir() {
        return Err(Error::Usage(format!(
            "`{}` has no `content/` folder; give the folder of the site to import (the one holding `content/`)",
            src.display()
        )));
    }
    let real_src = src.canonicalize().map_err(Error::io("cannot read", src))?;
    let dest_abs = crate::fsutil::absolute(dest).map_err(Error::io("cannot read", dest))?;
    if dest_abs.starts_with(&real_src) || real_src.starts_with(&dest_abs) {
        return Err(Error::Usage(format!(
            "`{}` is inside the site being imported (or holds it); choose a folder outside `{}`, so the old site stays as it is",
            dest.display(),
            src.display()
        )));
    }
    if dest_abs.exists() {
        if !dest_abs.is_dir() {
            return Err(Error::Usage(format!(
                "`{}` is a file, not a folder",
                dest.display()
            )));
        }
        let mut entries = std::fs::read_dir(&dest_abs).map_err(Error::io("cannot read", dest))?;
        if entries.next().is_some() {
            return Err(Error::Usage(format!(
                "`{}` is not empty; medleaf import writes only into a new or empty folder",
                dest.display()
            )));
        }
    }
    Ok(dest_abs)
}

/// What to write: texts and files to copy, by `/`-separated path inside DEST.
#[derive(Debug, Default)]
pub(super) struct Files {
    items: Vec<(String, Item)>,
}

#[derive(Debug)]
enum Item {
    Text(String),
    Copy(PathBuf),
}

impl Files {
    /// A file to write with this text.
    pub(super) fn text(&mut self, rel: String, text: String) {
        self.items.push((rel, Item::Text(text)));
    }

    /// A file to copy from `from`.
    pub(super) fn copy(&mut self, rel: String, from: PathBuf) {
        self.items.push((rel, Item::Copy(from)));
    }

    /// How many files are copied rather than written.
    pub(super) fn copies(&self) -> usize {
        self.items
            .iter()
            .filter(|(_, i)| matches!(i, Item::Copy(_)))
            .count()
    }

    /// Writes everything into `dest` (new files only); returns the paths written, sorted.
    pub(super) fn write_all(mut self, dest: &Path) -> Result<Vec<String>> {
        self.items.sort_by(|a, b| a.0.cmp(&b.0));
        std::fs::create_dir_all(dest).map_err(Error::io("cannot create", dest))?;
        let mut written = Vec::new();
        for (rel, item) in self.items {
            let path = inside(dest, &rel)?;
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(Error::io("cannot create", parent))?;
            }
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .map_err(Error::io("cannot create", &path))?;
            match item {
                Item::Text(text) => std::io::Write::write_all(&mut file, text.as_bytes())
                    .map_err(Error::io("cannot write", &path))?,
                Item::Copy(from) => {
                    let mut source =
                        std::fs::File::open(&from).map_err(Error::io("cannot read", &from))?;
                    std::io::copy(&mut source, &mut file)
                        .map_err(Error::io("cannot write", &path))?;
                }
            }
            written.push(rel);
        }
        Ok(written)
    }
}

/// `rel` inside `dest`, refusing any part that would lead elsewhere (`..`, a root, a drive).
fn inside(dest: &Path, rel: &str) -> Result<PathBuf> {
    let rel_path = Path::new(rel);
    if rel.is_empty()
        || rel_path
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Err(Error::UnsafeOutput {
            path: dest.join(rel),
            reason: "the path leads outside the destination folder".to_owned(),
        });
    }
    Ok(dest.join(rel_path))
}
