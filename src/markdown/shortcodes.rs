//! Pass: Hugo and Zola shortcodes in the text are errors that say how to write the same thing
//! in medleaf (issue 17).
//!
//! `{{< figure src="x.png" >}}`, `{{% notice warning %}}`, `{{ youtube(id="x") }}` and
//! `{% note() %}` mean nothing to medleaf: published, readers would see them as they are
//! written. Each one is an error at its place in the author's file, with the Markdown that does
//! the job (an image with a title for a figure, an alert for a notice, a plain `.md` link for
//! `ref` and `relref`). Code spans and code blocks show what is written, so shortcodes there
//! are left alone. The pass reads the source text of the page and of each embedded snippet
//! (a shortcode's `<` can start raw HTML, which would split it over several events) and
//! changes no event.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{Event, Tag};

use super::Body;
use super::events::{Events, Files, Src};
use crate::content::Page;
use crate::diagnostics::{Code, Diagnostic};

/// The most a shortcode may span, in bytes, before it is taken for something else.
const MAX_LEN: usize = 2000;

/// Reports every shortcode in the page's text and its snippets', outside code.
pub(super) fn run(events: &Events<'_>, page: &Page, files: &Files<'_>, out: &mut Body) {
    // Each file's body and the code in it.
    let mut code: BTreeMap<Src, Vec<Range<usize>>> = BTreeMap::new();
    for ev in events {
        let entry = code.entry(ev.src).or_default();
        if matches!(ev.event, Event::Code(_) | Event::Start(Tag::CodeBlock(_))) {
            entry.push(ev.range.clone());
        }
    }
    for (src, code) in code {
        let file = files.get(src);
        let body = match files.snippet(src) {
            Some(snippet) => snippet.body.clone(),
            None if src == 0 => page.body.clone(),
            None => continue,
        };
        for found in find(&file.text, body) {
            if in_code(&code, found.span.start) {
                continue;
            }
            let help = crate::foreign::shortcode_help(&found.name, &found.args);
            let written = &file.text[found.span.clone()];
            let shown: String = written.chars().take(60).collect();
            let shown = if shown.len() < written.len() {
                format!("{}…", shown.trim_end())
            } else {
                shown
            };
            out.diagnostics.push(
                Diagnostic::error(
                    Code::Shortcode,
                    format!(
                        "`{shown}` is a {} shortcode, which medleaf does not have",
                        found.generator
                    ),
                )
                .at(file, found.span)
                .label("readers would see this as it is written")
                .help(help),
            );
        }
    }
}

/// One shortcode found in the text.
#[derive(Debug, PartialEq, Eq)]
struct Found {
    /// `Hugo` or `Zola`.
    generator: &'static str,
    /// Its name (`figure`).
    name: String,
    /// Its arguments in order, named (`src="x.png"`) or not (`"x.md"`).
    args: Vec<(Option<String>, String)>,
    /// From its first `{` to its last `}`.
    span: Range<usize>,
}

/// Every opening shortcode in `text[range]` (closing ones, `{{< /notice >}}` and
/// `{% end %}`, belong to the opening one; Zola's escaped `{{/* x() */}}` is text).
fn find(text: &str, range: Range<usize>) -> Vec<Found> {
    let mut out = Vec::new();
    let slice = &text[range.clone()];
    let mut from = 0;
    while let Some(i) = slice[from..].find('{').map(|i| from + i) {
        from = i + 1;
        let rest = &slice[i..];
        let (generator, close, inner_start, zola_call) = if rest.starts_with("{{<") {
            ("Hugo", ">}}", 3, false)
        } else if rest.starts_with("{{%") {
            ("Hugo", "%}}", 3, false)
        } else if rest.starts_with("{{") {
            ("Zola", "}}", 2, true)
        } else if rest.starts_with("{%") {
            ("Zola", "%}", 2, true)
        } else {
            continue;
        };
        let limit = rest.len().min(MAX_LEN);
        let limit = (0..=limit)
            .rev()
            .find(|&l| rest.is_char_boundary(l))
            .unwrap_or(0);
        let Some(end) = rest[inner_start..limit]
            .find(close)
            .map(|e| inner_start + e)
        else {
            continue;
        };
        let inner = rest[inner_start..end].trim();
        if inner.starts_with('/') {
            // A closing tag, or an escaped shortcode.
            continue;
        }
        let name_len = inner
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-' || c == '.'))
            .unwrap_or(inner.len());
        if name_len == 0 {
            continue;
        }
        let name = &inner[..name_len];
        let after = inner[name_len..].trim_start();
        let args = if zola_call {
            // Zola calls its shortcodes like functions: `name(a=1)`; anything else between
            // `{{ }}` is a placeholder (`{{ emergency_number }}`) or a template tag.
            let Some(call) = after
                .strip_prefix('(')
                .and_then(|a| a.trim_end().strip_suffix(')'))
            else {
                continue;
            };
            arguments(call)
        } else {
            arguments(after)
        };
        let start = range.start + i;
        out.push(Found {
            generator,
            name: name.to_owned(),
            args,
            span: start..start + end + close.len(),
        });
        from = i + end + close.len();
    }
    out
}

/// `src="x.png" alt='A' 3`, or `id="x", n=3`: the values, with their names where given.
fn arguments(text: &str) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        rest = rest.trim_start_matches([' ', ',', '\t', '\n', '\r']);
        if rest.is_empty() {
            break;
        }
        let name_len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        let name = (name_len > 0 && rest[name_len..].starts_with('='))
            .then(|| rest[..name_len].to_owned());
        if name.is_some() {
            rest = &rest[name_len + 1..];
        }
        let (value, len) = match rest.chars().next() {
            Some(q @ ('"' | '\'' | '`')) => {
                let end = rest[1..].find(q).map_or(rest.len(), |e| e + 1);
                (rest[1..end].to_owned(), (end + 1).min(rest.len()))
            }
            _ => {
                let end = rest.find([' ', ',', '\t', '\n']).unwrap_or(rest.len());
                (rest[..end].to_owned(), end)
            }
        };
        out.push((name, value));
        rest = &rest[len..];
    }
    out
}

/// Whether `at` is inside one of `code`'s ranges, which are in the order the text has them
/// and never overlap: a binary search, so many shortcodes on a page of much code stay linear.
fn in_code(code: &[Range<usize>], at: usize) -> bool {
    let after = code.partition_point(|c| c.start <= at);
    after > 0 && code[after - 1].contains(&at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_ranges_are_searched_not_scanned() {
        let code = [0..5, 10..20, 30..31];
        let inside: Vec<usize> = (0..40).filter(|&at| in_code(&code, at)).collect();
        let expected: Vec<usize> = (0..5).chain(10..20).chain(30..31).collect();
        assert_eq!(inside, expected);
        assert!(!in_code(&[], 0));
    }

    fn names(text: &str) -> Vec<(String, &'static str)> {
        find(text, 0..text.len())
            .into_iter()
            .map(|f| (f.name, f.generator))
            .collect()
    }

    #[test]
    fn finds_hugo_and_zola_shortcodes_but_not_placeholders() {
        let text = "a {{< figure src=\"x.png\" >}} b {{% notice warning %}}t{{% /notice %}} \
                    {{ youtube(id=\"x\") }} {% note() %}n{% end %} {{ emergency_number }} {{/* x() */}}";
        assert_eq!(
            names(text),
            vec![
                ("figure".to_owned(), "Hugo"),
                ("notice".to_owned(), "Hugo"),
                ("youtube".to_owned(), "Zola"),
                ("note".to_owned(), "Zola"),
            ]
        );
    }

    #[test]
    fn arguments_named_and_not() {
        assert_eq!(
            arguments("src=\"a b.png\" alt='A' 3"),
            vec![
                (Some("src".to_owned()), "a b.png".to_owned()),
                (Some("alt".to_owned()), "A".to_owned()),
                (None, "3".to_owned()),
            ]
        );
    }
}
