//! Benchmarks of the pipeline's stages over a generated 1,000-page site: load (read and parse
//! front matter), Markdown, links (anchors and the link graph), templates, and write.
//! `cargo bench --bench stages`. These measure medleaf alone; the side-by-side comparison
//! with Hugo is `../shared/bench/` (see the README's "Speed" section).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use medleaf::config::{self, Overrides};
use medleaf::content;
use medleaf::date::Date;
use medleaf::links::{self, SiteIndex};
use medleaf::markdown;
use medleaf::pipeline::{self, Options};
use medleaf::render::{self, Templates};
use medleaf::taxonomy;
use rayon::prelude::*;

#[path = "../tests/support/corpus.rs"]
mod corpus;

const PAGES: usize = 1_000;

fn stages(c: &mut Criterion) {
    // On tmpfs when there is one, so the write stage measures medleaf rather than the disk
    // (see ../shared/bench/README.md on disk noise).
    let shm = std::path::Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir(&root).unwrap();
    corpus::write_site(&root, PAGES);
    let config = config::load(&root, &Overrides::default()).unwrap().unwrap();
    let mut options = Options::new(&root);
    options.today = Date::parse("2026-06-01").unwrap();
    let built = pipeline::analyse(&options).unwrap().unwrap();
    let templates = Templates::load(&root).unwrap();
    let mut group = c.benchmark_group(format!("{PAGES} pages"));
    group.sample_size(10);

    group.bench_function("load", |b| {
        b.iter(|| black_box(content::load(&config, false).unwrap()))
    });

    let site = &built.site;
    let generated = render::generated_urls(&built.topics, site.glossary.is_some(), &site.pages);
    let (index, _) = SiteIndex::new(site, &generated);
    group.bench_function("markdown", |b| {
        let env = markdown::Env {
            pages: &site.pages,
            index: &index,
            glossary: Some(&built.glossary),
            emergency_number: "911",
        };
        b.iter(|| {
            let r: Vec<_> = site
                .pages
                .par_iter()
                .map(|p| markdown::render(p, env))
                .collect();
            black_box(r)
        })
    });

    group.bench_function("links", |b| {
        b.iter(|| {
            let anchors = links::check_anchors(&site.pages, &built.rendered, &index);
            let topics = taxonomy::topics(&site.pages);
            black_box((
                anchors,
                links::graph(&site.pages, &built.rendered, &index, &topics),
            ))
        })
    });

    group.bench_function("templates", |b| {
        b.iter(|| black_box(render::render_site(&built.data(), &templates).unwrap()))
    });

    let files = render::render_site(&built.data(), &templates).unwrap();
    let out = dir.path().join("public");
    group.bench_function("write", |b| {
        b.iter(|| medleaf::output::write(&root, &out, &files, &site.assets).unwrap())
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
