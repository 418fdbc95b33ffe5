//! The compiled templates: the built-in theme's, with the site's own files laid over them.

use std::path::Path;

use tera::{Context, Tera};

use crate::error::{Error, Result};
use crate::fsutil;
use crate::theme::DEFAULT_TEMPLATES;

/// The compiled templates.
pub(crate) struct Templates {
    tera: Tera,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Templates")
    }
}

impl Templates {
    /// Loads the default templates and every file in `<root>/templates/`, which replaces the
    /// default of the same name.
    pub(crate) fn load(root: &Path) -> Result<Templates> {
        let mut sources: Vec<(String, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(n, s)| ((*n).to_owned(), (*s).to_owned()))
            .collect();
        let dir = root.join("templates");
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let entry = entry.map_err(|e| Error::io("cannot read", &dir)(e.into()))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let name = fsutil::slash_path(&dir, entry.path());
                let file_name = entry.file_name().to_string_lossy();
                if fsutil::is_ignored_name(&file_name) || name.ends_with(".md") {
                    continue;
                }
                let text = std::fs::read_to_string(entry.path())
                    .map_err(Error::io("cannot read", entry.path()))?;
                match sources.iter_mut().find(|(n, _)| *n == name) {
                    Some(slot) => slot.1 = text,
                    None => sources.push((name, text)),
                }
            }
        }
        let mut tera = Tera::new();
        tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
            .map_err(|e| Error::Template(template_error(&e)))?;
        Ok(Templates { tera })
    }

    /// Renders template `name` with `context`.
    pub(super) fn render(&self, name: &str, context: &Context) -> Result<String> {
        self.tera
            .render(name, context)
            .map_err(|e| Error::Template(format!("in `{name}`: {}", template_error(&e))))
    }
}

/// Tera's error with its causes, on one line each.
fn template_error(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(&format!("\n  caused by: {s}"));
        source = s.source();
    }
    text
}
