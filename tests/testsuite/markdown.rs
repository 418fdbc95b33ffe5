//! Markdown as authors expect it (issue 19) and as readers can trust it (issue 16): each defect
//! the CommonMark suite and the probes found, as a test named after it; the URL policy
//! (allowed schemes, relative links that cannot read as a scheme); the raw HTML policy
//! (`sanitize`, `allow`, `deny`) and the links inside raw HTML. The specification's examples
//! themselves run as unit tests (`src/markdown/conformance_tests.rs`).
//!
//! Every test writes its pages into a copy of the tiny site `markdown/base`.

use scraper::Html;

use crate::common::{Diag, Run, Site, fixture, parse_html, sel};

/// The fixture site with `pages` written into `content/` (each `(file, text)`).
fn site_with(pages: &[(&str, &str)]) -> Site {
    let site = fixture("markdown/base");
    for (file, text) in pages {
        site.write(&format!("content/{file}"), text);
    }
    site
}

/// A plain page (no health checks) with this body.
fn page(body: &str) -> String {
    format!("---\ntitle: Probe\ndescription: A probe page.\nkind: page\n---\n{body}")
}

/// An article (glossary terms are linked in articles only) with this body.
fn article(body: &str) -> String {
    format!(
        "---\ntitle: Probe article\ndescription: A probe article.\nlast_reviewed: 2026-11-01\nreviewed_by: Dr. Fixture\nsources:\n  - title: Fixture source\n    url: https://example.org/source\n    accessed: 2026-10-01\n---\n{body}"
    )
}

fn build(site: &Site) -> Run {
    site.build(&[])
}

fn html(site: &Site, url: &str) -> Html {
    parse_html(
        &site
            .public()
            .join(url.trim_start_matches('/'))
            .join("index.html"),
    )
}

fn attrs(doc: &Html, css: &str, attr: &str) -> Vec<String> {
    doc.select(&sel(css))
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

fn with_code<'a>(diags: &'a [Diag], message_part: &str) -> Vec<&'a Diag> {
    diags
        .iter()
        .filter(|d| d.message.contains(message_part))
        .collect()
}

// ---- issue 19: the defects, each by name ----

#[test]
fn email_autolinks_are_not_site_paths() {
    let site = site_with(&[(
        "probe.md",
        &page("Write to <a@b.co> or <mailto:c@d.org>.\n"),
    )]);
    // A file of the same name in `static/` once turned the link into `mailto:../a@b.co`.
    site.write("static/a@b.co", "x");
    build(&site).assert_code(0);
    let doc = html(&site, "/probe/");
    assert_eq!(
        attrs(&doc, "main a[href^='mailto:']", "href"),
        ["mailto:a@b.co", "mailto:c@d.org"]
    );
}

#[test]
fn links_inside_image_alt_text_are_not_checked_or_counted() {
    let site = site_with(&[
        (
            "probe.md",
            &article("![x [y](missing.md)](/img.png)\n\n![cells [z](other.md)](/img.png)\n"),
        ),
        ("other.md", &article("The other page.\n")),
    ]);
    let run = build(&site);
    run.assert_code(0);
    assert!(
        !run.stderr.contains("missing.md"),
        "a link in alt text was checked: {}",
        run.stderr
    );
    let doc = html(&site, "/probe/");
    assert_eq!(attrs(&doc, "main img", "alt"), ["x y", "cells z"]);
    // The other page does not list the probe under "Pages that link here".
    let other = html(&site, "/other/");
    assert_eq!(other.select(&sel("#page-backlinks a")).count(), 0);
}

#[test]
fn query_strings_on_internal_links_are_kept() {
    let site = site_with(&[
        (
            "probe.md",
            &page(
                "[a](/img.png?v=2#top) [b](other.md?tab=2) [c](?page=2) [d](other.md?x=1#other-page)\n",
            ),
        ),
        ("other.md", &page("## Other page\n")),
    ]);
    build(&site).assert_code(0);
    let doc = html(&site, "/probe/");
    assert_eq!(
        attrs(&doc, "main p a", "href"),
        [
            "../img.png?v=2#top",
            "../other/?tab=2",
            "./?page=2",
            "../other/?x=1#other-page"
        ]
    );
}

#[test]
fn glossary_terms_are_not_linked_inside_inline_raw_html() {
    let site = site_with(&[(
        "probe.md",
        &article(
            "Read <a href=\"https://example.org/\">neutrophils</a> and <code>neutrophils</code> first.\n\nYour neutrophils fight germs.\n",
        ),
    )]);
    build(&site).assert_code(0);
    let doc = html(&site, "/probe/");
    assert_eq!(doc.select(&sel("main a a, main code a")).count(), 0);
    let terms: Vec<String> = doc
        .select(&sel("main a.glossary-term"))
        .map(|a| crate::common::text_of(a))
        .collect();
    assert_eq!(terms, ["neutrophils"]);
    // The term that is linked is the one in the plain sentence.
    let second = doc.select(&sel(".article-body p")).nth(1).unwrap();
    assert_eq!(second.select(&sel("a.glossary-term")).count(), 1);
}

#[test]
fn duplicate_ids_heading_footnote_raw_html_are_reported() {
    let site = site_with(&[(
        "probe.md",
        &page(
            "## Notes\n\nA claim.[^notes]\n\n## Symptoms\n\n<div id=\"symptoms\">Raw.</div>\n\n[^notes]: The note.\n\n<p id=\"main\">Layout.</p>\n",
        ),
    )]);
    let run = build(&site);
    let diags = run.diagnostics();
    // A footnote named like a heading gets an id of its own, so its reference reaches it.
    let doc = html(&site, "/probe/");
    assert_eq!(attrs(&doc, "main h2", "id")[..2], ["notes", "symptoms"]);
    let refs = attrs(&doc, "main sup a", "href");
    assert_eq!(refs.len(), 1, "{refs:?}");
    let target = refs[0].trim_start_matches('#');
    assert_ne!(target, "notes");
    assert_eq!(doc.select(&sel(&format!("[id='{target}']"))).count(), 1);
    assert!(
        doc.select(&sel(&format!("h2[id='{target}']")))
            .next()
            .is_none()
    );
    assert!(
        !diags.iter().any(|d| d.message.contains("`notes`")),
        "{diags:#?}"
    );
    // An author's raw id cannot be renamed: it is reported where it is written.
    let symptoms = crate::common::find_diag(&diags, "the id `symptoms` is used twice on this page");
    assert_eq!(symptoms.severity, "warning");
    assert_eq!(symptoms.location.as_deref(), Some("content/probe.md:12:1"));
    let main = crate::common::find_diag(&diags, "the id `main` is used by the page's layout");
    assert_eq!(main.location.as_deref(), Some("content/probe.md:16:1"));
}

#[test]
fn placeholders_are_left_alone_inside_fenced_code() {
    let site = site_with(&[(
        "probe.md",
        &page(
            "Call {{ emergency_number }}.\n\n```\nCall {{ emergency_number }} or {{ name }}.\n```\n",
        ),
    )]);
    let run = build(&site);
    run.assert_code(0);
    assert!(
        !run.stderr.contains("unknown placeholder"),
        "{}",
        run.stderr
    );
    let doc = html(&site, "/probe/");
    let code = crate::common::text_of(doc.select(&sel("main pre code")).next().unwrap());
    assert_eq!(code, "Call {{ emergency_number }} or {{ name }}.");
    let para = crate::common::text_of(doc.select(&sel(".article-body p")).next().unwrap());
    assert_eq!(para, "Call 911.");
}

#[test]
fn nested_alert_and_care_card_are_converted() {
    let site = site_with(&[(
        "probe.md",
        &page(
            "> [!NOTE]\n> Read this first.\n>\n> > [!URGENT] Call if:\n> > - you have chills\n\n> [!NON-URGENT] See a doctor if:\n> - you feel tired\n>\n> > [!TIP]\n> > Keep a diary.\n",
        ),
    )]);
    let run = build(&site);
    run.assert_code(0);
    let doc = html(&site, "/probe/");
    let main = crate::common::text_of(doc.select(&sel("main")).next().unwrap());
    assert!(!main.contains("[!"), "a marker is left: {main}");
    assert_eq!(
        doc.select(&sel(".callout--note .care-card--urgent"))
            .count(),
        1
    );
    assert_eq!(
        doc.select(&sel(".care-card--non-urgent .callout--tip"))
            .count(),
        1
    );
    let heading = doc
        .select(&sel(".care-card--urgent .care-card__heading"))
        .next()
        .unwrap();
    assert!(crate::common::text_of(heading).ends_with("Call if:"));
}

#[test]
fn broken_link_column_points_at_the_destination_not_the_title() {
    let site = site_with(&[("probe.md", &page("[a](x.md \"x.md\")\n"))]);
    let run = build(&site);
    run.assert_code(1);
    let diags = run.diagnostics();
    let d = crate::common::find_diag(&diags, "broken link to `x.md`");
    assert_eq!(d.location.as_deref(), Some("content/probe.md:6:5"));
}

#[test]
fn stale_card_heading_positions_stay_out_of_search_text() {
    let site = site_with(&[(
        "probe.md",
        &article(
            "Your neutrophils matter.\n\n| Test | Result |\n|---|---|\n| ANC | low |\n\n- Watch for signs.\n\n  > [!URGENT] Call the clinic today if:\n  > - you have chills\n",
        ),
    )]);
    site.write(
        "site.yaml",
        "title: Markdown fixture\nbase_url: https://fixture.example/\n",
    );
    build(&site).assert_code(0);
    let mut searched = String::new();
    for (path, bytes) in crate::common::snapshot(&site.public()) {
        if path.starts_with("search") && path.ends_with(".json") {
            searched.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
    assert!(
        searched.contains("you have chills"),
        "the card's list is searchable"
    );
    assert!(searched.contains("Watch for signs"));
    assert!(
        !searched.contains("Call the clinic"),
        "the card's heading leaked into the search text"
    );
}

// ---- issue 16: the URL policy ----

#[test]
fn urls_with_schemes_the_site_does_not_allow_are_errors_where_written() {
    let site = site_with(&[(
        "probe.md",
        &article(
            "[x](javascript:alert(1)) ![img](data:image/png;base64,AAAA)\n<JavaScript:alert(2)>\n\n[r]: vbscript:x\n\n[ref][r] [ok](https://example.org/) [t](tel:911) [m](mailto:a@b.co)\n",
        ),
    )]);
    let sources = article("Text.\n").replace(
        "url: https://example.org/source",
        "url: \"javascript:alert(3)\"",
    );
    site.write("content/sources.md", &sources);
    let run = build(&site);
    run.assert_code(1);
    let diags = run.diagnostics();
    let found: Vec<(String, Option<String>)> = with_code(&diags, "which this site does not allow")
        .into_iter()
        .map(|d| (d.message.clone(), d.location.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "link to `javascript:alert(1)` uses the scheme `javascript:`, which this site does not allow".to_owned(),
                Some("content/probe.md:11:5".to_owned())
            ),
            (
                "link to `data:image/png;base64,AAAA` uses the scheme `data:`, which this site does not allow".to_owned(),
                Some("content/probe.md:11:33".to_owned())
            ),
            (
                "link to `JavaScript:alert(2)` uses the scheme `javascript:`, which this site does not allow".to_owned(),
                Some("content/probe.md:12:2".to_owned())
            ),
            (
                "link to `vbscript:x` uses the scheme `vbscript:`, which this site does not allow".to_owned(),
                // A reference link is reported at its definition, where the destination is written.
                Some("content/probe.md:14:6".to_owned())
            ),
            (
                "source address `javascript:alert(3)` uses the scheme `javascript:`, which this site does not allow".to_owned(),
                Some("content/sources.md:8:11".to_owned())
            ),
        ]
    );
}

#[test]
fn url_schemes_are_settable_in_site_yaml() {
    let site = site_with(&[(
        "probe.md",
        &page("[chat](xmpp:help@example.org) [web](https://example.org/)\n"),
    )]);
    build(&site).assert_code(1);
    site.write(
        "site.yaml",
        "title: Markdown fixture\nsearch:\n  enabled: false\nurl_schemes: [https, xmpp]\n",
    );
    build(&site).assert_code(0);
    let doc = html(&site, "/probe/");
    assert_eq!(
        attrs(&doc, "main a", "href"),
        ["xmpp:help@example.org", "https://example.org/"]
    );
    // A bad entry is a site.yaml error.
    site.write("site.yaml", "title: T\nurl_schemes: [\"java script\"]\n");
    let run = build(&site);
    run.assert_code(1);
    assert!(run.stderr.contains("is not a URL scheme"), "{}", run.stderr);
}

#[test]
fn generated_links_from_slugs_with_a_colon_cannot_read_as_a_scheme() {
    // A file or slug holding `:` would make a generated link with a scheme (`covid:faq/`,
    // `javascript:alert(1)/`). Such names are refused where they are written, as names no
    // portable file system accepts, so no link is ever generated from them; `urls::relative`
    // writes `./` before any such segment besides (its unit tests).
    let site = site_with(&[
        ("covid:faq.md", &page("Questions.\n")),
        (
            "slugged.md",
            &page("Slugged.\n").replace("kind: page", "kind: page\nslug: \"javascript:alert(1)\""),
        ),
    ]);
    let run = build(&site);
    run.assert_code(1);
    assert!(!site.public().exists());
    let diags = run.diagnostics();
    let refused: Vec<String> = diags
        .iter()
        .filter(|d| d.message.contains("cannot be a file in the built site"))
        .map(|d| d.location.clone().unwrap_or_default())
        .collect();
    assert!(
        refused
            .iter()
            .any(|l| l.starts_with("content/covid:faq.md")),
        "{refused:?}"
    );
    assert!(
        refused.iter().any(|l| l.starts_with("content/slugged.md:")),
        "{refused:?}"
    );
}

// ---- issue 16: the raw HTML policy ----

const HOSTILE: &str = "<div class=\"box\" onclick=\"steal()\" style=\"color:red\">Kept text.</div>\n\n<script>alert(1)</script>\n\n<style>body{display:none}</style>\n\n<iframe src=\"https://evil.example/x\"></iframe>\n\n<form action=\"https://evil.example/\"><input name=\"q\"></form>\n\nInline <img src=\"/img.png\" alt=\"A cell\" onerror=\"x()\"> and <a href=\"javascript:alert(2)\">bad</a>.\n\n<details><summary>More</summary>\n\nHidden **Markdown**.\n\n</details>\n\n<abbr title=\"complete blood count\">CBC</abbr> <kbd>Ctrl</kbd> H<sub>2</sub>O x<sup>2</sup>\n\n<figure><img src=\"/img.png\" alt=\"Cells\"><figcaption>Cells.</figcaption></figure>\n";

#[test]
fn raw_html_is_sanitized_by_default_with_a_warning_for_each_removal() {
    let site = site_with(&[("probe.md", &page(HOSTILE))]);
    let run = build(&site);
    // `javascript:` in an href is the URL policy's error; the rest are warnings.
    run.assert_code(1);
    let diags = run.diagnostics();
    let removed: Vec<(String, String)> = with_code(&diags, "from raw HTML")
        .into_iter()
        .map(|d| (d.message.clone(), d.location.clone().unwrap_or_default()))
        .collect();
    let expect = [
        (
            "removed the `onclick` attribute of `<div>` from raw HTML",
            "content/probe.md:6:18",
        ),
        (
            "removed the `style` attribute of `<div>` from raw HTML",
            "content/probe.md:6:36",
        ),
        ("removed `<script>` from raw HTML", "content/probe.md:8:1"),
        ("removed `<style>` from raw HTML", "content/probe.md:10:1"),
        ("removed `<iframe>` from raw HTML", "content/probe.md:12:1"),
        ("removed `<form>` from raw HTML", "content/probe.md:14:1"),
        ("removed `<input>` from raw HTML", "content/probe.md:14:38"),
        (
            "removed the `onerror` attribute of `<img>` from raw HTML",
            "content/probe.md:16:41",
        ),
    ];
    let expect: Vec<(String, String)> = expect
        .iter()
        .map(|(m, l)| ((*m).to_owned(), (*l).to_owned()))
        .collect();
    assert_eq!(removed, expect);
    assert!(removed.iter().all(|(m, _)| !m.is_empty()));
    for d in with_code(&diags, "from raw HTML") {
        assert_eq!(d.severity, "warning");
    }
    let bad = crate::common::find_diag(
        &diags,
        "link to `javascript:alert(2)` uses the scheme `javascript:`, which this site does not allow",
    );
    assert_eq!(bad.location.as_deref(), Some("content/probe.md:16:69"));
    // Fixing the one error builds the sanitized page.
    site.write(
        "content/probe.md",
        &page(&HOSTILE.replace("javascript:alert(2)", "https://example.org/")),
    );
    build(&site).assert_code(0);
    let doc = html(&site, "/probe/");
    // The page's own content (the theme's scripts are outside `main`).
    let out = doc.select(&sel("main")).next().unwrap().inner_html();
    for gone in [
        "onclick",
        "steal",
        "style=",
        "<script",
        "alert(1)",
        "<style",
        "display:none",
        "<iframe",
        "evil.example",
        "<form",
        "<input",
        "onerror",
    ] {
        assert!(!out.contains(gone), "`{gone}` survived sanitizing");
    }
    for kept in [
        "div.box",
        "main details > summary",
        "abbr[title]",
        "kbd",
        "sub",
        "sup",
        "figure > figcaption",
        "figure img[alt='Cells']",
    ] {
        assert_eq!(doc.select(&sel(kept)).count(), 1, "`{kept}` was removed");
    }
    assert_eq!(attrs(&doc, "main p img", "src"), ["../img.png"]);
    assert!(out.contains("Kept text."));
    assert!(out.contains("<strong>Markdown</strong>"));
}

#[test]
fn raw_html_links_and_images_are_resolved_and_checked_like_markdown_ones() {
    let site = site_with(&[
        (
            "probe.md",
            &page(
                "<a href=\"other.md#other-page\">Other</a> <a href=\"gone.md\">gone</a> <img src=\"/missing.png\" alt=\"x\"> <img src=\"/img.png\">\n",
            ),
        ),
        ("other.md", &page("## Other page\n")),
    ]);
    let run = build(&site);
    run.assert_code(1);
    let diags = run.diagnostics();
    let gone = crate::common::find_diag(&diags, "broken link to `gone.md`");
    assert_eq!(gone.location.as_deref(), Some("content/probe.md:6:50"));
    let missing = crate::common::find_diag(&diags, "broken link to `/missing.png`");
    assert_eq!(missing.location.as_deref(), Some("content/probe.md:6:78"));
    let alt = crate::common::find_diag(&diags, "image without alt text");
    assert_eq!(alt.location.as_deref(), Some("content/probe.md:6:101"));
    // Fixed, the good link is rewritten like a Markdown one and counted as a backlink.
    site.write(
        "content/probe.md",
        &page("<a href=\"other.md#other-page\">Other</a> <img src=\"/img.png\" alt=\"A cell\">\n"),
    );
    build(&site).assert_code(0);
    let doc = html(&site, "/probe/");
    assert_eq!(attrs(&doc, "main a", "href"), ["../other/#other-page"]);
    assert_eq!(attrs(&doc, "main img", "src"), ["../img.png"]);
}

#[test]
fn iframes_need_a_listed_host_and_a_title() {
    let body = "<iframe src=\"https://www.youtube-nocookie.com/embed/x\" title=\"Video: washing hands\"></iframe>\n\n<iframe src=\"https://www.youtube-nocookie.com/embed/y\"></iframe>\n";
    let site = site_with(&[("probe.md", &page(body))]);
    // Not listed: removed with a warning.
    let run = build(&site);
    run.assert_code(0);
    assert_eq!(with_code(&run.diagnostics(), "removed `<iframe>`").len(), 2);
    assert!(!site.read("public/probe/index.html").contains("<iframe"));
    // Listed: kept, and the one without a title is an error.
    site.write(
        "site.yaml",
        "title: T\nsearch:\n  enabled: false\nmarkdown:\n  iframe_hosts: [www.youtube-nocookie.com]\n",
    );
    let run = build(&site);
    run.assert_code(1);
    let diags = run.diagnostics();
    let d = crate::common::find_diag(&diags, "iframe without a title");
    assert_eq!(d.location.as_deref(), Some("content/probe.md:8:1"));
    site.write(
        "content/probe.md",
        &page(body.split("\n\n").next().unwrap()),
    );
    build(&site).assert_code(0);
    let doc = html(&site, "/probe/");
    assert_eq!(
        attrs(&doc, "main iframe", "title"),
        ["Video: washing hands"]
    );
}

#[test]
fn raw_html_deny_makes_raw_html_an_error() {
    let site = site_with(&[(
        "probe.md",
        &page("Text <b>bold</b>.\n\n<!-- a note for editors -->\n"),
    )]);
    site.write(
        "site.yaml",
        "title: T\nsearch:\n  enabled: false\nmarkdown:\n  raw_html: deny\n",
    );
    let run = build(&site);
    run.assert_code(1);
    let diags = run.diagnostics();
    let d = crate::common::find_diag(&diags, "raw HTML `<b>` is not allowed on this site");
    assert_eq!(d.location.as_deref(), Some("content/probe.md:6:6"));
    // The closing tag and the comment are not reported again.
    assert_eq!(with_code(&diags, "raw HTML").len(), 1);
}

#[test]
fn raw_html_allow_passes_it_through_and_says_so() {
    let site = site_with(&[(
        "probe.md",
        &page("<div onclick=\"x()\" style=\"color:red\">Kept.</div>\n"),
    )]);
    site.write(
        "site.yaml",
        "title: T\nsearch:\n  enabled: false\nmarkdown:\n  raw_html: allow\n",
    );
    let run = build(&site);
    run.assert_code(0);
    assert!(
        site.read("public/probe/index.html")
            .contains("<div onclick=\"x()\" style=\"color:red\">Kept.</div>")
    );
    assert!(
        run.stdout.contains("raw HTML is allowed"),
        "the build summary says raw HTML passes through: {}",
        run.stdout
    );
}

#[test]
fn table_column_alignment_is_a_class_the_csp_allows() {
    // Issue 16: a `style` attribute is ignored under the default CSP, so an aligned column
    // would lose its alignment; it is a class the theme's style sheet aligns instead.
    let site = site_with(&[(
        "probe.md",
        &page(
            "| Test | Result | Unit |\n|:-----|-------:|:----:|\n| WBC | 3.1 | x10^9/L |\n| ANC | 0.4 | x10^9/L |\n",
        ),
    )]);
    build(&site).assert_code(0);
    let out = site.read("public/probe/index.html");
    assert!(!out.contains("style="), "no inline style attribute: {out}");
    let doc = html(&site, "/probe/");
    assert_eq!(
        attrs(&doc, "main th", "class"),
        ["align-start", "align-end", "align-center"]
    );
    assert_eq!(
        attrs(&doc, "main td", "class"),
        [
            "align-start",
            "align-end",
            "align-center",
            "align-start",
            "align-end",
            "align-center"
        ]
    );
    assert_eq!(doc.select(&sel("main tbody tr")).count(), 2);
    let css = site.read("public/style.css");
    for rule in [
        ".align-start { text-align: start; }",
        ".align-end { text-align: end; }",
    ] {
        assert!(css.contains(rule), "style.css lacks {rule}");
    }
}

#[test]
fn heading_attributes_cannot_add_event_handlers() {
    let site = site_with(&[(
        "probe.md",
        &page("## Title {#t .big onclick=alert(1) style=x}\n"),
    )]);
    let run = build(&site);
    run.assert_code(0);
    assert_eq!(
        with_code(&run.diagnostics(), "removed the heading attribute").len(),
        2
    );
    let out = site.read("public/probe/index.html");
    assert!(!out.contains("onclick") && !out.contains("style=\"x\""));
    let doc = html(&site, "/probe/");
    assert_eq!(attrs(&doc, "main h2.big", "id"), ["t"]);
}

#[test]
fn a_glossary_see_with_a_scheme_is_never_published() {
    let site = site_with(&[("probe.md", &article("Your neutrophils fight germs.\n"))]);
    site.write(
        "content/glossary.yaml",
        "neutrophils:\n  definition: White blood cells that fight bacteria.\n  see: \"javascript:alert(1)\"\n",
    );
    let run = build(&site);
    run.assert_code(1);
    let diags = run.diagnostics();
    let d = crate::common::find_diag(&diags, "`see: javascript:alert(1)` is not an article");
    assert_eq!(d.location.as_deref(), Some("content/glossary.yaml:3:9"));
}

#[test]
fn raw_html_hides_no_scheme_behind_character_references() {
    let site = site_with(&[(
        "probe.md",
        &page(
            "<a href=\"&#106;ava&#x09;script&colon;alert(1)\">a</a> <img src=\"DATA:image/png;base64,AA\" alt=\"x\">\n",
        ),
    )]);
    let run = build(&site);
    run.assert_code(1);
    let diags = run.diagnostics();
    let schemes: Vec<&str> = with_code(&diags, "which this site does not allow")
        .iter()
        .filter_map(|d| d.message.split("the scheme `").nth(1))
        .collect();
    assert_eq!(
        schemes,
        [
            "javascript:`, which this site does not allow",
            "data:`, which this site does not allow"
        ]
    );
}
