//! The compiled templates: the built-in theme's, with the site's own files laid over them,
//! and the built-in ones again under `medleaf/` so a site's template can extend them
//! ([`crate::theme::NAMESPACE`]).

use tera::{Context, Tera};

use crate::config::MarkdownSettings;
use crate::content::templates::SiteTemplates;
use crate::error::{Error, Result};
use crate::theme::{DEFAULT_TEMPLATES, namespaced_templates};

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
    /// Compiles the default templates, the site's files (`site`, read by the content stage),
    /// each replacing the default of the same name, and the defaults again under `medleaf/`,
    /// with medleaf's filters and functions (the `markdown` filter under `markdown`, the
    /// site's raw HTML policy and URL schemes).
    pub(crate) fn load(site: &SiteTemplates, markdown: &MarkdownSettings) -> Result<Templates> {
        let mut sources: Vec<(String, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(n, s)| ((*n).to_owned(), (*s).to_owned()))
            .collect();
        for t in site.compiled() {
            match sources.iter_mut().find(|(n, _)| *n == t.name) {
                Some(slot) => slot.1 = t.file.text.clone(),
                None => sources.push((t.name.clone(), t.file.text.clone())),
            }
        }
        sources.extend(namespaced_templates());
        let mut tera = Tera::new();
        super::filters::register(&mut tera, markdown);
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
