//! Regression guards for build cost that do not depend on timing: a page's template context
//! and its related-article candidates must not grow with the size of the site (issue 7).
//! Two generated sites, 500 and 2,000 pages, are analysed; per-page figures must stay the
//! same, where a quadratic design would make them four times larger. A unit test, because
//! the figures it compares are the crate's own.

use crate::date::Date;
use crate::pipeline::{self, Built, Options};

#[path = "../benches/support/corpus.rs"]
mod corpus;

/// Generates and analyses a site of `n` articles.
fn generate(n: usize) -> (tempfile::TempDir, Built) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    corpus::write_site(root, n);
    let mut options = Options::new(root);
    options.today = Date::parse("2026-06-01").unwrap();
    let built = pipeline::analyse(&options)
        .unwrap()
        .expect("the generated site has no errors");
    assert!(
        !built.diagnostics.iter().any(|d| d.is_error()),
        "{:#?}",
        built.diagnostics
    );
    (dir, built)
}

/// The largest per-article figure over the site.
fn max_over_articles(built: &Built, f: impl Fn(usize) -> usize) -> usize {
    (0..built.site.pages.len())
        .filter(|&i| built.site.pages[i].is_article())
        .map(f)
        .max()
        .unwrap()
}

#[test]
fn per_page_cost_does_not_grow_with_the_site() {
    let (_a, small) = generate(500);
    let (_b, large) = generate(2000);
    assert_eq!(large.site.pages.len(), 2001);

    // Bytes handed to each article's template besides the shared `site` value.
    let context = |b: &Built| {
        let data = b.data();
        max_over_articles(b, |i| data.page_context_size(i))
    };
    let (cs, cl) = (context(&small), context(&large));
    assert!(
        cl <= cs * 11 / 10,
        "context bytes per page grew from {cs} to {cl}"
    );

    // Related-article candidates considered per page.
    let candidates = |b: &Built| max_over_articles(b, |i| b.graph.candidates(&b.topics, i).len());
    let (rs, rl) = (candidates(&small), candidates(&large));
    assert!(
        rl <= rs + 2,
        "related candidates per page grew from {rs} to {rl}"
    );

    // Backlinks follow the links authors wrote: three per page here, whatever the size.
    let backlinks = |b: &Built| max_over_articles(b, |i| b.graph.backlinks[i].len());
    assert!(backlinks(&large) <= backlinks(&small) + 2);

    // The topic pages themselves do grow (they list their articles), as they must.
    let topic_size = |b: &Built| b.topics.iter().map(|t| t.pages.len()).max().unwrap();
    assert!(topic_size(&large) >= 3 * topic_size(&small));
}
