//! File-system rules shared by every stage that lists the site's files: the loader, the
//! template loader, the output writer and `serve`'s watcher all agree on what a site file is
//! and how its path is written.

use std::path::{Component, Path, PathBuf};

/// Whether a file or folder name is an editor's or the system's, not the author's: hidden
/// files (`.DS_Store`, `.git`), backups (`page.md~`) and Emacs autosaves (`#page.md#`). Such
/// files are never read as content, never copied and never trigger a rebuild.
pub(crate) fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('#') || name.ends_with('~')
}

/// `path` relative to `base`, `/`-separated on every platform (`conditions/leukemia.md`); the
/// whole path when it is not under `base`.
pub(crate) fn slash_path(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let mut out = String::new();
    for c in rel.components() {
        if let Component::Normal(name) = c {
            if !out.is_empty() {
                out.push('/');
            }
            out.push_str(&name.to_string_lossy());
        }
    }
    out
}

/// `path` made absolute and normalised without touching the file system beyond the current
/// folder (the output may not exist yet; symbolic links in existing parents are resolved).
pub(crate) fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    let cwd = std::env::current_dir()?;
    let joined = cwd.join(path);
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve symbolic links in the longest existing prefix.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(n) => rest.push(n.to_owned()),
            None => break,
        }
        if !existing.pop() {
            break;
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for n in rest.into_iter().rev() {
        resolved.push(n);
    }
    Ok(resolved)
}

/// What [`walk`] found in a folder of the site.
#[derive(Debug, Default)]
pub(crate) struct Walked {
    /// Every file, as (`/`-separated path relative to the folder, full path), sorted.
    pub files: Vec<(String, PathBuf)>,
    /// Symbolic links that lead outside the site folder and were not followed, as (the link's
    /// path, where it leads).
    pub outside: Vec<(PathBuf, PathBuf)>,
}

/// Every file under `dir` (a folder of the site at `root`), sorted, skipping hidden files and
/// editor leftovers. Symbolic links are followed while they lead somewhere inside the site
/// folder as it really is; one leading outside it (`static/` linked to a home folder, a page
/// linked to `/etc/passwd`) is not followed unless `follow_outside`, and is listed instead. A
/// link that leads nowhere, or into a folder it is in (a loop), is skipped.
pub(crate) fn walk(root: &Path, dir: &Path, follow_outside: bool) -> std::io::Result<Walked> {
    let real_root = root.canonicalize()?;
    let mut walked = Walked::default();
    let outside = std::cell::RefCell::new(Vec::new());
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && is_ignored_name(&e.file_name().to_string_lossy()) {
                return false;
            }
            if !e.path_is_symlink() || follow_outside {
                return true;
            }
            match e.path().canonicalize() {
                Ok(real) if real.starts_with(&real_root) => true,
                Ok(real) => {
                    outside.borrow_mut().push((e.path().to_path_buf(), real));
                    false
                }
                Err(_) => false,
            }
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) if e.loop_ancestor().is_some() => continue,
            Err(e) => {
                // A link that leads nowhere is not a file of the site.
                if e.path().is_some_and(|p| p.is_symlink() && !p.exists()) {
                    continue;
                }
                let path = e.path().unwrap_or(dir).to_path_buf();
                return Err(std::io::Error::other(format!("{}: {e}", path.display())));
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = slash_path(dir, entry.path());
        walked.files.push((rel, entry.path().to_path_buf()));
    }
    walked.outside = outside.into_inner();
    Ok(walked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_leftovers_are_ignored() {
        for name in [".DS_Store", ".git", "page.md~", "#page.md#"] {
            assert!(is_ignored_name(name), "{name}");
        }
        for name in ["page.md", "a~b.md", "cells.png"] {
            assert!(!is_ignored_name(name), "{name}");
        }
    }

    #[test]
    fn slash_paths() {
        let base = Path::new("/site/content");
        assert_eq!(
            slash_path(base, &base.join("conditions").join("leukemia.md")),
            "conditions/leukemia.md"
        );
        assert_eq!(slash_path(base, base), "");
    }
}
