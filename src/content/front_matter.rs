//! Front matter: the YAML block at the top of each page (or TOML between `+++` lines, as Hugo
//! and Zola sites write it), parsed into typed fields.
//!
//! Each field is documented here because these comments are the authors' reference (the README
//! repeats them). Unknown keys are errors: a misspelt `reviwed_by` would otherwise drop the
//! page's medical review record without a word.

use std::fmt;
use std::ops::Range;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::SourceFile;
use crate::yaml::Format;

/// The fields an author may write between the `---` lines.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
// The schema (`medleaf schema front-matter`) refuses unknown keys whatever way the parser
// reports them.
#[schemars(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrontMatter {
    /// The page title, shown as its only `h1` and in the browser tab. Required.
    pub title: String,
    /// The one-sentence main message, shown under the title, in search results and in the meta
    /// description. Required for articles.
    #[serde(default)]
    pub description: Option<String>,
    /// Topic names; each gets a page at `/topics/<slug>/` listing its articles.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Articles to show first under "Related articles", written as in a link (`leukemia.md`,
    /// `../tests/complete-blood-count.md`).
    #[serde(default)]
    pub related: Vec<String>,
    /// When a clinician last reviewed the whole page (`YYYY-MM-DD`).
    #[serde(default)]
    pub last_reviewed: Option<Date>,
    /// When the next review is due (`YYYY-MM-DD`). Default: `last_reviewed` plus the site's
    /// review interval.
    #[serde(default)]
    pub next_review: Option<Date>,
    /// Who reviewed it: a name, or `{name, role}`.
    #[serde(default)]
    pub reviewed_by: Option<Reviewer>,
    /// The evidence behind the page, listed under "Sources".
    #[serde(default)]
    pub sources: Vec<Source>,
    /// The condition the page is about, for structured data and search: `{name, also_called}`.
    #[serde(default)]
    pub condition: Option<Condition>,
    /// What the page is about, for structured data (schema.org `about`): a list of conditions,
    /// tests, treatments and medicines, each `{type, name, also_called}`, such as
    /// `{type: test, name: Complete blood count, also_called: [CBC]}`.
    #[serde(default)]
    pub about: Vec<About>,
    /// Old addresses of this page (`/old/path/` or `/old.html`) that must keep working; each
    /// gets a redirect page.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A draft is left out of the build unless `--drafts` is given.
    #[serde(default)]
    pub draft: bool,
    /// Replaces the last part of the page's address.
    #[serde(default)]
    pub slug: Option<String>,
    /// Orders pages in listings (lower first, then by title).
    #[serde(default)]
    pub weight: Option<i64>,
    /// `article` (default: a health article with review, sources and readability checks) or
    /// `page` (about, contact, disclaimer: none of those checks).
    #[serde(default)]
    pub kind: Option<Kind>,
    /// Checks this page is allowed to fail, each with the reason (required), such as
    /// `allow: {readability: "written for clinicians"}`. The keys are diagnostic codes; the
    /// page's own problems of those kinds are not reported, and the page is listed for the
    /// editor (`check --format json`, the dashboard) with its reasons.
    #[serde(default)]
    pub allow: std::collections::BTreeMap<String, String>,
    /// The page's picture for link previews (Open Graph): a JPEG, PNG or WebP file, written
    /// like an image in the body (`marrow.png` beside the page, `/images/marrow.png` in
    /// `static/`). Templates see it as `page.image`.
    #[serde(default)]
    pub image: Option<String>,
    /// What `image` shows, for people who cannot see it (`og:image:alt`).
    #[serde(default)]
    pub image_alt: Option<String>,
    /// The template this page is rendered with instead of the usual one for its kind: a file
    /// name in the site's `templates/` folder (`landing.html`) or a built-in template.
    #[serde(default)]
    pub template: Option<String>,
    /// Free values for custom templates, available as `page.extra`.
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// What kind of page an author says this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    /// A health article.
    Article,
    /// A plain page.
    Page,
}

/// The person who reviewed a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Reviewer {
    /// Their name.
    pub name: String,
    /// Their role or job title (`Hematologist`).
    #[serde(default)]
    pub role: Option<String>,
}

/// One entry of `sources:`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Source {
    /// The title of the document.
    pub title: String,
    /// Who published it (`Mayo Clinic`).
    #[serde(default)]
    pub publisher: Option<String>,
    /// Where to read it.
    #[serde(default)]
    pub url: Option<String>,
    /// When it was last checked (`YYYY-MM-DD`).
    #[serde(default)]
    pub accessed: Option<Date>,
}

/// One entry of `about:`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct About {
    /// `condition`, `test`, `treatment` or `medicine`.
    #[serde(rename = "type")]
    pub kind: AboutKind,
    /// Its usual name.
    pub name: String,
    /// Other names readers may know it by.
    #[serde(default)]
    pub also_called: Vec<String>,
}

/// What kind of thing a page is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum AboutKind {
    /// A condition or disease (schema.org `MedicalCondition`).
    Condition,
    /// A test (`MedicalTest`).
    Test,
    /// A treatment or procedure (`MedicalTherapy`).
    Treatment,
    /// A medicine (`Drug`).
    Medicine,
}

impl AboutKind {
    /// The schema.org type.
    pub(crate) fn schema_type(self) -> &'static str {
        match self {
            AboutKind::Condition => "MedicalCondition",
            AboutKind::Test => "MedicalTest",
            AboutKind::Treatment => "MedicalTherapy",
            AboutKind::Medicine => "Drug",
        }
    }
}

/// `condition:`: the condition a page is about.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Condition {
    /// Its usual name.
    pub name: String,
    /// Other names readers may know it by.
    #[serde(default)]
    pub also_called: Vec<String>,
}

impl<'de> Deserialize<'de> for Reviewer {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            name: String,
            #[serde(default)]
            role: Option<String>,
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Reviewer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name, or `{name, role}`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Reviewer, E> {
                Ok(Reviewer {
                    name: v.to_owned(),
                    role: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Reviewer, A::Error> {
                let Full { name, role } =
                    Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Reviewer { name, role })
            }
        }
        d.deserialize_any(V)
    }
}

/// Where the front matter and body are in a page's file.
#[derive(Debug, Clone)]
pub(crate) struct Split {
    /// The YAML text between the `---` lines (or the TOML text between `+++` lines).
    pub yaml: Range<usize>,
    /// Which of the two it is.
    pub format: Format,
    /// Everything after the closing `---` line.
    pub body: Range<usize>,
}

/// Finds the front matter: a `---` line at the very top and the next line that is `---`, or
/// the same with `+++` lines around TOML.
pub(crate) fn split(file: &SourceFile) -> Result<Split, Box<Diagnostic>> {
    let text = &file.text;
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let (fence, format) = match text[..first_end].trim_end() {
        "---" => ("---", Format::Yaml),
        "+++" => ("+++", Format::Toml),
        _ => ("", Format::Yaml),
    };
    if fence.is_empty() {
        let d = Diagnostic::error(Code::FrontMatter, "the page has no front matter")
            .at(file, 0..first_end.min(text.len()).max(1).min(text.len()))
            .label("expected `---` on the first line")
            .help("start the file with a `---` line, then `title: ...`, then another `---` line");
        return Err(Box::new(d));
    }
    let mut offset = first_end;
    for line in text[first_end..].split_inclusive('\n') {
        if line.trim_end() == fence {
            return Ok(Split {
                yaml: first_end..offset,
                format,
                body: offset + line.len()..text.len(),
            });
        }
        offset += line.len();
    }
    let d = Diagnostic::error(Code::FrontMatter, "the front matter is never closed")
        .at(file, 0..3)
        .label(format!("this `{fence}` has no closing `{fence}`"))
        .help(format!(
            "add a line with only `{fence}` after the last front-matter line"
        ));
    Err(Box::new(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("a.md", text.to_owned())
    }

    #[test]
    fn splits_yaml_and_body() {
        let f = file("---\ntitle: x\n---\nbody\n");
        let s = split(&f).unwrap();
        assert_eq!(&f.text[s.yaml], "title: x\n");
        assert_eq!(&f.text[s.body], "body\n");
    }

    #[test]
    fn crlf_front_matter() {
        let f = file("---\r\ntitle: x\r\n---\r\nbody");
        let s = split(&f).unwrap();
        assert_eq!(&f.text[s.body], "body");
    }

    #[test]
    fn toml_between_plus_lines() {
        let f = file("+++\ntitle = \"x\"\n+++\nbody\n");
        let s = split(&f).unwrap();
        assert_eq!(s.format, Format::Toml);
        assert_eq!(&f.text[s.yaml], "title = \"x\"\n");
        assert_eq!(&f.text[s.body], "body\n");
    }

    #[test]
    fn unclosed_is_an_error_at_line_one() {
        let f = file("---\ntitle: x\nbody\n");
        let d = split(&f).unwrap_err();
        assert_eq!(d.message, "the front matter is never closed");
        assert_eq!(d.location.unwrap().line, 1);
    }

    #[test]
    fn reviewer_is_name_or_map() {
        let a: Reviewer = serde_yaml::from_str("Dr. A").unwrap();
        let b: Reviewer = serde_yaml::from_str("{name: Dr. B, role: Nurse}").unwrap();
        assert_eq!(a.name, "Dr. A");
        assert_eq!(b.role.as_deref(), Some("Nurse"));
        let e = serde_yaml::from_str::<Reviewer>("{name: Dr. B, rol: Nurse}").unwrap_err();
        assert!(e.to_string().contains("unknown field `rol`"), "{e}");
    }
}
