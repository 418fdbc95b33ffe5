//! Whole-site checks made after the pages are read or analysed: the site notice, `menu:`
//! entries and snippets no page embeds. They blame one file each, outside the per-page
//! analysis, so `pipeline` keeps them apart (`Built::site_problems`).

use crate::config::Config;
use crate::content::{Page, Snippet};
use crate::diagnostics::{Code, Diagnostic};
use crate::markdown::Body;

/// A notice that cannot be shown as written, pointed at in `site.yaml`.
pub(crate) fn notice_problem(config: &Config, problem: String) -> Diagnostic {
    let d = Diagnostic::error(Code::Config, problem)
        .help("write `notice:` as one short paragraph: text, **bold**, *italics* and links to full addresses");
    match &config.file {
        Some(f) => {
            let span = crate::yaml::find_key(f, 0..f.text.len(), "notice", 0).unwrap_or(0..0);
            d.at(f, span)
        }
        None => d,
    }
}

/// A `menu:` entry whose `page:` is not a page of the site (or is a draft left out).
pub(crate) fn menu_problems(config: &Config, pages: &[Page]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for item in config
        .languages
        .iter()
        .filter_map(|l| l.menu.as_ref())
        .flatten()
    {
        let crate::config::MenuTarget::Page(file) = &item.target else {
            continue;
        };
        if seen.contains(&file.as_str()) || pages.iter().any(|p| &p.key == file || &p.rel == file) {
            continue;
        }
        seen.push(file);
        let d = Diagnostic::error(
            Code::Config,
            format!("menu entry `{}` links to `{file}`, which is not a page", item.title),
        )
        .label("no content file at this path")
        .help("write the content file's path relative to `content/`, such as `conditions/_index.md`, or use `url:` for an address");
        out.push(match &config.file {
            Some(f) => {
                let span =
                    crate::yaml::find_value(f, 0..f.text.len(), "page", file).unwrap_or(0..0);
                d.at(f, span)
            }
            None => d,
        });
    }
    out
}

/// A snippet no page embeds is a warning: it is advice nobody reads, or an embed was lost.
pub(crate) fn unused_snippets(snippets: &[Snippet], bodies: &[Body]) -> Vec<Diagnostic> {
    let mut used = vec![false; snippets.len()];
    for e in bodies.iter().flat_map(|b| &b.embeds) {
        used[e.snippet] = true;
    }
    snippets
        .iter()
        .zip(used)
        .filter(|(_, used)| !used)
        .map(|(s, _)| {
            Diagnostic::warning(
                Code::SnippetUnused,
                format!("no page embeds the snippet `{}`", s.name),
            )
            .at(&s.file, 0..s.file.text.len().min(3))
            .help(format!(
                "embed it with `![[{}]]` on a line of its own, or delete the file",
                s.name
            ))
        })
        .collect()
}
