//! YAML parsing (and TOML, for front matter between `+++` lines) with errors that point into
//! the original file.
//!
//! Front matter and `site.yaml` are deserialised straight into typed structs that reject unknown
//! keys, because a silently ignored typo (`reviwed_by`) loses medical review data. The parsers
//! report positions inside the block, sometimes none at all; this module moves them into the
//! file the author edits, rewrites serde's messages into plain words, and reports every problem
//! of a block in one run ([`parse_all`]).

use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::source::SourceFile;

pub(crate) use crate::yaml_syntax::Format;

/// Parses `file.text[yaml]` as `T`. On failure returns the first problem (with `code`, located
/// in `file`); see [`parse_all`] for every problem.
pub(crate) fn parse<T: DeserializeOwned>(
    file: &SourceFile,
    yaml: Range<usize>,
    code: Code,
) -> Result<T, Box<Diagnostic>> {
    parse_all(file, yaml, code, Format::Yaml).map_err(|mut all| Box::new(all.swap_remove(0)))
}

/// The most problems reported for one block: past this, the rest wait for the next run.
const MAX_PROBLEMS: usize = 50;

/// Parses `file.text[block]` (YAML or TOML) as `T`, reporting every problem of the block in
/// one run (issue 17: six runs for one file's six foreign keys). The error list is never
/// empty.
///
/// serde stops at the first unknown key or wrong value, so after each problem the entry it
/// is in (its key, value and the lines indented under it) is replaced with spaces and the
/// block parsed again: every position stays where it is in the author's file. A missing key
/// is reported only when it is the only problem (blanking an entry can make one up), and a
/// syntax error ends the list, explained in plain words where [`crate::yaml_syntax`]
/// recognises the mistake.
pub(crate) fn parse_all<T: DeserializeOwned>(
    file: &SourceFile,
    block: Range<usize>,
    code: Code,
    format: Format,
) -> Result<T, Vec<Diagnostic>> {
    let mut text = file.text[block.clone()].to_owned();
    let mut problems = Vec::new();
    // Curly quotes parse, as part of the value, or make a confusing error further on (a key
    // named `MD”`): they are named wherever they are, and errors on their lines left out.
    let curly = if format == Format::Yaml && code == Code::FrontMatter {
        crate::yaml_syntax::curly_quotes(file, block.clone(), format, code)
    } else {
        Vec::new()
    };
    let suspect: Vec<Range<usize>> = curly
        .iter()
        .filter_map(|d| d.location.as_ref())
        .map(|l| file.line_range(l.line - 1))
        .collect();
    problems.extend(curly);
    let mut blanked: Vec<Range<usize>> = Vec::new();
    for _ in 0..MAX_PROBLEMS * 2 {
        let attempt = match format {
            Format::Yaml => {
                let t = if text.trim().is_empty() { "{}" } else { &text };
                serde_yaml::from_str::<T>(t).map_err(Raw::Yaml)
            }
            Format::Toml => toml::from_str::<T>(&text).map_err(Raw::Toml),
        };
        let raw = match attempt {
            Ok(value) if problems.is_empty() => return Ok(value),
            Ok(_) => return Err(problems),
            Err(raw) => raw,
        };
        if raw.is_syntax(&text) {
            let explained = crate::yaml_syntax::explain(file, block.clone(), format, code);
            if explained.is_empty() {
                problems.push(raw.describe(file, block.clone(), code).0);
            }
            for d in explained {
                if !problems.iter().any(|p| p.location == d.location) {
                    problems.push(d);
                }
            }
            return Err(problems);
        }
        let (d, span) = raw.describe(file, block.clone(), code);
        let missing = raw.is_missing_field();
        let start = span.start;
        if !problems.is_empty() && (missing || blanked.iter().any(|r| r.contains(&start))) {
            break;
        }
        if !suspect.iter().any(|r| r.contains(&start)) {
            problems.push(d);
        }
        if problems.len() >= MAX_PROBLEMS {
            break;
        }
        let Some(entry) = entry_range(file, block.clone(), start, format) else {
            break;
        };
        if entry.is_empty() || blanked.iter().any(|r| r.contains(&entry.start)) {
            break;
        }
        blank(
            &mut text,
            entry.start - block.start..entry.end - block.start,
        );
        blanked.push(entry);
    }
    if problems.is_empty() {
        // Unreachable in practice (the loop pushes before it can stop), but the list must
        // never be empty.
        let line = file.line_range(file.line_index(block.start));
        problems.push(Diagnostic::error(code, "this block cannot be read").at(file, line));
    }
    Err(problems)
}

/// An error from either parser.
enum Raw {
    Yaml(serde_yaml::Error),
    Toml(toml::de::Error),
}

impl Raw {
    /// Whether serde says a required key is missing.
    fn is_missing_field(&self) -> bool {
        let message = match self {
            Raw::Yaml(e) => e.to_string(),
            Raw::Toml(e) => e.message().to_owned(),
        };
        message.contains("missing field `")
    }

    /// Whether the text itself does not parse (as opposed to parsing into the wrong shape).
    fn is_syntax(&self, text: &str) -> bool {
        match self {
            Raw::Yaml(_) => {
                let t = if text.trim().is_empty() { "{}" } else { text };
                serde_yaml::from_str::<serde_yaml::Value>(t).is_err()
            }
            Raw::Toml(_) => text.parse::<toml::Table>().is_err(),
        }
    }

    /// The diagnostic, and the span it points at in the file.
    fn describe(
        &self,
        file: &SourceFile,
        block: Range<usize>,
        code: Code,
    ) -> (Diagnostic, Range<usize>) {
        match self {
            Raw::Yaml(e) => {
                // The library's positions count from the start of the YAML block, not the
                // file, so they are taken out of the words; the span carries the position in
                // the file instead.
                let message = strip_positions(&e.to_string());
                let first_line = file.line_index(block.start) + 1;
                let span = e
                    .location()
                    .filter(|l| l.index() > 0 || l.line() > 1)
                    .map(|l| {
                        let start = file.offset_of(first_line + l.line() - 1, l.column());
                        start..token_end(&file.text, start, block.end)
                    });
                // Split "sources[0].accessed: message" into the field path and the message.
                let (path, message) = match message.split_once(": ") {
                    Some((p, m)) if !p.contains(' ') => (Some(p), m),
                    _ => (None, message.as_str()),
                };
                let top = path.is_none();
                to_diagnostic(message, path, top, span, file, block, code)
            }
            Raw::Toml(e) => {
                let span = e.span().map(|s| {
                    let start = (block.start + s.start).min(block.end);
                    let end = (block.start + s.end).clamp(start, block.end);
                    // A span over a whole table or value: its first token is enough.
                    let end = end.min(token_end(&file.text, start, block.end).max(start + 1));
                    start..end.min(block.end)
                });
                let at = span.as_ref().map_or(block.start, |s| s.start);
                let line = file.line_range(file.line_index(at));
                let written = file.text[line.start..at.max(line.start)].trim();
                // A table header names a top-level key (`[taxonomies]`, not `[a.b]` or
                // `[[sources]]`).
                let header = written == "[" && !file.text[at..line.end].contains(['.', '[']);
                let top = header || toml_top_level(&file.text[block.start..at]);
                // A problem with a value (after `key =`) names its key, as the YAML library's
                // path does.
                let path = written
                    .strip_suffix('=')
                    .map(str::trim)
                    .filter(|k| !k.is_empty() && !k.contains(' '));
                to_diagnostic(e.message(), path, top, span, file, block, code)
            }
        }
    }
}

/// Whether a TOML key written after `before` (the block up to it) is at the top level: no
/// table header above it and nothing but the key before it on its line.
fn toml_top_level(before: &str) -> bool {
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    before[line_start..].trim().is_empty()
        && !before[..line_start]
            .lines()
            .any(|l| l.trim_start().starts_with('['))
}

/// The entry holding byte `at`, as a range of the file to blank out: for YAML the key on
/// `at`'s line (after any `- `) to the end of the line and the lines indented under it; for
/// TOML the `key = value` line (and the lines of a value that spans several), or a whole
/// `[table]` up to the next header.
fn entry_range(
    file: &SourceFile,
    block: Range<usize>,
    at: usize,
    format: Format,
) -> Option<Range<usize>> {
    if at < block.start || at >= block.end {
        return None;
    }
    let index = file.line_index(at);
    let line = file.line_range(index);
    let line_text = &file.text[line.clone()];
    let lines_after = || {
        (index + 1..)
            .map(|i| file.line_range(i.min(file.line_index(block.end.saturating_sub(1)))))
            .take_while(move |r| r.start > line.start && r.start < block.end)
    };
    match format {
        Format::Yaml => {
            let key = line_text.len() - line_text.trim_start_matches([' ', '-']).len();
            let from = if at - line.start >= key && line_text[key..].contains(':') {
                line.start + key
            } else {
                at
            };
            let mut end = line.end;
            let mut last = index;
            for r in lines_after() {
                let i = file.line_index(r.start);
                if i <= last {
                    break;
                }
                let t = &file.text[r.clone()];
                let indent = t.len() - t.trim_start_matches(' ').len();
                if !t.trim().is_empty() && indent <= key {
                    break;
                }
                end = r.end;
                last = i;
            }
            Some(from..end)
        }
        Format::Toml => {
            let trimmed = line_text.trim_start();
            let mut end = line.end;
            let mut last = index;
            let header = trimmed.starts_with('[');
            let mut depth = if header { 0 } else { bracket_depth(line_text) };
            for r in lines_after() {
                let i = file.line_index(r.start);
                if i <= last {
                    break;
                }
                let t = &file.text[r.clone()];
                if header && t.trim_start().starts_with('[') || !header && depth <= 0 {
                    break;
                }
                if !header {
                    depth += bracket_depth(t);
                }
                end = r.end;
                last = i;
            }
            Some(line.start..end)
        }
    }
}

/// Opening minus closing brackets and braces on a line, outside quotes.
fn bracket_depth(line: &str) -> i32 {
    let mut depth = 0;
    let mut quote = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => break,
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth -= 1,
            _ => {}
        }
    }
    depth
}

/// Replaces `range` of `text` with spaces, keeping line ends (so every position stays put).
fn blank(text: &mut String, range: Range<usize>) {
    let replaced: String = text[range.clone()]
        .bytes()
        .map(|b| {
            if b == b'\n' || b == b'\r' {
                b as char
            } else {
                ' '
            }
        })
        .collect();
    text.replace_range(range, &replaced);
}

/// Finds the byte range of a key (`name:`, or TOML's `name =` and `[name]`) at any indentation in `file.text[yaml]`, starting the
/// search at `from`. Used to point at a field when the YAML library gives no position.
pub(crate) fn find_key(
    file: &SourceFile,
    yaml: Range<usize>,
    name: &str,
    from: usize,
) -> Option<Range<usize>> {
    let text = &file.text[yaml.clone()];
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = yaml.start + offset;
        offset += line.len();
        if start < from {
            continue;
        }
        let trimmed = line.trim_start_matches([' ', '\t', '-']).trim_start();
        let lead = line.len() - trimmed.len();
        let key = trimmed
            .strip_prefix('"')
            .and_then(|t| t.strip_prefix(name))
            .and_then(|t| t.strip_prefix('"'))
            .or_else(|| trimmed.strip_prefix(name));
        // `name:` in YAML, `name =` in TOML.
        if let Some(rest) = key
            && rest.trim_start().starts_with([':', '='])
        {
            return Some(start + lead..start + lead + (trimmed.len() - rest.len()));
        }
        // A TOML table: `[name]` or `[[name]]`.
        let header = trimmed.trim_end();
        let inner = header
            .strip_prefix("[[")
            .and_then(|h| h.strip_suffix("]]"))
            .or_else(|| header.strip_prefix('[').and_then(|h| h.strip_suffix(']')));
        if inner.is_some_and(|i| i.trim() == name) {
            let at = start + lead + header.find(name).unwrap_or(0);
            return Some(at..at + name.len());
        }
    }
    None
}

/// Finds `value` written after key `name` (on the key's line or the lines below it), for
/// pointing at one entry of a list such as `related:`.
pub(crate) fn find_value(
    file: &SourceFile,
    yaml: Range<usize>,
    name: &str,
    value: &str,
) -> Option<Range<usize>> {
    let key = find_key(file, yaml.clone(), name, yaml.start)?;
    let rest = &file.text[key.end..yaml.end];
    // Prefer the value written as a whole list entry: `/c` must not point into `/c/`, nor
    // `leukemia.md` into `../leukemia.md`.
    let whole = |&(i, _): &(usize, &str)| {
        let before = rest[..i].chars().next_back();
        let after = rest[i + value.len()..].chars().next();
        before.is_none_or(|c| c.is_whitespace() || "[,-:\"'".contains(c))
            && after.is_none_or(|c| c.is_whitespace() || "],#\"'".contains(c))
    };
    let mut found = rest.match_indices(value);
    let i = found
        .clone()
        .find(whole)
        .or_else(|| found.next())
        .map(|(i, _)| i)?;
    Some(key.end + i..key.end + i + value.len())
}

/// [`find_value`] for many values of one key at once: one pass over the text whatever the
/// number of values, where calling [`find_value`] for each would read the front matter again
/// for every value (20,000 topics on one page; issue 16). Same choice of match: the first
/// written as a whole entry, else the first anywhere.
pub(crate) fn find_values(
    file: &SourceFile,
    yaml: Range<usize>,
    name: &str,
    values: &[&str],
) -> Vec<Option<Range<usize>>> {
    let mut found: Vec<(Option<usize>, Option<usize>)> = vec![(None, None); values.len()];
    let Some(key) = find_key(file, yaml.clone(), name, yaml.start) else {
        return vec![None; values.len()];
    };
    let rest = &file.text[key.end..yaml.end];
    let patterns: Vec<&str> = values.iter().copied().filter(|v| !v.is_empty()).collect();
    // A non-contiguous NFA builds in time linear in the patterns (a DFA over 20,000 topics
    // takes long to build and is not needed for one pass).
    let Ok(matcher) = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
        .build(&patterns)
    else {
        return vec![None; values.len()];
    };
    let slot: rustc_hash::FxHashMap<&str, Vec<usize>> =
        values
            .iter()
            .enumerate()
            .fold(Default::default(), |mut m, (i, v)| {
                m.entry(*v).or_insert_with(Vec::new).push(i);
                m
            });
    for m in matcher.find_overlapping_iter(rest) {
        let value = patterns[m.pattern().as_usize()];
        let (i, end) = (m.start(), m.end());
        let before = rest[..i].chars().next_back();
        let after = rest[end..].chars().next();
        let whole = before.is_none_or(|c| c.is_whitespace() || "[,-:\"'".contains(c))
            && after.is_none_or(|c| c.is_whitespace() || "],#\"'".contains(c));
        for &k in &slot[value] {
            let (first_whole, first_any) = &mut found[k];
            first_any.get_or_insert(i);
            if whole {
                first_whole.get_or_insert(i);
            }
        }
    }
    found
        .into_iter()
        .zip(values)
        .map(|((whole, any), v)| whole.or(any).map(|i| key.end + i..key.end + i + v.len()))
        .collect()
}

/// A parser's message in plain words, located in the author's file. `path` is the field path
/// the YAML library puts before its message (`sources[0].accessed`); `top` says the problem is
/// at the top level of the block (where Hugo's and Zola's keys get their own help).
fn to_diagnostic(
    message: &str,
    path: Option<&str>,
    top: bool,
    mut span: Option<Range<usize>>,
    file: &SourceFile,
    yaml: Range<usize>,
    code: Code,
) -> (Diagnostic, Range<usize>) {
    let backticked = |s: &str| -> Option<String> {
        let start = s.find('`')? + 1;
        let end = start + s[start..].find('`')?;
        Some(s[start..end].to_owned())
    };
    let mut help = None;
    let text = if let Some(rest) = message.strip_prefix("unknown field ") {
        let key = backticked(rest).unwrap_or_default();
        // serde writes "expected `a`", "expected `a` or `b`" or "expected one of `a`, `b`, ...".
        let expected: Vec<String> = rest
            .split_once("expected ")
            .map(|(_, list)| {
                list.split('`')
                    .skip(1)
                    .step_by(2)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        // Hugo's and Zola's keys get the medleaf way to say the same (issue 17).
        let foreign = (code == Code::FrontMatter && top)
            .then(|| crate::foreign::key_help(&key))
            .flatten();
        help = Some(
            match (
                foreign,
                did_you_mean(&key, expected.iter().map(String::as_str)),
            ) {
                (Some(f), _) => f.to_owned(),
                (None, Some(s)) => format!("did you mean `{s}`?"),
                (None, None) if expected.is_empty() => "remove this key".to_owned(),
                (None, None) => format!("the keys allowed here are: {}", expected.join(", ")),
            },
        );
        match path {
            Some(p) => format!("unknown key `{key}` in `{p}`"),
            None => format!("unknown key `{key}`"),
        }
    } else if let Some(rest) = message.strip_prefix("missing field ") {
        let key = backticked(rest).unwrap_or_default();
        help = Some(format!("add a line such as `{key}: ...`"));
        // Point at the opening line of the document.
        let line = file.line_range(file.line_index(yaml.start).saturating_sub(1));
        span = Some(line);
        match path {
            Some(p) => format!("`{p}` is missing `{key}`"),
            None => format!("missing required key `{key}`"),
        }
    } else if let Some(rest) = message.strip_prefix("duplicate field ") {
        let key = backticked(rest).unwrap_or_default();
        help = Some(format!("keep only one `{key}:` line"));
        // Point at the second occurrence.
        if let Some(first) = find_key(file, yaml.clone(), &key, yaml.start) {
            span = find_key(file, yaml.clone(), &key, first.end).or(Some(first));
        }
        format!("`{key}` is given twice")
    } else if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        let found = match found {
            "unit value" => "nothing (an empty value)".to_owned(),
            "sequence" => "a list".to_owned(),
            "map" => "a mapping".to_owned(),
            f => f
                .replace("integer", "the number")
                .replace("floating point", "the number"),
        };
        let expected = plain_type(expected);
        match path {
            Some(p) => format!("`{p}` must be {expected}, not {found}"),
            None => format!("this must be {expected}, not {found}"),
        }
    } else {
        match path {
            Some(p) => format!("`{p}`: {message}"),
            None => message.to_owned(),
        }
    };
    // Fall back to the field named in the path, then to the start of the document.
    if span.is_none()
        && let Some(p) = path
    {
        let last = p.rsplit('.').next().unwrap_or(p);
        let name = last.split('[').next().unwrap_or(last);
        span = find_key(file, yaml.clone(), name, yaml.start);
    }
    let span = span.unwrap_or_else(|| {
        let line = file.line_index(yaml.start);
        file.line_range(line)
    });
    let d = Diagnostic::error(code, text)
        .at(file, span.clone())
        .maybe_help(help);
    (d, span)
}

/// Removes every " at line L column C" from a YAML library message. Syntax errors carry two
/// (where the problem was noticed and where the construct began), both counted inside the
/// YAML block, so left in they would name the wrong line of the author's file.
fn strip_positions(message: &str) -> String {
    const MARK: &str = " at line ";
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(MARK) {
        let after = &rest[i + MARK.len()..];
        let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let line_len = digits(after);
        let position_len = after[line_len..]
            .strip_prefix(" column ")
            .map(digits)
            .filter(|&n| line_len > 0 && n > 0)
            .map(|n| line_len + " column ".len() + n);
        match position_len {
            Some(n) => {
                out.push_str(&rest[..i]);
                rest = &after[n..];
            }
            None => {
                out.push_str(&rest[..i + MARK.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The end of the token starting at `start`: up to the next space, comma, bracket or line end.
fn token_end(text: &str, start: usize, limit: usize) -> usize {
    let rest = &text[start..limit.max(start)];
    let len = rest.find(['\n', '\r', ',', ']', '}']).unwrap_or(rest.len());
    let token = rest[..len].trim_end();
    // A key ends at its colon.
    let token = match token.find(": ") {
        Some(i) => &token[..i],
        None => token.strip_suffix(':').unwrap_or(token),
    };
    start + token.len().max(1).min(rest.len().max(1))
}

/// serde's type names in words an author knows.
fn plain_type(expected: &str) -> String {
    match expected {
        "a sequence" => "a list (for example `[a, b]`)".to_owned(),
        "a string" => "text".to_owned(),
        "a boolean" => "`true` or `false`".to_owned(),
        "i64" | "u64" | "i32" | "u32" | "u16" | "u8" => "a whole number".to_owned(),
        "f64" | "f32" => "a number".to_owned(),
        e if e.starts_with("struct ") || e == "a map" => {
            "a mapping of `key: value` lines".to_owned()
        }
        e => e.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        #[serde(default)]
        topics: Vec<String>,
        #[serde(default)]
        reviewed_by: Option<String>,
        #[serde(default)]
        date: Option<crate::date::Date>,
        #[serde(default)]
        who: Option<Who>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Who {
        name: String,
        role: Option<String>,
    }

    fn err(text: &str) -> Diagnostic {
        let file = SourceFile::new("a.md", text.to_owned());
        let end = text.rfind("---").unwrap();
        *parse::<Doc>(&file, 4..end, Code::FrontMatter).unwrap_err()
    }

    #[test]
    fn unknown_key_in_original_file_with_suggestion() {
        let d = err("---\ntitle: x\nreviwed_by: y\n---\nbody\n");
        let loc = d.location.unwrap();
        assert_eq!((loc.line, loc.column), (3, 1));
        assert_eq!(d.message, "unknown key `reviwed_by`");
        assert_eq!(d.help.as_deref(), Some("did you mean `reviewed_by`?"));
        assert_eq!(&loc.line_text[loc.span], "reviwed_by");
    }

    #[test]
    fn wrong_type_names_field_and_line() {
        let d = err("---\ntitle: x\ntopics: 3\n---\n");
        let loc = d.location.unwrap();
        assert_eq!((loc.line, loc.column), (3, 9));
        assert!(
            d.message.starts_with("`topics` must be a list"),
            "{}",
            d.message
        );
    }

    #[test]
    fn bad_date_points_at_value() {
        let d = err("---\ntitle: x\ndate: 2026-13-01\n---\n");
        let loc = d.location.unwrap();
        assert_eq!((loc.line, loc.column), (3, 7));
        assert_eq!(
            d.message,
            "`date`: `2026-13-01` is not a real calendar date"
        );
    }

    #[test]
    fn missing_title_points_at_opening_line() {
        let d = err("---\ntopics: [a]\n---\n");
        assert_eq!(d.message, "missing required key `title`");
        assert_eq!(d.location.unwrap().line, 1);
    }

    #[test]
    fn syntax_errors_do_not_quote_positions_inside_the_yaml_block() {
        // An unclosed quote is none of the mistakes `yaml_syntax` explains: the library's
        // words are kept, without its "at line 2 column 9", counted from the YAML block.
        let d = err("---\ntitle: x\ntopics: \"a\n---\n");
        assert!(d.message.contains("quoted scalar"), "{}", d.message);
        assert!(!d.message.contains("at line"), "{}", d.message);
        // Noticed at the end of the block, the line before the closing `---`.
        assert_eq!(d.location.unwrap().line, 4);
        assert_eq!(strip_positions("x at line 2 column 9"), "x");
        assert_eq!(strip_positions("seen at line one"), "seen at line one");
    }

    fn all(text: &str, format: Format) -> Vec<(String, usize, usize)> {
        let file = SourceFile::new("a.md", text.to_owned());
        let fence = &text[..3];
        let end = text[3..].find(fence).unwrap() + 3;
        parse_all::<Doc>(&file, 4..end, Code::FrontMatter, format)
            .unwrap_err()
            .into_iter()
            .map(|d| {
                let l = d.location.unwrap();
                (d.message, l.line, l.column)
            })
            .collect()
    }

    #[test]
    fn every_problem_of_a_block_in_one_run() {
        let text = "---\ntitle: x\ntags: [a]\nwho:\n  name: a\n  rol: b\ndate: 2026-13-01\nlastmod: 2020-01-01\nsources:\n  - x\n---\n";
        assert_eq!(
            all(text, Format::Yaml),
            [
                ("unknown key `tags`".to_owned(), 3, 1),
                ("unknown key `rol` in `who`".to_owned(), 6, 3),
                (
                    "`date`: `2026-13-01` is not a real calendar date".to_owned(),
                    7,
                    7
                ),
                ("unknown key `lastmod`".to_owned(), 8, 1),
                ("unknown key `sources`".to_owned(), 9, 1),
            ]
        );
    }

    #[test]
    fn toml_problems_in_the_authors_lines() {
        let text = "+++\ntitle = \"x\"\ntags = [\"a\"]\ntopics = 3\n\n[who]\nname = \"a\"\nrol = \"b\"\n+++\n";
        assert_eq!(
            all(text, Format::Toml),
            [
                ("unknown key `tags`".to_owned(), 3, 1),
                (
                    "`topics` must be a list (for example `[a, b]`), not the number `3`".to_owned(),
                    4,
                    10
                ),
                ("unknown key `rol`".to_owned(), 8, 1),
            ]
        );
    }

    #[test]
    fn unknown_key_among_two_allowed_keys_gets_a_suggestion() {
        // serde lists two allowed keys as "expected `name` or `role`", not "one of".
        let d = err("---\ntitle: x\nwho: {name: a, rol: b}\n---\n");
        assert_eq!(d.message, "unknown key `rol` in `who`");
        assert_eq!(d.help.as_deref(), Some("did you mean `role`?"));
    }

    #[test]
    fn a_value_is_found_as_a_whole_entry() {
        let text =
            "---\naliases: [\"/c/\", /c, /old.html]\nrelated:\n  - ../a/x.md\n  - x.md\n---\n";
        let file = SourceFile::new("a.md", text.to_owned());
        let yaml = 4..text.rfind("---").unwrap();
        let at = |key: &str, value: &str| {
            let r = find_value(&file, yaml.clone(), key, value).unwrap();
            let loc = file.location(r);
            (loc.line, loc.column)
        };
        assert_eq!(at("aliases", "/c"), (2, 18));
        assert_eq!(at("aliases", "/c/"), (2, 12));
        assert_eq!(at("related", "x.md"), (5, 5));
    }

    #[test]
    fn duplicate_key_points_at_second() {
        let d = err("---\ntitle: x\ntitle: y\n---\n");
        assert_eq!(d.location.unwrap().line, 3);
    }
}
