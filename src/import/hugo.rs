//! Hugo: its shortcode syntax, what its front-matter keys mean in medleaf, and its settings.
//!
//! Hugo front matter mixes its own keys with the site's (any other top-level key is a
//! "param", as is everything under `params`). Its own keys are mapped or noted here; the
//! site's go through [`Mapper::custom`].

use std::path::Path;

use serde_json::{Map, Value};

use super::mapping::Mapper;
use super::page::Tag;
use super::report::ImportNote;
use super::site::{self, Settings};
use crate::error::Result;

/// Hugo keys medleaf has no place for, with what to do instead.
const DROPPED: &[(&str, &str)] = &[
    (
        "linkTitle",
        "medleaf shows the title in menus and listings; shorten the title if it is too long",
    ),
    (
        "keywords",
        "medleaf has no keywords; other names for a condition go in `condition: {also_called: [...]}`",
    ),
    (
        "type",
        "templates are not imported: choose the page's look with your own templates (README \"Templates\")",
    ),
    (
        "layout",
        "templates are not imported: choose the page's look with your own templates (README \"Templates\")",
    ),
    ("menu", "add the page to `menu:` in site.yaml"),
    ("menus", "add the page to `menu:` in site.yaml"),
    (
        "toc",
        "medleaf adds \"On this page\" to long articles by itself",
    ),
    (
        "expiryDate",
        "medleaf has no expiry date: when the page must go, delete it or mark it `draft: true`; `next_review` says when it must be checked again",
    ),
    (
        "headless",
        "a page that is not published: mark it `draft: true` or move it out of `content/`",
    ),
    (
        "build",
        "a page that is not published: mark it `draft: true` or move it out of `content/`",
    ),
    (
        "_build",
        "a page that is not published: mark it `draft: true` or move it out of `content/`",
    ),
    (
        "cascade",
        "medleaf has no inherited front matter: write the values on each page",
    ),
    ("outputs", "medleaf writes one HTML page per file"),
    (
        "resources",
        "refer to the bundle's files by their names in the text",
    ),
    ("sitemap", "every published page is in medleaf's sitemap"),
    (
        "markup",
        "medleaf's Markdown is CommonMark with the extensions in README \"Writing\"",
    ),
    (
        "translationKey",
        "medleaf pairs translations by file name (`page.es.md` beside `page.md`)",
    ),
    (
        "isCJKLanguage",
        "medleaf reads the language from site.yaml and the file name",
    ),
    (
        "summary",
        "medleaf's `description` is the summary; `summary` was used only when there was no `description`",
    ),
];

/// Keys that are edit or publishing dates.
const DATES: &[&str] = &[
    "date",
    "lastmod",
    "publishDate",
    "pubdate",
    "published",
    "modified",
];

/// Maps one page's front matter.
pub(super) fn map(
    fm: &Map<String, Value>,
    m: &mut Mapper<'_>,
    new_address: &str,
    settings: &Settings,
) {
    // Hugo reads front-matter keys in any case (`Title`, `Tags`).
    let get = |name: &str| {
        fm.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    };
    for (key, value) in fm {
        let lower = key.to_ascii_lowercase();
        match lower.as_str() {
            "title" => m.front.title = super::front_matter::text(value).unwrap_or_default(),
            "description" => m.front.description = super::front_matter::text(value),
            "summary" if get("description").is_none() => {
                m.front.description = super::front_matter::text(value);
            }
            // Taken below, in this order: tags, then categories, then topics.
            "tags" | "categories" | "topics" => {}
            "aliases" => m.aliases(key, value),
            "draft" => m.draft(key, value),
            "weight" => m.weight(key, value),
            "slug" => m.front.slug = super::front_matter::text(value),
            "url" => m.address(key, value, new_address),
            "images" => {
                let first = super::front_matter::texts(value).into_iter().next();
                match first {
                    Some(img) => m.custom("image", &Value::String(img), key),
                    None => m.dropped(key, "name the page's preview picture in `image:`"),
                }
            }
            "params" => {
                if let Value::Object(params) = value {
                    for (k, v) in params {
                        m.custom(k, v, key);
                    }
                }
            }
            k if DATES.iter().any(|d| d.eq_ignore_ascii_case(k)) => m.edit_date(key, value),
            k if settings
                .taxonomies
                .iter()
                .any(|t| t.eq_ignore_ascii_case(k)) =>
            {
                m.note(key, format!("the taxonomy `{key}` was kept under `extra`"), "medleaf groups pages by `topics` only: move the names you want readers to browse by into `topics`");
                m.front.extra.insert(key.clone(), value.clone());
            }
            k => match DROPPED.iter().find(|(d, _)| d.eq_ignore_ascii_case(k)) {
                Some((_, help)) => m.dropped(key, help),
                None => m.custom(key, value, key),
            },
        }
    }
    for key in ["tags", "categories", "topics"] {
        if let Some(value) = get(key) {
            m.topics(value);
        }
    }
}

/// The site's settings, from the first Hugo settings file found.
pub(super) fn settings(src: &Path, notes: &mut Vec<ImportNote>) -> Result<Settings> {
    let names = [
        "hugo.toml",
        "hugo.yaml",
        "hugo.yml",
        "hugo.json",
        "config.toml",
        "config.yaml",
        "config.yml",
        "config.json",
        "config/_default/hugo.toml",
        "config/_default/hugo.yaml",
        "config/_default/config.toml",
        "config/_default/config.yaml",
    ];
    let mut s = Settings {
        taxonomies: vec!["tags".to_owned(), "categories".to_owned()],
        ..Settings::default()
    };
    if let Some((name, map)) = site::read_first(src, &names, notes)? {
        s.title = site::get(&map, &["title"]);
        s.base_url = site::get(&map, &["baseURL"]);
        s.language = site::get(&map, &["languageCode", "defaultContentLanguage"]);
        if let Some(Value::Object(params)) = map
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("params"))
            .map(|(_, v)| v)
        {
            s.description = site::get(params, &["description"]);
        }
        if let Some(Value::Object(tax)) = map.get("taxonomies") {
            s.taxonomies = tax.values().filter_map(super::front_matter::text).collect();
        }
        site::unimported_settings(
            &name,
            &map,
            &[
                ("languages", site::LANGUAGES_HELP),
                ("menu", "write the menu as `menu:` in site.yaml"),
                ("menus", "write the menu as `menu:` in site.yaml"),
                ("theme", site::THEME_HELP),
                (
                    "permalinks",
                    "medleaf's addresses follow the files; old addresses can be kept with `aliases`",
                ),
                (
                    "params",
                    "the site's own values are for its old templates: copy the ones your medleaf templates need by hand (its `description` went to site.yaml)",
                ),
            ],
            notes,
        );
    }
    site::unimported_folders(
        src,
        &[
            (
                "layouts",
                "templates are not imported: medleaf has a built-in theme whose templates you can extend (README \"Templates\")",
            ),
            (
                "themes",
                "themes are not imported: medleaf has a built-in theme whose templates you can extend (README \"Templates\")",
            ),
            (
                "assets",
                "Hugo Pipes assets are not imported: put finished CSS, scripts and images in `static/`",
            ),
            (
                "data",
                "data files are not imported: write the values into pages, or into `extra:` in site.yaml",
            ),
            (
                "i18n",
                "interface strings are not imported: medleaf's own are in `i18n/` (README \"Languages\")",
            ),
        ],
        notes,
    );
    Ok(s)
}

/// The Hugo shortcode tag (`{{< name args >}}` or `{{% name args %}}`) starting at `at`.
pub(super) fn tag_at(text: &str, at: usize) -> Option<Tag> {
    let rest = &text[at..];
    let close = if rest.starts_with("{{<") {
        ">}}"
    } else if rest.starts_with("{{%") {
        "%}}"
    } else {
        return None;
    };
    let end = find_outside_quotes(&rest[3..], close)? + 3;
    let raw = &rest[..end + close.len()];
    let mut inner = rest[3..end].trim();
    let closing = inner.starts_with('/');
    inner = inner.trim_start_matches('/').trim_start();
    let self_closing = !closing && inner.ends_with('/');
    inner = inner.trim_end_matches('/').trim_end();
    let name_len = inner
        .find(|c: char| c.is_whitespace())
        .unwrap_or(inner.len());
    let name = &inner[..name_len];
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || "-_/.".contains(c))
    {
        return None;
    }
    let (positional, named) = args(&inner[name_len..]);
    Some(Tag {
        name: name.to_ascii_lowercase(),
        closing,
        self_closing,
        block: false,
        positional,
        named,
        raw: raw.to_owned(),
    })
}

/// Where `needle` first occurs in `s` outside double quotes and backticks.
fn find_outside_quotes(s: &str, needle: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '"' || c == '`' => quote = Some(c),
            None if s[i..].starts_with(needle) => return Some(i),
            None => {}
        }
    }
    None
}

/// A Hugo shortcode's arguments: `"quoted"`, `` `raw` ``, bare words, or `name=value` with
/// any of those as the value.
fn args(s: &str) -> (Vec<String>, Vec<(String, String)>) {
    let mut positional = Vec::new();
    let mut named = Vec::new();
    let mut chars = s.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let Some(&first) = chars.peek() else { break };
        let mut key = None;
        if first != '"' && first != '`' {
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '=' {
                    break;
                }
                word.push(c);
                chars.next();
            }
            if chars.peek() == Some(&'=') {
                chars.next();
                key = Some(word);
            } else {
                positional.push(word);
                continue;
            }
        }
        let value = match chars.peek() {
            Some(&q) if q == '"' || q == '`' => {
                chars.next();
                let mut v = String::new();
                while let Some(c) = chars.next() {
                    if c == q {
                        break;
                    }
                    if c == '\\' && q == '"' {
                        if let Some(n) = chars.next() {
                            v.push(n);
                        }
                        continue;
                    }
                    v.push(c);
                }
                v
            }
            _ => {
                let mut v = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() {
                        break;
                    }
                    v.push(c);
                    chars.next();
                }
                v
            }
        };
        match key {
            Some(k) => named.push((k, value)),
            None => positional.push(value),
        }
    }
    (positional, named)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_read() {
        let t = tag_at(r#"x {{< figure src="a b.png" alt="A \"cell\"" >}} y"#, 2).unwrap();
        assert_eq!(t.name, "figure");
        assert_eq!(t.arg(&["src"], None), Some("a b.png"));
        assert_eq!(t.arg(&["alt"], None), Some("A \"cell\""));
        assert_eq!(t.raw, r#"{{< figure src="a b.png" alt="A \"cell\"" >}}"#);
        let t = tag_at("{{% notice warning \"Take care\" %}}", 0).unwrap();
        assert_eq!(t.positional, ["warning", "Take care"]);
        let t = tag_at("{{< /notice >}}", 0).unwrap();
        assert!(t.closing && t.name == "notice");
        let t = tag_at("{{< ref \"a.md#x\" >}}", 0).unwrap();
        assert_eq!(t.arg(&["path"], Some(0)), Some("a.md#x"));
        assert!(tag_at("{{< >}}", 0).is_none());
    }
}
