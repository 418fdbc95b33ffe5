//! `medleaf schema` and the editor setup `init` writes (issue 17): the schemas the binary
//! prints accept every page of the example site and its `site.yaml`, and reject what medleaf
//! rejects (an unknown key, a date that is not `YYYY-MM-DD` or not in the calendar).

use std::path::Path;

use serde_json::Value;

use crate::common::{medleaf, repo_root};

/// The schema `medleaf schema <which>` prints, compiled for draft 2020-12 with formats checked
/// (as an editor that checks `format: date` would).
fn validator(which: &str) -> jsonschema::Validator {
    let run = medleaf(&["schema", which]);
    run.assert_code(0);
    let schema: Value = serde_json::from_str(&run.stdout).expect("the schema is JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("`medleaf schema {which}` is not a valid schema: {e}"))
}

/// The front matter of a Markdown file as JSON, the way an editor's YAML server sees it.
fn front_matter(text: &str) -> Value {
    let rest = text
        .strip_prefix("---\n")
        .expect("front matter starts the file");
    let end = rest.find("\n---\n").expect("front matter is closed");
    yaml(&rest[..end + 1])
}

fn yaml(text: &str) -> Value {
    let value: serde_yaml::Value = serde_yaml::from_str(text).expect("YAML");
    serde_json::to_value(value).expect("YAML as JSON")
}

/// Every validation error, one per line, with where it is.
fn errors(validator: &jsonschema::Validator, instance: &Value) -> String {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at `{}`", e, e.instance_path()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn markdown_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

#[test]
fn the_example_sites_front_matter_and_settings_pass_their_schemas() {
    let pages = validator("front-matter");
    let root = repo_root();
    let mut files = Vec::new();
    markdown_files(&root.join("content"), &mut files);
    assert!(files.len() >= 20, "only {} pages found", files.len());
    let mut checked_dates = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let fm = front_matter(&text);
        checked_dates += usize::from(fm.get("last_reviewed").is_some());
        let problems = errors(&pages, &fm);
        assert!(problems.is_empty(), "{}:\n{problems}", file.display());
    }
    // The example's articles carry review dates: the date rule was exercised, not skipped.
    assert!(checked_dates >= 10, "{checked_dates}");

    let site = validator("site");
    let settings = yaml(&std::fs::read_to_string(root.join("site.yaml")).unwrap());
    assert!(settings["languages"]["es"].is_object());
    let problems = errors(&site, &settings);
    assert!(problems.is_empty(), "site.yaml:\n{problems}");
}

#[test]
fn an_unknown_key_and_a_bad_date_fail() {
    let pages = validator("front-matter");
    let text = std::fs::read_to_string(repo_root().join("content/conditions/leukemia.md")).unwrap();
    let good = front_matter(&text);
    assert!(pages.is_valid(&good));

    let with = |key: &str, value: Value| {
        let mut v = good.clone();
        v[key] = value;
        v
    };
    // A misspelt key (the page's review record would be lost without a word).
    let misspelt = with("reviwed_by", "Dr. A".into());
    assert!(!pages.is_valid(&misspelt));
    assert!(errors(&pages, &misspelt).contains("reviwed_by"));
    // A date in another form, a date not in the calendar, a date that is not text.
    for bad in ["12/03/2026", "2026-3-12", "2026-02-30"] {
        let v = with("last_reviewed", bad.into());
        assert!(!pages.is_valid(&v), "{bad} accepted");
    }
    assert!(!pages.is_valid(&with("next_review", 2026.into())));
    // Inside a list: a source with a bad date or an unknown key.
    let source = |extra: (&str, Value)| {
        let mut s = serde_json::json!({"title": "A guide", "accessed": "2026-03-12"});
        s[extra.0] = extra.1;
        with("sources", Value::Array(vec![s]))
    };
    assert!(pages.is_valid(&source(("publisher", "Someone".into()))));
    assert!(!pages.is_valid(&source(("accessed", "March 2026".into()))));
    assert!(!pages.is_valid(&source(("website", "x".into()))));
    // The rules medleaf adds from its registry of codes: `allow:` names a code, with a reason.
    let allow = |code: &str, reason: &str| with("allow", serde_json::json!({ code: reason }));
    assert!(pages.is_valid(&allow("readability", "written for clinicians")));
    assert!(!pages.is_valid(&allow("readabilty", "written for clinicians")));
    assert!(!pages.is_valid(&allow("readability", " ")));
    // A required field.
    let mut untitled = good.clone();
    untitled.as_object_mut().unwrap().remove("title");
    assert!(!pages.is_valid(&untitled));

    let site = validator("site");
    let settings = yaml(&std::fs::read_to_string(repo_root().join("site.yaml")).unwrap());
    let mut typo = settings.clone();
    typo["titel"] = "x".into();
    assert!(!site.is_valid(&typo));
    assert!(errors(&site, &typo).contains("titel"));
    let mut nested = settings.clone();
    nested["review"] = serde_json::json!({"interval_year": 3});
    assert!(!site.is_valid(&nested));
    let mut severity = settings;
    severity["diagnostics"] = serde_json::json!({"readability": "loud"});
    assert!(!site.is_valid(&severity));
}

#[test]
fn medleaf_rejects_what_the_schema_rejects() {
    // The schema and the parser are one set of types: a key the schema refuses is one a
    // build refuses too.
    let site = crate::common::example_site();
    let page = site.path("content/conditions/leukemia.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        text.replacen("title:", "reviwed_by: Dr. A\ntitle:", 1),
    )
    .unwrap();
    let root = site.root.to_str().unwrap();
    let run = medleaf(&["check", "--root", root, "--today", crate::common::TODAY]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("reviwed_by"), "{}", run.stderr);
}

#[test]
fn init_sets_up_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    medleaf(&["init", site.to_str().unwrap()]).assert_code(0);
    // The schemas, exactly as `medleaf schema` prints them.
    for (which, file) in [("front-matter", "front-matter.json"), ("site", "site.json")] {
        let written = std::fs::read_to_string(site.join(".medleaf/schema").join(file)).unwrap();
        assert_eq!(written, medleaf(&["schema", which]).stdout, "{file}");
    }
    // The YAML extension maps the site schema to site.yaml, and the path it names exists.
    let settings: Value =
        serde_json::from_str(&std::fs::read_to_string(site.join(".vscode/settings.json")).unwrap())
            .unwrap();
    let mapping = settings["yaml.schemas"].as_object().expect("yaml.schemas");
    let (schema, globs) = mapping.iter().next().unwrap();
    assert!(site.join(schema).is_file(), "{schema}");
    assert_eq!(globs, &serde_json::json!(["/site.yaml"]));
    // The new site's own files pass.
    let site_schema = validator("site");
    let settings = yaml(&std::fs::read_to_string(site.join("site.yaml")).unwrap());
    assert!(
        site_schema.is_valid(&settings),
        "{}",
        errors(&site_schema, &settings)
    );
    let pages = validator("front-matter");
    for page in [
        "content/_index.md",
        "content/first-article.md",
        "content/disclaimer.md",
    ] {
        let fm = front_matter(&std::fs::read_to_string(site.join(page)).unwrap());
        assert!(pages.is_valid(&fm), "{page}: {}", errors(&pages, &fm));
    }
    // Front matter in Markdown: Front Matter CMS's content type, over content/.
    let cms: Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("frontmatter.json")).unwrap())
            .unwrap();
    let fields = cms["frontMatter.taxonomy.contentTypes"][0]["fields"]
        .as_array()
        .unwrap();
    assert_eq!(fields[0]["name"], "title");
    assert_eq!(fields[0]["required"], true);
    assert!(
        fields
            .iter()
            .any(|f| f["name"] == "last_reviewed" && f["type"] == "datetime")
    );
    assert_eq!(
        cms["frontMatter.content.pageFolders"][0]["path"],
        "[[workspace]]/content"
    );
    let extensions = std::fs::read_to_string(site.join(".vscode/extensions.json")).unwrap();
    assert!(extensions.contains("redhat.vscode-yaml"));
    assert!(extensions.contains("eliostruyf.vscode-front-matter"));
}
