//! Site search (issue 5): what the Pagefind index holds and what it leaves out, the search box
//! and page, `search.enabled: false`, determinism and the build summary.
//!
//! The fixture `tests/fixtures/search-site` marks every part of a page that must never be
//! indexed with a distinctive word: the site's name "Numbat" (header, footer), the disclaimer
//! line "Ocelot", the reviewer "Quokka", the source "Wombat", the topic "Kestrel", and
//! "platypus" in the description of the page that another page lists under related articles.
//! The index is read back from Pagefind's fragment files (gzip, a `pagefind_dcd` signature,
//! then JSON): a fragment's `content` is the text its words were indexed from.

mod common;

use std::collections::BTreeMap;
use std::io::Read;

use common::{Site, fixture, parse_html, sel, snapshot};

/// One page's record in the index.
#[derive(Debug, serde::Deserialize)]
struct Fragment {
    url: String,
    content: String,
    meta: BTreeMap<String, String>,
    #[serde(default)]
    anchors: Vec<Anchor>,
}

#[derive(Debug, serde::Deserialize)]
struct Anchor {
    element: String,
    id: String,
    text: String,
}

fn decode(bytes: &[u8]) -> Fragment {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .expect("fragments are gzip");
    let json = text
        .strip_prefix("pagefind_dcd")
        .expect("fragments start with Pagefind's signature");
    serde_json::from_str(json).expect("fragments are JSON")
}

/// Builds the search fixture and returns it with its index, by page address.
fn built() -> (Site, BTreeMap<String, Fragment>) {
    let site = fixture("search-site");
    site.build(&[]).assert_code(0);
    let fragments = fragments(&site);
    (site, fragments)
}

fn fragments(site: &Site) -> BTreeMap<String, Fragment> {
    snapshot(&site.public().join("pagefind"))
        .into_iter()
        .filter(|(path, _)| path.ends_with(".pf_fragment"))
        .map(|(_, bytes)| decode(&bytes))
        .map(|f| (f.url.clone(), f))
        .collect()
}

#[test]
fn only_articles_and_plain_pages_are_indexed() {
    let (_site, index) = built();
    let urls: Vec<&str> = index.keys().map(String::as_str).collect();
    // Not the home page or listings, topics, the glossary, the disclaimer page, the search
    // page, 404 or the alias redirect.
    assert_eq!(
        urls,
        ["/about/", "/conditions/leukopenia/", "/tests/blood-count/"]
    );
}

#[test]
fn titles_descriptions_headings_and_body_are_indexed() {
    let (_site, index) = built();
    let page = &index["/conditions/leukopenia/"];
    assert_eq!(page.meta["title"], "Leukopenia");
    assert_eq!(
        page.meta["description"],
        "A low white blood cell count has many causes."
    );
    for words in [
        "Leukopenia.",
        "A low white blood cell count has many causes.",
        "Eat some marmalade.",
        "Feeling tired.",
        "Tiredness is common.",
    ] {
        assert!(page.content.contains(words), "{words:?} not indexed");
    }
    // Headings with ids become sub-results that link to the heading.
    let anchors: Vec<(&str, &str, &str)> = page
        .anchors
        .iter()
        .map(|a| (a.element.as_str(), a.id.as_str(), a.text.as_str()))
        .collect();
    assert_eq!(
        anchors,
        [
            ("h2", "feeling-tired", "Feeling tired"),
            ("h2", "when-to-get-help", "When to get help")
        ]
    );
}

#[test]
fn condition_names_and_glossary_terms_are_indexed() {
    let (site, index) = built();
    // "low white count" is only in the front matter's `condition.also_called`.
    let leukopenia = &index["/conditions/leukopenia/"];
    assert!(leukopenia.content.contains("low white count, leucopenia"));
    assert_eq!(
        leukopenia.meta["also_called"],
        "low white count, leucopenia"
    );
    // The page links "neutrophils"; the glossary's other name it does not use is indexed too.
    assert!(leukopenia.content.contains("granulocytes"));

    // "ANC" is nowhere in the blood count page's text, but the glossary says the page explains
    // the absolute neutrophil count, also called ANC.
    assert!(!site.read("content/tests/blood-count.md").contains("ANC"));
    let blood_count = &index["/tests/blood-count/"];
    assert_eq!(
        blood_count.meta["explains"],
        "absolute neutrophil count, ANC"
    );
    assert_eq!(blood_count.content.matches("ANC").count(), 1);

    // The labels of those hidden lists are not indexed.
    for page in index.values() {
        assert!(!page.content.contains("Also called"), "{}", page.url);
        assert!(!page.content.contains("Explains"), "{}", page.url);
    }
}

#[test]
fn navigation_footer_sources_review_related_and_disclaimer_are_not_indexed() {
    let (site, index) = built();
    // Make sure the words are really on the pages, so their absence from the index means
    // something.
    let page = site.read("public/conditions/leukopenia/index.html");
    for word in [
        "Numbat", "Ocelot", "Quokka", "Wombat", "Kestrel", "platypus",
    ] {
        assert!(page.contains(word), "{word} is not on the page");
    }
    for fragment in index.values() {
        let text = format!("{} {:?}", fragment.content, fragment.meta);
        for word in ["Numbat", "Ocelot", "Quokka", "Wombat", "Kestrel"] {
            assert!(!text.contains(word), "{word} indexed on {}", fragment.url);
        }
        for word in [
            "Sources",
            "Related articles",
            "Page last reviewed",
            "Topics",
        ] {
            assert!(!text.contains(word), "{word:?} indexed on {}", fragment.url);
        }
    }
    // "platypus" is the blood count page's own description, indexed there but not on the page
    // that lists it as a related article.
    assert!(index["/tests/blood-count/"].content.contains("platypus"));
    assert!(
        !index["/conditions/leukopenia/"]
            .content
            .contains("platypus")
    );
}

#[test]
fn every_page_has_the_search_box_and_the_search_page_explains_itself() {
    let (site, _) = built();
    let out = site.public();
    for (page, root) in [
        ("index.html", "./"),
        ("conditions/leukopenia/index.html", "../../"),
        ("topics/index.html", "../"),
        ("glossary/index.html", "../"),
        ("about/index.html", "../"),
    ] {
        let doc = parse_html(&out.join(page));
        let form = doc
            .select(&sel("header form.site-search[role=search]"))
            .next()
            .unwrap_or_else(|| panic!("no search box in the header of {page}"));
        assert_eq!(form.value().attr("method"), Some("get"));
        assert_eq!(
            form.value().attr("action"),
            Some(format!("{root}search/").as_str())
        );
        let input = form.select(&sel("input[type=search][name=q]")).next();
        let id = input.and_then(|i| i.value().attr("id")).expect("an input");
        let label = form.select(&sel(&format!("label[for={id}]"))).next();
        assert!(label.is_some(), "the box has no visible label on {page}");
    }

    let doc = parse_html(&out.join("search/index.html"));
    assert!(
        doc.select(&sel("form.site-search")).next().is_none(),
        "the search page repeats the header box"
    );
    let status = doc.select(&sel("#search-status")).next().expect("status");
    assert_eq!(status.value().attr("role"), Some("status"));
    assert_eq!(status.value().attr("aria-live"), Some("polite"));
    let no_js = doc.select(&sel("#search-nojs")).next().expect("fallback");
    let text: String = no_js.text().collect();
    assert!(text.contains("Search needs JavaScript"), "{text}");
    let links: Vec<&str> = no_js
        .select(&sel("a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(links.contains(&"../topics/"), "{links:?}");
    let script = doc.select(&sel("script[type=module]")).next().expect("js");
    assert_eq!(script.value().attr("src"), Some("../search.js"));
    assert!(out.join("search.js").is_file());
}

#[test]
fn pages_outside_the_index_carry_no_body_marker() {
    let (site, _) = built();
    let out = site.public();
    for page in [
        "index.html",
        "topics/index.html",
        "glossary/index.html",
        "disclaimer/index.html",
        "search/index.html",
        "404.html",
        "old-leukopenia/index.html",
    ] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        assert!(!html.contains("data-pagefind-body"), "{page} is marked");
    }
}

#[test]
fn the_index_is_chunked_and_holds_only_what_the_page_loads() {
    let (site, _) = built();
    let files = snapshot(&site.public().join("pagefind"));
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    for wanted in ["pagefind.js", "pagefind-worker.js", "pagefind-entry.json"] {
        assert!(names.contains(&wanted), "no {wanted} in {names:?}");
    }
    assert!(names.iter().any(|n| n.starts_with("wasm.")));
    assert!(names.iter().any(|n| n.ends_with(".pf_meta")));
    assert!(names.iter().any(|n| n.starts_with("index/")));
    assert_eq!(
        names.iter().filter(|n| n.starts_with("fragment/")).count(),
        3
    );
    // Pagefind's own interfaces are not shipped: the theme has its own.
    assert!(!names.iter().any(|n| n.contains("-ui")), "{names:?}");
}

#[test]
fn search_enabled_false_turns_everything_off() {
    let site = fixture("search-site");
    site.write(
        "site.yaml",
        "title: Numbat Health\nbase_url: https://search.example/\nsearch: {enabled: false}\n",
    );
    // A link to the search page is then broken, like any link to a page that does not exist.
    site.write(
        "content/_index.md",
        "---\ntitle: Home\n---\n\nStart with [leukopenia](conditions/leukopenia.md).\n",
    );
    let run = site.build(&[]);
    run.assert_code(0);
    assert!(!run.stdout.contains("search"), "{}", run.stdout);
    let out = site.public();
    assert!(!out.join("pagefind").exists());
    assert!(!out.join("search").exists());
    assert!(!out.join("search.js").exists());
    for (path, bytes) in snapshot(&out) {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            assert!(!html.contains("site-search"), "search box on {path}");
            assert!(
                !html.contains("data-pagefind"),
                "pagefind attribute on {path}"
            );
        }
    }

    site.write(
        "content/about.md",
        "---\ntitle: About\nkind: page\n---\n\nUse the [search page](/search/).\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(run.stderr.contains("/search/"), "{}", run.stderr);
}

#[test]
fn a_link_to_the_search_page_is_checked_and_valid() {
    // The fixture's home page links `/search/`; with search on that is a generated page.
    let (site, _) = built();
    let home = site.read("public/index.html");
    assert!(home.contains("href=\"search/\""), "{home}");
}

#[test]
fn the_summary_reports_index_size_and_time() {
    let site = fixture("search-site");
    let run = site.build(&[]);
    run.assert_code(0);
    let line = run.stdout.lines().last().unwrap_or_default();
    // `...; search index: 3 pages, 0.2 MB in 12 ms)`
    let tail = line
        .split("; search index: ")
        .nth(1)
        .unwrap_or_else(|| panic!("no search figures in {line:?}"));
    let (pages, rest) = tail.split_once(" pages, ").expect("page count");
    assert_eq!(pages, "3");
    let (mb, rest) = rest.split_once(" MB in ").expect("size");
    let mb: f64 = mb.parse().expect("a size in MB");
    assert!(mb > 0.0);
    let ms = rest.strip_suffix(" ms)").expect("a time in ms");
    ms.parse::<u64>().expect("a whole number of ms");
}

#[test]
fn the_index_is_byte_identical_across_builds() {
    let site = fixture("search-site");
    let a = site.scratch().join("a");
    let b = site.scratch().join("b");
    for out in [&a, &b] {
        site.build(&["--output", out.to_str().unwrap()])
            .assert_code(0);
    }
    common::assert_same_tree(
        &snapshot(&a.join("pagefind")),
        &snapshot(&b.join("pagefind")),
    );
}

#[test]
fn the_search_page_uses_relative_addresses_at_a_sub_path() {
    let site = fixture("search-site");
    site.build(&["--base-url", "https://example.org/sub/path/"])
        .assert_code(0);
    let search = site.read("public/search/index.html");
    for needle in [
        "src=\"../search.js\"",
        "href=\"../style.css\"",
        "action=\"./\"",
    ] {
        assert!(search.contains(needle), "{needle} not in {search}");
    }
    let leukopenia = site.read("public/conditions/leukopenia/index.html");
    assert!(leukopenia.contains("action=\"../../search/\""));
    // The script finds the index next to itself, whatever the sub-path.
    let js = site.read("public/search.js");
    assert!(js.contains("new URL(\"pagefind/pagefind.js\", import.meta.url)"));
}
