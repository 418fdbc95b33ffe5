//! `medleaf new` and `medleaf init`: starting points that already pass every check.
//!
//! Neither ever overwrites: `new` refuses an existing file, `init` a non-empty folder.

use std::path::{Path, PathBuf};

use crate::config::Overrides;
use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::error::{Error, Result};

/// Writes a new article at `path` (inside `<root>/content/`), with every front-matter field
/// filled in or commented, its next review from the site's review interval. Returns the path
/// written, or the problem in `site.yaml` that keeps it from reading the interval.
pub fn new_article(
    root: &Path,
    path: &Path,
    title: Option<&str>,
    today: Date,
) -> Result<std::result::Result<PathBuf, Box<Diagnostic>>> {
    let interval_years = match crate::config::load(root, &Overrides::default())? {
        Ok(c) => c.review_interval_years,
        Err(d) => return Ok(Err(d)),
    };
    write_article(root, path, title, today, interval_years).map(Ok)
}

fn write_article(
    root: &Path,
    path: &Path,
    title: Option<&str>,
    today: Date,
    interval_years: u8,
) -> Result<PathBuf> {
    let content = root.join("content");
    let target = target_in_content(&content, path)?;
    if target.extension().is_none_or(|e| e != "md") {
        return Err(Error::Usage(format!(
            "`{}` must end in `.md`",
            path.display()
        )));
    }
    let stem = target
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = title.map(str::to_owned).unwrap_or_else(|| {
        let words = stem.replace(['-', '_'], " ");
        let mut c = words.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    });
    let next = today.add_years(i32::from(interval_years));
    let text = format!(
        r#"---
title: {title}
# The one-sentence main message, shown under the title and in search results.
description: TODO write the main message in one plain sentence.
# Topic names; each gets a page listing its articles.
topics: []
# Articles to show first under "Related articles", written as in a link.
related: []
# The date a clinician last reviewed the whole page, and when the next review is due.
last_reviewed: {today}
next_review: {next}
reviewed_by: {{name: TODO reviewer name, role: TODO role}}
# What the page is about, for structured data: each a condition, test, treatment or medicine.
# about:
#   - {{type: condition, name: Leukopenia, also_called: [low white blood cell count]}}
# The evidence behind the page.
sources: []
#  - title: Low white blood cell count
#    publisher: Mayo Clinic
#    url: https://www.mayoclinic.org/symptoms/low-white-blood-cell-count/basics/definition/sym-20050615
#    accessed: {today}
# Old addresses of this page that must keep working.
# aliases: [/old-address/]
# Checks this page may fail, each with the reason (required). Most articles need none.
# allow: {{readability: "written for clinicians"}}
draft: true
---

TODO: start with the main message in one or two short sentences.

## What it is

TODO: explain it in plain words.

## When to get medical help

> [!URGENT] Call your doctor the same day if:
> - TODO: list the signs here
"#,
        title = yaml_quote(&title),
    );
    write_new(&target, &text)?;
    Ok(target)
}

/// Where `new` writes `path`: inside `content/`, whatever the path says. `content/tests/x.md`
/// (from the site root) and `tests/x.md` are both `content/tests/x.md`; an absolute path is
/// accepted only when it is inside the content folder. A path that climbs out (`../../y.md`),
/// or one that leads out through a symbolic link, is refused before anything is created.
fn target_in_content(content: &Path, path: &Path) -> Result<PathBuf> {
    use std::path::Component;
    let outside = || {
        Error::Usage(format!(
            "`{}` is not inside the site's `content/` folder; medleaf new writes only there (give a path such as `tests/ferritin.md`)",
            path.display()
        ))
    };
    let real_content = content
        .canonicalize()
        .map_err(Error::io("cannot read", content))?;
    let rel: PathBuf = if path.is_absolute() {
        // The longest existing part of the path, resolved, must be inside the content folder.
        let mut existing = path.to_path_buf();
        let mut rest = Vec::new();
        while !existing.exists() {
            match existing.file_name() {
                Some(n) => rest.push(n.to_owned()),
                None => return Err(outside()),
            }
            existing.pop();
        }
        let mut real = existing
            .canonicalize()
            .map_err(Error::io("cannot read", &existing))?;
        real.extend(rest.iter().rev());
        real.strip_prefix(&real_content)
            .map_err(|_| outside())?
            .to_path_buf()
    } else {
        // Accept `content/tests/x.md` (from the site root) as well as `tests/x.md`.
        path.strip_prefix("content").unwrap_or(path).to_path_buf()
    };
    if rel.as_os_str().is_empty() || rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(outside());
    }
    // A folder on the way that is a symbolic link must not lead out of the content folder.
    let mut existing = real_content.join(&rel);
    while !existing.exists() {
        if !existing.pop() {
            break;
        }
    }
    let real = existing
        .canonicalize()
        .map_err(Error::io("cannot read", &existing))?;
    if !real.starts_with(&real_content) {
        return Err(outside());
    }
    Ok(content.join(rel))
}

/// Quotes a title for YAML when it needs it.
fn yaml_quote(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_whitespace())
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':');
    if plain {
        s.to_owned()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

fn write_new(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(Error::io("cannot create", parent))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Usage(format!(
                    "`{}` already exists; medleaf never overwrites a page",
                    path.display()
                ))
            } else {
                Error::io("cannot create", path)(e)
            }
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(Error::io("cannot write", path))
}

/// Creates a new site in `dir`, which must be empty or not exist, with the editor set up to
/// check `site.yaml` and the pages' front matter (the schemas, `.vscode/` and
/// `frontmatter.json`). Returns the files written.
pub fn init(dir: &Path, today: Date) -> Result<Vec<PathBuf>> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(Error::io("cannot read", dir))?;
        if entries.next().is_some() {
            return Err(Error::Usage(format!(
                "`{}` is not empty; medleaf init only creates new sites (choose a new folder name)",
                dir.display()
            )));
        }
    }
    let next = today.add_years(3);
    let files: Vec<(&str, String)> = vec![
        (
            "site.yaml",
            "title: My health library\ndescription: Plain-language health information.\nbase_url: https://example.org/\nlanguage: en-US\nemergency_number: \"911\"\ndisclaimer: This information is for education only. It cannot diagnose you or replace advice from your own care team.\n".to_owned(),
        ),
        (
            "content/_index.md",
            "---\ntitle: My health library\ndescription: Plain-language health information, checked by clinicians.\nkind: page\n---\n\nWelcome. Start with [our first article](first-article.md).\n".to_owned(),
        ),
        (
            "content/first-article.md",
            format!(
                "---\ntitle: Your first article\ndescription: This is where the main message of the article goes.\ntopics: [Getting started]\nlast_reviewed: {today}\nnext_review: {next}\nreviewed_by: {{name: Your reviewer, role: Clinician}}\nsources:\n  - title: How to Write Easy-to-Read Health Materials\n    publisher: MedlinePlus\n    url: https://medlineplus.gov/ency/patientinstructions/000455.htm\n    accessed: {today}\n---\n\nWrite short sentences. Use words your readers use. Put the main message first.\n\n## When to get medical help\n\n> [!URGENT] Call your doctor the same day if:\n> - you feel worse\n> - you are worried\n"
            ),
        ),
        (
            "content/disclaimer.md",
            "---\ntitle: Disclaimer\ndescription: What this information can and cannot do.\nkind: page\n---\n\nThis information is for education only. It cannot diagnose you. In an emergency, call {{ emergency_number }}.\n".to_owned(),
        ),
        (
            // The image cache and the built site are made from the sources: never committed.
            ".gitignore",
            "/public/\n/.medleaf-cache/\n".to_owned(),
        ),
        (
            "templates/README.md",
            "# Templates\n\nmedleaf has a built-in theme. To change a template, copy it from medleaf's own\n`templates/` folder into this folder with the same name (for example `article.html` or\n`base.html`) and edit it: your file replaces the built-in one.\n\nTo change only a part, extend the built-in template instead and override its blocks\n(`header`, `navigation`, `footer`, `scripts`...): a `base.html` here that starts with\n`{% extends \"medleaf/base.html\" %}` keeps every later fix to the rest of the theme. A page\ncan choose a template of yours with `template: landing.html` in its front matter. The\nREADME's \"Templates\" section lists every value, block and filter. Templates use Tera 2.\n".to_owned(),
        ),
        (
            // Hidden, so it is not copied into the built site.
            "static/.README.md",
            "# Static files\n\nFiles here are copied as they are to the built site (images, a CNAME file...).\nA file with the same name as a built-in one (`style.css`, `medleaf.js`, `favicon.svg`)\nreplaces it. Hidden files, like this note, are not copied.\n".to_owned(),
        ),
    ];
    let mut files: Vec<(String, String)> = files
        .into_iter()
        .map(|(rel, text)| (rel.to_owned(), text))
        .collect();
    files.extend(editor_files());
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        write_new(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

/// The files that set up VS Code for the site: the JSON Schemas (`medleaf schema`) under
/// `.medleaf/schema/`, `.vscode/settings.json` mapping them to the files they describe, and
/// `.vscode/extensions.json` recommending the extensions that read those settings.
///
/// `site.yaml` is checked by the Red Hat YAML extension (`yaml.schemas`). That extension
/// does not look inside Markdown, so front matter is checked by Front Matter CMS, whose
/// `frontmatter.json` (written here too) describes the page fields it validates and offers
/// as a form; see [`crate::schema::cms`].
fn editor_files() -> Vec<(String, String)> {
    use crate::schema::{SCHEMA_DIR, SchemaFile, json_schema};
    let mut files: Vec<(String, String)> = SchemaFile::ALL
        .iter()
        .map(|&which| {
            (
                format!("{SCHEMA_DIR}/{}", which.file_name()),
                json_schema(which),
            )
        })
        .collect();
    let schema_path = |which: SchemaFile| format!("./{SCHEMA_DIR}/{}", which.file_name());
    let settings = serde_json::json!({
        "yaml.schemas": { schema_path(SchemaFile::Site): ["/site.yaml"] },
    });
    let extensions = serde_json::json!({
        "recommendations": ["redhat.vscode-yaml", "eliostruyf.vscode-front-matter"],
    });
    let pretty = |v: &serde_json::Value| {
        let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
        s.push('\n');
        s
    };
    files.push((".vscode/settings.json".to_owned(), pretty(&settings)));
    files.push((".vscode/extensions.json".to_owned(), pretty(&extensions)));
    files.push((
        "frontmatter.json".to_owned(),
        pretty(&crate::schema::cms::front_matter_cms()),
    ));
    files
}
