//! Which source file becomes which medleaf file, and how a reference written for Hugo or Zola
//! finds its page.
//!
//! Paths here are `/`-separated and relative to the `content/` folder on both sides. Pages
//! keep their paths, except Hugo and Zola leaf bundles: `hay-fever/index.md` becomes
//! `hay-fever.md`, its images staying in `hay-fever/` (a folder without pages gets no listing
//! in medleaf, so the two never claim the same address).

use std::collections::{BTreeMap, BTreeSet};

/// A page of the source site and what it becomes.
#[derive(Debug, Clone)]
pub(super) struct PageEntry {
    /// The medleaf file it is written to.
    pub dest: String,
    /// Its title, for a reference written without link text.
    pub title: String,
}

/// The source site's content: pages (by source path) and the other files.
#[derive(Debug, Default)]
pub(super) struct Table {
    pub pages: BTreeMap<String, PageEntry>,
    pub files: BTreeSet<String>,
}

impl Table {
    /// The page a Hugo `ref`/`relref` names, from the page `from`: a path from `content/`
    /// when it starts with `/`, else relative to `from`'s folder, then from `content/`, then
    /// a page of that file name anywhere (when only one has it), as Hugo looks them up.
    pub(super) fn hugo_ref(&self, from: &str, target: &str) -> Option<&str> {
        if let Some(abs) = target.strip_prefix('/') {
            return self.lookup(abs);
        }
        let joined = join(dir_of(from), target);
        if let Some(found) = joined.as_deref().and_then(|p| self.lookup(p)) {
            return Some(found);
        }
        if let Some(found) = self.lookup(target) {
            return Some(found);
        }
        let name = target.trim_end_matches('/');
        let name = name.strip_suffix(".md").unwrap_or(name);
        let mut by_name = self.pages.keys().filter(|k| {
            let stem = k.strip_suffix(".md").unwrap_or(k);
            let stem = stem
                .strip_suffix("/index")
                .or_else(|| stem.strip_suffix("/_index"))
                .unwrap_or(stem);
            stem == name || stem.ends_with(&format!("/{name}"))
        });
        match (by_name.next(), by_name.next()) {
            (Some(one), None) => Some(one.as_str()),
            _ => None,
        }
    }

    /// The page a Zola `@/` link names (a path from `content/`).
    pub(super) fn zola_ref(&self, target: &str) -> Option<&str> {
        self.lookup(target)
    }

    /// The page at a path from `content/`, tried as written, as `.md`, and as a folder's
    /// `index.md` or `_index.md`.
    fn lookup(&self, path: &str) -> Option<&str> {
        let path = normalize(path)?;
        let path = path.trim_end_matches('/');
        let candidates = if path.is_empty() {
            vec!["_index.md".to_owned(), "index.md".to_owned()]
        } else {
            vec![
                path.to_owned(),
                format!("{path}.md"),
                format!("{path}/index.md"),
                format!("{path}/_index.md"),
            ]
        };
        candidates
            .into_iter()
            .find_map(|c| self.pages.get_key_value(&c).map(|(k, _)| k.as_str()))
    }

    /// The link from page `from` to page `to` (both source paths), as medleaf reads it:
    /// the target's medleaf file relative to the linking page's medleaf file.
    pub(super) fn link(&self, from: &str, to: &str) -> String {
        let from = self.pages.get(from).map_or(from, |p| p.dest.as_str());
        let to = self.pages.get(to).map_or(to, |p| p.dest.as_str());
        relative(from, to)
    }
}

/// The folder of a `/`-separated path (`""` at the top).
pub(super) fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

/// `rel` joined to the folder `dir` and normalised; `None` when it climbs out of the top.
pub(super) fn join(dir: &str, rel: &str) -> Option<String> {
    if dir.is_empty() {
        normalize(rel)
    } else {
        normalize(&format!("{dir}/{rel}"))
    }
}

/// A path with `.` and `..` resolved; `None` when it climbs above the top.
pub(super) fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// The relative path from the file `from` to the file `to` (`../tests/x.md`).
pub(super) fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = dir_of(from).split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let mut out = "../".repeat(from_dir.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(pages: &[(&str, &str)]) -> Table {
        let mut t = Table::default();
        for (src, dest) in pages {
            t.pages.insert(
                (*src).to_owned(),
                PageEntry {
                    dest: (*dest).to_owned(),
                    title: String::new(),
                },
            );
        }
        t
    }

    #[test]
    fn relative_paths() {
        assert_eq!(relative("a/x.md", "a/y.md"), "y.md");
        assert_eq!(relative("_index.md", "a/y.md"), "a/y.md");
        assert_eq!(relative("a/b/x.md", "c/y.md"), "../../c/y.md");
        assert_eq!(relative("a/x.md", "_index.md"), "../_index.md");
        assert_eq!(relative("a/x.md", "a/x/photo.jpg"), "x/photo.jpg");
    }

    #[test]
    fn hugo_refs_resolve_as_hugo_does() {
        let t = table(&[
            ("articles/a.md", "articles/a.md"),
            ("articles/hay-fever/index.md", "articles/hay-fever.md"),
            ("articles/_index.md", "articles/_index.md"),
        ]);
        assert_eq!(t.hugo_ref("x.md", "/articles/a.md"), Some("articles/a.md"));
        assert_eq!(
            t.hugo_ref("articles/a.md", "hay-fever"),
            Some("articles/hay-fever/index.md")
        );
        assert_eq!(t.hugo_ref("_index.md", "a.md"), Some("articles/a.md"));
        assert_eq!(
            t.hugo_ref("_index.md", "/articles"),
            Some("articles/_index.md")
        );
        assert_eq!(t.hugo_ref("_index.md", "missing.md"), None);
        assert_eq!(
            t.link("articles/a.md", "articles/hay-fever/index.md"),
            "hay-fever.md"
        );
        assert_eq!(t.zola_ref("articles/a.md"), Some("articles/a.md"));
    }
}
