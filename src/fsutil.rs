//! File-system rules shared by every stage that lists the site's files: the loader, the
//! template loader, the output writer and `serve`'s watcher all agree on what a site file is
//! and how its path is written.

use std::path::{Component, Path};

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
