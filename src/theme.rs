//! The built-in theme: its templates and static files (embedded in the binary, so a site needs
//! none of its own), the ids its templates use, and the addresses of the pages and files
//! medleaf generates besides content pages.
//!
//! The link index needs these addresses before anything is rendered (a link to `/topics/` or
//! `/style.css` is valid), so they live here, below every stage, rather than in the renderer.

/// The default theme's templates.
pub(crate) const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("article.html", include_str!("../templates/article.html")),
    ("page.html", include_str!("../templates/page.html")),
    ("home.html", include_str!("../templates/home.html")),
    ("section.html", include_str!("../templates/section.html")),
    ("topics.html", include_str!("../templates/topics.html")),
    ("topic.html", include_str!("../templates/topic.html")),
    ("glossary.html", include_str!("../templates/glossary.html")),
    ("404.html", include_str!("../templates/404.html")),
    ("alias.html", include_str!("../templates/alias.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("a-z.html", include_str!("../templates/a-z.html")),
    (
        "partials/pagination.html",
        include_str!("../templates/partials/pagination.html"),
    ),
    (
        "partials/page-list.html",
        include_str!("../templates/partials/page-list.html"),
    ),
];

/// The folder name under which the built-in templates stay reachable whatever the site
/// replaces (`{% extends "medleaf/base.html" %}`), so a site's own `base.html` can extend the
/// built-in one and keep its later fixes instead of copying it whole (issue 17). Site files
/// under `templates/medleaf/` are not loaded: the name belongs to the theme.
pub(crate) const NAMESPACE: &str = "medleaf/";

/// The built-in templates under [`NAMESPACE`], each referring to the others by their
/// namespaced names (`medleaf/article.html` extends `medleaf/base.html`), so the namespaced
/// set is the pristine theme whatever the site replaces.
pub(crate) fn namespaced_templates() -> Vec<(String, String)> {
    DEFAULT_TEMPLATES
        .iter()
        .map(|(name, text)| {
            let mut text = (*text).to_owned();
            for tag in ["extends", "include"] {
                text = text.replace(
                    &format!("{{% {tag} \""),
                    &format!("{{% {tag} \"{NAMESPACE}"),
                );
            }
            (format!("{NAMESPACE}{name}"), text)
        })
        .collect()
}

/// The default theme's static files, copied to the output's root.
pub(crate) const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../static/style.css")),
    ("medleaf.js", include_bytes!("../static/medleaf.js")),
    ("favicon.svg", include_bytes!("../static/favicon.svg")),
    ("favicon.ico", include_bytes!("../static/favicon.ico")),
];

/// The static files only a site with search needs (`search.enabled`), so that a site without
/// search carries no search code. `search-es.js` holds the Spanish text analysis, which
/// `search.js` loads only on a Spanish site.
pub(crate) const SEARCH_STATIC: &[(&str, &[u8])] = &[
    ("search.js", include_bytes!("../static/search.js")),
    ("search-es.js", include_bytes!("../static/search-es.js")),
];

/// The Content-Security-Policy every page carries unless `site.yaml` sets its own: everything
/// from the site itself and nothing else, no inline script or style, no `eval`, no plugins,
/// no frames, no `<base>`, forms only to the site. The default theme and the search work
/// under it (the browser checks listen for violations). `frame-ancestors` is not here: a
/// `<meta>` policy cannot carry it, so it goes in `_headers` and `serve`'s headers only.
pub(crate) const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; media-src 'self'; manifest-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'";

/// The response headers a host should send with every file of the site (besides the
/// Content-Security-Policy): no content-type sniffing, no referrer to other sites beyond the
/// origin, never shown in another site's frame, and no access to cameras, microphones,
/// location and the like.
pub(crate) const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    ),
];

/// The headers of every response, for `_headers` and `serve`: the policy (with
/// `frame-ancestors 'none'`, which only a header can carry) and [`SECURITY_HEADERS`].
pub(crate) fn security_headers(policy: &str) -> Vec<(&'static str, String)> {
    let policy = if policy.contains("frame-ancestors") {
        policy.to_owned()
    } else {
        format!(
            "{}; frame-ancestors 'none'",
            policy.trim_end_matches([';', ' '])
        )
    };
    let mut out = vec![("Content-Security-Policy", policy)];
    out.extend(SECURITY_HEADERS.iter().map(|(k, v)| (*k, (*v).to_owned())));
    out
}

/// The `_headers` file (the format Netlify and Cloudflare Pages read): every path gets the
/// security headers.
pub(crate) fn headers_file(policy: &str) -> String {
    let mut out = String::from("/*\n");
    for (name, value) in security_headers(policy) {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    out
}

/// Ids the page templates use; headings never get them, so links to them stay unambiguous.
pub(crate) const RESERVED_IDS: &[&str] = &[
    "main",
    "top",
    "site-search",
    "search-input",
    "page-toc",
    "page-sources",
    "page-review",
    "page-related",
    "page-backlinks",
    "page-topics",
    "page-glossary",
    "page-contents",
    "page-handout",
    "footnotes",
    "site-menu",
    "site-search-q",
];

/// The topics index; topic pages are below it (`/topics/anemia/`).
pub(crate) const TOPICS_URL: &str = "/topics/";
/// The glossary page.
pub(crate) const GLOSSARY_URL: &str = "/glossary/";
/// The Health A-Z page: every article by name, with other names as cross-references.
pub(crate) const A_Z_URL: &str = "/a-z/";
/// The folder below a listing where its further pages live (`/conditions/page/2/`).
pub(crate) const LISTING_PAGE_DIR: &str = "page";
/// The address of page `n` (from 1) of the listing at `url`: page 1 is `url` itself.
pub(crate) fn listing_page_url(url: &str, n: usize) -> String {
    if n <= 1 {
        url.to_owned()
    } else {
        format!("{url}{LISTING_PAGE_DIR}/{n}/")
    }
}
/// How many pages a listing of `entries` entries takes with `page_size` entries a page (at
/// least one).
pub(crate) fn listing_page_count(entries: usize, page_size: usize) -> usize {
    entries.div_ceil(page_size.max(1)).max(1)
}
/// A generated page's address in the language whose pages live under `prefix` (`/` or
/// `/es/`): `in_language("/es/", TOPICS_URL)` is `/es/topics/`.
pub(crate) fn in_language(prefix: &str, url: &str) -> String {
    format!("{prefix}{}", url.trim_start_matches('/'))
}

/// The search page. The header's search box submits to it.
pub(crate) const SEARCH_URL: &str = "/search/";
/// The page served at any missing address.
pub(crate) const NOT_FOUND_URL: &str = "/404.html";
/// The sitemap.
pub(crate) const SITEMAP_URL: &str = "/sitemap.xml";
/// The Atom feed.
pub(crate) const FEED_URL: &str = "/feed.xml";
/// The robots file.
pub(crate) const ROBOTS_URL: &str = "/robots.txt";
/// The security headers, for hosts that read a `_headers` file (Netlify, Cloudflare Pages).
pub(crate) const HEADERS_URL: &str = "/_headers";

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `extends` and `include` of the namespaced copies names a namespaced template, so
    /// none of them reaches a template the site replaced.
    #[test]
    fn namespaced_templates_refer_to_each_other_only() {
        let names: Vec<String> = namespaced_templates().into_iter().map(|(n, _)| n).collect();
        for (name, text) in namespaced_templates() {
            for tag in ["extends", "include"] {
                let needle = format!("{{% {tag} \"");
                for (i, _) in text.match_indices(&needle) {
                    let rest = &text[i + needle.len()..];
                    let target = &rest[..rest.find('"').unwrap()];
                    assert!(names.iter().any(|n| n == target), "{name}: {target}");
                }
            }
            assert!(
                !text.contains("{%- extends") && !text.contains("{%- include"),
                "{name}: write `{{% extends` and `{{% include` without `-` in built-in templates"
            );
        }
    }
}
