//! schema.org structured data (JSON-LD) for articles: a `MedicalWebPage` about the conditions,
//! tests, treatments and medicines its front matter names, with its review date, reviewer and
//! citations.
//!
//! Built from front matter only. Empty properties are left out, dates are ISO 8601, and the
//! JSON is made safe to embed in a `<script>` element.

use serde_json::{Map, Value, json};

use crate::config::Config;
use crate::content::Page;
use crate::content::front_matter::{AboutKind, Source};

/// The JSON-LD for an article page, as text ready for a `<script type="application/ld+json">`.
pub(super) fn article(
    page: &Page,
    config: &Config,
    permalink: &str,
    sources: &[&Source],
    versions: &[(usize, String)],
) -> String {
    let language = config.lang(page.lang);
    let meta = &page.meta;
    let mut doc = Map::new();
    doc.insert("@context".into(), json!("https://schema.org"));
    doc.insert("@type".into(), json!("MedicalWebPage"));
    doc.insert("name".into(), json!(meta.title));
    if let Some(d) = meta.description.as_deref().filter(|d| !d.trim().is_empty()) {
        doc.insert("description".into(), json!(d.trim()));
    }
    doc.insert("url".into(), json!(permalink));
    doc.insert("inLanguage".into(), json!(language.tag));
    if let Some(date) = meta.last_reviewed {
        doc.insert("lastReviewed".into(), json!(date.to_string()));
    }
    if let Some(r) = &meta.reviewed_by {
        let mut person = Map::new();
        person.insert("@type".into(), json!("Person"));
        person.insert("name".into(), json!(r.name));
        if let Some(role) = r.role.as_deref().filter(|s| !s.trim().is_empty()) {
            person.insert("jobTitle".into(), json!(role));
        }
        doc.insert("reviewedBy".into(), Value::Object(person));
    }
    doc.insert("medicalAudience".into(), json!({"@type": "Patient"}));
    // What the page is about: `condition:` and every `about:` entry, each named once.
    let mut about: Vec<Value> = Vec::new();
    let mut named: Vec<String> = Vec::new();
    let entries = meta
        .condition
        .iter()
        .map(|c| (AboutKind::Condition, &c.name, &c.also_called))
        .chain(meta.about.iter().map(|a| (a.kind, &a.name, &a.also_called)));
    for (kind, name, also) in entries {
        let key = name.trim().to_lowercase();
        if key.is_empty() || named.contains(&key) {
            continue;
        }
        named.push(key);
        let mut thing = Map::new();
        thing.insert("@type".into(), json!(kind.schema_type()));
        thing.insert("name".into(), json!(name.trim()));
        let names: Vec<&str> = also
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        if !names.is_empty() {
            thing.insert("alternateName".into(), json!(names));
        }
        about.push(Value::Object(thing));
    }
    match about.len() {
        0 => {}
        1 => {
            doc.insert("about".into(), about.remove(0));
        }
        _ => {
            doc.insert("about".into(), Value::Array(about));
        }
    }
    let citations: Vec<Value> = sources
        .iter()
        .map(|s| {
            let mut work = Map::new();
            work.insert("@type".into(), json!("CreativeWork"));
            work.insert("name".into(), json!(s.title));
            if let Some(url) = s.url.as_deref().filter(|u| !u.trim().is_empty()) {
                work.insert("url".into(), json!(url));
            }
            if let Some(p) = s.publisher.as_deref().filter(|p| !p.trim().is_empty()) {
                work.insert(
                    "publisher".into(),
                    json!({"@type": "Organization", "name": p}),
                );
            }
            Value::Object(work)
        })
        .collect();
    if !citations.is_empty() {
        doc.insert("citation".into(), Value::Array(citations));
    }
    doc.insert(
        "isPartOf".into(),
        json!({"@type": "WebSite", "name": language.title, "url": config.permalink(&language.prefix)}),
    );
    // The other language versions: a translation names its original, the original its
    // translations.
    let version = |lang: usize, url: &str| json!({"@type": "MedicalWebPage", "url": config.permalink(url), "inLanguage": config.lang(lang).tag});
    if versions.len() > 1 {
        if page.lang == 0 {
            let others: Vec<Value> = versions
                .iter()
                .filter(|(l, _)| *l != 0)
                .map(|(l, u)| version(*l, u))
                .collect();
            doc.insert("workTranslation".into(), Value::Array(others));
        } else if let Some((l, u)) = versions.iter().find(|(l, _)| *l == 0) {
            doc.insert("translationOfWork".into(), version(*l, u));
        }
    }
    script_safe(&Value::Object(doc))
}

/// Serialises JSON so it cannot end the surrounding `<script>` element early.
pub(super) fn script_safe(value: &Value) -> String {
    serde_json::to_string(value)
        .expect("JSON values always serialise")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
