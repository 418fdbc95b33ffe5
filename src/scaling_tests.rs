//! Regression guards for build cost that do not depend on timing: a page's template context
//! and its related-article candidates must not grow with the size of the site (issue 7), nor a
//! topic page, the warnings or the output with the number of topics on one page (issue 16).
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

/// Analyses a one-article site whose article lists `n` topics (`t0`, `t1`...), and renders it.
fn many_topics(n: usize) -> (Built, Vec<crate::output::OutputFile>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    let topics: Vec<String> = (0..n).map(|i| format!("t{i}")).collect();
    std::fs::write(
        root.join("content/many.md"),
        format!(
            "---\ntitle: Many\ndescription: d\ntopics: [{}]\n---\n\nText.\n",
            topics.join(", ")
        ),
    )
    .unwrap();
    let mut options = Options::new(root);
    options.today = Date::parse("2026-06-01").unwrap();
    let built = pipeline::analyse(&options).unwrap().unwrap();
    let templates = built.templates().unwrap();
    let (files, _) = pipeline::render(&built, &templates).unwrap();
    (built, files)
}

/// Issue 16: 20,000 topics on one page ran out of memory. What each topic page holds, what the
/// warnings hold and how many there are must not grow with the number of topics.
#[test]
fn per_topic_cost_does_not_grow_with_the_topics() {
    let (small, small_files) = many_topics(300);
    let (large, large_files) = many_topics(3000);
    // Bytes of one topic page: the same whatever the number of topics (the footer lists at
    // most `MAX_NAV_TOPICS`).
    let page = |files: &[crate::output::OutputFile], name: &str| {
        files
            .iter()
            .find(|f| f.path == format!("topics/{name}/index.html"))
            .map(|f| f.bytes.len())
            .unwrap()
    };
    let (ps, pl) = (page(&small_files, "t1"), page(&large_files, "t1"));
    assert!(pl <= ps + 200, "a topic page grew from {ps} to {pl} bytes");
    // Warnings: at most one per topic, each holding a bounded window of the long line.
    for (built, n) in [(&small, 300), (&large, 3000)] {
        let variants = built
            .diagnostics
            .iter()
            .filter(|d| d.code == crate::Code::TopicVariant)
            .count();
        assert!(variants < n, "{variants} warnings for {n} topics");
        let widest = built
            .diagnostics
            .iter()
            .filter_map(|d| d.location.as_ref())
            .map(|l| l.line_text.len())
            .max()
            .unwrap_or(0);
        assert!(
            widest <= 3 * crate::source::WINDOW + 8,
            "{widest} bytes shown"
        );
    }
    // The whole output grows linearly: ten times the topics, about ten times the bytes.
    let total = |files: &[crate::output::OutputFile]| -> usize {
        files.iter().map(|f| f.bytes.len()).sum()
    };
    let (ts, tl) = (total(&small_files), total(&large_files));
    assert!(tl <= 12 * ts, "output grew from {ts} to {tl} bytes");
}
