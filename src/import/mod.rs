//! `medleaf import hugo|zola SRC DEST`: a Hugo or Zola site's content converted into a new
//! medleaf site.
//!
//! What it converts: front matter (YAML, TOML or JSON) into medleaf's keys, `ref`/`relref`
//! and `@/` links into relative `.md` links, the common shortcodes (figures, notices), leaf
//! bundles (`name/index.md` becomes `name.md`, its files staying in `name/`), `_index.md`
//! sections, `static/`, and the site's title, address and language into `site.yaml`.
//! Everything else is listed in the returned [`ImportReport`], with where it was and what to
//! do by hand.
//!
//! Invariants: the source site is only read; every file is written inside DEST, which must be
//! new or empty and outside the source site; nothing is overwritten. Edit dates (`date`,
//! `lastmod`, `updated`) never become `last_reviewed`: a clinical review is a different event,
//! so imported articles have no review data unless the site kept it under medleaf's own names,
//! and medleaf's checks (`review-missing`, `sources-missing`) list what each still needs.

mod body;
mod front_matter;
mod hugo;
mod mapping;
mod page;
mod paths;
mod report;
mod shortcodes;
mod site;
mod write;
mod zola;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Map, Value};

pub use report::{ImportNote, ImportReport};

use crate::error::{Error, Result};
use mapping::Mapper;
use page::Dialect;
use paths::{PageEntry, Table};

/// The generator a site was made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generator {
    /// Hugo (<https://gohugo.io>).
    Hugo,
    /// Zola (<https://www.getzola.org>).
    Zola,
}

/// File names (without `.md`) of pages that are not health articles: they get `kind: page`,
/// so medleaf does not ask them for a clinical review.
const NOT_ARTICLES: &[&str] = &[
    "about",
    "about-us",
    "contact",
    "contact-us",
    "privacy",
    "privacy-policy",
    "terms",
    "terms-of-use",
    "terms-and-conditions",
    "accessibility",
    "cookies",
    "cookie-policy",
    "disclaimer",
    "imprint",
    "legal",
    "search",
    "sitemap",
    "404",
];

/// A page read from the source site, before conversion.
struct Source {
    /// Path from `content/`.
    src: String,
    text: String,
    front: Option<Map<String, Value>>,
}

/// Converts the site at `src` into a new medleaf site at `dest`.
pub fn import(generator: Generator, src: &Path, dest: &Path) -> Result<ImportReport> {
    let dest = write::check_folders(src, dest)?;
    let dialect = match generator {
        Generator::Hugo => Dialect::Hugo,
        Generator::Zola => Dialect::Zola,
    };
    let mut notes = Vec::new();
    let settings = match generator {
        Generator::Hugo => hugo::settings(src, &mut notes)?,
        Generator::Zola => zola::settings(src, &mut notes)?,
    };
    let content = src.join("content");
    let walked =
        crate::fsutil::walk(src, &content, false).map_err(Error::io("cannot read", &content))?;
    for (link, target) in &walked.outside {
        notes.push(ImportNote::at(
            &format!("content/{}", crate::fsutil::slash_path(&content, link)),
            None,
            format!(
                "a link to `{}`, outside the site, was not followed",
                target.display()
            ),
            "copy the file into the site if it belongs to it",
        ));
    }
    let (table, sources) = plan(&walked.files, &mut notes)?;
    let mut files = write::Files::default();
    let mut pages = 0;
    for source in &sources {
        let entry = &table.pages[&source.src];
        let text = convert_page(dialect, &table, source, entry, &settings, &mut notes);
        files.text(format!("content/{}", entry.dest), text);
        pages += 1;
    }
    for rel in &table.files {
        files.copy(format!("content/{rel}"), content.join(rel));
    }
    let static_dir = src.join("static");
    if static_dir.is_dir() {
        let walked = crate::fsutil::walk(src, &static_dir, false)
            .map_err(Error::io("cannot read", &static_dir))?;
        for (rel, path) in walked.files {
            if crate::theme::DEFAULT_STATIC.iter().any(|(n, _)| *n == rel) {
                notes.push(ImportNote::at(
                    &format!("static/{rel}"),
                    None,
                    format!("`static/{rel}` replaces medleaf's own `{rel}`"),
                    "if it belonged to the old theme, delete it from the new site's `static/` so medleaf's is used",
                ));
            }
            files.copy(format!("static/{rel}"), path);
        }
    }
    files.text("site.yaml".to_owned(), settings.to_yaml());
    let copied = files.copies();
    let written = files.write_all(&dest)?;
    notes.sort();
    Ok(ImportReport {
        dest,
        pages,
        files: copied,
        written,
        notes,
    })
}

/// Which files are pages and what each becomes; the pages read and their front matter
/// parsed (titles are needed before any body is converted, for references without text).
fn plan(
    files: &[(String, std::path::PathBuf)],
    notes: &mut Vec<ImportNote>,
) -> Result<(Table, Vec<Source>)> {
    let is_page = |rel: &str| rel.ends_with(".md") || rel.ends_with(".markdown");
    // Folders that are leaf bundles: they hold an `index.md` (in any language).
    let bundles: Vec<String> = files
        .iter()
        .filter_map(|(rel, _)| {
            let (dir, name) = rel.rsplit_once('/')?;
            is_index_name(name).then(|| dir.to_owned())
        })
        .collect();
    let in_bundle = |rel: &str| bundles.iter().any(|b| rel.starts_with(&format!("{b}/")));
    let mut table = Table::default();
    let mut sources = Vec::new();
    let mut dests: BTreeMap<String, String> = BTreeMap::new();
    for (rel, path) in files {
        let file = format!("content/{rel}");
        let name = rel.rsplit('/').next().unwrap_or(rel);
        if !is_page(rel) {
            if [
                ".html",
                ".htm",
                ".org",
                ".adoc",
                ".asciidoc",
                ".rst",
                ".pdc",
                ".pandoc",
            ]
            .iter()
            .any(|e| rel.ends_with(e))
                && !in_bundle(rel)
            {
                notes.push(ImportNote::at(
                    &file,
                    None,
                    "a page not written in Markdown was not imported",
                    "convert it to Markdown and add it to the new site's `content/`",
                ));
            } else {
                table.files.insert(rel.clone());
            }
            continue;
        }
        if in_bundle(rel) && !is_index_name(name) {
            notes.push(ImportNote::at(&file, None, "a Markdown file inside a leaf bundle is a resource of its page, not a page; it was not imported", "copy what it says into the page by hand"));
            continue;
        }
        let dest = dest_of(rel);
        if let Some(other) = dests.get(&dest) {
            notes.push(ImportNote::at(&file, None, format!("this page and `content/{other}` would both be `content/{dest}`; this one was not imported"), "merge the two pages by hand, or rename one and import again"));
            continue;
        }
        dests.insert(dest.clone(), rel.clone());
        let stem = dest
            .rsplit('/')
            .next()
            .unwrap_or(&dest)
            .trim_end_matches(".md");
        if let Some((_, code)) = stem.rsplit_once('.')
            && crate::config::is_language_code(code)
        {
            notes.push(ImportNote::at(
                &file,
                None,
                format!("a translation (`{code}`): medleaf builds it only when site.yaml declares the language"),
                "declare each language under `languages:` in site.yaml (README \"Languages\")",
            ));
        }
        let text = match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(t),
                Err(_) => {
                    notes.push(ImportNote::at(
                        &file,
                        None,
                        "the page is not UTF-8 text; it was not imported",
                        "save it as UTF-8 and import again",
                    ));
                    continue;
                }
            },
            Err(e) => return Err(Error::io("cannot read", path)(e)),
        };
        let front = match front_matter::split(&text) {
            Some(split) => match front_matter::parse(&split) {
                Ok(map) => Some(map),
                Err(e) => {
                    notes.push(ImportNote::at(&file, Some(split.first_line), format!("the front matter could not be read ({e}); only the title was made, from the file name"), "copy the front matter over by hand, in medleaf's keys"));
                    None
                }
            },
            None => None,
        };
        let title = front
            .as_ref()
            .and_then(|f| f.get("title"))
            .and_then(front_matter::text)
            .unwrap_or_else(|| title_from_path(rel));
        table.pages.insert(rel.clone(), PageEntry { dest, title });
        sources.push(Source {
            src: rel.clone(),
            text,
            front,
        });
    }
    Ok((table, sources))
}

/// Whether a file name is a leaf bundle's page (`index.md`, `index.es.md`).
fn is_index_name(name: &str) -> bool {
    name.strip_prefix("index.").is_some_and(|r| {
        r == "md"
            || r == "markdown"
            || r.split_once('.').is_some_and(|(l, e)| {
                !l.is_empty() && l.len() <= 8 && (e == "md" || e == "markdown")
            })
    })
}

/// The medleaf file a source page becomes: `x/index.md` is `x.md` (the top folder's
/// `index.md` is the home page `_index.md`), `.markdown` is `.md`, anything else keeps its
/// path.
fn dest_of(rel: &str) -> String {
    let rel = match rel.strip_suffix(".markdown") {
        Some(stem) => format!("{stem}.md"),
        None => rel.to_owned(),
    };
    let (dir, name) = match rel.rsplit_once('/') {
        Some((d, n)) => (d, n),
        None => ("", rel.as_str()),
    };
    if is_index_name(name) {
        let suffix = &name["index".len()..];
        return if dir.is_empty() {
            format!("_index{suffix}")
        } else {
            format!("{dir}{suffix}")
        };
    }
    rel.clone()
}

/// A title made from a file's name: `hay-fever/index.md` is "Hay fever".
fn title_from_path(rel: &str) -> String {
    let stem = rel.trim_end_matches(".md").trim_end_matches(".markdown");
    let stem = stem
        .strip_suffix("/index")
        .or_else(|| stem.strip_suffix("/_index"))
        .unwrap_or(stem);
    let last = stem.rsplit('/').next().unwrap_or(stem);
    let last = last.split('.').next().unwrap_or(last);
    let words = if last == "_index" || last == "index" {
        "Home".to_owned()
    } else {
        last.replace(['-', '_'], " ")
    };
    let mut c = words.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The medleaf address of a converted page (for noting a changed address).
fn address_of(dest: &str, slug: Option<&str>) -> String {
    let stem = dest.trim_end_matches(".md");
    let stem = stem.split('.').next().unwrap_or(stem);
    let (dir, name) = stem.rsplit_once('/').map_or(("", stem), |(d, n)| (d, n));
    let folder = if dir.is_empty() {
        "/".to_owned()
    } else {
        format!("/{dir}/")
    };
    if name == "_index" {
        folder
    } else {
        format!("{folder}{}/", slug.unwrap_or(name))
    }
}

/// One page converted: its medleaf front matter and body.
fn convert_page(
    dialect: Dialect,
    table: &Table,
    source: &Source,
    entry: &PageEntry,
    settings: &site::Settings,
    notes: &mut Vec<ImportNote>,
) -> String {
    let file = format!("content/{}", source.src);
    let split = front_matter::split(&source.text);
    let (body, body_offset) = match &split {
        Some(s) => (s.body, s.body_offset),
        None => (source.text.as_str(), 0),
    };
    let is_index = entry
        .dest
        .rsplit('/')
        .next()
        .unwrap_or("")
        .starts_with("_index");
    let mut m = Mapper {
        split: split.as_ref(),
        src: &source.src,
        file: &file,
        table,
        notes,
        front: front_matter::Front::default(),
    };
    if let Some(fm) = &source.front {
        let slug = fm.get("slug").and_then(front_matter::text);
        let address = address_of(&entry.dest, slug.as_deref());
        match dialect {
            Dialect::Hugo => hugo::map(fm, &mut m, &address, settings),
            Dialect::Zola => zola::map(fm, &mut m, &address),
        }
    } else if split.is_none() {
        m.notes.push(ImportNote::at(
            &file,
            Some(1),
            "the page has no front matter",
            "check the title made from the file name, and add a `description`",
        ));
    }
    let mut front = m.front;
    if front.title.trim().is_empty() {
        front.title = entry.title.clone();
        if source.front.is_some() {
            notes.push(ImportNote::at(
                &file,
                Some(1),
                format!(
                    "the page has no title; it was given \"{}\", from its file name",
                    front.title
                ),
                "give the page its real title",
            ));
        }
    }
    let name = entry
        .dest
        .rsplit('/')
        .next()
        .unwrap_or("")
        .split('.')
        .next()
        .unwrap_or("");
    if !is_index && NOT_ARTICLES.contains(&name) {
        front.kind_page = true;
        notes.push(ImportNote::at(
            &file,
            Some(1),
            "the page was given `kind: page` (not a health article: no clinical review asked for)",
            "remove `kind: page` if it gives health information",
        ));
    }
    if !is_index
        && !front.kind_page
        && front
            .description
            .as_deref()
            .is_none_or(|d| d.trim().is_empty())
    {
        match first_sentence(body) {
            Some(s) => {
                notes.push(ImportNote::at(&file, Some(1), "the article had no description; its first sentence was used", "check that `description` says the article's main message in one plain sentence"));
                front.description = Some(s);
            }
            None => notes.push(ImportNote::at(&file, Some(1), "the article has no description and no first sentence to make one from; medleaf will ask for one", "add `description:` with the one-sentence main message, or `kind: page` if this is not a health article")),
        }
    }
    let page = page::Page {
        dialect,
        table,
        src: &source.src,
        dest: &entry.dest,
        text: &source.text,
        file: file.clone(),
    };
    let converted = body::convert(&page, body, body_offset, notes);
    let mut out = front.to_yaml();
    if !converted.starts_with('\n') {
        out.push('\n');
    }
    out.push_str(&converted);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// The first sentence of the first paragraph of prose, without Markdown marks, for a
/// description.
fn first_sentence(body: &str) -> Option<String> {
    let code = body::code_ranges(body);
    let mut pos = 0;
    for para in body.split("\n\n") {
        let start = pos;
        pos += para.len() + 2;
        let p = para.trim();
        if p.is_empty()
            || code
                .iter()
                .any(|r| r.contains(&(start + para.find(p).unwrap_or(0))))
            || p.starts_with(['#', '>', '!', '<', '{', '-', '*', '+', '|', '`', '~', '['])
            || p.starts_with(|c: char| c.is_ascii_digit())
            || para.starts_with("    ")
        {
            continue;
        }
        let mut text = String::new();
        let mut rest = p;
        // `[text](target)` is its text.
        while let Some(open) = rest.find('[') {
            text.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match (after.find("]("), after.find(')')) {
                (Some(close), Some(end)) if close < end => {
                    text.push_str(&after[..close]);
                    rest = &after[end + 1..];
                }
                _ => {
                    text.push('[');
                    rest = after;
                }
            }
        }
        text.push_str(rest);
        let text: String = text
            .replace(['*', '`'], "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let end = text
            .match_indices(['.', '!', '?'])
            .map(|(i, _)| i + 1)
            .find(|&i| i == text.len() || text[i..].starts_with(' '))
            .unwrap_or(text.len());
        let sentence = text[..end].trim().to_owned();
        if sentence.split_whitespace().count() >= 3 {
            return Some(sentence);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundles_become_files() {
        assert_eq!(dest_of("hay-fever/index.md"), "hay-fever.md");
        assert_eq!(dest_of("hay-fever/index.es.md"), "hay-fever.es.md");
        assert_eq!(dest_of("index.md"), "_index.md");
        assert_eq!(dest_of("a/_index.md"), "a/_index.md");
        assert_eq!(dest_of("a/b.markdown"), "a/b.md");
        assert_eq!(title_from_path("hay-fever/index.md"), "Hay fever");
        assert_eq!(address_of("a/b.md", Some("c")), "/a/c/");
        assert_eq!(address_of("a/_index.md", None), "/a/");
    }

    #[test]
    fn first_sentences() {
        assert_eq!(
            first_sentence("# H\n\nHay fever is an [allergy](x.md) to *pollen*. More.\n")
                .as_deref(),
            Some("Hay fever is an allergy to pollen.")
        );
        assert_eq!(first_sentence("![a](b.png)\n"), None);
    }
}
