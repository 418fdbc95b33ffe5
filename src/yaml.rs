//! YAML parsing with errors that point into the original file.
//!
//! Front matter and `site.yaml` are deserialised straight into typed structs that reject unknown
//! keys, because a silently ignored typo (`reviwed_by`) loses medical review data. The YAML
//! library reports positions inside the YAML text, sometimes none at all; this module moves them
//! into the file the author edits and rewrites serde's messages into plain words.

use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::source::SourceFile;

/// Parses `file.text[yaml]` as `T`. On failure returns one diagnostic with `code`, located in
/// `file`. `what` names the document in messages ("front matter", "site.yaml").
pub(crate) fn parse<T: DeserializeOwned>(
    file: &SourceFile,
    yaml: Range<usize>,
    code: Code,
) -> Result<T, Box<Diagnostic>> {
    let text = &file.text[yaml.clone()];
    // An empty document is an empty mapping, so that "missing field" errors name the field.
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str::<T>(text).map_err(|e| Box::new(to_diagnostic(&e, file, yaml, code)))
}

/// Finds the byte range of a key (`name:`) at any indentation in `file.text[yaml]`, starting the
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
        if let Some(rest) = key
            && rest.trim_start().starts_with(':')
        {
            return Some(start + lead..start + lead + (trimmed.len() - rest.len()));
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

fn to_diagnostic(
    err: &serde_yaml::Error,
    file: &SourceFile,
    yaml: Range<usize>,
    code: Code,
) -> Diagnostic {
    // The library's positions count from the start of the YAML block, not the file, so they
    // are taken out of the words; the span below carries the position in the file instead.
    let full = strip_positions(&err.to_string());
    let message = full.as_str();
    let first_line = file.line_index(yaml.start) + 1;
    let mut span = err
        .location()
        .filter(|l| l.index() > 0 || l.line() > 1)
        .map(|l| {
            let start = file.offset_of(first_line + l.line() - 1, l.column());
            start..token_end(&file.text, start, yaml.end)
        });
    // Split "sources[0].accessed: message" into the field path and the message.
    let (path, message) = match message.split_once(": ") {
        Some((p, m)) if !p.contains(' ') => (Some(p), m),
        _ => (None, message),
    };
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
        help = Some(
            match did_you_mean(&key, expected.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`?"),
                None if expected.is_empty() => "remove this key".to_owned(),
                None => format!("the keys allowed here are: {}", expected.join(", ")),
            },
        );
        match path {
            Some(p) => format!("unknown key `{key}` in `{p}`"),
            None => format!("unknown key `{key}`"),
        }
    } else if let Some(rest) = message.strip_prefix("missing field ") {
        let key = backticked(rest).unwrap_or_default();
        help = Some(format!("add a line such as `{key}: ...`"));
        if span.is_none() {
            // Point at the opening line of the document.
            let line = file.line_range(file.line_index(yaml.start).saturating_sub(1));
            span = Some(line);
        }
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
    Diagnostic::error(code, text)
        .at(file, span)
        .maybe_help(help)
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
        // The library says "at line 3 column 1 ... at line 2 column 9", counted from the
        // YAML block; the file's lines are one further down.
        let d = err("---\ntitle: x\ntopics: [a, b\n---\n");
        assert_eq!(
            d.message,
            "did not find expected ',' or ']', while parsing a flow sequence"
        );
        assert_eq!(d.location.unwrap().line, 4);
        assert_eq!(strip_positions("x at line 2 column 9"), "x");
        assert_eq!(strip_positions("seen at line one"), "seen at line one");
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
