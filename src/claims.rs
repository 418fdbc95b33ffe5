//! Every file the build will write, and who claims it: checked before anything is rendered.
//!
//! Pages, folder listings, aliases, topic pages, the glossary, the search page and index, the
//! theme's files, the feeds, `_headers`, the site's own static files and the output's manifest
//! each claim one path in the output folder (the search index claims its folders). Two claims
//! on one path, a file where another claim needs a folder, or a path that is not a valid
//! portable file name (NUL or control characters, a part over 255 bytes, `.` or `..`, names and
//! characters Windows refuses) are errors at the file and line that made the claim, so `check`
//! finds them as `build` would, and no build ever writes one file twice (which one won would
//! change from build to build). Paths that differ only in case, or only in Unicode
//! normalization, are warnings: on macOS and Windows they are one file.
//!
//! Clashes between two addresses that are the same (two pages with one slug, an alias that is
//! a page's address) are reported by the address table ([`crate::links::index`]), where the
//! message can name the address; this module reports the clashes only files show (`/index.html`
//! and `/`, `/a/index.html` and `/a/`, `/404.html/` and `/404.html`) and the reserved files.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use unicode_normalization::UnicodeNormalization;

use crate::config::Config;
use crate::content::{Page, Site};
use crate::diagnostics::{Code, Diagnostic};
use crate::source::SourceFile;
use crate::taxonomy::{Listing, Topic};
use crate::theme;
use crate::urls;

/// Files in the output folder only medleaf itself writes: its manifest (and the sorted
/// manifest while it is written).
pub(crate) const RESERVED: &[&str] = &[".medleaf-manifest", ".medleaf-manifest.next"];

/// Who claims a path.
#[derive(Debug, Clone)]
enum Owner {
    /// A content page (index into the pages).
    Page(usize),
    /// One of a page's aliases.
    Alias(usize, String),
    /// A folder's listing page (its address).
    Listing(String),
    /// A page or file medleaf generates (what it is, and its address when links may name it).
    Generated(String, Option<String>),
    /// A file copied from `static/` or `content/` (how it is shown: `static/style.css`), and
    /// its address.
    Asset(String, String),
    /// A file only medleaf writes.
    Reserved(&'static str),
}

impl Owner {
    /// The claim in words, for the other side of a clash.
    fn describe(&self, pages: &[Page]) -> String {
        match self {
            Owner::Page(i) => format!("the page `{}`", pages[*i].rel),
            Owner::Alias(i, a) => format!("the alias `{a}` of `{}`", pages[*i].rel),
            Owner::Listing(url) => format!("the listing page of `{url}`"),
            Owner::Generated(what, _) => what.clone(),
            Owner::Asset(shown, _) => format!("the file `{shown}`"),
            Owner::Reserved(name) => format!("medleaf's own `{name}`"),
        }
    }

    /// The address the claim was made as, when it is one.
    fn url(&self, pages: &[Page]) -> Option<String> {
        match self {
            Owner::Page(i) => Some(pages[*i].url.clone()),
            Owner::Alias(_, a) => Some(crate::links::index::alias_key(a)),
            Owner::Listing(url) | Owner::Asset(_, url) => Some(url.clone()),
            Owner::Generated(_, url) => url.clone(),
            Owner::Reserved(_) => None,
        }
    }

    /// Whether the address table ([`crate::links::index::SiteIndex::new`]) already reports
    /// this clash, as two claims on one address: an alias with anything at its address, two
    /// pages, or a page at a generated address.
    fn reported_as_address(&self, other: &Owner, pages: &[Page]) -> bool {
        let same = self.url(pages).is_some() && self.url(pages) == other.url(pages);
        same && matches!(
            (self, other),
            (Owner::Alias(..), _)
                | (_, Owner::Alias(..))
                | (Owner::Page(_), Owner::Page(_) | Owner::Generated(..))
                | (Owner::Generated(..), Owner::Page(_))
        )
    }

    /// Only the site's own files may replace what the theme ships (its `style.css`, scripts
    /// and icons), `robots.txt` and `_headers`: that is how a site changes them.
    fn replaceable(&self) -> bool {
        matches!(self, Owner::Generated(what, _) if what.starts_with(REPLACEABLE))
    }
}

/// How a generated file the site's static files may replace is described.
const REPLACEABLE: &str = "the built-in file";

/// Where a claim was made: a file and a byte range in it, or no file (a file name).
struct Claim {
    path: String,
    owner: Owner,
}

/// What the claims are checked against.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Input<'a> {
    /// The settings (languages, search).
    pub config: &'a Config,
    /// What was read.
    pub site: &'a Site,
    /// Topics.
    pub topics: &'a [Topic],
    /// Folder listings.
    pub listings: &'a [Listing],
    /// The output folder.
    pub output: &'a Path,
    /// Where the governance report goes, and whether the command line chose it (`--report`)
    /// rather than `site.yaml`.
    pub report: Option<(&'a Path, bool)>,
}

/// Every claim on an output path, in a fixed order: what medleaf itself writes first, then the
/// pages, listings, aliases and copied files in path order.
fn claims(input: &Input<'_>) -> Vec<Claim> {
    let Input {
        config,
        site,
        topics,
        listings,
        ..
    } = *input;
    let mut out = Vec::new();
    let mut push = |path: String, owner: Owner| out.push(Claim { path, owner });
    for name in RESERVED {
        push((*name).to_owned(), Owner::Reserved(name));
    }
    let theme_file = |name: &str| {
        (
            name.to_owned(),
            Owner::Generated(format!("{REPLACEABLE} `{name}`"), Some(format!("/{name}"))),
        )
    };
    let mut theme_files: Vec<(String, Owner)> = theme::DEFAULT_STATIC
        .iter()
        .map(|(n, _)| theme_file(n))
        .collect();
    if config.search {
        theme_files.extend(theme::SEARCH_STATIC.iter().map(|(n, _)| theme_file(n)));
    }
    theme_files.push(theme_file(theme::ROBOTS_URL.trim_start_matches('/')));
    theme_files.push(theme_file(theme::HEADERS_URL.trim_start_matches('/')));
    for (path, owner) in theme_files {
        push(path, owner);
    }
    push(
        urls::output_path(theme::SITEMAP_URL),
        Owner::Generated(
            "the sitemap".to_owned(),
            Some(theme::SITEMAP_URL.to_owned()),
        ),
    );
    for (lang, language) in config.languages.iter().enumerate() {
        let prefix = language.prefix.as_str();
        let generated = |url: &str, what: &str| {
            let url = theme::in_language(prefix, url);
            (
                urls::output_path(&url),
                Owner::Generated(what.to_owned(), Some(url)),
            )
        };
        let mut add = vec![
            generated(theme::NOT_FOUND_URL, "the page shown for missing addresses"),
            generated(theme::FEED_URL, "the feed"),
        ];
        if topics.iter().any(|t| t.lang == lang) {
            add.push(generated(theme::TOPICS_URL, "the topics page"));
        }
        if site.glossaries.get(lang).is_some_and(Option::is_some) {
            add.push(generated(theme::GLOSSARY_URL, "the glossary page"));
        }
        if config.search {
            add.push(generated(theme::SEARCH_URL, "the search page"));
        }
        for (path, owner) in add {
            push(path, owner);
        }
    }
    for t in topics {
        push(
            urls::output_path(&t.url),
            Owner::Generated(
                format!("the page of the topic `{}`", t.name),
                Some(t.url.clone()),
            ),
        );
    }
    for (i, page) in site.pages.iter().enumerate() {
        push(urls::output_path(&page.url), Owner::Page(i));
    }
    for l in listings.iter().filter(|l| l.index.is_none()) {
        push(urls::output_path(&l.url), Owner::Listing(l.url.clone()));
    }
    for (i, page) in site.pages.iter().enumerate() {
        for alias in &page.meta.aliases {
            push(urls::output_path(alias), Owner::Alias(i, alias.clone()));
        }
    }
    for asset in &site.assets {
        let shown = crate::fsutil::slash_path(&config.root, &asset.source);
        push(
            asset.rel.clone(),
            Owner::Asset(shown, format!("/{}", asset.rel)),
        );
    }
    out
}

/// The folders of the search index, which it fills with files whose names are known only when
/// it is built (`search/docs/12.json`): every path below them is the index's. Mirrors
/// `search::is_index_file`.
fn search_index_owner(path: &str, config: &Config) -> Option<String> {
    if !config.search {
        return None;
    }
    config.languages.iter().find_map(|l| {
        let dir = format!("{}{}/", l.prefix.trim_start_matches('/'), "search");
        let rest = path.strip_prefix(&dir)?;
        let index = rest == "manifest.json"
            || ["terms", "docs", "words"].iter().any(|d| {
                rest == *d || (rest.starts_with(&format!("{d}/")) && !rest.ends_with(".html"))
            });
        index.then(|| format!("the search index (`{dir}`)"))
    })
}

/// Checks every claim: clashes and unportable paths are errors, case and normalization twins
/// warnings. Pages whose slug the front-matter checks already refuse are not reported again.
pub(crate) fn check(input: &Input<'_>) -> Vec<Diagnostic> {
    let pages = &input.site.pages;
    let claims = claims(input);
    let mut out = Vec::new();
    let mut by_path: BTreeMap<&str, usize> = BTreeMap::new();
    for (n, claim) in claims.iter().enumerate() {
        if let Some(problem) = unportable(&claim.path) {
            if !refused_elsewhere(&claim.owner, pages) {
                out.push(
                    diagnostic(
                        input,
                        &claim.owner,
                        Diagnostic::error(
                            Code::OutputPath,
                            format!(
                                "`{}` cannot be a file in the built site: {problem}",
                                printable(&claim.path)
                            ),
                        ),
                    )
                    .help(fix(&claim.owner)),
                );
            }
            continue;
        }
        if let Some(index) = search_index_owner(&claim.path, input.config) {
            out.push(clash(input, &claim.owner, &claim.path, &index));
            continue;
        }
        match by_path.get(claim.path.as_str()) {
            Some(&first) => {
                let other = &claims[first].owner;
                let allowed = other.replaceable() && matches!(claim.owner, Owner::Asset(..));
                if !claim.owner.reported_as_address(other, pages) && !allowed {
                    out.push(clash(
                        input,
                        &claim.owner,
                        &claim.path,
                        &other.describe(pages),
                    ));
                }
            }
            None => {
                by_path.insert(&claim.path, n);
            }
        }
    }
    // A file where another claim needs a folder (`404.html` and `404.html/index.html`).
    for (&path, &n) in &by_path {
        let mut at = 0;
        while let Some(slash) = path[at..].find('/') {
            let dir = &path[..at + slash];
            if let Some(&file) = by_path.get(dir) {
                let (first, second) = if file < n { (file, n) } else { (n, file) };
                let other = &claims[first].owner;
                out.push(clash(
                    input,
                    &claims[second].owner,
                    &claims[second].path,
                    &format!("{} (`{}`)", other.describe(pages), claims[first].path),
                ));
                break;
            }
            at += slash + 1;
        }
    }
    out.extend(twins(input, &claims, &by_path));
    out.extend(report_inside_output(input));
    out
}

/// The governance report is for editors: a report path inside the output folder would publish
/// it (and the next build would find a file it did not write there).
fn report_inside_output(input: &Input<'_>) -> Option<Diagnostic> {
    let (report, from_command_line) = input.report?;
    let output = crate::fsutil::absolute(input.output).ok()?;
    let inside = crate::fsutil::absolute(report).ok()?.starts_with(&output);
    if !inside {
        return None;
    }
    let d = Diagnostic::error(
        Code::Config,
        format!(
            "the governance report `{}` would be written inside the output folder `{}` and published",
            report.display(),
            input.output.display()
        ),
    )
    .help("write it outside the output folder, such as `report: reports/medleaf-report.json`");
    match (&input.config.file, from_command_line) {
        (Some(file), false) => {
            let span = crate::yaml::find_key(file, 0..file.text.len(), "report", 0).unwrap_or(0..0);
            Some(d.at(file, span))
        }
        _ => Some(d),
    }
}

/// Paths that are one file on a case-insensitive or normalizing file system (macOS, Windows).
fn twins(input: &Input<'_>, claims: &[Claim], by_path: &BTreeMap<&str, usize>) -> Vec<Diagnostic> {
    let pages = &input.site.pages;
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::new();
    let mut order: Vec<usize> = by_path.values().copied().collect();
    order.sort_unstable();
    for n in order {
        let path = &claims[n].path;
        let folded: String = path.nfc().collect::<String>().to_lowercase();
        match seen.get(&folded) {
            Some(&first) => {
                let other = &claims[first];
                let how = if other.path.to_lowercase() == path.to_lowercase() {
                    "only in upper and lower case"
                } else if other.path.nfc().eq(path.nfc()) {
                    "only in how its accented letters are encoded (Unicode normalization)"
                } else {
                    "only in case and in how its accented letters are encoded"
                };
                out.push(
                    diagnostic(
                        input,
                        &claims[n].owner,
                        Diagnostic::warning(
                            Code::OutputTwin,
                            format!(
                                "`{path}` differs from `{}` ({}) {how}",
                                other.path,
                                other.owner.describe(pages)
                            ),
                        ),
                    )
                    .label("on macOS and Windows these are one file, and one would replace the other")
                    .help("rename one of them so the names differ by more than case or accents' encoding"),
                );
            }
            None => {
                seen.insert(folded, n);
            }
        }
    }
    out
}

/// Two claims on one path (or a claim inside the search index's folders).
fn clash(input: &Input<'_>, owner: &Owner, path: &str, other: &str) -> Diagnostic {
    let what = match owner {
        Owner::Alias(_, a) => format!("alias `{a}`"),
        other => other.describe(&input.site.pages),
    };
    diagnostic(
        input,
        owner,
        Diagnostic::error(
            Code::DuplicateUrl,
            format!("{what} would be written to `{path}`, which is {other}"),
        ),
    )
    .label("two things cannot be one file")
    .help(fix(owner))
}

/// How to fix a claim.
fn fix(owner: &Owner) -> &'static str {
    match owner {
        Owner::Alias(..) => "remove this alias or change it: an address can lead to one page only",
        Owner::Page(_) => "rename the file or give it another `slug`",
        Owner::Asset(..) | Owner::Listing(_) => "rename the file or folder",
        Owner::Generated(..) | Owner::Reserved(_) => {
            "rename what medleaf generates this from (the topic, the file)"
        }
    }
}

/// The diagnostic pointed at where `owner` made its claim.
fn diagnostic(input: &Input<'_>, owner: &Owner, d: Diagnostic) -> Diagnostic {
    let pages = &input.site.pages;
    match owner {
        Owner::Page(i) => {
            let page = &pages[*i];
            let span = match &page.meta.slug {
                Some(slug) => page.value_span("slug", slug),
                None => 0..page.file.text.len().min(3),
            };
            d.at(&page.file, span)
        }
        Owner::Alias(i, alias) => {
            let page = &pages[*i];
            d.at(&page.file, page.value_span("aliases", alias))
        }
        Owner::Listing(url) => {
            // A page in the folder (or below it): the folder's name is written in its path.
            let folder = |p: &Page| {
                let prefix = input
                    .config
                    .languages
                    .get(p.lang)
                    .map_or("/", |l| l.prefix.as_str());
                crate::content::lang_dir_url(prefix, &p.dir)
            };
            let page = pages
                .iter()
                .find(|p| folder(p) == *url)
                .or_else(|| pages.iter().find(|p| folder(p).starts_with(url.as_str())));
            match page {
                Some(p) => d.at(&p.file, 0..p.file.text.len().min(3)),
                None => d,
            }
        }
        Owner::Asset(shown, _) => d.at(
            &Arc::new(SourceFile::new(shown.clone(), String::new())),
            0..0,
        ),
        Owner::Generated(..) | Owner::Reserved(_) => d,
    }
}

/// Whether the front-matter checks already refuse what made this claim (a slug such as `..`),
/// so it is not reported twice.
fn refused_elsewhere(owner: &Owner, pages: &[Page]) -> bool {
    match owner {
        Owner::Page(i) => pages[*i]
            .meta
            .slug
            .as_deref()
            .is_some_and(crate::content::is_refused_slug),
        Owner::Alias(_, alias) => crate::content::is_refused_alias(alias),
        _ => false,
    }
}

/// A path shown in a message: control characters written as escapes.
fn printable(path: &str) -> String {
    path.chars()
        .flat_map(char::escape_debug)
        .collect::<String>()
        .replace("\\'", "'")
        .replace("\\\"", "\"")
}

/// Why `path` (relative, `/`-separated) cannot be a file in a site that may be copied to any
/// system, or `None` if it can.
pub(crate) fn unportable(path: &str) -> Option<String> {
    if path.is_empty() {
        return Some("the path is empty".to_owned());
    }
    for part in path.split('/') {
        if part.is_empty() {
            return Some("it has an empty part (`//`)".to_owned());
        }
        if part == "." || part == ".." {
            return Some(format!("`{part}` is not a file or folder name"));
        }
        if part.contains('\0') {
            return Some("it holds a NUL character".to_owned());
        }
        if let Some(c) = part.chars().find(|c| c.is_control()) {
            return Some(format!("it holds the control character U+{:04X}", c as u32));
        }
        if part.len() > 255 {
            return Some(format!(
                "the part `{}...` is {} bytes long, and file systems allow 255",
                part.chars().take(20).collect::<String>(),
                part.len()
            ));
        }
        if let Some(c) = part
            .chars()
            .find(|c| matches!(c, '<' | '>' | ':' | '"' | '\\' | '|' | '?' | '*'))
        {
            return Some(format!("Windows does not allow `{c}` in file names"));
        }
        if part.ends_with(['.', ' ']) {
            return Some(format!(
                "Windows does not allow a name ending in a dot or a space (`{part}`)"
            ));
        }
        let stem = part
            .split('.')
            .next()
            .unwrap_or(part)
            .trim_end()
            .to_ascii_uppercase();
        let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
            || ((stem.starts_with("COM") || stem.starts_with("LPT"))
                && stem.len() == 4
                && stem.as_bytes()[3].is_ascii_digit());
        if reserved {
            return Some(format!(
                "`{part}` is a device name on Windows, which no file may have"
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portable_paths() {
        for ok in [
            "index.html",
            "a/b/index.html",
            "images/cells.png",
            "es/feed.xml",
            "ñandú/index.html",
            "console/index.html",
            "comma/index.html",
        ] {
            assert_eq!(unportable(ok), None, "{ok}");
        }
        for (bad, why) in [
            ("a\0b/index.html", "NUL"),
            ("a\u{7}b/index.html", "U+0007"),
            ("a\rb/index.html", "U+000D"),
            (&format!("{}/index.html", "x".repeat(256)), "256 bytes"),
            ("../index.html", "`..`"),
            ("a/./index.html", "`.`"),
            ("a//index.html", "empty part"),
            ("CON/index.html", "device name"),
            ("aux.html", "device name"),
            ("lpt1/index.html", "device name"),
            ("nul.txt", "device name"),
            ("covid:faq/index.html", "`:`"),
            ("what?/index.html", "`?`"),
            ("a./index.html", "dot or a space"),
        ] {
            let problem = unportable(bad).unwrap_or_else(|| panic!("{bad:?} passed"));
            assert!(problem.contains(why), "{bad:?}: {problem}");
        }
        // 255 bytes is allowed, in any script.
        assert_eq!(unportable(&"é".repeat(127)), None);
    }
}
