//! Converting a page's body: shortcodes and generator links into plain Markdown medleaf reads.
//!
//! One scan over the text, shared by Hugo and Zola: their tag syntaxes are read by
//! [`super::hugo::tag_at`] and [`super::zola::tag_at`], and what a tag becomes is decided here
//! ([`super::shortcodes`]). Code blocks and code spans are copied as written, only with the
//! generators' escapes (`{{</* x */>}}`) undone, since there they show the syntax itself. A
//! second scan rewrites relative Markdown links whose target moved (a leaf bundle's page
//! became `name.md`).

use std::ops::Range;

use super::page::{Dialect, Page, Tag};
use super::paths;
use super::report::ImportNote;
use super::shortcodes;

/// The body converted; what could not be converted is added to `notes`. `offset` is the
/// body's byte offset in the source file.
pub(super) fn convert(
    page: &Page<'_>,
    body: &str,
    offset: usize,
    notes: &mut Vec<ImportNote>,
) -> String {
    let converted = scan(page, body, offset, notes);
    rewrite_links(page, &converted)
}

/// The escapes Hugo and Zola use to show a shortcode as text, undone.
fn unescape(s: &str) -> String {
    if !s.contains("/*") {
        return s.to_owned();
    }
    s.replace("{{</*", "{{<")
        .replace("*/>}}", ">}}")
        .replace("{{%/*", "{{%")
        .replace("*/%}}", "%}}")
        .replace("{{/*", "{{")
        .replace("*/}}", "}}")
        .replace("{%/*", "{%")
        .replace("*/%}", "%}")
}

/// The tag starting at `at`, in the page's dialect.
fn tag_at(dialect: Dialect, text: &str, at: usize) -> Option<Tag> {
    match dialect {
        Dialect::Hugo => super::hugo::tag_at(text, at),
        Dialect::Zola => super::zola::tag_at(text, at),
    }
}

/// The first scan: shortcodes and Zola `@/` links.
pub(super) fn scan(
    page: &Page<'_>,
    text: &str,
    offset: usize,
    notes: &mut Vec<ImportNote>,
) -> String {
    let code = code_ranges(text);
    let in_code = |i: usize| code.iter().any(|r| r.contains(&i));
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let Some(j) = next_candidate(page.dialect, text, i) else {
            out.push_str(&unescape(&text[i..]));
            break;
        };
        out.push_str(&unescape(&text[i..j]));
        if in_code(j) {
            let end = code
                .iter()
                .find(|r| r.contains(&j))
                .map_or(j + 1, |r| r.end);
            out.push_str(&unescape(&text[j..end]));
            i = end;
            continue;
        }
        if text[j..].starts_with("@/") {
            i = j + zola_link(page, text, j, offset, &mut out, notes);
            continue;
        }
        if let Some(len) = escaped_len(&text[j..]) {
            out.push_str(&unescape(&text[j..j + len]));
            i = j + len;
            continue;
        }
        let Some(tag) = tag_at(page.dialect, text, j) else {
            let c = text[j..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&text[j..j + c]);
            i = j + c;
            continue;
        };
        let after = j + tag.raw.len();
        // A body runs to the matching closing tag, when the tag has one.
        let close = if tag.self_closing || tag.closing {
            None
        } else {
            matching_close(page.dialect, text, after, &tag.name, &code)
        };
        if tag.block && close.is_none() {
            notes.push(page.note(
                offset + j,
                format!("`{}` has no closing `{{% end %}}`", tag.raw),
                "close the shortcode, or remove it from the source page and import again",
            ));
        }
        let (inner, next) = match close {
            Some(c) => (Some(&text[after..c.start]), c.end),
            None => (None, after),
        };
        let inner_offset = offset + after;
        let mut inner_scan =
            |text: &str, at: usize, notes: &mut Vec<ImportNote>| scan(page, text, at, notes);
        let converted = shortcodes::render(
            page,
            &tag,
            inner.map(|s| (s, inner_offset)),
            offset + j,
            &out,
            &mut inner_scan,
            notes,
        );
        let block = converted.ends_with('\n');
        if block && !out.is_empty() && !out.ends_with('\n') {
            out.push_str("\n\n");
        }
        out.push_str(&converted);
        i = next;
        if block {
            // The tag's own line ends here; keep a blank line after the block so the next
            // paragraph does not run into a quote.
            let rest = &text[i..];
            if let Some(r) = rest
                .strip_prefix("\r\n")
                .or_else(|| rest.strip_prefix('\n'))
            {
                i = text.len() - r.len();
            }
            if i < text.len() && !text[i..].starts_with('\n') && !text[i..].starts_with("\r\n") {
                out.push('\n');
            }
        }
    }
    out
}

/// Where the next thing the first scan looks at starts.
fn next_candidate(dialect: Dialect, text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    (from..bytes.len()).find(|&k| {
        let rest = &bytes[k..];
        match dialect {
            Dialect::Hugo => rest.starts_with(b"{{<") || rest.starts_with(b"{{%"),
            Dialect::Zola => {
                rest.starts_with(b"{{") || rest.starts_with(b"{%") || {
                    rest.starts_with(b"@/") && k > 0 && matches!(bytes[k - 1], b'(' | b' ' | b'<')
                }
            }
        }
    })
}

/// The length of an escaped shortcode (`{{</* x */>}}`) at the start of `s`.
fn escaped_len(s: &str) -> Option<usize> {
    for (open, close) in [
        ("{{</*", "*/>}}"),
        ("{{%/*", "*/%}}"),
        ("{{/*", "*/}}"),
        ("{%/*", "*/%}"),
    ] {
        if s.starts_with(open) {
            return s.find(close).map(|e| e + close.len());
        }
    }
    None
}

/// The closing tag matching an opening tag named `name` whose text ends at `from`, counting
/// nested tags of the same name.
fn matching_close(
    dialect: Dialect,
    text: &str,
    from: usize,
    name: &str,
    code: &[Range<usize>],
) -> Option<Range<usize>> {
    let mut depth = 0usize;
    let mut k = from;
    while let Some(j) = next_candidate(dialect, text, k) {
        if code.iter().any(|r| r.contains(&j)) || text[j..].starts_with("@/") {
            k = j + 1;
            continue;
        }
        let Some(tag) = tag_at(dialect, text, j) else {
            k = j + 1;
            continue;
        };
        let end = j + tag.raw.len();
        let closes = match dialect {
            Dialect::Hugo => tag.closing && tag.name == name,
            Dialect::Zola => tag.closing,
        };
        let opens = match dialect {
            Dialect::Hugo => !tag.closing && !tag.self_closing && tag.name == name,
            Dialect::Zola => tag.block,
        };
        if closes {
            if depth == 0 {
                return Some(j..end);
            }
            depth -= 1;
        } else if opens {
            depth += 1;
        }
        k = end;
    }
    None
}

/// A Zola `@/path.md#anchor` link at `at`, written as a relative link; returns its length.
fn zola_link(
    page: &Page<'_>,
    text: &str,
    at: usize,
    offset: usize,
    out: &mut String,
    notes: &mut Vec<ImportNote>,
) -> usize {
    let len = text[at..]
        .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | '"' | '\''))
        .unwrap_or(text.len() - at);
    let written = &text[at..at + len];
    let target = &written[2..];
    let (path, fragment) = match target.find('#') {
        Some(h) => (&target[..h], &target[h..]),
        None => (target, ""),
    };
    match page.table.zola_ref(path) {
        Some(found) => out.push_str(&page.table.link(page.src, found)),
        None => {
            notes.push(page.note(
                offset + at,
                format!("`{written}` links to a page the site does not have"),
                "link to the right page (a relative `.md` link), or remove the link",
            ));
            out.push_str(&paths::relative(page.dest, path));
        }
    }
    out.push_str(fragment);
    len
}

/// Byte ranges of fenced code blocks and code spans, which are copied as written.
pub(super) fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut fence: Option<(u8, usize, usize)> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let first = trimmed.bytes().next().unwrap_or(b' ');
        let run = trimmed.bytes().take_while(|&b| b == first).count();
        if let Some((c, n, start)) = fence {
            if indent < 4 && first == c && run >= n && trimmed[run..].trim().is_empty() {
                out.push(start..pos + line.len());
                fence = None;
            }
        } else if indent < 4 && matches!(first, b'`' | b'~') && run >= 3 {
            fence = Some((first, run, pos));
        } else {
            spans(line, pos, &mut out);
        }
        pos += line.len();
    }
    if let Some((_, _, start)) = fence {
        out.push(start..text.len());
    }
    out
}

/// Code spans within one line.
fn spans(line: &str, base: usize, out: &mut Vec<Range<usize>>) {
    let b = line.as_bytes();
    let mut k = 0;
    while k < b.len() {
        if b[k] != b'`' {
            k += 1;
            continue;
        }
        let n = b[k..].iter().take_while(|&&c| c == b'`').count();
        let mut m = k + n;
        let mut closed = None;
        while m < b.len() {
            if b[m] == b'`' {
                let r = b[m..].iter().take_while(|&&c| c == b'`').count();
                if r == n {
                    closed = Some(m + r);
                    break;
                }
                m += r;
            } else {
                m += 1;
            }
        }
        match closed {
            Some(end) => {
                out.push(base + k..base + end);
                k = end;
            }
            None => k += n,
        }
    }
}

/// The second scan: relative Markdown link and image targets (`](x)`, `]: x`) that name a
/// page whose file moved, or that were written from a page that moved, are rewritten to the
/// new relative path.
fn rewrite_links(page: &Page<'_>, text: &str) -> String {
    let code = code_ranges(text);
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let start = if text[i..].starts_with("](") {
            Some(i + 2)
        } else if text[i..].starts_with("]: ") {
            Some(i + 3)
        } else {
            None
        };
        let Some(start) = start.filter(|_| !code.iter().any(|r| r.contains(&i))) else {
            let c = text[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&text[i..i + c]);
            i += c;
            continue;
        };
        out.push_str(&text[i..start]);
        let len = text[start..]
            .find(|c: char| c.is_whitespace() || c == ')')
            .unwrap_or(text.len() - start);
        let target = &text[start..start + len];
        out.push_str(&moved_target(page, target).unwrap_or_else(|| target.to_owned()));
        i = start + len;
    }
    out
}

/// The new relative path for a link target, when what it names (or the linking page) moved.
fn moved_target(page: &Page<'_>, target: &str) -> Option<String> {
    if target.is_empty() || target.starts_with(['/', '#', '<', '{']) || target.contains(':') {
        return None;
    }
    let cut = target.find(['#', '?']).unwrap_or(target.len());
    let (path, rest) = target.split_at(cut);
    let resolved = paths::join(paths::dir_of(page.src), path)?;
    let new = if page.table.pages.contains_key(&resolved) {
        page.table.link(page.src, &resolved)
    } else if page.src != page.dest && page.table.files.contains(&resolved) {
        paths::relative(page.dest, &resolved)
    } else {
        return None;
    };
    (new != path).then(|| format!("{new}{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::paths::Table;

    /// Half-written and unusual tags never panic, and text around them is kept.
    #[test]
    fn odd_input_is_kept_without_panics() {
        let table = Table::default();
        for dialect in [Dialect::Hugo, Dialect::Zola] {
            for text in [
                "{{<",
                "{{< x",
                "{{< /x >}}",
                "{{% notice %}}",
                "{{< notice >}}é",
                "{% end %}",
                "{% note() %}never closed",
                "@/",
                "(@/",
                "x {{</* y",
                "`{{< ref \"a\" >}}",
                "{{ x( }}",
                "{{< figure >}}",
                "{{< ref >}}",
                "ü{{<ü>}}ü",
                "{{ a(b=\")\") }}",
                "[a](",
                "]: ",
                "```\n{{< x >}}",
            ] {
                let page = Page {
                    dialect,
                    table: &table,
                    src: "a/b.md",
                    dest: "a/b.md",
                    text,
                    file: "content/a/b.md".to_owned(),
                };
                let mut notes = Vec::new();
                let out = convert(&page, text, 0, &mut notes);
                assert!(!out.is_empty() || text.is_empty(), "{text:?}");
            }
        }
    }

    #[test]
    fn code_is_found() {
        let text = "a `{{< x >}}` b\n```\n{{< y >}}\n```\nc\n";
        let r = code_ranges(text);
        assert_eq!(&text[r[0].clone()], "`{{< x >}}`");
        assert_eq!(&text[r[1].clone()], "```\n{{< y >}}\n```\n");
        assert_eq!(unescape("{{</* ref \"x\" */>}}"), "{{< ref \"x\" >}}");
    }
}
