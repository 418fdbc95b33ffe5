//! Themes you extend (issue 17). `themes/site/` is a two-language site published below a
//! sub-path (`https://example.org/health/`) whose `templates/base.html` extends the built-in
//! `medleaf/base.html`, adding a logo to the `header` block, a feedback link from
//! `site.extra` to the `footer` block and its own analytics script (from `static/`) to the
//! `scripts` block; its pages choose `landing.html` with `template:`, which uses every filter
//! and function medleaf adds; and `templates/artcle.html` is a misspelt override nothing uses.

use std::collections::BTreeSet;

use crate::common::{
    TODAY, assert_same_tree, find_diag, fixture, medleaf, parse_html, sel, snapshot, text_of,
};

/// The text of the one element matching `css` in the built page `rel`.
fn text(out: &std::path::Path, rel: &str, css: &str) -> String {
    let doc = parse_html(&out.join(rel));
    let found: Vec<_> = doc.select(&sel(css)).collect();
    assert_eq!(found.len(), 1, "{rel}: one `{css}`");
    text_of(found[0])
}

/// The attribute `attr` of the one element matching `css` in the built page `rel`.
fn attr(out: &std::path::Path, rel: &str, css: &str, attr: &str) -> String {
    let doc = parse_html(&out.join(rel));
    let found: Vec<String> = crate::common::attrs(&doc, css, attr)
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(found.len(), 1, "{rel}: one `{css}[{attr}]`: {found:?}");
    found[0].clone()
}

/// The inner HTML of the one element matching `css` in the built page `rel`.
fn inner_html(out: &std::path::Path, rel: &str, css: &str) -> String {
    let doc = parse_html(&out.join(rel));
    let el = doc
        .select(&sel(css))
        .next()
        .unwrap_or_else(|| panic!("{rel}: no `{css}`"));
    el.inner_html()
}

#[test]
fn a_site_base_extends_the_built_in_one_and_adds_to_its_blocks_on_every_page() {
    let site = fixture("themes/site");
    site.build(&[]).assert_code(0);
    let out = site.public();

    // Every reference of every page leads to a file, logo and script included, at the
    // sub-path; only the 404 page (served at any address) starts them from `/health/`.
    let problems = crate::common::broken_refs(&out, "/health/", |rel| {
        rel == "404.html" || rel == "es/404.html"
    });
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    let pages = crate::common::html_files(&out);
    let mut checked = 0;
    for rel in &pages {
        let doc = parse_html(&out.join(rel));
        if doc
            .select(&sel("meta[http-equiv=refresh]"))
            .next()
            .is_some()
        {
            continue;
        }
        checked += 1;
        // The header block: the logo, then the built-in header (`super()`).
        let header = doc.select(&sel(".site-header__inner")).next().unwrap();
        let first = header
            .children()
            .find_map(scraper::ElementRef::wrap)
            .unwrap();
        assert_eq!(first.value().attr("class"), Some("site-logo"), "{rel}");
        assert!(
            header.select(&sel("a.site-title")).next().is_some(),
            "{rel}"
        );
        assert!(
            header.select(&sel("form.site-search")).next().is_some() || rel.contains("search"),
            "{rel}"
        );
        // The footer block: the built-in footer, then the feedback link from `site.extra`,
        // with the page's title as the subject.
        let footer = doc.select(&sel("footer.site-footer")).next().unwrap();
        assert!(
            footer.select(&sel(".help-line .tel-link")).next().is_some(),
            "{rel}"
        );
        let mailto = footer
            .select(&sel(".feedback a"))
            .next()
            .unwrap_or_else(|| panic!("{rel}: no feedback link"))
            .value()
            .attr("href")
            .unwrap();
        assert!(
            mailto.starts_with("mailto:feedback@example.org?subject="),
            "{rel}: {mailto}"
        );
        // The scripts block: the theme's script, then the site's own, from the site; no
        // script is inline (JSON data blocks are not scripts), so the CSP stays strict.
        // (The search page loads its own search script in its main block.)
        let srcs = crate::common::attrs(&doc, "script[src]", "src");
        let expected = if rel.ends_with("search/index.html") {
            3
        } else {
            2
        };
        assert_eq!(srcs.len(), expected, "{rel}: {srcs:?}");
        assert!(
            srcs[0].ends_with("medleaf.js") && srcs[1].ends_with("analytics.js"),
            "{rel}: {srcs:?}"
        );
        for s in doc.select(&sel("script:not([src])")) {
            let kind = s.value().attr("type").unwrap_or("");
            assert!(
                kind == "application/json" || kind == "application/ld+json",
                "{rel}: an inline script"
            );
        }
        let csp = crate::common::attrs(&doc, "meta[http-equiv=Content-Security-Policy]", "content");
        assert_eq!(csp.len(), 1, "{rel}");
        assert!(
            csp[0].contains("script-src 'self';") && !csp[0].contains("unsafe-inline"),
            "{rel}"
        );
    }
    assert!(checked >= 8, "{pages:?}");
    assert!(out.join("analytics.js").is_file());

    // The subject is the title, encoded for an address (`&` and spaces too).
    assert_eq!(
        attr(&out, "welcome/index.html", ".feedback a", "href"),
        "mailto:feedback@example.org?subject=Welcome%20%26%20hello"
    );
    // Under the sub-path: relative from pages, from `/health/` on the 404 page.
    assert_eq!(
        attr(&out, "conditions/deep/index.html", ".site-logo img", "src"),
        "../../images/logo.svg"
    );
    assert_eq!(
        attr(&out, "404.html", ".site-logo img", "src"),
        "/health/images/logo.svg"
    );
    assert_eq!(attr(&out, "404.html", ".site-logo a", "href"), "/health/");
}

#[test]
fn a_page_chooses_its_template_and_the_filters_work_in_its_language() {
    let site = fixture("themes/site");
    site.build(&[]).assert_code(0);
    let out = site.public();

    // `template: landing.html` on the page, its translation and a page one folder down; the
    // home page keeps `home.html`.
    for rel in [
        "welcome/index.html",
        "es/welcome/index.html",
        "conditions/deep/index.html",
    ] {
        assert_eq!(text(&out, rel, ".before"), "Before the article", "{rel}");
        assert_eq!(text(&out, rel, ".after"), "After the article", "{rel}");
    }
    let home = parse_html(&out.join("index.html"));
    assert!(home.select(&sel(".before, .date")).next().is_none());

    // `format_date` in the page's language, and with a format of one's own.
    assert_eq!(text(&out, "welcome/index.html", ".date"), "7 December 2026");
    assert_eq!(
        text(&out, "es/welcome/index.html", ".date"),
        "7 de diciembre de 2026"
    );
    assert_eq!(
        text(&out, "conditions/deep/index.html", ".date"),
        "5 January 2026"
    );
    assert_eq!(
        text(&out, "welcome/index.html", ".date-numeric"),
        "7/12/2026 December"
    );
    assert_eq!(
        text(&out, "es/welcome/index.html", ".date-numeric"),
        "7/12/2026 diciembre"
    );

    // `markdown`: Markdown made HTML, raw HTML through the site's policy (`sanitize`): the
    // script and the event handler are gone, the bold text stays.
    let blurb = inner_html(&out, "welcome/index.html", ".blurb");
    assert!(
        blurb.contains("<p>A <strong>short</strong> text.</p>"),
        "{blurb}"
    );
    assert!(blurb.contains("<b>Bold</b>"), "{blurb}");
    assert!(
        !blurb.contains("script") && !blurb.contains("onclick") && !blurb.contains("alert"),
        "{blurb}"
    );
    // `inline=true` leaves out the paragraph; `site.extra` reaches templates.
    let tagline = inner_html(&out, "welcome/index.html", ".tagline");
    assert!(
        tagline.starts_with("<strong>Plain</strong> words,"),
        "{tagline}"
    );
    assert!(
        !tagline.contains("<p>") && !tagline.contains("<script") && !tagline.contains("alert"),
        "{tagline}"
    );

    // `urlencode` keeps `/`; `url` is relative to the page, so it works below `/health/`;
    // `get_url(absolute=true)` starts from `base_url`.
    assert_eq!(
        attr(&out, "welcome/index.html", ".search-link", "href"),
        "../search/?q=a%20b/c%26d"
    );
    assert_eq!(
        attr(&out, "es/welcome/index.html", ".search-link", "href"),
        "../../search/?q=tos%20seca"
    );
    assert_eq!(
        attr(&out, "welcome/index.html", ".section-link", "href"),
        "../conditions/"
    );
    assert_eq!(
        attr(&out, "conditions/deep/index.html", ".section-link", "href"),
        "../../conditions/"
    );
    // A fragment stays as written.
    assert_eq!(
        attr(&out, "welcome/index.html", ".anchor-link", "href"),
        "../conditions/deep/#main"
    );
    assert_eq!(
        attr(&out, "conditions/deep/index.html", ".absolute-link", "href"),
        "https://example.org/health/conditions/"
    );
}

#[test]
fn a_template_nothing_uses_is_a_warning_with_the_name_it_was_meant_to_have() {
    let site = fixture("themes/site");
    let run = site.build(&[]);
    run.assert_code(0);
    let diags = run.diagnostics();
    let d = find_diag(
        &diags,
        "`templates/artcle.html` is not used: it replaces no built-in template, and no template or page uses it",
    );
    assert_eq!(d.severity, "warning");
    assert_eq!(d.location.as_deref(), Some("templates/artcle.html:1:1"));
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `article.html`?"),
        "{d:?}"
    );
    // The partial the site's base includes and the template pages choose are used: the
    // misspelt file is the only warning.
    assert_eq!(diags.len(), 1, "{diags:#?}");

    let check = medleaf(&[
        "check",
        "--root",
        site.root.to_str().unwrap(),
        "--today",
        TODAY,
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let codes: BTreeSet<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, BTreeSet::from(["unused-template"]));

    // Named like a built-in template, the same file replaces it and is not reported.
    std::fs::rename(
        site.path("templates/artcle.html"),
        site.path("templates/article.html"),
    )
    .unwrap();
    let run = site.build(&[]);
    run.assert_code(0);
    assert!(run.diagnostics().is_empty(), "{}", run.stderr);
}

#[test]
fn an_unknown_template_is_an_error_at_the_key_with_the_closest_name() {
    let site = fixture("themes/site");
    site.write(
        "content/bad.md",
        "---\ntitle: Bad\nkind: page\ntemplate: landng.html\n---\nText.\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    let diags = run.diagnostics();
    let d = find_diag(&diags, "`template: landng.html` names no template");
    assert_eq!(d.severity, "error");
    assert_eq!(d.location.as_deref(), Some("content/bad.md:4:11"));
    assert_eq!(d.help.as_deref(), Some("did you mean `landing.html`?"));
    assert!(!site.public().exists(), "nothing is written");
}

/// A site's `base.html` that only extends `medleaf/base.html` changes nothing: the namespaced
/// templates are the built-in ones, byte for byte, and a block nobody overrides writes what
/// the theme always wrote.
#[test]
fn extending_the_built_in_base_without_overriding_anything_changes_no_byte() {
    let site = crate::common::example_site();
    let plain = site.scratch().join("plain");
    site.build(&["--output", plain.to_str().unwrap()])
        .assert_code(0);
    site.write(
        "templates/base.html",
        "{% extends \"medleaf/base.html\" %}\n",
    );
    site.write(
        "templates/article.html",
        "{% extends \"medleaf/article.html\" %}\n",
    );
    let extended = site.scratch().join("extended");
    site.build(&["--output", extended.to_str().unwrap()])
        .assert_code(0);
    assert_same_tree(&snapshot(&plain), &snapshot(&extended));
}
