//! Zola: its shortcode syntax, what its front-matter keys mean in medleaf, and its settings.
//!
//! Zola's front matter holds only Zola's keys at the top, the site's own values under `extra`
//! and taxonomies under `taxonomies`. Zola has no built-in shortcodes: sites write their own,
//! usually with the names [`super::shortcodes`] knows (`figure`, `image`, `note`...).

use std::path::Path;

use serde_json::{Map, Value};

use super::mapping::Mapper;
use super::page::Tag;
use super::report::ImportNote;
use super::site::{self, Settings};
use crate::error::Result;

/// Zola keys medleaf has no place for, with what to do instead.
const DROPPED: &[(&str, &str)] = &[
    (
        "template",
        "templates are not imported: choose the page's look with your own templates (README \"Templates\")",
    ),
    (
        "page_template",
        "templates are not imported: choose the pages' look with your own templates (README \"Templates\")",
    ),
    (
        "in_search_index",
        "every published page is in medleaf's search; mark a page `draft: true` to leave it out",
    ),
    ("sort_by", "medleaf lists pages by `weight`, then by title"),
    ("paginate_by", "set `listing.page_size` in site.yaml"),
    ("paginate_path", "medleaf numbers listing pages by itself"),
    (
        "paginate_reversed",
        "medleaf lists pages by `weight`, then by title",
    ),
    (
        "insert_anchor_links",
        "medleaf gives every heading a link by itself",
    ),
    (
        "render",
        "a page that is not published: mark it `draft: true` or move it out of `content/`",
    ),
    (
        "redirect_to",
        "put this section's old address in `aliases` of the page it should lead to",
    ),
    ("transparent", "medleaf lists each folder's own pages"),
    (
        "generate_feeds",
        "medleaf writes one feed for the whole site",
    ),
    (
        "generate_feed",
        "medleaf writes one feed for the whole site",
    ),
];

/// Maps one page's front matter.
pub(super) fn map(fm: &Map<String, Value>, m: &mut Mapper<'_>, new_address: &str) {
    for (key, value) in fm {
        match key.as_str() {
            "title" => m.front.title = super::front_matter::text(value).unwrap_or_default(),
            "description" => m.front.description = super::front_matter::text(value),
            "aliases" => m.aliases(key, value),
            "draft" => m.draft(key, value),
            "weight" => m.weight(key, value),
            "slug" => m.front.slug = super::front_matter::text(value),
            "path" => m.address(key, value, new_address),
            "date" | "updated" => m.edit_date(key, value),
            "taxonomies" => {
                let Value::Object(tax) = value else { continue };
                for (name, terms) in tax {
                    if ["tags", "categories", "topics"].contains(&name.as_str()) {
                        m.topics(terms);
                    } else {
                        m.note(key, format!("the taxonomy `{name}` was kept under `extra`"), "medleaf groups pages by `topics` only: move the names you want readers to browse by into `topics`");
                        m.front.extra.insert(name.clone(), terms.clone());
                    }
                }
            }
            "extra" => {
                if let Value::Object(extra) = value {
                    for (k, v) in extra {
                        m.custom(k, v, key);
                    }
                }
            }
            k => match DROPPED.iter().find(|(d, _)| *d == k) {
                Some((_, help)) => m.dropped(k, help),
                None => m.custom(k, value, k),
            },
        }
    }
}

/// The site's settings, from `config.toml`.
pub(super) fn settings(src: &Path, notes: &mut Vec<ImportNote>) -> Result<Settings> {
    let mut s = Settings::default();
    if let Some((name, map)) = site::read_first(src, &["config.toml", "zola.toml"], notes)? {
        s.title = site::get(&map, &["title"]);
        s.base_url = site::get(&map, &["base_url"]);
        s.language = site::get(&map, &["default_language"]);
        s.description = site::get(&map, &["description"]);
        site::unimported_settings(
            &name,
            &map,
            &[
                ("languages", site::LANGUAGES_HELP),
                ("theme", site::THEME_HELP),
                (
                    "extra",
                    "the site's own values are for its old templates: copy the ones your medleaf templates need by hand",
                ),
            ],
            notes,
        );
    }
    site::unimported_folders(
        src,
        &[
            (
                "templates",
                "templates are not imported: medleaf has a built-in theme whose templates you can extend (README \"Templates\")",
            ),
            (
                "themes",
                "themes are not imported: medleaf has a built-in theme whose templates you can extend (README \"Templates\")",
            ),
            (
                "sass",
                "Sass is not compiled by medleaf: put the finished CSS in `static/`",
            ),
        ],
        notes,
    );
    Ok(s)
}

/// The Zola shortcode tag starting at `at`: `{{ name(args) }}` (no body), `{% name(args) %}`
/// (a body up to `{% end %}`), or `{% end %}`.
pub(super) fn tag_at(text: &str, at: usize) -> Option<Tag> {
    let rest = &text[at..];
    let (block, close) = if rest.starts_with("{{") {
        (false, "}}")
    } else if rest.starts_with("{%") {
        (true, "%}")
    } else {
        return None;
    };
    let inner_start = 2;
    let after_ws = rest[inner_start..].trim_start();
    let name_start = rest.len() - after_ws.len();
    let name_len = after_ws
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(after_ws.len());
    let name = &after_ws[..name_len];
    if name.is_empty() {
        return None;
    }
    if block && name == "end" {
        let tail = after_ws[name_len..].trim_start();
        let len = rest.len() - tail.len();
        return tail.starts_with(close).then(|| Tag {
            name: "end".to_owned(),
            closing: true,
            raw: rest[..len + close.len()].to_owned(),
            ..Tag::default()
        });
    }
    let open = name_start + name_len;
    if !rest[open..].starts_with('(') {
        return None;
    }
    let args_end = matching_paren(&rest[open..])? + open;
    let tail = rest[args_end + 1..].trim_start();
    if !tail.starts_with(close) {
        return None;
    }
    let len = rest.len() - tail.len() + close.len();
    let named = args(&rest[open + 1..args_end]);
    Some(Tag {
        name: name.to_ascii_lowercase(),
        closing: false,
        self_closing: !block,
        block,
        positional: Vec::new(),
        named,
        raw: rest[..len].to_owned(),
    })
}

/// The offset of the `)` closing the `(` that `s` starts with, outside quotes.
fn matching_paren(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' | '`' => quote = Some(c),
                '(' | '[' => depth += 1,
                ')' | ']' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 && c == ')' {
                        return Some(i);
                    }
                }
                _ => {}
            },
        }
    }
    None
}

/// Zola's arguments: `name=value` pairs separated by commas; values are quoted text,
/// numbers, booleans or lists (kept as written).
fn args(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut start) = (0usize, None::<char>, 0usize);
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' | '`' => quote = Some(c),
                '[' => depth += 1,
                ']' => depth = depth.saturating_sub(1),
                ',' if depth == 0 => {
                    parts.push(&s[start..i]);
                    start = i + 1;
                }
                _ => {}
            },
        }
    }
    parts.push(&s[start..]);
    for part in parts {
        let Some((k, v)) = part.split_once('=') else {
            continue;
        };
        let v = v.trim();
        let unquoted = ['"', '\'', '`']
            .iter()
            .find_map(|q| v.strip_prefix(*q).and_then(|r| r.strip_suffix(*q)))
            .unwrap_or(v);
        out.push((k.trim().to_owned(), unquoted.to_owned()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_read() {
        let t = tag_at(r#"{{ image(src="a.png", alt="A, b", n=3) }}"#, 0).unwrap();
        assert_eq!((t.name.as_str(), t.self_closing), ("image", true));
        assert_eq!(t.arg(&["alt"], None), Some("A, b"));
        let t = tag_at(r#"{% note(type="warning") %}"#, 0).unwrap();
        assert!(t.block && t.arg(&["type"], None) == Some("warning"));
        assert!(tag_at("{% end %}", 0).unwrap().closing);
        assert!(tag_at("{{ emergency_number }}", 0).is_none());
    }
}
