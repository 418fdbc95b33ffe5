//! The reader's first screen and beyond (issue 14), on the built HTML: the menu (default and
//! `site.yaml` `menu:`), topics out of the footer, the Health A-Z per language, listings split
//! by `listing.page_size`, featured articles, "On this page", heading links, footnotes at the
//! end with back-links, `tel:` links, and the printed handout's QR code. Fixture:
//! `reader/twelve/`, a site with twelve top-level folders and `listing.page_size: 3`. The
//! browser side (positions on a phone, the menu by keyboard and without JavaScript, decoding
//! the QR code) is `tests/browser/checks/reader.mjs`.

use std::collections::BTreeMap;

use scraper::Html;

use crate::common::{
    Site, example_site, find_diag, fixture, ids, parse_html, resolve, sel, snapshot, text_of,
    url_of,
};

fn built_twelve() -> Site {
    let site = fixture("reader/twelve");
    site.build(&[]).assert_code(0);
    site
}

fn page(site: &Site, rel: &str) -> Html {
    parse_html(&site.public().join(rel))
}

fn attr_list(doc: &Html, css: &str, name: &str) -> Vec<String> {
    doc.select(&sel(css))
        .filter_map(|e| e.value().attr(name).map(str::to_owned))
        .collect()
}

/// `href` from the page at `from` (a built file) must lead to a built page, and its fragment
/// (if any) to an id on that page.
#[track_caller]
fn assert_leads_somewhere(site: &Site, from: &str, href: &str) {
    let target =
        resolve(&url_of(from), href, "/").unwrap_or_else(|e| panic!("{from}: {href}: {e}"));
    let rel = format!("{}index.html", target.url.trim_start_matches('/'));
    let path = site.public().join(&rel);
    assert!(
        path.is_file(),
        "{from}: `{href}` leads to {rel}, which was not built"
    );
    if let Some(f) = target.fragment {
        assert!(
            ids(&parse_html(&path)).contains(&f),
            "{from}: `{href}`: no id `{f}` in {rel}"
        );
    }
}

#[test]
fn the_menu_lists_every_top_level_folder_then_the_a_z_and_topics_leave_the_footer() {
    let site = built_twelve();
    let home = page(&site, "index.html");
    let menu = home
        .select(&sel("header details.site-menu"))
        .next()
        .expect("the header has a menu button (details)");
    let summary = menu.select(&sel("summary")).next().expect("a summary");
    assert_eq!(text_of(summary), "Menu");
    let titles: Vec<String> = menu.select(&sel("nav a")).map(text_of).collect();
    assert_eq!(titles.len(), 14, "{titles:?}");
    assert_eq!(titles[12..], ["Health A to Z", "Topics"]);
    assert!(titles.contains(&"Mental health".to_owned()), "{titles:?}");
    for href in attr_list(&home, "details.site-menu nav a", "href") {
        assert_leads_somewhere(&site, "index.html", &href);
    }
    // Topics have their own page; the footer does not list each one.
    assert_eq!(home.select(&sel("footer .footer-topics")).count(), 0);
    assert_eq!(
        home.select(&sel("footer a[href*='topics/blood']")).count(),
        0
    );
    // No inline styles or scripts in what the theme adds.
    let html = site.read("public/conditions/leukopenia/index.html");
    assert!(!html.contains("style=\""), "an inline style attribute");
}

#[test]
fn site_yaml_menu_sets_the_navigation_in_order() {
    let site = fixture("reader/twelve");
    let yaml = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!(
            "{yaml}menu:\n  - title: Conditions A to Z\n    url: /a-z/\n  - title: Leukopenia\n    page: conditions/leukopenia.md\n  - title: NHS\n    url: https://www.nhs.uk/\n"
        ),
    );
    site.build(&[]).assert_code(0);
    let doc = page(&site, "conditions/leukopenia/index.html");
    let links: Vec<(String, String)> = doc
        .select(&sel("details.site-menu nav a"))
        .map(|a| (text_of(a), a.value().attr("href").unwrap().to_owned()))
        .collect();
    assert_eq!(
        links,
        [
            ("Conditions A to Z".to_owned(), "../../a-z/".to_owned()),
            (
                "Leukopenia".to_owned(),
                "../../conditions/leukopenia/".to_owned()
            ),
            ("NHS".to_owned(), "https://www.nhs.uk/".to_owned()),
        ]
    );
}

#[test]
fn a_menu_entry_for_a_missing_page_is_an_error_in_site_yaml() {
    let site = fixture("reader/twelve");
    let yaml = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!("{yaml}menu:\n  - title: Gone\n    page: conditions/gone.md\n"),
    );
    let run = site.build(&[]);
    run.assert_code(1);
    let diags = run.diagnostics();
    let d = find_diag(
        &diags,
        "menu entry `Gone` links to `conditions/gone.md`, which is not a page",
    );
    assert_eq!(d.location.as_deref(), Some("site.yaml:9:11"), "{d:#?}");
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("relative to `content/`")
    );
    assert!(!site.public().exists(), "nothing written on error");
}

#[test]
fn the_a_z_lists_every_article_under_letters_with_other_names_as_cross_references() {
    let site = built_twelve();
    let doc = page(&site, "a-z/index.html");
    assert_eq!(
        text_of(doc.select(&sel("h1")).next().unwrap()),
        "Health A to Z"
    );
    // Letters in order, each with a link in the letter bar to its heading.
    let headings: Vec<String> = doc.select(&sel(".a-z-letter h2")).map(text_of).collect();
    let mut sorted = headings.clone();
    sorted.sort();
    assert_eq!(headings, sorted);
    let bar = attr_list(&doc, ".letter-bar a", "href");
    let heading_ids = attr_list(&doc, ".a-z-letter h2", "id");
    assert_eq!(
        bar,
        heading_ids
            .iter()
            .map(|id| format!("#{id}"))
            .collect::<Vec<_>>()
    );
    // Every article, once, under its first letter.
    let mut articles = 0;
    for letter in doc.select(&sel(".a-z-letter")) {
        let l = text_of(letter.select(&sel("h2")).next().unwrap());
        for li in letter.select(&sel("li")) {
            let text = text_of(li);
            assert!(text.starts_with(&l), "`{text}` filed under {l}");
            if li.select(&sel("a")).next().map(text_of) == Some(text.clone()) {
                articles += 1;
            }
        }
    }
    assert_eq!(articles, 18, "11 folder articles and 7 conditions");
    let items: Vec<String> = doc.select(&sel(".a-z-list li")).map(text_of).collect();
    assert!(
        items.contains(&"Low white blood cell count – see Leukopenia".to_owned()),
        "{items:?}"
    );
    assert!(
        items.contains(&"Low WBC – see Leukopenia".to_owned()),
        "{items:?}"
    );
    // The condition's own name is the title: not listed twice.
    assert_eq!(
        items.iter().filter(|i| i.starts_with("Leukopenia")).count(),
        1
    );
    for href in attr_list(&doc, ".a-z-list a", "href") {
        assert_leads_somewhere(&site, "a-z/index.html", &href);
    }
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://clinic.example/a-z/</loc>"));
}

#[test]
fn the_example_site_has_an_a_z_in_each_language_linked_from_the_menu() {
    let site = example_site();
    site.build(&[]).assert_code(0);
    let es = page(&site, "es/a-z/index.html");
    let html = es.select(&sel("html")).next().unwrap();
    assert_eq!(html.value().attr("lang"), Some("es-US"));
    assert_eq!(
        text_of(es.select(&sel("h1")).next().unwrap()),
        "Salud de la A a la Z"
    );
    let es_items: Vec<String> = es.select(&sel(".a-z-list li")).map(text_of).collect();
    assert!(
        es_items.iter().any(|i| i.contains(" – ver ")),
        "{es_items:?}"
    );
    // Only Spanish pages in the Spanish A-Z.
    for href in attr_list(&es, ".a-z-list a", "href") {
        assert!(!href.starts_with("../../"), "{href} leaves /es/");
    }
    let en = page(&site, "a-z/index.html");
    let items: Vec<String> = en.select(&sel(".a-z-list li")).map(text_of).collect();
    assert!(
        items.contains(
            &"Low white blood cell count – see Leukopenia (low white blood cell count)".to_owned()
        ),
        "{items:?}"
    );
    for (rel, a_z) in [("index.html", "a-z/"), ("es/index.html", "../es/a-z/")] {
        let doc = page(&site, rel);
        let menu = attr_list(&doc, "details.site-menu nav a", "href");
        assert!(
            menu.iter().any(|h| h.ends_with("a-z/")),
            "{rel}: no A-Z in the menu: {menu:?} (expected like {a_z})"
        );
    }
    // The home page features weighted articles and links to the A-Z.
    let home = page(&site, "index.html");
    assert!(home.select(&sel(".home-featured .page-list li")).count() >= 1);
    assert_eq!(attr_list(&home, ".home-a-z a", "href"), ["./a-z/"]);
}

#[test]
fn long_listings_are_split_into_linked_pages() {
    let site = built_twelve();
    let mut seen: Vec<String> = Vec::new();
    for (n, rel) in [
        "conditions/index.html",
        "conditions/page/2/index.html",
        "conditions/page/3/index.html",
    ]
    .into_iter()
    .enumerate()
    {
        let doc = page(&site, rel);
        let listed: Vec<String> = doc.select(&sel(".page-list li > a")).map(text_of).collect();
        assert!(!listed.is_empty() && listed.len() <= 3, "{rel}: {listed:?}");
        seen.extend(listed);
        let prev = attr_list(&doc, "head link[rel=prev]", "href");
        let next = attr_list(&doc, "head link[rel=next]", "href");
        assert_eq!(prev.len(), usize::from(n > 0), "{rel}: prev {prev:?}");
        assert_eq!(next.len(), usize::from(n < 2), "{rel}: next {next:?}");
        for href in prev
            .iter()
            .chain(&next)
            .chain(&attr_list(&doc, ".pagination a", "href"))
        {
            assert_leads_somewhere(&site, rel, href);
        }
        let current = attr_list(&doc, ".pagination a[aria-current=page]", "href");
        assert_eq!(current, ["./"], "{rel}");
        if n > 0 {
            let h1 = text_of(doc.select(&sel("h1")).next().unwrap());
            assert_eq!(h1, format!("Conditions (page {} of 3)", n + 1));
        }
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((seen.len(), unique.len()), (7, 7), "{seen:?}");
    // A topic with more entries than `page_size` is split the same way.
    let topic = page(&site, "topics/blood/index.html");
    assert_eq!(topic.select(&sel(".page-list li")).count(), 3);
    assert!(
        site.public()
            .join("topics/blood/page/3/index.html")
            .is_file()
    );
    let sitemap = site.read("public/sitemap.xml");
    for loc in [
        "conditions/page/2/",
        "conditions/page/3/",
        "topics/blood/page/2/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://clinic.example/{loc}</loc>")),
            "{loc}"
        );
    }
}

#[test]
fn footnotes_come_last_numbered_in_reading_order_with_links_back_and_no_id_twice() {
    let site = fixture("reader/twelve");
    let run = site.build(&[]);
    run.assert_code(0);
    let diags = run.diagnostics();
    let d = find_diag(
        &diags,
        "the footnote `[^causes]` would use the id `fn-causes`, which this page already uses",
    );
    assert_eq!(
        d.location.as_deref(),
        Some("content/conditions/leukopenia.md:33:1")
    );
    assert!(d.help.as_deref().unwrap().contains("rename"));

    let rel = "conditions/leukopenia/index.html";
    let html = site.read(&format!("public/{rel}"));
    let doc = Html::parse_document(&html);
    // Every id once.
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for el in doc.select(&sel("[id]")) {
        *count.entry(el.value().attr("id").unwrap()).or_default() += 1;
    }
    let twice: Vec<_> = count.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "ids used twice: {twice:?}");
    // The notes are the body's last element, after the last section.
    let body = doc.select(&sel(".article-body")).next().unwrap();
    let last = body
        .children()
        .filter_map(scraper::ElementRef::wrap)
        .last()
        .unwrap();
    assert_eq!(last.value().attr("class"), Some("footnotes"));
    assert!(html.find("When to get help").unwrap() < html.find("class=\"footnotes\"").unwrap());
    // Numbered in the order they are first cited; each citation has a back-link.
    let numbers: Vec<String> = doc.select(&sel(".footnote-ref a")).map(text_of).collect();
    assert_eq!(numbers, ["1", "2", "1"]);
    let notes: Vec<String> = doc
        .select(&sel(".footnotes__list > li > p:first-child"))
        .map(text_of)
        .collect();
    assert!(notes[0].starts_with("A normal count"), "{notes:?}");
    assert!(notes[1].starts_with("Infections"), "{notes:?}");
    for a in doc.select(&sel(".footnote-ref a")) {
        let id = a.value().attr("id").unwrap();
        let note = a.value().attr("href").unwrap().trim_start_matches('#');
        let li = doc
            .select(&sel(&format!("li[id='{note}']")))
            .next()
            .unwrap_or_else(|| panic!("no note {note}"));
        let backs = attr_list(&Html::parse_fragment(&li.html()), ".footnote-back", "href");
        assert!(backs.contains(&format!("#{id}")), "{note}: {backs:?}");
    }
    // The heading kept its id; the footnote took another.
    assert!(doc.select(&sel("h2#fn-causes")).next().is_some());
    assert!(doc.select(&sel("li#fn-causes-2")).next().is_some());
}

#[test]
fn the_emergency_number_is_a_call_link_in_the_text_and_the_footer() {
    let site = built_twelve();
    let doc = page(&site, "conditions/leukopenia/index.html");
    let calls: Vec<(String, String)> = doc
        .select(&sel("a[href^='tel:']"))
        .map(|a| (text_of(a), a.value().attr("href").unwrap().to_owned()))
        .collect();
    assert!(
        calls.contains(&("999".to_owned(), "tel:999".to_owned())),
        "{calls:?}"
    );
    assert_eq!(
        doc.select(&sel(".article-body a[href^='tel:']")).count(),
        1,
        "only the free-standing 999, not 19990"
    );
    let footer = doc
        .select(&sel("footer .help-line a[href='tel:999']"))
        .next();
    assert_eq!(footer.map(text_of).as_deref(), Some("999"));
}

#[test]
fn long_articles_have_on_this_page_and_every_section_heading_a_link_to_itself() {
    let site = built_twelve();
    let doc = page(&site, "conditions/leukopenia/index.html");
    let contents = attr_list(&doc, "nav#page-contents a", "href");
    let h2s: Vec<String> = attr_list(&doc, ".article-body > h2[id]", "id")
        .into_iter()
        .filter(|id| id != "footnotes-label")
        .map(|id| format!("#{id}"))
        .collect();
    assert_eq!(contents, h2s);
    assert!(contents.len() >= 3);
    // Before the body, so phones meet it first.
    let html = site.read("public/conditions/leukopenia/index.html");
    assert!(
        html.find("id=\"page-contents\"").unwrap() < html.find("class=\"article-body\"").unwrap()
    );
    // Each h2 and h3 is followed by a link to itself.
    for h in doc.select(&sel(".article-body > h2[id], .article-body > h3[id]")) {
        let id = h.value().attr("id").unwrap();
        if id == "footnotes-label" {
            continue;
        }
        let next = h
            .next_siblings()
            .find_map(scraper::ElementRef::wrap)
            .unwrap_or_else(|| panic!("nothing after #{id}"));
        assert_eq!(
            next.value().attr("class"),
            Some("heading-link"),
            "after #{id}"
        );
        assert_eq!(next.value().attr("href"), Some(format!("#{id}").as_str()));
        assert!(text_of(next).contains(&text_of(h)));
    }
    // Two h2 are not enough for "On this page".
    let short = page(&site, "conditions/anemia/index.html");
    assert_eq!(short.select(&sel("#page-contents")).count(), 0);
}

#[test]
fn a_printed_article_carries_a_qr_code_of_its_canonical_address() {
    let site = built_twelve();
    let doc = page(&site, "conditions/leukopenia/index.html");
    let canonical = attr_list(&doc, "link[rel=canonical]", "href");
    assert_eq!(canonical, ["https://clinic.example/conditions/leukopenia/"]);
    let handout = doc
        .select(&sel("aside.handout.print-only"))
        .next()
        .expect("a print-only handout block");
    let svg = handout
        .select(&sel("svg.qr-code"))
        .next()
        .expect("an inline SVG QR code");
    assert_eq!(svg.value().attr("role"), Some("img"));
    let path = svg
        .select(&sel("path"))
        .next()
        .unwrap()
        .value()
        .attr("d")
        .unwrap();
    assert!(
        path.matches('M').count() > 100,
        "a QR code has many dark modules"
    );
    assert_eq!(
        text_of(handout.select(&sel(".handout__address")).next().unwrap()),
        canonical[0]
    );
    assert!(
        doc.select(&sel(".handout-site.print-only"))
            .next()
            .is_some()
    );
    // Built at build time, deterministically: a second build writes the same bytes.
    let again = built_twelve();
    assert_eq!(
        snapshot(&site.public()).get("conditions/leukopenia/index.html"),
        snapshot(&again.public()).get("conditions/leukopenia/index.html")
    );
    // Nothing from another host: no <img> or <script> pointing away.
    assert!(
        doc.select(&sel("img[src^='http'], script[src^='http']"))
            .next()
            .is_none()
    );
    // Plain pages (not articles) have no handout.
    let home = page(&site, "index.html");
    assert!(home.select(&sel(".handout")).next().is_none());
}
