//! Front matter in VS Code: the Front Matter CMS extension's `frontmatter.json`, made from the
//! front-matter JSON Schema.
//!
//! The Red Hat YAML extension checks `site.yaml` against its schema, but it never looks inside
//! Markdown files, so it cannot check a page's front matter. Front Matter CMS
//! (`eliostruyf.vscode-front-matter`) can: it validates the front matter of the open page
//! against a "content type" (a list of fields) and offers the fields as a form. It does not
//! read JSON Schemas, so the content type is translated here from the generated schema
//! ([`super::schema_value`]), and a field added to [`FrontMatter`] reaches it too.
//!
//! Maps of free keys (`allow:`, `extra:`) have no field type there; they are left out of the
//! form and written by hand (`medleaf check` and `serve` still check them).
//!
//! [`FrontMatter`]: crate::content::front_matter::FrontMatter

use serde_json::{Map, Value, json};

use super::{SchemaFile, schema_value};

/// Fields whose keys are the author's choice (`allow:` takes diagnostic codes, `extra:`
/// anything): Front Matter CMS has no field type for them.
const FREE_MAPS: &[&str] = &["allow", "extra"];

/// The content of `frontmatter.json` for a medleaf site.
pub(crate) fn front_matter_cms() -> Value {
    let schema = schema_value(SchemaFile::FrontMatter);
    let mut groups = Vec::new();
    let fields = fields_of(&schema, &schema, &mut groups);
    json!({
        // Pages only: a snippet's front matter is a smaller set (`SnippetMeta`), which this
        // content type would wrongly ask a title of.
        "frontMatter.content.pageFolders": [
            {"title": "Pages", "path": "[[workspace]]/content"}
        ],
        "frontMatter.content.publicFolder": "static",
        "frontMatter.taxonomy.contentTypes": [{
            "name": "default",
            "pageBundle": false,
            "previewPath": null,
            "fields": fields,
        }],
        "frontMatter.taxonomy.fieldGroups": groups,
    })
}

/// The fields of an object schema, in the order of its properties.
fn fields_of(root: &Value, object: &Value, groups: &mut Vec<Value>) -> Vec<Value> {
    let required: Vec<&str> = object["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(properties) = object["properties"].as_object() else {
        return Vec::new();
    };
    // The schema's properties are sorted by name; the form follows the order the fields are
    // documented in (the examples table is in the struct's order).
    let mut names: Vec<&String> = properties.keys().collect();
    names.sort_by_key(|n| {
        super::FRONT_MATTER_EXAMPLES
            .iter()
            .position(|(e, _)| e == n)
            .unwrap_or(usize::MAX)
    });
    names
        .into_iter()
        .filter_map(|name| {
            let required = required.contains(&name.as_str());
            field(root, name, &properties[name], required, groups)
        })
        .collect()
}

/// One field, or `None` for a map of free keys.
fn field(
    root: &Value,
    name: &str,
    property: &Value,
    required: bool,
    groups: &mut Vec<Value>,
) -> Option<Value> {
    if FREE_MAPS.contains(&name) {
        return None;
    }
    let resolved = resolve(root, property);
    let mut f = Map::new();
    f.insert("title".into(), title(name).into());
    f.insert("name".into(), name.into());
    let description = property["description"]
        .as_str()
        .or_else(|| resolved["description"].as_str());
    if let Some(d) = description {
        f.insert("description".into(), d.into());
    }
    if required {
        f.insert("required".into(), true.into());
    }
    match kind(&resolved) {
        "string" if resolved["format"] == "date" => {
            f.insert("type".into(), "datetime".into());
            f.insert("dateFormat".into(), "yyyy-MM-dd".into());
        }
        _ if resolved["enum"].is_array() => {
            f.insert("type".into(), "choice".into());
            f.insert("choices".into(), resolved["enum"].clone());
        }
        "string" => {
            f.insert("type".into(), "string".into());
        }
        "boolean" => {
            f.insert("type".into(), "boolean".into());
        }
        "integer" | "number" => {
            f.insert("type".into(), "number".into());
        }
        "array" => {
            let items = resolve(root, &resolved["items"]);
            if kind(&items) == "object" {
                let id = name.to_owned();
                let inner = fields_of(root, &items, groups);
                let label = if name == "sources" { "title" } else { "name" };
                groups.push(json!({"id": id, "labelField": label, "fields": inner}));
                f.insert("type".into(), "block".into());
                f.insert("fieldGroup".into(), json!([id]));
            } else {
                f.insert("type".into(), "list".into());
            }
        }
        "object" if resolved["properties"].is_object() => {
            f.insert("type".into(), "fields".into());
            f.insert("fields".into(), fields_of(root, &resolved, groups).into());
        }
        _ => return None,
    }
    Some(Value::Object(f))
}

/// The schema a property stands for: `$ref`s followed, the `null` of an optional value
/// dropped, and of a choice between a name and an object (`reviewed_by`), the object.
fn resolve(root: &Value, property: &Value) -> Value {
    if let Some(r) = property["$ref"].as_str()
        && let Some(name) = r.strip_prefix("#/$defs/")
    {
        return resolve(root, &root["$defs"][name]);
    }
    if let Some(options) = property["anyOf"]
        .as_array()
        .or(property["oneOf"].as_array())
    {
        // An enum: one constant per choice.
        if options.iter().all(|o| o.get("const").is_some()) {
            let choices: Vec<Value> = options.iter().map(|o| o["const"].clone()).collect();
            return json!({"type": "string", "enum": choices});
        }
        let options: Vec<Value> = options
            .iter()
            .filter(|o| o["type"] != "null")
            .map(|o| resolve(root, o))
            .collect();
        let chosen = options
            .iter()
            .find(|o| kind(o) == "object")
            .or(options.first());
        if let Some(o) = chosen {
            return o.clone();
        }
    }
    property.clone()
}

/// The JSON type of a schema, ignoring `null`.
fn kind(schema: &Value) -> &str {
    match &schema["type"] {
        Value::String(t) => t,
        Value::Array(types) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or(""),
        _ => "",
    }
}

/// A field's label: `last_reviewed` → "Last reviewed".
fn title(name: &str) -> String {
    let words = name.replace('_', " ");
    let mut c = words.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Vec<Value> {
        front_matter_cms()["frontMatter.taxonomy.contentTypes"][0]["fields"]
            .as_array()
            .unwrap()
            .clone()
    }

    fn by_name(name: &str) -> Value {
        fields()
            .into_iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("no field `{name}`"))
    }

    #[test]
    fn every_field_but_free_maps_is_in_the_form() {
        let schema = schema_value(SchemaFile::FrontMatter);
        let names: Vec<String> = fields()
            .iter()
            .map(|f| f["name"].as_str().unwrap().to_owned())
            .collect();
        for name in schema["properties"].as_object().unwrap().keys() {
            let free = FREE_MAPS.contains(&name.as_str());
            assert_eq!(names.contains(name), !free, "{name}");
        }
    }

    #[test]
    fn types_follow_the_schema() {
        assert_eq!(by_name("title")["type"], "string");
        assert_eq!(by_name("title")["required"], true);
        assert_eq!(by_name("last_reviewed")["type"], "datetime");
        assert_eq!(by_name("last_reviewed")["dateFormat"], "yyyy-MM-dd");
        assert_eq!(by_name("kind")["type"], "choice");
        assert_eq!(by_name("kind")["choices"], json!(["article", "page"]));
        assert_eq!(by_name("topics")["type"], "list");
        assert_eq!(by_name("draft")["type"], "boolean");
        assert_eq!(by_name("weight")["type"], "number");
        let reviewer = by_name("reviewed_by");
        assert_eq!(reviewer["type"], "fields");
        assert_eq!(reviewer["fields"][0]["name"], "name");
        assert_eq!(by_name("sources")["type"], "block");
        let groups = front_matter_cms()["frontMatter.taxonomy.fieldGroups"].clone();
        let sources = groups
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["id"] == "sources")
            .unwrap()
            .clone();
        let accessed = sources["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "accessed")
            .unwrap()
            .clone();
        assert_eq!(accessed["type"], "datetime");
        assert!(
            by_name("description")["description"]
                .as_str()
                .unwrap()
                .contains("main message")
        );
    }
}
