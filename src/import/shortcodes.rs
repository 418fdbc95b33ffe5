//! What each common shortcode becomes in medleaf's Markdown.
//!
//! - `ref` / `relref`: a relative `.md` link, which medleaf checks;
//! - `figure` (and `image`, `img`): `![alt](src "caption")`, medleaf's figure;
//! - `notice`, `alert`, `admonition`, `callout`, `hint` (and the type names `note`, `tip`,
//!   `warning`...): a GFM alert (`> [!WARNING]`), medleaf's labelled note. Never a care card:
//!   a care card says when to get medical help, which only an author can decide;
//! - `highlight`: a fenced code block; `details`: `<details>` (kept by the HTML policy).
//!
//! Anything else is not converted: it becomes an HTML comment (which medleaf never
//! publishes), its body is kept, and a note says what to do by hand.

use super::page::{Dialect, Page, Tag};
use super::report::ImportNote;

/// Converts a shortcode's body (its own shortcodes too): the body scan, handed in.
pub(super) type Inner<'s> = dyn FnMut(&str, usize, &mut Vec<ImportNote>) -> String + 's;

/// Names of notice-like shortcodes that take their type as an argument.
const NOTICES: &[&str] = &[
    "notice",
    "alert",
    "admonition",
    "callout",
    "hint",
    "callout-box",
];

/// The GFM alert a notice type becomes.
fn alert_type(kind: &str) -> Option<&'static str> {
    Some(match kind.to_ascii_lowercase().as_str() {
        "note" | "info" | "information" | "notice" | "primary" | "secondary" => "NOTE",
        "tip" | "hint" | "success" | "check" | "idea" => "TIP",
        "important" => "IMPORTANT",
        "warning" | "warn" | "attention" | "orange" => "WARNING",
        "danger" | "error" | "caution" | "red" | "alert" => "CAUTION",
        _ => return None,
    })
}

/// The Markdown for one shortcode. `inner` is its body and the body's offset in the file;
/// `at` is the tag's offset; `before` is what has been written so far (a `ref` inside a
/// link's parentheses is only the path). A result ending in a newline is a block.
pub(super) fn render(
    page: &Page<'_>,
    tag: &Tag,
    inner: Option<(&str, usize)>,
    at: usize,
    before: &str,
    scan: &mut Inner<'_>,
    notes: &mut Vec<ImportNote>,
) -> String {
    let name = tag.name.as_str();
    if tag.closing {
        notes.push(page.note(
            at,
            format!("`{}` closes a shortcode that was never opened", tag.raw),
            "remove it from the source page, or remove this comment from the converted one",
        ));
        return comment(page.dialect, tag);
    }
    match name {
        "ref" | "relref" if page.dialect == Dialect::Hugo => {
            reference(page, tag, at, before, notes)
        }
        "figure" | "image" | "img" | "fig" => figure(page, tag, at, notes),
        "highlight" | "code" if inner.is_some() => {
            let lang = tag.arg(&["lang", "language"], Some(0)).unwrap_or("");
            let code = inner
                .map_or("", |(s, _)| s)
                .trim_start_matches(['\r', '\n']);
            let mut out = format!("```{lang}\n{code}");
            if !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str("```\n");
            out
        }
        "details" if inner.is_some() => {
            let summary = tag.arg(&["summary", "title"], Some(0)).unwrap_or("Details");
            let body = inner_markdown(inner, scan, notes);
            format!(
                "<details>\n<summary>{}</summary>\n\n{}\n\n</details>\n",
                crate::html::escape(summary),
                body.trim()
            )
        }
        _ => {
            // `{{< notice warning >}}` names its type; `{% note(type="tip") %}` may too.
            let types = ["type", "kind", "level", "style", "theme", "context"];
            let kind = if NOTICES.contains(&name) {
                Some(tag.arg(&types, Some(0)).unwrap_or("note"))
            } else if alert_type(name).is_some() && inner.is_some() {
                Some(tag.arg(&types, None).unwrap_or(name))
            } else {
                None
            };
            match (kind, inner) {
                (Some(kind), Some(_)) => notice(page, tag, kind, inner, at, scan, notes),
                _ => not_converted(page, tag, inner, at, scan, notes),
            }
        }
    }
}

/// A shortcode's body, itself converted.
fn inner_markdown(
    inner: Option<(&str, usize)>,
    scan: &mut Inner<'_>,
    notes: &mut Vec<ImportNote>,
) -> String {
    match inner {
        Some((text, offset)) => scan(text, offset, notes),
        None => String::new(),
    }
}

/// `{{< ref "x.md#a" >}}`: the relative path to the page's medleaf file.
fn reference(
    page: &Page<'_>,
    tag: &Tag,
    at: usize,
    before: &str,
    notes: &mut Vec<ImportNote>,
) -> String {
    let written = tag.arg(&["path"], Some(0)).unwrap_or("");
    let (path, fragment) = match written.find('#') {
        Some(h) => (&written[..h], &written[h..]),
        None => (written, ""),
    };
    let in_link = before.ends_with("](") || before.trim_end().ends_with("]:");
    let (link, title) = match page.table.hugo_ref(page.src, path) {
        Some(found) if !path.is_empty() => (
            page.table.link(page.src, found),
            page.table.pages[found].title.clone(),
        ),
        _ if path.is_empty() && !fragment.is_empty() => (String::new(), String::new()),
        _ => {
            notes.push(page.note(
                at,
                format!("`{}` names a page the site does not have", tag.raw),
                "link to the right page with a relative `.md` link, or remove the link",
            ));
            (path.to_owned(), path.to_owned())
        }
    };
    let target = format!("{link}{fragment}");
    if in_link {
        target
    } else {
        format!("[{}]({target})", escape_text(&title))
    }
}

/// `{{< figure src="x.png" alt="..." caption="..." >}}`: `![alt](x.png "caption")`.
fn figure(page: &Page<'_>, tag: &Tag, at: usize, notes: &mut Vec<ImportNote>) -> String {
    let Some(src) = tag.arg(&["src", "path", "url", "file"], Some(0)) else {
        return not_converted(page, tag, None, at, &mut |_, _, _| String::new(), notes);
    };
    let title = tag.arg(&["title"], None);
    let caption = match (title, tag.arg(&["caption"], None)) {
        (Some(t), Some(c)) => Some(format!("{t}. {c}")),
        (t, c) => c.or(t).map(str::to_owned),
    };
    let alt = match tag.arg(&["alt"], None) {
        Some(a) => a.to_owned(),
        None => {
            let fallback = caption.clone().unwrap_or_default();
            notes.push(page.note(
                at,
                format!("the figure `{src}` has no alt text; its caption is used, as {} did", page.dialect.name()),
                "write alt text that says what the image shows (medleaf warns when it repeats the caption)",
            ));
            fallback
        }
    };
    let dropped = tag.other_args(&[
        "src", "path", "url", "file", "title", "caption", "alt", "width", "height", "class",
        "loading",
    ]);
    if !dropped.is_empty() {
        notes.push(page.note(
            at,
            format!(
                "the figure `{src}` had {} that medleaf's figures do not have",
                dropped.join(", ")
            ),
            "put a link or credit into the caption by hand if readers need it",
        ));
    }
    let src = if src.contains([' ', '(', ')']) {
        format!("<{src}>")
    } else {
        src.to_owned()
    };
    match caption {
        Some(c) => format!(
            "![{}]({src} \"{}\")",
            escape_text(&alt),
            c.replace('"', "\\\"")
        ),
        None => format!("![{}]({src})", escape_text(&alt)),
    }
}

/// A notice: `> [!WARNING]`, the title in bold on the next line, then the body.
fn notice(
    page: &Page<'_>,
    tag: &Tag,
    kind: &str,
    inner: Option<(&str, usize)>,
    at: usize,
    scan: &mut Inner<'_>,
    notes: &mut Vec<ImportNote>,
) -> String {
    let alert = alert_type(kind).unwrap_or_else(|| {
        notes.push(page.note(
            at,
            format!("the notice type `{kind}` has no equal in medleaf; it became a note (`[!NOTE]`)"),
            "choose `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]`; if it says when to get medical help, make it a care card (`[!URGENT]`...)",
        ));
        "NOTE"
    });
    let title = tag.arg(&["title", "header", "heading"], None).or_else(|| {
        NOTICES
            .contains(&tag.name.as_str())
            .then(|| tag.positional.get(1).map(String::as_str))
            .flatten()
    });
    let text = inner_markdown(inner, scan, notes);
    let mut out = format!("> [!{alert}]\n");
    if let Some(t) = title.filter(|t| !t.trim().is_empty()) {
        out.push_str(&format!("> **{}**\n>\n", t.trim()));
    }
    for line in text.trim_matches(['\r', '\n']).lines() {
        if line.trim().is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str(&format!("> {line}\n"));
        }
    }
    out
}

/// A shortcode medleaf has no equal for: an HTML comment where it was (its body kept) and a
/// note.
fn not_converted(
    page: &Page<'_>,
    tag: &Tag,
    inner: Option<(&str, usize)>,
    at: usize,
    scan: &mut Inner<'_>,
    notes: &mut Vec<ImportNote>,
) -> String {
    let help = match tag.name.as_str() {
        "youtube" | "vimeo" => {
            "link to the video with its text (`[Watch: ...](https://...)`), or embed it with an `<iframe title=\"...\">` and add its host to `markdown.iframe_hosts` in site.yaml"
        }
        "gist" | "tweet" | "x" | "instagram" => {
            "link to it with text that says what it is; medleaf loads nothing from other hosts"
        }
        "param" => "write the value into the page, or use `extra:` and a template",
        _ => {
            "write it in Markdown by hand (see README \"Writing\"); the comment in the converted page marks the place"
        }
    };
    notes.push(page.note(
        at,
        format!("the shortcode `{}` was not converted", shorten(&tag.raw)),
        help,
    ));
    let mut out = comment(page.dialect, tag);
    if inner.is_some() {
        out.push_str(&inner_markdown(inner, scan, notes));
        out.push_str(&format!("<!-- medleaf import: end of {} -->", tag.name));
    }
    out
}

/// An HTML comment standing for a tag, without the tag's braces (so nothing reads it as a
/// shortcode again).
fn comment(dialect: Dialect, tag: &Tag) -> String {
    let inside = tag
        .raw
        .trim_start_matches(['{', '<', '%'])
        .trim_end_matches(['}', '>', '%'])
        .trim()
        .replace("--", "- -");
    format!(
        "<!-- medleaf import: {} shortcode not converted: {inside} -->",
        dialect.name()
    )
}

/// Link or alt text with the brackets Markdown would read escaped.
fn escape_text(s: &str) -> String {
    s.replace('[', "\\[").replace(']', "\\]")
}

/// A tag's text cut to a readable length for a note.
fn shorten(s: &str) -> String {
    let one_line = s.replace('\n', " ");
    if one_line.chars().count() > 80 {
        format!("{}…", one_line.chars().take(79).collect::<String>())
    } else {
        one_line
    }
}
