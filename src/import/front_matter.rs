//! Foreign front matter in, medleaf's YAML out.
//!
//! Hugo and Zola sites write front matter as YAML (`---`), TOML (`+++`) or, for Hugo, JSON
//! (`{ ... }`). This file splits it from the body and parses it into one generic value (a JSON
//! map), so the per-generator mappings never care which syntax the author used. It does not
//! use medleaf's own front-matter parser: that one rejects the foreign keys this module exists
//! to translate. [`Front`] is the medleaf front matter being built, written back as YAML in
//! the order the README lists the keys.

use serde_json::{Map, Value};

/// The syntax a page's front matter was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Syntax {
    Yaml,
    Toml,
    Json,
}

/// A page's text cut into its front matter and body.
#[derive(Debug)]
pub(super) struct Split<'a> {
    pub syntax: Syntax,
    /// The front matter, without its delimiters.
    pub text: &'a str,
    /// The 1-based line of the file where `text` starts.
    pub first_line: usize,
    /// The body, and its byte offset in the file.
    pub body: &'a str,
    pub body_offset: usize,
}

/// Splits a page's text; `None` when it has no front matter (the whole text is the body).
pub(super) fn split(text: &str) -> Option<Split<'_>> {
    for (delim, syntax) in [("---", Syntax::Yaml), ("+++", Syntax::Toml)] {
        let Some(rest) = text.strip_prefix(delim) else {
            continue;
        };
        let Some(rest) = rest
            .strip_prefix("\r\n")
            .or_else(|| rest.strip_prefix('\n'))
        else {
            continue;
        };
        let start = text.len() - rest.len();
        // The closing delimiter is a line of its own.
        let mut pos = start;
        for line in rest.split_inclusive('\n') {
            if line.trim_end() == delim {
                let body_offset = pos + line.len();
                return Some(Split {
                    syntax,
                    text: &text[start..pos],
                    first_line: 2,
                    body: &text[body_offset..],
                    body_offset,
                });
            }
            pos += line.len();
        }
        return None;
    }
    if text.starts_with('{') {
        let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
        if let Some(Ok(_)) = stream.next() {
            let end = stream.byte_offset();
            return Some(Split {
                syntax: Syntax::Json,
                text: &text[..end],
                first_line: 1,
                body: &text[end..],
                body_offset: end,
            });
        }
    }
    None
}

/// Parses the front matter into a map, or says why it cannot be read.
pub(super) fn parse(split: &Split<'_>) -> Result<Map<String, Value>, String> {
    let value = match split.syntax {
        Syntax::Yaml => {
            if split.text.trim().is_empty() {
                return Ok(Map::new());
            }
            serde_yaml::from_str::<Value>(split.text).map_err(|e| e.to_string())?
        }
        Syntax::Toml => {
            let table: toml::Table = split
                .text
                .parse()
                .map_err(|e: toml::de::Error| e.message().to_owned())?;
            toml_to_json(toml::Value::Table(table))
        }
        Syntax::Json => serde_json::from_str::<Value>(split.text).map_err(|e| e.to_string())?,
    };
    match value {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err("the front matter is not a list of `key: value` lines".to_owned()),
    }
}

/// TOML as a generic value; dates and times become their text (`2024-01-31`).
pub(super) fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// The file line where a top-level key (or a TOML table `[key]`) is written, or the first line
/// of the front matter when it cannot be found.
pub(super) fn key_line(split: &Split<'_>, key: &str) -> usize {
    for (i, line) in split.text.lines().enumerate() {
        let t = line.trim_start();
        let written = match split.syntax {
            Syntax::Yaml => {
                line.len() == t.len()
                    && t.strip_prefix(key)
                        .is_some_and(|r| r.trim_start().starts_with(':'))
            }
            Syntax::Toml => {
                t.strip_prefix(key)
                    .is_some_and(|r| r.trim_start().starts_with('='))
                    || t == format!("[{key}]")
                    || t.starts_with(&format!("[{key}."))
            }
            Syntax::Json => t.starts_with(&format!("\"{key}\"")),
        };
        if written {
            return split.first_line + i;
        }
    }
    split.first_line
}

/// A value as plain text, when it is one (a string, number or boolean).
pub(super) fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A value as a list of texts: a list, or one text alone.
pub(super) fn texts(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().filter_map(text).collect(),
        other => text(other).into_iter().collect(),
    }
}

/// The front matter of a converted page, in medleaf's keys.
#[derive(Debug, Default)]
pub(super) struct Front {
    pub title: String,
    pub description: Option<String>,
    /// `kind: page`: not a health article (no review, sources or readability checks).
    pub kind_page: bool,
    pub topics: Vec<String>,
    pub related: Vec<String>,
    /// Review data the source site already kept under medleaf's own names
    /// (`last_reviewed`, `next_review`, `reviewed_by`, `sources`), in that order.
    pub review: Vec<(&'static str, Value)>,
    pub aliases: Vec<String>,
    pub slug: Option<String>,
    pub weight: Option<i64>,
    pub draft: bool,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    pub extra: Map<String, Value>,
    /// Comment lines written at the end of the front matter (what the source said that medleaf
    /// has no key for, such as edit dates).
    pub comments: Vec<String>,
}

impl Front {
    /// The front matter as medleaf YAML, delimiters included.
    pub(super) fn to_yaml(&self) -> String {
        let mut out = String::from("---\n");
        out.push_str(&format!("title: {}\n", scalar(&self.title)));
        if let Some(d) = &self.description {
            out.push_str(&format!("description: {}\n", scalar(d)));
        }
        if self.kind_page {
            out.push_str("kind: page\n");
        }
        if !self.topics.is_empty() {
            out.push_str(&format!("topics: {}\n", flow_list(&self.topics)));
        }
        if !self.related.is_empty() {
            out.push_str(&format!("related: {}\n", flow_list(&self.related)));
        }
        for (key, value) in &self.review {
            out.push_str(&block(key, value));
        }
        if !self.aliases.is_empty() {
            out.push_str(&format!("aliases: {}\n", flow_list(&self.aliases)));
        }
        if let Some(s) = &self.slug {
            out.push_str(&format!("slug: {}\n", scalar(s)));
        }
        if let Some(w) = self.weight {
            out.push_str(&format!("weight: {w}\n"));
        }
        if self.draft {
            out.push_str("draft: true\n");
        }
        if let Some(i) = &self.image {
            out.push_str(&format!("image: {}\n", scalar(i)));
        }
        if let Some(a) = &self.image_alt {
            out.push_str(&format!("image_alt: {}\n", scalar(a)));
        }
        if !self.extra.is_empty() {
            out.push_str(&block("extra", &Value::Object(self.extra.clone())));
        }
        for c in &self.comments {
            for line in c.lines() {
                out.push_str(&format!("# {line}\n"));
            }
        }
        out.push_str("---\n");
        out
    }
}

/// A text as a YAML scalar: plain when YAML reads it back as the same text, double-quoted
/// otherwise (`"Asthma: what to do"`, `"true"`, `"2024"`).
pub(super) fn scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.contains(['\n', '\r', '\t', '"', '\''])
        && s.trim() == s
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>%@`".contains(c))
        && serde_yaml::from_str::<Value>(s).ok() == Some(Value::String(s.to_owned()));
    if plain {
        s.to_owned()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

/// A list of texts in YAML's flow style: `[Asthma, "Hay fever, adults"]`.
fn flow_list(items: &[String]) -> String {
    let parts: Vec<String> = items
        .iter()
        .map(|s| {
            if s.contains([',', '[', ']', '{', '}']) {
                serde_json::to_string(s).unwrap_or_default()
            } else {
                scalar(s)
            }
        })
        .collect();
    format!("[{}]", parts.join(", "))
}

/// A key with any value, in YAML's block style (nested maps and lists indented).
fn block(key: &str, value: &Value) -> String {
    match value {
        Value::Object(_) | Value::Array(_) => {
            let yaml = serde_yaml::to_string(value).unwrap_or_default();
            let mut out = format!("{key}:\n");
            for line in yaml.lines() {
                out.push_str("  ");
                out.push_str(line);
                out.push('\n');
            }
            out
        }
        Value::String(s) => format!("{key}: {}\n", scalar(s)),
        other => format!("{key}: {other}\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_toml_and_json() {
        let y = split("---\ntitle: A\n---\nbody\n").unwrap();
        assert_eq!(
            (y.syntax, y.text, y.body),
            (Syntax::Yaml, "title: A\n", "body\n")
        );
        let t = split("+++\ntitle = \"A\"\n+++\nbody\n").unwrap();
        assert_eq!(parse(&t).unwrap()["title"], "A");
        let j = split("{\"title\": \"A\"}\nbody\n").unwrap();
        assert_eq!(
            (parse(&j).unwrap()["title"].clone(), j.body),
            (Value::from("A"), "\nbody\n")
        );
        assert!(split("no front matter\n").is_none());
    }

    #[test]
    fn toml_dates_become_text_and_keys_have_lines() {
        let t = split("+++\ntitle = \"A\"\ndate = 2024-01-31\n[taxonomies]\ntags = [\"x\"]\n+++\n")
            .unwrap();
        assert_eq!(parse(&t).unwrap()["date"], "2024-01-31");
        assert_eq!(key_line(&t, "date"), 3);
        assert_eq!(key_line(&t, "taxonomies"), 4);
    }

    #[test]
    fn scalars_are_quoted_only_when_needed() {
        assert_eq!(scalar("Hay fever"), "Hay fever");
        assert_eq!(scalar("Asthma: what to do"), "\"Asthma: what to do\"");
        assert_eq!(scalar("true"), "\"true\"");
        assert_eq!(scalar("2024"), "\"2024\"");
        assert_eq!(scalar("#1 tip"), "\"#1 tip\"");
        assert_eq!(flow_list(&["a, b".into(), "c".into()]), "[\"a, b\", c]");
    }
}
