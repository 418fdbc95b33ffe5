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
    /// default of the same name. Symbolic links leading outside the site are followed only
    /// when `follow_outside` (`security.follow_links_outside`), as for every folder of the site.
    pub(crate) fn load(root: &Path, follow_outside: bool) -> Result<Templates> {
        let mut sources: Vec<(String, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(n, s)| ((*n).to_owned(), (*s).to_owned()))
            .collect();
        let dir = root.join("templates");
        if dir.is_dir() {
            let walked =
                fsutil::walk(root, &dir, follow_outside).map_err(Error::io("cannot read", &dir))?;
            for (name, path) in walked.files {
                if name.ends_with(".md") {
                    continue;
                }
                let text =
                    std::fs::read_to_string(&path).map_err(Error::io("cannot read", &path))?;
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
