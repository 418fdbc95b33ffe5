//! Benchmarks of the pipeline's stages over a generated 1,000-page site: load (read and parse
//! front matter), pages (Markdown and health checks), links (anchors and the link graph),
//! templates, and write. `cargo bench --bench stages`. These measure medleaf alone; the
//! side-by-side comparison with Hugo is `../shared/bench/` (see the README's "Speed" section).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use medleaf::Date;
use medleaf::bench::Prepared;

#[path = "support/corpus.rs"]
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
    let site = Prepared::new(&root, Date::parse("2026-06-01").unwrap());
    let mut group = c.benchmark_group(format!("{PAGES} pages"));
    group.sample_size(10);
    group.bench_function("load", |b| b.iter(|| black_box(site.load())));
    group.bench_function("pages", |b| b.iter(|| black_box(site.pages())));
    group.bench_function("links", |b| b.iter(|| black_box(site.links())));
    group.bench_function("templates", |b| b.iter(|| black_box(site.templates())));
    let out = dir.path().join("public");
    group.bench_function("write", |b| b.iter(|| black_box(site.write(&out))));
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
