//! Anchor checks, after Markdown: every `#fragment` a page links to must be an id the target
//! page really has (a heading, a footnote, an id in raw HTML, a glossary term, or an id the
//! templates give every page).

use std::collections::BTreeSet;

use crate::content::Page;
use crate::diagnostics::{Code, Diagnostic, Suggestions, did_you_mean};
use crate::markdown::{GeneratedLink, PageLink};
use crate::theme::RESERVED_IDS;

use super::index::SiteIndex;

/// Checks the `#fragment`s of page `from`'s links to content pages; `ids` gives each target
/// page's ids. One page at a time, so `serve` can re-check only the pages an edit touches.
pub(crate) fn check_page_anchors<'a>(
    pages: &[Page],
    from: usize,
    links: &[PageLink],
    ids: impl Fn(usize) -> &'a BTreeSet<String>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut indexes = rustc_hash::FxHashMap::default();
    for link in links {
        let Some(fragment) = &link.fragment else {
            continue;
        };
        let target_ids = ids(link.target);
        // Template ids (`#page-sources`, `#main`) exist on every page that shows them.
        if fragment.is_empty()
            || target_ids.contains(fragment)
            || RESERVED_IDS.contains(&fragment.as_str())
        {
            continue;
        }
        let target = &pages[link.target];
        let help = closest_id(&mut indexes, link.target, target_ids, fragment)
            .map(|s| format!("did you mean `#{s}`?"))
            .or_else(|| {
                (!target_ids.is_empty()).then(|| {
                    let list: Vec<&str> = target_ids.iter().map(String::as_str).take(8).collect();
                    format!("the headings there have the ids: {}", list.join(", "))
                })
            });
        let where_ = if link.target == from {
            "this page".to_owned()
        } else {
            format!("`{}`", target.rel)
        };
        out.push(
            Diagnostic::error(
                Code::BrokenAnchor,
                format!("no heading `#{fragment}` in {where_}"),
            )
            .at(&pages[from].file, link.span.clone())
            .label("this anchor does not exist")
            .maybe_help(help),
        );
    }
    out
}

/// Checks the `#fragment`s of page `from`'s links into generated pages (the glossary).
pub(crate) fn check_generated_anchors(
    pages: &[Page],
    from: usize,
    links: &[GeneratedLink],
    index: &SiteIndex,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut indexes = rustc_hash::FxHashMap::default();
    let none = rustc_hash::FxHashSet::default();
    for link in links {
        // Generated pages (topics, folder listings) have only the template's ids, unless
        // their ids were registered (the glossary's terms).
        let known = index.generated_ids(&link.url).unwrap_or(&none);
        if known.contains(&link.fragment) || RESERVED_IDS.contains(&link.fragment.as_str()) {
            continue;
        }
        out.push(
            Diagnostic::error(
                Code::BrokenAnchor,
                format!("no `#{}` in `{}`", link.fragment, link.url),
            )
            .at(&pages[from].file, link.span.clone())
            .label("this anchor does not exist")
            .maybe_help(
                closest_id(&mut indexes, link.url.as_str(), known, &link.fragment)
                    .map(|s| format!("did you mean `#{s}`?")),
            ),
        );
    }
    out
}

/// Up to this many ids, a did-you-mean compares the fragment with each; past it (a page of
/// thousands of headings, a glossary of thousands of terms) an index is built once per
/// target, so that many broken anchors into one long page cost links + ids, not links × ids
/// (issue 16).
const SCAN_LIMIT: usize = 1_000;

/// The id of `target` (a page's number, a generated page's address) closest to `fragment`,
/// if close enough. `ids` is a set of `String`s (the headings' `BTreeSet`, the glossary's
/// hash set); suggestions do not depend on its order (ties go to the first alphabetically).
fn closest_id<'a, K: std::hash::Hash + Eq>(
    indexes: &mut rustc_hash::FxHashMap<K, Suggestions>,
    target: K,
    ids: impl IntoIterator<Item = &'a String, IntoIter: ExactSizeIterator + Clone>,
    fragment: &str,
) -> Option<String> {
    let ids = ids.into_iter().map(String::as_str);
    if ids.len() <= SCAN_LIMIT {
        return did_you_mean(fragment, ids).map(str::to_owned);
    }
    indexes
        .entry(target)
        .or_insert_with(|| Suggestions::new(ids))
        .best(fragment)
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_page_gets_its_suggestions_from_one_index() {
        let small: BTreeSet<String> = ["symptoms", "causes"].map(str::to_owned).into();
        let mut indexes = rustc_hash::FxHashMap::default();
        assert_eq!(
            closest_id(&mut indexes, 0, &small, "symptom").as_deref(),
            Some("symptoms")
        );
        assert!(indexes.is_empty(), "a short page is scanned");
        let long: BTreeSet<String> = (0..5_000).map(|i| format!("step-{i}")).collect();
        for wanted in ["step-4999x", "stpe-12"] {
            let found = closest_id(&mut indexes, 7, &long, wanted);
            assert!(found.is_some(), "{wanted}");
        }
        assert_eq!(
            closest_id(&mut indexes, 7, &long, "step-4999x").as_deref(),
            Some("step-4999")
        );
        assert_eq!(indexes.len(), 1, "one index for the long page, built once");
    }
}
