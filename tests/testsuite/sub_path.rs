//! Publishing below a sub-path: every link between pages is relative, so the same folder works
//! at `https://example.org/sub/path/`; only canonical links, the sitemap, the feed and the 404
//! page (served at any address) use the base URL.

use crate::common::{parse_html, sel};

const BASE: &str = "https://example.org/sub/path/";

#[test]
fn a_sub_path_build_links_relatively_and_names_absolute_addresses_from_the_base() {
    let site = crate::common::example_site();
    // site.yaml says `https://example.org/`; the command line wins.
    site.build(&["--base-url", BASE]).assert_code(0);
    let out = site.public();

    // Every reference resolves; only the 404 page uses addresses from the server's root, and
    // those must stay below the sub-path.
    let problems = crate::common::broken_refs(&out, "/sub/path/", |rel| {
        rel == "404.html" || rel == "es/404.html"
    });
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    let doc = parse_html(&out.join("404.html"));
    let hrefs: Vec<String> = crate::common::refs(&doc)
        .into_iter()
        .map(|r| r.value)
        .filter(|h| !crate::common::is_external(h) && !h.starts_with('#'))
        .collect();
    assert!(hrefs.len() > 5, "{hrefs:?}");
    for h in &hrefs {
        assert!(h.starts_with("/sub/path/"), "404.html: `{h}`");
    }

    for rel in crate::common::html_files(&out) {
        let doc = parse_html(&out.join(&rel));
        for (css, attr) in [
            ("link[rel=canonical]", "href"),
            ("meta[property=\"og:url\"]", "content"),
        ] {
            for el in doc.select(&sel(css)) {
                let url = el.value().attr(attr).unwrap();
                assert!(url.starts_with(BASE), "{rel}: {css} `{url}`");
            }
        }
        assert_eq!(
            doc.select(&sel("link[rel=canonical]")).count(),
            1,
            "{rel}: one canonical link"
        );
    }

    let sitemap =
        crate::common::parse_xml(&std::fs::read_to_string(out.join("sitemap.xml")).unwrap())
            .unwrap();
    let locs: Vec<&str> = sitemap
        .all("url")
        .map(|u| u.one("loc").text.as_str())
        .collect();
    assert!(locs.len() > 20);
    for loc in locs {
        assert!(loc.starts_with(BASE), "sitemap: {loc}");
    }

    let feed =
        crate::common::parse_xml(&std::fs::read_to_string(out.join("feed.xml")).unwrap()).unwrap();
    assert_eq!(feed.one("id").text, BASE);
    for link in feed.all("link") {
        assert!(link.attr("href").unwrap().starts_with(BASE));
    }
    let entries: Vec<&crate::common::Xml> = feed.all("entry").collect();
    assert!(!entries.is_empty());
    for e in entries {
        assert!(e.one("link").attr("href").unwrap().starts_with(BASE));
        assert!(e.one("id").text.starts_with(BASE));
    }

    let robots = std::fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(
        robots
            .lines()
            .any(|l| l == format!("Sitemap: {BASE}sitemap.xml")),
        "{robots}"
    );
}

#[test]
fn the_base_url_gets_its_trailing_slash() {
    let site = crate::common::fixture("build/valid-site");
    site.build(&["--base-url", "https://example.org/sub/path"])
        .assert_code(0);
    let without = crate::common::snapshot(&site.public());
    site.build(&["--base-url", BASE]).assert_code(0);
    crate::common::assert_same_tree(&without, &crate::common::snapshot(&site.public()));
    let robots = String::from_utf8(without["robots.txt"].clone()).unwrap();
    assert!(robots.contains("Sitemap: https://example.org/sub/path/sitemap.xml"));
}

#[test]
fn pages_do_not_depend_on_the_base_url_except_for_absolute_addresses() {
    // The same site at two addresses: once absolute addresses are set aside, the pages are
    // the same, so the relative links work at either.
    let a = crate::common::fixture("build/valid-site");
    a.build(&[]).assert_code(0);
    let b = crate::common::fixture("build/valid-site");
    b.build(&["--base-url", "https://other.example/deep/er/"])
        .assert_code(0);
    // The printed handout's QR code encodes the absolute address too (issue 14): set aside
    // like the address written under it.
    let strip = |text: &[u8], base: &str| -> String {
        let text = String::from_utf8(text.to_vec())
            .unwrap()
            .replace(base, "BASE/");
        match (text.find("<svg class=\"qr-code\""), text.find("</svg>")) {
            (Some(a), Some(b)) if a < b => format!("{}QR{}", &text[..a], &text[b..]),
            _ => text,
        }
    };
    let (sa, sb) = (
        crate::common::snapshot(&a.public()),
        crate::common::snapshot(&b.public()),
    );
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (rel, bytes) in &sa {
        if !rel.ends_with(".html") || rel == "404.html" {
            continue;
        }
        assert_eq!(
            strip(bytes, "https://fixture.example/"),
            strip(&sb[rel], "https://other.example/deep/er/"),
            "{rel}"
        );
    }
}
