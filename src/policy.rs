//! The publisher's rules laid over the diagnostics: what a page allows (`allow:` in its front
//! matter, with a reason) and the severity the site sets for each code (`diagnostics:` in
//! `site.yaml`). Applied to the whole list every time it is collected
//! (`pipeline::Built::refresh`), before `--strict`, so `build`, `check` and `serve` agree.
//!
//! A page's allowance covers the problems located in the page's own file; problems in a
//! snippet it embeds belong to the snippet and are not silenced by one page.

use std::collections::HashMap;

use serde::Serialize;

use crate::config::Config;
use crate::content::Page;
use crate::diagnostics::{Code, Diagnostic, Setting};

/// One check a page allows, with what it silenced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Allowance {
    /// The page's file.
    pub file: String,
    /// The code allowed (`readability`).
    pub code: String,
    /// Why, as the page says.
    pub reason: String,
    /// How many problems it kept from being reported.
    pub silenced: usize,
}

/// The codes whose problems only `check --external` finds: an allowance of one of them is
/// not "unused" in a run that did not fetch anything.
fn found_only_by_fetching(code: Code) -> bool {
    matches!(code, Code::ExternalBroken | Code::ExternalMoved)
}

/// Applies the pages' allowances and the site's severities to `all`. Returns the problems
/// still reported (with a warning for each allowance that silenced nothing) and every
/// allowance with its count, sorted by file and code.
pub(crate) fn apply(
    pages: &[Page],
    config: &Config,
    all: Vec<Diagnostic>,
    fetched: bool,
) -> (Vec<Diagnostic>, Vec<Allowance>) {
    // (page, code) -> problems silenced; only valid allowances are listed (an invalid one is
    // a front-matter error already).
    let mut allowed: HashMap<&str, Vec<(Code, usize)>> = HashMap::new();
    for page in pages {
        for name in page.meta.allow.keys() {
            if let Ok(code) = name.parse::<Code>()
                && !matches!(code, Code::FrontMatter | Code::Config | Code::AllowUnused)
                && !page.meta.allow[name].trim().is_empty()
            {
                allowed
                    .entry(page.file.display.as_str())
                    .or_default()
                    .push((code, 0));
            }
        }
    }
    let mut kept = Vec::with_capacity(all.len());
    for d in all {
        if let Some((_, n)) = allowed
            .get_mut(d.file())
            .and_then(|list| list.iter_mut().find(|(c, _)| *c == d.code))
        {
            *n += 1;
            continue;
        }
        kept.push(d);
    }
    let mut allowances = Vec::new();
    for page in pages {
        for (name, reason) in &page.meta.allow {
            let Ok(code) = name.parse::<Code>() else {
                continue;
            };
            let Some(silenced) = allowed
                .get(page.file.display.as_str())
                .and_then(|list| list.iter().find(|(c, _)| *c == code))
                .map(|(_, n)| *n)
            else {
                continue;
            };
            if silenced == 0 && (fetched || !found_only_by_fetching(code)) {
                let allow = page.key_span("allow");
                let span = crate::yaml::find_key(&page.file, page.yaml.clone(), name, allow.start)
                    .unwrap_or(allow);
                kept.push(
                    Diagnostic::warning(
                        Code::AllowUnused,
                        format!("`allow` of `{name}` silences nothing on this page"),
                    )
                    .at(&page.file, span)
                    .label("the page passes this check")
                    .help(format!("remove `{name}` from `allow:`")),
                );
            }
            allowances.push(Allowance {
                file: page.file.display.clone(),
                code: name.clone(),
                reason: reason.trim().to_owned(),
                silenced,
            });
        }
    }
    allowances.sort_by(|a, b| (&a.file, &a.code).cmp(&(&b.file, &b.code)));
    let kept = kept
        .into_iter()
        .filter_map(|mut d| {
            match config.severities.get(&d.code) {
                Some(Setting::Off) => return None,
                Some(Setting::Error) => d.severity = crate::diagnostics::Severity::Error,
                Some(Setting::Warning) => d.severity = crate::diagnostics::Severity::Warning,
                None => {}
            }
            Some(d)
        })
        .collect();
    (kept, allowances)
}
