//! Times each pipeline stage on a site (for profiling; see issue 7's benchmarks for the real
//! measurements): `cargo run --release --example stages -- <site root>`.

use std::time::Instant;

use medleaf::config::{self, Overrides};
use medleaf::content;
use medleaf::date::Date;
use medleaf::health;
use medleaf::links::{self, SiteIndex};
use medleaf::markdown;
use medleaf::pipeline::{self, Options};
use medleaf::render;
use medleaf::taxonomy;
use rayon::prelude::*;

fn main() {
    let root = std::env::args().nth(1).expect("usage: stages <site root>");
    let today = Date::parse("2026-11-24").expect("valid date");
    let t = Instant::now();
    let config = config::load(root.as_ref(), &Overrides::default())
        .unwrap()
        .unwrap();
    let (site, _) = content::load(&config, false).unwrap();
    eprintln!("load      {:>8.1?}", t.elapsed());
    let t = Instant::now();
    let topics = taxonomy::topics(&site.pages);
    let _listings = taxonomy::listings(&site.pages);
    let generated = render::generated_urls(&topics, site.glossary.is_some(), &site.pages);
    let (mut index, _) = SiteIndex::new(&site, &generated);
    let (glossary, _) =
        health::glossary::load(site.glossary.as_ref().unwrap(), &site.pages, &index);
    index.add_generated_ids("/glossary/", glossary.entries.iter().map(|e| e.id.clone()));
    eprintln!("index     {:>8.1?}", t.elapsed());
    let t = Instant::now();
    let env = markdown::Env {
        pages: &site.pages,
        index: &index,
        glossary: Some(&glossary),
        emergency_number: "911",
    };
    let rendered: Vec<_> = site
        .pages
        .par_iter()
        .map(|p| markdown::render(p, env))
        .collect();
    eprintln!("markdown  {:>8.1?}", t.elapsed());
    let t = Instant::now();
    let _ = links::check_anchors(&site.pages, &rendered, &index);
    let _ = links::graph(&site.pages, &rendered, &index, &topics);
    eprintln!("links     {:>8.1?}", t.elapsed());
    let t = Instant::now();
    let _ = health::check(&site.pages, &rendered, &config, today);
    eprintln!("health    {:>8.1?}", t.elapsed());
    let mut o = Options::new(&root);
    o.today = today;
    let built = pipeline::analyse(&o).unwrap().unwrap();
    let t = Instant::now();
    let templates = render::Templates::load(root.as_ref()).unwrap();
    let files = pipeline::render(&built, &templates, today).unwrap();
    eprintln!("templates {:>8.1?} ({} files)", t.elapsed(), files.len());
}
