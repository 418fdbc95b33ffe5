//! The Content-Security-Policy (issue 16): the default theme works under a strict policy (no
//! inline script, no inline style, no event-handler attributes, no `eval` in its scripts),
//! every page carries the policy in a `<meta http-equiv>`, and the output has a `_headers`
//! file with the policy and the usual security headers for hosts that read one.

use crate::common::{example_site, html_files, parse_html, sel};

/// The strict default, as `site.yaml` leaves it.
const DEFAULT_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; media-src 'self'; manifest-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'";

#[test]
fn every_page_of_the_example_site_carries_the_policy_and_needs_nothing_inline() {
    let site = example_site();
    site.build(&[]).assert_code(0);
    let out = site.public();
    let pages = html_files(&out);
    assert!(pages.len() > 50, "{}", pages.len());
    for rel in &pages {
        let doc = parse_html(&out.join(rel));
        let head: Vec<_> = doc.select(&sel("head > *")).collect();
        // First after the character set, before any script or style sheet it governs.
        let policy = head
            .iter()
            .position(|e| e.value().attr("http-equiv") == Some("Content-Security-Policy"))
            .unwrap_or_else(|| panic!("{rel}: no Content-Security-Policy"));
        assert_eq!(
            policy, 1,
            "{rel}: the policy comes right after <meta charset>"
        );
        assert_eq!(
            head[policy].value().attr("content"),
            Some(DEFAULT_POLICY),
            "{rel}"
        );
        assert_eq!(
            doc.select(&sel("meta[http-equiv=Content-Security-Policy]"))
                .count(),
            1,
            "{rel}"
        );
        for script in doc.select(&sel("script")) {
            let v = script.value();
            let data = matches!(
                v.attr("type"),
                Some("application/json" | "application/ld+json")
            );
            assert!(
                v.attr("src").is_some() || data,
                "{rel}: inline script {}",
                script.html()
            );
        }
        assert_eq!(
            doc.select(&sel("style")).count(),
            0,
            "{rel}: a <style> element"
        );
        for el in doc.select(&sel("*")) {
            for (name, value) in el.value().attrs() {
                assert!(
                    name != "style",
                    "{rel}: a style attribute on <{}>",
                    el.value().name()
                );
                assert!(
                    !name.starts_with("on"),
                    "{rel}: an event handler `{name}` on <{}>",
                    el.value().name()
                );
                assert!(
                    !value
                        .trim_start()
                        .to_ascii_lowercase()
                        .starts_with("javascript:"),
                    "{rel}: a javascript: URL"
                );
            }
        }
    }
}

#[test]
fn the_themes_scripts_use_no_eval_or_inline_handlers() {
    let root = crate::common::repo_root();
    for name in [
        "static/medleaf.js",
        "static/search.js",
        "static/search-es.js",
        "src/serve/live.js",
    ] {
        let text = std::fs::read_to_string(root.join(name)).unwrap();
        for banned in [
            "eval(",
            "new Function",
            "setTimeout(\"",
            "setInterval(\"",
            "setAttribute(\"style\"",
            "setAttribute(\"on",
            "javascript:",
            "document.write",
        ] {
            assert!(!text.contains(banned), "{name} uses `{banned}`");
        }
    }
}

#[test]
fn the_output_has_a_headers_file_for_hosts() {
    let site = crate::common::fixture("build/valid-site");
    site.build(&[]).assert_code(0);
    let text = site.read("public/_headers");
    let expected = format!(
        "/*\n  Content-Security-Policy: {DEFAULT_POLICY}; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n  X-Frame-Options: DENY\n  Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()\n"
    );
    assert_eq!(text, expected);
    // A site's own policy replaces the default everywhere.
    site.write(
        "site.yaml",
        &format!(
            "{}security:\n  content_security_policy: >-\n    default-src 'self';\n    frame-src https://www.youtube-nocookie.com\n",
            site.read("site.yaml")
        ),
    );
    site.build(&[]).assert_code(0);
    let policy = "default-src 'self'; frame-src https://www.youtube-nocookie.com";
    assert!(
        site.read("public/_headers").contains(&format!(
            "  Content-Security-Policy: {policy}; frame-ancestors 'none'\n"
        )),
        "{}",
        site.read("public/_headers")
    );
    let doc = parse_html(&site.public().join("index.html"));
    assert_eq!(
        crate::common::attrs(&doc, "meta[http-equiv=Content-Security-Policy]", "content"),
        [policy]
    );
    // A site's own `static/_headers` replaces medleaf's, as its own `style.css` does.
    site.write("static/_headers", "/*\n  X-Robots-Tag: noindex\n");
    site.build(&[]).assert_code(0);
    assert_eq!(
        site.read("public/_headers"),
        "/*\n  X-Robots-Tag: noindex\n"
    );
}
