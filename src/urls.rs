//! Site addresses: joining, normalising and making them relative.
//!
//! Every address inside the built site is relative (`../leukemia/`), so the output folder works
//! unchanged at any sub-path of any host. Only canonical links, the sitemap and the feed use
//! absolute addresses, built from `base_url`.

/// The folder part of a site address: `/a/b/` stays, `/a/page.html` becomes `/a/`.
pub(crate) fn dir_of(url: &str) -> &str {
    match url.rfind('/') {
        Some(i) => &url[..=i],
        None => "/",
    }
}

/// A relative reference from a page at `from` (a site address such as `/a/b/` or `/404.html`)
/// to the site address `to`. `/a/b/` → `/a/c/` is `../c/`; to itself it is `./`.
pub(crate) fn relative(from: &str, to: &str) -> String {
    // Called for every link on every page: walk the segments in place instead of collecting
    // them into vectors.
    let from_dir = dir_of(from);
    let to_dir = if to.ends_with('/') { to } else { dir_of(to) };
    let common = common_prefix_len(from_dir, to_dir);
    let ups = from_dir.split('/').filter(|s| !s.is_empty()).count() - common;
    let mut rest = to.trim_start_matches('/');
    for _ in 0..common {
        rest = rest
            .split_once('/')
            .map_or("", |(_, r)| r)
            .trim_start_matches('/');
    }
    let mut out = String::with_capacity(ups * 3 + rest.len() + 2);
    for _ in 0..ups {
        out.push_str("../");
    }
    out.push_str(rest);
    if out.is_empty() {
        out.push_str("./");
    } else if out
        .split('/')
        .next()
        .is_some_and(|first| first.contains(':'))
    {
        // `covid:faq/` would be read as a link with the scheme `covid:` (issue 16).
        out.insert_str(0, "./");
    }
    encode_path(&out)
}

/// A relative reference that can never be read as a scheme: `covid:faq/` (from a slug or a
/// file name holding `:`) would be a link with the scheme `covid:`, and
/// `javascript:alert(1)/` would run; with `./` before it, it is a path (issue 16).
pub(crate) fn unschemed(rel: &str) -> std::borrow::Cow<'_, str> {
    if rel
        .split('/')
        .next()
        .is_some_and(|first| first.contains(':'))
    {
        std::borrow::Cow::Owned(format!("./{rel}"))
    } else {
        std::borrow::Cow::Borrowed(rel)
    }
}

/// How many leading directory segments two folder addresses share.
fn common_prefix_len(a: &str, b: &str) -> usize {
    a.split('/')
        .filter(|s| !s.is_empty())
        .zip(b.split('/').filter(|s| !s.is_empty()))
        .take_while(|(x, y)| x == y)
        .count()
}

/// The prefix that leads from a page at `from` to the site root (`./`, `../`, `../../`).
pub(crate) fn root_prefix(from: &str) -> String {
    relative(from, "/")
}

/// Resolves `path` (with `.` and `..` parts, `/`-separated) against folder `base` (`a/b`), both
/// relative to one root. Returns `None` if it climbs above the root.
pub(crate) fn join(base: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The output file for a site address: `/a/` → `a/index.html`, `/a.html` → `a.html`.
pub(crate) fn output_path(url: &str) -> String {
    let trimmed = url.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else if trimmed
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
    {
        trimmed.to_owned()
    } else {
        format!("{trimmed}/index.html")
    }
}

/// Decodes `%XX` escapes in a link's path (`my%20file.md` → `my file.md`); invalid escapes are
/// kept as written.
pub(crate) fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            let hex = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
            out.push(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

/// Escapes the characters that may not appear raw in a URL path (spaces, quotes, non-ASCII).
pub(crate) fn encode_path(s: &str) -> String {
    if s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@%".contains(&b))
    {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@%".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Whether a link leaves the site: it has a scheme (`https:`, `mailto:`) or starts with `//`.
pub(crate) fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !dest[..i].contains('/')
        }
        None => false,
    }
}

/// The scheme of a URL, lowercased (`JavaScript:x` → `javascript`), or `None` for a relative
/// reference. Read the way browsers read it: leading spaces and control characters are
/// skipped and tabs and line breaks inside are ignored, so `java&#9;script:` is `javascript`.
/// `//host/x` (scheme-relative) counts as `https`.
pub(crate) fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if cleaned.starts_with("//") || cleaned.starts_with("\\\\") {
        return Some("https".to_owned());
    }
    let i = cleaned.find(':')?;
    let s = &cleaned[..i];
    let valid = s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| s.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_addresses() {
        assert_eq!(relative("/a/b/", "/a/c/"), "../c/");
        assert_eq!(relative("/a/b/", "/a/b/"), "./");
        assert_eq!(relative("/", "/covid:faq/"), "./covid:faq/");
        assert_eq!(relative("/a/", "/javascript:x/"), "../javascript:x/");
        assert_eq!(relative("/a/b/", "/style.css"), "../../style.css");
        assert_eq!(relative("/", "/a/"), "a/");
        assert_eq!(relative("/a/", "/"), "../");
        assert_eq!(relative("/404.html", "/a/"), "a/");
        assert_eq!(relative("/a/", "/a/b c/"), "b%20c/");
        assert_eq!(root_prefix("/"), "./");
        assert_eq!(root_prefix("/x/y/"), "../../");
    }

    #[test]
    fn joins() {
        assert_eq!(join("a/b", "../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(join("a", "./c.md").as_deref(), Some("a/c.md"));
        assert_eq!(join("a", "/c.md").as_deref(), Some("c.md"));
        assert_eq!(join("", "../c.md"), None);
    }

    #[test]
    fn externals() {
        assert!(is_external("https://x.org"));
        assert!(is_external("mailto:a@b"));
        assert!(is_external("tel:911"));
        assert!(is_external("//cdn.example"));
        assert!(!is_external("leukemia.md"));
        assert!(!is_external("../a.md#x:y"));
        assert!(!is_external("/images/a.png"));
    }

    #[test]
    fn schemes_are_read_as_browsers_read_them() {
        assert_eq!(scheme("https://x.org").as_deref(), Some("https"));
        assert_eq!(
            scheme(" JavaScript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(scheme("java\tscript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme("//cdn.example/x").as_deref(), Some("https"));
        assert_eq!(scheme("covid:faq/").as_deref(), Some("covid"));
        assert_eq!(scheme("./covid:faq/"), None);
        assert_eq!(scheme("leukemia.md"), None);
        assert_eq!(scheme("a/b:c"), None);
        assert_eq!(scheme("#x:y"), None);
    }

    #[test]
    fn relative_links_never_read_as_a_scheme() {
        assert_eq!(relative("/", "/covid:faq/"), "./covid:faq/");
        assert_eq!(relative("/a/", "/a/b:c/"), "./b:c/");
        assert_eq!(relative("/a/", "/x:y/"), "../x:y/");
    }

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("my%20file.md"), "my file.md");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
