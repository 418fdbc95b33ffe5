//! The example site in the repository root, built like a user would: every page it should
//! have is there, every internal reference and fragment in every page resolves, and the
//! generated files (topics, listings, glossary, sitemap, robots.txt, feed, 404, alias
//! redirects) say what they should. Expectations are worked out from the content files
//! themselves, so the tests keep checking the right thing as articles are added.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use crate::common::{Site, front_matter, parse_html, sel, text_of};

const BASE_URL: &str = "https://example.org/";

/// The example site, built once for every test in this file.
struct Built {
    site: Site,
    run: crate::common::Run,
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let site = crate::common::example_site();
        let run = site.build(&[]);
        run.assert_code(0);
        Built { site, run }
    })
}

fn out() -> PathBuf {
    built().site.public()
}

/// One content page as its front matter and path describe it.
#[derive(Debug)]
struct ContentPage {
    /// Relative to `content/` (`conditions/leukemia.md`).
    rel: String,
    fm: serde_yaml::Value,
    url: String,
    /// The language code in the file name (`leukemia.es.md` → `es`), `None` for the site's
    /// default language.
    lang: Option<String>,
}

/// The languages of the example site: `None` (the default, at the root) and each code of
/// `languages:` in site.yaml (at `/<code>/`).
fn languages() -> Vec<Option<String>> {
    let config: serde_yaml::Value = serde_yaml::from_str(&built().site.read("site.yaml")).unwrap();
    let mut langs = vec![None];
    if let Some(map) = config.get("languages").and_then(|l| l.as_mapping()) {
        langs.extend(map.keys().map(|k| Some(k.as_str().unwrap().to_owned())));
    }
    langs
}

/// The address prefix of a language: `/` or `/es/`.
fn lang_prefix(lang: Option<&str>) -> String {
    lang.map_or_else(|| "/".to_owned(), |l| format!("/{l}/"))
}

/// The `<html lang>` tag of a language, from site.yaml.
fn lang_tag(lang: Option<&str>) -> String {
    let config: serde_yaml::Value = serde_yaml::from_str(&built().site.read("site.yaml")).unwrap();
    let tag = match lang {
        None => config.get("language"),
        Some(l) => config["languages"][l].get("language"),
    };
    tag.and_then(|t| t.as_str()).unwrap().to_owned()
}

/// The interface strings of a language (`i18n/<code>.yaml` of the repository).
fn catalog(lang: Option<&str>) -> serde_yaml::Value {
    let code = lang.unwrap_or("en");
    serde_yaml::from_str(&built().site.read(&format!("i18n/{code}.yaml"))).unwrap()
}

/// The language of a built file, from its first folder.
fn lang_of_output(rel: &str) -> Option<String> {
    let first = rel.split('/').next().unwrap();
    languages()
        .into_iter()
        .flatten()
        .find(|l| rel.contains('/') && l == first)
}

impl ContentPage {
    fn title(&self) -> &str {
        crate::common::fm_str(&self.fm, "title").expect("every page has a title")
    }

    fn is_index(&self) -> bool {
        self.rel.rsplit('/').next().unwrap().starts_with("_index.")
    }

    fn is_article(&self) -> bool {
        !self.is_index() && crate::common::fm_str(&self.fm, "kind") != Some("page")
    }

    fn dir(&self) -> &str {
        self.rel.rsplit_once('/').map_or("", |(d, _)| d)
    }

    fn list(&self, key: &str) -> Vec<String> {
        self.fm
            .get(key)
            .and_then(|v| v.as_sequence())
            .map(|s| s.iter().map(|v| v.as_str().unwrap().to_owned()).collect())
            .unwrap_or_default()
    }
}

/// The language code of a content file's name (`leukemia.es.md` → `es`), if it is one of the
/// site's languages.
fn lang_of_source(rel: &str) -> Option<String> {
    let stem = rel.strip_suffix(".md").unwrap();
    let (_, code) = stem.rsplit_once('.')?;
    languages().into_iter().flatten().find(|l| l == code)
}

/// The address a content file should get: its path under its language's prefix, with
/// `slug:` replacing the last part.
fn expected_url(rel: &str, fm: &serde_yaml::Value) -> String {
    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let lang = lang_of_source(rel);
    let mut stem = name.strip_suffix(".md").unwrap();
    if let Some(code) = &lang {
        stem = stem.strip_suffix(&format!(".{code}")).unwrap();
    }
    let root = lang_prefix(lang.as_deref());
    let prefix = if dir.is_empty() {
        root
    } else {
        format!("{root}{dir}/")
    };
    if stem == "_index" {
        prefix
    } else {
        let last = crate::common::fm_str(fm, "slug").unwrap_or(stem);
        format!("{prefix}{last}/")
    }
}

/// Every published page of the example site, read from `content/`.
fn content_pages() -> &'static [ContentPage] {
    static PAGES: OnceLock<Vec<ContentPage>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let content = built().site.path("content");
        let mut pages = Vec::new();
        for rel in crate::common::snapshot(&content).into_keys() {
            if !rel.ends_with(".md") {
                continue;
            }
            let fm = front_matter(&content.join(&rel));
            if fm.get("draft").and_then(|d| d.as_bool()) == Some(true) {
                continue;
            }
            let url = expected_url(&rel, &fm);
            let lang = lang_of_source(&rel);
            pages.push(ContentPage { rel, fm, url, lang });
        }
        assert!(pages.len() >= 13, "the example site has lost pages");
        pages
    })
}

fn page_by_rel(rel: &str) -> &'static ContentPage {
    content_pages()
        .iter()
        .find(|p| p.rel == rel)
        .unwrap_or_else(|| panic!("no content page {rel}"))
}

/// The site addresses the `a` elements matching `css` in the file for `url` lead to.
fn link_targets(url: &str, css: &str) -> Vec<String> {
    let doc = parse_html(&crate::common::file_of(&out(), url));
    doc.select(&sel(css))
        .map(|a| {
            let href = a.value().attr("href").unwrap();
            crate::common::resolve(url, href, "/")
                .unwrap_or_else(|e| panic!("{url}: {e}"))
                .url
        })
        .collect()
}

/// Joins a link written in a content file (`../tests/cbc.md`) to a path relative to `content/`.
fn join_content(dir: &str, link: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in link.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop().expect("link stays inside content/");
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[test]
fn builds_with_exit_0_and_one_summary_line() {
    let run = &built().run;
    let n = content_pages().len();
    let line = run.stdout.trim_end();
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    let rest = line
        .strip_prefix(&format!("built {n} pages in "))
        .unwrap_or_else(|| panic!("unexpected summary `{line}`"));
    let (ms, _) = rest.split_once(" ms").expect("time in ms");
    assert!(ms.parse::<u64>().is_ok(), "`{ms}` is not a number of ms");
    // The example is what authors copy: not even a warning.
    assert_eq!(
        run.diagnostics(),
        [],
        "the example site must build cleanly:\n{}",
        run.stderr
    );
}

#[test]
fn every_content_page_has_its_index_html_with_its_title_as_h1() {
    for page in content_pages() {
        let file = crate::common::file_of(&out(), &page.url);
        assert!(
            file.is_file(),
            "{} should be built at {}",
            page.rel,
            page.url
        );
        let doc = parse_html(&file);
        let h1: Vec<String> = doc.select(&sel("h1")).map(text_of).collect();
        assert_eq!(h1, [page.title()], "{}", page.rel);
    }
}

#[test]
fn every_folder_has_a_listing_that_lists_its_pages() {
    let content = built().site.path("content");
    let dirs = crate::common::folders(&content);
    assert!(dirs.len() >= 4, "{dirs:?}");
    // Each language has a listing of every folder, linking to that language's pages there.
    for lang in languages() {
        for dir in &dirs {
            let url = format!("{}{dir}/", lang_prefix(lang.as_deref()));
            let file = crate::common::file_of(&out(), &url);
            assert!(file.is_file(), "no listing page {url} for content/{dir}/");
            let targets: BTreeSet<String> = link_targets(&url, "main a").into_iter().collect();
            let here = content_pages()
                .iter()
                .filter(|p| p.dir() == dir && p.lang == lang);
            for page in here {
                if page.is_index() {
                    // The `_index.md` title is the listing's heading.
                    let doc = parse_html(&file);
                    let h1 = doc.select(&sel("h1")).map(text_of).next().unwrap();
                    assert_eq!(h1, page.title(), "{url}");
                } else {
                    assert!(
                        targets.contains(&page.url),
                        "the listing {url} does not link to {}",
                        page.rel
                    );
                }
            }
        }
    }
}

#[test]
fn topic_pages_list_their_articles_with_descriptions() {
    for lang in languages() {
        topics_of_language(lang.as_deref());
    }
}

/// The topics index of one language lists that language's topics, and each topic page lists
/// its articles with their descriptions.
fn topics_of_language(lang: Option<&str>) {
    let mut topics: BTreeMap<String, Vec<&ContentPage>> = BTreeMap::new();
    let articles = content_pages()
        .iter()
        .filter(|p| p.is_article() && p.lang.as_deref() == lang);
    for page in articles {
        for t in page.list("topics") {
            topics.entry(t).or_default().push(page);
        }
    }
    assert!(topics.len() >= 5, "{lang:?}: {topics:?}");
    let index = format!("{}topics/", lang_prefix(lang));
    let doc = parse_html(&crate::common::file_of(&out(), &index));
    let listed: BTreeMap<String, String> = doc
        .select(&sel("main a"))
        .map(|a| (text_of(a), a.value().attr("href").unwrap().to_owned()))
        .collect();
    for (name, articles) in &topics {
        let href = listed
            .get(name)
            .unwrap_or_else(|| panic!("{index} does not list `{name}`: {listed:?}"));
        let url = crate::common::resolve(&index, href, "/").unwrap().url;
        assert!(url.starts_with(&index) && url.len() > index.len());
        let page = parse_html(&crate::common::file_of(&out(), &url));
        assert_eq!(page.select(&sel("h1")).map(text_of).next().unwrap(), *name);
        for article in articles {
            let item = page
                .select(&sel("main li"))
                .find(|li| {
                    li.select(&sel("a")).any(|a| {
                        crate::common::resolve(&url, a.value().attr("href").unwrap(), "/")
                            .unwrap()
                            .url
                            == article.url
                    })
                })
                .unwrap_or_else(|| panic!("topic `{name}` does not list {}", article.rel));
            let description = crate::common::fm_str(&article.fm, "description").unwrap();
            assert!(
                text_of(item).contains(description.trim()),
                "topic `{name}` shows no description for {}",
                article.rel
            );
        }
    }
}

#[test]
fn glossary_page_has_an_entry_for_every_term() {
    for lang in languages() {
        glossary_of_language(lang.as_deref());
    }
}

/// The glossary page of one language shows every term of that language's glossary file.
fn glossary_of_language(lang: Option<&str>) {
    let file = lang.map_or_else(
        || "content/glossary.yaml".to_owned(),
        |l| format!("content/glossary.{l}.yaml"),
    );
    let glossary: serde_yaml::Value = serde_yaml::from_str(&built().site.read(&file)).unwrap();
    let terms: Vec<&str> = glossary
        .as_mapping()
        .unwrap()
        .keys()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert!(terms.len() >= 10);
    let url = format!("{}glossary/", lang_prefix(lang));
    let doc = parse_html(&crate::common::file_of(&out(), &url));
    let shown: BTreeSet<String> = doc.select(&sel("dt[id]")).map(text_of).collect();
    for term in terms {
        assert!(
            shown.contains(term),
            "the glossary page {url} lacks `{term}`"
        );
    }
}

#[test]
fn every_internal_reference_and_fragment_resolves() {
    let problems = crate::common::broken_refs(&out(), "/", is_not_found_page);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The check really looked at the site.
    let pages = crate::common::html_files(&out());
    assert!(pages.len() > content_pages().len() + 5, "{pages:?}");
}

#[test]
fn every_page_has_one_h1_and_a_language() {
    for rel in crate::common::html_files(&out()) {
        let doc = parse_html(&out().join(&rel));
        assert_eq!(doc.select(&sel("h1")).count(), 1, "{rel} must have one h1");
        let lang: Vec<&str> = crate::common::attrs(&doc, "html", "lang");
        assert_eq!(
            lang,
            [lang_tag(lang_of_output(&rel).as_deref())],
            "{rel}: <html lang> must be site.yaml's tag for the page's language"
        );
    }
}

#[test]
fn no_reference_points_at_a_markdown_file() {
    for rel in crate::common::html_files(&out()) {
        let doc = parse_html(&out().join(&rel));
        for r in crate::common::refs(&doc) {
            if crate::common::is_external(&r.value) {
                continue;
            }
            let path = r.value.split(['#', '?']).next().unwrap();
            assert!(
                !path.ends_with(".md") && !path.contains(".md/"),
                "{rel}: <{}> `{}` points at Markdown",
                r.tag,
                r.value
            );
        }
    }
}

#[test]
fn articles_show_related_articles_explicit_first_and_backlinks() {
    // Which pages link to which, read from the rendered bodies.
    let mut linked_from: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for page in content_pages() {
        for target in link_targets(&page.url, ".article-body a[href]") {
            if target != page.url {
                linked_from
                    .entry(target)
                    .or_default()
                    .insert(page.url.clone());
            }
        }
    }
    let mut articles = 0;
    for page in content_pages().iter().filter(|p| p.is_article()) {
        articles += 1;
        let related = link_targets(&page.url, "#page-related a");
        assert!(!related.is_empty(), "{} has no related articles", page.rel);
        // At most five related articles (README, "Related articles"), more only when the author
        // listed more in `related:`.
        assert!(related.len() <= 5.max(page.list("related").len()));
        let unique: BTreeSet<&String> = related.iter().collect();
        assert_eq!(
            unique.len(),
            related.len(),
            "{}: repeated related",
            page.rel
        );
        assert!(
            !related.contains(&page.url),
            "{} is related to itself",
            page.rel
        );
        let explicit: Vec<String> = page
            .list("related")
            .iter()
            .map(|r| page_by_rel(&join_content(page.dir(), r)).url.clone())
            .collect();
        assert!(!explicit.is_empty(), "example articles list `related:`");
        assert_eq!(
            related[..explicit.len().min(related.len())],
            explicit[..explicit.len().min(related.len())],
            "{}: `related:` entries come first, in order",
            page.rel
        );
        for r in &related {
            let target = content_pages().iter().find(|p| &p.url == r).unwrap();
            assert!(
                target.is_article(),
                "{}: related {r} is not an article",
                page.rel
            );
        }

        let backlinks: BTreeSet<String> = link_targets(&page.url, "#page-backlinks a")
            .into_iter()
            .collect();
        let expected = linked_from.get(&page.url).cloned().unwrap_or_default();
        assert!(!expected.is_empty(), "no page links to {}", page.rel);
        assert_eq!(backlinks, expected, "{}: pages that link here", page.rel);
        let doc = parse_html(&crate::common::file_of(&out(), &page.url));
        let headings: Vec<String> = doc.select(&sel("section h2")).map(text_of).collect();
        let strings = catalog(page.lang.as_deref());
        for key in ["related_articles", "pages_linking_here"] {
            let heading = strings[key].as_str().unwrap().to_owned();
            assert!(headings.contains(&heading), "{}: no `{heading}`", page.rel);
        }
    }
    assert!(articles >= 10, "the example site has 10 articles at least");
}

#[test]
fn sitemap_lists_every_page_with_absolute_addresses() {
    let xml =
        crate::common::parse_xml(&std::fs::read_to_string(out().join("sitemap.xml")).unwrap())
            .unwrap_or_else(|e| panic!("sitemap.xml is not well-formed: {e}"));
    assert_eq!(xml.name, "urlset");
    assert_eq!(
        xml.attr("xmlns"),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let mut locs = BTreeSet::new();
    for url in xml.all("url") {
        let loc = &url.one("loc").text;
        let path = loc
            .strip_prefix(BASE_URL)
            .unwrap_or_else(|| panic!("`{loc}` does not start with {BASE_URL}"));
        let site_url = crate::common::percent_decode(&format!("/{path}"));
        assert!(
            crate::common::file_of(&out(), &site_url).is_file(),
            "{loc} is not built"
        );
        assert!(locs.insert(site_url.clone()), "{loc} listed twice");
        if let Some(page) = content_pages().iter().find(|p| p.url == site_url) {
            let reviewed = page.fm.get("last_reviewed").and_then(|v| v.as_str());
            let lastmod = url.all("lastmod").next().map(|l| l.text.as_str());
            assert_eq!(lastmod, reviewed, "{loc}: lastmod is the review date");
        }
    }
    // Every page is listed except the 404 page and those that ask not to be indexed (the
    // alias redirects).
    for rel in crate::common::html_files(&out()) {
        let doc = parse_html(&out().join(&rel));
        let noindex = crate::common::attrs(&doc, "meta[name=robots]", "content")
            .into_iter()
            .any(|c| c.contains("noindex"));
        if is_not_found_page(&rel) || noindex {
            assert!(
                !locs.contains(&crate::common::url_of(&rel)),
                "{rel} is in the sitemap"
            );
        } else {
            assert!(
                locs.contains(&crate::common::url_of(&rel)),
                "{rel} is not in the sitemap"
            );
        }
    }
}

#[test]
fn robots_txt_points_at_the_sitemap() {
    let robots = std::fs::read_to_string(out().join("robots.txt")).unwrap();
    let sitemaps: Vec<&str> = robots
        .lines()
        .filter_map(|l| l.strip_prefix("Sitemap: "))
        .collect();
    assert_eq!(sitemaps, [format!("{BASE_URL}sitemap.xml")]);
    assert!(robots.contains("User-agent: *"));
    assert!(
        !robots.lines().any(|l| l.trim() == "Disallow: /"),
        "{robots}"
    );
}

#[test]
fn feed_is_atom_with_the_reviewed_articles_newest_first() {
    for lang in languages() {
        feed_of_language(lang.as_deref());
    }
}

/// One language's feed lists that language's reviewed articles, newest first.
fn feed_of_language(lang: Option<&str>) {
    let feed = format!("{}feed.xml", lang_prefix(lang));
    let rel = feed.trim_start_matches('/');
    let xml = crate::common::parse_xml(&std::fs::read_to_string(out().join(rel)).unwrap())
        .unwrap_or_else(|e| panic!("{feed} is not well-formed: {e}"));
    assert_eq!(xml.name, "feed");
    assert_eq!(xml.attr("xmlns"), Some("http://www.w3.org/2005/Atom"));
    assert!(!xml.one("title").text.trim().is_empty());
    assert!(!xml.one("id").text.trim().is_empty());
    let updated = &xml.one("updated").text;
    assert!(
        crate::common::is_rfc3339_utc(updated),
        "feed updated `{updated}`"
    );
    let self_link: Vec<&str> = xml
        .all("link")
        .filter(|l| l.attr("rel") == Some("self"))
        .filter_map(|l| l.attr("href"))
        .collect();
    assert_eq!(self_link, [format!("{BASE_URL}{rel}")]);
    // An Atom feed needs an author, on the feed or on every entry.
    assert!(xml.all("author").count() == 1 && !xml.one("author").one("name").text.is_empty());

    let reviewed: BTreeMap<&str, (&str, &str)> = content_pages()
        .iter()
        .filter(|p| p.is_article() && p.lang.as_deref() == lang)
        .filter_map(|p| {
            let date = p.fm.get("last_reviewed")?.as_str()?;
            Some((p.title(), (date, p.url.as_str())))
        })
        .collect();
    let entries: Vec<&crate::common::Xml> = xml.all("entry").collect();
    assert_eq!(entries.len(), reviewed.len().min(20));
    let mut previous = String::from("9999");
    for entry in entries {
        let title = entry.one("title").text.as_str();
        let (date, url) = reviewed
            .get(title)
            .unwrap_or_else(|| panic!("feed entry `{title}` is not a reviewed article"));
        let entry_updated = &entry.one("updated").text;
        assert_eq!(*entry_updated, format!("{date}T00:00:00Z"), "{title}");
        assert!(*entry_updated <= previous, "the feed is newest first");
        previous = entry_updated.clone();
        let link = entry.one("link").attr("href").unwrap();
        assert_eq!(link, format!("{BASE_URL}{}", url.trim_start_matches('/')));
        assert_eq!(entry.one("id").text, link);
        assert!(!entry.one("summary").text.trim().is_empty());
    }
    assert!(*updated >= previous);
}

#[test]
fn not_found_page_uses_addresses_from_the_base_path() {
    for lang in languages() {
        let rel = format!("{}404.html", lang_prefix(lang.as_deref()));
        not_found_page(rel.trim_start_matches('/'));
    }
}

/// A language's 404 page, served for any missing address, links from the server's root.
fn not_found_page(rel: &str) {
    let doc = parse_html(&out().join(rel));
    let hrefs: Vec<String> = crate::common::refs(&doc)
        .into_iter()
        .map(|r| r.value)
        .filter(|h| !crate::common::is_external(h) && !h.starts_with('#'))
        .collect();
    assert!(hrefs.len() > 5);
    for h in &hrefs {
        assert!(h.starts_with('/'), "{rel} link `{h}` must be absolute");
    }
    let h1 = doc.select(&sel("h1")).map(text_of).next().unwrap();
    let expected = if rel.contains('/') {
        "Página no encontrada"
    } else {
        "Page not found"
    };
    assert_eq!(h1, expected, "{rel}");
}

/// The 404 pages (one per language), which link from the server's root on purpose.
fn is_not_found_page(rel: &str) -> bool {
    rel == "404.html" || lang_of_output(rel).is_some_and(|l| rel == format!("{l}/404.html"))
}

#[test]
fn aliases_get_redirect_pages() {
    let mut aliases = 0;
    for page in content_pages() {
        for alias in page.list("aliases") {
            aliases += 1;
            let file = crate::common::file_of(&out(), &alias);
            assert!(file.is_file(), "alias {alias} of {} is not built", page.rel);
            crate::common::check_redirect(&out(), &alias, &page.url, BASE_URL);
        }
    }
    assert!(aliases >= 1, "the example site has an alias");
    // The one the issue names.
    crate::common::check_redirect(
        &out(),
        "/low-white-blood-cell-count/",
        "/conditions/leukopenia/",
        BASE_URL,
    );
}

#[test]
fn canonical_links_are_absolute_from_base_url() {
    for page in content_pages() {
        let doc = parse_html(&crate::common::file_of(&out(), &page.url));
        let canonical: Vec<&str> = crate::common::attrs(&doc, "link[rel=canonical]", "href");
        assert_eq!(
            canonical,
            [format!("{BASE_URL}{}", page.url.trim_start_matches('/'))]
        );
    }
}

/// The link checker itself must catch what it is meant to catch, or a passing test above
/// would mean nothing.
#[test]
fn the_link_checker_catches_broken_references() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    std::fs::create_dir_all(out.join("a")).unwrap();
    std::fs::write(
        out.join("index.html"),
        r##"<html lang="en"><body><h1 id="top">Home</h1>
        <a href="a/">ok</a> <a href="a/#x">ok fragment</a> <a href="#top">ok self</a>
        <a href="https://example.org/">external</a> <a href="mailto:a@b.c">mail</a>
        <a href="b/">missing page</a> <a href="a/#nope">missing id</a>
        <img src="/abs.png"> <a href="../up/">above root</a></body></html>"##,
    )
    .unwrap();
    std::fs::write(
        out.join("a/index.html"),
        r#"<html lang="en"><body><h1 id="x">A</h1><a href="../">home</a><a href="..">home too</a></body></html>"#,
    )
    .unwrap();
    let problems = crate::common::broken_refs(out, "/", |_| false);
    let text = problems.join("\n");
    // `/abs.png` is both absolute and missing.
    assert_eq!(problems.len(), 5, "{text}");
    for bad in [
        "`b/`",
        "`a/#nope`",
        "`/abs.png` is absolute",
        "`/abs.png` leads to",
        "climbs above",
    ] {
        assert!(text.contains(bad), "missed {bad}: {text}");
    }
}

/// Issue 11: one site-wide escalation rule for fever when the count is low, written once as a
/// snippet and shown, the same words, on every page where it applies; an emergency tier for
/// bleeding and spots on the leukemia and women's-symptoms pages.
#[test]
fn the_fever_rule_is_one_snippet_embedded_on_every_page_it_applies_to() {
    let fever = [
        "treatment/neutropenia-after-chemotherapy/",
        "conditions/agranulocytosis-from-medicines/",
        "conditions/leukopenia/",
        "questions/can-leukopenia-turn-into-leukemia/",
        "conditions/myelodysplastic-syndrome/",
        "conditions/aplastic-anemia/",
        "tests/complete-blood-count/",
        "conditions/duffy-null-associated-neutrophil-count/",
    ];
    let bleeding = [
        "conditions/leukemia/",
        "questions/blood-cancer-symptoms-in-women/",
    ];
    let body = |url: &str| {
        let doc = parse_html(&out().join(url).join("index.html"));
        text_of(doc.select(&sel(".article-body")).next().unwrap())
    };
    // The rule as the snippet words it: the threshold in both units, call now, the 24-hour
    // number, and the emergency route with the site's number.
    let snippet =
        std::fs::read_to_string(crate::common::repo_root().join("snippets/fever-low-count.md"))
            .unwrap();
    for phrase in [
        "100.4°F (38°C)",
        "even once",
        "24-hour number",
        "{{ emergency_number }}",
    ] {
        assert!(snippet.contains(phrase), "the snippet lacks {phrase:?}");
    }
    for url in fever {
        let text = body(url);
        for phrase in [
            "100.4°F (38°C) or higher, call now, even if it happened only once",
            "Call the 24-hour number your care team gave you",
            "call 911",
        ] {
            assert!(text.contains(phrase), "{url} lacks {phrase:?}");
        }
        // Written once: the page's own file does not repeat it.
        let rel = format!("content/{}.md", url.trim_end_matches('/'));
        let source = std::fs::read_to_string(crate::common::repo_root().join(&rel)).unwrap();
        assert!(
            source.contains("![[fever-low-count]]"),
            "{rel} does not embed the rule"
        );
        // No hand-made copy of the threshold in a card of the page's own, where copies drift.
        assert!(
            !source
                .lines()
                .any(|l| l.starts_with('>') && l.contains("100.4")),
            "{rel} repeats the rule in a care card of its own"
        );
    }
    for url in bleeding {
        let doc = parse_html(&out().join(url).join("index.html"));
        let card = doc.select(&sel(".care-card--emergency")).next();
        assert!(
            card.is_some_and(|c| text_of(c).contains("bleeding")),
            "{url}"
        );
    }
}
