//! `check --external`: whether the addresses on other sites that the pages cite still work.
//!
//! Sources rot first (publishers move their pages), so the addresses are gathered sources
//! first, then the links in bodies and the snippets they embed, each address once however
//! many pages cite it. Addresses the site skips (`external.skip` in `site.yaml`) are never
//! fetched; results still fresh in the cache ([`cache`]) are not fetched again; the rest go to
//! [`fetch`]. Each failing address becomes one diagnostic at the first place it is written,
//! naming the other pages that cite it.

pub(crate) mod cache;
pub(crate) mod fetch;

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use crate::diagnostics::{Code, Diagnostic};
use crate::error::Result;
use crate::pipeline::Built;
use crate::source::SourceFile;
use fetch::Outcome;

/// How far a run has got, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Addresses answered so far (from the cache or the network).
    pub checked: usize,
    /// Addresses to check in all.
    pub total: usize,
    /// Of those answered, how many fail or moved.
    pub failing: usize,
}

/// How to run the external check.
#[derive(Default)]
pub struct ExternalOptions {
    /// Fetch every address again, ignoring cached results (`--refresh`).
    pub refresh: bool,
    /// Called after each address is answered (from worker threads).
    pub progress: Option<Box<dyn Fn(Progress) + Sync>>,
}

impl std::fmt::Debug for ExternalOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExternalOptions")
            .field("refresh", &self.refresh)
            .finish_non_exhaustive()
    }
}

/// One place an address is written.
#[derive(Debug, Clone)]
struct Citation {
    /// The file it is written in (a page, or a snippet the page embeds).
    file: Arc<SourceFile>,
    /// Where in that file.
    span: Range<usize>,
    /// The page citing it.
    page: String,
    /// Whether it is a source (`sources:`) rather than a link in the text.
    source: bool,
}

/// One address and every place it is written, sources first.
#[derive(Debug)]
struct Target {
    url: String,
    citations: Vec<Citation>,
}

/// One address's result, as `check --format json` and the dashboard show it.
#[derive(Debug, Clone, Serialize)]
pub struct LinkResult {
    /// The address as written.
    pub url: String,
    /// `ok`, `moved` or `broken`.
    pub outcome: &'static str,
    /// The last status the server gave, if it answered.
    pub status: Option<u16>,
    /// Where it moved to (`moved`).
    pub moved_to: Option<String>,
    /// What went wrong (`broken`).
    pub reason: Option<String>,
    /// Whether it is cited as a source by some page.
    pub source: bool,
    /// The file where it is first written.
    pub file: String,
    /// The line there.
    pub line: usize,
    /// The pages citing it, sorted.
    pub cited_by: Vec<String>,
    /// Whether the result came from the cache rather than the network.
    pub cached: bool,
}

/// What the external check found and did.
#[derive(Debug, Clone, Serialize)]
pub struct ExternalFacts {
    /// Addresses on other sites the pages cite (each once).
    pub addresses: usize,
    /// Of them, how many were skipped (`external.skip`).
    pub skipped: usize,
    /// Of them, how many were answered from the cache.
    pub cached: usize,
    /// Of them, how many were fetched.
    pub fetched: usize,
    /// Every address checked (skipped ones left out), in the order checked: sources first.
    pub links: Vec<LinkResult>,
}

/// Checks every external address of an analysed site, returning its diagnostics and facts.
pub(crate) fn check(
    built: &Built,
    options: &ExternalOptions,
) -> Result<(Vec<Diagnostic>, ExternalFacts)> {
    let all = targets(built);
    let addresses = all.len();
    let skip = &built.config.external.skip;
    let targets: Vec<Target> = all.into_iter().filter(|t| !skipped(&t.url, skip)).collect();
    let skipped = addresses - targets.len();
    let root = &built.config.root;
    let now = cache::now();
    let mut cache = cache::Cache::load(root);
    let days = built.config.external.cache_days;
    let mut outcomes: Vec<Option<Outcome>> = targets
        .iter()
        .map(|t| {
            (!options.refresh)
                .then(|| cache.fresh(&t.url, now, days).cloned())
                .flatten()
        })
        .collect();
    let cached = outcomes.iter().filter(|o| o.is_some()).count();
    let total = targets.len();
    let checked = AtomicUsize::new(cached);
    let failing = AtomicUsize::new(outcomes.iter().flatten().filter(|o| o.is_problem()).count());
    let report = |checked: usize, failing: usize| {
        if let Some(progress) = &options.progress {
            progress(Progress {
                checked,
                total,
                failing,
            });
        }
    };
    report(cached, failing.load(Ordering::Relaxed));
    let to_fetch: Vec<usize> = (0..total).filter(|&i| outcomes[i].is_none()).collect();
    let urls: Vec<String> = to_fetch.iter().map(|&i| targets[i].url.clone()).collect();
    let settings = fetch::Settings {
        timeout: built.config.external.timeout,
    };
    let fetched = fetch::check_all(&urls, &settings, &|_, outcome| {
        let f = failing.fetch_add(usize::from(outcome.is_problem()), Ordering::Relaxed)
            + usize::from(outcome.is_problem());
        let c = checked.fetch_add(1, Ordering::Relaxed) + 1;
        report(c, f);
    });
    for (&i, outcome) in to_fetch.iter().zip(fetched) {
        cache.insert(targets[i].url.clone(), now, outcome.clone());
        outcomes[i] = Some(outcome);
    }
    let keep: Vec<String> = targets.iter().map(|t| t.url.clone()).collect();
    cache.save(root, &keep)?;

    let mut problems = Vec::new();
    let mut links = Vec::with_capacity(total);
    for (i, (target, outcome)) in targets.iter().zip(outcomes).enumerate() {
        let outcome = outcome.expect("every address has an outcome");
        if let Some(d) = diagnostic(target, &outcome) {
            problems.push(d);
        }
        links.push(result(target, &outcome, !to_fetch.contains(&i)));
    }
    Ok((
        problems,
        ExternalFacts {
            addresses,
            skipped,
            cached,
            fetched: to_fetch.len(),
            links,
        },
    ))
}

/// Whether `url` is skipped by an entry of `external.skip`: a host (which covers its
/// subdomains) or an address prefix.
fn skipped(url: &str, skip: &[String]) -> bool {
    let host = fetch::host(url);
    let host = host.split(':').next().unwrap_or("");
    skip.iter().any(|s| {
        if s.contains("://") {
            url.starts_with(s.as_str())
        } else {
            let s = s.to_ascii_lowercase();
            host == s || host.ends_with(&format!(".{s}"))
        }
    })
}

/// Every `http(s)` address the pages cite: first every page's sources, then every snippet's,
/// then every page's body links (the snippets they embed included), each address once with all
/// its citations.
fn targets(built: &Built) -> Vec<Target> {
    let mut order: Vec<Target> = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut add = |url: &str, citation: Citation| {
        let url = url.trim();
        let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://")) {
            return;
        }
        // The fragment is the page's business, never sent to the server.
        let url = url.split('#').next().unwrap_or(url).to_owned();
        match seen.get(&url) {
            Some(&i) => order[i].citations.push(citation),
            None => {
                seen.insert(url.clone(), order.len());
                order.push(Target {
                    url,
                    citations: vec![citation],
                });
            }
        }
    };
    for page in &built.site.pages {
        for source in &page.meta.sources {
            if let Some(url) = source.url.as_deref() {
                add(
                    url,
                    Citation {
                        file: page.file.clone(),
                        span: page.value_span("sources", url.trim()),
                        page: page.file.display.clone(),
                        source: true,
                    },
                );
            }
        }
    }
    // Snippets' sources: the shared advice is cited on every page that embeds it.
    for snippet in &built.site.snippets {
        for source in &snippet.meta.sources {
            if let Some(url) = source.url.as_deref() {
                let span = crate::yaml::find_value(
                    &snippet.file,
                    snippet.yaml.clone(),
                    "sources",
                    url.trim(),
                )
                .unwrap_or(0..snippet.file.text.len().min(3));
                add(
                    url,
                    Citation {
                        file: snippet.file.clone(),
                        span,
                        page: snippet.file.display.clone(),
                        source: true,
                    },
                );
            }
        }
    }
    for (page, body) in built.site.pages.iter().zip(&built.bodies) {
        for link in &body.external {
            add(
                &link.url,
                Citation {
                    file: body.files[usize::from(link.src)].clone(),
                    span: link.span.clone(),
                    page: page.file.display.clone(),
                    source: false,
                },
            );
        }
    }
    order
}

/// The sorted, distinct pages citing a target.
fn citing_pages(target: &Target) -> Vec<String> {
    let mut pages: Vec<String> = target.citations.iter().map(|c| c.page.clone()).collect();
    pages.sort();
    pages.dedup();
    pages
}

/// The diagnostic for a failing or moved address, at the first place it is written.
fn diagnostic(target: &Target, outcome: &Outcome) -> Option<Diagnostic> {
    let first = &target.citations[0];
    let url = &target.url;
    let what = if first.source { "source" } else { "link" };
    let d = match outcome {
        Outcome::Ok { .. } => return None,
        Outcome::Moved { status, to } => Diagnostic::warning(
            Code::ExternalMoved,
            format!("{what} `{url}` has moved for good ({status})"),
        )
        .label("moved permanently")
        .help(if first.source {
            format!("replace it with `{to}`, check it is the same document, and update `accessed`")
        } else {
            format!("replace it with `{to}`")
        }),
        Outcome::Broken { status, reason, .. } => {
            let help = match status {
                Some(404 | 410) => {
                    "find where the publisher moved the document (search its site) and update the address, or remove it"
                }
                Some(_) => {
                    "the server is failing: open the address in a browser; if it keeps failing, find another copy of the document"
                }
                None if reason.contains("does not resolve") => {
                    "check the address for typing mistakes; the site may no longer exist"
                }
                None => {
                    "open the address in a browser; if it keeps failing, find another copy of the document or remove it"
                }
            };
            Diagnostic::warning(
                Code::ExternalBroken,
                format!("{what} `{url}` is broken: {reason}"),
            )
            .label(reason.clone())
            .help(help)
        }
    };
    let mut d = d.at(&first.file, first.span.clone());
    let others: Vec<String> = citing_pages(target)
        .into_iter()
        .filter(|p| *p != first.page)
        .map(|p| format!("`{p}`"))
        .collect();
    if !others.is_empty() {
        d.note = Some(format!("also cited by {}", others.join(", ")));
    }
    Some(d)
}

/// One address's facts for JSON and the dashboard.
fn result(target: &Target, outcome: &Outcome, cached: bool) -> LinkResult {
    let first = &target.citations[0];
    let (kind, status, moved_to, reason) = match outcome {
        Outcome::Ok { status } => ("ok", Some(*status), None, None),
        Outcome::Moved { status, to } => ("moved", Some(*status), Some(to.clone()), None),
        Outcome::Broken { status, reason, .. } => ("broken", *status, None, Some(reason.clone())),
    };
    LinkResult {
        url: target.url.clone(),
        outcome: kind,
        status,
        moved_to,
        reason,
        source: target.citations.iter().any(|c| c.source),
        file: first.file.display.clone(),
        line: first.file.location(first.span.clone()).line,
        cited_by: citing_pages(target),
        cached,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_entries_are_hosts_or_prefixes() {
        let skip = vec![
            "nice.org.uk".to_owned(),
            "https://a.org/private/".to_owned(),
        ];
        assert!(skipped("https://www.nice.org.uk/guidance", &skip));
        assert!(skipped("https://nice.org.uk/", &skip));
        assert!(!skipped("https://notnice.org.uk/", &skip));
        assert!(skipped("https://a.org/private/x", &skip));
        assert!(!skipped("https://a.org/public/", &skip));
    }
}
