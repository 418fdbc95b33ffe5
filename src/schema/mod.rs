//! `medleaf schema`: JSON Schemas (draft 2020-12) of the files authors write by hand, for their
//! editor to check and complete as they type (issue 17).
//!
//! The schemas are generated (schemars) from the very types that parse the files:
//! [`FrontMatter`] for a page's front matter, [`RawConfig`] for `site.yaml`. Their doc comments
//! become the descriptions, serde's names and `deny_unknown_fields` become the properties and
//! `additionalProperties: false`, so a field added to the parser reaches the editor without a
//! second list to keep. What the types cannot say is added here, each from its own single
//! source: an example per field ([`FRONT_MATTER_EXAMPLES`], [`SITE_EXAMPLES`], checked
//! against the generated properties by the tests), and the diagnostic codes that `allow:` and
//! `diagnostics:` take, from the [`Code`] registry.
//!
//! Nothing here reads or writes files; `init` writes the schemas into a new site, with the
//! Front Matter CMS configuration made from the front-matter schema ([`cms`]).

pub(crate) mod cms;

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Value, json};

use crate::config::RawConfig;
use crate::content::front_matter::{FrontMatter, Reviewer};
use crate::date::Date;
use crate::diagnostics::Code;

/// Which hand-written file a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaFile {
    /// The YAML front matter at the top of every page in `content/`.
    FrontMatter,
    /// The site's settings, `site.yaml`.
    Site,
}

impl SchemaFile {
    /// Every schema, in the order `init` writes them.
    pub const ALL: [SchemaFile; 2] = [SchemaFile::FrontMatter, SchemaFile::Site];

    /// The schema's file name, as `init` writes it under [`SCHEMA_DIR`].
    pub fn file_name(self) -> &'static str {
        match self {
            SchemaFile::FrontMatter => "front-matter.json",
            SchemaFile::Site => "site.json",
        }
    }
}

/// Where `init` writes the schemas, relative to the site folder. A hidden folder, so it is
/// never published.
pub const SCHEMA_DIR: &str = ".medleaf/schema";

/// The schema as pretty-printed JSON, ending with a newline. Deterministic: the same medleaf
/// always prints the same bytes.
pub fn json_schema(which: SchemaFile) -> String {
    let mut text =
        serde_json::to_string_pretty(&schema_value(which)).unwrap_or_else(|_| "{}".to_owned());
    text.push('\n');
    text
}

/// The schema as a JSON value.
pub(crate) fn schema_value(which: SchemaFile) -> Value {
    let (schema, title, about, examples) = match which {
        SchemaFile::FrontMatter => (
            schemars::schema_for!(FrontMatter),
            "medleaf front matter",
            "The fields between the `---` lines at the top of a medleaf page. Unknown keys are errors, so a misspelt field is caught.",
            FRONT_MATTER_EXAMPLES,
        ),
        SchemaFile::Site => (
            schemars::schema_for!(RawConfig),
            "medleaf site.yaml",
            "The settings of a medleaf site. Every setting is optional; unknown keys are errors.",
            SITE_EXAMPLES,
        ),
    };
    let mut value = schema.to_value();
    let root = value.as_object_mut().expect("a schema is an object");
    root.insert("title".into(), title.into());
    root.insert("description".into(), about.into());
    if let Some(Value::Object(properties)) = root.get_mut("properties") {
        for (name, example) in examples {
            if let Some(Value::Object(p)) = properties.get_mut(*name)
                && let Ok(example) = serde_json::from_str::<Value>(example)
            {
                p.insert("examples".into(), json!([example]));
            }
        }
        match which {
            SchemaFile::FrontMatter => {
                if let Some(Value::Object(allow)) = properties.get_mut("allow") {
                    allow.extend(codes_map(
                        allowable,
                        &json!({"type": "string", "pattern": "\\S"}),
                    ));
                }
            }
            SchemaFile::Site => {
                if let Some(Value::Object(d)) = properties.get_mut("diagnostics") {
                    let severity = json!({"enum": ["error", "warning", "off"]});
                    d.extend(codes_map(|c| c != Code::Config, &severity));
                }
            }
        }
    }
    unwrap_descriptions(&mut value);
    value
}

/// The codes a page's `allow:` may name (the others are errors in `content::page`).
fn allowable(code: Code) -> bool {
    !matches!(code, Code::FrontMatter | Code::Config | Code::AllowUnused)
}

/// A map from diagnostic codes to `value`: one property per code that `keep` accepts, with
/// the code's description, and no other keys. Replaces the map's open `additionalProperties`.
fn codes_map(keep: fn(Code) -> bool, value: &Value) -> serde_json::Map<String, Value> {
    let properties: serde_json::Map<String, Value> = Code::ALL
        .iter()
        .filter(|c| keep(**c))
        .map(|c| {
            let mut p = value.clone();
            if let Value::Object(o) = &mut p {
                o.insert("description".into(), c.description().into());
            }
            (c.as_str().to_owned(), p)
        })
        .collect();
    let mut out = serde_json::Map::new();
    out.insert("properties".into(), Value::Object(properties));
    out.insert("additionalProperties".into(), false.into());
    out
}

/// Doc comments keep their line breaks; an editor's tooltip reads better with paragraphs
/// only, so single line breaks become spaces. Each description is also given as
/// `markdownDescription`, which VS Code's JSON and YAML servers show as Markdown (the
/// descriptions write keys and values as `code`); other tools ignore the keyword.
fn unwrap_descriptions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let mut markdown = None;
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(s) if key == "description" => {
                        *s = s
                            .split("\n\n")
                            .map(|p| p.split('\n').map(str::trim).collect::<Vec<_>>().join(" "))
                            .collect::<Vec<_>>()
                            .join("\n\n");
                        markdown = Some(s.clone());
                    }
                    // Examples are values, not schemas.
                    _ if key == "examples" => {}
                    _ => unwrap_descriptions(v),
                }
            }
            if let Some(text) = markdown {
                map.insert("markdownDescription".into(), text.into());
            }
        }
        Value::Array(items) => items.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}

/// One example per front-matter field (JSON), shown by editors beside the field's description.
const FRONT_MATTER_EXAMPLES: &[(&str, &str)] = &[
    ("title", r#""Complete blood count""#),
    (
        "description",
        r#""A blood test that counts the cells in your blood.""#,
    ),
    ("topics", r#"["Blood tests"]"#),
    (
        "related",
        r#"["leukemia.md", "../tests/complete-blood-count.md"]"#,
    ),
    ("last_reviewed", r#""2026-03-12""#),
    ("next_review", r#""2029-03-12""#),
    (
        "reviewed_by",
        r#"{"name": "Dr. Ana Ruiz", "role": "Hematologist"}"#,
    ),
    (
        "sources",
        r#"[{"title": "Low white blood cell count", "publisher": "Mayo Clinic", "url": "https://www.mayoclinic.org/symptoms/low-white-blood-cell-count/basics/definition/sym-20050615", "accessed": "2026-03-12"}]"#,
    ),
    (
        "condition",
        r#"{"name": "Leukopenia", "also_called": ["low white blood cell count"]}"#,
    ),
    (
        "about",
        r#"[{"type": "test", "name": "Complete blood count", "also_called": ["CBC"]}]"#,
    ),
    ("aliases", r#"["/old/path/", "/old.html"]"#),
    ("draft", "true"),
    ("slug", r#""cbc""#),
    ("weight", "10"),
    ("kind", r#""page""#),
    ("allow", r#"{"readability": "written for clinicians"}"#),
    ("image", r#""marrow.png""#),
    ("image_alt", r#""A drawing of the inside of a bone""#),
    ("extra", r#"{"audience": "parents"}"#),
    ("template", r#""landing.html""#),
];

/// One example per `site.yaml` setting (JSON).
const SITE_EXAMPLES: &[(&str, &str)] = &[
    ("title", r#""Blood Health Library""#),
    ("base_url", r#""https://example.org/health/""#),
    ("language", r#""en-US""#),
    ("description", r#""Plain-language health information.""#),
    ("emergency_number", r#""911""#),
    (
        "disclaimer",
        r#""This information is for education only. It cannot diagnose you.""#,
    ),
    ("disclaimer_page", r#""disclaimer.md""#),
    (
        "review",
        r#"{"interval_years": 3, "warn_days": 90, "max_source_age_years": 5}"#,
    ),
    ("readability", r#"{"max_grade": 8, "min_inflesz": 55}"#),
    ("search", r#"{"enabled": true}"#),
    ("notice", r#""**This is a demonstration site.**""#),
    ("report", r#""reports/medleaf-report.json""#),
    ("images", r#"{"widths": [480, 800, 1200], "quality": 78}"#),
    (
        "languages",
        r#"{"es": {"name": "Español", "language": "es-US", "title": "Biblioteca de salud"}}"#,
    ),
    (
        "diagnostics",
        r#"{"review-overdue": "error", "readability": "warning"}"#,
    ),
    (
        "external",
        r#"{"skip": ["example.org"], "cache_days": 7, "timeout_seconds": 10}"#,
    ),
    ("security", r#"{"follow_links_outside": false}"#),
    (
        "markdown",
        r#"{"raw_html": "sanitize", "iframe_hosts": ["www.youtube-nocookie.com"]}"#,
    ),
    ("url_schemes", r#"["http", "https", "mailto", "tel"]"#),
    (
        "menu",
        r#"[{"title": "Conditions", "page": "conditions/_index.md"}, {"title": "Topics", "url": "/topics/"}]"#,
    ),
    ("listing", r#"{"page_size": 50}"#),
    (
        "extra",
        r#"{"feedback_email": "patient.education@example.org", "logo": "/images/logo.svg"}"#,
    ),
];

/// A date is written `YYYY-MM-DD` (as [`Date::parse`] reads it); `format` lets editors that
/// check formats catch `2026-02-30` too.
impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A calendar date written YYYY-MM-DD, such as 2026-03-12.",
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "examples": ["2026-03-12"]
        })
    }
}

/// A reviewer is a name, or `{name, role}` (as `Reviewer`'s own `Deserialize` reads it).
impl JsonSchema for Reviewer {
    fn schema_name() -> Cow<'static, str> {
        "Reviewer".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The person who reviewed a page: their name, or their name and role.",
            "anyOf": [
                {"type": "string", "minLength": 1, "description": "Their name."},
                {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string", "description": "Their name."},
                        "role": {
                            "type": ["string", "null"],
                            "description": "Their role or job title (`Hematologist`)."
                        }
                    },
                    "required": ["name"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn properties(which: SchemaFile) -> serde_json::Map<String, Value> {
        schema_value(which)["properties"]
            .as_object()
            .expect("properties")
            .clone()
    }

    #[test]
    fn schemas_are_draft_2020_12_and_closed() {
        for which in SchemaFile::ALL {
            let v = schema_value(which);
            assert_eq!(
                v["$schema"], "https://json-schema.org/draft/2020-12/schema",
                "{which:?}"
            );
            assert_eq!(v["additionalProperties"], false, "{which:?}");
            // Nested objects are closed too (`sources:` entries, `review:`).
            let nested = match which {
                SchemaFile::FrontMatter => "Source",
                SchemaFile::Site => "RawReview",
            };
            assert_eq!(
                v["$defs"][nested]["additionalProperties"], false,
                "{which:?}"
            );
        }
    }

    #[test]
    fn every_field_has_a_description_and_an_example() {
        for (which, examples) in [
            (SchemaFile::FrontMatter, FRONT_MATTER_EXAMPLES),
            (SchemaFile::Site, SITE_EXAMPLES),
        ] {
            let props = properties(which);
            for (name, example) in examples {
                assert!(props.contains_key(*name), "{which:?}: no field `{name}`");
                serde_json::from_str::<Value>(example).expect("examples are JSON");
            }
            for (name, p) in &props {
                let d = p["description"].as_str().unwrap_or("");
                assert!(!d.is_empty(), "{which:?}: `{name}` has no description");
                assert!(!d.contains("\n"), "{which:?}: `{name}`: {d:?}");
                assert_eq!(p["markdownDescription"], d, "{which:?}: `{name}`");
                assert!(
                    p["examples"].is_array(),
                    "{which:?}: `{name}` has no example"
                );
            }
        }
    }

    #[test]
    fn allow_and_diagnostics_name_the_codes() {
        let fm = properties(SchemaFile::FrontMatter);
        let allow = fm["allow"]["properties"].as_object().unwrap();
        assert!(allow.contains_key("readability"));
        assert!(!allow.contains_key("front-matter"));
        assert_eq!(fm["allow"]["additionalProperties"], false);
        let site = properties(SchemaFile::Site);
        let d = &site["diagnostics"]["properties"]["review-overdue"];
        assert_eq!(d["enum"], json!(["error", "warning", "off"]));
        assert!(
            !site["diagnostics"]["properties"]
                .as_object()
                .unwrap()
                .contains_key("config")
        );
    }

    #[test]
    fn printing_is_deterministic() {
        assert_eq!(json_schema(SchemaFile::Site), json_schema(SchemaFile::Site));
        assert!(json_schema(SchemaFile::FrontMatter).ends_with("}\n"));
    }
}
