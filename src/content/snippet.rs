//! Snippets: reusable Markdown in `snippets/<name>.md` beside `content/`, embedded in pages
//! with `![[name]]` (issue 11). Safety advice that applies to many pages is written, reviewed
//! and changed in one place. Snippets are not pages: they have no address of their own.

use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;

use super::front_matter::{self, Reviewer, Source};
use crate::config::Language;
use crate::date::Date;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::SourceFile;

/// The folder of snippets, beside `content/`.
pub(crate) const DIR: &str = "snippets";

/// The fields a snippet's optional front matter may have: its title (for editors) and the
/// same review and source fields as an article, with the same meaning and checks.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SnippetMeta {
    /// What the snippet is, for editors and the governance report.
    #[serde(default)]
    pub(crate) title: Option<String>,
    /// When a clinician last reviewed it (`YYYY-MM-DD`).
    #[serde(default)]
    pub(crate) last_reviewed: Option<Date>,
    /// When the next review is due (default: `last_reviewed` plus the site's interval).
    #[serde(default)]
    pub(crate) next_review: Option<Date>,
    /// Who reviewed it.
    #[serde(default)]
    pub(crate) reviewed_by: Option<Reviewer>,
    /// The evidence behind it; listed under "Sources" on every page that embeds it.
    #[serde(default)]
    pub(crate) sources: Vec<Source>,
}

/// One snippet, read and parsed.
#[derive(Debug, Clone)]
pub(crate) struct Snippet {
    /// Its name: the path below `snippets/` without the language code and `.md`
    /// (`fever-low-count`, `safety/fever`).
    pub(crate) name: String,
    /// Its language (an index into `Config::languages`; `fever.es.md` is in Spanish).
    pub(crate) lang: usize,
    /// The file as read (`snippets/fever-low-count.md`).
    pub(crate) file: Arc<SourceFile>,
    /// Its front matter (all defaults when it has none).
    pub(crate) meta: SnippetMeta,
    /// Byte range of the YAML text in `file` (empty when there is none).
    pub(crate) yaml: Range<usize>,
    /// Byte range of the Markdown in `file`.
    pub(crate) body: Range<usize>,
}

impl Snippet {
    /// The folder of the snippet's file relative to the site root (`snippets`,
    /// `snippets/safety`): links in a snippet are written from there.
    pub(crate) fn root_dir(&self) -> &str {
        let display = self.file.display.as_str();
        display.rsplit_once('/').map_or("", |(dir, _)| dir)
    }
}

/// Parses a snippet file (`rel` is its path below `snippets/`). Front matter is optional: a
/// file that does not start with `---` (or `+++`, for TOML) is all Markdown. Every problem of
/// the front matter is reported at once.
pub(crate) fn parse(
    rel: &str,
    file: Arc<SourceFile>,
    languages: &[Language],
) -> Result<Snippet, Vec<Diagnostic>> {
    let full = rel.strip_suffix(".md").unwrap_or(rel);
    let (name, lang) = super::split_language(full, languages)
        .map_err(|code| {
            Box::new(
                Diagnostic::error(
                    Code::Language,
                    format!("`{rel}` is written in `{code}`, a language the site does not declare"),
                )
                .at(&file, 0..file.text.len().min(3))
                .help(format!(
                    "add `{code}` under `languages:` in site.yaml, or rename the file"
                )),
            )
        })
        .map_err(|d| vec![*d])?;
    let name = name.to_owned();
    let starts_with_fence = file
        .text
        .lines()
        .next()
        .is_some_and(|l| matches!(l.trim_end(), "---" | "+++"));
    let (meta, yaml, body) = if starts_with_fence {
        let split = front_matter::split(&file).map_err(|d| vec![*d])?;
        let meta: SnippetMeta =
            crate::yaml::parse_all(&file, split.yaml.clone(), Code::FrontMatter, split.format)?;
        (meta, split.yaml, split.body)
    } else {
        (SnippetMeta::default(), 0..0, 0..file.text.len())
    };
    Ok(Snippet {
        name,
        lang,
        file,
        meta,
        yaml,
        body,
    })
}

/// The snippet named in an embed (`fever`, `fever.md`, `safety/fever`, with or without a
/// leading `snippets/`), as a name to look up.
pub(crate) fn embed_name(written: &str) -> String {
    let name = written.trim().trim_start_matches('/');
    let name = name.strip_prefix("snippets/").unwrap_or(name);
    name.strip_suffix(".md").unwrap_or(name).to_owned()
}
