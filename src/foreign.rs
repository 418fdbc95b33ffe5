//! What authors coming from Hugo and Zola write, and the medleaf way to write each (issue 17).
//!
//! A team moving hundreds of articles brings their old front-matter keys and shortcodes with
//! them. medleaf still refuses both (an ignored key can lose review data, a shortcode would
//! reach readers as literal text), but names the medleaf equivalent in the help, so one run
//! says how to fix every file. This module is only words: it reads nothing and decides nothing.

/// The help for a top-level front-matter key that Hugo or Zola know and medleaf does not, or
/// `None` for a key no other generator uses the same way.
pub(crate) fn key_help(key: &str) -> Option<&'static str> {
    Some(match key {
        "tags" | "categories" | "taxonomies" | "keywords" | "series" => {
            "medleaf groups pages by `topics`: write `topics: [Asthma, Allergies]`"
        }
        "params" | "extra" => {
            "free values for templates go under `extra:` (templates see `page.extra`)"
        }
        "date" | "lastmod" | "updated" | "publishdate" | "publishDate" | "expirydate"
        | "expiryDate" | "modified" | "pubdate" => {
            "medleaf has no edit date: `last_reviewed` is the date a clinician last reviewed the whole page, which is not the date the text was edited; remove this key, and add `last_reviewed: YYYY-MM-DD` only for a real clinical review"
        }
        "url" | "path" | "permalink" => {
            "a page's address comes from its file name: use `slug:` to change the last part, and `aliases: [/old/address/]` to keep an old address working"
        }
        "summary" | "subtitle" => "write the one-sentence main message as `description:`",
        "layout" | "type" => "choose a template file of `templates/` with `template:`",
        "author" | "authors" => {
            "medleaf records who reviewed a page, not who wrote it: `reviewed_by: {name: ..., role: ...}`; remove this key"
        }
        "linktitle" | "linkTitle" | "short_title" => {
            "medleaf uses `title` everywhere; give other names readers know in `condition: {name, also_called}`"
        }
        "toc" | "show_toc" => "the theme shows \"On this page\" by itself; remove this key",
        "headless" | "render" | "build" | "_build" | "in_search_index" => {
            "to keep a page out of the build, write `draft: true`"
        }
        "images" | "featured_image" | "cover" | "thumbnail" => {
            "the page's picture for link previews is `image:` (one file), described by `image_alt:`"
        }
        _ => return None,
    })
}

/// How to write what a shortcode named `name` does in medleaf, given its arguments in order
/// (`src="x.png"` is `(Some("src"), "x.png")`, a bare `"x.md"` is `(None, "x.md")`).
pub(crate) fn shortcode_help(name: &str, args: &[(Option<String>, String)]) -> String {
    let arg = |keys: &[&str]| {
        args.iter()
            .find(|(k, _)| k.as_deref().is_some_and(|k| keys.contains(&k)))
            .map(|(_, v)| v.as_str())
    };
    let first = || args.first().map(|(_, v)| v.as_str());
    match name {
        "figure" | "img" | "image" | "resize_image" | "fig" => {
            let src = arg(&["src", "path", "url"]).or_else(first).unwrap_or("file.png");
            let alt = arg(&["alt"]).unwrap_or("what the image shows");
            match arg(&["caption", "title"]) {
                Some(caption) => format!(
                    "write an image alone in its paragraph, its title becomes the caption: `![{alt}]({src} \"{caption}\")`"
                ),
                None => format!("write the image in Markdown: `![{alt}]({src})`"),
            }
        }
        "ref" | "relref" => {
            let target = first().unwrap_or("page.md");
            let target = if target.ends_with(".md") || target.contains('#') {
                target.to_owned()
            } else {
                format!("{}.md", target.trim_end_matches('/'))
            };
            format!(
                "link to the Markdown file itself: `[text]({target})`, written from this page's folder (or from `content/` with a leading `/`)"
            )
        }
        "notice" | "alert" | "admonition" | "callout" | "note" | "tip" | "hint" | "info"
        | "warning" | "caution" | "important" | "danger" => {
            let kind = first()
                .filter(|_| !matches!(name, "note" | "tip" | "warning" | "caution" | "important"))
                .unwrap_or(name);
            let marker = match kind.to_ascii_lowercase().as_str() {
                "tip" | "hint" | "success" => "TIP",
                "warning" | "warn" => "WARNING",
                "caution" | "danger" | "error" => "CAUTION",
                "important" => "IMPORTANT",
                _ => "NOTE",
            };
            format!(
                "write an alert: a line `> [!{marker}]`, then the text on lines starting with `> `; for when to get medical help, a care card `> [!URGENT] Call your doctor if:` with a list"
            )
        }
        "youtube" | "vimeo" | "tweet" | "twitter" | "x" | "instagram" | "gist" | "streamable" => {
            "medleaf does not load anything from other sites: link to it instead, such as `[Watch the video](https://...)`".to_owned()
        }
        "highlight" | "code" => {
            "write a fenced code block: a line with three backticks and the language, the code, then three backticks".to_owned()
        }
        "details" | "expand" => {
            "write the text as a normal section with a `##` heading".to_owned()
        }
        _ => "medleaf has no shortcodes: write it in Markdown (README, \"Writing\"), or put text used on many pages in a snippet and embed it with `![[name]]`".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_help_uses_the_shortcodes_own_values() {
        let args = vec![
            (Some("src".to_owned()), "lungs.png".to_owned()),
            (Some("alt".to_owned()), "Two lungs".to_owned()),
            (Some("caption".to_owned()), "Air goes in".to_owned()),
        ];
        assert!(
            shortcode_help("figure", &args).contains("`![Two lungs](lungs.png \"Air goes in\")`")
        );
    }

    #[test]
    fn notice_kinds_become_alert_markers() {
        let args = vec![(None, "warning".to_owned())];
        assert!(shortcode_help("notice", &args).contains("[!WARNING]"));
        assert!(shortcode_help("tip", &[]).contains("[!TIP]"));
    }

    #[test]
    fn review_dates_are_not_edit_dates() {
        assert!(key_help("lastmod").unwrap().contains("last_reviewed"));
        assert!(key_help("tags").unwrap().contains("topics"));
        assert_eq!(key_help("reviewed_by"), None);
    }
}
