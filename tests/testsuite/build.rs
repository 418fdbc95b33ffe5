//! The valid fixture site (`tests/testsuite/build/valid-site/`): every kind of link an author can
//! write, nested folders with and without `_index.md`, `slug:`, heading ids, a draft, an alias,
//! topics, related articles and backlinks, checked in the built HTML.
//!
//! The fixture's pages, in short (the expectations below follow from them):
//! - `_index.md` links to `conditions/anemia.md` and `tests/blood-count.md`
//! - `about.md` (`kind: page`) links to `_index.md`
//! - `conditions/_index.md` gives the folder a title and intro
//! - `conditions/anemia.md`: two "Symptoms" headings, a `{#why}` heading, an alias
//!   `/old-anemia/`, `related: [../tests/blood-count.md]`, a `../` link with an anchor
//! - `conditions/leukemia.md`: `slug: blood-cancer`, `[text](anemia.md#symptoms-1)`,
//!   `[[anemia]]`, `[[blood-count|the blood test]]`, an image `/images/cells.png`,
//!   `related: [rare/deep-dive.md, anemia.md]`
//! - `conditions/rare/deep-dive.md` (no `_index.md` in `rare/`): `../../` link, `[[leukemia]]`,
//!   a same-page `#details` link
//! - `conditions/secret.md`: `draft: true`
//! - `tests/blood-count.md` (no `_index.md` in `tests/`)

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use crate::common::{Site, parse_html, sel, text_of};

const BASE_URL: &str = "https://fixture.example/";

fn built() -> &'static Site {
    static BUILT: OnceLock<Site> = OnceLock::new();
    BUILT.get_or_init(|| {
        let site = crate::common::fixture("build/valid-site");
        let run = site.build(&[]);
        run.assert_code(0);
        assert_eq!(
            run.stderr, "",
            "the valid fixture must build without any diagnostic"
        );
        assert!(
            run.stdout.starts_with("built 7 pages in "),
            "{}",
            run.stdout
        );
        site
    })
}

fn out() -> PathBuf {
    built().public()
}

/// (link text, where it leads with `#fragment`) for each link matching `css` on page `url`.
fn links(url: &str, css: &str) -> Vec<(String, String)> {
    let doc = parse_html(&crate::common::file_of(&out(), url));
    doc.select(&sel(css))
        .map(|a| {
            let href = a.value().attr("href").unwrap();
            assert!(!href.starts_with('/'), "{url}: `{href}` is not relative");
            let t = crate::common::resolve(url, href, "/").unwrap();
            let target = match t.fragment {
                Some(f) => format!("{}#{f}", t.url),
                None => t.url,
            };
            (text_of(a), target)
        })
        .collect()
}

fn pair(text: &str, target: &str) -> (String, String) {
    (text.to_owned(), target.to_owned())
}

/// Where the links matching `css` on page `url` lead, as a set.
fn targets(url: &str, css: &str) -> BTreeSet<String> {
    links(url, css).into_iter().map(|(_, t)| t).collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn builds_exactly_the_pages_the_content_asks_for() {
    let html: Vec<String> = crate::common::html_files(&out());
    let expected = [
        "404.html",
        "a-z/index.html",
        "about/index.html",
        "conditions/anemia/index.html",
        // `leukemia.md` has `slug: blood-cancer`.
        "conditions/blood-cancer/index.html",
        "conditions/index.html",
        "conditions/rare/deep-dive/index.html",
        // A listing for a folder without `_index.md`.
        "conditions/rare/index.html",
        "index.html",
        // The alias of `anemia.md`.
        "old-anemia/index.html",
        "tests/blood-count/index.html",
        "tests/index.html",
        "topics/blood-tests/index.html",
        "topics/cancer/index.html",
        "topics/index.html",
        "topics/red-blood-cells/index.html",
    ];
    assert_eq!(html, expected);
    for file in [
        "sitemap.xml",
        "feed.xml",
        "robots.txt",
        "style.css",
        "images/cells.png",
    ] {
        assert!(out().join(file).is_file(), "{file} is missing");
    }
    // No glossary.yaml, no glossary page.
    assert!(!out().join("glossary").exists());
}

#[test]
fn every_reference_resolves_and_every_page_is_well_formed() {
    let problems = crate::common::broken_refs(&out(), "/", |rel| rel == "404.html");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for rel in crate::common::html_files(&out()) {
        let doc = parse_html(&out().join(&rel));
        assert_eq!(doc.select(&sel("h1")).count(), 1, "{rel}");
        let lang = doc
            .select(&sel("html"))
            .next()
            .unwrap()
            .value()
            .attr("lang");
        assert_eq!(
            lang,
            Some("en-GB"),
            "{rel}: the language comes from site.yaml"
        );
    }
}

#[test]
fn folders_get_listings_with_and_without_index_files() {
    let doc = parse_html(&crate::common::file_of(&out(), "/conditions/"));
    assert_eq!(
        doc.select(&sel("h1")).map(text_of).collect::<Vec<_>>(),
        ["Conditions we explain"],
        "the title comes from conditions/_index.md"
    );
    let body = doc.select(&sel("main")).map(text_of).next().unwrap();
    assert!(body.contains("This intro text comes from the folder’s own _index.md file."));
    assert_eq!(
        targets("/conditions/", "main a"),
        set(&[
            "/conditions/anemia/",
            "/conditions/blood-cancer/",
            "/conditions/rare/"
        ])
    );
    // Folders without `_index.md` are named after the folder.
    let rare = parse_html(&crate::common::file_of(&out(), "/conditions/rare/"));
    assert_eq!(rare.select(&sel("h1")).map(text_of).next().unwrap(), "Rare");
    assert_eq!(
        targets("/conditions/rare/", "main a"),
        set(&["/conditions/rare/deep-dive/"])
    );
    let tests = parse_html(&crate::common::file_of(&out(), "/tests/"));
    assert_eq!(
        tests.select(&sel("h1")).map(text_of).next().unwrap(),
        "Tests"
    );
    assert_eq!(targets("/tests/", "main a"), set(&["/tests/blood-count/"]));
}

#[test]
fn slug_replaces_the_last_part_of_the_address() {
    assert!(crate::common::file_of(&out(), "/conditions/blood-cancer/").is_file());
    assert!(!out().join("conditions/leukemia").exists());
    // Links to `leukemia.md` lead to the slug's address.
    assert!(
        links("/conditions/rare/deep-dive/", ".article-body a")
            .contains(&pair("Leukemia", "/conditions/blood-cancer/"))
    );
}

#[test]
fn file_links_anchors_and_wiki_links_become_relative_page_addresses() {
    assert_eq!(
        links(
            "/conditions/blood-cancer/",
            ".article-body a:not(.heading-link)"
        ),
        [
            pair("anemia symptoms", "/conditions/anemia/#symptoms-1"),
            // `[[anemia]]` shows the page's title; `[[blood-count|the blood test]]` its text.
            pair("Anemia (low red cell count)", "/conditions/anemia/"),
            pair("the blood test", "/tests/blood-count/"),
            pair("causes", "/conditions/anemia/#why"),
            pair("page about rare forms", "/conditions/rare/deep-dive/"),
        ]
    );
    assert_eq!(
        links("/conditions/anemia/", ".article-body a:not(.heading-link)"),
        [pair(
            "blood count",
            "/tests/blood-count/#what-the-numbers-mean"
        )]
    );
    assert_eq!(
        links(
            "/conditions/rare/deep-dive/",
            ".article-body a:not(.heading-link)"
        ),
        [
            pair("blood count", "/tests/blood-count/"),
            pair("Leukemia", "/conditions/blood-cancer/"),
            pair("this page’s details", "/conditions/rare/deep-dive/#details"),
        ]
    );
    assert_eq!(
        links("/", ".article-body a"),
        [
            pair("anemia", "/conditions/anemia/"),
            pair("blood count test", "/tests/blood-count/"),
        ]
    );
    assert_eq!(
        links("/about/", ".article-body a"),
        [pair("the home page", "/")]
    );
    // A same-page link stays a bare fragment.
    let doc = parse_html(&crate::common::file_of(
        &out(),
        "/conditions/rare/deep-dive/",
    ));
    let hrefs: Vec<&str> = crate::common::attrs(&doc, ".article-body a", "href");
    assert!(hrefs.contains(&"#details"), "{hrefs:?}");
}

#[test]
fn static_files_are_linked_and_copied_as_they_are() {
    let doc = parse_html(&crate::common::file_of(&out(), "/conditions/blood-cancer/"));
    let img = doc
        .select(&sel(".article-body img"))
        .next()
        .expect("the image");
    assert_eq!(
        img.value().attr("alt"),
        Some("Blood cells under a microscope")
    );
    // An image is published as its widths (issue 13): the 8-pixel PNG at its own width, and
    // its own address serves that width, never the source as it is.
    let src = img.value().attr("src").unwrap();
    let target = crate::common::resolve("/conditions/blood-cancer/", src, "/").unwrap();
    assert_eq!(target.url, "/images/cells-8w.png");
    assert_eq!(
        std::fs::read(out().join("images/cells.png")).unwrap(),
        std::fs::read(out().join("images/cells-8w.png")).unwrap()
    );
}

#[test]
fn headings_get_unique_ids_and_custom_ids_are_kept() {
    let ids = |url: &str| -> Vec<String> {
        let doc = parse_html(&crate::common::file_of(&out(), url));
        doc.select(&sel(".article-body h2"))
            .map(|h| h.value().attr("id").unwrap_or("").to_owned())
            .collect()
    };
    assert_eq!(
        ids("/conditions/anemia/"),
        ["symptoms", "symptoms-1", "why"]
    );
    assert_eq!(ids("/tests/blood-count/"), ["what-the-numbers-mean"]);
    assert_eq!(ids("/conditions/rare/deep-dive/"), ["details"]);
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    assert!(!out().join("conditions/secret").exists());
    assert!(!targets("/conditions/", "main a").contains("/conditions/secret/"));
    let sitemap = std::fs::read_to_string(out().join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("secret"));

    let site = crate::common::fixture("build/valid-site");
    let run = site.build(&["--drafts"]);
    run.assert_code(0);
    assert!(
        run.stdout.starts_with("built 8 pages in "),
        "{}",
        run.stdout
    );
    let out = site.public();
    assert!(crate::common::file_of(&out, "/conditions/secret/").is_file());
    let doc = parse_html(&crate::common::file_of(&out, "/conditions/"));
    let listed: Vec<String> = doc.select(&sel("main a")).map(text_of).collect();
    assert!(
        listed.contains(&"Unfinished draft".to_owned()),
        "{listed:?}"
    );
    let problems = crate::common::broken_refs(&out, "/", |rel| rel == "404.html");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn aliases_redirect_to_the_page() {
    crate::common::check_redirect(&out(), "/old-anemia/", "/conditions/anemia/", BASE_URL);
}

#[test]
fn topic_pages_list_their_articles_with_descriptions() {
    assert_eq!(
        links("/topics/", "main a"),
        [
            pair("Blood tests", "/topics/blood-tests/"),
            pair("Cancer", "/topics/cancer/"),
            pair("Red blood cells", "/topics/red-blood-cells/"),
        ]
    );
    let doc = parse_html(&crate::common::file_of(&out(), "/topics/cancer/"));
    // Each item: the article's title as a link, then its description.
    let items: Vec<(String, String)> = doc
        .select(&sel("main li"))
        .map(|li| {
            let title = li.select(&sel("a")).map(text_of).collect::<String>();
            let description = li.select(&sel("p")).map(text_of).collect::<String>();
            (title, description)
        })
        .collect();
    assert_eq!(
        items,
        [
            pair(
                "A rare form",
                "Some rare forms of blood disease, in a folder without an _index.md."
            ),
            pair(
                "Leukemia",
                "Leukemia is a cancer of the blood-forming cells."
            ),
        ]
    );
    assert_eq!(
        targets("/topics/blood-tests/", "main li a"),
        set(&[
            "/conditions/anemia/",
            "/conditions/blood-cancer/",
            "/tests/blood-count/"
        ])
    );
    assert_eq!(
        targets("/topics/red-blood-cells/", "main li a"),
        set(&["/conditions/anemia/"])
    );
}

#[test]
fn related_articles_put_the_related_entries_first() {
    let related = |url: &str| -> Vec<String> {
        links(url, "#page-related a")
            .into_iter()
            .map(|(_, t)| t)
            .collect()
    };
    // `related: [rare/deep-dive.md, anemia.md]`, then the only other article, which it links to.
    assert_eq!(
        related("/conditions/blood-cancer/"),
        [
            "/conditions/rare/deep-dive/",
            "/conditions/anemia/",
            "/tests/blood-count/"
        ]
    );
    // `related: [../tests/blood-count.md]`, then leukemia (links here, shares a topic). The
    // rare form neither links here nor shares a topic.
    assert_eq!(
        related("/conditions/anemia/"),
        ["/tests/blood-count/", "/conditions/blood-cancer/"]
    );
    // No `related:`: computed from links and topics only, never the page itself.
    let computed: BTreeSet<String> = related("/tests/blood-count/").into_iter().collect();
    assert_eq!(
        computed,
        set(&[
            "/conditions/anemia/",
            "/conditions/blood-cancer/",
            "/conditions/rare/deep-dive/"
        ])
    );
}

#[test]
fn backlinks_list_the_pages_that_link_here() {
    let backlinks = |url: &str| targets(url, "#page-backlinks a");
    assert_eq!(
        backlinks("/conditions/anemia/"),
        set(&["/", "/conditions/blood-cancer/"])
    );
    assert_eq!(
        backlinks("/tests/blood-count/"),
        set(&[
            "/",
            "/conditions/anemia/",
            "/conditions/blood-cancer/",
            "/conditions/rare/deep-dive/"
        ])
    );
    assert_eq!(
        backlinks("/conditions/blood-cancer/"),
        set(&["/conditions/rare/deep-dive/"])
    );
    // The same-page `#details` link is not a backlink.
    assert_eq!(
        backlinks("/conditions/rare/deep-dive/"),
        set(&["/conditions/blood-cancer/"])
    );
}

#[test]
fn feed_and_sitemap_use_the_base_url() {
    let feed = crate::common::parse_xml(&std::fs::read_to_string(out().join("feed.xml")).unwrap())
        .unwrap();
    let entries: Vec<(String, String)> = feed
        .all("entry")
        .map(|e| (e.one("title").text.clone(), e.one("updated").text.clone()))
        .collect();
    let expected = [
        ("Leukemia", "2026-11-01T00:00:00Z"),
        ("Anemia (low red cell count)", "2026-10-01T00:00:00Z"),
        ("A rare form", "2026-09-15T00:00:00Z"),
        ("Blood count test", "2026-08-20T00:00:00Z"),
    ]
    .map(|(t, d)| (t.to_owned(), d.to_owned()));
    assert_eq!(entries, expected);
    let sitemap =
        crate::common::parse_xml(&std::fs::read_to_string(out().join("sitemap.xml")).unwrap())
            .unwrap();
    let locs: BTreeSet<String> = sitemap
        .all("url")
        .map(|u| u.one("loc").text.clone())
        .collect();
    let pages: BTreeSet<String> = crate::common::html_files(&out())
        .iter()
        .filter(|r| *r != "404.html" && !r.starts_with("old-anemia/"))
        .map(|r| {
            format!(
                "{BASE_URL}{}",
                crate::common::url_of(r).trim_start_matches('/')
            )
        })
        .collect();
    assert_eq!(locs, pages);
}

#[test]
fn titles_and_descriptions_are_escaped_everywhere() {
    let site = crate::common::fixture("build/valid-site");
    let page = site.read("content/tests/blood-count.md");
    let title = r#"Blood count: "CBC" & <results>"#;
    let page = page
        .replace(
            "title: Blood count test",
            r#"title: "Blood count: \"CBC\" & <results>""#,
        )
        .replace(
            "description: A blood count measures",
            "description: A <b>count</b> & measure of",
        );
    site.write("content/tests/blood-count.md", &page);
    site.build(&[]).assert_code(0);
    let out = site.public();
    // The text reads as written and no element sneaks in.
    for url in [
        "/tests/blood-count/",
        "/topics/blood-tests/",
        "/conditions/anemia/",
    ] {
        let doc = parse_html(&crate::common::file_of(&out, url));
        assert_eq!(doc.select(&sel("results, main b")).count(), 0, "{url}");
        let texts: Vec<String> = doc.select(&sel("h1, main a")).map(text_of).collect();
        assert!(texts.contains(&title.to_owned()), "{url}: {texts:?}");
    }
    let doc = parse_html(&crate::common::file_of(&out, "/tests/blood-count/"));
    let lead = doc.select(&sel(".lead")).map(text_of).next().unwrap();
    assert_eq!(lead, "A <b>count</b> & measure of the cells in your blood.");
    let feed = crate::common::parse_xml(&std::fs::read_to_string(out.join("feed.xml")).unwrap())
        .expect("the feed stays well-formed");
    assert!(feed.all("entry").any(|e| e.one("title").text == title));
}

#[test]
fn wiki_style_image_links_resolve_like_file_links() {
    let site = crate::common::fixture("build/valid-site");
    let f = "content/about.md";
    let text = site.read(f) + "\n![[/images/cells.png]]\n";
    site.write(f, &text);
    site.build(&[]).assert_code(0);
    let doc = crate::common::parse_html(&site.public().join("about/index.html"));
    let srcs: Vec<String> = doc
        .select(&crate::common::sel("main img"))
        .filter_map(|i| i.value().attr("src").map(str::to_owned))
        .collect();
    assert_eq!(srcs, ["../images/cells-8w.png"]);
}
