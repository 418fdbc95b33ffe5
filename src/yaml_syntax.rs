//! The YAML (and TOML) mistakes authors make most, found by reading the lines and explained
//! in their words (issue 17).
//!
//! The parsers say "found character that cannot start any token" for a tab and "mapping values
//! are not allowed in this context" for `title: Asthma: what to do`. Those words help nobody
//! who edits health pages. When a block does not parse, [`explain`] looks for the usual causes
//! (a tab used to indent, a colon inside an unquoted value, no space after a colon, a list or
//! mapping never closed, quotes pasted from a word processor) and says what to change; when it
//! finds none, the parser's own message is shown. Each diagnostic points at the line and
//! column of the author's file. This module reads only the text it is given.

use std::ops::Range;

use crate::diagnostics::{Code, Diagnostic};
use crate::source::SourceFile;

/// The language a front-matter block is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Format {
    /// Between `---` lines: medleaf's own.
    #[default]
    Yaml,
    /// Between `+++` lines, as Hugo and Zola sites write it (issue 17).
    Toml,
}

/// One line of a block: its byte range in the file and its text (no line ending).
struct Line<'a> {
    start: usize,
    text: &'a str,
}

fn lines<'a>(file: &'a SourceFile, block: &Range<usize>) -> Vec<Line<'a>> {
    if block.is_empty() {
        return Vec::new();
    }
    let first = file.line_index(block.start);
    let last = file.line_index(block.end.saturating_sub(1));
    (first..=last)
        .map(|i| file.line_range(i))
        .filter(|r| r.start >= block.start && r.start < block.end)
        .map(|r| Line {
            start: r.start,
            text: &file.text[r],
        })
        .collect()
}

/// A plain key at the start of a line (after indentation and a list dash) and what follows
/// it: `(key start, key, rest after the key)`. `sep` is `:` for YAML, `=` for TOML.
fn key_of(text: &str, sep: char) -> Option<(usize, &str, &str)> {
    let body = text.trim_start_matches([' ', '\t']);
    let body = body
        .strip_prefix("- ")
        .map_or(body, |b| b.trim_start_matches(' '));
    let at = text.len() - body.len();
    let key_len = body
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(body.len());
    if key_len == 0 {
        return None;
    }
    let rest = body[key_len..].trim_start_matches(' ');
    rest.starts_with(sep)
        .then(|| (at, &body[..key_len], &rest[1..]))
}

/// The 1-based character column of byte `i` in `text`.
fn column(text: &str, i: usize) -> usize {
    text[..i].chars().count() + 1
}

/// Quotes pasted from a word processor around a whole value (`title: “Asthma”`): YAML keeps them
/// as part of the text (or, inside `{...}`, splits the value at a comma and names a key
/// `MD”`); TOML cannot read them at all. Reported for every line that has them.
pub(crate) fn curly_quotes(
    file: &SourceFile,
    block: Range<usize>,
    format: Format,
    code: Code,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for line in lines(file, &block) {
        let text = line.text;
        let Some((i, open)) = text.char_indices().find(|&(i, c)| {
            matches!(c, '“' | '‘' | '”')
                && text[..i]
                    .trim_end()
                    .chars()
                    .next_back()
                    .is_none_or(|p| matches!(p, ':' | '[' | '{' | ',' | '-' | '='))
        }) else {
            continue;
        };
        // Only a whole value in curly quotes: `title: “Chemo brain”: what it is` is a title
        // that starts with a quotation.
        let closes: &[char] = if open == '‘' {
            &['’', '‘']
        } else {
            &['”', '“']
        };
        let after_open = i + open.len_utf8();
        let Some(end) = text[after_open..]
            .char_indices()
            .filter(|&(_, c)| closes.contains(&c))
            .map(|(j, c)| after_open + j + c.len_utf8())
            .find(|&end| {
                let rest = text[end..].trim_start();
                // A key in curly quotes (`“title”: x`) is at the start of its line.
                let key = text[..i].trim_matches([' ', '-']).is_empty() && rest.starts_with(':');
                rest.is_empty() || rest.starts_with([',', ']', '}', '#']) || key
            })
        else {
            continue;
        };
        let (pair, straight) = if open == '‘' {
            ("‘ ’", "'")
        } else {
            ("“ ”", "\"")
        };
        let fixed = text
            .trim()
            .replace(['“', '”'], "\"")
            .replace(['‘', '’'], "'");
        let what = match key_of(text, if format == Format::Toml { '=' } else { ':' }) {
            Some((_, key, _)) => format!("the value of `{key}` is in curly quotes {pair}"),
            None => format!("curly quotes {pair} around a value"),
        };
        out.push(
            Diagnostic::error(code, what)
                .at(file, line.start + i..line.start + end)
                .label("quotes from a word processor: they are not quotes to YAML or TOML")
                .help(format!(
                    "replace {pair} with straight quotes ({straight}): `{fixed}`"
                )),
        );
    }
    out
}

/// Explains why a block that does not parse fails, one diagnostic per mistake found; empty
/// when none of the usual mistakes is there.
pub(crate) fn explain(
    file: &SourceFile,
    block: Range<usize>,
    format: Format,
    code: Code,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let all = lines(file, &block);
    let sep = if format == Format::Toml { '=' } else { ':' };
    if format == Format::Toml {
        out.extend(curly_quotes(file, block.clone(), format, code));
    }
    for (n, line) in all.iter().enumerate() {
        let text = line.text;
        if format == Format::Yaml {
            if let Some(d) = tab(file, line, code) {
                out.push(d);
                continue;
            }
            if let Some(d) = colon_in_value(file, line, code) {
                out.push(d);
                continue;
            }
            if let Some(d) = no_space_after_colon(file, line, code) {
                out.push(d);
                continue;
            }
        }
        if let Some((_, key, rest)) = key_of(text, sep) {
            let value = rest.trim_start_matches(' ');
            if value.starts_with(['[', '{']) {
                let value_at = text.len() - value.len();
                // The lines indented under the key continue the value (a list written over
                // several lines).
                let indent = text.len() - text.trim_start_matches(' ').len();
                let more: Vec<&Line> = all[n + 1..]
                    .iter()
                    .take_while(|l| {
                        let t = l.text;
                        t.trim().is_empty()
                            || (t.len() - t.trim_start_matches(' ').len() > indent
                                && key_of(t, sep).is_none_or(|_| format == Format::Yaml))
                    })
                    .collect();
                let written = if format == Format::Toml { " = " } else { ": " };
                if let Some(d) = unbalanced(file, line, value_at, &more, key, written, code) {
                    out.push(d);
                }
            }
        }
    }
    out
}

/// A tab in a line's indentation: YAML indents with spaces only.
fn tab(file: &SourceFile, line: &Line, code: Code) -> Option<Diagnostic> {
    let text = line.text;
    let indent = &text[..text.len() - text.trim_start_matches([' ', '\t']).len()];
    let i = indent.find('\t')?;
    let col = column(text, i);
    let shown = text.replace('\t', "→");
    Some(
        Diagnostic::error(
            code,
            format!("a tab at column {col}: YAML indents with spaces"),
        )
        .at(file, line.start + i..line.start + i + 1)
        .label("a tab (invisible in most editors)")
        .help(format!(
            "the line with each tab shown as →: `{}`; replace each → with spaces, as many as the lines around it use",
            shown.trim_end()
        )),
    )
}

/// `title: Asthma: what to do`: a colon followed by a space inside an unquoted value reads as
/// a second key.
fn colon_in_value(file: &SourceFile, line: &Line, code: Code) -> Option<Diagnostic> {
    let text = line.text;
    let (_, key, rest) = key_of(text, ':')?;
    let value = rest.trim_start_matches(' ');
    if value.is_empty() || value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!', '#']) {
        return None;
    }
    // A comment ends the value.
    let value = match value.find(" #") {
        Some(i) => &value[..i],
        None => value,
    };
    let value = value.trim_end();
    let colon = value
        .find(": ")
        .or_else(|| value.ends_with(':').then(|| value.len() - 1))?;
    let value_at = text.len() - rest.trim_start_matches(' ').len();
    let at = line.start + value_at + colon;
    let quoted = if value.contains('"') {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    };
    let what = if key == "title" {
        "the title".to_owned()
    } else {
        format!("the `{key}` value")
    };
    Some(
        Diagnostic::error(
            code,
            format!("`{key}` has a colon followed by a space in its value"),
        )
        .at(file, at..at + 1)
        .label("YAML reads a colon and a space as the start of another key")
        .help(format!("put {what} in quotes: `{key}: {quoted}`")),
    )
}

/// `title:Asthma`: a key whose colon has no space after it is not a key to YAML.
fn no_space_after_colon(file: &SourceFile, line: &Line, code: Code) -> Option<Diagnostic> {
    let text = line.text;
    let body = text.trim_start_matches(' ');
    let body = body
        .strip_prefix("- ")
        .map_or(body, |b| b.trim_start_matches(' '));
    let key_at = text.len() - body.len();
    let key_len = body.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))?;
    if key_len == 0 || !body[key_len..].starts_with(':') {
        return None;
    }
    let after = &body[key_len + 1..];
    if after.is_empty() || after.starts_with([' ', '\t']) || after.contains(": ") {
        return None;
    }
    let key = &body[..key_len];
    let at = line.start + key_at + key_len;
    Some(
        Diagnostic::error(
            code,
            format!("no space after the colon in `{}`", body.trim_end()),
        )
        .at(file, at..at + 1)
        .label("YAML needs a space after this colon")
        .help(format!("write `{key}: {}`", after.trim_end())),
    )
}

/// A `[` or `{` that is never closed (or a `]` or `}` too many) in the value of `key`, which
/// starts at byte `value_at` of `line` and may go on over the `more` lines; `written` is what
/// stands between a key and its value (`: `, or ` = ` in TOML).
fn unbalanced(
    file: &SourceFile,
    line: &Line,
    value_at: usize,
    more: &[&Line],
    key: &str,
    written: &str,
    code: Code,
) -> Option<Diagnostic> {
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut quote = None;
    let mut extra = None;
    let parts = std::iter::once((line.start + value_at, &line.text[value_at..]))
        .chain(more.iter().map(|l| (l.start, l.text)));
    'outer: for (start, text) in parts {
        for (i, c) in text.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') if i == 0 || text[..i].ends_with(' ') => break,
                (None, '[' | '{') => stack.push((start + i, c)),
                (None, ']' | '}') if stack.pop().is_none() => {
                    extra = Some((start + i, c));
                    break 'outer;
                }
                _ => {}
            }
        }
        quote = None;
    }
    if let Some((at, c)) = extra {
        return Some(
            Diagnostic::error(code, format!("a `{c}` in `{key}` closes nothing"))
                .at(file, at..at + 1)
                .label("no `[` or `{` before it is open")
                .help(format!(
                    "remove this `{c}`, or add the `{}` that opens the list",
                    if c == ']' { '[' } else { '{' }
                )),
        );
    }
    let &(at, open) = stack.first()?;
    let (close, what) = if open == '[' {
        (']', "list")
    } else {
        ('}', "mapping")
    };
    let closes: String = stack
        .iter()
        .rev()
        .map(|&(_, c)| if c == '[' { ']' } else { '}' })
        .collect();
    let example = if more.is_empty() {
        format!(
            ": `{key}{written}{}{closes}`",
            line.text[value_at..].trim_end()
        )
    } else {
        String::new()
    };
    Some(
        Diagnostic::error(
            code,
            format!("the {what} of `{key}` opened with `{open}` is never closed"),
        )
        .at(file, at..at + 1)
        .label(format!("this `{open}` has no `{close}`"))
        .help(format!("end the {what} with `{close}`{example}")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(yaml: &str) -> Vec<Diagnostic> {
        let text = format!("---\n{yaml}---\n");
        let file = SourceFile::new("a.md", text.clone());
        explain(&file, 4..text.len() - 4, Format::Yaml, Code::FrontMatter)
    }

    #[test]
    fn a_tab_is_named_with_its_column() {
        let d = &explained("title: x\ntopics:\n\t- a\n")[0];
        assert_eq!(d.message, "a tab at column 1: YAML indents with spaces");
        assert_eq!(d.location.as_ref().unwrap().line, 4);
        assert!(d.help.as_deref().unwrap().contains("`→- a`"));
    }

    #[test]
    fn a_colon_in_a_value_asks_for_quotes() {
        let d = &explained("title: Asthma: what to do\n")[0];
        assert_eq!(
            d.help.as_deref(),
            Some("put the title in quotes: `title: \"Asthma: what to do\"`")
        );
        assert_eq!(d.location.as_ref().unwrap().column, 14);
    }

    #[test]
    fn curly_quotes_around_a_whole_value_only() {
        let text = "---\ntitle: “Chemo brain”: what it is\ntopics: [“A”, b]\n---\n";
        let file = SourceFile::new("a.md", text.to_owned());
        let found = curly_quotes(&file, 4..text.len() - 4, Format::Yaml, Code::FrontMatter);
        let lines: Vec<usize> = found
            .iter()
            .map(|d| d.location.as_ref().unwrap().line)
            .collect();
        assert_eq!(lines, [3]);
    }

    #[test]
    fn a_missing_space_and_an_open_list() {
        let d = &explained("title:Asthma\n")[0];
        assert_eq!(d.message, "no space after the colon in `title:Asthma`");
        let d = &explained("title: x\ntopics: [a, b\n")[0];
        assert_eq!(
            d.message,
            "the list of `topics` opened with `[` is never closed"
        );
        assert_eq!(
            d.help.as_deref(),
            Some("end the list with `]`: `topics: [a, b]`")
        );
        assert!(explained("title: x\ntopics: [a,\n  b]\n").is_empty());
        assert!(explained("url: https://example.org/a\n").is_empty());
    }
}
