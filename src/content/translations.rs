//! Translations and their sources: which pages are versions of one another, and which
//! translations have fallen behind their source's clinical review. Both read only the loaded
//! content, so they sit with it, before any page is analysed.

use std::collections::HashMap;

use crate::date::Date;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::SourceFile;
use crate::yaml;

use super::{Page, Snippet};

/// A translation older than its source's latest clinical review may not say what the reviewed
/// source says: a warning naming both files and dates (pages and snippets).
pub(crate) fn stale(pages: &[Page], snippets: &[Snippet]) -> Vec<Diagnostic> {
    let sources: HashMap<&str, &Page> = pages
        .iter()
        .filter(|p| p.lang == 0)
        .map(|p| (p.rel.as_str(), p))
        .collect();
    let mut out = Vec::new();
    let mut check = |file: &SourceFile,
                     span: std::ops::Range<usize>,
                     source_file: &str,
                     source_date: Option<Date>,
                     date: Option<Date>| {
        let Some(reviewed) = source_date else { return };
        if date.is_some_and(|d| d >= reviewed) {
            return;
        }
        let when = date.map_or("never reviewed".to_owned(), |d| {
            format!("last reviewed on {}", d.long())
        });
        out.push(
            Diagnostic::warning(
                Code::TranslationStale,
                format!(
                    "this translation is older than its source's latest clinical review: `{source_file}` was reviewed on {}, this translation {when}",
                    reviewed.long()
                ),
            )
            .at(file, span)
            .help("bring the translation up to date with the reviewed source, have it checked, then update its `last_reviewed`"),
        );
    };
    for page in pages.iter().filter(|p| p.lang != 0) {
        if let Some(source) = sources.get(page.key.as_str()) {
            let span = match page.meta.last_reviewed {
                Some(d) => page.value_span("last_reviewed", &d.to_string()),
                None => page.key_span("last_reviewed"),
            };
            check(
                &page.file,
                span,
                &source.file.display,
                source.meta.last_reviewed,
                page.meta.last_reviewed,
            );
        }
    }
    for s in snippets.iter().filter(|s| s.lang != 0) {
        if let Some(source) = snippets.iter().find(|o| o.lang == 0 && o.name == s.name) {
            let span = s
                .meta
                .last_reviewed
                .and_then(|d| {
                    yaml::find_value(&s.file, s.yaml.clone(), "last_reviewed", &d.to_string())
                })
                .unwrap_or(0..s.file.text.len().min(3));
            check(
                &s.file,
                span,
                &source.file.display,
                source.meta.last_reviewed,
                s.meta.last_reviewed,
            );
        }
    }
    out
}

/// The pages that have versions in other languages, by the default-language file they
/// translate: every version, in language order. Pages without translations are left out, so a
/// single-language site's table is empty.
pub(crate) fn versions(pages: &[Page]) -> HashMap<String, Vec<usize>> {
    let mut all: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, page) in pages.iter().enumerate().filter(|(_, p)| p.lang != 0) {
        all.entry(page.key.clone()).or_default().push(i);
    }
    for (i, page) in pages.iter().enumerate().filter(|(_, p)| p.lang == 0) {
        if let Some(list) = all.get_mut(&page.key) {
            list.push(i);
        }
    }
    for list in all.values_mut() {
        list.sort_by_key(|&i| pages[i].lang);
    }
    all.retain(|_, list| list.len() > 1);
    all
}
