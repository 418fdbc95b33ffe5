//! The site's own `templates/` folder: its files read once, the templates they extend and
//! include, and the checks on them (issue 17):
//!
//! - a page's `template:` must name a template (the site's or a built-in one), or the page
//!   could not be rendered: an error at the key, with the closest name;
//! - a file that replaces no built-in template, that no template extends or includes and that
//!   no page chooses is never used: a warning naming it (`templates/artcle.html` was meant to
//!   replace `article.html`, and silently did nothing).
//!
//! This stage reads files and looks at their text; compiling them is the renderer's job
//! ([`crate::render`]), which takes them from here so both see the same files.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use super::Page;
use crate::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::error::{Error, Result};
use crate::fsutil;
use crate::source::SourceFile;
use crate::theme::{DEFAULT_TEMPLATES, NAMESPACE};

/// The folder of a site's templates.
pub(crate) const DIR: &str = "templates";

/// One file of the site's `templates/` folder.
#[derive(Debug, Clone)]
pub(crate) struct SiteTemplate {
    /// Its name: the path below `templates/`, `/`-separated (`partials/logo.html`), which is
    /// what `extends`, `include` and `template:` write.
    pub(crate) name: String,
    /// The file as read (shown as `templates/partials/logo.html`).
    pub(crate) file: Arc<SourceFile>,
}

/// The site's templates, sorted by name. Files under `templates/medleaf/` are kept here (to
/// be reported) but never compiled: that name belongs to the built-in theme.
#[derive(Debug, Clone, Default)]
pub(crate) struct SiteTemplates {
    /// Every file but Markdown (the folder's `README.md`, written by `medleaf init`).
    pub(crate) files: Vec<SiteTemplate>,
}

impl SiteTemplates {
    /// Reads `<root>/templates/` (nothing when there is none). Symbolic links leading outside
    /// the site are followed only when `follow_outside` (`security.follow_links_outside`), as
    /// for every folder of the site; the content stage reports those it does not follow.
    pub(crate) fn read(root: &Path, follow_outside: bool) -> Result<SiteTemplates> {
        let dir = root.join(DIR);
        if !dir.is_dir() {
            return Ok(SiteTemplates::default());
        }
        let walked =
            fsutil::walk(root, &dir, follow_outside).map_err(Error::io("cannot read", &dir))?;
        let mut files = Vec::new();
        for (name, path) in walked.files {
            if name.ends_with(".md") {
                continue;
            }
            let file = SourceFile::read(format!("{DIR}/{name}"), &path)
                .map_err(Error::io("cannot read", &path))?;
            files.push(SiteTemplate {
                name,
                file: Arc::new(file),
            });
        }
        files.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(SiteTemplates { files })
    }

    /// The site's files that are compiled: all but those under `templates/medleaf/`.
    pub(crate) fn compiled(&self) -> impl Iterator<Item = &SiteTemplate> {
        self.files.iter().filter(|t| !t.name.starts_with(NAMESPACE))
    }

    /// Whether `name` is a template a page can choose: one of the site's, or a built-in one
    /// (with or without the `medleaf/` folder).
    pub(crate) fn knows(&self, name: &str) -> bool {
        let builtin = name.strip_prefix(NAMESPACE).unwrap_or(name);
        DEFAULT_TEMPLATES.iter().any(|(n, _)| *n == builtin)
            || self.compiled().any(|t| t.name == name)
    }

    /// Every name a page could choose, for a did-you-mean.
    fn names(&self) -> impl Iterator<Item = &str> {
        DEFAULT_TEMPLATES
            .iter()
            .map(|(n, _)| *n)
            .chain(self.compiled().map(|t| t.name.as_str()))
    }
}

/// The templates `text` extends or includes: the quoted name after `{% extends` or
/// `{% include` (with or without `-`). Names in variables cannot be known and are not listed.
pub(crate) fn references(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("{%") {
        let rest = text[i + 2..].trim_start_matches('-').trim_start();
        let Some(rest) = rest
            .strip_prefix("extends")
            .or_else(|| rest.strip_prefix("include"))
        else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(quote) = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\'' | '`'))
        else {
            continue;
        };
        if let Some(end) = rest[1..].find(quote) {
            out.push(&rest[1..1 + end]);
        }
    }
    out
}

/// The checks on the site's templates and the pages' `template:`; see the module header.
pub(crate) fn check(templates: &SiteTemplates, pages: &[Page]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut used: BTreeSet<&str> = BTreeSet::new();
    for page in pages {
        let Some(name) = page.meta.template.as_deref() else {
            continue;
        };
        if templates.knows(name) {
            used.insert(name);
            continue;
        }
        out.push(
            Diagnostic::error(
                Code::FrontMatter,
                format!("`template: {name}` names no template"),
            )
            .at(&page.file, page.value_span("template", name))
            .label(format!(
                "there is no `{DIR}/{name}` in the site and no built-in template of that name"
            ))
            .help(match did_you_mean(name, templates.names()) {
                Some(n) => format!("did you mean `{n}`?"),
                None => format!(
                    "put the template in the site's `{DIR}/` folder, or remove `template:` to use the usual one"
                ),
            }),
        );
    }
    for t in &templates.files {
        used.extend(references(&t.file.text));
    }
    for t in &templates.files {
        let name = t.name.as_str();
        let builtin = DEFAULT_TEMPLATES.iter().any(|(n, _)| *n == name);
        // A file of components is used wherever its components are called.
        let components = t.file.text.contains("{% component ");
        if let Some(rest) = name.strip_prefix(NAMESPACE) {
            // Never loaded, whatever refers to the name: `medleaf/` is the theme's.
            out.push(
                Diagnostic::warning(
                    Code::UnusedTemplate,
                    format!("`{DIR}/{name}` is not used: the `{NAMESPACE}` folder is the built-in theme's"),
                )
                .at(&t.file, 0..0)
                .label("templates under this name are the built-in ones; files of yours there are not loaded")
                .help(format!(
                    "to replace a built-in template, put your file directly in `{DIR}/` (`{DIR}/{rest}`)"
                )),
            );
            continue;
        }
        if builtin || components || used.contains(name) {
            continue;
        }
        let builtins = DEFAULT_TEMPLATES.iter().map(|(n, _)| *n);
        out.push(
            Diagnostic::warning(
                Code::UnusedTemplate,
                format!("`{DIR}/{name}` is not used: it replaces no built-in template, and no template or page uses it"),
            )
            .at(&t.file, 0..0)
            .help(match did_you_mean(name, builtins) {
                Some(b) => format!("did you mean `{b}`? A file named like a built-in template replaces it"),
                None => format!(
                    "name it like a built-in template to replace it (`article.html`), extend or include it from another template, or choose it for a page with `template: {name}`"
                ),
            }),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_extends_and_includes() {
        let text = r#"{% extends "medleaf/base.html" %}{%- include 'partials/logo.html' -%}
{% block x %}{% include "partials/a.html" ignore missing %}{% endblock x %}{% if x %}{% endif %}"#;
        assert_eq!(
            references(text),
            ["medleaf/base.html", "partials/logo.html", "partials/a.html"]
        );
    }

    fn site(files: &[(&str, &str)]) -> SiteTemplates {
        SiteTemplates {
            files: files
                .iter()
                .map(|(name, text)| SiteTemplate {
                    name: (*name).to_owned(),
                    file: Arc::new(SourceFile::new(format!("{DIR}/{name}"), (*text).to_owned())),
                })
                .collect(),
        }
    }

    #[test]
    fn unused_files_are_those_nothing_replaces_extends_includes_or_calls() {
        let t = site(&[
            ("artcle.html", "x"),
            (
                "base.html",
                r#"{% extends "medleaf/base.html" %}{% include "partials/logo.html" %}"#,
            ),
            (
                "components.html",
                "{% component Card(title) %}{% endcomponent Card %}",
            ),
            ("landing.html", "{% extends \"base.html\" %}"),
            ("medleaf/base.html", "x"),
            ("partials/logo.html", "x"),
        ]);
        let found: Vec<(String, Option<String>)> = check(&t, &[])
            .into_iter()
            .map(|d| (d.message, d.help))
            .collect();
        let messages: Vec<&str> = found.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`templates/artcle.html` is not used: it replaces no built-in template, and no template or page uses it",
                "`templates/landing.html` is not used: it replaces no built-in template, and no template or page uses it",
                "`templates/medleaf/base.html` is not used: the `medleaf/` folder is the built-in theme's",
            ]
        );
        assert!(
            found[0]
                .1
                .as_deref()
                .unwrap()
                .starts_with("did you mean `article.html`?")
        );
        assert!(
            found[1]
                .1
                .as_deref()
                .unwrap()
                .contains("`template: landing.html`")
        );
        assert!(
            found[2]
                .1
                .as_deref()
                .unwrap()
                .contains("`templates/base.html`")
        );
    }

    #[test]
    fn knows_builtin_site_and_namespaced_names() {
        let t = SiteTemplates {
            files: vec![
                SiteTemplate {
                    name: "landing.html".into(),
                    file: Arc::new(SourceFile::new("templates/landing.html", String::new())),
                },
                SiteTemplate {
                    name: "medleaf/mine.html".into(),
                    file: Arc::new(SourceFile::new(
                        "templates/medleaf/mine.html",
                        String::new(),
                    )),
                },
            ],
        };
        assert!(t.knows("landing.html"));
        assert!(t.knows("page.html"));
        assert!(t.knows("medleaf/page.html"));
        assert!(!t.knows("medleaf/mine.html"));
        assert!(!t.knows("landng.html"));
    }
}
