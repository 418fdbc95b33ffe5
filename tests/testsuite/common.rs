//! Helpers shared by the integration tests: copy a site into a temporary folder, run the
//! `medleaf` binary on it the way a user would, read its diagnostics, and inspect the built
//! output (parsed HTML, hrefs, ids, a small XML reader for the sitemap and the feed).
//!
//! Every test builds a *copy* of its site, never the files under `tests/testsuite/` or the
//! repository root, so tests can run in parallel and cannot leave output behind.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};

/// The date passed as `--today`, so review-date diagnostics never depend on the calendar.
pub(crate) const TODAY: &str = "2026-12-07";

/// The repository root, which is also the example site.
pub(crate) fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site copied into a temporary folder, removed when dropped.
pub(crate) struct Site {
    /// Keeps the folder alive.
    _dir: tempfile::TempDir,
    /// The site folder (holding `content/`, maybe `site.yaml`, ...).
    pub root: PathBuf,
}

impl Site {
    /// `<root>/public`, the default output.
    pub(crate) fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// A path inside the site folder.
    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// The folder holding the site folder, a good place for other outputs.
    pub(crate) fn scratch(&self) -> PathBuf {
        self.root.parent().expect("site has a parent").to_path_buf()
    }

    /// Overwrites (or creates) a file in the site.
    pub(crate) fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Reads a file of the site as text.
    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel))
            .unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    /// `medleaf build --root <root> --today <TODAY>` plus `extra`.
    pub(crate) fn build(&self, extra: &[&str]) -> Run {
        build(&self.root, extra)
    }
}

/// The folder of the fixture sites: `tests/testsuite/<module>/<case>/`.
pub(crate) fn fixtures() -> PathBuf {
    repo_root().join("tests/testsuite")
}

/// Copies the fixture `<module>/<case>` (relative to [`fixtures`]) into a fresh temporary
/// folder.
pub(crate) fn fixture(name: &str) -> Site {
    let src = fixtures().join(name);
    assert!(src.is_dir(), "no fixture {}", src.display());
    copy_site(&src, &[])
}

/// Copies the example site (the repository root) into a fresh temporary folder, without
/// `target/`, `public/`, `.git/`, the image cache or leftovers of interrupted builds.
pub(crate) fn example_site() -> Site {
    copy_site(
        &repo_root(),
        &["target", "public", ".git", "tests", ".medleaf-cache"],
    )
}

fn copy_site(src: &Path, skip: &[&str]) -> Site {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().join("site");
    std::fs::create_dir(&root).unwrap();
    for entry in std::fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if skip.contains(&name.as_str()) || name.starts_with(".public") {
            continue;
        }
        copy_tree(&entry.path(), &root.join(&name));
    }
    Site { _dir: dir, root }
}

/// Copies a file or a folder recursively (files in sorted order).
pub(crate) fn copy_tree(src: &Path, dst: &Path) {
    let meta = std::fs::symlink_metadata(src).unwrap();
    if meta.is_dir() {
        std::fs::create_dir_all(dst).unwrap();
        let mut entries: Vec<_> = std::fs::read_dir(src)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            copy_tree(&path, &dst.join(path.file_name().unwrap()));
        }
    } else if meta.is_file() {
        std::fs::copy(src, dst).unwrap();
    }
}

/// What a run of the binary did.
#[derive(Debug)]
pub(crate) struct Run {
    /// The exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Panics with the whole transcript unless the exit code is `code`.
    #[track_caller]
    pub(crate) fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "expected exit code {code}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// The diagnostics printed on stderr.
    pub(crate) fn diagnostics(&self) -> Vec<Diag> {
        diagnostics(&self.stderr)
    }
}

/// Runs `medleaf` with `args` from the folder `cwd`, without colour.
pub(crate) fn medleaf_in(cwd: &Path, args: &[&OsStr]) -> Run {
    medleaf_env(cwd, args, &[])
}

/// Runs `medleaf` with `args` from the folder `cwd`, without colour, with extra environment
/// variables.
pub(crate) fn medleaf_env(cwd: &Path, args: &[&OsStr], env: &[(&str, &str)]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_medleaf"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("RAYON_NUM_THREADS")
        .envs(env.iter().copied())
        .output()
        .expect("run medleaf");
    Run {
        code: out
            .status
            .code()
            .expect("medleaf was not killed by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs `medleaf` with string arguments from a temporary folder.
pub(crate) fn medleaf(args: &[&str]) -> Run {
    let cwd = tempfile::tempdir().unwrap();
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    medleaf_in(cwd.path(), &args)
}

/// `medleaf build --root <root> --today <TODAY>` plus `extra`, run from the root's parent.
pub(crate) fn build(root: &Path, extra: &[&str]) -> Run {
    build_env(root, extra, &[])
}

/// [`build`] with extra environment variables.
pub(crate) fn build_env(root: &Path, extra: &[&str], env: &[(&str, &str)]) -> Run {
    let mut args: Vec<&OsStr> = vec![
        OsStr::new("build"),
        OsStr::new("--root"),
        root.as_os_str(),
        OsStr::new("--today"),
        OsStr::new(TODAY),
    ];
    args.extend(extra.iter().map(OsStr::new));
    medleaf_env(root.parent().unwrap_or(root), &args, env)
}

/// One diagnostic as printed (rustc style, without colour).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Diag {
    /// `error` or `warning`.
    pub severity: String,
    /// The title after `error: `.
    pub message: String,
    /// `file:line:col` from the `-->` line.
    pub location: Option<String>,
    /// The note after the carets.
    pub label: Option<String>,
    /// The text after `= help: `.
    pub help: Option<String>,
    /// The source line shown under the location, as printed.
    pub source: Option<String>,
}

/// Whether a title is the closing summary (`error: 2 broken links; 0 warnings`).
fn is_summary(severity: &str, message: &str) -> bool {
    let count_of = |s: &str, one: &str, many: &str| {
        s.strip_suffix(many)
            .or_else(|| s.strip_suffix(one))
            .is_some_and(|n| n.trim().chars().all(|c| c.is_ascii_digit()))
    };
    match severity {
        "error" => message
            .rsplit_once("; ")
            .is_some_and(|(_, w)| count_of(w, " warning", " warnings")),
        _ => count_of(message, " warning", " warnings"),
    }
}

/// Reads the diagnostics out of medleaf's stderr, leaving out the summary lines.
pub(crate) fn diagnostics(stderr: &str) -> Vec<Diag> {
    let mut out: Vec<Diag> = Vec::new();
    for line in stderr.lines() {
        let title = line
            .strip_prefix("error: ")
            .map(|m| ("error", m))
            .or_else(|| line.strip_prefix("warning: ").map(|m| ("warning", m)));
        if let Some((severity, message)) = title {
            if !is_summary(severity, message) {
                out.push(Diag {
                    severity: severity.to_owned(),
                    message: message.to_owned(),
                    location: None,
                    label: None,
                    help: None,
                    source: None,
                });
            }
            continue;
        }
        let Some(d) = out.last_mut() else { continue };
        let trimmed = line.trim_start();
        if let Some(loc) = trimmed.strip_prefix("--> ") {
            d.location = Some(loc.trim().to_owned());
        } else if let Some(help) = trimmed.strip_prefix("= help: ") {
            d.help = Some(help.to_owned());
        } else if let Some((number, text)) = trimmed.split_once(" | ")
            && !number.is_empty()
            && number.chars().all(|c| c.is_ascii_digit())
        {
            d.source = Some(text.to_owned());
        } else if let Some((_, after_bar)) = trimmed.split_once('|') {
            // The caret line: `  |     ^^^^ label`.
            let after = after_bar.trim_start();
            if after.starts_with('^') {
                let label = after.trim_start_matches('^').trim();
                if !label.is_empty() {
                    d.label = Some(label.to_owned());
                }
            }
        }
    }
    out
}

/// The summary line (`error: 1 broken link; 0 warnings`), if there is one.
pub(crate) fn summary_line(stderr: &str) -> Option<String> {
    stderr
        .lines()
        .find(|l| {
            let (sev, msg) = l.split_once(": ").unwrap_or(("", ""));
            is_summary(sev, msg)
        })
        .map(str::to_owned)
}

/// Finds the one diagnostic whose message is `message`, or panics showing all of them.
#[track_caller]
pub(crate) fn find_diag<'a>(diags: &'a [Diag], message: &str) -> &'a Diag {
    let found: Vec<&Diag> = diags.iter().filter(|d| d.message == message).collect();
    assert_eq!(
        found.len(),
        1,
        "expected exactly one diagnostic `{message}` among:\n{diags:#?}"
    );
    found[0]
}

/// Every file under `dir` (hidden ones too), by `/`-separated relative path, with its bytes.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = rel_path(base, &path);
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

/// Every folder under `dir`, relative, `/`-separated.
pub(crate) fn folders(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    fn walk(base: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.insert(rel_path(base, &path));
                walk(base, &path, out);
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

fn rel_path(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap()
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Asserts two snapshots are byte-identical, naming the first files that differ.
#[track_caller]
pub(crate) fn assert_same_tree(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) {
    let names_a: Vec<&String> = a.keys().collect();
    let names_b: Vec<&String> = b.keys().collect();
    assert_eq!(names_a, names_b, "the two outputs hold different files");
    let differing: Vec<&String> = a.keys().filter(|k| a[*k] != b[*k]).collect();
    assert!(differing.is_empty(), "these files differ: {differing:?}");
}

/// The HTML files of a built site, relative to `out`, sorted.
pub(crate) fn html_files(out: &Path) -> Vec<String> {
    snapshot(out)
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .collect()
}

/// Parses a built HTML file.
pub(crate) fn parse_html(path: &Path) -> Html {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Html::parse_document(&text)
}

/// A CSS selector (panics on a typo in the test).
pub(crate) fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
}

/// An element's text with runs of white space made single spaces, as a reader sees it.
pub(crate) fn text_of(el: scraper::ElementRef<'_>) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The site address a built file is served at: `a/b/index.html` → `/a/b/`,
/// `404.html` → `/404.html`.
pub(crate) fn url_of(rel: &str) -> String {
    match rel.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{rel}"),
    }
}

/// A reference found in a page: which element and attribute, and its value.
#[derive(Debug, Clone)]
pub(crate) struct Ref {
    /// `a`, `link`, `script` or `img`.
    pub tag: String,
    /// The attribute's value as written.
    pub value: String,
}

/// Every `a[href]`, `link[href]`, `script[src]` and `img[src]` of a page.
pub(crate) fn refs(doc: &Html) -> Vec<Ref> {
    let mut out = Vec::new();
    for (css, attr) in [
        ("a[href]", "href"),
        ("link[href]", "href"),
        ("script[src]", "src"),
        ("img[src]", "src"),
    ] {
        for el in doc.select(&sel(css)) {
            out.push(Ref {
                tag: el.value().name().to_owned(),
                value: el.value().attr(attr).unwrap_or_default().to_owned(),
            });
        }
    }
    out
}

/// Whether a reference leaves the site (has a scheme such as `https:` or `mailto:`, or starts
/// with `//`).
pub(crate) fn is_external(href: &str) -> bool {
    if href.starts_with("//") {
        return true;
    }
    let scheme_end = href.find(':');
    let path_end = href.find(['/', '?', '#']).unwrap_or(href.len());
    scheme_end.is_some_and(|i| i > 0 && i < path_end)
}

/// Every `id` in a page.
pub(crate) fn ids(doc: &Html) -> BTreeSet<String> {
    doc.select(&sel("[id]"))
        .filter_map(|e| e.value().attr("id").map(str::to_owned))
        .collect()
}

/// Where an internal reference leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    /// The site address (`/a/b/`, `/style.css`), percent-decoded.
    pub url: String,
    /// The fragment, percent-decoded, if any.
    pub fragment: Option<String>,
}

/// Resolves `href` from a page at site address `page_url` as a browser would. Addresses
/// starting with `/` are taken from the server root and must start with `base_path`.
/// Returns `Err` with a reason when the reference cannot lead anywhere in the site.
pub(crate) fn resolve(page_url: &str, href: &str, base_path: &str) -> Result<Target, String> {
    let (rest, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (href, None),
    };
    let path = rest.split('?').next().unwrap_or(rest);
    let joined = if path.is_empty() {
        page_url.to_owned()
    } else if let Some(abs) = path.strip_prefix('/') {
        let abs = format!("/{abs}");
        match abs.strip_prefix(base_path) {
            Some(inside) => format!("/{inside}"),
            None => return Err(format!("`{href}` is outside the base path `{base_path}`")),
        }
    } else {
        let dir = &page_url[..=page_url.rfind('/').expect("site addresses start with /")];
        format!("{dir}{path}")
    };
    // Normalise `.` and `..` segments, as a browser does.
    let ends_dir = joined.ends_with('/') || joined.ends_with("/.") || joined.ends_with("/..");
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!("`{href}` climbs above the site's root"));
                }
            }
            s => parts.push(s),
        }
    }
    let mut url = format!("/{}", parts.join("/"));
    if ends_dir && !url.ends_with('/') {
        url.push('/');
    }
    Ok(Target {
        url: percent_decode(&url),
        fragment,
    })
}

/// The file a site address is served from: `/a/` → `a/index.html`.
pub(crate) fn file_of(out: &Path, url: &str) -> PathBuf {
    let rel = url.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        out.join(format!("{rel}index.html"))
    } else {
        out.join(rel)
    }
}

/// Decodes `%XX` escapes.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("decoded UTF-8")
}

/// Checks every internal reference of every HTML page under `out`: the file it leads to exists
/// and the fragment is an id there. Returns one line per problem. `base_path` is what links
/// starting with `/` must begin with (they are allowed only where `absolute_ok` says so).
pub(crate) fn broken_refs(
    out: &Path,
    base_path: &str,
    absolute_ok: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut problems = Vec::new();
    let mut id_cache: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    for rel in html_files(out) {
        let doc = parse_html(&out.join(&rel));
        let page_url = url_of(&rel);
        for r in refs(&doc) {
            let href = r.value.trim();
            if href != r.value {
                problems.push(format!(
                    "{rel}: <{}> `{}` has spaces around it",
                    r.tag, r.value
                ));
            }
            if is_external(href) {
                continue;
            }
            if href.starts_with('/') && !absolute_ok(&rel) {
                problems.push(format!(
                    "{rel}: <{}> `{href}` is absolute; links must be relative",
                    r.tag
                ));
            }
            let target = match resolve(&page_url, href, base_path) {
                Ok(t) => t,
                Err(e) => {
                    problems.push(format!("{rel}: <{}> {e}", r.tag));
                    continue;
                }
            };
            let file = file_of(out, &target.url);
            if !file.is_file() {
                problems.push(format!(
                    "{rel}: <{}> `{href}` leads to `{}`, which does not exist",
                    r.tag, target.url
                ));
                continue;
            }
            if let Some(fragment) = target.fragment.filter(|f| !f.is_empty()) {
                let ids = id_cache
                    .entry(file.clone())
                    .or_insert_with(|| ids(&parse_html(&file)));
                if !ids.contains(&fragment) {
                    problems.push(format!(
                        "{rel}: <{}> `{href}`: no id `{fragment}` in `{}`",
                        r.tag, target.url
                    ));
                }
            }
        }
    }
    problems
}

/// The values of attribute `name` on the elements that match `css`, in document order.
pub(crate) fn attrs<'a>(doc: &'a Html, css: &str, name: &str) -> Vec<&'a str> {
    doc.select(&sel(css))
        .filter_map(|e| e.value().attr(name))
        .collect()
}

/// A redirect page: a meta refresh, a canonical link and a visible link, all to `target`.
pub(crate) fn check_redirect(out: &Path, alias: &str, target: &str, base_url: &str) {
    let doc = parse_html(&file_of(out, alias));
    let refresh: Vec<&str> = attrs(&doc, "meta[http-equiv=refresh]", "content");
    assert_eq!(refresh.len(), 1, "{alias}: one meta refresh");
    let (delay, url) = refresh[0].split_once(';').unwrap();
    assert_eq!(delay.trim(), "0");
    let href = url.trim().strip_prefix("url=").unwrap();
    assert_eq!(resolve(alias, href, "/").unwrap().url, target);
    let canonical: Vec<&str> = attrs(&doc, "link[rel=canonical]", "href");
    assert_eq!(
        canonical,
        [format!("{base_url}{}", target.trim_start_matches('/'))]
    );
    let visible: Vec<String> = doc
        .select(&sel("body a[href]"))
        .map(|a| {
            resolve(alias, a.value().attr("href").unwrap(), "/")
                .unwrap()
                .url
        })
        .collect();
    assert!(
        visible.contains(&target.to_owned()),
        "{alias}: no visible link"
    );
}

/// The text of the page's front matter, parsed as YAML.
pub(crate) fn front_matter(path: &Path) -> serde_yaml::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
        .unwrap_or_else(|| panic!("{} has no front matter", path.display()));
    let end = rest
        .find("\n---")
        .unwrap_or_else(|| panic!("{} front matter never closes", path.display()));
    serde_yaml::from_str(&rest[..end + 1]).unwrap()
}

/// A string field of parsed front matter.
pub(crate) fn fm_str<'a>(fm: &'a serde_yaml::Value, key: &str) -> Option<&'a str> {
    fm.get(key).and_then(|v| v.as_str())
}

/// An element of a small XML document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Xml {
    /// The tag name as written.
    pub name: String,
    /// Attributes in order.
    pub attrs: Vec<(String, String)>,
    /// Child elements in order.
    pub children: Vec<Xml>,
    /// The text directly inside, entities decoded.
    pub text: String,
}

impl Xml {
    /// An attribute's value.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The child elements named `name`.
    pub(crate) fn all<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a Xml> + 'a {
        let name = name.to_owned();
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The only child named `name`, or panics.
    #[track_caller]
    pub(crate) fn one(&self, name: &str) -> &Xml {
        let found: Vec<&Xml> = self.all(name).collect();
        assert_eq!(found.len(), 1, "<{}> must hold one <{name}>", self.name);
        found[0]
    }
}

/// Parses a well-formed XML document (declaration, elements, attributes, text, the five
/// predefined entities and numeric references; no DTDs, CDATA or comments, which medleaf never
/// writes). Any malformation is an error, which is what the tests want to catch.
pub(crate) fn parse_xml(text: &str) -> Result<Xml, String> {
    let rest = text
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .ok_or("missing or unexpected XML declaration")?;
    let mut stack: Vec<Xml> = vec![Xml::default()];
    let mut i = 0;
    let b = rest.as_bytes();
    while i < b.len() {
        if b[i] == b'<' {
            let end = rest[i..].find('>').ok_or("unclosed tag")? + i;
            let tag = &rest[i + 1..end];
            i = end + 1;
            if let Some(name) = tag.strip_prefix('/') {
                let el = stack.pop().ok_or("stray end tag")?;
                if el.name != name.trim() {
                    return Err(format!("</{name}> closes <{}>", el.name));
                }
                stack.last_mut().ok_or("stray end tag")?.children.push(el);
                continue;
            }
            let (tag, self_closing) = match tag.strip_suffix('/') {
                Some(t) => (t, true),
                None => (tag, false),
            };
            let mut el = parse_tag(tag)?;
            el.text.clear();
            if self_closing {
                stack.last_mut().unwrap().children.push(el);
            } else {
                stack.push(el);
            }
        } else {
            let end = rest[i..].find('<').map_or(b.len(), |j| j + i);
            let raw = &rest[i..end];
            let top = stack.last_mut().unwrap();
            if top.name.is_empty() && !raw.trim().is_empty() {
                return Err("text outside the root element".into());
            }
            top.text.push_str(&decode_entities(raw)?);
            i = end;
        }
    }
    if stack.len() != 1 {
        return Err(format!("<{}> is never closed", stack.last().unwrap().name));
    }
    let mut doc = stack.pop().unwrap();
    if doc.children.len() != 1 {
        return Err("an XML document has exactly one root element".into());
    }
    Ok(doc.children.pop().unwrap())
}

fn parse_tag(tag: &str) -> Result<Xml, String> {
    let tag = tag.trim();
    let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
    let name = &tag[..name_end];
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || ":-_.".contains(c))
    {
        return Err(format!("bad tag name `{name}`"));
    }
    let mut attrs = Vec::new();
    let mut rest = tag[name_end..].trim_start();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or_else(|| format!("bad attribute in <{tag}>"))?;
        let key = rest[..eq].trim().to_owned();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next().ok_or("attribute without value")?;
        if quote != '"' && quote != '\'' {
            return Err(format!("unquoted attribute in <{tag}>"));
        }
        let close = after[1..]
            .find(quote)
            .ok_or_else(|| format!("unclosed attribute in <{tag}>"))?;
        let value = decode_entities(&after[1..1 + close])?;
        if attrs.iter().any(|(k, _)| *k == key) {
            return Err(format!("attribute `{key}` repeated in <{tag}>"));
        }
        attrs.push((key, value));
        rest = after[close + 2..].trim_start();
    }
    Ok(Xml {
        name: name.to_owned(),
        attrs,
        ..Xml::default()
    })
}

fn decode_entities(s: &str) -> Result<String, String> {
    if s.contains('<') {
        return Err("`<` in text".into());
    }
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';').ok_or("`&` without `;`")? + i;
        let name = &rest[i + 1..end];
        let c = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            n if n.starts_with("#x") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32)
                .ok_or("bad character reference")?,
            n if n.starts_with('#') => n[1..]
                .parse()
                .ok()
                .and_then(char::from_u32)
                .ok_or("bad character reference")?,
            n => return Err(format!("unknown entity `&{n};`")),
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Whether `s` is an RFC 3339 UTC timestamp such as `2026-11-16T00:00:00Z`.
pub(crate) fn is_rfc3339_utc(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}
